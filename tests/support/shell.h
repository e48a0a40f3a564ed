#pragma once
// Shell quoting for the tests that build command lines for std::system() or popen() (the hostile and
// records tests). Header-only, like files.h.
#include <string>

namespace synthdb::testing {

// `s` as one POSIX shell word: inside single quotes, each embedded ' written as '\'' (close the
// quotes, an escaped quote, open again). Nothing in `s` is expanded, whatever bytes it holds.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

}  // namespace synthdb::testing
