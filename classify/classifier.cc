#include "classify/classifier.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <vector>

#include <fasttext/densematrix.h>
#include <fasttext/fasttext.h>
#include <fasttext/vector.h>

#include "classify/features.h"
#include "classify/method.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

namespace synthdb::classify {
namespace {

constexpr int32_t kFastTextMagic = 793712314;  // FASTTEXT_FILEFORMAT_MAGIC_INT32 (fasttext.cc)
constexpr int32_t kFastTextVersion = 12;

// What the header check learns about a model file before fastText is allowed to read it.
struct ModelHeader {
  int32_t dim = 0;
  int32_t word_ngrams = 0;
  int32_t bucket = 0;
  int32_t maxn = 0;
  int32_t loss = 0;
  int32_t nwords = 0;
  int64_t pruneidx_size = 0;
  std::vector<std::string> labels;  // without "__label__", in fastText's label order
};

// Reads fields in fastText's on-disk order and bounds every size by the bytes actually left, so
// that a truncated or foreign file becomes a ModelError instead of a huge allocation, a crash or
// an exit() inside fastText.
class HeaderReader {
 public:
  HeaderReader(const std::filesystem::path& path, std::istream& in, int64_t size)
      : path_(path), in_(in), size_(size) {}

  template <typename T>
  T read(const char* what) {
    T v{};
    in_.read(reinterpret_cast<char*>(&v), sizeof v);
    if (!in_) fail(std::string("truncated file (reading ") + what + ")");
    return v;
  }

  std::string read_cstring() {
    std::string s;
    char c;
    while (in_.get(c)) {
      if (c == '\0') return s;
      s += c;
      if (s.size() > 4096) fail("corrupt dictionary (word longer than 4096 bytes)");
    }
    fail("truncated file (in dictionary)");
  }

  int64_t remaining() { return size_ - static_cast<int64_t>(in_.tellg()); }

  [[noreturn]] void fail(const std::string& why) const {
    throw ModelError(path_.string() + ": not a usable fastText model: " + why);
  }

 private:
  const std::filesystem::path& path_;
  std::istream& in_;
  int64_t size_;
};

ModelHeader check_model_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw ModelError(path.string() + ": model file not found");
  const auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  std::ifstream in(path, std::ios::binary);
  if (!in || ec) throw ModelError(path.string() + ": cannot open model file: " + std::strerror(errno));
  HeaderReader r(path, in, size);
  if (r.read<int32_t>("magic") != kFastTextMagic) r.fail("wrong magic number (not a fastText .bin/.ftz)");
  int32_t version = r.read<int32_t>("version");
  if (version < 11 || version > kFastTextVersion)
    r.fail("unsupported fastText file version " + std::to_string(version));
  ModelHeader h;
  // Args::save: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate t.
  h.dim = r.read<int32_t>("dim");
  r.read<int32_t>("ws");
  r.read<int32_t>("epoch");
  r.read<int32_t>("minCount");
  r.read<int32_t>("neg");
  h.word_ngrams = r.read<int32_t>("wordNgrams");
  h.loss = r.read<int32_t>("loss");
  const int32_t loss = h.loss;
  int32_t model = r.read<int32_t>("model");
  h.bucket = r.read<int32_t>("bucket");
  int32_t minn = r.read<int32_t>("minn");
  h.maxn = r.read<int32_t>("maxn");
  r.read<int32_t>("lrUpdateRate");
  r.read<double>("t");
  if (h.dim <= 0 || h.dim > 2048) r.fail("implausible dimension " + std::to_string(h.dim));
  if (h.word_ngrams < 1 || h.word_ngrams > 10) r.fail("implausible wordNgrams");
  if (loss < 1 || loss > 4) r.fail("unknown loss");
  if (model != 3) r.fail("not a supervised (classification) model");
  if (h.bucket < 0 || minn < 0 || h.maxn < 0 || h.maxn > 64) r.fail("implausible arguments");
  // Dictionary::save: size nwords nlabels ntokens pruneidx_size, entries, pruneidx pairs.
  int32_t nentries = r.read<int32_t>("dictionary size");
  h.nwords = r.read<int32_t>("nwords");
  int32_t nlabels = r.read<int32_t>("nlabels");
  r.read<int64_t>("ntokens");
  h.pruneidx_size = r.read<int64_t>("pruneidx size");
  // Each entry takes at least 10 bytes (empty string, count, type).
  if (nentries < 0 || h.nwords < 0 || nlabels <= 0 || h.nwords + nlabels != nentries ||
      static_cast<int64_t>(nentries) * 10 > r.remaining())
    r.fail("corrupt dictionary header");
  for (int32_t i = 0; i < nentries; ++i) {
    std::string word = r.read_cstring();
    r.read<int64_t>("count");
    int8_t type = r.read<int8_t>("entry type");
    if (type == 1) {
      if (word.rfind("__label__", 0) != 0) r.fail("label without __label__ prefix");
      h.labels.push_back(word.substr(9));
    } else if (type != 0) {
      r.fail("corrupt dictionary entry");
    }
  }
  if (static_cast<int32_t>(h.labels.size()) != nlabels) r.fail("label count mismatch");
  if (h.pruneidx_size > 0 && h.pruneidx_size * 8 > r.remaining()) r.fail("corrupt prune index");
  if (h.pruneidx_size > 0) in.seekg(h.pruneidx_size * 8, std::ios::cur);
  bool quant = r.read<bool>("quant flag");
  if (quant) {
    r.read<bool>("qnorm");
    int64_t m = r.read<int64_t>("rows");
    int64_t n = r.read<int64_t>("columns");
    int32_t codesize = r.read<int32_t>("code size");
    if (n != h.dim || m <= 0 || codesize <= 0 || codesize > r.remaining()) r.fail("corrupt quantized matrix");
  } else {
    int64_t m = r.read<int64_t>("rows");
    int64_t n = r.read<int64_t>("columns");
    if (n != h.dim || m <= 0 || m > (int64_t{1} << 40) / (4 * n) || m * n * 4 > r.remaining())
      r.fail("corrupt input matrix");
  }
  return h;
}

}  // namespace

struct Classifier::Impl {
  std::filesystem::path path;
  std::string version;
  fasttext::FastText ft;
  std::shared_ptr<const fasttext::Dictionary> dict;
  ModelHeader header;
  std::array<int, kNumLabels> to_ours{};  // fastText label index -> kLabels index
  int32_t eos_hash = 0;
  int32_t eos_id = -1;

  // Fast path (softmax models without pruning or subwords): the model's matrices decoded once into
  // plain float arrays and a small vocabulary table. fastText's own predict() goes through a
  // 30M-slot word table (a cache miss per token) and product-quantizer decoding per row, which is
  // an order of magnitude slower than the 100,000 paragraphs/s we need. The arithmetic is the
  // same as fastText's (mean of input rows, output matrix, softmax); a test checks the two agree.
  bool fast = false;
  int dim = 0;
  std::vector<float> input;   // rows x dim
  std::vector<float> output;  // labels x dim, fastText label order
  // Open addressing on the word hash -> word id (id -1: empty). The hash sits in the slot so that
  // a probe touches one cache line; the word itself is compared only on a full hash match.
  struct Slot {
    uint32_t hash;
    int32_t id;
  };
  std::vector<Slot> slots;
  // The vocabulary's words back to back: word id is word_chars[word_begin[id] .. word_begin[id + 1]).
  std::string word_chars;
  std::vector<uint32_t> word_begin;

  // Word id of the token [p, p + len) with fasttext_hash() `h`, or -1. The `readable` bytes from
  // p on (at least len) may be read.
  int32_t lookup(const char* p, size_t len, size_t readable, uint32_t h) const {
    const size_t mask = slots.size() - 1;
    const Slot* const sl = slots.data();
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot s = sl[i];
      if (s.id < 0) return -1;
      if (s.hash != h) continue;
      const uint32_t b = word_begin[static_cast<size_t>(s.id)];
      if (word_begin[static_cast<size_t>(s.id) + 1] - b != len) continue;
      const char* const w = word_chars.data() + b;
      if constexpr (std::endian::native == std::endian::little) {
        // Most words fit in 8 bytes: one masked compare of two 8-byte loads. A byte loop's exit
        // depends on the word length and was mispredicted about once a token. word_chars ends in
        // 8 bytes of padding, and the token side is checked.
        if (len >= 1 && len <= 8 && readable >= 8) {
          uint64_t x, y;
          std::memcpy(&x, w, 8);
          std::memcpy(&y, p, 8);
          const uint64_t keep = ~uint64_t{0} >> (64 - 8 * len);
          if (((x ^ y) & keep) == 0) return s.id;
          continue;
        }
      }
      size_t k = 0;
      while (k < len && w[k] == p[k]) ++k;
      if (k == len) return s.id;
    }
  }

  static constexpr int kMaxFastDim = 64;

  // Fixed-width row sums in 4-float vectors (GCC/Clang vector extension: SSE2 on x86-64, NEON on
  // ARM); without it GCC left dim 16 as 16 scalar adds per row. Each lane adds the rows in the
  // same order as fastText, so the sums are bit-identical.
  using Float4 = float __attribute__((vector_size(16)));
  template <int D>
  void accumulate_rows(const int32_t* rows, size_t n, float* hidden) const {
    static_assert(D % 4 == 0);
    Float4 acc[D / 4] = {};
    const float* base = input.data();
    // Rows are scattered over the matrix: fetch a few ahead (the sum order is unchanged).
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) __builtin_prefetch(base + static_cast<size_t>(rows[i + kAhead]) * D);
      const float* r = base + static_cast<size_t>(rows[i]) * D;
      for (int q = 0; q < D / 4; ++q) {
        Float4 v;
        std::memcpy(&v, r + 4 * q, sizeof v);
        acc[q] += v;
      }
    }
    std::memcpy(hidden, acc, sizeof acc);
  }

  void accumulate(const int32_t* rows, size_t n, float* hidden) const {
    switch (dim) {
      case 16: return accumulate_rows<16>(rows, n, hidden);
      case 32: return accumulate_rows<32>(rows, n, hidden);
      default:
        std::fill(hidden, hidden + dim, 0.0f);
        for (size_t i = 0; i < n; ++i)
          for (int k = 0; k < dim; ++k) hidden[k] += input[static_cast<size_t>(rows[i]) * dim + k];
    }
  }

  void prepare_fast_path() {
    if (header.loss != 3 || header.pruneidx_size >= 0 || header.maxn != 0) return;
    std::shared_ptr<const fasttext::DenseMatrix> out;
    try {
      out = ft.getOutputMatrix();
    } catch (const std::exception&) {
      return;  // quantized output matrix: stay on fastText's path
    }
    if (!out || out->size(0) != kNumLabels || out->size(1) != header.dim || header.dim > kMaxFastDim) return;
    const int64_t rows = static_cast<int64_t>(header.nwords) + header.bucket;
    if (rows > INT32_MAX) return;  // row numbers are int32 on the fast path
    dim = header.dim;
    input.resize(static_cast<size_t>(rows * dim));
    fasttext::Vector v(dim);
    for (int64_t r = 0; r < rows; ++r) {
      ft.getInputVector(v, static_cast<int32_t>(r));
      std::copy(v.data(), v.data() + dim, input.begin() + r * dim);
    }
    output.assign(out->data(), out->data() + kNumLabels * dim);
    size_t cap = 16;
    while (cap < static_cast<size_t>(header.nwords) * 2) cap <<= 1;
    slots.assign(cap, Slot{0, -1});
    word_begin.push_back(0);
    for (int32_t id = 0; id < header.nwords; ++id) {
      const std::string& word = dict->getWord(id);
      const uint32_t h = fasttext_hash(word);
      if (h != dict->hash(word)) return;  // hash differs: do not trust
      word_chars += word;
      word_begin.push_back(static_cast<uint32_t>(word_chars.size()));
      size_t i = h & (cap - 1);
      while (slots[i].id >= 0) i = (i + 1) & (cap - 1);
      slots[i] = Slot{h, id};
    }
    word_chars.append(8, '\0');  // lookup() reads 8 bytes from the start of any word
    fast = true;
  }

  // Label probabilities in fastText's label order.
  bool probabilities_fast(const TokenBuffer& buf, std::array<double, kNumLabels>& prob) const {
    // The input rows fastText averages, in its order (Dictionary::getLine, addWordNgrams): the
    // words of the vocabulary, "</s>" (fastText reads it at the end of every line), then the
    // hashed word n-grams over all tokens and "</s>". The float sum depends on this order.
    const size_t nt = buf.size();
    const auto n = static_cast<size_t>(header.word_ngrams);
    // Per-thread scratch: predict() is const and thread-safe, and allocates nothing here.
    thread_local std::vector<int32_t> row_buf;
    if (row_buf.size() < nt * n + 1) row_buf.resize(nt * n + 1);
    int32_t* const rows = row_buf.data();
    size_t count = 0;
    const uint32_t* const hashes = buf.hashes.data();
    const uint32_t* const ends = buf.ends.data();
    const char* const chars = buf.chars.data();
    const size_t n_chars = buf.chars.size();
    uint32_t begin = 0;
    for (size_t i = 0; i < nt; ++i) {
      const int32_t id = lookup(chars + begin, ends[i] - begin, n_chars - begin, hashes[i]);
      begin = ends[i];
      rows[count] = id;
      count += id >= 0;
    }
    if (eos_id >= 0) rows[count++] = eos_id;
    const auto bucket = static_cast<uint64_t>(header.bucket);
    if (bucket > 0 && nt > 0) {
      // Dictionary::addWordNgrams: int32 hashes widened with sign extension, mod bucket.
      // A power-of-two bucket count (the default) turns the 64-bit modulo into a mask.
      const auto wide = [](uint32_t h) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(h))); };
      const bool pow2 = (bucket & (bucket - 1)) == 0;
      const auto row = [&](uint64_t h) {
        return header.nwords + static_cast<int32_t>(pow2 ? h & (bucket - 1) : h % bucket);
      };
      if (n == 2) {
        for (size_t i = 0; i + 1 < nt; ++i) rows[count++] = row(wide(hashes[i]) * 116049371 + wide(hashes[i + 1]));
        rows[count++] = row(wide(hashes[nt - 1]) * 116049371 + wide(static_cast<uint32_t>(eos_hash)));
      } else {
        const auto hash_at = [&](size_t k) { return wide(k < nt ? hashes[k] : static_cast<uint32_t>(eos_hash)); };
        for (size_t i = 0; i <= nt; ++i) {
          uint64_t h = hash_at(i);
          for (size_t j = i + 1; j <= nt && j < i + n; ++j) {
            h = h * 116049371 + hash_at(j);
            rows[count++] = row(h);
          }
        }
      }
    }
    if (count == 0) return false;
    float hidden[kMaxFastDim];
    accumulate(rows, count, hidden);
    const float inv = 1.0f / static_cast<float>(count);
    std::array<double, kNumLabels> z{};
    double mx = -1e300;
    for (int l = 0; l < kNumLabels; ++l) {
      float acc = 0;
      const float* w = output.data() + l * dim;
      for (int k = 0; k < dim; ++k) acc += w[k] * hidden[k];
      z[l] = static_cast<double>(acc * inv);
      mx = std::max(mx, z[l]);
    }
    double sum = 0;
    for (double& x : z) sum += (x = std::exp(x - mx));
    for (int l = 0; l < kNumLabels; ++l) prob[l] = z[l] / sum;
    return true;
  }

  // Through fastText's own Dictionary::getLine() and FastText::predict().
  bool probabilities_fasttext(const TokenBuffer& buf, std::array<double, kNumLabels>& prob) const {
    std::string line;
    for (size_t i = 0; i < buf.size(); ++i) (line += buf.token(i)) += ' ';
    line += '\n';
    std::istringstream in(line);
    std::vector<int32_t> ids, labels;
    dict->getLine(in, ids, labels);
    fasttext::Predictions preds;
    ft.predict(kNumLabels, ids, preds, 0.0);
    if (preds.empty()) return false;
    prob.fill(0.0);
    for (const auto& [logp, idx] : preds)
      if (idx >= 0 && idx < kNumLabels) prob[idx] = std::exp(static_cast<double>(logp));
    return true;
  }
};

std::filesystem::path default_model_path() { return data_dir() / "models" / "synthesis.ftz"; }

Classifier::Classifier(const std::filesystem::path& model_path) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = model_path.empty() ? default_model_path() : model_path;
  m.header = check_model_file(m.path);
  if (static_cast<int>(m.header.labels.size()) != kNumLabels)
    throw ModelError(m.path.string() + ": model has " + std::to_string(m.header.labels.size()) +
                     " labels, synthdb needs exactly synthesis, materials_list, characterization, other");
  for (int i = 0; i < kNumLabels; ++i) {
    int ours = label_index(m.header.labels[i]);
    if (ours < 0) throw ModelError(m.path.string() + ": unknown label '" + m.header.labels[i] + "'");
    m.to_ours[i] = ours;
  }
  try {
    m.ft.loadModel(m.path.string());
  } catch (const std::bad_alloc&) {
    throw ModelError(m.path.string() + ": corrupt model (out of memory while loading)");
  } catch (const std::exception& e) {
    throw ModelError(m.path.string() + ": cannot load model: " + e.what());
  }
  m.dict = m.ft.getDictionary();
  const std::string eos = fasttext::Dictionary::EOS;
  m.eos_hash = static_cast<int32_t>(m.dict->hash(eos));
  m.eos_id = m.dict->getId(eos);
  try {
    m.prepare_fast_path();
  } catch (const std::bad_alloc&) {
    m.fast = false;  // not enough memory to decode: fastText's path still works
  }
  m.version = m.path.filename().string() + "@" + sha256_file(m.path).substr(0, 12);
}

Classifier::~Classifier() = default;

Prediction Classifier::predict(std::string_view text, std::string_view section) const {
  return predict(text, section, {}, -1);
}

Prediction Classifier::predict(std::string_view text, std::string_view section, std::string_view kind,
                               double threshold) const {
  const Impl& m = *impl_;
  Prediction out{"other", 1.0, 0.0, ""};
  // Per-thread scratch reused across calls (capacity kept; only the first calls allocate).
  thread_local TokenBuffer buf;
  if (buf.chars.capacity() > (size_t{1} << 20)) buf = TokenBuffer{};  // after a huge paragraph
  buf.clear();
  context_tokens(section, kind, buf);
  const size_t n_context = buf.size();
  tokenize_text(text, buf, kMaxTokens);
  // Context tokens alone (heading, kind) are not evidence: no text tokens means "other".
  if (buf.size() == n_context) return out;
  std::array<double, kNumLabels> raw{};
  if (!(m.fast ? m.probabilities_fast(buf, raw) : m.probabilities_fasttext(buf, raw))) return out;
  std::array<double, kNumLabels> prob{};
  for (int i = 0; i < kNumLabels; ++i) prob[m.to_ours[i]] = raw[i];
  int best = 0;
  for (int i = 1; i < kNumLabels; ++i)
    if (prob[i] > prob[best]) best = i;
  if (threshold >= 0) {
    if (prob[0] >= threshold) {
      best = 0;
    } else if (best == 0) {
      best = 1;
      for (int i = 2; i < kNumLabels; ++i)
        if (prob[i] > prob[best]) best = i;
    }
  }
  out.label = kLabels[best];
  out.score = prob[best];
  out.synthesis_score = prob[0];
  if (best == 0) out.method = detect_method(text);
  return out;
}

std::array<double, kNumLabels> Classifier::reference_probabilities(std::string_view text,
                                                                  std::string_view section,
                                                                  std::string_view kind) const {
  const Impl& m = *impl_;
  TokenBuffer buf;
  context_tokens(section, kind, buf);
  tokenize_text(text, buf, kMaxTokens);
  std::array<double, kNumLabels> raw{}, prob{};
  if (!m.probabilities_fasttext(buf, raw)) return prob;
  for (int i = 0; i < kNumLabels; ++i) prob[m.to_ours[i]] = raw[i];
  return prob;
}

bool Classifier::uses_fast_path() const { return impl_->fast; }

std::string Classifier::version() const { return impl_->version; }
const std::filesystem::path& Classifier::path() const { return impl_->path; }

}  // namespace synthdb::classify
