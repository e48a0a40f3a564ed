#include "classify/classifier.h"

namespace synthdb::classify {

struct Classifier::Impl {};

Classifier::Classifier(const std::filesystem::path&) : impl_(std::make_unique<Impl>()) {}
Classifier::~Classifier() = default;

Prediction Classifier::predict(std::string_view, std::string_view) const { return {"other", 1.0, 0.0, ""}; }

std::string Classifier::version() const { return "model-0"; }

}  // namespace synthdb::classify
