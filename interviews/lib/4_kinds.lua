-- How each kind of question is run: a coding problem, a system design, a business case.
-- Each is one main question in the progress, asked in parts; follow-ups stay within the
-- engine's limit of two per main question.

-- Probes `answer` to part `p` once, if the interviewer finds something worth asking.
local function probe(q, answer)
  if out_of_time() then return answer end
  local f = followup(q, answer)
  if f then return ask(f) end
  return answer
end

-- A coding problem: clarify and plan, write the code in the editor, then complexity and
-- tests, and the problem's own follow-up if time allows.
-- Whether Run and Submit work here (ctx.codeRunner; set by greet).
CODE_RUNNER = false

function solve(q)
  local plan = ask(first_part(q, "approach", q.text .. " Ask me anything you need to clarify, "
    .. "then talk me through your approach before you write code."))
  probe(q, plan)
  ask(part(q, "implementation", CODE_RUNNER
    and "Sounds good. Write your solution in the editor. Use Run to try it on your own input and "
        .. "Submit to check it against the hidden tests, then send me a short note on how it works."
    or "Sounds good. Write your solution in the editor, and send it with a short note on how it works."))
  local review = ask(part(q, "review", "What are the time and space complexity of your solution, "
    .. "and which test cases would you run to convince yourself it is correct?"))
  if q.followups and #q.followups > 0 and not out_of_time(WRAP_UP_MINUTES) then
    review = ask(part(q, "extension", sentence(q.followups[1])))
  end
  acknowledge(review)
end

local function listing(items)
  if not items or #items == 0 then return "" end
  return table.concat(items, "; ")
end

-- A system design: requirements, high-level design, a deep dive, trade-offs.
function design(q)
  local answer = ask(first_part(q, "requirements", q.text .. " Before designing anything, which "
    .. "requirements and numbers would you pin down?"))
  answer = probe(q, answer)
  if q.requirements then
    say("Let's align on scope. It must: " .. listing(q.requirements.functional) .. ". And: "
        .. listing(q.requirements.nonFunctional) .. ".")
  end
  answer = ask(part(q, "high-level design", "Sketch the high-level design: the main components, "
    .. "the data they keep, and how a request flows through them."))
  local deep = (q.hints and q.hints[1]) and ("Let's go deeper. " .. sentence(q.hints[1]))
               or "Pick the hardest component and take me through it in detail."
  answer = ask(part(q, "deep dive", deep))
  answer = probe(q, answer)
  answer = ask(part(q, "trade-offs", "What trade-offs did you make, what fails first at ten "
    .. "times the load, and what would you change?"))
  acknowledge(answer)
end

-- A business case: structure, the client's data, the analysis and a recommendation.
function crack_case(q)
  local answer = ask(first_part(q, "structure", q.text .. " How would you structure your approach?"))
  answer = probe(q, answer)
  if q.facts and #q.facts > 0 then
    say("Good. Here is what the client's team shared with us. " .. table.concat(q.facts, " "))
  end
  ask(part(q, "analysis", "Using those figures, walk me through your analysis. Say your numbers "
    .. "out loud as you go."))
  answer = ask(part(q, "recommendation", "What do you recommend to the client, and what are the "
    .. "main risks or next steps?"))
  acknowledge(answer)
end

-- The right way to run a bank question of any kind.
function run_question(q)
  if q.kind == "coding" then return solve(q) end
  if q.kind == "system_design" then return design(q) end
  if q.kind == "case_study" then return crack_case(q) end
  return discuss(q)
end
