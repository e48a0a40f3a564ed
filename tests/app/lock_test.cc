// The ingest/merge lock belongs to the database file, however it is named.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "tests/app/cli.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

TEST_CASE("the lock is taken through the canonical database path: symlinks and ./ or .. spellings meet") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "znse.txt");
  fs::create_directories(dir / "sub");
  const std::string real = (dir / "real.db").string();
  REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", real}).exit_code == 0);
  fs::create_symlink(dir / "real.db", dir / "link.db");
  fs::create_directory_symlink(dir, dir / "sub" / "up");

  // Hold the lock as a running ingest on real.db would.
  int fd = ::open((real + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (const fs::path& alias : {dir / "link.db", dir / "sub" / ".." / "real.db", dir / "." / "real.db",
                                dir / "sub" / "up" / "real.db", dir / "sub" / "up" / "link.db"}) {
    auto r = run_cli({"ingest", (dir / "in").string(), "--db", alias.string(), "--force"});
    INFO(alias.string(), " ", r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("lock file " + real + ".lock") != std::string::npos);
    CHECK(run_cli({"merge", alias.string(), (dir / "other.db").string()}).exit_code == 4);
    CHECK(run_cli({"classify", "--db", alias.string(), "--rescore"}).exit_code == 4);
  }
  CHECK(!fs::exists(dir / "link.db.lock"));
  ::close(fd);
  // Released: the symlinked name works and locks the real file's lock.
  CHECK(run_cli({"ingest", (dir / "in").string(), "--db", (dir / "link.db").string()}).exit_code == 0);
  CHECK(!fs::exists(dir / "link.db.lock"));

  // A relative "./x.db" and "x.db" from the working directory meet too.
  const fs::path cwd = fs::current_path();
  fs::current_path(dir);
  int fd2 = ::open("rel.db.lock", O_RDWR | O_CREAT, 0644);
  REQUIRE(fd2 >= 0);
  REQUIRE(::flock(fd2, LOCK_EX | LOCK_NB) == 0);
  auto rel = run_cli({"ingest", "in", "--db", "./rel.db"});
  fs::current_path(cwd);
  CHECK(rel.exit_code == 4);
  ::close(fd2);
}

TEST_CASE("a --db that is a folder, or in a missing folder, is named as such and leaves no lock file") {
  TempDir tmp;
  const fs::path dir = fs::canonical(tmp.path());
  fs::create_directories(dir / "in");
  fs::copy_file(fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples" / "znse-nanocrystals.txt", dir / "in" / "znse.txt");
  fs::create_directories(dir / "dbdir");

  auto folder = run_cli({"ingest", (dir / "in").string(), "--db", (dir / "dbdir").string()});
  CHECK(folder.exit_code == 3);
  CHECK(folder.err.find("is a folder, not a database file") != std::string::npos);
  CHECK(!fs::exists(dir / "dbdir.lock"));

  auto missing = run_cli({"ingest", (dir / "in").string(), "--db", (dir / "nodir" / "x.db").string()});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("folder " + (dir / "nodir").string() + " does not exist") != std::string::npos);
  CHECK(!fs::exists(dir / "nodir"));

  CHECK(run_cli({"merge", (dir / "dbdir").string(), (dir / "other.db").string()}).exit_code == 3);
  CHECK(!fs::exists(dir / "dbdir.lock"));
}
