#pragma once

// Whether a hyphen at a line end belongs to the word or is the typesetter's break: one decision
// for the PDF and .txt readers (extract/pdf, docs/pdf.md step 10) and for extract's repair of
// hyphen remnants in direct input (extract/rules/text.h, repair_text).

#include <string>
#include <string_view>
#include <unordered_set>

namespace synthdb {

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

}  // namespace synthdb
