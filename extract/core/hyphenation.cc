// Line-end hyphen decisions: shared by the PDF and .txt readers (extract/pdf) and by extract's
// repair of hyphen remnants in direct input (extract/rules), hence in core.
#include "extract/core/hyphenation.h"

#include <algorithm>
#include <cctype>

#include "extract/core/strings.h"

namespace synthdb {
namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '-'; }

std::string strip_token(std::string_view tok) {
  size_t b = 0, e = tok.size();
  while (b < e && !is_word_byte(static_cast<unsigned char>(tok[b]))) ++b;
  while (e > b && !is_word_byte(static_cast<unsigned char>(tok[e - 1]))) --e;
  return ascii_lower(tok.substr(b, e - b));
}

// Second halves of compounds that chemistry papers hyphenate ("seed-mediated", "ligand-free").
// TeX never breaks inside such a word except at its hyphen, so a line ending "seed-" followed by
// "mediated" is almost always the compound.
constexpr std::string_view kCompoundTails[] = {
    "based", "mediated", "assisted", "induced", "dependent", "free", "like", "rich", "poor", "type",
    "shell", "pot", "capped", "coated", "doped", "treated", "terminated", "passivated", "off",
    "injection", "sized", "shaped", "stabilized", "functionalized", "containing", "derived", "loaded",
    "modified", "soluble", "dispersed", "tunable", "controlled", "selective", "specific", "sensitive",
    "resolved", "defined", "synthesized", "prepared", "emitting", "absorbing", "stable", "vis",
    "supported", "deposited"};
// Tails that are also plain syllables of longer words ("knowl-edge", "life-time"): they count
// only when the left part is a word of its own in the document ("band" in "band-edge").
constexpr std::string_view kWeakTails[] = {"edge",  "time",  "state", "phase", "range", "scale", "quality",
                                           "order", "angle", "field", "layer", "level", "core",  "step",
                                           "term",  "known", "grown", "made",  "limited", "temperature"};
// Suffixes that are also words: "reason-" + "able" is one word broken by the typesetter.
constexpr std::string_view kSuffixes[] = {"able", "ible", "ably", "ment", "ments", "ness", "less", "ship",
                                          "ward", "wards", "wise", "hood", "dom", "some", "ever", "ally"};
constexpr std::string_view kElementSymbols[] = {
    "He", "Li", "Be", "Ne", "Na", "Mg", "Al", "Si", "Cl", "Ar", "Ca", "Sc", "Ti", "Cr", "Mn", "Fe", "Co",
    "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh",
    "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu",
    "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl",
    "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es",
    "Fm", "Md", "No", "Lr", "Me", "Et", "Bu", "Ph", "Bn", "Ts", "Bz", "Cp", "Py"};  // and group abbreviations
constexpr std::string_view kWordLikeSymbols[] = {
    "In", "As", "At", "No", "Be", "He", "Re", "Co", "Am", "Ta", "Po", "Ac", "Es", "Pa", "Ra", "Th",
    "Te", "Fr", "Ca", "Ge", "Ne", "Ho", "Er", "Bi", "Ba", "Ar", "Pr", "Pu", "Al", "La", "Ti", "Ga",
    "Me", "Se", "Si", "Sc", "Ir", "Mo", "Os", "Ni", "Cu", "Cr", "Lu"};
// Solid words whose hyphenation point splits them into two words of four or more letters.
constexpr std::string_view kSolidCompounds[] = {
    "furthermore", "moreover", "background", "framework", "wavelength", "wavelengths", "breakdown",
    "nevertheless", "nonetheless", "therefore", "otherwise", "sometimes", "meanwhile", "elsewhere",
    "feedback", "workflow", "thereafter", "hereafter", "whatsoever", "overview", "bottleneck",
    "cannot", "something", "everything", "anything", "lifetime", "lifetimes", "timescale",
    "timescales", "wavenumber", "wavenumbers", "fingerprint", "outlook", "upon", "into", "onto",
    "however", "itself", "themselves", "become", "becomes", "outcome", "outcomes", "output", "outputs",
    "nowadays", "forward", "afterwards", "anyway", "meantime", "somewhat", "whenever", "wherever"};
constexpr std::string_view kCompoundHeads[] = {"self", "well", "quasi", "pseudo", "cross"};
// Participles and gerunds of synthesis steps: after a technique or a step prefix ("ball-milled",
// "freeze-dried", "drop-cast", "post-annealed", "re-calcined") the compound names a kind of that
// step, and extraction reads the step off the hyphenated form only (review 16c, R15). Not tails
// that end common solid words ("sup-pressed", "man-aged", "back-ground").
constexpr std::string_view kStepTails[] = {
    "annealed", "annealing", "calcined", "calcining", "milled", "milling", "dried", "drying", "cast",
    "casting", "coated", "coating", "heated", "heating", "cooled", "cooling", "sintered", "sintering",
    "fired", "washed", "quenched", "stirred", "sonicated", "oxidized", "oxidised", "sulfurized",
    "selenized", "sputtered", "spun", "baked"};
// Bound prefixes that name a repeated, earlier or joint step before a step word ("re-calcined",
// "pre-heated", "co-sintered"), read off by extraction in their hyphenated form.
constexpr std::string_view kStepPrefixes[] = {"re", "pre", "co"};
// Bound prefixes that English writes solid ("untreated", "precursor"): a break after them is the
// typesetter's.
constexpr std::string_view kBoundPrefixes[] = {"un", "re", "pre", "de", "dis", "co", "mis", "in", "im",
                                               "over", "under", "sub", "super", "inter", "intra", "trans"};

// Whether `part` (between hyphens, before the last one) is a prefix of a chemical name rather than
// a word of a compound: a locant ("1", "2,3", "N,N'"), a single letter ("n", "N", "O"), an isomer
// descriptor or a multiplier of one ("tert", "sec", "iso", "tri" in "tri-n-octyl").
bool is_name_prefix_part(std::string_view part) {
  static constexpr std::string_view kDescriptors[] = {"n", "sec", "tert", "iso", "neo", "cis", "trans",
                                                      "di", "tri", "tetra", "bis", "tris"};
  if (part.empty()) return false;
  if (part.size() == 1 && std::isalpha(static_cast<unsigned char>(part[0]))) return true;
  for (std::string_view d : kDescriptors)
    if (part == d) return true;
  bool digit = false;
  for (char c : part) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != ',' && c != '\'' && c != 'N' && c != 'O' && c != 'S') {
      return false;
    }
  }
  return digit || part.find(',') != std::string_view::npos;
}

// Where the stem of `left` starts when everything before its last hyphen is name prefixes and the
// stem is a lower-case syllable, capitalised at a sentence start ("octa" in "1-octa", "octyl" in
// "tri-n-octyl", "Dodecane" in "1-Dodecane"); 0 otherwise.
size_t prefixed_stem(std::string_view left) {
  const size_t h = left.rfind('-');
  if (h == std::string_view::npos || left.size() - h < 3) return 0;
  for (size_t k = h + 1; k < left.size(); ++k)
    if (!std::islower(static_cast<unsigned char>(left[k])) && !(k == h + 1 && std::isupper(static_cast<unsigned char>(left[k]))))
      return 0;
  for (size_t a = 0, e; a < h; a = e + 1) {
    e = std::min(left.find('-', a), h);
    if (!is_name_prefix_part(left.substr(a, e - a))) return 0;
  }
  return h + 1;
}

// Whether `r` is a step tail after a left part that is no bound prefix other than a step prefix.
bool step_tail(std::string_view l, std::string_view r) {
  if (std::find(std::begin(kStepTails), std::end(kStepTails), r) == std::end(kStepTails)) return false;
  if (std::find(std::begin(kStepPrefixes), std::end(kStepPrefixes), l) != std::end(kStepPrefixes)) return true;
  return std::find(std::begin(kBoundPrefixes), std::end(kBoundPrefixes), l) == std::end(kBoundPrefixes);
}

}  // namespace

void add_words(std::string_view line, Vocabulary& vocab) {
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j > i) {
      std::string_view tok = line.substr(i, j - i);
      bool last = j >= line.size();
      if (!(last && tok.back() == '-')) {
        std::string w = strip_token(tok);
        // The parts of a hyphenated compound are words of the document too ("low" and
        // "temperature" in "low-temperature").
        for (size_t a = 0, h; (h = w.find('-', a)) != std::string::npos; a = h + 1)
          if (h > a + 1) vocab.insert(w.substr(a, h - a));
        if (size_t h = w.rfind('-'); h != std::string::npos && w.size() - h > 2) vocab.insert(w.substr(h + 1));
        if (w.size() > 1) vocab.insert(std::move(w));
      }
    }
    i = j;
  }
}

bool keep_line_end_hyphen(std::string_view left, std::string_view right, const Vocabulary& vocab) {
  if (left.empty() || right.empty()) return true;
  // A locant or descriptor prefix does not make the left part a compound: "1-octa-" + "decene" is
  // "1-octadecene" broken by the typesetter, decided on "octa" + "decene" after the document's
  // spellings of the whole name (review 16a, A15).
  if (const size_t stem = prefixed_stem(left)) {
    const std::string whole = ascii_lower(left), r = strip_token(right);
    if (vocab.count(whole + "-" + r)) return true;
    if (vocab.count(whole + r)) return false;
    return keep_line_end_hyphen(left.substr(stem), right, vocab);
  }
  for (size_t i = 0; i < left.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(left[i]);
    if (std::isdigit(c)) return true;
    if (std::isupper(c) && i > 0) return true;
  }
  // The left part may itself contain hyphens ("tri-n-"); the document spelling is checked on the
  // whole compound. Checked before the capital rules below: a word broken after two letters
  // ("Po-tential") or a formula broken by TeX ("Sr-TiO3") is spelled whole elsewhere.
  const std::string l = ascii_lower(left);
  const std::string r = strip_token(right);
  if (vocab.count(l + "-" + r)) return true;
  if (vocab.count(l + r)) return false;
  unsigned char r0 = static_cast<unsigned char>(right[0]);
  if (std::isupper(r0) || std::isdigit(r0)) return true;
  // A short capitalised part is a symbol or a prefix ("Cd-", "N-"), not half a word: TeX does not
  // leave fewer than two letters. Two letters count only as an element symbol ("An-odized" is a
  // word broken by the typesetter).
  if (std::isupper(static_cast<unsigned char>(left[0])) && left.size() == 1) return true;
  // Symbols that also begin common English words ("Am-bient", "In-creasing", "Ta-ble") count
  // only before a word of the document or a compound tail ("Ca-" + "doped").
  if (std::isupper(static_cast<unsigned char>(left[0])) && left.size() == 2) {
    bool word_like = false;
    for (std::string_view w : kWordLikeSymbols) word_like = word_like || left == w;
    bool tail = vocab.count(r) > 0;
    for (std::string_view t : kCompoundTails) tail = tail || r == t;
    for (std::string_view e : kElementSymbols)
      if (left == e && (tail || !word_like)) return true;
  }
  // A chain of hyphens on either side ("high-" + "resolution-TEM"): the word already had explicit
  // hyphens, and TeX breaks such a word only at them.
  if (l.find('-') != std::string::npos || r.find('-') != std::string::npos) return true;
  for (std::string_view h : kCompoundHeads)
    if (l == h) return true;
  if (step_tail(l, r)) return true;
  for (std::string_view p : kBoundPrefixes)
    if (l == p) return false;
  // English hyphenation leaves at least three letters on the new line; a shorter rest ("set-up")
  // was a hyphenated word before it was broken.
  if (r.size() <= 2) return true;
  for (std::string_view t : kCompoundTails)
    if (r == t) return true;
  if (vocab.count(l))
    for (std::string_view t : kWeakTails)
      if (r == t) return true;
  // Both halves are words of their own in the document ("high-" + "voltage", "membrane-" +
  // "electrode"): a compound split at its hyphen. Hyphenation patterns rarely break a solid word
  // into two words (of three and four letters or more) unless the second is a suffix ("reason-
  // able"); the common exceptions are listed.
  if (l.size() >= 3 && r.size() >= 4 && vocab.count(l) && vocab.count(r)) {
    for (std::string_view x : kSuffixes)
      if (r == x) return false;
    for (std::string_view w : kSolidCompounds)
      if (l + r == w) return false;
    return true;
  }
  return false;
}

}  // namespace synthdb
