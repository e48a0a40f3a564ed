// synthdb classify: JSON Lines in, the same objects out with label, score, synthesis_score and
// (for synthesis paragraphs) method. One line out per line in, in order, whatever the input.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "classify/classifier.h"
#include "classify/features.h"
#include "db/database.h"
#include "db/labels.h"
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

// Error texts name the input line ("stdin:7: malformed JSON") so a log line is enough to find it.
std::string line_error(long lineno, const std::string& why) {
  return "stdin:" + std::to_string(lineno) + ": " + why;
}

nlohmann::json error_line(long lineno, const std::string& why) {
  return nlohmann::json{{"line", lineno}, {"error", line_error(lineno, why)}};
}

// Re-labels every stored body paragraph with the model, in one transaction, from the text already
// in the database (no PDF is opened). Other paragraph kinds keep their NULL labels, as ingest
// leaves them. Prints one summary line.
int run_rescore(const ClassifyOptions& o) {
  if (o.db.empty() || !o.rescore) throw UsageError("classify: --db and --rescore go together");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.db, ec)) throw DbError(o.db + ": database not found");
  classify::Classifier clf(o.model);
  db::Database database(o.db);
  const std::vector<db::LabelInput> rows = db::load_body_paragraphs(database);
  std::vector<db::LabelUpdate> updates;
  updates.reserve(rows.size());
  int changed = 0;
  for (const db::LabelInput& r : rows) {
    const classify::Prediction p = clf.predict(r.text, r.section, "body", o.threshold);
    updates.push_back({r.paragraph_id, p.label, p.score, p.synthesis_score, p.method});
    if (p.label != r.label) ++changed;
  }
  const std::string version = clf.version();
  db::store_labels(database, updates, version);
  std::printf("rescored %zu body paragraphs in %s with %s: %d labels changed\n", rows.size(),
              o.db.c_str(), version.c_str(), changed);
  return kExitOk;
}

int run_classify(const ClassifyOptions& o) {
  if (!o.db.empty() || o.rescore) return run_rescore(o);
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
      j["error"] = line_error(lineno, text == j.end() ? "missing \"text\"" : "\"text\" is not a string");
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
  cmd->add_option("--db", opts->db, "database whose body paragraphs --rescore re-labels");
  cmd->add_flag("--rescore", opts->rescore,
                "with --db: re-label every stored body paragraph (label, score, synthesis_score, method,\n"
                "model_version) from its stored text with the model, in one transaction; PDFs are not\n"
                "re-read. Prints a summary line instead of reading stdin");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_classify(*opts); });
}

}  // namespace synthdb::app
