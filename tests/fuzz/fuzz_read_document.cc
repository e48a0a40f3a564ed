// Fuzzes the paragraph builder end to end: bytes → temp file → pdf::read_document (Poppler for
// PDFs, the plain-text path otherwise). A PdfError/Error is the expected answer to garbage; any
// other exception, a crash or a sanitizer report is a finding. Checks the Document invariants.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "extract/core/document.h"
#include "extract/core/error.h"
#include "extract/pdf/paragraphs.h"

namespace {

std::filesystem::path scratch(bool pdf) {
  static const std::string base = (std::filesystem::temp_directory_path() /
                                   ("synthdb-fuzz-" + std::to_string(getpid()))).string();
  return base + (pdf ? ".pdf" : ".txt");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  bool pdf = bytes.rfind("%PDF", 0) == 0;
  auto path = scratch(pdf);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  synthdb::pdf::Options options;
  options.max_pages = 20;  // keep each execution short; the page limit itself is exercised too
  try {
    synthdb::Document doc = synthdb::pdf::read_document(path, options);
    // Invariants of the contract: offsets index Document::text(), ordinals are positions.
    std::string text = doc.text();
    int64_t total = synthdb::count_code_points(text);
    for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
      const auto& p = doc.paragraphs[i];
      if (p.ordinal != static_cast<int>(i) || p.start < 0 || p.end < p.start || p.end > total ||
          p.end - p.start != synthdb::count_code_points(p.text) || p.page < 1) {
        std::fprintf(stderr, "paragraph %zu breaks the offset/ordinal contract\n", i);
        std::abort();
      }
    }
  } catch (const synthdb::Error&) {
    // Expected for malformed input: a one-line reason.
  }
  return 0;
}
