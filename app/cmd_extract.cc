// `synthdb extract`: JSON Lines {"id","text"} on stdin → the same object plus "entities" and
// "status" on stdout, one line out per line in, same order.
#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "app/commands.h"
#include "extract/core/error.h"
#include "extract/core/utf8.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {

namespace {

struct ExtractOptions {
  std::string lexicons;
  std::string models;
  bool no_learned = false;
};

// Bytes that JSON strings must escape: control characters, '"' and '\\'.
constexpr auto kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// Word-at-a-time tests on eight bytes (exact: nonzero iff some byte qualifies; see "Determine if
// a word has a byte less than n" in Bit Twiddling Hacks). Paragraph text is long runs of plain
// bytes, and a byte loop with a table lookup per byte was most of the JSON reading and writing.
constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
inline uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline uint64_t has_zero_byte(uint64_t w) { return (w - kOnes) & ~w & kHighs; }
inline uint64_t has_byte(uint64_t w, unsigned char c) { return has_zero_byte(w ^ (kOnes * c)); }
// Some byte below 0x20 (control characters).
inline uint64_t has_control(uint64_t w) { return (w - kOnes * 0x20) & ~w & kHighs; }
// The same tests on four bytes (strings of 4 to 7 bytes: "target", "solvent").
constexpr uint32_t kOnes4 = 0x01010101U, kHighs4 = 0x80808080U;
inline bool needs_escape4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  auto zero = [](uint32_t x) { return (x - kOnes4) & ~x & kHighs4; };
  return (((w - kOnes4 * 0x20) & ~w & kHighs4) | zero(w ^ (kOnes4 * '"')) | zero(w ^ (kOnes4 * '\\'))) != 0;
}
// Whether any of the eight bytes at `p` must be escaped in a JSON string.
inline bool needs_escape8(const char* p) {
  uint64_t w = load8(p);
  return (has_control(w) | has_byte(w, '"') | has_byte(w, '\\')) != 0;
}

// The output line under construction. Appends are inline (a size check and a memcpy): through
// std::string::append, an out-of-line call per key, number and string, writing the entities cost a
// tenth of `synthdb extract`. The bytes live in a std::string kept at least as long as the line
// (grown by doubling, never shrunk), so a run allocates only for its longest line.
class OutBuffer {
 public:
  // Room for `extra` more bytes at the end; returns where they go (see commit()).
  char* grow(size_t extra) {
    if (size_ + extra > buf_.size()) [[unlikely]] enlarge(size_ + extra);
    return buf_.data() + size_;
  }
  // Counts `n` bytes written at grow()'s pointer as part of the line.
  void commit(size_t n) { size_ += n; }
  void append(const char* s, size_t n) {
    if (n == 0) return;
    std::memcpy(grow(n), s, n);
    size_ += n;
  }
  OutBuffer& operator+=(std::string_view s) {
    append(s.data(), s.size());
    return *this;
  }
  OutBuffer& operator+=(char c) {
    *grow(1) = c;
    ++size_;
    return *this;
  }
  void assign(std::string_view s) {
    size_ = 0;
    *this += s;
  }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  char back() const { return buf_[size_ - 1]; }
  void pop_back() { --size_; }
  const char* data() const { return buf_.data(); }

 private:
  // Out of line, so that grow() stays a compare and a branch where it is inlined.
  [[gnu::noinline]] void enlarge(size_t need) { buf_.resize(std::max(buf_.size() * 2, need)); }

  std::string buf_;
  size_t size_ = 0;
};

// The writers below put bytes at `p`, where the caller has made room (OutBuffer::grow() with a
// bound for the whole entity: see append_entity()), and return the end of what they wrote.

// A string literal's bytes without its terminating NUL: a copy of constant size, which the
// compiler writes as a few moves.
template <size_t N>
inline char* put(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + N - 1;
}

#if defined(__SSE2__)
// Whether none of the sixteen bytes in `v` is one JSON strings must escape (a control byte below
// 0x20, '"' or '\\'): an unsigned v <= 0x1F is min(v, 0x1F) == v.
inline bool plain16(__m128i v) {
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) == 0;
}
#endif

// Whether the n bytes at `p`, 8 <= n <= 16, need no escape: the first and the last eight of them
// (they overlap below 16), tested in one register where SSE2 is (every x86-64).
inline bool plain_8_to_16(const char* p, size_t n) {
#if defined(__SSE2__)
  const __m128i lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  const __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + n - 8));
  return plain16(_mm_unpacklo_epi64(lo, hi));
#else
  return !needs_escape8(p) && !needs_escape8(p + n - 8);
#endif
}

// The same for 4 <= n <= 8 bytes: the first and the last four.
inline bool plain_4_to_8(const char* p, size_t n) {
#if defined(__SSE2__)
  uint32_t a, b;
  std::memcpy(&a, p, 4);
  std::memcpy(&b, p + n - 4, 4);
  // Both halves of the register hold the eight bytes (zero bytes would count as control bytes).
  return plain16(_mm_set1_epi64x(static_cast<int64_t>((uint64_t{b} << 32) | a)));
#else
  return !needs_escape4(p) && !needs_escape4(p + n - 4);
#endif
}

// Whether the n >= 16 bytes at `p` need no escape: sixteen at a time, the last block overlapping.
inline bool plain_from_16(const char* p, size_t n) {
#if defined(__SSE2__)
  for (size_t k = 0; k + 16 < n; k += 16) {
    if (!plain16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)))) return false;
  }
  return plain16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)));
#else
  for (size_t k = 0; k + 8 <= n; k += 8) {
    if (needs_escape8(p + k)) return false;
  }
  return !needs_escape8(p + n - 8);
#endif
}

// `c` (a byte kNeedsEscape names) as its JSON escape.
char* put_escape(char* p, unsigned char c) {
  *p++ = '\\';
  switch (c) {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default: {  // the other control bytes: \u00XX, lower-case hex
      constexpr char kHex[] = "0123456789abcdef";
      *p++ = 'u';
      *p++ = '0';
      *p++ = '0';
      *p++ = kHex[c >> 4];
      *p++ = kHex[c & 15];
    }
  }
  return p;
}

// `s` as a quoted JSON string, byte by byte: short strings, and those with bytes to escape.
[[gnu::noinline]] char* put_escaped_slow(char* p, std::string_view s) {
  *p++ = '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (kNeedsEscape[c]) {
      p = put_escape(p, c);
    } else {
      *p++ = ch;
    }
  }
  *p++ = '"';
  return p;
}

// `s` as a quoted JSON string; needs room for 6 * s.size() + 2 bytes (every byte a \u00XX escape).
// Most strings are 4 to 16 bytes with nothing to escape (types, roles, entity texts): they are
// tested and copied as two overlapping loads and stores (s25-speed), shorter ones byte by byte
// without a loop, longer plain ones tested sixteen bytes at a time and copied with one memcpy.
inline char* put_escaped(char* p, std::string_view s) {
  const size_t n = s.size();
  if (n >= 8 && n <= 16 ? plain_8_to_16(s.data(), n) : n >= 4 && n < 8 && plain_4_to_8(s.data(), n)) {
    *p = '"';
    if (n >= 8) {
      std::memcpy(p + 1, s.data(), 8);
      std::memcpy(p + 1 + n - 8, s.data() + n - 8, 8);
    } else {
      std::memcpy(p + 1, s.data(), 4);
      std::memcpy(p + 1 + n - 4, s.data() + n - 4, 4);
    }
    p[n + 1] = '"';
    return p + n + 2;
  }
  // One to three bytes ("nm", "°C", "mL"): the first, middle and last byte cover them all.
  if (n - 1 < 3) {
    const char a = s[0], b = s[n / 2], c = s[n - 1];
    if (!(kNeedsEscape[static_cast<unsigned char>(a)] | kNeedsEscape[static_cast<unsigned char>(b)] |
          kNeedsEscape[static_cast<unsigned char>(c)])) {
      p[0] = '"';
      p[1] = a;
      p[1 + n / 2] = b;
      p[n] = c;
      p[n + 1] = '"';
      return p + n + 2;
    }
  }
  if (n > 16 && plain_from_16(s.data(), n)) {
    *p = '"';
    std::memcpy(p + 1, s.data(), n);
    p[n + 1] = '"';
    return p + n + 2;
  }
  return put_escaped_slow(p, s);
}

// The digits of 0..99 in pairs.
constexpr auto kDigitPairs = [] {
  std::array<char, 200> t{};
  for (int k = 0; k < 100; ++k) {
    t[2 * k] = static_cast<char>('0' + k / 10);
    t[2 * k + 1] = static_cast<char>('0' + k % 10);
  }
  return t;
}();

constexpr size_t kMaxIntBytes = 20;  // "-9223372036854775808"

// `v` in decimal, the bytes of to_chars; needs room for kMaxIntBytes.
inline char* put_int(char* p, int64_t v) {
  // Most numbers are offsets and small values below 10^4: their digits written two at a time,
  // backwards from the length, the same bytes as to_chars (s30-qty).
  if (v >= 0 && v < 10000) {
    const auto u = static_cast<uint32_t>(v);
    if (u < 100) {
      const size_t len = u < 10 ? 1 : 2;
      std::memcpy(p, kDigitPairs.data() + 2 * u + 2 - len, 2);
      return p + len;
    }
    const size_t len = u < 1000 ? 3 : 4;
    std::memcpy(p, kDigitPairs.data() + 2 * (u / 100) + 4 - len, 2);
    std::memcpy(p + len - 2, kDigitPairs.data() + 2 * (u % 100), 2);
    return p + len;
  }
  return std::to_chars(p, p + kMaxIntBytes, v).ptr;
}

// A value of 0.001 up to 10^4, not whole, with one to three decimals ("0.5", "2.25", "0.05"): the digits of
// its shortest form written into `p` (up to 9 bytes), the bytes to_chars(double) writes, and their
// count; else 0. Its shortest form has the fewest decimals d for which some integer k read as
// k / 10^d gives v back (that reading is the correctly rounded division, as strtod's), and the fixed
// form is the shorter one, or as short, which to_chars then takes, from 0.001 up.
[[gnu::noinline]] size_t short_decimal(double v, char* p) {
  static constexpr double kPow10[] = {1, 10, 100, 1000};
  if (!(v >= 0.001 && v < 1e4) || v == std::floor(v)) return 0;  // (whole numbers: put_int())
  for (int d = 1; d <= 3; ++d) {
    const auto k = static_cast<double>(static_cast<uint32_t>(v * kPow10[d] + 0.5));  // (no libm call)
    if (k / kPow10[d] != v) continue;
    const auto scaled = static_cast<uint32_t>(k);
    const auto unit = static_cast<uint32_t>(kPow10[d]);
    char* q = std::to_chars(p, p + 4, scaled / unit).ptr;
    *q++ = '.';
    for (uint32_t frac = scaled % unit, digit = unit / 10; digit > 0; digit /= 10) *q++ = static_cast<char>('0' + frac / digit % 10);
    return static_cast<size_t>(q - p);
  }
  return 0;
}

constexpr size_t kMaxNumberBytes = 32;  // to_chars(double)'s shortest form is at most 24 bytes

// `v` as to_chars(double) writes its shortest form; needs room for kMaxNumberBytes.
char* put_number(char* p, double v) {
  // Most values are small whole numbers (°C, mL, mmol, nm). Below 10^4 the shortest form that
  // to_chars(double) writes for them is the plain integer ("1e+04" would be longer than "1000"), so
  // the cheaper integer conversion gives the same bytes. -0.0 ("-0") takes the general path.
  if (v > -1e4 && v < 1e4 && v != 0 && v == static_cast<double>(static_cast<int64_t>(v))) {
    return put_int(p, static_cast<int64_t>(v));
  }
  if (const size_t n = short_decimal(v, p)) return p + n;  // 11 k values on bench2, 500 instructions each in to_chars
  return std::to_chars(p, p + kMaxNumberBytes, v).ptr;
}

// The same fields as synthdb::to_json(Entity) writes (only those that are set), written directly:
// building an nlohmann object per entity costs as much as extracting it. Keys are string literals
// and numbers go through to_chars: temporaries from std::to_string and strlen on every key were a
// tenth of the run time of `synthdb extract`. Room for the whole entity is made once, from a bound
// on its length, and every key and value is then written without a size check of its own.
void append_entity(OutBuffer& out, const Entity& e) {
  const bool operation = std::string_view(e.type) == "operation";  // its `normalized` is written twice: see to_json(Entity)
  // The keys, quotes, braces and the five numbers take less than kFixed bytes; a string at most six
  // bytes for each of its own (\u00XX escapes).
  constexpr size_t kFixed = 512;
  const size_t strings = e.type.size() + e.text.size() + e.unit.size() + e.role.size() + e.name.size() +
                         (operation ? 2 : 1) * e.normalized.size() + e.formula.size() + e.quantity.size() +
                         e.dimension.size() + e.cue.size();
  char* const start = out.grow(kFixed + 6 * strings);
  char* p = start;
  p = put(p, "{\"type\":");
  p = put_escaped(p, e.type);
  p = put(p, ",\"start\":");
  p = put_int(p, e.start);
  p = put(p, ",\"end\":");
  p = put_int(p, e.end);
  p = put(p, ",\"text\":");
  p = put_escaped(p, e.text);
  if (e.value) p = put_number(put(p, ",\"value\":"), *e.value);
  if (operation && !e.normalized.empty()) p = put_escaped(put(p, ",\"value\":"), e.normalized);
  if (e.min) p = put_number(put(p, ",\"min\":"), *e.min);
  if (e.max) p = put_number(put(p, ",\"max\":"), *e.max);
  if (e.sd) p = put_number(put(p, ",\"sd\":"), *e.sd);
  if (!e.unit.empty()) p = put_escaped(put(p, ",\"unit\":"), e.unit);
  if (!e.role.empty()) p = put_escaped(put(p, ",\"role\":"), e.role);
  if (!e.name.empty()) p = put_escaped(put(p, ",\"name\":"), e.name);
  if (!e.normalized.empty()) p = put_escaped(put(p, ",\"normalized\":"), e.normalized);
  if (!e.formula.empty()) p = put_escaped(put(p, ",\"formula\":"), e.formula);
  if (!e.quantity.empty()) p = put_escaped(put(p, ",\"quantity\":"), e.quantity);
  if (!e.dimension.empty()) p = put_escaped(put(p, ",\"dimension\":"), e.dimension);
  if (!e.cue.empty()) p = put_escaped(put(p, ",\"cue\":"), e.cue);
  if (e.material) p = put_int(put(p, ",\"material\":"), *e.material);
  *p++ = '}';
  out.commit(static_cast<size_t>(p - start));
}

// The first byte from `k` on that is no plain ASCII (a control byte, quote, backslash or non-ASCII
// byte), or a position before it from which the caller tests byte by byte: sixteen bytes at a time
// where SSE2 is (every x86-64), then eight. The paragraph text is most of each input line, and
// the eight-byte test was three instructions a byte.
size_t skip_plain_ascii(std::string_view s, size_t k) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  while (k + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + k));
    // As signed bytes, those below 0x20 are the control bytes and every byte from 0x80.
    const __m128i stop =
        _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(stop))) return k + static_cast<size_t>(std::countr_zero(mask));
    k += 16;
  }
#endif
  while (k + 8 <= s.size()) {
    const uint64_t w = load8(s.data() + k);
    if ((w & kHighs) | has_control(w) | has_byte(w, '"') | has_byte(w, '\\')) break;
    k += 8;
  }
  return k;
}

// Reads the JSON string starting at line[*pos] (the opening quote). Accepts only what nlohmann
// would accept and unescapes the common escapes; returns false for anything else (\u escapes,
// control bytes, ill-formed UTF-8, no closing quote), which the caller then leaves to nlohmann.
// `value` views the line when the string has no escapes, else `scratch`.
bool read_simple_string(std::string_view line, size_t* pos, std::string_view* value, std::string* scratch) {
  size_t k = *pos + 1;
  size_t run = k;  // start of the bytes not yet copied to `scratch`
  bool escaped = false;
  while (k < line.size()) {
    k = skip_plain_ascii(line, k);
    if (k >= line.size()) break;
    unsigned char c = static_cast<unsigned char>(line[k]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {  // most bytes: plain ASCII
      ++k;
      continue;
    }
    if (c == '"') {
      if (escaped) {
        scratch->append(line.data() + run, k - run);
        *value = *scratch;
      } else {
        *value = line.substr(*pos + 1, k - *pos - 1);
      }
      *pos = k + 1;
      return true;
    }
    if (c < 0x20) return false;
    if (c == '\\') {
      if (k + 1 >= line.size()) return false;
      char r;
      switch (line[k + 1]) {
        case '"': r = '"'; break;
        case '\\': r = '\\'; break;
        case '/': r = '/'; break;
        case 'b': r = '\b'; break;
        case 'f': r = '\f'; break;
        case 'n': r = '\n'; break;
        case 'r': r = '\r'; break;
        case 't': r = '\t'; break;
        default: return false;  // \uXXXX (surrogate pairs) and errors: nlohmann's job
      }
      if (!escaped) scratch->clear();
      escaped = true;
      scratch->append(line.data() + run, k - run);
      *scratch += r;
      k += 2;
      run = k;
      continue;
    }
    size_t n = utf8_sequence_length(line, k);
    if (n == 0) return false;
    k += n;
  }
  return false;
}

// The common input line, `{"id": 12, "text": "..."}`: an object whose members are strings or
// integers, with no key of our output (`entities`, `status`, `error`) and one `text` string. For
// such a line `text` is set and true returned without building a JSON document: nlohmann's DOM
// parse (lexer, map, string copies) was a tenth of the run time. Every other line
// (nested values, floats, \u escapes, a byte-order mark, duplicate or escaped keys, any error)
// returns false and goes through nlohmann as before, so results and error messages are unchanged
// (a duplicated key is an error there: see duplicate_key()).
bool simple_object_text(std::string_view line, std::string_view* text, std::string* scratch) {
  size_t k = 0;
  auto ws = [&] {
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t' || line[k] == '\n' || line[k] == '\r')) ++k;
  };
  ws();
  if (k >= line.size() || line[k] != '{') return false;
  ++k;
  bool have_text = false;
  std::string key_scratch, value_scratch;
  // The keys so far (unescaped keys view the line): a line holds a few, so a linear scan is cheap.
  std::array<std::string_view, 8> keys;
  size_t key_count = 0;
  while (true) {
    ws();
    if (k >= line.size() || line[k] != '"') return false;
    std::string_view key;
    if (!read_simple_string(line, &k, &key, &key_scratch)) return false;
    if (key.data() == key_scratch.data()) return false;  // an escaped key could spell "text"
    if (key == "entities" || key == "status" || key == "error") return false;
    // A duplicated key (an error) or more keys than kept here: nlohmann's path decides.
    if (key_count == keys.size() || std::find(keys.begin(), keys.begin() + key_count, key) != keys.begin() + key_count) {
      return false;
    }
    keys[key_count++] = key;
    ws();
    if (k >= line.size() || line[k] != ':') return false;
    ++k;
    ws();
    if (k >= line.size()) return false;
    if (line[k] == '"') {
      std::string_view value;
      bool is_text = key == "text";
      if (!read_simple_string(line, &k, &value, is_text ? scratch : &value_scratch)) return false;
      if (is_text) {
        have_text = true;
        *text = value;
      }
    } else {
      // An integer small enough for int64 (nlohmann turns larger ones into doubles or errors).
      if (key == "text") return false;
      if (line[k] == '-') ++k;
      size_t digits = k;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
      size_t n = k - digits;
      if (n == 0 || n > 18 || (n > 1 && line[digits] == '0')) return false;
      if (k < line.size() && (line[k] == '.' || line[k] == 'e' || line[k] == 'E')) return false;
    }
    ws();
    if (k >= line.size()) return false;
    if (line[k] == ',') {
      ++k;
      continue;
    }
    if (line[k] != '}') return false;
    ++k;
    break;
  }
  ws();
  return k == line.size() && have_text;
}

// Parses a line that simple_object_text() did not take. A key written twice in the top-level
// object (`{"id":1,"id":2,...}`, two "text" members) is set in `*duplicate` (the first one found):
// nlohmann keeps the last value silently and the echoed line would carry both, so which "id" or
// "text" the entities belong to would be a guess; the caller makes the line an error instead.
// Keys inside nested values are the caller's own data and are not checked.
nlohmann::json parse_line(const std::string& line, std::string* duplicate) {
  std::vector<std::string> keys;
  nlohmann::json::parser_callback_t check = [&](int depth, nlohmann::json::parse_event_t event,
                                                 nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1 && duplicate->empty()) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
        *duplicate = key;
      } else {
        keys.push_back(key);
      }
    }
    return true;
  };
  return nlohmann::json::parse(line, check);
}

}  // namespace

void add_extract_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExtractOptions>();
  auto* cmd = app.add_subcommand(
      "extract",
      "Rule-based entity extraction. Reads JSON Lines {\"id\":...,\"text\":...} from stdin and writes each\n"
      "object back with \"entities\" (type, start, end in code points, text, typed fields) and \"status\"\n"
      "(success|failed|unknown). A malformed line, a key given twice ({\"id\":1,\"id\":2,...}) or invalid\n"
      "UTF-8 gives that line an \"error\" field; the exit code is then 1. A blank line gives {\"entities\":[],\"status\":\"unknown\"}. See docs/extraction.md.");
  cmd->add_option("--lexicons", opts->lexicons,
                  "Directory of lexicon files (default: <data dir>/extract/rules/lexicons)");
  cmd->add_option("--models", opts->models, "Directory of the learned stages' <stage>.lm files (default: <data dir>/models)");
  cmd->add_flag("--no-learned", opts->no_learned, "The rules alone, without the learned stages");
  cmd->callback([opts, &ctx] {
    rules::Extractor extractor(rules::ExtractorOptions{opts->lexicons, opts->models, !opts->no_learned});
    std::ios::sync_with_stdio(false);
    std::string line;
    long number = 0;
    bool any_failed = false;
    OutBuffer out;
    std::string unescaped;  // the text of a simple line that has escapes
    while (std::getline(std::cin, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // A blank line (JSON Lines writers leave one at the end, editors between records) is an
      // empty record, no error: its answer is an object without id, so the output stays one JSON
      // object per input line.
      if (line.find_first_not_of(" \t") == std::string::npos) {
        static constexpr std::string_view kBlank = "{\"entities\":[],\"status\":\"unknown\"}\n";
        std::cout.write(kBlank.data(), static_cast<std::streamsize>(kBlank.size()));
        continue;
      }
      nlohmann::json j;
      std::string error;
      Extraction x;
      std::string_view text;
      const bool simple = simple_object_text(line, &text, &unescaped);
      try {
        if (!simple) {
          std::string duplicate;
          j = parse_line(line, &duplicate);
          if (!j.is_object()) throw InputError("not a JSON object");
          if (!duplicate.empty()) throw InputError("duplicate key \"" + duplicate + "\"");
          if (!j.contains("text") || !j["text"].is_string()) throw InputError("missing string field \"text\"");
          text = j["text"].get_ref<const std::string&>();
        }
        x = extractor.extract(text);
      } catch (const nlohmann::json::exception& e) {
        error = e.what();
      } catch (const InputError& e) {
        error = e.what();
      }
      if (!error.empty()) {
        any_failed = true;
        // The error line keeps the input's fields, so a simple line is parsed after all (it is
        // valid JSON: simple_object_text() accepts nothing that nlohmann rejects).
        if (simple) j = nlohmann::json::parse(line);
        if (!j.is_object()) j = nlohmann::json::object();
        j.erase("entities");
        j.erase("status");
        j["error"] = "stdin:" + std::to_string(number) + ": " + error;
        out.assign(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      } else {
        // The input object as given (minus any old results), then entities and status spliced in.
        // A line that parsed as an object is valid JSON and valid UTF-8 as it stands, so when it
        // carries none of our output keys its own bytes are reused (keys keep the caller's order):
        // re-serialising the paragraph text would cost a tenth of the extraction.
        if (simple || (!j.contains("entities") && !j.contains("status") && !j.contains("error"))) {
          size_t from = line.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // the parser skips a byte-order mark
          size_t close = line.find_last_not_of(" \t\n\r");  // the final '}'
          out.assign(std::string_view(line).substr(from, close - from));
        } else {
          j.erase("entities");
          j.erase("status");
          j.erase("error");
          out.assign(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
          out.pop_back();  // '}'
        }
        while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\n')) out.pop_back();
        if (out.size() > 1) out += ',';
        out += "\"entities\":[";
        for (size_t k = 0; k < x.entities.size(); ++k) {
          if (k) out += ',';
          append_entity(out, x.entities[k]);
        }
        out += "],\"status\":\"";
        out += to_string(x.status);
        out += "\"}";
      }
      out += '\n';
      std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    }
    std::cout.flush();
    if (any_failed) ctx.exit_code = kExitSomeFailed;
  });
}

}  // namespace synthdb::app
