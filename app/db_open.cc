#include "app/db_open.h"

#include <unistd.h>

#include <filesystem>

#include "app/ingest_lock.h"
#include "db/database.h"
#include "extract/core/error.h"

namespace synthdb::app {

namespace fs = std::filesystem;

void require_synthdb_database(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DbError(path + ": no such database");
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
    throw DbError(path + ": not a synthdb database (empty file); create one with synthdb ingest");
  db::Database probe(path, db::OpenOptions{.migrate = false, .read_only = true});
  auto st = probe.prepare("SELECT count(*), coalesce(sum(name = 'documents'), 0) FROM sqlite_schema "
                          "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  st.step();
  const long long tables = st.column_int(0);
  if (probe.schema_version() == 0 || st.column_int(1) == 0)
    throw DbError(path + ": not a synthdb database (" +
                  (tables == 0 ? std::string("no tables") : std::to_string(tables) + " tables of another application") +
                  "); create one with synthdb ingest");
}

namespace {

// The process may write the database file and its folder (SQLite's -wal/-shm files live there).
bool writable(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec).parent_path();
  if (dir.empty()) dir = ".";
  return access(path.c_str(), W_OK) == 0 && access(dir.c_str(), W_OK) == 0;
}

}  // namespace

db::Database open_for_reading(const std::string& path, const std::string& command, int min_version) {
  require_synthdb_database(path);
  const int latest = db::latest_schema_version();
  {
    db::Database probe(path, db::OpenOptions{.migrate = false, .read_only = true});
    if (probe.schema_version() < latest && writable(path)) {
      // An older schema the user may write is upgraded as ingest does it: under the ingest/merge
      // lock, each migration in its transaction (db::migrate).
      DbLock lock(path);
      db::Database upgrade(path);
    }
  }
  db::Database d(path, db::OpenOptions{.migrate = false, .read_only = true});
  const int want = min_version > 0 ? min_version : latest;
  const int have = d.schema_version();
  if (have < want)
    throw DbError(path + ": database schema v" + std::to_string(have) + " is older than this synthdb (v" +
                  std::to_string(db::latest_schema_version()) + "); `synthdb " + command +
                  "` cannot upgrade it (the database or its folder is read-only): run `synthdb ingest` on it (or `synthdb merge` "
                  "into it) as a user who may write it first");
  return d;
}

}  // namespace synthdb::app
