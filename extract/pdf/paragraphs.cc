#include "extract/pdf/paragraphs.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>

#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/core/strings.h"
#include "extract/pdf/layout.h"
#include "extract/pdf/pdf_source.h"
#include "extract/pdf/text_clean.h"

namespace synthdb::pdf {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason) {
  throw PdfError(path.string() + ": " + reason);
}

void check_page_count(const std::filesystem::path& path, int pages, const Options& options) {
  if (pages <= 0) fail(path, "damaged PDF (no pages)");
  if (pages > options.max_pages)
    fail(path, "too many pages (" + std::to_string(pages) + " > " + std::to_string(options.max_pages) + ")");
}

bool font_is_bold(std::string_view name) {
  static constexpr std::string_view kBold[] = {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", "Demi", "CMBX",
                                               "-BX", "Medi"};
  return std::any_of(std::begin(kBold), std::end(kBold), [&](std::string_view k) { return name.find(k) != std::string::npos; });
}

bool font_is_italic(std::string_view name) {
  static constexpr std::string_view kItalic[] = {"Italic", "italic", "Oblique", "CMTI", "CMSL", "-It"};
  return std::any_of(std::begin(kItalic), std::end(kItalic),
                     [&](std::string_view k) { return name.find(k) != std::string::npos; });
}

bool usable_box(TextBox& t) {
  if (t.text.empty()) return false;
  if (!(t.x1 >= t.x0) || !(t.y1 >= t.y0) || !std::isfinite(t.x0) || !std::isfinite(t.y0)) return false;
  if (!std::isfinite(t.size) || t.size < 0 || t.size > 500) t.size = 0;
  return true;
}

namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot be opened");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) fail(path, "cannot be read");
  return data;
}

// Returns the offset of the first invalid UTF-8 sequence, or npos.
size_t invalid_utf8_at(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    if (n == 2 && c < 0xC2) return i;  // overlong
    i += n;
  }
  return std::string::npos;
}

bool looks_binary_or_markup(std::string_view s) {
  std::string_view head = s.substr(0, 1024);
  if (head.find('\0') != std::string_view::npos) return true;
  size_t i = 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  const std::string start = ascii_lower(head.substr(i, 14));
  return start.rfind("<!doctype", 0) == 0 || start.rfind("<html", 0) == 0 || start.rfind("<?xml", 0) == 0 ||
         start.rfind("{\\rtf", 0) == 0;
}

// --- metadata ------------------------------------------------------------------------------

std::optional<int> find_year(const std::string& text) {
  static const std::regex kYear(R"((?:^|[^0-9])((?:19[5-9]|20[0-9])[0-9])(?:[^0-9]|$))");
  std::smatch m;
  if (std::regex_search(text, m, kYear)) return std::stoi(m[1]);
  return std::nullopt;
}

// <prism:doi>10.x/y</prism:doi>, <dc:title><rdf:Alt><rdf:li>..</rdf:li></rdf:Alt></dc:title> or the
// attribute form prism:doi="...". Plain string search: XMP comes from the file and may be huge or
// malformed, which a backtracking regex would not survive.
std::string xmp_field(const std::string& xmp, const std::string& tag) {
  size_t open = xmp.find("<" + tag);
  if (open != std::string::npos) {
    size_t start = xmp.find('>', open);
    size_t close = start == std::string::npos ? start : xmp.find("</" + tag + ">", start);
    if (close != std::string::npos && close - start < 4096) {
      std::string v = xmp.substr(start + 1, close - start - 1);
      size_t li = v.find("<rdf:li");
      if (li != std::string::npos) {
        size_t s = v.find('>', li);
        size_t e = s == std::string::npos ? s : v.find("</rdf:li>", s);
        if (e != std::string::npos) v = v.substr(s + 1, e - s - 1);
      }
      if (v.find('<') == std::string::npos) return clean_text(v);
    }
  }
  size_t attr = xmp.find(tag + "=\"");
  if (attr != std::string::npos) {
    size_t s = attr + tag.size() + 2;
    size_t e = xmp.find('"', s);
    if (e != std::string::npos && e - s < 4096) return clean_text(xmp.substr(s, e - s));
  }
  return "";
}

// A journal name is the leading run of words before the year/volume on a header line
// ("Journal of Colloidal Nanocrystal Synthesis 2024, 12, 117–121").
std::string journal_from_line(const std::string& line) {
  std::string s = line;
  size_t cut = s.size();
  for (size_t i = 0; i < s.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '|' || s[i] == ',') {
      cut = i;
      break;
    }
  s = s.substr(0, cut);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '(')) s.pop_back();
  int letters = 0, words = 1;
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
    if (c == ' ') ++words;
  }
  if (letters < 6 || words < 2 || words > 10) return "";
  static const std::regex kNot(R"(\b(doi|https?|www|received|accepted|published|article|open access|copyright|licen[cs]e[ds]?)\b)",
                               std::regex::icase);
  if (std::regex_search(s, kNot)) return "";
  if (!std::isupper(static_cast<unsigned char>(s[0]))) return "";
  return s;
}

bool plausible_title(const std::string& t) {
  if (t.size() < 10) return false;
  static const std::regex kJunk(R"((^untitled|\.(pdf|docx?|tex|dvi)$|^microsoft word|^slide|^\S+$))", std::regex::icase);
  return !std::regex_search(t, kJunk);
}

// The DOI the file's metadata (XMP, then the info dictionary's Subject) names, "" when none.
std::string metadata_doi(const std::string& xmp, const std::string& info_subject) {
  std::string doi = find_doi(xmp_field(xmp, "prism:doi"));
  if (doi.empty()) doi = find_doi(xmp_field(xmp, "dc:identifier"));
  if (doi.empty()) doi = find_doi(info_subject);
  return doi;
}

void fill_meta(Document& doc, const LayoutResult& layout, const std::string& info_title, const std::string& info_subject,
               const std::string& xmp, std::optional<int> creation_year) {
  DocumentMeta& m = doc.meta;
  m.title = !layout.title.empty() ? layout.title : "";
  if (m.title.empty()) {
    std::string x = xmp_field(xmp, "dc:title");
    if (plausible_title(x)) m.title = x;
    else if (plausible_title(info_title)) m.title = clean_text(info_title);
  }

  m.doi = metadata_doi(xmp, info_subject);
  std::string front;
  for (const std::string& l : layout.front_lines) front += l + "\n";
  if (m.doi.empty()) m.doi = find_doi(front);
  if (m.doi.empty()) {
    // Anywhere before the references (a DOI in the reference list is someone else's).
    std::string before_refs;
    for (const Paragraph& p : layout.paragraphs) {
      if (p.kind == ParagraphKind::kReference) break;
      before_refs += p.text + "\n";
    }
    m.doi = find_doi(before_refs);
  }

  m.journal = xmp_field(xmp, "prism:publicationName");
  if (m.journal.empty() && !info_subject.empty()) m.journal = journal_from_line(clean_text(info_subject));
  // Page-1 lines above the title and running headers: the journal's banner.
  const std::vector<std::string>& banner = layout.banner;
  if (m.journal.empty())
    for (const std::string& l : banner)
      if (std::string j = journal_from_line(l); !j.empty() && m.title.rfind(j, 0) != 0) {
        m.journal = j;
        break;
      }

  std::string cover = xmp_field(xmp, "prism:coverDate");
  if (cover.empty()) cover = xmp_field(xmp, "prism:publicationDate");
  m.year = find_year(cover);
  if (!m.year) m.year = find_year(info_subject);
  if (!m.year)
    for (const std::string& l : banner)
      if ((m.year = find_year(l))) break;
  if (!m.year) {
    static const std::regex kDated(R"((?:received|accepted|published|©|\(c\)|copyright)[^\n]{0,40}?((?:19[5-9]|20[0-9])[0-9]))",
                                   std::regex::icase);
    std::smatch mm;
    if (std::regex_search(front, mm, kDated)) m.year = std::stoi(mm[1]);
  }
  if (!m.year) m.year = creation_year;

  m.parts = {{1, 1, m.doi, m.title}};
  for (const LayoutResult::Part& p : layout.later_parts)
    m.parts.push_back({static_cast<int>(m.parts.size()) + 1, p.page, p.doi, p.title});
}

// --- readers -------------------------------------------------------------------------------

Document read_pdf(const std::filesystem::path& path, const std::string& data, const Options& options) {
#ifdef SYNTHDB_HAVE_POPPLER_CORE
  PdfSource src = options.reader == Reader::kPopplerCpp ? read_with_poppler_cpp(path, data, options)
                                                        : read_with_poppler_core(path, data, options);
#else
  PdfSource src = read_with_poppler_cpp(path, data, options);
#endif
  size_t boxes = 0;
  for (const PageBoxes& p : src.pages) boxes += p.boxes.size();
  if (boxes == 0) fail(path, "no text layer (scanned image?)");

  LayoutResult layout = layout_document(src.pages, metadata_doi(src.xmp, src.info_subject));
  Document doc;
  doc.format = "pdf";
  doc.meta.pages = static_cast<int>(src.pages.size());
  fill_meta(doc, layout, src.info_title, src.info_subject, src.xmp, src.creation_year);
  doc.paragraphs = std::move(layout.paragraphs);
  if (doc.paragraphs.empty()) fail(path, "no text layer (scanned image?)");
  return doc;
}

// .txt: paragraphs separated by blank lines. Kinds come from the text alone: a short first
// paragraph is the title, short lines without a final full stop are headings.
Document read_txt(const std::filesystem::path& path, const std::string& data) {
  if (size_t bad = invalid_utf8_at(data); bad != std::string::npos)
    fail(path, "invalid UTF-8 at byte " + std::to_string(bad));
  Document doc;
  doc.format = "txt";
  doc.meta.pages = 1;
  std::vector<std::vector<std::string>> blocks;
  std::vector<std::string> cur;
  size_t i = 0;
  std::string_view all(data);
  if (all.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i <= all.size()) {
    size_t e = all.find('\n', i);
    if (e == std::string_view::npos) e = all.size();
    std::string line = clean_text(all.substr(i, e - i));
    if (line.empty()) {
      if (!cur.empty()) blocks.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(std::move(line));
    }
    i = e + 1;
  }
  if (!cur.empty()) blocks.push_back(std::move(cur));

  Vocabulary vocab;
  for (auto& b : blocks)
    for (auto& l : b) add_words(l, vocab);
  std::string section, top;
  bool seen_heading = false, in_abstract = false;
  for (size_t k = 0; k < blocks.size(); ++k) {
    std::string text;
    for (const std::string& l : blocks[k]) {
      if (text.empty()) {
        text = l;
      } else if (text.back() == '-' && text.size() >= 2 && std::isalpha(static_cast<unsigned char>(text[text.size() - 2])) &&
                 std::isalpha(static_cast<unsigned char>(l[0]))) {
        std::string_view left = last_word(text);
        left.remove_suffix(1);  // the hyphen
        std::string_view right(l.data(), std::min(l.find(' '), l.size()));
        if (!keep_line_end_hyphen(left, right, vocab)) text.pop_back();
        text += l;
      } else {
        text += ' ';
        text += l;
      }
    }
    Paragraph p;
    p.page = 1;
    p.text = text;
    static const std::regex kCaption(R"(^(Figure|Fig\.|Table|Scheme)\s*S?\d+)");
    static const std::regex kMetaLine(R"((doi|https?://|www\.|@|received|accepted|keywords))", std::regex::icase);
    const bool short_line = blocks[k].size() == 1 && text.size() <= 120 && text.back() != '.' && text.back() != ':' &&
                            (std::isupper(static_cast<unsigned char>(text[0])) || std::isdigit(static_cast<unsigned char>(text[0])));
    auto type_now = [&] {
      SectionType t = classify_section(top);
      return t == SectionType::kOther ? classify_section(section) : t;
    };
    if (k == 0 && text.size() <= 300 && text.back() != '.') {
      p.kind = ParagraphKind::kTitle;
      doc.meta.title = text;
    } else if (std::regex_search(text, kCaption)) {
      p.kind = ParagraphKind::kCaption;
    } else if (short_line && !std::regex_search(text, kMetaLine)) {
      p.kind = ParagraphKind::kHeading;
      section = text;
      if (text.find('.') == std::string::npos || text.find('.') > text.find(' ') || text.find(' ') == std::string::npos)
        top = text;  // not a numbered subsection ("2.1 ...")
      in_abstract = classify_section(text) == SectionType::kOther && text.find("bstract") != std::string::npos;
      if (in_abstract) top.clear();
      seen_heading = true;
    } else if (in_abstract) {
      p.kind = ParagraphKind::kAbstract;
    } else if (!seen_heading) {
      p.kind = text.size() > 200 ? ParagraphKind::kAbstract : ParagraphKind::kOther;
    } else if (type_now() == SectionType::kReferences) {
      p.kind = ParagraphKind::kReference;
    } else {
      p.kind = ParagraphKind::kBody;
    }
    if (p.kind != ParagraphKind::kTitle && seen_heading) {
      p.section = section;
      p.section_type = type_now();
    }
    doc.paragraphs.push_back(std::move(p));
  }
  if (doc.paragraphs.empty()) fail(path, "empty file");
  std::string front;
  for (size_t k = 0; k < std::min<size_t>(doc.paragraphs.size(), 8); ++k) front += doc.paragraphs[k].text + "\n";
  doc.meta.doi = find_doi(front);
  static const std::regex kDated(R"((?:received|accepted|published|©|copyright)[^\n]{0,40}?((?:19[5-9]|20[0-9])[0-9]))",
                                 std::regex::icase);
  std::smatch mm;
  if (std::regex_search(front, mm, kDated)) doc.meta.year = std::stoi(mm[1]);
  doc.meta.parts = {{1, 1, doc.meta.doi, doc.meta.title}};
  return doc;
}

}  // namespace

Document read_document(const std::filesystem::path& path, const Options& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) fail(path, "not a regular file");
  std::string data = read_bytes(path);
  if (data.empty()) fail(path, "empty file");
  Document doc;
  const bool pdf_magic = std::string_view(data).substr(0, 1024).find("%PDF-") != std::string_view::npos;
  if (pdf_magic) {
    doc = read_pdf(path, data, options);
  } else {
    const std::string ext = ascii_lower(path.extension().string());
    // A file named .pdf without the PDF header is a failed download or an HTML error page,
    // never a paper in plain text.
    if (ext == ".pdf" || looks_binary_or_markup(data)) fail(path, "not a PDF or text file");
    doc = read_txt(path, data);
  }
  doc.path = path.string();
  if (options.hash) doc.sha256 = sha256_hex(data);
  doc.assign_offsets();
  return doc;
}

std::string version() { return "pdf-6"; }

bool has_poppler_core() {
#ifdef SYNTHDB_HAVE_POPPLER_CORE
  return true;
#else
  return false;
#endif
}

}  // namespace synthdb::pdf
