#include "db/migrate.h"

#include <string>

#include "db/database.h"
#include "extract/core/error.h"

namespace synthdb::db {

int latest_schema_version() {
  const auto& m = builtin_migrations();
  return m.empty() ? 0 : m.back().version;
}

void check_not_newer(Database& db) {
  const int have = db.schema_version();
  const int know = latest_schema_version();
  if (have > know)
    throw DbError(db.path().string() + ": database schema v" + std::to_string(have) +
                  " is newer than this synthdb (v" + std::to_string(know) + "); upgrade synthdb");
}

int migrate(Database& db, const std::vector<Migration>& migrations) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  int current = db.schema_version();
  if (current > newest)
    throw DbError(db.path().string() + ": database schema v" + std::to_string(current) +
                  " is newer than this synthdb (v" + std::to_string(newest) + "); upgrade synthdb");
  int applied = 0;
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    Transaction tx(db);
    // Another process may have migrated between our read and BEGIN IMMEDIATE: re-read under the
    // write lock so two synthdb processes opening an old database never apply a file twice.
    if (db.schema_version() >= m.version) {
      current = db.schema_version();
      continue;
    }
    try {
      db.exec(m.sql);
    } catch (const DbError& e) {
      throw DbError("migration schema/" + m.name + " failed: " + e.what());
    }
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    current = m.version;
    ++applied;
  }
  return applied;
}

}  // namespace synthdb::db
