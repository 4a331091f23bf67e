-- Behavioral interview: "tell me about yourself", then questions tailored to the
-- candidate's industry and level, each probed with up to two follow-ups.
interview {
  id = "behavioral",
  title = "Behavioral interview",
  kind = "behavioral",
  description = "Tell me about yourself plus STAR-style questions on leadership, conflict, "
             .. "failure, ownership and more, with follow-ups on what you say.",
  minutes = 30,
  rubric = "behavioral",
  options = {
    industry      = { default = "general", choices = { "general", "tech", "finance", "healthcare" } },
    roleLevel     = { default = "mid", choices = { "entry", "mid", "senior", "staff" } },
    interviewType = { default = "behavioral", choices = { "behavioral" } },
    questionCount = { default = 6, min = 5, max = 10 },
  },
}

local openers = {
  "Hi %s, thanks for making the time today. This is a behavioral interview: I'll ask about "
    .. "real situations you've been in, and I may dig into the details.",
  "Hello %s, good to meet you. Over the next half hour I'd like to hear concrete stories from "
    .. "your experience; specifics and results help most.",
}

-- Ask one main question and probe the answer with at most two follow-ups.
local function discuss(q)
  local answer = ask(q)
  for _ = 1, 2 do
    local probe = followup(q, answer)
    if not probe then break end
    answer = ask(probe)
  end
  acknowledge(answer)
end

function run(ctx)
  say(openers[math.random(#openers)]:format(ctx.candidate.name))
  section("behavioral", 30)
  discuss(bank.get("tell-me-about-yourself"))

  local picks = bank.pick {
    kind = "behavioral", level = ctx.roleLevel, industry = ctx.industry,
    count = ctx.questionCount - 1, exclude = { "tell-me-about-yourself" },
  }
  for _, q in ipairs(picks) do
    discuss(q)
  end

  say("Thanks for walking me through those stories. Your feedback report is ready now.")
  return report()
end
