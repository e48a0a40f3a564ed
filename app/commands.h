#pragma once

#include <CLI/CLI.hpp>

namespace synthdb::app {

// Documented exit codes (README "Exit codes"). Every subcommand maps its outcome to one of these.
enum ExitCode : int {
  kExitOk = 0,          // everything succeeded
  kExitSomeFailed = 1,  // the run finished but some documents / lines failed (see report)
  kExitUsage = 2,       // bad flags or arguments
  kExitFatal = 3,       // could not run at all: database, model, I/O error
  kExitLocked = 4,      // another ingest holds the database's lock
};

// State shared by the subcommands of one invocation. A subcommand's callback sets exit_code when
// the outcome is not kExitOk; failures that stop the command are thrown as synthdb::Error.
struct Context {
  int exit_code = kExitOk;
};

// One function per subcommand, each in its own cmd_<name>.cc, registering flags and callback.
void add_text_command(CLI::App& app, Context& ctx);
void add_ingest_command(CLI::App& app, Context& ctx);
void add_stats_command(CLI::App& app, Context& ctx);
void add_classify_command(CLI::App& app, Context& ctx);
void add_train_command(CLI::App& app, Context& ctx);
void add_eval_command(CLI::App& app, Context& ctx);
void add_extract_command(CLI::App& app, Context& ctx);
void add_eval_extract_command(CLI::App& app, Context& ctx);
void add_search_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_curate_command(CLI::App& app, Context& ctx);
void add_add_command(CLI::App& app, Context& ctx);
void add_merge_command(CLI::App& app, Context& ctx);
void add_train_extract_command(CLI::App& app, Context& ctx);

}  // namespace synthdb::app
