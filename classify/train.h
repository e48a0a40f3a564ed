#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "classify/dataset.h"
#include "classify/features.h"

namespace synthdb::classify {

// fastText supervised settings. Defaults are the shipped model's (models/README.md).
struct TrainOptions {
  int seed = 1;
  int epochs = 30;
  double lr = 0.5;
  int dim = 16;
  int word_ngrams = 2;
  int bucket = 32768;  // hashed n-gram rows: few enough that the decoded matrix stays in cache
  int min_count = 2;
  bool quantize = true;  // product-quantize the input matrix (.ftz)
};

// Trains a fastText model on `examples` (features from feature_string()) with one thread, so the
// result is a function of the examples, their order and the options. Writes the model to `out`
// (quantized when options.quantize). `scratch_dir` receives the temporary training file (removed
// afterwards). Throws ModelError when training fails (e.g. no examples, unwritable output).
void train_fasttext(const std::vector<Example>& examples, const std::filesystem::path& out,
                    const TrainOptions& options);

// The logistic-regression baseline: multinomial logistic regression over the same feature
// tokens (unigrams and bigrams hashed into 2^20 weights per label), trained by SGD with a seeded
// shuffle. Small and self-contained so that fastText's choice can be checked against it.
class LogisticBaseline {
 public:
  static constexpr int kBits = 20;

  // Trains from scratch. Deterministic given `seed`.
  void train(const std::vector<Example>& examples, int seed = 1, int epochs = 10, double lr = 0.2,
             double l2 = 1e-6);
  // Probabilities in kLabels order. Before train() all labels get 0.25.
  std::array<double, kNumLabels> predict(std::string_view text, std::string_view section = {},
                                         std::string_view kind = {}) const;

 private:
  std::vector<uint32_t> features(std::string_view text, std::string_view section,
                                 std::string_view kind) const;
  // Softmax of the linear scores of features `f`, each of value `x`: one definition for training and
  // prediction. A template because training passes a float `x` and prediction a double, and their
  // products with the float weights round differently (trained models stay byte-identical).
  template <class X>
  std::array<double, kNumLabels> probabilities(const std::vector<uint32_t>& f, X x) const;
  std::vector<float> w_;  // [feature][label]
  std::array<float, kNumLabels> b_{};
};

}  // namespace synthdb::classify
