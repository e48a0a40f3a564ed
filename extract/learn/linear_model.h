#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb::learn {

// One training example: sparse binary features (any strings, e.g. "prev=of", "prior=solvent"),
// its label, and the group it belongs to (a paper or paragraph id) so that cross-validation never
// splits one group across folds.
struct Example {
  std::vector<std::string> features;
  std::string label;
  std::string group;
};

struct TrainOptions {
  int epochs = 30;
  double learning_rate = 0.2;  // AdaGrad base rate
  double l2 = 1e-4;            // per-example L2 penalty, applied to the weights an example touches
  std::uint64_t seed = 1;      // shuffling order; training is deterministic for a given seed
};

// The key of a feature string: 64-bit FNV-1a over its bytes. Streaming, so that a feature can be
// hashed from its pieces without building the string: feature_key("prev=", word) equals
// feature_key("prev=" + word). Prediction looks features up by key.
constexpr std::uint64_t kFeatureKeySeed = 1469598103934665603ull;
constexpr std::uint64_t feature_key_add(std::uint64_t h, std::string_view piece) {
  for (char c : piece) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}
constexpr std::uint64_t feature_key(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  return feature_key_add(feature_key_add(feature_key_add(kFeatureKeySeed, a), b), c);
}

// A multinomial logistic-regression model over string features, small enough to read: the file is
// plain text (one feature per line with one weight per label), so a curator can see why a decision
// was taken and a reviewer can diff two models. Loading is strict; prediction is const and
// thread-safe.
//
// File format (UTF-8, tab-separated):
//   synthdb-linear 1
//   labels<TAB>L1<TAB>L2...
//   <feature><TAB>w1<TAB>w2...          (the feature "<bias>" is the bias)
// Labels must be distinct and non-empty; weights must be finite floats; CRLF line ends are
// accepted. Training treats a feature named "<bias>" as the bias, so feature extractors must not
// produce that name.
class LinearModel {
 public:
  LinearModel() = default;

  // Trains on `examples` (labels are taken from them, in first-seen order). Throws ModelError when
  // there are no examples or fewer than two labels.
  static LinearModel train(std::span<const Example> examples, const TrainOptions& options = {});
  // Reads a model file. Throws ModelError naming the file and line on any defect.
  static LinearModel load(const std::filesystem::path& path);
  // The same for a model file's bytes already read (read_file()); `path` names it in errors.
  static LinearModel parse(std::string_view bytes, const std::filesystem::path& path);
  // A model file's bytes. Throws ModelError naming the file when it cannot be opened.
  static std::string read_file(const std::filesystem::path& path);
  // Writes the model (weights with |w| < 1e-6 are dropped; features sorted). Throws ModelError.
  void save(const std::filesystem::path& path) const;

  const std::vector<std::string>& labels() const { return labels_; }
  bool empty() const { return labels_.empty(); }

  // Label probabilities in labels() order. Unknown features are ignored. `features` may hold
  // std::string or std::string_view.
  std::vector<double> probabilities(std::span<const std::string_view> features) const;
  std::vector<double> probabilities(std::span<const std::string> features) const;
  // The same from feature keys (feature_key()): no strings needed at prediction time.
  std::vector<double> probabilities(std::span<const std::uint64_t> keys) const;
  // The most probable label's index (ties: the first).
  std::size_t predict(std::span<const std::string_view> features) const;
  std::size_t predict(std::span<const std::string> features) const;
  std::size_t predict(std::span<const std::uint64_t> keys) const;

 private:
  // Adds feature `name` with its weights; throws ModelError when its key is taken.
  void add_feature(std::string name, std::span<const float> weights);
  void add_scores(std::uint64_t key, std::vector<double>& scores) const;
  template <class Feature>
  std::vector<double> probabilities_of(std::span<const Feature> features) const;
  static std::size_t argmax(const std::vector<double>& p);
  std::vector<double> finish(std::vector<double> scores) const;

  std::vector<std::string> labels_;
  std::vector<std::string> names_;  // feature names, in weights_ order (for save())
  std::vector<float> weights_;      // labels_.size() weights per feature
  // Open-addressing table (power-of-two size, at most half full): key -> feature number + 1
  // (0 = empty slot). One probe sequence on a flat array instead of a string hash map.
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slots_;
};

// Grouped k-fold cross-validation: each example is predicted by a model trained on the folds that do
// not hold its group (fold = stable hash of the group modulo k). Returns the predicted label of
// every example, in input order. For honest tuning on a development split.
std::vector<std::string> cross_validate(std::span<const Example> examples, int folds,
                                        const TrainOptions& options = {});

}  // namespace synthdb::learn
