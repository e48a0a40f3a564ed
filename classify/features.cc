#include "classify/features.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "extract/core/document.h"

namespace synthdb::classify {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Multi-byte sequences that are separators (dashes, minus, non-breaking and thin spaces): PDF text
// uses them interchangeably with ASCII '-' and ' ', and a token should not depend on which.
// U+00A0; U+2009, U+200B, U+2010..U+2014, U+202F; U+2212. Returns the sequence length or 0.
// Written as byte tests because it runs for every non-ASCII byte of every paragraph.
inline size_t separator_at(std::string_view s, size_t i) {
  const auto c0 = static_cast<unsigned char>(s[i]);
  if (c0 == 0xC2) return i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0 ? 2 : 0;
  if (c0 != 0xE2 || i + 2 >= s.size()) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  const auto c2 = static_cast<unsigned char>(s[i + 2]);
  if (c1 == 0x80) return (c2 == 0x89 || c2 == 0x8B || (c2 >= 0x90 && c2 <= 0x94) || c2 == 0xAF) ? 3 : 0;
  if (c1 == 0x88) return c2 == 0x92 ? 3 : 0;
  return 0;
}

// Byte classes for the tokenizer's hot loop.
// kSpace and kDrop first: both are skipped, and one compare tests for either.
enum ByteClass : uint8_t { kSpace, kDrop, kAlpha, kDigit, kHigh, kPunct };

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) t[c] = kHigh;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) t[c] = kAlpha;
    else if (c >= '0' && c <= '9') t[c] = kDigit;
    else if (c <= ' ' || c == 0x7F) t[c] = kSpace;
    else if (c == '-' || c == '\'' || c == '"' || c == '*' || c == '`' || c == '_') t[c] = kDrop;
    else t[c] = kPunct;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kClass = make_classes();

// ASCII letters lower-cased, 0 for every other byte: one load both tests for a letter and gives
// the byte to write.
constexpr std::array<char, 256> make_letters() {
  std::array<char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c + ('a' - 'A'));
  return t;
}
constexpr std::array<char, 256> kLetter = make_letters();

constexpr uint64_t kHighBits = 0x8080808080808080u;

// 0x80 in each byte of `v` that is an ASCII letter, 0 in the others. The bytes are tested
// independently: each sum stays below 0x100, so no carry crosses into the next byte.
constexpr uint64_t letter_bytes(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  const uint64_t folded = (v | 0x20 * kOnes) & 0x7F * kOnes;  // 'A'..'Z' -> 'a'..'z', 7 bits
  const uint64_t at_least_a = folded + (0x80 - 'a') * kOnes;
  const uint64_t above_z = folded + (0x80 - 'z' - 1) * kOnes;
  return at_least_a & ~above_z & ~v & kHighBits;
}
// Bytes in memory order "@a`[ZCBA" and " @\xE9\xC3Az{z" (little-endian words).
static_assert(letter_bytes(0x4142435a5b606140u) == 0x8080808000008000u);
static_assert(letter_bytes(0x7a7b7a41c3e94020u) == 0x8000808000000000u);

constexpr uint32_t kZeroHash = fasttext_hash("0");
constexpr uint32_t kDegCHash = fasttext_hash("\xC2\xB0" "c");

}  // namespace

// One pass over the text: each byte is classified, written in normalised form and hashed once.
// The rules (what is a word, how it is normalised) are those documented in features.h:
//   - a word is a run of letters, digits, non-separator multi-byte characters, and '.' or ','
//     between two digits ("0.25", "10,000");
//   - a word that starts with a number is split after it ("10mL" -> "0" "ml", "120°C" -> "0" "°c"),
//     and an all-number word is "0";
//   - in the rest, ASCII is lower-cased, each digit run becomes "0", U+03BC becomes U+00B5, and
//     "degc" becomes "°c".
void tokenize_text(std::string_view text, TokenBuffer& out, size_t max_tokens) {
  const size_t n = text.size();
  const size_t t0 = out.size();
  const size_t limit = t0 + max_tokens;
  // Every token consumes at least one input byte and is never longer than its raw bytes, so n
  // bytes and min(n, max_tokens) tokens of room suffice; writing through raw pointers keeps the
  // loop free of capacity checks.
  const size_t room = std::min(n, max_tokens);
  const size_t base_len = out.chars.size();
  out.chars.resize(base_len + n);
  out.ends.resize(t0 + room);
  out.hashes.resize(t0 + room);
  char* const base = out.chars.data();
  uint32_t* const ends = out.ends.data();
  uint32_t* const hashes = out.hashes.data();
  char* w = base + base_len;
  size_t t = t0;
  const char* const s = text.data();
  const auto byte = [s](size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto emit = [&](uint32_t h) {
    ends[t] = static_cast<uint32_t>(w - base);
    hashes[t] = h;
    ++t;
  };
  size_t i = 0;
  while (i < n && t < limit) {
    const unsigned char c = byte(i);
    const uint8_t cls = kClass[c];
    if (cls <= kDrop) {
      ++i;
      continue;
    }
    if (cls == kPunct) {
      *w++ = static_cast<char>(c);
      emit(fnv_step(kFnvBasis, static_cast<char>(c)));
      ++i;
      continue;
    }
    if (cls == kHigh) {
      if (size_t k = separator_at(text, i)) {
        i += k;
        continue;
      }
    }
    if (cls == kDigit) {
      // A number ("0.25", "10,000", "1.2.3") is the token "0".
      size_t j = i + 1;
      while (j < n) {
        const unsigned char d = byte(j);
        if (kClass[d] == kDigit) {
          ++j;
        } else if ((d == '.' || d == ',') && j + 1 < n && kClass[byte(j + 1)] == kDigit) {
          j += 2;
        } else {
          break;
        }
      }
      *w++ = '0';
      emit(kZeroHash);
      i = j;
      // Letters glued to the number ("10mL", "120°C") continue as a word of their own.
      if (i >= n || t >= limit) continue;
      const uint8_t nc = kClass[byte(i)];
      if (nc != kAlpha && !(nc == kHigh && !separator_at(text, i))) continue;
    }
    // A word starting with a letter or a non-separator multi-byte character at i.
    char* const start = w;
    uint32_t h = kFnvBasis;
    size_t j = i;
    for (;;) {
      // Letters, the bulk of every word. Eight bytes at a time while eight remain: the letters are
      // found, lower-cased and stored with word operations, and the hashes of all eight prefixes
      // are computed so that the run length picks one without a branch (a byte loop's exit
      // depends on the word length and was mispredicted about once a word).
      if constexpr (std::endian::native == std::endian::little) {
        while (j + 8 <= n) {
          uint64_t v;
          std::memcpy(&v, s + j, 8);
          const uint64_t letters = letter_bytes(v);
          uint64_t lower = v | (letters >> 2);  // 0x80 >> 2 == 0x20, the ASCII case bit
          // Output never runs ahead of the input consumed, so 8 bytes fit below base_len + n.
          std::memcpy(w, &lower, 8);
          const unsigned run =
              letters == kHighBits ? 8u : static_cast<unsigned>(std::countr_zero(~letters & kHighBits)) / 8;
          uint32_t prefix_hash[9];
          prefix_hash[0] = h;
          for (int k = 0; k < 8; ++k, lower >>= 8)
            prefix_hash[k + 1] = (prefix_hash[k] ^ static_cast<uint32_t>(lower & 0xFF)) * kFnvPrime;
          h = prefix_hash[run];  // bytes past the run were hashed too, but are not used
          w += run;
          j += run;
          if (run < 8) break;
        }
      }
      // The last bytes of the text (and big-endian machines): one byte at a time.
      {
        const unsigned char* p = reinterpret_cast<const unsigned char*>(s) + j;
        const unsigned char* const e = reinterpret_cast<const unsigned char*>(s) + n;
        char* out_w = w;
        while (p != e) {
          const unsigned char o = static_cast<unsigned char>(kLetter[*p]);
          if (o == 0) break;
          *out_w++ = static_cast<char>(o);
          h = (h ^ o) * kFnvPrime;  // letters are ASCII: no sign extension to do
          ++p;
        }
        w = out_w;
        j = static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(s));
      }
      if (j >= n) break;
      const unsigned char d = byte(j);
      const uint8_t dc = kClass[d];
      if (dc == kDigit) {
        // A digit run is one '0'; '.' or ',' between two digits stays ("a1.5" -> "a0.0").
        *w++ = '0';
        h = fnv_step(h, '0');
        ++j;
        while (j < n && kClass[byte(j)] == kDigit) ++j;
        if (j + 1 < n && (byte(j) == '.' || byte(j) == ',') && kClass[byte(j + 1)] == kDigit) {
          *w++ = static_cast<char>(byte(j));
          h = fnv_step(h, static_cast<char>(byte(j)));
          ++j;
        }
      } else if (dc == kHigh) {
        if (separator_at(text, j)) break;
        // Micro sign U+00B5 and Greek mu U+03BC both appear as the SI prefix.
        if (d == 0xCE && j + 1 < n && byte(j + 1) == 0xBC) {
          *w++ = '\xC2';
          *w++ = '\xB5';
          h = fnv_step(fnv_step(h, '\xC2'), '\xB5');
          j += 2;
        } else {
          *w++ = static_cast<char>(d);
          h = fnv_step(h, static_cast<char>(d));
          ++j;
        }
      } else {
        break;
      }
    }
    if (w - start == 4 && std::memcmp(start, "degc", 4) == 0) {
      w = start;
      *w++ = '\xC2';
      *w++ = '\xB0';
      *w++ = 'c';
      h = kDegCHash;
    }
    emit(h);
    i = j;
  }
  out.chars.resize(static_cast<size_t>(w - base));
  out.ends.resize(t);
  out.hashes.resize(t);
}

void context_tokens(std::string_view section, std::string_view kind, TokenBuffer& out) {
  if (!section.empty()) {
    out.chars += "__sec_";
    out.chars += to_string(classify_section(section));
    out.end_token();
    thread_local TokenBuffer words;  // per-thread scratch: no allocation per call
    if (words.chars.capacity() > (size_t{1} << 16)) words = TokenBuffer{};  // after a huge heading
    words.clear();
    tokenize_text(section, words, 16);
    int used = 0;
    for (size_t w = 0; w < words.size() && used < 4; ++w) {
      std::string_view t = words.token(w);
      if (t.size() < 3) continue;  // "2.", "of", numbering ("0")
      out.chars += "__h_";
      out.chars += t;
      out.end_token();
      ++used;
    }
  }
  if (!kind.empty()) {
    out.chars += "__kind_";
    const size_t b = out.chars.size();
    out.chars.resize(b + kind.size());
    char* w = out.chars.data() + b;
    for (char c : kind)
      if (is_ascii_alnum(static_cast<unsigned char>(c))) *w++ = c;
    out.chars.resize(static_cast<size_t>(w - out.chars.data()));
    out.end_token();
  }
}

int label_index(std::string_view label) {
  for (int i = 0; i < kNumLabels; ++i)
    if (label == kLabels[i]) return i;
  return -1;
}

std::vector<std::string> feature_tokens(std::string_view text, std::string_view section,
                                        std::string_view kind) {
  TokenBuffer buf;
  context_tokens(section, kind, buf);
  tokenize_text(text, buf, kMaxTokens);
  std::vector<std::string> out;
  out.reserve(buf.size());
  for (size_t i = 0; i < buf.size(); ++i) out.emplace_back(buf.token(i));
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

}  // namespace synthdb::classify
