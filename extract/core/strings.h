#pragma once

// Small string searches that every library (core, records, rules) uses: one definition here, since
// core and records may not include extract/rules headers.

#include <initializer_list>
#include <string_view>

namespace synthdb {

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

}  // namespace synthdb
