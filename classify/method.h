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
// hot-injection). When cues of several methods occur, the most specific wins, in this order:
// ion-exchange, microfluidic, microwave, seed-mediated, solvothermal, sol-gel, co-precipitation,
// hot-injection, heat-up, chemical-reduction, solid-state. Returns "other" when no cue matches.
// Pure function of `text`; thread-safe.
std::string detect_method(std::string_view text);

}  // namespace synthdb::classify
