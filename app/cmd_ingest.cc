#include "app/commands.h"
#include "extract/core/error.h"

namespace synthdb::app {

void add_ingest_command(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("ingest", "(not implemented yet)");
  cmd->callback([] { throw UsageError("ingest: not implemented yet"); });
}

}  // namespace synthdb::app
