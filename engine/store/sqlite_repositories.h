// The SQLite repositories SqliteStore hands out beside its own methods (Store::admin(),
// ...), each in its own file, all on the connections SqliteAccess lends them.
#pragma once

#include <memory>

#include "store/admin_store.h"
#include "store/analytics_store.h"
#include "store/authoring_store.h"
#include "store/billing_store.h"
#include "store/sqlite_access.h"

namespace mockroom::store {

std::unique_ptr<AdminStore> make_sqlite_admin_store(const SqliteAccess& access);
std::unique_ptr<AuthoringStore> make_sqlite_authoring_store(const SqliteAccess& access);
std::unique_ptr<BillingStore> make_sqlite_billing_store(const SqliteAccess& access);
std::unique_ptr<AnalyticsStore> make_sqlite_analytics_store(const SqliteAccess& access);

}  // namespace mockroom::store
