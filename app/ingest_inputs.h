#pragma once

// Finding the files an ingest run works on: walking folders, picking documents, hashing, sharding.

#include <cstdint>
#include <string>
#include <vector>

namespace synthdb::app {

// One candidate input. `error` is set when it cannot be used (unreadable file or directory, broken
// link); such inputs become failed documents with that reason.
struct InputFile {
  std::string path;     // as found (absolute when the argument was absolute): raw bytes, for the file system
  std::string display;  // display_path(path): what the database, report and log lines show
  std::string sha256;   // content hash; for unreadable inputs "unreadable:" + sha256(absolute path)
  std::string error;    // one line, naming the file by its display path
  // Other stored spellings of this file's path (same path_key(), e.g. "./papers/a.pdf" when `display`
  // is "papers/a.pdf"): ingest records the document under each of them too, so that supersession and
  // curator-edit carrying, which compare stored paths as written, see one file.
  std::vector<std::string> aliases;
  // path_key(display) as walked, before ingest adopts a stored spelling (which may be relative to
  // another run's folder): what schema v11 stores as document_paths.abs_path for this file.
  std::string abs;
};

// What counts as the same path: std::filesystem::absolute (against the current directory) then
// lexically_normal, without a trailing "/": "papers/a.pdf", "./papers/a.pdf", "papers//a.pdf" and
// "/home/x/papers/a.pdf" (run in /home/x) give one key. Symbolic links are not resolved (a link is
// another path to the operator) and nothing is read from the disk. Works on display forms.
std::string path_key(const std::string& path);

// A file name is a byte string; the database, the JSON report and the log want UTF-8 on one line. A
// path that is valid UTF-8 without control characters is returned unchanged. Otherwise every byte
// that is not part of a valid UTF-8 sequence, and every C0 control or DEL (newline, tab, ESC),
// becomes "\xNN" (two upper-case hex digits) and every backslash becomes "\\", so the escaped form
// is valid UTF-8, one line and lossless (unescape to get the bytes back); e.g. "tr\xC3(.pdf",
// "evil\x0A[99 99] ok.pdf".
std::string display_path(const std::string& path);

// The inverse of display_path for an escaped path: "\xNN" becomes the byte, "\\" a backslash. A
// path display_path left unchanged may contain "\x41" literally, so a caller that needs the file
// checks both forms.
std::string undisplay_path(const std::string& display);

// Walks `paths`: files are taken as given (their type is decided from the bytes later); folders are
// searched recursively for *.pdf and *.txt (any case) and for files that start with "%PDF-".
// Symbolic links to folders are followed once (a loop is detected by device and inode and skipped).
// The result is sorted by path and contains each file once. Throws UsageError when an argument does
// not exist.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths);

// Fills sha256 (or error) of every input. Never throws for a single file.
void hash_inputs(std::vector<InputFile>& inputs);

// Shard `index` (1-based) of `count`: true when this input belongs to it. Decided by a hash of the
// path as found (so tasks given the same arguments agree), not by content: a shard task must not have
// to read every file of the corpus to find its own. A file present under two paths may land in two
// shards; merge keeps one copy (documents are keyed by content).
bool in_shard(const InputFile& input, int index, int count);

// Parses "I/N" (1 <= I <= N). Throws UsageError otherwise.
std::pair<int, int> parse_shard(const std::string& spec);

}  // namespace synthdb::app
