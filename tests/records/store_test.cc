// Records in a real SQLite file: storing, views, curation across re-ingestion, manual records,
// search, export (checked by python3's csv module, and pandas when importable), hostile input.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "db/curation.h"
#include "db/database.h"
#include "db/export.h"
#include "db/records_store.h"
#include "db/search.h"
#include "db/store.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/records/records.h"
#include "tests/records/fixture.h"

namespace fs = std::filesystem;
using namespace synthdb;

using namespace records_fixture;

TEST_CASE("stored records appear in synthesis_wide and synthesis_provenance with exact spans") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  const std::string sha = sha_of(1);
  ingest(d, make_doc(sha, "Paper one"));
  const std::string key = records::make_key(sha, 1, 0);
  CHECK(one(d, "SELECT count(*) FROM syntheses") == "1");
  CHECK(one(d, "SELECT target FROM synthesis_wide WHERE key = ?", key) == "cdse");
  CHECK(one(d, "SELECT method FROM synthesis_wide WHERE key = ?", key) == "hot-injection");
  CHECK(one(d, "SELECT injection_temperature_c FROM synthesis_wide WHERE key = ?", key) == "300.0");
  CHECK(one(d, "SELECT growth_time_s FROM synthesis_wide WHERE key = ?", key) == "300.0");
  CHECK(one(d, "SELECT ligands FROM synthesis_wide WHERE key = ?", key) == "oleic acid");
  CHECK(one(d, "SELECT doi FROM synthesis_wide WHERE key = ?", key) == "10.1000/" + sha.substr(0, 6));
  // Every value with a span quotes exactly the entity text, on the right page.
  auto st = d.prepare("SELECT item, value, evidence, page FROM synthesis_provenance WHERE synthesis_key = ?");
  st.bind(1, key);
  int rows = 0;
  std::set<std::string> evidence;
  while (st.step()) {
    ++rows;
    evidence.insert(st.column_text(2));
    CHECK(st.column_int(3) == 2);
  }
  CHECK(rows >= 8);
  CHECK(evidence.count("0.2 mmol"));
  CHECK(evidence.count("300 °C"));  // a multi-byte span: offsets are code points
  CHECK(evidence.count("CdSe nanocrystals"));
  CHECK(evidence.count("3.1 ± 0.2 nm"));
  CHECK(one(d, "SELECT size_nm FROM synthesis_wide WHERE key = ?", key) == "3.1");
  // Entity ids resolved.
  CHECK(one(d, "SELECT count(*) FROM synthesis_materials WHERE entity_id IS NULL") == "0");
  CHECK(one(d, "SELECT e.text FROM synthesis_materials m JOIN entities e ON e.id = m.amount_entity_id "
               "WHERE m.normalized = 'oleic acid'") == "0.8 mmol");
  // Loading gives back what was stored.
  auto s = db::load_synthesis(d, key);
  REQUIRE(s);
  CHECK(s->materials.size() == 3);
  CHECK(s->steps.size() == 3);
  CHECK(s->growth_temperature_c == doctest::Approx(260));
}

TEST_CASE("curation survives re-ingestion: edits still win - an edit on a vanished span is flagged - not dropped") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  const std::string sha = sha_of(2);
  ingest(d, make_doc(sha, "Paper two"));
  const std::string key = records::make_key(sha, 1, 0);
  const std::string oleic_key = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'oleic acid'");
  const std::string cdo_key = one(d, "SELECT item_key FROM synthesis_materials WHERE normalized = 'cadmium oxide'");
  CHECK(oleic_key.rfind(sha + ":p1:", 0) == 0);
  {
    db::Transaction tx(d);
    auto e = db::set_field(d, key, "target", "CdSe quantum dots", "alice", "paper calls them QDs");
    CHECK(e.old_value == "cdse");
    db::set_field(d, key, "reaction_temperature_c", "310", "alice", "typo in the paper, see SI");
    db::set_field(d, oleic_key, "role", "solvent", "bob", "used in excess");
    db::set_field(d, cdo_key, "amount_value", "0.00025", "bob", "SI gives 0.25 mmol");
    tx.commit();
  }
  CHECK_THROWS_AS(db::set_field(d, key, "status", "maybe", "alice", "x"), UsageError);
  CHECK_THROWS_AS(db::set_field(d, key, "no_such_field", "1", "alice", "x"), UsageError);
  CHECK_THROWS_AS(db::set_field(d, key, "reaction_time_s", "ten", "alice", "x"), UsageError);
  CHECK_THROWS_AS(db::set_field(d, "no-such-key", "target", "x", "alice", "x"), UsageError);
  CHECK_THROWS_AS(db::set_field(d, key, "target", "x", "", "x"), UsageError);
  CHECK(one(d, "SELECT target FROM synthesis_wide WHERE key = ?", key) == "CdSe quantum dots");

  // Re-ingest with a new pipeline that no longer finds "oleic acid" and reads 300 °C again.
  ingest(d, make_doc(sha, "Paper two", /*with_oleic=*/false));
  CHECK(one(d, "SELECT count(*) FROM syntheses") == "1");
  CHECK(one(d, "SELECT target FROM synthesis_wide WHERE key = ?", key) == "CdSe quantum dots");
  CHECK(one(d, "SELECT reaction_temperature_c FROM synthesis_wide WHERE key = ?", key) == "310.0");
  CHECK(one(d, "SELECT count(*) FROM curation") == "4");  // nothing dropped
  auto flagged = db::list_edits(d, "", true);
  REQUIRE(flagged.size() == 1);
  CHECK(flagged[0].target_key == oleic_key);
  CHECK(flagged[0].flag_reason.find("no longer produced") != std::string::npos);

  // Export applies edits: curated amount, curated target, record marked curated.
  db::ExportOptions eo;
  eo.out_dir = tmp.path / "out";
  auto summary = db::export_dataset(d, eo);
  CHECK(summary.syntheses == 1);
  const std::string csv = read_all(tmp.path / "out" / "syntheses.csv");
  CHECK(csv.find("CdSe quantum dots") != std::string::npos);
  CHECK(csv.find(",310,") != std::string::npos);
  const std::string mats = read_all(tmp.path / "out" / "materials.csv");
  CHECK(mats.find("0.00025") != std::string::npos);
  CHECK(mats.find("oleic acid") == std::string::npos);

  // The span comes back with the next pipeline: the edit applies again and is unflagged.
  ingest(d, make_doc(sha, "Paper two", true));
  CHECK(db::list_edits(d, "", true).empty());
  CHECK(one(d, "SELECT count(*) FROM curation") == "4");
  db::export_dataset(d, eo);
  const std::string mats2 = read_all(tmp.path / "out" / "materials.csv");
  CHECK(mats2.find(oleic_key + ",oleic acid,oleic acid,,solvent,") != std::string::npos);
}

TEST_CASE("deleted records stay deleted across re-ingest - restore and manual records work") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  const std::string sha = sha_of(3);
  ingest(d, make_doc(sha, "Paper three"));
  const std::string key = records::make_key(sha, 1, 0);
  {
    db::Transaction tx(d);
    db::delete_record(d, key, "carol", "not a colloidal synthesis");
    tx.commit();
  }
  CHECK_THROWS_AS(db::delete_record(d, key, "carol", "again"), UsageError);
  ingest(d, make_doc(sha, "Paper three"));
  CHECK(one(d, "SELECT count(*) FROM syntheses") == "1");
  CHECK(one(d, "SELECT count(*) FROM synthesis_wide") == "0");

  records::Synthesis manual;
  manual.target = "PbS";
  manual.status = SynthesisStatus::kFailed;
  manual.failure_cue = "only bulk precipitate";
  manual.materials.push_back({.name = "PbO", .role = "precursor", .amount_value = 0.001, .amount_unit = "mol",
                              .quantity = "moles", .moles = 0.001});
  manual.steps.push_back({.operation = "injection", .temperature_c = 90.0});
  std::string mkey;
  {
    db::Transaction tx(d);
    mkey = db::add_manual_synthesis(d, manual, "notebook 7, p. 12", "dave", "failed run");
    tx.commit();
  }
  CHECK(mkey.rfind("manual-", 0) == 0);
  CHECK_THROWS_AS(db::add_manual_synthesis(d, manual, "", "dave", ""), UsageError);  // same content, same key
  ingest(d, make_doc(sha, "Paper three"));  // re-ingest never touches manual records
  CHECK(one(d, "SELECT status FROM synthesis_wide WHERE key = ?", mkey) == "failed");
  CHECK(one(d, "SELECT origin FROM syntheses WHERE key = ?", mkey) == "manual");

  db::ExportOptions eo;
  eo.out_dir = tmp.path / "out";
  eo.status = "failed";
  auto s = db::export_dataset(d, eo);
  CHECK(s.syntheses == 1);
  CHECK(read_all(tmp.path / "out" / "syntheses.csv").find("only bulk precipitate") != std::string::npos);

  {
    db::Transaction tx(d);
    db::restore_record(d, key, "carol", "it is one after all");
    tx.commit();
  }
  CHECK(one(d, "SELECT count(*) FROM synthesis_wide") == "2");
  CHECK_THROWS_AS(db::restore_record(d, key, "carol", "again"), UsageError);
  eo.status = "all";
  CHECK(db::export_dataset(d, eo).syntheses == 2);
}

TEST_CASE("search: FTS5 hits with snippets and filters - hostile queries are words - not SQL or FTS syntax") {
  TempDir tmp;
  db::Database d(tmp.path / "t.db");
  ingest(d, make_doc(sha_of(4), "Paper four"));
  db::SearchOptions o;
  o.query = "injected CdSe";
  auto hits = db::search(d, o);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].ordinal == 1);
  CHECK(hits[0].page == 2);
  CHECK(hits[0].snippet.find("[CdSe]") != std::string::npos);
  o.label = "other";
  CHECK(db::search(d, o).empty());
  o.label = "synthesis";
  o.kind = "body";
  CHECK(db::search(d, o).size() == 1);
  o.kind = "heading";
  CHECK(db::search(d, o).empty());

  CHECK(db::fts_query("hot-injection \"CdSe\" OR NEAR(x*)") == "\"hot\" \"injection\" \"CdSe\" \"OR\" \"NEAR\" \"x\"");
  for (std::string hostile : {"'; DROP TABLE documents; --", "\" OR 1=1 --", "NEAR(cdse injected)", "cdse*",
                              "text:cdse", "^cdse", "cdse AND NOT"}) {
    db::SearchOptions h;
    h.query = hostile;
    h.kind = hostile;
    CHECK_NOTHROW(db::search(d, h));
  }
  db::SearchOptions empty;
  empty.query = ")))((( \"\"\" ;; ";
  CHECK_THROWS_AS(db::search(d, empty), UsageError);
  CHECK(one(d, "SELECT count(*) FROM documents") == "1");
}

TEST_CASE("CLI: export CSV is strict RFC 4180 with pandas-friendly dtypes - splits are by document and deterministic") {
  TempDir tmp;
  const fs::path dbfile = tmp.path / "t.db";
  {
    db::Database d(dbfile);
    for (int i = 0; i < 40; ++i) ingest(d, make_doc(sha_of(100 + i), i % 2 ? "Title, with \"quotes\"\nand a break" : "Plain", true, 250 + i));
    db::Transaction tx(d);
    records::Synthesis manual;
    manual.target = "Au, \"gold\"";
    manual.status = SynthesisStatus::kFailed;
    db::add_manual_synthesis(d, manual, "notebook", "eve", "");
    tx.commit();
  }
  const std::string bin = SYNTHDB_BINARY;
  const fs::path out1 = tmp.path / "e1", out2 = tmp.path / "e2", out3 = tmp.path / "e3";
  std::string log;
  REQUIRE(run(bin + " export --db " + quote(dbfile) + " --out " + quote(out1) + " --split 0.8,0.1,0.1 --seed 7",
              &log) == 0);
  CHECK(log.find("41 syntheses") != std::string::npos);
  REQUIRE(run(bin + " export --db " + quote(dbfile) + " --out " + quote(out2) + " --split 0.8,0.1,0.1 --seed 7") == 0);
  REQUIRE(run(bin + " export --db " + quote(dbfile) + " --out " + quote(out3) + " --split 0.8,0.1,0.1 --seed 8") == 0);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"})
    CHECK(read_all(out1 / f) == read_all(out2 / f));
  CHECK(read_all(out1 / "syntheses.csv") != read_all(out3 / "syntheses.csv"));

  // python3: strict csv parsing, field counts, dtypes against dataset.json, no document in two splits.
  const std::string script = R"PY(
import csv, json, sys, os
d = sys.argv[1]
ds = json.load(open(os.path.join(d, 'dataset.json'), encoding='utf-8'))
for name in ['syntheses.csv', 'materials.csv', 'steps.csv', 'outcomes.csv', 'paragraphs.csv']:
    spec = ds['files'][name]['columns']
    raw = open(os.path.join(d, name), 'rb').read()
    raw.decode('utf-8')
    assert not raw.startswith(b'\xef\xbb\xbf'), 'BOM'
    with open(os.path.join(d, name), newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f, strict=True))
    assert rows[0] == [c['name'] for c in spec], (name, rows[0])
    assert all(len(r) == len(spec) for r in rows), name
    assert len(rows) - 1 == ds['files'][name]['rows'], name
    for r in rows[1:]:
        for c, v in zip(spec, r):
            if v != '' and c['type'] in ('number', 'integer'):
                float(v)
            if v != '' and c['type'] == 'integer':
                assert float(v) == int(float(v)), (c['name'], v)
rows = list(csv.DictReader(open(os.path.join(d, 'syntheses.csv'), newline='', encoding='utf-8')))
split_of = {}
for r in rows:
    g = r['document_sha256'] or 'manual'
    assert r['split'] in ('train', 'validation', 'test'), r['split']
    if g != 'manual':
        assert split_of.setdefault(g, r['split']) == r['split'], 'document in two splits'
assert len(set(split_of.values())) >= 2
assert any(r['target'] == 'Au, "gold"' for r in rows)
assert any(r['title'] == 'Title, with "quotes"\nand a break' for r in rows)
try:
    import pandas as pd
except ImportError:
    print('no pandas'); sys.exit(0)
for name in ['syntheses.csv', 'materials.csv', 'steps.csv', 'outcomes.csv', 'paragraphs.csv']:
    df = pd.read_csv(os.path.join(d, name))
    if len(df) == 0:
        continue  # a header-only file has no dtypes to check
    for c in ds['files'][name]['columns']:
        kind = df[c['name']].dtype.kind
        if c['type'] in ('number', 'integer'):
            assert kind in 'fiu', (name, c['name'], df[c['name']].dtype)
        elif df[c['name']].notna().any():
            assert kind == 'O', (name, c['name'], df[c['name']].dtype)
assert len(pd.read_csv(os.path.join(d, 'syntheses.csv'))) == 41
print('pandas ok')
)PY";
  {
    std::ofstream(tmp.path / "check.py") << script;
  }
  // The Debian interpreter (where scripts/setup installs packages, e.g. python3-pandas) when present:
  // a python3 earlier on PATH (pyenv, venv) may lack pandas.
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::string py;
  int rc = run(python + " " + quote(tmp.path / "check.py") + " " + quote(out1), &py);
  INFO(py);
  CHECK(rc == 0);
  MESSAGE("CSV check: " << py);

  // Several threads (own connections, part files appended in order) write the same bytes as one.
  {
    db::Database d(dbfile);
    db::ExportOptions eo;
    eo.split = {0.8, 0.1, 0.1};
    eo.seed = 7;
    eo.threads = 3;
    eo.out_dir = tmp.path / "threads";
    auto s3 = db::export_dataset(d, eo);
    CHECK(s3.syntheses == 41);
    for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"})
      CHECK(read_all(out1 / f) == read_all(eo.out_dir / f));
    CHECK(read_all(out1 / "paragraphs.csv") == read_all(eo.out_dir / "paragraphs.csv"));
    CHECK(std::distance(fs::directory_iterator(eo.out_dir), fs::directory_iterator()) == 6);  // no part files left
  }

  // jsonl: one object per synthesis with nested rows.
  const fs::path outj = tmp.path / "j";
  REQUIRE(run(bin + " export --db " + quote(dbfile) + " --out " + quote(outj) + " --format jsonl --status success") == 0);
  std::ifstream in(outj / "syntheses.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    CHECK(j["status"] == "success");
    CHECK(j["materials"].size() == 3);
    ++n;
  }
  CHECK(n == 40);
  auto ds = nlohmann::json::parse(read_all(outj / "dataset.json"));
  CHECK(ds["counts"]["syntheses"] == 40);
  CHECK(ds["filters"]["status"] == "success");
  CHECK(ds["source_documents"].size() == 40);
}

TEST_CASE("CLI: hostile filters - curate and add inputs are data - never SQL - bad input gives one-line errors") {
  TempDir tmp;
  const fs::path dbfile = tmp.path / "t.db";
  const std::string sha = sha_of(5);
  {
    db::Database d(dbfile);
    ingest(d, make_doc(sha, "Paper five"));
  }
  const std::string bin = SYNTHDB_BINARY;
  const std::string key = records::make_key(sha, 1, 0);
  const std::string evil = "x'); DROP TABLE syntheses; --";
  std::string out;
  CHECK(run(bin + " search --db " + quote(dbfile) + " " + quote(evil), &out) == 0);
  // Filters with a fixed vocabulary reject other values (one-line usage error, exit 2).
  CHECK(run(bin + " search --db " + quote(dbfile) + " " + quote(evil) + " --kind " + quote(evil), &out) == 2);
  CHECK(run(bin + " search --db " + quote(dbfile) + " CdSe --json", &out) == 0);
  CHECK(nlohmann::json::parse(out.substr(0, out.find('\n')))["snippet"].get<std::string>().find("**CdSe**") !=
        std::string::npos);
  // s20-prod: a --method that names no method is a usage error (it used to export nothing, exit 0).
  CHECK(run(bin + " export --db " + quote(dbfile) + " --out " + quote(tmp.path / "e") + " --method " + quote(evil) +
                " --target " + quote("'; DROP TABLE syntheses; --"),
            &out) == 2);
  CHECK(out.find("is not a synthesis method") != std::string::npos);
  CHECK(run(bin + " export --db " + quote(dbfile) + " --out " + quote(tmp.path / "e") + " --target " +
                quote("'; DROP TABLE syntheses; --"),
            &out) == 0);
  CHECK(out.find("0 syntheses") != std::string::npos);
  CHECK(run(bin + " export --db " + quote(dbfile) + " --out " + quote(tmp.path / "e") + " --target '(unclosed'",
            &out) == 2);
  CHECK(out.find("not a valid regular expression") != std::string::npos);
  CHECK(run(bin + " export --db " + quote(dbfile) + " --out " + quote(tmp.path / "e") + " --split 0.5,0.2") == 2);
  CHECK(run(bin + " curate --db " + quote(dbfile) + " set " + quote(evil) + " target x --curator a --reason b",
            &out) == 2);
  CHECK(out.find("no record or item") != std::string::npos);
  CHECK(run(bin + " curate --db " + quote(dbfile) + " set " + key + " target " + quote(evil) + " --curator " +
                quote(evil) + " --reason " + quote(evil),
            &out) == 0);
  CHECK(run(bin + " curate --db " + quote(dbfile) + " list " + key + " --json", &out) == 0);
  auto edit = nlohmann::json::parse(out.substr(0, out.find('\n')));
  CHECK(edit["new_value"] == evil);
  CHECK(edit["curator"] == evil);
  CHECK(edit["old_value"] == "cdse");
  CHECK(run(bin + " curate --db " + quote(dbfile) + " show " + key, &out) == 0);
  CHECK(nlohmann::json::parse(out)["materials"][0]["item_key"].get<std::string>().rfind(sha + ":p1:", 0) == 0);

  // add: JSON Lines with one bad line → that line named, the others added, exit 1.
  {
    std::ofstream f(tmp.path / "manual.jsonl");
    f << R"({"target":"CsPbBr3","status":"failed","failure_cue":"no emission","materials":[{"name":"PbBr2","role":"precursor"}]})" "\n";
    f << R"({"target":"CdS","status":"perhaps"})" "\n";
    f << "not json\n";
    f << R"({"key":"lab-1","target":"InP","status":"success","steps":[{"operation":"heating","temperature_c":280}]})" "\n";
  }
  CHECK(run(bin + " add --db " + quote(dbfile) + " --json " + quote(tmp.path / "manual.jsonl") + " --curator eve",
            &out) == 1);
  CHECK(out.find("manual.jsonl:2: field \"status\" must be success, failed or unknown") != std::string::npos);
  CHECK(out.find("manual.jsonl:3: not valid JSON") != std::string::npos);
  CHECK(out.find("lab-1") != std::string::npos);
  {
    db::Database d(dbfile);
    CHECK(one(d, "SELECT count(*) FROM syntheses WHERE origin = 'manual'") == "2");
    CHECK(one(d, "SELECT target FROM synthesis_wide WHERE key = ?", key) == evil);
    CHECK(one(d, "SELECT count(*) FROM sqlite_master WHERE name = 'syntheses'") == "1");
  }
  CHECK(run(bin + " export --db " + quote(tmp.path / "missing.db") + " --out " + quote(tmp.path / "e"), &out) == 3);
  CHECK(out.find("missing.db: no such database") != std::string::npos);
}
