-- Tailoring to the candidate's resume (uploaded with POST /api/me/resume), when there is one.

-- The candidate's most recent role from their resume, or nil.
function recent_role(ctx)
  local r = ctx.candidate and ctx.candidate.resume
  if not r or not r.roles or #r.roles == 0 then return nil end
  return r.roles[1]
end

-- A question about the candidate's own recent work, or nil without a resume.
function resume_question(ctx)
  local role = recent_role(ctx)
  if not role or role.title == "" or role.company == "" then return nil end
  local r = ctx.candidate.resume
  local tech = ""
  if r.technologies and #r.technologies > 0 then
    tech = " with " .. table.concat(r.technologies, ", ", 1, math.min(2, #r.technologies))
  end
  return {
    id = "adhoc-resume-recent-role",
    kind = "behavioral",
    competency = "impact",
    text = ("I see you worked as %s at %s. Tell me about a piece of work there%s that you are proud of: "
            .. "what was the problem, what was your part, and what came of it?"):format(role.title, role.company, tech),
    concepts = { "problem", "personal contribution", "decisions", "result", "impact", "learning" },
    hints = { "what exactly did you own versus the team", "how did you measure the result",
              "what would you do differently now" },
  }
end
