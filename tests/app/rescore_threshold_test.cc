// classify --rescore --threshold T: the threshold is part of the recorded pipeline version.
#include <doctest/doctest.h>

#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("rescore with a non-default threshold records it in the pipeline version, ingest then re-processes") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "znse.txt");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "cdse-cds-hot-injection.pdf",
                dir / "in" / "cdse.pdf");
  const std::string in = (dir / "in").string();
  const std::string db = (dir / "s.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", db}).exit_code == 0);
  const std::string ingested = canonical_dump(db);
  const long long records = query_int(db, "SELECT count(*) FROM syntheses");
  REQUIRE(records > 0);

  auto strict = run_cli({"classify", "--db", db, "--rescore", "--threshold", "0.9999999"});
  REQUIRE(strict.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") < records);
  // 0.9999999, not a rounded "1".
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE pipeline_version LIKE '%/threshold=0.9999999+%'") == 2);

  // The nightly ingest (default threshold) sees another pipeline version and re-processes both.
  auto again = run_cli({"ingest", in, "--db", db});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("2 new (2 re-processed), 0 skipped") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") == records);
  CHECK(canonical_dump(db) == ingested);

  // A rescore without --threshold is the default pipeline again: nothing for ingest to do.
  REQUIRE(run_cli({"classify", "--db", db, "--rescore", "--threshold", "0.5"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE pipeline_version LIKE '%/threshold=0.5+%'") == 2);
  REQUIRE(run_cli({"classify", "--db", db, "--rescore"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE pipeline_version LIKE '%threshold%'") == 0);
  CHECK(run_cli({"ingest", in, "--db", db}).out.find("0 new (0 re-processed), 2 skipped") != std::string::npos);
}
