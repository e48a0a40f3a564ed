#pragma once

// Gold annotations for eval-extract: the JSON Lines gold format and the converter from the MSP
// corpus's brat standoff files (docs/extraction.md, "Evaluation").

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/core/entity.h"

namespace synthdb::rules {

// One gold paragraph: {"id","text","entities":[...]} with entities in the `synthdb extract` format,
// and optionally "status" (success | failed | unknown, the paragraph status of `synthdb extract`).
struct GoldParagraph {
  std::string id;
  std::string text;
  std::vector<Entity> entities;
  std::optional<SynthesisStatus> status;  // unset: the line has no "status" and is not scored for it
};

// Converts one brat pair. The paragraph is the procedure text (everything after the DOI and title
// lines); annotations inside the first two lines are dropped and the rest are shifted. Mapping:
// Number + Condition-Unit → temperature/time/pressure/heating_rate/stirring/ph; Condition-Misc
// "room temperature"/"overnight" → temperature 25 °C / time 43200 s; Number + Amount-Unit → amount
// (material = index of the Material its unit is Amount_Of); Material → material (generic nouns such
// as "solution" or "mixture" are skipped), with role from operation events (Recipe_Target → target,
// Recipe_Precursor → precursor, Solvent_Material → solvent, others → other); Operation → operation.
// Throws InputError naming the file for unreadable or malformed files.
GoldParagraph read_brat(const std::filesystem::path& txt_path, const std::filesystem::path& ann_path);

// Every <id>.txt/<id>.ann pair in `dir`, sorted by id. `split` selects "dev" (two of every three
// files), "test" (every third file: sorted index % 3 == 2) or "all"; "dev-a" (index % 3 == 0) and
// "dev-b" (index % 3 == 1) are the two halves of dev, for training a learned stage on one and
// scoring it on the other. Throws InputError/UsageError.
std::vector<GoldParagraph> read_brat_dir(const std::filesystem::path& dir, std::string_view split);

// Gold JSON Lines I/O. read_gold throws InputError naming file:line for a malformed line (also a
// "status" that is not one of success, failed, unknown); write_gold writes "status" when it is set.
std::vector<GoldParagraph> read_gold(const std::filesystem::path& path);
void write_gold(const std::filesystem::path& path, const std::vector<GoldParagraph>& gold);

// Material nouns the gold conversion skips: they refer to a mixture by its state, not to a named
// material ("solution", "mixture", "product", "powder", ...).
bool is_generic_material(std::string_view name);

}  // namespace synthdb::rules
