-- Google-style phone screen: one coding problem worked through carefully, then a short
-- conversation on collaboration and handling ambiguity.
interview {
  id = "google_style",
  title = "Google-style phone screen",
  kind = "loop",
  description = "A 45-minute phone screen: a coding problem with clear reasoning and "
             .. "complexity analysis, then questions on how you work with others.",
  minutes = 45,
  rubric = "google_style",
  options = {
    roleLevel  = options.level(),
    role       = options.role(),
    company    = options.type("google-style"),
    difficulty = options.difficulty("medium"),
    minutes    = options.minutes(45, { 45, 60 }),
  },
}

function run(ctx)
  greet(ctx, { "Hi %s, thanks for joining the phone screen. We'll start with a coding problem "
                 .. "and finish with a few questions about how you work." })
  run_loop(ctx, {
    { name = "Coding", minutes = ctx.minutes * 0.65,
      pick = { kind = "coding", count = 1 } },
    { name = "Googleyness", minutes = ctx.minutes * 0.35,
      intro = "Let's switch gears and talk about how you work with people.",
      pick = { kind = "behavioral", tag = "google-style", count = 2 } },
  })
  return close("That's all for the screen. Thanks; your feedback report is ready now.")
end
