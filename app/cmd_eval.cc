#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_eval_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("eval", "(not implemented yet)");
  cmd->callback([] { throw UsageError("eval: not implemented yet"); });
}

}  // namespace synthdb::app
