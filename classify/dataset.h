#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace synthdb::classify {

// One labelled paragraph of a training or gold file (JSON Lines:
// {"id","text","section","label","doc"}, "kind" optional).
struct Example {
  std::string id;
  std::string text;
  std::string section;
  std::string kind;
  std::string label;
  std::string doc;
};

// Reads a JSON Lines file of examples. Blank lines are skipped. Every other line must be a JSON
// object with a string "text" and a "label" from kLabels; "section", "kind", "id", "doc" are
// optional strings. Throws InputError "<file>:<line>: <reason>" on the first bad line, Error
// when the file cannot be read.
std::vector<Example> read_examples(const std::filesystem::path& path);

}  // namespace synthdb::classify
