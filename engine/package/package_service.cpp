#include "package/package_service.h"

#include <algorithm>
#include <map>

#include "package/window.h"
#include "script/format.h"
#include "util/crypto.h"

namespace mockroom::package {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxTimezoneBytes = 64;

// Drills for a weak report category, in the candidate's words.
const std::map<std::string, std::string> kDrills = {
    {"Communication", "Answer out loud and time yourself: lead with the point in one sentence, "
                      "keep each answer to about two minutes, and cut filler words."},
    {"Problem Solving", "Rewrite your two weakest stories as Situation, Task, Action, Result, "
                        "with your own decisions and a number in the result."},
    {"Algorithm Reasoning", "For every practice problem, say the brute force, then the better "
                            "approach, and its time and space complexity, before coding."},
    {"Coding", "Do three timed problems in your interview language and test edge cases "
               "(empty, one element, duplicates, the largest input) before you submit."},
    {"Technical Knowledge", "Pick the two topics you missed points on, read up on them, and "
                            "explain each out loud in two minutes: what it is, what it costs, "
                            "and when it breaks."},
    {"Culture Fit", "Read the company's stated values and map one of your stories to each, "
                    "with what you did yourself and what changed because of it."},
    {"Confidence", "Record your answers and cut every \"I think\" and \"maybe\" that is not "
                   "a real doubt; say the point as a fact, then the reason."},
};

// The drill for a report category; coaches' own categories get the general one.
std::string drill_for(const std::string& category) {
  auto it = kDrills.find(category);
  if (it != kDrills.end()) return it->second;
  return "Redo the questions where " + category + " scored lowest and compare the two reports.";
}

std::string company_format(const std::string& company) {
  std::string id = company;
  std::replace(id.begin(), id.end(), '-', '_');  // "amazon-style" -> "amazon_style"
  return id;
}

json item(const std::string& key, const std::string& title, const std::string& format,
          json setup, const std::string& when) {
  return {{"key", key}, {"title", title}, {"format", format}, {"setup", std::move(setup)},
          {"suggestedFor", when}, {"sessionId", nullptr}};
}

json with(json base, const json& extra) {
  base.update(extra);
  return base;
}

std::string status_of(const json& session) {
  if (!session.is_object()) return "not_started";
  std::string s = session.value("status", "");
  if (s == "completed" || s == "ended") return "completed";
  if (s == "failed") return "failed";
  return "in_progress";
}

}  // namespace

json weekend_plan(const json& setup) {
  json common = setup;
  common.erase("timezone");
  std::string company = setup.value("company", "none");
  std::string level = setup.value("roleLevel", "mid");
  json plan = json::array();
  plan.push_back(item("baseline", "Baseline assessment", "mixed",
                      with(common, {{"questionCount", 4}, {"minutes", 30}}), "Friday evening"));
  if (company != "none") {
    plan.push_back(item("mock-company", "Full " + company + " loop", company_format(company), common,
                        "Saturday morning"));
  } else {
    plan.push_back(item("mock-behavioral", "Full behavioral mock", "behavioral",
                        with(common, {{"questionCount", 8}, {"minutes", 45}}), "Saturday morning"));
  }
  plan.push_back(item("mock-coding", "Coding mock", "coding",
                      with(common, {{"questionCount", 2}, {"minutes", 45}}), "Saturday afternoon"));
  plan.push_back(item("mock-technical", "Technical mock", "technical",
                      with(common, {{"minutes", 45}}), "Saturday evening"));
  if (level == "senior" || level == "staff") {
    plan.push_back(item("mock-design", "System design mock", "system_design",
                        with(common, {{"minutes", 45}}), "Sunday morning"));
  }
  plan.push_back(item("resume", "Resume and behavioral session, with your own questions", "behavioral",
                      with(common, {{"ownQuestions", true}, {"questionCount", 6}, {"minutes", 30}}),
                      "Sunday afternoon"));
  return plan;
}

PackageService::PackageService(store::Store& store, session::SessionManager& sessions,
                               const script::Catalog& catalog, std::function<int64_t()> now)
    : store_(store), sessions_(sessions), catalog_(catalog), now_(std::move(now)) {}

Result<json> PackageService::create(const store::User& user, const json& request) {
  if (!request.is_object()) return invalid("the request must be a JSON object");
  if (!request.contains("timezone") || !request["timezone"].is_string()) {
    return invalid("'timezone' is required: an IANA name like Europe/Berlin");
  }
  std::string tz = request["timezone"].get<std::string>();
  if (tz.size() > kMaxTimezoneBytes) return invalid("'timezone' is too long");
  auto window = weekend_window(tz, now_());
  if (!window.ok()) return window.error();
  for (const auto& [key, value] : request.items()) {
    static const std::vector<std::string> known = {"timezone", "company", "role", "roleLevel",
                                                   "industry", "technologies"};
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return invalid("a package has no setting '" + key + "'");
    }
  }
  auto existing = store_.list_packages(user.id);
  if (!existing.ok()) return existing.error();
  auto open = std::count_if(existing->begin(), existing->end(),
                            [&](const auto& p) { return p.ends_at >= now_(); });
  if (open >= kMaxOpenPackagesPerUser) {
    return conflict("you already have " + std::to_string(open) + " packages that have not ended");
  }
  std::string company = request.value("company", json("none")).is_string()
                            ? request.value("company", "none") : std::string("?");
  if (company != "none" && !catalog_.format(company_format(company))) {
    std::string choices = "none";
    for (const auto* f : catalog_.formats()) {
      if (f->meta.value("kind", "") != "loop") continue;
      std::string tag = f->record.id;
      std::replace(tag.begin(), tag.end(), '_', '-');
      choices += ", " + tag;
    }
    return invalid("'company' must be one of " + choices);
  }
  json plan = weekend_plan(request);
  for (auto& entry : plan) {  // each item's setup, checked against its format now
    const script::FormatEntry* format = catalog_.format(entry["format"].get<std::string>());
    if (!format) return invalid("this server has no '" + entry["format"].get<std::string>() + "' format");
    json wanted = json::object();
    json declared = format->meta.value("options", json::object());
    for (const auto& [key, value] : entry["setup"].items()) {
      if (declared.contains(key)) wanted[key] = value;
    }
    auto setup = script::resolve_setup(format->meta, wanted);
    if (!setup.ok()) return invalid(entry["title"].get<std::string>() + ": " + setup.error().message);
    entry["setup"] = *setup;
  }
  store::PackageRecord rec{crypto::new_id(), user.id, "weekend", tz, window->starts_at, window->ends_at,
                           request.dump(), plan.dump(), now_()};
  if (auto st = store_.create_package(rec); !st.ok()) return st.error();
  return render(rec);
}

Result<store::PackageRecord> PackageService::owned(int64_t user_id, const std::string& id) {
  auto rec = store_.find_package(id);
  if (!rec.ok()) return rec.error();
  if (rec->user_id != user_id) return not_found("package not found");
  return rec;
}

Result<json> PackageService::list(int64_t user_id) {
  auto rows = store_.list_packages(user_id);
  if (!rows.ok()) return rows.error();
  json out = json::array();
  for (const auto& p : *rows) {
    auto view = render(p);
    if (!view.ok()) return view.error();
    view->erase("summary");
    out.push_back(std::move(view.value()));
  }
  return json{{"packages", out}};
}

Result<json> PackageService::view(int64_t user_id, const std::string& id) {
  auto rec = owned(user_id, id);
  if (!rec.ok()) return rec.error();
  return render(*rec);
}

Result<json> PackageService::render(const store::PackageRecord& p) {
  json items = json::parse(p.plan_json);
  int done = 0;
  for (auto& entry : items) {
    json session = nullptr;
    if (entry["sessionId"].is_string()) {
      auto s = store_.find_session(entry["sessionId"].get<std::string>());
      if (s.ok()) {
        session = {{"id", s->id}, {"status", s->status},
                   {"summary", json::parse(s->summary_json, nullptr, false)}};
      }
    }
    entry["session"] = session;
    entry["status"] = status_of(session);
    done += entry["status"] == "completed";
  }
  int64_t now = now_();
  std::string state = now < p.starts_at ? "upcoming" : now > p.ends_at ? "closed" : "open";
  json setup = json::parse(p.setup_json);
  std::string company = setup.value("company", "none");
  json view = {{"id", p.id}, {"kind", p.kind}, {"timezone", p.timezone}, {"state", state},
               {"window", {{"startsAt", p.starts_at}, {"endsAt", p.ends_at},
                           {"startsLocal", local_time_label(p.timezone, p.starts_at)},
                           {"endsLocal", local_time_label(p.timezone, p.ends_at)}}},
               {"setup", setup}, {"plan", items},
               {"progress", {{"completed", done}, {"total", items.size()}}},
               {"bankAccess", company == "none" ? json(nullptr)
                                                : json{{"tag", company}, {"search", "/api/questions?tag=" + company}}},
               {"summary", nullptr}};
  auto own = store_.list_user_questions(p.user_id);
  if (own.ok()) view["ownQuestions"] = own->size();
  if (done == static_cast<int>(items.size()) || state == "closed") view["summary"] = summary(p.user_id, items);
  return view;
}

json PackageService::summary(int64_t user_id, const json& items) {
  std::map<std::string, std::pair<double, int>> by_category;
  double total = 0;
  int scored = 0;
  std::vector<std::string> next_steps;
  std::string lowest_title;
  int lowest = 101;
  for (const auto& entry : items) {
    if (entry["status"] != "completed") continue;
    auto report = sessions_.report(user_id, entry["sessionId"].get<std::string>());
    if (!report.ok() || !report->is_object()) continue;
    int overall = report->value("overallScore", 0);
    total += overall;
    ++scored;
    if (overall < lowest) lowest = overall, lowest_title = entry["title"].get<std::string>();
    for (const auto& c : report->value("categories", json::array())) {
      if (!c.value("assessed", false)) continue;
      auto& [sum, n] = by_category[c.value("name", "")];
      sum += c.value("score", 0);
      ++n;
    }
    std::string step = report->value("nextStep", "");
    if (!step.empty() && std::find(next_steps.begin(), next_steps.end(), step) == next_steps.end()) {
      next_steps.push_back(step);
    }
  }
  if (scored == 0) return {{"sessionsScored", 0}, {"message", "No session of this plan was completed."}};
  std::vector<std::pair<std::string, double>> categories;
  json averages = json::object();
  for (const auto& [name, acc] : by_category) {
    double avg = acc.first / acc.second;
    categories.emplace_back(name, avg);
    averages[name] = static_cast<int>(avg + 0.5);
  }
  std::sort(categories.begin(), categories.end(), [](auto& a, auto& b) { return a.second < b.second; });
  json practice = json::array();
  for (std::size_t i = 0; i < categories.size() && i < 2; ++i) {
    practice.push_back({{"focus", categories[i].first}, {"action", drill_for(categories[i].first)}});
  }
  practice.push_back({{"focus", "Retake"}, {"action", "Retake the " + lowest_title +
                                                      " within a week and compare the reports."}});
  for (std::size_t i = 0; i < next_steps.size() && i < 3; ++i) {
    practice.push_back({{"focus", "From your reports"}, {"action", next_steps[i]}});
  }
  return {{"sessionsScored", scored},
          {"averageScore", static_cast<int>(total / scored + 0.5)},
          {"categoryAverages", averages},
          {"strongest", categories.back().first},
          {"weakest", categories.front().first},
          {"practicePlan", practice}};
}

Result<json> PackageService::start_item(const store::User& user, const std::string& id,
                                        const std::string& key) {
  std::lock_guard lock(start_mu_);
  auto rec = owned(user.id, id);
  if (!rec.ok()) return rec.error();
  int64_t now = now_();
  if (now < rec->starts_at) {
    return conflict("this package opens " + local_time_label(rec->timezone, rec->starts_at) + " (" +
                    rec->timezone + ")");
  }
  if (now > rec->ends_at) {
    return conflict("this package closed " + local_time_label(rec->timezone, rec->ends_at) + " (" +
                    rec->timezone + ")");
  }
  json plan = json::parse(rec->plan_json);
  auto it = std::find_if(plan.begin(), plan.end(), [&](const json& e) { return e["key"] == key; });
  if (it == plan.end()) return not_found("this package has no plan item '" + key + "'");
  if ((*it)["sessionId"].is_string()) {
    auto s = store_.find_session((*it)["sessionId"].get<std::string>());
    if (s.ok() && s->status != "failed") {
      return conflict("'" + (*it)["title"].get<std::string>() + "' was already started: interview " + s->id);
    }
  }
  auto created = sessions_.create(user, (*it)["format"].get<std::string>(), (*it)["setup"],
                                  {{"package", {{"id", id}, {"item", key}}}});
  if (!created.ok()) return created.error();
  (*it)["sessionId"] = (*created)["id"];
  if (auto st = store_.update_package_plan(id, plan.dump()); !st.ok()) return st.error();
  return created;
}

bool PackageService::has_bank_access(int64_t user_id, const std::string& company_tag) {
  auto rows = store_.list_packages(user_id);
  if (!rows.ok()) return false;
  return std::any_of(rows->begin(), rows->end(), [&](const store::PackageRecord& p) {
    return json::parse(p.setup_json).value("company", "none") == company_tag;
  });
}

}  // namespace mockroom::package
