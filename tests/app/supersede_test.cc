// s18-prod1: a file edited in place (same path, new content) is a new document that supersedes the
// old one. The curator's edits of the old version must follow it to the new version (or be
// flagged), the views must leave the old version out as the export does, a target read from a
// heading or the title has a source span, and stats counts current failures and curation.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

// Data rows of a CSV file (records here hold no line breaks).
long long csv_rows(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  long long n = -1;
  while (std::getline(in, line)) ++n;
  return n;
}

void curate(const std::vector<std::string>& args) {
  std::vector<std::string> cmd = {"curate"};
  cmd.insert(cmd.end(), args.begin(), args.end());
  cmd.insert(cmd.end(), {"--curator", "alice", "--reason", "test"});
  auto r = run_cli(cmd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("edits of a file edited in place follow it to the new version, a vanished target is flagged") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const fs::path file = dir / "in" / "znse.txt";
  const std::string original = read_all(kZnse);
  { std::ofstream(file, std::ios::binary) << original; }
  const std::string db = (dir / "s.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const std::string old16 = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents");

  // The experimental paragraph's record, one of its materials and steps, and an outcome read in
  // the results paragraph (which the new version rewords).
  const auto [key, material, step, outcome] = znse_items(db);
  curate({"--db", db, "set", key, "status", "failed"});
  curate({"--db", db, "set", material, "role", "other"});
  curate({"--db", db, "delete", step});
  curate({"--db", db, "set", outcome, "text_value", "cubic"});
  const fs::path add = dir / "add.jsonl";
  { std::ofstream(add) << R"({"target":"ZnS","status":"success","materials":[{"name":"zinc oxide","role":"precursor"}]})" << "\n"; }
  REQUIRE(run_cli({"add", "--db", db, "--json", add.string(), "--curator", "alice"}).exit_code == 0);

  // P6: the record's target (from the title) has a source span.
  CHECK(query_int(db, "SELECT count(*) FROM syntheses WHERE origin = 'extracted' AND target <> '' "
                      "AND target_paragraph IS NULL") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_provenance WHERE synthesis_key = '" + key +
                      "' AND item = 'target' AND evidence <> ''") == 1);

  // The file is edited in place: the results paragraph reworded, a line appended.
  std::string edited = original;
  const std::string from = "The nanocrystals were spherical";
  REQUIRE(edited.find(from) != std::string::npos);
  edited.replace(edited.find(from), from.size(), "The nanocrystals were mostly spherical");
  edited += "\nNote added in revision.\n";
  { std::ofstream(file, std::ios::binary | std::ios::trunc) << edited; }
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string new16 =
      query_text(db, "SELECT substr(sha256, 1, 16) FROM documents WHERE substr(sha256, 1, 16) <> '" + old16 + "'");
  REQUIRE(new16.size() == 16);
  const std::string new_key = new16 + key.substr(16);

  // Carried: status, role and the deleted step apply to the new version.
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + new_key + "'") == "failed");
  CHECK(query_int(db, "SELECT count(*) FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id "
                      "WHERE s.key = '" + new_key + "' AND m.name = 'Zinc stearate' AND m.role = 'other'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id "
                      "WHERE s.key = '" + new_key + "' AND st.operation = 'purification'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 3);
  // Flagged, kept: the outcome's paragraph is not in the new version.
  auto flagged = run_cli({"curate", "--db", db, "flagged"});
  CHECK(flagged.exit_code == 0);
  CHECK(flagged.out.find(outcome) != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1 AND target_key = '" + outcome +
                      "' AND flag_reason LIKE 'document superseded by " + new16 + "%'") == 1);

  // P8: the views show what the export shows (the new version and the manual record only).
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key LIKE '" + old16 + "%'") == 0);
  REQUIRE(run_cli({"export", "--db", db, "--out", (dir / "ex").string()}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide") == csv_rows(dir / "ex" / "syntheses.csv"));
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE origin = 'manual'") == 1);
  const std::string csv = read_all(dir / "ex" / "syntheses.csv");
  CHECK(csv.find(new_key) != std::string::npos);
  CHECK(csv.find(old16) == std::string::npos);

  // Idempotent: ingesting again (--force re-stores the new version) carries nothing twice.
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db, "--force"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 3);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + new_key + "'") == "failed");

  // P17: stats shows the curation figures.
  auto st = run_cli({"stats", "--db", db});
  CHECK(st.out.find("curation: 5 edits (3 carried to a new version of their file), 2 deleted records/rows, "
                    "1 manual record, 1 flagged") != std::string::npos);
}

TEST_CASE("stats: a failed file that later ingests ok at the same path is retired, not counted as failed") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const fs::path file = dir / "in" / "paper.txt";
  { std::ofstream(file, std::ios::binary) << std::string("\x00\x01\x02\xff\xfe binary", 14); }
  { std::ofstream(dir / "in" / "other.txt", std::ios::binary) << std::string("\x00\x01\x02\xff\xfe other", 13); }
  const std::string db = (dir / "f.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 1);
  auto s1 = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out);
  CHECK(s1["documents"]["failed"] == 2);
  CHECK(s1["documents"]["failed_retired"] == 0);
  // The same path now holds a good file (a fixed download): its failed row becomes history.
  { std::ofstream(file, std::ios::binary | std::ios::trunc) << read_all(kZnse); }
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  auto s2 = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out);
  CHECK(s2["documents"]["total"] == 3);  // the failed row is kept for audit
  CHECK(s2["documents"]["failed"] == 1);
  CHECK(s2["documents"]["failed_retired"] == 1);
  REQUIRE(s2["documents"]["failed_documents"].size() == 1);
  CHECK(s2["documents"]["failed_documents"][0]["path"].get<std::string>().find("other.txt") != std::string::npos);
  auto text = run_cli({"stats", "--db", db}).out;
  CHECK(text.find("(1 ok, 1 failed, 1 earlier failure retired)") != std::string::npos);
}
