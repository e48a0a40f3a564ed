#include "extract/records/records.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "extract/core/strings.h"

namespace synthdb::records {
namespace {

constexpr const char* kOutcomeTypes[] = {"size",    "morphology", "phase",           "pl_peak", "fwhm",
                                         "plqy",    "band_gap",   "absorption_peak", "yield"};

bool is_outcome(const std::string& type) {
  for (const char* t : kOutcomeTypes)
    if (type == t) return true;
  return false;
}

bool is_condition(const std::string& type) {
  return type == "temperature" || type == "time" || type == "atmosphere" || type == "heating_rate";
}

bool is_alnum_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Finds `needle` in `hay` as a whole word (neighbours are not letters/digits); returns byte offset.
size_t find_word(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return std::string_view::npos;
  size_t pos = 0;
  while ((pos = hay.find(needle, pos)) != std::string_view::npos) {
    bool left_ok = pos == 0 || !is_alnum_byte(static_cast<unsigned char>(hay[pos - 1]));
    size_t after = pos + needle.size();
    bool right_ok = after >= hay.size() || !is_alnum_byte(static_cast<unsigned char>(hay[after]));
    // A trailing plural "s" still names the same material ("CdSe NCs" vs "CdSe").
    if (!right_ok && after < hay.size() && hay[after] == 's' &&
        (after + 1 >= hay.size() || !is_alnum_byte(static_cast<unsigned char>(hay[after + 1]))))
      right_ok = true;
    if (left_ok && right_ok) return pos;
    pos += 1;
  }
  return std::string_view::npos;
}

// Whether `hay` names the compound `formula` on its own: a whole word that is not one side of a
// core/shell formula ("CdSe" is not named by "CdSe/CdS", nor "Pd" by "Pd/C").
bool has_formula(std::string_view hay, std::string_view formula) {
  auto alnum_at = [&](size_t i) { return i < hay.size() && is_alnum_byte(static_cast<unsigned char>(hay[i])); };
  for (size_t from = 0; from < hay.size();) {
    const size_t pos = find_word(hay.substr(from), formula);
    if (pos == std::string_view::npos) return false;
    const size_t at = from + pos, after = at + formula.size();
    const bool joined_before = at >= 2 && hay[at - 1] == '/' && alnum_at(at - 2);
    const bool joined_after = after + 1 < hay.size() && hay[after] == '/' && alnum_at(after + 1);
    if (!joined_before && !joined_after) return true;
    from = at + 1;
  }
  return false;
}

// Whether `hay` names a record's product `formula` (none when it is empty).
bool names_formula(std::string_view hay, const std::string& formula) { return !formula.empty() && has_formula(hay, formula); }

// Byte offset of every code point (plus the end), so that code-point spans map to substrings.
std::vector<size_t> code_point_offsets(std::string_view s) {
  std::vector<size_t> out;
  out.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(s.size());
  return out;
}

// The lower-cased `width` bytes of `text` before byte `end` (fewer near its start): the words a
// mention or a value is written after ("without ", "the temperature dropped to").
std::string lower_before(std::string_view text, size_t end, size_t width) {
  return ascii_lower(text.substr(end > width ? end - width : 0, std::min(end, width)));
}

struct Sentence {
  int64_t start = 0;  // code points
  int64_t end = 0;
  std::string lower;  // ASCII-lowered text
};

// True when the word starting at byte `word_begin` follows a number and a space ("2 h", "0.1 M"):
// then a one-letter word is a unit, not an initial.
bool follows_number(std::string_view text, size_t word_begin) {
  return word_begin >= 2 && text[word_begin - 1] == ' ' &&
         std::isdigit(static_cast<unsigned char>(text[word_begin - 2]));
}

// Splits on ". " / "! " / "? " followed by an upper-case letter or digit, except after the
// abbreviations that chemistry papers put before a capital or number ("ca. 5 nm", "Fig. 2").
std::vector<Sentence> split_sentences(std::string_view text) {
  static const std::set<std::string> kAbbrev = {"e.g", "i.e", "ca", "approx", "fig", "figs", "ref", "refs",
                                                "eq",  "eqs", "no", "vs",     "al",  "resp", "cf",  "nos",
                                                "vol", "ch",  "sec", "sect",  "tab", "dr",   "mr",  "ms"};
  std::vector<size_t> offs = code_point_offsets(text);
  std::vector<Sentence> out;
  int64_t n = static_cast<int64_t>(offs.size()) - 1;
  int64_t begin = 0;
  for (int64_t i = 0; i < n; ++i) {
    char c = text[offs[i]];
    if (c != '.' && c != '!' && c != '?') continue;
    int64_t j = i + 1;
    if (j >= n || text[offs[j]] != ' ') continue;
    while (j < n && text[offs[j]] == ' ') ++j;
    if (j >= n) break;
    char next = text[offs[j]];
    if (!((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9'))) continue;
    if (c == '.') {
      size_t word_end = offs[i];
      size_t word_begin = word_end;
      while (word_begin > 0 && text[word_begin - 1] != ' ' && text[word_begin - 1] != '(') --word_begin;
      std::string word = ascii_lower(text.substr(word_begin, word_end - word_begin));
      if (kAbbrev.count(word)) continue;
      if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0])) && !follows_number(text, word_begin))
        continue;  // initials ("M. A. Hines"), but "for 2 h. The ..." ends a sentence

    }
    out.push_back({begin, i + 1, ascii_lower(text.substr(offs[begin], offs[i + 1] - offs[begin]))});
    begin = j;
  }
  if (begin < n || out.empty())
    out.push_back({begin, n, ascii_lower(text.substr(offs[begin], offs[n] - offs[begin]))});
  return out;
}

// A sentence that re-runs the procedure with a change: starts a variant.
bool is_variant_cue(const std::string& lower) {
  if (!contains_any(lower, {"same procedure", "similar procedure", "identical procedure", "same conditions",
                            "identical conditions", "same method", "same protocol", "same manner",
                            "similar manner", "same way", "except that", "except for", "otherwise identical",
                            "was repeated", "were repeated", "analogous", "similarly,", "similarly ",
                            "same synthesis", "same route"}))
    return false;
  // "following a reported procedure [12]" cites a paper, it does not introduce a variant.
  return !contains_any(lower, {"reported", "literature", "previously", "ref.", "[", "described by",
                               "described in"});
}

// "CdO (99.99%), selenium powder (99.99%) ... were used as received": the paper's list of supplies,
// which names every chemical of every procedure. In a paragraph that goes on with a procedure
// ("Cd-oleate stock solution was prepared by heating CdO ..."), its mentions are not this record's.
bool is_supply_list(const std::string& lower) {
  return contains_any(lower, {"used as received", "used without further purification", "were purchased from",
                              "was purchased from", "were obtained from", "were supplied by", "was supplied by"});
}

// Whole words only: "GO was synthesized" does not say "as synthesized". Cores and seeds are named
// products (used_product_nouns): a record links to them only when an earlier record made them.
bool uses_earlier_product(const std::string& lower) {
  return contains_any(lower, {"shell", "as-prepared", "as prepared", "as-synthesized", "as synthesized",
                              "as-synthesised", "presynthesized", "pre-synthesized", "previously prepared",
                              "previously synthesized", "above-prepared", "obtained above", "prepared above"},
                      find_word);
}


// "The conversion and selectivity were determined by GC": the text reports a catalytic test.
bool is_catalysis_test(const std::string& lower) {
  return contains_any(lower, {"conversion and selectivity", "conversion was determined", "conversions were determined",
                              "selectivity was determined", "selectivities were determined", "turnover frequency",
                              "turnover number", "catalytic activity was", "catalytic activities were",
                              "catalytic performance was", "catalytic test"});
}

// Entity of one paragraph, with where it sits.
struct EntityView {
  const Entity* e = nullptr;
  int pi = 0;        // index into doc.paragraphs
  int ordinal = 0;   // paragraph ordinal
  int index = 0;     // index in that paragraph's entity list
  int sentence = 0;  // global sentence counter (for step grouping)
};

void drop_supply_lists(const std::vector<Sentence>& sentences, std::vector<std::vector<EntityView>>& per_sentence) {
  std::vector<bool> supply(sentences.size());  // each sentence tested once
  bool procedure = false;                      // another sentence with an operation
  for (size_t s = 0; s < sentences.size(); ++s) {
    supply[s] = is_supply_list(sentences[s].lower);
    if (!supply[s])
      for (const auto& v : per_sentence[s]) procedure |= v.e->type == "operation";
  }
  if (!procedure) return;
  for (size_t s = 0; s < sentences.size(); ++s)
    if (supply[s]) per_sentence[s].clear();
}

// The earlier products a record's text says it uses: "core" ("purified cores", "core nanocrystals",
// "the cores were ...") and "seed" ("the seed solution").
std::vector<const char*> used_product_nouns(const std::string& lower) {
  std::vector<const char*> out;
  if (contains_any(lower, {"purified core", "core nanocrystals", "cores were", "core solution"}, find_word))
    out.push_back("core");
  if (find_word(lower, "seed") != std::string::npos) out.push_back("seed");
  return out;
}

// "Cd-oleate stock solution (0.2 M) was prepared by heating CdO ...": the material mention written
// right before "stock solution" in a sentence that says it was prepared names what the record
// makes; nullptr when there is none.
const EntityView* stock_mention(const Document& doc, const std::vector<EntityView>& ents) {
  for (const auto& v : ents) {
    if (v.e->type != "material" || v.e->role == "solvent" || v.pi < 0 || v.pi >= static_cast<int>(doc.paragraphs.size()))
      continue;
    const std::string& text = doc.paragraphs[v.pi].text;
    const std::vector<size_t> offs = code_point_offsets(text);
    if (v.e->end < 0 || v.e->end >= static_cast<int64_t>(offs.size())) continue;
    const std::string after = ascii_lower(text.substr(offs[v.e->end], 120));
    if (!after.starts_with(" stock solution") && !after.starts_with(" stock ")) continue;
    const std::string clause = after.substr(0, std::min(after.find(". "), after.find(';')));
    if (contains_any(clause, {"was prepared", "were prepared", "was made", "was synthesized", "was obtained"})) return &v;
  }
  return nullptr;
}

// Every material name and normalised name of the paper (lower-cased) with the formula the rules gave
// it: "Cs-oleate" → Cs(OA). A name with two formulas keeps the first.
std::map<std::string, std::string> material_formulas(const std::vector<Extraction>& extractions) {
  std::map<std::string, std::string> out;
  for (const auto& ex : extractions)
    for (const auto& e : ex.entities)
      if (e.type == "material" && !e.formula.empty()) {
        for (const std::string* n : {&e.name, &e.normalized, &e.text})
          if (!n->empty()) out.emplace(ascii_lower(*n), e.formula);
      }
  return out;
}

// The formula of a target named like a material of the paper ("cs-oleate", "lead oleate"), "" if none.
std::string formula_of_name(const std::map<std::string, std::string>& formulas, const std::string& target) {
  auto it = formulas.find(ascii_lower(target));
  return it == formulas.end() ? std::string() : it->second;
}

// Metal element words and their symbols (metal nanoparticles named by element word).
const std::vector<std::pair<std::string, std::string>>& metal_words() {
  static const std::vector<std::pair<std::string, std::string>> kMetals = {
      {"gold", "Au"},      {"silver", "Ag"},  {"platinum", "Pt"}, {"palladium", "Pd"}, {"copper", "Cu"},
      {"nickel", "Ni"},    {"cobalt", "Co"},  {"iron", "Fe"},     {"rhodium", "Rh"},   {"ruthenium", "Ru"},
      {"iridium", "Ir"},   {"bismuth", "Bi"}, {"tin", "Sn"}};
  return kMetals;
}

// Whether `target` is a particle noun without a compound ("nanorods", "seed", "nanoparticles"); with
// `metal_first`, also "gold nanorods" (a metal word before it).
bool is_particle_noun(const std::string& target, bool metal_first) {
  static const std::set<std::string> kNouns = {"seed",       "nanorod",   "nanoparticle", "nanocrystal", "nanowire",
                                               "nanocube",   "nanoplate", "nanoprism",    "nanostar",    "nanosphere",
                                               "nanocluster", "rod",      "particle",     "nanoshell",   "np"};
  std::string t = ascii_lower(target);
  if (metal_first)
    for (const auto& [word, symbol] : metal_words())
      if (t.starts_with(word + " ")) {
        t = t.substr(word.size() + 1);
        break;
      }
  if (t.size() > 1 && t.back() == 's') t.pop_back();
  return kNouns.count(t) > 0;
}

// The element of a metal nanoparticle product: the one metal word written before a particle noun
// ("gold nanorods") in the record's heading and text (`lower`), else in the
// paper's title, else in its abstract; "" when none or several metals are named there.
std::string metal_of(const Document& doc, const std::string& lower) {
  auto one_metal = [](const std::string& l) {
    std::set<std::string> found;
    for (const auto& [word, symbol] : metal_words())
      for (size_t pos = find_word(l, word); pos != std::string::npos;) {
        const size_t after = pos + word.size() + 1;
        size_t end = after;
        while (end < l.size() && std::isalpha(static_cast<unsigned char>(l[end]))) ++end;
        if (after < l.size() && l[pos + word.size()] == ' ' && is_particle_noun(l.substr(after, end - after), false))
          found.insert(symbol);
        const size_t next = find_word(std::string_view(l).substr(pos + 1), word);
        pos = next == std::string::npos ? next : pos + 1 + next;
      }
    return found.size() == 1 ? *found.begin() : std::string();
  };
  std::string got = one_metal(lower);
  if (got.empty()) got = one_metal(ascii_lower(doc.meta.title));
  for (const Paragraph& p : doc.paragraphs)
    if (got.empty() && p.kind == ParagraphKind::kTitle) got = one_metal(ascii_lower(p.text));
  for (const Paragraph& p : doc.paragraphs)
    if (got.empty() && p.kind == ParagraphKind::kAbstract) got = one_metal(ascii_lower(p.text));
  return got;
}

SourceRef ref_of(const EntityView& v) { return {v.ordinal, v.index, v.e->start, v.e->end}; }

std::optional<double> main_value(const Entity& e) {
  if (e.value) return e.value;
  if (e.max) return e.max;  // a ramp "from 25 to 300 °C" or "150–200 °C" ends at the upper value
  if (e.min) return e.min;
  return std::nullopt;
}

const std::set<std::string>& element_symbols() {
  static const std::set<std::string> kElements = {"Au", "Ag", "Pt", "Pd", "Cu", "Fe", "Ni", "Co", "Rh",
                                                  "Ru", "Ir", "Si", "Ge", "Sn", "Bi", "Te", "Se", "Zn",
                                                  "Al", "Ti", "Mn", "Cr", "In", "Ga", "C"};
  return kElements;
}

bool formula_like(std::string_view w) {
  if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  int upper = 0, digit = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= '0' && c <= '9') ++digit;
    else if (!(c >= 'a' && c <= 'z') && c != '/' && c != '(' && c != ')' && c != '@' && c != '-') return false;
  }
  if (upper >= 2 || digit >= 1) return true;
  return element_symbols().count(std::string(w)) > 0;
}

// "Synthesis of CdSe Cores" → "CdSe"; "Preparation of gold nanoparticles" → "gold nanoparticles".
std::string target_from_heading(const std::string& heading) {
  std::string lower = ascii_lower(heading);
  size_t at = std::string::npos;
  for (std::string_view cue : {"synthesis of ", "preparation of ", "growth of ", "fabrication of ",
                               "formation of ", "synthesis of the ", "growth of the "}) {
    size_t p = lower.find(cue);
    if (p != std::string::npos) {
      at = p + cue.size();
      break;
    }
  }
  if (at == std::string::npos) return {};
  std::string rest = heading.substr(at);
  if (lower.compare(at, 4, "the ") == 0) rest = rest.substr(4);
  size_t pos = 0;
  while (pos < rest.size()) {
    size_t sp = rest.find(' ', pos);
    std::string word = rest.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    while (!word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ':')) word.pop_back();
    if (formula_like(word)) return word;
    if (sp == std::string::npos) break;
    pos = sp + 1;
  }
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ':' || rest.back() == ' ')) rest.pop_back();
  return ascii_lower(rest);
}

// Section numbering and trailing punctuation off a heading: "2.3. Lead oleate precursor:" →
// "Lead oleate precursor".
std::string bare_heading(const std::string& heading) {
  size_t b = 0;
  while (b < heading.size() && (std::isdigit(static_cast<unsigned char>(heading[b])) || heading[b] == '.' ||
                                heading[b] == ' ' || heading[b] == ')'))
    ++b;
  std::string h = heading.substr(b);
  while (!h.empty() && (h.back() == '.' || h.back() == ':' || h.back() == ' ')) h.pop_back();
  return h;
}

// A heading that names what its paragraph prepares without "synthesis of": "Lead oleate precursor",
// "Cs-oleate stock solution", "Seed solution" → "lead oleate", "cs-oleate", "seed".
std::string target_from_naming_heading(const std::string& heading) {
  std::string h = ascii_lower(bare_heading(heading));
  for (std::string_view tail : {" stock solutions", " stock solution", " precursor solutions", " precursor solution",
                                " precursors", " precursor", " solutions", " solution", " growth solution"}) {
    if (h.size() > tail.size() && h.compare(h.size() - tail.size(), tail.size(), tail) == 0) {
      std::string name = h.substr(0, h.size() - tail.size());
      if (name.size() >= 2 && name.size() <= 40 && name.find("preparation") == std::string::npos &&
          name.find("synthesis") == std::string::npos)
        return name;
    }
  }
  return {};
}

// The one compound a paper's title names ("Heat-Up Synthesis of ZnSe Nanocrystals" → "ZnSe"); empty
// when it names none or several ("CdSe/CdS Core/Shell ..."): then the title cannot tell which.
std::string target_from_title(const std::string& title) {
  std::set<std::string> found;
  size_t pos = 0;
  while (pos < title.size()) {
    size_t end = pos;
    while (end < title.size() && !std::isspace(static_cast<unsigned char>(title[end]))) ++end;
    std::string word = title.substr(pos, end - pos);
    while (!word.empty() && (word.back() == ',' || word.back() == ':' || word.back() == '.' || word.back() == ')'))
      word.pop_back();
    while (!word.empty() && word.front() == '(') word.erase(word.begin());
    // "CdSe/CdS" counts as two.
    size_t b = 0;
    while (b <= word.size()) {
      size_t e = word.find_first_of("/-", b);
      if (e == std::string::npos) e = word.size();
      std::string part = word.substr(b, e - b);
      int upper = 0;
      for (char c : part) upper += c >= 'A' && c <= 'Z';
      if (part.size() >= 2 && formula_like(part) && (upper >= 2 || std::any_of(part.begin(), part.end(), ::isdigit)))
        found.insert(part);
      b = e + 1;
    }
    pos = end + 1;
  }
  return found.size() == 1 ? *found.begin() : std::string();
}

// "In a typical macroemulsion preparation, ... leading to the formation of a macroemulsion": the
// product a paragraph names by the noun of its opening "In a typical <noun> preparation/synthesis"
// when the text also says that such a thing was made ("formation of a(n) <noun>", "<noun>(s)
// was/were prepared/formed/obtained"). Returns the noun's byte offset in `lower` and its length
// ({npos, 0} when there is none). "In a typical synthesis" or "In a typical hydrothermal synthesis"
// (a method, never said to be formed) give nothing.
std::pair<size_t, size_t> product_of_typical(std::string_view lower) {
  static constexpr std::string_view kOpen = "in a typical ";
  const size_t open = lower.find(kOpen);
  if (open == std::string_view::npos) return {std::string_view::npos, 0};
  const size_t w = open + kOpen.size();
  size_t e = w;
  while (e < lower.size() && (is_alnum_byte(lower[e]) || lower[e] == '/' || lower[e] == '-')) ++e;
  if (e == w) return {std::string_view::npos, 0};
  const std::string_view noun = lower.substr(w, e - w);
  bool process = false;
  for (std::string_view p : {" preparation", " synthesis", " procedure"}) process |= lower.substr(e).starts_with(p);
  static const std::set<std::string_view> kGeneric = {"synthesis", "experiment", "procedure", "reaction", "run", "batch",
                                                      "preparation", "sample", "one-pot", "hydrothermal", "solvothermal"};
  if (!process || kGeneric.count(noun)) return {std::string_view::npos, 0};
  auto word_at = [&](size_t at) {
    return (at == 0 || !is_alnum_byte(lower[at - 1])) &&
           (at + noun.size() >= lower.size() || !is_alnum_byte(lower[at + noun.size()]) || lower[at + noun.size()] == 's');
  };
  for (size_t at = lower.find(noun, e); at != std::string_view::npos; at = lower.find(noun, at + 1)) {
    if (!word_at(at)) continue;
    const std::string_view before = lower.substr(at >= 20 ? at - 20 : 0, at >= 20 ? 20 : at);
    if (before.ends_with("formation of a ") || before.ends_with("formation of an ") || before.ends_with("formation of "))
      return {w, noun.size()};
    std::string_view after = lower.substr(at + noun.size());
    if (after.starts_with("s")) after.remove_prefix(1);
    for (std::string_view made : {" was prepared", " were prepared", " was formed", " were formed", " was obtained",
                                  " were obtained"})
      if (after.starts_with(made)) return {w, noun.size()};
  }
  return {std::string_view::npos, 0};
}

// The stage a heading names by its last word ("2.2. Synthesis of CdSe cores" → "core", "Growth of
// CdS shells" → "shell"); results speak of "the cores" without the formula. Empty for other words.
std::string stage_noun(const std::string& heading) {
  std::string h = ascii_lower(bare_heading(heading));
  std::string last(last_word(h));
  if (!last.empty() && last.back() == 's') last.pop_back();
  return last == "core" || last == "seed" || last == "shell" ? last : std::string();
}

// "... (denoted as S1)", "labelled CdSe-240", "referred to as QD1".
std::string sample_label(const std::string& text) {
  std::string lower = ascii_lower(text);
  for (std::string_view cue : {"denoted as ", "denoted ", "labeled as ", "labelled as ", "labeled ", "labelled ",
                               "referred to as ", "designated as ", "named as ", "named ", "hereafter "}) {
    size_t p = lower.find(cue);
    if (p == std::string::npos) continue;
    size_t b = p + cue.size();
    while (b < text.size() && (text[b] == '"' || text[b] == '\'' || static_cast<unsigned char>(text[b]) >= 0x80))
      ++b;
    size_t e = b;
    // "Pd@Graphene", "CdSe/CdS-1", "S1.5": "@" and "/" join when a letter or digit follows, "." before a digit.
    auto joiner = [&](size_t i) {
      if (i + 1 >= text.size()) return false;
      const auto next = static_cast<unsigned char>(text[i + 1]);
      // "denoted P1.In the second method" is a missing space, not a label "P1.In".
      return ((text[i] == '@' || text[i] == '/') && std::isalnum(next)) || (text[i] == '.' && std::isdigit(next));
    };
    while (e < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '-' || text[e] == '_' || joiner(e)))
      ++e;
    if (e > b && e - b <= 20) return text.substr(b, e - b);
  }
  return {};
}

// True when `text` names a compound ("CsPbBr3", "TiO2") that is not the record's target: its
// outcomes may be about that compound, so they are not attached by default.
bool names_other_compound(const std::string& text, const Synthesis& s) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) {
      std::string_view w(text.data() + pos, end - pos);
      int upper = 0, lower = 0, digit = 0;
      for (char c : w) {
        if (c >= 'A' && c <= 'Z') ++upper;
        else if (c >= 'a' && c <= 'z') ++lower;
        else ++digit;
      }
      bool compound = w[0] >= 'A' && w[0] <= 'Z' && lower > 0 && (upper >= 2 || digit > 0);
      if (compound && w != s.target_formula && w != s.target) return true;
      pos = end;
    } else {
      ++pos;
    }
  }
  return false;
}

bool is_synthesis_paragraph(const Paragraph& p, const ParagraphLabel* label, const Extraction* ex) {
  if (p.kind != ParagraphKind::kBody) return false;
  if (label && !label->label.empty()) return label->label == "synthesis";
  // Unclassified: decide from the section and the entities.
  if (!ex) return false;
  if (p.section_type == SectionType::kIntroduction || p.section_type == SectionType::kResults ||
      p.section_type == SectionType::kConclusion || p.section_type == SectionType::kReferences)
    return false;
  bool material = false, action = false;
  for (const auto& e : ex->entities) {
    if (e.type == "material") material = true;
    if (e.type == "temperature" || e.type == "time" || e.type == "operation") action = true;
  }
  return material && action;
}

// The temperatures and times a record's text gives with a role ("injected at 300 °C", "grown for
// 5 min"; the first of each role): they win over what the steps suggest (derive_conditions).
struct Roles {
  std::map<std::string, std::optional<double>> temperature, time;
};

// Builds the parts of a record that come from one set of entities (a base procedure or a variant's
// own sentences).
struct Parts {
  std::vector<Material> materials;
  std::vector<Step> steps;
  std::vector<Outcome> outcomes;
  std::string target, target_formula, method, failure_cue;
  SourceRef target_ref, failure_ref;
  bool failed = false;
  std::vector<EntityView> temperatures, times;  // in text order, for variants
  Roles roles;
};

// Confidence of an outcome linked from an abstract or caption (docs/records.md).
constexpr double kSummaryConfidence = 0.3;

// "from 4.5 to 11.8 nm": a span over a paper's samples, not one record's value.
bool is_range(const Entity& e) { return !e.value && e.min && e.max; }

// Whether `value` is one of the record's injection/growth/reaction temperatures.
bool own_temperature(const Synthesis& s, double value) {
  for (const auto& f : {s.injection_temperature_c, s.growth_temperature_c, s.reaction_temperature_c})
    if (f && *f == value) return true;
  return false;
}

Outcome outcome_of(const EntityView& v, double confidence) {
  const Entity& e = *v.e;
  Outcome o;
  o.type = e.type;
  o.value = main_value(e);
  o.sd = e.sd;
  o.unit = e.unit;
  if (o.unit.empty()) {
    if (e.type == "size" || e.type == "pl_peak" || e.type == "absorption_peak") o.unit = "nm";
    else if (e.type == "plqy" || e.type == "yield") o.unit = "%";
    else if (e.type == "band_gap") o.unit = "eV";
  }
  if (e.type == "morphology" || e.type == "phase") {
    o.text_value = e.normalized.empty() ? ascii_lower(e.text) : e.normalized;
    o.value.reset();
    o.unit.clear();
  }
  o.dimension = e.dimension;
  o.confidence = confidence;
  o.ref = ref_of(v);
  return o;
}

// Appends the outcome of `v`, and for a line width the rules turned from nm into meV ("a FWHM of
// 27 nm" → 109.9 meV) also the width as written, in nm, whose span is the number alone ("27"): so
// that `fwhm_nm` holds what the paper gave while `fwhm_mev` stays comparable across papers (review 19
// defect 15). The two rows have different spans, hence different item keys.
void push_outcome(std::vector<Outcome>& to, const EntityView& v, double confidence) {
  to.push_back(outcome_of(v, confidence));
  const Entity& e = *v.e;
  if (e.type != "fwhm" || e.unit != "meV") return;
  const std::string& t = e.text;
  size_t b = 0;
  while (b < t.size() && !std::isdigit(static_cast<unsigned char>(t[b]))) ++b;
  if (b != 0 || t.size() < 4 || t.compare(t.size() - 2, 2, "nm") != 0) return;  // "27 nm", "27nm"
  size_t n = b;
  while (n < t.size() && (std::isdigit(static_cast<unsigned char>(t[n])) || t[n] == '.')) ++n;
  size_t u = n;
  while (u < t.size() && t[u] == ' ') ++u;
  if (t.compare(u, std::string::npos, "nm") != 0) return;  // a range or a spread ("25-30 nm", "27 ± 2 nm")
  char* stop = nullptr;
  const std::string number = t.substr(0, n);
  const double value = std::strtod(number.c_str(), &stop);
  if (stop != number.c_str() + number.size() || value <= 0) return;
  Outcome nm = to.back();
  nm.value = value;
  nm.unit = "nm";
  nm.sd.reset();
  nm.ref.end = nm.ref.start + static_cast<int64_t>(n);  // the digits and the point: one byte per code point
  to.push_back(nm);
}

// The byte offset in its paragraph's text of the first code point of `v`'s entity (npos when out of range).
size_t byte_start(const Document& doc, const EntityView& v) {
  if (v.pi < 0 || v.pi >= static_cast<int>(doc.paragraphs.size())) return std::string::npos;
  const std::string& text = doc.paragraphs[v.pi].text;
  size_t at = 0;
  for (int64_t cp = 0; at < text.size() && cp < v.e->start; ++cp)
    do ++at; while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  return v.e->start >= 0 ? at : std::string::npos;
}

// "... was swiftly injected. The temperature dropped to 262 °C and was kept at 260 °C": the dip that
// a cold injection causes, not a stage of the synthesis. True for a temperature written right after
// "temperature ... dropped/fell/decreased to" (not "was decreased to", which is done on purpose).
bool is_transient_drop(const Document& doc, const EntityView& c) {
  if (c.e->type != "temperature") return false;
  const size_t end = byte_start(doc, c);  // byte offset of the temperature's first code point
  if (end == std::string::npos) return false;
  const std::string window = lower_before(doc.paragraphs[c.pi].text, end, 80);
  std::string_view before = window;
  auto drop = [&](std::string_view w) { before.remove_suffix(w.size()); };
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (std::string_view approx : {" about", " approximately", " around", " ca.", " ~"})
    if (before.ends_with(approx)) drop(approx);
  if (!before.ends_with(" to")) return false;
  drop(" to");
  for (std::string_view adverb : {" quickly", " rapidly", " immediately", " briefly", " sharply", " momentarily"})
    if (before.ends_with(adverb)) drop(adverb);
  bool verb = false;
  for (std::string_view v : {" dropped", " fell", " decreased", " dipped", " drops", " falls", " decreases", " dips"})
    if (before.ends_with(v)) verb = true, drop(v);
  if (!verb) return false;
  if (before.ends_with(" was") || before.ends_with(" were") || before.ends_with(" is") || before.ends_with(" been"))
    return false;
  const size_t t = before.rfind("temperature");
  return t != std::string_view::npos && before.size() - t <= 40;
}

// "the solution was preheated to 100 °C before each injection": an operation named as a later use
// of what the record prepares (a stock solution), not one of its own steps.
bool is_later_use(const Document& doc, const EntityView& op) {
  const size_t at = byte_start(doc, op);
  if (at == std::string::npos) return false;
  const std::string before = lower_before(doc.paragraphs[op.pi].text, at, 20);
  for (std::string_view cue : {"before each ", "before every ", "prior to each ", "prior to every "})
    if (std::string_view(before).ends_with(cue)) return true;
  return false;
}

// "After 5 s the reaction mixture was cooled": a time that opens its sentence after "After", with
// no operation before it and a cooling as the sentence's next operation, is how long the stage
// before the cooling lasted (the previous sentence's last step), not the cooling's time.
bool ends_stage_before(const Document& doc, const EntityView& c, const std::vector<const EntityView*>& ops) {
  if (c.e->type != "time") return false;
  const EntityView* next = nullptr;
  for (const EntityView* o : ops) {
    if (o->e->end <= c.e->start) return false;
    if (!next || o->e->start < next->e->start) next = o;
  }
  if (!next || next->e->normalized != "cooling") return false;
  const size_t at = byte_start(doc, c);
  if (at == std::string::npos) return false;
  const std::string& text = doc.paragraphs[c.pi].text;
  std::string before = lower_before(text, at, 8);
  const size_t cut = before.find_last_of(".;");
  if (cut != std::string::npos) before = before.substr(cut + 1);
  while (!before.empty() && before.front() == ' ') before.erase(before.begin());
  return before == "after ";
}

// The lower-cased text after entity `v` to the end of its sentence (at most 200 bytes; "" when out of range).
std::string rest_of_sentence(const Document& doc, const EntityView& v) {
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return {};
  const std::string& text = doc.paragraphs[v.pi].text;
  const size_t end = std::min(text.size(), at + v.e->text.size());
  std::string rest = ascii_lower(std::string_view(text).substr(end, 200));
  const size_t stop = rest.find(". ");
  if (stop != std::string::npos) rest.resize(stop);
  return rest;
}

// "the nanocrystals that remained in the supernatant were used for all measurements": what the
// product is used for afterwards (a measurement, a characterization), not an operation of the
// synthesis. `word` is the operation's lower-cased text.
bool is_use_for_measurement(const Document& doc, const EntityView& v, const std::string& word) {
  static const std::set<std::string> kUse = {"used", "employed", "utilized", "utilised", "taken"};
  if (!kUse.count(word)) return false;
  const std::string rest = rest_of_sentence(doc, v);
  if (!rest.starts_with(" for ")) return false;
  const std::string_view head = std::string_view(rest).substr(0, 60);
  return contains_any(head, {"measurement", "characteri", "analys", "spectroscop", "microscop", "imaging"});
}

// "For shell growth, purified cores were dispersed ...", "heated for the synthesis of": a process
// noun after "for" names what the sentence's operations are for, not an operation of its own.
bool is_purpose_noun(const Document& doc, const EntityView& v, const std::string& word) {
  static const std::set<std::string> kNoun = {"growth", "synthesis", "syntheses", "preparation", "preparations",
                                              "formation", "reaction"};
  if (!kNoun.count(word)) return false;
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  std::string before = lower_before(doc.paragraphs[v.pi].text, at, 30);
  // "for growth", "for the synthesis", "for shell growth", "for the CdS shell growth": "for" at most
  // three words before, with no punctuation between.
  const size_t f = before.rfind("for ");
  if (f == std::string::npos || (f > 0 && std::isalnum(static_cast<unsigned char>(before[f - 1])))) return false;
  const std::string_view between = std::string_view(before).substr(f + 4);
  if (between.find_first_of(",.;:()") != std::string_view::npos) return false;
  return std::count(between.begin(), between.end(), ' ') <= 3;
}

// "Cd-oleate stock solution (0.2 M) was prepared by heating CdO ...", "A seed solution was prepared
// by adding HAuCl4 ...": a verb that names the whole preparation, followed by "by" and the
// operation that does it, is no step of its own (that operation is). `k` indexes `ents`.
bool is_made_by(const Document& doc, const std::vector<EntityView>& ents, size_t k, const std::string& word) {
  static const std::set<std::string> kMade = {"prepared", "synthesized", "synthesised", "made", "obtained",
                                              "produced", "fabricated"};
  if (!kMade.count(word) || k + 1 >= ents.size()) return false;
  const EntityView& v = ents[k];
  const EntityView& next = ents[k + 1];
  if (next.e->type != "operation" || next.sentence != v.sentence || next.pi != v.pi) return false;
  const size_t a = byte_start(doc, v), b = byte_start(doc, next);
  if (a == std::string::npos || b == std::string::npos || b < a + v.e->text.size()) return false;
  std::string gap = ascii_lower(std::string_view(doc.paragraphs[v.pi].text).substr(a + v.e->text.size(), b - a - v.e->text.size()));
  return gap == " by ";
}

// The clause after an operation ends in "before each/every" or "prior to each/every" a later use,
// with only the operation's own conditions between ("to 100 °C before each injection"; not "for an
// initial 10 min followed by 5 min before each drop-casting", whose first sonication is a step).
bool done_before_each_use(const std::string& clause) {
  for (std::string_view cue : {" before each ", " before every ", " prior to each ", " prior to every "}) {
    const size_t at = clause.find(cue);
    if (at == std::string::npos) continue;
    const std::string_view head = std::string_view(clause).substr(0, at);
    return !contains_any(head, {"followed", " and ", " then ", " initial", " first"});
  }
  return false;
}

// "heated under argon to 150 °C until all Cs2CO3 had reacted", "stirred until the solid dissolved":
// an operation in an "until" clause says when the step before it ends, not a step of its own.
bool is_until_clause(const Document& doc, const EntityView& v) {
  if (v.pi < 0 || v.pi >= static_cast<int>(doc.paragraphs.size()) ||
      doc.paragraphs[v.pi].text.find("until ") == std::string::npos)  // cheap gate
    return false;
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  const std::string before = lower_before(doc.paragraphs[v.pi].text, at, 40);
  const size_t u = before.rfind("until ");
  if (u == std::string::npos || (u > 0 && is_alnum_byte(before[u - 1]))) return false;
  return before.find_first_of(",.;:()", u) == std::string::npos;
}

// "The hydrosol of the Ru nanoparticles thus dialyzed was diluted", "using a cellulose ester
// dialysis membrane": a participle after "thus", or a preparing verb after "previously"/"freshly"/
// "already" ("the previously obtained MOF-5"), points back at a step (or at a preparation the
// paper does not describe), and an operation word right before an equipment noun names the
// equipment; neither is a step.
bool is_back_reference_or_equipment(const Document& doc, const EntityView& v, const std::string& word) {
  if (word.find(' ') != std::string::npos) return false;
  const bool participle = word.ends_with("ed");
  const bool noun = word.ends_with("ion") || word.ends_with("sis");
  if (!participle && !noun) return false;
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  const std::string& text = doc.paragraphs[v.pi].text;
  if (participle) {
    // "thus" before any participle; the others only before a verb that names a whole preparation
    // ("freshly prepared", "previously obtained"): "previously solubilized in cold water" and
    // "freshly polished" say how, and stay.
    static const std::set<std::string> kMade = {"prepared", "synthesized", "synthesised", "made", "obtained",
                                                "produced", "fabricated"};
    const std::string before = lower_before(text, at, 12);
    for (std::string_view cue : {"thus ", "previously ", "freshly ", "already "})
      if (std::string_view(before).ends_with(cue) &&
          (before.size() == cue.size() || !is_alnum_byte(before[before.size() - cue.size() - 1])) &&
          (cue == "thus " || kMade.count(word)))
        return true;
    return false;
  }
  const std::string after = ascii_lower(std::string_view(text).substr(std::min(text.size(), at + v.e->text.size()), 12));
  for (std::string_view equipment : {" membrane", " tubing", " bag", " cassette", " port", " needle", " vessel",
                                     " funnel", " chamber", " column"})
    if (after.starts_with(equipment)) return true;
  return false;
}

// An operation written as a noun ("addition", "injection", "solubilization") followed by "of" and
// a material: "The addition of HCl is needed for the later stabilization" states a requirement, and
// "Upon addition of the toluene solution an emulsion was formed", "After complete solubilization of
// the PbBr2 salt" repeat an earlier sentence's operation of the same kind on the same material ("a
// toluene solution ... was added", "PbBr2 ... were loaded"). Neither is a new step. `k` indexes
// `ents`, which are in text order.
bool is_noun_repeat(const Document& doc, const std::vector<EntityView>& ents, size_t k, const std::string& word) {
  if (!word.ends_with("ion") || word.find(' ') != std::string::npos) return false;
  const EntityView& v = ents[k];
  const std::string rest = rest_of_sentence(doc, v);
  if (!rest.starts_with(" of ")) return false;
  // A requirement: "The addition of X is needed / was necessary / is required".
  {
    const std::string_view head = std::string_view(rest).substr(0, 80);
    for (std::string_view verb : {" is ", " was ", " are ", " were "}) {
      const size_t at = head.find(verb);
      if (at == std::string_view::npos) continue;
      const std::string_view after = head.substr(at + verb.size());
      for (std::string_view need : {"needed", "necessary", "required", "essential", "crucial", "critical", "important"})
        if (after.starts_with(need)) return true;
    }
  }
  // A repeat: the material right after "of (the)" was named in an earlier sentence of the record
  // with an operation of the same kind.
  const EntityView* object = nullptr;
  for (size_t j = k + 1; j < ents.size() && ents[j].sentence == v.sentence; ++j)
    if (ents[j].e->type == "material") {
      object = &ents[j];
      break;
    }
  if (!object || object->pi != v.pi || object->e->normalized.empty()) return false;
  const size_t a = byte_start(doc, v), b = byte_start(doc, *object);
  if (a == std::string::npos || b == std::string::npos || b < a + v.e->text.size()) return false;
  const std::string gap =
      ascii_lower(std::string_view(doc.paragraphs[v.pi].text).substr(a + v.e->text.size(), b - a - v.e->text.size()));
  if (gap != " of " && gap != " of the " && gap != " of a " && gap != " of an ") return false;
  std::set<int> same_op, names_object;  // earlier sentences with such an operation / naming the material
  for (size_t j = 0; j < k; ++j) {
    const EntityView& w = ents[j];
    if (w.sentence == v.sentence) continue;
    if (w.e->type == "operation" && w.e->normalized == v.e->normalized) same_op.insert(w.sentence);
    if (w.e->type == "material" && w.e->normalized == object->e->normalized) names_object.insert(w.sentence);
  }
  return std::any_of(same_op.begin(), same_op.end(), [&](int s) { return names_object.count(s) > 0; });
}

// "After 30 s the heating mantle was removed and the flask was allowed to cool", "the flask was
// removed from the oil bath": taking the heat source away starts the cooling written with it; it is
// no step of its own (an `other` step that took the stage's time).
bool is_heat_source_removal(const Document& doc, const EntityView& v, const std::string& word) {
  if (word != "removed") return false;
  static const std::initializer_list<std::string_view> kSource = {"mantle", "oil bath", "heating bath", "hot plate",
                                                                  "hotplate", "heat source", "heating source", "heater",
                                                                  "sand bath"};
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  std::string before = lower_before(doc.paragraphs[v.pi].text, at, 60);
  const size_t cut = before.find_last_of(".;,");
  if (cut != std::string::npos) before = before.substr(cut + 1);
  if (contains_any(before, kSource)) return true;
  const std::string rest = rest_of_sentence(doc, v);
  return rest.starts_with(" from the ") && contains_any(std::string_view(rest).substr(0, 30), kSource);
}

// Operations of a record's text that are no steps of it, with the conditions that belong to them
// (review 19 defect 11):
// - storage: "The NC dispersion was kept in the glovebox until utilization", "stored at 4 °C until
//   use", and a hold written last with no duration ("The solution was kept under nitrogen at 95 °C"
//   after degassing at 100 °C): the product waits for its use, nothing is made; its temperature and
//   atmosphere go with it;
// - a purpose clause: "dialyzed overnight to remove inorganic impurities", "sonicated in order to
//   exfoliate the GO sheets", "to form a uniform dispersion" say what the step before does (a work-up
//   such as "added to precipitate the nanocrystals" still counts; "allowed to cool" is a step);
// - a light verb or a process noun with no condition in its sentence: "The synthesis ... was
//   performed according to a previous report", "In a typical macroemulsion preparation", "The
//   reaction was carried out in a reaction vessel";
// - (s21-rec) an operation done "before each/every" later use ("preheated to 100 °C before each
//   injection"), with its conditions; and, the operation alone (its sentence's conditions attach as
//   before), a use for measurements, "prepared by <operation>", a purpose noun after "for", a noun
//   repeat or requirement, an "until" clause, a back-reference ("thus dialyzed") and an operation
//   word naming equipment ("dialysis membrane"): is_use_for_measurement(), is_made_by(),
//   is_purpose_noun(), is_noun_repeat(), is_until_clause(), is_back_reference_or_equipment().
std::set<const Entity*> not_steps(const Document& doc, const std::vector<EntityView>& ents) {
  std::set<const Entity*> out;
  // Cheap gate: only these words can make a non-step.
  static const std::set<std::string> kStore = {"kept", "stored", "store", "storing", "held"};
  static const std::set<std::string> kLight = {"performed", "carried", "conducted", "synthesis", "syntheses",
                                               "preparation", "preparations"};
  int last_op = -1;
  for (size_t k = 0; k < ents.size(); ++k)
    if (ents[k].e->type == "operation") last_op = static_cast<int>(k);
  // Cheap gate for "before each injection": paragraphs that say "each" or "every" at all.
  std::map<int, bool> each_use_of;
  auto each_use = [&](int pi) {
    auto it = each_use_of.find(pi);
    if (it != each_use_of.end()) return it->second;
    if (pi < 0 || pi >= static_cast<int>(doc.paragraphs.size())) return false;
    const std::string& t = doc.paragraphs[pi].text;
    return each_use_of[pi] = t.find(" each ") != std::string::npos || t.find(" every ") != std::string::npos;
  };
  // The rest of v's sentence up to its next comma or semicolon, lowered.
  auto clause_after = [&](const EntityView& v) {
    std::string rest = rest_of_sentence(doc, v);
    rest.resize(std::min(rest.size(), rest.find_first_of(",;")));
    return rest;
  };
  for (size_t k = 0; k < ents.size(); ++k) {
    const EntityView& v = ents[k];
    if (v.e->type != "operation") continue;
    const std::string word = ascii_lower(v.e->text);
    // The conditions of v's sentence after it, up to its next operation.
    auto own_conditions = [&]() {
      std::vector<const Entity*> c;
      for (size_t j = k + 1; j < ents.size() && ents[j].sentence == v.sentence && ents[j].e->type != "operation"; ++j)
        if (is_condition(ents[j].e->type)) c.push_back(ents[j].e);
      return c;
    };
    auto sentence_has = [&](const char* type) {
      return std::any_of(ents.begin(), ents.end(), [&](const EntityView& w) { return w.sentence == v.sentence && w.e->type == type; });
    };
    if (kStore.count(word)) {
      const std::string rest = rest_of_sentence(doc, v);
      bool storage = contains_any(rest, {" until ", "until use", "for later use", "for further use", "before use",
                                         "prior to use", "for future use"}) ||
                     word.starts_with("stor");
      const bool injected = std::any_of(ents.begin(), ents.end(), [](const EntityView& w) {
        return w.e->type == "operation" && w.e->normalized == "injection";
      });
      const bool alone = std::none_of(ents.begin(), ents.end(), [&](const EntityView& w) {
        return &w != &v && w.sentence == v.sentence && w.e->type == "operation";
      });
      if (!storage && static_cast<int>(k) == last_op && alone && !injected && !sentence_has("time")) {
        // A stock's last sentence, a hold without a duration below an earlier step's temperature (or
        // at none): "The solution was kept under nitrogen at 95 °C." Nothing was injected into it.
        std::optional<double> at, before;
        for (const Entity* c : own_conditions())
          if (c->type == "temperature") at = main_value(*c);
        for (size_t j = 0; j < k; ++j)
          if (ents[j].e->type == "temperature" && main_value(*ents[j].e) && ents[j].e->role != "room")
            before = before ? std::max(*before, *main_value(*ents[j].e)) : *main_value(*ents[j].e);
        storage = before && (!at || *at < *before);
      }
      if (storage) {
        out.insert(v.e);
        for (const Entity* c : own_conditions()) out.insert(c);
      }
      continue;
    }
    // "the solution was preheated to 100 °C before each injection": done to a stock before each
    // later use, not a step of its preparation; its conditions go with it (s21-rec).
    if (each_use(v.pi) && done_before_each_use(clause_after(v))) {
      out.insert(v.e);
      for (const Entity* c : own_conditions()) out.insert(c);
      // Conditions before it in its sentence that no earlier operation of the sentence takes
      // ("Because Cs-oleate precipitates at room temperature, the solution was preheated ...").
      for (size_t j = k; j-- > 0 && ents[j].sentence == v.sentence && ents[j].e->type != "operation";)
        if (is_condition(ents[j].e->type)) out.insert(ents[j].e);
      continue;
    }
    if (kLight.count(word) && !sentence_has("temperature") && !sentence_has("time")) {
      out.insert(v.e);
      continue;
    }
    // Each test starts with a word-list (or suffix) check, so most operations cost a lookup.
    if (is_use_for_measurement(doc, v, word) || is_purpose_noun(doc, v, word) || is_made_by(doc, ents, k, word) ||
        is_noun_repeat(doc, ents, k, word) || is_until_clause(doc, v) || is_back_reference_or_equipment(doc, v, word) ||
        is_heat_source_removal(doc, v, word)) {
      out.insert(v.e);
      continue;
    }
    // An infinitive is a bare verb: "to remove", "to exfoliate", never "to ...ed" / "to ...ing".
    if (v.e->normalized == "purification" || v.e->normalized == "injection" || word.ends_with("ed") ||
        word.ends_with("ing") || word.find(' ') != std::string::npos)
      continue;
    const size_t at = byte_start(doc, v);
    if (at == std::string::npos) continue;
    const std::string before = lower_before(doc.paragraphs[v.pi].text, at, 30);
    if (!std::string_view(before).ends_with(" to ")) continue;
    std::string_view head(before);
    head.remove_suffix(4);
    const std::string_view prev = last_word(head);
    static const std::set<std::string_view> kInfinitive = {
        "allowed", "left", "let", "brought", "begin", "began", "begun", "start", "started", "starts", "continue",
        "continued", "continues", "set", "heated", "cooled", "warmed", "raised", "ramped", "increased", "decreased",
        "lowered", "returned", "came", "come", "up", "down", "able", "unable", "going", "used"};
    if (kInfinitive.count(prev)) continue;
    out.insert(v.e);
  }
  return out;
}

// "Stirring was stopped after 2 min", "The injection was stopped after the amount needed for eight
// monolayers had been added": an operation named as stopped, or as done ("had been added") in an
// "after/once/when" clause, restates a step written before it; it is no new step, and its sentence's
// conditions may go to that earlier step (the stirring's 2 min). The caller checks that such a step exists.
bool restates_earlier_step(const Document& doc, const EntityView& v) {
  if (v.pi < 0 || v.pi >= static_cast<int>(doc.paragraphs.size())) return false;
  const std::string& text = doc.paragraphs[v.pi].text;
  if (text.find("stopp") == std::string::npos && text.find("halted") == std::string::npos &&
      text.find("ceased") == std::string::npos && text.find("discontinued") == std::string::npos &&
      text.find(" been ") == std::string::npos)  // cheap gate
    return false;
  const std::string rest = rest_of_sentence(doc, v);
  for (std::string_view cue : {" was stopped", " were stopped", " was halted", " was ceased", " was discontinued",
                               " was terminated", " stopped", " ceased"})
    if (rest.starts_with(cue) && (rest.size() == cue.size() || !is_alnum_byte(rest[cue.size()]))) return true;
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  std::string before = lower_before(text, at, 80);
  if (!before.ends_with("had been ") && !before.ends_with("has been ") && !before.ends_with("have been ")) return false;
  const size_t cut = before.find_last_of(",.;:()");
  if (cut != std::string::npos) before = before.substr(cut + 1);
  for (std::string_view cue : {"after ", "once ", "when "}) {
    const size_t f = before.find(cue);
    if (f != std::string::npos && (f == 0 || !is_alnum_byte(before[f - 1]))) return true;
  }
  return false;
}

// The latest of `steps[0, end)` that the restating operation `op` names: the same operation, an
// addition and an injection standing for each other ("added dropwise with two syringe pumps ... The
// injection was stopped"); -1 when none.
int restated_step(const std::vector<Step>& steps, size_t end, const std::string& op) {
  auto adds = [](const std::string& o) { return o == "injection" || o == "mixing"; };
  for (size_t i = end; i-- > 0;)
    if (steps[i].operation == op || (adds(op) && adds(steps[i].operation))) return static_cast<int>(i);
  return -1;
}

// Which end of a text strip_auxiliaries() works on.
enum class End { kFront, kBack };

// `s` without the words that may stand between a continued operation (or "reaction") and its
// continuation verb, auxiliaries and the stage's time noun ("the reaction time had been prolonged",
// "Stirring was continued"), at its `end`: as many as stand there, whole words only (each at the
// end of `s` or set off by a space), with the spaces around them.
std::string_view strip_auxiliaries(std::string_view s, End end) {
  static constexpr std::string_view kWords[] = {"had", "has", "have", "been", "was", "were", "is", "time", "period"};
  for (bool stripped = true; stripped;) {
    stripped = false;
    if (end == End::kFront) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    } else {
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    }
    for (std::string_view w : kWords) {
      const bool word = end == End::kFront ? s.starts_with(w) && (s.size() == w.size() || s[w.size()] == ' ')
                                           : s.ends_with(w) && (s.size() == w.size() || s[s.size() - w.size() - 1] == ' ');
      if (!word) continue;
      if (end == End::kFront) s.remove_prefix(w.size());
      else s.remove_suffix(w.size());
      stripped = true;
      break;
    }
  }
  return s;
}

// "Stirring was continued for 2 h", "stirring continued for two days", "Heating was maintained for
// 10 min", "the polymerization reaction of pyrrole which continued for 120 min": an operation that
// goes on with a step written before it. Returns the index in `ents` (which is in text order) of
// the operation it continues (the subject, "Stirring") when it names one, npos for a plain
// "continued"; `is_cont` says whether ents[k] is such a continuation at all. "continued" is one with
// or without a subject; "maintained", "kept", "prolonged", "extended" only with an operation as
// subject ("The mixture was kept at 300 °C" is a hold step of its own).
size_t continued_operation(const Document& doc, const std::vector<EntityView>& ents, size_t k, bool& is_cont) {
  is_cont = false;
  const std::string word = ascii_lower(ents[k].e->text);
  const bool plain = word == "continued" || word == "continues";
  if (!plain && word != "maintained" && word != "kept" && word != "prolonged" && word != "extended") return std::string::npos;
  size_t subject = std::string::npos;
  if (k > 0 && ents[k - 1].e->type == "operation" && ents[k - 1].pi == ents[k].pi &&
      ents[k - 1].sentence == ents[k].sentence) {
    const size_t from = byte_start(doc, ents[k - 1]);
    const size_t to = byte_start(doc, ents[k]);
    if (from != std::string::npos && to != std::string::npos && to > from) {
      const std::string& text = doc.paragraphs[ents[k].pi].text;
      const auto cps = code_point_offsets(text);
      const auto subject_end = static_cast<size_t>(ents[k - 1].e->end);
      if (subject_end < cps.size() && cps[subject_end] <= to) {
        const std::string gap = ascii_lower(std::string_view(text).substr(cps[subject_end], to - cps[subject_end]));
        // "The reaction time was prolonged": the stage's time noun may stand between (s25-rec).
        if (strip_auxiliaries(gap, End::kFront).empty()) subject = k - 1;
      }
    }
  }
  is_cont = plain || subject != std::string::npos;
  return subject;
}

// "The reaction was prolonged to 1 h", "the growth was extended for 10 min": an operation whose
// continuation verb is no entity of its own (the lexicon has no "prolonged"/"extended"; they name no
// step alone). True when ents[k] is an operation followed, in its sentence, only by auxiliaries or a
// time noun and then such a verb; a verb the rules made an entity (maintained, kept, continued) is
// left to continued_operation() on that entity.
bool continued_by_word(const Document& doc, const std::vector<EntityView>& ents, size_t k) {
  if (ents[k].e->type != "operation") return false;
  const std::string rest = rest_of_sentence(doc, ents[k]);
  const std::string_view r = strip_auxiliaries(rest, End::kFront);
  for (std::string_view verb : {"prolonged", "extended", "continued", "maintained", "kept"}) {
    if (!r.starts_with(verb) || (r.size() > verb.size() && is_alnum_byte(r[verb.size()]))) continue;
    // The verb's byte offset in the paragraph: is it the next entity?
    const size_t at = byte_start(doc, ents[k]);
    if (at == std::string::npos) return false;
    const size_t verb_at = at + ents[k].e->text.size() + (rest.size() - r.size());
    if (k + 1 < ents.size() && ents[k + 1].pi == ents[k].pi && byte_start(doc, ents[k + 1]) == verb_at) return false;
    return true;
  }
  return false;
}

// "The solution was kept stirring for half an hour", "the mixture was kept stirring for another 60 min",
// "with continued stirring": a continuation verb right before an operation's -ing form says that
// operation goes on (s25-rec); the verb itself is no step. True when ents[k] is such a verb
// ("kept", "continued", "maintained", "kept on") and ents[k + 1] that -ing operation.
bool continues_gerund(const Document& doc, const std::vector<EntityView>& ents, size_t k) {
  if (k + 1 >= ents.size() || ents[k].e->type != "operation" || ents[k + 1].e->type != "operation" ||
      ents[k].pi != ents[k + 1].pi || ents[k].sentence != ents[k + 1].sentence)
    return false;
  const std::string verb = ascii_lower(ents[k].e->text);
  if (verb != "kept" && verb != "continued" && verb != "maintained") return false;
  const std::string next = ascii_lower(ents[k + 1].e->text);
  if (!next.ends_with("ing") || next.find(' ') != std::string::npos) return false;
  const size_t from = byte_start(doc, ents[k]), to = byte_start(doc, ents[k + 1]);
  if (from == std::string::npos || to == std::string::npos || to < from + ents[k].e->text.size()) return false;
  std::string gap = ascii_lower(std::string_view(doc.paragraphs[ents[k].pi].text).substr(from + ents[k].e->text.size(),
                                                                                       to - from - ents[k].e->text.size()));
  if (const size_t f = gap.find(" on "); f != std::string::npos) gap.erase(f, 3);
  return gap.find_first_not_of(' ') == std::string::npos;
}

// Whether `head` (lower-case text before a continuation verb) ends in "reaction"/"growth", maybe
// with "time"/"period" and auxiliaries after it: "the reaction was", "the growth time had been".
bool ends_with_reaction_subject(std::string_view head) {
  head = strip_auxiliaries(head, End::kBack);
  for (std::string_view subject : {"reaction", "growth"})
    if (head.ends_with(subject) &&
        (head.size() == subject.size() || !is_alnum_byte(static_cast<unsigned char>(head[head.size() - subject.size() - 1]))))
      return true;
  return false;
}

// "The reaction was prolonged to 1 h", "when the reaction time was extended from 5 to 30 min": the
// rules make no entity of "reaction" as a noun, so such a sentence has conditions but no operation.
// True when the text before `first` (the sentence's first condition), within its sentence, holds
// "reaction"/"growth" (maybe "time"/"period"), auxiliaries and a continuation verb.
bool reaction_continued_before(const Document& doc, const EntityView& first) {
  const size_t at = byte_start(doc, first);
  if (at == std::string::npos) return false;
  std::string before = lower_before(doc.paragraphs[first.pi].text, at, 160);
  if (const size_t stop = before.rfind(". "); stop != std::string::npos) before = before.substr(stop + 2);
  for (std::string_view verb : {"prolonged", "extended", "continued", "maintained", "kept"}) {
    for (size_t f = before.find(verb); f != std::string::npos; f = before.find(verb, f + 1)) {
      if (f == 0 || before[f - 1] != ' ') continue;
      if (f + verb.size() < before.size() && is_alnum_byte(static_cast<unsigned char>(before[f + verb.size()]))) continue;
      if (ends_with_reaction_subject(std::string_view(before.data(), f))) return true;
    }
  }
  return false;
}

// "The reaction was maintained for 30 min", "the growth was kept for 5 min": a continuation verb the
// rules made an operation entity, whose subject is the reaction (no entity). True for such a `v`.
bool reaction_subject_of(const Document& doc, const EntityView& v) {
  const std::string word = ascii_lower(v.e->text);
  if (word != "maintained" && word != "kept" && word != "continued" && word != "prolonged" && word != "extended")
    return false;
  const size_t at = byte_start(doc, v);
  if (at == std::string::npos) return false;
  std::string before = lower_before(doc.paragraphs[v.pi].text, at, 80);
  if (const size_t stop = before.rfind(". "); stop != std::string::npos) before = before.substr(stop + 2);
  return ends_with_reaction_subject(before);
}

// The step a continued reaction goes on with ("The reaction was prolonged", "the growth was
// extended"): the latest `reaction` step after the record's last injection or addition; -1 when
// none (then the caller's older rule holds: the last step, or a new reaction after an injection).
int continued_reaction_step(const std::vector<Step>& steps) {
  for (size_t i = steps.size(); i-- > 0;) {
    if (steps[i].operation == "injection" || steps[i].operation == "mixing") return -1;
    if (steps[i].operation == "reaction") return static_cast<int>(i);
  }
  return -1;
}

// `skip`: operations and conditions that are no steps (not_steps()).
void add_steps(const Document& doc, const std::vector<EntityView>& ents, std::vector<Step>& steps,
               const std::set<const Entity*>& skip) {
  // Operations and conditions grouped by sentence; each condition goes to the nearest operation of
  // its sentence that has that slot free, else to a new step after it.
  size_t i = 0;
  while (i < ents.size()) {
    size_t j = i;
    while (j < ents.size() && ents[j].sentence == ents[i].sentence) ++j;
    const size_t sentence_first_step = steps.size();
    std::vector<size_t> op_steps;  // indices into `steps` of this sentence's operations
    std::vector<const EntityView*> ops;
    std::set<const EntityView*> continuations;  // ops that go on with an earlier step (s22-rec)
    for (size_t k = i; k < j; ++k)
      if (ents[k].e->type == "operation") {
        if (is_later_use(doc, ents[k]) || skip.count(ents[k].e)) continue;
        // s22-rec: the subject of a continuation ("Stirring" of "Stirring was continued") is no step;
        // the continuation below names it.
        bool next_continues = false;
        if (k + 1 < j && continued_operation(doc, ents, k + 1, next_continues) == k && next_continues &&
            !skip.count(ents[k + 1].e))
          continue;
        // s25-rec: "kept" of "was kept stirring" is no step; the stirring after it goes on.
        if (continues_gerund(doc, ents, k) && !skip.count(ents[k + 1].e)) continue;
        bool continues = false;
        size_t subject = continued_operation(doc, ents, k, continues);
        if (!continues && (continued_by_word(doc, ents, k) || (k > i && continues_gerund(doc, ents, k - 1) &&
                                                               !skip.count(ents[k - 1].e)))) {
          continues = true;  // s25-rec: "The growth was extended", "kept stirring"; ents[k] is its own subject
          subject = k;
        }
        // s25-rec: "The reaction was maintained for 30 min" ("reaction" is no entity): the reaction goes on.
        const bool reaction_subject = subject == std::string::npos && reaction_subject_of(doc, ents[k]);
        if (reaction_subject) continues = true;
        if (continues) {
          // The step it goes on with: the latest of that operation, else (no subject, or "The reaction
          // was continued") the record's last step. After an injection or an addition the reaction it
          // started goes on: a `reaction` step of its own, as "After 5 s ..." makes.
          std::string named = subject == std::string::npos ? "" : ents[subject].e->normalized;
          // s25-rec: "The reaction was prolonged", "the growth was extended" go on with the reaction
          // step after the last injection or addition when there is one.
          const int reaction = named == "reaction" || reaction_subject ? continued_reaction_step(steps) : -1;
          if (named == "other" || named == "reaction") named.clear();
          const int earlier = reaction >= 0     ? reaction
                              : named.empty() ? static_cast<int>(steps.size()) - 1
                                              : restated_step(steps, steps.size(), named);
          const bool starts_reaction = named.empty() && earlier >= 0 &&
                                       (steps[static_cast<size_t>(earlier)].operation == "injection" ||
                                        steps[static_cast<size_t>(earlier)].operation == "mixing");
          if (earlier >= 0 && !starts_reaction) {
            op_steps.push_back(static_cast<size_t>(earlier));
            ops.push_back(&ents[subject == std::string::npos ? k : subject]);
            continuations.insert(ops.back());
            continue;
          }
          Step s;
          s.operation = !named.empty() ? named : "reaction";
          s.ref = ref_of(subject == std::string::npos ? ents[k] : ents[subject]);
          steps.push_back(s);
          op_steps.push_back(steps.size() - 1);
          ops.push_back(&ents[k]);
          continue;
        }
        if (!ents[k].e->normalized.empty() && restates_earlier_step(doc, ents[k])) {
          // s21-rec2: no new step; the sentence's conditions may fill the earlier one's free slots.
          const int earlier = restated_step(steps, sentence_first_step, ents[k].e->normalized);
          if (earlier >= 0) {
            // "added dropwise with two syringe pumps ... The injection was stopped": the paper calls
            // that addition an injection.
            if (ents[k].e->normalized == "injection") steps[static_cast<size_t>(earlier)].operation = "injection";
            op_steps.push_back(static_cast<size_t>(earlier));
            ops.push_back(&ents[k]);
            continue;
          }
        }
        Step s;
        s.operation = ents[k].e->normalized.empty() ? "other" : ents[k].e->normalized;
        s.ref = ref_of(ents[k]);
        steps.push_back(s);
        op_steps.push_back(steps.size() - 1);
        ops.push_back(&ents[k]);
      }
    // Conditions written after an operation first ("was kept at 260 °C for 90 s"), then those that
    // open a clause ("The temperature dropped to 262 °C and was kept ..."), so that an operation's
    // own conditions are not pushed into a new stage by a number written before it.
    std::vector<size_t> order;
    for (size_t k = i; k < j; ++k)
      if (is_condition(ents[k].e->type) && !skip.count(ents[k].e)) order.push_back(k);
    std::stable_partition(order.begin(), order.end(), [&](size_t k) {
      return std::any_of(ops.begin(), ops.end(), [&](const EntityView* o) { return o->e->end <= ents[k].e->start; });
    });
    // New stages of a continued operation and the step they go on with (s25-rec): a stage that
    // states no temperature of its own keeps that step's ("The heating was maintained for 30 min").
    std::vector<std::pair<size_t, size_t>> continued_stages;
    // s25-rec: a sentence without an operation that continues the reaction ("The reaction was
    // prolonged to 1 h"): the step its conditions go to, -1 for a new `reaction` step (none yet, or
    // the last step is the injection or addition that started it).
    size_t first_condition = i;
    while (first_condition < j && !is_condition(ents[first_condition].e->type)) ++first_condition;
    const bool reaction_continues =
        ops.empty() && first_condition < j && reaction_continued_before(doc, ents[first_condition]);
    int continued = -1;
    if (reaction_continues) {
      continued = continued_reaction_step(steps);
      if (continued < 0 && !steps.empty() && steps.back().operation != "injection" && steps.back().operation != "mixing")
        continued = static_cast<int>(steps.size()) - 1;
    }
    // Whether the record has injected something by the end of this sentence.
    const bool injected = std::any_of(steps.begin(), steps.end(), [](const Step& s) { return s.operation == "injection"; });
    for (size_t k : order) {
      const Entity& c = *ents[k].e;
      if (injected && is_transient_drop(doc, ents[k])) continue;
      auto slot_free = [&](const Step& s) {
        if (c.type == "temperature") return !s.temperature_c.has_value();
        if (c.type == "time") return !s.time_s.has_value();
        if (c.type == "heating_rate") return !s.heating_rate_c_per_min.has_value();
        return s.atmosphere.empty();
      };
      auto fill = [&](Step& s) {
        if (c.type == "temperature") {
          s.temperature_c = main_value(c);
          s.temperature_ref = ref_of(ents[k]);
        } else if (c.type == "time") {
          s.time_s = main_value(c);
          s.time_ref = ref_of(ents[k]);
        }
        else if (c.type == "heating_rate") s.heating_rate_c_per_min = main_value(c);
        else s.atmosphere = c.normalized.empty() ? c.text : c.normalized;
      };
      Step* target = nullptr;
      if (sentence_first_step > 0 && ends_stage_before(doc, ents[k], ops)) {
        // "... was quickly injected. After 5 s the reaction mixture was cooled": the time the stage
        // before the cooling lasted. Not the injection's own time: the reaction after it.
        Step& prev = steps[sentence_first_step - 1];
        if (prev.operation != "injection" && !prev.time_s) {
          target = &prev;
        } else if (prev.operation == "injection") {
          Step s;
          s.operation = "reaction";
          s.ref = ref_of(ents[k]);
          steps.push_back(s);
          target = &steps.back();
        }
      }
      if (!target) {
        if (!ops.empty()) {
          // Procedures name the operation first and its conditions after it ("degassed at 110 °C for
          // 30 min and then heated to 280 °C"): the nearest operation before the condition gets it;
          // one after it only when the condition opens the clause ("At 120 °C, X was injected") or the
          // earlier operation is taken and the later one is nearer. A taken slot makes a new stage.
          auto distance = [&](size_t o) {
            return c.start >= ops[o]->e->end ? c.start - ops[o]->e->end : std::abs(ops[o]->e->start - c.end);
          };
          std::optional<size_t> before;
          std::vector<std::pair<int64_t, size_t>> after;  // operations after the condition, nearest first
          for (size_t o = 0; o < ops.size(); ++o) {
            if (ops[o]->e->end <= c.start) {
              if (!before || ops[o]->e->end > ops[*before]->e->end) before = o;
            } else {
              after.push_back({distance(o), o});
            }
          }
          std::sort(after.begin(), after.end());
          std::optional<size_t> chosen;
          if (before && slot_free(steps[op_steps[*before]])) chosen = before;
          // Without an earlier operation only the next one is a candidate: "dropped to 262 °C and was
          // kept at 260 °C ..., after which the mantle was removed" is no temperature of "removed".
          if (!chosen && !after.empty() && (!before || after.front().first < distance(*before)) &&
              slot_free(steps[op_steps[after.front().second]]))
            chosen = after.front().second;
          // "Because Cs-oleate precipitates at room temperature, the solution was preheated to 100 °C":
          // a room temperature that finds no free slot describes, it is no stage of its own.
          if (chosen) {
            target = &steps[op_steps[*chosen]];
          } else if (!before && c.role == "room") {
            continue;
          } else {
            // "heated to 120 °C for 30 min and then to 300 °C": a second stage of the same operation.
            size_t o = before ? *before : after.front().second;
            Step s;
            s.operation = steps[op_steps[o]].operation;
            // "Stirring was continued for 2 h" after "stirred ... for 30 min": a stage read at "Stirring".
            s.ref = ref_of(continuations.count(ops[o]) ? *ops[o] : ents[k]);
            steps.push_back(s);
            target = &steps.back();
            if (continuations.count(ops[o])) continued_stages.push_back({steps.size() - 1, op_steps[o]});
            // keep later lookups valid: op_steps indexes may not point past a reallocation, so
            // re-point this operation's slot to the new stage
            op_steps[o] = steps.size() - 1;
            ops[o] = &ents[k];
          }
        } else if (reaction_continues) {
          if (continued >= 0 && slot_free(steps[static_cast<size_t>(continued)])) {
            target = &steps[static_cast<size_t>(continued)];
          } else {
            Step s;
            s.operation = continued >= 0 ? steps[static_cast<size_t>(continued)].operation : "reaction";
            s.ref = ref_of(ents[k]);
            steps.push_back(s);
            if (continued >= 0) continued_stages.push_back({steps.size() - 1, static_cast<size_t>(continued)});
            continued = static_cast<int>(steps.size()) - 1;  // the sentence's later conditions go here
            target = &steps.back();
          }
        } else if (!steps.empty() && slot_free(steps.back())) {
          target = &steps.back();
        } else {
          Step s;
          s.operation = "other";
          s.ref = ref_of(ents[k]);
          steps.push_back(s);
          target = &steps.back();
        }
      }
      fill(*target);
    }
    for (const auto& [stage, from] : continued_stages)
      if (!steps[stage].temperature_c && steps[from].temperature_c) {
        steps[stage].temperature_c = steps[from].temperature_c;
        steps[stage].temperature_ref = steps[from].temperature_ref;
      }
    // New stages were appended: put this sentence's steps back in text order.
    std::stable_sort(steps.begin() + static_cast<std::ptrdiff_t>(sentence_first_step), steps.end(),
                     [](const Step& a, const Step& b) { return a.ref.start < b.ref.start; });
    i = j;
  }
}

// `d` printed with 12 significant digits: computed amounts without binary noise.
std::string fmt_g12(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", d);
  return buf;
}

// Solvents used only to work the product up ("precipitated with acetone, redispersed in toluene and
// washed with methanol") get role "workup": a model of the reaction should not see them as its
// solvents. A mention counts as work-up when a purification operation comes before it in its
// sentence; a solvent with any other mention stays a solvent.
void mark_workup_solvents(const std::vector<EntityView>& ents, const std::map<std::pair<int, int>, size_t>& by_entity,
                          std::vector<Material>& materials) {
  std::map<int, int64_t> first_purification;  // sentence → start of its first purification operation
  for (const auto& v : ents)
    if (v.e->type == "operation" && v.e->normalized == "purification" && !first_purification.count(v.sentence))
      first_purification[v.sentence] = v.e->start;
  std::vector<int> workup(materials.size(), -1);  // -1 no mention seen, 1 all work-up, 0 some other
  for (const auto& v : ents) {
    if (v.e->type != "material") continue;
    auto it = by_entity.find({v.pi, v.index});
    if (it == by_entity.end()) continue;
    auto fp = first_purification.find(v.sentence);
    const bool in_workup = fp != first_purification.end() && fp->second < v.e->start;
    int& w = workup[it->second];
    w = (w == -1 || w == 1) && in_workup ? 1 : 0;
  }
  for (size_t i = 0; i < materials.size(); ++i)
    if (materials[i].role == "solvent" && workup[i] == 1) materials[i].role = "workup";
}

// The material mention a concentration linked to mention `mention` (entity index in paragraph `pi`)
// is about. "the GO solution in water (initial concentration ~ 4 mg mL-1)", "Se dissolved in ODE
// (0.1 M)": the rules tie it to the solvent the solute is dissolved in, but a concentration is the
// solute's: the nearest material written before that solvent in its sentence; -1 when there is
// none (it is then no solvent's either). Other mentions are returned unchanged.
int solute_mention(const Document& doc, const std::vector<EntityView>& ents, int pi, int mention) {
  const EntityView* solvent = nullptr;
  for (const auto& w : ents)
    if (w.pi == pi && w.index == mention) solvent = &w;
  if (!solvent || solvent->e->type != "material" || solvent->e->role != "solvent" || pi < 0 ||
      pi >= static_cast<int>(doc.paragraphs.size()))
    return mention;
  const std::string& text = doc.paragraphs[pi].text;
  const std::vector<size_t> offs = code_point_offsets(text);
  if (solvent->e->start < 0 || solvent->e->start >= static_cast<int64_t>(offs.size())) return mention;
  const std::string before = lower_before(text, offs[solvent->e->start], 12);
  if (!std::string_view(before).ends_with(" in ") && !std::string_view(before).ends_with(" in the ")) return mention;
  int solute = -1;
  for (const auto& w : ents)
    if (w.pi == pi && w.sentence == solvent->sentence && w.e->type == "material" && w.e->end <= solvent->e->start &&
        w.e->role != "solvent" && w.e->role != "target")
      solute = w.index;
  return solute;
}

Parts collect(const Document& doc, const std::vector<EntityView>& ents) {
  Parts p;
  std::map<std::string, size_t> by_name;  // normalized name → index in materials
  // Material entity index (within its paragraph) → materials index, for amounts.
  std::map<std::pair<int, int>, size_t> by_entity;
  // "under argon" is an atmosphere, not a reagent, even when the rules also tag it as a material.
  std::set<std::tuple<int, int64_t, int64_t>> atmosphere_spans;
  for (const auto& v : ents)
    if (v.e->type == "atmosphere") atmosphere_spans.insert({v.pi, v.e->start, v.e->end});
  const std::set<const Entity*> skip = not_steps(doc, ents);  // storage, purpose clauses: no steps, no roles
  for (const auto& v : ents) {
    const Entity& e = *v.e;
    if (e.type == "material" && atmosphere_spans.count({v.pi, e.start, e.end})) continue;
    if (e.type == "material") {
      if (e.role == "target") {
        if (p.target.empty()) {
          p.target = e.normalized.empty() ? e.name.empty() ? e.text : e.name : e.normalized;
          p.target_formula = e.formula;
          p.target_ref = ref_of(v);
        }
        continue;
      }
      std::string key = !e.normalized.empty() ? e.normalized : ascii_lower(e.name.empty() ? e.text : e.name);
      auto it = by_name.find(key);
      if (it != by_name.end()) {
        by_entity[{v.pi, v.index}] = it->second;  // a repeat mention: amounts go to the first one
        continue;
      }
      Material m;
      m.name = e.name.empty() ? e.text : e.name;
      m.normalized = e.normalized;
      m.formula = e.formula;
      m.role = e.role.empty() ? "other" : e.role;
      m.ref = ref_of(v);
      p.materials.push_back(m);
      by_name[key] = p.materials.size() - 1;
      by_entity[{v.pi, v.index}] = p.materials.size() - 1;
    } else if (e.type == "method") {
      if (p.method.empty()) p.method = e.normalized.empty() ? ascii_lower(e.text) : e.normalized;
    } else if (e.type == "failure") {
      if (!p.failed) {
        p.failed = true;
        p.failure_cue = e.cue.empty() ? e.text : e.cue;
        p.failure_ref = ref_of(v);
      }
    } else if (is_outcome(e.type)) {
      push_outcome(p.outcomes, v, 1.0);
    } else if (e.type == "temperature") {
      p.temperatures.push_back(v);
      if (!e.role.empty() && !p.roles.temperature.count(e.role) && !skip.count(&e)) p.roles.temperature[e.role] = main_value(e);
    } else if (e.type == "time") {
      p.times.push_back(v);
      if (!e.role.empty() && !p.roles.time.count(e.role) && !skip.count(&e)) p.roles.time[e.role] = main_value(e);
    }
  }
  // Amounts, after every material is known (an amount may precede its material: "0.2 mmol of CdO").
  // Preference when one material has several amounts: moles, mass, volume, concentration, others.
  auto rank = [](const std::string& q) {
    static const char* kOrder[] = {"moles", "mass", "volume", "concentration", "molar_ratio", "fraction"};
    for (int i = 0; i < 6; ++i)
      if (q == kOrder[i]) return i;
    return 6;
  };
  std::map<size_t, std::pair<std::optional<double>, std::optional<double>>> conc_vol;  // mol/L, mL
  for (const auto& v : ents) {
    const Entity& e = *v.e;
    if (e.type != "amount" || !e.material) continue;
    // "CdO (99.99%)" is a grade, not an amount: the rules mark such fractions with role purity.
    if (e.role == "purity") continue;
    int mention = *e.material;
    if (e.quantity == "concentration") {
      mention = solute_mention(doc, ents, v.pi, mention);
      if (mention < 0) continue;
    }
    auto it = by_entity.find({v.pi, mention});
    if (it == by_entity.end()) continue;
    Material& m = p.materials[it->second];
    if (e.quantity == "moles" && e.value && !m.moles) m.moles = e.value;
    // Ranges ("50 to 250 μL") count with their upper value, as amount_value does. Only a molar
    // concentration times a volume is an amount of substance: "4 mg mL-1" (g/L) × 0.15 mL is 0.6 mg,
    // not 6e-04 mol (review 19 defect 2).
    if (e.quantity == "concentration" && e.unit == "mol/L" && main_value(e)) conc_vol[it->second].first = main_value(e);
    if (e.quantity == "volume" && main_value(e)) conc_vol[it->second].second = main_value(e);
    if (!m.amount_ref.has_source() || rank(e.quantity) < rank(m.quantity)) {
      m.amount_value = main_value(e);
      m.amount_unit = e.unit;
      m.quantity = e.quantity;
      m.amount_ref = ref_of(v);
    }
  }
  for (auto& [idx, cv] : conc_vol) {
    Material& m = p.materials[idx];
    // mol/L × mL, to 12 significant digits: 0.1 M × 0.4 mL is 4e-05 mol, not 4.000000000000001e-05.
    if (!m.moles && cv.first && cv.second) m.moles = std::stod(fmt_g12(*cv.first * *cv.second / 1000.0));
  }
  add_steps(doc, ents, p.steps, skip);
  mark_workup_solvents(ents, by_entity, p.materials);
  return p;
}

void compute_ratios(std::vector<Material>& materials) {
  std::optional<double> reference;
  for (const auto& m : materials)
    if (m.role == "precursor" && m.moles && *m.moles > 0) {
      reference = m.moles;
      break;
    }
  for (auto& m : materials) m.molar_ratio = molar_ratio(m.moles, reference);
}

void renumber(std::vector<Step>& steps) {
  for (size_t i = 0; i < steps.size(); ++i) steps[i].ordinal = static_cast<int>(i);
}

// "The temperature was decreased to 240 °C and the nanocrystals were grown for 5 min": a cooling to
// a temperature above room temperature that a growth step follows sets the growth temperature; it
// does not end the reaction as a cooling to room temperature does.
bool moves_to_growth(const std::vector<Step>& steps, size_t i) {
  if (steps[i].operation != "cooling" || !steps[i].temperature_c || *steps[i].temperature_c <= 30 || i + 1 >= steps.size())
    return false;
  const std::string& next = steps[i + 1].operation;
  return next == "reaction" || next == "stirring" || next == "annealing";
}

// Injection / growth / reaction temperatures and times from roles first, then from the steps.
// A variant runs it again on its own steps with the roles its overrides left (make_variant).
void derive_conditions(Synthesis& s, const Roles& roles) {
  auto role_t = [&](const char* role) -> std::optional<double> {
    auto it = roles.temperature.find(role);
    return it == roles.temperature.end() ? std::nullopt : it->second;
  };
  auto role_d = [&](const char* role) -> std::optional<double> {
    auto it = roles.time.find(role);
    return it == roles.time.end() ? std::nullopt : it->second;
  };
  s.injection_temperature_c = role_t("injection");
  s.growth_temperature_c = role_t("growth");
  s.reaction_temperature_c = role_t("reaction");
  s.injection_time_s = role_d("injection");
  s.growth_time_s = role_d("growth");
  s.reaction_time_s = role_d("reaction");

  // With several injections (ligands at 120 °C, then the Cs-oleate at 180 °C) the last one starts
  // nucleation: the hot injection proper.
  int injection = -1, injections = 0;
  for (size_t i = 0; i < s.steps.size(); ++i)
    if (s.steps[i].operation == "injection") injection = static_cast<int>(i), ++injections;
  if (injection >= 0) {
    const Step& inj = s.steps[injection];
    // The role-tagged injection temperature is the first one written, which with several injections
    // is that of the ligands ("oleylamine was injected at 120 °C ... raised to 180 °C and the
    // Cs-oleate was injected"): then the last injection's own temperature wins.
    if (!s.injection_temperature_c || injections > 1) {
      std::optional<double> at = inj.temperature_c;
      // "X was heated to 300 °C, then Y was injected": the injection happens at the last temperature.
      for (int i = injection - 1; !at && i >= 0; --i)
        if (s.steps[i].operation != "degassing") at = s.steps[i].temperature_c;
      if (at) s.injection_temperature_c = at;
    }
    if (!s.injection_time_s) s.injection_time_s = inj.time_s;
    size_t end = injection + 1;  // the growth stage: up to a cooling, a work-up or the next injection
    while (end < s.steps.size() &&
           !((s.steps[end].operation == "cooling" && !moves_to_growth(s.steps, end)) ||
             s.steps[end].operation == "purification" || s.steps[end].operation == "injection"))
      ++end;
    // "Stirring was stopped after 2 min and the seeds were aged at 27 °C for 30 min": the stirring
    // that a timed hold (aging, growth) follows is not the growth; the hold's time is.
    const bool held = std::any_of(s.steps.begin() + injection + 1, s.steps.begin() + static_cast<std::ptrdiff_t>(end),
                                  [](const Step& st) { return st.operation == "reaction" && st.time_s; });
    for (size_t i = injection + 1; i < end; ++i) {
      const Step& st = s.steps[i];
      if (!s.growth_temperature_c && st.temperature_c) s.growth_temperature_c = st.temperature_c;
      if (!s.growth_time_s && st.time_s && !(held && st.operation == "stirring")) s.growth_time_s = st.time_s;
    }
    if (!s.growth_time_s && inj.time_s) s.growth_time_s = inj.time_s;
  }
  // The reaction step: the one at the role-tagged reaction temperature ("kept at 300 °C for 20 min"),
  // else the hottest; the time given with it (or just after it) is the reaction time either way.
  {
    int best = -1;
    for (size_t i = 0; i < s.steps.size(); ++i) {
      const Step& st = s.steps[i];
      if (!st.temperature_c || st.operation == "drying" || st.operation == "purification" ||
          st.operation == "degassing" || st.operation == "cooling" || st.operation == "annealing")
        continue;
      if (s.reaction_temperature_c) {
        if (*st.temperature_c == *s.reaction_temperature_c) {
          best = static_cast<int>(i);
          break;
        }
      } else if (best < 0 || *st.temperature_c > *s.steps[best].temperature_c) {
        best = static_cast<int>(i);
      }
    }
    // "PbO, oleic acid and ODE were degassed at 100 °C for 2 h ... until the solution was clear": a
    // precursor that forms while degassed (no other heated step, nothing injected) reacts at the
    // degassing's temperature, for its time.
    if (best < 0 && !s.reaction_temperature_c && injection < 0)
      for (size_t i = 0; i < s.steps.size(); ++i)
        if (s.steps[i].operation == "degassing" && s.steps[i].temperature_c &&
            (best < 0 || *s.steps[i].temperature_c > *s.steps[best].temperature_c))
          best = static_cast<int>(i);
    if (best >= 0) {
      if (!s.reaction_temperature_c) s.reaction_temperature_c = s.steps[best].temperature_c;
      if (!s.reaction_time_s) {
        for (size_t i = best; i < s.steps.size() && !s.reaction_time_s; ++i) {
          if (i > static_cast<size_t>(best) &&
              ((s.steps[i].operation == "cooling" && !moves_to_growth(s.steps, i)) || s.steps[i].operation == "purification"))
            break;
          s.reaction_time_s = s.steps[i].time_s;
        }
      }
    }
  }
}

double completeness(const Synthesis& s) {
  bool conditions = false;
  for (const auto& st : s.steps)
    if (st.temperature_c || st.time_s) conditions = true;
  return 0.4 * (s.target.empty() ? 0 : 1) + 0.3 * (s.materials.empty() ? 0 : 1) + 0.3 * (conditions ? 1 : 0);
}

// A shell grown on the parent record's cores ("Growth of CdS shells": "purified cores ... were
// dispersed"): the product is the core/shell, CdSe/CdS, not the shell's compound alone. Only when
// the record is a shell step (its heading's stage or its text says "shell") and names the cores
// (the word or the parent's formula).
void name_core_shell(Synthesis& s, const Synthesis& parent, const std::string& heading, const std::string& lower_text) {
  const std::string& shell = s.target_formula;
  const std::string& core = parent.target_formula;
  if (shell.empty() || core.empty() || shell.find('/') != std::string::npos || !formula_like(shell) ||
      shell == core || has_formula(core, shell))
    return;
  if (stage_noun(heading) != "shell" && find_word(lower_text, "shell") == std::string::npos) return;
  if (find_word(lower_text, "core") == std::string::npos && !has_formula(lower_text, ascii_lower(core))) return;
  s.target = s.target_formula = core + "/" + shell;
}

struct RecordDraft {
  Synthesis s;
  std::vector<EntityView> base;           // entities of the base procedure
  std::vector<std::vector<EntityView>> variants;  // entities of each variant group
  std::vector<int> variant_paragraph;     // anchor paragraph ordinal of each variant group
  double score = 0.5;
  std::string heading;
  std::string lower_text;  // all paragraphs, lowered, for linking
  int first_pi = 0;
  bool cross_variant = false;  // the whole draft is a variant of the previous record
};

// Sets the variant's temperature: a role-tagged one ("injection at 180 °C") replaces that field, an
// untagged one the base's main temperature `old_value`; either way every other field, role and step
// that held the replaced value follows it, so that steps, reaction and maximum temperature agree.
// The field set is recorded in `roles`, so that re-deriving the variant's conditions keeps it.
void override_temperature(Synthesis& s, Roles& roles, std::optional<double> old_value, double value,
                          const std::string& role, const SourceRef& ref) {
  std::optional<double>* field = role == "injection" ? &s.injection_temperature_c
                                 : role == "growth"  ? &s.growth_temperature_c
                                 : role == "reaction" ? &s.reaction_temperature_c
                                                      : nullptr;
  if (!role.empty() && !field) return;  // "room", "drying", ...: not the synthesis temperature
  if (field) {
    old_value = *field;  // the base had no such temperature: nothing else held it
    *field = value;
    roles.temperature[role] = value;
    if (!old_value) return;
  } else if (!old_value) {
    s.reaction_temperature_c = value;
    roles.temperature["reaction"] = value;
    return;
  }
  for (auto* f : {&s.injection_temperature_c, &s.growth_temperature_c, &s.reaction_temperature_c})
    if (*f && *f == *old_value) *f = value;
  for (auto& [r, t] : roles.temperature)
    if (t && *t == *old_value) t = value;
  for (auto& st : s.steps)
    if (st.temperature_c && *st.temperature_c == *old_value) {
      st.temperature_c = value;
      st.temperature_ref = ref;
    }
}

// Sets the variant's time: an injection time alone; a growth time (or an untagged one when the base
// has a growth time) or else the reaction time replaces that field, and every step that held the
// replaced value follows it; recorded in `roles` like a temperature.
void override_time(Synthesis& s, Roles& roles, double value, const std::string& role, const SourceRef& ref) {
  if (role == "injection") {
    s.injection_time_s = value;
    roles.time["injection"] = value;
    return;
  }
  const bool growth = role == "growth" || (role.empty() && s.growth_time_s);
  std::optional<double>& field = growth ? s.growth_time_s : s.reaction_time_s;
  const std::optional<double> old = field;
  field = value;
  roles.time[growth ? "growth" : "reaction"] = value;
  if (!old) return;
  for (auto& st : s.steps)
    if (st.time_s == old) {
      st.time_s = value;
      st.time_ref = ref;
    }
}

// True when the material mention `ref` in `doc` follows "without", "instead of", "in the absence of":
// the variant leaves that material out ("Without silver nitrate, no nanorods were formed").
bool is_left_out(const Document& doc, const SourceRef& ref) {
  for (const Paragraph& p : doc.paragraphs) {
    if (p.ordinal != ref.paragraph) continue;
    std::vector<size_t> offs = code_point_offsets(p.text);
    if (ref.start < 0 || ref.start >= static_cast<int64_t>(offs.size())) return false;
    const std::string before = lower_before(p.text, offs[ref.start], 40);
    for (std::string_view cue : {"without ", "without the ", "without any ", "instead of ", "instead of the ",
                                 "in the absence of ", "in the absence of the ", "free of ", "omitting "})
      if (std::string_view(before).ends_with(cue)) return true;
    return false;
  }
  return false;
}

// True when material `m` is the record's own product ("Cs-oleate" in the Cs-oleate record, "GO" in
// "The graphene oxide (GO) was synthesized"): a product is not its own reagent.
bool names_target(const Material& m, const Synthesis& s) {
  auto same = [](const std::string& a, const std::string& b) { return !a.empty() && !b.empty() && ascii_lower(a) == ascii_lower(b); };
  if (m.role != "other") return false;  // a reagent with a role ("Ru (0.019 mmol)") is used, not made
  for (const std::string* t : {&s.target, &s.target_formula})
    if (same(m.name, *t) || same(m.normalized, *t) || same(m.formula, *t)) return true;
  return false;
}

// Index of the material of `materials` that a mention with this normalised name / written name is
// (the same normalised name, else the same name ignoring case); -1 when none is.
int find_material(const std::vector<Material>& materials, const std::string& normalized, const std::string& name) {
  for (size_t i = 0; i < materials.size(); ++i)
    if ((!normalized.empty() && materials[i].normalized == normalized) || ascii_lower(materials[i].name) == ascii_lower(name))
      return static_cast<int>(i);
  return -1;
}

// Moles of `m` after its amount changes to `changed` (a variant's "100 μL of AgNO3" for the base's
// 250 μL of a 10 mM solution): the new amount's own moles, else the base's moles scaled by the amount
// when both amounts are of one kind and unit (so the concentration that gave them still holds).
std::optional<double> changed_moles(const Material& m, const Material& changed) {
  if (changed.moles) return changed.moles;
  if (!m.moles || !m.amount_value || *m.amount_value <= 0 || !changed.amount_value || m.quantity != changed.quantity ||
      m.amount_unit != changed.amount_unit)
    return std::nullopt;
  return std::stod(fmt_g12(*m.moles * *changed.amount_value / *m.amount_value));
}

// The operation a condition of a variant's sentences is written after ("had not been dried for at
// least 2 h" → drying) when it is a side step (drying, degassing, cooling, work-up), whose time or
// temperature is not the synthesis' growth or reaction condition; empty otherwise.
std::string side_step_of(const std::vector<EntityView>& group, const EntityView& c) {
  const EntityView* op = nullptr;
  for (const auto& v : group)
    if (v.e->type == "operation" && v.pi == c.pi && v.sentence == c.sentence && v.e->end <= c.e->start &&
        (!op || v.e->end > op->e->end))
      op = &v;
  if (!op) return "";
  const std::string& n = op->e->normalized;
  return n == "drying" || n == "degassing" || n == "cooling" || n == "purification" ? n : "";
}

// Puts a side step's condition (side_step_of) into the variant's first step of that operation, if
// it has one: the variant's degassing took 2 h, its growth did not.
void set_side_step(Synthesis& v, const std::string& operation, const EntityView& c) {
  auto st = std::find_if(v.steps.begin(), v.steps.end(), [&](const Step& s) { return s.operation == operation; });
  if (st == v.steps.end() || !main_value(*c.e)) return;
  if (c.e->type == "time") {
    st->time_s = main_value(*c.e);
    st->time_ref = ref_of(c);
  } else if (c.e->type == "temperature") {
    st->temperature_c = main_value(*c.e);
    st->temperature_ref = ref_of(c);
  }
}

// "A synthesis with a tenfold excess of oleylamine failed": a material of a variant's sentences
// written after "<N>fold excess of" / "<N>-fold excess of" is used at N times the base's amount
// (amount and moles); the amount's source is that phrase. Number words two to ten, twenty, hundred.
void apply_fold_excess(const Document& doc, const std::vector<EntityView>& group, std::vector<Material>& materials) {
  static const std::map<std::string, double> kWords = {
      {"two", 2},   {"three", 3}, {"four", 4}, {"five", 5},     {"six", 6},       {"seven", 7},
      {"eight", 8}, {"nine", 9},  {"ten", 10}, {"twenty", 20}, {"hundred", 100}, {"thousand", 1000}};
  for (const auto& g : group) {
    if (g.e->type != "material") continue;
    const size_t at = byte_start(doc, g);
    if (at == std::string::npos) continue;
    const std::string& text = doc.paragraphs[g.pi].text;
    const std::string before = lower_before(text, at, 40);
    std::string_view b = before;
    bool matched = false;
    for (std::string_view tail : {"fold excess of ", "fold excess of the ", "fold molar excess of ", "fold molar excess of the "})
      if (b.ends_with(tail)) {
        b.remove_suffix(tail.size());
        matched = true;
        break;
      }
    if (!matched) continue;
    if (b.ends_with("-") || b.ends_with(" ")) b.remove_suffix(1);
    size_t w = b.size();
    while (w > 0 && std::isalnum(static_cast<unsigned char>(b[w - 1]))) --w;
    const std::string word(b.substr(w));
    double n = 0;
    if (auto it = kWords.find(word); it != kWords.end()) n = it->second;
    else if (!word.empty() && std::all_of(word.begin(), word.end(), ::isdigit) && word.size() <= 4) n = std::stod(word);
    if (n < 2) continue;
    const int found = find_material(materials, g.e->normalized, g.e->name.empty() ? g.e->text : g.e->name);
    if (found < 0 || !materials[found].amount_value) continue;
    Material& m = materials[found];
    m.amount_value = std::stod(fmt_g12(*m.amount_value * n));
    if (m.moles) m.moles = std::stod(fmt_g12(*m.moles * n));
    // The phrase "tenfold excess" (code points) is where the new amount was read.
    const std::vector<size_t> offs = code_point_offsets(text);
    const size_t phrase = at - (before.size() - w);
    const auto cp = [&](size_t byte) {
      return static_cast<int64_t>(std::lower_bound(offs.begin(), offs.end(), byte) - offs.begin());
    };
    const size_t excess = text.find("excess", phrase);
    m.amount_ref = {g.ordinal, -1, cp(phrase), cp(excess == std::string::npos ? at : excess + 6)};
  }
}

// "When cadmium acetate was used instead of CdO without removing the acetic acid under vacuum": a
// vacuum (or a degassing, a drying) written in the clause after "without" is left out of the
// variant, so the base's vacuum degassing steps are dropped from it. Since s22-rec also an annealing
// (calcination), and a degassing, drying or annealing named as not done ("the film was not
// annealed", "had not been dried"): the variant has no step of that operation. Only the base's
// steps the variant copied can go: "When the lead oleate had not been dried" names a step of the
// parent record (the lead oleate's degassing), which the variant does not hold, so it changes
// nothing there (docs/records.md s21-rec, s22-rec). "without further ..." is no omitted step.
void drop_left_out_steps(const Document& doc, const std::vector<EntityView>& group, std::vector<Step>& steps) {
  for (const auto& g : group) {
    const bool vacuum = g.e->type == "atmosphere" && g.e->normalized == "vacuum";
    const bool degas = g.e->type == "operation" && (g.e->normalized == "degassing" || g.e->normalized == "drying" ||
                                                    g.e->normalized == "annealing");
    if (!vacuum && !degas) continue;
    const size_t at = byte_start(doc, g);
    if (at == std::string::npos) continue;
    const std::string before = lower_before(doc.paragraphs[g.pi].text, at, 60);
    const bool negated = degas && (before.ends_with(" not ") || before.ends_with(" not been ") ||
                                   before.ends_with("n't been ") || before.ends_with(" never been "));
    const size_t w = before.rfind("without ");
    if (!negated && (w == std::string::npos || before.find_first_of(",.;", w) != std::string::npos ||
                     before.find("without further", w) == w || before.find("without any further", w) == w))
      continue;
    const std::string op = degas ? g.e->normalized : "degassing";
    steps.erase(std::remove_if(steps.begin(), steps.end(),
                               [&](const Step& st) {
                                 return st.operation == op || (vacuum && st.atmosphere == "vacuum");
                               }),
                steps.end());
  }
}

// "When the injection was carried out at 150 °C instead of 280 °C": a variant that lowers the
// injection temperature of a base whose growth is held at or below its injection temperature (the
// growth follows the injection's dip) cannot keep a growth stage hotter than its new injection: the
// base's temperatures of the steps after the injection above it, and such growth/reaction roles,
// are cleared (the variant's sentences did not give them).
void drop_growth_above_injection(const Synthesis& base, const std::vector<EntityView>& group, Synthesis& v, Roles& roles) {
  if (!v.injection_temperature_c || !base.injection_temperature_c || !base.growth_temperature_c ||
      *v.injection_temperature_c >= *base.injection_temperature_c ||
      *base.growth_temperature_c > *base.injection_temperature_c)
    return;
  const double inj = *v.injection_temperature_c;
  int last = -1;
  for (size_t i = 0; i < v.steps.size(); ++i)
    if (v.steps[i].operation == "injection") last = static_cast<int>(i);
  if (last < 0) return;
  std::set<int> own;  // paragraphs of the variant's sentences
  for (const auto& g : group) own.insert(g.ordinal);
  for (size_t i = last + 1; i < v.steps.size(); ++i) {
    Step& st = v.steps[i];
    if (st.temperature_c && *st.temperature_c > inj && !own.count(st.temperature_ref.paragraph)) {
      st.temperature_c.reset();
      st.temperature_ref = {};
    }
  }
  for (const char* r : {"growth", "reaction"}) {
    auto it = roles.temperature.find(r);
    if (it != roles.temperature.end() && it->second && *it->second > inj) roles.temperature.erase(it);
  }
}

// Whether the leak word at `at` of the lowered sentence `lower` lets air in: its subject is a part
// of the vessel or the air ("the septum leaked", "the septum had leaked", "air leaked in", "a
// septum leak"), or the noun names one ("a leak in the septum", "a leaky joint", "a leak of air").
// "the solution leaked from the flask" is a loss of the mixture, not an air leak.
bool leak_lets_air_in(std::string_view lower, size_t at) {
  static const std::set<std::string_view> kPart = {"septum", "septa", "seal", "seals", "joint", "joints", "flask",
                                                   "schlenk", "line", "valve", "tubing", "vessel", "stopcock",
                                                   "air", "oxygen", "o2", "cap", "lid", "system", "setup"};
  static const std::set<std::string_view> kSkip = {"had", "has", "have", "was", "were", "been", "is", "slightly",
                                                   "apparently", "probably", "started", "began", "to", "a", "the",
                                                   "small", "minor"};
  auto words_from = [](std::string_view t) {  // alphanumeric words of t, in order
    std::vector<std::string_view> w;
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && !is_alnum_byte(t[i])) ++i;
      size_t j = i;
      while (j < t.size() && is_alnum_byte(t[j])) ++j;
      if (j > i) w.push_back(t.substr(i, j - i));
      i = j;
    }
    return w;
  };
  std::string_view head = lower.substr(0, at);
  const size_t cut = head.find_last_of(",;:()");
  if (cut != std::string_view::npos) head.remove_prefix(cut + 1);
  const auto before = words_from(head);
  for (size_t i = before.size(); i-- > 0;) {
    if (kSkip.count(before[i])) continue;
    if (kPart.count(before[i])) return true;
    break;
  }
  // The noun or adjective: "leak in the septum", "leakage through the joint", "leaky septum".
  size_t end = at;
  while (end < lower.size() && is_alnum_byte(lower[end])) ++end;
  const std::string_view word = lower.substr(at, end - at);
  if (word != "leak" && word != "leaks" && word != "leakage" && word != "leaky") return false;
  const auto after = words_from(lower.substr(end, 40));
  for (size_t i = 0; i < after.size() && i < 4; ++i) {
    if (after[i] == "in" || after[i] == "of" || after[i] == "through" || after[i] == "at" || after[i] == "the" ||
        after[i] == "a")
      continue;
    return kPart.count(after[i]) > 0;
  }
  return false;
}

// "When the septum leaked, the quantum dots were formed but oxidized": a sentence of a variant that
// says air leaked in (leak_lets_air_in()) ran its reaction with air let in.
bool says_air_leak(const Document& doc, const std::vector<EntityView>& group) {
  std::set<std::pair<int, size_t>> seen;  // (paragraph index, sentence index) already read
  for (const auto& g : group) {
    if (g.pi < 0 || g.pi >= static_cast<int>(doc.paragraphs.size())) continue;
    const std::string& text = doc.paragraphs[g.pi].text;
    if (text.find("leak") == std::string::npos && text.find("Leak") == std::string::npos) continue;  // cheap gate
    const std::vector<Sentence> sentences = split_sentences(text);
    size_t si = 0;
    while (si + 1 < sentences.size() && g.e->start >= sentences[si].end) ++si;
    if (!seen.insert({g.pi, si}).second) continue;
    const std::string& lower = sentences[si].lower;
    for (size_t at = lower.find("leak"); at != std::string::npos; at = lower.find("leak", at + 1))
      if ((at == 0 || !is_alnum_byte(lower[at - 1])) && leak_lets_air_in(lower, at)) return true;
  }
  return false;
}

// The steps of a variant's reaction stage take `atmosphere` (an air leak): from its first injection
// or heating (else its first step) up to the first cooling, purification or drying after it.
void set_reaction_atmosphere(Synthesis& v, const std::string& atmosphere) {
  size_t first = 0;
  for (size_t i = 0; i < v.steps.size(); ++i)
    if (v.steps[i].operation == "injection" || v.steps[i].operation == "heating") {
      first = i;
      break;
    }
  for (size_t i = first; i < v.steps.size(); ++i) {
    const std::string& op = v.steps[i].operation;
    if (op == "cooling" || op == "purification" || op == "drying") break;
    if (op == "degassing") continue;
    v.steps[i].atmosphere = atmosphere;
  }
}

// A variant of `base` (whose text gave `base_roles`) from its own sentences `group`: materials and
// amounts changed, the `pivot` temperature or time and the group's other times set; then its
// injection/growth/reaction conditions are derived again from its own steps (the base's would
// otherwise stay: a changed growth time that is also the reaction step's time).
Synthesis make_variant(const Document& doc, const Synthesis& base, const Roles& base_roles,
                       const std::vector<EntityView>& group, const EntityView* pivot, bool group_failed,
                       const std::string& group_cue, const SourceRef& group_failure_ref) {
  Synthesis v = base;
  Roles roles = base_roles;
  v.outcomes.clear();
  Parts gp = collect(doc, group);
  // The group's own materials change amounts of the base ones or add new ones; a material named
  // after "without"/"instead of" is taken out. Products and by-products of the variant's sentences
  // ("a black precipitate of bulk PbS") are not reagents: role other/target and the target itself
  // are not added.
  for (const auto& gm : gp.materials) {
    const int found = find_material(v.materials, gm.normalized, gm.name);
    auto it = found < 0 ? v.materials.end() : v.materials.begin() + found;
    if (is_left_out(doc, gm.ref)) {
      if (it != v.materials.end()) v.materials.erase(it);
      continue;
    }
    if (it == v.materials.end()) {
      if (gm.role != "other" && gm.role != "target" && !names_target(gm, v)) v.materials.push_back(gm);
    } else if (gm.amount_ref.has_source() &&
               !(gm.quantity == "molar_ratio" && it->amount_value && it->quantity != "molar_ratio")) {
      // A ratio ("a tenfold excess of oleylamine", rules-21) does not replace the base's amount of
      // another kind; apply_fold_excess below scales that amount instead.
      it->moles = changed_moles(*it, gm);
      it->amount_value = gm.amount_value;
      it->amount_unit = gm.amount_unit;
      it->quantity = gm.quantity;
      it->amount_ref = gm.amount_ref;
    }
  }
  apply_fold_excess(doc, group, v.materials);
  // "Pure toluene/GO macroemulsions (in the absence of Cu2-xS NCs)": a product named as left out is
  // not the variant's.
  if (!gp.target.empty() && !is_left_out(doc, gp.target_ref)) {
    v.target = gp.target;
    v.target_formula = gp.target_formula;
    v.target_ref = gp.target_ref;
  }
  if (!gp.method.empty()) v.method = gp.method;
  std::optional<double> base_main = base.reaction_temperature_c ? base.reaction_temperature_c
                                    : base.growth_temperature_c ? base.growth_temperature_c
                                                                : base.injection_temperature_c;
  if (pivot) {
    if (const std::string side = side_step_of(group, *pivot); !side.empty()) {
      set_side_step(v, side, *pivot);
      pivot = nullptr;
    }
  }
  if (pivot && pivot->e->type == "temperature") {
    if (auto val = main_value(*pivot->e)) override_temperature(v, roles, base_main, *val, pivot->e->role, ref_of(*pivot));
  } else if (pivot && pivot->e->type == "time") {
    if (auto val = main_value(*pivot->e)) override_time(v, roles, *val, pivot->e->role, ref_of(*pivot));
  }
  // Temperatures/times of the group other than the pivot list (e.g. a changed growth time).
  for (const auto& t : gp.times) {
    if (pivot != nullptr && pivot->e->type == "time") continue;
    if (const std::string side = side_step_of(group, t); !side.empty()) set_side_step(v, side, t);
    else if (auto val = main_value(*t.e)) override_time(v, roles, *val, t.e->role, ref_of(t));
  }
  drop_left_out_steps(doc, group, v.steps);
  // A failed attempt "when the septum leaked" ran under air (review 19 defect 1): said in the record,
  // so it no longer has its base's inputs.
  if (group_failed && says_air_leak(doc, group)) set_reaction_atmosphere(v, "air");
  drop_growth_above_injection(base, group, v, roles);
  derive_conditions(v, roles);
  for (auto& o : gp.outcomes) v.outcomes.push_back(o);
  compute_ratios(v.materials);
  if (group_failed) {
    v.status = SynthesisStatus::kFailed;
    v.failure_cue = group_cue;
    v.failure_ref = group_failure_ref;
  } else if (base.status == SynthesisStatus::kFailed) {
    v.status = SynthesisStatus::kUnknown;
    v.failure_cue.clear();
    v.failure_ref = {};
  }
  return v;
}

// How many of a results sentence's materials and temperatures the record `s` uses.
int shared_evidence(const std::vector<EntityView>& group, const Synthesis& s) {
  int n = 0;
  for (const auto& v : group) {
    const Entity& e = *v.e;
    if (e.type == "material" && !e.normalized.empty()) {
      n += std::any_of(s.materials.begin(), s.materials.end(), [&](const Material& m) { return m.normalized == e.normalized; });
    } else if (e.type == "temperature" && e.role != "room" && main_value(e)) {
      const double t = *main_value(e);
      bool used = std::any_of(s.steps.begin(), s.steps.end(), [&](const Step& st) { return st.temperature_c == t; });
      for (const auto& f : {s.injection_temperature_c, s.growth_temperature_c, s.reaction_temperature_c}) used |= f == t;
      n += used;
    }
  }
  return n;
}

// The base record (index < base_count in `out`) a failure sentence is about: the one whose sample
// label or target formula it names; else the one that uses most of its materials and temperatures
// (a record with a target preferred on a tie, unless that target is a stock solution, `stocks`: a
// reagent prepared for the others, which the results do not report failing); else `fallback`, the
// paragraph's choice.
size_t sentence_parent(const std::vector<EntityView>& group, const std::vector<Synthesis>& out, size_t base_count,
                       size_t fallback, const std::string& text, const Sentence& sentence,
                       const std::set<std::string>& stocks) {
  std::vector<size_t> offs = code_point_offsets(text);
  const std::string own = text.substr(offs[sentence.start], offs[sentence.end] - offs[sentence.start]);
  for (size_t r = 0; r < base_count; ++r) {
    const Synthesis& s = out[r];
    if (s.variant != 0) continue;
    if ((!s.sample_label.empty() && find_word(own, s.sample_label) != std::string::npos) ||
        names_formula(own, s.target_formula))
      return r;
  }
  size_t best = fallback;
  std::pair<int, int> best_score{0, 0};  // evidence, has a target
  bool tie = false;
  for (size_t r = 0; r < base_count; ++r) {
    if (out[r].variant != 0) continue;
    std::pair<int, int> score{shared_evidence(group, out[r]), out[r].target.empty() || stocks.count(out[r].key) ? 0 : 1};
    if (score.first == 0) continue;
    if (score > best_score) best = r, best_score = score, tie = false;
    else if (score == best_score) tie = true;
  }
  return tie ? fallback : best;
}

// The entity of sentence `si` that an outcome starting at `start` is stated with, among those
// `accept(index)` takes: the last one written before the outcome, else the first after it; -1: none.
template <class Accept>
int stated_with(const std::vector<Entity>& ents, const std::vector<size_t>& sentence_of, size_t si, int64_t start,
                Accept accept) {
  int found = -1;
  for (int t = 0; t < static_cast<int>(ents.size()); ++t) {
    if (sentence_of[t] != si || !accept(t)) continue;
    if (ents[t].start < start) found = t;
    else return found >= 0 ? found : t;
  }
  return found;
}

// The mention (entity index) of the record's material that amount `a` of a results sentence is
// about: the material the rules linked it to, else the last one named before it in its sentence
// ("Increasing the volume of AgNO3 to 250 μL ..., whereas 50 μL gave short rods"); -1 unless the
// record states an amount of that material (a reagent, not a work-up solvent) of the same kind and
// unit, with which it can be compared.
// `material` receives the index in s.materials.
int series_material(const std::vector<Entity>& ents, const std::vector<size_t>& sentence_of, int a, const Synthesis& s,
                    int& material) {
  const Entity& e = ents[a];
  if (e.type != "amount" || e.role == "purity" || !main_value(e) ||
      !(e.quantity == "moles" || e.quantity == "mass" || e.quantity == "volume" || e.quantity == "concentration"))
    return -1;
  int mention = e.material && *e.material >= 0 && *e.material < static_cast<int>(ents.size()) ? *e.material : -1;
  for (int m = a - 1; mention < 0 && m >= 0 && sentence_of[m] == sentence_of[a]; --m)
    if (ents[m].type == "material" && ents[m].start < e.start) mention = m;
  if (mention < 0 || ents[mention].type != "material") return -1;
  const Entity& me = ents[mention];
  material = find_material(s.materials, me.normalized, me.name.empty() ? me.text : me.name);
  if (material < 0) return -1;
  const Material& m = s.materials[material];
  // A work-up solvent's volume ("dispersed in 3 mL of hexane for the PL measurement") is no sample.
  if (m.role == "workup" || m.role == "other") return -1;
  if (!m.amount_value || m.quantity != e.quantity || m.amount_unit != e.unit) return -1;
  return mention;
}

// Two amounts read from text are the same value (not 0.1 mL against 0.25 mL).
bool same_amount(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

// Whether sentence `si` gives the record's own amount of material `material` (index in s.materials).
bool states_amount(const std::vector<Entity>& ents, const std::vector<size_t>& sentence_of, size_t si, const Synthesis& s,
                   int material) {
  for (int a = 0; a < static_cast<int>(ents.size()); ++a) {
    int m = -1;
    if (sentence_of[a] == si && series_material(ents, sentence_of, a, s, m) >= 0 && m == material &&
        same_amount(*main_value(ents[a]), *s.materials[m].amount_value))
      return true;
  }
  return false;
}

// "About 8% of the particles were spheres in all samples": about every sample of a series.
bool speaks_of_all_samples(const std::string& lower) {
  return contains_any(lower, {"all samples", "all the samples", "all of the samples", "every sample", "each sample",
                              "all cases", "all syntheses", "all conditions"});
}

// One sample of a results series: the temperature or the amount of one of the record's materials an
// outcome was stated with, when it is not the record's own.
struct SeriesPoint {
  int entity = -1;    // temperature or amount entity; -1: the record's own conditions
  int mention = -1;   // an amount's material mention
  int material = -1;  // an amount's material in the record (-1 for a temperature)
  double value = 0;
  bool operator<(const SeriesPoint& o) const { return std::tie(material, value) < std::tie(o.material, o.value); }
};

}  // namespace

std::string make_key(std::string_view doc_sha256, int first_paragraph, int variant) {
  std::string key(doc_sha256.substr(0, 16));
  if (key.empty()) key = "nodoc";
  key += "-p" + std::to_string(first_paragraph) + "-v" + std::to_string(variant);
  return key;
}

namespace {

// Whether variant `v` has the same inputs as `base`: materials (name, role, amount, moles), steps
// (operation, temperature, time, atmosphere) and injection/growth/reaction conditions. A failed
// variant with its base's inputs gives a trainer the same recipe labelled twice: the change that
// made it fail was not extracted ("When the septum leaked ...").
bool same_inputs(const Synthesis& v, const Synthesis& base) {
  auto material = [](const Material& m) { return std::tie(m.normalized, m.name, m.role, m.amount_value, m.amount_unit, m.moles); };
  auto step = [](const Step& st) { return std::tie(st.operation, st.temperature_c, st.time_s, st.atmosphere); };
  auto conditions = [](const Synthesis& s) {
    return std::tie(s.injection_temperature_c, s.injection_time_s, s.growth_temperature_c, s.growth_time_s,
                    s.reaction_temperature_c, s.reaction_time_s);
  };
  return std::equal(v.materials.begin(), v.materials.end(), base.materials.begin(), base.materials.end(),
                    [&](const Material& a, const Material& b) { return material(a) == material(b); }) &&
         std::equal(v.steps.begin(), v.steps.end(), base.steps.begin(), base.steps.end(),
                    [&](const Step& a, const Step& b) { return step(a) == step(b); }) &&
         conditions(v) == conditions(base);
}

// Confidence factor of a failed variant whose inputs equal its base's (same_inputs): it then stays
// at or below 0.1, under every other record, so `export --min-confidence 0.11` leaves it out.
constexpr double kSameInputsFactor = 0.1;

// Appends `v`, a variant of `base` that paragraph `ordinal` reports (a failed attempt, one
// temperature of a results series): numbered `variant` and keyed by that paragraph, covering the
// base's paragraphs and this one, at half the base's confidence. Reads `base` before appending, so
// `base` may live in `out`.
void push_reported_variant(std::vector<Synthesis>& out, Synthesis v, const Synthesis& base, std::string_view sha,
                           int ordinal, int variant) {
  v.variant = variant;
  v.key = make_key(sha, ordinal, variant);
  v.parent_key = base.key;
  v.paragraphs = base.paragraphs;
  v.paragraphs.push_back(ordinal);
  std::sort(v.paragraphs.begin(), v.paragraphs.end());
  renumber(v.steps);
  v.confidence = 0.5 * base.confidence;
  if (v.status == SynthesisStatus::kFailed && same_inputs(v, base)) v.confidence *= kSameInputsFactor;
  out.push_back(std::move(v));
}

}  // namespace

namespace {
// Where a target that no material mention gave was read: the nearest heading before paragraph
// ordinal `first` whose text contains it (ASCII case-insensitive), else the title paragraph. The
// span is in code points of that paragraph's text, as every other span. None when neither has it
// (a core/shell name put together from two records, a title not stored as a paragraph).
SourceRef locate_target(const Document& doc, const std::string& target, int first) {
  SourceRef ref;
  const std::string needle = ascii_lower(target);
  if (needle.empty()) return ref;
  auto code_points = [](const std::string& t, size_t bytes) {
    int64_t n = 0;
    for (size_t i = 0; i < bytes && i < t.size(); ++i)
      if ((static_cast<unsigned char>(t[i]) & 0xC0) != 0x80) ++n;
    return n;
  };
  auto try_paragraph = [&](const Paragraph& p) {
    const size_t at = ascii_lower(p.text).find(needle);
    if (at == std::string::npos) return false;
    ref.paragraph = p.ordinal;
    ref.start = code_points(p.text, at);
    ref.end = ref.start + code_points(p.text.substr(at, needle.size()), needle.size());
    return true;
  };
  int i = static_cast<int>(doc.paragraphs.size()) - 1;
  while (i >= 0 && doc.paragraphs[i].ordinal >= first) --i;
  for (; i >= 0; --i)
    if (doc.paragraphs[i].kind == ParagraphKind::kHeading && try_paragraph(doc.paragraphs[i])) return ref;
  for (const Paragraph& p : doc.paragraphs)
    if (p.kind == ParagraphKind::kTitle && try_paragraph(p)) return ref;
  return ref;
}
}  // namespace

namespace {
// Where the clause that cites a preparation ends, in bytes of `text` from `from` (the target
// mention's start); npos when the sentence cites nothing: "[20]", "a reported/previous/literature
// procedure", "according to", "et al.", or a reference number glued to a word and its full stop
// ("... and dispersed in water.11 In a typical ..."). Cheap gate: the sentence's own text only.
size_t cited_preparation_end(std::string_view text, size_t from) {
  size_t end = text.find(". ", from);
  while (end != std::string_view::npos && end + 2 < text.size() && !std::isupper(static_cast<unsigned char>(text[end + 2])))
    end = text.find(". ", end + 1);
  const std::string_view sentence = text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
  size_t best = std::string_view::npos;
  for (size_t i = 0; i + 1 < sentence.size(); ++i) {
    // "[20]", "[12,13]"
    if (sentence[i] == '[' && std::isdigit(static_cast<unsigned char>(sentence[i + 1]))) {
      const size_t close = sentence.find(']', i);
      if (close != std::string_view::npos) best = close + 1;
    }
    // "water.11 In": letter, full stop, digits, then a space
    if (sentence[i] == '.' && i > 0 && std::isalpha(static_cast<unsigned char>(sentence[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(sentence[i + 1]))) {
      size_t j = i + 1;
      while (j < sentence.size() && std::isdigit(static_cast<unsigned char>(sentence[j]))) ++j;
      if (j - i <= 3 && (j == sentence.size() || sentence[j] == ' ' || sentence[j] == ',')) best = j;
    }
  }
  if (best != std::string_view::npos) return from + best;
  const std::string lower = ascii_lower(sentence);
  for (std::string_view cue : {"according to a", "according to the literature", "as reported", "previously reported",
                               "reported procedure", "reported method", "previous report", "literature procedure",
                               "literature method", " et al."})
    if (const size_t at = lower.find(cue); at != std::string::npos) return from + sentence.size();
  return std::string_view::npos;
}

// The base procedure's entities without a preparation the paper cites (review 19 defect 6): when the
// first product mention (role target) sits in a clause that ends with a citation ("The graphene
// oxide (GO) was synthesized from graphite by using a modified Hummers method [20] and [21].", "GO
// was synthesized from graphite powder using a modified Hummers method, and dispersed in water.11"),
// that product was made elsewhere and is a reagent here: its mention becomes a precursor (a copy in
// `store`), and the clause's other entities (graphite, "synthesized") are left out. The record's
// product is then a later product mention ("denoted as graphene"), else the heading's, ... Only when
// the record uses that product again or names its own product by a label.
std::vector<EntityView> without_cited_preparation(const Document& doc, const std::vector<EntityView>& ents,
                                                  const std::string& label, std::vector<Entity>& store) {
  const EntityView* first = nullptr;
  for (const auto& v : ents)
    if (v.e->type == "material" && v.e->role == "target") {
      first = &v;
      break;
    }
  if (!first) return ents;
  const size_t at = byte_start(doc, *first);
  if (at == std::string::npos) return ents;
  const std::string& text = doc.paragraphs[first->pi].text;
  // The clause starts with the target's sentence.
  size_t begin = at;
  while (begin > 0 && !(begin >= 2 && text[begin - 2] == '.' && text[begin - 1] == ' ')) --begin;
  const size_t end = cited_preparation_end(text, begin);
  if (end == std::string::npos || end <= at) return ents;
  // Only a product the record goes on to use or to turn into another one: "CdSe nanocrystals were
  // synthesized according to a reported method [12] with modifications. CdO ..." is the record's own.
  const std::string& name = first->e->normalized.empty() ? first->e->text : first->e->normalized;
  bool used_later = false;
  for (const auto& v : ents) {
    if (v.e->type != "material" || &v == first) continue;
    const size_t b = v.pi == first->pi ? byte_start(doc, v) : std::string::npos;
    if (b != std::string::npos && b < end) continue;
    const std::string& n = v.e->normalized.empty() ? v.e->text : v.e->normalized;
    // Used later ("the GO solution"), or turned into the product the paragraph names ("The obtained
    // black powder was denoted as graphene"); not a later use of the product ("until utilization for
    // the formation of hybrid GO/Cu2-xS NCs structures").
    if ((v.e->role == "target" && n != name && !label.empty() && ascii_lower(v.e->text) == ascii_lower(label)) ||
        (v.e->role == "precursor" && n == name))
      used_later = true;
  }
  if (!used_later) return ents;
  store.reserve(1);
  store.push_back(*first->e);
  store.back().role = "precursor";
  std::vector<EntityView> out;
  for (const auto& v : ents) {
    if (&v == first) {
      EntityView copy = v;
      copy.e = &store.back();
      out.push_back(copy);
      continue;
    }
    const size_t b = v.pi == first->pi ? byte_start(doc, v) : std::string::npos;
    if (b != std::string::npos && b >= begin && b < end) continue;
    out.push_back(v);
  }
  return out;
}

// The element a formula starts with ("Pb(OA)2" → "Pb", "PbO" → "Pb"); "" when it starts with none.
std::string leading_element(const std::string& formula) {
  if (formula.empty() || !std::isupper(static_cast<unsigned char>(formula[0]))) return {};
  size_t n = 1;
  if (formula.size() > 1 && std::islower(static_cast<unsigned char>(formula[1]))) n = 2;
  return formula.substr(0, n);
}

// What a record takes from the earlier record `parent` whose product it uses (review 19 defect 9):
// - the product named as a material with no amount of its own ("injected into the lead oleate
//   solution": all of it) gets the moles of the parent's one precursor of the product's leading
//   element (lead oleate ← PbO 4.0 mmol), as an amount in mol whose source is that precursor's
//   amount in the parent's paragraph;
// - an amount the rules tied to no material, written before "of the seed solution" / "of the
//   cores" / "of the <parent's product> solution" ("60 μL of the seed solution was injected"), is a
//   material row of that product (role precursor, the parent's formula), placed last.
void use_parent_product(const Document& doc, const std::vector<EntityView>& ents, const Synthesis& parent,
                        const std::string& parent_text, Synthesis& s) {
  const std::string product = ascii_lower(parent.target);
  if (product.empty()) return;
  const std::string element = leading_element(parent.target_formula);
  const Material* source = nullptr;
  int sources = 0;
  for (const Material& pm : parent.materials)
    if (pm.role == "precursor" && !element.empty() && leading_element(pm.formula) == element) {
      ++sources;
      source = &pm;
    }
  for (Material& m : s.materials) {
    if (m.amount_ref.has_source() || m.moles || (m.normalized != product && ascii_lower(m.name) != product)) continue;
    if (sources != 1 || !source->moles || source->quantity != "moles") continue;
    m.moles = source->moles;
    m.amount_value = source->moles;
    m.amount_unit = "mol";
    m.quantity = "moles";
    m.amount_ref = source->amount_ref;
  }
  std::vector<std::string> nouns = {product};
  for (const char* noun : {"seed", "core"})
    if (find_word(parent_text, noun) != std::string::npos) nouns.push_back(noun);
  for (const EntityView& v : ents) {
    if (v.e->type != "amount" || v.e->material || !main_value(*v.e) || v.e->role == "purity" ||
        (v.e->quantity != "volume" && v.e->quantity != "mass"))
      continue;
    std::string_view rest;
    const std::string after = rest_of_sentence(doc, v);
    rest = after;
    size_t skipped = 0;
    for (std::string_view lead : {" of the ", " of "})
      if (rest.starts_with(lead)) {
        skipped = lead.size();
        break;
      }
    if (skipped == 0) continue;
    rest.remove_prefix(skipped);
    size_t len = 0;
    for (const std::string& noun : nouns)
      if (rest.starts_with(noun)) {
        len = noun.size();
        break;
      }
    if (len == 0) continue;
    if (len < rest.size() && rest[len] == 's') ++len;
    for (std::string_view tail : {" solution", " dispersion", " suspension"})
      if (rest.substr(len).starts_with(tail)) {
        len += tail.size();
        break;
      }
    if (len < rest.size() && std::isalnum(static_cast<unsigned char>(rest[len]))) continue;  // "seedless"
    const std::string_view name = rest.substr(0, len);
    if (std::any_of(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(skipped + len),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      continue;  // spans count code points: only plain ASCII is measured here
    if (find_material(s.materials, std::string(name), std::string(name)) >= 0) continue;
    const std::string& text = doc.paragraphs[v.pi].text;
    const int64_t start = v.e->end + static_cast<int64_t>(skipped);
    const size_t byte = byte_start(doc, v) + v.e->text.size() + skipped;
    Material m;
    m.name = text.substr(byte, len);
    m.normalized = std::string(name);
    m.formula = parent.target_formula;
    m.role = "precursor";
    m.amount_value = main_value(*v.e);
    m.amount_unit = v.e->unit;
    m.quantity = v.e->quantity;
    m.ref = {v.ordinal, -1, start, start + static_cast<int64_t>(len)};
    m.amount_ref = ref_of(v);
    s.materials.push_back(m);
  }
}

std::vector<Synthesis> build_part(const Document& doc, const std::vector<ParagraphLabel>& labels,
                                  const std::vector<Extraction>& extractions) {
  const int np = static_cast<int>(doc.paragraphs.size());
  auto label_at = [&](int i) -> const ParagraphLabel* { return i < static_cast<int>(labels.size()) ? &labels[i] : nullptr; };
  auto ex_at = [&](int i) -> const Extraction* {
    return i < static_cast<int>(extractions.size()) ? &extractions[i] : nullptr;
  };
  auto ordinal_of = [&](int i) { return doc.paragraphs[i].ordinal; };

  std::vector<RecordDraft> drafts;
  std::vector<bool> used(np, false);
  int sentence_counter = 0;
  int last_synthesis_pi = -1;

  for (int i = 0; i < np; ++i) {
    const Paragraph& para = doc.paragraphs[i];
    const Extraction* ex = ex_at(i);
    if (!is_synthesis_paragraph(para, label_at(i), ex)) continue;
    std::vector<Sentence> sentences = split_sentences(para.text);
    // Entities per sentence.
    std::vector<std::vector<EntityView>> per_sentence(sentences.size());
    if (ex) {
      for (int k = 0; k < static_cast<int>(ex->entities.size()); ++k) {
        const Entity& e = ex->entities[k];
        size_t s = 0;
        while (s + 1 < sentences.size() && e.start >= sentences[s].end) ++s;
        per_sentence[s].push_back({&e, i, ordinal_of(i), k, 0});
      }
    }
    drop_supply_lists(sentences, per_sentence);
    for (size_t s = 0; s < sentences.size(); ++s) {
      for (auto& v : per_sentence[s]) v.sentence = sentence_counter;
      std::sort(per_sentence[s].begin(), per_sentence[s].end(),
                [](const EntityView& a, const EntityView& b) { return a.e->start < b.e->start; });
      ++sentence_counter;
    }
    bool has_material = false, has_target = false;
    if (ex)
      for (const auto& e : ex->entities) {
        if (e.type == "material") has_material = true;
        if (e.type == "material" && e.role == "target") has_target = true;
      }
    // A heading between two synthesis paragraphs ("Growth of the CdS shell") starts a new record.
    bool heading_between = false;
    if (last_synthesis_pi >= 0) {
      for (int h = last_synthesis_pi + 1; h < i; ++h)
        if (doc.paragraphs[h].kind == ParagraphKind::kHeading) heading_between = true;
      if (doc.paragraphs[last_synthesis_pi].section != para.section) heading_between = true;
    }
    bool adjacent = last_synthesis_pi >= 0 && !heading_between;
    bool first_is_variant = !sentences.empty() && is_variant_cue(sentences[0].lower);
    // Work-up ("The crude solution was centrifuged ... redispersed in hexane"), even under its own
    // "Purification" heading, finishes the previous procedure: it has no precursor or product of
    // its own, only solvents and purification steps.
    bool workup = false;
    if (ex && last_synthesis_pi >= 0 && i - last_synthesis_pi <= 4) {
      bool reagent = false, purification = false;
      for (const auto& e : ex->entities) {
        if (e.type == "material" && (e.role == "precursor" || e.role == "target" || e.role == "reductant")) reagent = true;
        if (e.type == "operation" && e.normalized == "purification") purification = true;
      }
      bool reaction = false;  // heating, injecting or reacting: a procedure of its own
      for (const auto& e : ex->entities)
        if (e.type == "operation" && (e.normalized == "heating" || e.normalized == "injection" ||
                                      e.normalized == "reaction" || e.normalized == "annealing"))
          reaction = true;
      std::string h = ascii_lower(para.section);
      bool workup_heading = contains_any(h, {"purif", "washing", "work-up", "workup", "isolation"});
      workup = !reagent && !reaction && !first_is_variant && (purification || workup_heading);
    }
    used[i] = true;
    last_synthesis_pi = i;

    if (!drafts.empty() && ((adjacent && !has_material && !has_target && !first_is_variant) || workup)) {
      // Work-up or continuation of the previous procedure.
      RecordDraft& d = drafts.back();
      d.s.paragraphs.push_back(ordinal_of(i));
      d.lower_text += " " + ascii_lower(para.text);
      for (auto& sv : per_sentence) {
        auto& dest = d.variants.empty() ? d.base : d.variants.back();
        dest.insert(dest.end(), sv.begin(), sv.end());
      }
      continue;
    }
    RecordDraft d;
    d.first_pi = i;
    d.heading = para.section;
    d.lower_text = ascii_lower(para.text);
    d.s.paragraphs.push_back(ordinal_of(i));
    if (const auto* l = label_at(i); l && l->label == "synthesis") d.score = l->score > 0 ? l->score : 0.5;
    if (const auto* l = label_at(i)) d.s.method = l->method;
    d.s.sample_label = sample_label(para.text);
    d.cross_variant = first_is_variant && !drafts.empty();
    for (size_t s = 0; s < sentences.size(); ++s) {
      bool cue = is_variant_cue(sentences[s].lower) && (s > 0 || d.cross_variant);
      if (cue) {
        d.variants.emplace_back();
        d.variant_paragraph.push_back(ordinal_of(i));
      }
      auto& dest = d.variants.empty() ? d.base : d.variants.back();
      dest.insert(dest.end(), per_sentence[s].begin(), per_sentence[s].end());
    }
    drafts.push_back(std::move(d));
  }

  std::vector<Synthesis> out;
  std::map<std::string, std::string> stage_of_key;  // base record key → stage_noun of its heading
  std::map<std::string, Roles> roles_of;            // base record key → its text's role-tagged conditions
  std::map<std::string, std::string> text_of_key;   // base record key → its heading and text, lowered
  std::set<std::string> stock_keys;                 // base records whose target is a stock solution
  // Every material name of the paper with its formula: read only for a target without a formula,
  // so built on first use.
  std::optional<std::map<std::string, std::string>> paper_formulas;
  auto roles_for = [&](const std::string& key) -> const Roles& {  // a reference: no copy of the maps
    static const Roles kNone;
    auto it = roles_of.find(key);
    return it == roles_of.end() ? kNone : it->second;
  };
  std::vector<size_t> base_index;  // index in `out` of each draft's base record (or its parent's)
  bool dropped_previous = false;   // the previous draft made no record (is_catalysis_test)
  std::string sha = doc.sha256;
  for (size_t di = 0; di < drafts.size(); ++di) {
    RecordDraft& d = drafts[di];
    Synthesis base;
    Parts bp;
    size_t parent_out = out.size();
    // A draft that lists changes of a record that was dropped (a catalytic test) goes with it.
    if (d.cross_variant && (base_index.empty() || dropped_previous)) continue;
    dropped_previous = false;
    if (d.cross_variant) {
      // The draft only lists changes: the base is the previous draft's base record.
      parent_out = base_index.back();
      base = out[parent_out];
      base.outcomes.clear();
    } else {
      // "The graphene oxide (GO) was synthesized from graphite by using a modified Hummers method
      // [20]": a preparation the paper cites is not its own (cited_preparation()).
      std::vector<Entity> cited_store;
      const std::vector<EntityView> own = without_cited_preparation(doc, d.base, d.s.sample_label, cited_store);
      bp = collect(doc, own);
      base.key = make_key(sha, ordinal_of(d.first_pi), 0);
      base.paragraphs = d.s.paragraphs;
      base.sample_label = d.s.sample_label;
      base.target = bp.target;
      base.target_formula = bp.target_formula;
      base.target_ref = bp.target_ref;
      if (base.target.empty()) base.target = target_from_heading(d.heading);
      if (base.target.empty()) base.target = target_from_naming_heading(d.heading);
      const EntityView* stock = base.target.empty() ? stock_mention(doc, d.base) : nullptr;
      if (stock) {
        stock_keys.insert(base.key);
        base.target = stock->e->name.empty() ? stock->e->text : stock->e->name;
        base.target_formula = stock->e->formula;
        base.target_ref = ref_of(*stock);
      }
      if (base.target.empty() && doc.paragraphs[d.first_pi].text.find("ypical ") != std::string::npos) {
        // "In a typical macroemulsion preparation": the product's own name, read in the record's
        // first paragraph (review 19 defect 6 leftover).
        const std::string& text = doc.paragraphs[d.first_pi].text;
        const std::string lower = ascii_lower(text);
        if (const auto [at, len] = product_of_typical(lower); at != std::string::npos) {
          base.target = lower.substr(at, len);
          const std::vector<size_t> offs = code_point_offsets(text);
          const auto cp = [&](size_t byte) {
            return static_cast<int64_t>(std::lower_bound(offs.begin(), offs.end(), byte) - offs.begin());
          };
          base.target_ref = {ordinal_of(d.first_pi), -1, cp(at), cp(at + len)};
        }
      }
      if (base.target.empty() && !bp.materials.empty() && !contains_any(d.lower_text, {"stock", "precursor"}))
        base.target = target_from_title(doc.meta.title);
      if (base.target_formula.empty() && formula_like(base.target)) base.target_formula = base.target;
      if (base.target_formula.empty()) {
        if (!paper_formulas) paper_formulas = material_formulas(extractions);
        base.target_formula = formula_of_name(*paper_formulas, base.target);
      }
      const std::string own_text = ascii_lower(d.heading) + " " + d.lower_text;  // heading and text, lowered
      if (base.target_formula.empty() && is_particle_noun(base.target, true))
        base.target_formula = metal_of(doc, own_text);
      base.method = !bp.method.empty() ? bp.method : d.s.method;
      base.materials = std::move(bp.materials);
      base.materials.erase(std::remove_if(base.materials.begin(), base.materials.end(),
                                          [&](const Material& m) {
                                            return names_target(m, base) ||
                                                   (stock && m.normalized == stock->e->normalized &&
                                                    ascii_lower(m.name) == ascii_lower(base.target));
                                          }),
                           base.materials.end());
      base.steps = std::move(bp.steps);
      base.outcomes = std::move(bp.outcomes);
      renumber(base.steps);
      compute_ratios(base.materials);
      derive_conditions(base, bp.roles);
      roles_of[base.key] = bp.roles;
      // Status: failure in the base sentences → failed; otherwise what the rules said, unless the
      // paragraph's failure belongs to a variant.
      bool any_failure_in_variants = false;
      for (const auto& g : d.variants)
        for (const auto& v : g)
          if (v.e->type == "failure") any_failure_in_variants = true;
      SynthesisStatus para_status = SynthesisStatus::kUnknown;
      for (int ord : d.s.paragraphs)
        for (int i = 0; i < np; ++i)
          if (ordinal_of(i) == ord && ex_at(i)) {
            SynthesisStatus st = ex_at(i)->status;
            if (st == SynthesisStatus::kFailed || para_status == SynthesisStatus::kUnknown) para_status = st;
          }
      if (bp.failed) {
        base.status = SynthesisStatus::kFailed;
        base.failure_cue = bp.failure_cue;
        base.failure_ref = bp.failure_ref;
      } else if (para_status == SynthesisStatus::kFailed) {
        base.status = any_failure_in_variants ? SynthesisStatus::kSuccess : SynthesisStatus::kFailed;
      } else {
        base.status = para_status;
      }
      base.confidence = d.score * (0.5 + 0.5 * completeness(base));
      // Linked records: the product of an earlier record is used here (out[parent]). A record that
      // says it uses cores or seeds ("purified cores", "the seed solution") links to the latest
      // earlier record that made cores or seeds (its heading or text names them), before any
      // reagent match: a shell grown on cores also uses the Cd-oleate stock, but grows on the cores.
      // A record whose cue names no earlier product ("The cores were precipitated" in the record
      // that makes them) has none (review 19 defect 12).
      int parent = -1;
      for (const char* noun : used_product_nouns(own_text)) {
        for (int k = static_cast<int>(out.size()) - 1; k >= 0 && parent < 0; --k)
          if (out[k].variant == 0 && find_word(text_of_key[out[k].key], noun) != std::string::npos) parent = k;
        if (parent >= 0) break;
      }
      for (int k = static_cast<int>(out.size()) - 1; k >= 0 && parent < 0; --k) {
        const Synthesis& prev = out[k];
        if (prev.variant != 0) continue;
        for (const auto& m : base.materials) {
          if ((!prev.target_formula.empty() && (m.formula == prev.target_formula || m.name == prev.target_formula)) ||
              (!prev.target.empty() && (m.normalized == prev.target || ascii_lower(m.name) == ascii_lower(prev.target)))) {
            parent = k;
            break;
          }
        }
      }
      if (parent < 0 && !out.empty() && (uses_earlier_product(ascii_lower(d.heading)) || uses_earlier_product(d.lower_text))) {
        for (int k = static_cast<int>(out.size()) - 1; k >= 0; --k)
          if (out[k].variant == 0) {
            parent = k;
            break;
          }
      }
      // "3 mL of Ru nanoparticles aqueous solution ... alcohol ... under reflux for 24 h ... The
      // conversion and selectivity were determined by GC": a test of the parent's product, which
      // makes nothing new, is no synthesis (review 19 defect 7).
      if (parent >= 0 && !base.target_formula.empty() && base.target_formula == out[parent].target_formula &&
          is_catalysis_test(own_text)) {
        dropped_previous = true;
        continue;
      }
      if (parent >= 0) {
        base.parent_key = out[parent].key;
        name_core_shell(base, out[parent], d.heading, d.lower_text);
        use_parent_product(doc, d.base, out[parent], text_of_key[out[parent].key], base);
        compute_ratios(base.materials);
      }
      stage_of_key[base.key] = stage_noun(d.heading);
      text_of_key[base.key] = own_text;
      out.push_back(base);
      parent_out = out.size() - 1;
    }
    base_index.push_back(parent_out);

    // Variants: one per listed temperature (else per listed time, else one).
    int variant_index = 0;
    if (d.cross_variant) {
      // Treat the draft's own base sentences as the first variant group.
      d.variants.insert(d.variants.begin(), d.base);
      d.variant_paragraph.insert(d.variant_paragraph.begin(), ordinal_of(d.first_pi));
    }
    const Synthesis parent = out[parent_out];  // a copy: `out` grows below
    for (size_t g = 0; g < d.variants.size(); ++g) {
      const auto& group = d.variants[g];
      std::vector<const EntityView*> temps, times;
      bool failed = false;
      std::string cue;
      SourceRef fref;
      for (const auto& v : group) {
        if (v.e->type == "temperature" && v.e->role != "room") temps.push_back(&v);
        if (v.e->type == "time") times.push_back(&v);
        if (v.e->type == "failure" && !failed) {
          failed = true;
          cue = v.e->cue.empty() ? v.e->text : v.e->cue;
          fref = ref_of(v);
        }
      }
      std::vector<const EntityView*> pivots = temps.size() > 1 ? temps : !temps.empty() ? temps : times.size() > 1 ? times : std::vector<const EntityView*>{};
      if (pivots.empty()) pivots.push_back(times.size() == 1 ? times[0] : nullptr);
      for (const EntityView* pivot : pivots) {
        Synthesis v = make_variant(doc, parent, roles_for(parent.key), group, pivot, failed, cue, fref);
        v.variant = ++variant_index;
        v.key = make_key(sha, d.variant_paragraph[g], v.variant);
        v.parent_key = parent.key;
        v.paragraphs = parent.paragraphs;
        for (int ord : d.s.paragraphs)
          if (std::find(v.paragraphs.begin(), v.paragraphs.end(), ord) == v.paragraphs.end()) v.paragraphs.push_back(ord);
        std::sort(v.paragraphs.begin(), v.paragraphs.end());
        renumber(v.steps);
        v.confidence = 0.9 * (d.cross_variant ? d.score : parent.confidence / std::max(1e-9, 0.5 + 0.5 * completeness(parent))) *
                       (0.5 + 0.5 * completeness(v));
        v.confidence = std::min(1.0, std::max(0.0, v.confidence));
        if (v.status == SynthesisStatus::kFailed && same_inputs(v, parent)) v.confidence *= kSameInputsFactor;
        out.push_back(std::move(v));
      }
    }
  }

  // Failed attempts reported outside the procedure ("At 120 °C no nanocrystals were formed."): each
  // sentence with a failure cue becomes a failed variant of the record it is about (named by
  // target or sample label; else the paper's last base record with materials), its conditions
  // overriding the base's. Confidence is half the base's: the link is by proximity, not by layout.
  // Variants made from a results paragraph, per paragraph ordinal: failed attempts first, then the
  // other conditions of a series; keys number them in that order.
  std::map<int, int> results_variants;
  {
    const size_t base_count = out.size();
    for (int i = 0; i < np && base_count > 0; ++i) {
      if (used[i]) continue;
      const Paragraph& para = doc.paragraphs[i];
      if (para.kind != ParagraphKind::kBody) continue;
      if (para.section_type == SectionType::kReferences || para.section_type == SectionType::kIntroduction ||
          para.section_type == SectionType::kConclusion)
        continue;
      const Extraction* ex = ex_at(i);
      if (!ex) continue;
      bool any_failure = false;
      for (const auto& e : ex->entities) any_failure |= e.type == "failure";
      if (!any_failure) continue;
      size_t parent = base_count;
      for (size_t r = 0; r < base_count && parent == base_count; ++r) {
        const Synthesis& s = out[r];
        if (s.variant != 0) continue;
        if ((!s.sample_label.empty() && find_word(para.text, s.sample_label) != std::string::npos) ||
            names_formula(para.text, s.target_formula))
          parent = r;
      }
      for (size_t r = base_count; r-- > 0 && parent == base_count;)
        if (out[r].variant == 0 && !out[r].materials.empty()) parent = r;
      if (parent == base_count) continue;
      const size_t paragraph_parent = parent;
      std::vector<Sentence> sentences = split_sentences(para.text);
      std::vector<std::vector<EntityView>> per_sentence(sentences.size());
      for (int k = 0; k < static_cast<int>(ex->entities.size()); ++k) {
        const Entity& e = ex->entities[k];
        size_t si = 0;
        while (si + 1 < sentences.size() && e.start >= sentences[si].end) ++si;
        per_sentence[si].push_back({&e, i, ordinal_of(i), k, sentence_counter + static_cast<int>(si)});
      }
      sentence_counter += static_cast<int>(sentences.size());
      int& variant_index = results_variants[ordinal_of(i)];
      const auto failure_sentences = std::count_if(per_sentence.begin(), per_sentence.end(), [](const auto& g) {
        return std::any_of(g.begin(), g.end(), [](const EntityView& v) { return v.e->type == "failure"; });
      });
      for (auto& group : per_sentence) {
        const EntityView* failure = nullptr;
        const EntityView* pivot = nullptr;
        for (const auto& v : group) {
          if (v.e->type == "failure" && !failure) failure = &v;
          if (!pivot && v.e->type == "temperature" && v.e->role != "room") pivot = &v;
        }
        if (!failure) continue;
        // "Fifteen attempts failed." before the sentences that say how: a count, not an attempt of
        // its own (it would be a failed copy of the successful recipe). Its variant number stays
        // taken, so that the keys of the attempts (and curators' edits on them) do not move.
        if (failure_sentences > 1 && std::all_of(group.begin(), group.end(), [](const EntityView& v) {
              return v.e->type == "failure";
            })) {
          ++variant_index;
          continue;
        }
        if (!pivot)
          for (const auto& v : group)
            if (v.e->type == "time") {
              pivot = &v;
              break;
            }
        // Outcomes of a failed attempt ("a brown turbid solution") are not the product's.
        std::vector<EntityView> conditions;
        for (const auto& v : group)
          if (!is_outcome(v.e->type)) conditions.push_back(v);
        SourceRef fref = ref_of(*failure);
        std::string cue = failure->e->cue.empty() ? failure->e->text : failure->e->cue;
        // One paragraph may report failures of several procedures ("injection at 150 °C instead of
        // 280 °C" is about the cores, "shell growth at 240 °C" about the shell): the sentence's own
        // evidence picks the record first, the paragraph's choice is the fallback.
        const Synthesis& base = out[sentence_parent(group, out, base_count, paragraph_parent, para.text, sentences[&group - per_sentence.data()],
                                                       stock_keys)];
        push_reported_variant(out, make_variant(doc, base, roles_for(base.key), conditions, pivot, true, cue, fref), base, sha,
                              ordinal_of(i), ++variant_index);
      }
    }
  }

  // Results: outcomes in other paragraphs that name a record's target or sample label.
  // Products are base records whose output no later record consumes (a Cs-oleate or seed step is an
  // intermediate of the nanocrystals, not a second product); an intermediate made of what its
  // product is made of (Au seeds of Au nanorods) shares its product's formula. Both are fixed here:
  // the results add variants only, and no base record is made from a variant.
  std::vector<bool> intermediates(out.size()), shares_product_formula(out.size());
  for (size_t r = 0; r < out.size(); ++r)
    for (const Synthesis& o : out)
      if (o.variant == 0 && o.parent_key == out[r].key) {
        intermediates[r] = true;
        if (out[r].variant == 0 && o.target_formula == out[r].target_formula) shares_product_formula[r] = true;
      }
  auto intermediate = [&](size_t r) { return r < intermediates.size() && intermediates[r]; };
  for (int i = 0; i < np && !out.empty(); ++i) {
    if (used[i]) continue;
    const Paragraph& para = doc.paragraphs[i];
    if (para.kind != ParagraphKind::kBody && para.kind != ParagraphKind::kCaption && para.kind != ParagraphKind::kAbstract)
      continue;
    if (para.section_type == SectionType::kReferences || para.section_type == SectionType::kIntroduction) continue;
    if (const auto* l = label_at(i);
        l && (l->label == "characterization" || l->label == "materials_list"))
      continue;
    const Extraction* ex = ex_at(i);
    if (!ex) continue;
    // The abstract and captions summarise the paper: their values fill what the body leaves open.
    const bool summary = para.kind != ParagraphKind::kBody;
    const std::vector<Sentence> sentences = split_sentences(para.text);
    auto sentence_of = [&](const Entity& e) {
      size_t si = 0;
      while (si + 1 < sentences.size() && e.start >= sentences[si].end) ++si;
      return si;
    };
    // A failed attempt's observations ("their quantum yield dropped below 2%") describe that
    // attempt (a failed variant, made above), not the product.
    std::set<size_t> failure_sentences;
    for (const auto& e : ex->entities)
      if (e.type == "failure") failure_sentences.insert(sentence_of(e));
    std::vector<int> outcome_idx;
    for (int k = 0; k < static_cast<int>(ex->entities.size()); ++k)
      if (is_outcome(ex->entities[k].type) && !failure_sentences.count(sentence_of(ex->entities[k])) &&
          !(summary && is_range(ex->entities[k])))
        outcome_idx.push_back(k);
    if (outcome_idx.empty()) continue;
    // A summary names its product by name as often as by formula ("Zinc selenide nanocrystals"):
    // the formula the rules give a product mention (role target or other; "from zinc stearate and
    // selenium" are reagents) counts as written.
    std::set<std::string> summary_formulas;
    if (summary)
      for (const auto& e : ex->entities)
        if (e.type == "material" && !e.formula.empty() && (e.role == "target" || e.role == "other" || e.role.empty()))
          summary_formulas.insert(e.formula);
    std::string lower = ascii_lower(para.text);
    // Candidates: base records first (variants share the base's name).
    std::vector<std::pair<size_t, bool>> matches;  // out index, matched by sample label
    // A compound's formula names a product more surely than a plain name does ("lead oleate" is
    // mentioned in a results paragraph about PbS too): name-only matches count when nothing
    // matches by formula, and never for an intermediate ("when the Cs-oleate solution was
    // injected" is about the product made with it).
    for (int pass = 0; pass < 2 && matches.empty(); ++pass) {
      for (size_t r = 0; r < out.size(); ++r) {
        const Synthesis& s = out[r];
        bool by_label = !s.sample_label.empty() && find_word(para.text, s.sample_label) != std::string::npos;
        const std::string& stage = stage_of_key[s.key];
        // An intermediate made of what its product is made of (Au seeds of Au nanorods) is not named
        // by that formula: "Gold nanorods were grown from small ... seeds" is about the nanorods.
        const bool shares_formula = r < shares_product_formula.size() && shares_product_formula[r];
        bool by_formula = (!s.target_formula.empty() && !shares_formula &&
                           (names_formula(para.text, s.target_formula) || summary_formulas.count(s.target_formula))) ||
                          (!stage.empty() && find_word(lower, stage) != std::string::npos);
        bool by_name = s.target.size() >= 2 && find_word(lower, ascii_lower(s.target)) != std::string::npos &&
                       !(s.variant == 0 && intermediate(r));
        if (by_label || by_formula || (pass == 1 && by_name)) matches.push_back({r, by_label});
      }
    }
    size_t chosen = out.size();
    double confidence = 0;
    for (auto& [r, by_label] : matches)
      if (by_label) {
        chosen = r;
        confidence = 0.8;
        break;
      }
    std::set<std::string> names;
    for (auto& [r, by_label] : matches) names.insert(out[r].target);
    // An abstract or caption about several products ("CdSe cores ... the core/shell particles reach
    // a quantum yield of 84%") says in one sentence what belongs to which: left to the body.
    if (summary && names.size() > 1) continue;
    if (chosen == out.size() && !matches.empty()) {
      chosen = matches.front().first;  // the earliest record: the base when variants share its name
      confidence = names.size() == 1 && matches.size() == 1 ? 0.7 : 0.5;
    }
    size_t bases = 0, only_base = 0;
    for (size_t r = 0; r < out.size(); ++r)
      if (out[r].variant == 0 && !intermediate(r)) ++bases, only_base = r;
    // A one-synthesis paper: its results are about that product, sentence by sentence unless the
    // sentence names another compound.
    const bool one_product = chosen == out.size() && bases == 1 && para.section_type == SectionType::kResults;
    if (chosen == out.size() && !one_product) continue;
    if (one_product) {
      chosen = only_base;
      confidence = 0.4;
    }
    // Below every body link (>= 0.4): the body's own value wins, and a summary alone does not make
    // a record `success`.
    if (summary) confidence = kSummaryConfidence;
    // A series in the results ("At 160 °C ... 8.2 nm. Lowering the temperature to 140 °C reduced the
    // edge length to 4.5 nm"; "With 100 μL of AgNO3 the nanorods had a length of 48 nm. Increasing the
    // volume of AgNO3 to 250 μL ..."): outcomes stated with a temperature the record does not use, or
    // an amount of one of its materials other than its own, belong to a variant at that temperature
    // or amount, one per value; the temperature (else amount) written before the outcome in its
    // sentence, else the first after it, is the one it goes with. A variant needs a measured value
    // (size, PL, ...): "kept at 20 °C ... a mixture of spheres" is more often a failure the rules did
    // not see than a product, and its words are not the record's either.
    const Synthesis base = out[chosen];
    std::vector<size_t> sentence_idx(ex->entities.size());
    for (size_t t = 0; t < ex->entities.size(); ++t) sentence_idx[t] = sentence_of(ex->entities[t]);
    std::vector<std::pair<int, SeriesPoint>> kept;  // outcome entity, the sample it was stated with
    std::map<size_t, SeriesPoint> stated_in;           // sentence → the sample its last outcome was stated with
    for (int k : outcome_idx) {
      const Entity& oe = ex->entities[k];
      const size_t si = sentence_idx[k];
      const Sentence& st = sentences[si];
      if (one_product) {
        std::vector<size_t> offs = code_point_offsets(para.text);
        if (names_other_compound(para.text.substr(offs[st.start], offs[st.end] - offs[st.start]), base)) continue;
      }
      SeriesPoint point;
      bool stated = false;  // the sentence gives a temperature or an amount to compare
      const int temp = stated_with(ex->entities, sentence_idx, si, oe.start, [&](int t) {
        const Entity& te = ex->entities[t];
        return te.type == "temperature" && te.role != "room" && main_value(te);
      });
      if (temp >= 0 && base.variant == 0) {
        stated = true;
        // A summary's value at another temperature is another sample's; series come from the body.
        if (!own_temperature(base, *main_value(ex->entities[temp]))) {
          if (summary) continue;
          if (base.injection_temperature_c || base.growth_temperature_c || base.reaction_temperature_c)
            point = {temp, -1, -1, *main_value(ex->entities[temp])};
        }
      }
      if (point.entity < 0 && base.variant == 0) {
        // series_material() of the last two amounts stated_with() took: the one it returns is one of them.
        struct Taken {
          int amount = -1, mention = -1, material = -1;
        } taken[2];
        const int amount = stated_with(ex->entities, sentence_idx, si, oe.start, [&](int a) {
          int material = -1;
          const int mention = series_material(ex->entities, sentence_idx, a, base, material);
          if (mention < 0) return false;
          taken[1] = taken[0];
          taken[0] = {a, mention, material};
          return true;
        });
        if (amount >= 0) {
          stated = true;
          const Taken& got = taken[0].amount == amount ? taken[0] : taken[1];
          const int mention = got.mention, material = got.material;
          const double value = *main_value(ex->entities[amount]);
          if (!same_amount(value, *base.materials[material].amount_value)) {
            // A summary sentence over the samples that includes this record's own amount ("nanorods
            // grown with 50, 100, 150 and 250 μL") speaks of this one too.
            if (summary && !states_amount(ex->entities, sentence_idx, si, base, material)) continue;
            if (!summary) point = {amount, mention, material, value};
          }
        }
      }
      // "With 100 μL of AgNO3 the nanorods had a length of 48 nm. The longitudinal band was located at
      // 742 nm.": a sentence that states no sample of its own goes on with the previous sentence's,
      // unless it speaks of all samples.
      if (!stated && si > 0 && base.variant == 0 && !speaks_of_all_samples(st.lower)) {
        auto prev = stated_in.find(si - 1);
        if (prev != stated_in.end()) point = prev->second;
        if (summary && point.entity >= 0) continue;
      }
      if (stated) stated_in[si] = point;
      kept.push_back({k, point});
    }
    std::map<SeriesPoint, size_t> series;  // sample → out index of its variant
    for (const auto& [k, point] : kept) {
      const Entity& oe = ex->entities[k];
      size_t dest = chosen;
      if (point.entity >= 0) {
        auto it = series.find(point);
        if (it == series.end()) {
          const bool measured = std::any_of(kept.begin(), kept.end(), [&, p = point](const std::pair<int, SeriesPoint>& o) {
            const std::string& type = ex->entities[o.first].type;
            return o.second.entity >= 0 && !(o.second < p) && !(p < o.second) && type != "morphology" && type != "phase";
          });
          if (!measured) continue;
          Synthesis v;
          if (point.material < 0) {
            EntityView pivot{&ex->entities[point.entity], i, ordinal_of(i), point.entity, 0};
            v = make_variant(doc, base, roles_for(base.key), {pivot}, &pivot, false, "", {});
          } else {
            // The amount as the record's material ("50 μL" after "AgNO3", whatever role the rules gave
            // that mention in the results).
            Entity mention = ex->entities[point.mention];
            mention.role = base.materials[point.material].role;
            Entity amount = ex->entities[point.entity];
            amount.material = point.mention;
            v = make_variant(doc, base, roles_for(base.key),
                             {{&mention, i, ordinal_of(i), point.mention, 0}, {&amount, i, ordinal_of(i), point.entity, 0}},
                             nullptr, false, "", {});
          }
          push_reported_variant(out, std::move(v), base, sha, ordinal_of(i), ++results_variants[ordinal_of(i)]);
          it = series.emplace(point, out.size() - 1).first;
        }
        dest = it->second;
      }
      EntityView v{&oe, i, ordinal_of(i), k, 0};
      push_outcome(out[dest].outcomes, v, confidence);
    }
  }
  // A product that was characterised (size, PL, phase, ... linked with confidence >= 0.4, which
  // includes a one-product paper's results) and no
  // failure reported means the synthesis worked: papers rarely write "successfully".
  for (Synthesis& s : out) {
    if (s.status != SynthesisStatus::kUnknown || !s.failure_cue.empty()) continue;
    if (std::any_of(s.outcomes.begin(), s.outcomes.end(), [](const Outcome& o) { return o.confidence >= 0.4; }))
      s.status = SynthesisStatus::kSuccess;
  }
  // A target from a heading or the title (no material mention gave it) points at that heading or
  // title paragraph, so that its provenance is complete (records-7, s18-prod1).
  for (Synthesis& s : out)
    if (!s.target.empty() && !s.target_ref.has_source() && !s.paragraphs.empty())
      s.target_ref = locate_target(doc, s.target, s.paragraphs.front());
  return out;
}
}  // namespace

std::vector<Synthesis> build(const Document& doc, const std::vector<ParagraphLabel>& labels,
                             const std::vector<Extraction>& extractions) {
  int parts = 1;
  for (const Paragraph& p : doc.paragraphs) parts = std::max(parts, p.part);
  if (parts == 1) return build_part(doc, labels, extractions);
  // A file holding several papers (Paragraph::part): each paper is grouped on its own, so no record,
  // variant, parent link or linked outcome crosses from one paper into another. The other parts'
  // paragraphs are blanked rather than removed: ordinals, keys and SourceRefs stay those of the file.
  std::vector<Synthesis> out;
  for (int part = 1; part <= parts; ++part) {
    Document view = doc;
    std::vector<ParagraphLabel> view_labels(doc.paragraphs.size());
    std::vector<Extraction> view_ex(doc.paragraphs.size());
    bool any = false;
    for (size_t i = 0; i < view.paragraphs.size(); ++i) {
      Paragraph& p = view.paragraphs[i];
      if (p.part == part) {
        any = true;
        if (i < labels.size()) view_labels[i] = labels[i];
        if (i < extractions.size()) view_ex[i] = extractions[i];
        continue;
      }
      p.text.clear();
      p.section.clear();
      p.kind = ParagraphKind::kOther;
      p.section_type = SectionType::kOther;
      view_labels[i].label = "other";
    }
    if (!any) continue;
    std::vector<Synthesis> got = build_part(view, view_labels, view_ex);
    out.insert(out.end(), std::make_move_iterator(got.begin()), std::make_move_iterator(got.end()));
  }
  return out;
}

std::string version() { return "records-12"; }

std::optional<double> molar_ratio(const std::optional<double>& moles, const std::optional<double>& reference) {
  if (!moles || !reference || !(*reference > 0)) return std::nullopt;
  // To 12 significant digits, like computed moles: 4e-06 / 1e-04 is 0.04, not 0.039999999999999994.
  return std::stod(fmt_g12(*moles / *reference));
}

void derive_values(Synthesis& s) {
  // Ratios the record does not give (a given one is kept, as a curated one is in the export).
  std::vector<Material> computed = s.materials;
  compute_ratios(computed);
  for (size_t i = 0; i < s.materials.size(); ++i)
    if (!s.materials[i].molar_ratio) s.materials[i].molar_ratio = computed[i].molar_ratio;
  // The conditions given play the part of role-tagged ones ("kept at 300 °C for 20 min"): they stay,
  // and the steps supply the rest.
  Roles given;
  auto take = [&](const char* role, const std::optional<double>& t, const std::optional<double>& d) {
    if (t) given.temperature[role] = t;
    if (d) given.time[role] = d;
  };
  take("injection", s.injection_temperature_c, s.injection_time_s);
  take("growth", s.growth_temperature_c, s.growth_time_s);
  take("reaction", s.reaction_temperature_c, s.reaction_time_s);
  derive_conditions(s, given);
}

}  // namespace synthdb::records
