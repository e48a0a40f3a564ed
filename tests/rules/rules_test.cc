// Extractor API: errors, edge inputs, versioning, the brat converter and the scorer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "extract/core/document.h"

#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/rules/learned.h"
#include "extract/rules/lexicon.h"
#include "extract/rules/materials.h"
#include "extract/rules/text.h"
#include "extract/rules/brat.h"
#include "extract/rules/evaluate.h"
#include "extract/rules/extractor.h"

namespace fs = std::filesystem;
using synthdb::Entity;
using synthdb::rules::Extractor;

namespace {

const Extractor& shared_extractor() {
  static const Extractor x;
  return x;
}

fs::path lexicon_dir() { return fs::path(SYNTHDB_SOURCE_DIR) / "extract" / "rules" / "lexicons"; }

// A scratch copy of the shipped lexicons that a test may edit.
struct TempLexicons {
  fs::path dir;
  explicit TempLexicons(const std::string& tag) {
    dir = fs::temp_directory_path() / ("synthdb_rules_" + tag + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(lexicon_dir(), dir);
  }
  ~TempLexicons() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const fs::path kMsp = fs::path(SYNTHDB_SOURCE_DIR) / ".." / "shared" / "data" / "msp-synthesis-procedures";

// A material entity for the scorer tests.
Entity material(int64_t start, int64_t end, const std::string& text, const std::string& role,
                const std::string& normalized = "") {
  Entity e;
  e.type = "material";
  e.start = start;
  e.end = end;
  e.text = text;
  e.role = role;
  e.normalized = normalized;
  return e;
}

}  // namespace

TEST_CASE("invalid UTF-8 is an InputError naming the byte and not a crash") {
  std::string bad = "heated to 300 \xC2 C and \xFF";
  CHECK_THROWS_AS(shared_extractor().extract(bad), synthdb::InputError);
  try {
    shared_extractor().extract("ok \xE2\x82");
  } catch (const synthdb::InputError& e) {
    CHECK(std::string(e.what()).find("byte 3") != std::string::npos);
  }
}

TEST_CASE("empty and whitespace-only paragraphs give no entities") {
  CHECK(shared_extractor().extract("").entities.empty());
  CHECK(shared_extractor().extract("   \n ").entities.empty());
  CHECK(shared_extractor().extract("").status == synthdb::SynthesisStatus::kUnknown);
}

TEST_CASE("converted values carry no binary noise (12 significant digits)") {
  auto x = shared_extractor().extract("It was cooled from 280 K, and PbBr2 (0.188 mmol) was added. Au nanoclusters with a diameter of 2.3 Å formed.");
  std::vector<double> values;
  for (const Entity& e : x.entities) {
    for (const auto& v : {e.value, e.min, e.max}) {
      if (v) values.push_back(*v);
    }
  }
  auto has = [&](double want) { return std::find(values.begin(), values.end(), want) != values.end(); };
  CHECK(has(6.85));      // 280 K in °C, not 6.850000000000023
  CHECK(has(0.000188));  // mol, not 0.00018800000000000002
  CHECK(has(0.23));      // nm, not 0.22999999999999998 (without rounding)
  nlohmann::json j = x.entities;
  CHECK(j.dump().find("0000000") == std::string::npos);
}

TEST_CASE("a 1 MB paragraph is extracted with valid code-point offsets") {
  std::string unit = "CdO (0.2 mmol) in ODE was heated to 300 °C for 5 min; µm-sized grains—no. ";
  std::string big;
  while (big.size() < 1'000'000) big += unit;
  auto x = shared_extractor().extract(big);
  int temperatures = 0;
  for (const Entity& e : x.entities) temperatures += e.type == "temperature";
  CHECK(temperatures == static_cast<int>(big.size() / unit.size()) + (big.size() % unit.size() ? 1 : 0));
  const Entity& last = x.entities.back();
  CHECK(last.end <= synthdb::count_code_points(big));
  CHECK(last.start < last.end);
}

TEST_CASE("runs of brackets cost linear time: 1 MB of nested brackets around a formula is extracted") {
  // 500k "(" + "CdO" + 500k ")" was quadratic in the tokenizer (minutes). Asserts on output only.
  std::string big(500'000, '(');
  big += "CdO";
  big.append(500'000, ')');
  auto x = shared_extractor().extract(big);
  REQUIRE(x.entities.size() == 1);
  CHECK(x.entities[0].type == "material");
  CHECK(x.entities[0].text == "CdO");
  // Unbalanced runs, and runs mixed with words.
  std::string closes(300'000, ')');
  closes = "Cd(OAc)2 " + closes + " [[[[" + std::string(300'000, '[') + " 1 mL of OA (2 mmol)";
  auto y = shared_extractor().extract(closes);
  int amounts = 0;
  for (const Entity& e : y.entities) amounts += e.type == "amount";
  CHECK(amounts == 2);
}

TEST_CASE("session 11 rules cost linear time: 1 MB of equations, zeolite names, TGAs, dyes, lists, number runs and capital runs is extracted") {
  // Each took time quadratic in the paragraph before the session 11 check (1 MB: about 35 s of
  // equations, 22 s of zeolites, 2.5 s of TGAs, against 0.1 s each now). Asserts on output only.
  auto repeat = [](const std::string& unit) {
    std::string big;
    while (big.size() < 1'000'000) big += unit;
    return big;
  };
  auto count = [](const synthdb::Extraction& x, const std::string& type, const std::string& text) {
    int found = 0;
    for (const Entity& e : x.entities) found += e.type == type && e.text == text;
    return found;
  };
  // A paragraph of equations and no ". ": every species is an equation's.
  auto equations = shared_extractor().extract(repeat("Ni + O2 → NiO "));
  CHECK(count(equations, "material", "Ni") == 0);
  CHECK(count(equations, "material", "NiO") == 0);
  // Many named zeolites: each class noun is dropped and each name kept.
  const std::string zeolite = "HZSM-5 (Si/Al = 50) zeolite, ";
  const std::string zeolites = repeat(zeolite);
  auto named = shared_extractor().extract(zeolites);
  CHECK(count(named, "material", "HZSM-5") == static_cast<int>(zeolites.size() / zeolite.size()));
  CHECK(count(named, "material", "zeolite") == 0);
  // A noun after a dropped noun names nothing: one of each pair stays.
  auto pairs = shared_extractor().extract(repeat("HZSM-5 zeolite zeolite. "));
  CHECK(count(pairs, "material", "zeolite") == count(pairs, "material", "HZSM-5"));
  // Thermogravimetry named in the paragraph: every TGA is the technique.
  auto tga = shared_extractor().extract(repeat("thermogravimetric TGA "));
  CHECK(count(tga, "material", "TGA") == 0);
  // A run of number bytes ("1 ± 1 ± ...": digits, spaces, non-ASCII) made every number's window
  // reach the end of the run (over 60 s for 1 MB); the window is bounded, and the value after the
  // run is still read.
  auto spreads = shared_extractor().extract(repeat("1 ± ") + "The particles were 5.2 nm in diameter.");
  CHECK(count(spreads, "size", "5.2 nm") == 1);
  // A long run of capital words ("AB AB ..."): each token asked whether its run is shouted text
  // walked the whole run (over 60 s for 1 MB); the run's answer is now kept.
  const std::string caps = repeat("AB ");
  auto shouted = shared_extractor().extract(caps + ". ZnO nanoparticles were prepared.");
  CHECK(count(shouted, "material", "ZnO") == 1);
  CHECK(count(shouted, "material", "AB") == static_cast<int>(caps.size() / 3));
  // A test dye in a paragraph without full stops: each asked for a photocatalysis cue in its
  // sentence scanned the whole paragraph (over 60 s for 1 MB); the cues are found once.
  auto dyes = shared_extractor().extract("Photocatalytic degradation of " + repeat("MO, ") + "and RhB was studied.");
  CHECK(count(dyes, "material", "MO") == 0);
  CHECK(count(dyes, "material", "RhB") == 0);
  // A long list of lengths: each item walked the list to its end (over 60 s for 1 MB); the walk's
  // end is kept.
  auto lengths = shared_extractor().extract("Films of " + repeat("5 nm, ") + "and 10 nm thickness were deposited.");
  CHECK(count(lengths, "size", "10 nm") == 1);
}

TEST_CASE("converted values carry no binary noise (12 significant digits)") {
  auto x = shared_extractor().extract("PbBr2 (0.188 mmol) was heated at 280 K.");
  int seen = 0;
  for (const Entity& e : x.entities) {
    if (e.type == "amount") {
      CHECK(*e.value == 0.000188);
      ++seen;
    }
    if (e.type == "temperature") {
      CHECK(*e.value == 6.85);
      ++seen;
    }
  }
  CHECK(seen == 2);
}

TEST_CASE("tokenizer strips wrapping brackets layer by layer, as before") {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    for (const auto& t : synthdb::rules::tokenize(s)) out.emplace_back(s.substr(t.begin, t.end - t.begin));
    return out;
  };
  CHECK(words("((CdO)) (OLA) (a)(b) ((a)(b)) ((TOP).) () (((x)) [Cd(OAc)2]") ==
        std::vector<std::string>{"CdO", "OLA", "(a)(b)", "(a)(b)", "TOP", "x", "[Cd(OAc)2]"});
}

TEST_CASE("offsets are code points and text is the exact slice after non-ASCII characters") {
  std::string text = "α-Fe2O3 — heated to 300 °C";
  auto x = shared_extractor().extract(text);
  const Entity* t = nullptr;
  for (const Entity& e : x.entities) {
    if (e.type == "temperature") t = &e;
  }
  REQUIRE(t != nullptr);
  CHECK(t->text == "300 °C");
  CHECK(t->start == 20);  // "α-Fe2O3 — heated to " is 20 code points (27 bytes)
  CHECK(t->end == 26);
}

TEST_CASE("a missing lexicon directory or a malformed lexicon is a RuleError naming the file") {
  CHECK_THROWS_AS(Extractor("/nonexistent/lexicons"), synthdb::RuleError);
  TempLexicons tmp("bad");
  {
    std::ofstream out(tmp.dir / "units.tsv", std::ios::app);
    out << "furlong\tlength\tnot-a-number\t0\n";
  }
  try {
    Extractor x(tmp.dir);
    FAIL("expected RuleError");
  } catch (const synthdb::RuleError& e) {
    CHECK(std::string(e.what()).find("units.tsv:") != std::string::npos);
  }
}

TEST_CASE("read_tsv: CRLF, comments, a last line without newline, and invalid UTF-8 named by line outside comments only") {
  using synthdb::rules::read_tsv;
  const fs::path file = fs::temp_directory_path() / ("synthdb_read_tsv_" + std::to_string(::getpid()) + ".tsv");
  auto write = [&](const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; };
  write("# comment \xFF\r\nCdSe\tmaterial\t\t\r\n\nZnS\tmaterial\tx");
  auto rows = read_tsv(file, 2);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].fields == std::vector<std::string>{"CdSe", "material"});  // trailing empty fields dropped
  CHECK(rows[1].line == 4);
  CHECK(rows[1].fields == std::vector<std::string>{"ZnS", "material", "x"});
  write("CdSe\tmaterial\n# ok\nZn\xC3S\tmaterial\n");
  try {
    read_tsv(file, 2);
    FAIL("expected RuleError");
  } catch (const synthdb::RuleError& e) {
    CHECK(std::string(e.what()).find(".tsv:3: not valid UTF-8") != std::string::npos);
  }
  write("CdSe\n");
  CHECK_THROWS_AS(read_tsv(file, 2), synthdb::RuleError);
  fs::remove(file);
  CHECK_THROWS_AS(read_tsv(file, 2), synthdb::RuleError);
}

TEST_CASE("a failure rule that does not compile is a RuleError naming the rule") {
  TempLexicons tmp("badre");
  {
    std::ofstream out(tmp.dir / "failures.tsv", std::ios::app);
    out << "broken_rule\t(unclosed\n";
  }
  try {
    Extractor x(tmp.dir);
    FAIL("expected RuleError");
  } catch (const synthdb::RuleError& e) {
    CHECK(std::string(e.what()).find("broken_rule") != std::string::npos);
  }
}

// The loaders and the version hash share one read of each file (LexiconFiles, s16-tidy): the hash
// must stay what it was when the files were read twice, each file's name, a NUL and its bytes in
// this order, so that the same lexicons keep the same version.
TEST_CASE("the version hashes every lexicon file's name and bytes in the fixed order") {
  std::string all;
  for (const char* f : {"units.tsv", "elements.tsv", "chemical_words.tsv", "materials.tsv", "operations.tsv",
                        "methods.tsv", "morphologies.tsv", "phases.tsv", "failures.tsv", "temperature_roles.tsv",
                        "atmospheres.tsv", "acronyms.tsv", "salt_charges.tsv"}) {
    all += f;
    all += '\0';
    all += synthdb::rules::read_lexicon_file(lexicon_dir() / f);
  }
  const std::string v = shared_extractor().version();
  const size_t plus = v.find('+');
  REQUIRE(plus != std::string::npos);
  CHECK(v.substr(plus + 1, 12) == synthdb::sha256_hex(all).substr(0, 12));
}

TEST_CASE("a curator's lexicon line is used and changes the version") {
  TempLexicons tmp("extend");
  Extractor before(tmp.dir);
  CHECK(before.version() == shared_extractor().version());
  {
    std::ofstream out(tmp.dir / "materials.tsv", std::ios::app);
    out << "Fooamine\tfooamine\t-\tligand\n";
  }
  Extractor after(tmp.dir);
  CHECK(after.version() != before.version());
  auto x = after.extract("Fooamine (2 mL) was added.");
  bool found = false;
  for (const Entity& e : x.entities) found |= e.type == "material" && e.normalized == "fooamine" && e.role == "ligand";
  CHECK(found);
}

TEST_CASE("extract() is usable from several threads at once") {
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) counts[t] = shared_extractor().extract("CdO (0.2 mmol) was heated to 300 °C.").entities.size();
    });
  }
  for (auto& th : threads) th.join();
  for (size_t c : counts) CHECK(c == counts[0]);
  CHECK(counts[0] >= 3);
}

TEST_CASE("brat conversion keeps the procedure line and shifts offsets and maps units") {
  auto g = synthdb::rules::read_brat(kMsp / "data" / "101002adma200903953.txt", kMsp / "data" / "101002adma200903953.ann");
  CHECK(g.id == "101002adma200903953");
  CHECK(g.text.rfind("A porous BLF support", 0) == 0);
  bool dried = false, purity_or_amount = false;
  for (const Entity& e : g.entities) {
    CHECK(e.start < e.end);
    if (e.type == "temperature" && e.text == "120 degC") dried = e.value && *e.value == 120;
    if (e.type == "amount" && e.text == "9.5 mmol") {
      purity_or_amount = e.material && g.entities[*e.material].type == "material";
    }
  }
  CHECK(dried);
  CHECK(purity_or_amount);
}

TEST_CASE("brat split is deterministic: dev and test are disjoint and cover everything") {
  auto dev = synthdb::rules::read_brat_dir(kMsp, "dev");
  auto test = synthdb::rules::read_brat_dir(kMsp, "test");
  auto all = synthdb::rules::read_brat_dir(kMsp, "all");
  CHECK(dev.size() + test.size() == all.size());
  CHECK(test.size() == all.size() / 3);
  for (const auto& t : test) {
    for (const auto& d : dev) CHECK_FALSE(t.id == d.id);
  }
  CHECK_THROWS_AS(synthdb::rules::read_brat_dir(kMsp, "train"), synthdb::UsageError);
}

TEST_CASE("scorer gives F1 1 for perfect predictions and counts a shifted span only by overlap with equal value") {
  synthdb::rules::GoldParagraph g;
  g.id = "p";
  g.text = "heated to 300 °C";
  Entity t;
  t.type = "temperature";
  t.start = 10;
  t.end = 16;
  t.text = "300 °C";
  t.value = 300;
  g.entities.push_back(t);
  auto perfect = synthdb::rules::evaluate({g}, {{t}});
  CHECK(perfect.exact.at("temperature").f1() == doctest::Approx(1.0));
  Entity shifted = t;
  shifted.end = 13;
  auto r = synthdb::rules::evaluate({g}, {{shifted}});
  CHECK(r.exact.at("temperature").f1() == doctest::Approx(0.0));
  CHECK(r.overlap.at("temperature").f1() == doctest::Approx(1.0));
  Entity wrong = t;
  wrong.value = 310;
  CHECK(synthdb::rules::evaluate({g}, {{wrong}}).overlap.at("temperature").f1() == doctest::Approx(0.0));
  // --errors names the boundary difference once, as a SPAN line, not only as an FN/FP pair.
  shifted.text = "300";
  std::vector<std::string> errors;
  synthdb::rules::evaluate({g}, {{shifted}}, &errors);
  int spans = 0;
  for (const auto& e : errors) spans += e == "SPAN\tp\tgold=300 °C\tpred=300\theated to [[300 °C]]";
  CHECK(spans == 1);
  errors.clear();
  synthdb::rules::evaluate({g}, {{t}}, &errors);
  CHECK(errors.empty());
}

TEST_CASE("scorer: msp-role rows count a ligand as precursor, strict rows do not, errors carry context and ROLE lines") {
  synthdb::rules::GoldParagraph g;
  g.id = "p";
  g.text = "Oleic acid and CdO were heated in ODE.";
  g.entities = {material(0, 10, "Oleic acid", "precursor"), material(15, 18, "CdO", "precursor"),
                material(34, 37, "ODE", "solvent")};
  std::vector<Entity> pred = {material(0, 10, "Oleic acid", "ligand"), material(15, 18, "CdO", "target"),
                              material(34, 37, "ODE", "solvent")};
  std::vector<std::string> errors;
  auto r = synthdb::rules::evaluate({g}, {pred}, &errors);
  CHECK(r.overlap.at("role:precursor").tp == 0);
  CHECK(r.overlap.at("msp-role:precursor").tp == 1);
  CHECK(r.overlap.at("role:solvent").f1() == doctest::Approx(1.0));
  CHECK(r.overlap.at("msp-role:target").predicted == 1);
  bool role_line = false;
  for (const auto& e : errors) {
    if (e.starts_with("ROLE\tp\tgold=precursor pred=target\t") && e.find("and [[CdO]] were") != std::string::npos) {
      role_line = true;
    }
  }
  CHECK(role_line);
}

TEST_CASE("scorer: role-set rows keep each material once with its highest role, msp-role maps additive to other") {
  synthdb::rules::GoldParagraph g;
  g.id = "p";
  g.text = "CdO in ODE gave CdSe. The CdO was gone; NaOH set the pH.";
  g.entities = {material(0, 3, "CdO", "precursor", ""), material(7, 10, "ODE", "solvent", ""),
                material(16, 20, "CdSe", "target", ""), material(26, 29, "CdO", "other", ""),
                material(40, 44, "NaOH", "other", "")};
  std::vector<Entity> pred = {material(0, 3, "CdO", "precursor", "cadmium oxide"),
                              material(7, 10, "ODE", "precursor", "1-octadecene"),
                              material(16, 20, "CdSe", "target", ""),
                              material(26, 29, "CdO", "other", "cadmium oxide"),
                              material(40, 44, "NaOH", "additive", "sodium hydroxide")};
  auto r = synthdb::rules::evaluate({g}, {pred});
  // Gold names come from the overlapping predictions: cadmium oxide (precursor over other),
  // 1-octadecene (solvent), cdse (target).
  CHECK(r.overlap.at("role-set:precursor").tp == 1);
  CHECK(r.overlap.at("role-set:precursor").predicted == 2);
  CHECK(r.overlap.at("role-set:precursor").gold == 1);
  CHECK(r.overlap.at("role-set:solvent").gold == 1);
  CHECK(r.overlap.at("role-set:solvent").tp == 0);
  CHECK(r.overlap.at("role-set:target").f1() == doctest::Approx(1.0));
  CHECK(r.exact.at("role-set").tp == 2);
  CHECK(r.overlap.at("role-set").gold == 3);
  // The additive is not a precursor in the MSP mapping.
  CHECK(r.overlap.at("msp-role:precursor").predicted == 2);
}

TEST_CASE("gold JSON Lines round trip and a malformed gold line names file and line") {
  auto dir = fs::temp_directory_path() / ("synthdb_rules_gold_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto gold = synthdb::rules::read_brat_dir(kMsp, "test");
  synthdb::rules::write_gold(dir / "gold.jsonl", gold);
  auto back = synthdb::rules::read_gold(dir / "gold.jsonl");
  REQUIRE(back.size() == gold.size());
  CHECK(back[0].entities.size() == gold[0].entities.size());
  {
    std::ofstream out(dir / "bad.jsonl");
    out << "{\"id\":1,\"text\":\"x\"}\n{not json}\n";
  }
  try {
    synthdb::rules::read_gold(dir / "bad.jsonl");
    FAIL("expected InputError");
  } catch (const synthdb::InputError& e) {
    CHECK(std::string(e.what()).find("bad.jsonl:2") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("learned-stage input: code points and bytes, with and without multi-byte characters") {
  const std::string text = "Heated to 200 \xC2\xB0" "C, CdSe \xE2\x80\x93 5 nm";  // "°" 2 bytes, "–" 3 bytes
  synthdb::rules::StageInput a(text), b(text, synthdb::rules::ascii_lower(text));
  CHECK(a.folded == b.folded);
  CHECK(a.folded.rfind("heated to 200", 0) == 0);
  REQUIRE(a.size() == 29);
  REQUIRE(b.size() == 29);
  CHECK(a.byte(14) == 14);  // "°"
  CHECK(a.byte(15) == 16);  // "C" after the 2-byte "°"
  CHECK(a.byte(29) == text.size());
  CHECK(a.code_point(16) == 15);
  CHECK(a.code_point(text.size()) == 29);
  CHECK(a.slice(14, 16) == "\xC2\xB0" "C");
  CHECK(b.slice(23, 25) == "\xE2\x80\x93 ");
  synthdb::rules::StageInput ascii("CdSe 5 nm");
  CHECK(ascii.size() == 9);
  CHECK(ascii.byte(5) == 5);
  CHECK(ascii.code_point(9) == 9);
  CHECK(ascii.slice(5, 9) == "5 nm");
}

TEST_CASE("a number of hundreds of digits gives no entity (it would be infinity, which JSON cannot carry)") {
  synthdb::rules::Extractor x;
  // The finite size carries its own cue: the sentence start is 400 bytes back, beyond the rules'
  // cue window (the check passed before only because the learned stage happened to add it).
  std::string text = "Particles of " + std::string(400, '9') + " nm and 5 nm particles were heated at " +
                     std::string(400, '1') + " degC for 2 h.";
  auto r = x.extract(text);
  int sizes = 0, temperatures = 0;
  for (const auto& e : r.entities) {
    for (const auto& v : {e.value, e.min, e.max, e.sd}) CHECK((!v || std::isfinite(*v)));
    sizes += e.type == "size";
    temperatures += e.type == "temperature";
  }
  CHECK(sizes == 1);
  CHECK(temperatures == 0);
}

TEST_CASE("brat conversion: an rpm speed is stirring unless MSP attaches it to a centrifugation or spin coating") {
  auto stirring = [](const char* id) {
    auto g = synthdb::rules::read_brat(kMsp / "data" / (std::string(id) + ".txt"), kMsp / "data" / (std::string(id) + ".ann"));
    int n = 0;
    for (const Entity& e : g.entities) n += e.type == "stirring";
    return n;
  };
  CHECK(stirring("101021nn9002456") == 0);      // "centrifuged at ... rpm", "set spinning at 7000 rpm"
  CHECK(stirring("101016jjcis201505009") == 1);  // a stirring operation's rpm
}

TEST_CASE("a 1 MB paragraph of PDF-spaced formulas is extracted (the subscript join is bounded)") {
  std::string unit = "Fe 3 O 4 and Cs 2 CO 3, ";
  std::string big;
  while (big.size() < 1'000'000) big += unit;
  auto x = shared_extractor().extract(big);
  size_t fe3o4 = 0, cs2co3 = 0;
  for (const Entity& e : x.entities) {
    fe3o4 += e.type == "material" && e.formula == "Fe3O4";
    cs2co3 += e.type == "material" && e.formula == "Cs2CO3";
  }
  const size_t units = (big.size() + unit.size() - 1) / unit.size();
  CHECK(fe3o4 == units);
  CHECK(cs2co3 == units);
}

TEST_CASE("find_bytes() finds what string_view::find() finds, at every start and on every edge") {
  using synthdb::rules::find_bytes;
  // Needles whose rarest letter is first, last, in the middle, repeated, absent from the alphabet
  // rank (digits, '°' bytes), plus the empty needle; haystacks with near misses at both ends.
  const std::vector<std::string> needles = {"temperature", "respectively", "z", "qz", "zq", "ppm", "xx",
                                            "spin-coat", "°C", "1:2", "", "aa"};
  std::vector<std::string> hays = {"", "t", "temperatur", "temperature", "the temperatures at 5 °C", "ppb ppm",
                                   "xxx", "respectivel respectively", "qzq zqz", "aaaa", "spin-coated 1:2"};
  uint32_t state = 12345;  // deterministic pseudo-random haystacks over a small alphabet
  for (int n = 0; n < 200; ++n) {
    std::string h;
    for (int i = 0; i < 40; ++i) {
      state = state * 1103515245u + 12345u;
      h += "tempraxzq p:12"[(state >> 16) % 14];
    }
    hays.push_back(h);
  }
  for (const std::string& h : hays) {
    for (const std::string& needle : needles) {
      for (size_t from = 0; from <= h.size() + 1; ++from) {
        CHECK_MESSAGE(find_bytes(h, needle, from) == std::string_view(h).find(needle, from),
                      "haystack '" << h << "' needle '" << needle << "' from " << from);
      }
    }
  }
}

TEST_CASE("text.h operator== (std::string vs a C string) agrees with std's, both ways and negated") {
  using synthdb::rules::operator==;
  const std::vector<std::string> strings = {"", "a", "solvent", "solvents", "solven", "Solvent", "length",
                                            std::string("a\0b", 3), std::string(1, '\0'), "-"};
  char buffer[16] = "solvent";  // a buffer longer than its text compares as a C string
  const std::vector<const char*> literals = {"", "a", "solvent", "solvents", "solven", "length", "-", "a\0b",
                                             buffer};
  for (const std::string& s : strings) {
    for (const char* l : literals) {
      const bool expected = std::operator==(s, l);
      CHECK_MESSAGE((s == l) == expected, "'" << s << "' == '" << l << "'");
      CHECK_MESSAGE((l == s) == expected, "'" << l << "' == '" << s << "' (rewritten)");
      CHECK_MESSAGE((s != l) == !expected, "'" << s << "' != '" << l << "' (rewritten)");
    }
  }
  // String literals straight in, as the rules write them.
  const std::string role = "solvent";
  CHECK(role == "solvent");
  CHECK_FALSE(role == "solvents");
  CHECK(role != "ligand");
  CHECK("solvent" == role);
  CHECK_FALSE(std::string("a\0b", 3) == "a\0b");  // std's answer too: the literal ends at its NUL
}

TEST_CASE("text.h polymorph_prefix: a formula takes alpha to epsilon (math fonts too) and any dash, a mention any Greek letter and an ASCII hyphen") {
  using synthdb::rules::Polymorph;
  using synthdb::rules::polymorph_prefix;
  struct Case {
    std::string text;
    size_t formula, mention;  // the prefix's size for each kind, 0 when none
  };
  const std::vector<Case> cases = {
      {"α-Fe2O3", 3, 3},
      {"γ‐Al2O3", 5, 0},       // U+2010 hyphen: a mention reads it as '-' (the repaired view, repair.h)
      {"β–NaYF4", 5, 0},       // en dash: a formula's only
      {"α−CsPbI3", 5, 0},      // minus sign
      {"𝛼-Fe2O3", 5, 0},      // math italic alpha: a formula's only
      {"𝜷-NaYF4", 5, 0},      // math bold italic beta
      {"ζ-Fe2O3", 0, 3},       // beyond epsilon: a mention's only
      {"Δ-CoOOH", 0, 3},       // capital delta
      {"α-", 3, 3},            // nothing after the dash: the callers check that
      {"α‐", 5, 0},
      {"αFe2O3", 0, 0},
      {"α Fe2O3", 0, 0},
      {"Fe2O3", 0, 0},
      {"α", 0, 0},
      {"", 0, 0},
  };
  for (const Case& c : cases) {
    CHECK_MESSAGE(polymorph_prefix(c.text, Polymorph::kFormula).size == c.formula, c.text);
    CHECK_MESSAGE(polymorph_prefix(c.text, Polymorph::kMention).size == c.mention, c.text);
  }
  CHECK(polymorph_prefix("𝛼-Fe2O3", Polymorph::kFormula).letter == "α");  // mapped to the plain letter
  CHECK(polymorph_prefix("γ‐Al2O3", Polymorph::kFormula).letter == "γ");
}

TEST_CASE("failure-cue gate: every rule of failures.tsv needs one of its words, only U+017F and U+212A fold to ASCII") {
  using synthdb::rules::kFailureCueWordEnds;
  using synthdb::rules::kFailureCueWords;
  // The rules as written. Their spaces (a literal space, \s, \s+; any_space() widens each to \s,
  // U+00A0, U+2009, U+202F at load) are read as one plain space: a match of the loaded rule then
  // maps to a match of this one with every run of spaces as one ' ', so a word-end word followed by
  // ' ' here is, in the paragraph, the word followed by one of those spaces, whose first bytes
  // may_hold_failure_cue() accepts.
  std::ifstream in(std::string(SYNTHDB_SOURCE_DIR) + "/extract/rules/lexicons/failures.tsv");
  REQUIRE(in);
  re2::FilteredRE2 filter(1);
  re2::RE2::Options options;
  options.set_case_sensitive(false);
  std::vector<std::string> names;
  int gated = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    // A gated rule (third field: its literals) is outside the set: it must need one of its literals.
    if (const size_t tab2 = line.find('\t', tab + 1); tab2 != std::string::npos) {
      const std::string rule = line.substr(0, tab), literals = line.substr(tab2 + 1);
      re2::FilteredRE2 own(1);
      int own_id = -1;
      REQUIRE(own.Add(line.substr(tab + 1, tab2 - tab - 1), options, &own_id) == re2::RE2::NoError);
      std::vector<std::string> own_atoms;
      own.Compile(&own_atoms);
      std::vector<int> free;
      for (size_t a = 0; a < own_atoms.size(); ++a) {
        bool named = false;
        for (size_t b = 0, e; b <= literals.size(); b = e + 1) {
          e = std::min(literals.find('|', b), literals.size());
          named |= e > b && own_atoms[a].find(literals.substr(b, e - b)) != std::string::npos;
        }
        if (!named) free.push_back(static_cast<int>(a));
      }
      std::vector<int> escaping_own;
      own.AllPotentials(free, &escaping_own);
      CHECK_MESSAGE(escaping_own.empty(), "gated failures.tsv rule '" << rule << "' can match without its literals");
      ++gated;
      continue;
    }
    std::string pattern;
    for (size_t k = tab + 1; k < line.size(); ++k) {
      if (line.compare(k, 3, "\\s+") == 0) {
        pattern += ' ';
        k += 2;
      } else if (line.compare(k, 2, "\\s") == 0) {
        REQUIRE_MESSAGE(line.compare(k, 3, "\\s*") != 0, "\\s* (not read here) in " << line);
        REQUIRE_MESSAGE(line.compare(k, 3, "\\s{") != 0, "\\s{ (not read here) in " << line);
        pattern += ' ';
        ++k;
      } else {
        pattern += line[k];
      }
    }
    int id = -1;
    REQUIRE(filter.Add(pattern, options, &id) == re2::RE2::NoError);
    names.push_back(line.substr(0, tab));
  }
  REQUIRE(names.size() >= 20);
  CHECK(gated >= 4);
  // FilteredRE2 gives each rule a necessary condition over lower-case literals (atoms). Atoms that
  // hold no gate word may occur in a paragraph the gate skips; a rule that can match with those
  // alone escapes the gate (a rule without any literal would be passed always: it escapes too).
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<std::string> words(std::begin(kFailureCueWords), std::end(kFailureCueWords));
  for (std::string_view w : kFailureCueWordEnds) words.push_back(std::string(w) + " ");
  std::vector<int> free_atoms;
  for (size_t a = 0; a < atoms.size(); ++a) {
    if (std::none_of(words.begin(), words.end(),
                     [&](const std::string& w) { return atoms[a].find(w) != std::string::npos; })) {
      free_atoms.push_back(static_cast<int>(a));
    }
  }
  std::vector<int> escaping;
  filter.AllPotentials(free_atoms, &escaping);
  for (int id : escaping) FAIL_CHECK("failures.tsv rule '" << names[id] << "' can match without any gate word");
  // The gate looks for its words in ASCII-lowercased text, so a non-ASCII letter that RE2's case
  // folding matches with an ASCII letter would slip by: there are two, which the gate looks for.
  re2::RE2 ascii_letter("(?i)[a-z]");
  std::vector<uint32_t> folding;
  for (uint32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string u;
    if (cp < 0x800) {
      u = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    } else if (cp < 0x10000) {
      u = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
           static_cast<char>(0x80 | (cp & 0x3F))};
    } else {
      u = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    }
    if (re2::RE2::FullMatch(u, ascii_letter)) folding.push_back(cp);
  }
  CHECK(folding == std::vector<uint32_t>{0x017F, 0x212A});
  // The gate itself, and the extractor through it: case, spaces, the two folding letters.
  using synthdb::rules::ascii_lower;
  using synthdb::rules::may_hold_failure_cue;
  CHECK_FALSE(may_hold_failure_cue(ascii_lower("CdSe nanocrystals were obtained at 240 °C. Nothing else.")));
  CHECK(may_hold_failure_cue(ascii_lower("The synthesis FAILED.")));
  CHECK(may_hold_failure_cue(ascii_lower("No\xC2\xA0nanocrystals were formed.")));
  CHECK(may_hold_failure_cue(ascii_lower("were not\nformed")));
  CHECK_FALSE(may_hold_failure_cue(ascii_lower("nanotubes of niobium")));  // "no", "not" inside words
  CHECK(may_hold_failure_cue("unſucceſsful"));
  CHECK(may_hold_failure_cue("\xE2\x84\xAA"));
  for (std::string text : {"The attempt was unſucceſsful.", "The attempt was UNSUCCESSFUL.",
                           "No nanocrystals were formed.", "The reaction did not\xE2\x80\x89yield any product."}) {
    const auto ents = shared_extractor().extract(text).entities;
    CHECK_MESSAGE(std::any_of(ents.begin(), ents.end(), [](const Entity& e) { return e.type == "failure"; }), text);
  }
}

TEST_CASE("string_map.h StringMap answers as std::unordered_map (s29-speed-mat)") {
  using synthdb::rules::StringHash;
  using synthdb::rules::StringMap;
  StringMap<int> map;
  std::unordered_map<std::string, int> ref;
  CHECK(map.empty());
  CHECK(map.find("x") == map.end());
  CHECK(map.count("") == 0);
  // Keys of every length from 0 to 5 over a few bytes, inserted through operator[], emplace and
  // emplace of a key already there (which keeps the first value), past several doublings.
  std::vector<std::string> keys;
  for (const char* base : {"", "a", "ab", "abc", "abcd", "abcde", "\xC3\xA9"}) {
    for (char c : std::string("aszAZ09 -")) keys.push_back(std::string(base) + c);
    keys.emplace_back(base);
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const int v = static_cast<int>(i);
    if (i % 3 == 0) {
      map[keys[i]] = v;
      ref[keys[i]] = v;
    } else {
      CHECK(map.emplace(keys[i], v).second == ref.emplace(keys[i], v).second);
    }
    CHECK_FALSE(map.emplace(keys[i], -1).second);
  }
  CHECK(map.size() == ref.size());
  for (const std::string& k : keys) {
    REQUIRE(map.contains(k));
    CHECK(map.find(k)->second == ref.at(k));
    CHECK(map.find_hashed(k, StringHash{}(k))->second == ref.at(k));
    for (const std::string& probe : {k + "?", k + "s", "x" + k}) CHECK(map.count(probe) == ref.count(probe));
  }
  // Iteration visits the entries in insertion order (each key's first insertion).
  std::vector<std::string> order;
  std::unordered_set<std::string> inserted;
  for (const std::string& k : keys) {
    if (inserted.insert(k).second) order.push_back(k);
  }
  size_t seen = 0;
  for (const auto& [k, v] : map) {
    CHECK(ref.at(k) == v);
    REQUIRE(seen < order.size());
    CHECK(k == order[seen]);
    ++seen;
  }
  CHECK(seen == ref.size());
  CHECK(map[std::string("new")] == 0);
  CHECK(map.size() == ref.size() + 1);
}

TEST_CASE("materials.h ElementSymbols::count answers as the StringMap<bool> it replaced (s19-speed)") {
  using synthdb::rules::ElementSymbols;
  using synthdb::rules::StringMap;
  const std::vector<std::string> keys = {"H", "He", "O", "Zn", "Uuo", "", std::string("\xC3\xA9", 2), std::string(1, '\0')};
  ElementSymbols set;
  StringMap<bool> map;
  for (const std::string& k : keys) {
    set.insert(k);
    map[k] = true;
  }
  // Every key of one or two bytes, and some longer ones: the same answer.
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    CHECK(set.count(one) == map.count(one));
    for (int b = 0; b < 256; ++b) {
      const std::string two = one + static_cast<char>(b);
      if (set.count(two) != map.count(two)) FAIL("differs on a two-byte key " << a << "," << b);
    }
  }
  for (const char* k : {"Uuo", "Uu", "Zn2", "Heo", "HeH"}) CHECK(set.count(k) == map.count(k));
  CHECK(set.count("Zn") == 1);
  CHECK(set.count("Zr") == 0);
  ElementSymbols none;
  CHECK(none.count("") == 0);
  CHECK(set.count("") == 1);
}

TEST_CASE("a mixed-case word without a slash is no slash phrase: one mention, not a nested copy (ee39f61)") {
  // "cARBON black" (small capitals flattened by PDF conversion): slash_phrase() once read a token
  // without a slash as head and tail of itself and pushed "cARBON" inside "cARBON black".
  const auto x = shared_extractor().extract("cARBON black and gRAPHENE oxide were mixed.");
  std::vector<std::string> materials;
  for (const Entity& e : x.entities) {
    if (e.type == "material") materials.push_back(e.text);
  }
  CHECK(materials == std::vector<std::string>{"cARBON black", "gRAPHENE oxide"});
}
