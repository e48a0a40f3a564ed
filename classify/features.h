#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synthdb::classify {

// The four paragraph labels, in this fixed order everywhere (metrics, baseline weights, JSON).
inline constexpr const char* kLabels[] = {"synthesis", "materials_list", "characterization", "other"};
inline constexpr int kNumLabels = 4;
// Index of `label` in kLabels, or -1.
int label_index(std::string_view label);

// Paragraphs longer than this many tokens are classified on their first kMaxTokens tokens: the
// opening of a paragraph decides what it is, and the cap bounds time and memory for 1 MB inputs.
inline constexpr size_t kMaxTokens = 1500;

// Turns a paragraph into the whitespace-separated feature tokens that both the fastText model and
// the logistic-regression baseline read:
//   - context tokens first: `__sec_<section type>` (core classify_section) and `__h_<word>` for up
//     to four heading words when `section` is non-empty; `__kind_<kind>` when `kind` is non-empty;
//   - then the text, lower-cased (ASCII), split into word tokens and single punctuation tokens;
//     numbers become `0`, digits inside words (formulas, instrument names) become `0`
//     ("Cs2CO3" -> "cs0co0"), "degC" becomes "°c", µ/μ and dash variants are unified.
// At most kMaxTokens text tokens are produced. Invalid UTF-8 is not rejected here (bytes >= 0x80
// are treated as word characters); callers that must reject it use
// synthdb::valid_utf8() (extract/core/utf8.h).
std::string feature_string(std::string_view text, std::string_view section = {},
                           std::string_view kind = {});

// fastText's Dictionary::hash of a token: FNV-1a over the bytes as *signed* chars (bytes >= 0x80
// are sign-extended). The classifier looks words up and hashes word n-grams with it.
inline constexpr uint32_t kFnvBasis = 2166136261u;
inline constexpr uint32_t kFnvPrime = 16777619u;
constexpr uint32_t fnv_step(uint32_t h, char c) {
  return (h ^ static_cast<uint32_t>(static_cast<int8_t>(c))) * kFnvPrime;
}
constexpr uint32_t fasttext_hash(std::string_view s) {
  uint32_t h = kFnvBasis;
  for (char c : s) h = fnv_step(h, c);
  return h;
}

// An allocator whose value-less construct() leaves the element uninitialised, so that resize()
// does not zero: tokenize_text() resizes to an upper bound, writes through a pointer and shrinks
// to what it wrote, and zeroing the bound on every call cost ~10% of a prediction.
template <typename T>
struct NoInitAllocator : std::allocator<T> {
  using std::allocator<T>::allocator;
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Tokens packed into one buffer (no allocation per token): token i is
// chars[ends[i-1] .. ends[i]), and hashes[i] is fasttext_hash() of it, computed while the token is
// written so that the classifier does not read the bytes again. Reused across calls by hot loops.
struct TokenBuffer {
  std::string chars;
  std::vector<uint32_t, NoInitAllocator<uint32_t>> ends;
  std::vector<uint32_t, NoInitAllocator<uint32_t>> hashes;
  size_t size() const { return ends.size(); }
  std::string_view token(size_t i) const {
    const size_t b = i ? ends[i - 1] : 0;
    return std::string_view(chars).substr(b, ends[i] - b);
  }
  // Ends the token that was appended to `chars` since the previous one.
  void end_token() {
    const size_t b = ends.empty() ? 0 : ends.back();
    hashes.push_back(fasttext_hash(std::string_view(chars).substr(b)));
    ends.push_back(static_cast<uint32_t>(chars.size()));
  }
  void clear() {
    chars.clear();
    ends.clear();
    hashes.clear();
  }
};

// Appends the context tokens (__sec_, __h_, __kind_) of feature_string() to `out`.
void context_tokens(std::string_view section, std::string_view kind, TokenBuffer& out);
// Appends at most `max_tokens` text tokens of feature_string() to `out`.
void tokenize_text(std::string_view text, TokenBuffer& out, size_t max_tokens = kMaxTokens);

// Same tokens as feature_string(), as a vector.
std::vector<std::string> feature_tokens(std::string_view text, std::string_view section = {},
                                        std::string_view kind = {});


}  // namespace synthdb::classify
