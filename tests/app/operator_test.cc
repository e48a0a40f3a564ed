// s18-prod2 (review 18a P4, P5, P10, P11, P13, P14, P18): what an operator sees in logs and exit
// codes: control characters escaped, full paths in plain logs, another program's write lock is exit
// 4 with a plain line, a non-SQLite --db is named as such, out-of-range flags are usage errors, an
// empty folder warns.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "extract/core/error.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("control characters in file names are escaped in log lines - failures name the full path (P4, P5)") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  fs::create_directories(dir / "in" / "a");
  fs::create_directories(dir / "in" / "b");
  // Distinct bytes each: equal content would be one document.
  std::ofstream(dir / "in" / "evil\n[99 99] ok fine.pdf") << "junk 1";
  std::ofstream(dir / "in" / "tab\there\x1b[2J.pdf") << "junk 2";
  std::ofstream(dir / "in" / "a" / "paper.pdf") << "junk 3";
  std::ofstream(dir / "in" / "b" / "paper.pdf") << "%PDF-1.4 truncated";
  const std::string db = (dir / "t.db").string();
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "1"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(count_lines(r.err) == 4);  // one line per document, whatever the names hold
  CHECK(r.err.find("evil\\x0A[99 99] ok fine.pdf") != std::string::npos);
  CHECK(r.err.find("tab\\x09here\\x1B[2J.pdf") != std::string::npos);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("\n[99 99]") == std::string::npos);
  // Not a TTY (a pipe, as in cron): the full path, so the two paper.pdf are told apart.
  CHECK(r.err.find("failed " + (dir / "in" / "a" / "paper.pdf").string() + ": ") != std::string::npos);
  CHECK(r.err.find("failed " + (dir / "in" / "b" / "paper.pdf").string() + ": ") != std::string::npos);
  // The database stores the same display form.
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path LIKE '%evil\\x0A[99 99] ok fine.pdf'") == 1);
  // --quiet prints the same form.
  auto q = run_cli({"ingest", (dir / "in").string(), "--db", db, "--retry-failed", "--quiet"});
  CHECK(count_lines(q.err) == 4);
  CHECK(q.err.find("evil\\x0A[99 99] ok fine.pdf") != std::string::npos);
}

TEST_CASE("another program's open write transaction: exit 4 with one plain line naming the database (P10)") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  fs::create_directories(dir / "in");
  fs::copy_file(kZnse, dir / "in" / "znse.txt");
  const std::string db = (dir / "t.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  // Library level: a short busy timeout ends in db::LockedError (a DbError) with the plain message.
  synthdb::db::Database holder(db);
  holder.exec("BEGIN IMMEDIATE");
  holder.exec("UPDATE documents SET title = title");
  {
    synthdb::db::Database other(db, synthdb::db::OpenOptions{.busy_timeout_ms = 100});
    try {
      synthdb::db::Transaction tx(other);
      FAIL("BEGIN IMMEDIATE succeeded under another writer");
    } catch (const synthdb::db::LockedError& e) {
      CHECK(std::string(e.what()).find(db + ": locked: another program holds a write lock") == 0);
    }
  }
  // The CLI: exit 4, one line, for ingest and for a curator's edit.
  ::setenv("SYNTHDB_BUSY_TIMEOUT", "0.3", 1);
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--force"});
  auto c = run_cli({"curate", "--db", db, "delete", "nokey", "--curator", "a", "--reason", "b"});
  ::unsetenv("SYNTHDB_BUSY_TIMEOUT");
  INFO(r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.err == "synthdb: " + db +
                     ": locked: another program holds a write lock on this database (an open transaction in "
                     "sqlite3, DB Browser with unsaved changes?); waited 0.3 s; commit or close it and retry\n");
  CHECK(c.exit_code == 4);
  holder.exec("ROLLBACK");
  CHECK(run_cli({"ingest", (dir / "in").string(), "--db", db, "--force"}).exit_code == 0);
}

TEST_CASE("a --db that is not SQLite is named as such and left untouched (P11)") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  const fs::path notdb = dir / "notdb.db";
  std::ofstream(notdb) << "hi, this is a text file, not a database\n";
  const std::string before = [&] {
    std::ifstream in(notdb);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"ingest", kZnse.string(), "--db", notdb.string()},
        std::vector<std::string>{"stats", "--db", notdb.string()},
        std::vector<std::string>{"search", "--db", notdb.string(), "CdSe"},
        std::vector<std::string>{"export", "--db", notdb.string(), "--out", (dir / "ex").string()},
        std::vector<std::string>{"curate", "--db", notdb.string(), "list"}}) {
    auto r = run_cli(cmd);
    INFO(cmd[0], " ", r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "synthdb: " + notdb.string() + ": not a synthdb database (not an SQLite file)\n");
  }
  std::ifstream in(notdb);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == before);
}

TEST_CASE("out-of-range flags are usage errors - an empty folder warns (P13, P14, P18)") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  fs::create_directories(dir / "empty");
  fs::create_directories(dir / "in");
  fs::copy_file(kZnse, dir / "in" / "znse.txt");
  const std::string db = (dir / "t.db").string();
  auto j0 = run_cli({"ingest", (dir / "in").string(), "--db", db, "-j", "0"});
  CHECK(j0.exit_code == 2);
  CHECK(j0.err.find("--jobs must be at least 1, not 0") != std::string::npos);
  CHECK(!fs::exists(db));
  // An empty folder: a warning line (also with --quiet, and in the report), exit 0.
  auto e = run_cli({"ingest", (dir / "empty").string(), (dir / "in").string(), "--db", db, "--quiet", "--report",
                    (dir / "r.json").string()});
  CHECK(e.exit_code == 0);
  CHECK(e.err == "ingest: warning: no PDF or .txt files under " + (dir / "empty").string() + "\n");
  std::ifstream rin(dir / "r.json");
  const auto report = nlohmann::json::parse(rin);
  REQUIRE(report["warnings"].size() == 1);
  CHECK(report["warnings"][0] == "no PDF or .txt files under " + (dir / "empty").string());
  auto e2 = run_cli({"ingest", (dir / "empty").string() + "/", "--db", db});
  CHECK(e2.exit_code == 0);
  CHECK(e2.err.find("no PDF or .txt files under " + (dir / "empty").string() + "\n") != std::string::npos);

  auto mc = run_cli({"export", "--db", db, "--out", (dir / "ex").string(), "--min-confidence", "2"});
  CHECK(mc.exit_code == 2);
  CHECK(mc.err.find("--min-confidence: must be a number from 0 to 1, not 2") != std::string::npos);
  CHECK(run_cli({"export", "--db", db, "--out", (dir / "ex").string(), "--min-confidence", "1"}).exit_code == 0);
  auto seed = run_cli({"export", "--db", db, "--out", (dir / "ex").string(), "--seed", "-1"});
  CHECK(seed.exit_code == 2);
  CHECK(seed.err.find("--seed") == seed.err.rfind("--seed"));  // the flag named once
  CHECK(seed.err.find("must be a whole number >= 0, not -1") != std::string::npos);
  // SOURCE_DATE_EPOCH makes dataset.json reproducible too (P16).
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  REQUIRE(run_cli({"export", "--db", db, "--out", (dir / "ex").string()}).exit_code == 0);
  ::unsetenv("SOURCE_DATE_EPOCH");
  std::ifstream din(dir / "ex" / "dataset.json");
  CHECK(nlohmann::json::parse(din)["created_at"] == "2023-11-14T22:13:20Z");
}
