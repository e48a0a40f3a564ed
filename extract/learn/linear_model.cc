#include "extract/learn/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

#include "extract/core/error.h"

namespace synthdb::learn {
namespace {

constexpr std::string_view kMagic = "synthdb-linear 1";
constexpr std::string_view kBias = "<bias>";
constexpr double kDropBelow = 1e-6;


std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

}  // namespace

LinearModel LinearModel::train(std::span<const Example> examples, const TrainOptions& options) {
  if (examples.empty()) throw ModelError("cannot train a linear model: no examples");
  LinearModel model;
  std::map<std::string, std::size_t, std::less<>> label_ids;
  std::unordered_map<std::string, std::size_t> feature_ids;
  std::vector<std::string> feature_names;
  auto feature_id = [&](std::string_view f) {
    auto it = feature_ids.find(std::string(f));
    if (it != feature_ids.end()) return it->second;
    feature_names.emplace_back(f);
    return feature_ids.emplace(std::string(f), feature_names.size() - 1).first->second;
  };
  feature_id(kBias);
  // Examples as (label id, feature ids) once, so that epochs do no hashing.
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> data;
  data.reserve(examples.size());
  for (const Example& e : examples) {
    auto [it, inserted] = label_ids.emplace(e.label, model.labels_.size());
    if (inserted) model.labels_.push_back(e.label);
    std::vector<std::size_t> ids{0};
    for (const std::string& f : e.features) ids.push_back(feature_id(f));
    data.emplace_back(it->second, std::move(ids));
  }
  const std::size_t k = model.labels_.size();
  if (k < 2) throw ModelError("cannot train a linear model: the examples carry only one label");

  std::vector<double> w(feature_names.size() * k, 0.0), g2(w.size(), 0.0);
  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<double> p(k);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Fisher-Yates with the raw generator: the same order on every standard library.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (std::size_t idx : order) {
      const auto& [y, ids] = data[idx];
      std::fill(p.begin(), p.end(), 0.0);
      for (std::size_t f : ids)
        for (std::size_t j = 0; j < k; ++j) p[j] += w[f * k + j];
      double top = *std::max_element(p.begin(), p.end()), sum = 0;
      for (double& v : p) sum += (v = std::exp(v - top));
      for (double& v : p) v /= sum;
      for (std::size_t f : ids) {
        for (std::size_t j = 0; j < k; ++j) {
          double& wj = w[f * k + j];
          double grad = p[j] - (j == y ? 1.0 : 0.0) + (f == 0 ? 0.0 : options.l2 * wj);
          g2[f * k + j] += grad * grad;
          wj -= options.learning_rate * grad / (std::sqrt(g2[f * k + j]) + 1e-8);
        }
      }
    }
  }
  for (std::size_t f = 0; f < feature_names.size(); ++f) {
    bool keep = false;
    for (std::size_t j = 0; j < k; ++j) keep |= std::abs(w[f * k + j]) >= kDropBelow;
    if (!keep) continue;
    std::vector<float> row(k);
    for (std::size_t j = 0; j < k; ++j) row[j] = static_cast<float>(w[f * k + j]);
    model.add_feature(feature_names[f], row);
  }
  return model;
}

std::string LinearModel::read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(path.string() + ": cannot open linear model");
  std::stringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

LinearModel LinearModel::load(const std::filesystem::path& path) { return parse(read_file(path), path); }

LinearModel LinearModel::parse(std::string_view bytes, const std::filesystem::path& path) {
  std::istringstream in{std::string(bytes)};
  auto fail = [&](int line, const std::string& why) -> ModelError {
    return ModelError(path.string() + ":" + std::to_string(line) + ": " + why);
  };
  LinearModel model;
  std::string line;
  int line_no = 0;
  // A file saved by an editor with CRLF line ends reads the same.
  auto next_line = [&] {
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  };
  if (!next_line() || line != kMagic) throw fail(1, "not a synthdb linear model (expected '" + std::string(kMagic) + "')");
  ++line_no;
  if (!next_line()) throw fail(2, "missing labels line");
  ++line_no;
  auto cols = split_tabs(line);
  if (cols.size() < 3 || cols[0] != "labels") throw fail(2, "expected 'labels' and at least two labels");
  for (std::size_t i = 1; i < cols.size(); ++i) {
    if (cols[i].empty()) throw fail(2, "empty label");
    if (std::find(model.labels_.begin(), model.labels_.end(), cols[i]) != model.labels_.end())
      throw fail(2, "label '" + std::string(cols[i]) + "' listed twice");
    model.labels_.emplace_back(cols[i]);
  }
  const std::size_t k = model.labels_.size();
  while (next_line()) {
    ++line_no;
    if (line.empty()) continue;
    cols = split_tabs(line);
    if (cols.size() != k + 1) throw fail(line_no, "expected a feature and " + std::to_string(k) + " weights");
    std::vector<float> row;
    for (std::size_t j = 1; j <= k; ++j) {
      std::string number(cols[j]);
      char* end = nullptr;
      double v = std::strtod(number.c_str(), &end);
      // Checked as a float: 1e39 is a finite double but no float (the cast would be undefined).
      if (number.empty() || *end != '\0' || !std::isfinite(v) || std::abs(v) > std::numeric_limits<float>::max())
        throw fail(line_no, "bad weight '" + number + "'");
      row.push_back(static_cast<float>(v));
    }
    try {
      model.add_feature(std::string(cols[0]), row);
    } catch (const ModelError& e) {
      throw fail(line_no, e.what());
    }
  }
  return model;
}

void LinearModel::save(const std::filesystem::path& path) const {
  std::vector<std::pair<std::string_view, std::size_t>> rows;
  for (std::size_t f = 0; f < names_.size(); ++f) rows.emplace_back(names_[f], f * labels_.size());
  std::sort(rows.begin(), rows.end());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw ModelError(path.string() + ": cannot write linear model");
  out << kMagic << "\nlabels";
  for (const std::string& l : labels_) out << '\t' << l;
  out << '\n';
  char buf[32];
  for (const auto& [name, at] : rows) {
    out << name;
    for (std::size_t j = 0; j < labels_.size(); ++j) {
      std::snprintf(buf, sizeof buf, "\t%.6g", static_cast<double>(weights_[at + j]));
      out << buf;
    }
    out << '\n';
  }
  if (!out.flush()) throw ModelError(path.string() + ": write failed");
}

void LinearModel::add_feature(std::string name, std::span<const float> weights) {
  if ((names_.size() + 1) * 2 > slots_.size()) {  // grow and rehash
    std::size_t size = std::max<std::size_t>(64, slots_.size() * 2);
    keys_.assign(size, 0);
    slots_.assign(size, 0);
    std::vector<std::string> names = std::move(names_);
    names_.clear();
    std::vector<float> all = std::move(weights_);
    weights_.clear();
    const std::size_t k = labels_.size();
    for (std::size_t f = 0; f < names.size(); ++f)
      add_feature(std::move(names[f]), std::span<const float>(all.data() + f * k, k));
  }
  const std::uint64_t key = feature_key(name);
  std::size_t mask = slots_.size() - 1, at = key & mask;
  while (slots_[at] != 0) {
    if (keys_[at] == key) {
      throw ModelError(names_[slots_[at] - 1] == name ? "feature '" + name + "' listed twice"
                                                      : "features '" + name + "' and '" + names_[slots_[at] - 1] +
                                                            "' have the same key");
    }
    at = (at + 1) & mask;
  }
  keys_[at] = key;
  names_.push_back(std::move(name));
  slots_[at] = static_cast<std::uint32_t>(names_.size());
  weights_.insert(weights_.end(), weights.begin(), weights.end());
}

void LinearModel::add_scores(std::uint64_t key, std::vector<double>& scores) const {
  if (slots_.empty()) return;
  std::size_t mask = slots_.size() - 1, at = key & mask;
  while (slots_[at] != 0) {
    if (keys_[at] == key) {
      const float* w = weights_.data() + (slots_[at] - 1) * scores.size();
      for (std::size_t j = 0; j < scores.size(); ++j) scores[j] += w[j];
      return;
    }
    at = (at + 1) & mask;
  }
}

std::vector<double> LinearModel::finish(std::vector<double> scores) const {
  add_scores(feature_key(kBias), scores);
  double top = *std::max_element(scores.begin(), scores.end()), sum = 0;
  for (double& v : scores) sum += (v = std::exp(v - top));
  for (double& v : scores) v /= sum;
  return scores;
}

namespace {
// The three overloads differ only in how a feature becomes its key.
std::uint64_t key_of(std::uint64_t key) { return key; }
std::uint64_t key_of(std::string_view feature) { return feature_key(feature); }
}  // namespace

template <class Feature>
std::vector<double> LinearModel::probabilities_of(std::span<const Feature> features) const {
  if (labels_.empty()) return {};
  std::vector<double> scores(labels_.size(), 0.0);
  for (const Feature& f : features) add_scores(key_of(f), scores);
  return finish(std::move(scores));
}

std::vector<double> LinearModel::probabilities(std::span<const std::string_view> features) const {
  return probabilities_of(features);
}
std::vector<double> LinearModel::probabilities(std::span<const std::string> features) const {
  return probabilities_of(features);
}
std::vector<double> LinearModel::probabilities(std::span<const std::uint64_t> keys) const {
  return probabilities_of(keys);
}

std::size_t LinearModel::argmax(const std::vector<double>& p) {
  return static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
}

std::size_t LinearModel::predict(std::span<const std::string_view> features) const {
  return argmax(probabilities(features));
}
std::size_t LinearModel::predict(std::span<const std::string> features) const { return argmax(probabilities(features)); }
std::size_t LinearModel::predict(std::span<const std::uint64_t> keys) const { return argmax(probabilities(keys)); }

std::vector<std::string> cross_validate(std::span<const Example> examples, int folds,
                                        const TrainOptions& options) {
  if (folds < 2) throw ModelError("cross-validation needs at least 2 folds");
  std::vector<std::string> predicted(examples.size());
  std::vector<int> fold_of(examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i)
    fold_of[i] = static_cast<int>(feature_key(examples[i].group) % static_cast<std::uint64_t>(folds));
  for (int f = 0; f < folds; ++f) {
    std::vector<Example> train;
    for (std::size_t i = 0; i < examples.size(); ++i)
      if (fold_of[i] != f) train.push_back(examples[i]);
    bool any_held = std::find(fold_of.begin(), fold_of.end(), f) != fold_of.end();
    if (!any_held || train.empty()) continue;
    bool one_label = std::all_of(train.begin(), train.end(),
                                 [&](const Example& e) { return e.label == train.front().label; });
    LinearModel model = one_label ? LinearModel() : LinearModel::train(train, options);
    for (std::size_t i = 0; i < examples.size(); ++i)
      if (fold_of[i] == f)
        predicted[i] = one_label ? train.front().label : model.labels()[model.predict(examples[i].features)];
  }
  return predicted;
}

}  // namespace synthdb::learn
