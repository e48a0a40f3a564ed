#pragma once

// Storing and reading synthesis records (schema v2: syntheses, synthesis_materials, synthesis_steps,
// outcomes, manual_records). Writers expect the caller to hold a Transaction; everything throws
// DbError (or InputError/UsageError where said).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "db/curation.h"
#include "extract/records/records.h"

namespace synthdb::db {

class Database;

// Replaces the extracted records of the document with rowid `document_id`: deletes its rows with
// origin 'extracted' and inserts `syntheses` (materials, steps, outcomes with entity ids resolved
// from paragraph ordinal + entity index). Manual records, curation and tombstones are not touched;
// afterwards refresh_flags() re-checks the curator edits of this document (an edit whose record or
// span no longer exists is flagged, one whose row is back is unflagged). Call inside the
// per-document Transaction, after write_document(). Returns what carry_superseded_edits() did for a
// new version of a file edited in place: curator edits carried to it, and edits newly flagged
// because their target is not in it. Throws DbError when the document does not exist or two
// records share a key.
CarryResult store_syntheses(Database& db, int64_t document_id, const std::vector<records::Synthesis>& syntheses);

// The same, from the JSON array records::to_json writes (DocumentResult::records_json, as the
// ingest worker hands it over). An empty string stores nothing but still clears old records.
// Throws InputError for malformed JSON.
CarryResult store_syntheses_json(Database& db, int64_t document_id, std::string_view records_json);

// Adds a hand-made record (`synthdb add`): origin 'manual', no document, never deleted by ingest.
// An empty s.key gets "manual-<16 hex of the JSON's sha256>". `source` says where it comes from
// (lab notebook, DOI). The record's JSON is kept in manual_records and the addition is logged in
// curation (field 'added'). Returns the key. Throws UsageError when the key is already used or
// curator is empty. Call inside a Transaction.
std::string add_manual_synthesis(Database& db, records::Synthesis s, std::string_view source,
                                 std::string_view curator, std::string_view reason);

// `synthdb add`'s JSON record before it is read: a condition given as text with its unit ("573 K",
// "2 min"), of the record (*_temperature_c, *_time_s) or of a step (temperature_c, time_s), becomes
// the number in the field's canonical unit (°C, s), as `curate set` takes it. Text without a unit is
// left for the reader to refuse. Throws UsageError naming the field for a unit of another kind.
void convert_condition_units(nlohmann::json& record);

// Stable key of a material/step/outcome row: "<sha256>:p<paragraph>:<start>-<end>" of its source
// span, or "<synthesis key>#<letter><ordinal>" (m, s, o) when it has none.
std::string item_key(std::string_view document_sha256, std::string_view synthesis_key, char kind, int ordinal,
                     const records::SourceRef& ref);

// Which step each of the record's conditions was read from (schema v10, synthesis_steps.supplies):
// index 0..5 = injection_temperature_c, injection_time_s, growth_temperature_c, growth_time_s,
// reaction_temperature_c, reaction_time_s; the value is an index into s.steps, -1 for none. Mirrors
// records::derive_conditions on the final steps (the injection step, else the last temperature
// before it; the first of the growth stage; the first step at the reaction temperature that is not
// a drying/work-up/degassing/cooling/annealing, else a degassing when nothing is injected, and the
// first time from there); a condition no such step holds (a role's value) goes to the first step
// holding its value. A step is named only when it holds the condition's value.
std::array<int, 6> condition_suppliers(const records::Synthesis& s);

// Reads one stored record by key as stored (no curation applied); nullopt when absent.
std::optional<records::Synthesis> load_synthesis(Database& db, std::string_view key);

}  // namespace synthdb::db
