-- Standard setup options, so every format offers the same choices under the same names.
-- Each returns an option declaration for interview{ options = {...} }; pass a default to
-- override the usual one.

options = {}

options.INDUSTRIES = { "general", "tech", "finance", "healthcare" }
options.LEVELS = { "entry", "mid", "senior", "staff" }
options.COMPANIES = { "none", "amazon-style", "google-style", "meta-style", "startup-style" }
options.TECHNOLOGIES = { "python", "javascript", "react", "java", "sql", "backend", "frontend", "data" }
options.LANGUAGES = { "python", "cpp", "javascript" }

function options.industry(default, choices)
  return { default = default or "general", choices = choices or options.INDUSTRIES, label = "Industry" }
end

function options.level(default)
  return { default = default or "mid", choices = options.LEVELS, label = "Level" }
end

function options.role(default)
  return { default = default or "Software Engineer", maxLength = 80, label = "Role you are preparing for" }
end

function options.type(default, choices)
  return { default = default, choices = choices or { default }, label = "Interview type" }
end

function options.company(default)
  return { default = default or "none", choices = options.COMPANIES, label = "Company style" }
end

function options.difficulty(default)
  return { default = default or "mixed", choices = { "mixed", "easy", "medium", "hard" }, label = "Difficulty" }
end

function options.questions(default, min, max)
  return { default = default, min = min, max = max, label = "Number of questions" }
end

function options.minutes(default, choices)
  return { default = default or 45, choices = choices or { 30, 45, 60 }, label = "Length (minutes)" }
end

function options.technologies(default)
  return { default = default or { "python" }, choices = options.TECHNOLOGIES, multiple = true,
           label = "Technologies" }
end

function options.language(default)
  return { default = default or "python", choices = options.LANGUAGES, label = "Coding language" }
end

function options.own_questions(default)
  return { default = default or false, label = "Include my own questions" }
end
