#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "extract/core/document.h"

namespace synthdb::pdf {

// Which Poppler front end reads the words of a PDF. Both give the same words and paragraphs
// (tested); the core one is about twice as fast and is used when the build found Poppler's
// internal headers (libpoppler-private-dev), see has_poppler_core().
enum class Reader { kDefault, kPopplerCpp };

struct Options {
  // Documents with more pages than this are refused (a PDF bomb protection), not truncated.
  int max_pages = 2000;
  Reader reader = Reader::kDefault;
  // Fill Document::sha256. Ingest turns it off: its parent process hashed the file already.
  bool hash = true;
};

// True when this build reads PDFs through Poppler's TextOutputDev directly.
bool has_poppler_core();

// Converts a PDF (via Poppler's positioned words and fonts) or a .txt file (paragraphs separated by blank lines)
// into clean paragraphs in reading order with kinds, sections and metadata. The file type is taken
// from the bytes, not from the extension. Fills Document::sha256 and offsets.
// Throws PdfError naming the file and the reason (not a PDF, encrypted, no text layer, damaged,
// too many pages, invalid UTF-8 in a .txt, ...).
Document read_document(const std::filesystem::path& path, const Options& options = {});

// Identifies the conversion code ("pdf-N"); bumped whenever its output can change, which makes
// the next ingest re-process documents.
std::string version();

}  // namespace synthdb::pdf
