#pragma once

// UTF-8 checks shared by curation input (rejected when invalid), export (sanitised), so that no
// invalid byte ever reaches a CSV or JSON Lines file, and ingest's display form of file names.

#include <cstddef>
#include <string>
#include <string_view>

namespace synthdb::db {

// Length (1..4) of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes there are
// not one (overlong forms, surrogates, above U+10FFFF, truncated).
size_t utf8_sequence_length(std::string_view s, size_t i);

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// `s` with every invalid byte sequence replaced by U+FFFD (as the JSON writer's replace mode does).
std::string sanitize_utf8(std::string_view s);

}  // namespace synthdb::db
