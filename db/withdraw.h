#pragma once

// Withdrawing documents (`synthdb remove`, schema v8): a retracted or off-topic paper, or a good PDF
// taken out of the collection, leaves every export and view but nothing is deleted: the document
// row, its derived rows and every curator edit stay, and `--undo` brings it back.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb::db {

class Database;

// The prefix of documents.retired that marks a withdrawal.
inline constexpr std::string_view kWithdrawnPrefix = "withdrawn: ";

// A stored document as `synthdb remove` shows it.
struct StoredDocument {
  int64_t id = 0;
  std::string sha256;
  std::string path;     // documents.path (last seen)
  std::string status;   // ok | failed
  std::string retired;  // documents.retired: "" when current
  int64_t records = 0;  // its extracted synthesis records
  int64_t edits = 0;    // curator edits of its records and rows
};

// sha256 of the withdrawn documents (documents.retired starts with kWithdrawnPrefix). Empty before
// schema v6.
std::set<std::string> withdrawn_documents(Database& db);

// The documents `what` names: a sha256 (64 hex digits, or a prefix of at least 8 that matches one
// document), else a path stored for a document (documents.path or any document_paths row: every
// version of a file edited in place), else an existing file on disk whose content (sha256) is
// stored. Empty when nothing matches; throws UsageError when a sha256 prefix matches several.
// `abs_what` (schema v11): the absolute path `what` names from the current folder; a stored path row
// whose abs_path is known and differs is another folder's file of that spelling and is not matched.
std::vector<StoredDocument> find_documents(Database& db, std::string_view what, std::string_view display_what,
                                           std::string_view abs_what = {});

// Marks the document withdrawn (documents.retired = "withdrawn: <reason> (<who>)", retired_at =
// now). Returns false (changes nothing) when it already is. Call inside a Transaction.
bool withdraw_document(Database& db, int64_t id, std::string_view reason, std::string_view who);

// Clears a withdrawal (`remove --undo`): returns false when the document was not withdrawn (a
// failed document retired by ingest is not touched). Call inside a Transaction.
bool restore_document(Database& db, int64_t id);

}  // namespace synthdb::db
