// s20-ops: operator-facing gaps of review 20. Ingest reports curator edits carried/flagged and a
// pipeline change; the reading commands work on a database in a read-only folder and never migrate;
// `synthdb remove` withdraws documents without deleting anything; `stats` tells a running run from
// an interrupted one; singular counts read "1 page". Real files, the real binary.
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "db/database.h"
#include "db/migrate.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

void exec_sql(const fs::path& db, const std::string& sql) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  d.exec(sql);
}

// Runs the binary as a user who may not write `dir` (nobody when the tests run as root, who may
// write anywhere; the caller's own user otherwise, after chmod 555).
CliResult run_as_reader(const std::vector<std::string>& args, const fs::path& logs) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int out = open((logs / "ro.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int err = open((logs / "ro.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    dup2(out, 1);
    dup2(err, 2);
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
    std::vector<std::string> argv_s = {SYNTHDB_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(98);
  }
  CliResult r;
  r.exit_code = wait_cli(pid);
  r.out = read_all(logs / "ro.out");
  r.err = read_all(logs / "ro.err");
  return r;
}

}  // namespace

TEST_CASE("ingest says how many curator edits it carried to a new version of a file and how many it flagged") {
  TempDir dir;
  fs::create_directories(dir / "p");
  const fs::path file = dir / "p" / "znse.txt";
  fs::copy_file(kZnse, file);
  const std::string db = (dir / "h.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);
  // Two records in two paragraphs (the synthesis, the control reaction); a curator edits both.
  const std::string p7 = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p7-v0'");
  const std::string p8 = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '%-p8-v1'");
  REQUIRE(!p7.empty());
  REQUIRE(!p8.empty());
  REQUIRE(run_cli({"curate", "--db", db, "set", p7, "status", "failed", "--curator", "a", "--reason", "r"}).exit_code == 0);
  REQUIRE(run_cli({"curate", "--db", db, "set", p8, "status", "success", "--curator", "a", "--reason", "r"}).exit_code == 0);
  // The control-reaction paragraph changes in the file: its edit cannot follow, the other one does.
  std::string text = read_all(file);
  const size_t at = text.find("220 °C gave");
  REQUIRE(at != std::string::npos);
  text.replace(at, 3, "230");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;

  const fs::path report = dir / "r.json";
  auto r = run_cli({"ingest", (dir / "p").string(), "--db", db, "--report", report.string()});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "ingest: 1 curator edit carried, 1 flagged (see `synthdb curate flagged`)\n"));
  const auto rep = read_json_file(report);
  CHECK(rep["edits_carried"] == 1);
  CHECK(rep["edits_flagged"] == 1);
  // `curate list` names the edit a carried copy came from (review 20, item 11).
  const std::string first_id = query_text(db, "SELECT id FROM curation WHERE target_key = '" + p7 + "'");
  auto list = run_cli({"curate", "--db", db, "list"});
  CHECK(has(list.out, "  (carried from #" + first_id + ")\n"));
  auto list_json = run_cli({"curate", "--db", db, "list", "--json"});
  CHECK(has(list_json.out, "\"carried_from\":" + first_id));
  // --quiet still says so when an edit was flagged (cron mails it).
  const std::string new_p8 = query_text(db, "SELECT key FROM syntheses WHERE document_id = (SELECT max(id) FROM "
                                           "documents) AND key LIKE '%-p8-v1'");
  REQUIRE(!new_p8.empty());
  REQUIRE(run_cli({"curate", "--db", db, "set", new_p8, "status", "success", "--curator", "a", "--reason", "r"})
              .exit_code == 0);
  text.replace(at, 3, "240");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  auto q = run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"});
  CHECK(q.exit_code == 0);
  CHECK(q.out.empty());
  CHECK(has(q.err, " flagged (see `synthdb curate flagged`)\n"));
}

TEST_CASE("ingest names a pipeline change and the documents it will re-process before the work") {
  TempDir dir;
  fs::create_directories(dir / "p");
  fs::copy_file(kZnse, dir / "p" / "a.txt");
  const std::string db = (dir / "h.db").string();
  auto first = run_cli({"ingest", (dir / "p").string(), "--db", db});
  REQUIRE(first.exit_code == 0);
  CHECK(!has(first.err, "pipeline changed"));
  const std::string current = query_text(db, "SELECT pipeline_version FROM documents");
  exec_sql(db, "UPDATE documents SET pipeline_version = 'old-pipeline-1'");  // as stored by an older synthdb
  const fs::path report = dir / "r.json";
  auto r = run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet", "--report", report.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.err, "ingest: pipeline changed (old-pipeline-1 -> " + current + "): 1 document will be re-processed\n"));
  const auto rep = read_json_file(report);
  CHECK(rep["pipeline_change"]["documents"] == 1);
  CHECK(rep["pipeline_change"]["from"]["old-pipeline-1"] == 1);
  CHECK(rep["pipeline_change"]["to"] == current);
  // Nothing to say when nothing changed.
  CHECK(!has(run_cli({"ingest", (dir / "p").string(), "--db", db}).err, "pipeline changed"));
}

TEST_CASE("one document, one page: ingest and stats say so in the singular") {
  TempDir dir;
  fs::create_directories(dir / "p");
  fs::copy_file(kZnse, dir / "p" / "a.txt");
  const std::string db = (dir / "h.db").string();
  auto r = run_cli({"ingest", (dir / "p").string(), "--db", db});
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "ingest: 1 input: 1 new"));
  CHECK(has(r.out, "(1 page, "));
  CHECK(has(r.err, " 1 page 0."));  // the progress line
  auto s = run_cli({"stats", "--db", db});
  CHECK(has(s.out, "), 1 page, 1 path\n"));
  CHECK(has(s.out, ": 1 document\n"));
}

TEST_CASE("stats, search and export read a database in a read-only folder, and never write or migrate it") {
  TempDir dir;
  fs::create_directories(dir / "p");
  fs::copy_file(kZnse, dir / "p" / "a.txt");
  const fs::path ro = dir / "ro";
  fs::create_directories(ro);
  const std::string db = (ro / "h.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);
  fs::remove(ro / "h.db.lock");
  const std::string bytes = read_all(db);
  REQUIRE(!fs::exists(db + "-wal"));  // closed cleanly: the WAL was checkpointed away
  const fs::path out = dir / "out";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  auto stats = run_as_reader({"stats", "--db", db}, out);
  CHECK_MESSAGE(stats.exit_code == 0, stats.err);
  CHECK(has(stats.out, "documents: 1 (1 ok"));
  auto search = run_as_reader({"search", "--db", db, "ZnSe"}, out);
  CHECK_MESSAGE(search.exit_code == 0, search.err);
  CHECK(has(search.out, "a.txt"));
  auto exp = run_as_reader({"export", "--db", db, "--out", (out / "e").string()}, out);
  CHECK_MESSAGE(exp.exit_code == 0, exp.err);
  CHECK(fs::exists(out / "e" / "syntheses.csv"));
  fs::permissions(ro, fs::perms::owner_all, fs::perm_options::add);
  CHECK(read_all(db) == bytes);
  CHECK(!fs::exists(db + "-shm"));
}

TEST_CASE("export, stats and search upgrade an older schema they may write, in a read-only folder one line and no change") {
  // s20-fixexp (review item 11): export upgrades a database it may write, as before session 20.
  TempDir dir;
  const fs::path ro = dir / "ro";
  fs::create_directories(ro);
  const fs::path db = ro / "old.db";
  {
    synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
    const auto& all = synthdb::db::builtin_migrations();
    std::vector<synthdb::db::Migration> v6(all.begin(), all.begin() + 6);
    synthdb::db::migrate(d, v6);
    REQUIRE(d.schema_version() == 6);
    // Two sightings of one content (v17 rebuilds this table: the rows must survive).
    d.exec("INSERT INTO document_paths(sha256, path, first_seen, last_seen) VALUES "
           "('aa', 'papers/a.pdf', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), "
           "('aa', 'copy/a.pdf', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z')");
  }
  const fs::path copy = dir / "copy.db";
  fs::copy_file(db, copy);
  const std::string latest = std::to_string(synthdb::db::latest_schema_version());
  const fs::path out = dir / "out";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const std::string bytes = read_all(db);
  auto r = run_as_reader({"export", "--db", db.string(), "--out", (out / "e").string()}, out);
  CHECK(r.exit_code == 3);
  CHECK(has(r.err, "database schema v6 is older than this synthdb (v" + latest +
                       "); `synthdb export` cannot upgrade it (the database or its folder is read-only)"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  // stats and search read it as it is (their tables exist since v1/v2).
  auto s = run_as_reader({"stats", "--db", db.string()}, out);
  CHECK_MESSAGE(s.exit_code == 0, s.err);
  // Duplicate copies need the v16 view: not looked for, and the output says so instead of a bare 0.
  CHECK(has(s.out, "duplicate documents not known: schema v6 predates duplicate detection (v16)"));
  auto sj = run_as_reader({"stats", "--db", db.string(), "--json"}, out);
  CHECK(has(sj.out, "\"duplicates_unknown\": \"schema v6 predates"));
  auto q = run_as_reader({"search", "--db", db.string(), "ZnSe"}, out);
  CHECK_MESSAGE(q.err.find("older") == std::string::npos, q.err);
  CHECK(q.exit_code != 3);
  fs::permissions(ro, fs::perms::owner_all, fs::perm_options::add);
  CHECK(read_all(db) == bytes);
  CHECK(query_int(db, "PRAGMA user_version") == 6);

  // A database the user may write is upgraded (each migration in its transaction) and exported.
  auto w = run_cli({"export", "--db", copy.string(), "--out", (dir / "w").string()});
  CHECK_MESSAGE(w.exit_code == 0, w.err);
  CHECK(fs::exists(dir / "w" / "syntheses.csv"));
  CHECK(query_int(copy, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  // v17 rebuilt document_paths: every row kept, with its times.
  CHECK(query_int(copy, "SELECT count(*) FROM document_paths") == 2);
  CHECK(query_text(copy, "SELECT group_concat(sha256 || path || first_seen || last_seen, '|') FROM "
                         "(SELECT * FROM document_paths ORDER BY sha256, path)") ==
        query_text(db, "SELECT group_concat(sha256 || path || first_seen || last_seen, '|') FROM "
                       "(SELECT * FROM document_paths ORDER BY sha256, path)"));
  // stats upgrades the same way.
  fs::copy_file(db, dir / "copy2.db");
  CHECK(run_cli({"stats", "--db", (dir / "copy2.db").string()}).exit_code == 0);
  CHECK(query_int(dir / "copy2.db", "PRAGMA user_version") == synthdb::db::latest_schema_version());
}

TEST_CASE("synthdb remove withdraws a document from exports and views, keeps everything, and --undo brings it back") {
  TempDir dir;
  copy_samples(dir / "p", false);
  const std::string db = (dir / "h.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);
  const fs::path pbs = dir / "p" / "pbs-quantum-dots.pdf";
  const std::string sha = query_text(db, "SELECT sha256 FROM documents WHERE path = '" + pbs.string() + "'");
  REQUIRE(sha.size() == 64);
  const long long all = query_int(db, "SELECT count(*) FROM synthesis_wide");
  const long long mine = query_int(db, "SELECT count(*) FROM syntheses WHERE key LIKE '" + sha.substr(0, 16) + "%'");
  REQUIRE(mine > 0);
  const std::string key = query_text(db, "SELECT key FROM syntheses WHERE key LIKE '" + sha.substr(0, 16) + "%'");
  REQUIRE(run_cli({"curate", "--db", db, "set", key, "status", "failed", "--curator", "a", "--reason", "r"}).exit_code == 0);

  // Usage errors change nothing: no reason, an unknown name among known ones.
  CHECK(run_cli({"remove", "--db", db, pbs.string()}).exit_code == 2);
  auto unknown = run_cli({"remove", "--db", db, "--reason", "x", pbs.string(), "nosuch.pdf"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "no stored document matches nosuch.pdf"));
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired IS NOT NULL") == 0);

  auto r = run_cli({"remove", "--db", db, "--reason", "retracted", "--curator", "ops", pbs.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "withdrew " + pbs.string() + " (" + sha.substr(0, 12) + "): " + std::to_string(mine) +
                       " records out of exports and views; 1 curator edit kept"));
  CHECK(query_text(db, "SELECT retired FROM documents WHERE sha256 = '" + sha + "'") == "withdrawn: retracted (ops)");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide") == all - mine);
  CHECK(query_int(db, "SELECT count(*) FROM curated_syntheses WHERE key LIKE '" + sha.substr(0, 16) + "%'") == 0);
  // Nothing deleted: the document, its records and the edit are still there.
  CHECK(query_int(db, "SELECT count(*) FROM syntheses WHERE key LIKE '" + sha.substr(0, 16) + "%'") == mine);
  CHECK(query_int(db, "SELECT count(*) FROM curation") == 1);
  auto e = run_cli({"export", "--db", db, "--out", (dir / "e").string()});
  REQUIRE(e.exit_code == 0);
  CHECK(!has(read_all(dir / "e" / "syntheses.csv"), sha.substr(0, 16)));
  CHECK(read_json_file(dir / "e" / "dataset.json")["counts"]["withdrawn_documents_left_out"] == 1);
  auto s = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out);
  CHECK(s["documents"]["withdrawn"] == 1);
  CHECK(has(run_cli({"stats", "--db", db}).out, "of which 1 withdrawn: out of exports"));

  // Still in the folder: ingest never re-processes it, not even with --force.
  auto again = run_cli({"ingest", (dir / "p").string(), "--db", db, "--force"});
  CHECK(again.exit_code == 0);
  CHECK(has(again.out, "(1 withdrawn)"));
  CHECK(query_text(db, "SELECT retired FROM documents WHERE sha256 = '" + sha + "'") == "withdrawn: retracted (ops)");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide") == all - mine);

  // Named by a sha256 prefix; --undo restores it.
  auto undo = run_cli({"remove", "--db", db, "--undo", sha.substr(0, 10)});
  CHECK(undo.exit_code == 0);
  CHECK(has(undo.out, "restored " + pbs.string()));
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide") == all);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired IS NOT NULL") == 0);
}

TEST_CASE("stats tells a running ingest (pid, counts so far) from an interrupted one") {
  TempDir dir;
  make_pdf_variants(dir / "in", 8);
  const std::string db = (dir / "k.db").string();
  pid_t pid = start_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "1", "--quiet"}, dir.path());
  // Wait until the run has committed a document (its counts are written with each document).
  bool seen = false;
  for (int i = 0; i < 3000 && !seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      if (fs::exists(db) && query_int(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL AND new >= 1") == 1)
        seen = true;
    } catch (const std::exception&) {
    }
  }
  REQUIRE(seen);
  auto running = run_cli({"stats", "--db", db});
  ::kill(pid, SIGKILL);
  wait_cli(pid);
  INFO(running.out);
  CHECK(has(running.out, "-> running (pid " + std::to_string(pid) + "): "));
  CHECK(has(running.out, " failed so far\n"));
  auto after = run_cli({"stats", "--db", db});
  INFO(after.out);
  CHECK(has(after.out, "-> interrupted: "));
  CHECK(has(after.out, "1 interrupted)"));
  CHECK(query_int(db, "SELECT new FROM runs") >= 1);
  auto j = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out);
  CHECK(j["runs"]["last"][0]["state"] == "interrupted");
}

TEST_CASE("merge keeps a document that OUT withdrew withdrawn, even when a shard ingested it later") {
  TempDir dir;
  fs::create_directories(dir / "p");
  fs::copy_file(kZnse, dir / "p" / "a.txt");
  const std::string out = (dir / "out.db").string();
  const std::string shard = (dir / "shard.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", out, "--quiet"}).exit_code == 0);
  REQUIRE(run_cli({"remove", "--db", out, "--reason", "off-topic", (dir / "p" / "a.txt").string()}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // ingested_at has whole seconds
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", shard, "--quiet"}).exit_code == 0);
  REQUIRE(run_cli({"merge", out, shard, "--quiet"}).exit_code == 0);
  CHECK(query_text(out, "SELECT retired FROM documents").rfind("withdrawn: off-topic", 0) == 0);
  CHECK(query_int(out, "SELECT count(*) FROM synthesis_wide") == 0);
}
