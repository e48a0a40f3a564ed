// synthdb stats: what is in a database, for people (text) and scripts (--json).
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/db_open.h"
#include "db/database.h"
#include "db/stats.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct StatsOptions {
  std::string db;
  bool json = false;
  int max_failed = 20;
  int max_duplicates = 20;
};

// The duplicates line's head. Copies are papers (schema v20). A file all of whose papers are copies
// (a one-paper file, or every paper of an issue; the view duplicate_documents lists these) keeps the
// line of before s29-db, "N ok documents repeat another document" (scripts grep it); the copies that
// are some papers of a file holding several follow as "N papers in M ok documents holding several
// papers repeat another paper", after a "; " when both kinds occur.
std::string repeats(const nlohmann::json& d) {
  std::map<std::string, std::pair<long long, long long>> files;  // sha256 -> (copies, papers_in_file)
  for (const auto& k : d["duplicate_documents"]) {
    auto& [copies, papers] = files[k["sha256"].get<std::string>()];
    ++copies;
    papers = k.value("papers_in_file", 1LL);
  }
  long long whole = 0, parts = 0, part_files = 0;
  for (const auto& [sha, f] : files) {
    if (f.first >= f.second) {
      ++whole;
    } else {
      parts += f.first;
      ++part_files;
    }
  }
  std::string out;
  if (whole > 0) out = count_of(whole, "ok document") + (whole == 1 ? " repeats" : " repeat") + " another document";
  if (parts == 0) return out;
  return out + (out.empty() ? "" : "; ") + count_of(parts, "paper") + " in " + count_of(part_files, "ok document") +
         " holding several papers" + (parts == 1 ? " repeats" : " repeat") + " another paper";
}

// The line after a list cut at `listed` of `total` rows: how many were left out and how to see them.
void print_more(long long total, long long listed, const char* how) {
  if (total > listed) std::printf("  ... and %lld more (%s)\n", total - listed, how);
}

// A duplicate list entry's paper: its file's path, with " (part N)" for a later paper of a file
// holding several.
std::string paper_of(const nlohmann::json& entry, const char* path, const char* part) {
  const long long n = entry.value(part, 1LL);
  return entry[path].get<std::string>() + (n > 1 ? " (part " + std::to_string(n) + ")" : std::string());
}

void print_counts(const char* title, const nlohmann::json& counts) {
  std::printf("  %s:", title);
  if (counts.empty()) std::printf(" (none)");
  for (const auto& [k, v] : counts.items()) std::printf(" %s %lld", k.c_str(), v.get<long long>());
  std::printf("\n");
}

// What an unfinished run is (db::settle_run_states() reads an "interrupted" one again): "running"
// when its process is alive on this host (and is a synthdb), "interrupted" when it is not (killed,
// crashed, machine rebooted), "unknown" for another host's run.
std::string run_state(const nlohmann::json& run) {
  const std::string host = run["host"].get<std::string>();
  const long long pid = run["pid"].get<long long>();
  char here[256] = {};
  if (gethostname(here, sizeof here - 1) != 0 || host != here || pid <= 0) return host.empty() ? "interrupted" : "unknown";
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return "interrupted";
  // The pid may have been reused by another program since: a synthdb's command line names it.
  std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string args((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
  if (cmdline.is_open() && args.find("synthdb") == std::string::npos) return "interrupted";
  return "running";
}

void run_stats(const StatsOptions& o) {
  // Missing, empty or foreign: one clear line. Stats reads through a read-only connection (an older
  // schema is upgraded first when it may be written): it may run against a database another user
  // owns or in a read-only folder, of any schema version.
  db::Database db = open_for_reading(o.db, "stats", 1);
  nlohmann::json s = db::collect_stats(db, o.max_failed);
  db::settle_run_states(db, s, run_state);
  long long running = 0, interrupted = 0;
  for (const auto& run : s["runs"]["last"]) {
    running += run["state"] == "running";
    interrupted += run["state"] == "interrupted";
  }
  if (o.json) {
    std::cout << s.dump(2) << "\n";
    return;
  }
  const auto& d = s["documents"];
  std::printf("database %s (schema v%d)\n", o.db.c_str(), s["schema_version"].get<int>());
  std::printf("documents: %lld (%lld ok", d["total"].get<long long>(), d["ok"].get<long long>());
  // Old versions of files edited in place and withdrawn documents are stored ok but out of exports.
  const long long superseded = d.value("superseded", 0LL), withdrawn = d.value("withdrawn", 0LL);
  if (superseded > 0 || withdrawn > 0) {
    std::string of;
    if (superseded > 0) of += std::to_string(superseded) + " superseded by a newer version of the same file";
    if (withdrawn > 0) of += (of.empty() ? "" : ", ") + std::to_string(withdrawn) + " withdrawn";
    std::printf(" of which %s: out of exports", of.c_str());
  }
  std::printf(", %lld failed", d["failed"].get<long long>());
  if (d["failed_retired"].get<long long>() > 0)
    std::printf(", %s retired", count_of(d["failed_retired"].get<long long>(), "earlier failure").c_str());
  // Pages of the ok documents; those of the ones out of exports are named as the documents are.
  const long long pages_out = d.value("pages_out_of_exports", 0LL);
  std::printf("), %s%s, %s\n", count_of(d["pages"].get<long long>(), "page").c_str(),
              pages_out > 0 ? (" of which " + std::to_string(pages_out) + " out of exports").c_str() : "",
              count_of(d["paths"].get<long long>(), "path").c_str());
  for (const auto& r : d["failure_reasons"])
    std::printf("  failed %lld: %s\n", r["count"].get<long long>(), r["reason"].get<std::string>().c_str());
  for (const auto& r : d["retired_reasons"])
    std::printf("  retired %lld: %s\n", r["count"].get<long long>(), r["reason"].get<std::string>().c_str());
  // Each path with its own reason, as the kept list below: with several reasons the counts above do
  // not say which file failed how. The stored error starts with the path; the reasons above drop it.
  for (const auto& f : d["failed_documents"]) {
    const std::string path = f["path"].get<std::string>();
    std::string reason = f["error"].get<std::string>();
    if (reason.starts_with(path + ": ")) reason.erase(0, path.size() + 2);
    std::printf("  - %s: %s\n", path.c_str(), reason.empty() ? "(no reason)" : reason.c_str());
  }
  print_more(d["failed"].get<long long>(), static_cast<long long>(d["failed_documents"].size()),
             "--max-failed N lists more");
  if (d["kept_after_failed_attempt"].get<long long>() > 0)
    std::printf("  %s after a failed re-processing:\n",
                d["kept_after_failed_attempt"].get<long long>() == 1
                    ? "1 ok document kept its previous version"
                    : (std::to_string(d["kept_after_failed_attempt"].get<long long>()) +
                       " ok documents kept their previous version").c_str());
  for (const auto& k : d["kept_documents"])
    std::printf("  - %s\n", k["error"].get<std::string>().c_str());
  print_more(d["kept_after_failed_attempt"].get<long long>(), static_cast<long long>(d["kept_documents"].size()),
             "--max-failed N lists more");
  if (d["duplicates"].get<long long>() > 0)
    std::printf("  %s (same DOI, same paragraph texts; export writes each such paper once, the copy named "
                "here, see docs/records.md):\n",
                repeats(d).c_str());
  if (d.contains("duplicates_unknown"))
    std::printf("  duplicate documents not known: %s\n", d["duplicates_unknown"].get<std::string>().c_str());
  // A big corpus can hold thousands of copies: the text lists the first --max-duplicates (by path),
  // the JSON every one (scripts read it; export leaves out the same set).
  long long listed = 0;
  for (const auto& k : d["duplicate_documents"]) {
    if (listed == o.max_duplicates) break;
    ++listed;
    std::printf("  - %s (copy of %s, which export writes)\n", paper_of(k, "path", "part").c_str(),
                paper_of(k, "duplicate_of", "duplicate_of_part").c_str());
  }
  print_more(d["duplicates"].get<long long>(), listed, "--max-duplicates N lists more, --json lists every one");
  for (const auto& v : s["pipeline_versions"])
    std::printf("pipeline %s: %s\n", v["version"].get<std::string>().c_str(),
                count_of(v["documents"].get<long long>(), "document").c_str());
  const auto& p = s["paragraphs"];
  std::printf("paragraphs: %lld (%lld with failed extraction)\n", p["total"].get<long long>(),
              p["extraction_failed"].get<long long>());
  print_counts("by kind", p["by_kind"]);
  print_counts("by section type", p["by_section_type"]);
  print_counts("by label", p["by_label"]);
  std::printf("entities: %lld\n", s["entities"]["total"].get<long long>());
  print_counts("by type", s["entities"]["by_type"]);
  if (s.contains("syntheses")) {
    std::printf("syntheses: %lld\n", s["syntheses"]["total"].get<long long>());
    print_counts("by status", s["syntheses"]["by_status"]);
    const auto& c = s["curation"];
    std::printf("curation: %s (%lld carried to a new version of their file), %lld deleted records/rows, "
                "%s, %lld flagged\n",
                count_of(c["edits"].get<long long>(), "edit").c_str(), c["carried"].get<long long>(),
                c["deleted"].get<long long>(), count_of(c["manual_records"].get<long long>(), "manual record").c_str(),
                c["flagged"].get<long long>());
    if (const long long dismissed = c.value("dismissed", 0LL); dismissed > 0)
      std::printf("  %s dismissed by a curator (`synthdb curate list`), not counted as flagged\n",
                  count_of(dismissed, "flag").c_str());
    // s21-cure: step edits by item_key that set a value several records read in different places.
    if (c.contains("item_edits_across_records") && !c["item_edits_across_records"].empty()) {
      std::printf("  %zu step edit%s by item_key set%s a value its records read in different places (made with "
                  "--all, or by a synthdb before schema v7, which did not ask); each record's condition that held it "
                  "follows (curate show KEY; correct one record by its key):\n",
                  c["item_edits_across_records"].size(), c["item_edits_across_records"].size() == 1 ? "" : "s",
                  c["item_edits_across_records"].size() == 1 ? "s" : "");
      for (const auto& e : c["item_edits_across_records"])
        std::printf("  - #%lld %s %s = %s (%s, %s); stored: %s\n", e["id"].get<long long>(),
                    e["item_key"].get<std::string>().c_str(), e["field"].get<std::string>().c_str(),
                    e["value"].get<std::string>().c_str(), e["curator"].get<std::string>().c_str(),
                    e["at"].get<std::string>().c_str(), e["records"].get<std::string>().c_str());
    }
  }
  const auto& r = s["runs"];
  std::printf("runs: %lld (%lld unfinished", r["total"].get<long long>(), r["unfinished"].get<long long>());
  if (running > 0) std::printf(", %lld running", running);
  if (interrupted > 0) std::printf(", %lld interrupted", interrupted);
  std::printf(")\n");
  for (const auto& run : r["last"]) {
    // An unfinished run: running now (its process is alive), or interrupted (killed, crashed); its
    // counts are those of the documents it committed.
    const std::string state = run["state"].get<std::string>();
    std::string end;
    if (state == "finished") end = run["finished_at"].get<std::string>();
    else if (state == "running") end = "running (pid " + std::to_string(run["pid"].get<long long>()) + ")";
    else if (state == "interrupted") end = "interrupted";
    else end = "unfinished on " + run["host"].get<std::string>() + " (pid " + std::to_string(run["pid"].get<long long>()) + ")";
    std::printf("  #%lld %s %s -> %s: %lld new, %lld skipped, %lld failed%s\n", run["id"].get<long long>(),
                run["kind"].get<std::string>().c_str(), run["started_at"].get<std::string>().c_str(), end.c_str(),
                run["new"].get<long long>(), run["skipped"].get<long long>(), run["failed"].get<long long>(),
                state == "running" ? " so far" : state == "interrupted" ? " before it stopped" : "");
  }
}

}  // namespace

void add_stats_command(CLI::App& app, Context&) {
  auto o = std::make_shared<StatsOptions>();
  auto* cmd = app.add_subcommand(
      "stats",
      "Print counts of a database: documents ok/failed with reasons, pipeline versions, paragraphs\n"
      "by kind/section type/label, entities by type, synthesis records, curation (edits, deleted\n"
      "records/rows, manual records, flagged edits and flags a curator dismissed; step edits by item_key that set a value its records\n"
      "read in different places, made with curate set --all or by a synthdb before schema v7, each\n"
      "listed: they move every such record's condition, a variant's own included), recent runs (an unfinished one is \"running (pid N)\"\n"
      "while its process lives, else \"interrupted\", with the counts it committed). Opens the database\n"
      "read-only (works in a read-only folder; an older schema is upgraded first when it may be\n"
      "written). \"ok\" includes old versions of files edited in place (superseded) and documents\n"
      "withdrawn with `synthdb remove`, both out of exports; so does \"pages\", which names the pages\n"
      "of those documents (\"N pages of which K out of exports\"; JSON: pages_out_of_exports).\n"
      "Safe to run while an ingest is writing (it reads one consistent snapshot). \"failed\" counts current failures: a failed file\n"
      "whose path later held another document (fixed, replaced, readable again), or whose file ingest\n"
      "found deleted from the folder it walks (\"file no longer present\"), is retired, kept in\n"
      "`documents` for audit and counted as \"earlier failures retired\", with a \"retired N: reason\"\n"
      "line per reason (JSON: failed_retired, retired_reasons).\n"
      "Duplicate documents: ok papers (a file, or a part of a file holding several papers) with the\n"
      "DOI and exactly the paragraph texts of another stored one (a byte-different copy of the same\n"
      "paper, alone or in an issue PDF: \"PATH (part N)\"; an SI or corrected version is not listed),\n"
      "each with the copy export writes instead (the copy with curator edits, else a part 1 before a\n"
      "later part, then the copy seen by the earliest ingest run, then by path; export --keep-duplicates:\n"
      "every copy); the same list as\n"
      "export's. JSON: duplicate_documents (duplicate_of: the exported copy; part, duplicate_of_part:\n"
      "the paper of each file); docs/records.md. A read-only database\n"
      "older than schema v16 is not searched for copies: \"duplicate documents not known\" (JSON:\n"
      "duplicates_unknown, with the reason). The text lists the\n"
      "first --max-duplicates of them (by path) and the failed documents --max-failed lists (\"- PATH:\n"
      "REASON\", by path), each list followed by \"... and N more\" when cut; --json lists every duplicate.");
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_flag("--json", o->json, "Print one JSON object instead of text");
  cmd->add_option("--max-failed", o->max_failed, "How many failed documents to list, 0 or more (default 20)")
      ->check(CLI::Range(0, std::numeric_limits<int>::max()));
  cmd->add_option("--max-duplicates", o->max_duplicates,
                  "How many duplicate documents the text lists, 0 or more (default 20; --json lists every one)")
      ->check(CLI::Range(0, std::numeric_limits<int>::max()));
  cmd->callback([o] { run_stats(*o); });
}

}  // namespace synthdb::app
