-- Case interview: business cases by industry. For each the candidate structures the
-- problem, gets the client's data, analyses it out loud and recommends.
interview {
  id = "case_study",
  title = "Case study interview",
  kind = "case_study",
  description = "Consulting-style business cases in tech, finance, healthcare or classic "
             .. "consulting: structure, numbers, and a recommendation.",
  minutes = 30,
  rubric = "case_study",
  options = {
    industry      = options.industry("consulting", { "consulting", "tech", "finance", "healthcare" }),
    roleLevel     = options.level(),
    interviewType = options.type("case_study"),
    difficulty    = options.difficulty(),
    questionCount = options.questions(1, 1, 3),
    minutes       = options.minutes(30),
  },
}

local openers = {
  "Hi %s, thanks for coming in. I'll give you a client situation; take a moment to structure "
    .. "it, ask for the data you need, and walk me through the numbers.",
  "Hello %s. We'll work a business case together. Think out loud, and feel free to take notes.",
}

function run(ctx)
  greet(ctx, openers)
  local cases = pick(ctx, { kind = "case_study", count = ctx.questionCount })
  plan_questions(#cases)
  section("case", ctx.minutes)
  discuss_all(cases, crack_case)
  return close("Thanks for working that case with me. Your feedback report is ready now.")
end
