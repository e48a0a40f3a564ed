// Learned stage "sizes" (see learned.h). Not trained yet: no features, no examples, no change.
#include "extract/rules/learned.h"

namespace synthdb::rules {

std::vector<std::string> size_features(const StageInput&, const Extraction&, size_t) { return {}; }

std::vector<learn::Example> size_examples(const std::vector<GoldParagraph>&, const std::vector<Extraction>&) {
  return {};
}

void size_apply(const learn::LinearModel&, const StageInput&, Extraction&) {}

}  // namespace synthdb::rules
