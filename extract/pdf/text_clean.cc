#include "extract/pdf/text_clean.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "extract/core/strings.h"
#include "extract/pdf/pdf_source.h"

namespace synthdb::pdf {
namespace {

bool is_ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }

bool needs_nfkc(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

// Degree look-alikes that fonts and converters produce in place of U+00B0.
bool is_degree_like(UChar32 c) { return c == 0x25E6 || c == 0x2218 || c == 0x02DA || c == 0x00BA; }

// Full-width brackets (CJK typesetting) carry their own space: NFKC makes them ASCII brackets
// glued to the word ("CdO\uFF080.2 mmol\uFF09was" -> "CdO(0.2 mmol)was"), so a space goes before
// the opening one and after the closing one when a word follows (review 16a).
std::string spaced_full_width_brackets(std::string_view text) {
  constexpr std::string_view kOpen = "\xEF\xBC\x88", kClose = "\xEF\xBC\x89";
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == kOpen) out += ' ';
    out += text[i];
    if (i >= 2 && text.substr(i - 2, 3) == kClose && i + 1 < text.size() &&
        std::isalnum(static_cast<unsigned char>(text[i + 1])))
      out += ' ';
  }
  return out;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string spaced;
  if (text.find("\xEF\xBC\x88") != std::string_view::npos || text.find("\xEF\xBC\x89") != std::string_view::npos) {
    spaced = spaced_full_width_brackets(text);
    text = spaced;
  }
  std::vector<UChar32> cps;
  cps.reserve(text.size());
  if (needs_nfkc(text)) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (U_SUCCESS(status)) {
      icu::UnicodeString n = nfkc->normalize(u, status);
      if (U_SUCCESS(status)) u = n;
    }
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      cps.push_back(c);
      i += U16_LENGTH(c);
    }
  } else {
    for (unsigned char c : text) cps.push_back(c);
  }

  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto last_cp = [&]() -> UChar32 {
    // Only ASCII matters to the callers below.
    return out.empty() ? 0 : static_cast<unsigned char>(out.back());
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 c = cps[i];
    UChar32 next = i + 1 < cps.size() ? cps[i + 1] : 0;
    // Removed outright: soft hyphen, zero-width space/joiners, BOM, bidi marks.
    if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
        c == 0xFEFF || c == 0x200E || c == 0x200F)
      continue;
    if (c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR ||
        c == 0xFFFD) {
      pending_space = !out.empty();
      continue;
    }
    if (c == 0x2212 || c == 0x2010 || c == 0x2011 || c == 0xFE63 || c == 0xFF0D) c = '-';
    if (is_degree_like(c) && (next == 'C' || next == 'F')) c = 0x00B0;
    // "120 oC": a superscript letter o used as a degree sign.
    if (c == 'o' && next == 'C' && (i + 2 >= cps.size() || !u_isalnum(cps[i + 2]))) {
      UChar32 before = pending_space ? (i >= 2 ? cps[i - 2] : 0) : last_cp();
      if (is_ascii_digit(before)) c = 0x00B0;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    append_utf8(out, static_cast<uint32_t>(c));  // never NUL here: a control character, skipped above
  }
  return out;
}

// First DOI ("10.NNNN/suffix") in `text`. A hand-written scan rather than std::regex: it runs over
// whole documents, where libstdc++'s regex is slow and recursive.
std::string find_doi(const std::string& text) {
  auto allowed = [](unsigned char c) {
    return std::isalnum(c) || std::string_view("-._;()/:<>").find(static_cast<char>(c)) != std::string_view::npos;
  };
  for (size_t pos = text.find("10."); pos != std::string::npos; pos = text.find("10.", pos + 1)) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(text[pos - 1]))) continue;
    size_t i = pos + 3, digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
    if (digits < 4 || digits > 9 || i >= text.size() || text[i] != '/') continue;
    size_t e = i + 1;
    while (e < text.size() && e - i <= 200 && allowed(static_cast<unsigned char>(text[e]))) ++e;
    if (e == i + 1) continue;
    std::string d = text.substr(pos, e - pos);
    // Trailing punctuation belongs to the sentence; an unbalanced ')' to the surrounding text.
    while (!d.empty()) {
      char c = d.back();
      if (c == '.' || c == ',' || c == ';' || c == ':') d.pop_back();
      else if (c == ')' && std::count(d.begin(), d.end(), '(') < std::count(d.begin(), d.end(), ')')) d.pop_back();
      else break;
    }
    return d;
  }
  return "";
}

}  // namespace synthdb::pdf
