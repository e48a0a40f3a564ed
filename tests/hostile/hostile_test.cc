// Hostile input: the generated corpus of broken, malicious and odd files (tests/hostile/make-hostile)
// goes through the real CLI (build/synthdb) and a real SQLite file. Each bad input must end in a
// one-line reason naming the file and, for ingest, a failed row in `documents`; the run goes on.
#include <sqlite3.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/hostile/support.h"

using namespace hostile;
using nlohmann::json;

namespace {

struct Expectation {
  std::string status;  // ok | failed | any | not-ok
  std::string reason;  // regex the failure reason must match
  bool root_skip = false;
};

std::map<std::string, Expectation> load_expectations(const fs::path& dir) {
  json j = json::parse(read_all(dir / "expectations.json"));
  std::map<std::string, Expectation> out;
  for (auto& [name, e] : j.at("files").items()) {
    out[name] = {e.at("status").get<std::string>(), e.at("reason").get<std::string>(),
                 e.value("root_skip", false)};
  }
  return out;
}

struct DocRow {
  std::string path;
  std::string status;
  std::string error;
  int paragraphs = 0;
};

struct Db {
  sqlite3* db = nullptr;
  explicit Db(const fs::path& p) {
    REQUIRE(sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Db() { sqlite3_close(db); }
  std::vector<std::vector<std::string>> query(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::vector<std::vector<std::string>> rows;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK, sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        auto* t = sqlite3_column_text(st, i);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return rows;
  }
};

bool is_root() { return geteuid() == 0; }

bool parses_as_json(const std::string& text) {
  return !json::parse(text, nullptr, /*allow_exceptions=*/false).is_discarded();
}

// The part of a message after the file's name, so that a reason pattern cannot match the path
// itself ("nul-bytes.txt" contains "nul").
std::string after_name(const std::string& message, const std::string& name) {
  auto pos = message.rfind(name);
  return pos == std::string::npos ? message : message.substr(pos + name.size());
}

// The stderr line that reports `name`, or "" when none does.
std::string line_naming(const std::string& err, const std::string& name) {
  for (const auto& line : lines_of(err)) {
    if (line.find(name) != std::string::npos) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("hostile: make-hostile writes the corpus it promises") {
  TempDir tmp;
  make_hostile(tmp.path());
  auto exp = load_expectations(tmp.path());
  CHECK(exp.size() >= 25);
  for (const auto& [name, e] : exp) {
    fs::path p = tmp.path() / "corpus" / name;
    CHECK_MESSAGE((fs::exists(fs::symlink_status(p))), name);
    CHECK_MESSAGE((e.status == "ok" || e.status == "failed" || e.status == "any" || e.status == "not-ok"), name);
  }
  CHECK(fs::file_size(tmp.path() / "corpus" / "empty.pdf") == 0);
  CHECK(fs::is_fifo(tmp.path() / "corpus" / "fifo.pdf"));
  CHECK(fs::is_symlink(tmp.path() / "corpus" / "loop"));
  CHECK(read_all(tmp.path() / "corpus" / "image.pdf").rfind("\x89PNG", 0) == 0);
  // The PDF bomb really claims 100,000 pages (pdfinfo is in poppler-utils, installed by setup).
  RunResult info = run("pdfinfo " + quote((tmp.path() / "corpus" / "bomb-pages.pdf").string()), tmp.path(), 60);
  CHECK(info.out.find("100000") != std::string::npos);
  // qpdf --requires-password: 0 = needs a password, 3 = encrypted but opens without one.
  auto requires_password = [&](const std::string& name) {
    return run("qpdf --requires-password " + quote((tmp.path() / "corpus" / name).string()), tmp.path(), 30).code;
  };
  CHECK(requires_password("encrypted-user.pdf") == 0);
  CHECK(requires_password("encrypted-owner.pdf") == 3);
}

TEST_CASE("hostile: quote() makes any string one shell word, embedded quotes too") {
  TempDir tmp;
  // Quotes, expansions, a glob, a separator and a line break: printf gets one argument, unchanged.
  const std::string word = "it's \"$HOME\" $(false) `id` * ; x\n'";
  RunResult r = run("printf %s " + quote(word), tmp.path(), 30);
  CHECK(r.code == 0);
  CHECK(r.out == word);
}

TEST_CASE("hostile: synthdb text gives a one-line reason naming each bad file") {
  TempDir tmp;
  if (not_implemented("text", tmp.path())) {
    MESSAGE("synthdb text is not implemented yet: nothing to check");
    return;
  }
  make_hostile(tmp.path());
  for (const auto& [name, e] : load_expectations(tmp.path())) {
    fs::path p = tmp.path() / "corpus" / name;
    if (!fs::is_regular_file(fs::symlink_status(p))) continue;  // FIFOs, links, directories: ingest's walk
    if (e.root_skip && is_root()) continue;
    CAPTURE(name);
    RunResult r = run(synthdb_cmd() + " text " + quote(p.string()), tmp.path(), 60);
    CHECK_FALSE(r.signaled);
    CHECK_FALSE(r.timed_out);
    if (e.status == "ok") {
      CHECK(r.code == 0);
      CHECK_FALSE(r.out.empty());
      for (const auto& line : lines_of(r.out)) CHECK(parses_as_json(line));
    } else if (e.status == "failed" || (e.status == "any" && r.code != 0)) {
      CHECK(r.code != 0);
      auto err = lines_of(r.err);
      CHECK_MESSAGE(err.size() == 1, r.err.substr(0, 2000));
      if (!err.empty()) {
        CHECK_MESSAGE(err.back().find(name) != std::string::npos, err.back());
        CHECK_MESSAGE(matches(after_name(err.back(), name), e.reason), err.back(), " !~ /", e.reason, "/");
      }
    }
  }
}

TEST_CASE("hostile: ingest finishes, records every bad file as failed with its reason, keeps the good ones") {
  TempDir tmp;
  if (not_implemented("ingest", tmp.path()) || model_missing()) {
    MESSAGE("synthdb ingest or the shipped model is not there yet: nothing to check");
    return;
  }
  make_hostile(tmp.path());
  auto expectations = load_expectations(tmp.path());
  fs::path db_path = tmp.path() / "hostile.db";
  fs::path report = tmp.path() / "report.json";
  // One real typeset sample paper next to the hostile corpus.
  const std::string sample = "cdse-cds-hot-injection.pdf";
  const fs::path sample_path = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / sample;
  RunResult r = run(synthdb_cmd() + " ingest " + quote((tmp.path() / "corpus").string()) + " " +
                        quote(sample_path.string()) + " --db " + quote(db_path.string()) +
                        " --jobs 2 --timeout 20 --report " + quote(report.string()),
                    tmp.path(), 300);
  INFO("stderr (first 3000 bytes): ", r.err.substr(0, 3000));
  CHECK_FALSE(r.signaled);
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.code == 1);  // the run finished, some documents failed
  // Reasons are one line each: no flood of parser diagnostics on stderr.
  CHECK(lines_of(r.err).size() < 200);

  Db db(db_path);
  CHECK(db.query("PRAGMA integrity_check")[0][0] == "ok");
  std::vector<DocRow> rows;
  for (auto& row : db.query("SELECT path, status, coalesce(error, ''), paragraph_count FROM documents")) {
    rows.push_back({row[0], row[1], row[2], std::stoi(row[3])});
  }
  // The directory loop is not followed forever, and nothing is stored twice.
  CHECK(rows.size() <= expectations.size() + 1);
  auto find = [&](const std::string& name) -> const DocRow* {
    for (const auto& d : rows) {
      if (ends_with(d.path, "/" + name)) return &d;
    }
    return nullptr;
  };
  for (const auto& [name, e] : expectations) {
    if (e.root_skip && is_root()) continue;  // root reads chmod 000 files: nothing to refuse
    CAPTURE(name);
    const DocRow* d = find(name);
    if (e.status == "ok") {
      REQUIRE(d != nullptr);
      CHECK(d->status == "ok");
      CHECK(d->paragraphs > 0);
    } else if (e.status == "failed") {
      REQUIRE(d != nullptr);
      CHECK(d->status == "failed");
      CHECK_MESSAGE(matches(after_name(d->error, name), e.reason), d->error, " !~ /", e.reason, "/");
      CHECK_MESSAGE(lines_of(d->error).size() == 1, d->error);
      std::string line = line_naming(r.err, name);
      CHECK_MESSAGE(!line.empty(), "no log line names ", name);
      CHECK_MESSAGE(matches(after_name(line, name), e.reason), line);
    } else if (e.status == "any") {
      REQUIRE(d != nullptr);
      if (d->status == "failed") CHECK_MESSAGE(matches(after_name(d->error, name), e.reason), d->error);
    } else {  // not-ok: special files are never stored as ok documents
      if (d != nullptr) CHECK(d->status == "failed");
    }
  }
  if (fs::exists(sample_path)) {
    const DocRow* d = find(sample);
    REQUIRE(d != nullptr);
    CHECK(d->status == "ok");
    CHECK(d->paragraphs > 5);
  }
  CHECK(fs::exists(report));
  CHECK(parses_as_json(read_all(report)));

  // A second run does no new work and fails the same way (the failures are still there).
  RunResult again = run(synthdb_cmd() + " ingest " + quote((tmp.path() / "corpus").string()) + " --db " +
                            quote(db_path.string()) + " --jobs 2 --timeout 20",
                        tmp.path(), 300);
  CHECK_FALSE(again.signaled);
  CHECK_FALSE(again.timed_out);
  CHECK((again.code == 0 || again.code == 1));
  CHECK(Db(db_path).query("SELECT count(*) FROM documents")[0][0] == std::to_string(rows.size()));
}

namespace {

// Runs a JSON Lines subcommand on malformed.jsonl and checks one answer per input line.
// `names_line`: the error text must name the input line ("stdin:7:" / "line 7").
void check_jsonl_command(const std::string& sub, const std::string& result_key, bool names_line) {
  TempDir tmp;
  if (not_implemented(sub, tmp.path()) || (sub == "classify" && model_missing())) {
    MESSAGE("synthdb ", sub, " or the shipped model is not there yet: nothing to check");
    return;
  }
  make_hostile(tmp.path());
  json exp = json::parse(read_all(tmp.path() / "expectations.json"));
  std::vector<std::string> kinds = exp.at("malformed_jsonl").get<std::vector<std::string>>();
  RunResult r = run(synthdb_cmd() + " " + sub, tmp.path(), 120, (tmp.path() / "malformed.jsonl").string());
  INFO("stderr: ", r.err.substr(0, 2000));
  CHECK_FALSE(r.signaled);
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.code == 1);  // some lines failed
  auto out = lines_of(r.out);
  REQUIRE(out.size() == kinds.size());
  for (size_t i = 0; i < out.size(); ++i) {
    CAPTURE(i);
    json j;
    REQUIRE_NOTHROW(j = json::parse(out[i]));
    REQUIRE(j.is_object());
    bool is_error = j.contains("error") && j["error"].is_string() && !j["error"].get<std::string>().empty();
    if (kinds[i] == "ok") {
      CHECK_FALSE(is_error);
      CHECK(j.contains(result_key));
    } else if (kinds[i] == "error") {
      CHECK_MESSAGE(is_error, out[i].substr(0, 300));
      if (is_error && names_line) {
        // The reason names the input line (1-based), e.g. "stdin:7: ..." or "line 7: ...".
        CHECK_MESSAGE(matches(j["error"].get<std::string>(), "(line |:)" + std::to_string(i + 1) + "\\b"),
                      j["error"].get<std::string>());
      }
    } else {
      CHECK((is_error || j.contains(result_key)));
    }
  }
}

}  // namespace

TEST_CASE("hostile: extract answers every malformed JSON line with one line") {
  check_jsonl_command("extract", "entities", true);
}

TEST_CASE("hostile: classify answers every malformed JSON line with one line") {
  check_jsonl_command("classify", "label", true);
}

// Found by this suite (2026-11-25): libstdc++'s std::regex recurses once per matched character,
// so a long run that a pattern's `+` consumes overflows the stack.
// (1) extract/pdf's DOI regex: `synthdb text` died with SIGSEGV on "10.1234/" + 200,000 letters
//     (fixed in 1dafd5a "extract/pdf: scan for DOIs without std::regex"); this is the regression test.
TEST_CASE("hostile: a 200,000-character DOI-like token crashes neither text nor ingest") {
  TempDir tmp;
  fs::path doi = tmp.path() / "doi-bomb.txt";
  {
    std::ofstream out(doi, std::ios::binary);
    out << "Title\n\nSee doi 10.1234/" << std::string(200000, 'a') << "\n";
  }
  RunResult text = run(synthdb_cmd() + " text " + quote(doi.string()), tmp.path(), 60);
  CHECK_FALSE(text.signaled);
  CHECK((text.code == 0 || text.code == 1 || text.code == 3));
  if (model_missing()) return;
  fs::path db = tmp.path() / "t.db";
  RunResult ingest = run(synthdb_cmd() + " ingest " + quote(doi.string()) + " --db " + quote(db.string()) + " -q",
                         tmp.path(), 120);
  CHECK_FALSE(ingest.signaled);
  CHECK(ingest.err.find("signal") == std::string::npos);
}

// (2) db/export.cc compiled --target with std::regex: a 100,000-character pattern died with
//     SIGSEGV. Fixed by compiling the pattern with RE2.
TEST_CASE("hostile: a 100,000-character export --target pattern does not crash") {
  TempDir tmp;
  if (not_implemented("ingest", tmp.path()) || model_missing()) return;
  fs::path db = tmp.path() / "t.db";
  RunResult ingest = run(synthdb_cmd() + " ingest " + quote(std::string(SYNTHDB_SOURCE_DIR) + "/corpus-samples/cdse-cds-hot-injection.pdf") +
                             " --db " + quote(db.string()) + " -q",
                         tmp.path(), 120);
  REQUIRE((ingest.code == 0 || ingest.code == 1));
  setenv("SYNTHDB_HOSTILE", std::string(100000, 'A').c_str(), 1);
  RunResult exp = run(synthdb_cmd() + " export --db " + quote(db.string()) + " --out " +
                          quote((tmp.path() / "out").string()) + " --target \"$SYNTHDB_HOSTILE\"",
                      tmp.path(), 60);
  CHECK_FALSE(exp.signaled);
  CHECK(exp.code <= 3);
}

// chmod 000 means nothing to root, and CI runs as root. So when root, run the ingest as `nobody`
// (setpriv, util-linux) on a directory that nobody may write: then the file is really unreadable.
TEST_CASE("hostile: an unreadable file is stored as failed with the reason (as a non-root user)") {
  TempDir tmp;
  if (not_implemented("ingest", tmp.path()) || model_missing()) {
    MESSAGE("synthdb ingest or the shipped model is not there yet: nothing to check");
    return;
  }
  std::string prefix;
  if (is_root()) {
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      MESSAGE("running as root without setpriv: cannot make a file unreadable");
      return;
    }
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  fs::path dir = tmp.path() / "work";
  fs::create_directories(dir / "in");
  {
    std::ofstream(dir / "in" / "readable.txt") << "CdSe nanocrystals were heated to 240 C.\n";
    std::ofstream(dir / "in" / "secret.txt") << "Nobody may read this paragraph.\n";
  }
  fs::permissions(dir / "in" / "secret.txt", fs::perms::none);
  fs::permissions(tmp.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir, fs::perms::all);
  fs::permissions(dir / "in", fs::perms::all);
  // The binary and data directory must be reachable for `nobody`.
  RunResult probe = run(prefix + synthdb_cmd() + " --version", dir, 30);
  if (probe.code != 0) {
    MESSAGE("synthdb is not runnable as nobody here (", probe.err, "): skipped");
    return;
  }
  fs::path db = dir / "u.db";
  RunResult r = run(prefix + synthdb_cmd() + " ingest " + quote((dir / "in").string()) + " --db " +
                        quote(db.string()) + " --jobs 1",
                    dir, 120);
  INFO("stderr: ", r.err);
  CHECK_FALSE(r.signaled);
  CHECK(r.code == 1);
  Db d(db);
  auto rows = d.query("SELECT path, status, coalesce(error, '') FROM documents ORDER BY path");
  REQUIRE(rows.size() == 2);
  CHECK(ends_with(rows[0][0], "/readable.txt"));
  CHECK(rows[0][1] == "ok");
  CHECK(ends_with(rows[1][0], "/secret.txt"));
  CHECK(rows[1][1] == "failed");
  CHECK_MESSAGE(matches(after_name(rows[1][2], "secret.txt"), "permission|cannot (open|read)|denied"), rows[1][2]);
  CHECK(line_naming(r.err, "secret.txt") != "");
}
