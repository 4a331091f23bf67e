// Numbered schema migrations. Migration N brings PRAGMA user_version from N-1 to N.
// Never edit a migration that has shipped; append a new one.
#pragma once

#include "store/db.h"

namespace mockroom::store {

int latest_schema_version();

// Applies every migration newer than the database's user_version up to `target`, each in
// its own transaction. Throws if the database is newer than this build understands.
void migrate(Db& db, int target = latest_schema_version());

}  // namespace mockroom::store
