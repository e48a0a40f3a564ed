// Ingest arguments that cannot work are refused before any work is done (exit 2).
#include <doctest/doctest.h>

#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("--timeout must be a finite positive number: nan, inf and negative values are usage errors") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "z.txt");
  const std::string db = (dir / "t.db").string();
  for (const char* bad : {"nan", "NaN", "inf", "-inf", "-1", "0"}) {
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--timeout", bad});
    INFO(bad, " ", r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--timeout") != std::string::npos);
  }
  CHECK(!fs::exists(db));
  CHECK(run_cli({"ingest", (dir / "in").string(), "--db", db, "--timeout", "30"}).exit_code == 0);
}

TEST_CASE("a --report path that cannot be written is refused at the start, before any work") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "z.txt");
  const std::string db = (dir / "r.db").string();
  for (const fs::path& bad : {dir / "no-such-folder" / "r.json", dir / "in"}) {
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--report", bad.string()});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--report " + bad.string()) != std::string::npos);
    CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
    CHECK(!fs::exists(db));                       // nothing was done
  }
  auto ok = run_cli({"ingest", (dir / "in").string(), "--db", db, "--report", (dir / "r.json").string()});
  CHECK(ok.exit_code == 0);
  CHECK(fs::exists(dir / "r.json"));
  CHECK(!fs::exists(dir / "r.json.tmp"));
}
