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

std::vector<SearchHit> search(Database& db, const SearchOptions& o) {
  const std::string q = fts_query(o.query);
  if (q.empty()) throw UsageError("search: the query has no words to search for");
  if (o.limit < 1) throw UsageError("search: --limit must be at least 1");
  // Old versions of files edited in place and withdrawn documents (both in superseded_documents
  // since schema v8) are out of exports and views; search leaves them out too unless asked.
  const bool superseded_view = has_object(db, "view", "superseded_documents");
  const bool withdrawn_view = has_object(db, "view", "withdrawn_documents");
  std::string state = "''";
  if (o.all_versions && withdrawn_view)
    state = "CASE WHEN d.id IN (SELECT id FROM withdrawn_documents) THEN 'withdrawn' "
            "WHEN d.id IN (SELECT id FROM superseded_documents) THEN 'superseded' ELSE '' END";
  else if (o.all_versions && superseded_view)
    state = "CASE WHEN d.id IN (SELECT id FROM superseded_documents) THEN 'superseded' ELSE '' END";
  auto st = db.prepare(
      "SELECT d.sha256, d.path, coalesce(d.title, ''), coalesce(d.doi, ''), p.ordinal, p.page, p.kind, p.section, "
      "coalesce(p.label, ''), bm25(paragraphs_fts) AS rank, "
      "snippet(paragraphs_fts, 0, :open, :close, '…', :tokens), " + state + " "
      "FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
      "JOIN documents d ON d.id = p.document_id "
      "WHERE paragraphs_fts MATCH :q AND (:kind = '' OR p.kind = :kind) AND (:label = '' OR p.label = :label) "
      "AND (:stype = '' OR p.section_type = :stype) " +
      std::string(!o.all_versions && superseded_view ? "AND d.id NOT IN (SELECT id FROM superseded_documents) "
                                                     : "") +
      "ORDER BY rank LIMIT :limit");
  st.bind(st.parameter_index(":open"), o.mark_open)
      .bind(st.parameter_index(":close"), o.mark_close)
      .bind(st.parameter_index(":tokens"), std::max(1, std::min(64, o.snippet_tokens)))
      .bind(st.parameter_index(":q"), q)
      .bind(st.parameter_index(":kind"), o.kind)
      .bind(st.parameter_index(":label"), o.label)
      .bind(st.parameter_index(":stype"), o.section_type)
      .bind(st.parameter_index(":limit"), o.limit);
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
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace synthdb::db
