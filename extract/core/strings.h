#pragma once

// Small string helpers that every library (core, records, pdf, rules) uses: one definition here, since
// core and records may not include extract/rules headers.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synthdb {

// ASCII letters lower-cased, every other byte unchanged: same length, so byte offsets carry over
// (std::tolower in the "C" locale, which synthdb never leaves). Eight bytes at a time: the rules
// lower-case every paragraph with it (strings.cc).
std::string ascii_lower(std::string_view s);

// Whether any of `needles` occurs in `s`: plain substring search, in list order, stopping at the
// first found. Inline: the rules call it on hot paths.
inline bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (s.find(n) != std::string_view::npos) return true;
  }
  return false;
}

// The same with `find(s, needle)` (npos when absent) in place of the substring search: a whole-word
// search, say ("GO was synthesized" does not say "as synthesized").
template <class Find>
bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles, Find find) {
  for (std::string_view n : needles) {
    if (find(s, n) != std::string_view::npos) return true;
  }
  return false;
}

// The last word of `s`: the bytes after its last space, or all of `s` when it has none. Trailing
// spaces are kept (the word is then empty): trim_right() (rules/text.h) first where they may come.
inline std::string_view last_word(std::string_view s) {
  const size_t sp = s.rfind(' ');
  return sp == std::string_view::npos ? s : s.substr(sp + 1);
}

// `s` cut at its last space: {the text before that space, last_word(s)}; {"", s} when `s` has no
// space. Walking words backwards: the head is empty once no word is left before this one.
inline std::pair<std::string_view, std::string_view> cut_last_word(std::string_view s) {
  const size_t sp = s.rfind(' ');
  if (sp == std::string_view::npos) return {std::string_view(), s};
  return {s.substr(0, sp), s.substr(sp + 1)};
}

// `parts` joined by `sep` ("a, b, c"): the lists of accepted values in curation's error messages.
inline std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ") {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace synthdb
