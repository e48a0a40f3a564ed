#include "db/stats.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/curation.h"
#include "db/database.h"
#include "db/export.h"

namespace synthdb::db {
namespace {

nlohmann::json counts_by(Database& db, const char* sql) {
  nlohmann::json out = nlohmann::json::object();
  auto st = db.prepare(sql);
  while (st.step()) out[st.is_null(0) ? "(none)" : st.column_text(0)] = st.column_int(1);
  return out;
}

// A failed document row d whose path was seen after d, holding another document. `same_file` (schema
// v11, document_paths.abs_path): the later row is the same file when both absolute paths are known
// and equal, or either is unknown. "After": a later last_seen (whole seconds); in the same second, a
// later sighting by seen_order (`seen_order`, schema v19, as superseded_documents orders versions),
// else (an older file read without migrating, or d seen at no path row) an ok document only, as before
// s29-db: an ok one seen in the same second retired d, also when d's failure was the later sighting.
std::string retired_condition(bool same_file, bool seen_order) {
  const std::string last = "coalesce((SELECT max(p.last_seen) FROM document_paths p WHERE p.sha256 = d.sha256 AND "
                           "p.path = d.path), d.ingested_at)";
  const std::string ok_tie = "d2.status = 'ok'";
  const std::string tie = seen_order ? "coalesce(q.seen_order > (SELECT max(p.seen_order) FROM document_paths p WHERE "
                                       "p.sha256 = d.sha256 AND p.path = d.path AND p.last_seen = q.last_seen), " +
                                           ok_tie + ")"
                                     : ok_tie;
  return std::string(
             "EXISTS (SELECT 1 FROM document_paths q JOIN documents d2 ON d2.sha256 = q.sha256 "
             "WHERE q.path = d.path AND d2.id <> d.id ") +
         (same_file ? "AND (q.abs_path IS NULL OR NOT EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = "
                      "d.sha256 AND p.path = d.path AND p.abs_path IS NOT NULL AND p.abs_path <> q.abs_path)) "
                    : "") +
         "AND (q.last_seen > " + last + " OR (q.last_seen = " + last + " AND " + tie + ")))";
}

}  // namespace

nlohmann::json collect_stats(Database& db, int max_failed) {
  // A read transaction pins one snapshot of the WAL for all the queries below.
  Transaction tx(db, Transaction::Mode::kDeferred);
  nlohmann::json s;
  s["schema_version"] = db.schema_version();

  nlohmann::json docs;
  docs["total"] = scalar(db, "SELECT count(*) FROM documents");
  docs["ok"] = scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'");
  // "failed" counts current failures only: a failed row is retired (history, kept for audit) once
  // its path was seen later holding another document, ok or failed (a fixed or replaced file, or an
  // unreadable file that became readable). retired_condition() is that condition.
  // Since schema v6 ingest also retires a failed document whose file was deleted from a walked
  // folder (documents.retired holds the reason). stats does not migrate: older files lack the column.
  const bool retired_column = has_column(db, "documents", "retired");
  const std::string held_later = retired_condition(has_column(db, "document_paths", "abs_path"),
                                                   has_column(db, "document_paths", "seen_order"));
  const std::string retired = retired_column ? "(d.retired IS NOT NULL OR " + held_later + ")" : held_later;
  docs["failed"] = scalar(db, ("SELECT count(*) FROM documents d WHERE status = 'failed' AND NOT " + retired).c_str());
  docs["failed_retired"] =
      scalar(db, ("SELECT count(*) FROM documents d WHERE status = 'failed' AND " + retired).c_str());
  // Why they were retired: the stored reason, else a later document at the same path.
  nlohmann::json retired_reasons = nlohmann::json::array();
  {
    auto st = db.prepare(std::string("SELECT ") +
                         (retired_column ? "coalesce(d.retired, 'its path later held another document')"
                                         : "'its path later held another document'") +
                         " AS r, count(*) FROM documents d WHERE status = 'failed' AND " + retired +
                         " GROUP BY r ORDER BY count(*) DESC, r");
    while (st.step()) retired_reasons.push_back({{"reason", st.column_text(0)}, {"count", st.column_int(1)}});
  }
  docs["retired_reasons"] = retired_reasons;
  // Withdrawn by an operator (`synthdb remove`, schema v8): ok documents out of exports and views,
  // counted among "ok" (their rows are kept); withdrawn failed ones are among the retired failures.
  docs["withdrawn"] =
      retired_column ? scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND "
                                  "substr(retired, 1, 11) = 'withdrawn: '")
                     : 0;
  // Old versions of files edited in place (view superseded_documents, schema v4; withdrawn ones left
  // out): counted among "ok" too, but out of exports and views.
  docs["superseded"] =
      has_object(db, "view", "superseded_documents")
          ? scalar(db, retired_column ? "SELECT count(*) FROM superseded_documents s JOIN documents d ON d.id = s.id "
                                        "WHERE d.status = 'ok' AND (d.retired IS NULL OR substr(d.retired, 1, 11) <> "
                                        "'withdrawn: ')"
                                      : "SELECT count(*) FROM superseded_documents s JOIN documents d ON d.id = s.id "
                                        "WHERE d.status = 'ok'")
          : 0;
  // Pages of the ok documents, like "ok" above; pages_out_of_exports: those of the superseded and
  // withdrawn ones among them (the documents counted in "superseded" and "withdrawn").
  docs["pages"] = scalar(db, "SELECT coalesce(sum(pages), 0) FROM documents WHERE status = 'ok'");
  {
    std::string out_of_exports;
    if (retired_column) out_of_exports = "substr(d.retired, 1, 11) = 'withdrawn: '";
    if (has_object(db, "view", "superseded_documents"))
      out_of_exports += std::string(out_of_exports.empty() ? "" : " OR ") +
                        "d.id IN (SELECT id FROM superseded_documents)";
    docs["pages_out_of_exports"] =
        out_of_exports.empty()
            ? 0
            : scalar(db, ("SELECT coalesce(sum(d.pages), 0) FROM documents d WHERE d.status = 'ok' AND (" +
                          out_of_exports + ")").c_str());
  }
  docs["paths"] = scalar(db, "SELECT count(*) FROM document_paths");
  // Reasons start with the file's path ("x.pdf: encrypted"); group by what follows it.
  nlohmann::json reasons = nlohmann::json::array();
  {
    auto st = db.prepare(std::string(
        "SELECT CASE WHEN substr(error, 1, length(path) + 2) = path || ': ' "
        "            THEN substr(error, length(path) + 3) ELSE coalesce(error, '(no reason)') END AS r, "
        "       count(*) AS n FROM documents d WHERE status = 'failed' AND NOT " + retired + " GROUP BY r ORDER BY n DESC, r"));
    while (st.step()) reasons.push_back({{"reason", st.column_text(0)}, {"count", st.column_int(1)}});
  }
  docs["failure_reasons"] = reasons;
  nlohmann::json failed = nlohmann::json::array();
  {
    auto st = db.prepare("SELECT path, coalesce(error, '') FROM documents d WHERE status = 'failed' AND NOT " +
                         retired + " ORDER BY path LIMIT ?");
    st.bind(1, max_failed);
    while (st.step()) failed.push_back({{"path", st.column_text(0)}, {"error", st.column_text(1)}});
  }
  docs["failed_documents"] = failed;
  // ok documents whose last re-processing failed: their stored rows are from the earlier success.
  docs["kept_after_failed_attempt"] =
      scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND error IS NOT NULL");
  nlohmann::json kept = nlohmann::json::array();
  {
    auto st = db.prepare("SELECT path, error, pipeline_version FROM documents WHERE status = 'ok' "
                         "AND error IS NOT NULL ORDER BY path LIMIT ?");
    st.bind(1, max_failed);
    while (st.step())
      kept.push_back({{"path", st.column_text(0)}, {"error", st.column_text(1)},
                      {"pipeline_version", st.column_text(2)}});
  }
  docs["kept_documents"] = kept;
  // Byte-different copies of one paper (review 19 defect 14: an owner-password copy of a PDF): papers
  // of ok documents with one DOI and exactly the same paragraph texts in order, kind 'other' aside
  // (since v20 per paper: a file's part, docs/pdf.md). A supplement or a corrected version differs
  // in text and is not listed. The copies export leaves out, each with the copy it writes instead:
  // db::duplicate_copies(), the function export and `curate` use (before s21 stats had its own SQL,
  // which named the earliest copy even when export kept an edited later one). It needs the view
  // duplicate_documents (schema v16); a file read without migrating that is older lists none and
  // says why (`duplicates_unknown`): 0 there means "not looked for", not "none".
  nlohmann::json dups = nlohmann::json::array();
  docs["duplicate_files"] = 0;
  if (!has_object(db, "view", "duplicate_documents")) {
    docs["duplicates_unknown"] = "schema v" + std::to_string(db.schema_version()) +
                                 " predates duplicate detection (v16) and the database was read without upgrading it "
                                 "(it or its folder is read-only); `synthdb stats` on a writable copy lists them";
  } else {
    auto path_of = db.prepare("SELECT path FROM documents WHERE id = ?");
    auto path = [&](int64_t id) {
      path_of.reset();
      path_of.bind(1, id);
      return path_of.step() ? path_of.column_text(0) : std::string();
    };
    // Per paper (schema v20): `part` and `duplicate_of_part` name the paper of each file (1: a
    // one-paper file), so that a paper stored alone and as part 2 of an issue PDF is listed too;
    // `papers_in_file` (s29-db): how many papers that file holds (1: the copy is the whole file; so
    // too before v20, read without migrating, whose duplicate_documents lists whole files only).
    auto parts_of = db.prepare(has_object(db, "view", "duplicate_parts")
                                   ? "SELECT 1 + count(*) FROM document_parts WHERE document_id = ? AND part > 1"
                                   : "SELECT 1 WHERE ? IS NOT NULL");
    auto papers = [&](int64_t id) {
      parts_of.reset();
      parts_of.bind(1, id);
      return parts_of.step() ? parts_of.column_int(0) : int64_t{1};
    };
    std::vector<std::pair<std::pair<std::string, int64_t>, nlohmann::json>> rows;
    std::set<int64_t> files;
    for (const DuplicateCopy& c : duplicate_copies(db)) {
      files.insert(c.id);
      const std::string copy_path = path(c.id);
      rows.push_back({{copy_path, c.part}, nlohmann::json{{"path", copy_path},
                                                           {"sha256", c.sha256},
                                                           {"duplicate_of", path(c.kept)},
                                                           {"duplicate_of_sha256", c.kept_sha256},
                                                           {"part", c.part},
                                                           {"duplicate_of_part", c.kept_part},
                                                           {"papers_in_file", papers(c.id)}}});
    }
    docs["duplicate_files"] = files.size();
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& r : rows) dups.push_back(std::move(r.second));
  }
  // Papers (rows of duplicate_parts); duplicate_files: the ok documents holding them.
  docs["duplicates"] = dups.size();
  docs["duplicate_documents"] = dups;
  s["documents"] = docs;

  nlohmann::json versions = nlohmann::json::array();
  {
    auto st = db.prepare("SELECT pipeline_version, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC");
    while (st.step())
      versions.push_back({{"version", st.column_text(0)}, {"documents", st.column_int(1)}});
  }
  s["pipeline_versions"] = versions;

  nlohmann::json paras;
  paras["total"] = scalar(db, "SELECT count(*) FROM paragraphs");
  paras["by_kind"] = counts_by(db, "SELECT kind, count(*) FROM paragraphs GROUP BY 1 ORDER BY 2 DESC");
  paras["by_section_type"] =
      counts_by(db, "SELECT section_type, count(*) FROM paragraphs GROUP BY 1 ORDER BY 2 DESC");
  paras["by_label"] = counts_by(
      db, "SELECT label, count(*) FROM paragraphs WHERE label IS NOT NULL GROUP BY 1 ORDER BY 2 DESC");
  paras["extraction_failed"] =
      scalar(db, "SELECT count(*) FROM paragraphs WHERE extraction_status LIKE 'failed%'");
  s["paragraphs"] = paras;

  nlohmann::json ents;
  ents["total"] = scalar(db, "SELECT count(*) FROM entities");
  ents["by_type"] = counts_by(db, "SELECT type, count(*) FROM entities GROUP BY 1 ORDER BY 2 DESC");
  s["entities"] = ents;

  if (has_object(db, "table", "syntheses")) {
    nlohmann::json syn;
    syn["total"] = scalar(db, "SELECT count(*) FROM syntheses");
    syn["by_status"] = counts_by(db, "SELECT status, count(*) FROM syntheses GROUP BY 1 ORDER BY 2 DESC");
    s["syntheses"] = syn;
    // Curation figures: edits (rows of curation that set a field, carried copies included), records
    // and rows deleted now (tombstones), hand-added records, flagged edits (curate flagged) and edits
    // whose flag was dismissed (curate dismiss).
    nlohmann::json cur;
    cur["edits"] = scalar(db, "SELECT count(*) FROM curation WHERE field NOT IN ('deleted', 'added')");
    cur["deleted"] = scalar(db, "SELECT count(*) FROM synthesis_tombstones");
    cur["manual_records"] = scalar(db, "SELECT count(*) FROM syntheses WHERE origin = 'manual'");
    cur["flagged"] = scalar(db, "SELECT count(*) FROM curation WHERE flagged = 1");
    // Edits whose flag a curator dismissed (schema v19), their target still lost: not flagged again since,
    // flag_reason kept (a run that finds the target clears it, and the dismissal has ended).
    cur["dismissed"] = has_object(db, "table", "curation_dismissals")
                           ? scalar(db, "SELECT count(*) FROM curation c WHERE " + dismissed_lost_sql("c"))
                           : 0;
    cur["carried"] = has_column(db, "curation", "carried_from")
                         ? scalar(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL")
                         : 0;
    // Item-key edits of a step's temperature or time whose row several records hold with values read
    // in different places (a base and a variant that read its own temperature): such an edit sets the
    // value in every one of them and, since schema v7, moves each record's condition that held it (a
    // variant's own reaction temperature included). `curate set` refuses these without --all since
    // s20-curate; a binary before schema v7 stored them without asking. Listed (the latest edit of
    // each item_key and field, not flagged) so that a curator can check them: `curate show KEY`, and
    // a record-level edit (reaction_temperature_c, ...) to correct one record (s21-cure).
    nlohmann::json across = nlohmann::json::array();
    {
      auto st = db.prepare(
          "SELECT c.id, c.target_key, c.field, coalesce(c.new_value, ''), c.at, c.curator, "
          "  (SELECT group_concat(r, ', ') FROM (SELECT s.key || ' ' || coalesce(CAST(CASE c.field WHEN 'temperature_c' "
          "     THEN x.temperature_c ELSE x.time_s END AS TEXT), 'none') AS r FROM synthesis_steps x JOIN syntheses s ON "
          "     s.id = x.synthesis_id WHERE x.item_key = c.target_key AND s.key NOT IN (SELECT key FROM "
          "     synthesis_tombstones) ORDER BY s.key)) "
          "FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.field IN ('temperature_c', 'time_s') "
          "AND c.flagged = 0 AND c.id = (SELECT max(c2.id) FROM curation c2 WHERE c2.target_table = c.target_table "
          "  AND c2.target_key = c.target_key AND c2.field = c.field) "
          "AND (SELECT count(DISTINCT CASE c.field WHEN 'temperature_c' THEN coalesce(x.temperature_c, '') || '@' || "
          "       coalesce(x.temperature_paragraph, '') || ':' || coalesce(x.temperature_start, '') "
          "     ELSE coalesce(x.time_s, '') || '@' || coalesce(x.time_paragraph, '') || ':' || coalesce(x.time_start, '') END) "
          "     FROM synthesis_steps x JOIN syntheses s ON s.id = x.synthesis_id WHERE x.item_key = c.target_key "
          "     AND s.key NOT IN (SELECT key FROM synthesis_tombstones)) > 1 "
          "ORDER BY c.id");
      while (st.step())
        across.push_back({{"id", st.column_int(0)},
                          {"item_key", st.column_text(1)},
                          {"field", st.column_text(2)},
                          {"value", st.column_text(3)},
                          {"at", st.column_text(4)},
                          {"curator", st.column_text(5)},
                          {"records", st.column_text(6)}});
    }
    cur["item_edits_across_records"] = across;
    s["curation"] = cur;
  }

  nlohmann::json runs;
  runs["total"] = scalar(db, "SELECT count(*) FROM runs");
  runs["unfinished"] = scalar(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL");
  nlohmann::json last = nlohmann::json::array();
  {
    auto st = db.prepare("SELECT id, kind, started_at, finished_at, new, skipped, failed, coalesce(host, ''), "
                         "coalesce(pid, 0) FROM runs ORDER BY id DESC LIMIT 5");
    while (st.step()) {
      last.push_back({{"id", st.column_int(0)},
                      {"kind", st.column_text(1)},
                      {"started_at", st.column_text(2)},
                      {"finished_at", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.column_text(3))},
                      {"new", st.column_int(4)},
                      {"skipped", st.column_int(5)},
                      {"failed", st.column_int(6)},
                      {"host", st.column_text(7)},
                      {"pid", st.column_int(8)}});
    }
  }
  runs["last"] = last;
  s["runs"] = runs;
  tx.commit();
  return s;
}

void settle_run_states(Database& db, nlohmann::json& stats,
                       const std::function<std::string(const nlohmann::json& run)>& state_of) {
  for (auto& run : stats["runs"]["last"]) {
    run["state"] = run["finished_at"].is_null() ? state_of(run) : "finished";
    if (run["state"] != "interrupted") continue;
    // Its process is gone now, but it may have finished after the snapshot: read its row again.
    auto st = db.prepare("SELECT finished_at, new, skipped, failed FROM runs WHERE id = ? AND finished_at IS NOT NULL");
    st.bind(1, run["id"].get<int64_t>());
    if (!st.step()) continue;
    run["finished_at"] = st.column_text(0);
    run["new"] = st.column_int(1);
    run["skipped"] = st.column_int(2);
    run["failed"] = st.column_int(3);
    run["state"] = "finished";
    stats["runs"]["unfinished"] = stats["runs"]["unfinished"].get<int64_t>() - 1;
  }
}

}  // namespace synthdb::db
