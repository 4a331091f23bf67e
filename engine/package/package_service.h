// Prep packages. A weekend package is a plan of sessions valid from Friday 18:00 to
// Sunday 23:59 in the candidate's time zone: a baseline assessment, three or four full
// mocks, a resume and behavioral session (with the candidate's own questions), access to
// the company-style question bank, and at the end a summary with a practice plan.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "script/catalog.h"
#include "session/session_manager.h"
#include "store/store.h"

namespace mockroom::package {

constexpr int kMaxOpenPackagesPerUser = 3;

class PackageService {
 public:
  // `now` returns unix seconds.
  PackageService(store::Store& store, session::SessionManager& sessions,
                 const script::Catalog& catalog, std::function<int64_t()> now);

  // {timezone, company?, role?, roleLevel?, industry?, technologies?} -> the package view.
  Result<nlohmann::json> create(const store::User& user, const nlohmann::json& request);
  Result<nlohmann::json> list(int64_t user_id);
  // The plan with each item's progress, the window and, once the plan is done or the
  // window has closed, the summary and practice plan.
  Result<nlohmann::json> view(int64_t user_id, const std::string& id);
  // Starts (or, if its session failed, restarts) plan item `item` while the window is open.
  Result<nlohmann::json> start_item(const store::User& user, const std::string& id,
                                    const std::string& item);
  // Whether the candidate holds a package granting access to `company_tag`'s bank.
  bool has_bank_access(int64_t user_id, const std::string& company_tag);

 private:
  Result<store::PackageRecord> owned(int64_t user_id, const std::string& id);
  Result<nlohmann::json> render(const store::PackageRecord& package);
  nlohmann::json summary(int64_t user_id, const nlohmann::json& items);

  store::Store& store_;
  session::SessionManager& sessions_;
  const script::Catalog& catalog_;
  std::function<int64_t()> now_;
  std::mutex start_mu_;  // one start at a time, so an item never gets two sessions
};

// The plan for a setup: items {key, title, format, setup, suggestedFor}.
nlohmann::json weekend_plan(const nlohmann::json& setup);

}  // namespace mockroom::package
