// PDF words through poppler-cpp's page::text_list: the reference front end (see pdf_source.h).

#include <climits>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "extract/pdf/pdf_source.h"

namespace synthdb::pdf {
namespace {

// UTF-16 (poppler's ustring) to UTF-8 by hand: ustring::to_utf8 opens an iconv converter on every
// call, which costs more than the rest of the per-word work together. Unpaired surrogates
// become U+FFFD.
std::string to_std(const poppler::ustring& u) {
  std::string s;
  s.reserve(u.size());
  for (size_t i = 0; i < u.size(); ++i) {
    uint32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < u.size() && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    append_utf8(s, c);
  }
  return s;
}

// Poppler prints syntax warnings to stderr unless a handler is installed; the library must stay
// silent (the CLI owns stderr), so the handler drops them.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace

void append_utf8(std::string& s, uint32_t c) {
  if (c == 0) return;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
}

PdfSource read_with_poppler_cpp(const std::filesystem::path& path, const std::string& data, const Options& options) {
  quiet_poppler();
  if (data.size() > static_cast<size_t>(INT_MAX)) fail(path, "damaged PDF (file too large)");
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!pdf) {
    // Poppler gives no reason; an /Encrypt dictionary that it could not open means a password.
    if (data.find("/Encrypt") != std::string::npos) fail(path, "encrypted (password required)");
    fail(path, "damaged PDF");
  }
  if (pdf->is_locked()) fail(path, "encrypted (password required)");
  const int n = pdf->pages();
  check_page_count(path, n, options);

  PdfSource src;
  src.pages.reserve(n);
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    PageBoxes pb;
    if (!page) {
      src.pages.push_back(std::move(pb));
      continue;
    }
    poppler::rectf r = page->page_rect();
    pb.width = r.width();
    pb.height = r.height();
    for (poppler::text_box& b : page->text_list(poppler::page::text_list_include_font)) {
      if (b.rotation() != 0) continue;
      poppler::rectf bb = b.bbox();
      TextBox t;
      t.text = to_std(b.text());
      t.x0 = bb.x();
      t.y0 = bb.y();
      t.x1 = bb.x() + bb.width();
      t.y1 = bb.y() + bb.height();
      t.size = b.has_font_info() ? b.get_font_size() : 0;
      if (b.has_font_info()) {
        std::string font = b.get_font_name();
        t.bold = font_is_bold(font);
        t.italic = font_is_italic(font);
      }
      if (usable_box(t)) pb.boxes.push_back(std::move(t));
    }
    src.pages.push_back(std::move(pb));
  }
  if (time_t t = pdf->get_creation_date_t(); t > 0) {
    std::tm tm{};
    if (gmtime_r(&t, &tm)) src.creation_year = tm.tm_year + 1900;
  }
  src.xmp = to_std(pdf->metadata());
  src.info_title = to_std(pdf->get_title());
  src.info_subject = to_std(pdf->get_subject());
  return src;
}

}  // namespace synthdb::pdf
