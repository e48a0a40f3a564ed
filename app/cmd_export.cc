// synthdb export: writes the training-set files (syntheses.csv + long tables + dataset.json).
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "app/commands.h"
#include "app/db_open.h"
#include "classify/method.h"
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

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// --method M must name a method: one of the vocabulary the classifier writes (classify::kMethods), or
// a method a record of this database holds (a curator's or a hand-added record's own word). A typo
// ("hot_injection", "solvo-thermal") used to export nothing with exit 0; now it is a usage error
// listing the valid names, before anything is written.
void check_method(db::Database& database, const std::string& method) {
  if (method.empty()) return;
  std::set<std::string> valid(std::begin(classify::kMethods), std::end(classify::kMethods));
  if (valid.count(lower(method))) return;
  std::set<std::string> stored;
  auto st = database.prepare(
      // The values in force (curated_syntheses: curator edits applied; deleted records and records of
      // superseded or withdrawn documents left out), not replaced or removed ones.
      "SELECT DISTINCT method FROM curated_syntheses WHERE method IS NOT NULL AND method <> ''");
  while (st.step()) {
    const std::string m = st.column_text(0);
    if (lower(m) == lower(method)) return;
    if (!valid.count(lower(m))) stored.insert(m);
  }
  std::string list;
  for (const char* m : classify::kMethods) list += std::string(list.empty() ? "" : ", ") + m;
  for (const std::string& m : stored) list += ", " + m;
  throw UsageError("export: --method \"" + method + "\" is not a synthesis method; use one of: " + list);
}

// The filters given, for the "0 syntheses match" note: "--method heat-up --status failed".
std::string filters_text(const db::ExportOptions& o) {
  std::string s;
  if (o.status != "all") s += " --status " + o.status;
  if (!o.method.empty()) s += " --method " + o.method;
  if (!o.target_regex.empty()) s += " --target '" + o.target_regex + "'";
  if (o.min_confidence) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", *o.min_confidence);
    s += std::string(" --min-confidence ") + buf;
  }
  return s;
}

void run_export(ExportCommandOptions& o, const std::string& command_line) {
  db::ExportOptions opts = o.options;
  opts.out_dir = o.out;
  opts.min_confidence = o.min_confidence;
  if (!o.split.empty()) opts.split = db::parse_split(o.split);
  opts.command_line = command_line;
  opts.created_at = source_date();
  // Read-only: export works on a database in a read-only folder; an old schema is upgraded when the
  // database may be written, else one line saying how to upgrade it.
  db::Database database = open_for_reading(o.db, "export");
  check_method(database, opts.method);
  db::ExportSummary s = db::export_dataset(database, opts);
  std::cout << "export: " << count_of(s.syntheses, "synthesis", "syntheses") << " ("
            << count_of(s.materials, "material") << ", " << count_of(s.steps, "step") << ", "
            << count_of(s.outcomes, "outcome") << ") from " << count_of(s.documents, "document");
  if (s.duplicates_skipped > 0)
    std::cout << "; " << count_of(s.duplicates_skipped, "duplicate document")
              << " skipped (same DOI, same paragraph texts; --keep-duplicates keeps "
              << (s.duplicates_skipped == 1 ? "it" : "them") << ")";
  std::cout << " → " << o.out << "\n";
  for (const std::string& w : s.warnings) std::cerr << "export: warning: " << w << "\n";
  // An empty export is not an error (the files hold their headers), but say so: a filter that
  // matches nothing looks like a broken export otherwise.
  if (s.syntheses == 0) {
    const std::string f = filters_text(opts);
    std::cerr << "export: 0 syntheses match"
              << (f.empty() ? std::string(" (the database holds no exportable synthesis records)") : ":" + f)
              << "; the files hold only their headers\n";
  }
}

}  // namespace

void add_export_command(CLI::App& app, Context&) {
  auto o = std::make_shared<ExportCommandOptions>();
  auto* cmd = app.add_subcommand(
      "export",
      "Write the synthesis records as a training set: syntheses.csv (one row per synthesis, canonical units; "
      "precursor_moles_mol sums the precursors' moles where known, and the last column precursor_moles_complete is "
      "1 when every precursor has moles, 0 when the sum is partial, empty without precursors), "
      "materials.csv, steps.csv, outcomes.csv (keyed by synthesis_id), paragraphs.csv (document_sha256, paragraph, "
      "page, kind, section, text of every paragraph an exported record cites: the paragraph/start/end columns are "
      "code point offsets into its text) and dataset.json (columns, units, counts, "
      "filters, versions, source documents). Curated values win; deleted records are left out, and so are "
      "superseded versions of a file edited in place and documents withdrawn with `synthdb remove`. Opens the "
      "database read-only; an older schema is upgraded first when the database and its folder may be written, else "
      "one line, exit 3. Rows are in record key order; all rows come from one "
      "consistent snapshot even while ingest writes. A paper stored twice as byte-different files with identical "
      "paragraph texts (same DOI), or alone and as a part of an issue PDF, is exported once (--keep-duplicates: "
      "every copy); the summary says how many "
      "documents were skipped as duplicates. A filter that matches no record gives header-only files, exit 0, "
      "and the note \"0 syntheses match\" on stderr. Two exports of the same database give byte-identical CSV "
      "/ JSON Lines files; dataset.json differs only in created_at (set SOURCE_DATE_EPOCH to fix it) and "
      "command.");
  cmd->add_option("--db", o->db, "SQLite database written by `synthdb ingest`")->required();
  cmd->add_option("--out", o->out, "Output directory (created when missing; export files in it are replaced)")
      ->required();
  cmd->add_option("--format", o->options.format,
                  "csv (default): RFC 4180 CSV files; jsonl: syntheses.jsonl with nested materials/steps/outcomes, "
                  "and paragraphs.jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_option("--status", o->options.status, "Keep records with this status: success, failed, unknown or all "
                                                  "(default all)")
      ->check(CLI::IsMember({"success", "failed", "unknown", "all"}));
  std::string methods;
  for (const char* m : classify::kMethods) methods += std::string(methods.empty() ? "" : ", ") + m;
  cmd->add_option("--method", o->options.method,
                  "Keep records with this synthesis method (case-insensitive): " + methods +
                      ", or a method a record of the database holds (a curator's own); any other value is a "
                      "usage error (exit 2) listing them");
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
                  "0.9,0.1 (train,test), spaces around the commas allowed (\"0.8, 0.2\"); fills the split column; "
                  "a paper is the DOI of the record's paper when known (also a later part of a file holding several "
                  "papers), else its document and part, so no paper is in two splits. dataset.json's "
                  "split.counts (syntheses) and split.papers name every split, an empty one with 0; an empty split "
                  "is also a warning on stderr (few papers can all fall into one split; a split of fraction 0 is "
                  "empty whatever the seed, and the warning says so)");
  cmd->add_flag("--keep-duplicates", o->options.keep_duplicates,
                "Export every copy of a paper: by default, of byte-different files with the same DOI and exactly "
                "the same paragraph texts (stats: duplicate documents; a part of a file holding several papers "
                "counts as a file) only one is exported, the copy with curator edits, else a part 1 before a later "
                "part, else the copy seen by the earliest ingest run, then by path; an SI or corrected version (other texts) "
                "is always kept");
  // Digits only: CLI11 would otherwise wrap -1 to 18446744073709551615.
  cmd->add_option("--seed", o->options.seed,
                  "Seed of the split assignment: a whole number >= 0 (default 0); same seed, same split (without "
                  "--split it has no effect: a note on stderr)")
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
      if (r->count() > 0 && !r->get_lnames().empty()) {
        if (r->get_expected_min() == 0) {  // a flag: no value to repeat ("--keep-duplicates", not "... true")
          line += " --" + r->get_lnames().front();
          continue;
        }
        for (const auto& v : r->results()) line += " --" + r->get_lnames().front() + " " + v;
      }
    // The seed only drives --split (review 26, persona walk finding 11): say so rather than ignore it.
    if (cmd->get_option("--seed")->count() > 0 && cmd->get_option("--split")->count() == 0)
      std::cerr << "export: note: --seed has no effect without --split (no split column is filled)\n";
    run_export(*o, line);
  });
}

}  // namespace synthdb::app
