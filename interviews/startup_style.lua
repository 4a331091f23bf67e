-- Startup-style full-stack loop: a founder chat about ownership and scrappiness, a
-- full-stack technical round, and a take-home style design debrief.
interview {
  id = "startup_style",
  title = "Startup-style full-stack loop",
  kind = "loop",
  description = "A founder chat, full-stack technical questions and a design debrief, the "
             .. "way small teams hire people who ship.",
  minutes = 45,
  rubric = "startup_style",
  options = {
    industry  = options.industry("tech"),
    roleLevel = options.level(),
    role      = options.role("Full-Stack Engineer"),
    company   = options.type("startup-style"),
    minutes   = options.minutes(45),
  },
}

function run(ctx)
  greet(ctx, { "Hey %s, great to meet you. We're a small team, so this is part chat, part "
                 .. "technical. Be yourself and tell me how you like to work." })
  local m = ctx.minutes
  run_loop(ctx, {
    { name = "Founder chat", minutes = m * 0.3,
      pick = { kind = "behavioral", tag = "startup-style", count = 2 } },
    { name = "Full-stack technical", minutes = m * 0.4,
      intro = "Let's get technical: how would you build and ship things here?",
      pick = { kind = "technical", tag = "startup-style", count = 2 } },
    { name = "Take-home debrief", minutes = m * 0.3,
      intro = "Finally, imagine this was your take-home: walk me through a design.",
      pick = { kind = "system_design", level = "mid", count = 1 } },
  })
  return close("Thanks for chatting with us. Your feedback report is ready now.")
end
