#include "extract/pdf/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "extract/core/strings.h"
#include "extract/pdf/text_clean.h"

namespace synthdb::pdf {
namespace {

enum Column { kLeft = 0, kRight = 1, kSpan = 2 };

struct Line {
  int page = 0;
  int column = kLeft;
  std::vector<const TextBox*> boxes;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0, center = 0;
  double anchor_size = 0;  // size of the box that started the line (the largest)
  double size = 0;         // dominant size, weighted by characters
  double bold = 0, italic = 0;  // fraction of characters
  std::string text;             // cleaned
  bool tabular = false;
  double max_gap = 0, median_gap = 0;
  int gaps = 0;  // word gaps (visible spaces) between boxes
  bool footnote = false;
  bool removed = false;  // running header/footer or page number
  double col_left = 0, col_right = 0;
};

double eff_size(const TextBox& b) { return b.size > 0.5 ? b.size : std::max(1.0, b.y1 - b.y0); }

size_t count_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80 && c != ' ') ++n;
  return n;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::string_view("ivxlcIVXLC").find(c) != std::string_view::npos; });
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Font sizes are keyed in half points (size histograms, line pitch per size): 9.5 and 10 stay apart,
// 9.98 joins 10.
int half_points(double size) { return static_cast<int>(std::lround(size * 2)); }

// The size that carries the most characters in a histogram of half_points() → characters (the
// smaller size on a tie); `fallback` for an empty histogram. Lines, paragraphs and the body text
// are sized so.
double dominant_size(const std::map<int, double>& chars_by_half_points, double fallback) {
  double best = -1, size = fallback;
  for (const auto& [k, w] : chars_by_half_points)
    if (w > best) {
      best = w;
      size = k / 2.0;
    }
  return size;
}

// --- text patterns -------------------------------------------------------------------------

bool starts_caption(std::string_view t) {
  static constexpr std::string_view kWords[] = {"Figure", "Fig.", "Fig", "FIGURE", "FIG.", "Table",
                                                "TABLE", "Scheme", "SCHEME", "Chart", "Supplementary Figure"};
  for (std::string_view w : kWords) {
    if (t.substr(0, w.size()) != w) continue;
    size_t i = w.size();
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size() && t[i] == 'S') ++i;  // "Figure S1"
    if (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) ||
                         (w.rfind("Table", 0) == 0 && std::string_view("IVX").find(t[i]) != std::string_view::npos))) {
      // "Fig. 2c), GDC ..." is a reference inside a sentence, not a caption label.
      size_t j = i;
      while (j < t.size() && std::isalnum(static_cast<unsigned char>(t[j]))) ++j;
      return j >= t.size() || std::string_view("),;").find(t[j]) == std::string_view::npos;
    }
  }
  return false;
}

bool starts_reference_label(std::string_view t) {
  size_t i = 0;
  bool bracket = false;
  if (i < t.size() && (t[i] == '[' || t[i] == '(')) {
    bracket = true;
    ++i;
  }
  size_t d = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == d || i - d > 3) return false;
  if (i >= t.size()) return false;
  if (bracket) return t[i] == ']' || t[i] == ')';
  return t[i] == '.' || t[i] == ')';
}

bool ends_terminal(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == ')')) t.remove_suffix(1);
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':');
}

bool starts_lower(std::string_view t) {
  return !t.empty() && (std::islower(static_cast<unsigned char>(t[0])) || std::isdigit(static_cast<unsigned char>(t[0])) ||
                        t[0] == '(' || t[0] == ',' || t[0] == ';');
}

// Strips a leading section number ("2.1." / "3 " / "IV.") and returns its depth (0 if none).
int heading_number_depth(std::string_view t) {
  size_t i = 0;
  int depth = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    ++depth;
    if (i < t.size() && t[i] == '.') ++i;
    else break;
  }
  if (depth == 0) return 0;
  if (i < t.size() && t[i] == ' ') return depth;
  return 0;
}

bool is_known_section(std::string_view t) {
  std::string s = ascii_lower(t);
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ' ')) ++i;
  s = s.substr(i);
  while (!s.empty() && (s.back() == '.' || s.back() == ':' || s.back() == ' ')) s.pop_back();
  static constexpr std::string_view kNames[] = {
      "abstract", "introduction", "background", "experimental", "experimental section",
      "experimental details", "experimental procedures", "materials and methods", "methods",
      "materials", "results", "results and discussion", "discussion", "conclusion", "conclusions",
      "summary", "acknowledgment", "acknowledgments", "acknowledgement", "acknowledgements",
      "references", "bibliography", "supporting information", "associated content",
      "author information", "notes", "notes and references", "conflicts of interest", "keywords"};
  for (std::string_view n : kNames)
    if (s == n) return true;
  return false;
}

bool is_all_caps_words(std::string_view t) {
  int letters = 0;
  for (unsigned char c : t) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) ++letters;
  }
  return letters >= 4;
}

// --- lines ---------------------------------------------------------------------------------

std::string join_boxes(const std::vector<const TextBox*>& boxes) {
  std::string out;
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (i) {
      const TextBox& a = *boxes[i - 1];
      const TextBox& b = *boxes[i];
      // Word spaces are visible gaps; sub/superscripts and kerned pieces touch their neighbours.
      // poppler's has_space_after is not used: it reports a space after every subscript.
      double gap = b.x0 - a.x1;
      if (gap > 0.12 * std::min(eff_size(a), eff_size(b))) out += ' ';
    }
    out += boxes[i]->text;
  }
  return out;
}

void finish_line(Line& l) {
  std::sort(l.boxes.begin(), l.boxes.end(), [](const TextBox* a, const TextBox* b) { return a->x0 < b->x0; });
  // Drop duplicated boxes (fake bold drawn twice with a small offset).
  std::vector<const TextBox*> kept;
  for (const TextBox* b : l.boxes) {
    if (!kept.empty()) {
      const TextBox* p = kept.back();
      if (p->text == b->text && std::abs(p->x0 - b->x0) < 0.3 * eff_size(*b) &&
          std::abs(p->y0 - b->y0) < 0.3 * eff_size(*b))
        continue;
    }
    kept.push_back(b);
  }
  l.boxes = std::move(kept);
  l.x0 = 1e9;
  l.x1 = -1e9;
  l.y0 = 1e9;
  l.y1 = -1e9;
  std::map<int, double> sizes;
  double chars = 0, bold = 0, italic = 0;
  std::vector<double> gaps;
  for (size_t i = 0; i < l.boxes.size(); ++i) {
    const TextBox* b = l.boxes[i];
    l.x0 = std::min(l.x0, b->x0);
    l.x1 = std::max(l.x1, b->x1);
    l.y0 = std::min(l.y0, b->y0);
    l.y1 = std::max(l.y1, b->y1);
    double n = static_cast<double>(std::max<size_t>(1, count_chars(b->text)));
    sizes[half_points(eff_size(*b))] += n;
    chars += n;
    if (b->bold) bold += n;
    if (b->italic) italic += n;
    if (i) {
      double g = b->x0 - l.boxes[i - 1]->x1;
      if (g > 0.12 * eff_size(*b)) gaps.push_back(g);
    }
  }
  l.size = dominant_size(sizes, l.size);
  l.bold = chars > 0 ? bold / chars : 0;
  l.italic = chars > 0 ? italic / chars : 0;
  l.text = clean_text(join_boxes(l.boxes));
  l.gaps = static_cast<int>(gaps.size());
  l.max_gap = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
  l.median_gap = median(gaps);
}

// A table row has a few wide gaps among ordinary word spaces, or wide gaps in a line that does
// not run to the margin. Justified lines stretch all their spaces alike, so a uniformly wide
// line (an underfull caption or heading line) is not a table row.
bool is_tabular(const Line& l) {
  const double em = l.size;
  if (l.gaps == 0 || l.max_gap <= 1.5 * em || starts_caption(l.text)) return false;
  bool full = l.x1 >= l.col_right - em;
  if (l.gaps >= 2 && l.max_gap > 2.5 * l.median_gap) return true;
  return !full;
}

// Groups boxes into lines by vertical position. Boxes are taken largest first so that the main
// text starts the lines and smaller sub/superscripts join the line whose centre is nearest.
std::vector<Line> cluster_lines(std::vector<const TextBox*> boxes, int page, int column) {
  std::stable_sort(boxes.begin(), boxes.end(), [](const TextBox* a, const TextBox* b) {
    double sa = eff_size(*a), sb = eff_size(*b);
    if (std::abs(sa - sb) > 0.01) return sa > sb;
    return a->y0 < b->y0;
  });
  std::vector<Line> lines;
  // Lines indexed by centre so that each box only looks at lines within reach: pages with tens
  // of thousands of boxes stay linear-logarithmic.
  std::multimap<double, size_t> by_center;
  double reach = 1.5;
  for (const TextBox* b : boxes) {
    double c = (b->y0 + b->y1) / 2;
    Line* best = nullptr;
    double best_d = 1e9;
    for (auto it = by_center.lower_bound(c - reach); it != by_center.end() && it->first <= c + reach; ++it) {
      Line& l = lines[it->second];
      double d = std::abs(c - l.center);
      if (d <= std::max(0.45 * l.anchor_size, 1.5) && d < best_d) {
        best = &l;
        best_d = d;
      }
    }
    if (!best) {
      lines.emplace_back();
      best = &lines.back();
      best->page = page;
      best->column = column;
      best->center = c;
      best->anchor_size = eff_size(*b);
      reach = std::max(reach, 0.45 * best->anchor_size);
      by_center.emplace(c, lines.size() - 1);
    }
    best->boxes.push_back(b);
  }
  for (Line& l : lines) finish_line(l);
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.center < b.center; });
  return lines;
}

// Line numbers (lineno, manuscript templates): bare numbers in a column of their own left of (or
// right of) all other text on the page.
std::vector<const TextBox*> drop_line_numbers(const PageBoxes& page) {
  double text_left = 1e9, text_right = -1e9;
  for (const TextBox& b : page.boxes) {
    if (all_digits(b.text)) continue;
    text_left = std::min(text_left, b.x0);
    text_right = std::max(text_right, b.x1);
  }
  int left_n = 0, right_n = 0;
  for (const TextBox& b : page.boxes) {
    if (!all_digits(b.text) || b.text.size() > 4) continue;
    if (b.x1 < text_left - 2) ++left_n;
    if (b.x0 > text_right + 2) ++right_n;
  }
  std::vector<const TextBox*> out;
  for (const TextBox& b : page.boxes) {
    if (b.text.empty()) continue;
    if (all_digits(b.text) && b.text.size() <= 4) {
      if (left_n >= 3 && b.x1 < text_left - 2) continue;
      if (right_n >= 3 && b.x0 > text_right + 2) continue;
    }
    out.push_back(&b);
  }
  return out;
}

struct Gutter {
  double lo = 0, hi = 0;
};

// A two-column page has a vertical strip near the middle that almost no word covers; spanning
// rows (title, abstract, wide floats) cross it but are few compared with the column lines.
std::optional<Gutter> find_gutter(const std::vector<const TextBox*>& boxes, double width, double body) {
  if (width < 100 || boxes.size() < 20) return std::nullopt;
  const int n = static_cast<int>(std::ceil(width));
  std::vector<int> count(n + 1, 0);
  double mass = 0;
  for (const TextBox* b : boxes) {
    if (eff_size(*b) > 2 * body) continue;
    int a = std::max(0, static_cast<int>(std::floor(b->x0)));
    int e = std::min(n, static_cast<int>(std::ceil(b->x1)));
    for (int x = a; x < e; ++x) ++count[x];
    mass += b->x1 - b->x0;
  }
  // Typical coverage of each half; a sparse column (a page ending in a short reference list)
  // must not hide the gutter, so the threshold follows the sparser half.
  auto typical_of = [&](int a, int e) {
    std::vector<double> nz;
    for (int x = a; x < e; ++x)
      if (count[x] > 0) nz.push_back(count[x]);
    if (nz.empty()) return 0.0;
    std::sort(nz.begin(), nz.end());
    return nz[nz.size() * 8 / 10];
  };
  double typical = std::min(typical_of(0, n / 2), typical_of(n / 2, n + 1));
  if (typical <= 0) return std::nullopt;
  double limit = 0.4 * typical;
  const int lo = static_cast<int>(0.3 * width), hi = static_cast<int>(0.7 * width);
  auto longest_run = [&](double lim, int from, int to, int& best_a, int& best_len) {
    best_a = -1;
    best_len = 0;
    for (int x = from; x < to;) {
      if (count[x] <= lim) {
        int a = x;
        while (x < to && count[x] <= lim) ++x;
        if (x - a > best_len) {
          best_len = x - a;
          best_a = a;
        }
      } else {
        ++x;
      }
    }
  };
  int best_a, best_len;
  longest_run(limit, lo, hi, best_a, best_len);
  if (best_len < 5) return std::nullopt;
  // Narrow a wide run to its emptiest part: the run may reach into a sparse column.
  int m = count[best_a];
  for (int x = best_a; x < best_a + best_len; ++x) m = std::min(m, count[x]);
  int na, nl;
  longest_run(m + 1, best_a, best_a + best_len, na, nl);
  if (nl >= 5) {
    best_a = na;
    best_len = nl;
  }
  Gutter g{static_cast<double>(best_a), static_cast<double>(best_a + best_len)};
  double left = 0, right = 0;
  for (const TextBox* b : boxes) {
    if (b->x1 <= g.lo + 1) left += b->x1 - b->x0;
    if (b->x0 >= g.hi - 1) right += b->x1 - b->x0;
  }
  if (left < 0.1 * mass || right < 0.1 * mass) return std::nullopt;
  // Text in a right column starts at one x on line after line; word gaps of justified single-
  // column text that happen to line up in a strip do not.
  // The first word of each row right of the gutter: in a real right column most rows start at
  // one of a few x positions (margin, indent, hanging indent).
  const double mid = (g.lo + g.hi) / 2;
  std::map<long, double> row_start;  // 2-pt row → leftmost x0 right of the gutter
  for (const TextBox* b : boxes) {
    if (b->x0 < mid) continue;
    long row = std::lround((b->y0 + b->y1) / 4);
    auto it = row_start.find(row);
    if (it == row_start.end()) row_start[row] = b->x0;
    else it->second = std::min(it->second, b->x0);
  }
  std::map<long, int> start_hist;
  for (auto& [row, x] : row_start) ++start_hist[std::lround(x)];
  int mode = 0;
  for (auto& [x, cnt] : start_hist) mode = std::max(mode, cnt + (start_hist.count(x + 1) ? start_hist[x + 1] : 0));
  if (mode < 3 || static_cast<double>(mode) < 0.2 * static_cast<double>(row_start.size())) return std::nullopt;
  return g;
}

// --- paragraphs ----------------------------------------------------------------------------

std::string join_paragraph(const std::vector<Line>& lines, const std::vector<int>& idx, const Vocabulary& vocab);

enum class Hint { kBody, kHeading, kCaption, kFootnote, kTable };

struct Para {
  std::vector<int> lines;  // indices into the ordered line list
  Hint hint = Hint::kBody;
  std::string text;
  double size = 0;
  double bold = 0;
  int page = 0;
};

struct Builder {
  std::vector<Line>& lines;
  double body;
  std::map<int, double> pitch;  // size*2 → typical baseline distance
  std::vector<Para> paras;
  int current = -1;    // paragraph receiving lines
  int open_body = -1;  // last body paragraph, may continue after a column/page break
  bool column_changed = false;
  bool in_references = false;
  bool indented_paragraphs = false;  // the document marks paragraph starts by an indent
  bool gapped_paragraphs = false;    // ... or by a vertical gap (parskip)
  bool current_labelled = false;     // the paragraph receiving lines starts with "[1]"/"1."
  const Vocabulary* vocab = nullptr;

  double expected_pitch(double size) const {
    auto it = pitch.find(half_points(size));
    if (it != pitch.end()) return it->second;
    return 1.2 * size;
  }

  bool breaks(const Line& a, const Line& b) const {
    if (a.page != b.page || a.column != b.column) return true;
    if (b.center <= a.center) return true;
    if (std::abs(a.size - b.size) > 0.6) return true;
    if ((a.bold >= 0.8) != (b.bold >= 0.8)) return true;
    if ((a.italic >= 0.8) != (b.italic >= 0.8)) return true;
    if (a.footnote != b.footnote || a.tabular != b.tabular) return true;
    double p = b.center - a.center;
    if (p > 1.3 * expected_pitch(std::max(a.size, b.size)) + 0.5) return true;
    const double em = b.size;
    // A caption follows a paragraph's end; a body line starting "Table 1." or "Fig. 2" after a
    // line that runs to the margin without ending a sentence continues that sentence.
    if (starts_caption(b.text) && (ends_terminal(a.text) || a.x1 < a.col_right - 2.5 * em)) return true;
    double first_word = b.boxes.empty() ? 0 : b.boxes.front()->x1 - b.boxes.front()->x0;
    // Whether line `a` left room for the next line's first word: only such a line ended early on
    // purpose; in ragged-right text a short line may just be followed by a long word.
    bool room = a.col_right - a.x1 > first_word + 0.5 * em;
    bool a_centered = a.x0 - a.col_left > 1.5 * em && a.col_right - a.x1 > 1.5 * em;
    bool ends_short = !a_centered && a.x1 < a.col_right - 2.5 * em && room && ends_terminal(a.text);
    if (in_references && !a.footnote) {
      // Unlabelled entries set flush left (no hanging indent) are told apart by their short last
      // line; inside a labelled entry ("[3] ...") only the next label starts one.
      return starts_reference_label(b.text) || b.x0 < a.x0 - 0.6 * em ||
             (ends_short && !current_labelled && !starts_lower(b.text));
    }
    // A list item's second line aligns with the text after the item's label ("1. With ..."),
    // which looks like an indent but continues the item.
    bool item_continues = a.boxes.size() >= 2 && (starts_reference_label(a.text) || a.text.rfind("\xE2\x80\xA2", 0) == 0) &&
                          std::abs(b.x0 - a.boxes[1]->x0) < 0.3 * em;
    // First line of an indented paragraph: further right than the line above and running to
    // the right margin (centred lines do not).
    // Ragged-right lines need not reach the margin: a long line starting within a few em of the
    // column edge is not centred either.
    bool not_centered = b.x1 >= b.col_right - 2 * em ||
                        (b.x0 - b.col_left < 3 * em && b.x1 - b.x0 > 0.6 * (b.col_right - b.col_left));
    if (!item_continues && b.x0 > a.x0 + 0.6 * em && b.x0 - b.col_left > 0.6 * em && not_centered) return true;
    // Last line of a paragraph: ends a sentence well before the margin.
    // Where paragraphs are told by their indent, a short line ending a sentence followed by a
    // flush line is a ragged line end, not a paragraph end.
    // Likewise where paragraphs are told by a vertical gap (parskip): the gap was tested above.
    if (ends_short && !(indented_paragraphs && b.x0 < b.col_left + 0.3 * em) && !gapped_paragraphs) return true;
    return false;
  }

  Hint hint_for(const Para& p) const {
    const Line& first = lines[p.lines.front()];
    if (starts_caption(first.text)) return Hint::kCaption;
    if (first.footnote) return Hint::kFootnote;
    int tab = 0;
    for (int i : p.lines) tab += lines[i].tabular;
    if (tab * 2 >= static_cast<int>(p.lines.size())) return Hint::kTable;
    if (p.lines.size() <= 3 && p.text.size() <= 200 && !p.text.empty() &&
        (std::isupper(static_cast<unsigned char>(p.text[0])) || std::isdigit(static_cast<unsigned char>(p.text[0])))) {
      bool known = is_known_section(p.text);
      bool styled = (p.bold >= 0.8 && p.size >= body - 0.6) ||
                    (p.size >= 1.12 * body && (heading_number_depth(p.text) > 0 || is_all_caps_words(p.text)));
      bool numbered_or_plain = p.text.back() != '.' || heading_number_depth(p.text) > 0;
      // A known name set bold in a smaller size ("Abstract" over the abstract of LaTeX's article
      // class) is a heading too.
      if ((styled && numbered_or_plain && !ends_terminal(p.text)) || (known && (p.size >= body - 0.6 || p.bold >= 0.8)))
        return Hint::kHeading;
    }
    return Hint::kBody;
  }

  void close_current() {
    if (current < 0) return;
    Para& p = paras[current];
    finalize(p);
    p.hint = hint_for(p);
    if (p.hint == Hint::kHeading) {
      in_references = classify_section(p.text) == SectionType::kReferences;
      open_body = -1;
    } else if (p.hint == Hint::kBody) {
      open_body = current;
      column_changed = false;
    }
    current = -1;
  }

  // Text of a paragraph from its lines: line-end hyphens decided, lines joined by spaces.
  void finalize(Para& p) const {
    p.text.clear();
    double chars = 0, bold = 0;
    std::map<int, double> sizes;
    for (int idx : p.lines) {
      const Line& l = lines[idx];
      double n = static_cast<double>(count_chars(l.text));
      chars += n;
      bold += n * l.bold;
      sizes[half_points(l.size)] += n;
    }
    p.size = dominant_size(sizes, p.size);
    p.bold = chars > 0 ? bold / chars : 0;
    p.page = lines[p.lines.front()].page;
    p.text = join_paragraph(lines, p.lines, *vocab);
  }

  void add(int idx) {
    Line& b = lines[idx];
    if (current >= 0) {
      const Line& a = lines[paras[current].lines.back()];
      current_labelled = starts_reference_label(lines[paras[current].lines.front()].text);
      if (!breaks(a, b)) {
        paras[current].lines.push_back(idx);
        return;
      }
      close_current();
    }
    if (open_body >= 0) {
      const Line& a = lines[paras[open_body].lines.back()];
      if (a.page != b.page || a.column != b.column) column_changed = true;
      bool labelled = starts_reference_label(lines[paras[open_body].lines.front()].text);
      if (column_changed && continues(a, b, labelled)) {
        current = open_body;
        paras[current].lines.push_back(idx);
        return;
      }
    }
    paras.emplace_back();
    paras.back().lines.push_back(idx);
    current = static_cast<int>(paras.size()) - 1;
  }

  // Whether `b`, the first line of a new block after a column or page break (possibly after
  // floats such as captions and tables), continues the open body paragraph ending with `a`.
  bool continues(const Line& a, const Line& b, bool labelled) const {
    if (b.footnote || b.tabular || starts_caption(b.text) || a.footnote) return false;
    if (std::abs(a.size - b.size) > 0.6 || (a.bold >= 0.8) != (b.bold >= 0.8)) return false;
    const double em = b.size;
    // An unlabelled entry (author-year list) that ended a column is followed by a new entry
    // unless the next line is a hanging-indent continuation or the entry had not ended.
    if (in_references)
      return !starts_reference_label(b.text) &&
             (labelled || b.x0 > b.col_left + 0.6 * em || !ends_terminal(a.text));
    // Full: up to the margin, or (ragged right) without room for the next line's first word.
    double first_word = b.boxes.empty() ? 0 : b.boxes.front()->x1 - b.boxes.front()->x0;
    bool full = a.x1 >= a.col_right - 2 * em || a.col_right - a.x1 <= first_word + 0.5 * em;
    bool indented = b.x0 > b.col_left + 0.6 * em;
    if (!full || indented) return false;
    // Where paragraphs start indented, a flush line after a full one continues even when the
    // sentence ended exactly at the column end. With parskip the gap is dropped at a column top,
    // but a paragraph's last line is rarely full, while a sentence often ends at a full line: the
    // paragraph is more likely to go on.
    return !ends_terminal(a.text) || starts_lower(b.text) || indented_paragraphs || gapped_paragraphs;
  }
};

std::string normalized_key(const std::string& text) {
  std::string k;
  for (unsigned char c : text) {
    if (std::isdigit(c)) {
      if (k.empty() || k.back() != '#') k += '#';
    } else if (c != ' ') {
      k += static_cast<char>(std::tolower(c));
    }
  }
  return k;
}

void mark_headers_footers(std::vector<std::vector<Line>>& pages, const std::vector<PageBoxes>& in, double body) {
  // Repeated at (about) the same height on several pages: running header or footer.
  std::map<std::string, std::vector<std::pair<int, double>>> seen;
  for (size_t p = 0; p < pages.size(); ++p) {
    double h = in[p].height;
    for (Line& l : pages[p]) {
      if (l.center > 0.15 * h && l.center < 0.85 * h) continue;
      seen[normalized_key(l.text)].push_back({static_cast<int>(p), l.center});
    }
  }
  for (size_t p = 0; p < pages.size(); ++p) {
    double h = in[p].height;
    for (Line& l : pages[p]) {
      bool edge = l.center < 0.12 * h || l.center > 0.88 * h;
      std::string t = l.text;
      // Bare page numbers ("117", "iv", "Page 3", "3 of 9").
      std::string k = normalized_key(t);
      if (edge && (all_digits(t) || is_roman(t) || k == "page#" || k == "#of#" || k == "page#of#")) {
        l.removed = true;
        continue;
      }
      if (l.center < 0.15 * h || l.center > 0.85 * h) {
        auto& occ = seen[k];
        int other_pages = 0;
        for (auto& [q, c] : occ)
          if (q != static_cast<int>(p) && std::abs(c - l.center) < 6) ++other_pages;
        if (other_pages >= 1 && !k.empty()) {
          l.removed = true;
          continue;
        }
      }
      // Isolated short small line in the outer 7% of a page: a running header or footer even
      // when it appears once (two-page papers, first-page variants).
      if (p > 0 && (l.center < 0.07 * h || l.center > 0.93 * h) && l.size <= body + 0.5) {
        double nearest = 1e9;
        for (const Line& o : pages[p])
          if (&o != &l && o.column == l.column) nearest = std::min(nearest, std::abs(o.center - l.center));
        int words = static_cast<int>(std::count(t.begin(), t.end(), ' ')) + 1;
        if (nearest > 2.0 * l.size && words <= 15) l.removed = true;
      }
    }
  }
  // A line removed on one side of the page takes its same-row partner with it ("Article").
  for (size_t p = 0; p < pages.size(); ++p) {
    double h = in[p].height;
    for (Line& l : pages[p]) {
      if (l.removed || (l.center > 0.07 * h && l.center < 0.93 * h) || p == 0) continue;
      // A line inside its column's text (the last line of a column set close to the page edge)
      // is no partner of a footer.
      double nearest = 1e9;
      for (const Line& o : pages[p])
        if (&o != &l && !o.removed && o.column == l.column) nearest = std::min(nearest, std::abs(o.center - l.center));
      if (nearest <= 2.0 * l.size) continue;
      for (const Line& o : pages[p])
        if (o.removed && std::abs(o.center - l.center) < 2 && l.size <= body + 0.5) l.removed = true;
    }
  }
}

std::string join_paragraph(const std::vector<Line>& lines, const std::vector<int>& idx, const Vocabulary& vocab) {
  std::string out;
  for (int i : idx) {
    const std::string& t = lines[i].text;
    if (t.empty()) continue;
    if (out.empty()) {
      out = t;
      continue;
    }
    size_t n = out.size();
    // After a non-ASCII letter ("μ-", "α-") the hyphen ties a symbol to the word: no space.
    if (out.back() == '-' && n >= 2 && static_cast<unsigned char>(out[n - 2]) >= 0x80 &&
        std::isalnum(static_cast<unsigned char>(t[0]))) {
      out += t;
      continue;
    }
    if (out.back() == '-' && n >= 2 && std::isalnum(static_cast<unsigned char>(out[n - 2]))) {
      // A suspended hyphen before a conjunction ("nano- and micron-sized", "10- or 20-fold")
      // keeps its hyphen and the word space the line break replaced.
      if (t.rfind("and ", 0) == 0 || t.rfind("or ", 0) == 0 || t.rfind("to ", 0) == 0) {
        out += ' ';
        out += t;
        continue;
      }
      // After a digit the hyphen belongs to a name or formula ("Fe0.1-support", "1-octadecene",
      // "CuFeS2-x"), and before one it is a sign or a range ("dm-" + "3"); TeX does not
      // hyphenate there.
      if (std::isdigit(static_cast<unsigned char>(out[n - 2])) || std::isdigit(static_cast<unsigned char>(t[0]))) {
        out += t;
        continue;
      }
    }
    if (out.back() == '-' && n >= 2 && std::isalpha(static_cast<unsigned char>(out[n - 2])) &&
        std::isalpha(static_cast<unsigned char>(t[0]))) {
      size_t s = out.find_last_of(' ', n - 1);
      std::string_view left(out.data() + (s == std::string::npos ? 0 : s + 1),
                            n - 1 - (s == std::string::npos ? 0 : s + 1));
      // Opening punctuation is not part of the word: "(Cd-" → "Cd".
      while (!left.empty() && !std::isalnum(static_cast<unsigned char>(left[0]))) left.remove_prefix(1);
      size_t e = 0;
      while (e < t.size() && t[e] != ' ') ++e;
      std::string_view right(t.data(), e);
      if (keep_line_end_hyphen(left, right, vocab)) {
        out += t;
      } else {
        out.pop_back();
        out += t;
      }
      continue;
    }
    // En dash or slash at a line end joins without a space ("117–" + "121", a DOI or URL broken
    // after "/").
    if ((n >= 3 && out.compare(n - 3, 3, "\xE2\x80\x93") == 0) || (out.back() == '/' && n >= 2 && out[n - 2] != ' ')) {
      out += t;
      continue;
    }
    out += ' ';
    out += t;
  }
  return out;
}

int count_words(const std::string& t) {
  int n = 0;
  bool in = false;
  for (char c : t) {
    if (c == ' ') in = false;
    else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

int count_letters(const std::string& t) {
  int n = 0;
  for (unsigned char c : t)
    if (std::isalpha(c) || c >= 0xC0) ++n;
  return n;
}

// "Sofia Marquez and Daniel Osei", "A. Kowalski,1 R. Shankar*,2 and E. Dubois": the line of author
// names under a paper's title (s25-rec). Every word is a capitalised name or initial, a name
// particle ("van", "de"), "and"/"&", or an affiliation marker (digits, *, daggers, a single lower-case
// letter); at least two names joined by a comma, "and" or "&"; no sentence (a full stop after a word
// of three or more letters), at most 40 words.
bool is_author_line(const std::string& t) {
  static const std::set<std::string_view> kParticles = {"van", "von", "de", "der", "den", "da", "di", "du",
                                                        "le", "la", "del", "dos", "das", "bin", "al", "el"};
  int names = 0, joins = 0, words = 0;
  std::string_view last;
  for (size_t i = 0; i < t.size();) {
    size_t e = t.find(' ', i);
    if (e == std::string::npos) e = t.size();
    std::string_view w(t.data() + i, e - i);
    i = e + 1;
    if (w.empty()) continue;
    if (++words > 40) return false;
    // Affiliation markers glued to a name ("Shankar*,2", "Osei1", "Okafor\u2020") and list commas.
    auto marker_tail = [](std::string_view x) {
      if (x.empty()) return size_t{0};
      const unsigned char c = static_cast<unsigned char>(x.back());
      if (std::isdigit(c) || c == ',' || c == ';' || c == '*') return size_t{1};
      if (x.size() >= 3 && (x.ends_with("\xE2\x80\xA0") || x.ends_with("\xE2\x80\xA1"))) return size_t{3};
      if (x.size() >= 2 && x.ends_with("\xC2\xA7")) return size_t{2};
      return size_t{0};
    };
    if (w.find(',') != std::string_view::npos) ++joins;
    for (size_t cut; (cut = marker_tail(w)) > 0;) w.remove_suffix(cut);
    while (!w.empty() && (w.front() == '*' || std::isdigit(static_cast<unsigned char>(w.front())))) w.remove_prefix(1);
    if (w.empty()) continue;
    last = w;
    if (w == "and" || w == "&") {
      ++joins;
      continue;
    }
    if (kParticles.count(w)) continue;
    if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'h') continue;  // superscript affiliation letter
    const unsigned char first = static_cast<unsigned char>(w[0]);
    if (!std::isupper(first) && first < 0xC0) return false;
    for (unsigned char c : w)
      if (!std::isalpha(c) && c < 0x80 && c != '-' && c != '\'' && c != '.') return false;
    ++names;
  }
  if (!last.empty() && last.back() == '.' && last.size() > 3) return false;
  return names >= 2 && joins >= 1;
}

// A front-matter line that dates the paper: "Received 3 May 2021; accepted 12 June 2021",
// "(Received: ...)", "Accepted 2 March 2020": "Received" or "Accepted", capitalised, at the start of
// the text or after "(" or "; ", with a year 19xx/20xx within 40 characters after it.
bool has_received_line(std::string_view t) {
  for (std::string_view cue : {"Received", "Accepted", "RECEIVED", "ACCEPTED"}) {
    for (size_t f = t.find(cue); f != std::string_view::npos; f = t.find(cue, f + 1)) {
      if (f > 0 && t[f - 1] != '(' && t[f - 1] != '\n' && !(f >= 2 && t[f - 1] == ' ' && (t[f - 2] == ';' || t[f - 2] == ','))) continue;
      std::string_view after = t.substr(f + cue.size(), 40);
      for (size_t k = 0; k + 4 <= after.size(); ++k) {
        if (!(after.substr(k, 2) == "19" || after.substr(k, 2) == "20")) continue;
        if (!std::isdigit(static_cast<unsigned char>(after[k + 2])) || !std::isdigit(static_cast<unsigned char>(after[k + 3]))) continue;
        if (k > 0 && std::isdigit(static_cast<unsigned char>(after[k - 1]))) continue;
        if (k + 4 < after.size() && std::isdigit(static_cast<unsigned char>(after[k + 4]))) continue;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

LayoutResult layout_document(const std::vector<PageBoxes>& pages, const std::string& known_doi) {
  LayoutResult result;
  // Body size: the font size that carries the most characters in the document.
  std::map<int, double> size_hist;
  for (const PageBoxes& p : pages)
    for (const TextBox& b : p.boxes) size_hist[half_points(eff_size(b))] += static_cast<double>(count_chars(b.text));
  const double body = dominant_size(size_hist, 10);

  // Lines per page, per column, in reading order.
  std::vector<std::vector<Line>> page_lines(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    std::vector<const TextBox*> boxes = drop_line_numbers(pages[p]);
    std::optional<Gutter> g = find_gutter(boxes, pages[p].width, body);
    std::vector<const TextBox*> parts[3];
    for (const TextBox* b : boxes) {
      if (!g) parts[kLeft].push_back(b);
      else if (b->x0 < g->lo + 1 && b->x1 > g->hi - 1 && b->x1 - b->x0 > 2) parts[kSpan].push_back(b);
      else if ((b->x0 + b->x1) / 2 < (g->lo + g->hi) / 2) parts[kLeft].push_back(b);
      else parts[kRight].push_back(b);
    }
    std::vector<Line> cols[3];
    for (int c = 0; c < 3; ++c) cols[c] = cluster_lines(parts[c], static_cast<int>(p), c);
    // A left and a right piece on the same height separated by no more than a word space are
    // one spanning row whose word gap happens to fall into the gutter (titles, abstracts);
    // column lines are separated by the whole column gap.
    if (g) {
      std::vector<Line> keep_left;
      size_t r = 0;
      std::vector<bool> used(cols[kRight].size(), false);
      for (Line& l : cols[kLeft]) {
        while (r < cols[kRight].size() && cols[kRight][r].center < l.center - 0.2 * l.size) ++r;
        bool merged = false;
        for (size_t k = r; k < cols[kRight].size() && cols[kRight][k].center <= l.center + 0.2 * l.size; ++k) {
          Line& rl = cols[kRight][k];
          if (used[k] || std::abs(rl.size - l.size) > 0.6) continue;
          double gap = rl.x0 - l.x1;
          if (gap < 0.6 * l.size) {
            Line row = std::move(l);
            row.column = kSpan;
            row.boxes.insert(row.boxes.end(), rl.boxes.begin(), rl.boxes.end());
            finish_line(row);
            cols[kSpan].push_back(std::move(row));
            used[k] = true;
            merged = true;
            break;
          }
        }
        if (!merged) keep_left.push_back(std::move(l));
      }
      cols[kLeft] = std::move(keep_left);
      std::vector<Line> keep_right;
      for (size_t k = 0; k < cols[kRight].size(); ++k)
        if (!used[k]) keep_right.push_back(std::move(cols[kRight][k]));
      cols[kRight] = std::move(keep_right);
      std::sort(cols[kSpan].begin(), cols[kSpan].end(), [](const Line& a, const Line& b) { return a.center < b.center; });
    }
    // Column pieces on the height of a spanning row belong to that row (a centred title line
    // whose first words lie left of the gutter).
    if (!cols[kSpan].empty()) {
      for (int c : {kLeft, kRight}) {
        std::vector<Line> keep;
        for (Line& l : cols[c]) {
          Line* row = nullptr;
          for (Line& s : cols[kSpan])
            if (std::abs(s.center - l.center) <= 0.45 * s.anchor_size) row = &s;
          if (row) {
            row->boxes.insert(row->boxes.end(), l.boxes.begin(), l.boxes.end());
          } else {
            keep.push_back(std::move(l));
          }
        }
        cols[c] = std::move(keep);
      }
      for (Line& s : cols[kSpan]) finish_line(s);
    }
    // Reading order: spanning rows split the page into bands; inside a band the left column is
    // read before the right one.
    std::vector<Line>& out = page_lines[p];
    size_t li = 0, ri = 0;
    auto flush_until = [&](double y) {
      while (li < cols[kLeft].size() && cols[kLeft][li].center < y) out.push_back(std::move(cols[kLeft][li++]));
      while (ri < cols[kRight].size() && cols[kRight][ri].center < y) out.push_back(std::move(cols[kRight][ri++]));
    };
    for (Line& s : cols[kSpan]) {
      flush_until(s.center);
      out.push_back(std::move(s));
    }
    flush_until(1e18);
  }

  mark_headers_footers(page_lines, pages, body);

  // Front lines for metadata: everything on page 1, including removed headers.
  if (!page_lines.empty())
    for (const Line& l : page_lines[0]) {
      result.front_lines.push_back(l.text);
      if (l.removed) result.banner.push_back(l.text);
    }

  // Header/footer lines per page: a later paper's DOI may sit in its first page's footer.
  std::vector<std::string> removed_text(page_lines.size());
  for (size_t p = 0; p < page_lines.size(); ++p)
    for (const Line& l : page_lines[p])
      if (l.removed) removed_text[p] += l.text + "\n";

  // Flatten, dropping removed lines and empty ones.
  std::vector<Line> lines;
  for (auto& pl : page_lines)
    for (Line& l : pl)
      if (!l.removed && !l.text.empty()) lines.push_back(std::move(l));

  // Column bounds per (page, column) and footnote zones.
  std::map<std::pair<int, int>, std::pair<double, double>> bounds;
  for (const Line& l : lines) {
    auto key = std::make_pair(l.page, l.column);
    auto it = bounds.find(key);
    if (it == bounds.end()) bounds[key] = {l.x0, l.x1};
    else {
      it->second.first = std::min(it->second.first, l.x0);
      it->second.second = std::max(it->second.second, l.x1);
    }
  }
  // The right edge is where several lines end: one overfull line (a long DOI or URL that could
  // not be broken) must not move the margin that "full line" and "short line" are measured from.
  {
    std::map<std::pair<int, int>, std::vector<double>> ends;
    for (const Line& l : lines) ends[{l.page, l.column}].push_back(l.x1);
    for (auto& [key, v] : ends) {
      std::sort(v.begin(), v.end(), std::greater<>());
      for (size_t i = 0; i + 2 < v.size(); ++i)
        if (v[i] - v[i + 2] <= 1.5) {
          bounds[key].second = v[i];
          break;
        }
    }
  }
  for (Line& l : lines) {
    auto& b = bounds[{l.page, l.column}];
    l.col_left = b.first;
    l.col_right = b.second;
    l.tabular = is_tabular(l);
  }
  {
    // Footnotes: a block of smaller lines at the bottom of a column, set off by a gap from the
    // plain text above it and smaller than that text. A reference list in small type under its
    // heading is not one: the line above it is a heading.
    size_t i = 0;
    while (i < lines.size()) {
      size_t j = i;
      while (j < lines.size() && lines[j].page == lines[i].page) ++j;
      const double h = pages[lines[i].page].height;
      for (int c : {kLeft, kRight, kSpan}) {
        std::vector<size_t> col;
        for (size_t k = i; k < j; ++k)
          if (lines[k].column == c) col.push_back(k);
        if (col.size() < 2) continue;
        size_t n = col.size();
        size_t top = n;  // first line of the block
        while (top > 0) {
          const Line& l = lines[col[top - 1]];
          if (l.size >= 0.92 * body || l.tabular || l.center < 0.6 * h) break;
          if (top < n) {
            const Line& below = lines[col[top]];
            if (below.center - l.center > 1.6 * std::max(l.size, below.size)) break;
          }
          --top;
        }
        if (top == n || top == 0 || n - top > 8) continue;
        const Line& first = lines[col[top]];
        const Line& above = lines[col[top - 1]];
        bool plain_above = above.bold < 0.8 && above.size <= body + 0.5 && first.size < above.size - 0.3;
        bool gap = first.center - above.center > 1.3 * above.size;
        if (!plain_above || !gap) continue;
        for (size_t k = top; k < n; ++k) lines[col[k]].footnote = true;
      }
      i = j;
    }
  }

  Vocabulary vocab;
  for (size_t i = 0; i < lines.size(); ++i) {
    // The rest of a word broken at the previous line's end ("atic" after "system-") is no word of
    // the document.
    std::string_view t = lines[i].text;
    if (i > 0 && !lines[i - 1].text.empty() && lines[i - 1].text.back() == '-') {
      size_t sp = t.find(' ');
      t = sp == std::string_view::npos ? std::string_view() : t.substr(sp + 1);
    }
    add_words(t, vocab);
  }

  Builder builder{lines, body};
  builder.vocab = &vocab;
  {
    std::map<int, std::vector<double>> pitches;
    for (size_t i = 1; i < lines.size(); ++i) {
      const Line& a = lines[i - 1];
      const Line& b = lines[i];
      if (a.page != b.page || a.column != b.column || std::abs(a.size - b.size) > 0.3) continue;
      double d = b.center - a.center;
      if (d > 0 && d < 2.5 * a.size) pitches[half_points(a.size)].push_back(d);
    }
    for (auto& [k, v] : pitches)
      if (v.size() >= 3) builder.pitch[k] = median(v);
    // Paragraph style of the document: after a line ending a sentence, does the next line of the
    // same column and size start indented (most typeset papers) or flush (block paragraphs,
    // ragged right)? Counted only where the next line is a full text line at normal pitch.
    int indented = 0, flush = 0, gapped = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
      const Line& a = lines[i - 1];
      const Line& b = lines[i];
      if (a.page != b.page || a.column != b.column || std::abs(a.size - b.size) > 0.3 || a.tabular || b.tabular) continue;
      if (a.bold >= 0.8 || b.bold >= 0.8) continue;
      const double em = b.size;
      if (!ends_terminal(a.text) || a.x0 > a.col_left + 0.3 * em || a.x1 > a.col_right - 2.5 * em) continue;
      if (b.x1 - b.x0 < 0.6 * (b.col_right - b.col_left)) continue;
      double ind = b.x0 - b.col_left;
      double pitch = b.center - a.center, normal = builder.expected_pitch(b.size);
      if (pitch > 1.3 * normal + 0.5) {
        if (pitch < 3 * normal && ind < 0.3 * em) ++gapped;
        continue;
      }
      if (ind > 0.6 * em && ind < 4 * em) ++indented;
      else if (ind < 0.3 * em) ++flush;
    }
    builder.indented_paragraphs = indented >= 3 && indented >= 2 * flush;
    builder.gapped_paragraphs = gapped >= 3 && gapped >= 2 * flush && indented < gapped;
  }
  for (size_t i = 0; i < lines.size(); ++i) builder.add(static_cast<int>(i));
  builder.close_current();
  for (Para& p : builder.paras) builder.finalize(p);

  // Title: the first paragraph on page 1 set in the largest size, if clearly above body size.
  double title_size = 0;
  for (const Para& p : builder.paras)
    if (p.page == 0 && p.hint != Hint::kTable) title_size = std::max(title_size, p.size);
  int title_idx = -1;
  if (title_size >= 1.2 * body)
    for (size_t i = 0; i < builder.paras.size(); ++i)
      if (builder.paras[i].page == 0 && std::abs(builder.paras[i].size - title_size) < 0.3 &&
          count_letters(builder.paras[i].text) >= 3) {
        title_idx = static_cast<int>(i);
        break;
      }

  // Later papers of the same file (docs/pdf.md, s22-multi). Conservative on purpose: a single
  // paper must never split, so a new part needs all of: a page whose largest paragraph is set in
  // (nearly) the title size of page 1, starts in the top 40% of the page and is preceded there
  // only by short lines (banner, header); a DOI in that page's front matter (its paragraphs up
  // to the first heading after the title, skipping reference entries, or its header/footer) that
  // is not one already seen. The DOI of a paper repeated in every footer, the same paper's
  // Supporting Information (its DOI or none) and DOIs cited in reference lists do not qualify.
  // part_title[i]: paragraph i is the title of a part > 1; part_first[i]: paragraph i is that
  // part's first paragraph on its page.
  std::vector<char> part_title(builder.paras.size(), 0), part_first(builder.paras.size(), 0);
  if (title_idx >= 0 && pages.size() > 1) {
    std::vector<std::string> seen;
    if (std::string d = find_doi(known_doi); !d.empty()) seen.push_back(ascii_lower(d));
    std::string front;
    for (const std::string& l : result.front_lines) front += l + "\n";
    if (std::string d = find_doi(front); !d.empty()) seen.push_back(ascii_lower(d));
    // Titles of the parts so far: a page repeating one (a Supporting Information headed by the
    // paper's title) starts no part without a DOI of its own.
    std::vector<std::string> seen_titles = {ascii_lower(builder.paras[static_cast<size_t>(title_idx)].text)};
    // s25-rec: a page whose front matter shows no DOI at all starts a paper when its title
    // paragraph `cand` (chosen as for a DOI) is new, not a Supporting Information, and has an author
    // line right under it (the first line of the next paragraph on the page, set smaller), and the
    // front matter (paragraphs up to the first heading after the authors, plus the page's removed
    // header/footer lines) has an "Abstract" heading or paragraph, or a "Received ... / Accepted ..."
    // line. Title and authors alone are not enough: a Supporting Information or a chapter page
    // repeats them.
    auto starts_paper_without_doi = [&](size_t b, size_t cand, const std::string& removed) {
      const Para& t = builder.paras[cand];
      const std::string lower_title = ascii_lower(t.text);
      if (lower_title.rfind("supporting information", 0) == 0 || lower_title.rfind("supplementary", 0) == 0 ||
          lower_title.rfind("electronic supplementary", 0) == 0 ||
          std::find(seen_titles.begin(), seen_titles.end(), lower_title) != seen_titles.end())
        return false;
      if (cand + 1 >= b) return false;
      const Para& authors = builder.paras[cand + 1];
      if (authors.lines.empty() || authors.size > t.size - 1 || authors.hint == Hint::kCaption ||
          authors.hint == Hint::kTable || !is_author_line(lines[static_cast<size_t>(authors.lines.front())].text))
        return false;
      bool dated = has_received_line(removed);
      bool abstract = false;
      for (size_t i = cand + 1; i < b; ++i) {
        const Para& p = builder.paras[i];
        const std::string lower = ascii_lower(p.text);
        if (lower.rfind("abstract", 0) == 0 && (lower.size() == 8 || !std::isalpha(static_cast<unsigned char>(lower[8]))))
          abstract = true;
        if (has_received_line(p.text)) dated = true;
        if (i > cand + 1 && p.hint == Hint::kHeading) break;
      }
      return abstract || dated;
    };
    size_t a = 0;
    while (a < builder.paras.size()) {
      const int pg = builder.paras[a].page;
      size_t b = a;
      while (b < builder.paras.size() && builder.paras[b].page == pg) ++b;
      if (pg > 0) {
        double top_size = 0;
        for (size_t i = a; i < b; ++i)
          if (builder.paras[i].hint != Hint::kTable) top_size = std::max(top_size, builder.paras[i].size);
        size_t cand = b;
        if (top_size >= 1.2 * body && top_size >= title_size - 0.15 * title_size)
          for (size_t i = a; i < b; ++i) {
            const Para& p = builder.paras[i];
            if (p.hint != Hint::kTable && std::abs(p.size - top_size) < 0.3 && count_letters(p.text) >= 3) {
              cand = i;
              break;
            }
            if (count_words(p.text) >= 30) break;  // body text above it: not a first page
          }
        bool ok = cand < b;
        if (ok) {
          const Para& t = builder.paras[cand];
          const int words = count_words(t.text);
          ok = words >= 3 && words <= 60 && t.hint != Hint::kCaption && !t.lines.empty() &&
               lines[t.lines.front()].center < 0.4 * pages[pg].height && heading_number_depth(t.text) == 0 &&
               !is_known_section(t.text);
        }
        if (ok) {
          std::string block = removed_text[pg];
          for (size_t i = a; i < b; ++i) {
            const Para& p = builder.paras[i];
            if (i > cand && p.hint == Hint::kHeading) break;
            if (!starts_reference_label(p.text)) block += p.text + "\n";
          }
          std::string doi = find_doi(block);
          if (!doi.empty() && std::find(seen.begin(), seen.end(), ascii_lower(doi)) == seen.end()) {
            seen.push_back(ascii_lower(doi));
            part_title[cand] = 1;
            part_first[a] = 1;
            result.later_parts.push_back({pg + 1, doi, builder.paras[cand].text});
            seen_titles.push_back(ascii_lower(builder.paras[cand].text));
          } else if (doi.empty() && starts_paper_without_doi(b, cand, removed_text[pg])) {
            // s25-rec: a later paper that prints no DOI (a proceedings file, a preprint joined to
            // a paper) still shows a title, its authors and an abstract or its dates.
            part_title[cand] = 1;
            part_first[a] = 1;
            result.later_parts.push_back({pg + 1, "", builder.paras[cand].text});
            seen_titles.push_back(ascii_lower(builder.paras[cand].text));
          }
        }
      }
      a = b;
    }
  }

  // Heading levels: by numbering depth when numbered, else by size rank among headings.
  std::vector<double> heading_sizes;
  for (const Para& p : builder.paras)
    if (p.hint == Hint::kHeading) heading_sizes.push_back(std::round(p.size * 2) / 2);
  std::sort(heading_sizes.begin(), heading_sizes.end(), std::greater<>());
  heading_sizes.erase(std::unique(heading_sizes.begin(), heading_sizes.end()), heading_sizes.end());

  std::string section, top;
  bool seen_heading = false;
  bool in_abstract = false;
  int part = 1, part_page = 0;  // the current part and its first page (0-based)
  bool before_title = false;    // on a later part's first page, above its title
  for (size_t i = 0; i < builder.paras.size(); ++i) {
    const Para& p = builder.paras[i];
    if (part_first[i]) {
      ++part;
      part_page = p.page;
      before_title = true;
      section.clear();
      top.clear();
      seen_heading = in_abstract = false;
    }
    if (part_title[i]) before_title = false;
    if (p.text.empty()) continue;
    Paragraph out;
    out.page = p.page + 1;
    out.part = part;
    out.text = p.text;
    auto type_now = [&] {
      SectionType t = classify_section(top);
      return t == SectionType::kOther ? classify_section(section) : t;
    };
    if (static_cast<int>(i) < title_idx && p.page == 0) {
      out.kind = ParagraphKind::kOther;
      result.banner.push_back(p.text);
    } else if (before_title) {
      out.kind = ParagraphKind::kOther;
    } else if (part_title[i]) {
      out.kind = ParagraphKind::kTitle;
    } else if (static_cast<int>(i) == title_idx) {
      out.kind = ParagraphKind::kTitle;
      result.title = p.text;
    } else if (p.hint == Hint::kHeading) {
      out.kind = ParagraphKind::kHeading;
      int depth = heading_number_depth(p.text);
      int level = depth;
      if (level == 0) {
        double s = std::round(p.size * 2) / 2;
        level = 1 + static_cast<int>(std::find(heading_sizes.begin(), heading_sizes.end(), s) - heading_sizes.begin());
        if (is_known_section(p.text) && ascii_lower(p.text).find("abstract") == std::string::npos) level = 1;
      }
      if (level <= 1) top = p.text;
      section = p.text;
      seen_heading = true;
      in_abstract = ascii_lower(p.text).rfind("abstract", 0) == 0;
    } else if (p.hint == Hint::kCaption) {
      out.kind = ParagraphKind::kCaption;
    } else if (p.hint == Hint::kFootnote) {
      out.kind = ParagraphKind::kFootnote;
    } else if (p.hint == Hint::kTable || count_letters(p.text) < 2) {
      out.kind = ParagraphKind::kOther;
    } else if (in_abstract || ascii_lower(p.text).rfind("abstract", 0) == 0) {
      out.kind = ParagraphKind::kAbstract;
    } else if (!seen_heading && p.page == part_page) {
      out.kind = count_words(p.text) >= 30 ? ParagraphKind::kAbstract : ParagraphKind::kOther;
    } else if (type_now() == SectionType::kReferences) {
      out.kind = ParagraphKind::kReference;
    } else {
      out.kind = ParagraphKind::kBody;
    }
    if (out.kind == ParagraphKind::kTitle || (out.kind == ParagraphKind::kOther && !seen_heading)) {
      out.section.clear();
      out.section_type = SectionType::kOther;
    } else {
      out.section = section;
      out.section_type = type_now();
    }
    result.paragraphs.push_back(std::move(out));
  }
  return result;
}

}  // namespace synthdb::pdf
