#include "app/ingest_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {
constexpr const char* kLockedPhrase = " is locked by another synthdb ingest or merge";
}

std::string lock_file_path(const std::string& db_path) {
  // Lock the database itself, not the name it was given: "x.db", "./x.db", "dir/../x.db" and a
  // symbolic link to x.db must all meet at one lock file. Follow a final symlink even when its target
  // does not exist yet (SQLite will create the target), then resolve the folder part.
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(db_path, ec);
  if (ec) return db_path + ".lock";
  for (int hops = 0; hops < 40; ++hops) {
    fs::path dir = fs::weakly_canonical(p.parent_path(), ec);
    if (ec) return db_path + ".lock";
    p = dir / p.filename();
    if (!fs::is_symlink(fs::symlink_status(p, ec))) break;
    fs::path target = fs::read_symlink(p, ec);
    if (ec) break;
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return p.string() + ".lock";
}

DbLock::DbLock(const std::string& db_path) {
  // Name the real problem before a lock file is made beside a path that can never be a database:
  // `--db papers/` (a folder) left papers.lock behind, and `--db newdir/x.db` said "cannot create lock
  // file" where the folder is what is missing.
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(db_path, ec))
    throw DbError(db_path + ": is a folder, not a database file (give a file name, e.g. " +
                  (fs::path(db_path) / "synthdb.db").string() + ")");
  const fs::path parent = fs::absolute(db_path, ec).parent_path();
  if (!ec && !fs::is_directory(parent, ec))
    throw DbError(db_path + ": folder " + parent.string() + " does not exist");
  const std::string lock_path = lock_file_path(db_path);
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw DbError(lock_path + ": cannot create lock file: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char buf[32] = {};
    ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw DbError(db_path + kLockedPhrase + (holder.empty() ? "" : " (pid " + holder + ")") +
                    "; lock file " + lock_path);
    throw DbError(lock_path + ": cannot lock: " + std::strerror(err));
  }
  // The pid is for the message a second run prints; the lock itself is the flock.
  const std::string pid = std::to_string(getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] ssize_t w = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

DbLock::~DbLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

bool DbLock::is_locked_error(const std::string& message) {
  return message.find(kLockedPhrase) != std::string::npos;
}

std::unique_ptr<DbLock> take_lock(const std::string& db_path, Context& ctx) {
  try {
    return std::make_unique<DbLock>(db_path);
  } catch (const DbError& e) {
    if (DbLock::is_locked_error(e.what())) ctx.exit_code = kExitLocked;
    throw;
  }
}

}  // namespace synthdb::app
