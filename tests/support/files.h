#pragma once
// Readers of the files synthdb writes, shared by the test executables: export CSVs (RFC 4180) and
// JSON reports. Header-only so that any test directory can use it without a library of its own.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace synthdb::testing {

// The bytes of a file ("" when it cannot be read).
inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A JSON file (a --report, dataset.json); throws when it does not parse.
inline nlohmann::json read_json_file(const std::filesystem::path& p) {
  return nlohmann::json::parse(read_all(p));
}

// RFC 4180 rows of an export CSV (quoted commas, quotes and line breaks kept; CRLF or LF line ends),
// each as column name → cell. A row whose cell count differs from the header's throws, so a
// malformed export fails the test that reads it.
inline std::vector<std::map<std::string, std::string>> read_csv_file(const std::filesystem::path& p) {
  const std::string text = read_all(p);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') row.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else row.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      rows.push_back(std::move(row));
      row.assign(1, std::string());
    } else {
      row.back() += c;
    }
  }
  if (row.size() > 1 || !row.back().empty()) rows.push_back(std::move(row));  // no final line end
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != rows[0].size())
      throw std::runtime_error(p.string() + ": row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) +
                               " cells, the header " + std::to_string(rows[0].size()));
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < rows[0].size(); ++c) m[rows[0][c]] = std::move(rows[r][c]);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace synthdb::testing
