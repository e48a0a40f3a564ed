#include "db/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/core/strings.h"
#include "extract/core/tsv.h"

namespace synthdb::db {
namespace {

// Conversions leave binary noise (3.1 Å -> 0.31000000000000005 nm, 553.15 K -> 279.99999999999994
// °C): 12 significant digits, as the records stage writes computed moles.
double round12(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  // (Callers skip it for an identity conversion, so a value given in the canonical unit is kept.)
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return std::strtod(buf, nullptr);
}

bool parse_double(std::string_view s, double* out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(*out);
}

// Spelled-out names a curator may type for a unit the table writes as a symbol.
std::string_view alias_of(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"angstrom", "Å"}, {"angstroms", "Å"}, {"Angstrom", "Å"}, {"Angstroms", "Å"},
      {"kelvin", "K"},   {"Kelvin", "K"},    {"celsius", "°C"},  {"Celsius", "°C"},
      {"l", "L"},        {"liter", "L"},     {"litre", "L"},     {"gram", "g"},      {"grams", "g"},
      {"mol/L", "M"},    {"mmol/L", "mM"},   {"electronvolt", "eV"}};
  for (const auto& [from, to] : kAliases)
    if (s == from) return to;
  return s;
}

[[noreturn]] void unknown_unit(const std::string& where, std::string_view field, std::string_view unit,
                               const std::vector<std::string>& accepted) {
  throw UsageError(where + std::string(field) + " \"" + std::string(unit) + "\" is not an accepted unit here; accepted: " +
                   join(accepted));
}

}  // namespace

UnitTable UnitTable::parse(std::string_view tsv, const std::string& name) {
  UnitTable t;
  for (const TsvRow& row : parse_tsv(tsv, name, 4)) {
    UnitInfo u;
    if (!parse_double(row.fields[2], &u.factor) || !parse_double(row.fields[3], &u.offset))
      throw Error(name + ":" + std::to_string(row.line) + ": expected surface, kind, factor, offset");
    u.kind = row.fields[1];
    t.units_.emplace_back(row.fields[0], std::move(u));
  }
  return t;
}

UnitTable UnitTable::load() {
  const auto path = data_dir() / "extract/rules/lexicons/units.tsv";
  return parse(read_lexicon_file(path), path.string());
}

std::optional<UnitInfo> UnitTable::find(std::string_view surface) const {
  for (std::string_view s : {surface, alias_of(surface)})
    for (const auto& [name, info] : units_)
      if (name == s && info.kind != "ignore") return info;
  return std::nullopt;
}

std::vector<std::string> UnitTable::spellings(std::string_view kind) const {
  std::vector<std::string> out;
  std::vector<std::pair<double, double>> seen;  // (factor, offset) already listed
  for (const auto& [name, info] : units_) {
    if (info.kind != kind) continue;
    const std::pair<double, double> unit{info.factor, info.offset};
    if (std::find(seen.begin(), seen.end(), unit) != seen.end()) continue;
    seen.push_back(unit);
    out.push_back(name);
  }
  return out;
}

Converted convert_amount(const UnitTable& units, std::string_view unit, std::optional<double> value,
                         const std::string& where) {
  // The extractor's own amount units that are not one units.tsv row: mass concentration and ratios.
  if (unit == "g/L") return {value, std::nullopt, "g/L", "concentration"};
  if (unit == "ratio") return {value, std::nullopt, "ratio", ""};
  static const std::pair<const char*, const char*> kCanonical[] = {
      {"mass", "g"}, {"volume", "mL"}, {"moles", "mol"}, {"concentration", "mol/L"}, {"fraction", "%"}};
  auto u = units.find(unit);
  if (u) {
    for (const auto& [kind, canonical] : kCanonical) {
      if (u->kind != kind) continue;
      Converted c{std::nullopt, std::nullopt, canonical, kind};
      if (value) c.value = u->factor == 1 && u->offset == 0 ? *value : round12(*value * u->factor + u->offset);
      return c;
    }
  }
  std::vector<std::string> accepted;
  for (const auto& [kind, canonical] : kCanonical)
    for (auto& s : units.spellings(kind)) accepted.push_back(std::move(s));
  accepted.push_back("mol/L");
  accepted.push_back("g/L");
  accepted.push_back("ratio");
  unknown_unit(where, "amount_unit", unit, accepted);
}

Converted convert_outcome(const UnitTable& units, std::string_view type, std::string_view unit,
                          std::optional<double> value, std::optional<double> sd, const std::string& where) {
  // (kind of unit, canonical unit, factor from the table's canonical unit to the column's)
  struct Target {
    const char* kind;
    const char* canonical;
    double scale;
  };
  std::vector<Target> targets;
  if (type == "size" || type == "pl_peak" || type == "absorption_peak") targets = {{"length", "nm", 1}};
  else if (type == "fwhm") targets = {{"energy", "meV", 1000}, {"length", "nm", 1}};
  else if (type == "band_gap") targets = {{"energy", "eV", 1}};
  else if (type == "plqy" || type == "yield") targets = {{"fraction", "%", 1}};
  if (targets.empty()) {
    if (unit.empty()) return {value, sd, "", ""};
    throw UsageError(where + "an outcome of type " + std::string(type) + " takes no unit, not \"" +
                     std::string(unit) + "\"");
  }
  auto u = units.find(unit);
  for (const Target& t : targets) {
    if (!u || u->kind != t.kind) continue;
    // The canonical unit written as such needs no arithmetic (meV stays exact).
    if (unit == t.canonical) return {value, sd, t.canonical, ""};
    Converted c{std::nullopt, std::nullopt, t.canonical, ""};
    const bool identity = u->factor * t.scale == 1 && u->offset == 0;
    if (value) c.value = identity ? *value : round12((*value * u->factor + u->offset) * t.scale);
    if (sd) c.sd = identity ? *sd : round12(*sd * u->factor * t.scale);
    return c;
  }
  std::vector<std::string> accepted;
  for (const Target& t : targets)
    for (auto& s : units.spellings(t.kind)) accepted.push_back(std::move(s));
  unknown_unit(where, "unit of a " + std::string(type) + " outcome", unit, accepted);
}

std::optional<double> convert_with_unit(const UnitTable& units, std::string_view field, std::string_view text,
                                        const std::string& where) {
  const char* kind = field.ends_with("temperature_c") ? "temperature" : field.ends_with("time_s") ? "time" : nullptr;
  if (!kind) return std::nullopt;
  // The number: the longest prefix that parses; the rest (spaces trimmed) is the unit.
  size_t end = text.find_first_not_of("0123456789.eE+-");
  if (end == std::string_view::npos || end == 0) return std::nullopt;
  double number = 0;
  if (!parse_double(text.substr(0, end), &number)) return std::nullopt;
  std::string_view unit = text.substr(end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
  if (unit.empty()) return std::nullopt;
  auto u = units.find(unit);
  if (!u || u->kind != kind)
    throw UsageError(where + std::string(field) + " \"" + std::string(text) + "\": \"" + std::string(unit) +
                     "\" is not a " + kind + " unit; accepted: " + join(units.spellings(kind)));
  return round12(number * u->factor + u->offset);
}

std::vector<std::string> operation_vocabulary() {
  std::vector<std::string> out = {"other"};
  for (const TsvRow& row : read_tsv(data_dir() / "extract/rules/lexicons/operations.tsv", 2)) {
    const std::string& op = row.fields[1];
    if (op != "-" && std::find(out.begin(), out.end(), op) == out.end()) out.push_back(op);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<std::string>& quantity_vocabulary() {
  static const std::vector<std::string> kQuantities = {"mass",      "volume",     "moles",        "concentration",
                                                       "molar_ratio", "mass_ratio", "volume_ratio", "fraction"};
  return kQuantities;
}

}  // namespace synthdb::db
