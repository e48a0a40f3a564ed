// s22-keys: an edit of an item row without a source span ("<record key>#m3") follows its item when
// re-processing re-numbers the record's items or its variant key (schema v13), else it is flagged
// and detached; a curated parent_key follows the record it names (schema v14).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "db/database.h"
#include "db/records_store.h"
#include "extract/records/records.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;
using synthdb::records::Material;
using synthdb::records::Synthesis;

namespace {

const std::string kSha = "cccccccccccccccc" + std::string(48, '0');
const std::string kP = "cccccccccccccccc-p5-v";

Material material(const std::string& name, const std::string& role, double mol) {
  Material m;
  m.name = m.normalized = name;
  m.role = role;
  m.amount_value = mol;
  m.amount_unit = "mol";
  m.quantity = "moles";
  return m;  // no ref: stored with the key "<record key>#m<ordinal>"
}

// Variant `v` of paragraph 5 whose failure cue was read at 10*f..10*f+5: what tells the variants apart.
Synthesis variant(int v, int f, std::vector<Material> materials) {
  Synthesis s;
  s.key = kP + std::to_string(v);
  s.variant = v;
  s.status = synthdb::SynthesisStatus::kFailed;
  s.failure_cue = "no product";
  s.failure_ref = {5, -1, 10 * f, 10 * f + 5};
  s.paragraphs = {5};
  s.materials = std::move(materials);
  return s;
}

// Stores `records` as the document's pipeline output, as ingest does (re-checking the edits).
void store(const std::string& db, const std::vector<Synthesis>& records) {
  synthdb::db::Database d(db);
  if (d.prepare("SELECT 1 FROM documents WHERE id = 1").step() == false)
    d.exec("INSERT INTO documents(id, sha256, path, format, status, pipeline_version, ingested_at) VALUES (1, '" +
           kSha + "', 'c.txt', 'txt', 'ok', 'p', 'now')");
  synthdb::db::Transaction tx(d);
  synthdb::db::store_syntheses(d, 1, records);
  tx.commit();
}

CliResult curate(const std::string& db, std::vector<std::string> args) {
  std::vector<std::string> all = {"curate", "--db", db};
  all.insert(all.end(), args.begin(), args.end());
  if (args.front() == "set" || args.front() == "delete")
    all.insert(all.end(), {"--curator", "k", "--reason", "r"});
  return run_cli(all);
}

std::string curated_amount(const std::string& db, const std::string& item) {
  return query_text(db, "SELECT amount_value FROM curated_materials WHERE item_key = '" + item + "'");
}

}  // namespace

TEST_CASE("an edit of an item without a span follows its item when re-processing re-numbers the items") {
  TempDir dir;
  const std::string db = (dir / "k.db").string();
  store(db, {variant(1, 1, {material("cdo", "precursor", 1e-3), material("oleic acid", "ligand", 2e-3)}),
             variant(2, 2, {material("se", "precursor", 3e-3), material("top", "ligand", 4e-3)})});
  REQUIRE(query_text(db, "SELECT normalized FROM synthesis_materials WHERE item_key = '" + kP + "2#m1'") == "top");
  auto r = curate(db, {"set", kP + "2#m1", "amount_value", "0.005"});  // TOP of v2
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(curate(db, {"set", kP + "1#m1", "role", "solvent"}).exit_code == 0);  // oleic acid of v1
  REQUIRE(curate(db, {"delete", kP + "2#m0"}).exit_code == 0);                 // Se of v2
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE anchor LIKE '%#m %'") == 3);

  // A new pipeline reads a material before each edited one and drops v1's oleic acid: the items
  // re-number. TOP is v2's #m2 now; the Se delete is #m1; oleic acid is gone.
  store(db, {variant(1, 1, {material("cdo", "precursor", 1e-3), material("ode", "solvent", 1e-2)}),
             variant(2, 2, {material("ode", "solvent", 1e-2), material("se", "precursor", 3e-3),
                            material("top", "ligand", 4e-3)})});
  CHECK(query_text(db, "SELECT target_key || ' ' || moved_from || ' ' || flagged FROM curation WHERE field = "
                       "'amount_value'") == kP + "2#m2 " + kP + "2#m1 0");
  CHECK(curated_amount(db, kP + "2#m2") == "0.005");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + kP + "2#m1'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + kP + "2#m0'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curated_materials WHERE item_key = '" + kP + "2#m1'") == 0);
  CHECK(query_text(db, "SELECT role FROM curated_materials WHERE item_key = '" + kP + "2#m0'") == "solvent");
  // Oleic acid's edit would have landed on ODE (v1's #m1): detached and flagged instead.
  CHECK(query_text(db, "SELECT target_key || ' ' || flagged FROM curation WHERE field = 'role'") ==
        kP + "1#m1@unplaced 1");
  CHECK(query_text(db, "SELECT role FROM curated_materials WHERE item_key = '" + kP + "1#m1'") == "solvent");
  CHECK(query_text(db, "SELECT normalized FROM curated_materials WHERE item_key = '" + kP + "1#m1'") == "ode");
  auto flagged = curate(db, {"flagged"});
  CHECK(flagged.out.find("oleic acid|ligand") != std::string::npos);
  CHECK(flagged.out.find("not produced any more") != std::string::npos);

  // The variant key shifts too (v1 dropped: v2 is v1 now).
  store(db, {variant(1, 2, {material("ode", "solvent", 1e-2), material("top", "ligand", 4e-3),
                            material("se", "precursor", 3e-3)})});
  CHECK(query_text(db, "SELECT target_key || ' ' || moved_from || ' ' || flagged FROM curation WHERE field = "
                       "'amount_value'") == kP + "1#m1 " + kP + "2#m1 0");
  CHECK(curated_amount(db, kP + "1#m1") == "0.005");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + kP + "1#m2'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curated_materials WHERE item_key LIKE '" + kP + "%'") == 2);
  // The first pipeline again: every edit where it was made, none flagged.
  store(db, {variant(1, 1, {material("cdo", "precursor", 1e-3), material("oleic acid", "ligand", 2e-3)}),
             variant(2, 2, {material("se", "precursor", 3e-3), material("top", "ligand", 4e-3)})});
  CHECK(query_text(db, "SELECT group_concat(target_key || ':' || flagged, ' ') FROM (SELECT * FROM curation "
                       "WHERE field <> 'deleted' ORDER BY id)") ==
        kP + "2#m1:0 " + kP + "1#m1:0");
  CHECK(query_text(db, "SELECT role FROM curated_materials WHERE item_key = '" + kP + "1#m1'") == "solvent");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + kP + "2#m0'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);
}

TEST_CASE("an item edit is flagged, not applied, when two items of its record have its identity") {
  TempDir dir;
  const std::string db = (dir / "k.db").string();
  store(db, {variant(1, 1, {material("ode", "solvent", 1e-2), material("top", "ligand", 4e-3)})});
  REQUIRE(curate(db, {"set", kP + "1#m1", "amount_value", "0.005"}).exit_code == 0);
  store(db, {variant(1, 1, {material("top", "ligand", 4e-3), material("ode", "solvent", 1e-2),
                            material("top", "ligand", 4e-3)})});
  CHECK(query_text(db, "SELECT target_key || ' ' || flagged FROM curation") == kP + "1#m1@unplaced 1");
  CHECK(query_text(db, "SELECT flag_reason FROM curation").find("not single: 2 items") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM curated_materials WHERE amount_value = 0.005") == 0);
}

TEST_CASE("a curated parent_key follows the variant it names when re-processing re-numbers the variants") {
  TempDir dir;
  const std::string db = (dir / "k.db").string();
  Synthesis base = variant(0, 0, {material("cdo", "precursor", 1e-3)});
  base.key = "cccccccccccccccc-p4-v0";
  base.status = synthdb::SynthesisStatus::kSuccess;
  base.failure_ref = {};
  auto v = [](int n, int f) { return variant(n, f, {material("se", "precursor", 3e-3)}); };
  store(db, {base, v(1, 1), v(2, 2), v(3, 3)});
  // v3 is a re-run of v2's product, v2 one of v1's (a curator links them); the base links to v1.
  REQUIRE(curate(db, {"set", kP + "3", "parent_key", kP + "2"}).exit_code == 0);
  REQUIRE(curate(db, {"set", kP + "2", "parent_key", kP + "1"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE value_anchor IS NOT NULL") == 2);
  // v1 is no record any more: v2 -> v1, v3 -> v2.
  store(db, {base, v(1, 2), v(2, 3)});
  CHECK(query_text(db, "SELECT parent_key FROM curated_syntheses WHERE key = '" + kP + "2'") == kP + "1");
  CHECK(query_text(db, "SELECT new_value || ' ' || value_moved_from || ' ' || flagged FROM curation WHERE "
                       "moved_from = '" + kP + "3'") == kP + "1 " + kP + "2 0");
  // `curate list` shows the value as the curator gave it beside the one it names now.
  const std::string listed = curate(db, {"list"}).out;
  INFO(listed);
  CHECK(listed.find("-> " + kP + "1  (r)  (made on " + kP + "3)  (value given as " + kP + "2)") != std::string::npos);
  const std::string listed_json = curate(db, {"list", "--json"}).out;
  CHECK(listed_json.find("\"value_moved_from\":\"" + kP + "2\"") != std::string::npos);
  // v2's link named the record that is gone: flagged and detached, not pointed at the new v1.
  CHECK(query_text(db, "SELECT target_key || ' ' || flagged FROM curation WHERE value_moved_from IS NULL") ==
        kP + "1@unplaced 1");
  CHECK(query_text(db, "SELECT coalesce(parent_key, '(none)') FROM curated_syntheses WHERE key = '" + kP + "1'") ==
        "(none)");
  CHECK(curate(db, {"flagged"}).out.find("the parent " + kP + "1 this link names") != std::string::npos);
  // The first pipeline again: both links as the curator made them.
  store(db, {base, v(1, 1), v(2, 2), v(3, 3)});
  CHECK(query_text(db, "SELECT parent_key FROM curated_syntheses WHERE key = '" + kP + "3'") == kP + "2");
  CHECK(query_text(db, "SELECT parent_key FROM curated_syntheses WHERE key = '" + kP + "2'") == kP + "1");
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1 OR value_moved_from IS NOT NULL") == 0);
}
