#pragma once

// Internal to extract/rules: numbers with units ("120 ± 5 °C", "150–200 °C", "at 100, 150 and
// 200 °C", "2.5×10-3 M", "5 °C/min", "1:2 molar ratio", "pH 9") found in one pass over the bytes.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace synthdb::rules {

// The hedges a value of a change may carry: "grew from ∼0.4 to ∼1.1 μm" (the quantity scanner's
// change pairs, and the dimension a change's second value keeps in quantity_entities.cc).
inline constexpr std::string_view kChangeHedges[] = {"\u223c", "~", "\u2248"};

class LexiconFiles;

// One row of units.tsv.
struct Unit {
  std::string surface;
  std::string kind;  // temperature, time, pressure, stirring, mass, volume, moles, concentration,
                     // fraction, length, energy, ignore
  double factor = 1;
  double offset = 0;
};

// A number (or range / ± / list item) with its unit, in canonical units. Offsets are bytes.
struct Quantity {
  size_t begin = 0;
  size_t end = 0;
  // Unit kinds above, plus compound ones: heating_rate (°C/min), mass_concentration (g/L), flow,
  // ratio (molar_ratio, mass_ratio, volume_ratio in `ratio_kind`), ph.
  std::string kind;
  std::optional<double> value, min, max, sd;
  std::string ratio_kind;
  std::string unit_surface;  // the unit as written ("degC", "mmol")
  bool in_list = false;      // an item of "100, 150 and 200 °C" that does not carry the unit itself
};

// Where " as current collector(s)", " as the current collector" or " as current-collect(ing)" starts
// in `rest` (lower-cased text after a length), npos when nowhere: a layer made as a current collector
// of the test set-up. The one search behind the rules' veto (quantity_entities.cc) and the learned
// size stage's (learned_sizes.cc), which each add their own conditions on the words between.
size_t as_current_collector(std::string_view rest);

class QuantityScanner {
 public:
  // Loads units.tsv of `lexicons` and compiles the patterns. Throws RuleError.
  explicit QuantityScanner(LexiconFiles& lexicons);
  ~QuantityScanner();

  // All quantities of `text` (valid UTF-8), in text order, non-overlapping. `folded` is
  // ascii_lower(text).
  std::vector<Quantity> scan(std::string_view text, std::string_view folded) const;

  size_t unit_count() const { return units_.size(); }

 private:
  struct Item;
  bool parse_number(std::string_view text, size_t pos, size_t* end, double* value) const;
  const Unit* match_unit(std::string_view text, size_t pos, size_t* len) const;
  bool parse_item(std::string_view text, std::string_view folded, size_t pos, Item* item) const;
  void scan_ph(std::string_view text, std::string_view folded, std::vector<Quantity>* out) const;

  std::vector<Unit> units_;
  // The units that may start with two given bytes, longest first: the units with that second byte
  // and the one-byte units. Second byte -1: the one-byte units alone (for any other second byte).
  // Most units start with 'm' (44 of them): match_unit() compares the bytes of a few.
  struct UnitBucket {
    int second;
    std::vector<int> units;
  };
  std::vector<std::vector<UnitBucket>> by_first_byte_;  // first byte → buckets
  std::unique_ptr<re2::RE2> number_;
  std::unique_ptr<re2::RE2> ph_;
  std::unique_ptr<re2::RE2> ph_adjusted_;
  std::unique_ptr<re2::RE2> ratio_word_after_;
  std::unique_ptr<re2::RE2> ratio_word_before_;
};

}  // namespace synthdb::rules
