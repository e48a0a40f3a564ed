#pragma once

// Internal to extract/pdf: Unicode clean-up and line-end hyphen decisions shared by the PDF and
// the .txt readers. Exposed as a header so that the tests can check the rules directly.

#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/core/hyphenation.h"

namespace synthdb::pdf {

// Returns `text` (valid UTF-8) cleaned for text mining: NFKC (ligatures ﬁ ﬂ ﬀ ﬃ → letters,
// µ → μ, ℃ → °C, full-width forms → ASCII, superscript digits → digits), minus and hyphen
// variants (U+2212, U+2010, U+2011, U+FE63, U+FF0D) → '-', soft hyphens and zero-width characters
// removed, every kind of space and control character → ' ', runs of spaces collapsed, degree
// look-alikes before C/F (◦ ∘ ˚ º, and a letter o written after a number: "120 oC") → '°'.
// En and em dashes are kept: they separate ranges and clauses, not signs. Never throws.
std::string clean_text(std::string_view text);

// First DOI ("10.NNNN/suffix") in `text`, trailing sentence punctuation removed; "" when none.
// Shared by the metadata (paragraphs.cc) and the layout, which splits a file holding several papers.
std::string find_doi(const std::string& text);

// The line-end hyphen decision (Vocabulary, add_words, keep_line_end_hyphen) lives in
// extract/core/hyphenation.h: extract's repair of direct input makes the same decision.
using synthdb::add_words;
using synthdb::keep_line_end_hyphen;
using synthdb::Vocabulary;

}  // namespace synthdb::pdf
