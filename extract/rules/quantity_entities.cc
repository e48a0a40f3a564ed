// The quantity passes: numbers and the conditions without digits (scan_quantities), and what each
// becomes (quantity_entities): condition, amount, size, optical value, yield; sizes from tables.
#include "extract/rules/extractor_impl.h"
#include "extract/rules/cue_index.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "extract/rules/tables.h"

namespace synthdb::rules {

using namespace detail;

namespace {

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

std::string format_ratio_unit() { return "ratio"; }

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
  return last_cue(window, cues, [](std::string_view w, size_t pos) { return starts_word(w, pos); });
}
size_t last_word_cue(std::string_view window, const CueIndex& cues) {
  return cues.last(window, [](std::string_view w, size_t pos) { return starts_word(w, pos); });
}

// The last PLQY label in `window` (npos if none). Each label holds a 'q', a rare letter: one memchr
// rules out nearly every window without the backward pass (asked of every percentage, twice).
size_t last_plqy_cue(std::string_view window) {
  if (window.find('q') == std::string_view::npos) return std::string_view::npos;
  return last_cue(window, {"plqy", "quantum yield", "qy", "quantum efficienc", "plqe"});
}

// last_cue() of a window of the paragraph whose ByteTriples are `triples`: npos without the scan
// when none of the cues can occur in the paragraph (asked of every percentage).
size_t held_last_cue(const ByteTriples& triples, std::string_view window,
                     std::initializer_list<std::string_view> cues) {
  for (std::string_view cue : cues) {
    if (triples.may_hold(cue)) return last_cue(window, cues);
  }
  return std::string_view::npos;
}

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

// A diameter sign or abbreviation right before a length: "(⌀ 70 nm)", "(Ø = 15 nm)", "(dia. 150 nm)".
// `before` is lower-cased and ends at the number.
bool diameter_sign_before(std::string_view before) {
  std::string_view b = trim_right(before);
  for (std::string_view sep : {"="sv, ":"sv, "~"sv, "\u2248"sv, "\u223c"sv}) {
    if (b.ends_with(sep)) {
      b = trim_right(b.substr(0, b.size() - sep.size()));
      break;
    }
  }
  for (std::string_view sign : {"\u2300"sv, "\u00d8"sv, "\u00f8"sv, "\u2205"sv}) {
    if (b.ends_with(sign)) return true;
  }
  return b.ends_with(" dia.") || b.ends_with("(dia.") || b.ends_with(" dia") || b.ends_with("(dia");
}

// The 16 lower-cased bytes before `at`, across a sentence break: the splitter ends a sentence at
// the abbreviation "dia." of "(dia. 150 nm)".
std::string_view bytes_before(const Paragraph& para, size_t at) {
  const size_t n = std::min<size_t>(at, 16);
  return std::string_view(para.folded).substr(at - n, n);
}

// "The CNFs (dia. 150 nm)", "(⌀ 70 nm)": a diameter sign that opens a bracket before a length under
// 1 μm names the diameter of what the bracket follows (review 17b, S10). Longer ones stay out:
// "ø 0.2 mm" in tables is electrode and cell geometry (s17-fixs).
// `before` ends at the number (bytes_before()).
bool bracketed_diameter(std::string_view before, const std::optional<double>& value) {
  if (!value || *value >= 1000 || !diameter_sign_before(before)) return false;
  const size_t open = before.rfind('(');
  return open != std::string_view::npos && before.size() - open <= 12 && before.find(')', open) == std::string_view::npos;
}

// "Sample A: d = 6.2 nm", "sample S2 (d = 4.5 nm)": a diameter symbol after a sample's label sizes
// that sample's particles (session 16 leftover). Only from 1 nm up: "d = 0.35 nm" is the lattice
// spacing of TEM fringes at least as often. `before` is lower-cased and ends at the number.
bool sample_label_diameter(std::string_view before, const std::optional<double>& value) {
  if (!value || *value < 1 || *value >= 1000) return false;
  std::string_view b = trim_right(before);
  if (!b.ends_with("=")) return false;
  b = trim_right(b.substr(0, b.size() - 1));
  if (!b.ends_with("d") || (b.size() > 1 && is_alnum(b[b.size() - 2]))) return false;
  b = trim_right(b.substr(0, b.size() - 1));
  if (b.empty() || (b.back() != ':' && b.back() != '(' && b.back() != ',')) return false;
  b = trim_right(b.substr(0, b.size() - 1));
  size_t w = b.size();  // the label: one short word of letters, digits or dashes
  while (w > 0 && (is_alnum(b[w - 1]) || b[w - 1] == '-')) --w;
  if (w == b.size() || b.size() - w > 6) return false;
  b = b.substr(0, w);
  return b.ends_with("sample ") || b.ends_with("samples ");
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
    // "The forests were 350 μm tall" (a CNT forest's height; review 25)
    else if (x == "length" || x == "lengths" || x == "long" || x == "tall") *dim = "length";
    else if (x == "width" || x == "widths" || x == "wide") *dim = "width";
    else if (x == "size" || x == "sized" || x == "sizes" || x == "dimension" || x == "dimensions") dim->clear();
    else if (x == "edge" || x == "edges") *dim = "edge";  // "200 nm in edge length", "20 nm edge"
    else return false;
    return true;
  };
  // "Fe3O4 nanocubes 14 nm on edge": the cube's edge length ("on edges of the sheets" is a place).
  if (p > 0 && w == "on" && word_at(skip_spaces(after, p + 2)) == "edge") {
    *dimension = "edge";
    return true;
  }
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
  // "microflowers about 1.5 μm across": a size, only where a clause ends after it ("across, ...",
  // "across) were", "across and"); not the preposition of "50 nm across the film", "across two grains".
  if (w == "across") {
    const size_t q = p + w.size();
    if (q < after.size() && is_alnum(after[q])) return false;  // "acrossed", "across2"
    const size_t r = skip_spaces(after, q);
    const std::string_view x = word_at(r);
    const bool end = r >= after.size() || after[r] == ',' || after[r] == '.' || after[r] == ')' || after[r] == ';' ||
                     x == "was" || x == "were" || x == "and";
    if (!end) return false;
    dimension->clear();
    return true;
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

// Whether a number opens a bracket right after one of `words`, a whole word: "autoclave" in "the
// autoclave (25 mL)", "green" in "green (540 nm)". `before` ends right before the number.
template <typename Words>
bool word_before_bracket(std::string_view before, const Words& words) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '~')) before.remove_suffix(1);
  if (before.empty() || before.back() != '(') return false;
  before.remove_suffix(1);
  before = trim_right(before);
  for (std::string_view w : words) {
    if (before.ends_with(w) && (before.size() == w.size() || !is_alpha(before[before.size() - w.size() - 1]))) return true;
  }
  return false;
}

// A volume first in the bracket after a vessel noun: "the Teflon-lined autoclave (25 mL)", "a
// three-neck flask (50 mL)" size the vessel, as "a 25 mL autoclave" does (review 13, D41).
// `before` ends right before the number.
bool vessel_before_bracket(std::string_view before) { return word_before_bracket(before, kVesselNouns); }

// Whether the bytes between two values join them as items of one list: "5, 10 and 20 nm", "5 or
// 10 nm" (callers that take fewer joins test those apart).
bool list_gap(std::string_view gap) {
  return gap == " and " || gap == ", " || gap == ", and " || gap == "," || gap == " or ";
}

// A list gap without the panel label at its end: ", (b) " → ", " (figure legends: "(a) 4 nm, (b) 7 nm").
std::string_view unlabelled_gap(std::string_view gap) {
  if (gap.size() >= 4 && gap.ends_with(") ") && gap[gap.size() - 4] == '(' && is_lower(gap[gap.size() - 3])) {
    gap.remove_suffix(4);
  }
  return gap;
}

// "co-precipitation of Ni(NO3)2·6H2O (2.9 g) and ...", "precipitation of BaCl2 (2.1 g)": a bracket
// after "<step noun> of <object>" belongs to the object, so a mass there is the reagent's, not the
// force of a centrifuge the washing word would leave unsaid (review 17a, M10). `before` ends right
// before the number; only the stretch after the last step word in the last 40 bytes is read.
bool bracket_after_object(std::string_view before) {
  const std::string_view near = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  const size_t cue = last_cue(near, {"wash", "collect", "isolat", "separat", "purif", "precipitat"});
  if (cue == std::string_view::npos) return false;
  const size_t word_end = near.find(' ', cue);
  return word_end != std::string_view::npos && near.substr(word_end).starts_with(" of ");
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

// The role cue at token `k`, also through a step prefix the lexicon does not list: "pre-sintered",
// "pre-dried", "post-annealed", "co-calcined", "re-annealed", "predried", "postannealed" take the role
// of the step they prefix (review 14b, B97/B101). Only the few tokens that start with a prefix pay
// for the second lookup.
PhraseMatcher::Match role_cue(const TokenView& view, const ValueLexicon& roles, size_t k) {
  auto m = roles.matcher.match(view, k);
  if (m.entry >= 0) return m;
  std::string_view w = view.folded[k];
  size_t cut = 0;
  for (std::string_view p : {"pre-"sv, "post-"sv, "co-"sv, "re-"sv, "pre"sv, "post"sv}) {
    if (w.size() > p.size() + 3 && w.starts_with(p)) {
      cut = p.size();
      break;
    }
  }
  // Unhyphenated, only before the steps that take it ("presintered", not "prepared", "presence").
  if (cut == 0 || (w[cut - 1] != '-' && !one_of(w.substr(cut, 3), {"sin", "dri", "dry", "ann", "cal", "tre"}))) {
    return m;
  }
  // "the Cs-oleate was preheated to 100 °C": a solution's own temperature (temperature_role()).
  if (w.substr(cut).starts_with("heat")) return m;
  TokenView rest(view.raw(k).substr(cut));
  if (rest.tokens.size() != 1) return m;
  m = roles.matcher.match(rest, 0);
  if (m.entry >= 0 && roles.values[m.entry] == "-") m.entry = -1;  // "pre-cooled", "pre-tested"
  return m;
}

// Whether the reduc* cue at token `k` names the reduction of a solid, a step the value at token `t`
// heats: "The oxide was reduced at 400 °C for 2 h", "reduced in 5% H2/Ar at 700 °C", "after
// reduction at 650 °C". The same words lower a temperature or a rate ("the temperature was reduced
// to 200 °C", "reduced from 300 to 200 °C", "at the reduced temperatures below 450 °C", "the NO
// reduction rate", "a reduction in the oxygen content"): then the walk goes on as without the cue.
// Nor is the reduction of a gas in a catalytic test or in the literature ("tested for NO reduction
// at 300 °C", "NO could be reduced at 800 °C") or a TPR reading ("was reduced at an onset
// temperature of 203 °C") a synthesis step (review 15c, R13).
bool reduction_step_cue(const TokenView& view, size_t k, size_t t) {
  if (t == 0 || k + 2 >= view.tokens.size() || one_of(view.folded[t - 1], {"to", "from", "by"})) return false;
  for (size_t j = k; j-- > 0 && k - j <= 4;) {
    if (one_of(view.folded[j], {"no", "nox", "n2o", "no2", "nitric", "co2", "so2", "catalytic", "tpr", "h2-tpr"})) {
      return false;
    }
  }
  for (size_t j = k + 1; j < t; ++j) {
    if (one_of(view.folded[j], {"onset", "peak", "tpr"})) return false;
  }
  const std::string_view next = view.folded[k + 1];
  if (next == "in") return !one_of(view.folded[k + 2], {"the", "a", "an", "oxygen", "size", "temperature"});
  return one_of(next, {"at", "under", "for", "with"});
}

// "synthesized by reacting A (0.5 mmol) with B (0.5 mmol) in ODE (10 mL) at 275 °C": a cue written
// as "by <verb>ing" heads one step whose reagent list runs up to the value, so it is the value's
// cue however far back (review 14a, A33; brackets are not counted either way).
bool by_gerund(const TokenView& view, size_t k) {
  return k > 0 && view.folded[k].ends_with("ing") && view.folded[k - 1] == "by";
}

// Whether a by_gerund() cue stands in tokens (`from` back to the byte `ss`], the rest of a long
// sentence a temperature role's walk has not reached yet.
bool gerund_before(const TokenView& view, size_t from, size_t ss) {
  for (size_t k = from + 1; k-- > 0 && view.tokens[k].end > ss;) {
    if (by_gerund(view, k)) return true;
  }
  return false;
}

// "dried at 110 °C, calcined at 500 °C in air and reduced at 400 °C in H2": a step verb with no
// role cue of its own ("was reduced", "and reduced", "then etched") stands between the value and
// an earlier temperature; a cue before that temperature is the earlier step's (review 14b, B98).
// A verb of making in general ("and ZnO was prepared at 150 °C") names no step of its own and ends
// no walk (review 14c, R16).
bool uncued_step_verb(const TokenView& view, size_t k) {
  std::string_view w = view.folded[k];
  return k > 0 && w.size() >= 6 && w.ends_with("ed") &&
         one_of(view.folded[k - 1], {"and", "then", "was", "were", "subsequently", "finally", "further", "later"}) &&
         !one_of(w, {"prepared", "obtained", "produced", "fabricated", "formed", "synthesized", "synthesised"});
}

// Whether the sentence before the cue "oven" at token `k` names a reaction vessel or route
// (autoclave, hydrothermal, solvothermal, synthesis) with no other step's cue between ("kept" may
// stand between): then the oven heats
// that step, not a drying one ("washed and dried in an oven" keeps drying).
bool oven_heats_vessel(const TokenView& view, const ValueLexicon& roles, size_t k, size_t ss) {
  for (size_t j = k; j-- > 0 && k - j <= 12;) {
    if (view.tokens[j].end <= ss) break;
    auto m = roles.matcher.match(view, j);
    if (m.entry < 0) continue;
    std::string_view w = view.folded[j];
    if (roles.values[m.entry] != "reaction") return false;
    if (w.starts_with("autoclave") || w.starts_with("hydrothermal") || w.starts_with("solvothermal") ||
        w.starts_with("synthes")) {
      return true;
    }
  }
  return false;
}

// The role of a temperature whose value covers tokens [t, t_end), in a sentence that starts at byte
// `ss` (t_end: the first token after the value; a "by <verb>ing" cue may stand further back, up to
// `wide_ss`): "-" cues (measured, tested, cooled) mean no role. Three readings, in this order:
// - the nearest cue before the value: "injected at 300 °C", "annealed at 500 °C";
// - a step named as the subject, "the growth temperature was maintained at 100 °C", wins over a
//   keeping verb between it and the value (maintained, kept, held, set), which only says "at";
// - with no cue before, the first one after the value in the same clause: "At 160 °C, 0.5 mL of
//   Cs-oleate was injected", "raised to 230 °C and held for 40 min", "set to 250 °C for growth".
// Whether the sentence of an activation cue at token `cue` (from `ss`, up to 12 words past the value
// `t_end`) heats a made solid: a solid subject before the cue, or a furnace, a gas, vacuum or a
// heating rate ("activated at 150 °C under vacuum", "activated in H2 at 400 °C", "KOH activation at
// 800 °C in N2"). "The enzyme was activated
// at 37 °C", "Activated at 120 °C, the zeolite adsorbs water" name no heat treatment (review 17e, R10).
bool activation_heats_solid(const TokenView& view, size_t cue, size_t t_end, size_t ss) {
  size_t k = cue;
  while (k > 0 && view.tokens[k - 1].end > ss) --k;
  // A made solid as the subject: "UiO-66-NH2 was activated at 150 °C", "HKUST-1 crystals were
  // activated", "The catalyst was activated" (a formula or framework code: a capital and a digit).
  for (size_t j = k; j < cue; ++j) {
    const std::string_view raw = view.raw(j);
    if (one_of(view.folded[j], {"catalyst", "catalysts", "sample", "samples", "powder", "powders", "mof", "mofs",
                                "framework", "frameworks", "crystals", "membrane", "membranes"}) ||
        (std::any_of(raw.begin(), raw.end(), [](char c) { return is_digit(c); }) &&
         std::any_of(raw.begin(), raw.end(), [](char c) { return is_upper(c); }))) {
      return true;
    }
  }
  for (const size_t end = std::min(view.tokens.size(), t_end + 12); k < end; ++k) {
    if (k > cue && view.text.substr(view.tokens[k - 1].end, view.tokens[k].begin - view.tokens[k - 1].end).find('.') !=
                       std::string_view::npos) {
      break;
    }
    const std::string_view w = view.folded[k];
    if (one_of(w, {"furnace", "vacuum", "h2", "hydrogen", "n2", "nitrogen", "ar", "argon", "air", "o2", "oxygen",
                   "co2", "steam", "he", "helium", "flow", "flowing", "koh", "naoh", "zncl2", "calcined", "calcination"}) ||
        w.find("min-1") != std::string_view::npos || w.find("min−1") != std::string_view::npos ||
        w.starts_with("/min")) {
      return true;
    }
  }
  return false;
}

std::string near_temperature_role(const TokenView& view, const ValueLexicon& roles, size_t t, size_t t_end,
                                  size_t ss, size_t wide_ss) {
  std::string role;
  size_t cue = 0;  // token of the cue found before the value
  bool crossed = false;  // another temperature stands between that cue and the value
  bool crossed_step = false;  // a step verb without a cue stands between (uncued_step_verb())
  // "injecting Se-TOP (2 M, 0.8 mL) and diethylzinc (0.2 mmol) into HDA (7 g) at 310 °C": past the
  // twelve words, the walk goes on for an injection verb only, not counting words in brackets
  // (the reagents' amounts; review 13, D38). Other cues that far back are an earlier step's.
  size_t counted = 0;  // words walked back, but those inside brackets
  int gerund_ahead = -1;  // whether a by_gerund() cue stands before the walk's token (-1: not asked)
  int depth = 0;       // brackets open (walking back) at token k
  for (size_t k = t; k-- > 0;) {
    if (view.tokens[k].end <= wide_ss || clause_break(view, k, k + 1)) break;
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    depth = std::max(0, depth + static_cast<int>(std::count(gap.begin(), gap.end(), ')')) -
                            static_cast<int>(std::count(gap.begin(), gap.end(), '(')));
    if (depth == 0) ++counted;
    const bool far = t - k > 13;
    // Past twelve words, or 120 bytes back, only a "by <verb>ing" cue is still the value's
    // (by_gerund()), up to 24 words: asked once, and only in such long sentences.
    const bool beyond = (far && counted > 12) || view.tokens[k].end <= ss;
    if (beyond && gerund_ahead < 0) gerund_ahead = gerund_before(view, k, wide_ss);
    if (beyond && gerund_ahead == 0) break;
    if (far && (counted > 24 || crossed || gap.find_first_of(".;") != std::string_view::npos)) break;
    auto m = role_cue(view, roles, k);
    if (far && m.entry >= 0 && !by_gerund(view, k) && (beyond || roles.values[m.entry] != "injection")) break;
    // "injected into the growth solution at 30 °C": a solution named after its step is no cue.
    if (m.entry >= 0 && k + 1 < t && (view.folded[k + 1] == "solution" || view.folded[k + 1] == "solutions")) continue;
    if (m.entry >= 0 && (view.folded[k].starts_with("reduc") || view.folded[k].starts_with("re-reduc")) &&
        !reduction_step_cue(view, k, t)) {
      continue;  // ("re-reduction cycles (800 °C)": a redox-cycling test)
    }
    if (m.entry >= 0) {
      role = roles.values[m.entry];
      cue = k;
      // "transferred to an autoclave and kept in an oven at 180 °C", "hydrothermal synthesis was
      // carried out in an oven at 110 °C": the oven heats the vessel of a step named before it.
      if (role == "drying" && view.folded[k] == "oven" && oven_heats_vessel(view, roles, k, ss)) role = "reaction";
      break;
    }
    if (crossed_step && view.raw(k).find("\u00b0") != std::string_view::npos) break;
    crossed_step = crossed_step || uncued_step_verb(view, k);
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
  if (role == "annealing" && view.folded[cue].starts_with("activat") && !activation_heats_solid(view, cue, t_end, ss)) {
    role.clear();
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
std::string temperature_role(const TokenView& view, const ValueLexicon& roles, size_t t, size_t t_end, size_t ss,
                             size_t wide_ss) {
  std::string role = near_temperature_role(view, roles, t, t_end, ss, wide_ss);
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
  bool prefixed = false, micro_hyphen = false;
  for (std::string_view p : {"nano"sv, "micro"sv}) {
    if (w.size() > p.size() + 2 && w.starts_with(p)) {
      // "nano-tubes", "micro-spheres": the prefix written with a hyphen (the readers below take it in).
      const bool hyphen = w[p.size()] == '-';
      w.remove_prefix(p.size() + hyphen);
      prefixed = true;
      micro_hyphen = hyphen && p == "micro";
    }
  }
  // One hash lookup instead of a hundred compares: this runs for the words around every length.
  static const StringMap<Measured> kNouns = [] {
    StringMap<Measured> m;
    for (std::string_view x :
         {"film"sv, "layer"sv, "coating"sv, "membrane"sv, "electrolyte"sv, "interlayer"sv, "anode"sv, "cathode"sv,
          "shell"sv, "scaffold"sv, "barrier"sv, "skin"sv, "overlayer"sv, "sublayer"sv, "bec"sv,
          // "a 150 μm bond coat and a 300 μm YSZ top coat": a coat is a coating layer (review 19, FN-4)
          "coat"sv, "topcoat"sv,
          // "the 20 nm HfO2 gate dielectric" of a thin-film device (review 25)
          "dielectric"sv}) {
      m.emplace(x, Measured::kLayer);
    }
    for (std::string_view x :
         {"particle"sv, "crystal"sv,   "crystallite"sv, "grain"sv,   "powder"sv,      "sphere"sv,    "rod"sv,
          "wire"sv,     "fiber"sv,     "fibre"sv,       "cube"sv,    "plate"sv,       "platelet"sv,  "sheet"sv,
          "dot"sv,      "cluster"sv,   "nc"sv,          "np"sv,      "qd"sv,          "domain"sv,    "flake"sv,
          "belt"sv,     "ribbon"sv,    "needle"sv,      "whisker"sv, "agglomerate"sv, "aggregate"sv, "prism"sv,
          "star"sv,     "octahedra"sv, "pyramid"sv,     "spindle"sv,
          // shape nouns and parts of particles (review 19, FN-6/FN-8): "Pd icosahedra and decahedra
          // (~15 nm)", "ultrathin petals (~5 nm)", "(~12 nm core, ~4 nm coating)"
          "icosahedra"sv, "decahedra"sv, "tetrahedra"sv, "polyhedra"sv, "octahedron"sv, "icosahedron"sv,
          "decahedron"sv, "tetrahedron"sv, "petal"sv, "core"sv,
          "dodecahedra"sv, "dodecahedron"sv,  // "rhombic dodecahedra of ~80 nm" (ZIF-8; review 25)
          "ucnp"sv,  // "the 30 nm UCNPs": upconversion nanoparticles (s21-optics2)
          "seed"sv}) {  // "The Au seeds (5 nm)": the seeds of a seed-mediated growth are particles
      m.emplace(x, Measured::kParticle);
    }
    for (std::string_view x :
         {"pellet"sv, "disc"sv,    "disk"sv,     "die"sv,    "substrate"sv, "foil"sv,      "wafer"sv,   "slice"sv,
          "bar"sv,    "channel"sv, "crucible"sv, "target"sv, "grid"sv,      "holder"sv,    "tube"sv,    "mold"sv,
          "mould"sv,  "cuvette"sv, "ball"sv,     "bead"sv,   "cylinder"sv,  "collector"sv, "chamber"sv, "spacer"sv,
          "foam"sv,   "boat"sv,    "mesh"sv,     "sieve"sv,  "filter"sv,    "screen"sv,    "window"sv,  "capillary"sv,
          "vial"sv,   "lens"sv,    "aperture"sv, "spot"sv,   "beam"sv,      "glass"sv,     "cloth"sv,   "paper"sv,
          "plug"sv,   "stub"sv,    "mask"sv,     "probe"sv,  "aao"sv,      "sample"sv,    "specimen"sv,
          // tools of electrospinning, spraying and electrode cutting (review 17b, S3)
          "spinneret"sv, "nozzle"sv, "punch"sv, "sensor"sv}) {
      m.emplace(x, Measured::kObject);
    }
    for (std::string_view x :
         {"cell"sv, "support"sv, "electrode"sv, "sofc"sv, "button"sv, "coin"sv, "stack"sv}) {
      m.emplace(x, Measured::kDevice);
    }
    return m;
  }();
  // "nanotubes", "nanodisks" are a product, a "tube" or "disk" is apparatus or a sample form; a
  // "micro-tube" of an SOFC paper is a tubular cell, whose wall thickness only is a size (GUIDELINE.md).
  // The one-word "microtubes" stays a product ("SnO2 microtubes with an outer diameter of 1.2 μm",
  // s33-review L5), as it was before the hyphenated spelling was read.
  if (micro_hyphen && w == "tube") return Measured::kDevice;
  if (prefixed && (w == "tube" || w == "disk" || w == "disc")) return Measured::kParticle;
  auto it = kNouns.find(w);
  return it == kNouns.end() ? Measured::kUnknown : it->second;
}

// The start of a "nano-"/"micro-" prefix written before the word that starts at s[b] ("nano-tubes":
// the prefix makes the apparatus "tube" a product), else b.
size_t hyphen_prefix_start(std::string_view s, size_t b) {
  if (b < 2 || s[b - 1] != '-') return b;
  const std::string_view before = s.substr(0, b - 1);
  for (std::string_view p : {"nano"sv, "micro"sv}) {
    if (before.ends_with(p) && (before.size() == p.size() || !is_lower(before[before.size() - p.size() - 1]))) {
      return b - 1 - p.size();
    }
  }
  return b;
}

// The class of the word ending at the last letter of `tok` ("anode-supports" → support,
// "nano-tubes" → a product's tube).
Measured token_class(std::string_view tok) {
  size_t e = tok.size();
  while (e > 0 && !is_lower(tok[e - 1])) --e;
  size_t b = e;
  while (b > 0 && is_lower(tok[b - 1])) --b;
  return noun_class(tok.substr(hyphen_prefix_start(tok, b), e - hyphen_prefix_start(tok, b)));
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
    // "200–400 nm Na3V2(PO4)3 particles", "Si(100) wafer": a bracket inside a formula or a face is
    // part of the word (review 25).
    // "a 300 nm ZnO:Al window layer": a dopant after a colon is part of the material's word.
    while (e < a.size() && (is_alnum(a[e]) || a[e] == '-' || a[e] == '+' || a[e] == '/' ||
                            (a[e] == ':' && e > p && is_alnum(a[e - 1]) && e + 1 < a.size() && is_alpha(a[e + 1])) ||
                            ((a[e] == '(' || a[e] == ')') && e + 1 < a.size() && is_alnum(a[e + 1])) ||
                            (a[e] == ')' && e > p && is_alnum(a[e - 1]) && e + 1 < a.size() && a[e + 1] == ' ' &&
                             a.substr(p, e - p).find('(') != std::string_view::npos))) {
      ++e;
    }
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
    // "50 nm across two grains", "over several terraces", "of 6 nm CdSe NCs": a place the length spans,
    // or a count or another number, ends the words that can name what it measures.
    if (one_of(tok, {"across", "over", "along", "through", "between", "per", "via", "onto", "towards", "toward",
                     "two", "three", "four", "five", "six", "several", "many", "few", "multiple", "adjacent",
                     "neighbouring", "neighboring"}) ||
        tok.find_first_not_of("0123456789.,") == std::string_view::npos) {
      break;
    }
    Measured m = token_class(tok);
    if (m != Measured::kUnknown) {
      // A compound whose head is apparatus: "Thin Film Grids", "PTFE membrane filter"; or particles:
      // "5 μm electrolyte grains".
      size_t n = skip_spaces(a, p);
      size_t ne = n;
      while (ne < a.size() && is_lower(a[ne])) ++ne;
      if (ne > n) {
        Measured head = noun_class(a.substr(n, ne - n));
        if (head == Measured::kObject || (head == Measured::kParticle && m == Measured::kLayer)) return head;
        // "a 0.5-mm-thick BSCF disk membrane": a sample form named before the layer it is (review 19, FN-3).
        if (head == Measured::kLayer && m == Measured::kObject) return head;
      }
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
  static const CueIndex kCues{"fwhm", "full width", "linewidth", "line width", "half-maximum", "half maximum",
                              "emission width", "peak width"};
  size_t fw = kCues.last(before);
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

// The last emission cue in `window` (npos if none); `lambda` also takes "λem". A "pl" that ends a
// longer word is none: "NPL dispersion", "NPLs" (nanoplatelets; review 14a, A20).
size_t pl_cue(std::string_view window, bool lambda) {
  for (;;) {
    static const CueIndex kCues{"emission", "photoluminescence", "pl ", "pl peak", "emit", "luminesc",
                                "pl maximum", "fluoresc", "pl:", "\u03bbem", "\u03bb_em"};
    size_t pl = kCues.last(window, [lambda](std::string_view w, size_t pos) {
      return lambda || !w.substr(pos).starts_with("\u03bb");  // the "λem" cues only with `lambda`
    });
    if (pl == std::string_view::npos || pl == 0 || window[pl] != 'p' || !is_alpha(window[pl - 1])) return pl;
    window = window.substr(0, pl);
  }
}

// Whether a cue right after `lead` is the source a value was read from, no type of it: "estimated
// from the first excitonic absorption peak", "calculated from the TEM images" (a few words after
// "from").
bool measured_from(std::string_view lead) {
  const size_t f = lead.rfind(" from ");
  if (f == std::string_view::npos) return false;
  std::string_view words = lead.substr(f + 6);
  return words.size() <= 30 && std::all_of(words.begin(), words.end(), [](char c) {
           return is_alpha(c) || c == ' ' || c == '-';
         });
}

// "The crystallite size was estimated from the peak width using the Scherrer equation to be 11 nm":
// a width cue after "from" that follows a size word is the source of the size, no FWHM of it
// (review 15a, A17); a value placed "at" is the peak's, not the size's. Returns the size word's
// position in `before` (npos: the width is the value's cue).
size_t size_from_width(std::string_view before, size_t fw) {
  constexpr size_t npos = std::string_view::npos;
  if (fw == npos || !measured_from(before.substr(0, fw)) || before.substr(fw).find(" at ") != npos) return npos;
  return last_word_cue(before.substr(0, fw), {"size", "diameter", "crystallite"});
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
  bool plural = false;  // the only cue is plural ("diameters")
  for (size_t p = 0; p < clause.size();) {
    bool hit = false;
    if (starts_word(clause, p)) {
      for (const auto& [word, kind] : kCues) {
        if (!has_prefix(clause.substr(p), word)) continue;
        size_t e = p + word.size();
        const bool s = e < clause.size() && clause[e] == 's';
        if (s) ++e;  // "FWHMs", "lengths"
        if (e < clause.size() && is_alpha(clause[e])) continue;
        if (!measured_from(clause.substr(0, p))) {
          found.push_back(kind);
          plural = s;
        }
        p = e;
        hit = true;
        break;
      }
    }
    if (!hit) ++p;
  }
  // "The average diameters estimated from the first excitonic absorption peak were 2.4 and 3.6 nm,
  // respectively": one plural cue names every item (review 14a, A23).
  if (found.size() == 1 && plural && count > 1) item = 0;
  else if (found.size() != count) return {};
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
  size_t pl = pl_cue(clause, false);
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
  b = trim_right(b);
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

// Whether the PLQY label after a percentage is followed by a word of change: "95% PLQY retention",
// "a 20% PLQY loss", "30% QY drop". The percentage is relative to a former PLQY, no PLQY itself.
// `label_end` is plqy_label_end(after).
bool relative_plqy_after(std::string_view after, size_t label_end) {
  size_t p = label_end;
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

// Whether a percentage after a PLQY or yield cue is no PLQY or yield itself (s21-optics): a share
// of a former value ("the PLQY (initially 72%) retains 90% of its value", "retained 80% of their
// initial PL intensity") or a dopant's share, a percentage before an element symbol ("the total QY
// of 54% is reached at 8% Mn", "5% Eu-doped"). `text` is the paragraph, `end` the end of the unit.
// Returns 1 for a share of a former value (no amount either), 2 for a dopant's share, else 0.
int share_not_yield(std::string_view text, std::string_view after, size_t end) {
  const std::string_view a = after.substr(skip_spaces(after, 0));
  for (std::string_view w : {"of its "sv, "of their "sv, "of the initial"sv, "of the original"sv}) {
    if (a.starts_with(w)) return 1;
  }
  const size_t p = skip_spaces(text, end);
  if (p >= text.size() || !is_upper(text[p])) return 0;
  size_t e = p + 1;
  if (e < text.size() && is_lower(text[e])) ++e;
  if (e < text.size() && is_alpha(text[e])) return 0;  // a word: "8% Mn", not "8% More"
  static constexpr std::string_view kSymbols =
      " H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y"
      " Zr Nb Mo Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os"
      " Ir Pt Au Hg Tl Pb Bi ";
  const std::string_view sym = text.substr(p, e - p);
  for (size_t k = kSymbols.find(sym); k != std::string_view::npos; k = kSymbols.find(sym, k + 1)) {
    if (kSymbols[k - 1] == ' ' && kSymbols[k + sym.size()] == ' ') return 2;  // the list starts and ends with ' '
  }
  return 0;
}

// Whether a percentage is labelled as a device efficiency, not a PLQY: the label right after it
// ("50% EQE", "5% roll-off", "8% PCE"), or the last label before it in its sentence when that comes
// after any PLQY label ("a PLQY of 60% and an EQE of 12%", "an external quantum efficiency of 8%",
// whose "quantum efficiency" alone would read as a PLQY) (review 12b, O5). `before` is the sentence
// up to the number, `after` the text after the unit (both lower-cased). Such a value is no amount
// of any material either.
bool device_efficiency(std::string_view before, std::string_view after) {
  // One backward pass over `before`, back to its last digit only (last_word_cue()), and the label after
  // the value tested only when its first byte can start one: this runs for every percentage.
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
  // No other number between the label and this value: the backward search stops at the last digit.
  size_t from = before.size();
  while (from > 0 && !is_digit(before[from - 1])) --from;
  static const CueIndex kLabelIndex(kLabels);
  const size_t label = last_word_cue(before.substr(from), kLabelIndex);
  if (label == std::string_view::npos) return false;
  // And no PLQY label there.
  std::string_view rest = before.substr(from + label);
  for (std::string_view w : {"plqy"sv, " qy"sv, "(qy"sv, "photoluminescence quantum"sv, "pl quantum"sv}) {
    if (rest.find(w) != std::string_view::npos) return false;
  }
  return true;
}

// Whether a yield or PLQY is a value cited from earlier work: "The low PLQY reported previously (5%)
// was improved to 85% in this work" (review 16b, B30): a bracket right after "reported previously" /
// "previously reported" / "reported earlier" / "in the literature". `before` is the lower-cased
// sentence up to the number.
bool cited_earlier_value(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (!before.ends_with("(")) return false;
  before.remove_suffix(1);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  return contains_any(before.substr(before.size() - std::min<size_t>(before.size(), 20)),
                      {"reported previously"sv, "previously reported"sv, "reported earlier"sv, "in the literature"sv});
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
  return contains_any(pre, {"relative to"sv, "against"sv, "reference"sv, "standard"sv});
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
  b = trim_right(b);
  size_t optical = pl == npos ? ab : ab == npos ? pl : std::max(pl, ab);
  if (*type == "size" && optical != npos && optical >= clause &&
      (b.ends_with(" at") || b.ends_with(" at ~") || b.ends_with(" tuned to") || b.ends_with(" shifted to") ||
       b.ends_with(" red-shifted to") || b.ends_with(" blue-shifted to") || b.ends_with(" shifted from") ||
       b.ends_with(" tuned from") || b.ends_with(" shifts from") || b.ends_with(" shifts to") ||
       b.ends_with("-shifts to") || b.ends_with(" shift from") || b.ends_with(" shift to")) &&
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

// A verb of change between a subject and its values: "the Ni grains grew from 0.8 to 1.6 μm",
// "grains grew to 3–5 μm". The value still measures the subject.
bool change_verb(std::string_view w) {
  return one_of(w, {"grew", "grow", "grows", "increased", "increases", "decreased", "decreases", "coarsened",
                    "ranged", "ranges", "changed", "varied", "reached", "shrank"});
}

// The head noun of a subject "X of/in/on [the] ... Y" that ends at `w` in `b` (its last word Y,
// lower-cased): a value after the subject measures X, not the Y it sits in ("The grains of the
// BZCY support were 1–2 μm", "the pores in the cathode ranged from"). Returns the start of X,
// or `w` when Y has no such modifier.
size_t subject_head(std::string_view b, size_t w) {
  size_t e = w;
  for (int words = 0; words < 4 && e > 0; ++words) {
    while (e > 0 && b[e - 1] == ' ') --e;
    size_t s = e;
    while (s > 0 && b[s - 1] != ' ' && b[s - 1] != '(' && b[s - 1] != ',') --s;
    std::string_view tok = b.substr(s, e - s);
    if (one_of(tok, {"of", "in", "on", "within", "inside"})) {
      size_t he = s;
      while (he > 0 && b[he - 1] == ' ') --he;
      size_t hs = he;
      while (hs > 0 && is_lower(b[hs - 1])) --hs;
      std::string_view head = b.substr(hs, he - hs);
      // "ZnO nanorods grown on the seeded substrate were": a participle between the head and "on".
      if (one_of(head, {"grown", "deposited", "formed", "supported", "dispersed", "loaded", "coated", "prepared"})) {
        he = hs;
        while (he > 0 && b[he - 1] == ' ') --he;
        hs = he;
        while (hs > 0 && is_lower(b[hs - 1])) --hs;
        head = b.substr(hs, he - hs);
      }
      if (hs < he && (token_class(head) != Measured::kUnknown || head == "pores")) return hs;
      return w;
    }
    if (s == e || tok.find_first_of(".;:") != std::string_view::npos) return w;
    e = s;
  }
  return w;
}

// The nearest product/object noun before a length in its clause (`window`, lower-cased).
Measured noun_before(std::string_view window) {
  size_t e = window.size();
  for (int words = 0; words < 14 && e > 0; ++words) {
    while (e > 0 && !is_lower(window[e - 1])) --e;
    size_t b = e;
    while (b > 0 && is_lower(window[b - 1])) --b;
    b = hyphen_prefix_start(window, b);
    Measured m = noun_class(window.substr(b, e - b));
    const bool substrate = m == Measured::kObject && window.substr(b, e - b).starts_with("substrate");
    // "the target–substrate distance of 6 cm, giving thicknesses of 20 to 200 nm", "the substrate
    // temperature": the noun modifies another one, it names no object that is measured (review 19, FN-2).
    if (m == Measured::kObject) {
      std::string_view next = window.substr(e);
      next = next.substr(skip_spaces(next, 0));
      for (std::string_view mod : {"distance"sv, "temperature"sv, "rotation"sv, "bias"sv, "heater"sv, "heating"sv}) {
        if (next.starts_with(mod)) m = Measured::kUnknown;
      }
      // "target–substrate distance": the first of two objects joined by a dash.
      for (std::string_view dash : {"-"sv, "\u2013"sv}) {
        if (next.starts_with(dash)) {
          std::string_view w2 = next.substr(dash.size());
          size_t k = 0;
          while (k < w2.size() && is_lower(w2[k])) ++k;
          if (k > 0 && noun_class(w2.substr(0, k)) == Measured::kObject) m = Measured::kUnknown;
        }
      }
    }
    // "substrates with a mean pore size of 200 nm": the pores of a porous support are the product's
    // microstructure, as the pores of an anode are (review 19, FN-2).
    // A template's pores are no product's: "a nanoporous AAO substrate (pore size 80 nm)".
    if (substrate && window.substr(e).find("pore") != std::string_view::npos) {
      std::string_view lead = window.substr(b > 24 ? b - 24 : 0, b > 24 ? 24 : b);
      const bool templ = lead.find("aao") != std::string_view::npos || lead.find("anodi") != std::string_view::npos;
      return templ ? Measured::kObject : Measured::kParticle;
    }
    // "The pores of the Ni–YSZ support were", "the LSC particles on the GDC scaffold were": a
    // support or layer that holds particles or pores is not what the length measures; nor does a
    // substrate ("ZnO nanorods grown on the seeded substrate were 1.2 μm long").
    if (m == Measured::kDevice || m == Measured::kLayer || substrate) {
      if (size_t h = subject_head(window, b); h != b) {
        std::string_view head = window.substr(h);
        head = head.substr(0, std::min(head.find(' '), head.size()));
        if (head == "pores" || token_class(head) == Measured::kParticle) return Measured::kParticle;
        if (substrate && token_class(head) == Measured::kLayer) return Measured::kLayer;
      }
    }
    // "ball-milled", "tube-shaped": a noun that leads a hyphenated verb or adjective names no object.
    if (m == Measured::kObject && e + 1 < window.size() && window[e] == '-') {
      size_t ve = e + 1;
      while (ve < window.size() && is_lower(window[ve])) ++ve;
      std::string_view v = window.substr(e + 1, ve - e - 1);
      if (v.size() > 3 && (v.ends_with("ed") || v.ends_with("ing"))) m = Measured::kUnknown;
    }
    // "The TiO2 nanotubes had a tube diameter of 80 nm": "tube" repeats the nanotubes it follows.
    if (m == Measured::kObject && (window.substr(b, e - b) == "tube" || window.substr(b, e - b) == "tubes") &&
        (window.substr(0, b).find("nanotube") != std::string_view::npos ||
         window.substr(0, b).find("microtube") != std::string_view::npos)) {
      return Measured::kParticle;
    }
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
    // "the electrolyte samples (300 μm)", "the YSZ film specimen", "the YSZ electrolyte pellets":
    // a sample named by its layer is that layer (GUIDELINE.md: an electrolyte pellet is the
    // object of study); a bare sample, specimen or pellet is a sample form ("disc samples ... 4 mm
    // thickness").
    if (m == Measured::kObject && one_of(window.substr(b, e - b), {"sample", "samples", "specimen", "specimens",
                                                                    "pellet", "pellets", "disc", "discs", "disk",
                                                                    "disks"})) {
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

// "the cubic Fm3m space group with a = 11.65 Å", "(a = b = 5.9 Å, c = 12.1 Å)": a lattice constant
// named by its one-letter symbol, no size (review 14a, A27). `clause` ends right before the length.
bool lattice_constant_before(std::string_view clause) {
  clause = trim_right(clause);
  if (!clause.ends_with("=")) return false;
  clause.remove_suffix(1);
  clause = trim_right(clause);
  if (clause.empty() || !one_of(clause.substr(clause.size() - 1), {"a", "b", "c"})) return false;
  return clause.size() == 1 || !is_alnum(clause[clause.size() - 2]);
}

// The study's own processing named in `s`: what follows it is the study's product.
bool processing_in(std::string_view s) {
  for (std::string_view verb : {"milled"sv, "milling"sv, "ground"sv, "calcined"sv, "calcination"sv, "sintered"sv,
                                "annealed"sv, "grown"sv, "synthesized"sv, "synthesised"sv, "prepared"sv}) {
    if (s.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

// s.rfind(cue) for a cue most texts lack: libstdc++'s rfind() calls memcmp at every position from
// the end, find() skips to the cue's first byte with memchr, so find() rules the cue out first
// (the unconditional rfind()s of not_a_product_length() made 440 k memcmp calls on bench2; s30-qty).
size_t last_at(std::string_view s, std::string_view cue) {
  return s.find(cue) == std::string_view::npos ? std::string_view::npos : s.rfind(cue);
}

// The gap between the two values of a change: " to ", also with a hedge before the second ("from
// ∼250 to ∼200 nm", s32-review).
bool to_gap(std::string_view gap) {
  if (!gap.starts_with(" to ")) return false;
  const std::string_view hedge = gap.substr(4);
  return hedge.empty() || std::ranges::find(kChangeHedges, hedge) != std::end(kChangeHedges);
}

// Whether `s` (lower-cased) holds a number with a length unit after it ("1 mm thick", "5μm").
bool holds_length(std::string_view s) {
  for (size_t k = 0; k < s.size(); ++k) {
    if (!is_digit(s[k]) || (k + 1 < s.size() && (is_digit(s[k + 1]) || s[k + 1] == '.'))) continue;
    std::string_view u = s.substr(k + 1);
    if (u.starts_with(" ")) u.remove_prefix(1);
    for (const LengthUnitSpelling& l : kLengthUnitSpellings) {
      if ((l.readers & kLengthInSpecs) && u.starts_with(l.surface) &&
          (u.size() == l.surface.size() || !is_alpha(u[l.surface.size()]))) {
        return true;
      }
    }
  }
  return false;
}

// A reagent word ("commercial", "as-received") in the clause before a length makes it the
// purchased powder's specification, unless the study's own processing follows it: the length
// then measures the product ("The commercial CeO2 powder (5 μm) was ball-milled ... to a particle
// size of 0.3 μm", "as-purchased TiO2 (25 nm) was compared with the hydrothermally grown TiO2
// nanorods (8 nm)"). `clause` is lower-cased and ends right before the length.
bool reagent_cue_reaches(std::string_view clause) {
  size_t at = std::string_view::npos;
  for (std::string_view cue : {"commercial"sv, "as-received"sv, "as received"sv, "as-purchased"sv}) {
    size_t c = last_at(clause, cue);
    if (c != std::string_view::npos && (at == std::string_view::npos || c > at)) at = c;
  }
  if (at == std::string_view::npos) return false;
  // "The anode substrates (commercial NiO–YSZ, 1 mm thick, Elcogen) were coated with a 4 μm YSZ
  // electrolyte": a bracket closed before the length that gives the purchased item's own length is
  // its whole specification. Not "YSZ powder (commercial, Tosoh) with a particle size of 0.2 μm":
  // the length there is the purchased item's (s32-review).
  if (const size_t open = clause.rfind('(', at); open != std::string_view::npos) {
    const size_t close = clause.find(')', at);
    if (close != std::string_view::npos && clause.find('(', open + 1) > close &&
        holds_length(clause.substr(open + 1, close - open - 1))) {
      return false;
    }
  }
  return !processing_in(clause.substr(at));
}

// "crack-free", "delamination-free": the cue word says what the layer is without, it names no
// distance ("The crack-free YSZ membranes were about 20 μm thick"). True when every `cue` in `s`
// is followed by "-free" or " free".
bool free_of(std::string_view s, std::string_view cue) {
  for (size_t at = s.find(cue); at != std::string_view::npos; at = s.find(cue, at + cue.size())) {
    std::string_view rest = s.substr(at + cue.size());
    if (rest.starts_with("s")) rest.remove_prefix(1);
    if (!(rest.starts_with("-free") || rest.starts_with(" free"))) return false;
  }
  return true;
}

// "polished ... to a thickness of 300 μm", "polished down to 300 μm thick": the sample brought to
// the thickness of the cell component it becomes (GUIDELINE.md stage 3), no polishing grit.
bool polished_to_thickness(std::string_view clause, std::string_view after) {
  if (clause.find("to a thickness") != std::string_view::npos) return true;
  std::string_view c = trim_right(clause);
  for (std::string_view hedge : {"~"sv, "\u223c"sv, "about"sv, "approximately"sv}) {
    if (c.ends_with(hedge)) c = trim_right(c.substr(0, c.size() - hedge.size()));
  }
  return c.ends_with(" to") && c.find("polish") != std::string_view::npos &&
         (after.starts_with(" thick") || after.starts_with("-thick") || after.starts_with(" in thickness"));
}

// A sentence that names the study's own making or milling of what it measures ("the
// as-synthesized BZCYYb powder", "after 20 h of attrition milling", "the calcined powder").
bool processed_here(std::string_view sentence) {
  // "The final secondary particles had a D50 of 9.8 μm", "the resulting powder": the text's own
  // product named as such (review 25).
  for (std::string_view cue : {"synthesi"sv, "as-prepared"sv, "calcined"sv, "milled"sv, "milling"sv, "the final "sv,
                               "the resulting "sv}) {
    if (sentence.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

// "The wavelength of the maximum absorption was 540 nm for the 20 nm particles": a particle noun
// right after the length names what it measures, whatever constant or wavelength the clause named
// before (review 17b, S12). `after` is lower-cased and starts at the end of the unit.
bool particle_noun_next(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  size_t e = p;
  while (e < after.size() && is_lower(after[e])) ++e;
  // "the 20 nm nano-rods": the word after the prefix's hyphen.
  if (e + 1 < after.size() && after[e] == '-' && one_of(after.substr(p, e - p), {"nano", "micro"})) {
    for (++e; e < after.size() && is_lower(after[e]);) ++e;
  }
  return e > p && noun_class(after.substr(p, e - p)) == Measured::kParticle;
}

// Whether a word of `s` (lower-cased) is a particle noun ("qds", "nanocrystals", "particles").
bool particle_word_in(std::string_view s) {
  for (size_t b = 0; b < s.size();) {
    while (b < s.size() && !is_lower(s[b])) ++b;
    size_t e = b;
    while (e < s.size() && is_lower(s[e])) ++e;
    if (e > b && noun_class(s.substr(b, e - b)) == Measured::kParticle) return true;
    b = e;
  }
  return false;
}

// Where the first number written with a length unit starts in `s` (lower-cased), or npos: "= 1 μm".
size_t length_in(std::string_view s) {
  for (size_t k = 0; k < s.size(); ++k) {
    if (!is_digit(s[k])) continue;
    size_t e = k;
    while (e < s.size() && (is_digit(s[e]) || s[e] == '.')) ++e;
    e = skip_spaces(s, e);
    std::string_view u = s.substr(e);
    for (std::string_view unit : {"nm"sv, "\u03bcm"sv, "\u00b5m"sv, "um"sv, "mm"sv, "cm"sv}) {
      if (u.starts_with(unit) && (u.size() == unit.size() || !is_alpha(u[unit.size()]))) return k;
    }
    k = e;
  }
  return std::string_view::npos;
}

// A length that is no product dimension whatever its cue: a reagent specification (a purchased
// powder, tube or foil: "(particle size < 5 μm, Sigma)", "was purchased from ... with the diameter
// of 40-60 nm"), a filter, sieve or mesh rating, an ionic radius, lattice spacing or wavelength.
// `sentence` is the lower-cased sentence, `clause` the text before the length in its clause,
// `paren` the bracket that holds the length (empty when none). `own_cue`: the length carries its
// own hyphenated dimension adjective ("2-μm-thick YSZ"), so cues earlier in the clause ("surface
// roughness ... appropriate for deposition of 2-μm-thick ...") say nothing about it. `distance_cue`
// (optional) is set when a distance cue of the clause (delamination, crack, diffusion length,
// pinhole ...) rules the length out.
bool not_a_product_length(std::string_view sentence, std::string_view clause, std::string_view after,
                          std::string_view paren, bool own_cue, bool cue_after, bool layer_next,
                          bool* distance_cue = nullptr) {
  for (std::string_view cue :
       {"purchased"sv, "supplied by"sv, "supplied from"sv, "bought"sv, "was obtained from"sv, "were obtained from"sv,
        "received from"sv, "provided by"sv, "aldrich"sv, "alfa aesar"sv}) {
    const size_t at = sentence.find(cue);
    if (at == std::string_view::npos) continue;
    // "Porous α-Al2O3 discs (Ø 18 mm, pore size 0.1 μm; purchased) were seeded with 100 nm NaA
    // crystals": a supplier cue inside a bracket that closes before the length names the bracket's
    // object, bought, not what the length measures (review 25). Only when the sentence names the
    // cue once.
    if (sentence.rfind(cue) == at && clause.data() >= sentence.data() &&
        clause.data() + clause.size() <= sentence.data() + sentence.size()) {
      const size_t at_length = static_cast<size_t>(clause.data() + clause.size() - sentence.data());
      // The bracket may open before the sentence, which the splitter starts after a ';' inside it.
      const size_t open = sentence.rfind('(', at), close = sentence.find(')', at);
      if (close != std::string_view::npos && close < at_length &&
          (open == std::string_view::npos || sentence.substr(open, at - open).find(')') == std::string_view::npos) &&
          sentence.substr(at, close - at).find('(') == std::string_view::npos) {
        continue;
      }
    }
    // "as-purchased TiO2 (25 nm) was compared with the hydrothermally grown TiO2 nanorods (8 nm)":
    // the study's processing between the only supplier cue and the length ends its reach.
    const size_t in_clause = clause.rfind(cue);
    if (in_clause != std::string_view::npos && sentence.rfind(cue) == at &&
        processing_in(clause.substr(in_clause))) {
      continue;
    }
    return true;
  }
  // "..., length of 5-15 μm, and purity of 98%": a specification sheet.
  if (sentence.find("purity") != std::string_view::npos && sentence.find('%') != std::string_view::npos) return true;
  // "(outer diameter 10–20 nm, length 5–15 μm; purchased)": a supplier cue after a ';' in the
  // bracket, which the sentence (cut at ';') does not reach (review 25).
  for (std::string_view cue : {"%"sv, "purity"sv, "co."sv, "ltd"sv, "inc."sv, "gmbh"sv, "corp"sv, "sigma"sv, "merck"sv,
                               "wako"sv, "acros"sv, "fluka"sv, "millipore"sv, "purchased"sv, "commercial"sv,
                               "supplied"sv}) {
    if (cue == "%") {
      // "(thickness ≈ 300 μm, porosity 35%)": a porosity or density share describes the product
      // itself, no grade of a purchased powder (review 19, FN-9).
      for (size_t pc = paren.find('%'); pc != std::string_view::npos; pc = paren.find('%', pc + 1)) {
        const size_t from = paren.find_last_of(",;(", pc);
        std::string_view item = paren.substr(from == std::string_view::npos ? 0 : from, pc - (from == std::string_view::npos ? 0 : from));
        if (item.find("poros") == std::string_view::npos && item.find("densit") == std::string_view::npos) return true;
      }
      continue;
    }
    if (paren.find(cue) != std::string_view::npos) return true;
  }
  // "commercial" only in the clause: "compared with a commercial cathode, the 20 μm thick ..." is a size.
  if (reagent_cue_reaches(clause)) return true;
  // Median / dV50 particle sizes of the powders an electrode is made from are a reagent
  // specification (GUIDELINE.md stage 3/4): "(with dV50,coarse ≈ 9 μm", "Pd (1 μm median size)".
  // The study's own synthesized, calcined or milled powder is a product whatever statistic
  // names its size (GUIDELINE.md stage 3: "after calcination/milling → size").
  // So are nanoparticles, nanocrystals and dots, which no electrode recipe buys by a median size
  // ("The median particle size of the nanoparticles was 12 nm", review 17b, S2).
  for (std::string_view cue : {"median"sv, "dv50"sv, "d50"sv, "dv,50"sv, "d(50)"sv}) {
    // "had a D50 of 9.8 μm and consisted of primary grains of 200-500 nm": the cue's own length came
    // first, the later one is no median (review 25).
    if (const size_t at = last_at(clause, cue); at != std::string_view::npos && length_in(clause.substr(at)) != std::string_view::npos) {
      continue;
    }
    if ((clause.find(cue) != std::string_view::npos ||
         after.substr(0, std::min<size_t>(after.size(), 14)).find(cue) != std::string_view::npos) &&
        !processed_here(sentence) && clause.find("nanoparticle") == std::string_view::npos &&
        clause.find("nanocrystal") == std::string_view::npos && clause.find("quantum dot") == std::string_view::npos) {
      return true;
    }
  }
  std::string_view near_after = after.substr(0, std::min<size_t>(after.size(), 30));
  // A filter named after a verb filters something else: "nanocrystals larger than 10 nm were
  // removed by filtration through a 200 nm membrane" (review 19, FN-7).
  std::string_view near_filter = near_after.substr(0, std::min(near_after.find(" were "), near_after.find(" was ")));
  // A sieve "screen", not "screen-printed"/"screen printing" (a coating method of the layer); the
  // word after a screen near the end of `near_after` is read from `after`.
  auto sieve_screen = [&](std::string_view s) {
    for (size_t at = s.find("screen"); at != std::string_view::npos; at = s.find("screen", at + 6)) {
      std::string_view rest = s.data() == near_after.data() ? after.substr(at + 6) : s.substr(at + 6);
      if (!(rest.starts_with("-print") || rest.starts_with(" print") || rest.starts_with("print"))) return true;
    }
    return false;
  };
  // "filtration", not "infiltrated" (particles infiltrated into a scaffold are a product).
  auto filtration = [](std::string_view s) {
    for (size_t at = s.find("filtrat"); at != std::string_view::npos; at = s.find("filtrat", at + 7)) {
      if (!(at >= 2 && s.substr(at - 2, 2) == "in")) return true;
    }
    return false;
  };
  for (std::string_view cue : {"filter"sv, "sieve"sv, "mesh"sv, "millipore"sv}) {
    if (near_filter.find(cue) != std::string_view::npos) return true;
    const size_t at = last_at(clause, cue);
    if (at == std::string_view::npos) continue;
    // "A stainless steel mesh (400 mesh, 38 μm openings) was used as the current collector for the
    // 120 μm thick cathode layer": the mesh's own length came first; a later one that names its own
    // dimension or layer measures that (review 25).
    if ((own_cue || cue_after || layer_next) && length_in(clause.substr(at)) != std::string_view::npos) continue;
    return true;
  }
  if (filtration(clause) || filtration(near_filter)) return true;
  if (sieve_screen(clause) || sieve_screen(near_filter)) return true;
  if (lattice_constant_before(clause)) return true;
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
        // "a radius of gyration of 2.8 nm" (SAXS) is no particle's size either (review 15a, A19).
        "bohr"sv, "exciton radius"sv, "excitonic radius"sv, "stokes"sv, "gyration"sv,
        // "the mean free path of electrons in Au", "the Debye length": a physical length scale of
        // a medium, no dimension of the product.
        "free path"sv, "debye length"sv,
        // "with a voxel size of 20 nm", "pixel size of 5 nm": the instrument's sampling (review 19, FP-7).
        "voxel"sv, "pixel"sv,
        // "the 2 × 2 tunnel of α-MnO2 is 0.46 nm wide", "pore apertures of 0.74 nm": a framework's
        // crystallographic opening, a structure constant like a d-spacing (GUIDELINE.md review 25).
        "tunnel"sv, "pore aperture"sv}) {
    // "polished ... to a thickness of 300 μm" names the sample's thickness, not the polishing grit.
    if (cue == "polish" && polished_to_thickness(clause, after)) continue;
    // "atomic layer deposited (ALD) YSZ" is a film, not an atomic radius.
    if (cue == "atomic" && clause.find("atomic layer") != std::string_view::npos) continue;
    // find() first: rfind() is a byte loop, find() uses memchr, and most clauses hold no cue.
    if (clause.find(cue) == std::string_view::npos) continue;
    size_t at = clause.rfind(cue);
    // The cue's own length came first, and either a bracket closed after it or this length names
    // what it measures: "SEM micrographs (scale bar = 1 μm) reveal ... grains of 0.3–0.6 μm",
    // "scale bar 2 μm, showing a ~1 μm thick SrZrO3 layer" (review 19, FN-7).
    if (size_t l = length_in(clause.substr(at)); l != std::string_view::npos) {
      if (cue_after || layer_next || clause.find(')', at + l) != std::string_view::npos) continue;
      // "the Bohr radius of PbS is 18 nm, PbS QDs smaller than 10 nm": particles named after the
      // cue's own length are what this one measures (s21-outx).
      if (particle_word_in(clause.substr(at + l))) continue;
    }
    // A size word well after the cue names what the length measures: "the surface roughness ...
    // aggravates due to ... grains exhibiting BZY grain size of ∼0.5 μm" ("ionic size" stays out).
    std::string_view later = clause.substr(std::min(clause.size(), at + cue.size() + 15));
    if (later.find("size") == std::string_view::npos && later.find("thick") == std::string_view::npos &&
        later.find("diameter") == std::string_view::npos && !particle_noun_next(after)) {
      return true;
    }
  }
  // Distances that are no product dimension: "an initial delamination of 170 μm in size", "more
  // than 12 μm TEM cross section length", "oxygen diffusion length".
  for (std::string_view cue :
       {"delamination"sv, "crack"sv, "cross section length"sv, "cross-section length"sv, "diffusion length"sv,
        "diffusion distance"sv, "information depth"sv, "penetration depth"sv,
        // "The pinholes in the 150 nm YSZ film, typically 50–100 nm across": a defect (review 19, FP-6)
        "pinhole"sv}) {
    if (near_after.find(cue) != std::string_view::npos && !free_of(near_after, cue)) {
      if (distance_cue) *distance_cue = true;
      return true;
    }
    // "delamination with a thickness of 10 μm each for the cathode" is a layer thickness, and so
    // is a length that names its own layer: "the pinholes in the 150 nm YSZ film".
    if (clause.find(cue) != std::string_view::npos && clause.find("thick", clause.rfind(cue)) == std::string_view::npos &&
        !free_of(clause, cue) && !layer_next) {
      // "The pinholes in the film, ..., were sealed by an additional ALD layer of 20 nm": a layer
      // named after the cue's comma phrase is what the length measures.
      const size_t comma = clause.rfind(',');
      if (comma != std::string_view::npos && comma > clause.rfind(cue)) {
        const Measured tail = noun_before(clause.substr(comma + 1));
        if (tail == Measured::kLayer || tail == Measured::kParticle) continue;
      }
      if (distance_cue) *distance_cue = true;
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

// "an excitonic band at 405 nm (FWHM 12 nm) and ... emission centred at 598 nm": a width in a
// bracket right after a PL peak is that peak's (review 14a, A24). The index into `pl_peaks` of
// that peak, else SIZE_MAX.
size_t bracketed_peak(const std::vector<Raw>& raws, std::string_view folded, const std::vector<size_t>& pl_peaks,
                      const Raw& width, bool in_order) {
  // In text order, the peaks ending after the width are a tail, skipped by binary search (s18-quad).
  size_t from = pl_peaks.size();
  if (in_order) {
    from = static_cast<size_t>(std::partition_point(pl_peaks.begin(), pl_peaks.end(),
                                                    [&](size_t r) { return raws[r].end <= width.begin; }) -
                               pl_peaks.begin());
  }
  for (size_t p = from; p-- > 0;) {
    const Raw& peak = raws[pl_peaks[p]];
    if (peak.end > width.begin) continue;
    std::string_view gap = folded.substr(peak.end, width.begin - peak.end);
    return gap.size() <= 20 && gap.starts_with(" (") && gap.find_first_of(")0123456789") == std::string_view::npos
               ? p
               : SIZE_MAX;
  }
  return SIZE_MAX;
}

// "after", "whereas", ...: a changed sample between a PL peak and a width (fwhm_in_mev()). A short
// gap is searched directly; the first long one (the paragraph's last peak can be far from a width)
// indexes the cues of the whole text once, so that many widths cost no rescans (s18-quad).
class GapCues {
 public:
  explicit GapCues(std::string_view folded) : folded_(folded) {}
  // Whether a cue lies wholly inside folded[from, to).
  bool within(size_t from, size_t to) {
    if (to - from <= 4096) {
      const std::string_view gap = folded_.substr(from, to - from);
      for (std::string_view cue : kCues) {
        if (gap.find(cue) != std::string_view::npos) return true;
      }
      return false;
    }
    if (!indexed_) index();
    // The first occurrence starting at or after `from`; the smallest end from there on.
    const size_t k = static_cast<size_t>(
        std::partition_point(starts_.begin(), starts_.end(), [&](size_t b) { return b < from; }) - starts_.begin());
    return k < starts_.size() && min_end_[k] <= to;
  }

 private:
  static constexpr std::string_view kCues[] = {" after ", "whereas", " while ", "contrast", "compared", " upon ",
                                               "following "};
  void index() {
    indexed_ = true;
    std::vector<std::pair<size_t, size_t>> hits;  // (begin, end) of every cue occurrence
    for (std::string_view cue : kCues) {
      for (size_t at = folded_.find(cue); at != std::string_view::npos; at = folded_.find(cue, at + 1)) {
        hits.emplace_back(at, at + cue.size());
      }
    }
    std::sort(hits.begin(), hits.end());
    starts_.resize(hits.size());
    min_end_.resize(hits.size());
    for (size_t k = hits.size(); k-- > 0;) {
      starts_[k] = hits[k].first;
      min_end_[k] = k + 1 < hits.size() ? std::min(hits[k].second, min_end_[k + 1]) : hits[k].second;
    }
  }
  std::string_view folded_;
  bool indexed_ = false;
  std::vector<size_t> starts_, min_end_;
};

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
        // "540 nm (green) and 630 nm (red)": a colour word in brackets after an item (s21-optics2).
        if (gap.starts_with(" (") && gap.size() > 4) {
          const size_t close = gap.find(')');
          if (close != std::string_view::npos && close <= 10 &&
              std::all_of(gap.begin() + 2, gap.begin() + static_cast<std::ptrdiff_t>(close),
                          [](char c) { return is_lower(c) || c == '-'; })) {
            gap.remove_prefix(close + 1);
          }
        }
        return list_gap(gap);
      };
      size_t first = i, last = i;
      while (first > 0 && joined(first - 1, first)) --first;
      while (last + 1 < list.size() && joined(last, last + 1)) ++last;
      return std::pair<size_t, size_t>(first, last);
    };
    // Peaks and widths in text order (begins and ends ascending, as the quantities are): the
    // peaks before or after a width are found by binary search. A scan per width over all the
    // peaks was quadratic on a long paragraph of widths (s18-quad).
    auto in_order = [&](const std::vector<size_t>& list) {
      for (size_t a = 0; a + 1 < list.size(); ++a) {
        if (raws[list[a]].begin > raws[list[a + 1]].begin || raws[list[a]].end > raws[list[a + 1]].end) return false;
      }
      return true;
    };
    const bool peaks_in_order = in_order(pl_peaks);
    // The first peak that begins at or after byte `b` (all peaks before it begin before b).
    auto first_peak_from = [&](size_t b) {
      if (!peaks_in_order) return size_t{0};
      return static_cast<size_t>(std::partition_point(pl_peaks.begin(), pl_peaks.end(),
                                                      [&](size_t r) { return raws[r].begin < b; }) -
                                 pl_peaks.begin());
    };
    GapCues other_sample_cues(folded);
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
      if (last == first) {
        if (size_t p = bracketed_peak(raws, folded, pl_peaks, raws[fwhm_nm[i]], peaks_in_order);
            p != SIZE_MAX && raws[pl_peaks[p]].e.value) {
          peak = *raws[pl_peaks[p]].e.value;
          peak_raw = pl_peaks[p];
        }
      }
      if (last > first) {
        // The last list of PL peaks before the widths.
        bool paired = false;
        for (size_t p = peaks_in_order ? first_peak_from(raws[fwhm_nm[first]].begin) : pl_peaks.size(); p-- > 0;) {
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
        for (size_t p = first_peak_from(raws[fwhm_nm[last]].end); p < pl_peaks.size() && !paired; ++p) {
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
      // "showed a PL peak at 510 nm, a FWHM of 18 nm and a PLQY of 90%, whereas the sample quenched
      // after 60 s emitted at 518 nm": when the last peak follows a width across a changed-sample cue,
      // the width is the peak's before it, if any (s21-optics); the cue test below reads that gap.
      if (last == first && peak_raw != SIZE_MAX && raws[peak_raw].begin >= raws[fwhm_nm[i]].end &&
          other_sample_cues.within(raws[fwhm_nm[i]].end, raws[peak_raw].begin)) {
        for (size_t p = first_peak_from(raws[fwhm_nm[i]].begin); p-- > 0;) {
          if (raws[pl_peaks[p]].end > raws[fwhm_nm[i]].begin) continue;
          if (raws[pl_peaks[p]].e.value) {
            peak = *raws[pl_peaks[p]].e.value;
            peak_raw = pl_peaks[p];
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
        // "emit at 585 nm while the FWHM of 28 nm remained unchanged": a "while" right before the
        // width's own cue, in the peak's sentence, contrasts two properties of one sample (s21-optics2).
        bool same_sample = false;
        if (from < to && to - from <= 80 && raws[peak_raw].end <= raws[fwhm_nm[i]].begin) {
          const std::string_view gap = std::string_view(folded).substr(from, to - from);
          const size_t w = gap.find(" while ");
          if (w != std::string_view::npos && gap.find(". ") == std::string_view::npos &&
              gap.find(" while ", w + 1) == std::string_view::npos) {
            std::string_view rest = gap.substr(w + 7);
            for (std::string_view d : {"the "sv, "its "sv}) {
              if (rest.starts_with(d)) rest.remove_prefix(d.size());
            }
            bool other = false;
            for (std::string_view cue : {" after ", "whereas", "contrast", "compared", " upon ", "following "}) {
              other |= gap.find(cue) != std::string_view::npos;
            }
            same_sample = !other && (rest.starts_with("fwhm") || rest.starts_with("linewidth") ||
                                     rest.starts_with("full width") || rest.starts_with("line width"));
          }
        }
        if (from < to && !same_sample && other_sample_cues.within(from, to)) continue;
      }
      // A PL peak below 200 nm, or a width of half its wavelength or more, is a misread: keep nm.
      if (!e.value || *e.value <= 0 || peak < 200 || *e.value >= peak / 2) continue;
      double lo = peak - *e.value / 2, hi = peak + *e.value / 2;
      e.value = std::round((1239.84 / lo - 1239.84 / hi) * 1000 * 10) / 10;
      e.unit = "meV";
    }
  }
}

// Whether a table's lengths measure the particles a synthesis made: its caption or header names
// them ("Particle size (nm)", "Table 1. Sizes of the CdSe nanocrystals"), or the paragraph outside
// the tables does (a nanocrystal paper's "Table 2. Samples ... Size (nm)"). A cell table's "Cathode
// thickness (μm)" measures a device layer: still a size (the outcome gold marks it), but no product
// that tells the synthesis succeeded.
// `first_nano` is where the first nanostructure word of the paragraph ends (first_nano_end()): the
// prose before a table is not searched again for each table, which made a paragraph of many
// tables quadratic (review 15a tables, s15-fixa).
bool particle_table(std::string_view folded, const TableLength& t, size_t first_nano) {
  const std::string_view head = folded.substr(t.table_begin, t.cells_begin - t.table_begin);
  if (head.find("particle") != std::string_view::npos || head.find("crystal") != std::string_view::npos) return true;
  return first_nano <= t.cells_begin;
}

// "Table 2 Sintering shrinkage of the pellets. Sample Green diameter (mm) Sintered diameter (mm)": the
// diameter, length or width in a table whose caption or header names pellets, discs or bars is the
// sample form's (GUIDELINE.md), as "Pellet thickness (mm)" is; a thickness there may be an
// electrolyte's.
bool sample_form_table(std::string_view folded, const TableLength& t) {
  if (t.dimension != "diameter" && t.dimension != "length" && t.dimension != "width") return false;
  const std::string_view head = folded.substr(t.table_begin, t.cells_begin - t.table_begin);
  for (std::string_view w : {"pellet"sv, " disc"sv, " disk"sv, " bars"sv, "tablet"sv}) {
    if (head.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Where the earliest nanostructure word of `folded` ends (npos: none), for particle_table().
size_t first_nano_end(std::string_view folded) {
  static constexpr std::string_view kNano[] = {"nanocrystal"sv, "nanoparticle"sv, "quantum dot"sv, " ncs"sv,
                                               " qds"sv, " nps"sv, "nanorod"sv, "nanowire"sv, "nanoplatelet"sv,
                                               "nanosheet"sv, "nanocube"sv, "colloid"sv};
  size_t first = std::string_view::npos;
  for (std::string_view w : kNano) {
    if (size_t at = folded.find(w); at != std::string_view::npos) first = std::min(first, at + w.size());
  }
  return first;
}

}  // namespace

namespace detail {

// Sizes from table columns headed by a dimension (tables.h), for the lengths no earlier rule took;
// a cell naming apparatus or a purchased support ("AAO (−/100 μm)", "Ni foil (L&E/6 μm)") is out,
// as in sentences, and so is a column of a sample form ("Pellet thickness (mm)"). Needs
// quantity_entities() done (para.raws holds only its entities then).
void table_sizes(Paragraph& para) {
  // No caption and no "(nm)"-like header of a labelled list: most paragraphs.
  if (find_bytes(para.text, "Table ") == std::string_view::npos && find_bytes(para.text, "m)") == std::string_view::npos) {
    return;
  }
  std::vector<size_t> begins;
  for (const Raw& r : para.raws) begins.push_back(r.begin);
  std::sort(begins.begin(), begins.end());
  std::vector<uint8_t> taken(para.qs.size());
  for (size_t i = 0; i < para.qs.size(); ++i) taken[i] = std::binary_search(begins.begin(), begins.end(), para.qs[i].begin);
  // particle_table() reads the prose before a table: once per table, not per length.
  size_t read_table = std::string_view::npos;
  bool particles = false;
  constexpr size_t kUnread = std::string_view::npos - 1;
  size_t first_nano = kUnread;
  // `t` as an entity of its type; a length of a table that is no particle table is noted as a value
  // of no product made here (para.unmade_sizes).
  auto add = [&](const TableLength& t) -> Entity& {
    if (t.table_begin != read_table) {
      read_table = t.table_begin;
      if (first_nano == kUnread) first_nano = first_nano_end(para.folded);
      particles = particle_table(para.folded, t, first_nano);
    }
    if (!particles) para.unmade_sizes.push_back(t.begin);
    Raw& r = para.raws.emplace_back();
    r.begin = t.begin;
    r.end = t.end;
    r.e.type = t.type;
    r.e.value = t.value;
    return r.e;
  };
  for (const TableLength& t : table_lengths(para.text, para.folded, para.qs, taken)) {
    if (t.type != "size") {
      // An optical column's cell (s21-optics): the header names the outcome, no cue word is near. Of
      // a product made only in a particle table, as a size is (the paragraph's status reads it).
      add(t).unit = t.unit;
      continue;
    }
    std::string_view lead = std::string_view(para.folded).substr(t.lead_begin, t.begin - t.lead_begin);
    std::string_view after = std::string_view(para.folded).substr(t.end, std::min<size_t>(80, para.folded.size() - t.end));
    std::string_view subject = std::string_view(para.folded).substr(t.subject_begin, t.subject_end - t.subject_begin);
    // "Diameter (nm) Thickness (nm) Shape 5 8.1 3.9 disk 15": a word of the table's shape column after the
    // cell is the next cell, no noun the length measures (s32-messy).
    auto shape_cell = [&]() {
      const std::string_view head = std::string_view(para.folded).substr(t.table_begin, t.cells_begin - t.table_begin);
      if (head.find("shape") == std::string_view::npos || !after.starts_with(" ")) return false;
      size_t e = 1;
      while (e < after.size() && is_lower(after[e])) ++e;
      return e > 1 && (e == after.size() || (after[e] == ' ' && e + 1 < after.size() && is_digit(after[e + 1])));
    };
    if (noun_before(lead) == Measured::kObject || (noun_after(after) == Measured::kObject && !shape_cell()) ||
        noun_before(subject) == Measured::kObject || not_a_product_length(lead, lead, after, {}, false, false, false) ||
        sample_form_table(para.folded, t)) {
      para.vetoed_lengths.emplace_back(t.begin, t.end);
      continue;
    }
    Entity& e = add(t);
    e.min = t.min;
    e.max = t.max;
    e.dimension = t.dimension;
  }
}

// PLQYs written as a fraction, a bare number with no unit the quantity scanner would read: "The
// photoluminescence quantum yield (PLQY) is 0.83", "QY = 0.62", "Φ = 0.42" (s21-optics). A number
// 0.xx right after a PLQY cue, a bracketed acronym and up to four linking words (is, was, of, =,
// reaches, up to, about ...), outside every quantity, not followed by a word or a unit; not a
// reference dye's (reference_yield()). Value in %. Needs quantity_entities() done.
void fraction_plqys(Paragraph& para) {
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const bool phi = find_bytes(text, "\u03a6") != std::string_view::npos || find_bytes(text, "\u03c6") != std::string_view::npos;
  if (!phi && folded.find("qy") == std::string::npos && folded.find("quantum yield") == std::string::npos) return;
  std::vector<size_t> begins;
  for (const Raw& r : para.raws) begins.push_back(r.begin);
  std::sort(begins.begin(), begins.end());
  for (std::string_view cue : {"quantum yield"sv, "plqy"sv, "qy"sv, "\u03a6"sv, "\u03c6"sv}) {
    const std::string_view hay = cue.size() == 2 && static_cast<unsigned char>(cue[0]) >= 0x80 ? text : std::string_view(folded);
    for (size_t at = hay.find(cue); at != std::string_view::npos; at = hay.find(cue, at + 1)) {
      if (at > 0 && is_alpha(folded[at - 1]) && cue != "qy") continue;
      if (cue == "qy" && at > 0 && is_alpha(folded[at - 1]) && !(at >= 2 && folded.substr(at - 2, 2) == "pl")) continue;
      size_t p = at + cue.size();
      if (p < folded.size() && folded[p] == 's') ++p;
      if (p < folded.size() && is_alpha(folded[p])) continue;  // "qyz"
      // "(PLQY)", "(QY)": the acronym after the name.
      if (size_t b = skip_spaces(folded, p); b < folded.size() && folded[b] == '(') {
        const size_t close = folded.find(')', b);
        if (close == std::string::npos || close - b > 8) continue;
        p = close + 1;
      }
      // "The QY of the CdSe QDs was 0.45": a subject "of the ..." of up to five words that ends in a
      // particle noun (s21-optics2), skipped whole; no punctuation but a slash or hyphen inside it.
      if (std::string_view(folded).substr(p).starts_with(" of the ")) {
        size_t q = p + 8;
        for (int n = 0; n < 5 && q < folded.size(); ++n) {
          size_t e = q;
          while (e < folded.size() && folded[e] != ' ' && folded[e] != ',' && folded[e] != ';' && folded[e] != '(' &&
                 folded[e] != ')') {
            ++e;
          }
          if (e == q || e == folded.size() || folded[e] != ' ') break;
          if (noun_class(std::string_view(folded).substr(q, e - q)) == Measured::kParticle) {
            p = e;
            break;
          }
          q = e + 1;
        }
      }
      int words = 0;
      for (;;) {
        p = skip_spaces(folded, p);
        if (p < folded.size() && (folded[p] == '=' || folded[p] == ':' || folded[p] == '~')) {
          ++p;
          continue;
        }
        size_t e = p;
        while (e < folded.size() && is_lower(folded[e])) ++e;
        const std::string_view w = std::string_view(folded).substr(p, e - p);
        if (w.empty() || words == 4 ||
            !one_of(w, {"is", "was", "were", "are", "of", "reaches", "reached", "up", "to", "about", "approximately",
                        "as", "high", "value", "values", "increased", "improved", "rose", "close", "determined",
                        "found", "measured", "be"})) {
          break;
        }
        ++words;
        p = e;
      }
      // The number: "0." and digits, nothing glued after it but a full stop, comma, semicolon or bracket.
      if (folded.compare(p, 2, "0.") != 0 || p + 2 >= folded.size() || !is_digit(folded[p + 2])) continue;
      size_t e = p + 2;
      while (e < folded.size() && is_digit(folded[e])) ++e;
      if (e < folded.size() && !(folded[e] == ' ' || folded[e] == ',' || folded[e] == ';' || folded[e] == ')' ||
                                 (folded[e] == '.' && (e + 1 == folded.size() || folded[e + 1] == ' ')))) {
        continue;
      }
      if (e < folded.size() && folded[e] == ' ' && e + 1 < folded.size() && is_lower(folded[e + 1]) &&
          !std::string_view(folded).substr(e + 1).starts_with("for ") &&
          !std::string_view(folded).substr(e + 1).starts_with("and ") &&
          !std::string_view(folded).substr(e + 1).starts_with("in ")) {
        continue;  // "0.5 ns", "0.2 mg": a unit or another word
      }
      if (std::any_of(para.qs.begin(), para.qs.end(), [&](const Quantity& q) { return q.begin < e && p < q.end; })) continue;
      if (std::binary_search(begins.begin(), begins.end(), p)) continue;
      const size_t from = at > 120 ? at - 120 : 0;
      std::string_view before = std::string_view(folded).substr(from, p - from);
      if (size_t stop = before.rfind(". "); stop != std::string_view::npos) before.remove_prefix(stop + 2);
      const std::string_view after = std::string_view(folded).substr(e, std::min<size_t>(40, folded.size() - e));
      if (reference_yield(before, after)) continue;
      double v = 0;
      std::from_chars(folded.data() + p, folded.data() + e, v);
      Raw& r = para.raws.emplace_back();
      r.begin = p;
      r.end = e;
      r.e.type = "plqy";
      r.e.value = std::round(v * 100 * 1000) / 1000;
      begins.insert(std::upper_bound(begins.begin(), begins.end(), p), p);
    }
  }
}

// Whether `text` is an entry of a reference list, as PDF text gives one per paragraph: a label ("[12]",
// "(31)", "23.", "4") and authors with initials ("N. R. Jana, L. Gearheart", "Kim, J.; Park, S.")
// at its start, and a year of publication ("(2001)", "2012,") with pages ("1389–1393") or a DOI.
bool bibliography_entry(std::string_view text) {
  if (text.empty() || text.size() > 3000) return false;
  size_t p = 0;
  const char open = text[0] == '[' || text[0] == '(' ? text[0] : 0;
  if (open) ++p;
  const size_t digits = p;
  while (p < text.size() && is_digit(text[p])) ++p;
  if (p == digits || p - digits > 3 || p >= text.size()) return false;
  if (open) {
    if (text[p] != (open == '[' ? ']' : ')')) return false;
    ++p;
  } else if (text[p] == '.') {
    ++p;
  }
  if (p >= text.size() || text[p] != ' ') return false;
  // Initials within the first 40 bytes of the authors: a capital after the label, a space or a comma,
  // a full stop, then a space, comma, semicolon or hyphen and a capital (the surname or another initial:
  // "N. R. Jana", "Kim, J.; Park", "H.-S."). Two of them, or one and "et al." ("°C. The" is none).
  int initials = 0;
  for (size_t k = p + 1; k + 2 < text.size() && k < p + 40 && initials < 2; ++k) {
    // "ParkJ.KimH.", "YoonK.J. et al.": PMC dumps glue the initials to the surname (s32-messy).
    if (is_upper(text[k]) && is_lower(text[k - 1]) && text[k + 1] == '.' &&
        (text[k + 2] == ' ' || is_upper(text[k + 2]))) {
      ++initials;
      continue;
    }
    if (!is_upper(text[k]) || (text[k - 1] != ' ' && text[k - 1] != ',') || text[k + 1] != '.') continue;
    const char sep = text[k + 2];
    if (sep != ' ' && sep != ',' && sep != ';' && sep != '-') continue;
    const size_t next = skip_spaces(text, k + 3);
    if (next < text.size() && (is_upper(text[next]) || (sep != ' ' && is_upper(text[k + 3])))) ++initials;
  }
  if (initials == 0) return false;
  if (initials < 2 && text.substr(0, std::min<size_t>(text.size(), 300)).find("et al.") == std::string_view::npos) {
    return false;
  }
  // Pages end the field: a full stop, comma, semicolon, bracket or the end, or a year in brackets
  // ("1389–1393 (2001)"); "3-4 times", "5–10 nm" are no pages.
  auto pages_end = [&](size_t e) {
    while (e < text.size() && is_digit(text[e])) ++e;
    return e == text.size() || text[e] == ',' || text[e] == ';' || text[e] == ')' ||
           (text[e] == '.' && (e + 1 == text.size() || text[e + 1] == ' ')) || text.compare(e, 2, " (") == 0;
  };
  bool year = false, pages = false;
  // "Thin Solid Films 2012 520 15 4990 4995 2-s2.0-84861570042": the Scopus id PMC dumps end an entry with.
  if (text.find(" 2-s2.0-") != std::string_view::npos) year = pages = true;
  for (size_t k = p; k + 4 < text.size() && !(year && pages); ++k) {
    if (!year && (text[k] == ' ' || text[k] == '(') && (text.compare(k + 1, 2, "19") == 0 || text.compare(k + 1, 2, "20") == 0) &&
        is_digit(text[k + 3]) && is_digit(text[k + 4]) &&
        (k + 5 == text.size() || text[k + 5] == ')' || text[k + 5] == ',' || text[k + 5] == ';' || text[k + 5] == '.')) {
      year = true;
      // "Nanoscale Res. Lett. 8 (2013) 48": a year in brackets after a volume needs no page range.
      pages |= text[k] == '(' && k + 5 < text.size() && text[k + 5] == ')' && k >= 2 && is_digit(text[k - 2]);
    }
    if (!pages && is_digit(text[k]) && !is_digit(text[k + 1])) {
      if (size_t d = dash_len(text, k + 1); d && k + 1 + d < text.size() && is_digit(text[k + 1 + d]) &&
                                            pages_end(k + 1 + d)) {
        pages = true;
      }
    }
    if (!pages && (text.compare(k, 4, "doi:") == 0 || text.compare(k, 4, "doi.") == 0)) pages = true;
  }
  return year && pages;
}

// A reference list entry names the sizes and shapes of other papers' products in their titles ("Synthesis
// of 5 nm monodisperse Fe3O4 nanoparticles", "rod-like gold nanoparticles"): no outcome of this text.
// Drops the sizes and morphologies found in one and vetoes its lengths for the learned stage. Needs
// quantity_entities(), table_sizes() and find_morphologies() done.
void reference_outcomes(Paragraph& para) {
  const char c = para.text.empty() ? ' ' : para.text[0];
  if (!(c == '[' || c == '(' || is_digit(c)) || !bibliography_entry(para.text)) return;
  // Nor the optical outcomes a title names ("CsPbX3 quantum dots with 90% PLQY and 520 nm emission").
  std::erase_if(para.raws, [](const Raw& r) {
    const std::string& t = r.e.type;
    return t == "size" || t == "morphology" || t == "pl_peak" || t == "absorption_peak" || t == "fwhm" ||
           t == "plqy" || t == "yield" || t == "band_gap";
  });
  for (const Quantity& q : para.qs) {
    if (q.kind == "length") para.vetoed_lengths.emplace_back(q.begin, q.end);
  }
}

}  // namespace detail

namespace {

// Numbers with units (QuantityScanner), and the conditions without digits ("room temperature",
// "at RT", "overnight"), in text order. The first pass: needs the text only.
// Durations written in words, as older papers and SIs do: "stirred for one hour", "two hours",
// "half an hour", "ten minutes", "three days". Number words up to twelve, twenty, thirty; the unit
// word right after (a space or a hyphen between: "a one-hour reaction"). "an hour", "a day" are one
// (not as a rate, frequency_before()); "one to two hours" is a range 3600-7200 s; "a few minutes"
// has no value and gives nothing. Appends to `qs`.
// Whether `lead` ends with a word that makes "a day", "an hour" a rate: "once a day", "twice an
// hour", "three times a week", "per hour"; or with a quantity: "50 mL a minute", "5 °C a minute",
// "1 mL an hour" are flow and heating rates (review 13b, R10).
bool frequency_before(std::string_view lead) {
  lead = trim_right(lead);
  if (lead.ends_with("once") || lead.ends_with("twice") || lead.ends_with("thrice") || lead.ends_with("times") ||
      lead.ends_with("per")) {
    return true;
  }
  // The last word is a number with its unit ("50ml") or a short unit after a number ("5 °c").
  const auto [head, last] = cut_last_word(lead);
  if (last.empty() || !(is_alnum(last.back()) || last.back() == '%')) return false;
  if (is_digit(last.front())) return true;
  return !head.empty() && is_digit(head.back()) && last.size() <= 5;
}

// "a tenfold excess of oleylamine", "a 2-fold excess of TOP", "a five-fold molar excess of
// sulfur": the amount of the chemical named after "of" relative to the usual one, a molar ratio of
// that many (review 19, defect 1). Number words two to twenty, or digits. Appends to `qs`.
void fold_excesses(std::string_view f, std::vector<Quantity>* qs) {
  static constexpr std::pair<std::string_view, double> kCounts[] = {
      {"two", 2},   {"three", 3}, {"four", 4},   {"five", 5},     {"six", 6},     {"seven", 7},    {"eight", 8},
      {"nine", 9},  {"ten", 10},  {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"hundred", 100}};
  constexpr std::string_view kFold = "fold ";
  for (size_t at = find_bytes(f, kFold); at != std::string_view::npos; at = find_bytes(f, kFold, at + kFold.size())) {
    std::string_view rest = f.substr(at + kFold.size());
    size_t end = at + kFold.size();
    if (rest.starts_with("molar ")) {
      rest.remove_prefix(6);
      end += 6;
    }
    if (!rest.starts_with("excess")) continue;
    end += 6;
    if (end < f.size() && is_alpha(f[end])) continue;  // "excessive"
    size_t b = at;
    if (b > 0 && (f[b - 1] == '-' || f[b - 1] == ' ')) --b;
    std::optional<double> value;
    size_t begin = b;
    for (const auto& [word, n] : kCounts) {
      if (f.substr(0, b).ends_with(word) && (b == word.size() || !is_alpha(f[b - word.size() - 1]))) {
        value = n;
        begin = b - word.size();
        break;
      }
    }
    if (!value) {
      size_t d = b;
      while (d > 0 && (is_digit(f[d - 1]) || f[d - 1] == '.')) --d;
      if (d == b || (d > 0 && is_alpha(f[d - 1]))) continue;
      value = std::strtod(std::string(f.substr(d, b - d)).c_str(), nullptr);
      begin = d;
    }
    // Not over a quantity already found ("10-fold" may be scanned as a number).
    if (std::any_of(qs->begin(), qs->end(), [&](const Quantity& q) { return q.begin < end && begin < q.end; })) continue;
    Quantity q;
    q.begin = begin;
    q.end = end;
    q.kind = "ratio";
    q.ratio_kind = "molar_ratio";
    q.value = value;
    qs->push_back(q);
  }
}

void spelled_durations(std::string_view f, const ByteTriples& triples, std::vector<Quantity>* qs) {
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
    if (!triples.may_hold(unit)) continue;  // most paragraphs lack "week", many "day" or "hour"
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

// std::stable_sort by begin, with each Quantity moved once: the order is sorted as indices and the
// quantities then moved into it (a stable sort of the quantities themselves moves each of them
// log n times, 13 k instructions per unsorted paragraph; s30-qty).
void stable_sort_by_begin(std::vector<Quantity>& qs) {
  std::vector<uint32_t> order(qs.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return qs[a].begin < qs[b].begin; });
  std::vector<Quantity> sorted;
  sorted.reserve(qs.size());
  for (uint32_t k : order) sorted.push_back(std::move(qs[k]));
  qs = std::move(sorted);
}

}  // namespace

std::vector<Quantity> Extractor::Impl::scan_quantities(std::string_view text, const std::string& folded,
                                                       const ByteTriples& triples) const {
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
    // (Each search only when the paragraph has the word's byte triples.)
    constexpr std::string_view kTemperature = "temperature";
    for (size_t at = triples.may_hold(kTemperature) ? find_bytes(f, kTemperature) : std::string_view::npos;
         at != std::string_view::npos; at = find_bytes(f, kTemperature, at + 1)) {
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
    for (size_t at = triples.may_hold(kOvernight) ? find_bytes(f, kOvernight) : std::string_view::npos;
         at != std::string_view::npos; at = find_bytes(f, kOvernight, at + 1)) {
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
    spelled_durations(f, triples, &qs);
    // fold_excesses() reads "fold excess" and "fold molar excess" only.
    if (triples.may_hold("fold excess"sv) || triples.may_hold("fold molar excess"sv)) fold_excesses(f, &qs);
    // The list is mostly in text order already (the cues above are the exception): a stable sort
    // of a sorted list changes nothing, and it moves every Quantity (1 % of the extraction time).
    auto by_begin = [](const Quantity& a, const Quantity& b) { return a.begin < b.begin; };
    if (!std::is_sorted(qs.begin(), qs.end(), by_begin)) stable_sort_by_begin(qs);
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
  size_t carried_walk_from = SIZE_MAX, carried_walk_last = 0;  // list_unit_after(): a list whose items carry units
  size_t last_length = SIZE_MAX;  // index into qs of the last length read, and whether it became a size
  bool last_length_size = false;
  std::vector<std::pair<size_t, size_t>> vetoed;  // lengths ruled out as sizes (Paragraph::vetoed_lengths)
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
  const size_t plqy = last_plqy_cue(before);
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
    change |= one_of(last_word(v), {"increased", "decreased", "increases", "decreases", "increase", "decrease", "reduced",
                         "raised", "lowered", "rose", "dropped", "fell", "improved", "enhanced", "grew",
                         "shrank", "changed", "declined", "varied", "differ", "differed"});
  }
  return change;
}

// "(humidity 40%)", "at a relative humidity of 35%", "(RH ~25–60%)": the air's humidity, no amount of
// a reagent (review 13, D37; device efficiencies are device_efficiency()'s). The cue must be among
// the last words before the number, with no other number between. `before` ends right before it;
// `triples` are the paragraph's.
bool humidity_percentage(std::string_view before, const ByteTriples& triples) {
  const std::string_view tail = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  size_t cue = held_last_cue(triples, tail, {"humidity", "rh "});
  if (cue == std::string_view::npos || (cue > 0 && is_alpha(tail[cue - 1]))) return false;
  return tail.find_first_of("0123456789", cue) == std::string_view::npos;
}

// "The relative density of the pellets was 97%", "a porosity of 35%", "the weight loss was about
// 12%", "a size dispersion of 11%", "97% of the theoretical density", "35% porosity": a property of
// the product in percent, no amount of a reagent (review 14b B91/B92, 14a A35). A cue before must
// be among the last words, with no other number between; one after must follow the number. `triples`
// are the paragraph's.
bool property_percentage(std::string_view before, std::string_view after, const ByteTriples& triples) {
  const std::string_view tail = before.substr(before.size() > 60 ? before.size() - 60 : 0);
  size_t cue = held_last_cue(triples, tail, {"density", "porosity", "weight loss", "mass loss", "shrinkage",
                                             "crystallinity", "size dispersion", "polydispersity", "densification",
                                             "open porosity"});
  if (cue != std::string_view::npos && (cue == 0 || !is_alpha(tail[cue - 1])) &&
      tail.find_first_of("0123456789", cue) == std::string_view::npos) {
    return true;
  }
  size_t p = skip_spaces(after, 0);
  std::string_view a = after.substr(p);
  for (std::string_view lead : {"of the theoretical"sv, "of theoretical"sv, "relative density"sv, "porosity"sv,
                                "dense"sv, "densification"sv, "weight loss"sv, "mass loss"sv, "shrinkage"sv,
                                "crystallinity"sv, "size dispersion"sv, "of the theoretical density"sv}) {
    if (a.starts_with(lead)) return true;
  }
  return false;
}

// "ODE (90%, Aldrich)", "(OAm, 70%, technical grade)", "(70%, Aldrich, lot# MKBX)": a percentage in
// a bracket whose next item names a supplier, a grade or a lot is the reagent's purity, however
// low (technical-grade OAm, ODE, OA, TOP are 70-90 %; review 16a, A9). `before` (lower-cased) ends
// right before the number, `after` follows it.
bool supplier_bracket(std::string_view before, std::string_view after) {
  size_t open = before.rfind('(');
  if (open == std::string_view::npos || before.size() - open > 24 || before.find(')', open) != std::string_view::npos ||
      !after.starts_with(", ")) {
    return false;
  }
  std::string_view item = after.substr(2, after.find_first_of(",)", 2) - 2);
  for (std::string_view cue : {"aldrich"sv, "sigma"sv, "alfa"sv, "acros"sv, "merck"sv, "fisher"sv, "strem"sv, "fluka"sv,
                               "macklin"sv, "aladdin"sv, "sinopharm"sv, "wako"sv, "tci"sv, "thermo"sv, "gelest"sv,
                               "grade"sv, "lot"sv}) {
    if (item.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

// "NaOH solution (50 wt%, Fisher)", "N2H4 (50 wt%, Aldrich)": a mass fraction of a solution as
// bought is its concentration, not a purity (review 16c, R19): a wt% or w/w unit, or a bracket
// right after the word solution. `before` (lower-cased) ends right before the number.
bool solution_fraction(const Quantity& q, std::string_view before) {
  if (q.unit_surface.starts_with("wt") || q.unit_surface.find("w/w") != std::string::npos) return true;
  size_t open = before.rfind('(');
  if (open == std::string_view::npos) return false;
  std::string_view head = before.substr(0, open);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  return head.ends_with("solution") || head.ends_with("solutions");
}

// "a reducing atmosphere of 5% H2 and 95% N2", "95% Ar": a percentage right before a gas is its
// share in a gas mixture, not a purity (review 14b, B10). `after` follows the number.
bool gas_share(std::string_view after) {
  for (std::string_view gas : {" n2"sv, " ar"sv, " h2"sv, " o2"sv, " he"sv, " co2"sv, " nitrogen"sv, " argon"sv,
                               " hydrogen"sv, " oxygen"sv, " helium"sv}) {
    if (after.starts_with(gas) && (after.size() == gas.size() || !is_alnum(after[gas.size()]))) return true;
  }
  return false;
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
  if (kind == "fraction" && (humidity_percentage(before, para.triples) || population_share(after))) return false;
  if (kind == "fraction" && property_percentage(before, after, para.triples)) return false;
  // The PLQY label right after a percentage, read once for relative_plqy_after() and the type below.
  const size_t plqy_label = kind == "fraction" ? plqy_label_end(after) : std::string_view::npos;
  if (kind == "fraction" && (relative_change(qa) || relative_plqy_after(after, plqy_label))) return false;
  if (kind == "fraction" && device_efficiency(before, after)) return false;
  if (kind == "fraction") {
    size_t plqy = last_plqy_cue(before);
    size_t yld = held_last_cue(para.triples, before, {"yield"});
    const int share = (plqy != std::string_view::npos || yld != std::string_view::npos) &&
                              plqy_label == std::string_view::npos
                          ? share_not_yield(para.text, after, q.end)
                          : 0;
    if (share == 1) return false;  // a share of a former value: no amount either
    // A dopant's share (share == 2) is read as any other percentage below.
    if (share != 2 && ((plqy != std::string_view::npos && (yld == std::string_view::npos || plqy + 8 >= yld)) ||
                       plqy_label != std::string_view::npos)) {
      if (reference_yield(before, after)) return false;
      e.type = "plqy";
    } else if (share != 2 && (yld != std::string_view::npos || after.starts_with(" yield"))) {
      e.type = "yield";
    }
    if (!e.type.empty() && cited_earlier_value(before)) return false;
    if (!e.type.empty()) {
      e.sd = q.sd;  // "92 ± 3%"
      if (e.type == "plqy") walk.last_spreadable = raws.size() - 1;  // this entity, already in place
      return true;
    }
  }
  // "a 100 mL Teflon-lined autoclave" is a vessel, "(99.5%)" after a name is a purity.
  if (kind == "volume" && (apparatus_after(after) || vessel_before_bracket(before))) return false;
  // "centrifuged at 10,000 g": a relative centrifugal force, no mass.
  if (kind == "mass" && centrifuge_speed(before, after) && !bracket_after_object(before)) return false;
  // "18.2 MΩ cm", "3.0 M Ω": megaohm (water resistivity), not a molar concentration.
  if (kind == "concentration") {
    std::string_view a = after;
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    if (a.starts_with("\u03a9") || a.starts_with("\u2126") || a.starts_with("ohm")) return false;
  }
  // Purities are kept as fraction amounts of their material (as the MSP annotations do) but
  // marked role "purity" so that records do not read them as composition.
  if (kind == "fraction" && q.value && ((*q.value >= 95 && !gas_share(after)) || before.ends_with("purity of ") ||
                                          after.starts_with(" purity") || after.starts_with(" pure"))) {
    e.role = "purity";
  }
  if (kind == "fraction" && q.value && *q.value >= 50 && e.role.empty() && supplier_bracket(before, after) &&
      !solution_fraction(q, before)) {
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
  const std::string_view b = trim_right_words(before, {" of"sv, "="sv, ":"sv, " was"sv, " is"sv, " about"sv, "~"sv});
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
// Also with a light source's words before the head: "365 nm UV light", "a 980 nm NIR laser", "420 nm
// LED irradiation", "under 365 nm UV." (s21-outx).
bool excitation_after(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  if (p < after.size() && after[p] == '-') ++p;
  for (int words = 0; words < 4; ++words) {
    p = skip_spaces(after, p);
    size_t e = p;
    while (e < after.size() && (is_lower(after[e]) || after[e] == '-' || after[e] == ':')) ++e;
    const std::string_view w = after.substr(p, e - p);
    if (one_of(w, {"excitation", "laser", "lasers", "light", "lamp", "irradiation", "illumination", "led", "leds",
                   "beam", "pump", "pumping"})) {
      return true;
    }
    // "under 365 nm UV." / "UV, the NCs": the light's band alone ends the phrase.
    if (one_of(w, {"uv", "nir"}) && (e == after.size() || after[e] == '.' || after[e] == ',' || after[e] == ')' ||
                                     after[e] == ';')) {
      return true;
    }
    if (w.empty() || (e < after.size() && is_alnum(after[e])) ||
        !one_of(w, {"uv", "nir", "ir", "visible", "blue", "green", "cw", "pulsed", "diode", "xenon", "xe", "mercury",
                    "hg", "nd:yag", "semiconductor", "monochromatic", "continuous-wave", "femtosecond", "excimer",
                    "krf", "arf", "he-ne", "argon", "ion", "uv-vis", "led", "solid-state"})) {
      return false;
    }
    p = e;
  }
  return false;
}

// "excited at 365 nm", "an excitation wavelength of 400 nm", "irradiated with a 532 nm", "(λex = 400 nm)":
// `lead` (lower-cased, up to the length or its list's first item) ends with an excitation verb or noun
// and at most a few linking words (s21-outx). Such a length is the light's, no size of the product.
bool excitation_before(std::string_view lead) {
  size_t e = lead.size();
  for (int words = 0; words < 6; ++words) {
    while (e > 0 && lead[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && lead[b - 1] != ' ') --b;
    std::string_view w = lead.substr(b, e - b);
    if (w.empty()) return false;
    while (!w.empty() && (w.front() == '(' || w.front() == '[')) w.remove_prefix(1);
    while (!w.empty() && (w.back() == ')' || w.back() == ']' || w.back() == '=' || w.back() == ':')) w.remove_suffix(1);
    if (w.starts_with("\u03bbex") || w.starts_with("\u03bb_ex") ||
        one_of(w, {"excited", "excitation", "exciting", "irradiated", "irradiation", "irradiating", "illuminated",
                   "illumination", "pumped", "pumping"})) {
      return true;
    }
    // No article: "450 nm excitation of the 12 nm InP QDs" excites the dots, the 12 nm are theirs.
    if (!one_of(w, {"at", "of", "with", "by", "wavelength", "wavelengths", "was", "were", "is", "set", "to", "fixed",
                    "", "~", "\u223c", "\u03bb", "monochromatic", "light", "laser", "beam", "pulsed", "cw", "diode",
                    "uv"})) {
      return false;
    }
    e = b;
  }
  return false;
}

// "green (540 nm) and red (654 nm) upconversion emission", "blue (450 nm) emission bands": a
// colour named with its wavelength in brackets is an emission band when the words around speak of
// emission (review 13, D48). `before` ends right before the number.
bool emission_band(std::string_view before, std::string_view after) {
  static constexpr std::string_view kColours[] = {"green"sv, "red"sv, "blue"sv, "violet"sv, "yellow"sv, "orange"sv,
                                                  "cyan"sv, "near-infrared"sv, "nir"sv, "ultraviolet"sv, "uv"sv};
  if (!word_before_bracket(before, kColours)) return false;
  for (std::string_view w : {"emission"sv, "emit"sv, "luminescen"sv, "upconversion"sv, "up-conversion"sv}) {
    if (before.find(w) != std::string_view::npos || after.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// "showed a dual emission: an excitonic band at 405 nm": an exciton cue that a colon after an
// emission cue introduces names one of the emission bands, no absorption (review 14a, A24). `pl`
// and `ab` are the cues' offsets in `before`.
bool exciton_of_emission(std::string_view before, size_t pl, size_t ab) {
  if (pl == std::string_view::npos || ab == std::string_view::npos || pl > ab) return false;
  if (!before.substr(ab).starts_with("exciton")) return false;
  size_t k = pl;
  while (k < ab && is_alpha(before[k])) ++k;  // the emission word
  std::string_view gap = before.substr(k, ab - k);
  for (std::string_view lead : {": an "sv, ": a "sv, ": the "sv, ": "sv}) {
    if (gap == lead) return true;
  }
  return false;
}

void optical_cues(const QuantityAt& qa, LengthReading& len) {
  const std::string_view before = qa.before;
  size_t &fw = len.fw, &pl = len.pl, &ab = len.ab, &ex = len.ex;
  fw = fwhm_cue(before);
  pl = pl_cue(before, true);
  static const CueIndex kAbsorptionCues{"absorption", "absorbance", "exciton", "absorb", "plasmon", "lspr", " spr ",
                                        "transverse", "longitudinal"};
  static const CueIndex kExcitationCues{"excit", "wavelength of", "laser", "irradiat", "filter", "pore"};
  ab = kAbsorptionCues.last(before);
  ex = kExcitationCues.last(before);
  // "k max = 519 nm", "(λmax = 528 nm)", "the λmax red-shifted from 402 to 418 nm": λmax (`k max` in
  // PDF text) with no optical word in the sentence is an absorption maximum; "λ max (em) 448 nm" is an
  // emission's. After an emission or absorption cue the cue already types it (s22-optics3).
  if (ab == std::string_view::npos && pl == std::string_view::npos) {
    if (size_t m = last_cue(before, {"\u03bbmax", "\u03bb max", "\u03bb_max", "k max"});
        m != std::string_view::npos && (m == 0 || !is_alpha(before[m - 1])) &&
        before.find(" nm", m) == std::string_view::npos) {  // not "... 585 nm were obtained for the 20, 40 and 60 nm NPs"
      (before.substr(m).find("(em") != std::string_view::npos ? pl : ab) = m;
    }
  }
  // "The emission wavelength of the Si QDs shifts from 650 to 850 nm": an emission's wavelength is
  // its peak, no excitation (s21-optics).
  if (ex != std::string_view::npos && ex > 0 && before.substr(ex).starts_with("wavelength of") &&
      (before.substr(0, ex).ends_with("emission ") || before.substr(0, ex).ends_with("pl "))) {
    ex = std::string_view::npos;
  }
  // "The PL peak of the sample excited at 400 nm was at 560 nm", "recorded with 450 nm excitation
  // peaked at 605 nm": an excitation phrase that has its own wavelength is spent once a verb follows
  // that wavelength; an emission cue before it then types the value (s21-optics2). Not in a list of
  // wavelengths ("excitation at 365 nm and 400 nm").
  if (ex != std::string_view::npos && pl != std::string_view::npos && pl < ex) {
    std::string_view since = before.substr(ex);
    size_t own = since.rfind(" nm");
    if (own != std::string_view::npos && (own == 0 || !is_digit(since[own - 1]))) own = std::string_view::npos;
    if (own == std::string_view::npos) {
      // the wavelength before the cue: "450 nm excitation"
      std::string_view lead = before.substr(0, ex);
      if (lead.ends_with(" nm ") && lead.size() > 4 && is_digit(lead[lead.size() - 5])) own = 0;
    }
    if (own != std::string_view::npos) {
      std::string_view gap = since.substr(own == 0 ? 0 : own + 3);
      if (gap.starts_with(")")) gap.remove_prefix(1);  // "(excitation wavelength of 350 nm) shows a peak at"
      if (gap.find_first_of("0123456789,;()") == std::string_view::npos && gap.find(" and ") == std::string_view::npos &&
          gap.find(" or ") == std::string_view::npos && gap.find(" to ") == std::string_view::npos) {
        for (std::string_view v : {" was "sv, " is "sv, " were "sv, " are "sv, " peaked "sv, " peaks "sv,
                                   " shows "sv, " showed "sv, " exhibits "sv, " exhibited "sv}) {
          if (gap.find(v) != std::string_view::npos) {
            ex = std::string_view::npos;
            break;
          }
        }
      }
    }
  }
  // "(λex = 400 nm)": the excitation wavelength itself; a later value in the sentence is not.
  if (std::string_view b = before.substr(0, before.find_last_not_of(" =:") + 1);
      b.ends_with("\u03bbex") || b.ends_with("\u03bb_ex") || b.ends_with("\u03bbexc")) {
    ex = before.size();
  }
  if (excitation_after(qa.after)) ex = before.size();
  // "PL decay curves monitored at 520 nm", "by monitoring the emission at 520 nm": the detection
  // wavelength of a measurement, no peak (s21-optics).
  if (size_t m = before.rfind("monitor");
      m != std::string_view::npos && before.size() - m <= 36 &&
      before.substr(m).find_first_of("0123456789,;") == std::string_view::npos) {
    ex = before.size();
  }
  // "two emission bands at 420 nm (exciton) and 600 nm (Mn d–d)": an exciton word bracketed right
  // after an emission's earlier value labels that band, no absorption cue (s22-optics3).
  if (ab != std::string_view::npos && pl != std::string_view::npos && pl < ab && before.substr(0, ab).ends_with("nm (")) {
    ab = std::string_view::npos;
  }
  if (emission_band(before, qa.after)) pl = before.size() - 1;
  if (exciton_of_emission(before, pl, ab)) {
    pl = ab;
    ab = std::string_view::npos;
  }
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
// "absorption edge", "band edge", "band-edge" at `at` in `s`: an optical edge, no edge length.
bool optical_edge_at(std::string_view s, size_t at) {
  if (!s.substr(at).starts_with("edge")) return false;
  std::string_view lead = s.substr(0, at);
  return lead.ends_with("absorption ") || lead.ends_with("absorbance ") || lead.ends_with("band ") ||
         lead.ends_with("band-");
}

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
  // "fibres had diameters of 300–500 nm, which shrank to 150–250 nm": a clause that only changes the
  // value before it goes on measuring what that value measured (review 19, FN-11).
  for (std::string_view m : {", which "sv, ", and "sv}) {
    std::string_view lead = before.substr(0, from_clause), rest = before.substr(from_clause);
    if (!lead.ends_with(m)) continue;
    if (rest.starts_with("then ")) rest.remove_prefix(5);
    // "was 24 nm, and it increased to 41 nm": the pronoun stands for what the value before measured.
    if (rest.starts_with("it ") || rest.starts_with("they ")) rest.remove_prefix(rest[0] == 'i' ? 3 : 5);
    size_t w = 0;
    while (w < rest.size() && is_lower(rest[w])) ++w;
    if ((change_verb(rest.substr(0, w)) || rest.substr(0, w) == "expanded") &&
        length_in(lead) != std::string_view::npos) {
      from_clause = clause_start(lead.substr(0, lead.size() - m.size()));
    }
    break;
  }
  // The last item of a list shares the clause of its first ("the thicknesses of ≈30, 300, and
  // 20 μm": ", and " starts no clause there).
  first_item = static_cast<size_t>(&q - qs.data());
  while (first_item > 0 && qs[first_item - 1].in_list && qs[first_item - 1].begin >= ss) --first_item;
  if (qs[first_item].begin < q.begin) {
    from_clause = std::min(from_clause, clause_start(before.substr(0, qs[first_item].begin - ss)));
  }
  clause = before.substr(from_clause);
  clause_off = before.size() - clause.size();
  // "lateral dimensions of 20 nm × 8 nm" (NPLs) names a size too (review 13, D50), and so does the
  // "tip-to-tip distance" of nanostars (review 15a, A25).
  static const CueIndex kSizeCues{"size", "diameter", "length", "width", "thick", "edge", "sized", "nanocrystals",
                                   "particles", "nps", "ncs", "qds", "dots", "average", "mean", "rods", "wires",
                                   "cubes", "platelets", "sheets", "shell", "core", "spheres", "measur", "radii",
                                   "radius", "seeds", "dimensions", "lateral", "tip-to-tip",
                                   // "a d50 of 0.45 μm": percentiles of a particle size distribution
                                   "d10", "d50", "d90", "dv50"};
  sz = last_word_cue(clause, kSizeCues);
  // "the absorption edge at 380 nm", "band edge": an optical edge, no edge length: the cue before it
  // (no other cue starts with "edge").
  if (sz != std::string_view::npos && optical_edge_at(clause, sz)) {
    sz = kSizeCues.last(clause.substr(0, sz), [](std::string_view w, size_t pos) {
      return starts_word(w, pos) && !has_prefix(w.substr(pos), "edge");
    });
  }
  // "The absorption edge of the particles shifted from 520 to 560 nm": a particle noun inside the
  // edge's "of" phrase names whose edge it is; the value is the edge's position.
  if (sz != std::string_view::npos) {
    for (size_t at = clause.find("edge"); at != std::string_view::npos && at < sz; at = clause.find("edge", at + 4)) {
      std::string_view between = clause.substr(at + 4, sz - at - 4);
      if (optical_edge_at(clause, at) && between.starts_with(" of ") && between.size() <= 40 &&
          between.find(',') == std::string_view::npos && between.find(" was ") == std::string_view::npos &&
          between.find(" were ") == std::string_view::npos) {
        sz = std::string_view::npos;
        break;
      }
    }
  }
  if (sz != std::string_view::npos) sz += clause_off;
  // "an emission width above 60 nm", "line width": the width word is the FWHM cue's own (it
  // starts at most 9 bytes into the cue: "emission " is the longest head of a width cue).
  if (sz != std::string_view::npos && fw != std::string_view::npos && sz > fw && sz - fw <= 9 &&
      before.substr(sz).starts_with("width")) {
    sz = std::string_view::npos;
  }
}

// Whether the size cue at `sz` in `before` is a particle noun in the "of" phrase of an optical cue
// (`pl`/`ab`, npos: none) with at most two words of its own: "pl peak of the cdse qds is", "emission
// wavelength of the si qds", "absorption band of the au nanoparticles". Not a dimension word ("the
// absorption peak of the particles with a size of"), nor across a number, comma, "and" or "with".
bool optical_peak_of(std::string_view before, size_t pl, size_t ab, size_t sz) {
  constexpr size_t npos = std::string_view::npos;
  const size_t optical = pl == npos ? ab : ab == npos ? pl : std::max(pl, ab);
  if (optical == npos || sz == npos || optical >= sz) return false;
  for (std::string_view d : {"size"sv, "diameter"sv, "length"sv, "width"sv, "thick"sv, "edge"sv, "radius"sv}) {
    if (before.substr(sz).starts_with(d)) return false;
  }
  std::string_view gap = before.substr(optical, sz - optical);
  // A bracketed symbol right after the cue word ("The absorption maximum (λmax) of the Au nanorods",
  // "(k max)" in PDF text; s21-optics2): up to 12 bytes, no digit, skipped.
  if (const size_t open = gap.find(" ("); open != npos && std::count(gap.begin(), gap.begin() + open, ' ') <= 1) {
    const size_t close = gap.find(')', open);
    if (close != npos && close - open <= 14 &&
        gap.substr(open, close - open).find_first_of("0123456789") == npos) {
      gap.remove_prefix(close + 1);
    }
  }
  const size_t of = gap.find(" of ");
  if (of == npos || gap.find_first_of(",;()") != npos || gap.find(" and ") != npos || gap.find(" with ") != npos) {
    return false;
  }
  for (size_t k = 1; k < gap.size(); ++k) {
    if (is_digit(gap[k]) && gap[k - 1] == ' ') return false;  // a number, not the "3" of "cspbbr3"
  }
  auto words = [](std::string_view s) { return std::count(s.begin(), s.end(), ' '); };
  return words(gap.substr(0, of)) <= 1 && words(gap.substr(of + 4)) <= 4;
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
  if (size_t source = size_from_width(before, fw); source == std::string_view::npos) {
    consider(fw, "fwhm");
  } else {
    consider(source, "size");
  }
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
        // "a bimodal pore size distribution with peaks at 0.4 and 2 μm": the peaks of a size
        // distribution are sizes when no optical cue is named.
        if (ab == npos && pl == npos && since.find("distribution") != npos) break;
        type = ab != npos && (pl == npos || ab > pl) ? "absorption_peak" : pl != npos ? "pl_peak" : "";
        break;
      }
    }
  }
  // "The PL peak of the CdSe QDs is 550 nm", "the emission wavelength of the Si QDs": a particle
  // noun in the "of" phrase after an optical peak names whose peak it is, no size (s21-optics).
  if (type == "size" && best == sz && !cue_after && optical_peak_of(before, pl, ab, sz)) {
    type = pl != std::string_view::npos && (ab == std::string_view::npos || pl > ab) ? "pl_peak" : "absorption_peak";
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
    lead = trim_right(lead);
    if (next.starts_with("band edge") || next.starts_with("band-edge")) type.clear();  // "absorption band edge"
    for (std::string_view edge : {"onset"sv, "edge"sv, "tail"sv, "threshold"sv, "cut-off"sv, "cutoff"sv}) {
      if (next.starts_with(edge) || lead.ends_with(std::string(edge) + " of")) type.clear();
    }
  }
}

// "PbS QDs with an absorption peak at 1100 nm (4 nm)", "an excitonic peak at 950 nm (about 3.2 nm)":
// a length in brackets right after an absorption position, an order of magnitude shorter, is the
// diameter of the dots that absorb there (sizing curves), not a second peak (review 17b, S12).
void size_after_absorption_peak(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  if (len.type != "absorption_peak" || len.cue_after || !qa.q.value) return;
  const std::vector<Quantity>& qs = para.qs;
  const size_t index = static_cast<size_t>(&qa.q - qs.data());
  if (index == 0 || qa.after.substr(skip_spaces(qa.after, 0)).substr(0, 1) != ")") return;
  const Quantity& peak = qs[index - 1];
  if (peak.kind != "length" || !peak.value || *qa.q.value * 10 > *peak.value || peak.end < qa.ss) return;
  std::string_view gap = std::string_view(para.folded).substr(peak.end, qa.q.begin - peak.end);
  for (std::string_view hedge : {"~"sv, "\u223c"sv, "\u2248"sv, "ca. "sv, "about "sv, "approximately "sv}) {
    if (gap.ends_with(hedge)) gap.remove_suffix(hedge.size());
  }
  if (gap == " (" || gap == "(") len.type = "size";
}

// "The anode support is ~500 μm, the electrolyte ~10 μm and the cathode ~30 μm": a later item of an
// elliptic list names its layer right before the length; the copula is the first item's. `b` is the
// lower-cased text before the length (hedges trimmed).
bool elliptic_layer_item(std::string_view b) {
  size_t w = b.size();
  while (w > 0 && b[w - 1] != ' ') --w;
  std::string_view lead = trim_right(b.substr(0, w));
  if (!lead.ends_with(" the")) return false;
  lead = trim_right(lead.substr(0, lead.size() - 4));
  if (!(lead.ends_with(",") || lead.ends_with(" and"))) return false;
  for (std::string_view verb : {" is "sv, " are "sv, " was "sv, " were "sv}) {
    if (lead.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

// A length no cue placed: a layer, support, electrode or pore named before it in brackets, with
// "of" or as the subject ("a dense (~10 μm) YSZ electrolyte", "a NiO-8YSZ anode of 25 μm"); and
// grains or crystals named so ("BZCY grains of about 2 μm", "the crystals were about 1 μm").
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
  // "(YSZ/GDC, 1 μm/0.5 μm)": two layers' lengths joined by a slash share the bracket (review 19,
  // FN-5); "(Ø 18 mm × 0.9 mm)": a diameter in mm × a thickness, the bracket sizes the thickness
  // (review 19, FN-3).
  auto pair_gap = [&](size_t a, bool cross) {
    if (qs[a].kind != "length" || qs[a + 1].kind != "length" || qs[a].end > qs[a + 1].begin) return false;
    std::string_view gap = std::string_view(folded).substr(qs[a].end, qs[a + 1].begin - qs[a].end);
    if (cross) return gap == " \u00d7 " || gap == "\u00d7" || gap == " x ";
    return gap == "/" || gap == " / ";
  };
  if (list_last == index && index + 1 < qs.size() && pair_gap(index, false)) {
    list_after = std::string_view(folded).substr(qs[index + 1].end, std::min<size_t>(40, folded.size() - qs[index + 1].end));
  }
  if (first_item == index && index > 0 && qs[index - 1].begin >= ss &&
      (pair_gap(index - 1, false) ||
       (pair_gap(index - 1, true) && qs[index - 1].value && *qs[index - 1].value >= 1e6 && q.value &&
        *q.value < *qs[index - 1].value))) {
    b = before.substr(0, qs[index - 1].begin - ss);
    b = trim_right(b);
    for (std::string_view sign : {"\u00f8"sv, "\u00d8"sv, "\u2300"sv, "\u03c6"sv}) {
      if (b.ends_with(sign)) b = trim_right(b.substr(0, b.size() - sign.size()));
    }
  }
  b = trim_right_words(b, {"~"sv, "\u223c"sv, "\u2248"sv, "<"sv, ">"sv, "\u2264"sv, "ca."sv, "about"sv, "approximately"sv});
  // "The anode functional layer (AFL, 15 μm)", "coating (MnCo2O4, 10 μm)": the bracket first
  // defines the layer's abbreviation or formula; the length is still the layer's.
  if (b.ends_with(",")) {
    const size_t open = b.rfind('(');
    if (open != std::string_view::npos && b.size() - open > 2 && b.size() - open <= 16) {
      std::string_view raw = std::string_view(text).substr(ss + open + 1, b.size() - open - 2);
      if (raw.find(' ') == std::string_view::npos && std::any_of(raw.begin(), raw.end(), is_upper)) {
        b = b.substr(0, open + 1);
      }
    }
  }
  std::string_view a = list_after.substr(skip_spaces(list_after, 0));
  // "anode support (about 600 μm after sintering)": the state the length was measured in, one word after
  // "after" or "before", closes the bracket as well (review 20).
  for (std::string_view state : {"after "sv, "before "sv}) {
    if (!a.starts_with(state)) continue;
    size_t w = state.size();
    while (w < a.size() && is_lower(a[w])) ++w;
    if (w > state.size() && w < a.size() && a[w] == ')') a = a.substr(w);
  }
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
  for (std::string_view v : {" is"sv, " was"sv, " are"sv, " were"sv, " exceeds"sv, " exceed"sv, " from"sv, " to"sv}) {
    if (!bracket && !of && b.ends_with(v)) copula = v.size();
  }
  const bool to = copula == 3 && b.ends_with(" to");
  const bool elliptic = !bracket && !of && !copula && elliptic_layer_item(b);
  if (bracket || of || copula || elliptic) {
    b.remove_suffix(bracket ? 1 : of ? 3 : copula);
    b = trim_right(b);
    size_t w = b.size();
    while (w > 0 && b[w - 1] != ' ' && b[w - 1] != '(' && b[w - 1] != ',') --w;
    if (copula && change_verb(b.substr(w))) {
      b = trim_right(b.substr(0, w));
      w = b.size();
      while (w > 0 && b[w - 1] != ' ' && b[w - 1] != '(' && b[w - 1] != ',') --w;
    } else if (to) {
      // "The as-received YSZ powder (0.5 μm) was milled to 0.2 μm": milling brings a powder to a
      // particle size. Any other "to" ("heated to", "diluted to") names no subject's length.
      std::string_view verb = b.substr(w);
      if (verb == "milled" || verb.ends_with("-milled") || verb == "ground") type = "size";
      return;
    }
    if (copula) w = subject_head(b, w);
    std::string_view word = b.substr(w);
    word = word.substr(0, std::min(word.find(' '), word.size()));
    Measured m = token_class(word);
    if (elliptic && m != Measured::kLayer) return;
    // "The small particles (3 nm) were amorphous, whereas the large ones (12 nm)": "ones" stands
    // for the particles named before it.
    if (bracket && word == "ones" && noun_before(b.substr(0, w)) == Measured::kParticle) m = Measured::kParticle;
    // "those obtained at 280 °C were smaller (8.0 nm)": a comparison with particles or layers named
    // before sizes them (review 19, FN-12).
    if (bracket && copula == 0 &&
        one_of(word, {"smaller", "larger", "bigger", "thicker", "thinner", "longer", "shorter", "wider", "narrower"})) {
      // The particles may stand further back than the 120 bytes of `before`.
      const size_t wide = para.sentences(q.begin, 300);
      m = noun_before(std::string_view(folded).substr(wide, ss + w - wide));
      if (m != Measured::kParticle && m != Measured::kLayer) m = Measured::kUnknown;
    }
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
      lead = trim_right(lead);
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
    } else if ((word == "pores" || word.ends_with("opores")) && (of || copula)) {  // "macropores of 180 nm"
      type = "size";  // "pores of 2–5 μm", "The pores of the Ni–YSZ support were 1–3 μm"
      layer_dimension = "pore";
    } else if (m == Measured::kParticle) {
      type = "size";  // "BZCY grains of about 2 μm", "The crystals were about 1 μm"
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
// before ("field emission ... the BECs were 40 nm and 320 nm in thickness"). And an earlier item of
// a list whose items carry their units, when the particles or layer are named after the last one
// ("5 nm, 10 nm and 20 nm Au nanoparticles"), unless the item before it was no size.
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
      return;
    }
    // "5 nm, 10 nm and 20 nm Au nanoparticles", "TEM images of (a) 4 nm, (b) 7 nm and (c) 11 nm Fe3O4
    // nanoparticles": items that carry their unit each, panel labels between them allowed, measure the
    // particles or layer named after the last one (review 20, captions).
    if (type.empty() && !q.in_list) {
      auto joined = [&](size_t a) {  // qs[a] and qs[a + 1] are items of one such list
        return qs[a + 1].kind == "length" && !qs[a + 1].in_list && qs[a + 1].begin >= qs[a].end &&
               list_gap(unlabelled_gap(std::string_view(folded).substr(qs[a].end, qs[a + 1].begin - qs[a].end)));
      };
      // "Scale bars: 50 nm, 100 nm and 200 nm Au nanoparticles": the item before was vetoed or read as
      // no size, and the list's noun does not override that for the items after it (s20-fixlen).
      if (qi > 0 && qs[qi - 1].kind == "length" && !qs[qi - 1].in_list && joined(qi - 1) &&
          !(walk.last_length == qi - 1 && walk.last_length_size)) {
        return;
      }
      // Each list is walked once, from its first item; the items after it take that walk's end.
      size_t last = qi;
      if (walk.carried_walk_from <= qi && qi <= walk.carried_walk_last) {
        last = walk.carried_walk_last;
      } else {
        while (last + 1 < qs.size() && joined(last)) ++last;
        walk.carried_walk_from = qi;
        walk.carried_walk_last = last;
      }
      if (last == qi) return;
      const Measured m = noun_after(std::string_view(folded).substr(qs[last].end, std::min<size_t>(80, folded.size() - qs[last].end)));
      if (m == Measured::kParticle || m == Measured::kLayer) {
        type = "size";
        measured_after = m;
      }
    }
  }
}

// "from 8 nm (5 min) to 12 nm (30 min)": a bracketed note right after a length ends nothing of
// its series; the gap after it is what joins the two lengths (review 15a, A24).
std::string_view past_bracket_note(std::string_view gap) {
  size_t p = skip_spaces(gap, 0);
  if (p >= gap.size() || gap[p] != '(') return gap;
  size_t close = gap.find(')', p);
  return close == std::string_view::npos ? gap : gap.substr(close + 1);
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
    gap = past_bracket_note(gap);
    bool list = gap.size() <= 8;
    for (char c : gap) list &= c == ' ' || c == ',' || c == 'a' || c == 'n' || c == 'd' || c == 'o' || c == 'r';
    list |= to_gap(gap);  // "decreased from 250 to 200 nm": two values of one dimension
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

// "Thicknesses: anode 500 μm; AFL 15 μm; electrolyte 10 μm": items of a list after a heading that
// names a dimension, one item a clause (the sentence splitter ends each at ';'), share the
// heading's dimension (review 19, FN-1). An item is a few words and its length; the walk goes back
// over such items to the heading's colon.
void heading_list(const Paragraph& para, const QuantityAt& qa, LengthReading& len) {
  if (!len.type.empty() || qa.ss < 2 || qa.before.size() > 40) return;
  const std::string_view f = para.folded;
  for (char c : qa.before) {
    if (c == ':' || c == '(' || c == ')') return;
  }
  size_t at = qa.ss;
  for (int items = 0; items < 12; ++items) {
    std::string_view head = trim_right(f.substr(0, at));
    if (!head.ends_with(";")) return;
    const size_t end = head.size() - 1;
    const size_t start = para.sentences(end, 200);
    std::string_view item = f.substr(start, end - start);
    const size_t colon = item.rfind(':');
    if (colon != std::string_view::npos) {
      // The item after the colon is the first of the list ("anode 500 μm"), the heading before it.
      if (length_in(item.substr(colon)) == std::string_view::npos) return;
      std::string_view heading = item.substr(0, colon);
      heading = heading.substr(heading.size() - std::min<size_t>(heading.size(), 30));
      size_t d = last_word_cue(heading, {"thickness", "size", "diameter", "length", "width"});
      if (d == std::string_view::npos) return;
      std::string_view w = heading.substr(d);
      len.type = "size";
      len.cue_after = true;
      len.after_dimension = w.starts_with("thick") ? "thickness" : w.starts_with("diameter") ? "diameter"
                            : w.starts_with("length") ? "length" : w.starts_with("width") ? "width" : "";
      return;
    }
    if (item.size() > 60 || length_in(item) == std::string_view::npos) return;
    at = start;
  }
}

// "deposited on 3.0 nm CdSe cores": a length before "cores" (after at most one name) measures the
// cores, whatever shell an earlier word named ("Giant-shell CdSe/CdS QDs ...: 20 monolayers of
// CdS were deposited on 3.0 nm CdSe cores"; review 14a, A25). `after` follows the number.
bool cores_after(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  for (int words = 0; words < 2 && p < after.size(); ++words) {
    std::string_view rest = after.substr(p);
    if (rest.starts_with("core ") || rest.starts_with("cores") || rest == "core") return true;
    while (p < after.size() && after[p] != ' ') ++p;
    p = skip_spaces(after, p);
  }
  return false;
}

// Pores as the subject of the clause before a length ("The pores in the cathode ranged from",
// "the mesopores of the silica were"). `clause` is lower-cased and ends at the length.
bool pore_subject(std::string_view clause) {
  size_t at = clause.rfind("pores");
  if (at == std::string_view::npos) return false;
  std::string_view rest = clause.substr(at + 5);
  if (rest.size() > 45 || rest.find(',') != std::string_view::npos) return false;
  // Hedges and "from" between the verb and the length.
  rest = trim_right_words(rest, {" from"sv, " between"sv, " about"sv, " approximately"sv, " ca."sv, "~"sv, "\u223c"sv,
                                 "\u2248"sv});
  for (std::string_view verb : {" were"sv, " are"sv, " ranged"sv, " range"sv}) {
    if (rest.ends_with(verb)) return true;
  }
  return false;
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
    // "lateral" and "size" name no dimension but end the reach of an earlier one ("2.5 nm thick with
    // lateral dimensions of about 20 nm"; review 15a, A23).
    // A width cue before a size is the method's ("estimated from the peak width"; review 15a,
    // A17): its "width" names no dimension of the product.
    auto dimension_word = [](std::string_view window) {
      return last_word_cue(window, {"diameter", "length", "width", "thick", "edge", "shell", "size", "radius",
                                    "radii", "lateral"});
    };
    size_t d = dimension_word(dwin);
    // "The absorption band edge of the 5 nm NCs": the optical edge names no dimension.
    while (d != std::string_view::npos && optical_edge_at(dwin, d)) d = dimension_word(dwin.substr(0, d));
    if (d != std::string_view::npos && len.fw != std::string_view::npos && len.fw >= dim_from &&
        dim_from + d >= len.fw && dim_from + d < len.fw + 16) {
      dwin = dwin.substr(0, len.fw - dim_from);
      d = dimension_word(dwin);
    }
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
    // "The Au NPs had a radius of 10 nm": the value is a radius, half the size (review 15a, A19).
    else if (w.starts_with("radi")) e.dimension = "radius";
    else if (w.starts_with("length")) e.dimension = "length";
    else if (w.starts_with("width")) e.dimension = "width";
    else if (w.starts_with("edge")) e.dimension = "edge";
    else if (w.starts_with("thick")) e.dimension = "thickness";
    // "a ZnS shell of 0.6 nm" is the shell's thickness, labelled as "shell thickness of 1.5 nm" is (review 15a, A16).
    else if (w.starts_with("shell") && !core_before() && !cores_after(qa.after)) e.dimension = "thickness";
    // "The Au nanoparticles (Ø = 15 nm)": a diameter sign names the dimension (it makes no size:
    // tables of cells and electrodes write their geometry so, "Micro ø 0.2 mm").
    if (diameter_sign_before(bytes_before(para, qa.q.begin))) e.dimension = "diameter";
    if (e.dimension.empty()) e.dimension = layer_dimension;
    // "The QDs were coated with a 3 nm ZnS shell": a layer noun after the length names its
    // thickness though a particle word before made it a size (review 15a, A15).
    if (e.dimension.empty() && len.measured_after == Measured::kLayer) e.dimension = "thickness";
    // "4.5 nm thick and 20 × 30 nm in lateral size": a side of an a × b product takes no
    // dimension from a cue of an earlier clause.
    std::string_view raw_after = std::string_view(text).substr(q.end, std::min<size_t>(8, text.size() - q.end));
    if (raw_after.starts_with(" \u00d7") || raw_after.starts_with("\u00d7") || raw_after.starts_with(" x ")) {
      e.dimension.clear();
    }
  }
  // "The pores were 5 nm in diameter", "the mesopores of the silica were 3.8 nm": the pores' size.
  if ((e.dimension.empty() || e.dimension == "diameter") && pore_subject(len.clause)) e.dimension = "pore";
  if (!respective_dimension.empty()) e.dimension = respective_dimension;
}

// Whether an item of the bracket `raw` (original case, brackets included) names a supplier: one to
// four words that are capitalised names or product codes, the first a capitalised name of four
// letters or more ("(Tosoh TZ-8Y, particle size 0.2 μm)", "(200 nm, Thermo Fisher)", "(..., Cheap
// Tubes)"), so that suppliers need no list (review 19, FP-1). Figure and table notes, method
// names and mineral or phase names ("(Anatase, 12 nm)") are no supplier.
bool supplier_item(std::string_view raw) {
  if (raw.size() < 2) return false;
  raw = raw.substr(1, raw.size() - 2);
  size_t from = 0;
  while (from <= raw.size()) {
    size_t to = raw.find_first_of(",;", from);
    if (to == std::string_view::npos) to = raw.size();
    std::string_view item = raw.substr(from, to - from);
    from = to + 1;
    int words = 0;
    bool ok = true;
    for (size_t p = skip_spaces(item, 0); p < item.size() && ok; p = skip_spaces(item, p)) {
      size_t e = p;
      while (e < item.size() && item[e] != ' ') ++e;
      std::string_view w = item.substr(p, e - p);
      p = e;
      size_t lower = 0;
      for (size_t k = 1; k < w.size() && is_lower(w[k]); ++k) ++lower;
      const bool name = is_upper(w[0]) && lower + 1 == w.size();
      bool code = !w.empty() && std::none_of(w.begin(), w.end(), is_lower) &&
                  std::all_of(w.begin(), w.end(), [](char c) { return is_upper(c) || is_digit(c) || c == '-'; });
      if (words == 0) {
        ok = name && w.size() >= 4;
        if (ok) {
          for (std::string_view suffix : {"ite"sv, "ase"sv, "ile"sv, "ide"sv, "ate"sv, "ene"sv, "ine"sv, "ure"sv}) {
            ok &= !w.ends_with(suffix);  // Anatase, Rutile, Magnetite; Figure
          }
          ok &= !one_of(w, {"Table", "Scheme", "Sample", "Samples", "Supporting", "Supplementary", "Inset", "Method",
                            "Route", "Batch", "Type", "Series", "Step", "Scherrer", "Rietveld", "Williamson",
                            "Gaussian", "Lorentzian", "Average", "Mean", "Approx", "Left", "Right", "Bottom", "Panel",
                            "Entry", "Image", "Figs", "Data", "Note", "Section", "Region", "Area", "Zone", "Spot",
                            "Point", "Site", "Ref", "Refs", "Synthesis", "Condition", "Reaction", "Run", "Experiment", "Spinel", "Perovskite", "Cubic", "Tetragonal",
                            "Hexagonal", "Monoclinic", "Orthorhombic", "Sphere", "Spheres", "Cubes", "Rods",
                            "Wires", "Sheets", "Plates", "Tubes", "Shell", "Core", "Thin", "Thick", "Dense",
                            "Porous", "Large", "Small", "Total", "Film", "Films", "Layer", "Layers", "Before",
                            "After", "Both", "Each", "From", "With", "Without", "Initial", "Final"});
        }
      } else {
        ok = (name && w.size() >= 3) || code;
      }
      ++words;
    }
    if (ok && words >= 1 && words <= 4) return true;
  }
  return false;
}

// "Platinum wires (0.25 mm diameter) were attached", "an Ag wire of 0.5 mm": a metal wire 10 μm
// and thicker is a lead of the test set-up, no product (review 19, FP-2). `before` is lower-cased
// and ends at the length.
bool metal_wire_before(std::string_view before, const std::optional<double>& value) {
  if (!value || *value < 1e4) return false;
  std::string_view b = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  // " wire" or "(wire": the word with the byte before it, `at` at that byte.
  size_t at = b.rfind("wire");
  if (at == std::string_view::npos || at == 0 || (b[at - 1] != ' ' && b[at - 1] != '(')) return false;
  --at;
  std::string_view rest = b.substr(at + 5);
  if (rest.starts_with("s")) rest.remove_prefix(1);
  // "the Pt current collector grid (wire diameter 0.1 mm)": the wires of a collector, grid or mesh
  // (review 25).
  if (rest.starts_with(" diameter") &&
      (before.find("collector") != std::string_view::npos || before.find(" grid") != std::string_view::npos ||
       before.find(" mesh") != std::string_view::npos)) {
    return true;
  }
  if (!(rest.starts_with(" (") || rest.starts_with(" of ") || rest.starts_with(" with "))) return false;
  std::string_view lead = b.substr(0, at);
  size_t w = lead.size();
  while (w > 0 && is_lower(lead[w - 1])) --w;
  return one_of(lead.substr(w), {"platinum", "pt", "gold", "au", "silver", "ag", "copper", "cu", "nickel", "ni",
                                 "titanium", "ti", "tungsten", "w", "steel", "nichrome", "chromel", "alumel"});
}

// "A 100 nm thick Ti adhesion layer and 200 nm Pt were sputtered as current collectors": layers
// made as current collectors belong to the test set-up, no product (review 19, FP-2). `rest` is the
// lower-cased sentence after the length.
// Only when the length's own clause makes them so, no comma or "with" between ("the 20 μm cathode,
// with Au mesh as current collector" keeps its size).
bool current_collector_after(std::string_view rest) {
  size_t at = as_current_collector(rest);
  if (at == std::string_view::npos || at > 80) return false;
  std::string_view between = rest.substr(0, at);
  return between.find_first_of(",;()") == std::string_view::npos && between.find(" with ") == std::string_view::npos &&
         between.find(" by ") == std::string_view::npos;
}

// "The hollow fiber membranes had an outer diameter of 1.2 mm and an inner diameter of 0.8 mm": the
// diameters and length of a hollow fibre 0.1 mm and up are a membrane's device geometry, as a
// tubular cell's are (GUIDELINE.md SOFC table); its wall or skin thickness is a size (review 17b,
// S20). Electrospun hollow fibres are sized in nm and keep their diameters.
bool hollow_fibre_geometry(std::string_view sentence, const Quantity& q, const Entity& e) {
  if (!q.value || *q.value < 1e5 || !(e.dimension == "diameter" || e.dimension == "length")) return false;
  return sentence.find("hollow fib") != std::string_view::npos || sentence.find("hollow-fib") != std::string_view::npos;
}

// "a Teflon-lined autoclave with an inner diameter of 45 mm", "the needle (inner diameter 0.6 mm)":
// an inner diameter of a tenth of a millimetre and more is the bore of a tube, needle, capillary or
// vessel (nanotubes' inner diameters are in nm); "placed 18 cm above the collector", "2 mm from the
// edge": a millimetre distance to something else. Apparatus, no product (review 25). `clause` and
// `after` are lower-cased.
bool apparatus_bore_or_distance(std::string_view clause, std::string_view after, const std::optional<double>& value,
                                const Entity& e) {
  if (!value) return false;
  if (*value >= 1e5 && e.dimension == "diameter") {
    const size_t d = clause.rfind("diameter");
    if (d != std::string_view::npos) {
      std::string_view lead = trim_right(clause.substr(0, d));
      if (lead.ends_with("inner") || lead.ends_with("internal") || lead.ends_with("inside")) return true;
    }
  }
  if (clause.ends_with("i.d. ") || clause.ends_with("i.d. = ") || clause.ends_with("(i.d. ")) return *value >= 1e5;
  if (*value >= 1e6) {
    for (std::string_view w : {" above "sv, " below "sv, " away "sv, " apart"sv, " from the "sv, " beneath "sv}) {
      if (after.starts_with(w)) return true;
    }
  }
  return false;
}

// Not every length with a size word is a product dimension (GUIDELINE.md of the outcome
// gold): reagent specifications, filters and sieves, radii and spacings are out, and so are
// lengths of apparatus, stock and sample forms ("Sample pellets 12.7 mm in diameter", "Ti
// foils (0.1 mm thickness"), and the diameter or length of a cell or support (device
// geometry; its thickness is a size).
// False: the size is dropped; *distance_cue tells that a distance cue of the clause dropped it
// (not_a_product_length()).
bool product_size(const Paragraph& para, const QuantityAt& qa, const LengthReading& len, const Entity& e,
                  bool* distance_cue) {
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
    lp += ss;
  } else if (rp == std::string_view::npos) {
    // "Commercial 8YSZ powder (TZ-8Y, Tosoh; particle size 0.2 μm)": the sentence splitter ends a
    // sentence at the ';' inside the bracket, so the bracket may open before the sentence (review 25).
    lp = std::string_view::npos;
    for (size_t k = ss; k > 0 && ss - k < 80; --k) {
      const char c = folded[k - 1];
      if (c == ')' || c == '\n' || (c == '.' && k < folded.size() && folded[k] == ' ')) break;
      if (c == '(') {
        lp = k - 1;
        break;
      }
    }
  } else {
    lp = std::string_view::npos;
  }
  if (lp != std::string_view::npos) {
    size_t close = std::string_view(folded).find(')', q.end);
    if (close != std::string_view::npos && close - q.end < 150) {
      paren = std::string_view(folded).substr(lp, close + 1 - lp);
    }
  }
  // "2-μm-thick YSZ": a hyphenated dimension adjective measures the noun after it.
  bool own_cue = cue_after && (after.starts_with("-thick") || after.starts_with("-thin") ||
                               after.starts_with("-wide") || after.starts_with("-long") ||
                               after.starts_with("-diameter"));
  const bool layer_next = measured_after == Measured::kLayer || measured_after == Measured::kParticle;
  if (not_a_product_length(sentence, clause, after, paren, own_cue, cue_after, layer_next, distance_cue)) return false;
  if (!paren.empty() && supplier_item(std::string_view(para.text).substr(paren.data() - folded.data(), paren.size()))) {
    return false;
  }
  if (hollow_fibre_geometry(sentence, q, e)) return false;
  if (metal_wire_before(before, q.value)) return false;
  if (apparatus_bore_or_distance(clause, after, q.value, e)) return false;
  // "a porous stainless steel support of 1 mm (Plansee, commercial)": a supplier's bracket right
  // after the length makes it a purchased part's specification (review 25).
  if (size_t k = skip_spaces(after, 0); k < after.size() && after[k] == '(') {
    const size_t open = q.end + k;
    const size_t close = std::string_view(folded).find(')', open);
    if (close != std::string_view::npos && close - open < 60) {
      const std::string_view in = std::string_view(folded).substr(open, close + 1 - open);
      for (std::string_view cue : {"commercial"sv, "purchased"sv, "supplied"sv}) {
        if (in.find(cue) != std::string_view::npos) return false;
      }
      if (supplier_item(std::string_view(para.text).substr(open, close + 1 - open))) return false;
    }
  }
  if (current_collector_after(std::string_view(folded).substr(q.end, se - q.end))) return false;
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
  // "The sizes of the three samples were 3.0, 4.1 and 5.3 nm", "Samples S1, S2 and S3 had sizes of
  // 4, 6 and 8 nm": sizes compared across samples are their particles' sizes, no sample form.
  grain_size |= clause.find("sizes") != std::string_view::npos && clause.find("sample") != std::string_view::npos;
  // "Sample A: d = 6.2 nm": the labelled sample's particle diameter, no sample form.
  grain_size |= sample_label_diameter(before, q.value);
  if (measured == Measured::kObject && !grain_size && measured_after != Measured::kObject &&
      !(e.dimension == "thickness" && polished_to_thickness(clause, after))) {
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
    b = trim_right(b);
    if (after.starts_with(" \u00d7") || after.starts_with(" x ") || b.ends_with("\u00d7") || b.ends_with(" x")) return false;
  }
  // "circular 200 μm microelectrodes": a device named right after a length without a
  // dimension word is its geometry.
  if (measured_after == Measured::kDevice && e.dimension.empty()) return false;
  // "cylindrical samples (5 mm diameter × 2 mm thickness)": a sample's diameter × thickness
  // pair is sample form (GUIDELINE.md), unless a product layer or particle is named.
  if (measured != Measured::kLayer && measured != Measured::kParticle) {
    std::string_view b = before;
    b = trim_right(b);
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

// "a TPB length density of 4.5 μm−2", "0.3 nm^-1": a length unit raised to a power is a density
// or a wavevector, no length. `after` follows the unit.
bool unit_power_after(std::string_view after) {
  if (after.starts_with("^") || after.starts_with("\u207b") || after.starts_with("\u00b2") ||
      after.starts_with("\u00b3")) {
    return true;
  }
  // "μm−2", "nm-1": a minus and one digit that starts no number of its own ("10 nm-15 nm" is a range).
  size_t d = after.starts_with("\u2212") ? 3 : after.starts_with("-") ? 1 : 0;
  if (d == 0 || after.size() <= d || !is_digit(after[d])) return false;
  std::string_view rest = after.substr(d + 1);
  if (!rest.empty() && is_digit(rest[0])) return false;
  if (rest.starts_with(".") && rest.size() > 1 && is_digit(rest[1])) return false;
  // "5 nm-2 μm": the digit takes a unit of its own.
  rest = rest.substr(skip_spaces(rest, 0));
  return !(rest.starts_with("nm") || rest.starts_with("mm") || rest.starts_with("\u03bcm") ||
           rest.starts_with("\u00b5m") || rest.starts_with("um") || rest.starts_with("cm"));
}

// Where the list of lengths that ends with qa.q starts ("at 365 nm and 450 nm", "at 365, 405 and 450 nm"),
// within its sentence: the first item's begin.
size_t list_head(const Paragraph& para, const QuantityAt& qa) {
  const std::vector<Quantity>& qs = para.qs;
  const size_t head = first_list_item(qs, qa.ss, static_cast<size_t>(&qa.q - qs.data()), [&](size_t a) {
    std::string_view gap = std::string_view(para.folded).substr(qs[a].end, qs[a + 1].begin - qs[a].end);
    return qs[a].in_list || (qs[a].kind == "length" && list_gap(gap));
  });
  return std::min(qs[head].begin, qa.q.begin);
}

// "Films of 25 nm, 60 nm and 150 nm were obtained", "pores of about 30 nm, which coarsened to
// 80 nm": a length with no cue of its own, joined to the size right before it as the next item of a
// list or as the value a change reaches, measures the same (review 25). The index into raws of that
// size, or SIZE_MAX.
size_t continued_size(const QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa) {
  const std::vector<Quantity>& qs = para.qs;
  const size_t qi = static_cast<size_t>(&qa.q - qs.data());
  if (qi == 0 || walk.last_length != qi - 1 || !walk.last_length_size || walk.last_spreadable >= para.raws.size()) {
    return SIZE_MAX;
  }
  const Quantity& p = qs[qi - 1];
  const Raw& r = para.raws[walk.last_spreadable];
  if (p.begin < qa.ss || p.end > qa.q.begin || r.e.type != "size" || r.begin != p.begin) return SIZE_MAX;
  std::string_view gap = std::string_view(para.folded).substr(p.end, qa.q.begin - p.end);
  if (list_gap(unlabelled_gap(gap)) || to_gap(gap)) return walk.last_spreadable;
  // ", which coarsened to ", " and then decreased to "
  for (std::string_view lead : {", which "sv, ", and then "sv, ", and "sv, " and "sv, ", then "sv}) {
    if (!gap.starts_with(lead)) continue;
    std::string_view rest = gap.substr(lead.size());
    // "with green thicknesses of 0.8 mm, and laminated to give 1.6 mm": a step that brings the
    // same thing to a new value.
    if (rest.ends_with(" to give ")) {
      rest.remove_suffix(9);
    } else if (rest.ends_with(" to ")) {
      rest.remove_suffix(4);
    } else {
      return SIZE_MAX;
    }
    const bool verb = rest.find(' ') == std::string_view::npos &&
                      (change_verb(rest) || (rest.size() > 4 && rest.ends_with("ed")));
    return verb ? walk.last_spreadable : SIZE_MAX;
  }
  return SIZE_MAX;
}

// "with d10 and d90 of 0.3 and 1.4 μm", "D10, D50 and D90 of 0.12, 0.35 and 0.9 μm": the tails of a
// particle size distribution are no size of the product, only its median is (GUIDELINE.md, review 25).
// Whether the percentile cue at `len.sz` that the length answers to is D10 or D90: the cues joined by
// commas and "and" before it are matched in order to the lengths after them ("0.15, 0.42 and 1.1 μm",
// "0.2 μm, 0.5 μm and 1.4 μm"). A cue is its own value's and reaches no length past the values it
// has: "The YSZ powder (D90 = 1.5 μm) gave electrolytes of 10 μm thickness" (s33-left).
bool distribution_tail(const Paragraph& para, const QuantityAt& qa, const LengthReading& len) {
  if (len.sz == std::string_view::npos) return false;
  const std::string_view b = qa.before;
  auto percentile = [&](size_t at, size_t* end) -> std::string_view {
    size_t e = at;
    if (e >= b.size() || b[e] != 'd') return {};
    ++e;
    if (e < b.size() && b[e] == 'v') ++e;
    const size_t digits = e;
    while (e < b.size() && is_digit(b[e])) ++e;
    if (e - digits != 2 || (e < b.size() && is_alnum(b[e]))) return {};
    *end = e;
    return b.substr(digits, 2);
  };
  size_t end = 0;
  std::string_view cue = percentile(len.sz, &end);
  if (cue.empty()) return false;
  std::vector<std::string_view> cues{cue};
  size_t at = len.sz;
  while (true) {
    std::string_view lead = b.substr(0, at);
    size_t cut = 0;
    for (std::string_view sep : {", and "sv, " and "sv, ", "sv}) {
      if (lead.ends_with(sep)) {
        cut = sep.size();
        break;
      }
    }
    if (!cut) break;
    size_t w = at - cut;
    size_t s = w;
    while (s > 0 && is_alnum(b[s - 1])) --s;
    std::string_view prev = percentile(s, &end);
    if (prev.empty() || end != w) break;
    cues.insert(cues.begin(), prev);
    at = s;
  }
  // The lengths between the (first) cue and this one: the values of the cues before it.
  size_t k = 0, previous_end = 0;
  const size_t cue_at = qa.ss + at;
  for (auto q = std::partition_point(para.qs.begin(), para.qs.end(), [&](const Quantity& x) { return x.begin <= cue_at; });
       q != para.qs.end() && q->begin < qa.q.begin; ++q) {
    if (q->kind != "length") continue;
    ++k;
    previous_end = q->end;
  }
  if (k >= cues.size()) {
    // Past the cues' values, a length is theirs only as the next item of their list of values, the
    // cues taken again in turn ("The D90 of the three powders was 1.5, 2.0 and 3.1 μm", "D10 and D90
    // ... were 0.3 and 1.4 μm and 0.5 and 2.1 μm"; s33-review L1); any other length is none of theirs.
    if (previous_end < qa.ss || previous_end > qa.ss + b.size()) return false;
    if (!one_of(b.substr(previous_end - qa.ss), {", ", " and ", ", and "})) return false;
  }
  cue = cues[k % cues.size()];
  return cue == "10" || cue == "90";
}

bool length_entity(QuantityWalk& walk, const Paragraph& para, const QuantityAt& qa, Entity& e) {
  if (unit_power_after(qa.after)) return false;
  // "a growth rate of 0.12 nm/cycle", "1.1 Å per cycle": an ALD or PLD growth per cycle or pulse,
  // no dimension (review 19, FP-5).
  for (std::string_view per : {"/cycle"sv, " per cycle"sv, "/pulse"sv, " per pulse"sv, " cycle\u207b"sv}) {
    if (qa.after.starts_with(per)) {
      walk.vetoed.emplace_back(qa.q.begin, qa.q.end);
      return false;
    }
  }
  if (length_spread(walk, para.raws, qa)) return false;
  if (shift_amount(qa.before)) return false;
  LengthReading len;
  optical_cues(qa, len);
  clause_cue(para, qa, len);
  if (distribution_tail(para, qa, len)) {
    walk.vetoed.emplace_back(qa.q.begin, qa.q.end);
    return false;
  }
  nearest_cue(para, qa, len);
  optical_position(para, qa, len);
  size_after_absorption_peak(para, qa, len);
  if (len.type.empty() && bracketed_diameter(bytes_before(para, qa.q.begin), qa.q.value)) len.type = "size";
  if (len.type.empty() && sample_label_diameter(qa.before, qa.q.value)) len.type = "size";
  if (len.type.empty() && (len.measured_after == Measured::kParticle || len.measured_after == Measured::kLayer)) {
    len.type = "size";
    if (len.measured_after == Measured::kLayer) len.layer_dimension = "thickness";
  }
  layer_in_brackets(para, qa, len);
  nominal_thickness(para, qa, len);
  list_unit_after(walk, para, qa, len);
  dimension_window(walk, para, qa, len);
  respective_lengths(walk, para, qa, len);
  heading_list(para, qa, len);
  // "A 20 nm SrRuO3 bottom electrode", "a 50 nm Pt electrode": an electrode or cell part sized
  // below a micrometre with no dimension word is a thin-film layer, its thickness (review 25);
  // microelectrodes and button cells are sized in μm and mm.
  if (len.type.empty() && len.measured_after == Measured::kDevice && qa.q.value && *qa.q.value < 1000 &&
      !qa.q.min) {
    len.type = "size";
    len.layer_dimension = "thickness";
  }
  const size_t continued = continued_size(walk, para, qa);
  if (len.type.empty() && continued != SIZE_MAX) len.type = "size";
  // An excitation or irradiation wavelength (excitation_before(), excitation_after()) is no size, whatever a
  // particle noun after it or the list it starts says (s21-outx); the rules' peaks keep their type.
  if ((len.type.empty() || len.type == "size") &&
      (excitation_after(qa.after) || excitation_before(qa.before.substr(0, list_head(para, qa) - qa.ss)))) {
    walk.vetoed.emplace_back(qa.q.begin, qa.q.end);
    return false;
  }
  if (len.type.empty()) return false;
  if (qa.q.min && recording_window(qa.before)) return false;
  e.type = len.type;
  if (len.type == "size") {
    size_dimension(para, qa, len, e);
    if (e.dimension.empty() && continued != SIZE_MAX) e.dimension = para.raws[continued].e.dimension;
    // A length ruled out by a distance cue of its clause ("delamination occurs if the anode exceeds
    // 2.6 μm") may still be a layer's: that veto is the rules' guess, left to the learned stage.
    bool distance_cue = false;
    if (!product_size(para, qa, len, e, &distance_cue)) {
      if (!distance_cue) walk.vetoed.emplace_back(qa.q.begin, qa.q.end);
      return false;
    }
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
  // " e g ": the subscript of "Eg" set apart by PDF conversion ("The E g values are", s21-optics).
  size_t bg = last_cue(before, {"band gap", "bandgap", "band-gap", "optical gap", "eg ", " e g "});
  if (fw != std::string_view::npos && (bg == std::string_view::npos || fw > bg)) {
    e.type = "fwhm";
    e.unit = "meV";
    if (e.value) e.value = *e.value * 1000;
    if (e.min) e.min = *e.min * 1000;
    if (e.max) e.max = *e.max * 1000;
  } else if (bg != std::string_view::npos) {
    // "close to that of bulk CZTS (1.5 eV)", "the bulk band gap of CdSe (1.74 eV)": a reference
    // value, not this product's.
    // Only since the last number before this one: "increases from 1.74 eV for the bulk to 1.98 eV"
    // has the bulk's value first, and the words after it name it (s21-optics).
    // "Bulk PbS has a band gap of 0.41 eV": the clause's subject, up to 24 bytes before the cue and
    // not across a comma ("Unlike bulk CdSe, the QDs have a band gap of") (s22-optics3).
    size_t from = bg >= 24 ? bg - 24 : 0;
    if (size_t c = before.substr(0, bg).find_last_of(",;"); c != std::string_view::npos && c + 1 > from) from = c + 1;
    if (size_t d = before.find_last_of("0123456789"); d != std::string_view::npos && d + 1 > from) from = d + 1;
    std::string_view ref = before.substr(from);
    if (size_t fb = ref.find("for the bulk"); from > bg && fb != std::string_view::npos && fb <= 6) {
      ref.remove_prefix(fb + 12);  // the bulk of the value before: "from 1.74 eV for the bulk to"
    }
    if (ref.find("bulk") != std::string_view::npos || ref.find("literature") != std::string_view::npos) return false;
    const std::string_view a = after.substr(skip_spaces(after, 0));
    if (a.starts_with("for the bulk") || a.starts_with("for bulk") || a.starts_with("of the bulk") ||
        a.starts_with("(bulk")) {
      return false;
    }
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
  before = trim_right(before);
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
        // The role's walk counts words, not bytes: a recipe sentence's reagent list with its
        // amounts may put the step verb more than 120 bytes back (review 14a, A33).
        e.role = temperature_role(view, im.temperature_roles, para.token_at(q.begin), t_end, ss, sentences(q.begin, 300));
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
      const bool length = length_entity(walk, para, qa, e);
      walk.last_length = static_cast<size_t>(&q - qs.data());
      walk.last_length_size = length && e.type == "size"sv;
      if (!length) continue;
      // "(20 ± 3) nm": a size's span starts at the number (GUIDELINE.md §1), the bracket the
      // quantity opens with stays outside; other kinds keep the whole quantity.
      if (e.type == "size"sv && q.sd && para.text[r.begin] == '(') ++r.begin;
    } else if (kind == "energy") {
      if (!energy_entity(para, qa, e)) continue;
    } else {
      continue;  // ignore, flow
    }
    pending.keep = true;
    if (e.type == "size"sv || e.type == "pl_peak"sv || e.type == "absorption_peak"sv) walk.last_spreadable = raws.size() - 1;
  }
  fwhm_in_mev(para, walk.last_pl_peak, walk.fwhm_nm, walk.pl_peaks);
  para.vetoed_lengths = std::move(walk.vetoed);
}

}  // namespace synthdb::rules
