#pragma once

// An exclusive advisory lock (flock) on "<canonical db path>.lock", held for the life of the object, so that two
// writers of the bulk kind (ingest, merge) never run on one database at once. The kernel releases it
// when the process dies, so a kill -9 never leaves a stale lock. Readers (stats, search, export,
// curators) do not take it: SQLite's WAL mode lets them work during a run.

#include <memory>
#include <string>

namespace synthdb::app {

struct Context;

class DbLock {
 public:
  // Throws DbError("<db> is locked by another synthdb ingest/merge (pid N) ...") when it is held;
  // the caller maps that to exit code 4. Throws DbError when the lock file cannot be created.
  explicit DbLock(const std::string& db_path);
  ~DbLock();
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

  int fd() const { return fd_; }
  // True when the failure was "already locked" (for exit code 4).
  static bool is_locked_error(const std::string& message);

 private:
  int fd_ = -1;
};

// The lock file of a database: the canonical path of the database file (folder symlinks, "." and
// ".." resolved, a symlink to the database followed) + ".lock", so that every way of naming one
// database takes the same lock.
std::string lock_file_path(const std::string& db_path);

// Takes the lock of `db_path` for a bulk writer (ingest, merge, classify --rescore). When another
// holds it, sets ctx.exit_code to kExitLocked (4) and rethrows its DbError.
std::unique_ptr<DbLock> take_lock(const std::string& db_path, Context& ctx);

}  // namespace synthdb::app
