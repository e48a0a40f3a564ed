#pragma once

// Checks shared by the commands that only read or edit an existing database (stats, search): they
// must not create one, and must not turn an empty or foreign SQLite file into a synthdb database.

#include <string>

#include "db/database.h"

namespace synthdb::app {

// Throws DbError with one line naming the file when `path` does not exist ("no such database"), is
// not an SQLite file, or holds no synthdb schema (zero bytes, empty, or another application's
// tables: "not a synthdb database ..."). Opens the file read-only: nothing is written.
void require_synthdb_database(const std::string& path);

// For the commands that only read (stats, search, export): require_synthdb_database, then a
// read-only connection (SQLITE_OPEN_READONLY, no migration, no pragma that writes), so they work on
// a database in a read-only folder or owned by another user. When the schema is older than
// `min_version` (0: this synthdb's newest), throws DbError with one line: "<db>: database schema vN
// is older than this synthdb (vM); `synthdb <command>` reads without upgrading: run `synthdb ingest`
// on it (or `synthdb merge` into it) first".
db::Database open_for_reading(const std::string& path, const std::string& command, int min_version = 0);

}  // namespace synthdb::app
