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

// For the commands that only read (stats, search, export): require_synthdb_database; a schema older
// than this synthdb's newest is upgraded first when the process may write the file and its folder
// (under the ingest/merge lock, as ingest does). Then a read-only connection (SQLITE_OPEN_READONLY,
// no pragma that writes), so they work on a database in a read-only folder or owned by another user.
// When the schema is still older than `min_version` (0: this synthdb's newest) because it could not
// be written, throws DbError with one line: "<db>: database schema vN is older than this synthdb
// (vM); `synthdb <command>` cannot upgrade it (the database or its folder is read-only): run
// `synthdb ingest` on it (or `synthdb merge` into it) as a user who may write it first".
db::Database open_for_reading(const std::string& path, const std::string& command, int min_version = 0);

}  // namespace synthdb::app
