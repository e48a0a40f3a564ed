// Classifier tests on the shipped model (models/synthesis.ftz) and real training runs.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/dataset.h"
#include "classify/features.h"
#include "classify/method.h"
#include "classify/metrics.h"
#include "classify/train.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

using namespace synthdb;
using namespace synthdb::classify;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("synthdb_classify_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d;
}

// Paragraphs written for these tests (not in any training file): typical of colloidal papers.
const char* kHotInjection =
    "Synthesis of CdSe/ZnS quantum dots. Cadmium oxide (0.1 mmol), zinc acetate (4 mmol) and oleic "
    "acid (5 mL) were placed in a 100 mL flask with 15 mL of 1-octadecene, degassed at 150 °C for 20 "
    "min and heated to 300 °C under argon. A solution of selenium (0.2 mmol) and sulfur (4 mmol) in 3 "
    "mL trioctylphosphine was swiftly injected, and the temperature was kept at 300 °C for 10 min "
    "before the flask was cooled to room temperature. The quantum dots were precipitated with acetone "
    "and centrifuged at 7000 rpm.";
const char* kSolvothermal =
    "In a typical procedure, 2 mmol of Co(NO3)2·6H2O and 4 mmol of urea were dissolved in 40 mL of "
    "ethanol under stirring for 30 min. The solution was transferred into a 50 mL Teflon-lined "
    "autoclave and heated at 160 °C for 8 h. The pink precipitate was washed with water and dried at "
    "60 °C overnight.";
const char* kIntro =
    "Semiconductor nanocrystals are promising materials for light-emitting diodes because their "
    "emission colour can be tuned through the particle size. However, the toxicity of cadmium has "
    "motivated a search for alternative compositions, and in recent years indium phosphide and "
    "copper-based nanocrystals have received considerable attention.";
const char* kResults =
    "As shown in Figure 2, the photoluminescence peak red-shifts from 540 to 610 nm as the growth "
    "time increases, while the full width at half maximum stays near 25 nm. The quantum yield of the "
    "final sample reaches 78%, which we attribute to efficient passivation of surface traps by the "
    "shell.";
const char* kMaterials =
    "Chemicals. Lead(II) iodide (PbI2, 99.99%), cesium carbonate (Cs2CO3, 99.9%), oleic acid (OA, "
    "90%), oleylamine (OAm, 70%) and 1-octadecene (ODE, 90%) were purchased from Sigma-Aldrich. "
    "Toluene and methyl acetate were obtained from Alfa Aesar. All chemicals were used without "
    "further purification.";
const char* kCharacterization =
    "Transmission electron microscopy images were taken with a JEOL JEM-2100F microscope operated at "
    "200 kV. Absorption spectra were recorded on a Shimadzu UV-2600 spectrophotometer and "
    "photoluminescence spectra on an Edinburgh FLS980 spectrometer with 400 nm excitation.";

}  // namespace

TEST_CASE("shipped model: synthesis paragraphs from unseen papers are synthesis, with a method") {
  Classifier clf;
  auto p = clf.predict(kHotInjection, "Experimental Section");
  CHECK(p.label == "synthesis");
  CHECK(p.synthesis_score > 0.7);
  CHECK(p.method == "hot-injection");
  p = clf.predict(kSolvothermal);  // no section: the text alone must carry it
  CHECK(p.label == "synthesis");
  CHECK(p.method == "solvothermal");
  CHECK(p.score == doctest::Approx(p.synthesis_score));
}

TEST_CASE("shipped model: introduction and results paragraphs are not synthesis") {
  Classifier clf;
  for (const char* text : {kIntro, kResults}) {
    auto p = clf.predict(text, "");
    CHECK(p.label == "other");
    CHECK(p.synthesis_score < 0.5);
    CHECK(p.method.empty());
  }
  CHECK(clf.predict(kResults, "Results and Discussion").label == "other");
}

TEST_CASE("shipped model: materials lists and characterization paragraphs get their labels") {
  Classifier clf;
  CHECK(clf.predict(kMaterials, "Experimental Section").label == "materials_list");
  CHECK(clf.predict(kCharacterization, "Characterization").label == "characterization");
  CHECK(clf.predict(kMaterials, "").synthesis_score < 0.5);
  CHECK(clf.predict(kCharacterization, "").synthesis_score < 0.5);
}

TEST_CASE("probabilities are a distribution and the fast path equals fastText's own predict") {
  Classifier clf;
  REQUIRE(clf.uses_fast_path());
  for (const char* text : {kHotInjection, kIntro, kMaterials, kCharacterization, kResults}) {
    for (const char* section : {"", "Experimental Section", "Results"}) {
      auto ref = clf.reference_probabilities(text, section);
      auto p = clf.predict(text, section);
      // fastText reports log(p + 1e-5); the fast path computes p itself.
      CHECK(p.synthesis_score == doctest::Approx(ref[0]).epsilon(0.0).scale(1.0).epsilon(2e-4));
      double sum = 0;
      for (double v : ref) sum += v;
      CHECK(sum == doctest::Approx(1.0).epsilon(1e-3));
      CHECK(p.score >= 0.25);
      CHECK(p.score <= 1.0);
    }
  }
}

TEST_CASE("empty, whitespace-only and punctuation-only text is other with score 1") {
  Classifier clf;
  for (const char* text : {"", "   \t ", "\n"}) {
    auto p = clf.predict(text, "Experimental Section");
    CHECK(p.label == "other");
    CHECK(p.score == 1.0);
    CHECK(p.synthesis_score == 0.0);
  }
}

TEST_CASE("a 1 MB paragraph and arbitrary bytes are classified without crashing") {
  Classifier clf;
  std::string huge;
  while (huge.size() < (1u << 20)) huge += kHotInjection;
  auto p = clf.predict(huge, "Experimental");
  CHECK(p.label == "synthesis");  // judged on its first kMaxTokens tokens
  std::string bytes;
  for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 7919) % 256);
  p = clf.predict(bytes, std::string(3000, '\xff'), "caption");
  CHECK(!p.label.empty());
  CHECK(label_index(p.label) >= 0);
}

TEST_CASE("threshold decides synthesis on its own") {
  Classifier clf;
  auto p = clf.predict(kIntro, "", "", 0.0);
  CHECK(p.label == "synthesis");
  p = clf.predict(kHotInjection, "", "", 1.0);
  CHECK(p.label != "synthesis");
  CHECK(p.method.empty());
}

TEST_CASE("version names the file and a content hash") {
  Classifier clf;
  CHECK(clf.version() == "synthesis.ftz@" + sha256_file(default_model_path()).substr(0, 12));
}

TEST_CASE("bad model files throw ModelError naming the file") {
  auto dir = temp_dir("badmodel");
  CHECK_THROWS_WITH_AS(Classifier(dir / "missing.ftz"), doctest::Contains("missing.ftz"), ModelError);
  const auto garbage = dir / "garbage.ftz";
  std::ofstream(garbage) << "this is not a model";
  CHECK_THROWS_WITH_AS(Classifier{garbage}, doctest::Contains("garbage.ftz"), ModelError);
  // A truncated copy of the real model: header fine, body missing.
  const auto truncated = dir / "truncated.ftz";
  std::filesystem::copy_file(default_model_path(), truncated);
  std::filesystem::resize_file(truncated, 2000);
  CHECK_THROWS_WITH_AS(Classifier{truncated}, doctest::Contains("truncated.ftz"), ModelError);
  std::filesystem::resize_file(truncated, 60);
  CHECK_THROWS_AS(Classifier{truncated}, ModelError);
  std::filesystem::remove_all(dir);
}

TEST_CASE("training is deterministic given the seed") {
  std::vector<Example> ex;
  const char* texts[][2] = {{kHotInjection, "synthesis"}, {kSolvothermal, "synthesis"},
                            {kIntro, "other"},            {kResults, "other"},
                            {kMaterials, "materials_list"}, {kCharacterization, "characterization"}};
  for (int rep = 0; rep < 5; ++rep)
    for (auto& t : texts) ex.push_back({"", t[0], rep % 2 ? "Experimental" : "", "", t[1], ""});
  TrainOptions o;
  o.epochs = 5;
  o.bucket = 2000;
  o.dim = 8;
  o.min_count = 1;
  o.seed = 7;
  auto dir = temp_dir("determinism");
  train_fasttext(ex, dir / "a.ftz", o);
  train_fasttext(ex, dir / "b.ftz", o);
  CHECK(sha256_file(dir / "a.ftz") == sha256_file(dir / "b.ftz"));
  Classifier a(dir / "a.ftz"), b(dir / "b.ftz");
  for (auto& t : texts) {
    CHECK(a.predict(t[0]).label == b.predict(t[0]).label);
    CHECK(a.predict(t[0]).synthesis_score == b.predict(t[0]).synthesis_score);
  }
  o.seed = 8;
  train_fasttext(ex, dir / "c.ftz", o);
  CHECK(sha256_file(dir / "a.ftz") != sha256_file(dir / "c.ftz"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("fast path equals fastText's own predict for other n-gram orders, buckets and dimensions") {
  std::vector<Example> ex;
  const char* texts[][2] = {{kHotInjection, "synthesis"}, {kSolvothermal, "synthesis"},
                            {kIntro, "other"},            {kResults, "other"},
                            {kMaterials, "materials_list"}, {kCharacterization, "characterization"}};
  for (int rep = 0; rep < 5; ++rep)
    for (auto& t : texts) ex.push_back({"", t[0], rep % 2 ? "Experimental" : "", "", t[1], ""});
  auto dir = temp_dir("orders");
  // {word_ngrams, bucket, dim}: trigrams with a bucket count that is not a power of two (modulo,
  // not mask), unigrams only, and a dimension without a fixed-width row sum.
  for (auto [ngrams, bucket, dim] : {std::array<int, 3>{3, 3000, 8}, {1, 4096, 32}, {2, 2048, 12}}) {
    TrainOptions o;
    o.epochs = 5;
    o.word_ngrams = ngrams;
    o.bucket = bucket;
    o.dim = dim;
    o.min_count = 1;
    train_fasttext(ex, dir / "m.ftz", o);
    Classifier clf(dir / "m.ftz");
    REQUIRE(clf.uses_fast_path());
    for (auto& t : texts)
      for (const char* section : {"", "Experimental Section"}) {
        auto ref = clf.reference_probabilities(t[0], section);
        CHECK(clf.predict(t[0], section).synthesis_score == doctest::Approx(ref[0]).epsilon(0.0).scale(1.0).epsilon(2e-4));
      }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("logistic baseline learns the tiny set and is deterministic") {
  std::vector<Example> ex = {{"", kHotInjection, "", "", "synthesis", ""},
                             {"", kIntro, "", "", "other", ""},
                             {"", kMaterials, "", "", "materials_list", ""},
                             {"", kCharacterization, "", "", "characterization", ""}};
  LogisticBaseline a, b;
  a.train(ex, 3, 30, 0.5);
  b.train(ex, 3, 30, 0.5);
  for (size_t i = 0; i < ex.size(); ++i) {
    auto pa = a.predict(ex[i].text);
    CHECK(pa == b.predict(ex[i].text));
    int best = 0;
    for (int k = 1; k < kNumLabels; ++k)
      if (pa[k] > pa[best]) best = k;
    CHECK(kLabels[best] == ex[i].label);
  }
}

TEST_CASE("eval metrics: per-label, binary and threshold arithmetic") {
  // gold:      s s s s o o o m c c
  // predicted: s s s o s o o m c o
  std::vector<int> gold = {0, 0, 0, 0, 3, 3, 3, 1, 2, 2};
  std::vector<int> pred = {0, 0, 0, 3, 0, 3, 3, 1, 2, 3};
  std::vector<double> score = {0.95, 0.8, 0.6, 0.3, 0.75, 0.1, 0.2, 0.0, 0.05, 0.4};
  auto r = evaluate(gold, pred, score);
  CHECK(r.n == 10);
  CHECK(r.accuracy == doctest::Approx(0.7));
  CHECK(r.confusion[0][0] == 3);
  CHECK(r.confusion[0][3] == 1);
  CHECK(r.confusion[3][0] == 1);
  CHECK(r.per_label[0].precision == doctest::Approx(0.75));
  CHECK(r.per_label[0].recall == doctest::Approx(0.75));
  CHECK(r.per_label[0].f1 == doctest::Approx(0.75));
  CHECK(r.per_label[2].precision == doctest::Approx(1.0));
  CHECK(r.per_label[2].recall == doctest::Approx(0.5));
  CHECK(r.per_label[2].f1 == doctest::Approx(2.0 / 3.0));
  CHECK(r.per_label[3].precision == doctest::Approx(0.5));  // 2 of 4 predicted other
  CHECK(r.binary.f1 == doctest::Approx(0.75));
  REQUIRE(r.thresholds.size() == 3);
  CHECK(r.thresholds[0].synthesis.predicted == 4);  // 0.95 0.8 0.6 0.75
  CHECK(r.thresholds[0].synthesis.precision == doctest::Approx(0.75));
  CHECK(r.thresholds[1].synthesis.predicted == 3);  // 0.95 0.8 0.75
  CHECK(r.thresholds[1].synthesis.precision == doctest::Approx(2.0 / 3.0));
  CHECK(r.thresholds[2].synthesis.predicted == 1);
  CHECK(r.thresholds[2].synthesis.recall == doctest::Approx(0.25));
  auto empty = make_scores(0, 0, 0);
  CHECK(empty.f1 == 0.0);
}

TEST_CASE("features: numbers, units, formulas and context tokens") {
  auto t = feature_tokens("Heated to 120°C in 10mL of Cs2CO3 (99.9%), 150 degC.", "2. Experimental Section",
                          "body");
  std::vector<std::string> expect = {"__sec_experimental", "__h_experimental", "__h_section",
                                     "__kind_body", "heated", "to", "0", "°c", "in", "0", "ml",
                                     "of", "cs0co0", "(", "0", "%", ")", ",", "0", "°c", "."};
  CHECK(t == expect);
  CHECK(feature_tokens("sol\u2013gel  μL µL").size() == 4);
  CHECK(feature_tokens("sol\u2013gel μL µL")[2] == feature_tokens("sol\u2013gel μL µL")[3]);
  CHECK(feature_tokens(std::string(100000, 'a') + " b").size() == 2);
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "word ";
  CHECK(feature_tokens(many).size() == kMaxTokens);
}

TEST_CASE("token buffer: tokens, the limit and fastText hashes written in the same pass") {
  TokenBuffer buf;
  context_tokens("Experimental", "body", buf);
  const size_t n_context = buf.size();
  tokenize_text("1.5mL, 10,000 x1.5y 1.a \xCE\xBCm DegC 3degC a\xC2\xA0" "b \xE2\x80\x93 \xff\xfe", buf);
  std::vector<std::string> words;
  for (size_t i = n_context; i < buf.size(); ++i) words.emplace_back(buf.token(i));
  std::vector<std::string> expect = {"0", "ml", ",", "0", "x0.0y", "0", ".", "a", "\xC2\xB5m",
                                     "\xC2\xB0" "c", "0", "\xC2\xB0" "c", "a", "b", "\xff\xfe"};
  CHECK(words == expect);
  REQUIRE(buf.hashes.size() == buf.size());
  for (size_t i = 0; i < buf.size(); ++i) CHECK(buf.hashes[i] == fasttext_hash(buf.token(i)));
  CHECK(fasttext_hash("\xff") == ((2166136261u ^ 0xFFFFFFFFu) * 16777619u));  // signed bytes
  TokenBuffer capped;
  tokenize_text("10mL 20mL 30mL", capped, 3);  // the cap falls between a number and its unit
  CHECK(capped.size() == 3);
  CHECK(capped.token(2) == "0");
}

TEST_CASE("method rules: the most specific cue wins") {
  CHECK(detect_method(kHotInjection) == "hot-injection");
  CHECK(detect_method(kSolvothermal) == "solvothermal");
  CHECK(detect_method("Seed-mediated growth: 24 uL of the seed solution was added to the growth "
                      "solution containing NaBH4.") == "seed-mediated");
  CHECK(detect_method("CsPbBr3 nanocrystals underwent anion exchange with PbI2 at room temperature.") ==
        "ion-exchange");
  CHECK(detect_method("AgNO3 was reduced by NaBH4 in an ice bath.") == "chemical-reduction");
  CHECK(detect_method("The mixture was heated in a microwave reactor at 180 °C.") == "microwave");
  CHECK(detect_method("Fe(acac)3 in benzyl ether was heated to 300 °C at 5 °C/min.") == "heat-up");
  CHECK(detect_method("The powders were ball-milled and calcined at 900 °C.") == "solid-state");
  CHECK(detect_method("TEOS was hydrolysed to form a gel; the sol-gel was aged.") == "sol-gel");
  CHECK(detect_method("Stirred at room temperature.") == "other");
  // Upper case, a cue as the last bytes, texts shorter than any cue, the 200,000-byte window.
  CHECK(detect_method("Hydrolysis of TEOS") == "sol-gel");
  CHECK(detect_method("then an AUTOCLAVE") == "solvothermal");
  CHECK(detect_method("teo") == "other");
  CHECK(detect_method("") == "other");
  CHECK(detect_method("heated to 300 C; swiftly injected") == "hot-injection");
  CHECK(detect_method(std::string(199995, 'x') + "microwave") == "other");
  CHECK(detect_method(std::string(199991, 'x') + "microwave") == "microwave");
}

TEST_CASE("read_examples names the file and line of a bad record") {
  auto dir = temp_dir("examples");
  const auto f = dir / "gold.jsonl";
  std::ofstream(f) << "{\"text\":\"a\",\"label\":\"other\"}\n\n{\"text\":\"b\",\"label\":\"nonsense\"}\n";
  CHECK_THROWS_WITH_AS(read_examples(f), doctest::Contains("gold.jsonl:3"), InputError);
  std::ofstream(f) << "{\"text\":\"a\",\"label\":\"other\",\"id\":5,\"section\":\"Intro\"}\n";
  auto ex = read_examples(f);
  REQUIRE(ex.size() == 1);
  CHECK(ex[0].id == "5");
  CHECK(ex[0].section == "Intro");
  std::filesystem::remove_all(dir);
}

TEST_CASE("detect_method: named methods first, techniques outside the vocabulary, ramps only in colloidal recipes") {
  // A named method beats an implied one (TEOS would say sol-gel).
  CHECK(detect_method("The catalyst was prepared by a co-precipitation method; TEOS was then added.") ==
        "co-precipitation");
  CHECK(detect_method("Li2CO3 and MnO2 were ball-milled; the traditional solid-state method was followed.") ==
        "solid-state");
  // Impregnation, CVD, electrospinning are no method of the vocabulary: other, not the calcination.
  CHECK(detect_method("CeO2 was impregnated with cupric nitrate, dried and calcined at 550 °C.") == "other");
  CHECK(detect_method("Graphene was grown on Cu foil by chemical vapor deposition at 1000 °C.") == "other");
  // A furnace ramp is not a heat-up synthesis; in oleylamine it is.
  CHECK(detect_method("The powder was heated to 900 °C at 5 °C/min in air.") == "other");
  CHECK(detect_method("Fe(acac)3 in oleylamine was heated to 300 °C at 5 °C/min.") == "heat-up");
  CHECK(detect_method("The pellet was heated to 900 °C at 5 °C/min.") == "solid-state");
  // Autoclave lined with PTFE, written out.
  CHECK(detect_method("sealed in poly(tetrafluoroethylene) lined stainless steel containers under autogenous pressure") ==
        "solvothermal");
}
