// File names as ingest stores and reports them.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {
}

TEST_CASE("a file name that is not valid UTF-8 is stored and reported in one lossless escaped form") {
  TempDir dir;
  const fs::path in = dir / "badname";
  fs::create_directories(in);
  const std::string raw = std::string("tr\xc3\x28") + ".pdf";       // invalid UTF-8 byte sequence
  const std::string slash = std::string("a\\b\xff") + ".txt";     // backslash + invalid byte
  fs::copy_file(kSamples / "cdse-cds-hot-injection.pdf", in / raw);
  fs::copy_file(kSamples / "znse-nanocrystals.txt", in / slash);
  fs::copy_file(kSamples / "hostile" / "truncated.pdf", in / (std::string("bad\xfe") + ".pdf"));
  const std::string db = (dir / "b.db").string();
  auto r = run_cli({"ingest", in.string(), "--db", db, "--report", (dir / "b.json").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // the truncated file failed; nothing fatal
  CHECK(r.out.find("ingest: 3 inputs: 2 new") != std::string::npos);
  std::ifstream rf(dir / "b.json");
  const auto report = nlohmann::json::parse(rf);
  const std::string shown = in.string() + "/tr\\xC3(.pdf";
  const std::string shown2 = in.string() + "/a\\\\b\\xFF.txt";
  const std::string shown3 = in.string() + "/bad\\xFE.pdf";
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + shown + "' AND status = 'ok'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + shown2 + "' AND status = 'ok'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + shown3 + "' AND status = 'failed' AND "
                      "error LIKE '" + shown3 + ": %'") == 1);
  // One path row per file, the same form as documents.path; no U+FFFD anywhere.
  CHECK(query_int(db, "SELECT count(*) FROM document_paths") == 3);
  CHECK(query_int(db, "SELECT count(*) FROM document_paths p JOIN documents d ON d.sha256 = p.sha256 AND "
                      "d.path = p.path") == 3);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE instr(path, char(65533)) > 0 OR "
                      "instr(coalesce(error, ''), char(65533)) > 0") == 0);
  bool found = false;
  for (const auto& d : report["documents"]) found |= d["path"] == shown;
  CHECK(found);
  CHECK(report["failures"][0]["path"] == shown3);
  CHECK(r.err.find("tr\\xC3(.pdf") != std::string::npos);
  // A second run skips all three and adds no path rows.
  auto again = run_cli({"ingest", in.string(), "--db", db});
  CHECK(again.out.find("0 new (0 re-processed), 3 skipped") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM document_paths") == 3);
}

TEST_CASE("a moved file updates documents.path (last seen), a copy beside the original does not") {
  TempDir dir;
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  fs::copy_file(kSamples / "znse-nanocrystals.txt", dir / "a" / "znse.txt");
  fs::copy_file(kSamples / "hostile" / "truncated.pdf", dir / "a" / "bad.pdf");
  const std::string db = (dir / "m.db").string();
  REQUIRE(run_cli({"ingest", dir.path().string(), "--db", db}).exit_code == 1);
  const std::string pb = (dir / "b" / "bad.pdf").string();
  const std::string pz = (dir / "b" / "znse.txt").string();
  fs::rename(dir / "a" / "znse.txt", pz);
  fs::rename(dir / "a" / "bad.pdf", pb);
  CHECK(run_cli({"ingest", dir.path().string(), "--db", db}).exit_code == 0);  // nothing to re-do
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + pz + "' AND status = 'ok'") == 1);
  // The failed row's reason names the file where it is now.
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + pb + "' AND error LIKE '" + pb + ": %'") == 1);
  // The old paths' files are gone: their rows are folded into the new sightings' (session 26; a
  // gone path kept "holding" the old content, so editing a moved file superseded nothing).
  CHECK(query_int(db, "SELECT count(*) FROM document_paths") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM document_paths WHERE path IN ('" + pz + "', '" + pb + "')") == 2);
  // A renamed copy next to the file it copies leaves the path alone.
  fs::copy_file(pz, dir / "b" / "a-copy.txt");
  CHECK(run_cli({"ingest", dir.path().string(), "--db", db}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE path = '" + pz + "'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM document_paths") == 3);  // the copy exists: its own row
}
