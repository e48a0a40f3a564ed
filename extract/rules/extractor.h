#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "extract/core/entity.h"

namespace synthdb::rules {

// Where the extractor's data comes from, and whether the learned stages run.
struct ExtractorOptions {
  std::filesystem::path lexicon_dir;  // default: data_dir()/extract/rules/lexicons
  std::filesystem::path model_dir;    // learned stages (learned.h); default: data_dir()/models
  bool learned = true;                // false: the rules alone (for training the learned stages)
};

// Rule-based entity extractor (RE2 patterns + ICU + lexicon data files), followed by the learned
// stages whose model files exist (learned.h). Construct once; extract() is const and safe to call
// from several threads.
class Extractor {
 public:
  // Loads lexicons from `lexicon_dir` (default: data_dir()/extract/rules/lexicons) and the learned
  // stages' models, and compiles the rules. Throws RuleError naming the file or rule that does not
  // load, ModelError for a model file that does not load.
  explicit Extractor(const std::filesystem::path& lexicon_dir = {});
  // The same with every source named; `learned = false` gives the rules alone (train-extract, and
  // `extract --no-learned`).
  explicit Extractor(const ExtractorOptions& options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Entities of one paragraph, offsets in code points. Throws InputError for invalid UTF-8.
  Extraction extract(std::string_view text) const;

  // Identifies rules + lexicons + learned models (changes when any changes).
  std::string version() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace synthdb::rules
