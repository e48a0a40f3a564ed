#pragma once

// Export of synthesis records as training sets: syntheses.csv (wide, one row per synthesis),
// materials.csv, steps.csv, outcomes.csv (long, keyed by synthesis_id) and dataset.json (columns
// with units and meaning, counts, filters, versions, source documents); or syntheses.jsonl (one
// nested object per synthesis) + dataset.json; and paragraphs.csv (.jsonl): the text of every
// paragraph an exported record cites, which the span columns (paragraph/start/end) point into. Curator edits and tombstones are applied; the
// database is only read.
//
// CSV: RFC 4180 (CRLF line ends, fields with comma/quote/CR/LF quoted, quotes doubled), UTF-8
// without BOM, header row, empty cell for a missing value, numbers in canonical units rounded to
// 12 significant digits and written in the shortest round-trip form. Column order is fixed (export_columns()).

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace synthdb::db {

class Database;

struct ExportOptions {
  std::filesystem::path out_dir;  // created when missing; existing files of the export are replaced
  std::string format = "csv";     // csv | jsonl
  std::string status = "all";     // success | failed | unknown | all (after curation)
  std::string method;             // keep records with this method (case-insensitive); "" = any
  std::string target_regex;       // RE2 regex searched (case-insensitive) in target and formula
  std::optional<double> min_confidence;
  // false (default): of byte-different copies of one paper (same DOI, exactly the same paragraph
  // texts; what `stats` lists as duplicate documents) only one is exported: the copy with curator
  // edits, else the lowest document id. true: every copy (before session 20).
  bool keep_duplicates = false;
  std::vector<double> split;  // e.g. {0.8, 0.1, 0.1}: train/validation/test; {} = no split column values
  uint64_t seed = 0;
  std::string command_line;  // recorded in dataset.json
  std::string created_at;    // dataset.json "created_at" (UTC ISO 8601); "" = now
  int threads = 0;           // worker threads (own read-only connections); 0 = cores, at most 4
};

struct ExportSummary {
  int64_t syntheses = 0;
  int64_t materials = 0;
  int64_t steps = 0;
  int64_t outcomes = 0;
  int64_t documents = 0;
  int64_t paragraphs = 0;  // rows of paragraphs.csv / paragraphs.jsonl
  int64_t duplicates_skipped = 0;  // documents left out as copies of another (keep_duplicates = false)
  std::map<std::string, int64_t> by_status;
  std::map<std::string, int64_t> by_split;  // syntheses per split; every split named, an empty one 0
  // Things a user should know about the export, one line each ("split \"test\" is empty: ..."): the
  // CLI prints them on stderr, dataset.json lists them under "warnings".
  std::vector<std::string> warnings;
  std::vector<std::filesystem::path> files;
};

struct ColumnSpec {
  std::string name;
  std::string type;  // string | number | integer
  std::string unit;  // "" when dimensionless or text
  std::string meaning;
};

// The columns of one export file ("syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv",
// "paragraphs.csv"), in file order. Empty for an unknown file name.
const std::vector<ColumnSpec>& export_columns(const std::string& file);

// Split name ("train", "validation", "test"; "train"/"test" for two fractions; "split<i>" beyond
// three) of a group (document sha256, or "manual:<key>") for fractions and seed: a hash of seed and
// group compared with the cumulative fractions, so it does not depend on the other documents.
std::string split_of(const std::string& group, const std::vector<double>& fractions, uint64_t seed);

// The names of `n` splits in order: train, test (2); train, validation, test (3); split0.. (else).
std::vector<std::string> split_names(size_t n);

// Parses "0.8,0.1,0.1". Throws UsageError unless 2+ non-negative numbers summing to 1 (±0.001).
std::vector<double> parse_split(const std::string& text);

// Writes the export. Throws UsageError for bad options (format, status, regex, split), Error when
// a file cannot be written (naming it), DbError for database failures.
ExportSummary export_dataset(Database& db, const ExportOptions& options);

// Byte-different copies of one paper that export leaves out. A paper is a document's part (part 1:
// the whole of a one-paper file; a later part of a file holding several papers, docs/pdf.md): papers
// of ok documents, not superseded or withdrawn, with the same DOI and exactly the same texts, in
// order, of their paragraphs of every kind but 'other' (page furniture: a journal's name above a
// title), so a paper stored alone and as part 2 of an issue PDF is one paper. Per group the kept
// copy is, of the copies with a live (not deleted) record, the first whose keys carry a value edit
// or an added record (deletes/restores do not count), else the first with a live record, else the
// first; "first": a part 1 before a later part, then by the run that first saw the file, then path,
// then id. Every other copy is listed with the kept one. Read from the view duplicate_parts (schema
// v20), the one place the rule is written, which the curated views use too; before v20 (a database
// read without migrating) from v16's duplicate_documents, whole files, part 1; empty before v16.
// Used by export, `stats` and `curate` (warning on an edit of a copy that is not exported).
struct DuplicateCopy {
  int64_t id = 0, kept = 0;
  std::string sha256, kept_sha256;
  int64_t part = 1, kept_part = 1;  // the paper of each file (paragraphs.part)
  // The paper's paragraph ordinals in its file and the kept paper's first one (before v20: 0..max, 0).
  int64_t first = 0, last = std::numeric_limits<int64_t>::max(), kept_first = 0;
};
std::vector<DuplicateCopy> duplicate_copies(Database& db);

// The kept copy's key for `key` (a record key "<sha16>-p<N>-..." or an item key "<sha>:p<N>:...") of
// the left-out copy `c`: the kept paper's paragraph with the same text as paragraph N (the nearest
// to N's place in its paper), its number swapped in, and the kept copy's sha prefix. "" when `key`
// is not of that paper, or the kept copy has no such paragraph.
std::string kept_copy_key(Database& db, const DuplicateCopy& c, const std::string& key);

}  // namespace synthdb::db
