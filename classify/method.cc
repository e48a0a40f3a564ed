#include "classify/method.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <vector>

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

namespace {

// All cues bucketed by their first byte, each with the index of its rule, so that one pass over
// the text finds the highest-priority rule with a cue anywhere (a find() per cue scanned the
// paragraph ~100 times and cost more than the classifier itself).
struct CueIndex {
  struct Cue {
    std::string_view text;
    size_t rule;
  };
  std::vector<Cue> by_first[256];
  // Bit (a << 8 | b) set when some cue starts with the bytes a, b (every cue is >= 2 bytes): most
  // positions of a paragraph start no cue, and one bit test skips them.
  uint64_t first_two[65536 / 64] = {};
  bool starts_cue(unsigned char a, unsigned char b) const {
    const unsigned k = (unsigned{a} << 8) | b;
    return (first_two[k >> 6] >> (k & 63)) & 1;
  }
  CueIndex() {
    for (size_t r = 0; r < std::size(kRules); ++r)
      for (std::string_view cue : kRules[r].cues) {
        by_first[static_cast<unsigned char>(cue[0])].push_back({cue, r});
        const unsigned k = (unsigned{static_cast<unsigned char>(cue[0])} << 8) | static_cast<unsigned char>(cue[1]);
        first_two[k >> 6] |= uint64_t{1} << (k & 63);
      }
  }
};

const CueIndex& cue_index() {
  static const CueIndex index;  // immutable after construction (thread-safe static init)
  return index;
}

}  // namespace

std::string detect_method(std::string_view text) {
  thread_local std::string lower;  // per-thread scratch: no allocation per call
  lower.assign(text.substr(0, 200000));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  const CueIndex& index = cue_index();
  size_t best = std::size(kRules);
  const std::string_view l(lower);
  for (size_t i = 0; i + 1 < l.size(); ++i) {
    if (!index.starts_cue(static_cast<unsigned char>(l[i]), static_cast<unsigned char>(l[i + 1]))) continue;
    for (const auto& cue : index.by_first[static_cast<unsigned char>(l[i])])
      if (cue.rule < best && i + cue.text.size() <= l.size() && l[i + 1] == cue.text[1] &&
          std::memcmp(l.data() + i, cue.text.data(), cue.text.size()) == 0)
        best = cue.rule;
    if (best == 0) break;
  }
  return best < std::size(kRules) ? kRules[best].method : "other";
}

}  // namespace synthdb::classify
