// synthdb merge: shard databases (ingest --shard I/N, e.g. one per Slurm array task) → one database.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/db_open.h"
#include "app/ingest_lock.h"
#include "app/wal_checkpoint.h"
#include "db/database.h"
#include "db/merge.h"
#include "db/store.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct MergeOptions {
  std::string out;
  std::vector<std::string> shards;
  bool quiet = false;
};

void run_merge(const MergeOptions& o, Context& ctx) {
  std::unique_ptr<DbLock> lock = take_lock(o.out, ctx);
  // A missing, foreign or empty shard, or OUT named as a shard, is refused before OUT is created:
  // a mistyped command leaves no new database behind (only the lock file, as every run does).
  for (const std::string& s : o.shards) {
    std::error_code ec;
    if (std::filesystem::exists(o.out, ec) && std::filesystem::equivalent(s, o.out, ec))
      throw UsageError("merge: " + s + " is the output database itself");
    require_synthdb_database(s);
  }
  db::Database out(o.out);
  // Check every shard before touching the output, so a bad one does not leave a half-merged set.
  std::vector<long long> shard_edits;
  for (const std::string& s : o.shards) {
    db::Database shard(s, db::OpenOptions{.migrate = false, .read_only = true});
    if (shard.schema_version() != out.schema_version())
      throw DbError("refusing to merge: " + s + " has schema v" + std::to_string(shard.schema_version()) +
                    " but " + o.out + " has v" + std::to_string(out.schema_version()) +
                    "; open both with the same synthdb version first");
    auto st = shard.prepare("SELECT count(*) FROM curation");
    shard_edits.push_back(st.step() ? st.column_int(0) : 0);
  }
  // A shard's curation is never merged (OUT's curators own the edits): a curator who edited a shard
  // must hear that those edits stay behind (review 26, persona walk finding 6). Printed with --quiet too.
  for (size_t i = 0; i < o.shards.size(); ++i)
    if (shard_edits[i] > 0)
      std::fprintf(stderr,
                   "merge: warning: %s holds %s, which merge does not copy (curate %s instead; see "
                   "docs/operations.md)\n",
                   o.shards[i].c_str(), count_of(shard_edits[i], "curator edit").c_str(), o.out.c_str());
  const auto t0 = std::chrono::steady_clock::now();
  std::string args = "merge " + o.out;
  for (const auto& s : o.shards) args += " " + s;
  const int64_t run_id = db::begin_run(out, "merge", args);
  db::MergeCounts total;
  nlohmann::json per_shard = nlohmann::json::array();
  for (const std::string& s : o.shards) {
    db::MergeCounts c = db::merge_database(out, s);
    total.copied += c.copied;
    total.replaced += c.replaced;
    total.unchanged += c.unchanged;
    total.paths += c.paths;
    total.kept += c.kept;
    total.carried += c.carried;
    total.flagged += c.flagged;
    per_shard.push_back({{"shard", s}, {"copied", c.copied}, {"replaced", c.replaced},
                         {"unchanged", c.unchanged}, {"kept_over_failed", c.kept},
                         {"paths", c.paths}, {"edits_carried", c.carried}, {"edits_flagged", c.flagged}});
    if (!o.quiet)
      std::fprintf(stderr,
                   "merged %s: %d copied, %d replaced, %d unchanged (%d ok kept over a failed attempt); "
                   "%s carried to a new version, %d flagged\n",
                   s.c_str(), c.copied, c.replaced, c.unchanged, c.kept, count_of(c.carried, "curator edit").c_str(),
                   c.flagged);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json report = {{"shards", per_shard}, {"copied", total.copied}, {"replaced", total.replaced},
                           {"unchanged", total.unchanged}, {"kept_over_failed", total.kept},
                           {"edits_carried", total.carried}, {"edits_flagged", total.flagged},
                           {"seconds", seconds}};
  db::finish_run(out, run_id, total.copied + total.replaced, total.unchanged, 0, report.dump());
  // As ingest (s21-exp): the merged rows go to OUT-wal first; a plain copy of OUT must hold them.
  warn_incomplete_checkpoint(checkpoint_wal(out, o.out), "merge", o.out, o.quiet);
  if (!o.quiet)
    std::printf("merge: %s: %s copied, %d replaced, %d unchanged; %s carried to a new version, %d flagged "
                "in %.2f s -> %s\n",
                count_of(static_cast<long long>(o.shards.size()), "shard").c_str(),
                count_of(total.copied, "document").c_str(), total.replaced, total.unchanged,
                count_of(total.carried, "curator edit").c_str(), total.flagged, seconds, o.out.c_str());
}

}  // namespace

void add_merge_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MergeOptions>();
  auto* cmd = app.add_subcommand(
      "merge",
      "Merge shard databases (from `ingest --shard I/N`) into OUT: copies documents OUT lacks or\n"
      "has from an older ingest, with their paragraphs, entities and synthesis records (a shard's\n"
      "failed attempt never replaces an ok document: OUT keeps it and records the error). Idempotent;\n"
      "never copies a shard's curation (a shard holding curator edits gets a warning naming their count).\n"
      "When a shard holds a new version of a file OUT has (same path,\n"
      "new content), OUT's curator edits of the old version are carried to it as ingest does (an edit\n"
      "whose paragraph changed is flagged: `curate flagged`); the summary counts carried and flagged\n"
      "edits. Refuses shards whose schema version differs from OUT's. At the end the write-ahead log is\n"
      "folded into OUT, as ingest does (a reader's open transaction prevents it: a warning on stderr).\n"
      "Takes the same lock as ingest (exit 4 when OUT is busy).");
  cmd->add_option("out", o->out, "Output database (created when missing)")->required();
  cmd->add_option("shards", o->shards, "Shard databases to merge into OUT")->required();
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing but errors");
  cmd->callback([o, &ctx] { run_merge(*o, ctx); });
}

}  // namespace synthdb::app
