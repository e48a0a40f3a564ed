#include "extract/core/strings.h"

#include <cstdint>
#include <cstring>

namespace synthdb {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  size_t k = 0;
  // Eight bytes at a time: a high bit marks each byte in 'A'..'Z' (bytes >= 0x80 are masked out by
  // ~w), and adding 0x20 there lower-cases it. Every paragraph is lower-cased once, byte by byte
  // before.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  for (; k + 8 <= out.size(); k += 8) {
    uint64_t w;
    std::memcpy(&w, out.data() + k, 8);
    uint64_t low7 = w & ~kHighs;
    uint64_t ge_a = low7 + kOnes * (0x80 - 'A');      // high bit set where low7 >= 'A'
    uint64_t gt_z = low7 + kOnes * (0x80 - 'Z' - 1);  // high bit set where low7 > 'Z'
    uint64_t upper = (ge_a ^ gt_z) & ~w & kHighs;
    if (!upper) continue;
    w += upper >> 2;  // 0x80 >> 2 == 0x20, no carries: the byte is at most 'Z'
    std::memcpy(out.data() + k, &w, 8);
  }
  for (; k < out.size(); ++k) {
    char& c = out[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace synthdb
