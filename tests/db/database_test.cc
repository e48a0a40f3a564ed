#include "db/database.h"

#include <doctest/doctest.h>

#include <string>

#include "db/migrate.h"
#include "extract/core/error.h"
#include "tests/db/temp_dir.h"

using synthdb::DbError;
using synthdb::db::Database;
using synthdb::db::Migration;
using synthdb::db::OpenOptions;
using synthdb::db::Transaction;
using synthdb::testing::TempDir;

namespace {

int64_t count(Database& db, const std::string& table) {
  auto st = db.prepare("SELECT count(*) FROM " + table);
  st.step();
  return st.column_int(0);
}

std::string pragma(Database& db, const std::string& name) {
  auto st = db.prepare("PRAGMA " + name);
  st.step();
  return st.column_text(0);
}

}  // namespace

TEST_CASE("fresh database is migrated to the newest schema with WAL and foreign keys") {
  TempDir dir;
  Database db(dir / "a.db");
  CHECK(db.schema_version() == synthdb::db::latest_schema_version());
  CHECK(synthdb::db::latest_schema_version() >= 1);
  CHECK(pragma(db, "journal_mode") == "wal");
  CHECK(pragma(db, "foreign_keys") == "1");
  CHECK(pragma(db, "synchronous") == "1");  // NORMAL
  CHECK(count(db, "documents") == 0);
  CHECK(count(db, "paragraphs") == 0);
  CHECK(count(db, "entities") == 0);
  CHECK(count(db, "runs") == 0);
  CHECK(pragma(db, "integrity_check") == "ok");
}

TEST_CASE("built-in migrations are numbered from 1 without gaps or duplicates") {
  const auto& all = synthdb::db::builtin_migrations();
  REQUIRE(!all.empty());
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].version == static_cast<int>(i) + 1);
    CHECK(!all[i].sql.empty());
  }
  CHECK(all.front().name == "001_init.sql");
}

TEST_CASE("an older database is migrated forward and keeps its rows") {
  TempDir dir;
  const auto path = dir / "old.db";
  std::vector<Migration> v1 = {synthdb::db::builtin_migrations().front()};
  {
    Database db(path, OpenOptions{.migrate = false});
    CHECK(synthdb::db::migrate(db, v1) == 1);
    CHECK(db.schema_version() == 1);
    db.exec("INSERT INTO runs(started_at) VALUES ('2020-01-01T00:00:00Z')");
  }
  // A synthetic v2 on top of the real ones proves later files run in order on an existing file.
  std::vector<Migration> more = synthdb::db::builtin_migrations();
  const int next = more.back().version + 1;
  more.push_back({next, "999_test.sql", "CREATE TABLE test_added(x INTEGER); INSERT INTO test_added VALUES (7);"});
  Database db(path, OpenOptions{.migrate = false});
  CHECK(synthdb::db::migrate(db, more) == next - 1);
  CHECK(db.schema_version() == next);
  CHECK(count(db, "runs") == 1);
  CHECK(count(db, "test_added") == 1);
  CHECK(synthdb::db::migrate(db, more) == 0);  // idempotent
}

TEST_CASE("a database newer than this synthdb is refused with a clear message") {
  TempDir dir;
  const auto path = dir / "new.db";
  { Database db(path); db.exec("PRAGMA user_version = 999"); }
  try {
    Database db(path);
    FAIL("opening a newer database must throw");
  } catch (const DbError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("database schema v999 is newer than this synthdb (v" +
                   std::to_string(synthdb::db::latest_schema_version()) + "); upgrade synthdb") !=
          std::string::npos);
    CHECK(msg.find("new.db") != std::string::npos);
  }
}

TEST_CASE("a failing migration leaves the database at the previous version") {
  TempDir dir;
  const auto path = dir / "bad.db";
  std::vector<Migration> ms = synthdb::db::builtin_migrations();
  const int prev = ms.back().version;
  ms.push_back({prev + 1, "999_bad.sql", "CREATE TABLE half(x); INSERT INTO no_such_table VALUES (1);"});
  Database db(path);
  CHECK_THROWS_AS(synthdb::db::migrate(db, ms), DbError);
  CHECK(db.schema_version() == prev);
  auto st = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'");
  st.step();
  CHECK(st.column_int(0) == 0);
}

TEST_CASE("transaction rolls back unless committed") {
  TempDir dir;
  Database db(dir / "tx.db");
  {
    Transaction tx(db);
    db.exec("INSERT INTO runs(started_at) VALUES ('x')");
    CHECK(count(db, "runs") == 1);
  }
  CHECK(count(db, "runs") == 0);
  {
    Transaction tx(db);
    db.exec("INSERT INTO runs(started_at) VALUES ('y')");
    tx.commit();
    CHECK_THROWS_AS(tx.commit(), DbError);
  }
  CHECK(count(db, "runs") == 1);
}

TEST_CASE("statement binds, steps and reads NULLs, numbers and text") {
  TempDir dir;
  Database db(dir / "st.db");
  db.exec("CREATE TABLE t(a INTEGER, b REAL, c TEXT)");
  auto ins = db.prepare("INSERT INTO t VALUES (?, ?, ?)");
  ins.bind(1, int64_t{42}).bind(2, 2.5).bind(3, std::string("Cd(OAc)2 — 240 °C")).run();
  ins.reset();
  ins.bind(1, std::optional<int64_t>{}).bind(2, std::optional<double>{}).bind_text_or_null(3, "").run();
  auto sel = db.prepare("SELECT a, b, c FROM t ORDER BY rowid");
  REQUIRE(sel.step());
  CHECK(sel.column_int(0) == 42);
  CHECK(sel.column_double(1) == 2.5);
  CHECK(sel.column_text(2) == "Cd(OAc)2 — 240 °C");
  REQUIRE(sel.step());
  CHECK(sel.is_null(0));
  CHECK(!sel.column_optional_double(1));
  CHECK(!sel.column_optional_text(2));
  CHECK(!sel.step());
  auto named = db.prepare("SELECT :x + 1");
  CHECK(named.parameter_index(":x") == 1);
  CHECK_THROWS_AS(named.parameter_index(":nope"), DbError);
}

TEST_CASE("SQL errors become DbError naming the database file") {
  TempDir dir;
  Database db(dir / "err.db");
  try {
    db.prepare("SELECT * FROM no_such_table");
    FAIL("must throw");
  } catch (const DbError& e) {
    CHECK(std::string(e.what()).find("err.db") != std::string::npos);
    CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
  }
  // Foreign keys are enforced: a paragraph must belong to a document.
  CHECK_THROWS_AS(db.exec("INSERT INTO paragraphs(document_id, ordinal, page, kind, section_type, "
                          "text, start, end) VALUES (12345, 0, 1, 'body', 'other', 'x', 0, 1)"),
                  DbError);
}

TEST_CASE("a file that is not a database is refused") {
  TempDir dir;
  const auto path = dir / "junk.db";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("this is definitely not an SQLite database file, just some text padding it out......",
               f);
    std::fclose(f);
  }
  CHECK_THROWS_AS(Database{path}, DbError);
  CHECK_THROWS_AS(Database(dir / "missing" / "x.db"), DbError);
}

TEST_CASE("s18-prod1: a v3 database (main d6817d2) upgrades to v4 keeping its curation rows and tombstones") {
  TempDir dir;
  const auto path = dir / "v3.db";
  const auto& all = synthdb::db::builtin_migrations();
  REQUIRE(all.size() >= 4);
  {
    Database db(path, OpenOptions{.migrate = false});
    std::vector<Migration> v3(all.begin(), all.begin() + 3);
    synthdb::db::migrate(db, v3);
    REQUIRE(db.schema_version() == 3);
    db.exec("INSERT INTO syntheses(key, origin, target, status, created_at) VALUES ('manual-1', 'manual', 'CdSe', "
            "'success', 't')");
    db.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
            "VALUES ('syntheses', 'manual-1', 'status', 'success', 'failed', 'alice', 'SI', 't')");
    db.exec("INSERT INTO synthesis_tombstones(key, curator, reason, deleted_at) VALUES ('x-p1-v0', 'bob', '', 't')");
  }
  Database db(path);  // migrates
  CHECK(db.schema_version() == synthdb::db::latest_schema_version());
  CHECK(count(db, "curation") == 1);
  CHECK(count(db, "synthesis_tombstones") == 1);
  auto st = db.prepare("SELECT new_value, curator, carried_from IS NULL FROM curation");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "failed");
  CHECK(st.column_text(1) == "alice");
  CHECK(st.column_int(2) == 1);
  // The views still work and show the manual record (no document: never superseded) with its edit.
  auto w = db.prepare("SELECT status FROM synthesis_wide WHERE key = 'manual-1'");
  REQUIRE(w.step());
  CHECK(w.column_text(0) == "failed");
  CHECK(count(db, "superseded_documents") == 0);
  CHECK(pragma(db, "integrity_check") == "ok");
}

TEST_CASE("scalar: the first column of the first row, 0 without a row or for NULL (s20-prod: one helper)") {
  TempDir dir;
  Database db(dir / "s.db");
  CHECK(synthdb::db::scalar(db, "SELECT count(*) FROM documents") == 0);
  db.exec("INSERT INTO runs(kind, started_at, args) VALUES ('ingest', 't', ''), ('merge', 't', '')");
  CHECK(synthdb::db::scalar(db, "SELECT count(*) FROM runs") == 2);
  CHECK(synthdb::db::scalar(db, std::string("SELECT max(id) FROM runs WHERE kind = 'merge'")) == 2);
  CHECK(synthdb::db::scalar(db, "SELECT id FROM runs WHERE kind = 'none'") == 0);  // no row
  CHECK(synthdb::db::scalar(db, "SELECT NULL") == 0);
  CHECK(synthdb::db::scalar(db, "SELECT 9000000000") == 9000000000LL);
}
