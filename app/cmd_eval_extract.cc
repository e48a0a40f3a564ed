// `synthdb eval-extract`: scores the rule extractor against gold paragraphs (a gold JSON Lines file
// or the MSP brat corpus converted on the fly) and prints P/R/F1 per entity type.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "extract/core/error.h"
#include "extract/rules/brat.h"
#include "extract/rules/evaluate.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {

namespace {

struct EvalExtractOptions {
  std::string gold;
  std::string brat;
  std::string split = "test";
  std::string write_gold;
  std::string json;
  std::string errors;
  std::string lexicons;
  std::string models;
  bool no_learned = false;
};

}  // namespace

void add_eval_extract_command(CLI::App& app, Context&) {
  auto o = std::make_shared<EvalExtractOptions>();
  auto* cmd = app.add_subcommand(
      "eval-extract",
      "Score the rule extractor: precision, recall and F1 per entity type, by exact span and by\n"
      "overlapping span with equal normalised value. Gold is a JSON Lines file (--gold) or the MSP\n"
      "brat corpus (--brat), split deterministically into dev and test files.\n"
      "Material roles: rows role:<r> (r = precursor, solvent, target) and role (their micro-average)\n"
      "score each mention's role; msp-role:<r> and msp-role the same with ligand/reductant counted as\n"
      "precursor and additive as other (MSP's scheme). role-set:<r> and role-set score per paragraph\n"
      "the set of (material, role) a synthesis record stores: each material once (gold mentions named\n"
      "after the predicted mention they overlap) with its highest role, target > precursor > solvent;\n"
      "exact and overlap columns are equal there.\n"
      "Paragraph status: when gold lines carry \"status\" (success, failed, unknown), rows status:<s>\n"
      "score each class over the paragraphs with a gold status and status is their micro-average (the\n"
      "accuracy); lines without it are not scored for status. Exact and overlap columns are equal.\n"
      "A gold entity whose span lies outside its text, or whose text is not the code-point slice\n"
      "[start, end), is an input error naming file:line.\n"
      "--split and --write-gold go with --brat; with --gold they are a usage error (exit 2).\n"
      "Exit codes: 0 scored, 2 usage error, 3 unreadable or invalid gold.");
  auto* gold_opt = cmd->add_option("--gold", o->gold, "Gold JSON Lines: {\"id\",\"text\",\"entities\":[...]} per line")
                       ->check(CLI::ExistingFile);
  auto* brat = cmd->add_option("--brat", o->brat, "Directory of brat .txt/.ann pairs (MSP corpus or its data/ dir)")
                   ->check(CLI::ExistingDirectory);
  gold_opt->excludes(brat);
  auto* split_opt = cmd->add_option("--split", o->split,
                  "With --brat: dev (2 of every 3 files), test (every third file) or all; dev-a and dev-b are\n"
                  "the two halves of dev")
      ->capture_default_str();
  auto* write_gold_opt =
      cmd->add_option("--write-gold", o->write_gold, "With --brat: also write the converted gold as JSON Lines");
  cmd->add_option("--json", o->json, "Write the scores as JSON to this file");
  cmd->add_option("--errors", o->errors,
                  "Write errors to this file, one per line with the paragraph context: FN/FP (overlap criterion),\n"
                  "ROLE (material found, role differs), SPAN (found with other boundaries) and STATUS (paragraph\n"
                  "status differs: gold=<s> pred=<s> and the first 120 bytes of the text)");
  cmd->add_option("--lexicons", o->lexicons, "Directory of lexicon files (default: <data dir>/extract/rules/lexicons)");
  cmd->add_option("--models", o->models, "Directory of the learned stages' <stage>.lm files (default: <data dir>/models)");
  cmd->add_flag("--no-learned", o->no_learned, "Score the rules alone, without the learned stages");
  cmd->callback([o, split_opt, write_gold_opt] {
    if (o->gold.empty() && o->brat.empty()) throw UsageError("eval-extract: give --gold FILE or --brat DIR");
    // A gold file is scored whole and is gold already: --split and --write-gold would be ignored, so
    // a command line that names them with --gold is a mistake (a split file was meant, or --brat).
    if (!o->gold.empty() && split_opt->count() > 0)
      throw UsageError("eval-extract: --split applies to --brat only; a --gold file is scored whole (give the "
                       "split's own file, e.g. outcomes-dev.jsonl)");
    if (!o->gold.empty() && write_gold_opt->count() > 0)
      throw UsageError("eval-extract: --write-gold applies to --brat only; --gold FILE is gold JSON Lines already");
    std::vector<rules::GoldParagraph> gold =
        o->gold.empty() ? rules::read_brat_dir(o->brat, o->split) : rules::read_gold(o->gold);
    if (!o->write_gold.empty()) rules::write_gold(o->write_gold, gold);
    rules::Extractor extractor(rules::ExtractorOptions{o->lexicons, o->models, !o->no_learned});
    std::vector<std::vector<Entity>> predicted;
    std::vector<SynthesisStatus> status;
    predicted.reserve(gold.size());
    status.reserve(gold.size());
    for (const auto& g : gold) {
      try {
        Extraction x = extractor.extract(g.text);
        predicted.push_back(std::move(x.entities));
        status.push_back(x.status);
      } catch (const InputError& e) {
        throw InputError("gold paragraph " + g.id + ": " + e.what());
      }
    }
    std::vector<std::string> errors;
    rules::EvalReport report = rules::evaluate(gold, predicted, o->errors.empty() ? nullptr : &errors, status);
    std::cout << "extractor " << extractor.version() << "\n" << report.to_table();
    if (!o->json.empty()) {
      std::ofstream out(o->json);
      nlohmann::json j = report.to_json();
      j["extractor_version"] = extractor.version();
      out << j.dump(2) << "\n";
      if (!out) throw InputError(o->json + ": cannot write");
    }
    if (!o->errors.empty()) {
      std::ofstream out(o->errors);
      for (const auto& e : errors) out << e << "\n";
    }
  });
}

}  // namespace synthdb::app
