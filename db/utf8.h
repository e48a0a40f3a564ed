#pragma once

// UTF-8 checks shared by curation input (rejected when invalid) and export (sanitised), so that
// no invalid byte ever reaches a CSV or JSON Lines file.

#include <string>
#include <string_view>

namespace synthdb::db {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// `s` with every invalid byte sequence replaced by U+FFFD (as the JSON writer's replace mode does).
std::string sanitize_utf8(std::string_view s);

}  // namespace synthdb::db
