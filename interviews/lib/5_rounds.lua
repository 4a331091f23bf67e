-- Company-style loops: several rounds, each a time-boxed section with its own
-- interviewer introduction and question mix.
--
--   run_loop(ctx, {
--     { name = "Coding", minutes = 20, intro = "...", pick = { kind = "coding", count = 1 } },
--     ...
--   })
--
-- A round's `pick` is a bank.pick filter (the setup's level and industry are filled in).
-- Rounds that find no questions are skipped; the plan covers what was found.

local function questions_for(ctx, round)
  local filter = {}
  for k, v in pairs(round.pick) do filter[k] = v end
  return pick(ctx, filter)
end

function run_loop(ctx, rounds)
  local lists, total = {}, 0
  for i, round in ipairs(rounds) do
    lists[i] = questions_for(ctx, round)
    total = total + #lists[i]
  end
  plan_questions(total)
  for i, round in ipairs(rounds) do
    local qs = lists[i]
    if #qs > 0 then
      if timer().remaining <= WRAP_UP_MINUTES then
        local left = 0
        for j = i, #rounds do left = left + #lists[j] end
        skip_questions(left)
        say(time_check_message())
        break
      end
      section(round.name, round.minutes)
      if round.intro then say(round.intro) end
      discuss_all(qs, run_question)
    end
  end
end
