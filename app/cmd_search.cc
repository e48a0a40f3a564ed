#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_search_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("search", "(not implemented yet)");
  cmd->callback([] { throw UsageError("search: not implemented yet"); });
}

}  // namespace synthdb::app
