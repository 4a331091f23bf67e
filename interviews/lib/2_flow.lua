-- The interview flow every format shares: greeting, planning "Question N of M", asking a
-- question and probing it, time boxes and the wrap-up.

-- Stop starting new main questions when fewer minutes than this remain.
WRAP_UP_MINUTES = 3

local planned = 0

-- Declares how many main questions the interview will ask ("Question 3 of 8").
function plan_questions(n)
  planned = math.max(1, n)
  plan(planned)
end

-- Questions that will not be asked after all (time ran out): the count stays right.
function skip_questions(n)
  if n > 0 and planned - n >= 1 then
    planned = planned - n
    plan(planned)
  end
end

-- True when the whole interview, or the current section's time box, is spent.
function out_of_time(reserve_minutes)
  local t = timer()
  if t.remaining <= (reserve_minutes or 0) then return true end
  return t.sectionRemaining ~= nil and t.sectionRemaining <= 0
end

-- The candidate's first name, or a friendly fallback.
function first_name(ctx)
  local name = ctx.candidate and ctx.candidate.name or ""
  return name:match("^%s*(%S+)") or "there"
end

-- Says one of the openers (chosen per session), with %s replaced by the first name. Every
-- format starts here, so it also notes what this engine offers (a code runner).
function greet(ctx, openers)
  CODE_RUNNER = ctx.codeRunner == true
  say(openers[math.random(#openers)]:format(first_name(ctx)))
end

-- Asks a main question, probes the answer with up to `max` follow-ups (the engine never
-- allows more than two), then acknowledges. Returns the last answer.
function discuss(q, max)
  local answer = ask(q)
  for _ = 1, (max or 2) do
    if out_of_time() then break end
    local probe = followup(q, answer)
    if not probe then break end
    answer = ask(probe)
  end
  acknowledge(answer)
  return answer
end

-- Asks each question in turn with `how` (default discuss) while time allows; returns how
-- many were asked. Questions left when time runs out are dropped from the plan.
function discuss_all(questions, how)
  how = how or discuss
  local asked = 0
  for i, q in ipairs(questions) do
    if asked > 0 and out_of_time(WRAP_UP_MINUTES) then
      skip_questions(#questions - i + 1)
      if timer().remaining <= WRAP_UP_MINUTES then say(time_check_message()) end
      break
    end
    how(q)
    asked = asked + 1
  end
  return asked
end

-- A later part of question `q` (a design phase, a case's analysis): same number in the
-- progress, labelled with `step`.
function part(q, step, text)
  local p = {}
  for k, v in pairs(q) do p[k] = v end
  p.id = q.id .. "#" .. step
  p.text = text
  p.step = step
  p.continues = true
  return p
end

-- Copies `q` with `step` set, for the first part of a multi-part question.
function first_part(q, step, text)
  local p = part(q, step, text or q.text)
  p.id = q.id
  p.continues = nil
  return p
end

-- Text as a spoken sentence: a capital first letter and closing punctuation
-- ("what if the input is empty" -> "What if the input is empty?").
function sentence(text)
  text = text:gsub("^%s+", ""):gsub("%s+$", "")
  text = text:sub(1, 1):upper() .. text:sub(2)
  if not text:match("[%.%?!]$") then text = text .. "?" end
  return text
end

-- bank.pick with the setup's level, industry and difficulty filled in.
function pick(ctx, filter)
  filter.level = filter.level or ctx.roleLevel
  filter.industry = filter.industry or ctx.industry
  if filter.difficulty == nil and ctx.difficulty and ctx.difficulty ~= "mixed" then
    filter.difficulty = ctx.difficulty
  end
  return bank.pick(filter)
end

-- Says goodbye. The engine scores a finished interview right after its last reply, so
-- the candidate is not kept waiting for it; call report() only to use the scores here.
function close(text)
  say(text or "That's all the time we have. Thanks for your answers; your feedback report is ready now.")
end

-- Ends politely when the time box is spent before the plan is done.
function time_check_message()
  return "We're almost out of time, so let's stop the questions here."
end
