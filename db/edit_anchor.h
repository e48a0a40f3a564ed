#pragma once

// Anchors of record edits (schema v12, review s21 item 1). A variant key "<sha16>-pN-vV" numbers the
// variants of paragraph N in order: when a new pipeline drops or adds one, the later keys name a
// neighbouring record. Each record edit stores the anchor of the record it was made on (view
// synthesis_anchors: the spans in paragraph N of everything that record read there); re-processing
// (refresh_flags) and carrying to a new file version (carry_superseded_edits) check it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb::db {

class Database;

// Suffix of the target_key of a detached edit: no record holds that key, so the edit applies to
// nothing until re-processing finds its record again.
inline constexpr std::string_view kUnplacedSuffix = "@unplaced";

// True when the database has curation.anchor (schema v12 or later).
bool has_edit_anchors(Database& db);

// The anchor of record `key` ("p25 98-125 137-143"); nullopt for a base or manual record, or no
// record. Needs schema v12.
std::optional<std::string> record_anchor(Database& db, std::string_view key);

// An anchor's spans without its "pN" ("98-125 137-143"; "" for "p25"): what stays the same when a
// paragraph keeps its text under another ordinal.
std::string anchor_spans(std::string_view anchor);

// The evidence of an anchor: its spans without the failure cue's ("fS-E") and without "pN".
std::string anchor_evidence(std::string_view anchor);

// The record of document `sha16` (first 16 hex digits) in paragraph `paragraph` whose anchor has
// `spans`, else the one whose anchor has the same evidence (not empty: the failure cue may be read
// at another span by a new failure lexicon); "" when no record or more than one has.
std::string find_by_anchor(Database& db, std::string_view sha16, int paragraph, std::string_view spans);

// The item of table `table` (synthesis_materials, synthesis_steps, outcomes) in record `record_key`
// whose item_anchors identity (the anchor from its "#", e.g. "#m oleic acid|ligand|0.0015|mol") is
// `identity`: `preferred` when it is one of them, else the only one ("" when none or several, or
// when that one is a span key another record's row holds too). `count` gets how many have it.
// Needs schema v13.
std::string find_item(Database& db, const std::string& table, const std::string& record_key,
                      std::string_view identity, const std::string& preferred, int* count = nullptr);

// Re-checks the record edits of document `sha256` after its records were replaced (refresh_flags
// calls it last). An edit whose anchor is not that of the record at its key moves to the one record
// of the document that has its anchor, else to the one record with its evidence (anchor_evidence,
// not empty) (moved_from keeps the key it was made on; a tombstone moves
// with its 'deleted' edit); when no record or several have it, the edit is flagged and detached
// (target_key + "@unplaced", tombstone likewise) so that it changes no other record; a detached edit
// whose record is back is placed again. Item edits of rows without a span ("<record key>#m3", schema
// v13) follow their record the same way, then the one item of it with their identity (find_item),
// else are flagged and detached likewise. A curated parent_key naming a record of this document
// (any document's edit, schema v14) is re-pointed to the record with its value_anchor, else that edit
// is flagged and detached. Returns how many edits moved (placed again and re-pointed included).
int reanchor_edits(Database& db, std::string_view sha256);

// The ids of the flagged edits of document `sha256` (synthesis keys and item keys), sorted.
std::vector<int64_t> flagged_edit_ids(Database& db, std::string_view sha256);

}  // namespace synthdb::db
