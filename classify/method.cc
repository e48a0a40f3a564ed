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
  return best < std::size(kRules) ? kRules[best].method : "other";
}

}  // namespace synthdb::classify
