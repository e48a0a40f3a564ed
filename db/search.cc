#include "db/search.h"

#include <algorithm>
#include <cctype>

#include "db/database.h"
#include "extract/core/error.h"

namespace synthdb::db {

std::string fts_query(std::string_view text) {
  // unicode61 splits on everything that is not a letter or digit, so do the same here and quote
  // each word: "Cd(OAc)2" → "Cd" "OAc" "2", and `" OR 1=1; --` cannot become FTS5 syntax.
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
    word.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || std::isalnum(c)) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

namespace {

// The FROM / WHERE shared by search() and count_hidden(): the query and the three filters, bound by
// bind_filters().
constexpr const char* kMatch =
    "FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
    "JOIN documents d ON d.id = p.document_id "
    "WHERE paragraphs_fts MATCH :q AND (:kind = '' OR p.kind = :kind) AND (:label = '' OR p.label = :label) "
    "AND (:stype = '' OR p.section_type = :stype) ";

std::string checked_query(const SearchOptions& o) {
  const std::string q = fts_query(o.query);
  if (q.empty()) throw UsageError("search: the query has no words to search for");
  if (o.limit < 1) throw UsageError("search: --limit must be at least 1");
  return q;
}

void bind_filters(Statement& st, const std::string& q, const SearchOptions& o) {
  st.bind(st.parameter_index(":q"), q)
      .bind(st.parameter_index(":kind"), o.kind)
      .bind(st.parameter_index(":label"), o.label)
      .bind(st.parameter_index(":stype"), o.section_type);
}

// A hit's `column` (doi or title): that of its paragraph's paper, the document_parts row of a later
// part of a file holding several papers (schema v15), else the document's.
std::string paper_column(Database& db, const std::string& column) {
  if (!has_object(db, "table", "document_parts")) return "coalesce(d." + column + ", '')";
  return "coalesce((SELECT coalesce(x." + column + ", '') FROM document_parts x WHERE x.document_id = d.id "
         "AND x.part = p.part AND p.part > 1), d." + column + ", '')";
}

}  // namespace

std::vector<SearchHit> search(Database& db, const SearchOptions& o) {
  const std::string q = checked_query(o);
  // Old versions of files edited in place and withdrawn documents (both in superseded_documents
  // since schema v8) and byte-different copies of a paper that export writes once (duplicate_parts,
  // v20: per paper, the hit's paragraph's part; before, duplicate_documents, v16: whole files) are
  // out of exports and views; search leaves them out too unless asked, and then names them. Each
  // view is read where the schema has it; the first that holds a hit names its state.
  struct OutOfExports {
    const char* view;
    const char* state;
    bool hides;        // withdrawn documents are in superseded_documents too: one NOT IN hides both
    const char* key;   // the hit's columns the view's are compared with
    const char* cols;  // the view's columns
  };
  constexpr OutOfExports kViews[] = {{"withdrawn_documents", "withdrawn", false, "d.id", "id"},
                                     {"superseded_documents", "superseded", true, "d.id", "id"},
                                     {"duplicate_parts", "duplicate", true, "(d.id, p.part)", "id, part"},
                                     {"duplicate_documents", "duplicate", true, "d.id", "id"}};
  std::string state, hidden;
  for (const OutOfExports& v : kViews) {
    if (!has_object(db, "view", v.view)) continue;
    if (v.view == std::string_view("duplicate_documents") && has_object(db, "view", "duplicate_parts")) continue;
    const std::string in = std::string(v.key) + " IN (SELECT " + v.cols + " FROM " + v.view + ") ";
    if (v.hides) hidden += "AND NOT " + in;
    state += "WHEN " + in + "THEN '" + v.state + "' ";
  }
  state = o.all_versions && !state.empty() ? "CASE " + state + "ELSE '' END" : "''";
  auto st = db.prepare(
      "SELECT d.sha256, d.path, " + paper_column(db, "title") + ", " + paper_column(db, "doi") +
      ", p.ordinal, p.page, p.kind, p.section, "
      "coalesce(p.label, ''), bm25(paragraphs_fts) AS rank, "
      "snippet(paragraphs_fts, 0, :open, :close, '…', :tokens), " + state + ", d.id " + kMatch +
      (o.all_versions ? std::string() : hidden) +
      "ORDER BY rank LIMIT :limit");
  bind_filters(st, q, o);
  st.bind(st.parameter_index(":open"), o.mark_open)
      .bind(st.parameter_index(":close"), o.mark_close)
      .bind(st.parameter_index(":tokens"), std::max(1, std::min(64, o.snippet_tokens)))
      .bind(st.parameter_index(":limit"), o.limit);
  // The records a paragraph belongs to: syntheses.paragraphs is a JSON array of ordinals (schema v2).
  auto keys = db.prepare(
      "SELECT s.key FROM syntheses s WHERE s.document_id = ?1 AND s.key NOT IN (SELECT key FROM synthesis_tombstones) "
      "AND EXISTS (SELECT 1 FROM json_each(s.paragraphs) j WHERE j.value = ?2) ORDER BY s.key");
  std::vector<SearchHit> hits;
  while (st.step()) {
    SearchHit h;
    h.document_sha256 = st.column_text(0);
    h.path = st.column_text(1);
    h.title = st.column_text(2);
    h.doi = st.column_text(3);
    h.ordinal = static_cast<int>(st.column_int(4));
    h.page = static_cast<int>(st.column_int(5));
    h.kind = st.column_text(6);
    h.section = st.column_text(7);
    h.label = st.column_text(8);
    h.rank = st.column_double(9);
    h.snippet = st.column_text(10);
    h.out_of_exports = st.column_text(11);
    keys.reset();
    keys.bind(1, st.column_int(12)).bind(2, static_cast<int64_t>(h.ordinal));
    while (keys.step()) h.synthesis_keys.push_back(keys.column_text(0));
    hits.push_back(std::move(h));
  }
  return hits;
}

int64_t count_hidden(Database& db, const SearchOptions& o) {
  const std::string q = checked_query(o);
  if (o.all_versions || !has_object(db, "view", "superseded_documents")) return 0;
  auto st = db.prepare(std::string("SELECT count(*) ") + kMatch +
                       "AND d.id IN (SELECT id FROM superseded_documents)");
  bind_filters(st, q, o);
  return st.step() ? st.column_int(0) : 0;
}

}  // namespace synthdb::db
