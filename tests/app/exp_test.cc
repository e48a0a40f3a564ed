// s21-exp: findings of the session-21 user review (s21-ux) on backups, hand-added records and the
// training-set export, through build/synthdb on real database files: the write-ahead log folded in
// at the end of ingest (item 1), derived values of `synthdb add` records (item 2), split counts and
// warnings (item 3), byte-stable numbers (item 4) and the row keys in dataset.json (item 5).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

// The row of `file` whose synthesis_id is `key` (and item_key `item`, when given).
std::map<std::string, std::string> row_of(const fs::path& dir, const std::string& file, const std::string& key,
                                          const std::string& item = "") {
  for (const auto& row : read_csv_file(dir / file))
    if (row.at("synthesis_id") == key && (item.empty() || row.at("item_key") == item)) return row;
  return {};
}

// `n` distinct .txt documents (the ZnSe sample with a line appended) in `dir`.
void make_txt_variants(const fs::path& dir, int first, int n) {
  fs::create_directories(dir);
  const std::string text = read_all(kZnse);
  for (int i = first; i < first + n; ++i) {
    std::ofstream out(dir / ("znse-" + std::to_string(i) + ".txt"), std::ios::binary);
    out << text << "\nCopy " << i << " of the sample.\n";
  }
}

}  // namespace

TEST_CASE("s21-exp item 1: ingest empties the write-ahead log at the end while another connection is open") {
  TempDir dir;
  const fs::path db = dir / "s.db";
  make_txt_variants(dir / "a", 0, 1);
  auto r = run_cli({"ingest", (dir / "a").string(), "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // A curator's idle connection (it read once, holds no transaction): the ingest's own close is then
  // not the last one, so SQLite's close-time checkpoint never runs; the log used to stay behind.
  synthdb::db::Database reader(db, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 1);
  make_txt_variants(dir / "a", 1, 3);
  r = run_cli({"ingest", (dir / "a").string(), "--db", db.string(), "--report", (dir / "r.json").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(wal_size(db) == 0);
  CHECK(r.err.find("warning") == std::string::npos);
  const auto report = read_json_file(dir / "r.json");
  CHECK(report["wal_checkpoint"]["complete"] == true);
  CHECK(report["wal_checkpoint"]["truncated"] == true);
  CHECK(report["wal_checkpoint"]["wal_bytes"] == 0);
  CHECK(documents_in_plain_copy(db, dir / "c") == 4);
  CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 4);
}

TEST_CASE("s21-exp item 1: a reader's open transaction blocks the checkpoint, ingest says so, the next run folds it") {
  TempDir dir;
  const fs::path db = dir / "s.db";
  make_txt_variants(dir / "a", 0, 1);
  REQUIRE(run_cli({"ingest", (dir / "a").string(), "--db", db.string()}).exit_code == 0);
  make_txt_variants(dir / "a", 1, 3);
  {
    synthdb::db::Database reader(db, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
    synthdb::db::Transaction snapshot(reader, synthdb::db::Transaction::Mode::kDeferred);
    CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 1);  // starts the snapshot
    auto r = run_cli({"ingest", (dir / "a").string(), "--db", db.string(), "--quiet", "--report",
                      (dir / "r.json").string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);  // the work is stored; only the copy-ability is at stake
    CHECK(r.err.find("warning: another connection holds a read transaction on " + db.string()) != std::string::npos);
    CHECK(r.err.find(".backup COPY.db") != std::string::npos);
    const auto report = read_json_file(dir / "r.json");
    CHECK(report["wal_checkpoint"]["complete"] == false);
    CHECK(report["wal_checkpoint"]["wal_bytes"].get<long long>() > 0);
    CHECK(wal_size(db) > 0);
    // What the review saw: the database file alone lacks the run's documents.
    CHECK(documents_in_plain_copy(db, dir / "c1") == 1);
    CHECK(synthdb::db::scalar(reader, "SELECT count(*) FROM documents") == 1);  // its snapshot
  }
  // The reader is gone but another connection stays open (no close-time checkpoint): the next run,
  // with nothing to do, folds the log in and empties it.
  synthdb::db::Database idle(db, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  CHECK(synthdb::db::scalar(idle, "SELECT count(*) FROM documents") == 4);
  auto r = run_cli({"ingest", (dir / "a").string(), "--db", db.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(wal_size(db) == 0);
  CHECK(documents_in_plain_copy(db, dir / "c2") == 4);
}

namespace {

// A database with the ZnSe sample (extracted records) and two hand-added records from one notebook.
struct AddedDb {
  TempDir dir;
  fs::path db = dir / "s.db";
  AddedDb() {
    auto r = run_cli({"ingest", kZnse.string(), "--db", db.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::ofstream f(dir / "add.jsonl");
    // The review's record: both precursors with moles, a growth temperature no step holds.
    f << R"({"key":"lab-1","source":"notebook A","target":"CdSe","status":"success","growth_temperature_c":270,)"
         R"("growth_time_s":300,"materials":[)"
         R"({"name":"cadmium oleate","role":"precursor","amount_value":0.47,"amount_unit":"mmol"},)"
         R"({"name":"TOP-Se","role":"precursor","amount_value":0.6,"amount_unit":"mmol"},)"
         R"({"name":"oleic acid","role":"ligand","amount_value":0.6,"amount_unit":"mL"},)"
         R"({"name":"oleylamine","role":"ligand","amount_value":1.2,"amount_unit":"mL"},)"
         R"({"name":"ODE","role":"solvent","amount_value":10,"amount_unit":"mL"}],)"
         R"("steps":[{"operation":"degassing","temperature_c":120,"time_s":1800},)"
         R"({"operation":"injection","temperature_c":240},{"operation":"cooling","temperature_c":25}]})"
         "\n";
    // Given values stay: a ratio written by hand, a reaction temperature whose step gives the time.
    f << R"({"key":"lab-2","source":"notebook A","target":"PbS","status":"success","reaction_temperature_c":150,)"
         R"("materials":[)"
         R"({"name":"PbO","role":"precursor","amount_value":0.75,"amount_unit":"mmol"},)"
         R"({"name":"TMS2S","role":"precursor","amount_value":1.5,"amount_unit":"mmol","molar_ratio":2.5},)"
         R"({"name":"oleic acid","role":"ligand","quantity":"molar_ratio","amount_value":4,"amount_unit":"ratio"}],)"
         R"("steps":[{"operation":"heating","temperature_c":150,"time_s":600},)"
         R"({"operation":"heating","temperature_c":180,"time_s":60}]})"
         "\n";
    f.close();
    r = run_cli({"add", "--db", db.string(), "--json", (dir / "add.jsonl").string(), "--curator", "alice"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("s21-exp item 2: `add` stores molar ratios and the conditions the steps give, as ingest does") {
  AddedDb a;
  CHECK(query_text(a.db, "SELECT molar_ratio FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id "
                         "WHERE s.key = 'lab-1' AND m.ordinal = 0") == "1.0");
  CHECK(query_text(a.db, "SELECT molar_ratio FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id "
                         "WHERE s.key = 'lab-1' AND m.ordinal = 1") == "1.27659574468");
  CHECK(query_text(a.db, "SELECT injection_temperature_c || '/' || growth_temperature_c || '/' || "
                         "reaction_temperature_c FROM syntheses WHERE key = 'lab-1'") == "240.0/270.0/240.0");
  CHECK(query_text(a.db, "SELECT reaction_temperature_c || '/' || reaction_time_s FROM syntheses WHERE key = 'lab-2'") ==
        "150.0/600.0");
  auto r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto s1 = row_of(a.dir / "e", "syntheses.csv", "lab-1");
  REQUIRE(!s1.empty());
  CHECK(s1.at("precursor1_molar_ratio") == "1");
  CHECK(s1.at("precursor2_molar_ratio") == "1.27659574468");
  CHECK(s1.at("reaction_temperature_c") == "240");
  CHECK(s1.at("max_temperature_c") == "270");  // the given growth temperature, above every step
  const auto s2 = row_of(a.dir / "e", "syntheses.csv", "lab-2");
  CHECK(s2.at("precursor2_molar_ratio") == "2.5");  // given by hand: kept
  CHECK(s2.at("reaction_time_s") == "600");
  CHECK(s2.at("max_temperature_c") == "180");
  CHECK(s2.at("ligand_molar_ratio") == "");  // a ratio amount is no molar ratio against the precursor
}

TEST_CASE("s21-exp item 4: numbers are rounded to 12 significant digits and stay byte-stable across an unrelated edit") {
  AddedDb a;
  REQUIRE(run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e1").string()}).exit_code == 0);
  REQUIRE(run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "j1").string(), "--format", "jsonl"}).exit_code ==
          0);
  const auto s2 = row_of(a.dir / "e1", "syntheses.csv", "lab-2");
  CHECK(s2.at("precursor_moles_mol") == "0.00225");  // 0.00075 + 0.0015, not 0.0022500000000000003
  const auto s1 = row_of(a.dir / "e1", "syntheses.csv", "lab-1");
  CHECK(s1.at("ligand_volume_ml") == "1.8");  // 0.6 + 1.2, not 1.7999999999999998
  CHECK(s1.at("precursor_moles_mol") == "0.00107");
  // JSON Lines the same.
  std::istringstream lines(read_all(a.dir / "j1" / "syntheses.jsonl"));
  std::string line;
  int seen = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    if (j["synthesis_id"] == "lab-1") {
      ++seen;
      CHECK(j["ligand_volume_ml"].dump() == "1.8");
    }
    if (j["synthesis_id"] == "lab-2") {
      ++seen;
      CHECK(j["precursor_moles_mol"].dump() == "0.00225");
    }
  }
  CHECK(seen == 2);
  // An amount edit of the solvent makes the export recompute the record's ratios: same bytes.
  auto r = run_cli({"curate", "--db", a.db.string(), "set", "lab-1#m4", "amount_value", "12", "--curator", "bob",
                    "--reason", "notebook says 12 mL"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e2").string()}).exit_code == 0);
  const auto after = row_of(a.dir / "e2", "syntheses.csv", "lab-1");
  CHECK(after.at("solvent_volume_ml") == "12");
  CHECK(after.at("precursor2_molar_ratio") == s1.at("precursor2_molar_ratio"));
  CHECK(row_of(a.dir / "e2", "materials.csv", "lab-1", "lab-1#m1").at("molar_ratio") == "1.27659574468");
  // Everything else of the file is untouched by the edit.
  CHECK(read_all(a.dir / "e2" / "steps.csv") == read_all(a.dir / "e1" / "steps.csv"));
}

TEST_CASE("s21-exp item 3: split counts name every split, an empty split is a warning") {
  AddedDb a;  // two papers: the ZnSe sample (by DOI) and notebook A
  auto r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e").string(), "--split", "0.8,0.1,0.1",
                    "--seed", "5"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto ds = read_json_file(a.dir / "e" / "dataset.json");
  const auto& counts = ds["split"]["counts"];
  CHECK(counts.size() == 3);
  long long total = 0, empty = 0;
  for (const char* k : {"train", "validation", "test"}) {
    REQUIRE_MESSAGE(counts.contains(k), k);
    REQUIRE(ds["split"]["papers"].contains(k));
    total += counts[k].get<long long>();
    if (counts[k] == 0) {
      ++empty;
      CHECK(ds["split"]["papers"][k] == 0);
      CHECK(r.err.find(std::string("export: warning: split \"") + k + "\" is empty") != std::string::npos);
    }
  }
  CHECK(total == ds["counts"]["syntheses"].get<long long>());
  CHECK(empty >= 1);  // two papers, three splits
  CHECK(ds["warnings"].size() == static_cast<size_t>(empty));
  // The split column says what the code does.
  for (const auto& c : ds["files"]["syntheses.csv"]["columns"])
    if (c["name"] == "split") CHECK(c["meaning"].get<std::string>().find("by paper") != std::string::npos);
  // Two fractions: train and test, both named.
  r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "f").string(), "--split", "0.5,0.5"});
  REQUIRE(r.exit_code == 0);
  const auto ds2 = read_json_file(a.dir / "f" / "dataset.json");
  CHECK(ds2["split"]["counts"].size() == 2);
  CHECK(ds2["split"]["counts"].contains("train"));
  CHECK(ds2["split"]["counts"].contains("test"));
  // No split: no warning.
  r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "g").string()});
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(!read_json_file(a.dir / "g" / "dataset.json").contains("warnings"));
}

// s27 persona walk: "--split '0.8, 0.2'" (spaces after the commas, as one writes a list) was not a list
// of numbers; "--split 0,1" warned "try another --seed" for a split its fraction of 0 keeps empty.
TEST_CASE("export --split accepts spaces around the commas and says a zero fraction is why a split is empty") {
  AddedDb a;
  auto r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e").string(), "--split", " 0.5 , 0.5",
                    "--seed", "3"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "f").string(), "--split", "0.5,0.5", "--seed",
                   "3"}).exit_code == 0);
  CHECK(read_all(a.dir / "e" / "syntheses.csv") == read_all(a.dir / "f" / "syntheses.csv"));
  CHECK(read_json_file(a.dir / "e" / "dataset.json")["split"]["fractions"] ==
        read_json_file(a.dir / "f" / "dataset.json")["split"]["fractions"]);
  // Still not a list of numbers: an empty field, a space inside a number.
  for (const char* bad : {"0.5,,0.5", "0. 5,0.5", "0.5, ", "0.5;0.5"}) {
    CAPTURE(bad);
    auto b = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "b").string(), "--split", bad});
    CHECK(b.exit_code == 2);
    CHECK(b.err.find("is not a list of non-negative numbers") != std::string::npos);
  }
  // A zero fraction: the split is empty by construction, whatever the seed.
  r = run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "z").string(), "--split", "0,1"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("export: warning: split \"train\" is empty: its fraction is 0\n") != std::string::npos);
  CHECK(r.err.find("--seed") == std::string::npos);
  const auto ds = read_json_file(a.dir / "z" / "dataset.json");
  CHECK(ds["split"]["counts"]["train"] == 0);
  REQUIRE(ds["warnings"].size() == 1);
  CHECK(ds["warnings"][0] == "split \"train\" is empty: its fraction is 0");
}

TEST_CASE("s21-exp item 5: dataset.json names the docs' row key of the long files, and it is unique") {
  AddedDb a;
  REQUIRE(run_cli({"export", "--db", a.db.string(), "--out", (a.dir / "e").string()}).exit_code == 0);
  const auto ds = read_json_file(a.dir / "e" / "dataset.json");
  // docs/records.md's table: | `materials.csv` | ... | `synthesis_id`, `ordinal`, `item_key` |
  std::istringstream doc(read_all(fs::path(SYNTHDB_SOURCE_DIR) / "docs" / "records.md"));
  std::map<std::string, std::string> documented;
  std::string line;
  while (std::getline(doc, line))
    for (const char* file : {"materials.csv", "steps.csv", "outcomes.csv"})
      if (line.rfind(std::string("| `") + file + "` |", 0) == 0) {
        std::string key = line.substr(line.rfind('|', line.size() - 2) + 1);
        key.erase(std::remove(key.begin(), key.end(), '`'), key.end());
        key.erase(std::remove(key.begin(), key.end(), '|'), key.end());
        key = key.substr(key.find_first_not_of(' '));
        key = key.substr(0, key.find_last_not_of(' ') + 1);
        documented[file] = key;
      }
  for (const char* file : {"materials.csv", "steps.csv", "outcomes.csv"}) {
    INFO(file);
    REQUIRE(documented.count(file));
    CHECK(ds["files"][file]["key"] == documented[file]);
    CHECK(documented[file] == "synthesis_id, ordinal, item_key");
    // synthesis_id repeats; (synthesis_id, ordinal) does not.
    std::set<std::string> ids, keys;
    const auto rows = read_csv_file(a.dir / "e" / file);
    for (const auto& row : rows) ids.insert(row.at("synthesis_id")), keys.insert(row.at("synthesis_id") + "/" + row.at("ordinal"));
    CHECK(keys.size() == rows.size());
    CHECK(ids.size() < rows.size());
  }
}
