#include "app/wal_checkpoint.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <thread>

#include "app/ingest_inputs.h"

namespace synthdb::app {

// Review s21-ux, item 1: with a reader open during an ingest, SQLite's automatic checkpoints could not
// keep up and a 110 MB DB-wal held 180 of 192 documents. A connection in an open read transaction
// on an older snapshot (sqlite3, a notebook) keeps frames out of the file: the caller says so.
Checkpoint checkpoint_wal(db::Database& db, const std::string& path) {
  Checkpoint c;
  // One row: busy (0/1), frames in the log, frames in the database file (-1, -1 when not in WAL mode
  // or the checkpoint could not start).
  auto run = [&](const char* mode) {
    auto st = db.prepare(std::string("PRAGMA wal_checkpoint(") + mode + ")");
    std::array<int64_t, 3> r = {1, -1, -1};
    if (st.step()) r = {st.column_int(0), st.column_int(1), st.column_int(2)};
    return r;
  };
  const int64_t busy_ms = db::scalar(db, "PRAGMA busy_timeout");
  db.exec("PRAGMA busy_timeout = 0");
  auto r = run("PASSIVE");
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (run("TRUNCATE")[0] == 0) {
      c.truncated = c.complete = true;
      break;
    }
  }
  if (!c.truncated) {
    r = run("PASSIVE");
    c.complete = r[1] >= 0 && r[2] >= r[1];
  }
  db.exec("PRAGMA busy_timeout = " + std::to_string(busy_ms));
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path + "-wal", ec);
  c.wal_bytes = ec ? 0 : size;
  return c;
}

void warn_incomplete_checkpoint(const Checkpoint& cp, const std::string& command, const std::string& db_path,
                                bool quiet) {
  const std::string db = display_path(db_path);
  const std::string wal_name = db + "-wal";
  char wal_mb[32];
  std::snprintf(wal_mb, sizeof wal_mb, "%.1f MB", static_cast<double>(cp.wal_bytes) / 1e6);
  if (!cp.complete) {
    std::fprintf(stderr,
                 "%s: warning: another connection holds a read transaction on %s (sqlite3, a notebook?), so "
                 "%s (%s) could not be folded into it: a plain copy of %s lacks part of what this run wrote; "
                 "back up with `sqlite3 %s \".backup COPY.db\"` (docs/operations.md, \"Backups\"), or run "
                 "`synthdb ingest` again after that reader closed\n",
                 command.c_str(), db.c_str(), wal_name.c_str(), wal_mb, db.c_str(), db.c_str());
  } else if (!cp.truncated && !quiet) {
    std::fprintf(stderr,
                 "%s: note: another connection is reading %s, so %s (%s) could not be emptied; %s holds "
                 "everything this run wrote\n",
                 command.c_str(), db.c_str(), wal_name.c_str(), wal_mb, db.c_str());
  }
}

}  // namespace synthdb::app
