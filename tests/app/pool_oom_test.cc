// A library that runs out of memory by printing "Out of memory" and calling abort() (Poppler's
// allocator does) is reported as out of memory, not as an abort, and its line is not left bare.
#include <signal.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "app/ingest_pool.h"

using synthdb::app::PoolOptions;
using synthdb::app::PoolOutcome;

TEST_CASE("an abort after 'Out of memory' is reported as out of memory, other aborts keep their reason") {
  PoolOptions opt;
  opt.jobs = 1;
  opt.timeout_s = 10;
  opt.memory_mb = 60;
  opt.jobs_per_worker = 8;
  std::map<size_t, PoolOutcome> got;
  synthdb::app::run_pool(
      5, opt,
      [](size_t i) -> std::string {
        switch (i) {
          case 1:
            std::fputs("Out of memory\n", stderr);  // what Poppler's gmem does
            std::abort();
          case 2:
            std::fputs("some note\n", stderr);
            return "fine";  // a note during a successful job does not stick to the next job
          case 3:
            std::abort();
          default:
            return "ok " + std::to_string(i);
        }
      },
      [&](size_t i, PoolOutcome&& out) { got[i] = std::move(out); });
  REQUIRE(got.size() == 5);
  CHECK(got[0].ok);
  CHECK(!got[1].ok);
  CHECK(got[1].failure == "out of memory (limit 60 MB)");
  CHECK(got[2].ok);
  CHECK(!got[3].ok);
  CHECK(got[3].failure == "worker killed by signal 6 (abort while processing the document)");
  CHECK(got[4].ok);
}
