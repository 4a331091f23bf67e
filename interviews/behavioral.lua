-- Behavioral interview: "tell me about yourself", a question on the candidate's own
-- resume when there is one, then STAR-style questions tailored to their industry, level
-- and (optionally) a company's style, each probed with up to two follow-ups.
interview {
  id = "behavioral",
  title = "Behavioral interview",
  kind = "behavioral",
  description = "Tell me about yourself plus STAR-style questions on leadership, conflict, "
             .. "failure, ownership and more, with follow-ups on what you say.",
  minutes = 30,
  rubric = "behavioral",
  options = {
    industry      = options.industry(),
    roleLevel     = options.level(),
    role          = options.role(),
    interviewType = options.type("behavioral"),
    company       = options.company(),
    questionCount = options.questions(6, 5, 10),
    minutes       = options.minutes(30),
    ownQuestions  = options.own_questions(),
  },
}

local openers = {
  "Hi %s, thanks for making the time today. This is a behavioral interview: I'll ask about "
    .. "real situations you've been in, and I may dig into the details.",
  "Hello %s, good to meet you. I'd like to hear concrete stories from your experience; "
    .. "specifics and results help most.",
}

function run(ctx)
  greet(ctx, openers)
  section("behavioral", ctx.minutes)

  local questions = { bank.get("tell-me-about-yourself") }
  table.insert(questions, resume_question(ctx))
  if ctx.ownQuestions then
    for _, q in ipairs(bank.pick { kind = "own", count = 2 }) do table.insert(questions, q) end
  end
  local left = ctx.questionCount - #questions
  if ctx.company ~= "none" and left > 0 then  -- half in the company's style
    local styled = pick(ctx, { kind = "behavioral", tag = ctx.company, count = math.ceil(left / 2) })
    for _, q in ipairs(styled) do table.insert(questions, q) end
    left = ctx.questionCount - #questions
  end
  if left > 0 then
    local general = pick(ctx, { kind = "behavioral", bank = "behavioral", count = left,
                                exclude = { "tell-me-about-yourself" } })
    for _, q in ipairs(general) do table.insert(questions, q) end
  end

  plan_questions(#questions)
  discuss_all(questions)
  return close("Thanks for walking me through those stories. Your feedback report is ready now.")
end
