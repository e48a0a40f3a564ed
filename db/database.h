#pragma once

// The one place synthdb talks to SQLite. Everything here throws synthdb::DbError (one line naming the
// database file and SQLite's reason); destructors never throw. sqlite3 types stay in database.cc.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/migrate.h"
#include "extract/core/error.h"

namespace synthdb::db {

class Statement;

// Another connection kept the database's write lock past the busy timeout (an open transaction in
// sqlite3 or DB Browser): the command could not run now but may later; the CLI exits 4, like a held
// ingest lock. The message names the database and says what to do.
class LockedError : public DbError {
 public:
  using DbError::DbError;
};

struct OpenOptions {
  // Apply the built-in migrations (schema/NNN_*.sql) up to the newest on open. With false the
  // database is opened as it is (tests, merge inspecting a shard); a database *newer* than this
  // binary is refused either way.
  bool migrate = true;
  // Open read-only (SQLITE_OPEN_READONLY). The file must exist; no migration happens.
  bool read_only = false;
  // How long a statement waits for another connection's lock before failing (LockedError). -1:
  // $SYNTHDB_BUSY_TIMEOUT seconds when set to a number >= 0 (operators, tests), else 30 s.
  int busy_timeout_ms = -1;
};

// An open SQLite connection: WAL journal, synchronous=NORMAL, foreign_keys=ON, busy timeout set.
// Move-only. Not thread-safe: use one Database per thread (SQLite serialises writers across them).
// Never use a Database in a forked child: open a new one there if needed.
class Database {
 public:
  // Opens (creating when missing, unless read_only) the database file at `path` and, with
  // options.migrate, brings its schema to latest_schema_version(). Throws DbError when the file
  // cannot be opened, is not a database, or its schema is newer than this synthdb knows
  // ("database schema vN is newer than this synthdb (vM); upgrade synthdb").
  explicit Database(const std::filesystem::path& path, const OpenOptions& options = {});
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more SQL statements that return no rows of interest (DDL, PRAGMA, BEGIN).
  void exec(std::string_view sql);

  // Compiles one statement. The Statement must not outlive this Database.
  Statement prepare(std::string_view sql);

  // PRAGMA user_version: the number of the last migration applied.
  int schema_version();

  // Rowid of the last successful INSERT on this connection; rows touched by the last statement.
  int64_t last_insert_rowid() const;
  int changes() const;

  // Throws DbError("<file>: <context>: <sqlite message>") unless rc is SQLITE_OK, SQLITE_ROW or
  // SQLITE_DONE. `context` is usually the statement or operation that failed.
  void check(int rc, std::string_view context = {}) const;

  const std::filesystem::path& path() const;

 private:
  friend class Statement;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A prepared statement. Parameters are 1-based as in SQLite; columns are 0-based. Move-only.
// Typical use:
//   auto st = db.prepare("SELECT id FROM documents WHERE sha256 = ?");
//   st.bind(1, sha);
//   if (st.step()) id = st.column_int(0);
class Statement {
 public:
  ~Statement();
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binders return *this so calls chain. Text is copied (SQLITE_TRANSIENT). An empty optional
  // binds NULL.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Binds NULL for an empty string (optional text fields are NULL, not '', in the database).
  Statement& bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
  }
  // Index of a named parameter (":name"); throws DbError when the statement has none by that name.
  int parameter_index(std::string_view name) const;

  // Advances: true when a row is available, false when the statement is done. Throws DbError.
  bool step();
  // Steps until done (for INSERT/UPDATE/DELETE); returns the number of rows changed.
  int run();
  // Makes the statement ready to run again; keeps bindings unless clear_bindings.
  void reset(bool clear_bindings = true);

  int column_count() const;
  std::string column_name(int col) const;
  bool is_null(int col) const;
  int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;  // "" for NULL
  std::optional<int64_t> column_optional_int(int col) const;
  std::optional<double> column_optional_double(int col) const;
  std::optional<std::string> column_optional_text(int col) const;

  // The SQL text, for error messages.
  std::string sql() const;

 private:
  friend class Database;
  struct Impl;
  explicit Statement(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The first column of the first row of `sql` as an integer; 0 when it returns no row (or NULL).
// For counts and other one-value queries: scalar(db, "SELECT count(*) FROM documents").
int64_t scalar(Database& db, std::string_view sql);

// Whether the schema has an object of `type` ('table', 'view', ...) called `name`: a database read
// without migrating may lack the views and columns of later schema versions.
bool has_object(Database& db, const char* type, const char* name);

// Whether `table` has a column called `column` (added by a later schema version than the file has).
bool has_column(Database& db, const char* table, const char* column);

// A transaction guard: BEGIN IMMEDIATE (or DEFERRED) on construction, ROLLBACK in the destructor
// unless commit() succeeded. Immediate transactions take the write lock at once, so a writer waits
// up to the busy timeout at BEGIN instead of failing half-way. Not nestable.

class Transaction {
 public:
  enum class Mode { kImmediate, kDeferred };
  explicit Transaction(Database& db, Mode mode = Mode::kImmediate);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Commits. Throws DbError on failure (the destructor then rolls back) or when already committed.
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace synthdb::db
