#pragma once

// Internal to extract/pdf: turns positioned words (from poppler, or built by a test) into
// paragraphs in reading order. Knows nothing about poppler, so it can be tested with
// hand-made pages too.

#include <string>
#include <vector>

#include "extract/core/document.h"

namespace synthdb::pdf {

// One word-like run of text as the PDF draws it. Coordinates in points, origin top-left,
// y growing downwards; x0 < x1, y0 < y1.
struct TextBox {
  std::string text;  // UTF-8, not yet cleaned
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;  // font size in points
  bool bold = false;
  bool italic = false;
};

struct PageBoxes {
  double width = 0;
  double height = 0;
  std::vector<TextBox> boxes;
};

struct LayoutResult {
  std::vector<Paragraph> paragraphs;  // reading order; ordinal/start/end not yet assigned
  std::string title;                  // text of the title paragraph, "" if none was found
  // All page-1 lines in reading order, including removed headers and footers, cleaned: where a
  // DOI and a year are looked for.
  std::vector<std::string> front_lines;
  // Page-1 lines above the title and page-1 running headers/footers: where the journal's name
  // and the year are printed.
  std::vector<std::string> banner;
  // Papers after the first in a file that holds several (Paragraph::part 2, 3, ...): the page
  // (1-based) each starts on, the DOI printed in its front matter and its title.
  struct Part {
    int page = 1;
    std::string doi;
    std::string title;
  };
  std::vector<Part> later_parts;
};

// Rebuilds lines (sub/superscripts kept in their line), columns, reading order, paragraphs
// (continued across column and page breaks), removes running headers/footers, page numbers
// and line numbers, joins line-end hyphens, cleans the text and assigns kinds and sections.
// A later page that starts with a title-size paragraph at its top and shows, in its front matter
// (lines before the first section heading, or its header/footer), a DOI that is neither
// `known_doi` (from the file's metadata) nor page 1's nor an earlier part's starts a new part: its
// paragraphs get the next Paragraph::part and their kinds and sections start afresh. So does a page
// whose front matter shows no DOI at all when that title is new, a line of author names stands right
// under it, and the front matter has an "Abstract" or a dated "Received/Accepted" line (its Part has
// doi "").
// Never throws for any input; empty pages give no paragraphs.
LayoutResult layout_document(const std::vector<PageBoxes>& pages, const std::string& known_doi = "");

}  // namespace synthdb::pdf
