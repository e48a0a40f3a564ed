#include "extract/core/tsv.h"

#include <algorithm>
#include <fstream>

#include "extract/core/error.h"
#include "extract/core/utf8.h"

namespace synthdb {

std::string read_lexicon_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw RuleError(path.string() + ": cannot open lexicon");
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw RuleError(path.string() + ": cannot read lexicon");
  }
  return bytes;
}

// A lexicon file is read at once and split in place: a getline() and a UTF-8 check per row cost more
// than the rest of the parse (s15-tidy). One check covers the whole file; only a file that fails it
// is checked row by row, so that the error names the line and a comment line is never checked.
std::vector<TsvRow> read_tsv(const std::filesystem::path& path, size_t min_fields) {
  return parse_tsv(read_lexicon_file(path), path, min_fields);
}

std::vector<TsvRow> parse_tsv(std::string_view bytes, const std::filesystem::path& path, size_t min_fields) {
  const bool valid = valid_utf8(bytes);
  std::vector<TsvRow> rows;
  int number = 0;
  for (size_t next = 0; next < bytes.size();) {
    const size_t end = std::min(bytes.find('\n', next), bytes.size());
    std::string_view line(bytes.data() + next, end - next);
    next = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!valid && !valid_utf8(line)) {
      throw RuleError(path.string() + ":" + std::to_string(number) + ": not valid UTF-8");
    }
    TsvRow row;
    row.line = number;
    row.fields.reserve(static_cast<size_t>(std::count(line.begin(), line.end(), '\t')) + 1);
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.fields.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    while (!row.fields.empty() && row.fields.back().empty()) row.fields.pop_back();
    if (row.fields.size() < min_fields || row.fields[0].empty()) {
      throw RuleError(path.string() + ":" + std::to_string(number) + ": expected at least " +
                      std::to_string(min_fields) + " tab-separated fields");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace synthdb
