-- Mixed interview: a behavioral half and a technical half, each with its own time box.
interview {
  id = "mixed",
  title = "Mixed interview (behavioral + technical)",
  kind = "mixed",
  description = "Half behavioral stories, half technical questions on your stack: the shape "
             .. "of many first-round interviews.",
  minutes = 45,
  rubric = "mixed",
  options = {
    technologies  = options.technologies({ "python", "backend" }),
    industry      = options.industry(),
    roleLevel     = options.level(),
    role          = options.role(),
    interviewType = options.type("mixed"),
    questionCount = options.questions(6, 4, 10),
    minutes       = options.minutes(45),
  },
}

function run(ctx)
  greet(ctx, { "Hi %s, welcome. We'll spend the first half on your experience and the second "
                 .. "half on technical questions." })
  local half = ctx.questionCount // 2
  local stories = {}
  table.insert(stories, resume_question(ctx))  -- their own recent work first, with a resume
  for _, q in ipairs(pick(ctx, { kind = "behavioral", bank = "behavioral", count = half - #stories })) do
    table.insert(stories, q)
  end
  local technical = pick(ctx, { kind = "technical", bank = "technical", tags = ctx.technologies,
                                count = ctx.questionCount - half })
  plan_questions(#stories + #technical)

  section("behavioral", ctx.minutes / 2)
  discuss_all(stories)
  if timer().remaining > WRAP_UP_MINUTES then
    say("Thanks. Let's switch to some technical questions now.")
    section("technical", ctx.minutes / 2)
    discuss_all(technical)
  else
    skip_questions(#technical)
  end
  return close("That's all from me. Thanks for your time; your feedback report is ready now.")
end
