// ConsoleServices: what the admin console's handlers (engine/api/admin_*.cpp) work with,
// gathered in one place so that a new console area adds a member here rather than a
// parameter to Api. Everything is owned by main() (or a test) and outlives the Api.
#pragma once

#include <cstdint>
#include <functional>

#include "admin/audit_log.h"
#include "authoring/question_bank.h"
#include "authoring/rubrics.h"
#include "authoring/script_studio.h"
#include "billing/billing_service.h"
#include "billing/payments.h"
#include "config/provider_settings.h"
#include "plugin/registry.h"
#include "script/catalog.h"
#include "session/session_manager.h"
#include "store/store.h"

namespace mockroom::api {

struct ConsoleServices {
  store::Store& store;
  session::SessionManager& sessions;
  script::Catalog& catalog;
  plugin::Registry& plugins;
  config::ProviderSettings& providers;
  admin::AuditLog& audit;
  billing::BillingService& billing;
  billing::Payments& payments;
  authoring::QuestionBank& questions;
  authoring::RubricEditor& rubrics;
  authoring::ScriptStudio& studio;
  std::function<int64_t()> now_ms;  // wall clock, unix ms
};

}  // namespace mockroom::api
