#pragma once

#include <string>
#include <string_view>

namespace synthdb::classify {

// The synthesis-method vocabulary, as written into Prediction::method and the database:
//   hot-injection, heat-up, solvothermal (includes hydrothermal), seed-mediated,
//   chemical-reduction, sol-gel, co-precipitation, solid-state, microwave, microfluidic (includes
//   continuous flow), ion-exchange (cation or anion exchange), other.
inline constexpr const char* kMethods[] = {
    "hot-injection", "heat-up",     "solvothermal", "seed-mediated", "chemical-reduction",
    "sol-gel",       "co-precipitation", "solid-state", "microwave", "microfluidic",
    "ion-exchange",  "other"};

// Names the synthesis method a synthesis paragraph describes, from keyword rules (case-insensitive
// ASCII matching of cue phrases, e.g. "autoclave" -> solvothermal, "swiftly injected" ->
// hot-injection). Priority in tiers (see method.cc): a method named as such; a technique outside
// the vocabulary (impregnation, CVD, electrospinning, ... -> "other"); implied methods, most
// specific first; weak cues (calcined -> solid-state; a ramp or "heated to" -> heat-up, only with
// colloidal solvents/ligands in the text). Returns "other" when no cue matches. Measured against
// hand labels by scripts/eval-method. Pure function of `text`; thread-safe.
std::string detect_method(std::string_view text);

// Identifies the method rules; part of ingest's pipeline version, bumped whenever a label can change.
inline constexpr const char* kMethodRulesVersion = "method-2";

}  // namespace synthdb::classify
