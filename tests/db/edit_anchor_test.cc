// Schema v12 (s21-keys): record edits remember the record they were made on (curation.anchor), and
// an edit must name a record; an older database keeps every edit it holds when it is migrated.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "db/database.h"
#include "db/edit_anchor.h"
#include "db/migrate.h"
#include "extract/core/error.h"
#include "tests/db/temp_dir.h"

using synthdb::db::Database;
using synthdb::db::Migration;
using synthdb::db::OpenOptions;
using synthdb::testing::TempDir;

namespace {

std::string text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  return st.step() && !st.is_null(0) ? st.column_text(0) : std::string("(null)");
}

std::string edit_sql(const std::string& key) {
  std::string s =
      "INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at) "
      "VALUES ('syntheses', '";
  s += key;
  s += "', 'sample_label', NULL, 'x', 'alice', '', '2026-01-01T00:00:00Z')";
  return s;
}

}  // namespace

TEST_CASE("migrating to v12 keeps edits of keys that name no record and anchors the others") {
  TempDir dir;
  const auto path = dir / "v9.db";
  {
    std::vector<Migration> upto9;
    for (const auto& m : synthdb::db::builtin_migrations())
      if (m.version <= 9) upto9.push_back(m);
    Database db(path, OpenOptions{.migrate = false});
    synthdb::db::migrate(db, upto9);
    REQUIRE(db.schema_version() == 9);
    db.exec("INSERT INTO documents(id, sha256, path, format, status, pipeline_version, ingested_at) "
            "VALUES (1, 'aaaaaaaaaaaaaaaa0000', 'a.txt', 'txt', 'ok', 'p', 'now')");
    db.exec("INSERT INTO syntheses(document_id, key, variant, status, paragraphs, first_paragraph, target_paragraph, "
            "target_start, target_end, failure_paragraph, failure_start, failure_end, created_at) VALUES "
            "(1, 'aaaaaaaaaaaaaaaa-p3-v0', 0, 'success', '[3]', 3, 3, 0, 4, NULL, NULL, NULL, 'now'), "
            "(1, 'aaaaaaaaaaaaaaaa-p5-v1', 1, 'failed', '[3,5]', 3, 3, 0, 4, 5, 10, 30, 'now'), "
            "(1, 'aaaaaaaaaaaaaaaa-p5-v2', 2, 'failed', '[3,5]', 3, 3, 0, 4, 5, 40, 52, 'now')");
    db.exec(edit_sql("aaaaaaaaaaaaaaaa-p5-v2"));
    db.exec(edit_sql("aaaaaaaaaaaaaaaa-p3-v0"));
    db.exec(edit_sql("aaaaaaaaaaaaaaaa-p5-v9"));  // a mistyped key, accepted before v12
  }
  Database db(path);
  CHECK(db.schema_version() >= 12);
  CHECK(text(db, "SELECT count(*) FROM curation") == "3");
  // A variant's anchor: the spans it read in its key's paragraph; a base record has none.
  CHECK(text(db, "SELECT anchor FROM curation WHERE target_key = 'aaaaaaaaaaaaaaaa-p5-v2'") == "p5 f40-52");
  CHECK(text(db, "SELECT anchor FROM curation WHERE target_key = 'aaaaaaaaaaaaaaaa-p3-v0'") == "(null)");
  CHECK(text(db, "SELECT anchor FROM curation WHERE target_key = 'aaaaaaaaaaaaaaaa-p5-v9'") == "(null)");
  CHECK(synthdb::db::record_anchor(db, "aaaaaaaaaaaaaaaa-p5-v1").value_or("") == "p5 f10-30");
  CHECK(synthdb::db::find_by_anchor(db, "aaaaaaaaaaaaaaaa", 5, "f40-52") == "aaaaaaaaaaaaaaaa-p5-v2");
  CHECK(synthdb::db::find_by_anchor(db, "aaaaaaaaaaaaaaaa", 5, "1-2").empty());
  CHECK(synthdb::db::anchor_evidence("p5 3-9 f10-37 12-20") == "3-9 12-20");
  // New edits: anchored by the trigger; a key of no record refused.
  db.exec(edit_sql("aaaaaaaaaaaaaaaa-p5-v1"));
  CHECK(text(db, "SELECT anchor FROM curation WHERE target_key = 'aaaaaaaaaaaaaaaa-p5-v1'") == "p5 f10-30");
  std::string refused;
  try {
    db.exec(edit_sql("aaaaaaaaaaaaaaaa-p5-v8"));
  } catch (const synthdb::DbError& e) {
    refused = e.what();
  }
  CHECK(refused.find("names no record") != std::string::npos);
  CHECK(text(db, "SELECT count(*) FROM curation") == "4");
}

TEST_CASE("re-processing that re-numbers variants moves an edit to its record, or detaches and flags it") {
  TempDir dir;
  Database db(dir / "k.db");
  db.exec("INSERT INTO documents(id, sha256, path, format, status, pipeline_version, ingested_at) "
          "VALUES (1, 'bbbbbbbbbbbbbbbb0000', 'b.txt', 'txt', 'ok', 'p', 'now')");
  auto put = [&](const char* rows) {
    db.exec("DELETE FROM syntheses");
    db.exec(std::string("INSERT INTO syntheses(document_id, key, variant, status, failure_paragraph, failure_start, "
                        "failure_end, created_at) VALUES ") + rows);
  };
  put("(1, 'bbbbbbbbbbbbbbbb-p5-v1', 1, 'failed', 5, 10, 30, 'now'), "
      "(1, 'bbbbbbbbbbbbbbbb-p5-v2', 2, 'failed', 5, 40, 52, 'now')");
  db.exec(edit_sql("bbbbbbbbbbbbbbbb-p5-v1"));
  db.exec(edit_sql("bbbbbbbbbbbbbbbb-p5-v2"));
  // v1 is no record any more, v2's record is v1 now.
  put("(1, 'bbbbbbbbbbbbbbbb-p5-v1', 1, 'failed', 5, 40, 52, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "bbbbbbbbbbbbbbbb0000") == 1);
  CHECK(text(db, "SELECT target_key || ' ' || moved_from || ' ' || flagged FROM curation WHERE id = 2") ==
        "bbbbbbbbbbbbbbbb-p5-v1 bbbbbbbbbbbbbbbb-p5-v2 0");
  CHECK(text(db, "SELECT target_key || ' ' || flagged FROM curation WHERE id = 1") ==
        "bbbbbbbbbbbbbbbb-p5-v1@unplaced 1");
  CHECK(synthdb::db::reanchor_edits(db, "bbbbbbbbbbbbbbbb0000") == 0);  // idempotent
  CHECK(synthdb::db::flagged_edit_ids(db, "bbbbbbbbbbbbbbbb0000") == std::vector<int64_t>{1});
  // Two records that read the same spans: the detached edit stays detached.
  put("(1, 'bbbbbbbbbbbbbbbb-p5-v1', 1, 'failed', 5, 10, 30, 'now'), "
      "(1, 'bbbbbbbbbbbbbbbb-p5-v2', 2, 'failed', 5, 10, 30, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "bbbbbbbbbbbbbbbb0000") == 0);
  CHECK(text(db, "SELECT target_key FROM curation WHERE id = 1") == "bbbbbbbbbbbbbbbb-p5-v1@unplaced");
  // Its record back, once: placed again.
  put("(1, 'bbbbbbbbbbbbbbbb-p5-v1', 1, 'failed', 5, 10, 30, 'now'), "
      "(1, 'bbbbbbbbbbbbbbbb-p5-v2', 2, 'failed', 5, 40, 52, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "bbbbbbbbbbbbbbbb0000") == 2);
  CHECK(text(db, "SELECT group_concat(target_key || ':' || flagged, ' ') FROM curation") ==
        "bbbbbbbbbbbbbbbb-p5-v1:0 bbbbbbbbbbbbbbbb-p5-v2:0");
}

TEST_CASE("an edit stays with a variant whose failure cue a new lexicon reads at another span") {
  TempDir dir;
  Database db(dir / "k.db");
  db.exec("INSERT INTO documents(id, sha256, path, format, status, pipeline_version, ingested_at) "
          "VALUES (1, 'cccccccccccccccc0000', 'c.txt', 'txt', 'ok', 'p', 'now')");
  auto put = [&](const char* rows) {
    db.exec("DELETE FROM syntheses");
    db.exec(std::string("INSERT INTO syntheses(document_id, key, variant, status, target_paragraph, target_start, "
                        "target_end, failure_paragraph, failure_start, failure_end, created_at) VALUES ") + rows);
  };
  // "At 120 °C no nanocrystals were formed ...": the target span 3-9 stays, the cue moves.
  put("(1, 'cccccccccccccccc-p5-v1', 1, 'failed', 5, 3, 9, 5, 10, 37, 'now'), "
      "(1, 'cccccccccccccccc-p5-v2', 2, 'failed', 5, 50, 60, 5, 127, 179, 'now')");
  db.exec(edit_sql("cccccccccccccccc-p5-v1"));
  CHECK(text(db, "SELECT anchor FROM curation") == "p5 3-9 f10-37");
  put("(1, 'cccccccccccccccc-p5-v1', 1, 'failed', 5, 3, 9, 5, 75, 104, 'now'), "
      "(1, 'cccccccccccccccc-p5-v2', 2, 'failed', 5, 50, 60, 5, 127, 179, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "cccccccccccccccc0000") == 0);
  CHECK(text(db, "SELECT target_key || ' ' || flagged FROM curation") == "cccccccccccccccc-p5-v1 0");
  // The same evidence in two records: no telling which, flagged and detached.
  put("(1, 'cccccccccccccccc-p5-v1', 1, 'failed', 5, 3, 9, 5, 75, 104, 'now'), "
      "(1, 'cccccccccccccccc-p5-v2', 2, 'failed', 5, 3, 9, 5, 127, 179, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "cccccccccccccccc0000") == 0);
  CHECK(text(db, "SELECT target_key || ' ' || flagged FROM curation") == "cccccccccccccccc-p5-v1@unplaced 1");
  // The first pipeline back: placed again.
  put("(1, 'cccccccccccccccc-p5-v1', 1, 'failed', 5, 3, 9, 5, 10, 37, 'now'), "
      "(1, 'cccccccccccccccc-p5-v2', 2, 'failed', 5, 50, 60, 5, 127, 179, 'now')");
  CHECK(synthdb::db::reanchor_edits(db, "cccccccccccccccc0000") == 1);
  CHECK(text(db, "SELECT target_key || ' ' || flagged || ' ' || coalesce(moved_from, '-') FROM curation") ==
        "cccccccccccccccc-p5-v1 0 -");
}
