// End-to-end: build/synthdb ingest/stats on temporary copies of corpus-samples/.
#include <sys/file.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "extract/core/error.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

std::string db_arg(const TempDir& dir) { return (dir / "s.db").string(); }

// Every ok document is complete: its stored paragraph count matches its paragraphs.
long long partial_documents(const fs::path& db) {
  return query_int(db, "SELECT count(*) FROM documents d WHERE d.status = 'ok' AND d.paragraph_count <> "
                       "(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id)");
}

std::string integrity(const fs::path& db) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  auto st = d.prepare("PRAGMA integrity_check");
  st.step();
  return st.column_text(0);
}

}  // namespace

TEST_CASE("ingest stores the samples, records hostile files with reasons, and a second run does no work") {
  TempDir dir;
  copy_samples(dir / "in", true);
  const std::string db = db_arg(dir);
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "2", "--report",
                    (dir / "r1.json").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // hostile files failed, everything else went in
  const auto report = read_json_file(dir / "r1.json");
  const long long ok = query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok'");
  const long long failed = query_int(db, "SELECT count(*) FROM documents WHERE status = 'failed'");
  CHECK(ok >= 5);
  CHECK(failed >= 5);
  CHECK(report["new"] == ok);
  CHECK(report["failed"] == failed);
  CHECK(report["failures"].size() == static_cast<size_t>(failed));
  CHECK(report["versions"].contains("model"));
  CHECK(report["pipeline_version"].get<std::string>().find("synthdb-") == 0);
  // Each hostile file has a one-line reason that names it.
  for (const char* name : {"zero-byte.pdf", "truncated.pdf", "not-a-pdf.pdf", "encrypted-user.pdf"}) {
    synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
    auto st = d.prepare("SELECT error FROM documents WHERE path LIKE '%/' || ? AND status = 'failed'");
    st.bind(1, name);
    REQUIRE_MESSAGE(st.step(), name);
    const std::string err = st.column_text(0);
    CHECK(err.find(name) != std::string::npos);
    CHECK(err.find('\n') == std::string::npos);
  }
  CHECK(query_int(db, "SELECT count(*) FROM paragraphs") > 20);
  CHECK(query_int(db, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL AND failed = " +
                          std::to_string(failed)) == 1);
  CHECK(r.out.find("ingest: ") != std::string::npos);            // one-line summary
  // Plain log lines name the path as found (s18-prod2: the full path, not the base name).
  CHECK(r.err.find("] ok " + (dir / "in" / "cdse-cds-hot-injection.pdf").string() + " ") != std::string::npos);

  const std::string before = canonical_dump(db);
  auto r2 = run_cli({"ingest", (dir / "in").string(), "--db", db, "--report", (dir / "r2.json").string()});
  CHECK(r2.exit_code == 0);  // old failures are not retried with the same pipeline: nothing new failed
  const auto report2 = read_json_file(dir / "r2.json");
  CHECK(report2["new"] == 0);
  CHECK(report2["failed"] == 0);
  CHECK(report2["skipped"] == ok + failed);
  CHECK(canonical_dump(db) == before);

  // --retry-failed tries the failed ones again (they fail again, with the same reasons).
  auto r3 = run_cli({"ingest", (dir / "in").string(), "--db", db, "--retry-failed", "--quiet"});
  CHECK(r3.exit_code == 1);
  CHECK(r3.out.empty());
  CHECK(canonical_dump(db) == before);
}

TEST_CASE("a renamed copy is recorded as another path, not ingested twice") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string db = db_arg(dir);
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const long long docs = query_int(db, "SELECT count(*) FROM documents");
  fs::copy_file(dir / "in" / "pbs-quantum-dots.pdf", dir / "in" / "renamed copy.pdf");
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--report", (dir / "r.json").string()});
  CHECK(r.exit_code == 0);
  CHECK(read_json_file(dir / "r.json")["new"] == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == docs);
  CHECK(query_int(db, "SELECT count(*) FROM document_paths p JOIN documents d ON d.sha256 = p.sha256 "
                      "WHERE d.path LIKE '%pbs-quantum-dots.pdf'") == 2);
}

TEST_CASE("a pipeline version change makes the next ingest re-process documents") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string db = db_arg(dir);
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  const std::string before = canonical_dump(db);
  const long long docs = query_int(db, "SELECT count(*) FROM documents");
  {
    // As if these two documents had been ingested by an older synthdb/model/rules.
    synthdb::db::Database d(db);
    d.exec("UPDATE documents SET pipeline_version = 'synthdb-0.0.1+old' WHERE id IN "
           "(SELECT id FROM documents ORDER BY id LIMIT 2)");
  }
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--report", (dir / "r.json").string()});
  CHECK(r.exit_code == 0);
  const auto rep = read_json_file(dir / "r.json");
  CHECK(rep["new"] == 2);
  CHECK(rep["reprocessed"] == 2);
  CHECK(rep["skipped"] == docs - 2);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE pipeline_version LIKE '%old'") == 0);
  CHECK(canonical_dump(db) == before);
  // --force re-processes everything.
  auto f = run_cli({"ingest", (dir / "in").string(), "--db", db, "--force", "--report", (dir / "f.json").string()});
  CHECK(read_json_file(dir / "f.json")["new"] == docs);
  CHECK(canonical_dump(db) == before);
}

TEST_CASE("time and memory limits fail the document with the reason and the run continues") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string db = db_arg(dir);
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--memory-mb", "30"});
  CHECK(r.exit_code == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'failed' AND "
                      "error LIKE '%out of memory (limit 30 MB)'") >= 1);
  auto t = run_cli({"ingest", (dir / "in").string(), "--db", (dir / "t.db").string(), "--timeout", kNoTime});
  CHECK(t.exit_code == 1);
  CHECK(query_int(dir / "t.db", "SELECT count(*) FROM documents WHERE error LIKE '%: timed out after 1e-06 s'") ==
        query_int(dir / "t.db", "SELECT count(*) FROM documents"));
  // With sane limits the same documents go in (the pipeline version is unchanged, so retry).
  auto ok = run_cli({"ingest", (dir / "in").string(), "--db", db, "--retry-failed"});
  CHECK(ok.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 0);
}

TEST_CASE("a second ingest on a locked database exits 4 with a clear message") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string db = db_arg(dir);
  // The lock file sits beside the database's canonical path (TMPDIR may be a symlink).
  const std::string lock = (fs::canonical(dir.path()) / "s.db.lock").string();
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // as a running ingest would hold it
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("is locked by another synthdb ingest or merge") != std::string::npos);
  auto m = run_cli({"merge", db, (dir / "other.db").string()});
  CHECK(m.exit_code == 4);
  ::close(fd);
  CHECK(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
}

TEST_CASE("kill -9 at random points leaves a sound database, and resuming gives the uninterrupted result") {
  TempDir dir;
  make_pdf_variants(dir / "in", 3);
  copy_samples(dir / "in" / "orig", false);
  const std::string db = db_arg(dir);
  const std::string ref = (dir / "ref.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", ref, "--jobs", "2", "--quiet"}).exit_code == 0);
  const std::string expected = canonical_dump(ref);
  const long long total = query_int(ref, "SELECT count(*) FROM documents");

  std::mt19937 rng(20261125);
  std::uniform_int_distribution<int> delay_ms(30, 700);
  int kills = 0;
  for (int i = 0; i < 7; ++i) {
    pid_t pid = start_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "2"}, dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    if (::kill(pid, SIGKILL) == 0) ++kills;
    wait_cli(pid);
    if (!fs::exists(db)) continue;  // killed before the database was created
    CHECK(integrity(db) == "ok");
    CHECK(partial_documents(db) == 0);
    CHECK(query_int(db, "SELECT count(*) FROM documents") <= total);
  }
  CHECK(kills >= 5);
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "2"});
  CHECK(r.exit_code == 0);
  CHECK(integrity(db) == "ok");
  CHECK(canonical_dump(db) == expected);
  // The killed runs are visible as unfinished; the last one finished.
  CHECK(query_int(db, "SELECT finished_at IS NOT NULL FROM runs ORDER BY id DESC LIMIT 1") == 1);
}

TEST_CASE("readers and a curator writing during ingest never get 'database is locked'") {
  TempDir dir;
  make_pdf_variants(dir / "in", 2);
  const std::string db = db_arg(dir);
  { synthdb::db::Database create(db); }  // so that readers can open it from the start
  pid_t pid = start_cli({"ingest", (dir / "in").string(), "--db", db, "--jobs", "2"}, dir.path());
  int reads = 0, writes = 0, errors = 0;
  std::string first_error;
  // Short busy timeouts: "normal use" must not depend on waiting long.
  synthdb::db::Database reader(db, synthdb::db::OpenOptions{.migrate = false, .busy_timeout_ms = 2000});
  synthdb::db::Database curator(db, synthdb::db::OpenOptions{.migrate = false, .busy_timeout_ms = 5000});
  int status = -1;
  for (;;) {
    try {
      synthdb::db::Transaction snap(reader, synthdb::db::Transaction::Mode::kDeferred);
      auto st = reader.prepare("SELECT count(*) FROM documents d WHERE d.status = 'ok' AND d.paragraph_count <> "
                               "(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id)");
      st.step();
      CHECK(st.column_int(0) == 0);  // never half a document
      snap.commit();
      ++reads;
      synthdb::db::Transaction tx(curator);
      curator.exec("CREATE TABLE IF NOT EXISTS test_curator_notes(note TEXT)");
      curator.exec("INSERT INTO test_curator_notes VALUES ('checked')");
      tx.commit();
      ++writes;
    } catch (const synthdb::DbError& e) {
      if (errors++ == 0) first_error = e.what();
    }
    int st = 0;
    if (waitpid(pid, &st, WNOHANG) == pid) {
      status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  INFO(first_error);
  CHECK(errors == 0);
  CHECK(status == 0);
  CHECK(reads > 5);
  CHECK(writes > 5);
  CHECK(query_int(db, "SELECT count(*) FROM test_curator_notes") == writes);
}

TEST_CASE("stats reports documents, failures and paragraphs, as text and JSON") {
  TempDir dir;
  copy_samples(dir / "in", true);
  const std::string db = db_arg(dir);
  run_cli({"ingest", (dir / "in").string(), "--db", db});
  auto j = run_cli({"stats", "--db", db, "--json"});
  REQUIRE(j.exit_code == 0);
  const auto s = nlohmann::json::parse(j.out);
  CHECK(s["documents"]["ok"] == query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok'"));
  CHECK(s["documents"]["failed"].get<int>() >= 5);
  CHECK(s["paragraphs"]["total"] == query_int(db, "SELECT count(*) FROM paragraphs"));
  CHECK(s["paragraphs"]["by_kind"]["body"].get<int>() > 0);
  CHECK(s["runs"]["total"] == 1);
  bool empty_reason = false;
  for (const auto& r : s["documents"]["failure_reasons"]) empty_reason |= r["reason"] == "empty file";
  CHECK(empty_reason);
  auto t = run_cli({"stats", "--db", db});
  CHECK(t.exit_code == 0);
  CHECK(t.out.find("documents: ") != std::string::npos);
  CHECK(t.out.find("by kind:") != std::string::npos);
  CHECK(run_cli({"stats", "--db", (dir / "missing.db").string()}).exit_code == 3);
}

TEST_CASE("usage errors exit 2 and a folder loop or a broken link do not stop the run") {
  TempDir dir;
  copy_samples(dir / "in", false);
  const std::string db = db_arg(dir);
  CHECK(run_cli({"ingest", (dir / "in").string(), "--db", db, "--shard", "3/2"}).exit_code == 2);
  CHECK(run_cli({"ingest", (dir / "nope").string(), "--db", db}).exit_code == 2);
  CHECK(run_cli({"ingest", "--db", db}).exit_code == 2);
  fs::create_directory_symlink(dir / "in", dir / "in" / "loop");
  fs::create_symlink(dir / "in" / "gone.pdf", dir / "in" / "broken.pdf");
  auto r = run_cli({"ingest", (dir / "in").string(), "--db", db});
  CHECK(r.exit_code == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE error LIKE '%broken.pdf: broken symbolic link'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok'") >= 5);
}

TEST_CASE("classify --rescore re-derives labels and records from stored text and keeps curators' edits") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "znse.txt");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "cspbbr3-perovskite.pdf", dir / "in" / "cspbbr3.pdf");
  const std::string db = db_arg(dir);
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  fs::remove_all(dir / "in");  // rescoring must work from the database alone
  const std::string ingested = canonical_dump(db);
  const long long records = query_int(db, "SELECT count(*) FROM syntheses");
  REQUIRE(records >= 2);

  // Same model: the same labels, entities and records as ingest derived.
  auto same = run_cli({"classify", "--db", db, "--rescore"});
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("0 labels changed") != std::string::npos);
  CHECK(same.out.find("synthesis records") != std::string::npos);
  CHECK(canonical_dump(db) == ingested);

  // A curator fixes the ZnSe record's target.
  std::string key;
  {
    synthdb::db::Database d(db);
    auto st = d.prepare("SELECT key FROM syntheses WHERE target = 'ZnSe' AND variant = 0");
    REQUIRE(st.step());
    key = st.column_text(0);
  }
  REQUIRE(run_cli({"curate", "--db", db, "set", key, "target", "ZnSe nanocrystals", "--curator", "ann",
                   "--reason", "full name"}).exit_code == 0);

  // A threshold nothing reaches: no synthesis paragraph, so the records vanish and the edit is
  // flagged, not dropped.
  auto strict = run_cli({"classify", "--db", db, "--rescore", "--threshold", "1"});
  CHECK(strict.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM paragraphs WHERE label = 'synthesis'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses WHERE key = '" + key + "'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1 AND target_key = '" + key + "'") == 1);
  CHECK(integrity(db) == "ok");

  // Back to the default model: the record returns with the curator's value.
  CHECK(run_cli({"classify", "--db", db, "--rescore"}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") == records);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + key + "' AND target = 'ZnSe nanocrystals'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE pipeline_version NOT LIKE '%synthesis.ftz@%'") == 0);
}

TEST_CASE("stats lists a byte-different copy of a paper (same DOI, same paragraph texts) as a duplicate (review 19 defect 14)") {
  TempDir dir;
  fs::create_directories(dir / "in");
  const fs::path samples = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";
  fs::copy_file(samples / "cdse-cds-hot-injection.pdf", dir / "in" / "cdse.pdf");
  fs::copy_file(samples / "hostile" / "encrypted-owner.pdf", dir / "in" / "owner-copy.pdf");
  fs::copy_file(samples / "pbs-quantum-dots.pdf", dir / "in" / "pbs.pdf");
  const std::string db = db_arg(dir);
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  auto j = run_cli({"stats", "--db", db, "--json"});
  REQUIRE(j.exit_code == 0);
  const auto s = nlohmann::json::parse(j.out);
  CHECK(s["documents"]["ok"] == 3);
  REQUIRE(s["documents"]["duplicates"] == 1);
  const auto& d = s["documents"]["duplicate_documents"][0];
  std::set<std::string> pair = {fs::path(d["path"].get<std::string>()).filename().string(),
                                fs::path(d["duplicate_of"].get<std::string>()).filename().string()};
  CHECK(pair == std::set<std::string>{"cdse.pdf", "owner-copy.pdf"});
  // The listed copy is the one export leaves out: both were first seen by the same run, so the
  // path decides (duplicate_documents: run, then path; not the row id, which follows the order in
  // which parallel workers committed).
  CHECK(fs::path(d["path"].get<std::string>()).filename() == "owner-copy.pdf");
  CHECK(fs::path(d["duplicate_of"].get<std::string>()).filename() == "cdse.pdf");
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE sha256 = '" + d["sha256"].get<std::string>() +
                          "' AND path LIKE '%owner-copy.pdf'") == 1);
  auto t = run_cli({"stats", "--db", db});
  CHECK(t.out.find("1 ok document repeats another document") != std::string::npos);
}
