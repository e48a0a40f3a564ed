#include "extract/rules/extractor.h"

namespace synthdb::rules {

struct Extractor::Impl {};

Extractor::Extractor(const std::filesystem::path&) : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

Extraction Extractor::extract(std::string_view) const { return {}; }

std::string Extractor::version() const { return "rules-0"; }

}  // namespace synthdb::rules
