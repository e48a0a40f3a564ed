#include "classify/train.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <unistd.h>

#include <fasttext/fasttext.h>

#include "extract/core/error.h"

namespace synthdb::classify {
namespace {

uint32_t fnv1a(std::string_view s, uint32_t h = 2166136261u) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

}  // namespace

void train_fasttext(const std::vector<Example>& examples, const std::filesystem::path& out,
                    const TrainOptions& options) {
  if (examples.empty()) throw ModelError(out.string() + ": no training examples");
  // fastText trains from a file: write "__label__X tokens..." lines next to the output.
  std::filesystem::path tmp = out;
  tmp += ".train." + std::to_string(::getpid()) + ".txt";
  {
    std::ofstream f(tmp, std::ios::binary);
    if (!f) throw ModelError(tmp.string() + ": cannot write training file");
    for (const Example& e : examples)
      f << "__label__" << e.label << ' ' << feature_string(e.text, e.section, e.kind) << '\n';
    if (!f) throw ModelError(tmp.string() + ": write error");
  }
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } remove_tmp{tmp};

  fasttext::Args a;
  a.input = tmp.string();
  a.output = out.string();
  a.model = fasttext::model_name::sup;
  a.loss = fasttext::loss_name::softmax;
  a.dim = options.dim;
  a.epoch = options.epochs;
  a.lr = options.lr;
  a.wordNgrams = options.word_ngrams;
  a.bucket = options.bucket;
  a.minCount = options.min_count;
  a.minn = 0;
  a.maxn = 0;
  a.thread = 1;  // one thread: Hogwild updates from several threads are not reproducible
  a.seed = options.seed;
  a.verbose = 0;
  try {
    fasttext::FastText ft;
    ft.train(a);
    if (options.quantize) {
      fasttext::Args q = a;
      q.qnorm = true;
      q.dsub = 2;
      q.cutoff = 0;  // no pruning: keeps the hashed n-gram rows addressable (see classifier.cc)
      q.retrain = false;
      ft.quantize(q);
    }
    ft.saveModel(out.string());
  } catch (const std::exception& e) {
    throw ModelError(out.string() + ": training failed: " + e.what());
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(out, ec)) throw ModelError(out.string() + ": model was not written");
}

std::vector<uint32_t> LogisticBaseline::features(std::string_view text, std::string_view section,
                                                 std::string_view kind) const {
  std::vector<std::string> tokens = feature_tokens(text, section, kind);
  std::vector<uint32_t> f;
  f.reserve(tokens.size() * 2);
  const uint32_t mask = (1u << kBits) - 1;
  uint32_t prev = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    uint32_t h = fnv1a(tokens[i]);
    f.push_back(h & mask);
    if (i > 0) f.push_back((prev * 116049371u + h + 0x9e3779b9u) & mask);
    prev = h;
  }
  std::sort(f.begin(), f.end());
  f.erase(std::unique(f.begin(), f.end()), f.end());  // binary (presence) features
  return f;
}

template <class X>
std::array<double, kNumLabels> LogisticBaseline::probabilities(const std::vector<uint32_t>& f, X x) const {
  std::array<double, kNumLabels> z{};
  for (int k = 0; k < kNumLabels; ++k) z[k] = b_[k];
  for (uint32_t i : f)
    for (int k = 0; k < kNumLabels; ++k) z[k] += w_[size_t{i} * kNumLabels + k] * x;
  double mx = *std::max_element(z.begin(), z.end()), sum = 0;
  for (double& v : z) sum += (v = std::exp(v - mx));
  for (double& v : z) v /= sum;
  return z;
}

void LogisticBaseline::train(const std::vector<Example>& examples, int seed, int epochs, double lr,
                             double l2) {
  w_.assign((size_t{1} << kBits) * kNumLabels, 0.0f);
  b_.fill(0.0f);
  std::vector<std::vector<uint32_t>> feats;
  std::vector<int> gold;
  for (const Example& e : examples) {
    feats.push_back(features(e.text, e.section, e.kind));
    gold.push_back(label_index(e.label));
  }
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(static_cast<uint32_t>(seed));
  for (int ep = 0; ep < epochs; ++ep) {
    std::shuffle(order.begin(), order.end(), rng);
    const double rate = lr / (1.0 + ep);
    for (size_t idx : order) {
      const auto& f = feats[idx];
      if (gold[idx] < 0 || f.empty()) continue;
      // Feature values are 1/sqrt(n) so long and short paragraphs get comparable logits.
      const float x = static_cast<float>(1.0 / std::sqrt(static_cast<double>(f.size())));
      const std::array<double, kNumLabels> p = probabilities(f, x);
      for (int k = 0; k < kNumLabels; ++k) {
        const double g = p[k] - (k == gold[idx] ? 1.0 : 0.0);
        b_[k] -= static_cast<float>(rate * g);
        for (uint32_t i : f) {
          float& w = w_[size_t{i} * kNumLabels + k];
          w -= static_cast<float>(rate * (g * x + l2 * w));
        }
      }
    }
  }
}

std::array<double, kNumLabels> LogisticBaseline::predict(std::string_view text, std::string_view section,
                                                         std::string_view kind) const {
  std::array<double, kNumLabels> p;
  p.fill(1.0 / kNumLabels);
  if (w_.empty()) return p;
  const auto f = features(text, section, kind);
  if (f.empty()) return p;
  return probabilities(f, 1.0 / std::sqrt(static_cast<double>(f.size())));
}

}  // namespace synthdb::classify
