// Amounts ↔ materials: which mention each amount doses (link_amounts).
#include "extract/rules/extractor_impl.h"

#include <unordered_set>

namespace synthdb::rules {

using namespace detail;

namespace {

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
      "complex",
      // "sonicating Ti3C2Tx MXene (50 mg)": the class word after the formula (review 15a, A35)
      "mxene", "mxenes",
      // "The CeO2 support (1 g)", "the SiO2 spheres (0.2 g)", "Ti foil (99.7%)", "The ZnO target
      // (99.99%)": the nouns of supported catalysts, templates, foils and sputtering targets (review 17a, M5)
      "support", "supports", "spheres", "zeolite", "foil", "foils", "target", "targets",
      // "SBA-15 silica (1 g)": the class noun after a framework code (review 18b, B14)
      "silica"};
  if (t == 0 || (!kForms.count(view.folded[t]) && !grade_code(view.raw(t)))) return t;
  return t - 1;
}

// "than the GDC target (approximately 10%)": a share after a sputtering target is no purity (a
// purity reads 99.99%), it is a doping level or a loss the text compares (review 17e, R12). Token
// `t` is the form noun, `amount` the bracket's value.
bool target_share(const TokenView& view, size_t t, const Raw& amount, std::string_view text) {
  if (amount.e.quantity != "fraction" || !one_of(view.folded[t], {"target", "targets"})) return false;
  const size_t digit = text.find_first_of("0123456789", amount.begin);
  return digit == std::string_view::npos || digit >= amount.end || text[digit] != '9';
}

// "HAuCl4 solution (10 mL)", "Cs-oleate solution (0.125 M)", "the Au seed solution (0.12 mL)":
// when token `t` is "solution" (or suspension, dispersion, slurry) (after at most two of "stock", "seed", "growth"; not "precursor":
// "the HfO2 precursor solution (0.1 M)" is no HfO2),
// the token before that phrase; else `t`.
size_t solution_head(const TokenView& view, size_t t) {
  // "Se-ODE suspension (0.4 mmol, 0.3 M)", "the TiO2 dispersion (5 mL)": a suspension is dosed as
  // a solution is (review 14a, A37); so is a bare stock: "The Zinc oleate stock (0.4 M, 2 mL)" (review 15a, A34).
  if (t == 0 || !one_of(view.folded[t], {"solution", "solutions", "suspension", "suspensions", "dispersion",
                                         "dispersions", "slurry", "stock", "stocks"})) {
    return t;
  }
  size_t k = t;
  for (int words = 0; k > 0 && words < 3; ++words) {
    --k;
    std::string_view w = view.folded[k];
    if (w != "stock" && w != "seed" && w != "growth") return k;
  }
  return t;
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

// The amount entities of a paragraph's raws by begin, so that a bracket's amounts are found by a
// binary search, not a scan of all raws per amount (quadratic on a long paragraph of bracket lists:
// 1 MB of "CdO, OA and ODE (0.2 mmol, 1 mL and 10 mL), " took 4.6 s). Amounts are made in text
// order; `sorted` is false if they are not, and the lookups then scan all of them as before.
struct AmountIndex {
  std::vector<size_t> raw;  // indices into raws of the amounts, in raws order
  bool sorted = true;

  explicit AmountIndex(const std::vector<Raw>& raws) {
    raw.reserve(raws.size());
    for (size_t ri = 0; ri < raws.size(); ++ri) {
      if (raws[ri].e.type != "amount"sv) continue;
      if (!raw.empty() && raws[raw.back()].begin > raws[ri].begin) sorted = false;
      raw.push_back(ri);
    }
  }
  // The position in `raw` of the first amount beginning after byte `after` (0 when unsorted).
  size_t first_after(const std::vector<Raw>& raws, size_t after) const {
    if (!sorted) return 0;
    auto begins_by = [&](size_t ri) { return raws[ri].begin <= after; };
    return static_cast<size_t>(std::partition_point(raw.begin(), raw.end(), begins_by) - raw.begin());
  }
  // Whether some amount whose begin is in (after, before) passes `test`.
  template <typename Test>
  bool any_between(const std::vector<Raw>& raws, size_t after, size_t before, Test test) const {
    for (size_t k = first_after(raws, after); k < raw.size(); ++k) {
      const Raw& r = raws[raw[k]];
      if (sorted && r.begin >= before) break;
      if (r.begin > after && r.begin < before && test(r)) return true;
    }
    return false;
  }
};

// Whether the bracket opening at `open` holds a concentration ("(1 M, 2 mL)"): it then gives a
// solution's make-up, not a solvent's volume.
bool concentration_in_bracket(const std::vector<Raw>& raws, const AmountIndex& amounts, std::string_view text,
                              size_t open) {
  const size_t close = text.find(')', open);
  return amounts.any_between(raws, open, close, [](const Raw& r) { return r.e.quantity == "concentration"sv; });
}

// "NaCl concentrations of 1, 2 and 4 mM", "an HAuCl4 concentration of 0.5 mM": the quantity noun
// after the mention, then the amount or a list of numbers ending in it (review 14a, A39). `gap` is
// the folded text between the mention and the amount.
bool noun_after_mention(std::string_view gap) {
  bool noun = false;
  for (std::string_view lead : {" concentration of "sv, " concentrations of "sv, " concentration was "sv,
                                " concentration is "sv, " concentration of about "sv}) {
    if (gap.starts_with(lead)) {
      gap.remove_prefix(lead.size());
      noun = true;
      break;
    }
  }
  if (!noun) return false;
  // The earlier items of a list: numbers, commas, "and"/"or".
  for (size_t k = 0; k < gap.size();) {
    if (is_digit(gap[k]) || gap[k] == ',' || gap[k] == '.' || gap[k] == ' ') {
      ++k;
    } else if (gap.substr(k).starts_with("and ") || gap.substr(k).starts_with("or ")) {
      k += gap[k] == 'a' ? 4 : 3;
    } else {
      return false;
    }
  }
  return true;
}

// "The concentration of NaBH4 was 1.0 × 10^-2 M", "the amount of HAuCl4 was 0.1 mmol": the mention
// that a quantity noun names as the subject, with only a copula between it and the amount at byte
// `b` (review 13, D58); or the mention before the noun (noun_after_mention()). Its index in `mats`, else -1.
int quantity_noun_subject(const std::vector<MaterialMention>& mats, std::string_view folded, size_t b) {
  auto before_b = [&](const MaterialMention& m) { return m.end <= b; };
  const size_t k = static_cast<size_t>(std::partition_point(mats.begin(), mats.end(), before_b) - mats.begin());
  if (k == 0) return -1;
  const MaterialMention& m = mats[k - 1];
  std::string_view gap = folded.substr(m.end, b - m.end);
  if (noun_after_mention(gap)) return static_cast<int>(k - 1);
  if (gap != " was " && gap != " is " && gap != " were " && gap != " was about " && gap != " was approximately ") return -1;
  std::string_view lead = folded.substr(0, m.begin);
  for (std::string_view noun : {"concentration of "sv, "concentration of the "sv, "amount of "sv, "amount of the "sv,
                                "volume of "sv, "volume of the "sv, "mass of "sv, "molarity of "sv}) {
    if (lead.ends_with(noun)) return static_cast<int>(k - 1);
  }
  return -1;
}

// "PtCl4, PdCl2 and RhCl3 dissolved in ethanol (0.05 mol L−1 each)": an "each" bracket after the
// medium the reagents are in doses each reagent, not the medium; the amount stays unlinked (review
// 14a, A38). `open` is the bracket's byte.
bool each_after_solvent(const MaterialMention& m, std::string_view folded, size_t open) {
  const size_t close = folded.find(')', open);
  if (close == std::string_view::npos || close - open > 60) return false;
  std::string_view inside = folded.substr(open + 1, close - open - 1);
  return (inside.ends_with(" each") || inside.find(" each ") != std::string_view::npos) &&
         folded.substr(0, m.begin).ends_with(" in ");
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

// "Y2O3, Al2O3 and CeO2 (molar ratio 2.97:5:0.06)": a ratio in the bracket after the last member of
// a list is the proportion of the whole list, no amount of that member (review 17c, C9).
bool list_ratio(const std::vector<MaterialMention>& mats, std::string_view folded, int last, const Raw& r) {
  if (last <= 0 || r.e.quantity != "molar_ratio"sv) return false;
  const MaterialMention& prev = mats[last - 1];
  const size_t from = mats[last].begin;
  if (prev.end > from) return false;
  std::string_view gap = folded.substr(prev.end, from - prev.end);
  return gap == " and " || gap == ", and " || gap == ", ";
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

}  // namespace

namespace {

// Whether material `solute` is the element a stock solution `stock` is named after ("TOP–S (1.3 mL,
// 0.12 g S)", "TOP-Se (2 mL, 0.16 g Se)", "S-ODE (5 mL, 32 mg S)"): an amount naming it gives the
// solute's share, not the solution's. "Ni(acac)2 (0.1 mmol Ni)" restates the reagent and stays.
bool stock_solute(const std::vector<MaterialMention>& mats, std::string_view text, int stock, int solute) {
  const std::string_view name = text.substr(mats[stock].begin, mats[stock].end - mats[stock].begin);
  const std::string_view el = text.substr(mats[solute].begin, mats[solute].end - mats[solute].begin);
  if (el.empty() || el.size() > 2 || name.size() <= el.size() + 1) return false;
  for (std::string_view sep : {"-"sv, "\xE2\x80\x93"sv, ":"sv, "/"sv}) {
    const std::string_view tail = name.substr(name.size() - std::min(name.size(), el.size() + sep.size()));
    if (tail.size() == el.size() + sep.size() && tail.starts_with(sep) && tail.ends_with(el)) return true;
    if (name.starts_with(el) && name.substr(el.size()).starts_with(sep)) return true;
  }
  return false;
}

// Whether amounts am[x, y) of mixed kinds in a bracket after a list of materials are one per item:
// "CdO, OA and ODE (0.2 mmol, 1 mL and 10 mL)". Only an enumeration of plain measures counts (no
// ratio, fraction or concentration: "OA and OAm (1:1, 10 mL)" is one mixture), with no mass beside a
// mole count, which may weigh the same item ("CdO and OA (25.6 mg and 0.2 mmol)").
bool mixed_measures_pair(const std::vector<Raw>& raws, const std::vector<size_t>& am, size_t x, size_t y,
                         std::string_view folded) {
  // The amounts are an enumeration like the materials' ("0.2 mmol, 1 mL and 10 mL"), not two
  // measures of one mixture ("OA and OAm (2 mmol, 10 mL)").
  const std::string_view last_join = folded.substr(raws[am[y - 2]].end, raws[am[y - 1]].begin - raws[am[y - 2]].end);
  if (last_join.find("and ") == std::string_view::npos && last_join.find("or ") == std::string_view::npos) return false;
  for (size_t k = x; k < y; ++k) {
    const std::string& q = raws[am[k]].e.quantity;
    if (q != "moles" && q != "mass" && q != "volume") return false;
    if (k > x) {
      const std::string& p = raws[am[k - 1]].e.quantity;
      if ((p == "mass" && q == "moles") || (p == "moles" && q == "mass")) return false;
    }
  }
  return true;
}

// "534-17-8": a CAS registry number (two to seven digits, two digits, one check digit).
bool cas_number(std::string_view r) {
  const size_t a = r.find('-');
  if (a < 2 || a > 7 || r.size() != a + 5 || r[a + 3] != '-') return false;
  for (size_t k = 0; k < r.size(); ++k) {
    if (k != a && k != a + 3 && !is_digit(r[k])) return false;
  }
  return true;
}

// "Oleylamine 23 (5 mL)", "Cesium carbonate (534-17-8) (0.2 g)": a reference number flattened from a
// superscript, or a CAS number in brackets, between a material and its amount bracket (review 16a,
// A34). `k` is where the text before the amount bracket ends. Returns the material that ends at the
// token before token t when token t is a bare one- to three-digit number ending at k, or a CAS number
// whose brackets (the token's trimmed wrapping) end at k, set off by a space; else -1. Token t is the
// first that ends after k - 1: the one after a CAS token.
int material_before_citation(const TokenView& view, const std::vector<int>& mat_ending_at_token, size_t t, size_t k) {
  if (t < view.tokens.size() && t > 0 && view.tokens[t].begin >= k) --t;  // the CAS token ends before the ')'
  if (t == 0 || t >= view.tokens.size() || mat_ending_at_token[t - 1] < 0) return -1;
  std::string_view r = view.raw(t);
  const Token& tok = view.tokens[t];
  const bool citation = tok.end == k && !r.empty() && r.size() <= 3 && r.find_first_not_of("0123456789") == std::string_view::npos;
  const bool cas = tok.end + 1 == k && tok.begin > 0 && view.text[tok.begin - 1] == '(' && view.text[tok.end] == ')' &&
                   cas_number(r);
  if (!citation && !cas) return -1;
  if (cas) {
    // The gap before the bracket is its '(' after one space.
    return tok.begin >= 2 && view.tokens[t - 1].end + 2 == tok.begin && view.text[tok.begin - 2] == ' '
               ? mat_ending_at_token[t - 1]
               : -1;
  }
  std::string_view gap = view.text.substr(view.tokens[t - 1].end, view.tokens[t].begin - view.tokens[t - 1].end);
  return gap == " " ? mat_ending_at_token[t - 1] : -1;
}

}  // namespace

namespace detail {

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
    const AmountIndex amounts(raws);
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
              amounts.any_between(raws, p, p + 2, [&](const Raw& o) { return o.end == close; })) {
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
                      grade_word(w) || w == "excess";  // "with 5% excess Li2CO3" (review 14b, B95)
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
        if (before < 0 && t < view.tokens.size()) before = material_before_citation(view, mat_ending_at_token, t, k);
        if (before >= 0 && list_ratio(mats, folded, before, raws[ri])) {
          before = -1;
        } else if (before >= 0 && !mixture_of_before(mats, folded, before)) {
          // (Whether the bracket holds a concentration matters to a volume only: asked only then.)
          const bool volume = raws[ri].e.quantity == "volume"sv;
          link = solute_before(mats, folded, before, volume, volume && concentration_in_bracket(raws, amounts, text, open));
          if (link == before && raws[ri].e.quantity == "concentration"sv) link = dispersed_product(mats, folded, before);
          if (link == before && each_after_solvent(mats[before], folded, open)) link = -1;
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
            for (size_t q = amounts.first_after(raws, open); q < amounts.raw.size() && amounts.raw[q] < ri; ++q) {
              const Raw& r = raws[amounts.raw[q]];
              share += r.e.quantity == "fraction" && r.begin > open;
            }
            if (link + share <= last_part) link += share;
          }
        } else if (t < view.tokens.size() && view.tokens[t].end == k) {
          // "HAuCl4 solution (10 mL)", "the Au seed solution (0.12 mL)", "Se powder (12 mg)": the
          // solute or the solid, unless a material follows inside the bracket ("NaOH solution (7.5 g
          // NaOH + 25 mL of H2O)").
          size_t h = solution_head(view, t);
          if (h == t) h = form_head(view, t);
          if (h != t && target_share(view, t, raws[ri], text)) h = t;
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
              inside.find("containing ") != std::string_view::npos ||
              (link >= 0 && stock_solute(mats, text, link, forward_link))) {
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
    am.reserve(raws.size());
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
      // Looked for within reach only (a search to the paragraph's end per list is quadratic).
      const std::string_view word = "respectively";
      size_t r = find_bytes(std::string_view(folded).substr(0, std::min(folded.size(), a + 32 + word.size())), word, a);
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
        if (raws[am[k]].e.quantity != raws[am[x]].e.quantity) return mixed_measures_pair(raws, am, x, y, folded);
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

}  // namespace detail

}  // namespace synthdb::rules
