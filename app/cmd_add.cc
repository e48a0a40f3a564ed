#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_add_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("add", "(not implemented yet)");
  cmd->callback([] { throw UsageError("add: not implemented yet"); });
}

}  // namespace synthdb::app
