#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace synthdb {

// One typed, normalised mention in a paragraph, produced by extract/rules. `start`/`end` are offsets
// in Unicode code points into the paragraph text, end exclusive; `text` is exactly that slice.
// Which optional fields are set depends on `type` (see the `synthdb extract` contract in README):
//   temperature: value (°C) or min/max, role      time: value (s) or min/max
//   heating_rate: value (°C/min)  pressure: value (Pa)  ph: value  stirring: value (rpm)
//   atmosphere: normalized (N2, Ar, air, vacuum)
//   material: name, normalized, formula, role     amount: quantity, value, unit, material (index)
//   operation / method / morphology / phase: normalized (an operation's JSON also repeats it as
//   `value`, the name issue #4 gives it; the struct keeps it in `normalized` only)
//   size: value (nm), sd, dimension   pl_peak, absorption_peak: value (nm)   fwhm: value, unit
//   plqy, yield: value (%)   band_gap: value (eV)   failure: cue
struct Entity {
  std::string type;
  int64_t start = 0;
  int64_t end = 0;
  std::string text;
  std::optional<double> value;
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> sd;
  std::string unit;
  std::string role;
  std::string name;
  std::string normalized;
  std::string formula;
  std::string quantity;
  std::string dimension;
  std::string cue;
  std::optional<int> material;  // index into the same entity list (amount → material)
};

// Paragraph-level outcome of a synthesis as the rules read it.
enum class SynthesisStatus { kSuccess, kFailed, kUnknown };

struct Extraction {
  std::vector<Entity> entities;
  SynthesisStatus status = SynthesisStatus::kUnknown;
};

std::string to_string(SynthesisStatus status);
std::optional<SynthesisStatus> parse_synthesis_status(const std::string& name);

// Only the fields that are set are written; from_json accepts what to_json writes.
void to_json(nlohmann::json& j, const Entity& e);
void from_json(const nlohmann::json& j, Entity& e);

}  // namespace synthdb
