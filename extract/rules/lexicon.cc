#include "extract/rules/lexicon.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <fstream>

#include "extract/core/error.h"

namespace synthdb::rules {

std::unique_ptr<re2::RE2> compile(const std::string& name, const std::string& pattern, bool case_sensitive) {
  re2::RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok()) throw RuleError("rule '" + name + "' does not compile: " + re->error());
  return re;
}

const std::string& LexiconFiles::bytes(std::string_view file) {
  auto it = bytes_.find(file);
  if (it == bytes_.end()) it = bytes_.emplace(std::string(file), read_lexicon_file(path(file))).first;
  return it->second;
}

std::vector<TsvRow> LexiconFiles::read_tsv(std::string_view file, size_t min_fields) {
  return parse_tsv(bytes(file), path(file), min_fields);
}

TokenView::TokenView(std::string_view t, std::string_view lower) : text(t), tokens(tokenize(t)), lower_(lower) {
  if (lower_.size() != t.size()) {
    own_lower_ = ascii_lower(t);
    lower_ = own_lower_;
  }
  const size_t n = tokens.size();
  folded.resize(n);
  hashes_.resize(2 * n);
  hash = std::span<const size_t>(hashes_.data(), n);
  hash_but_last = std::span<const size_t>(hashes_.data() + n, n);
  // StringHash (FNV-1a) inlined so that the prefix hash comes for free; computed on the lower-cased
  // bytes in the same pass that looks for non-ASCII bytes (an ASCII token's folded form is those
  // bytes), and again only for the few tokens that ICU folds.
  auto fnv = [](std::string_view w, size_t* full, size_t* but_last) {
    uint64_t h = StringHash::kBasis, prev = h;
    for (unsigned char c : w) {
      prev = h;
      h = StringHash::step(h, c);
    }
    *full = static_cast<size_t>(h);
    *but_last = static_cast<size_t>(prev);
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string_view w(lower_.data() + tokens[i].begin, tokens[i].end - tokens[i].begin);
    uint64_t h = StringHash::kBasis, prev = h;
    unsigned char high = 0;
    for (unsigned char c : w) {
      high |= c;
      prev = h;
      h = StringHash::step(h, c);
    }
    if (high < 0x80) {
      folded[i] = w;
      hashes_[i] = static_cast<size_t>(h);
      hashes_[n + i] = static_cast<size_t>(prev);
    } else {
      extra_.push_front(fold_case(raw(i)));
      folded[i] = extra_.front();
      fnv(folded[i], &hashes_[i], &hashes_[n + i]);
    }
  }
}

void PhraseMatcher::add(std::string_view phrase, int entry, bool case_sensitive, bool plural) {
  if (phrase.size() > 1 && phrase.back() == '*' && phrase.find(' ') == std::string_view::npos) {
    std::string stem = fold_case(phrase.substr(0, phrase.size() - 1));
    max_prefix_ = std::max(max_prefix_, stem.size());
    prefix_heads_[stem.substr(0, 3)] = true;
    prefix_head_filter_.add(stem.substr(0, 3));
    prefix_filter_.add(stem);
    prefixes_.emplace(std::move(stem), entry);
    return;
  }
  Phrase p;
  for (const Token& t : tokenize(phrase)) {
    std::string_view w = phrase.substr(t.begin, t.end - t.begin);
    p.words.push_back(case_sensitive ? std::string(w) : fold_case(w));
  }
  if (p.words.empty()) return;
  p.entry = entry;
  p.case_sensitive = case_sensitive;
  p.plural = plural;
  std::string key = case_sensitive ? fold_case(p.words[0]) : p.words[0];
  first_filter_.add(key);
  first_[key].push_back(static_cast<int>(phrases_.size()));
  phrases_.push_back(std::move(p));
}

namespace {

bool word_equal(const std::string& want, std::string_view raw, std::string_view folded, bool cs, bool plural) {
  std::string_view have = cs ? raw : folded;
  if (have == want) return true;
  if (!plural) return false;
  if (have.size() == want.size() + 1 && have.back() == 's' && have.substr(0, want.size()) == want) return true;
  return have.size() == want.size() + 2 && have.substr(want.size()) == "es" && have.substr(0, want.size()) == want;
}

}  // namespace

PhraseMatcher::Match PhraseMatcher::match_filtered(const TokenView& view, size_t i) const {
  Match best;
  std::string_view key = view.folded[i];
  auto it = first_filter_.maybe_hash(view.hash[i]) ? first_.find_hashed(key, view.hash[i]) : first_.end();
  if (it == first_.end() && !key.empty() && key.back() == 's' && first_filter_.maybe_hash(view.hash_but_last[i])) {
    it = first_.find_hashed(key.substr(0, key.size() - 1), view.hash_but_last[i]);
  }
  if (it != first_.end()) {
    for (int pi : it->second) {
      const Phrase& p = phrases_[pi];
      if (p.words.size() <= best.tokens || i + p.words.size() > view.tokens.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < p.words.size() && ok; ++k) {
        bool last = k + 1 == p.words.size();
        ok = word_equal(p.words[k], view.raw(i + k), view.folded[i + k], p.case_sensitive, p.plural && last);
        // Words of a phrase must be separated by spaces only, not by sentence punctuation.
        if (ok && k > 0 && view.tokens[i + k].begin > 0) {
          char before = view.text[view.tokens[i + k - 1].end];
          ok = before != ',' && before != '.' && before != ';' && before != ')';
        }
      }
      if (ok) best = {p.entry, p.words.size()};
    }
  }
  if (best.entry < 0 && !prefixes_.empty() && key.size() >= 3 && prefix_head_filter_.maybe(key.substr(0, 3)) &&
      prefix_heads_.count(key.substr(0, 3))) {
    // StringHash of every prefix of the key in one FNV-1a pass: a prefix that prefix_filter_ rules
    // out skips its hash-map lookup, which hashed the prefix again (s19-speed).
    const size_t top = std::min(max_prefix_, key.size());
    const size_t hashed = std::min(top, kHashedPrefix);
    std::array<size_t, kHashedPrefix + 1> prefix_hash;
    uint64_t h = StringHash::kBasis;
    for (size_t k = 0; k < hashed; ++k) {
      h = StringHash::step(h, static_cast<unsigned char>(key[k]));
      prefix_hash[k + 1] = static_cast<size_t>(h);
    }
    for (size_t n = top; n >= 3; --n) {
      if (n <= hashed && !prefix_filter_.maybe_hash(prefix_hash[n])) continue;
      auto pit = n <= hashed ? prefixes_.find_hashed(key.substr(0, n), prefix_hash[n]) : prefixes_.find(key.substr(0, n));
      if (pit != prefixes_.end()) return {pit->second, 1};
    }
  }
  return best;
}

}  // namespace synthdb::rules
