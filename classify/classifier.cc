#include "classify/classifier.h"

#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <vector>

#include <fasttext/fasttext.h>

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
  int32_t loss = r.read<int32_t>("loss");
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

  // Word ids exactly as fastText's Dictionary::getLine() builds them for "tokens... </s>": ids of
  // known words, then hashed word n-grams over all tokens (known or not). Done here because
  // getLine() reads through an istream character by character, which costs more than the model.
  void ids_for(const std::vector<std::string>& tokens, std::vector<int32_t>& ids) const {
    std::vector<int32_t> hashes;
    hashes.reserve(tokens.size() + 1);
    ids.reserve(tokens.size() * static_cast<size_t>(header.word_ngrams) + 1);
    for (const std::string& t : tokens) {
      const uint32_t h = dict->hash(t);
      const int32_t wid = dict->getId(t, h);
      if (wid >= 0) ids.push_back(wid);
      hashes.push_back(static_cast<int32_t>(h));
    }
    if (eos_id >= 0) ids.push_back(eos_id);
    hashes.push_back(eos_hash);
    const auto n = static_cast<size_t>(header.word_ngrams);
    const auto bucket = static_cast<uint64_t>(header.bucket);
    if (bucket == 0) return;
    for (size_t i = 0; i < hashes.size(); ++i) {
      uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
      for (size_t j = i + 1; j < hashes.size() && j < i + n; ++j) {
        h = h * 116049371 + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
        ids.push_back(header.nwords + static_cast<int32_t>(h % bucket));
      }
    }
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
  std::vector<std::string> tokens = feature_tokens(text, section, kind);
  // Context tokens alone (heading, kind) are not evidence: no text tokens means "other".
  bool has_text = false;
  for (const std::string& t : tokens)
    if (t.rfind("__", 0) != 0) {
      has_text = true;
      break;
    }
  if (!has_text) return out;

  std::vector<int32_t> ids;
  if (m.header.pruneidx_size < 0 && m.header.maxn == 0) {
    m.ids_for(tokens, ids);
  } else {
    // Pruned or subword models: let fastText map the tokens itself.
    std::string line;
    for (const std::string& t : tokens) (line += t) += ' ';
    line += '\n';
    std::istringstream in(line);
    std::vector<int32_t> labels;
    m.dict->getLine(in, ids, labels);
  }
  fasttext::Predictions preds;
  m.ft.predict(kNumLabels, ids, preds, 0.0);
  if (preds.empty()) return out;
  std::array<double, kNumLabels> prob{};
  for (const auto& [logp, idx] : preds)
    if (idx >= 0 && idx < kNumLabels) prob[m.to_ours[idx]] = std::exp(static_cast<double>(logp));
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

std::string Classifier::version() const { return impl_->version; }
const std::filesystem::path& Classifier::path() const { return impl_->path; }

}  // namespace synthdb::classify
