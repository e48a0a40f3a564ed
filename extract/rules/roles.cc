// Material roles (material_entities): the cues around each mention, the role rules, and the
// paragraph-level role notes.
#include "extract/rules/extractor_impl.h"
#include "extract/rules/cue_index.h"

#include <algorithm>
#include <stdexcept>
#include <array>
#include <bit>
#include <bitset>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace synthdb::rules {

using namespace detail;

namespace {

// The inside of the bracket that opens `s` ("(1 M, 20 mL) was" -> "1 M, 20 mL") when its ')' comes
// at most `within` bytes after the '(': a short bracket right after a mention belongs to it.
// Nothing when `s` opens no bracket or it closes later. One reader for sputtering_target(),
// molar_bracket_after() and excess_share(); each keeps its own leading space and reading of the inside.
std::optional<std::string_view> bracket_inside(std::string_view s, size_t within) {
  if (!s.starts_with('(')) return std::nullopt;
  const size_t close = s.find(')');
  if (close == std::string_view::npos || close > within) return std::nullopt;
  return s.substr(1, close - 1);
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

// Length of the solid form a reagent is weighed out in (" powders", " shots", " flakes", " granules")
// that `a` starts with, 0 when none: "Fe2O3, NiO and TiO2 powders were mixed" puts each in (review 14b,
// C4).
inline size_t solid_form_prefix(std::string_view a) {
  if (a.size() < 6 || a[0] != ' ') return 0;
  for (std::string_view form : {" powders"sv, " powder"sv, " shots"sv, " shot"sv, " flakes"sv, " granules"sv}) {
    if (has_prefix(a, form)) return form.size();
  }
  return 0;
}

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

// A fixed list of words and the set of their two-byte pairs. contains() tells whether any of them
// occurs in a text: one pass in which most positions fail the two-byte test, instead of a find()
// per word (each a memchr per candidate first byte and a compare per hit); where a pair passes,
// only the words with its first byte are compared (CueIndex: comparing every word there was as
// many instructions as the pass).
// The pass tests every `stride_`-th pair only (stride = the shortest word's length - 1): each
// occurrence of a word covers one such pair, at some offset below the stride, so the pair set
// holds every word's pairs at those offsets, and a position whose pair passes is compared at the
// stride's starts that could reach it (the windows of mention_cues() are 40-120 bytes: testing
// every pair was a fifth of its instructions).
class WordSet {
 public:
  explicit WordSet(std::initializer_list<std::string_view> words) : words_(words), pairs_(1024, 0) {
    size_t shortest = std::string_view::npos;
    for (std::string_view w : words) shortest = std::min(shortest, w.size());
    // The pass reads byte pairs: a one-byte word (or no word) would make the stride 0 and the pass
    // read past the text.
    if (shortest < 2 || shortest == std::string_view::npos) {
      throw std::invalid_argument("WordSet: every word must be two bytes or longer");
    }
    stride_ = shortest - 1;
    for (std::string_view w : words) {
      for (size_t o = 0; o < stride_; ++o) {
        size_t key = pair_key(w[o], w[o + 1]);
        pairs_[key >> 6] |= uint64_t{1} << (key & 63);
      }
    }
  }
  bool contains(std::string_view s) const {
    for (size_t pos = stride_ - 1; pos + 1 < s.size(); pos += stride_) {
      // The pair's bit alone (s29-speed-roles): a first-byte table before it (s25-speed) took fewer
      // instructions, but the verbs' first letters (p, s, f, o, g, m, d, e) start a third of the
      // words, and that branch mispredicted; most pairs fail the bit test, a branch the CPU predicts.
      size_t key = pair_key(s[pos], s[pos + 1]);
      if (!((pairs_[key >> 6] >> (key & 63)) & 1)) continue;
      for (size_t start = pos + 1 - std::min(pos + 1, stride_); start <= pos; ++start) {
        if (words_.starts(s.substr(start))) return true;
      }
    }
    return false;
  }

 private:
  static size_t pair_key(char a, char b) {
    return (size_t{static_cast<unsigned char>(a)} << 8) | static_cast<unsigned char>(b);
  }
  CueIndex words_;
  std::vector<uint64_t> pairs_;  // 64 Ki bits
  size_t stride_ = 1;
};

// Whether a normalised name is a metal (or organic-cation) carboxylate of the kind nanocrystal
// recipes make as stock solutions: "cesium oleate", "zinc stearate", "cadmium myristate".
bool metal_carboxylate_stock(std::string_view normalized) {
  const auto [head, anion] = cut_last_word(normalized);
  if (head.empty()) return false;
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

// The elements a target holds: its formula's; a doped host named without a formula gives its host's
// ("NaYF4:Yb,Er", "NaGdF4:20%Yb,2%Er": NaOH weighed out for it supplies the Na; review 15a, A7); else
// those its name gives.
ElementSet product_elements(const Entity& t) {
  if (!t.formula.empty()) return formula_elements(t.formula);
  const std::string_view name = t.normalized;
  const size_t colon = name.find(':');
  if (colon != std::string_view::npos && colon > 0 && is_upper(name[0])) {
    const std::string_view host = name.substr(0, colon);
    bool formula_like = true;
    for (char c : host) formula_like &= is_alpha(c) || is_digit(c) || c == '(' || c == ')' || c == '.';
    if (formula_like) return formula_elements(host);
  }
  return name_elements(name);
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
  const std::vector<bool>& input_verb;           // "was/were <input verb>" right after it, whatever its role
  const std::vector<size_t>& material_raw;       // index into para.raws of its entity
  const std::vector<size_t>& measured_additive;  // additive-prior mentions made precursors by their amount
  const std::vector<bool>& stated_as;            // "as the reducing agent" after it: role_after gave the role
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
      if (t.role == "target") product |= product_elements(t);
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

// "a mixture of Li2CO3 and electrolytic MnO2", "CaCO3 and anhydrous Na2SO4": a lower-case grade or
// form adjective outside the next mention's span (review 14b, B37). `w` is the last word of a gap
// (npos + 1 wraps to the whole gap when it has no space).
// So are the forms silica is sold in: "fumed silica", "colloidal silica" (review 17a, M12).
bool descriptor_adjective(std::string_view w) {
  if (w == "fumed" || w == "colloidal") return true;
  if (w.size() < 6 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
  return w.ends_with("ic") || w.ends_with("ous");
}

// "..., phosphoric acid, silica sol and TEAOH": a form noun right after a listed mention names the
// form it is used in and belongs to it, not to the gap before the next member (review 17a, M12).
// `gap` is the raw text between the two mentions; returns it without that noun.
std::string_view after_form_noun(std::string_view gap) {
  for (std::string_view form : {" sol,"sv, " sol "sv, " powder,"sv, " powder "sv, " powders,"sv, " powders "sv}) {
    if (gap.starts_with(form)) return gap.substr(form.size() - 1);
  }
  return gap;
}

// Coordinated mentions share a role read from context: "Sb2MoO6, Bi2MoO6 and Bi2WO6 samples
// were obtained", "denoted as S580, S750 and S850", "CTAB and PVP were used as surfactants".
// Mentions with a role of their own (an amount, a cue) keep it.
// Aliases ("X (TEOS, 98%)") are skipped: the bracket is an aside between listed mentions.
// Whether a formula names an oxo solid of a ceramic or glass batch: an oxide, carbonate, phosphate
// ("TiO2", "BaCO3", "NH4H2PO4"), i.e. it ends in O with an optional count.
bool oxo_formula(std::string_view formula) {
  while (!formula.empty() && is_digit(formula.back())) formula.remove_suffix(1);
  return formula.size() > 1 && formula.back() == 'O';
}

// "BaCO3, TiO2 and Na2CO3 were ball milled", "NH4H2PO4, ZnO and Na2CO3 were mixed": a carbonate the
// lexicon gives as a base (additive), put in last of a batch of oxo solids, is the source of its
// cation like the rest (MSP 101038ncomms3365: Na2CO3 Recipe_Precursor; review 17c, C10).
bool carbonate_in_batch(const std::vector<MaterialMention>& mats, const std::vector<size_t>& heads, size_t a,
                        size_t b) {
  const MaterialMention& last = mats[heads[b]];
  if (last.role_prior != "additive" || last.formula.find("CO3") == std::string::npos) return false;
  for (size_t h = a; h < b; ++h) {
    if (!oxo_formula(mats[heads[h]].formula)) return false;
  }
  return true;
}

// "Al2O3 powder, fish oil as a dispersant and PVB as a binder": "as a/an <role>" after the last
// member of a list states that member's role alone (a singular noun); "X and Y as precursors" states
// the list's (review 17c, C15). `last`: the mention ends the list.
bool own_role_phrase(std::string_view folded, const MaterialMention& m, bool last) {
  if (!last) return false;
  std::string_view after = folded.substr(m.end, std::min<size_t>(folded.size() - m.end, 8));
  return after.starts_with(" as a ") || after.starts_with(" as an ");
}

// "LiOH·H2O (10% excess)": mention `k` has only fraction amounts, in a bracket right after it that
// says "excess" (a statement of how much went in, unlike a purity; review 17c, C14).
bool excess_share(const Paragraph& para, size_t k) {
  if (para.material_measures[k] != 0) return false;
  std::string_view after = std::string_view(para.folded).substr(para.mats[k].end);
  if (!after.starts_with(" (")) return false;
  // (A bracket not closed within 40 bytes of the space: its first 38 bytes are read, as in rules-19.)
  const std::string_view inside = bracket_inside(after.substr(1), 39).value_or(after.substr(2, 38));
  return inside.find("excess") != std::string_view::npos;
}

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
    heads.reserve(mats.size());
    for (size_t k = 0; k < mats.size(); ++k) {
      if (!alias[k]) heads.push_back(k);
    }
    auto listed = [&](size_t x, size_t y) {
      // Gap between mentions x and y: commas, "and"/"or", spaces and bracketed asides only.
      std::string_view gap = text.substr(mats[x].end, mats[y].begin > mats[x].end ? mats[y].begin - mats[x].end : 0);
      // Checked first (the result is false either way): mentions are often far apart, and the
      // walk below over a long gap was a fiftieth of the extraction time.
      if (gap.size() > 60) return false;
      gap = after_form_noun(gap);
      // "Graphene (G) and nitrogen-doped carbon (NC) were prepared": a dopant written before the
      // next mention stays outside its span (MSP's convention) but belongs to it, not to the gap.
      {
        std::string_view g = gap;
        g = trim_right(g);
        if (g.ends_with("-doped") || descriptor_adjective(g.substr(g.find_last_of(" ,") + 1))) {
          size_t sp = g.find_last_of(" ,");
          gap = gap.substr(0, sp == std::string_view::npos ? 0 : sp + 1);
        }
      }
      int depth = 0;
      std::string words;  // at most six bytes ("and/or"): kept in the string itself, no allocation
      for (char c : gap) {
        if (c == '(' || c == '[') {
          ++depth;
        } else if (c == ')' || c == ']') {
          depth = std::max(0, depth - 1);
        } else if (depth == 0 && c != ' ' && c != ',') {
          if (words.size() == 6) return false;  // longer than any joint below
          words += c;
        }
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
          // A source may carry an excess share ("from LiOH·H2O (10% excess), La2O3 and ZrO2": review
          // 17c, C14), not a measure of its own, nor its own singular role phrase.
          if (strong_role[k] && (material_amounts[k] == 0 || excess_share(para, k)) &&
              !own_role_phrase(para.folded, mats[k], h == b) &&
              (shared.empty() || r == "target")) {
            shared = r;
            bought_list = bought_cue[k] || bought_acid[k];
          }
        }
        // "NiO, YSZ and PVP were dispersed in NMP": the input verb after a last member with a
        // role of its own (a ligand, a solvent) puts in the members without one (review 14b, B44).
        if (shared.empty() && notes.input_verb[heads[b]] && material_amounts[heads[b]] == 0 &&
            carbonate_in_batch(mats, heads, a, b)) {
          raws[material_raw[heads[b]]].e.role = kPrecursorRole;
        }
        if (shared.empty() && notes.input_verb[heads[b]] && !mats[heads[b]].role_prior.empty()) {
          // "LSM and ScSZ powders were ball-milled": before a solid form noun the whole list is weighed
          // out, the last member too, and a member whose lexicon prior is "other" (a cell ceramic) is
          // put in as the others are (s18-bugs).
          const size_t last_end = mats[heads[b]].end;
          const bool powders = solid_form_prefix(std::string_view(para.folded).substr(last_end, 10)) > 0;
          for (size_t h = a; h < b + (powders ? 1 : 0); ++h) {
            const size_t k = heads[h];
            Entity& e = raws[material_raw[k]].e;
            const bool weighed = mats[k].role_prior.empty() || (powders && mats[k].role_prior == "other");
            if (!strong_role[k] && material_amounts[k] == 0 && weighed && e.role == "other") {
              e.role = kPrecursorRole;
            }
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

// The role mention `j` states for itself, which a statement elsewhere does not override (review 15c,
// R14/R22); empty if none. Its word may state it ("the oleic acid-capped PbS QDs", "citrate-
// stabilized": ligand), or the rest of its sentence ("TOP (2 mL) and TOPO (5 g) were then heated as
// the ligands", for a list it is in; "..., where trisodium citrate served as the reductant").
std::string_view own_statement(const Paragraph& para, size_t j) {
  const MaterialMention& m = para.mats[j];
  const std::string_view after = std::string_view(para.folded).substr(m.end, 16);
  for (std::string_view w : {"-capped"sv, "-stabili"sv, "-protected"sv, "-terminated"sv, "-functionali"sv, "-coated"sv}) {
    if (after.starts_with(w)) return "ligand";
  }
  // The rest of its sentence (up to 160 bytes).
  std::string_view rest = std::string_view(para.folded).substr(m.end, 160);
  rest = rest.substr(0, std::min(rest.find(". "), rest.find(';')));
  for (size_t at = rest.find(" as "); at != std::string_view::npos; at = rest.find(" as ", at + 1)) {
    std::string_view what = rest.substr(at + 4, 30);
    for (std::string_view art : {"the "sv, "a "sv, "an "sv}) {
      if (what.starts_with(art)) what.remove_prefix(art.size());
    }
    if (what.starts_with("both ")) what.remove_prefix(5);
    if (what.starts_with("reduc")) return "reductant";
    if (what.starts_with("solvent")) return "solvent";
    for (std::string_view w : {"ligand"sv, "surfactant"sv, "capping"sv, "stabili"sv}) {
      if (what.starts_with(w)) return "ligand";
    }
  }
  return {};
}

// "Sodium citrate acts as both the reducing agent and the stabilizer ... Sodium citrate (1 wt%, 2 mL) was
// added", "citric acid (60 mg) ... citric acid served as the reductant": a role the paragraph states for
// a material (the first such statement) holds for its other mentions used as reagents, the measured one
// among them (review 15a, A8). Only reductant, ligand and solvent statements, and only over the reagent
// roles; mentions read as a solvent, "other" or a target (a medium, a reference back, a product) keep theirs.
void carry_stated_roles(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  // The first statement of each material wins; a map keeps paragraphs of many statements linear.
  std::unordered_map<std::string_view, std::string_view> stated_role;
  for (size_t k = 0; k < mats.size(); ++k) {
    if (!notes.stated_as[k] || mats[k].normalized.empty()) continue;
    stated_role.emplace(mats[k].normalized, para.raws[notes.material_raw[k]].e.role);
  }
  if (stated_role.empty()) return;
  for (size_t j = 0; j < mats.size(); ++j) {
    if (notes.stated_as[j]) continue;
    const auto it = stated_role.find(mats[j].normalized);
    if (it == stated_role.end()) continue;
    const std::string_view stated = it->second;
    if (const std::string_view own = own_statement(para, j); !own.empty() && own != stated) continue;
    if (stated != "reductant" && stated != "ligand" && stated != "solvent") continue;
    std::string& role = para.raws[notes.material_raw[j]].e.role;
    // (A precursor only when measured: a purchase list's "NaBH4" stays a precursor, as MSP marks it.)
    if (role == "ligand" || role == "reductant" || (role == "precursor" && para.material_amounts[j] > 0)) {
      role = stated;
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
  // Each name once, searched by halves: a long paragraph names its targets many times (s18-quad).
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
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
    if (std::binary_search(targets.begin(), targets.end(), std::string_view(mats[k].normalized))) e.role = "target";
  }
}

// Whether the line after a DOI line is an article title that names products: not a table or figure
// caption ("Table 1. Lattice parameters of BaTiO3"), a keywords line, nor a review's title ("A review
// of SOFC anodes based on Ni-YSZ": a review makes nothing).
bool article_title(std::string_view line) {
  const std::string lower = ascii_lower(line);
  for (std::string_view lead : {"table"sv, "fig"sv, "scheme"sv, "keyword"sv, "key words"sv, "abstract"sv,
                                "graphical abstract"sv, "supplementary"sv, "supporting information"sv}) {
    if (lower.starts_with(lead)) return false;
  }
  const std::string_view l = lower;
  return !contains_any(l, {"review", "recent advances", "recent progress", "progress in ", "perspective"});
}

// Whether a property or test verb follows mention `k` (past a form noun): "The LiFePO4 delivered
// 160 mAh/g", "the LaCoO3 perovskite showed high activity", "The nickel oxide presents porosity".
bool property_verb_after(const Paragraph& para, size_t k) {
  const TokenView& view = para.view;
  const size_t end = para.mats[k].end;
  size_t t = para.mats[k].first_token;
  while (t < view.tokens.size() && view.tokens[t].begin < end) ++t;
  for (size_t words = 0; t < view.tokens.size() && words < 3; ++t, ++words) {
    const std::string_view w = view.folded[t];
    if (one_of(w, {"showed", "shows", "exhibited", "exhibits", "delivered", "delivers", "displayed", "displays",
                   "presents", "presented", "possessed", "possesses", "achieved", "retained", "demonstrated"})) {
      return true;
    }
    if (!one_of(w, {"perovskite", "powder", "powders", "sample", "samples", "catalyst", "electrode", "cathode",
                    "anode", "film", "films", "also", "still", "then"})) {
      return false;
    }
  }
  return false;
}

// Whether a mention is put in where it stands: measured, a cue word gave its role, an input verb
// right after it, or an input word a few words before it ("added", "dissolved in", "with").
bool put_in(const Paragraph& para, const RoleNotes& notes, size_t k) {
  if (para.material_amounts[k] > 0 || notes.strong_role[k] || notes.input_verb[k]) return true;
  const TokenView& view = para.view;
  const size_t ss = para.sentences(para.mats[k].begin, 200);
  static constexpr std::string_view kWords[] = {"in", "into", "with", "using", "use", "used", "contain",
                                                "containing", "contains", "taken"};
  static constexpr std::string_view kStems[] = {"add",    "dissolv", "mix",     "introduc", "inject", "pour",
                                                "drop",   "load",    "impregn", "dispers",  "suspend", "dilut",
                                                "immers", "dip",     "soak",    "react",    "treat",  "fill"};
  for (size_t t = para.mats[k].first_token, words = 0; t-- > 0 && words < 6; ++words) {
    if (view.tokens[t].begin < ss) break;
    const std::string_view w = view.folded[t];
    if (w.empty()) continue;
    for (std::string_view x : kWords) {
      if (x[0] == w[0] && w == x) return true;
    }
    for (std::string_view stem : kStems) {
      if (stem[0] == w[0] && has_prefix(w, stem)) return true;
    }
  }
  return false;
}

// Whether the rest of mention `k`'s sentence makes a new material out of it: "The ZIF-8 powder was
// pyrolyzed ... to obtain the carbon", "the TiO2 powder was converted into TiN", "sulfurized".
// A product only calcined, pressed, ground or characterised is not consumed (review 18c, R1).
bool consumed_in_sentence(const Paragraph& para, const RoleNotes& notes, size_t k) {
  std::string_view rest = std::string_view(para.folded).substr(para.mats[k].end);
  rest = rest.substr(0, std::min<size_t>(rest.size(), 200));
  if (const size_t stop = rest.find(". "); stop != std::string_view::npos) rest = rest.substr(0, stop);
  if (contains_any(rest, {" to obtain"sv, " to produce"sv, " to form"sv, " to prepare"sv, " to yield"sv,
                          " to synthesi"sv, " to get"sv, " to give"sv, " to fabricate"sv, " to make"sv, "convert"sv,
                          "transform"sv, "pyroly"sv, "carboni"sv, "sulfuri"sv, "sulphuri"sv, "seleni"sv, "nitrid"sv,
                          "phosphid"sv, "reduc"sv})) {
    return true;
  }
  // ("The LiMn2O4 powder was then coated with Al2O3": a reagent or product of the step follows.)
  const size_t end = para.mats[k].end + rest.size();
  for (size_t j = k + 1; j < para.mats.size() && para.mats[j].begin < end; ++j) {
    const std::string_view role = para.raws[notes.material_raw[j]].e.role;
    if (role == "precursor" || role == "target") return true;
  }
  return false;
}

// A material named again keeps a precursor role only where the paragraph puts it in somewhere
// ("KMnO4 (3 g) was dissolved ... until the colour of the KMnO4 faded"). A name that is never put
// in (a mechanism's gas, a poison, a reference list, an author name read as a material) or that an
// earlier mention calls the product ("LiFePO4 was prepared ... The LiFePO4 delivered") is "other"
// when named again with no cue (review 15c, R6/R7).
void weak_repeats(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  // (The never-put-in reading only in texts that measure nothing out, not even an unlinked "8.0 M"
  // or "15.33% Na2O": a recipe names its reagents again in weak words, "the Te powders gradually
  // dissolved", "The acid-treated MWCNTs", and MSP and the role gold keep them precursors.)
  // The candidates: precursors named again with no amount or cue of their own. Most paragraphs
  // have none.
  auto cued = [&](size_t k) { return para.material_amounts[k] > 0 || notes.strong_role[k] || notes.input_verb[k]; };
  auto candidate = [&](size_t k) {
    return !cued(k) && !mats[k].normalized.empty() && raws[notes.material_raw[k]].e.role == "precursor";
  };
  size_t count = 0, last = 0;
  for (size_t k = 1; k < mats.size(); ++k) {
    if (candidate(k)) ++count, last = k;
  }
  if (count == 0) return;
  bool recipe = false;
  for (size_t ri = 0; ri < para.amount_material.size() && !recipe; ++ri) recipe = raws[ri].e.type == "amount"sv;
  // What a name's earlier mentions were: 1 named, 2 put in, 4 a target. Each candidate compares
  // with the earlier mentions while that stays small; past that one pass keeps per-name flags
  // (linear however often a name repeats).
  auto put_in_at = [&](size_t j) {
    return cued(j) || (raws[notes.material_raw[j]].e.role == "precursor" && put_in(para, notes, j));
  };
  auto decide = [&](size_t k, uint8_t was) {
    Entity& e = raws[notes.material_raw[k]].e;
    if (was == 0 || e.role != "precursor" || put_in(para, notes, k)) return;
    if ((was & 4) != 0 && property_verb_after(para, k)) {
      e.role = "target";  // the guideline's product keeps target in every mention
    } else if ((was & 2) == 0 && !recipe) {
      e.role = "other";
    }
    // (Review 18c R1, "the product re-named as the subject of a later step -> other", is withdrawn
    // (review 18e R14-R17): an intermediate heated, pyrolyzed or converted into another product
    // ("The ZIF-8 powder was heated", "graphene oxide was dried and heated") is a precursor of it.)
  };
  if (count * last <= 4096) {
    for (size_t k = 1; k <= last; ++k) {
      if (!candidate(k)) continue;
      uint8_t was = 0;
      for (size_t j = 0; j < k; ++j) {
        if (mats[j].normalized != mats[k].normalized) continue;
        was |= 1 | (put_in_at(j) ? 2 : 0) | (raws[notes.material_raw[j]].e.role == "target" ? 4 : 0);
      }
      decide(k, was);
    }
    return;
  }
  std::unordered_map<std::string_view, uint8_t> seen;
  for (size_t k = 0; k < mats.size(); ++k) {
    if (mats[k].normalized.empty()) continue;
    uint8_t& was = seen[mats[k].normalized];
    decide(k, was);
    was |= 1 | (put_in_at(k) ? 2 : 0) | (raws[notes.material_raw[k]].e.role == "target" ? 4 : 0);
  }
}

// "NiO was prepared by thermal decomposition ... The NiO powder was ground in an agate mortar", "The
// Li7La3Zr2O12 powder was ball milled in isopropanol": the product ground or milled on its own is not
// put in anew, although "ground"/"milled" is an input verb for a reagent's first mention (review 18c,
// R1). Only where an earlier mention of the name is a target and nothing is made from it in the sentence.
void reground_products(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  for (size_t k = 1; k < mats.size(); ++k) {
    if (!notes.input_verb[k] || para.material_amounts[k] > 0 || mats[k].normalized.empty()) continue;
    Entity& e = para.raws[notes.material_raw[k]].e;
    if (e.role != "precursor") continue;
    std::string_view after = std::string_view(para.folded).substr(mats[k].end, std::min<size_t>(40, para.folded.size() - mats[k].end));
    size_t was = after.find(" was ");
    if (was != std::string_view::npos) {
      after.remove_prefix(was + 5);
    } else if ((was = after.find(" were ")) != std::string_view::npos) {
      after.remove_prefix(was + 6);
    } else {
      continue;
    }
    if (after.starts_with("then ")) after.remove_prefix(5);
    if (after.starts_with("ball")) after.remove_prefix(5);
    if (!after.starts_with("ground") && !after.starts_with("milled")) continue;
    bool product = false;
    for (size_t j = k, seen = 0; j-- > 0 && seen < 64 && !product; ++seen) {
      product = mats[j].normalized == mats[k].normalized && para.raws[notes.material_raw[j]].e.role == "target";
    }
    if (product && !consumed_in_sentence(para, notes, k)) e.role = "other";
  }
}

// The title line of a text that opens with its DOI line ("10.1016/j.jpowsour.2012.07.012\nSynthesis of
// LiFePO4 ...\n...", also after a doi_prefix()), as [begin, end) bytes; {0, 0} when the text does
// not open so. Whole article files (MSP's .txt, the role gold) are laid out this way.
// The bytes of a DOI's resolver or scheme prefix at the start of `text` ("https://doi.org/",
// "http://dx.doi.org/", "doi:", "DOI: "), 0 when none: a DOI line written so is still a DOI line
// (review 15c, Z12/Z13).
size_t doi_prefix(std::string_view text) {
  using namespace std::string_view_literals;
  for (std::string_view p : {"https://doi.org/"sv, "http://doi.org/"sv, "https://dx.doi.org/"sv, "http://dx.doi.org/"sv,
                             "doi: "sv, "doi:"sv, "DOI: "sv, "DOI:"sv}) {
    if (text.starts_with(p)) return p.size();
  }
  return 0;
}

std::pair<size_t, size_t> title_line(std::string_view text) {
  if (!text.substr(doi_prefix(text)).starts_with("10.")) return {0, 0};
  const size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return {0, 0};
  const std::string_view doi = text.substr(0, nl);
  if (doi.find('/') == std::string_view::npos || doi.find(' ') != std::string_view::npos) return {0, 0};
  size_t end = text.find('\n', nl + 1);
  if (end == std::string_view::npos) end = text.size();
  // A title has at most a few hundred bytes: the title steps compare each body mention with its
  // products, linear only while the title is short.
  if (end - nl - 1 > 400) return {0, 0};
  if (!article_title(text.substr(nl + 1, end - nl - 1))) return {0, 0};
  return {nl + 1, end};
}

// Whether a title mention is what the work acts on, not what it makes: "liquid exfoliation of
// graphite", "oxidation of ketones with Oxone", "Addition of low reactive clay into", "derived from
// spherical graphite", "assisted by ionic liquids". `before` is the folded title up to the mention;
// the cue must be among its last four words.
bool acted_on_in_title(std::string_view before) {
  const std::string_view tail = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  size_t words = 0, at = tail.size();
  while (at > 0 && words < 4) {
    const size_t sp = tail.rfind(' ', at - 1);
    const std::string_view w = tail.substr(sp == std::string_view::npos ? 0 : sp + 1,
                                           at - (sp == std::string_view::npos ? 0 : sp + 1));
    if (w == "from") return true;
    // ("hydrolysis of sucrose over zeolite catalysts", "oxidation of CO on Pt/CeO2": the catalyst)
    if (w == "over" || w == "on") return false;
    // "exfoliation assisted by ionic liquids", "growth mediated by citrate": a helper of the process.
    if (w == "by" && sp != std::string_view::npos) {
      const std::string_view head = tail.substr(0, sp);
      return head.ends_with("assisted") || head.ends_with("mediated") || head.ends_with("templated") ||
             head.ends_with("promoted") || head.ends_with("induced");
    }
    if (w == "of" && sp != std::string_view::npos) {
      const size_t sp2 = tail.rfind(' ', sp - 1);
      const std::string_view noun = tail.substr(sp2 == std::string_view::npos ? 0 : sp2 + 1,
                                                sp - (sp2 == std::string_view::npos ? 0 : sp2 + 1));
      return one_of(noun, {"oxidation", "exfoliation", "addition", "reduction", "hydrogenation", "dehydrogenation",
                           "conversion", "decomposition", "removal", "adsorption", "degradation", "detection",
                           "dissolution", "interaction", "reforming", "etching", "leaching", "corrosion", "poisoning",
                           "combustion", "hydrolysis"});
    }
    if (sp == std::string_view::npos) break;
    at = sp;
    ++words;
  }
  return false;
}

// Whether a title mention is the carrier the product sits on: "nanowires on carbon cloth", "grown on Ni
// foam". `before` is the folded title up to the mention, `after` the folded title after it.
// A bare carrier name counts too ("ZnO nanowires on FTO", "on Si", "Ag nanowire electrodes on PET"), and
// a support under a membrane or film ("ZIF-8 membranes on alumina supports"; a catalyst's support is
// part of the product).
bool carrier_in_title(std::string_view before, std::string_view name, std::string_view after) {
  before = trim_right(before);
  if (before.ends_with(" a") || before.ends_with(" the")) before = cut_last_word(before).first;
  if (!before.ends_with(" on") && !before.ends_with(" onto")) return false;
  after = after.substr(0, std::min<size_t>(after.size(), 12));
  if (contains_any(after, {" cloth", " electrode", " substrate", " foil", " foam", " wafer", " glass", " paper"}) ||
      one_of(name, {"fto", "ito", "si", "pet", "pen", "glass", "quartz", "sapphire", "mica", "silicon", "polyimide",
                    "kapton", "sio2/si", "si/sio2"})) {
    return true;
  }
  return after.starts_with(" support") && contains_any(before, {"membrane", "film"});
}

// The preposition that governs a title mention ("with", "using", "under", "in", "on", "to", ...): the
// nearest one among the last five words of `before` (the folded title up to the mention), with the
// title before it in `head`; "" when none.
std::string_view title_preposition(std::string_view before, std::string_view& head) {
  size_t at = before.size();
  for (int words = 0; words < 5 && at > 0; ++words) {
    while (at > 0 && before[at - 1] == ' ') --at;
    const size_t sp = before.rfind(' ', at == 0 ? 0 : at - 1);
    const size_t from = sp == std::string_view::npos ? 0 : sp + 1;
    const std::string_view w = before.substr(from, at - from);
    if (one_of(w, {"with", "using", "without", "under", "in", "on", "onto", "to", "into", "towards", "toward", "over",
                   "by", "for", "of", "from", "via", "as", "at"})) {
      head = before.substr(0, from);
      head = trim_right(head);
      return w;
    }
    if (sp == std::string_view::npos) break;
    at = sp;
  }
  return {};
}

// Whether the word after a title mention names a made form ("with Water-Soluble Ruthenium
// Nanoparticles", "using Ba0.95La0.05FeO3-d Perovskite-Type Oxide", "covered with silica layers").
bool product_form_after(std::string_view after) {
  if (after.starts_with('-')) after.remove_prefix(after.find(' ') == std::string_view::npos ? after.size() : after.find(' '));
  while (after.starts_with(' ')) after.remove_prefix(1);
  for (std::string_view form : {"nano"sv, "particle"sv, "crystal"sv, "quantum"sv, "dot"sv, "shell"sv, "coating"sv,
                                "layer"sv, "film"sv, "sheet"sv, "sphere"sv, "cluster"sv, "composite"sv, "framework"sv,
                                "oxide"sv, "perovskite"sv, "catalyst"sv, "electrode"sv, "membrane"sv, "fiber"sv,
                                "fibre"sv, "wire"sv, "rod"sv, "cube"sv, "plate"sv, "flake"sv, "core"sv, "hybrid"sv,
                                "decorat"sv, "modific"sv, "loading"sv, "np"sv, "nc"sv, "qd"sv, "nw"sv}) {
    if (after.starts_with(form)) return true;
  }
  return false;
}

// Whether a title mention is a reagent, helper, condition or medium of the work, not its product
// (s15-regt): "Fe3O4 nanoparticles with FeCl3 and NaOH", "using starch", "CdO as precursor", "Ammonia as
// a nitrogen source", "Li2CO3 flux growth", "Graphene oxide-assisted growth", "Polyol synthesis of",
// "The effect of HCl concentration on", "under N2", "in humid air", "in HeLa cells", "CO2 reduction to
// ethylene", "LEDs with PEDOT:PSS hole transport layers", "Graphene oxide reduced by ascorbic acid".
// `before`/`after` are the folded title around the mention.
bool reagent_in_title(std::string_view before, const MaterialMention& m, std::string_view after) {
  after = after.substr(0, std::min<size_t>(after.size(), 48));
  // ("as a nitrogen source", "as precursor", "as the sacrificial template")
  if (after.starts_with(" as ")) {
    std::string_view rest = after.substr(4);
    for (std::string_view art : {"a "sv, "an "sv, "the "sv}) {
      if (rest.starts_with(art)) rest.remove_prefix(art.size());
    }
    const size_t sp = rest.find(' ');
    std::string_view second = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
    for (std::string_view w : {rest, second}) {
      for (std::string_view cue : {"precursor"sv, "source"sv, "reagent"sv, "reductant"sv, "reducing"sv, "oxidant"sv,
                                   "template"sv, "surfactant"sv, "ligand"sv, "capping"sv, "stabili"sv,
                                   "structure-directing"sv, "additive"sv, "flux"sv, "fuel"sv, "binder"sv, "chelat"sv,
                                   "complexing"sv, "minerali"sv, "solvent"sv, "agent"sv}) {
        if (w.starts_with(cue)) return true;
      }
    }
  }
  // The method or helper word joined to the mention: "-assisted", "flux", "synthesis of".
  std::string_view word = after;
  if (!word.starts_with('-')) {
    while (word.starts_with(' ')) word.remove_prefix(1);
  }
  word = word.substr(0, word.find(' '));
  for (std::string_view helper : {"-assisted"sv, "-mediated"sv, "-templated"sv, "-promoted"sv, "-induced"sv,
                                  "-derived"sv, "-catalyzed"sv, "-catalysed"sv, "-driven"sv}) {
    if (word.ends_with(helper)) return true;
  }
  if (word == "flux" || word == "fluxes") return true;
  for (std::string_view cue : {" synthesis of"sv, " growth of"sv, " concentration"sv, " content"sv, " amount"sv,
                               " dosage"sv, " partial pressure"sv, " flow rate"sv, " reduced by"sv, " reduced with"sv,
                               " treated with"sv, " treated by"sv, " etched"sv}) {
    if (after.starts_with(cue)) return true;
  }
  std::string_view head;
  const std::string_view prep = title_preposition(before, head);
  const std::string_view lead = last_word(head);
  if (prep == "under") return true;
  if (prep == "in" || prep == "at") {
    if (one_of(m.normalized, {"air", "nitrogen", "argon", "oxygen", "helium", "hydrogen"})) return true;
    if (contains_any(after.substr(0, std::min<size_t>(after.size(), 14)),
                     {" cell", " solution", " electrolyte", " medium", " media"})) {
      return true;
    }
  }
  if (prep == "with" || prep == "using" || prep == "without") {
    // (a device's parts: "CsPbBr3 LEDs with PEDOT:PSS hole transport layers")
    if (one_of(lead, {"led", "leds", "cell", "cells", "device", "devices", "transistor", "transistors", "diode",
                      "diodes", "photodetector", "photodetectors"})) {
      return true;
    }
    // (a component of a composite product: "Sulfur cathodes with graphene", "LiFePO4 composites with carbon
    // nanotubes", "Pt catalysts with TiO2 as support")
    for (std::string_view whole : {"composite"sv, "nanocomposite"sv, "hybrid"sv, "cathode"sv, "anode"sv, "electrode"sv,
                                   "catalyst"sv, "film"sv, "membrane"sv, "fiber"sv, "fibre"sv, "aerogel"sv,
                                   "heterostructure"sv, "heterojunction"sv}) {
      if (lead.starts_with(whole)) return false;
    }
    const bool component = lead.ends_with("modified") || lead.ends_with("decorated") || lead.ends_with("coated") ||
                           lead.ends_with("covered") || lead.ends_with("functionalized") ||
                           lead.ends_with("functionalised") || lead.ends_with("loaded") || lead.ends_with("doped") ||
                           lead.ends_with("grafted") || lead.ends_with("filled") || lead.ends_with("combined") ||
                           lead.ends_with("hybridized") || lead.ends_with("composited");
    return !component && !product_form_after(after);
  }
  // ("for high-rate lithium batteries", "for Li-S batteries", "for sodium-ion batteries": the use's device)
  if (prep == "for" && contains_any(after.substr(0, std::min<size_t>(after.size(), 12)),
                                    {" batter", "-ion", " ion batter", "-s batter", "-air batter", "-sulfur"})) {
    return true;
  }
  // "CO2 reduction to ethylene", "partial oxidation of methane to syngas": the product of a use.
  if (prep == "to" || prep == "into" || prep == "towards" || prep == "toward") {
    return contains_any(head.substr(head.size() - std::min<size_t>(head.size(), 40)), {"reduction", "oxidation", "conversion", "hydrogenation", "reforming", "decomposition",
                               "transformation", "coupling"});
  }
  return false;
}

// Whether a title mention is the reactant of a catalytic or sensing use of the product ("Co3O4
// catalysts for methane combustion", "CO oxidation on", "methanol electro-oxidation") or names the
// method ("by a polyol route"). `after` is the folded title after the mention.
bool converted_in_title(std::string_view after) {
  if (after.starts_with(')')) after.remove_prefix(1);  // "metal organic framework (MOF-5) carbonization"
  if (!after.starts_with(' ')) return false;
  after.remove_prefix(1);
  for (std::string_view use : {"combustion"sv, "oxidation"sv, "electro-oxidation"sv, "electrooxidation"sv,
                               "reduction"sv, "electroreduction"sv, "conversion"sv, "decomposition"sv, "sensing"sv,
                               "sensor"sv, "detection"sv, "adsorption"sv, "storage"sv, "evolution"sv, "reforming"sv,
                               "removal"sv, "hydrogenation"sv, "dehydrogenation"sv, "degradation"sv, "capture"sv,
                               "route"sv, "method"sv, "process"sv, "approach"sv, "technique"sv, "carbonization"sv,
                               "pyrolysis"sv, "thermolysis"sv}) {
    if (after.starts_with(use)) return true;
  }
  return false;
}

bool formula_has_element(std::string_view formula, std::string_view el);

// Whether a normalised name is an alkanethiol ("1-octanethiol", "1-dodecanethiol", "tert-dodecanethiol",
// "hexadecanethiol"): a sulfur source in sulfide nanocrystal recipes as well as a capping ligand. Not a
// thiol-ended polymer ("methoxy polyethylene glycol thiol").
bool alkanethiol(std::string_view normalized) {
  return normalized.ends_with("anethiol") && normalized.find(' ') == std::string_view::npos;
}

// Whether a mention with role precursor supplies a metal: a metal carboxylate stock ("cadmium
// oleate") or a formula holding an element other than H, B, C, N, O, F, Si, P, S, Cl, As, Se, Br,
// Te, I or a noble gas.
bool metal_source(const MaterialMention& m) {
  if (metal_carboxylate_stock(m.normalized)) return true;
  ElementSet nonmetals;
  for (size_t z : {1, 2, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 33, 34, 35, 36, 52, 53, 54, 86}) nonmetals.set(z);
  return (formula_elements(m.formula) & ~nonmetals).any();
}

// An alkanethiol added together with a metal precursor ("Cd-oleate (0.2 M) and 1-octanethiol (0.24 M
// in ODE) were added dropwise"), or added in a paragraph whose product is a sulfide and that names no
// other sulfur source, is the sulfur source: precursor, not the lexicon's ligand (review 19, defect
// 4). A thiol stated as a ligand ("DDT as ligand", "capped with 1-dodecanethiol") keeps its role.
void thiol_sulfur_sources(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  const std::string_view text = para.text;
  // (Once per paragraph: few name a thiol.)
  if (!contains_any_bytes(para.folded, para.triples, {"thiol"sv})) return;
  auto role_of = [&](size_t k) -> std::string& { return para.raws[notes.material_raw[k]].e.role; };
  // "A (0.2 M) and B", "A, B": only a bracket and a list joint between two mentions.
  auto listed_with = [&](size_t a, size_t b) {
    std::string_view gap = text.substr(mats[a].end, mats[b].begin - mats[a].end);
    if (gap.starts_with(" (")) {
      const size_t close = gap.find(')');
      if (close == std::string_view::npos) return false;
      gap.remove_prefix(close + 1);
    }
    return gap == " and " || gap == ", " || gap == ", and ";
  };
  // The paragraph's sulfide product and its other sulfur sources, on first use.
  int sulfide_only = -1;
  auto sulfide_without_source = [&]() {
    if (sulfide_only >= 0) return sulfide_only == 1;
    bool sulfide = false, source = false;
    for (size_t t = 0; t < mats.size(); ++t) {
      const Entity& e = para.raws[notes.material_raw[t]].e;
      if (alkanethiol(mats[t].normalized)) continue;
      const bool has_s = formula_has_element(mats[t].formula, "S") || mats[t].normalized.find("sulf") != std::string::npos ||
                         mats[t].normalized.find("thio") != std::string::npos || mats[t].normalized == "sulfur";
      if (e.role == "target" && formula_has_element(mats[t].formula, "S")) sulfide = true;
      if (e.role != "target" && has_s) source = true;
    }
    sulfide_only = sulfide && !source;
    return sulfide_only == 1;
  };
  for (size_t k = 0; k < mats.size(); ++k) {
    if (!alkanethiol(mats[k].normalized) || role_of(k) != "ligand" || notes.stated_as[k]) continue;
    const std::string_view after = para.folded.substr(mats[k].end, std::min<size_t>(12, para.folded.size() - mats[k].end));
    if (after.starts_with(" as ")) continue;  // "DDT as ligand"
    bool with_metal = false;
    for (size_t j : {k - 1, k + 1}) {
      if (j >= mats.size()) continue;  // (k - 1 wraps at k == 0)
      const size_t a = std::min(j, k), b = std::max(j, k);
      if (role_of(j) == "precursor" && metal_source(mats[j]) && listed_with(a, b)) with_metal = true;
    }
    if (with_metal || (notes.input_verb[k] && sulfide_without_source())) role_of(k) = "precursor";
  }
}

// A solution named by the product it is made for: "the HfO2 precursor solution (0.1 M) was prepared
// by dissolving HfCl4", "IZO sol-gel precursors" (role guideline: product-name modifiers are targets;
// MSP marks them so too). Not a bare element ("the Ti precursor solution" names its metal source)
// nor a salt.
void product_precursor_solutions(Paragraph& para, const RoleNotes& notes) {
  const std::string_view folded = para.folded;
  for (size_t k = 0; k < para.mats.size(); ++k) {
    const MaterialMention& m = para.mats[k];
    const std::string_view after = folded.substr(m.end, std::min<size_t>(24, folded.size() - m.end));
    if (!after.starts_with(" precursor sol") && !after.starts_with(" sol-gel precursor")) continue;
    if (m.normalized.size() <= 2 || para.material_amounts[k] > 0) continue;
    // ("The PbI2 precursor solution (1 M)", "The TTIP precursor solution": the lexicon knows a reagent.)
    if (m.role_prior == "precursor" || m.role_prior == "additive") continue;
    // ("the metal nitrate precursor solutions", "a Zn(NO3)2 precursor solution": the salts dissolved.)
    if (contains_any(m.normalized, {"nitrate", "alkoxide", "acetate", "chloride", "salt", "NO3", "Cl", "OAc", "acac",
                                    "CH3COO"})) {
      continue;
    }
    Entity& e = para.raws[notes.material_raw[k]].e;
    if (e.role == "other" || e.role == "precursor") e.role = "target";
  }
}

// Whether a body mention is a material bought, not the product made: "commercial V2O5 powder (Alfa
// Aesar)", "Arc-discharge carbon nanotubes are purchased from ILJIN".
bool bought_in_body(std::string_view folded, const MaterialMention& m) {
  const std::string_view before = folded.substr(m.begin - std::min<size_t>(m.begin, 12), std::min<size_t>(m.begin, 12));
  std::string_view after = folded.substr(m.end, std::min<size_t>(80, folded.size() - m.end));
  if (const size_t stop = after.find(". "); stop != std::string_view::npos) after = after.substr(0, stop);
  return before.find("commercial") != std::string_view::npos ||
         contains_any(after, {"purchased", "supplied by", "obtained from", "provided by", "aldrich", "alfa aesar"});
}

// Whether a body mention names a form that is fed into a step, not the product: "a TiO2 suspension",
// "The ZnO seed layer", "sputtered from a ZnO target".
bool fed_in_form(std::string_view folded, const MaterialMention& m) {
  const std::string_view after = folded.substr(m.end, std::min<size_t>(14, folded.size() - m.end));
  return contains_any(after, {" suspension", " dispersion", " solution", " colloid", " seed", " target", " sol "});
}

// The title's product named again in the body keeps its role where no cue and no amount gave the
// mention one (role guideline, policy 2): "the geopolymer paste was cast", "The Pt/C catalyst
// prepared contained", "the deposition of silicon shell". `names` are the title's products,
// `title_end` where the title line ends.
void title_product_mentions(Paragraph& para, const RoleNotes& notes, size_t title_end,
                            const std::vector<std::string_view>& names) {
  if (names.empty()) return;
  for (size_t k = 0; k < para.mats.size(); ++k) {
    const MaterialMention& m = para.mats[k];
    if (m.begin < title_end || notes.strong_role[k] || para.material_amounts[k] > 0) continue;
    Entity& e = para.raws[notes.material_raw[k]].e;
    if (e.role == "other" && std::find(names.begin(), names.end(), m.normalized) != names.end() &&
        !bought_in_body(para.folded, m) && !fed_in_form(para.folded, m)) {
      e.role = "target";
    }
  }
}

// Whether a title product is the support of a composite ("Au nanoparticle-decorated TiO2 nanosheets",
// "Pd nanoparticles on Mn3O4-modified carbon nanotubes", "Zeolite-Supported Vanadia"): a target in the
// title, but the body feeds it in as a reactant, so its body mentions are not promoted.
bool support_in_title(std::string_view before, std::string_view after) {
  before = trim_right(before);
  const std::string_view lead = last_word(before);
  std::string_view ignored;
  const std::string_view prep = title_preposition(before, ignored);
  return prep == "on" || prep == "onto" || lead.ends_with("decorated") || lead.ends_with("modified") ||
         lead.ends_with("loaded") || lead.ends_with("functionalized") ||
         after.starts_with("-supported") || after.starts_with(" supported");
}

// Materials named in an article's title are its products (role guideline, policy 16): "Synthesis of
// sub-10 nm copper sulphide rods", "Uniform iron oxide hollow spheres for drug delivery", "Pd
// catalyst covered with silica layers". The body's cues do not reach the title line (no verb, no
// amount), so the role loop left most of them other or precursor.
void title_targets(Paragraph& para, const RoleNotes& notes) {
  const auto [begin, end] = title_line(para.text);
  if (begin == end) return;
  std::vector<std::string_view> names;  // the title's products
  for (size_t k = 0; k < para.mats.size() && para.mats[k].begin < end; ++k) {
    const MaterialMention& m = para.mats[k];
    if (m.begin < begin || m.end > end || para.alias[k]) continue;
    // Solvents, ligands and reductants named in a title ("assisted by ionic liquids", "oleylamine-capped")
    // keep the role their lexicon gives them.
    if (m.role_prior == "solvent" || m.role_prior == "ligand" || m.role_prior == "reductant") continue;
    const std::string_view title_before = std::string_view(para.folded).substr(begin, m.begin - begin);
    const std::string_view title_after = std::string_view(para.folded).substr(m.end, end - m.end);
    const std::string_view name = std::string_view(para.folded).substr(m.begin, m.end - m.begin);
    if (acted_on_in_title(title_before) || carrier_in_title(title_before, name, title_after) ||
        converted_in_title(title_after) || reagent_in_title(title_before, m, title_after)) {
      continue;
    }
    para.raws[notes.material_raw[k]].e.role = "target";
    // ("palm oil fuel ash geopolymer": a name right before another mention qualifies it.)
    const bool qualifier = k + 1 < para.mats.size() && para.mats[k + 1].begin <= m.end + 1;
    if (!qualifier && !m.normalized.empty() && !support_in_title(title_before, title_after)) {
      names.push_back(m.normalized);
    }
  }
  title_product_mentions(para, notes, end, names);
}

// Whether a later sentence removes the mention `m` as an unwanted part: "a mixture of Ge NCs and
// GeO2 ...; the oxide could be removed by HF etching" (its name or, for an oxide, "the oxide" before
// "removed", "etched away" or "dissolved away" within the next 250 bytes).
bool removed_later(std::string_view folded, const MaterialMention& m, std::string_view name) {
  const std::string_view rest = folded.substr(m.end, std::min<size_t>(250, folded.size() - m.end));
  for (std::string_view verb : {" removed"sv, " etched away"sv, " dissolved away"sv}) {
    const size_t at = rest.find(verb);
    if (at == std::string_view::npos) continue;
    const std::string_view lead = rest.substr(at > 40 ? at - 40 : 0, at > 40 ? 40 : at);
    const bool oxide = m.formula.find('O') != std::string::npos && lead.find("the oxide") != std::string_view::npos;
    if (oxide || lead.find(name) != std::string_view::npos || lead.find("impurit") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Whether a mention after "only X" is a condition or the product of another condition, not what one
// condition gave instead: "Only Ag2S NCs were obtained with Ag(DDTC), and Ag NCs with AgNO3" (a series
// of two conditions, review 15c, R18): preceded by "with"/"using", or followed by "with"/"using".
bool condition_or_parallel(std::string_view folded, const MaterialMention& m) {
  std::string_view before = folded.substr(0, m.begin);
  before = trim_right(before);
  const std::string_view after = folded.substr(m.end, 8);
  return before.ends_with(" with") || before.ends_with(" using") || after.starts_with(" with ") ||
         after.starts_with(" using ");
}

// Whether the words after a mention make it the subject of a conversion step with a purpose:
// "The MOF-5 was pyrolyzed at 900 °C under Ar to produce hierarchical porous carbon", "The ZIF-67
// crystals were then carbonized ... to obtain N-doped porous carbon" (review 18c, R7). `after` is
// the folded text after the mention.
bool converted_subject(std::string_view after) {
  // (The first byte first: asked of most "other"/"target" mentions.)
  if (after.size() < 12 || after[0] != ' ') return false;
  after.remove_prefix(1);
  // One form noun: "crystals", "octahedra", "powder", "nanocrystals".
  if (!after.starts_with("was ") && !after.starts_with("were ")) {
    const size_t sp = after.find(' ');
    if (sp == std::string_view::npos || sp > 14) return false;
    after.remove_prefix(sp + 1);
    if (!after.starts_with("was ") && !after.starts_with("were ")) return false;
  }
  after.remove_prefix(after[1] == 'a' ? 4 : 5);
  for (std::string_view adv : {"then "sv, "further "sv, "subsequently "sv, "directly "sv, "finally "sv}) {
    if (after.starts_with(adv)) {
      after.remove_prefix(adv.size());
      break;
    }
  }
  bool verb = false;
  for (std::string_view v : {"pyroly"sv, "carboni"sv, "sulfuri"sv, "sulphuri"sv, "seleni"sv, "nitrid"sv, "phosphid"sv,
                             "calcin"sv, "anneal"sv, "heat"sv}) {
    verb |= after.starts_with(v);
  }
  if (!verb) return false;
  if (const size_t stop = after.find(". "); stop != std::string_view::npos) after = after.substr(0, stop);
  return contains_any(after, {" to obtain "sv, " to produce "sv, " to form "sv, " to yield "sv, " to prepare "sv,
                              " to get "sv, " to give "sv, " to synthesi"sv});
}

// The material a conversion step is applied to is its precursor, although it was the product of an
// earlier step (MSP: Recipe_Precursor for an intermediate consumed in the next step; review 18c, R7).
void converted_intermediates(Paragraph& para, const RoleNotes& notes) {
  // (Once per paragraph: most hold no purpose phrase.)
  if (!contains_any_bytes(para.folded, para.triples, {" to obtain "sv, " to produce "sv, " to form "sv, " to yield "sv,
                                                      " to prepare "sv, " to get "sv, " to give "sv, " to synthesi"sv})) {
    return;
  }
  for (size_t k = 0; k < para.mats.size(); ++k) {
    Entity& e = para.raws[notes.material_raw[k]].e;
    if (e.role != "other" && e.role != "target") continue;
    const MaterialMention& m = para.mats[k];
    const std::string_view after = std::string_view(para.folded).substr(m.end, std::min<size_t>(160, para.folded.size() - m.end));
    if (converted_subject(after)) e.role = "precursor";
  }
}

// Whether `formula` holds the element symbol `el` ("Cu" in "Cu2ZnSnS4", not "C" in "Cu").
bool formula_has_element(std::string_view formula, std::string_view el) {
  for (size_t at = formula.find(el); at != std::string_view::npos; at = formula.find(el, at + 1)) {
    if (at + el.size() == formula.size() || !is_lower(formula[at + el.size()])) return true;
  }
  return false;
}

// "Cu, Zn and Sn layers were sputtered onto Mo substrates and annealed in sulfur vapor", "Ag films were
// deposited": element layers deposited so that the paragraph's compound is made from them are its
// precursors, not the deposit product (MSP: Recipe_Precursor for a deposited layer or foil converted
// into the product; review 18c, R2). Only when another target whose formula holds the element is in
// the paragraph. The list before the last layer ("Cu, Zn and") shares its role.
void deposited_element_layers(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  auto element = [&](size_t k) {
    const std::string_view f = mats[k].formula;
    return (f.size() == 1 && is_upper(f[0])) || (f.size() == 2 && is_upper(f[0]) && is_lower(f[1]));
  };
  bool targets_known = false;
  std::unordered_set<std::string_view> target_formulas;
  for (size_t k = 0; k < mats.size(); ++k) {
    if (!element(k)) continue;
    std::string_view after = std::string_view(para.folded).substr(mats[k].end, std::min<size_t>(60, para.folded.size() - mats[k].end));
    bool layer = false;
    for (std::string_view form : {" layers were "sv, " layer was "sv, " films were "sv, " film was "sv}) {
      if (after.starts_with(form)) {
        after.remove_prefix(form.size());
        layer = true;
        break;
      }
    }
    if (!layer) continue;
    if (const size_t sp = after.find(' '); sp != std::string_view::npos && after.substr(0, sp).ends_with("ly")) {
      after.remove_prefix(sp + 1);  // "sequentially", "successively"
    }
    if (!after.starts_with("sputter") && !after.starts_with("deposit") && !after.starts_with("evaporat") &&
        !after.starts_with("electrodeposit") && !after.starts_with("coated")) {
      continue;
    }
    // The list this layer closes: "Cu, Zn and Sn", "Cu and In".
    size_t first = k;
    while (first > 0 && element(first - 1)) {
      const std::string_view gap = std::string_view(para.text).substr(mats[first - 1].end, mats[first].begin - mats[first - 1].end);
      if (gap != ", " && gap != " and " && gap != ", and " && gap != "/") break;
      --first;
    }
    // The distinct formulas of the paragraph's targets, once (linear however many layers repeat).
    if (!targets_known) {
      targets_known = true;
      for (size_t t = 0; t < mats.size(); ++t) {
        if (!mats[t].formula.empty() && para.raws[notes.material_raw[t]].e.role == "target") {
          target_formulas.insert(mats[t].formula);
        }
      }
    }
    for (size_t j = first; j <= k; ++j) {
      Entity& e = para.raws[notes.material_raw[j]].e;
      if (e.role == "precursor") continue;
      const bool product_of = std::any_of(target_formulas.begin(), target_formulas.end(), [&](std::string_view f) {
        return f != mats[j].formula && formula_has_element(f, mats[j].formula);
      });
      if (product_of) e.role = "precursor";
    }
  }
}

// Whether the mention is the reagent a method is named after: "by a NaBH4 reduction method", "by
// hydrazine reduction", "from classical NaBH4 reduction" (MSP: Participant_Material; the real addition
// later in the paragraph keeps its role; review 18c, R9). `before`/`after` are the folded text around
// the mention.
bool method_reagent(std::string_view before, std::string_view after) {
  if (!after.starts_with(" reduction") || after.starts_with(" reduction of")) return false;
  // One article dropped from the end (" a", " an", " the"; at most one).
  const auto drop_article = [](std::string_view s) {
    for (std::string_view art : {" a"sv, " an"sv, " the"sv})
      if (s.ends_with(art)) return s.substr(0, s.size() - art.size());
    return s;
  };
  before = drop_article(trim_right(before));
  const std::string_view word = last_word(before);
  if (one_of(word, {"by", "via", "from", "using", "through"})) return true;
  // One adjective between: "by the classical NaBH4 reduction", "via a modified".
  const std::string_view head = drop_article(trim_right(before.substr(0, before.size() - word.size())));
  return one_of(last_word(head), {"by", "via", "from", "using", "through"});
}

// The reagent a method is named after ("by a NaBH4 reduction method") is other where the paragraph
// names it again later in the same role, the real addition (review 18c, R9): the role set keeps it.
void method_reagents(Paragraph& para, const RoleNotes& notes) {
  const std::vector<MaterialMention>& mats = para.mats;
  const std::string_view folded = para.folded;
  for (size_t k = 0; k < mats.size(); ++k) {
    const MaterialMention& m = mats[k];
    // (The byte after the mention first: " reduction" follows few mentions.)
    if (m.end + 10 > folded.size() || folded[m.end + 1] != 'r' || m.normalized.empty()) continue;
    const std::string_view after = folded.substr(m.end, std::min<size_t>(20, folded.size() - m.end));
    const std::string_view before = folded.substr(m.begin - std::min<size_t>(m.begin, 40), std::min<size_t>(m.begin, 40));
    if (!method_reagent(before, after)) continue;
    Entity& e = para.raws[notes.material_raw[k]].e;
    for (size_t j = k + 1, seen = 0; j < mats.size() && seen < 64 && mats[j].begin < m.end + 4000; ++j, ++seen) {
      if (mats[j].normalized == m.normalized && para.raws[notes.material_raw[j]].e.role == e.role) {
        e.role = "other";
        break;
      }
    }
  }
}

// A target beside another product that the paragraph names as a by-product: "only Te nanowires
// were formed; increasing the temperature to 210 °C gave Bi2Te3 nanoplates" (what one condition
// gave instead), "yielded a mixture of Ge NCs and GeO2 ...; the oxide could be removed" (an impurity
// taken away). Only when another target with another name is in the paragraph (review 14a, A15).
void by_product_targets(Paragraph& para, const RoleNotes& notes) {
  const std::string& folded = para.folded;
  const std::vector<MaterialMention>& mats = para.mats;
  std::vector<Raw>& raws = para.raws;
  const std::vector<size_t>& material_raw = notes.material_raw;
  // Once per paragraph: removed_later() needs one of its verbs, which most paragraphs lack.
  const bool removal = contains_any_bytes(folded, para.triples, {" removed"sv, " etched away"sv, " dissolved away"sv});
  for (size_t k = 0; k < mats.size(); ++k) {
    Entity& e = raws[material_raw[k]].e;
    if (e.role != "target") continue;
    std::string_view before = std::string_view(folded).substr(0, mats[k].begin);
    before = trim_right(before);
    const std::string_view name = std::string_view(folded).substr(mats[k].begin, mats[k].end - mats[k].begin);
    const bool only = (before.ends_with(" only") && !before.ends_with(" not only")) || before == "only";
    if (!only && !(removal && removed_later(folded, mats[k], name))) continue;
    for (size_t j = 0; j < mats.size(); ++j) {
      // The other product comes after "only X": "gave Bi2Te3" (an earlier one is the series' target).
      if (j == k || (only && j < k) || mats[j].normalized == mats[k].normalized) continue;
      if (only && condition_or_parallel(folded, mats[j])) continue;
      if (raws[material_raw[j]].e.role == "target") {
        e.role = "other";
        break;
      }
    }
  }
}

// The mention a cation or anion exchange starts from: "by cation exchange of (the) CdS NCs with
// PbCl2", "CdSe NCs were converted to Cu2Se", "the ZnSe nanocrystals were then transformed into".
// `before` is the sentence before the mention, `after` the text after it (both lower-cased).
bool exchange_template(std::string_view before, std::string_view after) {
  auto trim = [](std::string_view t) {
    t = trim_right(t);
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
  before = trim_right(before);
  if (before.ends_with(" the")) before.remove_suffix(4);
  if (!before.ends_with(" in")) return false;
  std::string_view window = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  size_t at = last_cue(window, {"solvotherm", "hydrotherm"});
  return at != std::string_view::npos && window.substr(at).find_first_of(",;") == std::string_view::npos;
}

// What starting_crystals() found: kind 'a' an adding verb puts something to the crystals (`at`: the
// verb's offset in `before`), 'c' they are coated with a layer (`at`: the coat's offset in `after`),
// 'x' another step that starts from them, 0 none.
struct StartCue {
  char kind = 0;
  size_t at = 0;
};

// Defined with the other cue tests below (it reads the passive verb after the mention).
StartCue starting_crystals(std::string_view before, std::string_view after, bool measured);

// Whether what an adding verb puts to the crystals (mention `k`) may be a reactant: a mention of
// another material in the verb's clause (from the clause start before `verb`, a byte offset in the
// text, up to the crystals) with a reactant role, or no mention at all ("adding the shell solution
// to the CdSe NCs"). A wash, storage or device liquid or polymer is none: "by adding ethyl acetate to
// the CsPbBr3 NCs", "Toluene (5 mL) was added to the CdSe QDs for storage" keep the product (review
// 15c, R1).
bool reactant_added(const Paragraph& para, const RoleNotes& notes, size_t k, size_t ss, size_t verb) {
  const std::string_view folded = para.folded;
  size_t from = ss;
  for (size_t at = verb; at > ss; --at) {
    if (folded[at - 1] == ';' || (folded[at - 1] == ',' && folded.substr(at, 1) == " ")) {
      from = at;
      break;
    }
  }
  bool any = false;
  for (size_t j = k; j-- > 0;) {
    const MaterialMention& m = para.mats[j];
    if (m.begin < from) break;
    if (m.normalized == para.mats[k].normalized) continue;
    any = true;
    const std::string_view r = para.raws[notes.material_raw[j]].e.role;
    if (r == "precursor" || r == "additive" || r == "reductant") return true;
  }
  return !any;
}

// Whether the coat of "were coated with a PVP layer" (at byte `at` of the text) is a ligand or
// polymer, not an inorganic shell: the crystals stay the product (review 15c, R21).
bool ligand_coat(const Paragraph& para, const RoleNotes& notes, size_t k, size_t at) {
  for (size_t j = k + 1; j < para.mats.size() && para.mats[j].begin < at + 40; ++j) {
    if (para.mats[j].begin < at) continue;
    const std::string_view r = para.raws[notes.material_raw[j]].e.role;
    return r == "ligand" || (r == "other" && para.mats[j].role_prior == "ligand");
  }
  return false;
}

// starting_crystals() with what its cue acts on checked: a reactant added, an inorganic coat.
bool start_of_step(const Paragraph& para, const RoleNotes& notes, size_t k, size_t ss, std::string_view before,
                   std::string_view after) {
  const StartCue sc = starting_crystals(before, after, para.material_amounts[k] > 0);
  if (sc.kind == 'a') return reactant_added(para, notes, k, ss, ss + sc.at);
  if (sc.kind == 'c') return !ligand_coat(para, notes, k, para.mats[k].end + sc.at);
  return sc.kind == 'x';
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
    } else if (template_like && (exchange_template(before, after) || start_of_step(para, notes, k, ss, before, after))) {
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
  before = trim_right(before);
  return one_of(last_word(before), {"without", "with", "from", "using", "by", "in", "under", "via", "through", "containing", "at", "on"});
}

// Whether a mention is the support under another part: "a half cell ... on a LSGM (...) electrolyte was
// prepared" makes the cell, not the electrolyte (review 14c, R12). An article may come between.
bool under_other_part(std::string_view before) {
  before = trim_right(before);
  for (std::string_view art : {" a"sv, " an"sv, " the"sv}) {
    if (before.ends_with(art)) {
      before.remove_suffix(art.size());
      break;
    }
  }
  const auto [head, prep] = cut_last_word(before);
  if (!one_of(prep, {"on", "onto", "upon"})) return false;
  // "a cathode material based on (Bi,Sr)FeO3", "Vanadia supported on zeolite catalysts were prepared":
  // a participle before "on" names a composite product with the mention in it.
  return !head.ends_with("ed");
}

// Whether a mention opens an example sentence: "For example, BaTiO3 perovskite oxide ... was directly
// synthesized from the solution" cites other work in an introduction (review 14c, R12); "For example,
// in this work LiCoO2 was ...", "For instance, our LiCoO2" stay this paper's (review 14d, F8).
bool example_opener(std::string_view before) {
  if (!before.starts_with("for example, ") && !before.starts_with("for instance, ") && !before.starts_with("e.g., ")) {
    return false;
  }
  for (std::string_view own : {"in this work"sv, "in this study"sv, "our"sv, "here"sv}) {
    if (find_words(before, own) != std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

namespace detail {

// What material_entities() carries from one mention to the next; all but the cache become its RoleNotes.
struct RoleWalk {
  RoleWalk(size_t tokens, size_t mentions)
      : cue_cache(tokens, -1),
        strong_role(mentions, false),
        bought_acid(mentions, false),
        bought_cue(mentions, false),
        input_verb(mentions, false),
        stated_as(mentions, false),
        material_raw(mentions, 0) {}
  std::vector<int8_t> cue_cache;     // per token: token_cue()'s flags, -1 until asked (mentions share words)
  std::vector<bool> strong_role;     // per mention: a cue gave the role (list sharing and keep_targets() trust it)
  std::vector<bool> bought_acid;     // per mention: a bought acid or base made a solvent (list sharing)
  std::vector<bool> bought_cue;      // per mention: a precursor by a "purchased from" cue (list sharing)
  std::vector<bool> input_verb;      // per mention: an input verb right after it (list sharing)
  std::vector<bool> stated_as;       // per mention: role_after ("as the reductant") gave its role
  std::vector<size_t> material_raw;  // per mention: index into raws of its entity (the later role steps)
  std::vector<size_t> measured_additive;  // additive-prior mentions made precursors by their amount: additive_roles()
  int8_t loads_catalyst = -1;  // whether the paragraph loads a catalyst (catalyst_support()), -1 until asked
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

}  // namespace detail

namespace {

// Per-token cue flags for the role rules: 1 = a word a target rule can start with ("synthesis",
// "obtained", "denoted", ...), 2 = "in"/"into"/"with" (solvent rule), 4 = a precursor cue word, 8 = a
// transforming step (a precursor cue after "by" or before "of"). Computed on first use.
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
    static const CueIndex kStemIndex(kStems);
    if (kStemIndex.starts(w) || w == "grow") f = 1;  // "to grow X" (not "grown", "growing": many more RE2 calls)
  }
  if (w.size() >= 3) {
    static constexpr std::string_view kPrecursorStems[] = {"amount", "proportion", "quantit", "raw", "starting",
                                                           "purity", "high-purity", "mixture", "mixing", "reaction",
                                                           "excess", "dissolving", "impregnating", "from", "oxidat",
                                                           "reduct", "hydrolys", "pyrolys", "carboni", "decompos",
                                                           "conver", "activat", "nitrid", "sulfid", "sulfuri",
                                                           "co-precipitat", "coprecipitat", "anodi",
                                                           "seleni", "thermolys", "polymeri"};
    static const CueIndex kPrecursorIndex(kPrecursorStems);
    if (kPrecursorIndex.starts(w)) f |= 4;
    // Steps that transform what follows them, a cue only as "by <step>ing X" or "<step> of X"
    // (mention_cues() checks the word around): common words ("heating", "treatment") on their own.
    static constexpr std::string_view kStepStems[] = {"oxidiz", "oxidis", "reduci", "calcin", "anneal", "heating",
                                                      "sintering", "milling", "impregnation", "treat", "processing",
                                                      "nitriding", "pyroly", "ball-mill", "melting",
                                                      "alloying"};
    static const CueIndex kStepIndex(kStepStems);
    if (kStepIndex.starts(w)) f |= 8;
  }
  cue_cache[k] = static_cast<int8_t>(f);
  return f;
}

// Whether token `k`, a transforming step (token_cue() flag 8), is a precursor cue: "by (ball) milling",
// "by calcining", or a noun before "of" ("calcination of", "thermal processing of").
// Not after a verb of testing: "The catalyst was evaluated by reducing 4-nitrophenol", "the stability of
// ZIF-8 was studied by heating ZIF-8 in air" act on a test substance (review 14c, R11).
// "(1)", "(ii)": the number of a step in a numbered procedure.
bool step_number(std::string_view w) {
  // (The tokenizer may have trimmed the brackets.)
  if (!w.empty() && w.front() == '(') w.remove_prefix(1);
  if (!w.empty() && w.back() == ')') w.remove_suffix(1);
  return !w.empty() && w.size() <= 4 && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'i' || c == 'v' || c == 'x'; });
}

bool step_cue(const TokenView& view, size_t k) {
  if (k + 1 < view.folded.size() && view.folded[k + 1] == "of") return true;
  if (k > 0 && view.folded[k - 1] == "ball") --k;
  // "prepared by: (1) heating A, B and C": a numbered step opens the list of steps after "by"
  // (review 17c, C13).
  if (k > 1 && step_number(view.folded[k - 1])) --k;
  if (k == 0 || view.folded[k - 1] != "by") return false;
  return k < 2 || !(test_verb(view.folded[k - 2]) ||
                   one_of(view.folded[k - 2], {"studied", "investigated", "characterized", "characterised", "followed", "checked"}));
}

// "Nb foils", "Te powders", "Se (shot, 99.999%)": a material in the form it is bought in is a
// starting material. Not a wafer: "Si wafer", "p-Si (100) wafers" is the substrate (MSP:
// Participant_Material; review 17a, M11).
bool stock_form(std::string_view after) {
  if (after.starts_with(" (")) after.remove_prefix(1);
  if (after.starts_with("(")) after.remove_prefix(1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  for (std::string_view f : {"foil"sv, "powder"sv, "shot"sv, "flake"sv, "granule"sv, "ingot"sv}) {
    if (after.starts_with(f)) return true;
  }
  return false;
}

// "cast onto copper foil", "electrodeposited on Ti foil", "spin-coated on Si wafers", "Indium tin
// oxide coated glass substrates": a foil, wafer, foam or substrate that something is put on, and
// the coating of a bought substrate, take no part in the reaction (MSP: Participant_Material, "grown
// on [Cu] foils"; review 17a, M4). A foil that is itself converted ("anodizing Ti foil") stays a
// starting material. `before`/`after` are the folded text around the mention.
bool substrate_surface(std::string_view before, std::string_view after) {
  // The byte after the space first (asked of every mention): "-coated", " coated", or a surface noun.
  if (after.size() < 5 || !(after[0] == '-' || (after[0] == ' ' && (after[1] == 'c' || after[1] == 'f' ||
                                                                    after[1] == 'w' || after[1] == 's' ||
                                                                    after[1] == 'p' || after[1] == 'm')))) {
    return false;
  }
  for (std::string_view coated : {" coated "sv, "-coated "sv}) {
    if (!after.starts_with(coated)) continue;
    const std::string_view rest = after.substr(coated.size());
    return rest.starts_with("glass") || rest.starts_with("substrate") || rest.starts_with("quartz") ||
           rest.starts_with("silicon") || rest.starts_with("wafer");
  }
  if (!after.starts_with(' ')) return false;
  after.remove_prefix(1);
  bool surface = false;
  for (std::string_view f : {"foil"sv, "wafer"sv, "foam"sv, "substrate"sv, "sheet"sv, "plate"sv, "mesh"sv}) {
    surface |= after.starts_with(f);
  }
  // ("TiO2 nanotubes were formed on the Ti foil by anodization": the foil is converted.)
  if (!surface || after.substr(0, std::min<size_t>(after.size(), 60)).find("anodi") != std::string_view::npos ||
      before.find("anodi") != std::string_view::npos) {
    return false;
  }
  before = trim_right(before);
  for (std::string_view det : {" the"sv, " a"sv, " an"sv, " clean"sv, " cleaned"sv, " bare"sv}) {
    if (before.ends_with(det)) before = trim_right(before.substr(0, before.size() - det.size()));
  }
  return one_of(last_word(before), {"on", "onto", "over", "upon"});
}

// "CuO was sputtered by Ar+ ions during XPS depth profiling", "sputtered with an argon ion beam": an
// ion beam etches the surface away, it deposits nothing (review 17e, R6). `rest` starts at the verb.
bool ion_etched(std::string_view rest) {
  rest = rest.substr(0, std::min<size_t>(rest.size(), 80));
  if (contains_any(rest, {"depth profil"sv, " etch"sv})) return true;
  rest.remove_prefix(std::min<size_t>(rest.size(), 10));  // " sputtered"
  if (!rest.starts_with(" by ") && !rest.starts_with(" with ")) return false;
  return rest.substr(0, std::min<size_t>(rest.size(), 24)).find(" ion") != std::string_view::npos;
}

// "Pt and Au electrodes were sputtered for conductivity measurement", "Pt was sputtered onto the
// pellet for SEM imaging": a coat sputtered for a measurement is no product of the synthesis
// (the "sputtered" of target_after; review 17a, M2); nor is a sputtered seed layer ("The ZnO seed
// layer was sputtered": golden s15 regt R10; a seed layer "deposited by spin-coating" stays the
// target it was, rt-37 of review 17a). `after` is the folded text after the mention.
bool coat_not_product(std::string_view after) {
  after = after.substr(0, std::min(after.size(), after.find(". ")));
  const size_t verb = after.find(" sputtered");
  if (verb == std::string_view::npos) return false;
  if (after.starts_with(" seed layer")) return true;
  if (ion_etched(after.substr(verb))) return true;
  const size_t for_at = after.find(" for ", verb);
  return for_at != std::string_view::npos &&
         contains_any(after.substr(for_at), {"measure"sv, "imaging"sv, "sem"sv, "tem "sv, "xps"sv, "conductivity"sv,
                                             "analys"sv, "characteri"sv, "observation"sv});
}

// "sputtering from a LiCoO2 target", "The ZnO target (99.99%) was pre-sputtered": a sputtering
// target is the source of the film's elements (MSP: Recipe_Precursor, "equimolar [TiVCrZrHf]
// targets"; review 17a, M9). `before`/`after` are the folded text around the mention.
bool sputtering_target(std::string_view before, std::string_view after) {
  // The byte after the space first (asked of every mention): " (", " target" or "-target".
  if (after.size() < 2 || !(after[0] == '-' || (after[0] == ' ' && (after[1] == '(' || after[1] == 't')))) {
    return false;
  }
  if (after.starts_with(" (")) {  // "ZnO (99.99%) target": the ')' within 40 bytes of the space
    const std::optional<std::string_view> inside = bracket_inside(after.substr(1), 39);
    if (!inside) return false;
    after.remove_prefix(inside->size() + 3);
  }
  return (after.starts_with(" target") || after.starts_with("-target")) && !after.starts_with(" targeted") &&
         (before.find("sputter") != std::string_view::npos || after.find("sputter") != std::string_view::npos);
}

// "HCl (1 M, 0.5 mL) was added to adjust the pH", "H2SO4 (0.5 M) was used as electrolyte for the CV
// tests": an acid or base that sets a pH or carries a current is a reagent or a cell part, not the
// medium of the recipe (review 17e, R7). `rest` is the folded text after the bracket.
bool ph_or_electrolyte_use(std::string_view rest) {
  rest = rest.substr(0, std::min(rest.size(), rest.find(". ")));
  rest = rest.substr(0, std::min<size_t>(rest.size(), 80));
  return contains_any(rest, {" ph "sv, " ph."sv, " ph,"sv, "electrolyte"sv, "voltammetr"sv, " cv "sv, "measurement"sv});
}

// "NaOH (1 M, 20 mL)", "HCl (2 M, 5 mL)": a molar concentration and a volume inside an acid's or
// base's own bracket make it a measured solution, as "20 mL of 1 M NaOH" does (MSP: Solvent_Material;
// review 17a, M8); a bare molarity ("a mixed base of NaOH (2 M) and Na2CO3 (0.5 M)", "KOH (6 M)
// electrolyte") names a reagent's strength, and a pH or electrolyte use keeps it a reagent (review
// 17e, R7; a volume measured out before, "30 ml of sodium hydroxide (4.0 mol L-1) aqueous
// solution", stays additive as in rules-18: MSP dev role rose with it). `after` is the folded text after
// the mention.
bool molar_bracket_after(std::string_view after) {
  if (after.starts_with(' ')) after.remove_prefix(1);
  const std::optional<std::string_view> bracket = bracket_inside(after, 40);
  if (!bracket) return false;
  if (ph_or_electrolyte_use(after.substr(bracket->size() + 2))) return false;
  std::string_view inside = *bracket;
  bool molar = false, volume = false;
  while (!inside.empty()) {
    size_t comma = inside.find(',');
    std::string_view item = trim_right(inside.substr(0, comma));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t k = 0;
    while (k < item.size() && (is_digit(item[k]) || item[k] == '.')) ++k;
    if (k > 0) {
      std::string_view unit = item.substr(k);
      if (unit.starts_with(' ')) unit.remove_prefix(1);
      molar |= one_of(unit, {"m", "mm", "n", "mol/l", "mol l-1", "mol l−1", "mol dm-3"});
      volume |= one_of(unit, {"ml", "l", "μl", "µl", "ul"});
    }
    if (comma == std::string_view::npos) break;
    inside.remove_prefix(comma + 1);
  }
  return molar && volume;
}

// "Graphite powder (2 g) was added to concentrated H2SO4 (46 mL)": the measured acid something is
// added to is the medium (MSP: Solvent_Material in Hummers recipes; review 17a, M8). `before` is
// the folded text before the mention.
bool added_to_before(std::string_view before) {
  before = trim_right(before);
  for (std::string_view w : {" concentrated"sv, " the"sv}) {
    if (before.ends_with(w)) before = trim_right(before.substr(0, before.size() - w.size()));
  }
  return before.ends_with("added to") || before.ends_with("added into") || before.ends_with("poured into");
}

// "The CeO2 support was pre-treated", "the CB supports": a catalyst support that is impregnated or
// loaded ends up in the product, a precursor (role gold policy 9). Not "supported" ("SnO2 supported
// Pd" names the product), and only in a paragraph that loads a catalyst: a fuel cell's "anode
// support" or "STS support" is a cell part. `after` is the folded text after the mention;
// `loads_catalyst` caches the paragraph test (-1 until asked: once per paragraph, not per mention).
bool catalyst_support(const Paragraph& para, size_t mi, std::string_view after, int8_t& loads_catalyst) {
  if (!after.starts_with(" support")) return false;
  after.remove_prefix(8);
  if (after.starts_with('s')) after.remove_prefix(1);
  if (!after.empty() && is_lower(after.front())) return false;
  // "The Al2O3 support of the reactor tube": a part of the equipment (review 15c, R20).
  if (after.starts_with(" of ") && contains_any(after.substr(0, 32), {"reactor"sv, "tube"sv, "furnace"sv, "cell"sv,
                                                                     "crucible"sv, "boat"sv, "holder"sv, "setup"sv})) {
    return false;
  }
  const std::string_view name = std::string_view(para.folded).substr(para.mats[mi].begin, para.mats[mi].end - para.mats[mi].begin);
  for (std::string_view part : {"anode"sv, "cathode"sv, "electrolyte"sv, "metal"sv}) {
    if (name.ends_with(part)) return false;
  }
  if (loads_catalyst < 0) loads_catalyst = contains_any(para.folded, {"impregnat"sv, "catalyst"sv, "loading"sv}) ? 1 : 0;
  return loads_catalyst == 1;
}

// "Nitrates of lithium, cobalt and nickel are utilized to synthesize LiNi0.8Co0.2O2", "TTIP was used
// to prepare the sol": the subject of "used to <make>" is a starting material (a list shares it).
// `after` is the folded text after the mention.
bool used_to_make(std::string_view after) {
  if (after.starts_with(" (")) {
    const size_t close = after.find(')');
    if (close == std::string_view::npos || close > 60) return false;
    after.remove_prefix(close + 1);
  }
  for (std::string_view be : {" are "sv, " were "sv, " was "sv, " is "sv}) {
    if (!after.starts_with(be)) continue;
    after.remove_prefix(be.size());
    for (std::string_view used : {"used to "sv, "utilized to "sv, "utilised to "sv, "employed to "sv}) {
      if (!after.starts_with(used)) continue;
      after.remove_prefix(used.size());
      return contains_any(after.substr(0, 12), {"synthesi"sv, "prepare"sv, "fabricate"sv, "produce"sv, "make "sv});
    }
    return false;
  }
  return false;
}

// "Hydroxyapatite was precipitated at pH 10": a precipitation at a set pH makes its subject (review
// 14b, B39; precipitation_forms_product() in words.cc reads it as the reaction). `seg` is the folded
// text from "was"/"were" on.
bool precipitated_at_ph(std::string_view seg) {
  seg.remove_prefix(std::min(seg.size(), seg.starts_with("was ") ? size_t{4} : size_t{5}));
  if (!seg.starts_with("precipitated ")) return false;
  seg = seg.substr(13);
  const size_t ph = seg.starts_with("at ph") ? 5 : seg.starts_with("at a ph") ? 7 : 0;
  return ph > 0 && !precipitate_removed(seg.substr(ph));
}

// Cheap substring checks first: most mentions have none of the cue words nearby, and a
// failed find() is much cheaper than an RE2 call. Rules with submatches are first run without
// them: RE2 then answers with its DFA, while with submatches it may run BitState over the
// whole window even when nothing matches.
// "Li2CO3, NiO and MnO2 in a 1.05:0.5:1.5 molar ratio were mixed", "La2O3, SrCO3 and MnO2 with a
// La:Sr:Mn ratio of 0.8:0.2:1 were": a proportion phrase between a list and its verb states how much
// of each member went in, so the verb after it still puts the members in (review 17c, C9).
// `lead` is the folded text from the mention's end to "was"/"were".
bool ratio_phrase(std::string_view lead) {
  if (lead.size() > 48 || !(lead.starts_with(" in ") || lead.starts_with(" with ") || lead.starts_with(" at "))) {
    return false;
  }
  return lead.find_first_of(",;()") == std::string_view::npos &&
         (lead.find("ratio") != std::string_view::npos || lead.find("proportion") != std::string_view::npos);
}

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
  // (find_bytes(): a memchr() for the rare 'w'; find() stops at every space of the window.)
  if (was_at == std::string_view::npos && after.size() > near_after.size() &&
      find_bytes(near_after, " with ") != std::string_view::npos) {
    const size_t at = after_cues(after.substr(0, std::min<size_t>(after.size(), 100))).was;
    // (A comma inside a bracket ends no clause: "samples with different Na contents (x = 0, 1, 2, 3 and 4)
    // were synthesized", s20-matrole.)
    far_was = at != std::string_view::npos;
    int depth = 0;
    for (size_t k = 0; far_was && k < at; ++k) {
      const char c = after[k];
      depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
      far_was = depth > 0 || (c != ',' && c != ';');
    }
  }
  bool was_cue = was_at != std::string_view::npos;
  // input_after needs "was"/"were" right after the mention (or its bracket) and one of its verbs.
  bool input_after = false;
  // " solution was added": the solution of the mention is what is put in.
  const size_t form = liquid_form_prefix(near_after);
  std::string_view past_form = near_after.substr(form);
  const size_t solid = form == 0 ? solid_form_prefix(near_after) : 0;
  if (was_cue && (was_at <= form + solid + 2 || has_prefix(past_form, " (") || has_prefix(past_form, "(") ||
                  ratio_phrase(near_after.substr(0, was_at)))) {
    std::string_view seg = near_after.substr(was_at, 40);
    static const WordSet kInputVerbs{"weighed"sv,  "mixed"sv,    "dissolved"sv,  "added"sv,     "combined"sv,
                                     "ground"sv,   "milled"sv,   "dispersed"sv,  "loaded"sv,    "introduced"sv,
                                     "injected"sv, "suspended"sv, "poured"sv,    "dropped"sv,   "melted"sv};
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
        if (rest.starts_with("commercially ")) rest.remove_prefix(13);  // "obtained commercially from"
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
                                      "produced"sv, "grown"sv,    "made"sv,       "deposited"sv, "polymeri"sv,
                                      "sputtered"sv, "derived"sv, "electrospun"sv};
    bool verb = kTargetVerbs.contains(after) || (was_at != std::string_view::npos && precipitated_at_ph(after.substr(was_at)));
    was_cue = verb;
  }
  // target_noun needs a nanostructure noun as the first or second word after the mention.
  bool noun_cue = false;
  if (near_after.size() > 1 && (near_after[0] == ' ' || near_after[0] == '-')) {
    size_t p = 1;
    for (int word = 0; word < 2 && p < near_after.size() && !noun_cue; ++word) {
      std::string_view w = near_after.substr(p, std::min<size_t>(near_after.size() - p, 9));
      static constexpr std::string_view kNounStarts[] = {"nano", "dots", "qds", "ncs", "nps", "ucnp", "tetrapod",
                                                         "npls", "nws", "nrs", "quantum", "mxene", "cube", "giant-she"};
      // (Only the nouns with the word's first byte are compared: after a first-byte test, a compare
      // with each of the nouns mispredicted its branches; with has_prefix() elsewhere, a fifth of
      // mention_cues()'s cycles.)
      static const CueIndex kNouns(kNounStarts);
      noun_cue = kNouns.starts(w);
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
    before_precursor_cue |= words < 4 && ((f & 4) != 0 || ((f & 8) != 0 && step_cue(view, k)));
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
  before = trim_right(before);
  if (!before.ends_with("instead of") && !before.ends_with("in place of")) return false;
  const size_t brk = before.find_last_of(",;.(");
  std::string_view clause = brk == std::string_view::npos ? before : before.substr(brk + 1);
  return contains_any(clause, {"using "sv, "use "sv, "used "sv, "replac"sv, "substitut"sv});
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
  before = trim_right(before);
  // (The last byte first: this runs for most mentions.)
  if (before.size() < 10 || (before.back() != 'h' && before.back() != 'y')) return false;
  if (!before.ends_with(" with") && !before.ends_with(" by")) return false;
  if (after.starts_with(" shell") || after.starts_with(" layer")) return false;
  for (std::string_view cue : {"capped with"sv, "capped by"sv, "stabilized with"sv, "stabilized by"sv,
                               "stabilised with"sv, "stabilised by"sv, "passivated with"sv, "passivated by"sv,
                               "functionalized with"sv, "functionalised with"sv}) {
    if (before.ends_with(cue)) return true;
  }
  return false;
}

// "N-acetyl-L-cysteine (NAC)-capped CdTe QDs", "MPA-functionalized CdTe": a name (with or without
// its bracketed abbreviation) joined to "-capped" names the ligand the product carries (review 14a,
// A16). Not "-stabilized": "scandium-stabilized zirconia" names a dopant. `after` is the folded text
// after the mention.
bool capped_after(std::string_view after) {
  if (after.size() < 7 || (after[0] != '-' && (after[0] != ' ' || after[1] != '('))) return false;
  if (after[0] == ' ') {
    const size_t close = after.find(')');
    if (close == std::string_view::npos || close > 24) return false;
    after.remove_prefix(close + 1);
  }
  for (std::string_view cue : {"-capped"sv, "-functionalized"sv, "-functionalised"sv}) {
    if (after.starts_with(cue)) return true;
  }
  return false;
}

// "The conversion yield of P(SiMe3)3 to InP": what a conversion starts from is its reagent, however
// "yield of" reads (review 14a, A18). `before`/`after` are the folded sentence around the mention.
bool converted_from(std::string_view before, std::string_view after) {
  if (!after.starts_with(" to ") && !after.starts_with(" into ")) return false;
  before = trim_right(before);
  return before.ends_with("conversion of") || before.ends_with("conversion yield of") ||
         before.ends_with("conversion efficiency of");
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
// Whether a nanostructure named after `before` is the support a metal is loaded onto: "depositing HAuCl4
// on the CeO2 nanorods", "impregnating the CeO2 nanorods with H2PtCl6", "added to a suspension of the
// CeO2 nanocubes" (MSP: the support is never the Recipe_Target of a loading step; review 18c, R10).
// `before` is the folded sentence up to the mention, trimmed.
bool loaded_support(std::string_view before) {
  if (!before.ends_with(" the")) return false;
  std::string_view b = trim_right(before.substr(0, before.size() - 4));
  if (b.ends_with("impregnating") || b.ends_with("suspension of") || b.ends_with("dispersion of")) return true;
  if (!b.ends_with(" on") && !b.ends_with(" onto")) return false;
  b = b.substr(b.size() - std::min<size_t>(b.size(), 45));
  return contains_any(b, {"deposit"sv, "loaded"sv, "loading"sv, "decorat"sv, "anchor"sv, "immobili"sv});
}

std::string_view used_product(std::string_view before, std::string_view after) {
  before = trim_right(before);
  if (before.ends_with("commercial") || before.ends_with("commercially available")) return "precursor";
  if (loaded_support(before)) return "precursor";
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

// The last word of `t` (after its last space) and `t` without it; trailing spaces are dropped first.
std::pair<std::string_view, std::string_view> split_last_word(std::string_view t) {
  return cut_last_word(trim_right(t));
}

// Whether the words after a product-like mention call it an impurity: "Cs4PbBr6 as a secondary phase
// beside CsPbBr3", "a mixture of MoS2 and MoO3 phases, the latter being an impurity" (the last item
// of a list only) (review 15c, R16/R17). `after` is the folded text after the mention.
bool named_impurity(std::string_view after) {
  after = after.substr(0, std::min({after.size(), after.find(". "), after.find(';')}));
  auto impurity = [](std::string_view w) {
    return contains_any(w.substr(0, 32), {"impurit"sv, "secondary"sv, "by-product"sv, "byproduct"sv, "side product"sv,
                                          "minor phase"sv});
  };
  if (after.starts_with(" as ")) return impurity(after.substr(4));
  const size_t latter = after.find("the latter");
  return latter != std::string_view::npos && after.substr(0, latter).find(" and ") == std::string_view::npos &&
         impurity(after.substr(latter + 10));
}

// "The product was pure orthorhombic CsPb2Br5", "The obtained powder was identified as wurtzite ZnO",
// "the product consisted of cubic CsPbBr3", "XRD confirmed the formation of the tetragonal CuInSe2
// phase": a results sentence names what the recipe gave, its target (review 15a, A3). Up to three
// modifiers (an article, purity, crystal system) may stand between; a verb ("was washed with") or a
// preposition ends the phrase. "identified as" / "consisted of" count only with the product as
// subject ("Impurities ... are identified as LaCoO3" name no product). `before` is the folded
// sentence before the mention, `near` the folded text of up to 100 bytes before it, across sentences.
bool product_stated(std::string_view before, std::string_view near) {
  const std::string_view sentence = before;
  // The cue first (a few compares of the last bytes), the rarer checks of the sentence only after one.
  bool subject_cue = false;  // "identified as" / "consisted of": needs the product as subject
  bool cue = false;
  bool pure = false;  // a purity word stood between the cue and the mention
  for (int words = 0; words <= 3 && !cue; ++words) {
    before = trim_right(before);
    if (before.size() < 8) return false;
    const char last = before.back();
    if (last == 's' || last == 'f') {  // (the last byte first: this runs for most mentions)
      for (std::string_view c : {" product was"sv, " products were"sv, " powder was"sv, " precipitate was"sv,
                                 "formation of"sv, " identified as"sv, " consisted of"sv, " consists of"sv,
                                 " composed of"sv}) {
        if (!before.ends_with(c)) continue;
        cue = true;
        subject_cue = c[1] == 'i' || c[1] == 'c';
        // "confirmed the formation of" only: "the formation of X" alone may be a plan or a mechanism.
        if (c == "formation of"sv) {
          const std::string_view head = before.substr(0, before.size() - c.size());
          cue = contains_any(head.substr(head.size() - std::min<size_t>(head.size(), 16)), {"confirm"sv});
        }
      }
      if (cue) break;
    }
    // "gave phase-pure BiVO4", "XRD confirmed impurity-free wurtzite ZnO": a verb of making or
    // confirming names the product when a purity word stands between (review 16b, B25).
    if (pure && (before.ends_with(" gave") || before.ends_with(" yielded") || before.ends_with(" confirmed") ||
                 before.ends_with(" afforded"))) {
      cue = true;
      break;
    }
    const auto [head, w] = split_last_word(before);
    if (w.empty() || w.find_first_of(",;:()") != std::string_view::npos) return false;
    if (one_of(w, {"not", "no", "then", "and", "or", "of", "with", "in", "into", "by", "from", "to", "at", "on",
                   "for", "under", "as", "was", "were", "is", "are"})) {
      return false;
    }
    // A participle is the verb of a step ("was washed", "was dispersed"), unless compound ("phase-pure").
    if ((w.ends_with("ed") || w.ends_with("ing")) && w.find('-') == std::string_view::npos) return false;
    pure |= one_of(w, {"pure", "phase-pure", "single-phase", "impurity-free", "phase pure"});
    before = head;
  }
  if (!cue) return false;
  // "No Bi2Te3 formed at 150 °C; the product was elemental Te": after a failure the product named is
  // the wrong one, no target.
  if (find_words(near, "no") != std::string_view::npos || contains_any(near, {"not "sv, "fail"sv, "instead"sv})) {
    return false;
  }
  return !subject_cue || (contains_any(sentence, {"product"sv, "powder"sv, "precipitate"sv}) &&
                          sentence.find("impurit") == std::string_view::npos);
}

// "reduction of AgNO3 with ethylene glycol", "by reducing CuCl2 with glucose": the noun or gerund of the step names the reducer after "with" as the verb
// does (review 15a, A13). Only one short reactant between ("reduction of X with", no clause or list).
// Not for a mention whose role is "other" (the caller's `with_only`): "the reduction of NO with
// propene" names a pollutant's reaction partner in catalysis, no synthesis reagent.
bool reduction_with_before(std::string_view before) {
  if (!before.ends_with(" with")) return false;
  before.remove_suffix(5);
  const std::string_view tail = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  // The gerund as a verb only ("by reducing CuCl2 with", not "under reducing atmosphere with").
  size_t at = tail.rfind("reduction of ");
  size_t len = 13;
  if (at == std::string_view::npos) {
    at = tail.rfind("by reducing ");
    len = 12;
  }
  if (at == std::string_view::npos || (at > 0 && is_alpha(tail[at - 1]))) return false;
  const std::string_view reactant = tail.substr(at + len);
  // "Reduction of the Pb content with SnCl2 substitution": a quantity is lowered, no salt reduced (review 16c, R20).
  return !reactant.empty() && reactant.find_first_of(",;()") == std::string_view::npos &&
         std::count(reactant.begin(), reactant.end(), ' ') <= 2 && !changing_quantity(last_word(reactant));
}

// "reduced with formaldehyde", "was reduced by benzyl alcohol": what a salt is reduced with is the
// reductant, whatever its usual role (review 15a, A6/A13). `before` is the folded sentence before it;
// `with_only`: only "reduced with" counts ("NOx can be reduced by propylene" names a pollutant's
// reaction partner).
bool reducer_before(std::string_view before, bool with_only) {
  before = trim_right(before);
  if (before.ends_with(" the") || before.ends_with(" a")) before = split_last_word(before).first;
  return before.ends_with("reduced with") ||
         (!with_only && (before.ends_with("reduced by") || reduction_with_before(before)));
}

// "CO2 was reduced with Cu electrodes": a device part the mention names is no reductant (review 15c,
// R19). `after` is the folded text after the mention.
bool device_part_after(std::string_view after) {
  for (std::string_view part : {" electrode"sv, " cathode"sv, " anode"sv, " working electrode"sv, " counter electrode"sv,
                                " plate"sv, " wire"sv, " mesh"sv, " catalyst"sv}) {
    if (after.starts_with(part)) return true;
  }
  return false;
}

// "The Au seeds were added to the growth solution", "The CdSe cores in hexane were added", "NaYF4 seeds
// were mixed in OA": seeds or cores put in are the step's starting crystals, a precursor (review 15a,
// A2). `after` is the folded text after the mention.
bool seeds_put_in(std::string_view after) {
  if (after.size() < 6 || after[0] != ' ' || (after[1] != 's' && after[1] != 'c')) return false;
  if (!after.starts_with(" seed") && !after.starts_with(" core")) return false;
  const PassiveVerb pv = passive_verb_after(after, 60, 45, ",;.");
  if (!pv.found) return false;
  for (std::string_view v : {"added"sv, "mixed"sv, "injected"sv, "introduced"sv, "loaded"sv, "transferred"sv,
                             "dispersed"sv, "redispersed"sv}) {
    if (pv.verb.starts_with(v)) return true;
  }
  return false;
}

// "In the seedless method, no Au seeds were added": a negated mention is not put in (review 15c, R23).
// `before` is the folded sentence before the mention.
bool negated_before(std::string_view before) {
  before = trim_right(before);
  if (before.ends_with(" the")) before.remove_suffix(4);
  return before == "no" || before.ends_with(" no") || before.ends_with(" without") || before.ends_with(" neither") ||
         before.ends_with(" nor");
}

// Whether `t` holds a ',' or ';' outside brackets ("adding MPTMS (1 mM in ethanol, 100 μL) to" holds none).
bool clause_break_outside_brackets(std::string_view t) {
  int depth = 0;
  for (char c : t) {
    if (c == '(') ++depth;
    else if (c == ')') depth = std::max(0, depth - 1);
    else if (depth == 0 && (c == ',' || c == ';')) return true;
  }
  return false;
}

// The crystals a coating, overgrowth or exchange step starts from, a precursor (review 15a, A1): the
// object of an adding verb ("by adding PbI2 in ODE to the CsPbBr3 NCs", "AgNO3 was added to the CdSe
// NCs"), the subject of a shell or exchange step ("The Fe3O4 NPs were coated with a SiO2 shell", "The
// Au nanorods were overgrown with Pd", "The CdSe NCs in toluene were subjected to cation exchange",
// "were dispersed in water and coated with silica"), or measured out and dispersed ("50 mg of Fe3O4
// nanoparticles were dispersed", `measured`). `before` is the folded sentence before the mention,
// `after` the folded text after it.
StartCue starting_crystals(std::string_view before, std::string_view after, bool measured) {
  auto [head, last] = split_last_word(before);
  // One modifier may stand between: "to the citrate-stabilized Au nanoparticles", "to the purified".
  if ((last.find('-') != std::string_view::npos || last.ends_with("ed")) && head.ends_with(" the")) {
    std::tie(head, last) = split_last_word(head);
  }
  if (last == "the") std::tie(head, last) = split_last_word(head);
  if (last == "to" || last == "into") {
    head = before.substr(0, head.size() + 1 + last.size());  // up to "to": "was added to"
    const std::string_view window = head.substr(head.size() - std::min<size_t>(head.size(), 100));
    const size_t at = last_cue(window, {"adding ", "added ", "add ", "injecting ", "injected ", "introducing ",
                                        "introduced "});
    // The verb's own clause only: "..., which transformed them into CsPb2Br5" names a product.
    if (at != std::string_view::npos && !clause_break_outside_brackets(window.substr(at))) {
      return {'a', head.size() - window.size() + at};
    }
  }
  const PassiveVerb pv = passive_verb_after(after, 80, 50, ",;.");
  if (!pv.found) return {};
  const std::string_view verb = pv.verb.substr(0, pv.verb.find_first_of(",;."));
  // "Fe3O4 nanocrystals were synthesized and then coated with silica": made in the step, its product.
  for (std::string_view made : {"synthes"sv, "prepared"sv, "obtained"sv, "made"sv, "grown"sv, "formed"sv}) {
    if (verb.starts_with(made)) return {};
  }
  if (verb.find("overgrown") != std::string_view::npos) return {'x', 0};
  if (const size_t at = verb.find("subjected to "); at != std::string_view::npos) {
    const std::string_view what = verb.substr(at, 45);
    if (what.find("exchange") != std::string_view::npos && what.find("ligand") == std::string_view::npos) {
      return {'x', 0};
    }
  }
  for (std::string_view cue : {"coated with "sv, "coated by "sv}) {
    const size_t at = verb.find(cue);
    if (at == std::string_view::npos) continue;
    // An inorganic shell, not a ligand coat ("coated with PVP" keeps the product).
    const std::string_view shell = verb.substr(at + cue.size(), 40);
    if (contains_any(shell, {"shell"sv, "layer"sv, "silica"sv, "sio2"sv, "tio2"sv})) {
      return {'c', static_cast<size_t>(verb.data() - after.data()) + at + cue.size()};
    }
  }
  if (measured) {
    for (std::string_view v : {"dispersed"sv, "suspended"sv, "redispersed"sv}) {
      if (verb.starts_with(v)) return {'x', 0};
    }
  }
  return {};
}

// "washing with 2-pentanol", "washed twice with methyl acetate", "rinsed with": a wash liquid is a
// solvent, as those of the solvent lexicon are (review 15a, A9). `before` is the folded sentence.
bool wash_liquid_before(std::string_view before) {
  before = trim_right(before);
  if (before.ends_with(" the")) before.remove_suffix(4);
  if (!before.ends_with(" with") && !before.ends_with(" using")) return false;
  const std::string_view window = before.substr(before.size() - std::min<size_t>(before.size(), 32));
  const size_t at = last_cue(window, {"wash", "rins"});
  return at != std::string_view::npos && window.substr(at).find_first_of(",;") == std::string_view::npos;
}

// "dispersed in water and coated with silica": what a crystal is coated with is its shell, no liquid
// ("dispersed ... with" reads as one, review 15a, A12). `before` is the folded sentence.
bool coating_before(std::string_view before) {
  before = trim_right(before);
  if (before.ends_with(" a")) before.remove_suffix(2);
  return before.ends_with("coated with") || before.ends_with("coated by");
}

// "β-NaYF4 could not be obtained below 280 °C", "ZIF-8 did not form when ...", "yielded an amorphous
// gel and no crystalline ZSM-5": the product a failed attempt did not make is its target (review 16b,
// B23, B15). An undesired or side phase that did not form ("The undesired Cs4PbBr6 phase was not
// formed") is a success and no target. `before`/`after` are the folded sentence around the mention.
bool failed_product(std::string_view before, std::string_view after) {
  if (trim_right(before).ends_with("no crystalline")) return true;
  if (contains_any(before, {"undesired"sv, "unwanted"sv, "side "sv, "impurit"sv, "secondary"sv, "by-product"sv})) {
    return false;
  }
  std::string_view a = after;
  for (std::string_view noun : {" single crystals"sv, " nanocrystals"sv, " nanoparticles"sv, " nanorods"sv, " ncs"sv,
                                " crystals"sv, " particles"sv, " phase"sv, " powder"sv, " films"sv, " film"sv}) {
    if (a.starts_with(noun)) {
      a.remove_prefix(noun.size());
      break;
    }
  }
  for (std::string_view f : {" could not be obtained"sv, " could not be synthesized"sv, " could not be synthesised"sv,
                             " could not be formed"sv, " could not be prepared"sv, " could not be isolated"sv,
                             " was not formed"sv, " were not formed"sv, " was not obtained"sv, " were not obtained"sv,
                             " did not form"sv}) {
    if (a.starts_with(f)) return true;
  }
  return false;
}

// "The formation of Cs4PbBr6 was successfully suppressed", "suppressed the formation of Cs4PbBr6": a
// side phase kept from forming is no product (review 16b, B26). `before`/`after` as above.
bool suppressed_product(std::string_view before, std::string_view after) {
  before = trim_right(before);
  if (before.ends_with("suppressed the formation of") || before.ends_with("suppress the formation of") ||
      before.ends_with("suppresses the formation of") || before.ends_with("suppressing the formation of")) {
    return true;
  }
  if (!before.ends_with("formation of")) return false;
  const size_t at = after.find(" suppressed");
  return at != std::string_view::npos && at < 40 && after.substr(0, at).find_first_of(",;") == std::string_view::npos;
}

// Words that say a step made what follows them: the clause before a wrong product's "instead of".
constexpr std::string_view kMadeCues[] = {"formed"sv,    "formation of"sv, "obtained"sv, "precipitated"sv,
                                          "product was"sv, "gave"sv,        "yielded"sv,  "produced"sv,
                                          "crystallized"sv, "crystallised"sv};

// "Excess OAm led to the formation of Cs4PbBr6 instead of CsPbBr3", "Zn(OH)2 precipitated instead of
// ZnO", "the product was PbI2 rather than MAPbI3": the product named after "instead of" / "rather
// than" is the intended one, the target of the failed attempt (failures.tsv wrong_product), and the
// one named first the wrong outcome (other) (review 16b, B5, the lead's decision in s17-fixf2). "using
// OAm instead of OA" names reagents and is left to replaced_reagent(); "Cu particles formed instead of
// wires" makes Cu other too (the wrong outcome; the paragraph's Cu nanowires keep their target).
// `before`/`after` are the folded sentence around the mention; returns "target", "other" or "".
std::string_view wrong_product_role(std::string_view before, std::string_view after, std::string_view normalized) {
  // A made cue ends `text`, with up to `words` words (the product's name) after it.
  auto made_just_before = [](std::string_view text, int words) {
    for (int k = 0;; ++k) {
      text = trim_right(text);
      for (std::string_view c : kMadeCues) {
        if (text.ends_with(c) && (text.size() == c.size() || text[text.size() - c.size() - 1] == ' ')) return true;
      }
      if (k == words) return false;
      const auto [head, w] = split_last_word(text);
      // Only a name's words: "obtained with Zn(OAc)2 instead of" names a reagent.
      if (w.empty() || w.find_first_of(",;:") != std::string_view::npos ||
          one_of(w, {"with", "using", "in", "of", "by", "from", "at", "on", "for", "and", "or", "to", "under", "via"})) {
        return false;
      }
      text = head;
    }
  };
  std::string_view b = trim_right(before);
  for (std::string_view w : {" expected"sv, " desired"sv, " intended"sv, " the"sv}) {
    if (b.ends_with(w)) b.remove_suffix(w.size());
  }
  for (std::string_view c : {" instead of"sv, " rather than"sv}) {
    if (!b.ends_with(c)) continue;
    // "gave bulk PbSe instead of PbSe nanocrystals": the same compound in another form is a shape or
    // size failure, and the intended product keeps its role (records review R12).
    const std::string name = ascii_lower(normalized);
    if (!name.empty() && b.find(name) != std::string_view::npos) return {};
    return made_just_before(b.substr(0, b.size() - c.size()), 2) ? "target" : "";
  }
  // The made product: a particle noun may follow it ("Cu particles formed instead of wires").
  std::string_view a = after;
  for (std::string_view noun : {" particles"sv, " nanoparticles"sv, " ncs"sv, " nanocrystals"sv, " crystals"sv}) {
    if (a.starts_with(noun)) {
      a.remove_prefix(noun.size());
      break;
    }
  }
  for (std::string_view be : {" was"sv, " were"sv}) {
    if (a.starts_with(be)) a.remove_prefix(be.size());
  }
  bool verb = false;
  for (std::string_view v : {" formed"sv, " precipitated"sv, " obtained"sv, " crystallized"sv, " crystallised"sv}) {
    if (a.starts_with(v)) {
      a.remove_prefix(v.size());
      verb = true;
      break;
    }
  }
  if (!a.starts_with(" instead of ") && !a.starts_with(" rather than ")) return {};
  // Without a verb after the mention, a made cue right before it ("led to the formation of").
  return verb || made_just_before(before, 1) ? "other" : "";
}

// "The BaTiO3 powder calcined at 800 °C contained BaCO3 as a secondary phase", "XRD showed no secondary
// phase in the LSCF powder calcined at 1000 °C": the powder whose impurities a results sentence
// reports is the product (review 16b, B27). `before`/`after` are the folded sentence around the mention.
bool impure_product(std::string_view before, std::string_view after) {
  before = trim_right(before);
  for (std::string_view c : {"secondary phase in the"sv, "secondary phases in the"sv, "impurities in the"sv,
                             "impurity in the"sv, "impurity phase in the"sv, "impurity phases in the"sv}) {
    if (before.ends_with(c)) return true;
  }
  bool noun = false;
  for (std::string_view w : {" powders "sv, " powder "sv, " samples "sv, " sample "sv, " product "sv}) {
    if (after.starts_with(w)) {
      noun = true;
      break;
    }
  }
  if (!noun) return false;
  const size_t at = after.find(" contained ");
  return at != std::string_view::npos && after.find_first_of(";") > at &&
         contains_any(after.substr(at), {"impurit"sv, "secondary phase"sv});
}

// "ZSM-5 crystallized at 170 °C after 48 h", "silicalite-1 crystallised within 3 days": the subject
// of an intransitive "crystallized" is what the synthesis made (review 16b, B25). `after` is the
// folded sentence after the mention.
bool crystallized_product(std::string_view after) {
  for (std::string_view v : {" crystallized"sv, " crystallised"sv}) {
    if (!after.starts_with(v)) continue;
    const std::string_view rest = after.substr(v.size());
    if (rest.empty() || rest[0] == '.' || rest[0] == ',' || rest[0] == ';') return true;
    for (std::string_view p : {" at "sv, " after "sv, " within "sv, " in "sv, " into "sv, " from "sv, " upon "sv,
                               " during "sv}) {
      if (rest.starts_with(p)) return true;
    }
  }
  return false;
}

// Cues of colloidal recipes that set the role of a mention no strong cue decided (review 15a): a
// results sentence naming the product (product_stated), the reducer of a "reduced with" step
// (reducer_before; a reagent, a liquid or an unknown compound, not a gas: "reduced with H2"), seeds or cores put in (seeds_put_in), a wash
// liquid outside the lexicon (wash_liquid_before), a shell read as a liquid (coating_before).
void weak_colloid_cues(const Paragraph& para, size_t mi, const MentionCues& mc, std::string& role) {
  const MaterialMention& m = para.mats[mi];
  if (role == "solvent" && coating_before(mc.before)) {
    role = "other";
    return;
  }
  const size_t near = m.begin - std::min<size_t>(m.begin, 100);
  if ((role == "other" || role == "precursor") && para.material_amounts[mi] == 0 &&
      product_stated(mc.before, std::string_view(para.folded).substr(near, m.begin - near)) &&
      !named_impurity(mc.after)) {
    role = "target";
  } else if ((role == "precursor" || role == "solvent" || (role == "other" && m.role_prior.empty())) &&
             reducer_before(mc.before, role == "other") && !device_part_after(mc.after)) {
    role = "reductant";
  } else if (role == "other" && seeds_put_in(mc.after) && !negated_before(mc.before)) {
    role = "precursor";
  } else if (role == "other" && m.role_prior.empty() && wash_liquid_before(mc.before)) {
    role = "solvent";
  }
}

// "Co-precipitation produced a mixture of magnetite and maghemite", "the reaction gave a mixture of
// CdSe and CdS": a mixture a step yields holds its products; precursor_before's "mixture of" is the
// reagent mixture ("a mixture of LiF and HCl") (review 13, D31). `before` is the folded sentence.
bool product_mixture(std::string_view before) {
  before = trim_right(before);
  // A later item of the list shares it: "produced a mixture of Cs4PbBr6 and CsPbBr3 phases" (review
  // 15a, A10).
  if (before.ends_with(" and") || before.ends_with(",")) {
    const size_t at = before.rfind(" mixture of ");
    if (at == std::string_view::npos || before.size() - at > 60 ||
        before.substr(at).find_first_of(";:()") != std::string_view::npos) {
      return false;
    }
    before = before.substr(0, at + 11);
  }
  if (!before.ends_with(" mixture of")) return false;
  before.remove_suffix(11);
  for (std::string_view article : {" a"sv, " the"sv}) {
    if (before.ends_with(article)) before.remove_suffix(article.size());
  }
  for (std::string_view verb : {" produced"sv, " gave"sv, " yielded"sv, " resulted in"sv, " afforded"sv, " formed"sv}) {
    if (before.ends_with(verb)) return true;
  }
  // "The product was a mixture of Cu2S and CuS": the results sentence names its products (review 16b, B24).
  for (std::string_view subject : {" product was"sv, " products were"sv, " powder was"sv, " precipitate was"sv}) {
    if (before.ends_with(subject) || before == subject.substr(1)) return true;
  }
  return false;
}

// Whether `before` (the folded sentence before a mention) ends in "doped with" and at most an amount
// ("doped with 0.25 mol", "co-doped with 2 at% "): the mention is a dopant.
bool dopant_before(std::string_view before) {
  const size_t at = before.rfind("doped with");
  if (at == std::string_view::npos || before.size() - at > 32) return false;
  const std::string_view rest = before.substr(at + 10);
  return rest.find_first_of(",;()") == std::string_view::npos && rest.find(" and ") == std::string_view::npos;
}

// "Diphenylphosphine selenide (DPP-Se) was prepared in the glovebox. Then DPP-Se (0.2 mmol) was
// injected": a compound made and later injected is the stock solution of a hot-injection step, no
// product (review 15a, A11; lexicon stocks such as TOP-Se have a precursor prior already). True when
// a later mention of the material of mention `mi`, within 600 bytes (the next sentences; a bound keeps
// a paragraph of many such targets linear), is the subject of "was (rapidly) injected".
bool injected_later(const Paragraph& para, size_t mi) {
  const std::vector<MaterialMention>& mats = para.mats;
  if (mats[mi].normalized.empty()) return false;
  for (size_t j = mi + 1; j < mats.size() && mats[j].begin < mats[mi].end + 600; ++j) {
    if (mats[j].normalized != mats[mi].normalized) continue;
    const PassiveVerb pv = passive_verb_after(std::string_view(para.folded).substr(mats[j].end), 60, 45, ",;.");
    if (pv.found && pv.verb.substr(0, 20).find("injected") != std::string_view::npos) return true;
  }
  return false;
}

// "Pyrrole was polymerized with FeCl3", "MMA was polymerized using AIBN": the subject of
// "polymerized" that is no polymer name (poly..., or an acronym P... as PANI, PPy, PMMA) is the
// monomer, a starting material (MSP 101039c6ta02139e; review 17c, C11). `name` as written.
bool monomer_polymerized(std::string_view name, std::string_view after) {
  if (name.size() < 2 || (name[0] == 'P' && !is_lower(name[1])) || name.starts_with("PPy") ||
      name.starts_with("poly") || name.starts_with("Poly")) {
    return false;
  }
  const size_t was = after.find(" was ") < after.find(" were ") ? after.find(" was ") : after.find(" were ");
  if (was == std::string_view::npos || was > 30) return false;
  std::string_view verb = after.substr(was + (after[was + 2] == 'a' ? 5 : 6));
  return verb.starts_with("polymeri");
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
    b = trim_right(b);
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
    b = trim_right(b);
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
  if (role == "target" && !m.product_noun && injected_later(para, mi)) role = "precursor";
  if (role == "target" && !m.product_noun && ammonium_halide(view.text.substr(m.begin, m.end - m.begin), m.normalized)) {
    role = "precursor";
  }
  if (role == "target" && replaced_reagent(before)) role = "other";
  if (role == "target" && converted_from(before, std::string_view(para.folded).substr(m.end))) role = "precursor";
  // "Li7La3Zr2O12 doped with 0.25 mol Al was prepared": the dopant of the product named before it
  // is put in, not made (review 14b, B103).
  if (role == "target" && dopant_before(before)) role = "precursor";
}

// "cells running on iso-octane", "a direct ethanol fuel cell", "ethanol-fueled SOFCs": a liquid a fuel
// cell is fed with is its fuel, no solvent of a synthesis (s16-sofc: iso-octane read as a solvent).
// Only for a solvent reading: a combustion synthesis's fuel ("urea as fuel") is a reactant.
// `before`/`after` are the folded sentence around the mention.
bool fuel_of_cell(std::string_view before, std::string_view after) {
  if (after.starts_with(" fuel") || after.starts_with("-fuel")) return true;
  before = trim_right(before);
  if (before.size() < 6 || (before.back() != 'n' && before.back() != 'h' && before.back() != 'y')) return false;
  for (std::string_view cue : {"operated on"sv, "operating on"sv, "operate on"sv, "running on"sv, "run on"sv,
                               "fed with"sv, "fueled with"sv, "fuelled with"sv, "fueled by"sv, "fuelled by"sv}) {
    if (before.ends_with(cue) && (before.size() == cue.size() || before[before.size() - cue.size() - 1] == ' ')) {
      return true;
    }
  }
  return false;
}

// "the hydrolysis of TMS2S by residual water", "traces of oxygen": a contaminant blamed for a failed
// attempt, no reagent of it (records review R3: the wet attempt's record got water as a solvent).
bool contaminant(std::string_view before) {
  before = trim_right(before);
  const std::string_view last = last_word(before);
  if (last == "residual" || last == "trace" || last == "adventitious") return true;
  return last == "of" && (before.ends_with(" traces of") || before.ends_with(" trace amounts of"));
}

// "The Cs2AgBiBr6 NCs decomposed to AgBr and Cs3BiBr6", "contaminated with AgBr", "AgBr impurity
// phases": a by-product or impurity a step leaves, no reagent of it, whatever its usual role (review
// 13, D45). `before`/`after` are the folded sentence around the mention.
bool side_product(std::string_view before, std::string_view after) {
  // (The first letters first: this runs for every mention.)
  if (after.size() > 2 && after[0] == ' ' &&
      (after[1] == 'i' || after[1] == 'b' || after[1] == 's' || after[1] == 'a')) {
    // "contained BaCO3 as a secondary phase" too (review 16b, B27).
    for (std::string_view w : {" impurit"sv, " by-product"sv, " byproduct"sv, " side product"sv, " side-product"sv,
                               " secondary phase"sv, " as a secondary phase"sv, " as an impurit"sv, " as impurit"sv}) {
      if (after.starts_with(w)) return true;
    }
  }
  before = trim_right(before);
  if (before.size() < 10 || (before.back() != 'o' && before.back() != 'h' && before.back() != 'y')) return false;
  for (std::string_view cue : {"decomposed to"sv, "decomposed into"sv, "decomposes to"sv, "decomposes into"sv,
                               "degraded to"sv, "degraded into"sv, "contaminated with"sv, "contaminated by"sv}) {
    if (before.ends_with(cue)) return true;
  }
  return false;
}

// The openers of a reason clause: reason_clause_fact() tests them after the mention's last comma, and
// material_entities() asks the paragraph for any of them first.
constexpr std::string_view kReasonOpeners[] = {", since "sv, ", because "sv, ", as "sv};

// "No antisolvent was added, since methyl acetate and acetone partly dissolve the smallest
// particles": a material in a reason clause stating a property in the present tense is no reagent of
// the recipe (records review R8). `before`/`after` are the folded sentence around the mention.
bool reason_clause_fact(std::string_view before, std::string_view after) {
  // One reverse scan for the last comma (most mentions have none after it in their clause).
  const size_t comma = before.rfind(',');
  if (comma == std::string_view::npos) return false;
  const std::string_view rest = before.substr(comma);
  if (std::ranges::none_of(kReasonOpeners, [&](std::string_view o) { return rest.starts_with(o); })) return false;
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

// Whether a water mention is water held in a solid, no liquid of a step: "to remove crystalline
// water", "the combined water", "the water of crystallization" (role gold and MSP: other).
// `before`/`after` are the folded sentence around the mention.
bool bound_water(const MaterialMention& m, std::string_view before, std::string_view after) {
  if (m.normalized != "water") return false;
  if (after.starts_with(" of crystalli") || after.starts_with(" of hydration")) return true;
  before = trim_right(before);
  const std::string_view last = last_word(before);
  return one_of(last, {"crystalline", "crystal", "crystallization", "crystallisation", "combined", "lattice",
                       "structural", "adsorbed", "physisorbed", "chemisorbed", "coordinated", "coordinating",
                       "bound", "interlayer", "intercalated", "hydration"});
}

// Whether an acid or base (additive prior) is one of a mixture something is dissolved in: "KMnO4 was dissolved in a mixture of
// concentrated H2SO4 (6.0 g) and H3PO4 (26.0 g)" (Hummers-type oxidations). The acids are the
// medium though measured out (role gold and MSP: solvent). `before` is the folded sentence before
// the mention; only measured members ("(6.0 g) and") may stand between.
bool acid_mixture_medium(const MaterialMention& m, std::string_view before) {
  if (m.role_prior != "additive" || !acid_or_base(m.normalized)) return false;
  const size_t at = last_cue(before, {" in a mixture of ", " into a mixture of "});
  if (at == std::string_view::npos) return false;
  const std::string_view gap = before.substr(at);
  return gap.size() < 50 && !contains_any(gap, {",", ";", " with ", " was ", " were "});
}

// Whether the sentence of mention `mi` dissolves a metal before it: "The Ti foil was dissolved in a
// mixture of HF and HNO3", "Zn powder was dissolved in ...": acids that dissolve a metal oxidise it,
// additives rather than the medium (role gold guideline; review 15c, R15). A metal is a mention
// named by an element symbol that is not a non-metal.
bool metal_dissolved_before(const Paragraph& para, size_t mi) {
  const size_t ss = para.sentences(para.mats[mi].begin, 300);
  for (size_t j = mi; j-- > 0 && para.mats[j].begin >= ss;) {
    const std::string_view n = para.mats[j].normalized;
    if (n.empty() || n.size() > 2 || !is_upper(n[0]) || (n.size() == 2 && !is_lower(n[1]))) continue;
    if (!one_of(n, {"H", "B", "C", "N", "O", "F", "P", "S", "Cl", "Se", "Br", "Te", "I", "Si", "As"})) return true;
  }
  return false;
}

// Whether the mention is the subject of "was precipitated at pH N and filtered off/discarded/removed".
// `after` is the folded text after the mention.
bool precipitate_removed_after(std::string_view after) {
  for (std::string_view be : {" was precipitated at "sv, " were precipitated at "sv}) {
    if (!after.starts_with(be)) continue;
    after.remove_prefix(be.size());
    if (after.starts_with("a ")) after.remove_prefix(2);
    return after.starts_with("ph") && precipitate_removed(after.substr(2));
  }
  return false;
}

// Whether the mention is the object of a purpose infinitive: "stirring for 3 h at 90 degC to reduce
// GO", "added drop by drop to reduce H2PtCl6", "heated at 550 degC to decompose the silver oleate".
// `before` is the folded sentence up to the mention.
bool purpose_object(std::string_view before) {
  if (before.ends_with(" the ")) before.remove_suffix(4);
  for (std::string_view verb : {" to reduce "sv, " to oxidize "sv, " to oxidise "sv, " to convert "sv,
                                " to decompose "sv, " to dissolve "sv}) {
    if (before.ends_with(verb)) return true;
  }
  return false;
}

// Whether the mention is what a step removes: "calcined at 550 °C to remove the TPAOH template",
// "centrifuged twice to remove excess CTAB", "washed with HCl to remove SrCO3", "after removal of the
// P123" (MSP: Participant_Material; review 18c, R3). Only with no reagent phrase between the cue and
// the mention ("removed by washing with ethanol" names the wash liquid). `before` is the folded
// sentence up to the mention.
bool removed_material(std::string_view before) {
  const std::string_view tail = before.substr(before.size() - std::min<size_t>(before.size(), 40));
  const size_t at = tail.rfind("remov");
  if (at == std::string_view::npos) return false;
  const std::string_view gap = tail.substr(at);
  return gap.find_first_of(",;()") == std::string_view::npos &&
         !contains_any(gap, {" with "sv, " in "sv, " from "sv, " by "sv, " using "sv, " at "sv, " into "sv});
}

// Whether mention `mi` names a material an earlier mention of the paragraph already put in (same
// normalized name, at most 64 mentions and 4000 bytes back: linear on long texts).
bool named_before(const Paragraph& para, size_t mi) {
  const MaterialMention& m = para.mats[mi];
  if (m.normalized.empty()) return false;
  for (size_t j = mi, seen = 0; j-- > 0 && seen < 64 && para.mats[j].begin + 4000 > m.begin; ++seen) {
    if (para.mats[j].normalized == m.normalized) return true;
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
    b = trim_right(b);
    for (std::string_view w : {" excess"sv, " residual"sv, " remaining"sv, " the"sv, " of"sv}) {
      if (b.ends_with(w)) b.remove_suffix(w.size());
      b = trim_right(b);
    }
    const std::string_view last = last_word(b);
    if (last.starts_with("evaporat") || last.starts_with("remov")) role = "other";
    if (bound_water(m, before, mc.after)) role = "other";
  }
  // "Fe(OH)3 was precipitated at pH 4 and filtered off", "... and discarded": a precipitate taken out
  // is neither a reagent nor a product (role gold guideline: discarded metal ions are other; review
  // 15c, R8).
  if ((role == "precursor" || role == "target") && precipitate_removed_after(mc.after)) role = "other";
  // A material the mixture already holds, named again as the aim of a step ("to reduce GO"), is no
  // new input (MSP: other); named there first ("Ethanol was used to dissolve TEOS") it is one.
  if (role == "precursor" && purpose_object(before) && named_before(para, mi)) role = "other";
  if (role != "other" && role != "target" && role != "solvent") {
    if (para.triples.may_hold("remov"sv) && removed_material(before)) role = "other";
    // (Review 18c R4, "the X solution" named again -> other, is withdrawn (review 18e D1: roles-dev
    // role -0.0014, 20 of 30 changed bench1 lines worse).)
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
    walk.stated_as[mi] = true;
  } else if ((capping_before(before, after) || capped_after(after)) && !inorganic_coating(m.formula)) {
    role = "ligand";
  } else if (const bool noun_target = m.product_noun || (noun_cue && re2::RE2::PartialMatch(asp, *im.target_noun));
             noun_target && !(used = used_product(before, after)).empty()) {
    // (used_product() only after a nanostructure noun: most mentions have none, and its scan of
    // the text after the mention cost +1.7 % Ir on the MSP paragraphs when run for every mention.)
    role = used;
  } else if (noun_target ||
             (was_cue && prior != "solvent" && prior != "ligand" && prior != "other" && !under_other_part(before) && !example_opener(before) &&
              im.target_after->Match(asp, 0, asp.size(), re2::RE2::UNANCHORED, &g1, 1) && !from_supplier(g1) &&
              !coat_not_product(after) && !sputtering_target(before, after)) ||
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
    role = was_cue && monomer_polymerized(text.substr(m.begin, m.end - m.begin), after) ? "precursor" : "target";
    target_made_reagent(para, mi, before, was_cue, role);
  } else if (before_precursor_cue && prior != "solvent" && prior != "other" && prior != "ligand" &&
             !acid_mixture_medium(m, before) && re2::RE2::PartialMatch(bsp, *im.precursor_before)) {
    role = !product_mixture(before) ? "precursor" : named_impurity(after) ? "other" : "target";
  } else if (input_after && (m.role_prior.empty() || prior == "precursor") &&
             re2::RE2::PartialMatch(asp, *im.input_after)) {
    role = "precursor";
  } else if ((m.role_prior.empty() || prior == "precursor") && used_to_make(after)) {
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
    b = trim_right(b);
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
    b = trim_right(b);
    if (b.ends_with(" of")) b.remove_suffix(3);
    b = trim_right(b);
    if (!b.ends_with('%')) return false;
    b.remove_suffix(1);
    while (!b.empty() && (b.back() == ' ' || b.back() == '.' || is_lower(b.back()))) b.remove_suffix(1);
    if (b.empty() || !is_digit(b.back())) return false;
    // "mixed with 10 wt% glucose", "blended with 30 wt.% of SDC": a weighed share of a recipe is
    // put in (review 14b, B105/B106).
    while (!b.empty() && (is_digit(b.back()) || b.back() == '.')) b.remove_suffix(1);
    b = trim_right(b);
    // ("ball milled with 0.08 wt% MgO as a sintering aid" stays a share: MSP marks it other.)
    for (std::string_view verb : {"mixed with"sv, "blended with"sv}) {
      if (b.ends_with(verb)) return false;
    }
    return true;
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
  // "mixed with 5 wt% PVA binder", "15 wt% corn starch pore former": a processing aid named by its
  // use is an additive (review 14b, B107).
  // (The second byte first: this runs for most mentions.)
  const bool processing_aid = after.size() > 7 && (after[1] == 'b' || after[1] == 'p' || after[1] == 'd') &&
                              (after.starts_with(" binder") || after.starts_with(" pore former") ||
                               after.starts_with(" pore-former") || after.starts_with(" plasticizer") ||
                               after.starts_with(" dispersant"));
  if (processing_aid) {
    role = "additive";
  } else if (substrate_surface(before, after)) {
    role = "other";
  } else if (sputtering_target(before, after)) {
    role = "precursor";
  } else if (material_measures[mi] == 0 && !after.starts_with(" solution") && !after.starts_with(" aqueous") &&
      percent_before()) {
    role = "other";
  } else if (prior == "additive" && contained()) {
    role = "additive";
  } else if (prior == "additive" &&
      (after.starts_with(" solution") || after.starts_with(" aqueous solution") || molar_before() ||
       wash_acid() ||
       (acid_or_base(m.normalized) &&
        (molar_bracket_after(after) || (material_amounts[mi] > 0 && added_to_before(before)))))) {
    role = "solvent";
  } else if (prior == "solvent" || prior == "ligand" || prior == "reductant") {
    role = m.role_prior;
  } else if (prior == "other" && (m.normalized == "nitrogen" || m.normalized == "argon" ||
                                         m.normalized == "air" || m.normalized == "hydrogen" ||
                                         m.normalized == "oxygen" || m.normalized == "helium")) {
    role = "other";
  } else if (acid_mixture_medium(m, before)) {
    role = metal_dissolved_before(para, mi) ? "additive" : "solvent";
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
  } else if (catalyst_support(para, mi, after, walk.loads_catalyst)) {
    role = "precursor";
  } else {
    role = "other";
  }
  // (A material named again keeps its precursor role where it is not put in again: "until the
  // colour of the KMnO4 faded", "The Nb foils were biased" (role gold policy 1). Session 15 dropped
  // the rule that made such repeats "other": MSP dev-a/dev-b role and role gold dev all rose.)
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

namespace {

// The normalized name of the material an alias restates: "hafnium (IV) chloride (HfCl4; Aldrich)",
// "dicyandiamide (C2H4N4, Alfa Aesar, denoted as DCDA)", "strontium carbonate (SrCO3, AR)": the
// mention that ends right before the alias's bracket (find_aliases() found it so). Empty when the
// bracket names no such mention, or the alias may name something else than the whole mention:
// - the alias is no formula and has a name of its own (a lexicon name: "PEG 20000" -> polyethylene
//   glycol), names a solution ("water (solution A)"), starts with a digit
//   (a composition label, "Ni-Gd0.4Ce0.6O2 (40CGO)") or with the mention's own text (a sample label,
//   "SrTiO3 (denoted as SrTiO3-1)");
// - the mention is a part of a composite, a ratio or a doped host ("Ni-YSZ (yttria stabilized
//   zirconia)", "Pt/yttria-stabilized zirconia (YSZ)", "SbCl3-to-Na2MoO4 (BiCl3-to-...",
//   "co-doped SrTiO3 (La0.2Sr0.8Ti0.9Ni0.1O3-δ)", "PBFM|LSGM|PBCO (PrBaCo2O5+δ)"), a composition
//   label ("10ScSZ (scandium"), a gas ("Air (O2)") or a bare element ("the Sr (SrxM1-xCoO3-δ)");
// - an acronym without a lexicon name that a lower-case name or a fractional composition spells out
//   ("MK (polymethyl-silsesquioxane)", "LSGM (La0.8Sr0.2Ga0.8Mg0.2O3−d)"): the bracket's name is the
//   better one.
std::string_view restated_name(const Paragraph& para, size_t mi) {
  const std::string_view text = para.text;
  const MaterialMention& alias = para.mats[mi];
  const std::string_view written = text.substr(alias.begin, alias.end - alias.begin);
  // (Spaces dropped and '*' read as the hydrate dot: "terephthalic acid (C6H4 (COOH)2)" has the
  // formula C6H4(COOH)2, "La(NO3)3*6H2O" La(NO3)3·6H2O.)
  std::string bare, dotted;
  for (char c : ascii_lower(written)) {
    if (c == ' ') continue;
    bare += c;
    dotted += c == '*' ? std::string_view("\u00b7") : std::string_view(&c, 1);
  }
  if (bare != ascii_lower(alias.normalized) && bare != ascii_lower(alias.formula) &&
      dotted != ascii_lower(alias.formula)) {
    return {};
  }
  if (written.empty() || is_digit(written[0]) || ascii_lower(written).starts_with("solution")) return {};
  const size_t k = alias.begin;
  size_t open = std::string_view::npos;
  for (size_t j = k; j > 0 && k - j < 50; --j) {
    const char c = text[j - 1];
    if (c == ')' || c == ']' || c == ';') break;
    if (c == '(' || c == '[') {
      open = j - 1;
      break;
    }
  }
  if (open == std::string_view::npos) return {};
  size_t p = open;
  while (p > 0 && text[p - 1] == ' ') --p;
  // The last mention before the bracket (mentions inside it, "C2H4N4" before "DCDA", end after p).
  size_t j = mi;
  while (j > 0 && para.mats[j - 1].end > p) --j;
  if (j == 0 || para.mats[j - 1].end != p) return {};
  --j;
  const MaterialMention& m = para.mats[j];
  const std::string_view named = text.substr(m.begin, m.end - m.begin);
  if (m.normalized.empty() || named.empty() || is_digit(named[0]) || written.starts_with(named)) return {};
  // Gases: "Air (O2)", "H2/N2 (H2: 5 vol.%)" name a part or a share.
  for (std::string_view gas : {"air"sv, "oxygen"sv, "nitrogen"sv, "hydrogen"sv, "argon"sv, "helium"sv}) {
    if (m.normalized == gas || alias.normalized == gas) return {};
  }
  // Glued into a composite, a cell or a ratio, or a doped host.
  if (m.begin > 0 && (text[m.begin - 1] == '-' || text[m.begin - 1] == '/' || text[m.begin - 1] == '|')) {
    return {};
  }
  const std::string_view lead = std::string_view(para.folded).substr(0, m.begin);
  if (lead.ends_with("doped ") || lead.ends_with("dope ") || lead.ends_with("substituted ")) return {};
  const std::string_view folded_named = std::string_view(para.folded).substr(m.begin, m.end - m.begin);
  if (folded_named.find("doped") != std::string_view::npos || folded_named.find("dope ") != std::string_view::npos) {
    return {};
  }
  if (named.find_first_of("/|@") != std::string_view::npos) return {};
  for (size_t c = 1; c + 1 < named.size(); ++c) {
    if (named[c] == '-' && is_alpha(named[c - 1]) && (is_upper(named[c + 1]) || is_digit(named[c + 1]))) {
      return {};
    }
  }
  auto bare_element = [](std::string_view f) {
    return !f.empty() && f.size() <= 2 && is_upper(f[0]) && (f.size() == 1 || is_lower(f[1]));
  };
  if (bare_element(m.formula) || bare_element(alias.formula)) return {};
  // An acronym without a name of its own spelled out by the name in its bracket, or by a fractional
  // composition ("LSGM (La0.8Sr0.2Ga0.8Mg0.2O3−d)": the acronym covers many compositions, the
  // formula names one and keeps its own name, s20-matrole).
  auto fractional = [](std::string_view f) {
    for (size_t c = 1; c + 1 < f.size(); ++c) {
      if (f[c] == '.' && is_digit(f[c - 1]) && is_digit(f[c + 1])) return true;
    }
    return false;
  };
  if (std::none_of(named.begin(), named.end(), [](char c) { return is_lower(c); }) &&
      std::any_of(written.begin(), written.end(), [](char c) { return is_lower(c); }) &&
      ascii_lower(named) == ascii_lower(m.normalized) && (alias.formula.empty() || fractional(alias.formula))) {
    return {};
  }
  return m.normalized;
}

// The cues of an electrochemical test cell or measurement (measurement_sentence()).
constexpr std::string_view kTestCellCues[] = {
    "working electrode", "counter electrode", "reference electrode", "supporting electrolyte",
    "redox probe",       "cyclic voltammetr", "voltammogram",        "coin cell",
    "half cell",         "half-cell",         "potentiostat",        "standard solution"};

// Whether `text` names a part of an electrochemical test cell or a measurement: the cues of
// measurement_sentence(), also asked once of the whole paragraph (few paragraphs name any).
// `triples` are the paragraph's (`text` is the paragraph or a part of it): a cue with a byte triple
// the paragraph lacks is not searched for.
bool measurement_cue(std::string_view text, const ByteTriples& triples) {
  return std::any_of(std::begin(kTestCellCues), std::end(kTestCellCues), [&](std::string_view cue) {
    return triples.may_hold(cue) && find_bytes(text, cue) != std::string_view::npos;
  });
}

// Whether position k (1 <= k <= size) follows the byte that ends a clause for measurement_sentence():
// boundary_at() (". ", line break, ';'), '!' or '?', and a full stop glued to a citation or to the next
// sentence ("water.23 A", "solution.The"); not a decimal point nor "Fig.2" (review 16c, R4/R5).
bool clause_end_at(std::string_view text, std::string_view folded, size_t k) {
  const char c = text[k - 1];
  // "...were used for the preparation of diluted mercury solutions; their concentration was checked
  // using a certified standard solution": a clause that opens on a pronoun goes on about the one before.
  if (c == ';' && k + 1 < folded.size() && folded[k] == ' ') {
    const std::string_view rest = folded.substr(k + 1, 7);
    if (one_of(rest.substr(0, rest.find(' ')), {"their", "its", "it", "they", "these", "this", "which"})) return false;
  }
  if (boundary_at(folded, k) != 0) return true;
  if (c == '!' || c == '?') return true;
  if (c != '.' || k < 2 || k >= text.size() || !is_alpha(text[k - 2])) return false;
  const std::string_view word = last_word(folded.substr(k < 6 ? 0 : k - 6, k < 6 ? k - 1 : 5));
  if (one_of(word, {"fig", "figs", "eq", "eqs", "ref", "refs", "no"})) return false;
  if (is_upper(text[k])) return true;
  size_t d = k;
  while (d < text.size() && (is_digit(text[d]) || text[d] == ',' || text[d] == '-')) ++d;
  return d > k && d < text.size() && text[d] == ' ';
}

// Start of the clause holding byte `pos` (at most 300 bytes back) and the end of the clause holding
// byte `pos` (at most 300 bytes on, its closing full stop included).
size_t clause_start(std::string_view text, std::string_view folded, size_t pos) {
  const size_t lo = pos - std::min<size_t>(pos, 300);
  for (size_t k = pos; k > lo; --k) {
    if (clause_end_at(text, folded, k)) return k;
  }
  return lo;
}
size_t clause_end(std::string_view text, std::string_view folded, size_t pos) {
  const size_t hi = std::min<size_t>(pos + 300, text.size());
  for (size_t e = pos; e < hi; ++e) {
    if (clause_end_at(text, folded, e + 1)) return e + 1;
  }
  return hi;
}

// Whether a clause says how a material was made by a reaction: "synthesized", "grown", "deposited",
// "reduced", "reduction of", "calcined", "oxidized", "decomposition", "prepared from <a reagent>" ("from -0.2 to 0.8 V"
// is a potential range). Mixing, dispersing or dissolving alone make a slurry, an ink or a test
// electrolyte, whose parts are cell materials (role guideline policy 13; review 16c, D1-D3).
bool synthesis_clause(std::string_view clause) {
  if (contains_any(clause, {"synthesi"sv, "grown"sv, "grow "sv, "deposited"sv, "reduced"sv, "reducing"sv,
                            "reduction of"sv, "calcin"sv, "oxidiz"sv, "oxidis"sv, "decompos"sv, "hydrotherm"sv,
                            "solvotherm"sv})) {
    return true;
  }
  for (size_t p = clause.find("from "); p != std::string_view::npos; p = clause.find("from ", p + 1)) {
    if (p + 5 < clause.size() && is_alpha(clause[p + 5])) return true;
  }
  return false;
}

// Whether the mention [mb, me) is the noun phrase of the test-cell cue [cb, ce) of `clause`: right
// before it ("2 M KOH as supporting electrolyte", "a Pt wire as the counter electrode", "Ag/AgCl (3 M
// KCl) reference electrode") or right after it ("working electrode in 1 M Na2SO4"), with no clause,
// list or reagent preposition between (bracketed asides skipped).
bool tied_to_cue(std::string_view clause, size_t mb, size_t me, size_t cb, size_t ce) {
  if (me > cb && mb < ce) return true;
  const std::string_view gap = me <= cb ? clause.substr(me, cb - me) : clause.substr(ce, mb - ce);
  if (gap.size() > 80) return false;
  std::string plain;
  int depth = 0;
  for (char c : gap) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      plain += c;
    }
  }
  return plain.size() <= 40 && !contains_any(plain, {","sv, " and "sv, " by "sv, " from "sv, " with "sv, " of "sv,
                                                     " after "sv, " for "sv, " to "sv});
}

// Whether the mention [begin, end) is a part of an electrochemical test set up in its clause: "used
// as the working electrode", "in solutions containing KHP as supporting electrolyte", "checked using a
// certified standard solution", "cyclic voltammetry in 0.5 M H2SO4". What it names is a part of the
// test cell or the analyte, not a reactant or a medium of the synthesis (role guideline policy 13; MSP
// gives it no synthesis event). In a clause that also says how something was made ("grown on Ni foam
// from Ni(NO3)2 ... and used as the working electrode") only the cue's own noun phrase is the test's
// (review 16c, R1-R13). Not in the clause of an electrochemical synthesis, whose foil is a reactant and
// whose bath is a medium ("anodization ... with a Pt counter electrode"). (Foils "used as the working
// electrode" of an anodization named only in the next sentence stay other: MSP marks them so, R14.)
// `triples` are ByteTriples(folded).
bool measurement_sentence(std::string_view text, std::string_view folded, const ByteTriples& triples, size_t begin,
                          size_t end) {
  // (No clause is cut where no cue is within 300 bytes: most mentions.)
  const size_t lo = begin - std::min<size_t>(begin, 300);
  if (!measurement_cue(folded.substr(lo, std::min<size_t>(end + 300, folded.size()) - lo), triples)) return false;
  const size_t from = clause_start(text, folded, begin);
  const size_t to = clause_end(text, folded, end);
  const std::string_view clause = folded.substr(from, to - from);
  const bool synthesis = synthesis_clause(clause);
  bool cue_seen = false;
  bool tied = false;
  for (std::string_view cue : kTestCellCues) {
    for (size_t p = clause.find(cue); p != std::string_view::npos && !tied; p = clause.find(cue, p + 1)) {
      cue_seen = true;
      if (!synthesis) break;
      // (A "standard solution" in a synthesis clause is a stock solution of a reagent.)
      tied = synthesis && cue != "standard solution"sv &&
             tied_to_cue(clause, begin - from, end - from, p, p + cue.size());
    }
  }
  if (!cue_seen || (synthesis && !tied)) return false;
  return !contains_any(clause, {"anodi"sv, "electrodeposit"sv, "electropolymeri"sv, "electrochemical deposition"sv,
                                "electrochemically deposited"sv, "electrochemical polymeri"sv});
}

}  // namespace

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
  // Once per paragraph, so that measurement_sentence() runs only where its cues occur (few paragraphs).
  const bool test_cell_words = measurement_cue(para.folded, para.triples);
  // Paragraph gates of the review 16b product rules (wrong_product_role(), impure_product(),
  // crystallized_product()): most paragraphs hold none of their words.
  const bool instead_words = contains_any_bytes(para.folded, para.triples, {"instead of"sv, "rather than"sv});
  const bool impurity_words = contains_any_bytes(para.folded, para.triples, {"impurit"sv, "secondary phase"sv});
  const bool crystallized_words = contains_any_bytes(para.folded, para.triples, {"crystallized"sv, "crystallised"sv});
  const bool failed_words = contains_any_bytes(para.folded, para.triples,
                                               {"could not be"sv, "not formed"sv, "not obtained"sv, "did not form"sv,
                                                "no crystalline"sv});
  const bool suppressed_words = contains_any_bytes(para.folded, para.triples, {"suppress"sv});
  // reason_clause_fact() needs a comma and a reason word right after it (a reverse scan of every
  // mention's sentence for its comma was a third of material_entities()' own instructions).
  const bool reason_words = contains_any_bytes(para.folded, para.triples, kReasonOpeners);
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
    // An alias names the material it restates: "hafnium (IV) chloride (HfCl4; Aldrich)" is one
    // material of the paragraph, listed once by a record (s19-role; the alias keeps its own formula).
    if (para.alias[mi]) {
      const std::string_view restated = restated_name(para, mi);
      if (!restated.empty()) e.normalized.assign(restated);
    }
    e.formula = m.formula;
    std::string role;
    const MentionCues mc = mention_cues(para, mi, walk.cue_cache);
    walk.input_verb[mi] = mc.input_after;
    const bool strong = cued_role(para, mi, mc, walk, role);  // the role comes from the words around the mention
    if (!strong) prior_role(para, mi, mc, walk, role);
    role_to_other(para, mi, mc, role);
    if (!strong) weak_colloid_cues(para, mi, mc, role);
    if (std::string_view wrong = instead_words ? wrong_product_role(mc.before, mc.after, m.normalized) : "";
        !wrong.empty()) {
      role = wrong;
    } else if ((role == "precursor" || role == "other") &&
               ((impurity_words && impure_product(mc.before, mc.after)) ||
                (crystallized_words && role == "other" && crystallized_product(mc.after)))) {
      role = "target";
    } else if (suppressed_words && suppressed_product(mc.before, mc.after)) {
      role = "other";
    } else if (failed_words && role == "other" && failed_product(mc.before, mc.after)) {
      role = "target";
    }
    if (role != "target" && role != "other" &&
        ((reason_words && reason_clause_fact(mc.before, mc.after)) || contaminant(mc.before) || side_product(mc.before, mc.after) ||
         (test_cell_words && measurement_sentence(para.text, para.folded, para.triples, m.begin, m.end)))) {
      role = "other";
    }
    if (role == "solvent" && fuel_of_cell(mc.before, mc.after)) role = "other";
    e.role = role;
    if (strong) walk.strong_role[mi] = true;
    walk.material_raw[mi] = raws.size() - 1;
  }
  const RoleNotes notes{walk.strong_role, walk.bought_acid, walk.bought_cue, walk.input_verb, walk.material_raw,
                        walk.measured_additive, walk.stated_as};
  stated_roles(para, notes);
  additive_roles(para, notes);
  share_list_roles(para, notes);
  carry_stated_roles(para, notes);
  keep_targets(para, notes);
  weak_repeats(para, notes);
  reground_products(para, notes);
  by_product_targets(para, notes);
  converted_intermediates(para, notes);
  deposited_element_layers(para, notes);
  method_reagents(para, notes);
  title_targets(para, notes);
  product_precursor_solutions(para, notes);
  thiol_sulfur_sources(para, notes);
  for (size_t ri = 0; ri < amount_material.size(); ++ri) raws[ri].material_ref = amount_material[ri];
}

}  // namespace synthdb::rules
