// stats' run states (session 21 lead fix, review s21-ux finding 8), made deterministic: the run
// finishes exactly between stats' snapshot and its liveness check, through the state_of hook of
// db::settle_run_states(), on a real SQLite file written by a second connection as ingest writes it.
#include "db/stats.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "db/store.h"
#include "tests/db/temp_dir.h"

using synthdb::db::Database;
using synthdb::db::OpenOptions;
using synthdb::testing::TempDir;

namespace {

// The run `id` of stats' "last" list.
const nlohmann::json& run_of(const nlohmann::json& stats, int64_t id) {
  for (const auto& r : stats["runs"]["last"])
    if (r["id"] == id) return r;
  FAIL("run " << id << " not listed");
  static const nlohmann::json none;
  return none;
}

}  // namespace

TEST_CASE("stats: a run that finishes between the snapshot and the liveness check is shown finished") {
  TempDir dir;
  const auto file = dir / "s.db";
  Database writer(file);  // the ingest's connection
  const int64_t done = synthdb::db::begin_run(writer, "ingest", "ingest earlier");
  synthdb::db::finish_run(writer, done, 2, 0, 0, "{}");
  const int64_t racing = synthdb::db::begin_run(writer, "ingest", "ingest papers");
  const int64_t killed = synthdb::db::begin_run(writer, "ingest", "ingest killed");
  const int64_t alive = synthdb::db::begin_run(writer, "ingest", "ingest running");

  Database reader(file, OpenOptions{.migrate = false, .read_only = true});  // stats' connection
  nlohmann::json s = synthdb::db::collect_stats(reader);
  CHECK(s["runs"]["unfinished"] == 3);
  CHECK(run_of(s, racing)["finished_at"].is_null());  // unfinished in the snapshot

  int calls = 0;
  synthdb::db::settle_run_states(reader, s, [&](const nlohmann::json& run) -> std::string {
    ++calls;
    const int64_t id = run["id"].get<int64_t>();
    if (id == alive) return "running";
    if (id == racing) {
      // The run ends now: its row is written, then its process exits, so the check finds no process.
      synthdb::db::finish_run(writer, racing, 5, 3, 1, "{}");
    }
    return "interrupted";
  });
  CHECK(calls == 3);  // the finished run is not checked
  const auto& r = run_of(s, racing);
  CHECK(r["state"] == "finished");
  CHECK_FALSE(r["finished_at"].is_null());
  CHECK(r["new"] == 5);
  CHECK(r["skipped"] == 3);
  CHECK(r["failed"] == 1);
  CHECK(s["runs"]["unfinished"] == 2);
  // A run killed for real stays interrupted with the counts it committed; a live one is running.
  CHECK(run_of(s, killed)["state"] == "interrupted");
  CHECK(run_of(s, killed)["finished_at"].is_null());
  CHECK(run_of(s, alive)["state"] == "running");
  CHECK(run_of(s, done)["state"] == "finished");
  CHECK(run_of(s, done)["new"] == 2);
}
