#pragma once
// Helpers shared by the hostile-input tests: run build/synthdb through the shell with a hard
// time limit, read its output, make and remove scratch directories.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.h"
#include "tests/support/shell.h"

namespace hostile {

namespace fs = std::filesystem;

// Outcome of one shell command. `code` is the exit status when the process exited normally;
// `signaled` means it was killed by a signal (a crash), `timed_out` that `timeout` ended it.
struct RunResult {
  int code = -1;
  bool signaled = false;
  bool timed_out = false;
  std::string out;
  std::string err;
};

using synthdb::testing::quote;     // tests/support/shell.h
using synthdb::testing::read_all;  // tests/support/files.h

// A fresh directory under $TMPDIR, removed (after making everything writable) on destruction.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "synthdb-hostile-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::system(("chmod -R u+rwX " + quote(path_.string()) + " 2>/dev/null").c_str());
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs `args` (already shell-quoted as needed) under `timeout`, stdin from `stdin_file` when given.
inline RunResult run(const std::string& args, const fs::path& scratch, int timeout_s = 120,
                     const std::string& stdin_file = "") {
  fs::path out = scratch / "cmd.out";
  fs::path err = scratch / "cmd.err";
  std::string cmd = "timeout -k 5 " + std::to_string(timeout_s) + " " + args + " >" +
                    quote(out.string()) + " 2>" + quote(err.string());
  cmd += stdin_file.empty() ? " </dev/null" : " <" + quote(stdin_file);
  int status = std::system(cmd.c_str());
  RunResult r;
  if (WIFEXITED(status)) {
    r.code = WEXITSTATUS(status);
    r.timed_out = r.code == 124 || r.code == 137;
    // The shell reports a child killed by signal N as 128+N.
    r.signaled = r.code > 128 && !r.timed_out;
  } else {
    r.signaled = true;
  }
  r.out = read_all(out);
  r.err = read_all(err);
  return r;
}

// The synthdb binary, shell-quoted (not `synthdb()`: that name would hide the synthdb namespace).
inline std::string synthdb_cmd() { return quote(SYNTHDB_BINARY); }

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(s);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

inline bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript | std::regex::icase));
}

inline bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True when `synthdb <sub> --help` says the subcommand is still a stub.
inline bool not_implemented(const std::string& sub, const fs::path& scratch) {
  RunResult r = run(synthdb_cmd() + " " + sub + " --help", scratch, 30);
  return r.out.find("not implemented") != std::string::npos;
}

// True while the shipped classifier model is absent (ingest and classify cannot run at all then).
inline bool model_missing() {
  const char* dir = std::getenv("SYNTHDB_DATA_DIR");
  fs::path base = dir ? fs::path(dir) : fs::path(SYNTHDB_SOURCE_DIR);
  return !fs::exists(base / "models" / "synthesis.ftz");
}

// Generates the hostile corpus into `dir` (dir/corpus, dir/expectations.json, dir/malformed.jsonl).
// `dir` may hold files already (scratch output of run()); only corpus/ must not exist yet.
inline void make_hostile(const fs::path& dir) {
  std::string cmd = "python3 " + quote(std::string(SYNTHDB_SOURCE_DIR) + "/tests/hostile/make-hostile") +
                    " " + quote(dir.string()) + " >/dev/null";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("make-hostile failed: " + cmd);
}

}  // namespace hostile
