#pragma once

#include <filesystem>
#include <string>

namespace synthdb {

// Directory that holds the shipped data (models/, extract/rules/lexicons/): $SYNTHDB_DATA_DIR when
// set, else <prefix>/share/synthdb next to an installed <prefix>/bin/synthdb (cmake --install), else
// the source tree the binary was built from. Throws Error naming the directories tried when neither
// holds extract/rules/lexicons/.
std::filesystem::path data_dir();

// synthdb's own version ("0.1.0").
std::string synthdb_version();

// Lower-case hex SHA-256 of a file's bytes / of a string. Throws Error naming the file when it
// cannot be read.
std::string sha256_file(const std::filesystem::path& path);
std::string sha256_hex(std::string_view bytes);

}  // namespace synthdb
