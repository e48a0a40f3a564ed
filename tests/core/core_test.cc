#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "extract/core/data_dir.h"
#include "extract/core/document.h"
#include "extract/core/entity.h"
#include "extract/core/utf8.h"

using namespace synthdb;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("section headings map to section types") {
  CHECK(classify_section("2. Experimental Section") == SectionType::kExperimental);
  CHECK(classify_section("Synthesis of CdSe Nanocrystals") == SectionType::kExperimental);
  CHECK(classify_section("1 INTRODUCTION") == SectionType::kIntroduction);
  CHECK(classify_section("Results and Discussion") == SectionType::kResults);
  CHECK(classify_section("Conclusions") == SectionType::kConclusion);
  CHECK(classify_section("References") == SectionType::kReferences);
  CHECK(classify_section("Acknowledgements") == SectionType::kOther);
}

TEST_CASE("paragraph offsets count code points and skip the blank-line joints") {
  Document d;
  d.paragraphs.push_back({.text = "120 °C"});
  d.paragraphs.push_back({.text = "µm"});
  d.assign_offsets();
  CHECK(d.paragraphs[0].end == 6);
  CHECK(d.paragraphs[1].start == 8);
  CHECK(d.paragraphs[1].end == 10);
  CHECK(count_code_points(d.text()) == 10);
}

TEST_CASE("documents and entities survive a JSON round trip") {
  Document d;
  d.path = "a.pdf";
  d.meta.year = 2020;
  d.paragraphs.push_back({.page = 2, .kind = ParagraphKind::kCaption, .section = "Results", .text = "Fig. 1"});
  Document back = nlohmann::json(d).get<Document>();
  CHECK(back.meta.year == 2020);
  REQUIRE(back.paragraphs.size() == 1);
  CHECK(back.paragraphs[0].kind == ParagraphKind::kCaption);
  CHECK(back.paragraphs[0].page == 2);

  Entity e{.type = "temperature", .start = 3, .end = 9, .text = "120 °C", .value = 120.0};
  nlohmann::json j = e;
  CHECK(j["value"] == 120.0);
  CHECK_FALSE(j.contains("min"));
  CHECK(j.get<Entity>().value == 120.0);
}

TEST_CASE("UTF-8 well-formedness: one definition for extract, classify, curation and export") {
  CHECK(valid_utf8("plain ascii"));
  CHECK(valid_utf8("120 °C, µm, \u2013, \U0001F600"));
  CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));        // U+10FFFF, the last code point
  CHECK_FALSE(valid_utf8("\xff"));
  CHECK_FALSE(valid_utf8("\xc3"));              // truncated at the end
  CHECK_FALSE(valid_utf8("\xe2\x80 x"));        // truncated in the middle
  CHECK_FALSE(valid_utf8("\xc0\xaf"));          // overlong 2-byte
  CHECK_FALSE(valid_utf8("\xe0\x80\xaf"));      // overlong 3-byte
  CHECK_FALSE(valid_utf8("\xf0\x80\x80\xaf"));  // overlong 4-byte
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK(utf8_sequence_length("a\xc2\xb0", 1) == 2);
  CHECK(utf8_sequence_length("\xe2\x80\x93", 0) == 3);
  CHECK(utf8_sequence_length("\xe2\x80", 0) == 0);
  CHECK(sanitize_utf8("10 \xff nm \xe2\x80") == "10 \xef\xbf\xbd nm \xef\xbf\xbd\xef\xbf\xbd");
}
