-- Meta-style loop: two quick coding problems (speed matters), a product-minded technical
-- question, then a behavioral round on impact, conflict and growth.
interview {
  id = "meta_style",
  title = "Meta-style coding + behavioral",
  kind = "loop",
  description = "Two coding problems at pace, a product and scale discussion, then a "
             .. "behavioral round focused on impact and how you handle conflict.",
  minutes = 60,
  rubric = "meta_style",
  options = {
    roleLevel = options.level(),
    role      = options.role(),
    company   = options.type("meta-style"),
    minutes   = options.minutes(60, { 45, 60 }),
  },
}

function run(ctx)
  greet(ctx, { "Hi %s, welcome. We'll move quickly through two coding problems, talk about a "
                 .. "product problem, and finish with your experience." })
  local m = ctx.minutes
  run_loop(ctx, {
    { name = "Coding", minutes = m * 0.5,
      intro = "Two problems in this round, so keep an eye on the clock.",
      pick = { kind = "coding", count = 2 } },
    { name = "Product and scale", minutes = m * 0.15,
      pick = { kind = "technical", tag = "meta-style", count = 1 } },
    { name = "Behavioral", minutes = m * 0.35,
      intro = "Now I'd like to hear about your experience.",
      pick = { kind = "behavioral", tag = "meta-style", count = 2 } },
  })
  return close("That's the end of the loop. Thanks; your feedback report is ready now.")
end
