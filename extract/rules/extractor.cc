// Extractor: construction (lexicons, rules, learned models), version(), and extract(): the passes in
// their order (the passes themselves: failures.cc, words.cc, amounts.cc, roles.cc, quantity_entities.cc).
#include "extract/rules/extractor_impl.h"

#include <cmath>

#include "extract/core/data_dir.h"
#include "extract/rules/repair.h"

namespace synthdb::rules {

using namespace detail;

namespace detail {

// A failure pattern whose spaces (a literal ' ' or `\s` outside a character class) also match the
// no-break, thin and narrow no-break spaces of PDF text ("no\u00a0nanorods formed"): RE2's `\s` is
// ASCII only. The curator writes plain spaces in failures.tsv.
constexpr std::string_view kSpace = "[\\s\\x{00A0}\\x{2009}\\x{202F}]";
std::string any_space(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() * 2);
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

}  // namespace detail

namespace {

// `v` rounded to 12 significant digits: the nearest double to that decimal, so that it prints as
// the short decimal. Values that already print in 12 digits or fewer are returned unchanged.
double round_significant(double v) {
  // A whole number below 10^12 has at most 12 digits: returned as it is (most values: °C, nm, mL),
  // without the log10() call. (v * p below is then a whole number below 10^12, exact, and so is
  // the division back.)
  if (std::fabs(v) < 1e12 && v == std::trunc(v)) return v;
  if (!std::isfinite(v)) return v;
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const int keep = 11 - static_cast<int>(std::floor(std::log10(std::fabs(v))));  // decimals to keep
  if (keep > 22 || keep < -22) return v;  // powers of ten are exact doubles up to 1e22 only
  const double p = kPow10[keep >= 0 ? keep : -keep];
  // Both operands are exact, so the division gives the double nearest to the decimal.
  return keep >= 0 ? std::round(v * p) / p : std::round(v / p) * p;
}

// Bumped whenever the rules (code) change meaning; lexicon changes are covered by their hash.
constexpr const char* kRulesVersion = "rules-27";  // bump when rule code changes output

constexpr const char* kLexiconFiles[] = {"units.tsv",      "elements.tsv",  "chemical_words.tsv", "materials.tsv",
                                         "operations.tsv", "methods.tsv",   "morphologies.tsv",   "phases.tsv",
                                         "failures.tsv",   "temperature_roles.tsv", "atmospheres.tsv", "acronyms.tsv",
                                         "salt_charges.tsv"};

}  // namespace

namespace {

// The longer of the prefix and the suffix that all of a gated failure rule's literals share ("" when
// none): find_failures() asks the paragraph's byte triples for it before the literals one by one.
std::string common_affix(const std::vector<std::string>& gate) {
  if (gate.empty()) return {};
  size_t prefix = gate[0].size(), suffix = gate[0].size();
  for (const std::string& g : gate) {
    size_t p = 0, q = 0;
    while (p < prefix && p < g.size() && g[p] == gate[0][p]) ++p;
    while (q < suffix && q < g.size() && g[g.size() - 1 - q] == gate[0][gate[0].size() - 1 - q]) ++q;
    prefix = p;
    suffix = q;
  }
  return prefix >= suffix ? gate[0].substr(0, prefix) : gate[0].substr(gate[0].size() - suffix);
}

// A failure pattern with its ASCII case folds spelled out ('k' -> [kK], [a-z] -> [a-zA-Z]) for a
// case-sensitive match: under (?i) RE2 also folds every 'k' and 's' (and \w, [a-z]) to the Kelvin sign
// and the long s, multi-byte branches that made the failure programs, their compiles and their DFA
// states larger. Only those two code points fold to ASCII letters, so on text without them
// (needs_unicode_fold()) both forms match alike. A non-ASCII letter keeps (?i:...) and a
// (?-i:...) group stays as written; spaces widen as in any_space(). "" for a construct not handled
// here: the rule then keeps (?i:).
std::string ascii_fold_pattern(std::string_view p) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto swap_case = [](char c) { return static_cast<char>(c ^ 0x20); };
  std::string out;
  out.reserve(p.size() * 3);
  size_t k = 0;
  // Copies the escape at p[k] ("\b", "\(", "\x{00A0}") and moves past it; false when not handled.
  auto escape = [&]() {
    if (k + 1 >= p.size()) return false;
    const char e = p[k + 1];
    if (e == 'x' && k + 2 < p.size() && p[k + 2] == '{') {
      const size_t close = p.find('}', k);
      if (close == std::string_view::npos) return false;
      out.append(p.substr(k, close + 1 - k));
      k = close + 1;
      return true;
    }
    if (std::string_view("bBsSwWdD").find(e) == std::string_view::npos && (letter(e) || (e >= '0' && e <= '9') || (e & 0x80)))
      return false;
    out.append(p.substr(k, 2));
    k += 2;
    return true;
  };
  while (k < p.size()) {
    const char c = p[k];
    if (c == ' ' || (c == '\\' && k + 1 < p.size() && p[k + 1] == 's')) {  // as any_space() widens it
      out += kSpace;
      k += c == ' ' ? 1 : 2;
    } else if (c == '\\') {
      if (!escape()) return "";
    } else if (c == '(' && p.substr(k, 2) == "(?") {
      if (p.substr(k, 3) == "(?:") {
        out += "(?:";
        k += 3;
      } else if (p.substr(k, 5) == "(?-i:") {  // copied to its ')' as written
        const size_t from = k;
        int depth = 0;
        bool in_class = false;
        for (; k < p.size(); ++k) {
          if (p[k] == '\\') {
            ++k;
          } else if (in_class) {
            in_class = p[k] != ']';
          } else if (p[k] == '[') {
            in_class = true;
            if (k + 1 < p.size() && p[k + 1] == ']') ++k;
          } else if (p[k] == '(') {
            ++depth;
          } else if (p[k] == ')' && --depth == 0) {
            break;
          }
        }
        if (k >= p.size()) return "";
        out += any_space(p.substr(from, ++k - from));
      } else {
        return "";
      }
    } else if (c == '[') {
      out += '[';
      ++k;
      if (k < p.size() && p[k] == '^') out += p[k++];
      if (k < p.size() && p[k] == ']') out += p[k++];
      while (k < p.size() && p[k] != ']') {
        const char a = p[k];
        if (a == '\\') {
          if (!escape()) return "";
          if (k + 1 < p.size() && p[k] == '-' && p[k + 1] != ']') return "";
        } else if (a == '[') {
          return "";  // [:alpha:] and the like
        } else if (a & 0x80) {
          // General punctuation (U+2000..U+206F: dashes, spaces) has no case; a range of it is not handled.
          if (p.substr(k, 2) != "\xE2\x80" && p.substr(k, 2) != "\xE2\x81") return "";
          if (k + 4 < p.size() && p[k + 3] == '-' && p[k + 4] != ']') return "";
          out.append(p.substr(k, 3));
          k += 3;
        } else if (k + 2 < p.size() && p[k + 1] == '-' && p[k + 2] != ']') {
          const char b = p[k + 2];
          out.append(p.substr(k, 3));
          if (letter(a) && letter(b) && (a <= 'Z') == (b <= 'Z') && a <= b) {
            out += swap_case(a);
            out += '-';
            out += swap_case(b);
          } else if (!(b < 'A' || a > 'z' || (a > 'Z' && b < 'a'))) {
            return "";  // a range of letters and other characters
          }
          k += 3;
        } else {
          out += a;
          if (letter(a)) out += swap_case(a);
          ++k;
        }
      }
      if (k >= p.size()) return "";
      out += p[k++];
    } else if (letter(c)) {
      out += '[';
      out += c;
      out += swap_case(c);
      out += ']';
      ++k;
    } else if (c & 0x80) {  // one code point, folded by RE2 as before
      size_t e = k + 1;
      while (e < p.size() && (p[e] & 0xC0) == 0x80) ++e;
      out += "(?i:";
      out.append(p.substr(k, e - k));
      out += ')';
      k = e;
    } else {
      out += c;
      ++k;
    }
  }
  return out;
}

// Entity's fields as order_entities() moves them one by one: a field added to Entity changes its
// size, and this assertion then asks for the field to be moved there too.
struct EntityFieldsMoved {
  std::string type;
  int64_t start, end;
  std::string text;
  std::optional<double> value, min, max, sd;
  std::string unit, role, name, normalized, formula, quantity, dimension, cue;
  std::optional<int> material;
};
static_assert(sizeof(EntityFieldsMoved) == sizeof(Entity), "order_entities() moves Entity field by field: add the new field there");

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
  std::vector<int> material_index(mats.size(), -1);
  for (size_t pos = 0; pos < keyed.size(); ++pos) {
    const Raw& r = raws[keyed[pos].second];
    if (r.material_id >= 0) material_index[r.material_id] = static_cast<int>(pos);
  }
  result.entities.reserve(raws.size());
  outcome_at.reserve(raws.size());  // most paragraphs hold several outcomes: no regrowth copies
  // Field by field, and only the strings that are set: Entity's implicit move makes a memcpy() call
  // for each of its ten strings, most of them empty (887 k calls for 82 k entities on bench2). One
  // line per field: a loop over member pointers cost 4 M instructions more on bench2.
  auto take = [](std::string& to, std::string& from) {
    if (!from.empty()) to = std::move(from);
  };
  for (const auto& [key, k] : keyed) {
    Raw& r = raws[k];
    Entity& e = r.e;
    Entity& d = result.entities.emplace_back();
    d.type = std::move(e.type);
    d.start = cps[r.begin];
    d.end = cps[r.end];
    d.text.assign(text.substr(r.begin, r.end - r.begin));
    d.value = e.value;
    d.min = e.min;
    d.max = e.max;
    d.sd = e.sd;
    take(d.unit, e.unit);
    take(d.role, e.role);
    take(d.name, e.name);
    take(d.normalized, e.normalized);
    take(d.formula, e.formula);
    take(d.quantity, e.quantity);
    take(d.dimension, e.dimension);
    take(d.cue, e.cue);
    d.material = r.material_ref >= 0 ? std::optional<int>(material_index[r.material_ref]) : e.material;
    if (is_outcome(d)) outcome_at.push_back({result.entities.size() - 1, r.begin, r.end});
  }
}

// Whether token bytes [b, e) lie between "pH" and the value of a pH quantity that names its medium:
// "The final pH of the CdTe solution was about 11" keeps CdTe a material (review 14c, R17).
bool inside_ph_medium(const Quantity& q, size_t b, size_t e) {
  return q.kind == "ph"sv && b > q.begin + 1 && e < q.end;
}

// Per token: whether it overlaps a quantity (not an "ignore" one), so that no later pass reads it
// as a word or material. One byte per token, not std::vector<bool>: these flags are read at every
// token by every pass, and a bit vector pays a shift and mask per read (2 % of the extraction time).
// Walked per quantity (tokens are in text order, so those that overlap [begin, end) are the run from
// the first that ends after `begin` while they start before `end`): a walk over every token against
// the quantities was 1 % of the extraction time, and the quantities are few.
std::vector<uint8_t> quantity_tokens(const TokenView& view, const std::vector<Quantity>& qs) {
  std::vector<uint8_t> blocked(view.tokens.size(), false);
  const auto tokens_begin = view.tokens.begin(), tokens_end = view.tokens.end();
  for (const Quantity& q : qs) {
    if (q.kind == "ignore"sv) continue;
    auto t = std::partition_point(tokens_begin, tokens_end, [&q](const Token& x) { return x.end <= q.begin; });
    for (; t != tokens_end && t->begin < q.end; ++t) {
      if (!inside_ph_medium(q, t->begin, t->end)) blocked[static_cast<size_t>(t - tokens_begin)] = true;
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
    head = trim_right(head);
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
    inside = trim_right(inside);
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

}  // namespace

Extractor::Extractor(const std::filesystem::path& lexicon_dir) : Extractor(ExtractorOptions{lexicon_dir, {}, true}) {}

Extractor::Extractor(const ExtractorOptions& options) : impl_(std::make_unique<Impl>()) {
  const std::filesystem::path& lexicon_dir = options.lexicon_dir;
  std::filesystem::path dir = lexicon_dir.empty() ? data_dir() / "extract" / "rules" / "lexicons" : lexicon_dir;
  if (!std::filesystem::is_directory(dir)) throw RuleError(dir.string() + ": lexicon directory not found");
  Impl& im = *impl_;
  LexiconFiles lexicons(dir);  // each file read once: the loaders parse it, version() hashes it
  im.quantities = std::make_unique<QuantityScanner>(lexicons);
  im.materials = std::make_unique<MaterialFinder>(lexicons);
  // Later files win over earlier ones for the same phrase only when longer; order = priority.
  for (auto [file, type, plural] : {std::tuple{"methods.tsv", "method", true}, {"phases.tsv", "phase", false},
                                    {"operations.tsv", "operation", false}}) {
    im.words.load(lexicons, file, plural);
    im.word_types.resize(im.words.values.size(), type);
  }
  im.morphologies.load(lexicons, "morphologies.tsv");
  im.temperature_roles.load(lexicons, "temperature_roles.tsv", false);
  im.atmospheres.load(lexicons, "atmospheres.tsv", false);
  re2::RE2::Options set_options;
  set_options.set_case_sensitive(true);  // the patterns spell out their case folds (ascii_fold_pattern)
  set_options.set_log_errors(false);
  im.failure_set = std::make_unique<re2::RE2::Set>(set_options, re2::RE2::UNANCHORED);
  for (const TsvRow& row : lexicons.read_tsv("failures.tsv", 2)) {
    // Spaces in a pattern also match no-break and thin spaces (any_space).
    std::string pattern = ascii_fold_pattern(row.fields[1]);
    if (pattern.empty()) pattern = "(?i:" + any_space(row.fields[1]) + ")";
    im.failures.emplace_back(row.fields[0], pattern, row.fields[1]);
    const int index = static_cast<int>(im.failures.size()) - 1;
    if (row.fields.size() > 2 && !row.fields[2].empty()) {
      std::vector<std::string> gate;
      for (size_t b = 0, e; b <= row.fields[2].size(); b = e + 1) {
        e = std::min(row.fields[2].find('|', b), row.fields[2].size());
        if (e > b) gate.push_back(row.fields[2].substr(b, e - b));
      }
      // Not parsed here (parsing the four gated rules cost 1 % of the MSP benchmark's start-up): a
      // bad one throws RuleError at its first use; the golden cases use each of them.
      im.gate_common.push_back(common_affix(gate));
      im.gate_common_slots.push_back(ByteTriples::slots(im.gate_common.back()));
      std::vector<std::vector<uint16_t>>& slots = im.gate_slots.emplace_back();
      for (const std::string& g : gate) slots.push_back(ByteTriples::slots(g));
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
  // NP-decorated TiO2" name another product (review 13b, R8). So do the plain "cubes" of colloidal papers
  // ("Cu2O cubes") and "giant-shell QDs" (review 15a, A4). Not "spheres" (mostly templates: "PMMA
  // spheres", "silica spheres were used as template") nor "octahedra" (crystal units: "CoO6 octahedra").
  // The nano nouns as scraped text keeps a line-break hyphen in them ("CsPbBr3 nano-cubes") too.
  im.target_noun = compile(
      "target_noun",
      R"(^(?:\s+(?:core(?:/|-|–)(?:shell|crown|multishell)|giant-shell|colloidal|perovskite|alloyed|doped))?[ -](?:cubes?|nano-?(?:crystals?|particles?|rods?|wires?|sheets?|platelets?|plates?|cubes?|structures?|spheres?|stars?|clusters?|dots?|belts?|flowers?|prisms?|dis[ck]s?|cages?|frames?|shells?|bipyramids?|octahedra)|ncs|nps|ucnps?|qds|nws|nrs|npls|quantum dots|quantum rods|quantum wells|tetrapods?|dots|mxenes?)\b(?:[^-]|$))");
  // Context for material roles, matched on lower-cased text right before / after the mention.
  // "yielded/afforded" take up to two words before the mention ("Etching ... yielded accordion-like
  // multilayer Ti3C2Tx"; review 13b, D4).
  im.target_before = compile(
      "target_before",
      R"((?:(?:synthesis|preparation|fabrication|formation|growth|production)(?: (?:protocol|procedure|route|method))? (?:of|for)|(?:to |for )?(?:obtain|obtaining|form|forming|prepare|preparing|produce|producing|synthesi[sz]e|synthesi[sz]ing|fabricate|fabricating|give|yield|afford|get)|to grow|(?:yielded|afforded)(?: [a-z-]+)?|(?:resulting|resultant|as-prepared|as-synthesized|as-obtained|obtained|final|target)|(?:convert\w*|conversion|transform\w*) (?:yield of |efficiency of )?(?:\S+ )?(?:in)?to|(?:named|denoted|marked|label+ed|designated|termed|referred to|abbreviated|noted)(?: as)?|(?:series|crystals|samples) of)(?: the| a| an)?(?: [a-z-]+)?\s*$)");
  // "X nanoparticles were prepared", "X (x = 0.2, 0.3) samples were synthesized", "X with Ni2+
  // doping was prepared", "X ceramics ... were fabricated", "X core–shell NPs were synthesized" (a
  // slash or en dash in the word before the noun; review 13, D43), "Ti3C2Tx flakes were obtained by
  // delamination" (review 13b, D3/D5): the mention is what the paragraph makes. So are the product
  // nouns of general inorganic synthesis ("TiO2 nanofibers", "K2Ti6O13 whiskers", "Y3Al5O12:Ce
  // phosphors", "NiO-YSZ anode substrates", "ZSM-5 zeolite", "Pt3Ni octahedra"), up to two modifier
  // words ("methanol synthesis catalysts") and an adverb before the verb ("was hydrothermally
  // synthesized") (review 14b, C3; 14a, A14). A formula restated in square or nested brackets stands
  // between as a plain one does ("HKUST-1 [Cu3(BTC)2] was synthesized"; review 14b, B89), and a
  // precipitation at a set pH makes its subject ("Hydroxyapatite was precipitated at pH 10", B39).
  // So do the class nouns of catalyst and energy papers ("Cu-Ce mixed oxides", "TiO2 aerogels", "TiO2
  // sol", "Ag3PO4 photocatalysts", "NiFe layered double hydroxides (LDHs)") and the deposition and
  // derivation verbs ("ITO films were sputtered", "was electrodeposited", "Hard carbon was derived
  // from"; review 17a, M2; MSP: "[(TiVCrZrHf)N] coatings were deposited" Recipe_Target). The product
  // nouns of alloy, 2D, ceramic-tape and core-shell papers ("high-entropy alloy", "ribbons", "garnet",
  // "monolayers", "nanotube arrays", "green tapes", "A ZnS shell was grown") and "electrospun" too
  // (review 17c, X1). A nano-/micro- prefix may be written with a hyphen before a product noun ("Si
  // nano-tubes were fabricated", s33-left; not "the YSZ micro-cracks were formed", s33-review L6).
  im.target_after = compile(
      "target_after",
      R"(^(?:\s*(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\]))?(?:(?:\s+[a-z][a-z-]*(?:(?:/|–)[a-z]+)?){0,2}\s+(?:hollow|porous|mesoporous|polycrystalline|single)?\s*(?:nano[a-z]+|micro[a-z]+|(?:nano|micro)-(?:particles?|rods?|wires?|tubes?|sheets?|spheres?|cubes?|plates?|platelets?|fib(?:er|re)s?|belts?|flowers?|crystals?|crystallites?|cages?|boxes|frames?|prisms?|stars?|dots?|ribbons?|needles?|flakes?)|ncs|nps|qds|quantum dots|mxenes?|cores?|spheres?|fib(?:er|re)s?|whiskers?|phosphors?|heterostructures?|hybrids?|photoanodes?|photocathodes?|anodes?|cathodes?|electrolytes?|substrates?|cermets?|zeolites?|spinels?|perovskites?|glass(?:es)?|glass-ceramics?|octahedra|icosahedra|polyhedra|dot-in-rods?|films?|powders?|membranes?|catalysts?|supports?|samples?|composites?|compounds?|ceramics?|particles?|crystals?|thin films?|coatings?|electrodes?|layers?|targets?|pellets?|ingots?|inks?|materials?|solid solutions?|derivatives?|flakes?|nanoflakes?|oxides?|hydroxides?|ldhs?|aerogels?|xerogels?|sols?|(?:electro|photo)catalysts?|alloys?|ribbons?|garnets?|monolayers?|arrays?|tapes?|shells?))?(?:\s*\([^()]*\))?(?:\s+(?:(?:co-)?doped\s+)?with\s+(?:[^.;]|\.\d)*)?(?:\s+(?:used|studied|investigated|employed)(?:\s+(?:in|for)\s+(?:this|the|our)\s+(?:study|work|paper))?)?\s+(?:was|were)\s+(?:then\s+|first\s+|further\s+|[a-z]+ly\s+)?(?:prepared|synthesi[sz]ed|fabricated|obtained|formed|produced|grown|made|(?:electro)?deposited|sputtered|derived\s+from|polymeri[sz]ed|electrospun|precipitated\s+at\s+(?:a\s+)?ph)(?:\s+commercially)?(\s+from\s+\S)?)");
  // "stoichiometric amounts of X", "raw materials of X", "prepared from X", "by dissolving X", "the
  // mixtures of X and Y", "an excess of 2 mol% X" (s19-role): the mention is a starting material;
  // so is what a reaction noun acts on ("the oxidation of graphite",
  // "hydrolysis of titanium alkoxides", "alkali activation of fly ash", "co-precipitation of FeCl3·6H2O
  // and FeCl2·4H2O" (the list shares it; review 12, D33), and what a step transforms ("obtained by
  // calcining CaCO3", "by annealing ZIF-67", "milling of Li2S", "impregnation of γ-Al2O3", "thermal
  // processing of HSQ"; review 14b C4, 14a A19); only an adjective may come
  // between, so that "conversion of TEOG to GeO2" leaves the product alone). "amount of" counts only after a dosing word ("appropriate",
  // "required"): "the amount of Na2CO3 was", "the loading amount of Ge", "a low amount of Al2O3
  // (3.53%)" talk about a quantity, not a reagent being measured out (MSP: other).
  // "prepared by a sol-gel method from X, Y and Z", "grown on FTO substrates from X and Y": a method or
  // substrate phrase may stand between the verb and "from" (review 18c, R6); not "grown by CVD from
  // C2H4" (no method noun: the feed gas stays other).
  // One `\s*$` closes the whole pattern: RE2 then matches backwards from the end of the text before
  // the mention; a `$` inside each branch of a top-level alternation made it scan that whole text
  // forwards (twice the cost of all role patterns together).
  im.precursor_before = compile(
      "precursor_before",
      R"((?:(?:(?:stoichiometric|appropriate|required|certain|desired|calculated|equimolar|equal|predetermined|proper|given|exact|corresponding|suitable|necessary|specific|weighed)(?: molar| mass)? (?:amounts?|proportions?|quantit(?:y|ies)) of|raw materials?(?: of| were| are|,|:)?|starting materials?(?: of| were| are|,|:)?|high[- ]purity|mixtures? of|(?:an? )?excess of|mixing|reactions? of|dissolving|impregnating|(?:prepared|synthesi[sz]ed|obtained|made|derived|produced|grown|melted)(?: (?:by|via|using)(?: the| a| an)?(?: [a-z0-9-]+){1,2} (?:method|route|process|technique|approach)| (?:on|onto)(?: the| a| an)?(?: [a-z0-9-]+){0,2} (?:substrates?|foams?|foils?|glass|plates?))? from)(?: the| a| an)?(?: [a-z0-9().,%-]+){0,2}|(?:(?:co-?precipitation|anodi[sz]ation|oxidation|reduction|hydrolysis|pyrolysis|carboni[sz]ation|decomposition|conversion|activation|nitridation|sulfidation|sulfuri[sz]ation|seleni[sz]ation|thermolysis|polymeri[sz]ation|milling|melting|alloying|calcination|impregnation|(?:thermal|heat) (?:processing|treatment)) of|by:? (?:\((?:\d{1,2}|[ivx]{1,4})\) )?(?:oxidi[sz]ing|reducing|calcining|annealing|heating|sintering|melting|pyroly[sz]ing|carboni[sz]ing|sulfuri[sz]ing|nitriding|treating|(?:ball[- ])?milling))(?: the| a| an)?(?: (?:[a-z]+ed|[a-z]+ic|[a-z]+al|natural|commercial|pure|raw|bulk|pristine))?)\s*$)");
  // "dissolved in X", "diluted with X": X is the liquid. "mixed with X" / "stirred with X" is no cue:
  // what something is mixed with is mostly a second reagent or a solid ("mixed with the YSZ
  // powders", "mixed with HB zeolite"); a liquid there has a solvent prior of its own. A bare "in X"
  // is no cue either ("the CaO in the fly ash", "electrospun into MnP membranes", "the Co NPs in
  // silica"): liquids named so have a solvent prior, and the rest are mostly compositions.
  im.solvent_before = compile("solvent_before",
                              R"((?:(?:dissolved|dispersed|diluted|suspended|solubili[sz]ed|mixed|stirred|soaked|immersed)(?: \S+){0,4} (?:in|into)|(?:dissolved|dispersed|diluted|suspended|solubili[sz]ed|soaked|immersed)(?: \S+){0,4} with)(?: the| a| an)?(?: \S+)?\s*$)");
  // "Nb2O5 and Fe2O3 were weighed", "KMnO4 (20 g) was gradually added", "the formic acid solution
  // was added": the subject of an input verb (or the solution of it) is a starting material; so is
  // that of "X powders were mixed", "Sn and Se shots were melted" (review 14b, C4), also past a
  // proportion phrase ("in a 1:2 molar ratio were mixed"; review 17c, C9).
  im.input_after = compile(
      "input_after",
      R"(^(?:\s+(?:aqueous\s+)?(?:solution|suspension|dispersion)s?|\s+(?:powders?|shots?|flakes|granules))?(?:\s*\([^()]*\))?(?:\s+(?:in|with|at)\s+[^,;()]{0,40}?(?:ratio|proportion)s?(?:\s+of\s+[0-9.:]+)?)?,?\s+(?:was|were)\s+(?:[a-z]+ly\s+|then\s+|first\s+|also\s+|subsequently\s+|in turn\s+)?(?:weighed|mixed|dissolved|added|combined|ground|milled|ball[- ]milled|dispersed|loaded|introduced|injected|suspended|poured|dropped|melted)\b)");
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
  // ligand), and "as an additive" (review 13, D42), "as pore former", "as plasticizer", "as binder"
  // (processing aids, additives; review 14b, B107). "was added as the reducing agent", "was
  // introduced as the stabilizer" state the role as "was used as" does (review 15a, A5).
  im.role_after = compile("role_after",
                          R"(^\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:was |were )?(?:used |added |introduced |acted |acts |act |served |serves |serve |functioned |functions |function )?as (?:both )?(?:a |an |the )?(?:(?:[a-z][a-z0-9-]{2,}|[a-np-z][a-z0-9]|o[a-eg-z0-9]) ){0,2}?(?:(solvent|coordinating solvent)|(capping agent|surfactant|ligand|stabili[sz]er|capping ligand|coordinating)|(reducing agent|reductant|reducer)|(precursors?|sources?|raw materials?|starting materials?|reactants?|reagents?)|(additives?|pore[- ]formers?|plasticizers?|plasticisers?|binders?|dispersants?)))");
  // Version: rules version + a hash of every lexicon file's bytes (hashed in version()).
  std::string& all = im.lexicon_bytes;
  for (const char* f : kLexiconFiles) {
    all += f;
    all += '\0';
    all += lexicons.bytes(f);  // the bytes its loader above parsed
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
void Extractor::Impl::finish(std::string_view text, std::string folded,
                            std::vector<std::pair<size_t, size_t>> vetoed_lengths, Extraction& result) const {
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
  if (!im.learned.version.empty()) {
    StageInput in(text, std::move(folded));
    in.vetoed_lengths = std::move(vetoed_lengths);
    // Appended by three passes (quantities, table sizes, references): sorted here for the size
    // stage's binary search (learned_sizes.cc, vetoed()).
    std::sort(in.vetoed_lengths.begin(), in.vetoed_lengths.end());
    revise(im.learned, in, result);
  }
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
  // Direct input with invisible characters, line breaks inside a sentence or hyphen remnants of
  // broken words: the entities of its repaired view, spans mapped back to the input (repair.h).
  if (std::optional<RepairedText> view = repair_text(text)) {
    result = extract(view->text);
    restore_spans(text, *view, result);
    return result;
  }
  std::string folded = ascii_lower(text);  // moved into the learned stages' input at the end
  std::vector<Raw> raws;
  raws.reserve(text.size() / 16 + 8);

  // Tokenise and view: what every pass reads. The byte triples first: the quantity scan and the
  // material finder skip their paragraph-wide searches for a cue word the text cannot hold.
  const ByteTriples triples(folded);
  std::vector<Quantity> qs = im.scan_quantities(text, folded, triples);
  const TokenView view(text, folded);
  const SentenceStarts sentences(folded);
  const std::vector<uint8_t> blocked = quantity_tokens(view, qs);
  std::vector<MaterialMention> mats = im.materials->find(view, blocked, triples);
  const std::vector<uint8_t> in_material = material_tokens(view, mats);
  Paragraph para{text, folded, cps, view, sentences, blocked, qs, mats, in_material, raws, triples};

  // The passes, in this order (each says at its definition what it needs from earlier ones).
  im.quantity_entities(para);  // conditions, amounts, sizes, optics
  table_sizes(para);           // sizes under a table's dimension header
  fraction_plqys(para);        // PLQYs written as a fraction ("QY = 0.62")
  // Morphologies: an own pass, as shape words inside material mentions count.
  find_morphologies(im.morphologies, view, folded, blocked, mats, in_material, &raws);
  reference_outcomes(para);    // no sizes or shapes from a bibliography entry
  link_amounts(para);          // amounts → materials
  find_aliases(para);          // bracketed aliases of the mention before
  im.material_entities(para);  // materials with roles
  im.find_words(para);         // operations, methods, phases, atmospheres
  im.find_failures(para);
  unused_and_nonsteps(para);   // drops and relabels entities of the passes above
  order_entities(para, result);
  set_aside_cited(para, result);
  paragraph_status(para, result);
  im.finish(text, std::move(folded), std::move(para.vetoed_lengths), result);
  return result;
}

}  // namespace synthdb::rules
