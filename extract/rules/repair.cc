#include "extract/rules/repair.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "extract/core/hyphenation.h"
#include "extract/rules/text.h"

namespace synthdb::rules {
namespace {

bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Bytes [begin, end) of the input are removed; `put`, when not 0, is the one character put in
// their place (' ' for a line break inside a sentence, '-' for a Unicode hyphen).
struct Edit {
  size_t begin, end;
  char put;
};

// Length of a Unicode hyphen at text[i] that reads as '-' (U+2010 HYPHEN, U+2011 NON-BREAKING
// HYPHEN), 0 for any other: PMC and PDF dumps print the hyphen of words, compositions and
// "2‐μm‐thick" with them. The dashes U+2012..U+2015 stay: an en dash is a range or a bond
// ("600–800 °C", "core–shell").
size_t unicode_hyphen_len(std::string_view t, size_t i) {
  auto at = [&](size_t k) { return k < t.size() ? static_cast<unsigned char>(t[k]) : 0u; };
  return at(i) == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0x90 || at(i + 2) == 0x91) ? 3 : 0;
}

// Length of an invisible character at text[i] (soft hyphen, zero-width space/non-joiner/joiner,
// word joiner, BOM as zero-width no-break space), 0 for any other: the text stage removes them.
size_t invisible_len(std::string_view t, size_t i) {
  auto at = [&](size_t k) { return k < t.size() ? static_cast<unsigned char>(t[k]) : 0u; };
  if (at(i) == 0xC2 && at(i + 1) == 0xAD) return 2;
  if (at(i) == 0xE2 && at(i + 1) == 0x80 && at(i + 2) >= 0x8B && at(i + 2) <= 0x8D) return 3;
  if (at(i) == 0xE2 && at(i + 1) == 0x81 && at(i + 2) == 0xA0) return 3;
  if (at(i) == 0xEF && at(i + 1) == 0xBB && at(i + 2) == 0xBF) return 3;
  return 0;
}

// End of the blank run starting at i, and how many line breaks it holds ("\r\n" is one).
size_t blank_run_end(std::string_view t, size_t i, int* breaks) {
  *breaks = 0;
  for (; i < t.size() && is_blank(static_cast<unsigned char>(t[i])); ++i) {
    if (t[i] == '\n' && !(i > 0 && t[i - 1] == '\r')) ++*breaks;
    if (t[i] == '\r') ++*breaks;
  }
  return i;
}

// Whether a sentence goes on across a line break or tab before text[next] (the run starts at
// `run`): a new line that starts lower-case, with '%', a degree or micro sign ("512\nnm", "92\n%",
// "300\n°C"), with a bracketed number ("1-octadecene\n(10 mL)"), or with a number after a short
// lower-case word ("heated to\n300 °C"). A capital, another bracket or a number after a longer
// word may open a new paragraph after a title or heading line ("... method\n(Ni1-xCox)0.85Se
// with", "... to 2,5-diformylfuran\n5-Hydroxymethylfurfural (HMF)"): left alone.
bool sentence_goes_on(std::string_view t, size_t run, size_t next) {
  if (next >= t.size()) return false;
  auto at = [&](size_t k) { return k < t.size() ? static_cast<unsigned char>(t[k]) : 0u; };
  const unsigned char c = at(next), c2 = at(next + 1);
  if (is_lower(c) || c == '%') return true;
  if (c == 0xC2 && (c2 == 0xB0 || c2 == 0xB5)) return true;  // ° µ
  if (c == 0xCE && c2 == 0xBC) return true;                  // μ
  if (c == '(') return is_digit(c2);
  if (!is_digit(c)) return false;
  size_t b = run;
  while (b > 0 && is_lower(at(b - 1))) --b;
  return run - b >= 1 && run - b <= 5 && (b == 0 || at(b - 1) == ' ');
}

// Words after which a hyphen is suspended, not a broken word: "nano- and micron-sized", "10- to
// 20-fold", "Sr- or Mn-doped".
bool is_suspension_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"and", "or", "nor", "to", "as", "vs", "versus", "than", "but", "via"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Start of the word part that ends at the hyphen text[dash]: letters, digits, commas, primes and
// inner hyphens back to a blank, bracket or the start ("1-octa" in "(1-octa- decene"); npos when
// it is no broken word: its last part must be a lower-case syllable of two letters or more after
// at most one capital ("Oleyl", "un", "centri"), which leaves out ion charges ("Cl- was", "OH-"),
// or it is a number.
size_t broken_word_start(std::string_view t, size_t dash) {
  size_t b = dash;
  while (b > 0) {
    const unsigned char c = static_cast<unsigned char>(t[b - 1]);
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != ',' && c != '\'') break;
    --b;
  }
  if (b == dash) return std::string_view::npos;
  if (b > 0 && !is_blank(static_cast<unsigned char>(t[b - 1])) && t[b - 1] != '(' && t[b - 1] != '[' &&
      t[b - 1] != '/' && t[b - 1] != '"')
    return std::string_view::npos;
  // A number before the hyphen ("10- nm", "1,2- dichlorobenzene") keeps it (keep_line_end_hyphen).
  if (is_digit(t[dash - 1]) &&
      std::none_of(t.begin() + static_cast<std::ptrdiff_t>(b), t.begin() + static_cast<std::ptrdiff_t>(dash),
                   [](char c) { return is_alpha(c); }))
    return b;
  size_t s = dash;
  while (s > b && is_lower(t[s - 1])) --s;
  if (dash - s < 2) return std::string_view::npos;
  if (s > b && t[s - 1] != '-' && !(is_alpha(t[s - 1]) && (s - 1 == b || t[s - 2] == '-')))
    return std::string_view::npos;
  return b;
}

// The paragraph's words for keep_line_end_hyphen(), without the halves of the broken words at
// `dashes` (the text stage leaves a line's final half-word out too): "oleyl" and "amine" of
// "Oleyl- amine" would otherwise count as two words of the document, which keeps the hyphen.
Vocabulary paragraph_words(std::string_view t, const std::vector<size_t>& dashes) {
  std::string words(t);
  for (size_t dash : dashes) {
    size_t b = dash;
    while (b > 0 && !is_blank(static_cast<unsigned char>(words[b - 1]))) --b;
    size_t e = dash + 1;
    while (e < words.size() && is_blank(static_cast<unsigned char>(words[e]))) ++e;
    while (e < words.size() && !is_blank(static_cast<unsigned char>(words[e]))) ++e;
    std::fill(words.begin() + static_cast<std::ptrdiff_t>(b), words.begin() + static_cast<std::ptrdiff_t>(e), ' ');
  }
  for (char& c : words)
    if (is_blank(static_cast<unsigned char>(c))) c = ' ';
  Vocabulary vocab;
  add_words(words, vocab);
  return vocab;
}

// "Iron( III ) chloride", "cobalt ( II )": an oxidation state spaced inside its bracket after a
// name (Poppler's small capitals; review 16a, A23). Returns the position of the ')' when the '(' at
// text[open] starts one, else 0: the spaces inside come out.
size_t spaced_oxidation_state(std::string_view t, size_t open) {
  if (open == 0 || open + 4 >= t.size() || t[open + 1] != ' ') return 0;
  const size_t name = t[open - 1] == ' ' && open >= 2 ? open - 2 : open - 1;
  if (!is_alpha(t[name])) return 0;
  size_t k = open + 2;
  const bool upper = t[k] == 'I' || t[k] == 'V' || t[k] == 'X';
  while (k < t.size() && k < open + 7 &&
         (upper ? t[k] == 'I' || t[k] == 'V' || t[k] == 'X' : t[k] == 'i' || t[k] == 'v' || t[k] == 'x'))
    ++k;
  if (k == open + 2 || k + 1 >= t.size() || t[k] != ' ' || t[k + 1] != ')') return 0;
  return k + 1;
}

// Bytes where an edit may start: '-', '(', tab, CR, LF and the lead bytes of the invisible
// characters. Clean text is scanned through this table alone.
constexpr std::array<bool, 256> kMayEdit = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'-', '(', '\t', '\r', '\n'}) t[c] = true;
  for (unsigned c : {0xC2u, 0xE2u, 0xEFu}) t[c] = true;
  return t;
}();

// Whether any of the 8 bytes of `w` may start an edit: a superset of kMayEdit (every byte >= 0x80,
// every control byte below 0x0E, '-', '('), eight bytes a step, so clean text costs few instructions a
// byte.
bool block_may_edit(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  const uint64_t dash = w ^ (kOnes * '-');
  const uint64_t has_dash = (dash - kOnes) & ~dash;   // high bit set at (and maybe above) a '-'
  const uint64_t paren = w ^ (kOnes * '(');
  const uint64_t has_paren = (paren - kOnes) & ~paren;  // the same at a '(' (spaced oxidation states)
  const uint64_t has_control = (w - kOnes * 0x0E) & ~w;  // high bit set at (and maybe above) a byte < 0x0E
  return ((w | has_dash | has_paren | has_control) & kHigh) != 0;
}

// The first byte at or after `i` where an edit may start (kMayEdit), t.size() when none.
size_t next_may_edit(std::string_view t, size_t i) {
  const size_t n = t.size();
  for (;;) {
    for (uint64_t w; i + 8 <= n; i += 8) {
      std::memcpy(&w, t.data() + i, 8);
      if (block_may_edit(w)) break;
    }
    for (const size_t stop = std::min(n, i + 8); i < stop; ++i)
      if (kMayEdit[static_cast<unsigned char>(t[i])]) return i;
    if (i == n) return n;
  }
}

// The edits of repair_text(), in text order; empty for clean text.
std::vector<Edit> find_edits(std::string_view t) {
  std::vector<Edit> edits;
  // Hyphen remnants are decided after the scan, on the words of the rest of the paragraph.
  struct Remnant {
    size_t edit, left, dash, right, right_end;
  };
  std::vector<Remnant> remnants;
  const size_t n = t.size();
  for (size_t i = 0; i < n;) {
    i = next_may_edit(t, i);
    if (i == n) break;
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == '-' && i + 1 < t.size() && is_blank(static_cast<unsigned char>(t[i + 1]))) {
      int breaks = 0;
      const size_t k = blank_run_end(t, i + 1, &breaks);
      const size_t b = breaks <= 1 ? broken_word_start(t, i) : std::string_view::npos;
      if (b != std::string_view::npos && k < t.size() && is_lower(t[k]) &&
          (edits.empty() || edits.back().end <= b)) {
        size_t re = k;
        while (re < t.size() && is_alpha(t[re])) ++re;
        const std::string_view right = t.substr(k, re - k);
        if (!is_suspension_word(right)) {
          remnants.push_back({edits.size(), b, i, k, re});
          edits.push_back({i, k, 0});
        }
      }
      i = k;
      continue;
    }
    if (c == '\t' || c == '\r' || c == '\n') {
      size_t j = i;
      while (j > 0 && t[j - 1] == ' ') --j;
      int breaks = 0;
      const size_t k = blank_run_end(t, j, &breaks);
      if (breaks <= 1 && j > 0 && (edits.empty() || edits.back().end <= j) && sentence_goes_on(t, j, k))
        edits.push_back({j, k, ' '});
      i = k;
      continue;
    }
    if (c == '(') {
      if (const size_t close = spaced_oxidation_state(t, i); close && (edits.empty() || edits.back().end <= i + 1)) {
        edits.push_back({i + 1, i + 2, 0});
        edits.push_back({close - 1, close, 0});
        i = close;
        continue;
      }
    }
    if (c >= 0xC2) {
      if (const size_t len = invisible_len(t, i)) {
        edits.push_back({i, i + len, 0});
        i += len;
        continue;
      }
      if (const size_t len = unicode_hyphen_len(t, i)) {
        edits.push_back({i, i + len, '-'});
        i += len;
        continue;
      }
    }
    ++i;
  }
  if (!remnants.empty()) {
    std::vector<size_t> dashes;
    for (const Remnant& r : remnants) dashes.push_back(r.dash);
    const Vocabulary vocab = paragraph_words(t, dashes);
    for (const Remnant& r : remnants) {
      const std::string_view left = t.substr(r.left, r.dash - r.left), right = t.substr(r.right, r.right_end - r.right);
      if (keep_line_end_hyphen(left, right, vocab)) edits[r.edit].begin = r.dash + 1;
    }
  }
  return edits;
}

bool is_char_start(unsigned char c) { return (c & 0xC0) != 0x80; }

}  // namespace

std::optional<RepairedText> repair_text(std::string_view t) {
  std::vector<Edit> edits = find_edits(t);
  if (edits.empty()) return std::nullopt;
  RepairedText out;
  out.text.reserve(t.size());
  out.from.reserve(t.size() + 1);
  uint32_t cp = 0;  // code-point offset of byte i in the input
  size_t next = 0;  // next edit
  for (size_t i = 0; i < t.size();) {
    if (next < edits.size() && edits[next].begin == i) {
      const Edit& e = edits[next++];
      if (e.put) {
        out.text += e.put;
        out.from.push_back(cp);
      }
      for (; i < e.end; ++i) cp += is_char_start(static_cast<unsigned char>(t[i]));
      continue;
    }
    if (is_char_start(static_cast<unsigned char>(t[i]))) out.from.push_back(cp++);
    out.text += t[i++];
  }
  out.from.push_back(cp);
  return out;
}

void restore_spans(std::string_view input, const RepairedText& view, Extraction& result) {
  // Byte offset of each code point of the input (and of its end).
  std::vector<uint32_t> byte_at;
  byte_at.reserve(input.size() + 1);
  for (size_t i = 0; i < input.size(); ++i)
    if (is_char_start(static_cast<unsigned char>(input[i]))) byte_at.push_back(static_cast<uint32_t>(i));
  byte_at.push_back(static_cast<uint32_t>(input.size()));
  for (Entity& e : result.entities) {
    const uint32_t s = view.from[static_cast<size_t>(e.start)];
    const uint32_t en = e.end > e.start ? view.from[static_cast<size_t>(e.end) - 1] + 1 : s;
    e.start = s;
    e.end = en;
    e.text.assign(input.substr(byte_at[s], byte_at[en] - byte_at[s]));
  }
}

}  // namespace synthdb::rules
