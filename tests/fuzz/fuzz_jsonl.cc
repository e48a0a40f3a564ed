// Fuzzes the JSON Lines entry used by `synthdb classify`/`extract`/`add`: nlohmann parse of one
// line, then Paragraph/Entity/Document from_json. Parse errors and type errors are expected
// (json::exception, synthdb::Error); a crash, another exception or a failed round trip is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "extract/core/document.h"
#include "extract/core/entity.h"
#include "extract/core/error.h"

namespace {

template <typename T>
void round_trip(const nlohmann::json& j) {
  T value;
  try {
    value = j.get<T>();
  } catch (const nlohmann::json::exception&) {
    return;
  } catch (const synthdb::Error&) {
    return;
  }
  // What from_json accepted, to_json must write and from_json read back to the same JSON.
  nlohmann::json once = value;
  nlohmann::json twice = once.get<T>();
  if (once != twice) {
    std::fprintf(stderr, "round trip differs:\n%s\n%s\n", once.dump().c_str(), twice.dump().c_str());
    std::abort();
  }
  (void)once.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  round_trip<synthdb::Paragraph>(j);
  round_trip<synthdb::Entity>(j);
  round_trip<synthdb::Document>(j);
  if (j.is_object() && j.contains("entities") && j["entities"].is_array()) {
    for (const auto& e : j["entities"]) round_trip<synthdb::Entity>(e);
  }
  return 0;
}
