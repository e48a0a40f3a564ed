// Learned stage "materials" (see learned.h). Off: a model trained on one half of MSP dev made
// material F1 worse on the other half, on SOFC-Exp and on MSP test, so none is shipped
// (docs/learned/materials.md; the measured implementation is commit e7c149a). No features, no
// examples, no change.
#include "extract/rules/learned.h"

namespace synthdb::rules {

std::vector<std::string> material_features(const StageInput&, const Extraction&, size_t) { return {}; }

std::vector<learn::Example> material_examples(const std::vector<GoldParagraph>&, const std::vector<Extraction>&) {
  return {};
}

void material_apply(const learn::LinearModel&, const StageInput&, Extraction&) {}

}  // namespace synthdb::rules
