#pragma once

// Lexicon and table files (TSV): UTF-8 text, one row per line, fields separated by TABs, '#' starts
// a comment line, blank lines are ignored, trailing empty fields dropped. One reader for the rules'
// lexicons (extract/rules) and the database's checks of curated values (db/units.cc), which read the
// same units.tsv and operations.tsv.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace synthdb {

// One TSV row: fields[0] is the first field (never empty). `line` is 1-based, for error messages.
struct TsvRow {
  std::vector<std::string> fields;
  int line = 0;
};

// Reads a lexicon file. Throws RuleError naming the file when it cannot be read, is not UTF-8, or
// a row has fewer than `min_fields` fields (message names file:line).
std::vector<TsvRow> read_tsv(const std::filesystem::path& path, size_t min_fields);

// The bytes of a lexicon file, read at once. Throws RuleError naming the file when it cannot be read.
std::string read_lexicon_file(const std::filesystem::path& path);

// read_tsv() of bytes already read from `path` (named in the errors).
std::vector<TsvRow> parse_tsv(std::string_view bytes, const std::filesystem::path& path, size_t min_fields);

}  // namespace synthdb
