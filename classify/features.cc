#include "classify/features.h"

#include <cstring>

#include "extract/core/document.h"

namespace synthdb::classify {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Multi-byte sequences that are separators (dashes, minus, non-breaking and thin spaces): PDF text
// uses them interchangeably with ASCII '-' and ' ', and a token should not depend on which.
constexpr std::string_view kSeparators[] = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                                            "\u2212", "\u00a0", "\u2009", "\u202f", "\u200b"};

size_t separator_at(std::string_view s, size_t i) {
  for (std::string_view sep : kSeparators)
    if (s.compare(i, sep.size(), sep) == 0) return sep.size();
  return 0;
}

// Appends the normalised form of one raw word token.
void push_word(std::string_view raw, std::vector<std::string>& out) {
  std::string w;
  w.reserve(raw.size());
  bool all_digits = true;
  bool prev_digit = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= '0' && c <= '9') {
      if (!prev_digit) w += '0';
      prev_digit = true;
      continue;
    }
    prev_digit = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    // Micro sign U+00B5 and Greek mu U+03BC both appear as the SI prefix.
    if (c == 0xCE && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xBC) {
      w += "\u00b5";
      ++i;
      all_digits = false;
      continue;
    }
    if (c != '.' && c != ',') all_digits = false;
    w += static_cast<char>(c);
  }
  if (all_digits) {
    out.emplace_back("0");
    return;
  }
  if (w == "degc") w = "\u00b0c";
  out.push_back(std::move(w));
}

void tokenize(std::string_view text, std::vector<std::string>& out, size_t max_tokens) {
  const size_t limit = out.size() + max_tokens;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n && out.size() < limit) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (size_t k = separator_at(text, i)) {
        i += k;
        continue;
      }
    }
    if (is_ascii_alnum(c) || c >= 0x80) {
      size_t j = i;
      // A word: letters, digits, UTF-8 continuation and non-separator multi-byte characters, plus
      // '.' or ',' between two digits ("0.25", "10,000").
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(text[j]);
        if (is_ascii_alnum(d)) {
          ++j;
        } else if (d >= 0x80) {
          if (separator_at(text, j)) break;
          ++j;
        } else if ((d == '.' || d == ',') && j > i && j + 1 < n && text[j - 1] >= '0' &&
                   text[j - 1] <= '9' && text[j + 1] >= '0' && text[j + 1] <= '9') {
          ++j;
        } else {
          break;
        }
      }
      // Split a leading number from letters that follow it without a space ("10mL", "120°C").
      size_t k = i;
      while (k < j && ((text[k] >= '0' && text[k] <= '9') || text[k] == '.' || text[k] == ',')) ++k;
      if (k > i && k < j && !(text[k] >= '0' && text[k] <= '9')) {
        out.emplace_back("0");
        if (out.size() < limit) push_word(text.substr(k, j - k), out);
      } else {
        push_word(text.substr(i, j - i), out);
      }
      i = j;
      continue;
    }
    // ASCII punctuation: one token per character, except joiners and quotes that carry no signal.
    if (c > ' ' && c != '-' && c != '\'' && c != '"' && c != '*' && c != '`' && c != '_')
      out.emplace_back(1, static_cast<char>(c));
    ++i;
  }
}

}  // namespace

int label_index(std::string_view label) {
  for (int i = 0; i < kNumLabels; ++i)
    if (label == kLabels[i]) return i;
  return -1;
}

std::vector<std::string> feature_tokens(std::string_view text, std::string_view section,
                                        std::string_view kind) {
  std::vector<std::string> out;
  if (!section.empty()) {
    out.push_back("__sec_" + std::string(to_string(classify_section(section))));
    std::vector<std::string> words;
    tokenize(section, words, 16);
    int used = 0;
    for (const std::string& w : words) {
      if (w.size() < 3 || w == "0") continue;  // "2.", "of", numbering
      out.push_back("__h_" + w);
      if (++used == 4) break;
    }
  }
  if (!kind.empty()) {
    std::string k = "__kind_";
    for (char c : kind)
      if (is_ascii_alnum(static_cast<unsigned char>(c))) k += c;
    out.push_back(std::move(k));
  }
  tokenize(text, out, kMaxTokens);
  return out;
}

std::string feature_string(std::string_view text, std::string_view section, std::string_view kind) {
  std::string s;
  for (const std::string& t : feature_tokens(text, section, kind)) {
    if (!s.empty()) s += ' ';
    s += t;
  }
  return s;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace synthdb::classify
