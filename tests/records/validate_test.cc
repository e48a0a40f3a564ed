// s18-prod2 (review 18a P2, P9, P18): curated values keep the export's contract. Units are converted
// to the canonical unit of their column (from the extractor's units.tsv) or refused; step operations,
// quantities, roles and statuses come from their vocabularies; plain-SQL curation is checked by the
// schema v5 triggers; an unknown key names nearby keys. Real SQLite files, the real CLI.
#include <sys/wait.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <string>

#include <doctest/doctest.h>

#include "db/curation.h"
#include "db/database.h"
#include "db/migrate.h"
#include "db/units.h"
#include "extract/core/error.h"
#include "extract/records/records.h"
#include "tests/records/fixture.h"

namespace fs = std::filesystem;
using namespace synthdb;
using namespace records_fixture;

namespace {

std::string item_of(db::Database& d, const std::string& table, const std::string& where) {
  return one(d, "SELECT item_key FROM " + table + " WHERE " + where + " LIMIT 1");
}

std::string usage_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

}  // namespace

TEST_CASE("curate set converts a unit to its column's canonical unit, with the value (review 18a P2)") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  const std::string sha = sha_of(41);
  ingest(d, make_doc(sha, "Units"));
  const std::string key = records::make_key(sha, 1, 0);
  const std::string cdo = item_of(d, "synthesis_materials", "normalized = 'cadmium oxide'");
  const std::string ode = item_of(d, "synthesis_materials", "normalized = '1-octadecene'");
  const std::string size = item_of(d, "outcomes", "type = 'size'");
  const std::string step = item_of(d, "synthesis_steps", "operation = 'heating'");

  // 0.1 read as mmol is 0.0001 mol; quantity already moles.
  db::set_field(d, cdo, "amount_value", "0.1", "rev", "t");
  auto edits = db::set_fields(d, cdo, "amount_unit", "mmol", "rev", "t");
  REQUIRE(edits.size() == 2);
  CHECK(edits[0].field == "amount_value");
  CHECK(edits[0].new_value == "1e-04");  // shortest round-trip form, as the export writes
  CHECK(edits[1].field == "amount_unit");
  CHECK(edits[1].new_value == "mol");
  // A volume in µL on a row without an amount: unit mL, quantity volume.
  edits = db::set_fields(d, ode, "amount_unit", "µL", "rev", "t");
  CHECK(edits.back().new_value == "mL");
  CHECK(edits.front().field == "quantity");
  CHECK(edits.front().new_value == "volume");
  // 3.1 ± 0.2 Å is 0.31 ± 0.02 nm.
  edits = db::set_fields(d, size, "unit", "angstrom", "rev", "t");
  REQUIRE(edits.size() == 3);
  CHECK(edits[0].new_value == "0.31");
  CHECK(edits[1].new_value == "0.02");
  CHECK(edits[2].new_value == "nm");
  // A temperature in kelvin, a time in hours.
  CHECK(db::set_field(d, key, "growth_temperature_c", "553.15 K", "rev", "t").new_value == "280");
  CHECK(db::set_field(d, key, "growth_time_s", "2 h", "rev", "t").new_value == "7200");

  // Refused, each with one line listing what is accepted.
  std::string e = usage_error([&] { db::set_field(d, cdo, "amount_unit", "furlongs", "rev", "t"); });
  CHECK(e.find("\"furlongs\"") != std::string::npos);
  CHECK(e.find("accepted: ") != std::string::npos);
  CHECK(e.find("mmol") != std::string::npos);
  CHECK(e.find('\n') == std::string::npos);
  e = usage_error([&] { db::set_field(d, size, "unit", "meV", "rev", "t"); });  // energy is no size
  CHECK(e.find("accepted: ") != std::string::npos);
  e = usage_error([&] { db::set_field(d, step, "operation", "teleport", "rev", "t"); });
  CHECK(e.find("operation must be one of") != std::string::npos);
  CHECK(e.find("heating") != std::string::npos);
  e = usage_error([&] { db::set_field(d, cdo, "quantity", "furlongs", "rev", "t"); });
  CHECK(e.find("quantity must be one of") != std::string::npos);
  e = usage_error([&] { db::set_field(d, key, "growth_temperature_c", "300 mL", "rev", "t"); });
  CHECK(e.find("not a temperature unit") != std::string::npos);
  e = usage_error([&] { db::set_field(d, key, "growth_temperature_c", "hot", "rev", "t"); });
  CHECK(e.find("needs a number") != std::string::npos);
  CHECK(db::set_field(d, step, "operation", "annealing", "rev", "t").new_value == "annealing");

  // The export writes the converted values: canonical units, moles follow the mol amount.
  d.exec("PRAGMA wal_checkpoint");
  const std::string bin = SYNTHDB_BINARY;
  REQUIRE(run(bin + " export --db " + quote(tmp.path / "t.db") + " --out " + quote(tmp.path / "ex")) == 0);
  for (const auto& r : read_csv_file(tmp.path / "ex" / "materials.csv")) {
    if (r.at("item_key") == cdo) {
      CHECK(r.at("amount_value") == "1e-04");  // the export's number format
      CHECK(r.at("amount_unit") == "mol");
      CHECK(r.at("moles_mol") == "1e-04");
    }
  }
  bool seen = false;
  for (const auto& r : read_csv_file(tmp.path / "ex" / "outcomes.csv"))
    if (r.at("item_key") == size) {
      seen = true;
      CHECK(r.at("value") == "0.31");
      CHECK(r.at("unit") == "nm");
    }
  CHECK(seen);
}

TEST_CASE("CLI: curate set and add refuse unknown units and operations, convert known ones (review 18a P2)") {
  TempDir tmp;
  const fs::path dbfile = tmp.path / "t.db";
  const std::string sha = sha_of(42);
  std::string cdo;
  {
    db::Database d(dbfile);
    ingest(d, make_doc(sha, "CLI units"));
    cdo = item_of(d, "synthesis_materials", "normalized = 'cadmium oxide'");
  }
  const std::string bin = SYNTHDB_BINARY;
  const std::string db = " --db " + quote(dbfile);
  std::string out;
  CHECK(run(bin + " curate" + db + " set " + quote(cdo) + " amount_unit furlongs --curator rev --reason t", &out) == 2);
  CHECK(out.find("furlongs") != std::string::npos);
  CHECK(out.find("accepted:") != std::string::npos);
  CHECK(run(bin + " curate" + db + " set " + quote(cdo) + " amount_unit mmol --curator rev --reason t", &out) == 0);
  CHECK(out.find("amount_value: 0.0002 -> 2e-07") != std::string::npos);
  CHECK(out.find("amount_unit: mol -> mol") != std::string::npos);

  {
    std::ofstream(tmp.path / "ok.json")
        << R"({"target":"CdSe","materials":[{"name":"CdO","role":"precursor","amount_value":0.1,"amount_unit":"mmol"},)"
        << R"({"name":"ODE","role":"solvent","amount_value":250,"amount_unit":"µL"}],)"
        << R"("steps":[{"operation":"heating","temperature_c":300}],)"
        << R"("outcomes":[{"type":"size","value":50,"unit":"Å"}],"key":"manual-units"})";
  }
  REQUIRE(run(bin + " add" + db + " --json " + quote(tmp.path / "ok.json") + " --curator rev", &out) == 0);
  {
    db::Database d(dbfile);
    CHECK(one(d, "SELECT amount_value || ' ' || amount_unit || ' ' || quantity || ' ' || moles FROM synthesis_materials "
                 "m JOIN syntheses s ON s.id = m.synthesis_id WHERE s.key = 'manual-units' AND m.name = 'CdO'") ==
          "0.0001 mol moles 0.0001");
    CHECK(one(d, "SELECT amount_value || ' ' || amount_unit FROM synthesis_materials m JOIN syntheses s "
                 "ON s.id = m.synthesis_id WHERE s.key = 'manual-units' AND m.name = 'ODE'") == "0.25 mL");
    CHECK(one(d, "SELECT value || ' ' || unit FROM outcomes o JOIN syntheses s ON s.id = o.synthesis_id "
                 "WHERE s.key = 'manual-units'") == "5.0 nm");
  }
  {
    std::ofstream f(tmp.path / "bad.jsonl");
    f << R"({"target":"A","materials":[{"name":"CdO","amount_value":1,"amount_unit":"furlongs"}]})" << "\n";
    f << R"({"target":"B","steps":[{"operation":"teleport"}]})" << "\n";
    f << R"({"target":"C","outcomes":[{"type":"plqy","value":30,"unit":"nm"}]})" << "\n";
    f << R"({"target":"D","materials":[{"name":"Se","amount_value":2,"amount_unit":"mg"}]})" << "\n";
  }
  CHECK(run(bin + " add" + db + " --json " + quote(tmp.path / "bad.jsonl") + " --curator rev", &out) == 1);
  CHECK(out.find("bad.jsonl:1: materials[0]: amount_unit \"furlongs\"") != std::string::npos);
  CHECK(out.find("bad.jsonl:2: steps[0]: operation must be one of") != std::string::npos);
  CHECK(out.find("bad.jsonl:3: outcomes[0]: unit of a plqy outcome \"nm\"") != std::string::npos);
  db::Database d(dbfile);
  CHECK(one(d, "SELECT count(*) FROM syntheses WHERE target IN ('A', 'B', 'C')") == "0");
  CHECK(one(d, "SELECT amount_value || ' ' || amount_unit FROM synthesis_materials m JOIN syntheses s "
               "ON s.id = m.synthesis_id WHERE s.target = 'D'") == "0.002 g");
}

TEST_CASE("plain-SQL curation is checked by the schema v5 triggers - an old database upgrades keeping its edits") {
  TempDir tmp;
  const fs::path path = tmp.path / "old.db";
  const std::string sha = sha_of(43);
  const std::string key = records::make_key(sha, 1, 0);
  const auto& all = db::builtin_migrations();
  REQUIRE(all.size() >= 5);
  REQUIRE(all[4].name.find("curation_checks") != std::string::npos);
  {
    // A database as main d6817d2 left it (schema v3), with an edit no longer accepted.
    db::Database d(path, db::OpenOptions{.migrate = false});
    std::vector<db::Migration> v3(all.begin(), all.begin() + 3);
    db::migrate(d, v3);
    REQUIRE(d.schema_version() == 3);
    ingest_at_old_schema(d, make_doc(sha, "Old"));
    d.prepare("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
              "VALUES ('syntheses', ?, 'status', 'success', 'banana', 'alice', 'x', '2026-01-01T00:00:00Z')")
        .bind(1, key)
        .run();
    db::set_field(d, key, "target", "CdSe/CdS", "alice", "SI");
  }
  db::Database d(path);  // migrates to the newest version
  CHECK(d.schema_version() == db::latest_schema_version());
  CHECK(one(d, "SELECT count(*) FROM curation") == "2");  // nothing lost
  CHECK(one(d, "SELECT count(*) FROM curation WHERE new_value = 'banana'") == "1");
  CHECK(one(d, "SELECT target FROM synthesis_wide WHERE key = ?", key) == "CdSe/CdS");

  auto insert = [&](const std::string& table, const std::string& field, const std::string& value) -> std::string {
    // A key of a row of `table` (schema v12 refuses a key that names no record).
    const std::string target =
        table == "syntheses" ? key
                             : one(d, "SELECT min(x.item_key) FROM " + table +
                                          " x JOIN syntheses s ON s.id = x.synthesis_id WHERE s.key = ?", key);
    try {
      d.prepare("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
                "VALUES (?, ?, ?, NULL, ?, 'alice', 'x', '2026-01-01T00:00:00Z')")
          .bind(1, table)
          .bind(2, target)
          .bind(3, field)
          .bind(4, value)
          .run();
    } catch (const DbError& e) {
      return e.what();
    }
    return "ok";
  };
  CHECK(insert("syntheses", "status", "banana").find("curation: status must be success, failed or unknown") !=
        std::string::npos);
  CHECK(insert("syntheses", "growth_temperature_c", "hot").find("needs a number") != std::string::npos);
  CHECK(insert("syntheses", "growth_temperature_c", "-300").find("absolute zero") != std::string::npos);
  CHECK(insert("syntheses", "confidence", "5").find("between 0 and 1") != std::string::npos);
  CHECK(insert("syntheses", "colour", "red").find("not an editable field") != std::string::npos);
  CHECK(insert("synthesis_materials", "amount_unit", "mmol").find("canonical unit") != std::string::npos);
  CHECK(insert("synthesis_materials", "role", "catalyst").find("role must be") != std::string::npos);
  CHECK(insert("synthesis_steps", "operation", "teleport").find("operation must be") != std::string::npos);
  CHECK(insert("outcomes", "unit", "angstrom").find("outcome unit must be") != std::string::npos);
  CHECK(insert("outcomes", "type", "colour").find("outcome type must be") != std::string::npos);
  // What curate set accepts, plain SQL may write too.
  CHECK(insert("syntheses", "status", "failed") == "ok");
  CHECK(insert("syntheses", "growth_temperature_c", "-12.5e1") == "ok");
  CHECK(insert("syntheses", "growth_time_s", "") == "ok");
  CHECK(insert("synthesis_materials", "amount_unit", "mol/L") == "ok");
  CHECK(insert("outcomes", "unit", "meV") == "ok");
  // A copy ingest makes of an existing edit (v4 carried_from) is not checked again.
  d.exec("INSERT INTO curation(target_table, target_key, field, new_value, curator, reason, at, carried_from) "
         "VALUES ('syntheses', 'x-p1-v0', 'status', 'banana', 'alice', 'x', '2026-01-01T00:00:00Z', 1)");
  // An UPDATE that would make a row invalid is refused too; flagging still works.
  CHECK_THROWS_AS(d.exec("UPDATE curation SET new_value = 'banana' WHERE field = 'status' AND new_value = 'failed'"),
                  DbError);
  d.exec("UPDATE curation SET flagged = 1");
  CHECK(one(d, "SELECT status FROM synthesis_wide WHERE key = ?", key) == "failed");
}

TEST_CASE("an unknown curate key names nearby keys - an unknown field lists the editable ones (review 18a P18)") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  const std::string sha = sha_of(44);
  ingest(d, make_doc(sha, "Keys"));
  const std::string key = records::make_key(sha, 1, 0);
  std::string e = usage_error([&] { db::set_field(d, key + "x", "status", "failed", "rev", "t"); });
  CHECK(e.find("no record or item with key") != std::string::npos);
  CHECK(e.find("nearby record keys: " + key) != std::string::npos);
  e = usage_error([&] { db::set_field(d, key, "colour", "red", "rev", "t"); });
  CHECK(e.find("editable fields: target, target_formula") != std::string::npos);
  // A mistyped item key: the item keys of its own document, of every item table (s27: outcome keys
  // were missing, and material keys of another document were named).
  const std::string other = sha_of(45);
  ingest(d, make_doc(other, "Other"));
  auto item_keys = [&](const std::string& doc) {
    std::vector<std::string> out;
    auto st = d.prepare("SELECT item_key FROM synthesis_materials WHERE item_key LIKE ?1 UNION ALL "
                        "SELECT item_key FROM synthesis_steps WHERE item_key LIKE ?1 UNION ALL "
                        "SELECT item_key FROM outcomes WHERE item_key LIKE ?1");
    st.bind(1, doc + ":%");
    while (st.step()) out.push_back(st.column_text(0));
    return out;
  };
  const auto mine = item_keys(sha);
  REQUIRE(!mine.empty());
  REQUIRE(!item_keys(other).empty());
  e = usage_error([&] { db::set_field(d, sha + ":p99:1-2", "value", "4.5", "rev", "t"); });
  CHECK(e.find("nearby item keys: ") != std::string::npos);
  CHECK(e.find(other) == std::string::npos);
  bool names_mine = false;
  for (const auto& k : mine) names_mine |= e.find(k) != std::string::npos;
  CHECK(names_mine);
}

TEST_CASE("a refused unit lists one spelling per unit, not the PDF misreads of units.tsv (s19-prod)") {
  const db::UnitTable units = db::UnitTable::load();
  // The items after "accepted: ".
  auto accepted = [](const std::string& e) {
    std::set<std::string> out;
    const size_t at = e.find("accepted: ");
    REQUIRE(at != std::string::npos);
    std::string rest = e.substr(at + 10);
    for (size_t i = 0; i <= rest.size();) {
      const size_t j = std::min(rest.find(", ", i), rest.size());
      out.insert(rest.substr(i, j - i));
      i = j + 2;
    }
    return out;
  };
  auto amount = accepted(usage_error([&] { db::convert_amount(units, "furlongs", 1.0, ""); }));
  for (const char* u : {"g", "mg", "mL", "L", "mol", "mmol", "M", "mM", "mol/L", "%", "g/L", "ratio"})
    CHECK_MESSAGE(amount.count(u) == 1, u);
  for (const char* u : {"lL", "lg", "lmol", "lM", "ml", "mole", "cm3", "wt%"}) CHECK_MESSAGE(amount.count(u) == 0, u);
  // Every listed spelling is one a curator can type back: it converts.
  for (const std::string& u : amount) CHECK_NOTHROW(db::convert_amount(units, u, 1.0, ""));
  auto size = accepted(usage_error([&] { db::convert_outcome(units, "size", "meV", 1.0, std::nullopt, ""); }));
  CHECK(size.count("nm") == 1);
  CHECK(size.count("Å") == 1);
  for (const char* u : {"lm", "˚A", "A ˚", "nanometers", "microns"}) CHECK_MESSAGE(size.count(u) == 0, u);
  auto temp = accepted(usage_error([&] { db::convert_with_unit(units, "growth_temperature_c", "300 mL"); }));
  CHECK(temp == std::set<std::string>{"°C", "K"});
}
