// s20-tidy: search and stats treat superseded versions and withdrawn documents as export does.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/app/cli.h"
#include "tests/db/temp_dir.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

// The hits of `synthdb search --json`, as JSON objects.
std::vector<nlohmann::json> search_json(const std::vector<std::string>& args) {
  std::vector<std::string> cmd = {"search", "--json", "--limit", "200"};
  cmd.insert(cmd.end(), args.begin(), args.end());
  auto r = run_cli(cmd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> hits;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    if (end > start) hits.push_back(nlohmann::json::parse(r.out.substr(start, end - start)));
    start = end + 1;
  }
  return hits;
}

std::set<std::string> shas(const std::vector<nlohmann::json>& hits) {
  std::set<std::string> out;
  for (const auto& h : hits) out.insert(h["document_sha256"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("search leaves out superseded versions and withdrawn documents unless --all-versions, and stats names their pages") {
  TempDir dir;
  const fs::path src = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";
  fs::create_directories(dir / "p");
  const fs::path cdse = dir / "p" / "cdse.pdf", pbs = dir / "p" / "pbs.pdf";
  fs::copy_file(src / "cdse-cds-hot-injection.pdf", cdse);
  fs::copy_file(src / "pbs-quantum-dots.pdf", pbs);
  const std::string db = (dir / "t.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);
  const std::string old_cdse = query_text(db, "SELECT sha256 FROM documents WHERE path = '" + cdse.string() + "'");
  const std::string pbs_sha = query_text(db, "SELECT sha256 FROM documents WHERE path = '" + pbs.string() + "'");
  REQUIRE(old_cdse.size() == 64);
  REQUIRE(pbs_sha.size() == 64);

  // Before: both documents are found.
  REQUIRE(shas(search_json({"--db", db, "CdSe"})).count(old_cdse) == 1);
  REQUIRE(shas(search_json({"--db", db, "PbS"})).count(pbs_sha) == 1);

  // The CdSe file edited in place (new bytes, same text): its old version is superseded.
  { std::ofstream(cdse, std::ios::binary | std::ios::app) << "\n% edited in place\n"; }
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);
  const std::string new_cdse = query_text(db, "SELECT sha256 FROM documents WHERE path = '" + cdse.string() +
                                                  "' AND sha256 <> '" + old_cdse + "'");
  REQUIRE(new_cdse.size() == 64);
  REQUIRE(query_int(db, "SELECT count(*) FROM superseded_documents WHERE sha256 = '" + old_cdse + "'") == 1);
  // The PbS paper withdrawn.
  REQUIRE(run_cli({"remove", "--db", db, "--reason", "retracted", "--curator", "ops", pbs.string()}).exit_code == 0);

  // search: only the current version of the CdSe paper, nothing of the withdrawn PbS paper.
  const auto cd = shas(search_json({"--db", db, "CdSe"}));
  CHECK(cd.count(new_cdse) == 1);
  CHECK(cd.count(old_cdse) == 0);
  CHECK(shas(search_json({"--db", db, "PbS"})).count(pbs_sha) == 0);
  auto text = run_cli({"search", "--db", db, "PbS", "--limit", "200"});
  CHECK(text.exit_code == 0);
  CHECK(!has(text.out, pbs.string()));
  CHECK(!has(text.out, "out of exports"));

  // --all-versions: both again, named as out of exports.
  const auto all_cd = search_json({"--db", db, "CdSe", "--all-versions"});
  CHECK(shas(all_cd).count(old_cdse) == 1);
  CHECK(shas(all_cd).count(new_cdse) == 1);
  for (const auto& h : all_cd) {
    if (h["document_sha256"] == old_cdse) CHECK(h["out_of_exports"] == "superseded");
    if (h["document_sha256"] == new_cdse) CHECK(h["out_of_exports"].is_null());
  }
  const auto all_pbs = search_json({"--db", db, "PbS", "--all-versions"});
  REQUIRE(shas(all_pbs).count(pbs_sha) == 1);
  for (const auto& h : all_pbs)
    if (h["document_sha256"] == pbs_sha) CHECK(h["out_of_exports"] == "withdrawn");
  auto all_text = run_cli({"search", "--db", db, "PbS", "--all-versions", "--limit", "200"});
  CHECK(has(all_text.out, pbs.string()));
  CHECK(has(all_text.out, "(withdrawn, out of exports)"));

  // stats: "pages" counts every ok document as "ok" does, and names the pages out of exports.
  const long long pages_old = query_int(db, "SELECT pages FROM documents WHERE sha256 = '" + old_cdse + "'");
  const long long pages_new = query_int(db, "SELECT pages FROM documents WHERE sha256 = '" + new_cdse + "'");
  const long long pages_pbs = query_int(db, "SELECT pages FROM documents WHERE sha256 = '" + pbs_sha + "'");
  REQUIRE(pages_old > 0);
  REQUIRE(pages_pbs > 0);
  auto s = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out)["documents"];
  CHECK(s["ok"] == 3);
  CHECK(s["superseded"] == 1);
  CHECK(s["withdrawn"] == 1);
  CHECK(s["pages"] == pages_old + pages_new + pages_pbs);
  CHECK(s["pages_out_of_exports"] == pages_old + pages_pbs);
  auto st = run_cli({"stats", "--db", db});
  INFO(st.out);
  CHECK(has(st.out, std::to_string(pages_old + pages_new + pages_pbs) + " pages of which " +
                        std::to_string(pages_old + pages_pbs) + " out of exports"));

  // Restored: its pages and paragraphs are in again.
  REQUIRE(run_cli({"remove", "--db", db, "--undo", pbs.string()}).exit_code == 0);
  CHECK(shas(search_json({"--db", db, "PbS"})).count(pbs_sha) == 1);
  s = nlohmann::json::parse(run_cli({"stats", "--db", db, "--json"}).out)["documents"];
  CHECK(s["pages_out_of_exports"] == pages_old);
}

// The `add` tests' start: the ZnSe sample ingested into dir/s.db (dir canonical, as the messages
// name files by the path given).
struct IngestedZnse {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  const std::string db = (dir / "s.db").string();

  IngestedZnse() {
    fs::create_directories(dir / "in");
    fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "znse.txt");
    REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db}).exit_code == 0);
  }
};

TEST_CASE_FIXTURE(IngestedZnse, "add names a one-record JSON Lines file as file:1 and says 'add:' once") {
  const fs::path add = dir / "man.jsonl";
  { std::ofstream(add) << R"({"target":"ZnS","status":"failed","materials":[{"name":"zinc oxide","role":"precursor"}]})" << "\n"; }
  REQUIRE(run_cli({"add", "--db", db, "--json", add.string(), "--curator", "alice"}).exit_code == 0);
  auto again = run_cli({"add", "--db", db, "--json", add.string(), "--curator", "alice"});
  CHECK(again.exit_code == 1);
  CHECK(has(again.err, "add: " + add.string() + ":1: a record with key"));
  CHECK(!has(again.err, "add: add:"));
  CHECK(!has(again.err, ": add: "));
}

TEST_CASE_FIXTURE(IngestedZnse, "add takes conditions as text with their unit and fills a material's normalized name and formula") {
  const fs::path add = dir / "nb.jsonl";
  {
    std::ofstream(add)
        << R"({"key":"nb-u","target":"CdSe","status":"failed","reaction_time_s":"2 min","growth_temperature_c":"553 K",)"
        << R"("steps":[{"operation":"heating","temperature_c":"573.15 K","time_s":"1.5 h"}],)"
        << R"("materials":[{"name":"CdO","role":"precursor"},{"name":"OAm","role":"ligand","normalized":"my amine"}]})"
        << "\n"
        << R"({"key":"nb-bad","target":"CdSe","status":"failed","reaction_time_s":"2 kg"})" << "\n";
  }
  auto r = run_cli({"add", "--db", db, "--json", add.string(), "--curator", "alice"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "add: " + add.string() + ":2: reaction_time_s \"2 kg\": \"kg\" is not a time unit"));
  CHECK(query_text(db, "SELECT reaction_time_s FROM syntheses WHERE key = 'nb-u'") == "120.0");
  CHECK(query_text(db, "SELECT growth_temperature_c FROM syntheses WHERE key = 'nb-u'") == "279.85");
  CHECK(query_text(db, "SELECT temperature_c || ' ' || time_s FROM synthesis_steps s JOIN syntheses y ON y.id = s.synthesis_id "
                       "WHERE y.key = 'nb-u'") == "300.0 5400.0");
  CHECK(query_text(db, "SELECT normalized || '|' || formula FROM synthesis_materials m JOIN syntheses y ON y.id = m.synthesis_id "
                       "WHERE y.key = 'nb-u' AND m.name = 'CdO'") == "cadmium oxide|CdO");
  CHECK(query_text(db, "SELECT normalized FROM synthesis_materials m JOIN syntheses y ON y.id = m.synthesis_id "
                       "WHERE y.key = 'nb-u' AND m.name = 'OAm'") == "my amine");
}

TEST_CASE_FIXTURE(IngestedZnse, "add reports the errors of a file in line order, parse and store errors alike") {
  const fs::path first = dir / "first.jsonl";
  { std::ofstream(first) << R"({"key":"nb-1","target":"ZnS","status":"failed"})" << "\n"; }
  REQUIRE(run_cli({"add", "--db", db, "--json", first.string(), "--curator", "alice"}).exit_code == 0);
  // Line 1 fails when stored (its key exists), line 2 when read, line 3 is added, line 4 fails when read.
  const fs::path mixed = dir / "mixed.jsonl";
  {
    std::ofstream(mixed) << R"({"key":"nb-1","target":"ZnS","status":"failed"})" << "\n"
                         << "{not json\n"
                         << R"({"key":"nb-2","target":"ZnSe","status":"success"})" << "\n"
                         << R"({"targt":"CdSe"})" << "\n";
  }
  auto r = run_cli({"add", "--db", db, "--json", mixed.string(), "--curator", "alice"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "nb-2"));
  const std::string where = "add: " + mixed.string() + ":";
  const size_t l1 = r.err.find(where + "1: "), l2 = r.err.find(where + "2: "), l4 = r.err.find(where + "4: ");
  INFO(r.err);
  REQUIRE(l1 != std::string::npos);
  REQUIRE(l2 != std::string::npos);
  REQUIRE(l4 != std::string::npos);
  CHECK(l1 < l2);
  CHECK(l2 < l4);
}
