// Export and friendly views (acceptance review, session 5): one snapshot while ingest writes, views
// that apply row-level edits like the export, splits by paper, valid UTF-8 only, stable row order,
// input validation, stale files, derived amounts.
#include <atomic>
#include <cmath>
#include <thread>
#include <tuple>

#include "db/migrate.h"
#include "extract/core/utf8.h"

#include "tests/records/fixture.h"

using namespace records_fixture;

namespace {

// A database of `n` manual records (one material row each) written with plain SQL: fast enough for
// a export large enough to use the parallel formatter.
void fill(db::Database& d, int n) {
  db::Transaction tx(d);
  d.exec("CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY);"
         "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < " + std::to_string(n) +
         ") INSERT INTO seq SELECT i FROM c;"
         "INSERT INTO syntheses(id, key, origin, target, status, confidence, created_at) "
         "  SELECT i + 1, printf('manual-%08d', i), 'manual', 'CdSe', 'success', 0.9, '2026-01-01T00:00:00Z' FROM seq;"
         "INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, name, role) "
         "  SELECT i + 1, 0, printf('manual-%08d#m0', i), 'CdO', 'precursor' FROM seq;"
         "DROP TABLE seq;");
  tx.commit();
}

int64_t count_rows(const fs::path& csv) {
  std::ifstream in(csv, std::ios::binary);
  std::string line;
  int64_t n = -1;  // header
  while (std::getline(in, line)) ++n;
  return n;
}

}  // namespace

TEST_CASE("export reads one consistent snapshot while a writer commits (parallel formatting)") {
  TempDir tmp;
  const fs::path file = tmp.path / "r.db";
  constexpr int kRecords = 30000;
  {
    db::Database d(file);
    fill(d, kRecords);
  }
  // The writer moves records: each transaction deletes the K oldest and inserts K new ones, so every
  // committed state holds exactly kRecords records (and material rows).
  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    db::Database w(file);
    int next = kRecords;
    constexpr int kMove = 50;
    while (!stop) {
      db::Transaction tx(w);
      w.exec("DELETE FROM syntheses WHERE id IN (SELECT id FROM syntheses ORDER BY id LIMIT " +
             std::to_string(kMove) + ")");
      for (int k = 0; k < kMove; ++k, ++next) {
        char key[32];
        std::snprintf(key, sizeof key, "manual-%08d", next);
        w.prepare("INSERT INTO syntheses(key, origin, target, status, confidence, created_at) "
                  "VALUES (?, 'manual', 'PbS', 'success', 0.9, '2026-01-01T00:00:00Z')")
            .bind(1, std::string(key))
            .run();
        w.prepare("INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, name, role) "
                  "VALUES (?, 0, ?, 'PbO', 'precursor')")
            .bind(1, w.last_insert_rowid())
            .bind(2, std::string(key) + "#m0")
            .run();
      }
      tx.commit();
      ++commits;
    }
  });
  int exports = 0;
  for (const char* name : {"e0", "e1", "e2", "e3"}) {
    ++exports;
    db::Database d(file);
    db::ExportOptions eo;
    eo.out_dir = tmp.path / name;
    eo.threads = 2;
    auto s = db::export_dataset(d, eo);
    CHECK(s.syntheses == kRecords);
    CHECK(s.materials == kRecords);
    CHECK(count_rows(eo.out_dir / "syntheses.csv") == kRecords);
    CHECK(count_rows(eo.out_dir / "materials.csv") == kRecords);
  }
  stop = true;
  writer.join();
  MESSAGE("writer commits during " << exports << " exports: " << commits.load());
  CHECK(commits.load() > 0);
}

TEST_CASE("export row order follows stable keys: the same documents ingested in another order give the same bytes") {
  TempDir tmp;
  const fs::path a = tmp.path / "a.db", b = tmp.path / "b.db";
  {
    db::Database da(a), dbb(b);
    for (int i = 0; i < 12; ++i) ingest(da, make_doc(sha_of(200 + i), "Paper", true, 250 + i));
    for (int i = 11; i >= 0; --i) ingest(dbb, make_doc(sha_of(200 + i), "Paper", true, 250 + i));
  }
  const std::string bin = SYNTHDB_BINARY;
  for (const auto& [file, out] : {std::pair{a, tmp.path / "ea"}, std::pair{b, tmp.path / "eb"}})
    REQUIRE(run(bin + " export --db " + quote(file) + " --out " + quote(out) + " --split 0.5,0.5 --seed 3") == 0);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}) {
    INFO(f);
    CHECK(read_all(tmp.path / "ea" / f) == read_all(tmp.path / "eb" / f));
  }
  // Several reader threads write the same bytes as one.
  db::Database d(b);
  db::ExportOptions eo;
  eo.out_dir = tmp.path / "threads";
  eo.threads = 3;
  eo.split = {0.5, 0.5};
  eo.seed = 3;
  db::export_dataset(d, eo);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"})
    CHECK(read_all(tmp.path / "ea" / f) == read_all(eo.out_dir / f));
}

namespace {

std::set<std::string> split_names(const std::string& s, const std::string& sep) {
  std::set<std::string> out;
  size_t pos = 0;
  while (!s.empty() && pos <= s.size()) {
    size_t next = s.find(sep, pos);
    out.insert(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
    if (next == std::string::npos) break;
    pos = next + sep.size();
  }
  return out;
}

// synthesis_wide's value of `column` for `key`, "NULL" for SQL NULL, "(no row)" when there is none.
std::string wide(db::Database& d, const std::string& key, const std::string& column) {
  auto st = d.prepare("SELECT " + column + " FROM synthesis_wide WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return "(no row)";
  auto v = st.column_optional_text(0);
  return v ? *v : "NULL";
}

// Checks that synthesis_wide / synthesis_provenance and a fresh export agree on record `key`.
void check_view_matches_export(db::Database& d, const fs::path& out, const std::string& key) {
  db::ExportOptions eo;
  eo.out_dir = out;
  db::export_dataset(d, eo);
  std::map<std::string, std::string> row;
  for (auto& r : read_csv_file(out / "syntheses.csv"))
    if (r["synthesis_id"] == key) row = r;
  if (row.empty()) {
    CHECK(wide(d, key, "key") == "(no row)");
    CHECK(one(d, "SELECT count(*) FROM synthesis_provenance WHERE synthesis_key = ?", key) == "0");
    return;
  }
  auto num_eq = [&](const std::string& view_col, const std::string& csv_col) {
    INFO(view_col);
    const std::string v = wide(d, key, view_col);
    if (row[csv_col].empty()) {
      CHECK(v == "NULL");
    } else {
      REQUIRE(v != "NULL");
      CHECK(std::stod(v) == doctest::Approx(std::stod(row[csv_col])));
    }
  };
  for (const char* c : {"injection_temperature_c", "growth_temperature_c", "growth_time_s", "reaction_temperature_c",
                        "reaction_time_s", "size_nm", "confidence"})
    num_eq(c, c);
  CHECK(wide(d, key, "curated") == row["curated"]);
  CHECK(wide(d, key, "target") == (row["target"].empty() ? "NULL" : row["target"]));
  CHECK(split_names(wide(d, key, "ligands") == "NULL" ? "" : wide(d, key, "ligands"), "; ") ==
        split_names(row["ligand_names"], ";"));
  CHECK(split_names(wide(d, key, "solvents") == "NULL" ? "" : wide(d, key, "solvents"), "; ") ==
        split_names(row["solvent_names"], ";"));
  CHECK(split_names(wide(d, key, "precursors") == "NULL" ? "" : wide(d, key, "precursors"), "; ") ==
        split_names(row["precursor_names"], ";"));
  // Provenance: material rows and roles as in materials.csv; outcome values as in outcomes.csv.
  std::set<std::string> view_mats, csv_mats, view_outs, csv_outs;
  auto st = d.prepare("SELECT item, item_key, field, value FROM synthesis_provenance WHERE synthesis_key = ? "
                      "AND item IN ('material', 'outcome')");
  st.bind(1, key);
  while (st.step()) {
    std::string v = st.column_text(3);
    if (st.column_text(0) == "outcome" && !v.empty() && (std::isdigit(static_cast<unsigned char>(v[0])) != 0))
      v = std::to_string(std::stod(v));
    (st.column_text(0) == "material" ? view_mats : view_outs).insert(st.column_text(1) + "|" + st.column_text(2) + "|" + v);
  }
  for (auto& m : read_csv_file(out / "materials.csv"))
    if (m["synthesis_id"] == key)
      csv_mats.insert(m["item_key"] + "|" + m["role"] + "|" + (m["normalized"].empty() ? m["name"] : m["normalized"]));
  for (auto& m : read_csv_file(out / "outcomes.csv"))
    if (m["synthesis_id"] == key)
      csv_outs.insert(m["item_key"] + "|" + m["type"] + "|" +
                      (m["value"].empty() ? m["text_value"] : std::to_string(std::stod(m["value"]))));
  CHECK(view_mats == csv_mats);
  CHECK(view_outs == csv_outs);
}

}  // namespace

TEST_CASE("synthesis_wide and synthesis_provenance apply row-level edits exactly like the export") {
  TempDir tmp;
  const fs::path file = tmp.path / "c.db";
  const std::string sha = sha_of(300);
  const std::string key = records::make_key(sha, 1, 0);
  {
    // Built as a schema v2 database (the old views), then opened normally: the migration replaces them.
    db::OpenOptions old;
    old.migrate = false;
    db::Database d(file, old);
    std::vector<db::Migration> v2(db::builtin_migrations().begin(), db::builtin_migrations().begin() + 2);
    db::migrate(d, v2);
    REQUIRE(d.schema_version() == 2);
    ingest_at_old_schema(d, make_doc(sha, "Paper"));
  }
  db::Database d(file);
  CHECK(d.schema_version() == db::latest_schema_version());
  const fs::path out = tmp.path / "out";
  check_view_matches_export(d, out, key);
  const std::string oleic = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'oleic acid'");
  const std::string cdo = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'cadmium oxide'");
  const std::string size = one(d, "SELECT item_key FROM outcomes WHERE type = 'size'");
  auto edit = [&](auto&& f) {
    db::Transaction tx(d);
    f();
    tx.commit();
  };
  SUBCASE("role change") {
    edit([&] { db::set_field(d, oleic, "role", "solvent", "a", "r"); });
    CHECK(wide(d, key, "ligands") == "NULL");
    CHECK(wide(d, key, "curated") == "1");
    CHECK(one(d, "SELECT field FROM synthesis_provenance WHERE item = 'material' AND item_key = ?", oleic) == "solvent");
    check_view_matches_export(d, out, key);
  }
  SUBCASE("deleted row") {
    edit([&] { db::delete_record(d, cdo, "a", "r"); });
    CHECK(wide(d, key, "precursors") == "NULL");
    CHECK(one(d, "SELECT count(*) FROM synthesis_provenance WHERE item_key = ?", cdo) == "0");
    check_view_matches_export(d, out, key);
  }
  SUBCASE("blanked value is NULL, not 0.0") {
    edit([&] { db::set_field(d, key, "growth_temperature_c", "", "a", "r"); });
    CHECK(wide(d, key, "growth_temperature_c") == "NULL");
    check_view_matches_export(d, out, key);
  }
  SUBCASE("edited outcome value") {
    edit([&] { db::set_field(d, size, "value", "9.5", "a", "r"); });
    CHECK(wide(d, key, "size_nm") == "9.5");
    CHECK(wide(d, key, "curated") == "1");
    check_view_matches_export(d, out, key);
  }
  SUBCASE("deleted record") {
    edit([&] { db::delete_record(d, key, "a", "r"); });
    CHECK(one(d, "SELECT count(*) FROM synthesis_provenance") == "0");
    check_view_matches_export(d, out, key);
  }
}

TEST_CASE("splits are by paper: one DOI in two files never spans two splits - superseded file versions are left out") {
  TempDir tmp;
  const fs::path file = tmp.path / "p.db";
  const std::string a = sha_of(400), b = sha_of(401), v1 = sha_of(402), v2 = sha_of(403);
  {
    db::Database d(file);
    // The same paper as two files (e.g. a publisher copy and a preprint with the same DOI). Their
    // texts differ (a heading reworded): with the same texts they would be one paper's duplicate
    // copies (view duplicate_parts, DOIs compared without case since schema v21), one left out.
    auto da = make_doc(a, "Paper A"), dbb = make_doc(b, "Paper A (copy)");
    da.meta.doi = "10.5555/jcns.2024.0117";
    dbb.meta.doi = "10.5555/JCNS.2024.0117";  // DOIs are case-insensitive
    dbb.paragraphs[0].paragraph.text = dbb.paragraphs[0].paragraph.section = "Synthesis of the CdSe nanocrystals";
    ingest(d, da);
    ingest(d, dbb);
    for (int i = 0; i < 10; ++i) ingest(d, make_doc(sha_of(410 + i), "Other"));
    // A file edited in place: same path, new content; the old version stays in the database.
    auto d1 = make_doc(v1, "Edited v1"), d2 = make_doc(v2, "Edited v2");
    d1.path = d2.path = "/papers/edited.pdf";
    d1.meta.doi = d2.meta.doi = "";
    ingest(d, d1);
    ingest(d, d2);
  }
  db::Database d(file);
  const std::string key_a = records::make_key(a, 1, 0), key_b = records::make_key(b, 1, 0);
  std::set<std::string> splits_seen;
  for (uint64_t seed = 0; seed < 12; ++seed) {
    db::ExportOptions eo;
    eo.out_dir = tmp.path / "out";
    eo.split = {0.5, 0.5};
    eo.seed = seed;
    auto s = db::export_dataset(d, eo);
    CHECK(s.syntheses == 13);  // 2 + 10 + the current version only
    std::map<std::string, std::string> split;
    std::set<std::string> keys;
    for (auto& r : read_csv_file(eo.out_dir / "syntheses.csv")) {
      split[r["synthesis_id"]] = r["split"];
      keys.insert(r["synthesis_id"]);
    }
    REQUIRE(split.count(key_a));
    CHECK(split[key_a] == split[key_b]);
    splits_seen.insert(split[key_a]);
    CHECK(keys.count(records::make_key(v2, 1, 0)) == 1);
    CHECK(keys.count(records::make_key(v1, 1, 0)) == 0);
    auto ds = nlohmann::json::parse(read_all(eo.out_dir / "dataset.json"));
    CHECK(ds["split"]["by"] == "paper");
    CHECK(ds["counts"]["superseded_documents_left_out"] == 1);
  }
  CHECK(splits_seen.size() == 2);  // the seeds do move the paper
}

namespace {

bool valid_utf8_file(const fs::path& p) {
  const std::string s = read_all(p);
  return valid_utf8(s);
}

}  // namespace

TEST_CASE("invalid UTF-8 never reaches the export: rejected by curate and add - sanitised on export") {
  TempDir tmp;
  const fs::path file = tmp.path / "u.db";
  const std::string sha = sha_of(500);
  const std::string key = records::make_key(sha, 1, 0);
  {
    db::Database d(file);
    ingest(d, make_doc(sha, "Paper"));
  }
  const std::string bin = SYNTHDB_BINARY;
  const std::string bad = "bad\xff" "name";
  std::string out;
  CHECK(run(bin + " curate --db " + quote(file) + " set " + key + " target " + quote(bad) + " --curator a --reason b",
            &out) == 2);
  CHECK(out.find("not valid UTF-8") != std::string::npos);
  CHECK(run(bin + " curate --db " + quote(file) + " set " + key + " target ok --curator " + quote(bad) +
                " --reason b", &out) == 2);
  CHECK(run(bin + " curate --db " + quote(file) + " delete " + key + " --curator a --reason " + quote(bad), &out) == 2);
  {
    std::ofstream(tmp.path / "m.json") << R"({"target":"PbS","status":"failed"})";
  }
  CHECK(run(bin + " add --db " + quote(file) + " --json " + quote(tmp.path / "m.json") + " --curator a --source " +
                quote(bad), &out) == 1);
  CHECK(out.find("not valid UTF-8") != std::string::npos);
  // Plain SQL can still store anything: the export replaces invalid bytes (U+FFFD), CSV and JSONL.
  {
    db::Database d(file);
    d.prepare("INSERT INTO curation(target_table, target_key, field, new_value, curator, reason, at) "
              "VALUES ('syntheses', ?, 'target', ?, 'sql', '', '2026-01-01T00:00:00Z')")
        .bind(1, key)
        .bind(2, bad)
        .run();
    d.prepare("UPDATE documents SET title = ?").bind(1, "T\xc3\x28itle").run();
  }
  REQUIRE(run(bin + " export --db " + quote(file) + " --out " + quote(tmp.path / "e")) == 0);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv", "dataset.json"})
    CHECK_MESSAGE(valid_utf8_file(tmp.path / "e" / f), f);
  CHECK(read_all(tmp.path / "e" / "syntheses.csv").find("bad\xef\xbf\xbdname") != std::string::npos);
  REQUIRE(run(bin + " export --db " + quote(file) + " --out " + quote(tmp.path / "j") + " --format jsonl") == 0);
  CHECK(valid_utf8_file(tmp.path / "j" / "syntheses.jsonl"));
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // surrogate
  CHECK_FALSE(valid_utf8("\xc0\xaf"));      // overlong
  CHECK(valid_utf8("300 \xc2\xb0" "C \xf0\x9f\x98\x80"));
}

TEST_CASE("validation: add and curate set refuse bad roles - types - confidences - numbers - parents") {
  TempDir tmp;
  const fs::path file = tmp.path / "v.db";
  const std::string sha = sha_of(600);
  const std::string key = records::make_key(sha, 1, 0);
  db::Database d(file);
  ingest(d, make_doc(sha, "Paper"));
  const std::string size = one(d, "SELECT item_key FROM outcomes WHERE type = 'size'");
  const std::string step = one(d, "SELECT item_key FROM synthesis_steps WHERE temperature_c IS NOT NULL");
  for (const auto& [k, field, value] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {key, "confidence", "5"},          {key, "confidence", "-0.1"},   {key, "reaction_time_s", "-60"},
           {key, "reaction_time_s", "nan"},   {key, "growth_temperature_c", "-1000"},
           {key, "injection_time_s", "inf"},  {key, "parent_key", "nowhere"}, {key, "parent_key", key},
           {size, "type", "weird"},           {size, "sd", "-1"},            {step, "time_s", "-1"}}) {
    INFO(field << " = " << value);
    CHECK_THROWS_AS(db::set_field(d, k, field, value, "a", "r"), UsageError);
  }
  CHECK_NOTHROW(db::set_field(d, key, "confidence", "0.5", "a", "r"));
  CHECK_NOTHROW(db::set_field(d, key, "reaction_time_s", "", "a", "r"));  // blanking stays allowed
  CHECK_NOTHROW(db::set_field(d, key, "growth_temperature_c", "-10", "a", "r"));
  auto add = [&](const std::string& json) {
    records::Synthesis s = nlohmann::json::parse(json).get<records::Synthesis>();
    db::add_manual_synthesis(d, s, "", "a", "r");
  };
  CHECK_THROWS_AS(add(R"({"target":"X","materials":[{"name":"a","role":"bogus"}]})"), UsageError);
  CHECK_THROWS_AS(add(R"({"target":"X","outcomes":[{"type":"weird","value":1}]})"), UsageError);
  CHECK_THROWS_AS(add(R"({"target":"X","confidence":7})"), UsageError);
  CHECK_THROWS_AS(add(R"({"target":"X","reaction_temperature_c":-1000})"), UsageError);
  CHECK_THROWS_AS(add(R"({"target":"X","steps":[{"operation":"heating","time_s":-5}]})"), UsageError);
  CHECK_THROWS_AS(add(R"({"target":"X","parent_key":"nowhere"})"), UsageError);
  CHECK_NOTHROW(add(R"({"target":"X","parent_key":")" + key + R"(","materials":[{"name":"a","role":"ligand"}]})"));
}

TEST_CASE("export replaces its own files when the format changes - seed -1 refused") {
  TempDir tmp;
  const fs::path file = tmp.path / "f.db";
  {
    db::Database d(file);
    ingest(d, make_doc(sha_of(700), "Paper"));
  }
  const std::string bin = SYNTHDB_BINARY, out = quote(tmp.path / "fm");
  REQUIRE(run(bin + " export --db " + quote(file) + " --out " + out) == 0);
  CHECK(fs::exists(tmp.path / "fm" / "syntheses.csv"));
  REQUIRE(run(bin + " export --db " + quote(file) + " --out " + out + " --format jsonl --status failed") == 0);
  CHECK(fs::exists(tmp.path / "fm" / "syntheses.jsonl"));
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}) CHECK_FALSE(fs::exists(tmp.path / "fm" / f));
  REQUIRE(run(bin + " export --db " + quote(file) + " --out " + out) == 0);
  CHECK_FALSE(fs::exists(tmp.path / "fm" / "syntheses.jsonl"));
  std::string log;
  CHECK(run(bin + " export --db " + quote(file) + " --out " + out + " --split 0.5,0.5 --seed -1", &log) == 2);
  CHECK(log.find("--seed") != std::string::npos);
  CHECK(run(bin + " export --db " + quote(file) + " --out " + out + " --split 0.5,0.5 --seed 18") == 0);
}

TEST_CASE("an edited amount updates the derived moles - precursor moles and molar ratios in the export") {
  TempDir tmp;
  const fs::path file = tmp.path / "a.db";
  const std::string sha = sha_of(800);
  const std::string key = records::make_key(sha, 1, 0);
  db::Database d(file);
  ingest(d, make_doc(sha, "Paper"));
  const std::string cdo = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'cadmium oxide'");
  const std::string oleic = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'oleic acid'");
  {
    db::Transaction tx(d);
    db::set_field(d, cdo, "amount_value", "0.0004", "a", "SI gives 0.4 mmol");
    tx.commit();
  }
  db::ExportOptions eo;
  eo.out_dir = tmp.path / "out";
  db::export_dataset(d, eo);
  auto rows = read_csv_file(eo.out_dir / "syntheses.csv");
  REQUIRE(rows.size() == 1);
  CHECK(std::stod(rows[0]["precursor1_amount_value"]) == doctest::Approx(0.0004));
  CHECK(std::stod(rows[0]["precursor1_moles_mol"]) == doctest::Approx(0.0004));
  CHECK(std::stod(rows[0]["precursor_moles_mol"]) == doctest::Approx(0.0004));
  CHECK(std::stod(rows[0]["ligand_molar_ratio"]) == doctest::Approx(2.0));  // 0.8 mmol / 0.4 mmol
  for (auto& m : read_csv_file(eo.out_dir / "materials.csv")) {
    if (m["item_key"] == cdo) CHECK(std::stod(m["moles_mol"]) == doctest::Approx(0.0004));
    if (m["item_key"] == oleic) CHECK(std::stod(m["molar_ratio"]) == doctest::Approx(2.0));
  }
  // A curated ratio is kept as the curator set it.
  {
    db::Transaction tx(d);
    db::set_field(d, oleic, "molar_ratio", "3", "a", "r");
    tx.commit();
  }
  db::export_dataset(d, eo);
  for (auto& m : read_csv_file(eo.out_dir / "materials.csv"))
    if (m["item_key"] == oleic) CHECK(m["molar_ratio"] == "3");
}
