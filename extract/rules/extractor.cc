#include "extract/rules/extractor.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <bit>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_set>

#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/rules/learned.h"
#include "extract/rules/lexicon.h"
#include "extract/rules/materials.h"
#include "extract/rules/quantities.h"
#include "extract/rules/tables.h"
#include "extract/rules/text.h"

namespace synthdb::rules {

// Literal lists iterated as string_views are written with sv: a braced list of plain literals is an
// initializer_list<const char*>, and each conversion then calls strlen at run time.
using namespace std::string_view_literals;
// A std::string compared with "literal"sv tests the length inline; with a plain "literal", GCC 12's
// libstdc++ calls strlen() and compare(), which shows in the loops over tokens and entities.

namespace {

// `v` rounded to 12 significant digits: the nearest double to that decimal, so that it prints as
// the short decimal. Values that already print in 12 digits or fewer are returned unchanged.
double round_significant(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const int keep = 11 - static_cast<int>(std::floor(std::log10(std::fabs(v))));  // decimals to keep
  if (keep > 22 || keep < -22) return v;  // powers of ten are exact doubles up to 1e22 only
  const double p = kPow10[keep >= 0 ? keep : -keep];
  // Both operands are exact, so the division gives the double nearest to the decimal.
  return keep >= 0 ? std::round(v * p) / p : std::round(v / p) * p;
}

// Bumped whenever the rules (code) change meaning; lexicon changes are covered by their hash.
constexpr const char* kRulesVersion = "rules-15";  // bump when rule code changes output

constexpr const char* kLexiconFiles[] = {"units.tsv",      "elements.tsv",  "chemical_words.tsv", "materials.tsv",
                                         "operations.tsv", "methods.tsv",   "morphologies.tsv",   "phases.tsv",
                                         "failures.tsv",   "temperature_roles.tsv", "atmospheres.tsv", "acronyms.tsv",
                                         "salt_charges.tsv"};

std::unique_ptr<re2::RE2> compile(const std::string& name, const std::string& pattern, bool case_sensitive = true) {
  re2::RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok()) throw RuleError("rule '" + name + "' does not compile: " + re->error());
  return re;
}

// A failure pattern whose spaces (a literal ' ' or `\s` outside a character class) also match the
// no-break, thin and narrow no-break spaces of PDF text ("no\u00a0nanorods formed"): RE2's `\s` is
// ASCII only. The curator writes plain spaces in failures.tsv.
std::string any_space(std::string_view pattern) {
  constexpr std::string_view kSpace = "[\\s\\x{00A0}\\x{2009}\\x{202F}]";
  std::string out;
  bool in_class = false;
  for (size_t k = 0; k < pattern.size(); ++k) {
    char c = pattern[k];
    if (c == '\\' && k + 1 < pattern.size()) {
      if (!in_class && pattern[k + 1] == 's') {
        out += kSpace;
      } else {
        out += pattern.substr(k, 2);
      }
      ++k;
    } else if (!in_class && c == ' ') {
      out += kSpace;
    } else {
      if (c == '[') in_class = true;
      if (c == ']') in_class = false;
      out += c;
    }
  }
  return out;
}

// A lexicon of phrase → value (first two TSV fields, optional "cs" flag in the third).
struct ValueLexicon {
  PhraseMatcher matcher;
  std::vector<std::string> values;
  void load(const std::filesystem::path& path, bool plural) {
    for (const TsvRow& row : read_tsv(path, 2)) {
      bool cs = row.fields.size() > 2 && row.fields[2] == "cs";
      matcher.add(row.fields[0], static_cast<int>(values.size()), cs, plural && !cs);
      values.push_back(row.fields[1]);
    }
  }
};

struct Raw {
  Entity e;
  size_t begin = 0;  // bytes
  size_t end = 0;
  int material_ref = -1;  // amount → index into the materials list (before sorting)
  int material_id = -1;   // material → its index in the materials list
};

// An entity appended to `raws` at construction and removed again at destruction unless `keep` is
// set: candidates are filled in place rather than in a local that is then moved into the list.
struct PendingRaw {
  explicit PendingRaw(std::vector<Raw>* list) : raws(list), raw(list->emplace_back()) {}
  ~PendingRaw() {
    if (!keep) raws->pop_back();
  }
  PendingRaw(const PendingRaw&) = delete;
  PendingRaw& operator=(const PendingRaw&) = delete;
  std::vector<Raw>* raws;
  Raw& raw;
  bool keep = false;
};

bool overlaps(size_t b1, size_t e1, size_t b2, size_t e2) { return b1 < e2 && b2 < e1; }

// The sentence start that position k (1 <= k <= size) marks, or 0: after a newline or ';', or
// after ". " ("Fig. 2", "ca. 5", "eq. 3" and "vs. x" do not end sentences).
size_t boundary_at(std::string_view text, size_t k) {
  char c = text[k - 1];
  if (c == '\n' || c == ';') return k;
  // Byte compares rather than substr() == "..." (a bounds check and a compare() call each): this
  // runs at every full stop of every paragraph.
  if (c == '.' && k < text.size() && text[k] == ' ' &&
      !(k >= 2 && (text[k - 2] == 'g' || is_digit(text[k - 2])) && k >= 4 && text[k - 4] == 'f' &&
        text[k - 3] == 'i' && text[k - 2] == 'g')) {
    if (k >= 3) {
      char a = text[k - 3], b = text[k - 2];
      if ((a == 'c' && b == 'a') || (a == 'e' && b == 'q') || (a == 'v' && b == 's')) return 0;
    }
    return k + 1;
  }
  return 0;
}

// Start of the sentence containing `pos`, looking back at most `max_back` bytes. All boundaries of
// a paragraph are found in one pass; each query is a binary search (every mention and quantity
// asks, and scanning back up to 200 bytes each time was 2 % of the extraction time).
class SentenceStarts {
 public:
  explicit SentenceStarts(std::string_view text) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    auto has_byte = [&](uint64_t w, unsigned char b) {
      uint64_t x = w ^ (kOnes * b);
      return (x - kOnes) & ~x & kHighs;
    };
    for (size_t k = 1; k <= text.size(); ++k) {
      // Eight bytes at a time while none of them is '\n', ';' or '.' (exact test, see cmd_extract.cc).
      while (k + 7 <= text.size()) {
        uint64_t w;
        std::memcpy(&w, text.data() + k - 1, 8);
        if (has_byte(w, '\n') | has_byte(w, ';') | has_byte(w, '.')) break;
        k += 8;
      }
      if (k > text.size()) break;
      char c = text[k - 1];
      if (c != '\n' && c != ';' && c != '.') continue;
      if (size_t r = boundary_at(text, k)) at_.push_back({k, r});
    }
  }
  size_t operator()(size_t pos, size_t max_back) const {
    size_t from = pos > max_back ? pos - max_back : 0;
    // The largest boundary k with from < k <= pos, as a backward scan from pos would meet first.
    auto it = std::upper_bound(at_.begin(), at_.end(), pos,
                               [](size_t p, const std::pair<size_t, size_t>& b) { return p < b.first; });
    if (it == at_.begin()) return from;
    --it;
    return it->first > from ? it->second : from;
  }

 private:
  std::vector<std::pair<size_t, size_t>> at_;  // (k, sentence start), k ascending
};

// string_view::starts_with is an out-of-line call here (a compare() and a memcmp); the words
// tested are a few bytes long. Same result.
inline bool has_prefix(std::string_view s, std::string_view w) {
  if (s.size() < w.size()) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (s[k] != w[k]) return false;
  }
  return true;
}

// Length of the liquid form (" aqueous solution", " solution", " suspension", " dispersion") that
// `a` starts with, 0 when none. Asked for every material mention: a first-byte and length test
// rejects nearly all of them before any string compare.
inline size_t liquid_form_prefix(std::string_view a) {
  if (a.size() < 9 || a[0] != ' ' || (a[1] != 'a' && a[1] != 's' && a[1] != 'd')) return 0;
  for (std::string_view form : {" aqueous solution"sv, " solution"sv, " suspension"sv, " dispersion"sv}) {
    if (has_prefix(a, form)) return form.size();
  }
  return 0;
}

// Last position in `window` where any of `cues` occurs (npos when none).
// One backward pass with a first-byte test: rfind() per cue compares at every position and was a
// tenth of the extraction time on nanocrystal paragraphs (many lengths, ~25 cues each).
// First bytes of a cue list as a 256-bit set: most positions of a window start no cue, and one
// bit test there replaces a compare per cue.
struct FirstBytes {
  uint64_t bits[4] = {0, 0, 0, 0};
  explicit FirstBytes(std::initializer_list<std::string_view> cues) {
    for (std::string_view cue : cues) add(cue);
  }
  template <size_t N>
  explicit FirstBytes(const std::string_view (&cues)[N]) {
    for (std::string_view cue : cues) add(cue);
  }
  void add(std::string_view cue) {
    auto b = static_cast<unsigned char>(cue[0]);
    bits[b >> 6] |= uint64_t{1} << (b & 63);
  }
  bool has(char c) const {
    auto b = static_cast<unsigned char>(c);
    return (bits[b >> 6] >> (b & 63)) & 1;
  }
};

// Up to 64 stems indexed by first byte: whether a word starts with one of them, testing only the
// stems that share its first byte (the role cue lists have about thirty, and most words have a
// first byte that some stem has, so a first-byte filter alone still walked the whole list).
class StemIndex {
 public:
  template <size_t N>
  explicit StemIndex(const std::string_view (&stems)[N]) : stems_(stems, stems + N) {
    static_assert(N <= 64, "one bit per stem");
    for (size_t k = 0; k < N; ++k) by_first_[static_cast<unsigned char>(stems[k][0])] |= uint64_t{1} << k;
  }
  bool starts(std::string_view w) const {
    if (w.empty()) return false;
    for (uint64_t m = by_first_[static_cast<unsigned char>(w[0])]; m != 0; m &= m - 1) {
      if (has_prefix(w, stems_[static_cast<size_t>(std::countr_zero(m))])) return true;
    }
    return false;
  }

 private:
  std::vector<std::string_view> stems_;
  uint64_t by_first_[256] = {};
};

// Whether `w` is one of the words in `list`.
bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (w == x) return true;
  }
  return false;
}

size_t last_cue(std::string_view window, std::initializer_list<std::string_view> cues) {
  const FirstBytes first(cues);
  for (size_t pos = window.size(); pos-- > 0;) {
    char c = window[pos];
    if (!first.has(c)) continue;
    for (std::string_view cue : cues) {
      // has_prefix, not compare(): an out-of-line call and a memcmp per candidate (1 % of the time).
      if (cue[0] == c && has_prefix(window.substr(pos), cue)) return pos;
    }
  }
  return std::string_view::npos;
}

std::string format_ratio_unit() { return "ratio"; }

// The cue words role_after and target_after/input_after need right after a material mention:
// whether "as " starts `near` or follows a space or ')', and the first position of "was " or
// "were " (npos when none), as find() would give it. Each is looked for from its first letter with
// find(char) (memchr): a byte-by-byte pass over the window was 2 % of the extraction time, and
// four find() calls for the whole words (a compare at every space) as much.
struct AfterCues {
  bool as = false;
  size_t was = std::string_view::npos;
};
AfterCues after_cues(std::string_view near) {
  AfterCues c;
  for (size_t p = near.find('a'); p != std::string_view::npos; p = near.find('a', p + 1)) {
    if ((p == 0 || near[p - 1] == ' ' || near[p - 1] == ')') && has_prefix(near.substr(p), "as ")) {
      c.as = true;
      break;
    }
  }
  for (size_t p = near.find('w'); p != std::string_view::npos; p = near.find('w', p + 1)) {
    if (has_prefix(near.substr(p), "was ") || has_prefix(near.substr(p), "were ")) {
      c.was = p;
      break;
    }
  }
  return c;
}

// True when a cue found at `pos` starts a word: "edge" in "knowledge" or "length" in "wavelength"
// is no cue. "nano"/"micro" before a noun cue still count ("nanoparticles", "microspheres"), and so
// does a dash ("core–shell").
bool starts_word(std::string_view s, size_t pos) {
  if (pos == 0) return true;
  unsigned char c = static_cast<unsigned char>(s[pos - 1]);
  if (is_alpha(static_cast<char>(c))) {
    return (pos >= 4 && s.substr(pos - 4, 4) == "nano") || (pos >= 5 && s.substr(pos - 5, 5) == "micro");
  }
  if (c >= 0x80) {
    size_t lead = pos - 1;
    while (lead > 0 && (static_cast<unsigned char>(s[lead]) & 0xC0) == 0x80) --lead;
    return dash_len(s, lead) > 0;
  }
  return true;
}

// last_cue() restricted to cues that start a word.
size_t last_word_cue(std::string_view window, std::initializer_list<std::string_view> cues) {
  const FirstBytes first(cues);
  for (size_t pos = window.size(); pos-- > 0;) {
    char c = window[pos];
    if (!first.has(c)) continue;
    for (std::string_view cue : cues) {
      if (cue[0] == c && has_prefix(window.substr(pos), cue) && starts_word(window, pos)) {
        return pos;
      }
    }
  }
  return std::string_view::npos;
}

// A fixed list of words (two bytes or longer) and the set of their first two bytes. contains()
// tells whether any of them occurs in a text: one pass in which most positions fail the two-byte
// test, instead of a find() per word (each a memchr per candidate first byte and a compare per hit).
class WordSet {
 public:
  explicit WordSet(std::initializer_list<std::string_view> words) : words_(words), pairs_(1024, 0) {
    for (std::string_view w : words_) {
      size_t key = pair_key(w[0], w[1]);
      pairs_[key >> 6] |= uint64_t{1} << (key & 63);
    }
  }
  bool contains(std::string_view s) const {
    for (size_t pos = 0; pos + 1 < s.size(); ++pos) {
      size_t key = pair_key(s[pos], s[pos + 1]);
      if (!((pairs_[key >> 6] >> (key & 63)) & 1)) continue;
      for (std::string_view w : words_) {
        if (has_prefix(s.substr(pos), w)) return true;
      }
    }
    return false;
  }

 private:
  static size_t pair_key(char a, char b) {
    return (size_t{static_cast<unsigned char>(a)} << 8) | static_cast<unsigned char>(b);
  }
  std::vector<std::string_view> words_;
  std::vector<uint64_t> pairs_;  // 64 Ki bits
};

// Start of the last clause in `window` (lower-cased text before a quantity): a size cue in an
// earlier clause ("The thickness was 10 μm, and the cell with 2 mm ...") describes something else.
// The largest end of a marker occurrence, found in one backward pass (seven rfind() calls, each a
// compare at every position, were 1 % of the run); the pass stops where no marker starting earlier
// could end later than the best found.
size_t clause_start(std::string_view window) {
  static constexpr std::string_view kMarkers[] = {", and "sv, " and the "sv, " while "sv, " whereas "sv,
                                                  " but "sv,  ", which "sv,   ", where "sv};
  constexpr size_t kLongest = 9;  // " and the ", " whereas "
  size_t from = 0;
  for (size_t pos = window.size(); pos-- > 0;) {
    if (from > 0 && pos + kLongest <= from) break;
    char c = window[pos];
    if (c != ' ' && c != ',') continue;
    for (std::string_view m : kMarkers) {
      if (m[0] == c && window.size() - pos >= m.size() && window.compare(pos, m.size(), m) == 0) {
        from = std::max(from, pos + m.size());
      }
    }
  }
  return from;
}

// Dimension named right after a length: "40-nm-thick", "300 μm-thick", "800 μm thickness", "75 nm
// in thickness", "40 nm long", "20 nm in diameter", "2 mm of external diameter", "5 nm in size".
// Returns false when no size word follows; `dimension` is empty for plain size words.
bool size_cue_after(std::string_view after, std::string* dimension) {
  size_t p = skip_spaces(after, 0);
  if (size_t d = dash_len(after, p)) p = skip_spaces(after, p + d);
  auto word_at = [&](size_t at) {
    size_t e = at;
    while (e < after.size() && is_lower(after[e])) ++e;
    return after.substr(at, e - at);
  };
  std::string_view w = word_at(p);
  auto dimension_word = [](std::string_view x, std::string* dim) {
    if (x.starts_with("thick") || x == "thin") *dim = "thickness";
    else if (x == "diameter" || x == "diameters") *dim = "diameter";
    else if (x == "length" || x == "lengths" || x == "long") *dim = "length";
    else if (x == "width" || x == "widths" || x == "wide") *dim = "width";
    else if (x == "size" || x == "sized" || x == "sizes" || x == "dimension" || x == "dimensions") dim->clear();
    else if (x == "edge" || x == "edges") *dim = "edge";  // "200 nm in edge length", "20 nm edge"
    else return false;
    return true;
  };
  if (p > 0 && (w == "in" || w == "of")) {
    size_t q = skip_spaces(after, p + w.size());
    std::string_view x = word_at(q);
    if (w == "of" || x == "outer" || x == "external" || x == "inner" || x == "internal" || x == "nominal" ||
        x == "total" || x == "wall" || x == "average" || x == "mean") {
      if (x == "outer" || x == "external" || x == "inner" || x == "internal" || x == "average" || x == "mean" ||
          x == "nominal" || x == "total" || x == "wall") {
        q = skip_spaces(after, q + x.size());
        x = word_at(q);
      }
      // "of size" is too loose ("10 nm of size-selected ..."), only dimensions count after "of".
      if (w == "of" && (x == "size" || x == "sized" || x == "sizes")) return false;
    }
    return dimension_word(x, dimension);
  }
  // Right after the unit ("800 μm thickness", "40 nm long", "100 nm nominal thickness"), not words
  // later.
  if (p == 0) return false;
  if (w == "nominal" || w == "average" || w == "mean" || w == "total" || w == "wall" || w == "film" || w == "layer") {
    return dimension_word(word_at(skip_spaces(after, p + w.size())), dimension);
  }
  return dimension_word(w, dimension);
}

// The nouns of vessels that a volume can size.
constexpr std::string_view kVesselNouns[] = {"autoclave", "flask", "beaker", "vessel", "reactor", "vial",
                                             "bottle",    "container", "crucible", "liner", "syringe", "tube",
                                             "bomb",      "jar"};

// A volume that sizes a vessel: "a 50 mL Teflon-lined stainless steel autoclave", "100 mL flask".
bool apparatus_after(std::string_view after) {
  static constexpr std::string_view kVessels[] = {"teflon", "round-bottom", "three-neck", "stainless", "cell",
                                                  "capacity", "volumetric", "two-neck", "ptfe", "lined",
                                                  "poly(tetrafluoroethylene)"};
  if (after.starts_with(" of ") || after.starts_with(", ")) return false;
  std::string_view head = after.substr(0, std::min<size_t>(after.size(), 30));
  head = head.substr(0, std::min(head.find_first_of(",;"), head.size()));
  // "OA (1.25 mL) was ...": a bracket closing after the volume ends it ("23 mL
  // poly(tetrafluoroethylene) lined" does not).
  if (size_t close = head.find(')'); close != std::string_view::npos && head.substr(0, close).find('(') == std::string_view::npos) {
    head = head.substr(0, close);
  }
  // The vessel words must follow the volume directly: in "OA (1.25 mL) was loaded into a flask" and
  // "5 mL in a 25 mL vial" the volume is the reagent's, not the vessel's.
  for (std::string_view stop : {" was "sv, " were "sv, " is "sv, " into "sv, " to "sv, " in "sv, " and "sv,
                                " then "sv, " under "sv, " at "sv, " with "sv, " from "sv}) {
    head = head.substr(0, std::min(head.find(stop), head.size()));
  }
  for (auto v : kVessels) {
    if (head.find(v) != std::string_view::npos) return true;
  }
  for (auto v : kVesselNouns) {
    if (head.find(v) != std::string_view::npos) return true;
  }
  return false;
}

// A volume first in the bracket after a vessel noun: "the Teflon-lined autoclave (25 mL)", "a
// three-neck flask (50 mL)" size the vessel, as "a 25 mL autoclave" does (review 13, D41).
// `before` ends right before the number.
bool vessel_before_bracket(std::string_view before) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '~')) before.remove_suffix(1);
  if (before.empty() || before.back() != '(') return false;
  before.remove_suffix(1);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (auto v : kVesselNouns) {
    if (before.ends_with(v) && (before.size() == v.size() || !is_alpha(before[before.size() - v.size() - 1]))) return true;
  }
  return false;
}

// Words of a solution phrase around an amount that name no other thing: "1 mL of a 0.5 M stock
// solution of X", "0.6 mL of ice-cold 0.01 M NaBH4", "100 mL of boiling 0.25 mM HAuCl4" (review 13, D59).
bool solution_word(std::string_view w) {
  return w == "solution" || w == "solutions" || w == "stock" || w == "ice-cold" || w == "cold" || w == "hot" ||
         w == "warm" || w == "preheated" || w == "boiling";
}

// Grade and state words between an amount and its material: "20 mL of deionized water", "4 mL of
// degassed ODE", "1 mL of saturated TOP-S", "2 mL of technical-grade OAm", "40 mL of absolute ethanol".
bool grade_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "deionized", "de-ionized", "deionised", "distilled", "double-distilled", "bidistilled", "di", "dd",
      "ultrapure", "ultra-pure", "milli-q", "degassed", "deoxygenated", "deaerated", "saturated",
      "technical-grade", "reagent-grade", "analytical-grade", "high-purity", "purified", "dried", "redistilled",
      "absolute", "dehydrated"};
  return kWords.count(w) > 0;
}

// A commercial grade written after the name: "TiO2 P25", "SiO2 A200", "TiO2 P-25" (one to three
// capitals, an optional hyphen, two or three digits; review 13, D63).
bool grade_code(std::string_view w) {
  size_t k = 0;
  while (k < w.size() && k < 3 && is_upper(w[k])) ++k;
  if (k == 0) return false;
  if (k < w.size() && w[k] == '-') ++k;
  const size_t d = k;
  while (k < w.size() && is_digit(w[k])) ++k;
  return k == w.size() && k - d >= 2 && k - d <= 3;
}

// "Se powder (12 mg)", "CdSe cores (1×10-7 mol)", "Au seeds (0.1 mL)": when token `t` is a form noun
// of a solid or a particle (after the material), the token before it; else `t`.
size_t form_head(const TokenView& view, size_t t) {
  static const std::unordered_set<std::string_view> kForms = {
      "powder", "powders", "shot", "shots", "pellets", "granules", "flakes", "beads", "crystals", "pieces",
      "core", "cores", "seeds", "seed", "nanocrystals", "particles", "nanoparticles", "dots",
      // "borane tert-butylamine complex (0.5 mmol)": the adduct named with its word (review 13, D60)
      "complex"};
  if (t == 0 || (!kForms.count(view.folded[t]) && !grade_code(view.raw(t)))) return t;
  return t - 1;
}

// "HAuCl4 solution (10 mL)", "Cs-oleate solution (0.125 M)", "the Au seed solution (0.12 mL)":
// when token `t` is "solution" (after at most two of "stock", "seed", "growth"; not "precursor":
// "the HfO2 precursor solution (0.1 M)" is no HfO2),
// the token before that phrase; else `t`.
size_t solution_head(const TokenView& view, size_t t) {
  if (t == 0 || (view.folded[t] != "solution" && view.folded[t] != "solutions")) return t;
  size_t k = t;
  for (int words = 0; k > 0 && words < 3; ++words) {
    --k;
    std::string_view w = view.folded[k];
    if (w != "stock" && w != "seed" && w != "growth") return k;
  }
  return t;
}

// Whether a failure cue reports no failure of this synthesis, read from the lower-cased sentence
// text before the cue (`before`) and the cue with a few words after it (`cue`; the match is its
// first `cue_len` bytes): a negated cue ("not polydisperse", "rather than a broad size
// distribution", "none of the syntheses failed"), a hedged one ("might fail to", "could be
// polydisperse"), a failure of earlier work ("Previous reports failed to control the shape; here ..."),
// a measurement that found nothing ("We failed to observe any PL quenching"; "failed to detect any
// nanocrystals" still counts), a negated undesired result ("did not lead to aggregation", "never
// gave any precipitate of bulk"), a polydisperse fraction set aside ("Polydisperse samples were
// discarded"), or a control experiment confirming a role ("Control experiments without Cd(OAc)2
// did not produce nanoplatelets, confirming ...": the paragraph's own synthesis did not fail).
// `tail` is the rest of the sentence after the match. Also no failure: a cue negated through a verb
// ("do not show a broad size distribution") or after it ("A broad size distribution was not
// observed"), an undesired thing that was not observed ("aggregation was not observed"), a cue inside
// a contrast with this work ("Unlike the sample without OA, which had a broad size distribution, our
// NCs ..."), other people's work ("Zhang et al. reported that", "by conventional methods"), a
// condition ("If the temperature is too low, the reaction fails"), and a spread or aggregation that
// was then dealt with ("... was narrowed to 5%", "aggregated, so they were washed twice").
// Whether `span` holds a negation word: "... and could not be size-selected" undoes the remedy
// that would otherwise excuse a spread.
bool holds_negation(std::string_view span) {
  for (std::string_view neg : {" not "sv, "n't "sv, " never "sv, "cannot"sv, " unable"sv, " no "sv}) {
    if (span.find(neg) != std::string_view::npos) return true;
  }
  return false;
}

// Whether a matched drop "from X % to Y %" is minor: Y at least 20 % and at least three quarters
// of X ("the PLQY decreased from 92% to 85% after a month" reports a stable product).
bool minor_drop(std::string_view match) {
  const size_t from = match.find("from ");
  const size_t to = match.rfind(" to ");
  if (from == std::string_view::npos || to == std::string_view::npos || to < from) return false;
  auto number = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    double v = 0, scale = 0;
    for (char c : s) {
      if (is_digit(c)) {
        v = scale > 0 ? v + (c - '0') * (scale /= 10) : v * 10 + (c - '0');
      } else if (c == '.' && scale == 0) {
        scale = 1;
      } else {
        break;
      }
    }
    return v;
  };
  const double x = number(match.substr(from + 5)), y = number(match.substr(to + 4));
  return y >= 20 && y >= 0.75 * x;
}

// Whether a cue ending in "failed" has a negation right before it inside the match: "the reaction at
// 250 °C never failed" (the `failed` cues allow any words between their subject and the verb).
bool negated_failed(std::string_view match) {
  while (!match.empty() && match.back() == ' ') match.remove_suffix(1);
  if (!match.ends_with("failed") && !match.ends_with("fails")) return false;
  const size_t sp = match.rfind(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view head = match.substr(0, sp);
  for (std::string_view neg : {" not"sv, " never"sv, "n't"sv, " hardly"sv, " rarely"sv, " seldom"sv}) {
    if (head.ends_with(neg)) return true;
  }
  return false;
}

// Phrases naming earlier work (failure_in_context(), cites_earlier_work()).
constexpr std::string_view kEarlierWork[] = {
    "previous report"sv, "previous work"sv, "previous stud"sv, "previously reported"sv, "previous method"sv,
    "previous approach"sv, "previous synthes"sv, "prior report"sv, "prior work"sv, "prior stud"sv,
    "earlier report"sv, "earlier work"sv, "earlier stud"sv, "literature"sv, "other groups"sv,
    "other researchers"sv, "have been reported"sv, "has been reported"sv, "reported by"sv, "et al"sv,
    "reported that"sv, "conventional method"sv, "conventional route"sv, "traditional method"sv,
    "other method"sv};

// Whether a clause after a cue (lower-cased) attributes it to earlier work: "in earlier reports",
// "in the literature", or a citation bracket "[5]", "[12, 13]".
bool cites_earlier_work(std::string_view clause) {
  for (std::string_view w : kEarlierWork) {
    if (clause.find(w) != std::string_view::npos) return true;
  }
  for (size_t b = clause.find('['); b != std::string_view::npos; b = clause.find('[', b + 1)) {
    if (b + 1 < clause.size() && is_digit(clause[b + 1])) return true;
  }
  // "as reported in ref. 12", "(refs. 5, 6)", "in reference 7"; a clause cut at the abbreviation's
  // full stop ends in "ref" (review 13b, R12). "the reference sample" is no citation.
  for (size_t r = clause.find("ref"); r != std::string_view::npos; r = clause.find("ref", r + 1)) {
    if (r > 0 && is_alpha(clause[r - 1])) continue;
    std::string_view next = clause.substr(r + 3);
    for (std::string_view form : {"erences"sv, "erence"sv, "s."sv, "s"sv, "."sv}) {
      if (next.starts_with(form)) {
        next.remove_prefix(form.size());
        break;
      }
    }
    const bool abbreviated = !clause.substr(r + 3).starts_with("erence");
    if (!next.empty() && is_alpha(next.front())) continue;
    next.remove_prefix(std::min(next.size(), skip_spaces(next, 0)));
    if ((next.empty() && abbreviated) || (!next.empty() && (is_digit(next.front()) || next.front() == '['))) return true;
  }
  return false;
}

// Whether a cue (lower-cased match) says there was no emission ("not emissive", "no PL was observed").
bool no_emission_cue(std::string_view cue) {
  for (std::string_view w : {"emissi"sv, "luminescen"sv, "fluorescen"sv, " pl "sv, "no pl"sv}) {
    if (cue.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the words right after a cue limit it to a spectral range: "in the NIR range", "beyond
// 1600 nm", "below 400 nm", "at wavelengths above ...", "in the UV region".
bool spectral_range(std::string_view clause) {
  std::string_view c = clause;
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  bool lead = false;
  for (std::string_view w : {"in "sv, "at "sv, "beyond "sv, "below "sv, "above "sv, "between "sv, "from "sv,
                             "over "sv, "across "sv, "for "sv}) {
    lead |= c.starts_with(w);
  }
  if (!lead) return false;
  c = c.substr(0, std::min<size_t>(c.size(), 40));
  for (std::string_view w : {"nir"sv, "infrared"sv, " ir "sv, "visible"sv, " uv"sv, "wavelength"sv, "spectral"sv,
                             " nm"sv, "region"sv, " range"sv}) {
    if (c.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the clause before a cue opens a counterfactual: "..., otherwise aggregation occurred",
// "Otherwise, the reaction fails". "under otherwise identical conditions" is a real comparison.
bool counterfactual(std::string_view before) {
  size_t at = before.rfind("otherwise");
  if (at == std::string_view::npos || (at > 0 && is_alpha(before[at - 1]))) return false;
  std::string_view next = before.substr(at + 9);
  if (!next.empty() && is_alpha(next.front())) return false;
  while (!next.empty() && (next.front() == ' ' || next.front() == ',')) next.remove_prefix(1);
  for (std::string_view w : {"identical"sv, "same"sv, "similar"sv, "unchanged"sv, "equal"sv, "standard"sv}) {
    if (next.starts_with(w)) return false;
  }
  return true;
}

// The failing side of a comparison in the cue's sentence (`found` false when there is none): "X were
// highly emissive, unlike the bare cores, which were not emissive" and ", whereas the CdSe cores were
// not emissive" (marker before the cue, `subordinate`: the side runs from the marker to the cue, unless
// a comma closes the marker's phrase first: then the cue's main clause is the side); "The
// bare cores were not emissive, unlike the core/shell NCs" (marker after it, in `tail`: the side is the
// sentence before the cue, the main clause). A comparison with earlier work ("In contrast to previous
// reports, our attempts failed") is none: failure_in_context() reads those. `before`/`tail` as there.
struct ComparedSide {
  bool found = false;
  bool subordinate = false;
  std::string_view side;
};

ComparedSide compared_side(std::string_view before, std::string_view tail) {
  static constexpr std::string_view kMarkers[] = {
      "unlike "sv, "whereas "sv, ", while "sv, "in contrast to "sv, "in contrast with "sv, "compared with "sv,
      "compared to "sv, "as opposed to "sv, "contrary to "sv, "in comparison with "sv, "in comparison to "sv,
      " than "sv};
  // " than" compares amounts too ("in less than 5 min", "more than half of the NCs"), and "rather
  // than"/"other than" negate or exclude (failure_in_context() reads those).
  auto marker_ok = [](std::string_view text, size_t at, std::string_view m) {
    if (at > 0 && m.front() != ' ' && m.front() != ',' && is_alpha(text[at - 1])) return false;
    std::string_view next = text.substr(at + m.size());
    if (cites_earlier_work(next.substr(0, next.find(',')))) return false;
    if (m != " than "sv) return true;
    std::string_view head = text.substr(0, at);
    for (std::string_view w : {" rather"sv, " other"sv}) {
      if (head.ends_with(w) || head == w.substr(1)) return false;
    }
    if (!next.empty() && (is_digit(next.front()) || next.front() == '~')) return false;
    for (std::string_view w : {"a "sv, "one "sv, "two "sv, "half"sv, "about "sv, "ca. "sv, "approximately "sv}) {
      if (next.starts_with(w)) return false;
    }
    return true;
  };
  size_t best = std::string_view::npos;
  for (std::string_view m : kMarkers) {
    size_t at = before.rfind(m);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best) && marker_ok(before, at, m)) {
      best = at;
    }
  }
  if (best != std::string_view::npos) {
    // "In contrast to the core/shell QDs, the bare cores were not emissive", "Unlike the reaction at
    // 150 °C, the reaction at 250 °C gave bulk ZnO": the marker's phrase closes with a comma and
    // the cue is in the main clause, whose subject is the failing side. A relative clause after the
    // comma ("unlike the bare cores, which were not emissive") still belongs to the marker's phrase.
    std::string_view seg = before.substr(best);
    const size_t comma = seg.rfind(", ");
    if (comma != std::string_view::npos) {
      std::string_view main = seg.substr(comma + 2);
      if (!main.starts_with("which") && !main.starts_with("that") && !main.starts_with("who")) {
        return {true, false, main};
      }
    }
    return {true, true, seg};
  }
  for (std::string_view m : kMarkers) {
    // After the cue the marker must open a new clause (", unlike ..."), except the comparative "than".
    size_t at = tail.find(m);
    if (at == std::string_view::npos) continue;
    if (m != " than "sv && m.front() != ',' && !(at >= 2 && tail.substr(at - 2, 2) == ", ")) continue;
    if (marker_ok(tail, at, m)) return {true, false, before};
  }
  return {};
}

// Whether the failing side of a comparison (with the cue's own words, which may hold its subject)
// names a reference or starting sample the product is compared with: "the bare cores", "uncoated
// particles", "the commercial powder", "the undoped NCs". Such a sample failed nothing.
bool reference_side(std::string_view side, std::string_view cue) {
  static constexpr std::string_view kReference[] = {
      "bare"sv, "uncoated"sv, "unshelled"sv, "unpassivated"sv, "uncapped"sv, "core-only"sv, " cores"sv,
      "pristine"sv, "untreated"sv, "unmodified"sv, "undoped"sv, "reference"sv, "commercial"sv, "bulk"sv,
      "parent"sv, "starting"sv, "original"sv, "control"sv};
  // In the cue only a subject word counts: "bulk" there is the failure ("only bulk PbS was obtained").
  for (std::string_view w : kReference) {
    if (side.find(w) != std::string_view::npos || (w != "bulk"sv && cue.find(w) != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

// Whether the rest of the sentence says the failing state was undone: "not emissive after ligand
// stripping but recovered after OA treatment", "quenched, but the PL was restored by ...". A state
// that "could not be recovered" stays a failure.
bool recovered_after(std::string_view tail) {
  for (std::string_view w : {"recovered"sv, "restored"sv, "regained"sv, "reappeared"sv, "revived"sv, "was reversed"sv,
                             "were reversed"sv, "recovers"sv}) {
    size_t at = tail.find(w);
    if (at != std::string_view::npos && !holds_negation(tail.substr(0, at))) return true;
  }
  return false;
}

// Whether what a cue says was not obtained or given is a finding or a quantity, no product: the
// subject before it ("Evidence for a phase transition could not be obtained", "true equilibrium
// between the two phases could not be obtained", "the apparently exact model b fails to"; its
// clause's first four words) or the object after "did not give" ("did not give the magnitude of
// the current efficiency"). `before` and `after` are the sentence before the cue and the text after
// its match (lower-cased).
bool abstract_object(std::string_view before, std::string_view after) {
  static constexpr std::string_view kAbstract[] = {
      "evidence"sv, "equilibri"sv, "conductivit"sv, "magnitude"sv, "value"sv, "data"sv, "information"sv,
      "agreement"sv, "fit"sv, "convergence"sv, "correlation"sv, "explanation"sv, "conclusion"sv, "insight"sv,
      "model"sv, "estimate"sv, "indication"sv, "details"sv, "signal"sv};
  auto abstract_word = [](std::string_view w) {
    for (std::string_view a : kAbstract) {
      if (w.starts_with(a) && (w.size() - a.size() <= 3)) return true;  // "values", "fits", "models"
    }
    return false;
  };
  size_t from = 0;
  for (std::string_view b : {", "sv, "; "sv, " that "sv, " which "sv}) {
    size_t at = before.rfind(b);
    if (at != std::string_view::npos) from = std::max(from, at + b.size());
  }
  std::string_view clause = before.substr(from);
  for (int words = 0; words < 4 && !clause.empty(); ++words) {
    clause = clause.substr(skip_spaces(clause, 0));
    size_t sp = clause.find(' ');
    if (abstract_word(clause.substr(0, sp))) return true;
    if (sp == std::string_view::npos) break;
    clause = clause.substr(sp);
  }
  std::string_view a = after.substr(skip_spaces(after, 0));
  for (std::string_view det : {"the "sv, "a "sv, "an "sv, "any "sv}) {
    if (a.starts_with(det)) {
      a.remove_prefix(det.size());
      break;
    }
  }
  return abstract_word(a.substr(0, a.find(' ')));
}

// Whether a failure cue that failure_in_context() set aside tells of earlier work, not of this one:
// "Previous attempts to grow CdS shells on PbS QDs by SILAR have failed because of Ostwald ripening
// [23]". The products of that sentence are then no targets of this work (set_aside_cited(), review
// 13, D22); a sentence that also speaks of this work ("unlike [5], our attempts ...") is no such one.
bool cited_failure(std::string_view before, std::string_view rest) {
  for (std::string_view own : {" our "sv, " we "sv, "this work"sv, " here"sv, "present"sv}) {
    if (before.find(own) != std::string_view::npos || rest.find(own) != std::string_view::npos) return false;
  }
  if (before.starts_with("we ") || before.starts_with("our ")) return false;
  for (std::string_view w : {"previous attempt"sv, "earlier attempt"sv, "prior attempt"sv}) {
    if (before.find(w) != std::string_view::npos) return true;
  }
  return cites_earlier_work(before) || cites_earlier_work(rest.substr(0, rest.find(',')));
}

// Whether the verb after "fail(s) to" or "attempts to" (lower-cased, from its first letter) is an
// analysis of data, not a step of the synthesis: "fails to correctly fit the arc", "Attempts to
// simulate the impedance spectra ... failed" (review 13b, R1).
bool analysis_verb(std::string_view verb) {
  if (verb.starts_with("correctly ")) verb.remove_prefix(10);
  for (std::string_view v : {"analy"sv, "describe"sv, "explain"sv, "fit "sv, "account for"sv, "capture"sv,
                             "predict"sv, "converge"sv, "simulate"sv, "index "sv, "model "sv, "deconvolute"sv}) {
    if (verb.starts_with(v)) return true;
  }
  return false;
}

// Whether the words of an attempt (its match, lower-cased) name measured data as its object:
// "Attempts to reproduce the impedance spectra failed", "to record XRD patterns of the film".
bool attempt_on_data(std::string_view attempt) {
  for (size_t b = 0; b < attempt.size();) {
    size_t e = attempt.find(' ', b);
    if (e == std::string_view::npos) e = attempt.size();
    std::string_view w = attempt.substr(b, e - b);
    while (!w.empty() && !is_alpha(w.back())) w.remove_suffix(1);
    if (one_of(w, {"data", "spectra", "spectrum", "impedance", "pattern", "patterns", "curve", "curves"})) return true;
    b = e + 1;
  }
  return false;
}

// Whether the words after a cue place it in a fraction of the work-up or in a biological sample:
// "No CsPbBr3 NCs were detected in the supernatant after centrifugation", "... in the filtrate", "No
// Au NPs were detected in the cells after 24 h". A check of a separation or of an uptake, no failed
// synthesis (review 13b, R2); "No CdSe NCs were detected by TEM after the reaction" stays one.
bool workup_or_uptake_place(std::string_view rest) {
  rest.remove_prefix(std::min(rest.size(), skip_spaces(rest, 0)));
  bool in = false;
  for (std::string_view prep : {"in "sv, "within "sv, "inside "sv}) {
    if (rest.starts_with(prep)) {
      rest.remove_prefix(prep.size());
      in = true;
      break;
    }
  }
  if (!in) return false;
  for (std::string_view det : {"the "sv, "any of the "sv, "any "sv}) {
    if (rest.starts_with(det)) {
      rest.remove_prefix(det.size());
      break;
    }
  }
  for (std::string_view w : {"supernatant"sv, "filtrate"sv, "wash"sv, "eluate"sv, "mother liquor"sv, "cells"sv,
                             "cell "sv, "tissue"sv, "organs"sv, "liver"sv, "spleen"sv, "blood"sv, "serum"sv,
                             "urine"sv, "cytoplasm"sv}) {
    if (rest.starts_with(w)) return true;
  }
  return false;
}

// Whether a loss of colloidal stability is the antisolvent step of the work-up: "Upon addition of
// acetone, the NCs lost colloidal stability and were collected by centrifugation", "lost colloidal
// stability in methanol, which enabled their precipitation" (review 13b, R3). "... and could not be
// redispersed" and a loss after a ligand exchange stay failures.
bool antisolvent_step(std::string_view before, std::string_view rest) {
  for (std::string_view w : {"antisolvent"sv, "anti-solvent"sv, "nonsolvent"sv, "non-solvent"sv}) {
    if (before.find(w) != std::string_view::npos) return true;
  }
  for (std::string_view w : {"collected"sv, "centrifug"sv, "isolated"sv, "washed"sv, "purif"sv}) {
    const size_t at = rest.find(w);
    if (at != std::string_view::npos && !holds_negation(rest.substr(0, at))) return true;
  }
  if (const size_t at = rest.find("precipitation"); at != std::string_view::npos) {
    for (std::string_view w : {"enabl"sv, "allow"sv, "induc"sv, "permit"sv, "facilitat"sv}) {
      if (rest.substr(0, at).find(w) != std::string_view::npos) return true;
    }
  }
  return false;
}

// Whether a sentence places a decomposition in a characterisation: "The NCs decomposed at 400 °C
// during TGA", "decomposed under electron beam irradiation during TEM imaging". Damage by the
// measurement is no failed synthesis (review 13b, R4); "decomposed within minutes at 280 °C" is one.
bool characterisation_damage(std::string_view sentence) {
  for (std::string_view w : {"during tga"sv, "during the tga"sv, "in the tga"sv, "during dsc"sv, "thermogravimetr"sv,
                             "thermal analysis"sv, "electron beam"sv, "e-beam"sv, "under the beam"sv,
                             "during tem"sv, "during the tem"sv, "during sem"sv, "during imaging"sv,
                             "during the imaging"sv, "during xps"sv, "during the measurement"sv,
                             "during measurement"sv, "during characteri"sv}) {
    if (sentence.find(w) != std::string_view::npos) return true;
  }
  return false;
}

bool failure_in_context(std::string_view before, std::string_view cue, size_t cue_len, std::string_view tail) {
  // Undesired results of a synthesis, for "aggregation was not observed" (the subject before the
  // cue) and "did not lead to aggregation" (the object after it).
  static constexpr std::string_view kUndesired[] = {
      "aggregat"sv, "agglomerat"sv, "precipitat"sv, "coalescen"sv, "ripening"sv, "broadening"sv, "polydispers"sv,
      "degradation"sv, "decomposition"sv, "quenching"sv, "impurit"sv, "byproduct"sv, "by-product"sv,
      "side product"sv, "side reaction"sv, "secondary phase"sv, "phase separation"sv, "change"sv, "loss"sv,
      "etching"sv, "dissolution"sv, "oxidation"sv, "sintering"sv, "fusion"sv, "defects"sv, "damage"sv,
      "flocculation"sv, "sedimentation"sv, "bulk"sv};
  // The sentence's clause after the match, up to a comma.
  const std::string_view clause_rest = tail.substr(0, tail.find(','));
  // "The PL was quenched by methyl viologen": a quenching experiment, not a damaged product.
  if (cue.substr(0, cue_len).ends_with("quenched") && tail.starts_with(" by ")) return true;
  if (before.starts_with("if ") || before.find(" if ") != std::string_view::npos ||
      before.find("whether") != std::string_view::npos) {
    return true;
  }
  // "conditions under which the synthesis fails", "cases in which the reaction fails": a relative
  // clause that names the conditions of a failure in general, not a failure this work reports
  // (review 8, D9). The subject is at most an article after "<preposition> which".
  {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view art : {" the"sv, " a"sv, " this"sv, " our"sv}) {
      if (b.ends_with(art)) {
        b.remove_suffix(art.size());
        break;
      }
    }
    for (std::string_view rel : {" under which"sv, " in which"sv, " at which"sv, " for which"sv, " beyond which"sv,
                                 " below which"sv, " above which"sv, " where"sv}) {
      if (b.ends_with(rel)) return true;
    }
  }
  for (std::string_view w : {"unlike "sv, "in contrast to"sv, "contrary to"sv, "as opposed to"sv, "compared with"sv,
                             "compared to"sv, "in comparison"sv}) {
    if (before.find(w) == std::string_view::npos) continue;
    size_t comma = tail.find(", ");
    if (comma == std::string_view::npos) break;
    std::string_view main = tail.substr(comma + 2);
    for (std::string_view own : {"our "sv, "we "sv, "here"sv, "in this work"sv, "in our"sv, "the present"sv}) {
      if (main.starts_with(own)) return true;
    }
    break;
  }
  // A reference sample the product is compared with ("unlike the bare cores, which were not
  // emissive"), and a state undone later in the sentence ("... but recovered after OA treatment").
  if (ComparedSide c = compared_side(before, tail); c.found && reference_side(c.side, cue.substr(0, cue_len))) {
    return true;
  }
  if (recovered_after(tail)) return true;
  // Only for cues that start at their verb, with the subject before them.
  for (std::string_view verb : {"could not"sv, "was not"sv, "were not"sv, "is not"sv, "are not"sv, "fail"sv,
                                "did not"sv, "does not"sv}) {
    if (cue.starts_with(verb)) {
      if (abstract_object(before, cue.substr(std::min(cue_len, cue.size())))) return true;
      break;
    }
  }
  for (std::string_view other : {"conventional method"sv, "conventional route"sv, "conventional synthes"sv,
                                 "traditional method"sv, "traditional route"sv, "other method"sv, "other route"sv,
                                 "existing method"sv, "previous method"sv, "reported method"sv}) {
    if (clause_rest.find(other) != std::string_view::npos) return true;
  }
  {
    std::string_view r = tail;
    while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
    for (std::string_view neg : {"was not "sv, "were not "sv, "is not "sv, "are not "sv, "was never "sv,
                                 "were never "sv, "could not be "sv, "was absent"sv, "were absent"sv}) {
      if (r.starts_with(neg)) return true;
    }
  }
  if (cue.starts_with("was not") || cue.starts_with("were not")) {
    std::string_view subject = before.substr(before.size() > 30 ? before.size() - 30 : 0);
    for (std::string_view bad : kUndesired) {
      if (subject.find(bad) != std::string_view::npos) return true;
    }
    // "a broad size distribution was not observed": "broad" counts only before the cue (the list
    // after "did not" never had it).
    if (subject.find("broad") != std::string_view::npos) return true;
  }
  if (cue.substr(0, cue_len).find("ggregat") != std::string_view::npos ||
      cue.substr(0, cue_len).find("gglomerat") != std::string_view::npos) {
    bool then = false;
    for (std::string_view w : {", so "sv, " so they"sv, " so that"sv, "therefore"sv, " thus "sv, ", then "sv,
                               "and were then"sv, "which were then"sv}) {
      then |= tail.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {"wash"sv, "redispers"sv, "re-dispers"sv, "sonicat"sv, "filter"sv, "centrifug"sv,
                               "discard"sv, "removed"sv}) {
      if (then && tail.find(w) != std::string_view::npos) return true;
    }
  }
  std::string_view b = before;
  // Articles and "any" between a negation and the cue: "rather than a broad size distribution".
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view det : {" a"sv, " an"sv, " the"sv, " any"sv}) {
      if (b.ends_with(det)) {
        b.remove_suffix(det.size());
        trimmed = true;
        break;
      }
    }
  }
  for (std::string_view neg : {" not"sv, "n't"sv, " non"sv, " never"sv, " nor"sv, " rather than"sv, " instead of"sv,
                               " less"sv, " neither"sv, " without"sv, " no"sv, " none of"sv, " rarely"sv, " seldom"sv,
                               " avoid"sv, " avoids"sv, " avoided"sv, " avoiding"sv, " prevent"sv, " prevents"sv, " little"sv,
                               " negligible"sv, " minimal"sv, " slight"sv, " hardly"sv, " barely"sv,
                               " prevented"sv, " preventing"sv, " suppress"sv, " suppressed"sv, " suppressing"sv,
                               " free of"sv}) {
    if (b.ends_with(neg) || b == neg.substr(1)) return true;
  }
  if (b.ends_with(" non-") || b.ends_with(" not-") || b == "non-" || b == "not-") return true;
  // "do not show a broad size distribution", "did not exhibit any aggregation": up to three verbs
  // of showing or causing between the negation and the cue.
  {
    std::string_view m = b;
    for (int words = 0; words < 3; ++words) {
      size_t sp = m.rfind(' ');
      std::string_view w = sp == std::string_view::npos ? m : m.substr(sp + 1);
      if (w == "not" || w == "never" || w == "no" || w.ends_with("n't")) {
        if (words > 0) return true;
        break;
      }
      if (!one_of(w, {"show", "shows", "showed", "shown", "exhibit", "exhibits", "exhibited", "display",
                      "displays", "displayed", "have", "has", "had", "give", "gives", "gave", "yield", "yields",
                      "yielded", "produce", "produces", "produced", "cause", "causes", "caused", "observe",
                      "observed", "see", "find", "found", "reveal", "revealed", "suffer", "suffered", "from",
                      "lead", "led", "to", "result", "resulted", "in", "undergo", "underwent", "become", "became",
                      "appear", "appeared", "seem", "seemed", "possess", "possessed", "present", "any"})) {
        break;
      }
      if (sp == std::string_view::npos) break;
      m = m.substr(0, sp);
    }
  }
  // Hedged: a modal right before the cue (one adverb may come between).
  {
    std::string_view m = b;
    for (std::string_view copula : {" be"sv, " become"sv, " have been"sv}) {
      if (m.ends_with(copula)) m.remove_suffix(copula.size());  // "might be polydisperse"
    }
    size_t sp = m.rfind(' ');
    for (int pass = 0; pass < 2; ++pass) {
      for (std::string_view modal : {" may"sv, " might"sv, " could"sv, " would"sv, " can"sv, " will"sv, " should"sv,
                                     " may have"sv, " might have"sv, " could have"sv, " would have"sv,
                                     " likely to"sv, " expected to"sv, " tend to"sv, " tends to"sv}) {
        if (m.ends_with(modal) || m == modal.substr(1)) return true;
      }
      if (sp == std::string_view::npos || !m.substr(sp).ends_with("ly")) break;
      m = m.substr(0, sp);  // "might eventually fail to"
      sp = m.rfind(' ');
    }
  }
  // A control experiment that confirms what a reagent does ("Control experiments without X did not
  // produce nanoplatelets, confirming its role"); a control that only failed still counts ("A
  // control reaction heated only to 220 °C gave no nanocrystals").
  const std::string_view after = cue.substr(std::min(cue_len, cue.size()));
  {
    bool control = false;
    std::string_view clause_after = after.substr(0, after.find_first_of(".;"));
    for (std::string_view w : {"control"sv, "blank"sv, "without"sv, "absence"sv}) {
      control |= before.find(w) != std::string_view::npos || tail.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {"confirming"sv, "confirms"sv, "which confirmed"sv, "demonstrating"sv,
                               "highlighting"sv, "proving"sv, "indicating the role"sv, "indicating the importance"sv,
                               "as expected"sv}) {
      if (control && clause_after.find(w) != std::string_view::npos) return true;
    }
  }
  // "did not lead to aggregation", "never gave any bulk precipitate": a negated undesired result.
  if (cue.starts_with("did not") || cue.starts_with("does not") || cue.starts_with("never")) {
    std::string_view a = after;
    for (bool skipped = true; skipped;) {
      skipped = false;
      while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
      for (std::string_view w : {"any "sv, "a "sv, "an "sv, "the "sv, "significant "sv, "noticeable "sv,
                                 "obvious "sv, "appreciable "sv, "visible "sv, "considerable "sv, "severe "sv,
                                 "much "sv, "substantial "sv, "measurable "sv, "detectable "sv, "further "sv,
                                 "undesired "sv, "unwanted "sv, "irreversible "sv, "particle "sv}) {
        if (a.starts_with(w)) {
          a.remove_prefix(w.size());
          skipped = true;
        }
      }
    }
    for (std::string_view bad : kUndesired) {
      if (a.starts_with(bad)) return true;
    }
  }
  // "The particles were highly aggregated on the TEM grid": the aggregation of a TEM sample or of
  // magnetic particles says nothing about the colloid.
  if (cue.substr(0, cue_len).find("aggregat") != std::string_view::npos ||
      cue.substr(0, cue_len).find("agglomerat") != std::string_view::npos) {
    std::string_view near = after.substr(0, std::min<size_t>(after.size(), 40));
    for (std::string_view w : {"grid"sv, "drying"sv, "dried"sv, "magnetic"sv, "tem "sv, "evaporation"sv, "mill"sv,
                               "ground"sv, "grind"sv}) {
      if (near.find(w) != std::string_view::npos) return true;
    }
    // "The calcined powders were strongly agglomerated": agglomerates of a ceramic powder are its
    // usual state (they are milled), not a failed colloid.
    for (std::string_view w : {"powder"sv, "calcin"sv, "sinter"sv, "anneal"sv}) {
      if (before.find(w) != std::string_view::npos) return true;
    }
  }
  // "Polydisperse samples were discarded", "a broad size distribution, narrowed by size-selective
  // precipitation": the spread was removed from the product.
  if (cue.starts_with("polydispers") || cue.find("distribution") < cue_len) {
    std::string_view near = after.substr(0, std::min<size_t>(after.size(), 60));
    for (std::string_view w : {"discard"sv, "removed"sv, "size-selective"sv, "size selective"sv, "excluded"sv,
                               "separated"sv, "rejected"sv, "narrowed"sv, "size selection"sv, "size-selected"sv}) {
      const size_t at = near.find(w);
      if (at != std::string_view::npos && !holds_negation(near.substr(0, at))) return true;
    }
    // "After size-selective precipitation, the broad size distribution was narrowed".
    for (std::string_view w : {"size-selective"sv, "size selective"sv, "size selection"sv, "size-selected"sv}) {
      if (before.find(w) != std::string_view::npos) return true;
    }
    // A general statement: "Ostwald ripening typically leads to a broad size distribution".
    for (std::string_view w : {"typically"sv, "generally"sv, "usually"sv, "commonly"sv, "often"sv, "ripening"sv,
                               "in general"sv}) {
      if (before.find(w) != std::string_view::npos) return true;
    }
  }
  // "not emissive in the NIR range beyond 1600 nm": no emission in a spectral range is a property
  // of the product, not a dark one (review 12b, R3).
  if (no_emission_cue(cue.substr(0, cue_len)) && spectral_range(clause_rest)) return true;
  // "..., otherwise aggregation occurred": a counterfactual, like the modal "Otherwise, the NCs
  // would be polydisperse" above (review 12b, R4); "under otherwise identical conditions" is none.
  if (counterfactual(before)) return true;
  // "Syntheses in air failed in earlier reports [5]": prior work named after the cue (review 12b, R5).
  if (cites_earlier_work(clause_rest)) return true;
  for (std::string_view earlier : kEarlierWork) {
    size_t at = before.find(earlier);
    if (at == std::string_view::npos) continue;
    // The failure is still this work's when the sentence sets it against the earlier work or follows
    // it: "In contrast to previous reports, our attempts failed", "Following previous reports, ...,
    // but the reaction failed", "Using the method reported by Peng et al., we obtained polydisperse".
    // A name stands between the lead word and "et al" ("Following the method of Peng et al.").
    const size_t reach = earlier == "et al" ? 48 : 24;
    std::string_view lead = before.substr(at > reach ? at - reach : 0, at > reach ? reach : at);
    std::string_view rest = before.substr(at + earlier.size());
    bool own = false;
    for (std::string_view w : {"unlike"sv, "contrast"sv, "contrary"sv, "following"sv, "using"sv, "based on"sv,
                               "according to"sv, "adapted"sv, "modified"sv, "as in"sv}) {
      own |= lead.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {" our "sv, " we "sv, " but "sv, "however"sv, "whereas"sv, " here"sv, "this work"sv,
                               "in this study"sv, "present"sv}) {
      own |= rest.find(w) != std::string_view::npos;
    }
    if (!own) return true;
  }
  // "The NCs aggregated into ordered superlattices", "the particles agglomerated on the TEM grid":
  // an assembly, or an artefact of preparing the sample for microscopy, not a failed synthesis.
  if (size_t verb = cue.find("ggregated"); verb != std::string_view::npos || cue.find("gglomerated") != std::string_view::npos) {
    if (verb == std::string_view::npos) verb = cue.find("gglomerated");
    std::string_view rest = cue.substr(verb);
    for (std::string_view w : {"superlattice"sv, "ordered"sv, "assembl"sv, "array"sv, " tem "sv, "grid"sv, "drying"sv,
                               "sample preparation"sv, "evaporat"sv}) {
      if (rest.find(w) != std::string_view::npos) return true;
    }
  }
  if (negated_failed(cue.substr(0, cue_len))) return true;
  if (cue.starts_with("pl") || cue.starts_with("qy") || cue.starts_with("quantum yield")) {
    if (minor_drop(cue.substr(0, cue_len))) return true;
  }
  if (cue.starts_with("fail")) {
    size_t to = cue.find(" to ");
    if (to != std::string_view::npos && to < 8) {
      std::string_view verb = cue.substr(to + 4);
      // "fails to correctly analyze the impedance data": an analysis, no synthesis, failed.
      if (analysis_verb(verb)) return true;
      bool observe = false;
      for (std::string_view v : {"observe"sv, "detect"sv, "see "sv, "notice"sv, "find"sv, "identify"sv, "measure"sv}) {
        observe |= verb.starts_with(v);
      }
      if (observe) {
        for (std::string_view product : {"crystal"sv, "particle"sv, "product"sv, "precipitate"sv, " ncs"sv, " qds"sv,
                                         " nps"sv, "solid"sv}) {
          if (verb.find(product) != std::string_view::npos) return false;
        }
        return true;
      }
    }
  }
  const std::string_view match = cue.substr(0, std::min(cue_len, cue.size()));
  // "Attempts to fit the XRD data with a single phase failed", "... to reproduce the impedance data
  // were unsuccessful" (the attempt before the cue): an analysis, as "fails to fit" above.
  {
    std::string_view attempt = match;
    if (!match.starts_with("attempt")) {
      const size_t at = before.rfind("attempt");
      attempt = at == std::string_view::npos ? std::string_view() : before.substr(at);
      if (attempt.size() > 100 || attempt.find(", ") != std::string_view::npos ||
          attempt.find(" that ") != std::string_view::npos) {
        attempt = {};
      }
    }
    const size_t to = attempt.find(" to ");
    if (to != std::string_view::npos && to < 12 && (analysis_verb(attempt.substr(to + 4)) || attempt_on_data(attempt))) {
      return true;
    }
  }
  if (workup_or_uptake_place(tail)) return true;
  if (match.find("colloidal stability") != std::string_view::npos && antisolvent_step(before, tail)) return true;
  if ((match.find("decompos") != std::string_view::npos || match.find("degrad") != std::string_view::npos) &&
      (characterisation_damage(before) || characterisation_damage(tail))) {
    return true;
  }
  // "The route was abandoned in favour of the hot-injection method": a choice, no failure (review 13b, D7).
  if (clause_rest.find("in favour of") != std::string_view::npos || clause_rest.find("in favor of") != std::string_view::npos) {
    return true;
  }
  return false;
}

// The length of a failure match without a trailing preposition that a cue needs as context but
// that ends no phrase: "NCs degraded within" → "NCs degraded" (review 12b, R12).
size_t span_without_preposition(std::string_view match) {
  std::string_view m = match;
  while (!m.empty() && m.back() == ' ') m.remove_suffix(1);
  // A cue that ends at its clause's punctuation or "and" ("were less successful:", "gave no PL and")
  // ends before it.
  if (!m.empty() && (m.back() == ',' || m.back() == ';' || m.back() == ':' || m.back() == '.')) {
    m.remove_suffix(1);
    while (!m.empty() && m.back() == ' ') m.remove_suffix(1);
    return m.size();
  }
  if (m.ends_with(" and"sv)) return m.size() - 4;
  for (std::string_view p : {" within"sv, " after"sv, " in"sv, " over"sv, " upon"sv, " during"sv, " under"sv, " on"sv}) {
    if (m.ends_with(p)) {
      m.remove_suffix(p.size());
      while (!m.empty() && m.back() == ' ') m.remove_suffix(1);
      return m.size();
    }
  }
  return match.size();
}

// What a failure that passed failure_in_context says about the paragraph's status. A failure is
// always an entity (a reported failed attempt), but the status is the paragraph's: an ablation or
// control ("without seeds", "in the absence of Ag+", "control") is a variant of the synthesis and
// fails the paragraph only when the paragraph reports no success elsewhere; a partial or transient
// failure ("The first two attempts failed, but the third gave ...", "No nanorods formed unless AgNO3
// was added") never fails it. A failure under an 'if' condition after the cue ("Phase-pure CsPbI3 NCs
// could not be obtained if the reaction was run above 200 °C", kCondition) is a variant's: it fails
// no paragraph, but the product of its sentence is then no success either (review 13b, R6).
enum class FailureScope { kParagraph, kAblation, kPartial, kCondition };

// Whether a failure cue is a concessive side remark on a synthesis that its sentence calls a success:
// "The synthesis was largely successful, although some aggregation was observed at the highest
// concentration", "Although some aggregation occurred, the synthesis was successful" (review 13, D20).
bool concessive_remark(std::string_view before, std::string_view rest) {
  auto reports_success = [](std::string_view clause) {
    if (holds_negation(clause) || clause.find("unsuccessful") != std::string_view::npos ||
        clause.find("less successful") != std::string_view::npos) {
      return false;
    }
    for (std::string_view w : {"successful"sv, "succeeded"sv, " worked"sv, "monodisperse"sv, "well-defined"sv,
                               "high-quality"sv, "high quality"sv}) {
      if (clause.find(w) != std::string_view::npos) return true;
    }
    return false;
  };
  for (std::string_view c : {", although "sv, ", though "sv, ", albeit "sv, ", even though "sv}) {
    if (size_t at = before.rfind(c); at != std::string_view::npos) return reports_success(before.substr(0, at));
  }
  for (std::string_view c : {"although "sv, "though "sv, "even though "sv, "despite "sv}) {
    if (!before.starts_with(c)) continue;
    const size_t comma = rest.find(", ");
    return comma != std::string_view::npos && reports_success(rest.substr(comma + 1));
  }
  return false;
}

FailureScope failure_scope(std::string_view before, std::string_view rest) {
  if (concessive_remark(before, rest)) return FailureScope::kPartial;
  const std::string_view clause = rest.substr(0, rest.find(','));
  for (std::string_view w : {"unless"sv, "only when"sv, "only if"sv, "only after"sv, "only in the presence"sv, " until "sv}) {
    if (clause.find(w) != std::string_view::npos) return FailureScope::kPartial;
  }
  for (std::string_view contrast : {", but "sv, " but the "sv, ", however"sv, ", yet "sv, ", although "sv}) {
    size_t at = rest.find(contrast);
    if (at == std::string_view::npos) continue;
    std::string_view other = rest.substr(at + contrast.size());
    bool negated = false;
    for (std::string_view w : {" no "sv, " not "sv, "n't"sv, "never"sv, "fail"sv, "unsuccessful"sv}) {
      negated |= other.find(w) != std::string_view::npos;
    }
    if (negated) break;
    for (std::string_view w : {" gave"sv, " yielded"sv, " produced"sv, " obtained"sv, " formed"sv, " grew"sv,
                               " afforded"sv, " succeeded"sv, "successful"sv, "monodisperse"sv, "uniform"sv,
                               " worked"sv}) {
      if (other.find(w) != std::string_view::npos) return FailureScope::kPartial;
    }
    break;
  }
  // A sample set against one that worked: "The reaction at 250 °C gave NCs, whereas the reaction at
  // 200 °C failed" (the failing one in the subordinate clause; in the main clause it is this work's).
  if (compared_side(before, rest).subordinate) return FailureScope::kPartial;
  for (std::string_view w : {"without"sv, "absence of"sv, "control"sv, "blank"sv, "omitt"sv, "omission"sv}) {
    if (before.find(w) != std::string_view::npos || rest.find(w) != std::string_view::npos) {
      return FailureScope::kAblation;
    }
  }
  // "could not be obtained if the sample was fired only in air": a variant's failure under a condition
  // (kCondition); after the ablation words, as "could not be obtained if OAm was omitted" is one.
  if (clause.find(" if ") != std::string_view::npos) return FailureScope::kCondition;
  return FailureScope::kParagraph;
}

// Whether `span` (lower-cased) holds a clause boundary: a semicolon, or a comma before a relative
// or contrasting clause ("which were obtained", "in agreement with", "whereas").
bool clause_break(std::string_view span) {
  if (span.find(';') != std::string_view::npos) return true;
  for (size_t c = span.find(", "); c != std::string_view::npos; c = span.find(", ", c + 1)) {
    std::string_view next = span.substr(c + 2);
    for (std::string_view w : {"which "sv, "where "sv, "whereas "sv, "while "sv, "but "sv, "although "sv,
                               "though "sv, "in agreement"sv, "in line"sv, "consistent "sv, "as confirmed"sv,
                               "as measured"sv, "and the "sv, "and this "sv, "and these "sv}) {
      if (next.starts_with(w)) return true;
    }
  }
  return false;
}

// Whether the bytes between two values join them as items of one list: "5, 10 and 20 nm", "5 or
// 10 nm" (callers that take fewer joins test those apart).
bool list_gap(std::string_view gap) {
  return gap == " and " || gap == ", " || gap == ", and " || gap == "," || gap == " or ";
}

// Whether a size at [at, end) measures seeds that the sentence adds as a reagent: "Au seeds (5 nm,
// 0.1 mL) were added", "5 nm Au seeds were injected". The seeds are an input of the growth, their
// size no outcome of it (rev8c-5); "Au seeds (5 nm) were obtained" still reports one.
bool seed_input_size(std::string_view folded, size_t ss, size_t at, size_t end) {
  std::string_view before = folded.substr(ss, at - ss);
  std::string_view after = folded.substr(end, std::min<size_t>(folded.size() - end, 160));
  if (size_t stop = after.find(". "); stop != std::string_view::npos) after = after.substr(0, stop);
  std::string_view near_before = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  std::string_view near_after = after.substr(0, std::min<size_t>(after.size(), 16));
  bool seeds = near_before.find("seed") != std::string_view::npos || near_after.find("seed") != std::string_view::npos;
  if (!seeds || near_after.find("seed solution") != std::string_view::npos) return false;
  for (std::string_view verb : {" added"sv, " injected"sv, " introduced"sv, " used"sv, " mixed"sv, " dispersed"sv}) {
    if (before.find(verb) != std::string_view::npos || after.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the outcome at byte `at` of `folded` (lower-cased text) follows, in its sentence (from
// byte `ss`), a modal before a verb of making or failing: "might fail to produce", "may yield",
// "would give", "should form", "could fail to". A hypothetical or hedged result is no reported one.
bool hedged_outcome(std::string_view folded, size_t ss, size_t at) {
  std::string_view s = folded.substr(ss, at - ss);
  for (std::string_view modal : {"might "sv, "may "sv, "would "sv, "should "sv, "could "sv}) {
    for (size_t p = s.find(modal); p != std::string_view::npos; p = s.find(modal, p + 1)) {
      if (p > 0 && is_alpha(s[p - 1])) continue;
      std::string_view rest = s.substr(p + modal.size());
      // The hedge covers its own clause only: "should give a PLQY of 80%, in agreement with the
      // measured PLQY of 78%", "may yield 6 nm nanocubes, which were obtained in 85% yield" report a
      // result after the clause boundary (review 8b, R5).
      if (clause_break(rest)) continue;
      if (rest.starts_with("not ")) rest.remove_prefix(4);
      if (rest.starts_with("also ")) rest.remove_prefix(5);
      const bool fails = rest.starts_with("fail");
      if (modal == "could "sv && !fails) continue;
      for (std::string_view verb : {"fail"sv, "produce"sv, "give"sv, "yield"sv, "form"sv, "result in"sv, "lead to"sv,
                                    "grow"sv, "generate"sv, "afford"sv}) {
        if (rest.starts_with(verb)) return true;
      }
    }
  }
  return false;
}

// Whether the phase word at tokens [i, last] is negated: after a negation ("no amorphous phase",
// "without any secondary rutile phase", "free of the anatase phase", "absence of an amorphous
// phase", "no trace of the hexagonal phase", "no evidence of a rutile phase"), after a transformation
// that did not happen ("did not transform to rutile", "was not converted into anatase"), or before
// a verb that says it is missing ("The wurtzite phase was absent", "... was not detected").
bool phase_negated(const TokenView& view, size_t i, size_t last) {
  // "was not formed until 800 °C", "did not transform to rutile until 900 °C": a negation bounded by
  // a temperature or a time says when the phase appeared, not that it is missing (review 8b, R4).
  auto bounded = [&](size_t from) {
    for (size_t j = from; j < view.tokens.size() && j < from + 3; ++j) {
      if (one_of(view.folded[j], {"until", "till", "before", "below"})) return true;
    }
    return false;
  };
  size_t k = i;
  for (int skipped = 0; k > 0 && skipped < 3; ++skipped) {
    std::string_view w = view.folded[k - 1];
    if (!one_of(w, {"any", "a", "an", "the", "detectable", "obvious", "additional", "secondary", "impurity",
                    "crystalline", "separate", "other"})) {
      break;
    }
    --k;
  }
  if (k > 0) {
    std::string_view w = view.folded[k - 1];
    if (w == "no" || w == "without" || w == "nor") return true;
    if (k >= 2 && w == "of") {
      std::string_view n = view.folded[k - 2];
      if (n == "free" || n == "absence") return true;
      // "no trace of", "without any evidence of", "no signs of", "no indication of"
      if (k >= 3 && one_of(n, {"trace", "traces", "evidence", "sign", "signs", "indication", "peaks", "reflections"})) {
        std::string_view d = view.folded[k - 3];
        if (d == "any" && k >= 4) d = view.folded[k - 4];
        if (d == "no" || d == "without") return true;
      }
    }
    // "did not transform to rutile", "was not converted into anatase", "never transformed to".
    if ((w == "to" || w == "into") && k >= 3) {
      std::string_view v = view.folded[k - 2];
      if (v.starts_with("transform") || v.starts_with("convert")) {
        std::string_view n = view.folded[k - 3];
        if (n == "be" && k >= 4) n = view.folded[k - 4];
        if ((n == "not" || n == "never" || n == "no" || n == "n't") && !bounded(last + 1)) return true;
      }
    }
  }
  // "The wurtzite phase was absent", "the rutile phase was not detected".
  size_t a = last + 1;
  if (a < view.tokens.size() && one_of(view.folded[a], {"phase", "structure", "peaks", "reflections"})) ++a;
  if (a + 1 < view.tokens.size() && one_of(view.folded[a], {"was", "were", "is", "are"})) {
    ++a;
    if (a + 1 < view.tokens.size() && one_of(view.folded[a], {"completely", "totally", "entirely", "clearly"})) ++a;
    std::string_view w = view.folded[a];
    if (w == "absent") return true;
    if (w == "not" && a + 1 < view.tokens.size() &&
        one_of(view.folded[a + 1], {"detected", "observed", "found", "present", "seen", "formed"})) {
      return !bounded(a + 2);
    }
  }
  return false;
}

// "OAm (50% OA)", "Pt/C (20 wt% Pt)": a percentage in a bracket after a material that is followed
// at once by another material is that material's share in the first (a composition), not the
// first one's purity or share (session 10).
[[gnu::noinline]] bool fraction_of_next(const Raw& amount, int forward_link, const std::vector<MaterialMention>& mats,
                                        std::string_view text) {
  if (forward_link < 0 || amount.e.quantity != "fraction") return false;
  size_t next = mats[forward_link].begin;
  return next > amount.end && next - amount.end <= 1 && text[amount.end] == ' ';
}

// "Combined with TEM, the XRD shows", "Combining these results": a sentence that opens with the word
// joins findings; "the combined organics", "the combined effect" is an adjective and "a
// combination of melting and annealing" a noun (MSP: a descriptor, no step). Only "were combined in
// a flask", "we combined the solutions" mix (session 10). Token `i` starts with "combin".
[[gnu::noinline]] bool combine_not_a_step(const TokenView& view, size_t i) {
  std::string_view w = view.folded[i];
  if (w.starts_with("combination")) return true;
  if (i == 0) return true;
  std::string_view gap = view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end);
  if (gap.find('.') != std::string_view::npos || gap.find('\n') != std::string_view::npos) return true;
  return w == "combined" && one_of(view.folded[i - 1], {"the", "a", "an", "these", "those", "all", "our", "their",
                                                         "its", "this", "each"});
}

// Element names are normalized to their symbols ("copper" → Cu, session 10), but a paper that
// switches from the name to the symbol names the metal in another use as often as not ("grown on
// copper foils ... the Cu foils were annealed", MSP: other, then precursor), so for the repeat rule
// a symbol and a written name of one element stay apart, as they did before. True for any two
// mentions whose normalized name is no element symbol.
[[gnu::noinline]] bool same_element_spelling(std::string_view text, const MaterialMention& a,
                                             const MaterialMention& b) {
  if (a.normalized.size() > 2 || a.normalized.empty() || !is_upper(a.normalized[0])) return true;
  auto symbol_written = [&](const MaterialMention& m) {
    std::string_view t = text.substr(m.begin, m.end - m.begin);
    return t.substr(0, t.find(' ')).size() <= 2;
  };
  return symbol_written(a) == symbol_written(b);
}

// "hexagonal Ag nanoplates", "hexagonal CdSe platelets": before a flat shape word within the next
// three tokens "hexagonal" describes the outline of the plates, not the crystal system (session 10).
[[gnu::noinline]] bool hexagonal_plate_outline(const TokenView& view, size_t i) {
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 3; ++k) {
    std::string_view w = view.folded[k];
    if (w.ends_with('s')) w.remove_suffix(1);
    if (w.ends_with("plate") || w.ends_with("platelet") || w.ends_with("sheet") || w.ends_with("prism") ||
        w.ends_with("disk") || w.ends_with("disc") || w.ends_with("flake")) {
      return true;
    }
  }
  return false;
}

// Whether a Greek polymorph label and a phase noun follow token `i`: "cubic α-phase", "the cubic
// α phase", "cubic γ-structure" (perovskite papers name the CsPbI3 polymorphs so).
bool greek_phase_after(const TokenView& view, size_t i) {
  if (i + 1 >= view.tokens.size()) return false;
  std::string_view w = view.folded[i + 1];
  const auto lead = static_cast<unsigned char>(w.empty() ? 0 : w[0]);
  if (w.size() < 2 || (lead != 0xCE && lead != 0xCF)) return false;  // U+0391..U+03C9
  w.remove_prefix(2);
  if (w.empty() && i + 2 < view.tokens.size()) {
    w = view.folded[i + 2];
  } else if (w.starts_with('-')) {
    w.remove_prefix(1);
  } else {
    return false;
  }
  return w == "phase" || w == "phases" || w == "structure";
}

// Whether token i follows a material mention written with a Greek polymorph prefix ("α-NaYF4
// cubic nanocrystals", "β-NaYF4 hexagonal plates"): a crystal-system adjective there names the
// polymorph's phase, not a shape (review 13, D52).
bool polymorph_before(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  if (i == 0 || !in_material[i - 1] || view.tokens[i].begin != view.tokens[i - 1].end + 1) return false;
  size_t b = i - 1;
  while (b > 0 && in_material[b - 1] && view.tokens[b].begin == view.tokens[b - 1].end) --b;
  std::string_view w = view.text.substr(view.tokens[b].begin, view.tokens[i - 1].end - view.tokens[b].begin);
  const auto lead = static_cast<unsigned char>(w.empty() ? 0 : w[0]);
  return w.size() > 3 && (lead == 0xCE || lead == 0xCF) && (w[2] == '-' || w.substr(2, 3) == "\u2010");
}

// "cubic CdSe", "cubic CsPbI3 NCs", "hexagonal wurtzite CdS": a crystal-system adjective right
// before a material mention (or before a phase noun, which has its own entity) is a phase. Alone,
// "cubic" and "hexagonal" are shapes or lattice words, so only these contexts count.
void phase_before_material(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material,
                           std::vector<Raw>* raws) {
  std::string_view w = view.folded[i];
  // By length first: this runs for every token that starts no lexicon phrase.
  switch (w.size()) {
    case 5: if (w != "cubic") return; break;
    case 9: if (w != "hexagonal") return; break;
    case 10: if (w != "tetragonal" && w != "monoclinic") return; break;
    case 12: if (w != "orthorhombic") return; break;
    default: return;
  }
  // "the hexagonal (β) phase", "cubic (α) structure": a bracketed label between adjective and noun.
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 4; ++k) {
    std::string_view gap = view.text.substr(view.tokens[i].end, view.tokens[k].begin - view.tokens[i].end);
    // (Up to 24 bytes: a mineral name, "hexagonal (djurleite) structure".)
    if (gap.size() > 24 || gap.find(')') == std::string_view::npos) continue;
    if (gap.substr(0, 2) != " (" || !gap.ends_with(") ")) break;
    if (view.folded[k] == "phase" || view.folded[k] == "phases" || view.folded[k] == "structure") {
      Raw& r = raws->emplace_back();
      r.begin = view.tokens[i].begin;
      r.end = view.tokens[i].end;
      r.e.type = "phase";
      r.e.normalized = std::string(w);
      return;
    }
    break;
  }
  const bool polymorph = polymorph_before(view, i, in_material);
  if (!polymorph && (i + 1 >= view.tokens.size() || view.tokens[i + 1].begin != view.tokens[i].end + 1)) return;
  std::string_view next = polymorph ? std::string_view() : view.folded[i + 1];
  if (!polymorph && !in_material[i + 1] && !greek_phase_after(view, i) && next != "wurtzite" && next != "zinc" &&
      next != "zincblende" && next != "zinc-blende" &&
      next != "rock" && next != "rocksalt" && next != "rock-salt") {
    return;
  }
  if (!polymorph && w.size() == 9 && in_material[i + 1] && hexagonal_plate_outline(view, i)) return;
  Raw& r = raws->emplace_back();
  r.begin = view.tokens[i].begin;
  r.end = view.tokens[i].end;
  r.e.type = "phase";
  r.e.normalized = std::string(w);
}

// "a N2-filled glovebox", "an argon-purged flask": the gas written into one hyphenated word with
// the vessel's state. The part before the hyphen is looked up in the atmospheres lexicon on its own.
void filled_atmosphere(const TokenView& view, size_t i, const ValueLexicon& atmospheres, std::vector<Raw>* raws) {
  std::string_view w = view.folded[i];
  if (w.size() < 8 || w.back() != 'd') return;  // every state below ends in "d": most tokens stop here
  size_t dash = w.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return;
  std::string_view state = w.substr(dash + 1);
  if (state != "filled" && state != "purged" && state != "protected" && state != "flushed") return;
  std::string_view gas = view.raw(i).substr(0, dash);  // folding keeps ASCII lengths; gases are ASCII
  if (w.size() != view.raw(i).size()) return;
  TokenView part(gas);
  if (part.tokens.size() != 1) return;
  auto m = atmospheres.matcher.match(part, 0);
  if (m.entry < 0 || atmospheres.values[m.entry] == "inert") return;
  Raw& r = raws->emplace_back();
  r.begin = view.tokens[i].begin;
  r.end = r.begin + gas.size();
  r.e.type = "atmosphere";
  r.e.normalized = atmospheres.values[m.entry];
}

// A word before an operation that names its technique, not its manner: "thermally treated", "hot
// pressed", "ball milling", "freeze drying", "furnace cooled" ("slowly added", "vigorously stirred"
// are manners). Token `k` must be followed by the operation word after one space.
bool technique_modifier(const TokenView& view, size_t k) {
  if (!one_of(view.folded[k], {"thermally", "ultrasonically", "hydrothermally", "solvothermally", "isostatically", "hot",
                               "vacuum", "freeze", "heat", "ball", "furnace", "ultrasonic", "hydrothermal",
                               "solvothermal"})) {
    return false;
  }
  std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
  return gap == " ";
}

// The operation a technique word names, for a vague verb after it ("treated", "processed"):
// "other" when it names none of the labels.
std::string_view technique_operation(std::string_view technique) {
  if (technique == "heat" || technique == "thermally") return "heating";
  if (technique.starts_with("hydrothermal") || technique.starts_with("solvothermal")) return "reaction";
  if (technique.starts_with("ultrasonic")) return "stirring";
  if (technique == "freeze") return "drying";
  return "other";
}

// Whether the clause before token `i` (at most ten words back, up to a sentence or clause stop)
// names a measurement, so that "used" after it ("SEM was used", "the electrodes used for the
// measurements were") reports an analysis, not a synthesis step (MSP dev-a).
bool measurement_clause(const TokenView& view, size_t i) {
  for (size_t k = i; k-- > 0 && i - k <= 10;) {
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(".;:") != std::string_view::npos) return false;
    std::string_view p = view.folded[k];
    if (p.starts_with("measur") || p.starts_with("analys") || p.starts_with("characteri") ||
        p.ends_with("scopy") || p.ends_with("metry") || p.starts_with("diffract") || p.starts_with("determin") ||
        p.starts_with("calculat") || p.starts_with("simulat") || p.starts_with("comparison") ||
        one_of(p, {"test", "tests", "testing", "xrd", "sem", "tem", "xps", "eis", "ftir", "raman", "tga", "dsc",
                   "bet", "study", "studies", "investigation", "investigations", "analysis"}) ||
        view.raw(k) == "IS") {  // impedance spectroscopy; the verb "is" is no measurement
      return true;
    }
  }
  return false;
}

// "All chemicals were used as received", "X and Y were used as precursors": MSP annotates "used"
// after a form of "be" as a step (dev-a: 20 of 24 such are gold; "is used" is a general statement:
// "a hydrocarbon is used as the fuel"); "the samples used in this study"
// and "SEM was used to characterize" or "was used as the working electrode" name none. The word is
// too general for the lexicon, so its context decides here.
bool used_as_step(const TokenView& view, size_t i) {
  if (view.folded[i] != "used" || i == 0 ||
      !one_of(view.folded[i - 1], {"was", "were", "be", "been", "are", "directly", "also", "then", "and"})) {
    return false;
  }
  if (measurement_clause(view, i)) return false;
  const size_t n = view.tokens.size();
  if (i + 2 < n && view.folded[i + 1] == "to" &&
      (view.folded[i + 2].starts_with("measur") || view.folded[i + 2].starts_with("characteri") ||
       view.folded[i + 2].starts_with("analy") || view.folded[i + 2].starts_with("determin") ||
       view.folded[i + 2].starts_with("record") || view.folded[i + 2].starts_with("estimat") ||
       view.folded[i + 2].starts_with("calculat") || view.folded[i + 2].starts_with("evaluat") ||
       view.folded[i + 2].starts_with("investigat") || view.folded[i + 2].starts_with("stud") ||
       view.folded[i + 2].starts_with("observ") || view.folded[i + 2].starts_with("examin") ||
       view.folded[i + 2].starts_with("monitor") || view.folded[i + 2].starts_with("test"))) {
    return false;
  }
  // "was used as the working electrode", "an Ag/AgCl electrode was used as the reference": a cell part.
  for (size_t k = i + 1; k < n && k <= i + 5; ++k) {
    std::string_view w = view.folded[k];
    if (w.starts_with("electrode") || w == "reference" || w == "standard" || w == "throughout") return false;
  }
  return true;
}

// Whether "bubbling" at token `i` is the observed end of a degassing ("until no further bubbling was
// observed", "until bubbling stopped"): a negation up to two words before, or a stop verb after.
bool bubbling_end_point(const TokenView& view, size_t i) {
  for (size_t k = i; k-- > 0 && i - k <= 2;) {
    if (view.folded[k] == "no") return true;
  }
  return i + 1 < view.tokens.size() &&
         (one_of(view.folded[i + 1], {"stopped", "ceased", "subsided", "disappeared", "ended", "stops", "ceases"}) ||
          (i + 2 < view.tokens.size() && view.folded[i + 1] == "had" &&
           one_of(view.folded[i + 2], {"stopped", "ceased", "subsided", "disappeared", "ended"})));
}

// An operation word that tells what happened to the product, not a step: "Sintering was observed",
// "annealed at 400 °C without melting", "The CuInS2 NCs decomposed", "the band kept growing"
// (review 13, D64). Token `i` matched an operation of the lexicon.
bool outcome_not_step(const TokenView& view, size_t i) {
  const std::string_view w = view.folded[i];
  const size_t n = view.tokens.size();
  auto passive = [&](size_t k) { return k < n && one_of(view.folded[k], {"was", "were", "is", "are", "be", "been"}); };
  if (w.ends_with("ing") || w.ends_with("ion")) {
    if (passive(i + 1) && i + 2 < n &&
        one_of(view.folded[i + 2], {"observed", "detected", "evident", "seen", "noticed", "apparent", "visible"})) {
      return true;
    }
    // Unwanted changes of the product ("the reaction took place at 180 °C" is a step).
    const bool change = one_of(w, {"melting", "sintering", "decomposing", "decomposition", "coarsening"});
    if (change && i + 1 < n && one_of(view.folded[i + 1], {"occurred", "occurs", "took"})) return true;
    if (change && i > 0 && view.folded[i - 1] == "without") return true;
  }
  if (w == "decomposed" && i > 0 &&
      one_of(view.folded[i - 1], {"ncs", "qds", "nps", "npls", "nanocrystals", "nanoparticles", "particles", "dots"})) {
    return true;
  }
  // An active "kept" or "continued" before a verb of change, and that verb: the band changes itself.
  if (one_of(w, {"kept", "continued"}) && i + 1 < n &&
      one_of(view.folded[i + 1], {"growing", "increasing", "decreasing", "rising", "shifting"})) {
    return i == 0 || !passive(i - 1);
  }
  if (w == "growing" && i > 0 && one_of(view.folded[i - 1], {"kept", "continued"})) return i < 2 || !passive(i - 2);
  // Luminescence that is quenched ("The PL was quenched", "PL quenching", "quenching of the
  // emission"): a change of the product's emission, no cooling step ("the reaction was quenched in
  // an ice bath" stays one).
  if (w.starts_with("quench")) {
    auto emission = [&](size_t k) {
      return one_of(view.folded[k], {"pl", "emission", "luminescence", "photoluminescence", "fluorescence"});
    };
    // Within the clause: up to eight words back ("the PL of the PbS QDs was completely quenched"),
    // three ahead ("quenching of the emission"); a ',', ';' or '.' between ends the search.
    auto punct_between = [&](size_t a, size_t b) {  // tokens a < b
      const std::string_view gap = view.text.substr(view.tokens[a].end, view.tokens[b].begin - view.tokens[a].end);
      return gap.find_first_of(",;.") != std::string_view::npos;
    };
    for (size_t k = i; k > 0 && i - k < 8 && !punct_between(k - 1, k);) {
      if (emission(--k)) return true;
    }
    for (size_t k = i + 1; k < n && k <= i + 3 && !punct_between(k - 1, k); ++k) {
      if (emission(k)) return true;
    }
  }
  return false;
}

// "ZnO nanoparticles were precipitated by the addition of KOH", "precipitated with NH4OH": a base or
// precipitant within the next eight words forms the product, so the precipitation is its reaction,
// not a purification ("precipitated by adding ethanol" stays one; review 13, D65).
bool precipitation_forms_product(const TokenView& view, size_t i) {
  if (!view.folded[i].starts_with("precipitat")) return false;
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 8; ++k) {
    if (view.text.substr(view.tokens[k - 1].end, view.tokens[k].begin - view.tokens[k - 1].end).find('.') !=
        std::string_view::npos) {
      break;
    }
    if (one_of(view.folded[k], {"koh", "naoh", "lioh", "nh3", "nh4oh", "ammonia", "hydroxide", "urea", "na2co3",
                                "oxalic", "hmta", "hexamethylenetetramine"})) {
      return true;
    }
  }
  return false;
}

// Operation words that are no operation here: a heating device ("the heating mantle was removed")
// and a temperature that drops by itself ("the temperature dropped to 290 °C after injection";
// "dropped" is otherwise a dropwise addition).
bool apparatus_or_state_change(const TokenView& view, size_t i) {
  std::string_view w = view.folded[i];
  if ((w == "heating" || w == "cooling") && i + 1 < view.tokens.size()) {
    std::string_view next = view.folded[i + 1];
    // "at a heating rate of 5 °C/min": the rate of a step named elsewhere (MSP dev-a: 0 of 4).
    if (next == "rate" || next == "rates") return true;
    return w == "heating" && (next == "mantle" || next == "plate" || next == "tape" || next == "jacket" ||
                              next == "element" || next == "stage" || next == "block" || next == "pad");
  }
  if (w == "autoclave" || w == "autoclaves") return true;  // the vessel ("autoclaved" stays)
  // "..., provided the arcs are well separated", "provided that": a conjunction, not a supplier.
  if (w == "provided" && i + 1 < view.tokens.size() &&
      (view.folded[i + 1] == "that" ||
       (i > 0 && view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end) == ", " &&
        view.folded[i + 1] != "by"))) {
    return true;
  }
  // "In a typical synthesis, ...", "a facile synthesis route": an opener or a method's name, not the
  // step (MSP dev-a: 7 of 8 unannotated; "Synthesis of X:" headings and "the synthesis of X" stay).
  if (w == "synthesis" && ((i > 0 && one_of(view.folded[i - 1], {"typical", "facile", "one-pot"})) ||
                           (i + 1 < view.tokens.size() &&
                            one_of(view.folded[i + 1], {"route", "routes", "method", "methods", "protocol",
                                                        "procedure", "procedures", "catalyst", "catalysts"})))) {
    return true;
  }

  // "Isolated particles were observed", "the isolated yield", "Impregnated samples were calcined",
  // "the furnace was fired up": a participle before its noun (or with "up") names no step.
  if (w == "isolated" || w == "impregnated" || w == "fired") {
    if (i + 1 < view.tokens.size() && view.folded[i + 1] == "up") return true;
    const bool opens = i == 0 || view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end)
                                         .find_first_of(".;:") != std::string_view::npos ||
                       one_of(view.folded[i - 1], {"the", "a", "an", "these", "this", "those", "of", "and"});
    if (opens && i + 1 < view.tokens.size() && view.tokens[i + 1].begin == view.tokens[i].end + 1 &&
        !one_of(view.folded[i + 1], {"by", "with", "in", "at", "from", "and", "or", "for", "to", "on", "into", "under",
                                     "using", "via", "through", "twice", "three", "several", "was", "were"})) {
      return true;
    }
  }
  if (w == "dropped" || w == "drops" || w == "dropping") {
    for (size_t k = i; k-- > 0 && i - k <= 3;) {
      std::string_view p = view.folded[k];
      if (p == "temperature" || p == "temperatures") return true;
      // "their quantum yield dropped below 2%", "the PL intensity dropped by half": a measured
      // property that falls (review 8, D28).
      if (one_of(p, {"yield", "yields", "intensity", "efficiency", "value", "values", "pressure", "conductivity",
                     "absorbance", "plqy", "qy", "signal", "ratio", "density", "activity", "performance",
                     "capacity", "voltage", "current", "resistance", "emission", "absorption", "lifetime"})) {
        return true;
      }
      if (p != "was" && p != "had" && p != "then" && p != "quickly" && p != "rapidly" && p != "slightly" &&
          p != "sharply" && p != "further" && p != "significantly") {
        break;
      }
    }
  }
  // "an argon bubbler", "the oil bubblers": the device, not a degassing step (review 8, D28).
  if (w == "bubbler" || w == "bubblers") return true;
  // "until no further bubbling was observed", "until the bubbling ceased": the end point of the
  // degassing written before, no second step (records review R1).
  if (w == "bubbling" && bubbling_end_point(view, i)) return true;
  // "at the injection temperature of 150 °C", "the injection rate": a noun modifying a noun names
  // the (other) injection's setting, no step of its own (records review R2).
  if ((w == "injection" || w == "injections") && i + 1 < view.tokens.size() &&
      view.tokens[i + 1].begin == view.tokens[i].end + 1 &&
      one_of(view.folded[i + 1], {"temperature", "temperatures", "rate", "rates", "speed", "volume", "port",
                                  "needle", "syringe"})) {
    return true;
  }
  // "a collection of procedures": a set of things, not the collection of a product.
  if (w == "collection" && i > 0 && view.folded[i - 1] == "a" && i + 1 < view.tokens.size() &&
      view.folded[i + 1] == "of") {
    return true;
  }
  // "Cs-oleate precipitates from ODE at room temperature": the present tense states a property of a
  // reagent, no step (a step is in the past tense or a noun: "was precipitated", "precipitation").
  if (w == "precipitates" && i > 0 && i + 1 < view.tokens.size() &&
      view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end) == " " &&
      !one_of(view.folded[i - 1], {"the", "a", "and", "of", "were", "was", "as", "these", "white", "black"}) &&
      one_of(view.folded[i + 1], {"from", "at", "below", "upon", "when", "in", "out"})) {
    return true;
  }
  return false;
}

// "Dried OLA (0.5 mL) and dried OA (0.5 mL) were injected": "dried" right before a material opening
// its phrase (sentence start, after a determiner or "and") is an adjective, a reagent dried
// beforehand, no drying step of the recipe (review 12, D11). Only before a material: "the dried
// sample/gel was calcined" names the step before, and MSP marks it (dev: 3 of 4).
// "For shell growth, purified cores (100 nmol) were dispersed in ODE": "purified" is the same kind of
// adjective, before a material or before the earlier product named as a reagent (cores, seeds;
// records review R6).
bool dried_adjective(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  if ((view.folded[i] != "dried" && view.folded[i] != "purified") || i + 1 >= view.tokens.size() ||
      view.tokens[i + 1].begin != view.tokens[i].end + 1) {
    return false;
  }
  if (!in_material[i + 1] &&
      !(view.folded[i] == "purified" && one_of(view.folded[i + 1], {"cores", "core", "seeds", "seed"}))) {
    return false;
  }
  return i == 0 ||
         view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end).find_first_of(".;:(") !=
             std::string_view::npos ||
         one_of(view.folded[i - 1], {"the", "a", "an", "and", "of", "with", "freshly", "these", "this", "those"}) ||
         (view.folded[i] == "purified" &&
          (view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end) == ", " ||
           one_of(view.folded[i - 1], {"under", "flowing", "in"})));
}

// Whether a normalised name is a metal (or organic-cation) carboxylate of the kind nanocrystal
// recipes make as stock solutions: "cesium oleate", "zinc stearate", "cadmium myristate".
bool metal_carboxylate_stock(std::string_view normalized) {
  const size_t space = normalized.rfind(' ');
  if (space == std::string_view::npos || space == 0) return false;
  std::string_view anion = normalized.substr(space + 1);
  return one_of(anion, {"oleate", "stearate", "myristate", "laurate", "octanoate", "decanoate", "oleates",
                        "stearates"});
}

// Whether a mention is an ammonium halide ("NH4Br", "OAmBr", "OLA-I", "MAI", "PEABr",
// "oleylammonium bromide"): perovskite and halide-exchange recipes make these salts in a step of
// their own ("OAmBr was prepared by ..."), as a halide source, never the product (session 10).
// `name` is the mention's text, `normalized` its normalized name.
[[gnu::noinline]] bool ammonium_halide(std::string_view name, std::string_view normalized) {
  for (std::string_view h : {" chloride"sv, " bromide"sv, " iodide"sv, " fluoride"sv}) {
    if (normalized.ends_with(h) && normalized.substr(0, normalized.size() - h.size()).ends_with("ammonium")) return true;
  }
  size_t x = name.size();
  for (std::string_view h : {"Cl"sv, "Br"sv, "I"sv, "F"sv}) {
    if (name.ends_with(h)) {
      x = name.size() - h.size();
      break;
    }
  }
  if (x == name.size() || x == 0) return false;
  std::string_view cation = name.substr(0, x);
  if (cation.ends_with('-')) cation.remove_suffix(1);
  return one_of(cation, {"NH4", "OAm", "OLAm", "OLA", "OAM", "OLAM", "MA", "FA", "PEA", "BA", "OctA"});
}

// "the mixture was left undisturbed at 27 °C for 12 h", "left to stand overnight", "was left at
// room temperature for 2 h": standing (ageing) is a step and takes the conditions after it (else they
// go to the step before, records review R9). "left" alone is too general for the lexicon ("the left
// panel", "left behind"), so a passive before and a standing word after are required.
bool left_standing(const TokenView& view, size_t i) {
  if (view.folded[i] != "left" || i == 0 || i + 1 >= view.tokens.size()) return false;
  std::string_view prev = view.folded[i - 1];
  if (one_of(prev, {"then", "further", "subsequently", "finally", "undisturbed"}) && i > 1) prev = view.folded[i - 2];
  if (!one_of(prev, {"was", "were", "be", "being", "been", "is", "are"})) return false;
  std::string_view next = view.folded[i + 1];
  if (one_of(next, {"undisturbed", "unstirred", "overnight", "still", "static", "standing", "at", "for"})) return true;
  return next == "to" && i + 2 < view.tokens.size() &&
         one_of(view.folded[i + 2], {"stand", "age", "rest", "sit", "equilibrate", "settle"});
}

// "The temperature was raised to 240 °C", "the temperature of the mixture was then increased to
// 300 °C": the experimenter heats (review 8, D26); "the temperature was lowered to 240 °C", "it was
// decreased to 150 °C": cools (review 12, D10). These verbs are too general for the operations
// lexicon ("raised the PLQY", "increased the size", "decreased to 8 %"), so a value must follow
// ("to"), and either the temperature is the subject (at most eight words back in the same clause)
// or the value after "to" is a temperature entity of `raws`. Returns the operation, or "" for none.
std::string_view temperature_changed(const TokenView& view, size_t i, const std::vector<Raw>& raws) {
  std::string_view w = view.folded[i];
  std::string_view op;
  if (w.size() < 6 || !(w[0] == 'r' || w[0] == 'i' || w[0] == 'e' || w[0] == 'l' || w[0] == 'd')) return {};
  if (w == "raised" || w == "increased" || w == "elevated") {
    op = "heating";
  } else if (w == "lowered" || w == "decreased" || w == "reduced") {
    op = "cooling";
  } else {
    return {};
  }
  if (i + 1 >= view.tokens.size() || view.folded[i + 1] != "to" || i == 0) return {};
  if (!one_of(view.folded[i - 1], {"was", "were", "then", "further", "gradually", "slowly", "quickly", "rapidly",
                                   "subsequently", "next", "finally"})) {
    return {};
  }
  if (i + 2 < view.tokens.size()) {
    const size_t at = view.tokens[i + 2].begin;
    for (const Raw& r : raws) {
      if (r.begin == at && r.e.type == "temperature"sv) return op;
    }
  }
  for (size_t k = i; k-- > 0 && i - k <= 8;) {
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(",.;:()") != std::string_view::npos) return {};
    if (view.folded[k] == "temperature") return op;
  }
  return {};
}

// A speed or force of a centrifuge (or of a mill: "ball milling at 300 rpm"): "centrifuged at 8000 r/min", "centrifugation (10,000 g, 5 min)",
// "spun down at 6000 rpm", "10 000 g (rcf)". `before` is the lower-cased sentence before the
// quantity, `after` the text after it. The centrifuge word must be the last word before the
// quantity but for a few joining words ("centrifuged at", "centrifugation (", "spun down at a
// speed of"): no digit and no stirring word between ("centrifuged, redispersed and stirred at 500
// rpm" is stirring; "centrifugation (10 000 g, 10 min) and 1.5 g PbO" is a mass).
bool centrifuge_speed(std::string_view before, std::string_view after) {
  std::string_view a = after.substr(0, std::min<size_t>(after.size(), 8));
  if (a.starts_with(" rcf") || a.starts_with(" (rcf") || a.starts_with(" ×") || a.starts_with(" x g")) return true;
  std::string_view near = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  // "washed twice (8000 rpm, 5 min)": the speed opens a bracket after a washing or collecting
  // word, the centrifuge left unsaid.
  size_t open = near.find_last_not_of(' ');
  if (open != std::string_view::npos && near[open] == '(') {
    size_t w = last_cue(near.substr(0, open), {"wash", "collect", "isolat", "separat", "purif", "precipitat"});
    // A colon ends the washing word's reach: "prepared by co-precipitation: FeCl3·6H2O (5.4 g)" is a
    // recipe after its method, the mass a reagent's (review 13, D36).
    if (w != std::string_view::npos && near.substr(w, open - w).find_first_of(".;,:") == std::string_view::npos) return true;
  }
  // The last of the four words: one backward pass (last_cue), not an rfind() per word.
  // A spin coater, a rotating electrode or a revolving stage, or "centrifugal settling" named earlier in
  // the sentence, with no stirring word: "spin-coated onto the TFTs at 3,000 rpm", "the electrode
  // was rotated at 7000 rpm", "centrifugal settling for 15 min at 3000 rpm" agitate no reaction.
  {
    std::string_view wide = before.substr(before.size() - std::min<size_t>(before.size(), 90));
    // The stems that every cue below contains first, each found from its rarest letter: most speeds
    // and masses have none near, and the rfind() and the finds were 0.3 % of the extraction time.
    if (find_bytes(wide, "spin") != std::string_view::npos || find_bytes(wide, "revolv") != std::string_view::npos ||
        find_bytes(wide, "centrifugal") != std::string_view::npos ||
        find_bytes(wide, "electrode") != std::string_view::npos) {
      if (size_t stop = wide.rfind(". "); stop != std::string_view::npos) wide = wide.substr(stop + 2);
      if (wide.find("stir") == std::string_view::npos &&
          (last_cue(wide, {"spin-coat", "spin coat", "spin-cast", "spincoat", "revolv", "centrifugal"}) !=
               std::string_view::npos ||
           (wide.find("electrode") != std::string_view::npos && wide.find("rotat") != std::string_view::npos))) {
        return true;
      }
    }
  }
  size_t c = last_cue(near, {"centrifug", "spun", "rcf", "spin", "mill"});
  if (c == std::string_view::npos) return false;
  std::string_view gap = near.substr(c);
  size_t word_end = 0;
  while (word_end < gap.size() && is_lower(gap[word_end])) ++word_end;
  gap.remove_prefix(word_end);
  if (gap.size() > 24 || gap.find("stir") != std::string_view::npos) return false;
  for (char ch : gap) {
    if (is_digit(ch) || ch == '.' || ch == ';') return false;
  }
  return true;
}

// "The sample was placed in a microwave oven", "dried in a microwave oven": an oven used as
// apparatus, no microwave synthesis. A sentence with a reaction word keeps the method ("carried out
// at 150 °C for 1 h in microwave oven", "microwave oven irradiation"). `folded` is the lower-cased
// paragraph, `from` the sentence start, `oven_end` the end of the word after "microwave".
bool microwave_oven_apparatus(std::string_view folded, size_t from, size_t oven_end, std::string_view next) {
  if (next != "oven" && next != "ovens") return false;
  size_t to = oven_end;
  while (to < folded.size() && to - oven_end < 150 && folded[to] != '.' && folded[to] != ';') ++to;
  std::string_view sentence = folded.substr(from, to - from);
  for (std::string_view cue : {"react"sv, "carried out"sv, "synthes"sv, "irradiat"sv, "heated"sv, "heating"sv,
                               "reflux"sv, "prepared"sv, "grown"sv, "growth"sv, "°c"sv, "degc"sv, " w "sv, "watt"sv}) {
    if (sentence.find(cue) != std::string_view::npos) return false;
  }
  return true;
}

// A new clause ("while", "but", "and the cell ...") starts a new step: a role cue across it belongs
// to another temperature. `k` is the token looked at, `next` the one after it (towards the value).
bool clause_break(const TokenView& view, size_t k, size_t next) {
  std::string_view w = view.folded[k];
  return w == "while" || w == "whereas" || w == "but" || w == "which" ||
         (w == "and" && next < view.tokens.size() && view.folded[next] == "the");
}

// Whether the rest of the sentence from token `k` measures, tests or operates rather than makes
// something, or (`other_temperature`) names another temperature: then a cue after a temperature is
// not its step ("At 700 °C, the cell was held at open circuit", "raised to 750 °C and held for
// impedance measurements", "At 150 °C, the solution turned clear, and X was injected at 270 °C").
bool measured_after(const TokenView& view, const ValueLexicon& roles, size_t k, bool other_temperature) {
  size_t prev_end = view.tokens[k - 1].end;
  for (size_t end = std::min(view.tokens.size(), k + 30); k < end; ++k) {
    std::string_view gap = view.text.substr(prev_end, view.tokens[k].begin - prev_end);
    if (gap.find_first_of(".;") != std::string_view::npos) break;
    prev_end = view.tokens[k].end;
    std::string_view w = view.folded[k];
    if ((other_temperature && (view.raw(k).find("°") != std::string_view::npos || w == "k")) ||
        one_of(w, {"cell", "cells", "impedance", "eis",
        "xrd", "circuit", "spectra", "spectrum", "culture", "gc", "chromatograph", "column"})) {
      return true;
    }
    // The "-" cues that measure or test (cooling and quenching are steps of the synthesis).
    auto m = roles.matcher.match(view, k);
    if (m.entry >= 0 && roles.values[m.entry] == "-" && !w.starts_with("cool") && !w.starts_with("quench")) return true;
  }
  return false;
}

// The role of a temperature whose value covers tokens [t, t_end), in a sentence that starts at byte
// `ss` (t_end: the first token after the value): "-" cues (measured, tested, cooled) mean no role. Three readings, in this order:
// - the nearest cue before the value: "injected at 300 °C", "annealed at 500 °C";
// - a step named as the subject, "the growth temperature was maintained at 100 °C", wins over a
//   keeping verb between it and the value (maintained, kept, held, set), which only says "at";
// - with no cue before, the first one after the value in the same clause: "At 160 °C, 0.5 mL of
//   Cs-oleate was injected", "raised to 230 °C and held for 40 min", "set to 250 °C for growth".
std::string near_temperature_role(const TokenView& view, const ValueLexicon& roles, size_t t, size_t t_end,
                                  size_t ss) {
  std::string role;
  size_t cue = 0;  // token of the cue found before the value
  bool crossed = false;  // another temperature stands between that cue and the value
  // "injecting Se-TOP (2 M, 0.8 mL) and diethylzinc (0.2 mmol) into HDA (7 g) at 310 °C": past the
  // twelve words, the walk goes on for an injection verb only, not counting words in brackets
  // (the reagents' amounts; review 13, D38). Other cues that far back are an earlier step's.
  size_t counted = 0;  // words walked back, but those inside brackets
  int depth = 0;       // brackets open (walking back) at token k
  for (size_t k = t; k-- > 0;) {
    if (view.tokens[k].end <= ss || clause_break(view, k, k + 1)) break;
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    depth = std::max(0, depth + static_cast<int>(std::count(gap.begin(), gap.end(), ')')) -
                            static_cast<int>(std::count(gap.begin(), gap.end(), '(')));
    if (depth == 0) ++counted;
    const bool far = t - k > 13;
    if (far && (counted > 12 || crossed || gap.find_first_of(".;") != std::string_view::npos)) break;
    auto m = roles.matcher.match(view, k);
    if (far && m.entry >= 0 && roles.values[m.entry] != "injection") break;
    // "injected into the growth solution at 30 °C": a solution named after its step is no cue.
    if (m.entry >= 0 && k + 1 < t && (view.folded[k + 1] == "solution" || view.folded[k + 1] == "solutions")) continue;
    if (m.entry >= 0) {
      role = roles.values[m.entry];
      cue = k;
      break;
    }
    crossed = crossed || view.raw(k).find("\u00b0") != std::string_view::npos;
  }
  // "heated to 300 °C, and at 280 °C the Se precursor was injected": the cue before the first
  // temperature is that one's; "at" a second one, a cue right after it in its clause names its step.
  if (crossed && !role.empty() && t > 0 && view.folded[t - 1] == "at" && t_end < view.tokens.size()) {
    size_t prev_end = view.tokens[t_end - 1].end;
    for (size_t k = t_end, end = std::min(view.tokens.size(), t_end + 12); k < end; ++k) {
      std::string_view gap = view.text.substr(prev_end, view.tokens[k].begin - prev_end);
      if (gap.find_first_of(".;,") != std::string_view::npos || clause_break(view, k, k + 1) ||
          view.raw(k).find("\u00b0") != std::string_view::npos || view.folded[k] == "for") {
        break;
      }
      prev_end = view.tokens[k].end;
      auto m = roles.matcher.match(view, k);
      if (m.entry >= 0) {
        if (roles.values[m.entry] != "-") role = roles.values[m.entry];
        break;
      }
    }
  }
  if (!role.empty() && role != "-") {
    std::string_view verb = view.folded[cue];
    // "was kept at 240 °C for growth": the step named after the value wins over the keeping verb.
    if ((verb.starts_with("maintain") || verb == "kept" || verb == "held") && t_end + 1 < view.tokens.size() &&
        view.folded[t_end] == "for") {
      size_t k = t_end + 1 + (view.folded[t_end + 1] == "the" ? 1 : 0);
      auto m = k < view.tokens.size() ? roles.matcher.match(view, k) : PhraseMatcher::Match{};
      if (m.entry >= 0 && roles.values[m.entry] != "-") role = roles.values[m.entry];
    }
    if (verb.starts_with("maintain") || verb == "kept" || verb == "held" || verb == "set") {
      for (size_t k = cue; k-- > 0 && cue - k <= 4;) {
        if (view.tokens[k].end <= ss) break;
        std::string_view w = view.folded[k];
        if ((w == "temperature" || w == "temperatures") && k > 0 && view.tokens[k - 1].end > ss) {
          auto named = roles.matcher.match(view, k - 1);
          if (named.entry >= 0 && named.tokens == 1 && roles.values[named.entry] != "-") role = roles.values[named.entry];
          break;
        }
      }
    }
  }
  if (role.empty() && t_end < view.tokens.size()) {
    // Only where the value leads its sentence or the words after it say what the step is; a verb
    // further on usually starts the next step ("degassed at 100 °C and then heated to 280 °C").
    const bool after_at = t > 0 && view.tokens[t - 1].end > ss && view.folded[t - 1] == "at";
    bool leads = after_at;  // "At 160 °C, ...", "Then, at about 160 °C ..."
    for (size_t k = t - (after_at ? 1 : 0); leads && k-- > 0 && view.tokens[k].end > ss;) {
      leads = one_of(view.folded[k], {"about", "around", "approximately", "then", "subsequently", "once"});
    }
    size_t k = t_end;
    if (!leads) {
      // "set to 250 °C for growth"; "raised to 230 °C and held for 40 min"
      if (t == 0 || view.folded[t - 1] != "to") return role;
      // "raised to 240 °C at 5 °C min−1 and held for 30 min": a heating rate between the value and
      // the keeping verb is skipped.
      if (view.folded[k] == "at") {
        size_t j = k + 1;
        bool rate = false;
        for (; j < view.tokens.size() && j - k <= 8 && view.folded[j] != "and"; ++j) {
          rate |= view.folded[j].find("min") != std::string_view::npos || view.raw(j).find('/') != std::string_view::npos;
        }
        if (rate && j < view.tokens.size() && view.folded[j] == "and") k = j;
      }
      if (view.folded[k] == "and" && k + 1 < view.tokens.size()) ++k;
      std::string_view w = view.folded[k];
      bool step_named = w == "for" && k + 1 < view.tokens.size();
      if (step_named) ++k;
      if (step_named && view.folded[k] == "the" && k + 1 < view.tokens.size()) ++k;  // "for the growth of"
      if (!step_named && w != "maintained" && w != "kept" && w != "held") return role;
    }
    size_t prev_end = view.tokens[t_end - 1].end;
    for (size_t end = std::min(view.tokens.size(), k + (leads ? 12 : 1)); k < end; ++k) {
      // The sentence or clause ends, or another temperature starts: a cue there is not this one's.
      std::string_view gap = view.text.substr(prev_end, view.tokens[k].begin - prev_end);
      if (gap.find_first_of(".;") != std::string_view::npos || clause_break(view, k, k + 1) ||
          view.raw(k).find("°") != std::string_view::npos) {
        break;
      }
      prev_end = view.tokens[k].end;
      if (view.folded[k] == "dry") continue;  // "under dry air": an adjective, no drying step
      auto m = roles.matcher.match(view, k);
      if (m.entry >= 0) {
        role = roles.values[m.entry];
        break;
      }
    }
    // A measurement after the value makes the cue no step of its: asked only once a cue was
    // found (measured_after() walks the same tokens, and most temperatures have no cue after).
    if (!role.empty() && measured_after(view, roles, t_end, leads)) role.clear();
  }
  if (role == "-") role.clear();
  return role;
}

// Whether token `k` is a temperature's unit ("°C", "℃", "oC", "K"): another temperature starts.
bool temperature_unit(const TokenView& view, size_t k) {
  std::string_view w = view.folded[k];
  return view.raw(k).find("\u00b0") != std::string_view::npos || view.raw(k).find("\u2103") != std::string_view::npos ||
         w == "oc" || w == "k" || w == "degc";
}

// Whether the first role cue after the value, in its sentence and before another temperature, is an
// injection: hot-injection papers name the temperature first and the injection a clause or two later
// ("the temperature was set to 200 °C and the Cs-oleate was injected", "At 250 °C, a mixture of S
// (0.4 mmol) dissolved in 2 mL of ODE ... was rapidly injected", "heated to 220 °C, at which point
// ... was injected"). Any other cue first ("heated to 300 °C and cooled to 270 °C before X was
// injected") ends the search: that step is the temperature's; so does an injection with its own
// temperature ("At 150 °C, the solution turned clear, and X was injected at 270 °C").
bool injection_far(const TokenView& view, const ValueLexicon& roles, size_t t_end) {
  size_t prev_end = view.tokens[t_end - 1].end;
  int depth = 0;  // brackets open since the value: "(0.6 mL, kept at 100 °C)" is an aside
  for (size_t k = t_end, end = std::min(view.tokens.size(), t_end + 40); k < end; ++k) {
    std::string_view gap = view.text.substr(prev_end, view.tokens[k].begin - prev_end);
    depth += static_cast<int>(std::count(gap.begin(), gap.end(), '(')) - static_cast<int>(std::count(gap.begin(), gap.end(), ')'));
    if (depth > 0 && gap.find_first_of(".;") == std::string_view::npos) {
      prev_end = view.tokens[k].end;
      continue;
    }
    if (gap.find_first_of(".;") != std::string_view::npos || temperature_unit(view, k) ||
        one_of(view.folded[k], {"while", "whereas", "but", "after", "until"})) {
      return false;
    }
    prev_end = view.tokens[k].end;
    if (view.folded[k] == "dry" || view.folded[k] == "dried") continue;  // "dried oleylamine was injected"
    auto m = roles.matcher.match(view, k);
    if (m.entry < 0) continue;
    if (roles.values[m.entry] != "injection") return false;
    for (size_t j = k + 1; j < end && j <= k + 8; ++j) {
      gap = view.text.substr(view.tokens[j - 1].end, view.tokens[j].begin - view.tokens[j - 1].end);
      if (gap.find_first_of(".;,") != std::string_view::npos) break;
      if (temperature_unit(view, j)) return false;
    }
    return true;
  }
  return false;
}

// The role of a temperature (see near_temperature_role()); a temperature with no cue of its own, or
// one only heated to, is an injection temperature when the sentence goes on to inject (injection_far()).
std::string temperature_role(const TokenView& view, const ValueLexicon& roles, size_t t, size_t t_end, size_t ss) {
  std::string role = near_temperature_role(view, roles, t, t_end, ss);
  // A value in brackets is an aside ("the Cs-oleate (0.6 mL, kept at 100 °C) was injected").
  const std::string_view lead = view.text.substr(ss, view.tokens[t].begin - ss);
  // "the Cs-oleate was preheated to 100 °C before each injection": the injected solution's own
  // temperature, not the flask's at the injection.
  const bool preheated = t >= 2 && view.folded[t - 1] == "to" && view.folded[t - 2].starts_with("preheat");
  const bool open = (role.empty() || role == "reaction") && !preheated &&
                    std::count(lead.begin(), lead.end(), '(') <= std::count(lead.begin(), lead.end(), ')');
  // A measurement later in the sentence makes the injection a sample's ("At 25 °C, the absorption
  // spectra were collected after injection of the sample into the cuvette").
  if (open && t_end < view.tokens.size() && injection_far(view, roles, t_end) &&
      !measured_after(view, roles, t_end, false)) {
    role = "injection";
  }
  return role;
}

// What a length measures, read from the nouns next to it (GUIDELINE.md of the outcome gold): a
// product (particles, films, layers, electrolytes ...), an object that is apparatus, stock or a
// sample form (pellets, substrates, foils, dies, channels ...), or a device part whose thickness is
// a size but whose diameter or length is device geometry (cells, supports, electrodes).
enum class Measured { kUnknown, kParticle, kLayer, kObject, kDevice };

Measured noun_class(std::string_view w) {
  if (w.size() >= 3 && w.ends_with("s") && !w.ends_with("ss")) w.remove_suffix(1);
  bool prefixed = false;
  for (std::string_view p : {"nano"sv, "micro"sv}) {
    if (w.size() > p.size() + 2 && w.starts_with(p)) {
      w.remove_prefix(p.size());
      prefixed = true;
    }
  }
  // One hash lookup instead of a hundred compares: this runs for the words around every length.
  static const StringMap<Measured> kNouns = [] {
    StringMap<Measured> m;
    for (std::string_view x :
         {"film"sv, "layer"sv, "coating"sv, "membrane"sv, "electrolyte"sv, "interlayer"sv, "anode"sv, "cathode"sv,
          "shell"sv, "scaffold"sv, "barrier"sv, "skin"sv, "overlayer"sv, "sublayer"sv, "bec"sv}) {
      m.emplace(x, Measured::kLayer);
    }
    for (std::string_view x :
         {"particle"sv, "crystal"sv,   "crystallite"sv, "grain"sv,   "powder"sv,      "sphere"sv,    "rod"sv,
          "wire"sv,     "fiber"sv,     "fibre"sv,       "cube"sv,    "plate"sv,       "platelet"sv,  "sheet"sv,
          "dot"sv,      "cluster"sv,   "nc"sv,          "np"sv,      "qd"sv,          "domain"sv,    "flake"sv,
          "belt"sv,     "ribbon"sv,    "needle"sv,      "whisker"sv, "agglomerate"sv, "aggregate"sv, "prism"sv,
          "star"sv,     "octahedra"sv, "pyramid"sv,     "spindle"sv,
          "seed"sv}) {  // "The Au seeds (5 nm)": the seeds of a seed-mediated growth are particles
      m.emplace(x, Measured::kParticle);
    }
    for (std::string_view x :
         {"pellet"sv, "disc"sv,    "disk"sv,     "die"sv,    "substrate"sv, "foil"sv,      "wafer"sv,   "slice"sv,
          "bar"sv,    "channel"sv, "crucible"sv, "target"sv, "grid"sv,      "holder"sv,    "tube"sv,    "mold"sv,
          "mould"sv,  "cuvette"sv, "ball"sv,     "bead"sv,   "cylinder"sv,  "collector"sv, "chamber"sv, "spacer"sv,
          "foam"sv,   "boat"sv,    "mesh"sv,     "sieve"sv,  "filter"sv,    "screen"sv,    "window"sv,  "capillary"sv,
          "vial"sv,   "lens"sv,    "aperture"sv, "spot"sv,   "beam"sv,      "glass"sv,     "cloth"sv,   "paper"sv,
          "plug"sv,   "stub"sv,    "mask"sv,     "probe"sv,  "aao"sv,      "sample"sv,    "specimen"sv}) {
      m.emplace(x, Measured::kObject);
    }
    for (std::string_view x :
         {"cell"sv, "support"sv, "electrode"sv, "sofc"sv, "button"sv, "coin"sv, "stack"sv}) {
      m.emplace(x, Measured::kDevice);
    }
    return m;
  }();
  // "nanotubes", "nanodisks" are a product, a "tube" or "disk" is apparatus or a sample form.
  if (prefixed && (w == "tube" || w == "disk" || w == "disc")) return Measured::kParticle;
  auto it = kNouns.find(w);
  return it == kNouns.end() ? Measured::kUnknown : it->second;
}

// The class of the word ending at the last letter of `tok` ("anode-supports" → support).
Measured token_class(std::string_view tok) {
  size_t e = tok.size();
  while (e > 0 && !is_lower(tok[e - 1])) --e;
  size_t b = e;
  while (b > 0 && is_lower(tok[b - 1])) --b;
  return noun_class(tok.substr(b, e - b));
}

// The first product/object noun in the few words after a length (lower-cased text from the end of
// the quantity): "20 mm diameter pellets", "25 μm-thick electropolished copper foils", "a 500 μm
// electrolyte", "5 nm Cu2-xS NCs". Dimension phrases are skipped; a stop word or punctuation ends it.
Measured noun_after(std::string_view a) {
  size_t p = 0;
  for (int words = 0; words < 4;) {
    p = skip_spaces(a, p);
    if (size_t d = dash_len(a, p)) p = skip_spaces(a, p + d);
    if (p >= a.size() || !is_alnum(a[p])) break;
    size_t e = p;
    while (e < a.size() && (is_alnum(a[e]) || a[e] == '-' || a[e] == '+' || a[e] == '/')) ++e;
    std::string_view tok = a.substr(p, e - p);
    p = e;
    if (one_of(tok, {"in", "of", "thick", "thickness", "diameter", "length", "width", "wide", "long", "high", "height",
                     "size", "sized", "inner", "outer", "external", "internal", "average", "mean", "nominal", "total",
                     "wall", "dimension", "dimensions", "thin", "ca", "about", "approximately"})) {
      continue;
    }
    if (one_of(tok, {"was", "were", "is", "are", "and", "or", "with", "on", "at", "for", "by", "from", "to", "the", "a",
                     "an", "which", "that", "after", "before", "under", "into", "as", "than", "respectively"})) {
      break;
    }
    Measured m = token_class(tok);
    if (m != Measured::kUnknown) {
      // A compound whose head is apparatus: "Thin Film Grids", "PTFE membrane filter".
      size_t n = skip_spaces(a, p);
      size_t ne = n;
      while (ne < a.size() && is_lower(a[ne])) ++ne;
      if (ne > n && noun_class(a.substr(n, ne - n)) == Measured::kObject) return Measured::kObject;
      return m;
    }
    ++words;
  }
  return Measured::kUnknown;
}

// The position of the last FWHM cue in `before` (the sentence up to a number), or npos. A cue
// inside a bracket closed before the number, with its own number, is spent there: "a narrow
// emission (FWHM = 20 nm) centered at 520 nm" names no width at 520 nm ("(FWHM) was 85 meV" does).
size_t fwhm_cue(std::string_view before) {
  size_t fw = last_cue(before, {"fwhm", "full width", "linewidth", "line width", "half-maximum", "half maximum",
                                 "emission width", "peak width"});
  if (fw == std::string_view::npos || fw == 0) return fw;
  size_t open = before.rfind('(', fw - 1);
  size_t close = before.find(')', fw);
  if (open != std::string_view::npos && before.find(')', open) > fw && close != std::string_view::npos &&
      before.substr(fw, close - fw).find_first_of("0123456789") != std::string_view::npos) {
    return std::string_view::npos;
  }
  // The same when the width has had its number and the words right before this one name a peak:
  // "FWHM = 20 nm, centered at 520 nm", "a linewidth of 0.1 eV at a peak energy of 2.0 eV".
  if (size_t digit = before.find_last_of("0123456789"); digit != std::string_view::npos && digit > fw) {
    std::string_view since = before.substr(digit + 1);  // the words after the width's number
    for (std::string_view peak : {"center"sv, "centre"sv, "peak"sv, "maximum"sv, "located"sv, "position"sv}) {
      if (since.find(peak) != std::string_view::npos) return std::string_view::npos;
    }
  }
  return fw;
}

// The type of item `item` of a list of `count` lengths closed by "respectively", from the cues
// of its clause (`clause`, up to the first item) in order: "The PL peak and FWHM were 650 and
// 30 nm", "the length and width of the rods were 30 and 8 nm" (`dimension` is then length,
// width). Empty when the cues do not pair up with the items.
std::string respective_type(std::string_view clause, size_t item, size_t count, std::string* dimension) {
  static constexpr std::pair<std::string_view, std::string_view> kCues[] = {
      {"fwhm", "fwhm"}, {"full width", "fwhm"}, {"linewidth", "fwhm"}, {"line width", "fwhm"},
      {"pl", "pl_peak"}, {"photoluminescence", "pl_peak"}, {"emission", "pl_peak"}, {"luminescence", "pl_peak"},
      {"absorption", "absorption_peak"}, {"absorbance", "absorption_peak"}, {"exciton", "absorption_peak"},
      {"plasmon", "absorption_peak"}, {"lspr", "absorption_peak"},
      {"diameter", "diameter"}, {"length", "length"}, {"width", "width"}, {"thickness", "thickness"},
      {"edge", "edge"}, {"size", "size"}};
  std::vector<std::string_view> found;
  for (size_t p = 0; p < clause.size();) {
    bool hit = false;
    if (starts_word(clause, p)) {
      for (const auto& [word, kind] : kCues) {
        if (!has_prefix(clause.substr(p), word)) continue;
        size_t e = p + word.size();
        if (e < clause.size() && clause[e] == 's') ++e;  // "FWHMs", "lengths"
        if (e < clause.size() && is_alpha(clause[e])) continue;
        found.push_back(kind);
        p = e;
        hit = true;
        break;
      }
    }
    if (!hit) ++p;
  }
  if (found.size() != count) return {};
  std::string_view kind = found[item];
  if (kind == "fwhm" || kind == "pl_peak" || kind == "absorption_peak") return std::string(kind);
  if (kind != "size") *dimension = kind;
  return "size";
}

// An optical peak given as a photon energy: "The PL peak was located at 1.95 eV", "an excitonic
// peak at 2.4 eV". `before` is the sentence up to the energy, `after` a few characters after it.
// The entity `e` becomes a pl_peak or absorption_peak in nm (λ = hc/E), its text stays as written.
// Not when a wavelength restates it in brackets ("1.2 eV (1033 nm)": that length is the peak, see
// optical_override) or it restates one ("580 nm (2.14 eV)"), and not for energies that are no peak
// position (shifts, splittings, binding, activation or excitation energies).
bool optical_energy(std::string_view before, std::string_view after, const Quantity& q, Entity* e) {
  constexpr size_t npos = std::string_view::npos;
  std::string_view clause = before.substr(clause_start(before));
  size_t pl = last_cue(clause, {"emission", "photoluminescence", "pl ", "pl peak", "emit", "luminescen", "pl maximum",
                                "fluoresc", "pl:"});
  size_t ab = last_cue(clause, {"absorption", "absorbance", "exciton", "absorb", "plasmon", "lspr", " spr "});
  if (pl == npos && ab == npos) return false;
  size_t optical = pl == npos ? ab : ab == npos ? pl : std::max(pl, ab);
  std::string_view from_cue = clause.substr(optical);
  for (std::string_view no : {"shift"sv, "splitting"sv, "binding"sv, "activation"sv, "stokes"sv, "difference"sv,
                              "excitation"sv, "excited"sv, "laser"sv, "transfer"sv, "barrier"sv, "higher"sv, "lower"sv,
                              "above"sv, "below"sv, "width"sv, "broad"sv, "energy of"sv, "onset"sv, "edge"sv,
                              "tail"sv, "threshold"sv, "cut-off"sv, "cutoff"sv}) {
    if (from_cue.find(no) != npos) return false;
  }
  if (clause.find("onset of") != npos || clause.find("edge of") != npos) return false;
  // "The emission peak of the LED was at 2.3 eV": electroluminescence of a device, not the sample's.
  for (std::string_view device : {" led "sv, " leds "sv, " led,"sv, "device"sv, "diode"sv, "electrolumin"sv,
                                  " el "sv}) {
    if (clause.find(device) != npos) return false;
  }
  std::string_view b = before;
  while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  if (b.ends_with("nm (") || b.ends_with("nm(")) return false;
  std::string_view a = after;
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  if (a.starts_with("(")) {
    size_t close = a.find(')');
    if (a.substr(0, close).find("nm") != npos) return false;
  }
  bool at = b.ends_with(" at") || b.ends_with(" at ~") || b.ends_with(" at \u223c") || b.ends_with(" around");
  bool peak = from_cue.find("peak") != npos || from_cue.find("maximum") != npos || from_cue.find("band") != npos;
  if (!at && !(peak && (b.ends_with(" of") || b.ends_with(" was") || b.ends_with(" is") || b.ends_with("=") ||
                        b.ends_with(":")))) {
    return false;
  }
  auto nm = [](double ev) { return std::round(1239.84 / ev * 10) / 10; };
  auto visible = [](const std::optional<double>& ev) { return !ev || (*ev >= 0.4 && *ev <= 6.5); };
  if (!visible(q.value) || !visible(q.min) || !visible(q.max) || !(q.value || (q.min && q.max))) return false;
  e->type = pl != npos && (ab == npos || pl > ab) ? "pl_peak" : "absorption_peak";
  if (q.value) e->value = nm(*q.value);
  if (q.min && q.max) {
    e->min = nm(*q.max);
    e->max = nm(*q.min);
  }
  return true;
}

// Whether the PLQY label follows a percentage: "NCs with 95% PLQY", "showed ~80% QY", "a 60% PL
// quantum yield". Such a value is the PLQY, not an amount (nor a purity). `after` is the lower-cased
// text after the unit.
// Returns the end of the label in `after`, or npos.
size_t plqy_label_end(std::string_view after) {
  const size_t p = skip_spaces(after, 0);
  for (std::string_view w : {"plqy"sv, "qy"sv, "pl qy"sv, "quantum yield"sv, "pl quantum yield"sv, "plqe"sv,
                             "photoluminescence quantum yield"sv, "quantum efficiency"sv}) {
    if (after.compare(p, w.size(), w) == 0 && (p + w.size() >= after.size() || !is_alpha(after[p + w.size()]) ||
                                                after[p + w.size()] == 's')) {
      return p + w.size();
    }
  }
  return std::string_view::npos;
}
bool plqy_label_after(std::string_view after) { return plqy_label_end(after) != std::string_view::npos; }

// Whether the PLQY label after a percentage is followed by a word of change: "95% PLQY retention",
// "a 20% PLQY loss", "30% QY drop". The percentage is relative to a former PLQY, no PLQY itself.
bool relative_plqy_after(std::string_view after) {
  size_t p = plqy_label_end(after);
  if (p == std::string_view::npos) return false;
  if (p < after.size() && after[p] == 's') ++p;
  p = skip_spaces(after, p);
  for (std::string_view w : {"retention"sv, "retained"sv, "retain"sv, "loss"sv, "lost"sv, "drop"sv, "decrease"sv,
                             "decay"sv, "reduction"sv, "degradation"sv, "increase"sv, "enhancement"sv,
                             "improvement"sv, "recovery"sv, "change"sv}) {
    if (after.compare(p, w.size(), w) == 0) return true;
  }
  return false;
}

// Whether a percentage is labelled as a device efficiency, not a PLQY: the label right after it
// ("50% EQE", "5% roll-off", "8% PCE"), or the last label before it in its sentence when that comes
// after any PLQY label ("a PLQY of 60% and an EQE of 12%", "an external quantum efficiency of 8%",
// whose "quantum efficiency" alone would read as a PLQY) (review 12b, O5). `before` is the sentence
// up to the number, `after` the text after the unit (both lower-cased). Such a value is no amount
// of any material either.
bool device_efficiency(std::string_view before, std::string_view after) {
  // One backward pass over `before` (last_word_cue()), and the label after the value tested only when
  // its first byte can start one: this runs for every percentage.
  static constexpr std::initializer_list<std::string_view> kLabels = {
      "eqe"sv, "iqe"sv, "pce"sv, "roll-off"sv, "rolloff"sv, "external quantum"sv, "internal quantum"sv,
      "conversion efficienc"sv, "current efficienc"sv, "power efficienc"sv, "luminous efficac"sv, "efficiency roll"sv,
      "fill factor"sv, "faradaic efficienc"sv};  // the last two: review 13, D37
  std::string_view a = after.substr(skip_spaces(after, 0));
  if (!a.empty() && std::string_view("eiprclf").find(a.front()) != std::string_view::npos) {
    for (std::string_view w : kLabels) {
      if (a.starts_with(w) && (a.size() == w.size() || !is_alpha(a[w.size()]))) return true;
    }
  }
  const size_t label = last_word_cue(before, kLabels);
  if (label == std::string_view::npos) return false;
  // No PLQY label and no other number between that label and this value.
  std::string_view rest = before.substr(label);
  if (rest.find_first_of("0123456789") != std::string_view::npos) return false;
  for (std::string_view w : {"plqy"sv, " qy"sv, "(qy"sv, "photoluminescence quantum"sv, "pl quantum"sv}) {
    if (rest.find(w) != std::string_view::npos) return false;
  }
  return true;
}

// Whether a quantum yield in brackets is a reference dye's ("relative to rhodamine 6G (QY 95 %)",
// "rhodamine 101 in ethanol (QY 100 %) as standard", "coumarin 153 (quantum yield of 54 %) was used
// as the reference dye"): the standard's known value, not the sample's PLQY. `before`/`after` are
// the lower-cased sentence up to the number and the 40 bytes after it.
bool reference_yield(std::string_view before, std::string_view after) {
  const size_t open = before.rfind('(');
  const size_t close = after.find(')');
  if (open == std::string_view::npos || before.find(')', open) != std::string_view::npos ||
      close == std::string_view::npos) {
    return false;
  }
  std::string_view rest = after.substr(close + 1);
  rest = rest.substr(std::min(rest.size(), rest.find_first_not_of(" ,")));
  for (std::string_view w : {"as "sv, "was used as"sv, "were used as"sv, "served as"sv, "used as"sv, "was taken as"sv}) {
    if (rest.starts_with(w) && (rest.find("reference") != std::string_view::npos ||
                                rest.find("standard") != std::string_view::npos ||
                                rest.find("control") != std::string_view::npos)) {
      return true;
    }
  }
  // The dye's clause before the bracket: its last 50 bytes ("relative to rhodamine 6G in ethanol"
  // fits), cut at a comma or semicolon.
  std::string_view pre = before.substr(0, open);
  pre = pre.substr(pre.size() - std::min<size_t>(pre.size(), 50));
  pre = pre.substr(pre.find_last_of(",;") == std::string_view::npos ? 0 : pre.find_last_of(",;") + 1);
  for (std::string_view w : {"relative to"sv, "against"sv, "reference"sv, "standard"sv}) {
    if (pre.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Two readings of a length that the cues before it get wrong. "1.2 eV (1033 nm)": a wavelength
// restating an energy is the optical peak the sentence names (PL or absorption), never a size.
// "emission at 512 nm was observed for the 10 nm NCs": a length of at most 100 nm before a particle
// or shell noun (`noun`, from noun_after()) is the particles' size, whatever optical cue came earlier. "The LSPR peak of the
// Au nanospheres was at 520 nm": a length right after "at" in a clause that names an optical peak
// and no dimension after it is that peak, though a particle noun came after the cue. `pl`/`ab` are
// the positions of the last PL/absorption cues in `before` (npos: none), `clause` where the
// length's clause starts in `before`.
void optical_override(std::string_view before, Measured noun, const std::optional<double>& value, size_t pl,
                      size_t ab, size_t clause, std::string* type) {
  constexpr size_t npos = std::string_view::npos;
  std::string_view b = before;
  while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  size_t optical = pl == npos ? ab : ab == npos ? pl : std::max(pl, ab);
  if (*type == "size" && optical != npos && optical >= clause &&
      (b.ends_with(" at") || b.ends_with(" at ~") || b.ends_with(" tuned to") || b.ends_with(" shifted to") ||
       b.ends_with(" red-shifted to") || b.ends_with(" blue-shifted to")) &&
      last_cue(before.substr(optical), {"diameter", "size", "length", "width", "thick", "edge", "radius"}) == npos) {
    *type = optical == pl ? "pl_peak" : "absorption_peak";
    return;
  }
  if (b.ends_with("ev (") || b.ends_with("ev(")) {
    if (pl != npos && (ab == npos || pl > ab)) {
      *type = "pl_peak";
    } else if (ab != npos) {
      *type = "absorption_peak";
    } else if (*type == "size") {
      type->clear();
    }
    return;
  }
  // "the 10 nm NCs", "the 6 nm PbS QDs", "the 60 nm Au nanoshells": the product noun after the
  // length (noun_after(), name words skipped) says what it measures.
  if (value && *value <= 100 && (*type == "pl_peak" || *type == "absorption_peak") &&
      (noun == Measured::kParticle || noun == Measured::kLayer)) {
    *type = "size";
  }
}

// The nearest product/object noun before a length in its clause (`window`, lower-cased).
Measured noun_before(std::string_view window) {
  size_t e = window.size();
  for (int words = 0; words < 14 && e > 0; ++words) {
    while (e > 0 && !is_lower(window[e - 1])) --e;
    size_t b = e;
    while (b > 0 && is_lower(window[b - 1])) --b;
    Measured m = noun_class(window.substr(b, e - b));
    // "screen-printed", "screen printing": a coating method, no sieve screen.
    if (m == Measured::kObject && window.substr(b, e - b) == "screen" &&
        (window.substr(e).starts_with("-print") || window.substr(e).starts_with(" print"))) {
      m = Measured::kUnknown;
    }
    // "the NiO-YSZ anode substrate": the support of a cell, not a purchased substrate (its
    // thickness is a size, its diameter device geometry).
    if (m == Measured::kObject && window.substr(b, e - b).starts_with("substrate")) {
      size_t pe = b;
      while (pe > 0 && window[pe - 1] == ' ') --pe;
      if (window.substr(0, pe).ends_with("anode") || window.substr(0, pe).ends_with("cathode") ||
          window.substr(0, pe).ends_with("electrolyte")) {
        return Measured::kDevice;
      }
    }
    // "the electrolyte samples (300 μm)", "the YSZ film specimen": a sample named by its layer is
    // that layer; a bare sample or specimen is a sample form ("disc samples ... 4 mm thickness").
    if (m == Measured::kObject && (window.substr(b, e - b).starts_with("sample") ||
                                   window.substr(b, e - b).starts_with("specimen"))) {
      size_t pe = b;
      while (pe > 0 && window[pe - 1] == ' ') --pe;
      size_t pb = pe;
      while (pb > 0 && is_lower(window[pb - 1])) --pb;
      Measured lead = noun_class(window.substr(pb, pe - pb));
      if (lead == Measured::kLayer || lead == Measured::kParticle) return lead;
    }
    if (m != Measured::kUnknown) return m;
    e = b;
  }
  return Measured::kUnknown;
}

// A length that is no product dimension whatever its cue: a reagent specification (a purchased
// powder, tube or foil: "(particle size < 5 μm, Sigma)", "was purchased from ... with the diameter
// of 40-60 nm"), a filter, sieve or mesh rating, an ionic radius, lattice spacing or wavelength.
// `sentence` is the lower-cased sentence, `clause` the text before the length in its clause,
// `paren` the bracket that holds the length (empty when none). `own_cue`: the length carries its
// own hyphenated dimension adjective ("2-μm-thick YSZ"), so cues earlier in the clause ("surface
// roughness ... appropriate for deposition of 2-μm-thick ...") say nothing about it.
bool not_a_product_length(std::string_view sentence, std::string_view clause, std::string_view after,
                          std::string_view paren, bool own_cue) {
  for (std::string_view cue :
       {"purchased"sv, "supplied by"sv, "supplied from"sv, "bought"sv, "was obtained from"sv, "were obtained from"sv,
        "received from"sv, "provided by"sv, "aldrich"sv, "alfa aesar"sv}) {
    if (sentence.find(cue) != std::string_view::npos) return true;
  }
  // "..., length of 5-15 μm, and purity of 98%": a specification sheet.
  if (sentence.find("purity") != std::string_view::npos && sentence.find('%') != std::string_view::npos) return true;
  for (std::string_view cue : {"%"sv, "purity"sv, "co."sv, "ltd"sv, "inc."sv, "gmbh"sv, "corp"sv, "sigma"sv, "merck"sv,
                               "wako"sv, "acros"sv, "fluka"sv, "millipore"sv}) {
    if (paren.find(cue) != std::string_view::npos) return true;
  }
  // "commercial" only in the clause: "compared with a commercial cathode, the 20 μm thick ..." is a size.
  if (clause.find("commercial") != std::string_view::npos) return true;
  // Median / dV50 particle sizes of the powders an electrode is made from are a reagent
  // specification (GUIDELINE.md stage 3/4): "(with dV50,coarse ≈ 9 μm", "Pd (1 μm median size)".
  for (std::string_view cue : {"median"sv, "dv50"sv, "d50"sv, "dv,50"sv, "d(50)"sv}) {
    if (clause.find(cue) != std::string_view::npos ||
        after.substr(0, std::min<size_t>(after.size(), 14)).find(cue) != std::string_view::npos) {
      return true;
    }
  }
  std::string_view near_after = after.substr(0, std::min<size_t>(after.size(), 30));
  // A sieve "screen", not "screen-printed"/"screen printing" (a coating method of the layer).
  auto sieve_screen = [](std::string_view s) {
    for (size_t at = s.find("screen"); at != std::string_view::npos; at = s.find("screen", at + 6)) {
      std::string_view rest = s.substr(at + 6);
      if (!(rest.starts_with("-print") || rest.starts_with(" print") || rest.starts_with("print"))) return true;
    }
    return false;
  };
  for (std::string_view cue : {"filter"sv, "sieve"sv, "mesh"sv, "millipore"sv, "filtrat"sv}) {
    if (clause.find(cue) != std::string_view::npos || near_after.find(cue) != std::string_view::npos) return true;
  }
  if (sieve_screen(clause) || sieve_screen(near_after)) return true;
  if (own_cue) return false;
  // "the thickness of the NiO grain boundaries (about 1 nm)": a structural width (GUIDELINE.md
  // stage 4), unlike the "distance between grain boundaries" (a grain size).
  if (clause.find("grain boundar") != std::string_view::npos && clause.find("distance") == std::string_view::npos &&
      clause.find("size") == std::string_view::npos && after.find("thick") == std::string_view::npos) {
    return true;
  }
  for (std::string_view cue :
       {"ionic"sv, "atomic"sv, "curvature"sv, "lattice"sv, "d-spacing"sv, "interplanar"sv, "spacing"sv, "wavelength"sv,
        "\u03bb"sv, "scale bar"sv, "roughness"sv, "working distance"sv, "polish"sv,
        // "the Bohr diameter of 7 nm", "exciton radius", "a Stokes shift of 30 nm": a material constant
        // or a spectral distance, no particle's size.
        "bohr"sv, "exciton radius"sv, "excitonic radius"sv, "stokes"sv}) {
    // "polished ... to a thickness of 300 μm" names the sample's thickness, not the polishing grit.
    if (cue == "polish" && clause.find("to a thickness") != std::string_view::npos) continue;
    // "atomic layer deposited (ALD) YSZ" is a film, not an atomic radius.
    if (cue == "atomic" && clause.find("atomic layer") != std::string_view::npos) continue;
    // find() first: rfind() is a byte loop, find() uses memchr, and most clauses hold no cue.
    if (clause.find(cue) == std::string_view::npos) continue;
    size_t at = clause.rfind(cue);
    // A size word well after the cue names what the length measures: "the surface roughness ...
    // aggravates due to ... grains exhibiting BZY grain size of ∼0.5 μm" ("ionic size" stays out).
    std::string_view later = clause.substr(std::min(clause.size(), at + cue.size() + 15));
    if (later.find("size") == std::string_view::npos && later.find("thick") == std::string_view::npos &&
        later.find("diameter") == std::string_view::npos) {
      return true;
    }
  }
  // Distances that are no product dimension: "an initial delamination of 170 μm in size", "more
  // than 12 μm TEM cross section length", "oxygen diffusion length".
  for (std::string_view cue :
       {"delamination"sv, "crack"sv, "cross section length"sv, "cross-section length"sv, "diffusion length"sv,
        "diffusion distance"sv, "information depth"sv, "penetration depth"sv}) {
    if (near_after.find(cue) != std::string_view::npos) return true;
    // "delamination with a thickness of 10 μm each for the cathode" is a layer thickness.
    if (clause.find(cue) != std::string_view::npos && clause.find("thick", clause.rfind(cue)) == std::string_view::npos) {
      return true;
    }
  }
  // A length that names a change or an uncertainty, not a dimension: "a 5 nm variation in film
  // thickness", "a 2 nm difference between the samples", "an error of" comes before and stays.
  for (std::string_view noun : {" variation"sv, " difference"sv, " deviation"sv, " uncertainty"sv, " increase"sv,
                                " decrease"sv, " reduction"sv, " increment"sv, " resolution"sv}) {
    if (after.starts_with(noun)) return true;
  }
  return false;
}

// Shape words (morphologies.tsv) with the context gates documented at the top of that file.
struct MorphLexicon {
  enum Gate : uint8_t { kNone, kBase, kHabit, kStock, kAnaphora, kCore, kShape, kRound, kPlant };
  PhraseMatcher matcher;
  std::vector<std::string> labels;
  std::vector<Gate> gates;
  // One-word phrases (folded, with their plurals) → entry: parts of "nanoflakes/HPCs" and the stems
  // of "flake-like", "tube-shaped".
  StringMap<int> single;
  // First words of the matcher's phrases (and their forms without a final "s"): most tokens fail
  // this test on their precomputed hash and skip the matcher call.
  HashFilter first_words;
  void load(const std::filesystem::path& path) {
    for (const TsvRow& row : read_tsv(path, 2)) {
      bool cs = false, plural = true;
      Gate gate = kNone;
      if (row.fields.size() > 2) {
        std::string_view flags = row.fields[2];
        while (!flags.empty()) {
          size_t comma = flags.find(',');
          std::string_view f = flags.substr(0, comma);
          flags = comma == std::string_view::npos ? std::string_view() : flags.substr(comma + 1);
          if (f == "cs") cs = true;
          else if (f == "exact") plural = false;
          else if (f == "base") gate = kBase;
          else if (f == "habit") gate = kHabit;
          else if (f == "stock") gate = kStock;
          else if (f == "anaphora") gate = kAnaphora;
          else if (f == "core") gate = kCore;
          else if (f == "shape") gate = kShape;
          else if (f == "round") gate = kRound;
          else if (f == "plant") gate = kPlant;
          else throw RuleError(path.string() + ":" + std::to_string(row.line) + ": unknown flag '" + std::string(f) +
                               "'");
        }
      }
      int entry = static_cast<int>(labels.size());
      labels.push_back(row.fields[1]);
      gates.push_back(gate);
      // A base stem never stands alone: only "-like"/"-shaped" words reach it (through `single`).
      if (gate != kBase) {
        matcher.add(row.fields[0], entry, cs, plural && !cs);
        std::string first = fold_case(row.fields[0].substr(0, row.fields[0].find(' ')));
        first_words.add(first);
      }
      if (!cs && row.fields[0].find(' ') == std::string::npos) {
        std::string w = fold_case(row.fields[0]);
        single.emplace(w, entry);
        if (plural) {
          single.emplace(w + "s", entry);
          single.emplace(w + "es", entry);
        }
      }
    }
  }
};

// The stem of a "-like"/"-shaped" word ("flower-like", "flowerlike", "rod-shaped" → "flower",
// "flower", "rod"); empty when the word has no such suffix.
std::string_view shape_suffix_stem(std::string_view w) {
  if (w.empty() || (w.back() != 'e' && w.back() != 'd')) return {};
  for (std::string_view suffix : {"like"sv, "shaped"sv, "shape"sv}) {
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) {
      std::string_view stem = w.substr(0, w.size() - suffix.size());
      if (stem.ends_with("-")) stem.remove_suffix(1);
      return stem;
    }
  }
  return {};
}

// Morphology entities: shape words as written (nano-/micro- prefixes, plurals, -like/-shaped
// suffixes included, head nouns such as "particles" left out). Shape words inside material
// mentions count ("carbon nanotubes", "graphite flakes"): a shape is a shape, whatever it belongs to.
void find_morphologies(const MorphLexicon& lex, const TokenView& view, std::string_view folded,
                       const std::vector<uint8_t>& blocked, const std::vector<MaterialMention>& mats,
                       const std::vector<uint8_t>& in_material, std::vector<Raw>* raws) {
  const size_t n = view.tokens.size();
  // Word i-1 / i+1 when only spaces separate it from word i (no comma, bracket or full stop).
  auto adjacent = [&](size_t a) {  // tokens a and a+1
    for (size_t b = view.tokens[a].end; b < view.tokens[a + 1].begin; ++b) {
      if (folded[b] != ' ' && folded[b] != '\t' && folded[b] != '\n') return false;
    }
    return true;
  };
  auto prev_word = [&](size_t i) -> std::string_view {
    return i > 0 && adjacent(i - 1) ? view.folded[i - 1] : std::string_view();
  };
  auto next_word = [&](size_t i) -> std::string_view {
    return i + 1 < n && adjacent(i) ? view.folded[i + 1] : std::string_view();
  };
  auto singular = [](std::string_view w) {
    if (w.size() > 3 && w.ends_with("s")) w.remove_suffix(1);
    return w;
  };
  // A mention that is one metal: "Ti sheet", "Ag wire", "aluminum plates" are stock forms.
  auto metal_before = [&](size_t i) {
    if (i == 0 || !in_material[i - 1]) return false;
    for (const MaterialMention& m : mats) {
      if (m.last_token != i - 1) continue;
      const std::string& f = m.formula;
      bool element = (f.size() == 1 || (f.size() == 2 && is_lower(f[1]))) && is_upper(f[0]);
      return element && !one_of(f, {"C", "B", "N", "O", "H", "P", "S", "F", "I", "Si", "Se", "Te", "Cl", "Br"});
    }
    return false;
  };
  int shell_in_paragraph = -1;  // on first use only: searching every paragraph for "shell" is not free
  std::vector<std::string_view> seen_labels;
  auto gate_ok = [&](MorphLexicon::Gate gate, size_t i, size_t last, const std::string& label) {
    std::string_view prev = prev_word(i);
    std::string_view next = next_word(last);
    switch (gate) {
      case MorphLexicon::kNone:
        return true;
      case MorphLexicon::kBase:
        return false;
      case MorphLexicon::kHabit: {
        // "green blocks", "dark green plates", "hexagonal hydrohausmannite plates".
        if (metal_before(i)) return false;
        size_t k = i;
        if (k > 0 && in_material[k - 1] && k > 1 && adjacent(k - 1) && adjacent(k - 2)) prev = view.folded[--k - 1];
        size_t dash = prev.rfind('-');
        if (dash != std::string_view::npos) prev = prev.substr(dash + 1);
        return one_of(prev, {"colorless", "colourless", "white", "black", "red", "orange", "yellow", "green", "blue",
                             "purple", "violet", "brown", "pink", "grey", "gray", "dark", "light", "pale", "deep",
                             "transparent", "hexagonal", "square", "rectangular", "thin", "elongated", "prismatic",
                             "truncated", "triangular", "colourless", "lamellar"});
      }
      case MorphLexicon::kStock:
        return !metal_before(i) &&
               !one_of(prev, {"glass", "stirring", "stir", "magnetic", "quartz", "teflon", "ptfe", "steel", "stainless",
                              "metal", "metallic", "graphite", "carbon", "tape", "data", "acrylic", "hot",
                              "alumina", "optical", "copper", "nickel", "aluminum", "aluminium", "titanium", "platinum",
                              "silver", "gold"}) &&
               !one_of(next, {"resistance", "resistivity", "glass", "metal"});
      case MorphLexicon::kAnaphora:
        return std::find(seen_labels.begin(), seen_labels.end(), label) != seen_labels.end() &&
               !(i > 0 && in_material[i - 1]) && !one_of(next, {"furnace", "oven"});
      case MorphLexicon::kCore:
        if (shell_in_paragraph < 0) shell_in_paragraph = folded.find("shell") != std::string_view::npos;
        return shell_in_paragraph == 1 && !one_of(next, {"level", "levels", "electrons", "loss", "facility"});
      case MorphLexicon::kShape:
        if (prev == "truncated" || prev == "regular" || prev == "uniform") return true;
        // "Pd octahedra", "Pt polyhedra" (shape-control papers): after one metal the noun is the
        // particle's shape; "TiO6 octahedra" are coordination polyhedra, and the adjective stays
        // gated ("the Co octahedral positions"; review 13, D55).
        if (!view.folded[last].ends_with("al") && metal_before(i)) return true;
        if (polymorph_before(view, i, in_material)) return false;
        // Not "crystal": "a simple cubic crystal", "octahedral crystal field" name structure.
        return one_of(singular(next), {"particle", "nanoparticle", "nanocrystal", "crystallite", "grain", "shape",
                                       "shaped", "morphology", "nc", "np"});
      case MorphLexicon::kRound:
        return !one_of(next, {"to", "off", "up", "down"});
      case MorphLexicon::kPlant:
        // "palm oil shells", "coconut shell charcoal": biomass raw material (GUIDELINE.md), no shell of a particle.
        return !one_of(prev, {"oil", "palm", "coconut", "nut", "walnut", "peanut", "almond", "cashew", "pistachio",
                              "hazelnut", "apricot", "egg", "oyster", "clam", "mussel", "crab", "shrimp", "snail",
                              "rice", "seed", "kernel", "cocoa", "coffee"}) &&
               // "because of the ligand shell", "the hydration shell": a layer of molecules or
               // electrons around any particle, no inorganic shell (review 13, D53).
               !one_of(prev, {"ligand", "organic", "surfactant", "hydration", "solvation", "coordination",
                              "electron", "electronic", "valence"});
    }
    return true;
  };
  // A shape word before a device or sample noun names no particle shape: "hollow fiber membranes",
  // "tubular furnace", "micro-tubular SOFCs", "spherical pellets".
  auto device_after = [&](size_t last) {
    size_t j = last;
    for (int hops = 0; hops < 2 && j + 1 < n && adjacent(j); ++hops) {
      std::string_view w = singular(view.folded[j + 1]);
      if (one_of(w, {"membrane", "pellet", "specimen", "furnace", "oven", "reactor", "cell", "sofc", "stack", "holder", "paper",
                     "filter", "optic", "design", "configuration", "geometry", "setup", "electrolyte", "fuel", "solid",
                     "amplifier", "lattice", "coordinate", "harmonic", "aberration", "symmetry", "site",
                     // "the shell precursor", "shell stock solution": a reagent for the shell, no shape yet
                     "precursor", "stock"}) ||
          w.starts_with("aberration")) {  // "spherical aberration-corrected microscope"
        return true;
      }
      if (lex.matcher.match(view, j + 1).entry < 0) break;
      ++j;
    }
    return false;
  };
  auto emit = [&](size_t begin, size_t end, int entry) {
    Raw& r = raws->emplace_back();  // in place: see PendingRaw
    r.begin = begin;
    r.end = end;
    r.e.type = "morphology";
    r.e.normalized = lex.labels[entry];
    seen_labels.push_back(lex.labels[entry]);
  };
  // Atoms drawn as spheres in a structure figure: "Sr atoms are shown as green spheres".
  auto atom_spheres = [&](size_t i, const std::string& label) {
    if (label != "sphere" || !one_of(prev_word(i), {"white", "black", "red", "orange", "yellow", "green", "blue",
                                                    "purple", "violet", "brown", "pink", "grey", "gray", "cyan"})) {
      return false;
    }
    size_t from = view.tokens[i].begin > 150 ? view.tokens[i].begin - 150 : 0;
    std::string_view around = folded.substr(from, std::min<size_t>(300, folded.size() - from));
    return around.find("atom") != std::string_view::npos || around.find("ions") != std::string_view::npos ||
           around.find("represent") != std::string_view::npos;
  };
  for (size_t i = 0; i < n; ++i) {
    if (blocked[i]) continue;
    std::string_view f = view.folded[i];
    PhraseMatcher::Match m;
    if (lex.first_words.maybe_hash(view.hash[i]) || lex.first_words.maybe_hash(view.hash_but_last[i])) {
      m = lex.matcher.match(view, i);
    }
    if (m.entry >= 0) {
      size_t last = i + m.tokens - 1;
      if (gate_ok(lex.gates[m.entry], i, last, lex.labels[m.entry]) && !device_after(last) &&
          !atom_spheres(i, lex.labels[m.entry]) && !one_of(prev_word(i), {"integrating", "ulbricht"})) {
        emit(view.tokens[i].begin, view.tokens[last].end, m.entry);
      }
      i = last;
      continue;
    }
    // "flower-like", "rodlike", "tube-shaped": the stem decides, gates aside. (Most tokens end in
    // neither 'e' nor 'd': a cheap test first, this loop runs for every token.)
    if (f.size() < 6) continue;
    std::string_view stem = shape_suffix_stem(f);
    if (!stem.empty()) {
      auto it = lex.single.find(stem);
      if (it != lex.single.end() && !device_after(i)) emit(view.tokens[i].begin, view.tokens[i].end, it->second);
      if (it != lex.single.end()) continue;
    }
    // Parts of "nanoflakes/HPCs", "Fe3O4@nanospheres", "ZnO-nanowires" (ASCII tokens only: offsets
    // of the folded form are those of the text).
    // Bitwise, without branches: the loop runs over every longer token (1 % of the time).
    unsigned parts = 0;
    for (char c : f) parts |= static_cast<unsigned>(c == '/') | static_cast<unsigned>(c == '@') | static_cast<unsigned>(c == '-');
    if (!parts || f.size() != view.tokens[i].end - view.tokens[i].begin) continue;
    size_t from = 0;
    while (from < f.size()) {
      // A byte loop: find_first_of() calls memchr() over the set for every byte.
      size_t to = from;
      while (to < f.size() && f[to] != '/' && f[to] != '@' && f[to] != '-') ++to;
      std::string_view piece = f.substr(from, to - from);
      if (piece.size() >= 4 && piece.size() < f.size()) {
        auto it = lex.single.find(piece);
        if (it == lex.single.end() && !shape_suffix_stem(piece).empty()) it = lex.single.find(shape_suffix_stem(piece));
        // Bare gated words ("tube", "sheet") inside compounds are too loose ("quartz-tube", "Ti-sheet").
        if (it != lex.single.end() && lex.gates[it->second] == MorphLexicon::kNone && !device_after(i)) {
          emit(view.tokens[i].begin + from, view.tokens[i].begin + to, it->second);
        }
      }
      from = to + 1;
    }
  }
}

// The elements of a formula as bits (bit = atomic number): "NaOH" → Na, O, H; "NH3·H2O" → N, H, O;
// "Co(NO3)2·6H2O" → Co, N, O, H. A symbol is a capital and at most one lower-case letter and must
// be an element; digits, brackets, hydrate dots, "x"/"δ" and "Ac" (acetate in "Zn(OAc)2", never
// actinium in a synthesis) are skipped.
using ElementSet = std::bitset<128>;
ElementSet formula_elements(std::string_view formula) {
  static constexpr std::string_view kSymbols[] = {
      "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si", "P",  "S",
      "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As",
      "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
      "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho",
      "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",  "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po",
      "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U",  "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md",
      "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};
  auto number = [](std::string_view sym) -> size_t {
    for (size_t z = 1; z < std::size(kSymbols); ++z) {
      if (kSymbols[z] == sym) return z;
    }
    return 0;
  };
  ElementSet out;
  for (size_t i = 0; i < formula.size(); ++i) {
    if (!is_upper(formula[i])) continue;
    size_t z = 0;
    if (i + 1 < formula.size() && is_lower(formula[i + 1])) {
      z = number(formula.substr(i, 2));
      if (z == 89) z = 0;  // "Ac": acetate
      if (z != 0 || number(formula.substr(i, 1)) == 0) {
        ++i;  // a two-letter symbol, or no element at all ("Me", "Et", "Ph")
        if (z != 0) out.set(z);
        continue;
      }
    }
    z = number(formula.substr(i, 1));
    if (z != 0) out.set(z);
  }
  return out;
}

// The elements an additive can give a product, read from a product's name when it has no formula
// ("sodium titanate" → Na, "carbon nitride" → N, "iron phosphate" → P).
ElementSet name_elements(std::string_view folded) {
  static constexpr std::pair<std::string_view, int> kStems[] = {
      {"sodium", 11}, {"potassium", 19}, {"lithium", 3}, {"ammonium", 7}, {"nitr", 7},  {"fluor", 9},
      {"chlor", 17},  {"brom", 35},      {"iod", 53},    {"phosph", 15},  {"sulf", 16}, {"sulph", 16},
      {"mangan", 25}, {"boron", 5},      {"bor", 5}};
  ElementSet out;
  for (const auto& [stem, z] : kStems) {
    if (folded.find(stem) != std::string_view::npos) out.set(static_cast<size_t>(z));
  }
  return out;
}

// What the passes of extract() share for one paragraph: the text and its views (built before the
// passes run), the entities found so far (`raws`), and what one pass leaves for a later one. The
// references point at extract()'s locals, built in its order.
struct Paragraph {
  std::string_view text;
  const std::string& folded;  // ascii_lower(text)
  const CodePointMap& cps;
  const TokenView& view;
  const SentenceStarts& sentences;
  const std::vector<uint8_t>& blocked;       // per token: inside a quantity
  const std::vector<Quantity>& qs;           // numbers with units, and the cues without digits
  const std::vector<MaterialMention>& mats;  // MaterialFinder::find()
  const std::vector<uint8_t>& in_material;   // per token: inside a material mention
  std::vector<Raw>& raws;                    // the entities so far, unordered
  // Left by one pass for a later one:
  std::vector<std::pair<size_t, size_t>> failure_spans = {};  // find_failures(): bytes [begin, end)
  std::vector<FailureScope> failure_scopes = {};              // find_failures(): one per span
  std::vector<std::pair<size_t, size_t>> failure_sentences = {};  // find_failures(): one per span, its sentence
  std::vector<std::pair<size_t, size_t>> cited_sentences = {};    // find_failures(): cited_failure() sentences
  std::vector<int> amount_material = {};    // link_amounts(): per raw, the mention it doses or -1
  std::vector<int> material_amounts = {};   // link_amounts(): per mention, its amounts
  std::vector<int> material_measures = {};  // link_amounts(): the same without fractions
  std::vector<bool> alias = {};             // find_aliases(): per mention, an alias of the one before
  std::vector<std::tuple<size_t, size_t, size_t>> outcome_at = {};  // order_entities(): (entity, begin, end)
  std::vector<size_t> unmade_sizes = {};  // table_sizes(): begins (bytes, ascending) of sizes of no product made

  // The token that holds byte `byte`, or the first token after it (view.tokens.size() at the end).
  size_t token_at(size_t byte) const {
    auto it = std::lower_bound(view.tokens.begin(), view.tokens.end(), byte,
                               [](const Token& t, size_t b) { return t.end <= b; });
    return static_cast<size_t>(it - view.tokens.begin());
  }
};

// Order, offsets, links: moves the entities of para.raws into `result` in text order (begin, then
// longest first), with code-point offsets and amount → material links; notes the outcomes in
// para.outcome_at. Needs every entity pass done.
void order_entities(Paragraph& para, Extraction& result) {
  const std::string_view text = para.text;
  const CodePointMap& cps = para.cps;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  std::vector<std::tuple<size_t, size_t, size_t>>& outcome_at = para.outcome_at;
  // Sort an index and move each entity once, straight into the result: Raw holds an Entity with
  // many strings, expensive to move twice.
  // The order is by begin, then longest first, then raws order (a stable sort): sorting
  // (begin, end, index) keys packed into integers gives it with a plain sort of a flat array, where
  // comparing through raws (a cache miss per compare) was 0.7 % of the extraction time. Offsets
  // fit in 32 bits, as in Token and CodePointMap.
  std::vector<std::pair<uint64_t, uint32_t>> keyed(raws.size());
  for (uint32_t k = 0; k < keyed.size(); ++k) {
    keyed[k] = {(static_cast<uint64_t>(raws[k].begin) << 32) | (0xFFFFFFFFu - static_cast<uint32_t>(raws[k].end)), k};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(raws.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = keyed[k].second;
  std::vector<int> material_index(mats.size(), -1);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    if (raws[order[pos]].material_id >= 0) material_index[raws[order[pos]].material_id] = static_cast<int>(pos);
  }
  result.entities.reserve(raws.size());
  for (uint32_t k : order) {
    Raw& r = raws[k];
    Entity& e = r.e;
    e.start = cps[r.begin];
    e.end = cps[r.end];
    e.text.assign(text.substr(r.begin, r.end - r.begin));
    if (r.material_ref >= 0) e.material = material_index[r.material_ref];
    if (is_outcome(e)) outcome_at.push_back({result.entities.size(), r.begin, r.end});
    result.entities.push_back(std::move(e));
  }
}

// Whether the words after a product say it is only supposed: "in theory", "in principle", "but not
// in practice".
bool supposed(std::string_view after) {
  for (std::string_view w : {"in theory"sv, "in principle"sv, "theoretically"sv, "not in practice"sv}) {
    if (after.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether `folded` reports good nanocrystals without naming them by formula or size ("Monodisperse
// NCs were obtained with narrow size distribution", "Monodisperse NCs were thus obtained"), says a
// product was made ("NCs were successfully prepared"), or gives its form ("The product was obtained
// as a black powder"): a success that holds no outcome entity. "were never obtained" is none.
bool product_reported(std::string_view folded, const SentenceStarts& sentences) {
  static constexpr std::string_view kGate[] = {"monodisperse"sv, "uniform"sv, "well-defined"sv, "high-quality"sv,
                                               "highly crystalline"sv, "successfully"sv, "obtained as"sv};
  if (std::none_of(std::begin(kGate), std::end(kGate),
                   [&](std::string_view w) { return find_bytes(folded, w) != std::string_view::npos; })) {
    return false;
  }
  // Three forms sharing the noun and adverb groups; built once.
  static const re2::RE2 product([] {
    const std::string noun =
        R"((?:ncs|nanocrystals|qds|quantum\s+dots|nps|nanoparticles|nanorods|nanowires|nanoplatelets|nanosheets|)"
        R"(nanocubes|particles))";
    const std::string be = R"(\s+(?:were|was)\s+(?:(?:then|finally|readily|reproducibly|thus|thereby|therefore|)"
                           R"(hence|consistently|easily)\s+){0,2})";
    const std::string made = R"((?:obtained|formed|produced|synthesi[sz]ed|grown|isolated|prepared)\b)";
    return R"(\b(?:monodisperse|uniform|well-defined|high-quality|highly\s+crystalline)\s+(?:[\w-]+\s+){0,2}?)" +
           noun + be + R"((?:successfully\s+)?)" + made +  //
           R"(|\b)" + noun + be + R"(successfully\s+)" + made +  //
           R"(|\b(?:products?|)" + noun + ")" + be + R"((?:successfully\s+)?obtained\s+as\s+(?:an?\s+)?)" +
           R"((?:[\w-]+\s+){0,3}?(?:powders?|solids?|precipitates?|dispersions?|colloids?|films?)\b)";
  }());
  re2::StringPiece in(folded.data(), folded.size()), found;
  size_t pos = 0;
  while (pos < folded.size() && product.Match(in, pos, folded.size(), re2::RE2::UNANCHORED, &found, 1)) {
    const size_t at = static_cast<size_t>(found.data() - folded.data());
    const size_t ss = sentences(at, 300);
    const std::string_view before = folded.substr(ss, at - ss);
    // "If monodisperse NCs were obtained", "To check whether uniform particles were formed".
    // "were obtained in previous reports [12]", "were obtained in theory, but not in practice": cited
    // or supposed products, the guards of the failure cues (review 12b, R6).
    std::string_view after = folded.substr(at + found.size(), std::min<size_t>(folded.size() - at - found.size(), 200));
    after = after.substr(0, after.find(". "));
    if (!hedged_outcome(folded, ss, at) && before.find("if ") == std::string_view::npos &&
        before.find("whether") == std::string_view::npos && !cites_earlier_work(before) &&
        !cites_earlier_work(after) && !supposed(after)) {
      return true;
    }
    pos = at + found.size();
  }
  return false;
}

// Whether an outcome at bytes [from, to) tells of a failure at [fb, fe) in the sentence [ss, se):
// inside its span, or in its sentence with no contrast between them ("Without HF treatment, the InP
// cores were essentially non-emissive (PLQY < 1%)": the PLQY measures the failed variant, it is no
// success beside it; review 13, D21).
bool outcome_of_failure(std::string_view folded, size_t from, size_t to, size_t fb, size_t fe, size_t ss, size_t se) {
  if (fb <= from && to <= fe) return true;
  if (from < ss || to > se) return false;
  const std::string_view gap = from >= fe ? folded.substr(fe, from - fe) : folded.substr(to, fb > to ? fb - to : 0);
  for (std::string_view w : {"whereas"sv, "while "sv, " but "sv, "however"sv, "contrast"sv, "instead"sv, "unlike"sv,
                             "compared"sv}) {
    if (gap.find(w) != std::string_view::npos) return false;
  }
  return true;
}

// The products of a sentence that tells of a failure in earlier work (find_failures()'s
// para.cited_sentences): no target of this work, and no outcome of it (review 13, D22).
void set_aside_cited(Paragraph& para, Extraction& result) {
  if (para.cited_sentences.empty()) return;
  auto cited = [&](size_t begin, size_t end) {
    return std::any_of(para.cited_sentences.begin(), para.cited_sentences.end(),
                       [&](const std::pair<size_t, size_t>& c) { return c.first <= begin && end <= c.second; });
  };
  auto& outcomes = para.outcome_at;
  outcomes.erase(std::remove_if(outcomes.begin(), outcomes.end(),
                                [&](const std::tuple<size_t, size_t, size_t>& o) {
                                  if (!cited(std::get<1>(o), std::get<2>(o))) return false;
                                  Entity& e = result.entities[std::get<0>(o)];
                                  if (e.type == "material") e.role = "other";
                                  return true;
                                }),
                 outcomes.end());
}

// Whether an outcome at bytes [from, to) tells of a failure under an 'if' condition (FailureScope::kCondition)
// in its sentence (outcome_of_failure()).
bool of_condition_failure(const Paragraph& para, size_t from, size_t to) {
  for (size_t f = 0; f < para.failure_spans.size(); ++f) {
    if (para.failure_scopes[f] == FailureScope::kCondition &&
        outcome_of_failure(para.folded, from, to, para.failure_spans[f].first, para.failure_spans[f].second,
                           para.failure_sentences[f].first, para.failure_sentences[f].second)) {
      return true;
    }
  }
  return false;
}

// Outcomes and status: result.status from the failures (find_failures()) and the outcomes that
// tell of this synthesis (order_entities()'s para.outcome_at, read in `result`).
void paragraph_status(const Paragraph& para, Extraction& result) {
  const std::string& folded = para.folded;
  const SentenceStarts& sentences = para.sentences;
  const std::vector<std::tuple<size_t, size_t, size_t>>& outcome_at = para.outcome_at;
  const std::vector<std::pair<size_t, size_t>>& failure_spans = para.failure_spans;
  const std::vector<FailureScope>& failure_scopes = para.failure_scopes;
  bool has_outcome = false;
  bool outcome_outside = false;
  for (const auto& [index, begin, end] : outcome_at) {
    const Entity& e = result.entities[index];
    // Outcomes that tell nothing of this synthesis's result: a bare "shell"/"core" (a structure the
    // sentence may only discuss: "It is not possible to rule out Cd in the shell"), and a phase
    // right before a precursor (a starting powder: "The cubic perovskite SrTiO3 powder was
    // calcined"; a material of role other may be an unrecognised product: "spinel Li4Ti5O12").
    if (e.type == "morphology" && (e.text.size() <= 6) &&
        one_of(ascii_lower(e.text), {"shell", "shells", "core", "cores"})) {
      continue;
    }
    if (e.type == "phase" && index + 1 < result.entities.size()) {
      const Entity& next = result.entities[index + 1];
      if (next.type == "material" && next.start <= e.end + 1 && next.role == "precursor") continue;
    }
    // "Without the ligand, the reaction might fail to produce nanorods", "longer times would yield
    // nanowires": an outcome after a modal production verb in its sentence is a supposition, no
    // result. "could" counts only as "could fail" ("nanorods could be obtained" reports one).
    const size_t ss = sentences(begin, 300);
    if (hedged_outcome(folded, ss, begin)) continue;
    if (e.type == "size" && seed_input_size(folded, ss, begin, end)) continue;
    if (e.type == "size" && std::binary_search(para.unmade_sizes.begin(), para.unmade_sizes.end(), begin)) continue;
    // "Phase-pure CsPbI3 NCs could not be obtained if ...": the product of a failed variant.
    if (of_condition_failure(para, begin, end)) continue;
    has_outcome = true;
    // An outcome outside every failure ("Nanorods formed within 5 min; no nanorods formed
    // without CTAB"): the success that makes an ablation no failure of the paragraph.
    if (!outcome_outside) {
      bool with_failure = false;
      for (size_t f = 0; f < failure_spans.size() && !with_failure; ++f) {
        with_failure = outcome_of_failure(folded, begin, end, failure_spans[f].first, failure_spans[f].second,
                                          para.failure_sentences[f].first, para.failure_sentences[f].second);
      }
      outcome_outside = !with_failure;
    }
  }
  bool failed = false;
  for (FailureScope scope : failure_scopes) {
    failed = failed || scope == FailureScope::kParagraph || (scope == FailureScope::kAblation && !outcome_outside);
  }
  const bool success = has_outcome || (!failed && product_reported(folded, sentences));
  result.status = failed ? SynthesisStatus::kFailed : success ? SynthesisStatus::kSuccess : SynthesisStatus::kUnknown;
}

// Per token: whether it lies inside a quantity (not an "ignore" one), so that no later pass reads
// it as a word or material. One byte per token, not std::vector<bool>: these flags are read at every
// token by every pass, and a bit vector pays a shift and mask per read (2 % of the extraction time).
std::vector<uint8_t> quantity_tokens(const TokenView& view, const std::vector<Quantity>& qs) {
  std::vector<uint8_t> blocked(view.tokens.size(), false);
  for (size_t i = 0, k = 0; i < view.tokens.size(); ++i) {
    while (k < qs.size() && qs[k].end <= view.tokens[i].begin) ++k;
    for (size_t j = k; j < qs.size() && qs[j].begin < view.tokens[i].end; ++j) {
      if (overlaps(qs[j].begin, qs[j].end, view.tokens[i].begin, view.tokens[i].end) && qs[j].kind != "ignore"sv) {
        blocked[i] = true;
      }
    }
  }
  return blocked;
}

// Per token: whether it lies inside a material mention (byte flags, as quantity_tokens()).
std::vector<uint8_t> material_tokens(const TokenView& view, const std::vector<MaterialMention>& mats) {
  std::vector<uint8_t> in_material(view.tokens.size(), false);
  for (const auto& m : mats) {
    for (size_t k = m.first_token; k <= m.last_token; ++k) in_material[k] = true;
  }
  return in_material;
}

// FWHM in nm → meV around the PL peak: ΔE = hc/(λ−w/2) − hc/(λ+w/2), hc = 1239.84 eV·nm. The
// peak is the last one of the paragraph, except for a list of widths after a list of as many
// peaks: "bands at 450 and 600 nm with FWHMs of 20 and 60 nm" pairs them in order.
// Needs quantity_entities()'s PL peaks (`pl_peaks`, the last one's value `last_pl_peak`) and widths
// in nm (`fwhm_nm`), indices into para.raws.
void fwhm_in_mev(Paragraph& para, double last_pl_peak, const std::vector<size_t>& fwhm_nm,
                 const std::vector<size_t>& pl_peaks) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  std::vector<Raw>& raws = para.raws;
  if (last_pl_peak > 0) {
    // The items of the list that raws[list[i]] belongs to: [first, last] indices into `list`.
    auto run = [&](const std::vector<size_t>& list, size_t i) {
      auto joined = [&](size_t a, size_t b) {
        if (raws[list[a]].end > raws[list[b]].begin) return false;
        std::string_view gap = std::string_view(folded).substr(raws[list[a]].end, raws[list[b]].begin - raws[list[a]].end);
        return list_gap(gap);
      };
      size_t first = i, last = i;
      while (first > 0 && joined(first - 1, first)) --first;
      while (last + 1 < list.size() && joined(last, last + 1)) ++last;
      return std::pair<size_t, size_t>(first, last);
    };
    // The last PL peak with a value (the peak of `last_pl_peak`), unless a list pairs another.
    size_t last_peak_raw = SIZE_MAX;
    for (size_t p = pl_peaks.size(); p-- > 0;) {
      if (raws[pl_peaks[p]].e.value) {
        last_peak_raw = pl_peaks[p];
        break;
      }
    }
    for (size_t i = 0; i < fwhm_nm.size(); ++i) {
      Entity& e = raws[fwhm_nm[i]].e;
      double peak = last_pl_peak;
      size_t peak_raw = last_peak_raw;  // index into raws of the peak used
      auto [first, last] = run(fwhm_nm, i);
      if (last > first) {
        // The last list of PL peaks before the widths.
        bool paired = false;
        for (size_t p = pl_peaks.size(); p-- > 0;) {
          if (raws[pl_peaks[p]].begin >= raws[fwhm_nm[first]].begin) continue;
          auto [pf, pe] = run(pl_peaks, p);
          if (pe - pf == last - first && raws[pl_peaks[pf + (i - first)]].e.value) {
            peak = *raws[pl_peaks[pf + (i - first)]].e.value;
            peak_raw = pl_peaks[pf + (i - first)];
            paired = true;
          }
          break;
        }
        // Else the first list of PL peaks after them, when it is as long and close (the same
        // sentence, as a rule): "FWHMs of 25 and 30 nm for the emission peaks at 520 and 610 nm".
        for (size_t p = 0; p < pl_peaks.size() && !paired; ++p) {
          const size_t widths_end = raws[fwhm_nm[last]].end;
          if (raws[pl_peaks[p]].begin < widths_end) continue;
          auto [pf, pe] = run(pl_peaks, p);
          if (raws[pl_peaks[pf]].begin - widths_end <= 120 && pe - pf == last - first &&
              std::string_view(text).substr(widths_end, raws[pl_peaks[pf]].begin - widths_end).find(". ") ==
                  std::string_view::npos &&
              raws[pl_peaks[pf + (i - first)]].e.value) {
            peak = *raws[pl_peaks[pf + (i - first)]].e.value;
            peak_raw = pl_peaks[pf + (i - first)];
          }
          break;
        }
      }
      // "Cores ... emit at 552 nm, and after growth of eight monolayers of CdS the core/shell
      // particles reach ... a FWHM of 24 nm": a changed sample between the peak and the width (after
      // a growth step, in contrast to another sample) - its own peak is not given, keep nm.
      if (peak_raw != SIZE_MAX) {
        size_t from = std::min(raws[peak_raw].end, raws[fwhm_nm[i]].end);
        size_t to = std::max(raws[peak_raw].begin, raws[fwhm_nm[i]].begin);
        std::string_view gap = from < to ? std::string_view(folded).substr(from, to - from) : std::string_view();
        bool other_sample = false;
        for (std::string_view cue : {" after "sv, "whereas"sv, " while "sv, "contrast"sv, "compared"sv, " upon "sv,
                                     "following "sv}) {
          other_sample |= gap.find(cue) != std::string_view::npos;
        }
        if (other_sample) continue;
      }
      // A PL peak below 200 nm, or a width of half its wavelength or more, is a misread: keep nm.
      if (!e.value || *e.value <= 0 || peak < 200 || *e.value >= peak / 2) continue;
      double lo = peak - *e.value / 2, hi = peak + *e.value / 2;
      e.value = std::round((1239.84 / lo - 1239.84 / hi) * 1000 * 10) / 10;
      e.unit = "meV";
    }
  }
}

// Aliases: para.alias[mi] when mention mi restates the mention right before it in brackets.
// Needs the materials only.
void find_aliases(Paragraph& para) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const std::vector<MaterialMention>& mats = para.mats;
  // An alias in brackets right after a material restates it: "tetraethyl orthosilicate (TEOS,
  // 98%)", "cobalt nitrate [Co(NO3)2*6H2O]", "dicyandiamide (C2H4N4, Alfa Aesar, denoted as
  // DCDA)". The defining mention carries the role and the alias is "other": MSP annotates aliases
  // so, and a synthesis record would otherwise list the reagent twice.
  std::vector<bool> alias(mats.size(), false);
  static constexpr std::string_view kNamingCues[] = {"denoted as", "abbreviated as", "denoted", "abbreviated",
                                                     "hereafter", "named"};
  for (size_t mi = 1; mi < mats.size(); ++mi) {
    size_t k = mats[mi].begin, open = std::string_view::npos;
    // The test below needs the bracket's contents, spaces dropped, to be empty or to end with a
    // naming cue, so the text before the mention (spaces dropped) ends with the bracket or with
    // the cue. Most mentions fail that, and it is cheaper than the backward scan for the bracket.
    std::string_view head = std::string_view(folded).substr(0, k);
    while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
    if (head.empty()) continue;
    if (head.back() != '(' && head.back() != '[' &&
        std::none_of(std::begin(kNamingCues), std::end(kNamingCues),
                     [head](std::string_view cue) { return head.ends_with(cue); })) {
      continue;
    }
    for (size_t j = k; j > 0 && k - j < 50; --j) {
      char c = text[j - 1];
      if (c == ')' || c == ']' || c == ';') break;
      if (c == '(' || c == '[') {
        open = j - 1;
        break;
      }
    }
    if (open == std::string_view::npos) continue;
    std::string_view inside = std::string_view(folded).substr(open + 1, k - open - 1);
    while (!inside.empty() && inside.back() == ' ') inside.remove_suffix(1);
    bool named = inside.empty();
    for (std::string_view cue : kNamingCues) {
      named |= inside.ends_with(cue) && (inside.size() == cue.size() || inside[inside.size() - cue.size() - 1] == ' ');
    }
    if (!named) continue;
    size_t p = open;
    while (p > 0 && text[p - 1] == ' ') --p;
    for (size_t j = mi; j-- > 0;) {
      if (mats[j].end == p) alias[mi] = true;
      if (mats[j].end <= p) break;
    }
  }
  para.alias = std::move(alias);
}

// Amounts → materials: links each amount entity of para.raws to the material mention it doses
// (nearest in its clause, then "respectively" lists paired in order); leaves para.amount_material
// (per raw), para.material_amounts and para.material_measures (per mention). Needs the quantities
// pass and the materials.
// The solute of "Se in TOP (1 M, 2 mL)", "a solution of sulfur in ODE (0.1 M)": the material named
// right before " in " and the solvent mention `solvent`, whose bracket holds the solution's
// concentration and volume; those are the solute's (it is the reagent). Else `solvent`.
// A volume goes to the solute only when a concentration shares the bracket (`solution`): then it is
// the solution's volume. A volume alone ("CdO in OA (1 mL)", "HAuCl4 in water (20 mL)") is the
// solvent's, as it measures the liquid the solid was put in.
int solute_before(const std::vector<MaterialMention>& mats, std::string_view folded, int solvent, bool volume,
                  bool solution) {
  if (solvent <= 0 || (volume && !solution)) return solvent;
  const MaterialMention& solute = mats[solvent - 1];
  const size_t from = mats[solvent].begin;
  return solute.end <= from && folded.substr(solute.end, from - solute.end) == " in " ? solvent - 1 : solvent;
}

// The product of "PbS QDs were dispersed in octane (50 mg/mL)" for the bracket after the solvent
// mention `solvent`: a concentration there is the dispersion's, of the material named before
// "(re)dispersed in" (a few words between, no clause break), or of no material when none is named
// ("The NCs were dispersed in hexane (10 mg/mL)": -1). Else `solvent`.
int dispersed_product(const std::vector<MaterialMention>& mats, std::string_view folded, int solvent) {
  const size_t from = mats[solvent].begin;
  if (!folded.substr(0, from).ends_with("dispersed in ")) return solvent;
  const size_t verb = from - std::string_view("dispersed in ").size();
  if (solvent == 0 || mats[solvent - 1].end > verb) return -1;
  std::string_view gap = folded.substr(mats[solvent - 1].end, verb - mats[solvent - 1].end);
  return gap.size() <= 24 && gap.find_first_of(".;,()0123456789") == std::string_view::npos ? solvent - 1 : -1;
}

// Whether the bracket opening at `open` holds a concentration ("(1 M, 2 mL)"): it then gives a
// solution's make-up, not a solvent's volume.
bool concentration_in_bracket(const std::vector<Raw>& raws, std::string_view text, size_t open) {
  const size_t close = text.find(')', open);
  for (const Raw& r : raws) {
    if (r.begin > open && r.begin < close && r.e.type == "amount"sv && r.e.quantity == "concentration"sv) return true;
  }
  return false;
}

// "The concentration of NaBH4 was 1.0 × 10^-2 M", "the amount of HAuCl4 was 0.1 mmol": the mention
// that a quantity noun names as the subject, with only a copula between it and the amount at byte
// `b` (review 13, D58). Its index in `mats`, else -1.
int quantity_noun_subject(const std::vector<MaterialMention>& mats, std::string_view folded, size_t b) {
  auto before_b = [&](const MaterialMention& m) { return m.end <= b; };
  const size_t k = static_cast<size_t>(std::partition_point(mats.begin(), mats.end(), before_b) - mats.begin());
  if (k == 0) return -1;
  const MaterialMention& m = mats[k - 1];
  std::string_view gap = folded.substr(m.end, b - m.end);
  if (gap != " was " && gap != " is " && gap != " were " && gap != " was about " && gap != " was approximately ") return -1;
  std::string_view lead = folded.substr(0, m.begin);
  for (std::string_view noun : {"concentration of "sv, "concentration of the "sv, "amount of "sv, "amount of the "sv,
                                "volume of "sv, "volume of the "sv, "mass of "sv, "molarity of "sv}) {
    if (lead.ends_with(noun)) return static_cast<int>(k - 1);
  }
  return -1;
}

// Whether mention `last` closes "mixture of A and B" ("a 3:1 mixture of OAm and OA (4 mL)"): the
// bracket after it holds the mixture's amount, which is no amount of B alone.
bool mixture_of_before(const std::vector<MaterialMention>& mats, std::string_view folded, int last) {
  if (last <= 0) return false;
  const MaterialMention& first = mats[last - 1];
  const size_t from = mats[last].begin;
  return first.end <= from && folded.substr(first.end, from - first.end) == " and " &&
         folded.substr(0, first.begin).ends_with("mixture of ");
}

// "50, 100, 150 and 250 μL of AgNO3 solution": the items of a list of amounts before the last one,
// which alone carries the unit and the material, are amounts of that material too. Unlinked items
// (`amount_material` -1) of the same quantity, joined only by commas, "and", "or", take the link
// of the next item; not in a "respectively" sentence, which pairs them with other materials.
void share_list_links(const std::vector<Raw>& raws, std::string_view folded, std::vector<int>& amount_material,
                      std::vector<int>& material_amounts, std::vector<int>& material_measures) {
  for (size_t ri = raws.size(); ri-- > 1;) {
    const int link = amount_material[ri];
    if (link < 0 || raws[ri].e.type != "amount"sv || raws[ri - 1].e.type != "amount"sv) continue;
    // "3.35, 15 and 0.54 mL of A, B and C, respectively": the items pair with the materials in order.
    std::string_view rest = folded.substr(raws[ri].end, std::min<size_t>(200, folded.size() - raws[ri].end));
    if (rest.substr(0, rest.find(". ")).find("respectively") != std::string_view::npos) continue;
    for (size_t rj = ri; rj-- > 0;) {
      const Raw& item = raws[rj];
      const Raw& next = raws[rj + 1];
      if (item.e.type != "amount"sv || amount_material[rj] >= 0 || item.e.quantity != raws[ri].e.quantity ||
          item.end > next.begin || next.begin - item.end > 6) {
        break;
      }
      std::string_view gap = folded.substr(item.end, next.begin - item.end);
      std::string_view number = folded.substr(item.begin, item.end - item.begin);
      if (gap.find_first_not_of(" ,andor") != std::string_view::npos ||
          number.find_first_not_of("0123456789.") != std::string_view::npos) {
        break;
      }
      amount_material[rj] = link;
      ++material_amounts[link];
      if (item.e.quantity != "fraction") ++material_measures[link];
    }
  }
}

void link_amounts(Paragraph& para) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const TokenView& view = para.view;
  const std::vector<uint8_t>& blocked = para.blocked;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  std::vector<int> amount_material(raws.size(), -1);
  std::vector<int> material_amounts(mats.size(), 0);
  std::vector<int> material_measures(mats.size(), 0);  // amounts other than a fraction ("0.2 mmol", "5 mL")
  {
    // Material index by first token, for forward/backward linking.
    std::vector<int> mat_at_token(view.tokens.size(), -1);
    std::vector<int> mat_ending_at_token(view.tokens.size(), -1);
    for (size_t mi = 0; mi < mats.size(); ++mi) {
      // Two mentions in one token ("5% H2/Ar"): forward links reach the first, as the amount of a
      // slash mixture goes to its first part (review 13, D61); backward ones the last.
      if (mat_at_token[mats[mi].first_token] < 0) mat_at_token[mats[mi].first_token] = static_cast<int>(mi);
      mat_ending_at_token[mats[mi].last_token] = static_cast<int>(mi);
    }
    for (size_t ri = 0; ri < raws.size(); ++ri) {
      if (raws[ri].e.type != "amount"sv) continue;
      size_t b = raws[ri].begin, e = raws[ri].end;
      int link = -1;
      // Inside brackets right after a material: "CdO (0.2 mmol)", "NaOH (20 mL, 5 M)".
      size_t open = std::string_view::npos;
      int solution_link = -1;
      // "(Ag(DDTC), 0.1 mmol)": a closed bracket inside the amount's bracket is skipped.
      for (size_t k = b; k > 0 && b - k < 60; --k) {
        char c = text[k - 1];
        // A sentence end stops the scan; a decimal point ("CdO (99.99%, 0.2 mmol)") does not.
        if (c == '.' && (k >= text.size() || !is_digit(text[k]))) break;
        if (c == ')') {
          // Only a bracket glued to a word, with no space inside, nests ("Ag(DDTC)", "Cd(OAc)2"):
          // "CdO (0.2 mmol) and 5 mL OA" puts 5 mL in no bracket.
          // Looked for within the 60-byte window only (an unbounded rfind per amount would be
          // quadratic on a paragraph of ')' without '(').
          size_t o = k - 1;
          while (o > 0 && b - o < 60 && text[o] != '(') --o;
          // "((DMA)3P, 1.6 mmol)": a group that opens the bracketed alias nests too (review 8, D20).
          if (text[o] != '(' || o == 0 || b - o >= 60 || (!is_alnum(text[o - 1]) && text[o - 1] != '(') ||
              text.substr(o, k - o).find(' ') != std::string_view::npos) {
            break;
          }
          k = o + 1;  // the loop's --k moves to the '(', the next test to the word before it
          continue;
        }
        if (c == '(') {
          open = k - 1;
          break;
        }
      }
      // Forward: "0.2 mmol of CdO", "10 mL of a 0.5 M HCl solution", "0.8 g CTAB". A closing
      // bracket, comma or sentence stop right after the amount ends it ("MnSt2 (0.05 mmol), ODA
      // (1.5 g)": the amount is no ODA's).
      int forward_link = -1;
      {
        size_t t = para.token_at(e);
        if (t < view.tokens.size() && view.tokens[t].begin < e) ++t;
        bool stop = t < view.tokens.size() && view.tokens[t].begin > e &&
                    text.substr(e, view.tokens[t].begin - e).find_first_of(".;,)]") != std::string_view::npos;
        // "A methanol solution (10 mL) of NH4F": "of" after the bracket goes on to the solute.
        if (stop && text.substr(e, view.tokens[t].begin - e) == ") " && view.folded[t] == "of") stop = false;
        // "2.0 g (0.05 mmol) of PVP": a bracket that only restates the amount in other units is
        // skipped, and the link goes on after it (review 8, D12).
        if (!stop && t < view.tokens.size()) {
          size_t p = e;
          while (p < text.size() && text[p] == ' ') ++p;
          size_t close = p < text.size() && text[p] == '(' ? text.find(')', p) : std::string_view::npos;
          if (close != std::string_view::npos && close - p < 40 &&
              text.substr(p + 1, close - p - 1).find('(') == std::string_view::npos &&
              std::any_of(raws.begin(), raws.end(), [&](const Raw& o) {
                return o.e.type == "amount" && o.begin == p + 1 && o.end == close;
              })) {
            size_t u = t;
            while (u < view.tokens.size() && view.tokens[u].begin <= close) ++u;
            if (u < view.tokens.size() && view.folded[u] == "of") t = u;
          }
        }
        // "1 mL of a 0.5 M solution of TOP-Se": up to eight words that name no other thing.
        for (size_t steps = 0; !stop && t < view.tokens.size() && steps < 8; ++t, ++steps) {
          if (mat_at_token[t] >= 0) {
            forward_link = mat_at_token[t];
            break;
          }
          std::string_view w = view.folded[t];
          bool skip = blocked[t] || w == "of" || w == "a" || w == "an" || w == "the" || w == "aqueous" ||
                      w == "anhydrous" || w == "concentrated" || w == "dry" || w == "fresh" || w == "pure" ||
                      w == "solid" || w == "liquid" || w == "dilute" || w == "diluted" || w == "freshly" ||
                      w == "prepared" || w == "ethanolic" || w == "methanolic" || solution_word(w) ||
                      grade_word(w);
          if (!skip) break;
          // Stop at sentence punctuation or a closing bracket between tokens.
          if (t + 1 < view.tokens.size()) {
            std::string_view gap = text.substr(view.tokens[t].end, view.tokens[t + 1].begin - view.tokens[t].end);
            if (gap.find_first_of(".;)") != std::string_view::npos) break;
          }
        }
      }
      if (open != std::string_view::npos) {
        size_t k = open;
        // Spaces before the bracket, no-break and thin ones included ("CdO\u00a0(0.2 mmol)").
        for (;;) {
          if (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
          else if (k >= 2 && space_len(text, k - 2) == 2) k -= 2;
          else if (k >= 3 && space_len(text, k - 3) == 3) k -= 3;
          else break;
        }
        size_t t = para.token_at(k == 0 ? 0 : k - 1);
        int before = t < view.tokens.size() && view.tokens[t].end == k ? mat_ending_at_token[t] : -1;
        // "poly(vinyl alcohol) (0.5 g)": a name that ends in its own closing bracket ends past its
        // last token, whose trimmed end is not the bracket's.
        if (before < 0 && t > 0 && mat_ending_at_token[t - 1] >= 0 && mats[mat_ending_at_token[t - 1]].end == k) {
          before = mat_ending_at_token[t - 1];
        }
        if (before >= 0 && !mixture_of_before(mats, folded, before)) {
          // (Whether the bracket holds a concentration matters to a volume only: asked only then.)
          const bool volume = raws[ri].e.quantity == "volume"sv;
          link = solute_before(mats, folded, before, volume, volume && concentration_in_bracket(raws, text, open));
          if (link == before && raws[ri].e.quantity == "concentration"sv) link = dispersed_product(mats, folded, before);
          // "OA/OAm (1:1, 1 mL)": the amount of a slash mixture goes to its first part (an amount
          // links one material; the mixture is named by its first mention). Shares listed in the
          // bracket pair with the parts in order: "H2/Ar (5%: 95%)".
          const int last_part = link;
          while (link > 0 && mats[link].begin > 0 && text[mats[link].begin - 1] == '/' &&
                 mats[link - 1].end + 1 == mats[link].begin) {
            --link;
          }
          if (link < last_part && raws[ri].e.quantity == "fraction") {
            int share = 0;  // fractions before this one in the bracket
            for (size_t rj = 0; rj < ri; ++rj) {
              share += raws[rj].e.type == "amount" && raws[rj].e.quantity == "fraction" && raws[rj].begin > open;
            }
            if (link + share <= last_part) link += share;
          }
        } else if (t < view.tokens.size() && view.tokens[t].end == k) {
          // "HAuCl4 solution (10 mL)", "the Au seed solution (0.12 mL)", "Se powder (12 mg)": the
          // solute or the solid, unless a material follows inside the bracket ("NaOH solution (7.5 g
          // NaOH + 25 mL of H2O)").
          size_t h = solution_head(view, t);
          if (h == t) h = form_head(view, t);
          if (h != t && mat_ending_at_token[h] >= 0) solution_link = mat_ending_at_token[h];
        }
        // "TOP:Se (60 mg Se in 0.4 mL TOP)", "zinc stearate (0.4 mmol in 2 mL ODE)": in a bracket that
        // says how the reagent was made up, an amount that names its own material is that
        // material's. A bracket that only restates ("Ni(acac)2 (0.1 mmol Ni)") stays with the reagent.
        if (forward_link >= 0) {
          std::string_view inside = text.substr(open, std::min<size_t>(e + 80, text.size()) - open);
          inside = inside.substr(0, std::min(inside.find(')'), inside.size()));
          // "HAuCl4 (0.25 mM, 10 mL, containing 10 μL of 1 M HCl)": so does a second reagent the
          // solution contains (review 13, D57).
          if (inside.find(" in ") != std::string_view::npos || inside.find(" + ") != std::string_view::npos ||
              inside.find(" and ") != std::string_view::npos || inside.find(" with ") != std::string_view::npos ||
              inside.find("containing ") != std::string_view::npos) {
            link = -1;
          }
        }
      }
      if (link >= 0 && fraction_of_next(raws[ri], forward_link, mats, text)) link = -1;
      if (link < 0) link = forward_link;
      // Backward: "CTAB, 0.8 g" / "PbBr2 0.188 mmol".
      if (link < 0) {
        size_t t = para.token_at(b);
        if (t > 0 && t <= view.tokens.size()) {
          size_t prev = t - 1;
          std::string_view gap = text.substr(view.tokens[prev].end, b - view.tokens[prev].end);
          if (mat_ending_at_token[prev] >= 0 && gap.size() <= 3 && gap.find_first_of(".;(") == std::string_view::npos) {
            link = mat_ending_at_token[prev];
          }
        }
      }
      if (link < 0) link = solution_link;
      if (link < 0) link = quantity_noun_subject(mats, folded, b);
      amount_material[ri] = link;
      if (link >= 0) ++material_amounts[link];
      if (link >= 0 && raws[ri].e.quantity != "fraction") ++material_measures[link];
    }
  }
  share_list_links(raws, folded, amount_material, material_amounts, material_measures);
  // "3.35, 15 and 0.54 mL of lead oleate, octadecene and (TMS)2S solutions, respectively" and
  // "CdO, OA and ODE (0.2 mmol, 1 mL and 10 mL, respectively)": a list of amounts and a list of
  // materials paired in order (review 8, D13). Lists of different lengths stay unlinked: which
  // item has no partner is unknown.
  // "Zn(OAc)2 and Mn(OAc)2 (1 and 0.05 mmol)" pairs so without "respectively" (bracket_list()).
  // Only amounts are paired, so a paragraph without one has nothing to do (with or without
  // "respectively").
  if (mats.size() >= 2 && std::any_of(raws.begin(), raws.end(), [](const Raw& r) { return r.e.type == "amount"sv; })) {
    // Both lists are in text order without a sort: amounts are made only from `qs`, in its order
    // (sorted by begin above), and MaterialFinder::find() gives mentions in token order.
    std::vector<size_t> am;
    for (size_t ri = 0; ri < raws.size(); ++ri) {
      if (raws[ri].e.type == "amount") am.push_back(ri);
    }
    // Whether the bytes [a, b) only join two list items: commas, spaces, "and", "or", and the slash of
    // slash-paired lists ("OA/OAm/ODE (5/5/10 mL)", "ODE/OAm (5 mL/2 mL)"; review 13, D34).
    auto joins = [&](size_t a, size_t z) {
      if (a > z || z - a > 8) return false;
      std::string_view g = std::string_view(folded).substr(a, z - a);
      if (g == "/") return true;
      size_t k = 0;
      while (k < g.size()) {
        if (g[k] == ',' || g[k] == ' ') ++k;
        else if (g.substr(k, 4) == "and ") k += 4;
        else if (g.substr(k, 3) == "or ") k += 3;
        else return false;
      }
      return true;
    };
    // Whether "respectively" closes the list ending at byte a within a few words of the same clause.
    auto closes = [&](size_t a) {
      size_t r = find_bytes(folded, "respectively", a);
      if (r == std::string_view::npos || r - a > 32) return false;
      return std::string_view(folded).substr(a, r - a).find_first_of(".;()") == std::string_view::npos;
    };
    // Whether the amounts am[x, y) of one quantity fill the bracket that opens right after a list of
    // materials ending at byte `m_end`: "A, B and C (5, 10 and 15 mL)" pairs in order without
    // "respectively". Amounts of different kinds ("OA and OAm (1:1, 10 mL)") describe one mixture.
    auto bracket_list = [&](size_t x, size_t y, size_t m_end) {
      const size_t g_begin = raws[am[x]].begin, g_end = raws[am[y - 1]].end;
      if (m_end + 2 != g_begin || folded.compare(m_end, 2, " (") != 0 || g_end >= text.size() || text[g_end] != ')') {
        return false;
      }
      for (size_t k = x + 1; k < y; ++k) {
        if (raws[am[k]].e.quantity != raws[am[x]].e.quantity) return false;
      }
      return true;
    };
    for (size_t x = 0; x < am.size();) {
      size_t y = x + 1;
      while (y < am.size() && joins(raws[am[y - 1]].end, raws[am[y]].begin)) ++y;
      if (y - x < 2) {
        x = y;
        continue;
      }
      const size_t g_begin = raws[am[x]].begin, g_end = raws[am[y - 1]].end;
      // The materials' list: right after the amounts ("... mL of A, B and C") or right before
      // them ("A, B and C (1, 2 and 3 mmol").
      std::vector<size_t> list;
      // The first material at or after the amounts, by binary search.
      auto before_amounts = [&](const MaterialMention& m) { return m.begin < g_end; };
      size_t m0 = static_cast<size_t>(std::partition_point(mats.begin(), mats.end(), before_amounts) - mats.begin());
      if (m0 < mats.size()) {
        std::string_view gap = std::string_view(folded).substr(g_end, mats[m0].begin - g_end);
        if (gap == " of " || gap == " of the ") {
          list.push_back(m0);
          for (size_t k = m0 + 1; k < mats.size() && joins(mats[k - 1].end, mats[k].begin); ++k) list.push_back(k);
          if (!closes(mats[list.back()].end)) list.clear();
        }
      }
      // The "of" list above ends in "respectively"; a list before the amounts may be a bare bracket.
      const bool respective = !list.empty() || closes(g_end);
      if (list.empty() && m0 > 0 && (respective || bracket_list(x, y, mats[m0 - 1].end))) {
        size_t k = m0 - 1;
        std::string_view gap = std::string_view(folded).substr(mats[k].end, g_begin - std::min(g_begin, mats[k].end));
        // "A and B (", "A and B: ", "A and B were ", and a few words of a verb phrase between
        // ("CdO and Zn(OAc)2 were used at 0.2 and 0.4 mmol, respectively"): no number, bracket or
        // clause break, so no other material list stands between.
        const bool verb_gap = (gap.starts_with(" were ") || gap.starts_with(" was ")) && gap.size() <= 40 &&
                              gap.find_first_of("0123456789,.;:()") == std::string_view::npos;
        if (mats[k].end <= g_begin && (gap == " (" || gap == ": " || verb_gap)) {
          list.push_back(k);
          while (k > 0 && joins(mats[k - 1].end, mats[k].begin)) list.push_back(--k);
          std::reverse(list.begin(), list.end());
        }
      }
      // A bracket list without "respectively" pairs only when the counts match; else links stay,
      // but for a slash-paired list ("OA/OAm/ODE (5/5 mL)"), which then pairs nothing as with
      // "respectively" (review 13b, D13).
      bool slash_list = list.size() >= 2;
      for (size_t k = 1; k < list.size() && slash_list; ++k) {
        slash_list = mats[list[k]].begin == mats[list[k - 1]].end + 1 && folded[mats[list[k - 1]].end] == '/';
      }
      if (!respective && list.size() != y - x && !slash_list) list.clear();
      if (list.size() >= 2) {
        for (size_t k = 0; k < y - x; ++k) {
          size_t ri = am[x + k];
          // Counts that differ leave the whole list unlinked: which item lacks a partner is
          // unknown, so pairing in order guesses (rev8c-10, "CdO, OA and ODE (0.2 mmol and 1 mL,
          // respectively)").
          int link = list.size() == y - x ? static_cast<int>(list[k]) : -1;
          int old = amount_material[ri];
          if (old == link) continue;
          if (old >= 0) {
            --material_amounts[old];
            if (raws[ri].e.quantity != "fraction") --material_measures[old];
          }
          amount_material[ri] = link;
          if (link >= 0) {
            ++material_amounts[link];
            if (raws[ri].e.quantity != "fraction") ++material_measures[link];
          }
        }
      }
      x = y;
    }
  }
  para.amount_material = std::move(amount_material);
  para.material_amounts = std::move(material_amounts);
  para.material_measures = std::move(material_measures);
}

// Acids and hydroxides used as solutions (hydrochloric acid, NaOH, NH4OH, ammonia): bought, they
// are a liquid medium, not a starting material.
inline bool acid_or_base(std::string_view name) {
  return name.ends_with(" acid") || name.ends_with("hydroxide") || name == "ammonia";
}

// What the role loop of material_entities() leaves, per mention, for the steps after it.
struct RoleNotes {
  const std::vector<bool>& strong_role;          // the role comes from the words around the mention
  const std::vector<bool>& bought_acid;          // an acid or base bought: a solvent (MSP)
  const std::vector<bool>& bought_cue;           // a precursor by a "purchased from" cue
  const std::vector<size_t>& material_raw;       // index into para.raws of its entity
  const std::vector<size_t>& measured_additive;  // additive-prior mentions made precursors by their amount
};

// A measured-out additive (pH agent, acid, mineraliser, oxidant) is a reactant only when it
// supplies the product's elements: NaOH weighed out for Na2Ti3O7 is a precursor, HF for TiO2,
// NH3·H2O for ZnO or KMnO4 in Hummers' graphene oxide stays an additive. H, O and C (which
// acids, bases and carbonates share with oxides, hydroxides and carbon products) do not count;
// N does (NH3 or urea for a nitride or g-C3N4).
void additive_roles(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  const std::vector<size_t>& material_raw = notes.material_raw;
  const std::vector<size_t>& measured_additive = notes.measured_additive;
  if (!measured_additive.empty()) {
    ElementSet product;
    for (size_t k = 0; k < mats.size(); ++k) {
      const Entity& t = raws[material_raw[k]].e;
      if (t.role == "target") product |= t.formula.empty() ? name_elements(t.normalized) : formula_elements(t.formula);
    }
    ElementSet shared;  // H, O and C: water, hydroxide, oxide, acetate, carbonate
    shared.set(1).set(6).set(8);
    // No product element known: the additive is not shown to supply one either.
    for (size_t mi : measured_additive) {
      Entity& e = raws[material_raw[mi]].e;
      if ((formula_elements(e.formula) & ~shared & product).none()) e.role = "additive";
    }
  }
}

// Coordinated mentions share a role read from context: "Sb2MoO6, Bi2MoO6 and Bi2WO6 samples
// were obtained", "denoted as S580, S750 and S850", "CTAB and PVP were used as surfactants".
// Mentions with a role of their own (an amount, a cue) keep it.
// Aliases ("X (TEOS, 98%)") are skipped: the bracket is an aside between listed mentions.
void share_list_roles(Paragraph& para, const RoleNotes& notes) {
  static const std::string kPrecursorRole = "precursor";
  const std::string_view text = para.text;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  const std::vector<bool>& alias = para.alias;
  const std::vector<int>& material_amounts = para.material_amounts;
  const std::vector<bool>& strong_role = notes.strong_role;
  const std::vector<bool>& bought_acid = notes.bought_acid;
  const std::vector<bool>& bought_cue = notes.bought_cue;
  const std::vector<size_t>& material_raw = notes.material_raw;
  if (mats.size() > 1) {
    std::vector<size_t> heads;  // mentions other than aliases, in text order
    for (size_t k = 0; k < mats.size(); ++k) {
      if (!alias[k]) heads.push_back(k);
    }
    auto listed = [&](size_t x, size_t y) {
      // Gap between mentions x and y: commas, "and"/"or", spaces and bracketed asides only.
      std::string_view gap = text.substr(mats[x].end, mats[y].begin > mats[x].end ? mats[y].begin - mats[x].end : 0);
      // Checked first (the result is false either way): mentions are often far apart, and the
      // walk below over a long gap was a fiftieth of the extraction time.
      if (gap.size() > 60) return false;
      // "Graphene (G) and nitrogen-doped carbon (NC) were prepared": a dopant written before the
      // next mention stays outside its span (MSP's convention) but belongs to it, not to the gap.
      {
        std::string_view g = gap;
        while (!g.empty() && g.back() == ' ') g.remove_suffix(1);
        if (g.ends_with("-doped")) {
          size_t sp = g.find_last_of(" ,");
          gap = gap.substr(0, sp == std::string_view::npos ? 0 : sp + 1);
        }
      }
      int depth = 0;
      std::string words;
      for (char c : gap) {
        if (c == '(' || c == '[') ++depth;
        else if (c == ')' || c == ']') depth = std::max(0, depth - 1);
        else if (depth == 0 && c != ' ' && c != ',') words += c;
        if (depth == 0 && (c == '.' || c == ';' || c == ':')) return false;
      }
      return gap.size() <= 60 &&
             (words.empty() || words == "and" || words == "or" || words == "nor" || words == "and/or" ||
              words == "or/and") &&
             (gap.find(',') != std::string_view::npos || !words.empty());
    };
    size_t a = 0;
    while (a < heads.size()) {
      size_t b = a;
      while (b + 1 < heads.size() && listed(heads[b], heads[b + 1])) ++b;
      if (b > a) {
        std::string shared;
        bool bought_list = false;  // the shared role is that of a bought starting material
        for (size_t h = a; h <= b; ++h) {
          size_t k = heads[h];
          // A bought acid is a solvent of its own (see above); what it shares is "bought".
          const std::string& r = bought_acid[k] ? kPrecursorRole : raws[material_raw[k]].e.role;
          if (strong_role[k] && material_amounts[k] == 0 && (shared.empty() || r == "target")) {
            shared = r;
            bought_list = bought_cue[k] || bought_acid[k];
          }
        }
        if (!shared.empty()) {
          for (size_t h = a; h <= b; ++h) {
            size_t k = heads[h];
            bool fixed_role = mats[k].role_prior == "solvent" || mats[k].role_prior == "ligand" ||
                              mats[k].role_prior == "other";
            // A solvent keeps its role in any list: in "dispersed in ethylene glycol, and H2PtCl6
            // solution was added" the comma joins two clauses, not two reagents.
            if (!strong_role[k] && material_amounts[k] == 0 && !(shared == "target" && fixed_role) &&
                mats[k].role_prior != "solvent") {
              // In a list of chemicals bought, the acids and hydroxides are solvents (see above).
              bool acid = bought_list && mats[k].role_prior == "additive" && acid_or_base(mats[k].normalized);
              raws[material_raw[k]].e.role = acid ? "solvent" : shared;
            }
          }
        }
      }
      a = b + 1;
    }
  }
}

// A product named once as the target stays the target where nothing else is said about it.
void keep_targets(Paragraph& para, const RoleNotes& notes) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  const std::vector<int>& material_amounts = para.material_amounts;
  const std::vector<bool>& strong_role = notes.strong_role;
  const std::vector<size_t>& material_raw = notes.material_raw;
  std::vector<std::string_view> targets;
  for (size_t k = 0; k < mats.size(); ++k) {
    if (strong_role[k] && raws[material_raw[k]].e.role == "target") targets.push_back(mats[k].normalized);
  }
  for (size_t k = 0; k < mats.size() && !targets.empty(); ++k) {
    if (strong_role[k] || material_amounts[k] > 0) continue;
    Entity& e = raws[material_raw[k]].e;
    if (e.role != "other" && e.role != "precursor") continue;
    // Only where the name is again the product's form ("the Nb2O5 films", "BLF membranes"); a
    // product that is used further ("the GO solution") is a reagent of the next step.
    size_t at = mats[k].end;
    while (at < text.size() && text[at] == ' ') ++at;
    std::string_view next = std::string_view(folded).substr(at, std::min<size_t>(12, folded.size() - at));
    bool form = false;
    for (std::string_view f : {"film"sv, "sample"sv, "coating"sv, "membrane"sv, "catalyst"sv, "nanotube"sv, "array"sv,
                               "powders"sv, "layer"sv, "crystal"sv, "ceramic"sv, "pellet"sv}) {
      form |= next.starts_with(f);
    }
    if (!form) continue;
    for (std::string_view t : targets) {
      if (t == mats[k].normalized) e.role = "target";
    }
  }
}

// The mention a cation or anion exchange starts from: "by cation exchange of (the) CdS NCs with
// PbCl2", "CdSe NCs were converted to Cu2Se", "the ZnSe nanocrystals were then transformed into".
// `before` is the sentence before the mention, `after` the text after it (both lower-cased).
bool exchange_template(std::string_view before, std::string_view after) {
  auto trim = [](std::string_view t) {
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    return t;
  };
  std::string_view b = trim(before);
  for (std::string_view w : {" the"sv, " as-synthesized"sv, " as-prepared"sv, " preformed"sv, " pre-formed"sv,
                             " parent"sv, " pristine"sv, " original"sv, " initial"sv, " starting"sv, " the"sv}) {
    if (b.ends_with(w)) b = trim(b.substr(0, b.size() - w.size()));
  }
  for (std::string_view cue : {" exchange of"sv, " exchange on"sv, " exchange in"sv, " exchange reaction of"sv,
                               " exchange reactions of"sv, " exchanging"sv}) {
    // A ligand exchange changes the surface only: "ligand exchange of the PbS QDs" keeps the product.
    if (b.ends_with(cue)) return !b.substr(0, b.size() - cue.size()).ends_with("ligand");
  }
  // One word may stand between the mention and its verb ("CdSe nanocrystals were converted").
  std::string_view a = after;
  if (!a.starts_with(" was ") && !a.starts_with(" were ")) {
    const size_t sp = a.size() > 1 && a[0] == ' ' && is_lower(a[1]) ? a.find(' ', 1) : std::string_view::npos;
    if (sp == std::string_view::npos) return false;
    a.remove_prefix(sp);
  }
  if (a.starts_with(" was ")) a.remove_prefix(5);
  else if (a.starts_with(" were ")) a.remove_prefix(6);
  else return false;
  for (std::string_view adverb : {"then "sv, "subsequently "sv, "further "sv, "partially "sv, "fully "sv,
                                  "completely "sv, "successfully "sv, "first "sv, "readily "sv}) {
    if (a.starts_with(adverb)) a.remove_prefix(adverb.size());
  }
  // ("were exchanged with iodide" is a ligand exchange again.)
  return a.starts_with("converted ") || a.starts_with("transformed ");
}

// An acid or base that sets the pH: "the pH was adjusted to 11 with 1 M NaOH, and then to 9.5 using
// NaOH solution", "NH4OH was added to adjust the pH". `sentence_before` is the whole sentence before
// the mention, `after` the text after it (both lower-cased).
bool sets_ph(std::string_view sentence_before, std::string_view after) {
  auto ph_word = [](std::string_view t) {
    for (size_t p = t.find("ph"); p != std::string_view::npos; p = t.find("ph", p + 1)) {
      if ((p == 0 || !is_alpha(t[p - 1])) && (p + 2 == t.size() || !is_alpha(t[p + 2]))) return true;
    }
    return false;
  };
  std::string_view near = after.substr(0, std::min<size_t>(after.size(), 60));
  if (size_t stop = near.find_first_of(".;"); stop != std::string_view::npos) near = near.substr(0, stop);
  for (std::string_view verb : {"adjust"sv, "tune"sv, "control"sv, "maintain"sv}) {
    if (near.find(verb) != std::string_view::npos && ph_word(near)) return true;
  }
  if (!ph_word(sentence_before)) return false;
  for (std::string_view verb : {"adjusted"sv, "tuned"sv, "controlled"sv, "maintained"sv, "brought"sv, "kept"sv}) {
    if (sentence_before.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

// The liquid a solvothermal or hydrothermal step runs in: "grown solvothermally in ethylenediamine",
// "a solvothermal reaction in oleylamine". `before` is the sentence before the mention.
bool solvothermal_medium(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.ends_with(" the")) before.remove_suffix(4);
  if (!before.ends_with(" in")) return false;
  std::string_view window = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  size_t at = last_cue(window, {"solvotherm", "hydrotherm"});
  return at != std::string_view::npos && window.substr(at).find_first_of(",;") == std::string_view::npos;
}

// Roles the words around a mention state outright, over what the role loop read from weaker cues
// (review 12): the crystals an exchange starts from are its template, a precursor (D9); an acid or
// base that sets the pH is an additive, not the solvent (D26); a ligand-prior amine a solvothermal
// step runs in is its solvent (D38). Before the list step, so that a list shares the role.
void stated_roles(Paragraph& para, const RoleNotes& notes) {
  const std::string_view folded = para.folded;
  const std::vector<MaterialMention>& mats = para.mats;
  // The templates found so far: named again ("PbCl2 ... was added to the CdS NCs"), they are still
  // the exchange's starting crystals (review 13, D44).
  std::vector<std::string_view> templates;
  for (size_t k = 0; k < mats.size(); ++k) {
    const MaterialMention& m = mats[k];
    Entity& e = para.raws[notes.material_raw[k]].e;
    const bool template_like = e.role == "target";
    const bool ph_like = m.role_prior == "additive" &&
                         (e.role == "solvent" || (e.role == "precursor" && !notes.strong_role[k]));
    const bool medium_like = m.role_prior == "ligand" && e.role == "ligand";
    if (!(template_like || ph_like || medium_like)) continue;
    const size_t ss = para.sentences(m.begin, 200);
    const std::string_view before = folded.substr(ss, m.begin - ss);
    const std::string_view after = folded.substr(m.end, std::min<size_t>(80, folded.size() - m.end));
    if (template_like && !m.normalized.empty() &&
        std::find(templates.begin(), templates.end(), m.normalized) != templates.end()) {
      e.role = "precursor";
    } else if (template_like && exchange_template(before, after)) {
      e.role = "precursor";
      templates.push_back(m.normalized);
    }
    if (ph_like && sets_ph(before, after)) e.role = "additive";
    if (medium_like && solvothermal_medium(before)) e.role = "solvent";
  }
}

// Whether `before` (lower-cased text before a mention) ends in a preposition that makes the mention a
// condition of the making verb before it, not its product: "were never obtained without OAm",
// "was prepared with OA", "formed in ODE" (review 12b, O6). "converted into X" stays a product.
bool after_preposition(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  const size_t sp = before.rfind(' ');
  const std::string_view w = sp == std::string_view::npos ? before : before.substr(sp + 1);
  return one_of(w, {"without", "with", "from", "using", "by", "in", "under", "via", "through", "containing", "at", "on"});
}

// Whether a table's lengths measure the particles a synthesis made: its caption or header names
// them ("Particle size (nm)", "Table 1. Sizes of the CdSe nanocrystals"), or the paragraph outside
// the tables does (a nanocrystal paper's "Table 2. Samples ... Size (nm)"). A cell table's "Cathode
// thickness (μm)" measures a device layer: still a size (the outcome gold marks it), but no product
// that tells the synthesis succeeded.
bool particle_table(std::string_view folded, const TableLength& t) {
  static constexpr std::string_view kNano[] = {"nanocrystal"sv, "nanoparticle"sv, "quantum dot"sv, " ncs"sv,
                                               " qds"sv, " nps"sv, "nanorod"sv, "nanowire"sv, "nanoplatelet"sv,
                                               "nanosheet"sv, "nanocube"sv, "colloid"sv};
  const std::string_view head = folded.substr(t.table_begin, t.cells_begin - t.table_begin);
  if (head.find("particle") != std::string_view::npos || head.find("crystal") != std::string_view::npos) return true;
  const std::string_view prose = folded.substr(0, t.table_begin);
  return std::any_of(std::begin(kNano), std::end(kNano), [&](std::string_view w) {
    return prose.find(w) != std::string_view::npos || head.find(w) != std::string_view::npos;
  });
}

// Of material_entities() (defined there), named in Impl's role steps.
struct RoleWalk;
struct MentionCues;
// Sizes from table columns headed by a dimension (tables.h), for the lengths no earlier rule took;
// a cell naming apparatus or a purchased support ("AAO (−/100 μm)", "Ni foil (L&E/6 μm)") is out,
// as in sentences, and so is a column of a sample form ("Pellet thickness (mm)"). Needs
// quantity_entities() done (para.raws holds only its entities then).
void table_sizes(Paragraph& para) {
  if (find_bytes(para.text, "Table ") == std::string_view::npos) return;  // no caption: most paragraphs
  std::vector<size_t> begins;
  for (const Raw& r : para.raws) begins.push_back(r.begin);
  std::sort(begins.begin(), begins.end());
  std::vector<uint8_t> taken(para.qs.size());
  for (size_t i = 0; i < para.qs.size(); ++i) taken[i] = std::binary_search(begins.begin(), begins.end(), para.qs[i].begin);
  for (const TableLength& t : table_lengths(para.text, para.folded, para.qs, taken)) {
    std::string_view lead = std::string_view(para.folded).substr(t.lead_begin, t.begin - t.lead_begin);
    std::string_view after = std::string_view(para.folded).substr(t.end, std::min<size_t>(80, para.folded.size() - t.end));
    std::string_view subject = std::string_view(para.folded).substr(t.subject_begin, t.subject_end - t.subject_begin);
    if (noun_before(lead) == Measured::kObject || noun_after(after) == Measured::kObject ||
        noun_before(subject) == Measured::kObject || not_a_product_length(lead, lead, after, {}, false)) {
      continue;
    }
    if (!particle_table(para.folded, t)) para.unmade_sizes.push_back(t.begin);
    Raw& r = para.raws.emplace_back();
    r.begin = t.begin;
    r.end = t.end;
    r.e.type = "size";
    r.e.value = t.value;
    r.e.min = t.min;
    r.e.max = t.max;
    r.e.dimension = t.dimension;
  }
}

}  // namespace

struct Extractor::Impl {
  std::unique_ptr<QuantityScanner> quantities;
  std::unique_ptr<MaterialFinder> materials;
  ValueLexicon words, temperature_roles, atmospheres;
  MorphLexicon morphologies;  // shape words with context gates (own pass, may overlap materials)
  std::vector<std::string> word_types;  // per entry of `words`: operation, method, morphology, phase
  std::unique_ptr<re2::RE2::Set> failure_set;  // prefilter: which failure rules can match at all
  // Whether may_hold_failure_cue() may skip failure_set: false when a rule names none of its words.
  bool failure_gate = true;
  // One failure rule, compiled on its first hit: most paragraphs hit none, and compiling all of them
  // up front cost about a sixth of start-up. The set has already parsed the same pattern with the
  // same options, so a rule that does not parse fails at construction as before. The once_flag
  // keeps extract() const and thread-safe (and makes the type immovable, hence a deque).
  struct FailureRule {
    FailureRule(std::string n, std::string p) : name(std::move(n)), pattern(std::move(p)) {}
    const re2::RE2& re() const {
      std::call_once(once, [this] { compiled = compile("failures.tsv:" + name, pattern, false); });
      return *compiled;
    }
    std::string name, pattern;
    mutable std::once_flag once;
    mutable std::unique_ptr<re2::RE2> compiled;
  };
  std::deque<FailureRule> failures;
  // failure_set's pattern k is failures[set_rule[k]]. A rule with a gate (third TSV field: literals
  // joined by '|') stays out of the set and is tried only on a paragraph whose lower-cased text holds
  // one of them: every pattern in the set costs start-up and DFA time on every paragraph, and cues
  // of nanocrystal optics ("the PLQY dropped to 5 %") cost 2-4 % of the MSP benchmark there.
  std::vector<int> set_rule;
  std::vector<std::pair<int, std::vector<std::string>>> gated_rules;  // failures index, gate literals
  std::unique_ptr<re2::RE2> target_noun, target_before, target_after, solvent_before,
      precursor_before,
      input_after, measured_medium, role_after;
  LearnedModels learned;
  // version() hashes the lexicon bytes read at construction on its first call: hashing them cost
  // about 6 % of start-up, and `synthdb extract` never asks for the version.
  std::string lexicon_bytes;  // every lexicon file's name, a NUL and its bytes
  mutable std::once_flag version_once;
  mutable std::string version;

  // The passes of extract() (their order and what each needs: at their definitions).
  std::vector<Quantity> scan_quantities(std::string_view text, const std::string& folded) const;
  void quantity_entities(Paragraph& para) const;
  void material_entities(Paragraph& para) const;
  // Steps of material_entities() that run the role rules (RE2) above.
  bool cued_role(const Paragraph& para, size_t mi, const MentionCues& mc, RoleWalk& walk, std::string& role) const;
  void prior_role(const Paragraph& para, size_t mi, const MentionCues& mc, RoleWalk& walk, std::string& role) const;
  void find_words(Paragraph& para) const;
  void find_failures(Paragraph& para) const;
  void finish(std::string_view text, std::string folded, Extraction& result) const;
};

Extractor::Extractor(const std::filesystem::path& lexicon_dir) : Extractor(ExtractorOptions{lexicon_dir, {}, true}) {}

Extractor::Extractor(const ExtractorOptions& options) : impl_(std::make_unique<Impl>()) {
  const std::filesystem::path& lexicon_dir = options.lexicon_dir;
  std::filesystem::path dir = lexicon_dir.empty() ? data_dir() / "extract" / "rules" / "lexicons" : lexicon_dir;
  if (!std::filesystem::is_directory(dir)) throw RuleError(dir.string() + ": lexicon directory not found");
  Impl& im = *impl_;
  im.quantities = std::make_unique<QuantityScanner>(dir);
  im.materials = std::make_unique<MaterialFinder>(dir);
  // Later files win over earlier ones for the same phrase only when longer; order = priority.
  for (auto [file, type, plural] : {std::tuple{"methods.tsv", "method", true}, {"phases.tsv", "phase", false},
                                    {"operations.tsv", "operation", false}}) {
    im.words.load(dir / file, plural);
    im.word_types.resize(im.words.values.size(), type);
  }
  im.morphologies.load(dir / "morphologies.tsv");
  im.temperature_roles.load(dir / "temperature_roles.tsv", false);
  im.atmospheres.load(dir / "atmospheres.tsv", false);
  re2::RE2::Options set_options;
  set_options.set_case_sensitive(false);
  set_options.set_log_errors(false);
  im.failure_set = std::make_unique<re2::RE2::Set>(set_options, re2::RE2::UNANCHORED);
  for (const TsvRow& row : read_tsv(dir / "failures.tsv", 2)) {
    // Spaces in a pattern also match no-break and thin spaces (any_space).
    const std::string pattern = any_space(row.fields[1]);
    im.failures.emplace_back(row.fields[0], pattern);
    const int index = static_cast<int>(im.failures.size()) - 1;
    if (row.fields.size() > 2 && !row.fields[2].empty()) {
      std::vector<std::string> gate;
      for (size_t b = 0, e; b <= row.fields[2].size(); b = e + 1) {
        e = std::min(row.fields[2].find('|', b), row.fields[2].size());
        if (e > b) gate.push_back(row.fields[2].substr(b, e - b));
      }
      // Not parsed here (parsing the four gated rules cost 1 % of the MSP benchmark's start-up): a
      // bad one throws RuleError at its first use; the golden cases use each of them.
      im.gated_rules.emplace_back(index, std::move(gate));
      continue;
    }
    // The message compile() gives (both errors are the parser's status text).
    std::string error;
    if (im.failure_set->Add(pattern, &error) < 0)
      throw RuleError("rule 'failures.tsv:" + row.fields[0] + "' does not compile: " + error);
    // A rule without any of the gate's words surely escapes it (one with them is proven covered
    // only by rules_test): the set then runs on every paragraph.
    const std::string lower = ascii_lower(row.fields[1]);
    auto named = [&](std::string_view w) { return lower.find(w) != std::string::npos; };
    if (std::none_of(std::begin(kFailureCueWords), std::end(kFailureCueWords), named) &&
        std::none_of(std::begin(kFailureCueWordEnds), std::end(kFailureCueWordEnds), named)) {
      im.failure_gate = false;
    }
    im.set_rule.push_back(index);
  }
  if (!im.failure_set->Compile()) throw RuleError("failures.tsv: rule set does not compile (out of memory)");
  // "CsPbBr3 nanocubes", "CdSe NCs", "CdSe/ZnS core/shell QDs": the material names the product; so
  // does a core–shell or core/crown structure however the dash is written (review 13, D43), and an
  // MXene ("Ti3C2Tx MXene", D23). Not the noun as a modifier: "Ti3C2Tx MXene-supported Pt", "Au
  // NP-decorated TiO2" name another product (review 13b, R8).
  im.target_noun = compile(
      "target_noun",
      R"(^(?:\s+(?:core(?:/|-|–)(?:shell|crown|multishell)|colloidal|perovskite|alloyed|doped))?[ -](?:nano(?:crystals?|particles?|rods?|wires?|sheets?|platelets?|plates?|cubes?|structures?|spheres?|stars?|clusters?|dots?|belts?|flowers?|prisms?|dis[ck]s?|cages?|frames?|shells?|bipyramids?|octahedra)|ncs|nps|ucnps?|qds|nws|nrs|npls|quantum dots|quantum rods|quantum wells|tetrapods?|dots|mxenes?)\b(?:[^-]|$))");
  // Context for material roles, matched on lower-cased text right before / after the mention.
  // "yielded/afforded" take up to two words before the mention ("Etching ... yielded accordion-like
  // multilayer Ti3C2Tx"; review 13b, D4).
  im.target_before = compile(
      "target_before",
      R"((?:(?:synthesis|preparation|fabrication|formation|growth|production)(?: (?:protocol|procedure|route|method))? (?:of|for)|(?:to |for )?(?:obtain|obtaining|form|forming|prepare|preparing|produce|producing|synthesi[sz]e|synthesi[sz]ing|fabricate|fabricating|give|yield|afford|get)|(?:yielded|afforded)(?: [a-z-]+)?|(?:resulting|resultant|as-prepared|as-synthesized|as-obtained|obtained|final|target)|(?:convert\w*|conversion|transform\w*) (?:\S+ )?(?:in)?to|(?:named|denoted|marked|label+ed|designated|termed|referred to|abbreviated|noted)(?: as)?|(?:series|crystals|samples) of)(?: the| a| an)?(?: [a-z-]+)?\s*$)");
  // "X nanoparticles were prepared", "X (x = 0.2, 0.3) samples were synthesized", "X with Ni2+
  // doping was prepared", "X ceramics ... were fabricated", "X core–shell NPs were synthesized" (a
  // slash or en dash in the word before the noun; review 13, D43), "Ti3C2Tx flakes were obtained by
  // delamination" (review 13b, D3/D5): the mention is what the paragraph makes.
  im.target_after = compile(
      "target_after",
      R"(^(?:\s*\([^()]*\))?(?:(?:\s+[a-z][a-z-]*(?:(?:/|–)[a-z]+)?)?\s+(?:hollow|porous|mesoporous|polycrystalline|single)?\s*(?:nano(?:crystals?|particles?|rods?|wires?|sheets?|platelets?|plates?|cubes?|structures?|spheres?|tubes?|belts?|composites?|powders?)|ncs|nps|qds|quantum dots|nanocrystal|mxenes?|cores?|microspheres?|spheres?|films?|powders?|membranes?|catalysts?|supports?|samples?|composites?|compounds?|ceramics?|particles?|crystals?|thin films?|coatings?|electrodes?|layers?|targets?|pellets?|ingots?|inks?|materials?|solid solutions?|derivatives?|flakes?|nanoflakes?))?(?:\s*\([^()]*\))?(?:\s+with\s+(?:[^.;]|\.\d)*)?(?:\s+(?:used|studied|investigated|employed)(?:\s+(?:in|for)\s+(?:this|the|our)\s+(?:study|work|paper))?)?\s+(?:was|were)\s+(?:then\s+|first\s+|successfully\s+|finally\s+|further\s+)?(?:prepared|synthesi[sz]ed|fabricated|obtained|formed|produced|grown|made|deposited|polymeri[sz]ed)(\s+from\s+\S)?)");
  // "stoichiometric amounts of X", "raw materials of X", "prepared from X", "by dissolving X": the
  // mention is a starting material; so is what a reaction noun acts on ("the oxidation of graphite",
  // "hydrolysis of titanium alkoxides", "alkali activation of fly ash", "co-precipitation of FeCl3·6H2O
  // and FeCl2·4H2O" (the list shares it; review 12, D33); only an adjective may come
  // between, so that "conversion of TEOG to GeO2" leaves the product alone). "amount of" counts only after a dosing word ("appropriate",
  // "required"): "the amount of Na2CO3 was", "the loading amount of Ge", "a low amount of Al2O3
  // (3.53%)" talk about a quantity, not a reagent being measured out (MSP: other).
  // One `\s*$` closes the whole pattern: RE2 then matches backwards from the end of the text before
  // the mention; a `$` inside each branch of a top-level alternation made it scan that whole text
  // forwards (twice the cost of all role patterns together).
  im.precursor_before = compile(
      "precursor_before",
      R"((?:(?:(?:stoichiometric|appropriate|required|certain|desired|calculated|equimolar|equal|predetermined|proper|given|exact|corresponding|suitable|necessary|specific|weighed)(?: molar| mass)? (?:amounts?|proportions?|quantit(?:y|ies)) of|raw materials?(?: of| were| are|,|:)?|starting materials?(?: of| were| are|,|:)?|high[- ]purity|mixture of|mixing|reaction of|dissolving|impregnating|(?:prepared|synthesi[sz]ed|obtained|made|derived|produced|grown) from)(?: the| a| an)?(?: [a-z0-9().,%-]+){0,2}|(?:co-?precipitation|oxidation|reduction|hydrolysis|pyrolysis|carboni[sz]ation|decomposition|conversion|activation|nitridation|sulfidation|sulfuri[sz]ation|seleni[sz]ation|thermolysis|polymeri[sz]ation) of(?: the| a| an)?(?: (?:[a-z]+ed|[a-z]+ic|[a-z]+al|natural|commercial|pure|raw|bulk|pristine))?)\s*$)");
  // "dissolved in X", "diluted with X": X is the liquid. "mixed with X" / "stirred with X" is no cue:
  // what something is mixed with is mostly a second reagent or a solid ("mixed with the YSZ
  // powders", "mixed with HB zeolite"); a liquid there has a solvent prior of its own. A bare "in X"
  // is no cue either ("the CaO in the fly ash", "electrospun into MnP membranes", "the Co NPs in
  // silica"): liquids named so have a solvent prior, and the rest are mostly compositions.
  im.solvent_before = compile("solvent_before",
                              R"((?:(?:dissolved|dispersed|diluted|suspended|solubili[sz]ed|mixed|stirred|soaked|immersed)(?: \S+){0,4} (?:in|into)|(?:dissolved|dispersed|diluted|suspended|solubili[sz]ed|soaked|immersed)(?: \S+){0,4} with)(?: the| a| an)?(?: \S+)?\s*$)");
  // "Nb2O5 and Fe2O3 were weighed", "KMnO4 (20 g) was gradually added", "the formic acid solution
  // was added": the subject of an input verb (or the solution of it) is a starting material.
  im.input_after = compile(
      "input_after",
      R"(^(?:\s+(?:aqueous\s+)?(?:solution|suspension|dispersion)s?)?(?:\s*\([^()]*\))?,?\s+(?:was|were)\s+(?:[a-z]+ly\s+|then\s+|first\s+|also\s+|subsequently\s+|in turn\s+)?(?:weighed|mixed|dissolved|added|combined|ground|milled|ball[- ]milled|dispersed|loaded|introduced|injected|suspended|poured|dropped)\b)");
  // " in 500 mL of concentrated ", " in aqueous ": the liquid something is dissolved or mixed in.
  im.measured_medium = compile(
      "measured_medium",
      R"( in(?:to)? (?:a |an |the )?(?:\d[\d.]*\s*(?:ml|l|g|mg|ul|µl|μl)(?: of)?)?(?: ?(?:concentrated|aqueous|absolute|deionized|distilled|anhydrous|dry|diluted|dilute|pure|fresh))*\s*)");
  // "used as a solvent", "as capping agents", "as the cadmium precursor", "as a silica source";
  // an explicit role statement: "acted as both reductant and stabilizer", "served as the solvent",
  // "serve as coordinating solvents" (a solvent, not the ligand group's "coordinating")
  // (review 12, D34; the first role named wins). Up to two words of any kind before the role noun
  // ("as a high-boiling non-coordinating solvent", "as the Cd precursor"; not "of": "as a function of
  // precursor ratio"; as few as match, so that "as the surfactant and reducing agent" stays a
  // ligand), and "as an additive" (review 13, D42).
  im.role_after = compile("role_after",
                          R"(^\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:was |were )?(?:used |acted |acts |act |served |serves |serve |functioned |functions |function )?as (?:both )?(?:a |an |the )?(?:(?:[a-z][a-z0-9-]{2,}|[a-np-z][a-z0-9]|o[a-eg-z0-9]) ){0,2}?(?:(solvent|coordinating solvent)|(capping agent|surfactant|ligand|stabili[sz]er|capping ligand|coordinating)|(reducing agent|reductant|reducer)|(precursors?|sources?|raw materials?|starting materials?|reactants?|reagents?)|(additives?)))");
  // Version: rules version + a hash of every lexicon file's bytes (hashed in version()).
  std::string& all = im.lexicon_bytes;
  for (const char* f : kLexiconFiles) {
    std::ifstream in(dir / f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    all += f;
    all += '\0';
    all += ss.str();
  }
  if (options.learned) im.learned = load_learned_models(options.model_dir);
}

Extractor::~Extractor() = default;

std::string Extractor::version() const {
  const Impl& im = *impl_;
  std::call_once(im.version_once, [&im] {
    im.version = std::string(kRulesVersion) + "+" + sha256_hex(im.lexicon_bytes).substr(0, 12);
    if (!im.learned.version.empty()) im.version += "+" + im.learned.version;
  });
  return im.version;
}

// Numbers with units (QuantityScanner), and the conditions without digits ("room temperature",
// "at RT", "overnight"), in text order. The first pass: needs the text only.
namespace {

// Durations written in words, as older papers and SIs do: "stirred for one hour", "two hours",
// "half an hour", "ten minutes", "three days". Number words up to twelve, twenty, thirty; the unit
// word right after (a space or a hyphen between: "a one-hour reaction"). "an hour", "a day" are one
// (not as a rate, frequency_before()); "one to two hours" is a range 3600-7200 s; "a few minutes"
// has no value and gives nothing. Appends to `qs`.
// Whether `lead` ends with a word that makes "a day", "an hour" a rate: "once a day", "twice an
// hour", "three times a week", "per hour"; or with a quantity: "50 mL a minute", "5 °C a minute",
// "1 mL an hour" are flow and heating rates (review 13b, R10).
bool frequency_before(std::string_view lead) {
  while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
  if (lead.ends_with("once") || lead.ends_with("twice") || lead.ends_with("thrice") || lead.ends_with("times") ||
      lead.ends_with("per")) {
    return true;
  }
  // The last word is a number with its unit ("50ml") or a short unit after a number ("5 °c").
  const size_t sp = lead.rfind(' ');
  const std::string_view last = sp == std::string_view::npos ? lead : lead.substr(sp + 1);
  if (last.empty() || !(is_alnum(last.back()) || last.back() == '%')) return false;
  if (is_digit(last.front())) return true;
  return sp != std::string_view::npos && sp > 0 && is_digit(lead[sp - 1]) && last.size() <= 5;
}

void spelled_durations(std::string_view f, std::vector<Quantity>* qs) {
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"minute", 60}, {"hour", 3600}, {"day", 86400}, {"week", 604800}};
  static constexpr std::pair<std::string_view, double> kCounts[] = {
      {"half an", 0.5}, {"half a", 0.5}, {"one", 1},    {"two", 2},     {"three", 3},   {"four", 4},
      {"five", 5},      {"six", 6},      {"seven", 7},  {"eight", 8},   {"nine", 9},    {"ten", 10},
      {"eleven", 11},   {"twelve", 12},  {"twenty", 20}, {"thirty", 30}, {"an", 1}, {"a", 1}};
  // The count word ending `lead`, with its length, or 0 (a whole word only).
  auto count_before = [&](std::string_view lead, size_t* len) -> double {
    for (const auto& [word, count] : kCounts) {
      if (lead.ends_with(word) && (lead.size() == word.size() || !is_alnum(lead[lead.size() - word.size() - 1]))) {
        *len = word.size();
        return count;
      }
    }
    return 0;
  };
  for (const auto& [unit, seconds] : kUnits) {
    for (size_t at = find_bytes(f, unit); at != std::string_view::npos; at = find_bytes(f, unit, at + 1)) {
      size_t e = at + unit.size();
      if (e < f.size() && f[e] == 's') ++e;
      if ((e < f.size() && is_alnum(f[e])) || at < 2 || (f[at - 1] != ' ' && f[at - 1] != '-')) continue;
      const std::string_view lead = f.substr(0, at - 1);
      size_t len = 0;
      const double count = count_before(lead, &len);
      if (count == 0) continue;
      // "an hour", "a day": one, but not a rate ("once a day", "twice an hour", "per hour").
      if (len <= 2 && frequency_before(lead.substr(0, lead.size() - len))) continue;
      // "within less than a minute", "more than a day": a bound, no one-unit value (review 13b, D18).
      if (len <= 2 && lead.substr(0, lead.size() - len).ends_with("than ")) continue;
      Quantity q;
      q.begin = lead.size() - len;
      q.end = e;
      q.kind = "time";
      q.unit_surface = unit;
      // "one to two hours": a range whose first end is a count word too (not "a"/"an", not "half").
      std::string_view head = lead.substr(0, q.begin);
      size_t first_len = 0;
      const double first = head.ends_with(" to ") && len > 2
                               ? count_before(head.substr(0, head.size() - 4), &first_len)
                               : 0;
      if (first > 0 && first_len > 2 && first < count && !head.substr(0, head.size() - 4 - first_len).ends_with("half ")) {
        q.begin = head.size() - 4 - first_len;
        q.min = first * seconds;
        q.max = count * seconds;
      } else {
        q.value = count * seconds;
      }
      qs->push_back(q);
    }
  }
}

// "aged overnight (~12 h)", "stirred overnight (16 h)": the bracket states the duration the word
// names, so the word is no second time of its own (review 13, D40). `e` is where the word ends;
// `qs` holds the scanner's quantities.
bool time_in_bracket_after(std::string_view f, size_t e, const std::vector<Quantity>& qs) {
  size_t open = skip_spaces(f, e);
  if (open >= f.size() || f[open] != '(') return false;
  const size_t close = f.find(')', open);
  if (close == std::string_view::npos || close - open > 30) return false;
  for (const Quantity& q : qs) {
    if (q.begin > open && q.end <= close && q.kind == "time") return true;
  }
  return false;
}

}  // namespace

std::vector<Quantity> Extractor::Impl::scan_quantities(std::string_view text, const std::string& folded) const {
  const Impl& im = *this;
  std::vector<Quantity> qs = im.quantities->scan(text, folded);
  // "room temperature", "overnight": conditions without digits. Found by a plain substring search
  // with the word-boundary tests done by hand: an RE2 scan over the whole paragraph per match was
  // 2 % of the extraction time. Matches are those of \b(?:room|ambient)[ -]temperature\b and
  // \bovernight\b (RE2's \b: ASCII word characters), in text order.
  {
    const std::string_view f = folded;
    auto word_char = [](char c) { return is_alnum(c) || c == '_'; };
    auto bounded = [&](size_t b, size_t e) { return (b == 0 || !word_char(f[b - 1])) && (e == f.size() || !word_char(f[e])); };
    auto add_room = [&](size_t b, size_t e) {  // room temperature, 25 °C
      Quantity q;
      q.begin = b;
      q.end = e;
      q.kind = "room_temperature";
      q.value = 25;
      qs.push_back(q);
    };
    constexpr std::string_view kTemperature = "temperature";
    for (size_t at = find_bytes(f, kTemperature); at != std::string_view::npos; at = find_bytes(f, kTemperature, at + 1)) {
      if (at < 5 || (f[at - 1] != ' ' && f[at - 1] != '-')) continue;
      size_t b = f.substr(0, at - 1).ends_with("room")      ? at - 5
                 : f.substr(0, at - 1).ends_with("ambient") ? at - 8
                                                            : std::string_view::npos;
      size_t e = at + kTemperature.size();
      if (b == std::string_view::npos || !bounded(b, e)) continue;
      add_room(b, e);
    }
    // "at RT", "cooled to RT": room temperature as an abbreviation, only after "at"/"to" ("RT-PCR",
    // "RT" as a sample label are no temperature).
    for (size_t at = text.find("RT"); at != std::string_view::npos; at = text.find("RT", at + 2)) {
      size_t e = at + 2;
      if (!bounded(at, e) || (e < text.size() && text[e] == '-')) continue;
      if (!(f.substr(0, at).ends_with(" at ") || f.substr(0, at).ends_with(" to ") || f.substr(0, at) == "at ")) continue;
      add_room(at, e);
    }
    constexpr std::string_view kOvernight = "overnight";
    for (size_t at = find_bytes(f, kOvernight); at != std::string_view::npos; at = find_bytes(f, kOvernight, at + 1)) {
      size_t e = at + kOvernight.size();
      if (!bounded(at, e) || time_in_bracket_after(f, e, qs)) continue;
      Quantity q;
      q.begin = at;
      q.end = e;
      q.kind = "time";
      q.value = 43200;  // 12 h: documented convention (docs/extraction.md)
      q.unit_surface = "overnight";
      qs.push_back(q);
    }
    spelled_durations(f, &qs);
    // The list is mostly in text order already (the cues above are the exception): a stable sort
    // of a sorted list changes nothing, and it moves every Quantity (1 % of the extraction time).
    auto by_begin = [](const Quantity& a, const Quantity& b) { return a.begin < b.begin; };
    if (!std::is_sorted(qs.begin(), qs.end(), by_begin)) std::stable_sort(qs.begin(), qs.end(), by_begin);
  }
  return qs;
}

namespace {

// What quantity_entities() carries from one quantity to the next.
struct QuantityWalk {
  double last_pl_peak = 0;  // the last PL peak (nm): fwhm_in_mev() puts FWHMs in nm around it in meV
  std::vector<size_t> fwhm_nm;  // indices into raws of fwhm in nm awaiting a peak
  std::vector<size_t> pl_peaks;  // indices into raws of the PL peaks in nm, for lists of FWHMs
  // The last size, PL or absorption peak (in nm) or PLQY, for a spread named after it: "8.5 nm with
  // a standard deviation of 0.9 nm", "3.2 nm (σ = 8%)" (a percentage is relative to a size), "a
  // PLQY of 65% with a standard deviation of 4%" (percentage points), "the PL peak at 620 nm
  // (σ = 3 nm)". The spread is that value's sd, never a value of its own.
  size_t last_spreadable = SIZE_MAX;  // index into raws
  size_t last_length_end = 0;   // bytes: end of the previous length quantity, whose cue it spent
  size_t last_length_from = 0;  // bytes: where its dimension window began, which its list shares
  // The ends of two forward list walks below, kept across quantities: a walk from any item inside a
  // walked stretch ends where that walk ended, and every item of a long list walking it to its end
  // anew was quadratic (1 MB of "5 nm, ": over 60 s; session 11). [from, last] of the last walk.
  size_t unit_walk_from = SIZE_MAX, unit_walk_last = 0;      // list_unit_after(): the walk to a list's unit
  size_t length_walk_from = SIZE_MAX, length_walk_last = 0;  // respective_lengths(): the walk over a list
};

// One quantity as each step of quantity_entities() reads it.
struct QuantityAt {
  const Quantity& q;        // an element of para.qs (list walks take its index)
  size_t ss;                // byte where q's sentence starts (at most 120 back): cues count inside it
  std::string_view before;  // folded, from ss to q: the cue words before the number
  std::string_view after;   // folded, up to 40 bytes after q: unit and noun cues after the number
};

// The first item of the list of quantities that ends with qs[i], within the sentence from `ss`;
// `joined(a)` says whether qs[a] and qs[a + 1] are items of one list.
template <typename Joined>
size_t first_list_item(const std::vector<Quantity>& qs, size_t ss, size_t i, Joined joined) {
  while (i > 0 && qs[i - 1].begin >= ss && joined(i - 1)) --i;
  return i;
}

// A relative spread of a PLQY ("a relative standard deviation of 10%", "RSD 5%") is a share of
// the value, not percentage points (review 8b, R9).
// Gives the last spreadable value of the sentence the spread q as its sd (if it has none yet).
void spread_of_size(QuantityWalk& walk, std::vector<Raw>& raws, const Quantity& q, size_t ss, bool relative) {
  const size_t last_spreadable = walk.last_spreadable;
  if (last_spreadable == SIZE_MAX || raws[last_spreadable].begin < ss || !q.value) return;
  Entity& v = raws[last_spreadable].e;
  if (v.sd) return;
  if (q.kind == "fraction") {
    if (v.type == "plqy" && relative) {
      if (v.value) v.sd = *v.value * *q.value / 100;
    } else if (v.type == "plqy") {
      v.sd = q.value;
    } else if (v.type == "size" && v.value) {
      v.sd = *v.value * *q.value / 100;
    }
  } else if (v.type != "plqy") {
    v.sd = q.value;
  }
}

// "a standard deviation of 7%", "the size distribution was 5%", "3.2 nm (σ = 8%)", "a PLQY of
// 65% with a standard deviation of 4%": a spread, no amount, no PLQY. After a size or PLQY in
// the same sentence it is that value's spread.
// Whether the fraction is such a spread (then given to its value).
bool fraction_spread(QuantityWalk& walk, std::vector<Raw>& raws, const QuantityAt& qa) {
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before;
  const size_t plqy = last_cue(before, {"plqy", "quantum yield", "qy", "quantum efficienc", "plqe"});
  const size_t from = before.size() - std::min<size_t>(before.size(), 40);
  std::string_view near = before.substr(from);
  size_t c = last_cue(near, {"deviation", "distribution", "dispersity", "rsd", "variation", "\u03c3", "sigma"});
  // ... with no other number or clause between ("size distribution was 5%, with 2 wt% Mn").
  // After a PLQY cue only a deviation counts ("a narrow size distribution and a PLQY of 50%").
  if (c != std::string_view::npos && plqy != std::string_view::npos) {
    c = last_cue(near, {"deviation", "rsd", "variation", "\u03c3", "sigma"});  // "distribution" is no PLQY's
    if (c != std::string_view::npos && from + c < plqy) c = std::string_view::npos;
  }
  if (c != std::string_view::npos && near.find_first_of("0123456789,;", c) == std::string_view::npos) {
    spread_of_size(walk, raws, q, ss, near.find("relative") != std::string_view::npos || near.find("rsd") != std::string_view::npos);
    return true;
  }
  return false;
}

// "a 40% increase in the diameter", "decreased by 30%", "with a probability of 87%": a relative
// change or a score, no amount of any material, and no PLQY or yield either ("The PLQY
// increased by 20%", rev8c probe): read before the PLQY cue.
bool relative_change(const QuantityAt& qa) {
  const std::string_view before = qa.before, after = qa.after;
  std::string_view a = after.substr(skip_spaces(after, 0));
  if (a.starts_with("-")) a.remove_prefix(1);
  bool change = false;
  for (std::string_view w : {"increase"sv, "decrease"sv, "reduction"sv, "enhancement"sv, "improvement"sv,
                             "rise"sv, "drop"sv, "gain"sv, "loss"sv, "change"sv, "higher"sv, "lower"sv,
                             "larger"sv, "smaller"sv}) {
    change |= !a.empty() && a[0] == w[0] && a.starts_with(w);  // (first byte: no memcmp call mostly)
  }
  std::string_view b = before;
  while (!b.empty() && (b.back() == ' ' || b.back() == '~')) b.remove_suffix(1);
  for (std::string_view w : {"probability of"sv, "accuracy of"sv, "precision of"sv, "confidence of"sv,
                             "recall of"sv, "agreement of"sv, "probability"sv, "accuracy"sv}) {
    change |= !b.empty() && b.back() == w.back() && b.ends_with(w);
  }
  if (b.ends_with(" by") || b.ends_with(" by about") || b.ends_with(" by approximately")) {
    std::string_view v = b.substr(0, b.rfind(" by"));
    v = v.substr(v.find_last_of(' ') == std::string_view::npos ? 0 : v.find_last_of(' ') + 1);
    change |= one_of(v, {"increased", "decreased", "increases", "decreases", "increase", "decrease", "reduced",
                         "raised", "lowered", "rose", "dropped", "fell", "improved", "enhanced", "grew",
                         "shrank", "changed", "declined", "varied", "differ", "differed"});
  }
  return change;
}

// "(humidity 40%)", "at a relative humidity of 35%", "(RH ~25–60%)": the air's humidity, no amount of
// a reagent (review 13, D37; device efficiencies are device_efficiency()'s). The cue must be among
// the last words before the number, with no other number between. `before` ends right before it.
bool humidity_percentage(std::string_view before) {
  const std::string_view tail = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  size_t cue = last_cue(tail, {"humidity", "rh "});
  if (cue == std::string_view::npos || (cue > 0 && is_alpha(tail[cue - 1]))) return false;
  return tail.find_first_of("0123456789", cue) == std::string_view::npos;
}

// "(<10%) of the particles were rods", "about 90% of the NCs": a share of the product's particles,
// no amount (review 13, D37). `after` follows the number.
bool population_share(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  if (p < after.size() && after[p] == ')') p = skip_spaces(after, p + 1);
  std::string_view a = after.substr(p);
  if (!a.starts_with("of ")) return false;
  a.remove_prefix(3);
  for (std::string_view det : {"the "sv, "all "sv, "these "sv}) {
    if (a.starts_with(det)) a.remove_prefix(det.size());
  }
  size_t e = 0;
  while (e < a.size() && (is_alnum(a[e]) || a[e] == '-')) ++e;
  return e > 0 && token_class(a.substr(0, e)) == Measured::kParticle;
}

// An amount (mass, volume, moles, concentration, fraction, ratio), or a PLQY or yield, or nothing
// (false: a spread, a relative change, a vessel, a centrifugal force, a resistivity). Fills `e`.
bool amount_entity(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, Entity& e) {
  const std::string& folded = para.folded;
  const std::vector<Raw>& raws = para.raws;
  const Quantity& q = qa.q;
  const std::string_view kind = q.kind;
  const std::string_view before = qa.before, after = qa.after;
  if (kind == "fraction" && fraction_spread(walk, para.raws, qa)) return false;
  if (kind == "fraction" && (humidity_percentage(before) || population_share(after))) return false;
  if (kind == "fraction" && (relative_change(qa) || relative_plqy_after(after))) return false;
  if (kind == "fraction" && device_efficiency(before, after)) return false;
  if (kind == "fraction") {
    size_t plqy = last_cue(before, {"plqy", "quantum yield", "qy", "quantum efficienc", "plqe"});
    size_t yld = last_cue(before, {"yield"});
    if ((plqy != std::string_view::npos && (yld == std::string_view::npos || plqy + 8 >= yld)) ||
        plqy_label_after(after)) {
      if (reference_yield(before, after)) return false;
      e.type = "plqy";
    } else if (yld != std::string_view::npos || after.starts_with(" yield")) {
      e.type = "yield";
    }
    if (!e.type.empty()) {
      e.sd = q.sd;  // "92 ± 3%"
      if (e.type == "plqy") walk.last_spreadable = raws.size() - 1;  // this entity, already in place
      return true;
    }
  }
  // "a 100 mL Teflon-lined autoclave" is a vessel, "(99.5%)" after a name is a purity.
  if (kind == "volume" && (apparatus_after(after) || vessel_before_bracket(before))) return false;
  // "centrifuged at 10,000 g": a relative centrifugal force, no mass.
  if (kind == "mass" && centrifuge_speed(before, after)) return false;
  // "18.2 MΩ cm", "3.0 M Ω": megaohm (water resistivity), not a molar concentration.
  if (kind == "concentration") {
    std::string_view a = after;
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    if (a.starts_with("\u03a9") || a.starts_with("\u2126") || a.starts_with("ohm")) return false;
  }
  // Purities are kept as fraction amounts of their material (as the MSP annotations do) but
  // marked role "purity" so that records do not read them as composition.
  if (kind == "fraction" && q.value && (*q.value >= 95 || before.ends_with("purity of ") ||
                                          after.starts_with(" purity") || after.starts_with(" pure"))) {
    e.role = "purity";
  }
  // "1-octadecene (ODE, 90%), oleylamine (OLA, 70%) ... were used as received": a technical
  // grade after the alias in a list of bought chemicals is a purity too (review 8, D11).
  if (kind == "fraction" && q.value && *q.value >= 50 && e.role.empty() && after.starts_with(")")) {
    size_t open = before.rfind('(');
    std::string_view inside = open == std::string_view::npos ? std::string_view() : before.substr(open + 1);
    if (inside.ends_with(", ") && inside.size() <= 24 && inside.find(' ') == inside.size() - 1) {
      std::string_view rest = std::string_view(folded).substr(q.end, std::min<size_t>(600, folded.size() - q.end));
      rest = rest.substr(0, std::min(rest.find(". "), rest.size()));
      std::string_view head = std::string_view(folded).substr(q.begin > 600 ? q.begin - 600 : 0,
                                                              std::min<size_t>(q.begin, 600));
      head = head.substr(head.rfind(". ") == std::string_view::npos ? 0 : head.rfind(". "));
      for (std::string_view cue : {"as received"sv, "purchased"sv, "supplied by"sv, "obtained from"sv,
                                   "without further purification"sv, "were used"sv, "sigma"sv, "aldrich"sv}) {
        if (rest.find(cue) != std::string_view::npos || head.find(cue) != std::string_view::npos) {
          e.role = "purity";
          break;
        }
      }
    }
  }
  e.type = "amount";
  static const std::pair<const char*, std::pair<const char*, const char*>> kAmountUnits[] = {
      {"mass", {"mass", "g"}},
      {"volume", {"volume", "mL"}},
      {"moles", {"moles", "mol"}},
      {"concentration", {"concentration", "mol/L"}},
      {"mass_concentration", {"concentration", "g/L"}},
      {"fraction", {"fraction", "%"}}};
  for (const auto& [unit_kind, qu] : kAmountUnits) {
    if (kind == unit_kind) {
      e.quantity = qu.first;
      e.unit = qu.second;
    }
  }
  if (kind == "ratio") {
    e.quantity = q.ratio_kind;
    e.unit = format_ratio_unit();
  }
  return true;
}

// "8.5 nm with a standard deviation of 0.9 nm", "(σ = 0.9 nm)": a spread, no size of its own.
bool length_spread(QuantityWalk& walk, std::vector<Raw>& raws, const QuantityAt& qa) {
  const std::string_view before = qa.before;
  std::string_view b = before;
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view w : {" of"sv, "="sv, ":"sv, " was"sv, " is"sv, " about"sv, "~"sv}) {
      if (b.ends_with(w)) {
        b.remove_suffix(w.size());
        trimmed = true;
      }
    }
  }
  bool spread = false;
  for (std::string_view w : {"standard deviation"sv, "std. dev."sv, "\u03c3"sv, "sigma"sv, "s.d."sv, " sd"sv,
                             "(sd"sv}) {
    spread |= b.ends_with(w);
  }
  if (spread) {
    spread_of_size(walk, raws, qa.q, qa.ss, false);
    return true;
  }
  return false;
}

// A length (in nm) being read: what the steps of length_entity() find and a later step reads.
struct LengthReading {
  size_t fw, pl, ab, ex;        // in `before`: the last FWHM, PL, absorption, excitation cue (or npos)
  size_t first_item;            // index in qs of q's list's first item: the list shares its clause
  std::string_view clause;      // the clause before q: size words count only there
  size_t clause_off;            // where `clause` starts in `before`
  size_t sz;                    // in `before`: the last size word of the clause (or npos)
  std::string after_dimension;  // the dimension a size word after the number names
  bool cue_after;               // a size word right after the number: it wins over cues before
  size_t best;                  // the nearest cue before: it chose `type`
  std::string type;             // size, pl_peak, absorption_peak, fwhm, or empty (dropped)
  std::string_view after_long;  // folded, up to 80 bytes after q: the noun the length measures
  Measured measured_after;      // what that noun is
  std::string layer_dimension;  // the dimension a layer or pore rule chose
  bool grown = false;           // a grown film or cell layer: measures the material after it
  size_t dim_from;              // in `before`: where dimension words count (the last length spent the rest)
  std::string respective_dimension;  // the dimension a "respectively" list gives this item
};

// What a length in nm is depends on the words before it in the same sentence.
// "emission under 980 nm excitation", "a 405 nm laser": the wavelength excites, it is no peak of
// the product (review 13, D48). `after` follows the length's unit.
bool excitation_after(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  if (p < after.size() && after[p] == '-') ++p;
  std::string_view a = after.substr(p);
  return a.starts_with("excitation") || a.starts_with("laser") || a.starts_with("diode laser");
}

// "green (540 nm) and red (654 nm) upconversion emission", "blue (450 nm) emission bands": a
// colour named with its wavelength in brackets is an emission band when the words around speak of
// emission (review 13, D48). `before` ends right before the number.
bool emission_band(std::string_view before, std::string_view after) {
  std::string_view b = before;
  while (!b.empty() && (b.back() == ' ' || b.back() == '~')) b.remove_suffix(1);
  if (b.empty() || b.back() != '(') return false;
  b.remove_suffix(1);
  while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  bool colour = false;
  for (std::string_view c : {"green"sv, "red"sv, "blue"sv, "violet"sv, "yellow"sv, "orange"sv, "cyan"sv,
                             "near-infrared"sv, "nir"sv, "ultraviolet"sv, "uv"sv}) {
    colour |= b.ends_with(c) && (b.size() == c.size() || !is_alpha(b[b.size() - c.size() - 1]));
  }
  if (!colour) return false;
  for (std::string_view w : {"emission"sv, "emit"sv, "luminescen"sv, "upconversion"sv, "up-conversion"sv}) {
    if (before.find(w) != std::string_view::npos || after.find(w) != std::string_view::npos) return true;
  }
  return false;
}

void optical_cues(const QuantityAt& qa, LengthReading& len) {
  const std::string_view before = qa.before;
  size_t &fw = len.fw, &pl = len.pl, &ab = len.ab, &ex = len.ex;
  fw = fwhm_cue(before);
  pl = last_cue(before, {"emission", "photoluminescence", "pl ", "pl peak", "emit", "luminescen", "pl maximum",
                                "fluoresc", "pl:", "\u03bbem", "\u03bb_em"});
  ab = last_cue(before, {"absorption", "absorbance", "exciton", "absorb", "plasmon", "lspr", " spr ",
                                "transverse", "longitudinal"});
  ex = last_cue(before, {"excit", "wavelength of", "laser", "irradiat", "filter", "pore"});
  // "(λex = 400 nm)": the excitation wavelength itself; a later value in the sentence is not.
  if (std::string_view b = before.substr(0, before.find_last_not_of(" =:") + 1);
      b.ends_with("\u03bbex") || b.ends_with("\u03bb_ex") || b.ends_with("\u03bbexc")) {
    ex = before.size();
  }
  if (excitation_after(qa.after)) ex = before.size();
  if (emission_band(before, qa.after)) pl = before.size() - 1;
  // "the FWHM of the PL peak was 20 nm", "the FWHM at the emission maximum": the optical cue
  // only says whose width it is.
  auto width_of = [&](size_t cue) {
    if (fw == std::string_view::npos || cue == std::string_view::npos || cue < fw || cue - fw > 40) return false;
    std::string_view gap = before.substr(fw, cue - fw);
    // "The FWHM of the PL peak at 620 nm was 0.085 eV": the number placed "at" after the peak
    // cue is the peak's position, the width comes later.
    std::string_view since = before.substr(cue);
    if (since.find(" at ") != std::string_view::npos || since.find("centered") != std::string_view::npos ||
        since.find("centred") != std::string_view::npos || since.find("located") != std::string_view::npos) {
      return false;
    }
    return gap.find_first_of("0123456789,;") == std::string_view::npos &&
           (gap.find(" of ") != std::string_view::npos || gap.find(" at ") != std::string_view::npos);
  };
  if (width_of(pl)) pl = std::string_view::npos;
  if (pl == fw) pl = std::string_view::npos;  // "an emission width of 60 nm": the FWHM cue's own word
  if (width_of(ab)) ab = std::string_view::npos;
}

// A cue before the number counts only in the same clause.
void clause_cue(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before;
  const size_t fw = len.fw;
  size_t& first_item = len.first_item;
  std::string_view& clause = len.clause;
  size_t& clause_off = len.clause_off;
  size_t& sz = len.sz;
  size_t from_clause = clause_start(before);
  // The last item of a list shares the clause of its first ("the thicknesses of ≈30, 300, and
  // 20 μm": ", and " starts no clause there).
  first_item = static_cast<size_t>(&q - qs.data());
  while (first_item > 0 && qs[first_item - 1].in_list && qs[first_item - 1].begin >= ss) --first_item;
  if (qs[first_item].begin < q.begin) {
    from_clause = std::min(from_clause, clause_start(before.substr(0, qs[first_item].begin - ss)));
  }
  clause = before.substr(from_clause);
  clause_off = before.size() - clause.size();
  // "lateral dimensions of 20 nm × 8 nm" (NPLs) names a size too (review 13, D50).
  sz = last_word_cue(clause, {"size", "diameter", "length", "width", "thick", "edge", "sized", "nanocrystals",
                                     "particles", "nps", "ncs", "qds", "dots", "average", "mean", "rods", "wires",
                                     "cubes", "platelets", "sheets", "shell", "core", "spheres", "measur", "radii",
                                     "radius", "seeds", "dimensions", "lateral"});
  // "the absorption edge at 380 nm", "band edge": an optical edge, no edge length.
  if (sz != std::string_view::npos && clause.substr(sz).starts_with("edge") &&
      (clause.substr(0, sz).ends_with("absorption ") || clause.substr(0, sz).ends_with("absorbance ") ||
       clause.substr(0, sz).ends_with("band ") || clause.substr(0, sz).ends_with("band-"))) {
    sz = last_word_cue(clause.substr(0, sz), {"size", "diameter", "length", "width", "thick", "sized", "nanocrystals",
                                              "particles", "nps", "ncs", "qds", "dots", "average", "mean", "rods",
                                              "wires", "cubes", "platelets", "sheets", "shell", "core", "spheres",
                                              "measur", "radii", "radius", "seeds", "dimensions", "lateral"});
  }
  if (sz != std::string_view::npos) sz += clause_off;
  // "an emission width above 60 nm", "line width": the width word is the FWHM cue's own (it
  // starts at most 9 bytes into the cue: "emission " is the longest head of a width cue).
  if (sz != std::string_view::npos && fw != std::string_view::npos && sz > fw && sz - fw <= 9 &&
      before.substr(sz).starts_with("width")) {
    sz = std::string_view::npos;
  }
}

// The nearest cue before the number chooses what it is; words right after it can override.
void nearest_cue(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string_view text = para.text;
  const Quantity& q = qa.q;
  const std::string_view before = qa.before, after = qa.after;
  const size_t fw = len.fw, pl = len.pl, ab = len.ab, ex = len.ex, sz = len.sz;
  std::string& after_dimension = len.after_dimension;
  bool& cue_after = len.cue_after;
  size_t& best = len.best;
  std::string& type = len.type;
  cue_after = size_cue_after(after, &after_dimension);
  best = std::string_view::npos;
  auto consider = [&](size_t pos, const char* t) {
    if (pos != std::string_view::npos && (best == std::string_view::npos || pos > best)) {
      best = pos;
      type = t;
    }
  };
  consider(sz, "size");
  consider(ab, "absorption_peak");
  consider(pl, "pl_peak");
  consider(fw, "fwhm");
  consider(ex, "");
  // "short rods with an aspect ratio of 2.6 and a band at 640 nm": a band or peak placed "at" the
  // length after a particle noun is a spectral position (of the last optical cue of the
  // sentence: "The PL spectra of the QDs show peaks at 512 nm"), no size.
  if (type == "size" && best == sz) {
    std::string_view since = before.substr(sz);
    for (std::string_view w : {"band at"sv, "bands at"sv, "peak at"sv, "peaks at"sv, "band around"sv,
                               "peak around"sv, "band centered"sv, "peak centered"sv, "maximum at"sv}) {
      if (since.find(w) != std::string_view::npos) {
        constexpr size_t npos = std::string_view::npos;
        type = ab != npos && (pl == npos || ab > pl) ? "absorption_peak" : pl != npos ? "pl_peak" : "";
        break;
      }
    }
  }
  if (type.empty() && q.value && *q.value <= 100 &&
      (after.starts_with(" nanocrystal") || after.starts_with(" nanoparticle") || after.starts_with(" ncs") ||
       after.starts_with(" qds") || after.starts_with("-sized") || after.starts_with(" particles") ||
       after.starts_with(" in diameter") || after.starts_with(" in size") || after.starts_with(" in length"))) {
    type = "size";
  }
  // A size word right after the number ("40-nm-thick", "75 nm in thickness") wins over
  // everything before it.
  if (cue_after) type = "size";
  // "1 Å = 10−10 m", "1 nm = 10−9 m": a unit's definition, no measured length.
  if (q.value && std::string_view(text).substr(q.begin, q.end - q.begin).starts_with("1 ") &&
      after.substr(skip_spaces(after, 0)).starts_with("=")) {
    type.clear();
  }
  // "QDs with 950 nm excitons": the exciton's wavelength, an absorption peak.
  if (after.starts_with(" exciton") || after.starts_with("-exciton")) type = "absorption_peak";
}

// Items of a list of optical positions, and absorption onsets and edges (no peak).
void optical_position(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string& folded = para.folded;
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before;
  const size_t pl = len.pl, ab = len.ab, clause_off = len.clause_off;
  const bool cue_after = len.cue_after;
  std::string& type = len.type;
  std::string_view& after_long = len.after_long;
  Measured& measured_after = len.measured_after;
  // A product noun right after the length ("a 500 μm electrolyte", "5 nm Cu2-xS NCs", "sub-10
  // nm copper sulphide rods"), or a layer named right before it in brackets or with "of"
  // ("anode-supports (300 μm)", "a NiO-8YSZ anode of 25 μm", "GDC (∼14 μm)" in a cell).
  after_long = std::string_view(folded).substr(q.end, std::min<size_t>(80, folded.size() - q.end));
  measured_after = noun_after(after_long);
  if (!cue_after) {
    // "plasmon bands at 512 and 810 nm", "peaks at 512, 650 and 810 nm", "at 512 nm and 810 nm":
    // every item of a list reads the words before its first item ("at"), not the "512 and"
    // right before it.
    const size_t head = first_list_item(qs, ss, static_cast<size_t>(&q - qs.data()), [&](size_t a) {
      std::string_view gap = std::string_view(folded).substr(qs[a].end, qs[a + 1].begin - qs[a].end);
      return qs[a].in_list || (qs[a].kind == "length" && gap != "," && list_gap(gap));
    });
    std::string_view list_before = before;
    if (const size_t at = qs[head].begin - ss; qs[head].begin < q.begin &&
                                                       (pl == std::string_view::npos || pl < at) &&
                                                       (ab == std::string_view::npos || ab < at)) {
      list_before = before.substr(0, at);
    }
    optical_override(list_before, measured_after, q.value, pl, ab, clause_off, &type);
    // "emission at 520 nm and 10 nm NCs": a later item before a particle noun is still a size.
    if (list_before.size() < before.size() && q.value && *q.value <= 100 &&
        (measured_after == Measured::kParticle || measured_after == Measured::kLayer)) {
      optical_override(before, measured_after, q.value, pl, ab, clause_off, &type);
    }
  }
  // "The absorption onset is at 700 nm", "the onset of absorption", "absorption edge": no peak.
  if (type == "absorption_peak" && ab != std::string_view::npos) {
    size_t w = ab;
    while (w < before.size() && before[w] == ' ') ++w;
    while (w < before.size() && is_lower(before[w])) ++w;
    std::string_view next = before.substr(std::min(before.size(), w + 1));
    std::string_view lead = before.substr(0, ab);
    while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
    for (std::string_view edge : {"onset"sv, "edge"sv, "tail"sv, "threshold"sv, "cut-off"sv, "cutoff"sv}) {
      if (next.starts_with(edge) || lead.ends_with(std::string(edge) + " of")) type.clear();
    }
  }
}

// A length no cue placed: a layer, support, electrode or pore named before it in brackets, with
// "of" or as the subject ("a dense (~10 μm) YSZ electrolyte", "a NiO-8YSZ anode of 25 μm").
void layer_in_brackets(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before, after = qa.after;
  const size_t first_item = len.first_item;
  const std::string_view after_long = len.after_long;
  std::string& type = len.type;
  std::string& layer_dimension = len.layer_dimension;
  if (!type.empty()) return;
  // A list in brackets, "thinner films (20, 45, 135 nm)": the bracket opens before its first
  // item and closes after its last.
  const size_t index = static_cast<size_t>(&q - qs.data());
  size_t list_last = index;
  while (qs[list_last].in_list && list_last + 1 < qs.size()) ++list_last;
  std::string_view b = first_item < index ? before.substr(0, qs[first_item].begin - ss) : before;
  std::string_view list_after =
      list_last == index ? std::string_view(after)
                         : std::string_view(folded).substr(qs[list_last].end,
                                                           std::min<size_t>(40, folded.size() - qs[list_last].end));
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view hedge :
         {"~", "\u223c", "\u2248", "<", ">", "\u2264", "ca.", "about", "approximately"}) {
      if (b.ends_with(hedge)) {
        b.remove_suffix(hedge.size());
        trimmed = true;
      }
    }
  }
  std::string_view a = list_after.substr(skip_spaces(list_after, 0));
  // "(∼10 μm; Supplementary Fig. 5a)": a note after a semicolon inside the bracket.
  bool bracket = b.ends_with("(") && (a.starts_with(")") || (a.starts_with(";") && a.find(')') != std::string_view::npos));
  // "a dense (~10 μm) YSZ electrolyte": the noun after the bracket.
  if (bracket) {
    Measured m = noun_after(std::string_view(after_long).substr(std::string_view(after_long).find(')') + 1));
    if (m == Measured::kLayer || m == Measured::kParticle) {
      type = "size";
      if (m == Measured::kLayer) layer_dimension = "thickness";
      bracket = false;
    }
  }
  bool of = b.ends_with(" of");
  // "the F-CeO2/Sr-Fe-Mo-oxide single layer is 0.6 mm approximately": a layer as the subject.
  size_t copula = 0;
  // "delamination occurs if the anode exceeds 2.6 μm": a comparison verb after the layer.
  // "the growth of an LSC thin film from 3–4.5 (a), 5–20 (b) ... nm": the layer's thicknesses.
  for (std::string_view v : {" is"sv, " was"sv, " are"sv, " were"sv, " exceeds"sv, " exceed"sv, " from"sv}) {
    if (!bracket && !of && b.ends_with(v)) copula = v.size();
  }
  if (bracket || of || copula) {
    b.remove_suffix(bracket ? 1 : of ? 3 : copula);
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    size_t w = b.size();
    while (w > 0 && b[w - 1] != ' ' && b[w - 1] != '(' && b[w - 1] != ',') --w;
    std::string_view word = b.substr(w);
    Measured m = token_class(word);
    // A formula or acronym in brackets counts in a sentence about a cell ("SCNT | GDC(∼14 μm) |").
    std::string_view raw = std::string_view(text).substr(ss + w, word.size());
    int upper = 0;
    for (char c : raw) upper += is_upper(c);
    std::string_view sentence = std::string_view(folded).substr(ss, std::min<size_t>(folded.size() - ss, 300));
    bool cell = sentence.find("cell") != std::string_view::npos ||
                sentence.find("sofc") != std::string_view::npos || sentence.find('|') != std::string_view::npos;
    // "very thin (40 nm)", and a layer named by its material: "a porous thin layer of PBFM (~10 μm)".
    bool thin = bracket && (word == "thin" || word == "thick");
    if (bracket && m == Measured::kUnknown && upper >= 2) {
      std::string_view lead = b.substr(0, w);
      while (!lead.empty() && lead.back() == ' ') lead.remove_suffix(1);
      if (lead.ends_with(" of")) {
        lead.remove_suffix(3);
        size_t lw = lead.size();
        while (lw > 0 && lead[lw - 1] != ' ') --lw;
        thin = token_class(lead.substr(lw)) == Measured::kLayer;
      }
    }
    // "a complete LSC electrode (∼100 nm)": an electrode layer's thickness (not "microelectrode").
    bool electrode = bracket && (word.ends_with("electrode") || word.ends_with("electrodes")) &&
                     word.find("micro") == std::string_view::npos;
    // "mesoporous (2–50 nm), macroporous (>50 nm)", "the pore openings (~500 nm)": pore sizes.
    if (bracket && (word.ends_with("porous") || word == "pore" || word == "pores" ||
                    (word == "openings" && b.substr(0, w).ends_with("pore ")))) {
      type = "size";
      layer_dimension = "pore";
    } else if (m == Measured::kLayer || thin || electrode || word.ends_with("support") ||
        word.ends_with("supports") || (bracket && m == Measured::kUnknown && upper >= 2 && cell)) {
      type = "size";
      layer_dimension = "thickness";
    }
  }
}

// Nominal thickness of a film while it grows, the length followed by the deposited material
// (GUIDELINE.md stage 3): "after depositing about 3 nm LSC", "the first 20 nm of LSC growth",
// "nominally 0.5 nm LSC", "after 3 nm of LSC were deposited". A cue before it (a laser, an
// emission) wins, except right after "nominally".
void nominal_thickness(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before, after = qa.after;
  const size_t best = len.best;
  const std::string_view after_long = len.after_long;
  const Measured measured_after = len.measured_after;
  std::string& type = len.type;
  std::string& layer_dimension = len.layer_dimension;
  bool& grown = len.grown;
  if (type.empty() && (best == std::string_view::npos || before.ends_with("nominally ") ||
                       before.ends_with("nominal "))) {
    std::string_view raw_after = std::string_view(text).substr(q.end, std::min<size_t>(40, text.size() - q.end));
    size_t p = skip_spaces(raw_after, 0);
    // "after depositing 3 nm or more LSC": a bound on the same length.
    for (std::string_view bound : {"or more "sv, "or less "sv}) {
      if (p > 0 && raw_after.substr(p).starts_with(bound)) p = skip_spaces(raw_after, p + bound.size());
    }
    if (raw_after.substr(p).starts_with("of ")) p = skip_spaces(raw_after, p + 3);
    size_t te = p;
    int upper = 0;
    while (te < raw_after.size() && (is_alnum(raw_after[te]) || raw_after[te] == '.')) upper += is_upper(raw_after[te++]);
    std::string_view sentence_near = std::string_view(folded).substr(ss, std::min<size_t>(folded.size(), q.end + 80) - ss);
    // "a 248 nm KrF excimer laser" in a deposition sentence is a wavelength.
    if (p > 0 && upper >= 2 && te > p && is_upper(raw_after[p]) && after.find("laser") == std::string_view::npos &&
        (sentence_near.find("deposit") != std::string_view::npos || sentence_near.find("growth") != std::string_view::npos ||
         sentence_near.find("growing") != std::string_view::npos || before.ends_with("nominally ") ||
         before.ends_with("nominal "))) {
      type = "size";
      layer_dimension = "thickness";
      grown = true;
    } else if (p > 0 && after.find("laser") == std::string_view::npos &&
               (measured_after == Measured::kUnknown || (measured_after == Measured::kDevice && [&] {
                  // "a 1 mm LSM porous support": a support's thickness is a size (GUIDELINE.md).
                  std::string_view head = std::string_view(after_long).substr(0, std::min<size_t>(after_long.size(), 40));
                  head = head.substr(0, std::min(head.find_first_of(",;()"), head.size()));
                  return head.find(" support") != std::string_view::npos;
                }()))) {
      // A layer named by its material in the description of a cell (GUIDELINE.md: thickness of
      // cell components): "a CSC with 10 μm 50:50 Pd:YSZ, 10 μm 8YSZ and 1 mm LSM". Lengths
      // with a dimension word were decided above; an object named after the material ("a 2 mm
      // YSZ disc") makes measured_after an object and is not taken.
      size_t m = p;
      // Texture adjectives before the material: "a 10 μm porous YSZ", "a 2 μm dense GDC".
      for (int k = 0; k < 2; ++k) {
        for (std::string_view adj : {"porous "sv, "dense "sv, "thin "sv, "nanoporous "sv, "microporous "sv,
                                     "mesoporous "sv, "macroporous "sv}) {
          if (raw_after.substr(m).starts_with(adj)) {
            m = skip_spaces(raw_after, m + adj.size());
            break;
          }
        }
      }
      // A composition ratio before the material: "50:50 Pd:YSZ".
      size_t ratio_end = m;
      while (ratio_end < raw_after.size() && (is_digit(raw_after[ratio_end]) || raw_after[ratio_end] == ':')) ++ratio_end;
      if (ratio_end > m && ratio_end < raw_after.size() && raw_after[ratio_end] == ' ' &&
          raw_after.substr(m, ratio_end - m).find(':') != std::string_view::npos) {
        m = skip_spaces(raw_after, ratio_end);
      }
      // Dopant numbers lead some acronyms: "8YSZ", "10ScSZ".
      size_t lead = m;
      while (lead < raw_after.size() && lead < m + 2 && is_digit(raw_after[lead])) ++lead;
      size_t me = lead;
      int caps = 0;
      while (me < raw_after.size() && (is_alnum(raw_after[me]) || raw_after[me] == ':' || raw_after[me] == '-')) {
        caps += is_upper(raw_after[me++]);
      }
      // The word after the material ends the phrase or is no noun of its own ("LSM 0 +3.3",
      // "8YSZ, 1 mm"): "5 μm LSM cathode" was read above by noun_after().
      // A light source is no layer: "a 450 nm LED", "365 nm UV lamp".
      std::string_view source = std::string_view(after).substr(0, std::min<size_t>(after.size(), 25));
      bool light = source.find(" led") != std::string_view::npos || source.find("lamp") != std::string_view::npos ||
                   source.find("light") != std::string_view::npos;
      if (!light && lead < raw_after.size() && is_upper(raw_after[lead]) && caps >= 2) {
        // The cell is named within a few hundred characters: review tables list a cell type once
        // per row group ("Metal Supported Cell ... Blennow et al. CSC 10 μm ...").
        size_t from = q.begin > 450 ? q.begin - 450 : 0;
        std::string_view around =
            std::string_view(folded).substr(from, std::min<size_t>(folded.size(), q.end + 80) - from);
        for (std::string_view cue : {"cell"sv, "sofc"sv, "anode"sv, "cathode"sv, "electrolyte"sv}) {
          size_t at = around.find(cue);
          // "the unit cell" is a crystal cell.
          while (at != std::string_view::npos && cue == "cell"sv && at >= 5 && around.substr(at - 5, 5) == "unit ") {
            at = around.find(cue, at + 4);
          }
          if (at != std::string_view::npos) {
            type = "size";
            layer_dimension = "thickness";
            grown = true;  // measures the material after it, like a grown film
            break;
          }
        }
      }
    }
  }
}

// An earlier item of a list whose last item carries the size word: "40 nm and 320 nm in
// thickness", "1.0 and 0.5 mm thick". Like a size word after the number, it wins over cues
// before ("field emission ... the BECs were 40 nm and 320 nm in thickness").
void list_unit_after(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string& folded = para.folded;
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  size_t &unit_walk_from = walk.unit_walk_from, &unit_walk_last = walk.unit_walk_last;
  std::string& type = len.type;
  bool& cue_after = len.cue_after;
  std::string& after_dimension = len.after_dimension;
  Measured& measured_after = len.measured_after;
  size_t qi = static_cast<size_t>(&q - qs.data());
  if (!cue_after && type != "size" && qi + 1 < qs.size() && qs[qi + 1].kind == "length" &&
      qs[qi + 1].begin >= q.end) {
    // An item without its unit looks at the last item ("(A) 40, (B) 320 and 480 nm-thick").
    size_t last_item = qi + 1;
    if (q.in_list && unit_walk_from <= last_item && last_item <= unit_walk_last) {
      last_item = unit_walk_last;
    } else if (q.in_list) {
      unit_walk_from = last_item;
      while (qs[last_item].in_list && last_item + 1 < qs.size()) ++last_item;
      unit_walk_last = last_item;
    }
    const Quantity& next = qs[last_item];
    std::string_view gap = std::string_view(folded).substr(q.end, qs[qi + 1].begin - q.end);
    bool list = q.in_list || list_gap(gap);
    std::string next_dimension;
    std::string_view next_after =
        std::string_view(folded).substr(next.end, std::min<size_t>(40, folded.size() - next.end));
    if (list && size_cue_after(next_after, &next_dimension)) {
      type = "size";
      cue_after = true;
      after_dimension = next_dimension;
      // ... and what the list measures is named after its last item.
      if (q.in_list) {
        measured_after = noun_after(std::string_view(folded).substr(next.end, std::min<size_t>(80, folded.size() - next.end)));
      }
    }
  }
}

// The end of the previous length in this sentence: its cue was spent on it ("thickness of
// 10 μm and a cell with 2 mm ..."), unless the two are items of one list ("5, 10 and 20 nm").
void dimension_window(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string& folded = para.folded;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const size_t clause_off = len.clause_off;
  size_t &last_length_end = walk.last_length_end, &last_length_from = walk.last_length_from;
  size_t& dim_from = len.dim_from;
  dim_from = clause_off;
  if (last_length_end > ss && last_length_end <= q.begin) {
    std::string_view gap = std::string_view(folded).substr(last_length_end, q.begin - last_length_end);
    bool list = gap.size() <= 8;
    for (char c : gap) list &= c == ' ' || c == ',' || c == 'a' || c == 'n' || c == 'd' || c == 'o' || c == 'r';
    list |= gap == " to ";  // "decreased from 250 to 200 nm": two values of one dimension
    dim_from = list ? std::max(dim_from, last_length_from > ss ? last_length_from - ss : 0)
                    : std::max(dim_from, last_length_end - ss);
  }
  last_length_from = ss + dim_from;
  last_length_end = q.end;
}

// "The PL peak and FWHM were 650 nm and 30 nm, respectively": each item takes its own cue.
void respective_lengths(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  const std::string& folded = para.folded;
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const size_t qi = static_cast<size_t>(&q - qs.data());
  size_t &length_walk_from = walk.length_walk_from, &length_walk_last = walk.length_walk_last;
  std::string& type = len.type;
  std::string& respective_dimension = len.respective_dimension;
  auto joined = [&](size_t a) {  // qs[a] and qs[a + 1] are items of one list of lengths
    if (qs[a].kind != "length" || qs[a + 1].kind != "length" || qs[a].end > qs[a + 1].begin) return false;
    std::string_view gap = std::string_view(folded).substr(qs[a].end, qs[a + 1].begin - qs[a].end);
    return gap != " or " && list_gap(gap);
  };
  size_t first = first_list_item(qs, ss, qi, joined), last = qi;
  if (length_walk_from <= qi && qi <= length_walk_last) {
    last = length_walk_last;
  } else {
    while (last + 1 < qs.size() && joined(last)) ++last;
    length_walk_from = qi;
    length_walk_last = last;
  }
  if (last > first) {
    std::string_view tail = std::string_view(folded).substr(qs[last].end, std::min<size_t>(20, folded.size() - qs[last].end));
    if (tail.starts_with(", respectively") || tail.starts_with(" respectively")) {
      std::string_view lead = std::string_view(folded).substr(ss, qs[first].begin - ss);
      std::string t = respective_type(lead.substr(clause_start(lead)), qi - first, last - first + 1,
                                      &respective_dimension);
      if (!t.empty()) type = t;
    }
  }
}

// The dimension a size measures: a size word after the number, else the nearest dimension word
// before it in its window, else what a layer rule chose; a "respectively" list wins.
void size_dimension(const Paragraph& para, const QuantityAt& qa, const LengthReading& len, Entity& e) {
  const std::string_view text = para.text;
  const Quantity& q = qa.q;
  const std::string_view before = qa.before;
  const bool cue_after = len.cue_after;
  const std::string& after_dimension = len.after_dimension;
  const std::string& layer_dimension = len.layer_dimension;
  const size_t dim_from = len.dim_from;
  const std::string& respective_dimension = len.respective_dimension;
  e.sd = q.sd;
  if (cue_after) {
    e.dimension = after_dimension;
  } else {
    // Only words that name a dimension choose it (the nearest wins); "average", "particles"
    // and the like make a length a size but say nothing about which dimension
    // ("The thickness ... was averagely 15 μm"). "core–shell" names a structure.
    std::string_view dwin = before.substr(dim_from);
    size_t d = last_word_cue(dwin, {"diameter", "length", "width", "thick", "edge", "shell", "size"});
    std::string_view w = d == std::string_view::npos ? std::string_view() : dwin.substr(d);
    auto core_before = [&] {
      size_t at = dim_from + d;
      if (at < 5) return false;
      std::string_view b = before.substr(0, at);
      size_t dl = 0;
      while (dl < b.size() && (static_cast<unsigned char>(b[b.size() - 1 - dl]) >= 0x80 || b[b.size() - 1 - dl] == '-' ||
                               b[b.size() - 1 - dl] == '/') && dl < 3) {
        ++dl;
      }
      return dl > 0 && b.substr(0, b.size() - dl).ends_with("core");
    };
    if (w.starts_with("length") && d >= 5 && dwin.substr(d - 5, 5) == "edge ") e.dimension = "edge";
    // "a pore diameter of 3.8 nm", "the pore size (0.5–1 μm)": the product's pores.
    else if ((w.starts_with("diameter") || w.starts_with("size")) && d >= 5 && dwin.substr(d - 5, 5) == "pore ")
      e.dimension = "pore";
    else if (w.starts_with("diameter")) e.dimension = "diameter";
    else if (w.starts_with("length")) e.dimension = "length";
    else if (w.starts_with("width")) e.dimension = "width";
    else if (w.starts_with("edge")) e.dimension = "edge";
    else if (w.starts_with("thick")) e.dimension = "thickness";
    else if (w.starts_with("shell") && !core_before()) e.dimension = "shell thickness";
    if (e.dimension.empty()) e.dimension = layer_dimension;
    // "4.5 nm thick and 20 × 30 nm in lateral size": a side of an a × b product takes no
    // dimension from a cue of an earlier clause.
    std::string_view raw_after = std::string_view(text).substr(q.end, std::min<size_t>(8, text.size() - q.end));
    if (raw_after.starts_with(" \u00d7") || raw_after.starts_with("\u00d7") || raw_after.starts_with(" x ")) {
      e.dimension.clear();
    }
  }
  if (!respective_dimension.empty()) e.dimension = respective_dimension;
}

// Not every length with a size word is a product dimension (GUIDELINE.md of the outcome
// gold): reagent specifications, filters and sieves, radii and spacings are out, and so are
// lengths of apparatus, stock and sample forms ("Sample pellets 12.7 mm in diameter", "Ti
// foils (0.1 mm thickness"), and the diameter or length of a cell or support (device
// geometry; its thickness is a size).
// False: the size is dropped.
bool product_size(const Paragraph& para, const QuantityAt& qa, const LengthReading& len, const Entity& e) {
  const std::string& folded = para.folded;
  const SentenceStarts& sentences = para.sentences;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before, after = qa.after;
  const std::string_view clause = len.clause;
  const bool cue_after = len.cue_after, grown = len.grown;
  const Measured measured_after = len.measured_after;
  size_t wide = sentences(q.begin, 400);
  // "purchased from Blue Nano Inc. (average diameter D = 33 nm": "Inc. " ends no sentence.
  for (int hops = 0; hops < 2 && wide > 2; ++hops) {
    std::string_view head = std::string_view(folded).substr(0, wide - 1);
    if (!(head.ends_with("inc.") || head.ends_with("co.") || head.ends_with("ltd.") || head.ends_with("corp.") ||
          head.ends_with("al."))) {
      break;
    }
    wide = sentences(wide - 2, 400);
  }
  size_t se = q.end;
  while (se < folded.size() && se - q.end < 150 && folded[se] != ';' && folded[se] != '\n' &&
         !(folded[se] == '.' && se + 1 < folded.size() && folded[se + 1] == ' ' && !is_digit(folded[se - 1]))) {
    ++se;
  }
  std::string_view sentence = std::string_view(folded).substr(wide, se - wide);
  std::string_view paren;
  size_t lp = before.rfind('('), rp = before.rfind(')');
  if (lp != std::string_view::npos && (rp == std::string_view::npos || rp < lp)) {
    size_t close = std::string_view(folded).find(')', q.end);
    if (close != std::string_view::npos && close - q.end < 150) {
      paren = std::string_view(folded).substr(ss + lp, close + 1 - (ss + lp));
    }
  }
  // "2-μm-thick YSZ": a hyphenated dimension adjective measures the noun after it.
  bool own_cue = cue_after && (after.starts_with("-thick") || after.starts_with("-thin") ||
                               after.starts_with("-wide") || after.starts_with("-long") ||
                               after.starts_with("-diameter"));
  if (not_a_product_length(sentence, clause, after, paren, own_cue)) return false;
  // A radius below 1 nm is atomic ("the oxygen ions radius (1.40 Å in six-fold coordination)").
  if (q.value && *q.value < 1 && (clause.find("radius") != std::string_view::npos ||
                                  clause.find("radii") != std::string_view::npos)) {
    return false;
  }
  // Below 1 Å no product has a dimension: displacements, shifts, bond-length changes.
  if (q.value && *q.value < 0.1) return false;
  // A grown film's thickness measures the material named after it, not a target or collector
  // named before ("pulses onto the LSC target (... nominally 0.5 nm LSC)").
  Measured measured = measured_after != Measured::kUnknown || own_cue || grown
                          ? measured_after
                          : noun_before(before.substr(before.size() - std::min<size_t>(before.size(), 100)));
  // "polished with a diamond wheel to a thickness of 300 μm": a pellet brought to the
  // thickness of the cell component it becomes (GUIDELINE.md stage 3), no sample form.
  // "The grain size of the sintered pellet increased to 2~3 μm": a grain or particle size
  // named in the clause measures the product's microstructure, not the sample form.
  bool grain_size = false;
  for (std::string_view cue : {"grain size"sv, "particle size"sv, "crystallite size"sv, "grain diameter"sv,
                               "particle diameter"sv}) {
    grain_size |= clause.find(cue) != std::string_view::npos;
  }
  if (measured == Measured::kObject && !grain_size && measured_after != Measured::kObject &&
      !(e.dimension == "thickness" && clause.find("to a thickness") != std::string_view::npos)) {
    return false;
  }
  if (measured == Measured::kObject && measured_after == Measured::kObject) return false;
  if (measured == Measured::kDevice &&
      (e.dimension == "diameter" || e.dimension == "length" || e.dimension == "width")) {
    return false;
  }
  // The lateral extent of a layer in millimetres or more is device geometry (GUIDELINE.md
  // stage 3): "electrolyte layer (9-mm diameter)", "cathode in an area of 1.00 cm diameter".
  if (measured == Measured::kLayer && q.value && *q.value >= 1e6 &&
      (e.dimension == "diameter" || e.dimension == "length" || e.dimension == "width")) {
    return false;
  }
  // "an electrolyte with the size of 6.5 cm × 6.5 cm", "2 cm × 2 cm substrates": centimetre
  // sides of a × pair are lateral device or sample geometry (GUIDELINE.md), never a layer's
  // thickness or a particle's size. (Lengths are in nm: 1e7 is 1 cm.)
  if (q.value && *q.value >= 1e7) {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (after.starts_with(" \u00d7") || after.starts_with(" x ") || b.ends_with("\u00d7") || b.ends_with(" x")) return false;
  }
  // "circular 200 μm microelectrodes": a device named right after a length without a
  // dimension word is its geometry.
  if (measured_after == Measured::kDevice && e.dimension.empty()) return false;
  // "cylindrical samples (5 mm diameter × 2 mm thickness)": a sample's diameter × thickness
  // pair is sample form (GUIDELINE.md), unless a product layer or particle is named.
  if (measured != Measured::kLayer && measured != Measured::kParticle) {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (after.starts_with(" diameter \u00d7") || after.starts_with(" diameter x ") ||
        b.ends_with("diameter \u00d7") || b.ends_with("diameter x")) {
      return false;
    }
  }
  return true;
}

// A length: a size (with its dimension), a PL or absorption peak, a FWHM in nm, or nothing (false).
// Each step reads what the ones before it found (LengthReading); the order is the rules' priority.
// "a FWHM of 21 nm (85 meV)", "24 nm (~78 meV)": the bracket gives the same width in energy, which
// is kept as written; the width in nm is no second FWHM (review 13, D49). `after` follows the nm.
bool energy_in_bracket(std::string_view after) {
  size_t k = skip_spaces(after, 0);
  if (k >= after.size() || after[k] != '(') return false;
  std::string_view in = after.substr(k + 1, std::min(after.find(')', k), after.size()) - k - 1);
  for (std::string_view approx : {"~"sv, "\u2248"sv, "\u223c"sv, "ca. "sv, "about "sv, "approx. "sv}) {
    if (in.starts_with(approx)) in.remove_prefix(approx.size());
  }
  size_t d = 0;
  while (d < in.size() && (is_digit(in[d]) || in[d] == '.')) ++d;
  if (d == 0) return false;
  std::string_view unit = in.substr(skip_spaces(in, d));
  return unit == "mev" || unit == "ev";
}

bool length_entity(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, Entity& e) {
  if (length_spread(walk, para.raws, qa)) return false;
  if (shift_amount(qa.before)) return false;
  LengthReading len;
  optical_cues(qa, len);
  clause_cue(para, qa, len);
  nearest_cue(para, qa, len);
  optical_position(para, qa, len);
  if (len.type.empty() && (len.measured_after == Measured::kParticle || len.measured_after == Measured::kLayer)) {
    len.type = "size";
    if (len.measured_after == Measured::kLayer) len.layer_dimension = "thickness";
  }
  layer_in_brackets(para, qa, len);
  nominal_thickness(para, qa, len);
  list_unit_after(walk, para, qa, len);
  dimension_window(walk, para, qa, len);
  respective_lengths(walk, para, qa, len);
  if (len.type.empty()) return false;
  e.type = len.type;
  if (len.type == "size") {
    size_dimension(para, qa, len, e);
    if (!product_size(para, qa, len, e)) return false;
  } else if (len.type == "pl_peak") {
    if (qa.q.value) walk.last_pl_peak = *qa.q.value;
    walk.pl_peaks.push_back(para.raws.size() - 1);
  } else if (len.type == "fwhm") {
    if (energy_in_bracket(qa.after)) return false;
    e.unit = "nm";
    walk.fwhm_nm.push_back(para.raws.size() - 1);  // this entity, already in place
  }
  return true;
}

// An energy: a FWHM (in meV), a band gap, an optical energy, or nothing (false).
bool energy_entity(const Paragraph& para, const QuantityAt& qa, Entity& e) {
  const std::vector<Quantity>& qs = para.qs;
  const Quantity& q = qa.q;
  const size_t ss = qa.ss;
  const std::string_view before = qa.before, after = qa.after;
  size_t fw = fwhm_cue(before);
  size_t bg = last_cue(before, {"band gap", "bandgap", "band-gap", "optical gap", "eg "});
  if (fw != std::string_view::npos && (bg == std::string_view::npos || fw > bg)) {
    e.type = "fwhm";
    e.unit = "meV";
    if (e.value) e.value = *e.value * 1000;
    if (e.min) e.min = *e.min * 1000;
    if (e.max) e.max = *e.max * 1000;
  } else if (bg != std::string_view::npos) {
    // "close to that of bulk CZTS (1.5 eV)", "the bulk band gap of CdSe (1.74 eV)": a reference
    // value, not this product's.
    std::string_view ref = before.substr(bg >= 8 ? bg - 8 : 0);
    if (ref.find("bulk") != std::string_view::npos || ref.find("literature") != std::string_view::npos) return false;
    // "predicted the band gaps with an RMSE as low as 0.02 eV", "a mean absolute error of 0.15 eV":
    // the error of a model's band gaps, no band gap (review 12, D46).
    const size_t error = last_cue(before, {"rmse", "mae", "error", "deviation", "uncertaint", "accuracy",
                                           "root mean square", "root-mean-square"});
    if (error != std::string_view::npos && error > bg) return false;
    e.type = "band_gap";
  } else {
    // "PL peaks at 1.95, 2.10 and 2.25 eV": every item reads the words before the list's first.
    size_t first_item = static_cast<size_t>(&q - qs.data());
    while (first_item > 0 && qs[first_item - 1].in_list && qs[first_item - 1].begin >= ss) --first_item;
    std::string_view lead = before.substr(0, qs[first_item].begin - ss);
    if (!optical_energy(lead, after, q, &e)) return false;
  }
  return true;
}

// "a saturation magnetization of 78 emu g−1 at 300 K", "a blocking temperature of 180 K", "PL
// spectra were recorded at 77 K and 300 K in a cryostat": a property of the product or the
// temperature of a measurement, no step of the synthesis (review 13, D39). Kelvin only: syntheses
// are written in °C, low-temperature measurements and magnetic properties in K ("the Ms of NFs
// calcined at 900 °C" keeps its calcination). A property cue counts in the last words before the
// value, a measurement cue anywhere in the sentence before it.
bool measurement_temperature(const QuantityAt& qa) {
  if (qa.q.unit_surface != "K") return false;
  const std::string_view before = qa.before;
  const std::string_view tail = before.substr(before.size() > 50 ? before.size() - 50 : 0);
  return last_cue(tail, {"blocking temperature", "curie temperature", "n\u00e9el temperature", "neel temperature",
                         "magnetization", "magnetisation", "coercivity", "susceptibility", "emu"}) != std::string_view::npos ||
         last_cue(before, {"measur", "recorded", "cryostat", "spectra were collected", "spectra were acquired",
                           "spectra were taken"}) != std::string_view::npos;
}

}  // namespace

// "Seeds older than 2 h gave broader distributions and were discarded", "solutions younger than
// 1 day": the age a reagent must not exceed, no duration of a step (records review R16).
bool age_threshold(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return before.ends_with("older than") || before.ends_with("younger than") || before.ends_with("fresher than");
}

// Quantities → entities: each number with a unit (para.qs) becomes a condition, amount, size, optical
// value or spread by its kind and the words around it, or is dropped; then fwhm_in_mev(). Needs
// the tokens (para.view) for temperature roles; appends to para.raws.
// The steps for each kind: amount_entity(), length_entity(), energy_entity(); what they carry from
// one quantity to the next is a QuantityWalk.
void Extractor::Impl::quantity_entities(Paragraph& para) const {
  const Impl& im = *this;
  const std::string& folded = para.folded;
  const TokenView& view = para.view;
  const SentenceStarts& sentences = para.sentences;
  const std::vector<Quantity>& qs = para.qs;
  std::vector<Raw>& raws = para.raws;
  QuantityWalk walk;
  for (const Quantity& q : qs) {
    // Compared as a string_view: the length check is inline, std::string == "literal" calls strlen
    // and compare() for each of the many kind tests below.
    const std::string_view kind = q.kind;
    // Built in place in `raws` and dropped again on every `continue` that rejects it: an Entity has
    // a dozen strings, and moving each one from a local into the list was 2 % of the run.
    PendingRaw pending(&raws);
    Raw& r = pending.raw;
    r.begin = q.begin;
    r.end = q.end;
    Entity& e = r.e;
    e.value = q.value;
    e.min = q.min;
    e.max = q.max;
    size_t ss = sentences(q.begin, 120);
    std::string_view before = std::string_view(folded).substr(ss, q.begin - ss);
    std::string_view after = std::string_view(folded).substr(q.end, std::min<size_t>(40, folded.size() - q.end));
    const QuantityAt qa{q, ss, before, after};
    if (kind == "temperature" || kind == "room_temperature") {
      e.type = "temperature";
      e.sd = q.sd;
      if (kind == "room_temperature") {
        e.role = "room";
      } else {
        if (measurement_temperature(qa)) continue;
        size_t t_end = para.token_at(q.end);
        if (t_end < view.tokens.size() && view.tokens[t_end].begin < q.end) ++t_end;
        e.role = temperature_role(view, im.temperature_roles, para.token_at(q.begin), t_end, ss);
      }
    } else if (kind == "time") {
      if (age_threshold(before)) continue;  // "seeds older than 2 h": an age limit, no step's time
      e.type = "time";
      e.sd = q.sd;  // "30 ± 2 min"
    } else if (kind == "heating_rate") {
      e.type = "heating_rate";
    } else if (kind == "pressure") {
      e.type = "pressure";
    } else if (kind == "stirring") {
      if (centrifuge_speed(before, after)) continue;  // "centrifuged at 8000 rpm" stirs nothing
      e.type = "stirring";
    } else if (kind == "ph") {
      e.type = "ph";
    } else if (kind == "mass" || kind == "volume" || kind == "moles" || kind == "concentration" ||
               kind == "mass_concentration" || kind == "fraction" || kind == "ratio") {
      if (!amount_entity(walk, para, qa, e)) continue;
    } else if (kind == "length") {
      if (!length_entity(walk, para, qa, e)) continue;
    } else if (kind == "energy") {
      if (!energy_entity(para, qa, e)) continue;
    } else {
      continue;  // ignore, flow
    }
    pending.keep = true;
    if (e.type == "size"sv || e.type == "pl_peak"sv || e.type == "absorption_peak"sv) walk.last_spreadable = raws.size() - 1;
  }
  fwhm_in_mev(para, walk.last_pl_peak, walk.fwhm_nm, walk.pl_peaks);
}

namespace {

// What material_entities() carries from one mention to the next; all but the cache become its RoleNotes.
struct RoleWalk {
  RoleWalk(size_t tokens, size_t mentions)
      : cue_cache(tokens, -1),
        strong_role(mentions, false),
        bought_acid(mentions, false),
        bought_cue(mentions, false),
        material_raw(mentions, 0) {}
  std::vector<int8_t> cue_cache;     // per token: token_cue()'s flags, -1 until asked (mentions share words)
  std::vector<bool> strong_role;     // per mention: a cue gave the role (list sharing and keep_targets() trust it)
  std::vector<bool> bought_acid;     // per mention: a bought acid or base made a solvent (list sharing)
  std::vector<bool> bought_cue;      // per mention: a precursor by a "purchased from" cue (list sharing)
  std::vector<size_t> material_raw;  // per mention: index into raws of its entity (the later role steps)
  std::vector<size_t> measured_additive;  // additive-prior mentions made precursors by their amount: additive_roles()
};

// One mention as the role steps of material_entities() read it: its context, and the cheap cue
// tests that say which role rules (RE2 calls) can match at all.
struct MentionCues {
  size_t ss;                  // where the mention's sentence starts (at most 200 bytes back)
  std::string_view before;    // folded: at most 60 bytes of the sentence before the mention
  std::string_view after;     // folded: up to 120 bytes after the mention
  bool as_cue;                // "as" after it: role_after can match
  bool was_cue;               // "was"/"were" and a target verb after it: target_after can match
  bool input_after;           // "was"/"were" and an input verb right after it: input_after can match
  bool bought;                // "was purchased from", "were obtained from Aldrich": bought in, a precursor
  bool noun_cue;              // a nanostructure noun as one of the next two words: target_noun can match
  bool before_target_cue;     // a target cue word among the last six words: target_before can match
  bool before_in_cue;         // "in"/"into"/"with" among the last three: solvent_before can match
  bool before_precursor_cue;  // a precursor cue word among the last four: precursor_before can match
  bool before_in_any;         // "in"/"into" among the last six: measured_medium can match
};

// Whether mention `mi` names a material already named earlier in the paragraph.
bool repeated_mention(const Paragraph& para, size_t mi) {
  const std::string_view text = para.text;
  const std::vector<MaterialMention>& mats = para.mats;
  if (mats[mi].normalized.empty()) return false;
  for (size_t j = 0; j < mi; ++j) {
    if (mats[j].normalized == mats[mi].normalized && same_element_spelling(text, mats[j], mats[mi])) return true;
  }
  return false;
}

// Per-token cue flags for the role rules: 1 = a word a target rule can start with ("synthesis",
// "obtained", "denoted", ...), 2 = "in"/"into"/"with" (solvent rule). Computed on first use.
// Cached in cue_cache (-1: not asked yet).
uint8_t token_cue(const TokenView& view, std::vector<int8_t>& cue_cache, size_t k) {
  if (cue_cache[k] >= 0) return static_cast<uint8_t>(cue_cache[k]);
  std::string_view w = view.folded[k];
  uint8_t f = 0;
  if ((w.starts_with('i') || w.starts_with('w')) && (w == "in" || w == "into" || w == "with")) {  // (byte first)
    f = 2;
  } else if (w.size() >= 3) {
    static constexpr std::string_view kStems[] = {
        "synthes", "prepar", "fabricat", "formation", "growth", "produc", "obtain", "form", "giv", "yield",
        "afford", "get", "result", "as-", "final", "target", "conver", "transform", "named", "denoted", "marked",
        "label", "designated", "termed", "referred", "abbreviated", "noted", "series", "crystals", "samples"};
    static const StemIndex kStemIndex(kStems);
    if (kStemIndex.starts(w)) f = 1;
  }
  if (w.size() >= 3) {
    static constexpr std::string_view kPrecursorStems[] = {"amount", "proportion", "quantit", "raw", "starting",
                                                           "purity", "high-purity", "mixture", "mixing", "reaction",
                                                           "dissolving", "impregnating", "from", "oxidat",
                                                           "reduct", "hydrolys", "pyrolys", "carboni", "decompos",
                                                           "conver", "activat", "nitrid", "sulfid", "sulfuri",
                                                           "co-precipitat", "coprecipitat",
                                                           "seleni", "thermolys", "polymeri"};
    static const StemIndex kPrecursorIndex(kPrecursorStems);
    if (kPrecursorIndex.starts(w)) f |= 4;
  }
  cue_cache[k] = static_cast<int8_t>(f);
  return f;
}

// Whether an input verb governs mention `mi`: one of the few words before it in its sentence
// ("added", "dissolved in", "with"), or "was added" right after it.
bool input_cue(const Paragraph& para, size_t mi, std::string_view after) {
  const TokenView& view = para.view;
  const SentenceStarts& sentences = para.sentences;
  const std::vector<MaterialMention>& mats = para.mats;
  static constexpr std::string_view kWords[] = {"in", "into", "with", "using", "use", "used", "contain",
                                                "containing", "contains", "taken"};
  static constexpr std::string_view kStems[] = {"add",     "dissolv", "mix",    "introduc", "inject", "pour",
                                                "drop",    "load",    "impregn", "dispers", "suspend", "dilut",
                                                "immers",  "dip",     "soak",   "react",    "treat",  "fill",
                                                "wash",    "rins"};
  size_t ss = sentences(mats[mi].begin, 200);
  for (size_t k = mats[mi].first_token, words = 0; k-- > 0 && words < 6; ++words) {
    if (view.tokens[k].begin < ss) break;
    std::string_view w = view.folded[k];
    if (w.empty()) continue;
    for (std::string_view x : kWords) {
      if (x[0] == w[0] && w == x) return true;
    }
    for (std::string_view stem : kStems) {
      if (stem[0] == w[0] && has_prefix(w, stem)) return true;
    }
  }
  std::string_view a = after.substr(0, std::min<size_t>(after.size(), 50));
  // "the NH4OH solution was added" is put in again; "the Na2CO3 solution was aged" is not.
  a.remove_prefix(liquid_form_prefix(a));
  if (!(has_prefix(a, " was ") || has_prefix(a, " were "))) return false;
  for (std::string_view v : {"added"sv, "dissolved"sv, "mixed"sv, "introduced"sv, "injected"sv, "dropped"sv,
                             "poured"sv, "loaded"sv, "used"sv, "dispersed"sv, "suspended"sv}) {
    if (a.find(v) != std::string_view::npos) return true;
  }
  return false;
}

// "Nb foils", "Te powders", "Se (shot, 99.999%)": a material in the form it is bought in is a
// starting material.
bool stock_form(std::string_view after) {
  if (after.starts_with(" (")) after.remove_prefix(1);
  if (after.starts_with("(")) after.remove_prefix(1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  for (std::string_view f : {"foil"sv, "powder"sv, "shot"sv, "flake"sv, "wafer"sv, "granule"sv, "ingot"sv}) {
    if (after.starts_with(f)) return true;
  }
  return false;
}

// Cheap substring checks first: most mentions have none of the cue words nearby, and a
// failed find() is much cheaper than an RE2 call. Rules with submatches are first run without
// them: RE2 then answers with its DFA, while with submatches it may run BitState over the
// whole window even when nothing matches.
MentionCues mention_cues(const Paragraph& para, size_t mi, std::vector<int8_t>& cue_cache) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const TokenView& view = para.view;
  const SentenceStarts& sentences = para.sentences;
  const MaterialMention& m = para.mats[mi];
  size_t ss = sentences(m.begin, 200);
  std::string_view before = std::string_view(folded).substr(ss, m.begin - ss);
  if (before.size() > 60) before = before.substr(before.size() - 60);
  std::string_view after = std::string_view(folded).substr(m.end, std::min<size_t>(120, folded.size() - m.end));
  std::string_view near_after = after.substr(0, std::min<size_t>(after.size(), 70));
  // role_after needs the word "as" (not the "as " inside "was ").
  const AfterCues cues = after_cues(near_after);
  bool as_cue = cues.as;
  size_t was_at = cues.was;
  // "Ti3C2Tx flakes with lateral sizes of 1–5 μm and a thickness of ~1.5 nm were obtained": a
  // with-phrase (which target_after skips) can push the verb past the window (review 13b, D3).
  // Only target_after reads such a far verb (`was_at` stays within near_after).
  bool far_was = false;
  if (was_at == std::string_view::npos && after.size() > near_after.size() &&
      near_after.find(" with ") != std::string_view::npos) {
    const size_t at = after_cues(after.substr(0, std::min<size_t>(after.size(), 100))).was;
    far_was = at != std::string_view::npos && after.substr(0, at).find_first_of(",;") == std::string_view::npos;
  }
  bool was_cue = was_at != std::string_view::npos;
  // input_after needs "was"/"were" right after the mention (or its bracket) and one of its verbs.
  bool input_after = false;
  // " solution was added": the solution of the mention is what is put in.
  const size_t form = liquid_form_prefix(near_after);
  std::string_view past_form = near_after.substr(form);
  if (was_cue && (was_at <= form + 2 || has_prefix(past_form, " (") || has_prefix(past_form, "("))) {
    std::string_view seg = near_after.substr(was_at, 40);
    static const WordSet kInputVerbs{"weighed"sv,  "mixed"sv,    "dissolved"sv,  "added"sv,     "combined"sv,
                                     "ground"sv,   "milled"sv,   "dispersed"sv,  "loaded"sv,    "introduced"sv,
                                     "injected"sv, "suspended"sv, "poured"sv,    "dropped"sv};
    input_after = kInputVerbs.contains(seg);
  }
  // "MnSO4*H2O (AR) was purchased from Sinopharm", "MH was kindly provided by KeYan Co.", "R6G
  // and MA were obtained from J&K": what a paper buys is a starting material (MSP's
  // Recipe_Precursor of "purchased"). "obtained"/"supplied"/"provided" count only before "from"
  // or "by" and a capitalised name, so that "were obtained by calcination" stays a product.
  bool bought = false;
  if (was_cue && (was_at <= 1 || has_prefix(past_form, " (") || has_prefix(past_form, "("))) {
    std::string_view seg = near_after.substr(was_at);
    seg.remove_prefix(seg[1] == 'a' ? 4 : 5);  // "was " / "were "
    for (std::string_view adverb : {"kindly "sv, "all "sv, "also "sv, "commercially "sv}) {
      if (seg.starts_with(adverb)) seg.remove_prefix(adverb.size());
    }
    bool always = seg.starts_with("purchased ") || seg.starts_with("procured ") || seg.starts_with("bought ");
    for (std::string_view v : {"obtained "sv, "supplied "sv, "provided "sv, "received "sv}) {
      if (!always && seg.starts_with(v)) {
        std::string_view rest = seg.substr(v.size());
        size_t by = rest.starts_with("from ") ? 5 : rest.starts_with("by ") ? 3 : 0;
        size_t at = m.end + static_cast<size_t>(rest.data() - after.data()) + by;
        bought = by > 0 && at < text.size() && is_upper(text[at]);
      }
    }
    bought |= always;
  }
  if (was_cue || far_was) {
    // target_after also needs one of its verbs.
    static const WordSet kTargetVerbs{"prepared"sv, "synthesi"sv, "fabricated"sv, "obtained"sv, "formed"sv,
                                      "produced"sv, "grown"sv,    "made"sv,       "deposited"sv, "polymeri"sv};
    bool verb = kTargetVerbs.contains(after);
    was_cue = verb;
  }
  // target_noun needs a nanostructure noun as the first or second word after the mention.
  bool noun_cue = false;
  if (near_after.size() > 1 && (near_after[0] == ' ' || near_after[0] == '-')) {
    size_t p = 1;
    for (int word = 0; word < 2 && p < near_after.size() && !noun_cue; ++word) {
      std::string_view w = near_after.substr(p, std::min<size_t>(near_after.size() - p, 9));
      for (std::string_view c :
           {"nano"sv, "dots"sv, "qds"sv, "ncs"sv, "nps"sv, "ucnp"sv, "tetrapod"sv, "npls"sv, "nws"sv, "nrs"sv,
            "quantum"sv, "mxene"sv}) {
        if (has_prefix(w, c)) noun_cue = true;
      }
      // A byte loop: find_first_of() calls memchr() over the set for every byte (1 % of the time).
      size_t sp = p;
      while (sp < near_after.size() && near_after[sp] != ' ' && near_after[sp] != '-') ++sp;
      if (sp == near_after.size()) break;
      p = sp + 1;
    }
  }
  // Both "before" rules need a cue among the last few words; testing the words first (flags
  // cached per token) skips most RE2 calls, which were a third of the extraction time.
  bool before_target_cue = false, before_in_cue = false, before_precursor_cue = false, before_in_any = false;
  for (size_t k = m.first_token, words = 0; k-- > 0 && words < 6; ++words) {
    if (view.tokens[k].begin < ss) break;
    uint8_t f = token_cue(view, cue_cache, k);
    before_target_cue |= (f & 1) != 0;
    before_precursor_cue |= words < 4 && (f & 4) != 0;
    before_in_cue |= words < 3 && (f & 2) != 0;
    before_in_any |= (f & 2) != 0 && view.folded[k][0] == 'i';  // "in"/"into" (measured_medium)
  }
  return {ss,      before,   after, as_cue, was_cue, input_after, bought, noun_cue, before_target_cue, before_in_cue,
          before_precursor_cue, before_in_any};
}

// "using pure toluene instead of Cu2-xS NCs in toluene": the material a control recipe leaves out is
// no product of it (records review R12). Only after a use verb in the clause: "gave bulk CdSe instead
// of CdSe NCs" names the intended product.
bool replaced_reagent(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (!before.ends_with("instead of") && !before.ends_with("in place of")) return false;
  const size_t brk = before.find_last_of(",;.(");
  std::string_view clause = brk == std::string_view::npos ? before : before.substr(brk + 1);
  for (std::string_view w : {"using "sv, "use "sv, "used "sv, "replac"sv, "substitut"sv}) {
    if (clause.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether `formula` is a carbon- and hydrogen-free compound of an oxide, chalcogenide, nitride or
// fluoride ("ZnS", "Al2O3", "SiO2", "NaYF4"): what a crystal is passivated or capped with is then a
// shell or coating, no ligand (review 13b, R13). Halides such as "PbI2" or "CdCl2" stay ligands.
bool inorganic_coating(std::string_view formula) {
  int elements = 0;
  bool anion = false;
  for (size_t i = 0; i < formula.size(); ++i) {
    if (!is_upper(formula[i])) continue;
    const size_t n = i + 1 < formula.size() && formula[i + 1] >= 'a' && formula[i + 1] <= 'z' ? 2 : 1;
    const std::string_view el = formula.substr(i, n);
    if (el == "C" || el == "H") return false;
    if (el == "O" || el == "S" || el == "Se" || el == "Te" || el == "N" || el == "F") anion = true;
    ++elements;
  }
  return anion && elements >= 2;
}

// "The NCs were capped with 2-ethylhexanoic acid", "stabilized by PVP", "passivated with TOPO": the
// ligand a product is said to carry, whatever its usual role or its amount (review 13, D42).
// `before` is the folded sentence before the mention, `after` the text after it ("capped with ZnS
// shells" names an inorganic shell, no ligand).
bool capping_before(std::string_view before, std::string_view after) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  // (The last byte first: this runs for most mentions.)
  if (before.size() < 10 || (before.back() != 'h' && before.back() != 'y')) return false;
  if (!before.ends_with(" with") && !before.ends_with(" by")) return false;
  if (after.starts_with(" shell") || after.starts_with(" layer")) return false;
  for (std::string_view cue : {"capped with"sv, "capped by"sv, "stabilized with"sv, "stabilized by"sv,
                               "stabilised with"sv, "stabilised by"sv, "passivated with"sv, "passivated by"sv}) {
    if (before.ends_with(cue)) return true;
  }
  return false;
}

// The verb of the passive clause after a mention: the text after the first " was "/" were " that
// starts within `reach` bytes of `after` (read up to `window` bytes), with brackets skipped and no
// clause break (a byte of `breaks`) outside them before it. `weighed`: a bracket before the verb
// holds a digit ("(10 mg)"). used_product() and put_in_after() read their verbs here.
struct PassiveVerb {
  bool found = false;
  bool weighed = false;
  std::string_view verb;
};

PassiveVerb passive_verb_after(std::string_view after, size_t window, size_t reach, std::string_view breaks) {
  after = after.substr(0, std::min<size_t>(after.size(), window));
  size_t at = after.find(" were ");
  size_t len = 6;
  if (size_t was = after.find(" was "); was < at) at = was, len = 5;
  if (at == std::string_view::npos || at > reach) return {};
  PassiveVerb out;
  int depth = 0;
  for (char c : after.substr(0, at)) {
    if (c == '(') ++depth;
    else if (c == ')') depth = std::max(0, depth - 1);
    else if (depth > 0 && is_digit(c)) out.weighed = true;
    else if (depth == 0 && breaks.find(c) != std::string_view::npos) return {};
  }
  out.found = true;
  out.verb = after.substr(at + len);
  return out;
}

// "Au@SiO2 core–shell NPs were purchased from Sigma", "Commercial CdSe QDs were used as received",
// "Au@Pd nanocubes were used as seeds for Pt", "Fe3O4@SiO2 NPs were used as the magnetic support",
// "Ti3C2Tx MXene was mixed with the LiFePO4 powder": nanocrystals a paper buys, puts in or puts to
// use are no product of that sentence, whatever the nanostructure noun says (review 13b, R7/R8).
// Returns "precursor" (bought, seeds, cores, put in, a weighed portion), "other" (used as a
// support, catalyst, emitter ...) or "" (no such verb). `before`/`after` are the folded sentence
// around the mention; the verb must follow the mention's noun phrase within 50 bytes.
std::string_view used_product(std::string_view before, std::string_view after) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.ends_with("commercial") || before.ends_with("commercially available")) return "precursor";
  // Brackets are skipped ("(10 mg, Nanocomposix)"); a clause break before the verb ends the phrase.
  const PassiveVerb pv = passive_verb_after(after, 90, 50, ",;.:");
  if (!pv.found) return {};
  const bool weighed = pv.weighed;  // a bracket holding a number: "(10 mg)"
  std::string_view verb = pv.verb;
  for (std::string_view adverb : {"kindly "sv, "commercially "sv, "directly "sv, "also "sv}) {
    if (verb.starts_with(adverb)) verb.remove_prefix(adverb.size());
  }
  for (std::string_view v : {"purchased"sv, "bought"sv, "procured"sv, "supplied by"sv, "supplied from"sv,
                             "provided by"sv, "used as received"sv, "used without"sv, "mixed"sv, "added"sv,
                             "injected"sv, "introduced"sv, "loaded"sv, "combined"sv, "impregnated"sv}) {
    if (verb.starts_with(v)) return "precursor";
  }
  if (weighed) {
    for (std::string_view v : {"dispersed"sv, "dissolved"sv, "suspended"sv, "redispersed"sv}) {
      if (verb.starts_with(v)) return "precursor";
    }
  }
  if (verb.starts_with("used as ") || verb.starts_with("employed as ")) {
    const std::string_view what = verb.substr(verb.find(" as ") + 4, 30);
    for (std::string_view w : {"seed"sv, "core"sv, "template"sv, "precursor"sv, "starting"sv}) {
      if (what.find(w) != std::string_view::npos) return "precursor";
    }
    return "other";
  }
  return {};
}

// Whether the clause after a mention says it was put in: "(5 × 10−8 mol) in hexane were added",
// " was injected". `after` is the folded text after the mention; the verb must come within 45 bytes,
// with no clause break before it.
bool put_in_after(std::string_view after) {
  // Brackets are skipped: "(5 × 10−8 mol, 0.2 mL)" holds commas.
  const PassiveVerb pv = passive_verb_after(after, 60, 45, ",;.");
  if (!pv.found) return false;
  const std::string_view verb = pv.verb;
  for (std::string_view v : {"added"sv, "injected"sv, "introduced"sv, "loaded"sv, "transferred"sv}) {
    if (verb.starts_with(v)) return true;
  }
  return false;
}

// "Co-precipitation produced a mixture of magnetite and maghemite", "the reaction gave a mixture of
// CdSe and CdS": a mixture a step yields holds its products; precursor_before's "mixture of" is the
// reagent mixture ("a mixture of LiF and HCl") (review 13, D31). `before` is the folded sentence.
bool product_mixture(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (!before.ends_with(" mixture of")) return false;
  before.remove_suffix(11);
  for (std::string_view article : {" a"sv, " the"sv}) {
    if (before.ends_with(article)) before.remove_suffix(article.size());
  }
  for (std::string_view verb : {" produced"sv, " gave"sv, " yielded"sv, " resulted in"sv, " afforded"sv, " formed"sv}) {
    if (before.ends_with(verb)) return true;
  }
  return false;
}

// A target that is measured out again, or a stock solution made in a step of its own: a precursor.
// `was_cue`: the mention is the subject of a target verb ("were prepared").
void target_made_reagent(const Paragraph& para, size_t mi, std::string_view before, bool was_cue, std::string& role) {
  const TokenView& view = para.view;
  const MaterialMention& m = para.mats[mi];
  const std::vector<Raw>& raws = para.raws;
  const std::vector<int>& amount_material = para.amount_material;
  const std::vector<int>& material_amounts = para.material_amounts;
  // "The as-prepared LVP (1.0 g) was transferred to": a product measured out again is a
  // reagent of the next step.
  if (material_amounts[mi] > 0 && !m.product_noun) {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view w : {"as-prepared"sv, "as-synthesized"sv, "as-synthesised"sv, "as-obtained"sv,
                               "resulting"sv, "resultant"sv, "obtained"sv}) {
      if (b.ends_with(w)) role = "precursor";
    }
  }
  // "dissolved in ODE (10 mL) to form S-ODE (0.1 M)": a product given a molar concentration
  // is a stock solution for the next step, not the synthesis target (review 8, D29).
  if (role == "target" && !m.product_noun && material_amounts[mi] > 0) {
    for (size_t ri = 0; ri < amount_material.size(); ++ri) {
      // So is the subject of "prepared" measured by volume: "TBP-Se (0.5 mL) were prepared"
      // (review 12, D25; "3 mL of Ru nanoparticles solution" stays the product).
      if (amount_material[ri] == static_cast<int>(mi) &&
          (raws[ri].e.quantity == "concentration" || (was_cue && raws[ri].e.quantity == "volume"))) {
        role = "precursor";
      }
    }
  }
  // "PbSe/CdSe QDs were made by heating PbSe QDs with cadmium oleate": what a "by <step>ing" clause
  // acts on is the starting material of the product named before it (review 13, D44).
  if (role == "target") {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (b.ends_with(" the")) b.remove_suffix(4);
    for (std::string_view step : {"by heating"sv, "by reacting"sv, "by treating"sv, "by annealing"sv}) {
      if (b.ends_with(step) && b.size() > step.size() + 1) role = "precursor";
    }
  }
  // "CdSe QDs (5 × 10−8 mol) in hexane were added to ODE": nanocrystals measured out and put in are
  // the cores or seeds of the step, a reagent (review 13, D44).
  if (role == "target" && material_amounts[mi] > 0 && put_in_after(std::string_view(para.folded).substr(m.end))) {
    role = "precursor";
  }
  // "Cs-oleate was prepared as described", "Cadmium oleate was prepared as reported": a metal
  // carboxylate is the stock solution of a nanocrystal recipe, made in a step of its own; it is
  // never the product the paragraph reports (review 8 re-verification, D7).
  if (role == "target" && !m.product_noun && metal_carboxylate_stock(m.normalized)) role = "precursor";
  if (role == "target" && !m.product_noun && ammonium_halide(view.text.substr(m.begin, m.end - m.begin), m.normalized)) {
    role = "precursor";
  }
  if (role == "target" && replaced_reagent(before)) role = "other";
}

// "the hydrolysis of TMS2S by residual water", "traces of oxygen": a contaminant blamed for a failed
// attempt, no reagent of it (records review R3: the wet attempt's record got water as a solvent).
bool contaminant(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  const size_t sp = before.rfind(' ');
  const std::string_view last = sp == std::string_view::npos ? before : before.substr(sp + 1);
  if (last == "residual" || last == "trace" || last == "adventitious") return true;
  return last == "of" && (before.ends_with(" traces of") || before.ends_with(" trace amounts of"));
}

// "The Cs2AgBiBr6 NCs decomposed to AgBr and Cs3BiBr6", "contaminated with AgBr", "AgBr impurity
// phases": a by-product or impurity a step leaves, no reagent of it, whatever its usual role (review
// 13, D45). `before`/`after` are the folded sentence around the mention.
bool side_product(std::string_view before, std::string_view after) {
  // (The first letters first: this runs for every mention.)
  if (after.size() > 2 && after[0] == ' ' && (after[1] == 'i' || after[1] == 'b' || after[1] == 's')) {
    for (std::string_view w : {" impurit"sv, " by-product"sv, " byproduct"sv, " side product"sv, " side-product"sv,
                               " secondary phase"sv}) {
      if (after.starts_with(w)) return true;
    }
  }
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.size() < 10 || (before.back() != 'o' && before.back() != 'h' && before.back() != 'y')) return false;
  for (std::string_view cue : {"decomposed to"sv, "decomposed into"sv, "decomposes to"sv, "decomposes into"sv,
                               "degraded to"sv, "degraded into"sv, "contaminated with"sv, "contaminated by"sv}) {
    if (before.ends_with(cue)) return true;
  }
  return false;
}

// "No antisolvent was added, since methyl acetate and acetone partly dissolve the smallest
// particles": a material in a reason clause stating a property in the present tense is no reagent of
// the recipe (records review R8). `before`/`after` are the folded sentence around the mention.
bool reason_clause_fact(std::string_view before, std::string_view after) {
  // One reverse scan for the last comma (most mentions have none after it in their clause).
  const size_t comma = before.rfind(',');
  if (comma == std::string_view::npos) return false;
  const std::string_view rest = before.substr(comma + 1);
  if (!rest.starts_with(" since ") && !rest.starts_with(" because ") && !rest.starts_with(" as ")) return false;
  if (rest.find_first_of(";:()") != std::string_view::npos) return false;
  const size_t stop = after.find_first_of(",;:.()");
  std::string_view clause = after.substr(0, stop);
  int words = 0;
  for (size_t b = 0; b < clause.size() && words < 8;) {
    while (b < clause.size() && clause[b] == ' ') ++b;
    size_t e = clause.find(' ', b);
    if (e == std::string_view::npos) e = clause.size();
    std::string_view w = clause.substr(b, e - b);
    if (one_of(w, {"is", "are", "has", "have", "can", "cannot", "may", "might", "would", "could", "do", "does",
                   "dissolve", "dissolves", "tend", "tends", "react", "reacts", "decompose", "decomposes"})) {
      return true;
    }
    if (one_of(w, {"was", "were", "had"})) return false;
    b = e;
    ++words;
  }
  return false;
}

// Roles the rest of the sentence takes back (each becomes "other"): a class of compounds, a
// reference sample made for comparison, a liquid driven off.
void role_to_other(const Paragraph& para, size_t mi, const MentionCues& mc, std::string& role) {
  const std::string& folded = para.folded;
  const MaterialMention& m = para.mats[mi];
  const std::vector<int>& material_amounts = para.material_amounts;
  const size_t ss = mc.ss;
  const std::string_view before = mc.before;
  // "the corresponding metal nitrates", "the precursor metal oxalate particles", "metal salts": a
  // class of compounds, not a reagent of the recipe (the reagents are named elsewhere). One with an
  // amount of its own is measured out ("transition metal nitrate (5 mmol)"). A singular name that
  // is the subject of a recipe step is that step's reagent: "The metal oleate complex was dissolved
  // in 1-octadecene" (review 8b, R2); a plural stays a class ("the metal chlorides were dissolved").
  // A plural is that step's reagent as well when it is the subject or object of a recipe step: "The
  // metal nitrates were dissolved in water", "dissolving the metal nitrates in water" (rev8c-9);
  // a class in other prose stays one ("metal halide perovskites have attracted attention").
  auto singular_step_subject = [&]() {
    std::string_view a = std::string_view(folded).substr(m.end, std::min<size_t>(60, folded.size() - m.end));
    for (std::string_view noun : {" precursor solutions"sv, " precursor solution"sv, " complexes"sv, " complex"sv,
                                  " solutions"sv, " solution"sv, " precursors"sv, " precursor"sv, " salts"sv,
                                  " salt"sv}) {
      if (a.starts_with(noun)) {
        a.remove_prefix(noun.size());
        break;
      }
    }
    static constexpr std::string_view kVerbs[] = {"dissolved"sv, "added"sv,  "injected"sv, "mixed"sv,
                                                  "heated"sv,    "loaded"sv, "dispersed"sv, "stirred"sv,
                                                  "placed"sv,    "transferred"sv, "poured"sv};
    if (a.starts_with(" was ") || a.starts_with(" were ")) {
      a.remove_prefix(a[2] == 'a' ? 5 : 6);
      for (std::string_view verb : kVerbs) {
        if (a.starts_with(verb)) return true;
      }
    }
    std::string_view b = std::string_view(folded).substr(0, m.begin);
    if (b.ends_with("the ")) b.remove_suffix(4);
    if (b.ends_with("corresponding ")) b.remove_suffix(14);
    // ("mixed " is left out: "mixed metal oxide" is an adjective.)
    for (std::string_view verb : {"dissolving "sv, "dissolved "sv, "mixing "sv, "adding "sv,
                                  "added to "sv, "added into "sv, "dissolve "sv, "mix "sv}) {
      if (b.ends_with(verb)) return true;
    }
    return false;
  };
  if (role == "precursor" && material_amounts[mi] == 0 && m.end - m.begin > 6 &&
      has_prefix(std::string_view(folded).substr(m.begin), "metal ") && !singular_step_subject()) {
    role = "other";
  }
  // "For comparison, Pd nanoparticles supported on Vulcan XC-72 were also obtained by the same
  // process": a reference material made to compare with is not the product of the recipe. Only the
  // bare opener with its comma: "For comparison with the literature, the CdSe NCs were synthesized"
  // names the product itself (review 8b, R6).
  // "Standard half cells Ni+8YSZ/8YSZ/20SDC ... were made for comparison.": the cue closing the
  // sentence of the mention says the same.
  auto comparison_closes = [&]() {
    std::string_view rest = std::string_view(folded).substr(m.end, std::min<size_t>(160, folded.size() - m.end));
    size_t stop = rest.find(". ");
    if (stop == std::string_view::npos) stop = rest.find('.');
    if (stop == std::string_view::npos) return false;
    return rest.substr(0, stop).ends_with(" for comparison");
  };
  // The reagents of such a reference sample are no reagents of the recipe either: "For comparison,
  // Pt/CB (Pt loading: 46 wt.%) was also supplied from Tanaka", "For comparison, CuO was prepared by
  // thermal decomposition of Cu(NO3)2".
  const std::string_view sentence = std::string_view(folded).substr(ss);
  if ((role == "target" || role == "precursor") &&
      (has_prefix(sentence, "for comparison,") || comparison_closes() || has_prefix(sentence, "as a comparison,") ||
       has_prefix(sentence, "for reference,"))) {
    role = "other";
  }
  // "to remove excess water", "the evaporation of ethanol": a liquid driven off is no solvent of
  // the step (MSP: other).
  if (role == "solvent") {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view w : {" excess"sv, " residual"sv, " remaining"sv, " the"sv, " of"sv}) {
      if (b.ends_with(w)) b.remove_suffix(w.size());
      while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    }
    size_t sp = b.rfind(' ');
    std::string_view last = sp == std::string_view::npos ? b : b.substr(sp + 1);
    if (last.starts_with("evaporat") || last.starts_with("remov")) role = "other";
  }
}

}  // namespace

// The role the words around mention `mi` give it: false when none does (prior_role() decides).
bool Extractor::Impl::cued_role(const Paragraph& para, size_t mi, const MentionCues& mc, RoleWalk& walk,
                                std::string& role) const {
  const Impl& im = *this;
  const std::string_view text = para.text;
  const std::vector<MaterialMention>& mats = para.mats;
  const std::vector<bool>& alias = para.alias;
  const MaterialMention& m = mats[mi];
  const std::string_view prior = m.role_prior;  // string_view: see `kind` in quantity_entities()
  const std::string_view before = mc.before, after = mc.after;
  const bool as_cue = mc.as_cue, was_cue = mc.was_cue, input_after = mc.input_after, bought = mc.bought,
             noun_cue = mc.noun_cue, before_target_cue = mc.before_target_cue,
             before_precursor_cue = mc.before_precursor_cue;
  re2::StringPiece bsp(before.data(), before.size());
  re2::StringPiece asp(after.data(), after.size());
  re2::StringPiece g1, g2, g3, g4, g5;
  // "were obtained from Aldrich": a supplier, not a product. `span` is the whole target_after
  // match. Its group 1, (\s+from\s+\S), is the optional last item of the pattern, and the verbs
  // before it end in two letters: the group took part exactly when the match's last byte but one
  // is a \s byte, and it then ends where the match ends. Asking RE2 for group 1 instead (a second
  // call, which runs BitState or the NFA) was 2.5 % of the extraction time; the span comes from
  // the DFA alone.
  auto from_supplier = [&](re2::StringPiece span) {
    if (span.size() < 2) return false;
    char s = span[span.size() - 2];
    if (s != ' ' && s != '\t' && s != '\n' && s != '\f' && s != '\r') return false;
    const size_t at = m.end + static_cast<size_t>(span.data() - after.data()) + span.size() - 1;
    if (!is_upper(text[at])) return false;
    // "were prepared from YCl3 (0.78 mmol)": a material after "from" is a reagent, not a supplier.
    auto it = std::lower_bound(mats.begin() + static_cast<std::ptrdiff_t>(mi), mats.end(), at,
                               [](const MaterialMention& x, size_t b) { return x.begin < b; });
    return it == mats.end() || it->begin != at;
  };
  std::string_view used;  // used_product()'s role
  if (alias[mi]) {
    role = "other";
  } else if (as_cue && re2::RE2::PartialMatch(asp, *im.role_after) &&
             re2::RE2::PartialMatch(asp, *im.role_after, &g1, &g2, &g3, &g4, &g5)) {
    role = !g1.empty()   ? "solvent"
           : !g2.empty() ? "ligand"
           : !g3.empty() ? "reductant"
           : !g4.empty() ? "precursor"
                         : "additive";
  } else if (capping_before(before, after) && !inorganic_coating(m.formula)) {
    role = "ligand";
  } else if (const bool noun_target = m.product_noun || (noun_cue && re2::RE2::PartialMatch(asp, *im.target_noun));
             noun_target && !(used = used_product(before, after)).empty()) {
    // (used_product() only after a nanostructure noun: most mentions have none, and its scan of
    // the text after the mention cost +1.7 % Ir on the MSP paragraphs when run for every mention.)
    role = used;
  } else if (noun_target ||
             (was_cue && prior != "solvent" && prior != "ligand" && prior != "other" &&
              im.target_after->Match(asp, 0, asp.size(), re2::RE2::UNANCHORED, &g1, 1) && !from_supplier(g1)) ||
             // Solvents and gases are not products even after "to form a" or "the resulting".
             (before_target_cue && prior != "solvent" && prior != "other" &&
              !after.starts_with(" loading") && !after.starts_with(" content") &&
              // "In a typical synthesis of Ge/OMC nanocomposite, ...": a generic opener, no step.
              before.find("typical ") == std::string_view::npos &&
              // "added into the resulting X", "transferred to the as-prepared X": the product of
              // the step before, now a reagent.
              before.find("to the resulting") == std::string_view::npos &&
              before.find("to the as-") == std::string_view::npos &&
              before.find("to the obtained") == std::string_view::npos && !after_preposition(before) &&
              re2::RE2::PartialMatch(bsp, *im.target_before))) {
    role = "target";
    target_made_reagent(para, mi, before, was_cue, role);
  } else if (before_precursor_cue && prior != "solvent" && prior != "other" && prior != "ligand" &&
             re2::RE2::PartialMatch(bsp, *im.precursor_before)) {
    role = product_mixture(before) ? "target" : "precursor";
  } else if (input_after && (m.role_prior.empty() || prior == "precursor") &&
             re2::RE2::PartialMatch(asp, *im.input_after)) {
    role = "precursor";
  } else if (bought && (m.role_prior.empty() || prior == "precursor")) {
    role = "precursor";
    walk.bought_cue[mi] = true;
  } else if (bought && prior == "additive" && acid_or_base(m.normalized)) {
    // "sulphuric acid (H2SO4), were provided by", "NaOH (Sigma-Aldrich) ... were used": a mineral
    // acid or a hydroxide a paper buys is used as a solution; MSP marks it a solvent.
    role = "solvent";
    walk.bought_acid[mi] = true;
  } else {
    return false;
  }
  return true;
}

// The role of a mention no cue word decided: its lexicon prior, its amounts, weaker cues.
void Extractor::Impl::prior_role(const Paragraph& para, size_t mi, const MentionCues& mc, RoleWalk& walk,
                                 std::string& role) const {
  const Impl& im = *this;
  const MaterialMention& m = para.mats[mi];
  const std::vector<int>& material_amounts = para.material_amounts;
  const std::vector<int>& material_measures = para.material_measures;
  const std::string_view prior = m.role_prior;  // string_view: see `kind` in quantity_entities()
  const std::string_view before = mc.before, after = mc.after;
  const bool before_in_cue = mc.before_in_cue, before_in_any = mc.before_in_any;
  re2::StringPiece bsp(before.data(), before.size());
  std::vector<size_t>& measured_additive = walk.measured_additive;
  // An acid or base used as a solution ("2 M NaOH solution", "0.1 M HCl") is the medium: MSP
  // reads it as a solvent.
  auto molar_before = [&] {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    for (std::string_view u : {" m"sv, " mol/l"sv, " mol l-1"sv, " n"sv}) {
      if (b.ends_with(u) && b.size() > u.size() && is_digit(b[b.size() - u.size() - 1])) return true;
    }
    return false;
  };
  // "mixed in 500 mL of H2SO4", "dissolved in 10 mL of concentrated HCl", "in 0.7 g of IL": the
  // liquid something is put in is the solvent even when it is measured out.
  auto measured_medium = [&] {
    if (!before_in_any) return false;
    size_t at = before.rfind(" in ");
    size_t into = before.rfind(" into ");
    if (at == std::string_view::npos || (into != std::string_view::npos && into > at)) at = into;
    if (at == std::string_view::npos || before.size() - at > 45) return false;
    re2::StringPiece tail(before.data() + at, before.size() - at);
    return re2::RE2::FullMatch(tail, *im.measured_medium);
  };
  // "a chemical composition of 15.33% Na2O", "0.08 wt% MgO powder", "75% Ag basis": a share
  // of a composition, not a reagent measured out (a mention with a mass or volume of its own,
  // "10% H2O2 (10 mL)", or a solution, "20 wt% ethanol solution", is).
  auto percent_before = [&] {
    std::string_view b = before;
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (b.ends_with(" of")) b.remove_suffix(3);
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
    if (!b.ends_with('%')) return false;
    b.remove_suffix(1);
    while (!b.empty() && (b.back() == ' ' || b.back() == '.' || is_lower(b.back()))) b.remove_suffix(1);
    return !b.empty() && is_digit(b.back());
  };
  // An acid or base a product is washed with ("washed with diluted hydrochloric acid") is a
  // solvent, like a wash liquid of the solvent lexicon.
  auto wash_acid = [&] {
    if (!acid_or_base(m.normalized)) return false;
    for (std::string_view w : {"washed with "sv, "rinsed with "sv, "washed using "sv}) {
      size_t at = before.rfind(w);
      if (at != std::string_view::npos && before.size() - at - w.size() < 20) return true;
    }
    return false;
  };
  // "HAuCl4 (0.25 mM, 10 mL, containing 10 μL of 1 M HCl)": an acid or base another solution
  // contains is an additive of it, not the medium (review 13, D47).
  // Only a measured portion may stand between ("10 μL of"): "an ethanol solution containing 0.1 M
  // HCl" (MSP: solvent) and "a methanol solution containing PEG with the l-lysine in a HNO3 aqueous
  // solution" name the acid as a medium.
  auto contained = [&] {
    const size_t at = before.rfind("containing ");
    if (at == std::string_view::npos || before.size() - at >= 40) return false;
    const std::string_view seg = before.substr(at + 11);
    return seg.find_first_of("0123456789") != std::string_view::npos && seg.find(" of ") != std::string_view::npos &&
           seg.find_first_of(",;()") == std::string_view::npos && seg.find(" in ") == std::string_view::npos &&
           seg.find(" with ") == std::string_view::npos && seg.find("the ") == std::string_view::npos;
  };
  if (material_measures[mi] == 0 && !after.starts_with(" solution") && !after.starts_with(" aqueous") &&
      percent_before()) {
    role = "other";
  } else if (prior == "additive" && contained()) {
    role = "additive";
  } else if (prior == "additive" &&
      (after.starts_with(" solution") || after.starts_with(" aqueous solution") || molar_before() ||
       wash_acid())) {
    role = "solvent";
  } else if (prior == "solvent" || prior == "ligand" || prior == "reductant") {
    role = m.role_prior;
  } else if (prior == "other" && (m.normalized == "nitrogen" || m.normalized == "argon" ||
                                         m.normalized == "air" || m.normalized == "hydrogen" ||
                                         m.normalized == "oxygen" || m.normalized == "helium")) {
    role = "other";
  } else if (material_amounts[mi] > 0 && prior != "precursor" && prior != "ligand" &&
             prior != "reductant" && measured_medium()) {
    role = "solvent";
  } else if (material_amounts[mi] > 0 || prior == "precursor") {
    role = "precursor";
    if (prior == "additive") measured_additive.push_back(mi);  // decided below, once targets are known
  } else if (before_in_cue && re2::RE2::PartialMatch(bsp, *im.solvent_before)) {
    role = "solvent";
  } else if (!m.role_prior.empty()) {
    role = m.role_prior;
  } else if (stock_form(after)) {
    role = "precursor";
  } else {
    role = "other";
  }
  // A material named again is a reagent only where it is put in again ("KMnO4 (0.4 g) was
  // added", "dissolved in water"); elsewhere the mention refers back to it ("the amount of
  // Na2CO3 was", "exfoliate the GO sheets", "remove excess water") and MSP marks it "other".
  if (role == "precursor" && material_amounts[mi] == 0 && repeated_mention(para, mi) && !input_cue(para, mi, after)) {
    role = "other";
  }
  // "A white precipitate (Zn(OH)2) was produced", "the co-precipitated solid M(OH)2 phase",
  // "the precipitation of the metal oxalates", "the GeO2/C intermediate": what a step
  // precipitates or passes through is made in the procedure, not a starting material.
  if (role == "precursor" && material_amounts[mi] == 0) {
    size_t at = before.rfind("precipitat");
    bool made = false;
    if (at != std::string_view::npos) {
      std::string_view tail = before.substr(at);
      size_t spaces = static_cast<size_t>(std::count(tail.begin(), tail.end(), ' '));
      made = spaces <= 3 && tail.find("agent") == std::string_view::npos &&
             tail.find(" from") == std::string_view::npos && tail.find(" with") == std::string_view::npos;
    }
    made |= after.starts_with(" intermediate") || after.starts_with(" precipitate");
    if (made) role = "other";
  }
}

// Materials → entities with roles; amounts → materials: each mention of para.mats becomes a
// material entity with its role (lexicon prior, cue words, "respectively" lists, aliases and
// repeats), and each amount entity is linked to its material (Raw::material_ref). Needs the
// quantities pass (the amounts in para.raws) and the morphologies; appends to para.raws.
// The steps for each mention: mention_cues(), cued_role() or else prior_role(), role_to_other();
// what they carry from one mention to the next is a RoleWalk.
void Extractor::Impl::material_entities(Paragraph& para) const {
  const std::string_view text = para.text;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  const std::vector<int>& amount_material = para.amount_material;
  RoleWalk walk(para.view.tokens.size(), mats.size());
  for (size_t mi = 0; mi < mats.size(); ++mi) {
    const MaterialMention& m = mats[mi];
    Raw& r = raws.emplace_back();  // in place: see PendingRaw
    r.begin = m.begin;
    r.end = m.end;
    r.material_id = static_cast<int>(mi);
    Entity& e = r.e;
    e.type = "material";
    e.name.assign(text.substr(m.begin, m.end - m.begin));
    e.normalized = m.normalized;
    e.formula = m.formula;
    std::string role;
    const MentionCues mc = mention_cues(para, mi, walk.cue_cache);
    const bool strong = cued_role(para, mi, mc, walk, role);  // the role comes from the words around the mention
    if (!strong) prior_role(para, mi, mc, walk, role);
    role_to_other(para, mi, mc, role);
    if (role != "target" && role != "other" &&
        (reason_clause_fact(mc.before, mc.after) || contaminant(mc.before) || side_product(mc.before, mc.after))) {
      role = "other";
    }
    e.role = role;
    if (strong) walk.strong_role[mi] = true;
    walk.material_raw[mi] = raws.size() - 1;
  }
  const RoleNotes notes{walk.strong_role, walk.bought_acid, walk.bought_cue, walk.material_raw,
                        walk.measured_additive};
  stated_roles(para, notes);
  additive_roles(para, notes);
  share_list_roles(para, notes);
  keep_targets(para, notes);
  for (size_t ri = 0; ri < amount_material.size(); ++ri) raws[ri].material_ref = amount_material[ri];
}

// Word-level entities: operations, methods, morphologies and phases from one matcher, then
// atmospheres. Needs the quantities (para.blocked) and materials (para.in_material) passes; appends to
// para.raws (and may merge an operation with the one before it).
void Extractor::Impl::find_words(Paragraph& para) const {
  const Impl& im = *this;
  const std::string& folded = para.folded;
  const TokenView& view = para.view;
  const SentenceStarts& sentences = para.sentences;
  const std::vector<uint8_t>& blocked = para.blocked;
  const std::vector<uint8_t>& in_material = para.in_material;
  std::vector<Raw>& raws = para.raws;
  // Operations, methods, morphologies and phases share one matcher: one lookup per token.
  for (size_t i = 0; i < view.tokens.size(); ++i) {
    if (blocked[i] || in_material[i]) continue;
    auto m = im.words.matcher.match(view, i);
    if (m.entry < 0) {
      // Operation words the lexicon cannot hold, because only their context makes them a step.
      std::string_view op;
      // "left to dry overnight", "to dry the samples": the verb ("dry toluene", "under dry air" are
      // adjectives, so "dry" is not in the lexicon). (The first byte inline: == calls compare() for
      // every three-letter word.)
      if (view.folded[i].starts_with('d') && view.folded[i] == "dry" && i > 0 && view.folded[i - 1] == "to") {
        op = "drying";
      } else if (view.folded[i].starts_with('f') && view.folded[i] == "form" && i > 0 && view.folded[i - 1] == "to") {
        // "stirred to form a clear solution": the verb ("the powder form", "in the form of" are nouns).
        op = "reaction";
      } else if (std::string_view change = temperature_changed(view, i, raws); !change.empty()) {
        op = change;
      } else if (view.folded[i].starts_with('u') && used_as_step(view, i)) {
        op = "other";
      } else if (view.folded[i].starts_with('l') && left_standing(view, i)) {
        op = "reaction";
      }
      if (!op.empty()) {
        Raw& r = raws.emplace_back();
        r.begin = view.tokens[i].begin;
        r.end = view.tokens[i].end;
        r.e.type = "operation";
        r.e.normalized = std::string(op);
        continue;
      }
      phase_before_material(view, i, in_material, &raws);
      continue;
    }
    // A phrase the lexicon lists as no step ('-': "growth solution", "heat source"): skip it whole.
    if (im.words.values[m.entry] == "-"sv) {
      i += m.tokens - 1;
      continue;
    }
    if (im.words.values[m.entry] == "microwave"sv && i + 1 < view.tokens.size() &&
        microwave_oven_apparatus(folded, sentences(view.tokens[i].begin, 300), view.tokens[i + 1].end,
                                 view.folded[i + 1])) {
      continue;
    }
    // "the white precipitate", "only bulk precipitate": the noun names a solid, no operation
    // ("precipitated", "precipitation" and "to precipitate" stay operations).
    if (m.tokens == 1 && i > 0 && (view.folded[i] == "precipitate" || view.folded[i] == "precipitates") &&
        one_of(view.folded[i - 1], {"the", "a", "bulk", "white", "black", "brown", "yellow", "red", "green", "blue",
                                    "orange", "dark", "pale", "solid", "resulting", "resultant", "obtained", "final",
                                    "fine", "gelatinous", "colloidal", "amorphous", "crystalline", "this", "any"})) {
      continue;
    }
    if (m.tokens == 1 && view.folded[i].starts_with("combin") && combine_not_a_step(view, i)) continue;
    // "no amorphous phase was detected", "free of any rutile phase": a phase the product lacks.
    if (im.word_types[m.entry] == std::string_view("phase") && phase_negated(view, i, i + m.tokens - 1)) {
      i += m.tokens - 1;
      continue;
    }
    if (m.tokens == 1 && apparatus_or_state_change(view, i)) continue;
    if (m.tokens == 1 && im.word_types[m.entry] == std::string_view("operation") && outcome_not_step(view, i)) continue;
    if (m.tokens == 1 && (view.folded[i].starts_with('d') || view.folded[i].starts_with('p')) &&
        dried_adjective(view, i, in_material)) {
      continue;
    }
    // "XRD analysis was performed", "SEM was carried out": a measurement is no synthesis step (a
    // curator reads the step list; MSP marks these 0 of 3 times on dev-a, 3 of 3 on dev-b).
    if (m.tokens == 1 && one_of(view.folded[i], {"performed", "carried", "conducted"}) && measurement_clause(view, i)) {
      continue;
    }
    Raw& r = raws.emplace_back();
    r.begin = view.tokens[i].begin;
    r.end = view.tokens[i + m.tokens - 1].end;
    r.e.type = im.word_types[m.entry];
    r.e.normalized = im.words.values[m.entry];
    if (r.e.normalized == "purification"sv && precipitation_forms_product(view, i)) r.e.normalized = "reaction";
    if (r.e.type == "operation"sv && i > 0 && !in_material[i - 1] && technique_modifier(view, i - 1)) {
      // "thermally treated", "ball milling", "heat treated": the technique is part of the step's
      // name (as MSP spans it). An operation the modifier gave on its own ("heat") is merged.
      const size_t mb = view.tokens[i - 1].begin, me = view.tokens[i - 1].end;
      r.begin = mb;
      // "heat treated", "hydrothermally treated": the technique says what a vague verb does.
      if (r.e.normalized == "other") r.e.normalized = std::string(technique_operation(view.folded[i - 1]));
      if (raws.size() >= 2 && raws[raws.size() - 2].e.type == "operation" && raws[raws.size() - 2].begin == mb &&
          raws[raws.size() - 2].end == me) {
        raws.erase(raws.end() - 2);
      }
    }
    i += m.tokens - 1;
  }
  for (size_t i = 0; i < view.tokens.size(); ++i) {
    auto m = im.atmospheres.matcher.match(view, i);
    if (m.entry < 0) {
      filled_atmosphere(view, i, im.atmospheres, &raws);
      continue;
    }
    std::string_view prev = i > 0 ? std::string_view(view.folded[i - 1]) : std::string_view();
    std::string_view prev2 = i > 1 ? std::string_view(view.folded[i - 2]) : std::string_view();
    std::string_view next = i + m.tokens < view.tokens.size() ? std::string_view(view.folded[i + m.tokens]) : "";
    bool cue = prev == "under" || prev2 == "under" || prev == "in" || prev == "of" || prev == "with" ||
               prev == "flowing" || next.starts_with("atmosphere") || next == "flow" || next == "gas" ||
               next.starts_with("glove") || next == "protection" || next == "stream" || next == "oven";
    if (!cue) continue;
    const std::string& v = im.atmospheres.values[m.entry];
    if (v == "inert" && !next.starts_with("atmosphere") && next != "gas") continue;
    Raw& r = raws.emplace_back();
    r.begin = view.tokens[i].begin;
    r.end = view.tokens[i + m.tokens - 1].end;
    r.e.type = "atmosphere";
    r.e.normalized = v;
  }
}

// A text's byte triples as an 8192-bit hash set. A gate literal with a triple the paragraph lacks
// cannot occur in it, so most gated failure rules skip their find_bytes() scans: one pass over the
// text instead of one per literal (about 40 literals).
class ByteTriples {
 public:
  explicit ByteTriples(std::string_view s) {
    for (size_t i = 2; i < s.size(); ++i) {
      const size_t k = slot(s[i - 2], s[i - 1], s[i]);
      bits_[k >> 6] |= uint64_t{1} << (k & 63);
    }
  }
  bool may_hold(std::string_view w) const {
    for (size_t i = 2; i < w.size(); ++i) {
      const size_t k = slot(w[i - 2], w[i - 1], w[i]);
      if (!(bits_[k >> 6] >> (k & 63) & 1)) return false;
    }
    return true;
  }

 private:
  static size_t slot(char a, char b, char c) {
    return (static_cast<unsigned char>(a) * 2503u + static_cast<unsigned char>(b) * 61u + static_cast<unsigned char>(c)) & 8191u;
  }
  std::array<uint64_t, 128> bits_{};
};

// Failures: the cues of failures.tsv that their context does not excuse, as entities and as
// para.failure_spans/para.failure_scopes. Needs the text and sentences only; appends to para.raws.
void Extractor::Impl::find_failures(Paragraph& para) const {
  const Impl& im = *this;
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const SentenceStarts& sentences = para.sentences;
  std::vector<Raw>& raws = para.raws;
  std::vector<std::pair<size_t, size_t>>& failure_spans = para.failure_spans;
  std::vector<FailureScope>& failure_scopes = para.failure_scopes;
  std::vector<int> failure_hits;
  if (!im.failure_gate || may_hold_failure_cue(folded)) {
    im.failure_set->Match(re2::StringPiece(text.data(), text.size()), &failure_hits);
    for (int& hit : failure_hits) hit = im.set_rule[hit];
  }
  // Gated rules (a third field in failures.tsv) are outside the set: each runs when its literals occur.
  const ByteTriples triples(folded);
  for (const auto& [rule, gate] : im.gated_rules) {
    if (std::any_of(gate.begin(), gate.end(), [&](const std::string& g) {
          return triples.may_hold(g) && find_bytes(folded, g) != std::string_view::npos;
        })) {
      failure_hits.push_back(rule);
    }
  }
  std::sort(failure_hits.begin(), failure_hits.end());  // file order: the first of two overlapping cues wins
  for (int hit : failure_hits) {
    const std::string& name = im.failures[hit].name;
    const re2::RE2* re = &im.failures[hit].re();
    re2::StringPiece whole(text.data(), text.size());
    re2::StringPiece found;
    size_t pos = 0;
    while (pos < text.size() && re->Match(whole, pos, text.size(), re2::RE2::UNANCHORED, &found, 1)) {
      const size_t fb = static_cast<size_t>(found.data() - text.data());
      size_t ss = sentences(fb, 300);
      // "Ref. 12", "Zhang et al. reported": an abbreviation's full stop ends no sentence here.
      for (int back = 0; back < 2 && ss >= 2; ++back) {
        std::string_view head = std::string_view(folded).substr(0, ss);
        if (!head.ends_with(" ref. ") && !head.ends_with(" refs. ") && !head.ends_with(" al. ")) break;
        ss = sentences(ss - 2, 300);
      }
      const size_t fe0 = fb + found.size();
      size_t se = fe0;  // the sentence's end (at most 300 bytes on): ';', a new line or ". "
      for (const size_t cap = std::min(folded.size(), fe0 + 300); se < cap; ++se) {
        const char c = folded[se];
        if (c == ';' || c == '\n' || (c == '.' && (se + 1 == folded.size() || folded[se + 1] == ' '))) break;
      }
      std::string_view f_before = std::string_view(folded).substr(ss, fb - ss);
      std::string_view f_cue = std::string_view(folded).substr(fb, std::min<size_t>(folded.size() - fb, found.size() + 60));
      std::string_view f_rest = std::string_view(folded).substr(fe0, se - fe0);
      size_t f_len = found.size();
      // Unicode spaces read as ' ' in the context tests (rare: copies only then).
      std::string n_before, n_cue, n_rest;
      if (std::string_view(folded).substr(ss, se - ss).find_first_of("\xC2\xE2") != std::string_view::npos) {
        auto plain = [](std::string_view v) {
          std::string o;
          for (size_t k = 0; k < v.size(); ++k) {
            if (v.substr(k, 2) == "\xC2\xA0") {
              o += ' ';
              k += 1;
            } else if (v.substr(k, 3) == "\xE2\x80\x89" || v.substr(k, 3) == "\xE2\x80\xAF") {
              o += ' ';
              k += 2;
            } else {
              o += v[k];
            }
          }
          return o;
        };
        n_before = plain(f_before);
        n_cue = plain(f_cue);
        n_rest = plain(f_rest);
        f_len = plain(std::string_view(folded).substr(fb, found.size())).size();
        f_before = n_before;
        f_cue = n_cue;
        f_rest = n_rest;
      }
      if (failure_in_context(f_before, f_cue, f_len, f_rest)) {
        if (cited_failure(f_before, f_rest)) para.cited_sentences.emplace_back(ss, se);
        pos = fb + std::max<size_t>(found.size(), 1);
        continue;
      }
      // Two cues over one phrase ("the synthesis failed to ..." is `failed` and `failed_to`) are one failure.
      const size_t fe = fb + found.size();
      if (std::any_of(failure_spans.begin(), failure_spans.end(),
                      [&](const std::pair<size_t, size_t>& f) { return fb < f.second && f.first < fe; })) {
        pos = fb + std::max<size_t>(found.size(), 1);
        continue;
      }
      failure_spans.emplace_back(fb, fe);
      failure_scopes.push_back(failure_scope(f_before, f_rest));
      para.failure_sentences.emplace_back(ss, se);
      Raw& r = raws.emplace_back();
      r.begin = fb;
      r.end = r.begin + span_without_preposition(std::string_view(folded).substr(fb, found.size()));
      r.e.type = "failure";
      r.e.cue = name;
      pos = std::max(r.end, r.begin + 1);
    }
  }
}

// A target inside a bulk_precipitate failure ("Only bulk PbS was obtained", "bulk ZnO rather than
// nanocrystals") is the unwanted bulk phase, no product: role other. Run after the learned roles,
// which read the sentence's production verb and would make it a target again.
static void bulk_is_no_target(Extraction& result) {
  for (const Entity& f : result.entities) {
    if (f.type != "failure" || f.cue != "bulk_precipitate") continue;
    for (Entity& e : result.entities) {
      if (e.type == "material" && e.role == "target" && f.start <= e.start && e.end <= f.end) e.role = "other";
    }
  }
}

// Last: drops the entities with a value JSON cannot carry, runs the learned stages (which take
// `folded`) and rounds every value to twelve significant digits. Needs `result` complete.
void Extractor::Impl::finish(std::string_view text, std::string folded, Extraction& result) const {
  const Impl& im = *this;
  // A number of hundreds of digits parses as infinity, which JSON cannot carry: such a value is no
  // measurement, so its entity goes (rare; remove_entities keeps the amount links right).
  auto measurable = [](const Entity& e) {
    auto finite = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
    return finite(e.value) && finite(e.min) && finite(e.max) && finite(e.sd);
  };
  if (!std::all_of(result.entities.begin(), result.entities.end(), measurable)) {
    std::vector<bool> keep(result.entities.size());
    std::transform(result.entities.begin(), result.entities.end(), keep.begin(), measurable);
    remove_entities(result, keep);
  }
  if (!im.learned.version.empty()) revise(im.learned, StageInput(text, std::move(folded)), result);
  bulk_is_no_target(result);
  // Unit conversions leave binary noise (280 K → 6.850000000000023 °C, 0.188 mmol →
  // 0.00018800000000000002 mol); twelve significant digits are far beyond any measurement.
  for (Entity& e : result.entities) {
    for (std::optional<double>* v : {&e.value, &e.min, &e.max, &e.sd}) {
      if (*v) **v = round_significant(**v);
    }
  }
}

Extraction Extractor::extract(std::string_view text) const {
  const Impl& im = *impl_;
  Extraction result;
  CodePointMap cps(text);  // validates UTF-8 first: throws InputError
  if (text.empty()) return result;
  std::string folded = ascii_lower(text);  // moved into the learned stages' input at the end
  std::vector<Raw> raws;
  raws.reserve(text.size() / 16 + 8);

  // Tokenise and view: what every pass reads.
  std::vector<Quantity> qs = im.scan_quantities(text, folded);
  TokenView view(text, folded);
  const SentenceStarts sentences(folded);
  const std::vector<uint8_t> blocked = quantity_tokens(view, qs);
  std::vector<MaterialMention> mats = im.materials->find(view, blocked);
  const std::vector<uint8_t> in_material = material_tokens(view, mats);
  Paragraph para{text, folded, cps, view, sentences, blocked, qs, mats, in_material, raws};

  // The passes, in this order (each says at its definition what it needs from earlier ones).
  im.quantity_entities(para);  // conditions, amounts, sizes, optics
  table_sizes(para);           // sizes under a table's dimension header
  // Morphologies: an own pass, as shape words inside material mentions count.
  find_morphologies(im.morphologies, view, folded, blocked, mats, in_material, &raws);
  link_amounts(para);          // amounts → materials
  find_aliases(para);          // bracketed aliases of the mention before
  im.material_entities(para);  // materials with roles
  im.find_words(para);         // operations, methods, phases, atmospheres
  im.find_failures(para);
  order_entities(para, result);
  set_aside_cited(para, result);
  paragraph_status(para, result);
  im.finish(text, std::move(folded), result);
  return result;
}

}  // namespace synthdb::rules
