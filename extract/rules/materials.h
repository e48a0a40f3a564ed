#pragma once

// Internal to extract/rules: material mentions from lexicons (materials.tsv), chemical formulas
// (validated against elements.tsv) and chemical-name morphology (chemical_words.tsv), with paper-
// local abbreviations ("oleylamine (OLA)" makes later "OLA" a material).

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/rules/lexicon.h"

namespace synthdb::rules {

struct MaterialMention {
  size_t first_token = 0;
  size_t last_token = 0;  // inclusive
  size_t begin = 0;       // bytes
  size_t end = 0;
  std::string normalized;
  std::string formula;
  std::string role_prior;  // from the lexicon ("" when unknown)
  // The mention ends in a nanostructure abbreviation ("Co NPs", "MnO2 NWs"): it names a product.
  bool product_noun = false;
  // A sample name given by the paper ("denoted as C1, C2 and C3"), not a chemical name.
  bool label = false;
};

// The element symbols (elements.tsv). count() answers as a StringMap<bool> would, but a key of one
// or two bytes (every symbol) is a bit test, not a hash and a compare: formula_prefix() asks it at
// every capital letter of every formula candidate (s19-speed).
class ElementSymbols {
 public:
  void insert(std::string_view s) {
    if (s.empty()) {
      empty_ = true;
    } else if (s.size() <= 2) {
      const size_t k = key(s);
      bits_[k / 64] |= uint64_t{1} << (k % 64);
    } else {
      longer_.emplace(std::string(s), true);
    }
  }
  size_t count(std::string_view s) const {
    if (s.empty()) return empty_;
    if (s.size() <= 2) {
      const size_t k = key(s);
      return (bits_[k / 64] >> (k % 64)) & 1;
    }
    return longer_.count(s);
  }

 private:
  // One byte: 0..255; two bytes: 256 + 256 * first + second.
  static size_t key(std::string_view s) {
    return s.size() == 1 ? static_cast<unsigned char>(s[0])
                         : 256 + 256 * size_t{static_cast<unsigned char>(s[0])} + static_cast<unsigned char>(s[1]);
  }
  std::array<uint64_t, (256 + 256 * 256) / 64> bits_{};
  StringMap<bool> longer_;
  bool empty_ = false;
};

class MaterialFinder {
 public:
  // Loads materials.tsv, elements.tsv, chemical_words.tsv and salt_charges.tsv. Throws RuleError.
  explicit MaterialFinder(LexiconFiles& lexicons);

  // Mentions in token order. `blocked[i]` (non-zero) marks tokens already taken by quantities.
  // `triples` is ByteTriples(ascii_lower(view.text)): the paragraph-wide searches for a cue word
  // ("ppm", "electrode") skip a word with a byte triple the text lacks.
  std::vector<MaterialMention> find(const TokenView& view, const std::vector<uint8_t>& blocked,
                                    const ByteTriples& triples) const;

  // True when `token` is a chemical formula ("CsPbBr3", "Cd(OAc)2", "Zn(OAc)2·2H2O", "GeO2/C").
  bool is_formula(std::string_view token) const;
  // "Cd-oleate" → "cadmium oleate" ("" when the token is no <element|FA|MA>-oleate).
  std::string metal_oleate(std::string_view raw) const;
  // "Bi(OAc)3" → "bismuth acetate", "Zn(oleate)2" → "zinc oleate" ("" for any other shape).
  std::string group_salt_name(std::string_view formula) const;

  // True for a hyphenated composite of formulas, metals and acronyms: "Cu-Zn-Al", "Al-MCM-41",
  // "Au-CeO2@SBA-15" (not bonds such as "C-H", not "Ti-2.5").
  bool is_composite(std::string_view token) const;

  // True for a formula that reads as a reagent salt: a hydrate, an oxo-anion or acetate salt, or a
  // binary halide ("Co(NO3)2·6H2O", "SrCO3", "PbBr2"); such mentions default to precursor.
  bool salt_formula(std::string_view token) const;

 private:
  enum WordClass : uint8_t { kNone, kElement, kCation, kAnion, kAcid, kHydrate, kOrganic, kPart, kStop };
  WordClass classify(std::string_view folded) const;
  // The same with the token's StringHash and that of the token without its last byte (TokenView).
  WordClass classify(std::string_view folded, size_t hash, size_t hash_but_last) const;
  // Whether `folded` is itself an anion entry of chemical_words.tsv ("oxide", "acetate"), not a
  // one-word compound the suffix rules call an anion ("dicyandiamide") nor a plural.
  bool is_anion_word(std::string_view folded) const;
  // Length of the formula at s[pos..]; counts elements. With `placeholders`, the placeholder
  // symbols Ln, RE, M and X are read too and flagged there (bit flags below).
  size_t formula_prefix(std::string_view s, size_t pos, int* elements, int depth, int* placeholders = nullptr) const;
  static constexpr int kLanthanidePlaceholder = 1, kOtherPlaceholder = 2;
  // Whether the mention is a gas formula or gases joined by a dash ("H2S", "H2S–H2").
  bool gas_mention(const TokenView& view, const MaterialMention& m) const;
  // Solid-oxide cell spans, after the main pass (SOFC-Exp conventions, session 6 round 4): cell
  // layers named as supports ("anode-supported", "LSGM electrolyte-supported", "anode supported
  // cells" → "anode") and a fuel with its ppm impurity ("H2 + 30 ppm H2S", "200 ppm H2S in H2").
  // Keeps `out` in token order.
  void solid_oxide_spans(const TokenView& view, const std::vector<uint8_t>& blocked, const ByteTriples& triples,
                         std::vector<MaterialMention>& out) const;
  // After solid_oxide_spans(): a bracket defining the placeholder of a general formula joins the
  // mention ("SrCo1−xMxO3−δ (M = Sb, Mo, Nb)"; SOFC-Exp convention, session 16).
  void placeholder_brackets(const TokenView& view, std::vector<MaterialMention>& out) const;
  // After solid_oxide_spans(): drops the mentions whose context shows no reagent used (reaction
  // equations, a zeolite's class noun, a title printed twice, humid gases, keyword lists).
  void drop_non_reagents(const TokenView& view, const ByteTriples& triples, std::vector<MaterialMention>& out) const;
  // Passes of find() before its main loop, each over the whole paragraph: sample names the paper
  // gives, acronyms defined as no material, and zones that list elements or a make-up.
  std::vector<bool> label_tokens(const TokenView& view, const std::vector<uint8_t>& blocked) const;
  StringMap<bool> defined_acronyms(const TokenView& view) const;
  std::vector<bool> analysis_tokens(const TokenView& view) const;
  // One call of find(): its state and the steps of its main loop (materials.cc).
  struct Scan;

  // The same as find() for a text with subscript digits ("Pb(NO₃)₂"): runs find() on a copy with
  // ASCII digits and maps the mentions back to the text's bytes and tokens. (The text's `triples`
  // serve the copy: a cue word without digits that occurs in the copy occurs in the text.)
  std::vector<MaterialMention> find_subscripted(const TokenView& view, const std::vector<uint8_t>& blocked,
                                                const ByteTriples& triples) const;
  // PDF-flattened formulas, after the mention's tokens (token `k` is the first after it); each
  // returns the tokens taken and extends `formula`. A hydrate written apart: "Zn(OAc) 2 ·2H 2 O",
  // "Na 2 S·9H 2 O" (3 tokens).
  size_t spaced_hydrate(const TokenView& view, const std::vector<uint8_t>& blocked, size_t k,
                        std::string& formula) const;
  // Whether token i, an element symbol that is also a word ("In", "As"), starts a spaced formula:
  // "In 2 S 3", "As 2 O 3".
  bool spaced_ambiguous_start(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const;
  // Whether token i, element symbols with no count that make no formula alone ("H", "N", "HNO",
  // "NH"), starts a formula written with its counts apart: "H 2 O", "HNO 3", "NH 4 F", "under N 2"
  // (review 16a, A13).
  bool spaced_bare_start(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const;
  // Whether token i, a one-letter metal or metalloid ("Y", "V", "B", "P", "K", "W"), starts a binary
  // formula written with its counts apart: "Y 2 O 3", "V 2 O 5", "K 2 CO 3", "W O 3" (review 16a,
  // A16); "Y2" alone is no formula, so the spaced-count rule asks this too.
  bool spaced_binary_start(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const;
  // The last element of a spaced formula, written without a count: "Na 2 S", "Ag 2 S QDs".
  size_t spaced_last_element(const TokenView& view, const std::vector<uint8_t>& blocked, size_t k,
                             std::string& formula) const;
  // A spaced formula with a bracket group, from token i: "Pb(NO 3 ) 2", "Zn(CH 3 COO) 2",
  // "Ca 3 (PO 4 ) 2", "(NH 4 ) 2 SO 4" (`*lead` = 1: the mention starts at the '(' before token i).
  // Returns the tokens taken (0: none) and sets `formula`.
  size_t spaced_bracket(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i, std::string& formula,
                        size_t* lead) const;
  // The lexicon entry of a polymer acronym written with its grade after a hyphen ("PVP-K30",
  // "PEG-400", "PVA-124"), else -1. Only entries whose normalized name starts with "poly" count.
  int polymer_grade(std::string_view raw) const;
  // A polymer name with spaces in its bracket ("poly(vinyl pyrrolidone)") takes the lexicon entry of
  // the name written without them, when there is one: its normalized name and formula (the role
  // comes from the context, as for a grade).
  void spaced_polymer_entry(MaterialMention& m) const;
  // Whether `part`, the next element group of a spaced formula, starts a second formula instead:
  // "PbBr 2 Cs 2 CO 3" is PbBr2 and Cs2CO3 (a metal after a halide or chalcogen).
  bool starts_new_formula(std::string_view formula, std::string_view part) const;
  // A formula joined from PDF-spaced groups ("NaBH 4", "Pb(NO 3 ) 2") takes the lexicon entry of its
  // glued form, so that both spellings get one name and role (review 16a, A26).
  void spaced_formula_entry(MaterialMention& m) const;

  struct Entry {
    std::string normalized;
    std::string formula;
    std::string role;
    bool trade = false;  // a brand sold in grades ("Vulcan XC-72", "Ludox"): flag "tn" in materials.tsv
  };
  std::vector<Entry> entries_;
  // The first entry whose normalized name is `normalized`, or null (a linear scan: for the rare
  // names built outside the lexicon, such as "cadmium oleate" from "Cd-oleate").
  const Entry* entry_named(std::string_view normalized) const;
  // "<metal name> <anion word>" for an element symbol: of a symbol's names ("cesium", "caesium") the
  // one the lexicon lists with that anion, else its first in elements.tsv; "" for no symbol.
  std::string metal_salt_name(std::string_view symbol, std::string_view anion) const;
  // The entry of a one-word lexicon surface: the case-sensitive entries first ("OAm"), then the
  // folded ones; -1 when none. `folded` is fold_case(word) when the caller has it already.
  int single_word_entry(std::string_view word, const std::string* folded = nullptr) const;
  // Gives `m` the name, formula and role of entry `entry` (nothing when entry < 0).
  void take_entry(MaterialMention& m, int entry) const;
  // A salt written as a formula gets the name the lexicon gives its dry salt, with the hydrate word
  // ("Zn(OAc)2.2H2O", "Zn(CH3COO)2·2H2O" -> "zinc acetate dihydrate", formula "Zn(OAc)2·2H2O"), so
  // that the spellings of one reagent group as its written name does (review 12, D6). A formula with
  // no named dry salt keeps the formula as its name, with the hydrate joint written "·".
  void name_salt_formula(MaterialMention& m) const;
  // "Cs2AgBiBr6 double-perovskite NCs": the formula and name of a formula followed by class words.
  void formula_with_class_words(std::string_view text, MaterialMention& m) const;
  // The entry of the acid whose first word is token i - 1 when token i is "acid-capped" ("Oleic
  // acid-capped PbS QDs", review 12, D12), else -1.
  int capped_acid(const TokenView& view, const std::vector<uint8_t>& blocked, size_t i) const;
  // "n-octadecylphosphonic acid", "n-hexylphosphonic acid": the normal-chain prefix of a name the
  // lexicon lists without it; `m` takes that entry (name, formula, usual role) (review 12, D20).
  void drop_normal_prefix(MaterialMention& m) const;
  // The formula of a lower-case name "metal(state) anion [hydrate]" by charge balance
  // ("iron(iii) chloride hexahydrate" -> "FeCl3·6H2O", "copper(ii) acetate" -> "Cu(OAc)2"), or of
  // "metal anion [hydrate]" for a metal of salt_charges.tsv ("zinc nitrate" -> "Zn(NO3)2"); empty
  // when the name has any other shape or a word without a formula unit in chemical_words.tsv.
  std::string state_salt_formula(std::string_view name) const;
  // "anhydrous PdCl2", "anhydrous sodium acetate": the word naming the water-free form of a salt
  // belongs to its name (s17-mat); before a solvent ("anhydrous ethanol") it is a grade, left out.
  void anhydrous_salt_prefix(const TokenView& view, MaterialMention& m) const;
  // "FeCl3" → "iron(iii) chloride", "Zn(NO3)2" → "zinc nitrate": the name state_salt_formula() reads
  // back to `base` (a metal and one anion of chemical_words.tsv), "" when there is none.
  std::string salt_name(std::string_view base) const;
  PhraseMatcher matcher_;
  StringMap<int> single_words_;     // one-word lexicon surfaces (folded) → entry, for parts of "A/B"
  StringMap<int> single_words_cs_;  // the same for case-sensitive entries (exact)
  size_t longest_single_word_ = 0;  // bytes of the longest of those surfaces
  StringMap<int> acid_words_;       // "hydrobromic" → the entry of "hydrobromic acid", for "A, B and C acids"
  StringMap<std::string> element_names_;  // folded name → symbol
  StringMap<std::vector<std::string>> metal_names_;  // symbol → its folded names in elements.tsv order
  StringMap<std::string> anion_words_;    // formula unit → its first anion word ("SO4" → "sulfate")
  ElementSymbols symbols_;  // elements.tsv
  StringMap<WordClass> words_;         // chemical_words.tsv
  struct Anion {
    std::string unit;  // formula unit: "Cl", "NO3", "OAc"
    int charge = 0;
  };
  StringMap<Anion> anion_units_;    // chemical_words.tsv anions with a formula unit and charge
  StringMap<int> hydrate_waters_;   // chemical_words.tsv hydrates with a water count
  std::vector<std::string> hydrate_words_;  // water count → its first hydrate word ("dihydrate")
  StringMap<int> hydrate_entries_;  // hydrate formula of a lexicon entry ("N2H4·H2O") → its first entry
  StringMap<int> salt_charges_;     // salt_charges.tsv: symbol → usual charge in simple salts
  HashFilter class_filter_;            // keys of words_ and element_names_
  StringMap<bool> formula_groups_;
  StringMap<bool> not_acronyms_;       // acronyms.tsv
  StringMap<bool> makers_;             // acronyms.tsv rows marked "maker": instrument makers
 public:
  // True for a paper-specific acronym read as a material name ("PMMA", "MOF-5", "CNTs").
  bool is_material_acronym(std::string_view token) const;     // "OAc", "acac", ... allowed inside formula brackets
};

}  // namespace synthdb::rules
