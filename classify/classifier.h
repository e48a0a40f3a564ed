#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace synthdb::classify {

// The paragraph labels: synthesis, materials_list, characterization, other.
struct Prediction {
  std::string label;
  double score = 0;            // probability of `label`
  double synthesis_score = 0;  // probability of "synthesis"
  std::string method;          // synthesis method for synthesis paragraphs, else ""
};

// A loaded fastText model. Construct once; predict() is const and thread-safe.
class Classifier {
 public:
  // Loads `model_path` (default: data_dir()/models/synthesis.ftz). Throws ModelError naming the file.
  explicit Classifier(const std::filesystem::path& model_path = {});
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // `section` is the paragraph's section heading ("" when unknown).
  Prediction predict(std::string_view text, std::string_view section = {}) const;

  // Identifies the model file (name + content hash prefix).
  std::string version() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace synthdb::classify
