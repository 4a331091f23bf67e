-- Amazon-style loop: leadership-principle stories in every round, a coding round, a
-- design round for senior candidates, and a bar raiser who pushes for depth.
interview {
  id = "amazon_style",
  title = "Amazon-style loop",
  kind = "loop",
  description = "A compressed onsite loop: leadership-principle stories, coding, system design "
             .. "and a bar raiser. Expect follow-ups on data and your own role.",
  minutes = 60,
  rubric = "amazon_style",
  options = {
    industry  = options.industry(),
    roleLevel = options.level(),
    role      = options.role(),
    company   = options.type("amazon-style"),
    minutes   = options.minutes(60, { 45, 60 }),
  },
}

function run(ctx)
  greet(ctx, { "Hi %s, welcome to your loop. Each round has its own interviewer style; in all of "
                 .. "them, use real examples, say 'I' not 'we', and bring data." })
  local senior = ctx.roleLevel == "senior" or ctx.roleLevel == "staff"
  local m = ctx.minutes
  run_loop(ctx, {
    { name = "Leadership principles", minutes = m * 0.3,
      intro = "First round: tell me about times you put customers first and owned outcomes.",
      pick = { kind = "behavioral", tag = "amazon-style", count = 2 } },
    { name = "Coding", minutes = m * 0.3,
      intro = "Next, a coding problem. Talk me through your thinking as you go.",
      pick = { kind = "coding", count = 1 } },
    senior and { name = "System design", minutes = m * 0.25,
      intro = "Now let's design something together.",
      pick = { kind = "system_design", count = 1 } }
    or { name = "Deep dive", minutes = m * 0.2,
      intro = "Let's talk about how you dig into problems.",
      pick = { kind = "behavioral", tag = "amazon-style", competency = "dive-deep", count = 1 } },
    { name = "Bar raiser", minutes = m * 0.15,
      intro = "Last round. I'm the bar raiser: I'll push on the details of your stories.",
      pick = { kind = "behavioral", tag = "amazon-style", difficulty = "hard", count = 1 } },
  })
  return close("That's the end of your loop. Thank you; your feedback report is ready now.")
end
