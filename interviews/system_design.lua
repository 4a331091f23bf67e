-- System design interview: one or two designs, each in four phases (requirements,
-- high-level design, a deep dive, trade-offs), probed on what the candidate proposes.
interview {
  id = "system_design",
  title = "System design interview",
  kind = "system_design",
  description = "Design a real system at scale: pin down requirements, sketch the "
             .. "architecture, go deep on the hard part and defend the trade-offs.",
  minutes = 45,
  rubric = "system_design",
  options = {
    industry      = options.industry(),
    roleLevel     = options.level("senior"),
    role          = options.role(),
    interviewType = options.type("system_design"),
    difficulty    = options.difficulty(),
    questionCount = options.questions(1, 1, 2),
    minutes       = options.minutes(45),
  },
}

local openers = {
  "Hi %s, thanks for joining. Today we'll design a system together. There is no single right "
    .. "answer; I want to see how you reason about requirements, scale and trade-offs.",
  "Hello %s. This is a system design conversation: treat me as a colleague, ask questions, "
    .. "and think out loud.",
}

function run(ctx)
  greet(ctx, openers)
  local designs = pick(ctx, { kind = "system_design", count = ctx.questionCount })
  plan_questions(#designs)
  section("system design", ctx.minutes)
  discuss_all(designs, design)
  return close("Thanks, I enjoyed that design discussion. Your feedback report is ready now.")
end
