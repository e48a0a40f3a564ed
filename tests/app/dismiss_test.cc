// s28-flags (persona walk finding 8): a curator dismisses a flagged edit once it is dealt with
// (`synthdb curate dismiss ID`, schema v19 curation_dismissals). The edit leaves `curate flagged` and
// stats' flagged count, stays in `curate list` with who dismissed it, and later runs (re-processing:
// refresh_flags; a file edited in place again: carry_superseded_edits) do not flag it again while its
// target stays lost. Real files, real ingest, the real binary.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/curation.h"
#include "db/database.h"
#include "db/migrate.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

CliResult curate(const fs::path& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"curate", "--db", db.string()});
  return run_cli(args);
}

CliResult dismiss(const fs::path& db, const std::vector<std::string>& ids) {
  std::vector<std::string> args = {"dismiss"};
  args.insert(args.end(), ids.begin(), ids.end());
  args.insert(args.end(), {"--curator", "bob", "--reason", "redone on the new record"});
  return curate(db, args);
}

// The edits in the state "dismissed, target still lost" by the rule's one statement
// (db::dismissed_lost_sql), which stats, refresh_flags and carrying read.
long long dismissed_lost(const fs::path& db) {
  return query_int(db, "SELECT count(*) FROM curation e WHERE " + synthdb::db::dismissed_lost_sql("e"));
}

nlohmann::json stats_curation(const fs::path& db) {
  auto r = run_cli({"stats", "--db", db.string(), "--json"});
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out)["curation"];
}

// Everything of an edit but its flag: what dismissing must leave alone.
std::string edit_row(const fs::path& db, const std::string& id) {
  return query_text(db, "SELECT target_table || '|' || target_key || '|' || field || '|' || coalesce(old_value, 'NULL') "
                        "|| '|' || coalesce(new_value, 'NULL') || '|' || curator || '|' || reason || '|' || at || '|' "
                        "|| coalesce(carried_from, 'NULL') FROM curation WHERE id = " + id);
}

// ZnSe sample in in/, ingested; an outcome read in the results paragraph curated, then that paragraph
// reworded in place and ingested again: the edit is flagged ("document superseded by ...; its target
// ... is not in the new version").
struct FlaggedByEdit {
  TempDir dir;
  const fs::path file = dir / "in" / "znse.txt";
  const fs::path db = dir / "d.db";
  std::string outcome, id;

  void ingest() {
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", db.string()});
    INFO(r.out, r.err);
    REQUIRE(r.exit_code == 0);
  }

  FlaggedByEdit() {
    std::string text = read_all(kZnse);
    write(file, text);
    ingest();
    outcome = znse_items(db).outcome;
    REQUIRE(curate(db, {"set", outcome, "text_value", "cubic", "--curator", "alice", "--reason", "SI"}).exit_code == 0);
    const std::string from = "The nanocrystals were spherical";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "The nanocrystals were mostly spherical");
    write(file, text);
    ingest();
    id = query_text(db, "SELECT id FROM curation WHERE flagged = 1 AND target_key = '" + outcome + "'");
    REQUIRE(!id.empty());
    REQUIRE(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 1);
  }
};

}  // namespace

TEST_CASE_FIXTURE(FlaggedByEdit, "a dismissed flag leaves curate flagged and stats, stays in curate list, and a file "
                                 "edited in place again does not flag it anew") {
  const std::string before = edit_row(db, id);
  auto flagged = curate(db, {"flagged"});
  REQUIRE(has(flagged.out, "#" + id + " "));

  auto r = dismiss(db, {"#" + id});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "dismissed the flag of #" + id + ": document superseded by "));
  CHECK(curate(db, {"flagged"}).out.empty());
  CHECK(stats_curation(db)["flagged"] == 0);
  CHECK(stats_curation(db)["dismissed"] == 1);
  CHECK(dismissed_lost(db) == 1);
  CHECK(has(run_cli({"stats", "--db", db.string()}).out, "1 flag dismissed by a curator"));
  auto list = curate(db, {"list"});
  CHECK(has(list.out, "#" + id + " "));
  CHECK(has(list.out, "flag dismissed by bob at "));
  CHECK(has(list.out, ": redone on the new record"));
  auto json = curate(db, {"list", outcome, "--json"});
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out.substr(0, json.out.find('\n')));
  CHECK(j["flagged"] == false);
  CHECK(j["dismissed"]["curator"] == "bob");
  CHECK(j["dismissed"]["flag_reason"].get<std::string>().starts_with("document superseded by "));
  // An audit record of its own; the edit itself is untouched.
  CHECK(query_int(db, "SELECT count(*) FROM curation_dismissals WHERE edit_id = " + id + " AND curator = 'bob'") == 1);
  CHECK(edit_row(db, id) == before);

  // An unchanged run, a forced re-processing, and the file edited in place again (the edit's target is
  // still not in the newest version: the same loss, with a new flag text naming the new version).
  ingest();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string(), "--force"}).exit_code == 0);
  write(file, read_all(file) + "\nNote added in revision.\n");
  auto again = run_cli({"ingest", (dir / "in").string(), "--db", db.string()});
  INFO(again.out, again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 3);
  CHECK(!has(again.out, "flagged"));
  CHECK(curate(db, {"flagged"}).out.empty());
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 0);
  CHECK(stats_curation(db)["dismissed"] == 1);
  CHECK(dismissed_lost(db) == 1);
  CHECK(edit_row(db, id) == before);
}

TEST_CASE_FIXTURE(FlaggedByEdit, "curate dismiss: an unknown id, an edit that is not flagged or a flag dismissed before "
                                 "exit 2 naming the id, and dismiss nothing") {
  // An edit of the current version, not flagged.
  const std::string current = query_text(db, "SELECT s.key FROM syntheses s JOIN documents d ON d.id = s.document_id "
                                             "WHERE d.id NOT IN (SELECT id FROM superseded_documents) ORDER BY s.key LIMIT 1");
  REQUIRE(curate(db, {"set", current, "status", "failed", "--curator", "bob", "--reason", "x"}).exit_code == 0);
  const std::string other = query_text(db, "SELECT id FROM curation WHERE flagged = 0 ORDER BY id LIMIT 1");
  REQUIRE(!other.empty());
  auto unknown = dismiss(db, {id, "999999"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "no edit #999999"));
  CHECK(unknown.err.find('\n') == unknown.err.size() - 1);
  auto not_flagged = dismiss(db, {id, other});
  CHECK(not_flagged.exit_code == 2);
  CHECK(has(not_flagged.err, "edit #" + other + " is not flagged"));
  auto junk = dismiss(db, {"twelve"});
  CHECK(junk.exit_code == 2);
  CHECK(has(junk.err, "\"twelve\" is not an edit id"));
  CHECK(curate(db, {"dismiss", id, "--reason", "no curator"}).exit_code == 2);
  CHECK(query_int(db, "SELECT count(*) FROM curation_dismissals") == 0);
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 1);
  REQUIRE(dismiss(db, {id, id}).exit_code == 0);  // an id given twice is dismissed once
  auto twice = dismiss(db, {id});
  CHECK(twice.exit_code == 2);
  CHECK(has(twice.err, "edit #" + id + " is not flagged (its flag was dismissed by bob at "));
}

// Re-processing (classify --rescore with a threshold nothing reaches: no synthesis paragraph, the
// record is not produced) flags an edit; dismissed, a second such re-processing leaves it dismissed;
// the record back (default model), the edit applies as before and the dismissal has done its job: a
// later loss is a new one and flags it again.
TEST_CASE("a flag from re-processing, dismissed, stays dismissed while the record stays lost, and a new loss flags again") {
  TempDir dir;
  write(dir / "in" / "znse.txt", read_all(kZnse));
  const fs::path db = dir / "d.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string()}).exit_code == 0);
  const std::string key = query_text(db, "SELECT key FROM syntheses WHERE target = 'ZnSe' AND variant = 0");
  REQUIRE(!key.empty());
  REQUIRE(curate(db, {"set", key, "target", "ZnSe nanocrystals", "--curator", "ann", "--reason", "full name"})
              .exit_code == 0);
  const std::string id = query_text(db, "SELECT id FROM curation WHERE target_key = '" + key + "'");
  auto lose = [&] { REQUIRE(run_cli({"classify", "--db", db.string(), "--rescore", "--threshold", "1"}).exit_code == 0); };
  lose();
  REQUIRE(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 1);
  const std::string before = edit_row(db, id);
  REQUIRE(dismiss(db, {id}).exit_code == 0);
  lose();
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 0);
  CHECK(curate(db, {"flagged"}).out.empty());
  CHECK(stats_curation(db)["flagged"] == 0);
  // The record back: the edit applies exactly as before.
  REQUIRE(run_cli({"classify", "--db", db.string(), "--rescore"}).exit_code == 0);
  CHECK(query_text(db, "SELECT target FROM synthesis_wide WHERE key = '" + key + "'") == "ZnSe nanocrystals");
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 0);
  CHECK(edit_row(db, id) == before);
  // The dismissal has ended (review s28 F4): no longer counted, and the list says so.
  CHECK(stats_curation(db)["dismissed"] == 0);
  CHECK(dismissed_lost(db) == 0);
  CHECK(has(curate(db, {"list", key}).out, "(a flag was dismissed by bob at "));
  CHECK(has(curate(db, {"list", key}).out, "; its target was found again)"));
  // Lost again: a new loss, flagged; the list notes the earlier dismissal.
  lose();
  CHECK(query_int(db, "SELECT flagged FROM curation WHERE id = " + id) == 1);
  CHECK(has(curate(db, {"flagged"}).out, "(an earlier flag was dismissed by bob at "));
  CHECK(stats_curation(db)["dismissed"] == 0);
}

TEST_CASE("a v18 database with a flagged edit is upgraded to v19 keeping every edit, and its flag can be dismissed") {
  TempDir dir;
  write(dir / "in" / "znse.txt", read_all(kZnse));
  const fs::path src = dir / "src.db";
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", src.string()}).exit_code == 0);
  const fs::path old = dir / "v18.db";
  copy_to_old_schema(src, old, 18);
  {
    synthdb::db::Database d(old, synthdb::db::OpenOptions{.migrate = false});
    const std::string key = query_text(src, "SELECT key FROM syntheses ORDER BY key LIMIT 1");
    d.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) VALUES "
           "('syntheses', '" + key + "', 'status', NULL, 'failed', 'alice', 'v18', '2026-01-02T00:00:00Z'), "
           "('syntheses', '" + key + "', 'target', NULL, 'ZnSe QDs', 'alice', 'v18', '2026-01-03T00:00:00Z')");
    d.exec("UPDATE curation SET flagged = 1, flag_reason = 'source row no longer produced by extraction' "
           "WHERE field = 'target'");
  }
  const std::string edits_sql = "SELECT group_concat(id || ' ' || target_key || ' ' || field || ' ' || new_value || ' ' || "
                                "curator || ' ' || at || ' ' || flagged, '; ') FROM (SELECT * FROM curation ORDER BY id)";
  const std::string edits = query_text(old, edits_sql);
  REQUIRE(run_cli({"stats", "--db", old.string()}).exit_code == 0);
  CHECK(query_int(old, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  CHECK(query_int(old, "PRAGMA user_version") >= 19);
  CHECK(query_text(old, edits_sql) == edits);
  CHECK(query_int(old, "SELECT count(*) FROM curation_dismissals") == 0);
  const std::string id = query_text(old, "SELECT id FROM curation WHERE flagged = 1");
  REQUIRE(dismiss(old, {id}).exit_code == 0);
  CHECK(curate(old, {"flagged"}).out.empty());
}
