#include "classify/dataset.h"

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "classify/features.h"
#include "extract/core/error.h"

namespace synthdb::classify {

std::vector<Example> read_examples(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
  std::vector<Example> out;
  std::string line;
  int lineno = 0;
  auto fail = [&](const std::string& why) {
    throw InputError(path.string() + ":" + std::to_string(lineno) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
      fail("malformed JSON");
    }
    if (!j.is_object()) fail("not a JSON object");
    auto str = [&](const char* key, bool required) -> std::string {
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) {
        if (required) fail(std::string("missing \"") + key + "\"");
        return {};
      }
      if (!it->is_string()) fail(std::string("\"") + key + "\" is not a string");
      return it->get<std::string>();
    };
    Example e;
    e.text = str("text", true);
    e.label = str("label", true);
    if (label_index(e.label) < 0) fail("unknown label \"" + e.label + "\"");
    e.section = str("section", false);
    e.kind = str("kind", false);
    e.doc = str("doc", false);
    if (auto it = j.find("id"); it != j.end() && !it->is_null())
      e.id = it->is_string() ? it->get<std::string>() : it->dump();
    out.push_back(std::move(e));
  }
  if (in.bad()) throw Error(path.string() + ": read error");
  return out;
}

}  // namespace synthdb::classify
