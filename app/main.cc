// synthdb: colloidal-synthesis literature → curated SQLite database → CSV training sets.
// main() wires the subcommands and is the one place that maps errors to exit codes.
#include <cstdio>
#include <iostream>

#include "app/commands.h"
#include "db/database.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

// Read by jemalloc at start-up when the executable links it (CMake SYNTHDB_JEMALLOC); other allocators
// ignore it. Freed address space goes back to the system instead of staying mapped for reuse, so a
// worker's --memory-mb limit (RLIMIT_AS) bounds what the worker allocates, as with glibc's malloc:
// with jemalloc's default (retain) a forked worker reused its parent's mappings without a new mmap
// and passed documents the limit stops (review s28 F3). Extraction speed is the same (bench2.jsonl,
// nine interleaved runs each: median CPU 0.41 s both).
extern "C" {
const char* malloc_conf = "retain:false";
}

int main(int argc, char** argv) {
  using namespace synthdb::app;
  CLI::App app{"synthdb " + synthdb::synthdb_version() +
               ": turns colloidal nanocrystal synthesis papers into a curated SQLite database.\n"
               "Exit codes: 0 ok, 1 some documents or lines failed, 2 usage error, 3 fatal error,\n"
               "4 database locked by another ingest run or by another program's open write transaction."};
  app.set_version_flag("--version", synthdb::synthdb_version());
  app.require_subcommand(1);
  Context ctx;
  add_text_command(app, ctx);
  add_ingest_command(app, ctx);
  add_stats_command(app, ctx);
  add_classify_command(app, ctx);
  add_train_command(app, ctx);
  add_eval_command(app, ctx);
  add_extract_command(app, ctx);
  add_eval_extract_command(app, ctx);
  add_train_extract_command(app, ctx);
  add_search_command(app, ctx);
  add_export_command(app, ctx);
  add_curate_command(app, ctx);
  add_add_command(app, ctx);
  add_merge_command(app, ctx);
  add_remove_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const synthdb::UsageError& e) {
    std::cerr << "synthdb: " << e.what() << "\n";
    return kExitUsage;
  } catch (const synthdb::db::LockedError& e) {
    std::cerr << "synthdb: " << e.what() << "\n";
    return kExitLocked;
  } catch (const synthdb::DbError& e) {
    std::cerr << "synthdb: " << e.what() << "\n";
    return ctx.exit_code == kExitLocked ? kExitLocked : kExitFatal;
  } catch (const std::exception& e) {
    std::cerr << "synthdb: " << e.what() << "\n";
    return kExitFatal;
  }
  std::cout.flush();
  return ctx.exit_code;
}
