#pragma once

// UTF-8 well-formedness, one definition for every stage: extract's JSON reader (hot path), the
// classifier's input check, curation input (rejected when invalid), export (sanitised, so that no
// invalid byte reaches a CSV or JSON Lines file) and ingest's display form of file names.
// Well-formed means RFC 3629 as nlohmann's lexer checks it: no overlong forms, no surrogates,
// nothing above U+10FFFF.

#include <cstddef>
#include <string>
#include <string_view>

namespace synthdb {

// Length (1..4) of the well-formed UTF-8 sequence starting at s[i] (i < s.size()), or 0 when the
// bytes there are not one (overlong, surrogate, above U+10FFFF, truncated). Inline: extract calls
// it for every non-ASCII byte of its input.
inline size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  auto in = [](unsigned c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  const unsigned c = byte(i);
  if (c < 0x80) return 1;
  if (in(c, 0xC2, 0xDF)) return in(byte(i + 1), 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;  // E0: overlong below A0
    const unsigned hi = c == 0xED ? 0x9F : 0xBF;  // ED: surrogates from A0
    return in(byte(i + 1), lo, hi) && in(byte(i + 2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80;  // F0: overlong below 90
    const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;  // F4: above U+10FFFF from 90
    return in(byte(i + 1), lo, hi) && in(byte(i + 2), 0x80, 0xBF) && in(byte(i + 3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

// `s` with every invalid byte sequence replaced by U+FFFD (as the JSON writer's replace mode does).
std::string sanitize_utf8(std::string_view s);

}  // namespace synthdb
