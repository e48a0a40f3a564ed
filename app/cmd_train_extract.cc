// `synthdb train-extract`: trains one learned stage of the extractor (extract/rules/learned.h) on
// gold paragraphs, reports its grouped cross-validated accuracy and writes the model file.
#include <algorithm>
#include <array>
#include <cstdio>
#include <iostream>
#include <map>

#include "app/commands.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/learn/linear_model.h"
#include "extract/rules/brat.h"
#include "extract/rules/extractor.h"
#include "extract/rules/learned.h"

namespace synthdb::app {

namespace {

struct TrainExtractOptions {
  std::string stage;
  std::vector<std::string> gold;
  std::string brat;
  std::string split = "dev";
  std::string output;
  std::string lexicons;
  int folds = 5;
  int epochs = 30;
  double l2 = 1e-4;
  bool no_write = false;
};

}  // namespace

void add_train_extract_command(CLI::App& app, Context&) {
  auto o = std::make_shared<TrainExtractOptions>();
  auto* cmd = app.add_subcommand(
      "train-extract",
      "Train a learned stage of the extractor (a logistic-regression model over features of the rules'\n"
      "output) on gold paragraphs: sizes (which lengths are product dimensions) or roles (the role of each\n"
      "material mention). Prints the examples per label and the grouped cross-validated accuracy at\n"
      "probability 0.5 (groups: papers for sizes, paragraphs for roles; the stage's own thresholds\n"
      "differ, see docs/learned/), then writes the model\n"
      "(default: <data dir>/models/<stage>.lm, the file the extractor loads). Train on development\n"
      "gold only: the MSP dev split (--brat DIR, default --split dev) and/or gold JSON Lines files.");
  // "materials" has no example builder: that stage was measured and left off (docs/learned/materials.md).
  cmd->add_option("--stage", o->stage, "sizes or roles")->required()->check(CLI::IsMember({"roles", "sizes"}));
  cmd->add_option("--gold", o->gold, "Gold JSON Lines file(s) (eval-extract format); may be repeated")
      ->check(CLI::ExistingFile);
  cmd->add_option("--brat", o->brat, "MSP brat corpus directory (or its data/ dir)")->check(CLI::ExistingDirectory);
  auto* split_opt = cmd->add_option(
      "--split", o->split, "With --brat: dev, dev-a or dev-b (the test split is never trained on; without --brat: exit 2)")
      ->capture_default_str()
      ->check(CLI::IsMember({"dev", "dev-a", "dev-b"}));
  cmd->add_option("-o,--output", o->output, "Model file to write (default: <data dir>/models/<stage>.lm)");
  cmd->add_option("--folds", o->folds, "Cross-validation folds (0: skip)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  cmd->add_option("--epochs", o->epochs, "Training epochs")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--l2", o->l2, "L2 penalty")->capture_default_str()->check(finite_range(0.0, 1.0));
  cmd->add_flag("--no-write", o->no_write, "Only report cross-validated accuracy");
  cmd->add_option("--lexicons", o->lexicons, "Directory of lexicon files (default: <data dir>/extract/rules/lexicons)");
  cmd->callback([o, split_opt] {
    if (o->gold.empty() && o->brat.empty()) throw UsageError("train-extract: give --brat DIR and/or --gold FILE");
    // --split chooses files of the brat corpus; with --gold alone it would be ignored silently.
    if (o->brat.empty() && split_opt->count() > 0)
      throw UsageError("train-extract: --split applies to --brat only; --gold files are used whole");
    std::vector<rules::GoldParagraph> gold;
    if (!o->brat.empty()) gold = rules::read_brat_dir(o->brat, o->split);
    for (const auto& file : o->gold) {
      auto more = rules::read_gold(file);
      gold.insert(gold.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    // The stages learn to revise what the rules alone produce.
    rules::Extractor extractor(rules::ExtractorOptions{o->lexicons, {}, false});
    std::vector<Extraction> extracted;
    extracted.reserve(gold.size());
    for (const auto& g : gold) {
      try {
        extracted.push_back(extractor.extract(g.text));
      } catch (const InputError& e) {
        throw InputError("gold paragraph " + g.id + ": " + e.what());
      }
    }
    std::vector<learn::Example> examples = o->stage == "roles"       ? rules::role_examples(gold, extracted)
                                           : o->stage == "materials" ? rules::material_examples(gold, extracted)
                                                                     : rules::size_examples(gold, extracted);
    if (examples.empty()) throw ModelError("train-extract: stage " + o->stage + " produced no training examples");
    std::map<std::string, int> per_label;
    for (const auto& e : examples) ++per_label[e.label];
    std::cout << "stage " << o->stage << ": " << count_of(static_cast<long long>(examples.size()), "example")
              << " from " << count_of(static_cast<long long>(gold.size()), "paragraph") << " (rules "
              << extractor.version() << ")\n";
    for (const auto& [label, n] : per_label) std::cout << "  " << label << "\t" << n << "\n";
    learn::TrainOptions train;
    train.epochs = o->epochs;
    train.l2 = o->l2;
    if (o->folds > 1) {
      auto predicted = learn::cross_validate(examples, o->folds, train);
      // A fold whose training part is empty (all examples in one group) predicts nothing ("").
      std::size_t unpredicted = std::count(predicted.begin(), predicted.end(), std::string());
      if (unpredicted > 0) {
        std::printf("cross-validation: %zu of %zu examples not predicted (too few groups for %d folds)\n", unpredicted,
                    examples.size(), o->folds);
      }
      int right = 0;
      std::map<std::string, std::array<int, 3>> prf;  // label -> tp, predicted, gold
      for (size_t i = 0; i < examples.size(); ++i) {
        if (predicted[i].empty()) {
          ++prf[examples[i].label][2];
          continue;
        }
        right += predicted[i] == examples[i].label;
        ++prf[predicted[i]][1];
        ++prf[examples[i].label][2];
        if (predicted[i] == examples[i].label) ++prf[predicted[i]][0];
      }
      std::printf("cross-validated (%d folds) accuracy %.3f\n", o->folds, static_cast<double>(right) / examples.size());
      for (const auto& [label, c] : prf) {
        double p = c[1] ? static_cast<double>(c[0]) / c[1] : 0, r = c[2] ? static_cast<double>(c[0]) / c[2] : 0;
        std::printf("  %-12s P %.3f R %.3f F1 %.3f\n", label.c_str(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
      }
    }
    if (o->no_write) return;
    learn::LinearModel model = learn::LinearModel::train(examples, train);
    std::filesystem::path out = o->output.empty() ? data_dir() / "models" / (o->stage + ".lm") : std::filesystem::path(o->output);
    model.save(out);
    std::cout << "wrote " << out.string() << "\n";
  });
}

}  // namespace synthdb::app
