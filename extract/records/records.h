#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "extract/core/document.h"
#include "extract/core/entity.h"

namespace synthdb::records {

// Where a stored value came from: the paragraph (by ordinal in its Document) and the entity (by
// index in that paragraph's Extraction::entities). `start`/`end` repeat the entity's span (code
// points into the paragraph text, end exclusive) so that a value can be traced, and a curator edit
// keyed by span re-found, without the entity list. paragraph < 0 means "no source" (hand-added or
// derived values).
struct SourceRef {
  int paragraph = -1;
  int entity = -1;
  int64_t start = 0;
  int64_t end = 0;
  bool has_source() const { return paragraph >= 0; }
};

// A precursor, solvent, ligand, reductant or additive of one synthesis. Amount fields carry the
// first amount the rules tied to this material, in the extractor's canonical units (g, mL, mol,
// mol/L, ratio, %). `moles` is set when the amount is in moles, or computable from a concentration
// and a volume given for the same material; `molar_ratio` is moles / moles of the first precursor
// that has moles (so that precursor has 1.0).
struct Material {
  std::string name;        // as written
  std::string normalized;  // lower-case canonical name
  std::string formula;
  std::string role;  // precursor | solvent | ligand | reductant | additive | workup (washing solvent) | other
  std::optional<double> amount_value;
  std::string amount_unit;
  std::string quantity;  // mass | volume | moles | concentration | molar_ratio | fraction
  std::optional<double> moles;
  std::optional<double> molar_ratio;
  SourceRef ref;         // the material mention
  SourceRef amount_ref;  // the amount mention (paragraph < 0 when there is none)
};

// One ordered operation with the conditions stated with it. Units: °C, s, °C/min.
struct Step {
  int ordinal = 0;        // 0-based order within the synthesis
  std::string operation;  // mixing | heating | cooling | injection | ... | other
  std::optional<double> temperature_c;
  std::optional<double> time_s;
  std::optional<double> heating_rate_c_per_min;
  std::string atmosphere;  // N2 | Ar | air | vacuum
  SourceRef ref;           // the operation mention, or the first condition when no operation was named
  SourceRef temperature_ref;  // where temperature_c / time_s were read (paragraph < 0 when unset)
  SourceRef time_ref;
};

// A measured property of the product. Numeric outcomes use value/unit (nm, %, eV, meV); morphology
// and phase put their normalised name in `text_value`. `confidence` is 1.0 when the value sits in
// one of the synthesis paragraphs and lower when it was linked from a results paragraph by name.
struct Outcome {
  std::string type;  // size | morphology | phase | pl_peak | fwhm | plqy | band_gap | absorption_peak | yield
  std::optional<double> value;
  std::string unit;
  std::optional<double> sd;
  std::string text_value;
  std::string dimension;  // size only: diameter | length | width | edge | thickness
  double confidence = 1.0;
  SourceRef ref;
};

// One synthesis record. `key` is stable across re-extraction of the same file with the same
// grouping: "<first 16 hex of doc sha256>-p<first paragraph ordinal>-v<variant index>". Linked
// records (a shell grown on cores made in an earlier record) name that record in `parent_key`.
struct Synthesis {
  std::string key;
  std::string parent_key;
  int variant = 0;  // 0 for the base procedure, 1.. for "the same procedure at 240 °C" variants
  std::string target;
  std::string target_formula;
  std::string sample_label;  // "denoted S1" and similar, used to link results
  std::string method;
  SynthesisStatus status = SynthesisStatus::kUnknown;
  std::string failure_cue;
  double confidence = 0.0;  // 0..1: classifier score times how complete the record is
  std::vector<Material> materials;
  std::vector<Step> steps;
  std::vector<Outcome> outcomes;
  std::optional<double> injection_temperature_c;
  std::optional<double> injection_time_s;
  std::optional<double> growth_temperature_c;
  std::optional<double> growth_time_s;
  std::optional<double> reaction_temperature_c;
  std::optional<double> reaction_time_s;
  std::vector<int> paragraphs;  // ordinals of the paragraphs the record was built from, ascending
  SourceRef target_ref;         // the target mention (paragraph < 0 when taken from a heading)
  SourceRef failure_ref;
};

// What the classifier said about one paragraph. An empty label means "not classified": build()
// then decides from the section and the entities (an experimental-section body paragraph with a
// material and a condition or operation counts as synthesis).
struct ParagraphLabel {
  std::string label;  // synthesis | materials_list | characterization | other | ""
  double score = 0.0;
  std::string method;  // synthesis method from the classifier, "" when none
};

// Groups a document's entities into synthesis records.
//   labels[i] and extractions[i] belong to doc.paragraphs[i]; either vector may be shorter than
//   doc.paragraphs (missing entries count as unlabelled / without entities).
// Grouping: a synthesis paragraph starts a record unless it has no material and no target of its
// own (then it continues the previous record: work-up, washing). Sentences that say "the same
// procedure", "similarly", "except that"... start variants of the current record, one per
// temperature/time listed. A record whose paragraph or heading uses the product of an earlier
// record (cores, seeds, "as-prepared") is linked to it by parent_key. Outcomes in other body
// paragraphs are attached when the paragraph names the record's target or sample label.
// A document of several parts (Paragraph::part: a file holding several papers) is grouped part by
// part: nothing of the above links across parts.
// Pure and deterministic; never throws for any input.
// Identifies the grouping rules ("records-N"); bumped whenever build()'s output can change, which
// makes the next ingest re-process documents.
std::string version();

std::vector<Synthesis> build(const Document& doc, const std::vector<ParagraphLabel>& labels,
                             const std::vector<Extraction>& extractions);

// The stable key of a record (see Synthesis::key).
std::string make_key(std::string_view doc_sha256, int first_paragraph, int variant);

// moles / moles of the reference (the record's first precursor with moles), to 12 significant
// digits; empty unless both are set and the reference is > 0. The one molar-ratio formula: build(),
// derive_values() and the export after a curator's amount edit use it.
std::optional<double> molar_ratio(const std::optional<double>& moles, const std::optional<double>& reference);

// What build() derives, for a record made by hand (`synthdb add`): each material's molar_ratio that
// is not given (against the first precursor with moles), and the injection / growth / reaction
// temperatures and times the record does not give, read from its steps as build() reads them (the
// conditions given count as role-tagged ones: kept, and the reaction time is that of the step at
// the given reaction temperature).
void derive_values(Synthesis& s);

// JSON for `synthdb add --json` and the jsonl export: field names as in the structs; optional
// numbers are omitted when unset; status is "success" | "failed" | "unknown". from_json throws
// InputError naming the field for a wrong type or an unknown status.
void to_json(nlohmann::json& j, const Material& m);
void from_json(const nlohmann::json& j, Material& m);
void to_json(nlohmann::json& j, const Step& s);
void from_json(const nlohmann::json& j, Step& s);
void to_json(nlohmann::json& j, const Outcome& o);
void from_json(const nlohmann::json& j, Outcome& o);
void to_json(nlohmann::json& j, const Synthesis& s);
void from_json(const nlohmann::json& j, Synthesis& s);

}  // namespace synthdb::records
