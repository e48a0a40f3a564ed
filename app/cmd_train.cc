// synthdb train: fits the fastText paragraph model (and reports the logistic-regression baseline
// on the training data) from a JSON Lines file of labelled paragraphs.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/commands.h"
#include "classify/classifier.h"
#include "classify/dataset.h"
#include "classify/train.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct TrainCmdOptions {
  std::string data;
  std::string out;
  classify::TrainOptions train;
  bool no_quantize = false;
};

void run_train(const TrainCmdOptions& o) {
  const auto examples = classify::read_examples(o.data);
  if (examples.empty()) throw InputError(o.data + ": no examples");
  std::array<int, classify::kNumLabels> counts{};
  for (const auto& e : examples) ++counts[classify::label_index(e.label)];
  classify::TrainOptions t = o.train;
  t.quantize = !o.no_quantize;
  const auto t0 = std::chrono::steady_clock::now();
  std::filesystem::path out(o.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  classify::train_fasttext(examples, out, t);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  classify::Classifier clf(out);  // proves the written file loads
  std::printf("trained %s on %s (", out.c_str(), count_of(static_cast<long long>(examples.size()), "paragraph").c_str());
  for (int k = 0; k < classify::kNumLabels; ++k)
    std::printf("%s%s %d", k ? ", " : "", classify::kLabels[k], counts[k]);
  std::printf(") in %.1f s\n", secs);
  std::printf("model %s, %.2f MB, seed %d, epochs %d, lr %g, dim %d, wordNgrams %d, bucket %d%s\n",
              clf.version().c_str(),
              static_cast<double>(std::filesystem::file_size(out)) / (1024.0 * 1024.0), t.seed,
              t.epochs, t.lr, t.dim, t.word_ngrams, t.bucket, t.quantize ? ", quantized" : "");
}

}  // namespace

void add_train_command(CLI::App& app, Context&) {
  auto o = std::make_shared<TrainCmdOptions>();
  auto* cmd = app.add_subcommand(
      "train",
      "Train the paragraph classifier (fastText, one thread: deterministic given --seed) from\n"
      "JSON Lines {\"text\",\"label\",\"section\",\"kind\"} (labels: synthesis, materials_list,\n"
      "characterization, other). The shipped model is made by scripts/train-classifier.");
  cmd->add_option("--data", o->data, "training file (JSON Lines)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "where to write the model (.ftz)")->required();
  cmd->add_option("--seed", o->train.seed, "random seed")->capture_default_str();
  cmd->add_option("--epochs", o->train.epochs, "training epochs")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--lr", o->train.lr, "learning rate")->capture_default_str()->check(finite_range(0.0001, 10.0));
  cmd->add_option("--dim", o->train.dim, "embedding dimension")->capture_default_str()->check(CLI::Range(2, 512));
  cmd->add_option("--word-ngrams", o->train.word_ngrams, "longest word n-gram")->capture_default_str()->check(CLI::Range(1, 5));
  cmd->add_option("--bucket", o->train.bucket, "hashed n-gram rows")->capture_default_str()->check(CLI::Range(0, 10000000));
  cmd->add_option("--min-count", o->train.min_count, "minimum word count")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_flag("--no-quantize", o->no_quantize, "write a full-precision model instead of a quantized one");
  cmd->callback([o] { run_train(*o); });
}

}  // namespace synthdb::app
