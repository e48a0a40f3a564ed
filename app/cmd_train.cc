#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_train_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("train", "(not implemented yet)");
  cmd->callback([] { throw UsageError("train: not implemented yet"); });
}

}  // namespace synthdb::app
