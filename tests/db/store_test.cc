#include "db/store.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/db/temp_dir.h"

using synthdb::Entity;
using synthdb::ParagraphKind;
using synthdb::SectionType;
using synthdb::db::Database;
using synthdb::db::DocumentResult;
using synthdb::db::ParagraphResult;
using synthdb::db::Transaction;
using synthdb::testing::TempDir;

namespace {

DocumentResult sample_doc(const std::string& sha, int paragraphs) {
  DocumentResult d;
  d.sha256 = sha;
  d.path = "/papers/" + sha + ".pdf";
  d.format = "pdf";
  d.meta.title = "CdSe quantum dots";
  d.meta.doi = "10.1000/xyz";
  d.meta.year = 2020;
  d.meta.pages = 3;
  d.pipeline_version = "p1";
  d.seconds = 0.25;
  for (int i = 0; i < paragraphs; ++i) {
    ParagraphResult pr;
    pr.paragraph.ordinal = i;
    pr.paragraph.page = 1 + i / 2;
    pr.paragraph.kind = ParagraphKind::kBody;
    pr.paragraph.section = "Experimental";
    pr.paragraph.section_type = SectionType::kExperimental;
    pr.paragraph.text = "CdO was heated to 240 °C for 5 min. (" + std::to_string(i) + ")";
    pr.label = "synthesis";
    pr.score = 0.9;
    pr.synthesis_score = 0.9;
    pr.model_version = "m1";
    pr.extraction_status = "ok";
    pr.synthesis_status = "success";
    Entity t;
    t.type = "temperature";
    t.start = 18;
    t.end = 24;
    t.text = "240 °C";
    t.value = 240;
    Entity m;
    m.type = "material";
    m.start = 0;
    m.end = 3;
    m.text = "CdO";
    m.name = "CdO";
    m.formula = "CdO";
    Entity a;
    a.type = "amount";
    a.text = "0.2 mmol";
    a.value = 0.2;
    a.unit = "mmol";
    a.material = 1;
    pr.entities = {t, m, a};
    d.paragraphs.push_back(pr);
  }
  return d;
}

using synthdb::db::scalar;  // the shared helper (db/database.h)

}  // namespace

TEST_CASE("write_document stores a document and load_document reads the same values back") {
  TempDir dir;
  Database db(dir / "s.db");
  DocumentResult d = sample_doc("aaa", 3);
  {
    Transaction tx(db);
    synthdb::db::write_document(db, d);
    tx.commit();
  }
  CHECK(scalar(db, "SELECT count(*) FROM paragraphs") == 3);
  CHECK(scalar(db, "SELECT count(*) FROM entities") == 9);
  CHECK(scalar(db, "SELECT paragraph_count FROM documents") == 3);
  auto back = synthdb::db::load_document(db, "aaa");
  REQUIRE(back);
  CHECK(back->meta.title == d.meta.title);
  CHECK(back->meta.year == 2020);
  REQUIRE(back->paragraphs.size() == 3);
  CHECK(back->paragraphs[2].paragraph.text == d.paragraphs[2].paragraph.text);
  CHECK(back->paragraphs[1].paragraph.section_type == SectionType::kExperimental);
  REQUIRE(back->paragraphs[0].entities.size() == 3);
  CHECK(back->paragraphs[0].entities[0].value == 240);
  CHECK(back->paragraphs[0].entities[2].material == 1);
  CHECK(!back->paragraphs[0].entities[0].min);
  CHECK(!synthdb::db::load_document(db, "nope"));
}

TEST_CASE("re-writing a document replaces its derived rows and keeps its id") {
  TempDir dir;
  Database db(dir / "r.db");
  int64_t id1 = 0, id2 = 0;
  {
    Transaction tx(db);
    id1 = synthdb::db::write_document(db, sample_doc("bbb", 4));
    synthdb::db::write_document(db, sample_doc("ccc", 2));
    tx.commit();
  }
  DocumentResult d = sample_doc("bbb", 1);
  d.pipeline_version = "p2";
  {
    Transaction tx(db);
    id2 = synthdb::db::write_document(db, d);
    tx.commit();
  }
  CHECK(id1 == id2);
  CHECK(scalar(db, "SELECT count(*) FROM documents") == 2);
  CHECK(scalar(db, "SELECT count(*) FROM paragraphs") == 3);
  CHECK(scalar(db, "SELECT count(*) FROM entities") == 9);
  auto known = synthdb::db::find_document(db, "bbb");
  REQUIRE(known);
  CHECK(known->pipeline_version == "p2");
  CHECK(known->status == "ok");
}

TEST_CASE("a rolled-back document write leaves no trace") {
  TempDir dir;
  Database db(dir / "rb.db");
  {
    Transaction tx(db);
    synthdb::db::write_document(db, sample_doc("ddd", 5));
  }
  CHECK(scalar(db, "SELECT count(*) FROM documents") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM paragraphs") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM document_paths") == 0);
}

TEST_CASE("failed documents are stored with their reason and paths are recorded once per path") {
  TempDir dir;
  Database db(dir / "f.db");
  DocumentResult d;
  d.sha256 = "eee";
  d.path = "/x/broken.pdf";
  d.status = "failed";
  d.error = "/x/broken.pdf: not a PDF";
  d.pipeline_version = "p1";
  {
    Transaction tx(db);
    synthdb::db::write_document(db, d);
    synthdb::db::record_path(db, "eee", "/y/copy.pdf");
    synthdb::db::record_path(db, "eee", "/y/copy.pdf");
    tx.commit();
  }
  auto known = synthdb::db::find_document(db, "eee");
  REQUIRE(known);
  CHECK(known->status == "failed");
  CHECK(known->error == "/x/broken.pdf: not a PDF");
  CHECK(scalar(db, "SELECT count(*) FROM document_paths WHERE sha256 = 'eee'") == 2);
}

std::string text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  return st.step() ? st.column_text(0) : std::string();
}

TEST_CASE("record_path: one row per folder of a spelling, a row without a folder is filled once (schema v17)") {
  TempDir dir;
  Database db(dir / "p.db");
  // Real files: a row whose file is gone is folded into the next sighting's (a moved folder).
  const std::string xa = (dir / "x" / "papers" / "a.pdf").string(), ya = (dir / "y" / "papers" / "a.pdf").string();
  for (const std::string& f : {xa, ya}) {
    std::filesystem::create_directories(std::filesystem::path(f).parent_path());
    std::ofstream(f) << "same bytes";
  }
  auto rows = [&] {
    return text(db, "SELECT group_concat(coalesce(abs_path, '-'), '|') FROM (SELECT abs_path FROM document_paths "
                    "WHERE sha256 = 'aaa' ORDER BY abs_path)");
  };
  {
    Transaction tx(db);
    synthdb::db::record_path(db, "aaa", "papers/a.pdf");  // a sighting without a folder (write_document)
    synthdb::db::record_path(db, "aaa", "papers/a.pdf", xa);
    tx.commit();
  }
  CHECK(rows() == xa);  // the folderless row was filled, not doubled
  {
    Transaction tx(db);
    synthdb::db::record_path(db, "aaa", "papers/a.pdf", ya);
    synthdb::db::record_path(db, "aaa", "papers/a.pdf", xa);
    synthdb::db::record_path(db, "aaa", "papers/a.pdf");  // adds nothing beside the folders' rows
    tx.commit();
  }
  CHECK(rows() == xa + "|" + ya);
  // merge_path keeps the earliest first_seen and the latest last_seen of a folder's row.
  {
    Transaction tx(db);
    CHECK(synthdb::db::merge_path(db, "aaa", "papers/a.pdf", ya, "2000-01-01T00:00:00Z",
                                  "2000-01-02T00:00:00Z"));
    CHECK_FALSE(synthdb::db::merge_path(db, "aaa", "papers/a.pdf", ya, "2001-01-01T00:00:00Z",
                                        "2001-01-02T00:00:00Z"));
    tx.commit();
  }
  CHECK(text(db, "SELECT first_seen FROM document_paths WHERE abs_path = '" + ya + "'") == "2000-01-01T00:00:00Z");
  CHECK(text(db, "SELECT last_seen > '2020' FROM document_paths WHERE abs_path = '" + ya + "'") == "1");
  // x's folder moved away: the next sighting in y folds x's row in (the earliest first_seen kept).
  std::filesystem::remove_all(dir / "x");
  {
    Transaction tx(db);
    synthdb::db::record_path(db, "aaa", "papers/a.pdf", ya);
    tx.commit();
  }
  CHECK(rows() == ya);
}

TEST_CASE("DocumentResult survives a JSON round trip (the worker pipe format)") {
  DocumentResult d = sample_doc("fff", 2);
  nlohmann::json j = d;
  DocumentResult back = j.get<DocumentResult>();
  CHECK(back.sha256 == "fff");
  CHECK(back.meta.doi == "10.1000/xyz");
  REQUIRE(back.paragraphs.size() == 2);
  CHECK(back.paragraphs[1].paragraph.text == d.paragraphs[1].paragraph.text);
  CHECK(back.paragraphs[1].score == 0.9);
  CHECK(back.paragraphs[1].entities.size() == 3);
  CHECK(back.paragraphs[1].entities[2].material == 1);
}

TEST_CASE("runs are logged with counts and report") {
  TempDir dir;
  Database db(dir / "runs.db");
  int64_t id = synthdb::db::begin_run(db, "ingest", "ingest x --db y");
  CHECK(scalar(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL") == 1);
  synthdb::db::finish_run(db, id, 3, 2, 1, R"({"new":3})");
  CHECK(scalar(db, "SELECT new + skipped * 10 + failed * 100 FROM runs") == 123);
  CHECK(scalar(db, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL") == 1);
}
