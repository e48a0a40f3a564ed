// Throughput of Classifier::predict() on one core: paragraphs per second over real paragraphs,
// printed with the ratio to the 100,000 paragraphs/s target and to a reference measured in the
// same run (feature extraction alone, i.e. the cost of just reading the text into tokens).
// Usage: synthdb_bench_classify [PARAGRAPHS.jsonl] [MODEL] [SECONDS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "classify/classifier.h"
#include "classify/features.h"
#include "extract/core/data_dir.h"

namespace {

struct Para {
  std::string text, section, kind;
};

// CPU time of this thread: the machine may be shared, and the target is per core, so wall time
// would measure the neighbours as much as the classifier.
double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

template <typename F>
double per_second(const std::vector<Para>& paras, double seconds, F&& f) {
  const double t0 = cpu_seconds();
  size_t n = 0;
  double elapsed = 0;
  do {
    for (const Para& p : paras) f(p);
    n += paras.size();
    elapsed = cpu_seconds() - t0;
  } while (elapsed < seconds);
  return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string data =
        argc > 1 ? argv[1] : (synthdb::data_dir() / "classify/data/test.jsonl").string();
    const std::string model = argc > 2 ? argv[2] : "";
    const double seconds = argc > 3 ? std::atof(argv[3]) : 3.0;
    std::ifstream in(data);
    if (!in) {
      std::fprintf(stderr, "bench: %s: cannot open (run scripts/build-training-set)\n", data.c_str());
      return 3;
    }
    std::vector<Para> paras;
    size_t bytes = 0;
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("text")) continue;
      paras.push_back({j.value("text", ""), j.value("section", ""), j.value("kind", "")});
      bytes += paras.back().text.size();
    }
    if (paras.empty()) {
      std::fprintf(stderr, "bench: %s: no paragraphs\n", data.c_str());
      return 3;
    }
    synthdb::classify::Classifier clf(model);
    size_t sink = 0;
    const double ref = per_second(paras, seconds, [&](const Para& p) {
      sink += synthdb::classify::feature_tokens(p.text, p.section, p.kind).size();
    });
    const double rate = per_second(paras, seconds, [&](const Para& p) {
      sink += clf.predict(p.text, p.section, p.kind).label.size();
    });
    std::printf("classify bench: %zu paragraphs (mean %.0f bytes) from %s, model %s\n", paras.size(),
                static_cast<double>(bytes) / paras.size(), data.c_str(), clf.version().c_str());
    std::printf("predict:              %12.0f paragraphs/s (one thread, per CPU second)\n", rate);
    std::printf("reference (features): %12.0f paragraphs/s\n", ref);
    std::printf("ratio vs target 100000/s: %.2f  (%s)\n", rate / 100000.0, rate >= 100000.0 ? "meets target" : "BELOW target");
    std::printf("ratio vs reference:       %.2f  (prediction cost relative to tokenising alone)\n", rate / ref);
    return sink == 0 ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 3;
  }
}
