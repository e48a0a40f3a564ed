// s22-stats: operator items left from the session-21 reviews, through build/synthdb on real files.
//  1. `stats` text caps the duplicate list ("... and N more"); --json keeps every copy.
//  3. `merge` and `classify --rescore` fold the write-ahead log in at the end, as ingest does.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"
#include "tests/db/temp_dir.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

long long count(const std::string& text, const std::string& what) {
  long long n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("s22-stats item 1: stats lists the first --max-duplicates copies, --json every one") {
  TempDir dir;
  const std::string text = read_all(kZnse);
  // 25 byte-different copies of one paper (trailing blank lines: same DOI, same paragraph texts): 24
  // are duplicates of the one export writes. Three unreadable PDFs fail.
  for (int i = 0; i < 25; ++i) write(dir / "in" / ("copy-" + std::to_string(100 + i) + ".txt"), text + std::string(i, '\n'));
  for (int i = 0; i < 3; ++i) write(dir / "in" / ("bad-" + std::to_string(i) + ".pdf"), "not a pdf " + std::to_string(i));
  const std::string db = (dir / "d.db").string();
  auto in = run_cli({"ingest", (dir / "in").string(), "--db", db, "--quiet"});
  INFO(in.err);
  REQUIRE(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 25);
  REQUIRE(query_int(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 3);
  // first_seen is the time each document was stored: parallel workers may store copy-100 in a later
  // second than copy-101. The kept copy is chosen by the run that first saw it, then by path, so it
  // stays copy-100 (v16-v19 ordered by first_seen itself: this test failed now and then under load).
  synthdb::db::Database(db).exec("UPDATE document_paths SET first_seen = '9999-12-31T23:59:59Z' WHERE path LIKE '%copy-100.txt'");
  REQUIRE(query_int(db, "SELECT count(*) FROM document_paths WHERE first_seen LIKE '9999%'") == 1);

  auto j = run_cli({"stats", "--db", db, "--json", "--max-duplicates", "2"});
  REQUIRE(j.exit_code == 0);
  const auto d = nlohmann::json::parse(j.out)["documents"];
  CHECK(d["duplicates"] == 24);
  CHECK(d["duplicate_documents"].size() == 24);  // complete whatever --max-duplicates says

  auto t = run_cli({"stats", "--db", db});  // default 20
  REQUIRE(t.exit_code == 0);
  CHECK(has(t.out, "24 ok documents repeat another document"));
  CHECK(count(t.out, ", which export writes)\n") == 20);
  CHECK(has(t.out, "  ... and 4 more (--max-duplicates N lists more, --json lists every one)\n"));
  // The first by path are listed: copy-101 .. copy-124 minus the one export writes (copy-100, first stored).
  CHECK(has(t.out, "copy-101.txt (copy of "));
  CHECK_FALSE(has(t.out, "copy-124.txt (copy of "));

  auto few = run_cli({"stats", "--db", db, "--max-duplicates", "2", "--max-failed", "1"});
  REQUIRE(few.exit_code == 0);
  CHECK(count(few.out, ", which export writes)\n") == 2);
  CHECK(has(few.out, "  ... and 22 more (--max-duplicates N lists more, --json lists every one)\n"));
  CHECK(count(few.out, "bad-") == 1);
  CHECK(has(few.out, "  ... and 2 more (--max-failed N lists more)\n"));

  auto all = run_cli({"stats", "--db", db, "--max-duplicates", "24", "--max-failed", "3"});
  CHECK(count(all.out, ", which export writes)\n") == 24);
  CHECK_FALSE(has(all.out, "more ("));

  auto none = run_cli({"stats", "--db", db, "--max-duplicates", "0"});
  CHECK(count(none.out, ", which export writes)\n") == 0);
  CHECK(has(none.out, "24 ok documents repeat another document"));
  CHECK(has(none.out, "  ... and 24 more (--max-duplicates N lists more, --json lists every one)\n"));
  CHECK(run_cli({"stats", "--db", db, "--max-duplicates", "-1"}).exit_code == 2);
}

// Item 3. An idle reader (it read once, holds no transaction) keeps SQLite's close-time checkpoint
// from running: before s22-stats merge and classify --rescore left their writes in DB-wal.
TEST_CASE("s22-stats item 3: merge and classify --rescore fold the write-ahead log in at the end") {
  TempDir dir;
  const std::string text = read_all(kZnse);
  for (int i = 0; i < 3; ++i) write(dir / "in" / ("znse-" + std::to_string(i) + ".txt"), text + "\nCopy " + std::to_string(i) + ".\n");
  const fs::path shard = dir / "shard.db", out = dir / "out.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", shard.string(), "--quiet"}).exit_code == 0);
  {
    // OUT exists with one idle reader open while merge writes.
    synthdb::db::Database create(out);
  }
  synthdb::db::Database reader(out, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 0);
  auto m = run_cli({"merge", out.string(), shard.string()});
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  CHECK(m.err.find("warning") == std::string::npos);
  CHECK(wal_size(out) == 0);
  CHECK(documents_in_plain_copy(out, dir / "c1") == 3);

  synthdb::db::Database shard_reader(shard, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  CHECK(synthdb::db::scalar(shard_reader, "SELECT count(*) FROM documents") == 3);
  auto c = run_cli({"classify", "--db", shard.string(), "--rescore", "--threshold", "0.9999999"});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  CHECK(c.err.find("warning") == std::string::npos);
  CHECK(wal_size(shard) == 0);
  // The plain copy holds the rescore: its pipeline version names the threshold.
  fs::create_directories(dir / "c2");
  fs::copy_file(shard, dir / "c2" / "copy.db");
  CHECK(query_int(dir / "c2" / "copy.db", "SELECT count(*) FROM documents WHERE pipeline_version LIKE '%threshold=%'") == 3);
}

TEST_CASE("s22-stats item 3: a reader's open transaction during merge and rescore gives the backup warning") {
  TempDir dir;
  write(dir / "in" / "znse.txt", read_all(kZnse));
  const fs::path shard = dir / "shard.db", out = dir / "out.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", shard.string(), "--quiet"}).exit_code == 0);
  {
    synthdb::db::Database create(out);
  }
  synthdb::db::Database reader(out, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  synthdb::db::Transaction snapshot(reader, synthdb::db::Transaction::Mode::kDeferred);
  CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 0);  // starts the snapshot
  auto m = run_cli({"merge", out.string(), shard.string(), "--quiet"});
  INFO(m.err);
  CHECK(m.exit_code == 0);
  CHECK(has(m.err, "merge: warning: another connection holds a read transaction on " + out.string()));
  CHECK(has(m.err, ".backup COPY.db"));
  CHECK(wal_size(out) > 0);

  synthdb::db::Database shard_reader(shard, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  synthdb::db::Transaction shard_snapshot(shard_reader, synthdb::db::Transaction::Mode::kDeferred);
  CHECK(synthdb::db::scalar(shard_reader, "SELECT count(*) FROM documents") == 1);
  auto c = run_cli({"classify", "--db", shard.string(), "--rescore", "--threshold", "0.9999999"});
  INFO(c.err);
  CHECK(c.exit_code == 0);
  CHECK(has(c.err, "classify: warning: another connection holds a read transaction on " + shard.string()));
}
