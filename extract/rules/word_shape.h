#pragma once

// Internal to extract/rules: the lengths and first bytes of a fixed word list, a cheap inline test
// before the comparisons with its words.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace synthdb::rules {

// Built from a word list at compile time (a word of 0 or 64+ bytes fails the build); may_be() is
// false for a word the list cannot hold by its length or first byte. The rules ask such a list of
// (nearly) every token, and this spares nearly all of them the call or loop that compares the words.
class WordShape {
 public:
  template <size_t N>
  constexpr explicit WordShape(const std::string_view (&words)[N]) {
    for (std::string_view w : words) {
      if (w.empty() || w.size() >= 64) throw std::invalid_argument("WordShape: a word of 1-63 bytes");
      lengths_ |= uint64_t{1} << w.size();
      const auto b = static_cast<unsigned char>(w[0]);
      first_[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }
  constexpr bool may_be(std::string_view w) const {
    if (w.size() >= 64 || !((lengths_ >> w.size()) & 1)) return false;  // (no word is empty)
    const auto b = static_cast<unsigned char>(w[0]);
    return (first_[b >> 6] >> (b & 63)) & 1;
  }

 private:
  uint64_t lengths_ = 0;
  uint64_t first_[4] = {0, 0, 0, 0};
};

}  // namespace synthdb::rules
