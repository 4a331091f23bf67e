-- Technical interview: conversational questions on the technologies the candidate works
-- with (Python, JavaScript, React, Java, SQL, backend, frontend, data), at their level,
-- each probed with up to two follow-ups on what they said.
interview {
  id = "technical",
  title = "Technical interview",
  kind = "technical",
  description = "Role and technology questions on fundamentals, debugging, performance and "
             .. "design trade-offs in the stack you choose.",
  minutes = 45,
  rubric = "technical",
  options = {
    technologies  = options.technologies({ "python", "sql" }),
    industry      = options.industry(),
    roleLevel     = options.level(),
    role          = options.role(),
    interviewType = options.type("technical"),
    difficulty    = options.difficulty(),
    questionCount = options.questions(6, 3, 10),
    minutes       = options.minutes(45),
  },
}

local openers = {
  "Hi %s, welcome. This is a technical conversation: no code to write, but I'll ask you to "
    .. "explain how things work and why, and I'll dig into your answers.",
  "Hello %s, thanks for joining. I'll ask about the technologies you work with; thinking out "
    .. "loud is welcome, and it's fine to say what you would look up.",
}

function run(ctx)
  greet(ctx, openers)
  local questions = pick(ctx, { kind = "technical", bank = "technical", tags = ctx.technologies,
                                count = ctx.questionCount })
  plan_questions(#questions)
  section("technical", ctx.minutes)
  discuss_all(questions)
  return close("Thanks, that was a good technical conversation. Your feedback report is ready now.")
end
