#include "db/curation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "db/database.h"
#include "db/edit_anchor.h"
#include "db/store.h"
#include "db/units.h"
#include "extract/core/utf8.h"
#include "extract/core/error.h"
#include "extract/core/strings.h"

namespace synthdb::db {
namespace {

const char* const kTables[] = {"syntheses", "synthesis_materials", "synthesis_steps", "outcomes"};

bool is_numeric_field(std::string_view f) {
  const auto& numeric = numeric_fields();
  return std::find(numeric.begin(), numeric.end(), f) != numeric.end();
}

bool parses_as_number(std::string_view v) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  return ec == std::errc() && ptr == v.data() + v.size();
}

std::string key_column(std::string_view table) { return table == "syntheses" ? "key" : "item_key"; }

Edit read_edit(Statement& st) {
  Edit e;
  e.id = st.column_int(0);
  e.target_table = st.column_text(1);
  e.target_key = st.column_text(2);
  e.field = st.column_text(3);
  e.old_value = st.column_optional_text(4);
  e.new_value = st.column_optional_text(5);
  e.curator = st.column_text(6);
  e.reason = st.column_text(7);
  e.at = st.column_text(8);
  e.flagged = st.column_int(9) != 0;
  e.flag_reason = st.column_text(10);
  e.carried_from = st.column_optional_int(11);
  e.moved_from = st.column_optional_text(12);
  e.value_moved_from = st.column_optional_text(13);
  return e;
}

constexpr const char* kEditColumns =
    "id, target_table, target_key, field, old_value, new_value, curator, reason, at, flagged, "
    "coalesce(flag_reason, '')";

// kEditColumns, carried_from, moved_from and value_moved_from, which a database opened without migrating
// lacks before schema v4, v12 and v14.
std::string edit_columns(Database& db) {
  return std::string(kEditColumns) + (has_column(db, "curation", "carried_from") ? ", carried_from" : ", NULL") +
         (has_edit_anchors(db) ? ", moved_from" : ", NULL") +
         (has_column(db, "curation", "value_moved_from") ? ", value_moved_from" : ", NULL");
}

void log_edit(Database& db, std::string_view table, std::string_view key, std::string_view field,
              const std::optional<std::string>& old_value, const std::optional<std::string>& new_value,
              std::string_view curator, std::string_view reason) {
  auto st = db.prepare(
      "INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, table).bind(2, key).bind(3, field).bind(4, old_value).bind(5, new_value).bind(6, curator);
  st.bind(7, reason).bind(8, utc_now()).run();
}

void require_curator(std::string_view curator, const char* what) {
  if (curator.empty()) throw UsageError(std::string("curate ") + what + ": --curator is required");
}

// Schema v19: curation_dismissals.
bool has_dismissals(Database& db) { return has_object(db, "table", "curation_dismissals"); }

// Fills each edit's latest dismissal (one read of the table, which holds few rows).
void attach_dismissals(Database& db, std::vector<Edit>& edits) {
  if (edits.empty() || !has_dismissals(db)) return;
  std::unordered_map<int64_t, Dismissal> latest;
  auto st = db.prepare("SELECT edit_id, id, curator, reason, at, flag_reason FROM curation_dismissals ORDER BY id");
  while (st.step())
    latest[st.column_int(0)] =
        Dismissal{st.column_int(1), st.column_text(2), st.column_text(3), st.column_text(4), st.column_text(5)};
  if (latest.empty()) return;
  for (Edit& e : edits)
    if (auto it = latest.find(e.id); it != latest.end()) e.dismissed = it->second;
}

}  // namespace

const std::vector<std::string>& curation_tables() {
  static const std::vector<std::string> kList(std::begin(kTables), std::end(kTables));
  return kList;
}

const std::vector<std::string>& numeric_fields() {
  static const std::vector<std::string> kNumeric = {
      "confidence", "injection_temperature_c", "injection_time_s", "growth_temperature_c", "growth_time_s",
      "reaction_temperature_c", "reaction_time_s", "amount_value", "moles", "molar_ratio", "temperature_c",
      "time_s", "heating_rate_c_per_min", "value", "sd"};
  return kNumeric;
}

std::string numeric_field_problem(std::string_view field, double value) {
  const std::string f(field);
  auto fmt = [](double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return std::string(buf);
  };
  if (!std::isfinite(value)) return f + " must be a finite number, not " + fmt(value);
  auto ends_with = [&](std::string_view suffix) {
    return field.size() >= suffix.size() && field.substr(field.size() - suffix.size()) == suffix;
  };
  if (field == "confidence" && (value < 0 || value > 1)) return f + " must be between 0 and 1, not " + fmt(value);
  if ((ends_with("time_s") || field == "amount_value" || field == "moles" || field == "molar_ratio" ||
       field == "sd") && value < 0)
    return f + " must not be negative, not " + fmt(value);
  if (ends_with("temperature_c") && value < -273.15)
    return f + " is below absolute zero (-273.15 °C): " + fmt(value);
  return {};
}

const std::vector<std::string>* allowed_values(std::string_view field) {
  static const std::vector<std::string> kRoles = {"precursor", "solvent", "ligand", "reductant",
                                                  "target",    "additive", "workup", "other"};
  static const std::vector<std::string> kOutcomeTypes = {"size", "morphology", "phase", "pl_peak", "fwhm",
                                                         "plqy", "band_gap",   "absorption_peak", "yield"};
  static const std::vector<std::string> kStatuses = {"success", "failed", "unknown"};
  if (field == "role") return &kRoles;
  if (field == "type") return &kOutcomeTypes;
  if (field == "status") return &kStatuses;
  return nullptr;
}

void require_utf8(std::string_view text, std::string_view what, std::string_view name) {
  if (!valid_utf8(text)) throw UsageError(std::string(what) + ": " + std::string(name) + " is not valid UTF-8");
}

const std::vector<std::string>& editable_fields(std::string_view table) {
  static const std::vector<std::string> kSyntheses = {
      "target", "target_formula", "sample_label", "method", "status", "failure_cue", "parent_key", "confidence",
      "injection_temperature_c", "injection_time_s", "growth_temperature_c", "growth_time_s",
      "reaction_temperature_c", "reaction_time_s"};
  static const std::vector<std::string> kMaterials = {"name",        "normalized", "formula",  "role",  "amount_value",
                                                      "amount_unit", "quantity",   "moles",    "molar_ratio"};
  static const std::vector<std::string> kSteps = {"operation", "temperature_c", "time_s", "heating_rate_c_per_min",
                                                  "atmosphere"};
  static const std::vector<std::string> kOutcomes = {"type", "value", "unit", "sd", "text_value", "dimension"};
  static const std::vector<std::string> kNone;
  if (table == "syntheses") return kSyntheses;
  if (table == "synthesis_materials") return kMaterials;
  if (table == "synthesis_steps") return kSteps;
  if (table == "outcomes") return kOutcomes;
  return kNone;
}

namespace {

// The tables (of kTables, or only `table`) with a row whose key is `key`.
std::vector<std::string> tables_holding(Database& db, std::string_view key, std::string_view table = {}) {
  std::vector<std::string> found;
  for (const char* t : kTables) {
    if (!table.empty() && table != t) continue;
    // Table and column names come from the fixed list above; the key is bound.
    auto st = db.prepare(std::string("SELECT 1 FROM ") + t + " WHERE " + key_column(t) + " = ? LIMIT 1");
    st.bind(1, key);
    if (st.step()) found.push_back(t);
  }
  return found;
}

}  // namespace

std::string resolve_key(Database& db, std::string_view key, std::string_view table) {
  if (key.empty()) throw UsageError("curate: empty key");
  const std::vector<std::string> found = tables_holding(db, key, table);
  if (!table.empty() && std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables))
    throw UsageError("curate: unknown table \"" + std::string(table) +
                     "\" (syntheses, synthesis_materials, synthesis_steps, outcomes)");
  if (found.empty()) {
    // Name the keys next to it in sort order (a typo's neighbours), so the curator sees what keys
    // look like (review 18a, P18): item keys of every item table (materials, steps, outcomes), and
    // those of the key's own document when it has any (s27 persona walk: a mistyped outcome key was
    // shown material keys of another paper).
    const bool item = key.find(':') != std::string_view::npos || key.find('#') != std::string_view::npos;
    const std::string keys =
        item ? "SELECT item_key AS k FROM synthesis_materials UNION SELECT item_key FROM synthesis_steps "
               "UNION SELECT item_key FROM outcomes"
             : "SELECT key AS k FROM syntheses";
    auto st = db.prepare("SELECT k FROM (SELECT k FROM (" + keys + ") WHERE k < ?1 AND substr(k, 1, length(?2)) = ?2 "
                         "ORDER BY k DESC LIMIT 2) UNION SELECT k FROM (SELECT k FROM (" + keys + ") WHERE k > ?1 "
                         "AND substr(k, 1, length(?2)) = ?2 ORDER BY k LIMIT 3) ORDER BY k");
    auto nearby = [&](std::string_view scope) {
      std::string near;
      st.reset();
      st.bind(1, key).bind(2, scope);
      while (st.step()) near += (near.empty() ? "" : ", ") + st.column_text(0);
      return near;
    };
    // A record key's document is its first 16 hex digits, an item key's the sha256 before ':'.
    const size_t document_end = item ? key.find(':') : std::min<size_t>(16, key.size());
    std::string near = document_end == std::string_view::npos ? std::string() : nearby(key.substr(0, document_end));
    if (near.empty()) near = nearby("");
    throw UsageError("curate: no record or item with key \"" + std::string(key) + "\"" +
                     (near.empty() ? std::string("; the database has no ") + (item ? "item rows" : "records")
                                   : std::string("; nearby ") + (item ? "item keys" : "record keys") + ": " +
                                         near) +
                     " (all keys: `synthdb curate show KEY` for item keys, SELECT key FROM synthesis_wide)");
  }
  if (found.size() > 1)
    throw UsageError("curate: key \"" + std::string(key) + "\" is in " + found[0] + " and " + found[1] +
                     "; pick one with --table");
  return found.front();
}

namespace {

// The value of (table, key, field) in force: the latest edit, else the stored column (field and
// table are from the whitelists; the key is bound).
std::optional<std::string> value_in_force(Database& db, const std::string& t, std::string_view key,
                                          std::string_view field) {
  auto st = db.prepare("SELECT new_value FROM curation WHERE target_table = ? AND target_key = ? AND field = ? "
                       "ORDER BY id DESC LIMIT 1");
  st.bind(1, t).bind(2, key).bind(3, field);
  if (st.step()) return st.column_optional_text(0);
  auto cur = db.prepare("SELECT CAST(" + std::string(field) + " AS TEXT) FROM " + t + " WHERE " + key_column(t) +
                        " = ? LIMIT 1");
  cur.bind(1, key);
  if (cur.step()) return cur.column_optional_text(0);
  return std::nullopt;
}

std::optional<double> number_in_force(Database& db, const std::string& t, std::string_view key,
                                      std::string_view field) {
  auto v = value_in_force(db, t, key, field);
  double d = 0;
  if (!v || v->empty() || !parses_as_number(*v)) return std::nullopt;
  std::from_chars(v->data(), v->data() + v->size(), d);
  return d;
}

// Shortest text that reads back as `d` ("280", "0.0001", "2e-07").
std::string number_text(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

// The columns holding where a row's value of `field` was read, when it has its own span (a
// variant overrides a step's temperature or time, or a material's amount, from its own sentence).
const char* evidence_prefix(std::string_view table, std::string_view field) {
  if (table == "synthesis_steps" && field == "temperature_c") return "temperature_";
  if (table == "synthesis_steps" && field == "time_s") return "time_";
  if (table == "synthesis_materials" &&
      (field == "amount_value" || field == "amount_unit" || field == "quantity" || field == "moles"))
    return "amount_";
  return nullptr;
}

// Throws UsageError unless every record holding item `key` has the same stored value of `field`,
// read from the same span: an item_key edit would change all of them (review s20, item 2).
void require_one_value(Database& db, const std::string& t, std::string_view key, std::string_view field,
                       std::string_view shown_field) {
  if (t == "syntheses") return;
  // In-force values count, not stored ones: after an item_key edit (`--all`, or an edit made when
  // the records agreed) every record holding the item shows the edited value (review s20, item 7).
  {
    auto ed = db.prepare("SELECT 1 FROM curation WHERE target_table = ? AND target_key = ? AND field = ? LIMIT 1");
    ed.bind(1, t).bind(2, key).bind(3, field);
    if (ed.step()) return;
  }
  const char* ev = evidence_prefix(t, field);
  const std::string f(field);
  const std::string span = ev ? std::string("CASE WHEN x.") + ev + "paragraph IS NULL THEN '' ELSE 'p' || x." + ev +
                                    "paragraph || ':' || x." + ev + "start || '-' || x." + ev + "end END"
                              : std::string("''");
  // Table and field names come from the whitelists; the key is bound.
  auto st = db.prepare("SELECT s.key, x." + f + ", " + span + " FROM " + t +
                       " x JOIN syntheses s ON s.id = x.synthesis_id WHERE x.item_key = ? "
                       "AND s.key NOT IN (SELECT key FROM synthesis_tombstones) ORDER BY s.key");
  st.bind(1, key);
  std::vector<std::array<std::string, 3>> rows;
  std::set<std::pair<std::string, std::string>> distinct;
  const bool numeric = is_numeric_field(field);
  while (st.step()) {
    // Numbers as the curator types them ("300", not SQLite's "300.0").
    std::string v = numeric && !st.is_null(1) ? number_text(st.column_double(1)) : st.column_text(1);
    rows.push_back({st.column_text(0), std::move(v), st.column_text(2)});
    distinct.emplace(rows.back()[1], rows.back()[2]);
  }
  if (distinct.size() < 2) return;
  std::string list;
  for (const auto& r : rows)
    list += (list.empty() ? "" : ", ") + r[0] + " " + (r[1].empty() ? "(none)" : r[1]) +
            (r[2].empty() ? "" : " (read at " + r[2] + ")");
  std::string alt;
  if (t == "synthesis_steps" && (field == "temperature_c" || field == "time_s"))
    alt = std::string(", or correct one record by its synthesis key (reaction_") +
          (field == "temperature_c" ? "temperature_c, growth_temperature_c, injection_temperature_c"
                                    : "time_s, growth_time_s, injection_time_s") +
          ": its steps holding the old value follow)";
  throw UsageError("curate set: " + std::string(key) + " is a row of " + std::to_string(rows.size()) +
                   " records that do not hold the same " + std::string(shown_field) + ": " + list +
                   "; an item_key edit sets it in every one of them: add --all to do that" + alt);
}

}  // namespace

std::string superseded_key_problem(Database& db, std::string_view key, std::string_view table) {
  // The document of the key: a synthesis key's record, or the sha256 an item_key starts with.
  std::string sha;
  int64_t doc = 0;
  {
    auto st = table == "syntheses"
                  ? db.prepare("SELECT d.id, d.sha256 FROM syntheses s JOIN documents d ON d.id = s.document_id "
                               "WHERE s.key = ?1")
                  : db.prepare("SELECT id, sha256 FROM documents WHERE sha256 = substr(?1, 1, instr(?1, ':') - 1)");
    st.bind(1, key);
    if (!st.step()) return {};  // a manual record, or a key of no document
    doc = st.column_int(0);
    sha = st.column_text(1);
  }
  // A database opened without migrating (schema < v4) has no superseded_documents view.
  if (!has_object(db, "view", "superseded_documents")) return {};
  {
    auto st = db.prepare("SELECT 1 FROM superseded_documents WHERE id = ?");
    st.bind(1, doc);
    if (!st.step()) return {};
  }
  // The newest ok document at one of its paths, and its paragraph with the same text.
  std::string path, new_sha;
  int64_t new_doc = 0;
  {
    auto st = db.prepare(
        "SELECT q.path, d2.id, d2.sha256 FROM document_paths p JOIN document_paths q ON q.path = p.path "
        "AND q.sha256 <> p.sha256 AND (q.abs_path IS NULL OR p.abs_path IS NULL OR q.abs_path = p.abs_path) "
        "JOIN documents d2 ON d2.sha256 = q.sha256 AND d2.status = 'ok' "
        "WHERE p.sha256 = ? ORDER BY q.last_seen DESC, q.seen_order DESC LIMIT 1");
    st.bind(1, sha);
    if (st.step()) path = st.column_text(0), new_doc = st.column_int(1), new_sha = st.column_text(2);
  }
  std::string why = std::string(key) + " is in an old version of " + (path.empty() ? "its file" : path) +
                    " (the file was edited in place and ingested again" +
                    (new_sha.size() >= 16 ? ": now " + new_sha.substr(0, 16) : std::string()) +
                    "); an edit of it would take effect nowhere";
  if (new_sha.size() < 16) return why;
  // "<sha16>-p<N>-v<V>" or "<sha>:p<N>:<S>-<E>": the same paragraph text in the new version.
  const std::string k(key);
  const bool item = table != "syntheses";
  const std::string head = item ? sha + ":p" : sha.substr(0, 16) + "-p";
  size_t i = head.size(), j = i;
  while (j < k.size() && k[j] >= '0' && k[j] <= '9') ++j;
  std::string current;
  if (k.compare(0, head.size(), head) == 0 && j > i && j - i <= 9) {
    const int ordinal = std::stoi(k.substr(i, j - i));
    auto st = db.prepare(
        "SELECT n.ordinal FROM paragraphs o JOIN paragraphs n ON n.document_id = ?2 AND n.text = o.text "
        "WHERE o.document_id = ?1 AND o.ordinal = ?3 ORDER BY abs(n.ordinal - o.ordinal), n.ordinal LIMIT 1");
    st.bind(1, doc).bind(2, new_doc).bind(3, static_cast<int64_t>(ordinal));
    if (st.step()) {
      const std::string nk = (item ? new_sha + ":p" : new_sha.substr(0, 16) + "-p") +
                             std::to_string(st.column_int(0)) + k.substr(j);
      auto ex = db.prepare("SELECT 1 FROM " + std::string(table) + " WHERE " + key_column(table) + " = ? LIMIT 1");
      ex.bind(1, nk);
      if (ex.step()) current = nk;
    }
  }
  if (current.empty() && k.compare(0, head.size(), head) == 0 && j > i && j - i <= 9) {
    // The paragraph's text was edited: the key of the same paragraph number, when the new version
    // has it, is a candidate the curator checks (review s20, item 8).
    const std::string nk = (item ? new_sha + ":p" : new_sha.substr(0, 16) + "-p") + k.substr(i);
    auto ex = db.prepare("SELECT 1 FROM " + std::string(table) + " WHERE " + key_column(table) + " = ? LIMIT 1");
    ex.bind(1, nk);
    if (ex.step())
      return why + "; the text of its paragraph changed in the new version, which has " + nk +
             " at the same paragraph number: check that it is the same " + (item ? "row" : "record") +
             " (`synthdb curate show`) and edit that key";
  }
  return why + (current.empty() ? "; the new version has no such " + std::string(item ? "row" : "record") +
                                       " (`synthdb curate show` a record of " + new_sha.substr(0, 16) + ")"
                                 : "; edit the current key " + current);
}

std::vector<Edit> set_fields(Database& db, std::string_view key, std::string_view field, std::string_view value_in,
                             std::string_view curator, std::string_view reason, std::string_view table, bool all) {
  require_curator(curator, "set");
  require_utf8(value_in, "curate set", "the value");
  require_utf8(curator, "curate set", "--curator");
  require_utf8(reason, "curate set", "--reason");
  const std::string t = resolve_key(db, key, table);
  if (std::string why = superseded_key_problem(db, key, t); !why.empty()) throw UsageError("curate set: " + why);
  const auto& fields = editable_fields(t);
  if (std::find(fields.begin(), fields.end(), field) == fields.end())
    throw UsageError("curate set: \"" + std::string(field) + "\" is not an editable field of " + t +
                     "; editable fields: " + join(fields));
  std::string value(value_in);
  // "553 K", "2 h": a temperature or time with its unit, converted to the field's canonical unit.
  if (is_numeric_field(field) && !value.empty() && !parses_as_number(value)) {
    if (auto converted = convert_with_unit(UnitTable::load(), field, value)) value = number_text(*converted);
  }
  // "0.06 mmol" for a material's amount_value or moles: converted to the unit the row's amount is
  // stored in; a unit of another quantity is refused naming the stored unit (review s21, item 4).
  std::vector<std::pair<std::string, std::string>> unit_edits;  // a row without a unit takes the value's
  const bool amount_field = t == "synthesis_materials" && (field == "amount_value" || field == "moles");
  const std::string stored_unit =
      !amount_field ? std::string() : field == "moles" ? std::string("mol") : value_in_force(db, t, key, "amount_unit").value_or("");
  if (amount_field && !value.empty() && !parses_as_number(value)) {
    const size_t end = value.find_first_not_of("0123456789.eE+-");
    std::string unit = end == std::string::npos ? std::string() : value.substr(end);
    unit.erase(0, unit.find_first_not_of(' '));
    unit.erase(unit.find_last_not_of(' ') + 1);
    if (end != 0 && end != std::string::npos && parses_as_number(value.substr(0, end)) && !unit.empty()) {
      double number = 0;
      std::from_chars(value.data(), value.data() + end, number);
      Converted c = convert_amount(UnitTable::load(), unit, number, "curate set: " + std::string(field) + ": ");
      if (!stored_unit.empty() && c.unit != stored_unit)
        throw UsageError("curate set: " + std::string(field) + " of " + std::string(key) + " is stored in " +
                         stored_unit + "; \"" + value + "\" is in " + c.unit +
                         (c.quantity.empty() ? "" : " (" + c.quantity + ")") +
                         (field == "moles" ? std::string(": moles takes an amount of substance (mol, mmol, µmol)")
                                           : ": give it in a unit of " + stored_unit +
                                                 ", or set amount_unit first to change what the amount measures"));
      if (stored_unit.empty()) {
        unit_edits.emplace_back("amount_unit", c.unit);
        if (!c.quantity.empty() && value_in_force(db, t, key, "quantity").value_or("") != c.quantity)
          unit_edits.emplace_back("quantity", c.quantity);
      }
      value = number_text(*c.value);
    }
  }
  if (is_numeric_field(field) && !value.empty() && !parses_as_number(value))
    throw UsageError("curate set: " + std::string(field) + " needs a number, not \"" + value + "\"" +
                     (field.size() > 2 && (field.substr(field.size() - 2) == "_c" || field.substr(field.size() - 2) == "_s")
                          ? " (a unit may follow: \"553 K\", \"2 h\")"
                      : amount_field
                          ? " (" + (stored_unit.empty() ? std::string("this row has no amount unit yet")
                                                        : "this row's amount is stored in " + stored_unit) +
                                "; a unit may follow: \"0.06 mmol\", \"5 mL\")"
                          : ""));
  if (field == "status" && value != "success" && value != "failed" && value != "unknown")
    throw UsageError("curate set: status must be success, failed or unknown, not \"" + value + "\"");
  if (field == "role") {
    const auto* roles = allowed_values("role");
    if (std::find(roles->begin(), roles->end(), value) == roles->end())
      throw UsageError("curate set: role must be one of " + join(*roles) + ", not \"" + value + "\"");
  }
  if (is_numeric_field(field) && !value.empty()) {
    double d = 0;
    std::from_chars(value.data(), value.data() + value.size(), d);
    std::string why = numeric_field_problem(field, d);
    if (!why.empty()) throw UsageError("curate set: " + why);
  }
  if (t == "outcomes" && field == "type") {
    const auto* types = allowed_values("type");
    if (std::find(types->begin(), types->end(), value) == types->end())
      throw UsageError("curate set: outcome type must be one of " + join(*types) + ", not \"" + value + "\"");
  }
  if (t == "synthesis_steps" && field == "operation" && !value.empty()) {
    const auto ops = operation_vocabulary();
    if (std::find(ops.begin(), ops.end(), value) == ops.end())
      throw UsageError("curate set: operation must be one of " + join(ops) + ", not \"" + value + "\"");
  }
  if (t == "synthesis_materials" && field == "quantity" && !value.empty()) {
    const auto& q = quantity_vocabulary();
    if (std::find(q.begin(), q.end(), value) == q.end())
      throw UsageError("curate set: quantity must be one of " + join(q) + ", not \"" + value + "\"");
  }
  if (field == "parent_key" && !value.empty()) {
    auto st = db.prepare("SELECT 1 FROM syntheses WHERE key = ?");
    st.bind(1, value);
    if (!st.step()) throw UsageError("curate set: parent_key \"" + value + "\" is not a record key");
    if (value == key) throw UsageError("curate set: a record cannot be its own parent");
  }
  // A unit is converted to its column's canonical unit together with the number it qualifies, so a
  // row never holds a value in one unit and a unit name of another (review 18a, P2).
  std::vector<std::pair<std::string, std::string>> edits = unit_edits;  // (field, new value), `field` last
  if (t == "synthesis_materials" && field == "amount_unit" && !value.empty()) {
    const auto amount = number_in_force(db, t, key, "amount_value");
    Converted c = convert_amount(UnitTable::load(), value, amount, "curate set: ");
    if (amount && c.value && *c.value != *amount) edits.emplace_back("amount_value", number_text(*c.value));
    if (!c.quantity.empty() && value_in_force(db, t, key, "quantity").value_or("") != c.quantity)
      edits.emplace_back("quantity", c.quantity);
    value = c.unit;
  }
  if (t == "outcomes" && field == "unit" && !value.empty()) {
    const std::string type = value_in_force(db, t, key, "type").value_or("");
    const auto v = number_in_force(db, t, key, "value");
    const auto sd = number_in_force(db, t, key, "sd");
    Converted c = convert_outcome(UnitTable::load(), type, value, v, sd, "curate set: ");
    if (v && c.value && *c.value != *v) edits.emplace_back("value", number_text(*c.value));
    if (sd && c.sd && *c.sd != *sd) edits.emplace_back("sd", number_text(*c.sd));
    value = c.unit;
  }
  edits.emplace_back(std::string(field), value);
  if (!all)
    for (const auto& e : edits) require_one_value(db, t, key, e.first, field);
  std::vector<Edit> out;
  for (const auto& [f, v] : edits) {
    log_edit(db, t, key, f, value_in_force(db, t, key, f), v, curator, reason);
    auto st = db.prepare(std::string("SELECT ") + edit_columns(db) + " FROM curation WHERE id = ?");
    st.bind(1, db.last_insert_rowid());
    st.step();
    out.push_back(read_edit(st));
  }
  return out;
}

Edit set_field(Database& db, std::string_view key, std::string_view field, std::string_view value,
               std::string_view curator, std::string_view reason, std::string_view table, bool all) {
  return set_fields(db, key, field, value, curator, reason, table, all).back();
}

DeleteResult delete_record(Database& db, std::string_view key, std::string_view curator, std::string_view reason,
                           bool cascade) {
  require_curator(curator, "delete");
  require_utf8(curator, "curate delete", "--curator");
  require_utf8(reason, "curate delete", "--reason");
  const std::string t = resolve_key(db, key);
  if (std::string why = superseded_key_problem(db, key, t); !why.empty()) throw UsageError("curate delete: " + why);
  if (is_deleted(db, key)) throw UsageError("curate delete: \"" + std::string(key) + "\" is already deleted");
  DeleteResult r;
  auto stone = [&](const std::string& k, const std::string& table) {
    db.prepare("INSERT INTO synthesis_tombstones(key, curator, reason, deleted_at) VALUES (?, ?, ?, ?)")
        .bind(1, k)
        .bind(2, curator)
        .bind(3, reason)
        .bind(4, utc_now())
        .run();
    log_edit(db, table, k, "deleted", std::nullopt, std::string("1"), curator, reason);
    r.deleted.push_back(k);
  };
  stone(std::string(key), t);
  if (t != "syntheses") return r;
  // Records whose parent (the curated parent_key, else the stored one) is a deleted record.
  auto children = db.prepare(
      "SELECT s.key FROM syntheses s WHERE s.key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce("
      "(SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key "
      "AND c.field = 'parent_key' ORDER BY c.id DESC LIMIT 1), s.parent_key) = ? ORDER BY s.key");
  for (size_t i = 0; i < r.deleted.size(); ++i) {
    std::vector<std::string> found;
    children.reset();
    children.bind(1, r.deleted[i]);
    while (children.step()) found.push_back(children.column_text(0));
    for (auto& k : found) {
      if (cascade)
        stone(k, "syntheses");
      else
        r.orphans.push_back(std::move(k));
    }
    if (!cascade) break;
  }
  return r;
}

RestoreResult restore_record(Database& db, std::string_view key, std::string_view curator, std::string_view reason,
                             bool cascade) {
  require_curator(curator, "restore");
  require_utf8(curator, "curate restore", "--curator");
  require_utf8(reason, "curate restore", "--reason");
  RestoreResult r;
  auto restore = [&](const std::string& k) {
    auto del = db.prepare("DELETE FROM synthesis_tombstones WHERE key = ?");
    del.bind(1, k);
    if (del.run() == 0) throw UsageError("curate restore: \"" + k + "\" is not deleted");
    // The record itself may be gone after re-extraction; log against the table it was deleted from.
    std::string t = "syntheses";
    auto st = db.prepare("SELECT target_table FROM curation WHERE target_key = ? AND field = 'deleted' "
                         "ORDER BY id DESC LIMIT 1");
    st.bind(1, k);
    if (st.step()) t = st.column_text(0);
    log_edit(db, t, k, "deleted", std::string("1"), std::string("0"), curator, reason);
    r.restored.push_back(k);
  };
  restore(std::string(key));
  // Deleted records whose parent (the curated parent_key, else the stored one) is a restored record.
  auto children = db.prepare(
      "SELECT s.key FROM syntheses s WHERE s.key IN (SELECT key FROM synthesis_tombstones) AND coalesce("
      "(SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key "
      "AND c.field = 'parent_key' ORDER BY c.id DESC LIMIT 1), s.parent_key) = ? ORDER BY s.key");
  for (size_t i = 0; i < r.restored.size(); ++i) {
    std::vector<std::string> found;
    children.reset();
    children.bind(1, r.restored[i]);
    while (children.step()) found.push_back(children.column_text(0));
    for (auto& k : found) {
      if (cascade)
        restore(k);
      else
        r.still_deleted.push_back(std::move(k));
    }
    if (!cascade) break;
  }
  return r;
}

std::vector<Edit> list_edits(Database& db, std::string_view key, bool flagged_only) {
  // A synthesis key also names its rows' edits (keyed by item_key, shared by the record's variants):
  // the edits that change what the views and the export show for that record.
  std::string rows;
  for (const char* t : kTables)
    if (key_column(t) == "item_key")
      rows += std::string(rows.empty() ? "" : " UNION ") + "SELECT x.item_key FROM " + t +
              " x JOIN syntheses s ON s.id = x.synthesis_id WHERE s.key = ?1";
  std::string sql = std::string("SELECT ") + edit_columns(db) +
                    " FROM curation WHERE (?1 = '' OR target_key = ?1 OR target_key IN (" + rows + "))";
  if (flagged_only) sql += " AND flagged = 1";
  sql += " ORDER BY id";
  auto st = db.prepare(sql);
  st.bind(1, key);
  std::vector<Edit> out;
  while (st.step()) out.push_back(read_edit(st));
  attach_dismissals(db, out);
  return out;
}

std::string dismissed_lost_sql(std::string_view alias) {
  const std::string a(alias);
  return "(" + a + ".flagged = 0 AND " + a + ".flag_reason IS NOT NULL AND " + a +
         ".id IN (SELECT edit_id FROM curation_dismissals))";
}

Dismissal dismiss_flag(Database& db, int64_t edit_id, std::string_view curator, std::string_view reason) {
  require_curator(curator, "dismiss");
  require_utf8(curator, "curate dismiss", "--curator");
  require_utf8(reason, "curate dismiss", "--reason");
  const std::string id = "#" + std::to_string(edit_id);
  if (!has_dismissals(db))
    throw UsageError("curate dismiss: the database is at a schema before v19, which has no curation_dismissals; "
                     "open it with a synthdb that may write it to upgrade it");
  auto st = db.prepare("SELECT flagged, coalesce(flag_reason, '') FROM curation WHERE id = ?");
  st.bind(1, edit_id);
  if (!st.step())
    throw UsageError("curate dismiss: no edit " + id + " (`synthdb curate flagged` lists the flagged edits by #id)");
  if (st.column_int(0) == 0) {
    std::vector<Edit> one(1);
    one[0].id = edit_id;
    attach_dismissals(db, one);
    const auto& d = one[0].dismissed;
    throw UsageError("curate dismiss: edit " + id + " is not flagged" +
                     (d && !st.column_text(1).empty()
                          ? " (its flag was dismissed by " + d->curator + " at " + d->at + ")"
                          : std::string(" (`synthdb curate flagged` lists the flagged edits)")));
  }
  Dismissal d{0, std::string(curator), std::string(reason), utc_now(), st.column_text(1)};
  db.prepare("INSERT INTO curation_dismissals(edit_id, flag_reason, curator, reason, at) VALUES (?, ?, ?, ?, ?)")
      .bind(1, edit_id)
      .bind(2, d.flag_reason)
      .bind(3, d.curator)
      .bind(4, d.reason)
      .bind(5, d.at)
      .run();
  d.id = db.last_insert_rowid();
  // flag_reason stays: flagged = 0 with a flag_reason is "dismissed, target still lost" for later runs.
  db.prepare("UPDATE curation SET flagged = 0 WHERE id = ?").bind(1, edit_id).run();
  return d;
}

bool key_is_known(Database& db, std::string_view key) {
  auto edited = db.prepare("SELECT 1 FROM curation WHERE target_key = ? LIMIT 1");
  edited.bind(1, key);
  return edited.step() || !tables_holding(db, key).empty();
}

bool is_deleted(Database& db, std::string_view key) {
  auto st = db.prepare("SELECT 1 FROM synthesis_tombstones WHERE key = ?");
  st.bind(1, key);
  return st.step();
}

namespace {

// SQL: `column` holds a key of one document's records or rows, its two key prefixes bound as ?1
// ("<sha16>-p", records) and ?2 ("<sha256>:" or "<sha256>:p", item rows).
std::string of_document(const std::string& column) {
  return "(substr(" + column + ", 1, length(?1)) = ?1 OR substr(" + column + ", 1, length(?2)) = ?2)";
}

// The edits of one document (its key prefixes bound as for of_document) whose flag a curator dismissed
// while their target is still lost (dismissed_lost_sql; its IN list of the dismissals, which are
// few, drives the lookup by id).
std::vector<int64_t> dismissed_lost(Database& db, const std::string& prefix16, const std::string& item_prefix) {
  std::vector<int64_t> ids;
  if (!has_dismissals(db)) return ids;
  auto st = db.prepare("SELECT c.id FROM curation c WHERE " + dismissed_lost_sql("c") + " AND " +
                       of_document("c.target_key"));
  st.bind(1, prefix16).bind(2, item_prefix);
  while (st.step()) ids.push_back(st.column_int(0));
  return ids;
}

// Undoes a run's flag of the edits in `ids` (dismissed_lost before the run): still lost, still
// dismissed. An edit whose target the run found is not flagged and keeps no flag_reason.
void keep_dismissed(Database& db, const std::vector<int64_t>& ids) {
  auto st = db.prepare("UPDATE curation SET flagged = 0 WHERE id = ? AND flagged = 1");
  for (int64_t id : ids) {
    st.reset();
    st.bind(1, id).run();
  }
}

}  // namespace

int refresh_flags(Database& db, std::string_view sha256) {
  if (sha256.size() < 16) return 0;
  const std::string prefix16 = std::string(sha256.substr(0, 16)) + "-p";
  const std::string item_prefix = std::string(sha256) + ":";
  const std::string why = "source row no longer produced by extraction (re-ingested " + utc_now() + ")";
  const std::vector<int64_t> dismissed = dismissed_lost(db, prefix16, item_prefix);
  // Record-level edits of this document: key "<sha16>-p...".
  db.prepare(
        "UPDATE curation SET "
        "flagged = NOT EXISTS (SELECT 1 FROM syntheses s WHERE s.key = curation.target_key), "
        "flag_reason = CASE WHEN EXISTS (SELECT 1 FROM syntheses s WHERE s.key = curation.target_key) "
        "THEN NULL ELSE ?1 END "
        "WHERE target_table = 'syntheses' AND substr(target_key, 1, length(?2)) = ?2")
      .bind(1, why)
      .bind(2, prefix16)
      .run();
  for (const char* t : {"synthesis_materials", "synthesis_steps", "outcomes"}) {
    std::string exists = std::string("EXISTS (SELECT 1 FROM ") + t + " x WHERE x.item_key = curation.target_key)";
    db.prepare("UPDATE curation SET flagged = NOT " + exists + ", flag_reason = CASE WHEN " + exists +
               " THEN NULL ELSE ?1 END WHERE target_table = ?3 AND substr(target_key, 1, length(?2)) = ?2")
        .bind(1, why)
        .bind(2, item_prefix)
        .bind(3, t)
        .run();
  }
  // A record edit follows its record when re-processing re-numbered the variants (schema v12).
  reanchor_edits(db, sha256);
  keep_dismissed(db, dismissed);
  auto st = db.prepare(
      "SELECT count(*) FROM curation WHERE flagged = 1 AND " + of_document("target_key"));
  st.bind(1, prefix16).bind(2, item_prefix);
  st.step();
  return static_cast<int>(st.column_int(0));
}

namespace {
int table_index(std::string_view table) {
  for (int i = 0; i < 4; ++i)
    if (table == kTables[i]) return i;
  return -1;
}
}  // namespace

CurationOverlay::CurationOverlay(Database& db) {
  auto st = db.prepare(
      "SELECT target_table, target_key, field, new_value FROM curation "
      "WHERE field NOT IN ('deleted', 'added') ORDER BY id");
  while (st.step()) {
    int t = table_index(st.column_text(0));
    if (t < 0) continue;
    tables_[t][st.column_text(1)][st.column_text(2)] = st.column_text(3);  // later ids win
    ++count_;
  }
  auto ts = db.prepare("SELECT key FROM synthesis_tombstones");
  while (ts.step()) tombstones_.insert(ts.column_text(0));
}

const CurationOverlay::Fields* CurationOverlay::row(std::string_view table, const std::string& key) const {
  int t = table_index(table);
  if (t < 0 || tables_[t].empty()) return nullptr;
  auto it = tables_[t].find(key);
  return it == tables_[t].end() ? nullptr : &it->second;
}

const std::string* CurationOverlay::find(std::string_view table, const std::string& key,
                                         const std::string& field) const {
  const Fields* f = row(table, key);
  if (!f) return nullptr;
  auto it = f->find(field);
  return it == f->end() ? nullptr : &it->second;
}

namespace {

// "<sha16>-p<N>-v<V>" or "<sha>:p<N>:<S>-<E>", optionally followed by "#..." (rows without a span
// of a synthesis key): the paragraph ordinal N and the text around it.
struct KeyParts {
  std::string head;  // up to and including "-p" / ":p"
  int paragraph = -1;
  std::string tail;  // from the character after N
};

std::optional<KeyParts> split_key(const std::string& key, const std::string& prefix) {
  if (key.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  size_t i = prefix.size();
  size_t j = i;
  while (j < key.size() && key[j] >= '0' && key[j] <= '9') ++j;
  if (j == i || j - i > 9) return std::nullopt;
  KeyParts k;
  k.head = prefix;
  k.paragraph = std::stoi(key.substr(i, j - i));
  k.tail = key.substr(j);
  return k;
}

// The key the edit `id` was first made on: carried copies name their original in carried_from.
std::string original_key(Database& db, int64_t id) {
  auto st = db.prepare("SELECT carried_from, target_key FROM curation WHERE id = ?");
  std::string key;
  for (int hops = 0; id != 0 && hops < 10000; ++hops) {  // a chain per version of the file
    st.reset();
    st.bind(1, id);
    if (!st.step()) break;
    key = st.column_text(1);
    id = st.is_null(0) ? 0 : st.column_int(0);
  }
  return key;
}

}  // namespace

CarryResult carry_superseded_edits(Database& db, int64_t document_id) {
  CarryResult r;
  std::string sha, path;
  {
    auto st = db.prepare("SELECT sha256, path FROM documents WHERE id = ? AND status = 'ok'");
    st.bind(1, document_id);
    if (!st.step()) return r;
    sha = st.column_text(0);
    path = st.column_text(1);
  }
  if (sha.size() < 16) return r;
  {
    // A database opened without migrating (schema < v4) has no carried_from: nothing to carry into.
    auto st = db.prepare("SELECT 1 FROM pragma_table_info('curation') WHERE name = 'carried_from'");
    if (!st.step()) return r;
  }
  // Old versions this document supersedes: superseded documents that share a path with it.
  std::vector<std::pair<int64_t, std::string>> olds;
  {
    auto st = db.prepare(
        // The condition of view superseded_documents, evaluated only for the documents that share a
        // path with this one (indexed), not for the whole table on every stored document.
        "SELECT DISTINCT d.id, d.sha256 FROM document_paths q "
        "JOIN document_paths p ON p.path = q.path AND p.sha256 <> q.sha256 "
        "  AND (p.abs_path IS NULL OR q.abs_path IS NULL OR p.abs_path = q.abs_path) "
        "JOIN documents d ON d.sha256 = p.sha256 "
        "WHERE q.sha256 = ?1 AND d.id <> ?2 AND NOT EXISTS (SELECT 1 FROM document_paths p2 "
        "  WHERE p2.sha256 = d.sha256 AND NOT EXISTS (SELECT 1 FROM document_paths q2 "
        "    JOIN documents d2 ON d2.sha256 = q2.sha256 AND d2.status = 'ok' "
        "    WHERE q2.path = p2.path AND q2.sha256 <> p2.sha256 "
        "      AND (q2.abs_path IS NULL OR p2.abs_path IS NULL OR q2.abs_path = p2.abs_path) "
        "      AND (q2.last_seen > p2.last_seen OR (q2.last_seen = p2.last_seen AND q2.seen_order > p2.seen_order)))) "
        "ORDER BY d.id");
    st.bind(1, sha).bind(2, document_id);
    while (st.step()) olds.emplace_back(st.column_int(0), st.column_text(1));
  }
  if (olds.empty()) return r;
  // Paragraphs of the new version by text.
  std::unordered_map<std::string, std::vector<int>> new_by_text;
  {
    auto st = db.prepare("SELECT ordinal, text FROM paragraphs WHERE document_id = ? ORDER BY ordinal");
    st.bind(1, document_id);
    while (st.step()) new_by_text[st.column_text(1)].push_back(static_cast<int>(st.column_int(0)));
  }
  const std::string new16 = sha.substr(0, 16);
  const bool dismissals = has_dismissals(db);
  const std::string why_prefix = "document superseded by " + new16 + " (" + path + "); ";
  for (const auto& [old_id, old_sha] : olds) {
    if (old_sha.size() < 16) continue;
    std::unordered_map<int, int> ordinal_map;  // old paragraph ordinal → new one (same text)
    {
      auto st = db.prepare("SELECT ordinal, text FROM paragraphs WHERE document_id = ?");
      st.bind(1, old_id);
      while (st.step()) {
        auto it = new_by_text.find(st.column_text(1));
        if (it == new_by_text.end()) continue;
        const int o = static_cast<int>(st.column_int(0));
        int best = it->second.front();
        for (int m : it->second)
          if (std::abs(m - o) < std::abs(best - o)) best = m;
        ordinal_map[o] = best;
      }
    }
    const std::string syn_prefix = old_sha.substr(0, 16) + "-p";
    const std::string item_prefix = old_sha + ":p";
    // The old key's counterpart in the new version, "" when there is none. A record edit with an
    // anchor (schema v12) goes to the record of the mapped paragraph that read the same spans, which
    // is not always the one with the same variant number (s21-keys).
    auto map_key = [&](const std::string& table, const std::string& key, const std::string& anchor) -> std::string {
      std::optional<KeyParts> k = split_key(key, syn_prefix);
      std::string head = new16 + "-p";
      if (!k) {
        k = split_key(key, item_prefix);
        head = sha + ":p";
      }
      if (!k) return {};
      auto it = ordinal_map.find(k->paragraph);
      if (it == ordinal_map.end()) return {};
      const bool anchored = table == "syntheses" && !anchor.empty();
      // An item row without a span (schema v13): its record as a record edit's, then its item by identity.
      const size_t item_hash = table != "syntheses" ? anchor.find('#') : std::string::npos;
      if ((anchored || item_hash != std::string::npos) && k->tail.size() > kUnplacedSuffix.size() &&
          k->tail.compare(k->tail.size() - kUnplacedSuffix.size(), kUnplacedSuffix.size(), kUnplacedSuffix) == 0)
        k->tail.resize(k->tail.size() - kUnplacedSuffix.size());
      std::string nk = head + std::to_string(it->second) + k->tail;
      if (item_hash != std::string::npos && nk.find('#') != std::string::npos) {
        std::string record = nk.substr(0, nk.find('#'));
        const std::string record_anchor_was = anchor.substr(0, item_hash);
        if (!record_anchor_was.empty()) {
          const std::string spans = anchor_spans(record_anchor_was);
          if (auto a = record_anchor(db, record); !a || anchor_spans(*a) != spans)
            record = find_by_anchor(db, new16, it->second, spans);
        }
        return record.empty() ? std::string() : find_item(db, table, record, anchor.substr(item_hash), nk);
      }
      if (anchored) {
        const std::string spans = anchor_spans(anchor);
        if (auto a = record_anchor(db, nk); a && anchor_spans(*a) == spans) return nk;
        return find_by_anchor(db, new16, it->second, spans);
      }
      auto st = db.prepare("SELECT 1 FROM " + table + " WHERE " +
                           key_column(table) + " = ? LIMIT 1");
      st.bind(1, nk);
      return st.step() ? nk : std::string();
    };
    const bool anchors = has_edit_anchors(db);
    const bool value_anchors = has_column(db, "curation", "value_anchor");
    struct Row {
      int64_t id;
      std::string table, key, anchor, field, value, value_anchor;
      int64_t carried_from;  // 0: made on the old version itself
    };
    std::vector<Row> rows;
    {
      auto st = db.prepare(
          std::string("SELECT c.id, c.target_table, c.target_key, ") + (anchors ? "coalesce(c.anchor, '')" : "''") +
          ", c.field, coalesce(c.new_value, ''), " + (value_anchors ? "coalesce(c.value_anchor, '')" : "''") +
          ", coalesce(c.carried_from, 0) FROM curation c WHERE " + of_document("c.target_key") +
          " AND NOT EXISTS (SELECT 1 FROM curation c2 WHERE c2.carried_from = c.id) ORDER BY c.id");
      st.bind(1, syn_prefix).bind(2, item_prefix);
      while (st.step())
        rows.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                        st.column_text(5), st.column_text(6), st.column_int(7)});
    }
    // A file put back to an earlier content: the old version's copies of edits first made on the
    // version now current again are not copied back (the originals are in force there).
    auto made_here = [&](const Row& row) {
      if (row.carried_from == 0) return false;
      const std::string origin = original_key(db, row.carried_from);
      return origin.starts_with(new16 + "-p") || origin.starts_with(sha + ":p");
    };
    // Tombstones whose delete was carried before (by an earlier call) are not copied again: a
    // curator may have restored the record there since (review s27, D1).
    std::set<std::string> delete_carried;
    {
      auto st = db.prepare(
          "SELECT c.target_key FROM curation c WHERE c.field = 'deleted' AND " + of_document("c.target_key") +
          " AND c.id = (SELECT max(x.id) FROM curation x WHERE x.target_key = c.target_key AND x.field = 'deleted') "
          "AND EXISTS (SELECT 1 FROM curation c2 WHERE c2.carried_from = c.id)");
      st.bind(1, syn_prefix).bind(2, item_prefix);
      while (st.step()) delete_carried.insert(st.column_text(0));
    }
    // Counted once: a later call (the new version re-stored, merged again) finds it flagged.
    // An edit whose flag a curator dismissed, its target still lost, stays dismissed (schema v19).
    auto flag = [&](const Row& row, const std::string& why) {
      r.flagged += db.prepare(std::string("UPDATE curation SET flagged = 1, flag_reason = ?1 WHERE id = ?2 "
                                          "AND NOT (flagged = 1 AND flag_reason IS ?1)") +
                              (dismissals ? " AND NOT " + dismissed_lost_sql("curation") : ""))
                       .bind(1, why_prefix + why)
                       .bind(2, row.id)
                       .run();
    };
    // The copy of `row` on `key`, with `value` as new_value (the original's when empty).
    auto carry = [&](const Row& row, const std::string& key, const std::string& value) {
      db.prepare(
            "INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at, "
            "carried_from) SELECT target_table, ?1, field, old_value, coalesce(?2, new_value), curator, reason, at, id "
            "FROM curation WHERE id = ?3")
          .bind(1, key)
          .bind_text_or_null(2, value)
          .bind(3, row.id)
          .run();
      db.prepare("UPDATE curation SET flagged = 0, flag_reason = NULL WHERE id = ?").bind(1, row.id).run();
      // A restore (deleted 1 -> 0) lifts the tombstone where it goes, as `curate restore` did where it
      // was made (a version put back still holds its own tombstone from before).
      if (row.field == "deleted" && row.value == "0")
        db.prepare("DELETE FROM synthesis_tombstones WHERE key = ?").bind(1, key).run();
      ++r.carried;
    };
    auto newer = db.prepare("SELECT 1 FROM curation n JOIN curation o ON o.id = ?3 WHERE n.target_key = ?1 "
                            "AND n.field = ?2 AND n.carried_from IS NULL AND n.at > o.at LIMIT 1");
    for (const Row& row : rows) {
      if (std::find(std::begin(kTables), std::end(kTables), row.table) == std::end(kTables) || made_here(row)) continue;
      const std::string nk = map_key(row.table, row.key, row.anchor);
      if (nk.empty()) {
        flag(row, "its target " + row.key + " is not in the new version");
        continue;
      }
      // An edit of the same field made on the new version after this one stays in force (a version
      // current at another path meanwhile, review s27 D3): the older one is flagged, not applied.
      newer.reset();
      newer.bind(1, nk).bind(2, row.field).bind(3, row.id);
      if (newer.step()) {
        flag(row, nk + " has a newer edit of " + row.field + " in the new version");
        continue;
      }
      // A curated parent_key naming a record of the old version names its counterpart in the new one
      // (by the parent's anchor, as the record edits above), not the superseded record; with none, the
      // link is flagged like an edit whose target is gone.
      std::string value;
      if (row.table == "syntheses" && row.field == "parent_key" &&
          row.value.compare(0, syn_prefix.size(), syn_prefix) == 0) {
        value = map_key("syntheses", row.value, row.value_anchor);
        if (value.empty()) {
          flag(row, "the parent " + row.value + " this link names is not in the new version");
          continue;
        }
      }
      carry(row, nk, value);
    }
    // Tombstones in force on the old version: carried when their key maps.
    std::vector<std::array<std::string, 3>> stones;  // key, table, anchor
    {
      auto st = db.prepare(
          std::string("SELECT t.key, coalesce((SELECT c.target_table FROM curation c WHERE c.target_key = t.key AND "
                      "c.field = 'deleted' ORDER BY c.id DESC LIMIT 1), 'syntheses'), ") +
          (anchors ? "coalesce((SELECT c.anchor FROM curation c WHERE c.target_key = t.key AND c.field = 'deleted' "
                     "ORDER BY c.id DESC LIMIT 1), '')"
                   : "''") +
          " FROM synthesis_tombstones t WHERE " + of_document("t.key"));
      st.bind(1, syn_prefix).bind(2, item_prefix);
      while (st.step()) stones.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
    }
    for (const auto& [key, table, anchor] : stones) {
      if (delete_carried.count(key)) continue;
      const std::string nk = map_key(table, key, anchor);
      if (nk.empty()) continue;  // its 'deleted' edit was flagged above
      db.prepare("INSERT OR IGNORE INTO synthesis_tombstones(key, curator, reason, deleted_at) "
                 "SELECT ?, curator, reason, deleted_at FROM synthesis_tombstones WHERE key = ?")
          .bind(1, nk)
          .bind(2, key)
          .run();
    }
  }
  return r;
}

int clear_superseded_flags(Database& db, int64_t document_id) {
  auto st = db.prepare("SELECT sha256 FROM documents WHERE id = ?");
  st.bind(1, document_id);
  if (!st.step()) return 0;
  const std::string sha = st.column_text(0);
  if (sha.size() < 16) return 0;
  const std::string superseded_flag =
      "substr(flag_reason, 1, 23) = 'document superseded by ' AND " + of_document("target_key");
  auto clear = [&](const std::string& sql) {
    return db.prepare(sql + superseded_flag).bind(1, sha.substr(0, 16) + "-p").bind(2, sha + ":p").run();
  };
  // Dismissed ones (flagged = 0, flag_reason kept) apply again too: their dismissal has done its job.
  clear("UPDATE curation SET flag_reason = NULL WHERE flagged = 0 AND ");
  return clear("UPDATE curation SET flagged = 0, flag_reason = NULL WHERE flagged = 1 AND ");
}

std::set<int64_t> superseded_document_ids(Database& db) {
  std::set<int64_t> ids;
  if (!has_object(db, "view", "superseded_documents")) return ids;
  auto st = db.prepare("SELECT id FROM superseded_documents");
  while (st.step()) ids.insert(st.column_int(0));
  return ids;
}

std::vector<int64_t> versions_to_carry_into(Database& db, const std::vector<int64_t>& found,
                                            const std::set<int64_t>& before, const std::set<int64_t>& after) {
  std::vector<int64_t> out;
  if (before == after) return out;
  // Current documents sharing a path with a version superseded by this run.
  std::set<int64_t> beside_new_old;
  auto st = db.prepare(
      "SELECT DISTINCT d.id FROM documents o JOIN document_paths p ON p.sha256 = o.sha256 "
      "JOIN document_paths q ON q.path = p.path AND q.sha256 <> p.sha256 "
      "JOIN documents d ON d.sha256 = q.sha256 WHERE o.id = ?");
  for (int64_t id : after)
    if (!before.count(id)) {
      st.reset();
      st.bind(1, id);
      while (st.step()) beside_new_old.insert(st.column_int(0));
    }
  for (int64_t id : found)
    if (!after.count(id) && (before.count(id) || beside_new_old.count(id))) out.push_back(id);
  return out;
}

}  // namespace synthdb::db
