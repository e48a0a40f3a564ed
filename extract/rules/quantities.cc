#include "extract/rules/quantities.h"

#include <re2/re2.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "extract/core/error.h"
#include "extract/rules/lexicon.h"
#include "extract/rules/text.h"
#include "extract/rules/word_shape.h"

namespace synthdb::rules {

struct QuantityScanner::Item {
  size_t begin = 0;
  size_t num_end = 0;
  size_t end = 0;  // past the unit when there is one, else num_end (or past "± x")
  double value = 0;
  std::optional<double> sd;
  std::string kind;  // empty: no unit
  double factor = 1;
  double offset = 0;
  std::string surface;
};

namespace {

using namespace std::string_view_literals;

// The value of the superscript digit at s[pos] with its length in bytes in *len, or -1: ¹ ² ³ are
// U+00B9, U+00B2, U+00B3 (C2 B9/B2/B3), ⁰ ⁴-⁹ are U+2070, U+2074..U+2079 (E2 81 B0, B4..B9).
int superscript_digit(std::string_view s, size_t pos, size_t* len) {
  if (pos + 1 >= s.size()) return -1;
  const auto c = static_cast<unsigned char>(s[pos]), d = static_cast<unsigned char>(s[pos + 1]);
  if (c == 0xC2 && (d == 0xB9 || d == 0xB2 || d == 0xB3)) {
    *len = 2;
    return d == 0xB9 ? 1 : d == 0xB2 ? 2 : 3;
  }
  if (c == 0xE2 && d == 0x81 && pos + 2 < s.size()) {
    const auto e = static_cast<unsigned char>(s[pos + 2]);
    if (e == 0xB0 || (e >= 0xB4 && e <= 0xB9)) {
      *len = 3;
      return e - 0xB0;
    }
  }
  return -1;
}

// Words that, right before a number, make it a label rather than a measurement ("Fig. 2h" is
// panel h, not two hours; "Table 3 d" is not three days).
bool is_label_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "fig",   "figs",   "figure", "figures", "table", "tables", "scheme", "eq",     "eqs",
      "equation", "ref", "refs",   "section", "entry", "step",   "steps",  "no",     "chapter",
      "route", "method", "sample", "samples", "batch", "run",    "s",      "tab"};
  // Most words before a number are none of these: ruled out by their length and first letter before
  // 26 comparisons.
  static constexpr WordShape kShape(kWords);
  return kShape.may_be(w) && std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// The word (ASCII letters) that ends right before `pos`, skipping spaces, '.' and '('.
std::string_view previous_word(std::string_view folded, size_t pos) {
  size_t e = pos;
  while (e > 0 && (folded[e - 1] == ' ' || folded[e - 1] == '.' || folded[e - 1] == '(' ||
                   folded[e - 1] == '\t' || static_cast<unsigned char>(folded[e - 1]) >= 0x80)) {
    // Non-ASCII here is nearly always a (thin/no-break) space byte; letters before a number are
    // handled by valid_start().
    if (static_cast<unsigned char>(folded[e - 1]) >= 0x80 && e >= 3 &&
        space_len(folded, e - 3) == 0 && space_len(folded, e - 2) == 0) {
      break;
    }
    --e;
  }
  size_t b = e;
  while (b > 0 && is_lower(folded[b - 1])) --b;
  // Only a whole word: the "s" of "Na2S (2.2 M)", "TOP-S (1 mL)", "TOP–S (1 M)" (en dash) or
  // "TOP/S" ends a formula, it is no label.
  if (b > 0 && (is_digit(folded[b - 1]) || folded[b - 1] == '-' || folded[b - 1] == '/' ||
                static_cast<unsigned char>(folded[b - 1]) >= 0x80)) {
    return {};
  }
  return folded.substr(b, e - b);
}

// Whether the word before the number at `pos` makes it a label (is_label_word()). A lone "s" labels
// Supporting-Information items ("Fig. S2", "Table S 3") but not across a bracket: in "S (0.2 mmol)"
// and "Se and S (0.2, 1 and 2 mmol)" the bracket holds the amounts of sulfur.
bool label_before(std::string_view folded, size_t pos) {
  std::string_view w = previous_word(folded, pos);
  if (!is_label_word(w)) return false;
  const size_t w_end = static_cast<size_t>(w.data() - folded.data()) + w.size();
  return w != "s" || folded.substr(w_end, pos - w_end).find('(') == std::string_view::npos;
}

// End of the part of `text` from `pos` that a match of the number pattern can reach: its bytes are
// digits, separators, the exponent marks (x X * ^ - and non-ASCII ×, ·, dashes, spaces), and one
// byte more for the final \b to look at. RE2 may extract submatches of an anchored pattern with
// BitState over the whole input it is given, clearing a bitmap as large as that input; the window
// keeps it small (about 1 % of the instructions of a 200 kB run) and gives the same result.
size_t number_reach(std::string_view text, size_t pos) {
  // At most 256 bytes: a number with its exponent ("1.23 × 10−3") is a few dozen, and without a
  // bound a run of such bytes ("1 ± 1 ± ...", a 1 MB table of numbers) made every number scan to
  // its end, quadratic in the paragraph (session 11 check: over 60 s for 1 MB).
  const size_t end = std::min(text.size(), pos + 256);
  size_t e = pos;
  while (e < end) {
    char c = text[e];
    if (!(is_digit(c) || c == ',' || c == '.' || c == ' ' || c == 'x' || c == 'X' || c == '*' || c == '^' ||
          c == '-' || static_cast<unsigned char>(c) >= 0x80)) {
      break;
    }
    ++e;
  }
  return std::min(e + 1, text.size());
}

// strtod() of "123" or "0.25" (digits, optionally one '.' and digits). Up to 15 digits the digits
// read as an integer are exact in a double, and so is 10^k for k <= 22; one IEEE division of the
// two is correctly rounded, which is what strtod returns (Clinger's fast path). Longer numbers go
// to strtod. strtod with a std::string temporary was 1.5 % of the run.
double plain_decimal(std::string_view num) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  uint64_t mantissa = 0;
  int digits = 0, fraction = 0;
  bool dot = false;
  for (char c : num) {
    if (c == '.') {
      dot = true;
      continue;
    }
    mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
    ++digits;
    fraction += dot;
  }
  if (digits > 15) return std::strtod(std::string(num).c_str(), nullptr);
  double m = static_cast<double>(mantissa);
  return fraction ? m / kPow10[fraction] : m;
}

// RE2::Consume with submatches, run only after a match without them succeeded (a DFA pass): for
// an anchored pattern with submatches RE2 may go straight to BitState over the whole input, and
// most calls here do not match. The result is that of the single call.
template <typename... Args>
bool consume_checked(re2::StringPiece* input, const re2::RE2& re, Args*... args) {
  re2::StringPiece probe = *input;
  return re2::RE2::Consume(&probe, re) && re2::RE2::Consume(input, re, args...);
}

size_t utf8_lead(std::string_view s, size_t pos) {
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// Whether the bracket closing at `close` (')' or ']') ends a group of a formula, so that a digit
// right after it is a subscript: "Cd(OAc)2", "Bi(NO3)3", "Fe(CO)5", "(TMS)3P", "[Ru(bpy)3]2". The
// group holds a letter and no space; the look-back is bounded (a run of brackets costs no more
// than 32 bytes per digit).
bool formula_group_before(std::string_view text, size_t close) {
  const char open = text[close] == ')' ? '(' : '[';
  bool letter = false;
  for (size_t k = close, steps = 0; k-- > 0 && steps < 32; ++steps) {
    char c = text[k];
    if (c == open) return letter;
    if (c == ' ' || c == ',' || c == ';' || static_cast<unsigned char>(c) >= 0x80) return false;
    letter |= is_alpha(c);
  }
  return false;
}

// A count of a formula whose subscripts the PDF conversion set apart: the digit after "Ga 2 O " or
// "Cs 2 CO " is the "3" of Ga2O3 / Cs2CO3, no number ("Ga 2 O 3 and 2 mL of OAm" is no list
// "3 and 2 mL"). `space` is the space before the digit; the element group before it (a capital,
// then up to two letters) must follow a count that itself follows letters.
bool spaced_formula_before(std::string_view text, size_t space) {
  size_t e = space;
  size_t b = e;
  while (b > 0 && is_alpha(text[b - 1]) && e - b < 3) --b;
  if (b == e || !is_upper(text[b]) || b < 3 || text[b - 1] != ' ') return false;
  size_t d = b - 1;  // the space before the element group
  size_t c = d;
  while (c > 0 && is_digit(text[c - 1]) && d - c < 2) --c;
  if (c == d || c < 2 || text[c - 1] != ' ') return false;
  return is_alpha(text[c - 2]);
}

// "Pb(NO 3 ) 2", "Zn(CH 3 COO) 2", "Pb(NO 3 )2": the bracket closing at `close` ends a formula group
// whose counts the PDF conversion set apart (a capital right after the '(', which follows a letter;
// letters, digits and spaces inside), so the digit after it is the group's count, no number.
bool spaced_group_before(std::string_view text, size_t close) {
  bool space = false;
  for (size_t k = close, steps = 0; k-- > 0 && steps < 32; ++steps) {
    char c = text[k];
    if (c == '(') return space && k > 0 && is_alpha(text[k - 1]) && is_upper(text[k + 1]);
    if (c == ' ') {
      space = true;
    } else if (!is_alnum(c)) {
      return false;
    }
  }
  return false;
}

// The middle dot U+00B7 joins the parts of a compound unit ("°C·min−1", "mol·L−1"): no letter.
bool middle_dot_at(std::string_view s, size_t pos) {
  return pos + 1 < s.size() && static_cast<unsigned char>(s[pos]) == 0xC2 && static_cast<unsigned char>(s[pos + 1]) == 0xB7;
}

// Whether the word before a dash (ending at `dash`) is repeated right after the number that starts
// at `pos`: "1 h–2 h", "0.5 mL–1 mL", "0 °C–3 °C", "2 h-3 h" are two quantities of one unit, not the
// exponent of "min−1" or "cm−3 and" nor the identifier of "ZSM-5".
bool same_unit_after(std::string_view text, size_t dash, size_t pos) {
  size_t b = dash;
  while (b > 0 && text[b - 1] != ' ' && dash - b < 8) --b;
  if (b == dash || dash - b >= 8 || (b > 0 && text[b - 1] != ' ')) return false;
  std::string_view unit = text.substr(b, dash - b);
  size_t p = pos;
  while (p < text.size() && (is_digit(text[p]) || text[p] == '.')) ++p;
  while (p < text.size() && text[p] == ' ') ++p;
  if (text.compare(p, unit.size(), unit) != 0) return false;
  p += unit.size();
  return p >= text.size() || !is_alpha(text[p]);
}

// Whether two numbers that each carry a unit are the ends of one range: "from 150 °C to 200 °C",
// "between 150 °C and 200 °C", "300 °C–320 °C", "10 min–2 h", "from 30 s to 30 min" (the contract
// reads a range as min/max whatever the units of its ends). Temperatures and times only: two
// lengths or volumes joined so are often two values ("from 520 nm to 540 nm").
// `spread`: either end has a "± sd" (no range then).
bool unit_on_both_ends(std::string_view kind_a, std::string_view kind_b, bool spread) {
  return kind_a == kind_b && !spread && (kind_a == "temperature"sv || kind_a == "time"sv);
}

// Whether two united ends run downwards: "cooling from 240 °C to 60 °C", "slowed from 300 °C to
// 270 °C", "shortened from 2 h to 30 min". Ranges run upwards; a falling pair is a change from one
// value to another, two values (as "from room temperature to 250 °C" stays two). Not after
// "between", which always names a range ("between 670 °C and 590 °C on cooling").
bool falling_pair(double first, double second) { return first > second; }

// Whether the number [pos, num_end) with a unit ending at `end` is a decade: four digits of a year
// ending in 0 with an "s" glued to them ("the 1980s", "in the 2010s"), no time in seconds.
bool decade(std::string_view text, size_t pos, size_t num_end, size_t end) {
  if (num_end - pos != 4 || end != num_end + 1 || text[num_end] != 's' || text[num_end - 1] != '0' ||
      !is_digit(text[pos + 2])) {
    return false;
  }
  return (text[pos] == '1' && (text[pos + 1] == '8' || text[pos + 1] == '9')) || (text[pos] == '2' && text[pos + 1] == '0');
}

// Whether the number at `pos` follows "<change verb> from", one adverb allowed between: "shifted
// from 520 to 535 nm", "red-shifted gradually from", "increased from 4 to 8 nm". A value before and
// one after the change, two lengths as in "shifted from 520 nm to 540 nm", not a range.
bool change_from_before(std::string_view folded, size_t pos) {
  std::string_view b = folded.substr(0, pos);
  // "grew from ∼0.4 to ∼1.1 μm": a hedge before the first value.
  for (std::string_view hedge : kChangeHedges) {
    if (b.ends_with(hedge)) {
      b.remove_suffix(hedge.size());
      break;
    }
  }
  if (!b.ends_with(" from ")) return false;
  b.remove_suffix(6);
  // Up to six words back within the clause: "shifting the PL from 512 to 650 nm", "shifted the PL
  // of the CsPbBr3 NCs from 512 to 650 nm" (review 13, D54).
  for (int words = 0; words < 6 && !b.empty(); ++words) {
    const auto [head, w] = cut_last_word(b);
    if (w.ends_with(",") || w.ends_with(";") || w.ends_with(".") || w.ends_with(")")) break;
    // A verb, not its noun: "the growth of the ceria layer from 10–60 nm" names a range of layers.
    const bool noun = w.ends_with("th") || w.ends_with("ment") || w.ends_with("ments");
    for (std::string_view v : {"shift"sv, "increas"sv, "decreas"sv, "grew"sv, "grow"sv, "chang"sv, "mov"sv,
                               "evolv"sv, "red-shift"sv, "blue-shift"sv, "redshift"sv, "blueshift"sv}) {
      if (!noun && w.starts_with(v)) return true;
    }
    b = head;  // empty when no word is left: the loop ends
  }
  return false;
}

// Whether "1 h and 30 min" (ending at `end`) is one duration: not when the second time is a point
// of its own ("1 h and 30 min later", "... after", "... ago") or the sentence pairs the times with
// items ("for 1 h and 30 min, respectively"). Two clauses ("stirred for 1 h and heated for 30 min")
// never reach here: only "and" may stand between the two times.
bool one_duration_after(std::string_view folded, size_t end) {
  size_t p = skip_spaces(folded, end);
  for (std::string_view w : {"later"sv, "after"sv, "afterward"sv, "before"sv, "earlier"sv, "ago"sv, "thereafter"sv,
                             "each"sv}) {
    if (folded.compare(p, w.size(), w) == 0 && (p + w.size() == folded.size() || !is_alpha(folded[p + w.size()]))) {
      return false;
    }
  }
  std::string_view rest = folded.substr(p, std::min<size_t>(folded.size() - p, 80));
  if (size_t stop = rest.find(". "); stop != std::string_view::npos) rest = rest.substr(0, stop);
  return rest.find("respectively") == std::string_view::npos;
}

// A digit at `pos` starts a number only when it is not inside an identifier: "CsPbBr3", "H2O",
// "ZSM-5", "Ba0.95", "1,3" (second part) and "S2" are not quantities.
bool valid_start(std::string_view text, size_t pos) {
  if (pos == 0) return true;
  char prev = text[pos - 1];
  // "(YSZ/GDC, 1 μm/0.5 μm)": a length after a slash that follows a length unit starts a second
  // value (review 19, FN-5); any other slash joins a ratio, a formula or a compound unit.
  if (prev == '/') {
    std::string_view lead = text.substr(0, pos - 1);
    const size_t unit = lead.ends_with("nm") || lead.ends_with("mm")                 ? 2
                        : lead.ends_with("\u03bcm") || lead.ends_with("\u00b5m") ? 3
                                                                                  : 0;
    if (unit > 0) {
      size_t k = lead.size() - unit;
      while (k > 0 && text[k - 1] == ' ') --k;
      if (k > 0 && is_digit(text[k - 1])) return true;
    }
  }
  if (is_alnum(prev) || prev == '.' || prev == ',' || prev == '_' || prev == '/' || prev == ':') return false;
  if (static_cast<unsigned char>(prev) >= 0x80) {
    size_t lead = utf8_lead(text, pos - 1);
    if (letter_at(text, lead)) return false;
  }
  if ((prev == ')' || prev == ']') && formula_group_before(text, pos - 1)) return false;
  // The "2" of "under N 2 to 150 °C" is N2's count, no number (nor a range 2-150 °C).
  if (prev == ' ' && (spaced_formula_before(text, pos - 1) || (pos >= 2 && spaced_diatomic_gas(text, pos - 2)))) return false;
  if (prev == ')' && spaced_group_before(text, pos - 1)) return false;
  if (prev == ' ' && pos >= 3 && text[pos - 2] == ')' && spaced_group_before(text, pos - 2)) return false;
  // The exponent of a unit written with a minus sign, "min−1", "L–1", "cm−3": no number (but
  // "1200 °C–1450 °C" is a range).
  if (pos >= 4 && dash_len(text, pos - 3) == 3 && is_alpha(text[pos - 4]) && text[pos] >= '1' && text[pos] <= '3' &&
      (pos + 1 >= text.size() || (!is_digit(text[pos + 1]) && text[pos + 1] != '.')) && !same_unit_after(text, pos - 3, pos)) {
    return false;
  }
  if (prev == '-' && pos >= 2 && (is_alnum(text[pos - 2]) || text[pos - 2] == ')') && !same_unit_after(text, pos - 1, pos)) {
    // "sub-500-nm-thick": the prefix "sub-" qualifies a number, it is no identifier.
    bool sub = pos >= 4 && (text[pos - 4] == 's' || text[pos - 4] == 'S') && text.compare(pos - 3, 2, "ub") == 0 &&
               (pos == 4 || !is_alnum(text[pos - 5]));
    if (!sub) return false;
  }
  return true;
}

// A byte loop rather than compare() (a memcmp call): units and words are short and most probes
// fail at the first or second byte.
inline bool starts_with(std::string_view s, size_t pos, std::string_view w) {
  if (s.size() < pos + w.size()) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (s[pos + k] != w[k]) return false;
  }
  return true;
}

// "±", "+/-", "+-", "+−" at pos; returns length or 0.
size_t plus_minus_len(std::string_view s, size_t pos) {
  if (starts_with(s, pos, "±")) return std::strlen("±");
  if (starts_with(s, pos, "+/-")) return 3;
  if (starts_with(s, pos, "+/−")) return 2 + std::strlen("−");
  if (starts_with(s, pos, "+-")) return 2;
  if (starts_with(s, pos, "+−")) return 1 + std::strlen("−");
  return 0;
}

// "9.8 6 0.7 nm", "220 6 2 °C": the Symbol-font "±" that PDF conversion turns into the digit 6
// (review 16a, A4). A lone "6" with one space on either side between a number ending at `p` and
// another number; the caller checks that the second is smaller and that a unit follows it.
bool symbol_plus_minus_at(std::string_view s, size_t p) {
  return p + 3 < s.size() && s[p] == ' ' && s[p + 1] == '6' && s[p + 2] == ' ' && is_digit(s[p + 3]);
}

// "stored at − 20 °C", "T = − 10 °C": a minus sign that PDF conversion set one space apart from its
// number (review 16a, A8). A sign only after "=", "(" or a preposition that takes a value (a dash
// after a number or a word is a range or a joint: "150 – 200 °C"). Returns the length of the sign
// and the space, else 0.
size_t spaced_minus_sign_before(std::string_view text, size_t pos) {
  if (pos < 3 || text[pos - 1] != ' ') return 0;
  size_t d = text[pos - 2] == '-' ? 1 : (pos >= 4 && dash_len(text, pos - 4) == 3) ? 3 : 0;
  if (!d) return 0;
  size_t at = pos - 1 - d;
  if (at == 0 || (text[at - 1] != ' ' && text[at - 1] != '(' && text[at - 1] != '=')) return 0;
  if (text[at - 1] != ' ') return d + 1;
  size_t w = at - 1;
  if (w > 0 && text[w - 1] == '=') return d + 1;
  size_t b = w;
  while (b > 0 && is_alpha(text[b - 1])) --b;
  std::string_view word = text.substr(b, w - b);
  for (std::string_view prep : {"at"sv, "to"sv, "of"sv, "from"sv, "below"sv, "At"sv}) {
    if (word == prep) return d + 1;
  }
  return 0;
}

// Length of a minus sign ("-", "−", "–") that ends right before `pos` and stands as a sign: after
// the start of the text, a space, an opening bracket, `=` or `~` ("at -20 °C", "(−196 °C)", "to -10 °C",
// "T=-20 °C").
// After a digit it is a range ("150-200 °C"); after a letter it joins words ("ZSM-5"). 0: none.
size_t minus_sign_before(std::string_view text, size_t pos) {
  if (size_t spaced = spaced_minus_sign_before(text, pos)) return spaced;
  size_t len = 0;
  if (pos >= 1 && text[pos - 1] == '-') {
    len = 1;
  } else if (pos >= 3 && dash_len(text, pos - 3) == 3) {
    len = 3;
  } else {
    return 0;
  }
  size_t at = pos - len;
  if (at == 0) return len;
  char c = text[at - 1];
  if (c == ' ' || c == '\t' || c == '(' || c == '[' || c == '=' || c == '~') return len;  // "T=-20 °C", "~-20 °C"
  // A no-break or thin space before the sign.
  if (at >= 2 && space_len(text, at - 2) == 2) return len;
  if (at >= 3 && space_len(text, at - 3) == 3) return len;
  return 0;
}

bool en_dash_as_e(std::string_view s, size_t pos, size_t p);

// Separator of a range after a number at `pos`: dashes, "to", "~", "∼". Returns its length (0: none).
// `text` and `num` (where the first number starts) are for the "e" of en_dash_as_e().
size_t range_sep_len(std::string_view text, std::string_view folded, size_t num, size_t pos, bool between) {
  if (pos >= folded.size()) return 0;
  if (size_t d = dash_len(folded, pos)) return d;
  // "20e30 nm": an en dash printed as "e", on en_dash_as_e()'s conditions (the number reader left the
  // "e" out for them).
  if (folded[pos] == 'e' && pos > num && is_digit(folded[pos - 1]) && en_dash_as_e(text, num, pos)) return 1;
  if (starts_with(folded, pos, "to ") || starts_with(folded, pos, "to\xC2\xA0")) return 2;
  if (starts_with(folded, pos, "~")) return 1;
  if (starts_with(folded, pos, "∼")) return std::strlen("∼");
  if (between && starts_with(folded, pos, "and ")) return 3;
  return 0;
}

// Past the joint between two items of a list at `at` (",", "and", "or", ", and", "vs": spaces after each
// skipped), else npos: the lists of numbers and of ranges share the last item's unit.
size_t past_list_joint(std::string_view text, std::string_view folded, size_t at) {
  const bool comma = at < text.size() && text[at] == ',';
  if (comma) at = skip_spaces(text, at + 1);
  if (starts_with(folded, at, "and ")) return skip_spaces(text, at + 3);
  if (starts_with(folded, at, "or ")) return skip_spaces(text, at + 2);
  // "(4.1 ± 0.3 vs 4.2 ± 0.4 nm)", "320 versus 280 °C": a comparison shares the unit too (review 13, D56).
  if (!comma) {
    for (std::string_view vs : {"vs. ", "vs ", "versus "}) {
      if (starts_with(folded, at, vs)) return skip_spaces(text, at + vs.size());
    }
  }
  return comma ? at : std::string_view::npos;
}

// Whether a slash at `at` joins two items of a list that opens a bracket at `first` ("OA/OAm/ODE
// (5/5/10 mL)", "(5 mL/2 mL)"): a digit follows it. Slashes elsewhere are ratios, dates or units.
bool bracketed_slash(std::string_view text, size_t first, size_t at) {
  return first > 0 && text[first - 1] == '(' && at + 1 < text.size() && text[at] == '/' && is_digit(text[at + 1]);
}

// The kinds a reagent's amount is measured in, which slash-paired lists hold.
bool amount_kind(std::string_view kind) { return kind == "volume" || kind == "mass" || kind == "moles"; }

// The lists of numbers and of ranges that share the last item's unit skip a label in brackets
// between their items, each with a reader of its own, kept apart (merging them changes both lists):
//  - skip_panel_label(), lists of ranges: a figure panel's letters only, glued or not ("(a)", "(iii)");
//  - skip_item_label(), lists of single numbers: any short label after a space ("(left side)", "(A)")
//    but none with a digit or bracket in it, and none glued to the number ("3436(b), 3069(m)": IR bands).
// Both return the position past the label and the spaces after it, else `at`.
// Past a short letter label in brackets at `at` ("(a)", "(b)", "(iii)"), else `at`: figure-panel
// labels between the items of a list of ranges ("3–4.5 (a), 5–20 (b), and 40–100 nm (c)").
size_t skip_panel_label(std::string_view text, size_t at) {
  if (at + 2 >= text.size() || text[at] != '(') return at;
  size_t k = at + 1;
  while (k < text.size() && k - at <= 4 && is_lower(text[k])) ++k;
  if (k == at + 1 || k >= text.size() || text[k] != ')') return at;
  return skip_spaces(text, k + 1);
}

// Past a label of at most 15 bytes in brackets at `at` (at > 0), after a space: "40 (left side) and
// 320 (right side) nm-thick", "(A) 40, (B) 320 and 480 nm"; else `at`.
size_t skip_item_label(std::string_view text, size_t at) {
  if (at >= text.size() || text[at] != '(' || text[at - 1] != ' ') return at;  // "3436(b), 3069(m)": IR bands
  size_t close = text.find(')', at);
  if (close == std::string_view::npos || close - at > 16) return at;
  for (size_t k = at + 1; k < close; ++k) {
    if (is_digit(text[k]) || text[k] == '(') return at;
  }
  return skip_spaces(text, close + 1);
}

// Whether the number at `pos` is a polymer's molecular weight: "PVP (Mw = 55000, 0.5 g)", "PEG (MW
// 6000, 2 g)", "molecular weight of 40 000". Such a number is no item of a list of amounts.
bool molecular_weight_before(std::string_view folded, size_t pos) {
  std::string_view b = folded.substr(0, pos);
  while (!b.empty() && (b.back() == ' ' || b.back() == '=' || b.back() == '~' || b.back() == ':')) b.remove_suffix(1);
  if (b.ends_with(" of")) b.remove_suffix(3);
  for (std::string_view cue : {"mw", "m.w.", "m.w", "mn", "molecular weight", "mol. wt.", "mol. wt", "mol wt"}) {
    if (b.ends_with(cue) && (b.size() == cue.size() || !is_alnum(b[b.size() - cue.size() - 1]))) return true;
  }
  return false;
}

// "220 °C (±2 °C)", "150 °C (± 5 °C)": a tolerance in a bracket right after a temperature is its
// spread (review 14a, A36). Sets the sd of such temperatures in `out`; the value keeps its span.
void bracketed_tolerance(std::string_view text, std::vector<Quantity>* out) {
  std::vector<std::pair<size_t, size_t>> brackets;  // the tolerances read: no temperatures of their own
  for (Quantity& q : *out) {
    if (q.kind != "temperature" || q.sd || !q.value) continue;
    size_t p = skip_spaces(text, q.end);
    if (p >= text.size() || text[p] != '(') continue;
    const size_t open = p;
    p = skip_spaces(text, p + 1);
    if (!starts_with(text, p, "\u00b1")) continue;
    p = skip_spaces(text, p + std::strlen("\u00b1"));
    size_t e = p;
    while (e < text.size() && (is_digit(text[e]) || (text[e] == '.' && e > p))) ++e;
    if (e == p) continue;
    size_t u = skip_spaces(text, e);
    // The same unit as the value, then the closing bracket.
    if (!starts_with(text, u, q.unit_surface)) continue;
    const size_t close = skip_spaces(text, u + q.unit_surface.size());
    if (close >= text.size() || text[close] != ')') continue;
    q.sd = plain_decimal(text.substr(p, e - p));
    brackets.emplace_back(open, close);
  }
  if (brackets.empty()) return;
  std::erase_if(*out, [&](const Quantity& q) {
    return std::any_of(brackets.begin(), brackets.end(), [&](const auto& b) { return q.begin > b.first && q.end <= b.second; });
  });
}

// Whether the number at `pos` is a trade name's grade: "silica (Aerosil 200, 2 g)", "(Ludox 40, ...)":
// a capitalised word right before it, after an opening bracket or a comma. Such a number is no item
// of a list of amounts (review 14b, B94).
bool grade_number_before(std::string_view text, size_t pos) {
  if (pos < 5 || text[pos - 1] != ' ') return false;
  size_t b = pos - 1;
  while (b > 0 && is_alpha(text[b - 1])) --b;
  if (pos - 1 - b < 3 || !(text[b] >= 'A' && text[b] <= 'Z') || b < 2) return false;
  return text[b - 1] == '(' || (text[b - 1] == ' ' && text[b - 2] == ',');
}

// Exponent "-1" written after the second unit of a compound ("min-1", "L−1", "mL⁻¹", "h^-1"), also
// set apart by one space as PDF conversion writes a superscript ("min −1", "mL -1"; review 16a, A2):
// then the sign must be glued to the "1", so that "2 h - 1 h" stays two times.
size_t inverse_exponent_len(std::string_view s, size_t pos) {
  size_t p = pos;
  if (starts_with(s, p, "^")) ++p;
  if (starts_with(s, p, "⁻¹")) return p - pos + std::strlen("⁻¹");
  const bool spaced = p == pos && p + 1 < s.size() && s[p] == ' ' && dash_len(s, p + 1);
  if (spaced) ++p;
  size_t d = dash_len(s, p);
  if (!d) return 0;
  p += d;
  if (!spaced) p = skip_spaces(s, p);
  // "°C–1.5 h" is a temperature then a time of 1.5 h, no exponent.
  if (p < s.size() && s[p] == '1' &&
      (p + 1 >= s.size() || (!is_digit(s[p + 1]) && !(s[p + 1] == '.' && p + 2 < s.size() && is_digit(s[p + 2]))))) {
    return p + 1 - pos;
  }
  return 0;
}

// "cm −3", "m 2 g −1", "cm 3 g -1": a length to a power with the exponent set apart by the PDF
// conversion (review 16a, A2): a density or a specific surface area or pore volume, no length, and
// the "2 g" of "m 2 g −1" is no mass. `pos` is the end of the length unit. When the power divides
// by a unit, *end moves past it so that nothing in it is read again.
bool spaced_length_power_len(std::string_view s, size_t pos, size_t* end) {
  if (pos + 2 >= s.size() || s[pos] != ' ') return false;
  size_t p = pos + 1;
  if (size_t d = dash_len(s, p)) {
    p += d;
    return p < s.size() && s[p] >= '1' && s[p] <= '3' && (p + 1 >= s.size() || !is_alnum(s[p + 1]));
  }
  if ((s[p] != '2' && s[p] != '3') || p + 3 >= s.size() || s[p + 1] != ' ') return false;
  // The unit divided by: "g −1", "g-1", "g⁻¹" (one or two letters).
  size_t u = p + 2, ue = u;
  while (ue < s.size() && ue - u < 2 && is_alpha(s[ue])) ++ue;
  if (ue == u) return false;
  size_t x = inverse_exponent_len(s, ue);
  if (!x) return false;
  *end = ue + x;
  return true;
}

// "30 min23", "5 nm15", "90%27": a superscript reference number glued to a unit of time, length or
// fraction (review 16a, A7), as "770 °C11" to a degree sign. Not after a one-letter unit ("5 h2",
// "S2"), and for lengths not a lone 2 or 3 ("nm2", "cm3" are an area and a volume). `e` is the
// first digit after the unit.
bool glued_citation(std::string_view text, size_t e, const Unit& u) {
  const bool length = u.kind == "length";
  if (!(length || u.kind == "time" || (u.kind == "fraction" && u.surface == "%"))) return false;
  if (u.surface.size() < 2 && u.surface != "%") return false;
  size_t d = e;
  while (d < text.size() && is_digit(text[d])) ++d;
  if (d - e > 3 || (d < text.size() && (is_alpha(text[d]) || (text[d] == '.' && d + 1 < text.size() && is_digit(text[d + 1]))))) {
    return false;
  }
  return !(length && d - e == 1 && (text[e] == '2' || text[e] == '3'));
}

// "Nano Lett. 2015, 15, 3692": a journal reference (a running header or a citation flattened into
// the sentence; review 16a, A11). A year [pos, run_end) after an abbreviated capitalised word,
// then volume and page numbers: none of them is a quantity, and the page number must not take the
// unit after it ("... 3692 min" from "for 5 min"). Returns the end of the page number, else 0.
size_t journal_reference_end(std::string_view text, size_t pos, size_t run_end) {
  if (!(starts_with(text, pos, "19") || starts_with(text, pos, "20")) || pos < 4 || text[pos - 1] != ' ' ||
      text[pos - 2] != '.') {
    return 0;
  }
  size_t b = pos - 2;
  while (b > 0 && is_alpha(text[b - 1])) --b;
  if (b == pos - 2 || text[b] < 'A' || text[b] > 'Z') return 0;
  size_t e = run_end;
  for (int group = 0; group < 2; ++group) {
    if (e + 2 >= text.size() || text[e] != ',' || text[e + 1] != ' ' || !is_digit(text[e + 2])) return 0;
    e += 2;
    while (e < text.size() && is_digit(text[e])) ++e;
  }
  return e;
}

// "2 mg mL 1", "5 °C min 1": the exponent "−1" of a compound's second unit with its minus lost in
// the PDF conversion (review 16a, A2). Only for the pairs that make a rate or a concentration and
// only a lone "1" after one space; returns its length with the space, else 0.
size_t lost_minus_exponent_len(std::string_view s, size_t pos, std::string_view k1, std::string_view k2) {
  if (!(k2 == "time" && k1 == "temperature") && !(k2 == "volume" && (k1 == "mass" || k1 == "moles"))) return 0;
  if (pos + 1 >= s.size() || s[pos] != ' ' || s[pos + 1] != '1') return 0;
  size_t e = pos + 2;
  if (e < s.size() && (is_alnum(s[e]) || s[e] == '.' || s[e] == ',') &&
      !(s[e] == ',' && (e + 1 >= s.size() || s[e + 1] == ' ')) && !(s[e] == '.' && (e + 1 >= s.size() || s[e + 1] == ' '))) {
    return 0;
  }
  return 2;
}

// "1E-6 Torr", "5e-3": a power of ten in E notation as instrument software writes it (review 16a,
// A12). `p` is where the mantissa ends; returns the end of the exponent (one or two digits, a sign
// allowed, no letter or digit after), else 0.
size_t e_notation_end(std::string_view s, size_t p) {
  if (p + 1 >= s.size() || (s[p] != 'E' && s[p] != 'e')) return 0;
  size_t x = p + 1;
  if (s[x] == '-' || s[x] == '+') ++x;
  size_t d = x;
  while (d < s.size() && is_digit(s[d]) && d - x < 3) ++d;
  if (d == x || d - x > 2 || (d < s.size() && is_alnum(s[d]))) return 0;
  if (d + 1 < s.size() && s[d] == '.' && is_digit(s[d + 1])) return 0;
  return d;
}

// "20e30 nm", "2e5 lm": the en dash of a range that PDF conversion of some publishers' fonts turns into
// "e" (and μ into "l"), no E notation: a lower-case "e" glued to two numbers, the second larger, and
// a length unit after it. `p` is where the first number (from `pos`) ends at the "e". A decimal of 1
// or more before a whole number is E notation ("1.5e2 μm" is 150 μm; review 20, 11); "0.5e1 lm"
// stays a range (no mantissa below 1 in E notation), and so do whole numbers ("5e10 nm" is 5–10 nm:
// 5 × 10^10 nm, 50 m, is no length a paper gives in nm).
bool en_dash_as_e(std::string_view s, size_t pos, size_t p) {
  if (p + 1 >= s.size() || s[p] != 'e' || !is_digit(s[p + 1])) return false;
  size_t d = p + 1;
  while (d < s.size() && (is_digit(s[d]) || (s[d] == '.' && d + 1 < s.size() && is_digit(s[d + 1])))) ++d;
  const bool decimal_first = s.substr(pos, p - pos).find('.') != std::string_view::npos;
  if (decimal_first && s.substr(p + 1, d - p - 1).find('.') == std::string_view::npos &&
      plain_decimal(s.substr(pos, p - pos)) >= 1) {
    return false;
  }
  if (plain_decimal(s.substr(p + 1, d - p - 1)) <= plain_decimal(s.substr(pos, p - pos))) return false;
  std::string_view u = s.substr(skip_spaces(s, d));
  for (const LengthUnitSpelling& l : kLengthUnitSpellings) {
    const std::string_view unit = l.surface;
    if (!(l.readers & kLengthAfterDashE)) continue;
    if (u.starts_with(unit) && (u.size() == unit.size() || !is_alpha(u[unit.size()]))) return true;
  }
  return false;
}

// "AgNO3 (5 3 10 23 M)": a power of ten whose × and minus the PDF's Symbol font printed as "3" and
// "2" (review 16a, A34, as "6" for ± in symbol_plus_minus_at()): " 3 10 2d" after the mantissa is
// × 10^-d. `p` is where the mantissa ends; returns the end of the exponent (one digit 1-9, no letter
// or digit after), else 0. The caller asks for a unit after it.
size_t symbol_times_end(std::string_view s, size_t p) {
  if (p + 8 > s.size() || s.substr(p, 7) != " 3 10 2" || s[p + 7] < '1' || s[p + 7] > '9') return 0;
  const size_t e = p + 8;
  return e < s.size() && (is_alnum(s[e]) || s[e] == '.' || s[e] == ',') ? 0 : e;
}

// "CdO (0,2 mmol)": a decimal comma (European and translated papers; review 16a, A10). Only "0,d" and
// "0,dd": those can be no thousands group (a leading 0) and no list ("0,2,4" goes on). `pos` is the
// "0", `p` the comma; returns the end of the fraction, else 0. The caller asks for a unit after it.
size_t decimal_comma_end(std::string_view s, size_t pos, size_t p) {
  if (p != pos + 1 || s[pos] != '0' || p + 1 >= s.size() || s[p] != ',' || !is_digit(s[p + 1])) return 0;
  size_t d = p + 1;
  while (d < s.size() && is_digit(s[d])) ++d;
  if (d - p - 1 > 2 || (d < s.size() && (s[d] == ',' || s[d] == '.' || is_alpha(s[d])))) return 0;
  return d;
}

// Whether a temperature is the step of a series, not a condition: "in steps of 20 °C", "at intervals
// of 10 °C", "in 10 °C increments", "in 25 °C steps". `before`/`after` as for kelvin_difference().
bool temperature_step(std::string_view before, std::string_view after) {
  size_t p = 0;
  while (p < after.size() && (after[p] == ' ' || after[p] == '-')) ++p;
  for (std::string_view w : {"increment"sv, "step"sv, "interval"sv}) {
    if (!starts_with(after, p, w)) continue;
    size_t e = p + w.size();
    if (e < after.size() && after[e] == 's') ++e;
    if (e >= after.size() || !is_alpha(after[e])) return true;  // not "stepwise"
  }
  std::string_view b = before;
  b = trim_right(b);
  for (std::string_view w : {"steps of"sv, "step of"sv, "increments of"sv, "increment of"sv, "intervals of"sv,
                             "interval of"sv, "step size of"sv}) {
    if (b.ends_with(w)) return true;
  }
  return false;
}

// Whether a temperature is an offset from a named temperature, not a temperature: "5 °C below the
// boiling point", "held between 10 °C and 15 °C below the boiling point of the solvent", "20 °C
// above its melting temperature" (review 12b, O7). `after` is the lower-cased text after the unit;
// the second end of a range ("and 15 °C", "to 15 °C", "–15 °C") may come before the comparison word.
bool temperature_offset(std::string_view after) {
  size_t p = skip_spaces(after, 0);
  for (std::string_view w : {"and "sv, "to "sv, "-"sv, "\u2013"sv}) {
    if (!starts_with(after, p, w)) continue;
    size_t q = skip_spaces(after, p + w.size());
    size_t digits = q;
    while (q < after.size() && (is_digit(after[q]) || after[q] == '.')) ++q;
    if (q == digits) return false;
    q = skip_spaces(after, q);
    for (std::string_view unit : {"\u00b0c"sv, "\u2103"sv, "oc"sv, "k "sv, "degc"sv}) {
      if (starts_with(after, q, unit)) {
        p = skip_spaces(after, q + unit.size());
        break;
      }
    }
    break;
  }
  bool compared = false;
  for (std::string_view w : {"below "sv, "above "sv, "lower than "sv, "higher than "sv}) {
    if (starts_with(after, p, w)) {
      compared = true;
      p += w.size();
      break;
    }
  }
  if (!compared) return false;
  std::string_view ref = after.substr(p - 1, 41);  // from the space before the reference
  ref = ref.substr(0, ref.find_first_of(",;."));
  return contains_any(ref, {"point"sv, "temperature"sv, "boiling"sv, "melting"sv, "onset"sv, "transition"sv, " tm"sv,
                            " tg"sv, " bp"sv});
}

// Whether the text before a number ends with "<change verb> by": "increased by 10 °C", "was lowered
// by 30 K", "dropped by 20 °C to 280 °C". The value is the size of a change in any unit of
// temperature, no temperature (and no start of a range to the temperature after it).
bool changed_by_before(std::string_view before) {
  before = trim_right(before);
  if (!before.ends_with(" by")) return false;
  before.remove_suffix(3);
  const std::string_view verb = last_word(before);
  for (std::string_view w : {"increased"sv, "decreased"sv, "raised"sv, "lowered"sv, "rose"sv, "dropped"sv,
                             "fell"sv, "changed"sv, "reduced"sv, "shifted"sv, "differ"sv, "differed"sv}) {
    if (verb == w) return true;
  }
  return false;
}

// Whether a kelvin value is a temperature difference, not a temperature: "a 20 K increase", "a rise
// of 15 K", "a difference of more than 100 K", "increased by 30 K", "50 K above the melting point".
// A difference of 20 K is 20 °C, never -253.15 °C; such values are no condition and are dropped.
// `before` is the lower-cased text before the number, `after` the lower-cased text after the unit.
bool kelvin_difference(std::string_view before, std::string_view after) {
  size_t p = 0;
  while (p < after.size() && (after[p] == ' ' || after[p] == '-')) ++p;
  for (std::string_view w : {"increase"sv, "rise"sv, "drop"sv, "decrease"sv, "difference"sv, "change"sv, "higher"sv,
                             "lower"sv, "above"sv, "below"sv, "gradient"sv, "variation"sv, "jump"sv, "fluctuation"sv,
                             "warmer"sv, "colder"sv, "hotter"sv, "cooler"sv, "shift"sv}) {
    if (starts_with(after, p, w)) return true;
  }
  std::string_view b = before;
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!b.empty() && (b.back() == ' ' || b.back() == '~' || b.back() == '=')) b.remove_suffix(1);
    for (std::string_view w : {" of"sv, " than"sv, " more"sv, " less"sv, " about"sv, " approximately"sv, " only"sv,
                               " up to"sv, " nearly"sv, " almost"sv, " over"sv, " around"sv}) {
      if (b.ends_with(w)) {
        b.remove_suffix(w.size());
        trimmed = true;
      }
    }
  }
  for (std::string_view w : {"increase"sv, "rise"sv, "drop"sv, "decrease"sv, "difference"sv, "differences"sv,
                             "change"sv, "gradient"sv, "variation"sv, "jump"sv, "δt"sv, "Δt"sv}) {
    if (b.ends_with(w)) return true;
  }
  return changed_by_before(b);
}

}  // namespace

QuantityScanner::QuantityScanner(LexiconFiles& lexicons) {
  const auto path = lexicons.path("units.tsv");
  for (const TsvRow& row : lexicons.read_tsv("units.tsv", 4)) {
    Unit u;
    u.surface = row.fields[0];
    u.kind = row.fields[1];
    try {
      u.factor = std::stod(row.fields[2]);
      u.offset = std::stod(row.fields[3]);
    } catch (const std::exception&) {
      throw RuleError(path.string() + ":" + std::to_string(row.line) + ": factor/offset is not a number");
    }
    units_.push_back(std::move(u));
  }
  std::vector<std::vector<int>> longest_first(256);
  for (size_t i = 0; i < units_.size(); ++i) {
    longest_first[static_cast<unsigned char>(units_[i].surface[0])].push_back(static_cast<int>(i));
  }
  by_first_byte_.assign(256, {});
  auto second_byte = [&](int i) {
    const std::string& surface = units_[i].surface;
    return surface.size() > 1 ? static_cast<unsigned char>(surface[1]) : -1;
  };
  for (size_t first = 0; first < 256; ++first) {
    std::vector<int>& list = longest_first[first];
    std::stable_sort(list.begin(), list.end(),
                     [&](int a, int b) { return units_[a].surface.size() > units_[b].surface.size(); });
    std::vector<UnitBucket>& buckets = by_first_byte_[first];
    for (int i : list) {
      const int second = second_byte(i);
      auto known = [&](const UnitBucket& b) { return b.second == second; };
      if (std::none_of(buckets.begin(), buckets.end(), known)) buckets.push_back({second, {}});
    }
    for (UnitBucket& b : buckets) {
      std::copy_if(list.begin(), list.end(), std::back_inserter(b.units),
                   [&](int i) { return second_byte(i) == b.second || second_byte(i) < 0; });
    }
  }
  // Thousands separators only as ",ddd" groups; "×10-3" and "x 10^-3" exponents as flattened by
  // PDF conversion (the superscript becomes plain digits after the 10), also set apart by a space
  // ("1 × 10 −4 M", "2 × 10 8 Pa", "1 × 10 − 6 M"; review 16a, A3), and "× 10⁻³" with the
  // superscript kept (no \b after it: a superscript is no ASCII word character).
  number_ = compile("number",
                    R"((\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[ \x{00A0}\x{2009}\x{202F}]?[×xX*·][ \x{00A0}\x{2009}\x{202F}]?10\^?(?: ?([-−–⁻]) ?| )?(?:(\d{1,2})\b|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})))?)");
  // "pH of the solution was 11", "pH of the reaction mixture is 9": the medium named between.
  ph_ = compile("ph", R"(pH(?:\s*values?)?\s*(?:(?:of|=|~|≈|∼|at|to|was|is|about|around|approximately|ca\.|near|value|values|the\s+(?:[A-Za-z0-9-]+\s+)?(?:solution|mixture|suspension|dispersion|medium|bath))\s*)*(\d+(?:\.\d+)?))");
  ph_adjusted_ = compile("ph_adjusted",
                         R"(pH\b[^.;]{0,80}?\b(?:adjusted|brought|kept|maintained|set|controlled|changed|raised|increased|decreased|lowered|rose|dropped|fell|shifted)\s+(?:from\s+(?:about\s+|~\s*)?\d+(?:\.\d+)?\s+)?(?:to|at)\s+(?:about\s+|approximately\s+|~\s*|ca\.\s*)?(\d+(?:\.\d+)?))");
  ratio_word_after_ = compile("ratio_after",
                              R"(\s*,?\s*(?:\(\s*)?(?:in\s+|by\s+)?(?:the\s+)?((?:molar|mole|mol|atomic|weight|mass|volume|wt\.?|vol\.?)?\s*ratios?|v/v|v:v|w/w|by\s+volume|by\s+weight))");
  ratio_word_before_ = compile("ratio_before", R"(((?:(?:molar|mole|mol|atomic|weight|mass|volume)\s+)?ratios?|v:v|v/v|w/w)(?:\b|\s|$))");
}

QuantityScanner::~QuantityScanner() = default;

bool QuantityScanner::parse_number(std::string_view text, size_t pos, size_t* end, double* value) const {
  // "A 10⁻³ M solution": a power of ten with superscript exponent and no factor is 10^n.
  if (pos + 3 < text.size() && text[pos] == '1' && text[pos + 1] == '0') {
    size_t p = pos + 2;
    const bool negative = text.substr(p, 3) == "\u207b";
    if (negative) p += 3;
    int exponent = 0, digits = 0;
    for (size_t len = 0; digits < 2; ++digits, p += len) {
      const int digit = superscript_digit(text, p, &len);
      if (digit < 0) break;
      exponent = exponent * 10 + digit;
    }
    if (digits > 0) {
      *value = std::pow(10.0, negative ? -exponent : exponent);
      *end = p;
      return true;
    }
  }
  // Fast path for plain "12" / "0.25": only numbers followed by a thousands comma or something
  // that may start a "×10-3" exponent go through the RE2 rule.
  {
    size_t p = pos;
    const size_t n = text.size();
    while (p < n && is_digit(text[p])) ++p;
    if (p == pos) return false;
    size_t int_end = p;
    // Thousands in groups of three after a (thin, no-break or plain) space: "1 500 rpm", "2 000".
    // Only after a first group of one to three digits and only for exactly three digits, so that
    // "2 100 mL" from "2 (1 × 100 mL)" style lists cannot arise from longer numbers.
    std::string grouped;
    if (p - pos <= 3) {
      size_t q = p;
      while (size_t sp = space_len(text, q)) {
        size_t g = q + sp;
        if (g + 3 > n || !is_digit(text[g]) || !is_digit(text[g + 1]) || !is_digit(text[g + 2])) break;
        if (g + 3 < n && (is_digit(text[g + 3]) || (text[g + 3] == ',' && g + 4 < n && is_digit(text[g + 4])))) break;
        if (grouped.empty()) grouped.assign(text.substr(pos, p - pos));
        grouped.append(text.substr(g, 3));
        q = p = int_end = g + 3;
      }
    }
    if (p + 1 < n && text[p] == '.' && is_digit(text[p + 1])) {
      ++p;
      while (p < n && is_digit(text[p])) ++p;
    }
    if (grouped.empty()) {
      size_t unit_len = 0;
      if (size_t e = decimal_comma_end(text, pos, p); e && match_unit(text, skip_spaces(text, e), &unit_len)) {
        *value = plain_decimal(text.substr(p + 1, e - p - 1)) / (e - p - 1 == 1 ? 10 : 100);
        *end = e;
        return true;
      }
      if (size_t e = symbol_times_end(text, p); e && match_unit(text, skip_spaces(text, e), &unit_len)) {
        *value = plain_decimal(text.substr(pos, p - pos)) * std::pow(10.0, -(text[e - 1] - '0'));
        *end = e;
        return true;
      }
      if (size_t e = e_notation_end(text, p); e && !en_dash_as_e(text, pos, p)) {
        const int x = std::atoi(std::string(text.substr(p + 1, e - p - 1)).c_str());
        *value = plain_decimal(text.substr(pos, p - pos)) * std::pow(10.0, x);
        *end = e;
        return true;
      }
    }
    size_t q = skip_spaces(text, p);
    bool maybe_more = (int_end == p && p + 1 < n && text[p] == ',' && is_digit(text[p + 1])) ||
                      (q < n && (text[q] == 'x' || text[q] == 'X' || text[q] == '*' ||
                                 static_cast<unsigned char>(text[q]) == 0xC3 ||   // ×
                                 static_cast<unsigned char>(text[q]) == 0xC2));   // ·
    if (!grouped.empty()) {
      grouped.append(text.substr(int_end, p - int_end));  // the fraction, if any
      *value = std::strtod(grouped.c_str(), nullptr);
      *end = p;
      return true;
    }
    if (!maybe_more) {
      *value = plain_decimal(text.substr(pos, p - pos));
      *end = p;
      return true;
    }
  }
  re2::StringPiece input(text.data() + pos, number_reach(text, pos) - pos);
  re2::StringPiece whole, frac, sign, exponent, superscript;
  if (!re2::RE2::Consume(&input, *number_, &whole, &frac, &sign, &exponent, &superscript)) return false;
  std::string superscript_digits;
  if (!superscript.empty()) {
    // The rule matched superscript digits only: every step reads one.
    std::string_view s(superscript.data(), superscript.size());
    for (size_t k = 0, len = 0; k < s.size(); k += len) {
      const int digit = superscript_digit(s, k, &len);
      if (digit < 0) break;
      superscript_digits.push_back(static_cast<char>('0' + digit));
    }
    exponent = re2::StringPiece(superscript_digits);
  }
  std::string digits;
  for (char c : std::string_view(whole.data(), whole.size())) {
    if (c != ',') digits.push_back(c);
  }
  digits.append(frac.data(), frac.size());
  double v = std::strtod(digits.c_str(), nullptr);
  if (!exponent.empty()) {
    int e = std::atoi(std::string(exponent.data(), exponent.size()).c_str());
    if (!sign.empty()) e = -e;
    double p = 1;
    for (int k = 0; k < std::abs(e); ++k) p *= 10;
    v = e < 0 ? v / p : v * p;
  }
  *value = v;
  *end = static_cast<size_t>(input.data() - text.data());
  return true;
}

const Unit* QuantityScanner::match_unit(std::string_view text, size_t pos, size_t* len) const {
  if (pos >= text.size()) return nullptr;
  const int second = pos + 1 < text.size() ? static_cast<unsigned char>(text[pos + 1]) : -2;
  const std::vector<int>* candidates = nullptr;
  for (const UnitBucket& b : by_first_byte_[static_cast<unsigned char>(text[pos])]) {
    if (b.second == second) {
      candidates = &b.units;
      break;
    }
    if (b.second < 0) candidates = &b.units;
  }
  if (!candidates) return nullptr;
  for (int i : *candidates) {
    const Unit& u = units_[i];
    if (!starts_with(text, pos, u.surface)) continue;
    size_t e = pos + u.surface.size();
    // A reference number glued to a degree sign is no part of the unit ("770 °C11", "750 oC1",
    // "600 °C14,15" in SOFC papers); a bare "C" or "K" followed by a digit is a formula ("C2H5").
    bool glued_reference = e < text.size() && is_digit(text[e]) &&
                           ((u.kind == "temperature" && u.surface.size() > 1 && u.surface != "0C") ||
                            glued_citation(text, e, u));
    if (e < text.size() && !glued_reference && (is_alnum(text[e]) || (letter_at(text, e) && !middle_dot_at(text, e)))) {
      continue;
    }
    *len = u.surface.size();
    return &u;
  }
  return nullptr;
}

// "800·°C": PDF text sometimes puts a middle dot (U+00B7) for the thin space between a number and
// its degree sign. Returns the bytes of the dot and any spaces after it when a degree sign (° or ℃)
// follows, else 0 (session 10).
[[gnu::noinline]] static size_t middle_dot_before_degree(std::string_view text, size_t p) {
  if (!starts_with(text, p, "·")) return 0;
  size_t q = skip_spaces(text, p + std::strlen("·"));
  return starts_with(text, q, "°") || starts_with(text, q, "℃") ? q - p : 0;
}

namespace {

// "Sample Size (nm) PLQY (%) A 8.2 78 B 10.5 85 C 12.1 69": in a flattened table a bare "C" between
// two bare numbers is the next row's label, no degree Celsius (review 15a, A36). `pos` is where
// the number starts, `c` the "C".
bool row_label_c(std::string_view text, size_t pos, size_t c) {
  size_t after = c + 1;
  if (after >= text.size() || text[after] != ' ') return false;
  after = skip_spaces(text, after);
  if (after >= text.size() || !is_digit(text[after])) return false;
  if (pos < 2 || text[pos - 1] != ' ') return false;
  return is_digit(text[pos - 2]);
}

// "a charge of 50 uC", "a charge density of 20 uC cm-2": microcoulombs written with u for μ, no
// degree (review 16c, R18). `folded` text, the number at `pos`, the unit ending at `end`: a charge
// noun before the number or a per-area unit after it.
bool microcoulomb(std::string_view folded, size_t pos, size_t end) {
  std::string_view before = folded.substr(pos > 32 ? pos - 32 : 0, pos > 32 ? 32 : pos);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.ends_with("charge of") || before.ends_with("density of")) return true;
  const size_t a = skip_spaces(folded, end);
  return starts_with(folded, a, "cm") || starts_with(folded, a, "/cm") || starts_with(folded, a, "/ cm");
}

}  // namespace

bool QuantityScanner::parse_item(std::string_view text, std::string_view folded, size_t pos, Item* item) const {
  size_t num_end = 0;
  double value = 0;
  if (!parse_number(text, pos, &num_end, &value)) return false;
  *item = Item{};
  item->begin = pos;
  item->num_end = num_end;
  item->end = num_end;
  item->value = value;

  auto read_sd = [&](size_t p, bool before_unit) -> size_t {
    size_t q = skip_spaces(text, p);
    // "3.1 (±0.3) nm": the tolerance in its own bracket.
    const bool bracket = q < text.size() && text[q] == '(';
    if (bracket) q = skip_spaces(text, q + 1);
    size_t pm = plus_minus_len(text, q);
    const bool six = !pm && before_unit && !bracket && symbol_plus_minus_at(text, p);
    if (six) pm = 1;
    if (!pm) return 0;
    q = skip_spaces(text, q + pm);
    size_t e = 0;
    double sd = 0;
    if (q >= text.size() || !is_digit(text[q]) || !parse_number(text, q, &e, &sd)) return 0;
    size_t unit_len = 0;
    if (six && (sd >= item->value || !match_unit(text, skip_spaces(text, e), &unit_len))) return 0;
    if (bracket) {
      e = skip_spaces(text, e);
      if (e >= text.size() || text[e] != ')') return 0;
      ++e;
    }
    item->sd = sd;
    return e;
  };
  size_t p = num_end;
  if (size_t e = read_sd(p, true)) p = e;
  // "(4.2 ± 0.3) nm", "(120 ± 5) °C": a value ± sd in brackets with the unit after them. The
  // quantity starts at the bracket.
  if (item->sd && pos > 0 && text[pos - 1] == '(' && p < text.size() && text[p] == ')') {
    size_t len = 0;
    if (match_unit(text, skip_spaces(text, p + 1), &len)) {
      item->begin = pos - 1;
      ++p;
    }
  }

  size_t u_pos = skip_spaces(text, p);
  size_t len = 0;
  const Unit* unit = match_unit(text, u_pos, &len);
  if (!unit && u_pos == p) {
    // "a 40-mL autoclave": a hyphen between number and unit (also the Unicode hyphens of PMC and PDF
    // text, "a 2‐μm‐thick interlayer", which the repaired view reads as '-'), never an en dash (a range).
    if (p < text.size() && text[p] == '-') {
      unit = match_unit(text, p + 1, &len);
      if (unit) u_pos = p + 1;
    }
  }
  if (!unit && u_pos == p) {
    if (size_t dot = middle_dot_before_degree(text, p)) {
      unit = match_unit(text, p + dot, &len);
      if (unit) u_pos = p + dot;
    }
  }
  if (!unit) {
    item->end = item->sd ? p : num_end;
    return true;
  }
  // A bare "C" is degrees Celsius only for plausible values ("1 C" is a battery rate or carbon).
  if (unit->surface == "C" && (value < 20 || (u_pos + 1 < text.size() && text[u_pos + 1] == '-') ||
                               row_label_c(text, pos, u_pos))) {
    item->end = num_end;
    return true;
  }
  if (unit->surface == "uC" && microcoulomb(folded, pos, u_pos + len)) {
    item->end = num_end;
    return true;
  }
  // "heated to 3008C": the Symbol-font degree glued to its number as a digit 8 (review 16a, A1). A
  // temperature of four digits or more ending in 8 is not written so (they are round), so the 8 is
  // the degree sign: 300 °C. Three digits stay as they are ("258C" may be 258 °C).
  if (unit->surface == "C" && u_pos == num_end && num_end - pos >= 4 && text[num_end - 1] == '8' &&
      std::all_of(text.begin() + pos, text.begin() + num_end, is_digit)) {
    item->value = value = std::floor(value / 10);
  }
  item->kind = unit->kind;
  item->factor = unit->factor;
  item->offset = unit->offset;
  item->surface = unit->surface;
  size_t u_end = u_pos + len;

  // Compound units: "°C/min", "°C min-1", "mol L−1", "mg mL-1", "mL/min", "°C per minute".
  {
    size_t q = u_end;
    bool slash = false;
    size_t q2 = skip_spaces(text, q);
    if (q2 < text.size() && text[q2] == '/') {
      slash = true;
      q = skip_spaces(text, q2 + 1);
    } else if (starts_with(folded, q2, "per ")) {
      slash = true;
      q = skip_spaces(text, q2 + 4);
    } else if (starts_with(text, q2, "·") || starts_with(text, q2, "⋅")) {
      q = q2 + (starts_with(text, q2, "·") ? std::strlen("·") : std::strlen("⋅"));
    } else {
      q = q2;
    }
    size_t len2 = 0;
    const Unit* second = q > u_end || slash ? match_unit(text, q, &len2) : nullptr;
    size_t exp = second ? inverse_exponent_len(text, q + len2) : 0;
    if (second && !slash && !exp) exp = lost_minus_exponent_len(text, q + len2, unit->kind, second->kind);
    if (second && (slash || exp)) {
      u_end = q + len2 + exp;
      const std::string& k1 = unit->kind;
      const std::string& k2 = second->kind;
      item->surface = std::string(text.substr(u_pos, u_end - u_pos));
      item->offset = 0;
      if (k1 == "temperature" && k2 == "time") {
        item->kind = "heating_rate";
        item->factor = unit->factor / second->factor * 60;  // °C per minute
      } else if (k1 == "mass" && k2 == "volume") {
        item->kind = "mass_concentration";
        item->factor = unit->factor / second->factor * 1000;  // g/L
      } else if (k1 == "moles" && k2 == "volume") {
        item->kind = "concentration";
        item->factor = unit->factor / second->factor * 1000;  // mol/L
      } else if (k1 == "volume" && k2 == "time") {
        item->kind = "flow";
      } else {
        item->kind = "ignore";
      }
    }
  }
  item->end = u_end;
  // "12.4 × 10−6 K−1" (an expansion coefficient), "1200 h−1" (a space velocity): a unit to the power
  // -1 alone is per kelvin / per hour, no temperature or time. Not a range in one unit ("0.5 h–1 h").
  // Likewise "m 2 g −1" (review 16a, A2): per gram, no mass.
  if ((item->kind == "temperature" || item->kind == "time" || item->kind == "mass") && u_end == u_pos + len) {
    if (size_t x = inverse_exponent_len(text, u_end)) {
      size_t l2 = 0;
      size_t a = skip_spaces(text, u_end + x);
      const Unit* again = match_unit(text, a, &l2);
      // "PVA 1100 °C–1 h", "800 °C-1 h": a temperature then a duration of 1 h (a table's heat
      // treatment), not per kelvin: "1" and a spaced unit of another kind that has no exponent itself.
      bool sequence = again && again->kind != item->kind && a > u_end + x && !inverse_exponent_len(text, a + l2) &&
                      (a + l2 >= text.size() || !is_alpha(text[a + l2]));
      if (!sequence && (!again || again->kind != item->kind)) item->kind = "ignore";
    }
  }
  // "a 20 K increase", "a difference of 100 K": a difference in kelvin, no temperature.
  if (item->kind == "temperature" && item->offset != 0 && u_end == u_pos + len &&
      kelvin_difference(folded.substr(0, item->begin),
                        folded.substr(u_end, std::min<size_t>(24, folded.size() - u_end)))) {
    item->kind = "ignore";
  }
  // "increased by 10 °C to 250 °C": a change in degrees Celsius is no temperature either (only after
  // "<verb> by": "a 10 °C rise" is rarer in °C and left as it was).
  if (item->kind == "temperature" && item->offset == 0 && changed_by_before(folded.substr(0, item->begin))) {
    item->kind = "ignore";
  }
  // "2.11 μm−2", "μm^-1", "nm⁻²": a length to a power (a density, an inverse length) is no length.
  // Only a single digit 1-3 that no unit follows: "20 nm-30 nm" is a range.
  if (item->kind == "length"sv) {  // (sv: an inline length test, no strlen() and compare())
    size_t x = u_end;
    if (starts_with(text, x, "^")) ++x;
    bool exponent = starts_with(text, x, "⁻¹") || starts_with(text, x, "⁻²") || starts_with(text, x, "⁻³");
    if (!exponent) {
      if (size_t d = dash_len(text, x)) {
        size_t y = x + d;
        size_t l2 = 0;
        exponent = y < text.size() && text[y] >= '1' && text[y] <= '3' &&
                   (y + 1 >= text.size() || (!is_digit(text[y + 1]) && text[y + 1] != '.' && text[y + 1] != ',')) &&
                   !match_unit(text, skip_spaces(text, y + 1), &l2);
      }
    }
    if (!exponent) exponent = spaced_length_power_len(text, x, &item->end);
    if (exponent) item->kind = "ignore";
  }
  // "10⁻³ s⁻¹": a time to a negative power is a rate (a rate constant, a frequency), no time. Only
  // the superscript form here; dashed inverse units ("s-1", "h−1") are handled with the compound
  // units (review 8b, R8).
  if (item->kind == "time" && (starts_with(text, u_end, "⁻¹") || starts_with(text, u_end, "⁻²"))) {
    item->kind = "ignore";
  }
  // "5 °C below the boiling point", "between 10 °C and 15 °C below the boiling point": an offset.
  // One of more than 100 degrees is read as the temperature ("heated to 200 °C above the boiling
  // point of water").
  if (item->kind == "temperature"sv && u_end == u_pos + len && item->value <= 100 &&
      temperature_offset(folded.substr(u_end, std::min<size_t>(72, folded.size() - u_end)))) {
    item->kind = "ignore";
  }
  // "in steps of 20 °C", "in 10 °C increments": the step of a series, no temperature.
  if (item->kind == "temperature"sv && u_end == u_pos + len &&
      temperature_step(folded.substr(0, item->begin),
                       folded.substr(u_end, std::min<size_t>(16, folded.size() - u_end)))) {
    item->kind = "ignore";
  }
  // "since the 1980s": a decade, no time of 1980 s.
  if (item->kind == "time"sv && decade(text, pos, num_end, u_end)) item->kind = "ignore";
  // "120 °C ± 5 °C": the tolerance after the unit.
  if (!item->sd) {
    if (size_t e = read_sd(u_end, false)) {
      size_t u2 = skip_spaces(text, e);
      size_t l2 = 0;
      const Unit* again = match_unit(text, u2, &l2);
      item->end = again && again->kind == unit->kind ? u2 + l2 : e;
    }
  }
  return true;
}

namespace {

Quantity to_quantity(size_t begin, size_t end, const std::string& kind, const std::string& surface) {
  Quantity q;
  q.begin = begin;
  q.end = end;
  q.kind = kind;
  q.unit_surface = surface;
  return q;
}

}  // namespace

std::vector<Quantity> QuantityScanner::scan(std::string_view text, std::string_view folded) const {
  std::vector<Quantity> out;
  // Room for one quantity per 32 bytes, more than nearly every paragraph holds: no regrowth copies.
  out.reserve(text.size() / 32 + 4);
  const size_t n = text.size();
  size_t i = 0;
  auto canon = [](const Item& it, double v) { return v * it.factor + it.offset; };
  // The items of a list below: one vector for the whole paragraph, as most numbers without a unit
  // try a list and most such tries end at their first item.
  std::vector<Item> items;
  while (i < n) {
    // Eight bytes at a time up to the next digit (most of a paragraph has none): a high bit marks
    // each byte in '0'..'9', computed as ascii_lower() finds capitals (no carries between bytes).
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      uint64_t low7 = w & ~kHighs;
      uint64_t digit = ((low7 + kOnes * (0x80 - '0')) ^ (low7 + kOnes * (0x80 - '9' - 1))) & ~w & kHighs;
      if (digit) {
        // The mark is exact per byte: straight to the first digit, the lowest mark on a
        // little-endian machine (elsewhere the byte loop below finds it).
        if constexpr (std::endian::native == std::endian::little) i += static_cast<size_t>(std::countr_zero(digit)) / 8;
        break;
      }
      i += 8;
    }
    if (i >= n) break;
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    size_t pos = i;
    // Skip the rest of this digit run whatever happens, so that a rejected start is not retried
    // one digit later.
    size_t run_end = pos;
    while (run_end < n && is_digit(text[run_end])) ++run_end;
    if (!valid_start(text, pos) || label_before(folded, pos)) {
      i = run_end;
      continue;
    }
    if (size_t e = run_end - pos == 4 ? journal_reference_end(text, pos, run_end) : 0) {
      i = e;
      continue;
    }
    // "500,700,900 °C", "120,150,180 °C": commas without spaces before a temperature unit separate a
    // list, they group no thousands (two or more groups, or a value above 5000 °C, is no temperature;
    // "1,200 °C" stays one value).
    if (run_end - pos <= 3 && run_end + 3 < n && text[run_end] == ',' && is_digit(text[run_end + 1])) {
      std::vector<std::pair<size_t, size_t>> groups{{pos, run_end}};
      size_t g = run_end;
      while (g + 3 < n && text[g] == ',' && is_digit(text[g + 1]) && is_digit(text[g + 2]) && is_digit(text[g + 3]) &&
             (g + 4 >= n || !is_digit(text[g + 4]))) {
        groups.emplace_back(g + 1, g + 4);
        g += 4;
      }
      size_t len = 0;
      size_t u = skip_spaces(text, g);
      const Unit* unit = groups.size() >= 2 && (g >= n || text[g] != '.') ? match_unit(text, u, &len) : nullptr;
      // "100,150 and 200 °C": the groups open a list that a last "and"/"or" item closes with the
      // unit; each group is an item of it and the last item is read on its own below.
      bool open_list = false;
      if (!unit && groups.size() >= 2) {
        size_t t = g;
        if (t < n && text[t] == ',') ++t;
        t = skip_spaces(text, t);
        size_t w = starts_with(folded, t, "and ") ? 4 : starts_with(folded, t, "or ") ? 3 : 0;
        if (w && t + w < n && is_digit(text[t + w])) {
          size_t v = t + w;
          while (v < n && (is_digit(text[v]) || text[v] == '.')) ++v;
          size_t u2 = skip_spaces(text, v), len2 = 0;
          const Unit* last = match_unit(text, u2, &len2);
          if (last && last->kind == "temperature" && !inverse_exponent_len(text, u2 + len2)) {
            unit = last;
            open_list = true;
            u = g;
            len = 0;
          }
        }
      }
      if (unit && unit->kind == "temperature" && !inverse_exponent_len(text, u + len)) {
        double whole = 0;
        for (const auto& [b, e] : groups) whole = whole * 1000 + plain_decimal(text.substr(b, e - b));
        if (groups.size() >= 3 || whole * unit->factor + unit->offset > 5000) {
          for (size_t k = 0; k < groups.size(); ++k) {
            const bool is_last = k + 1 == groups.size() && !open_list;
            Quantity qn = to_quantity(groups[k].first, is_last ? u + len : groups[k].second, unit->kind, unit->surface);
            qn.value = plain_decimal(text.substr(groups[k].first, groups[k].second - groups[k].first)) * unit->factor +
                       unit->offset;
            qn.in_list = !is_last;
            out.push_back(std::move(qn));
          }
          i = open_list ? g : u + len;
          continue;
        }
      }
    }
    Item a;
    if (!parse_item(text, folded, pos, &a)) {
      i = run_end;
      continue;
    }

    // Ratios "1:2", "6:3:1" confirmed by a ratio word next to them.
    if (a.kind.empty() && !a.sd) {
      size_t p = skip_spaces(text, a.num_end);
      if (p < n && text[p] == ':' && p + 1 < n) {
        std::vector<double> parts{a.value};
        size_t e = a.num_end;
        size_t q = p;
        while (q < n && text[q] == ':') {
          size_t r = skip_spaces(text, q + 1);
          size_t ne = 0;
          double v = 0;
          if (r >= n || !is_digit(text[r]) || !parse_number(text, r, &ne, &v)) break;
          parts.push_back(v);
          e = ne;
          q = skip_spaces(text, ne);
        }
        if (parts.size() >= 2) {
          std::string word;
          size_t begin = pos, end = e;
          re2::StringPiece after(folded.data() + e, n - e);
          re2::StringPiece w;
          if (consume_checked(&after, *ratio_word_after_, &w)) {
            word = std::string(w.data(), w.size());
            end = static_cast<size_t>(after.data() - folded.data());
            // Keep a "(" we opened only if its ")" follows; else stop at the word.
            if (end < n && text[end] == ')' && memchr(text.data() + e, '(', end - e)) ++end;
          } else if (size_t mix = skip_spaces(folded, e); starts_with(folded, mix, "mixture")) {
            // "a 3:1 mixture of OAm and OA": the parts' ratio (the span: its numbers); "a 2:1 mixture
            // (volume ratio) of ..." takes the kind from the word after it.
            re2::StringPiece rest(folded.data() + mix + 7, n - mix - 7);
            word = consume_checked(&rest, *ratio_word_after_, &w) ? std::string(w.data(), w.size()) : "mixture";
          } else {
            // "molar ratio of 1:2", "the Cs:Pb molar ratio was 1:1": a ratio word shortly before,
            // in the same sentence.
            size_t from = pos > 60 ? pos - 60 : 0;
            std::string_view window = folded.substr(from, pos - from);
            size_t stop = window.rfind(". ");
            if (stop != std::string_view::npos) window = window.substr(stop + 2);
            re2::StringPiece win(window.data(), window.size());
            re2::StringPiece m;
            size_t last = std::string_view::npos;
            while (re2::RE2::FindAndConsume(&win, *ratio_word_before_, &m)) {
              word = std::string(m.data(), m.size());
              last = static_cast<size_t>(m.data() - folded.data());
            }
            // The span takes the word in ("molar ratio of 1:2", "ratio 1:2"), but not across a verb:
            // "The loading ratio was 1:2" is the amount "1:2".
            if (last != std::string_view::npos && pos - last <= 20) {
              std::string_view between = folded.substr(last, pos - last);
              bool verb = false;
              for (std::string_view v : {" was ", " were ", " is ", " are ", " set ", " kept ", " fixed ", " being "}) {
                verb = verb || between.find(v) != std::string_view::npos;
              }
              // Nor across the parts named after it: "The ratio of Cd to S (1:2)" keeps Cd and S
              // as materials and the amount "1:2" (review 13b, D12).
              const bool parts_named = between.find(" to ") != std::string_view::npos ||
                                       between.find(" and ") != std::string_view::npos;
              if (!verb && !parts_named) begin = last;
            }
          }
          if (!word.empty()) {
            Quantity r = to_quantity(begin, end, "ratio", word);
            r.ratio_kind = word.find("weight") != std::string::npos || word.find("mass") != std::string::npos ||
                                   word.find("wt") != std::string::npos || word == "w/w" ||
                                   word.find("by weight") != std::string::npos
                               ? "mass_ratio"
                           : word.find("volume") != std::string::npos || word.find("vol") != std::string::npos ||
                                   word == "v/v" || word == "v:v"
                               ? "volume_ratio"
                               : "molar_ratio";
            if (parts.size() == 2 && parts[1] != 0) r.value = parts[0] / parts[1];
            out.push_back(std::move(r));
          }
          i = std::max(e, run_end);
          continue;
        }
      }
    }

    // "20 × 30 nm", "50 x 50 x 5 nm": the sides of a particle, one length each (the unit from the
    // last), no product and no lost first side.
    auto times_len = [&](size_t q) -> size_t {
      return starts_with(text, q, "×") ? std::strlen("×") : (q < n && (text[q] == 'x' || text[q] == 'X')) ? 1 : 0;
    };
    // (The sign is looked for before `sides` is built: most unitless numbers have none.)
    if (a.kind.empty() && !a.sd && times_len(skip_spaces(text, a.num_end))) {
      std::vector<Item> sides{a};
      size_t p = a.num_end;
      for (int products = 1;; ++products) {
        for (size_t in_product = 1; in_product < 4; ++in_product) {
          size_t q = skip_spaces(text, p);
          size_t x = times_len(q);
          if (!x) break;
          size_t r = skip_spaces(text, q + x);
          Item next;
          if (r >= n || !is_digit(text[r]) || !parse_item(text, folded, r, &next) || next.sd) break;
          sides.push_back(next);
          if (!next.kind.empty()) break;
          p = next.num_end;
        }
        // "lateral sizes of 10 × 20, 15 × 30 and 20 × 45 nm": a list of products shares the last
        // unit too (review 14a, A26); the next item must be a product itself.
        if (!sides.back().kind.empty() || products >= 8) break;
        size_t r = past_list_joint(text, folded, skip_spaces(text, p));
        Item next;
        if (r >= n || !is_digit(text[r]) || !valid_start(text, r) || !parse_item(text, folded, r, &next) ||
            !next.kind.empty() || next.sd || !times_len(skip_spaces(text, next.num_end))) {
          break;
        }
        sides.push_back(next);
        p = next.num_end;
      }
      if (sides.size() >= 2 && sides.back().kind == "length") {
        const Item& last = sides.back();
        for (size_t k = 0; k < sides.size(); ++k) {
          const bool is_last = k + 1 == sides.size();
          Quantity qn = to_quantity(sides[k].begin, is_last ? last.end : sides[k].num_end, last.kind, last.surface);
          qn.value = canon(last, sides[k].value);
          qn.in_list = !is_last;
          out.push_back(std::move(qn));
        }
        i = last.end;
        continue;
      }
    }

    // Lists of ranges that share the last unit (lengths only): "sizes of 10–20, 20–30 and 30–50 nm",
    // "from 3–4.5 (a), 5–20 (b), and 40–100 nm (c)" → one range per item, the unit from the last.
    if (a.kind.empty() && !a.sd) {
      std::vector<std::pair<Item, Item>> ranges;
      Item lo = a;
      bool closed = false;
      while (ranges.size() < 8) {
        size_t r = skip_spaces(text, lo.num_end);
        size_t d = dash_len(folded, r);
        if (!d && starts_with(folded, r, "to ")) d = 2;
        if (!d) break;
        r = skip_spaces(text, r + d);
        Item hi;
        if (r >= n || !is_digit(text[r]) || !parse_item(text, folded, r, &hi) || hi.sd) break;
        ranges.emplace_back(lo, hi);
        if (!hi.kind.empty()) {
          closed = true;
          break;
        }
        r = past_list_joint(text, folded, skip_panel_label(text, skip_spaces(text, hi.num_end)));
        if (r >= n || !is_digit(text[r]) || !valid_start(text, r) || !parse_item(text, folded, r, &lo) ||
            !lo.kind.empty() || lo.sd) {
          break;
        }
      }
      if (closed && ranges.size() >= 2 && ranges.back().second.kind == "length") {
        const Item& last = ranges.back().second;
        for (size_t k = 0; k < ranges.size(); ++k) {
          const bool is_last = k + 1 == ranges.size();
          const auto& [from, to] = ranges[k];
          Quantity qn = to_quantity(from.begin, is_last ? last.end : to.num_end, last.kind, last.surface);
          double x = canon(last, from.value), y = canon(last, to.value);
          qn.min = std::min(x, y);
          qn.max = std::max(x, y);
          qn.in_list = !is_last;
          out.push_back(std::move(qn));
        }
        i = last.end;
        continue;
      }
    }

    // Ranges: "150–200 °C", "from 25 to 300 °C", "between 5 and 10 min", "150 °C to 200 °C".
    // A minus sign before either end counts for degrees Celsius only ("-20 °C", "from 300 to -10 °C").
    // Looked up once: "between" is read before the sign too.
    const size_t neg_a = minus_sign_before(text, pos);
    bool between = folded.substr(0, pos - neg_a).ends_with("between ");
    size_t after_a = a.kind.empty() ? a.end : a.end;
    size_t s = skip_spaces(text, after_a);
    size_t sep = a.sd ? 0 : range_sep_len(text, folded, pos, s, between);
    auto celsius = [](const Item& it) { return it.kind == "temperature" && it.offset == 0; };
    if (sep) {
      size_t q = skip_spaces(text, s + sep);
      size_t neg_b = 0;
      if (!dash_len(folded, s) && q + 1 < n && !is_digit(text[q])) {
        size_t d = dash_len(text, q);
        if (d && q + d < n && is_digit(text[q + d])) neg_b = d;
      }
      q += neg_b;
      // "from ∼0.4 to ∼1.1 μm": the hedge of the second value of a change (s32-messy).
      if (!neg_b && folded[s] == 't' && q < n && !is_digit(text[q]) && change_from_before(folded, pos)) {
        for (std::string_view hedge : kChangeHedges) {
          if (text.substr(q).starts_with(hedge) && q + hedge.size() < n && is_digit(text[q + hedge.size()])) {
            q += hedge.size();
            break;
          }
        }
      }
      Item b;
      if (q < n && is_digit(text[q]) && parse_item(text, folded, q, &b) && !b.kind.empty() &&
          (a.kind.empty() || (unit_on_both_ends(a.kind, b.kind, a.sd || b.sd) &&
                              (between || !falling_pair(canon(a, neg_a ? -a.value : a.value),
                                                        canon(b, neg_b ? -b.value : b.value))))) &&
          (!neg_b || celsius(b))) {
        if (celsius(b)) {
          if (neg_a) {
            a.value = -a.value;
            a.begin = pos - neg_a;
          }
          if (neg_b) b.value = -b.value;
        }
        // "10−3 mbar", "a 10-4 M solution": a power of ten whose superscript exponent the PDF conversion
        // flattened. Ranges run upwards, so "10" joined by a dash to a smaller digit is 10^-n (for
        // pressures and concentrations, where such powers are common; "10-5 °C" stays as it was).
        // Also with the exponent set apart ("10 −4 M", "10 - 3 M"; review 16a, A3).
        if (!neg_a && !neg_b && dash_len(folded, s) && s <= a.num_end + 1 && q <= s + sep + 1 &&
            (b.kind == "pressure" || b.kind == "concentration") && text.substr(pos, a.num_end - pos) == "10" &&
            b.value >= 1 && b.value <= 9 && b.num_end == q + 1) {
          Quantity r = to_quantity(a.begin, b.end, b.kind, b.surface);
          r.value = canon(b, std::pow(10.0, -b.value));
          out.push_back(std::move(r));
          i = b.end;
          continue;
        }
        // Two lengths, not a range (GUIDELINE.md of the outcome gold): "between 20 and 100 nm film
        // thickness" pairs two values like "20 and 100 nm", and "decreased from 250 to 200 nm" runs
        // downwards. Each number is its own quantity, the first one without the unit.
        // "between 4.5 and 11.8 nm" for a size or an emission is a range like "from 4.5 to 11.8 nm";
        // only a thickness in the sentence or "respectively" pairs the two values with two items.
        auto paired = [&]() {
          size_t from = a.begin > 100 ? a.begin - 100 : 0;
          std::string_view lead = folded.substr(from, a.begin - from);
          if (size_t stop = lead.rfind(". "); stop != std::string_view::npos) lead = lead.substr(stop + 2);
          std::string_view tail = folded.substr(b.end, std::min<size_t>(100, n - b.end));
          if (size_t stop = tail.find(". "); stop != std::string_view::npos) tail = tail.substr(0, stop);
          // "The thickness of the nanobelts was ~15 nm and their widths ranged between 50 and 300 nm":
          // another dimension named after the thickness is what the pair measures, a range.
          // Whole words only ("synthesized", "wavelength", "bandwidth" name none), the last one.
          if (const size_t t = lead.rfind("thick"); t != std::string_view::npos) {
            size_t cut = std::string_view::npos;
            for (std::string_view other : {"width"sv, "diameter"sv, "length"sv, "size"sv}) {
              size_t o = lead.rfind(other);
              while (o != std::string_view::npos && o > t && is_alpha(lead[o - 1])) o = lead.rfind(other, o - 1);
              if (o != std::string_view::npos && o > t && (cut == std::string_view::npos || o > cut)) cut = o;
            }
            if (cut != std::string_view::npos) lead = lead.substr(cut);
          }
          return lead.find("thick") != std::string_view::npos || tail.find("thick") != std::string_view::npos ||
                 lead.find("layer") != std::string_view::npos || tail.find("layer") != std::string_view::npos ||
                 lead.find("film") != std::string_view::npos || tail.find("film") != std::string_view::npos ||
                 tail.find("respectively") != std::string_view::npos;
        };
        // Energies likewise (s22-optics3): "the FWHM narrowed from 120 to 95 meV", "Eg decreases from
        // 3.1 to 2.4 eV" are a value before and one after a change; "tunable from 1.9 to 2.5 eV" a range.
        const bool change = a.value > b.value || change_from_before(folded, a.begin);
        if ((b.kind == "length" && ((folded[s] == 'a' && paired()) || change)) || (b.kind == "energy" && change)) {
          Quantity qa = to_quantity(a.begin, a.num_end, b.kind, b.surface);
          qa.value = canon(b, a.value);
          qa.in_list = true;
          out.push_back(std::move(qa));
          Quantity qb = to_quantity(b.begin, b.end, b.kind, b.surface);
          qb.value = canon(b, b.value);
          out.push_back(std::move(qb));
          i = b.end;
          continue;
        }
        Quantity r = to_quantity(a.begin, b.end, b.kind, b.surface);
        double lo = canon(a.kind.empty() ? b : a, a.value), hi = canon(b, b.value);
        if (lo > hi) std::swap(lo, hi);
        r.min = lo;
        r.max = hi;
        out.push_back(std::move(r));
        i = b.end;
        continue;
      }
    }

    // Lists: "at 100, 150 and 200 °C" → one quantity per number, unit from the last. Items may
    // carry their own "± sd" ("1.3±0.2, 2.5 ±0.4 and 5.5±0.3 nm": sizes of a series of products).
    if (a.kind.empty() && !molecular_weight_before(folded, a.begin) && !grade_number_before(text, a.begin)) {
      items.assign(1, a);
      size_t p = a.sd ? a.end : a.num_end;
      bool done = false;
      // A short label in brackets next to an item ("40 (left side) and 320 (right side) nm-thick",
      // "(A) 40, (B) 320 and 480 nm"): skipped, but only a list of lengths may have them.
      bool labelled = false;
      auto skip_label = [&](size_t at) {
        const size_t past = skip_item_label(text, at);
        labelled |= past != at;
        return past;
      };
      bool slashed = false;  // "(5/5/10 mL)": items joined by slashes, checked once the unit is known
      // A comma or "and" joint as well: "(4/1, 5 mL)" is a volume ratio and the total, whose unit the
      // slashed numbers do not share (review 13b, R11).
      bool other_joint = false;
      while (items.size() < 12) {
        size_t q = past_list_joint(text, folded, skip_label(skip_spaces(text, p)));
        const bool slash = q == std::string_view::npos && bracketed_slash(text, a.begin, p);
        if (slash) q = p + 1;
        slashed |= slash;
        other_joint |= q != std::string_view::npos && !slash;
        if (q == std::string_view::npos) break;
        q = skip_label(q);
        // "~10 and ~3 μm thick": a hedge before a later item is outside its span, as before the first.
        for (std::string_view hedge : {"~"sv, "\u223c"sv, "\u2248"sv}) {
          if (text.substr(q).starts_with(hedge)) {
            q = skip_spaces(text, q + hedge.size());
            break;
          }
        }
        Item next;
        if (q >= n || !is_digit(text[q]) || (!slash && !valid_start(text, q)) || !parse_item(text, folded, q, &next)) break;
        if (next.kind.empty() && labelled) {
          // "320 (right side) nm": the unit after the label.
          size_t u = skip_label(skip_spaces(text, next.num_end));
          size_t len = 0;
          const Unit* unit = u > next.num_end ? match_unit(text, u, &len) : nullptr;
          if (unit && unit->kind == "length") {
            next.kind = unit->kind;
            next.factor = unit->factor;
            next.offset = unit->offset;
            next.surface = unit->surface;
            next.end = u + len;
          }
        }
        items.push_back(next);
        if (!next.kind.empty()) {
          done = true;
          break;
        }
        p = next.sd ? next.end : next.num_end;
      }
      if (slashed && (other_joint || !(done && amount_kind(items.back().kind) && items.back().end < n && text[items.back().end] == ')'))) {
        done = false;
      }
      if (done && items.size() >= 2 && (!labelled || items.back().kind == "length")) {
        const Item& last = items.back();
        for (size_t k = 0; k < items.size(); ++k) {
          const Item& it = items[k];
          bool is_last = k + 1 == items.size();
          Quantity qn = to_quantity(it.begin, is_last || it.sd ? it.end : it.num_end, last.kind, last.surface);
          qn.value = canon(last, it.value);
          if (it.sd) qn.sd = *it.sd * last.factor;
          // "between -10 and 20 °C", "at -20, 0 and 20 °C": signed items of a list in °C.
          if (size_t sign = celsius(last) ? minus_sign_before(text, it.begin) : 0) {
            qn.begin -= sign;
            qn.value = -*qn.value;
          }
          qn.in_list = !is_last;
          out.push_back(std::move(qn));
        }
        i = last.end;
        continue;
      }
    }

    if (!a.kind.empty()) {
      if (neg_a && celsius(a)) {
        a.value = -a.value;
        a.begin = pos - neg_a;
      }
      Quantity qn = to_quantity(a.begin, a.end, a.kind, a.surface);
      qn.value = canon(a, a.value);
      if (a.sd) qn.sd = *a.sd * a.factor;
      // "1 h 30 min", "2 min 30 s", "1 h and 30 min": a duration in two units is one time.
      if (a.kind == "time"sv && !a.sd) {
        size_t q = skip_spaces(text, a.end);
        const bool joined = q > a.end && q + 4 < n && folded.compare(q, 4, "and ") == 0 && !between;
        if (joined) q = skip_spaces(text, q + 3);
        Item b;
        if (q > a.end && q < n && is_digit(text[q]) && parse_item(text, folded, q, &b) && b.kind == "time" && !b.sd &&
            b.factor < a.factor && b.value < a.factor / b.factor && (!joined || one_duration_after(folded, b.end))) {
          qn.value = *qn.value + canon(b, b.value);
          qn.end = b.end;
          a.end = b.end;
        }
      }
      out.push_back(std::move(qn));
      // "(5 mL/2 mL)", "(1 mL/1 mL)": amounts of one kind joined by slashes in a bracket are the items
      // of a slash-paired list ("ODE/OAm (5 mL/2 mL)"), each its own quantity (review 13, D34).
      Item b;
      while (amount_kind(a.kind) && bracketed_slash(text, a.begin, a.end) && parse_item(text, folded, a.end + 1, &b) &&
             b.kind == a.kind && !b.sd && b.end < n && (text[b.end] == ')' || text[b.end] == '/')) {
        Quantity qb = to_quantity(b.begin, b.end, b.kind, b.surface);
        qb.value = canon(b, b.value);
        out.push_back(std::move(qb));
        a.end = b.end;
      }
      i = std::max(a.end, run_end);
      continue;
    }
    i = std::max(a.end, run_end);
  }
  bracketed_tolerance(text, &out);
  scan_ph(text, folded, &out);
  return out;
}

void QuantityScanner::scan_ph(std::string_view text, std::string_view folded, std::vector<Quantity>* out) const {
  std::vector<Quantity> found;
  // "pH 7–8", "adjusted to 9-10", "pH 4 to 5": a second value after a dash or "to" makes a range.
  auto extend_range = [&](Quantity& q) {
    size_t p = q.end;
    size_t sep = dash_len(text, p);
    if (!sep && text.compare(p, 4, " to ") == 0) sep = 4;
    if (!sep) return;
    p += sep;
    size_t e = p;
    while (e < text.size() &&
           (is_digit(text[e]) || (text[e] == '.' && e > p && e + 1 < text.size() && is_digit(text[e + 1])))) {
      ++e;
    }
    if (e == p || (e < text.size() && (is_alpha(text[e]) || text[e] == '%'))) return;
    double hi = std::strtod(std::string(text.substr(p, e - p)).c_str(), nullptr);
    if (!q.value || hi <= *q.value || hi > 14) return;
    q.min = q.value;
    q.max = hi;
    q.value.reset();
    q.end = e;
  };
  // "adjusted to 9, 9.5, 10, 11, and 13", "pH values of 3.0 and 5.0": the further items of a list
  // of pH values, each its own pH (up to 14, and no unit after it: "pH 7, 2 mL of water").
  auto extend_list = [&](Quantity first) {  // a copy: items are pushed into `found`
    if (!first.value) return;
    size_t p = first.end;
    for (int items = 0; items < 10; ++items) {
      size_t q = p;
      bool comma = q < text.size() && text[q] == ',';
      if (comma) ++q;
      q = skip_spaces(text, q);
      if (starts_with(folded, q, "and ") || starts_with(folded, q, "or ")) {
        q = skip_spaces(text, q + (folded[q] == 'a' ? 4 : 3));
      } else if (!comma) {
        return;
      }
      size_t e = q;
      while (e < text.size() &&
             (is_digit(text[e]) || (text[e] == '.' && e > q && e + 1 < text.size() && is_digit(text[e + 1])))) {
        ++e;
      }
      if (e == q || (e < text.size() && (is_alnum(text[e]) || text[e] == '%' || static_cast<unsigned char>(text[e]) >= 0x80))) {
        return;
      }
      size_t len = 0;
      if (match_unit(text, skip_spaces(text, e), &len)) return;
      double v = plain_decimal(text.substr(q, e - q));
      if (v > 14) return;
      Quantity item = to_quantity(q, e, "ph", "pH");
      item.value = v;
      found.push_back(std::move(item));
      p = e;
    }
  };
  size_t pos = 0;
  while ((pos = text.find("pH", pos)) != std::string_view::npos) {
    size_t at = pos;
    pos += 2;
    if (at > 0 && (is_alnum(text[at - 1]) || letter_at(text, utf8_lead(text, at - 1)))) continue;
    if (at + 2 < text.size() && is_alpha(text[at + 2])) continue;
    // "pH2O", "at different pO2 and pH2": the partial pressures p(H2O), p(H2) of the pO2 family. A
    // digit glued to "pH" and followed by a letter, or a glued "pH2" near another partial pressure,
    // is no pH value.
    if (at + 2 < text.size() && is_digit(text[at + 2])) {
      size_t e = at + 2;
      while (e < text.size() && is_digit(text[e])) ++e;
      if (e < text.size() && is_alpha(text[e])) continue;
      if (e == at + 3 && text[at + 2] == '2') {
        size_t from = at > 100 ? at - 100 : 0;
        std::string_view around = folded.substr(from, std::min<size_t>(200, folded.size() - from));
        bool pressure = false;
        for (std::string_view cue : {"po2"sv, "ph2o"sv, "pco"sv, "partial pressure"sv, "p(h2"sv, "p(o2"sv, "atm"sv}) {
          pressure |= around.find(cue) != std::string_view::npos;
        }
        if (pressure) continue;
      }
    }
    re2::StringPiece input(text.data() + at, text.size() - at);
    re2::StringPiece number;
    if (consume_checked(&input, *ph_, &number)) {
      Quantity q = to_quantity(at, static_cast<size_t>(input.data() - text.data()), "ph", "pH");
      q.value = std::strtod(std::string(number.data(), number.size()).c_str(), nullptr);
      extend_range(q);
      found.push_back(std::move(q));
      extend_list(found.back());
      continue;
    }
    input = re2::StringPiece(text.data() + at, text.size() - at);
    if (consume_checked(&input, *ph_adjusted_, &number)) {
      size_t b = static_cast<size_t>(number.data() - text.data());
      Quantity q = to_quantity(b, b + number.size(), "ph", "pH");
      q.value = std::strtod(std::string(number.data(), number.size()).c_str(), nullptr);
      // "the pH was measured and the temperature raised to 80 °C": a verb of change 80 bytes on may
      // be another quantity's; a pH is at most 14 and has no unit (review 14a, A32).
      size_t unit_len = 0;
      if (*q.value > 14 || match_unit(text, skip_spaces(text, b + number.size()), &unit_len)) continue;
      extend_range(q);
      found.push_back(std::move(q));
      extend_list(found.back());
    }
  }
  if (found.empty()) return;
  // A pH value wins over a unitless reading of the same number; drop numbers it overlaps.
  // The pH spans by begin, each with the largest end so far: q overlaps one of those that begin
  // before q.end exactly when their largest end passes q.begin (a pair loop was quadratic, s18-quad).
  std::vector<std::pair<size_t, size_t>> spans;
  spans.reserve(found.size());
  for (const Quantity& f : found) spans.emplace_back(f.begin, f.end);
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i) spans[i].second = std::max(spans[i].second, spans[i - 1].second);
  std::vector<Quantity> merged;
  merged.reserve(out->size() + found.size());
  for (Quantity& q : *out) {
    const auto before_end = std::partition_point(spans.begin(), spans.end(), [&](const auto& f) { return f.first < q.end; });
    if (before_end == spans.begin() || std::prev(before_end)->second <= q.begin) merged.push_back(std::move(q));
  }
  for (Quantity& f : found) merged.push_back(std::move(f));
  // Both parts are in text order as a rule, and then one stable merge gives what a stable sort of
  // the whole would (a stable sort moves every quantity log n times).
  auto by_begin = [](const Quantity& x, const Quantity& y) { return x.begin < y.begin; };
  const auto middle = merged.end() - static_cast<std::ptrdiff_t>(found.size());
  if (std::is_sorted(merged.begin(), middle, by_begin) && std::is_sorted(middle, merged.end(), by_begin)) {
    std::inplace_merge(merged.begin(), middle, merged.end(), by_begin);
  } else {
    std::stable_sort(merged.begin(), merged.end(), by_begin);
  }
  *out = std::move(merged);
}

size_t as_current_collector(std::string_view rest) {
  return std::min({rest.find(" as current collector"), rest.find(" as the current collector"),
                   rest.find(" as current-collect")});
}

}  // namespace synthdb::rules
