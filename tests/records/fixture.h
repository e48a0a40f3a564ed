#pragma once
// Shared helpers of the records tests (store_test.cc, export_test.cc): a temp dir, a synthetic
// document with entities, ingest-like storing, one-value queries, running the CLI.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
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
#include "tests/support/files.h"
#include "tests/support/shell.h"

namespace records_fixture {

namespace fs = std::filesystem;
using namespace synthdb;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "synthdb-records-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

inline Entity at(const std::string& text, const std::string& surface, Entity e) {
  size_t pos = text.find(surface);
  REQUIRE_MESSAGE(pos != std::string::npos, surface);
  e.start = count_code_points(std::string_view(text).substr(0, pos));
  e.end = e.start + count_code_points(surface);
  e.text = surface;
  return e;
}

inline const std::string kSyn =
    "CdO (0.2 mmol) and oleic acid (0.8 mmol) in 1-octadecene were heated to 300 °C under Ar, and Se (0.4 mmol) "
    "in TOP was injected. The CdSe nanocrystals were grown at 260 °C for 5 min. Their diameter was 3.1 ± 0.2 nm.";

// A document as ingest hands it to the writer; `with_oleic` = false drops the oleic acid entity
// (a pipeline upgrade that no longer finds that span).
inline db::DocumentResult make_doc(const std::string& sha, const std::string& title, bool with_oleic = true,
                            double temperature = 300) {
  db::DocumentResult d;
  d.sha256 = sha;
  d.path = "/papers/" + sha.substr(0, 8) + ".pdf";
  d.format = "pdf";
  d.meta.title = title;
  d.meta.doi = "10.1000/" + sha.substr(0, 6);
  d.meta.year = 2020;
  d.pipeline_version = with_oleic ? "test-1" : "test-2";
  db::ParagraphResult h;
  h.paragraph = {.ordinal = 0, .page = 1, .kind = ParagraphKind::kHeading, .section = "Synthesis of CdSe",
                 .section_type = SectionType::kExperimental, .text = "Synthesis of CdSe"};
  db::ParagraphResult p;
  p.paragraph = {.ordinal = 1, .page = 2, .kind = ParagraphKind::kBody, .section = "Synthesis of CdSe",
                 .section_type = SectionType::kExperimental, .text = kSyn};
  p.label = "synthesis";
  p.score = 0.97;
  p.method = "hot-injection";
  p.synthesis_status = "success";
  p.extraction_status = "ok";
  auto& e = p.entities;
  e.push_back(at(kSyn, "CdO", {.type = "material", .role = "precursor", .name = "CdO", .normalized = "cadmium oxide",
                              .formula = "CdO"}));
  e.push_back(at(kSyn, "0.2 mmol", {.type = "amount", .value = 0.0002, .unit = "mol", .quantity = "moles"}));
  e.back().material = 0;
  if (with_oleic) {
    e.push_back(at(kSyn, "oleic acid", {.type = "material", .role = "ligand", .name = "oleic acid",
                                       .normalized = "oleic acid"}));
    e.push_back(at(kSyn, "0.8 mmol", {.type = "amount", .value = 0.0008, .unit = "mol", .quantity = "moles"}));
    e.back().material = 2;
  }
  e.push_back(at(kSyn, "1-octadecene", {.type = "material", .role = "solvent", .name = "1-octadecene",
                                       .normalized = "1-octadecene"}));
  e.push_back(at(kSyn, "heated", {.type = "operation", .normalized = "heating"}));
  e.push_back(at(kSyn, "300 °C", {.type = "temperature", .value = temperature}));
  e.push_back(at(kSyn, "Ar", {.type = "atmosphere", .normalized = "Ar"}));
  e.push_back(at(kSyn, "injected", {.type = "operation", .normalized = "injection"}));
  e.push_back(at(kSyn, "CdSe nanocrystals", {.type = "material", .role = "target", .name = "CdSe nanocrystals",
                                            .normalized = "cdse", .formula = "CdSe"}));
  e.push_back(at(kSyn, "grown", {.type = "operation", .normalized = "reaction"}));
  e.push_back(at(kSyn, "260 °C", {.type = "temperature", .value = 260.0}));
  e.push_back(at(kSyn, "5 min", {.type = "time", .value = 300.0}));
  e.push_back(at(kSyn, "3.1 ± 0.2 nm", {.type = "size", .value = 3.1, .sd = 0.2, .unit = "nm", .dimension = "diameter"}));
  d.paragraphs = {h, p};
  return d;
}

// Builds records from a DocumentResult the way ingest does, then stores document + records in
// one transaction. Returns the documents.id.
inline int64_t ingest(db::Database& database, const db::DocumentResult& d) {
  Document doc;
  doc.sha256 = d.sha256;
  std::vector<records::ParagraphLabel> labels;
  std::vector<Extraction> exs;
  for (const auto& pr : d.paragraphs) {
    doc.paragraphs.push_back(pr.paragraph);
    labels.push_back({pr.label, pr.score.value_or(0), pr.method});
    Extraction ex;
    ex.entities = pr.entities;
    ex.status = parse_synthesis_status(pr.synthesis_status).value_or(SynthesisStatus::kUnknown);
    exs.push_back(ex);
  }
  auto recs = records::build(doc, labels, exs);
  db::Transaction tx(database);
  int64_t id = db::write_document(database, d);
  // Through JSON, as the worker pipe carries them.
  db::store_syntheses_json(database, id, nlohmann::json(recs).dump());
  tx.commit();
  return id;
}

// ingest() into a database kept at an old schema version (built without migrating, to test its
// upgrade): the document's path is stored as the binaries of those versions stored it, one
// document_paths row per (sha256, path) and no folder, for today's record_path() writes v17's rows.
inline int64_t ingest_at_old_schema(db::Database& database, db::DocumentResult d) {
  const std::string path = std::move(d.path);
  d.path.clear();
  const int64_t id = ingest(database, d);
  database.prepare("UPDATE documents SET path = ? WHERE id = ?").bind(1, path).bind(2, id).run();
  database.prepare("INSERT INTO document_paths(sha256, path, first_seen, last_seen) VALUES (?, ?, ?, ?)")
      .bind(1, d.sha256)
      .bind(2, path)
      .bind(3, "2026-01-01T00:00:00Z")
      .bind(4, "2026-01-01T00:00:00Z")
      .run();
  return id;
}

inline std::string sha_of(int i) { return sha256_hex("document " + std::to_string(i)); }

inline std::string one(db::Database& d, const std::string& sql, const std::string& bind = {}) {
  auto st = d.prepare(sql);
  if (!bind.empty()) st.bind(1, bind);
  REQUIRE_MESSAGE(st.step(), sql);
  return st.column_text(0);
}

inline int run(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

using synthdb::testing::quote;          // tests/support/shell.h
using synthdb::testing::read_all;       // tests/support/files.h
using synthdb::testing::read_csv_file;

}  // namespace records_fixture
