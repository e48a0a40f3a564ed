#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace synthdb::classify {

// The paragraph labels: synthesis, materials_list, characterization, other (see features.h).
struct Prediction {
  std::string label;
  double score = 0;            // probability of `label`
  double synthesis_score = 0;  // probability of "synthesis"
  std::string method;          // synthesis method for synthesis paragraphs (method.h), else ""
};

// A loaded fastText paragraph model. Construct once (per process or per worker); predict() is
// const and thread-safe (scratch space is per call).
class Classifier {
 public:
  // Loads `model_path`; an empty path means data_dir()/models/synthesis.ftz. The file's header is
  // checked before fastText reads it (fastText itself may abort on a bad file), and the model must
  // carry exactly synthdb's labels. Throws ModelError naming the file and the reason.
  explicit Classifier(const std::filesystem::path& model_path = {});
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // Classifies one paragraph. `section` is its section heading ("" when unknown), `kind` its
  // paragraph kind ("body", "caption", ...; "" when unknown). Text that yields no tokens (empty,
  // whitespace) is "other" with score 1 and synthesis_score 0. Paragraphs longer than kMaxTokens
  // tokens are judged on their opening. The label is the most probable one, except that
  // `threshold` >= 0 decides synthesis on its own: label "synthesis" iff synthesis_score >=
  // threshold (otherwise the most probable of the other labels). Never throws for any input
  // bytes (callers reject invalid UTF-8 if they need to).
  Prediction predict(std::string_view text, std::string_view section = {}) const;
  Prediction predict(std::string_view text, std::string_view section, std::string_view kind,
                     double threshold = -1) const;

  // Label probabilities (kLabels order) computed by fastText's own Dictionary::getLine() and
  // FastText::predict(), bypassing the fast path predict() uses. For tests and checks; slow.
  std::array<double, 4> reference_probabilities(std::string_view text, std::string_view section = {},
                                                std::string_view kind = {}) const;
  // Whether predict() runs on the decoded-matrix fast path (true for models `synthdb train` writes).
  bool uses_fast_path() const;

  // Identifies the model file: "<file name>@<first 12 hex digits of its SHA-256>".
  std::string version() const;
  // The file that was loaded.
  const std::filesystem::path& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The default model location: data_dir()/models/synthesis.ftz.
std::filesystem::path default_model_path();

}  // namespace synthdb::classify
