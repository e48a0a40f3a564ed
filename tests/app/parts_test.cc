// Session 27 (persona walk): a folder holding the PbS paper alone and an issue PDF (the CdSe paper,
// then the PbS paper, joined with pdfunite: two parts). Every paper-level value of a record comes
// from the record's own part: its split (no paper in two splits), its doi/title in the views and in
// search, and no year/journal of another paper in the export.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "db/migrate.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

constexpr const char* kCdseDoi = "10.5555/jcns.2024.0117";
constexpr const char* kPbsDoi = "10.5555/rnc.2021.301";

// lk/pbs-quantum-dots.pdf and lk/issue.pdf (CdSe paper + PbS paper) ingested into lk.db.
struct Issue {
  TempDir dir;
  fs::path db = dir / "lk.db";
  Issue() {
    const fs::path lk = dir / "lk";
    fs::create_directories(lk);
    fs::copy_file(kSamples / "pbs-quantum-dots.pdf", lk / "pbs-quantum-dots.pdf");
    const std::string cmd = "pdfunite '" + (kSamples / "cdse-cds-hot-injection.pdf").string() + "' '" +
                            (kSamples / "pbs-quantum-dots.pdf").string() + "' '" + (lk / "issue.pdf").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    auto r = run_cli({"ingest", lk.string(), "--db", db.string(), "--quiet"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(query_int(db, "SELECT count(*) FROM document_parts WHERE doi = '" + std::string(kPbsDoi) + "'") == 1);
  }
  // Exports to `out` with `extra` options; returns syntheses.csv's rows.
  std::vector<std::map<std::string, std::string>> exported(const fs::path& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"export", "--db", db.string(), "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return read_csv_file(out / "syntheses.csv");
  }
};

// A synthesis_wide column of `key` as text ("NULL" for NULL).
std::string wide(const fs::path& db, const std::string& key, const std::string& column) {
  return query_text(db, "SELECT coalesce(CAST(" + column + " AS TEXT), 'NULL') FROM synthesis_wide WHERE key = '" + key + "'");
}

// The export's value as the view gives it: an empty cell is NULL, a year is an integer.
std::string as_view(const std::string& cell) { return cell.empty() ? "NULL" : cell; }

// Every exported record's doi, title, year and journal are synthesis_wide's, and each of its values
// in synthesis_provenance has its doi.
void views_give_the_export_papers(const fs::path& db, const std::vector<std::map<std::string, std::string>>& rows) {
  for (const auto& row : rows) {
    const std::string& key = row.at("synthesis_id");
    INFO(key, " part ", row.at("part"));
    for (const char* c : {"doi", "title", "year", "journal"}) CHECK(wide(db, key, c) == as_view(row.at(c)));
    CHECK(query_int(db, "SELECT count(*) FROM synthesis_provenance WHERE synthesis_key = '" + key + "' AND doi IS NOT '" +
                            row.at("doi") + "'") == 0);
  }
}

}  // namespace

TEST_CASE("parts: a paper stored alone and as part 2 of an issue PDF is in one split, whatever the seed") {
  Issue lk;
  for (int seed = 1; seed <= 8; ++seed) {
    INFO("seed ", seed);
    const fs::path out = lk.dir / ("split" + std::to_string(seed));
    std::map<std::string, std::set<std::string>> splits_of;  // doi → splits its records are in
    // --keep-duplicates: the issue's part 2 is a copy of the PbS file (s28-dupparts, dupparts_test.cc)
    // and left out by default; kept here, both copies must land in the paper's split.
    for (const auto& row : lk.exported(out, {"--split", "0.5,0.5", "--seed", std::to_string(seed), "--keep-duplicates"}))
      splits_of[row.at("doi")].insert(row.at("split"));
    REQUIRE(splits_of.size() == 2);
    for (const auto& [doi, splits] : splits_of) CHECK_MESSAGE(splits.size() == 1, doi);
    // split.papers counts each paper once: two papers, however many files and parts hold them.
    const nlohmann::json ds = read_json_file(out / "dataset.json");
    std::map<std::string, int> papers;
    for (const auto& [doi, splits] : splits_of) ++papers[*splits.begin()];
    for (const auto& [name, n] : ds["split"]["papers"].items()) CHECK(n == papers[name]);
    // The issue's entry lists the split of each of its papers.
    for (const auto& d : ds["source_documents"]) {
      if (d["path"].get<std::string>().find("issue.pdf") == std::string::npos) {
        CHECK(d["split"] == *splits_of.at(kPbsDoi).begin());
        continue;
      }
      CHECK(d["splits"].size() == 2);  // not REQUIRE: main's export (no "splits") must still run every seed
      if (d["splits"].size() != 2) continue;
      CHECK(d["splits"][0]["part"] == 1);
      CHECK(d["splits"][0]["paper"] == std::string("doi:") + kCdseDoi);
      CHECK(d["splits"][0]["split"] == *splits_of.at(kCdseDoi).begin());
      CHECK(d["splits"][1]["paper"] == std::string("doi:") + kPbsDoi);
      CHECK(d["splits"][1]["split"] == *splits_of.at(kPbsDoi).begin());
    }
  }
}

TEST_CASE("parts: a part-2 record's year and journal are empty in the export, not the file's first paper's") {
  Issue lk;
  int part2 = 0;
  for (const auto& row : lk.exported(lk.dir / "ex", {"--keep-duplicates"})) {
    INFO(row.at("synthesis_id"), " ", row.at("document_sha256"));
    if (row.at("part") == "2") {
      ++part2;
      CHECK(row.at("doi") == kPbsDoi);
      CHECK(row.at("year").empty());
      CHECK(row.at("journal").empty());
    } else if (row.at("doi") == kCdseDoi) {
      CHECK(row.at("year") == "2024");
      CHECK(row.at("journal") == "Journal of Colloidal Nanocrystal Synthesis");
    } else {  // the PbS paper's own file
      CHECK(row.at("year") == "2021");
      CHECK(row.at("journal") == "Reports in Nanomaterials Chemistry");
    }
  }
  CHECK(part2 > 0);
}

TEST_CASE("parts: synthesis_wide, synthesis_provenance and search give a part-2 record or paragraph its part's DOI and title") {
  Issue lk;
  // The issue's part 2 and the PbS file are copies of one paper (s28-dupparts): an edit of a part-2
  // record makes the part the exported copy, so that its records are in the export and the views.
  const std::string part2_key = query_text(lk.db, "SELECT s.key FROM syntheses s JOIN paragraphs p ON p.document_id = "
                                                  "s.document_id AND p.ordinal = s.first_paragraph WHERE p.part = 2 "
                                                  "ORDER BY s.key LIMIT 1");
  REQUIRE(run_cli({"curate", "--db", lk.db.string(), "set", part2_key, "target", "PbS QDs", "--curator", "alice",
                   "--reason", "test"}).exit_code == 0);
  const auto rows = lk.exported(lk.dir / "ex");
  REQUIRE(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.at("part") == "2"; }) > 0);
  views_give_the_export_papers(lk.db, rows);
  // The PbS paper's records: the exported copy's (the issue's part 2), all under its DOI.
  CHECK(query_int(lk.db, "SELECT count(*) FROM synthesis_wide WHERE doi = '" + std::string(kPbsDoi) + "'") ==
        static_cast<long long>(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.at("doi") == kPbsDoi; })));
  const std::string pbs_title = query_text(lk.db, "SELECT title FROM document_parts WHERE part = 2");
  REQUIRE(!pbs_title.empty());
  // Search: a hit in the issue's part 2 names the PbS paper (--all-versions: since s28-dupparts the
  // part is a duplicate copy of the PbS file, out of exports and hidden by default).
  auto r = run_cli({"search", "--db", lk.db.string(), "--json", "--limit", "50", "--all-versions", "PbS"});
  REQUIRE(r.exit_code == 0);
  int in_part2 = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json hit = nlohmann::json::parse(line);
    if (hit["path"].get<std::string>().find("issue.pdf") == std::string::npos) continue;
    const long long part = query_int(lk.db, "SELECT p.part FROM paragraphs p JOIN documents d ON d.id = p.document_id "
                                            "WHERE d.sha256 = '" + hit["document_sha256"].get<std::string>() +
                                                "' AND p.ordinal = " + std::to_string(hit["paragraph"].get<int>()));
    INFO(line);
    if (part == 2) {
      ++in_part2;
      CHECK(hit["doi"] == kPbsDoi);
      CHECK(hit["title"] == pbs_title);
    } else {
      CHECK(hit["doi"] == kCdseDoi);
    }
  }
  CHECK(in_part2 > 0);
}

TEST_CASE("parts: a v17 database holding an issue PDF is upgraded to v18 with its curator edits kept, the views then give parts their paper") {
  Issue lk;
  // The same rows in a database built by the migrations up to v17 (v18 changes views only).
  const fs::path old = lk.dir / "v17.db";
  copy_to_old_schema(lk.db, old, 17);
  const std::string part2_key = query_text(old, "SELECT s.key FROM syntheses s JOIN paragraphs p ON p.document_id = s.document_id "
                                                "AND p.ordinal = s.first_paragraph WHERE p.part = 2 ORDER BY s.key LIMIT 1");
  const std::string part1_key = query_text(old, "SELECT s.key FROM syntheses s JOIN paragraphs p ON p.document_id = s.document_id "
                                                "AND p.ordinal = s.first_paragraph JOIN document_parts x ON x.document_id = "
                                                "s.document_id WHERE p.part = 1 ORDER BY s.key LIMIT 1");
  REQUIRE(!part2_key.empty());
  REQUIRE(!part1_key.empty());
  {
    synthdb::db::Database d(old, synthdb::db::OpenOptions{.migrate = false});
    d.exec("INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) VALUES "
           "('syntheses', '" + part2_key + "', 'target', NULL, 'PbS QDs', 'alice', 'v17', '2026-01-02T00:00:00Z'), "
           "('syntheses', '" + part1_key + "', 'status', NULL, 'failed', 'alice', 'v17', '2026-01-02T00:00:00Z')");
  }
  // Under v17 the views file the part-2 record under the CdSe paper (the bug).
  REQUIRE(wide(old, part2_key, "doi") == kCdseDoi);
  const std::string edits_sql = "SELECT group_concat(target_key || ' ' || field || ' ' || new_value || ' ' || curator || ' ' || at, '; ') "
                                "FROM (SELECT * FROM curation ORDER BY id)";
  const std::string edits = query_text(old, edits_sql);
  REQUIRE(run_cli({"stats", "--db", old.string()}).exit_code == 0);
  CHECK(query_int(old, "PRAGMA user_version") == synthdb::db::latest_schema_version());
  CHECK(query_int(old, "PRAGMA user_version") >= 18);
  CHECK(query_text(old, edits_sql) == edits);
  CHECK(wide(old, part2_key, "doi") == kPbsDoi);
  CHECK(wide(old, part2_key, "target") == "PbS QDs");
  CHECK(wide(old, part2_key, "year") == "NULL");
  CHECK(wide(old, part1_key, "doi") == kCdseDoi);
  CHECK(wide(old, part1_key, "status") == "failed");
  CHECK(wide(old, part1_key, "year") == "2024");
  const fs::path ex = lk.dir / "v17-export";
  auto r = run_cli({"export", "--db", old.string(), "--out", ex.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  views_give_the_export_papers(old, read_csv_file(ex / "syntheses.csv"));
  views_agree_with_export(old.string(), ex);
}
