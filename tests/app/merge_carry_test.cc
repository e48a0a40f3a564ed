// s19-prod: `merge` carries OUT's curator edits to a new version of a file that a shard holds (the
// nightly array job ingests into fresh shards and merges into the curated database), exactly as
// ingest does for a file edited in place: edits whose target is found again follow it, an edit whose
// paragraph was reworded is flagged, and merging the same shard again changes nothing.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

void curate(const std::vector<std::string>& args) {
  std::vector<std::string> cmd = {"curate"};
  cmd.insert(cmd.end(), args.begin(), args.end());
  cmd.insert(cmd.end(), {"--curator", "alice", "--reason", "test"});
  auto r = run_cli(cmd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// syntheses.jsonl of a JSON Lines export, by record key.
std::map<std::string, nlohmann::json> export_records(const std::string& db, const fs::path& out) {
  auto r = run_cli({"export", "--db", db, "--out", out.string(), "--format", "jsonl"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, nlohmann::json> recs;
  std::ifstream in(out / "syntheses.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    recs[j["synthesis_id"].get<std::string>()] = j;
  }
  return recs;
}

// Every edit with its target, value and flag, in key order: what ingest and merge must agree on.
std::string curation_state(const std::string& db) {
  return query_text(db, "SELECT group_concat(x, char(10)) FROM (SELECT target_table || ' ' || target_key || ' ' || "
                        "field || '=' || coalesce(new_value, '') || ' flagged=' || flagged || ' ' || "
                        "coalesce(flag_reason, '') || ' carried=' || (carried_from IS NOT NULL) AS x FROM curation "
                        "ORDER BY target_key, field, carried_from)");
}

}  // namespace

TEST_CASE("merge carries OUT's edits to the shard's new version of a file edited in place") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const fs::path file = dir / "in" / "znse.txt";
  const std::string original = read_all(kZnse);
  { std::ofstream(file, std::ios::binary) << original; }
  const std::string out = (dir / "out.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", out}).exit_code == 0);
  const std::string old16 = query_text(out, "SELECT substr(sha256, 1, 16) FROM documents");

  // Curate v1: a material's role, a deleted step (both in the unchanged experimental paragraph),
  // an outcome read in the results paragraph (which v2 rewords).
  const auto [key, material, step, outcome] = znse_items(out);
  curate({"--db", out, "set", material, "role", "other"});
  curate({"--db", out, "delete", step});
  curate({"--db", out, "set", outcome, "text_value", "cubic"});

  // The file is edited in place; the nightly job ingests it into a fresh shard.
  std::string edited = original;
  const std::string from = "The nanocrystals were spherical";
  REQUIRE(edited.find(from) != std::string::npos);
  edited.replace(edited.find(from), from.size(), "The nanocrystals were mostly spherical");
  edited += "\nNote added in revision.\n";
  { std::ofstream(file, std::ios::binary | std::ios::trunc) << edited; }
  const std::string shard = (dir / "shard.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", shard}).exit_code == 0);
  CHECK(query_int(shard, "SELECT count(*) FROM curation") == 0);

  // For comparison: the same edit seen by ingest itself (s18-prod1) on a copy of OUT.
  const std::string direct = (dir / "direct.db").string();
  {
    synthdb::db::Database d(out);
    d.prepare("VACUUM INTO ?").bind(1, direct).run();
  }
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", direct}).exit_code == 0);

  auto m = run_cli({"merge", out, shard});
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  CHECK(m.out.find("1 document copied, 0 replaced, 0 unchanged; 2 curator edits carried to a new version, "
                   "1 flagged") != std::string::npos);
  CHECK(m.err.find("2 curator edits carried to a new version, 1 flagged") != std::string::npos);
  const std::string new16 =
      query_text(out, "SELECT substr(sha256, 1, 16) FROM documents WHERE substr(sha256, 1, 16) <> '" + old16 + "'");
  REQUIRE(new16.size() == 16);
  const std::string new_key = new16 + key.substr(16);

  // The export shows the edits on v2 (v1 is superseded and left out).
  auto recs = export_records(out, dir / "ex");
  for (const auto& [k, j] : recs) CHECK(k.rfind(old16, 0) != 0);
  REQUIRE(recs.count(new_key) == 1);
  const auto& rec = recs[new_key];
  int stearate = 0;
  for (const auto& mat : rec["materials"])
    if (mat["name"] == "Zinc stearate") {
      ++stearate;
      CHECK(mat["role"] == "other");
      CHECK(mat["curated"] == 1);
    }
  CHECK(stearate == 1);
  for (const auto& st : rec["steps"]) CHECK(st["operation"] != "purification");
  const std::string new_sha = query_text(out, "SELECT sha256 FROM documents WHERE sha256 LIKE '" + new16 + "%'");
  CHECK(query_int(out, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + new_sha + step.substr(64) + "'") == 1);
  // The reworded paragraph's edit is flagged on v1, not lost.
  auto flagged = run_cli({"curate", "--db", out, "flagged"});
  CHECK(flagged.exit_code == 0);
  CHECK(flagged.out.find(outcome) != std::string::npos);
  CHECK(query_int(out, "SELECT count(*) FROM curation WHERE flagged = 1 AND target_key = '" + outcome +
                       "' AND flag_reason LIKE 'document superseded by " + new16 + "%'") == 1);
  CHECK(query_int(out, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 2);

  // Merging the same shard again changes nothing.
  auto again = run_cli({"merge", out, shard});
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("0 documents copied, 0 replaced, 1 unchanged; 0 curator edits carried to a new version, "
                       "0 flagged") != std::string::npos);
  CHECK(query_int(out, "SELECT count(*) FROM curation") == 5);  // 3 edits + 2 carried copies
  CHECK(export_records(out, dir / "ex2") == recs);

  CHECK(curation_state(out) == curation_state(direct));
}
