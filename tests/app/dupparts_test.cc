// s28-dupparts: the PbS paper stored alone (a byte-different copy of pbs-quantum-dots.pdf) and as
// part 2 of an issue PDF (the CdSe paper, then the PbS paper, joined with pdfunite) is one paper:
// export writes its records once (the standalone file's, a part 1, whichever file was stored first),
// dataset.json and `stats` list the issue's part 2 as the duplicate, search marks its paragraphs, the
// views leave its records out, and curator edits of either copy are kept.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "db/database.h"
#include "db/migrate.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

constexpr const char* kCdseDoi = "10.5555/jcns.2024.0117";
constexpr const char* kPbsDoi = "10.5555/rnc.2021.301";

using Rows = std::vector<std::map<std::string, std::string>>;

// lk/issue.pdf (CdSe + PbS) and lk/pbs-alone.pdf (the PbS paper with a trailing comment: other
// bytes, the same text), ingested in two runs into lk.db, the issue first when `issue_first`.
struct IssueAndCopy {
  TempDir dir;
  fs::path lk = dir / "lk", db = dir / "lk.db";
  std::string issue_sha, alone_sha;
  explicit IssueAndCopy(bool issue_first) {
    fs::create_directories(lk);
    if (issue_first) add_issue(), ingest(), add_alone(), ingest();
    else add_alone(), ingest(), add_issue(), ingest();
    issue_sha = sha_of("issue.pdf");
    alone_sha = sha_of("pbs-alone.pdf");
    REQUIRE(query_int(db, "SELECT count(*) FROM document_parts WHERE doi = '" + std::string(kPbsDoi) + "'") == 1);
  }
  void add_issue() {
    const std::string cmd = "pdfunite '" + (kSamples / "cdse-cds-hot-injection.pdf").string() + "' '" +
                            (kSamples / "pbs-quantum-dots.pdf").string() + "' '" + (lk / "issue.pdf").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  void add_alone() {
    std::ifstream in(kSamples / "pbs-quantum-dots.pdf", std::ios::binary);
    std::ofstream out(lk / "pbs-alone.pdf", std::ios::binary);
    out << in.rdbuf() << "\n% another copy of the same paper\n";
  }
  void ingest() {
    auto r = run_cli({"ingest", lk.string(), "--db", db.string(), "--quiet"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  std::string sha_of(const std::string& file) {
    return query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%" + file + "'");
  }
  // The keys of the records of `sha`'s paragraphs of `part`, sorted.
  std::vector<std::string> keys(const std::string& sha, int part) {
    std::vector<std::string> out;
    synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
    auto st = d.prepare("SELECT s.key FROM syntheses s JOIN documents x ON x.id = s.document_id JOIN paragraphs p "
                        "ON p.document_id = s.document_id AND p.ordinal = s.first_paragraph "
                        "WHERE x.sha256 = ? AND p.part = ? ORDER BY s.key");
    st.bind(1, sha).bind(2, static_cast<int64_t>(part));
    while (st.step()) out.push_back(st.column_text(0));
    return out;
  }
  Rows exported(const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"export", "--db", db.string(), "--out", (dir / name).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return read_csv_file(dir / name / "syntheses.csv");
  }
  nlohmann::json dataset(const std::string& name) { return read_json_file(dir / name / "dataset.json"); }
};

// syntheses.csv's rows by document sha256 and part.
std::map<std::pair<std::string, std::string>, int> rows_by_paper(const Rows& rows) {
  std::map<std::pair<std::string, std::string>, int> n;
  for (const auto& r : rows) ++n[{r.at("document_sha256"), r.at("part")}];
  return n;
}

// The issue's part 2 is left out, the standalone copy and the issue's part 1 are exported.
void check_export(IssueAndCopy& lk) {
  const auto pbs_keys = lk.keys(lk.alone_sha, 1);
  REQUIRE(!pbs_keys.empty());
  REQUIRE(lk.keys(lk.issue_sha, 2).size() == pbs_keys.size());  // the same paper, the same records
  const Rows rows = lk.exported("ex");
  const auto n = rows_by_paper(rows);
  CHECK(n.count({lk.issue_sha, "2"}) == 0);
  CHECK(n.at({lk.alone_sha, "1"}) == static_cast<int>(pbs_keys.size()));
  CHECK(n.at({lk.issue_sha, "1"}) == static_cast<int>(lk.keys(lk.issue_sha, 1).size()));
  int pbs_rows = 0;
  for (const auto& r : rows) pbs_rows += r.at("doi") == kPbsDoi;
  CHECK(pbs_rows == static_cast<int>(pbs_keys.size()));  // the paper's syntheses once
  // dataset.json names the left-out paper and the one written instead.
  const nlohmann::json ds = lk.dataset("ex");
  CHECK(ds["counts"]["duplicate_documents_left_out"] == 1);
  REQUIRE(ds["duplicate_documents_left_out"].size() == 1);
  const auto& left = ds["duplicate_documents_left_out"][0];
  CHECK(left["sha256"] == lk.issue_sha);
  CHECK(left["part"] == 2);
  CHECK(left["doi"] == kPbsDoi);
  CHECK(left["kept_sha256"] == lk.alone_sha);
  CHECK(left["kept_part"] == 1);
  CHECK(fs::path(left["kept_path"].get<std::string>()).filename() == "pbs-alone.pdf");
  // The views give what the export writes.
  CHECK(query_int(lk.db, "SELECT count(*) FROM synthesis_wide") == static_cast<long long>(rows.size()));
  CHECK(query_int(lk.db, "SELECT count(*) FROM synthesis_wide WHERE doi = '" + std::string(kPbsDoi) + "'") == pbs_rows);
  views_agree_with_export(lk.db.string(), lk.dir / "ex");
  // --keep-duplicates writes both copies.
  const auto all = rows_by_paper(lk.exported("all", {"--keep-duplicates"}));
  CHECK(all.at({lk.issue_sha, "2"}) == static_cast<int>(pbs_keys.size()));
}

}  // namespace

TEST_CASE("dupparts: a paper stored alone and as part 2 of an issue PDF is exported once, whichever was stored first") {
  for (bool issue_first : {false, true}) {
    INFO("issue first: ", issue_first);
    IssueAndCopy lk(issue_first);
    check_export(lk);
  }
}

TEST_CASE("dupparts: stats keeps the whole-file copies' line beside the papers of an issue (review s29 F1)") {
  IssueAndCopy lk(true);
  // A second byte-different copy of the PbS paper, in a third run: the first standalone copy is kept,
  // so one copy is a whole one-paper file and one is part 2 of the issue.
  {
    std::ifstream in(kSamples / "pbs-quantum-dots.pdf", std::ios::binary);
    std::ofstream out(lk.lk / "pbs-again.pdf", std::ios::binary);
    out << in.rdbuf() << "\n% a third copy of the same paper\n";
  }
  lk.ingest();
  auto text = run_cli({"stats", "--db", lk.db.string()});
  REQUIRE(text.exit_code == 0);
  CHECK(has(text.out, "  1 ok document repeats another document; 1 paper in 1 ok document holding several papers "
                      "repeats another paper (same DOI, same paragraph texts; "));
  CHECK(has(text.out, "pbs-again.pdf (copy of "));
  // A byte-different copy of the whole issue: both its papers repeat, so it counts as a document.
  {
    std::ifstream in(lk.lk / "issue.pdf", std::ios::binary);
    std::ofstream out(lk.lk / "issue-again.pdf", std::ios::binary);
    out << in.rdbuf() << "\n% a copy of the issue\n";
  }
  lk.ingest();
  text = run_cli({"stats", "--db", lk.db.string()});
  REQUIRE(text.exit_code == 0);
  CHECK(has(text.out, "  2 ok documents repeat another document; 1 paper in 1 ok document holding several papers "
                      "repeats another paper (same DOI, same paragraph texts; "));
  CHECK(query_int(lk.db, "SELECT count(*) FROM duplicate_documents") == 2);
}

TEST_CASE("dupparts: stats lists the issue's part 2 as the duplicate, search marks its paragraphs and no others") {
  IssueAndCopy lk(true);
  auto st = run_cli({"stats", "--db", lk.db.string(), "--json"});
  REQUIRE(st.exit_code == 0);
  const auto d = nlohmann::json::parse(st.out)["documents"];
  CHECK(d["duplicates"] == 1);
  REQUIRE(d["duplicate_documents"].size() == 1);
  const auto& dup = d["duplicate_documents"][0];
  CHECK(dup["sha256"] == lk.issue_sha);
  CHECK(dup["part"] == 2);
  CHECK(dup["duplicate_of_sha256"] == lk.alone_sha);
  CHECK(dup["duplicate_of_part"] == 1);
  CHECK(dup["papers_in_file"] == 2);
  CHECK(d["duplicate_files"] == 1);
  auto text = run_cli({"stats", "--db", lk.db.string()});
  CHECK(has(text.out, "issue.pdf (part 2) (copy of "));
  // A paper of an issue repeats another paper; the issue does not repeat another document (s29-db).
  CHECK(has(text.out, "  1 paper in 1 ok document holding several papers repeats another paper (same DOI, same paragraph texts; "));
  CHECK(!has(text.out, "repeats another document"));
  // The issue is not a duplicate document as a whole: its CdSe paper is exported.
  CHECK(query_int(lk.db, "SELECT count(*) FROM duplicate_documents") == 0);

  // search --all-versions: the issue's part-2 hits are "duplicate", its part-1 and the copy's are not.
  auto part_of = [&](const nlohmann::json& hit) {
    return query_int(lk.db, "SELECT p.part FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE d.sha256 = '" +
                                hit["document_sha256"].get<std::string>() +
                                "' AND p.ordinal = " + std::to_string(hit["paragraph"].get<int>()));
  };
  for (const char* query : {"PbS", "CdSe"}) {
    std::map<std::string, int> states;  // "<file>#<part> <state>" → hits
    for (bool all : {true, false}) {
      std::vector<std::string> args = {"search", "--db", lk.db.string(), "--json", "--limit", "200", query};
      if (all) args.push_back("--all-versions");
      auto r = run_cli(args);
      REQUIRE(r.exit_code == 0);
      std::istringstream lines(r.out);
      for (std::string line; std::getline(lines, line);) {
        const nlohmann::json hit = nlohmann::json::parse(line);
        const bool issue = hit["document_sha256"] == lk.issue_sha;
        const std::string state = hit["out_of_exports"].is_string() ? hit["out_of_exports"].get<std::string>() : "";
        INFO(query, " ", line);
        if (issue && part_of(hit) == 2) {
          CHECK(all);  // hidden without --all-versions
          CHECK(state == "duplicate");
        } else {
          CHECK(state == "");
        }
        ++states[std::string(issue ? "issue" : "alone") + "#" + std::to_string(part_of(hit)) + (all ? " all" : "")];
      }
    }
    INFO(query);
    if (std::string(query) == "PbS") CHECK(states["issue#2 all"] > 0);
    CHECK(states[std::string(query) == "PbS" ? "alone#1" : "issue#1"] > 0);
  }
}

TEST_CASE("dupparts: curator edits of the kept copy are exported, an edit of the left-out part stays stored with a warning naming the kept key") {
  IssueAndCopy lk(false);
  const auto kept_keys = lk.keys(lk.alone_sha, 1);
  const auto left_keys = lk.keys(lk.issue_sha, 2);
  REQUIRE(kept_keys.size() == left_keys.size());
  REQUIRE(!kept_keys.empty());
  auto set = [&](const std::string& key, const std::string& value) {
    return run_cli({"curate", "--db", lk.db.string(), "set", key, "target", value, "--curator", "alice", "--reason", "test"});
  };
  auto r = set(kept_keys[0], "PbS (alone)");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(!has(r.err, "duplicate copy"));
  // The issue's key names paragraph N of the issue; the warning names the kept copy's record read
  // from the paragraph with the same text in the standalone file.
  r = set(left_keys[0], "PbS (issue)");
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.err, left_keys[0] + " belongs to a duplicate copy"));
  const std::string named = "the exported copy's key is ";
  REQUIRE(has(r.err, named));
  const size_t from = r.err.find(named) + named.size();
  const std::string kept_key = r.err.substr(from, r.err.find('\n', from) - from);
  CHECK(std::find(kept_keys.begin(), kept_keys.end(), kept_key) != kept_keys.end());
  const std::string first_text = "SELECT p.text FROM syntheses s JOIN paragraphs p ON p.document_id = s.document_id "
                                 "AND p.ordinal = s.first_paragraph WHERE s.key = '";
  CHECK(query_text(lk.db, first_text + kept_key + "'") == query_text(lk.db, first_text + left_keys[0] + "'"));
  CHECK(kept_key.substr(kept_key.rfind("-v")) == left_keys[0].substr(left_keys[0].rfind("-v")));
  // An edit of the CdSe paper (the issue's part 1) is not an edit of a duplicate.
  const auto cdse_keys = lk.keys(lk.issue_sha, 1);
  REQUIRE(!cdse_keys.empty());
  r = set(cdse_keys[0], "CdSe (issue)");
  REQUIRE(r.exit_code == 0);
  CHECK(!has(r.err, "duplicate copy"));

  // Both copies edited: the standalone copy (part 1) stays the exported one, with its edit.
  const Rows rows = lk.exported("ex");
  std::map<std::string, std::string> target;
  for (const auto& row : rows) target[row.at("synthesis_id")] = row.at("target");
  CHECK(target.at(kept_keys[0]) == "PbS (alone)");
  CHECK(target.count(left_keys[0]) == 0);
  CHECK(target.at(cdse_keys[0]) == "CdSe (issue)");
  // The left-out copy's edit is stored, flagged by nothing, and --keep-duplicates exports it.
  CHECK(query_int(lk.db, "SELECT count(*) FROM curation WHERE target_key = '" + left_keys[0] +
                             "' AND new_value = 'PbS (issue)' AND flagged = 0") == 1);
  std::map<std::string, std::string> all;
  for (const auto& row : lk.exported("all", {"--keep-duplicates"})) all[row.at("synthesis_id")] = row.at("target");
  CHECK(all.at(left_keys[0]) == "PbS (issue)");
  CHECK(query_text(lk.db, "SELECT target FROM synthesis_wide WHERE key = '" + kept_keys[0] + "'") == "PbS (alone)");
  CHECK(query_int(lk.db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + left_keys[0] + "'") == 0);
}

TEST_CASE("dupparts: only the issue's part 2 edited: that copy is the exported one, as for whole documents") {
  IssueAndCopy lk(false);
  const auto left_keys = lk.keys(lk.issue_sha, 2);
  REQUIRE(!left_keys.empty());
  auto r = run_cli({"curate", "--db", lk.db.string(), "set", left_keys[0], "target", "PbS (issue)", "--curator", "bob", "--reason", "test"});
  REQUIRE(r.exit_code == 0);
  CHECK(!has(r.err, "duplicate copy"));
  const auto n = rows_by_paper(lk.exported("ex"));
  CHECK(n.count({lk.alone_sha, "1"}) == 0);
  CHECK(n.at({lk.issue_sha, "2"}) == static_cast<int>(left_keys.size()));
  const nlohmann::json ds = lk.dataset("ex");
  REQUIRE(ds["duplicate_documents_left_out"].size() == 1);
  CHECK(ds["duplicate_documents_left_out"][0]["sha256"] == lk.alone_sha);
  CHECK(ds["duplicate_documents_left_out"][0]["part"] == 1);
  CHECK(ds["duplicate_documents_left_out"][0]["kept_part"] == 2);
  // The standalone file is left out whole: a duplicate document.
  CHECK(query_text(lk.db, "SELECT sha256 FROM duplicate_documents") == lk.alone_sha);
}

namespace {

// Curator edits written straight into `db` without migrating it (an old schema's database): one row per
// {key, field, new value, curator, day of January 2026}, all with `reason`.
void add_old_edits(const fs::path& db, const std::string& reason,
                   std::initializer_list<std::array<std::string, 5>> edits) {
  std::string values;
  for (const auto& [key, field, value, curator, day] : edits) {
    values += std::string(values.empty() ? "" : ", ") + "('syntheses', '" + key + "', '" + field + "', NULL, '" + value +
              "', '" + curator + "', '" + reason + "', '2026-01-" + day + "T00:00:00Z')";
  }
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  d.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) VALUES " + values);
}

// Upgrades `old` to the latest schema by opening it with synthdb (stats) and checks that every query of
// `kept` answers as it did before.
void upgrade_keeping(const fs::path& old, const std::vector<std::string>& kept) {
  std::vector<std::string> before;
  for (const auto& sql : kept) before.push_back(query_text(old, sql));
  REQUIRE(run_cli({"stats", "--db", old.string()}).exit_code == 0);
  CHECK(query_int(old, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  for (size_t k = 0; k < kept.size(); ++k) {
    INFO(kept[k]);
    CHECK(query_text(old, kept[k]) == before[k]);
  }
}

}  // namespace

TEST_CASE("dupparts: a v18 database holding the issue and the copy is upgraded with its curator edits kept, the part is then a duplicate") {
  IssueAndCopy lk(true);
  const fs::path old = lk.dir / "v18.db";
  copy_to_old_schema(lk.db, old, 18);
  const std::string left = lk.keys(lk.issue_sha, 2).at(0), kept = lk.keys(lk.alone_sha, 1).at(0);
  add_old_edits(old, "v18", {{left, "status", "failed", "alice", "02"}, {kept, "target", "PbS QDs", "alice", "02"}});
  // Under v18 both copies are in the views (the bug).
  REQUIRE(query_int(old, "SELECT count(*) FROM synthesis_wide WHERE key = '" + left + "'") == 1);
  const std::string edits_sql = "SELECT group_concat(target_key || ' ' || field || ' ' || new_value || ' ' || curator || ' ' || at, '; ') "
                                "FROM (SELECT * FROM curation ORDER BY id)";
  upgrade_keeping(old, {edits_sql});
  // Both copies edited: the standalone copy (part 1) is kept, the issue's part 2 left out.
  CHECK(query_int(old, "SELECT count(*) FROM synthesis_wide WHERE key = '" + left + "'") == 0);
  CHECK(query_text(old, "SELECT target FROM synthesis_wide WHERE key = '" + kept + "'") == "PbS QDs");
  CHECK(query_int(old, "SELECT count(*) FROM duplicate_parts WHERE id = (SELECT id FROM documents WHERE sha256 = '" +
                           lk.issue_sha + "') AND part = 2") == 1);
  const fs::path ex = lk.dir / "v18-export";
  auto r = run_cli({"export", "--db", old.string(), "--out", ex.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto n = rows_by_paper(read_csv_file(ex / "syntheses.csv"));
  CHECK(n.count({lk.issue_sha, "2"}) == 0);
  CHECK(n.at({lk.alone_sha, "1"}) > 0);
  views_agree_with_export(old.string(), ex);
}

// Review s28 F1/F2: the kept copy of two one-paper files is the one the earlier ingest run saw, also when
// both runs started in the same second (run ids order them), and a copy merged from a shard counts by
// its own first_seen, not by a host run that never saw it.
TEST_CASE("dupparts: the copy of the earlier ingest run is kept, also for runs started in one second and after a merge") {
  TempDir dir;
  const std::string text = read_all(kSamples / "znse-nanocrystals.txt");
  write(dir / "q" / "x.txt", text);          // run 1
  write(dir / "p" / "w.txt", text + "\n\n");  // run 2: a byte-different copy, first by path
  const std::string db = (dir / "d.db").string();
  for (const char* folder : {"q", "p"})
    REQUIRE(run_cli({"ingest", (dir / folder).string(), "--db", db, "--quiet"}).exit_code == 0);
  synthdb::db::Database(db).exec(
      "UPDATE runs SET started_at = '2026-01-01T00:00:00Z';"
      "UPDATE document_paths SET first_seen = CASE WHEN path LIKE '%x.txt' THEN '2026-01-01T00:00:09Z' "
      "ELSE '2026-01-01T00:00:01Z' END");
  CHECK(query_text(db, "SELECT duplicate_of_path FROM duplicate_parts").ends_with("x.txt"));

  // The copy first by path stored by a shard after the host's copy, merged into the host: the host's
  // run never saw it, so it counts by its own first_seen and the host's copy stays the kept one.
  const std::string host = (dir / "host.db").string(), shard = (dir / "shard.db").string();
  REQUIRE(run_cli({"ingest", (dir / "q").string(), "--db", host, "--quiet"}).exit_code == 0);
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", shard, "--quiet"}).exit_code == 0);
  synthdb::db::Database(host).exec("UPDATE runs SET started_at = '2026-01-01T00:00:00Z';"
                                   "UPDATE document_paths SET first_seen = '2026-01-01T00:00:05Z'");
  synthdb::db::Database(shard).exec("UPDATE document_paths SET first_seen = '2026-01-01T00:00:07Z'");
  REQUIRE(run_cli({"merge", host, shard, "--quiet"}).exit_code == 0);
  CHECK(query_text(host, "SELECT duplicate_of_path FROM duplicate_parts").ends_with("x.txt"));
}

namespace {

// A database of `copies` one-paper documents in pairs of copies (DOI 10.1000/dup.<pair>, 12 paragraphs,
// 3 records each), none edited, and one more paper (its own DOI, no copy) with `edits` records, each
// edited once: edits that no candidate copy carries, so a test of "edited" per copy finds none.
void generate_copies(const fs::path& db, int copies, int edits) {
  synthdb::db::Database d(db);
  const std::string n = std::to_string(copies), e = std::to_string(edits);
  d.exec("CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY);"
         "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 20000) INSERT INTO seq SELECT i FROM c;"
         "INSERT INTO documents(id, sha256, path, doi, title, status, pipeline_version, ingested_at, paragraph_count) "
         "SELECT i + 1, printf('%064x', i + 1), printf('papers/%d.txt', i), CASE WHEN i < " + n +
         " THEN printf('10.1000/dup.%d', i / 2) ELSE '10.1000/edited' END, 'Paper', 'ok', 'test', '2026-01-01T00:00:00Z', 12 "
         "FROM seq WHERE i <= " + n + ";"
         "INSERT INTO paragraphs(document_id, ordinal, page, kind, section_type, text, start, end) "
         "SELECT d.i + 1, k.i, 1, 'body', 'other', printf('Paper %d paragraph %d.', d.i / 2, k.i), k.i * 100, k.i * 100 + 20 "
         "FROM seq d, seq k WHERE d.i <= " + n + " AND k.i < 12;"
         "INSERT INTO syntheses(document_id, key, variant, origin, target, status, confidence, paragraphs, "
         "first_paragraph, created_at) SELECT CASE WHEN i < " + n + " * 3 THEN i / 3 + 1 ELSE " + n + " + 1 END, "
         "CASE WHEN i < " + n + " * 3 THEN printf('%016x-p%d-v0', i / 3 + 1, 3 + i % 3) "
         "ELSE printf('%016x-p4-v%d', " + n + " + 1, i) END, 0, 'extracted', 'CdSe', 'success', 0.9, '[4]', 4, "
         "'2026-01-01T00:00:00Z' FROM seq WHERE i < " + n + " * 3 + " + e + ";"
         "INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
         "SELECT 'syntheses', key, 'target', 'CdSe', 'CdSe QDs', 'bench', 'test', '2026-01-01T00:00:00Z' "
         "FROM syntheses WHERE document_id = " + n + " + 1;");
}

// SQLite's virtual machine steps for `sql` (a deterministic measure of its work).
long long vm_steps(const fs::path& db, const char* sql) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {}
  const long long steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return steps;
}

}  // namespace

// Review s28 F6: v20's duplicate_parts tested each candidate copy's "edited" with a scan of `curation`,
// so its work grew with copies x edits (6,300 edits: the view 0.76 s, export 1.02 s). Since v21 the
// edits are read once: 600 more edits cost about as much with 200 copies as with 20.
TEST_CASE("dupparts: duplicate_parts reads the curator edits once, not once per candidate copy") {
  TempDir dir;
  std::map<std::pair<int, int>, long long> steps;  // (copies, edits) -> VM steps of the view
  for (int copies : {20, 200})
    for (int edits : {0, 600}) {
      const fs::path db = dir / (std::to_string(copies) + "-" + std::to_string(edits) + ".db");
      generate_copies(db, copies, edits);
      REQUIRE(query_int(db, "SELECT count(*) FROM duplicate_parts") == copies / 2);
      REQUIRE(query_int(db, "SELECT count(*) FROM curation") == edits);
      steps[{copies, edits}] = vm_steps(db, "SELECT count(*) FROM duplicate_parts");
    }
  const long long few = steps[{20, 600}] - steps[{20, 0}], many = steps[{200, 600}] - steps[{200, 0}];
  INFO("VM steps for 600 edits: ", few, " with 20 copies, ", many, " with 200");
  CHECK(many < 2 * few);
  CHECK(many < 100 * 600);
}

// Schema v21 restates duplicate_parts: a v20 database keeps every curator edit and dismissal, and the
// view names the same left-out papers and kept copies as v20's did.
TEST_CASE("dupparts: a v20 database is upgraded to v21 keeping every edit and dismissal and the same kept copies") {
  IssueAndCopy lk(true);
  const fs::path old = lk.dir / "v20.db";
  copy_to_old_schema(lk.db, old, 20);
  const std::string left = lk.keys(lk.issue_sha, 2).at(0), kept = lk.keys(lk.alone_sha, 1).at(0);
  add_old_edits(old, "v20", {{left, "status", "failed", "alice", "02"}, {kept, "target", "PbS QDs", "alice", "02"},
                             {kept, "method", "heat-up", "bob", "03"}});
  {
    synthdb::db::Database d(old, synthdb::db::OpenOptions{.migrate = false});
    d.exec("UPDATE curation SET flag_reason = 'source row no longer produced by extraction' WHERE field = 'method'");
    d.exec("INSERT INTO curation_dismissals(edit_id, flag_reason, curator, reason, at) SELECT id, flag_reason, 'bob', "
           "'redone', '2026-01-04T00:00:00Z' FROM curation WHERE field = 'method'");
  }
  const std::string edits_sql = "SELECT group_concat(id || ' ' || target_key || ' ' || field || ' ' || new_value || ' ' || "
                                "curator || ' ' || at || ' ' || flagged || ' ' || coalesce(flag_reason, ''), '; ') "
                                "FROM (SELECT * FROM curation ORDER BY id)";
  const std::string dismissals_sql = "SELECT group_concat(id || ' ' || edit_id || ' ' || flag_reason || ' ' || curator "
                                     "|| ' ' || reason || ' ' || at, '; ') FROM curation_dismissals";
  const std::string copies_sql = "SELECT group_concat(id || ' ' || part || ' ' || doi || ' ' || duplicate_of || ' ' || "
                                 "duplicate_of_part || ' ' || first_paragraph || ' ' || last_paragraph || ' ' || "
                                 "duplicate_of_first_paragraph, '; ') FROM (SELECT * FROM duplicate_parts ORDER BY id, part)";
  REQUIRE(!query_text(old, copies_sql).empty());
  REQUIRE(!query_text(old, dismissals_sql).empty());
  upgrade_keeping(old, {edits_sql, dismissals_sql, copies_sql});
  CHECK(query_int(old, "PRAGMA user_version") >= 21);
  CHECK(query_text(old, "SELECT target FROM synthesis_wide WHERE key = '" + kept + "'") == "PbS QDs");
  CHECK(query_int(old, "SELECT count(*) FROM synthesis_wide WHERE key = '" + left + "'") == 0);
}

// s29-db: DOIs are case-insensitive; v20 compared them as stored, so a copy whose DOI a PDF printed in
// upper case ("10.1021/ABC") and one with the publisher's lower-case DOI were both exported.
TEST_CASE("dupparts: two copies whose DOIs differ only in case are one paper") {
  TempDir dir;
  const std::string text = read_all(kSamples / "znse-nanocrystals.txt");
  write(dir / "in" / "a.txt", text);
  write(dir / "in" / "b.txt", text + "\n\n");  // a byte-different copy
  const std::string db = (dir / "d.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db, "--quiet"}).exit_code == 0);
  REQUIRE(query_int(db, "SELECT count(*) FROM duplicate_parts") == 1);
  const std::string doi = query_text(db, "SELECT doi FROM documents WHERE path LIKE '%a.txt'");
  REQUIRE(doi != query_text(db, "SELECT upper('" + doi + "')"));
  synthdb::db::Database(db).exec("UPDATE documents SET doi = upper(doi) WHERE path LIKE '%b.txt'");
  CHECK(query_int(db, "SELECT count(*) FROM duplicate_parts") == 1);
  CHECK(query_text(db, "SELECT path FROM duplicate_parts").ends_with("b.txt"));
  CHECK(query_text(db, "SELECT doi FROM duplicate_parts") == query_text(db, "SELECT upper('" + doi + "')"));
  auto r = run_cli({"export", "--db", db, "--out", (dir / "ex").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "1 duplicate document skipped"));
  const std::string left = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%b.txt'");
  for (const auto& row : read_csv_file(dir / "ex" / "syntheses.csv")) CHECK(row.at("document_sha256") != left);
}
