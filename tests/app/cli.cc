#include "tests/app/cli.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <doctest/doctest.h>

#include "db/database.h"
#include "db/migrate.h"

extern char** environ;

namespace synthdb::testing {
namespace fs = std::filesystem;
namespace {

pid_t spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err,
            const fs::path& in = "/dev/null", const fs::path& cwd = {}) {
  std::vector<std::string> argv_s = {SYNTHDB_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv_s[0]);
  return pid;
}

}  // namespace

int wait_cli(pid_t pid) {
  int st = 0;
  while (waitpid(pid, &st, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  return -1;
}

pid_t start_cli(const std::vector<std::string>& args, const fs::path& log_dir) {
  return spawn(args, log_dir / "bg.out", log_dir / "bg.err");
}

CliResult run_cli(const std::vector<std::string>& args) { return run_cli_stdin(args, std::nullopt); }

CliResult run_cli_in(const fs::path& cwd, const std::vector<std::string>& args) {
  TempDir logs;
  pid_t pid = spawn(args, logs / "out", logs / "err", "/dev/null", cwd);
  CliResult r;
  r.exit_code = wait_cli(pid);
  r.out = read_all(logs / "out");
  r.err = read_all(logs / "err");
  return r;
}

CliResult run_cli_stdin(const std::vector<std::string>& args, const std::optional<std::string>& input) {
  TempDir logs;
  if (input) std::ofstream(logs / "in", std::ios::binary) << *input;
  pid_t pid = spawn(args, logs / "out", logs / "err", input ? logs / "in" : fs::path("/dev/null"));
  CliResult r;
  r.exit_code = wait_cli(pid);
  r.out = read_all(logs / "out");
  r.err = read_all(logs / "err");
  return r;
}

void copy_samples(const fs::path& dir, bool with_hostile) {
  const fs::path src = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(src)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".pdf" || ext == ".txt"))
      fs::copy_file(e.path(), dir / e.path().filename());
  }
  if (with_hostile && fs::exists(src / "hostile"))
    fs::copy(src / "hostile", dir / "hostile", fs::copy_options::recursive);
}

void make_pdf_variants(const fs::path& dir, int copies) {
  const fs::path src = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(src)) {
    if (!e.is_regular_file() || e.path().extension() != ".pdf") continue;
    const std::string bytes = read_all(e.path());
    for (int i = 0; i < copies; ++i) {
      std::ofstream out(dir / (e.path().stem().string() + "-" + std::to_string(i) + ".pdf"),
                        std::ios::binary);
      out << bytes << "\n% synthdb test variant " << i << "\n";
    }
  }
}

long long query_int(const fs::path& db, const std::string& sql) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  auto st = d.prepare(sql);
  return st.step() ? st.column_int(0) : -1;
}

std::string query_text(const fs::path& db, const std::string& sql) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  auto st = d.prepare(sql);
  return st.step() ? st.column_text(0) : std::string();
}

std::string canonical_dump(const fs::path& db) {
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  std::string out;
  auto dump = [&](const std::string& sql) {
    auto st = d.prepare(sql);
    while (st.step()) {
      for (int c = 0; c < st.column_count(); ++c) {
        if (c) out += '|';
        out += st.column_text(c);
      }
      out += "\n";
    }
  };
  dump("SELECT sha256, status, "
       "CASE WHEN substr(error, 1, length(path) + 2) = path || ': ' THEN substr(error, length(path) + 3) "
       "ELSE error END, format, title, doi, year, pages, paragraph_count, pipeline_version "
       "FROM documents ORDER BY sha256");
  dump("SELECT d.sha256, p.ordinal, p.page, p.kind, p.section, p.section_type, p.text, p.start, p.end, "
       "p.label, round(p.score, 6), p.method, p.extraction_status, p.synthesis_status FROM paragraphs p "
       "JOIN documents d ON d.id = p.document_id ORDER BY d.sha256, p.ordinal");
  dump("SELECT d.sha256, p.ordinal, e.ordinal, e.type, e.start, e.end, e.text, e.value, e.min, e.max, "
       "e.unit, e.role, e.normalized, e.material_ordinal FROM entities e JOIN paragraphs p ON p.id = "
       "e.paragraph_id JOIN documents d ON d.id = p.document_id ORDER BY d.sha256, p.ordinal, e.ordinal");
  auto has = d.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'syntheses'");
  if (has.step()) {
    dump("SELECT s.key, s.target, s.method, s.status, s.reaction_temperature_c, "
         "(SELECT count(*) FROM synthesis_materials m WHERE m.synthesis_id = s.id), "
         "(SELECT count(*) FROM synthesis_materials m WHERE m.synthesis_id = s.id AND m.entity_id IS NULL), "
         "(SELECT count(*) FROM synthesis_steps t WHERE t.synthesis_id = s.id), "
         "(SELECT count(*) FROM outcomes o WHERE o.synthesis_id = s.id) FROM syntheses s ORDER BY s.key");
  }
  return out;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

void write_unreadable(const fs::path& p, const std::string& tag) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << std::string("\x00\x01\x02\xff\xfe ", 6) << tag;
}

nlohmann::json stats_documents(const fs::path& db) {
  auto r = run_cli({"stats", "--db", db.string(), "--json"});
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out)["documents"];
}

std::uintmax_t wal_size(const fs::path& db) {
  std::error_code ec;
  const auto n = fs::file_size(db.string() + "-wal", ec);
  return ec ? 0 : n;
}

long long documents_in_plain_copy(const fs::path& db, const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path copy = dir / "copy.db";
  fs::copy_file(db, copy, fs::copy_options::overwrite_existing);
  return query_int(copy, "SELECT count(*) FROM documents");
}

ZnseItems znse_items(const fs::path& db) {
  ZnseItems z;
  z.key = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
  REQUIRE(!z.key.empty());
  z.material = query_text(
      db, "SELECT m.item_key FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id WHERE s.key = '" +
              z.key + "' AND m.name = 'Zinc stearate'");
  z.step = query_text(
      db, "SELECT st.item_key FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id WHERE s.key = '" +
              z.key + "' AND st.operation = 'purification'");
  z.outcome = query_text(db, "SELECT o.item_key FROM outcomes o JOIN paragraphs p ON p.ordinal = o.paragraph "
                             "WHERE p.text LIKE 'The nanocrystals were spherical%' LIMIT 1");
  REQUIRE(!z.material.empty());
  REQUIRE(!z.step.empty());
  REQUIRE(!z.outcome.empty());
  return z;
}

// The curated views hold the numbers the export wrote: every step's temperature_c, time_s and
// curated, every record's six conditions (docs/records.md "s20-curate": the follow rule in both).
void views_agree_with_export(const std::string& db, const fs::path& ex) {
  auto same = [](const std::string& csv, const std::optional<double>& v) {
    if (csv.empty()) return !v.has_value();
    return v.has_value() && std::stod(csv) == *v;
  };
  synthdb::db::Database d(db, synthdb::db::OpenOptions{.migrate = false});
  int steps = 0, records = 0;
  for (const auto& row : read_csv_file(ex / "steps.csv")) {
    auto st = d.prepare("SELECT st.temperature_c, st.time_s, st.curated FROM curated_steps st JOIN syntheses s "
                        "ON s.id = st.synthesis_id WHERE s.key = ? AND st.item_key = ?");
    st.bind(1, row.at("synthesis_id")).bind(2, row.at("item_key"));
    REQUIRE(st.step());
    INFO(row.at("synthesis_id"), " ", row.at("item_key"));
    CHECK(same(row.at("temperature_c"), st.column_optional_double(0)));
    CHECK(same(row.at("time_s"), st.column_optional_double(1)));
    CHECK(row.at("curated") == std::to_string(st.column_int(2)));
    ++steps;
  }
  const char* cond[] = {"injection_temperature_c", "injection_time_s", "growth_temperature_c", "growth_time_s",
                        "reaction_temperature_c", "reaction_time_s"};
  for (const auto& row : read_csv_file(ex / "syntheses.csv")) {
    for (const char* c : cond) {
      auto st = d.prepare(std::string("SELECT ") + c + " FROM curated_syntheses WHERE key = ?");
      st.bind(1, row.at("synthesis_id"));
      REQUIRE(st.step());
      INFO(row.at("synthesis_id"), " ", c);
      CHECK(same(row.at(c), st.column_optional_double(0)));
    }
    ++records;
  }
  CHECK(steps > 0);
  CHECK(records > 0);
}

void copy_at_schema(const fs::path& src, const fs::path& old, int version) {
  synthdb::db::Database d(old, synthdb::db::OpenOptions{.migrate = false});
  const auto& all = synthdb::db::builtin_migrations();
  std::vector<synthdb::db::Migration> upto;
  for (const auto& m : all)
    if (m.version <= version) upto.push_back(m);
  synthdb::db::migrate(d, upto);
  REQUIRE(d.schema_version() == version);
  d.exec("PRAGMA foreign_keys = OFF");
  d.exec("ATTACH DATABASE '" + src.string() + "' AS src");
  std::vector<std::string> tables;
  auto st = d.prepare("SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                      "AND name NOT LIKE 'paragraphs_fts%' AND name IN (SELECT name FROM main.sqlite_master) ORDER BY name");
  while (st.step()) tables.push_back(st.column_text(0));
  for (const auto& t : tables) d.exec("INSERT INTO main." + t + " SELECT * FROM src." + t);
  d.exec("DETACH DATABASE src");
}

}  // namespace synthdb::testing
