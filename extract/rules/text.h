#pragma once

// Internal to extract/rules: byte-level text helpers shared by the rule passes. Every pass works on
// UTF-8 bytes; offsets become code points only at the end (CodePointMap).

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/core/strings.h"

namespace synthdb::rules {

// Maps byte offsets of a valid UTF-8 string to code-point offsets.
class CodePointMap {
 public:
  // Validates `text` with ICU's U8_NEXT and builds the map. Throws InputError naming the byte offset
  // of the first invalid sequence.
  explicit CodePointMap(std::string_view text);
  // Code-point offset of byte offset `byte` (0 <= byte <= text.size(); must be a character start).
  // A byte inside a multi-byte character gives that character's offset.
  int64_t operator[](size_t byte) const {
    // Inline for ASCII text and bytes before the first multi-byte character: order_entities()
    // asks twice per entity, and the call cost more than the answer.
    if (wide_.empty() || byte < wide_.front().begin) return static_cast<int64_t>(byte);
    return after_wide(byte);
  }

 private:
  int64_t after_wide(size_t byte) const;  // operator[] from the first multi-byte character on
  // Only the multi-byte characters are stored (most text is ASCII, where byte and code-point
  // offsets differ by the extra bytes of the multi-byte characters before them): a table of one
  // entry per byte cost as much to fill as the rest of the validation. Ascending `begin`.
  struct Wide {
    uint32_t begin;   // first byte of the character
    uint32_t end;     // one past its last byte
    uint32_t extra;   // continuation bytes of the multi-byte characters before it
  };
  std::vector<Wide> wide_;
};

// Byte offset of code point `cp` in valid UTF-8 `s`, clamped to s.size(): gold spans (brat and
// JSON Lines) count code points, the rules bytes; one definition for the brat reader, the scorer and
// the extract fuzzer.
size_t byte_of_code_point(std::string_view s, int64_t cp);

// ASCII letters lower-cased (same length, so byte offsets carry over) is synthdb::ascii_lower
// (extract/core/strings.h), shared with core, records, pdf and db. Non-ASCII letters are folded where it
// matters (lexicon keys) through fold_case().
using synthdb::ascii_lower;

// Full Unicode case folding (ICU) of a UTF-8 string; used for lexicon keys and non-ASCII tokens.
std::string fold_case(std::string_view s);

// s.find(needle, from), anchored on the needle's rarest letter: over a whole paragraph,
// string_view::find() stops at every occurrence of the first byte ("t" of "temperature").
size_t find_bytes(std::string_view s, std::string_view needle, size_t from = 0);
// contains_any() through find_bytes(): for needles searched over a whole paragraph or sentence.
inline bool contains_any_bytes(std::string_view s, std::initializer_list<std::string_view> needles) {
  return contains_any(s, needles, [](std::string_view t, std::string_view n) { return find_bytes(t, n); });
}

// std::string against a string literal ("solvent", "length"), as the rules compare entity types,
// kinds and roles: the lengths first, then the bytes, all inline. std's operator== calls
// basic_string::compare() (compiled in libstdc++, not inlined), which measures the literal with
// strlen() and compares min(size, length) bytes before it looks at the lengths; here the literal's
// length folds to a constant and most mismatches end on it. Same result as std's operator==.
// A plain function, not a template: it then wins over std's template (two templates are
// ambiguous to GCC 12), and C++20 rewrites "literal == s" and "s != literal" to it as well. Seen
// in namespace synthdb::rules only; a type that converts to std::string (filesystem::path) is
// compared with a path there, not with a literal. Always inlined: GCC kept an out-of-line clone
// that paid strlen() on every call (~77k calls per 165 MSP paragraphs, s19-speed).
[[gnu::always_inline]] inline bool operator==(const std::string& s, const char* literal) {
  const size_t len = std::char_traits<char>::length(literal);
  return s.size() == len && std::char_traits<char>::compare(s.data(), literal, len) == 0;
}

// A cheap test before the failure-cue rule set (lexicons/failures.tsv), whose RE2::Set match ran on
// every paragraph. Every match of every cue contains one of kFailureCueWords, or "no" / "not" as
// a word before a space (kFailureCueWordEnds), case aside: rules_test proves it rule by rule.
// (Rules whose other words come with "not" need none of their own: "could not be", "did not".)
// Gated rules (a third field of literals in failures.tsv) are outside the set and this gate; rules_test
// proves each needs one of its own literals. "rregular" and "ll-defined" stand for "irregular" and
// "ill-defined": RE2 factors the common "i" out of irregular_shape's alternation
// "irregular...|ill-defined...", so the atoms rules_test reads are "rregular" and "ll-defined ".
// A text with the whole word holds the shorter one: the gate still passes every paragraph it passed
// (s11-tidy; with the whole words the proof failed, unseen because ctest never ran that test).
inline constexpr std::string_view kFailureCueWords[] = {
    "fail", "aggregat", "agglomerat", "bulk", "broad", "polydisperse", "unsuccessful", "never", "undissolved",
    "amorphous", "unreacted", "rregular", "ll-defined", "emissive"};
inline constexpr std::string_view kFailureCueWordEnds[] = {"no", "not"};
// A text's byte triples as an 8192-bit hash set. A literal with a triple the text lacks cannot
// occur in it: one pass over the text rules out most of many literals without a find_bytes() scan
// each (the failure gate and the gated failure rules, about 55 literals).
class ByteTriples {
 public:
  explicit ByteTriples(std::string_view s) {
    for (size_t i = 2; i < s.size(); ++i) {
      const size_t k = slot(s[i - 2], s[i - 1], s[i]);
      bits_[k >> 6] |= uint64_t{1} << (k & 63);
    }
  }
  // The hash slots of `w`'s byte triples, for may_hold_slots(): a literal tested on every paragraph
  // (the gated failure rules' gates) is hashed once, at load (s33-fail2).
  static std::vector<uint16_t> slots(std::string_view w) {
    std::vector<uint16_t> out;
    for (size_t i = 2; i < w.size(); ++i) out.push_back(static_cast<uint16_t>(slot(w[i - 2], w[i - 1], w[i])));
    return out;
  }
  // may_hold() of the literal whose slots() these are.
  bool may_hold_slots(const std::vector<uint16_t>& ks) const {
    for (const uint16_t k : ks) {
      if (!(bits_[k >> 6] >> (k & 63) & 1)) return false;
    }
    return true;
  }
  // False when `w` cannot occur in the text; true for any `w` shorter than three bytes.
  bool may_hold(std::string_view w) const {
    for (size_t i = 2; i < w.size(); ++i) {
      const size_t k = slot(w[i - 2], w[i - 1], w[i]);
      if (!(bits_[k >> 6] >> (k & 63) & 1)) return false;
    }
    return true;
  }

 private:
  static size_t slot(char a, char b, char c) {
    return (static_cast<unsigned char>(a) * 2503u + static_cast<unsigned char>(b) * 61u + static_cast<unsigned char>(c)) & 8191u;
  }
  std::array<uint64_t, 128> bits_{};
};

// contains_any_bytes() of a text, or of a part of it, whose ByteTriples are at hand: a needle with a
// triple the text lacks is not searched for. The span form takes a named list that a rule shares
// with its gate (roles.cc, kReasonOpeners).
inline bool contains_any_bytes(std::string_view s, const ByteTriples& triples,
                               std::span<const std::string_view> needles) {
  for (std::string_view n : needles) {
    if (triples.may_hold(n) && find_bytes(s, n) != std::string_view::npos) return true;
  }
  return false;
}
inline bool contains_any_bytes(std::string_view s, const ByteTriples& triples,
                               std::initializer_list<std::string_view> needles) {
  return contains_any_bytes(s, triples, std::span<const std::string_view>(needles.begin(), needles.size()));
}

// Whether a paragraph may hold a failure cue; `folded` is ascii_lower() of it. Also true when it
// holds U+017F (long s) or U+212A (Kelvin sign), which RE2's case folding matches as s and k.
// `triples` is ByteTriples(folded), when the caller has it.
bool may_hold_failure_cue(std::string_view folded);
bool may_hold_failure_cue(std::string_view folded, const ByteTriples& triples);

// string_view::starts_with and ends_with are out-of-line calls here (a compare() and a memcmp); the
// words tested are a few bytes long. Same results. The suffix is compared from its last byte: most
// words differ there. (One pair for all the rules: materials.cc had its own begins_with/ends_with.)
inline bool has_prefix(std::string_view s, std::string_view w) {
  if (s.size() < w.size()) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (s[k] != w[k]) return false;
  }
  return true;
}
inline bool has_suffix(std::string_view s, std::string_view w) {
  if (s.size() < w.size()) return false;
  const char* tail = s.data() + s.size() - w.size();
  for (size_t k = w.size(); k-- > 0;) {
    if (tail[k] != w[k]) return false;
  }
  return true;
}

// Whether `w` is one of the words in `list` (one definition for the rules: tables.cc had two more).
// Size and first byte before the bytes: most words differ there, and `==` is an out-of-line
// compare() and a memcmp per candidate (the word lists of the step and role rules are long).
inline bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list) {
    if (x.size() == w.size() && (w.empty() || x[0] == w[0]) && has_prefix(w, x)) return true;
  }
  return false;
}

// Whether `s` holds byte `c`, by a loop: for tokens and other short strings, where
// string_view::find() pays a memchr() call for a few bytes.
inline bool has_byte(std::string_view s, char c) {
  for (char x : s) {
    if (x == c) return true;
  }
  return false;
}

// Byte classification helpers for ASCII (non-ASCII bytes are neither letters nor digits here).
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
// "N 2", "O 2", "H 2": a diatomic gas whose count the PDF conversion set apart (review 16a, A13); the
// one test of the number, atmosphere and material passes. `letter` is the offset of a capital H, N or
// O with no letter or digit before it, then one space and a lone "2" (no letter, digit or decimal part
// after it). Callers add their own context (a charge after it, a label word before it).
inline bool spaced_diatomic_gas(std::string_view text, size_t letter) {
  if (letter + 2 >= text.size() || text[letter + 1] != ' ' || text[letter + 2] != '2') return false;
  const char el = text[letter];
  if ((el != 'N' && el != 'O' && el != 'H') || (letter > 0 && is_alnum(text[letter - 1]))) return false;
  const size_t after = letter + 3;
  return after == text.size() ||
         !(is_alnum(text[after]) || (text[after] == '.' && after + 1 < text.size() && is_digit(text[after + 1])));
}
// Where `cue` first occurs in `s` as whole words ("here" not in "where"), or npos.
inline size_t find_words(std::string_view s, std::string_view cue) {
  for (size_t p = s.find(cue); p != std::string_view::npos; p = s.find(cue, p + 1)) {
    const size_t e = p + cue.size();
    if ((p == 0 || !is_alnum(s[p - 1])) && (e >= s.size() || !is_alnum(s[e]))) return p;
  }
  return std::string_view::npos;
}
// contains_any() (any of a list of needles in a text), last_word() and cut_last_word() (the word
// after the last space, and the text before it) are in extract/core/strings.h: records uses them too.

// `s` without its trailing spaces (the text before a mention, a gap between two).
inline std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// `s` without its trailing spaces and any of `words` at its end, again until none is left: "size of
// about ~" → "size" for {" of", " about", "~"}. (No word of a list may end another: the order of the
// list then does not matter.)
inline std::string_view trim_right_words(std::string_view s, std::initializer_list<std::string_view> words) {
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    s = trim_right(s);
    for (std::string_view w : words) {
      if (has_suffix(s, w)) {
        s.remove_suffix(w.size());
        trimmed = true;
      }
    }
  }
  return s;
}

// Length in bytes of a horizontal space at `pos` (ASCII space/tab, NBSP, thin and other narrow
// spaces that PDF conversion leaves between a number and its unit), 0 if none.
size_t space_len(std::string_view s, size_t pos);
// Skips spaces (space_len) from `pos`; returns the new position.
size_t skip_spaces(std::string_view s, size_t pos);
// Length of a dash at `pos`: '-', U+2010..U+2015 (hyphen, en/em dash), U+2212 (minus); 0 if none.
size_t dash_len(std::string_view s, size_t pos);
// True when the byte at `pos` starts a letter (ASCII letter or any non-ASCII lead byte, which in
// chemistry text is nearly always a Greek letter or a letter with a diacritic).
bool letter_at(std::string_view s, size_t pos);

// The plain Greek letter ("α") that a mathematical alpha..epsilon (U+1D6C2.., bold, italic, ...) at
// the start of `t` stands for, or "" when `t` starts with none.
std::string_view math_greek(std::string_view t);

// Which Greek polymorph prefixes polymorph_prefix() reads: the material finder and the word pass
// have always accepted different ones, and their outputs depend on it.
enum class Polymorph {
  // α..ε (U+03B1..U+03B5, or a math-font one: math_greek()) and any dash (dash_len()): "α-Fe2O3",
  // "𝛼–Fe2O3"; a formula token.
  kFormula,
  // Any letter of the Greek block (lead byte 0xCE or 0xCF), then '-' only (U+2010 reaches the passes
  // as '-': repair.h): "β-NaYF4"; a material mention's text (words.cc).
  kMention,
};
// A polymorph prefix at the start of `t`: a Greek letter and the dash after it.
struct PolymorphPrefix {
  std::string_view letter;  // the plain letter (a math-font one mapped by math_greek()); "" if none
  size_t size = 0;          // bytes of letter and dash in `t`; 0 when `t` starts with no prefix
};
PolymorphPrefix polymorph_prefix(std::string_view t, Polymorph kind);

// A word: a maximal run of non-space bytes with unbalanced brackets and trailing sentence
// punctuation trimmed (so "ethanol)." → "ethanol", "Cd(OAc)2," → "Cd(OAc)2").
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
};
std::vector<Token> tokenize(std::string_view text);

// Whether a length ends a band's move ("red-shifted by 15 nm", "shifted the emission by 80 nm to
// the red", "a red shift of 12 nm"): how far a peak moved is no peak position and no size. `before`
// is the lower-cased sentence up to the number; the shift word must be within 60 bytes before "by",
// with no number, comma or semicolon between.
bool shift_amount(std::string_view before);

// Whether a range of wavelengths is the window a spectrum was recorded over ("PL spectra were
// recorded in the range of 400–750 nm", "the emission was recorded from 420 to 700 nm"): no peak
// and no size. `before` is the lower-cased sentence up to the range.
bool recording_window(std::string_view before);

// The verbs of measuring (words.cc). test_verb(): the ten verbs of testing ("evaluated", "tested",
// "assessed", "measured", "examined", "monitored", "probed", "determined", "quantified", "estimated");
// before "by" and a gerund they name a test reaction ("evaluated by reducing 4-nitrophenol": words.cc's
// gerund_step()); roles.cc's step_cue() adds "studied", "investigated", "characterized"/"characterised",
// "followed" and "checked".
bool test_verb(std::string_view w);
// analysis_verb(): test_verb() and the nine verbs that report what a technique found,
// "characterized"/"characterised", "analyzed"/"analysed", "studied", "investigated", "confirmed",
// "calculated", "verified" ("analyzed by TGA", "calculated from TGA": materials.cc's
// tga_measurement_words()).
bool analysis_verb(std::string_view w);

// The spellings of a length unit the length rules read, with the canonical unit and factor to nm, and
// which readers take each (review 20, 10: one list, not a copy per file). kLengthInTables: a table's
// cells and header brackets (tables.cc); kLengthInHeaders: a header's brackets only ("(microns)");
// kLengthInLearned: the learned size scanner (learned_sizes.cc); kLengthAfterDashE: after an en dash
// printed as "e" (quantities.cc, with "lm", the same fonts' μ); kLengthInSpecs: a purchased item's
// own length in its bracket (quantity_entities.cc's holds_length(), lower-cased text).
enum : uint8_t {
  kLengthInTables = 1,
  kLengthInHeaders = 2,
  kLengthInLearned = 4,
  kLengthAfterDashE = 8,
  kLengthInSpecs = 16
};
struct LengthUnitSpelling {
  std::string_view surface, canon;
  double factor;
  uint8_t readers;
};
inline constexpr uint8_t kLengthAll = kLengthInTables | kLengthInHeaders | kLengthInLearned | kLengthAfterDashE;
inline constexpr LengthUnitSpelling kLengthUnitSpellings[] = {
    {"nm", "nm", 1, kLengthAll | kLengthInSpecs},
    {"\u03bcm", "um", 1e3, kLengthAll | kLengthInSpecs},
    {"\u00b5m", "um", 1e3, kLengthAll | kLengthInSpecs},
    {"um", "um", 1e3, kLengthAll | kLengthInSpecs},
    {"lm", "um", 1e3, kLengthAfterDashE},
    {"mm", "mm", 1e6, kLengthAll | kLengthInSpecs},
    {"cm", "cm", 1e7, kLengthInLearned | kLengthInSpecs},
    {"\u00c5", "A", 0.1, kLengthAll},
    {"micron", "um", 1e3, kLengthInHeaders},
    {"microns", "um", 1e3, kLengthInHeaders}};

}  // namespace synthdb::rules
