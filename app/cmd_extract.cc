#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_extract_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("extract", "(not implemented yet)");
  cmd->callback([] { throw UsageError("extract: not implemented yet"); });
}

}  // namespace synthdb::app
