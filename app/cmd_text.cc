#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_text_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("text", "(not implemented yet)");
  cmd->callback([] { throw UsageError("text: not implemented yet"); });
}

}  // namespace synthdb::app
