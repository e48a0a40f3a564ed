// Read commands on a file that is not a synthdb database: one clear line, and the file is untouched.
#include <doctest/doctest.h>

#include <fstream>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("stats/search on an empty or foreign SQLite file fail with one line, no command adds our schema to it") {
  TempDir dir;
  const fs::path empty = dir / "empty.db";
  std::ofstream(empty).close();
  const fs::path other = dir / "other.db";
  {
    synthdb::db::Database d(other, synthdb::db::OpenOptions{.migrate = false});
    d.exec("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('ann')");
  }
  for (const fs::path& db : {empty, other}) {
    for (const std::vector<std::string>& cmd :
         {std::vector<std::string>{"stats", "--db", db.string()},
          std::vector<std::string>{"search", "--db", db.string(), "CdSe"}}) {
      auto r = run_cli(cmd);
      INFO(cmd[0], " ", db.string(), " ", r.err);
      CHECK(r.exit_code == 3);
      CHECK(r.err.find(db.string() + ": not a synthdb database") != std::string::npos);
      CHECK(r.err.find("no such table") == std::string::npos);
      CHECK(r.err.find('\n') == r.err.size() - 1);
    }
  }
  CHECK(fs::file_size(empty) == 0);
  // Commands that migrate on open (export, curate, ingest, ...) refuse another application's file.
  auto e = run_cli({"export", "--db", other.string(), "--out", (dir / "ex").string()});
  CHECK(e.exit_code == 3);
  CHECK(e.err.find("not a synthdb database") != std::string::npos);
  auto i = run_cli({"ingest", (fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt").string(),
                    "--db", other.string()});
  CHECK(i.exit_code == 3);
  CHECK(query_int(other, "SELECT count(*) FROM sqlite_schema") == 1);
  CHECK(query_int(other, "PRAGMA user_version") == 0);
}

TEST_CASE("export, curate and add refuse an empty file instead of creating a synthdb database in it") {
  TempDir dir;
  const fs::path empty = dir / "empty.db";
  std::ofstream(empty).close();
  const fs::path json = dir / "r.json";
  std::ofstream(json) << R"({"target":"CdSe","status":"failed"})" << '\n';
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"export", "--db", empty.string(), "--out", (dir / "ex").string()},
        std::vector<std::string>{"curate", "--db", empty.string(), "list"},
        std::vector<std::string>{"add", "--db", empty.string(), "--json", json.string(), "--curator", "a"}}) {
    auto r = run_cli(cmd);
    INFO(cmd[0], " ", r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(empty.string() + ": not a synthdb database") != std::string::npos);
  }
  CHECK(fs::file_size(empty) == 0);
}
