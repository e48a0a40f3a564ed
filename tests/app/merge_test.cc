// Shards and merge through build/synthdb.
#include <doctest/doctest.h>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("shard 1/2 and 2/2 merged equal a single run and merging again changes nothing") {
  TempDir dir;
  copy_samples(dir / "in", true);
  make_pdf_variants(dir / "in" / "more", 1);
  const std::string in = (dir / "in").string();
  const std::string single = (dir / "single.db").string();
  const std::string s1 = (dir / "s1.db").string(), s2 = (dir / "s2.db").string();
  const std::string out = (dir / "out.db").string();
  run_cli({"ingest", in, "--db", single, "--quiet"});
  run_cli({"ingest", in, "--db", s1, "--shard", "1/2", "--quiet"});
  run_cli({"ingest", in, "--db", s2, "--shard", "2/2", "--quiet"});
  const long long n1 = query_int(s1, "SELECT count(*) FROM documents");
  const long long n2 = query_int(s2, "SELECT count(*) FROM documents");
  CHECK(n1 > 0);
  CHECK(n2 > 0);
  CHECK(n1 + n2 == query_int(single, "SELECT count(*) FROM documents"));
  CHECK(query_int(s1, "SELECT count(*) FROM documents WHERE sha256 IN (SELECT sha256 FROM documents)") == n1);

  {
    // A curator edit already in OUT must survive the merge. Since schema v12 an edit must name a
    // record: OUT holds shard 1 first.
    REQUIRE(run_cli({"merge", out, s1}).exit_code == 0);
    synthdb::db::Database o(out);
    o.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
           "SELECT 'syntheses', key, 'target', target, 'CdSe/CdS', 'ana', 'typo', '2026-01-01T00:00:00Z' "
           "FROM syntheses ORDER BY key LIMIT 1");
    REQUIRE(o.changes() == 1);
  }
  auto m = run_cli({"merge", out, s1, s2});
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  const std::string merged = canonical_dump(out);
  CHECK(merged == canonical_dump(single));
  CHECK(query_int(out, "SELECT count(*) FROM curation WHERE curator = 'ana'") == 1);
  CHECK(query_int(out, "SELECT count(*) FROM document_paths") ==
        query_int(single, "SELECT count(*) FROM document_paths"));
  // The full-text index follows the copied paragraphs.
  CHECK(query_int(out, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'nanocrystals'") ==
        query_int(single, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'nanocrystals'"));
  CHECK(query_int(out, "PRAGMA foreign_key_check") == -1);  // no rows: every reference resolves

  auto again = run_cli({"merge", out, s1, s2});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 documents copied, 0 replaced") != std::string::npos);
  CHECK(canonical_dump(out) == merged);
}

TEST_CASE("merge replaces documents a shard has from a newer ingest and refuses other schema versions") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string in = (dir / "in").string();
  const std::string out = (dir / "out.db").string(), shard = (dir / "shard.db").string();
  run_cli({"ingest", in, "--db", out, "--quiet"});
  run_cli({"ingest", in, "--db", shard, "--quiet"});
  {
    synthdb::db::Database o(out);  // OUT's copy is older and came from an older pipeline
    o.exec("UPDATE documents SET ingested_at = '2000-01-01T00:00:00Z', pipeline_version = 'old'");
  }
  auto m = run_cli({"merge", out, shard});
  CHECK(m.exit_code == 0);
  CHECK(query_int(out, "SELECT count(*) FROM documents WHERE pipeline_version = 'old'") == 0);
  CHECK(canonical_dump(out) == canonical_dump(shard));

  const std::string v1 = (dir / "v1.db").string();
  fs::copy_file(shard, v1);
  {
    synthdb::db::Database d(v1, synthdb::db::OpenOptions{.migrate = false});
    d.exec("PRAGMA user_version = 1");
  }
  auto bad = run_cli({"merge", out, v1});
  CHECK(bad.exit_code == 3);
  CHECK(bad.err.find("refusing to merge") != std::string::npos);
  CHECK(bad.err.find("has schema v1") != std::string::npos);
}

// s27 persona walk: dataset.json listed the duplicate copies it left out in row-id order, so the same
// shards merged in another order listed them in another order while every CSV was the same.
TEST_CASE("dataset.json lists the duplicate copies left out in one order whatever order the shards merged in") {
  TempDir dir;
  const std::string text = read_all(kZnse);
  // Byte-different copies of one paper: the same paragraphs. --shard picks files by a hash of their path,
  // which holds the random temporary folder: with 6 copies one shard was empty in about 1 run of 32; with
  // 16, in about 1 of 32,768.
  const int copies = 16;
  for (int i = 0; i < copies; ++i)
    write(dir / "in" / ("copy-" + std::to_string(i) + ".txt"), text + std::string(i + 1, '\n'));
  const std::string in = (dir / "in").string();
  const std::string s1 = (dir / "s1.db").string(), s2 = (dir / "s2.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", s1, "--shard", "1/2", "--jobs", "1", "--quiet"}).exit_code == 0);
  REQUIRE(run_cli({"ingest", in, "--db", s2, "--shard", "2/2", "--jobs", "1", "--quiet"}).exit_code == 0);
  REQUIRE(query_int(s1, "SELECT count(*) FROM documents") > 0);
  REQUIRE(query_int(s2, "SELECT count(*) FROM documents") > 0);
  const std::string ab = (dir / "ab.db").string(), ba = (dir / "ba.db").string();
  REQUIRE(run_cli({"merge", ab, s1, s2, "--quiet"}).exit_code == 0);
  REQUIRE(run_cli({"merge", ba, s2, s1, "--quiet"}).exit_code == 0);
  REQUIRE(query_text(ab, "SELECT group_concat(sha256) FROM (SELECT sha256 FROM documents ORDER BY id)") !=
          query_text(ba, "SELECT group_concat(sha256) FROM (SELECT sha256 FROM documents ORDER BY id)"));
  REQUIRE(run_cli({"export", "--db", ab, "--out", (dir / "ex-ab").string()}).exit_code == 0);
  REQUIRE(run_cli({"export", "--db", ba, "--out", (dir / "ex-ba").string()}).exit_code == 0);
  REQUIRE(read_all(dir / "ex-ab" / "syntheses.csv") == read_all(dir / "ex-ba" / "syntheses.csv"));
  const auto left_ab = read_json_file(dir / "ex-ab" / "dataset.json")["duplicate_documents_left_out"];
  const auto left_ba = read_json_file(dir / "ex-ba" / "dataset.json")["duplicate_documents_left_out"];
  REQUIRE(left_ab.size() == copies - 1);
  CHECK(left_ab == left_ba);
  // By sha256 (then path): a key of the content, not of the order rows were written in.
  for (size_t i = 1; i < left_ab.size(); ++i)
    CHECK(left_ab[i - 1]["sha256"].get<std::string>() < left_ab[i]["sha256"].get<std::string>());
}
