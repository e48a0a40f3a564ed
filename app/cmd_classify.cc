// synthdb classify: JSON Lines in, the same objects out with label, score, synthesis_score and
// (for synthesis paragraphs) method. One line out per line in, in order, whatever the input.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "classify/classifier.h"
#include "classify/features.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct ClassifyOptions {
  std::string model;
  double threshold = -1;
  std::string db;
  bool rescore = false;
};

void write_line(const nlohmann::json& j) {
  // replace: ids echoed from the input are valid UTF-8 already; this only guards dump() itself.
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s += '\n';
  std::fwrite(s.data(), 1, s.size(), stdout);
}

nlohmann::json error_line(long lineno, const std::string& why) {
  return nlohmann::json{{"line", lineno}, {"error", why}};
}

int run_classify(const ClassifyOptions& o) {
  if (!o.db.empty() || o.rescore)
    throw UsageError("classify: --db/--rescore is not wired yet (needs a paragraph re-label API in db/)");
  classify::Classifier clf(o.model);
  std::string line;
  long lineno = 0;
  bool any_failed = false;
  while (std::getline(std::cin, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Checked before parsing so the message says what is wrong rather than where the parser gave up.
    if (!classify::is_valid_utf8(line)) {
      write_line(error_line(lineno, "invalid UTF-8"));
      any_failed = true;
      continue;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      write_line(error_line(lineno, line.find_first_not_of(" \t") == std::string::npos
                                        ? "empty line (expected a JSON object)"
                                        : "malformed JSON"));
      any_failed = true;
      continue;
    }
    if (!j.is_object()) {
      write_line(error_line(lineno, "not a JSON object"));
      any_failed = true;
      continue;
    }
    auto text = j.find("text");
    if (text == j.end() || !text->is_string()) {
      j["error"] = text == j.end() ? "missing \"text\"" : "\"text\" is not a string";
      write_line(j);
      any_failed = true;
      continue;
    }
    auto opt_string = [&](const char* key) -> std::string {
      auto it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const classify::Prediction p =
        clf.predict(text->get_ref<const std::string&>(), opt_string("section"), opt_string("kind"),
                    o.threshold);
    j["label"] = p.label;
    j["score"] = p.score;
    j["synthesis_score"] = p.synthesis_score;
    if (!p.method.empty()) j["method"] = p.method;
    write_line(j);
  }
  std::fflush(stdout);
  if (std::cin.bad()) throw Error("classify: error reading standard input");
  return any_failed ? kExitSomeFailed : kExitOk;
}

}  // namespace

void add_classify_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ClassifyOptions>();
  auto* cmd = app.add_subcommand(
      "classify",
      "Label paragraphs (synthesis, materials_list, characterization, other).\n"
      "Reads JSON Lines on stdin: {\"id\":..,\"text\":..,\"section\":..,\"kind\":..} (section, kind\n"
      "optional) and writes each object back with \"label\", \"score\" (probability of the label),\n"
      "\"synthesis_score\" and, for synthesis paragraphs, \"method\". One line out per line in, same\n"
      "order; a bad line (malformed JSON, missing text, invalid UTF-8) comes back as an object with\n"
      "\"error\" (and \"line\"), and the exit code is then 1. Empty text is labelled other.");
  cmd->add_option("--model", opts->model,
                  "fastText model file (default: <data dir>/models/synthesis.ftz)");
  cmd->add_option("--threshold", opts->threshold,
                  "label a paragraph synthesis iff synthesis_score >= T (0..1); default: most probable label")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--db", opts->db, "re-score the body paragraphs of this database (with --rescore)");
  cmd->add_flag("--rescore", opts->rescore,
                "with --db: re-label stored paragraphs with the model, without re-parsing PDFs");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_classify(*opts); });
}

}  // namespace synthdb::app
