// synthdb curate: curator edits on synthesis records (set a field, delete/restore a record, list
// edits, list flagged edits, show a record with the keys its rows are edited by).
#include <filesystem>
#include <iostream>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/db_open.h"
#include "db/curation.h"
#include "db/database.h"
#include "db/export.h"
#include "db/records_store.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct CurateOptions {
  std::string db;
  std::string key, field, value, table, curator, reason;
  bool json = false;
  bool all = false;      // set: an item_key edit may change records holding different values
  bool cascade = false;  // delete: also delete the records whose parent is deleted
  std::vector<std::string> ids;  // dismiss: edit ids as `curate flagged` prints them ("12" or "#12")
};

// "12" or "#12" (as `curate list` / `curate flagged` print an edit's id).
int64_t edit_id(const std::string& text) {
  const std::string digits = text.starts_with("#") ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("curate dismiss: \"" + text + "\" is not an edit id (the number `synthdb curate flagged` "
                     "prints after #)");
  return std::stoll(digits);
}

db::Database open_db(const CurateOptions& o) {
  require_synthdb_database(o.db);  // never turns an empty or foreign file into a synthdb database
  return db::Database(o.db);
}

// An edit (or delete) of a record of a duplicate copy that export leaves out is stored but does not
// reach the export (review s20 item 5): say so, naming the exported copy's key (db::kept_copy_key: the
// copies have the same paragraph texts, a paper may be part 2 of an issue PDF). Checked after the
// edit, which may have made this copy the exported one.
void warn_if_duplicate_copy(db::Database& d, const std::string& key, const char* command) {
  if (key.size() < 18) return;
  for (const db::DuplicateCopy& c : db::duplicate_copies(d)) {
    const std::string other = db::kept_copy_key(d, c, key);
    if (other.empty()) continue;
    std::cerr << "curate " << command << ": warning: " << key
              << " belongs to a duplicate copy of a paper that export leaves out (same DOI, same paragraph texts); "
                 "the exported copy's key is "
              << other << "\n";
    return;
  }
}

nlohmann::json edit_json(const db::Edit& e) {
  nlohmann::json j = {{"id", e.id},           {"table", e.target_table}, {"key", e.target_key},
                      {"field", e.field},     {"curator", e.curator},    {"reason", e.reason},
                      {"at", e.at},           {"flagged", e.flagged}};
  j["old_value"] = e.old_value ? nlohmann::json(*e.old_value) : nlohmann::json(nullptr);
  j["new_value"] = e.new_value ? nlohmann::json(*e.new_value) : nlohmann::json(nullptr);
  if (e.flagged) j["flag_reason"] = e.flag_reason;
  j["carried_from"] = e.carried_from ? nlohmann::json(*e.carried_from) : nlohmann::json(nullptr);
  if (e.moved_from) j["moved_from"] = *e.moved_from;
  if (e.value_moved_from) j["value_moved_from"] = *e.value_moved_from;
  if (e.dismissed)
    j["dismissed"] = {{"curator", e.dismissed->curator},
                      {"at", e.dismissed->at},
                      {"reason", e.dismissed->reason},
                      {"flag_reason", e.dismissed->flag_reason}};
  return j;
}

// "  flag dismissed by NAME at TIME: REASON"; for an edit flagged again since, a note of it.
std::string dismissal_text(const db::Edit& e) {
  if (!e.dismissed) return {};
  const db::Dismissal& d = *e.dismissed;
  if (e.flagged) return " (an earlier flag was dismissed by " + d.curator + " at " + d.at + ")";
  // The target was found again since (flag_reason cleared): the dismissal has ended.
  if (e.flag_reason.empty()) return " (a flag was dismissed by " + d.curator + " at " + d.at + "; its target was found again)";
  return "  flag dismissed by " + d.curator + " at " + d.at + (d.reason.empty() ? "" : ": " + d.reason);
}

void print_edits(const std::vector<db::Edit>& edits, bool json) {
  for (const auto& e : edits) {
    if (json) {
      std::cout << edit_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << "#" << e.id << " " << e.at << " " << e.curator << "  " << e.target_table << " " << e.target_key
                << " " << e.field << ": " << e.old_value.value_or("(none)") << " -> "
                << e.new_value.value_or("(none)") << (e.reason.empty() ? "" : "  (" + e.reason + ")")
                << (e.carried_from ? "  (carried from #" + std::to_string(*e.carried_from) + ")" : "")
                << (e.moved_from ? "  (made on " + *e.moved_from + ")" : "")
                << (e.value_moved_from ? "  (value given as " + *e.value_moved_from + ")" : "")
                << (e.flagged ? "  FLAGGED: " + e.flag_reason : "") << dismissal_text(e) << "\n";
    }
  }
}

void show(const CurateOptions& o) {
  db::Database d = open_db(o);
  auto s = db::load_synthesis(d, o.key);
  if (!s) throw UsageError("curate show: no record with key \"" + o.key + "\"");
  std::string sha;
  auto st = d.prepare("SELECT coalesce(d.sha256, '') FROM syntheses s LEFT JOIN documents d ON d.id = s.document_id "
                      "WHERE s.key = ?");
  st.bind(1, o.key);
  if (st.step()) sha = st.column_text(0);
  nlohmann::json j = *s;
  for (size_t i = 0; i < s->materials.size(); ++i)
    j["materials"][i]["item_key"] = db::item_key(sha, s->key, 'm', static_cast<int>(i), s->materials[i].ref);
  for (size_t i = 0; i < s->steps.size(); ++i)
    j["steps"][i]["item_key"] = db::item_key(sha, s->key, 's', static_cast<int>(i), s->steps[i].ref);
  for (size_t i = 0; i < s->outcomes.size(); ++i)
    j["outcomes"][i]["item_key"] = db::item_key(sha, s->key, 'o', static_cast<int>(i), s->outcomes[i].ref);
  // Schema v10: the record conditions each step was read from (synthesis_steps.supplies), which follow
  // that step's edits and the reverse whatever its operation.
  {
    static const char* const kConditions[6] = {"injection_temperature_c", "injection_time_s", "growth_temperature_c",
                                               "growth_time_s", "reaction_temperature_c", "reaction_time_s"};
    auto sup = d.prepare("SELECT st.ordinal, st.supplies FROM synthesis_steps st JOIN syntheses s ON s.id = "
                         "st.synthesis_id WHERE s.key = ? AND st.supplies <> 0");
    sup.bind(1, o.key);
    while (sup.step()) {
      const auto i = static_cast<size_t>(sup.column_int(0));
      if (i >= s->steps.size()) continue;
      nlohmann::json names = nlohmann::json::array();
      for (int c = 0; c < 6; ++c)
        if (sup.column_int(1) & (1 << c)) names.push_back(kConditions[c]);
      j["steps"][i]["supplies"] = names;
    }
  }
  nlohmann::json edits = nlohmann::json::array();
  for (const auto& e : db::list_edits(d, o.key)) edits.push_back(edit_json(e));
  j["edits"] = edits;
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

void add_curate_command(CLI::App& app, Context&) {
  auto o = std::make_shared<CurateOptions>();
  auto* cmd = app.add_subcommand(
      "curate",
      "Correct synthesis records. Edits are stored with curator, time and reason in the curation table, keyed by "
      "stable keys (synthesis key, or a row's item_key shown by `curate show`), win over extracted values in views "
      "and exports, and survive re-ingestion (an edit whose source disappeared is flagged, never dropped). When a file "
      "is edited in place (same path, new content), each edit of the old version is carried to the new version where "
      "its target is found again (same paragraph text and span; the copy's carried_from names the original), and "
      "flagged on the old version where it is not. A record edit or delete of a variant (key ...-pN-vV, V > 0) "
      "remembers the record it was made on (the spans it read in paragraph N): when re-processing re-numbers the "
      "variants of N (a new pipeline drops or adds one), the edit moves to the key that record has now (`curate "
      "list` shows \"made on KEY\"), or, when no single record read those spans, it is flagged and kept under "
      "KEY@unplaced, where it changes no record, until its record comes back. An edit whose key names no record is "
      "refused, also from plain SQL (schema v12 trigger). An edit keyed by an item_key (a source span) applies to every "
      "record that uses that span: a base procedure and its variants hold rows read from the same spans, "
      "so `curate set ITEM_KEY role ligand` (or `delete ITEM_KEY`) changes all of them (`curate show KEY` lists a "
      "record's rows with their item_keys); when those records hold different values of the field (a variant read its own "
      "temperature), the edit is refused unless --all. Record fields (status, target, temperatures, ...) are keyed by "
      "the synthesis key and change that record only; in export a record's edited temperature or time is also the "
      "value of its steps that held the old one, and a step's edited temperature or time that of the record's "
      "condition fields that held it (the step each condition was read from takes part whatever its operation, so a "
      "reaction temperature read from a degassing follows that step; other degassing, drying, work-up and "
      "annealing steps do not). `synthdb stats` lists step edits by item_key that set a value the records "
      "read in different places (made with --all, or by a synthdb before schema v7). An edit of a record of a superseded file version (edited in place and "
      "ingested again) is refused (exit 2) with the record's current key. `curate dismiss ID` takes a flagged edit "
      "the curator has dealt with off `curate flagged` (logged; not flagged again while its target stays lost).");
  cmd->add_option("--db", o->db, "SQLite database written by `synthdb ingest`")->required();
  cmd->require_subcommand(1);

  auto* set = cmd->add_subcommand("set", "Set FIELD of the record or row KEY to VALUE (\"\" to blank it)");
  set->add_option("key", o->key,
                  "Synthesis key (e.g. 0123abcd...-p4-v0) or item_key of a material/step/outcome (an item_key "
                  "edit applies to every record sharing that span, e.g. a base and its variants; refused without --all when "
                  "they hold different values of FIELD)")
      ->required();
  set->add_option("field", o->field,
                  "Record: target, target_formula, sample_label, method, status, failure_cue, parent_key, confidence, "
                  "injection_temperature_c, injection_time_s, growth_temperature_c, growth_time_s, "
                  "reaction_temperature_c, reaction_time_s. Material: name, normalized, formula, role, amount_value, "
                  "amount_unit, quantity, moles, molar_ratio. Step: operation, temperature_c, time_s, "
                  "heating_rate_c_per_min, atmosphere. Outcome: type, value, unit, sd, text_value, dimension")
      ->required();
  set->add_option("value", o->value,
                  "New value (numbers in canonical units: °C, s, mol, g, mL, nm; a temperature or time may carry "
                  "its unit: \"553 K\", \"2 h\"; so may a material's amount_value or moles: \"0.06 mmol\" is "
                  "converted to the unit the row stores, e.g. 6e-05 on a row in mol, and a unit of another quantity "
                  "is refused naming the stored unit: set amount_unit first to change what the amount measures). Checked: finite numbers, confidence 0..1, "
                  "times/amounts/moles/ratios/sd >= 0, temperatures >= -273.15, status, role, outcome type, step "
                  "operation and quantity from their lists, parent_key an existing record, valid UTF-8. Units "
                  "(amount_unit, outcome unit) are converted to the canonical one together with the value "
                  "(amount_unit mmol on 0.1 stores amount_value 0.0001, amount_unit mol; unit Å on a size "
                  "converts value and sd to nm); a unit not in the extractor's units.tsv is refused (exit 2) "
                  "with the accepted list. An unknown KEY names nearby keys")
      ->required();
  set->add_flag("--all", o->all,
                "For an item_key whose records (a base and its variants) hold different values of FIELD, or read it "
                "from different spans (a variant's own \"at 220 °C\"): set it in all of them. Without --all such an "
                "edit is refused (exit 2) with the list; correct one record's temperature or time by its synthesis "
                "key instead (the step it was read from, a degassing included, and its other steps holding the old value "
                "follow)");
  set->add_option("--table", o->table,
                  "Table of KEY when it is ambiguous: syntheses, synthesis_materials, synthesis_steps, outcomes");
  set->add_option("--curator", o->curator, "Who makes the edit")->required();
  set->add_option("--reason", o->reason, "Why (stored with the edit)")->required();
  set->callback([o] {
    db::Database d = open_db(*o);
    db::Transaction tx(d);
    auto edits = db::set_fields(d, o->key, o->field, o->value, o->curator, o->reason, o->table, o->all);
    tx.commit();
    print_edits(edits, false);
    // An amount is a number in the row's unit: say which, so that 0.06 typed for 0.06 mmol on a row
    // in mol is seen at once (review s21, item 4).
    if (!edits.empty() && edits.back().target_table == "synthesis_materials" && o->field == "amount_value") {
      auto st = d.prepare(
          "SELECT coalesce((SELECT new_value FROM curation WHERE target_table = 'synthesis_materials' AND "
          "target_key = ?1 AND field = 'amount_unit' ORDER BY id DESC LIMIT 1), (SELECT amount_unit FROM "
          "synthesis_materials WHERE item_key = ?1 LIMIT 1), '')");
      st.bind(1, o->key);
      if (st.step() && !st.column_text(0).empty())
        std::cerr << "curate set: note: amount_value " << edits.back().new_value.value_or("") << " is in "
                  << st.column_text(0) << " (the row's amount_unit)\n";
    }
    warn_if_duplicate_copy(d, o->key, "set");
    // A value set on a deleted record or row is stored but shows nowhere until it is restored
    // (review 26, persona walk finding 7).
    if (db::is_deleted(d, o->key))
      std::cerr << "curate set: note: " << o->key << " is deleted; the value shows in views and exports once it is "
                << "restored (`synthdb curate restore " << o->key << "`)\n";
  });

  auto* del = cmd->add_subcommand("delete", "Delete the record (or row) KEY from views and exports (a tombstone)");
  del->add_option("key", o->key, "Synthesis key, or item_key (hides that row in every record sharing the span)")
      ->required();
  del->add_flag("--cascade", o->cascade,
                "Also delete the records that name KEY as parent (its variants, a shell on its cores), recursively. "
                "Without it they stay, a warning gives their count and keys, and export writes their parent_id empty");
  del->add_option("--curator", o->curator, "Who deletes it")->required();
  del->add_option("--reason", o->reason, "Why")->required();
  del->callback([o] {
    db::Database d = open_db(*o);
    db::Transaction tx(d);
    const db::DeleteResult r = db::delete_record(d, o->key, o->curator, o->reason, o->cascade);
    tx.commit();
    warn_if_duplicate_copy(d, o->key, "delete");
    for (size_t i = 0; i < r.deleted.size(); ++i)
      std::cout << "deleted " << r.deleted[i] << (i ? " (its parent is deleted)" : "") << "\n";
    if (!r.orphans.empty()) {
      std::string keys;
      for (const auto& k : r.orphans) keys += (keys.empty() ? "" : ", ") + k;
      std::cerr << "curate delete: warning: " << r.orphans.size() << " record" << (r.orphans.size() == 1 ? "" : "s")
                << " name " << o->key << " as parent (" << keys
                << "); kept, and exported with an empty parent_id; `curate delete --cascade` deletes them too\n";
    }
  });

  auto* res = cmd->add_subcommand("restore", "Undo `curate delete` for KEY");
  res->add_option("key", o->key, "Synthesis key or item_key")->required();
  res->add_option("--curator", o->curator, "Who restores it")->required();
  res->add_option("--reason", o->reason, "Why")->required();
  res->add_flag("--cascade", o->cascade,
                "Also restore the deleted records naming KEY as parent (its variants), recursively; without it "
                "they stay deleted, with a warning");
  res->callback([o] {
    db::Database d = open_db(*o);
    db::Transaction tx(d);
    const db::RestoreResult r = db::restore_record(d, o->key, o->curator, o->reason, o->cascade);
    tx.commit();
    for (size_t i = 0; i < r.restored.size(); ++i)
      std::cout << "restored " << r.restored[i] << (i ? " (its parent is restored)" : "") << "\n";
    if (!r.still_deleted.empty()) {
      std::string keys;
      for (const auto& k : r.still_deleted) keys += (keys.empty() ? "" : ", ") + k;
      std::cerr << "curate restore: warning: " << r.still_deleted.size() << " deleted record"
                << (r.still_deleted.size() == 1 ? "" : "s") << " name " << o->key << " as parent (" << keys
                << "); still deleted; `curate restore --cascade` restores them too\n";
    }
  });

  auto* list = cmd->add_subcommand("list", "List edits (all, or those of KEY), oldest first; a synthesis KEY lists "
                                            "its own edits and those of its rows (item keys); a KEY that names no "
                                            "record, row or edit exits 2");
  list->add_option("key", o->key, "Only edits of this key (a synthesis key: also its rows' edits)");
  list->add_flag("--json", o->json, "JSON Lines: {id, table, key, field, old_value, new_value, curator, reason, at, "
                                    "flagged[, flag_reason][, dismissed: {curator, at, reason, flag_reason}]}");
  list->callback([o] {
    db::Database d = open_db(*o);
    if (!o->key.empty() && !db::key_is_known(d, o->key))
      throw UsageError("curate list: no record, row or edit with key \"" + o->key + "\"");
    print_edits(db::list_edits(d, o->key), o->json);
  });

  auto* flagged = cmd->add_subcommand("flagged", "List edits whose record or source span vanished after re-extraction, or that could not be carried "
      "to the new version of a file edited in place");
  flagged->add_flag("--json", o->json, "JSON Lines (as for list)");
  flagged->footer("`curate dismiss ID` takes an edit off this list once it is dealt with.");
  flagged->callback([o] {
    db::Database d = open_db(*o);
    print_edits(db::list_edits(d, "", true), o->json);
  });

  auto* dis = cmd->add_subcommand("dismiss", "Dismiss the flag of edits a curator has dealt with (e.g. redone on the new "
                                             "record): off `curate flagged`, logged, not flagged again while their "
                                             "target stays lost");
  dis->footer(
      "Each edit leaves `curate flagged` and the stats count of flagged edits and stays in `curate list` (\"flag "
      "dismissed by NAME at TIME: REASON\"); nothing else of it changes (an edit that applies keeps applying). "
      "Later runs (re-processing, the file edited in place again) do not flag it again while its target stays "
      "lost; a run that finds its target again ends the dismissal, and a later loss flags it anew. Logged with "
      "curator, time and reason (table curation_dismissals, schema v19). An unknown id or an edit that is not "
      "flagged exits 2 and dismisses none of the ids given.");
  dis->add_option("id", o->ids, "Edit ids, as `curate flagged` prints them (12 or #12)")->required();
  dis->add_option("--curator", o->curator, "Who dismisses the flags")->required();
  dis->add_option("--reason", o->reason, "Why (e.g. \"redone on KEY\"); stored with the dismissal");
  dis->callback([o] {
    db::Database d = open_db(*o);
    db::Transaction tx(d);
    std::vector<std::pair<int64_t, db::Dismissal>> done;
    std::set<int64_t> seen;  // an id given twice is dismissed once
    for (const std::string& text : o->ids)
      if (const int64_t id = edit_id(text); seen.insert(id).second)
        done.emplace_back(id, db::dismiss_flag(d, id, o->curator, o->reason));
    tx.commit();
    for (const auto& [id, dm] : done)
      std::cout << "dismissed the flag of #" << id << ": " << dm.flag_reason << "\n";
  });

  auto* sh = cmd->add_subcommand("show", "Print record KEY as stored (JSON) with the item_key of every row, the "
                                         "conditions each step was read from (steps[].supplies) and its edits "
                                         "(its own and its rows')");
  sh->add_option("key", o->key, "Synthesis key")->required();
  sh->callback([o] { show(*o); });
}

}  // namespace synthdb::app
