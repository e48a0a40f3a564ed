#pragma once

// Internal to extract/rules: the repaired view of direct input (scraped text, users piping text)
// that extract() reads when the text carries artifacts the PDF/.txt text stage would have removed
// (docs/pdf.md steps 10-11; review 16a, A6/A18/A19/A27/A31/A32). Entities found on the view are
// mapped back, so that their offsets and text refer to the input as given.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/core/entity.h"

namespace synthdb::rules {

// `text` is the repaired text; `from[k]` is the code-point offset in the input of its code point k
// (every kept or replacing character stands for one input character).
struct RepairedText {
  std::string text;
  std::vector<uint32_t> from;
};

// The repaired view of valid UTF-8 `text`: soft hyphens and zero-width characters dropped; a run
// of spaces holding a tab or one line break read as one space where the sentence goes on (the next
// line starts lower-case, with '(', '%', a degree or micro sign, or a digit after a word); and the
// hyphen remnant of a word broken at a line end ("Oleyl- amine", "centri-\nfuged") joined as the
// text stage joins it (keep_line_end_hyphen on the paragraph's words: "oleylamine", "hot-injection").
// A hyphen before a conjunction is suspended and stays ("nano- and micron-sized"), as do ion
// charges ("Cl- was"). The Unicode hyphens U+2010 and U+2011 read as '-' ("nano‐rods", "Ni‐YSZ",
// "2‐μm‐thick"), so that every pass sees the hyphen it knows. nullopt when none applies: clean text
// costs one pass over its bytes.
std::optional<RepairedText> repair_text(std::string_view text);

// Sets each entity's start, end (code points) and text from the repaired view back to `input`.
void restore_spans(std::string_view input, const RepairedText& view, Extraction& result);

}  // namespace synthdb::rules
