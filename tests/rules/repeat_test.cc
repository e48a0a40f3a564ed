// A paragraph made of one passage repeated: every copy after the first yields the same entities,
// shifted. The paragraph-wide passes that were quadratic (s18-quad: the SOFC support/ppm spans,
// the pH overlap test, the target names, the PL widths) now index their mentions; this checks the indexing keeps
// what the plain scans found, copy for copy.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/core/entity.h"
#include "extract/rules/extractor.h"

namespace {

// The passage: SOFC cell and gas sentences (slashes, "supported", ppm), a pH value, a target named
// again as a film, and a PL width (converted to meV around the paragraph's last peak: the far
// copies look for a changed-sample cue through the cue index, the near ones directly).
constexpr const char* kPassage =
    "The NiO-YSZ/YSZ/GDC/LSCF anode-supported cell was tested at 750 \xC2\xB0" "C with 97% H2\xE2\x80\x93" "3% H2O as "
    "fuel and air as oxidant. Ni/YSZ anode, ScSZ electrolyte and LSM/ScSZ cathode were co-sintered. H2 containing "
    "50 ppm H2S was fed to the anode. The pH was adjusted to 9.5 with ammonia. ZnO films were deposited on glass "
    "and the ZnO films were annealed at 500 \xC2\xB0" "C for 2 h. The PL peak of the ZnO films is at 380 nm "
    "with a FWHM of 12 nm.";

std::string key(const synthdb::Entity& e, int64_t shift) {
  return e.type + "|" + std::to_string(e.start - shift) + "|" + std::to_string(e.end - shift) + "|" + e.text + "|" +
         e.role + "|" + e.unit;
}

}  // namespace

TEST_CASE("a passage repeated 40 times in one paragraph gives the same entities in every copy after the first") {
  const synthdb::rules::Extractor x;
  const std::string passage = kPassage;
  const int copies = 40;
  std::string text;
  for (int i = 0; i < copies; ++i) text += (i ? " " : "") + passage;
  const std::vector<synthdb::Entity> all = x.extract(text).entities;
  // Code points of one copy plus the joining space (entity offsets count code points).
  int64_t cps = 1;
  for (unsigned char c : passage) cps += (c & 0xC0) != 0x80;
  std::vector<std::vector<std::string>> per_copy(copies);
  for (const synthdb::Entity& e : all) {
    const int64_t copy = e.start / cps;
    REQUIRE(copy < copies);
    per_copy[copy].push_back(key(e, copy * cps));
  }
  REQUIRE(per_copy[1].size() >= 10);
  for (int i = 2; i < copies; ++i) CHECK(per_copy[i] == per_copy[1]);
}

// s19-code: temperature_changed() finds the temperature entity after "raised to" through a sorted
// index of the paragraph's temperatures (it scanned all entities per cue). In every copy the cue
// whose subject is no temperature ("it was then raised to 280 °C") is heating, found only through
// that index; the flow raised to 50 sccm stays no step.
TEST_CASE("a passage of temperature changes repeated 60 times gives heating at every \"raised to\" temperature") {
  const synthdb::rules::Extractor x;
  const std::string passage =
      "The mixture was heated to 120 \xC2\xB0" "C under vacuum for 1 h; under Ar it was then raised to 280 \xC2\xB0"
      "C, and the Ar flow was then increased to 50 sccm. After 5 min it was lowered to 240 \xC2\xB0" "C.";
  const int copies = 60;
  std::string text;
  for (int i = 0; i < copies; ++i) text += (i ? " " : "") + passage;
  int64_t cps = 1;
  for (unsigned char c : passage) cps += (c & 0xC0) != 0x80;
  std::vector<int> raised(copies), lowered(copies), increased(copies);
  for (const synthdb::Entity& e : x.extract(text).entities) {
    if (e.type != "operation") continue;
    const int64_t copy = e.start / cps;
    REQUIRE(copy < copies);
    raised[copy] += e.text == "raised" && e.normalized == "heating";
    lowered[copy] += e.text == "lowered" && e.normalized == "cooling";
    increased[copy] += e.text == "increased";
  }
  for (int i = 0; i < copies; ++i) {
    CHECK(raised[i] == 1);
    CHECK(lowered[i] == 1);
    CHECK(increased[i] == 0);
  }
}

// s20-speed: own_conditions() finds the temperature or time after a purpose verb through a sorted
// index of the paragraph's temperature and time starts (it scanned all entities per purpose clause).
// In every copy "to reduce the Pt at 85 °C for 1 h" keeps its own step (reaction), found only
// through that index, while "to remove aggregates" and "to form a uniform dispersion" are other.
TEST_CASE("a passage of purpose clauses repeated 60 times keeps the step with its own temperature in every copy") {
  const synthdb::rules::Extractor x;
  const std::string passage =
      "The suspension was centrifuged at 8000 rpm for 10 min to remove aggregates. H2PtCl6 (2 mL) was added drop "
      "by drop to reduce the Pt at 85 \xC2\xB0" "C for 1 h, then stirred for 30 min to form a uniform dispersion.";
  const int copies = 60;
  std::string text;
  for (int i = 0; i < copies; ++i) text += (i ? " " : "") + passage;
  int64_t cps = 1;
  for (unsigned char c : passage) cps += (c & 0xC0) != 0x80;
  std::vector<int> reduce(copies), remove(copies), form(copies);
  for (const synthdb::Entity& e : x.extract(text).entities) {
    if (e.type != "operation") continue;
    const int64_t copy = e.start / cps;
    REQUIRE(copy < copies);
    reduce[copy] += e.text == "reduce" && e.normalized == "reaction";
    remove[copy] += e.text == "remove" && e.normalized == "other";
    form[copy] += e.text == "form" && e.normalized == "other";
  }
  for (int i = 0; i < copies; ++i) {
    CHECK(reduce[i] == 1);
    CHECK(remove[i] == 1);
    CHECK(form[i] == 1);
  }
}
