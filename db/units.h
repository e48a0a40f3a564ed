#pragma once

// Units and vocabularies of curated values (`curate set`, `synthdb add`, schema v5 triggers): a
// curator's unit is converted to the canonical unit of its column (mmol -> mol, Å -> nm, K -> °C)
// or refused, so that the export's "canonical units" contract holds for curated rows too. The unit
// table is the extractor's own `extract/rules/lexicons/units.tsv` (under data_dir()), read here as
// data: one table for both, no copy.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb::db {

// A unit of units.tsv: kind (mass, volume, moles, concentration, fraction, length, energy,
// temperature, time, ...) and canonical = value * factor + offset.
struct UnitInfo {
  std::string kind;
  double factor = 1;
  double offset = 0;
};

class UnitTable {
 public:
  // Reads data_dir()/extract/rules/lexicons/units.tsv. Throws Error naming the file when it cannot
  // be read or a row is malformed.
  static UnitTable load();
  // Parses the bytes of a units.tsv (`name` for errors).
  static UnitTable parse(std::string_view tsv, const std::string& name);

  // The unit written `surface` (exact match, also a few spelled-out names: "angstrom", "kelvin",
  // "micrometer"), or nullopt when unknown.
  std::optional<UnitInfo> find(std::string_view surface) const;
  // One spelling per unit of `kind`, for the "accepted: ..." of a refused unit: the first surface
  // in file order with its factor and offset (the table lists the usual spelling first, then
  // variants and PDF misreads such as "lL" for µL or "8C" for °C, which are accepted but not listed).
  std::vector<std::string> spellings(std::string_view kind) const;

 private:
  std::vector<std::pair<std::string, UnitInfo>> units_;
};

// The result of converting a curator's value + unit to a column's canonical unit.
struct Converted {
  std::optional<double> value;  // the value in `unit` (nullopt when none was given)
  std::optional<double> sd;     // a spread scales by the factor, without the offset
  std::string unit;             // canonical unit ("mol", "nm", "meV", ...)
  std::string quantity;         // materials only: mass | volume | moles | concentration | fraction | ""
};

// Converts a material amount given in `unit` to the canonical amount units (g, mL, mol, mol/L, %;
// g/L and ratio are kept as the extractor writes them). Throws UsageError("<where>amount_unit
// \"furlongs\" is not a known unit; accepted: g, mg, ..."), one line, when the unit is unknown or
// of another kind.
Converted convert_amount(const UnitTable& units, std::string_view unit, std::optional<double> value,
                         const std::string& where);

// Converts an outcome of `type` given in `unit` to its canonical unit: size, pl_peak,
// absorption_peak nm; fwhm meV (or nm, kept); band_gap eV; plqy, yield %; morphology and phase take
// no unit. Throws UsageError as convert_amount does.
Converted convert_outcome(const UnitTable& units, std::string_view type, std::string_view unit,
                          std::optional<double> value, std::optional<double> sd, const std::string& where);

// "553 K" for a *_temperature_c field, "2 h" for a *_time_s field: the number in the field's
// canonical unit (°C, s). nullopt when `text` carries no unit (a plain number is already canonical).
// Throws UsageError when the unit is unknown or of another kind.
// `where` starts the error message ("curate set: ", "add: ").
std::optional<double> convert_with_unit(const UnitTable& units, std::string_view field, std::string_view text,
                                        const std::string& where = "curate set: ");

// The step operations of the extractor (second column of lexicons/operations.tsv: mixing, heating,
// cooling, injection, ...; "other" included), sorted. Throws Error when the file cannot be read.
std::vector<std::string> operation_vocabulary();

// The material quantity kinds: mass, volume, moles, concentration, molar_ratio, mass_ratio,
// volume_ratio, fraction.
const std::vector<std::string>& quantity_vocabulary();

}  // namespace synthdb::db
