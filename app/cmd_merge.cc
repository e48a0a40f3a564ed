#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_merge_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("merge", "(not implemented yet)");
  cmd->callback([] { throw UsageError("merge: not implemented yet"); });
}

}  // namespace synthdb::app
