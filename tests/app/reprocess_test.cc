// A failed re-processing attempt (timeout, memory limit, crash, conversion error) must never destroy
// the good stored version of a document, neither in ingest nor in merge.
#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

const fs::path kSample = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "cdse-cds-hot-injection.pdf";

// canonical_dump() includes documents.error; compare the derived rows without it.
std::string without_document_errors(const fs::path& db) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  std::string out;
  auto st = d.prepare("SELECT sha256, status, pages, paragraph_count, pipeline_version, ingested_at FROM documents "
                      "ORDER BY sha256");
  while (st.step())
    for (int c = 0; c < st.column_count(); ++c) out += st.column_text(c) + (c + 1 < st.column_count() ? "|" : "\n");
  auto p = d.prepare("SELECT count(*), coalesce(sum(length(text)), 0) FROM paragraphs");
  p.step();
  out += p.column_text(0) + "|" + p.column_text(1) + "\n";
  auto s = d.prepare("SELECT key, target, status FROM syntheses ORDER BY key");
  while (s.step()) out += s.column_text(0) + "|" + s.column_text(1) + "|" + s.column_text(2) + "\n";
  auto c = d.prepare("SELECT target_key, new_value, flagged FROM curation ORDER BY id");
  while (c.step()) out += c.column_text(0) + "|" + c.column_text(1) + "|" + c.column_text(2) + "\n";
  return out;
}

}  // namespace

TEST_CASE("a failed re-processing keeps the good stored version, its records and the curator's edit") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kSample, dir / "in" / "cdse.pdf");
  const std::string in = (dir / "in").string();
  const std::string db = (dir / "tt.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", db}).exit_code == 0);
  const long long records = query_int(db, "SELECT count(*) FROM syntheses");
  REQUIRE(records > 0);
  std::string key;
  {
    synthdb::db::Database d(db);
    auto st = d.prepare("SELECT key FROM syntheses ORDER BY key LIMIT 1");
    REQUIRE(st.step());
    key = st.column_text(0);
  }
  REQUIRE(run_cli({"curate", "--db", db, "set", key, "target", "CdSe/CdS", "--curator", "a", "--reason", "b"})
              .exit_code == 0);
  const std::string before = without_document_errors(db);

  // --force with a limit nothing meets: the attempt fails, the stored version stays.
  auto r = run_cli({"ingest", in, "--db", db, "--force", "--timeout", kNoTime, "--report",
                    (dir / "r.json").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cdse.pdf") != std::string::npos);
  CHECK(r.err.find("timed out after 1e-06 s") != std::string::npos);
  CHECK(r.out.find("0 new (0 re-processed), 0 skipped, 1 failed (1 kept its previous version)") !=
        std::string::npos);
  CHECK(without_document_errors(db) == before);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND error LIKE '%cdse.pdf: timed out "
                      "after 1e-06 s'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") == records);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);
  const auto report = read_json_file(dir / "r.json");
  CHECK(report["failed"] == 1);
  CHECK(report["kept_previous_version"] == 1);
  CHECK(report["failures"][0]["kept_previous_version"] == true);
  // The export still has the records, with the curator's value.
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + key + "' AND target = 'CdSe/CdS'") == 1);
  auto stats = run_cli({"stats", "--db", db, "--json"});
  REQUIRE(stats.exit_code == 0);
  const auto s = nlohmann::json::parse(stats.out);
  CHECK(s["documents"]["ok"] == 1);
  CHECK(s["documents"]["failed"] == 0);
  CHECK(s["documents"]["kept_after_failed_attempt"] == 1);
  CHECK(run_cli({"stats", "--db", db}).out.find("1 ok document kept its previous version after a failed re-processing") !=
        std::string::npos);

  // Same pipeline: the nightly run leaves it alone; --retry-failed tries again and clears the error.
  auto nightly = run_cli({"ingest", in, "--db", db});
  CHECK(nightly.exit_code == 0);
  CHECK(nightly.out.find("0 new (0 re-processed), 1 skipped") != std::string::npos);
  auto retry = run_cli({"ingest", in, "--db", db, "--retry-failed"});
  CHECK(retry.exit_code == 0);
  CHECK(retry.out.find("1 new (1 re-processed)") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE error IS NULL AND status = 'ok'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") == records);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);

  // A pipeline upgrade that fails (busy machine): the old version stays, with its old pipeline
  // version, so the next run tries the upgrade again and then succeeds.
  {
    synthdb::db::Database d(db);
    d.exec("UPDATE documents SET pipeline_version = 'synthdb-0.0.1+old'");
  }
  auto upgrade = run_cli({"ingest", in, "--db", db, "--timeout", kNoTime});
  CHECK(upgrade.exit_code == 1);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND pipeline_version = "
                      "'synthdb-0.0.1+old' AND error LIKE '%timed out%'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM syntheses") == records);
  auto next = run_cli({"ingest", in, "--db", db});
  CHECK(next.exit_code == 0);
  CHECK(next.out.find("1 new (1 re-processed)") != std::string::npos);
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE status = 'ok' AND error IS NULL AND "
                      "pipeline_version <> 'synthdb-0.0.1+old'") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + key + "' AND target = 'CdSe/CdS'") == 1);

  // A document that never succeeded is still stored as failed.
  auto fresh = run_cli({"ingest", in, "--db", (dir / "f.db").string(), "--timeout", kNoTime});
  CHECK(fresh.exit_code == 1);
  CHECK(query_int(dir / "f.db", "SELECT count(*) FROM documents WHERE status = 'failed'") == 1);
}

TEST_CASE("merge never replaces an ok document with a shard's newer failed attempt") {
  TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(kSample, dir / "in" / "cdse.pdf");
  const std::string in = (dir / "in").string();
  const std::string mo = (dir / "mo.db").string(), ms = (dir / "ms.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", mo}).exit_code == 0);
  const long long records = query_int(mo, "SELECT count(*) FROM syntheses");
  REQUIRE(records > 0);
  const std::string before = without_document_errors(mo);
  REQUIRE(run_cli({"ingest", in, "--db", ms, "--timeout", kNoTime}).exit_code == 1);
  {
    // Make sure the shard's attempt is the newer one, whatever the clock's resolution.
    synthdb::db::Database d(ms);
    d.exec("UPDATE documents SET ingested_at = '2999-01-01T00:00:00Z'");
  }
  auto m = run_cli({"merge", mo, ms});
  INFO(m.err);
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("0 documents copied, 0 replaced, 1 unchanged") != std::string::npos);
  CHECK(m.err.find("1 ok kept over a failed attempt") != std::string::npos);
  CHECK(without_document_errors(mo) == before);
  CHECK(query_int(mo, "SELECT count(*) FROM documents WHERE status = 'ok' AND error LIKE '%timed out%'") == 1);
  CHECK(query_int(mo, "SELECT count(*) FROM syntheses") == records);
  // Idempotent.
  auto again = run_cli({"merge", mo, ms});
  CHECK(again.err.find("0 ok kept over a failed attempt") != std::string::npos);
  CHECK(without_document_errors(mo) == before);

  // The other way round: a failed OUT document is replaced by the shard's ok one.
  const std::string fo = (dir / "fo.db").string();
  REQUIRE(run_cli({"ingest", in, "--db", fo, "--timeout", kNoTime}).exit_code == 1);
  {
    synthdb::db::Database d(fo);
    d.exec("UPDATE documents SET ingested_at = '2000-01-01T00:00:00Z'");
  }
  CHECK(run_cli({"merge", fo, mo}).exit_code == 0);
  CHECK(query_int(fo, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
  CHECK(query_int(fo, "SELECT count(*) FROM syntheses") == records);
}
