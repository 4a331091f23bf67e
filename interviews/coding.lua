-- Coding interview: one or two problems. For each, the candidate clarifies and plans
-- aloud, writes the solution in the editor, then discusses complexity and tests.
interview {
  id = "coding",
  title = "Coding interview",
  kind = "coding",
  description = "One or two algorithm problems with an editor: clarify, plan, code, then "
             .. "complexity and testing, as in a real coding round.",
  minutes = 45,
  rubric = "coding",
  options = {
    language      = options.language(),
    roleLevel     = options.level(),
    interviewType = options.type("coding"),
    difficulty    = options.difficulty(),
    questionCount = options.questions(1, 1, 2),
    minutes       = options.minutes(45),
  },
}

local openers = {
  "Hi %s, welcome to the coding round. I care as much about how you think as about the "
    .. "final code, so please talk me through your reasoning.",
  "Hello %s. We'll work through a coding problem together; ask questions whenever something "
    .. "is unclear, and tell me what you're thinking as you go.",
}

function run(ctx)
  greet(ctx, openers)
  local problems = bank.pick { kind = "coding", level = ctx.roleLevel, count = ctx.questionCount,
                               difficulty = ctx.difficulty ~= "mixed" and ctx.difficulty or nil }
  plan_questions(#problems)
  section("coding", ctx.minutes)
  discuss_all(problems, solve)
  return close("Thanks for working through that with me. Your feedback report is ready now.")
end
