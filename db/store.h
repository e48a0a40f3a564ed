#pragma once

// Reading and writing documents with their derived rows (paragraphs, labels, entities), paths and
// runs. Functions that write expect the caller to hold a Transaction (one per document), so a killed
// process never leaves half a document behind.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "extract/core/document.h"
#include "extract/core/entity.h"

namespace synthdb::db {

class Database;

// One paragraph as ingest stores it: the paragraph plus what the classifier and the rules said.
struct ParagraphResult {
  Paragraph paragraph;
  std::string label;  // "" = not classified (non-body paragraphs)
  std::optional<double> score;
  std::optional<double> synthesis_score;
  std::string method;
  std::string model_version;
  std::string extraction_status = "none";  // none | ok | failed: <reason>
  std::string synthesis_status;            // success | failed | unknown; "" when not extracted
  std::vector<Entity> entities;            // Entity::material indexes this vector
};

// The outcome of processing one file, as the worker hands it to the writer.
struct DocumentResult {
  std::string sha256;
  std::string path;
  std::string format;  // pdf | txt | "" unknown
  DocumentMeta meta;
  std::string status = "ok";  // ok | failed
  std::string error;          // one line, set when failed
  std::string pipeline_version;
  double seconds = 0;  // worker wall time
  std::vector<ParagraphResult> paragraphs;
  // Synthesis records built in the worker (JSON array, records::Synthesis form), "" when none.
  // Carried through the worker pipe untouched; the records store writes them (see app/cmd_ingest.cc).
  std::string records_json;
};

void to_json(nlohmann::json& j, const ParagraphResult& p);
void from_json(const nlohmann::json& j, ParagraphResult& p);
void to_json(nlohmann::json& j, const DocumentResult& d);
void from_json(const nlohmann::json& j, DocumentResult& d);

// What the database already knows about a content hash.
struct KnownDocument {
  int64_t id = 0;
  std::string status;
  std::string pipeline_version;
  std::string error;  // for an ok document: the reason its last re-processing failed, if it did
  std::string path;
};

// nullopt when no document has this sha256.
std::optional<KnownDocument> find_document(Database& db, std::string_view sha256);

// Replaces everything derived from the document `doc.sha256`: deletes its old row (cascading to
// paragraphs, entities and every later table that references documents/paragraphs ON DELETE
// CASCADE) and inserts the new one, keeping the old documents.id when there was one. Also records
// doc.path in document_paths. Call inside a Transaction. Returns the documents.id.
int64_t write_document(Database& db, const DocumentResult& doc);

// A failed attempt at re-processing a document that already has a good (status ok) stored version
// must not destroy it: when `failed.status` is "failed" and the database holds an ok version of
// `failed.sha256`, this keeps that version (paragraphs, entities, records, pipeline_version,
// ingested_at all untouched), records the attempt in its `error` column (an ok row with an error =
// "the last re-processing failed; these rows are from the earlier successful one") and notes the
// path. Returns true when it did so; false (and changes nothing) otherwise, in which case the caller
// stores the failed document with write_document(). Call inside a Transaction.
bool keep_previous_version(Database& db, const DocumentResult& failed);

// Notes that `sha256` was seen at `path` (insert or bump last_seen; since schema v19 the row also takes
// the next seen_order, the order of sightings within a second). Call inside a Transaction.
// `abs_path` (schema v11): the absolute, lexically normalised path ingest resolved for this sighting
// (app::path_key()). Since v17 each absolute path has its own row (one spelling in two folders is
// two files): the sighting bumps its folder's row, else fills a row of this spelling that has no
// folder yet (NULL), else adds a row. Empty `abs_path` bumps the row without a folder, or adds one
// when the spelling has no row at all; it never touches a folder's row. A row of this content at
// another absolute path whose file no longer exists (a moved folder, a renamed file, a deleted copy;
// any spelling) is folded into the sighting's row. (merge_path() below does not look at the file system: shards come from other hosts.)
void record_path(Database& db, std::string_view sha256, std::string_view path, std::string_view abs_path = {});

// record_path() with the times given (merge: a shard's row; the stored row keeps the earliest
// first_seen and the latest last_seen). Returns whether a row was added or changed.
bool merge_path(Database& db, std::string_view sha256, std::string_view path, std::string_view abs_path,
                std::string_view first_seen, std::string_view last_seen);

// A document whose file is gone: a failed one retired (schema v6 documents.retired / retired_at), or
// an ok one still in force (missing_documents).
struct RetiredFailure {
  std::string sha256;
  std::string path;  // documents.path
};

// Retires every failed document not retired yet, whose content is not in `found` (sha256 values
// seen by this run), and whose every known path (documents.path and its document_paths rows) is
// `gone`: sets retired = `reason`, retired_at = now. Ok documents (also those whose last
// re-processing failed) are never touched, nor is curation. Returns the retired documents in path
// order. Call inside a Transaction.
// `gone` gets a stored path and its document_paths.abs_path ("" when unknown, schema < v11 rows).
std::vector<RetiredFailure> retire_failures(Database& db,
                                            const std::function<bool(const std::string&, const std::string&)>& gone,
                                            const std::set<std::string>& found, std::string_view reason);

// Ok documents in force (not withdrawn, not an old version of a file edited in place, not a duplicate
// copy export leaves out) whose content
// is not in `found` and whose every known path is `gone` (as above): a paper deleted from a walked
// folder. They stay in exports and views (deleting a file is not withdrawing it: `synthdb remove`);
// ingest names them so the operator can tell. In path order; reads only.
std::vector<RetiredFailure> missing_documents(Database& db,
                                              const std::function<bool(const std::string&, const std::string&)>& gone,
                                              const std::set<std::string>& found);

// The content `sha256` was found again: a retired failed document of it is a current failure
// again (retired cleared). Returns true when one was. Call inside a Transaction.
bool unretire_failure(Database& db, std::string_view sha256);

// Reads a stored document back (paragraphs in ordinal order, entities in ordinal order);
// nullopt when absent. Used by tests and by commands that re-process stored text.
std::optional<DocumentResult> load_document(Database& db, std::string_view sha256);

// Run log. begin_run inserts a row with started_at = now and returns its id; finish_run fills in
// the counts, finished_at and the report. Each is its own short transaction.
int64_t begin_run(Database& db, std::string_view kind, std::string_view args);
void finish_run(Database& db, int64_t run_id, int new_count, int skipped, int failed,
                std::string_view report_json);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now();

}  // namespace synthdb::db
