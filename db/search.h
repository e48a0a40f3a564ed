#pragma once

// Full-text search over paragraphs (FTS5 table paragraphs_fts, schema v2). All user input reaches
// SQLite as bound parameters; the query text is turned into an FTS5 expression of quoted terms, so
// FTS5 operators and quotes in it are searched for as words, never interpreted.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb::db {

class Database;

struct SearchOptions {
  std::string query;      // words; every word must occur (any order, case- and accent-insensitive)
  std::string kind;       // paragraph kind filter (body, caption, ...); "" = any
  std::string label;      // classifier label filter (synthesis, other, ...); "" = any
  std::string section_type;  // introduction | experimental | results | ...; "" = any
  int limit = 20;         // at most this many hits, best first (BM25)
  std::string mark_open = "[";   // put around matched words in the snippet
  std::string mark_close = "]";
  int snippet_tokens = 24;
  // Also paragraphs of old versions of files edited in place and of withdrawn documents (view
  // superseded_documents, which holds both since schema v8) and of byte-different copies of a paper
  // (view duplicate_parts, v20: per paper, so a paragraph of an issue PDF's part that repeats a
  // paper stored alone too is one; v16-v19: duplicate_documents, whole files); by default they are
  // left out, as `synthdb export` leaves out their records.
  bool all_versions = false;
};

struct SearchHit {
  std::string document_sha256;
  std::string path;
  // The paragraph's paper's: a later part of a file holding several papers gives its own (schema v15).
  std::string title;
  std::string doi;
  int ordinal = 0;  // paragraph ordinal
  int page = 0;
  std::string kind;
  std::string section;
  std::string label;
  double rank = 0;  // BM25 score as FTS5 reports it: lower is better
  std::string snippet;
  std::string out_of_exports;  // "" (current document), "superseded", "withdrawn" or "duplicate" (only with all_versions)
  // Keys of the records (syntheses.key, what `synthdb curate` takes) whose `paragraphs` hold this
  // paragraph, deleted records left out; sorted; empty when the paragraph belongs to none.
  std::vector<std::string> synthesis_keys;
};

// Turns free text into an FTS5 query: each word (letters/digits run, Unicode kept) becomes a
// quoted term, joined by spaces (AND). Returns "" when the text has no word.
std::string fts_query(std::string_view text);

// Searches paragraphs, of current documents only unless options.all_versions (a database of schema
// < v4, opened without migrating, has no superseded_documents view: every document is searched,
// and before v8 withdrawn documents do not exist). Throws UsageError for an empty query or a limit below 1, DbError otherwise.
std::vector<SearchHit> search(Database& db, const SearchOptions& options);

// How many paragraphs search() leaves out because their document is superseded or withdrawn (the
// same query and filters, no limit); 0 with options.all_versions or before schema v4. A duplicate
// copy's paragraphs are not counted: the copy export writes holds the same texts, so they match too.
int64_t count_hidden(Database& db, const SearchOptions& options);

}  // namespace synthdb::db
