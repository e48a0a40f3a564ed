#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace synthdb::app {

// Documented exit codes (README "Exit codes"). Every subcommand maps its outcome to one of these.
enum ExitCode : int {
  kExitOk = 0,          // everything succeeded
  kExitSomeFailed = 1,  // the run finished but some documents / lines failed (see report)
  kExitUsage = 2,       // bad flags or arguments
  kExitFatal = 3,       // could not run at all: database, model, I/O error
  kExitLocked = 4,      // another ingest holds the database's lock
};

// State shared by the subcommands of one invocation. A subcommand's callback sets exit_code when
// the outcome is not kExitOk; failures that stop the command are thrown as synthdb::Error.
struct Context {
  int exit_code = kExitOk;
};

// "1 document", "2 documents", "0 documents": a count with its noun in the right number, for every
// count a user reads. `plural` defaults to `singular` + "s".
inline std::string count_of(long long n, const std::string& singular, const std::string& plural = {}) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

// CLI::Range for a floating-point option, refusing nan as well: CLI::Range compares `v < lo || v > hi`,
// which nan passes ("--threshold nan" was accepted and ran). A usage error (exit 2):
// "--threshold: must be a number from 0 to 1, not nan".
inline CLI::Validator finite_range(double lo, double hi) {
  auto text = [](double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return std::string(buf);
  };
  const std::string range = text(lo) + " to " + text(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& v) -> std::string {
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !std::isfinite(x) || x < lo || x > hi)
          return "must be a number from " + range + ", not " + v;
        return {};
      },
      "FLOAT in [" + text(lo) + " - " + text(hi) + "]");
}

// One function per subcommand, each in its own cmd_<name>.cc, registering flags and callback.
void add_text_command(CLI::App& app, Context& ctx);
void add_ingest_command(CLI::App& app, Context& ctx);
void add_stats_command(CLI::App& app, Context& ctx);
void add_classify_command(CLI::App& app, Context& ctx);
void add_train_command(CLI::App& app, Context& ctx);
void add_eval_command(CLI::App& app, Context& ctx);
void add_extract_command(CLI::App& app, Context& ctx);
void add_eval_extract_command(CLI::App& app, Context& ctx);
void add_search_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_curate_command(CLI::App& app, Context& ctx);
void add_add_command(CLI::App& app, Context& ctx);
void add_merge_command(CLI::App& app, Context& ctx);
void add_remove_command(CLI::App& app, Context& ctx);
void add_train_extract_command(CLI::App& app, Context& ctx);

}  // namespace synthdb::app
