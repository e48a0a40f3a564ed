// s19-prod2: the exit codes README documents (0 ok, 1 some documents or lines failed, 2 usage
// error, 3 fatal, 4 locked), checked end to end for every subcommand through build/synthdb, one
// table row per case. A mistyped command must also leave no database behind.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

const std::vector<std::string> kCommands = {"text",          "ingest", "stats",  "classify", "train",
                                            "eval",          "extract", "eval-extract", "train-extract",
                                            "search",        "export", "curate", "add",      "merge"};

struct Case {
  std::vector<std::string> args;
  int code;
  std::string err;                     // a piece of stderr ("" = any)
  std::optional<std::string> input;    // stdin (nullopt: /dev/null)
};

void run_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string line = "synthdb";
    for (const auto& a : c.args) line += " " + a;
    CAPTURE(line);
    CliResult r = run_cli_stdin(c.args, c.input);
    INFO("stderr: ", r.err);
    CHECK(r.exit_code == c.code);
    if (!c.err.empty()) CHECK(r.err.find(c.err) != std::string::npos);
  }
}

struct Fixture {
  TempDir tmp;
  std::string db, missing, bad, rec, txt, empty_dir, hostile_dir, out;
  Fixture() {
    const fs::path dir = fs::canonical(tmp.path());
    db = (dir / "ok.db").string();
    synthdb::db::Database d(db);  // a new, empty synthdb database (every migration applied)
    missing = (dir / "missing.db").string();
    bad = (dir / "bad.jsonl").string();
    std::ofstream(bad) << "garbage\n";
    rec = (dir / "rec.jsonl").string();
    std::ofstream(rec) << "{\"target\":\"CdSe\"}\n";
    txt = (fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt").string();
    empty_dir = (dir / "empty").string();
    fs::create_directories(empty_dir);
    hostile_dir = (dir / "hostile").string();
    fs::create_directories(hostile_dir);
    std::ofstream(dir / "hostile" / "zero-byte.pdf").close();
    out = (dir / "out.db").string();
  }
};

}  // namespace

TEST_CASE("usage errors exit 2 for every subcommand: unknown flag, missing argument, bad value") {
  Fixture f;
  std::vector<Case> cases;
  // (CLI11 names a missing required argument before an unknown flag: stderr varies, the code not.)
  for (const auto& cmd : kCommands) cases.push_back({{cmd, "--no-such-flag"}, 2, ""});
  for (const char* sub : {"set", "delete", "restore", "list", "flagged", "show"})
    cases.push_back({{"curate", "--db", f.db, sub, "--no-such-flag"}, 2, ""});
  cases.push_back({{"stats", "--db", f.db, "--no-such-flag"}, 2, "--no-such-flag"});
  const std::vector<Case> more = {
      {{}, 2, "A subcommand is required"},
      {{"no-such-command"}, 2, ""},
      // a required argument missing
      {{"text"}, 2, "FILE is required"},
      {{"ingest", f.empty_dir}, 2, "--db is required"},
      {{"stats"}, 2, "--db is required"},
      {{"classify", "--rescore"}, 2, "--db and --rescore go together"},
      {{"train", "--out", f.out}, 2, "--data is required"},
      {{"eval"}, 2, "--gold is required"},
      {{"extract", "extra-argument"}, 2, "not expected"},
      {{"eval-extract"}, 2, "give --gold FILE or --brat DIR"},
      {{"train-extract", "--stage", "sizes"}, 2, "give --brat DIR and/or --gold FILE"},
      {{"search", "--db", f.db}, 2, "query is required"},
      {{"export", "--db", f.db}, 2, "--out is required"},
      {{"curate", "--db", f.db}, 2, "A subcommand is required"},
      {{"curate", "--db", f.db, "set", "KEY", "target", "x", "--reason", "r"}, 2, "--curator is required"},
      {{"add", "--db", f.db, "--json", f.rec}, 2, "--curator is required"},
      {{"merge", f.out}, 2, "shards is required"},
      {{"remove", "--db", f.db, "--reason", "x"}, 2, "remove: name at least one document: PATH or SHA"},
      // a bad value (nan passes a plain CLI::Range)
      {{"text", "--max-pages", "-1", f.txt}, 2, "--max-pages"},
      {{"ingest", f.empty_dir, "--db", f.out, "--jobs", "0"}, 2, "--jobs must be at least 1"},
      {{"stats", "--db", f.db, "--max-failed", "-1"}, 2, "--max-failed"},
      {{"classify", "--threshold", "nan"}, 2, "--threshold: must be a number from 0 to 1, not nan"},
      {{"train", "--data", f.rec, "--out", f.out, "--lr", "nan"}, 2, "--lr: must be a number from 0.0001 to 10"},
      {{"eval", "--gold", f.rec, "--seed", "x"}, 2, "--seed"},
      {{"eval-extract", "--brat", f.empty_dir, "--split", "nope"}, 2, "--split"},
      {{"train-extract", "--stage", "sizes", "--gold", f.rec, "--l2", "nan"}, 2, "--l2: must be a number"},
      {{"search", "--db", f.db, "CdSe", "--limit", "0"}, 2, "--limit"},
      {{"export", "--db", f.db, "--out", f.out + ".d", "--min-confidence", "2"}, 2, "--min-confidence"},
      {{"curate", "--db", f.db, "set", "nokey", "target", "x", "--curator", "a", "--reason", "r"}, 2,
       "no record or item with key"},
      {{"add", "--db", f.db, "--json", f.missing, "--curator", "a"}, 2, "cannot read"},
      {{"merge", f.db, f.db}, 2, "is the output database itself"},
      // an input path that does not exist is a bad argument too (the database: exit 3, below)
      {{"text", f.missing}, 2, "does not exist"},
      {{"ingest", f.missing, "--db", f.out}, 2, "no such file or folder"},
      {{"train", "--data", f.missing, "--out", f.out}, 2, "File does not exist"},
      {{"eval", "--gold", f.missing}, 2, "File does not exist"},
      {{"eval-extract", "--gold", f.missing}, 2, "File does not exist"},
      {{"eval-extract", "--brat", f.missing}, 2, "Directory does not exist"},
      {{"train-extract", "--stage", "sizes", "--gold", f.missing}, 2, "File does not exist"},
  };
  cases.insert(cases.end(), more.begin(), more.end());
  run_cases(cases);
  CHECK_FALSE(fs::exists(f.out));  // no usage error created a database
}

TEST_CASE("a missing database, model or lexicon directory, or a malformed data file exits 3 - nothing is created") {
  Fixture f;
  run_cases({
      {{"stats", "--db", f.missing}, 3, "no such database"},
      {{"search", "--db", f.missing, "CdSe"}, 3, "no such database"},
      {{"export", "--db", f.missing, "--out", f.out + ".d"}, 3, "no such database"},
      {{"curate", "--db", f.missing, "list"}, 3, "no such database"},
      {{"curate", "--db", f.missing, "flagged"}, 3, "no such database"},
      {{"curate", "--db", f.missing, "show", "k"}, 3, "no such database"},
      {{"curate", "--db", f.missing, "set", "k", "target", "x", "--curator", "a", "--reason", "r"}, 3,
       "no such database"},
      {{"curate", "--db", f.missing, "delete", "k", "--curator", "a", "--reason", "r"}, 3, "no such database"},
      {{"curate", "--db", f.missing, "restore", "k", "--curator", "a", "--reason", "r"}, 3, "no such database"},
      {{"add", "--db", f.missing, "--json", f.rec, "--curator", "a"}, 3, "no such database"},
      {{"classify", "--db", f.missing, "--rescore"}, 3, "database not found"},
      {{"merge", f.out, f.missing}, 3, "no such database"},
      {{"merge", f.out, f.bad}, 3, "not a synthdb database"},
      {{"stats", "--db", f.bad}, 3, "not a synthdb database"},
      {{"classify", "--model", f.missing}, 3, "model file not found", "{\"text\":\"x\"}\n"},
      {{"extract", "--lexicons", f.missing}, 3, "lexicon directory not found", ""},
      {{"extract", "--models", f.missing}, 3, "model directory not found", ""},
      {{"eval", "--gold", f.bad, "--no-baseline"}, 3, "malformed JSON"},
      {{"train", "--data", f.bad, "--out", f.out + ".ftz"}, 3, "malformed JSON"},
      {{"eval-extract", "--gold", f.bad}, 3, "bad.jsonl:1"},
      {{"train-extract", "--stage", "sizes", "--gold", f.bad, "--no-write"}, 3, "bad.jsonl:1"},
  });
  CHECK_FALSE(fs::exists(f.missing));
  CHECK_FALSE(fs::exists(f.out));  // merge checks its shards before it creates OUT
}

TEST_CASE("exit 0 when all is well, 1 when some documents or input lines failed") {
  Fixture f;
  const std::string one_bad_line = "{\"id\":1,\"text\":\"The mixture was heated to 300 °C.\"}\ngarbage\n";
  run_cases({
      {{"stats", "--db", f.db}, 0, ""},
      {{"stats", "--db", f.db, "--json"}, 0, ""},
      {{"search", "--db", f.db, "CdSe"}, 0, ""},
      {{"curate", "--db", f.db, "list"}, 0, ""},
      {{"export", "--db", f.db, "--out", f.out + ".d"}, 0, ""},
      {{"ingest", f.empty_dir, "--db", f.db}, 0, "no PDF or .txt files"},
      {{"ingest", f.hostile_dir, "--db", f.db, "-q"}, 1, "empty file"},
      {{"classify"}, 0, "", "{\"id\":1,\"text\":\"The mixture was heated to 300 °C.\"}\n"},
      {{"classify"}, 1, "", one_bad_line},
      {{"extract"}, 0, "", "{\"id\":1,\"text\":\"The mixture was heated to 300 °C.\"}\n"},
      {{"extract"}, 1, "", one_bad_line},
      {{"add", "--db", f.db, "--json", f.rec, "--curator", "a"}, 0, ""},
      {{"add", "--db", f.db, "--json", f.bad, "--curator", "a"}, 1, "not valid JSON"},
      {{"text", f.txt}, 0, ""},
  });
}

TEST_CASE("exit 4 for ingest, merge and classify --rescore while another run holds the database's lock") {
  Fixture f;
  REQUIRE(run_cli({"merge", f.out, f.db, "-q"}).exit_code == 0);
  const int fd = ::open((f.out + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  run_cases({
      {{"ingest", f.empty_dir, "--db", f.out}, 4, "locked"},
      {{"merge", f.out, f.db}, 4, "locked"},
      {{"classify", "--db", f.out, "--rescore"}, 4, "locked"},
      // readers and curators do not take the lock
      {{"stats", "--db", f.out}, 0, ""},
      {{"curate", "--db", f.out, "list"}, 0, ""},
  });
  ::close(fd);
  CHECK(run_cli({"ingest", f.empty_dir, "--db", f.out, "-q"}).exit_code == 0);
}
