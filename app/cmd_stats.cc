#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_stats_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("stats", "(not implemented yet)");
  cmd->callback([] { throw UsageError("stats: not implemented yet"); });
}

}  // namespace synthdb::app
