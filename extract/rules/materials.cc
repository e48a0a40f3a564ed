#include "extract/rules/materials.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <numeric>
#include <span>
#include <unordered_map>

#include "extract/core/error.h"
#include "extract/rules/word_shape.h"

namespace synthdb::rules {

// Literal lists iterated as string_views are written with sv: a braced list of plain literals is an
// initializer_list<const char*>, and each conversion then calls strlen at run time.
using namespace std::string_view_literals;

namespace {

// A fixed set of words, asked count(): StringMap's flat table and inline FNV-1a hash, where a
// std::unordered_set<std::string_view> called std::hash (a library call) and walked a node list.
StringMap<bool> word_set(std::initializer_list<std::string_view> words) {
  StringMap<bool> set;
  for (std::string_view w : words) set.emplace(w, true);
  return set;
}

// Field `k` of a lexicon row as a whole number; a RuleError naming file:line otherwise.
int tsv_int(const TsvRow& row, size_t k, const std::filesystem::path& file) {
  const std::string& f = row.fields[k];
  size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(f, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != f.size()) {
    throw RuleError(file.string() + ":" + std::to_string(row.line) + ": '" + f + "' is not a whole number");
  }
  return value;
}

// Two-letter element symbols that are also common capitalised words at a sentence start; as a
// lone token they are not read as elements ("In a typical synthesis", "As shown"). "Tc" and "Pm"
// (radioactive, never a reagent) are the Curie or critical temperature and a unit (rules-8).
constexpr std::string_view kAmbiguousSymbols[] = {"In", "As", "At", "Be", "No", "Am", "Es", "Pa", "Ho", "He", "Po",
                                                  "Tc", "Pm"};
// One-letter-element formulas that are real species although they have a single digit.
constexpr std::string_view kSmallMolecules[] = {"N2", "O2", "H2", "I2", "F2", "S8", "P4", "C60", "C70", "O3"};
// One-letter symbols that start a PDF-spaced binary formula ("Y 2 O 3", "V 2 O 5", "B 2 O 3", "P 2 O 5",
// "K 2 CO 3", "W O 3"): metals and metalloids whose oxides and salts are common reagents and products.
// Not C (the hydrocarbons of fuel equations: "C 3 H 6"), nor F, I, S (sample and figure labels).
constexpr std::string_view kSpacedBinaryLeads = "BKPUVWY";
// The anion group after such a lead: oxide, chalcogenides, halides, nitride and the oxo-anions that
// begin with their central atom ("CO 3", "SO 4", "NO 3", "PO 4"). A cation after the lead ("C 3 H 6",
// "V Ti 2") makes no binary formula.
constexpr std::string_view kSpacedBinaryAnions[] = {"O", "S", "Se", "Te", "F", "Cl", "Br", "I", "N", "CO", "SO", "NO", "PO"};
// Gases by formula, one list for both places that ask: a dash-joined gas mixture ("H2S–H2") and
// the gas part of a battery chemistry ("lithium–O2"), so that the two cannot drift apart.
constexpr std::string_view kGasFormulas[] = {"H2",  "H2S", "CH4",   "CO",   "CO2",  "H2O",  "O2",  "N2",  "NH3",
                                             "SO2", "NO",  "NO2",   "C2H6", "C3H8", "C4H10", "Ar", "He",  "HCl",
                                             "Cl2", "F2",  "COS", "CH3SH", "C2H4", "C2H2",  "N2O"};
// Whether a letter of `t` takes the count 0 ("Pb0", "Au0": an oxidation state written as a zero,
// no formula); "Ba0.95", "La0.6Sr0.4" and "C60" are counts, and "Ti02" (TiO2 with a zero for the O)
// is left to the other checks.
bool zero_count(std::string_view t) {
  for (size_t k = 1; k < t.size(); ++k) {
    if (t[k] != '0' || !(is_lower(t[k - 1]) || is_upper(t[k - 1]))) continue;
    if (k + 1 == t.size() || !(is_digit(t[k + 1]) || t[k + 1] == '.')) return true;
  }
  return false;
}
// Whether `t` holds an organic group abbreviation that is no element symbol ("BzBr", "PhCl", "EtBr"):
// a reagent's abbreviation, not a formula of elements.
bool organic_groups(std::string_view t) {
  for (size_t k = 0; k + 1 < t.size(); ++k) {
    if (!is_upper(t[k])) continue;
    const std::string_view two = t.substr(k, 2);
    if (two == "Bz" || two == "Ph" || two == "Me" || two == "Et" || two == "Bu" || two == "Bn") return true;
  }
  return false;
}
// Whether formula `t` is an oxide ("Bi2O3", "CeO2"): a compound, where two metals ("FeCr") name an
// alloy, a descriptor like "Ni-based", and an oxo-anion ("SO4", "CO3", "NO3", "PO4") a class of salts.
bool oxide_formula(std::string_view t) {
  if (t.size() >= 2 && std::string_view("CNPSH").find(t[0]) != std::string_view::npos && !is_lower(t[1])) return false;
  for (size_t k = 0; k < t.size(); ++k) {
    if (t[k] == 'O' && (k + 1 == t.size() || !is_lower(t[k + 1]))) return true;
  }
  return false;
}
// Whether `s` is one of kGasFormulas.
bool is_gas_formula(std::string_view s) {
  return std::find(std::begin(kGasFormulas), std::end(kGasFormulas), s) != std::end(kGasFormulas);
}
// Bracket contents that are ligand abbreviations inside formulas: Cd(OAc)2, Zn(acac)2, Zn(St)2.
constexpr std::string_view kFormulaGroups[] = {"OAc", "Ac", "acac", "OA", "St", "OTf", "hfac", "TMS", "tmhd",
                                               // Metal carboxylates: "Cd(myr)2", "Cd(Myr)2", "Zn(ol)2".
                                               "myr", "Myr", "ol", "Ol", "OL", "lau", "OLA", "OAm",
                                               "thd", "dtc", "DDTC", "Et", "Me", "Ph", "Bu", "OEt", "OMe",
                                               "OiPr", "OBu", "CO", "TOP", "en", "bpy", "phen", "oleate",
                                               // Coordination and MOF chemistry's ligand abbreviations:
                                               // "[Cu(bpa)(H2O)2]", "Pd(PPh3)4", "Cu3(BTC)2", "Zn(mIm)2".
                                               "bpa", "bipy", "py", "pz", "im", "bim", "mIm", "mim", "tpy",
                                               "terpy", "dien", "tren", "salen", "cod", "Cp", "dppe", "dppf",
                                               "PPh3", "BTC", "btc", "BDC", "bdc", "dmf", "DMF", "ox", "gly",
                                               // Thiolate-protected gold clusters: "Au25(SR)18", "Au25(SG)18".
                                               "SR", "SG",
                                               // Silylamide and silyl groups: "Sn[N(SiMe3)2]2", "Sn(HMDS)2",
                                               // "(TMGe)3As" (review 14a, A28).
                                               "SiMe3", "HMDS", "TMGe"};
// Suffixes on a hyphenated token whose first part is a ligand on the product ("OA-capped",
// "PVP-stabilized"). Compositional modifiers ("Ag-doped", "silica-coated", "cobalt-based",
// "Li-rich") name no reagent and are not mentions (rules-3; MSP does not annotate them either).
// "argon-filled glove box", "N2-purged flask": the gas of a vessel is a material as "in an argon
// glove box" is (MSP 101002aenm201300174; review 18b, B13).
constexpr std::string_view kHyphenSuffixes[] = {"-capped",     "-stabilized", "-stabilised", "-passivated",
                                                "-terminated", "-functionalized", "-protected", "-filled",
                                                "-purged",     "-flushed"};
// hyphen_suffix_head() tests a token's last byte before walking these: keep every suffix ending in 'd'.
static_assert(std::ranges::all_of(kHyphenSuffixes, [](std::string_view s) { return s.ends_with('d'); }),
              "hyphen_suffix_head() gates on a last 'd': a new suffix must end in 'd' or the gate must go");

// Erases the mentions whose flag is set (`gone[k]` for out[k]) in one pass, keeping the order:
// erasing one at a time was quadratic in a paragraph of many. No self-move: it would empty the strings.
template <class Flags>
void erase_flagged(std::vector<MaterialMention>& out, const Flags& gone) {
  size_t kept = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    if (gone[k]) continue;
    if (kept != k) out[kept] = std::move(out[k]);
    ++kept;
  }
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(kept), out.end());
}

// "Fig. S2", "Table S1", "Scheme 1": labels, not materials.
// One material written as a part of token i ("CdSe" in "CdSe-to-CdS", "Fe" in "Fe-Co mixture"),
// starting `from` bytes into it.
MaterialMention token_part(const TokenView& view, size_t i, size_t from, std::string_view part, bool formula) {
  MaterialMention p;
  p.first_token = p.last_token = i;
  p.begin = view.tokens[i].begin + from;
  p.end = p.begin + part.size();
  p.normalized = std::string(part);
  if (formula) p.formula = std::string(part);
  return p;
}

// Whether a lexicon entry's name is a gas that mixtures list gas by gas ("O2/N2", "H2/Ar").
bool mixture_gas(std::string_view normalized) {
  return normalized == "nitrogen" || normalized == "oxygen" || normalized == "hydrogen" || normalized == "argon" ||
         normalized == "helium" || normalized == "air";
}

// Compounds whose polymorphs papers name by a Greek letter, with the letters in use: a Latin letter
// before one of them is a Greek letter the PDF font conversion lost (Symbol font: α -> a, β -> b,
// γ -> g, δ -> d), review 16a, A21. Not "c": the Symbol font's c is χ, and "c-Al2O3" reads as cubic
// (review 17e, D1). Amorphous "a-Si", graphitic "g-C3N4" and cubic "c-ZrO2" are not listed hosts, so
// state_prefix() keeps reading them.
struct PolymorphHost {
  std::string_view formula;
  std::string_view letters;  // the Latin stand-ins of its Greek polymorph letters
};
constexpr PolymorphHost kPolymorphHosts[] = {
    {"Fe2O3", "ag"},   {"Al2O3", "agd"}, {"NaYF4", "ab"},  {"NaGdF4", "ab"},  {"NaLuF4", "ab"},
    {"MnO2", "abgd"},  {"Bi2O3", "abgd"}, {"Ga2O3", "abg"}, {"FeOOH", "abgd"}, {"Ni(OH)2", "ab"},
    {"Co(OH)2", "ab"}, {"MoO3", "a"},     {"Si3N4", "ab"},  {"In2Se3", "abg"}, {"FeSi2", "ab"},
};

// The Greek polymorph letter ("α", "β", "γ", "δ") that the Latin letter and hyphen at the start of
// `raw` stand for ("b-NaYF4", "a-Fe2O3", "g-Al2O3"), or "" when the rest is no listed host or the
// host has no polymorph by that letter.
std::string_view lost_greek_polymorph(std::string_view raw) {
  if (raw.size() < 5 || raw[1] != '-' || !is_lower(raw[0])) return {};
  const std::string_view rest = raw.substr(2);
  for (const PolymorphHost& h : kPolymorphHosts) {
    if (rest != h.formula || h.letters.find(raw[0]) == std::string_view::npos) continue;
    switch (raw[0]) {
      case 'a': return "α";
      case 'b': return "β";
      case 'g': return "γ";
      case 'd': return "δ";
    }
  }
  return {};
}

// Length of a lower-case structure prefix with its hyphen ("a-" amorphous, "h-" hexagonal, "g-"
// graphitic, "t-"/"m-"/"c-"/"w-" tetragonal/monoclinic/cubic/wurtzite, "p-"/"n-" doping type,
// "rr-" regioregular), else 0. The caller checks that a formula or acronym follows.
size_t state_prefix(std::string_view t) {
  if (t.size() < 4 || !is_lower(t[0]) || (t[1] != '-' && t[2] != '-')) return 0;  // most tokens
  for (std::string_view p : {"a-"sv, "c-"sv, "g-"sv, "h-"sv, "m-"sv, "t-"sv, "w-"sv, "p-"sv, "n-"sv, "rr-"sv}) {
    if (t.size() > p.size() + 1 && has_prefix(t, p)) return p.size();
  }
  return 0;
}

// Length of a descriptor glued with a hyphen before a material's name ("Raw-MWCNTs", "pristine-TiO2",
// "bare-Fe3O4"), else 0. The caller checks that a formula or acronym follows.
size_t descriptor_prefix(std::string_view t) {
  // A descriptor's hyphen is the token's first one, within its first 11 bytes ("commercial-"); only
  // the descriptor of that length can match.
  const size_t hy = t.size() < 6 ? std::string_view::npos : t.substr(0, 11).find('-');
  if (hy == std::string_view::npos) return 0;  // most tokens
  for (std::string_view p : {"raw-"sv, "pristine-"sv, "bare-"sv, "pure-"sv, "neat-"sv, "commercial-"sv,
                             "purified-"sv, "untreated-"sv, "fresh-"sv}) {
    if (p.size() != hy + 1 || t.size() <= p.size() + 1) continue;
    bool same = true;
    for (size_t k = 0; k < p.size() && same; ++k) same = (is_upper(t[k]) ? char(t[k] - 'A' + 'a') : t[k]) == p[k];
    if (same) return p.size();
  }
  return 0;
}

// "NCs", "NW": nanostructure abbreviations written after a material name. "CQDs" (colloidal
// quantum dots) names the product of PbS / HgTe infrared papers (review 15a, A27).
bool is_nano_abbreviation(std::string_view t) {
  for (std::string_view a : {"NPs"sv, "NCs"sv, "NWs"sv, "NW"sv, "NP"sv, "NC"sv, "QDs"sv, "NRs"sv, "CQDs"sv, "CQD"sv}) {
    if (t == a) return true;
  }
  return false;
}

// Length of a footnote mark glued after the last count of a formula ("PbI2a", "PbI2†", "CdO‡", "Se*"):
// a dagger, double dagger or asterisk, or one of the letters a-c after a digit; else 0 (review 16a,
// A22). The caller checks that the rest is a formula.
size_t footnote_mark(std::string_view t) {
  if (t.size() < 3) return 0;
  const char last = t.back();
  if (last == '*') return 1;
  if (last == '\xA0' || last == '\xA1') return has_suffix(t, "†") || has_suffix(t, "‡") ? 3 : 0;
  return last >= 'a' && last <= 'c' && is_digit(t[t.size() - 2]) ? 1 : 0;
}

// Length of a trade mark sign ending a capitalised name ("Oxone(r)", "Nafion®", "Triton™"), else 0.
size_t trademark(std::string_view t) {
  // Every mark ends in ')' or in the last byte of "®" (C2 AE) or "™" (E2 84 A2).
  if (t.size() < 4 || (t.back() != ')' && t.back() != '\xAE' && t.back() != '\xA2')) return 0;
  for (std::string_view mark : {"(r)"sv, "(R)"sv, "®"sv, "™"sv, "(TM)"sv}) {
    if (t.size() < mark.size() + 3 || !has_suffix(t, mark)) continue;
    std::string_view stem = t.substr(0, t.size() - mark.size());
    if (!is_upper(stem[0])) return 0;
    for (char c : stem) {
      if (!is_alnum(c) && c != '-') return 0;
    }
    return mark.size();
  }
  return 0;
}

// "Ag nanoplates", "Au microplates": a shape noun that ends in "-plates" is no weak "-ate" anion
// after an element (as "nitrates" is); the element alone is the material (session 10).
[[gnu::noinline]] bool is_plate_word(std::string_view folded) {
  return has_suffix(folded, "plate") || has_suffix(folded, "plates");
}

// Halogens are diatomic: "chlorine", "iodine" name Cl2 and I2, so the name is kept as the normalized
// form; every other element name is normalized to its symbol ("gold" → Au).
[[gnu::noinline]] bool is_diatomic_halogen(std::string_view name) {
  return name == "fluorine" || name == "chlorine" || name == "bromine" || name == "iodine";
}

// "N,N′-dimethylformamide": the second locant of a pair is printed with a prime as often as not (and
// the prime comes out of PDF conversion as ' or ’); each surface with a locant pair ("N,N-") is
// read in those spellings too (review 16a, A25).
void primed_locants(const std::string& surface, std::vector<std::string>& surfaces) {
  const size_t at = surface.find(',');
  if (at == std::string::npos || at == 0 || at + 2 >= surface.size() || !is_alnum(surface[at + 1]) ||
      surface[at + 2] != '-' || !is_alnum(surface[at - 1])) {
    return;
  }
  for (std::string_view prime : {"\u2032"sv, "'"sv, "\u2019"sv}) {
    surfaces.push_back(surface.substr(0, at + 2) + std::string(prime) + surface.substr(at + 2));
  }
}

bool is_label_word_before(const TokenView& view, size_t i) {
  std::string_view w = view.folded[i - 1];
  return w == "fig" || w == "figure" || w == "figs" || w == "table" || w == "scheme" || w == "sample" || w == "eq";
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (c != 'I' && c != 'V' && c != 'i' && c != 'v') return false;
  }
  return true;
}

// The dots that join a salt and its water of crystallisation when written apart ("La(NO3)3 · 6H2O",
// "Co(NO3)2 •6H2O", "Zn(OAc) 2 ·2H 2 O").
constexpr std::string_view kHydrateDots[] = {"·"sv, "•"sv, "⋅"sv, "∙"sv};

// Roman oxidation states as written in salt names ("copper(ii) sulfate").
constexpr std::string_view kOxidationStates[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii"};

}  // namespace

bool MaterialFinder::gas_mention(const TokenView& view, const MaterialMention& m) const {
  std::string_view t = view.text.substr(m.begin, m.end - m.begin);
  // "H2S–H2", "CH4-H2O": gases joined by a dash are checked part by part.
  for (size_t from = 0; from <= t.size();) {
    size_t to = from;
    while (to < t.size() && dash_len(t, to) == 0) ++to;
    std::string_view part = t.substr(from, to - from);
    if (!is_gas_formula(part)) return false;
    if (to >= t.size()) break;
    from = to + dash_len(t, to);
  }
  return !t.empty();
}

MaterialFinder::MaterialFinder(LexiconFiles& lexicons) {
  for (const TsvRow& row : lexicons.read_tsv("elements.tsv", 2)) {
    symbols_.insert(row.fields[0]);
    for (size_t k = 1; k < row.fields.size(); ++k) {
      element_names_[fold_case(row.fields[k])] = row.fields[0];
      metal_names_[row.fields[0]].push_back(fold_case(row.fields[k]));
      class_filter_.add(fold_case(row.fields[k]));
    }
  }
  const auto charges_path = lexicons.path("salt_charges.tsv");
  for (const TsvRow& row : lexicons.read_tsv("salt_charges.tsv", 2)) salt_charges_[row.fields[0]] = tsv_int(row, 1, charges_path);
  const auto words_path = lexicons.path("chemical_words.tsv");
  for (const TsvRow& row : lexicons.read_tsv("chemical_words.tsv", 2)) {
    const std::string& c = row.fields[1];
    WordClass wc = c == "cation"    ? kCation
                   : c == "anion"   ? kAnion
                   : c == "acid"    ? kAcid
                   : c == "hydrate" ? kHydrate
                   : c == "organic" ? kOrganic
                   : c == "stop"    ? kStop
                   : c == "part"    ? kPart
                                    : kNone;
    if (wc == kNone) {
      throw RuleError(words_path.string() + ":" + std::to_string(row.line) + ": unknown class '" + c + "'");
    }
    words_[fold_case(row.fields[0])] = wc;
    class_filter_.add(fold_case(row.fields[0]));
    // Optional columns: an anion's formula unit and charge, a hydrate's water count.
    if (wc == kAnion && row.fields.size() >= 4) {
      anion_units_[fold_case(row.fields[0])] = {row.fields[2], tsv_int(row, 3, words_path)};
      anion_words_.emplace(row.fields[2], fold_case(row.fields[0]));
    }
    if (wc == kHydrate && row.fields.size() >= 3) {
      const int waters = tsv_int(row, 2, words_path);
      hydrate_waters_[fold_case(row.fields[0])] = waters;
      if (waters > 0 && hydrate_words_.size() <= static_cast<size_t>(waters)) hydrate_words_.resize(waters + 1);
      if (waters > 0 && hydrate_words_[waters].empty()) hydrate_words_[waters] = fold_case(row.fields[0]);
    }
  }
  for (auto g : kFormulaGroups) formula_groups_[std::string(g)] = true;
  for (const TsvRow& row : lexicons.read_tsv("acronyms.tsv", 1)) {
    not_acronyms_[row.fields[0]] = true;
    if (row.fields.size() > 1 && row.fields[1] == "maker") makers_[row.fields[0]] = true;
  }
  const auto mat_path = lexicons.path("materials.tsv");
  for (const TsvRow& row : lexicons.read_tsv("materials.tsv", 4)) {
    Entry e;
    e.normalized = row.fields[1];
    e.formula = row.fields[2] == "-" ? "" : row.fields[2];
    e.role = row.fields[3] == "-" ? "" : row.fields[3];
    bool cs = row.fields.size() > 4 && row.fields[4].find("cs") != std::string::npos;
    e.trade = row.fields.size() > 4 && row.fields[4].find("tn") != std::string::npos;
    // Typeset papers print the hyphen of "TOP-Se" or "1-octadecene" as an en dash (U+2013) as
    // often as not (review 12, D2): each hyphenated surface is read in both spellings.
    std::vector<std::string> surfaces = {row.fields[0]};
    if (row.fields[0].find('-') != std::string::npos) {
      std::string dashed;
      for (char c : row.fields[0]) dashed += c == '-' ? std::string("\u2013") : std::string(1, c);
      surfaces.push_back(std::move(dashed));
    }
    primed_locants(row.fields[0], surfaces);
    for (const std::string& surface : surfaces) {
      matcher_.add(surface, static_cast<int>(entries_.size()), cs, !cs);
      if (surface.find(' ') != std::string::npos) continue;
      std::string key = cs ? surface : fold_case(surface);
      longest_single_word_ = std::max(longest_single_word_, key.size());
      (cs ? single_words_cs_ : single_words_).emplace(std::move(key), static_cast<int>(entries_.size()));
    }
    if (!cs && row.fields[0].ends_with(" acid") && row.fields[0].find(' ') + 5 == row.fields[0].size()) {
      acid_words_.emplace(fold_case(row.fields[0].substr(0, row.fields[0].size() - 5)), static_cast<int>(entries_.size()));
    }
    if (e.formula.find("\u00b7") != std::string::npos) hydrate_entries_.emplace(e.formula, static_cast<int>(entries_.size()));
    entries_.push_back(std::move(e));
  }
}

size_t MaterialFinder::formula_prefix(std::string_view s, size_t pos, int* elements, int depth,
                                      int* placeholders) const {
  size_t p = pos;
  // One stoichiometry term: "2", "0.95", "x", "2x", "δ" (oxygen deficiency).
  auto term = [&](size_t k) -> size_t {
    size_t r = k;
    while (r < s.size() && (is_digit(s[r]) || (s[r] == '.' && r > k && r + 1 < s.size() && is_digit(s[r + 1])))) ++r;
    if (r < s.size() && (s[r] == 'x' || s[r] == 'y' || s[r] == 'z' || s[r] == 'n') &&
        (r + 1 >= s.size() || !is_lower(s[r + 1]))) {
      ++r;
    } else if (s.substr(r).starts_with("δ")) {
      r += std::strlen("δ");
    }
    return r;
  };
  // A count is a term or an expression of terms: "1-x", "4-x/2", "2/3-2x/3", "1+δ-x"
  // (solid solutions and doped series are written with variable stoichiometry).
  auto read_count = [&]() {
    size_t q = term(p);
    if (q == p) return;
    while (q < s.size()) {
      size_t op = s[q] == '+' || s[q] == '/' ? 1 : dash_len(s, q);
      // "La0.8Sr0.2MnO3±δ": oxygen excess or deficiency left open.
      if (!op && s.substr(q).starts_with("±") && s.substr(q + std::strlen("±")).starts_with("δ")) op = std::strlen("±");
      if (!op) break;
      size_t r = term(q + op);
      if (r == q + op) break;
      q = r;
    }
    p = q;
  };
  // "(1+x)" in "Y3(1+x)Al5O12": a bracketed count multiplies the element before it.
  auto count_only = [&](std::string_view inner) {
    size_t k = 0;
    bool op_seen = false;
    while (k < inner.size()) {
      size_t r = k;
      while (r < inner.size() && (is_digit(inner[r]) || inner[r] == '.' || inner[r] == 'x' || inner[r] == 'y' ||
                                  inner[r] == 'z')) {
        ++r;
      }
      if (r == k) return false;
      k = r;
      if (k == inner.size()) break;
      size_t op = inner[k] == '+' || inner[k] == '/' ? 1 : dash_len(inner, k);
      if (!op) return false;
      op_seen = true;
      k += op;
    }
    return op_seen;
  };
  while (p < s.size()) {
    char c = s[p];
    if (is_upper(c)) {
      size_t len = 0;
      bool placeholder = false;
      if (p + 1 < s.size() && is_lower(s[p + 1]) && symbols_.count(s.substr(p, 2))) {
        len = 2;
      } else if (p > pos && s.substr(p).starts_with("St") && p + 2 < s.size() && is_digit(s[p + 2])) {
        // "MnSt2", "ZnSt2": a metal stearate written without brackets (St is no element).
        len = 2;
      } else if (symbols_.count(s.substr(p, 1))) {
        len = 1;
      } else if (placeholders && s.substr(p).starts_with("Ln")) {
        // "Ln2O3", "Ln(NO3)3": Ln stands for any lanthanide.
        len = 2;
        placeholder = true;
        *placeholders |= kLanthanidePlaceholder;
      } else if (placeholders && (c == 'M' || c == 'X' || s.substr(p).starts_with("RE"))) {
        // "M(OH)2", "CH3NH3PbX3", "RE2O3": a metal, halogen or rare earth left open.
        len = c == 'R' ? 2 : 1;
        placeholder = true;
        *placeholders |= kOtherPlaceholder;
      }
      if (!len) break;
      p += len;
      if (!placeholder) ++*elements;
      read_count();
    } else if ((c == '(' || c == '[') && depth < 3) {
      char close = c == '(' ? ')' : ']';
      // The matching bracket, not the first closing one: "Ti(OCH(CH3)2)4".
      size_t q = p + 1;
      for (int open = 1; q < s.size(); ++q) {
        if (s[q] == c) ++open;
        else if (s[q] == close && --open == 0) break;
      }
      if (q >= s.size()) q = std::string_view::npos;
      if (q == std::string_view::npos) break;
      std::string_view inner = s.substr(p + 1, q - p - 1);
      int inner_elements = 0;
      if (formula_groups_.count(inner)) {
        ++*elements;
      } else if (p > pos && count_only(inner)) {
        // multiplier only, no new element
      } else if (!inner.empty() && formula_prefix(inner, 0, &inner_elements, depth + 1, placeholders) == inner.size()) {
        *elements += inner_elements;
      } else if (inner.find(',') != std::string_view::npos && inner.find(' ') == std::string_view::npos) {
        // Elements sharing a lattice site: "(La,Sr)(Co,Fe)O3", "(Sr0.86,Y0.08)TiO3".
        bool site = true;
        for (size_t a = 0; site && a <= inner.size();) {
          size_t b = std::min(inner.find(',', a), inner.size());
          int part_elements = 0;
          site = b > a && formula_prefix(inner.substr(a, b - a), 0, &part_elements, depth + 1, nullptr) == b - a;
          inner_elements += part_elements;
          a = b + 1;
        }
        if (!site) break;
        *elements += inner_elements;
      } else if (size_t slash = inner.find('/'); slash != std::string_view::npos && slash > 0 && inner.size() <= 12) {
        // Mixed halides sharing a site: "CsPb(Br/I)3", "CsPb(Cl/Br)3" (one element per part).
        bool site = true;
        for (size_t a = 0; site && a <= inner.size();) {
          size_t b = std::min(inner.find('/', a), inner.size());
          int part_elements = 0;
          site = b > a && formula_prefix(inner.substr(a, b - a), 0, &part_elements, depth + 1, nullptr) == b - a &&
                 part_elements == 1;
          a = b + 1;
        }
        if (!site) break;
        ++*elements;
      } else {
        break;
      }
      p = q + 1;
      read_count();
    } else {
      break;
    }
  }
  return p;
}

// "Cd-oleate" → "cadmium oleate", "FA-oleate" → "formamidinium oleate": an element symbol or the
// perovskite cations FA/MA before "-oleate" (review 8, D7); "" for anything else. Lexicon
// surfaces ("Cs-oleate") are matched before this.
std::string MaterialFinder::metal_oleate(std::string_view raw) const {
  constexpr std::string_view kSuffix = "-oleate";
  if (raw.size() <= kSuffix.size() || raw.size() > kSuffix.size() + 2) return {};
  // Compared byte by byte, ASCII letters lowered: no byte outside ASCII folds to one of "-oleate", so
  // this is fold_case() without its string (this runs on most tokens).
  for (size_t k = 0; k < kSuffix.size(); ++k) {
    char c = raw[raw.size() - kSuffix.size() + k];
    if ((is_upper(c) ? char(c - 'A' + 'a') : c) != kSuffix[k]) return {};
  }
  std::string_view head = raw.substr(0, raw.size() - kSuffix.size());
  if (head == "FA") return "formamidinium oleate";
  if (head == "MA") return "methylammonium oleate";
  if (!symbols_.count(head)) return {};
  return metal_salt_name(head, "oleate");
}

std::string MaterialFinder::metal_salt_name(std::string_view head, std::string_view anion) const {
  // "Cs" is "cesium" and "caesium": the name with a lexicon salt, else the first (salt_name()'s).
  auto names = metal_names_.find(head);
  if (names == metal_names_.end()) return {};
  for (const std::string& name : names->second) {
    std::string cand = name + " " + std::string(anion);
    if (entry_named(cand) != nullptr) return cand;
  }
  return names->second.front() + " " + std::string(anion);
}

// A metal symbol, one bracketed group and a count, the group an acetate ("Bi(OAc)3", "Cs(OAc)") or an
// anion word of chemical_words.tsv ("Zn(oleate)2"): the name is the metal's with that anion (review
// 13, D30: the formula was copied as the name). Other groups keep the formula as the name, as
// tests/rules/reagents_s10.txt has it ("Cu(acac)2", "Ca(NO3)2").
std::string MaterialFinder::group_salt_name(std::string_view f) const {
  const size_t open = f.find('(');
  if (open == std::string_view::npos || open == 0 || open > 2) return {};
  const size_t close = f.find(')', open);
  if (close == std::string_view::npos || close == open + 1) return {};
  const std::string_view count = f.substr(close + 1);
  if (count.find_first_not_of("0123456789") != std::string_view::npos) return {};
  const std::string_view symbol = f.substr(0, open), group = f.substr(open + 1, close - open - 1);
  if (!symbols_.count(symbol)) return {};
  if (group == "OAc" || group == "Ac") return metal_salt_name(symbol, "acetate");
  if (group.size() <= 4) return {};
  const std::string word = fold_case(group);
  auto w = words_.find(word);
  return w != words_.end() && w->second == kAnion ? metal_salt_name(symbol, word) : std::string();
}

void MaterialFinder::spaced_formula_entry(MaterialMention& m) const {
  if (m.formula.empty() || m.normalized != m.formula) return;
  take_entry(m, single_word_entry(m.formula));
}

const MaterialFinder::Entry* MaterialFinder::entry_named(std::string_view normalized) const {
  for (const Entry& e : entries_) {
    if (e.normalized == normalized) return &e;
  }
  return nullptr;
}

int MaterialFinder::single_word_entry(std::string_view word, const std::string* folded) const {
  if (auto it = single_words_cs_.find(word); it != single_words_cs_.end()) return it->second;
  auto jt = folded ? single_words_.find(*folded) : single_words_.find(fold_case(word));
  return jt != single_words_.end() ? jt->second : -1;
}

void MaterialFinder::take_entry(MaterialMention& m, int entry) const {
  if (entry < 0) return;
  const Entry& e = entries_[entry];
  m.normalized = e.normalized;
  m.formula = e.formula;
  m.role_prior = e.role;
}

void MaterialFinder::name_salt_formula(MaterialMention& m) const {
  if (m.formula.empty() || m.normalized != m.formula) return;
  const std::string_view f = m.formula;
  // The water of crystallisation: the first joint ("·", ".", "*", "•", "∙", "⋅") after which only a
  // count ("2", "0.5", "x", none) and "H2O" follow.
  size_t joint = std::string_view::npos, joint_len = 0;
  if (f.ends_with("H2O")) {
    for (size_t p = 1; p + 3 < f.size() && joint == std::string_view::npos; ++p) {
      size_t len = f[p] == '.' || f[p] == '*' ? 1 : 0;
      for (std::string_view d : kHydrateDots) {
        if (!len && f.substr(p).starts_with(d)) len = d.size();
      }
      if (!len) continue;
      std::string_view count = f.substr(p + len, f.size() - 3 - p - len);
      if (count.find_first_not_of("0123456789.x") == std::string_view::npos && (count.empty() || count[0] != '.')) {
        joint = p;
        joint_len = len;
      }
    }
  }
  std::string base(f.substr(0, joint == std::string_view::npos ? f.size() : joint));
  // Acetate written out ("Zn(CH3COO)2", "Pb(CH3CO2)2") or as "Ac" is the lexicon's "OAc".
  bool acetate = false;
  for (std::string_view written : {"(CH3COO)"sv, "(CH3CO2)"sv, "(Ac)"sv}) {
    if (size_t at = base.find(written); at != std::string::npos) {
      base.replace(at, written.size(), "(OAc)");
      acetate = true;
      break;
    }
  }
  if (joint == std::string_view::npos && !acetate) {
    if (!single_words_cs_.count(base)) {
      if (std::string name = group_salt_name(base); !name.empty()) m.normalized = std::move(name);
    }
    return;
  }
  std::string count, word = "hydrate";
  if (joint != std::string_view::npos) {
    count = std::string(f.substr(joint + joint_len, f.size() - 3 - joint - joint_len));
    const int n = count.empty() ? 1 : count.find_first_not_of("0123456789") == std::string::npos ? std::stoi(count) : 0;
    if (n > 0 && static_cast<size_t>(n) < hydrate_words_.size() && !hydrate_words_[n].empty()) word = hydrate_words_[n];
    if (n == 1) count.clear();
  }
  const std::string formula = joint == std::string_view::npos ? base : base + "\u00b7" + count + "H2O";
  // A hydrate the lexicon lists under its own name ("hydrazine hydrate" for N2H4·H2O) keeps that name.
  if (auto listed = hydrate_entries_.find(formula); listed != hydrate_entries_.end()) {
    m.formula = formula;
    m.normalized = entries_[listed->second].normalized;
    return;
  }
  const int entry = single_word_entry(base);
  const bool named = entry >= 0 && !entries_[entry].normalized.empty() && !is_upper(entries_[entry].normalized[0]);
  m.formula = formula;
  // "CuSO4·5H2O" is "copper(ii) sulfate pentahydrate", as that name is normalized (review 12b, O4).
  if (const std::string salt = named || joint == std::string_view::npos ? std::string() : salt_name(base);
      !salt.empty()) {
    m.normalized = salt + " " + word;
    return;
  }
  m.normalized = !named ? formula
                 : joint == std::string_view::npos ? entries_[entry].normalized
                                                   : entries_[entry].normalized + " " + word;
  if (!named) {
    // "Mn(OAc)2·4H2O" → "manganese acetate tetrahydrate" (review 13, D30).
    if (std::string name = group_salt_name(base); !name.empty()) {
      m.normalized = joint == std::string_view::npos ? name : name + " " + word;
    }
  }
}

// "γ-Fe2O3", "α-CsPbI3", "𝛼-Fe2O3": the Greek polymorph letter names a phase of the compound, so the
// formula (and a name that is the formula) is the compound's alone (review 12, D14); the mention's
// text keeps the letter.
static void strip_polymorph(MaterialMention& m) {
  const std::string_view f = m.formula;
  const PolymorphPrefix prefix = polymorph_prefix(f, Polymorph::kFormula);
  if (!prefix.size || prefix.size >= f.size() || !is_upper(f[prefix.size])) return;
  const std::string compound(f.substr(prefix.size));
  // The polymorph stays in `normalized` (plain Greek letter, ASCII hyphen: "γ-Fe2O3"), so maghemite and
  // hematite remain different records; `formula` is the compound's (review 12b, R10).
  if (m.normalized == m.formula) m.normalized = std::string(prefix.letter) + "-" + compound;
  m.formula = compound;
}

void MaterialFinder::drop_normal_prefix(MaterialMention& m) const {
  if (m.normalized.size() < 4 || m.normalized.compare(0, 2, "n-") != 0) return;
  std::string_view rest = std::string_view(m.normalized).substr(2);
  int entry = -1;
  if (rest.ends_with(" acid")) {
    auto acid = acid_words_.find(rest.substr(0, rest.size() - 5));
    if (acid != acid_words_.end()) entry = acid->second;
  } else if (auto word = single_words_.find(rest); word != single_words_.end()) {
    entry = word->second;
  }
  take_entry(m, entry);
}

std::string MaterialFinder::salt_name(std::string_view base) const {
  if (base.empty() || !is_upper(base[0])) return {};
  size_t p = base.size() > 1 && is_lower(base[1]) ? 2 : 1;
  auto metal = metal_names_.find(base.substr(0, p));
  if (metal == metal_names_.end()) return {};
  const std::string& metal_name = metal->second.front();
  while (p < base.size() && is_digit(base[p])) ++p;
  std::string_view rest = base.substr(p);
  // The anion unit: bracketed with a count ("(NO3)2"), whole ("SO4", "NO3"), or an atom and its count ("Cl3").
  std::string_view unit = rest;
  if (rest.starts_with("(")) {
    unit = rest.substr(1, rest.find(')') == std::string_view::npos ? 0 : rest.find(')') - 1);
  } else if (!anion_words_.count(unit)) {
    while (!unit.empty() && is_digit(unit.back())) unit.remove_suffix(1);
  }
  auto anion = anion_words_.find(unit);
  if (unit.empty() || anion == anion_words_.end()) return {};
  for (std::string_view state : kOxidationStates) {
    std::string name = metal_name + "(" + std::string(state) + ") " + anion->second;
    if (state_salt_formula(name) != base) continue;
    // A metal with one usual charge is named without it ("zinc nitrate"), as state_salt_formula() reads it.
    std::string plain = metal_name + " " + anion->second;
    return state_salt_formula(plain) == base ? plain : name;
  }
  return {};
}

std::string MaterialFinder::state_salt_formula(std::string_view name) const {
  const size_t open = name.find('('), close = name.find(") ");
  const bool stated = open != std::string_view::npos && close != std::string_view::npos && open < close;
  const size_t metal_end = stated ? open : name.find(' ');
  if (metal_end == std::string_view::npos) return {};
  auto metal = element_names_.find(name.substr(0, metal_end));
  if (metal == element_names_.end()) return {};
  int state = 0;
  if (stated) {
    for (size_t k = 0; k < std::size(kOxidationStates); ++k) {
      if (name.substr(open + 1, close - open - 1) == kOxidationStates[k]) state = static_cast<int>(k) + 1;
    }
  } else if (auto usual = salt_charges_.find(metal->second); usual != salt_charges_.end()) {
    state = usual->second;
  }
  std::string_view rest = name.substr(stated ? close + 2 : metal_end + 1);
  const size_t space = rest.find(' ');
  auto anion = anion_units_.find(rest.substr(0, space));
  if (state == 0 || anion == anion_units_.end() || anion->second.charge <= 0) return {};
  int waters = 0;
  if (space != std::string_view::npos) {
    auto h = hydrate_waters_.find(rest.substr(space + 1));
    if (h == hydrate_waters_.end()) return {};
    waters = h->second;
  }
  const std::string& unit = anion->second.unit;
  const int g = std::gcd(state, anion->second.charge);
  const int metals = anion->second.charge / g, anions = state / g;
  // A one-atom unit takes its count directly ("FeCl3"); a group is bracketed ("Fe(NO3)3", "Cu(OAc)2").
  const bool atom = unit.size() == 1 || (unit.size() == 2 && is_upper(unit[0]) && is_lower(unit[1]));
  std::string f = metal->second;
  if (metals > 1) f += std::to_string(metals);
  f += anions > 1 && !atom ? "(" + unit + ")" : unit;
  if (anions > 1) f += std::to_string(anions);
  if (waters > 0) f += "·" + (waters > 1 ? std::to_string(waters) : std::string()) + "H2O";
  return f;
}

bool MaterialFinder::is_formula(std::string_view t) const {
  // Most tokens are lower-case words. A formula starts with a capital or a bracket, possibly after a
  // polytype ("2H-", "P2-") or a polymorph letter ("α-": UTF-8 lead byte 0xCE); anything else is
  // rejected before the checks below.
  if (t.empty()) return false;
  if (char c = t[0]; !is_upper(c) && c != '(' && c != '[' && !is_digit(c) && static_cast<unsigned char>(c) != 0xCE &&
                     (static_cast<unsigned char>(c) != 0xF0 || math_greek(t).empty())) {  // (no call mostly)
    return false;
  }
  // Nanostructure abbreviations that parse as formulas (N+Cs, N+P... are not meant). (Compared
  // only for a token of their lengths and first bytes: `t == a` is a call per word.)
  static constexpr std::string_view kNanoAbbreviations[] = {"NCs", "NPs", "NC",  "NP",  "QDs", "NWs",
                                                            "NRs", "NPLs", "NSs", "CNs", "NaNs"};
  static constexpr WordShape kNanoShape(kNanoAbbreviations);
  if (kNanoShape.may_be(t) &&
      std::find(std::begin(kNanoAbbreviations), std::end(kNanoAbbreviations), t) != std::end(kNanoAbbreviations)) {
    return false;
  }
  // Plural acronyms read as formulas ending in Cs: "SOFCs" (S-O-F-Cs), "PCFCs".
  if (t.ends_with("Cs") && not_acronyms_.count(t)) return false;
  // The same with reference numbers glued on: "SOFCs1213", "PCFC4041424344".
  if (is_digit(t.back()) && is_upper(t[0])) {
    size_t e = t.find_last_not_of("0123456789");
    if (e != std::string_view::npos && e >= 2 && not_acronyms_.count(t.substr(0, e + 1))) return false;
  }
  // "(Hamamatsu C9920)", "CCDC 1234567": no element is counted in thousands, so a run of four or more
  // digits (not after a decimal point: "Ba0.9500") is a model or a record number.
  for (size_t k = 1, run = 0; k < t.size(); ++k) {
    run = is_digit(t[k]) ? run + 1 : 0;
    if (run == 4 && t[k - 4] != '.') return false;
  }
  if (zero_count(t)) return false;
  // Polymorph prefixes: "α-Fe2O3", "β-Fe(O)OH", "γ-Al2O3", "𝛼-Fe2O3". (Each starts with a
  // non-ASCII lead byte: no call for the rest.)
  if (static_cast<unsigned char>(t[0]) >= 0x80) t.remove_prefix(polymorph_prefix(t, Polymorph::kFormula).size);
  // Polytype prefixes of layered compounds: "P2-Na2/3Ni1/3Mn2/3O2", "O3-NaFeO2", "1T-MoS2", "2H-WSe2".
  if (t.size() > 5 && t[2] == '-' &&
      ((is_digit(t[0]) && (t[1] == 'T' || t[1] == 'H' || t[1] == 'R')) ||
       ((t[0] == 'P' || t[0] == 'O') && is_digit(t[1])))) {
    std::string_view rest = t.substr(3);
    int rest_elements = 0;
    if (formula_prefix(rest, 0, &rest_elements, 0) == rest.size() && rest_elements >= 2) t = rest;
  }
  if (t.empty() || !(is_upper(t[0]) || t[0] == '(' || t[0] == '[')) return false;
  // A physical state written on the formula: "HNO3(aq)", "KMnO4(s)".
  if (t.back() == ')') {
    for (std::string_view st : {"(aq)"sv, "(s)"sv, "(l)"sv, "(g)"sv}) {
      if (t.size() > st.size() + 1 && has_suffix(t, st)) {
        t.remove_suffix(st.size());
        break;
      }
    }
  }
  int elements = 0, placeholders = 0;
  size_t p = formula_prefix(t, 0, &elements, 0, &placeholders);
  if (p == 0 || elements == 0) return false;
  std::string_view head = t.substr(0, p);
  // Hydrates and composites: "·2H2O", ".6H2O", "*H2O", "/C", "@SiO2".
  while (p < t.size()) {
    size_t sep = 0;
    // "[?]" is how the MSP texts (and many PDF conversions) render an unknown middle dot.
    for (std::string_view d : {"·"sv, "•"sv, "∙"sv, "⋅"sv, "."sv, "*"sv, "/"sv, "@"sv, "[?]"sv}) {
      if (t.substr(p).starts_with(d)) {
        sep = d.size();
        break;
      }
    }
    // Oxygen deficiency "FeO3-δ" / "O3−δ".
    if (!sep) {
      size_t d = dash_len(t, p);
      if (!d && t[p] == '+') d = 1;  // oxygen excess: "PrBaMn2O5+δ", "La2NiO4+δ"
      if (d && t.substr(p + d).starts_with("δ")) {
        p += d + std::strlen("δ");
        continue;
      }
      // "Ti3C2Tx", "Nb2CTx": the surface terminations of an MXene written as Tx (review 13, D23).
      if (elements >= 2 && (t.substr(p) == "Tx" || t.substr(p) == "Tz")) {
        p = t.size();
        continue;
      }
      // "La0.8Sr0.2Ga0.8Mg0.2O3−d": δ written as a d at the end of the formula.
      if (d && p + d + 1 == t.size() && t[p + d] == 'd' && is_digit(t[p - 1])) {
        p += d + 1;
        continue;
      }
      return false;
    }
    size_t q = p + sep;
    // Hydrate counts: "·6H2O", "*0.5H2O", "·xH2O".
    while (q < t.size() && (is_digit(t[q]) || t[q] == 'x' || t[q] == 'n' ||
                            (t[q] == '.' && q > p + sep && q + 1 < t.size() && is_digit(t[q + 1])))) {
      ++q;
    }
    int more = 0;
    size_t e = formula_prefix(t, q, &more, 0);
    if (e == q) return false;
    // "P1.In the second method": a full stop, no space and a capitalised word that reads as one
    // element without a count end the token, not a salt's adduct ("LiOH.H2O", "CaCl2.2H2O"): two
    // sentences glued by the text conversion (s18-bugs).
    if (t[p] == '.' && q == p + 1 && more == 1 && e == t.size() &&
        t.substr(q).find_first_of("0123456789") == std::string_view::npos) {
      return false;
    }
    elements += more;
    p = e;
  }
  bool has_lower = false, has_digit = false;
  for (char c : t) {
    has_lower |= is_lower(c);
    has_digit |= is_digit(c);
  }
  // All-capital words without digits are acronyms (UV, ICP, AMP) far more often than formulas;
  // the real ones (HF, KOH, KBr) are in materials.tsv.
  if (!has_lower && !has_digit) return false;
  // Placeholder formulas need real elements besides: "Ln2O3" and "M(OH)2" are formulas, "M1",
  // "X2" and "MC2" (sample labels) are not.
  if (placeholders) return elements >= ((placeholders & kOtherPlaceholder) ? 2 : 1);
  if (elements >= 2) return true;
  // "On", "By", "Hz" read as an element with a variable count are words and units, not formulas.
  if (head.size() == 2 && !has_digit && t.size() == 2 && symbols_.count(t)) {
    for (auto a : kAmbiguousSymbols) {
      if (t == a) return false;
    }
    return true;
  }
  if (has_digit) {
    bool one_letter = head.size() >= 1 && !(head.size() >= 2 && is_lower(head[1]));
    if (!one_letter) return true;
    for (auto m : kSmallMolecules) {
      if (t == m) return true;
    }
    // "S2", "C3", "B1": sample and panel labels.
    size_t digits = 0;
    for (char c : t) digits += is_digit(c);
    return digits >= 2 && t.size() > 3;
  }
  return false;
}

bool MaterialFinder::salt_formula(std::string_view t) const {
  // Hydrates ("FeCl2*4H2O", "Zn(NO3)2·6H2O") and oxo-anion or acetate salts ("Cu(NO3)2", "SrCO3",
  // "CH3COOLi") are reagents far more often than products.
  for (std::string_view g :
       {"H2O"sv, "NO3"sv, "CO3"sv, "SO4"sv, "PO4"sv, "CH3COO"sv, "OAc"sv, "acac"sv, "C2O4"sv, "(OH)"sv}) {
    if (t.find(g) != std::string_view::npos && t != g) return true;
  }
  // Binary halides ("PbBr2", "NiCl2", "SbCl3"); ternary halides are often the perovskite products.
  int elements = 0;
  size_t p = formula_prefix(t, 0, &elements, 0);
  if (p == t.size() && elements == 2) {
    for (std::string_view x : {"Cl"sv, "Br"sv, "I"sv}) {
      size_t at = t.find(x);
      if (at != std::string_view::npos && at > 0) return true;
    }
  }
  return false;
}

// "10Sc1CeSZ", "10ScSZ", "1Ce10ScSZ", "8Yb2YSZ": zirconia stabilised by mol-% shares of one or more
// oxides, written as amounts and element symbols before "SZ" ("10ScSZ" is mixed-case, so the
// all-capital "8YSZ" rule does not read it).
// "BZCYYb", "BZCYYb4411", "CoMOF", "CuBTC", "LiTFSI": an acronym whose lower-case letters only complete
// element symbols (Yb, Co, Cu, Li) besides two or more capitals of their own, with an optional
// composition code; "HeLa" (symbols only), "PhD" and "LaMer" (no symbol) are not.
// Whether an element symbol is a nonmetal: H, the noble gases, B, C, N, O, the halogens, Si, P, S,
// Se, Te, As. One table for is_composite() (a metal part makes "Ge-Sb-Te" a composite) and
// starts_new_formula() (a metal after a halide or chalcogen begins another compound): Ge and Sb
// are cations in their compounds (GeO2, Sb2S3), At and Rn a halogen and a noble gas (s11-tidy;
// the two tables differed on these four, and either choice left real-dev byte-identical).
static bool nonmetal_symbol(std::string_view symbol) {
  static constexpr std::string_view kNonMetals[] = {"H",  "He", "B",  "C",  "N",  "O",  "F",  "Ne",
                                                    "Si", "P",  "S",  "Cl", "Ar", "Se", "Br", "Kr",
                                                    "I",  "Xe", "Te", "As", "At", "Rn"};
  for (std::string_view nonmetal : kNonMetals) {
    if (symbol == nonmetal) return true;
  }
  return false;
}

// "2−x", "2-x", "1+δ": a count with a variable part written apart, as in the glued "Cu2−xS".
static bool variable_count(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && d < 2 && is_digit(w[d])) ++d;
  if (d == 0 || d == w.size()) return false;
  const size_t sign = w[d] == '+' ? 1 : dash_len(w, d);
  if (!sign || d + sign >= w.size()) return false;
  std::string_view v = w.substr(d + sign);
  return v == "x" || v == "y" || v == "\u03b4";
}

static bool mixed_case_acronym(std::string_view t, const ElementSymbols& symbols) {
  // "AlPO-5", "AlPO-11": an aluminophosphate framework code's number after a hyphen (review 17a, M14).
  if (const size_t dash = t.rfind('-'); dash != std::string_view::npos && dash + 1 < t.size() && t.size() - dash <= 4 &&
                                        std::all_of(t.begin() + static_cast<std::ptrdiff_t>(dash) + 1, t.end(), is_digit)) {
    t = t.substr(0, dash);
  }
  if (t.size() < 4 || t.size() > 14 || !is_upper(t[0])) return false;
  // Three capitals at least (two of its own and one of a symbol): most capitalised words have one.
  int capitals = 0;
  for (char c : t) capitals += is_upper(c);
  if (capitals < 3) return false;
  size_t digits = t.size();
  while (digits > 0 && is_digit(t[digits - 1])) --digits;
  if (t.size() - digits > 4) return false;
  std::string_view letters = t.substr(0, digits);
  // "SLFCs", "SOFCs1213", "MEAs": a plural, left to the acronym rule and its exclusions (not Cs, Os).
  if (letters.empty() || letters.back() == 's') return false;
  size_t own = 0, lower = 0;
  for (size_t k = 0; k < letters.size(); ++k) {
    if (!is_alpha(letters[k])) return false;
    if (k + 1 < letters.size() && is_lower(letters[k + 1])) {
      if (!is_upper(letters[k]) || !symbols.count(letters.substr(k, 2))) return false;
      ++lower;
      ++k;
    } else if (is_upper(letters[k])) {
      ++own;
    } else {
      return false;
    }
  }
  return lower >= 1 && own >= 2;
}

static bool codoped_zirconia(std::string_view t, const ElementSymbols& symbols) {
  std::string_view body = t.substr(0, t.size() - 2);
  size_t k = 0, dopants = 0;
  while (k < body.size()) {
    size_t d = k;
    while (d < body.size() && is_digit(body[d])) ++d;
    if (d == body.size() || !is_upper(body[d])) return false;
    size_t len = d + 1 < body.size() && is_lower(body[d + 1]) ? 2 : 1;
    if (!symbols.count(body.substr(d, len))) return false;
    if (k == 0 && d == 0) return false;  // the first oxide has its share
    k = d + len;
    ++dopants;
  }
  return dopants >= 1;
}

// "6Al", "4V", "20Cr", "0.5Mg": the share of an alloying element after the base metal in an alloy's
// composition notation ("Ti-6Al-4V", "Al-4Cu", "Ni-20Cr"; review 17c, C8): a number then one
// symbol of a solid element (not "2O", "3H").
static bool alloy_share(std::string_view part, const ElementSymbols& symbols) {
  size_t d = 0;
  while (d < part.size() && (is_digit(part[d]) || (d > 0 && part[d] == '.'))) ++d;
  if (d == 0 || d > 4 || part.size() - d > 2 || part.size() == d || !is_upper(part[d])) return false;
  std::string_view symbol = part.substr(d);
  return symbols.count(symbol) && (!nonmetal_symbol(symbol) || symbol == "Si" || symbol == "B" || symbol == "C");
}

// A lower-case part of a hyphenated composite that is no formula or acronym: a ceramic listed with a
// formula ("Cu-ceria-YSZ", "Ni-zirconia"), or the class word "oxide" after the metals or the
// acronym it names ("Sr-Fe-Mo-oxide", "SFM-oxide"). `index` counts the parts before this one.
bool MaterialFinder::is_composite(std::string_view t) const {
  auto composite_name_part = [&](std::string_view part, size_t index, bool last) {
    if (part.size() < 5 || !is_lower(part[0])) return false;
    if (last && index >= 1 && (part == "oxide" || part == "oxides")) return true;
    // "SDC–carbonate", "LSCF–SDC–carbonate": the molten-carbonate phase of a composite electrolyte
    // named by its class (review 17d, D13; SOFC-Exp spans word parts whole: "Cu-ceria-YSZ").
    if (index >= 1 && (part == "carbonate" || part == "carbonates")) return true;
    // "nickel–YSZ", "nickel-GDC": a metal named in words as the metal phase of a cermet (another part
    // must be strong: "copper-zinc" alone is no composite).
    if (element_names_.count(part)) return true;
    auto it = single_words_.find(part);
    return it != single_words_.end() && !entries_[it->second].formula.empty();
  };
  // Parts are joined by '-', '+' or a Unicode dash (lead byte 0xE2), and no composite runs past 60
  // bytes (see below): most tokens have no such byte, and one loop over them skips the lookups.
  // Its two flags also answer the Unicode-dash and '-'/'+' tests below (three find() calls before).
  bool plain = false, unicode = false;  // a '-' or '+'; a 0xE2 byte
  for (char c : t) {
    plain |= c == '-' || c == '+';
    unicode |= c == '\xE2';
  }
  if (!(plain || unicode) || t.size() > 60) return false;
  // "I-V" (curves) is listed in acronyms.tsv, not the composite of iodine and vanadium.
  if (not_acronyms_.count(t)) return false;
  // "LSM–YSZ", "NiO–YSZ": composites are written with an en dash as often as with a hyphen (the
  // Unicode hyphens of PDF text, "NiO‐YSZ", reach here as '-': repair.h). The minus sign stays: it
  // is the sign of δ ("O3−d-10GDC").
  auto joining_dash = [](std::string_view s, size_t k) {
    return s.substr(k, 2) == "\xE2\x80" && k + 2 < s.size() && s[k + 2] == '\x93';
  };
  if (unicode) {
    std::string h;
    bool any = false;
    for (size_t k = 0; k < t.size();) {
      bool dash = joining_dash(t, k);
      any |= dash;
      h += dash ? '-' : t[k];
      k += dash ? 3 : 1;
    }
    if (any) return is_composite(h);
  }
  // "La0.6Sr0.4Co0.2Fe0.8O3-δ-Ce0.9Gd0.1O1.95": two doped oxides written out run past 40 bytes.
  // "Ti+Pt", "Ni+SDC": a plus sign joins the parts of a composite as a hyphen does; a charge ("Ce3+",
  // "Fe2+/Fe3+") leaves an empty part and is none.
  if (!plain) return false;
  size_t parts = 0, from = 0;
  bool strong = false, previous_acronym = false;
  // "lithium–O2 batteries": a metal named in words joined only to a gas names a battery chemistry;
  // the other part must be a solid (review 8b, R10).
  bool written_metal = false, solid = false;
  while (from <= t.size()) {
    size_t to = t.find_first_of("-@/+", from);
    std::string_view part = t.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
    if (part.empty()) return false;
    // "Ba0.5Sr0.5Co0.8Fe0.2O3-δ-YSZ": the oxygen deficiency of the formula before.
    if (part == "δ" && parts > 0) {
      if (to == std::string_view::npos) break;
      from = to + 1;
      continue;
    }
    bool digits = true;
    for (char c : part) digits &= is_digit(c);
    if (digits) {
      // "SBA-15", "MCM-41": a number belongs to the acronym before it.
      if (!previous_acronym) return false;
      previous_acronym = false;
    } else if (part.size() <= 2 && symbols_.count(part)) {
      const bool metal = !nonmetal_symbol(part);
      strong |= metal;
      solid |= metal;
      previous_acronym = false;
    } else if (is_formula(part)) {
      strong = true;
      solid |= !is_gas_formula(part);
      previous_acronym = false;
    } else if (parts > 0 && alloy_share(part, symbols_)) {
      strong = true;
      solid = true;
      previous_acronym = false;
    } else if (part.size() >= 3 && (part[0] == 'x' || part[0] == 'y' || part[0] == 'z') && is_upper(part[1]) &&
               is_formula(part.substr(1))) {
      // "Au-xCeO2@SBA-15", "xNi-yCo": a loading written as a variable before a formula part.
      strong = true;
      solid = true;
      previous_acronym = false;
    } else if (is_material_acronym(part)) {
      strong |= part.size() >= 3;
      solid = true;
      previous_acronym = true;
    } else if (part.size() >= 3 && single_words_cs_.count(part)) {
      // "Ni-ScSZ": a mixed-case abbreviation listed in materials.tsv.
      solid = true;
      previous_acronym = false;
    } else if (composite_name_part(part, parts, to == std::string_view::npos)) {
      if (element_names_.count(part)) {
        written_metal = true;
      } else {
        solid = true;
      }
      previous_acronym = false;
    } else {
      return false;
    }
    ++parts;
    if (to == std::string_view::npos) break;
    from = to + 1;
  }
  return parts >= 2 && strong && (!written_metal || solid);
}

bool MaterialFinder::is_material_acronym(std::string_view t) const {
  if (t.size() >= 5 && is_digit(t[0]) && t.ends_with("SZ") && codoped_zirconia(t, symbols_)) return true;
  if (t.size() >= 4 && is_upper(t[0]) && mixed_case_acronym(t, symbols_)) return !not_acronyms_.count(t);
  // A mol-% prefix on a ceramic's acronym: "8YSZ", "3YSZ", "10CGO", "20GDC".
  if (t.size() >= 4 && is_digit(t[0])) {
    size_t d = is_digit(t[1]) ? 2 : 1;
    std::string_view rest = t.substr(d);
    int upper = 0;
    for (char c : rest) upper += is_upper(c);
    return rest.size() >= 3 && upper == static_cast<int>(rest.size()) && is_material_acronym(rest);
  }
  if (t.size() < 2 || t.size() > 14 || !is_upper(t[0])) return false;
  std::string_view core = t.ends_with('s') ? t.substr(0, t.size() - 1) : t;
  int upper = 0;
  size_t part = 0;  // length of the current hyphen-separated part
  for (size_t k = 0; k < core.size(); ++k) {
    char c = core[k];
    if (is_upper(c)) {
      ++upper;
    } else if (c == '-') {
      if (k == 0 || k + 1 == core.size()) return false;
      part = 0;
      continue;
    } else if (!is_digit(c)) {
      return false;
    }
    // Instrument models ("JSM-6340F", "JEM-2100F") have long digit-letter parts after a hyphen.
    if (++part > 4 && core.find('-') != std::string_view::npos && core.find('-') < k) return false;
  }
  if (upper < 2) return false;
  if (not_acronyms_.count(t) || not_acronyms_.count(core)) return false;
  // "H2-TPR", "NH3-TPD", "CO-DRIFTS": a probe gas and a listed technique (rules-8).
  if (size_t dash = core.rfind('-'); dash != std::string_view::npos && not_acronyms_.count(core.substr(dash + 1))) {
    return false;
  }
  if (is_digit(core.back())) {  // "SOFCs19", "PCFCs8910": a listed acronym and reference numbers
    size_t e = core.find_last_not_of("0123456789");
    if (e != std::string_view::npos && e >= 2 && not_acronyms_.count(core.substr(0, e + 1))) return false;
  }
  // Roman numerals ("XII"), and acronyms that end in digits only after one letter ("P2", "S1").
  bool roman = true;
  for (char c : core) roman &= c == 'I' || c == 'V' || c == 'X';
  return !roman;
}

MaterialFinder::WordClass MaterialFinder::classify(std::string_view w) const {
  size_t h = StringHash{}(w);
  size_t h_but_last = w.empty() ? h : StringHash{}(w.substr(0, w.size() - 1));
  return classify(w, h, h_but_last);
}

bool MaterialFinder::is_anion_word(std::string_view folded) const {
  auto it = words_.find(folded);
  return it != words_.end() && it->second == kAnion;
}

MaterialFinder::WordClass MaterialFinder::classify(std::string_view w, size_t h, size_t h_but_last) const {
  auto it = class_filter_.maybe_hash(h) ? words_.find_hashed(w, h) : words_.end();
  if (it == words_.end() && w.size() > 3 && w.back() == 's' && class_filter_.maybe_hash(h_but_last)) {
    it = words_.find_hashed(w.substr(0, w.size() - 1), h_but_last);
  }
  if (it != words_.end()) return it->second;
  // "iron(iii)", "tungsten(iv)": element name with oxidation state.
  std::string_view base = w;
  // The closing bracket is tested first: find() is a memchr call, and most words have no bracket.
  size_t paren = !w.empty() && w.back() == ')' ? w.find('(') : std::string_view::npos;
  if (paren != std::string_view::npos && is_roman(w.substr(paren + 1, w.size() - paren - 2))) {
    base = w.substr(0, paren);
  }
  if ((base.size() == w.size() ? class_filter_.maybe_hash(h) : class_filter_.maybe(base)) && element_names_.count(base)) {
    return kElement;
  }
  if (w.size() < 5) return kNone;
  // "hexachloroplatinate(iv)", "hexacyanoferrate(iii)": a metallate anion with its oxidation state.
  if (base.size() < w.size() && base.size() >= 6 && (has_suffix(base, "ate"sv) || has_suffix(base, "ite"sv))) {
    return kAnion;
  }
  // "tetraammineplatinum(ii)", "hexaamminecobalt(iii)", "diamminesilver": a metal with its ammine
  // ligands counted, the cation of a common catalyst precursor salt.
  if (w.size() >= 11 && (w[0] == 'd' || w[0] == 't' || w[0] == 'h' || w[0] == 'p')) {
    if (size_t a = w.find("ammine"sv); a != std::string_view::npos && a >= 2 && a <= 5) {
      std::string_view metal = base.substr(std::min(a + 6, base.size()));
      if (element_names_.count(metal)) return kCation;
    }
    // "trimethylaluminum", "diethylzinc", "tetraethyllead": a metal alkyl (ALD and MOCVD precursors).
    for (std::string_view alkyl : {"methyl"sv, "ethyl"sv, "butyl"sv, "phenyl"sv}) {
      size_t a = w.find(alkyl);
      if (a < 2 || a > 5) continue;
      if (element_names_.count(w.substr(a + alkyl.size()))) return kOrganic;
      break;
    }
  }
  // A locant set written apart from its name: "2,2':6,2'' terpyridine".
  if (is_digit(w[0]) && w.find('\'') != std::string_view::npos && w.find(',') != std::string_view::npos &&
      w.find_first_not_of("0123456789,':") == std::string_view::npos) {
    return kPart;
  }
  // "tetramethylammonium", "phenethylammonium": a substituted ammonium ion (rules-8).
  // "tetrakis(hydroxymethyl)phosphonium", "tetraphenylphosphonium": the same for phosphonium.
  if (w.size() > 10 && w.back() == 'm' && (has_suffix(w, "ammonium") || has_suffix(w, "phosphonium"))) return kCation;
  // A multiplied ligand in brackets: "cadmium bis(diethyldithiocarbamate)", "zinc
  // bis(2-ethylhexanoate)" are salts, "sodium bis(2-ethylhexyl) sulfosuccinate" a name part.
  if (w.back() == ')') {
    for (std::string_view prefix : {"bis("sv, "tris("sv, "tetrakis("sv}) {
      if (!w.starts_with(prefix) || w.size() < prefix.size() + 5) continue;
      std::string_view inner = w.substr(prefix.size(), w.size() - prefix.size() - 1);
      if (inner.find_first_of("() ") != std::string_view::npos) break;  // nested: left to the suffix rules
      if (has_suffix(inner, "ate") || has_suffix(inner, "ite") || has_suffix(inner, "ide")) return kAnion;
      if (has_suffix(inner, "yl")) return kPart;
      break;
    }
  }
  // Every suffix rule below ends in one of these letters; most English words are rejected here.
  char last = w.back();
  if (last != 'e' && last != 's' && last != 'l' && last != 'r' && last != 'c' && !is_digit(w[0])) return kNone;
  bool hyphen = false, colon = false;  // (a '-' or ':' in w: no find() call below when there is none)
  for (char c : w) {
    hyphen |= c == '-';
    colon |= c == ':';
    // Chemical words are letters, digits, hyphens, commas (locants) and brackets only.
    if (!(is_lower(c) || is_digit(c) || c == '-' || c == ',' || c == '(' || c == ')' || c == '\'' || c == ':' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      return kNone;
    }
  }
  // "crude:ethyl acetate = 1:3", "sample:acetone": a colon after a plain word is a ratio's, no
  // locant set ("2,2':6,2''" has digits before it); the token builds no name (review 15a, A31).
  if (size_t at = colon ? w.find(':') : std::string_view::npos;
      at != std::string_view::npos && at >= 2 && std::all_of(w.begin(), w.begin() + at, [](char c) { return is_lower(c); })) {
    return kNone;
  }
  // Locants: "1-dodecanethiol", "1,10-phenanthroline", "n-hexane".
  // Not a postal code or a page range ("151-742", "44106-7204"): a name has letters after the locant.
  bool locant = is_digit(w[0]) && hyphen &&
                w.find_first_not_of("0123456789-") != std::string_view::npos;
  // "3School of Engineering": an affiliation mark glued to an English word.
  if (is_digit(w[0]) && !locant && w.find(',') == std::string_view::npos) {
    size_t d = w.find_first_not_of("0123456789");
    if (d == std::string_view::npos) return kNone;
    if (auto st = words_.find(w.substr(d)); st != words_.end() && st->second == kStop) return kStop;
  }
  // "in-plane", "mono-crystalline", "across-plane": a compound whose last part is an English word
  // listed as a stop word is one too (rules-8).
  if (size_t hy = hyphen ? w.rfind('-') : std::string_view::npos; hy != std::string_view::npos && hy + 3 < w.size()) {
    if (auto st = words_.find(w.substr(hy + 1)); st != words_.end() && st->second == kStop) return kStop;
  }
  if (has_suffix(w, "ide") || has_suffix(w, "ides")) return w.size() >= 6 ? kAnion : kNone;
  if (has_suffix(w, "ate") || has_suffix(w, "ates") || has_suffix(w, "ite") || has_suffix(w, "ites")) {
    // "polymethylmethacrylate", "polyacrylate": a polymer of an ester is a material by itself.
    if (w.size() >= 10 && w.starts_with("poly") && !locant) return kOrganic;
    return locant ? kAnion : kNone;  // weak: only after a cation word (see find())
  }
  // Static tables: a braced list here is rebuilt (with a strlen per entry) on every call. The
  // suffixes "ol", "ols", "ene", "enes", "ane", "anes", "yne", "amine", "amines", "amide", "thiol",
  // "thiols", "phosphine", "one", "ones", "ine", "ines", "ether", "aldehyde", "aldehydes", one table
  // per last byte, in that order (suffixes with different last bytes never both match; "ine" and
  // "ines" come after "amine", "amines" and "phosphine", which they end).
  static constexpr std::string_view kOrganicE[] = {"ene", "ane", "yne", "amine", "amide", "phosphine", "one", "ine",
                                                   "aldehyde"};
  // ("thiol" and "thiols" end in "ol" and "ols", which come first.)
  static constexpr std::string_view kOrganicS[] = {"ols", "enes", "anes", "amines", "ones", "ines", "aldehydes"};
  static constexpr std::string_view kOrganicL[] = {"ol"};
  static constexpr std::string_view kOrganicR[] = {"ether"};
  const std::span<const std::string_view> organic = last == 'e'   ? std::span(kOrganicE)
                                                    : last == 's' ? std::span(kOrganicS)
                                                    : last == 'l' ? std::span(kOrganicL)
                                                    : last == 'r' ? std::span(kOrganicR)
                                                                  : std::span<const std::string_view>();
  for (std::string_view suf : organic) {
    if (has_suffix(w, suf)) {
      if ((suf == "ine" || suf == "ines") && w.size() < 7) return kNone;
      return kOrganic;
    }
  }
  // Heterocycles: "pyrrole", "imidazole", "thiazole", "carbazole" (short "-ole" words are English).
  // ("pinhole", "electron-hole" and "loophole" end in the English word "hole".)
  if (w.size() >= 7 && has_suffix(w, "ole") && w != "console" && !has_suffix(w, "hole")) return kOrganic;
  if (locant) return kOrganic;
  // Name parts that cannot end a name: "dodecyl", "carboxylic", "isobutyl".
  if (has_suffix(w, "yl") || has_suffix(w, "ic")) return kPart;
  return kNone;
}

namespace {

// Whether the mention [b, e) of `text` stands in a written reaction equation: a "+" or an arrow (→,
// ->, ⇌, or " - " between phase-tagged species) right before it (over a stoichiometric coefficient) or
// right after it (over a phase tag "(s)", "(aq)", "(l)", "(g)"), and an arrow or a phase tag within
// the same sentence nearby.
bool equation_species(std::string_view text, size_t b, size_t e) {
  auto phase_tag = [](std::string_view s) {
    for (std::string_view tag : {"(s)"sv, "(aq)"sv, "(l)"sv, "(g)"sv, "( s )"sv, "( aq )"sv, "( l )"sv, "( g )"sv}) {
      if (s.starts_with(tag)) return tag.size();
    }
    return size_t{0};
  };
  // The marks that join species, read after the mention (starts_with) and before it (ends_with).
  static constexpr std::string_view kJoins[] = {"+"sv, "→"sv, "->"sv, "⇌"sv};
  auto arrow = [](std::string_view s) {
    return std::any_of(std::begin(kJoins), std::end(kJoins), [&](std::string_view j) { return s.starts_with(j); });
  };
  size_t a = e;
  while (a < text.size() && text[a] == ' ') ++a;
  const size_t tag = phase_tag(text.substr(a));
  if (tag) {
    a += tag;
    while (a < text.size() && text[a] == ' ') ++a;
  }
  std::string_view after = text.substr(a);
  bool joined = arrow(after) || (tag && after.starts_with("- "sv));
  if (!joined) {
    size_t p = b;
    while (p > 0 && text[p - 1] == ' ') --p;
    while (p > 0 && (is_digit(text[p - 1]) || text[p - 1] == '.')) --p;  // "2KMnO4", "0.2H2"
    while (p > 0 && text[p - 1] == ' ') --p;
    std::string_view before = text.substr(0, p);
    // " -" counts after a phase tag only: "(aq) -" has the tag's ')' in its last 5 bytes.
    joined = std::any_of(std::begin(kJoins), std::end(kJoins), [&](std::string_view j) { return before.ends_with(j); }) ||
             (before.ends_with(" -"sv) && before.size() >= 5 &&
              before.substr(before.size() - 5).find(')') != std::string_view::npos);
  }
  if (!joined) return false;
  // The equation's own marks, searched in the sentence around the mention (up to 80 bytes each side).
  // The sentence ends are looked for inside that window only: searched through the whole text, a
  // paragraph of equations without ". " cost time quadratic in its length (session 11 check).
  size_t from = b > 80 ? b - 80 : 0, to = std::min(text.size(), e + 80);
  if (size_t dot = text.substr(from, b + 2 - from).rfind(". "sv); dot != std::string_view::npos) from += dot + 2;
  if (size_t dot = text.substr(e, to + 1 - e).find(". "sv); dot != std::string_view::npos) to = e + dot;
  std::string_view window = text.substr(from, to - from);
  return window.find("→"sv) != std::string_view::npos || window.find("->"sv) != std::string_view::npos ||
         window.find("⇌"sv) != std::string_view::npos || window.find("(aq)"sv) != std::string_view::npos ||
         window.find("(s) "sv) != std::string_view::npos || window.find("( s )"sv) != std::string_view::npos;
}

// The class noun "zeolite(s)" right after a named zeolite ("HZSM-5 zeolite", "HZSM-5 (Si/Al = 50)
// zeolite") is part of that name: dropped from `out` when another non-empty mention ends right before
// it, over spaces and a short bracket. The mentions ending at each byte are counted once (dropped
// nouns leave the count as they go): asking every mention for every noun, and erasing one at a time,
// was quadratic in a paragraph of many (session 11 check).
[[gnu::noinline]] void drop_named_zeolite_nouns(std::string_view text, std::vector<MaterialMention>& out) {
  auto noun = [](const MaterialMention& m) { return m.normalized == "zeolite" && m.first_token == m.last_token; };
  if (std::none_of(out.begin(), out.end(), noun)) return;
  std::unordered_map<size_t, size_t> ending;  // byte → non-empty mentions that end there
  for (const MaterialMention& o : out) {
    if (o.begin < o.end) ++ending[o.end];
  }
  std::vector<uint8_t> drop(out.size(), 0);
  for (size_t k = 0; k < out.size(); ++k) {
    if (!noun(out[k])) continue;
    std::string_view before = text.substr(0, out[k].begin);
    before = trim_right(before);
    if (!before.empty() && before.back() == ')') {  // a bracketed Si/Al ratio between name and noun
      // At most 30 bytes: "(Si/Al = 50)" is 12; a longer bracket is an aside of its own.
      const size_t start = before.size() - std::min<size_t>(before.size(), 30);
      const size_t open = before.substr(start).rfind('(');
      if (open == std::string_view::npos) continue;
      before = before.substr(0, start + open);
      before = trim_right(before);
    }
    // The noun itself ends after `before` (it starts at or after its end): never counted here.
    auto it = ending.find(before.size());
    if (it == ending.end() || it->second == 0) continue;
    drop[k] = 1;
    if (out[k].begin < out[k].end) --ending[out[k].end];
  }
  erase_flagged(out, drop);
}

// Whether the bytes between tokens a and a+1 are spaces only.
bool spaced_pair(const TokenView& view, size_t a) {
  for (size_t k = view.tokens[a].end; k < view.tokens[a + 1].begin;) {
    size_t s = space_len(view.text, k);
    if (!s) return false;
    k += s;
  }
  return true;
}


// Length of the subscript digit (U+2080..U+2089, E2 82 80..89) at `pos`, else 0.
inline size_t subscript_digit(std::string_view s, size_t pos) {
  return pos + 2 < s.size() && s[pos] == '\xE2' && s[pos + 1] == '\x82' &&
                 static_cast<unsigned char>(s[pos + 2]) >= 0x80 && static_cast<unsigned char>(s[pos + 2]) <= 0x89
             ? 3
             : 0;
}

// "OD600", "OD₃₅₀": an optical density at a wavelength, not a paper's acronym for a material (review
// 14a, A29).
bool optical_density(std::string_view t) {
  if (t.size() < 4 || t[0] != 'O' || t[1] != 'D') return false;
  for (size_t k = 2; k < t.size();) {
    if (is_digit(t[k])) {
      ++k;
    } else if (size_t sub = subscript_digit(t, k)) {
      k += sub;
    } else {
      return false;
    }
  }
  return true;
}

// Whether the bytes between tokens a and a+1 hold `what`.
inline bool gap_has(const TokenView& view, size_t a, char what) {
  for (size_t k = view.tokens[a].end; k < view.tokens[a + 1].begin; ++k) {
    if (view.text[k] == what) return true;
  }
  return false;
}

// Tokens a and a+1 belong to one name only when separated by spaces alone, or by the brackets
// of an oxidation state written apart: "hafnium (IV) chloride".
inline bool joined_by_space(const TokenView& view, size_t a) {
  for (size_t k = view.tokens[a].end; k < view.tokens[a + 1].begin; ++k) {
    char c = view.text[k];
    if (c == '(' && is_roman(view.raw(a + 1))) continue;
    if (c == ')' && is_roman(view.raw(a))) continue;
    // Primes after a locant set: "2,2':6,2'' terpyridine".
    if (c == '\'' && is_digit(view.text[view.tokens[a].end - 1])) continue;
    if (c != ' ' && space_len(view.text, k) == 0 && (static_cast<unsigned char>(c) & 0xC0) != 0x80) return false;
  }
  return true;
}

}  // namespace

// Session 10: grades of one polymer ("PVP-K30", "PVP-40", "PEG-400") are one material for a
// database; the grade is kept in the mention's text. Out of line: asked only for capitalised tokens
// with a hyphen that match no lexicon phrase.
[[gnu::noinline]] int MaterialFinder::polymer_grade(std::string_view raw) const {
  const size_t d = raw.find('-');
  if (d == std::string_view::npos || d < 2 || d + 2 > raw.size()) return -1;
  std::string_view grade = raw.substr(d + 1);
  if (grade[0] == 'K') grade.remove_prefix(1);
  if (!grade.empty() && grade.back() == 'k') grade.remove_suffix(1);
  if (grade.empty() || grade.size() > 6) return -1;
  for (char c : grade) {
    if (!is_digit(c)) return -1;
  }
  auto it = single_words_cs_.find(raw.substr(0, d));
  if (it == single_words_cs_.end() || !entries_[it->second].normalized.starts_with("poly")) return -1;
  return it->second;
}

[[gnu::noinline]] void MaterialFinder::spaced_polymer_entry(MaterialMention& m) const {
  std::string joined;
  for (char c : m.normalized) {
    if (c != ' ') joined += c;
  }
  auto it = single_words_.find(joined);
  if (it == single_words_.end()) return;
  // The name and formula only: as for a grade ("PVP-K30"), the role comes from the context.
  const Entry& e = entries_[it->second];
  m.normalized = e.normalized;
  m.formula = e.formula;
}

size_t MaterialFinder::spaced_hydrate(const TokenView& view, const std::vector<uint8_t>& blocked, size_t k,
                                      std::string& formula) const {
  // Tokens: the water's dot, count and H ("·2H", or "S·9H" with the last element of the salt),
  // then its "2" and "O", all apart (PDF-flattened subscripts).
  const size_t n = view.tokens.size();
  if (k == 0 || k + 2 >= n || blocked[k] || blocked[k + 1] || blocked[k + 2] || view.raw(k + 2) != "O" ||
      view.raw(k + 1) != "2" || !view.raw(k).ends_with('H')) {
    return 0;
  }
  std::string_view head = view.raw(k);
  size_t dot = std::string_view::npos;
  for (std::string_view d : kHydrateDots) dot = std::min(dot, head.find(d));
  if (dot == std::string_view::npos || !spaced_pair(view, k - 1) || !spaced_pair(view, k) || !spaced_pair(view, k + 1)) {
    return 0;
  }
  std::string longer = formula + std::string(head) + "2O";
  if (!is_formula(longer)) return 0;
  formula = std::move(longer);
  return 3;
}

bool MaterialFinder::spaced_ambiguous_start(const TokenView& view, const std::vector<uint8_t>& blocked,
                                            size_t i) const {
  std::string_view raw = view.raw(i), count = view.raw(i + 1), part = view.raw(i + 2);
  bool ambiguous = false;
  for (auto a : kAmbiguousSymbols) ambiguous |= raw == a;
  if (!ambiguous || !symbols_.count(raw) || blocked[i + 1] || blocked[i + 2] || count.size() > 2 ||
      count.find_first_not_of("0123456789") != std::string_view::npos || part.empty() || part.size() > 4 ||
      !is_upper(part[0]) || !spaced_pair(view, i) || !spaced_pair(view, i + 1)) {
    return false;
  }
  for (char c : part) {
    if (!is_alpha(c)) return false;
  }
  int elements = 0;
  std::string formula = std::string(raw) + std::string(count) + std::string(part);
  return formula_prefix(formula, 0, &elements, 0) == formula.size() && elements >= 2 && is_formula(formula);
}

// Whether token `t` is a spaced count: one or two digits, no leading zero.
bool spaced_count_token(std::string_view t) {
  return !t.empty() && t.size() <= 2 && t[0] != '0' && t.find_first_not_of("0123456789") == std::string_view::npos;
}

// Whether token `t` is a charge written apart ("+", "−", "2−", "3+"): after a formula it makes an ion.
bool spaced_charge_token(std::string_view t) {
  if (!t.empty() && is_digit(t[0]) && t.size() <= 4) t.remove_prefix(1);
  return t == "+" || (!t.empty() && dash_len(t, 0) == t.size());
}

bool MaterialFinder::spaced_binary_start(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const {
  const size_t n = view.tokens.size();
  std::string_view raw = view.raw(i);
  if (raw.size() != 1 || kSpacedBinaryLeads.find(raw[0]) == std::string_view::npos || i + 2 >= n ||
      (i > 0 && is_label_word_before(view, i))) {
    return false;
  }
  std::string formula(raw);
  size_t k = i + 1;  // the anion group's token
  if (!blocked[k] && spaced_pair(view, i) && spaced_count_token(view.raw(k))) {
    formula += view.raw(k);
    ++k;
  }
  if (k + 1 >= n || blocked[k] || blocked[k + 1] || !spaced_pair(view, k - 1) || !spaced_pair(view, k) ||
      !spaced_count_token(view.raw(k + 1))) {
    return false;
  }
  std::string_view anion = view.raw(k);
  if (std::find(std::begin(kSpacedBinaryAnions), std::end(kSpacedBinaryAnions), anion) == std::end(kSpacedBinaryAnions)) {
    return false;
  }
  // The joined formula ends in the anion's count; a charge after it makes an ion ("V O 2 +").
  if (k + 2 < n && spaced_pair(view, k + 1) && spaced_charge_token(view.raw(k + 2))) return false;
  return is_formula(formula + std::string(anion) + std::string(view.raw(k + 1)));
}

bool MaterialFinder::spaced_bare_start(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const {
  const size_t n = view.tokens.size();
  std::string_view raw = view.raw(i);
  if (raw.empty() || raw.size() > 3 || !is_upper(raw[0]) || i + 1 >= n || blocked[i + 1]) return false;
  if (raw.size() == 1 && kSpacedBinaryLeads.find(raw[0]) != std::string_view::npos) {
    return spaced_binary_start(view, blocked, i);
  }
  for (char c : raw) {
    if (!is_alpha(c)) return false;
  }
  std::string_view count = view.raw(i + 1);
  if (count.empty() || count.size() > 2 || count[0] == '0' || count.find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  // (The count before the spacing: most short capitalised tokens have no number after them.)
  if (!spaced_pair(view, i)) return false;
  int elements = 0;
  if (formula_prefix(raw, 0, &elements, 0) != raw.size()) return false;
  std::string formula = std::string(raw) + std::string(count);
  // The spaced-count rule joins from the first count on ("C 3 H 6" stays apart); a charge after the
  // count makes an ion or a defect ("O 2 −", "V O 2 +"), no material.
  if (!is_formula(formula)) return false;
  if (i + 2 < n && spaced_pair(view, i + 1)) {
    std::string_view after = view.raw(i + 2);
    if (after == "+" || after == "-" || after == "\u2212" || after == "\u2013") return false;
  }
  // The next element group, with its own count if it has one: "H 2 O", "H 2 SO 4", "NH 4 F".
  std::string_view part = i + 2 < n && !blocked[i + 2] && spaced_pair(view, i + 1) ? view.raw(i + 2) : std::string_view();
  bool letters = !part.empty() && part.size() <= 3 && is_upper(part[0]);
  for (char c : part) letters &= is_alpha(c);
  if (letters && !starts_new_formula(formula, part)) {
    std::string longer = formula + std::string(part);
    if (is_formula(longer)) return true;
    std::string_view next = i + 3 < n && !blocked[i + 3] && spaced_pair(view, i + 2) ? view.raw(i + 3) : std::string_view();
    if (!next.empty() && next.size() <= 2 && next.find_first_not_of("0123456789") == std::string_view::npos &&
        is_formula(longer + std::string(next))) {
      return true;
    }
  }
  // A one-letter symbol alone is a sample or figure label as often ("sample C 2", "Fig. S 2"): only
  // the diatomic gases; longer groups ("HNO 3", "NH 3") need the formula they make.
  if (raw.size() == 1) {
    return count == "2" && spaced_diatomic_gas(view.text, view.tokens[i].begin) && !(i > 0 && is_label_word_before(view, i));
  }
  return is_formula(formula);
}

size_t MaterialFinder::spaced_last_element(const TokenView& view, const std::vector<uint8_t>& blocked, size_t k,
                                           std::string& formula) const {
  const size_t n = view.tokens.size();
  // The count before may be variable: "Cu 2−x S" (review 16a, A16).
  if (k == 0 || k >= n || blocked[k] || formula.empty() ||
      !(is_digit(formula.back()) || formula.back() == 'x' || formula.back() == 'y')) {
    return 0;
  }
  std::string_view r = view.raw(k);
  if (r.empty() || r.size() > 2 || !is_upper(r[0]) || (r.size() == 2 && !is_lower(r[1])) || !symbols_.count(r)) {
    return 0;
  }
  for (auto a : kAmbiguousSymbols) {
    if (r == a) return 0;
  }
  // "Cs 2 CO 3 I" is no formula; a count after it ("Na 2 S 2") was the caller's to take.
  if (r == "I" || r == "A" || (k + 1 < n && is_digit(view.raw(k + 1)[0]) && spaced_pair(view, k))) return 0;
  if (!spaced_pair(view, k - 1) || starts_new_formula(formula, r)) return 0;
  std::string longer = formula + std::string(r);
  if (!is_formula(longer)) return 0;
  formula = std::move(longer);
  return 1;
}

bool MaterialFinder::starts_new_formula(std::string_view formula, std::string_view part) const {
  if (part.empty() || !is_upper(part[0])) return false;
  // The last element written so far ("Br" in "PbBr2", "O" in "Pb(NO3)2").
  size_t e = formula.size();
  while (e > 0 && !is_alpha(formula[e - 1])) --e;
  size_t b = e;
  while (b > 0 && is_lower(formula[b - 1])) --b;
  if (b == 0 || !is_upper(formula[b - 1])) return false;
  std::string_view last = formula.substr(b - 1, e - b + 1);
  if (last != "F" && last != "Cl" && last != "Br" && last != "I" && last != "O" && last != "S" && last != "Se" &&
      last != "Te") {
    return false;
  }
  // The first element of the part, a metal: a formula lists its cations before its anions, so a
  // metal after a halide or chalcogen begins another compound.
  std::string_view first = part.size() >= 2 && is_lower(part[1]) && symbols_.count(part.substr(0, 2))
                               ? part.substr(0, 2)
                               : part.substr(0, 1);
  return symbols_.count(first) && !nonmetal_symbol(first);
}

size_t MaterialFinder::spaced_bracket(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i,
                                      std::string& formula, size_t* lead) const {
  // Tokens and the bytes between them are read into one string: a gap may hold spaces, a ')' and
  // a '(' glued to the next token ("Pb(NO 3 ) 2", "Ca 3 (PO 4 ) 2"); a token holds letters, digits
  // and brackets. A count (one or two digits) never follows a count ("Co ( H 2 O ) 6 2 +" is an
  // ion written apart). At most ten tokens are read: the cost stays bounded on long runs.
  const std::string_view text = view.text;
  const size_t n = view.tokens.size();
  std::string f;
  int depth = 0;
  bool bracket = false;
  auto take = [&](std::string_view t) {
    for (char c : t) {
      if (c == '(') {
        ++depth;
        bracket = true;
      } else if (c == ')') {
        if (--depth < 0) return false;
        bracket = true;
      } else if (!is_alnum(c)) {
        return false;
      }
    }
    f += t;
    return true;
  };
  *lead = 0;
  size_t opened = 0;
  const size_t b0 = view.tokens[i].begin;
  if (b0 > 0 && text[b0 - 1] == '(' && (b0 == 1 || text[b0 - 2] == ' ')) {
    f = "(";
    depth = 1;
    bracket = true;
    opened = 1;
  }
  std::string_view raw = view.raw(i);
  if (raw.empty() || !is_upper(raw[0]) || !take(raw)) return 0;
  bool count_before = false;
  int counts = 0;
  size_t best = 0;
  std::string best_formula;
  for (size_t k = i + 1; k < n && k < i + 10 && !blocked[k]; ++k) {
    bool ok = true;
    for (size_t p = view.tokens[k - 1].end; ok && p < view.tokens[k].begin;) {
      if (text[p] == ')') {
        ok = take(")");
        count_before = false;
        ++p;
      } else if (text[p] == '(' && p + 1 == view.tokens[k].begin) {
        ok = take("(");
        ++p;
      } else if (size_t s = space_len(text, p)) {
        p += s;
      } else {
        ok = false;
      }
    }
    std::string_view t = view.raw(k);
    if (!ok || t.empty() || t.size() > 8) break;
    size_t core = t.find_first_not_of("()");
    if (core == std::string_view::npos) break;
    const bool count = t.find_first_not_of("0123456789()") == std::string_view::npos;
    if (count && ((count_before && t[0] != ')') || t.size() - (t[0] == ')') > 2)) break;
    if (!count && (!is_upper(t[core]) || (depth == 0 && starts_new_formula(f, t.substr(core))))) break;
    if (!take(t)) break;
    count_before = count;
    counts += count;
    if (depth != 0 || !bracket || !counts) continue;  // "(NN) Co": no count written apart
    // A candidate ends in a count or a bracket, or in a last element without its count ("(NH 4 ) 2 S");
    // a word-like symbol ("In", "As", "I") is no such element.
    bool end = count || f.back() == ')';
    if (!end && t.size() <= 2 && symbols_.count(t) && t != "I") {
      end = true;
      for (auto a : kAmbiguousSymbols) end &= t != a;
    }
    if (end && is_formula(f)) {
      best = k - i + 1;
      best_formula = f;
    }
  }
  if (!best) return 0;
  formula = std::move(best_formula);
  *lead = opened;
  return best;
}

std::vector<MaterialMention> MaterialFinder::find_subscripted(const TokenView& view, const std::vector<uint8_t>& blocked,
                                                              const ByteTriples& triples) const {
  // The text with ASCII digits for the subscripts, and for each of its bytes (and its end) the
  // byte of the original text it came from.
  const std::string_view t = view.text;
  std::string ascii;
  ascii.reserve(t.size());
  std::vector<uint32_t> origin;
  origin.reserve(t.size() + 1);
  for (size_t k = 0; k < t.size();) {
    origin.push_back(static_cast<uint32_t>(k));
    if (size_t s = subscript_digit(t, k)) {
      ascii.push_back(static_cast<char>('0' + (static_cast<unsigned char>(t[k + 2]) - 0x80)));
      k += s;
    } else {
      ascii.push_back(t[k]);
      ++k;
    }
  }
  origin.push_back(static_cast<uint32_t>(t.size()));
  const TokenView norm(ascii);
  // A token is blocked when it overlaps a blocked original token (quantities were found there).
  std::vector<uint8_t> norm_blocked(norm.tokens.size(), 0);
  for (size_t k = 0, j = 0; k < norm.tokens.size(); ++k) {
    size_t b = origin[norm.tokens[k].begin], e = origin[norm.tokens[k].end];
    while (j < view.tokens.size() && view.tokens[j].end <= b) ++j;
    for (size_t x = j; x < view.tokens.size() && view.tokens[x].begin < e; ++x) norm_blocked[k] |= blocked[x];
  }
  std::vector<MaterialMention> out = find(norm, norm_blocked, triples);
  auto token_at = [&](size_t byte) -> size_t {
    auto it = std::lower_bound(view.tokens.begin(), view.tokens.end(), byte,
                               [](const Token& tok, size_t b) { return tok.end <= b; });
    return std::min(static_cast<size_t>(it - view.tokens.begin()), view.tokens.size() - 1);
  };
  for (MaterialMention& m : out) {
    m.begin = origin[m.begin];
    m.end = origin[m.end];
    m.first_token = token_at(m.begin);
    m.last_token = std::max(m.first_token, token_at(m.end > 0 ? m.end - 1 : 0));
  }
  return out;
}

// Per token: whether it is a sample name the paper gives ("denoted as C1, C2 and C3"), or the same
// name again later in the paragraph. Empty when there is none. Needs `blocked` only.
std::vector<bool> MaterialFinder::label_tokens(const TokenView& view, const std::vector<uint8_t>& blocked) const {
  const size_t n = view.tokens.size();
  auto gap_has = [&](size_t a, char what) { return rules::gap_has(view, a, what); };
  // Sample names a paper gives its products: "denoted as C1, C2 and C3", "named P-1, P-2",
  // "labeled β-Fe(O)OPDCP". A name has a digit or two capitals (or is a formula).
  auto label_like = [&](size_t k) {
    std::string_view r = view.raw(k);
    if (r.empty() || r.size() > 30 || r[0] == '(' || not_acronyms_.count(r)) return false;
    int upper = 0, digits = 0, letters = 0;
    for (char c : r) {
      upper += is_upper(c);
      digits += is_digit(c);
      letters += is_alpha(c);
    }
    return letters > 0 && (upper >= 2 || (upper >= 1 && digits > 0) || is_formula(r));
  };
  std::vector<bool> label_tok;
  for (size_t k = 0; k + 1 < n; ++k) {
    std::string_view w = view.folded[k];
    if (w.size() < 5 || w.size() > 11) continue;
    // The first letters of the words below, tested inline: most tokens start with none of them.
    if (const char c = w[0]; c != 'd' && c != 'n' && c != 'm' && c != 'l' && c != 't' && c != 'a' && c != 'r') continue;
    if (!(w == "denoted" || w == "named" || w == "marked" || w == "labeled" || w == "labelled" ||
          w == "designated" || w == "termed" || w == "noted" || w == "abbreviated" ||
          (w == "referred" && view.folded[k + 1] == "to"))) {
      continue;
    }
    size_t j = k + 1;
    if (j < n && view.folded[j] == "to") ++j;
    if (j < n && view.folded[j] == "as") ++j;
    while (j < n && !blocked[j] && label_like(j)) {
      if (label_tok.empty()) label_tok.assign(n, false);
      label_tok[j] = true;
      if (j + 1 >= n || gap_has(j, '.') || gap_has(j, ';')) break;
      bool more = gap_has(j, ',') || view.folded[j + 1] == "and" || view.folded[j + 1] == "or";
      if (!more) break;
      ++j;
      if (j < n && (view.folded[j] == "and" || view.folded[j] == "or")) ++j;
    }
  }
  // A sample name once given is a sample name for the rest of the paragraph: "denoted P1 ... denoted
  // P2 ... The precursors (P1, P2) were activated".
  if (!label_tok.empty()) {
    StringMap<bool> names;
    for (size_t k = 0; k < n; ++k) {
      if (label_tok[k]) names[std::string(view.raw(k))] = true;
    }
    for (size_t k = 0; k < n; ++k) {
      if (!label_tok[k] && !blocked[k] && names.count(view.raw(k))) label_tok[k] = true;
    }
  }
  return label_tok;
}

// "cathode supported cell (CSC)", "German Aerospace Center (DLR)", "open circuit voltage (OCV)": an
// acronym defined in brackets after a device, institution, process or quantity noun, with a word
// giving its first letter, names no material here or later in the paragraph.
// The acronyms so defined.
StringMap<bool> MaterialFinder::defined_acronyms(const TokenView& view) const {
  const size_t n = view.tokens.size();
  auto joined_by_space = [&](size_t a) { return rules::joined_by_space(view, a); };
  StringMap<bool> defined_non_materials;
  for (size_t k = 2; k < n; ++k) {
    const Token& t = view.tokens[k];
    if (t.begin == 0 || view.text[t.begin - 1] != '(' || t.end >= view.text.size() || view.text[t.end] != ')') continue;
    std::string_view a = view.raw(k);
    if (a.size() < 2 || a.size() > 7 || !is_upper(a[0]) || !is_upper(a[1]) || !joined_by_space(k - 2)) continue;
    std::string_view head = view.folded[k - 1];
    if (head.size() > 3 && head.back() == 's') head.remove_suffix(1);
    static const StringMap<bool> kDefinedHeads = word_set({
        "cell", "center", "centre", "institute", "laboratory", "university", "reaction", "method", "process",
        "technique", "spectroscopy", "microscopy", "diffraction", "analysis", "analyse", "voltage", "density",
        "densitie", "resistance", "temperature", "coefficient", "potential", "power", "layer", "assembly",
        "assemblie", "electrode", "boundary", "boundarie", "interface",
        // Statistics and models of data-driven papers: "standardized mean difference (SMD)", "decision
        // tree (DT)", "random forest (RF)" (review 12, D45, D46).
        "difference", "tree", "forest", "model", "regression", "error"});
    if (!kDefinedHeads.count(head)) continue;
    // The defining words start with the acronym's first letter within as many words as it has letters.
    // Institutions keep the acronym of their own language ("German Aerospace Center (DLR)").
    bool initial = head == "center" || head == "centre" || head == "institute" || head == "laboratory" ||
                   head == "university";
    for (size_t j = k - 1, words = 0; !initial && words < a.size(); --j, ++words) {
      if (!view.folded[j].empty() && view.folded[j][0] == static_cast<char>(a[0] - 'A' + 'a')) {
        initial = true;
        break;
      }
      if (j == 0 || !joined_by_space(j - 1)) break;
    }
    if (initial) defined_non_materials[std::string(a)] = true;
  }
  return defined_non_materials;
}

// Per token: whether it lies in a zone that lists elements or a make-up, not materials used: a
// placeholder definition ("(X = I, Br and Cl)"), an elemental analysis ("Calcd. for ...:") or a
// composition ("15.33% Na2O, 31.28% SiO2"). Empty when there is none.
std::vector<bool> MaterialFinder::analysis_tokens(const TokenView& view) const {
  const size_t n = view.tokens.size();
  auto gap_has = [&](size_t a, char what) { return rules::gap_has(view, a, what); };
  auto joined_by_space = [&](size_t a) { return rules::joined_by_space(view, a); };
  std::vector<bool> analysis_tok;
  auto mark = [&](size_t j) {
    if (analysis_tok.empty()) analysis_tok.assign(n, false);
    analysis_tok[j] = true;
  };
  // The zone from token `from` to the end of its clause (a ')', ';' or full stop), at most `most`
  // tokens.
  auto mark_clause = [&](size_t from, size_t most) {
    for (size_t j = from; j < n && j < from + most; ++j) {
      mark(j);
      if (j + 1 < n && (gap_has(j, ')') || gap_has(j, ';') || gap_has(j, '.'))) break;
    }
  };
  // Placeholder definitions: "CH3NH3PbX3 (X = I, Br and Cl)", "Pt-X/C (X = Sn, Re, Re-Sn)" list
  // the elements a symbol stands for, not materials used. Token k (k + 1 < n) is the symbol.
  auto placeholder_zone = [&](size_t k, std::string_view r) {
    // Bytes compared inline: == on each short token called compare() (0.4 % of the time).
    const bool placeholder = r.size() == 1 ? r[0] == 'X' || r[0] == 'M' || r[0] == 'A' || r[0] == 'B'
                                           : r.size() == 2 && ((r[0] == 'L' && r[1] == 'n') || (r[0] == 'R' && r[1] == 'E'));
    if (!placeholder || !(gap_has(k, '=') || view.raw(k + 1) == "=")) return;
    for (size_t j = k + 1; j < n && j < k + 12; ++j) {
      mark(j);
      size_t e = view.tokens[j].end;
      if (e < view.text.size() && (view.text[e] == ')' || view.text[e] == ';' || view.text[e] == '.')) break;
      // "(SMMO, M = Mg, Fe, Co)81415 and Pr0.8Sr1.2…": the bracket closes inside a token that carries
      // glued reference numbers.
      if (view.raw(j).find(')') != std::string_view::npos) break;
    }
  };
  // Elemental analysis: "Anal. Calcd. for C15 H10 Cu N2 O5 P V: C, 39.8; ..." lists elements, not
  // materials; the zone runs from "Calcd"/"Found" to the colon. Token k (k + 1 < n) is the word.
  auto elemental_zone = [&](size_t k, std::string_view w) {
    // "Elemental analysis for C20H18N2O4Zn:", "Crystal data for C24H20CuN4O6:" open the zone too (rules-8).
    // The head word is tested first: the first-byte test lets every "a..." and "d..." word through.
    bool data_for = ((w == "analysis" && k > 0 && view.folded[k - 1] == "elemental") ||
                     (w == "data" && k > 0 && view.folded[k - 1] == "crystal")) &&
                    view.folded[k + 1] == "for";
    if (w != "calcd" && w != "calc" && w != "calculated" && w != "found" && !data_for) return;
    if (w == "calculated" && view.folded[k + 1] != "for") return;
    if (w == "found" && !gap_has(k, ':')) return;
    for (size_t j = k + 1; j < n && j < k + 40; ++j) {
      mark(j);
      if (j + 1 < n && (gap_has(j, ':') || gap_has(j, ';') || gap_has(j, '.'))) {
        if (w != "found" && !gap_has(j, ':')) continue;
        break;
      }
    }
  };
  // Compositions: "15.33% Na2O, 31.28% SiO2, and 53% H2O", "20% Pt, 5% Re, 15% Sn" give the make-up
  // of one material, not materials used. Two or more "N% formula" items in a row are read so.
  auto percent_item = [&](size_t k) {
    return k > 0 && view.raw(k - 1).back() == '%' && is_digit(view.raw(k - 1)[0]) && joined_by_space(k - 1) &&
           is_formula(view.raw(k));
  };
  // Items of one list: no sentence or clause break between them.
  auto same_list = [&](size_t a, size_t b) {
    for (size_t k = a; k < b; ++k) {
      if (gap_has(k, '.') || gap_has(k, ';')) return false;
    }
    return true;
  };
  // Token k (1 <= k, k + 2 < n) the first item.
  auto percent_list = [&](size_t k) {
    if (!percent_item(k)) return;
    // The next item: "N% A, M% B" (k + 2) or "N% A and M% B" (k + 3).
    size_t j = view.folded[k + 1] == "and" ? k + 3 : k + 2;
    if (j >= n || !percent_item(j) || !same_list(k, j)) return;
    // "consisted of 50% H2 and 50% N2", "20% H2 and 80% Ar": shares of gases make a gas mixture
    // fed, not the make-up of a solid (review 17d, D9; the water of "97% H2 and 3% H2O" is dropped
    // as the fuel's humidity below).
    if (is_gas_formula(view.raw(k)) && is_gas_formula(view.raw(j))) return;
    mark(k);
    mark(j);
  };
  // The same make-up with the shares in brackets: "the fly ash consisted of SiO2 (52%), Al2O3
  // (28%) and Fe2O3 (6%)". Reagents are named so too ("HNO3 (65%) and HCl (37%)" give their
  // strengths), so a word of make-up must come first in the sentence: "consist", "compos...",
  // "contain", "comprise".
  auto bracket_item = [&](size_t k) {
    if (k + 1 >= n) return false;
    // The share's bytes first: they reject almost every token before the gap and formula tests.
    std::string_view p = view.raw(k + 1);
    if (p.size() < 2 || p.back() != '%' || !is_digit(p[0])) return false;
    return gap_has(k, '(') && is_formula(view.raw(k)) && (k + 2 >= n || gap_has(k + 1, ')'));
  };
  auto make_up_before = [&](size_t k) {
    for (size_t j = k; j > 0 && j + 12 > k; --j) {
      if (gap_has(j - 1, '.') || gap_has(j - 1, ';')) return false;
      std::string_view w = view.folded[j - 1];
      if (has_prefix(w, "consist"sv) || has_prefix(w, "compos"sv) || has_prefix(w, "contain"sv) ||
          has_prefix(w, "compris"sv)) {
        return true;
      }
    }
    return false;
  };
  // Token k (k + 4 < n) the first item.
  auto bracket_list = [&](size_t k) {
    if (!bracket_item(k)) return;
    size_t j = view.folded[k + 2] == "and" ? k + 3 : k + 2;
    if (j >= n || !bracket_item(j) || !same_list(k, j)) return;
    if (is_gas_formula(view.raw(k)) && is_gas_formula(view.raw(j))) return;
    if (!make_up_before(k)) return;
    mark(k);
    mark(j);
  };
  // Placeholder definitions in words: "(X denotes the weight concentration of H2O2 in solution)",
  // "where x stands for the Co content": the clause defines what a letter of a sample name means,
  // no material of the recipe is used in it (MSP leaves such clauses unannotated or marks the
  // material Nonrecipe-Material). The letter opens its clause: "(", ",", ";", a full stop, "where",
  // "and". Token k (k + 3 < n) is the letter `c`.
  auto letter_definition = [&](size_t k, char c) {
    if (c != 'x' && c != 'y' && c != 'z' && c != 'n' && c != 'X' && c != 'Y' && c != 'Z' && c != 'M') return;
    const bool opens = k == 0 || gap_has(k - 1, '(') || gap_has(k - 1, ',') || gap_has(k - 1, ';') ||
                       gap_has(k - 1, '.') || view.folded[k - 1] == "where" || view.folded[k - 1] == "and";
    if (!opens || !joined_by_space(k)) return;
    std::string_view v = view.folded[k + 1];
    size_t body = 0;
    if (v == "denote" || v == "denotes" || v == "represent" || v == "represents" || v == "indicate" ||
        v == "indicates") {
      body = k + 2;
    } else if ((v == "stand" || v == "stands") && view.folded[k + 2] == "for") {
      body = k + 3;
    } else if ((v == "refer" || v == "refers") && view.folded[k + 2] == "to") {
      body = k + 3;
    } else if ((v == "is" || v == "are") && view.folded[k + 2] == "the") {
      body = k + 3;
    }
    if (body != 0 && body < n) mark_clause(body, 25);
  };
  // "As can be seen, major components are SiO2 and CaO with concentrations of 47.37% and
  // 11.83%": the main components of an analysed material are its make-up, not materials used. A
  // share (a percentage) or an analysis word in the rest of the sentence says it is a make-up
  // ("The main components of the anode were mixed" names reagents and stays). Token k (k + 3 < n)
  // is the noun `w`.
  auto main_components = [&](size_t k, std::string_view w) {
    if (w != "components" && w != "component" && w != "constituents" && w != "constituent") return;
    if (k == 0) return;
    std::string_view d = view.folded[k - 1] == "chemical" && k > 1 ? view.folded[k - 2] : view.folded[k - 1];
    if (d != "main" && d != "major" && d != "minor" && d != "principal" && d != "chief") return;
    size_t verb = 0;
    for (size_t j = k + 1; j < n && j < k + 8; ++j) {
      std::string_view x = view.folded[j];
      if (x == "are" || x == "were" || x == "is" || x == "was" || x == "include" || x == "includes" ||
          x == "included") {
        verb = j;
        break;
      }
      if (gap_has(j - 1, '.') || gap_has(j - 1, ';')) break;
    }
    if (verb == 0 || verb + 1 >= n) return;
    bool share = false;
    for (size_t j = verb + 1; j < n && j < verb + 40; ++j) {
      std::string_view x = view.folded[j];
      share |= view.raw(j).back() == '%' || has_prefix(x, "concentration"sv) || has_prefix(x, "content"sv) ||
               x == "xrf" || x == "edx" || x == "eds" || x == "icp";
      if (j + 1 < n && (gap_has(j, '.') || gap_has(j, ';'))) break;
      if (j + 1 < n && gap_has(j, '%')) share = true;
    }
    if (share) mark_clause(verb + 1, 40);
  };
  // One pass over the tokens: each zone starts at a token whose length or first byte the tests
  // below let through (six passes, one per zone, cost 2.5 % of the instructions). The zones only
  // add marks, so their order does not matter.
  for (size_t k = 0; k < n; ++k) {
    const std::string_view r = view.raw(k), w = view.folded[k];
    if (r.size() <= 2) {
      if (k + 1 < n) placeholder_zone(k, r);
      if (r.size() == 1 && k + 3 < n) letter_definition(k, r[0]);
    }
    if (!w.empty() && (w[0] == 'c' || w[0] == 'f' || w[0] == 'a' || w[0] == 'd')) {
      if (k + 1 < n) elemental_zone(k, w);
      if (w[0] == 'c' && k + 3 < n) main_components(k, w);
    }
    // A share ("53%"): the token after it may open a list of percent items, the one before it a
    // list of bracket items.
    if (r.back() == '%' && is_digit(r[0]) && k + 3 < n) {
      percent_list(k + 1);
      if (k > 0) bracket_list(k - 1);
    }
  }
  return analysis_tok;
}

// One call of find(): the paragraph, the mentions found so far, what the main loop keeps from one
// token to the next, and the context tests the loop asks at a token. The tests were lambdas of find()
// that captured this state; as methods they keep their names, so the loop reads as before.
// The word after a test reaction's name that says it is run as a test ("CO oxidation was tested",
// "CO oxidation activity", "CO oxidation over Au/TiO2").
static bool test_reaction_word(std::string_view w) {
  return w == "was" || w == "were" || w == "activity" || w == "activities" || w == "test" || w == "tests" ||
         w == "experiments" || w == "measurements" || w == "performance" || w == "over";
}
struct MaterialFinder::Scan {
  Scan(const MaterialFinder& finder, const TokenView& view, const std::vector<uint8_t>& blocked);

  const MaterialFinder& finder;         // the lexicons and word classes every test reads
  const TokenView& view;                // the paragraph's tokens
  const std::vector<uint8_t>& blocked;  // per token: non-zero when a quantity took it
  const size_t n;                       // view.tokens.size(), asked at almost every token
  std::vector<MaterialMention> out;     // the mentions so far, in token order (find()'s result)
  StringMap<size_t> aliases;            // paper-local abbreviation → index in out
  // An e-mail address ("jaalonso@icmm.csic.es") marks an affiliation line, whose capitals near it
  // are institutions ("CSIC") and post boxes ("BP 156X"); "Fe3O4@SiO2" has capitals around the @.
  bool affiliation = false;
  size_t email_at = 0;  // the '@' of that address: the capitals within 100 bytes of it are no acronyms
  size_t shared_salt_tok = SIZE_MAX;  // the last element of a list sharing its anion word (shared_salt_word())
  // "thermogravimetric analysis (TGA)", "SEM, TGA, XPS and conductivity measurements", "TGA tests", "in
  // the TGA": the technique, not thioglycolic acid (session 11). A paragraph that names
  // thermogravimetry and not the acid reads every TGA as the technique; else the words around it decide.
  // The paragraph-wide test is made once, at the first TGA (searched again at every one, a
  // paragraph of many cost time quadratic in its length: session 11 check). -1: not yet asked.
  int tga_paragraph = -1;
  // The sentences of photocatalytic_sentence(), made at its first question.
  std::vector<uint32_t> sentence_of;                     // per token
  std::vector<std::pair<size_t, size_t>> sentence_cues;  // per sentence: first and last cue token, or n
  const std::vector<bool> label_tok;                     // label_tokens(): sample names the paper gives
  // The answer holds for the whole run, so it is kept for every token of it: asking each token of a
  // long capital run anew walked the run each time (1 MB of "AB ": over 60 s; session 11).
  std::vector<int8_t> caps_run;  // per token: -1 not asked yet, else the run's answer
  const StringMap<bool> defined_non_materials;  // defined_acronyms(): acronyms defined as no material
  const std::vector<bool> analysis_tok;         // analysis_tokens(): zones that list elements or a make-up
  // Word classes are computed once per token: runs starting at consecutive tokens overlap.
  std::vector<int8_t> class_cache;  // per token: -1 not computed yet, else its WordClass
  // Word classes of the chemical-name run at the current token; one buffer for the whole paragraph
  // (a vector per token was an allocation at every token that starts a run).
  std::vector<WordClass> cls;
  int spectrum_paragraph = -1;  // whether the text names a spectroscopy (rules-8 solvent-of-a-spectrum cue)

  // The main loop: every token once, from the first; fills `out`.
  void run();
  // Named steps of run(), in their order (materials.cc). Compiled into run() (always_inline), as
  // moving them out changes GCC's inlining in the rest of the file: all out of line +0.5 %
  // instructions on msp.jsonl, all inlined +0.3 %, these +0.1 % (s14-split).
  __attribute__((always_inline)) inline bool not_a_material_here(size_t i, std::string_view raw, bool plain) const;
  __attribute__((always_inline)) inline bool named_solution(size_t i);
  __attribute__((always_inline)) inline size_t chemical_name_run(size_t i, std::string_view raw, bool raw_formula,
                                                                 bool& salt);
  __attribute__((always_inline)) inline void run_name(size_t i, size_t run, std::string_view raw, bool raw_formula,
                                                      bool salt, MaterialMention& m) const;
  void hyphen_suffix_head(size_t i, std::string_view raw, MaterialMention& m);
  void reduced_form(size_t i, MaterialMention& m) const;
  // "PMDA and ODA were reacted in DMAc": beside a dianhydride ODA is the diamine monomer of a
  // polyimide, 4,4'-oxydianiline, a precursor; octadecylamine (a ligand) stays the default (review
  // 17c, C17).
  void polyimide_diamine(MaterialMention& m) const {
    for (std::string_view d : {"PMDA"sv, "BPDA"sv, "6FDA"sv, "ODPA"sv, "BTDA"sv, "dianhydride"sv}) {
      if (view.text.find(d) != std::string_view::npos) {
        m.normalized = "4,4'-oxydianiline";
        m.role_prior = "precursor";
        return;
      }
    }
  }
  __attribute__((noinline)) void layered_hydroxide_after(size_t i, std::string_view raw, MaterialMention& m,
                                                         size_t& len) const;
  bool colon_liquids(size_t i, std::string_view raw);
  // "deposited on glass substrates", "seeded glass substrates": the substrate's material (MSP:
  // Participant_Material; review 17a, M11). Glass is no lexicon material: "glass vials", "glass
  // transition", "glass sealant" name labware, a property or a seal.
  bool glass_substrate(size_t i) const {
    return view.folded[i] == "glass" && i + 1 < n && has_prefix(view.folded[i + 1], "substrate"sv) &&
           view.folded[i + 1].size() <= 10 && joined_by_space(i);
  }
  // "TiO2 aerogels", "carbon aerogel": the form of the material just named, no mention of its own
  // (review 17a, M2; the product noun of target_after keeps the role on the material).
  bool class_noun_after_mention(size_t i, const Entry& e) const {
    if (trade_end != SIZE_MAX && (i == trade_end || i == trade_end + 1)) return trade_class_noun(i, e);
    if (out.empty() || out.back().last_token + 1 != i || !joined_by_space(i - 1)) return false;
    return e.normalized == "aerogel" || (e.normalized == "silica" && framework_code(out.back()));
  }
  // "SBA-15", "MCM-41", "KIT-6": a mesoporous framework code (capitals, a hyphen, digits); "SBA-15
  // silica" is one material, the class noun a descriptor (review 18b, B14).
  bool framework_code(const MaterialMention& mm) const {
    std::string_view t = view.text.substr(mm.begin, mm.end - mm.begin);
    size_t dash = t.find('-');
    if (dash < 2 || dash > 4 || dash + 1 >= t.size() || t.size() - dash > 4) return false;
    for (size_t k = 0; k < t.size(); ++k) {
      if (k < dash ? !is_upper(t[k]) : k > dash && !is_digit(t[k])) return false;
    }
    return true;
  }
  // "Ludox HS-40 colloidal silica", "Vulcan XC-72R carbon black": the class noun after a trade name
  // (one adjective between at most) says what the product is, a descriptor in MSP (review 18b, B5).
  bool trade_class_noun(size_t i, const Entry& e) const {
    if (e.normalized != "silica" && e.normalized != "carbon" && e.normalized != "carbon black") return false;
    if (i == trade_end) return joined_by_space(i - 1);
    std::string_view adj = view.folded[i - 1];
    return (adj == "colloidal" || adj == "fumed" || adj == "activated" || adj == "amorphous") &&
           joined_by_space(i - 1) && joined_by_space(i - 2);
  }
  // The nouns of a test contact made of a metal: "silver paste", "gold electrodes" (apparatus_or_property()).
  static bool contact_noun(std::string_view w) {
    return w == "paste" || w == "paint" || w == "wire" || w == "wires" || w == "contact" || w == "contacts" ||
           w == "electrode" || w == "electrodes";
  }
  bool measurement_sentence(size_t i) const;
  size_t trade_end = SIZE_MAX;  // the token after the last trade name and its grade (trade_name())
  bool trade_grade_after(size_t j) const;
  bool trade_name(size_t i, MaterialMention& m, size_t& len, size_t tokens);
  // Token i is a grade after a capitalised brand word opening the bracket of the last mention
  // ("silica (Ludox AS-40)"; not_a_material_here()).
  bool trade_grade(size_t i) const {
    std::string_view brand = view.raw(i - 1), grade = view.raw(i);
    if (brand.size() < 4 || !is_upper(brand[0]) || grade.find_first_of("0123456789") == std::string_view::npos ||
        out.empty() || out.back().last_token + 2 != i || !gap_has(i - 2, '(') || !joined_by_space(i - 1)) {
      return false;
    }
    for (size_t k = 1; k < brand.size(); ++k) {
      if (!is_lower(brand[k])) return false;
    }
    return !finder.element_names_.count(view.folded[i - 1]) && !finder.single_words_.count(view.folded[i - 1]);
  }
  bool nano_core_shell(size_t i, std::string_view raw);
  bool polymorph_name(size_t i, std::string_view raw);
  // Whether token i, a formula, is followed by an ion charge written apart ("Zn 2+", "Ag + ions").
  bool spaced_charge_after(size_t i) const;
  // Whether token i follows "lot", "lot#", "Lot No.", "Cat. No.", "batch number": an identifier.
  bool catalogue_identifier(size_t i) const;
  // The words before a catalogue identifier ("lot", "no", "number", "#") start so: an inline test
  // before the catalogue_identifier() call, which every token would make.
  static bool register_word_start(std::string_view w) { return !w.empty() && (w[0] == 'l' || w[0] == 'n' || w[0] == '#'); }
  __attribute__((always_inline)) inline bool spaced_ion_part(size_t i, size_t len) const;
  __attribute__((always_inline)) inline void nano_abbreviation_after(size_t i, MaterialMention& m, size_t& len) const;
  // The steps of the loop before the lexicon, in their order (materials.cc).
  void taken_token_parts(size_t i);
  size_t spaced_polymer(size_t i);
  size_t glued_form(size_t i, std::string_view raw, bool plain);
  size_t slash_form(size_t i, std::string_view raw, bool plain);
  size_t slash_phrase(size_t i, std::string_view raw);
  size_t bracket_slash_layers(size_t i, std::string_view raw);
  // The extensions of a mention [i, i + len) read at token i, in their order. Compiled into run()
  // (always_inline): called, with the mention and its length in memory, they cost +0.15 % instructions.
  __attribute__((always_inline)) inline void hydrate_after(size_t i, MaterialMention& m, size_t& len);
  __attribute__((always_inline)) inline void spaced_alloy(size_t i, std::string_view raw, bool raw_formula,
                                                          MaterialMention& m, size_t& len) const;
  __attribute__((always_inline)) inline void spaced_formula(size_t i, std::string_view raw, MaterialMention& m,
                                                            size_t& len, size_t& lead_bracket) const;
  // "ZnEt 2", "TMS 2 S", "FAPbBr 3 NCs": a name that is no formula whose glued form with its
  // PDF-spaced count (and a last element group) is a lexicon entry or a mixed-case acronym, as the
  // glued "ZnEt2", "TMS2S", "FAPbBr3" are. Returns the tokens read, 0 when none (m set otherwise).
  [[gnu::noinline]] size_t spaced_count_name(size_t i, std::string_view raw, MaterialMention& m) const;
  // "Oleyl-amine", "1-octa-decene": the lexicon entry of token i read without a line-break hyphen
  // kept inside it by scraped text, -1 when none (materials.cc).
  [[gnu::noinline]] int hyphen_kept_entry(size_t i) const;
  // "TO- PO", "ole- ic acid": a name broken at a line end whose hyphen the text kept, an acronym's
  // ("TO-" before "PO") or before a two-letter rest ("ole-ic" before "acid"). The lexicon entry of
  // the joined form with the next token and the tokens it spans (2), entry -1 when none: joined only
  // when the joined form is a lexicon entry (review 16a, A18).
  [[gnu::noinline]] PhraseMatcher::Match broken_name_entry(size_t i) const;
  // "NaYF 4 :Yb,Er", "Y 2 O 3 :Eu 3+", "CuInS 2 /ZnS": dopants or a shell written apart after a
  // PDF-spaced formula, one mention as the glued forms are. Returns the tokens added at k.
  [[gnu::noinline]] size_t spaced_formula_tail(size_t k, MaterialMention& m) const;
  // "PEG 20000", "Nafion 117": a grade number after a polymer or acronym name.
  __attribute__((always_inline)) inline void grade_number(size_t i, const MaterialMention& m, size_t& len) const;
  // The vetoes of a one-token lexicon match `entry` at token i ("He et al.", "the TGA
  // curve", "the HF arc", "air electrode", "hydrocarbon chain"): whether the match is dropped;
  // *abbreviation is set when the word is no acronym of a material either. Out of line: the
  // function itself costs 0.02 % of the msp.jsonl instructions, but moving it out of run() changes
  // GCC's inlining elsewhere (+0.2 % in all; always_inline +0.27 %, cold +0.30 %: s13-tidy).
  [[gnu::noinline]] bool one_word_veto(size_t i, std::string_view raw, int entry, bool* abbreviation);
  // The steps of the loop after a mention [i, i + len) is read, in their order (materials.cc).
  bool coordinated_property_noun(size_t k) const;
  bool graphene_letter(std::string_view part, size_t i) const;
  bool apparatus_or_property(size_t i, size_t len, std::string_view raw, const MaterialMention& m,
                             bool& element_mention) const;
  bool not_a_reagent(size_t i, size_t len, std::string_view raw, const MaterialMention& m, bool element_mention);
  bool glued_dopant(size_t i, MaterialMention& m);
  // "yttria stabilized zirconia", "Sm doped CeO2": the dopant written apart from its participle.
  void dopant_apart(size_t i, MaterialMention& m);
  // "nitric and sulfuric acids": the acids named before the mention, sharing its noun.
  void listed_acids(size_t i, size_t len, const MaterialMention& m);
  size_t after_mention(size_t index, size_t i);
  void alias_reading(size_t i, size_t len, MaterialMention& m) const;

  // The lexicon's predicates, asked throughout the loop.
  bool is_formula(std::string_view token) const { return finder.is_formula(token); }
  bool is_material_acronym(std::string_view token) const { return finder.is_material_acronym(token); }
  bool is_composite(std::string_view token) const { return finder.is_composite(token); }
  // "MIL-101(Cr)", "NH2-MIL-125(Ti)", "MIL-53(Al)": a framework acronym with its metal in a glued
  // bracket is one material (review 14b, B73). Returns the length of the part before the bracket when
  // `raw` is such a name, else 0.
  __attribute__((noinline)) size_t framework_metal(std::string_view raw) const {
    size_t open = raw.size() >= 7 ? raw.rfind('(') : std::string_view::npos;
    if (open == std::string_view::npos || open + 4 < raw.size() - 1 || open < 3 || !is_digit(raw[open - 1])) return 0;
    std::string_view symbol = raw.substr(open + 1, raw.size() - open - 2);
    if (!finder.symbols_.count(symbol)) return 0;
    std::string_view head = raw.substr(0, open);
    return is_material_acronym(head) || is_composite(head) ? open : 0;
  }

  // A maker's grade code: capitals, a dash, digits and capitals ("TZ-3Y", "TZ-8YS").
  static bool grade_code(std::string_view w) {
    size_t i = 0;
    while (i < w.size() && is_upper(w[i])) ++i;
    if (i == 0 || i >= w.size() || w[i] != '-') return false;
    const size_t d = ++i;
    while (i < w.size() && is_digit(w[i])) ++i;
    if (i == d || i == w.size()) return false;
    while (i < w.size() && is_upper(w[i])) ++i;
    return i == w.size();
  }
  // Whether tokens a and a+1 are the first two items of a bracket, one of them a capitalised word
  // (a maker's name): "(TZ-3Y, Tosoh)", "(Tosoh, TZ-8Y)".
  bool maker_beside(size_t a, size_t b) const {
    if (b >= n || view.tokens[a].begin == 0 || view.text[view.tokens[a].begin - 1] != '(' || !gap_has(a, ',')) {
      return false;
    }
    const size_t end = view.tokens[b].end;
    if (end >= view.text.size() || (view.text[end] != ')' && view.text[end] != ',')) return false;
    auto maker = [&](size_t t) {
      std::string_view w = view.raw(t);
      return w.size() >= 3 && is_upper(w[0]) && std::all_of(w.begin() + 1, w.end(), [](char c) { return is_lower(c); });
    };
    return maker(a) || maker(b);
  }
  // Whether token i, "/Ar" of "H 2 /Ar", names the second gas of a mixture whose first gas, its count
  // written apart, is the mention just before it.
  bool spaced_gas_partner(size_t i) const {
    if (i == 0 || out.empty() || out.back().last_token != i - 1 || !joined_by_space(i - 1) ||
        !mixture_gas(out.back().normalized)) {
      return false;
    }
    const int entry = finder.single_word_entry(view.raw(i).substr(1));
    return entry >= 0 && mixture_gas(finder.entries_[entry].normalized);
  }
  // The length of a one- or two-digit reference glued to a metal oleate ("Cs-oleate12"), else 0.
  size_t cited_oleate_len(std::string_view raw) const {
    if (raw.size() < 9 || raw.size() > 11 || !is_digit(raw.back())) return 0;  // (most tokens: no call below)
    size_t d = is_digit(raw[raw.size() - 2]) ? 2 : 1;
    if (raw[raw.size() - d - 1] != 'e') return 0;
    return finder.metal_oleate(raw.substr(0, raw.size() - d)).empty() ? 0 : d;
  }
  // The tests the loop asks at a token, each a lambda of find() before. The view's gap tests first.
  bool joined_by_space(size_t a) const { return rules::joined_by_space(view, a); }
  bool gap_has(size_t a, char what) const { return rules::gap_has(view, a, what); }
  // "Ti O 2", "Mn O 2 nanowires", "Sn O 2 (1 g)": a first element written without a count (one atom)
  // before a spaced group and count (review 16c, R16); the tail alone would read as oxygen gas.
  // The formula of the three tokens from token i, or empty; a charge after it makes a defect.
  std::string spaced_bare_lead(size_t i, std::string_view raw) const {
    if (i + 2 >= n || blocked[i + 1] || blocked[i + 2] || !joined_by_space(i + 1)) return {};
    std::string_view part = view.raw(i + 1), count = view.raw(i + 2);
    if (part.empty() || part.size() > 2 || !is_upper(part[0]) || (part.size() == 2 && !is_lower(part[1])) ||
        count.empty() || count.size() > 2 || count[0] == '0' ||
        count.find_first_not_of("0123456789") != std::string_view::npos) {
      return {};
    }
    for (char c : raw) {
      if (!is_alpha(c)) return {};
    }
    if (finder.starts_new_formula(raw, part)) return {};
    if (i + 3 < n && joined_by_space(i + 2)) {
      std::string_view after = view.raw(i + 3);
      if (after == "+" || after == "-" || after == "\u2212" || after == "\u2013") return {};
    }
    std::string formula = std::string(raw) + std::string(part) + std::string(count);
    return is_formula(formula) ? formula : std::string();
  }
  // "O3 − δ", "O5 + δ": tokens k and k+1 are a sign and δ, each written apart after token k-1 (the
  // oxygen non-stoichiometry of a perovskite formula).
  bool spaced_delta(size_t k) const {
    if (k + 1 >= n || blocked[k] || blocked[k + 1] || !joined_by_space(k - 1) || !joined_by_space(k)) return false;
    std::string_view sign = view.raw(k);
    return view.raw(k + 1) == "δ" && (sign == "+" || (!sign.empty() && dash_len(sign, 0) == sign.size()));
  }
  // "A high-density graphite die (POCO)", "(microwave autoclave - ERTEC, Magnum II, 600 W)": labware
  // and pressing tools are named by their maker too (MSP dev-b, 2 papers; the bracket rule below
  // had only instruments). A maker after " - " follows any of these nouns or the instrument ones.
  static bool apparatus_maker_noun(std::string_view folded) {
    return folded == "die"sv || folded == "dies"sv || folded == "crucible"sv || folded == "boat"sv ||
           folded == "mold"sv || folded == "mould"sv || folded == "press"sv || folded == "mill"sv;
  }
  bool maker_after_dash(size_t k) const {
    if (k < 2 || view.raw(k - 1) != "-"sv || !joined_by_space(k - 1) || !joined_by_space(k - 2)) return false;
    std::string_view before = view.folded[k - 2];
    return apparatus_maker_noun(before) || before == "autoclave"sv || before == "oven"sv || before == "furnace"sv ||
           before == "reactor"sv;
  }
  // Instrument models read like acronyms: "(TEM, JEM-2010)", "Sineo MDS-8", "a DENVER TB-25
  // analytical balance", "RIGAKU-DMAX2500 X-ray diffractometer".
  bool instrument_context(size_t k) const {
    // "a DENVER TB-25 analytical balance", "an ARL 3410 unit": the maker's name before a model code
    // is looked at through the code.
    size_t look = k + 1;
    if (k + 2 < n && view.raw(k + 1).find_first_of("0123456789") != std::string_view::npos &&
        view.raw(k + 1).size() <= 12 && is_upper(view.raw(k)[0])) {
      look = k + 2;
    }
    // "system (Sineo MDS-8, China)", "spark plasma sintering (Sumitomo SPS-2040)": a maker and
    // model code in the bracket after an apparatus or a process; "carbon black (Vulcan XC-72,
    // Cabot)" names the material and stays.
    if (k >= 2 && view.tokens[k - 1].begin > 0 && view.text[view.tokens[k - 1].begin - 1] == '(' &&
        view.raw(k).find('-') != std::string_view::npos && view.raw(k - 1).size() >= 3 &&
        is_upper(view.raw(k - 1)[0]) && is_lower(view.raw(k - 1)[1])) {
      std::string_view before = view.folded[k - 2];
      if (before == "system" || before == "furnace" || before == "instrument" || before == "apparatus" ||
          before == "oven" || before == "reactor" || (before.size() > 5 && before.ends_with("ing"))) {
        return true;
      }
    }
    if (look < n) {
      std::string_view next = view.folded[look];
      for (std::string_view w : {"diffractometer"sv, "microscope"sv, "spectrometer"sv, "spectrophotometer"sv,
                                 "analyzer"sv, "analyser"sv, "balance"sv, "cleaner"sv, "reactor"sv, "unit"sv,
                                 "instrument"sv, "system"sv, "furnace"sv, "mixer"sv, "centrifuge"sv, "x-ray"sv,
                                 "potentiostat"sv, "workstation"sv, "analytical"sv, "cold-wall"sv, "scientific"sv,
                                 "corporation"sv, "corp"sv, "company"sv, "inc"sv, "ltd"sv, "gmbh"sv, "instruments"sv,
                                 "nanotech"sv, "pty"sv, "plus"sv, "series"sv,
                                 // "the GSAS program", "CASTEP software": a code, not a material (rules-8)
                                 "program"sv, "software"sv, "package"sv,
                                 // "CR2032 coin cells" (a cell format)
                                 "coin"sv, "coin-type"sv, "coin-cell"sv, "coin-cells"sv}) {
        if (next == w) return true;
      }
    }
    // "in a microwave oven (MARS; CEM)", "a tube furnace (OTF-1200X)": the first word in the bracket
    // after an apparatus noun is its model or maker.
    if (k >= 1 && view.tokens[k].begin > 0 && view.text[view.tokens[k].begin - 1] == '(' &&
        view.tokens[k - 1].end + 2 >= view.tokens[k].begin) {
      std::string_view before = view.folded[k - 1];
      if (apparatus_maker_noun(before) || before == "oven" || before == "furnace" || before == "autoclave" || before == "reactor" ||
          before == "mixer" || before == "centrifuge" || before == "sonicator" || before == "homogenizer" ||
          before == "diffractometer" || before == "microscope" || before == "spectrometer" ||
          before == "spectrophotometer" || before == "analyzer" || before == "analyser" || before == "potentiostat") {
        return true;
      }
    }
    if (maker_after_dash(k)) return true;
    // "YSZ (TZ-3Y, Tosoh)", "(TZ-8Y, Tosoh, Tokyo, Japan)", "YSZ (Tosoh, TZ-8Y)": a grade code beside
    // its maker in a bracket names the material before it (review 14b, B50); alone, as in "TZ-8Y
    // powder (Tosoh) was pressed", it is the only name and stays (review 14c, R18).
    if (grade_code(view.raw(k)) && (maker_beside(k, k + 1) || (k >= 1 && maker_beside(k - 1, k)))) return true;
    // "YSZ (TZ-8Y, Tosoh Corporation, Japan)": a grade code before its maker's name (rules-8).
    if (k + 2 < n && gap_has(k, ',') && is_upper(view.raw(k + 1)[0]) && joined_by_space(k + 1)) {
      std::string_view w = view.folded[k + 2];
      if (w == "corporation" || w == "corp" || w == "co" || w == "inc" || w == "ltd" || w == "company" ||
          w == "gmbh" || w == "chemical" || w == "chemicals" || w == "industries" || w == "industrial") {
        return true;
      }
    }
    if (k > 0) {
      std::string_view prev = view.raw(k - 1);
      // "grade ASP-100F", "Product Ref: PR0920": a supplier's product code.
      if (view.folded[k - 1] == "model" || view.folded[k - 1] == "grade" || view.folded[k - 1] == "ref" ||
          (finder.not_acronyms_.count(prev) && gap_has(k - 1, ','))) {
        return true;
      }
    }
    return false;
  }
  // "Sr2MgMoO6−δ (SMMO)8": an abbreviation in brackets with a reference number glued on, which reads
  // as a group with a count ("(NH4)2"); capitals that are no formula inside mean the abbreviation,
  // and the citation style that glues the number is one that does not repeat it as a mention.
  bool abbreviation_with_reference(std::string_view r) const {
    if (r.size() < 6 || r[0] != '(' || !is_digit(r.back())) return false;
    size_t close = r.find(')');
    if (close == std::string_view::npos || close < 4 ||
        r.find_first_not_of("0123456789", close + 1) != std::string_view::npos) {
      return false;
    }
    std::string_view inner = r.substr(1, close - 1);
    for (char c : inner) {
      if (!is_upper(c)) return false;
    }
    int elements = 0;
    return finder.formula_prefix(inner, 0, &elements, 0) != inner.size();
  }
  // "NiO:YSZ", "LSM:YSZ" (composites), "MgZnO:Al", "CeF3:Gd3+", "Eu:YAG" (host and dopant): a colon
  // between material names is one material; "SiO2:Al2O3 ratio", "Cu:CTAB = 1:0.75" and "Li:Ni"
  // (element symbols alone) are ratios.
  bool colon_composite(size_t k) const {
    std::string_view r = view.raw(k);
    size_t colon = r.find(':');
    // "La0.6Sr0.4Co0.2Fe0.8O3-δ:Ce0.9Gd0.1O1.95": two doped oxides run past 40 bytes (as in is_composite).
    if (colon == std::string_view::npos || colon == 0 || r.back() == ':' || r.size() > 60 ||
        r.find("::") != std::string_view::npos) {
      return false;
    }
    size_t from = 0, symbols_only = 0, parts = 0;
    while (from <= r.size()) {
      size_t to = r.find(':', from);
      std::string_view part = r.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
      // "Gd3+", "Eu2+": a dopant ion.
      std::string_view core = part;
      if (core.size() >= 2 && core.back() == '+') {
        core.remove_suffix(1);
        while (!core.empty() && is_digit(core.back())) core.remove_suffix(1);
      }
      // "NaYF4:Yb,Er", "NaYF4:20%Yb,2%Er", "NaGdF4:Yb/Tm": co-dopants listed after the host, each an
      // element symbol with an optional share.
      // A shell may follow the last dopant: "NaGdF4:Yb,Tm@NaGdF4" (review 13, D24).
      auto dopant_list = [&](std::string_view d) {
        if (size_t at = d.find('@'); at != std::string_view::npos) {
          if (!is_formula(d.substr(at + 1))) return false;
          d = d.substr(0, at);
        }
        if (from == 0 || d.find_first_of(",/") == std::string_view::npos) return false;
        for (size_t a = 0; a <= d.size();) {
          size_t b = std::min(d.find_first_of(",/", a), d.size());
          std::string_view el = d.substr(a, b - a);
          size_t pct = el.find('%');
          if (pct != std::string_view::npos) {
            for (size_t q = 0; q < pct; ++q) {
              if (!is_digit(el[q]) && el[q] != '.') return false;
            }
            el.remove_prefix(pct + 1);
          }
          // "SrAl2O4:Eu2+,Dy3+": each co-dopant with its charge (review 14b, B77).
          if (el.size() >= 3 && el.back() == '+') {
            el.remove_suffix(1);
            while (!el.empty() && is_digit(el.back())) el.remove_suffix(1);
          }
          if (el.empty() || el.size() > 2 || !finder.symbols_.count(el)) return false;
          a = b + 1;
        }
        return true;
      };
      const bool dopants = dopant_list(core);
      if (core.empty() || !(is_formula(core) || is_material_acronym(core) || finder.single_words_cs_.count(core) ||
                            (core.size() <= 2 && finder.symbols_.count(core)) || dopants)) {
        return false;
      }
      symbols_only += (core.size() <= 2 && finder.symbols_.count(core)) || dopants;
      ++parts;
      if (to == std::string_view::npos) break;
      from = to + 1;
    }
    if (parts < 2 || symbols_only == parts) return false;
    size_t after = skip_spaces(view.text, view.tokens[k].end);
    if (after < view.text.size() && view.text[after] == '=') return false;
    for (size_t j = k + 1; j < n && j <= k + 2; ++j) {
      std::string_view w = view.folded[j];
      if (w.starts_with("ratio") || w.starts_with("proportion")) return false;
      if (!(w == "molar" || w == "atomic" || w == "mass" || w == "weight" || w == "mole" || w == "volume")) break;
    }
    return true;
  }
  // "H2-30 ppm", "NiO–40 wt%": the length of the material before a dash and the share of the next
  // material, else 0.
  size_t share_before(size_t k) const {
    std::string_view r = view.raw(k);
    // "50% H2–50% H2O": the percent sign glued to the share.
    const bool percent = r.back() == '%';
    if (percent) r.remove_suffix(1);
    size_t d = r.find_last_not_of("0123456789");
    if ((!percent && k + 1 >= n) || d == std::string_view::npos || d + 1 == r.size() || d < 1) return 0;
    size_t dash = r[d] == '-' ? 1 : (d >= 2 && dash_len(r, d - 2) == 3 ? 3 : 0);
    if (!dash) return 0;
    std::string_view unit = percent ? "%"sv : view.folded[k + 1];
    if (!(unit == "ppm" || unit == "ppb" || unit == "%" || unit.starts_with("wt") || unit.starts_with("vol") ||
          unit.starts_with("mol") || unit == "at%" || unit == "at.%")) {
      return 0;
    }
    std::string_view head = r.substr(0, d + 1 - dash);
    return is_formula(head) || is_material_acronym(head) ? head.size() : 0;
  }
  // "HCl (37 wt%)/HBr (48 wt%)", "ethanol (20 mL)/water (10 mL)": a slash list whose items carry an
  // amount in brackets. The tokenizer glues the closing bracket, the slash and the next item into one
  // token ("wt%)/HBr"), which the amount blocks; the item after ")/" is a material of its own. Returns
  // its offset in token k when it is one word of the lexicon, a formula or an acronym, else 0.
  __attribute__((noinline)) size_t item_after_bracket_slash(size_t k) const {
    std::string_view r = view.raw(k);
    size_t at = r.find(")/");
    if (at == std::string_view::npos || at + 2 >= r.size()) return 0;
    std::string_view item = r.substr(at + 2);
    if (item.find_first_of("()/") != std::string_view::npos) return 0;
    return material_word(item) ? at + 2 : 0;
  }
  // One word of the lexicon, a formula or an acronym: an item of a slash list read on its own.
  bool material_word(std::string_view item) const {
    return !item.empty() && (finder.single_words_cs_.count(item) || finder.single_words_.count(fold_case(item)) ||
                             (is_upper(item[0]) && (is_formula(item) || is_material_acronym(item))));
  }
  // "1:0.11:0.24:395:36 SiO2/CTAB/NaOH/H2O/EtOH": the molar composition of a gel or batch, one number
  // per slash-joined component, names the components' proportions, not a composite material. Three
  // components at least: "1:1 Pt/Ru" is as often a catalyst named with its ratio.
  __attribute__((noinline)) bool ratio_for_parts(size_t k, std::string_view parts) const {
    std::string_view r = view.raw(k);
    if (r.size() < 3 || !is_digit(r[0]) || !is_digit(r.back()) || !joined_by_space(k)) return false;
    size_t colons = 0;
    for (char c : r) {
      if (c == ':') ++colons;
      else if (!is_digit(c) && c != '.') return false;
    }
    size_t slashes = 0;
    for (char c : parts) slashes += c == '/';
    return colons >= 2 && colons == slashes;
  }
  // "Merced, CA, 95343, USA", "Boston, MA 02115": a two-letter state code before a ZIP code.
  bool state_before_zip(size_t k) const {
    if (view.raw(k).size() != 2 || k + 1 >= n) return false;
    std::string_view z = view.raw(k + 1);
    if (z.size() != 5 && z.size() != 10) return false;
    for (size_t c = 0; c < z.size(); ++c) {
      if (!(is_digit(z[c]) || (c == 5 && z[c] == '-'))) return false;
    }
    return true;
  }
  // "LEIS spectra", "EBSD maps", "IEDP experiments", "the CPE element", "the HF arc": an acronym
  // read as the modifier of a record, method or model noun names the technique, not a material
  // (techniques are excluded from material mentions; "YSZ electrolyte", "LSC film" name the
  // material and stay). Frequency ranges of an impedance spectrum (HF, MF, LF) are named the
  // same way before its arcs and resistances; "HF solution" stays hydrofluoric acid.
  bool technique_context(size_t k) const {
    if (k + 1 >= n || !joined_by_space(k)) return false;
    std::string_view next = view.folded[k + 1];
    if (next.size() > 3 && next.back() == 's' && next != "analysis") next.remove_suffix(1);
    static const StringMap<bool> kTechniqueNouns = word_set({
        "image", "micrograph", "map", "mapping", "spectra", "spectrum", "data", "analysis", "analyse",
        "measurement", "experiment", "technique", "method", "calculation", "simulation", "functional",
        "element", "model", "modelling", "modeling", "fitting", "signal", "software", "instrument", "setup",
        "facility", "grant", "project", "programme", "fund", "foundation"});
    if (kTechniqueNouns.count(next)) return true;
    std::string_view r = view.raw(k);
    if (r.size() == 2 && r[1] == 'F' && (r[0] == 'H' || r[0] == 'M' || r[0] == 'L')) {
      static const StringMap<bool> kSpectrumParts = word_set({
          "arc", "semicircle", "resistance", "region", "range", "response", "contribution", "process",
          "part", "intercept", "polarization", "polarisation", "impedance", "domain", "feature", "tail"});
      return kSpectrumParts.count(next) > 0;
    }
    return false;
  }
  // "determined by TGA", "during TGA", "TGA was performed under N2": the measurement, named by its
  // verbs; "capped by TGA", "TGA (0.2 mL) was added" stay the acid.
  bool tga_measurement_words(size_t k) const {
    if (k >= 1 && view.folded[k - 1] == "during") return true;
    if (k >= 2 && (view.folded[k - 1] == "by" || view.folded[k - 1] == "from" || view.folded[k - 1] == "using" ||
                   view.folded[k - 1] == "via") &&
        analysis_verb(view.folded[k - 2])) {
      return true;
    }
    static const StringMap<bool> kRun =
        word_set({"performed", "carried", "conducted", "recorded", "run", "done", "measured"});
    return k + 2 < n && (view.folded[k + 1] == "was" || view.folded[k + 1] == "were") &&
           kRun.count(view.folded[k + 2]);
  }
  __attribute__((noinline)) bool tga_technique(size_t k) {
    if (tga_paragraph < 0) {
      tga_paragraph = view.text.find("gravimetr"sv) != std::string_view::npos &&
                      view.text.find("thioglycol"sv) == std::string_view::npos;
    }
    if (tga_paragraph) return true;
    if (technique_context(k) || tga_measurement_words(k)) return true;
    static const StringMap<bool> kTechniques =
        word_set({"XPS", "SEM", "XRD", "DSC", "DTA", "TEM", "FTIR", "BET", "EDS", "EDX", "ICP", "MS"});
    if ((k > 0 && kTechniques.count(view.raw(k - 1))) || (k + 1 < n && kTechniques.count(view.raw(k + 1)))) return true;
    if (k + 1 < n && (view.folded[k + 1] == "test" || view.folded[k + 1] == "tests" || view.folded[k + 1] == "study")) {
      return true;
    }
    return k >= 2 && view.folded[k - 2] == "in" && (view.folded[k - 1] == "the" || view.folded[k - 1] == "a");
  }
  // "lanthanum-strontium-cobalt-ferrite": two or more metal names and an anion word, all joined by hyphens.
  bool hyphenated_metal_name(size_t k) const {
    std::string_view w = view.folded[k];
    size_t last = w.rfind('-');
    if (last == std::string_view::npos || w.size() < 15 || w.size() > 60) return false;
    std::string_view anion = w.substr(last + 1);
    if (!(has_suffix(anion, "ate") || has_suffix(anion, "ite") || has_suffix(anion, "ide") || has_suffix(anion, "ates") ||
          has_suffix(anion, "ites") || has_suffix(anion, "ides"))) {
      return false;
    }
    size_t metals = 0;
    for (size_t from = 0; from < last;) {
      size_t to = w.find('-', from);
      if (!finder.element_names_.count(w.substr(from, to - from))) return false;
      ++metals;
      from = to + 1;
    }
    return metals >= 2;
  }
  // "Pd-nanoparticles": the length of the formula before a hyphen and a nanostructure noun, else 0.
  size_t hyphen_nano_head(std::string_view r) const {
    size_t d = r.find("-nano");
    if (d == std::string_view::npos || d == 0 || r.find('-', d + 1) != std::string_view::npos) return 0;
    std::string_view noun = r.substr(d + 1);
    bool known = false;
    for (std::string_view w : {"nanoparticle"sv, "nanocrystal"sv, "nanowire"sv, "nanorod"sv, "nanosheet"sv, "nanotube"sv,
                               "nanofiber"sv, "nanofibre"sv, "nanocube"sv, "nanoplate"sv}) {
      known |= noun == w || (noun.size() == w.size() + 1 && noun.starts_with(w) && noun.back() == 's');
    }
    return known && is_formula(r.substr(0, d)) ? d : 0;
  }
  // Length of a nanostructure abbreviation glued to a formula ("AgNPs" → 3), else 0.
  size_t glued_nano(std::string_view r) const {
    // Each ends in a capital and 's' (tested first: most tokens end otherwise).
    if (r.size() < 5 || r.back() != 's' || !is_upper(r[r.size() - 2])) return 0;
    for (std::string_view a : {"NPs"sv, "NCs"sv, "NWs"sv, "QDs"sv, "NRs"sv}) {
      if (r.size() > a.size() + 1 && has_suffix(r, a) && is_formula(r.substr(0, r.size() - a.size()))) return a.size();
    }
    return 0;
  }
  // Cation forms of zeolites: "NH4-beta", "H-mordenite", "Na-Y"; "H-type ZSM-5" (two tokens).
  // Returns the number of tokens, 0 when token k is none.
  size_t zeolite_form(size_t k) const {
    std::string_view r = view.raw(k);
    size_t d = r.find('-');
    if (d == std::string_view::npos || d == 0 || d > 3 || r.size() > 20) return 0;
    std::string_view cation = r.substr(0, d);
    bool known = false;
    for (std::string_view c : {"H"sv, "Na"sv, "K"sv, "Li"sv, "Cs"sv, "Ca"sv, "Mg"sv, "NH4"sv, "Cu"sv, "Fe"sv, "Co"sv,
                               "Ni"sv, "Zn"sv, "Ag"sv}) {
      known |= cation == c;
    }
    std::string_view rest = view.folded[k].substr(d + 1);
    // "Sn-Beta", "Ti-Beta", "Zr-beta": a metal-substituted Beta framework (review 17a, M14).
    if (!known && rest == "beta") {
      for (std::string_view c : {"Sn"sv, "Ti"sv, "Zr"sv, "Ga"sv, "B"sv, "Hf"sv, "Nb"sv, "Al"sv}) known |= cation == c;
    }
    if (!known) return 0;
    if (rest == "type") {
      bool next = k + 1 < n && !blocked[k + 1] && joined_by_space(k) &&
                  (is_material_acronym(view.raw(k + 1)) || is_composite(view.raw(k + 1)));
      return next ? 2 : 0;
    }
    for (std::string_view z : {"beta"sv, "mordenite"sv, "zeolite"sv, "zeolites"sv, "faujasite"sv, "ferrierite"sv,
                               "chabazite"sv, "clinoptilolite"sv, "y"sv, "x"sv, "a"sv, "l"sv}) {
      if (rest == z) return 1;
    }
    return 0;
  }
  // Context cues after which a named chemical is no reagent of the procedure (rules-8; MSP leaves
  // these unannotated or marks them Nonrecipe-Material). `k` is the first token after the mention.
  // These helpers are out of line (noinline): inlined, they grew find() past GCC's inlining budget and
  // the string_view calls of the per-token path stopped being inlined (+1.3% instructions).
  // "Glassy carbon (GC) electrodes": the noun after a mention, past a bracketed abbreviation.
  // "Ag/AgCl (3 M KCl) reference electrode": a bracket of up to four tokens (s16-mat).
  __attribute__((noinline)) size_t noun_after(size_t k) const {
    if (k + 1 >= n || view.tokens[k].begin == 0 || view.text[view.tokens[k].begin - 1] != '(') return k;
    for (size_t j = k; j < n && j < k + 4; ++j) {
      if (view.tokens[j].end < view.text.size() && view.text[view.tokens[j].end] == ')') return j + 1;
      if (j + 1 < n && !joined_by_space(j)) break;
    }
    return k;
  }
  // "an Ag/AgCl electrode", "a platinum electrode": the electrodes of a measuring cell are apparatus.
  // Only an electrode with its part in a three-electrode cell named near it: a deposited "Au electrode"
  // of a device is a material of the paper.
  __attribute__((noinline)) bool electrode_after(size_t k) const {
    k = noun_after(k);
    // "Ag/AgCl (3 M KCl) reference electrode": the cell part before the noun.
    if (k + 1 < n && (view.folded[k] == "reference" || view.folded[k] == "working" || view.folded[k] == "counter")) ++k;
    if (k >= n || (view.folded[k] != "electrode" && view.folded[k] != "electrodes")) return false;
    for (size_t j = k >= 8 ? k - 8 : 0; j < n && j <= k + 6; ++j) {
      std::string_view w = view.folded[j];
      if (w == "working" || w == "counter" || w == "auxiliary" || w == "reference") return true;
    }
    return cell_part_later_in_sentence(k);
  }
  // "GC electrodes (CH Instruments, USA) of 3 mm diameter were used as the working electrode": the
  // cell part is named later in the same sentence, past a supplier and a size (MSP dev-a). Tokens
  // after the electrode noun k to the sentence's end, at most 26.
  __attribute__((noinline)) bool cell_part_later_in_sentence(size_t k) const {
    for (size_t j = k + 1; j < n && j < k + 27 && !gap_has(j - 1, '.'); ++j) {
      std::string_view w = view.folded[j];
      if (w == "working" || w == "counter" || w == "auxiliary" || w == "reference") return true;
    }
    return false;
  }
  // "a Pt wire as the counter electrode", "platinum foil as the auxiliary electrode".
  __attribute__((noinline)) bool cell_electrode_after(size_t k) const {
    if (k < n && (view.folded[k] == "wire" || view.folded[k] == "foil" || view.folded[k] == "plate" ||
                  view.folded[k] == "sheet" || view.folded[k] == "rod" || view.folded[k] == "gauze")) {
      ++k;
    }
    if (k >= n || view.folded[k] != "as") return false;
    ++k;
    if (k < n && (view.folded[k] == "a" || view.folded[k] == "an" || view.folded[k] == "the")) ++k;
    return k + 1 < n && (view.folded[k] == "counter" || view.folded[k] == "working" || view.folded[k] == "auxiliary" ||
                         view.folded[k] == "reference") && has_prefix(view.folded[k + 1], "electrode"sv);
  }
  // "using Al2O3 as reference", "Si as an internal standard": a reference of an analysis.
  // "BaSO4 as the reflectance standard", "as the white reference", "AgNO3 as an electron scavenger",
  // "methanol as the sacrificial agent": one word may qualify the noun, and the scavengers and
  // sacrificial agents of a photocatalytic test are its probes, no reagents (review 18b, B3 B4).
  __attribute__((noinline)) bool analysis_reference_after(size_t k) const {
    if (k >= n || view.folded[k] != "as") return false;
    ++k;
    if (k < n && (view.folded[k] == "a" || view.folded[k] == "an" || view.folded[k] == "the")) ++k;
    // The noun must end its phrase: "as a reference catalyst", "as the reference sample" name a
    // material kept for comparison, which stays (review 18e, R7-R13). Scavengers and sacrificial
    // agents were dropped here too until review 18e found them in photodeposition steps (R18-R21).
    auto probe_noun = [&](size_t j) {
      std::string_view w = view.folded[j];
      if (w != "reference" && w != "standard" && w != "standards") return false;
      if (j + 1 >= n || !joined_by_space(j)) return true;
      std::string_view next = view.folded[j + 1];
      return next == "for" || next == "in" || next == "to" || next == "and" || next == "of" || next == "with";
    };
    if (k >= n) return false;
    return probe_noun(k) || (k + 1 < n && joined_by_space(k) && probe_noun(k + 1));
  }
  // "Chemical shifts were referenced to TMS", "calibrated using α-Fe foil": the reference of a
  // measurement named after the verb (review 18b, B4). `i` is the mention's first token.
  __attribute__((noinline)) bool analysis_reference_before(size_t i) const {
    if (i < 2) return false;
    std::string_view w = view.folded[i - 1];
    if (w != "to" && w != "using" && w != "with" && w != "against") return false;
    return has_prefix(view.folded[i - 2], "referenc"sv) || has_prefix(view.folded[i - 2], "calibrat"sv);
  }
  // A one-letter element symbol followed by a bracket giving a purity or an amount, after a list
  // separator: "and S (shots, 99.9999%)", "B (0.2 mmol)". Sample names ("sample C (10 mg)") have a
  // word before them.
  // After "the", the reagent noun after the bracket says so: "The S (3 mmol) precursor" (review 13b, D14).
  __attribute__((noinline)) bool one_letter_reagent(size_t k) const {
    size_t e = view.tokens[k].end;
    if (e + 2 >= view.text.size() || view.text[e] != ' ' || view.text[e + 1] != '(') return false;
    size_t close = view.text.find(')', e + 2);
    if (close == std::string_view::npos || close > e + 60) return false;
    // "by dissolving S (0.2 mmol) in ODE": an input verb names it a reagent too (review 15a, A30).
    if (k > 0 && !(view.folded[k - 1] == "and" || view.folded[k - 1] == "or" || view.folded[k - 1] == "with" ||
                   view.folded[k - 1] == "of" || gap_has(k - 1, ',') ||
                   input_gerund(view.folded[k - 1]) ||
                   (view.folded[k - 1] == "the" && reagent_noun_after(close + 1)))) {
      return false;
    }
    std::string_view inside = view.text.substr(e + 2, close - e - 2);
    if (inside.empty() || !(is_digit(inside[0]) || is_lower(inside[0]))) return false;
    return inside.find('%') != std::string_view::npos || inside.find("mmol"sv) != std::string_view::npos ||
           inside.find("mg"sv) != std::string_view::npos;
  }
  // "dissolving", "adding": a verb that takes a reagent as its object.
  static bool input_gerund(std::string_view w) {
    return w == "dissolving" || w == "dissolve" || w == "mixing" || w == "adding" || w == "injecting" ||
           w == "loading";
  }
  // Whether the text at `at` is " precursor", " source", " powder" (a word that names a reagent).
  bool reagent_noun_after(size_t at) const {
    const std::string_view rest = view.text.substr(std::min(at, view.text.size()));
    for (std::string_view w : {" precursor"sv, " source"sv, " powder"sv}) {
      if (rest.starts_with(w)) return true;
    }
    return false;
  }
  // A one-letter element as the solute: "a 0.2 M stock solution of S in OAm", "a mixture of S in
  // ODE", "dissolving S in OAm"; not a share of an element ("the content of C in the film").
  __attribute__((noinline)) bool one_letter_solute(size_t k) const {
    if (k < 2) return false;
    std::string_view prev = view.folded[k - 1], before = view.folded[k - 2];
    bool in_next = k + 1 < n && view.folded[k + 1] == "in";
    if (prev == "of") {
      static const StringMap<bool> kSolutionNouns = word_set({
          "solution", "solutions", "dispersion", "suspension", "mixture", "slurry"});
      static const StringMap<bool> kShareNouns = word_set({
          "content", "contents", "amount", "amounts", "fraction", "percentage", "ratio", "loading", "concentration",
          "distribution", "presence", "role", "effect", "effects", "diffusion", "incorporation", "solubility",
          "segregation", "doping", "substitution", "replacement", "deficiency", "excess", "state", "states"});
      return kSolutionNouns.count(before) || (in_next && !kShareNouns.count(before));
    }
    // "0.2 M S in ODE", "32 mg S in 2 mL OAm": right after an amount.
    if (in_next && blocked[k - 1] && !is_digit(view.raw(k - 1).back())) return true;
    // "TOP–S (1.3 mL, 0.12 g S)": a weighed solute that closes the bracket of its stock solution.
    if (weighed_before(k) && view.tokens[k].end < view.text.size() && view.text[view.tokens[k].end] == ')') return true;
    return in_next && (prev == "dissolving" || prev == "dissolved" || prev == "dissolve" || prev == "dissolves");
  }
  // Whether token k follows a number and a mass or mole unit ("0.12 g", "1 mmol").
  bool weighed_before(size_t k) const {
    if (k < 2 || !is_digit(view.raw(k - 2).back())) return false;
    std::string_view u = view.folded[k - 1];
    return u == "g" || u == "mg" || u == "mmol" || u == "mol" || u == "µmol" || u == "μmol";
  }
  // A one-letter element that closes a list of reagents paired with amounts: "0.2, 1 and 2 mmol of
  // CdO, Se and S, respectively" (the item before it a formula or an element symbol).
  __attribute__((noinline)) bool one_letter_listed(size_t k) const {
    if (k < 2 || k + 1 >= n || view.folded[k + 1] != "respectively") return false;
    size_t item = view.folded[k - 1] == "and" || view.folded[k - 1] == "or" ? k - 2 : k - 1;
    if (item + 1 == k && !gap_has(item, ',')) return false;
    return element_token(item) || is_formula(view.raw(item));
  }
  // A one-letter element as the solute of a solution whose bracket gives its make-up: "and S in ODE
  // (0.1 M)", "S in OAm (1 M, 2 mL)". Not after "of" ("the content of S in CdS (5%)": one_letter_solute())
  // nor as a sample's label ("sample S in toluene (5 mg/mL)").
  __attribute__((noinline)) bool one_letter_solution(size_t k) const {
    if (k + 2 >= n || view.folded[k + 1] != "in") return false;
    if (k > 0 && (view.folded[k - 1] == "of" || view.folded[k - 1] == "sample" || view.folded[k - 1] == "samples" ||
                  is_label_word_before(view, k))) {
      return false;
    }
    size_t e = view.tokens[k + 2].end;
    return e + 2 < view.text.size() && view.text[e] == ' ' && view.text[e + 1] == '(' && is_digit(view.text[e + 2]);
  }
  // A one-letter element symbol named with its physical form: "S powder (0.032 g)", "B powders",
  // "Si shots"; the form noun says a reagent is weighed out (session 11). Sample labels ("sample S
  // powder", "Fig. 2 C powder") have a label word or a number before them.
  __attribute__((noinline)) bool one_letter_form(size_t k) const {
    if (k + 1 >= n || !joined_by_space(k)) return false;
    static const StringMap<bool> kFormNouns = word_set({
        "powder", "powders", "shot", "shots", "granules", "flakes", "pieces", "lumps", "chunks", "ingot", "ingots"});
    if (!kFormNouns.count(view.folded[k + 1])) return false;
    if (k == 0) return true;
    std::string_view prev = view.folded[k - 1];
    return !(prev == "sample" || prev == "samples" || prev == "series" || prev == "type" || prev == "group" ||
             is_label_word_before(view, k) || is_digit(prev.back()));
  }
  bool element_token(size_t k) const {
    return (view.raw(k).size() <= 2 && finder.symbols_.count(view.raw(k))) ||
           finder.element_names_.count(view.folded[k]);
  }
  // "nickel sulphate as a source of nickel", "precursors for Bi and S", "the loading amount of Ge":
  // the element a reagent supplies or a catalyst carries, not a reagent itself. `k` is the element.
  __attribute__((noinline)) bool supplied_element(size_t k) const {
    size_t j = k;
    for (int steps = 0; steps < 4 && j >= 1; ++steps) {  // back over "Zn, Cd and Pb"
      size_t p = j - 1;
      if ((view.folded[p] == "and" || view.folded[p] == "or") && p >= 1 && element_token(p - 1)) {
        j = p - 1;
      } else if (gap_has(p, ',') && element_token(p)) {
        j = p;
      } else {
        break;
      }
    }
    // "LiMn2O4 doped with 5 mol% Cr": the dopant's share (a percentage) between "with" and the
    // element. A weighed amount, "doped with 0.3 mol Ga", is a reagent put in (review 14b, C11).
    size_t share = j;
    while (share > 0 && j - share < 4 && blocked[share - 1]) --share;
    if (share != j) {
      if (share < 2 || view.raw(j - 1).find('%') == std::string_view::npos) return false;
      std::string_view w = view.folded[share - 1], h = view.folded[share - 2];
      return (w == "with" || w == "by") &&
             (h == "doped" || h == "co-doped" || h == "codoped" || h == "substituted" || h == "co-substituted");
    }
    if (j < 2) return false;
    std::string_view w = view.folded[j - 1], h = view.folded[j - 2];
    if (w == "of") {
      // "to confirm the stoichiometry of lithium, nickel and cobalt": the make-up of a product.
      // "the content of Ni in the catalyst": an element's share of a product (like "the Ni content").
      return h == "source" || h == "sources" || h == "loading" || h == "loadings" || h == "stoichiometry" ||
             h == "content" || h == "contents" ||
             (h == "amount" && j >= 3 && view.folded[j - 3] == "loading");
    }
    // "SrTiO3 doped with Y, La, Gd", "ferrites co-doped with cobalt": the dopants a product carries
    // (MSP marks "Al doped" as a descriptor; SOFC-Exp leaves the dopant list out) (session 11).
    if (w == "with" || w == "by") {
      return h == "doped" || h == "co-doped" || h == "codoped" || h == "substituted" || h == "co-substituted";
    }
    return w == "for" && (h == "source" || h == "sources" || h == "precursor" || h == "precursors");
  }
  // "contained 20 wt.% Pt.", "(30% Pd)", "75% Ag basis": the element at token k written right after a
  // percentage (the caller checks that the token before is a quantity) and closing the phrase: a ')'
  // or a sentence's full stop after it, or "basis". The share opens a bracket or follows "contain",
  // a statement of what a product is made of; a list of shares in a recipe ("based on LSM 30 wt% and
  // 70 wt% Ni") names its ingredients. Gases are left out: they are fed as shares of a mixture. `k`
  // is the element.
  __attribute__((noinline)) bool metal_share(size_t k) const {
    size_t b = view.tokens[k].begin;
    while (b > 0 && view.text[b - 1] == ' ') --b;
    if (b == 0 || view.text[b - 1] != '%') return false;
    size_t q = k - 1;  // the first token of the percentage
    while (q > 0 && k - q < 4 && blocked[q - 1]) --q;
    bool basis = k + 1 < n && view.folded[k + 1] == "basis";
    bool bracket = view.tokens[q].begin > 0 && view.text[view.tokens[q].begin - 1] == '(';
    bool contains = q > 0 && has_prefix(view.folded[q - 1], "contain"sv);
    // "impregnated with H2PtCl6 solution to give 1 wt% Pt.": the loading a recipe aims at (review 18b, B6).
    contains |= q > 0 && (view.folded[q - 1] == "give" || view.folded[q - 1] == "obtain" ||
                          view.folded[q - 1] == "yield" || view.folded[q - 1] == "achieve");
    if (!basis && !bracket && !contains) return false;
    // "the nano-AFL contains 50 vol% Ni": a volume share is a cermet's designed make-up, its metal a
    // phase of the made layer (SOFC-Exp marks it), not an assay of a bought product.
    for (size_t t = q; t < k; ++t) {
      if (has_prefix(view.folded[t], "vol"sv)) return false;
    }
    std::string_view raw_k = view.raw(k);
    std::string_view symbol;
    if (raw_k.size() <= 2 && finder.symbols_.count(raw_k)) {
      symbol = raw_k;
    } else if (auto it = finder.element_names_.find(view.folded[k]); it != finder.element_names_.end()) {
      symbol = it->second;
    } else {
      return false;
    }
    for (std::string_view gas : {"H"sv, "N"sv, "O"sv, "F"sv, "Cl"sv, "He"sv, "Ne"sv, "Ar"sv, "Kr"sv, "Xe"sv}) {
      if (symbol == gas) return false;
    }
    size_t e = view.tokens[k].end;
    if (k + 1 >= n) return e >= view.text.size() || view.text[e] == '.' || view.text[e] == ')';
    if (view.folded[k + 1] == "basis") return true;
    // "(20 wt% Pt, Johnson Matthey)", "contained 40 wt% Pt and was used as received", "(20 wt% Pt;
    // E-TEK)": a comma, a semicolon or "and"/"or" closes the share as well as a bracket does.
    if (joined_by_space(k)) {
      return view.folded[k + 1] == "and" || view.folded[k + 1] == "or";
    }
    return view.text[e] == ')' || view.text[e] == ',' || view.text[e] == ';' ||
           (view.text[e] == '.' && (e + 1 >= view.text.size() || view.text[e + 1] == ' '));
  }
  // "high amount of", "lower contents of": token k is the share noun before "of", with a high or low
  // degree word before it, and the mention [k + 2, end) is stated as the make-up of an analysed
  // material. In a recipe or an ablation the same words name the reagent being varied ("grown with
  // low amounts of AgNO3 (10 uL, 4 mM)", "a high amount of OA gave nanocubes"), so the sentence must
  // speak of a composition: a possession verb before the share ("the ash has", "contains"), an
  // analysis word ("composition", "concentrations", "XRF", "EDX"), or "available" after the name; and
  // no bracket other than a bare percentage ("(3.53%)") may follow the name (review 8b, R1).
  __attribute__((noinline)) bool high_low_share(size_t k, size_t end) const {
    static const StringMap<bool> kShareNouns = word_set({
        "amount", "amounts", "content", "contents", "proportion", "proportions", "level", "levels"});
    if (!kShareNouns.count(view.folded[k])) return false;
    std::string_view d = view.folded[k - 1];
    if (!(d == "high" || d == "low" || d == "higher" || d == "lower")) return false;
    size_t e = view.tokens[end - 1].end;
    size_t b = e;
    while (b < view.text.size() && view.text[b] == ' ') ++b;
    if (b < view.text.size() && view.text[b] == '(') {
      size_t c = b + 1;
      while (c < view.text.size() && (is_digit(view.text[c]) || view.text[c] == '.' || view.text[c] == ' ')) ++c;
      if (c == b + 1 || c + 1 >= view.text.size() || view.text[c] != '%' || view.text[c + 1] != ')') return false;
    }
    auto analysis = [](std::string_view w) {
      return has_prefix(w, "composition"sv) || has_prefix(w, "component"sv) || has_prefix(w, "concentration"sv) ||
             has_prefix(w, "analys"sv) || has_prefix(w, "analyz"sv) || w == "xrf" || w == "edx" || w == "eds" ||
             w == "eds," || w == "icp";
    };
    // "anode graded composition of Ni and SDC ... (higher content of SDC close to the fuel
    // entrance)": a graded or layered composition is a design, its phases are materials (rev8c-6).
    auto designed = [&](size_t j) {
      if (j == 0 || !has_prefix(view.folded[j], "composition"sv)) return false;
      std::string_view p = view.folded[j - 1];
      return p == "graded" || p == "gradient" || p == "layered" || p == "functionally";
    };
    if (end < n && view.folded[end] == "available") return true;
    for (size_t j = k; j-- > 0 && !gap_has(j, '.');) {
      std::string_view w = view.folded[j];
      if (designed(j)) return false;
      if (analysis(w) || has_prefix(w, "contain"sv) || w == "has" || w == "have" || w == "had") return true;
    }
    for (size_t j = end; j < n; ++j) {
      if (analysis(view.folded[j])) return true;
      if (j + 1 < n && gap_has(j, '.')) break;
    }
    return false;
  }
  // The dyes of photocatalytic tests, by name or by their usual abbreviation.
  bool test_dye(const MaterialMention& mm, std::string_view first_raw, size_t tokens) const {
    if (tokens == 1) {
      return first_raw == "MB" || first_raw == "MO" || first_raw == "RhB" || first_raw == "RB" ||
             first_raw == "R6G";
    }
    return mm.normalized == "methylene blue" || mm.normalized == "methyl orange" || mm.normalized == "rhodamine b";
  }
  // Whether the sentence around tokens [first, end) speaks of a photocatalytic test: "photocatalytic",
  // "photocatalyst", "(photo)degradation", "pollutant".
  // Sentences here are the tokens between gaps that hold a '.'; a cue counts before the mention in
  // its first token's sentence or from `end` on in the sentence of token `end`. The cue positions of
  // each sentence are found once per paragraph, at the first question: a scan per mention was
  // quadratic in a paragraph without full stops (1 MB of "MO, ": over 60 s; session 11).
  __attribute__((noinline)) bool photocatalytic_sentence(size_t first, size_t end) {
    if (sentence_of.empty()) {
      sentence_of.assign(n, 0);
      for (size_t k = 0; k + 1 < n; ++k) sentence_of[k + 1] = sentence_of[k] + (gap_has(k, '.') ? 1 : 0);
      sentence_cues.assign(n ? sentence_of[n - 1] + 1 : 0, {n, n});
      for (size_t k = 0; k < n; ++k) {
        std::string_view w = view.folded[k];
        if (!has_prefix(w, "photocataly"sv) && !has_suffix(w, "degradation"sv) && !has_prefix(w, "pollutant"sv)) continue;
        auto& [lo, hi] = sentence_cues[sentence_of[k]];
        if (lo == n) lo = k;
        hi = k;
      }
    }
    if (first < n && first > 0 && sentence_cues[sentence_of[first]].first < first) return true;
    if (end < n) {
      const auto& [lo, hi] = sentence_cues[sentence_of[end]];
      if (lo != n && hi >= end) return true;
    }
    return false;
  }
  // "(Graphene Supermarket, USA)", "(Nippon Sheet Glass, Japan)": a company name whose first word is a
  // material, in a bracket that ends with the company's country. `k` is the mention's first token.
  __attribute__((noinline)) bool company_in_bracket(size_t k) const {
    static const StringMap<bool> kCountries = word_set({
        "usa", "u.s.a", "us", "uk", "china", "p.r. china", "japan", "korea", "germany", "france", "india", "italy",
        "spain", "switzerland", "belgium", "netherlands", "sweden", "denmark", "norway", "finland", "austria",
        "canada", "australia", "taiwan", "singapore", "malaysia", "iran", "brazil", "russia", "poland", "israel",
        "mexico", "turkey", "ireland", "portugal", "czech", "thailand"});
    size_t j = k + 1;
    while (j < n && j < k + 4 && joined_by_space(j - 1) && !view.raw(j).empty() && is_upper(view.raw(j)[0])) ++j;
    if (j == k + 1 || j >= n || !gap_has(j - 1, ',') || !kCountries.count(view.folded[j])) return false;
    return gap_has(j, ')');
  }
  // "Asbury Carbons Pty Ltd", "TA Waters LLC", "FHR Anlagenbau GmbH": capitalised words that end in a
  // company's legal form name a supplier, not a material (session 11). `k` is the mention's last
  // token; up to three more capitalised words may come before the legal form.
  __attribute__((noinline)) bool company_name_after(size_t k) const {
    static const StringMap<bool> kLegalForms = word_set({
        "ltd", "ltd.", "inc", "inc.", "corp", "corp.", "corporation", "gmbh", "llc", "pty", "technologies",
        "industries", "instruments", "incorporated", "limited"});
    if (view.raw(k).empty() || !is_upper(view.raw(k)[0])) return false;
    for (size_t j = k + 1; j < n && j <= k + 4 && joined_by_space(j - 1); ++j) {
      if (view.raw(j).empty() || !is_upper(view.raw(j)[0])) return false;
      if (kLegalForms.count(view.folded[j])) return true;
      // "Nanjing XFNANO Materials Tech Co., Ltd": "Co." is a company only before its legal form.
      if (view.folded[j] == "co" && j + 1 < n && kLegalForms.count(view.folded[j + 1])) return true;
    }
    return false;
  }
  // "St. Louis, MO, USA", "Cleveland, OH, USA", "Ward Hill, MA 01835": a US state's postal code in a
  // supplier's address, not molybdenum oxide, hydroxide or a paper-local acronym (session 11). `k`
  // is the mention's token: two capitals after a comma, before ", USA" or a five-digit ZIP code.
  __attribute__((noinline)) bool us_state_in_address(size_t k) const {
    std::string_view raw_k = view.raw(k);
    if (raw_k.size() != 2 || !is_upper(raw_k[0]) || !is_upper(raw_k[1]) || k == 0 || !gap_has(k - 1, ',')) {
      return false;
    }
    size_t e = view.tokens[k].end;
    if (e < view.text.size() && view.text[e] == ',') ++e;
    while (e < view.text.size() && view.text[e] == ' ') ++e;
    std::string_view after = view.text.substr(e, 13);
    if (after.starts_with("USA"sv) || after.starts_with("U.S.A"sv) || after.starts_with("United States"sv)) {
      return true;
    }
    if (after.size() >= 6 && std::all_of(after.begin(), after.begin() + 5, is_digit) && !is_digit(after[5])) return true;
    // "(St. Louis, MO)": a state closing a bracket after a city's name; not a list of cations "(FA, MA)"
    // or "(Cs, MA)", whose item before is an acronym or an element.
    static const StringMap<bool> kStates = word_set({"MO", "MA", "PA", "OH", "NJ", "NY", "CA", "WI", "IL", "MI",
                                                     "NH", "CT", "DE", "FL", "WA", "TX", "MN", "MD"});
    std::string_view prev = view.raw(k - 1);
    return view.tokens[k].end < view.text.size() && view.text[view.tokens[k].end] == ')' && kStates.count(raw_k) &&
           prev.size() >= 3 && is_upper(prev[0]) && is_lower(prev[1]) &&
           !finder.element_names_.count(view.folded[k - 1]);
  }
  // "Golden CO 80401", "Hanwha CO., Ltd.": "CO" (carbon monoxide in the lexicon) as Colorado's postal
  // code before a ZIP code or as a company's "Co." written in capitals before its legal form.
  __attribute__((noinline)) bool colorado_or_company_co(size_t k) const {
    if (view.raw(k) != "CO"sv) return false;
    if (state_before_zip(k)) return true;
    std::string_view after = view.text.substr(view.tokens[k].end, 8);
    return after.starts_with("., Ltd"sv) || after.starts_with("., LTD"sv) || after.starts_with(". Ltd"sv);
  }
  // "purchased from Asbury Graphite Mills", "obtained from Graphene Supermarket": a capitalised word
  // inside the name of the supplier a reagent came from (session 11). `i` and `len` give the mention:
  // a capitalised word after "from"/"by" and a supplying verb, with more capitalised words of the
  // name before or after it and no punctuation in between.
  __attribute__((noinline)) bool in_supplier_name(size_t i, size_t len) const {
    static const StringMap<bool> kSupplyVerbs = word_set({
        "purchased", "obtained", "supplied", "bought", "provided", "received", "acquired", "donated", "sourced",
        "ordered", "procured"});
    auto name_word = [&](size_t k) {
      std::string_view r = view.raw(k);
      return r.size() >= 2 && is_upper(r[0]) && std::all_of(r.begin() + 1, r.end(), is_lower);
    };
    if (!name_word(i) || i < 2) return false;
    size_t j = i;
    while (j > 0 && i - j < 3 && joined_by_space(j - 1) && name_word(j - 1)) --j;
    if (j < 2 || !joined_by_space(j - 1) || !(view.folded[j - 1] == "from" || view.folded[j - 1] == "by") ||
        !kSupplyVerbs.count(view.folded[j - 2])) {
      return false;
    }
    return j < i || (i + len < n && joined_by_space(i + len - 1) && name_word(i + len));
  }
  // "Philips XL 30", "FEI TECNAI F20", "ZEISS SUPRA 55-VP", "diffractometer PW 3050/60", "MOST
  // 104-2221-E-002-104": an all-capital word with no lexicon entry followed by a model or grant number
  // names an instrument or a funder (session 11). `k` is the mention's token; the number must be no
  // quantity (blocked) and no grade letter may follow it ("STS 434 L" is a steel).
  __attribute__((noinline)) bool model_number_after(size_t k) const {
    std::string_view raw_k = view.raw(k);
    if (raw_k.size() < 2 || raw_k.size() > 7 || !std::all_of(raw_k.begin(), raw_k.end(), is_upper)) return false;
    if (k + 1 >= n || blocked[k + 1] || !joined_by_space(k)) return false;
    std::string_view t = view.raw(k + 1);
    size_t letters = 0;
    while (letters < t.size() && letters < 4 && is_upper(t[letters])) ++letters;
    size_t digits = letters;
    while (digits < t.size() && is_digit(t[digits])) ++digits;
    if (digits - letters < 2) return false;
    std::string_view rest = t.substr(digits);
    bool model = letters > 0 ? rest.size() <= 1 : (digits <= 3 && (rest.empty() || rest[0] == '-' || rest[0] == '/'));
    model |= letters == 0 && !rest.empty() && (rest[0] == '/' || (rest[0] == '-' && rest.size() > 1 && is_digit(rest[1])));
    if (!model) return false;
    return !(k + 2 < n && joined_by_space(k + 1) && view.raw(k + 2).size() == 1 && is_upper(view.raw(k + 2)[0]));
  }
  // "a Barnstead Model 525 Biopure Distilled Water Center", "a Jelight Model 42 UV-Ozone cleaner": the
  // words after a model number name the instrument. `k` is the mention's first token.
  __attribute__((noinline)) bool after_model_number(size_t k) const {
    for (size_t j = k; j-- > 0 && j + 4 > k;) {
      if (j >= 1 && view.folded[j - 1] == "model" && view.raw(j).find_first_of("0123456789") != std::string_view::npos) {
        return true;
      }
      if (view.raw(j).empty() || !is_upper(view.raw(j)[0])) return false;
    }
    return false;
  }
  // "Micromeritics ASAP 2020", "Shimadzu UV-2600", "Thermo ESCALAB 250Xi", "a Vario EL cube": the
  // word after an instrument maker's name is its model, not a material (review 18b, B8; MSP files
  // makers as Brand and instruments as Characterization-Apparatus). `i` is the mention's first token.
  bool after_instrument_maker(size_t i) const {
    std::string_view prev = view.raw(i - 1);
    return !prev.empty() && is_upper(prev[0]) && joined_by_space(i - 1) && finder.makers_.count(prev);
  }
  // "digested in HNO3/HF for ICP-OES analysis", "by ICP-AES after dissolution in HF": an acid that
  // dissolves a sample for an elemental analysis named in the same sentence (review 18b, B10; MSP
  // files characterisation reagents as Nonrecipe-Material). `i` is the mention's first token.
  bool digestion_for_analysis(size_t i) const {
    if (i < 2 || view.folded[i - 1] != "in"sv) return false;
    std::string_view v = view.folded[i - 2];
    if (!has_prefix(v, "digest"sv) && !has_prefix(v, "dissolution"sv)) return false;
    auto analysis = [&](size_t j) {
      std::string_view r = view.raw(j);
      return has_prefix(r, "ICP"sv) || r == "AAS"sv || r == "ICP-MS"sv;
    };
    for (size_t j = i; j-- > 0 && j + 16 > i && !gap_has(j, '.');) {
      if (analysis(j)) return true;
    }
    for (size_t j = i + 1; j < n && j < i + 16 && !gap_has(j - 1, '.'); ++j) {
      if (analysis(j)) return true;
    }
    return false;
  }
  // "Ag/AgCl (3 M KCl) as the reference electrode", "potentials vs. Hg/HgO": a silver or mercury
  // couple with its own salt is the reference electrode of a test cell when "reference", "electrode"
  // or "vs" is near (MSP dev: "An Ag/AgCl electrode (1 M KCl) was used as the reference" no
  // Material); an "Ag/AgCl photocatalyst" is a product and stays. `i` is the slash token.
  bool reference_electrode(size_t i, std::string_view raw) const {
    if (raw.size() < 6 || raw[2] != '/' || !(raw.starts_with("Ag/Ag"sv) || raw.starts_with("Hg/Hg"sv))) return false;
    // "The Ag/AgCl electrode was prepared by anodizing", "to form an Ag/AgCl electrode": made here;
    // "Ag/AgCl composites ... reference photocatalysts": a product (review 18e, R13, R28-R29). Up to
    // 12 tokens either side within the sentence: "... were prepared. An Ag/AgCl electrode was the
    // reference" names another material's making.
    auto made = [&](size_t j) {
      std::string_view w = view.folded[j];
      return has_prefix(w, "prepar"sv) || has_prefix(w, "anodiz"sv) || has_prefix(w, "fabricat"sv) ||
             has_prefix(w, "synthesi"sv) || w == "form" || w == "formed" || has_prefix(w, "composite"sv) ||
             has_prefix(w, "photocatal"sv);
    };
    for (size_t j = i; j-- > 0 && j + 12 >= i && !gap_has(j, '.');) {
      if (made(j)) return false;
    }
    for (size_t j = i + 1; j < n && j <= i + 12 && !gap_has(j - 1, '.'); ++j) {
      if (made(j)) return false;
    }
    auto cue = [&](size_t j) {
      std::string_view w = view.folded[j];
      return w == "reference" || has_prefix(w, "electrode"sv) || w == "vs" || w == "versus";
    };
    for (size_t j = i >= 3 ? i - 3 : 0; j < i; ++j) {
      if (cue(j)) return true;
    }
    for (size_t j = i + 1; j < n && j <= i + 7 && !gap_has(j - 1, '.'); ++j) {
      if (cue(j)) return true;
    }
    return false;
  }
  // "CO oxidation was tested", "Methanol oxidation was studied", "methane combustion": a molecule of
  // no metal before the noun of a catalytic test reaction names the reaction, not a reagent (review
  // 18b, B11; MSP dev: "low-temperature CO oxidation" is no Material). A metal, an element or an
  // oxide that is oxidised ("Ti oxidation", "Fe3O4 oxidation") and "oxidation state" stay.
  bool test_reaction_name(size_t i, size_t len, std::string_view raw, const MaterialMention& m) const {
    size_t k = i + len;
    if (k >= n || !joined_by_space(k - 1)) return false;
    std::string_view w = view.folded[k];
    if (w != "oxidation"sv && w != "combustion"sv && w != "reforming"sv) return false;
    // Named as a test: its subject, its activity or its test, or run over a catalyst. SOFC-Exp marks
    // the fuel of an anode's reaction ("pure H2 oxidation and", "toward CH4 oxidation seemed").
    if (k + 1 >= n || !test_reaction_word(view.folded[k + 1])) return false;
    // "The H2 oxidation was carried out on the Ni-YSZ anode": the fuel of a cell (review 18e, R22-R25).
    for (size_t j = k + 1; j < n && j <= k + 15 && !gap_has(j - 1, '.'); ++j) {
      std::string_view t = view.folded[j];
      if (has_prefix(t, "anode"sv) || t == "cell" || t == "cells" || t == "fuel" || t == "sofc" || t == "sofcs") return false;
    }
    if (len == 1 && ((raw.size() <= 2 && finder.symbols_.count(raw)) || finder.element_names_.count(view.folded[i]))) {
      return false;
    }
    return std::all_of(m.formula.begin(), m.formula.end(), [](char c) {
      return c == 'C' || c == 'H' || c == 'O' || c == 'N' || c == 'S' || is_digit(c);
    });
  }
  // "1 SiO2 : 0.033 Al2O3 : 0.25 TPAOH : 30 H2O": a gel's molar composition, each name after its
  // share with a colon to the next share; MSP files these Nonrecipe-Material (review 18b, B6).
  bool molar_ratio_item(size_t i, size_t len) const {
    auto number = [&](size_t k) {
      std::string_view r = view.raw(k);
      return !r.empty() && is_digit(r[0]) && std::all_of(r.begin(), r.end(), [](char c) { return is_digit(c) || c == '.'; });
    };
    if (!number(i - 1) || !joined_by_space(i - 1)) return false;
    size_t e = i + len;
    if (!((e < n && gap_has(e - 1, ':') && number(e)) || (i >= 2 && gap_has(i - 2, ':')))) return false;
    // A gel has three or more shares; "mixed in a molar ratio of 1 Li2CO3 : 2 MnO2" weighs out its
    // precursors (review 18e, R26-R27).
    const size_t lo = view.tokens[i >= 12 ? i - 12 : 0].begin, hi = view.tokens[std::min(n - 1, e + 12)].end;
    const std::string_view near = view.text.substr(lo, hi - lo);
    return std::count(near.begin(), near.end(), ':') >= 2;
  }
  // "Zeolite Y (CBV 100, Zeolyst)", "Pt paste (ESL 5542)", "(Retsch PM 400)", "(Zeolyst CBV 3024E)",
  // "dialysis (MWCO 1000 Da)": capitals with no lexicon entry and a number of three or more digits,
  // first in a bracket or after the maker's name there, are a product, grade or model code (review
  // 14b, B51-B54; review 14a, A29). `i` and `len` give the mention, the number in it or after it.
  __attribute__((noinline)) bool product_code(size_t i, size_t len, std::string_view raw, const MaterialMention& m) const {
    if (i == 0 || !m.formula.empty() || !m.role_prior.empty() || m.normalized != raw || raw.size() < 2 ||
        raw.size() > 6 || !std::all_of(raw.begin(), raw.end(), is_upper)) {
      return false;
    }
    bool number = len == 2;
    if (len == 1 && i + 1 < n && joined_by_space(i)) {
      std::string_view t = view.raw(i + 1);
      number = t.size() >= 3 && is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) &&
               std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || is_upper(c); });
    }
    if (!number) return false;
    if (gap_has(i - 1, '(')) return true;
    std::string_view maker = view.raw(i - 1);
    return i >= 2 && joined_by_space(i - 1) && gap_has(i - 2, '(') && maker.size() >= 3 && is_upper(maker[0]) &&
           std::all_of(maker.begin() + 1, maker.end(), is_lower);
  }
  bool is_label(size_t k) const { return !label_tok.empty() && label_tok[k]; }
  // "MATERIALS AND METHODS", "SYNTHESIS OF CATALYSTS", "THE SOLUTION WAS STIRRED": words in capitals
  // around an English function word in capitals are a heading or a shouted sentence, not acronyms
  // (rules-8). Only runs of capital letters alone are looked at ("CZA-1", "PD-10" have more); asked
  // only for acronym candidates, so most paragraphs never look.
  bool all_caps(size_t k) const {
    std::string_view r = view.raw(k);
    if (r.size() < 2 || !is_upper(r[0])) return false;
    for (char c : r) {
      if (!is_upper(c)) return false;
    }
    return true;
  }
  bool function_word(size_t k) const {
    std::string_view f = view.folded[k];
    return f == "and" || f == "of" || f == "the" || f == "was" || f == "were" || f == "for" || f == "with" ||
           f == "from" || f == "by" || f == "to" || f == "in" || f == "on" || f == "is" || f == "are";
  }
  __attribute__((noinline)) bool caps_text(size_t k) {
    if (!all_caps(k)) return false;
    if (caps_run.empty()) caps_run.assign(n, -1);
    if (caps_run[k] >= 0) return caps_run[k] == 1;
    size_t b = k, e = k;
    while (b > 0 && all_caps(b - 1) && joined_by_space(b - 1)) --b;
    while (e + 1 < n && all_caps(e + 1) && joined_by_space(e)) ++e;
    bool shouted = false;
    for (size_t j = b; j <= e && b < e && !shouted; ++j) shouted = function_word(j);
    for (size_t j = b; j <= e; ++j) caps_run[j] = shouted;
    return shouted;
  }
  WordClass raw_class_uncached(size_t k) const {
    std::string_view raw = view.raw(k);
    // "(III)" between words: "iron (III) chloride".
    if (view.tokens[k].begin > 0 && view.text[view.tokens[k].begin - 1] == '(' && view.tokens[k].end < view.text.size() &&
        view.text[view.tokens[k].end] == ')' && is_roman(raw)) {
      return kCation;
    }
    // "XANES", "EXAFS": a listed non-material acronym is no alkane or amine by the suffix rules.
    if (raw.size() >= 4 && is_upper(raw[0]) && is_upper(raw[1]) && finder.not_acronyms_.count(raw)) return kNone;
    return finder.classify(view.folded[k], view.hash[k], view.hash_but_last[k]);
  }
  WordClass raw_class(size_t k) {
    if (class_cache[k] < 0) class_cache[k] = static_cast<int8_t>(raw_class_uncached(k));
    return static_cast<WordClass>(class_cache[k]);
  }
  // "Cu, Zn and Al nitrates", "lithium, nickel and cobalt nitrate salts": a plural anion word closes
  // a list of elements and belongs to all of them, so the last element is a mention of its own like
  // the others (MSP marks "Al" and "cobalt"; 2 of 2 in dev), not "Al nitrates" beside a bare "Zn".
  bool shared_salt_word(size_t i, const std::vector<WordClass>& run_cls) {
    if (run_cls[0] != kElement || run_cls[1] != kAnion || i < 2) return false;
    // Plural or "salts" after it: "nickel and nickel oxide" names the metal and one compound.
    const std::string_view anion = view.folded[i + 1];
    if (!(anion.ends_with('s') || (i + 2 < n && view.folded[i + 2] == "salts"))) return false;
    const std::string_view conj = view.folded[i - 1];
    const bool shared = (conj == "and" || conj == "or") && joined_by_space(i - 1) &&
                        (raw_class(i - 2) == kElement || finder.symbols_.count(view.raw(i - 2)));
    if (shared) shared_salt_tok = i;
    return shared;
  }
  // The elements of such a list name the salts, so each is a starting material as a named salt is
  // ("zinc nitrate" has the precursor prior): the last one and those before it, back over commas.
  void shared_salt_roles(MaterialMention& last) {
    last.role_prior = "precursor";
    size_t t = last.first_token - 2;  // the element before "and"
    for (size_t k = out.size(); k-- > 0 && out[k].first_token == t && out[k].last_token == t && out[k].role_prior.empty();) {
      out[k].role_prior = "precursor";
      if (t == 0 || !gap_has(t - 1, ',')) break;
      --t;
    }
  }
};

MaterialFinder::Scan::Scan(const MaterialFinder& finder, const TokenView& view, const std::vector<uint8_t>& blocked)
    : finder(finder),
      view(view),
      blocked(blocked),
      n(view.tokens.size()),
      label_tok(finder.label_tokens(view, blocked)),
      defined_non_materials(finder.defined_acronyms(view)),
      analysis_tok(finder.analysis_tokens(view)),
      class_cache(n, -1) {
  // About one mention per 120 bytes of real text (one per 31 at the 99th percentile): room for
  // one per 32 saves the regrowth copies (-0.3 % instructions on the MSP paragraphs with scan()'s).
  out.reserve(view.text.size() / 32 + 4);
  for (size_t at = view.text.find('@'); !affiliation && at != std::string_view::npos; at = view.text.find('@', at + 1)) {
    email_at = at;
    size_t e = at + 1;
    while (e < view.text.size() && (is_lower(view.text[e]) || is_digit(view.text[e]) || view.text[e] == '.' ||
                                    view.text[e] == '-')) {
      ++e;
    }
    std::string_view domain = view.text.substr(at + 1, e - at - 1);
    affiliation = at > 0 && is_lower(view.text[at - 1]) && domain.find('.') != std::string_view::npos &&
                  domain.find('.') > 0 && domain.back() != '.';
  }
}

// Token i, taken by a quantity or inside an analysis zone, may still hold a material: the part before
// a share ("NiO–40 wt%") or the item after a bracket and a slash ("wt%)/HBr").
void MaterialFinder::Scan::taken_token_parts(size_t i) {
    // "NiO–40 wt% YSZ": the share after the dash was read as the amount, the material before it stays.
    if (size_t share = blocked[i] && view.raw(i).size() > 3 && is_upper(view.raw(i)[0]) ? share_before(i) : 0;
        share > 0) {
      std::string_view part = view.raw(i).substr(0, share);
      out.push_back(token_part(view, i, 0, part, is_formula(part)));
    } else if (size_t from = blocked[i] ? item_after_bracket_slash(i) : 0; from > 0) {
      std::string_view item = view.raw(i).substr(from);
      MaterialMention part = token_part(view, i, from, item, is_formula(item));
      finder.take_entry(part, finder.single_word_entry(item));
      out.push_back(std::move(part));
    }
}

// "poly(vinyl pyrrolidone)", "poly(ethylene imine)": a polymer name with spaces in its bracket, from
// token i ("poly(..."). Returns the first token after it, 0 when the bracket does not close soon.
size_t MaterialFinder::Scan::spaced_polymer(size_t i) {
  MaterialMention m;
  size_t k = i;
  while (k + 1 < n && k < i + 4 && joined_by_space(k) && !blocked[k + 1]) {
    ++k;
    size_t e = view.tokens[k].end;
    if (e < view.text.size() && view.text[e] == ')') {
      m.first_token = i;
      m.last_token = k;
      m.begin = view.tokens[i].begin;
      m.end = e + 1;
      m.normalized = ascii_lower(view.text.substr(m.begin, m.end - m.begin));
      // "poly(ethylene glycol)": a polymer the lexicon lists has its name ("polyethylene glycol",
      // as PEG), formula and role.
      if (auto lex = finder.matcher_.match(view, i); lex.entry >= 0 && i + lex.tokens == k + 1) {
        finder.take_entry(m, lex.entry);
      } else {
        finder.spaced_polymer_entry(m);
      }
      out.push_back(std::move(m));
      break;
    }
  }
  if (!out.empty() && out.back().first_token == i) return out.back().last_token + 1;
  return 0;
}

// The written forms of token i that hold one material or several: a hydrate written apart, the
// layers of a cell, a bracketed formula, two materials joined by "-to-" or a colon. Returns the first
// token after what was read (its mentions pushed), 0 when none applies.
// Whether nano_core_shell() or polymorph_name() may read token `raw`: an '@' (after a 2-4 byte core)
// or a Greek letter's lead byte (after at most "Na-") among its first five bytes. glued_form() asks
// it of every token; the two calls seldom apply.
static bool core_shell_or_polymorph_bytes(std::string_view raw) {
  for (size_t k = 0; k < 5 && k < raw.size(); ++k) {
    const auto c = static_cast<unsigned char>(raw[k]);
    if (c == '@' || c == 0xCE || c == 0xCF) return true;
  }
  return false;
}

size_t MaterialFinder::Scan::glued_form(size_t i, std::string_view raw, bool plain) {
  MaterialMention m;
  if (!plain) {
    if (core_shell_or_polymorph_bytes(raw) && (nano_core_shell(i, raw) || polymorph_name(i, raw))) return i + 1;
    // "Zn(NO3)2*6 H2O": a hydrate written with a space before the water.
    if (i + 1 < n && !blocked[i + 1] && is_digit(raw.back()) && view.raw(i + 1) == "H2O" && joined_by_space(i) &&
        raw.find_first_of("*.") != std::string_view::npos) {
      std::string joined = std::string(raw) + "H2O";
      if (is_formula(joined)) {
        m.first_token = i;
        m.last_token = i + 1;
        m.begin = view.tokens[i].begin;
        m.end = view.tokens[i + 1].end;
        m.normalized = m.formula = joined;
        m.role_prior = "precursor";
        out.push_back(std::move(m));
        return i + 2;
      }
    }
    // "Ni-BZCYYb|BZCYYb|PBSCF", "Pt|YSZ|Pt": a cell or stack written as its layers between vertical
    // bars; each layer is a material of its own. Every layer must read as one, else the token is
    // left to the rules below ("|x|", "P|M" are no stacks).
    // "Ni+8YSZ/8YSZ/20SDC": a plus composite before a slash is the first layer of a cell written with
    // slashes (review 8b, R11); the slash-free composite rule would join the stack into one name.
    // The plus must join two parts: "O4+δ/CoFe" (oxygen excess) and "Ce3+/Ce4+" (charges) are none.
    const size_t plus = raw.size() < 5 ? std::string_view::npos : raw.find('+');
    const char layer_mark = raw.size() < 5 ? '\0'
                            : raw.find('|') != std::string_view::npos ? '|'
                            : plus != std::string_view::npos && plus > 0 && plus + 1 < raw.size() &&
                                      is_alpha(raw[plus - 1]) && is_alnum(raw[plus + 1]) &&
                                      raw.find('/') != std::string_view::npos && plus < raw.find('/')
                                ? '/'
                                : '\0';
    if (raw.size() >= 5 && layer_mark) {
      std::vector<std::pair<size_t, std::string_view>> layers;
      bool all = true;
      for (size_t from = 0; all;) {
        size_t to = raw.find(layer_mark, from);
        std::string_view part = raw.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
        all = !part.empty() && (is_formula(part) || is_material_acronym(part) || is_composite(part));
        if (all) layers.emplace_back(from, part);
        if (to == std::string_view::npos) break;
        from = to + 1;
      }
      if (all && layers.size() >= 2) {
        for (const auto& [from, part] : layers) out.push_back(token_part(view, i, from, part, is_formula(part)));
        return i + 1;
      }
    }
    // "cobalt nitrate [Co(NO3)2·6H2O]": square brackets around a formula that is one without them
    // are punctuation ("[PdCl2(PPh3)2]", a complex, keeps its brackets). So are they around the
    // formula of the material named right before: "HKUST-1 [Cu3(BTC)2]" (review 14b, B89).
    if (raw.size() > 3 && raw.front() == '[' && raw.back() == ']' &&
        (!is_formula(raw) || (i > 0 && !out.empty() && out.back().end == view.tokens[i - 1].end)) &&
        is_formula(raw.substr(1, raw.size() - 2))) {
      std::string_view inner = raw.substr(1, raw.size() - 2);
      MaterialMention b = token_part(view, i, 1, inner, true);
      if (finder.salt_formula(inner)) b.role_prior = "precursor";
      out.push_back(std::move(b));
      return i + 1;
    }
    if (abbreviation_with_reference(raw)) {
      return i + 1;
    }
  }

  // "SbCl3-to-NaOH (molar ratio)": two materials joined by "-to-".
  if (size_t to = plain ? std::string_view::npos : raw.find("-to-"); to != std::string_view::npos && to > 0 &&
                                                                       to + 4 < raw.size()) {
    std::string_view a = raw.substr(0, to), b = raw.substr(to + 4);
    if ((is_formula(a) || is_material_acronym(a)) && (is_formula(b) || is_material_acronym(b))) {
      for (auto [from, part] : {std::pair{size_t{0}, a}, std::pair{to + 4, b}})
        out.push_back(token_part(view, i, from, part, is_formula(part)));
      return i + 1;
    }
  }
  if (!plain && raw.find(':') != std::string_view::npos && colon_liquids(i, raw)) return i + 1;
  if (!plain && raw.find(':') != std::string_view::npos && colon_composite(i)) {
    MaterialMention whole = token_part(view, i, 0, raw, false);
    // "TOP:Se", "Se:TOP": a stock solution written with a colon is the lexicon's "TOP-Se" (review 12b, O8).
    if (size_t colon = raw.find(':'); raw.find(':', colon + 1) == std::string_view::npos) {
      std::string dashed(raw);
      dashed[colon] = '-';
      const int entry = finder.single_word_entry(dashed);
      if (entry >= 0 && !finder.entries_[entry].role.empty()) finder.take_entry(whole, entry);
    }
    out.push_back(std::move(whole));
    return i + 1;
  }
  return 0;
}

// "γ-alumina", "β-alumina", "Na-β″-alumina", "Na-β\"-alumina": a Greek polymorph letter (primes
// allowed, a conducting cation's symbol before it) on a lexicon name is that material's phase, as
// "γ-Al2O3" is the formula's (review 14b, B78). The name keeps the letter; a cation-prefixed one and
// β-alumina are other compounds than the entry's formula. Returns whether token i was one.
bool MaterialFinder::Scan::polymorph_name(size_t i, std::string_view raw) {
  if (raw.size() < 6) return false;
  size_t p = 0;
  if (is_upper(raw[0])) {
    const size_t e = is_lower(raw[1]) ? 2 : 1;
    if (raw[e] != '-' || !finder.symbols_.count(raw.substr(0, e))) return false;
    p = e + 1;
  }
  const auto lead = static_cast<unsigned char>(raw[p]);
  if ((lead != 0xCE && lead != 0xCF) || p + 3 >= raw.size()) return false;
  const size_t greek = p;
  p += 2;
  while (p < raw.size()) {
    if (raw[p] == '"' || raw[p] == '\'') {
      ++p;
    } else if (raw.substr(p).starts_with("\u2033") || raw.substr(p).starts_with("\u2032")) {
      p += 3;
    } else {
      break;
    }
  }
  if (p >= raw.size() || raw[p] != '-') return false;
  const int entry = finder.single_word_entry(raw.substr(p + 1));
  // A lexicon name with its letter ("γ-butyrolactone") is the lexicon's.
  if (entry < 0 || finder.matcher_.match(view, i).entry >= 0) return false;
  MaterialMention m = token_part(view, i, 0, raw, false);
  finder.take_entry(m, entry);
  // β-alumina is a sodium aluminate (NaAl11O17), no Al2O3.
  if (is_upper(raw[0]) || (raw.substr(greek, 2) == "\u03b2" && m.normalized == "alumina")) m.formula.clear();
  m.normalized = std::string(raw.substr(0, p + 1)) + m.normalized;
  out.push_back(std::move(m));
  return true;
}

// "QD@SiO2", "NCs@SiO2", "NP@TiO2": a core@shell product whose core is written as a nanostructure
// abbreviation and whose shell as a formula is one material, named as written (review 15a, A33);
// the core abbreviation is no formula ("NP" is no N-P compound). Returns whether token i was one.
bool MaterialFinder::Scan::nano_core_shell(size_t i, std::string_view raw) {
  const size_t at = raw.find('@');
  if (at == std::string_view::npos || at + 1 >= raw.size()) return false;
  const std::string_view core = raw.substr(0, at);
  bool nano = false;
  for (std::string_view a : {"QD"sv, "QDs"sv, "NC"sv, "NCs"sv, "NP"sv, "NPs"sv, "NR"sv, "NRs"sv, "NPL"sv, "NPLs"sv,
                             "NW"sv, "NWs"sv}) {
    nano |= core == a;
  }
  if (!nano || !is_formula(raw.substr(at + 1))) return false;
  out.push_back(token_part(view, i, 0, raw, false));
  return true;
}

// "Ni-Fe layered double hydroxide", "Mg-Al LDHs", "CoAl LDH": the metals of a layered double
// hydroxide (two or three element symbols, with or without dashes) and the class named after them
// are one material; the metals alone were a composite mention and the class words another
// (review 14b, B84). Extends `m` and `len`.
void MaterialFinder::Scan::layered_hydroxide_after(size_t i, std::string_view raw, MaterialMention& m,
                                                   size_t& len) const {
  size_t symbols = 0;
  for (size_t k = 0; k < raw.size();) {
    if (raw[k] == '-' && k > 0 && k + 1 < raw.size()) ++k;
    size_t e = k + 1 < raw.size() && is_lower(raw[k + 1]) ? k + 2 : k + 1;
    if (!is_upper(raw[k]) || !finder.symbols_.count(raw.substr(k, e - k))) return;
    ++symbols;
    k = e;
  }
  if (symbols < 2 || symbols > 3 || i + 1 >= n || blocked[i + 1] || !joined_by_space(i)) return;
  size_t extra = 0;
  if (view.raw(i + 1) == "LDH" || view.raw(i + 1) == "LDHs") {
    extra = 1;
  } else if (i + 3 < n && view.folded[i + 1] == "layered" && view.folded[i + 2] == "double" &&
             has_prefix(view.folded[i + 3], "hydroxide"sv) && joined_by_space(i + 1) && joined_by_space(i + 2)) {
    extra = 3;
  }
  if (!extra) return;
  len += extra;
  const size_t from = view.tokens[i].begin;
  m.normalized = std::string(view.text.substr(from, view.tokens[i + len - 1].end - from));
}

// "hexane:ethanol", "acetone:EG", "a 1:1 ethanol:water mixture": liquids of the lexicon (solvents,
// ligands) joined by a colon are a mixture or a ratio of those reagents, a mention each, as
// "ethanol/water" is (review 14a, A31). Returns whether token i was one (its mentions pushed).
bool MaterialFinder::Scan::colon_liquids(size_t i, std::string_view raw) {
  size_t parts = 0;
  for (size_t from = 0; from <= raw.size(); ++parts) {
    size_t to = std::min(raw.find(':', from), raw.size());
    const int entry = finder.single_word_entry(raw.substr(from, to - from));
    if (entry < 0 || (finder.entries_[entry].role != "solvent" && finder.entries_[entry].role != "ligand")) return false;
    from = to + 1;
  }
  if (parts < 2) return false;
  for (size_t from = 0; from <= raw.size();) {
    size_t to = std::min(raw.find(':', from), raw.size());
    std::string_view part = raw.substr(from, to - from);
    out.push_back(token_part(view, i, from, part, false));
    finder.take_entry(out.back(), finder.single_word_entry(part));
    from = to + 1;
  }
  return true;
}

// Whether `s` holds ")/". A byte loop: asked of every token that is not plain, where find() of a
// C string is an out-of-line strlen and search.
static bool has_bracket_slash(std::string_view s) {
  for (size_t k = 1; k < s.size(); ++k) {
    if (s[k] == '/' && s[k - 1] == ')') return true;
  }
  return false;
}

// "Pt/yttria-stabilized zirconia (YSZ)/Pt cells", "(La2Sn2O7 + YSZ)/Pt composite electrode": a layer
// list goes on with a slash after a closing bracket (an abbreviation, a composite in brackets), and the
// tokenizer glues the bracket, the slash and the next layer into one token ("(YSZ)/Pt", "YSZ)/Pt") that
// no rule read. Each item is a material of its own when every item reads as one (SOFC-Exp half b,
// two papers); "Mo(VI)/Mo(V)", "0.894(1)/0.108(1)" (brackets inside an item) are none. Returns the
// next token, 0 when the token is no such list.
size_t MaterialFinder::Scan::bracket_slash_layers(size_t i, std::string_view raw) {
  const size_t at = raw.find(")/");
  if (at == std::string_view::npos) return 0;
  const size_t from = raw[0] == '(' ? 1 : 0;
  std::vector<std::pair<size_t, size_t>> items{{from, at}};
  for (size_t b = at + 2;;) {
    size_t e = std::min(raw.find('/', b), raw.size());
    items.emplace_back(b, e);
    if (e == raw.size()) break;
    b = e + 1;
  }
  for (auto [b, e] : items) {
    std::string_view item = raw.substr(b, e - b);
    if (item.find_first_of("()") != std::string_view::npos || !material_word(item)) return 0;
  }
  for (auto [b, e] : items) {
    std::string_view item = raw.substr(b, e - b);
    MaterialMention part = token_part(view, i, b, item, is_formula(item));
    finder.take_entry(part, finder.single_word_entry(item));
    out.push_back(std::move(part));
  }
  return i + 1;
}

// "NH4VO3/oxalic acid aqueous solution", "hexane/ethyl acetate", "citric acid/NH4VO3": a slash joins a
// one-word material and a lexicon name of two or more words, the name's other words being the tokens
// after (or before) token i, which holds the slash; the tokenizer keeps "NH4VO3/oxalic" whole, so the
// phrase matcher never saw "oxalic acid" and neither part was read (s18-bugs). One mention per part,
// as for the reagents of a solution. A bare element symbol ("Pt/carbon black": a supported metal) is
// left to the composite rule. Returns the first token after the parts, 0 when this is no such pair.
size_t MaterialFinder::Scan::slash_phrase(size_t i, std::string_view raw) {
  const size_t slash = raw.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= raw.size() ||
      raw.find('/', slash + 1) != std::string_view::npos) {
    return 0;
  }
  // The one-word part: a lexicon word, a formula or an acronym, not a bare element symbol.
  auto one_word = [&](std::string_view w) {
    return !(w.size() <= 2 && finder.symbols_.count(w)) &&
           (finder.single_word_entry(w) >= 0 || is_formula(w) || is_material_acronym(w));
  };
  // The lexicon name of `words` tokens at the start of text[from, to), or -1.
  auto phrase = [&](size_t from, size_t to, size_t words) {
    TokenView part(view.text.substr(from, to - from));
    if (part.tokens.size() < words || part.tokens[0].begin != 0) return -1;
    PhraseMatcher::Match lex = finder.matcher_.match(part, 0);
    return lex.tokens == words && lex.tokens >= 2 ? lex.entry : -1;
  };
  const std::string_view head = raw.substr(0, slash), tail = raw.substr(slash + 1);
  const size_t at = view.tokens[i].begin;
  if (is_lower(tail[0]) && i + 1 < n && !blocked[i + 1] && one_word(head)) {
    // Forward: "NH4VO3/oxalic acid", the name's first word after the slash; its longest match.
    const size_t last = std::min(n - 1, i + 3);
    TokenView part(view.text.substr(at + slash + 1, view.tokens[last].end - at - slash - 1));
    PhraseMatcher::Match lex = finder.matcher_.match(part, 0);
    if (lex.entry < 0 || lex.tokens < 2 || part.tokens[0].begin != 0 ||
        part.tokens[lex.tokens - 1].end + at + slash + 1 != view.tokens[i + lex.tokens - 1].end) {
      return 0;
    }
    for (size_t k = i + 1; k < i + lex.tokens; ++k) {
      if (blocked[k]) return 0;
    }
    out.push_back(token_part(view, i, 0, head, is_formula(head)));
    finder.take_entry(out.back(), finder.single_word_entry(head));
    MaterialMention m;
    m.first_token = i;
    m.last_token = i + lex.tokens - 1;
    m.begin = at + slash + 1;
    m.end = view.tokens[m.last_token].end;
    finder.take_entry(m, lex.entry);
    out.push_back(std::move(m));
    return i + lex.tokens;
  }
  if (is_lower(head[0]) && i > 0 && one_word(tail)) {
    // Backward: "citric acid/NH4VO3", the name's last word before the slash; tokens not read yet.
    for (size_t words = std::min<size_t>(i, 2) + 1; words >= 2; --words) {
      const size_t first = i + 1 - words;
      if (!out.empty() && out.back().end > view.tokens[first].begin) continue;
      bool free = true;
      for (size_t k = first; k < i; ++k) free &= !blocked[k];
      const int entry = free ? phrase(view.tokens[first].begin, at + slash, words) : -1;
      if (entry < 0) continue;
      MaterialMention m;
      m.first_token = first;
      m.last_token = i;
      m.begin = view.tokens[first].begin;
      m.end = at + slash;
      finder.take_entry(m, entry);
      out.push_back(std::move(m));
      out.push_back(token_part(view, i, slash + 1, tail, is_formula(tail)));
      finder.take_entry(out.back(), finder.single_word_entry(tail));
      return i + 1;
    }
  }
  return 0;
}

// "denoted P1.In the second method": the offset of a full stop glued between a sample name and a
// capitalised word (a capital and lower-case letters to the token's end), where the text lost the space
// after a sentence (s18-bugs); 0 when none. Formulas never reach this (is_formula() rejects the shape).
static size_t glued_sentence_stop(std::string_view raw) {
  const size_t dot = raw.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 >= raw.size() || !is_upper(raw[dot + 1]) ||
      !is_alnum(raw[dot - 1])) {
    return 0;
  }
  for (size_t k = dot + 2; k < raw.size(); ++k) {
    if (!is_lower(raw[k])) return 0;
  }
  return dot;
}

// Token i with a slash: a ratio ("Si/Al=15", none pushed unless two powders are named), a composite
// ("Pt/C"), a symmetric cell or a mixture of solvents or gases (a mention per part). Returns the first
// token after what was read, 0 when none applies.
size_t MaterialFinder::Scan::slash_form(size_t i, std::string_view raw, bool plain) {
  // Ratios written with a slash are compositions, not materials: "Si/Al=15", "(SiO2/Al2O3 = 28.5)",
  // "Si/Al ratio".
  if (!plain && raw.find('/') != std::string_view::npos) {
    // "C/C0", "Ct/C0", "I/I0": a quantity over its initial value (degradation and decay curves).
    if (size_t sl = raw.find('/'); raw.size() - sl == 3 && raw[sl + 2] == '0' && sl <= 2 && raw[0] == raw[sl + 1]) {
      return i + 1;
    }
    size_t after = skip_spaces(view.text, view.tokens[i].end);
    // "Na/Li molar ratios", "Si/Al atomic ratio".
    bool ratio = i + 1 < n && view.folded[i + 1].starts_with("ratio");
    if (i + 2 < n && !ratio && view.folded[i + 2].starts_with("ratio")) {
      std::string_view w = view.folded[i + 1];
      ratio = w == "molar" || w == "atomic" || w == "mass" || w == "weight" || w == "mole";
    }
    if (raw.find('=') != std::string_view::npos || (after < view.text.size() && view.text[after] == '=') || ratio ||
        (i > 0 && ratio_for_parts(i - 1, raw))) {
      // "at a mass ratio of LSM/YSZ = 1.0": the ratio of two powders mixed names both (an acronym
      // at least; "Si/Al = 15" and "SiO2/Al2O3 = 28.5" stay compositions).
      size_t slash = raw.find('/');
      std::string_view a = raw.substr(0, slash), b = raw.substr(slash + 1);
      // "the TOP/ODE ratio", "OA/OAm ratio": a ratio of two liquids of the lexicon (solvents,
      // ligands) names the two reagents mixed, as "ethanol/water" does.
      auto liquid = [&](std::string_view part) {
        const int entry = finder.single_word_entry(part);
        return entry >= 0 && (finder.entries_[entry].role == "solvent" || finder.entries_[entry].role == "ligand");
      };
      const bool liquids = ratio && b.find('/') == std::string_view::npos && liquid(a) && liquid(b);
      if (liquids || (i >= 2 && view.folded[i - 1] == "of" && view.folded[i - 2].starts_with("ratio") &&
          raw.find('=') == std::string_view::npos && b.find('/') == std::string_view::npos && a.size() >= 2 &&
          b.size() >= 2 && (is_material_acronym(a) || is_material_acronym(b)) &&
          (is_material_acronym(a) || is_formula(a)) && (is_material_acronym(b) || is_formula(b)))) {
        for (auto [from, part] : {std::pair{size_t{0}, a}, std::pair{slash + 1, b}}) {
          out.push_back(token_part(view, i, from, part, is_formula(part)));
          if (liquids) finder.take_entry(out.back(), finder.single_word_entry(part));
        }
      }
      return i + 1;
    }
  }
  if (size_t next = slash_phrase(i, raw)) return next;
  // "Pt/C", "CuO/CeO2/TiO2", "MnO2/HPCs-40", "H2/Ar": a slash between material names makes one
  // composite (supported catalyst, coated particle, gas mixture), as the MSP annotation reads it;
  // only a mixture of solvents ("ethanol/water") gives one material per part.
  if (!plain && raw.find('/') != std::string_view::npos && raw.find("//") == std::string_view::npos) {
    // "digested in HNO3/HF for ICP-OES", "Ag/AgCl as the reference electrode", "vs. Hg/HgO": a
    // digestion acid pair and an aqueous reference electrode are no materials (review 18b, B10 B2).
    if (digestion_for_analysis(i) || reference_electrode(i, raw)) return i + 1;
    std::vector<std::pair<size_t, size_t>> parts;
    std::vector<int> core_entries;  // each part's lexicon entry, read on its core (sample suffix off)
    bool all = true, all_solvents = true, all_gases = true, all_liquids = true, suffixed = false;
    int elements_only = 0;
    size_t from = 0;
    while (all) {
      size_t slash = raw.find('/', from);
      std::string_view part = raw.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from);
      // Sample suffixes belong to the composite name: "MnO2/HPCs-40", "Pt/C(a)".
      std::string_view core = part;
      if (size_t d = core.rfind('-'); d != std::string_view::npos && d > 0 && d + 1 < core.size() &&
                                      is_digit(core[d + 1])) {
        core = core.substr(0, d);
      }
      if (core.size() > 3 && core.ends_with(")") && core[core.size() - 3] == '(') {
        core.remove_suffix(3);
        suffixed = true;
      }
      std::string folded = fold_case(core);
      const int entry = finder.single_word_entry(core, &folded);
      WordClass pc = core.empty() ? kNone : finder.classify(folded);
      bool element_symbol = core.size() <= 2 && finder.symbols_.count(core);
      elements_only += element_symbol;
      all = !core.empty() && (entry >= 0 || is_formula(core) || is_material_acronym(core) || pc == kOrganic ||
                              pc == kElement || aliases.count(core) || element_symbol ||
                              (from > 0 && graphene_letter(core, i)));
      all_solvents &= entry >= 0 && finder.entries_[entry].role == "solvent";
      // "OA/OAm", "OAm/ODE": a mixture of liquid ligands and solvents, one material per part.
      all_liquids &=
          entry >= 0 && (finder.entries_[entry].role == "solvent" || finder.entries_[entry].role == "ligand");
      // Gas mixtures are listed gas by gas: "O2/N2", "H2/Ar", and fuel or feed pairs by formula:
      // "H2/H2O", "CO/CO2", "CH4/CO2" (SOFC-Exp marks each gas, never the pair; review 17d, D1).
      all_gases &= (entry >= 0 && mixture_gas(finder.entries_[entry].normalized)) || is_gas_formula(core);
      parts.emplace_back(from, from + part.size());
      core_entries.push_back(entry);
      if (slash == std::string_view::npos) break;
      from = slash + 1;
    }
    // Element symbols alone are a ratio ("Si/Al"), unless a sample suffix makes a name: "Pt/C(a)".
    if (all && parts.size() >= 2 && (elements_only < static_cast<int>(parts.size()) || suffixed) &&
        finder.matcher_.match(view, i).entry < 0) {
      // "Pt/YSZ/Pt", "Ag/GDC/YSZ/Ag": a symmetric cell written layer by layer lists its materials.
      bool cell = parts.size() >= 3 && raw.substr(parts.front().first, parts.front().second - parts.front().first) ==
                                           raw.substr(parts.back().first, parts.back().second - parts.back().first);
      if (cell) {
        for (auto [b, e] : parts) {
          std::string_view t = raw.substr(b, e - b);
          out.push_back(token_part(view, i, b, t, is_formula(t)));
        }
      } else if (all_solvents || all_gases || all_liquids) {
        for (size_t k = 0; k < parts.size(); ++k) {
          auto [b, e] = parts[k];
          MaterialMention part;
          part.first_token = part.last_token = i;
          part.begin = view.tokens[i].begin + b;
          part.end = view.tokens[i].begin + e;
          std::string_view t = raw.substr(b, e - b);
          const int entry = finder.single_word_entry(t);
          // A gas formula without an entry ("CH4") keeps its case, as the formula rule gives it.
          part.normalized = entry >= 0         ? finder.entries_[entry].normalized
                            : is_gas_formula(t) ? std::string(t)
                                                : fold_case(t);
          if (entry >= 0) part.formula = finder.entries_[entry].formula;
          // A part with a sample suffix ("OA-1" of "OA-1/ODE") has no entry of its own: it keeps its
          // name but takes the role prior of its core ("OA": ligand), whose entry made the mixture
          // a liquid one (s11-tidy; it had none, s10-code).
          const int core = core_entries[k];
          part.role_prior = all_solvents ? "solvent"
                            : all_gases  ? "other"
                            : core >= 0  ? finder.entries_[core].role
                                         : "";
          out.push_back(std::move(part));
        }
      } else if (electrode_after(i + 1)) {
        // "an Ag/AgCl electrode": the reference electrode of the cell.
      } else {
        MaterialMention whole;
        whole.first_token = whole.last_token = i;
        whole.begin = view.tokens[i].begin;
        whole.end = view.tokens[i].end;
        whole.normalized = std::string(raw);
        if (is_formula(raw)) whole.formula = std::string(raw);
        // "GO/Cu2-xS NCs", "IZO/Ag NW": the nanostructure abbreviation belongs to the name.
        if (i + 1 < n && !blocked[i + 1] && joined_by_space(i) && is_nano_abbreviation(view.raw(i + 1))) {
          whole.last_token = i + 1;
          whole.end = view.tokens[i + 1].end;
          whole.product_noun = true;
          ++i;
        }
        out.push_back(std::move(whole));
      }
      return i + 1;
    }
  }
  return 0;
}

void MaterialFinder::Scan::run() {

  for (size_t i = 0; i < n;) {
    if (blocked[i] || (!analysis_tok.empty() && analysis_tok[i])) {
      taken_token_parts(i);
      ++i;
      continue;
    }
    std::string_view raw = view.raw(i);
    bool found = false;
    size_t len = 0;
    size_t lead_bracket = 0;  // "(NH 4 ) 2 SO 4": the mention starts at the bracket before token i
    size_t glued_stop = 0;    // "denoted P1.In the ...": the label ends at this byte of token i
    // Most tokens are lower-case words: no formula, acronym, alias, sample name, composite or
    // ratio can be one, so only the lexicon and chemical-name rules apply to them.
    const bool plain = std::all_of(raw.begin(), raw.end(), [](char c) { return is_lower(c); });
    if (not_a_material_here(i, raw, plain)) {
      ++i;
      continue;
    }
    // "poly(vinyl pyrrolidone)", "poly(ethylene imine)": a polymer name with spaces in its bracket.
    if (has_prefix(view.folded[i], "poly("sv) && raw.find(')') == std::string_view::npos) {
      if (size_t next = spaced_polymer(i)) {
        i = next;
        continue;
      }
    }
    // "solution A", "solution B": a paper's name for one of its solutions.
    if (named_solution(i)) {
      i += 2;
      continue;
    }
    if (!plain) {
      if (size_t next = glued_form(i, raw, plain)) {
        i = next;
        continue;
      }
      if (size_t next = slash_form(i, raw, plain)) {
        i = next;
        continue;
      }
      if (size_t next = has_bracket_slash(raw) ? bracket_slash_layers(i, raw) : 0) {
        i = next;
        continue;
      }
    }
    auto lex = finder.matcher_.match(view, i);
    bool graded = false;  // a polymer acronym with its grade ("PVP-K30"): the entry's name, not its role
    if (lex.entry < 0 && !plain && raw.size() >= 7 && raw.find('-') != std::string_view::npos) {
      if (int e = hyphen_kept_entry(i); e >= 0) lex = {e, 1};
    }
    if (lex.entry < 0 && !plain && i + 1 < n && raw.size() >= 3 && (raw.back() == '-' || raw[raw.size() - 3] == '-')) {
      if (PhraseMatcher::Match broken = broken_name_entry(i); broken.entry >= 0) lex = broken;
    }
    if (lex.entry < 0 && raw.size() >= 5 && !plain && is_upper(raw[0])) {
      if (int grade = finder.polymer_grade(raw); grade >= 0) {
        lex = {grade, 1};
        graded = true;
      }
    }
    for (size_t k = 0; lex.entry >= 0 && k < lex.tokens; ++k) {
      if (blocked[i + k]) lex = {};
    }
    // "He et al.", "OA" as a label: abbreviations need a plausible use ("TOP layer": abbreviation_for_other()).
    // Such a word is no acronym of a material either (the acronym rule below would take it).
    bool vetoed_abbreviation = false;
    if (lex.entry >= 0 && lex.tokens == 1 && one_word_veto(i, raw, lex.entry, &vetoed_abbreviation)) lex = {};

    const bool raw_formula = !plain && is_formula(raw);  // computed once: several rules below ask
    // Chemical-name run: element/cation/organic words ending in an anion, acid, hydrate or organic head.
    bool salt = false;
    size_t run = chemical_name_run(i, raw, raw_formula, salt);
    // A plain word that starts no lexicon entry and no name run takes none of the rules below but
    // the `plain` branch ("glass substrates"): most tokens end here, before a mention is built.
    if (plain && lex.entry < 0 && run == 0 && !glass_substrate(i)) {
      ++i;
      continue;
    }
    MaterialMention m;

    // "GDC-based cells", "Gd0.1Ce0.9O1.95-based anodes": SOFC-Exp's span takes in the suffix. Only
    // acronyms, formulas of three or more elements and binary oxides ("Bi2O3-based", "CeO2-based",
    // review 17d, D5): "Ni-based", "cobalt-based", "FeCr-based" are descriptors in MSP and stay out.
    // Returns the length of the material before the dash, else 0.
    auto based_head = [&]() -> size_t {
      if (plain || raw.size() < 8 || !view.folded[i].ends_with("based")) return 0;
      size_t at = raw.size() - 5;
      size_t dash = raw[at - 1] == '-' ? 1 : (at >= 3 && dash_len(raw, at - 3) == 3 ? 3 : 0);
      if (!dash || at <= dash + 1) return 0;
      std::string_view head = raw.substr(0, at - dash);
      int elements = 0;
      if (is_formula(head)) {
        if (finder.formula_prefix(head, 0, &elements, 0) == 0) return 0;
        return elements >= 3 || (elements == 2 && oxide_formula(head)) ? head.size() : 0;
      }
      // "Ni-YSZ-based anodes": a composite with an acronym is read like the acronym ("Cu-Zn-based" is a
      // descriptor like "Ni-based").
      bool acronym_part = false;
      for (size_t k = 0, caps = 0; k < head.size() && !acronym_part; ++k) {
        caps = is_upper(head[k]) ? caps + 1 : 0;
        acronym_part = caps >= 3;
      }
      return (is_material_acronym(head) || (acronym_part && is_composite(head))) && !instrument_context(i)
                 ? head.size()
                 : 0;
    };
    if (size_t sc = !plain && i + 1 < n && view.raw(i + 1).size() - 1 < 2 && is_digit(view.raw(i + 1)[0])
                        ? spaced_count_name(i, raw, m)
                        : 0) {
      // "ZnEt 2", "TMS 2 S", "FAPbBr 3": a name with its count written apart (review 16a, A17).
      len = sc;
      found = true;
    } else if (lex.entry >= 0 && lex.tokens >= run) {
      const Entry& e = finder.entries_[lex.entry];
      if (class_noun_after_mention(i, e)) {
        ++i;
        continue;
      }
      m.normalized = e.normalized;
      m.formula = e.formula;
      // A grade written out ("1.0 g PEG-2000") is a reagent measured out: its role comes from the
      // context (MSP marks it a precursor), not from the lexicon's "ligand".
      if (!graded) m.role_prior = e.role;
      reduced_form(i, m);
      len = lex.tokens;
      found = true;
      if (e.trade && trade_name(i, m, len, lex.tokens)) {
        i += len;
        continue;
      }
    } else if (std::string oleate = !plain && (raw.size() == 8 || raw.size() == 9) ? finder.metal_oleate(raw) : std::string();
               !oleate.empty()) {  // (the length test first: no call for most tokens; a plain word has no '-')
      // "Cd-oleate", "Zn-oleate", "FA-oleate": a metal or organic-cation oleate stock solution.
      len = 1;
      found = true;
      m.normalized = oleate;
      m.role_prior = "precursor";
      if (const Entry* e = finder.entry_named(oleate)) m.formula = e->formula;
    } else if (size_t ref = cited_oleate_len(raw); ref) {
      // "The Cs-oleate12 was prepared": a reference number glued to a metal oleate (review 16a, A22);
      // the mention is the name without it, read as the oleate above.
      std::string_view name = raw.substr(0, raw.size() - ref);
      out.push_back(token_part(view, i, 0, name, false));
      out.back().normalized = finder.metal_oleate(name);
      out.back().role_prior = "precursor";
      if (const Entry* e = finder.entry_named(out.back().normalized)) out.back().formula = e->formula;
      ++i;
      continue;
    } else if (run > 0) {
      len = run;
      found = true;
      run_name(i, run, raw, raw_formula, salt, m);
    } else if (plain) {  // glass_substrate(i), as tested above
      len = 1;
      found = true;
      m.normalized = "glass";
      m.role_prior = "other";
    } else if (size_t glued = glued_nano(raw)) {
      // "AgNPs", "AuNCs": formula and nanostructure abbreviation written together.
      len = 1;
      found = true;
      m.formula = std::string(raw.substr(0, raw.size() - glued));
      m.normalized = m.formula;
      m.product_noun = true;
    } else if (size_t share = is_digit(raw.back()) || raw.back() == '%' ? share_before(i) : 0; share > 0) {
      // "H2-30 ppm H2S", "60 wt% NiO–40 wt% YSZ": the number after the dash is the share of the next
      // material, not a count of the formula.
      std::string_view part = raw.substr(0, share);
      out.push_back(token_part(view, i, 0, part, is_formula(part)));
      ++i;
      continue;
    } else if (raw_formula) {
      len = 1;
      found = true;
      m.formula = std::string(raw);
      if (std::string_view g = math_greek(raw); !g.empty()) m.formula = std::string(g) + std::string(raw.substr(4));
      m.normalized = m.formula;
      if (finder.salt_formula(raw)) m.role_prior = "precursor";
    } else if (size_t fn = footnote_mark(raw); fn && is_formula(raw.substr(0, raw.size() - fn))) {
      // "PbI2a (0.2 mmol)", "PbI2† (0.2 mmol)": the mention is the formula without its footnote mark.
      std::string_view part = raw.substr(0, raw.size() - fn);
      out.push_back(token_part(view, i, 0, part, true));
      finder.take_entry(out.back(), finder.single_word_entry(part));
      ++i;
      continue;
    } else if (raw.size() >= 3 && raw[0] == '/' && spaced_gas_partner(i)) {
      // "5% H 2 /Ar": the PDF set the first gas's count apart, so the slash stayed on the second gas;
      // one mention per gas, as the glued "H2/Ar" gives (review 16a, A13).
      std::string_view part = raw.substr(1);
      out.push_back(token_part(view, i, 1, part, false));
      finder.take_entry(out.back(), finder.single_word_entry(part));
      out.back().role_prior = "other";
      ++i;
      continue;
    } else if (size_t sb = !plain && i + 2 < n && (raw.find('(') != std::string_view::npos ||
                                                    (view.tokens[i].begin > 0 && view.text[view.tokens[i].begin - 1] == '('))
                               ? finder.spaced_bracket(view, blocked, i, m.formula, &lead_bracket)
                               : 0) {
      // "Pb(NO 3 ) 2", "Zn(CH 3 COO) 2": a bracket group with its counts written apart.
      len = sb;
      found = true;
      m.normalized = m.formula;
      if (finder.salt_formula(m.formula)) m.role_prior = "precursor";
    } else if (raw.size() == 2 && i + 2 < n && finder.spaced_ambiguous_start(view, blocked, i)) {
      // "In 2 S 3 nanosheets", "As 2 O 3": a symbol that is also an English word starts a formula
      // written with its counts apart (the spaced-count rule below reads the rest).
      len = 1;
      found = true;
      m.formula = std::string(raw);
      m.normalized = m.formula;
    } else if (raw.size() <= 3 && !raw.empty() && is_upper(raw[0]) && i + 1 < n &&
               finder.spaced_bare_start(view, blocked, i)) {
      // "H 2 O", "HNO 3", "NH 4 F", "under N 2": a formula written with its counts apart whose first
      // group makes no formula alone (the spaced-count rule below reads the rest).
      len = 1;
      found = true;
      m.formula = std::string(raw);
      m.normalized = m.formula;
    } else if (size_t dl = raw.rfind("δ"); !plain && dl != std::string_view::npos &&
               dl + std::strlen("δ") < raw.size() &&
               raw.find_first_not_of("0123456789", dl + std::strlen("δ")) == std::string_view::npos &&
               is_formula(raw.substr(0, dl + std::strlen("δ")))) {
      // "La0.7Ca0.3CrO3−δ11", "PrBaMn2O5+δ15": reference numbers glued after δ (nothing else ends a
      // formula in digits after δ). The mention is the token as written; the formula stops at δ.
      len = 1;
      found = true;
      m.formula = std::string(raw.substr(0, dl + std::strlen("δ")));
      m.normalized = m.formula;
    } else if (size_t dr = raw.rfind("δ"); !plain && dr != std::string_view::npos && dr + std::strlen("δ") + 1 < raw.size() &&
               (raw[dr + std::strlen("δ")] == ',' || raw[dr + std::strlen("δ")] == '.') &&
               raw.find_first_not_of("0123456789", dr + std::strlen("δ") + 1) == std::string_view::npos &&
               is_formula(raw.substr(0, dr + std::strlen("δ")))) {
      // "La0.6Sr0.4Co0.2Fe0.8O3–δ,101 and Sm0.5Sr0.5Co3–δ.102": a reference number after the
      // punctuation that ends the list item or sentence; the mention stops at δ.
      out.push_back(token_part(view, i, 0, raw.substr(0, dr + std::strlen("δ")), true));
      ++i;
      continue;
    } else if (size_t dd = raw.size() > 3 && dash_len(raw, raw.size() - 3) == 3 ? 3 : raw.ends_with('-') ? 1 : 0;
               dd && !plain && i + 1 < n && !blocked[i + 1] && joined_by_space(i) && view.raw(i + 1) == "δ" &&
               is_formula(raw.substr(0, raw.size() - dd))) {
      // "Ba0.5Sr0.5Co0.8Fe0.2O3− δ": the minus on the formula, δ after a space.
      len = 2;
      found = true;
      m.formula = std::string(raw) + "δ";
      m.normalized = m.formula;
    } else if (auto a = aliases.find(raw); a != aliases.end()) {
      len = 1;
      found = true;
      m.normalized = out[a->second].normalized;
      m.formula = out[a->second].formula;
      m.role_prior = out[a->second].role_prior;
    } else if (!vetoed_abbreviation && is_material_acronym(raw) && !caps_text(i) && !optical_density(raw) &&
               !(i > 0 && is_label_word_before(view, i)) && !instrument_context(i) &&
               !state_before_zip(i) && !defined_non_materials.count(raw) && !technique_context(i) &&
               !(affiliation && raw.find_first_of("0123456789-") == std::string_view::npos &&
                 view.tokens[i].begin + 100 > email_at && view.tokens[i].begin < email_at + 100)) {
      len = 1;
      found = true;
      m.normalized = std::string(raw);
    } else if (raw.back() == ')' && framework_metal(raw) && !instrument_context(i)) {
      len = 1;
      found = true;
      m.normalized = std::string(raw);
    } else if (is_label(i)) {
      len = 1;
      found = true;
      glued_stop = glued_sentence_stop(raw);
      m.normalized = std::string(raw.substr(0, glued_stop ? glued_stop : raw.size()));
    } else if (std::string_view greek = lost_greek_polymorph(raw); !greek.empty()) {
      // "b-NaYF4 nanorods", "a-Fe2O3": the polymorph letter lost in conversion; `normalized` is the
      // Greek form the clean text gives ("β-NaYF4"), the text stays as written.
      len = 1;
      found = true;
      m.formula = std::string(raw.substr(2));
      m.normalized = std::string(greek) + "-" + m.formula;
    } else if (size_t d = state_prefix(raw); d && (is_formula(raw.substr(d)) || is_material_acronym(raw.substr(d)))) {
      // "a-IGZO", "h-BN", "g-C3N4", "t-ZrO2", "p-Si", "rr-P3HT": a phase, doping or regularity prefix.
      len = 1;
      found = true;
      m.normalized = std::string(raw);
      if (is_formula(raw.substr(d))) m.formula = std::string(raw.substr(d));
    } else if (size_t skip = descriptor_prefix(raw);
               skip && (is_formula(raw.substr(skip)) || is_material_acronym(raw.substr(skip)))) {
      // "Raw-MWCNTs were refluxed", "pristine-TiO2", "bare-Fe3O4": a descriptor glued to the name with
      // a hyphen is no part of it; the mention is the name (session 8). The name keeps its lexicon
      // entry: "Neat-OA" is oleic acid, a ligand, like "OA" (review 8b, R7).
      std::string_view part = raw.substr(skip);
      out.push_back(token_part(view, i, skip, part, is_formula(part)));
      finder.take_entry(out.back(), finder.single_word_entry(part));
      ++i;
      continue;
    } else if (size_t z = zeolite_form(i)) {
      // "NH4-beta", "H-mordenite", "Na-type ZSM-5": the cation form of a zeolite.
      len = z;
      found = true;
      size_t from = view.tokens[i].begin;
      m.normalized = fold_case(view.text.substr(from, view.tokens[i + z - 1].end - from));
    } else if (size_t mark = trademark(raw)) {
      // "Oxone®", "Nafion(r)", "Triton™": a registered trade name in a procedure is a product used.
      len = 1;
      found = true;
      m.normalized = fold_case(raw.substr(0, raw.size() - mark));
    } else if (is_composite(raw) && !instrument_context(i)) {
      // "Cu-Zn-Al", "Al-MCM-41", "Au-CeO2@SBA-15", "Pd-Mn3O4/MWCNTs": hyphenated composites; but
      // "the DCDA-FeCl3 mixtures" lists two reagents.
      if (i + 1 < n && view.folded[i + 1].starts_with("mixture") && raw.find('@') == std::string_view::npos) {
        size_t from = 0;
        while (from < raw.size()) {
          size_t to = raw.find_first_of("-+", from);  // "DCDA-FeCl3", "Ni+SDC" mixtures
          std::string_view part = raw.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
          if (is_formula(part) || is_material_acronym(part))
            out.push_back(token_part(view, i, from, part, is_formula(part)));
          if (to == std::string_view::npos) break;
          from = to + 1;
        }
        ++i;
        continue;
      }
      len = 1;
      found = true;
      m.normalized = std::string(raw);
    } else if (hyphenated_metal_name(i)) {
      // "lanthanum-strontium-cobalt-ferrite", "lanthanum-strontium-manganite": metal names written
      // with hyphens before the anion.
      len = 1;
      found = true;
      m.normalized = std::string(view.folded[i]);
    } else if (size_t nano = hyphen_nano_head(raw); nano > 0) {
      // "Pd-nanoparticles", "TiO2-nanotubes": the nanostructure noun belongs to the name, as in "Co NPs".
      len = 1;
      found = true;
      m.formula = std::string(raw.substr(0, nano));
      m.normalized = std::string(raw);
      m.product_noun = true;
    } else if (raw.size() == 1 && finder.symbols_.count(raw) &&
               (one_letter_reagent(i) || one_letter_solute(i) || one_letter_form(i) || one_letter_listed(i) ||
                one_letter_solution(i))) {
      // "Se (shot, 99.999%) and S (shots, 99.9999%)", "C (0.5 g)": a one-letter element with its
      // purity or amount in a list of reagents (rules-8).
      len = 1;
      found = true;
      m.formula = std::string(raw);
      m.normalized = std::string(raw);
    } else if (size_t based = based_head(); based > 0) {
      len = 1;
      found = true;
      m.normalized = std::string(raw.substr(0, based));
      if (is_formula(m.normalized)) m.formula = m.normalized;
    } else {
      // "OA-capped", "Ag-doped": the part before the hyphen.
      hyphen_suffix_head(i, raw, m);
      ++i;
      continue;
    }
    if (!found) {
      ++i;
      continue;
    }
    hydrate_after(i, m, len);
    spaced_alloy(i, raw, raw_formula, m, len);
    spaced_formula(i, raw, m, len, lead_bracket);
    if (len > 1) finder.spaced_formula_entry(m);
    grade_number(i, m, len);
    // "NiFe", "CoAl" read as an alloy formula name the metals of the hydroxide too (review 17a, M2).
    if (len == 1 && raw.size() >= 4 && is_upper(raw[0]) && (m.formula.empty() || m.formula == raw)) {
      layered_hydroxide_after(i, raw, m, len);
      if (len > 1) m.formula.clear();
    }
    // "Co ( H 2 O ) 6 2 +": an ion in solution spaced out by the PDF conversion.
    if (spaced_ion_part(i, len)) {
      i += len;
      continue;
    }
    nano_abbreviation_after(i, m, len);
    // "alumina crucible", "graphite die", "Pt counter electrode", "Cu Kα radiation": apparatus and
    // instrument parts made of a material are not reagents.
    bool element_mention = false;  // set below for mentions followed by a word
    if (apparatus_or_property(i, len, raw, m, element_mention)) {
      i += len;
      continue;
    }
    if (not_a_reagent(i, len, raw, m, element_mention)) {
      i += len;
      continue;
    }
    m.label = is_label(i);
    m.first_token = i;
    m.last_token = i + len - 1;
    m.begin = view.tokens[i].begin - lead_bracket;
    bool cermet = glued_dopant(i, m);  // "Ni/yttria-stabilized zirconia": normalized once m.end is known
    dopant_apart(i, m);
    m.end = glued_stop ? view.tokens[i].begin + glued_stop : view.tokens[i + len - 1].end;
    if (cermet) {
      m.normalized = fold_case(view.text.substr(m.begin, m.end - m.begin));
      m.formula.clear();
    }
    listed_acids(i, len, m);
    alias_reading(i, len, m);
    if (raw == "ODA" && m.normalized == "octadecylamine") polyimide_diamine(m);
    const bool shared_salt = i == shared_salt_tok && len == 1;
    if (shared_salt) shared_salt_roles(m);
    out.push_back(std::move(m));
    size_t index = out.size() - 1;
    i += len;
    i = after_mention(index, i);
    // The shared anion word ("Cu, Zn and Al nitrates") belongs to the elements named: no bare
    // «nitrates» mention of its own, which took the list's amounts (review 13b, D10).
    if (shared_salt && i < n && i == shared_salt_tok + 1) i += i + 1 < n && view.folded[i + 1] == "salts" ? 2 : 1;
  }
}

// "the reduced graphene oxide (RGO)": MSP leaves "reduced" out of the span, but the reduced form is
// another material; when the lexicon names one ("reduced graphene oxide" for rGO), the mention takes
// that name and prior, so that rGO and GO records do not merge (review 14b, B81).
void MaterialFinder::Scan::reduced_form(size_t i, MaterialMention& m) const {
  if (i == 0 || view.folded[i - 1] != "reduced" || m.normalized.empty()) return;
  if (const Entry* e = finder.entry_named("reduced " + m.normalized)) {
    m.normalized = e->normalized;
    m.role_prior = e->role;
  }
}

// A token that names no material for the words before it (a potential scale's reference, a
// standard's code, a company): run() skips it.
bool MaterialFinder::Scan::spaced_charge_after(size_t i) const {
  std::string_view c = view.raw(i + 1);
  if (c.empty() || c.size() > 4 || blocked[i + 1]) return false;
  size_t sign = c.back() == '+' || c.back() == '-' ? 1 : c.ends_with("\u2212") ? 3 : 0;
  // (The sign first: most tokens after a word end in none, and joined_by_space() is a call.)
  if (!sign || !joined_by_space(i)) return false;
  // "SrCo 1− x Sb x O 3": a variable count, no charge.
  if (i + 2 < n && (view.folded[i + 2].starts_with('x') || view.folded[i + 2].starts_with('y'))) return false;
  std::string_view digits = c.substr(0, c.size() - sign);
  if (digits.size() > 1 || (digits.size() == 1 && (digits[0] < '1' || digits[0] > '4'))) return false;
  // A bare sign is an ion only before "ion(s)": "Ag + Cu" lists two metals.
  if (digits.empty() && !(i + 2 < n && view.folded[i + 2].starts_with("ion"))) return false;
  return is_formula(view.raw(i));
}

bool MaterialFinder::Scan::catalogue_identifier(size_t i) const {
  auto register_word = [](std::string_view w) {
    if (w.ends_with('#') || w.ends_with(':')) w.remove_suffix(1);
    return w == "lot" || w == "batch" || w == "cat" || w == "catalog" || w == "catalogue" || w == "product";
  };
  std::string_view w = view.folded[i - 1];
  if (w == "lot" || w == "lot#" || w == "lot:") return true;
  return (w == "no" || w == "number" || w == "#" || w == "no:") && i > 1 && register_word(view.folded[i - 2]);
}

bool MaterialFinder::Scan::not_a_material_here(size_t i, std::string_view raw, bool plain) const {
  // "1.2 V vs. Ag/AgCl", "versus Li/Li+": the reference of a potential scale (rules-8).
  if (i > 0 && !plain && (view.folded[i - 1] == "vs" || view.folded[i - 1] == "versus")) {
    return true;
  }
  // "colloidal silica (Ludox AS-40)", "silica sol (Ludox HS-40)": the grade after a brand in the
  // bracket of the mention just made names that material as sold, no material of its own (review
  // 17a, M12); as a mention it broke the list it stands in.
  if (i >= 2 && !plain && trade_grade(i)) return true;
  // "ASTM C109", "ISO 9277": the code of a test standard (rules-8).
  if (i > 0 && !plain && view.folded[i - 1].size() <= 4 &&
      (view.folded[i - 1] == "astm" || view.folded[i - 1] == "iso" || view.folded[i - 1] == "din" ||
       view.folded[i - 1] == "jis") && is_upper(view.raw(i - 1)[1])) {
    return true;
  }
  // "Zn 2+ ions", "Mn 2+": an ion whose charge the PDF conversion set apart, no material (as "Zn2+").
  if (!plain && i + 1 < n && spaced_charge_after(i)) return true;
  // "lot# MKBQ1234V", "Lot No. BCBS5678", "Cat. No. 221473": a supplier's identifier (review 16a, A24).
  if (i > 0 && !plain && register_word_start(view.folded[i - 1]) && catalogue_identifier(i)) return true;
  // "JEOL Co., Ltd.", "Sinopharm Chemical Reagent Co.", "Thomas Swan & Co.": a company, not cobalt.
  if (raw == "Co" && view.tokens[i].end < view.text.size() && view.text[view.tokens[i].end] == '.' && i > 0 &&
      (view.raw(i - 1) == "&" || (is_upper(view.raw(i - 1)[0]) && !is_formula(view.raw(i - 1)) &&
                                  !gap_has(i - 1, ',')))) {
    return true;
  }
  return false;
}

// "LVP/G nanocomposites", "SnO2/G composite": a later slash part "G" before a composite noun is the
// usual abbreviation of graphene, the support of the composite (MSP dev-a) (s16-mat).
bool MaterialFinder::Scan::graphene_letter(std::string_view part, size_t i) const {
  if (part != "G" || i + 1 >= n) return false;
  std::string_view next = view.folded[i + 1];
  return next.starts_with("composite") || next.starts_with("nanocomposite") || next.starts_with("hybrid");
}

// "solution A", "solution B": a paper's name for one of its solutions, taken into `out` (two tokens).
bool MaterialFinder::Scan::named_solution(size_t i) {
  if ((view.folded[i] == "solution" || view.folded[i] == "suspension") && i + 1 < n && !blocked[i + 1] &&
      joined_by_space(i)) {
    std::string_view next = view.raw(i + 1);
    if ((next.size() == 1 && next[0] >= 'A' && next[0] <= 'F') || next == "I" || next == "II" || next == "III") {
      MaterialMention m;
      m.first_token = i;
      m.last_token = i + 1;
      m.begin = view.tokens[i].begin;
      m.end = view.tokens[i + 1].end;
      m.normalized = fold_case(view.text.substr(m.begin, m.end - m.begin));
      m.role_prior = "other";
      out.push_back(std::move(m));
      return true;
    }
  }
  return false;
}

// The chemical-name run at token i (element/cation/organic words ending in an anion, acid, hydrate
// or organic head): its length in tokens, 0 for none; `salt` is set when an anion follows a word.
// Fills `cls`.
size_t MaterialFinder::Scan::chemical_name_run(size_t i, std::string_view raw, bool raw_formula, bool& salt) {
  cls.clear();
  bool formula_first = raw_formula;
  size_t j = i;
  while (j < n && !blocked[j]) {
    WordClass c = (j == i && formula_first) ? kElement : raw_class(j);
    if (c == kNone || c == kStop) {
      // Weak -ate/-ite anion after a cation-like word: "ammonium heptamolybdate".
      std::string_view f = view.folded[j];
      bool weak = !cls.empty() && (cls.back() == kElement || cls.back() == kCation || cls.back() == kOrganic || cls.back() == kPart) &&
                  (has_suffix(f, "ate") || has_suffix(f, "ates") || has_suffix(f, "ite") ||
                   (has_suffix(f, "ites") && !formula_first)) &&  // not "LiV3O8 crystallites"
                  c != kStop && !is_plate_word(f);
      if (!weak) break;
      c = kAnion;
    }
    cls.push_back(c);
    if (j + 1 < n && !joined_by_space(j)) {
      ++j;
      break;
    }
    ++j;
  }
  // Trim to the last head word.
  size_t r = cls.size();
  while (r > 0) {
    WordClass c = cls[r - 1];
    bool head = c == kAnion || c == kOrganic || c == kHydrate || (c == kAcid && r >= 2) ||
                (c == kElement && (r == 1 || cls[r - 2] == kElement));
    if (c == kHydrate && r == 1) head = false;
    if (head) break;
    --r;
  }
  if (r == 2 && shared_salt_word(i, cls)) r = 1;
  if (r == 1 && cls[0] == kElement) {
    // A lone element name: "lead" is a verb too often; formulas are handled below.
    // "lead" is a verb too often; "zinc blende" is a crystal phase.
    if (view.folded[i] == "lead" || formula_first ||
        (i + 1 < n && view.folded[i + 1].starts_with("blende"))) {
      r = 0;
    }
    // "barium zirconate-based fuel cells", "barium titanate-based ceramics": a descriptor whose
    // anion carries the suffix; the metal alone is no mention.
    if (r == 1 && i + 1 < n && joined_by_space(i) && view.folded[i + 1].ends_with("-based")) {
      std::string_view head = view.folded[i + 1].substr(0, view.folded[i + 1].size() - 6);
      if (has_suffix(head, "ate") || has_suffix(head, "ite") || has_suffix(head, "ide")) r = 0;
    }
  }
  // "studied Kerafol 3YSZ", "In parallel, Kerafol observed": a capitalised word inside a sentence
  // that only the "-ol" suffix makes organic is a name (a company, a place), not an alcohol; so is
  // one that opens a bracket and ends its first item: "γ-Al2O3 (Sasol, 150 m2/g)", a supplier.
  if (r == 1 && cls[0] == kOrganic && i > 0 && raw.size() >= 5 && is_upper(raw[0]) && raw.ends_with("ol") &&
      !finder.words_.count(view.folded[i]) &&
      ((!view.raw(i - 1).empty() && is_lower(view.raw(i - 1)[0]) && view.text[view.tokens[i - 1].end] != '.') ||
       (gap_has(i - 1, '(') && i + 1 < n && (gap_has(i, ',') || gap_has(i, ')'))))) {
    bool word = true;
    for (char c : raw.substr(1)) word &= is_lower(c);
    if (word) r = 0;
  }
  // A lone singular anion word ("the oxide", "mixed oxide route", "for the chloride") is a class
  // or a property far more often than a reagent; plurals ("metal nitrates", "acetates") are kept,
  // except "oxides", the class of all ceramics ("perovskite oxides", "several oxides such as").
  // "Sr-Fe-Mo-oxide" names its metals; "solid-oxide fuel cells" is a device word.
  // Only a lone anion word asks, so the hyphen and its prefix are looked at for it alone (this
  // block runs at every token).
  if (r == 1 && cls[0] == kAnion && !formula_first) {
    const size_t hy = raw.find('-');
    bool word_prefix = hy != std::string_view::npos && hy > 2;
    // "Solid-Oxide Fuel Cells": a title capitalises the prefix word.
    for (size_t k = 0; word_prefix && k < hy; ++k) word_prefix = is_lower(raw[k]) || (k == 0 && is_upper(raw[k]));
    word_prefix = word_prefix && finder.classify(fold_case(raw.substr(0, hy))) == kNone;
    if ((finder.is_anion_word(view.folded[i]) || view.folded[i] == "oxides" || word_prefix) &&
        (hy == std::string_view::npos || word_prefix) && !(i + 1 < n && raw_class(i + 1) == kHydrate)) {
      r = 0;
    }
  }
  for (size_t k = 0; k < r; ++k) salt |= cls[k] == kAnion && k > 0;
  return r;
}

// The names and formula of a chemical-name run [i, i + run) into `m` (run() found it); a named salt
// is a precursor.
void MaterialFinder::Scan::run_name(size_t i, size_t run, std::string_view raw, bool raw_formula, bool salt,
                                    MaterialMention& m) const {
  std::string norm;
  for (size_t k = i; k < i + run; ++k) {
    // "yttrium (III) chloride": the oxidation state keeps its bracket, glued as in
    // "yttrium(III) chloride", so both spellings give one name.
    const bool state = k > i && view.tokens[k].begin > 0 && view.text[view.tokens[k].begin - 1] == '(' &&
                       view.tokens[k].end < view.text.size() && view.text[view.tokens[k].end] == ')' &&
                       is_roman(view.raw(k));
    if (state) {
      norm += '(';
      norm += view.folded[k];
      norm += ')';
      continue;
    }
    if (!norm.empty()) norm += ' ';
    norm += view.folded[k];
  }
  m.normalized = norm;
  if (run == 1 && raw_formula) {
    m.formula = std::string(raw);
    if (finder.salt_formula(raw)) salt = true;
  } else if (run == 1) {
    // "Gold nanorods", "silver": an element name has the element's formula, as "Au NPs" has
    // (review 8, D18).
    // "Gold nanoparticles" and "Au NPs" are one material, so the name is normalized to the symbol.
    if (auto el = finder.element_names_.find(view.folded[i]); el != finder.element_names_.end()) {
      m.formula = el->second;
      if (!is_diatomic_halogen(el->first)) m.normalized = el->second;
    }
  } else if (run <= 3) {
    // "iron(III) chloride", "copper(II) acetate monohydrate", "zinc nitrate hexahydrate": the
    // oxidation state, or the metal's one usual charge, fixes the formula.
    m.formula = finder.state_salt_formula(norm);
  }
  if (run == 2 && m.formula.empty()) {
    // "cadmium selenide", "indium phosphide": a binary compound of a divalent metal and a
    // chalcogen, or of a group-13 metal and a pnictogen, is 1:1 (review 8, D18).
    static constexpr std::pair<std::string_view, std::string_view> kMetals[] = {
        {"cadmium"sv, "Cd"sv}, {"zinc"sv, "Zn"sv}, {"lead"sv, "Pb"sv}, {"mercury"sv, "Hg"sv},
        {"indium"sv, "In"sv}, {"gallium"sv, "Ga"sv}};
    static constexpr std::pair<std::string_view, std::string_view> kAnions[] = {
        {"sulfide"sv, "S"sv}, {"sulphide"sv, "S"sv}, {"selenide"sv, "Se"sv}, {"telluride"sv, "Te"sv},
        {"phosphide"sv, "P"sv}, {"arsenide"sv, "As"sv}, {"nitride"sv, "N"sv}, {"antimonide"sv, "Sb"sv}};
    for (const auto& [metal, ms] : kMetals) {
      if (view.folded[i] != metal) continue;
      const bool group13 = ms == "In" || ms == "Ga";
      for (const auto& [anion, as] : kAnions) {
        const bool pnictide = as == "P" || as == "As" || as == "N" || as == "Sb";
        if (view.folded[i + 1] == anion && group13 == pnictide) m.formula = std::string(ms) + std::string(as);
      }
    }
    // "Zn oleate (0.4 mmol)": the symbol written apart from "oleate" names the same stock as
    // "Zn-oleate" and "zinc oleate" (session 8).
    if (view.folded[i + 1] == "oleate" && view.tokens[i].end - view.tokens[i].begin <= 2) {
      std::string joined(view.text.substr(view.tokens[i].begin, view.tokens[i].end - view.tokens[i].begin));
      joined += "-oleate";
      if (std::string name = finder.metal_oleate(joined); !name.empty()) {
        m.normalized = name;
        if (const Entry* e = finder.entry_named(name)) m.formula = e->formula;
      }
    }
  }
  // A named salt ("zinc acetate", "cupric nitrate hydrate") is most often a starting material.
  if (salt) m.role_prior = "precursor";
}

// "OA-capped", "Ag-doped": the part before the hyphen, taken into `out` as `m`.
void MaterialFinder::Scan::hyphen_suffix_head(size_t i, std::string_view raw, MaterialMention& m) {
  if (!has_suffix(view.folded[i], "d"sv)) return;  // every suffix ends in 'd' (most tokens: no loop)
  for (auto suf : kHyphenSuffixes) {
    if (has_suffix(view.folded[i], suf) && raw.size() > suf.size()) {
      std::string_view head = raw.substr(0, raw.size() - suf.size());
      std::string head_fold = fold_case(head);
      // "OA-capped", "OAm-capped": a lexicon abbreviation of the capping ligand (review 8, D22).
      // Only before "-capped": MSP does not annotate "PVP-stabilized Co NPs" as a mention.
      // A case-sensitive abbreviation wins over a formula reading: "OAm" is oleylamine, not O + Am
      // (rev8c probe: formula "OAm").
      int lexical = -1;
      bool abbreviation = false;
      size_t first = i;
      if (suf == "-capped"sv) {
        lexical = finder.single_word_entry(head, &head_fold);
        abbreviation = lexical >= 0 && finder.single_words_cs_.count(head);
        if (int acid = finder.capped_acid(view, blocked, i); acid >= 0) lexical = acid, abbreviation = true, first = i - 1;
      }
      if (lexical >= 0 && (abbreviation || !is_formula(head))) {
        m.first_token = first;
        m.last_token = i;
        m.begin = view.tokens[first].begin;
        m.end = view.tokens[i].begin + head.size();
        finder.take_entry(m, lexical);
        out.push_back(std::move(m));
      } else if (is_formula(head) || finder.classify(head_fold) == kOrganic ||
                 finder.classify(head_fold) == kElement) {
        m.first_token = m.last_token = i;
        m.begin = view.tokens[i].begin;
        m.end = m.begin + head.size();
        m.normalized = is_formula(head) ? std::string(head) : head_fold;
        if (is_formula(head)) m.formula = std::string(head);
        out.push_back(std::move(m));
      }
      break;
    }
  }
}

// "Co ( H 2 O ) 6 2 +": a formula spaced out by the PDF conversion names an ion in solution; its
// parts are not materials. Whether the mention [i, i + len) is such a part.
bool MaterialFinder::Scan::spaced_ion_part(size_t i, size_t len) const {
  size_t e = view.tokens[i + len - 1].end, b = view.tokens[i].begin;
  std::string_view after = view.text.substr(e, 3), before = view.text.substr(b >= 2 ? b - 2 : b, b >= 2 ? 2 : 0);
  // (A middle byte inline first: == calls compare() at every token.)
  return (after.size() == 3 && after[1] == '(' && after == " ( ") ||
         (before.starts_with('(') && before == "( " && view.text.substr(e).starts_with(" )"));
}

// "Co NPs", "MnO2 NWs", "Cu2-xS NCs": the nanostructure abbreviation is part of the name (as
// MSP annotates it); spelled-out nouns ("Ru nanoparticles") are not. Extends `m` and `len`.
void MaterialFinder::Scan::nano_abbreviation_after(size_t i, MaterialMention& m, size_t& len) const {
  if (i + len < n && !blocked[i + len] && joined_by_space(i + len - 1)) {
    if (is_nano_abbreviation(view.raw(i + len))) {
      ++len;
      m.product_noun = true;
    }
  }
}

// A hydrate after the mention [i, i + len) belongs to its name: a hydrate word, a "·2H2O" token, or
// the dot written apart. Extends `m` and `len`.
// The first veto that holds wins, as the lexicon match is gone after it.
bool MaterialFinder::Scan::one_word_veto(size_t i, std::string_view raw, int entry, bool* abbreviation) {
  // "He and co-workers reported", "He et al. showed": the pronoun of a cited author, not helium
  // ("He gas", "under He", "He was used as the carrier gas" stay helium).
  if (raw == "He" && i + 1 < n) {
    std::string_view next = view.folded[i + 1];
    std::string_view after = i + 2 < n ? view.folded[i + 2] : std::string_view();
    bool author = next == "et" || next == "reported" || next == "showed" || next == "found" ||
                  next == "proposed" || next == "suggested" || next == "demonstrated" || next == "described" ||
                  next == "observed" || next == "noted" || next == "argued" || next == "concluded" ||
                  (next == "and" && (after == "co-workers" || after == "coworkers" || after == "colleagues" ||
                                     after == "his" || after == "co"));
    if (author) {
      *abbreviation = true;
      return true;
    }
  }
  // "the TGA result/curve": thermogravimetric analysis, not thioglycolic acid.
  if (raw == "TGA" && i + 1 < n &&
      (view.folded[i + 1].starts_with("result") || view.folded[i + 1].starts_with("curve") ||
       view.folded[i + 1] == "data" || view.folded[i + 1] == "analysis" || view.folded[i + 1].starts_with("measurement"))) {
    return true;
  }
  if (raw == "TGA" && tga_technique(i)) return true;
  // "the HF arc": the high-frequency part of an impedance spectrum, not hydrofluoric acid.
  if (raw == "HF" && technique_context(i)) {
    *abbreviation = true;
    return true;
  }
  // "at the air electrode": the cathode of a fuel cell named by the gas it faces, a cell part.
  if (i + 1 < n && finder.entries_[entry].normalized == "air" && view.folded[i + 1].starts_with("electrode")) return true;
  // "a long hydrocarbon chain", "hydrocarbon tails": a part of a molecule, not the fuel.
  return i + 1 < n && finder.entries_[entry].normalized == "hydrocarbon" &&
         (view.folded[i + 1].starts_with("chain") || view.folded[i + 1].starts_with("tail"));
}

void MaterialFinder::Scan::hydrate_after(size_t i, MaterialMention& m, size_t& len) {
  // A following hydrate word or "·2H2O" token belongs to the name.
  while (i + len < n && !blocked[i + len] && joined_by_space(i + len - 1) &&
         (raw_class(i + len) == kHydrate ||
          (has_prefix(view.raw(i + len), "·"sv) && is_formula(view.raw(i + len).substr(std::strlen("·")))))) {
    ++len;
  }
  // "La(NO3)3 · 6H2O", "Co(NO3)2 •6H2O": the hydrate dot written apart from the salt.
  if (!m.formula.empty() && i + len < n && !blocked[i + len] && joined_by_space(i + len - 1)) {
    auto water = [](std::string_view w) {
      return w.ends_with("H2O") && w.find_first_not_of("0123456789.") == w.size() - 3;
    };
    std::string_view next = view.raw(i + len);
    size_t dot = 0;
    for (std::string_view d : kHydrateDots) {
      if (next.starts_with(d)) dot = d.size();
    }
    size_t extra = 0;
    std::string_view hydrate;
    if (dot && dot < next.size() && water(next.substr(dot))) {
      extra = 1;
      hydrate = next.substr(dot);
    } else if (dot && dot == next.size() && i + len + 1 < n && !blocked[i + len + 1] && joined_by_space(i + len) &&
               water(view.raw(i + len + 1))) {
      extra = 2;
      hydrate = view.raw(i + len + 1);
    }
    if (extra) {
      m.formula += "·";
      m.formula += hydrate;
      m.normalized = m.formula;
      len += extra;
    }
  }
}

void MaterialFinder::Scan::spaced_alloy(size_t i, std::string_view raw, bool raw_formula, MaterialMention& m,
                                        size_t& len) const {
  // "Cd x Zn 1-x Se y S 1-y": an alloy formula whose variable subscripts the PDF conversion set
  // apart. Element and count tokens alternate; at least one count is a variable (x, y, 1-x,
  // 0.5x), so that spaced numbers alone are left to the spaced-count rule below.
  // An element group between counts: a symbol, or a few symbols written without counts ("BaZr 0.1
  // Ce 0.7 ...", "Sm 0.5 Sr 0.5 CoO 3-δ", "CsPb 0.5 Sn 0.5 I 3").
  // `formula`: is_formula(t) is already known to hold (raw_formula for this token).
  auto group_token = [&](std::string_view t, bool formula = false) {
    if (t.size() <= 2) return finder.symbols_.count(t) > 0;
    if (t.size() > 6 || !is_upper(t[0])) return false;
    for (char c : t) {
      if (!is_alpha(c)) return false;
    }
    return formula || is_formula(t);
  };
  if (len == 1 && raw.size() <= 6 && i + 2 < n && (raw.size() <= 2 ? finder.symbols_.count(raw) > 0 : raw_formula) &&
      group_token(raw, raw_formula)) {
    auto variable_count = [](std::string_view c) {
      size_t vars = 0, ops = 0;
      for (size_t k = 0; k < c.size();) {
        if (c[k] == 'x' || c[k] == 'y' || c[k] == 'z') ++vars, ++k;
        else if (is_digit(c[k]) || c[k] == '.') ++k;
        else if (size_t d = c[k] == '+' ? 1 : dash_len(c, k)) ops += 1, k += d;
        else return false;
      }
      return vars == 1 && ops <= 1 && !c.empty() && c.size() <= 6;
    };
    // "3-δ", "3−δ", "5+δ": the oxygen count of a perovskite with its non-stoichiometry.
    auto delta_count = [](std::string_view c) {
      size_t d = c.find_first_not_of("0123456789.");
      if (d == 0 || d == std::string_view::npos) return false;
      size_t sign = c[d] == '+' ? 1 : dash_len(c, d);
      return sign > 0 && c.substr(d + sign) == "δ";
    };
    std::string formula(raw);
    size_t k = i + 1, elements = 1, decimals = 0;
    bool variable = false;
    // At most seven elements: the scan stays bounded on a long run of spaced symbols and numbers.
    while (k < n && elements < 7 && !blocked[k] && joined_by_space(k - 1)) {
      std::string_view t = view.raw(k);
      bool delta = delta_count(t);
      bool count = variable_count(t) || delta ||
                   (t.size() <= 4 && t.find_first_not_of("0123456789.") == std::string_view::npos);
      if (!count) break;
      variable |= variable_count(t);
      decimals += t.find('.') != std::string_view::npos;
      formula += t;
      ++k;
      if (delta) break;  // δ ends the formula
      if (k < n && !blocked[k] && joined_by_space(k - 1) && group_token(view.raw(k)) &&
          view.raw(k) != raw) {
        formula += view.raw(k);
        ++elements;
        ++k;
      } else {
        break;
      }
    }
    // A last element without its count ("Cd x Zn 1-x S") was taken in the loop. "La 0.6 Sr 0.4 Co 0.2
    // Fe 0.8 O 3-δ", "Ce 0.9 Gd 0.1 O 1.95": decimal counts written apart (PDF-flattened subscripts) name
    // a doped formula when two or more counts are fractions and three or more elements alternate with
    // them ("Zn 0.5 g", "Fe 0.8 mmol" stop at the unit).
    if (((variable && elements >= 2 && k - i >= 4) || (decimals >= 2 && elements >= 3)) && is_formula(formula)) {
      // "... O 3 − δ": the non-stoichiometry written apart from the last count.
      if (is_digit(formula.back()) && spaced_delta(k)) {
        formula += view.raw(k);
        formula += "δ";
        k += 2;
      }
      len = k - i;
      m.formula = formula;
      m.normalized = formula;
    }
  }
}

// After a one-token mention: "copper alloy", and formulas whose groups or counts the PDF conversion set
// apart. Extends `m`, `len` and `lead_bracket`.
void MaterialFinder::Scan::spaced_formula(size_t i, std::string_view raw, MaterialMention& m, size_t& len,
                                          size_t& lead_bracket) const {
  // "copper alloy", "iron alloys": a metal named in words with the word alloy is one material (a
  // glued reference number, "alloy14", stays on the token); "FeCo alloy", "Co-Fe alloy" name the
  // alloy by their symbols already.
  if (len == 1 && i + 1 < n && !blocked[i + 1] && joined_by_space(i) && view.folded[i + 1].starts_with("alloy") &&
      finder.element_names_.count(view.folded[i])) {
    std::string_view rest = view.folded[i + 1].substr(5);
    if (rest.empty() || rest == "s" || rest.find_first_not_of("0123456789") == std::string_view::npos) {
      len = 2;
      m.normalized += " alloy";
    }
  }
  // Formulas written with a space before a group or count: "Si (OC2H5)4", "C6H4 (COOH)2",
  // "MoS 2".
  // "Ca 3 (PO 4 ) 2", "(NH 4 ) 2 SO 4": the same with a bracket group.
  if (len == 1 && !m.formula.empty() && i + 2 < n && !blocked[i + 1] &&
      (view.text[view.tokens[i].begin - (view.tokens[i].begin > 0)] == '(' ||
       (joined_by_space(i) && view.raw(i + 1).size() <= 2 && is_digit(view.raw(i + 1)[0])))) {
    std::string bracketed;
    if (size_t sb = finder.spaced_bracket(view, blocked, i, bracketed, &lead_bracket); sb > 1) {
      len = sb;
      m.formula = std::move(bracketed);
      m.normalized = m.formula;
      if (finder.salt_formula(m.formula)) m.role_prior = "precursor";
    } else {
      lead_bracket = 0;
    }
  }
  if (len == 1 && !m.formula.empty() && i + 1 < n && !blocked[i + 1] && joined_by_space(i)) {
    std::string_view next = view.raw(i + 1);
    bool group = next.starts_with('(') || (next.size() == 1 && is_digit(next[0])) || variable_count(next);
    // "Sr2MgMoO6−δ (SMMO)8": capitals alone in the bracket are the abbreviation (and a reference
    // number), not a group of the formula.
    if (size_t close = next.find(')'); group && next.starts_with('(') && close != std::string_view::npos &&
                                       close >= 4) {
      std::string_view inner = next.substr(1, close - 1);
      bool caps = true;
      for (char c : inner) caps &= is_upper(c);
      int elements = 0;
      if (caps && finder.formula_prefix(inner, 0, &elements, 0) != inner.size()) group = false;  // not "(COOH)2"
    }
    std::string lead = group ? std::string() : spaced_bare_lead(i, raw);
    if (!lead.empty() ||
        (group && (is_formula(std::string(raw) + std::string(next)) ||
                   (raw.size() == 1 && finder.spaced_binary_start(view, blocked, i))))) {
      len = lead.empty() ? 2 : 3;
      m.formula = lead.empty() ? std::string(raw) + std::string(next) : std::move(lead);
      // Every count written apart: "Cs 2 CO 3", "Fe 3 O 4", "Al 2 O 3" (PDF-flattened subscripts).
      // At most three more element groups (Na2S2O3 is the longest common case): the loop stays
      // bounded on "Cs 2 Cs 2 Cs 2 ...".
      for (int more = 0; more < 3 && i + len + 1 < n && !blocked[i + len] && !blocked[i + len + 1] &&
                         joined_by_space(i + len - 1) && joined_by_space(i + len);
           ++more) {
        std::string_view part = view.raw(i + len), count = view.raw(i + len + 1);
        if (part == raw) break;  // "Cs 2 Cs 2": the same group again starts a new mention
        if (finder.starts_new_formula(m.formula, part)) break;  // "PbBr 2 Cs 2 CO 3": two formulas
        // "Fe 3 O 4 @SiO 2": the shell of a core@shell composite, as "Fe3O4@SiO2" is one mention.
        std::string_view element_part = part.starts_with('@') ? part.substr(1) : part;
        bool letters = !element_part.empty() && is_upper(element_part[0]), digits = !count.empty() && count.size() <= 2;
        for (char c : element_part) letters &= is_upper(c) || is_lower(c);
        for (char c : count) digits &= is_digit(c);
        if (!letters || !digits) break;
        std::string longer = m.formula + std::string(part) + std::string(count);
        if (!is_formula(longer)) break;
        m.formula = std::move(longer);
        len += 2;
      }
      // "Na 2 S", "Ag 2 S QDs": the last element written without a count.
      len += finder.spaced_last_element(view, blocked, i + len, m.formula);
      // "Fe 3 O 4 @C", "Fe 3 O 4 @SiO2": a shell written whole after the spaced core.
      if (i + len < n && !blocked[i + len] && joined_by_space(i + len - 1) && view.raw(i + len).starts_with('@') &&
          is_formula(m.formula + std::string(view.raw(i + len)))) {
        m.formula += view.raw(i + len);
        ++len;
      }
      m.normalized = m.formula;
      len += spaced_formula_tail(i + len, m);
    } else if (spaced_delta(i + 1)) {
      // "(PrBa)0.95(Fe0.9Mo0.1)2O5 + δ", "La0.6Sr0.4CoO3 − δ": the oxygen non-stoichiometry
      // written apart.
      len = 3;
    }
  }
  // "Zn(OAc) 2 ·2H 2 O", "HAuCl4 ·3H 2 O": a hydrate with its counts written apart.
  if (!m.formula.empty() && i + len < n) {
    if (size_t h = finder.spaced_hydrate(view, blocked, i + len, m.formula)) {
      len += h;
      m.normalized = m.formula;
    }
  }
}

size_t MaterialFinder::Scan::spaced_formula_tail(size_t k, MaterialMention& m) const {
  if (k >= n || blocked[k] || !joined_by_space(k - 1)) return 0;
  std::string_view tail = view.raw(k);
  if (tail.size() < 3 || (tail[0] != ':' && tail[0] != '/')) return 0;
  std::string_view body = tail.substr(1);
  // A count written apart after the tail ("/CeO 2") leaves it alone.
  const bool counted = k + 1 < n && !blocked[k + 1] && joined_by_space(k) && is_digit(view.raw(k + 1)[0]);
  if (tail[0] == '/') {
    // A shell of two elements or more: "H 2 /Ar" is a gas mixture, no core and shell.
    int elements = 0;
    if (counted || !is_formula(body) || finder.formula_prefix(body, 0, &elements, 0) != body.size() || elements < 2) {
      return 0;
    }
    m.formula += tail;
    m.normalized = m.formula;
    return 1;
  }
  // The dopants: element symbols between commas ("Yb,Er", "Eu").
  for (size_t from = 0;;) {
    const size_t comma = body.find(',', from);
    if (!finder.symbols_.count(body.substr(from, comma == std::string_view::npos ? comma : comma - from))) return 0;
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  std::string name = m.formula + std::string(tail);
  size_t len = 1;
  // "Eu 3+": one dopant's charge written apart.
  if (counted && body.find(',') == std::string_view::npos) {
    std::string_view charge = view.raw(k + 1);
    if (charge.size() == 2 && charge[1] == '+') {
      name += charge;
      ++len;
    }
  }
  m.normalized = std::move(name);
  m.formula.clear();  // the glued "NaYF4:Yb,Er" has no formula either
  return len;
}

// Scraped text keeps the hyphen of a word broken at a line end ("Oleyl-amine", "1-octa-decene",
// "ethylene-diamine"): the token is the lexicon name when dropping one hyphen between two lower-case
// letters on either side makes an entry. Real hyphens in names stand by a locant, a capital or a
// one-letter prefix ("N-methyl-2-pyrrolidone", "1-dodecanethiol", "tri-n-octylphosphine"): kept.
// A token longer than every one-word surface by more than its hyphen is none: a paragraph that is one
// long hyphenated token ("abcd-abcd-...", 100 KB) copied the token for each hyphen (s33-review L7).
int MaterialFinder::Scan::hyphen_kept_entry(size_t i) const {
  std::string_view w = view.folded[i];
  if (w.size() > finder.longest_single_word_ + 1) return -1;
  for (size_t d = w.find('-', 2); d != std::string_view::npos && d + 2 < w.size(); d = w.find('-', d + 1)) {
    if (!is_lower(w[d - 2]) || !is_lower(w[d - 1]) || !is_lower(w[d + 1]) || !is_lower(w[d + 2])) continue;
    std::string joined = std::string(w.substr(0, d)) + std::string(w.substr(d + 1));
    if (int e = finder.single_word_entry(joined, &joined); e >= 0) return e;
  }
  return -1;
}

PhraseMatcher::Match MaterialFinder::Scan::broken_name_entry(size_t i) const {
  if (blocked[i + 1] || !joined_by_space(i)) return {};
  std::string_view raw = view.raw(i), next = view.raw(i + 1);
  std::string joined;
  if (raw.back() == '-') {
    // An acronym: capitals on both sides ("TO- PO" is TOPO).
    if (raw.size() < 3 || next.size() < 2) return {};
    for (char c : raw.substr(0, raw.size() - 1)) {
      if (!is_upper(c)) return {};
    }
    for (char c : next) {
      if (!is_upper(c)) return {};
    }
    joined = std::string(raw.substr(0, raw.size() - 1)) + std::string(next);
    if (int e = finder.single_word_entry(joined); e >= 0) return {e, 2};
    return {};
  }
  // A two-letter rest after the hyphen, a lower-case word before it: "ole-ic" + "acid".
  const size_t d = raw.size() - 3;
  if (d < 2 || !is_lower(raw[d - 1]) || !is_lower(raw[d + 1]) || !is_lower(raw[d + 2])) return {};
  joined = std::string(view.folded[i].substr(0, d)) + std::string(view.folded[i].substr(d + 1)) + " " +
           std::string(view.folded[i + 1]);
  TokenView phrase(joined);
  PhraseMatcher::Match m = finder.matcher_.match(phrase, 0);
  return m.entry >= 0 && m.tokens == 2 ? m : PhraseMatcher::Match{};
}

size_t MaterialFinder::Scan::spaced_count_name(size_t i, std::string_view raw, MaterialMention& m) const {
  if (raw.size() < 3 || raw.size() > 8 || !is_upper(raw[0]) || blocked[i + 1] || !joined_by_space(i)) return 0;
  for (char c : raw) {
    if (!is_alpha(c)) return 0;
  }
  std::string_view count = view.raw(i + 1);
  if (count.empty() || count.size() > 2 || count[0] == '0' || count.find_first_not_of("0123456789") != std::string_view::npos ||
      is_formula(raw)) {
    return 0;
  }
  std::string joined = std::string(raw) + std::string(count);
  // The last element group written without a count: "TMS 2 S" is "TMS2S".
  if (i + 2 < n && !blocked[i + 2] && joined_by_space(i + 1)) {
    std::string_view part = view.raw(i + 2);
    if (!part.empty() && part.size() <= 2 && finder.symbols_.count(part)) {
      if (int e = finder.single_word_entry(joined + std::string(part)); e >= 0) {
        finder.take_entry(m, e);
        return 3;
      }
    }
  }
  if (int e = finder.single_word_entry(joined); e >= 0) {
    finder.take_entry(m, e);
    return 2;
  }
  // "FAPbBr 3", "MAPbI 3": an organic cation's letters before element symbols; the name as written.
  if (mixed_case_acronym(raw, finder.symbols_) && is_material_acronym(joined)) {
    m.normalized = std::move(joined);
    return 2;
  }
  return 0;
}

// Whether token i's sentence (40 tokens either side at most: no quadratic scan in a paragraph
// without full stops) speaks of a measurement: "measured", "dielectric", "current collector", "tests";
// none that speaks of evaporation.
bool MaterialFinder::Scan::measurement_sentence(size_t i) const {
  auto cue = [](std::string_view w) {
    return has_prefix(w, "measur"sv) || has_prefix(w, "dielectric"sv) || has_prefix(w, "collector"sv) ||
           has_prefix(w, "four-probe"sv) || has_prefix(w, "conductivit"sv) || w == "test" || w == "tests";
  };
  // Electrodes evaporated onto a device are made in the synthesis (review 18b, B7 note): they stay.
  bool measured = false;
  for (size_t k = i; k > 0 && k + 40 > i && !gap_has(k - 1, '.'); --k) {
    if (has_prefix(view.folded[k - 1], "evaporat"sv)) return false;
    measured |= cue(view.folded[k - 1]);
  }
  for (size_t k = i + 1; k < n && k < i + 40 && !gap_has(k - 1, '.'); ++k) {
    if (has_prefix(view.folded[k], "evaporat"sv)) return false;
    measured |= cue(view.folded[k]);
  }
  return measured;
}

// Whether token j is the grade of the trade name before it: "XC-72R", "HS-40", "EC-300J" (capitals
// and digits), or a number before the class noun ("Aerosil 200 fumed silica").
bool MaterialFinder::Scan::trade_grade_after(size_t j) const {
  std::string_view g = view.raw(j);
  if (g.size() > 10 || !joined_by_space(j - 1) || blocked[j] || g.find_first_of("0123456789") == g.npos) return false;
  bool capital = false;
  for (char c : g) {
    if (!is_digit(c) && !is_upper(c) && c != '-') return false;
    capital |= is_upper(c);
  }
  if (capital) return is_upper(g[0]);
  // A number is a grade before punctuation ("Aerosil 200 (2 g)"), a class noun or a verb, never
  // before its unit.
  if (j + 1 >= n || !joined_by_space(j)) return true;
  std::string_view next = view.folded[j + 1];
  return next == "fumed" || next == "colloidal" || next == "silica" || next == "carbon" || next == "was" ||
         next == "were" || next == "and";
}

// A trade name sold in grades (flag tn): the grade written after it joins the mention ("Ketjen
// black EC-300J", "Ludox HS-40"; review 18b, B5). True when a one-word brand (and its grade) opens
// the bracket after the mention just made ("colloidal silica (Ludox AS-40)", "Silica (Aerosil 200,
// 2 g)"): the material as sold, no material of its own (review 17a, M12).
bool MaterialFinder::Scan::trade_name(size_t i, MaterialMention& m, size_t& len, size_t tokens) {
  bool grade = i + len < n && trade_grade_after(i + len);
  if (grade) {
    m.normalized += ' ';
    m.normalized += view.folded[i + len];
    ++len;
  }
  if (tokens == 1 && !out.empty() && out.back().last_token + 1 == i && gap_has(i - 1, '(')) return true;
  trade_end = i + len;
  return false;
}

void MaterialFinder::Scan::grade_number(size_t i, const MaterialMention& m, size_t& len) const {
  // "PEG 20000", "Nafion 117": a grade number after a polymer or acronym name.
  if (i + len < n && !blocked[i + len] && joined_by_space(i + len - 1) && m.formula.empty()) {
    std::string_view next = view.raw(i + len);
    size_t digits = 0;
    bool number = !next.empty();
    for (char c : next) {
      digits += is_digit(c);
      number &= is_digit(c) || c == ',';
    }
    // "PVA 1100 °C", "PVP 600, 800, 1300 °C": a number with a unit, or the first of a list of
    // numbers, is a quantity (a heat treatment in a table), never a grade.
    size_t a = i + len + 1;
    std::string_view after = a < n ? view.raw(a) : std::string_view();
    bool quantity = after.starts_with("°") || after.starts_with("℃") || after == "K" || next.back() == ',' ||
                    (after == "," && a + 1 < n && is_digit(view.raw(a + 1)[0]));
    if (number && !quantity && digits >= 3 && is_digit(next[0]) && (i == 0 || view.folded[i - 1] != "fig")) ++len;
  }
}

// "alumina crucible", "graphite die", "Pt counter electrode", "Cu Kα radiation": apparatus and
// instrument parts made of a material are not reagents. Sets `element_mention` for a mention of one
// element followed by a word.
bool MaterialFinder::Scan::apparatus_or_property(size_t i, size_t len, std::string_view raw,
                                                 const MaterialMention& m, bool& element_mention) const {
  if (i + len < n && !m.product_noun) {
    std::string_view next = view.folded[i + len];
    // One hash lookup per mention instead of a scan: these lists grow with every rules version.
    static const StringMap<bool> kApparatusNouns = word_set({
        "crucible", "crucibles", "jar", "jars", "die", "mold", "molds", "mould", "moulds", "boat", "counter", "ring",
        "mesh", "mesh-heated", "holder", "grid", "grids", "balls", "kα", "ka", "kα1", "k-alpha", "radiation",
        "method", "tube", "tubes",
        // "a polyol process", "the MF process": a method or a process named by a class (review 14a, A29).
        "process",
        // "a Cu loading of 10 wt%", "Na contents", "carbon source": a quantity or role of an element,
        // not a reagent mention.
        "loading", "loadings", "content", "contents", "source",
        // "water bath", "PTFE dish", "alumina pans", "silicon wafers", "air oven", "stainless steel
        // autoclave": labware named by its material.
        "bath", "baths", "dish", "dishes", "filter", "filters", "tape", "pan", "pans", "wafer", "wafers", "oven",
        "ovens", "liner", "liners", "vessel", "vessels", "beaker", "beakers", "autoclave", "autoclaves", "container",
        "containers", "vial", "vials", "spatula",
        // "a stainless steel reactor", "an evacuated silica ampoule": the vessel's material is an
        // apparatus descriptor in MSP (review 18b, B9).
        "reactor", "reactors", "ampoule", "ampoules", "ampule", "ampules",
        // "a graphite box" (review 14b, B61).
        "box", "boxes",
        // "a 300 W Xe lamp", "an Ar laser": light sources (rules-8).
        "lamp", "lamps", "laser", "lasers", "excimer",
        // "a calibrated Si photodiode", "a blue InGaN chip": a detector or an LED chip of a test
        // (review 18b, B7).
        "photodiode", "photodiodes", "chip", "chips",
        // "Li et al.", "Na et al.": an author's surname.
        "et",
        // "methanol production", "water splitting", "MB degradation": the substrate or product of a
        // catalysed reaction under test, not a reagent of the synthesis; "N2 sorption isotherms": the
        // probe gas of a surface analysis (rules-8). ("H2 oxidation" and "CH4 reforming" are left:
        // SOFC-Exp annotates a cell's fuel as a material.)
        "production", "splitting", "sensing", "sensor", "sensors", "degradation", "evolution", "dehydrogenation",
        "hydrogenation", "sorption", "physisorption", "chemisorption", "isotherm", "isotherms",
        // "OH groups", "C=O bonds", "•OH radicals", "Si-O stretching": a functional group or bond of a
        // spectrum or a mechanism, not a reagent.
        "group", "groups", "radical", "radicals", "bond", "bonds", "stretching", "vibration", "vibrations"});
    static const StringMap<bool> kElementPropertyNouns = word_set({
        "vacancy", "vacancies", "deficiency", "permeation", "coating", "coatings", "deposition", "grafting",
        "volatilization", "volatilisation", "species", "stoichiometry", "doping", "substitution", "oxidation",
        "ions", "bonding",
        // "oxygen partial pressure", "oxygen ion conductivity", "hydrogen uptake"
        "partial", "ion", "exchange", "diffusion", "transport", "nonstoichiometry", "evolution", "conductivity",
        "conduction", "permeability", "mobility", "uptake", "storage", "adsorption", "desorption",
        // "oxygen reduction reaction", "sulfur poisoning/tolerance", "carbon build-up", "Ni coarsening"
        "reduction", "poisoning", "tolerance", "build-up", "coarsening",
        // "to compensate for lithium loss", "Na evaporation": an element lost from a batch on firing
        // (review 17c, C16).
        "loss", "losses", "evaporation",
        // "Carbon formation was suppressed", "carbon deposits": coking, a process of the element (review
        // 17d, D10; SOFC-Exp leaves "carbon deposition" unmarked).
        "formation", "deposits",
        // "oxygen chemical potential", "oxygen ion-conducting", "Nb incorporation at the Co positions",
        // "Fe valence", "Sr concentration", "oxygen fluxes", "Na free TiO2"
        "chemical", "ion-conducting", "ionic", "ionic-conductivity", "incorporation", "flux", "fluxes", "surface",
        "position", "positions", "valence", "site", "sites", "concentration", "free",
        // "the Cu doped anode", "Al doped MgZnO": a dopant written apart is a property of the host (MSP
        // marks "Al doped" as a descriptor).
        "doped", "co-doped", "codoped", "substituted",
        // "the Zn K-edge XANES", "Pt L3-edge": an element's absorption edge in an X-ray absorption spectrum.
        "k-edge", "l-edge", "l3-edge", "l2-edge", "m-edge",
        // "the role of iron precursor", "the copper precursor": a reagent named by the element it
        // supplies; MSP marks neither the element nor the phrase (session 11).
        "precursor", "precursors"});
    // "spin-coated on Si wafers", "[p-Si] (100) wafers": a wafer is the substrate material (MSP:
    // Participant_Material; review 17a, M11), not labware.
    bool apparatus = kApparatusNouns.count(next) > 0 && next != "wafer" && next != "wafers";
    // "zirconia media": milling balls; "ball-milled in ethanol media" is the solvent (review 14b, B62).
    apparatus |= next == "media" && m.role_prior != "solvent";
    // "methanol synthesis catalysts", "ammonia synthesis catalyst": the product of the catalysed
    // reaction names the catalyst's use, not a reagent ("CdSe synthesis" alone stays a mention).
    apparatus |= next == "synthesis" && i + len + 1 < n && has_prefix(view.folded[i + len + 1], "catalyst"sv);
    // "Silver paste was applied as the current collector", "pellets with sputtered gold electrodes"
    // for a dielectric test, "silver paint contacts": the contacts of a measurement set-up, no reagent
    // (review 18b, B7); electrodes made in a synthesis sentence stay.
    if (!apparatus && len == 1 && contact_noun(next) &&
        (finder.element_names_.count(view.folded[i]) || finder.symbols_.count(raw)) && measurement_sentence(i)) {
      apparatus = true;
    }
    // "PAN" and "PTFE" after a name are abbreviations of polymers, not labware.
    std::string_view next_raw = view.raw(i + len);
    if (next_raw.size() >= 2 && is_upper(next_raw[0]) && is_upper(next_raw[1])) apparatus = false;
    // "oxygen vacancies", "carbon coating", "Li volatilization", "iron species": a property or
    // process of an element, not the element as a reagent.
    bool element_only =
        len == 1 && (finder.element_names_.count(view.folded[i]) || (raw.size() <= 2 && finder.symbols_.count(raw)));
    element_mention = element_only;
    // "the absorption-desorption oxygen process": an element's own process, not a method named by a
    // class ("a polyol process"); the element is the substance (review 14c, R19).
    if (element_only && next == "process") apparatus = false;
    // "10 wt% excess lithium", "Excess Li was used": the share of an element in a composition.
    if (element_only && i > 0) {
      std::string_view prev = view.folded[i - 1];
      apparatus |= prev == "excess" || prev == "deficient" || prev == "stoichiometric";
      // "A 5 wt% excess of lithium was added" (MSP: "10 wt% excess lithium" Nonrecipe; review 18b, B6).
      // A share before it, not "to remove excess of sulphur" (a reagent washed away).
      apparatus |= prev == "of" && i >= 3 && view.folded[i - 2] == "excess" && blocked[i - 3];
      // "lattice oxygen is lost", "surface oxygen": oxygen as a part of a solid.
      apparatus |= (prev == "lattice" || prev == "adsorbed") && view.folded[i] == "oxygen";
    }
    if (element_only && kElementPropertyNouns.count(next)) apparatus = true;
    // "N2 adsorption-desorption isotherms", "nitrogen adsorption": the probe gas of a surface analysis.
    apparatus |= has_prefix(next, "adsorption"sv) || has_prefix(next, "desorption"sv);
    // "the Ti 2p and O 1s spectra", "Co 2p3/2": an element's core level in a photoelectron spectrum.
    if (element_only && next_raw.size() >= 2 && is_digit(next_raw[0]) &&
        (next_raw[1] == 's' || next_raw[1] == 'p' || next_raw[1] == 'd' || next_raw[1] == 'f') &&
        (next_raw.size() == 2 || (is_digit(next_raw[2]) && next_raw.find('/') != std::string_view::npos))) {
      apparatus = true;
    }
    // Both cues below start with "as" or a shape noun after the mention: most mentions are followed
    // by neither, and the calls are skipped on the first letter.
    const char n0 = next.empty() ? '\0' : next[0];
    const bool cue_start = n0 == 'a' || n0 == 'w' || n0 == 'f' || n0 == 'p' || n0 == 's' || n0 == 'r' || n0 == 'g';
    if (cue_start) apparatus |= cell_electrode_after(i + len);
    // "a platinum electrode", "glassy carbon (GC) electrodes": electrodes of the measuring cell.
    if (electrode_after(i + len) &&
        (element_only || m.normalized == "glassy carbon" || m.normalized == "carbon" || m.normalized == "graphite")) {
      apparatus = true;
    }
    // "vacuum filtrated using a polycarbonate membrane (pore size 0.2 um)": a filter membrane, named
    // by its pore size or by the filtration around it (an oxide membrane of a cell is a product).
    if (next == "membrane" || next == "membranes") {
      auto filter_word = [](std::string_view w) {
        return w == "pore" || has_prefix(w, "filtrat"sv) || has_prefix(w, "filter"sv);
      };
      for (size_t j = i; j-- > 0 && j + 10 > i && !gap_has(j, '.');) apparatus |= filter_word(view.folded[j]);
      for (size_t j = i + len; j < n && j <= i + len + 6 && !gap_has(j - 1, '.'); ++j) {
        apparatus |= filter_word(view.folded[j]);
      }
    }
    if (n0 == 'a') apparatus |= analysis_reference_after(i + len);
    // "AgNO3 was added as an electron scavenger": the same cue after a passive verb.
    if (n0 == 'w' && (next == "was" || next == "were") && i + len + 2 < n && has_suffix(view.folded[i + len + 1], "ed"sv)) {
      apparatus |= analysis_reference_after(i + len + 2);
    }
    // "IR (KBr pellet, cm-1)": the matrix of an infrared spectrum.
    // "using KBr pellets", "KBr discs": KBr pressed with the sample is always that matrix (rules-8).
    if ((next == "pellet" || next == "pellets" || next == "disc" || next == "disk" || next == "discs" ||
         next == "disks") &&
        ((i > 0 && (view.raw(i - 1) == "IR" || view.raw(i - 1) == "FTIR" || view.raw(i - 1) == "FT-IR")) ||
         raw == "KBr")) {
      apparatus = true;
    }
    // "the Pt and Ru loadings", "Ni and Co contents": two elements sharing a property noun.
    if (element_only && (next == "and" || next == "or") && i + 3 < n && element_token(i + 2) &&
        (kApparatusNouns.count(view.folded[i + 3]) || kElementPropertyNouns.count(view.folded[i + 3]) ||
         view.folded[i + 3] == "loadings")) {
      apparatus = true;
    }
    // "copper oxide and ceria loading amount", "NiO and YSZ contents": a mention coordinated with a
    // second one-word name before a shared property noun is that property's subject, as the second is.
    if (!element_only && (next == "and" || next == "or") && i + len + 2 < n &&
        coordinated_property_noun(i + len + 1)) {
      apparatus = true;
    }
    if (apparatus) return true;
  }
  return false;
}

// Token k names a material in one word and a loading or content noun follows it.
bool MaterialFinder::Scan::coordinated_property_noun(size_t k) const {
  std::string_view noun = view.folded[k + 1];
  if (noun != "loading" && noun != "loadings" && noun != "content" && noun != "contents") return false;
  std::string_view w = view.raw(k);
  return finder.is_formula(w) || finder.is_material_acronym(w) || finder.single_word_entry(w, nullptr) >= 0;
}

// The contexts in which a mention at [i, i + len) names no reagent of the procedure: a test dye, a
// supplier, a supplied or shared element, a spectrum's solvent (rules-8, session 8, session 11).
bool MaterialFinder::Scan::not_a_reagent(size_t i, size_t len, std::string_view raw, const MaterialMention& m,
                                         bool element_mention) {
  // "the degradation of methylene blue", "photodegradation of RhB": the substrate of a photocatalytic
  // test, not a reagent of the synthesis.
  if (size_t of = i >= 3 && view.folded[i - 1] == "the" ? i - 2 : i - 1;
      of >= 1 && of < i && view.folded[of] == "of" && has_suffix(view.folded[of - 1], "degradation"sv)) {
    return true;
  }
  // "MB has been employed in the photocatalytic evaluation", "RhB was chosen as a model pollutant": a
  // test dye in a sentence about the photocatalytic test is its substrate too (session 8). A dye
  // weighed out ("rhodamine B (10 mg) was used") is left a mention.
  // "Methylene blue (MB, 10 mg/L)": the amount after the alias in the name's bracket doses the name
  // too, so name and alias are kept together (rev8c-4).
  auto dosed = [&](size_t e) {
    if (e >= n) return false;
    if (blocked[e]) return true;
    if (!gap_has(e - 1, '(')) return false;
    for (size_t k = e; k < n && k < e + 4; ++k) {
      if (blocked[k]) return true;
      if (k + 1 < n && gap_has(k, ')')) break;
    }
    return false;
  };
  if (test_dye(m, raw, len) && !dosed(i + len) && photocatalytic_sentence(i, i + len)) {
    return true;
  }
  // (An electrode's filling, "Ag/AgCl electrode (1 M KCl)", and "glassy carbon electrodes" without
  // a cell-part word were tried as apparatus and left: MSP annotates them as often as not.)
  if (i > 0 && ((view.tokens[i].begin > 0 && view.text[view.tokens[i].begin - 1] == '(' && company_in_bracket(i)) ||
                after_model_number(i) || company_name_after(i + len - 1) ||
                (len == 1 && m.normalized == raw && model_number_after(i)) ||
                (len == 1 && us_state_in_address(i)) || (len == 1 && colorado_or_company_co(i)) ||
                in_supplier_name(i, len) || product_code(i, len, raw, m) || after_instrument_maker(i) ||
                molar_ratio_item(i, len) || digestion_for_analysis(i))) {
    return true;
  }
  if (test_reaction_name(i, len, raw, m) || analysis_reference_before(i)) return true;
  // "a source of nickel", "precursors for Bi and S", "the loading of Ge": the element a reagent
  // supplies or a catalyst carries, not a reagent itself.
  if (len == 1 && i >= 2 && !m.product_noun &&
      (i + len < n ? element_mention
                   : finder.element_names_.count(view.folded[i]) || (raw.size() <= 2 && finder.symbols_.count(raw))) &&
      supplied_element(i)) {
    return true;
  }
  // "The Pt/C catalyst contained 20 wt.% Pt.", "Pd@C (30% Pd)", "silver powder (75% Ag basis)": a
  // metal's share of a catalyst or a powder, closing the phrase, is its composition, not a reagent
  // (session 8; "10% Pd/C was added" is one mention and stays, "20% Pt, 5% Re" is read by the
  // composition rule). Gases are fed as shares of a mixture ("(5% H2 + 95% Ar)") and stay.
  if (len == 1 && i >= 1 && blocked[i - 1] && !m.product_noun && metal_share(i)) {
    return true;
  }
  // "a low amount of Al2O3 (3.53%)", "the relatively high amount of CaO available in the ash": a
  // high or low share describes the make-up of an analysed material; a reagent is added in "a
  // small amount" or "the required amount" (session 8).
  if (i >= 4 && view.folded[i - 1] == "of" && high_low_share(i - 2, i + len)) {
    return true;
  }
  // "1H NMR (400 MHz, CDCl3)", "IR (KBr, cm-1)", "UV-vis (CH2Cl2)": the solvent or matrix of a
  // spectrum, in the bracket after the spectroscopy's name (rules-8).
  if (spectrum_paragraph < 0) {
    // Asked once per paragraph: most have none of these names.
    spectrum_paragraph = view.text.find("NMR") != std::string_view::npos ||
                         view.text.find("IR") != std::string_view::npos ||
                         view.text.find("MS") != std::string_view::npos ||
                         view.text.find("UV") != std::string_view::npos ||
                         view.text.find("Raman") != std::string_view::npos;
  }
  if (spectrum_paragraph) {
    bool spectrum = false;
    for (size_t j = i; j-- > 0 && j + 6 > i;) {
      if (gap_has(j, ')')) break;
      if (!gap_has(j, '(')) continue;
      std::string_view label = view.raw(j);
      spectrum = label == "NMR" || label == "IR" || label == "FTIR" || label == "FT-IR" || label == "MS" ||
                 label == "HRMS" || label == "ESI-MS" || label == "UV-vis" || label == "UV-Vis" ||
                 label == "UV–vis" || label == "UV–Vis" || label == "Raman";
      break;
    }
    if (spectrum) return true;
  }
  return false;
}

// Dopants glued to the host's name by a participle; returns whether the name is a cermet's, whose
// normalized form is the whole written name.
bool MaterialFinder::Scan::glued_dopant(size_t i, MaterialMention& m) {
  bool cermet = false;  // "Ni/yttria-stabilized zirconia": set below, normalized once m.end is known
  // "Gd-doped ceria", "yttria-stabilized zirconia", "Sr-substituted LaMnO3": the dopant is part of
  // the material's name.
  // "Y2O3-stabilized ZrO2": the hyphen-suffix rule above took "Y2O3" alone as a ligand on the product;
  // here it is the dopant of the host, so that mention is replaced by the whole name. "Y-doped ZrO2",
  // "BZCYN‐infiltrated SDC", "Ni-impregnated LSTC": one-letter dopants, any hyphen, infiltration.
  bool took_dopant = !out.empty() && i > 0 && out.back().first_token == i - 1 && out.back().last_token == i - 1 &&
                     out.back().begin == view.tokens[i - 1].begin && !out.back().formula.empty();
  if (i > 0 && view.folded[i - 1].size() >= 7 && view.folded[i - 1].back() == 'd' && !blocked[i - 1] &&
      joined_by_space(i - 1) && (out.empty() || out.back().last_token < i - 1 || took_dopant)) {
    std::string_view prev = view.folded[i - 1];
    for (std::string_view word : {"doped"sv, "stabilized"sv, "stabilised"sv, "substituted"sv, "infiltrated"sv,
                                  "impregnated"sv}) {
      if (!prev.ends_with(word) || prev.size() <= word.size() + 1) continue;
      size_t at = prev.size() - word.size();
      size_t dash = prev[at - 1] == '-' ? 1 : (at >= 3 && dash_len(prev, at - 3) == 3 ? 3 : 0);
      if (!dash || at == dash) break;
      std::string_view head = view.raw(i - 1).substr(0, at - dash);
      std::string head_fold = fold_case(head);
      // "N-doped graphene", "nitrogen-doped carbon", "F-doped SnO2": a non-metal dopant describes the
      // host (MSP marks "F-doped" a Material-Descriptor and the host alone a Material); metal dopants
      // of ceramics ("Gd-doped ceria") stay in the name.
      if (word == "doped"sv && (head_fold == "n" || head_fold == "f" || head_fold == "s" || head_fold == "b" ||
                                head_fold == "p" || head_fold == "c" || head_fold == "nitrogen" ||
                                head_fold == "fluorine" || head_fold == "sulfur" || head_fold == "sulphur" ||
                                head_fold == "boron" || head_fold == "phosphorus" || head_fold == "carbon")) {
        break;
      }
      auto one_dopant = [&](std::string_view d, const std::string& d_fold) {
        return is_formula(d) || finder.classify(d_fold) == kElement || finder.single_words_.count(d_fold) ||
               (d.size() <= 2 && finder.symbols_.count(d));
      };
      // "scandia-ceria-stabilized zirconia", "Sc-Ce-doped zirconia": two or more dopants joined by
      // hyphens before the participle, each one a dopant of its own. "Ni/yttria-stabilized zirconia":
      // the metal phase of a cermet before a slash, as in "Ni/YSZ".
      auto dopant_chain = [&]() {
        if (head.find_first_of("-/") == std::string_view::npos) return false;
        size_t parts = 0;
        for (size_t from = 0;; ++parts) {
          size_t to = head.find_first_of("-/", from);
          std::string_view d = head.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from);
          std::string d_fold = fold_case(d);
          // "N-F-doped TiO2": non-metal dopants describe the host, as for one dopant above.
          if (d.empty() || d_fold == "n" || d_fold == "f" || d_fold == "s" || d_fold == "b" || d_fold == "p" ||
              d_fold == "c" || !one_dopant(d, d_fold)) {
            return false;
          }
          // Only a metal stands before the slash: "silica/Au-doped titania", "yttria-stabilized
          // zirconia/gadolinia-doped ceria" are two materials (review 8b, R3).
          if (to != std::string_view::npos && head[to] == '/' && finder.classify(d_fold) != kElement &&
              !(d.size() <= 2 && finder.symbols_.count(d))) {
            return false;
          }
          if (to == std::string_view::npos) break;
          from = to + 1;
        }
        return parts >= 1;
      };
      // "silica/Au-doped titania": after a slash that joins no metal phase, the doped host begins past
      // the slash (review 8b, R3).
      // The part before a single slash is a material of its own when it reads as one and no
      // participle before it names it ("silica"; not the "zirconia" of "yttria-stabilized
      // zirconia/..."). Heads that read as one dopant ("CdS/Mn") keep their older reading.
      size_t past_slash = 0;
      if (size_t sl = head.rfind('/'); sl != std::string_view::npos && sl > 0 && sl + 1 < head.size() &&
                                       !one_dopant(head, head_fold) && !dopant_chain()) {
        std::string_view d = head.substr(sl + 1);
        if (d.find('-') == std::string_view::npos && one_dopant(d, fold_case(d))) past_slash = sl + 1;
      }
      if (past_slash) {
        if (took_dopant) out.pop_back();
        std::string_view before_slash = head.substr(0, past_slash - 1);
        bool named_before = i >= 2 && joined_by_space(i - 2) && view.folded[i - 2].size() > 3 &&
                            view.folded[i - 2].ends_with("ed");
        if (before_slash.find_first_of("/-") == std::string_view::npos && !named_before &&
            (out.empty() || out.back().last_token < i - 1)) {
          auto it = finder.single_words_.find(fold_case(before_slash));
          if (is_formula(before_slash) || it != finder.single_words_.end()) {
            MaterialMention b = token_part(view, i - 1, 0, before_slash, is_formula(before_slash));
            if (it != finder.single_words_.end()) finder.take_entry(b, it->second);
            out.push_back(std::move(b));
          }
        }
        m.first_token = i - 1;
        m.begin = view.tokens[i - 1].begin + past_slash;
      } else if (one_dopant(head, head_fold) || (word.size() > 10 && is_material_acronym(head)) || dopant_chain()) {
        if (took_dopant) out.pop_back();
        m.first_token = i - 1;
        m.begin = view.tokens[i - 1].begin;
        // "Ni/yttria-stabilized zirconia": a cermet is the whole written name, not its ceramic host
        // (rev8c probe: the Ni phase vanished from the normalized "zirconia", formula ZrO2).
        cermet = head.find('/') != std::string_view::npos;
        // "Ca- and Co-doped yttrium chromite": a first dopant sharing the suffix.
        if (i >= 3 && (view.folded[i - 2] == "and" || view.folded[i - 2] == "or") && !blocked[i - 3] &&
            (out.empty() || out.back().last_token < i - 3) && view.raw(i - 3).size() >= 2 &&
            view.raw(i - 3).back() == '-') {
          std::string_view first = view.raw(i - 3).substr(0, view.raw(i - 3).size() - 1);
          if (is_formula(first) || finder.classify(fold_case(first)) == kElement) {
            m.first_token = i - 3;
            m.begin = view.tokens[i - 3].begin;
          }
        }
      }
      break;
    }
  }
  return cermet;
}

void MaterialFinder::Scan::dopant_apart(size_t i, MaterialMention& m) {
  // "yttria stabilized zirconia", "Sm doped CeO2", "strontium doped lanthanum manganite", "Nb and Ta
  // co-doped SrCoO3": the same with the dopant written apart from its participle. A dopant taken
  // alone as a mention (a formula, an acronym) is replaced by the whole name; "the Cu doped anode"
  // names no host material and is not joined.
  if (m.first_token == i && i >= 2 && !blocked[i - 1] && !blocked[i - 2] && joined_by_space(i - 1) &&
      joined_by_space(i - 2) && view.folded[i - 1].size() >= 5 && view.folded[i - 1].back() == 'd') {
    std::string_view word = view.folded[i - 1];
    bool infiltration = word == "infiltrated" || word == "impregnated";
    if (infiltration || word == "doped" || word == "co-doped" || word == "codoped" || word == "stabilized" ||
        word == "stabilised" || word == "substituted" || word == "co-substituted") {
      auto dopant = [&](size_t k) {
        std::string_view head = view.raw(k);
        std::string head_fold = fold_case(head);
        return !blocked[k] &&
               (is_formula(head) || finder.classify(head_fold) == kElement ||
                (head_fold.size() > 4 && head_fold.ends_with("ia") && finder.single_words_.count(head_fold)) ||
                (head.size() <= 2 && finder.symbols_.count(head)) || (infiltration && is_material_acronym(head)));
      };
      if (dopant(i - 2)) {
        size_t first = i - 2;
        // "niobium and tantalum co-doped": a first dopant joined by and/or.
        if (i >= 4 && (view.folded[i - 3] == "and" || view.folded[i - 3] == "or") && joined_by_space(i - 4) &&
            joined_by_space(i - 3) && dopant(i - 4)) {
          first = i - 4;
        }
        // A dopant inside an earlier mention ("zirconia and yttrium doped ...") is no first dopant.
        auto covered = [&](size_t from) {
          bool inside = false;
          for (size_t o = out.size(); o-- > 0 && out[o].last_token >= from;) {
            inside |= out[o].first_token < from || out[o].last_token >= i;
          }
          return inside;
        };
        if (first < i - 2 && covered(first)) first = i - 2;
        if (!covered(first)) {
          while (!out.empty() && out.back().last_token >= first && out.back().last_token < i) out.pop_back();
          m.first_token = first;
          m.begin = view.tokens[first].begin;
        }
      }
    }
  }
}

void MaterialFinder::Scan::listed_acids(size_t i, size_t len, const MaterialMention& m) {
  // "hydrochloric, hydrobromic and hydroiodic acid", "nitric and sulfuric acids": acids listed with the
  // noun written once; each adjective before names its own acid (as MSP annotates them).
  if (len == 2 && m.first_token == i && i >= 2 && (view.folded[i + 1] == "acid" || view.folded[i + 1] == "acids") &&
      (view.folded[i - 1] == "and" || view.folded[i - 1] == "or") && finder.acid_words_.count(view.folded[i])) {
    std::vector<size_t> parts;  // the adjectives before "and", last first
    for (size_t k = i - 2;; --k) {
      if (blocked[k] || !finder.acid_words_.count(view.folded[k]) || (!out.empty() && out.back().last_token >= k)) {
        break;
      }
      parts.push_back(k);
      if (k == 0 || !gap_has(k - 1, ',')) break;  // "A, B and C": a comma before each earlier one
    }
    for (size_t p = parts.size(); p-- > 0;) {
      const Entry& e = finder.entries_[finder.acid_words_.find(view.folded[parts[p]])->second];
      MaterialMention a;
      a.first_token = a.last_token = parts[p];
      a.begin = view.tokens[parts[p]].begin;
      a.end = view.tokens[parts[p]].end;
      a.normalized = e.normalized;
      a.formula = e.formula;
      a.role_prior = e.role;
      out.push_back(std::move(a));
    }
  }
}

// "α,α,α-trifluorotoluene (TFT)", "N,N-dimethylformamide (DMF)": whether the letters of a bracketed
// abbreviation are the name's, in order, from the start of the name or of a part after a hyphen (past
// locants such as "α,α,α-", "N,N-", "2,2'-"). Such a definition after a chemical name makes the letters
// its abbreviation though acronyms.tsv lists them for a device or technique ("TFT": thin-film
// transistor; s18-bugs); "ethanol (AR)", "water (DI)" (grades) spell no part of the name.
static bool spells_name(std::string_view abbr, std::string_view name) {
  for (size_t from = 0; from < name.size(); from = name.find('-', from) + 1) {
    if ((name[from] | 0x20) == (abbr[0] | 0x20)) {
      size_t k = 0;
      for (size_t p = from; p < name.size() && k < abbr.size(); ++p) k += (name[p] | 0x20) == (abbr[k] | 0x20);
      if (k == abbr.size()) return true;
    }
    if (name.find('-', from) == std::string_view::npos) break;
  }
  return false;
}

// "Benzoyl bromide (BzBr) ... BzBr (0.6 mmol)": a paper-local abbreviation defined earlier names its
// material though it also parses as a formula of organic groups (Bz, Ph, Me): the later mention takes
// the defined name, formula and prior, as one read as an alias does (review 15a, A28).
void MaterialFinder::Scan::alias_reading(size_t i, size_t len, MaterialMention& m) const {
  if (len != 1 || aliases.empty() || m.normalized != view.raw(i)) return;
  const auto a = aliases.find(view.raw(i));
  // A formula the definition also gives ("sodium silicate (Na2SiO3)") keeps the formula as its name.
  if (a == aliases.end() || out[a->second].normalized == m.normalized || out[a->second].formula == m.formula) return;
  m.normalized = out[a->second].normalized;
  m.formula = out[a->second].formula;
  m.role_prior = out[a->second].role_prior;
}

// After the mention out[index], token i on: a bracket that lists what a placeholder formula stands for,
// or an abbreviation defined for the mention. Returns the first token after them.
size_t MaterialFinder::Scan::after_mention(size_t index, size_t i) {
  // "Ln2O3 (Nd, Sm, Eu, Gd)": the bracket after a placeholder formula lists what it stands for.
  if (!out[index].formula.empty() && i < n && view.tokens[i].begin > 0 &&
      view.text[view.tokens[i].begin - 1] == '(') {
    int elements = 0, placeholders = 0;
    finder.formula_prefix(out[index].formula, 0, &elements, 0, &placeholders);
    size_t list_end = i;  // one past the bracket's last token when it lists element symbols only
    for (size_t j = i; placeholders && j < n && view.raw(j).size() <= 2 && finder.symbols_.count(view.raw(j)); ++j) {
      if (view.tokens[j].end < view.text.size() && view.text[view.tokens[j].end] == ')') {
        list_end = j + 1;
        break;
      }
    }
    if (list_end > i) {
      return list_end;  // the bracket was the list: no abbreviation follows the mention
    }
  }
  // "oleylamine (OLA)", "Ba0.95La0.05FeO3-δ (BLF)": a bracketed abbreviation right after a
  // mention names the same material for the rest of the paragraph.
  if (i < n && !blocked[i]) {
    const Token& t = view.tokens[i];
    std::string_view abbr = view.raw(i);
    bool bracketed = t.begin > 0 && view.text[t.begin - 1] == '(' && t.end < view.text.size() &&
                     view.text[t.end] == ')';
    // Two capitals ("OLA", "NaOAc", "EtOH") or a formula: "(Aldrich)" names a supplier and
    // "(E10)" a sample, not the material.
    int upper = 0;
    for (char c : abbr) upper += is_upper(c);
    // "(AR)" after a reagent is its grade and "(DI)" after water its treatment: acronyms.tsv.
    // "Graphene (G)": one capital, the initial of a name without a formula, is the paper's
    // abbreviation too ("carbon (C)" is the element, "(A)" after a formula a label).
    std::string_view named = view.text.substr(out[index].begin, out[index].end - out[index].begin);
    bool initial = abbr.size() == 1 && is_upper(abbr[0]) && named.size() >= 5 && out[index].formula.empty() &&
                   (named[0] | 0x20) == (abbr[0] | 0x20);
    if (bracketed && (((upper >= 2 || is_formula(abbr)) && abbr.size() <= 10 && abbr.size() >= 2 &&
        !is_digit(abbr[0]) && abbr.find_first_of("=:/") == std::string_view::npos &&
        (!finder.not_acronyms_.count(abbr) || spells_name(abbr, named))) || initial)) {
      aliases[std::string(abbr)] = index;
      // "Cesium lead bromide (CsPbBr3)": the bracketed formula is the named material's formula
      // (review 8, D18); one of organic groups ("BzBr", "PhCl") is an abbreviation, no formula.
      if (out[index].formula.empty() && is_formula(abbr) && upper >= 2 && !organic_groups(abbr)) {
        out[index].formula = std::string(abbr);
      }
      MaterialMention alias = out[index];
      alias.first_token = alias.last_token = i;
      alias.begin = t.begin;
      alias.end = t.end;
      out.push_back(std::move(alias));
      ++i;
    } else if (t.begin > 0 && view.text[t.begin - 1] == '(' && t.end < view.text.size() && view.text[t.end] == ',' &&
               upper >= 2 && abbr.size() >= 2 && abbr.size() <= 10 && !is_formula(abbr) &&
               std::all_of(abbr.begin(), abbr.end(), [](char c) { return is_upper(c) || is_lower(c); }) &&
               !finder.not_acronyms_.count(abbr) &&
               !finder.single_words_cs_.count(abbr) && !finder.single_words_.count(view.folded[i]) &&
               !out[index].normalized.empty() && out[index].normalized != abbr) {
      // "Sodium oleate (NaOL, 1.5 g)": a paper-local abbreviation defined before the amount names
      // the same material for the rest of the paragraph (review 8, D19). Lexicon abbreviations
      // and formulas keep their own entries.
      aliases[std::string(abbr)] = index;
      MaterialMention alias = out[index];
      alias.first_token = alias.last_token = i;
      alias.begin = t.begin;
      alias.end = t.end;
      alias.product_noun = false;
      out.push_back(std::move(alias));
      ++i;
    }
  }
  return i;
}

// "Cs2AgBiBr6 double-perovskite NCs", "BaTiO3 perovskite oxide": a formula with structure-class
// words after it names the compound of the formula; the name took the words in lower case and no
// formula (review 13, D29). The span stays as it is (SOFC-Exp's spans take the class word in).
// Whether a formula holds the element O ("Fe2O3", "BaTiO3"; not "Os", not "Fe").
static bool has_oxygen(std::string_view formula) {
  for (size_t i = 0; i < formula.size(); ++i) {
    if (formula[i] == 'O' && (i + 1 == formula.size() || !(formula[i + 1] >= 'a' && formula[i + 1] <= 'z'))) return true;
  }
  return false;
}

void MaterialFinder::formula_with_class_words(std::string_view text, MaterialMention& m) const {
  if (!m.formula.empty() || m.end <= m.begin || (!is_upper(text[m.begin]) && text[m.begin] != '(')) return;
  const std::string_view span = text.substr(m.begin, m.end - m.begin);
  const size_t sp = span.find(' ');
  if (sp == std::string_view::npos) return;
  static constexpr std::string_view kWords[] = {"perovskite", "perovskites", "double-perovskite", "double-perovskites",
                                                "double", "oxide", "oxides", "ncs", "nps", "qds", "nc", "np"};
  bool oxide = false;
  for (size_t b = sp + 1; b < span.size();) {
    size_t e = span.find(' ', b);
    if (e == std::string_view::npos) e = span.size();
    const std::string w = fold_case(span.substr(b, e - b));
    if (std::find(std::begin(kWords), std::end(kWords), w) == std::end(kWords)) return;
    oxide |= w.starts_with("oxide");
    b = e + 1;
  }
  if (!is_formula(span.substr(0, sp))) return;
  // "Fe oxide", "Ni oxide nanoparticles": the class word names the compound of an element, no
  // formula of its own (review 13b, R9); "BaTiO3 perovskite oxide" holds its oxygen.
  if (oxide && !has_oxygen(span.substr(0, sp))) return;
  m.formula = std::string(span.substr(0, sp));
  m.normalized = m.formula;
}

// "the transition metal nitrate solutions", "alkali metal carbonates": the word naming the class of
// metals belongs to the reagent class name ("metal nitrate" alone is a shorter name) (MSP dev-a).
static void metal_class_prefix(const TokenView& view, MaterialMention& m) {
  size_t k = m.first_token;
  if (k == 0 || view.folded[k] != "metal" || !rules::joined_by_space(view, k - 1)) return;
  std::string_view prev = view.folded[k - 1];
  if (prev != "transition" && prev != "alkali" && prev != "noble") return;
  m.first_token = k - 1;
  m.begin = view.tokens[k - 1].begin;
  m.normalized = std::string(prev) + " " + m.normalized;
}

// A salt has hydrates, so "anhydrous" names which form of it was used (MSP dev-b marks "anhydrous
// PdCl2", "anhydrous sodium acetate" whole, 3 of 3 in 2 papers); a solvent has no hydrate and
// "anhydrous ethanol" is a dryness grade (0 of 2). A salt here: a metal in the formula, or a name
// ending in an anion word ("ferric chloride").
void MaterialFinder::anhydrous_salt_prefix(const TokenView& view, MaterialMention& m) const {
  size_t k = m.first_token;
  if (k == 0 || view.folded[k - 1] != "anhydrous" || !rules::joined_by_space(view, k - 1)) return;
  if (m.role_prior == "solvent") return;
  bool metal = false;
  const std::string& f = m.formula;
  for (size_t a = 0; a < f.size() && !metal; ++a) {
    if (!is_upper(f[a])) continue;
    size_t len = a + 1 < f.size() && is_lower(f[a + 1]) ? 2 : 1;
    std::string_view symbol = std::string_view(f).substr(a, len);
    metal = !nonmetal_symbol(symbol) && symbol != "Ac"sv;  // "HOAc": the acetyl group, no actinium
  }
  if (!metal) {
    const size_t sp = m.normalized.rfind(' ');
    if (sp == std::string::npos || !is_anion_word(std::string_view(m.normalized).substr(sp + 1))) return;
  }
  m.first_token = k - 1;
  m.begin = view.tokens[k - 1].begin;
}

// "SrCo1−xMxO3−δ (M = Sb, Mo, Nb, V, Ti)", "LnBaM2O5+δ (Ln = lanthanide or Y; M = transition metal)":
// the bracket right after a general formula that says what its placeholder symbol stands for belongs
// to the mention (SOFC-Exp spans formula and bracket as one). Extends such mentions in `out`.
__attribute__((noinline, cold)) void MaterialFinder::placeholder_brackets(const TokenView& view,
                                                                          std::vector<MaterialMention>& out) const {
  if (view.text.find('=') == std::string_view::npos) return;  // one memchr for a rare byte
  const size_t n = view.tokens.size();
  std::vector<bool> inside_bracket;
  for (size_t index = 0; index < out.size(); ++index) {
    if (!inside_bracket.empty() && inside_bracket[index]) continue;
    MaterialMention& m = out[index];
    size_t last = m.last_token + 1;
    if (m.formula.empty() || last + 1 >= n || view.tokens[last].begin < 2 || view.text[view.tokens[last].begin - 1] != '(' ||
        view.tokens[last].begin - 1 != m.end + 1 || view.text[m.end] != ' ' || view.raw(last + 1) != "=") {
      continue;
    }
    int elements = 0, placeholders = 0;
    formula_prefix(m.formula, 0, &elements, 0, &placeholders);
    std::string_view symbol = view.raw(last);
    // The symbol defined is one the formula holds as a placeholder (not "x", a count). A cation
    // placeholder only: SOFC-Exp defines the cations of its oxides so, while a halide placeholder
    // ("CsPbX3 (X = Cl, Br, I)", "CH3NH3PbX3 (X = I, Br and Cl)") is the halide-perovskite papers'
    // convention, where MSP marks the formula alone (review 16c, R17).
    if (!placeholders || !(symbol == "M" || symbol == "Ln" || symbol == "RE") ||
        find_bytes(view.text.substr(m.begin, m.end - m.begin), symbol) == std::string_view::npos) {
      continue;
    }
    // The closing bracket within 80 bytes (a bounded look: no rescans of a long paragraph).
    const size_t open = view.tokens[last].begin;
    std::string_view inside = view.text.substr(open, 80);
    size_t close = inside.find(')');
    if (close == std::string_view::npos || inside.substr(0, close).find('(') != std::string_view::npos) continue;
    close += open;
    while (last + 1 < n && view.tokens[last + 1].begin <= close) ++last;
    m.last_token = last;
    m.end = close + 1;
    // Mentions inside the bracket follow in token order: marked (one erase at the end keeps it linear).
    for (size_t j = index + 1; j < out.size() && out[j].first_token <= last; ++j) {
      if (inside_bracket.empty()) inside_bracket.assign(out.size(), false);
      inside_bracket[j] = true;
    }
  }
  if (!inside_bracket.empty()) erase_flagged(out, inside_bracket);
}

std::vector<MaterialMention> MaterialFinder::find(const TokenView& view, const std::vector<uint8_t>& blocked,
                                                  const ByteTriples& triples) const {
  // "Pb(NO₃)₂", "H₂O": subscript digits are read as ASCII digits (the spans stay those of the text).
  for (size_t at = view.tokens.empty() ? std::string_view::npos : view.text.find("\xE2\x82");
       at != std::string_view::npos; at = view.text.find("\xE2\x82", at + 1)) {
    if (subscript_digit(view.text, at)) return find_subscripted(view, blocked, triples);
  }
  Scan scan(*this, view, blocked);
  scan.run();
  solid_oxide_spans(view, blocked, triples, scan.out);
  placeholder_brackets(view, scan.out);
  drop_non_reagents(view, triples, scan.out);
  for (MaterialMention& m : scan.out) {
    formula_with_class_words(view.text, m);
    name_salt_formula(m);
    strip_polymorph(m);
    drop_normal_prefix(m);
    metal_class_prefix(view, m);
    anhydrous_salt_prefix(view, m);
  }
  return std::move(scan.out);
}


// Cold (optimised for size, nothing inlined into it): compiled hot, the calls inlined here used up
// the unit's inlining budget and find()'s per-token string_view calls stopped being inlined (+2.3%
// instructions on the MSP paragraphs; cold, with the text pre-check, +0.6%).
__attribute__((noinline, cold)) void MaterialFinder::solid_oxide_spans(const TokenView& view, const std::vector<uint8_t>& blocked,
                                       const ByteTriples& triples, std::vector<MaterialMention>& out) const {
  // Most paragraphs name neither: three scans of the text (most ruled out by the triples) are
  // cheaper than a pass over the tokens.
  if (!contains_any_bytes(view.text, triples, {"upport"sv, "ppm"sv, "ppb"sv})) return;
  const size_t n = view.tokens.size();
  auto spaced = [&](size_t a) {  // tokens a and a+1 separated by plain spaces only
    for (size_t k = view.tokens[a].end; k < view.tokens[a + 1].begin; ++k) {
      if (view.text[k] != ' ' && space_len(view.text, k) == 0) return false;
    }
    return true;
  };
  // Mentions replaced by a span are marked here and erased once at the end: an erase per span
  // moved every later mention, quadratic on a long SOFC paragraph (s18-quad).
  std::vector<uint8_t> gone;
  // With first and last tokens both in order (as Scan gives them; several mentions may share a
  // token), the mentions covering a token are one run, found by binary search; otherwise by a scan.
  // Checked once, at the first cue.
  int ordered = -1;
  auto is_ordered = [&] {
    if (ordered < 0) {
      ordered = 1;
      for (size_t m = 0; m + 1 < out.size() && ordered; ++m) {
        ordered = out[m].first_token <= out[m + 1].first_token && out[m].last_token <= out[m + 1].last_token;
      }
      gone.assign(out.size(), 0);
    }
    return ordered == 1;
  };
  // The first mention with first_token >= k (ordered mentions only).
  auto first_from = [&](size_t k) {
    return static_cast<size_t>(std::partition_point(out.begin(), out.end(), [&](const MaterialMention& o) {
                                 return o.first_token < k;
                               }) - out.begin());
  };
  // Index of the (first) mention covering token k, else -1.
  auto mention_at = [&](size_t k) -> int {
    if (is_ordered()) {
      const size_t end = first_from(k + 1);  // mentions [0, end) start at or before k
      size_t m = static_cast<size_t>(std::partition_point(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(end),
                                                          [&](const MaterialMention& o) { return o.last_token < k; }) -
                                     out.begin());
      while (m < end && gone[m]) ++m;
      return m < end ? static_cast<int>(m) : -1;
    }
    for (size_t m = 0; m < out.size(); ++m) {
      if (!gone[m] && out[m].first_token <= k && k <= out[m].last_token) return static_cast<int>(m);
    }
    return -1;
  };
  std::vector<MaterialMention> added;
  // Replaces the mentions inside tokens [first, last] by one mention of that text.
  auto span = [&](size_t first, size_t last, size_t begin, size_t end) {
    MaterialMention m;
    m.first_token = first;
    m.last_token = last;
    m.begin = begin;
    m.end = end;
    m.normalized = std::string(view.text.substr(begin, end - begin));
    for (size_t o = is_ordered() ? first_from(first) : 0; o < out.size(); ++o) {
      if (ordered && out[o].first_token > last) break;
      if (out[o].first_token >= first && out[o].last_token <= last) gone[o] = 1;
    }
    added.push_back(std::move(m));
  };
  auto layer_word = [](std::string_view f) {
    return f == "anode" || f == "cathode" || f == "electrolyte" || f == "metal";
  };
  for (size_t k = 0; k < n; ++k) {
    std::string_view f = view.folded[k];
    if (blocked[k]) continue;
    // "anode-supported cells", "an electrolyte-support", "AAO-supported": the supporting layer names
    // the material of the cell (SOFC-Exp spans the token); "anode supported cells", "electrolyte
    // supports": the layer word alone. A material right before the layer word is part of the span:
    // "LSGM electrolyte-supported", "Ni-YSZ anode supported". Headings in title case ("Cathode
    // Supported Cell") are no sentence.
    // Byte compares from the end: this loop sees every token, and most words fail on the last byte.
    size_t sup = has_suffix(f, "supported"sv) ? f.size() - 9
                 : has_suffix(f, "support"sv) ? f.size() - 7
                 : has_suffix(f, "supports"sv) ? f.size() - 8
                                               : std::string_view::npos;
    // Offsets into the raw token (folding may change the length of non-ASCII letters before it).
    if (sup != std::string_view::npos) sup = view.raw(k).size() - (f.size() - sup);
    if (sup != std::string_view::npos && is_lower(view.raw(k)[sup])) {
      size_t first = k, last = k;
      bool layer = false;
      if (sup == 0) {
        if (k == 0 || !spaced(k - 1) || blocked[k - 1] || !layer_word(view.folded[k - 1])) continue;
        first = last = k - 1;
        layer = true;
      } else {
        size_t dash = view.raw(k)[sup - 1] == '-' ? 1 : (sup >= 3 && dash_len(view.raw(k), sup - 3) == 3 ? 3 : 0);
        if (!dash || sup == dash) continue;
        std::string_view head = view.raw(k).substr(0, sup - dash);
        layer = layer_word(fold_case(head));
        if (!layer && !is_material_acronym(head)) continue;
      }
      size_t begin = view.tokens[first].begin;
      if (layer && first > 0 && spaced(first - 1)) {
        int before = mention_at(first - 1);
        if (before >= 0 && out[before].last_token == first - 1 && out[before].end == view.tokens[first - 1].end) {
          // "the NiO–YSZ anode support(s)": before the noun the composite names the support's material
          // and the layer word stays out, as before "anode substrate" (review 17d, D4).
          if (!has_suffix(f, "supported"sv)) continue;
          first = out[before].first_token;
          begin = out[before].begin;
        }
      }
      span(first, last, begin, view.tokens[last].end);
      continue;
    }
    // "H2 + 30 ppm H2S", "H2 containing 30 ppm H2S", "200 ppm H2S in H2", "200 and 100 ppm H2S–H2":
    // a fuel with its impurity in ppm is one gas mixture (SOFC-Exp spans it whole; the parts alone
    // are not annotated there). Percent shares ("5% H2") are left as they are.
    if (f.size() == 3 && f[0] == 'p' && (f == "ppm" || f == "ppb") && k + 1 < n && spaced(k)) {
      int g2 = mention_at(k + 1);
      if (g2 < 0 || out[g2].first_token != k + 1 || !gas_mention(view, out[g2])) continue;
      size_t nstart = k;  // first token of the shares before "ppm"
      auto number = [&](size_t j) {
        std::string_view r = view.raw(j);
        return !r.empty() && is_digit(r[0]) && r.find_first_not_of("0123456789.,") == std::string_view::npos;
      };
      while (nstart > 0 && spaced(nstart - 1) && number(nstart - 1)) {
        --nstart;
        if (nstart >= 2 && (view.folded[nstart - 1] == "and" || view.folded[nstart - 1] == "or") && number(nstart - 2)) {
          nstart -= 2;  // "200 and 100 ppm"
        }
      }
      size_t first = nstart, last = out[g2].last_token;
      if (nstart > 1 && spaced(nstart - 1) &&
          (view.raw(nstart - 1) == "+" || view.folded[nstart - 1] == "containing" || view.folded[nstart - 1] == "with")) {
        int g1 = mention_at(nstart - 2);
        if (g1 < 0 || out[g1].last_token != nstart - 2 || !spaced(nstart - 2) || !gas_mention(view, out[g1])) continue;
        first = out[g1].first_token;
      } else if (nstart == k) {
        continue;  // "ppm H2S" alone
      } else if (int g3 = last + 2 < n && view.folded[last + 1] == "in" && spaced(last) && spaced(last + 1)
                           ? mention_at(last + 2) : -1;
                 g3 >= 0 && out[g3].first_token == last + 2 && gas_mention(view, out[g3])) {
        last = out[g3].last_token;
      } else if (out[g2].first_token != out[g2].last_token ||
                 view.raw(k + 1).find_first_of("-\xE2") == std::string_view::npos) {
        continue;  // "30 ppm H2S" alone; "200 ppm H2S–H2" names the mixture
      }
      bool free = true;
      for (size_t j = first; j <= last; ++j) free &= !blocked[j];
      if (free) span(first, last, view.tokens[first].begin, view.tokens[last].end);
      continue;
    }
  }
  if (added.empty()) return;
  erase_flagged(out, gone);
  out.insert(out.end(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  std::sort(out.begin(), out.end(), [](const MaterialMention& a, const MaterialMention& b) {
    return a.first_token != b.first_token ? a.first_token < b.first_token : a.begin < b.begin;
  });
}

// After the main pass: drops the mentions their context shows to be no reagent used (the species
// of a reaction equation, the class noun after a named zeolite, the names of a title printed
// twice, water as the humidity of a gas, capitalised names of a keyword list). Keeps the order.
int MaterialFinder::capped_acid(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const {
  if (i == 0 || !view.folded[i].starts_with("acid-") || blocked[i - 1] || !rules::joined_by_space(view, i - 1)) return -1;
  auto acid = acid_words_.find(view.folded[i - 1]);
  return acid != acid_words_.end() ? acid->second : -1;
}

// Whether the abbreviation mention `m` (one all-capital token) names something else than the
// chemical here (review 12, D28, D29, D45): a position ("the TOP contact", "TOP electrodes", "at the
// TOP of the stack", "the TOP layer": all "TOP <position word>" vetoes are here), a word defined as itself ("top (TOP) electrode"), or a model of a machine-
// learning paper ("the DT model": a decision tree, not 1-dodecanethiol).
static bool abbreviation_for_other(const TokenView& view, const MaterialMention& m) {
  const size_t i = m.first_token;
  if (i != m.last_token) return false;
  std::string_view raw = view.raw(i);
  if (raw.size() < 2 || raw.size() > 5 || !std::all_of(raw.begin(), raw.end(), [](char c) { return is_upper(c); })) return false;
  const size_t n = view.tokens.size();
  std::string_view next = i + 1 < n && joined_by_space(view, i) ? view.folded[i + 1] : std::string_view();
  std::string_view prev = i > 0 && joined_by_space(view, i - 1) ? view.folded[i - 1] : std::string_view();
  for (std::string_view w : {"model"sv, "models"sv, "algorithm"sv, "algorithms"sv, "classifier"sv, "classifiers"sv,
                             "regressor"sv, "regression"sv}) {
    if (next == w) return true;
  }
  // "top (TOP)": the bracket defines the abbreviation as the plain word before it.
  const Token& t = view.tokens[i];
  if (i > 0 && t.begin > 0 && view.text[t.begin - 1] == '(' && view.folded[i - 1] == view.folded[i]) return true;
  if (raw != "TOP"sv) return false;
  if (next == "of"sv) return prev == "the"sv;
  // "The TOP half of the vial turned yellow" (review 13, D28).
  for (std::string_view w : {"contact"sv, "contacts"sv, "electrode"sv, "electrodes"sv, "side"sv, "part"sv,
                             "panel"sv, "panels"sv, "row"sv, "gate"sv, "cathode"sv, "anode"sv, "cell"sv, "cells"sv,
                             "half"sv, "halves"sv, "portion"sv, "end"sv, "corner"sv, "left"sv, "right"sv,
                             "layer"sv, "surface"sv, "view"sv}) {
    if (next == w) return true;
  }
  return false;
}

// "Pb0", "Ni0 peaks", "Zr0 3d5/2": an element with the oxidation state 0 written as a count, the
// metallic state of a side product or an XPS species, not a formula (review 12, D44).
static bool zero_valent(const MaterialMention& m) {
  const std::string& f = m.formula;
  return (f.size() == 2 || (f.size() == 3 && is_lower(f[1]))) && is_upper(f[0]) && f.back() == '0';
}

// "a cellulose ester dialysis membrane", "regenerated cellulose dialysis tubing": the material words
// before "dialysis" describe the membrane, an apparatus (MSP marks them Apparatus-Descriptor), not a
// reagent (review 12, D41). Walks back over a run of such mentions joined by spaces.
static void drop_dialysis_descriptors(const TokenView& view, std::vector<MaterialMention>& out) {
  size_t next_first = SIZE_MAX;  // first token of the mention after the current one, when dropped
  for (size_t k = out.size(); k-- > 0;) {
    const size_t last = out[k].last_token;
    bool drop = last + 1 < view.tokens.size() && joined_by_space(view, last) &&
                (view.folded[last + 1] == "dialysis"sv || last + 1 == next_first);
    next_first = drop ? out[k].first_token : SIZE_MAX;
    if (drop) out[k].first_token = SIZE_MAX;  // marked; erased below
  }
  std::erase_if(out, [](const MaterialMention& mm) { return mm.first_token == SIZE_MAX; });
}

// "an Ag/AgCl electrode (1 M KCl)", "Ag/AgCl (saturated KCl)", "SCE (sat. KCl)": the salt in brackets
// right after a reference electrode, with at most its concentration before it, is the electrode's
// filling solution, no reagent of the synthesis (MSP dev-a). Only asked of paragraphs naming an electrode.
static bool reference_electrode_fill(std::string_view text, const MaterialMention& m) {
  size_t k = m.end;
  while (k < text.size() && text[k] == ' ') ++k;
  if (k >= text.size() || text[k] != ')') return false;
  size_t open = text.rfind('(', m.begin);
  if (open == std::string_view::npos || m.begin - open > 16) return false;
  // Between the bracket and the salt: a concentration ("1 M", "3.5 mol/L") or "saturated"/"sat." only.
  for (size_t q = open + 1; q < m.begin; ++q) {
    char c = text[q];
    if (!(is_digit(c) || c == '.' || c == ' ' || c == '/' || c == 'M' || c == 'm' || c == 'o' || c == 'l' ||
          c == 'L')) {
      std::string_view rest = text.substr(q, m.begin - q);
      if (!(rest.starts_with("saturated ") || rest.starts_with("sat. ") || rest.starts_with("sat "))) return false;
      break;
    }
  }
  size_t e = open;
  while (e > 0 && text[e - 1] == ' ') --e;
  std::string_view before = text.substr(0, e);
  return before.ends_with("electrode") || before.ends_with("Ag/AgCl") || before.ends_with("SCE") ||
         before.ends_with("Hg/HgO") || before.ends_with("Hg/Hg2Cl2");
}

// "a glovebox (O2 < 0.1 ppm, H2O < 0.1 ppm)", "H2O ≤ 1 ppm": a residual-gas level of an atmosphere,
// no reagent (review 13, D32). The mention is followed by "<" or "≤", a number and "ppm".
static bool trace_level(std::string_view text, const MaterialMention& m) {
  std::string_view a = text.substr(m.end, std::min<size_t>(24, text.size() - m.end));
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  if (a.starts_with("<")) a.remove_prefix(a.starts_with("<=") ? 2 : 1);
  else if (a.starts_with("\u2264")) a.remove_prefix(3);
  else return false;
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  if (a.empty() || !is_digit(a.front())) return false;
  while (!a.empty() && (is_digit(a.front()) || a.front() == '.')) a.remove_prefix(1);
  while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  return a.starts_with("ppm");
}

// "washed until free of sodium", "until no Cl− ions were detected with AgNO3 solution", "treated with
// UV-ozone": what a wash is checked for, the reagent of that check, and a cleaning treatment are no
// reagents of the synthesis (MSP: Nonrecipe-Material or unannotated; review 17a, M13).
static bool wash_check_or_cleaning(const TokenView& view, const MaterialMention& m) {
  const std::string_view name = std::string_view(view.text).substr(m.begin, m.end - m.begin);
  if (name.size() >= 5 && (name[0] == 'U' || name[0] == 'u') && (name[1] == 'V' || name[1] == 'v') &&
      (name[2] == '-' || name[2] == '/' || name[2] == ' ')) {
    const std::string folded = fold_case(name.substr(3));
    if (folded == "ozone" || folded == "o3") return true;
  }
  size_t k = m.first_token;
  if (k >= 2 && view.folded[k - 1] == "of" && view.folded[k - 2] == "free") return true;
  // Size and first byte before the bytes: asked of every mention, and std::find makes a memcmp call
  // per entry.
  auto in = [](std::string_view w, std::initializer_list<std::string_view> list) {
    for (std::string_view x : list) {
      if (x.size() == w.size() && !w.empty() && x[0] == w[0] && x == w) return true;
    }
    return false;
  };
  if (k >= 1 && in(view.folded[k - 1], {"a"sv, "an"sv, "the"sv})) --k;
  return k >= 2 && in(view.folded[k - 1], {"with"sv, "by"sv, "using"sv}) &&
         in(view.folded[k - 2], {"detected"sv, "checked"sv, "confirmed"sv});
}

void MaterialFinder::drop_non_reagents(const TokenView& view, const ByteTriples& triples,
                                       std::vector<MaterialMention>& out) const {
  // (The paragraph-wide cue words are searched only when the text has their byte triples.)
  std::erase_if(out, [&](const MaterialMention& mm) {
    return abbreviation_for_other(view, mm) || zero_valent(mm) || wash_check_or_cleaning(view, mm);
  });
  if (contains_any_bytes(view.text, triples, {"ppm"sv})) {
    std::erase_if(out, [&](const MaterialMention& mm) { return trace_level(view.text, mm); });
  }
  if (contains_any_bytes(view.text, triples, {"dialysis"sv})) drop_dialysis_descriptors(view, out);
  // "2KMnO4 (s) + H2SO4 (aq) - Mn2O7 (l) + K2SO4 + H2O", "Ni + 1/2O2 → NiO", "BaO + H2O → ...": the
  // species of a written reaction equation are no reagent mentions (neither MSP nor SOFC-Exp marks
  // them) (session 11). Asked only of paragraphs with an arrow or a phase tag.
  if (!out.empty() && contains_any_bytes(view.text, triples, {"→"sv, "->"sv, "⇌"sv, "(aq)"sv})) {
    std::erase_if(out, [&](const MaterialMention& mm) { return equation_species(view.text, mm.begin, mm.end); });
  }
  // "HZSM-5 (Si/Al = 50) zeolite", "MWW and MFI zeolites": the class noun after a named zeolite is
  // part of that name, not a second material (MSP marks the framework name alone) (session 11).
  drop_named_zeolite_nouns(view.text, out);
  if (!out.empty() && contains_any_bytes(view.text, triples, {"electrode"sv})) {
    std::erase_if(out, [&](const MaterialMention& mm) { return reference_electrode_fill(view.text, mm); });
  }
  // "Electrochemical properties of La0.6Sr0.4CoO3−δ thin films ... Electrochemical properties of
  // La0.6Sr0.4CoO3−δ thin films ... Authors, affiliations, abstract": a paragraph that opens with the
  // same words twice opens with an article's title (printed again by the PDF conversion) and its
  // names are the topic, not materials used in an experiment. One search for the opening words.
  // A title has 30 to 400 bytes and is printed twice, not three times (a periodic text is no title);
  // only the first place where the opening words recur after a space is looked at.
  if (!out.empty() && view.text.size() > 80) {
    constexpr size_t kProbe = 24, kMinTitle = 30, kMaxTitle = 400;
    std::string_view probe = view.text.substr(0, kProbe);
    // Only a repeat starting by kMaxTitle + 1 counts: search that prefix, not the whole paragraph.
    std::string_view window = view.text.substr(0, kMaxTitle + 1 + kProbe);
    for (size_t q = window.find(probe, kMinTitle + 1); q != std::string_view::npos && q <= kMaxTitle + 1 &&
                                                       2 * q <= view.text.size() + 1;
         q = window.find(probe, q + 1)) {
      if (view.text[q - 1] != ' ') continue;
      if (view.text.compare(q, q - 1, view.text, 0, q - 1) == 0 &&
          (2 * q > view.text.size() || view.text.compare(2 * q, q - 1, view.text, 0, q - 1) != 0)) {
        size_t title_end = 2 * q - 1;
        std::erase_if(out, [&](const MaterialMention& mm) { return mm.begin < title_end; });
      }
      break;
    }
  }
  // "humidified H2 (3% H2O)", "wet (3%H2O) methane", "50% H2–50% H2O", "3% H2O in air": water given as
  // a share of a gas is the humidity of the fuel or air, a condition of the gas and not a material
  // fed. ("53% H2O" in a composition list is dropped by the composition rule already.)
  if (!out.empty()) {
    std::erase_if(out, [&](const MaterialMention& mm) {
      if (mm.end - mm.begin != 3 || view.text.compare(mm.begin, 3, "H2O") != 0) return false;
      size_t k = mm.begin;
      while (k > 0 && view.text[k - 1] == ' ') --k;
      if (k == 0 || view.text[k - 1] != '%') return false;
      --k;
      while (k > 0 && view.text[k - 1] == ' ') --k;
      // A share below 10 %: "50% H2–50% H2O" is a steam-rich fuel mixture of which water is a part.
      size_t digits_end = k;
      while (k > 0 && (is_digit(view.text[k - 1]) || view.text[k - 1] == '.')) --k;
      std::string_view share = view.text.substr(k, digits_end - k);
      size_t point = share.find('.');
      size_t whole = point == std::string_view::npos ? share.size() : point;
      return whole == 1 && is_digit(share[0]);
    });
  }
  // "... Thin-film solid oxide fuel cell Yttria-stabilized zirconia Gadolinium-doped ceria Background
  // ...": a chemical name that is written in lower case in running text, capitalised right after a
  // lower-case word with nothing between, is an item of a keyword list or a heading in title case.
  if (!out.empty()) {
    std::erase_if(out, [&](const MaterialMention& mm) {
      size_t k = mm.first_token;
      if (k == 0 || !is_upper(view.text[mm.begin]) || !rules::joined_by_space(view, k - 1)) return false;
      std::string_view prev = view.raw(k - 1);
      if (prev.size() < 2 || !is_lower(prev[0]) || !is_lower(prev.back())) return false;
      // "the appropriate ratios of Lanthanum nitrate": a capitalised name after a function word is
      // running text; a keyword list puts it after another noun.
      for (std::string_view f : {"of"sv, "in"sv, "the"sv, "and"sv, "or"sv, "with"sv, "a"sv, "an"sv, "to"sv, "for"sv,
                                 "by"sv, "on"sv, "as"sv, "from"sv, "at"sv, "into"sv, "onto"sv}) {
        if (view.folded[k - 1] == f) return false;
      }
      std::string_view first = view.raw(k);
      first = first.substr(0, std::min(first.find('-'), first.size()));
      if (first.size() < 4) return false;
      for (char c : first.substr(1)) {
        if (!is_lower(c)) return false;
      }
      // Trade names ("contained Nafion") are capitalised anywhere: only element names and listed
      // words with a formula (yttria, ceria, zirconia) are asked about.
      std::string folded = fold_case(first);
      if (classify(folded) == kElement) return true;
      auto w = single_words_.find(folded);
      return w != single_words_.end() && !entries_[w->second].formula.empty();
    });
  }
}


}  // namespace synthdb::rules
