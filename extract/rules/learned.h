#pragma once

// Learned stages after the rules: small logistic-regression models (extract/learn) that revise the
// rule output. Each stage reads the rules' final entities and the paragraph, and changes only what
// it owns: `roles` re-decides the role of each material mention, `materials` drops material mentions
// the rules over-generate, `sizes` adds sizes the rules missed (and could drop theirs; see
// learned_sizes.cc). A stage whose
// model file is absent is off. Models are trained by `synthdb train-extract` on development gold
// only (docs/extraction.md, "Learned stages"; data sources in docs/DATA.md).

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/core/entity.h"
#include "extract/learn/linear_model.h"
#include "extract/rules/brat.h"

namespace synthdb::rules {

// The stage names, also the model file names: <model dir>/<stage>.lm.
inline constexpr const char* kLearnedStages[] = {"roles", "materials", "sizes"};

struct LearnedModels {
  learn::LinearModel roles, materials, sizes;
  std::string version;  // "" when no stage is on, else "lm:" + a hash of the model files
};

// Loads every <dir>/<stage>.lm that exists (default dir: data_dir()/models). Throws ModelError for a
// file that exists but does not load, and for a `dir` given that is not a directory.
LearnedModels load_learned_models(const std::filesystem::path& dir = {});

// The paragraph as the stages see it: its text, the lower-cased text, and conversions between code
// point offsets (entities) and byte offsets (text). ASCII paragraphs, most of them, need no map.
class StageInput {
 public:
  explicit StageInput(std::string_view paragraph);
  // The same from ascii_lower(paragraph) computed by the caller (the extractor has it already).
  StageInput(std::string_view paragraph, std::string folded_paragraph);

  std::string_view text;
  std::string folded;  // ASCII lower-case copy of text (same byte offsets)
  // Byte spans [begin, end) of lengths the rules ruled out as product sizes (a current collector, a
  // growth per cycle, a bibliography entry ...): the one veto list of the rules, which the size stage
  // consults too, so that it adds none of them back. Sorted (Extractor::Impl::finish()); empty for
  // training input.
  std::vector<std::pair<size_t, size_t>> vetoed_lengths;

  // Number of code points.
  size_t size() const { return ascii_ ? text.size() : index().total; }
  // Byte offset of code point `cp`. Precondition: 0 <= cp <= size() (entity offsets always are).
  size_t byte(int64_t cp) const { return ascii_ ? static_cast<size_t>(cp) : byte_of(static_cast<size_t>(cp)); }
  // Code point offset of byte offset `b` (rounded up to the next character start; b > text.size()
  // gives size()).
  int64_t code_point(size_t b) const;
  std::string_view slice(int64_t start, int64_t end) const {
    size_t b = byte(start);
    return text.substr(b, byte(end) - b);
  }

 private:
  // Non-ASCII text: the number of code points before each kBlock-byte block of the text and in all.
  // Built on first use (most paragraphs give a stage no offset to convert), so a StageInput is not
  // to be shared between threads. A conversion counts the character starts inside one block: a
  // full byte → code point map cost more to build (a store per byte) than all its lookups.
  static constexpr size_t kBlock = 64;
  struct Index {
    std::vector<size_t> before;  // code points before block k
    size_t total = 0;
  };
  const Index& index() const;
  size_t byte_of(size_t cp) const;
  bool ascii_ = true;
  mutable bool indexed_ = false;
  mutable Index index_;
};

// Applies the stages that are on, in the order materials, roles, sizes. A stage that removes
// entities keeps amount links right (an amount whose material went loses its link). The paragraph
// status is then re-derived from the entities, as the rules derive it: `failed` stays, otherwise
// `success` when an outcome is present (is_outcome) and `unknown` when none is.
void revise(const LearnedModels& models, const StageInput& in, Extraction& x);

// Whether an entity reports an outcome of the synthesis: a size, PL or absorption peak, FWHM, PLQY,
// yield, band gap, morphology, phase, or a material in the role `target` (the outcome types of
// records, plus targets). Decides the paragraph status.
bool is_outcome(const Entity& e);

// Points every amount's `material` at new_index[old index]; an amount whose material has no new
// index (-1) loses its link. For stages that remove or insert entities.
void reindex_materials(std::vector<Entity>& entities, const std::vector<int>& new_index);

// Removes entities whose `keep` flag is false and fixes every amount's `material` index (an amount
// whose material was removed loses its link).
void remove_entities(Extraction& x, const std::vector<bool>& keep);

// --- one function set per stage (learned_<stage>.cc) ---
// *_features: the features of entity `i` of `x`; *_examples: training examples from gold paragraphs
// and the rules-only extraction of each (same order), labelled by aligning to the gold; *_apply:
// revises `x` in place with a trained model.
std::vector<std::string> role_features(const StageInput& in, const Extraction& x, size_t i);
std::vector<learn::Example> role_examples(const std::vector<GoldParagraph>& gold, const std::vector<Extraction>& rules);
void role_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x);

std::vector<std::string> material_features(const StageInput& in, const Extraction& x, size_t i);
std::vector<learn::Example> material_examples(const std::vector<GoldParagraph>& gold,
                                              const std::vector<Extraction>& rules);
void material_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x);

std::vector<std::string> size_features(const StageInput& in, const Extraction& x, size_t i);
std::vector<learn::Example> size_examples(const std::vector<GoldParagraph>& gold, const std::vector<Extraction>& rules);
void size_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x);

}  // namespace synthdb::rules
