#include "classify/method.h"

#include <algorithm>
#include <initializer_list>

namespace synthdb::classify {
namespace {

struct Rule {
  const char* method;
  std::initializer_list<std::string_view> cues;
};

// Cues are matched on lower-cased ASCII text. Order is priority: a seed-mediated growth usually
// also "reduces" a salt and a hydrothermal recipe often "precipitates", so the more specific
// technique is listed first. Hot-injection comes after solvothermal/sol-gel because "injected"
// alone is weak; it needs words of a fast injection into a hot solution.
const Rule kRules[] = {
    {"ion-exchange",
     {"cation exchange", "cation-exchange", "anion exchange", "anion-exchange", "halide exchange",
      "ion exchange reaction", "exchange reaction", "partial exchange", "exchanged nanocrystals"}},
    {"microfluidic",
     {"microfluidic", "microreactor", "continuous flow", "continuous-flow", "flow reactor",
      "t-mixer", "segmented flow", "capillary reactor"}},
    {"microwave", {"microwave"}},
    {"seed-mediated",
     {"seed-mediated", "seed mediated", "seeded growth", "seed solution", "growth solution",
      "seeds were added", "seed particles"}},
    {"solvothermal",
     {"solvothermal", "hydrothermal", "autoclave", "teflon-lined", "teflon lined",
      "stainless steel vessel", "stainless-steel reactor"}},
    {"sol-gel", {"sol-gel", "sol\xe2\x80\x93gel", "sol gel", "pechini", "xerogel", "gelation",
                 "gel was", "st\xc3\xb6" "ber", "stober", "teos"}},
    {"co-precipitation",
     {"coprecipitation", "co-precipitation", "co-precipitated", "coprecipitated",
      "precipitating agent"}},
    {"hot-injection",
     {"hot-injection", "hot injection", "swiftly injected", "rapidly injected", "quickly injected",
      "was injected", "were injected", "injected into", "swift injection", "rapid injection",
      "quick injection", "fast injection"}},
    {"chemical-reduction",
     {"nabh4", "borohydride", "reducing agent", "hydrazine", "ascorbic acid", "citrate reduction",
      "reduced by", "reduced with", "polyol"}},
    {"solid-state",
     {"solid-state reaction", "solid state reaction", "ball-milled", "ball milled", "ball milling",
      "agate mortar", "ground together", "planetary mill"}},
    {"heat-up",
     {"heat-up", "heating-up", "heat up method", "one-pot", "one pot", "\xc2\xb0""c/min",
      "\xc2\xb0""c min", "heating rate", "ramped", "thermal decomposition"}},
    // Weak cues last: calcination/sintering without other cues reads as a solid-state route, and a
    // plain "heated to" with nothing else (no injection, no autoclave) as a heat-up.
    {"solid-state", {"calcined", "sintered", "pellet"}},
    {"heat-up", {"heated to", "heated up to"}},
};

}  // namespace

std::string detect_method(std::string_view text) {
  std::string lower(text.substr(0, 200000));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  for (const Rule& rule : kRules)
    for (std::string_view cue : rule.cues)
      if (lower.find(cue) != std::string::npos) return rule.method;
  return "other";
}

}  // namespace synthdb::classify
