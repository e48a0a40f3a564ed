#include "db/records_store.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>

#include <nlohmann/json.hpp>

#include "db/curation.h"
#include "db/edit_anchor.h"
#include "db/units.h"
#include "db/database.h"
#include "db/store.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

namespace synthdb::db {
namespace {

using records::SourceRef;
using records::Synthesis;

struct Inserters {
  Statement synthesis, material, step, outcome;
  bool supplies;  // synthesis_steps.supplies exists (schema v10+)
};

// A database opened without migrating (tests that build an older schema on purpose) has no
// synthesis_steps.supplies; 010_condition_steps.sql fills it for such rows when it is applied.
bool has_supplies(Database& db) {
  return db.prepare("SELECT 1 FROM pragma_table_info('synthesis_steps') WHERE name = 'supplies'").step();
}

Inserters prepare_inserters(Database& db) {
  const bool supplies = has_supplies(db);
  return {db.prepare("INSERT INTO syntheses(document_id, key, parent_key, variant, origin, source, target, "
                     "target_formula, sample_label, method, status, failure_cue, confidence, "
                     "injection_temperature_c, injection_time_s, growth_temperature_c, growth_time_s, "
                     "reaction_temperature_c, reaction_time_s, paragraphs, first_paragraph, target_paragraph, "
                     "target_start, target_end, failure_paragraph, failure_start, failure_end, created_at) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          db.prepare("INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, entity_id, amount_entity_id, "
                     "name, normalized, formula, role, amount_value, amount_unit, quantity, moles, molar_ratio, "
                     "paragraph, start, end, amount_paragraph, amount_start, amount_end) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          db.prepare("INSERT INTO synthesis_steps(synthesis_id, ordinal, item_key, entity_id, operation, "
                     "temperature_c, time_s, heating_rate_c_per_min, atmosphere, paragraph, start, end, "
                     "temperature_entity_id, temperature_paragraph, temperature_start, temperature_end, "
                     "time_entity_id, time_paragraph, time_start, time_end" +
                     std::string(supplies ? ", supplies) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                                          : ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
          db.prepare("INSERT INTO outcomes(synthesis_id, ordinal, item_key, entity_id, type, value, unit, sd, "
                     "text_value, dimension, confidence, paragraph, start, end) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          supplies};
}

// (paragraph ordinal, entity ordinal) → entities.id of one document.
using EntityIds = std::map<std::pair<int, int>, int64_t>;

std::optional<int64_t> entity_id(const EntityIds& ids, const SourceRef& r) {
  if (!r.has_source()) return std::nullopt;
  auto it = ids.find({r.paragraph, r.entity});
  return it == ids.end() ? std::nullopt : std::optional<int64_t>(it->second);
}

void bind_ref(Statement& st, int index, const SourceRef& r) {
  if (r.has_source()) {
    st.bind(index, r.paragraph).bind(index + 1, r.start).bind(index + 2, r.end);
  } else {
    st.bind_null(index).bind_null(index + 1).bind_null(index + 2);
  }
}

// The counterpart of bind_ref(): the reference in columns [col, col + 3) of the current row, none
// when its paragraph is NULL.
SourceRef read_ref(Statement& st, int col) {
  SourceRef r;
  if (st.is_null(col)) return r;
  r.paragraph = static_cast<int>(st.column_int(col));
  r.start = st.column_int(col + 1);
  r.end = st.column_int(col + 2);
  return r;
}

// Resets `st` and binds the four columns every item row (material, step, outcome) starts with: its
// synthesis, its ordinal, its stable key (item_key()) and the entity it came from.
Statement& bind_item_head(Statement& st, int64_t synthesis_id, size_t ordinal, std::string_view sha,
                          const std::string& synthesis_key, char kind, const SourceRef& ref, const EntityIds& ids) {
  st.reset();
  return st.bind(1, synthesis_id)
      .bind(2, static_cast<int64_t>(ordinal))
      .bind(3, item_key(sha, synthesis_key, kind, static_cast<int>(ordinal), ref))
      .bind(4, entity_id(ids, ref));
}

void insert_one(Inserters& ins, Database& db, std::optional<int64_t> document_id, std::string_view sha,
                const Synthesis& s, std::string_view origin, std::string_view source, const EntityIds& ids,
                const std::string& now) {
  auto& st = ins.synthesis;
  st.reset();
  st.bind(1, document_id)
      .bind(2, s.key)
      .bind_text_or_null(3, s.parent_key)
      .bind(4, s.variant)
      .bind(5, origin)
      .bind_text_or_null(6, source)
      .bind_text_or_null(7, s.target)
      .bind_text_or_null(8, s.target_formula)
      .bind_text_or_null(9, s.sample_label)
      .bind_text_or_null(10, s.method)
      .bind(11, to_string(s.status))
      .bind_text_or_null(12, s.failure_cue)
      .bind(13, s.confidence)
      .bind(14, s.injection_temperature_c)
      .bind(15, s.injection_time_s)
      .bind(16, s.growth_temperature_c)
      .bind(17, s.growth_time_s)
      .bind(18, s.reaction_temperature_c)
      .bind(19, s.reaction_time_s)
      .bind(20, nlohmann::json(s.paragraphs).dump());
  if (s.paragraphs.empty()) st.bind_null(21);
  else st.bind(21, s.paragraphs.front());
  bind_ref(st, 22, s.target_ref);
  bind_ref(st, 25, s.failure_ref);
  st.bind(28, now);
  try {
    st.run();
  } catch (const DbError& e) {
    throw DbError(std::string(e.what()) + " (synthesis key " + s.key + ")");
  }
  const int64_t sid = db.last_insert_rowid();
  std::vector<unsigned> supplies(s.steps.size(), 0);
  {
    const auto from = condition_suppliers(s);
    for (int c = 0; c < 6; ++c)
      if (from[c] >= 0) supplies[from[c]] |= 1u << c;
  }
  for (size_t i = 0; i < s.materials.size(); ++i) {
    const auto& m = s.materials[i];
    auto& mi = ins.material;
    bind_item_head(mi, sid, i, sha, s.key, 'm', m.ref, ids)
        .bind(5, entity_id(ids, m.amount_ref))
        .bind_text_or_null(6, m.name)
        .bind_text_or_null(7, m.normalized)
        .bind_text_or_null(8, m.formula)
        .bind_text_or_null(9, m.role)
        .bind(10, m.amount_value)
        .bind_text_or_null(11, m.amount_unit)
        .bind_text_or_null(12, m.quantity)
        .bind(13, m.moles)
        .bind(14, m.molar_ratio);
    bind_ref(mi, 15, m.ref);
    bind_ref(mi, 18, m.amount_ref);
    mi.run();
  }
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const auto& p = s.steps[i];
    auto& si = ins.step;
    bind_item_head(si, sid, i, sha, s.key, 's', p.ref, ids)
        .bind_text_or_null(5, p.operation)
        .bind(6, p.temperature_c)
        .bind(7, p.time_s)
        .bind(8, p.heating_rate_c_per_min)
        .bind_text_or_null(9, p.atmosphere);
    bind_ref(si, 10, p.ref);
    si.bind(13, entity_id(ids, p.temperature_ref));
    bind_ref(si, 14, p.temperature_ref);
    si.bind(17, entity_id(ids, p.time_ref));
    bind_ref(si, 18, p.time_ref);
    if (ins.supplies) si.bind(21, static_cast<int64_t>(supplies[i]));
    si.run();
  }
  for (size_t i = 0; i < s.outcomes.size(); ++i) {
    const auto& o = s.outcomes[i];
    auto& oi = ins.outcome;
    bind_item_head(oi, sid, i, sha, s.key, 'o', o.ref, ids)
        .bind(5, o.type)
        .bind(6, o.value)
        .bind_text_or_null(7, o.unit)
        .bind(8, o.sd)
        .bind_text_or_null(9, o.text_value)
        .bind_text_or_null(10, o.dimension)
        .bind(11, o.confidence);
    bind_ref(oi, 12, o.ref);
    oi.run();
  }
}

}  // namespace

std::array<int, 6> condition_suppliers(const Synthesis& s) {
  const auto& st = s.steps;
  const std::array<std::optional<double>, 6> cond = {s.injection_temperature_c, s.injection_time_s,
                                                     s.growth_temperature_c,    s.growth_time_s,
                                                     s.reaction_temperature_c,  s.reaction_time_s};
  auto value = [&](size_t i, int c) { return c % 2 == 0 ? st[i].temperature_c : st[i].time_s; };
  std::array<int, 6> from;
  from.fill(-1);
  // The step derive_conditions read condition c from, when it holds the condition's value.
  auto take = [&](int c, int i) {
    if (from[c] < 0 && i >= 0 && cond[c] && value(i, c) == cond[c]) from[c] = i;
  };
  auto is_op = [&](size_t i, std::initializer_list<const char*> ops) {
    for (const char* op : ops)
      if (st[i].operation == op) return true;
    return false;
  };
  // A cooling to above room temperature that a growth step follows ends nothing (moves_to_growth).
  auto ends_stage = [&](size_t i) {
    if (st[i].operation == "purification") return true;
    if (st[i].operation != "cooling") return false;
    const bool to_growth = st[i].temperature_c && *st[i].temperature_c > 30 && i + 1 < st.size() &&
                           is_op(i + 1, {"reaction", "stirring", "annealing"});
    return !to_growth;
  };
  int injection = -1;
  for (size_t i = 0; i < st.size(); ++i)
    if (st[i].operation == "injection") injection = static_cast<int>(i);
  if (injection >= 0) {
    take(0, injection);
    for (int i = injection - 1; from[0] < 0 && i >= 0; --i)
      if (st[i].operation != "degassing" && st[i].temperature_c) {
        take(0, i);
        break;
      }
    take(1, injection);
    size_t end = injection + 1;
    while (end < st.size() && !ends_stage(end) && st[end].operation != "injection") ++end;
    bool held = false;
    for (size_t i = injection + 1; i < end; ++i) held |= st[i].operation == "reaction" && st[i].time_s.has_value();
    for (size_t i = injection + 1; i < end; ++i)
      if (st[i].temperature_c) {
        take(2, static_cast<int>(i));
        break;
      }
    bool timed = false;
    for (size_t i = injection + 1; i < end && !timed; ++i)
      if (st[i].time_s && !(held && st[i].operation == "stirring")) take(3, static_cast<int>(i)), timed = true;
    if (!timed) take(3, injection);
  }
  // The reaction step: the first at the reaction temperature that is not a drying, work-up,
  // degassing, cooling or annealing, else (nothing else heated) a degassing at it.
  for (size_t i = 0; i < st.size() && from[4] < 0; ++i)
    if (!is_op(i, {"drying", "purification", "degassing", "cooling", "annealing"})) take(4, static_cast<int>(i));
  for (size_t i = 0; i < st.size() && from[4] < 0 && injection < 0; ++i)
    if (st[i].operation == "degassing") take(4, static_cast<int>(i));
  if (from[4] >= 0)
    for (size_t i = from[4]; i < st.size(); ++i) {
      if (i > static_cast<size_t>(from[4]) && ends_stage(i)) break;
      if (st[i].time_s) {
        take(5, static_cast<int>(i));
        break;
      }
    }
  // Anything else (a value a role gave, a step the rules above do not single out): the first step
  // holding the value, one that is not a degassing, drying, work-up, annealing or cooling first; as
  // schema/010_condition_steps.sql fills rows stored before v10.
  for (int c = 0; c < 6; ++c)
    for (int pass = 0; pass < 2 && from[c] < 0; ++pass)
      for (size_t i = 0; i < st.size() && from[c] < 0; ++i)
        if (is_op(i, {"degassing", "drying", "purification", "annealing", "cooling"}) == (pass == 1))
          take(c, static_cast<int>(i));
  return from;
}

std::string item_key(std::string_view document_sha256, std::string_view synthesis_key, char kind, int ordinal,
                     const SourceRef& ref) {
  if (ref.has_source() && !document_sha256.empty())
    return std::string(document_sha256) + ":p" + std::to_string(ref.paragraph) + ":" + std::to_string(ref.start) +
           "-" + std::to_string(ref.end);
  return std::string(synthesis_key) + "#" + kind + std::to_string(ordinal);
}

CarryResult store_syntheses(Database& db, int64_t document_id, const std::vector<Synthesis>& syntheses) {
  std::string sha;
  {
    auto st = db.prepare("SELECT sha256 FROM documents WHERE id = ?");
    st.bind(1, document_id);
    if (!st.step()) throw DbError(db.path().string() + ": store_syntheses: no document with id " +
                                  std::to_string(document_id));
    sha = st.column_text(0);
  }
  const std::vector<int64_t> flagged_before = flagged_edit_ids(db, sha);
  // Usually already gone (write_document cascades), but a caller may store records alone.
  db.prepare("DELETE FROM syntheses WHERE document_id = ? AND origin = 'extracted'").bind(1, document_id).run();
  EntityIds ids;
  {
    auto st = db.prepare(
        "SELECT p.ordinal, e.ordinal, e.id FROM entities e JOIN paragraphs p ON p.id = e.paragraph_id "
        "WHERE p.document_id = ?");
    st.bind(1, document_id);
    while (st.step()) ids[{static_cast<int>(st.column_int(0)), static_cast<int>(st.column_int(1))}] = st.column_int(2);
  }
  Inserters ins = prepare_inserters(db);
  const std::string now = utc_now();
  for (const auto& s : syntheses) insert_one(ins, db, document_id, sha, s, "extracted", "", ids, now);
  refresh_flags(db, sha);
  // A new version of a file edited in place: the old version's edits follow it (or are flagged).
  CarryResult r = carry_superseded_edits(db, document_id);
  // Edits of this document that re-processing flagged (record gone, or re-numbered: review s21,
  // item 3), counted with the carried ones in ingest's edits_flagged.
  const std::vector<int64_t> after = flagged_edit_ids(db, sha);
  for (int64_t id : after)
    if (!std::binary_search(flagged_before.begin(), flagged_before.end(), id)) ++r.flagged;
  return r;
}

CarryResult store_syntheses_json(Database& db, int64_t document_id, std::string_view records_json) {
  std::vector<Synthesis> list;
  if (!records_json.empty()) {
    try {
      list = nlohmann::json::parse(records_json).get<std::vector<Synthesis>>();
    } catch (const nlohmann::json::exception& e) {
      throw InputError(std::string("synthesis records of document ") + std::to_string(document_id) +
                       " are not valid JSON: " + e.what());
    }
  }
  return store_syntheses(db, document_id, list);
}

namespace {

// The checks `curate set` applies, for a hand-added record (one-line UsageError naming the field).
void validate_manual(Database& db, const Synthesis& s, std::string_view source, std::string_view curator,
                     std::string_view reason) {
  auto utf8 = [](std::string_view text, const std::string& name) { require_utf8(text, "add", name); };
  utf8(source, "source");
  utf8(curator, "--curator");
  utf8(reason, "--reason");
  for (const auto* t : {&s.key, &s.parent_key, &s.target, &s.target_formula, &s.sample_label, &s.method,
                        &s.failure_cue})
    utf8(*t, "a text field");
  auto number = [](const char* field, const std::optional<double>& v, const std::string& where) {
    if (!v) return;
    std::string why = numeric_field_problem(field, *v);
    if (!why.empty()) throw UsageError("add: " + where + why);
  };
  auto vocabulary = [](const char* field, const std::string& v, const std::string& where) {
    const auto* allowed = allowed_values(field);
    if (v.empty() || std::find(allowed->begin(), allowed->end(), v) != allowed->end()) return;
    std::string list;
    for (const auto& a : *allowed) list += (list.empty() ? "" : ", ") + a;
    throw UsageError("add: " + where + field + " must be one of " + list + ", not \"" + v + "\"");
  };
  number("confidence", s.confidence, "");
  number("injection_temperature_c", s.injection_temperature_c, "");
  number("injection_time_s", s.injection_time_s, "");
  number("growth_temperature_c", s.growth_temperature_c, "");
  number("growth_time_s", s.growth_time_s, "");
  number("reaction_temperature_c", s.reaction_temperature_c, "");
  number("reaction_time_s", s.reaction_time_s, "");
  for (size_t i = 0; i < s.materials.size(); ++i) {
    const auto& m = s.materials[i];
    const std::string where = "materials[" + std::to_string(i) + "]: ";
    vocabulary("role", m.role, where);
    number("amount_value", m.amount_value, where);
    number("moles", m.moles, where);
    number("molar_ratio", m.molar_ratio, where);
    if (!m.quantity.empty()) {
      const auto& q = quantity_vocabulary();
      if (std::find(q.begin(), q.end(), m.quantity) == q.end())
        throw UsageError("add: " + where + "quantity must be one of mass, volume, moles, concentration, "
                         "molar_ratio, mass_ratio, volume_ratio, fraction, not \"" + m.quantity + "\"");
    }
    for (const auto* t : {&m.name, &m.normalized, &m.formula, &m.amount_unit, &m.quantity}) utf8(*t, where + "text");
  }
  std::vector<std::string> operations;
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const auto& p = s.steps[i];
    const std::string where = "steps[" + std::to_string(i) + "]: ";
    if (!p.operation.empty()) {
      if (operations.empty()) operations = operation_vocabulary();
      if (std::find(operations.begin(), operations.end(), p.operation) == operations.end()) {
        std::string list;
        for (const auto& a : operations) list += (list.empty() ? "" : ", ") + a;
        throw UsageError("add: " + where + "operation must be one of " + list + ", not \"" + p.operation + "\"");
      }
    }
    number("temperature_c", p.temperature_c, where);
    number("time_s", p.time_s, where);
    number("heating_rate_c_per_min", p.heating_rate_c_per_min, where);
    for (const auto* t : {&p.operation, &p.atmosphere}) utf8(*t, where + "text");
  }
  for (size_t i = 0; i < s.outcomes.size(); ++i) {
    const auto& o = s.outcomes[i];
    const std::string where = "outcomes[" + std::to_string(i) + "]: ";
    if (o.type.empty()) throw UsageError("add: " + where + "type is required");
    vocabulary("type", o.type, where);
    number("value", o.value, where);
    number("sd", o.sd, where);
    number("confidence", o.confidence, where);
    for (const auto* t : {&o.unit, &o.text_value, &o.dimension}) utf8(*t, where + "text");
  }
  if (!s.parent_key.empty()) {
    auto st = db.prepare("SELECT 1 FROM syntheses WHERE key = ?");
    st.bind(1, s.parent_key);
    if (!st.step()) throw UsageError("add: parent_key \"" + s.parent_key + "\" is not a record key");
  }
}

// Units as the export's contract states them (review 18a, P2): "0.1 mmol" is stored as 0.0001 mol
// with moles filled in, "5 Å" as 0.5 nm. Throws UsageError naming the row and listing the accepted
// units for a unit that is unknown or of the wrong kind. Called after validate_manual.
void to_canonical_units(Synthesis& s) {
  std::optional<UnitTable> units;
  auto table = [&]() -> const UnitTable& {
    if (!units) units = UnitTable::load();
    return *units;
  };
  for (size_t i = 0; i < s.materials.size(); ++i) {
    auto& m = s.materials[i];
    if (m.amount_unit.empty()) continue;
    Converted c = convert_amount(table(), m.amount_unit, m.amount_value, "add: materials[" + std::to_string(i) + "]: ");
    m.amount_unit = c.unit;
    m.amount_value = c.value;
    if (!c.quantity.empty()) m.quantity = c.quantity;
    if (m.quantity == "moles" && m.amount_value && !m.moles) m.moles = m.amount_value;
  }
  for (size_t i = 0; i < s.outcomes.size(); ++i) {
    auto& o = s.outcomes[i];
    // A numeric outcome written without a unit is taken as already canonical.
    if (o.unit.empty()) continue;
    Converted c = convert_outcome(table(), o.type, o.unit, o.value, o.sd, "add: outcomes[" + std::to_string(i) + "]: ");
    o.unit = c.unit;
    o.value = c.value;
    o.sd = c.sd;
  }
}

}  // namespace

void convert_condition_units(nlohmann::json& record) {
  std::optional<UnitTable> units;  // read once, when a value is text
  auto convert = [&](nlohmann::json& object, const std::string& where) {
    if (!object.is_object()) return;
    for (auto& [field, value] : object.items()) {
      if (!value.is_string()) continue;
      if (!units) units = UnitTable::load();
      if (auto v = convert_with_unit(*units, field, value.get<std::string>(), where)) value = *v;
    }
  };
  convert(record, "add: ");
  if (record.is_object() && record.contains("steps") && record["steps"].is_array())
    for (auto& step : record["steps"]) convert(step, "add: step ");
}

std::string add_manual_synthesis(Database& db, Synthesis s, std::string_view source, std::string_view curator,
                                 std::string_view reason) {
  if (curator.empty()) throw UsageError("add: a curator name is required (--curator)");
  validate_manual(db, s, source, curator, reason);
  const std::string json = nlohmann::json(s).dump();
  if (s.key.empty()) s.key = "manual-" + sha256_hex(json).substr(0, 16);
  to_canonical_units(s);
  // Molar ratios and the conditions the steps give, as an extracted record has them (review s21-ux,
  // item 2: they used to appear only after a curator's amount edit made the export recompute).
  records::derive_values(s);
  {
    auto st = db.prepare("SELECT 1 FROM syntheses WHERE key = ? UNION ALL SELECT 1 FROM manual_records WHERE key = ?");
    st.bind(1, s.key).bind(2, s.key);
    if (st.step()) throw UsageError("add: a record with key \"" + s.key + "\" already exists");
  }
  // Hand-added values have no span in a paper: drop references that would point nowhere.
  for (auto& m : s.materials) m.ref = m.amount_ref = {};
  for (auto& p : s.steps) p.ref = p.temperature_ref = p.time_ref = {};
  for (auto& o : s.outcomes) o.ref = {};
  s.target_ref = s.failure_ref = {};
  for (size_t i = 0; i < s.steps.size(); ++i) s.steps[i].ordinal = static_cast<int>(i);
  const std::string now = utc_now();
  Inserters ins = prepare_inserters(db);
  insert_one(ins, db, std::nullopt, "", s, "manual", source, {}, now);
  db.prepare("INSERT INTO manual_records(key, json, curator, reason, added_at) VALUES (?,?,?,?,?)")
      .bind(1, s.key)
      .bind(2, nlohmann::json(s).dump())
      .bind(3, curator)
      .bind(4, reason)
      .bind(5, now)
      .run();
  db.prepare("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
             "VALUES ('syntheses', ?, 'added', NULL, ?, ?, ?, ?)")
      .bind(1, s.key)
      .bind_text_or_null(2, source)
      .bind(3, curator)
      .bind(4, reason)
      .bind(5, now)
      .run();
  return s.key;
}

std::optional<Synthesis> load_synthesis(Database& db, std::string_view key) {
  auto st = db.prepare(
      "SELECT id, key, coalesce(parent_key,''), variant, coalesce(target,''), coalesce(target_formula,''), "
      "coalesce(sample_label,''), coalesce(method,''), status, coalesce(failure_cue,''), confidence, "
      "injection_temperature_c, injection_time_s, growth_temperature_c, growth_time_s, reaction_temperature_c, "
      "reaction_time_s, paragraphs, target_paragraph, target_start, target_end, failure_paragraph, failure_start, "
      "failure_end FROM syntheses WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  Synthesis s;
  const int64_t id = st.column_int(0);
  s.key = st.column_text(1);
  s.parent_key = st.column_text(2);
  s.variant = static_cast<int>(st.column_int(3));
  s.target = st.column_text(4);
  s.target_formula = st.column_text(5);
  s.sample_label = st.column_text(6);
  s.method = st.column_text(7);
  s.status = parse_synthesis_status(st.column_text(8)).value_or(SynthesisStatus::kUnknown);
  s.failure_cue = st.column_text(9);
  s.confidence = st.column_double(10);
  s.injection_temperature_c = st.column_optional_double(11);
  s.injection_time_s = st.column_optional_double(12);
  s.growth_temperature_c = st.column_optional_double(13);
  s.growth_time_s = st.column_optional_double(14);
  s.reaction_temperature_c = st.column_optional_double(15);
  s.reaction_time_s = st.column_optional_double(16);
  s.paragraphs = nlohmann::json::parse(st.column_text(17), nullptr, false).is_array()
                     ? nlohmann::json::parse(st.column_text(17)).get<std::vector<int>>()
                     : std::vector<int>{};
  s.target_ref = read_ref(st, 18);
  s.failure_ref = read_ref(st, 21);

  auto ms = db.prepare(
      "SELECT coalesce(name,''), coalesce(normalized,''), coalesce(formula,''), coalesce(role,''), amount_value, "
      "coalesce(amount_unit,''), coalesce(quantity,''), moles, molar_ratio, paragraph, start, end, "
      "amount_paragraph, amount_start, amount_end FROM synthesis_materials WHERE synthesis_id = ? ORDER BY ordinal");
  ms.bind(1, id);
  while (ms.step()) {
    records::Material m{ms.column_text(0), ms.column_text(1), ms.column_text(2), ms.column_text(3),
                        ms.column_optional_double(4), ms.column_text(5), ms.column_text(6),
                        ms.column_optional_double(7), ms.column_optional_double(8)};
    m.ref = read_ref(ms, 9);
    m.amount_ref = read_ref(ms, 12);
    s.materials.push_back(std::move(m));
  }
  auto ss = db.prepare(
      "SELECT ordinal, coalesce(operation,''), temperature_c, time_s, heating_rate_c_per_min, coalesce(atmosphere,''), "
      "paragraph, start, end, temperature_paragraph, temperature_start, temperature_end, time_paragraph, "
      "time_start, time_end FROM synthesis_steps WHERE synthesis_id = ? ORDER BY ordinal");
  ss.bind(1, id);
  while (ss.step()) {
    records::Step p;
    p.ordinal = static_cast<int>(ss.column_int(0));
    p.operation = ss.column_text(1);
    p.temperature_c = ss.column_optional_double(2);
    p.time_s = ss.column_optional_double(3);
    p.heating_rate_c_per_min = ss.column_optional_double(4);
    p.atmosphere = ss.column_text(5);
    p.ref = read_ref(ss, 6);
    p.temperature_ref = read_ref(ss, 9);
    p.time_ref = read_ref(ss, 12);
    s.steps.push_back(std::move(p));
  }
  auto os = db.prepare(
      "SELECT type, value, coalesce(unit,''), sd, coalesce(text_value,''), coalesce(dimension,''), confidence, "
      "paragraph, start, end FROM outcomes WHERE synthesis_id = ? ORDER BY ordinal");
  os.bind(1, id);
  while (os.step()) {
    records::Outcome o;
    o.type = os.column_text(0);
    o.value = os.column_optional_double(1);
    o.unit = os.column_text(2);
    o.sd = os.column_optional_double(3);
    o.text_value = os.column_text(4);
    o.dimension = os.column_text(5);
    o.confidence = os.column_double(6);
    o.ref = read_ref(os, 7);
    s.outcomes.push_back(std::move(o));
  }
  return s;
}

}  // namespace synthdb::db
