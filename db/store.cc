#include "db/store.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "extract/core/error.h"

namespace synthdb::db {
namespace {

std::optional<double> opt_double(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

}  // namespace

void to_json(nlohmann::json& j, const ParagraphResult& p) {
  j = nlohmann::json{{"paragraph", p.paragraph},
                     {"label", p.label},
                     {"method", p.method},
                     {"model_version", p.model_version},
                     {"extraction_status", p.extraction_status},
                     {"synthesis_status", p.synthesis_status},
                     {"entities", p.entities}};
  if (p.score) j["score"] = *p.score;
  if (p.synthesis_score) j["synthesis_score"] = *p.synthesis_score;
}

void from_json(const nlohmann::json& j, ParagraphResult& p) {
  p.paragraph = j.at("paragraph").get<Paragraph>();
  p.label = j.value("label", "");
  p.score = opt_double(j, "score");
  p.synthesis_score = opt_double(j, "synthesis_score");
  p.method = j.value("method", "");
  p.model_version = j.value("model_version", "");
  p.extraction_status = j.value("extraction_status", "none");
  p.synthesis_status = j.value("synthesis_status", "");
  p.entities = j.value("entities", std::vector<Entity>{});
}

void to_json(nlohmann::json& j, const DocumentResult& d) {
  j = nlohmann::json{{"sha256", d.sha256}, {"path", d.path},     {"format", d.format},
                     {"meta", d.meta},     {"status", d.status}, {"error", d.error},
                     {"pipeline_version", d.pipeline_version},   {"seconds", d.seconds},
                     {"paragraphs", d.paragraphs}};
  if (!d.records_json.empty()) j["records_json"] = d.records_json;
}

void from_json(const nlohmann::json& j, DocumentResult& d) {
  d.sha256 = j.value("sha256", "");
  d.path = j.value("path", "");
  d.format = j.value("format", "");
  if (j.contains("meta")) d.meta = j["meta"].get<DocumentMeta>();
  d.status = j.value("status", "ok");
  d.error = j.value("error", "");
  d.pipeline_version = j.value("pipeline_version", "");
  d.seconds = j.value("seconds", 0.0);
  d.paragraphs = j.value("paragraphs", std::vector<ParagraphResult>{});
  d.records_json = j.value("records_json", "");
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<KnownDocument> find_document(Database& db, std::string_view sha256) {
  auto st = db.prepare("SELECT id, status, pipeline_version, coalesce(error, ''), path FROM documents "
                       "WHERE sha256 = ?");
  st.bind(1, sha256);
  if (!st.step()) return std::nullopt;
  return KnownDocument{st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3),
                       st.column_text(4)};
}

bool keep_previous_version(Database& db, const DocumentResult& failed) {
  if (failed.status == "ok") return false;
  auto known = find_document(db, failed.sha256);
  if (!known || known->status != "ok") return false;
  auto st = db.prepare("UPDATE documents SET error = ? WHERE id = ?");
  st.bind(1, failed.error.empty() ? std::string("re-processing failed") : failed.error)
      .bind(2, known->id)
      .run();
  if (!failed.path.empty()) record_path(db, failed.sha256, failed.path);
  return true;
}

namespace {

// A document_paths row of one content (schema v17: per spelling, one per folder and at most one
// without a folder).
struct PathRow {
  int64_t rowid = 0;
  std::string path;
  std::optional<std::string> abs_path;  // nullopt: no folder known
  std::string first_seen, last_seen;
};

std::vector<PathRow> path_rows(Database& db, std::string_view sha256) {
  auto st = db.prepare("SELECT rowid, path, abs_path, first_seen, last_seen FROM document_paths WHERE sha256 = ? "
                       "ORDER BY rowid");
  st.bind(1, sha256);
  std::vector<PathRow> rows;
  while (st.step())
    rows.push_back({st.column_int(0), st.column_text(1), st.column_optional_text(2), st.column_text(3), st.column_text(4)});
  return rows;
}

// The row of this sighting at spelling `path`: its folder's, else (a sighting with a folder) the one
// without a folder yet; nullptr when there is none.
const PathRow* sighting_row(const std::vector<PathRow>& rows, std::string_view path, std::string_view abs_path) {
  if (!abs_path.empty())
    for (const PathRow& r : rows)
      if (r.path == path && r.abs_path == abs_path) return &r;
  for (const PathRow& r : rows)
    if (r.path == path && !r.abs_path) return &r;
  return nullptr;
}

bool has_spelling(const std::vector<PathRow>& rows, std::string_view path) {
  for (const PathRow& r : rows)
    if (r.path == path) return true;
  return false;
}

// Rows of this content at another absolute path whose file is gone: the folder was moved or renamed,
// the file was renamed, or a second copy was deleted (or the folder is reached under another
// absolute path now). That is this file seen from a new place, so such a row is folded into this
// sighting's (earliest first_seen kept), as v16's one row per spelling did for a moved folder.
// Without this a gone path kept "holding" the old content for ever, and editing the file where it
// is now superseded nothing: the old version stayed in exports beside the new one, and curator edits
// were not carried (review 26: rename a.txt to b.txt, ingest, edit b.txt). A row whose file still
// exists is a second copy and stays (v17); one whose existence cannot be checked stays too; a
// content seen nowhere else keeps its rows (a deleted paper stays in the collection until
// `synthdb remove`). `rows`: the rows as read before this sighting's row was bumped, filled or added.
void fold_gone_paths(Database& db, const std::vector<PathRow>& rows, std::string_view sha256, std::string_view path,
                     std::string_view abs_path) {
  for (const PathRow& r : rows) {
    if (!r.abs_path || *r.abs_path == abs_path) continue;
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::path(*r.abs_path), ec) || ec) continue;
    // The folded row's first_run (schema v20) goes with its first_seen.
    db.prepare("UPDATE document_paths SET first_run = CASE WHEN ?4 < first_seen THEN "
               "(SELECT first_run FROM document_paths WHERE rowid = ?5) ELSE first_run END, "
               "first_seen = min(first_seen, ?4) WHERE sha256 = ?1 AND path = ?2 AND abs_path = ?3")
        .bind(1, sha256)
        .bind(2, path)
        .bind(3, abs_path)
        .bind(4, r.first_seen)
        .bind(5, r.rowid)
        .run();
    db.prepare("DELETE FROM document_paths WHERE rowid = ?").bind(1, r.rowid).run();
  }
}

// merge_path(), and with `sighting` (record_path(): a sighting on this host) fold_gone_paths() after
// it, both on one read of the rows of this content. A sighting always gives its row the next
// seen_order (schema v19), also within the second of its last_seen: the later of two sightings in one
// second is the newer (a file put back at once). A row added gets the next one from the schema's
// trigger; a merged row whose times change gets the next one too.
bool put_path(Database& db, std::string_view sha256, std::string_view path, std::string_view abs_path,
              std::string_view first_seen, std::string_view last_seen, bool sighting) {
  const std::vector<PathRow> rows = path_rows(db, sha256);
  bool changed = true;
  if (const PathRow* row = sighting_row(rows, path, abs_path)) {
    const bool fill = !row->abs_path && !abs_path.empty();
    if (!fill && !sighting && row->first_seen <= first_seen && row->last_seen >= last_seen) {
      changed = false;
    } else {
      auto up = db.prepare(
          "UPDATE document_paths SET first_run = CASE WHEN ?2 < first_seen THEN NULL ELSE first_run END, "
          "first_seen = min(first_seen, ?2), last_seen = max(last_seen, ?3), "
          "abs_path = coalesce(abs_path, ?4), seen_order = (SELECT coalesce(max(seen_order), 0) + 1 FROM "
          "document_paths) WHERE rowid = ?1");
      up.bind(1, row->rowid).bind(2, first_seen).bind(3, last_seen).bind_text_or_null(4, abs_path).run();
    }
  } else if (abs_path.empty() && has_spelling(rows, path)) {
    changed = false;  // a sighting without a folder adds no row beside the folders' rows of its spelling
  } else {
    // first_run (schema v20): the ingest run that sees the file now (begin_run() precedes every sighting;
    // one ingest at a time holds the lock), NULL for a merged row, whose shard's runs are not the host's.
    auto ins = db.prepare(std::string("INSERT INTO document_paths(sha256, path, first_seen, last_seen, abs_path, first_run) "
                                      "VALUES (?, ?, ?, ?, ?, ") +
                          (sighting ? "(SELECT max(id) FROM runs WHERE kind = 'ingest'))" : "NULL)"));
    ins.bind(1, sha256).bind(2, path).bind(3, first_seen).bind(4, last_seen).bind_text_or_null(5, abs_path).run();
  }
  if (sighting && !abs_path.empty()) fold_gone_paths(db, rows, sha256, path, abs_path);
  return changed;
}

}  // namespace

bool merge_path(Database& db, std::string_view sha256, std::string_view path, std::string_view abs_path,
                std::string_view first_seen, std::string_view last_seen) {
  return put_path(db, sha256, path, abs_path, first_seen, last_seen, false);
}

void record_path(Database& db, std::string_view sha256, std::string_view path, std::string_view abs_path) {
  const std::string now = utc_now();
  put_path(db, sha256, path, abs_path, now, now, true);
}

namespace {

using Gone = std::function<bool(const std::string&, const std::string&)>;

// Of `candidates` (documents with their ids), those not in `found` whose every known path is `gone`.
std::vector<std::pair<RetiredFailure, int64_t>> all_paths_gone(Database& db,
                                                               std::vector<std::pair<RetiredFailure, int64_t>> candidates,
                                                               const Gone& gone, const std::set<std::string>& found) {
  std::vector<std::pair<RetiredFailure, int64_t>> out;
  if (candidates.empty()) return out;
  auto paths = db.prepare("SELECT path, coalesce(abs_path, '') FROM document_paths WHERE sha256 = ?");
  for (auto& [doc, id] : candidates) {
    if (found.count(doc.sha256)) continue;
    // documents.path is one of its document_paths rows (write_document records it); checked on its own
    // only when it is not.
    bool all_gone = true, doc_path_seen = false;
    paths.reset();
    paths.bind(1, doc.sha256);
    while (all_gone && paths.step()) {
      const std::string path = paths.column_text(0);
      doc_path_seen = doc_path_seen || path == doc.path;
      all_gone = gone(path, paths.column_text(1));
    }
    if (all_gone && !doc_path_seen) all_gone = gone(doc.path, "");
    if (all_gone) out.push_back({std::move(doc), id});
  }
  return out;
}

std::vector<std::pair<RetiredFailure, int64_t>> documents_where(Database& db, const std::string& condition) {
  std::vector<std::pair<RetiredFailure, int64_t>> docs;
  auto st = db.prepare("SELECT id, sha256, path FROM documents d WHERE " + condition + " ORDER BY path, id");
  while (st.step()) docs.push_back({{st.column_text(1), st.column_text(2)}, st.column_int(0)});
  return docs;
}

}  // namespace

std::vector<RetiredFailure> retire_failures(Database& db, const Gone& gone, const std::set<std::string>& found,
                                            std::string_view reason) {
  auto mark = db.prepare("UPDATE documents SET retired = ?, retired_at = ? WHERE id = ?");
  const std::string now = utc_now();
  std::vector<RetiredFailure> out;
  for (auto& [doc, id] :
       all_paths_gone(db, documents_where(db, "status = 'failed' AND retired IS NULL"), gone, found)) {
    mark.reset();
    mark.bind(1, reason).bind(2, now).bind(3, id).run();
    out.push_back(std::move(doc));
  }
  return out;
}

std::vector<RetiredFailure> missing_documents(Database& db, const Gone& gone, const std::set<std::string>& found) {
  // superseded_documents holds the withdrawn ones too (schema v8); a duplicate copy (v16) is not
  // exported either, whether its file is there or not.
  std::string in_force = "status = 'ok'";
  for (const char* view : {"superseded_documents", "duplicate_documents"})
    if (has_object(db, "view", view)) in_force += std::string(" AND id NOT IN (SELECT id FROM ") + view + ")";
  std::vector<RetiredFailure> out;
  for (auto& [doc, id] : all_paths_gone(db, documents_where(db, in_force), gone, found)) out.push_back(std::move(doc));
  return out;
}

bool unretire_failure(Database& db, std::string_view sha256) {
  return db.prepare("UPDATE documents SET retired = NULL, retired_at = NULL WHERE sha256 = ? AND status = 'failed' "
                    "AND retired IS NOT NULL")
             .bind(1, sha256)
             .run() > 0;
}

int64_t write_document(Database& db, const DocumentResult& doc) {
  if (doc.sha256.empty()) throw DbError(db.path().string() + ": document without sha256: " + doc.path);
  std::optional<int64_t> old_id;
  if (auto known = find_document(db, doc.sha256)) old_id = known->id;
  if (old_id) {
    // Deleting the row cascades to paragraphs, entities and whatever later schemas hang off them;
    // curation tables are keyed by sha256/ordinal and are not touched.
    auto del = db.prepare("DELETE FROM documents WHERE id = ?");
    del.bind(1, *old_id).run();
  }
  auto ins = db.prepare(
      "INSERT INTO documents(id, sha256, path, format, title, doi, year, journal, pages, status, "
      "error, pipeline_version, ingested_at, seconds, paragraph_count) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, old_id)
      .bind(2, doc.sha256)
      .bind(3, doc.path)
      .bind_text_or_null(4, doc.format)
      .bind_text_or_null(5, doc.meta.title)
      .bind_text_or_null(6, doc.meta.doi)
      .bind(7, doc.meta.year)
      .bind_text_or_null(8, doc.meta.journal)
      .bind(9, doc.meta.pages)
      .bind(10, doc.status)
      .bind_text_or_null(11, doc.error)
      .bind(12, doc.pipeline_version)
      .bind(13, utc_now())
      .bind(14, doc.seconds)
      .bind(15, static_cast<int64_t>(doc.paragraphs.size()));
  ins.run();
  const int64_t doc_id = db.last_insert_rowid();

  // A file holding several papers (DocumentMeta::parts, schema v15): its later parts and each
  // paragraph's part. Part 1 is documents.doi/title and paragraphs.part defaults to 1, so a one-paper
  // file (nearly all) writes exactly the rows it wrote before v15.
  const bool several = doc.meta.parts.size() > 1;
  auto parts = db.prepare(several ? "INSERT INTO document_parts(document_id, part, first_page, doi, title) VALUES (?, ?, ?, ?, ?)"
                                  : "SELECT 1");
  for (const DocumentPart& part : doc.meta.parts) {
    if (!several || part.part <= 1) continue;
    parts.reset();
    parts.bind(1, doc_id)
        .bind(2, part.part)
        .bind(3, part.first_page)
        .bind_text_or_null(4, part.doi)
        .bind_text_or_null(5, part.title)
        .run();
  }

  auto pins = db.prepare(std::string(
                             "INSERT INTO paragraphs(document_id, ordinal, page, kind, section, section_type, text, start, "
                             "end, label, score, synthesis_score, method, model_version, extraction_status, "
                             "synthesis_status") +
                         (several ? ", part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                  : ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  auto eins = db.prepare(
      "INSERT INTO entities(paragraph_id, ordinal, type, start, end, text, value, min, max, sd, "
      "unit, role, name, normalized, formula, quantity, dimension, cue, material_ordinal) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const ParagraphResult& pr : doc.paragraphs) {
    const Paragraph& p = pr.paragraph;
    pins.reset();
    pins.bind(1, doc_id)
        .bind(2, p.ordinal)
        .bind(3, p.page)
        .bind(4, to_string(p.kind))
        .bind(5, p.section)
        .bind(6, to_string(p.section_type))
        .bind(7, p.text)
        .bind(8, p.start)
        .bind(9, p.end)
        .bind_text_or_null(10, pr.label)
        .bind(11, pr.score)
        .bind(12, pr.synthesis_score)
        .bind_text_or_null(13, pr.method)
        .bind_text_or_null(14, pr.model_version)
        .bind(15, pr.extraction_status)
        .bind_text_or_null(16, pr.synthesis_status);
    if (several) pins.bind(17, p.part);
    pins.run();
    const int64_t para_id = db.last_insert_rowid();
    for (size_t i = 0; i < pr.entities.size(); ++i) {
      const Entity& e = pr.entities[i];
      eins.reset();
      eins.bind(1, para_id)
          .bind(2, static_cast<int64_t>(i))
          .bind(3, e.type)
          .bind(4, e.start)
          .bind(5, e.end)
          .bind(6, e.text)
          .bind(7, e.value)
          .bind(8, e.min)
          .bind(9, e.max)
          .bind(10, e.sd)
          .bind_text_or_null(11, e.unit)
          .bind_text_or_null(12, e.role)
          .bind_text_or_null(13, e.name)
          .bind_text_or_null(14, e.normalized)
          .bind_text_or_null(15, e.formula)
          .bind_text_or_null(16, e.quantity)
          .bind_text_or_null(17, e.dimension)
          .bind_text_or_null(18, e.cue)
          .bind(19, e.material);
      eins.run();
    }
  }
  if (!doc.path.empty()) record_path(db, doc.sha256, doc.path);
  return doc_id;
}

std::optional<DocumentResult> load_document(Database& db, std::string_view sha256) {
  auto st = db.prepare(
      "SELECT id, path, coalesce(format,''), coalesce(title,''), coalesce(doi,''), year, "
      "coalesce(journal,''), coalesce(pages,0), status, coalesce(error,''), pipeline_version, "
      "coalesce(seconds,0) FROM documents WHERE sha256 = ?");
  st.bind(1, sha256);
  if (!st.step()) return std::nullopt;
  DocumentResult d;
  const int64_t id = st.column_int(0);
  d.sha256 = std::string(sha256);
  d.path = st.column_text(1);
  d.format = st.column_text(2);
  d.meta.title = st.column_text(3);
  d.meta.doi = st.column_text(4);
  if (auto y = st.column_optional_int(5)) d.meta.year = static_cast<int>(*y);
  d.meta.journal = st.column_text(6);
  d.meta.pages = static_cast<int>(st.column_int(7));
  d.status = st.column_text(8);
  d.error = st.column_text(9);
  d.pipeline_version = st.column_text(10);
  d.seconds = st.column_double(11);
  d.meta.parts = {{1, 1, d.meta.doi, d.meta.title}};
  auto parts = db.prepare(
      "SELECT part, first_page, coalesce(doi,''), coalesce(title,'') FROM document_parts WHERE document_id = ? "
      "AND part > 1 ORDER BY part");
  parts.bind(1, id);
  while (parts.step())
    d.meta.parts.push_back({static_cast<int>(parts.column_int(0)), static_cast<int>(parts.column_int(1)),
                            parts.column_text(2), parts.column_text(3)});

  auto ps = db.prepare(
      "SELECT id, ordinal, page, kind, section, section_type, text, start, end, coalesce(label,''), "
      "score, synthesis_score, coalesce(method,''), coalesce(model_version,''), extraction_status, "
      "coalesce(synthesis_status,''), part FROM paragraphs WHERE document_id = ? ORDER BY ordinal");
  auto es = db.prepare(
      "SELECT type, start, end, text, value, min, max, sd, coalesce(unit,''), coalesce(role,''), "
      "coalesce(name,''), coalesce(normalized,''), coalesce(formula,''), coalesce(quantity,''), "
      "coalesce(dimension,''), coalesce(cue,''), material_ordinal FROM entities "
      "WHERE paragraph_id = ? ORDER BY ordinal");
  ps.bind(1, id);
  while (ps.step()) {
    ParagraphResult pr;
    Paragraph& p = pr.paragraph;
    p.ordinal = static_cast<int>(ps.column_int(1));
    p.page = static_cast<int>(ps.column_int(2));
    p.kind = parse_paragraph_kind(ps.column_text(3)).value_or(ParagraphKind::kOther);
    p.section = ps.column_text(4);
    p.section_type = parse_section_type(ps.column_text(5)).value_or(SectionType::kOther);
    p.text = ps.column_text(6);
    p.start = ps.column_int(7);
    p.end = ps.column_int(8);
    pr.label = ps.column_text(9);
    pr.score = ps.column_optional_double(10);
    pr.synthesis_score = ps.column_optional_double(11);
    pr.method = ps.column_text(12);
    pr.model_version = ps.column_text(13);
    pr.extraction_status = ps.column_text(14);
    pr.synthesis_status = ps.column_text(15);
    p.part = static_cast<int>(ps.column_int(16));
    es.reset();
    es.bind(1, ps.column_int(0));
    while (es.step()) {
      Entity e;
      e.type = es.column_text(0);
      e.start = es.column_int(1);
      e.end = es.column_int(2);
      e.text = es.column_text(3);
      e.value = es.column_optional_double(4);
      e.min = es.column_optional_double(5);
      e.max = es.column_optional_double(6);
      e.sd = es.column_optional_double(7);
      e.unit = es.column_text(8);
      e.role = es.column_text(9);
      e.name = es.column_text(10);
      e.normalized = es.column_text(11);
      e.formula = es.column_text(12);
      e.quantity = es.column_text(13);
      e.dimension = es.column_text(14);
      e.cue = es.column_text(15);
      if (auto m = es.column_optional_int(16)) e.material = static_cast<int>(*m);
      pr.entities.push_back(std::move(e));
    }
    d.paragraphs.push_back(std::move(pr));
  }
  return d;
}

int64_t begin_run(Database& db, std::string_view kind, std::string_view args) {
  Transaction tx(db);
  auto st = db.prepare("INSERT INTO runs(kind, started_at, host, pid, args) VALUES (?, ?, ?, ?, ?)");
  st.bind(1, kind).bind(2, utc_now()).bind(3, hostname()).bind(4, static_cast<int64_t>(getpid()))
      .bind(5, args).run();
  const int64_t id = db.last_insert_rowid();
  tx.commit();
  return id;
}

void finish_run(Database& db, int64_t run_id, int new_count, int skipped, int failed,
                std::string_view report_json) {
  Transaction tx(db);
  auto st = db.prepare("UPDATE runs SET finished_at = ?, new = ?, skipped = ?, failed = ?, "
                       "report_json = ? WHERE id = ?");
  st.bind(1, utc_now()).bind(2, new_count).bind(3, skipped).bind(4, failed).bind(5, report_json)
      .bind(6, run_id).run();
  tx.commit();
}

}  // namespace synthdb::db
