#include "app/ingest_inputs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

#include "extract/core/utf8.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/core/strings.h"

namespace synthdb::app {
namespace fs = std::filesystem;
namespace {

// In folders we take what looks like a document, not every file (READMEs, images, .bib ...).
bool looks_like_document(const fs::path& p) {
  const std::string ext = ascii_lower(p.extension().string());
  if (ext == ".pdf" || ext == ".txt") return true;
  std::ifstream in(p, std::ios::binary);
  char head[5] = {};
  if (!in.read(head, 5)) return false;
  return std::memcmp(head, "%PDF-", 5) == 0;
}

struct Walker {
  std::vector<InputFile> out;
  std::set<std::pair<dev_t, ino_t>> seen_dirs;

  void add_error(const fs::path& p, const std::string& reason) {
    out.push_back({p.string(), "", "", display_path(p.string()) + ": " + reason});
  }

  void walk_dir(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      add_error(dir, std::string("cannot read folder: ") + std::strerror(errno));
      return;
    }
    // A symlink back to an ancestor would otherwise recurse forever.
    if (!seen_dirs.insert({st.st_dev, st.st_ino}).second) return;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      add_error(dir, "cannot read folder: " + ec.message());
      return;
    }
    std::vector<fs::path> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(it->path());
    }
    if (ec) add_error(dir, "cannot read folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    for (const fs::path& e : entries) visit(e, false);
  }

  void visit(const fs::path& p, bool explicit_arg) {
    std::error_code ec;
    fs::file_status s = fs::status(p, ec);  // follows symlinks
    if (ec || !fs::exists(s)) {
      if (fs::is_symlink(fs::symlink_status(p, ec))) {
        const std::string ext = ascii_lower(p.extension().string());
        if (explicit_arg || ext == ".pdf" || ext == ".txt") add_error(p, "broken symbolic link");
        return;
      }
      if (explicit_arg) throw UsageError("ingest: no such file or folder: " + display_path(p.string()));
      add_error(p, "cannot read: " + ec.message());
      return;
    }
    if (fs::is_directory(s)) {
      walk_dir(p);
      return;
    }
    if (!fs::is_regular_file(s)) return;  // sockets, fifos, devices
    if (explicit_arg) {
      out.push_back({p.string(), "", "", ""});
      return;
    }
    if (::access(p.c_str(), R_OK) != 0) {
      const std::string ext = ascii_lower(p.extension().string());
      if (ext == ".pdf" || ext == ".txt") add_error(p, std::string("cannot read: ") + std::strerror(errno));
      return;
    }
    if (looks_like_document(p)) out.push_back({p.string(), "", "", ""});
  }
};

}  // namespace

std::string display_path(const std::string& path) {
  // A control character (newline, tab, ESC, ...) would break the one-line log and could fake a
  // progress line (review 18a, P4): it is escaped like an invalid byte.
  auto control = [](unsigned char c) { return c < 0x20 || c == 0x7f; };
  bool plain = true;
  for (size_t i = 0; i < path.size() && plain;) {
    const size_t n = utf8_sequence_length(path, i);
    plain = n > 0 && !(n == 1 && control(static_cast<unsigned char>(path[i])));
    i += n;
  }
  if (plain) return path;
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < path.size();) {
    const size_t n = utf8_sequence_length(path, i);
    if (n == 0 || (n == 1 && control(static_cast<unsigned char>(path[i])))) {
      const unsigned char c = static_cast<unsigned char>(path[i]);
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      ++i;
    } else if (path[i] == '\\') {
      out += "\\\\";
      ++i;
    } else {
      out.append(path, i, n);
      i += n;
    }
  }
  return out;
}

std::string undisplay_path(const std::string& display) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < display.size(); ++i) {
    if (display[i] == '\\' && i + 1 < display.size() && display[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (display[i] == '\\' && i + 3 < display.size() && display[i + 1] == 'x' && hex(display[i + 2]) >= 0 &&
               hex(display[i + 3]) >= 0) {
      out += static_cast<char>(hex(display[i + 2]) * 16 + hex(display[i + 3]));
      i += 3;
    } else {
      out += display[i];
    }
  }
  return out;
}

std::string path_key(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(path), ec);
  if (ec) abs = fs::path(path);
  std::string key = abs.lexically_normal().string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths) {
  Walker w;
  for (const std::string& p : paths) w.visit(fs::path(p), true);
  std::sort(w.out.begin(), w.out.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  // The same file can be reached twice (given twice, or through a symlinked folder).
  std::vector<InputFile> unique;
  std::set<std::string> seen;
  for (InputFile& f : w.out) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(f.path, ec);
    std::string key = ec ? f.path : canon.string();
    if (!seen.insert(key).second) continue;
    f.display = display_path(f.path);
    unique.push_back(std::move(f));
  }
  return unique;
}

void hash_inputs(std::vector<InputFile>& inputs) {
  for (InputFile& f : inputs) {
    if (f.display.empty()) f.display = display_path(f.path);
    if (f.error.empty()) {
      try {
        f.sha256 = sha256_file(f.path);
        continue;
      } catch (const std::exception& e) {
        f.error = e.what();
        // The message names the file by its raw bytes; show it the way everything else does.
        if (f.display != f.path)
          for (size_t at = f.error.find(f.path); at != std::string::npos; at = f.error.find(f.path, at + f.display.size()))
            f.error.replace(at, f.path.size(), f.display);
      }
    }
    std::error_code ec;
    fs::path abs = fs::absolute(f.path, ec);
    f.sha256 = "unreadable:" + sha256_hex(ec ? f.path : abs.string());
  }
}

bool in_shard(const InputFile& input, int index, int count) {
  if (count <= 1) return true;
  const std::string h = sha256_hex(input.path);
  uint64_t v = std::stoull(h.substr(h.size() - 15), nullptr, 16);
  return static_cast<int>(v % static_cast<uint64_t>(count)) == index - 1;
}

std::pair<int, int> parse_shard(const std::string& spec) {
  const auto slash = spec.find('/');
  try {
    if (slash != std::string::npos) {
      size_t used_i = 0, used_n = 0;
      int i = std::stoi(spec.substr(0, slash), &used_i);
      int n = std::stoi(spec.substr(slash + 1), &used_n);
      if (used_i == slash && used_n == spec.size() - slash - 1 && n >= 1 && i >= 1 && i <= n)
        return {i, n};
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--shard " + spec + ": expected I/N with 1 <= I <= N, e.g. --shard 2/8");
}

}  // namespace synthdb::app
