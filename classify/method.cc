#include "classify/method.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace synthdb::classify {
namespace {

struct Rule {
  const char* method;
  std::initializer_list<std::string_view> cues;
  // Only counts in a colloidal (organic solvent / ligand) recipe: "heated to 300 °C at 5 °C/min"
  // is a heat-up synthesis in oleylamine, but the ramp of a furnace in a ceramic route.
  bool needs_colloidal_context = false;
};

// Cues are matched on lower-cased ASCII text. Order is priority, in tiers:
//   1. a method named as such ("prepared by a co-precipitation method", "solid-state reaction"),
//      in order of specificity (a seed-mediated growth usually also reduces a salt);
//   2. techniques outside the vocabulary, which make the paragraph "other" (impregnation, CVD,
//      electrospinning, ...) rather than letting a calcination or a "heated to" name it;
//   3. implied methods (an autoclave, a swift injection into a hot solution, NaBH4, ball milling);
//   4. weak cues: calcination/sintering alone reads as solid-state; a temperature ramp or a plain
//      "heated to" as heat-up, only in a colloidal recipe.
const Rule kRules[] = {
    // 1. Named methods.
    {"ion-exchange",
     {"cation exchange", "cation-exchange", "anion exchange", "anion-exchange", "halide exchange",
      "ion exchange reaction", "exchange reaction", "partial exchange", "exchanged nanocrystals", "ion-exchanged",
      "ion exchanged"}},
    {"microfluidic",
     {"microfluidic", "microreactor", "continuous flow", "continuous-flow", "flow reactor",
      "t-mixer", "segmented flow", "capillary reactor"}},
    {"microwave", {"microwave"}},
    {"seed-mediated", {"seed-mediated", "seed mediated", "seeded growth"}},
    {"solvothermal", {"solvothermal", "hydrothermal"}},
    {"sol-gel", {"sol-gel", "sol\xe2\x80\x93gel", "sol gel", "pechini"}},
    {"co-precipitation", {"coprecipitation", "co-precipitation", "co-precipitated", "coprecipitated"}},
    {"hot-injection", {"hot-injection", "hot injection"}},
    {"solid-state",
     {"solid-state reaction", "solid state reaction", "solid-state method", "solid state method",
      "solid-state route", "solid state route", "solid-phase reaction", "solid phase reaction",
      "solid-state synthesis", "solid state synthesis"}},
    {"heat-up", {"heat-up", "heating-up", "heat up method"}},
    {"chemical-reduction", {"chemical reduction", "citrate reduction", "polyol"}},
    // 2. Techniques the vocabulary does not name.
    {"other",
     {"impregnat", "incipient wetness", "chemical vapor deposition", "chemical vapour deposition",
      "electrospun", "electrospinning", "anodization", "anodisation", "anodized", "sputtering",
      "electrodeposit", "spray pyrolysis", "hummers", "hummer's", "solution casting", "spin-coated",
      "spin coated", "spin-coating", "spin coating", "pulsed laser deposition"}},
    // 3. Implied methods.
    {"seed-mediated", {"seed solution", "growth solution", "seeds were added", "seed particles"}},
    {"solvothermal",
     {"autoclave", "teflon-lined", "teflon lined", "ptfe-lined", "ptfe lined", "lined stainless steel",
      "stainless steel vessel", "stainless-steel reactor", "autogenous pressure"}},
    {"sol-gel", {"xerogel", "gelation", "gel was", "st\xc3\xb6" "ber", "stober", "teos"}},
    {"co-precipitation",
     {"precipitating agent", "precipitated at ph", "precipitated with naoh", "precipitated by naoh",
      "precipitated with ammonia", "precipitated by ammonia", "precipitated by ammonium hydroxide",
      "precipitated with ammonium hydroxide"}},
    {"hot-injection",
     {"swiftly injected", "rapidly injected", "quickly injected", "was injected", "were injected", "injected into",
      "swift injection", "rapid injection", "quick injection", "fast injection"}},
    {"chemical-reduction",
     {"nabh4", "borohydride", "reducing agent", "hydrazine", "ascorbic acid", "reduced by", "reduced with",
      "sodium citrate"}},
    {"solid-state",
     {"ball-milled", "ball milled", "ball milling", "ball-milling", "agate mortar", "ground together",
      "planetary mill"}},
    {"heat-up", {"one-pot", "one pot", "thermal decomposition"}},
    // 4. Weak cues.
    {"solid-state", {"calcined", "sintered", "pellet"}},
    {"heat-up",
     {"\xc2\xb0""c/min", "\xc2\xb0""c min", "heating rate", "ramped", "heated to", "heated up to"},
     true},
};

// Words of a colloidal recipe: high-boiling organic solvents and ligands, air-free glassware.
constexpr std::string_view kColloidalContext[] = {
    "oleylamine", "oleic acid", "octadecene", "trioctylphosphine", "topo", "benzyl ether", "phenyl ether",
    "oleate", "three-neck", "three neck", "schlenk", "hexadecylamine", "dodecanethiol", "octylamine",
    "surfactant", "capping"};

}  // namespace

namespace {

// ASCII letters lower-cased, every other byte itself: cues are lower-case, and matching lower-cases
// the text on the fly instead of copying it.
constexpr std::array<unsigned char, 256> make_lower() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return t;
}
constexpr std::array<unsigned char, 256> kLower = make_lower();

// Every cue is at least this many bytes long ("teos").
constexpr size_t kMinCue = 4;

// The first four (lower-cased) bytes at a position, as a little-endian word.
inline uint32_t prefix_key(const unsigned char* p) {
  return uint32_t{kLower[p[0]]} | uint32_t{kLower[p[1]]} << 8 | uint32_t{kLower[p[2]]} << 16 |
         uint32_t{kLower[p[3]]} << 24;
}

// A 16-bit hash of a four-byte prefix, for the filter below.
inline uint32_t filter_slot(uint32_t key) { return (key * 0x9E3779B1u) >> 16; }

// All cues with the index of their rule, so that one pass over the text finds the highest-priority
// rule with a cue anywhere (a find() per cue scanned the paragraph ~100 times and cost more than
// the classifier itself). A 65536-bit filter over the cues' first four bytes rejects almost every
// position of a paragraph with one bit test; the few that pass are checked against the cues with
// that exact prefix.
struct CueIndex {
  struct Cue {
    uint32_t prefix;
    std::string_view text;
    size_t rule;
  };
  std::vector<Cue> cues;  // sorted by prefix
  uint64_t filter[65536 / 64] = {};
  bool may_start_cue(uint32_t key) const {
    const uint32_t k = filter_slot(key);
    return (filter[k >> 6] >> (k & 63)) & 1;
  }
  CueIndex() {
    for (size_t r = 0; r < std::size(kRules); ++r)
      for (std::string_view cue : kRules[r].cues) {
        if (cue.size() < kMinCue) throw std::logic_error("method cue shorter than kMinCue");
        const uint32_t key = prefix_key(reinterpret_cast<const unsigned char*>(cue.data()));
        cues.push_back({key, cue, r});
        const uint32_t k = filter_slot(key);
        filter[k >> 6] |= uint64_t{1} << (k & 63);
      }
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.prefix < b.prefix; });
  }
  // Orders cues by prefix, for equal_range() on a prefix.
  struct ByPrefix {
    bool operator()(const Cue& c, uint32_t key) const { return c.prefix < key; }
    bool operator()(uint32_t key, const Cue& c) const { return key < c.prefix; }
  };
};

const CueIndex& cue_index() {
  static const CueIndex index;  // immutable after construction (thread-safe static init)
  return index;
}

// Case-insensitive (ASCII) search for any context word.
bool has_colloidal_context(std::string_view text) {
  for (std::string_view w : kColloidalContext) {
    for (size_t i = 0; i + w.size() <= text.size(); ++i) {
      size_t k = 0;
      while (k < w.size() && kLower[static_cast<unsigned char>(text[i + k])] == static_cast<unsigned char>(w[k])) ++k;
      if (k == w.size()) return true;
    }
  }
  return false;
}

}  // namespace

std::string detect_method(std::string_view text) {
  const CueIndex& index = cue_index();
  const auto* const p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = std::min<size_t>(text.size(), 200000);
  if (n < kMinCue) return "other";
  size_t best = std::size(kRules);
  // `key` holds the lower-cased bytes p[i .. i+4), shifted along one byte per step.
  uint32_t key = prefix_key(p) << 8;
  for (size_t i = 0; i + kMinCue <= n; ++i) {
    key = (key >> 8) | uint32_t{kLower[p[i + kMinCue - 1]]} << 24;
    if (!index.may_start_cue(key)) continue;
    const auto [first, last] = std::equal_range(index.cues.begin(), index.cues.end(), key, CueIndex::ByPrefix{});
    for (auto cue = first; cue != last; ++cue) {
      if (cue->rule >= best || i + cue->text.size() > n) continue;
      size_t k = kMinCue;
      while (k < cue->text.size() && kLower[p[i + k]] == static_cast<unsigned char>(cue->text[k])) ++k;
      if (k == cue->text.size()) best = cue->rule;
    }
    if (best == 0) break;
  }
  if (best < std::size(kRules) && kRules[best].needs_colloidal_context && !has_colloidal_context(text.substr(0, n))) {
    // The weak cue does not count here; a lower-priority rule cannot have matched (only weak
    // solid-state cues come after, and they come before it), so nothing is named.
    return "other";
  }
  return best < std::size(kRules) ? kRules[best].method : "other";
}

}  // namespace synthdb::classify
