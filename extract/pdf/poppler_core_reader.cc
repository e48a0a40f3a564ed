// PDF words through Poppler's own TextOutputDev (libpoppler-private-dev): the default front end
// (see pdf_source.h). It lays the page out exactly as poppler-cpp's page::text_list does (same
// TextOutputDev settings, same displayPageSlice call) and reads each word's UTF-8 text, box, font
// size and font name directly, without the UTF-16 strings and per-glyph boxes poppler-cpp builds.
// Poppler's internal API changes between releases; this file is compiled only against the
// Poppler the build found (CMake checks the headers), and the poppler-cpp reader stays the fallback.

#include <climits>
#include <cstdint>
#include <ctime>
#include <memory>

#include <DateInfo.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <goo/GooString.h>
#include <PDFDoc.h>
#include <PDFDocEncoding.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include "extract/pdf/pdf_source.h"

namespace synthdb::pdf {
namespace {

// A PDF text string (document information entries): UTF-16BE after a byte-order mark, UTF-8
// after its BOM (PDF 2.0), PDFDocEncoding otherwise. Unpaired surrogates become U+FFFD.
std::string text_string(const GooString* g) {
  if (!g) return "";
  const std::string& b = g->toStr();
  std::string s;
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
    for (size_t i = 2; i + 1 < b.size(); i += 2) {
      uint32_t c = (static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]);
      if (c >= 0xD800 && c <= 0xDBFF && i + 3 < b.size()) {
        uint32_t lo = (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        } else {
          c = 0xFFFD;
        }
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        c = 0xFFFD;
      }
      append_utf8(s, c);
    }
    return s;
  }
  if (b.size() >= 3 && b.compare(0, 3, "\xEF\xBB\xBF") == 0) return b.substr(3);
  for (unsigned char c : b) append_utf8(s, pdfDocEncoding[c]);
  return s;
}

// The XMP packet is UTF-8 by the XMP specification; NULs are dropped.
std::string xmp_string(const GooString* g) {
  if (!g) return "";
  std::string s = g->toStr();
  std::erase(s, '\0');
  return s;
}

void silent(ErrorCategory, Goffset, const char*) {}

}  // namespace

PdfSource read_with_poppler_core(const std::filesystem::path& path, const std::string& data, const Options& options) {
  // Shares Poppler's reference-counted global state with poppler-cpp; the first one to start sets
  // the error callback, and ours drops syntax warnings (the CLI owns stderr).
  static GlobalParamsIniter poppler_globals(silent);
  if (data.size() > static_cast<size_t>(INT_MAX)) fail(path, "damaged PDF (file too large)");
  // MemStream reads `data` in place; the PDFDoc owns the stream and dies before `data`.
  auto* stream = new MemStream(data.data(), 0, static_cast<Goffset>(data.size()), Object(objNull));
  PDFDoc doc(stream);
  if (!doc.isOk()) {
    if (doc.getErrorCode() == errEncrypted || data.find("/Encrypt") != std::string::npos)
      fail(path, "encrypted (password required)");
    fail(path, "damaged PDF");
  }
  const int n = doc.getNumPages();
  check_page_count(path, n, options);

  PdfSource src;
  src.pages.reserve(n);
  for (int i = 1; i <= n; ++i) {
    PageBoxes pb;
    Page* page = doc.getPage(i);
    if (!page) {
      src.pages.push_back(std::move(pb));
      continue;
    }
    const PDFRectangle* crop = page->getCropBox();
    pb.width = crop->x2 - crop->x1;
    pb.height = crop->y2 - crop->y1;
    // The settings poppler-cpp's text_list uses, so that both front ends see the same words.
    TextOutputDev out(nullptr, false, 0, false, false);
    doc.displayPageSlice(&out, i, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr, nullptr, nullptr,
                         true);
    std::unique_ptr<TextWordList> words = out.makeWordList();
    const int count = words ? words->getLength() : 0;
    pb.boxes.reserve(count);
    for (int w = 0; w < count; ++w) {
      const TextWord* word = words->get(w);
      if (word->getRotation() != 0) continue;
      TextBox t;
      std::unique_ptr<GooString> text(word->getText());
      t.text = xmp_string(text.get());  // UTF-8 already; only NULs to drop
      word->getBBox(&t.x0, &t.y0, &t.x1, &t.y1);
      t.size = word->getFontSize();
      if (const TextFontInfo* font = word->getLength() > 0 ? word->getFontInfo(0) : nullptr) {
        if (const GooString* name = font->getFontName()) {
          t.bold = font_is_bold(name->toStr());
          t.italic = font_is_italic(name->toStr());
        }
      }
      if (usable_box(t)) pb.boxes.push_back(std::move(t));
    }
    src.pages.push_back(std::move(pb));
  }
  if (std::unique_ptr<GooString> date = doc.getDocInfoCreatDate()) {
    if (time_t t = dateStringToTime(date.get()); t > 0) {
      std::tm tm{};
      if (gmtime_r(&t, &tm)) src.creation_year = tm.tm_year + 1900;
    }
  }
  std::unique_ptr<GooString> xmp = doc.readMetadata();
  src.xmp = xmp_string(xmp.get());
  std::unique_ptr<GooString> title = doc.getDocInfoTitle();
  src.info_title = text_string(title.get());
  std::unique_ptr<GooString> subject = doc.getDocInfoSubject();
  src.info_subject = text_string(subject.get());
  return src;
}

}  // namespace synthdb::pdf
