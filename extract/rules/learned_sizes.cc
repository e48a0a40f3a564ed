// Learned stage "sizes" (see learned.h): a logistic-regression model decides, for every length
// quantity of the paragraph, whether it is a product dimension (GUIDELINE.md of the outcome gold).
// The candidates are the rules' size entities plus every other length written with a unit (found by
// a small hand scan, so that lengths the rules did not call a size can be added); the feature
// "rule=size" / "rule=none" lets the model learn where to override the rules. As shipped the stage
// only adds sizes (kDropBelow below). Model, features and figures: docs/learned/sizes.md.
#include <algorithm>
#include <limits>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rules/learned.h"
#include "extract/rules/quantities.h"
#include "extract/rules/text.h"

namespace synthdb::rules {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view kSize = "size";
constexpr std::string_view kNotSize = "not_size";
// The model overrides the rules only when it is confident: a length the rules left out is added
// above P(size) = kAddAbove; a rule size would be dropped below kDropBelow, which is 0 (off): on the
// outcome gold's dev split, dropping never helped in grouped 5-fold CV (its few training cases are
// reagent powders and cell geometry, and it learned "particles nearby => no size", wrong for
// nanocrystal papers), while adding did (figures in docs/learned/sizes.md).
constexpr double kDropBelow = 0.0;
constexpr double kAddAbove = 0.8;
constexpr int kRuleCopies = 8;
static_assert(kRuleCopies <= 10, "copies are named rule1= ... rule9=");
// Lengths below 1 Å are no product dimension (shifts, displacements), as in the rules.
constexpr double kMinNm = 0.1;
// Training reads prose only: a "paragraph" longer than this (in code points) is a table or
// reference-list dump (the outcome gold keeps a few whole, e.g. a table of cell layers written
// "Pt (SP/80 nm) YSZ (SP/100 nm)"). Its sizes carry no cue words, and learning them taught the
// model to add cue-less lengths: on the outcome gold's dev halves, a model trained on one half
// with its dumps lowered the other half's size F1 from 0.951 to 0.879 (rules alone), without
// them it left it at 0.951. The model is still applied to every paragraph.
constexpr int64_t kMaxTrainingChars = 5000;

// A length quantity: byte span [begin, end) in the paragraph, its values in nm, and whether it is a
// bare earlier item of a list sharing the unit of the last one ("1.0 and 0.5 mm": "1.0").
struct Candidate {
  size_t begin = 0, end = 0;  // bytes
  std::optional<double> value, min, max, sd;
  std::string_view unit;  // canonical: nm, um, mm, cm, A
  bool list_item = false;
  int entity = -1;  // index of the rules' size entity it is, or -1
};

// The length unit starting at byte `p` of `t` (with its byte length and factor to nm), if any.
bool unit_at(std::string_view t, size_t p, size_t* len, double* factor, std::string_view* unit) {
  if (p >= t.size()) return false;
  for (const LengthUnitSpelling& u : kLengthUnitSpellings) {
    // The first byte before the compare (an out-of-line memcmp; eight spellings at every 'm' after a digit).
    if (!(u.readers & kLengthInLearned) || t[p] != u.surface[0] || t.compare(p, u.surface.size(), u.surface) != 0) continue;
    size_t e = p + u.surface.size();
    // "nm" not inside a word; areas and inverse lengths ("cm2", "cm²", "cm-1", "cm−1") are no length.
    if (e < t.size() && (is_alnum(t[e]) || t[e] == '/')) return false;
    if (t.compare(e, 2, "\u00b2") == 0 || t.compare(e, 2, "\u00b3") == 0) return false;
    if ((t.compare(e, 2, "-1") == 0) || t.compare(e, 4, "\u22121") == 0) return false;
    *len = u.surface.size();
    *factor = u.factor;
    *unit = u.canon;
    return true;
  }
  return false;
}

// The number ending at byte `e` (exclusive) of `t`: digits with '.'. A comma separates list items
// ("5,10 nm"), except in thousands groups read as the rules' quantity scanner reads them
// (`\d{1,3}(,\d{3})+`): "1,500 nm" is 1500, not 1 and 500. Returns its start or npos.
size_t number_before(std::string_view t, size_t e, double* value) {
  size_t b = e;
  while (b > 0 && (is_digit(t[b - 1]) || t[b - 1] == '.')) --b;
  while (b < e && t[b] == '.') ++b;
  if (b == e || !is_digit(t[b])) return std::string_view::npos;
  bool grouped = false;
  for (size_t g = b, group = 0; g < e && is_digit(t[g]); ++g) {
    if (++group > 3) break;
    if (g + 1 == e || !is_digit(t[g + 1])) {
      // The integer part is one group of three: walk back over ",ddd" groups to a lead of 1-3.
      if (group != 3) break;
      size_t at = b;
      while (at >= 2 && t[at - 1] == ',' && is_digit(t[at - 2])) {
        size_t s = at - 1;
        while (s > 0 && is_digit(t[s - 1])) --s;
        size_t len = at - 1 - s;
        if (len > 3 || (s > 0 && (t[s - 1] == '.' || t[s - 1] == ','))) break;
        at = s;
        grouped = true;
        if (len < 3) break;
      }
      b = at;
    }
  }
  // A number glued to a letter is a label or formula ("La0.6", "Fig.3"), not a length.
  if (b > 0 && (is_alpha(t[b - 1]) || t[b - 1] == '_')) return std::string_view::npos;
  if (grouped) {
    std::string digits;
    for (char c : t.substr(b, e - b)) {
      if (c != ',') digits.push_back(c);
    }
    *value = std::strtod(digits.c_str(), nullptr);
  } else {
    *value = std::strtod(std::string(t.substr(b, e - b)).c_str(), nullptr);
  }
  if (!std::isfinite(*value)) return std::string_view::npos;  // hundreds of digits: no length
  return b;
}

size_t skip_spaces_back(std::string_view t, size_t e) {
  while (e > 0 && t[e - 1] == ' ') --e;
  return e;
}

// Length of the first of `seps` that t[0, e) ends with (0: none); the range and list separators
// below differ only in their lists. Earlier entries win (", and " before ", ").
size_t sep_back(std::string_view t, size_t e, std::initializer_list<std::string_view> seps) {
  for (std::string_view s : seps) {
    if (e >= s.size() && t.compare(e - s.size(), s.size(), s) == 0) return s.size();
  }
  return 0;
}

// Range separators between two numbers of one range ("20–30 nm", "20-30", "20 to 30", "20~30").
size_t range_sep_back(std::string_view t, size_t e) {
  return sep_back(t, e, {"\u2013"sv, "\u2014"sv, "\u2212"sv, "-"sv, "~"sv, " to "sv});
}

// List separators between items sharing one unit ("5, 10 and 20 nm", "1.0 and 0.5 mm").
size_t list_sep_back(std::string_view t, size_t e) {
  return sep_back(t, e, {", and "sv, ", or "sv, " and "sv, " or "sv, ", "sv, ","sv});
}

// All length quantities of the paragraph in text order (bytes; `t` is the original text).
std::vector<Candidate> scan_lengths(std::string_view t) {
  // Unit starts: every length unit but Å ends in 'm' (nm, μm, µm, um, mm, cm), so memchr-driven
  // searches for 'm' and for Å find them without a test per byte.
  // Only units right after a digit (or a digit and a space) are kept.
  auto after_digit = [&](size_t p) { return p >= 1 && (is_digit(t[p - 1]) || (t[p - 1] == ' ' && p >= 2 && is_digit(t[p - 2]))); };
  std::vector<size_t> starts;
  for (size_t m = t.find('m', 1); m != std::string_view::npos; m = t.find('m', m + 1)) {
    size_t p = m >= 2 && (t[m - 2] == '\xce' || t[m - 2] == '\xc2') ? m - 2 : m - 1;
    if (after_digit(p)) starts.push_back(p);
  }
  if (t.find("\u00c5") != std::string_view::npos) {
    for (size_t a = t.find("\u00c5"); a != std::string_view::npos; a = t.find("\u00c5", a + 1)) {
      if (after_digit(a)) starts.push_back(a);
    }
    std::sort(starts.begin(), starts.end());
  }
  if (starts.empty()) return {};
  std::vector<Candidate> out;
  size_t last_end = 0;
  for (size_t p : starts) {
    if (p < last_end) continue;
    size_t len;
    double factor;
    std::string_view unit;
    if (!unit_at(t, p, &len, &factor, &unit)) continue;
    if (is_alpha(t[p - 1])) continue;
    size_t e = skip_spaces_back(t, p);
    if (p - e > 1) continue;
    double v;
    size_t b = number_before(t, e, &v);
    if (b == std::string_view::npos) continue;
    Candidate q;
    q.end = p + len;
    q.unit = unit;
    q.value = v * factor;
    // "20 ± 5 nm": the number just read is the sd.
    size_t k = skip_spaces_back(t, b);
    for (std::string_view pm : {"\u00b1"sv, "+/-"sv}) {
      if (k >= pm.size() && t.compare(k - pm.size(), pm.size(), pm) == 0) {
        double m;
        size_t mb = number_before(t, skip_spaces_back(t, k - pm.size()), &m);
        if (mb != std::string_view::npos) {
          q.sd = q.value;
          q.value = m * factor;
          b = mb;
          k = skip_spaces_back(t, b);
        }
        break;
      }
    }
    // "20–30 nm", "20 to 30 nm".
    if (!q.sd) {
      size_t sep = range_sep_back(t, b);  // "20-30", "20–30", "20 to 30"
      size_t ns = b - sep;
      if (!sep) {
        // Spaced dashes: "20 – 30 nm".
        size_t s1 = skip_spaces_back(t, b);
        size_t d = s1 < b ? range_sep_back(t, s1) : 0;
        if (d && t.compare(s1 - d, d, " to ") != 0) {
          ns = skip_spaces_back(t, s1 - d);
          sep = b - ns;
        }
      }
      if (sep) {
        double lo;
        size_t lb = number_before(t, ns, &lo);
        if (lb != std::string_view::npos && lo * factor < *q.value) {
          q.min = lo * factor;
          q.max = q.value;
          q.value.reset();
          b = lb;
        }
      }
    }
    q.begin = b;
    // Earlier bare items of a list: "1.0 and 0.5 mm", "5, 10 and 20 nm".
    std::vector<Candidate> items;
    size_t at = b;
    for (int n = 0; n < 6; ++n) {
      size_t sep = list_sep_back(t, at);
      if (!sep) break;
      double iv;
      size_t ib = number_before(t, at - sep, &iv);
      if (ib == std::string_view::npos) break;
      Candidate item;
      item.begin = ib;
      item.end = at - sep;
      item.unit = unit;
      item.value = iv * factor;
      item.list_item = true;
      items.push_back(item);
      at = ib;
    }
    // Do not re-read items that an earlier quantity already covered.
    while (!out.empty() && !items.empty() && items.back().begin < out.back().end) items.pop_back();
    for (size_t i = items.size(); i-- > 0;) out.push_back(items[i]);
    if (!out.empty() && q.begin < out.back().end) continue;
    out.push_back(q);
    last_end = q.end;
  }
  return out;
}

// Lengths the rules leave out for a reason the model has no feature for (review 19): layers made
// as current collectors of the test set-up ("200 nm Pt were sputtered as current collectors", as
// current_collector_after() in quantity_entities.cc) and defect widths ("The pinholes in the film,
// typically 50–100 nm across"). `f` is the folded paragraph, [b, e) the length, `ss` its sentence.
bool setup_or_defect(std::string_view f, size_t ss, size_t b, size_t e) {
  std::string_view rest = f.substr(e, std::min<size_t>(100, f.size() - e));
  size_t at = as_current_collector(rest);
  if (at != std::string_view::npos && rest.substr(0, at).find_first_of(",;().") == std::string_view::npos &&
      rest.substr(0, at).find(" with ") == std::string_view::npos) {
    return true;
  }
  std::string_view lead = f.substr(ss, b - ss);
  return rest.starts_with(" across") &&
         (lead.find("pinhole") != std::string_view::npos || lead.find("crack") != std::string_view::npos);
}

// Sentence bounds around [b, e) in the folded text: a newline, ';' or ". " (not after a digit or an
// abbreviation-like single letter) ends a sentence; at most `max` bytes either side.
size_t sentence_start(std::string_view f, size_t b, size_t max) {
  size_t lo = b > max ? b - max : 0;
  for (size_t k = b; k > lo; --k) {
    char c = f[k - 1];
    if (c == '\n' || c == ';') return k;
    if (c == '.' && k < f.size() && f[k] == ' ' && k >= 2 && !is_digit(f[k - 2]) && k + 1 < b &&
        !(k >= 3 && (f.substr(k - 3, 3) == "al." || f.substr(k - 3, 3) == "ig." || f.substr(k - 3, 3) == "ca."))) {
      return k + 1;
    }
  }
  return lo;
}
size_t sentence_end(std::string_view f, size_t e, size_t max) {
  size_t hi = std::min(f.size(), e + max);
  for (size_t k = e; k < hi; ++k) {
    char c = f[k];
    if (c == '\n' || c == ';') return k;
    if (c == '.' && k + 1 < f.size() && f[k + 1] == ' ' && k > 0 && !is_digit(f[k - 1])) return k;
  }
  return hi;
}

// Cue groups: words that tell what a length measures (a product dimension, or a wavelength, filter,
// piece of apparatus ...), looked for before, after and around each candidate.
struct CueGroup {
  const char* name;
  std::initializer_list<std::string_view> cues;
};
const CueGroup kCueGroups[] = {
    {"diameter", {"diameter", "dia.", "radius", "radii"}},
    {"thick", {"thick"}},
    {"length", {"length", "long"}},
    {"width", {"width", "wide"}},
    {"size", {"size", "sized", "dimension"}},
    {"average", {"average", "mean", "median"}},
    {"particle", {"particle", "nanocrystal", "ncs", "nps", "qds", "crystallite", "grain", "powder", "dots"}},
    {"shape", {"rod", "wire", "sphere", "cube", "sheet", "plate", "tube", "fiber", "fibre", "shell", "core"}},
    {"layer", {"film", "layer", "coating", "electrolyte", "membrane", "interlayer", "anode", "cathode", "support"}},
    {"pore", {"pore", "porosity"}},
    {"wavelength", {"wavelength", "emission", "absorption", "excit", "laser", "\u03bb", "peak", "pl ", "uv"}},
    {"filter", {"filter", "sieve", "mesh", "screen"}},
    {"apparatus", {"electrode", "spacing", "distance", "pixel", "scale bar", "column", "die", "crucible", "tube",
                   "substrate", "foil", "wire", "grid", "channel", "hole", "disk", "disc", "pellet", "button",
                   "cell"}},
    {"figure", {"fig.", "figure", "table", "scale"}},
    {"reagent", {"purchased", "sigma", "aldrich", "commercial", "supplied", "alfa", "received"}},
    {"measure", {"tem", "sem", "dls", "xrd", "scherrer", "afm", "bet", "micrograph", "observed", "measured",
                 "estimated", "calculated", "determined"}},
    {"spacing", {"d-spacing", "lattice", "interplanar", "spacing", "fringe", "roughness", "depth"}},
    {"rate", {"rate", "/min", "per min"}},
    {"ball", {"ball", "bead", "media"}},
};

struct CueTable {
  std::vector<std::pair<std::string_view, int>> by_first[256];  // first byte → (cue, group)
  uint64_t starts[65536 / 64] = {};                              // bit set: the first two bytes of a cue
  bool may_start(unsigned char a, unsigned char b) const {
    const unsigned k = a << 8 | b;
    return starts[k >> 6] >> (k & 63) & 1;
  }
};
const CueTable& cue_table() {
  static const CueTable table = [] {
    CueTable t;
    for (size_t g = 0; g < std::size(kCueGroups); ++g) {
      for (std::string_view c : kCueGroups[g].cues) {
        const auto a = static_cast<unsigned char>(c[0]), b = static_cast<unsigned char>(c[1]);
        t.by_first[a].push_back({c, static_cast<int>(g)});
        t.starts[(a << 8 | b) >> 6] |= uint64_t{1} << ((a << 8 | b) & 63);
      }
    }
    return t;
  }();
  return table;
}

// The features of one candidate, kept in one buffer: size_apply reuses one Features across the
// candidates, so that building them allocates nothing once the buffer has grown.
class Features {
 public:
  void clear() {
    buf_.clear();
    ends_.clear();
  }
  void add(std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) buf_ += p;
    ends_.push_back(buf_.size());
  }
  void add(std::string_view s) { add({s}); }
  // Adds "<prefix>|<feature>" for every feature but the first.
  void conjoin_with(std::string_view prefix) {
    const size_t n = ends_.size();
    // Reserved up front: the appends below copy from the buffer itself, which must not move.
    buf_.reserve(2 * buf_.size() + n * (prefix.size() + 1));
    for (size_t k = 1; k < n; ++k) {
      const size_t b = ends_[k - 1], e = ends_[k];
      buf_ += prefix;
      buf_ += '|';
      buf_.append(buf_, b, e - b);
      ends_.push_back(buf_.size());
    }
  }
  const std::vector<std::string_view>& views() {
    views_.clear();
    for (size_t k = 0, b = 0; k < ends_.size(); b = ends_[k++]) views_.push_back(std::string_view(buf_).substr(b, ends_[k] - b));
    return views_;
  }
  std::vector<std::string> strings() {
    const auto& v = views();
    return {v.begin(), v.end()};
  }

 private:
  std::string buf_;
  std::vector<size_t> ends_;
  std::vector<std::string_view> views_;
};

void candidate_features(const StageInput& in, const Candidate& q, Features& f) {
  f.clear();
  const std::string_view t = in.folded;
  const std::string_view rule = q.entity >= 0 ? "size" : "none";
  f.add({"rule=", rule});
  // Copies of the rule feature: under the per-feature L2 penalty they act as a stronger prior
  // toward the rules' decision, so that a few cues cannot outvote it on ~300 examples.
  for (int k = 1; k < kRuleCopies; ++k) f.add({"rule", std::string_view("0123456789").substr(k, 1), "=", rule});
  f.add({"unit=", q.unit});
  f.add({"rule+unit=", rule, q.unit});
  if (q.min) f.add("range");
  if (q.sd) f.add("sd");
  if (q.list_item) f.add("list_item");

  size_t ss = sentence_start(t, q.begin, 300), se = sentence_end(t, q.end, 200);
  std::string_view before = t.substr(ss, q.begin - ss), after = t.substr(q.end, se - q.end);
  // Hedges and brackets right before / after.
  std::string_view near_b = before.substr(before.size() > 12 ? before.size() - 12 : 0);
  if (contains_any(near_b, {"~", "\u223c", "\u2248", "about", "approx", "ca.", "around", "nearly"})) {
    f.add("hedge");
  }
  std::string_view b_trim = before;
  while (!b_trim.empty() && (b_trim.back() == ' ' || b_trim.back() == '~')) b_trim.remove_suffix(1);
  if (b_trim.ends_with("(")) f.add("open_bracket");
  if (!after.empty() && after.substr(0, std::min<size_t>(3, after.size())).find(')') != std::string_view::npos) {
    f.add("close_bracket");
  }
  if (b_trim.ends_with(" of")) f.add("after_of");
  if (b_trim.ends_with("with a") || b_trim.ends_with("with an")) f.add("after_with_a");
  if (b_trim.ends_with(" x") || b_trim.ends_with("\u00d7")) f.add("after_times");
  if (after.starts_with(" x ") || after.starts_with(" \u00d7") || after.starts_with("\u00d7")) f.add("before_times");
  if (b_trim.ends_with("=")) f.add("after_equals");
  if (b_trim.ends_with("to") || b_trim.ends_with("to a thickness of")) f.add("after_to");
  if (after.starts_with("-") || after.starts_with("\u2013")) f.add("hyphen_after");
  if (after.starts_with("/")) f.add("per_after");

  // Cue groups: in the clause before (<= 60 bytes), right after (<= 30 bytes), anywhere in the
  // sentence. One pass over the sentence finds every cue (first-byte dispatch), then each hit is
  // placed by its position: no search per cue and window.
  const CueTable& table = cue_table();
  const size_t wb = std::max(ss, q.begin >= 60 ? q.begin - 60 : 0), wa = std::min(se, q.end + 30);
  uint32_t in_b = 0, in_a = 0, in_s = 0;
  for (size_t pos = ss; pos + 1 < se; ++pos) {
    if (!table.may_start(static_cast<unsigned char>(t[pos]), static_cast<unsigned char>(t[pos + 1]))) continue;
    for (const auto& [cue, group] : table.by_first[static_cast<unsigned char>(t[pos])]) {
      if (pos + cue.size() > se || t[pos + 1] != cue[1] || t.compare(pos, cue.size(), cue) != 0) continue;
      const uint32_t bit = 1u << group;
      in_s |= bit;
      if (pos >= wb && pos + cue.size() <= q.begin) in_b |= bit;
      if (pos >= q.end && pos + cue.size() <= wa) in_a |= bit;
    }
  }
  for (size_t g = 0; g < std::size(kCueGroups); ++g) {
    const uint32_t bit = 1u << g;
    if (in_b & bit) f.add({"cb=", kCueGroups[g].name});
    if (in_a & bit) f.add({"ca=", kCueGroups[g].name});
    if (in_s & bit) f.add({"cs=", kCueGroups[g].name});
  }
  // Each cue also conjoined with the rules' decision: "a dimension word before" means little for a
  // length the rules already call a size, and much for one they left out.
  f.conjoin_with(rule);
}

// Whether a scanned length overlaps one the rules ruled out (StageInput::vetoed_lengths, sorted).
// A veto is at most `longest` bytes long, so those overlapping [begin, end) start in
// [begin - longest, end): a binary search and a short walk, not a scan per candidate.
bool vetoed(const std::vector<std::pair<size_t, size_t>>& spans, size_t longest, const Candidate& c) {
  const size_t from = c.begin > longest ? c.begin - longest : 0;
  for (auto v = std::lower_bound(spans.begin(), spans.end(), std::pair<size_t, size_t>(from, 0));
       v != spans.end() && v->first < c.end; ++v) {
    if (c.begin < v->second) return true;
  }
  return false;
}

// The rules' size entities and every other length of the paragraph that overlaps no entity of the
// rules (a length the rules typed as a peak or FWHM stays theirs) nor one the rules vetoed, in text
// order.
std::vector<Candidate> candidates(const StageInput& in, const Extraction& x) {
  std::vector<Candidate> scanned = scan_lengths(in.text);
  std::vector<Candidate> out;
  if (scanned.empty() &&
      std::none_of(x.entities.begin(), x.entities.end(), [](const Entity& e) { return e.type == kSize; })) {
    return out;
  }
  // Both lookups below are near-linear sweeps, not a scan per pair: a paragraph can hold thousands
  // of lengths and entities (a 1 MB paragraph took 12 times the rules' time with nested loops).
  // Scanned candidates by start; a candidate is at most `longest` bytes long, so those overlapping
  // [b, e) start in [b - longest, e).
  std::vector<size_t> by_begin(scanned.size());
  size_t longest = 0;
  for (size_t k = 0; k < scanned.size(); ++k) {
    by_begin[k] = k;
    longest = std::max(longest, scanned[k].end - scanned[k].begin);
  }
  std::stable_sort(by_begin.begin(), by_begin.end(),
                   [&](size_t a, size_t b) { return scanned[a].begin < scanned[b].begin; });
  for (size_t i = 0; i < x.entities.size(); ++i) {
    const Entity& e = x.entities[i];
    if (e.type != kSize) continue;
    Candidate c;
    c.begin = in.byte(e.start);
    c.end = in.byte(e.end);
    c.value = e.value;
    c.min = e.min;
    c.max = e.max;
    c.sd = e.sd;
    c.entity = static_cast<int>(i);
    c.unit = "?";
    // The first scanned candidate (in scan order) that overlaps the rules' size.
    const size_t from = c.begin > longest ? c.begin - longest : 0;
    auto it = std::lower_bound(by_begin.begin(), by_begin.end(), from,
                               [&](size_t k, size_t b) { return scanned[k].begin < b; });
    size_t first = scanned.size();
    for (; it != by_begin.end() && scanned[*it].begin < c.end; ++it) {
      if (c.begin < scanned[*it].end) first = std::min(first, *it);
    }
    if (first < scanned.size()) {
      c.unit = scanned[first].unit;
      c.list_item = scanned[first].list_item;
    }
    out.push_back(c);
  }
  // Whether an entity other than a material or morphology overlaps [sb, se): the entities are sorted
  // by start, so the largest end among those starting before se decides.
  std::vector<int64_t> max_end(x.entities.size() + 1, std::numeric_limits<int64_t>::min());
  for (size_t i = 0; i < x.entities.size(); ++i) {
    const Entity& e = x.entities[i];
    const bool counts = e.type != "material" && e.type != "morphology";
    max_end[i + 1] = std::max(max_end[i], counts ? e.end : std::numeric_limits<int64_t>::min());
  }
  // The extractor hands them sorted; another caller's list is sorted here.
  std::vector<std::pair<size_t, size_t>> resorted;
  const std::vector<std::pair<size_t, size_t>>* vetoes = &in.vetoed_lengths;
  if (!std::is_sorted(vetoes->begin(), vetoes->end())) {
    resorted = in.vetoed_lengths;
    std::sort(resorted.begin(), resorted.end());
    vetoes = &resorted;
  }
  size_t longest_veto = 0;
  for (const auto& v : *vetoes) longest_veto = std::max(longest_veto, v.second - v.first);
  for (const Candidate& s : scanned) {
    int64_t sb = in.code_point(s.begin), se = in.code_point(s.end);
    auto upto = std::lower_bound(x.entities.begin(), x.entities.end(), se,
                                 [](const Entity& e, int64_t v) { return e.start < v; });
    if (max_end[upto - x.entities.begin()] > sb) continue;  // taken by the rules
    if ((s.value && *s.value < kMinNm) || (s.max && *s.max < kMinNm)) continue;
    const size_t ss = sentence_start(in.folded, s.begin, 120);
    if (shift_amount(in.folded.substr(ss, s.begin - ss))) continue;  // "red-shifted by 15 nm": the rules' call
    if (s.min && recording_window(in.folded.substr(ss, s.begin - ss))) continue;  // a spectrum's window: the same
    if (setup_or_defect(in.folded, ss, s.begin, s.end)) continue;
    if (vetoed(*vetoes, longest_veto, s)) continue;  // ruled out by the rules: not to be added back
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return out;
}

std::string paper_of(const std::string& id) {
  // "sofc:<PMC>:<line>" → "sofc:<PMC>"; anything else is its own group.
  if (id.starts_with("sofc:")) {
    size_t c = id.find(':', 5);
    return id.substr(0, c);
  }
  return id;
}

// The dimension a size names, read like the rules do: a dimension word right after the number
// ("40 nm thick", "20 nm in diameter"), else the nearest one before it in its clause.
std::string dimension_of(const StageInput& in, const Candidate& q) {
  std::string_view t = in.folded;
  std::string_view after = t.substr(q.end, std::min<size_t>(25, t.size() - q.end));
  size_t ss = sentence_start(t, q.begin, 120);
  std::string_view before = t.substr(ss, q.begin - ss);
  struct D {
    std::string_view cue, dim;
  };
  static constexpr D kAfter[] = {{"thick", "thickness"}, {"in diameter", "diameter"}, {"diameter", "diameter"},
                                 {"long", "length"},     {"in length", "length"},     {"wide", "width"},
                                 {"in width", "width"}};
  std::string_view a = after;
  while (!a.empty() && (a[0] == ' ' || a[0] == '-' || a[0] == ')')) a.remove_prefix(1);
  for (const D& d : kAfter) {
    if (a.starts_with(d.cue)) return std::string(d.dim);
  }
  static constexpr D kBefore[] = {{"diameter", "diameter"}, {"thick", "thickness"}, {"length", "length"},
                                  {"width", "width"},       {"edge", "edge"},       {"pore", "pore"}};
  size_t best = std::string_view::npos;
  std::string dim;
  for (const D& d : kBefore) {
    size_t at = before.rfind(d.cue);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
      best = at;
      dim = d.dim;
    }
  }
  if (dim == "length" && best >= 5 && before.substr(best - 5, 5) == "edge ") dim = "edge";
  // "200 nm LSC thin films": a layer named after the number is measured across.
  if (dim.empty()) {
    std::string_view noun = t.substr(q.end, std::min<size_t>(40, t.size() - q.end));
    for (std::string_view layer : {" film"sv, " layer"sv, " coating"sv, " electrolyte"sv, " membrane"sv}) {
      if (noun.find(layer) != std::string_view::npos) return "thickness";
    }
  }
  return dim;
}

double size_probability(const learn::LinearModel& model, const std::vector<std::string_view>& features) {
  std::vector<double> p = model.probabilities(features);
  for (size_t k = 0; k < model.labels().size(); ++k) {
    if (model.labels()[k] == kSize) return p[k];
  }
  return 0;
}

}  // namespace

std::vector<std::string> size_features(const StageInput& in, const Extraction& x, size_t i) {
  for (const Candidate& c : candidates(in, x)) {
    if (c.entity == static_cast<int>(i)) {
      Features f;
      candidate_features(in, c, f);
      return f.strings();
    }
  }
  return {};
}

std::vector<learn::Example> size_examples(const std::vector<GoldParagraph>& gold, const std::vector<Extraction>& rules) {
  std::vector<learn::Example> out;
  Features f;
  for (size_t p = 0; p < gold.size() && p < rules.size(); ++p) {
    StageInput in(gold[p].text);
    if (in.code_point(in.text.size()) > kMaxTrainingChars) continue;
    for (const Candidate& c : candidates(in, rules[p])) {
      int64_t b = in.code_point(c.begin), e = in.code_point(c.end);
      bool is_size = false;
      for (const Entity& g : gold[p].entities) is_size |= g.type == kSize && g.start < e && b < g.end;
      candidate_features(in, c, f);
      out.push_back({f.strings(), std::string(is_size ? kSize : kNotSize), paper_of(gold[p].id)});
    }
  }
  return out;
}

void size_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x) {
  std::vector<Candidate> cs = candidates(in, x);
  if (cs.empty()) return;
  std::vector<bool> keep(x.entities.size(), true);
  std::vector<Entity> added;
  bool changed = false;
  Features f;
  for (const Candidate& c : cs) {
    if (c.entity >= 0 && kDropBelow <= 0) continue;  // rule sizes stay: no need to score them
    candidate_features(in, c, f);
    double p = size_probability(model, f.views());
    bool accept = p >= (c.entity >= 0 ? kDropBelow : kAddAbove);
    if (c.entity >= 0) {
      if (!accept) keep[c.entity] = false, changed = true;
      continue;
    }
    if (!accept) continue;
    Entity e;
    e.type = kSize;
    e.start = in.code_point(c.begin);
    e.end = in.code_point(c.end);
    e.text = std::string(in.text.substr(c.begin, c.end - c.begin));
    e.value = c.value;
    e.min = c.min;
    e.max = c.max;
    e.sd = c.sd;
    e.dimension = dimension_of(in, c);
    added.push_back(std::move(e));
    changed = true;
  }
  if (!changed) return;
  remove_entities(x, keep);
  if (added.empty()) return;
  // Merge the additions by start (longer first on a tie, as the rules sort) and re-index the
  // amounts' material links.
  std::vector<Entity> merged;
  merged.reserve(x.entities.size() + added.size());
  std::vector<int> new_index(x.entities.size(), -1);
  auto before = [](const Entity& a, const Entity& b) { return a.start < b.start || (a.start == b.start && a.end > b.end); };
  size_t i = 0, j = 0;
  while (i < x.entities.size() || j < added.size()) {
    if (j == added.size() || (i < x.entities.size() && !before(added[j], x.entities[i]))) {
      new_index[i] = static_cast<int>(merged.size());
      merged.push_back(std::move(x.entities[i++]));
    } else {
      merged.push_back(std::move(added[j++]));
    }
  }
  reindex_materials(merged, new_index);
  x.entities = std::move(merged);
}

}  // namespace synthdb::rules
