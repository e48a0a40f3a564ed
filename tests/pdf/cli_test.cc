// `synthdb text` as a program: JSON Lines on stdout, one-line errors on stderr, exit codes.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

Run run(const std::string& args) {
  fs::path err = fs::temp_directory_path() / ("synthdb-text-cli-" + std::to_string(::getpid()) + ".err");
  std::string cmd = std::string(SYNTHDB_BINARY) + " " + args + " 2>" + err.string();
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  r.err = ss.str();
  fs::remove(err);
  return r;
}

std::vector<nlohmann::json> lines_of(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) v.push_back(nlohmann::json::parse(line));
  return v;
}

const std::string kSamples = std::string(SYNTHDB_SOURCE_DIR) + "/corpus-samples/";

}  // namespace

TEST_CASE("text cli: JSON Lines with the paragraph contract fields") {
  Run r = run("text " + kSamples + "cdse-cds-hot-injection.pdf");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  auto v = lines_of(r.out);
  REQUIRE(v.size() > 20);
  for (size_t i = 0; i < v.size(); ++i) {
    for (const char* key : {"page", "kind", "section", "section_type", "ordinal", "start", "end", "text"})
      CHECK(v[i].contains(key));
    CHECK(v[i]["ordinal"] == i);
  }
  CHECK(v[0]["kind"] == "other");
  bool title = false;
  for (auto& j : v) title |= j["kind"] == "title";
  CHECK(title);
}

TEST_CASE("text cli: --meta prints the document first") {
  Run r = run("text --meta " + kSamples + "pbs-quantum-dots.pdf");
  CHECK(r.code == 0);
  auto v = lines_of(r.out);
  REQUIRE(v.size() > 2);
  CHECK(v[0]["format"] == "pdf");
  CHECK(v[0]["converter"] == "pdf-6");
  CHECK(v[0]["meta"]["doi"] == "10.5555/rnc.2021.301");
  CHECK(v[0]["meta"]["year"] == 2021);
  CHECK(v[0]["meta"]["pages"] == 1);
  CHECK(v[0]["sha256"].get<std::string>().size() == 64);
  CHECK_FALSE(v[1].contains("meta"));
}

TEST_CASE("text cli: a bad file gives one line on stderr and exit code 3") {
  Run r = run("text " + kSamples + "hostile/encrypted-user.pdf");
  CHECK(r.code == 3);
  CHECK(r.out.empty());
  CHECK(r.err == "synthdb: " + kSamples + "hostile/encrypted-user.pdf: encrypted (password required)\n");
  Run scanned = run("text " + kSamples + "hostile/scanned.pdf");
  CHECK(scanned.code == 3);
  CHECK(scanned.err.find("no text layer (scanned image?)") != std::string::npos);
  // Poppler's own warnings about the damaged file must not leak to stderr.
  Run truncated = run("text " + kSamples + "hostile/truncated.pdf");
  CHECK(truncated.code == 3);
  CHECK(truncated.err == "synthdb: " + kSamples + "hostile/truncated.pdf: damaged PDF\n");
}

TEST_CASE("text cli: usage errors exit 2 and --help documents the flags") {
  CHECK(run("text").code == 2);
  CHECK(run("text /nonexistent/file.pdf").code == 2);
  Run help = run("text --help");
  CHECK(help.code == 0);
  for (const char* s : {"--meta", "--max-pages", "FILE", "JSON Lines"}) CHECK(help.out.find(s) != std::string::npos);
}
