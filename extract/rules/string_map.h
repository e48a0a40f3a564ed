#pragma once

// Internal to extract/rules: the string-keyed hash map of every lexicon (included by lexicon.h).

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace synthdb::rules {

struct StringHash {
  using is_transparent = void;
  // FNV-1a: keys and probes are short words, for which this inline loop is several times cheaper
  // than std::hash (a library call); every token is looked up in several lexicons.
  // The FNV-1a basis and one step, shared with the loops that hash every prefix of a word in one pass
  // (TokenView's hash_but_last, PhraseMatcher's stems): each gives StringHash of the bytes so far.
  static constexpr uint64_t kBasis = 0xcbf29ce484222325ULL;
  static constexpr uint64_t step(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
  size_t operator()(std::string_view s) const {
    uint64_t h = kBasis;
    for (unsigned char c : s) h = step(h, c);
    return static_cast<size_t>(h);
  }
};

// String → V, looked up by string_view: the subset of std::unordered_map that the rules use (find,
// count, contains, operator[], emplace, size, iteration), as a flat open-addressing table (s29-speed-mat).
// The entries sit in one vector in insertion order; the table holds (hash tag, entry index) pairs,
// a power of two of them, at most half full, probed linearly from a bucket taken from the high bits
// of the multiplied hash. A probe compares the 32-bit tag before the key, so a miss seldom touches
// an entry: no modulo by a prime, no node per entry, no pointer chase as in std::unordered_map.
// find_hashed() takes a StringHash the caller already has (TokenView keeps one per token).
// As with a vector, an insertion invalidates iterators and references to the values; no entry is
// ever erased.
template <typename V>
class StringMap {
 public:
  using key_type = std::string;
  using mapped_type = V;
  using value_type = std::pair<std::string, V>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  iterator begin() { return entries_.begin(); }
  iterator end() { return entries_.end(); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // hash == StringHash{}(key).
  const_iterator find_hashed(std::string_view key, size_t hash) const {
    return entries_.begin() + static_cast<std::ptrdiff_t>(index_of(key, hash));
  }
  iterator find_hashed(std::string_view key, size_t hash) {
    return entries_.begin() + static_cast<std::ptrdiff_t>(index_of(key, hash));
  }
  const_iterator find(std::string_view key) const { return find_hashed(key, StringHash{}(key)); }
  iterator find(std::string_view key) { return find_hashed(key, StringHash{}(key)); }
  size_t count(std::string_view key) const { return contains(key) ? 1 : 0; }
  bool contains(std::string_view key) const { return index_of(key, StringHash{}(key)) != entries_.size(); }

  template <typename K, typename... Args>
  std::pair<iterator, bool> emplace(K&& key, Args&&... args) {
    std::string_view k(key);
    const size_t hash = StringHash{}(k);
    size_t at = index_of(k, hash);
    if (at != entries_.size()) return {entries_.begin() + static_cast<std::ptrdiff_t>(at), false};
    entries_.emplace_back(std::piecewise_construct, std::forward_as_tuple(std::forward<K>(key)),
                          std::forward_as_tuple(std::forward<Args>(args)...));
    insert_slot(hash, entries_.size() - 1);
    return {entries_.end() - 1, true};
  }
  template <typename K>
  V& operator[](K&& key) {
    return emplace(std::forward<K>(key)).first->second;
  }

 private:
  struct Slot {
    uint32_t tag = 0;
    uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
  };
  size_t bucket(size_t hash) const { return (hash * 0x9E3779B97F4A7C15ULL) >> shift_; }
  static uint32_t tag(size_t hash) { return static_cast<uint32_t>(hash); }

  // The index of `key` in entries_, entries_.size() when absent.
  size_t index_of(std::string_view key, size_t hash) const {
    if (slots_.empty()) return entries_.size();
    const size_t mask = slots_.size() - 1;
    for (size_t b = bucket(hash);; b = (b + 1) & mask) {
      const Slot s = slots_[b];
      if (s.entry == 0) return entries_.size();
      if (s.tag == tag(hash) && entries_[s.entry - 1].first == key) return s.entry - 1;
    }
  }
  // Records entries_[index] (hash = its key's StringHash), doubling the table past half full.
  void insert_slot(size_t hash, size_t index) {
    if (2 * entries_.size() > slots_.size()) {
      size_t n = slots_.empty() ? 16 : 2 * slots_.size();
      slots_.assign(n, Slot{});
      shift_ = 64;
      while (n > 1) n >>= 1, --shift_;
      for (size_t i = 0; i < entries_.size(); ++i) place(StringHash{}(entries_[i].first), i);
    } else {
      place(hash, index);
    }
  }
  void place(size_t hash, size_t index) {
    const size_t mask = slots_.size() - 1;
    size_t b = bucket(hash);
    while (slots_[b].entry != 0) b = (b + 1) & mask;
    slots_[b] = {tag(hash), static_cast<uint32_t>(index + 1)};
  }

  std::vector<value_type> entries_;
  std::vector<Slot> slots_;
  int shift_ = 64;
};

}  // namespace synthdb::rules
