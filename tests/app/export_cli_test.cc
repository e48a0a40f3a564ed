// s20-prod: export filters that match nothing or name no method, duplicate papers in the export,
// eval-extract's flags that only go with --brat, and counts in the right number. Real databases
// written by the real binary.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

long long lines(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  long long n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

// One ZnSe paper in a database.
fs::path znse_db(const TempDir& dir) {
  fs::create_directories(dir / "in");
  fs::copy_file(kZnse, dir / "in" / "znse.txt");
  const fs::path db = dir / "z.db";
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("export --method: a name outside the method vocabulary is a usage error listing the methods") {
  TempDir dir;
  const fs::path db = znse_db(dir);
  const fs::path out = dir / "typo";
  auto r = run_cli({"export", "--db", db.string(), "--out", out.string(), "--method", "hot_injection"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--method \"hot_injection\" is not a synthesis method") != std::string::npos);
  CHECK(r.err.find("hot-injection, heat-up, solvothermal") != std::string::npos);
  CHECK(!fs::exists(out));  // nothing written
  // Case does not matter for a listed method.
  CHECK(run_cli({"export", "--db", db.string(), "--out", out.string(), "--method", "Heat-Up"}).exit_code == 0);
  // A curator's own method word is a method of this database.
  const std::string key = query_text(db, "SELECT key FROM syntheses ORDER BY key LIMIT 1");
  REQUIRE(run_cli({"curate", "--db", db.string(), "set", key, "method", "spray pyrolysis", "--curator", "alice",
                   "--reason", "test"})
              .exit_code == 0);
  auto c = run_cli({"export", "--db", db.string(), "--out", out.string(), "--method", "spray pyrolysis"});
  CHECK(c.exit_code == 0);
  CHECK(c.out.find("export: 1 synthesis (") != std::string::npos);
  CHECK(lines(out / "syntheses.csv") == 2);
  auto t = run_cli({"export", "--db", db.string(), "--out", out.string(), "--method", "spray-pyrolysis"});
  CHECK(t.exit_code == 2);
  CHECK(t.err.find(", other, spray pyrolysis") != std::string::npos);
}

TEST_CASE("export: a filter that matches nothing writes header-only files, exit 0, and says 0 syntheses match") {
  TempDir dir;
  const fs::path db = znse_db(dir);
  const fs::path out = dir / "ex";
  for (const std::vector<std::string>& filter :
       {std::vector<std::string>{"--method", "microfluidic"}, std::vector<std::string>{"--target", "^Zz"},
        std::vector<std::string>{"--min-confidence", "1", "--status", "failed"}}) {
    std::vector<std::string> args = {"export", "--db", db.string(), "--out", out.string()};
    args.insert(args.end(), filter.begin(), filter.end());
    auto r = run_cli(args);
    CAPTURE(filter[0]);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("export: 0 syntheses (0 materials, 0 steps, 0 outcomes) from 0 documents") != std::string::npos);
    CHECK(r.err.find("export: 0 syntheses match: " + std::string(filter[0] == "--min-confidence" ? "--status failed --min-confidence 1" : filter[0])) != std::string::npos);
    for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}) CHECK(lines(out / f) == 1);
  }
  auto all = run_cli({"export", "--db", db.string(), "--out", out.string()});
  CHECK(all.exit_code == 0);
  CHECK(all.err.find("0 syntheses match") == std::string::npos);
}

TEST_CASE("export leaves out a byte-different copy of a paper, keeps the edited copy and an SI - --keep-duplicates keeps all") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const std::string text = read_all(kZnse);
  { std::ofstream(dir / "in" / "a.txt", std::ios::binary) << text; }
  { std::ofstream(dir / "in" / "b-copy.txt", std::ios::binary) << text << "\n\n"; }  // other bytes, same paragraphs
  // A corrected version: same DOI, one paragraph reworded. Not a duplicate.
  std::string si = text;
  const std::string from = "The nanocrystals were spherical";
  REQUIRE(si.find(from) != std::string::npos);
  si.replace(si.find(from), from.size(), "The nanocrystals were mostly spherical");
  { std::ofstream(dir / "in" / "c-corrected.txt", std::ios::binary) << si; }
  const fs::path db = dir / "d.db";
  // One worker: documents are stored in path order, so a.txt has the lowest id.
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string(), "--jobs", "1"}).exit_code == 0);
  REQUIRE(query_int(db, "SELECT count(DISTINCT doi) FROM documents") == 1);
  REQUIRE(query_int(db, "SELECT count(*) FROM documents WHERE path LIKE '%/a.txt' AND id = (SELECT min(id) FROM "
                        "documents)") == 1);
  const long long per_doc = query_int(
      db, "SELECT count(*) FROM syntheses s JOIN documents d ON d.id = s.document_id WHERE d.path LIKE '%/a.txt'");
  REQUIRE(per_doc > 0);
  const std::string sha_a = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/a.txt'");
  const std::string sha_b = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/b-copy.txt'");
  const std::string sha_c = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/c-corrected.txt'");
  auto st = run_cli({"stats", "--db", db.string()});
  CHECK(st.out.find("1 ok document repeats another document") != std::string::npos);

  const fs::path out = dir / "ex";
  auto r = run_cli({"export", "--db", db.string(), "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("from 2 documents; 1 duplicate document skipped (same DOI, same paragraph texts; "
                   "--keep-duplicates keeps it)") != std::string::npos);
  std::string csv = read_all(out / "syntheses.csv");
  CHECK(csv.find(sha_a) != std::string::npos);
  CHECK(csv.find(sha_b) == std::string::npos);
  CHECK(csv.find(sha_c) != std::string::npos);
  CHECK(lines(out / "syntheses.csv") - 1 == query_int(db, "SELECT count(*) FROM syntheses s JOIN documents d ON "
                                                          "d.id = s.document_id WHERE d.sha256 <> '" + sha_b + "'"));
  {
    std::ifstream in(out / "dataset.json");
    const auto ds = nlohmann::json::parse(in);
    CHECK(ds["counts"]["duplicate_documents_left_out"] == 1);
    CHECK(ds["filters"]["keep_duplicates"] == false);
    REQUIRE(ds["duplicate_documents_left_out"].size() == 1);
    CHECK(ds["duplicate_documents_left_out"][0]["sha256"] == sha_b);
    CHECK(ds["duplicate_documents_left_out"][0]["kept_sha256"] == sha_a);
  }

  // --keep-duplicates: today's behaviour before session 20, every copy.
  auto k = run_cli({"export", "--db", db.string(), "--out", out.string(), "--keep-duplicates"});
  REQUIRE(k.exit_code == 0);
  CHECK(k.out.find("from 3 documents →") != std::string::npos);
  CHECK(k.out.find("duplicate") == std::string::npos);
  CHECK(read_all(out / "syntheses.csv").find(sha_b) != std::string::npos);
  {
    std::ifstream in(out / "dataset.json");
    const auto ds = nlohmann::json::parse(in);
    CHECK(ds["counts"]["duplicate_documents_left_out"] == 0);
    CHECK(ds["command"].get<std::string>().find("--keep-duplicates") != std::string::npos);
    CHECK(ds["command"].get<std::string>().find("--keep-duplicates true") == std::string::npos);
  }

  // A curator edited the second copy: that copy is the one exported.
  const std::string key_b = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '" + sha_b.substr(0, 16) +
                                               "%' ORDER BY key LIMIT 1");
  REQUIRE(run_cli({"curate", "--db", db.string(), "set", key_b, "status", "failed", "--curator", "alice", "--reason",
                   "test"})
              .exit_code == 0);
  auto e = run_cli({"export", "--db", db.string(), "--out", out.string()});
  REQUIRE(e.exit_code == 0);
  csv = read_all(out / "syntheses.csv");
  // A value edit makes the edited copy the exported one: no warning (s20-fixexp).
  auto again = run_cli({"curate", "--db", db.string(), "set", key_b, "status", "success", "--curator", "alice",
                        "--reason", "test"});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("warning") == std::string::npos);
  CHECK(csv.find(sha_b) != std::string::npos);
  CHECK(csv.find(sha_a) == std::string::npos);
  CHECK(csv.find(sha_c) != std::string::npos);
}

TEST_CASE("eval-extract and train-extract: --split and --write-gold with --gold alone are usage errors naming the conflict") {
  TempDir dir;
  const fs::path gold = fs::path(SYNTHDB_SOURCE_DIR) / "extract" / "rules" / "gold" / "outcomes-dev.jsonl";
  REQUIRE(fs::exists(gold));
  auto s = run_cli({"eval-extract", "--gold", gold.string(), "--split", "dev-a"});
  CHECK(s.exit_code == 2);
  CHECK(s.err.find("--split applies to --brat only") != std::string::npos);
  CHECK(s.out.empty());
  auto w = run_cli({"eval-extract", "--gold", gold.string(), "--write-gold", (dir / "g.jsonl").string()});
  CHECK(w.exit_code == 2);
  CHECK(w.err.find("--write-gold applies to --brat only") != std::string::npos);
  CHECK(!fs::exists(dir / "g.jsonl"));
  auto t = run_cli({"train-extract", "--stage", "sizes", "--gold", gold.string(), "--split", "dev-a", "--no-write"});
  CHECK(t.exit_code == 2);
  CHECK(t.err.find("--split applies to --brat only") != std::string::npos);
}

TEST_CASE("counts read in the right number: 1 input, 1 page, 1 document") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kZnse, dir / "in" / "znse.txt");
  const fs::path db = dir / "n.db";
  auto r = run_cli({"ingest", (dir / "in" / "znse.txt").string(), "--db", db.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("ingest: 1 input: 1 new (0 re-processed), 0 skipped, 0 failed in ") != std::string::npos);
  CHECK(r.out.find(" inputs") == std::string::npos);
  auto s = run_cli({"stats", "--db", db.string()});
  CHECK(s.out.find(": 1 document\n") != std::string::npos);
  CHECK(s.out.find("1 documents") == std::string::npos);
  auto e = run_cli({"export", "--db", db.string(), "--out", (dir / "ex").string()});
  CHECK(e.out.find(") from 1 document →") != std::string::npos);
  auto m = run_cli({"merge", (dir / "m.db").string(), db.string()});
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("merge: 1 shard: 1 document copied, 0 replaced, 0 unchanged; 0 curator edits carried") !=
        std::string::npos);
}

// s20-fixexp (review items 1, 9): deletes and restores do not make a copy "the edited one"; a copy
// with no live record is never exported in place of a good one; a filter that matches nothing skips
// no duplicate; --method accepts only methods in force.
TEST_CASE("export: a duplicate copy whose records were deleted is not chosen, duplicates counted only when matching") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const std::string text = read_all(kZnse);
  { std::ofstream(dir / "in" / "a.txt", std::ios::binary) << text; }
  { std::ofstream(dir / "in" / "b-copy.txt", std::ios::binary) << text << "\n\n"; }
  const fs::path db = dir / "d.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string(), "--jobs", "1"}).exit_code == 0);
  const std::string sha_a = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/a.txt'");
  const std::string sha_b = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/b-copy.txt'");
  const std::string pre_b = sha_b.substr(0, 16);
  const long long per_doc = query_int(db, "SELECT count(*) FROM syntheses WHERE key LIKE '" + pre_b + "%'");
  REQUIRE(per_doc > 0);
  // The usual clean-up: a curator deletes every base record of the second copy (--cascade).
  std::vector<std::string> bases;
  {
    synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
    auto st = d.prepare("SELECT key FROM syntheses WHERE key LIKE '" + pre_b + "%' AND parent_key IS NULL ORDER BY key");
    while (st.step()) bases.push_back(st.column_text(0));
  }
  REQUIRE(!bases.empty());
  for (const std::string& k : bases) {
    auto del = run_cli({"curate", "--db", db.string(), "delete", k, "--cascade", "--curator", "alice", "--reason", "dup"});
    REQUIRE(del.exit_code == 0);
    // Item 5: the copy is not exported; the warning names the exported copy's key.
    CHECK(del.err.find("curate delete: warning: " + k + " belongs to a duplicate copy of a paper that export leaves "
                       "out (same DOI, same paragraph texts); the exported copy's key is " +
                       sha_a.substr(0, 16) + k.substr(16)) != std::string::npos);
  }
  REQUIRE(query_int(db, "SELECT count(*) FROM syntheses WHERE key LIKE '" + pre_b +
                            "%' AND key NOT IN (SELECT key FROM synthesis_tombstones)") == 0);
  const fs::path out = dir / "ex";
  auto r = run_cli({"export", "--db", db.string(), "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(lines(out / "syntheses.csv") - 1 == per_doc);
  CHECK(read_all(out / "syntheses.csv").find(sha_a) != std::string::npos);
  CHECK(r.out.find("1 duplicate document skipped") != std::string::npos);

  // A record restored on the second copy: a restore is no edit either, the first copy stays.
  REQUIRE(run_cli({"curate", "--db", db.string(), "restore", bases[0], "--curator", "alice", "--reason", "undo"})
              .exit_code == 0);
  r = run_cli({"export", "--db", db.string(), "--out", out.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(read_all(out / "syntheses.csv").find(sha_a) != std::string::npos);
  CHECK(read_all(out / "syntheses.csv").find(sha_b) == std::string::npos);

  // A filter that matches nothing skips no duplicate.
  auto m = run_cli({"export", "--db", db.string(), "--out", (dir / "m").string(), "--method", "microfluidic"});
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("duplicate") == std::string::npos);
  {
    std::ifstream in(dir / "m" / "dataset.json");
    CHECK(nlohmann::json::parse(in)["counts"]["duplicate_documents_left_out"] == 0);
  }

  // --method: a method a curator replaced is no longer in force.
  const std::string key_a = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '" + sha_a.substr(0, 16) +
                                               "%' ORDER BY key LIMIT 1");
  REQUIRE(run_cli({"curate", "--db", db.string(), "set", key_a, "method", "sonochemical", "--curator", "a", "--reason",
                   "r"})
              .exit_code == 0);
  CHECK(run_cli({"export", "--db", db.string(), "--out", (dir / "s").string(), "--method", "sonochemical"}).exit_code ==
        0);
  REQUIRE(run_cli({"curate", "--db", db.string(), "set", key_a, "method", "heat-up", "--curator", "a", "--reason", "r"})
              .exit_code == 0);
  auto gone = run_cli({"export", "--db", db.string(), "--out", (dir / "s2").string(), "--method", "sonochemical"});
  CHECK(gone.exit_code == 2);
  CHECK(gone.err.find("is not a synthesis method") != std::string::npos);

  // Both copies edited: the first stays exported, an edit of the second warns with the exported key.
  auto sb = run_cli({"curate", "--db", db.string(), "set", bases[0], "status", "failed", "--curator", "a", "--reason",
                     "r"});
  CHECK(sb.exit_code == 0);
  CHECK(sb.err.find("curate set: warning: " + bases[0] + " belongs to a duplicate copy") != std::string::npos);
  CHECK(sb.err.find("the exported copy's key is " + sha_a.substr(0, 16) + bases[0].substr(16)) != std::string::npos);
}

TEST_CASE("export: of two copies stored by one run, the one whose path sorts first, whatever the storage order") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const std::string text = read_all(kZnse);
  { std::ofstream(dir / "in" / "z-first-stored.txt", std::ios::binary) << text; }
  const fs::path db = dir / "d.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string()}).exit_code == 0);
  { std::ofstream(dir / "in" / "a-copy.txt", std::ios::binary) << text << "\n\n"; }  // other bytes, same paragraphs
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string()}).exit_code == 0);
  const std::string sha_z = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/z-first-stored.txt'");
  const std::string sha_a = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/a-copy.txt'");
  REQUIRE(query_int(db, "SELECT id FROM documents WHERE sha256 = '" + sha_z + "'") <
          query_int(db, "SELECT id FROM documents WHERE sha256 = '" + sha_a + "'"));
  // Two runs: the earlier run's copy is the one written (the runs of a test can start within one second).
  {
    synthdb::db::Database d(db.string());
    d.exec("UPDATE document_paths SET first_seen = '2026-01-01T00:00:00Z' WHERE sha256 = '" + sha_z + "'");
  }
  auto r1 = run_cli({"export", "--db", db.string(), "--out", (dir / "ex1").string()});
  REQUIRE(r1.exit_code == 0);
  CHECK(read_all(dir / "ex1" / "syntheses.csv").find(sha_z) != std::string::npos);
  CHECK(read_all(dir / "ex1" / "syntheses.csv").find(sha_a) == std::string::npos);
  // As if one parallel run had stored both, z-... finishing first (lower id): path order decides.
  {
    synthdb::db::Database d(db.string());
    d.exec("UPDATE document_paths SET first_seen = (SELECT min(first_seen) FROM document_paths), "
           "first_run = (SELECT min(first_run) FROM document_paths)");  // schema v20: the run that added the row
  }
  auto r2 = run_cli({"export", "--db", db.string(), "--out", (dir / "ex2").string()});
  REQUIRE(r2.exit_code == 0);
  CHECK(read_all(dir / "ex2" / "syntheses.csv").find(sha_a) != std::string::npos);
  CHECK(read_all(dir / "ex2" / "syntheses.csv").find(sha_z) == std::string::npos);
  auto st = run_cli({"stats", "--db", db.string(), "--json"});
  REQUIRE(st.exit_code == 0);
  const auto stats = nlohmann::json::parse(st.out);
  INFO(st.out);
  CHECK(stats.dump().find("\"duplicate_of_sha256\":\"" + sha_a + "\"") != std::string::npos);
}
