// synthdb export: writes the training-set files (syntheses.csv + long tables + dataset.json).
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.h"
#include "app/db_open.h"
#include "db/database.h"
#include "db/export.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct ExportCommandOptions {
  std::string db;
  std::string out;
  std::string split;
  std::optional<double> min_confidence;
  db::ExportOptions options;
};

// $SOURCE_DATE_EPOCH (reproducible-builds.org: whole seconds since 1970) as UTC ISO 8601, so that two
// exports of the same database into the same --out give a byte-identical dataset.json too; "" when
// unset. A value that is not a whole number is a usage error rather than silently "now".
std::string source_date() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return {};
  const std::string v(env);
  if (v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError("SOURCE_DATE_EPOCH must be whole seconds since 1970, not \"" + v + "\"");
  const std::time_t t = static_cast<std::time_t>(std::stoll(v));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void run_export(ExportCommandOptions& o, const std::string& command_line) {
  db::ExportOptions opts = o.options;
  opts.out_dir = o.out;
  opts.min_confidence = o.min_confidence;
  if (!o.split.empty()) opts.split = db::parse_split(o.split);
  opts.command_line = command_line;
  opts.created_at = source_date();
  // Read-only, no migration: export works on a database in a read-only folder; an old schema is
  // one line saying how to upgrade it.
  db::Database database = open_for_reading(o.db, "export");
  db::ExportSummary s = db::export_dataset(database, opts);
  std::cout << "export: " << s.syntheses << " syntheses (" << s.materials << " materials, " << s.steps << " steps, "
            << s.outcomes << " outcomes) from " << s.documents << " documents → " << o.out << "\n";
}

}  // namespace

void add_export_command(CLI::App& app, Context&) {
  auto o = std::make_shared<ExportCommandOptions>();
  auto* cmd = app.add_subcommand(
      "export",
      "Write the synthesis records as a training set: syntheses.csv (one row per synthesis, canonical units), "
      "materials.csv, steps.csv, outcomes.csv (keyed by synthesis_id) and dataset.json (columns, units, counts, "
      "filters, versions, source documents). Curated values win; deleted records are left out, and so are "
      "superseded versions of a file edited in place and documents withdrawn with `synthdb remove`. Opens the "
      "database read-only and never migrates it (an older schema: one line, exit 3; upgrade it with ingest). Rows are in record key order; all rows come from one "
      "consistent snapshot even while ingest writes. Two exports of the same database give byte-identical CSV "
      "/ JSON Lines files; dataset.json differs only in created_at (set SOURCE_DATE_EPOCH to fix it) and "
      "command.");
  cmd->add_option("--db", o->db, "SQLite database written by `synthdb ingest`")->required();
  cmd->add_option("--out", o->out, "Output directory (created when missing; export files in it are replaced)")
      ->required();
  cmd->add_option("--format", o->options.format,
                  "csv (default): RFC 4180 CSV files; jsonl: syntheses.jsonl with nested materials/steps/outcomes")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_option("--status", o->options.status, "Keep records with this status: success, failed, unknown or all "
                                                  "(default all)")
      ->check(CLI::IsMember({"success", "failed", "unknown", "all"}));
  cmd->add_option("--method", o->options.method,
                  "Keep records with this synthesis method (case-insensitive), e.g. hot-injection");
  cmd->add_option("--target", o->options.target_regex,
                  "Keep records whose target or target formula matches this regular expression "
                  "(RE2 syntax, case-insensitive), e.g. '^Cd(Se|S)'");
  cmd->add_option("--min-confidence", o->min_confidence, "Keep records with confidence >= X (0..1; outside it: exit 2)")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(x >= 0 && x <= 1)) return "must be a number from 0 to 1, not " + v;
            return {};
          },
          "0..1", "min-confidence"));
  cmd->add_option("--split", o->split,
                  "Assign each paper to a split: fractions such as 0.8,0.1,0.1 (train,validation,test) or "
                  "0.9,0.1 (train,test); fills the split column; a paper is its DOI when known, else its document, "
                  "so no paper is in two splits");
  // Digits only: CLI11 would otherwise wrap -1 to 18446744073709551615.
  cmd->add_option("--seed", o->options.seed,
                  "Seed of the split assignment: a whole number >= 0 (default 0); same seed, same split")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
              return "must be a whole number >= 0, not " + v;  // CLI11 puts "--seed: " in front
            return {};
          },
          "UINT", "seed"));
  cmd->callback([o, cmd] {
    std::string line = "synthdb export";
    for (const auto& r : cmd->get_options())
      if (r->count() > 0 && !r->get_lnames().empty())
        for (const auto& v : r->results()) line += " --" + r->get_lnames().front() + " " + v;
    run_export(*o, line);
  });
}

}  // namespace synthdb::app
