// s20-paras: the export carries the texts its span columns point into (paragraphs.csv /
// paragraphs.jsonl). README command 1 (ingest corpus-samples, export) through the real binary: every
// paragraph/start/end of materials.csv, steps.csv and outcomes.csv slices the paragraphs.csv text to
// exactly the text the database stored for that span, and paragraphs.csv holds exactly the
// paragraphs the exported records cite (filters and duplicate skipping respected).
#include <cctype>
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

using Row = std::map<std::string, std::string>;

std::vector<std::string> header(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// Code points [start, end) of UTF-8 `s` (the extractor's offsets).
std::string slice(const std::string& s, long long start, long long end) {
  size_t i = 0, begin = std::string::npos;
  long long cp = 0;
  for (; i <= s.size(); ++cp) {
    if (cp == start) begin = i;
    if (cp == end) return begin == std::string::npos ? "<bad start>" : s.substr(begin, i - begin);
    if (i == s.size()) break;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return "<out of range>";
}

using Para = std::pair<std::string, long long>;  // document_sha256, paragraph

// Every (document, paragraph) the exported rows of `dir` cite.
std::set<Para> cited(const fs::path& dir) {
  std::map<std::string, std::string> doc_of;
  std::set<Para> out;
  for (const Row& r : read_csv_file(dir / "syntheses.csv")) {
    doc_of[r.at("synthesis_id")] = r.at("document_sha256");
    if (r.at("document_sha256").empty()) continue;
    for (long long p : nlohmann::json::parse(r.at("paragraphs")).get<std::vector<long long>>())
      out.insert({r.at("document_sha256"), p});
  }
  const std::map<std::string, std::vector<std::string>> span_columns = {
      {"materials.csv", {"paragraph", "amount_paragraph"}},
      {"steps.csv", {"paragraph", "temperature_paragraph", "time_paragraph"}},
      {"outcomes.csv", {"paragraph"}},
      {"syntheses.csv", {"target_paragraph", "failure_cue_paragraph"}}};
  for (const auto& [file, cols] : span_columns)
    for (const Row& r : read_csv_file(dir / file))
      for (const std::string& c : cols)
        if (!r.at(c).empty()) out.insert({doc_of.at(r.at("synthesis_id")), std::stoll(r.at(c))});
  return out;
}

}  // namespace

TEST_CASE("test support: read_csv_file keeps quoted commas, quotes and line breaks, and refuses a ragged row") {
  TempDir dir;
  std::ofstream(dir / "ok.csv", std::ios::binary) << "a,b\r\n\"x, \"\"y\"\"\",\"line 1\nline 2\"\r\n,\r\n";
  const auto rows = read_csv_file(dir / "ok.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("a") == "x, \"y\"");
  CHECK(rows[0].at("b") == "line 1\nline 2");
  CHECK(rows[1].at("a").empty());
  std::ofstream(dir / "ragged.csv", std::ios::binary) << "a,b\n1,2,3\n";
  CHECK_THROWS_WITH_AS(read_csv_file(dir / "ragged.csv"), doctest::Contains("row 1 has 3 cells"), std::runtime_error);
}

TEST_CASE("export paragraphs.csv: README command 1's spans slice its texts to the stored evidence") {
  TempDir dir;
  const fs::path db = dir / "s.db", ex = dir / "export";
  auto in = run_cli({"ingest", (fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples").string(), "--db", db.string()});
  INFO(in.err);
  REQUIRE(in.exit_code <= 1);  // 1: the hostile samples fail, as in README command 1
  REQUIRE(query_int(db, "SELECT count(*) FROM syntheses") > 30);
  auto r = run_cli({"export", "--db", db.string(), "--out", ex.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(header(ex / "paragraphs.csv") ==
        std::vector<std::string>{"document_sha256", "paragraph", "page", "kind", "section", "text", "part"});

  std::map<Para, std::string> text;
  std::vector<Para> order;
  for (const Row& p : read_csv_file(ex / "paragraphs.csv")) {
    const Para key{p.at("document_sha256"), std::stoll(p.at("paragraph"))};
    CHECK(text.emplace(key, p.at("text")).second);  // one row per paragraph
    order.push_back(key);
  }
  REQUIRE(!text.empty());
  CHECK(std::is_sorted(order.begin(), order.end()));
  // Exactly the cited paragraphs, not the whole corpus (nor the skipped duplicate copy).
  std::set<Para> rows;
  for (const auto& [k, v] : text) rows.insert(k);
  CHECK(rows == cited(ex));
  CHECK(static_cast<long long>(text.size()) <
        query_int(db, "SELECT count(*) FROM paragraphs WHERE document_id IN (SELECT document_id FROM syntheses)"));

  // Each span slices to the text the database stored for it (the entity the row was read from).
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  auto evidence = d.prepare(
      "SELECT e.text FROM entities e JOIN paragraphs p ON p.id = e.paragraph_id JOIN documents doc ON "
      "doc.id = p.document_id WHERE doc.sha256 = ?1 AND p.ordinal = ?2 AND e.start = ?3 AND e.end = ?4");
  std::map<std::string, std::string> doc_of;
  for (const Row& s : read_csv_file(ex / "syntheses.csv")) doc_of[s.at("synthesis_id")] = s.at("document_sha256");
  const std::map<std::string, std::vector<std::string>> spans = {
      {"materials.csv", {"", "amount_"}}, {"steps.csv", {"", "temperature_", "time_"}}, {"outcomes.csv", {""}},
      {"syntheses.csv", {"target_", "failure_cue_"}}};
  long long checked = 0, unmatched = 0;
  for (const auto& [file, prefixes] : spans)
    for (const Row& row : read_csv_file(ex / file))
      for (const std::string& p : prefixes) {
        if (row.at(p + "paragraph").empty()) continue;
        const Para key{doc_of.at(row.at("synthesis_id")), std::stoll(row.at(p + "paragraph"))};
        INFO(file, " ", row.count("item_key") ? row.at("item_key") : row.at("synthesis_id"), " ", p, "span");
        REQUIRE(text.count(key));
        const long long start = std::stoll(row.at(p + "start")), end = std::stoll(row.at(p + "end"));
        const std::string got = slice(text.at(key), start, end);
        evidence.reset();
        evidence.bind(1, key.first)
            .bind(2, static_cast<int64_t>(key.second))
            .bind(3, static_cast<int64_t>(start))
            .bind(4, static_cast<int64_t>(end));
        if (evidence.step()) {
          CHECK(got == evidence.column_text(0));
          ++checked;
        } else {
          // Spans the records layer makes without an entity of their own: a seed-solution material
          // (its name as written) and the nm row of an FWHM given in nm (the number alone).
          if (file != "syntheses.csv") ++unmatched;  // targets from headings have no entity by design
          // A record's target from a heading or title word (records layer): its name as written,
          // the target column in the case it was normalised to, maybe with a head noun after it.
          auto lower = [](std::string x) {
            for (char& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return x;
          };
          if (file == "syntheses.csv" && p == "target_") CHECK(lower(got).rfind(lower(row.at("target")), 0) == 0);
          else if (file == "syntheses.csv") CHECK((!got.empty() && got[0] != '<'));
          else if (file == "materials.csv" && p.empty()) CHECK(got == row.at("name"));
          else if (file == "outcomes.csv") CHECK(got == row.at("value"));
          else CHECK(got == "<no stored evidence for this span>");
        }
      }
  MESSAGE("spans checked against stored evidence: " << checked << ", without a stored entity: " << unmatched);
  CHECK(checked > 700);
  CHECK(unmatched < 20);

  auto ds = nlohmann::json::parse(read_all(ex / "dataset.json"));
  CHECK(ds["files"]["paragraphs.csv"]["rows"].get<size_t>() == text.size());
  CHECK(ds["files"]["paragraphs.csv"]["columns"].size() == 7);
  CHECK(ds["counts"]["paragraphs"].get<size_t>() == text.size());

  // JSON Lines: the same rows; into the same folder, where it replaces paragraphs.csv.
  const fs::path jx = ex;
  REQUIRE(run_cli({"export", "--db", db.string(), "--out", jx.string(), "--format", "jsonl"}).exit_code == 0);
  CHECK(!fs::exists(jx / "paragraphs.csv"));
  std::ifstream jl(jx / "paragraphs.jsonl");
  std::string line;
  size_t n = 0;
  while (std::getline(jl, line)) {
    auto j = nlohmann::json::parse(line);
    const Para key{j.at("document_sha256").get<std::string>(), j.at("paragraph").get<long long>()};
    REQUIRE(text.count(key));
    CHECK(j.at("text").get<std::string>() == text.at(key));
    ++n;
  }
  CHECK(n == text.size());

  // Filters: only the paragraphs of the exported (failed) records.
  const fs::path fx = dir / "failed";
  REQUIRE(run_cli({"export", "--db", db.string(), "--out", fx.string(), "--status", "failed"}).exit_code == 0);
  std::set<Para> failed_rows;
  for (const Row& p : read_csv_file(fx / "paragraphs.csv")) failed_rows.insert({p.at("document_sha256"), std::stoll(p.at("paragraph"))});
  CHECK(failed_rows == cited(fx));
  CHECK(failed_rows.size() < text.size());
  // A filter that matches nothing: a header-only paragraphs.csv.
  REQUIRE(run_cli({"export", "--db", db.string(), "--out", fx.string(), "--target", "^nothing-matches$"}).exit_code == 0);
  CHECK(read_csv_file(fx / "paragraphs.csv").empty());
  CHECK(fs::exists(fx / "paragraphs.csv"));
}
