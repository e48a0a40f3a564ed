#pragma once

// Runs one job per input in forked worker processes, at most `jobs` at a time, each under an address
// space limit and a wall-clock timeout per job. Workers are reused for up to `jobs_per_worker` inputs
// (a fork per document costs more than a small paper's whole conversion), then replaced, which also
// bounds any heap growth. A worker that crashes, hangs or runs out of memory costs only the input it
// was working on: the parent reports why, replaces the worker and carries on. The parent must be
// single-threaded when run() is called (fork() copies only the calling thread).

#include <functional>
#include <string>
#include <vector>

namespace synthdb::app {

struct PoolOptions {
  int jobs = 1;
  double timeout_s = 120;       // wall clock per job, from fork to result; <= 0: no limit
  long memory_mb = 2048;        // RLIMIT_AS per worker; <= 0: no limit
  int jobs_per_worker = 64;     // inputs one worker process handles before it is replaced; >= 1
  std::vector<int> close_in_child;  // parent fds a worker must not keep open (e.g. the lock file)
};

// What came back for one job. On success `payload` is what the job function returned in the child.
// Otherwise `failure` is a one-line reason: "timed out after 120 s", "out of memory (limit 2048 MB)",
// "worker killed by signal 11 (crash while processing the document)", "worker exited with status 3".
struct PoolOutcome {
  bool ok = false;
  std::string payload;
  std::string failure;
  double seconds = 0;  // wall time from handing the job to a worker to the outcome
  long max_rss_kb = 0;  // peak resident memory of the worker so far (0 when it was killed on timeout)
};

// `work(i)` runs in a worker process for input i and returns the bytes to send back; it should catch
// its own expected errors and encode them in the payload. std::bad_alloc becomes "out of memory".
// `done(i, outcome)` runs in the parent, in completion order, once per input. Exceptions thrown by
// `done` stop the pool: running workers are killed and reaped, then the exception propagates.
void run_pool(size_t count, const PoolOptions& options, const std::function<std::string(size_t)>& work,
              const std::function<void(size_t, PoolOutcome&&)>& done);

}  // namespace synthdb::app
