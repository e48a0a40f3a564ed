// synthdb eval: scores the paragraph classifier on a gold JSON Lines file and prints the fastText
// model and the logistic-regression baseline side by side (same features, trained on
// --baseline-data), so that the choice of model is backed by numbers.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "classify/classifier.h"
#include "classify/dataset.h"
#include "classify/metrics.h"
#include "classify/train.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

using classify::kLabels;
using classify::kNumLabels;

struct EvalOptions {
  std::string gold;
  std::string model;
  std::string json;
  std::string baseline_data;
  bool no_baseline = false;
  int seed = 1;
};

nlohmann::json scores_json(const classify::Scores& s) {
  return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1},
          {"support", s.support},     {"predicted", s.predicted}, {"correct", s.correct}};
}

nlohmann::json result_json(const classify::EvalResult& r) {
  nlohmann::json j;
  j["n"] = r.n;
  j["accuracy"] = r.accuracy;
  j["macro_f1"] = r.macro_f1;
  for (int k = 0; k < kNumLabels; ++k) j["labels"][kLabels[k]] = scores_json(r.per_label[k]);
  j["binary_synthesis"] = scores_json(r.binary);
  for (int g = 0; g < kNumLabels; ++g)
    for (int p = 0; p < kNumLabels; ++p) j["confusion"][kLabels[g]][kLabels[p]] = r.confusion[g][p];
  j["thresholds"] = nlohmann::json::array();
  for (const auto& t : r.thresholds)
    j["thresholds"].push_back({{"threshold", t.threshold},
                               {"precision", t.synthesis.precision},
                               {"recall", t.synthesis.recall},
                               {"predicted", t.synthesis.predicted}});
  return j;
}

void print_row(const char* name, const classify::Scores& a, const classify::Scores* b) {
  std::printf("%-18s %6.3f %6.3f %6.3f %6d", name, a.precision, a.recall, a.f1, a.support);
  if (b) std::printf("   | %6.3f %6.3f %6.3f", b->precision, b->recall, b->f1);
  std::printf("\n");
}

void run_eval(const EvalOptions& o, Context& ctx) {
  const auto gold = classify::read_examples(o.gold);
  if (gold.empty()) throw InputError(o.gold + ": no examples");
  classify::Classifier clf(o.model);

  std::vector<int> g, p, pb;
  std::vector<double> s, sb;
  for (const auto& e : gold) {
    g.push_back(classify::label_index(e.label));
    const auto pr = clf.predict(e.text, e.section, e.kind);
    p.push_back(classify::label_index(pr.label));
    s.push_back(pr.synthesis_score);
  }
  const classify::EvalResult r = classify::evaluate(g, p, s);

  std::optional<classify::EvalResult> rb;
  std::string baseline_path;
  int overlap = 0;
  std::string baseline_note;
  bool want_baseline = !o.no_baseline;
  if (want_baseline && o.baseline_data.empty()) {
    baseline_path = (data_dir() / "classify" / "data" / "train.jsonl").string();
    // The split files are regenerated, not shipped: without them eval still scores the model.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(baseline_path, ec)) {
      baseline_note = "baseline skipped: " + baseline_path + " not found (run scripts/build-training-set)";
      want_baseline = false;
    }
  }
  if (want_baseline) {
    if (!o.baseline_data.empty()) baseline_path = o.baseline_data;
    const auto train = classify::read_examples(baseline_path);
    std::set<std::string> train_docs;
    for (const auto& e : train)
      if (!e.doc.empty()) train_docs.insert(e.doc);
    std::set<std::string> seen;
    for (const auto& e : gold)
      if (!e.doc.empty() && train_docs.count(e.doc) && seen.insert(e.doc).second) ++overlap;
    classify::LogisticBaseline lr;
    lr.train(train, o.seed);
    for (const auto& e : gold) {
      const auto prob = lr.predict(e.text, e.section, e.kind);
      int best = 0;
      for (int k = 1; k < kNumLabels; ++k)
        if (prob[k] > prob[best]) best = k;
      pb.push_back(best);
      sb.push_back(prob[0]);
    }
    rb = classify::evaluate(g, pb, sb);
  }

  std::printf("gold %s: %d paragraphs; model %s\n", o.gold.c_str(), r.n, clf.version().c_str());
  if (!baseline_note.empty()) std::printf("%s\n", baseline_note.c_str());
  if (rb) {
    std::printf("baseline: logistic regression on the same features, trained on %s\n",
                baseline_path.c_str());
    if (overlap) std::printf("WARNING: %d gold documents also occur in the baseline training data\n", overlap);
  }
  std::printf("\n%-18s %6s %6s %6s %6s", "fastText", "P", "R", "F1", "n");
  if (rb) std::printf("   | %6s %6s %6s  (LR baseline)", "P", "R", "F1");
  std::printf("\n");
  for (int k = 0; k < kNumLabels; ++k)
    print_row(kLabels[k], r.per_label[k], rb ? &rb->per_label[k] : nullptr);
  std::printf("%-18s %20.3f %6d", "macro F1", r.macro_f1, r.n);
  if (rb) std::printf("   | %20.3f", rb->macro_f1);
  std::printf("\n%-18s %20.3f %6d", "accuracy", r.accuracy, r.n);
  if (rb) std::printf("   | %20.3f", rb->accuracy);
  std::printf("\n\nbinary synthesis vs not:\n");
  print_row("synthesis", r.binary, rb ? &rb->binary : nullptr);

  std::printf("\nconfusion matrix (fastText; rows gold, columns predicted):\n%-18s", "");
  for (int k = 0; k < kNumLabels; ++k) std::printf(" %16s", kLabels[k]);
  std::printf("\n");
  for (int a = 0; a < kNumLabels; ++a) {
    std::printf("%-18s", kLabels[a]);
    for (int b = 0; b < kNumLabels; ++b) std::printf(" %16d", r.confusion[a][b]);
    std::printf("\n");
  }
  std::printf("\nsynthesis_score >= t:   precision  recall  predicted");
  if (rb) std::printf("   | baseline precision  recall  predicted");
  std::printf("\n");
  for (size_t t = 0; t < r.thresholds.size(); ++t) {
    const auto& a = r.thresholds[t];
    std::printf("t = %.1f %20.3f %7.3f %10d", a.threshold, a.synthesis.precision, a.synthesis.recall,
                a.synthesis.predicted);
    if (rb) {
      const auto& b = rb->thresholds[t];
      std::printf("   | %18.3f %7.3f %10d", b.synthesis.precision, b.synthesis.recall,
                  b.synthesis.predicted);
    }
    std::printf("\n");
  }
  std::fflush(stdout);

  if (!o.json.empty()) {
    nlohmann::json j;
    j["gold"] = o.gold;
    j["model"] = clf.version();
    j["fasttext"] = result_json(r);
    if (rb) {
      j["baseline"] = result_json(*rb);
      j["baseline"]["trained_on"] = baseline_path;
      j["baseline"]["overlapping_documents"] = overlap;
    }
    std::ofstream out(o.json);
    if (!out) throw Error(o.json + ": cannot write");
    out << j.dump(2) << "\n";
    if (!out) throw Error(o.json + ": write error");
  }
  ctx.exit_code = kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<EvalOptions>();
  auto* cmd = app.add_subcommand(
      "eval",
      "Evaluate the paragraph classifier on gold JSON Lines {\"text\",\"label\",\"section\",\"kind\"}:\n"
      "per-label precision/recall/F1, binary synthesis-vs-not, confusion matrix and precision at\n"
      "synthesis_score thresholds 0.5/0.7/0.9, beside a logistic-regression baseline.");
  cmd->add_option("--gold", o->gold, "gold file (JSON Lines with \"label\")")->required()->check(CLI::ExistingFile);
  cmd->add_option("--model", o->model, "fastText model (default: <data dir>/models/synthesis.ftz)");
  cmd->add_option("--json", o->json, "also write the figures as JSON to this file");
  cmd->add_option("--baseline-data", o->baseline_data,
                  "training file for the baseline (default: <data dir>/classify/data/train.jsonl)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--no-baseline", o->no_baseline, "skip the logistic-regression baseline");
  cmd->add_option("--seed", o->seed, "seed of the baseline's SGD shuffle")->capture_default_str();
  cmd->callback([o, &ctx] { run_eval(*o, ctx); });
}

}  // namespace synthdb::app
