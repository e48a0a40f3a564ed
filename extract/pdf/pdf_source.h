#pragma once

// Internal to extract/pdf: what the layout stage needs from a PDF (positioned words per page and
// the document information), read by one of two Poppler front ends that give the same boxes:
//   - poppler core (TextOutputDev words, libpoppler-private-dev): the default, about twice as
//     fast because it skips poppler-cpp's per-word UTF-16 strings and per-glyph boxes;
//   - poppler-cpp (page::text_list): kept as the reference and as the fallback when the core
//     headers are not installed. A test checks both give identical paragraphs.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "extract/pdf/layout.h"
#include "extract/pdf/paragraphs.h"

namespace synthdb::pdf {

struct PdfSource {
  std::vector<PageBoxes> pages;  // one per page, empty for a page poppler cannot open
  std::string info_title;        // document information dictionary, UTF-8
  std::string info_subject;
  std::string xmp;  // XMP metadata packet, UTF-8 ("" when absent)
  std::optional<int> creation_year;
};

// Both throw PdfError naming `path`: encrypted, damaged, too many pages. `data` is the file.
PdfSource read_with_poppler_cpp(const std::filesystem::path& path, const std::string& data, const Options& options);
#ifdef SYNTHDB_HAVE_POPPLER_CORE
PdfSource read_with_poppler_core(const std::filesystem::path& path, const std::string& data, const Options& options);
#endif

// Shared by both front ends.
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason);
// Fails (fail()) when a document has no pages or more than options.max_pages: the same limit and
// reasons whichever front end read it.
void check_page_count(const std::filesystem::path& path, int pages, const Options& options);
bool font_is_bold(std::string_view name);
bool font_is_italic(std::string_view name);
// Appends code point `c` as UTF-8 (NUL is dropped).
void append_utf8(std::string& s, uint32_t c);
// Keeps a word box if its geometry is usable: finite, non-inverted, drawn horizontally.
bool usable_box(TextBox& t);

}  // namespace synthdb::pdf
