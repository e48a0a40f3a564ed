#include "app/ingest_progress.h"

#include <algorithm>

namespace synthdb::app {
namespace {

std::string clock_text(double s) {
  if (s < 0 || s > 99 * 3600) return "--:--";
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace

Progress::Progress(std::FILE* out, bool tty, bool quiet, size_t total)
    : out_(out), tty_(tty), quiet_(quiet), total_(total), start_(std::chrono::steady_clock::now()) {}

void Progress::document(const std::string& status, const std::string& path, int pages,
                        double seconds, const std::string& detail) {
  ++done_;
  pages_ += std::max(0, pages);
  if (quiet_) return;
  if (tty_) {
    // Failures still deserve their own line above the bar: they are what someone must act on.
    if (status != "ok") {
      std::fprintf(out_, "\r\033[K%s %s: %s\n", status.c_str(), path.c_str(), detail.c_str());
    }
    draw();
    return;
  }
  // The path as found, as on a terminal and with --quiet: two failures named paper.pdf in two
  // folders must be told apart in a cron log (review 18a, P5).
  const std::string& name = path;
  if (status == "ok")
    std::fprintf(out_, "[%zu/%zu] ok %s %d %s %.1f s\n", done_, total_, name.c_str(), pages,
                 pages == 1 ? "page" : "pages", seconds);
  else
    std::fprintf(out_, "[%zu/%zu] %s %s: %s\n", done_, total_, status.c_str(), name.c_str(),
                 detail.c_str());
  std::fflush(out_);
}

void Progress::draw() {
  auto now = std::chrono::steady_clock::now();
  // Redrawing more than ~10 times a second costs time and flickers.
  if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double frac = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 1.0;
  const int width = 30;
  const int filled = static_cast<int>(frac * width);
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < width) bar += '>';
  bar.resize(width, ' ');
  const double pps = elapsed > 0 ? static_cast<double>(pages_) / elapsed : 0;
  const double eta = done_ ? elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_) : -1;
  std::fprintf(out_, "\r\033[K[%s] %zu/%zu docs  %.1f pages/s  ETA %s", bar.c_str(), done_, total_, pps,
               clock_text(eta).c_str());
  std::fflush(out_);
}

void Progress::finish() {
  if (tty_ && !quiet_ && total_ > 0) {
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }
}

}  // namespace synthdb::app
