// The word pass (find_words): operations, methods, phases, atmospheres; and the morphologies
// (find_morphologies).
#include <cstdlib>

#include "extract/rules/extractor_impl.h"
#include "extract/rules/word_shape.h"

namespace synthdb::rules {

using namespace detail;

namespace {

// A word entity over tokens [first, last]: its type and normalised value (the word pass's one shape
// of entity).
void add_word_entity(std::vector<Raw>& raws, const TokenView& view, size_t first, size_t last, std::string_view type,
                     std::string normalized) {
  Raw& r = raws.emplace_back();
  r.begin = view.tokens[first].begin;
  r.end = view.tokens[last].end;
  r.e.type = type;
  r.e.normalized = std::move(normalized);
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

// "mixed anatase/rutile phases", "the anatase/rutile ratio": a token of two phase names joined by one
// slash is two phases (s21-optics2). Only the lexicon's ungated one-word phase names, both sides,
// so that "Au/TiO2" or "and/or" are never read; not when negated ("no anatase/rutile phase").
bool slashed_phases(const TokenView& view, size_t i, std::vector<Raw>* raws) {
  const std::string_view w = view.folded[i];
  // The length first: this runs for every token that starts no lexicon phrase (find() is a memchr call).
  if (w.size() < 12) return false;
  const size_t slash = w.find('/');
  if (slash == std::string_view::npos || w.find('/', slash + 1) != std::string_view::npos ||
      view.tokens[i].end - view.tokens[i].begin != w.size()) {
    return false;
  }
  static constexpr std::string_view kNames[] = {"anatase", "rutile", "brookite", "wurtzite", "spinel",
                                                "kesterite", "chalcopyrite", "tetragonal", "orthorhombic",
                                                "monoclinic", "rhombohedral", "amorphous"};
  const std::string_view a = w.substr(0, slash), b = w.substr(slash + 1);
  auto name = [&](std::string_view x) { return std::find(std::begin(kNames), std::end(kNames), x) != std::end(kNames); };
  if (!name(a) || !name(b) || a == b || phase_negated(view, i, i)) return false;
  const uint32_t begin = view.tokens[i].begin;
  for (auto [off, part] : {std::pair<size_t, std::string_view>{0, a}, {slash + 1, b}}) {
    Raw& r = raws->emplace_back();
    r.begin = begin + static_cast<uint32_t>(off);
    r.end = r.begin + static_cast<uint32_t>(part.size());
    r.e.type = "phase";
    r.e.normalized = std::string(part);
  }
  return true;
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
  return w == "phase" || w == "phases" || w == "structure" || w == "form";  // "cubic β-form" (s21-optics)
}

// "Table 2 Structural data. Sample Phase a (Å) Eg (eV) ZnO-400 hexagonal 3.249": a crystal-system
// adjective as a cell of a table with a "Phase" column, before the row's next number cell or at the
// table's end, names that row's phase (s21-optics). The caption is searched for up to 400 bytes back.
bool table_phase_cell(const TokenView& view, size_t i) {
  const std::string_view text = view.text;
  const size_t b = view.tokens[i].begin, e = view.tokens[i].end;
  if (e < text.size() && !(text[e] == ' ' && e + 1 < text.size() && is_digit(text[e + 1]))) return false;
  const std::string_view back = text.substr(b > 400 ? b - 400 : 0, b - (b > 400 ? b - 400 : 0));
  const size_t table = back.rfind("Table ");
  if (table == std::string_view::npos) return false;
  const size_t phase = back.find(" Phase ", table);
  return phase != std::string_view::npos && back.substr(phase).find(". ") == std::string_view::npos;
}

// Whether token i follows a material mention written with a Greek polymorph prefix ("α-NaYF4
// cubic nanocrystals", "β-NaYF4 hexagonal plates"): a crystal-system adjective there names the
// polymorph's phase, not a shape (review 13, D52).
bool polymorph_before(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  if (i == 0 || !in_material[i - 1] || view.tokens[i].begin != view.tokens[i - 1].end + 1) return false;
  size_t b = i - 1;
  while (b > 0 && in_material[b - 1] && view.tokens[b].begin == view.tokens[b - 1].end) --b;
  std::string_view w = view.text.substr(view.tokens[b].begin, view.tokens[i - 1].end - view.tokens[b].begin);
  return w.size() > 3 && polymorph_prefix(w, Polymorph::kMention).size;
}

// "a mixture of hexagonal and cubic phases": two crystal-system adjectives joined before a plural
// phase noun both name phases (review 16b, B29). Token `i` is one of the two adjectives.
bool coordinated_lattice_phases(const TokenView& view, size_t i) {
  auto lattice = [&](size_t k) {
    return one_of(view.folded[k], {"cubic", "hexagonal", "tetragonal", "monoclinic", "orthorhombic", "rhombohedral"});
  };
  auto joined = [&](size_t a) {  // tokens a, a + 1, a + 2, a + 3: adjective, and/or, adjective, noun
    return a + 3 < view.tokens.size() && one_of(view.folded[a + 1], {"and", "or"}) && lattice(a) && lattice(a + 2) &&
           one_of(view.folded[a + 3], {"phases", "structures"});
  };
  return joined(i) || (i >= 2 && joined(i - 2));
}

// The crystal-system adjectives phase_before_material() reads, and their shape (the caller's gate).
constexpr std::string_view kCrystalSystems[] = {"cubic", "hexagonal", "tetragonal", "monoclinic", "orthorhombic"};
constexpr WordShape kCrystalSystemShape(kCrystalSystems);

// "cubic CdSe", "cubic CsPbI3 NCs", "hexagonal wurtzite CdS": a crystal-system adjective right
// before a material mention (or before a phase noun, which has its own entity) is a phase. Alone,
// "cubic" and "hexagonal" are shapes or lattice words, so only these contexts count.
void phase_before_material(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material,
                           std::vector<Raw>* raws) {
  std::string_view w = view.folded[i];
  if (std::find(std::begin(kCrystalSystems), std::end(kCrystalSystems), w) == std::end(kCrystalSystems)) return;
  if (coordinated_lattice_phases(view, i)) {
    add_word_entity(*raws, view, i, i, "phase", std::string(w));
    return;
  }
  // "the hexagonal (β) phase", "cubic (α) structure": a bracketed label between adjective and noun.
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 4; ++k) {
    std::string_view gap = view.text.substr(view.tokens[i].end, view.tokens[k].begin - view.tokens[i].end);
    // (Up to 24 bytes: a mineral name, "hexagonal (djurleite) structure".)
    if (gap.size() > 24 || gap.find(')') == std::string_view::npos) continue;
    if (gap.substr(0, 2) != " (" || !gap.ends_with(") ")) break;
    if (view.folded[k] == "phase" || view.folded[k] == "phases" || view.folded[k] == "structure") {
      add_word_entity(*raws, view, i, i, "phase", std::string(w));
      return;
    }
    break;
  }
  if (table_phase_cell(view, i)) {
    add_word_entity(*raws, view, i, i, "phase", std::string(w));
    return;
  }
  const bool polymorph = polymorph_before(view, i, in_material);
  if (!polymorph && (i + 1 >= view.tokens.size() || view.tokens[i + 1].begin != view.tokens[i].end + 1)) return;
  std::string_view next = polymorph ? std::string_view() : view.folded[i + 1];
  if (!polymorph && !in_material[i + 1] && !greek_phase_after(view, i) && next != "wurtzite" && next != "zinc" &&
      next != "zincblende" && next != "zinc-blende" &&
      next != "rock" && next != "rocksalt" && next != "rock-salt" &&
      // "the cubic fluorite structure", "a cubic spinel": a structure type named after the system.
      next != "fluorite" && next != "spinel" && next != "garnet" && next != "pyrochlore" && next != "bixbyite") {
    return;
  }
  if (!polymorph && w.size() == 9 && in_material[i + 1] && hexagonal_plate_outline(view, i)) return;
  add_word_entity(*raws, view, i, i, "phase", std::string(w));
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

// O2 and H2 are reagents and products as often as atmospheres ("evolution of H2", "reacts with O2",
// "oxygen vacancies"): they need a cue that names the surroundings (under, in, flowing, atmosphere).
// A mixture ("H2/Ar") is as reactive as its reactive part; forming gas is H2 in N2.
bool reactive_gas(std::string_view v) {
  return v.find("O2") != std::string_view::npos || v.find("H2") != std::string_view::npos || v == "forming gas";
}

// A noun after a gas that makes the gas its modifier, not the surroundings: "in oxygen vacancies",
// "in H2 evolution", "in hydrogen storage" (the gas is then no atmosphere).
bool gas_as_modifier(std::string_view next) {
  return one_of(next, {"vacancy", "vacancies", "evolution", "reduction", "oxidation", "content", "storage",
                       "production", "sensing", "sensor", "sensors", "adsorption", "desorption", "uptake",
                       "permeation", "permeability", "consumption", "atoms", "atom", "ions", "ion", "bonds",
                       "bond", "bonding", "spillover", "chemisorption", "isotherm", "isotherms", "molecules",
                       "generation", "separation", "sorption", "physisorption", "concentration", "partial",
                       "pressure", "plasma", "transport", "permeable", "deficiency", "nonstoichiometry",
                       "stoichiometry", "exchange", "diffusion", "release", "loss", "sensitivity", "conductivity",
                       "molecule", "dissociative", "dissociation", "potential", "chemical", "tracer", "gradient",
                       "gradients", "flux", "activity", "isotope", "diffusivity", "concentrations", "rate",
                       "incorporation", "surface"});
}

// Words that may stand between the preposition and the gas of an atmosphere: "in static air", "under
// flowing dry air", "in humidified H2", "in a reducing atmosphere of 5% H2 and 95% N2"; a quantity
// token ("under 1 MPa N2", "in 10% H2", "under 80 sccm Ar") is skipped by the caller.
bool gas_modifier(std::string_view w) {
  return one_of(w, {"static", "flowing", "flowed", "dry", "dried", "humidified", "humid", "wet", "moist", "pure",
                    "purified", "high-purity", "ultrapure", "synthetic", "ambient", "stagnant", "a", "an",
                    "dilute", "diluted", "and", "sccm", "atm", "mbar", "bar", "pa", "kpa", "mpa", "torr", "vol%",
                    "vol.%", "%"});
}

// "re-annealed", "pre-reduced", "post-oxidized", "co-sintered": the step word after its prefix (review 14d, F7).
std::string_view step_stem(std::string_view w) {
  for (std::string_view prefix : {"co-"sv, "post-"sv, "pre-"sv, "re-"sv}) {
    if (w.starts_with(prefix)) return w.substr(prefix.size());
  }
  return w;
}

// Whether the gas at tokens [i, end) with value `v` is the atmosphere of a step. The old cue first
// (a preposition right before, or under two before; a following atmosphere/flow/gas word), then
// (s14-fixo) a walk back over modifiers, quantities and the other gases of a mixture to the
// preposition ("calcined in static air", "sintered under 1 MPa N2", "reduced in 5% H2 and 95% N2"),
// and past a bracketed ratio to the noun ("under Ar/H2 (95:5) atmosphere").
// "H2-TPR was performed in 10% H2/Ar", "TGA in O2 flow", "the activation energy of PBFM in H2", "the
// impedance at 800 °C in H2": a measurement named earlier in the clause (ten words back, up to a
// '.', ';' or a step word) makes a reactive gas the test's condition, no atmosphere of the synthesis
// (review 14c, D1; air, N2 and Ar stay atmospheres there, as in BASE).
bool measured_in_gas(const TokenView& view, size_t i) {
  for (size_t k = i; k-- > 0 && i - k <= 10;) {
    const std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(".;") != std::string_view::npos) return false;
    const std::string_view w = step_stem(view.folded[k]);
    // "conductivity of samples sintered under H2", "re-annealed in H2": a step in between owns the gas.
    if (w.starts_with("oxidi") || w.starts_with("sinter") || w.starts_with("anneal") || w.starts_with("calcin") || w.starts_with("reduc") ||
        w.starts_with("heat") || w.starts_with("treat") || w.starts_with("equilibrat") ||
        one_of(w, {"fired", "dried", "kept", "held", "cooled", "prepared", "synthesized", "grown"})) {
      return false;
    }
    if (w.ends_with("-tpr") || w.starts_with("measur") || w.starts_with("conductiv") || w.starts_with("impedance") ||
        w.starts_with("polari") ||
        one_of(w, {"tpr", "tga", "tg", "dta", "dsc", "thermogravimetric", "thermogravimetry", "eis", "activation",
                   "test", "tests", "tested", "testing", "sensor", "sensing", "reactor", "performance", "ocv",
                   "asr", "stability"})) {
      return true;
    }
  }
  return false;
}

bool atmosphere_cue(const TokenView& view, size_t i, size_t end, std::string_view v,
                    const std::vector<uint8_t>& blocked, const std::vector<uint8_t>& in_material,
                    const ValueLexicon& atmospheres) {
  std::string_view prev = i > 0 ? std::string_view(view.folded[i - 1]) : std::string_view();
  std::string_view prev2 = i > 1 ? std::string_view(view.folded[i - 2]) : std::string_view();
  std::string_view next = end < view.tokens.size() ? std::string_view(view.folded[end]) : "";
  const bool reactive = reactive_gas(v);
  // "hydrogen peroxide", "oxygen-containing": the gas word is part of a longer name.
  if (reactive && ((end < view.tokens.size() && in_material[end]) || gas_as_modifier(next))) return false;
  if (reactive && measured_in_gas(view, i)) return false;
  const bool named_after = next.starts_with("atmosphere") || next == "flow" || next == "gas" ||
                           next.starts_with("glove") || next == "protection" || next == "stream" || next == "oven";
  if (v == "inert") return named_after && (next.starts_with("atmosphere") || next == "gas");
  if (!reactive) {
    bool cue = prev == "under" || prev2 == "under" || prev == "in" || prev == "of" || prev == "with" ||
               prev == "flowing" || named_after;
    if (cue) return true;
  } else if (prev == "under" || prev == "in" || prev == "flowing") {
    return true;
  } else if (named_after) {
    // "O2 gas diffusion", "the hydrogen flow rate", "the diffusion of oxygen gas": a gas word names
    // the reactive gas's surroundings only after a preposition, a modifier or a quantity ("under a
    // H2 gas flow", "50 sccm dry H2 gas was supplied"), or at the start of a sentence.
    if (next.starts_with("atmosphere")) return true;
    std::string_view after = end + 1 < view.tokens.size() ? std::string_view(view.folded[end + 1]) : "";
    const bool starts = i == 0 || view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end)
                                          .find_first_of(".;") != std::string_view::npos;
    if (!gas_as_modifier(after) && after != "from" &&
        (starts || one_of(prev, {"a", "an", "with"}) || gas_modifier(prev) || blocked[i - 1])) {
      return true;
    }
  }
  if (gas_as_modifier(next)) return false;
  // "under Ar/H2 (95:5) atmosphere", "in O2 (99.999%) flow": a bracketed quantity before the noun.
  for (size_t k = end; k < view.tokens.size() && k < end + 2 && blocked[k]; ++k) {
    std::string_view w = k + 1 < view.tokens.size() ? std::string_view(view.folded[k + 1]) : "";
    if (w.starts_with("atmosphere") || w == "flow" || w == "gas" || w == "stream") return true;
  }
  for (size_t k = i, walked = 0; k-- > 0 && walked < 7; ++walked) {
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(".;") != std::string_view::npos) return false;  // the sentence starts
    std::string_view w = view.folded[k];
    if (one_of(w, {"under", "in", "flowing"})) return walked > 0;
    // "an atmosphere of 5% H2", "with 3% O2": of and with only after an atmosphere word, or for the
    // inert gases.
    if (w == "of" || w == "with") {
      return walked > 0 && (!reactive || (k > 0 && (view.folded[k - 1].starts_with("atmosphere") ||
                                                    view.folded[k - 1] == "mixture" || view.folded[k - 1] == "flow")));
    }
    if (blocked[k] || (!w.empty() && (w[0] >= '0' && w[0] <= '9')) || gas_modifier(w)) continue;
    if (atmospheres.matcher.match(view, k).entry >= 0) continue;  // the other gas of a mixture
    return false;
  }
  return false;
}

// "in 10% H2/Ar", "under Ar/H2 (95:5) atmosphere", "in 5% H2/N2": a gas mixture written as one token
// of gases joined by '/': its normalized form ("H2/Ar"), or "" for any other token. The caller
// asks atmosphere_cue() as for one gas.
std::string gas_mixture_word(std::string_view w, const ValueLexicon& atmospheres) {
  if (w.size() < 4 || w.size() > 16 || !has_byte(w, '/')) return {};
  std::string normalized;
  for (size_t b = 0, e; b <= w.size(); b = e + 1) {
    e = std::min(w.find('/', b), w.size());
    TokenView part(w.substr(b, e - b));
    if (part.tokens.size() != 1) return {};
    auto m = atmospheres.matcher.match(part, 0);
    if (m.entry < 0 || atmospheres.values[m.entry] == "inert" || atmospheres.values[m.entry] == "vacuum") return {};
    if (!normalized.empty()) normalized += '/';
    normalized += atmospheres.values[m.entry];
  }
  return normalized;
}

// Where a byte occurs in a text, asked for spans in text order: whether it occurs in [begin, end).
// One memchr() per occurrence instead of a byte loop over each span (the word pass asks of every
// token whether it holds a '/', find_morphologies() of every longer one whether it holds a '/', '@'
// or '-').
class ByteCursor {
 public:
  ByteCursor(std::string_view text, char c) : text_(text), c_(c), at_(text.find(c)) {}
  // `begin` must not decrease from one call to the next.
  bool in(size_t begin, size_t end) {
    if (at_ < begin) at_ = text_.find(c_, begin);  // (npos stays: no byte at or after it)
    return at_ < end;
  }

 private:
  std::string_view text_;
  char c_;
  size_t at_;  // the first occurrence at or after the last `begin`, npos for none
};

// Whether token i may be a gas mixture (gas_mixture_word()'s own length and slash tests), with the
// paragraph's slashes in `slashes`.
bool may_be_gas_mixture(const TokenView& view, size_t i, ByteCursor& slashes) {
  const Token& t = view.tokens[i];
  return t.end - t.begin >= 4 && t.end - t.begin <= 16 && slashes.in(t.begin, t.end);
}

// Whether tokens a and a + 1 are written with one space between them.
bool one_space_after(const TokenView& view, size_t a) {
  return view.tokens[a].end + 1 == view.tokens[a + 1].begin && view.text[view.tokens[a].end] == ' ';
}

// Whether token k, after a spaced gas's count, is an element group with its own count written apart:
// "N 2 H 4" is hydrazine, no N2 atmosphere.
bool spaced_group_after(const TokenView& view, size_t k) {
  if (k + 1 >= view.tokens.size() || !one_space_after(view, k - 1) || !one_space_after(view, k)) return false;
  std::string_view group = view.raw(k), count = view.raw(k + 1);
  return !group.empty() && group.size() <= 2 && is_upper(group[0]) && (group.size() == 1 || is_lower(group[1])) &&
         !count.empty() && count.size() <= 2 && count.find_first_not_of("0123456789") == std::string_view::npos;
}

// "under N 2", "in O 2 flow", "in 5% H 2 /Ar": a gas formula with its count written apart by the PDF
// conversion, read as its glued form (review 16a, A13). Returns the gas's normalized value and sets
// *tokens to the tokens it spans, or "" when token i starts no such gas ("O 2 −" is an ion).
std::string spaced_gas(const TokenView& view, size_t i, const ValueLexicon& atmospheres, size_t* tokens) {
  const size_t n = view.tokens.size();
  if (i + 1 >= n || view.raw(i).size() != 1 || view.raw(i + 1) != "2" ||
      !spaced_diatomic_gas(view.text, view.tokens[i].begin)) {
    return {};
  }
  std::string glued = std::string(view.raw(i)) + "2";
  std::string_view after = i + 2 < n && one_space_after(view, i + 1) ? view.raw(i + 2) : std::string_view();
  if (after.starts_with('/')) {
    if (std::string mixture = gas_mixture_word(glued + std::string(after), atmospheres); !mixture.empty()) {
      *tokens = 3;
      return mixture;
    }
  }
  if (!after.empty() && (after[0] == '+' || dash_len(after, 0) == after.size())) return {};
  if (spaced_group_after(view, i + 2)) return {};
  TokenView part(glued);
  if (part.tokens.size() != 1) return {};
  auto m = atmospheres.matcher.match(part, 0);
  if (m.entry < 0) return {};
  *tokens = 2;
  return atmospheres.values[m.entry];
}

// Whether token i may start spaced_gas(): one capital. Tested inline before the call, which every
// token without an atmosphere would make.
bool may_start_spaced_gas(const TokenView& view, size_t i) {
  const Token& t = view.tokens[i];
  return t.end == t.begin + 1 && is_upper(view.text[t.begin]);
}

// A word before an operation that names its technique, not its manner: "thermally treated", "hot
// pressed", "ball milling", "freeze drying", "furnace cooled" ("slowly added", "vigorously stirred"
// are manners). Token `k` must be followed by the operation word after one space.
constexpr std::string_view kTechniqueWords[] = {"thermally", "ultrasonically", "hydrothermally", "solvothermally",
                                                "isostatically", "hot", "vacuum", "freeze", "heat", "ball", "furnace",
                                                "ultrasonic", "hydrothermal", "solvothermal"};
constexpr WordShape kTechniqueShape(kTechniqueWords);  // (asked before every word entity)

bool technique_modifier(const TokenView& view, size_t k) {
  const std::string_view w = view.folded[k];
  if (!kTechniqueShape.may_be(w) ||
      std::find(std::begin(kTechniqueWords), std::end(kTechniqueWords), w) == std::end(kTechniqueWords)) {
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

// Whether the bytes between tokens k - 1 and k hold a ',', ';' or '.': the clause ends there.
bool clause_punct_before(const TokenView& view, size_t k) {
  return view.text.substr(view.tokens[k - 1].end, view.tokens[k].begin - view.tokens[k - 1].end).find_first_of(",;.") !=
         std::string_view::npos;
}

// Whether token `k` is a plural noun for the synthesised particles ("the CdSe NCs decomposed").
bool product_particles(const TokenView& view, size_t k) {
  return one_of(view.folded[k], {"ncs", "qds", "nps", "npls", "nanocrystals", "nanoparticles", "particles", "dots",
                                 "nanorods", "nanowires", "nanoplates", "nanoplatelets", "nanocubes", "nanosheets"});
}

// "precipitated after 2 days", "within 1 h", "overnight", "instead of ZnO": the product fell out of
// solution by itself (an instability or a side product), so no purification step (review 16b, B28;
// "was precipitated by adding ethanol" is a step: only the active verb, a time lapse within the clause).
bool spontaneous_precipitation(const TokenView& view, size_t i) {
  const size_t n = view.tokens.size();
  if (view.folded[i] != "precipitated" || (i > 0 && one_of(view.folded[i - 1], {"was", "were", "be", "been", "is", "are"}))) {
    return false;
  }
  for (size_t k = i + 1; k < n && k <= i + 4; ++k) {
    if (clause_punct_before(view, k)) return false;
    const std::string_view w = view.folded[k];
    if (w == "overnight" || (w == "instead" && k == i + 1)) return true;
    if ((w == "after" || w == "within") && k + 2 < n &&
        (is_digit(view.folded[k + 1].front()) || one_of(view.folded[k + 1], {"a", "one", "several", "few"}))) {
      for (size_t j = k + 2; j < n && j <= k + 3; ++j) {
        if (one_of(view.folded[j], {"min", "h", "hours", "hour", "day", "days", "week", "weeks", "month", "months"})) {
          return true;
        }
      }
    }
  }
  return false;
}

// "The CsPbBr3 NCs dissolved in ethanol", "led to the dissolution of the nanorods": the product
// dissolved, no mixing step (review 16b, B4). "The NCs dissolved in hexane were injected" is a reduced
// relative (a be-verb follows in the clause) and stays a step; "the seeds dissolved" (a reagent) too.
// The product noun may follow its material's name or a modifier ("dissolution of the Ag nanowires",
// "of the as-prepared CdSe NCs", s18-bugs); "dissolution of AgNO3 in water" names no product noun.
bool product_dissolved(const TokenView& view, size_t i) {
  const size_t n = view.tokens.size();
  if (view.folded[i] == "dissolution") {
    size_t k = i + 1;
    if (k < n && view.folded[k] == "of") ++k;
    if (k < n && view.folded[k] == "the") ++k;
    if (k == i + 1) return false;
    for (size_t last = std::min(n, k + 3); k < last && !clause_punct_before(view, k); ++k) {
      if (product_particles(view, k)) return true;
    }
    return false;
  }
  if (view.folded[i] != "dissolved" || i == 0 || !product_particles(view, i - 1)) return false;
  for (size_t k = i + 1; k < n && k <= i + 8; ++k) {
    if (clause_punct_before(view, k)) break;
    if (view.folded[k] == "and") break;  // "dissolved in DMF and no colloid was obtained": a new clause
    if (one_of(view.folded[k], {"was", "were", "are", "is"})) return false;
  }
  return true;
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
  if (w == "decomposed" && i > 0 && product_particles(view, i - 1)) return true;
  if (w.starts_with("dissol") && product_dissolved(view, i)) return true;
  if (w.starts_with("precipitat") && spontaneous_precipitation(view, i)) return true;
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
    for (size_t k = i; k > 0 && i - k < 8 && !clause_punct_before(view, k);) {
      if (emission(--k)) return true;
    }
    for (size_t k = i + 1; k < n && k <= i + 3 && !clause_punct_before(view, k); ++k) {
      if (emission(k)) return true;
    }
  }
  return false;
}

// "ZnO nanoparticles were precipitated by the addition of KOH", "precipitated with NH4OH": a base or
// precipitant within the next eight words forms the product, so the precipitation is its reaction,
// not a purification ("precipitated by adding ethanol" stays one; review 13, D65). So does a pH set
// for it: "Hydroxyapatite was precipitated at pH 10" (review 14b, B39); a work-up sets none.
bool precipitation_forms_product(const TokenView& view, std::string_view folded, size_t i) {
  if (!view.folded[i].starts_with("precipitat")) return false;
  // "a simple precipitation reaction between AgNO3 and Na2HPO4", "by chemical precipitation", "NaOH
  // as the precipitating agent": a precipitation that makes the product (review 14b, B71).
  if (i + 1 < view.tokens.size() && one_of(view.folded[i + 1], {"reaction", "reactions", "agent", "agents"})) {
    return true;
  }
  if (i > 0 && one_of(view.folded[i - 1], {"chemical", "simple", "direct", "homogeneous", "facile"})) return true;
  // "precipitated at pH 10", "at a pH of 9": the pH is the precipitation's own (not "..., and
  // redispersed in water at pH 7" further on).
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 4; ++k) {
    if (clause_punct_before(view, k)) break;
    if (view.folded[k] == "ph") return !detail::precipitate_removed(folded.substr(view.tokens[k].end));
  }
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

}  // namespace

namespace detail {

// A quantity that changes rather than a solid that reacts: "the particle size was reduced", "to
// reduce the cost" (for the verb-gated entries of operations.tsv).
bool changing_quantity(std::string_view w) {
  return one_of(w, {"size", "sizes", "time", "times", "amount", "temperature", "concentration", "thickness", "content",
                    "yield", "number", "pressure", "loading", "rate", "ratio", "volume", "cost", "costs",
                    "agglomeration", "aggregation", "intensity", "value", "width", "length", "density", "current",
                    "voltage", "resistance", "loss", "losses"});
}

}  // namespace detail

bool test_verb(std::string_view w) {
  return one_of(w, {"evaluated", "tested", "assessed", "measured", "examined", "monitored", "probed",
                    "determined", "quantified", "estimated"});
}

bool analysis_verb(std::string_view w) {
  return test_verb(w) || one_of(w, {"characterized", "characterised", "analyzed", "analysed", "studied",
                                    "investigated", "confirmed", "calculated", "verified"});
}

namespace {

// What a step acts on when it is no named material: "to dilute the solution", "to precipitate
// excess ligand".
bool sample_noun(std::string_view w) {
  return one_of(w, {"solution", "solutions", "dispersion", "suspension", "mixture", "sample", "samples", "product",
                    "products", "powder", "powders", "ncs", "nps", "nanocrystals", "nanoparticles", "particles", "film",
                    "films", "precursor", "precursors", "metal", "ions", "salt", "excess", "ligand", "ligands",
                    "unreacted", "impurities", "seeds", "gel", "slurry"});
}

// Whether the verb-gated word at `i` is a step: after a passive auxiliary ("was reduced in H2",
// "were then crystallized at 170 °C"), as an infinitive acting on a material ("to reduce GO"), or
// after "and" before a condition or the end of the clause ("dried and reduced at 400 °C", "mixed and
// then electrospun."); not a value that changes ("was reduced to 5 nm", "the time was reduced from
// 24 to 2 h", "to reduce the operating temperature") nor a general statement ("NOx can be reduced").
// Its participle is mostly an adjective ("reduced graphene oxide", "well crystallized powders",
// "electrospun fibers", "dilute HNO3", "the white precipitate").
bool verb_step(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  const size_t n = view.tokens.size();
  size_t k = i;
  // "were then reduced", "was reactively sputtered", "were thermally reduced": a time word or an
  // adverb of the technique (-ally, -ively); not one of degree or ease, which tells an outcome or a
  // property ("the InP cores were heavily oxidized", "GDC being easily reduced").
  while (k > 0 && (one_of(view.folded[k - 1], {"then", "further", "subsequently", "first", "also", "finally", "again",
                                              "partially", "completely", "fully", "directly", "slowly", "carefully"}) ||
                   (view.folded[k - 1].size() > 5 &&
                    (view.folded[k - 1].ends_with("ally") || view.folded[k - 1].ends_with("ively"))))) {
    --k;
  }
  if (k == 0) return false;
  const std::string_view prev = view.folded[k - 1];
  const std::string_view next = i + 1 < n ? view.folded[i + 1] : std::string_view();
  // "reduced from 300 to 200 °C", "reduced to 5 nm": a value that changes ("sputtered from a LiCoO2
  // target", "crystallized from the gel" name where the step starts from).
  if (one_of(next, {"to", "by", "from"}) && i + 2 < n && is_digit(view.folded[i + 2][0])) return false;
  if (prev == "to") {
    if (view.folded[i].ends_with("ed")) return false;  // "leading to reduced conductivity"
    size_t j = i + 1;
    if (j < n && one_of(view.folded[j], {"the", "a", "its", "their"})) ++j;
    // A material or a sample noun, possibly after one modifier ("to dilute the seed dispersion").
    for (size_t e = std::min(n, j + 2); j < e; ++j) {
      if (in_material[j] || sample_noun(view.folded[j])) return true;
    }
    return false;
  }
  if (one_of(prev, {"was", "were", "been", "being"})) return k < 2 || !changing_quantity(view.folded[k - 2]);
  // "The precursor decomposed at 250 °C", "the gel crystallized at 170 °C": an intransitive change
  // of a named reagent at a set temperature ("the cell decomposed 80% NOx" has none).
  if ((in_material[k - 1] || sample_noun(prev)) && next == "at" && i + 2 < n && is_digit(view.folded[i + 2][0])) {
    return true;
  }
  if (prev != "and") return false;
  if (i + 1 >= n) return true;
  const std::string_view gap = view.text.substr(view.tokens[i].end, view.tokens[i + 1].begin - view.tokens[i].end);
  return gap.find_first_of(".,;") != std::string_view::npos ||
         one_of(next, {"in", "at", "under", "with", "by", "for", "using", "via", "through", "overnight", "into",
                       "onto"});
}

// Whether the step noun at token `i` says how a thing was made: "by sputtering", "by wet
// impregnation", and with a determiner and up to two modifiers between (review 17a, M1): "by the
// reduction of AgNO3", "by thermal decomposition of Co(NO3)2", "via the forced hydrolysis of FeCl3".
// Not through a material ("by the oxygen reduction reaction"), a gerund or a preposition ("by
// changing the reduction conditions", "by the onset of decomposition"), nor a change in a property
// ("offset by the reduction in charge carriers"); "temperature-programmed reduction" is a
// measurement (TPR).
bool made_by_noun(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  if (i > 0 && one_of(view.folded[i - 1], {"by", "via", "wet", "wetness"})) return true;
  if (i + 2 < view.tokens.size() && view.folded[i + 1] == "in" && !in_material[i + 2] &&
      !one_of(view.folded[i + 2], {"flowing", "pure", "dry", "air", "hydrogen", "argon", "nitrogen", "vacuum"})) {
    return false;
  }
  for (size_t k = i, between = 0; k > 0; --k, ++between) {
    const std::string_view w = view.folded[k - 1];
    if (one_of(w, {"by", "via"})) return true;
    // A determiner and two modifiers at most, written as plain words with one space; "in situ" is
    // one modifier ("by in situ polymerization of pyrrole", review 17c C3).
    const bool in_situ = w == "in" && view.folded[k] == "situ";
    if (between == 3 || in_material[k - 1] || w.ends_with("programmed") || w.ends_with("ing") ||
        (!in_situ && one_of(w, {"of", "and", "or", "in", "on", "with", "for", "to", "at", "from"})) ||
        view.tokens[k].begin != view.tokens[k - 1].end + 1 ||
        !std::all_of(w.begin(), w.end(), [](char c) { return is_lower(c) || c == '-'; })) {
      return false;
    }
  }
  return false;
}

// Whether the noun-gated word at `i` ("reduction", "crystallization", "sputtering", "impregnation")
// names a step of the recipe: with a step noun ("a reduction treatment"), as the way a thing was
// made ("by sputtering", "by wet impregnation"), as the subject of a step verb ("Reduction was
// performed"), or with its conditions ("reduction at 700 °C", "crystallization for 3 days",
// "reduction in H2", "oxidation under flowing air"). Elsewhere it is a property or a process talked
// about ("oxygen reduction kinetics", "a reduction in size", "the oxidation state").
bool noun_step(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  const size_t n = view.tokens.size();
  if (i + 1 >= n) return false;
  const std::string_view next = view.folded[i + 1];
  if (one_of(next, {"treatment", "treatments", "step", "steps"})) return true;
  // "by electrospinning method", "via the impregnation procedure": the route's name (as "synthesis
  // method" is; review 14b, B71).
  auto route = [](std::string_view w) {
    return one_of(w, {"method", "methods", "technique", "techniques", "route", "routes", "procedure", "procedures",
                      "protocol", "protocols"});
  };
  if (route(next)) return false;
  // "via a facile impregnation and limited reaction protocol": the name of a two-step route. Not
  // when the second conjunct repeats the step word ("by electrospinning and coaxial electrospinning
  // method"): that is a variant route of its own, and the first is a step (review 17e, R8).
  if (next == "and") {
    for (size_t k = i + 2; k < n && k <= i + 5 && view.tokens[k].begin == view.tokens[k - 1].end + 1; ++k) {
      if (view.folded[k] == view.folded[i]) break;
      if (route(view.folded[k])) return false;
    }
  }
  // "prepared by infiltration", "deposited by sputtering", "by wet impregnation", "by the reduction
  // of AgNO3", "by thermal decomposition of": how it was made.
  if (made_by_noun(view, i, in_material)) return true;
  if (i + 2 >= n || view.tokens[i + 1].begin != view.tokens[i].end + 1) return false;
  const std::string_view after = view.folded[i + 2];
  if (one_of(next, {"was", "were"})) return one_of(after, {"performed", "carried", "done", "conducted", "continued"});
  if (one_of(next, {"at", "for"})) return is_digit(after[0]);
  if (one_of(next, {"in", "under"})) {
    return in_material[i + 2] || one_of(after, {"flowing", "pure", "dry", "air", "hydrogen", "argon", "nitrogen"});
  }
  return false;
}

// "Cu-Ce mixed oxides", "mixed metal oxides", "mixed-valence": a participle right before the noun of a
// class of compounds names the kind of compound, whatever comes before it (review 17a, M2).
bool compound_class_noun(std::string_view w) {
  return one_of(w, {"oxide", "oxides", "hydroxide", "hydroxides", "metal", "metals", "valence", "halide", "halides",
                    "sulfides", "phosphates"});
}

// "the mixed solution", "with diluted hydrochloric acid", "a mixed ionic-electronic conductor": a
// participle right before its noun, after a determiner or preposition (or opening a sentence), is an
// adjective, no step ("were mixed with", "was diluted to 30 mL", "mixed thoroughly" stay steps).
// A phrase ("spray dried") is the participle at `last`, its phrase opening at `i`.
bool participle_adjective(const TokenView& view, size_t i, size_t last) {
  const size_t n = view.tokens.size();
  if (last + 1 >= n || view.tokens[last + 1].begin != view.tokens[last].end + 1) return false;
  const std::string_view next = view.folded[last + 1];
  if (next.empty() || is_digit(next[0]) || next.ends_with("ly") ||
      one_of(next, {"by", "with", "in", "at", "from", "and", "or", "for", "to", "on", "into", "under", "using", "via",
                    "through", "twice", "together", "well", "was", "were", "until", "overnight", "again"})) {
    return false;
  }
  if (i == 0 || compound_class_noun(next)) return true;
  const std::string_view gap = view.text.substr(view.tokens[i - 1].end, view.tokens[i].begin - view.tokens[i - 1].end);
  return gap.find_first_of(".;:(") != std::string_view::npos ||
         one_of(view.folded[i - 1], {"the", "a", "an", "these", "this", "those", "of", "with", "in", "into", "to",
                                     "above", "by", "as", "and", "its", "their", "obtained", "resulting", "resultant"});
}

// The surface analyses an ion beam prepares a specimen for ("characterized after firing" and "the
// cell was tested" keep their step).
bool surface_analysis(std::string_view w) {
  return one_of(w, {"xps", "sem", "tem", "aes", "sims", "tof-sims", "imaging", "profiling"}) || w.ends_with("-sem");
}

// "XPS depth profiling was performed with Ar+ sputtering", "Ar-ion etching for 30 s prior to XPS
// analysis", "being etched by FE-SEM imaging": a surface analysis in the clause before, or in the
// next eight words up to a comma or "and", makes a unit step the preparation of a specimen (review
// 14c, R8). A relative clause between starts the sample's own history: "SEM images show that the
// films, which were sputtered at 600 °C, are dense" (review 14d, F11).
bool measurement_near(const TokenView& view, size_t i) {
  for (size_t k = i; k-- > 0 && i - k <= 10;) {
    const std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(".;:") != std::string_view::npos || view.folded[k + 1] == "which") break;
    if (surface_analysis(view.folded[k])) return true;
  }
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 8; ++k) {
    const size_t from = view.tokens[k - 1].end;
    const std::string_view gap = view.text.substr(from, view.tokens[k].begin - from);
    if (gap.find_first_of(".;:,") != std::string_view::npos || view.folded[k] == "and") return false;
    if (surface_analysis(view.folded[k])) return true;
  }
  return false;
}

// "stable against oxidation in air", "the kinetics of NiO reduction", "promoted Ba leaching", "The
// leaching of Sr from LSCF degrades performance": a process the material resists or undergoes, no
// step (review 14c, R9). Four words back or six ahead, inside the clause.
bool mechanism_context(const TokenView& view, size_t i, size_t last) {
  auto stop = [&](size_t a) {  // a clause stop between tokens a and a + 1
    return view.text.substr(view.tokens[a].end, view.tokens[a + 1].begin - view.tokens[a].end).find_first_of(".;:,") !=
           std::string_view::npos;
  };
  for (size_t k = i; k-- > 0 && i - k <= 4 && !stop(k);) {
    if (one_of(view.folded[k], {"against", "kinetics", "mechanism", "mechanisms", "promoted", "promotes", "promote",
                                "prevent", "prevents", "prevented", "suppress", "suppresses", "suppressed", "inhibit",
                                "inhibits", "inhibited", "resistance", "stability", "extent", "degree",
                                "susceptible"})) {
      return true;
    }
  }
  for (size_t k = last + 1; k < view.tokens.size() && k <= last + 6 && !stop(k - 1); ++k) {
    // "The NiO was reduced at an onset temperature of 203 °C": a TPR peak (review 14d).
    if (view.folded[k].starts_with("degrad") || view.folded[k] == "onset") return true;
  }
  return false;
}

// "4-nitrophenol was reduced by NaBH4 in the presence of Au NPs", "CO2 was reduced to CO on the Ag
// electrode", "Some Ce4+ ions were reduced to Ce3+", "NCs were oxidized in air within hours": a
// catalytic test, an ion's valence or a degradation, no step of the synthesis (review 14c, R6/R7).
bool redox_not_step(const TokenView& view, size_t i) {
  const std::string_view w = view.folded[i];
  if (!w.starts_with("reduc") && !w.starts_with("oxidi")) return false;
  for (size_t k = i; k-- > 0 && i - k <= 3;) {
    if (one_of(view.folded[k], {"ion", "ions"}) || view.raw(k).ends_with('+')) return true;
  }
  for (size_t k = i + 1; k < view.tokens.size() && k <= i + 10; ++k) {
    if (view.text.substr(view.tokens[k - 1].end, view.tokens[k].begin - view.tokens[k - 1].end).find_first_of(".;") !=
        std::string_view::npos) {
      break;
    }
    const std::string_view p = view.folded[k];
    // "reduced in H2 before the catalytic test", "oxidized in air and then tested for catalytic
    // activity": a pre-treatment, the test comes after it (review 14d, F3/F9).
    if (one_of(p, {"before", "prior", "then"})) break;
    // "over 2 h", "within 30 min": a duration, no catalyst or degradation (F4).
    if (one_of(p, {"over", "within"}) && k + 1 < view.tokens.size() && is_digit(view.text[view.tokens[k + 1].begin])) continue;
    // "reduced on the electrode side by H2": the cell's side names where, no electrode reaction (F9).
    if (p.starts_with("electrode") && k + 1 < view.tokens.size() && view.folded[k + 1] == "side") continue;
    if (p.starts_with("catal") || p.starts_with("photocatal") || p.starts_with("electrode") ||
        one_of(p, {"presence", "over", "within", "conversion", "selectivity"})) {
      return true;
    }
  }
  return false;
}

// Whether the paragraph is a reference list: two or more bracketed years ("J. Power Sources 194,
// 119–129 (2009)"), years before a volume ("Adv. Mater. 2010, 22, 5", "Ceram. Int. 2013 39 8159")
// or DOIs. Asked once a paragraph.
bool reference_list(std::string_view folded) {
  // Whether a cited year starts at p (p + 6 <= folded.size()).
  auto cited_year = [folded](size_t p) {
    if ((folded[p] != '1' || folded[p + 1] != '9') && (folded[p] != '2' || folded[p + 1] != '0')) return false;
    if (!is_digit(folded[p + 2]) || !is_digit(folded[p + 3]) || (p > 0 && is_digit(folded[p - 1]))) return false;
    const bool bracketed = p > 0 && folded[p - 1] == '(' && folded[p + 4] == ')';
    // A volume number after the year: "2010, 22" or "2013 39".
    const size_t vol = folded[p + 4] == ',' && folded[p + 5] == ' ' ? p + 6 : folded[p + 4] == ' ' ? p + 5 : 0;
    const bool volume = vol > 0 && vol < folded.size() && is_digit(folded[vol]) && p > 0 && folded[p - 1] == ' ';
    return bracketed || volume;
  };
  // A year's four digits hold one byte at an index 4k + 3: only a digit there can end or hold one, so
  // the other starts are tried around such digits alone (a test at every byte of every paragraph
  // was 0.4 % of the extraction time).
  int years = 0;
  for (size_t q = 3; q + 3 <= folded.size(); q += 4) {
    if (!is_digit(folded[q])) continue;
    for (size_t p = q - 3; p <= q && p + 6 <= folded.size(); ++p) {
      if (cited_year(p) && ++years >= 2) return true;
    }
  }
  // DOIs ("10.1016/j.ceramint.2013.05.021").
  const size_t doi = folded.find("10.10");
  return doi != std::string_view::npos && folded.find("10.10", doi + 5) != std::string_view::npos;
}

// "reported elsewhere.25 Briefly, ...": a superscript citation number glued after the full stop ends
// the sentence the splitter runs on (review 14d, F6). Returns the byte after the number's space, or npos.
size_t glued_citation_break(std::string_view s) {
  for (size_t p = s.find('.'); p != std::string_view::npos && p + 3 < s.size(); p = s.find('.', p + 1)) {
    if (p == 0 || !is_alpha(s[p - 1]) || !is_digit(s[p + 1])) continue;
    size_t q = p + 1;
    while (q < s.size() && (is_digit(s[q]) || s[q] == ',' || s[q] == '-')) ++q;
    if (q + 1 < s.size() && s[q] == ' ' && is_upper(s[q + 1])) return q + 1;
  }
  return std::string_view::npos;
}

// "... 10.1016/j.ssi.2009.10.011. Figure 2 (a) SEM of the cell ... after anode reduction": a figure
// caption that PMC glued after a reference list holds the paper's own steps, from "Figure N" or
// "Fig. N" on (review 14d, F10).
bool after_caption(std::string_view before) {
  for (std::string_view cap : {"Figure "sv, "Fig. "sv}) {
    for (size_t p = before.find(cap); p != std::string_view::npos; p = before.find(cap, p + 1)) {
      const size_t d = p + cap.size();
      if (d < before.size() && is_digit(before[d]) && (p == 0 || !is_alnum(before[p - 1]))) return true;
    }
  }
  return false;
}

// Where the first "was"/"were" of a sentence is, or npos.
size_t first_aux(std::string_view s) { return std::min(find_words(s, "was"), find_words(s, "were")); }

// Whether the sentence part `before` a step at tokens [i, last] makes it this paper's own inside a
// paragraph that looks like a reference list: "Here, the films were etched", "The anode was sintered
// at 1350 °C, ball-milled" (a passive past step after was/were; reference titles have none).
bool own_step_in_sentence(const TokenView& view, std::string_view before, size_t last) {
  for (std::string_view own : {"here"sv, "in this work"sv, "in this study"sv, "our"sv}) {
    if (find_words(before, own) != std::string_view::npos) return true;
  }
  return view.folded[last].ends_with("ed") && first_aux(before) != std::string_view::npos;
}

// Whether the sentence from byte `start` holding token `i` speaks of other work or states a general
// fact: "Li et al. reported ... by electrospinning", "as reported in \"Porous carbon nanofibers by
// electrospinning\" (ref. 12)", "a review", "is widely used", "is well known [3]".
bool other_work_sentence(const TokenView& view, std::string_view folded, const SentenceStarts& sentences,
                         size_t start, size_t i, size_t last) {
  size_t end = folded.size();
  for (size_t k = i + 1; k < view.tokens.size(); ++k) {
    if (sentences(view.tokens[k].begin, 400) > start) {
      end = view.tokens[k].begin;
      break;
    }
  }
  // A glued superscript citation ("elsewhere.25 Briefly") splits the sentence too.
  for (size_t cut = glued_citation_break(view.text.substr(start, end - start)); cut != std::string_view::npos;
       cut = glued_citation_break(view.text.substr(start, end - start))) {
    if (start + cut <= view.tokens[i].begin) {
      start += cut;
    } else {
      end = start + cut;
    }
  }
  const std::string_view s = folded.substr(start, end - start);
  // Inside a quoted title: an odd number of quotation marks before the word.
  const std::string_view before = folded.substr(start, view.tokens[i].begin - start);
  size_t quotes = std::count(before.begin(), before.end(), '"');
  for (size_t q = before.find("\u201c"); q != std::string_view::npos; q = before.find("\u201c", q + 1)) ++quotes;
  for (size_t q = before.find("\u201d"); q != std::string_view::npos; q = before.find("\u201d", q + 1)) ++quotes;
  if (quotes % 2 == 1) return true;
  // "by a procedure adopted from the literature", "as reported in our earlier work", "the widely used
  // method was applied", "here": this work follows a method, and the step is its own.
  for (std::string_view cue : {"our"sv, "adopted"sv, "following"sv, "according to"sv, "as reported"sv,
                               "as described"sv, "similar to"sv, "was used"sv, "were used"sv, "was applied"sv,
                               "were applied"sv, "here"sv, "this work"sv, "this study"sv}) {
    if (find_words(s, cue) != std::string_view::npos) return false;
  }
  // "The anode was reduced in H2 (Smith et al., 2012)", "The effect of milling time was studied: the
  // powders were ball-milled": a passive past step after the sentence's first was/were is the paper's
  // own; only a cue before that verb ("Li et al. reported that the fibers were ...") makes it other
  // work (review 14d, F1/F5).
  size_t scope = s.size();
  if (view.folded[last].ends_with("ed")) {
    const size_t aux = first_aux(s);
    if (aux != std::string_view::npos && start + aux < view.tokens[i].begin) scope = aux;
  }
  const std::string_view cited = s.substr(0, scope);
  for (std::string_view cue : {"et al"sv, "reported"sv, "review"sv, "literature"sv, "widely"sv, "well known"sv,
                               "well-known"sv, "studied"sv}) {
    if (cited.find(cue) != std::string_view::npos) return true;
  }
  return false;
}

// Whether a gated step word at tokens [i, last] is no step of this recipe by its setting: other
// work, a general statement ("Screen printing is a low-cost technique", "Wet impregnation uses dilute
// salts"), a technique's name with its
// acronym ("Wet Impregnation (WI)"), a reference list, a measurement or a mechanism (review 14c,
// R2-R4, R8, R9). `reference` caches reference_list() for the paragraph (-1: not asked yet).
bool unit_step_context(const TokenView& view, std::string_view folded, const SentenceStarts& sentences, size_t i,
                       size_t last, int& reference) {
  const size_t n = view.tokens.size();
  // The step opens the subject ("Screen printing is a ...", not "fabricated by co-firing is a ...").
  const bool subject = i < 1 || !one_of(view.folded[i - 1], {"by", "via", "simple", "using"});
  if (subject && last + 2 < n) {
    const std::string_view verb = view.folded[last + 1], then = view.folded[last + 2];
    if ((one_of(verb, {"is", "are"}) && one_of(then, {"a", "an", "one", "widely", "commonly", "often", "usually",
                                                      "generally", "well", "known", "considered"})) ||
        one_of(verb, {"uses", "involves", "offers", "allows", "requires", "enables"})) {
      return true;
    }
  }
  const std::string_view after = view.text.substr(view.tokens[last].end, 12);
  if (after.starts_with(" (") && after.size() > 4) {
    size_t k = 2;
    while (k < after.size() && after[k] >= 'A' && after[k] <= 'Z') ++k;
    if (k >= 4 && k < after.size() && after[k] == ')') return true;
  }
  if (reference < 0) reference = reference_list(folded) ? 1 : 0;
  // In a caption only a step with its temperature ("after anode reduction at 650 °C"), not a
  // notation ("sP: screen printing") or an analysis ("after Ar+ etching for 5 s").
  if (reference == 1 && !(after_caption(view.text.substr(0, view.tokens[i].begin)) &&
                          view.text.substr(view.tokens[last].end, 30).find("\u00b0C") != std::string_view::npos)) {
    const size_t from = sentences(view.tokens[i].begin, 400);
    if (!own_step_in_sentence(view, folded.substr(from, view.tokens[i].begin - from), last)) return true;
  }
  if (other_work_sentence(view, folded, sentences, sentences(view.tokens[i].begin, 400), i, last)) return true;
  return measurement_near(view, i) || mechanism_context(view, i, last);
}

// Whether a `step`-gated word at tokens [i, last] (or a prefixed step) names a step by its form:
// not an attributive participle ("the etched samples", "Screen-printed electrodes were purchased"),
// not a noun before a property ("firing temperature", "the exfoliation yield", "pre-annealing
// effect"; review 14c R1, R5). A negated step stays one: MSP marks "No ion-exchange process was
// applied" (R10; dev-b gold 101039c4cy00360h).
bool unit_step_form(const TokenView& view, size_t i, size_t last) {
  const std::string_view w = view.folded[last];
  if (w.ends_with("ed")) return !participle_adjective(view, i, last);
  if (last + 1 < view.tokens.size() && (w.ends_with("ing") || w.ends_with("ion")) &&
      one_of(view.folded[last + 1], {"temperature", "temperatures", "shrinkage", "yield", "yields", "profile",
                                     "profiles", "effect", "effects", "time", "times", "rate", "rates", "power",
                                     "behavior", "behaviour", "kinetics", "mechanism", "efficiency", "degree",
                                     "extent"})) {
    return false;
  }
  return true;
}

// "Ball-milled powders were pressed into pellets", "the etched Si was then annealed": a `step`-gated
// participle before the subject of a passive step verb is that sample's earlier step, and when the
// paragraph did not name the step before (the R1 case "were ball-milled ... The ball-milled powders
// were pressed"), its only mention (review 14d, F12). `last` is the participle's token.
bool attributive_only_step(const TokenView& view, std::string_view folded, const ValueLexicon& words,
                           const std::vector<std::string>& types, size_t last) {
  const size_t n = view.tokens.size();
  size_t k = last + 1;
  for (; k < n && k <= last + 3 && !one_of(view.folded[k], {"was", "were"}); ++k) {
    if (folded.substr(view.tokens[k - 1].end, view.tokens[k].begin - view.tokens[k - 1].end).find_first_of(",;.:(") !=
        std::string_view::npos) {
      return false;
    }
  }
  if (k >= n || k > last + 3) return false;
  // "were then pressed", "were uniaxially pressed"
  if (++k < n && (view.folded[k].ends_with("ly") || one_of(view.folded[k], {"then", "further", "first"}))) ++k;
  // "Screen-printed electrodes were purchased": a bought sample was made by its seller.
  if (k >= n || !view.folded[k].ends_with("ed") ||
      one_of(view.folded[k], {"purchased", "obtained", "received", "supplied", "provided", "bought", "used"})) {
    return false;
  }
  const auto verb = words.matcher.match(view, k);
  if (verb.entry < 0 || types[verb.entry] != "operation" || words.values[verb.entry] == "-") return false;
  // The step's stem ("mill" of "ball-milled", "etch" of "etched") in the 2000 bytes before: an
  // earlier mention of the step (bounded, so that a long paragraph of such phrases stays linear).
  std::string_view stem = view.folded[last];
  stem = stem.substr(stem.rfind('-') + 1);
  stem.remove_suffix(2);
  if (stem.size() < 3) return false;
  const size_t at = view.tokens[last].begin;
  const size_t from = at > 2000 ? at - 2000 : 0;
  return folded.substr(from, at - from).find(stem) == std::string_view::npos;
}

// The operation entry of `word` (one token) in `words`, or -1 (also for a "-" entry).
int step_of_word(std::string_view word, const ValueLexicon& words, const std::vector<std::string>& types) {
  TokenView part(word);
  if (part.tokens.size() != 1) return -1;
  const auto m = words.matcher.match(part, 0);
  return m.entry >= 0 && types[m.entry] == "operation" && words.values[m.entry] != "-" ? m.entry : -1;
}

// The operation entry of `prefix` + `rest` written solid ("re" + "dispersed"), or -1. Apart from
// prefixed_step() so that its string stays off that function's path for every other word.
int solid_step(std::string_view prefix, std::string_view rest, const ValueLexicon& words,
               const std::vector<std::string>& types) {
  std::string solid(prefix);
  solid += rest;
  return step_of_word(solid, words, types);
}

// "co-sintered", "post-annealed", "pre-oxidized", "re-calcined": a prefix of a joint, later, earlier
// or repeated step glued to a listed step word names that step (review 14b, B19/B20). Not things
// made beforehand ("pre-formed seeds", "pre-synthesized NCs", "post-synthesis"). Returns the
// operation entry of `words`, or -1. Only tokens starting with such a prefix are looked at.
int prefixed_step(const TokenView& view, size_t i, const ValueLexicon& words, const std::vector<std::string>& types) {
  const std::string_view w = view.folded[i];
  if (w.size() < 7 || (w[0] != 'c' && w[0] != 'p' && w[0] != 'r')) return -1;
  size_t cut = 0;
  for (std::string_view prefix : {"co-"sv, "post-"sv, "pre-"sv, "re-"sv}) {
    if (w.starts_with(prefix)) cut = prefix.size();
  }
  if (cut == 0 || w.size() != view.raw(i).size()) return -1;  // ASCII only: offsets of the folded form
  const std::string_view rest = w.substr(cut);
  for (std::string_view made : {"synthe"sv, "prepar"sv, "form"sv, "grow"sv, "grown"sv, "made"sv, "obtain"sv}) {
    if (rest.starts_with(made)) return -1;
  }
  // The solid spelling of a verb form wins when the lexicon lists it: "re-dispersed" is
  // "redispersed", a purification, not the mixing of "dispersed" (review 16a, A28). Not a noun: "a
  // re-dispersion inducing some transport of nickel" names a mechanism, no step.
  if (rest.ends_with("ed") || rest.ends_with("ing")) {
    if (const int solid = solid_step(w.substr(0, cut - 1), rest, words, types); solid >= 0) return solid;
  }
  return step_of_word(rest, words, types);
}

// The form of a step word that derived_step() read off a listed verb.
enum class DerivedForm : uint8_t { kNone, kGerund, kNoun };

// Whether the words from token `j` on are what a gerund acts on or its conditions (gerund_step()).
bool gerund_object(const TokenView& view, size_t j, const std::vector<uint8_t>& in_material) {
  const size_t n = view.tokens.size();
  if (j >= n) return false;
  const std::string_view next = view.folded[j];
  if (in_material[j] || sample_noun(next)) return true;
  if (one_of(next, {"in", "at", "under", "with", "overnight"})) return true;
  if (!one_of(next, {"the", "a", "an", "its", "their", "this", "these"})) return false;
  // After a determiner, a material or a sample noun, possibly after one modifier ("after reducing
  // the GO", "by reducing the dried powder"; not "by activating a 500 nm wide region").
  for (size_t k = j + 1, e = std::min(n, j + 3); k < e; ++k) {
    if (detail::changing_quantity(view.folded[k])) return false;
    if (in_material[k] || sample_noun(view.folded[k])) return true;
  }
  return false;
}

// Whether tokens `a` and `a + 2` are two gerunds joined by a bare "and" ("reducing and depositing").
bool gerund_pair(const TokenView& view, size_t a) {
  return a + 2 < view.tokens.size() && view.folded[a + 1] == "and" && view.folded[a].ends_with("ing") &&
         view.folded[a + 2].ends_with("ing") && view.tokens[a + 1].begin == view.tokens[a].end + 1 &&
         view.tokens[a + 2].begin == view.tokens[a + 1].end + 1;
}

// Whether the gerund at token `i` is a step: after a preposition that takes one ("by reducing
// Cu(NO3)2 with hydrazine", "After reducing the GO", "before pelletizing") and before what it acts
// on or its conditions; not a value it changes ("by reducing the particle size", "after reducing
// the temperature to 200 °C") nor a purpose ("for reducing the GeO2": MSP dev-a leaves it). Two
// gerunds joined by "and" share the preposition and the object ("by reducing and depositing Pt on
// carbon": both are steps; review 17e, R8).
bool gerund_step(const TokenView& view, size_t i, const std::vector<uint8_t>& in_material) {
  const size_t n = view.tokens.size();
  if (i == 0 || i + 1 >= n) return false;
  const size_t lead = i >= 3 && gerund_pair(view, i - 2) ? i - 3 : i - 1;
  if (!one_of(view.folded[lead], {"by", "after", "before", "upon", "via", "through"})) return false;
  // "The activity was evaluated by reducing 4-nitrophenol", "tested by oxidizing CO": the gerund after
  // a verb of measuring names the test reaction, not a step of the synthesis (review 17e, R9).
  if (lead > 0 && view.folded[lead] == "by" && test_verb(view.folded[lead - 1])) return false;
  return gerund_object(view, gerund_pair(view, i) ? i + 3 : i + 1, in_material);
}

// The entry of a `verb`-gated operation whose gerund or -tion/-ysis noun token `i` is (review 17a,
// M1/M3): "reducing", "reduction" → "reduced"; "decomposition" → "decomposed"; "nitridation" →
// "nitrided"; "activation" → "activated"; "hydrolysis" → "hydrolyzed". These are the verbs of a
// chemical change whose participle is mostly an adjective; the step is the same whatever its
// grammatical form, so one row per verb serves all forms (the generic ones, "reaction" of "reacted"
// or "formation" of "formed", are not gated so and derive nothing). Sets *form; -1 for none. The
// context is asked first (a preposition before a gerund, a step's context for a noun), so most
// tokens that end in -ing or -tion build no candidate.
int derived_step(const TokenView& view, size_t i, const ValueLexicon& words, const std::vector<std::string>& types,
                 const std::vector<uint8_t>& in_material, DerivedForm* form) {
  const std::string_view w = view.folded[i];
  if (w.size() < 7 || w.size() != view.raw(i).size()) return -1;  // ASCII only
  // The suffix and the context before any candidate string: most tokens that end in g, n or s are
  // no such form, and the candidates' strings were built for each of them.
  const bool gerund = has_suffix(w, "ing");
  if (!gerund && !has_suffix(w, "tion") && !has_suffix(w, "ysis")) return -1;
  if (gerund ? !gerund_step(view, i, in_material) : !noun_step(view, i, in_material)) return -1;
  std::string candidates[3];
  if (gerund) {
    candidates[0] = std::string(w.substr(0, w.size() - 3)) + "ed";  // reducing → reduced
    *form = DerivedForm::kGerund;
  } else {
    if (has_suffix(w, "ysis")) {
      const std::string_view stem = w.substr(0, w.size() - 3);  // hydrolysis → hydroly-zed, -sed
      candidates[0] = std::string(stem) + "zed";
      candidates[1] = std::string(stem) + "sed";
    } else {
      const std::string_view stem = w.substr(0, w.size() - 4);  // reduction → reduc-ed, activa-ted
      candidates[0] = std::string(stem) + "ed";
      candidates[1] = std::string(stem) + "ted";
      if (stem.back() == 'a' || stem.back() == 'i') {  // decomposi-tion, nitrida-tion
        candidates[2] = std::string(stem.substr(0, stem.size() - 1)) + "ed";
      }
    }
    *form = DerivedForm::kNoun;
  }
  for (const std::string& c : candidates) {
    if (c.empty()) continue;
    const int entry = step_of_word(c, words, types);
    if (entry >= 0 && words.gates[entry] == ValueLexicon::kVerb) return entry;
  }
  *form = DerivedForm::kNone;
  return -1;
}

// "irradiated in a microwave reactor", "microwave irradiation": microwaves heat the mixture (review
// 14a, A40); light or other irradiation keeps the general label.
bool microwave_near(const TokenView& view, size_t i) {
  const size_t from = i > 6 ? i - 6 : 0;
  for (size_t k = from; k < view.tokens.size() && k <= i + 6; ++k) {
    if (view.folded[k].starts_with("microwave")) return true;
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

// The byte starts of the temperature entities of `raws`, sorted: read on the first ask (once per
// paragraph, and only in a paragraph with a cue), then a binary search per ask. temperature_changed()
// asked a scan of all entities per cue, quadratic in a long paragraph of such cues (s18-quad). The
// word pass adds no temperatures, so the index stays true while it appends to `raws`.
class TemperatureStarts {
 public:
  explicit TemperatureStarts(const std::vector<Raw>& raws) : raws_(raws) {}
  bool has(size_t at) {
    if (!read_) {
      for (const Raw& r : raws_) {
        if (r.e.type == "temperature"sv) starts_.push_back(r.begin);
      }
      std::sort(starts_.begin(), starts_.end());
      read_ = true;
    }
    return std::binary_search(starts_.begin(), starts_.end(), at);
  }

 private:
  const std::vector<Raw>& raws_;
  std::vector<size_t> starts_;
  bool read_ = false;
};

// "The temperature was raised to 240 °C", "the temperature of the mixture was then increased to
// 300 °C": the experimenter heats (review 8, D26); "the temperature was lowered to 240 °C", "it was
// decreased to 150 °C": cools (review 12, D10). These verbs are too general for the operations
// lexicon ("raised the PLQY", "increased the size", "decreased to 8 %"), so a value must follow
// ("to"), and either the temperature is the subject (at most eight words back in the same clause)
// or the value after "to" is a temperature entity (`temperatures`). Returns the operation, or "" for none.
// The verbs temperature_changed() reads: the first three heat, the others cool.
constexpr std::string_view kTemperatureVerbs[] = {"raised", "increased", "elevated", "lowered", "decreased", "reduced"};
constexpr WordShape kTemperatureVerbShape(kTemperatureVerbs);

std::string_view temperature_changed(const TokenView& view, size_t i, TemperatureStarts& temperatures) {
  const auto verb = std::find(std::begin(kTemperatureVerbs), std::end(kTemperatureVerbs), view.folded[i]);
  if (verb == std::end(kTemperatureVerbs)) return {};
  const std::string_view op = verb - std::begin(kTemperatureVerbs) < 3 ? "heating" : "cooling";
  if (i + 1 >= view.tokens.size() || view.folded[i + 1] != "to" || i == 0) return {};
  if (!one_of(view.folded[i - 1], {"was", "were", "then", "further", "gradually", "slowly", "quickly", "rapidly",
                                   "subsequently", "next", "finally"})) {
    return {};
  }
  if (i + 2 < view.tokens.size() && temperatures.has(view.tokens[i + 2].begin)) return op;
  for (size_t k = i; k-- > 0 && i - k <= 8;) {
    std::string_view gap = view.text.substr(view.tokens[k].end, view.tokens[k + 1].begin - view.tokens[k].end);
    if (gap.find_first_of(",.;:()") != std::string_view::npos) return {};
    if (view.folded[k] == "temperature") return op;
  }
  return {};
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

// Whether formula `f` is one metal or an alloy of metals only ("Au", "PtNi", "Pt3Ni", "Cu3Pt",
// "Pt-Ni"; one metal without a number): a shape word after it is the particle's shape ("PtNi octahedra"; review 14a, A21), as
// after one metal; "TiO6 octahedra", "MoS2 sheets" hold a non-metal.
bool metals_only(std::string_view f) {
  size_t symbols = 0;
  bool digits = false;
  for (size_t k = 0; k < f.size();) {
    if (is_digit(f[k]) || f[k] == '.' || f[k] == '-') {
      digits = true;
      ++k;
      continue;
    }
    if (!is_upper(f[k])) return false;
    size_t e = k + 1 + (k + 1 < f.size() && is_lower(f[k + 1]) ? 1 : 0);
    if (one_of(f.substr(k, e - k), {"C", "B", "N", "O", "H", "P", "S", "F", "I", "Si", "Se", "Te", "Cl", "Br", "As", "Ge"})) {
      return false;
    }
    ++symbols;
    k = e;
  }
  // "the Co1 octahedra": one metal with a number is a crystallographic site.
  return symbols > 1 ? symbols <= 4 : symbols == 1 && !digits;
}

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

// A shape adjective said of particles: "The Pt nanocrystals were octahedral", "the MgO particles
// were cubic". Crystals need a word that makes it their shape ("The MOF-5 crystals were cubic in
// shape", "cubic, with edge lengths of 1 μm"): "the crystals were cubic" alone may be the lattice.
// Whether the text at `pos` (folded) goes on with a particle length: " of ~80 nm", " (ca. 20 nm)",
// " of 0.5 μm".
// Also " with 150-200 nm edges", " ~40 nm wide", " of 200 +- 30 nm" (s32-messy). After " with " or
// a bare number, and always when `dimension_word` is set, a dimension must follow the unit: "cubic
// with 20 nm crystallites" (the lattice), "octahedra 0.4 nm apart" (BO6 octahedra), "a C18 column
// (5 μm)" (chromatography's) name no particle's shape (s32-review).
bool sized_after(std::string_view folded, size_t pos, bool dimension_word = false) {
  std::string_view s = folded.substr(pos, std::min<size_t>(40, folded.size() - pos));
  if (s.starts_with(" of ")) {
    s.remove_prefix(4);
  } else if (s.starts_with(" (")) {
    s.remove_prefix(2);
  } else if (s.starts_with(" with ")) {
    s.remove_prefix(6);
    dimension_word = true;
  } else if (s.starts_with(" ") && s.size() > 1 && (s[1] == '~' || s.substr(1).starts_with("\u223c") || is_digit(s[1]))) {
    s.remove_prefix(1);
    dimension_word = true;
  } else {
    return false;
  }
  for (std::string_view hedge : {"ca. "sv, "about "sv, "approximately "sv, "~"sv, "\u223c"sv, "\u2248"sv, "\u2264"sv}) {
    if (s.starts_with(hedge)) {
      s.remove_prefix(hedge.size());
      break;
    }
  }
  // Past the digits and points at the start of `s`; false when there are none.
  auto skip_number = [&s] {
    size_t d = 0;
    while (d < s.size() && (is_digit(s[d]) || s[d] == '.')) ++d;
    s.remove_prefix(d);
    return d > 0;
  };
  if (!skip_number()) return false;
  // a range "20–30 nm", "0.8~1.2 μm"
  if (size_t dl = dash_len(s, 0); dl || s.starts_with("~")) {
    s.remove_prefix(dl ? dl : 1);
    if (!skip_number()) return false;
  }
  // a spread "200 ± 30 nm", "200 +- 30 nm"
  for (std::string_view pm : {" \u00b1 "sv, " +- "sv, "\u00b1"sv}) {
    if (s.starts_with(pm)) {
      s.remove_prefix(pm.size());
      if (!skip_number()) return false;
      break;
    }
  }
  if (s.starts_with(" ")) s.remove_prefix(1);
  for (std::string_view unit : {"nm"sv, "\u03bcm"sv, "\u00b5m"sv, "um"sv}) {
    if (!s.starts_with(unit) || (s.size() > unit.size() && is_alpha(s[unit.size()]))) continue;
    if (!dimension_word) return true;
    const std::string_view rest = s.substr(unit.size());
    for (std::string_view w : {" wide"sv, " long"sv, " thick"sv, " across"sv, " high"sv, " tall"sv, " in diameter"sv,
                               " in width"sv, " in length"sv, " in size"sv, " in thickness"sv, " edge"sv, " diameter"sv,
                               " width"sv, " length"sv, " size"sv, " side"sv}) {
      if (rest.starts_with(w)) return true;
    }
    return false;
  }
  return false;
}

bool shape_predicate(const TokenView& view, size_t i, size_t last) {
  if (i < 2 || !one_of(view.folded[i - 1], {"was", "were", "is", "are"})) return false;
  std::string_view subject = view.folded[i - 2];
  if (subject.size() > 3 && subject.ends_with("s")) subject.remove_suffix(1);
  if (one_of(subject, {"particle", "nanoparticle", "nanocrystal", "crystallite", "grain", "nc", "np"})) return true;
  if (subject != "crystal" && subject != "nanocrystal") return false;
  for (size_t k = last + 1; k < view.tokens.size() && k <= last + 5; ++k) {
    if (one_of(view.folded[k], {"shape", "edge", "edges"})) return true;
  }
  return false;
}

}  // namespace

namespace detail {

// Whether the precipitate of "precipitated at pH 4" is then removed: "and filtered off to remove
// iron", "and discarded", "and removed by filtration" (a work-up taking out an impurity, review 15c,
// R8). `rest` is the folded text right after "pH".
bool precipitate_removed(std::string_view rest) {
  rest = rest.substr(0, std::min<size_t>(rest.size(), 40));
  size_t at = rest.find_first_not_of(" =of");
  if (at == std::string_view::npos) return false;
  at = rest.find_first_not_of("0123456789.~≈", at);  // the pH value
  if (at == std::string_view::npos) return false;
  rest.remove_prefix(at);
  for (std::string_view joint : {" and then "sv, " and "sv, ", then "sv, ", "sv}) {
    if (rest.starts_with(joint)) {
      rest.remove_prefix(joint.size());
      break;
    }
  }
  return rest.starts_with("filtered off") || rest.starts_with("filtered out") || rest.starts_with("discarded") ||
         rest.starts_with("removed") || rest.starts_with("to remove") || rest.starts_with("separated and discarded");
}

// The lexicon entry of `prefix` ("nano", "micro") joined to `rest`, the word after its hyphen
// ("rods" of "nano-rods", "rod-like" of "nano-rod-like"), when it is an ungated shape word; -1 for
// none ("nano-sized", "micro-tubular": no lexicon word). Out of line: few tokens start with a prefix
// and a hyphen.
[[gnu::noinline]] int prefixed_shape_entry(const MorphLexicon& lex, std::string_view prefix, std::string_view rest) {
  // Longer than any shape word with "-like"/"-shaped": none (and no copy of a 100 KB "nano-nano-..." token
  // at each of its hyphens; s33-review L7).
  if (prefix.size() + rest.size() > lex.longest_single + 8) return -1;
  std::string joined(prefix);
  joined += rest;
  auto it = lex.single.find(joined);
  if (it == lex.single.end()) {
    if (const std::string_view stem = shape_suffix_stem(joined); !stem.empty()) it = lex.single.find(stem);
  }
  return it != lex.single.end() && lex.gates[it->second] == MorphLexicon::kNone ? it->second : -1;
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
  // The (first) mention that ends right before token i, or none. The mentions by last token are
  // sorted once, on first use: a loop over every mention for each shape word was quadratic (1 MB of
  // "Pt clusters were formed." took 12 times as long as "Pt particles"; s20-fixlen).
  std::vector<size_t> by_last;
  auto mention_before = [&](size_t i) -> const MaterialMention* {
    if (i == 0 || !in_material[i - 1]) return nullptr;
    if (by_last.size() != mats.size()) {
      by_last.resize(mats.size());
      for (size_t k = 0; k < mats.size(); ++k) by_last[k] = k;
      std::stable_sort(by_last.begin(), by_last.end(),
                       [&](size_t a, size_t b) { return mats[a].last_token < mats[b].last_token; });
    }
    auto at = std::lower_bound(by_last.begin(), by_last.end(), i - 1,
                               [&](size_t k, size_t token) { return mats[k].last_token < token; });
    return at != by_last.end() && mats[*at].last_token == i - 1 ? &mats[*at] : nullptr;
  };
  // A mention that is one metal: "Ti sheet", "Ag wire", "aluminum plates" are stock forms.
  auto metal_before = [&](size_t i) {
    const MaterialMention* m = mention_before(i);
    return m && metals_only(m->formula);
  };
  // The formula of the mention right before token i, or empty: "Au25" of "Au25 clusters".
  auto formula_before = [&](size_t i) -> std::string_view {
    const MaterialMention* m = mention_before(i);
    return m ? std::string_view(m->formula) : std::string_view();
  };
  // Element symbols of a formula (-1 when it is none): "Au25" 1, "Cu2O" 2, "PtNi" 2.
  auto symbols_in = [](std::string_view f, bool* metals, bool* six) {
    int symbols = 0;
    *metals = true;
    *six = false;
    for (size_t k = 0; k < f.size();) {
      if (is_digit(f[k]) || f[k] == '.' || f[k] == '-') {
        *six |= f[k] == '6';
        ++k;
        continue;
      }
      if (!is_upper(f[k])) return -1;
      size_t e = k + 1 + (k + 1 < f.size() && is_lower(f[k + 1]) ? 1 : 0);
      *metals &= !one_of(f.substr(k, e - k), {"C", "B", "N", "O", "H", "P", "S", "F", "I", "Si", "Se", "Te", "Cl", "Br",
                                             "As", "Ge"});
      ++symbols;
      k = e;
    }
    return symbols;
  };
  int shell_in_paragraph = -1;  // on first use only: searching every paragraph for "shell" is not free
  std::vector<std::string_view> seen_labels;
  // "Diameter (nm) Thickness (nm) Shape 5 8.1 3.9 disk 15 12.6 5.2 disk": a cell of a flattened
  // table's shape column, a shape word between numbers, is a shape whatever its gate (s32-messy).
  // Whether a "Shape" header word came before the token (the loop below compares each token's hash,
  // which it has anyway: no scan of the paragraph), and on first use whether the paragraph has a "(nm)"
  // unit group.
  static const size_t kShapeHash = StringHash{}("shape");
  bool shape_table = false;
  int shape_column = -1;
  auto table_cell = [&](size_t i, size_t last) {
    if (!shape_table) return false;
    auto number = [&](size_t k) {
      const std::string_view w = view.folded[k];
      return !w.empty() && w.find_first_not_of("0123456789.") == std::string_view::npos && is_digit(w[0]);
    };
    if (i == 0 || !number(i - 1) || !adjacent(i - 1) || (last + 1 < n && !(number(last + 1) && adjacent(last)))) {
      return false;
    }
    if (shape_column < 0) shape_column = folded.find("(nm)") != std::string_view::npos;
    return shape_column == 1;
  };
  auto gate_ok = [&](MorphLexicon::Gate gate, size_t i, size_t last, const std::string& label) {
    std::string_view prev = prev_word(i);
    std::string_view next = next_word(last);
    if (gate != MorphLexicon::kNone && table_cell(i, last)) return true;
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
                             "truncated", "triangular", "colourless", "lamellar",
                             // "radially oriented needles", "long needles" (review 25)
                             "oriented", "aligned", "long", "fine", "slender"});
      }
      case MorphLexicon::kStock:
        return !metal_before(i) &&
               !one_of(prev, {"glass", "stirring", "stir", "magnetic", "quartz", "teflon", "ptfe", "steel", "stainless",
                              "metal", "metallic", "graphite", "carbon", "tape", "data", "acrylic", "hot",
                              "alumina", "optical", "copper", "nickel", "aluminum", "aluminium", "titanium", "platinum",
                              "silver", "gold"}) &&
               !one_of(next, {"resistance", "resistivity", "glass", "metal"});
      case MorphLexicon::kAnaphora:
        // "(MWCNTs, ..., Cheap Tubes)": a capitalised word after a capitalised name is a company's
        // name, no shape named again (review 19, M-FP-1).
        if (i > 0 && adjacent(i - 1) && is_upper(view.text[view.tokens[i].begin]) &&
            is_upper(view.text[view.tokens[i - 1].begin]) && view.tokens[i - 1].end - view.tokens[i - 1].begin > 1 &&
            is_lower(view.text[view.tokens[i - 1].begin + 1])) {
          return false;
        }
        return std::find(seen_labels.begin(), seen_labels.end(), label) != seen_labels.end() &&
               !(i > 0 && in_material[i - 1]) && !one_of(next, {"furnace", "oven"});
      case MorphLexicon::kCore:
        // A coating or an "A@B" composite names the shell too: "SiO2-coated CsPbBr3 (~12 nm core, ~4 nm
        // coating)", "Fe3O4@SiO2 microspheres ... their magnetic cores" (review 19, M-FN-4).
        if (shell_in_paragraph < 0) {
          shell_in_paragraph = folded.find("shell") != std::string_view::npos ||
                               folded.find("coating") != std::string_view::npos ||
                               (folded.find('@') != std::string_view::npos && folded.find("@ ") == std::string_view::npos);
        }
        return shell_in_paragraph == 1 && !one_of(next, {"level", "levels", "electrons", "loss", "facility"});
      case MorphLexicon::kShape: {
        // "a columnar structure with column diameters of about 100 nm": the columns' dimension
        // (review 19, M-FN-3); a bare "column" is mostly chromatography's.
        if (label == "column") {
          // "columns ~40 nm wide", "columns of 50 nm": columns sized in nm or μm are a film's grains.
          return one_of(next, {"diameter", "diameters", "width", "widths", "thickness", "size", "sizes"}) ||
                 (!view.folded[last].ends_with("al") && sized_after(folded, view.tokens[last].end, true));
        }
        if (prev == "truncated" || prev == "regular" || prev == "uniform") return true;
        const bool noun = !view.folded[last].ends_with("al");
        // "Ultrasmall Pt clusters", "Au25 clusters (1.1 nm core)": clusters of a metal are particles;
        // "defect clusters", "cluster analysis" are none (review 19, M-FN-1).
        if (label == "cluster") {
          bool metals = false, six = false;
          if (symbols_in(formula_before(i), &metals, &six) <= 0 || !metals) return false;
          // "the nucleation of Ni clusters", "Pt clusters nucleate": a step of growth, no product shape.
          if (const MaterialMention* m = mention_before(i)) {
            const std::string_view before = folded.substr(0, m->begin);
            if (before.ends_with("nucleation of ") || before.ends_with("nucleation of the ") ||
                before.ends_with("nuclei of ") || before.ends_with("nucleating ")) {
              return false;
            }
          }
          return !one_of(next, {"nucleate", "nucleated", "nucleates"});
        }
        // "Cu2O octahedra": a binary compound's octahedra are crystals; "TiO6 octahedra", "MnO6
        // octahedra" of a perovskite are coordination polyhedra (review 19, M-FN-2).
        if (noun) {
          bool metals = false, six = false;
          const int symbols = symbols_in(formula_before(i), &metals, &six);
          if (symbols == 2 && !six) return true;
          // "Cu2O nanocubes ... transformed into octahedra": a shape change after another shape was named.
          if (one_of(prev, {"into", "to"}) && !seen_labels.empty()) return true;
        }
        // "PtNi octahedra were made ... The octahedra had an edge length of 9 nm": the shape named again.
        if (prev == "the" && std::find(seen_labels.begin(), seen_labels.end(), label) != seen_labels.end()) return true;
        // "Pd octahedra", "Pt polyhedra" (shape-control papers): after one metal the noun is the
        // particle's shape; "TiO6 octahedra" are coordination polyhedra, and the adjective stays
        // gated ("the Co octahedral positions"; review 13, D55).
        if (!view.folded[last].ends_with("al") && metal_before(i)) return true;
        // "Pd–Pt core–shell octahedra", "hollow octahedra": a particle's own shape word before the noun.
        if (noun && (prev.ends_with("shell") || one_of(prev, {"hollow", "concave", "bimetallic", "alloy"}))) return true;
        if (polymorph_before(view, i, in_material)) return false;
        // Not "crystal": "a simple cubic crystal", "octahedral crystal field" name structure.
        auto particle_noun = [&](std::string_view w) {
          return one_of(singular(w), {"particle", "nanoparticle", "nanocrystal", "crystallite", "grain", "shape",
                                      "shaped", "morphology", "nc", "np"});
        };
        if (particle_noun(next) || shape_predicate(view, i, last)) return true;
        // "Octahedral In2O3 crystals with sizes of 0.8~1.2 μm", "The octahedral MIL-101 crystals were
        // ~0.5 μm": a shape adjective before crystals in the plural, a material mention allowed
        // between, is their habit; "octahedral crystal field", "a simple cubic crystal" are singular,
        // and "cubic ... crystals" name the phase as often (review 25).
        if (!noun && label != "cube" && last + 1 < n && adjacent(last)) {
          size_t k = last + 1;
          while (k + 1 < n && in_material[k] && adjacent(k)) ++k;
          if (view.folded[k] == "crystals") return true;
          // "octahedral Pt3Ni nanocrystals", "the polyhedral Pd particles": a particle noun after the
          // material (s32-messy).
          if (k > last + 1 && particle_noun(view.folded[k])) return true;
        }
        // "rhombic dodecahedra of ~80 nm", "than the octahedra (ca. 20 nm)": a shape noun sized in
        // nm or μm right after it names particles; coordination polyhedra have no such size (review 25).
        if (noun && sized_after(folded, view.tokens[last].end)) return true;
        // "Pt nanocrystals with octahedral and cubic shapes": the noun after a pair of shape adjectives.
        if ((next == "and" || next == "or") && last + 3 < n && adjacent(last + 1) && adjacent(last + 2) &&
            lex.matcher.match(view, last + 2).entry >= 0) {
          return particle_noun(view.folded[last + 3]);
        }
        return false;
      }
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
                     // (not "spherical precursor particles": a particle noun after it)
                     "precursor", "stock"}) ||
          w.starts_with("aberration")) {  // "spherical aberration-corrected microscope"
        if ((w == "precursor" || w == "stock") && view.folded[last].ends_with("al") && j + 2 < n && adjacent(j + 1) &&
            one_of(singular(view.folded[j + 2]), {"particle", "nanoparticle", "powder", "crystal", "nanocrystal"})) {
          return false;
        }
        return true;
      }
      if (lex.matcher.match(view, j + 1).entry < 0) break;
      ++j;
    }
    return false;
  };
  // "The BSCF hollow fibers had an outer diameter of 1.5 mm", "the skin layer of the hollow fiber":
  // a hollow fibre (no nano- or micro- prefix) named next to membrane words or sized in mm is a
  // hollow-fibre membrane, device geometry (GUIDELINE.md §2), no particle shape (review 17b, S19).
  // Near words only (papers come as one paragraph); electrospun hollow fibres are products.
  auto membrane_fibre = [&](size_t i, size_t last) {
    auto fibre = [](std::string_view w) { return one_of(w, {"fiber", "fibers", "fibre", "fibres"}); };
    size_t f = view.folded[i] == "hollow" ? last + 1 : i;
    if (f >= n || !fibre(view.folded[f]) || (f != i && !adjacent(last)) || (f == i && prev_word(i) != "hollow")) {
      return false;
    }
    auto window = [&](size_t before, size_t after) {
      size_t from = view.tokens[f].begin > before ? view.tokens[f].begin - before : 0;
      return folded.substr(from, std::min(folded.size(), view.tokens[f].end + after) - from);
    };
    if (window(200, 200).find("electrosp") != std::string_view::npos) return false;
    std::string_view near = window(80, 80);
    for (std::string_view cue : {"membrane"sv, "permea"sv, "sinter"sv, "skin layer"sv, "phase inversion"sv}) {
      if (near.find(cue) != std::string_view::npos) return true;
    }
    std::string_view after = folded.substr(view.tokens[f].end, std::min<size_t>(80, folded.size() - view.tokens[f].end));
    return after.find(" mm") != std::string_view::npos;
  };
  // "pressed inside the micro-tubes (6mm inner diameter, 60 mm long)": a micro-tube sized in mm is a
  // tubular cell, device geometry (GUIDELINE.md §2), no particle shape.
  auto cell_tube = [&](size_t i, int entry) {
    if (lex.labels[entry] != "tube" || !view.folded[i].starts_with("micro")) return false;
    const size_t from = view.tokens[i].end;
    const std::string_view after = folded.substr(from, std::min<size_t>(40, folded.size() - from));
    for (size_t k = after.find("mm"); k != std::string_view::npos; k = after.find("mm", k + 1)) {
      const size_t d = k > 0 && after[k - 1] == ' ' ? k - 1 : k;
      if (d > 0 && is_digit(after[d - 1]) && (k + 2 == after.size() || !is_alpha(after[k + 2]))) return true;
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
  // Shapes that are no product's (review 19, defect 10): the shape of a minority of the particles
  // ("About 8% of the particles were spheres or cubes": by-products), a shell or core named by a
  // process ("shell growth", "the precursors deposit on the cores"). `i`..`last`: the shape word's
  // tokens. (The object of a process verb, "to exfoliate the GO sheets", stays: GUIDELINE.md marks
  // the shapes of reagents, and the outcome gold marks this one.)
  auto sentence_before = [&](size_t i) {
    const size_t b = view.tokens[i].begin;
    size_t from = b > 160 ? b - 160 : 0;
    for (size_t k = b; k > from; --k) {
      const char c = folded[k - 1];
      if (c == ';' || c == '\n' || (c == '.' && k < b && folded[k] == ' ')) {
        from = k;
        break;
      }
    }
    return folded.substr(from, b - from);
  };
  auto minority_shape = [&](size_t i) {
    const std::string_view s = sentence_before(i);
    // "..., the majority being spheres", "the rest were spheres": this shape is the others' (s19-regr).
    auto others_after = [&](size_t cue) {
      const std::string_view tail = s.substr(cue);
      for (std::string_view most : {"majority"sv, "the rest"sv, "remaining"sv}) {
        if (tail.find(most) != std::string_view::npos) return true;
      }
      return false;
    };
    for (std::string_view few : {"small fraction of"sv, "minority of"sv, "small number of"sv, "small portion of"sv}) {
      if (const size_t at = s.find(few); at != std::string_view::npos) return !others_after(at);
    }
    const size_t pc = s.find("% of ");
    if (pc == std::string_view::npos || others_after(pc)) return false;
    size_t k = pc;
    if (k > 0 && s[k - 1] == ' ') --k;
    size_t d = k;
    while (d > 0 && (is_digit(s[d - 1]) || s[d - 1] == '.')) --d;
    if (d == k) return false;
    return std::strtod(std::string(s.substr(d, k - d)).c_str(), nullptr) < 50;
  };
  auto process_shell = [&](size_t i, size_t last, const std::string& label) {
    if (label != "core/shell" || i != last) return false;
    const std::string_view w = view.folded[i];
    if (!one_of(w, {"shell", "shells", "core", "cores"})) return false;
    // "the shell growth temperature controls ...", "the shell growth rate": a parameter of the process,
    // said of any shell ("after the shell growth" stays: the product's shell was grown).
    const std::string_view process = next_word(last);
    if (one_of(process, {"growth", "deposition", "formation"}) && last + 1 < n &&
        one_of(next_word(last + 1), {"temperature", "temperatures", "rate", "rates", "time", "times", "kinetics",
                                     "mechanism", "conditions", "regime"})) {
      return true;
    }
    const std::string_view p = prev_word(i);
    const std::string_view pp = i > 1 && !p.empty() ? prev_word(i - 1) : std::string_view();
    return one_of(p, {"on", "onto"}) || (p == "the" && one_of(pp, {"on", "onto"}));
  };
  ByteCursor slashes(folded, '/'), ats(folded, '@'), dashes(folded, '-');
  for (size_t i = 0; i < n; ++i) {
    if (blocked[i]) continue;
    std::string_view f = view.folded[i];
    if (view.hash[i] == kShapeHash && view.text[view.tokens[i].begin] == 'S' && f == "shape") shape_table = true;
    PhraseMatcher::Match m;
    if (lex.first_words.maybe_hash(view.hash[i]) || lex.first_words.maybe_hash(view.hash_but_last[i])) {
      m = lex.matcher.match(view, i);
    }
    if (m.entry >= 0) {
      size_t last = i + m.tokens - 1;
      if (gate_ok(lex.gates[m.entry], i, last, lex.labels[m.entry]) && !device_after(last) &&
          !membrane_fibre(i, last) && !cell_tube(i, m.entry) && !atom_spheres(i, lex.labels[m.entry]) && !one_of(prev_word(i), {"integrating", "ulbricht"}) &&
          !process_shell(i, last, lex.labels[m.entry]) && !minority_shape(i)) {
        emit(view.tokens[i].begin, view.tokens[last].end, m.entry);
      }
      i = last;
      continue;
    }
    // A base stem in a shape column's cell ("5.2 disk 30"): a number before it first, cheap.
    if (shape_table && i > 0 && is_digit(view.text[view.tokens[i - 1].begin]) &&
        (lex.base_words.maybe_hash(view.hash[i]) || lex.base_words.maybe_hash(view.hash_but_last[i]))) {
      if (auto it = lex.single.find(f); it != lex.single.end() && lex.gates[it->second] == MorphLexicon::kBase &&
                                        table_cell(i, i)) {
        emit(view.tokens[i].begin, view.tokens[i].end, it->second);
        continue;
      }
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
    // of the folded form are those of the text). The break bytes from the paragraph's cursors, not
    // a byte loop over every longer token (0.6 % of the time): case folding neither makes nor drops
    // an ASCII '/', '@' or '-', so the token's text holds one exactly when `f` does.
    const uint32_t tb = view.tokens[i].begin, te = view.tokens[i].end;
    if (!(slashes.in(tb, te) || ats.in(tb, te) || dashes.in(tb, te)) || f.size() != te - tb) continue;
    size_t from = 0;
    while (from < f.size()) {
      // A byte loop: find_first_of() calls memchr() over the set for every byte.
      size_t to = from;
      while (to < f.size() && f[to] != '/' && f[to] != '@' && f[to] != '-') ++to;
      std::string_view piece = f.substr(from, to - from);
      // "nano-rods", "micro-spheres", "nano-rod-like": a nano-/micro- prefix written with a hyphen
      // is the lexicon's one word ("nanorods"), the span the whole word as written (GUIDELINE.md §2).
      if (to < f.size() && f[to] == '-' && (piece == "nano" || piece == "micro")) {
        // The word after the hyphen, to the next '/' or '@', read no further than a shape word can be long.
        const size_t limit = std::min(f.size(), to + 1 + lex.longest_single + 9);
        size_t end = to + 1;
        while (end < limit && f[end] != '/' && f[end] != '@') ++end;
        if (const int entry = prefixed_shape_entry(lex, piece, f.substr(to + 1, end - to - 1)); entry >= 0) {
          if (!device_after(i) && !cell_tube(i, entry)) emit(view.tokens[i].begin + from, view.tokens[i].begin + end, entry);
          from = end + 1;
          continue;
        }
      }
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

namespace {

// The end of the sentence holding byte `from`: the next ". ", ";" or line break, or the text's end.
size_t sentence_end(std::string_view f, size_t from) {
  for (size_t k = from; k < f.size(); ++k) {
    const char c = f[k];
    if (c == ';' || c == '\n' || (c == '.' && (k + 1 == f.size() || f[k + 1] == ' '))) return k;
  }
  return f.size();
}

// The word starting at byte `at` (letters, digits, hyphens).
std::string_view word_at(std::string_view f, size_t at) {
  size_t e = at;
  while (e < f.size() && (is_alpha(f[e]) || is_digit(f[e]) || f[e] == '-')) ++e;
  return f.substr(at, e - at);
}

// "No antisolvent was added, since methyl acetate and acetone partly dissolve the smallest particles":
// a step the sentence says was not done ("No <noun> was/were added/used ...") with a reason clause whose
// subject is a chemical. Returns the byte spans to drop: the negated step [at, verb end) and the
// reason clause [clause start, clause end), or nothing. `at` is the "no" at a sentence or clause start.
// A reason clause saying its chemical is already there keeps it (the clause span is then empty); one
// naming the negated chemical again keeps its others (the span is then that name).
bool negated_use(const Paragraph& para, size_t at, size_t* verb_end, size_t* clause_begin, size_t* clause_end) {
  const std::string_view f = para.folded;
  size_t p = at + 3;
  std::string_view head_word;  // the word before "was/were": "water" of "No water was added"
  size_t head_at = 0;
  for (int words = 0; words < 4; ++words) {
    const std::string_view w = word_at(f, p);
    if (w.empty() || p + w.size() >= f.size() || f[p + w.size()] != ' ') return false;
    if (w == "was" || w == "were") {
      if (words == 0) return false;
      size_t q = p + w.size() + 1;
      std::string_view v = word_at(f, q);
      if (v.size() > 4 && v.ends_with("ly") && q + v.size() < f.size() && f[q + v.size()] == ' ') {
        q += v.size() + 1;
        v = word_at(f, q);
      }
      if (!one_of(v, {"added", "used", "employed", "introduced", "injected", "needed", "required", "applied"})) return false;
      *verb_end = q + v.size();
      break;
    }
    if (w.ends_with("ed") || one_of(w, {"unless", "until", "after", "before", "when", "if", "without", "and", "or", "nor"})) {
      return false;
    }
    head_word = w;
    head_at = p;
    p += w.size() + 1;
    if (words == 3) return false;
  }
  const size_t end = sentence_end(f, *verb_end);
  const std::string_view rest = f.substr(*verb_end, end - *verb_end);
  size_t conj = std::string_view::npos, len = 0;
  for (std::string_view c : {" since "sv, " because "sv, ", as "sv}) {
    const size_t k = rest.find(c);
    if (k < conj) {
      conj = k;
      len = c.size();
    }
  }
  if (conj == std::string_view::npos) return false;
  size_t cs = *verb_end + conj + len;
  for (std::string_view d : {"the "sv, "both "sv}) {
    if (f.substr(cs).starts_with(d)) cs += d.size();
  }
  // The clause's subject is a chemical: a mention starts there.
  if (std::none_of(para.mats.begin(), para.mats.end(), [&](const MaterialMention& m) { return m.begin == cs; })) {
    return false;
  }
  size_t ce = end;
  for (std::string_view stop : {", and "sv, ", but "sv, ", so "sv, ", which "sv}) {
    ce = std::min(ce, std::min(end, f.substr(0, end).find(stop, cs)));
  }
  // "No ligand was added, as oleylamine was already present": the reason's chemical is in the
  // synthesis; only the negated step goes.
  const std::string_view reason = f.substr(cs, ce - cs);
  for (std::string_view used : {" already "sv, " present"sv, " contain"sv}) {
    if (reason.find(used) != std::string_view::npos) ce = cs;
  }
  // "No water was added, since NaBH4 reacts violently with water": a reason naming the negated
  // chemical again is its clash with a reagent that was used; only the negated chemical goes. The name
  // looked for is the last mention between "no" and the verb, not the head word: "solution" of "No NaOH
  // solution was added" names no chemical, "NaOH" does (s20-fixlen).
  const size_t head_end = head_at + head_word.size();
  std::string_view name;
  for (const MaterialMention& m : para.mats) {
    if (m.begin > at && m.end <= head_end) name = f.substr(m.begin, m.end - m.begin);
  }
  for (size_t k = reason.find(name); name.size() > 2 && ce > cs && k != std::string_view::npos;
       k = reason.find(name, k + 1)) {
    const size_t e = k + name.size();
    if (k > 0 && reason[k - 1] == ' ' && (e == reason.size() || !is_alpha(reason[e]))) {
      cs += k;
      ce = cs + name.size();
      break;
    }
  }
  *clause_begin = cs;
  *clause_end = ce;
  return true;
}

// "kept in the glovebox until utilization", "kept in the dark", "kept in a refrigerator": the words after
// a keep verb (up to the sentence end) that make it storage, no step of the synthesis.
bool storage_words(std::string_view rest) {
  for (std::string_view cue : {" in the dark"sv, "glovebox"sv, "glove box"sv, "glove-box"sv, "refrigerator"sv,
                               "fridge"sv, "freezer"sv, "desiccator"sv}) {
    if (rest.find(cue) != std::string_view::npos) return true;
  }
  const size_t u = rest.find(" until ");
  if (u == std::string_view::npos) return false;
  const std::string_view what = rest.substr(u + 7);
  for (std::string_view use : {"use"sv, "usage"sv, "utiliz"sv, "utilis"sv, "further"sv, "needed"sv, "required"sv,
                               "characteri"sv, "analys"sv, "measurement"sv, "the next"sv}) {
    if (what.starts_with(use)) return true;
  }
  return false;
}

// Words before "to" that make the verb after it part of the step ("allowed to cool", "left to stand",
// "continued to stir", "attempts to grow", "failed to produce", "ethanol was used to dissolve TEOS"), or "to" a
// preposition ("prior to", "exposed to"): no purpose clause.
bool step_before_to(std::string_view w) {
  return one_of(w, {"allowed", "left", "continued", "began", "begun", "started", "set", "brought", "let", "was",
                    "were", "and", "or", "then", "subsequently", "is", "are", "be", "heated", "cooled", "warmed",
                    "raised", "increased", "decreased", "lowered", "ramped", "transferred", "adjusted", "diluted",
                    "added", "due", "prior", "exposed", "according", "attempt", "attempts", "attempted", "failed",
                    "fail", "fails", "unable", "able", "possible", "impossible", "tried", "try", "trying", "managed",
                    "took", "take", "takes", "need", "needs", "used", "utilized", "utilised", "employed", "applied"});
}

// The byte starts of the temperature and time entities of `raws`, sorted: read on the first ask (once
// per paragraph, and only in a paragraph with a purpose clause), then a binary search per ask.
// own_conditions() scanned all entities per purpose clause, quadratic in a long paragraph (s20-speed,
// like TemperatureStarts). unused_and_nonsteps() clears only materials and operations, so the index
// stays true while it runs.
class ConditionStarts {
 public:
  explicit ConditionStarts(const std::vector<Raw>& raws) : raws_(raws) {}
  // Whether a temperature or time entity starts in [from, end).
  bool any_in(size_t from, size_t end) {
    if (!read_) {
      for (const Raw& r : raws_) {
        if (r.e.type == "temperature"sv || r.e.type == "time"sv) starts_.push_back(r.begin);
      }
      std::sort(starts_.begin(), starts_.end());
      read_ = true;
    }
    const auto it = std::lower_bound(starts_.begin(), starts_.end(), from);
    return it != starts_.end() && *it < end;
  }

 private:
  const std::vector<Raw>& raws_;
  std::vector<size_t> starts_;
  bool read_ = false;
};

// Whether a purpose verb has its own temperature or time after it, before the clause ends ("added
// drop by drop to reduce H2PtCl6 at 85 °C for 1 h"): the verb is then the step itself, not only the
// reason for the one before it.
bool own_conditions(ConditionStarts& conditions, std::string_view f, size_t from) {
  size_t end = sentence_end(f, from);
  if (const size_t k = f.find(',', from); k < end) end = k;
  // The clause stops where another step or object starts ("to form green pellets that were subsequently
  // calcined at", "to form amorphous carbon and then in air at 750 °C", "with strong stirring for 2 h").
  for (std::string_view stop : {" and "sv, " that "sv, " which "sv, " then "sv, " with "sv, " while "sv}) {
    if (const size_t k = f.substr(0, end).find(stop, from); k != std::string_view::npos) end = k;
  }
  return conditions.any_in(from, end);
}

}  // namespace

// After the word and failure passes (a post-pass over para.raws):
// - chemicals the paper says were not used ("No antisolvent was added, since methyl acetate and
//   acetone partly dissolve the smallest particles"): no material and no step there (review 19,
//   defect 3); "No precipitate formed after acetone was added" keeps acetone;
// - the product named by its earlier step ("The obtained powder", "the prepared graphene oxide"):
//   no step (MSP leaves most of them unmarked);
// - "The addition of HCl is needed": a statement about a step, none itself;
// - storage ("kept in the glovebox until utilization"): a step other, not reaction;
// - a purpose clause ("to remove aggregates", "to form a uniform dispersion"): the verb says why the
//   step before it was done; MSP marks it, so it stays, as other (review 19, defect 11); unless the
//   verb has its own temperature or time ("to reduce H2PtCl6 at 85 °C for 1 h": s19-regr).
void unused_and_nonsteps(Paragraph& para) {
  const std::string_view f = para.folded;
  std::vector<Raw>& raws = para.raws;
  std::vector<std::pair<size_t, size_t>> drop_materials, drop_operations;
  ConditionStarts conditions(raws);
  // (A byte test first: most paragraphs have no negated use.)
  if (contains_any_bytes(f, para.triples, {" was "sv, " were "sv})) {
    for (size_t at = f.find("no "); at != std::string_view::npos; at = f.find("no ", at + 3)) {
      if (at > 0 && !(f[at - 1] == '\n' || (at >= 2 && f[at - 1] == ' ' && one_of(f.substr(at - 2, 1), {".", ";", ","})))) {
        continue;
      }
      size_t verb_end = 0, cs = 0, ce = 0;
      if (!negated_use(para, at, &verb_end, &cs, &ce)) continue;
      drop_materials.push_back({at, verb_end});
      drop_materials.push_back({cs, ce});
      drop_operations.push_back({at, ce});
    }
  }
  auto inside = [](const std::vector<std::pair<size_t, size_t>>& spans, size_t b) {
    return std::any_of(spans.begin(), spans.end(), [&](const std::pair<size_t, size_t>& s) { return s.first <= b && b < s.second; });
  };
  bool dropped = false;
  for (Raw& r : raws) {
    if (r.e.type == "material"sv && inside(drop_materials, r.begin)) {
      r.e.type.clear();
      dropped = true;
      continue;
    }
    if (r.e.type != "operation"sv) continue;
    if (inside(drop_operations, r.begin)) {
      r.e.type.clear();
      dropped = true;
      continue;
    }
    const std::string_view w = f.substr(r.begin, r.end - r.begin);
    const std::string_view before = f.substr(0, r.begin);
    const std::string_view after = f.substr(r.end, std::min<size_t>(80, f.size() - r.end));
    if (one_of(w, {"obtained", "prepared", "synthesized", "synthesised", "collected"}) &&
        (before.ends_with(" the ") || (before.ends_with("the ") && before.size() == 4)) && after.size() > 1 &&
        after[0] == ' ' && is_alpha(after[1]) &&
        !one_of(word_at(after, 1), {"by", "from", "via", "using", "in", "at", "with", "according", "as", "and", "or"})) {
      r.e.type.clear();  // "The obtained black powder was ...", "the prepared graphene oxide"
      dropped = true;
      continue;
    }
    if (w == "addition" && after.starts_with(" of ")) {
      const std::string_view clause = after.substr(0, sentence_end(after, 0));
      bool statement = false;
      for (std::string_view v : {" is "sv, " was "sv}) {
        const size_t k = clause.find(v);
        if (k == std::string_view::npos) continue;
        statement |= one_of(word_at(clause, k + v.size()),
                            {"needed", "necessary", "required", "essential", "crucial", "critical", "important", "key"});
      }
      if (statement) {
        r.e.type.clear();
        dropped = true;
        continue;
      }
    }
    if (one_of(w, {"kept", "keep", "stored"}) && r.e.normalized != "other") {
      if (storage_words(f.substr(r.end, sentence_end(f, r.end) - r.end))) r.e.normalized = "other";
      continue;
    }
    // A purpose clause: "to <verb>" after a step ("centrifuged ... to remove aggregates"); a verb in its
    // base form only ("prior to injection" is no purpose).
    if (r.e.normalized != "other" && before.ends_with(" to ") && w != "reflux" && !w.ends_with("ion") &&
        !w.ends_with("ing") && !w.ends_with("ment") && !w.ends_with("ed") && !w.ends_with("s")) {
      const std::string_view head = trim_right(before.substr(0, before.size() - 4));
      if (!step_before_to(last_word(head)) && !own_conditions(conditions, f, r.end)) r.e.normalized = "other";
    }
  }
  if (dropped) {
    raws.erase(std::remove_if(raws.begin(), raws.end(), [](const Raw& r) { return r.e.type.empty(); }), raws.end());
  }
}

}  // namespace detail

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
  int reference_paragraph = -1;  // unit_step_context(): whether this is a reference list, once asked
  TemperatureStarts temperatures(raws);
  // Operations, methods, morphologies and phases share one matcher: one lookup per token.
  for (size_t i = 0; i < view.tokens.size(); ++i) {
    if (blocked[i] || in_material[i]) continue;
    auto m = im.words.matcher.match(view, i);
    bool prefixed_form = false;
    if (const int prefixed = m.entry < 0 ? prefixed_step(view, i, im.words, im.word_types) : -1; prefixed >= 0) {
      m = {prefixed, 1};
      prefixed_form = true;
    }
    DerivedForm derived = DerivedForm::kNone;
    if (m.entry < 0 && (view.folded[i].ends_with('g') || view.folded[i].ends_with('n') || view.folded[i].ends_with('s'))) {
      if (const int entry = derived_step(view, i, im.words, im.word_types, in_material, &derived); entry >= 0) {
        m = {entry, 1};
      }
    }
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
      } else if (std::string_view change =
                     kTemperatureVerbShape.may_be(view.folded[i]) ? temperature_changed(view, i, temperatures) : "";
                 !change.empty()) {
        op = change;
      } else if (view.folded[i].starts_with('u') && used_as_step(view, i)) {
        op = "other";
      } else if (view.folded[i].starts_with('l') && left_standing(view, i)) {
        op = "reaction";
      }
      if (!op.empty()) {
        add_word_entity(raws, view, i, i, "operation", std::string(op));
        continue;
      }
      if (slashed_phases(view, i, &raws)) continue;
      if (kCrystalSystemShape.may_be(view.folded[i])) phase_before_material(view, i, in_material, &raws);
      continue;
    }
    // A phrase the lexicon lists as no step ('-': "growth solution", "heat source"): skip it whole.
    if (im.words.values[m.entry] == "-"sv) {
      i += m.tokens - 1;
      continue;
    }
    // A co-/post-/pre-/re- form of an ungated step is new with s14-ops: gated as the unit steps.
    if (ValueLexicon::Gate gate = im.words.gates[m.entry] == ValueLexicon::kAny && prefixed_form
                                      ? ValueLexicon::kStep
                                      : im.words.gates[m.entry];
        gate != ValueLexicon::kAny) {
      const size_t last = i + m.tokens - 1;
      // A derived form passed its own context in derived_step() (gerund_step(), noun_step()).
      const bool step = derived != DerivedForm::kNone     ? !redox_not_step(view, i)
                        : gate == ValueLexicon::kVerb        ? verb_step(view, i, in_material) && !redox_not_step(view, i)
                        : gate == ValueLexicon::kAdjective ? !participle_adjective(view, i, i)
                        : gate == ValueLexicon::kNoun      ? noun_step(view, i, in_material)
                                                           : unit_step_form(view, i, last) ||
                                                                 (view.folded[last].ends_with("ed") &&
                                                                  attributive_only_step(view, folded, im.words, im.word_types, last));
      if (!step || (gate != ValueLexicon::kAdjective &&
                    unit_step_context(view, folded, sentences, i, last, reference_paragraph))) {
        if (gate == ValueLexicon::kStep) i = last;  // "spray dried powders": not "dried" alone either
        continue;
      }
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
    // "the cubic phase", "a hexagonal structure", "cubic perovskite": the crystal-system word alone,
    // its head noun outside (GUIDELINE.md section 3; s21-optics2).
    if (m.tokens == 2 && r.e.type == "phase"sv && (r.e.normalized == "cubic"sv || r.e.normalized == "hexagonal"sv) &&
        (view.folded[i] == "cubic" || view.folded[i] == "hexagonal")) {
      r.end = view.tokens[i].end;
    }
    if (r.e.normalized == "purification"sv && precipitation_forms_product(view, folded, i)) r.e.normalized = "reaction";
    if (view.folded[i].starts_with("irradiat") && microwave_near(view, i)) r.e.normalized = "heating";
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
  ByteCursor slashes(folded, '/');
  for (size_t i = 0; i < view.tokens.size(); ++i) {
    auto m = im.atmospheres.matcher.match(view, i);
    if (m.entry < 0) {
      // (A string only for a token that may hold a gas: an empty one built and freed per token was
      // a sixth of the word pass.)
      if (may_be_gas_mixture(view, i, slashes)) {
        if (std::string mixture = gas_mixture_word(view.raw(i), im.atmospheres); !mixture.empty()) {
          if (atmosphere_cue(view, i, i + 1, mixture, blocked, in_material, im.atmospheres)) {
            add_word_entity(raws, view, i, i, "atmosphere", std::move(mixture));
          }
          continue;
        }
      }
      if (may_start_spaced_gas(view, i)) {
        size_t spaced = 0;
        if (std::string gas = spaced_gas(view, i, im.atmospheres, &spaced); !gas.empty()) {
          if (atmosphere_cue(view, i, i + spaced, gas, blocked, in_material, im.atmospheres)) {
            add_word_entity(raws, view, i, i + spaced - 1, "atmosphere", std::move(gas));
            i += spaced - 1;
          }
          continue;
        }
      }
      filled_atmosphere(view, i, im.atmospheres, &raws);
      continue;
    }
    const std::string& v = im.atmospheres.values[m.entry];
    if (!atmosphere_cue(view, i, i + m.tokens, v, blocked, in_material, im.atmospheres)) continue;
    add_word_entity(raws, view, i, i + m.tokens - 1, "atmosphere", v);
  }
}

}  // namespace synthdb::rules
