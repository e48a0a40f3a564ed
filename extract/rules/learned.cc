#include "extract/rules/learned.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/rules/text.h"

namespace synthdb::rules {

StageInput::StageInput(std::string_view paragraph) : StageInput(paragraph, ascii_lower(paragraph)) {}

StageInput::StageInput(std::string_view paragraph, std::string folded_paragraph)
    : text(paragraph), folded(std::move(folded_paragraph)) {
  // Every paragraph pays for this when a stage is on. An OR over the bytes vectorises; only text
  // with multi-byte characters needs the index, and only once a stage asks (index()).
  unsigned char any = 0;
  for (char c : paragraph) any |= static_cast<unsigned char>(c);
  ascii_ = any < 0x80;
}

namespace {

// The character starts (bytes that are no UTF-8 continuation byte 10xxxxxx) in [p, p + n), eight
// bytes at a time: a continuation byte has its high bit set and the next bit clear.
size_t starts_in(const char* p, size_t n) {
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  size_t count = n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    count -= static_cast<size_t>(std::popcount(w & ~(w << 1) & kHighs));
  }
  for (; n > 0; ++p, --n) count -= (static_cast<unsigned char>(*p) & 0xC0) == 0x80;
  return count;
}

}  // namespace

const StageInput::Index& StageInput::index() const {
  if (indexed_) return index_;
  index_.before.resize(text.size() / kBlock + 1);
  size_t total = 0;
  for (size_t k = 0; k < index_.before.size(); ++k) {
    index_.before[k] = total;
    const size_t from = k * kBlock;
    total += starts_in(text.data() + from, std::min(kBlock, text.size() - from));
  }
  index_.total = total;
  indexed_ = true;
  return index_;
}

size_t StageInput::byte_of(size_t cp) const {
  const Index& ix = index();
  if (cp >= ix.total) return text.size();
  // The block that holds start number cp: the last one with at most cp starts before it.
  const size_t k = static_cast<size_t>(std::upper_bound(ix.before.begin(), ix.before.end(), cp) - ix.before.begin()) - 1;
  size_t seen = ix.before[k];
  for (size_t b = k * kBlock;; ++b) {
    if ((static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
    if (seen == cp) return b;
    ++seen;
  }
}

int64_t StageInput::code_point(size_t b) const {
  b = std::min(b, text.size());
  if (ascii_) return static_cast<int64_t>(b);
  const size_t k = b / kBlock;
  return static_cast<int64_t>(index().before[k] + starts_in(text.data() + k * kBlock, b - k * kBlock));
}

LearnedModels load_learned_models(const std::filesystem::path& dir) {
  std::filesystem::path d = dir.empty() ? data_dir() / "models" : dir;
  // A directory named on the command line that is not there is a typo, not "no stages".
  if (!dir.empty() && !std::filesystem::is_directory(dir))
    throw ModelError(dir.string() + ": model directory not found");
  LearnedModels m;
  std::string bytes;
  for (const char* stage : kLearnedStages) {
    std::filesystem::path file = d / (std::string(stage) + ".lm");
    if (!std::filesystem::exists(file)) continue;
    // Read once: the same bytes are parsed and hashed into the version.
    const std::string file_bytes = learn::LinearModel::read_file(file);
    learn::LinearModel model = learn::LinearModel::parse(file_bytes, file);
    std::string_view s = stage;
    // A model without the labels its stage reads would leave the stage silently doing nothing.
    const auto& labels = model.labels();
    auto has = [&](std::string_view l) { return std::find(labels.begin(), labels.end(), l) != labels.end(); };
    if (s == "sizes" && !(has("size") && has("not_size")))
      throw ModelError(file.string() + ": a sizes model needs the labels size and not_size");
    if (s == "roles" && !(has("precursor") || has("solvent") || has("target")))
      throw ModelError(file.string() + ": a roles model needs at least one of the labels precursor, solvent, target");
    (s == "roles" ? m.roles : s == "materials" ? m.materials : m.sizes) = std::move(model);
    bytes += stage;
    bytes += '\0';
    bytes += file_bytes;
  }
  if (!bytes.empty()) {
    // The version only has to change when a model file changes.
    const std::uint64_t h = learn::feature_key(bytes);
    char buf[20];
    std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(h & 0xffffffffffffull));
    m.version = std::string("lm:") + buf;
  }
  return m;
}

bool is_outcome(const Entity& e) {
  const std::string_view t = e.type;
  // By length first: asked three times of every entity (order_entities() and twice in revise()),
  // where the chain of ten compares was most of the call.
  switch (t.size()) {
    case 4: return t == "size" || t == "plqy" || t == "fwhm";
    case 5: return t == "yield" || t == "phase";
    case 7: return t == "pl_peak";
    case 8: return t == "band_gap" || (t == "material" && std::string_view(e.role) == "target");
    case 10: return t == "morphology";
    case 15: return t == "absorption_peak";
    default: return false;
  }
}

void reindex_materials(std::vector<Entity>& entities, const std::vector<int>& new_index) {
  for (Entity& e : entities) {
    if (!e.material) continue;
    int old = *e.material;
    if (old >= 0 && static_cast<size_t>(old) < new_index.size() && new_index[old] >= 0) {
      e.material = new_index[old];
    } else {
      e.material.reset();
    }
  }
}

void remove_entities(Extraction& x, const std::vector<bool>& keep) {
  std::vector<int> new_index(x.entities.size(), -1);
  std::vector<Entity> kept;
  kept.reserve(x.entities.size());
  for (size_t i = 0; i < x.entities.size(); ++i) {
    if (!keep[i]) continue;
    new_index[i] = static_cast<int>(kept.size());
    kept.push_back(std::move(x.entities[i]));
  }
  reindex_materials(kept, new_index);
  x.entities = std::move(kept);
}

void revise(const LearnedModels& models, const StageInput& in, Extraction& x) {
  const auto outcomes_before = std::count_if(x.entities.begin(), x.entities.end(), is_outcome);
  if (!models.materials.empty()) material_apply(models.materials, in, x);
  if (!models.roles.empty()) role_apply(models.roles, in, x);
  if (!models.sizes.empty()) size_apply(models.sizes, in, x);
  if (x.status == SynthesisStatus::kFailed) return;
  // Only what the stages changed moves the status: the rules' status may be unknown with outcomes
  // that tell nothing of the result (a bare "shell", the phase of a starting powder).
  const auto outcomes = std::count_if(x.entities.begin(), x.entities.end(), is_outcome);
  // A success the rules read without any outcome ("Monodisperse NCs were obtained") stays.
  if (outcomes == 0 && outcomes_before > 0) {
    x.status = SynthesisStatus::kUnknown;
  } else if (outcomes > outcomes_before) {
    x.status = SynthesisStatus::kSuccess;
  }
}

}  // namespace synthdb::rules
