#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_export_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("export", "(not implemented yet)");
  cmd->callback([] { throw UsageError("export: not implemented yet"); });
}

}  // namespace synthdb::app
