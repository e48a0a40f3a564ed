// synthdb classify: JSON Lines in, the same objects out with label, score, synthesis_score and
// (for synthesis paragraphs) method. One line out per line in, in order, whatever the input.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "extract/core/utf8.h"
#include "classify/classifier.h"
#include "classify/features.h"
#include "db/database.h"
#include "app/ingest_lock.h"
#include "app/ingest_worker.h"
#include "app/wal_checkpoint.h"
#include "db/labels.h"
#include "db/records_store.h"
#include "db/store.h"
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

// Re-labels every stored body paragraph with the model and re-derives what depends on the labels
// (entities of newly qualifying paragraphs, synthesis records), from the text already in the
// database: no PDF is opened. One transaction per document, through the same writer as ingest, so
// curators' edits survive as they survive a re-ingest, and the document's pipeline_version names
// the new model. Holds the ingest lock. Prints one summary line.
int run_rescore(const ClassifyOptions& o, Context& ctx) {
  if (o.db.empty() || !o.rescore) throw UsageError("classify: --db and --rescore go together");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.db, ec)) throw DbError(o.db + ": database not found");
  std::unique_ptr<DbLock> lock = take_lock(o.db, ctx);
  Pipeline pipeline(o.model);
  pipeline.set_threshold(o.threshold);  // a non-default threshold is part of the pipeline version
  db::Database database(o.db);
  std::vector<std::string> hashes;
  {
    auto st = database.prepare("SELECT sha256 FROM documents WHERE status = 'ok' ORDER BY id");
    while (st.step()) hashes.push_back(st.column_text(0));
  }
  const char* const count_records = "SELECT count(*) FROM syntheses WHERE origin = 'extracted'";
  const int64_t records_before = db::scalar(database, count_records);
  size_t paragraphs = 0;
  int changed = 0;
  for (const std::string& sha : hashes) {
    db::Transaction tx(database);
    std::optional<db::DocumentResult> stored = db::load_document(database, sha);
    if (!stored) continue;
    Document doc;
    doc.sha256 = stored->sha256;
    doc.path = stored->path;
    doc.format = stored->format;
    doc.meta = stored->meta;
    for (const db::ParagraphResult& pr : stored->paragraphs) doc.paragraphs.push_back(pr.paragraph);
    db::DocumentResult fresh = *stored;
    analyse_document(pipeline, doc, fresh);
    for (size_t i = 0; i < fresh.paragraphs.size(); ++i) {
      if (fresh.paragraphs[i].paragraph.kind != ParagraphKind::kBody) continue;
      ++paragraphs;
      if (fresh.paragraphs[i].label != stored->paragraphs[i].label) ++changed;
    }
    const int64_t id = db::write_document(database, fresh);
    db::store_syntheses_json(database, id, fresh.records_json);
    tx.commit();
  }
  // As ingest (s21-exp): every document was rewritten through DB-wal; a plain copy of DB must hold it.
  warn_incomplete_checkpoint(checkpoint_wal(database, o.db), "classify", o.db, false);
  std::printf("rescored %s in %s in %s with %s: %s changed; %lld synthesis records (were %lld)\n",
              count_of(static_cast<long long>(paragraphs), "body paragraph").c_str(),
              count_of(static_cast<long long>(hashes.size()), "document").c_str(), o.db.c_str(),
              pipeline.model_version.c_str(), count_of(changed, "label").c_str(),
              static_cast<long long>(db::scalar(database, count_records)), static_cast<long long>(records_before));
  return kExitOk;
}

int run_classify(const ClassifyOptions& o, Context& ctx) {
  if (!o.db.empty() || o.rescore) return run_rescore(o, ctx);
  classify::Classifier clf(o.model);
  std::string line;
  long lineno = 0;
  bool any_failed = false;
  while (std::getline(std::cin, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Checked before parsing so the message says what is wrong rather than where the parser gave up.
    if (!valid_utf8(line)) {
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
      ->check(finite_range(0.0, 1.0));
  cmd->add_option("--db", opts->db, "database whose body paragraphs --rescore re-labels");
  cmd->add_flag("--rescore", opts->rescore,
                "with --db: re-label every stored body paragraph (label, score, synthesis_score, method,\n"
                "model_version) from its stored text with the model, then re-extract and rebuild the\n"
                "synthesis records that depend on the labels; PDFs are not re-read. One transaction per\n"
                "document; curators' edits are kept; takes the ingest lock (exit 4 when an ingest runs).\n"
                "Documents get the new model's pipeline version (with \"/threshold=T\" after the model\n"
                "when --threshold is given): a later ingest with another model or the default threshold\n"
                "re-processes them. At the end the write-ahead log is folded into the database file, as\n"
                "ingest does (a reader's open transaction prevents it: a warning on stderr). Prints a\n"
                "summary line instead of reading stdin");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_classify(*opts, ctx); });
}

}  // namespace synthdb::app
