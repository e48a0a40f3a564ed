// `synthdb extract` and `synthdb eval-extract` through the real binary.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

#include "tests/db/temp_dir.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out;
};

// Runs a shell command line and captures its stdout and exit code.
Run run_shell(const std::string& cmd) {
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Runs build/synthdb with `args`.
Run run(const std::string& args) { return run_shell(std::string(SYNTHDB_BINARY) + " " + args); }

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string l;
  while (std::getline(ss, l)) out.push_back(l);
  return out;
}

// A file in this run's scratch directory, which is removed when the test process exits.
fs::path scratch(const std::string& name) {
  static const synthdb::testing::TempDir dir;
  return dir / name;
}

}  // namespace

TEST_CASE("extract writes one line per input line in order and bad lines get an error with exit code 1") {
  auto in = scratch("in.jsonl");
  {
    std::ofstream f(in, std::ios::binary);
    f << R"({"id":"a","text":"CdO (0.2 mmol) was heated to 300 °C.","page":3})" << "\n";
    f << "{not json\n";
    f << "{\"id\":\"c\",\"text\":\"bad \xFF utf8\"}\n";
    f << R"({"id":"d","text":""})" << "\n";
    f << R"({"id":"e"})" << "\n";
  }
  Run r = run("extract < " + in.string());
  CHECK(r.code == 1);
  auto out = lines(r.out);
  REQUIRE(out.size() == 5);
  auto a = nlohmann::json::parse(out[0]);
  CHECK(a["id"] == "a");
  CHECK(a["page"] == 3);
  CHECK(a["status"] == "unknown");
  bool temp = false;
  for (const auto& e : a["entities"]) temp |= e["type"] == "temperature" && e["value"] == 300 && e["text"] == "300 °C";
  CHECK(temp);
  CHECK(nlohmann::json::parse(out[1]).contains("error"));
  CHECK(nlohmann::json::parse(out[1])["error"].get<std::string>().find("stdin:2") != std::string::npos);
  CHECK(nlohmann::json::parse(out[2]).contains("error"));
  auto d = nlohmann::json::parse(out[3]);
  CHECK(d["entities"].empty());
  CHECK_FALSE(d.contains("error"));
  CHECK(nlohmann::json::parse(out[4]).contains("error"));
}

TEST_CASE("extract: a key given twice in a line is an error naming the key, exit code 1") {
  auto in = scratch("dup.jsonl");
  {
    std::ofstream f(in);
    f << R"({"id":1,"id":2,"text":"at 300 °C"})" << "\n";                  // simple reader's line
    f << R"({"id":3,"text":"at 300 °C","text":"at 200 °C"})" << "\n";      // two texts
    f << R"({"id":4,"meta":{"p":1},"te\u0078t":"a","text":"at 300 °C"})" << "\n";  // escaped key, DOM path
    f << R"({"id":5,"meta":{"p":1,"p":2},"text":"at 300 °C"})" << "\n";    // nested keys are the caller's
    f << R"({"id":6,"text":"at 300 °C"})" << "\n";
  }
  Run r = run("extract < " + in.string());
  CHECK(r.code == 1);
  auto out = lines(r.out);
  REQUIRE(out.size() == 5);
  auto error = [&](int k) {
    auto j = nlohmann::json::parse(out[k]);
    CHECK_FALSE(j.contains("entities"));
    CHECK_FALSE(j.contains("status"));
    return j.value("error", std::string());
  };
  CHECK(error(0) == "stdin:1: duplicate key \"id\"");
  CHECK(error(1) == "stdin:2: duplicate key \"text\"");
  CHECK(error(2) == "stdin:3: duplicate key \"text\"");
  for (int k : {3, 4}) {
    auto j = nlohmann::json::parse(out[k]);
    CHECK_FALSE(j.contains("error"));
    CHECK(j["entities"].size() == 1);
  }
}

TEST_CASE("extract exits 0 on good input and writes nothing for empty input") {
  auto in = scratch("good.jsonl");
  {
    std::ofstream f(in);
    f << R"({"id":1,"text":"Stirred for 2 min at room temperature."})" << "\n";
    // A nested member takes the DOM path (to_json(Entity)) instead of the direct writer.
    f << R"({"id":2,"meta":{"page":1},"text":"Stirred for 2 min at room temperature."})" << "\n";
    f << "\n  \n";  // blank lines: empty records, no error
    f << R"({"id":3,"text":"at 300 °C"})" << "\n";
  }
  Run r = run("extract < " + in.string());
  CHECK(r.code == 0);
  auto got = lines(r.out);
  REQUIRE(got.size() == 5);
  // Issue #4 names an operation's label `value`; both writers give it next to `normalized`.
  for (int k : {0, 1}) {
    int operations = 0;
    const auto object = nlohmann::json::parse(got[k]);
    for (const auto& e : object["entities"]) {
      if (e["type"] != "operation") continue;
      ++operations;
      CHECK(e["value"] == "stirring");
      CHECK(e["normalized"] == "stirring");
    }
    CHECK(operations == 1);
  }
  for (int k : {2, 3}) {
    auto blank = nlohmann::json::parse(got[k]);
    CHECK(blank["entities"].empty());
    CHECK(blank["status"] == "unknown");
    CHECK_FALSE(blank.contains("error"));
  }
  CHECK(nlohmann::json::parse(got[4])["id"] == 3);
  Run empty = run("extract < /dev/null");
  CHECK(empty.code == 0);
  CHECK(empty.out.empty());
}

TEST_CASE("eval-extract scores the brat test split and writes JSON and usage errors exit 2") {
  auto msp = fs::path(SYNTHDB_SOURCE_DIR) / ".." / "shared" / "data" / "msp-synthesis-procedures";
  auto json = scratch("scores.json");
  auto gold = scratch("gold.jsonl");
  Run r = run("eval-extract --brat " + msp.string() + " --split test --json " + json.string() + " --write-gold " +
              gold.string());
  CHECK(r.code == 0);
  CHECK(r.out.find("temperature") != std::string::npos);
  std::ifstream jf(json);
  auto j = nlohmann::json::parse(jf);
  CHECK(j["paragraphs"] == 55);
  CHECK(j["types"]["temperature"]["overlap"]["f1"].get<double>() > 0.8);
  Run again = run("eval-extract --gold " + gold.string());
  CHECK(again.code == 0);
  CHECK(again.out.find("paragraphs: 55") != std::string::npos);
  CHECK(run("eval-extract 2>/dev/null").code == 2);
  CHECK(run("eval-extract --brat " + msp.string() + " --split nope 2>/dev/null").code == 2);
  // A gold span that does not point at its own text is an input error naming file:line, not a
  // silent miss: past the end, and a text that differs from the slice.
  auto bad = scratch("bad-gold.jsonl");
  {
    std::ofstream f(bad);
    f << R"({"id":"a","text":"heated to 300 °C","entities":[{"type":"temperature","start":10,"end":16,"text":"300 °C"}]})" << "\n";
    f << R"({"id":"b","text":"abc","entities":[{"type":"time","start":0,"end":99,"text":"zz"}]})" << "\n";
  }
  Run past = run_shell(std::string(SYNTHDB_BINARY) + " eval-extract --gold " + bad.string() + " 2>&1");
  CHECK(past.code == 3);
  CHECK(past.out.find("bad-gold.jsonl:2: time [0, 99) is outside the text") != std::string::npos);
  {
    std::ofstream f(bad);
    f << R"({"id":"a","text":"heated to 300 °C","entities":[{"type":"temperature","start":10,"end":16,"text":"300 K"}]})" << "\n";
  }
  Run differs = run_shell(std::string(SYNTHDB_BINARY) + " eval-extract --gold " + bad.string() + " 2>&1");
  CHECK(differs.code == 3);
  CHECK(differs.out.find("bad-gold.jsonl:1: temperature [10, 16) text \"300 K\" is not the text there (\"300 °C\")") !=
        std::string::npos);
}

TEST_CASE("eval-extract scores the paragraph status of gold lines that carry one, with STATUS error lines") {
  auto gold = scratch("status-gold.jsonl");
  {
    std::ofstream f(gold);
    f << R"({"id":"a","text":"The reaction failed to give any product.","entities":[],"status":"failed"})" << "\n";
    f << R"({"id":"b","text":"Monodisperse CdSe nanocrystals of 4.1 nm were obtained.","entities":[],"status":"success"})" << "\n";
    f << R"({"id":"c","text":"The solution was stirred for 2 h.","entities":[],"status":"failed"})" << "\n";
    f << R"({"id":"d","text":"The solution was stirred for 2 h.","entities":[]})" << "\n";  // not scored for status
  }
  auto json = scratch("status.json");
  auto errors = scratch("status-errors.tsv");
  Run r = run("eval-extract --gold " + gold.string() + " --json " + json.string() + " --errors " + errors.string());
  REQUIRE(r.code == 0);
  std::ifstream jf(json);
  auto j = nlohmann::json::parse(jf)["types"];
  auto counts = [&](const char* row) {
    const auto& o = j[row]["overlap"];
    CHECK(o == j[row]["exact"]);
    return std::vector<int>{o["tp"].get<int>(), o["predicted"].get<int>(), o["gold"].get<int>()};
  };
  CHECK(counts("status") == std::vector<int>{2, 3, 3});  // accuracy 2 of the 3 paragraphs with a status
  CHECK(counts("status:failed") == std::vector<int>{1, 1, 2});
  CHECK(counts("status:success") == std::vector<int>{1, 1, 1});
  CHECK(counts("status:unknown") == std::vector<int>{0, 1, 0});
  std::ifstream ef(errors);
  std::string all((std::istreambuf_iterator<char>(ef)), {});
  CHECK(all == "STATUS\tc\tgold=failed pred=unknown\tThe solution was stirred for 2 h.\n");
  // A gold file without statuses prints no status row; a status outside the three is an input error.
  Run plain = run("eval-extract --gold " + (fs::path(SYNTHDB_SOURCE_DIR) / "extract/rules/gold/outcomes-review21.jsonl").string());
  CHECK(plain.code == 0);
  CHECK(plain.out.find("status") == std::string::npos);
  {
    std::ofstream f(gold);
    f << R"({"id":"a","text":"abc","entities":[],"status":"failure"})" << "\n";
  }
  Run bad = run_shell(std::string(SYNTHDB_BINARY) + " eval-extract --gold " + gold.string() + " 2>&1");
  CHECK(bad.code == 3);
  CHECK(bad.out.find("status-gold.jsonl:1: status \"failure\" is not success, failed or unknown") != std::string::npos);
}

// Regression floors on the held-out halves of the shipped gold sets and of MSP: a rule change that
// loses ground on text it was not written for fails here (figures and commands in docs/extraction.md).
TEST_CASE("eval-extract: test splits stay at their measured level (outcome gold, role gold, MSP)") {
  auto score = [](const std::string& args, const std::string& type, const char* match) {
    auto json = scratch("floor.json");
    Run r = run("eval-extract " + args + " --json " + json.string());
    REQUIRE(r.code == 0);
    std::ifstream jf(json);
    auto j = nlohmann::json::parse(jf);
    REQUIRE_MESSAGE(j["types"].contains(type), type);
    return j["types"][type][match]["f1"].get<double>();
  };
  const fs::path src(SYNTHDB_SOURCE_DIR);
  const std::string outcomes = "--gold " + (src / "extract/rules/gold/outcomes-test.jsonl").string();
  CHECK(score(outcomes, "morphology", "overlap") >= 0.93);
  CHECK(score(outcomes, "size", "overlap") >= 0.55);
  // Review 19's 240 sentences (a dev set since s19-sizefix tuned on them): 0.935 / 0.948 with rules-20,
  // 0.992 / 0.992 with rules-21.
  const std::string review19 = "--gold " + (src / "extract/rules/gold/outcomes-review19.jsonl").string();
  CHECK(score(review19, "size", "exact") >= 0.98);
  CHECK(score(review19, "morphology", "exact") >= 0.98);
  // Review 20's 205 messy-form units (tables, captions, reference entries, PDF artefacts; a dev set
  // since s20-size tuned on them): 0.743 / 0.933 with rules-21 against the corrected gold,
  // 0.889 / 0.954 with s20-size.
  const std::string review20 = "--gold " + (src / "extract/rules/gold/outcomes-review20.jsonl").string();
  CHECK(score(review20, "size", "exact") >= 0.88);
  CHECK(score(review20, "morphology", "exact") >= 0.95);
  // Review 21's 40 colloidal-nanocrystal units (TEM captions, sizing curves, excitation wavelengths; a
  // dev set since s21-outx tuned on them): 0.983 / 0.978 with rules-22 (blind, one span corrected),
  // 1.000 / 1.000 with s21-outx.
  const std::string review21 = "--gold " + (src / "extract/rules/gold/outcomes-review21.jsonl").string();
  CHECK(score(review21, "size", "exact") >= 0.98);
  CHECK(score(review21, "morphology", "exact") >= 0.98);
  // Review 25's 200 units (80 MSP-style procedures, 80 SOFC-style sentences, 40 hard negatives; a dev
  // set since s25-review tuned on them): 0.922 / 0.948 with rules-24 blind (0.922 / 0.965 against the
  // corrected gold), 0.968 / 0.986 with rules-25.
  const std::string review25 = "--gold " + (src / "extract/rules/gold/outcomes-review25.jsonl").string();
  CHECK(score(review25, "size", "exact") >= 0.95);
  CHECK(score(review25, "morphology", "exact") >= 0.97);
  // Review 32's 200 units in the messy forms of the corpora's text dumps (flattened tables, captions,
  // PMC reference entries, U+2010 hyphens, PDF glyphs; a dev set since s32-messy tuned on them): 0.837 /
  // 0.927 with rules-25 blind (no gold correction), 0.919 / 0.987 with s32-messy.
  const std::string review32 = "--gold " + (src / "extract/rules/gold/outcomes-review32.jsonl").string();
  CHECK(score(review32, "size", "exact") >= 0.91);
  CHECK(score(review32, "morphology", "exact") >= 0.98);
  // Review 33's 200 units for failure entities and paragraph status (colloidal NCs, MSP-style procedures,
  // SOFC/thin-film fabrication, hard negatives, mixed variants; a dev set since s33-fail tuned on them):
  // blind with rules-26 against the corrected gold failure overlap F1 0.303, status accuracy 0.505; 0.604 /
  // 0.740 with s33-fail; 0.806 / 0.865 with s33-fail2 (exact F1 0.293 -> 0.476: spans without the subject);
  // 0.816 / 0.865 (exact 0.488) with s33-fail3. The status row's F1 is the accuracy.
  const std::string review33 = "--gold " + (src / "extract/rules/gold/outcomes-review33-failures.jsonl").string();
  CHECK(score(review33, "failure", "overlap") >= 0.80);
  CHECK(score(review33, "failure", "exact") >= 0.47);
  CHECK(score(review33, "status", "exact") >= 0.85);
  CHECK(score(review33, "status:failed", "exact") >= 0.90);
  // Review 33b's 120 units by a second annotator (the s33-blind helper; nc 35, msp 25, sofc 20, neg 25, mix
  // 15; a dev set since s33-fail3 tuned on them): blind failure overlap F1 / status accuracy 0.380 / 0.600
  // with rules-26, 0.491 / 0.650 with s33-fail, 0.546 / 0.667 with s33-fail2; 0.863 / 0.758 with s33-fail3.
  const std::string review33b = "--gold " + (src / "extract/rules/gold/outcomes-review33b-failures.jsonl").string();
  CHECK(score(review33b, "failure", "overlap") >= 0.85);
  CHECK(score(review33b, "status", "exact") >= 0.74);
  // Review 33c's 100 units by a third annotator (the s33-blind2 helper; nc 30, msp 20, sofc 15, neg 20, mix
  // 15), scored once by the lead at the end of session 33 and never read for rules: failure overlap F1 /
  // status accuracy 0.286 / 0.520 with rules-26, 0.486 / 0.630 after s33-fail2, 0.658 / 0.680 at the end of
  // session 33 (rules-27). A floor only: a later round that reads its errors makes it dev data.
  const std::string review33c = "--gold " + (src / "extract/rules/gold/outcomes-review33c-failures.jsonl").string();
  CHECK(score(review33c, "failure", "overlap") >= 0.64);
  CHECK(score(review33c, "status", "exact") >= 0.66);
  // Review 21's 164 optical units (s21-optics, written and annotated blind; a dev set since s21-optics
  // tuned on them): overlap F1 with rules-22 blind pl_peak 0.773, fwhm 0.540, plqy 0.718,
  // absorption_peak 0.772, band_gap 0.667, yield 0.778, phase 0.915 (against the corrected labels);
  // s21-optics 0.967 / 0.889 / 0.976 / 0.939 / 0.923 / 0.872 / 0.986.
  const std::string review21o = "--gold " + (src / "extract/rules/gold/outcomes-review21-optics.jsonl").string();
  CHECK(score(review21o, "pl_peak", "overlap") >= 0.94);
  CHECK(score(review21o, "fwhm", "overlap") >= 0.86);
  CHECK(score(review21o, "plqy", "overlap") >= 0.95);
  CHECK(score(review21o, "absorption_peak", "overlap") >= 0.91);
  CHECK(score(review21o, "band_gap", "overlap") >= 0.90);
  CHECK(score(review21o, "yield", "overlap") >= 0.85);
  CHECK(score(review21o, "phase", "overlap") >= 0.95);
  // s21-optics2's 30 units (written and annotated blind; a dev set since): blind overlap F1 pl_peak
  // 0.687, fwhm 0.235, plqy 0.000, phase 0.600, size 0.444; s21-optics2 0.800 / 0.706 / 0.800 / 1.000 / 0.909.
  const std::string review21o2 = "--gold " + (src / "extract/rules/gold/outcomes-review21-optics2.jsonl").string();
  CHECK(score(review21o2, "pl_peak", "overlap") >= 0.79);
  CHECK(score(review21o2, "fwhm", "overlap") >= 0.70);
  CHECK(score(review21o2, "plqy", "overlap") >= 0.79);
  CHECK(score(review21o2, "phase", "exact") >= 0.99);
  CHECK(score(review21o2, "size", "overlap") >= 0.90);
  // Its tables on separate lines, read since s22-optics3 (absorption_peak 0.250 → 1.000, band_gap 0.000 → 1.000).
  CHECK(score(review21o2, "absorption_peak", "overlap") >= 0.99);
  CHECK(score(review21o2, "band_gap", "overlap") >= 0.99);
  // s22-optics3's 64 units (written and annotated blind; a dev set since): blind overlap F1 pl_peak
  // 0.693, fwhm 0.615, plqy 0.667, absorption_peak 0.583, band_gap 0.688, yield 0.625; s22-optics3
  // 0.946 / 1.000 / 1.000 / 0.985 / 0.914 / 0.842.
  const std::string review22o = "--gold " + (src / "extract/rules/gold/outcomes-review22-optics.jsonl").string();
  CHECK(score(review22o, "pl_peak", "overlap") >= 0.94);
  CHECK(score(review22o, "fwhm", "overlap") >= 0.99);
  CHECK(score(review22o, "plqy", "overlap") >= 0.99);
  CHECK(score(review22o, "absorption_peak", "overlap") >= 0.98);
  CHECK(score(review22o, "band_gap", "overlap") >= 0.91);
  CHECK(score(review22o, "yield", "overlap") >= 0.84);
  const std::string roles = "--gold " + (src / "extract/rules/gold/roles/roles-test.jsonl").string();
  CHECK(score(roles, "role", "exact") >= 0.45);
  const std::string msp = "--brat " + (src / ".." / "shared" / "data" / "msp-synthesis-procedures").string() + " --split test";
  // Temperature and time floors are the issue's targets (0.95): since session 12 a range whose ends
  // both carry a unit ("from 150 °C to 200 °C") is one min/max entity, as the contract reads ranges,
  // where MSP marks two values (docs/extraction-history.md, s12-fixq).
  CHECK(score(msp, "temperature", "exact") >= 0.95);
  CHECK(score(msp, "time", "exact") >= 0.95);
  CHECK(score(msp, "amount", "exact") >= 0.91);
  CHECK(score(msp, "material", "exact") >= 0.79);
  CHECK(score(msp, "role", "exact") >= 0.60);
}

TEST_CASE("train-extract: the shipped sizes model is reproduced byte for byte from the outcome gold's dev half") {
  const fs::path src(SYNTHDB_SOURCE_DIR);
  auto out = scratch("sizes.lm");
  Run r = run("train-extract --stage sizes --gold " + (src / "extract/rules/gold/outcomes-dev.jsonl").string() +
              " -o " + out.string() + " 2>&1");
  REQUIRE_MESSAGE(r.code == 0, r.out);
  CHECK(r.out.find("cross-validated (5 folds) accuracy") != std::string::npos);
  CHECK(r.out.find("  size\t") != std::string::npos);
  std::ifstream a(out, std::ios::binary), b(src / "models/sizes.lm", std::ios::binary);
  std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  CHECK(!sa.empty());
  CHECK(sa == sb);
}

TEST_CASE("train-extract: usage errors exit 2, a stage without examples exits 3 with one line") {
  CHECK(run("train-extract --stage sizes 2>/dev/null").code == 2);
  CHECK(run("train-extract --stage colours --gold x.jsonl 2>/dev/null").code == 2);
  CHECK(run("train-extract --stage materials --gold x.jsonl 2>/dev/null").code == 2);  // measured, left off
  CHECK(run("train-extract --stage sizes --brat x --split test 2>/dev/null").code == 2);  // never on test
  CHECK(run("train-extract --stage sizes --gold x.jsonl --l2 -1 2>/dev/null").code == 2);
  const fs::path gold = scratch("empty-gold.jsonl");
  {
    std::ofstream out(gold);
    out << R"({"id":"p1","text":"The powder was dried at 80 degC.","entities":[]})" << "\n";
  }
  Run r = run("train-extract --stage sizes --gold " + gold.string() + " --no-write 2>&1");
  CHECK(r.code == 3);
  CHECK(r.out == "synthdb: train-extract: stage sizes produced no training examples\n");
}

TEST_CASE("eval-sofc: SOFC-Exp test papers stay at their measured level (material mentions, operating temperatures)") {
  const fs::path src(SYNTHDB_SOURCE_DIR);
  const fs::path data = src / ".." / "shared" / "data" / "sofc-exp";
  if (!fs::exists(data)) {
    MESSAGE("SOFC-Exp corpus not found beside the project; skipped");
    return;
  }
  auto json = scratch("sofc.json");
  Run r = run_shell("python3 " + (src / "scripts" / "eval-sofc").string() + " --split test --materials --synthdb " +
              std::string(SYNTHDB_BINARY) + " --data " + data.string() + " --json " + json.string() + " 2>&1");
  REQUIRE_MESSAGE(r.code == 0, r.out);
  std::ifstream in(json);
  auto j = nlohmann::json::parse(in);
  // Floors a little under the session-4 figures (0.638 exact material F1, 0.98 temperature recall):
  // a rule change that loses solid-oxide forms fails here.
  CHECK(j["material"]["exact"]["f1"].get<double>() >= 0.62);
  CHECK(j["material"]["overlap"]["f1"].get<double>() >= 0.73);
  CHECK(j["temperature"]["recall_overlap"].get<double>() >= 0.95);
}

TEST_CASE("scripts/extract-check: diff sets are built, a binary is the same as itself on each, another output differs") {
  const fs::path src(SYNTHDB_SOURCE_DIR);
  if (!fs::exists(src / ".." / "shared" / "data" / "msp-synthesis-procedures")) {
    MESSAGE("MSP corpus not found beside the project; skipped");
    return;
  }
  const std::string script = "python3 " + (src / "scripts" / "extract-check").string();
  const fs::path sets = scratch("extract-check-sets");
  Run made = run_shell(script + " sets " + sets.string() + " 2>&1");
  REQUIRE_MESSAGE(made.code == 0, made.out);
  CHECK(fs::exists(sets / "bench2.jsonl"));
  CHECK(fs::exists(sets / "sofc.jsonl"));
  Run same = run_shell(script + " compare " + std::string(SYNTHDB_BINARY) + " " + std::string(SYNTHDB_BINARY) +
                       " --sets " + sets.string() + " 2>&1");
  CHECK(same.code == 0);
  CHECK(same.out.find("same  bench2\n") != std::string::npos);
  CHECK(same.out.find("same  outcomes-review32\n") != std::string::npos);
  CHECK(same.out.find("DIFF") == std::string::npos);
  // A "binary" whose extract echoes its input: every set differs, and the exit code says so.
  const fs::path echo = scratch("echo-extract.sh");
  {
    std::ofstream out(echo);
    out << "#!/bin/sh\ncat\n";
  }
  fs::permissions(echo, fs::perms::owner_all);
  Run differ = run_shell(script + " compare " + echo.string() + " " + std::string(SYNTHDB_BINARY) + " --sets " +
                         sets.string() + " 2>&1");
  CHECK(differ.code == 1);
  CHECK(differ.out.find("DIFF  msp-dev (110 lines)") != std::string::npos);
  // A diff-set directory that is not there: one line naming it, exit 2.
  Run missing = run_shell(script + " compare " + std::string(SYNTHDB_BINARY) + " " + std::string(SYNTHDB_BINARY) +
                          " --sets /nonexistent-synthdb-sets 2>&1");
  CHECK(missing.code == 2);
  CHECK(missing.out.starts_with("extract-check: /nonexistent-synthdb-sets: no such directory"));
  CHECK(lines(missing.out).size() == 1);
}

TEST_CASE("extract --models with a directory that is not there is an error, not the rules alone") {
  Run r = run("extract --models /nonexistent-synthdb-models < /dev/null 2>&1");
  CHECK(r.code == 3);
  CHECK(r.out == "synthdb: /nonexistent-synthdb-models: model directory not found\n");
}
