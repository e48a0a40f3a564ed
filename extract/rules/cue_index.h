#pragma once

// Internal to extract/rules: a fixed list of cue words indexed by first byte, for the role and
// quantity rules that look for many cues at once.

#include <bit>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "extract/rules/text.h"

namespace synthdb::rules {

// Up to 64 cues (each at least one byte) and, per first byte, the set of cues that start with it:
// a text position is compared only with the cues that share its byte. Most positions have a byte
// that some cue of a long list starts with, so a first-byte filter alone still walked the whole
// list there (last_cue() of extractor_impl.h does; the size cues of quantity_entities.cc are 36).
// Build one per list, as a function-local static: the index costs more than one search.
class CueIndex {
 public:
  // Throws std::length_error for more than 64 cues.
  CueIndex(std::initializer_list<std::string_view> cues) : cues_(cues) {
    if (cues_.size() > 64) throw std::length_error("CueIndex: more than 64 cues");
    index();
  }
  template <size_t N>
  explicit CueIndex(const std::string_view (&cues)[N]) : cues_(cues, cues + N) {
    static_assert(N <= 64, "one bit per cue");
    index();
  }

  // Whether `w` starts with one of the cues.
  bool starts(std::string_view w) const { return !w.empty() && starts_at(w, 0); }

  // Where the last occurrence of any cue in `window` starts that `accept(window, pos)` takes, or
  // npos: the same position as last_cue(window, cues, accept).
  template <class Accept>
  size_t last(std::string_view window, Accept accept) const {
    for (size_t pos = window.size(); pos-- > 0;) {
      if (starts_at(window, pos) && accept(window, pos)) return pos;
    }
    return std::string_view::npos;
  }
  size_t last(std::string_view window) const {
    return last(window, [](std::string_view, size_t) { return true; });
  }

 private:
  void index() {
    for (size_t k = 0; k < cues_.size(); ++k) {
      by_first_[static_cast<unsigned char>(cues_[k][0])] |= uint64_t{1} << k;
    }
  }
  // Whether a cue starts at `pos` (< s.size()).
  bool starts_at(std::string_view s, size_t pos) const {
    uint64_t m = by_first_[static_cast<unsigned char>(s[pos])];
    if (m == 0) return false;
    const std::string_view rest = s.substr(pos);
    for (; m != 0; m &= m - 1) {
      if (has_prefix(rest, cues_[static_cast<size_t>(std::countr_zero(m))])) return true;
    }
    return false;
  }

  std::vector<std::string_view> cues_;
  uint64_t by_first_[256] = {};
};

}  // namespace synthdb::rules
