#include "app/ingest_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>

#include "extract/core/error.h"

namespace synthdb::app {
namespace {

using Clock = std::chrono::steady_clock;

// Exit statuses a worker uses to say what went wrong when it could not send a payload.
constexpr int kExitOutOfMemory = 86;
constexpr int kExitUnexpected = 87;

// What a worker may write to its stderr memfd during one job. Only the first line is ever reported,
// but Poppler prints a line per syntax error, and a hostile PDF can have millions of them: without
// a bound the memfd (which lives in RAM) would grow with them.
constexpr rlim_t kMaxStderrBytes = rlim_t{1} << 20;

// Wire format, worker → parent, one frame per finished job: u64 payload length, i64 peak RSS in
// kB, payload. Parent → worker: u64 job index; end of stream means "no more work, exit".
constexpr size_t kHeader = 16;

struct Worker {
  pid_t pid = -1;
  int fd = -1;                  // the parent's end of a socketpair
  int err_fd = -1;              // memfd that is the worker's stderr (see spawn)
  std::optional<size_t> job;    // the input being processed, if any
  Clock::time_point started;    // when `job` was handed over
  std::string buffer;           // bytes of the current frame received so far
  int jobs_done = 0;
};

bool write_all(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  size_t off = 0;
  while (off < size) {
    // send(MSG_NOSIGNAL): a worker that died must give the parent an error, not a SIGPIPE.
    ssize_t n = ::send(fd, p + off, size - off, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  size_t off = 0;
  while (off < size) {
    ssize_t n = ::read(fd, p + off, size - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

[[noreturn]] void worker_main(int fd, const PoolOptions& options, pid_t parent, const std::vector<int>& close_fds,
                              const std::function<std::string(size_t)>& work) {
  // If the parent dies (kill -9), take the worker down too, so nothing outlives the run.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(kExitUnexpected);
  for (int other : options.close_in_child) ::close(other);
  for (int other : close_fds) ::close(other);
  // A crash must end the worker at once with its signal (which the parent reports), not run a crash
  // handler the parent installed (a test framework's, say) in a half-broken process.
  for (int sig : {SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM, SIGINT}) signal(sig, SIG_DFL);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // a crashing PDF should not leave core files in the cwd
  // The worker writes no files; the only file it writes is its stderr memfd, so a file-size limit
  // bounds that. Writes past it fail with EFBIG instead of raising SIGXFSZ.
  signal(SIGXFSZ, SIG_IGN);
  rlimit max_stderr{kMaxStderrBytes, kMaxStderrBytes};
  setrlimit(RLIMIT_FSIZE, &max_stderr);
  if (options.memory_mb > 0) {
    rlim_t bytes = static_cast<rlim_t>(options.memory_mb) * 1024 * 1024;
    rlimit lim{bytes, bytes};
    setrlimit(RLIMIT_AS, &lim);
  }
  int status = 0;
  try {
    uint64_t index = 0;
    while (read_all(fd, &index, sizeof index)) {
      std::string payload = work(static_cast<size_t>(index));
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      char header[kHeader];
      uint64_t size = payload.size();
      int64_t rss = usage.ru_maxrss;  // Linux reports kilobytes
      std::memcpy(header, &size, 8);
      std::memcpy(header + 8, &rss, 8);
      if (!write_all(fd, header, kHeader) || !write_all(fd, payload.data(), payload.size())) {
        status = kExitUnexpected;
        break;
      }
    }
  } catch (const std::bad_alloc&) {
    status = kExitOutOfMemory;
  } catch (...) {
    status = kExitUnexpected;
  }
  // _exit, not exit: the worker must not run the parent's atexit handlers or flush its stdio
  // buffers, and must not finalise the parent's SQLite connection.
  _exit(status);
}

std::string describe_signal(int sig) {
  std::string s = "worker killed by signal " + std::to_string(sig);
  switch (sig) {
    case SIGSEGV:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
      return s + " (crash while processing the document)";
    case SIGABRT:
      return s + " (abort while processing the document)";
    case SIGKILL:
      return s + " (killed from outside, possibly the kernel's OOM killer)";
    default:
      return s + " (" + strsignal(sig) + ")";
  }
}

std::string describe_exit(int st, long memory_mb) {
  if (WIFSIGNALED(st)) return describe_signal(WTERMSIG(st));
  if (WIFEXITED(st) && WEXITSTATUS(st) == kExitOutOfMemory)
    return "out of memory (limit " + std::to_string(memory_mb) + " MB)";
  return "worker exited with status " + std::to_string(WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

// The worker's stderr holds only what was written during its current job (cleared at hand-off).
void clear_stderr(Worker& w) {
  if (w.err_fd < 0) return;
  // The worker is idle (waiting for its next index), so nothing writes while we rewind; the file
  // offset is shared with the worker's fd 2.
  if (::ftruncate(w.err_fd, 0) == 0) ::lseek(w.err_fd, 0, SEEK_SET);
}

std::string read_stderr(const Worker& w) {
  if (w.err_fd < 0) return {};
  std::string text(8192, '\0');
  ssize_t n = ::pread(w.err_fd, text.data(), text.size(), 0);
  text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return text;
}

// Libraries that run out of memory under the address-space limit do not all throw std::bad_alloc:
// Poppler's allocator prints "Out of memory" and calls abort(), and a bad_alloc escaping a noexcept
// function ends in std::terminate. Both die by SIGABRT; what they wrote says why.
bool says_out_of_memory(const std::string& text) {
  return text.find("Out of memory") != std::string::npos || text.find("out of memory") != std::string::npos ||
         text.find("std::bad_alloc") != std::string::npos ||
         text.find("Cannot allocate memory") != std::string::npos;
}

// First non-empty line of what a dying worker wrote, trimmed to fit a one-line reason.
std::string first_line(const std::string& text) {
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) {
      if (line.size() > 160) line = line.substr(0, 157) + "...";
      for (char& c : line)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      return line;
    }
    b = e + 1;
  }
  return {};
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// Reaps `w` (already told to stop, or killed) and returns its wait status and peak RSS.
int reap(Worker& w, long* max_rss_kb = nullptr) {
  if (w.fd >= 0) ::close(w.fd);
  w.fd = -1;
  if (w.err_fd >= 0) ::close(w.err_fd);
  w.err_fd = -1;
  int st = 0;
  rusage usage{};
  while (wait4(w.pid, &st, 0, &usage) < 0 && errno == EINTR) {
  }
  if (max_rss_kb) *max_rss_kb = usage.ru_maxrss;
  return st;
}

}  // namespace

void run_pool(size_t count, const PoolOptions& options, const std::function<std::string(size_t)>& work,
              const std::function<void(size_t, PoolOutcome&&)>& done) {
  const int jobs = options.jobs < 1 ? 1 : options.jobs;
  const int per_worker = std::max(1, options.jobs_per_worker);
  std::vector<Worker> workers;
  size_t next = 0;
  const pid_t self = getpid();

  auto kill_all = [&workers] {
    for (Worker& w : workers) {
      ::kill(w.pid, SIGKILL);
      reap(w);
    }
    workers.clear();
  };

  auto spawn = [&] {
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw Error(std::string("ingest: cannot create a socket pair: ") + std::strerror(errno));
    std::vector<int> others;  // the other workers' parent ends, which a new worker must not hold
    for (const Worker& w : workers) {
      others.push_back(w.fd);
      if (w.err_fd >= 0) others.push_back(w.err_fd);
    }
    // The worker's stderr goes to a memory file the parent reads when the worker dies: a bare
    // "Out of memory" from a library then becomes the document's reason instead of a stray line
    // on the terminal that names no file. (No pipe: a worker must never block on a full one.)
    int err_fd = ::memfd_create("synthdb-worker-stderr", MFD_CLOEXEC);
    pid_t pid = fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      if (err_fd >= 0) ::close(err_fd);
      throw Error(std::string("ingest: cannot start a worker process: ") + std::strerror(errno));
    }
    if (pid == 0) {
      ::close(fds[0]);
      if (err_fd >= 0) {
        ::dup2(err_fd, STDERR_FILENO);
        ::close(err_fd);
      }
      worker_main(fds[1], options, self, others, work);
    }
    ::close(fds[1]);
    Worker w;
    w.pid = pid;
    w.fd = fds[0];
    w.err_fd = err_fd;
    workers.push_back(std::move(w));
  };

  try {
    while (next < count || std::any_of(workers.begin(), workers.end(), [](const Worker& w) { return w.job; })) {
      // Hand out work: idle workers first, then new workers up to `jobs`.
      for (size_t i = 0; next < count && i < workers.size(); ++i) {
        Worker& w = workers[i];
        if (w.job) continue;
        uint64_t index = next;
        w.job = next;
        w.started = Clock::now();
        w.buffer.clear();
        clear_stderr(w);
        ++next;
        // A worker that died while idle shows up as EOF below, and its job is failed there.
        write_all(w.fd, &index, sizeof index);
      }
      while (next < count && static_cast<int>(workers.size()) < jobs) {
        spawn();
        Worker& w = workers.back();
        uint64_t index = next;
        w.job = next;
        w.started = Clock::now();
        ++next;
        write_all(w.fd, &index, sizeof index);
      }

      // Wait for output from any busy worker, but no longer than the nearest deadline.
      int wait_ms = -1;
      if (options.timeout_s > 0) {
        double nearest = 1e18;
        for (const Worker& w : workers)
          if (w.job) nearest = std::min(nearest, options.timeout_s - seconds_since(w.started));
        wait_ms = nearest <= 0 ? 0 : static_cast<int>(std::ceil(nearest * 1000));
      }
      std::vector<pollfd> pfds;
      for (const Worker& w : workers) pfds.push_back({w.fd, POLLIN, 0});
      int n = poll(pfds.data(), pfds.size(), wait_ms);
      if (n < 0 && errno != EINTR) throw Error(std::string("ingest: poll failed: ") + std::strerror(errno));

      std::vector<std::pair<size_t, PoolOutcome>> ready;
      std::vector<size_t> gone;  // positions in `workers` of workers that ended
      for (size_t i = 0; n > 0 && i < pfds.size(); ++i) {
        if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Worker& w = workers[i];
        char buf[1 << 16];
        ssize_t got = ::read(w.fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got > 0) {
          w.buffer.append(buf, static_cast<size_t>(got));
          if (w.buffer.size() < kHeader) continue;
          uint64_t size = 0;
          int64_t rss = 0;
          std::memcpy(&size, w.buffer.data(), 8);
          std::memcpy(&rss, w.buffer.data() + 8, 8);
          if (w.buffer.size() < kHeader + size) continue;
          // One frame per job and a job is handed out only after its frame: nothing follows.
          PoolOutcome out;
          out.ok = true;
          out.payload = w.buffer.substr(kHeader, size);
          out.seconds = seconds_since(w.started);
          out.max_rss_kb = static_cast<long>(rss);
          ready.emplace_back(*w.job, std::move(out));
          w.job.reset();
          w.buffer.clear();
          if (++w.jobs_done >= per_worker || next >= count) {
            // Retire it: end of input makes the worker exit; reap it now.
            ::shutdown(w.fd, SHUT_WR);
            reap(w);
            gone.push_back(i);
          }
          continue;
        }
        // EOF (or a read error): the worker ended. If it was working, that job failed.
        const std::string said = w.job ? read_stderr(w) : std::string();
        long rss = 0;
        int st = reap(w, &rss);
        if (w.job) {
          PoolOutcome out;
          out.seconds = seconds_since(w.started);
          out.max_rss_kb = rss;
          if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            out.failure = "worker exited before sending a result";
          } else if (options.memory_mb > 0 && says_out_of_memory(said) &&
                     (WIFSIGNALED(st) || WEXITSTATUS(st) == kExitOutOfMemory)) {
            out.failure = "out of memory (limit " + std::to_string(options.memory_mb) + " MB)";
          } else {
            out.failure = describe_exit(st, options.memory_mb);
            const std::string line = first_line(said);
            if (!line.empty() && WIFSIGNALED(st)) out.failure += ": " + line;
          }
          ready.emplace_back(*w.job, std::move(out));
          w.job.reset();
        }
        gone.push_back(i);
      }
      // Deadlines: kill what ran too long.
      if (options.timeout_s > 0) {
        for (size_t i = 0; i < workers.size(); ++i) {
          Worker& w = workers[i];
          if (!w.job || std::find(gone.begin(), gone.end(), i) != gone.end()) continue;
          if (seconds_since(w.started) < options.timeout_s) continue;
          ::kill(w.pid, SIGKILL);
          reap(w);
          PoolOutcome out;
          out.seconds = seconds_since(w.started);
          out.failure = "timed out after " + format_seconds(options.timeout_s) + " s";
          ready.emplace_back(*w.job, std::move(out));
          w.job.reset();
          gone.push_back(i);
        }
      }
      // Remove ended workers first so that an exception from done() leaves `workers` accurate.
      std::vector<Worker> still;
      for (size_t i = 0; i < workers.size(); ++i)
        if (std::find(gone.begin(), gone.end(), i) == gone.end()) still.push_back(std::move(workers[i]));
      workers = std::move(still);
      for (auto& [index, out] : ready) done(index, std::move(out));
    }
    // No work left: idle workers exit at end of input.
    for (Worker& w : workers) {
      ::shutdown(w.fd, SHUT_WR);
      reap(w);
    }
    workers.clear();
  } catch (...) {
    kill_all();
    throw;
  }
}

}  // namespace synthdb::app
