// Fuzzes the rule extractor on arbitrary paragraph text. InputError (invalid UTF-8) is the
// expected answer to bad bytes; every entity must satisfy the `synthdb extract` contract:
// 0 <= start <= end <= code points of the text, and `text` is exactly that slice.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "extract/core/document.h"
#include "extract/core/error.h"
#include "extract/rules/extractor.h"
#include "extract/rules/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const synthdb::rules::Extractor extractor;  // lexicons load once, as in the CLI
  std::string_view text(reinterpret_cast<const char*>(data), size);
  synthdb::Extraction x;
  try {
    x = extractor.extract(text);
  } catch (const synthdb::InputError&) {
    return 0;
  }
  int64_t total = synthdb::count_code_points(text);
  for (const auto& e : x.entities) {
    bool ok = !e.type.empty() && e.start >= 0 && e.start <= e.end && e.end <= total;
    if (ok) {
      size_t b = synthdb::rules::byte_of_code_point(text, e.start), f = synthdb::rules::byte_of_code_point(text, e.end);
      ok = text.substr(b, f - b) == e.text;
    }
    if (ok && e.material) ok = *e.material >= 0 && *e.material < static_cast<int>(x.entities.size());
    if (!ok) {
      std::fprintf(stderr, "entity %s [%lld,%lld) '%s' breaks the span contract\n", e.type.c_str(),
                   static_cast<long long>(e.start), static_cast<long long>(e.end), e.text.c_str());
      std::abort();
    }
  }
  return 0;
}
