// mockroom_analytics_bench: how long the admin dashboard's queries take on a large database.
// Fills a fresh SQLite store with N sessions (funnel events, ratings, free usage and
// payments, spread over the weeks before now, as the engine writes them), then runs the
// dashboard repeatedly and prints each query's time (median and worst).
//
//   mockroom_analytics_bench [--sessions 100000] [--users 20000] [--weeks 26] [--runs 20]
//                            [--dashboard-weeks 12]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "analytics/dashboard.h"
#include "store/db.h"
#include "store/store.h"

using namespace mockroom;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int sessions = 100000;
  int users = 20000;
  int weeks = 26;
  int runs = 20;
  int dashboard_weeks = 12;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    int value = std::atoi(argv[i + 1]);
    if (flag == "--sessions") o.sessions = value;
    else if (flag == "--users") o.users = value;
    else if (flag == "--weeks") o.weeks = value;
    else if (flag == "--runs") o.runs = value;
    else if (flag == "--dashboard-weeks") o.dashboard_weeks = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      std::exit(2);
    }
  }
  if (o.sessions < 1 || o.users < 1 || o.weeks < 1 || o.runs < 1 || o.dashboard_weeks < 1) {
    std::fprintf(stderr, "every option must be at least 1\n");
    std::exit(2);
  }
  return o;
}

// Writes the rows the engine would have written, in one transaction.
void fill(const std::string& path, const Options& o, int64_t now_ms) {
  store::Db db(path);
  store::Transaction tx(db);
  std::mt19937_64 rng(42);
  auto users = db.prepare("INSERT INTO users(id, email, name, password_hash, role, created_at) VALUES(?,?,?,?,?,?)");
  for (int u = 1; u <= o.users; ++u) {
    users.reset();
    users.bind(1, int64_t{u}).bind(2, "user" + std::to_string(u) + "@example.com").bind(3, "User").bind(4, "-")
        .bind(5, "candidate").bind(6, (now_ms - int64_t{o.weeks} * store::kWeekMs) / 1000);
    users.run();
  }
  auto session = db.prepare(
      "INSERT INTO sessions(id, user_id, format_id, format_version, setup_json, status, created_at, updated_at) "
      "VALUES(?,?,'behavioral','v1','{}',?,?,?)");
  auto funnel = db.prepare(
      "INSERT INTO funnel_events(type, user_id, session_id, model_version, session_duration_seconds, at_ms) "
      "VALUES(?,?,?,?,?,?)");
  auto rating = db.prepare(
      "INSERT INTO ratings(session_id, user_id, model_version, realism, ease_of_use, feedback_helpfulness, "
      "overall_satisfaction, comment, rated_at_ms) VALUES(?,?,?,?,?,?,?,'',?)");
  auto usage = db.prepare("INSERT INTO usage(user_id, session_id, kind, tier_id, at_ms) VALUES(?,?,?,?,?)");
  const char* models[] = {"llm_rules@1.0.0", "gpt-4o-mini", "llama-3.1-8b"};
  std::uniform_int_distribution<int> pick_user(1, o.users), score(1, 5), percent(0, 99), model(0, 2);
  std::uniform_int_distribution<int64_t> when(now_ms - int64_t{o.weeks} * store::kWeekMs, now_ms);
  for (int s = 0; s < o.sessions; ++s) {
    std::string id = "s" + std::to_string(s);
    int64_t user = pick_user(rng), at = when(rng);
    bool complete = percent(rng) < 70;
    const char* m = models[model(rng)];
    session.reset();
    session.bind(1, id).bind(2, user).bind(3, complete ? "completed" : "ended").bind(4, at).bind(5, at);
    session.run();
    funnel.reset();
    funnel.bind(1, "session_start").bind(2, user).bind(3, id).bind(4, m).bind(5, int64_t{5}).bind(6, at);
    funnel.run();
    if (complete) {
      funnel.reset();
      funnel.bind(1, "session_complete").bind(2, user).bind(3, id).bind(4, m).bind(5, int64_t{2400}).bind(6, at + 2'400'000);
      funnel.run();
      if (percent(rng) < 40) {
        rating.reset();
        rating.bind(1, id).bind(2, user).bind(3, m).bind(4, int64_t{score(rng)}).bind(5, int64_t{score(rng)})
            .bind(6, int64_t{score(rng)}).bind(7, int64_t{score(rng)}).bind(8, at + 2'500'000);
        rating.run();
      }
    }
    usage.reset();
    usage.bind(1, user).bind(2, id).bind(3, percent(rng) < 60 ? "free" : "subscription").bind(4, "free").bind(5, at);
    usage.run();
  }
  auto paid = db.prepare(
      "INSERT INTO entitlements(user_id, tier_id, source, starts_at, ends_at, credits_total, payment_ref, created_at) "
      "VALUES(?,'premium_monthly','payment',?,?,0,?,?)");
  for (int u = 1; u <= o.users; u += 20) {  // one user in twenty pays
    int64_t at = when(rng);
    paid.reset();
    paid.bind(1, int64_t{u}).bind(2, at).bind(3, at + 31LL * 24 * 3600 * 1000).bind(4, "cs_" + std::to_string(u)).bind(5, at);
    paid.run();
  }
  tx.commit();
  db.exec("ANALYZE");
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  auto dir = std::filesystem::temp_directory_path() / ("mockroom-analytics-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "mockroom.db").string();
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  int status = 0;
  {
    auto store = store::open_sqlite_store(path);  // creates and migrates the schema
    auto started = Clock::now();
    fill(path, o, now);
    std::printf("filled %d sessions of %d users over %d weeks in %.1f s\n", o.sessions, o.users, o.weeks,
                std::chrono::duration<double>(Clock::now() - started).count());
    std::map<std::string, std::vector<double>> times;
    std::vector<double> whole;
    for (int run = 0; run < o.runs; ++run) {
      auto t0 = Clock::now();
      auto d = analytics::dashboard(*store, analytics::last_weeks(o.dashboard_weeks, now), now);
      whole.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!d.ok()) {
        std::fprintf(stderr, "dashboard failed: %s\n", d.error().message.c_str());
        status = 1;
        break;
      }
      for (const auto& [name, ms] : (*d)["queryMs"].items()) times[name].push_back(ms.get<double>());
      if (run == 0) {
        std::printf("summary: %s\n", (*d)["summary"].dump().c_str());
      }
    }
    if (status == 0) {
      std::printf("\n%-20s %10s %10s   (%d runs, %d-week dashboard)\n", "query", "p50 ms", "max ms", o.runs,
                  o.dashboard_weeks);
      for (const auto& [name, v] : times) {
        std::printf("%-20s %10.2f %10.2f\n", name.c_str(), percentile(v, 0.5), *std::max_element(v.begin(), v.end()));
      }
      std::printf("%-20s %10.2f %10.2f\n", "whole dashboard", percentile(whole, 0.5), *std::max_element(whole.begin(), whole.end()));
    }
  }
  std::filesystem::remove_all(dir);
  return status;
}
