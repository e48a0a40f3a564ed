#pragma once

// Schema migrations: versioned SQL files schema/NNN_name.sql, embedded into the binary at build time.
// The number NNN is the schema version the file produces; PRAGMA user_version records the last one
// applied. Files are applied in ascending order, each in its own transaction, so a crash leaves the
// database at the previous version, never half-way.

#include <string>
#include <vector>

namespace synthdb::db {

class Database;

struct Migration {
  int version = 0;   // NNN from the file name
  std::string name;  // file name, e.g. "001_init.sql"
  std::string sql;   // the file's contents
};

// The migrations compiled into this binary, sorted by version (versions are unique).
const std::vector<Migration>& builtin_migrations();

// Version of the newest built-in migration: the schema this binary writes.
int latest_schema_version();

// Applies every migration in `migrations` whose version is above the database's user_version, each
// in one BEGIN IMMEDIATE transaction that also sets user_version. Returns how many were applied.
// Throws DbError when the database is newer than the newest migration given ("database schema vN is
// newer than this synthdb (vM); upgrade synthdb") or when a migration fails (naming the file).
int migrate(Database& db, const std::vector<Migration>& migrations);

// Throws the "newer than this synthdb" DbError when `db` is past latest_schema_version().
void check_not_newer(Database& db);

}  // namespace synthdb::db
