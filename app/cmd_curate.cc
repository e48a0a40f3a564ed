#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_curate_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("curate", "(not implemented yet)");
  cmd->callback([] { throw UsageError("curate: not implemented yet"); });
}

}  // namespace synthdb::app
