#include "extract/rules/text.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "extract/core/error.h"

namespace synthdb::rules {

CodePointMap::CodePointMap(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  uint32_t extra = 0;
  while (i < length) {
    // ASCII runs eight bytes at a time: one code point per byte, nothing to record.
    while (i + 8 <= length) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= length) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    // U8_NEXT yields a negative value for ill-formed sequences (overlong, surrogates, truncated).
    if (c < 0) {
      throw InputError("invalid UTF-8 at byte " + std::to_string(start));
    }
    wide_.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), extra});
    extra += static_cast<uint32_t>(i - start - 1);
  }
}

int64_t CodePointMap::after_wide(size_t byte) const {
  // The last multi-byte character that starts at or before `byte` (there is one: see operator[]).
  auto it = std::upper_bound(wide_.begin(), wide_.end(), byte, [](size_t b, const Wide& w) { return b < w.begin; });
  --it;
  if (byte < it->end) return static_cast<int64_t>(it->begin) - it->extra;
  return static_cast<int64_t>(byte) - it->extra - (it->end - it->begin - 1);
}

size_t byte_of_code_point(std::string_view s, int64_t cp) {
  size_t b = 0;
  for (int64_t k = 0; k < cp && b < s.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(s[b]);
    b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return std::min(b, s.size());
}

std::string fold_case(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return ascii_lower(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool may_hold_failure_cue(std::string_view folded) { return may_hold_failure_cue(folded, ByteTriples(folded)); }

bool may_hold_failure_cue(std::string_view folded, const ByteTriples& triples) {
  // Each scan only when the text may hold its literal: most paragraphs hold none.
  for (std::string_view w : kFailureCueWords) {
    if (triples.may_hold(w) && find_bytes(folded, w) != std::string_view::npos) return true;
  }
  // A space after the word: the bytes \s, U+00A0, U+2009 and U+202F start with (the cues' spaces).
  static constexpr std::string_view kSpaceStarts = " \t\n\f\r\xC2\xE2";
  auto space_start = [](char c) { return kSpaceStarts.find(c) != std::string_view::npos; };
  for (std::string_view w : kFailureCueWordEnds) {
    // The word's last two bytes and a space start: a triple the text must hold.
    char triple[3] = {w[w.size() - 2], w[w.size() - 1], 0};
    bool may = false;
    for (char c : kSpaceStarts) {
      triple[2] = c;
      may |= triples.may_hold(std::string_view(triple, 3));
    }
    if (!may) continue;
    for (size_t at = find_bytes(folded, w); at != std::string_view::npos; at = find_bytes(folded, w, at + 1)) {
      if (at + w.size() < folded.size() && space_start(folded[at + w.size()])) return true;
    }
  }
  return find_bytes(folded, "\xC5\xBF") != std::string_view::npos ||  // ſ
         (triples.may_hold("\xE2\x84\xAA") && find_bytes(folded, "\xE2\x84\xAA") != std::string_view::npos);  // K
}

size_t find_bytes(std::string_view s, std::string_view needle, size_t from) {
  if (from > s.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  if (s.size() - from < needle.size()) return std::string_view::npos;
  // memchr() for the needle's rarest letter in English text (not its first byte, often a common one:
  // "temperature"), then a compare at each hit. Every occurrence has that letter at offset `k`, and
  // the hits come in text order, so the first match is find()'s.
  // By frequency, highest = rarest; 0 for anything else. Round brackets are about as rare in
  // chemistry text as "k": "m)" anchors on its ')' (table_sizes() asks it of every paragraph).
  static constexpr auto kRank = [] {
    std::array<uint8_t, 256> rank{};
    constexpr std::string_view kByFrequency = "etaoinshrdlcumwfgypbv()kjxqz";
    for (size_t r = 0; r < kByFrequency.size(); ++r) rank[static_cast<unsigned char>(kByFrequency[r])] = uint8_t(r + 1);
    return rank;
  }();
  size_t k = 0, rarest = 0;
  for (size_t j = 0; j < needle.size(); ++j) {
    const size_t rank = kRank[static_cast<unsigned char>(needle[j])];
    if (rank > rarest) {
      rarest = rank;
      k = j;
    }
  }
  const size_t last = s.size() - needle.size() + k;  // the last place the anchor can be
  for (size_t pos = from + k; pos <= last;) {
    const void* hit = std::memchr(s.data() + pos, needle[k], last - pos + 1);
    if (!hit) break;
    const size_t h = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    // (Both ends first, inline: most hits fail there, and a memcmp() call per hit costs more.)
    if (s[h - k] == needle.front() && s[h - k + needle.size() - 1] == needle.back() &&
        std::memcmp(s.data() + h - k, needle.data(), needle.size()) == 0) {
      return h - k;
    }
    pos = h + 1;
  }
  return std::string_view::npos;
}

size_t space_len(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xC2 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0xA0) return 2;
  if (c == 0xE2 && pos + 2 < s.size()) {
    auto c1 = static_cast<unsigned char>(s[pos + 1]);
    auto c2 = static_cast<unsigned char>(s[pos + 2]);
    // U+2000..U+200A (en quad .. hair space, incl. thin space U+2009), U+202F narrow NBSP.
    if (c1 == 0x80 && c2 >= 0x80 && c2 <= 0x8A) return 3;
    if (c1 == 0x80 && c2 == 0xAF) return 3;
  }
  return 0;
}

size_t skip_spaces(std::string_view s, size_t pos) {
  while (size_t n = space_len(s, pos)) pos += n;
  return pos;
}

size_t dash_len(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  if (s[pos] == '-') return 1;
  if (static_cast<unsigned char>(s[pos]) == 0xE2 && pos + 2 < s.size()) {
    auto c1 = static_cast<unsigned char>(s[pos + 1]);
    auto c2 = static_cast<unsigned char>(s[pos + 2]);
    if (c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) return 3;  // U+2010..U+2015
    if (c1 == 0x88 && c2 == 0x92) return 3;                // U+2212 minus sign
  }
  return 0;
}

bool letter_at(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c >= 0x80) {
    // Lead bytes only; spaces and dashes from the punctuation block are not letters.
    return c >= 0xC2 && space_len(s, pos) == 0 && dash_len(s, pos) == 0 && c != 0xE2;
  }
  return is_alpha(static_cast<char>(c));
}

std::string_view math_greek(std::string_view t) {
  using namespace std::string_view_literals;
  static constexpr std::pair<std::string_view, std::string_view> kMathGreek[] = {
      {"\xF0\x9D\x9B\x82"sv, "α"sv},
      {"\xF0\x9D\x9B\x83"sv, "β"sv},
      {"\xF0\x9D\x9B\x84"sv, "γ"sv},
      {"\xF0\x9D\x9B\x85"sv, "δ"sv},
      {"\xF0\x9D\x9B\x86"sv, "ε"sv},
      {"\xF0\x9D\x9B\xBC"sv, "α"sv},
      {"\xF0\x9D\x9B\xBD"sv, "β"sv},
      {"\xF0\x9D\x9B\xBE"sv, "γ"sv},
      {"\xF0\x9D\x9B\xBF"sv, "δ"sv},
      {"\xF0\x9D\x9C\x80"sv, "ε"sv},
      {"\xF0\x9D\x9C\xB6"sv, "α"sv},
      {"\xF0\x9D\x9C\xB7"sv, "β"sv},
      {"\xF0\x9D\x9C\xB8"sv, "γ"sv},
      {"\xF0\x9D\x9C\xB9"sv, "δ"sv},
      {"\xF0\x9D\x9C\xBA"sv, "ε"sv},
      {"\xF0\x9D\x9D\xB0"sv, "α"sv},
      {"\xF0\x9D\x9D\xB1"sv, "β"sv},
      {"\xF0\x9D\x9D\xB2"sv, "γ"sv},
      {"\xF0\x9D\x9D\xB3"sv, "δ"sv},
      {"\xF0\x9D\x9D\xB4"sv, "ε"sv},
      {"\xF0\x9D\x9E\xAA"sv, "α"sv},
      {"\xF0\x9D\x9E\xAB"sv, "β"sv},
      {"\xF0\x9D\x9E\xAC"sv, "γ"sv},
      {"\xF0\x9D\x9E\xAD"sv, "δ"sv},
      {"\xF0\x9D\x9E\xAE"sv, "ε"sv}};
  if (t.size() < 4 || static_cast<unsigned char>(t[0]) != 0xF0 || static_cast<unsigned char>(t[1]) != 0x9D) return {};
  for (const auto& [math, letter] : kMathGreek) {
    if (t.starts_with(math)) return letter;
  }
  return {};
}

PolymorphPrefix polymorph_prefix(std::string_view t, Polymorph kind) {
  using namespace std::string_view_literals;
  if (t.size() < 3) return {};
  const auto lead = static_cast<unsigned char>(t[0]), second = static_cast<unsigned char>(t[1]);
  if (kind == Polymorph::kMention) {
    if (lead != 0xCE && lead != 0xCF) return {};
    return t[2] == '-' ? PolymorphPrefix{t.substr(0, 2), 3} : PolymorphPrefix{};
  }
  std::string_view letter;
  if (lead == 0xCE && second >= 0xB1 && second <= 0xB5) {
    letter = t.substr(0, 2);
  } else if (lead == 0xF0) {
    letter = math_greek(t);
  }
  // (A plain letter is two bytes, a math-font one four.)
  const size_t at = lead == 0xF0 ? 4 : 2;
  const size_t dash = letter.empty() ? 0 : dash_len(t, at);
  return dash ? PolymorphPrefix{letter, at + dash} : PolymorphPrefix{};
}

namespace {

// tokenize()'s class of a byte inside a word: 0 = printable ASCII, 1 = a bracket (printable, but the
// word may need trimming), kMayBreak = a control byte, space or non-ASCII byte (it may end the word).
constexpr uint8_t kMayBreak = 2;
constexpr std::array<uint8_t, 256> kWordByte = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c > ' ' && c < 0x80 ? 0 : kMayBreak;
  for (unsigned char c : {'(', ')', '[', ']'}) t[c] = 1;
  return t;
}();

bool is_break(std::string_view s, size_t pos, size_t* len) {
  char c = s[pos];
  if (c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  *len = space_len(s, pos);
  return *len > 0;
}

// How many bracket pairs wrap text[b, e) as a whole, stripped one after the other: "((CdO))" → 2,
// "(a)(b)" → 0, "((a)(b))" → 1. Pair j (0-based, from the outside) comes off when the bytes at b+j
// and e-1-j are '(' and ')' and the depth inside it never drops to its own level before its end:
// with d(x) the depth after byte x counted from b, d(x) >= j+1 for every x in [b+j, e-j-2]. So a
// byte x with t(x) = min(x-b, e-2-x) stops the stripping at pair max(d(x), 0) when that is <= t(x).
// One pass, the same result as stripping and re-checking pair by pair.
size_t wrap_depth(std::string_view text, size_t b, size_t e) {
  size_t limit = 0;
  while (b + limit < e - 1 - limit && text[b + limit] == '(' && text[e - 1 - limit] == ')') ++limit;
  // Each pair needs two bytes: the token after stripping j pairs is at least two long.
  limit = std::min(limit, (e - b) / 2);
  long depth = 0;
  for (size_t x = b; x + 1 < e && limit > 0; ++x) {
    depth += text[x] == '(' ? 1 : text[x] == ')' ? -1 : 0;
    size_t t = std::min(x - b, e - 2 - x);
    size_t stop = depth > 0 ? static_cast<size_t>(depth) : 0;
    if (stop <= t) limit = std::min(limit, stop);
  }
  return limit;
}

// "CdO(0.2", "ODE(15", "acid(2": an amount bracket glued to the name it follows (NFKC turns the
// full-width brackets of Chinese keyboards into this; review 16a, A14). Returns the position of
// that last, unclosed '(' in text[b, e) when a letter, digit or ')' comes before it and a digit
// after it, else 0: the name and the bracket are then two tokens, as with a space.
size_t glued_amount_bracket(std::string_view text, size_t b, size_t e) {
  for (size_t k = e - 1; k > b; --k) {
    if (text[k] == ')') return 0;
    if (text[k] == '(') {
      const char before = text[k - 1];
      return k + 1 < e && is_digit(text[k + 1]) && (is_alnum(before) || before == ')') ? k : 0;
    }
  }
  return 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = text.size();
  out.reserve(n / 6 + 4);
  while (i < n) {
    size_t len = 0;
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    // A break is a control byte or a space (kMayBreak); a word starts at any other byte, with no
    // call of space_len().
    if (kWordByte[static_cast<unsigned char>(text[i])] == kMayBreak && is_break(text, i, &len)) {
      i += len;
      continue;
    }
    size_t b = i;
    unsigned bracket = 0;
    while (i < n) {
      // Printable ASCII never breaks a word; only control bytes, spaces and C2/E2 lead bytes might.
      // One table load per byte instead of six compares (the loop runs over every byte of text).
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (uint8_t k = kWordByte[c]; k < kMayBreak) {
        bracket |= k;
        ++i;
        continue;
      }
      if (c == ' ' || is_break(text, i, &len)) break;
      ++i;
    }
    size_t e = i;
    // Most words start and end with a letter or digit and need no trimming.
    if (!bracket && is_alnum(text[b]) && is_alnum(text[e - 1]) && !(is_digit(text[e - 1]) && e - b >= 3)) {
      out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
      continue;
    }
    // Trim until stable: sentence punctuation at the end, unbalanced brackets at either end. The
    // bracket balance is counted once and kept up to date as bytes are trimmed, and nested wrapping
    // brackets come off in one pass (wrap_depth), so that a token of n brackets costs O(n), not
    // O(n^2) (a 1 MB run of brackets took minutes).
    int round = 0, square = 0;
    for (size_t k = b; k < e; ++k) {
      char c = text[k];
      round += c == '(' ? 1 : c == ')' ? -1 : 0;
      square += c == '[' ? 1 : c == ']' ? -1 : 0;
    }
    if (round > 0) {
      if (size_t k = glued_amount_bracket(text, b, e)) {
        for (size_t x = k; x < e; ++x) {
          round -= text[x] == '(' ? 1 : text[x] == ')' ? -1 : 0;
          square -= text[x] == '[' ? 1 : text[x] == ']' ? -1 : 0;
        }
        e = i = k;  // the bracket is read again as the next token
      }
    }
    auto uncount = [&](char c) {
      round -= c == '(' ? 1 : c == ')' ? -1 : 0;
      square -= c == '[' ? 1 : c == ']' ? -1 : 0;
    };
    int wrap_checks = 0;
    for (bool changed = true; changed && b < e;) {
      changed = false;
      char last = text[e - 1];
      if (last == ',' || last == ';' || last == ':' || last == '.' || last == '"' || last == '\'') {
        --e;
        changed = true;
        continue;
      }
      // A reference number glued to a word: "dispersed in water.11", "method.16".
      if (is_digit(last)) {
        size_t d = e;
        while (d > b && is_digit(text[d - 1])) --d;
        if (d - b >= 3 && text[d - 1] == '.' && is_lower(text[d - 2]) && e - d <= 3) {
          for (size_t k = d - 1; k < e; ++k) uncount(text[k]);
          e = d - 1;
          changed = true;
          continue;
        }
      }
      char first = text[b];
      if ((first == '(' && round > 0) || (first == '[' && square > 0) || first == '"' || first == '\'') {
        uncount(first);
        ++b;
        changed = true;
      } else if ((last == ')' && round < 0) || (last == ']' && square < 0)) {
        uncount(last);
        --e;
        changed = true;
      } else if (first == '(' && last == ')' && e - b >= 2 && wrap_checks++ < 64) {
        // "(OLA)" as a whole token: the brackets belong to the sentence, not the word.
        if (size_t layers = wrap_depth(text, b, e)) {
          b += layers;
          e -= layers;
          changed = true;
        }
      }
    }
    if (b < e) out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  }
  return out;
}

// The rules and the learned sizes stage both ask (the stage must not add back a shift the rules
// dropped).
bool shift_amount(std::string_view before) {
  using namespace std::string_view_literals;
  before = trim_right(before);
  for (std::string_view w : {" about"sv, " ca."sv, " approximately"sv, " ~"sv, " \u223c"sv}) {
    if (before.ends_with(w)) {
      before.remove_suffix(w.size());
      break;
    }
  }
  if (before.ends_with("shift of") || before.ends_with("shifts of")) return true;
  if (!before.ends_with(" by")) return false;
  std::string_view near = before.substr(before.size() - std::min<size_t>(before.size(), 60));
  size_t at = near.rfind("shift");
  return at != std::string_view::npos && near.substr(at).find_first_of("0123456789,;") == std::string_view::npos;
}

// The rules and the learned sizes stage both ask (review 15a, A18).
bool recording_window(std::string_view before) {
  using namespace std::string_view_literals;
  before = trim_right(before);
  if (!(before.ends_with(" from") || before.ends_with(" range of") || before.ends_with(" between") ||
        before.ends_with(" over") || before.ends_with(" in the range") || before.ends_with(" region of"))) {
    return false;
  }
  // The recording verb right before ("recorded in the range of"), not a clause away ("spectra were
  // recorded during the growth of the ceria layer from 10–60 nm": the layer's thicknesses).
  const std::string_view tail = before.substr(before.size() - std::min<size_t>(before.size(), 32));
  return contains_any(tail, {"recorded"sv, "collected"sv, "acquired"sv, "scanned"sv, "measured"sv}) &&
         contains_any(before, {"spectr"sv, "emission"sv, "pl "sv, "absorption"sv, "photoluminescence"sv});
}

}  // namespace synthdb::rules
