#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_classify_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("classify", "(not implemented yet)");
  cmd->callback([] { throw UsageError("classify: not implemented yet"); });
}

}  // namespace synthdb::app
