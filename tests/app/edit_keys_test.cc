// Review s21 (s21-keys): curator edits keyed by a variant key stay with their record when a new
// pipeline re-numbers the variants of a paragraph (or are flagged and applied to nothing), ingest
// counts the edits re-processing flagged, and `curate set` takes an amount with its unit.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

const fs::path kSource = fs::path(SYNTHDB_SOURCE_DIR);
const fs::path kSample = kSource / "corpus-samples" / "cdse-cds-hot-injection.pdf";

// A copy of the data directory whose failures.tsv lacks the `no_product` cues: a pipeline change
// after which the sample's 150 °C attempt ("no nanocrystals formed", variant p25-v1) is no record.
fs::path data_without_no_product(const fs::path& dir) {
  const fs::path data = dir / "data";
  fs::create_directories(data / "extract" / "rules");
  fs::copy(kSource / "extract" / "rules" / "lexicons", data / "extract" / "rules" / "lexicons",
           fs::copy_options::recursive);
  fs::copy(kSource / "models", data / "models", fs::copy_options::recursive);
  const fs::path tsv = data / "extract" / "rules" / "lexicons" / "failures.tsv";
  std::istringstream in(read_all(tsv));
  std::string line, kept;
  int dropped = 0;
  while (std::getline(in, line)) {
    if (line.rfind("no_product\t", 0) == 0) {
      ++dropped;
      continue;
    }
    kept += line + "\n";
  }
  REQUIRE(dropped > 0);
  fs::remove(tsv);
  std::ofstream(tsv) << kept;
  return data;
}

// Runs `args` with SYNTHDB_DATA_DIR=`data` (restored afterwards).
CliResult run_with_data(const fs::path& data, const std::vector<std::string>& args) {
  const char* old = std::getenv("SYNTHDB_DATA_DIR");
  const std::string saved = old ? old : "";
  setenv("SYNTHDB_DATA_DIR", data.c_str(), 1);
  CliResult r = run_cli(args);
  if (old)
    setenv("SYNTHDB_DATA_DIR", saved.c_str(), 1);
  else
    unsetenv("SYNTHDB_DATA_DIR");
  return r;
}

std::string label(const std::string& db, const std::string& key) {
  return query_text(db, "SELECT coalesce(nullif(sample_label, ''), '(none)') FROM curated_syntheses WHERE key = '" + key + "'");
}

}  // namespace

TEST_CASE("edits and deletes of variant records follow their record when a pipeline change re-numbers the variants") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kSample, dir / "in" / "cdse.pdf");
  const std::string in = (dir / "in").string();
  const std::string db = (dir / "k.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", db}).exit_code == 0);
  const std::string p = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents") + "-p25-v";
  // v1 is the 150 °C attempt ("no nanocrystals formed"), v2 the 280 °C one, v3 the shell attempt.
  REQUIRE(query_int(db, "SELECT count(*) FROM syntheses WHERE key IN ('" + p + "1', '" + p + "2', '" + p + "3')") == 3);
  const std::string v2_failure = query_text(db, "SELECT failure_start FROM syntheses WHERE key = '" + p + "2'");
  const std::string v3_failure = query_text(db, "SELECT failure_start FROM syntheses WHERE key = '" + p + "3'");
  for (const char* v : {"1", "3"})
    REQUIRE(run_cli({"curate", "--db", db, "set", p + v, "sample_label", std::string("edit-of-v") + v, "--curator",
                     "ux", "--reason", "r"})
                .exit_code == 0);
  REQUIRE(run_cli({"curate", "--db", db, "delete", p + "2", "--curator", "ux", "--reason", "r"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE anchor IS NOT NULL") == 3);

  const fs::path data = data_without_no_product(dir.path());
  auto r = run_with_data(data, {"ingest", in, "--db", db, "--report", (dir / "r.json").string()});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("pipeline changed") != std::string::npos);
  // The 150 °C attempt is gone; the 280 °C attempt is v1 now, the shell attempt v2.
  REQUIRE(query_text(db, "SELECT failure_start FROM syntheses WHERE key = '" + p + "1'") == v2_failure);
  REQUIRE(query_text(db, "SELECT failure_start FROM syntheses WHERE key = '" + p + "2'") == v3_failure);
  REQUIRE(query_int(db, "SELECT count(*) FROM syntheses WHERE key = '" + p + "3'") == 0);
  // v1's edit was made on the record that is gone: flagged, detached, applied to nobody.
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE target_key = '" + p + "1' AND field = 'sample_label'") == 0);
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE new_value = 'edit-of-v1'") == 1);
  CHECK(query_text(db, "SELECT target_key FROM curation WHERE new_value = 'edit-of-v1'") == p + "1@unplaced");
  CHECK(query_text(db, "SELECT flag_reason FROM curation WHERE new_value = 'edit-of-v1'").find("re-numbered") !=
        std::string::npos);
  // The shell attempt's edit moved with it to v2; the delete of the 280 °C attempt moved to v1.
  CHECK(label(db, p + "2") == "edit-of-v3");
  CHECK(query_text(db, "SELECT moved_from FROM curation WHERE new_value = 'edit-of-v3'") == p + "3");
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE new_value = 'edit-of-v3'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + p + "1'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + p + "2'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curated_syntheses WHERE key = '" + p + "1'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curated_syntheses WHERE key = '" + p + "2'") == 1);
  // The run says so (review s21, item 3).
  CHECK(r.out.find(", 1 flagged (see `synthdb curate flagged`)") != std::string::npos);
  CHECK(read_json_file(dir / "r.json")["edits_flagged"] == 1);
  auto flagged = run_cli({"curate", "--db", db, "flagged"});
  CHECK(flagged.out.find("edit-of-v1") != std::string::npos);
  CHECK(flagged.out.find("edit-of-v3") == std::string::npos);

  // Back to the first pipeline: every edit is where it was made, nothing flagged.
  auto back = run_cli({"ingest", in, "--db", db});
  INFO(back.out, back.err);
  REQUIRE(back.exit_code == 0);
  CHECK(label(db, p + "1") == "edit-of-v1");
  CHECK(label(db, p + "3") == "edit-of-v3");
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + p + "2'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones") == 1);
  // Re-ingesting again changes nothing (idempotent).
  REQUIRE(run_cli({"ingest", in, "--db", db, "--force"}).exit_code == 0);
  CHECK(label(db, p + "1") == "edit-of-v1");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + p + "2'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);
}

TEST_CASE("an edit whose key names no record is refused, also from plain SQL") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kSample, dir / "in" / "cdse.pdf");
  const std::string db = (dir / "k.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const std::string sha16 = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents");
  // The schema README's own example, with a mistyped key: refused by the trigger.
  synthdb::db::Database d(db);
  auto try_insert = [&](const std::string& table, const std::string& key, const std::string& field,
                        const std::string& value) -> std::string {
    try {
      d.prepare("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
                "VALUES (?, ?, ?, NULL, ?, 'alice', 'r', '2026-01-01T00:00:00Z')")
          .bind(1, table)
          .bind(2, key)
          .bind(3, field)
          .bind(4, value)
          .run();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  CHECK(try_insert("syntheses", sha16 + "-p14-v9", "status", "failed").find("names no record") != std::string::npos);
  CHECK(try_insert("synthesis_materials", sha16 + ":p14:1-2", "role", "ligand").find("names no record") !=
        std::string::npos);
  CHECK(try_insert("syntheses", sha16 + "-p14-v0", "status", "failed") == "");
  // A restore's log row may name a record that re-processing removed since.
  CHECK(try_insert("syntheses", sha16 + "-p99-v0", "deleted", "0") == "");
  CHECK(query_int(db, "SELECT count(*) FROM curation") == 2);
  // `curate set` says the same in its own words (exit 2).
  auto r = run_cli({"curate", "--db", db, "set", sha16 + "-p14-v9", "status", "failed", "--curator", "a", "--reason", "r"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no record or item with key") != std::string::npos);
}

TEST_CASE("curate set takes an amount with its unit, converted to the unit the row stores") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kSample, dir / "in" / "cdse.pdf");
  const std::string db = (dir / "k.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  // CdO, stored as 0.00047 mol; ODE as 15 mL.
  const std::string cdo = query_text(
      db, "SELECT item_key FROM synthesis_materials WHERE name = 'CdO' AND amount_unit = 'mol' ORDER BY item_key LIMIT 1");
  const std::string ode = query_text(
      db, "SELECT item_key FROM synthesis_materials WHERE amount_unit = 'mL' ORDER BY item_key LIMIT 1");
  REQUIRE(!cdo.empty());
  REQUIRE(!ode.empty());
  auto set = [&](const std::string& key, const std::string& field, const std::string& value) {
    return run_cli({"curate", "--db", db, "set", key, field, value, "--curator", "a", "--reason", "r", "--all"});
  };
  auto value_of = [&](const std::string& key, const std::string& field) {
    return query_text(db, "SELECT new_value FROM curation WHERE target_key = '" + key + "' AND field = '" + field +
                              "' ORDER BY id DESC LIMIT 1");
  };
  auto r = set(cdo, "amount_value", "0.06 mmol");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(value_of(cdo, "amount_value") == "6e-05");
  CHECK(r.err.find("note: amount_value 6e-05 is in mol") != std::string::npos);
  CHECK(set(cdo, "moles", "60 µmol").exit_code == 0);
  CHECK(value_of(cdo, "moles") == "6e-05");
  CHECK(set(ode, "amount_value", "0.01 L").exit_code == 0);
  CHECK(value_of(ode, "amount_value") == "10");
  // A unit of another quantity: refused, naming the stored unit.
  r = set(cdo, "amount_value", "5 mL");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("stored in mol") != std::string::npos);
  CHECK(r.err.find("amount_unit") != std::string::npos);
  r = set(cdo, "moles", "2 g");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("amount of substance") != std::string::npos);
  // Not a number: the error names the unit the number would be read in.
  r = set(cdo, "amount_value", "some");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("stored in mol") != std::string::npos);
  CHECK(r.err.find("0.06 mmol") != std::string::npos);
  // An unknown unit lists the accepted ones.
  r = set(cdo, "amount_value", "3 furlongs");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("accepted") != std::string::npos);
  CHECK(value_of(cdo, "amount_value") == "6e-05");
}
