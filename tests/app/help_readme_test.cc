// s19-prod2: `--help` and README agree. For every subcommand that `synthdb --help` lists (and each
// subcommand of `curate`), every long flag in the Options of `synthdb <cmd> --help` must be named in
// README.md's command-table row of that command or in a doc that row's last column names; and every
// flag the row names must be a flag of one of the row's commands. Runs build/synthdb.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

struct Help {
  std::set<std::string> flags;          // long flags of "Options:", --help left out
  std::vector<std::string> subcommands;  // names in "Subcommands:"
};

// CLI11's layout: a section title ("Options:") at column 0; an option line is indented and starts
// with "-x,--name" or "--name"; a subcommand line is indented by exactly two spaces, its description
// after two or more spaces (wrapped description lines are indented further).
Help parse_help(const std::string& text) {
  Help h;
  std::istringstream in(text);
  std::string line, section;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] != ' ') {
      section = line;
      continue;
    }
    const size_t b = line.find_first_not_of(' ');
    if (section == "Options:" && b != std::string::npos && line[b] == '-') {
      size_t at = line.find("--", b);
      if (at == std::string::npos || at > line.find(' ', b)) continue;  // a short flag alone
      size_t e = line.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-", at + 2);
      const std::string flag = line.substr(at, e - at);
      if (flag != "--help") h.flags.insert(flag);
    } else if (section == "Subcommands:" && b == 2) {
      const size_t e = line.find(' ', b);
      if (e != std::string::npos && line.compare(e, 2, "  ") == 0) h.subcommands.push_back(line.substr(b, e - b));
    }
  }
  return h;
}

Help help_of(const std::vector<std::string>& cmd) {
  std::vector<std::string> args = cmd;
  args.push_back("--help");
  CliResult r = run_cli(args);
  INFO("synthdb ", r.err);
  REQUIRE(r.exit_code == 0);
  return parse_help(r.out);
}

// The long flags named in `text` ("--max-failed", not "--" alone or "---").
std::set<std::string> flags_in(const std::string& text) {
  std::set<std::string> out;
  for (size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at + 2)) {
    if (at > 0 && (text[at - 1] == '-' || std::isalnum(static_cast<unsigned char>(text[at - 1])))) continue;
    size_t e = text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-", at + 2);
    std::string flag = text.substr(at, e == std::string::npos ? std::string::npos : e - at);
    while (!flag.empty() && flag.back() == '-') flag.pop_back();
    if (flag.size() > 2 && std::islower(static_cast<unsigned char>(flag[2]))) out.insert(flag);
  }
  return out;
}

struct Row {
  std::string text;                  // the whole table line
  std::vector<std::string> commands;  // `synthdb X` in its first cell
  std::vector<std::string> docs;      // `*.md` paths in its last cell
};

std::vector<Row> readme_rows(const std::string& readme) {
  std::vector<Row> rows;
  std::istringstream in(readme);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("| `synthdb ")) continue;
    Row r{line, {}, {}};
    const std::string first = line.substr(0, line.find(" | "));
    for (size_t at = first.find("`synthdb "); at != std::string::npos; at = first.find("`synthdb ", at + 1)) {
      const size_t b = at + 9, e = first.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", b);
      r.commands.push_back(first.substr(b, e - b));
    }
    const std::string last = line.substr(line.rfind(" | "));
    for (size_t at = last.find('`'); at != std::string::npos; at = last.find('`', at + 1)) {
      const size_t e = last.find('`', at + 1);
      if (e == std::string::npos) break;
      const std::string path = last.substr(at + 1, e - at - 1);
      if (path.ends_with(".md")) r.docs.push_back(path);
      at = e;
    }
    rows.push_back(r);
  }
  return rows;
}

// What differs, one line each: a command without a row, a --help flag named neither in its row nor
// in the row's docs, a row flag that no command of the row has.
std::vector<std::string> differences(const std::string& readme, const std::map<std::string, std::set<std::string>>& helps,
                                     const fs::path& source_dir) {
  std::vector<std::string> diff;
  const auto rows = readme_rows(readme);
  for (const auto& [cmd, flags] : helps) {
    const Row* row = nullptr;
    for (const Row& r : rows)
      if (std::find(r.commands.begin(), r.commands.end(), cmd) != r.commands.end()) row = &r;
    if (!row) {
      diff.push_back("synthdb " + cmd + ": no row in README.md's command table");
      continue;
    }
    std::string docs;
    for (const auto& d : row->docs) docs += read_all(source_dir / d);
    const std::set<std::string> in_row = flags_in(row->text), in_docs = flags_in(docs);
    for (const auto& f : flags)
      if (!in_row.count(f) && !in_docs.count(f))
        diff.push_back("synthdb " + cmd + " " + f + ": in --help, not in README.md's row or its docs");
  }
  for (const Row& r : rows) {
    std::set<std::string> known;
    for (const auto& c : r.commands)
      if (helps.count(c)) known.insert(helps.at(c).begin(), helps.at(c).end());
    for (const auto& f : flags_in(r.text))
      if (!known.count(f)) diff.push_back("README.md row of synthdb " + r.commands.front() + " names " + f +
                                          ", which no --help of the row lists");
  }
  return diff;
}

// Every subcommand's long flags; curate's include those of its own subcommands (set, list, ...).
std::map<std::string, std::set<std::string>> all_helps() {
  std::map<std::string, std::set<std::string>> helps;
  const Help top = help_of({});
  for (const auto& cmd : top.subcommands) {
    Help h = help_of({cmd});
    for (const auto& sub : h.subcommands) {
      Help hs = help_of({cmd, sub});
      h.flags.insert(hs.flags.begin(), hs.flags.end());
    }
    helps[cmd] = h.flags;
  }
  return helps;
}

}  // namespace

TEST_CASE("every flag of synthdb <cmd> --help is in README's command table or the doc it names, and back") {
  const fs::path src = SYNTHDB_SOURCE_DIR;
  const auto helps = all_helps();
  // The parser saw the commands and flags it checks.
  REQUIRE(helps.size() >= 14);
  CHECK(helps.at("ingest").count("--retry-failed") == 1);
  CHECK(helps.at("curate").count("--curator") == 1);  // from curate set --help
  CHECK(helps.at("stats").count("--max-failed") == 1);
  for (const auto& d : differences(read_all(src / "README.md"), helps, src)) FAIL_CHECK(d);
}

TEST_CASE("the help/README check fails when a flag is missing from README or README names a flag no command has") {
  const fs::path src = SYNTHDB_SOURCE_DIR;
  const auto helps = all_helps();
  const std::string readme = read_all(src / "README.md");
  auto joined = [&](const std::string& text) {
    std::string all;
    for (const auto& d : differences(text, helps, src)) all += d + "\n";
    return all;
  };
  REQUIRE(joined(readme).empty());
  // (search's row names schema/README.md, which does not name --section-type.)
  std::string no_flag = readme;
  const size_t at = no_flag.find(" [--section-type T]");
  REQUIRE(at != std::string::npos);
  no_flag.erase(at, 19);
  CHECK(joined(no_flag).find("synthdb search --section-type: in --help") != std::string::npos);
  std::string extra = readme;
  const size_t s = extra.find("`synthdb stats --db FILE");
  REQUIRE(s != std::string::npos);
  extra.insert(s + 24, " [--verbose]");
  CHECK(joined(extra).find("row of synthdb stats names --verbose") != std::string::npos);
  std::string no_row = readme;
  no_row.replace(no_row.find("| `synthdb merge "), 17, "| `synthdb xmerge ");
  CHECK(joined(no_row).find("synthdb merge: no row") != std::string::npos);
}
