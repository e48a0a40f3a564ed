#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "extract/core/entity.h"

namespace synthdb::rules {

// Rule-based entity extractor (RE2 patterns + ICU + lexicon data files). Construct once; extract()
// is const and safe to call from several threads.
class Extractor {
 public:
  // Loads lexicons from `lexicon_dir` (default: data_dir()/extract/rules/lexicons) and compiles the
  // rules. Throws RuleError naming the file or rule that does not load.
  explicit Extractor(const std::filesystem::path& lexicon_dir = {});
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Entities of one paragraph, offsets in code points. Throws InputError for invalid UTF-8.
  Extraction extract(std::string_view text) const;

  // Identifies rules + lexicons (changes when either changes).
  std::string version() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace synthdb::rules
