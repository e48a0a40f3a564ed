// Export and friendly views (acceptance review, session 5): one snapshot while ingest writes, views
// that apply row-level edits like the export, splits by paper, valid UTF-8 only, stable row order,
// input validation, stale files, derived amounts.
#include <atomic>
#include <cmath>
#include <thread>

#include "tests/records/fixture.h"

using namespace records_fixture;

namespace {

// A database of `n` manual records (one material row each) written with plain SQL: fast enough for
// a export large enough to use the parallel formatter.
void fill(db::Database& d, int n) {
  db::Transaction tx(d);
  d.exec("CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY);"
         "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < " + std::to_string(n) +
         ") INSERT INTO seq SELECT i FROM c;"
         "INSERT INTO syntheses(id, key, origin, target, status, confidence, created_at) "
         "  SELECT i + 1, printf('manual-%08d', i), 'manual', 'CdSe', 'success', 0.9, '2026-01-01T00:00:00Z' FROM seq;"
         "INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, name, role) "
         "  SELECT i + 1, 0, printf('manual-%08d#m0', i), 'CdO', 'precursor' FROM seq;"
         "DROP TABLE seq;");
  tx.commit();
}

int64_t count_rows(const fs::path& csv) {
  std::ifstream in(csv, std::ios::binary);
  std::string line;
  int64_t n = -1;  // header
  while (std::getline(in, line)) ++n;
  return n;
}

}  // namespace

TEST_CASE("export reads one consistent snapshot while a writer commits (parallel formatting)") {
  TempDir tmp;
  const fs::path file = tmp.path / "r.db";
  constexpr int kRecords = 30000;
  {
    db::Database d(file);
    fill(d, kRecords);
  }
  // The writer moves records: each transaction deletes the K oldest and inserts K new ones, so every
  // committed state holds exactly kRecords records (and material rows).
  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    db::Database w(file);
    int next = kRecords;
    constexpr int kMove = 50;
    while (!stop) {
      db::Transaction tx(w);
      w.exec("DELETE FROM syntheses WHERE id IN (SELECT id FROM syntheses ORDER BY id LIMIT " +
             std::to_string(kMove) + ")");
      for (int k = 0; k < kMove; ++k, ++next) {
        char key[32];
        std::snprintf(key, sizeof key, "manual-%08d", next);
        w.prepare("INSERT INTO syntheses(key, origin, target, status, confidence, created_at) "
                  "VALUES (?, 'manual', 'PbS', 'success', 0.9, '2026-01-01T00:00:00Z')")
            .bind(1, std::string(key))
            .run();
        w.prepare("INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, name, role) "
                  "VALUES (?, 0, ?, 'PbO', 'precursor')")
            .bind(1, w.last_insert_rowid())
            .bind(2, std::string(key) + "#m0")
            .run();
      }
      tx.commit();
      ++commits;
    }
  });
  int exports = 0;
  for (; exports < 4; ++exports) {
    db::Database d(file);
    db::ExportOptions eo;
    const std::string name = "e" + std::to_string(exports);
    eo.out_dir = tmp.path / name;
    eo.threads = 2;
    auto s = db::export_dataset(d, eo);
    CHECK(s.syntheses == kRecords);
    CHECK(s.materials == kRecords);
    CHECK(count_rows(eo.out_dir / "syntheses.csv") == kRecords);
    CHECK(count_rows(eo.out_dir / "materials.csv") == kRecords);
  }
  stop = true;
  writer.join();
  MESSAGE("writer commits during " << exports << " exports: " << commits.load());
  CHECK(commits.load() > 0);
}

TEST_CASE("export row order follows stable keys: the same documents ingested in another order give the same bytes") {
  TempDir tmp;
  const fs::path a = tmp.path / "a.db", b = tmp.path / "b.db";
  {
    db::Database da(a), dbb(b);
    for (int i = 0; i < 12; ++i) ingest(da, make_doc(sha_of(200 + i), "Paper", true, 250 + i));
    for (int i = 11; i >= 0; --i) ingest(dbb, make_doc(sha_of(200 + i), "Paper", true, 250 + i));
  }
  const std::string bin = SYNTHDB_BINARY;
  for (const auto& [file, out] : {std::pair{a, tmp.path / "ea"}, std::pair{b, tmp.path / "eb"}})
    REQUIRE(run(bin + " export --db " + quote(file) + " --out " + quote(out) + " --split 0.5,0.5 --seed 3") == 0);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}) {
    INFO(f);
    CHECK(slurp(tmp.path / "ea" / f) == slurp(tmp.path / "eb" / f));
  }
  // Several reader threads write the same bytes as one.
  db::Database d(b);
  db::ExportOptions eo;
  eo.out_dir = tmp.path / "threads";
  eo.threads = 3;
  eo.split = {0.5, 0.5};
  eo.seed = 3;
  db::export_dataset(d, eo);
  for (const char* f : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"})
    CHECK(slurp(tmp.path / "ea" / f) == slurp(eo.out_dir / f));
}
