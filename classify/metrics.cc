#include "classify/metrics.h"

#include <cstddef>

namespace synthdb::classify {

Scores make_scores(int correct, int predicted, int support) {
  Scores s;
  s.correct = correct;
  s.predicted = predicted;
  s.support = support;
  s.precision = predicted ? static_cast<double>(correct) / predicted : 0.0;
  s.recall = support ? static_cast<double>(correct) / support : 0.0;
  s.f1 = (s.precision + s.recall) > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
  return s;
}

EvalResult evaluate(const std::vector<int>& gold, const std::vector<int>& predicted,
                    const std::vector<double>& synthesis_score, const std::vector<double>& thresholds) {
  EvalResult r;
  int correct = 0;
  std::vector<std::array<int, 2>> at(thresholds.size(), {0, 0});  // predicted, correct
  int syn_support = 0;
  for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    const int g = gold[i], p = predicted[i];
    if (g < 0 || g >= kNumLabels || p < 0 || p >= kNumLabels) continue;
    ++r.n;
    ++r.confusion[g][p];
    if (g == p) ++correct;
    if (g == 0) ++syn_support;
    const double s = i < synthesis_score.size() ? synthesis_score[i] : 0.0;
    for (size_t t = 0; t < thresholds.size(); ++t)
      if (s >= thresholds[t]) {
        ++at[t][0];
        if (g == 0) ++at[t][1];
      }
  }
  r.accuracy = r.n ? static_cast<double>(correct) / r.n : 0.0;
  double f1_sum = 0;
  for (int k = 0; k < kNumLabels; ++k) {
    int support = 0, pred = 0;
    for (int j = 0; j < kNumLabels; ++j) {
      support += r.confusion[k][j];
      pred += r.confusion[j][k];
    }
    r.per_label[k] = make_scores(r.confusion[k][k], pred, support);
    f1_sum += r.per_label[k].f1;
  }
  r.macro_f1 = f1_sum / kNumLabels;
  // Binary view: synthesis is label 0, everything else is "not synthesis".
  r.binary = r.per_label[0];
  for (size_t t = 0; t < thresholds.size(); ++t)
    r.thresholds.push_back({thresholds[t], make_scores(at[t][1], at[t][0], syn_support)});
  return r;
}

}  // namespace synthdb::classify
