#pragma once

// What an ingest run tells the person or the log while it works: a redrawn progress bar on a
// terminal (documents, pages/s, ETA), one plain line per processed document otherwise.

#include <chrono>
#include <cstdio>
#include <string>

namespace synthdb::app {

class Progress {
 public:
  // `out` is where lines go (stderr in the CLI). `tty` selects the redrawn bar; `quiet` prints nothing.
  Progress(std::FILE* out, bool tty, bool quiet, size_t total);

  // One document finished: status "ok" or "failed" (with `detail` = reason), pages and seconds.
  void document(const std::string& status, const std::string& path, int pages, double seconds,
                const std::string& detail);
  // Clears the bar (call before printing the summary).
  void finish();

 private:
  void draw();

  std::FILE* out_;
  bool tty_;
  bool quiet_;
  size_t total_;
  size_t done_ = 0;
  long pages_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace synthdb::app
