#pragma once

// Curator edits (schema v2 `curation`, `synthesis_tombstones`): stored with who, when and why, keyed
// by stable keys (synthesis key, or the item_key of a material/step/outcome row), so that they survive
// re-ingestion and pipeline upgrades. Extracted rows are never rewritten: edits are applied on top in
// the views and in export (CurationOverlay).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace synthdb::db {

class Database;

// A curator's dismissal of an edit's flag (schema v19 `curation_dismissals`): who, when, why, and the
// flag_reason it dismissed.
struct Dismissal {
  int64_t id = 0;
  std::string curator;
  std::string reason;
  std::string at;
  std::string flag_reason;
};

struct Edit {
  int64_t id = 0;
  std::string target_table;  // syntheses | synthesis_materials | synthesis_steps | outcomes
  std::string target_key;
  std::string field;  // a column, or 'deleted' / 'restored' / 'added'
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::string curator;
  std::string reason;
  std::string at;
  bool flagged = false;
  std::string flag_reason;
  std::optional<int64_t> carried_from;  // the edit of an old version of the file this one copies (v4)
  std::optional<std::string> moved_from;  // the key it was made on, when re-processing moved it (v12)
  // A parent_key edit's value as the curator gave it, when re-processing re-pointed the value to the
  // record with that parent's anchor (v14; new_value is the key it names now).
  std::optional<std::string> value_moved_from;
  // The latest dismissal of this edit's flag (v19), whether or not it is flagged again since.
  std::optional<Dismissal> dismissed;
};

// The tables a curator edit may target: syntheses, synthesis_materials, synthesis_steps, outcomes.
// The schema v5 triggers (schema/005_curation_checks.sql) write this list and the ones below out in
// SQL; tests/records/vocabulary_test.cc fails when the two differ.
const std::vector<std::string>& curation_tables();

// The editable fields that take a number (in the field's canonical unit): confidence, the *_c and
// *_s columns, amount_value, moles, molar_ratio, heating_rate_c_per_min, value, sd.
const std::vector<std::string>& numeric_fields();

// Columns a curator may set, per table. Numeric fields take a number; status takes success |
// failed | unknown; role takes precursor | solvent | ligand | reductant | target | additive | workup | other.
const std::vector<std::string>& editable_fields(std::string_view table);

// Range rules shared by `curate set` and `add`: "" when `value` is acceptable for the numeric
// `field` (finite; confidence 0..1; times, amounts, moles, ratios, sd >= 0; temperatures >= -273.15
// °C), else a one-line reason ("confidence must be between 0 and 1, not 5").
std::string numeric_field_problem(std::string_view field, double value);

// The allowed values of the text fields with a fixed vocabulary ("role", outcome "type"), or
// nullptr for a free-text field.
const std::vector<std::string>* allowed_values(std::string_view field);

// Throws UsageError("<what>: <name> is not valid UTF-8") unless `text` is valid UTF-8: curator
// input reaches the CSV export, which must stay valid UTF-8.
void require_utf8(std::string_view text, std::string_view what, std::string_view name);

// Finds which table holds `key` now: "syntheses" for a synthesis key, else the table whose item_key
// it is. `table` restricts the search when not empty. Throws UsageError when nothing (or more than
// one table) matches.
std::string resolve_key(Database& db, std::string_view key, std::string_view table = {});

// Records `field` = `value` for the row with stable key `key` (see resolve_key). old_value is the
// value in force before (an earlier edit's, else the extracted one). Throws UsageError for an
// unknown key or field, an invalid value, or an empty curator. Returns the stored edit.
//
// An item_key names a source span that a base record and its variants share; a variant may have read
// a value of that row elsewhere (its own sentence: "at 220 °C instead"). When the records sharing
// `key` do not hold the same stored value of `field` read from the same span (for a step's
// temperature_c / time_s and a material's amount fields, the value's own evidence span), the edit
// would change values the curator did not see: set_fields then throws UsageError listing each
// record with its value and span, unless `all` (`curate set --all`) says to set it in all of them.
// An edit of a record in a superseded version of a file (view superseded_documents) takes effect
// nowhere: it throws UsageError naming the key of the same record in the current version when
// there is one (superseded_key_problem).
Edit set_field(Database& db, std::string_view key, std::string_view field, std::string_view value,
               std::string_view curator, std::string_view reason, std::string_view table = {}, bool all = false);

// set_field with the edits a unit change implies, in the order stored (the edit of `field` last): a
// material's amount_unit is converted to g, mL, mol, mol/L or % (amount_value converted with it,
// quantity set to the unit's kind: "mmol" on 0.1 stores amount_value 0.0001, quantity moles,
// amount_unit mol); an outcome's unit to its type's unit (size nm, fwhm meV, band_gap eV, plqy %:
// value and sd converted); a temperature or time may carry a unit ("553 K", "2 h"). A unit that is
// not in the extractor's units.tsv, or of the wrong kind, throws UsageError listing the accepted
// ones; a step operation must be one of operations.tsv's, a quantity one of quantity_vocabulary().
std::vector<Edit> set_fields(Database& db, std::string_view key, std::string_view field, std::string_view value,
                             std::string_view curator, std::string_view reason, std::string_view table = {},
                             bool all = false);

// "" when `key` (of `table`) belongs to a current document, else a one-line reason: the key is in a
// version of a file that was edited in place since (every path of it now holds a newer document),
// naming the key of the same paragraph and variant in the newest version when it exists there.
std::string superseded_key_problem(Database& db, std::string_view key, std::string_view table);

// Hides a record (synthesis key) or one of its rows (item_key) from synthesis_wide and exports, via
// a tombstone; logged in curation as field 'deleted'. restore_record removes the tombstone (logged
// as 'restored'). Both throw UsageError when there is nothing to delete / restore.
//
// A record other records name as their parent (its variants; a shell's cores record) leaves them
// dangling: with `cascade` they are deleted too (recursively, each with its own tombstone and log
// row); without it they stay, and export writes their parent_id empty. Returns the keys deleted
// (`key` first) and the records left whose parent is now deleted. Refuses a superseded record
// like set_fields.
struct DeleteResult {
  std::vector<std::string> deleted;
  std::vector<std::string> orphans;  // records whose parent_key (in force) is a deleted key
};
DeleteResult delete_record(Database& db, std::string_view key, std::string_view curator, std::string_view reason,
                           bool cascade = false);
// restore_record: with `cascade` the deleted records naming a restored record as parent (in force)
// are restored too, recursively; returns the keys restored (`key` first) and the deleted records
// still naming a restored one as parent (review s20, item 6).
struct RestoreResult {
  std::vector<std::string> restored;
  std::vector<std::string> still_deleted;
};
RestoreResult restore_record(Database& db, std::string_view key, std::string_view curator, std::string_view reason,
                             bool cascade = false);

// Edits in id order; `key` restricts to one target key (for a synthesis key: its own edits and those
// of its rows' item keys, which change what the views and the export show for it; session 26);
// flagged_only keeps the flagged ones.
std::vector<Edit> list_edits(Database& db, std::string_view key = {}, bool flagged_only = false);

// Dismisses the flag of edit `edit_id` (`curate dismiss`): the edit leaves `curate flagged` and the
// stats count (flagged = 0; flag_reason is kept) and the dismissal is logged in curation_dismissals;
// nothing else of the edit changes. Later runs do not flag it again while its target stays lost
// (refresh_flags, carry_superseded_edits); once a run finds its target again the dismissal has done
// its job, and a later loss flags it anew. Throws UsageError naming the id for an unknown id, an edit
// that is not flagged, an empty curator, text that is not UTF-8, or a database before schema v19.
Dismissal dismiss_flag(Database& db, int64_t edit_id, std::string_view curator, std::string_view reason);

// SQL: the edit row `alias` (a name or alias of table curation) is "dismissed, target still lost"
// (schema v19): flagged = 0 with its flag_reason kept and a dismissal logged. A run that finds the
// target clears flag_reason, which ends the dismissal. The one statement of the rule: stats'
// `dismissed` count, refresh_flags and carry_superseded_edits read it. Needs curation_dismissals.
std::string dismissed_lost_sql(std::string_view alias);

// Whether `key` names a record, a row (item_key) or the target of some edit: `curate list KEY`
// refuses a key that names nothing instead of printing nothing.
bool key_is_known(Database& db, std::string_view key);

// Whether record or row `key` is deleted (has a tombstone).
bool is_deleted(Database& db, std::string_view key);

// Re-checks the edits that belong to document `sha256` (synthesis keys starting with its first 16
// hex digits, item keys starting with the full hash): flags those whose row no longer exists,
// unflags those whose row is back. Returns how many are flagged afterwards. store_syntheses calls it.
int refresh_flags(Database& db, std::string_view sha256);

// Carries curator edits across a file edited in place. Called after document `document_id` (status
// ok) was stored, or found again by ingest (a file put back to an earlier content makes that
// version current again): for every document it supersedes (one of its paths, and every other path of the
// old version, now holds a newer ok document: view superseded_documents), each edit of the old
// version not carried before is copied to the new version when its target is there again: a
// synthesis key "<sha16>-pN-vV" or an item key "<sha>:pN:S-E" maps to paragraph M of the new version
// whose text equals that of old paragraph N (the nearest such M), and the mapped key must exist in
// the same table. The copy keeps curator, reason, time and values and names the original in
// `carried_from`; a tombstone (curate delete) is carried the same way. An edit whose target cannot
// be found is flagged ("document superseded by ...; ... not found in the new version") and kept.
// Copies of edits first made on `document_id`'s version are not carried back to it, and a carried
// restore (deleted 1 -> 0) removes the tombstone of the key it goes to.
// Idempotent. Returns {carried, flagged}: edits copied, and edits newly flagged by this call (one
// already flagged for the same reason is not counted again).
struct CarryResult {
  int carried = 0;
  int flagged = 0;
};
CarryResult carry_superseded_edits(Database& db, int64_t document_id);

// A version current again (a file put back to its content): the flags "document superseded by ..."
// its own edits got when the other version was stored no longer hold; clears them, returns how many.
int clear_superseded_flags(Database& db, int64_t document_id);

// The ids of view superseded_documents (old versions of files edited in place, and withdrawn
// documents); empty before schema v4. Ingest reads it before and after recording a run's sightings.
std::set<int64_t> superseded_document_ids(Database& db);

// Which of `found` (stored ok documents ingest found again, unchanged) need carry_superseded_edits,
// given the superseded ids before and after the run recorded its sightings: those current again (a
// file put back to an earlier content), and those sharing a path with a version this run superseded
// (a second copy of a file overwritten with its edited version). Nothing when nothing changed, so an
// unchanged folder costs two reads of the view and no carrying.
std::vector<int64_t> versions_to_carry_into(Database& db, const std::vector<int64_t>& found,
                                            const std::set<int64_t>& before, const std::set<int64_t>& after);

// All edits in force, loaded once, for applying to many rows (export). Lookups do not allocate.
class CurationOverlay {
 public:
  using Fields = std::unordered_map<std::string, std::string>;  // field → curated value
  explicit CurationOverlay(Database& db);
  // The edits in force on (table, key), or nullptr when there is none. `table` is one of
  // syntheses, synthesis_materials, synthesis_steps, outcomes.
  const Fields* row(std::string_view table, const std::string& key) const;
  // The curated value of (table, key, field), or nullptr when there is no edit.
  const std::string* find(std::string_view table, const std::string& key, const std::string& field) const;
  bool deleted(const std::string& key) const { return !tombstones_.empty() && tombstones_.count(key) > 0; }
  bool empty() const { return count_ == 0 && tombstones_.empty(); }

 private:
  std::unordered_map<std::string, Fields> tables_[4];
  std::unordered_set<std::string> tombstones_;
  size_t count_ = 0;
};

}  // namespace synthdb::db
