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
