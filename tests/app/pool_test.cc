// The worker pool on its own: crashes, hangs and allocation failures in real forked processes.
#include "app/ingest_pool.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using synthdb::app::PoolOptions;
using synthdb::app::PoolOutcome;

TEST_CASE("worker pool reports crashes, timeouts and out-of-memory per job and runs the rest") {
  PoolOptions opt;
  opt.jobs = 2;
  opt.timeout_s = 1.0;
  opt.memory_mb = 256;
  std::map<size_t, PoolOutcome> got;
  synthdb::app::run_pool(
      6, opt,
      [](size_t i) -> std::string {
        switch (i) {
          case 1:
            raise(SIGSEGV);
            break;
          case 2:
            for (;;) pause();  // hangs
          case 3: {
            std::vector<char> huge(size_t{1} << 32);  // 4 GB > 256 MB limit: bad_alloc
            return std::string(huge.data(), 1);
          }
          case 4:
            _exit(5);
          default:
            break;
        }
        return std::string(100000 + i, 'x');  // larger than a pipe buffer
      },
      [&](size_t i, PoolOutcome&& o) { got[i] = std::move(o); });
  REQUIRE(got.size() == 6);
  CHECK(got[0].ok);
  CHECK(got[0].payload.size() == 100000);
  CHECK(got[5].payload.size() == 100005);
  CHECK(!got[1].ok);
  CHECK(got[1].failure == "worker killed by signal 11 (crash while processing the document)");
  CHECK(got[2].failure == "timed out after 1 s");
  CHECK(got[2].seconds >= 1.0);
  CHECK(got[3].failure == "out of memory (limit 256 MB)");
  CHECK(got[4].failure == "worker exited with status 5");
}

TEST_CASE("an exception in the parent's callback stops the pool and reaps every worker") {
  PoolOptions opt;
  opt.jobs = 2;
  int calls = 0;
  CHECK_THROWS_AS(synthdb::app::run_pool(
                      10, opt, [](size_t) { return std::string("r"); },
                      [&](size_t, PoolOutcome&&) {
                        if (++calls == 2) throw std::runtime_error("disk full");
                      }),
                  std::runtime_error);
  CHECK(calls == 2);
  int st = 0;
  CHECK(waitpid(-1, &st, WNOHANG) == -1);  // no child left behind (ECHILD)
}

TEST_CASE("workers are reused for jobs_per_worker inputs, and a crash costs only its own input") {
  PoolOptions opt;
  opt.jobs = 1;
  opt.jobs_per_worker = 3;
  std::map<size_t, PoolOutcome> got;
  synthdb::app::run_pool(
      8, opt,
      [](size_t i) -> std::string {
        if (i == 4) raise(SIGSEGV);
        return std::to_string(getpid());
      },
      [&](size_t i, PoolOutcome&& o) { got[i] = std::move(o); });
  REQUIRE(got.size() == 8);
  // Jobs 0-2 in one worker, 3 in a second that crashes on 4, 5-7 in a third.
  CHECK(got[0].payload == got[1].payload);
  CHECK(got[1].payload == got[2].payload);
  CHECK(got[3].ok);
  CHECK(got[3].payload != got[2].payload);
  CHECK(!got[4].ok);
  CHECK(got[4].failure == "worker killed by signal 11 (crash while processing the document)");
  CHECK(got[5].ok);
  CHECK(got[5].payload != got[3].payload);
  CHECK(got[5].payload == got[7].payload);
  CHECK(got[0].payload != std::to_string(getpid()));
  int st = 0;
  CHECK(waitpid(-1, &st, WNOHANG) == -1);  // every worker reaped
}

TEST_CASE("a worker's stderr is bounded per job, and its first line still explains a crash") {
  PoolOptions opt;
  opt.jobs = 1;
  opt.memory_mb = 256;
  // Writes 8 MB to stderr in 4 kB lines, as a library logging a syntax error per object would, and
  // returns how many bytes the writes accepted.
  auto flood = [] {
    const std::string line(4095, 'e');
    size_t accepted = 0;
    for (int k = 0; k < 2048; ++k) {
      std::string l = line + "\n";
      ssize_t n = ::write(STDERR_FILENO, l.data(), l.size());
      if (n > 0) accepted += static_cast<size_t>(n);
    }
    return accepted;
  };
  std::map<size_t, PoolOutcome> got;
  synthdb::app::run_pool(
      3, opt,
      [&](size_t i) -> std::string {
        if (i == 1) {
          const char first[] = "Out of memory: allocation of 12 GB failed\n";
          (void)::write(STDERR_FILENO, first, sizeof first - 1);
          flood();
          abort();
        }
        return std::to_string(flood());
      },
      [&](size_t i, PoolOutcome&& o) { got[i] = std::move(o); });
  REQUIRE(got.size() == 3);
  REQUIRE(got[0].ok);
  const size_t accepted = std::stoul(got[0].payload);
  CHECK(accepted >= 8192);               // enough for the reason of a crash
  CHECK(accepted <= size_t{1} << 20);    // not the 8 MB that were written
  CHECK(got[1].failure == "out of memory (limit 256 MB)");
  REQUIRE(got[2].ok);  // the next job in a fresh worker has its full allowance again
  CHECK(std::stoul(got[2].payload) == accepted);
}
