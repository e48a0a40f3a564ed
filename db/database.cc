#include "db/database.h"

#include <sqlite3.h>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "extract/core/error.h"

namespace synthdb::db {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Finalizer {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};

std::string one_line(std::string_view sql) {
  std::string s;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
      space = !s.empty();
      continue;
    }
    if (space) s += ' ';
    space = false;
    s += c;
  }
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

// The errors a user can act on without reading SQL (review 18a, P10 and P11): another program's
// write transaction outlasting the busy timeout (exit 4, like a held ingest lock), and a file that
// is not SQLite at all. is_plain() tells which codes these are.
std::string wait_text(int ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", ms / 1000.0);
  return buf;
}

[[noreturn]] void throw_plain(int rc, const std::filesystem::path& path, int busy_timeout_ms) {
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    throw LockedError(path.string() + ": locked: another program holds a write lock on this database (an open "
                        "transaction in sqlite3, DB Browser with unsaved changes?); waited " +
                        wait_text(busy_timeout_ms) + "; commit or close it and retry");
  throw DbError(path.string() + ": not a synthdb database (not an SQLite file)");
}

bool is_plain(int rc) { return rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_NOTADB; }

// A read-only reader of a WAL database needs its -shm file, which it cannot create in a folder it
// may not write (a mode-555 archive, another user's folder): SQLite then fails every read with
// "attempt to write a readonly database". When no -wal and no -shm file exists there, nobody is
// writing the database (a writer creates both), so it can be read as an immutable file. Returns the
// URI to open then ("file:...?immutable=1", the path percent-encoded), else "".
std::string immutable_uri(const std::filesystem::path& path) {
  std::error_code ec;
  const std::string p = path.string();
  if (std::filesystem::exists(p + "-wal", ec) || std::filesystem::exists(p + "-shm", ec)) return {};
  std::filesystem::path dir = std::filesystem::absolute(path, ec).parent_path();
  if (ec || access(dir.c_str(), W_OK) == 0) return {};
  std::string uri = "file:";
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : std::filesystem::absolute(path, ec).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 15];
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

struct Database::Impl {
  std::unique_ptr<sqlite3, Closer> handle;
  std::filesystem::path path;
  int busy_timeout_ms = 0;

  [[noreturn]] void fail(int rc, std::string_view context) const {
    if (is_plain(rc)) throw_plain(rc, path, busy_timeout_ms);
    std::string msg = path.string() + ": ";
    if (!context.empty()) msg += std::string(context) + ": ";
    // sqlite3_errmsg describes the most recent failure on this connection; fall back to the code's
    // generic text when it does not match (e.g. the failure came from sqlite3_open itself).
    const char* err = handle && sqlite3_errcode(handle.get()) == rc ? sqlite3_errmsg(handle.get())
                                                                    : sqlite3_errstr(rc);
    msg += err ? err : "unknown SQLite error";
    throw DbError(msg);
  }
};

struct Statement::Impl {
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt;
  const Database::Impl* db = nullptr;

  void check(int rc, std::string_view what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    db->fail(rc, std::string(what) + " (" + one_line(sqlite3_sql(stmt.get())) + ")");
  }
};

Database::Database(const std::filesystem::path& path, const OpenOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  sqlite3* raw = nullptr;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY
                                      : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const std::string uri = options.read_only ? immutable_uri(path) : std::string();
  int rc = uri.empty() ? sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr)
                       : sqlite3_open_v2(uri.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
  impl_->handle.reset(raw);  // sqlite3_open_v2 allocates a handle even on failure
  if (rc != SQLITE_OK) impl_->fail(rc, "cannot open database");
  sqlite3_extended_result_codes(raw, 0);
  int busy_ms = options.busy_timeout_ms;
  if (busy_ms < 0) {
    busy_ms = 30000;
    if (const char* env = std::getenv("SYNTHDB_BUSY_TIMEOUT"); env && *env) {
      char* end = nullptr;
      const double s = std::strtod(env, &end);
      if (end && *end == '\0' && s >= 0 && s < 86400) busy_ms = static_cast<int>(s * 1000);
    }
  }
  sqlite3_busy_timeout(raw, busy_ms);
  impl_->busy_timeout_ms = busy_ms;
  if (options.migrate && !options.read_only) {
    // Another application's SQLite file is not ours to migrate: adding the synthdb schema (and WAL)
    // to it would change a file we were never meant to write. An empty database (new or zero
    // bytes) gets the schema; one with synthdb's tables is migrated as usual.
    auto st = prepare("SELECT count(*), sum(name = 'documents') FROM sqlite_schema WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite_%'");
    st.step();
    const int64_t tables = st.column_int(0);
    const bool has_documents = st.column_int(1) > 0;
    const int version = schema_version();
    if ((version == 0 && tables > 0) || (version > 0 && !has_documents))
      throw DbError(path.string() + ": not a synthdb database (it holds " + std::to_string(tables) +
                    " tables of another application); refusing to add the synthdb schema to it");
  }
  // journal_mode=WAL lets curators read while ingest writes; it is persistent, so a read-only open
  // must not try to set it (it would fail on a read-only file).
  if (!options.read_only) {
    // Reading user_version first makes "file is not a database" surface here with a clear message.
    exec("PRAGMA journal_mode=WAL");
  }
  // A read-only connection sets nothing that could need a write: synchronous only matters to
  // writers, and on a file the process cannot write (a mode-555 folder) it failed with "attempt to
  // write a readonly database" before any query ran (review 20, item 9).
  exec(options.read_only ? "PRAGMA foreign_keys=ON" : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");
  check_not_newer(*this);
  if (options.migrate && !options.read_only) migrate(*this, builtin_migrations());
}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

void Database::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(impl_->handle.get(), s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if (is_plain(rc)) throw_plain(rc, impl_->path, impl_->busy_timeout_ms);
    throw DbError(impl_->path.string() + ": " + one_line(sql) + ": " + msg);
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(impl_->handle.get(), sql.data(), static_cast<int>(sql.size()), &raw,
                              nullptr);
  auto impl = std::make_unique<Statement::Impl>();
  impl->stmt.reset(raw);
  impl->db = impl_.get();
  if (rc != SQLITE_OK) impl_->fail(rc, "cannot prepare (" + one_line(sql) + ")");
  return Statement(std::move(impl));
}

int64_t scalar(Database& db, std::string_view sql) {
  auto st = db.prepare(sql);
  return st.step() ? st.column_int(0) : 0;
}

bool has_object(Database& db, const char* type, const char* name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = ? AND name = ?");
  st.bind(1, type).bind(2, name);
  return st.step();
}

bool has_column(Database& db, const char* table, const char* column) {
  auto st = db.prepare(std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = ?");
  st.bind(1, column);
  return st.step();
}

int Database::schema_version() {
  auto st = prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int(0));
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(impl_->handle.get()); }
int Database::changes() const { return sqlite3_changes(impl_->handle.get()); }

void Database::check(int rc, std::string_view context) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  impl_->fail(rc, context);
}

const std::filesystem::path& Database::path() const { return impl_->path; }

// ---- Statement ----

Statement::Statement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;

Statement& Statement::bind(int index, int64_t value) {
  impl_->check(sqlite3_bind_int64(impl_->stmt.get(), index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  impl_->check(sqlite3_bind_double(impl_->stmt.get(), index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  impl_->check(sqlite3_bind_text64(impl_->stmt.get(), index, value.data(), value.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8),
               "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  impl_->check(sqlite3_bind_null(impl_->stmt.get(), index), "bind");
  return *this;
}

int Statement::parameter_index(std::string_view name) const {
  std::string n(name);
  int i = sqlite3_bind_parameter_index(impl_->stmt.get(), n.c_str());
  if (i == 0)
    throw DbError(impl_->db->path.string() + ": no parameter " + n + " in (" + sql() + ")");
  return i;
}

bool Statement::step() {
  int rc = sqlite3_step(impl_->stmt.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step's legacy interface reports the specific error only after reset.
  impl_->check(rc, "step");
  return false;
}

int Statement::run() {
  while (step()) {
  }
  return sqlite3_changes(sqlite3_db_handle(impl_->stmt.get()));
}

void Statement::reset(bool clear_bindings) {
  sqlite3_reset(impl_->stmt.get());  // its rc repeats the last step's error, already reported
  if (clear_bindings) sqlite3_clear_bindings(impl_->stmt.get());
}

int Statement::column_count() const { return sqlite3_column_count(impl_->stmt.get()); }

std::string Statement::column_name(int col) const {
  const char* n = sqlite3_column_name(impl_->stmt.get(), col);
  return n ? n : "";
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(impl_->stmt.get(), col) == SQLITE_NULL;
}

int64_t Statement::column_int(int col) const { return sqlite3_column_int64(impl_->stmt.get(), col); }
double Statement::column_double(int col) const { return sqlite3_column_double(impl_->stmt.get(), col); }

std::string Statement::column_text(int col) const {
  const unsigned char* t = sqlite3_column_text(impl_->stmt.get(), col);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t),
                     static_cast<size_t>(sqlite3_column_bytes(impl_->stmt.get(), col)));
}

std::optional<int64_t> Statement::column_optional_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return column_int(col);
}

std::optional<double> Statement::column_optional_double(int col) const {
  if (is_null(col)) return std::nullopt;
  return column_double(col);
}

std::optional<std::string> Statement::column_optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return column_text(col);
}

std::string Statement::sql() const {
  const char* s = sqlite3_sql(impl_->stmt.get());
  return s ? one_line(s) : "";
}

// ---- Transaction ----

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // Never throw from a destructor. SQLite may already have rolled back (e.g. after SQLITE_FULL),
    // in which case ROLLBACK fails harmlessly.
  }
}

void Transaction::commit() {
  if (done_) throw DbError(db_.path().string() + ": transaction already committed");
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace synthdb::db
