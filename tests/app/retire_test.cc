// s19-prod: a failed document whose file was deleted from the folder ingest walks is retired ("file
// no longer present"): kept for audit, counted by stats among the retired failures, never for a path
// outside the walked folders, never an ok document or curation; it is a current failure again when
// the file comes back. Real files in a temporary folder, the real binary.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("ingest retires a failed file deleted from the walked folder, and only that") {
  TempDir dir;
  const fs::path in = dir / "in";
  const fs::path other = dir / "other";
  fs::create_directories(in);
  fs::copy_file(kZnse, in / "good.txt");
  write_unreadable(in / "bad.txt", "one");
  write_unreadable(in / "copied.txt", "two");
  write_unreadable(other / "copied.txt", "two");  // the same content under a folder the later runs do not walk
  write_unreadable(other / "outside.txt", "three");
  write_unreadable(in / "moved.txt", "four");
  const std::string db = (dir / "r.db").string();
  REQUIRE(run_cli({"ingest", in.string(), other.string(), "--db", db}).exit_code == 1);
  auto s0 = stats_documents(db);
  REQUIRE(s0["failed"] == 4);
  CHECK(s0["failed_retired"] == 0);
  // A curator edit, to see that retiring leaves curation and ok documents alone.
  const std::string key = query_text(db, "SELECT key FROM syntheses ORDER BY key LIMIT 1");
  REQUIRE(!key.empty());
  REQUIRE(run_cli({"curate", "--db", db, "set", key, "status", "failed", "--curator", "alice", "--reason", "test"}).exit_code == 0);

  // The bad files are deleted (one moved), the good one stays; only `in` is walked.
  fs::remove(in / "bad.txt");
  fs::remove(in / "copied.txt");
  fs::remove(other / "outside.txt");
  fs::create_directories(in / "sub");
  fs::rename(in / "moved.txt", in / "sub" / "moved.txt");
  const fs::path report = dir / "report.json";
  auto r = run_cli({"ingest", in.string(), "--db", db, "--report", report.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const std::string bad = (in / "bad.txt").string();
  CHECK(r.err.find("retired failure " + bad + ": file no longer present") != std::string::npos);
  CHECK(r.out.find(", 1 earlier failure retired (file no longer present)") != std::string::npos);
  std::ifstream rin(report);
  const auto rep = nlohmann::json::parse(rin);
  REQUIRE(rep["retired_failures"].size() == 1);
  CHECK(rep["retired_failures"][0]["path"] == bad);
  CHECK(rep["retired_failures"][0]["reason"] == "file no longer present");

  // Retired: bad.txt only. Not copied.txt (still under other/, not walked), not outside.txt (not
  // under a walked folder), not moved.txt (found again at its new path).
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired = 'file no longer present' AND path = '" + bad +
                      "' AND retired_at IS NOT NULL") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired IS NOT NULL") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND retired IS NULL") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 5);  // kept for audit
  CHECK(query_int(db, "SELECT count(*) FROM curation") == 1);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
  auto s1 = stats_documents(db);
  CHECK(s1["failed"] == 3);
  CHECK(s1["failed_retired"] == 1);
  REQUIRE(s1["retired_reasons"].size() == 1);
  CHECK(s1["retired_reasons"][0]["reason"] == "file no longer present");
  for (const auto& f : s1["failed_documents"]) CHECK(f["path"] != bad);
  auto text = run_cli({"stats", "--db", db}).out;
  CHECK(text.find("(1 ok, 3 failed, 1 earlier failure retired)") != std::string::npos);
  CHECK(text.find("  retired 1: file no longer present") != std::string::npos);

  // Idempotent: nothing new to retire.
  auto again = run_cli({"ingest", in.string(), "--db", db});
  CHECK(again.out.find("retired") == std::string::npos);
  CHECK(stats_documents(db)["failed_retired"] == 1);

  // The file comes back (same content): a current failure again.
  write_unreadable(in / "bad.txt", "one");
  auto back = run_cli({"ingest", in.string(), "--db", db});
  CHECK(back.exit_code == 0);  // skipped: same content, same pipeline
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired IS NOT NULL") == 0);
  CHECK(stats_documents(db)["failed"] == 4);
}

TEST_CASE("no failure is retired under a folder that came back empty, nor by a shard run") {
  TempDir dir;
  const fs::path share = dir / "share";
  write_unreadable(share / "bad.txt", "one");
  const std::string db = (dir / "e.db").string();
  REQUIRE(run_cli({"ingest", share.string(), "--db", db}).exit_code == 1);
  fs::remove(share / "bad.txt");
  // An empty folder is most often an unmounted share: its failures stay current.
  auto r = run_cli({"ingest", share.string(), "--db", db});
  CHECK(r.err.find("no PDF or .txt files under") != std::string::npos);
  CHECK(stats_documents(db)["failed"] == 1);
  // A shard run hashes only its own files: it cannot tell a moved file from a deleted one.
  fs::copy_file(kZnse, share / "good.txt");
  for (const char* shard : {"1/2", "2/2"}) {
    auto s = run_cli({"ingest", share.string(), "--db", db, "--shard", shard});
    CHECK(s.exit_code == 0);
  }
  CHECK(stats_documents(db)["failed"] == 1);
  // A plain run retires it.
  auto p = run_cli({"ingest", share.string(), "--db", db});
  CHECK(p.out.find("1 earlier failure retired") != std::string::npos);
  CHECK(stats_documents(db)["failed"] == 0);
  CHECK(stats_documents(db)["failed_retired"] == 1);
}

// s27 persona walk: an ok paper deleted from the walked folder stays in exports (deleting a file is not
// withdrawing it), and nothing said so. Each run now names it until `remove` withdraws it; a file
// edited in place, moved or still present elsewhere in the walk is not named.
TEST_CASE("ingest names ok documents whose file is gone from the walked folder - still exported until remove") {
  TempDir dir;
  const fs::path in = dir / "in";
  const std::string text = read_all(kZnse);
  write(in / "gone.txt", text);
  write(in / "edited.txt", text + "\nA second paper's copy.\n");
  write(in / "moved.txt", text + "\nA third copy.\n");
  write(in / "zz-copy.txt", text + "\n\n");  // a byte-different copy of gone.txt, which export leaves out
  const std::string db = (dir / "m.db").string();
  REQUIRE(run_cli({"ingest", in.string(), "--db", db, "--quiet"}).exit_code == 0);
  fs::remove(in / "gone.txt");
  fs::remove(in / "zz-copy.txt");
  write(in / "edited.txt", text + "\nA second paper's copy, revised.\n");
  fs::create_directories(in / "sub");
  fs::rename(in / "moved.txt", in / "sub" / "moved.txt");
  const fs::path report = dir / "report.json";
  auto r = run_cli({"ingest", in.string(), "--db", db, "--report", report.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string gone = (in / "gone.txt").string();
  CHECK(has(r.err, "ingest: 1 stored document's file no longer present, still exported (withdraw with `synthdb remove PATH`):\n  " +
                       gone + "\n"));
  CHECK(!has(r.err, "  " + (in / "edited.txt").string() + "\n"));  // the progress line names it, as ok
  CHECK(!has(r.err, "moved.txt"));
  CHECK(!has(r.err, "zz-copy.txt"));
  std::ifstream rin(report);
  const auto rep = nlohmann::json::parse(rin);
  REQUIRE(rep["missing_documents"].size() == 1);
  CHECK(rep["missing_documents"][0]["path"] == gone);
  // --quiet: the report only.
  auto quiet = run_cli({"ingest", in.string(), "--db", db, "--quiet"});
  CHECK(!has(quiet.err, "no longer present"));
  // Withdrawn: no longer named; its copy is now the one export writes, and is named in turn.
  REQUIRE(run_cli({"remove", "--db", db, gone, "--reason", "deleted on purpose", "--curator", "op"}).exit_code == 0);
  auto after = run_cli({"ingest", in.string(), "--db", db});
  CHECK(!has(after.err, "  " + gone + "\n"));
  CHECK(has(after.err, "  " + (in / "zz-copy.txt").string() + "\n"));
  REQUIRE(run_cli({"remove", "--db", db, (in / "zz-copy.txt").string(), "--reason", "deleted", "--curator", "op"}).exit_code == 0);
  CHECK(!has(run_cli({"ingest", in.string(), "--db", db}).err, "no longer present"));
}
