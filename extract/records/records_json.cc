// JSON form of synthesis records: what `synthdb add --json` reads and the jsonl export writes.
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "extract/core/error.h"
#include "extract/records/records.h"

namespace synthdb::records {
namespace {

using nlohmann::json;

void put(json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}
void put(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// Reads an optional field, naming it in the error when its type is wrong (hand-written files).
std::optional<double> get_num(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (!j[key].is_number()) throw InputError(std::string("field \"") + key + "\" must be a number");
  return j[key].get<double>();
}
std::string get_str(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  if (!j[key].is_string()) throw InputError(std::string("field \"") + key + "\" must be a string");
  return j[key].get<std::string>();
}
void require_object(const json& j, const char* what) {
  if (!j.is_object()) throw InputError(std::string(what) + " must be a JSON object");
}

// A hand-written record with a misspelled field ("targt", "rol") must not be stored without it
// (review 26): every key must be one `what` reads, else the error names it and lists the fields.
void require_known_fields(const json& j, const char* what, std::initializer_list<const char*> fields) {
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* f : fields) known = known || key == f;
    if (known) continue;
    std::string list;
    for (const char* f : fields) list += std::string(list.empty() ? "" : ", ") + f;
    throw InputError("unknown field \"" + key + "\" in " + what + "; its fields: " + list);
  }
}

json ref_json(const SourceRef& r) {
  return json{{"paragraph", r.paragraph}, {"entity", r.entity}, {"start", r.start}, {"end", r.end}};
}
SourceRef ref_from(const json& j, const char* key) {
  SourceRef r;
  if (!j.contains(key) || !j[key].is_object()) return r;
  const json& o = j[key];
  r.paragraph = o.value("paragraph", -1);
  r.entity = o.value("entity", -1);
  r.start = o.value("start", int64_t{0});
  r.end = o.value("end", int64_t{0});
  return r;
}

}  // namespace

void to_json(json& j, const Material& m) {
  j = json::object();
  put(j, "name", m.name);
  put(j, "normalized", m.normalized);
  put(j, "formula", m.formula);
  put(j, "role", m.role);
  put(j, "amount_value", m.amount_value);
  put(j, "amount_unit", m.amount_unit);
  put(j, "quantity", m.quantity);
  put(j, "moles", m.moles);
  put(j, "molar_ratio", m.molar_ratio);
  if (m.ref.has_source()) j["ref"] = ref_json(m.ref);
  if (m.amount_ref.has_source()) j["amount_ref"] = ref_json(m.amount_ref);
}

void from_json(const json& j, Material& m) {
  require_object(j, "material");
  require_known_fields(j, "material", {"name", "normalized", "formula", "role", "amount_value", "amount_unit", "quantity",
                                       "moles", "molar_ratio", "ref", "amount_ref"});
  m.name = get_str(j, "name");
  m.normalized = get_str(j, "normalized");
  m.formula = get_str(j, "formula");
  m.role = get_str(j, "role");
  m.amount_value = get_num(j, "amount_value");
  m.amount_unit = get_str(j, "amount_unit");
  m.quantity = get_str(j, "quantity");
  m.moles = get_num(j, "moles");
  m.molar_ratio = get_num(j, "molar_ratio");
  m.ref = ref_from(j, "ref");
  m.amount_ref = ref_from(j, "amount_ref");
  if (m.name.empty() && m.normalized.empty() && m.formula.empty())
    throw InputError("material needs \"name\", \"normalized\" or \"formula\"");
}

void to_json(json& j, const Step& s) {
  j = json{{"ordinal", s.ordinal}};
  put(j, "operation", s.operation);
  put(j, "temperature_c", s.temperature_c);
  put(j, "time_s", s.time_s);
  put(j, "heating_rate_c_per_min", s.heating_rate_c_per_min);
  put(j, "atmosphere", s.atmosphere);
  if (s.ref.has_source()) j["ref"] = ref_json(s.ref);
  if (s.temperature_ref.has_source()) j["temperature_ref"] = ref_json(s.temperature_ref);
  if (s.time_ref.has_source()) j["time_ref"] = ref_json(s.time_ref);
}

void from_json(const json& j, Step& s) {
  require_object(j, "step");
  require_known_fields(j, "step", {"ordinal", "operation", "temperature_c", "time_s", "heating_rate_c_per_min", "atmosphere",
                                   "ref", "temperature_ref", "time_ref"});
  if (j.contains("ordinal") && !j["ordinal"].is_number_integer()) throw InputError("field \"ordinal\" must be an integer");
  s.ordinal = j.value("ordinal", 0);
  s.operation = get_str(j, "operation");
  s.temperature_c = get_num(j, "temperature_c");
  s.time_s = get_num(j, "time_s");
  s.heating_rate_c_per_min = get_num(j, "heating_rate_c_per_min");
  s.atmosphere = get_str(j, "atmosphere");
  s.ref = ref_from(j, "ref");
  s.temperature_ref = ref_from(j, "temperature_ref");
  s.time_ref = ref_from(j, "time_ref");
}

void to_json(json& j, const Outcome& o) {
  j = json{{"type", o.type}, {"confidence", o.confidence}};
  put(j, "value", o.value);
  put(j, "unit", o.unit);
  put(j, "sd", o.sd);
  put(j, "text_value", o.text_value);
  put(j, "dimension", o.dimension);
  if (o.ref.has_source()) j["ref"] = ref_json(o.ref);
}

void from_json(const json& j, Outcome& o) {
  require_object(j, "outcome");
  require_known_fields(j, "outcome", {"type", "value", "unit", "sd", "text_value", "dimension", "confidence", "ref"});
  o.type = get_str(j, "type");
  if (o.type.empty()) throw InputError("outcome needs \"type\"");
  o.value = get_num(j, "value");
  o.unit = get_str(j, "unit");
  o.sd = get_num(j, "sd");
  o.text_value = get_str(j, "text_value");
  o.dimension = get_str(j, "dimension");
  o.confidence = get_num(j, "confidence").value_or(1.0);
  o.ref = ref_from(j, "ref");
}

void to_json(json& j, const Synthesis& s) {
  j = json{{"key", s.key}, {"variant", s.variant}, {"status", to_string(s.status)}, {"confidence", s.confidence}};
  put(j, "parent_key", s.parent_key);
  put(j, "target", s.target);
  put(j, "target_formula", s.target_formula);
  put(j, "sample_label", s.sample_label);
  put(j, "method", s.method);
  put(j, "failure_cue", s.failure_cue);
  put(j, "injection_temperature_c", s.injection_temperature_c);
  put(j, "injection_time_s", s.injection_time_s);
  put(j, "growth_temperature_c", s.growth_temperature_c);
  put(j, "growth_time_s", s.growth_time_s);
  put(j, "reaction_temperature_c", s.reaction_temperature_c);
  put(j, "reaction_time_s", s.reaction_time_s);
  j["materials"] = s.materials;
  j["steps"] = s.steps;
  j["outcomes"] = s.outcomes;
  j["paragraphs"] = s.paragraphs;
  if (s.target_ref.has_source()) j["target_ref"] = ref_json(s.target_ref);
  if (s.failure_ref.has_source()) j["failure_ref"] = ref_json(s.failure_ref);
}

void from_json(const json& j, Synthesis& s) {
  require_object(j, "synthesis record");
  // "source" is read by `synthdb add` (where the record comes from).
  require_known_fields(j, "synthesis record",
                       {"key", "parent_key", "variant", "target", "target_formula", "sample_label", "method", "status",
                        "failure_cue", "confidence", "injection_temperature_c", "injection_time_s", "growth_temperature_c",
                        "growth_time_s", "reaction_temperature_c", "reaction_time_s", "materials", "steps", "outcomes",
                        "paragraphs", "target_ref", "failure_ref", "source"});
  s.key = get_str(j, "key");
  s.parent_key = get_str(j, "parent_key");
  if (j.contains("variant") && !j["variant"].is_number_integer()) throw InputError("field \"variant\" must be an integer");
  s.variant = j.value("variant", 0);
  s.target = get_str(j, "target");
  s.target_formula = get_str(j, "target_formula");
  s.sample_label = get_str(j, "sample_label");
  s.method = get_str(j, "method");
  std::string status = get_str(j, "status");
  if (status.empty()) status = "unknown";
  auto st = parse_synthesis_status(status);
  if (!st) throw InputError("field \"status\" must be success, failed or unknown, not \"" + status + "\"");
  s.status = *st;
  s.failure_cue = get_str(j, "failure_cue");
  s.confidence = get_num(j, "confidence").value_or(1.0);
  s.injection_temperature_c = get_num(j, "injection_temperature_c");
  s.injection_time_s = get_num(j, "injection_time_s");
  s.growth_temperature_c = get_num(j, "growth_temperature_c");
  s.growth_time_s = get_num(j, "growth_time_s");
  s.reaction_temperature_c = get_num(j, "reaction_temperature_c");
  s.reaction_time_s = get_num(j, "reaction_time_s");
  auto list = [&](const char* key) -> const json* {
    if (!j.contains(key) || j[key].is_null()) return nullptr;
    if (!j[key].is_array()) throw InputError(std::string("field \"") + key + "\" must be an array");
    return &j[key];
  };
  s.materials.clear();
  s.steps.clear();
  s.outcomes.clear();
  s.paragraphs.clear();
  if (const json* a = list("materials"))
    for (const auto& m : *a) s.materials.push_back(m.get<Material>());
  if (const json* a = list("steps"))
    for (const auto& st2 : *a) s.steps.push_back(st2.get<Step>());
  if (const json* a = list("outcomes"))
    for (const auto& o : *a) s.outcomes.push_back(o.get<Outcome>());
  if (const json* a = list("paragraphs"))
    for (const auto& p : *a) {
      if (!p.is_number_integer()) throw InputError("field \"paragraphs\" must hold integers");
      s.paragraphs.push_back(p.get<int>());
    }
  s.target_ref = ref_from(j, "target_ref");
  s.failure_ref = ref_from(j, "failure_ref");
}

}  // namespace synthdb::records
