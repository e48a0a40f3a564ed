// s22-views (review s21 findings 5, 6 and the follow rule written twice): the SQL views a curator
// queries with sqlite3 hold what `synthdb export` writes, on a real database that `synthdb ingest`
// built from corpus-samples plus byte-different copies of its papers (same DOI, same paragraphs).
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

using Keys = std::multiset<std::pair<std::string, std::string>>;

// (synthesis_id, item_key) of every row of an export file; item_key "" for syntheses.csv.
Keys csv_keys(const fs::path& file) {
  Keys out;
  for (const auto& row : read_csv_file(file)) out.emplace(row.at("synthesis_id"), row.count("item_key") ? row.at("item_key") : "");
  return out;
}

// (synthesis_key, item_key) of every row of a view.
Keys view_keys(const std::string& db, const std::string& view) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
  const bool items = view != "synthesis_wide" && view != "curated_syntheses";
  auto st = d.prepare("SELECT synthesis_key, " + std::string(items ? "item_key" : "''") + " FROM " + view);
  Keys out;
  while (st.step()) out.emplace(st.column_text(0), st.column_text(1));
  return out;
}

void export_to(const std::string& db, const fs::path& out, bool keep_duplicates = false) {
  std::vector<std::string> args = {"export", "--db", db, "--out", out.string()};
  if (keep_duplicates) args.push_back("--keep-duplicates");
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// Every view where a synthesis row appears lists exactly the rows of the export, by the CSV's key.
void views_list_the_export(const std::string& db, const fs::path& ex) {
  const Keys syn = csv_keys(ex / "syntheses.csv");
  CHECK(view_keys(db, "synthesis_wide") == syn);
  CHECK(view_keys(db, "curated_syntheses") == syn);
  CHECK(view_keys(db, "curated_materials") == csv_keys(ex / "materials.csv"));
  CHECK(view_keys(db, "curated_steps") == csv_keys(ex / "steps.csv"));
  CHECK(view_keys(db, "curated_outcomes") == csv_keys(ex / "outcomes.csv"));
  // synthesis_provenance: the same records (those with a value read from the text).
  Keys prov;
  for (const auto& k : view_keys(db, "synthesis_provenance")) prov.emplace(k.first, "");
  for (const auto& k : prov) CHECK(syn.count(k) == 1);
  CHECK(query_int(db, "SELECT count(DISTINCT synthesis_key) FROM synthesis_provenance") > 0);
}

// corpus-samples, a copy of the ZnSe paper with other bytes and a copy of every sample PDF.
struct Corpus {
  TempDir dir;
  std::string db;
  Corpus() {
    copy_samples(dir / "in", false);
    { std::ofstream(dir / "in" / "znse-copy.txt", std::ios::binary) << read_all(dir / "in" / "znse-nanocrystals.txt") << "\n\n"; }
    make_pdf_variants(dir / "in" / "copies", 1);
    db = (dir / "c.db").string();
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", db});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("s22 views: the views leave out duplicate copies as export does, and carry the CSV's synthesis key") {
  Corpus c;
  const long long dups = query_int(c.db, "SELECT count(*) FROM duplicate_documents");
  REQUIRE(dups >= 2);  // the ZnSe copy and the PDF copies with a DOI
  const fs::path ex = c.dir / "ex";
  export_to(c.db, ex);
  {
    std::ifstream in(ex / "dataset.json");
    const auto ds = nlohmann::json::parse(in);
    // The same copies, with the same copy kept, as the export reports.
    std::set<std::pair<std::string, std::string>> left_out;
    for (const auto& d : ds["duplicate_documents_left_out"]) left_out.emplace(d["sha256"], d["kept_sha256"]);
    std::set<std::pair<std::string, std::string>> view;
    synthdb::db::Database d(c.db, synthdb::db::OpenOptions{.migrate = false, .read_only = true});
    auto st = d.prepare("SELECT sha256, duplicate_of_sha256 FROM duplicate_documents");
    while (st.step()) view.emplace(st.column_text(0), st.column_text(1));
    CHECK(view == left_out);
    CHECK(static_cast<long long>(left_out.size()) == dups);
  }
  views_list_the_export(c.db, ex);
  // synthesis_wide.synthesis_key is the CSV's synthesis_id; synthesis_id stays the row id.
  CHECK(query_int(c.db, "SELECT count(*) FROM synthesis_wide w JOIN syntheses s ON s.id = w.synthesis_id "
                        "WHERE s.key <> w.synthesis_key OR w.key <> w.synthesis_key") == 0);
  // The copies' records are in the database, not in the views: --keep-duplicates exports them too.
  const long long copies_records = query_int(
      c.db, "SELECT count(*) FROM syntheses WHERE document_id IN (SELECT id FROM duplicate_documents)");
  REQUIRE(copies_records > 0);
  export_to(c.db, c.dir / "all", true);
  CHECK(static_cast<long long>(read_csv_file(c.dir / "all" / "syntheses.csv").size()) ==
        query_int(c.db, "SELECT count(*) FROM synthesis_wide") + copies_records);

  // A curator edits a record of a left-out copy: that copy becomes the one exported, in the views too.
  const std::string copy_sha = query_text(c.db, "SELECT sha256 FROM duplicate_documents WHERE path LIKE '%znse%'");
  const std::string first_sha = query_text(c.db, "SELECT duplicate_of_sha256 FROM duplicate_documents WHERE path LIKE '%znse%'");
  REQUIRE(!copy_sha.empty());
  const std::string key = query_text(c.db, "SELECT key FROM syntheses WHERE key LIKE '" + copy_sha.substr(0, 16) + "-p%' ORDER BY key LIMIT 1");
  REQUIRE(run_cli({"curate", "--db", c.db, "set", key, "status", "failed", "--curator", "alice", "--reason", "test"}).exit_code == 0);
  CHECK(query_text(c.db, "SELECT duplicate_of_sha256 FROM duplicate_documents WHERE sha256 = '" + first_sha + "'") == copy_sha);
  CHECK(query_text(c.db, "SELECT status FROM synthesis_wide WHERE synthesis_key = '" + key + "'") == "failed");
  export_to(c.db, c.dir / "ex2");
  views_list_the_export(c.db, c.dir / "ex2");
}

TEST_CASE("s22 views: the follow rule of the views (SQL) and of export (C++) agree on every corpus-samples record") {
  Corpus c;
  // Edits written as a curator may write them in SQL (the triggers check them like `curate set`).
  auto edit = [&](const std::string& sql) {
    synthdb::db::Database d(c.db, synthdb::db::OpenOptions{.migrate = false});
    d.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) " + sql);
  };
  const std::string who = ", 'alice', 'follow rule', '2026-11-28T00:00:00Z'";
  // Every second step's temperature and time; every fifth step becomes a degassing (takes no part
  // unless it supplied the condition).
  edit("SELECT DISTINCT 'synthesis_steps', item_key, 'temperature_c', temperature_c, printf('%.10g', temperature_c + 5)" +
       who + " FROM synthesis_steps WHERE temperature_c IS NOT NULL AND id % 2 = 0");
  edit("SELECT DISTINCT 'synthesis_steps', item_key, 'time_s', time_s, printf('%.10g', time_s + 60)" + who +
       " FROM synthesis_steps WHERE time_s IS NOT NULL AND id % 2 = 0");
  edit("SELECT DISTINCT 'synthesis_steps', item_key, 'operation', operation, 'degassing'" + who +
       " FROM synthesis_steps WHERE id % 5 = 0");
  REQUIRE(query_int(c.db, "SELECT count(*) FROM curation") > 20);
  export_to(c.db, c.dir / "ex1");
  views_agree_with_export(c.db, c.dir / "ex1");
  // Then every record's reaction temperature, growth time and (blanked) injection temperature.
  edit("SELECT 'syntheses', key, 'reaction_temperature_c', reaction_temperature_c, printf('%.10g', reaction_temperature_c + 3)" +
       who + " FROM syntheses WHERE reaction_temperature_c IS NOT NULL");
  edit("SELECT 'syntheses', key, 'growth_time_s', growth_time_s, printf('%.10g', growth_time_s * 2)" + who +
       " FROM syntheses WHERE growth_time_s IS NOT NULL");
  edit("SELECT 'syntheses', key, 'injection_temperature_c', injection_temperature_c, ''" + who +
       " FROM syntheses WHERE injection_temperature_c IS NOT NULL AND id % 3 = 0");
  export_to(c.db, c.dir / "ex2");
  views_agree_with_export(c.db, c.dir / "ex2");
  views_list_the_export(c.db, c.dir / "ex2");
}
