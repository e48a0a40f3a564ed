#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "extract/core/document.h"

namespace synthdb::pdf {

struct Options {
  // Documents with more pages than this are refused (a PDF bomb protection), not truncated.
  int max_pages = 2000;
};

// Converts a PDF (via poppler-cpp text boxes) or a .txt file (paragraphs separated by blank lines)
// into clean paragraphs in reading order with kinds, sections and metadata. The file type is taken
// from the bytes, not from the extension. Fills Document::sha256 and offsets.
// Throws PdfError naming the file and the reason (not a PDF, encrypted, no text layer, damaged,
// too many pages, invalid UTF-8 in a .txt, ...).
Document read_document(const std::filesystem::path& path, const Options& options = {});

// Identifies the conversion code ("pdf-N"); bumped whenever its output can change, which makes
// the next ingest re-process documents.
std::string version();

}  // namespace synthdb::pdf
