// `synthdb classify` / `train` / `eval` as a user runs them: JSON Lines through the real binary.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int exit_code = -1;
  std::vector<std::string> lines;
};

Run run_cli(const std::string& args, const std::string& input) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto in = dir / ("synthdb_cls_in_" + std::to_string(::getpid()));
  const auto out = dir / ("synthdb_cls_out_" + std::to_string(::getpid()));
  std::ofstream(in, std::ios::binary) << input;
  const std::string cmd = std::string(SYNTHDB_BINARY) + " " + args + " < " + in.string() + " > " +
                          out.string() + " 2>/dev/null";
  const int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream f(out, std::ios::binary);
  for (std::string line; std::getline(f, line);) r.lines.push_back(line);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return r;
}

}  // namespace

TEST_CASE("classify CLI: one line out per line in, in order, with label and scores") {
  const std::string input =
      "{\"id\":\"p1\",\"text\":\"CdO (0.2 mmol) and oleic acid (0.8 mmol) in ODE were heated to 280 "
      "°C under nitrogen, and TOP-Se was swiftly injected. After 3 min the flask was cooled and the "
      "nanocrystals were precipitated with ethanol.\",\"section\":\"Experimental\"}\n"
      "{\"id\":2,\"text\":\"Quantum dots are attractive for displays because their emission can be "
      "tuned by size.\",\"extra\":[1,2]}\n";
  Run r = run_cli("classify", input);
  CHECK(r.exit_code == 0);
  REQUIRE(r.lines.size() == 2);
  auto a = nlohmann::json::parse(r.lines[0]);
  auto b = nlohmann::json::parse(r.lines[1]);
  CHECK(a["id"] == "p1");
  CHECK(a["label"] == "synthesis");
  CHECK(a["method"] == "hot-injection");
  CHECK(a["synthesis_score"].get<double>() > 0.5);
  CHECK(b["id"] == 2);
  CHECK(b["extra"] == nlohmann::json::array({1, 2}));  // unknown fields pass through
  CHECK(b["label"] == "other");
  CHECK_FALSE(b.contains("method"));
  CHECK(b["score"].get<double>() > 0.5);
}

TEST_CASE("classify CLI: bad lines get a per-line error, the rest still classified, exit 1") {
  std::string huge = "{\"id\":\"huge\",\"text\":\"";
  while (huge.size() < (1u << 20)) huge += "The solution was stirred at 80 °C for 2 h. ";
  huge += "\"}\n";
  const std::string input = std::string("{\"id\":1,\"text\":\"fine paragraph about results\"}\n") +
                            "{not json\n" +                       // malformed
                            "\n" +                                // empty line
                            "{\"id\":4}\n" +                      // missing text
                            "{\"id\":5,\"text\":42}\n" +          // text not a string
                            "{\"id\":6,\"text\":\"bad \xff\xfe byte\"}\n" +  // invalid UTF-8
                            "{\"id\":7,\"text\":\"\"}\n" +        // empty text: other
                            "[1,2,3]\n" +                         // not an object
                            huge;                                 // 1 MB paragraph
  Run r = run_cli("classify", input);
  CHECK(r.exit_code == 1);
  REQUIRE(r.lines.size() == 9);
  std::vector<nlohmann::json> j;
  for (const auto& l : r.lines) j.push_back(nlohmann::json::parse(l));
  CHECK(j[0]["label"] == "other");
  CHECK(j[1]["error"] == "stdin:2: malformed JSON");
  CHECK(j[1]["line"] == 2);
  CHECK(j[2].contains("error"));
  CHECK(j[3]["id"] == 4);
  CHECK(j[3]["error"] == "stdin:4: missing \"text\"");
  CHECK(j[4]["error"] == "stdin:5: \"text\" is not a string");
  CHECK(j[5]["error"] == "stdin:6: invalid UTF-8");
  CHECK(j[5]["line"] == 6);
  CHECK(j[6]["label"] == "other");
  CHECK(j[6]["score"] == 1.0);
  CHECK(j[6]["synthesis_score"] == 0.0);
  CHECK(j[7]["error"] == "stdin:8: not a JSON object");
  CHECK(j[8]["id"] == "huge");
  CHECK(j[8].contains("label"));
}

TEST_CASE("classify CLI: --threshold and a bad model") {
  const std::string input = "{\"text\":\"Quantum dots are attractive for displays.\"}\n";
  Run r = run_cli("classify --threshold 0", input);
  CHECK(r.exit_code == 0);
  REQUIRE(r.lines.size() == 1);
  CHECK(nlohmann::json::parse(r.lines[0])["label"] == "synthesis");
  CHECK(run_cli("classify --threshold 1.5", input).exit_code == 2);
  const auto bad = std::filesystem::temp_directory_path() / "synthdb_cls_bad_model.ftz";
  std::ofstream(bad) << "junk";
  CHECK(run_cli("classify --model " + bad.string(), input).exit_code == 3);
  std::filesystem::remove(bad);
}

TEST_CASE("train and eval CLI: a model trained on a small file evaluates with JSON output") {
  const auto dir = std::filesystem::temp_directory_path() / ("synthdb_cls_cli_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "train.jsonl");
    for (int i = 0; i < 6; ++i) {
      f << R"({"text":"PbO (2 mmol) and oleic acid were heated to 150 °C, and (TMS)2S in ODE was injected.","label":"synthesis","doc":"a"})" << "\n";
      f << R"({"text":"Lead sulfide dots absorb in the near infrared and are used in photodetectors.","label":"other","doc":"b"})" << "\n";
      f << R"({"text":"PbO (99.999%, Alfa Aesar) and oleic acid (90%, Sigma-Aldrich) were used as received.","label":"materials_list","doc":"c"})" << "\n";
      f << R"({"text":"XRD patterns were recorded on a Bruker D8 diffractometer with Cu Ka radiation.","label":"characterization","doc":"d"})" << "\n";
    }
  }
  const std::string model = (dir / "m.ftz").string();
  Run t = run_cli("train --data " + (dir / "train.jsonl").string() + " --out " + model +
                      " --epochs 20 --bucket 1000 --dim 8 --min-count 1 --seed 3",
                  "");
  CHECK(t.exit_code == 0);
  REQUIRE(std::filesystem::exists(model));
  const std::string json = (dir / "eval.json").string();
  Run e = run_cli("eval --gold " + (dir / "train.jsonl").string() + " --model " + model + " --json " +
                      json + " --baseline-data " + (dir / "train.jsonl").string(),
                  "");
  CHECK(e.exit_code == 0);
  std::ifstream jf(json);
  auto j = nlohmann::json::parse(jf);
  CHECK(j["fasttext"]["n"] == 24);
  CHECK(j["fasttext"]["confusion"]["synthesis"].size() == 4);
  CHECK(j["fasttext"]["thresholds"].size() == 3);
  CHECK(j["baseline"]["binary_synthesis"]["f1"].get<double>() > 0.9);
  CHECK(j["baseline"]["overlapping_documents"] == 4);
  std::ofstream(dir / "bad.jsonl") << "{\"text\":\"x\",\"label\":\"synthesis\"}\n{oops\n";
  CHECK(run_cli("eval --gold " + (dir / "bad.jsonl").string() + " --model " + model, "").exit_code == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("classify --db --rescore re-labels stored body paragraphs without re-reading the file") {
  const auto dir = std::filesystem::temp_directory_path() / ("synthdb_cls_db_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "t.db").string();
  // A copy of the sample text, removed after ingest: rescoring must work from the database alone.
  const auto txt = dir / "znse.txt";
  std::filesystem::copy_file(std::string(SYNTHDB_SOURCE_DIR) + "/corpus-samples/znse-nanocrystals.txt", txt);
  REQUIRE(run_cli("ingest " + txt.string() + " --db " + db, "").exit_code == 0);
  std::filesystem::remove(txt);
  REQUIRE(std::system(("sqlite3 " + db + " \"UPDATE paragraphs SET label='stale', model_version='old' WHERE kind='body'\"").c_str()) == 0);
  Run r = run_cli("classify --db " + db + " --rescore", "");
  CHECK(r.exit_code == 0);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].find("labels changed") != std::string::npos);
  const std::string out = (dir / "q.txt").string();
  REQUIRE(std::system(("sqlite3 " + db + " \"SELECT count(*) FROM paragraphs WHERE kind='body' AND (label='stale' OR model_version='old'); SELECT count(*) FROM paragraphs WHERE kind='body' AND label='synthesis' AND method='heat-up';\" > " + out).c_str()) == 0);
  std::ifstream f(out);
  int stale = -1, heat_up = -1;
  f >> stale >> heat_up;
  CHECK(stale == 0);
  CHECK(heat_up >= 1);
  CHECK(run_cli("classify --rescore", "").exit_code == 2);
  CHECK(run_cli("classify --db " + (dir / "missing.db").string() + " --rescore", "").exit_code == 3);
  std::filesystem::remove_all(dir);
}
