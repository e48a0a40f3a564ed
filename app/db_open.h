#pragma once

// Checks shared by the commands that only read or edit an existing database (stats, search): they
// must not create one, and must not turn an empty or foreign SQLite file into a synthdb database.

#include <string>

namespace synthdb::app {

// Throws DbError with one line naming the file when `path` does not exist ("no such database"), is
// not an SQLite file, or holds no synthdb schema (zero bytes, empty, or another application's
// tables: "not a synthdb database ..."). Opens the file read-only: nothing is written.
void require_synthdb_database(const std::string& path);

}  // namespace synthdb::app
