#pragma once

// Helpers for tests that run build/synthdb on temporary copies of corpus-samples/.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/db/temp_dir.h"
#include "tests/support/files.h"

namespace synthdb::testing {

// The shipped samples and the ZnSe text sample most tests copy.
inline const std::filesystem::path kSamples = std::filesystem::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";
inline const std::filesystem::path kZnse = kSamples / "znse-nanocrystals.txt";

// Whether `text` contains `what`.
inline bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Writes `text` to `p`, creating its folders.
void write(const std::filesystem::path& p, const std::string& text);

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs SYNTHDB_BINARY with `args` (no shell), waits, returns exit code and captured output.
CliResult run_cli(const std::vector<std::string>& args);

// run_cli in the working directory `cwd` (for relative paths given as an operator types them).
CliResult run_cli_in(const std::filesystem::path& cwd, const std::vector<std::string>& args);

// run_cli with `input` as stdin (nullopt: /dev/null).
CliResult run_cli_stdin(const std::vector<std::string>& args, const std::optional<std::string>& input);

// Starts SYNTHDB_BINARY with `args` in the background (output to files under `log_dir`); returns pid.
pid_t start_cli(const std::vector<std::string>& args, const std::filesystem::path& log_dir);

// waitpid; returns the exit code, or 128 + signal.
int wait_cli(pid_t pid);

// A per-document time limit (`--timeout`) that no document meets: the sample PDF met 0.01 s on a
// fast machine now and then. The ingest pool checks deadlines right after handing out a job, long
// before a worker can parse a PDF; errors read "timed out after 1e-06 s".
inline constexpr const char* kNoTime = "0.000001";

// Copies corpus-samples (PDFs, .txt, hostile/) into `dir`.
void copy_samples(const std::filesystem::path& dir, bool with_hostile);

// `copies` variants of every clean sample PDF into `dir`, each with different bytes (a comment
// appended after %%EOF, which PDF readers ignore), so that each is a distinct document.
void make_pdf_variants(const std::filesystem::path& dir, int copies);

// One line per stored fact, ordered, without ids or timestamps: documents (sha256, status, error
// text without the path, pages, paragraph_count, pipeline_version), paragraphs (all fields), entities,
// syntheses. Two databases holding the same content give the same string.
std::string canonical_dump(const std::filesystem::path& db);

// SELECT returning one integer (-1 when there is no row).
long long query_int(const std::filesystem::path& db, const std::string& sql);

// SELECT returning one text ("" when there is no row).
std::string query_text(const std::filesystem::path& db, const std::string& sql);

// Bytes no converter accepts at `p` (folders created): ingest stores a failed document; `tag` makes
// each file distinct.
void write_unreadable(const std::filesystem::path& p, const std::string& tag);

// The "documents" object of `synthdb stats --db DB --json` (REQUIREs exit 0).
nlohmann::json stats_documents(const std::filesystem::path& db);

// The size of DB's write-ahead log (0 when there is none).
std::uintmax_t wal_size(const std::filesystem::path& db);

// The documents a copy of the database FILE alone (no -wal beside it) holds: what `cp DB copy` keeps.
// The copy is made in `dir`.
long long documents_in_plain_copy(const std::filesystem::path& db, const std::filesystem::path& dir);

// Item keys of the ZnSe sample (corpus-samples/znse-nanocrystals.txt) stored in `db`: the first
// base record, its Zinc stearate material and purification step, and an outcome read in the results
// paragraph ("The nanocrystals were spherical ..."). REQUIREs that each exists.
struct ZnseItems {
  std::string key, material, step, outcome;
};
ZnseItems znse_items(const std::filesystem::path& db);

// doctest CHECKs that the curated views hold the numbers the export in `ex` wrote: every step's
// temperature_c, time_s and curated (curated_steps), every record's six conditions
// (curated_syntheses). The follow rule is written in SQL and in C++ (db/export.cc follow_conditions).
void views_agree_with_export(const std::string& db, const std::filesystem::path& ex);

// Writes `old`: a database built by the first `version` migrations holding the rows of `src`'s tables
// that exist at that version (the FTS index left out), not migrated further: an upgrade test's input.
void copy_at_schema(const std::filesystem::path& src, const std::filesystem::path& old, int version);

}  // namespace synthdb::testing
