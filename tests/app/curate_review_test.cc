// s20-curate: curation correctness found by the session-20 user review, through build/synthdb on
// corpus-samples/znse-nanocrystals.txt: its experimental paragraph (p7, "kept at 300 °C for 20 min")
// is a base record, and "A control reaction heated only to 220 °C gave no nanocrystals" (p8) a failed
// variant that shares the base's step rows (same item_keys) but read its temperature in p8.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

// The cell `column` of the row of `file` whose synthesis_id is `key` (and item_key `item`, when given).
std::string cell(const fs::path& dir, const std::string& file, const std::string& key, const std::string& column,
                 const std::string& item = "") {
  for (const auto& row : read_csv_file(dir / file))
    if (row.at("synthesis_id") == key && (item.empty() || row.at("item_key") == item)) return row.at(column);
  return "<no row>";
}

CliResult curate(const std::vector<std::string>& args) {
  std::vector<std::string> cmd = {"curate"};
  cmd.insert(cmd.end(), args.begin(), args.end());
  cmd.insert(cmd.end(), {"--curator", "alice", "--reason", "review s20"});
  return run_cli(cmd);
}

void export_to(const std::string& db, const fs::path& out) {
  auto r = run_cli({"export", "--db", db, "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

struct Znse {
  TempDir dir;
  std::string db, base, variant, reaction_step, heating_step;
  Znse() {
    fs::create_directories(dir / "in");
    { std::ofstream(dir / "in" / "znse.txt", std::ios::binary) << read_all(kZnse); }
    db = (dir / "z.db").string();
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", db});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    base = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p7-v0'");
    variant = query_text(db, "SELECT key FROM syntheses WHERE parent_key = '" + base + "'");
    auto step = [&](const std::string& op) {
      return query_text(db, "SELECT st.item_key FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id "
                            "WHERE s.key = '" + base + "' AND st.operation = '" + op + "'");
    };
    reaction_step = step("reaction");
    heating_step = step("heating");
    REQUIRE(!base.empty());
    REQUIRE(variant.size() == base.size());
    REQUIRE(!reaction_step.empty());
    // The sample as the review saw it: the failed 220 °C control reads its temperature elsewhere.
    REQUIRE(query_text(db, "SELECT status || ' ' || reaction_temperature_c FROM syntheses WHERE key = '" + variant +
                               "'") == "failed 220.0");
  }
};

}  // namespace

TEST_CASE("s20 review 2: an item_key edit of a value the sharing records read in different places needs --all") {
  Znse z;
  // The reaction step's temperature: 300 in the base (read in p7), 220 in the failed control (p8).
  auto r = curate({"--db", z.db, "set", z.reaction_step, "temperature_c", "290"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(z.base + " 300 (read at p7:") != std::string::npos);
  CHECK(r.err.find(z.variant + " 220 (read at p8:") != std::string::npos);
  CHECK(r.err.find("--all") != std::string::npos);
  CHECK(r.err.find("reaction_temperature_c") != std::string::npos);  // the per-record alternative
  CHECK(query_int(z.db, "SELECT count(*) FROM curation") == 0);
  export_to(z.db, z.dir / "ex0");
  CHECK(cell(z.dir / "ex0", "syntheses.csv", z.variant, "max_temperature_c") == "220");

  // The reaction time was read once, in p7, for both: the edit applies to both without --all.
  r = curate({"--db", z.db, "set", z.reaction_step, "time_s", "25 min"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  r = curate({"--db", z.db, "set", z.reaction_step, "temperature_c", "290", "--all"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  export_to(z.db, z.dir / "ex1");
  CHECK(cell(z.dir / "ex1", "steps.csv", z.variant, "temperature_c", z.reaction_step) == "290");
  CHECK(cell(z.dir / "ex1", "steps.csv", z.variant, "time_s", z.reaction_step) == "1500");
  CHECK(cell(z.dir / "ex1", "steps.csv", z.base, "time_s", z.reaction_step) == "1500");
}

TEST_CASE("s20 review 3: syntheses.csv and steps.csv agree after a record or a step edit") {
  Znse z;
  // A record's condition: its steps holding the old value follow; the variant keeps its own.
  auto r = curate({"--db", z.db, "set", z.base, "reaction_time_s", "25 min"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = curate({"--db", z.db, "set", z.base, "reaction_temperature_c", "290"});
  REQUIRE(r.exit_code == 0);
  // Blanking a record's condition blanks the steps that held it (the control's 220 °C steps).
  r = curate({"--db", z.db, "set", z.variant, "reaction_temperature_c", ""});
  REQUIRE(r.exit_code == 0);
  const fs::path ex = z.dir / "ex";
  export_to(z.db, ex);
  CHECK(cell(ex, "syntheses.csv", z.base, "reaction_time_s") == "1500");
  CHECK(cell(ex, "steps.csv", z.base, "time_s", z.reaction_step) == "1500");
  CHECK(cell(ex, "steps.csv", z.base, "curated", z.reaction_step) == "1");
  CHECK(cell(ex, "syntheses.csv", z.base, "reaction_temperature_c") == "290");
  CHECK(cell(ex, "syntheses.csv", z.base, "max_temperature_c") == "290");
  CHECK(cell(ex, "steps.csv", z.base, "temperature_c", z.reaction_step) == "290");
  CHECK(cell(ex, "steps.csv", z.base, "temperature_c", z.heating_step) == "290");
  CHECK(cell(ex, "syntheses.csv", z.variant, "reaction_time_s") == "1200");
  CHECK(cell(ex, "steps.csv", z.variant, "time_s", z.reaction_step) == "1200");
  CHECK(cell(ex, "syntheses.csv", z.variant, "reaction_temperature_c") == "");
  CHECK(cell(ex, "steps.csv", z.variant, "temperature_c", z.reaction_step) == "");
  CHECK(cell(ex, "steps.csv", z.variant, "temperature_c", z.heating_step) == "");
  CHECK(cell(ex, "syntheses.csv", z.variant, "max_temperature_c") == "120");  // the degassing is left
  views_agree_with_export(z.db, ex);

  // A step's edit: the record's conditions holding the old value follow (both records read 20 min in p7).
  Znse y;
  r = curate({"--db", y.db, "set", y.reaction_step, "time_s", "30 min"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  export_to(y.db, y.dir / "ex");
  for (const std::string& key : {y.base, y.variant}) {
    CHECK(cell(y.dir / "ex", "syntheses.csv", key, "reaction_time_s") == "1800");
    CHECK(cell(y.dir / "ex", "steps.csv", key, "time_s", y.reaction_step) == "1800");
  }
  views_agree_with_export(y.db, y.dir / "ex");
}

TEST_CASE("s20 review 5: an edit of a record of a superseded file version is refused with the current key") {
  Znse z;
  const std::string old16 = z.base.substr(0, 16);
  // The file is edited in place: a sentence appended to the results; p7 and p8 are unchanged.
  { std::ofstream(z.dir / "in" / "znse.txt", std::ios::binary | std::ios::app) << "\nNote added in revision.\n"; }
  auto r = run_cli({"ingest", (z.dir / "in").string(), "--db", z.db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string new16 =
      query_text(z.db, "SELECT substr(sha256, 1, 16) FROM documents WHERE substr(sha256, 1, 16) <> '" + old16 + "'");
  REQUIRE(new16.size() == 16);
  const std::string current = new16 + z.base.substr(16);
  REQUIRE(query_int(z.db, "SELECT count(*) FROM syntheses WHERE key = '" + current + "'") == 1);

  r = curate({"--db", z.db, "set", z.base, "target", "ZnSe dots"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("old version") != std::string::npos);
  CHECK(r.err.find("edit the current key " + current) != std::string::npos);
  r = curate({"--db", z.db, "set", z.reaction_step, "time_s", "30 min"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("edit the current key " + query_text(z.db, "SELECT sha256 FROM documents WHERE sha256 LIKE '" +
                                                                  new16 + "%'")) != std::string::npos);
  r = curate({"--db", z.db, "delete", z.variant});
  CHECK(r.exit_code == 2);
  CHECK(query_int(z.db, "SELECT count(*) FROM curation") == 0);
  CHECK(query_int(z.db, "SELECT count(*) FROM synthesis_tombstones") == 0);
  // The current key is accepted.
  r = curate({"--db", z.db, "set", current, "target", "ZnSe dots"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("s20 review 7: deleting a base warns about its variants, --cascade deletes them, no dangling parent_id") {
  Znse z;
  auto r = curate({"--db", z.db, "delete", z.base});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: 1 record name " + z.base + " as parent (" + z.variant + ")") != std::string::npos);
  CHECK(r.err.find("--cascade") != std::string::npos);
  export_to(z.db, z.dir / "ex");
  CHECK(cell(z.dir / "ex", "syntheses.csv", z.base, "synthesis_id") == "<no row>");
  CHECK(cell(z.dir / "ex", "syntheses.csv", z.variant, "parent_id") == "");
  CHECK(cell(z.dir / "ex", "syntheses.csv", z.variant, "status") == "failed");

  Znse y;
  r = curate({"--db", y.db, "delete", y.base, "--cascade"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(r.out.find("deleted " + y.variant + " (its parent is deleted)") != std::string::npos);
  CHECK(query_int(y.db, "SELECT count(*) FROM curation WHERE field = 'deleted'") == 2);
  export_to(y.db, y.dir / "ex");
  CHECK(cell(y.dir / "ex", "syntheses.csv", y.variant, "synthesis_id") == "<no row>");
  // Restoring the base brings back the base alone; the variant stays deleted until restored.
  REQUIRE(curate({"--db", y.db, "restore", y.base}).exit_code == 0);
  export_to(y.db, y.dir / "ex2");
  CHECK(cell(y.dir / "ex2", "syntheses.csv", y.base, "status") == "success");
  CHECK(cell(y.dir / "ex2", "syntheses.csv", y.variant, "synthesis_id") == "<no row>");
}

TEST_CASE("s20 review 3: synthesis_provenance marks the edited value, not every value of the edited row") {
  Znse z;
  const std::string zinc = query_text(
      z.db, "SELECT m.item_key FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id WHERE s.key = '" +
                z.base + "' AND m.name = 'Zinc stearate'");
  REQUIRE(!zinc.empty());
  REQUIRE(curate({"--db", z.db, "set", z.reaction_step, "time_s", "25 min"}).exit_code == 0);
  REQUIRE(curate({"--db", z.db, "set", zinc, "role", "other"}).exit_code == 0);
  auto flag = [&](const std::string& item_key, const std::string& item, const std::string& field) {
    return query_int(z.db, "SELECT curated FROM synthesis_provenance WHERE synthesis_key = '" + z.base +
                               "' AND item_key = '" + item_key + "' AND item = '" + item + "' AND field = '" + field +
                               "'");
  };
  CHECK(flag(z.reaction_step, "step", "time_s") == 1);
  CHECK(flag(z.reaction_step, "step", "temperature_c") == 0);
  CHECK(flag(z.reaction_step, "step", "operation") == 0);
  CHECK(flag(zinc, "material", "other") == 1);
  CHECK(flag(zinc, "amount", "moles") == 0);
  // A step temperature that followed the record's curated reaction temperature is marked, its time not.
  REQUIRE(curate({"--db", z.db, "set", z.base, "reaction_temperature_c", "290"}).exit_code == 0);
  CHECK(flag(z.heating_step, "step", "temperature_c") == 1);
  CHECK(flag(z.heating_step, "step", "operation") == 0);
  // The export's curated columns stay per row.
  export_to(z.db, z.dir / "ex");
  CHECK(cell(z.dir / "ex", "steps.csv", z.base, "curated", z.reaction_step) == "1");
}

TEST_CASE("s20 review 3: a degassing step's equal time does not follow the reaction time, nor the reverse") {
  // The sample with the reaction kept for 30 min: the degassing ("for 30 min") holds the same number.
  TempDir dir;
  fs::create_directories(dir / "in");
  std::string text = read_all(kZnse);
  const std::string from = "kept at 300 °C for 20 min";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "kept at 300 °C for 30 min");
  { std::ofstream(dir / "in" / "znse30.txt", std::ios::binary) << text; }
  const std::string db = (dir / "z.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const std::string base = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p7-v0'");
  auto step = [&](const std::string& op) {
    return query_text(db, "SELECT st.item_key FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id "
                          "WHERE s.key = '" + base + "' AND st.operation = '" + op + "'");
  };
  const std::string degassing = step("degassing"), reaction = step("reaction");
  REQUIRE(query_text(db, "SELECT st.time_s || ' ' || s.reaction_time_s FROM synthesis_steps st JOIN syntheses s "
                         "ON s.id = st.synthesis_id WHERE s.key = '" + base + "' AND st.item_key = '" + degassing +
                         "'") == "1800.0 1800.0");
  REQUIRE(curate({"--db", db, "set", base, "reaction_time_s", "25 min"}).exit_code == 0);
  export_to(db, dir / "ex");
  CHECK(cell(dir / "ex", "steps.csv", base, "time_s", reaction) == "1500");
  CHECK(cell(dir / "ex", "steps.csv", base, "time_s", degassing) == "1800");
  views_agree_with_export(db, dir / "ex");
  // A degassing step's edit leaves the record's conditions alone.
  const std::string variant = query_text(db, "SELECT key FROM syntheses WHERE parent_key = '" + base + "'");
  REQUIRE(curate({"--db", db, "set", degassing, "time_s", "1 h"}).exit_code == 0);
  export_to(db, dir / "ex2");
  CHECK(cell(dir / "ex2", "steps.csv", variant, "time_s", degassing) == "3600");
  CHECK(cell(dir / "ex2", "syntheses.csv", variant, "reaction_time_s") == "1800");
  CHECK(cell(dir / "ex2", "steps.csv", variant, "time_s", reaction) == "1800");
  views_agree_with_export(db, dir / "ex2");
}

TEST_CASE("s20 fixcur 7: after an item_key edit with --all, the records agree and a new edit needs no --all") {
  Znse z;
  REQUIRE(curate({"--db", z.db, "set", z.reaction_step, "temperature_c", "285", "--all"}).exit_code == 0);
  auto r = curate({"--db", z.db, "set", z.reaction_step, "temperature_c", "286"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  export_to(z.db, z.dir / "ex");
  CHECK(cell(z.dir / "ex", "steps.csv", z.variant, "temperature_c", z.reaction_step) == "286");
  CHECK(cell(z.dir / "ex", "steps.csv", z.base, "temperature_c", z.reaction_step) == "286");
}

TEST_CASE("s20 fixcur 8: a key whose paragraph text changed in the new version is offered by paragraph number") {
  Znse z;
  std::string text = read_all(kZnse);
  const std::string from = "kept at 300 °C for 20 min";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "kept at 300 °C for 25 min");
  { std::ofstream(z.dir / "in" / "znse.txt", std::ios::binary | std::ios::trunc) << text; }
  auto r = run_cli({"ingest", (z.dir / "in").string(), "--db", z.db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string old16 = z.base.substr(0, 16);
  const std::string new16 =
      query_text(z.db, "SELECT substr(sha256, 1, 16) FROM documents WHERE substr(sha256, 1, 16) <> '" + old16 + "'");
  REQUIRE(new16.size() == 16);
  const std::string candidate = new16 + z.base.substr(16);
  REQUIRE(query_int(z.db, "SELECT count(*) FROM syntheses WHERE key = '" + candidate + "'") == 1);
  r = curate({"--db", z.db, "set", z.base, "target", "ZnSe dots"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no such record") == std::string::npos);
  CHECK(r.err.find("has " + candidate + " at the same paragraph number") != std::string::npos);
}

TEST_CASE("s20 fixcur 6: restore after delete --cascade warns about the variants, restore --cascade restores them") {
  Znse z;
  REQUIRE(curate({"--db", z.db, "delete", z.base, "--cascade"}).exit_code == 0);
  auto r = curate({"--db", z.db, "restore", z.base});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: 1 deleted record name " + z.base + " as parent (" + z.variant + ")") !=
        std::string::npos);
  CHECK(query_int(z.db, "SELECT count(*) FROM synthesis_tombstones") == 1);
  Znse y;
  REQUIRE(curate({"--db", y.db, "delete", y.base, "--cascade"}).exit_code == 0);
  r = curate({"--db", y.db, "restore", y.base, "--cascade"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning") == std::string::npos);
  CHECK(r.out.find("restored " + y.variant + " (its parent is restored)") != std::string::npos);
  CHECK(query_int(y.db, "SELECT count(*) FROM synthesis_tombstones") == 0);
  export_to(y.db, y.dir / "ex");
  CHECK(cell(y.dir / "ex", "syntheses.csv", y.variant, "parent_id") == y.base);
}

TEST_CASE("s20 fixcur 6: curated_syntheses.parent_key is empty for a deleted parent, as in the export") {
  Znse z;
  REQUIRE(curate({"--db", z.db, "delete", z.base}).exit_code == 0);
  export_to(z.db, z.dir / "ex");
  CHECK(cell(z.dir / "ex", "syntheses.csv", z.variant, "parent_id") == "");
  CHECK(query_int(z.db, "SELECT count(*) FROM curated_syntheses WHERE key = '" + z.variant +
                            "' AND parent_key IS NULL") == 1);
  REQUIRE(curate({"--db", z.db, "restore", z.base}).exit_code == 0);
  CHECK(query_text(z.db, "SELECT parent_key FROM curated_syntheses WHERE key = '" + z.variant + "'") == z.base);
}

// s21-cure (review s20 item 3): a record whose reaction temperature and time came from its degassing
// ("degassed at 100 °C for 2 h until the solution was clear", nothing else heated or injected). The
// step that supplied each condition is stored (synthesis_steps.supplies, schema v10), and the follow
// rule takes that step part whatever its operation.
namespace {

const char* const kLeadOleate =
    "Lead oxide (0.45 g, 2.0 mmol), oleic acid (1.5 mL) and 1-octadecene (10 mL) were mixed in a 50 mL flask and "
    "degassed at 100 °C for 2 h until the solution was clear.\n\n";

// The ZnSe sample with its experimental paragraph replaced by kLeadOleate (p7 again).
std::string lead_oleate_text() {
  std::string text = read_all(kZnse);
  const size_t from = text.find("Zinc stearate (0.632 g"), to = text.find("Results and Discussion");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return text.substr(0, from) + kLeadOleate + text.substr(to);
}

struct LeadOleate {
  TempDir dir;
  std::string db, key, degassing;
  explicit LeadOleate(const std::string& binary = "") {
    fs::create_directories(dir / "in");
    { std::ofstream(dir / "in" / "pb.txt", std::ios::binary) << lead_oleate_text(); }
    db = (dir / "pb.db").string();
    CliResult r;
    if (binary.empty()) {
      r = run_cli({"ingest", (dir / "in").string(), "--db", db});
    } else {
      r = run_binary(binary, {"ingest", (dir / "in").string(), "--db", db});
    }
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    key = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p7-v0'");
    degassing = query_text(db, "SELECT st.item_key FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id "
                               "WHERE s.key = '" + key + "' AND st.operation = 'degassing'");
    REQUIRE(!degassing.empty());
    REQUIRE(query_text(db, "SELECT reaction_temperature_c || ' ' || reaction_time_s FROM syntheses WHERE key = '" +
                               key + "'") == "100.0 7200.0");
  }
  // Runs another synthdb binary (the base release) with `args`; stdout and stderr in files.
  static CliResult run_binary(const std::string& binary, const std::vector<std::string>& args) {
    CliResult r;
    std::string cmd = "'" + binary + "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    TempDir log;
    cmd += " >'" + (log / "out").string() + "' 2>'" + (log / "err").string() + "'";
    const int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_all(log / "out");
    r.err = read_all(log / "err");
    return r;
  }
};

std::string curated_condition(const std::string& db, const std::string& key, const std::string& column) {
  return query_text(db, "SELECT coalesce(CAST(" + column + " AS TEXT), '') FROM curated_syntheses WHERE key = '" + key + "'");
}

}  // namespace

TEST_CASE("s21 cure 1: a condition read from a degassing step follows an edit of that step, and back") {
  LeadOleate p;
  CHECK(query_int(p.db, "SELECT supplies FROM synthesis_steps WHERE item_key = '" + p.degassing + "'") == (16 | 32));
  CHECK(query_int(p.db, "SELECT count(*) FROM synthesis_steps WHERE supplies <> 0 AND item_key <> '" + p.degassing +
                            "'") == 0);
  // curate show names them.
  auto shown = run_cli({"curate", "--db", p.db, "show", p.key});
  REQUIRE(shown.exit_code == 0);
  const auto js = nlohmann::json::parse(shown.out);
  CHECK(js["steps"][1]["item_key"] == p.degassing);
  CHECK(js["steps"][1]["supplies"] == nlohmann::json::array({"reaction_temperature_c", "reaction_time_s"}));
  CHECK(!js["steps"][0].contains("supplies"));
  // Step → record.
  auto r = curate({"--db", p.db, "set", p.degassing, "temperature_c", "110"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  export_to(p.db, p.dir / "ex1");
  CHECK(cell(p.dir / "ex1", "syntheses.csv", p.key, "reaction_temperature_c") == "110");
  CHECK(cell(p.dir / "ex1", "syntheses.csv", p.key, "max_temperature_c") == "110");
  CHECK(cell(p.dir / "ex1", "steps.csv", p.key, "temperature_c", p.degassing) == "110");
  CHECK(curated_condition(p.db, p.key, "reaction_temperature_c") == "110.0");
  CHECK(query_text(p.db, "SELECT CAST(reaction_temperature_c AS TEXT) FROM synthesis_wide WHERE key = '" + p.key +
                             "'") == "110.0");
  views_agree_with_export(p.db, p.dir / "ex1");
  // Undone (the stored value again): back to 100 everywhere.
  REQUIRE(curate({"--db", p.db, "set", p.degassing, "temperature_c", "100"}).exit_code == 0);
  export_to(p.db, p.dir / "ex2");
  CHECK(cell(p.dir / "ex2", "syntheses.csv", p.key, "reaction_temperature_c") == "100");
  CHECK(curated_condition(p.db, p.key, "reaction_temperature_c") == "100.0");
  views_agree_with_export(p.db, p.dir / "ex2");

  // Record → step: the reaction time, read from the degassing, moves the degassing's time.
  r = curate({"--db", p.db, "set", p.key, "reaction_time_s", "3 h"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  export_to(p.db, p.dir / "ex3");
  CHECK(cell(p.dir / "ex3", "steps.csv", p.key, "time_s", p.degassing) == "10800");
  CHECK(cell(p.dir / "ex3", "steps.csv", p.key, "curated", p.degassing) == "1");
  CHECK(query_text(p.db, "SELECT CAST(time_s AS TEXT) FROM curated_steps WHERE item_key = '" + p.degassing + "'") ==
        "10800.0");
  views_agree_with_export(p.db, p.dir / "ex3");
  // And back.
  REQUIRE(curate({"--db", p.db, "set", p.key, "reaction_time_s", "2 h"}).exit_code == 0);
  export_to(p.db, p.dir / "ex4");
  CHECK(cell(p.dir / "ex4", "steps.csv", p.key, "time_s", p.degassing) == "7200");
  views_agree_with_export(p.db, p.dir / "ex4");
}

TEST_CASE("s21 cure 1: a degassing that supplied nothing still does not follow, nor lead (ZnSe: degassed 30 min, kept 30 min)") {
  TempDir dir;
  fs::create_directories(dir / "in");
  std::string text = read_all(kZnse);
  const std::string from = "kept at 300 °C for 20 min";
  text.replace(text.find(from), from.size(), "kept at 300 °C for 30 min");
  { std::ofstream(dir / "in" / "znse30.txt", std::ios::binary) << text; }
  const std::string db = (dir / "z.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const std::string base = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p7-v0'");
  const std::string degassing = query_text(
      db, "SELECT st.item_key FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id WHERE s.key = '" +
              base + "' AND st.operation = 'degassing'");
  // The heating to 300 °C supplied the reaction temperature (the first step at it, as derive_conditions
  // reads it), the reaction step ("kept ... for 30 min") the time, the degassing nothing.
  auto supplies = [&](const std::string& op) {
    return query_int(db, "SELECT st.supplies FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id "
                         "WHERE s.key = '" + base + "' AND st.operation = '" + op + "'");
  };
  CHECK(supplies("heating") == 16);
  CHECK(supplies("reaction") == 32);
  CHECK(query_int(db, "SELECT supplies FROM synthesis_steps WHERE item_key = '" + degassing + "' LIMIT 1") == 0);
  REQUIRE(curate({"--db", db, "set", degassing, "time_s", "1 h"}).exit_code == 0);
  export_to(db, dir / "ex");
  CHECK(cell(dir / "ex", "syntheses.csv", base, "reaction_time_s") == "1800");
  CHECK(curated_condition(db, base, "reaction_time_s") == "1800.0");
  views_agree_with_export(db, dir / "ex");
}

TEST_CASE("s21 cure 1: a v9 database made by the base binary is upgraded with its edits kept and suppliers filled") {
  const char* base_binary = "/work/notes/base/synthdb";
  if (!fs::exists(base_binary)) {
    MESSAGE("the base binary " << base_binary << " is not on this machine; the v9 case below covers the upgrade");
    return;
  }
  LeadOleate p(base_binary);
  REQUIRE(query_int(p.db, "PRAGMA user_version") == 9);
  auto r = LeadOleate::run_binary(base_binary, {"curate", "--db", p.db, "set", p.degassing, "temperature_c", "110",
                                                "--curator", "alice", "--reason", "v9 edit"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(LeadOleate::run_binary(base_binary, {"curate", "--db", p.db, "set", p.key, "target", "lead oleate",
                                               "--curator", "alice", "--reason", "v9 edit"})
              .exit_code == 0);
  const std::string edits = query_text(p.db, "SELECT group_concat(target_key || ' ' || field || ' ' || new_value || ' ' "
                                             "|| curator || ' ' || at, '; ') FROM curation");
  // The upgrade (stats opens and migrates a database it may write).
  REQUIRE(run_cli({"stats", "--db", p.db}).exit_code == 0);
  CHECK(query_int(p.db, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  CHECK(query_text(p.db, "SELECT group_concat(target_key || ' ' || field || ' ' || new_value || ' ' || curator || ' ' "
                         "|| at, '; ') FROM curation") == edits);
  CHECK(query_int(p.db, "SELECT supplies FROM synthesis_steps WHERE item_key = '" + p.degassing + "'") == (16 | 32));
  export_to(p.db, p.dir / "ex");
  CHECK(cell(p.dir / "ex", "syntheses.csv", p.key, "reaction_temperature_c") == "110");
  CHECK(cell(p.dir / "ex", "syntheses.csv", p.key, "target") == "lead oleate");
  CHECK(curated_condition(p.db, p.key, "reaction_temperature_c") == "110.0");
  views_agree_with_export(p.db, p.dir / "ex");
}

TEST_CASE("s21 cure 1: migrations up to 009, then the upgrade: edits kept, suppliers backfilled, the views follow") {
  TempDir dir;
  const fs::path db = dir / "v9.db";
  {
    synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
    const auto& all = synthdb::db::builtin_migrations();
    std::vector<synthdb::db::Migration> v9(all.begin(), all.begin() + 9);
    synthdb::db::migrate(d, v9);
    REQUIRE(d.schema_version() == 9);
    // A manual record as a v9 binary stored it: mixing, then a degassing that supplied its reaction
    // temperature and time; a second record whose heating holds the same values.
    d.exec("INSERT INTO syntheses(id, key, origin, target, reaction_temperature_c, reaction_time_s, created_at) VALUES "
           "(1, 'manual-pb', 'manual', 'lead oleate', 100, 7200, '2026-01-01T00:00:00Z'), "
           "(2, 'manual-cd', 'manual', 'CdSe', 100, 600, '2026-01-01T00:00:00Z');"
           "INSERT INTO synthesis_steps(synthesis_id, ordinal, item_key, operation, temperature_c, time_s) VALUES "
           "(1, 0, 'manual-pb#s0', 'mixing', NULL, NULL), (1, 1, 'manual-pb#s1', 'degassing', 100, 7200), "
           "(2, 0, 'manual-cd#s0', 'degassing', 100, 1800), (2, 1, 'manual-cd#s1', 'heating', 100, 600);"
           "INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) VALUES "
           "('synthesis_steps', 'manual-pb#s1', 'temperature_c', '100', '110', 'alice', 'v9', '2026-01-02T00:00:00Z'), "
           "('synthesis_steps', 'manual-cd#s0', 'temperature_c', '100', '90', 'alice', 'v9', '2026-01-02T00:00:00Z');");
  }
  REQUIRE(run_cli({"stats", "--db", db.string()}).exit_code == 0);
  CHECK(query_int(db, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  CHECK(query_int(db, "SELECT count(*) FROM curation") == 2);
  CHECK(query_int(db, "SELECT supplies FROM synthesis_steps WHERE item_key = 'manual-pb#s1'") == (16 | 32));
  CHECK(query_int(db, "SELECT supplies FROM synthesis_steps WHERE item_key = 'manual-cd#s0'") == 0);
  CHECK(query_int(db, "SELECT supplies FROM synthesis_steps WHERE item_key = 'manual-cd#s1'") == (16 | 32));
  CHECK(curated_condition(db.string(), "manual-pb", "reaction_temperature_c") == "110.0");
  CHECK(curated_condition(db.string(), "manual-cd", "reaction_temperature_c") == "100.0");  // its degassing supplied nothing
  export_to(db.string(), dir / "ex");
  CHECK(cell(dir / "ex", "syntheses.csv", "manual-pb", "reaction_temperature_c") == "110");
  CHECK(cell(dir / "ex", "syntheses.csv", "manual-cd", "reaction_temperature_c") == "100");
  views_agree_with_export(db.string(), dir / "ex");
}

TEST_CASE("s21 cure 3: stats lists step edits by item_key that set a value the records read in different places") {
  Znse z;
  auto s = run_cli({"stats", "--db", z.db, "--json"});
  REQUIRE(s.exit_code == 0);
  CHECK(s.out.find("\"item_edits_across_records\": []") != std::string::npos);
  // As a synthdb before schema v7 stored it (no --all asked), and as --all stores it now.
  REQUIRE(curate({"--db", z.db, "set", z.reaction_step, "temperature_c", "290", "--all"}).exit_code == 0);
  REQUIRE(curate({"--db", z.db, "set", z.reaction_step, "time_s", "25 min"}).exit_code == 0);  // read once: not listed
  s = run_cli({"stats", "--db", z.db, "--json"});
  REQUIRE(s.exit_code == 0);
  const auto j = nlohmann::json::parse(s.out);
  const auto& list = j["curation"]["item_edits_across_records"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["item_key"] == z.reaction_step);
  CHECK(list[0]["field"] == "temperature_c");
  CHECK(list[0]["value"] == "290");
  CHECK(list[0]["records"] == (z.base < z.variant ? z.base + " 300.0, " + z.variant + " 220.0"
                                                  : z.variant + " 220.0, " + z.base + " 300.0"));
  auto t = run_cli({"stats", "--db", z.db});
  REQUIRE(t.exit_code == 0);
  CHECK(t.out.find("1 step edit by item_key sets a value its records read in different places") != std::string::npos);
  CHECK(t.out.find(z.reaction_step + " temperature_c = 290") != std::string::npos);
}

// Review 26 (persona walk, bugs 3 and 4): `curate list KEY` and `show KEY` of a record showed only the
// edits keyed by the record, not the row edits that change what the views show for it; `list` with a
// key naming nothing printed nothing and exited 0.
TEST_CASE("curate list and show of a record include its rows' edits, and list of an unknown key exits 2") {
  TempDir dir;
  write(dir / "in" / "znse.txt", read_all(kZnse));
  const std::string db = (dir / "s.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db, "--quiet"}).exit_code == 0);
  const auto [key, material, step, outcome] = znse_items(db);
  for (const auto& args : std::vector<std::vector<std::string>>{{"set", material, "role", "other"},
                                                                {"set", key, "target", "ZnSe cores"}}) {
    std::vector<std::string> cmd = {"curate", "--db", db};
    cmd.insert(cmd.end(), args.begin(), args.end());
    cmd.insert(cmd.end(), {"--curator", "ann", "--reason", "review 26"});
    REQUIRE(run_cli(cmd).exit_code == 0);
  }
  auto list = run_cli({"curate", "--db", db, "list", key, "--json"});
  REQUIRE(list.exit_code == 0);
  std::set<std::string> keys;
  for (size_t at = 0, nl; (nl = list.out.find('\n', at)) != std::string::npos; at = nl + 1)
    keys.insert(nlohmann::json::parse(list.out.substr(at, nl - at))["key"].get<std::string>());
  CHECK(keys == std::set<std::string>{key, material});
  auto show = run_cli({"curate", "--db", db, "show", key});
  REQUIRE(show.exit_code == 0);
  CHECK(nlohmann::json::parse(show.out)["edits"].size() == 2);
  // A row's key still lists that row's edit alone.
  auto row = run_cli({"curate", "--db", db, "list", material});
  CHECK(row.exit_code == 0);
  CHECK(has(row.out, material));
  CHECK(!has(row.out, "ZnSe cores"));
  // A key of a record without edits lists nothing, exit 0; a key naming nothing exits 2.
  CHECK(run_cli({"curate", "--db", db, "list", step}).exit_code == 0);
  auto unknown = run_cli({"curate", "--db", db, "list", "no-such-key"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "curate list: no record, row or edit with key \"no-such-key\""));
}

// Review 26 persona walk, findings 6, 7 and 11: what is accepted but has no effect is said on stderr.
TEST_CASE("notes: merge names a shard's curator edits it does not copy, set on a deleted record, --seed without --split") {
  TempDir dir;
  write(dir / "in" / "znse.txt", read_all(kZnse));
  const std::string shard = (dir / "shard.db").string(), out = (dir / "out.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", shard, "--quiet"}).exit_code == 0);
  const auto [key, material, step, outcome] = znse_items(shard);
  REQUIRE(run_cli({"curate", "--db", shard, "set", key, "target", "ZnSe cores", "--curator", "ann", "--reason", "r"})
              .exit_code == 0);
  auto m = run_cli({"merge", out, shard, "--quiet"});
  REQUIRE(m.exit_code == 0);
  CHECK(has(m.err, "merge: warning: " + shard + " holds 1 curator edit, which merge does not copy (curate " + out));
  CHECK(query_int(out, "SELECT count(*) FROM curation") == 0);  // the documented rule stands
  const std::string plain = (dir / "plain.db").string();  // a shard without edits: no warning
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", plain, "--quiet"}).exit_code == 0);
  auto again = run_cli({"merge", out, plain});
  CHECK(again.exit_code == 0);
  CHECK(!has(again.err, "warning"));

  REQUIRE(run_cli({"curate", "--db", out, "delete", step, "--curator", "ann", "--reason", "r"}).exit_code == 0);
  auto set = run_cli({"curate", "--db", out, "set", step, "temperature_c", "250", "--curator", "ann", "--reason", "r"});
  CHECK(set.exit_code == 0);
  CHECK(has(set.err, "curate set: note: " + step + " is deleted;"));
  auto live = run_cli({"curate", "--db", out, "set", key, "target", "ZnSe", "--curator", "ann", "--reason", "r"});
  CHECK(live.exit_code == 0);
  CHECK(!has(live.err, "is deleted"));

  auto e = run_cli({"export", "--db", out, "--out", (dir / "ex").string(), "--seed", "5"});
  CHECK(e.exit_code == 0);
  CHECK(has(e.err, "export: note: --seed has no effect without --split"));
  auto e2 = run_cli({"export", "--db", out, "--out", (dir / "ex2").string(), "--seed", "5", "--split", "0.5,0.5"});
  CHECK(e2.exit_code == 0);
  CHECK(!has(e2.err, "--seed has no effect"));
}
