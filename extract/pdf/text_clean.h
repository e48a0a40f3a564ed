#pragma once

// Internal to extract/pdf: Unicode clean-up and line-end hyphen decisions shared by the PDF and
// the .txt readers. Exposed as a header so that the tests can check the rules directly.

#include <string>
#include <string_view>
#include <unordered_set>

namespace synthdb::pdf {

// Returns `text` (valid UTF-8) cleaned for text mining: NFKC (ligatures ﬁ ﬂ ﬀ ﬃ → letters,
// µ → μ, ℃ → °C, full-width forms → ASCII, superscript digits → digits), minus and hyphen
// variants (U+2212, U+2010, U+2011, U+FE63, U+FF0D) → '-', soft hyphens and zero-width characters
// removed, every kind of space and control character → ' ', runs of spaces collapsed, degree
// look-alikes before C/F (◦ ∘ ˚ º, and a letter o written after a number: "120 oC") → '°'.
// En and em dashes are kept: they separate ranges and clauses, not signs. Never throws.
std::string clean_text(std::string_view text);

// Words seen in a document (lower-case, punctuation stripped), used to decide line-end hyphens.
using Vocabulary = std::unordered_set<std::string>;

// Adds the words of `line` to `vocab`; a final word that ends in '-' (a line-end hyphen) is left
// out, because it is only half a word.
void add_words(std::string_view line, Vocabulary& vocab);

// Decides whether a hyphen at the end of a line between `left` (the word part before the hyphen,
// without it) and `right` (the first word of the next line) is a real hyphen that must be kept
// ("1-octadecene", "Cd-oleate", "seed-mediated") rather than a typesetter's break ("chalco-genide").
// Rules in order: a digit or an upper-case letter inside `left`, or a `right` that starts with an
// upper-case letter or a digit, keeps it; the document's own spelling decides next (the hyphenated
// form elsewhere keeps, the joined form drops); then a short list of common compound parts
// ("-based", "-mediated", "-free", "self-", "well-", ...) keeps; otherwise it is dropped.
bool keep_line_end_hyphen(std::string_view left, std::string_view right, const Vocabulary& vocab);

}  // namespace synthdb::pdf
