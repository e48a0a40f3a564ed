#include "extract/pdf/text_clean.h"

#include <array>
#include <cctype>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extract/core/strings.h"
#include "extract/pdf/pdf_source.h"

namespace synthdb::pdf {
namespace {

bool is_ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }

bool needs_nfkc(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

// Degree look-alikes that fonts and converters produce in place of U+00B0.
bool is_degree_like(UChar32 c) { return c == 0x25E6 || c == 0x2218 || c == 0x02DA || c == 0x00BA; }

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
// Bound prefixes that English writes solid ("untreated", "precursor"): a break after them is the
// typesetter's.
constexpr std::string_view kBoundPrefixes[] = {"un", "re", "pre", "de", "dis", "co", "mis", "in", "im",
                                               "over", "under", "sub", "super", "inter", "intra", "trans"};

// Full-width brackets (CJK typesetting) carry their own space: NFKC makes them ASCII brackets
// glued to the word ("CdO\uFF080.2 mmol\uFF09was" -> "CdO(0.2 mmol)was"), so a space goes before
// the opening one and after the closing one when a word follows (review 16a).
std::string spaced_full_width_brackets(std::string_view text) {
  constexpr std::string_view kOpen = "\xEF\xBC\x88", kClose = "\xEF\xBC\x89";
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == kOpen) out += ' ';
    out += text[i];
    if (i >= 2 && text.substr(i - 2, 3) == kClose && i + 1 < text.size() &&
        std::isalnum(static_cast<unsigned char>(text[i + 1])))
      out += ' ';
  }
  return out;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string spaced;
  if (text.find("\xEF\xBC\x88") != std::string_view::npos || text.find("\xEF\xBC\x89") != std::string_view::npos) {
    spaced = spaced_full_width_brackets(text);
    text = spaced;
  }
  std::vector<UChar32> cps;
  cps.reserve(text.size());
  if (needs_nfkc(text)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (U_SUCCESS(status)) {
      icu::UnicodeString n = nfkc->normalize(u, status);
      if (U_SUCCESS(status)) u = n;
    }
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      cps.push_back(c);
      i += U16_LENGTH(c);
    }
  } else {
    for (unsigned char c : text) cps.push_back(c);
  }

  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto last_cp = [&]() -> UChar32 {
    // Only ASCII matters to the callers below.
    return out.empty() ? 0 : static_cast<unsigned char>(out.back());
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 c = cps[i];
    UChar32 next = i + 1 < cps.size() ? cps[i + 1] : 0;
    // Removed outright: soft hyphen, zero-width space/joiners, BOM, bidi marks.
    if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
        c == 0xFEFF || c == 0x200E || c == 0x200F)
      continue;
    if (c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR ||
        c == 0xFFFD) {
      pending_space = !out.empty();
      continue;
    }
    if (c == 0x2212 || c == 0x2010 || c == 0x2011 || c == 0xFE63 || c == 0xFF0D) c = '-';
    if (is_degree_like(c) && (next == 'C' || next == 'F')) c = 0x00B0;
    // "120 oC": a superscript letter o used as a degree sign.
    if (c == 'o' && next == 'C' && (i + 2 >= cps.size() || !u_isalnum(cps[i + 2]))) {
      UChar32 before = pending_space ? (i >= 2 ? cps[i - 2] : 0) : last_cp();
      if (is_ascii_digit(before)) c = 0x00B0;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    append_utf8(out, static_cast<uint32_t>(c));  // never NUL here: a control character, skipped above
  }
  return out;
}

}  // namespace synthdb::pdf
