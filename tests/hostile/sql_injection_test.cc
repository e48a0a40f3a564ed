// SQL injection: hostile strings go into every filter, search and curation flag of the real CLI
// on a real database ingested from corpus-samples/. No SQL may be built from user text: after
// every command the database is intact (same tables, same rows, integrity ok), and the command
// either answers or fails with a clean message. A curated value is stored byte for byte.
#include <sqlite3.h>
#include <stdlib.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/hostile/support.h"

using namespace hostile;

namespace {

const std::vector<std::string> kHostile = {
    "'; DROP TABLE documents; --",
    "\" OR 1=1 --",
    "') OR ('1'='1",
    "x' UNION SELECT sha256, path, error FROM documents --",
    "1; ATTACH DATABASE '/tmp/synthdb-pwned.db' AS pwned; --",
    "*/ DELETE FROM paragraphs /*",
    "%' OR '%'='",
    "CdSe\" NEAR(\"", "\"unterminated", "NOT", "* OR content:*", "{col}: x",  // FTS5 syntax
    "(((", "[a-", "\\",                                                       // regex syntax
    "\x01\x02\x1b[31mred\x1b[0m",                                             // control bytes
    "caf\xc3\xa9 \xff\xfe invalid",                                           // invalid UTF-8
    "",
    std::string(100000, 'A'),                                                 // huge
};

// What must not change: every table with its row count, and the integrity check.
std::string fingerprint(const fs::path& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  auto one = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        auto* t = sqlite3_column_text(st, i);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += "|";
      }
      out += "\n";
    }
    sqlite3_finalize(st);
    return out;
  };
  std::string fp = one("PRAGMA integrity_check");
  std::string tables = one("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  fp += tables;
  for (const auto& line : lines_of(tables)) {
    std::string name = line.substr(0, line.size() - 1);
    if (name.rfind("sqlite_", 0) == 0 || name.find("_fts") != std::string::npos) continue;
    if (name == "curation" || name == "runs") continue;  // curate adds edits; runs are logged
    fp += name + "=" + one("SELECT count(*) FROM \"" + name + "\"");
  }
  sqlite3_close(db);
  return fp;
}

std::string first_synthesis_key(const fs::path& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string key;
  if (sqlite3_prepare_v2(db, "SELECT key FROM syntheses ORDER BY id LIMIT 1", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    key = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return key;
}

// new_value of the latest curation row for `key`.`field`, or "<none>".
std::string curated_value(const fs::path& db_path, const std::string& key, const std::string& field) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string value = "<none>";
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT new_value FROM curation WHERE target_key = ? AND field = ? "
                             "ORDER BY id DESC LIMIT 1",
                             -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, field.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW) {
    auto* t = sqlite3_column_blob(st, 0);
    value.assign(static_cast<const char*>(t), sqlite3_column_bytes(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_CASE("hostile: SQL injection strings in search, export and curate flags leave the database intact") {
  TempDir tmp;
  if (not_implemented("ingest", tmp.path()) || model_missing()) {
    MESSAGE("synthdb ingest or the shipped model is not there yet: nothing to check");
    return;
  }
  fs::path db = tmp.path() / "samples.db";
  std::string samples = std::string(SYNTHDB_SOURCE_DIR) + "/corpus-samples";
  // Only the sample papers themselves (not corpus-samples/hostile): a database with real rows.
  std::string inputs;
  for (const auto& entry : fs::directory_iterator(samples)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".pdf" || ext == ".txt")) inputs += " " + quote(entry.path().string());
  }
  RunResult ingest = run(synthdb_cmd() + " ingest" + inputs + " --db " + quote(db.string()) + " --jobs 2 -q", tmp.path(), 300);
  INFO("ingest stderr: ", ingest.err.substr(0, 2000));
  REQUIRE((ingest.code == 0 || ingest.code == 1));
  const std::string before = fingerprint(db);
  REQUIRE(before.rfind("ok|", 0) == 0);
  REQUIRE(before.find("documents=0|") == std::string::npos);
  const std::string key = first_synthesis_key(db);
  const std::string D = " --db " + quote(db.string());

  int commands = 0;
  auto check_clean = [&](const std::string& args) {
    ++commands;
    RunResult r = run(synthdb_cmd() + " " + args, tmp.path(), 120);
    CAPTURE(args.substr(0, 300));
    INFO("stderr: ", r.err.substr(0, 500));
    CHECK_FALSE(r.signaled);
    CHECK_FALSE(r.timed_out);
    CHECK(r.code >= 0);
    CHECK(r.code <= 3);
    if (r.code != 0) {
      CHECK_FALSE(r.err.empty());  // a failure says why
      CHECK(lines_of(r.err).size() <= 2);
    }
    CHECK(fingerprint(db) == before);
    return r;
  };

  for (size_t i = 0; i < kHostile.size(); ++i) {
    // Through the environment: the huge string three times would not fit in one `sh -c` argument.
    setenv("SYNTHDB_HOSTILE", kHostile[i].c_str(), 1);
    const std::string h = "\"$SYNTHDB_HOSTILE\"";
    CAPTURE(i);
    check_clean("search" + D + " " + h);
    check_clean("search" + D + " --json " + h);
    check_clean("search" + D + " CdSe --kind " + h);
    check_clean("search" + D + " CdSe --label " + h);
    check_clean("search" + D + " CdSe --section-type " + h + " --json");
    fs::path out = tmp.path() / ("export-" + std::to_string(i));
    check_clean("export" + D + " --out " + quote(out.string()) + " --method " + h);
    // (a 100,000-character --target has its own case in hostile_test.cc; here the pattern is
    // capped at 1,000 characters to keep the command line short)
    setenv("SYNTHDB_HOSTILE_RE", kHostile[i].substr(0, 1000).c_str(), 1);
    check_clean("export" + D + " --out " + quote(out.string()) + " --target \"$SYNTHDB_HOSTILE_RE\"");
    check_clean("export" + D + " --out " + quote(out.string()) + " --split " + h);
    check_clean("stats" + D + " --json");
    check_clean("curate" + D + " show " + h);
    check_clean("curate" + D + " list " + h + " --json");
    check_clean("curate" + D + " delete " + h + " --curator " + h + " --reason " + h);
    check_clean("curate" + D + " restore " + h + " --curator " + h + " --reason " + h);
    check_clean("curate" + D + " set " + h + " target " + h + " --curator " + h + " --reason " + h);
    if (!key.empty()) {
      check_clean("curate" + D + " set " + quote(key) + " " + h + " x --curator tester --reason injection");
      RunResult set = check_clean("curate" + D + " set " + quote(key) + " target " + h +
                                  " --curator " + h + " --reason " + h);
      // Bound parameters store the hostile text exactly as given (or refuse it cleanly).
      if (set.code == 0) CHECK(curated_value(db, key, "target") == kHostile[i]);
    }
  }
  CHECK(commands > 200);
  CHECK_FALSE(fs::exists("/tmp/synthdb-pwned.db"));
}
