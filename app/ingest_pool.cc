#include "app/ingest_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <new>

#include "extract/core/error.h"

namespace synthdb::app {
namespace {

using Clock = std::chrono::steady_clock;

// Exit statuses a worker uses to say what went wrong when it could not send a payload.
constexpr int kExitOutOfMemory = 86;
constexpr int kExitUnexpected = 87;

struct Running {
  size_t index = 0;
  pid_t pid = -1;
  int fd = -1;
  Clock::time_point started;
  std::string buffer;
};

bool write_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

[[noreturn]] void child_main(int fd, size_t index, const PoolOptions& options, pid_t parent,
                             const std::function<std::string(size_t)>& work) {
  // If the parent dies (kill -9), take the worker down too, so nothing outlives the run.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(kExitUnexpected);
  for (int other : options.close_in_child) ::close(other);
  // A crash must end the worker at once with its signal (which the parent reports), not run a crash
  // handler the parent installed (a test framework's, say) in a half-broken process.
  for (int sig : {SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM, SIGINT}) signal(sig, SIG_DFL);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // a crashing PDF should not leave core files in the cwd
  if (options.memory_mb > 0) {
    rlim_t bytes = static_cast<rlim_t>(options.memory_mb) * 1024 * 1024;
    rlimit lim{bytes, bytes};
    setrlimit(RLIMIT_AS, &lim);
  }
  int status = 0;
  try {
    std::string payload = work(index);
    status = write_all(fd, payload) ? 0 : kExitUnexpected;
  } catch (const std::bad_alloc&) {
    status = kExitOutOfMemory;
  } catch (...) {
    status = kExitUnexpected;
  }
  // _exit, not exit: the child must not run the parent's atexit handlers or flush its stdio buffers,
  // and must not finalise the parent's SQLite connection.
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

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

}  // namespace

void run_pool(size_t count, const PoolOptions& options, const std::function<std::string(size_t)>& work,
              const std::function<void(size_t, PoolOutcome&&)>& done) {
  const int jobs = options.jobs < 1 ? 1 : options.jobs;
  std::vector<Running> running;
  size_t next = 0;
  const pid_t self = getpid();

  auto kill_all = [&running] {
    for (Running& r : running) {
      ::kill(r.pid, SIGKILL);
      ::close(r.fd);
      int st = 0;
      while (waitpid(r.pid, &st, 0) < 0 && errno == EINTR) {
      }
    }
    running.clear();
  };

  try {
    while (next < count || !running.empty()) {
      while (next < count && static_cast<int>(running.size()) < jobs) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
          throw Error(std::string("ingest: cannot create a pipe: ") + std::strerror(errno));
        Running r;
        r.index = next;
        r.started = Clock::now();
        pid_t pid = fork();
        if (pid < 0) {
          ::close(fds[0]);
          ::close(fds[1]);
          throw Error(std::string("ingest: cannot start a worker process: ") + std::strerror(errno));
        }
        if (pid == 0) {
          ::close(fds[0]);
          child_main(fds[1], next, options, self, work);
        }
        ::close(fds[1]);
        r.pid = pid;
        r.fd = fds[0];
        running.push_back(std::move(r));
        ++next;
      }

      // Wait for output from any worker, but no longer than the nearest deadline.
      int wait_ms = -1;
      if (options.timeout_s > 0) {
        double nearest = 1e18;
        for (const Running& r : running)
          nearest = std::min(nearest, options.timeout_s - seconds_since(r.started));
        wait_ms = nearest <= 0 ? 0 : static_cast<int>(std::ceil(nearest * 1000));
      }
      std::vector<pollfd> pfds;
      for (const Running& r : running) pfds.push_back({r.fd, POLLIN, 0});
      int n = poll(pfds.data(), pfds.size(), wait_ms);
      if (n < 0 && errno != EINTR)
        throw Error(std::string("ingest: poll failed: ") + std::strerror(errno));

      std::vector<size_t> finished;  // positions in `running`
      std::vector<PoolOutcome> outcomes;
      for (size_t i = 0; n > 0 && i < pfds.size(); ++i) {
        if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Running& r = running[i];
        char buf[1 << 16];
        ssize_t got = ::read(r.fd, buf, sizeof buf);
        if (got > 0) {
          r.buffer.append(buf, static_cast<size_t>(got));
          continue;
        }
        if (got < 0 && errno == EINTR) continue;
        // EOF (or a read error): the worker is done; collect its exit status.
        ::close(r.fd);
        int st = 0;
        rusage usage{};
        while (wait4(r.pid, &st, 0, &usage) < 0 && errno == EINTR) {
        }
        PoolOutcome out;
        out.seconds = seconds_since(r.started);
        out.max_rss_kb = usage.ru_maxrss;  // Linux reports kilobytes
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
          out.ok = true;
          out.payload = std::move(r.buffer);
        } else if (WIFSIGNALED(st)) {
          out.failure = describe_signal(WTERMSIG(st));
        } else if (WIFEXITED(st) && WEXITSTATUS(st) == kExitOutOfMemory) {
          out.failure = "out of memory (limit " + std::to_string(options.memory_mb) + " MB)";
        } else {
          out.failure = "worker exited with status " + std::to_string(WEXITSTATUS(st));
        }
        finished.push_back(i);
        outcomes.push_back(std::move(out));
      }
      // Deadlines: kill what ran too long.
      if (options.timeout_s > 0) {
        for (size_t i = 0; i < running.size(); ++i) {
          if (std::find(finished.begin(), finished.end(), i) != finished.end()) continue;
          Running& r = running[i];
          if (seconds_since(r.started) < options.timeout_s) continue;
          ::kill(r.pid, SIGKILL);
          ::close(r.fd);
          int st = 0;
          while (waitpid(r.pid, &st, 0) < 0 && errno == EINTR) {
          }
          PoolOutcome out;
          out.seconds = seconds_since(r.started);
          out.failure = "timed out after " + format_seconds(options.timeout_s) + " s";
          finished.push_back(i);
          outcomes.push_back(std::move(out));
        }
      }
      // Remove finished workers first so that an exception from done() leaves `running` accurate.
      std::vector<std::pair<size_t, PoolOutcome>> ready;
      for (size_t k = 0; k < finished.size(); ++k)
        ready.emplace_back(running[finished[k]].index, std::move(outcomes[k]));
      std::vector<Running> still;
      for (size_t i = 0; i < running.size(); ++i)
        if (std::find(finished.begin(), finished.end(), i) == finished.end())
          still.push_back(std::move(running[i]));
      running = std::move(still);
      for (auto& [index, out] : ready) done(index, std::move(out));
    }
  } catch (...) {
    kill_all();
    throw;
  }
}

}  // namespace synthdb::app
