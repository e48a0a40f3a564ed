#pragma once

#include <array>
#include <vector>

#include "classify/features.h"

namespace synthdb::classify {

struct Scores {
  double precision = 0;  // 0 when nothing was predicted
  double recall = 0;     // 0 when there is no gold instance
  double f1 = 0;
  int support = 0;  // gold instances
  int predicted = 0;
  int correct = 0;
};

// Precision of "synthesis" among paragraphs with synthesis_score >= threshold.
struct ThresholdScores {
  double threshold = 0;
  Scores synthesis;
};

struct EvalResult {
  int n = 0;
  double accuracy = 0;
  std::array<std::array<int, kNumLabels>, kNumLabels> confusion{};  // [gold][predicted]
  std::array<Scores, kNumLabels> per_label{};
  Scores binary;  // synthesis vs everything else, from the predicted label
  double macro_f1 = 0;
  std::vector<ThresholdScores> thresholds;
};

// Scores predictions against gold labels (indices into kLabels, same length; entries < 0 are
// skipped). `synthesis_score[i]` feeds the threshold table for each value in `thresholds`.
EvalResult evaluate(const std::vector<int>& gold, const std::vector<int>& predicted,
                    const std::vector<double>& synthesis_score,
                    const std::vector<double>& thresholds = {0.5, 0.7, 0.9});

// P/R/F1 from counts.
Scores make_scores(int correct, int predicted, int support);

}  // namespace synthdb::classify
