// Grouping of entities into synthesis records. The entities are written by hand with spans located
// in real-looking paragraphs, in the shape extract/rules emits them (see extract/core/entity.h).
#include <set>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "extract/core/error.h"
#include "extract/records/records.h"

using namespace synthdb;
using records::Synthesis;

namespace {

// Locates the n-th occurrence of `surface` in `text` and returns `e` with start/end/text set.
Entity at(const std::string& text, const std::string& surface, Entity e, int occurrence = 0) {
  size_t pos = text.find(surface);
  for (int i = 0; i < occurrence && pos != std::string::npos; ++i) pos = text.find(surface, pos + 1);
  REQUIRE_MESSAGE(pos != std::string::npos, surface);
  e.start = count_code_points(std::string_view(text).substr(0, pos));
  e.end = e.start + count_code_points(surface);
  e.text = surface;
  return e;
}

Entity material(const std::string& text, const std::string& surface, std::string normalized, std::string role,
                std::string formula = "") {
  return at(text, surface,
            Entity{.type = "material", .role = role, .name = surface, .normalized = normalized, .formula = formula});
}
Entity amount(const std::string& text, const std::string& surface, double value, std::string unit,
              std::string quantity, int material_index) {
  Entity e{.type = "amount", .value = value, .unit = unit, .quantity = quantity};
  e.material = material_index;
  return at(text, surface, e);
}
Entity temperature(const std::string& text, const std::string& surface, double value, std::string role = "") {
  return at(text, surface, Entity{.type = "temperature", .value = value, .role = role});
}
Entity duration(const std::string& text, const std::string& surface, double seconds) {
  return at(text, surface, Entity{.type = "time", .value = seconds});
}
Entity operation(const std::string& text, const std::string& surface, std::string op) {
  return at(text, surface, Entity{.type = "operation", .normalized = op});
}

Paragraph body(int ordinal, std::string section, std::string text,
               SectionType type = SectionType::kExperimental) {
  Paragraph p;
  p.ordinal = ordinal;
  p.kind = ParagraphKind::kBody;
  p.section = section;
  p.section_type = type;
  p.text = std::move(text);
  return p;
}
Paragraph heading(int ordinal, std::string text) {
  Paragraph p = body(ordinal, text, text);
  p.kind = ParagraphKind::kHeading;
  return p;
}

const std::string kSha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

const std::string kCdSe =
    "CdO (0.2 mmol), oleic acid (0.8 mmol) and 1-octadecene (10 mL) were loaded into a flask and degassed at "
    "120 °C for 30 min. Under N2, the mixture was heated to 300 °C. A solution of Se (0.4 mmol) in TOP (1 mL) was "
    "swiftly injected, and the CdSe nanocrystals were grown at 260 °C for 5 min.";

Extraction cdse_entities(const std::string& t) {
  Extraction ex;
  ex.status = SynthesisStatus::kSuccess;
  ex.entities = {
      material(t, "CdO", "cadmium oxide", "precursor", "CdO"),   // 0
      amount(t, "0.2 mmol", 0.0002, "mol", "moles", 0),          // 1
      material(t, "oleic acid", "oleic acid", "ligand"),         // 2
      amount(t, "0.8 mmol", 0.0008, "mol", "moles", 2),          // 3
      material(t, "1-octadecene", "1-octadecene", "solvent"),    // 4
      amount(t, "10 mL", 10, "mL", "volume", 4),                 // 5
      operation(t, "degassed", "degassing"),                     // 6
      temperature(t, "120 °C", 120),                             // 7
      duration(t, "30 min", 1800),                               // 8
      at(t, "N2", Entity{.type = "atmosphere", .normalized = "N2"}),  // 9
      operation(t, "heated", "heating"),                         // 10
      temperature(t, "300 °C", 300),                             // 11
      material(t, "Se", "selenium", "precursor", "Se"),          // 12
      amount(t, "0.4 mmol", 0.0004, "mol", "moles", 12),         // 13
      material(t, "TOP", "trioctylphosphine", "solvent"),        // 14
      amount(t, "1 mL", 1, "mL", "volume", 14),                  // 15
      operation(t, "injected", "injection"),                     // 16
      material(t, "CdSe nanocrystals", "cdse", "target", "CdSe"),  // 17
      operation(t, "grown", "reaction"),                         // 18
      temperature(t, "260 °C", 260),                             // 19
      duration(t, "5 min", 300),                                 // 20
  };
  return ex;
}

const records::Material* find_material(const Synthesis& s, const std::string& normalized) {
  for (const auto& m : s.materials)
    if (m.normalized == normalized) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("one hot-injection paragraph gives one record with amounts - ratios - steps and conditions") {
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {heading(0, "Synthesis of CdSe nanocrystals"), body(1, "Synthesis of CdSe nanocrystals", kCdSe)};
  std::vector<records::ParagraphLabel> labels(2);
  labels[1] = {"synthesis", 0.98, "hot-injection"};
  std::vector<Extraction> ex(2);
  ex[1] = cdse_entities(kCdSe);

  auto out = records::build(doc, labels, ex);
  REQUIRE(out.size() == 1);
  const Synthesis& s = out[0];
  CHECK(s.key == "0123456789abcdef-p1-v0");
  CHECK(s.key == records::make_key(kSha, 1, 0));
  CHECK(s.target == "cdse");
  CHECK(s.target_formula == "CdSe");
  CHECK(s.target_ref.entity == 17);
  CHECK(s.method == "hot-injection");
  CHECK(s.status == SynthesisStatus::kSuccess);
  CHECK(s.paragraphs == std::vector<int>{1});
  REQUIRE(s.materials.size() == 5);  // the target is not a material
  const auto* cdo = find_material(s, "cadmium oxide");
  REQUIRE(cdo);
  CHECK(cdo->role == "precursor");
  CHECK(cdo->amount_value == doctest::Approx(0.0002));
  CHECK(cdo->amount_unit == "mol");
  CHECK(cdo->molar_ratio == doctest::Approx(1.0));
  CHECK(cdo->ref.paragraph == 1);
  CHECK(cdo->ref.entity == 0);
  CHECK(cdo->amount_ref.entity == 1);
  CHECK(find_material(s, "oleic acid")->molar_ratio == doctest::Approx(4.0));
  CHECK(find_material(s, "selenium")->molar_ratio == doctest::Approx(2.0));
  CHECK_FALSE(find_material(s, "1-octadecene")->molar_ratio.has_value());
  CHECK(find_material(s, "1-octadecene")->amount_value == doctest::Approx(10));

  REQUIRE(s.steps.size() == 4);
  CHECK(s.steps[0].operation == "degassing");
  CHECK(s.steps[0].temperature_c == doctest::Approx(120));
  CHECK(s.steps[0].time_s == doctest::Approx(1800));
  CHECK(s.steps[1].operation == "heating");
  CHECK(s.steps[1].temperature_c == doctest::Approx(300));
  CHECK(s.steps[1].atmosphere == "N2");
  CHECK(s.steps[2].operation == "injection");
  CHECK(s.steps[3].operation == "reaction");
  CHECK(s.steps[3].ordinal == 3);
  CHECK(s.injection_temperature_c == doctest::Approx(300));
  CHECK(s.growth_temperature_c == doctest::Approx(260));
  CHECK(s.growth_time_s == doctest::Approx(300));
  CHECK(s.reaction_temperature_c == doctest::Approx(300));
  CHECK(s.confidence > 0.9);
  CHECK(s.confidence <= 1.0);
}

TEST_CASE("core synthesis and shell growth become two linked records") {
  const std::string core =
      "CdO (0.2 mmol) and oleic acid (0.8 mmol) in 1-octadecene were heated to 300 °C, and Se in TOP was injected.";
  const std::string shell =
      "The purified CdSe cores were dispersed in 1-octadecene, and Cd(oleate)2 and sulfur were added dropwise at "
      "240 °C over 1 h.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {heading(0, "Synthesis of CdSe cores"), body(1, "Synthesis of CdSe cores", core),
                    heading(2, "Growth of the CdS shell"), body(3, "Growth of the CdS shell", shell)};
  std::vector<records::ParagraphLabel> labels(4);
  labels[1] = {"synthesis", 0.9, ""};
  labels[3] = {"synthesis", 0.9, ""};
  std::vector<Extraction> ex(4);
  ex[1].entities = {material(core, "CdO", "cadmium oxide", "precursor", "CdO"),
                    amount(core, "0.2 mmol", 0.0002, "mol", "moles", 0),
                    material(core, "oleic acid", "oleic acid", "ligand"),
                    operation(core, "heated", "heating"), temperature(core, "300 °C", 300),
                    operation(core, "injected", "injection")};
  ex[3].entities = {material(shell, "CdSe cores", "cdse", "precursor", "CdSe"),
                    material(shell, "1-octadecene", "1-octadecene", "solvent"),
                    material(shell, "Cd(oleate)2", "cadmium oleate", "precursor", "Cd(oleate)2"),
                    material(shell, "sulfur", "sulfur", "precursor", "S"), operation(shell, "added", "mixing"),
                    temperature(shell, "240 °C", 240), duration(shell, "1 h", 3600)};
  auto out = records::build(doc, labels, ex);
  REQUIRE(out.size() == 2);
  CHECK(out[0].target == "CdSe");  // from the heading: no target entity
  CHECK(out[0].target_formula == "CdSe");
  // s18-prod1 (P6): the target taken from the heading points at the heading's "CdSe" (code points 13-17).
  CHECK(out[0].target_ref.paragraph == 0);
  CHECK(out[0].target_ref.start == 13);
  CHECK(out[0].target_ref.end == 17);
  CHECK(out[0].target_ref.entity == -1);
  CHECK(out[0].parent_key.empty());
  // The shell grown on "the purified CdSe cores" makes the core/shell (session 13; was "CdS").
  CHECK(out[1].target == "CdSe/CdS");
  CHECK(out[1].target_formula == "CdSe/CdS");
  CHECK(out[1].key == "0123456789abcdef-p3-v0");
  CHECK(out[1].parent_key == out[0].key);
  CHECK(out[1].reaction_temperature_c == doctest::Approx(240));
  CHECK(out[1].reaction_time_s == doctest::Approx(3600));
  CHECK(out[0].injection_temperature_c == doctest::Approx(300));
}

TEST_CASE("the same procedure at 240 and 260 C gives one record per variant - a failed variant is failed") {
  const std::string t =
      "CdO (0.2 mmol) and oleic acid in 1-octadecene were heated to 280 °C and Se-TOP was injected. "
      "The same procedure was carried out at 240 and 260 °C. "
      "The same procedure at 200 °C did not yield nanocrystals.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {body(4, "Synthesis", t)};
  std::vector<records::ParagraphLabel> labels = {{"synthesis", 0.95, "hot-injection"}};
  std::vector<Extraction> ex(1);
  ex[0].status = SynthesisStatus::kFailed;
  ex[0].entities = {material(t, "CdO", "cadmium oxide", "precursor", "CdO"),
                    amount(t, "0.2 mmol", 0.0002, "mol", "moles", 0),
                    operation(t, "heated", "heating"),
                    temperature(t, "280 °C", 280),
                    operation(t, "injected", "injection"),
                    at(t, "240", Entity{.type = "temperature", .value = 240.0}),
                    temperature(t, "260 °C", 260),
                    temperature(t, "200 °C", 200),
                    at(t, "did not yield nanocrystals", Entity{.type = "failure", .cue = "did not yield"})};
  auto out = records::build(doc, labels, ex);
  REQUIRE(out.size() == 4);
  CHECK(out[0].variant == 0);
  CHECK(out[0].status == SynthesisStatus::kSuccess);  // the failure belongs to the 200 °C variant
  CHECK(out[0].reaction_temperature_c == doctest::Approx(280));
  CHECK(out[0].injection_temperature_c == doctest::Approx(280));
  CHECK(out[1].key == "0123456789abcdef-p4-v1");
  CHECK(out[1].parent_key == out[0].key);
  CHECK(out[1].reaction_temperature_c == doctest::Approx(240));
  CHECK(out[1].injection_temperature_c == doctest::Approx(240));
  CHECK(out[1].steps[0].temperature_c == doctest::Approx(240));
  CHECK(out[1].materials.size() == out[0].materials.size());
  CHECK(out[2].reaction_temperature_c == doctest::Approx(260));
  CHECK(out[2].key == "0123456789abcdef-p4-v2");
  CHECK(out[3].reaction_temperature_c == doctest::Approx(200));
  CHECK(out[3].status == SynthesisStatus::kFailed);
  CHECK(out[3].failure_cue == "did not yield");
  CHECK(out[3].failure_ref.entity == 8);
  CHECK(out[1].status != SynthesisStatus::kFailed);
  // Keys are unique.
  std::set<std::string> keys;
  for (const auto& s : out) keys.insert(s.key);
  CHECK(keys.size() == out.size());
}

TEST_CASE("a paragraph without materials continues the previous record - results outcomes attach by name") {
  const std::string syn =
      "PbO (0.5 mmol) and oleic acid in 1-octadecene were heated to 150 °C, and (TMS)2S was injected. The PbS "
      "quantum dots (denoted as QD1) were collected.";
  const std::string workup = "The product was washed twice with ethanol and dried under vacuum.";
  const std::string results =
      "TEM shows that QD1 consists of spheres of 3.2 ± 0.3 nm with a first absorption peak at 950 nm.";
  const std::string other = "In contrast, the CsPbBr3 cubes reported earlier have a PLQY of 90%.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {body(0, "Experimental", syn), body(1, "Experimental", workup),
                    body(2, "Results and discussion", results, SectionType::kResults),
                    body(3, "Results and discussion", other, SectionType::kResults)};
  std::vector<records::ParagraphLabel> labels = {
      {"synthesis", 0.9, ""}, {"synthesis", 0.8, ""}, {"other", 0.9, ""}, {"other", 0.9, ""}};
  std::vector<Extraction> ex(4);
  ex[0].entities = {material(syn, "PbO", "lead oxide", "precursor", "PbO"), operation(syn, "heated", "heating"),
                    temperature(syn, "150 °C", 150), operation(syn, "injected", "injection"),
                    material(syn, "PbS quantum dots", "pbs", "target", "PbS")};
  ex[1].entities = {operation(workup, "washed", "purification"), operation(workup, "dried", "drying")};
  ex[2].entities = {at(results, "spheres", Entity{.type = "morphology", .normalized = "sphere"}),
                    at(results, "3.2 ± 0.3 nm", Entity{.type = "size", .value = 3.2, .sd = 0.3, .unit = "nm"}),
                    at(results, "950 nm", Entity{.type = "absorption_peak", .value = 950.0, .unit = "nm"})};
  ex[3].entities = {at(other, "90%", Entity{.type = "plqy", .value = 90.0, .unit = "%"})};
  auto out = records::build(doc, labels, ex);
  REQUIRE(out.size() == 1);
  const Synthesis& s = out[0];
  CHECK(s.paragraphs == std::vector<int>{0, 1});
  CHECK(s.sample_label == "QD1");
  CHECK(s.steps.back().operation == "drying");
  REQUIRE(s.outcomes.size() == 3);  // the CsPbBr3 PLQY is about another material
  CHECK(s.outcomes[0].text_value == "sphere");
  CHECK(s.outcomes[1].type == "size");
  CHECK(s.outcomes[1].value == doctest::Approx(3.2));
  CHECK(s.outcomes[1].sd == doctest::Approx(0.3));
  CHECK(s.outcomes[1].ref.paragraph == 2);
  CHECK(s.outcomes[1].confidence == doctest::Approx(0.8));  // linked by sample label
  CHECK(s.outcomes[2].type == "absorption_peak");
}

TEST_CASE("non-synthesis paragraphs - empty documents and inconsistent entity lists give no crash") {
  Document doc;
  CHECK(records::build(doc, {}, {}).empty());
  const std::string intro = "CdSe nanocrystals are heated to 300 °C in many reports.";
  doc.sha256 = kSha;
  doc.paragraphs = {body(0, "Introduction", intro, SectionType::kIntroduction)};
  std::vector<Extraction> ex(1);
  ex[0].entities = {material(intro, "CdSe", "cdse", "precursor"), temperature(intro, "300 °C", 300)};
  CHECK(records::build(doc, {}, ex).empty());  // unlabelled, but an introduction
  std::vector<records::ParagraphLabel> other = {{"other", 0.99, ""}};
  doc.paragraphs[0].section_type = SectionType::kExperimental;
  CHECK(records::build(doc, other, ex).empty());  // the classifier said no
  // Unlabelled experimental paragraph with a material and a temperature counts.
  auto out = records::build(doc, {}, ex);
  CHECK(out.size() == 1);
  // An amount pointing at a non-existent material, entities out of order, spans past the end.
  ex[0].entities.push_back(Entity{.type = "amount", .start = 500, .end = 510, .value = 1.0});
  ex[0].entities.back().material = 42;
  ex[0].entities.insert(ex[0].entities.begin(), Entity{.type = "time", .start = 3, .end = 1, .value = 60.0});
  out = records::build(doc, {}, ex);
  REQUIRE(out.size() == 1);
  CHECK(out[0].materials.size() == 1);
  CHECK_FALSE(out[0].materials[0].amount_value.has_value());
}

TEST_CASE("a concentration and a volume give moles - records survive a JSON round trip") {
  const std::string t = "Oleylamine (5 mL) and 1 mL of a 0.5 M solution of HAuCl4 were stirred at 80 °C for 2 h.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {body(0, "Synthesis of Au nanoparticles", t)};
  std::vector<Extraction> ex(1);
  ex[0].entities = {material(t, "Oleylamine", "oleylamine", "ligand"),
                    amount(t, "5 mL", 5, "mL", "volume", 0),
                    amount(t, "1 mL", 1, "mL", "volume", 4),
                    amount(t, "0.5 M", 0.5, "mol/L", "concentration", 4),
                    material(t, "HAuCl4", "chloroauric acid", "precursor", "HAuCl4"),
                    operation(t, "stirred", "stirring"),
                    temperature(t, "80 °C", 80),
                    duration(t, "2 h", 7200)};
  auto out = records::build(doc, {}, ex);
  REQUIRE(out.size() == 1);
  CHECK(out[0].target == "Au");
  const auto* au = find_material(out[0], "chloroauric acid");
  REQUIRE(au);
  CHECK(au->moles == doctest::Approx(0.0005));
  CHECK(au->quantity == "volume");
  CHECK(au->molar_ratio == doctest::Approx(1.0));
  CHECK(out[0].reaction_time_s == doctest::Approx(7200));

  nlohmann::json j = out[0];
  CHECK(j["status"] == "unknown");
  Synthesis back = j.get<Synthesis>();
  CHECK(back.key == out[0].key);
  CHECK(back.materials.size() == out[0].materials.size());
  CHECK(back.materials[1].moles == doctest::Approx(0.0005));
  CHECK(back.steps.size() == out[0].steps.size());
  CHECK(back.reaction_temperature_c == doctest::Approx(80));

  CHECK_THROWS_AS(nlohmann::json::parse(R"({"status":"maybe"})").get<Synthesis>(), InputError);
  CHECK_THROWS_AS(nlohmann::json::parse(R"({"materials":[{"role":"precursor"}]})").get<Synthesis>(), InputError);
  CHECK_THROWS_AS(nlohmann::json::parse(R"({"reaction_temperature_c":"hot"})").get<Synthesis>(), InputError);
  CHECK_THROWS_AS(nlohmann::json::parse(R"([1,2])").get<Synthesis>(), InputError);
  // A misspelled field is refused, at every level, naming it (review 26: `add` stored the record
  // without it); "source" (read by `synthdb add`) is a field.
  CHECK_THROWS_WITH_AS(nlohmann::json::parse(R"({"targt":"ZnSe"})").get<Synthesis>(),
                       doctest::Contains("unknown field \"targt\" in synthesis record"), InputError);
  CHECK_THROWS_WITH_AS(nlohmann::json::parse(R"({"materials":[{"name":"CdO","rol":"precursor"}]})").get<Synthesis>(),
                       doctest::Contains("unknown field \"rol\" in material"), InputError);
  CHECK_THROWS_WITH_AS(nlohmann::json::parse(R"({"steps":[{"operation":"heating","temp_c":300}]})").get<Synthesis>(),
                       doctest::Contains("unknown field \"temp_c\" in step"), InputError);
  CHECK_THROWS_WITH_AS(nlohmann::json::parse(R"({"outcomes":[{"type":"size","valu":3}]})").get<Synthesis>(),
                       doctest::Contains("unknown field \"valu\" in outcome"), InputError);
  CHECK_NOTHROW(nlohmann::json::parse(R"({"target":"ZnSe","source":"notebook 7"})").get<Synthesis>());
}

TEST_CASE("with several injections the last one gives the injection temperature") {
  const std::string t =
      "PbBr2 (0.188 mmol) in ODE was dried at 120 °C. Oleylamine and oleic acid were injected at 120 °C. The "
      "temperature was raised to 180 °C and the Cs-oleate solution was quickly injected.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {body(0, "Synthesis of CsPbBr3 nanocrystals", t)};
  std::vector<Extraction> ex(1);
  ex[0].entities = {material(t, "PbBr2", "lead bromide", "precursor", "PbBr2"),
                    operation(t, "dried", "drying"),
                    temperature(t, "120 °C", 120),
                    material(t, "Oleylamine", "oleylamine", "ligand"),
                    operation(t, "injected", "injection"),
                    at(t, "120 °C", Entity{.type = "temperature", .value = 120.0}, 1),
                    operation(t, "raised", "heating"),
                    temperature(t, "180 °C", 180),
                    material(t, "Cs-oleate", "cesium oleate", "precursor"),
                    at(t, "injected", Entity{.type = "operation", .normalized = "injection"}, 1)};
  auto out = records::build(doc, {}, ex);
  REQUIRE(out.size() == 1);
  CHECK(out[0].target == "CsPbBr3");
  CHECK(out[0].injection_temperature_c == doctest::Approx(180));
  CHECK(out[0].reaction_temperature_c == doctest::Approx(180));
}

TEST_CASE("a failed attempt reported in the results becomes a failed variant of the synthesis") {
  const std::string syn =
      "PbBr2 (0.188 mmol) in ODE was heated to 180 °C and the Cs-oleate solution was quickly injected.";
  const std::string res =
      "The cubes are 8 nm wide. At 120 °C no nanocrystals were formed and the solution stayed clear.";
  Document doc;
  doc.sha256 = kSha;
  doc.paragraphs = {body(0, "Synthesis of CsPbBr3 nanocrystals", syn),
                    body(1, "Results and discussion", res, SectionType::kResults)};
  std::vector<records::ParagraphLabel> labels = {{"synthesis", 0.9, ""}, {"other", 0.9, ""}};
  std::vector<Extraction> ex(2);
  ex[0].status = SynthesisStatus::kSuccess;
  ex[0].entities = {material(syn, "PbBr2", "lead bromide", "precursor", "PbBr2"), operation(syn, "heated", "heating"),
                    temperature(syn, "180 °C", 180), operation(syn, "injected", "injection")};
  ex[1].entities = {at(res, "8 nm", Entity{.type = "size", .value = 8.0, .unit = "nm"}),
                    temperature(res, "120 °C", 120),
                    at(res, "no nanocrystals were formed", Entity{.type = "failure", .cue = "no nanocrystals"})};
  auto out = records::build(doc, labels, ex);
  REQUIRE(out.size() == 2);
  CHECK(out[0].status == SynthesisStatus::kSuccess);
  CHECK(out[1].status == SynthesisStatus::kFailed);
  CHECK(out[1].failure_cue == "no nanocrystals");
  CHECK(out[1].failure_ref.paragraph == 1);
  CHECK(out[1].parent_key == out[0].key);
  CHECK(out[1].key == "0123456789abcdef-p1-v1");
  CHECK(out[1].reaction_temperature_c == doctest::Approx(120));
  CHECK(out[1].injection_temperature_c == doctest::Approx(120));
  CHECK(out[1].materials.size() == 1);
  CHECK(out[1].outcomes.empty());
  CHECK(out[1].confidence < out[0].confidence);
  CHECK(out[1].paragraphs == std::vector<int>{0, 1});
  REQUIRE(out[0].outcomes.size() == 1);  // the size in the results is the successful product's
  CHECK(out[0].outcomes[0].confidence == doctest::Approx(0.4));
}
