#pragma once

// Internal to extract/rules: lexicon files and a phrase matcher over tokens.
//
// Lexicon format (docs/extraction.md): UTF-8 text, one entry per line, fields separated by TABs,
// '#' starts a comment line, blank lines are ignored. The first field is the surface phrase (words
// separated by single spaces, matched token by token, case-insensitively unless the entry carries
// the flag "cs"); a trailing '*' on a one-word phrase makes it a prefix (stem) entry.

#include <cstdint>
#include <filesystem>
#include <forward_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/core/tsv.h"
#include "extract/rules/string_map.h"
#include "extract/rules/text.h"

namespace re2 {
class RE2;
}

namespace synthdb::rules {

// The TSV reader lives in extract/core (db reads units.tsv and operations.tsv with it too).
using synthdb::TsvRow;
using synthdb::parse_tsv;
using synthdb::read_lexicon_file;
using synthdb::read_tsv;

// Compiles a rule's pattern (RE2; errors not logged), throwing RuleError naming `name` when it does
// not parse. One helper for the extractor's patterns, failures.tsv's and the quantity scanner's.
std::unique_ptr<re2::RE2> compile(const std::string& name, const std::string& pattern, bool case_sensitive = true);

// The lexicon files of one directory, each read once: the loaders parse a file through read_tsv(),
// and the extractor's version hashes the very bytes they parsed (bytes()), without a second read.
class LexiconFiles {
 public:
  explicit LexiconFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // dir/file, as the errors name it.
  std::filesystem::path path(std::string_view file) const { return dir_ / file; }
  // The rows of dir/file, with the errors of the free read_tsv(). Out of line: inlined five times
  // into MaterialFinder's constructor it shifted GCC's inlining in the rest of materials.cc.
  std::vector<TsvRow> read_tsv(std::string_view file, size_t min_fields);
  // The bytes of dir/file: read on the first call, kept for the later ones. Throws RuleError as
  // read_lexicon_file() does.
  const std::string& bytes(std::string_view file);

 private:
  std::filesystem::path dir_;
  // file name → its bytes; a node map, as bytes() hands out references that later calls keep valid
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> bytes_;
};

// A one-hash Bloom filter over lexicon keys (64 Ki bits). Most tokens of a paragraph are in no
// lexicon; maybe() == false skips the map lookup (modulo, bucket walk, key compare) for them.
class HashFilter {
 public:
  void add(std::string_view s) {
    size_t h = StringHash{}(s);
    bits_[(h >> 6) & (kWords - 1)] |= uint64_t{1} << (h & 63);
  }
  bool maybe(std::string_view s) const { return maybe_hash(StringHash{}(s)); }
  // The same with StringHash{}(s) already computed (TokenView keeps one per token).
  bool maybe_hash(size_t h) const { return (bits_[(h >> 6) & (kWords - 1)] >> (h & 63)) & 1; }

 private:
  static constexpr size_t kWords = 1024;
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(kWords, 0);
};

// Token texts of one paragraph: exact bytes and case-folded form, computed once per extract().
struct TokenView {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<std::string_view> folded;  // fold_case(token text), pointing into lower_/extra_
  // StringHash of folded[i], and of folded[i] without its last byte (the singular of a plural "s"):
  // FNV-1a gives both in one pass, and every lexicon probes each token. Both halves of hashes_.
  std::span<const size_t> hash, hash_but_last;
  explicit TokenView(std::string_view t) : TokenView(t, std::string_view()) {}
  // `lower` is ascii_lower(t), kept by the caller for as long as the view: the paragraph's view
  // reads extract()'s `folded` rather than a copy of it.
  TokenView(std::string_view t, std::string_view lower);
  TokenView(const TokenView&) = delete;
  TokenView& operator=(const TokenView&) = delete;
  // The token's bytes. Built from the pointer, not by text.substr(): tokens lie inside `text`, so
  // substr()'s range check and clamp (and its throw path) were dead work on every call.
  std::string_view raw(size_t i) const { return {text.data() + tokens[i].begin, tokens[i].end - tokens[i].begin}; }

 private:
  std::vector<size_t> hashes_;  // hash, then hash_but_last: one allocation per view, not two
  std::string own_lower_;  // ascii_lower(text) when the caller gave none
  std::string_view lower_;  // ascii_lower(text): ASCII tokens fold in place, no allocation
  // ICU-folded tokens that contain non-ASCII bytes. A list, not a deque: an empty deque allocates
  // two blocks, and most views (the paragraph's and the many of a few words) hold no such token.
  std::forward_list<std::string> extra_;
};

// Multi-word phrases → entry index. Matching is greedy longest-match from a given token.
class PhraseMatcher {
 public:
  struct Match {
    int entry = -1;  // index into the rows given to add()
    size_t tokens = 0;
  };
  // Adds `phrase` for `entry`. `case_sensitive` entries must match exactly (abbreviations such as
  // TOP or OA that are ordinary words in lower case). `plural` also accepts a trailing "s"/"es" on
  // the last word.
  void add(std::string_view phrase, int entry, bool case_sensitive, bool plural = false);
  // Longest phrase starting at token `i` (entry -1 when none). Most tokens start no phrase: the
  // filter tests are inline here, and only a token that passes one of them pays for the call.
  Match match(const TokenView& view, size_t i) const {
    std::string_view key = view.folded[i];
    bool maybe = first_filter_.maybe_hash(view.hash[i]) ||
                 (!key.empty() && key.back() == 's' && first_filter_.maybe_hash(view.hash_but_last[i])) ||
                 (!prefixes_.empty() && key.size() >= 3 && prefix_head_filter_.maybe(key.substr(0, 3)));
    return maybe ? match_filtered(view, i) : Match{};
  }
  bool empty() const { return first_.empty() && prefixes_.empty(); }

 private:
  // match() for a token that passed the filters.
  Match match_filtered(const TokenView& view, size_t i) const;
  struct Phrase {
    std::vector<std::string> words;
    int entry;
    bool case_sensitive;
    bool plural;
  };
  StringMap<std::vector<int>> first_;  // first word (folded) → phrases
  HashFilter first_filter_;            // keys of first_
  StringMap<int> prefixes_;            // one-word stems ("centrifug*") → entry
  StringMap<bool> prefix_heads_;       // first three bytes of every stem: a cheap pre-check
  HashFilter prefix_head_filter_;      // keys of prefix_heads_: most tokens skip the map lookup
  HashFilter prefix_filter_;           // keys of prefixes_: most prefixes of a token skip the map lookup
  static constexpr size_t kHashedPrefix = 48;  // longer prefixes (no stem is) go to the map unfiltered
  std::vector<Phrase> phrases_;
  size_t max_prefix_ = 0;
};

}  // namespace synthdb::rules
