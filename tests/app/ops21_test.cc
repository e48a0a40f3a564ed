// s21-ops: session 20's operator and ML leftovers. Real files in temporary folders, the real binary.
//  1. two relative ingest runs from different folders are two files (schema v11 document_paths.abs_path);
//  2. `search` says when every hit is hidden, and names the records a hit's paragraph belongs to;
//  3. `stats` lists duplicate copies with export's function (the copy export writes);
//  4. syntheses.csv / .jsonl `precursor_moles_complete`.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "tests/app/cli.h"
#include "tests/db/temp_dir.h"

namespace fs = std::filesystem;
using namespace synthdb::testing;

namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) v.push_back(nlohmann::json::parse(line));
  return v;
}

std::vector<std::string> csv_fields(const std::string& line) {  // no quoted commas in the fields read here
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == ',') f.push_back(cur), cur.clear();
    else if (c != '\r') cur += c;
  }
  f.push_back(cur);
  return f;
}

void curate_status(const fs::path& db, const std::string& key) {
  auto c = run_cli({"curate", "--db", db.string(), "set", key, "status", "failed", "--curator", "alice", "--reason",
                    "test"});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
}

// The schema v17 tests' start: X/papers/znse.txt (the ZnSe sample) ingested by `ingest papers` run in
// X/, and the key of one of its records, curated (status failed) so that a new version of the file
// shows whether the edit is carried.
struct CuratedInX {
  TempDir dir;
  const fs::path x = dir / "X";
  const fs::path db = dir / "v17.db";
  std::string key;

  CuratedInX() {
    write(x / "papers" / "znse.txt", read_all(kZnse));
    REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
    key = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
    REQUIRE(!key.empty());
    curate_status(db, key);
  }
};

}  // namespace

// Item 1. In X/ and Y/ an operator runs `ingest papers`; both folders hold a papers/znse.txt, with
// different contents. Before v11 the second run matched X's stored "papers/znse.txt" (both relative,
// one key in today's folder): X's paper was superseded by Y's and the curator's edit moved to Y's.
TEST_CASE("two relative ingest runs from different folders keep two files apart (schema v11 abs_path)") {
  TempDir dir;
  const fs::path x = dir / "X", y = dir / "Y";
  const std::string text = read_all(kZnse);
  write(x / "papers" / "znse.txt", text);
  write(y / "papers" / "znse.txt", text + "\nAnother lab's copy.\n");
  const fs::path db = dir / "two.db";
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_text(db, "SELECT abs_path FROM document_paths") == (x / "papers" / "znse.txt").lexically_normal().string());
  const std::string key = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
  REQUIRE(!key.empty());
  curate_status(db, key);

  SUBCASE("rows with abs_path: Y's file is another document") {
    auto r = run_cli_in(y, {"ingest", "papers", "--db", db.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
    CHECK(query_int(db, "SELECT count(DISTINCT path) FROM documents") == 1);  // both stored as papers/znse.txt
    CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 0);
    CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
    CHECK(query_int(db, "SELECT count(*) FROM document_paths WHERE abs_path = '" +
                            (y / "papers" / "znse.txt").string() + "'") == 1);
    auto e = run_cli({"export", "--db", db.string(), "--out", (dir / "ex").string()});
    REQUIRE(e.exit_code == 0);
    CHECK(has(e.out, "from 2 documents"));

    // Y's file edited in place and ingested again in Y: Y's old version is superseded, X's is not.
    const std::string y_old = query_text(db, "SELECT sha256 FROM documents ORDER BY id DESC LIMIT 1");
    { std::ofstream(y / "papers" / "znse.txt", std::ios::binary | std::ios::app) << "Revised.\n"; }
    REQUIRE(run_cli_in(y, {"ingest", "papers/", "--db", db.string()}).exit_code == 0);
    CHECK(query_int(db, "SELECT count(*) FROM documents") == 3);
    CHECK(query_text(db, "SELECT group_concat(sha256) FROM superseded_documents") == y_old);
    CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
    CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 0);
    // stats: nothing superseded but Y's old version.
    auto s = run_cli({"stats", "--db", db.string(), "--json"});
    REQUIRE(s.exit_code == 0);
    CHECK(nlohmann::json::parse(s.out)["documents"]["superseded"] == 1);
    // `remove papers/znse.txt` run in X/ withdraws X's paper, not Y's of the same spelling.
    const std::string x_sha = query_text(db, "SELECT sha256 FROM documents ORDER BY id LIMIT 1");
    auto rm = run_cli_in(x, {"remove", "--db", db.string(), "--reason", "retracted", "papers/znse.txt"});
    INFO(rm.err);
    REQUIRE(rm.exit_code == 0);
    CHECK(query_text(db, "SELECT group_concat(sha256) FROM withdrawn_documents") == x_sha);
  }

  SUBCASE("rows stored before v11 (abs_path NULL) keep the old behaviour") {
    { synthdb::db::Database d(db); d.exec("UPDATE document_paths SET abs_path = NULL"); }
    auto r = run_cli_in(y, {"ingest", "papers", "--db", db.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 1);
  }
}

// Schema v17 (s22-keys "Fix left"): X/ and Y/ both hold papers/znse.txt with the SAME bytes. Before
// v17 one document_paths row (sha256, path) held the folder seen last (Y): editing Y's copy made the
// unchanged content an old version although X still held it (left out of exports and views, its
// curator edit carried onto Y's new file) until X was walked again. Now each folder has its row.
TEST_CASE_FIXTURE(CuratedInX,
                  "one content at one spelling in two folders: editing one copy supersedes nothing of the other (v17)") {
  const fs::path y = dir / "Y";
  write(y / "papers" / "znse.txt", read_all(kZnse));
  REQUIRE(run_cli_in(y, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 1);
  CHECK(query_text(db, "SELECT group_concat(abs_path, '|') FROM (SELECT abs_path FROM document_paths ORDER BY abs_path)") ==
        (x / "papers" / "znse.txt").lexically_normal().string() + "|" +
            (y / "papers" / "znse.txt").lexically_normal().string());
  // Y's copy edited in place and ingested in Y: X still holds the first content, which stays current.
  { std::ofstream(y / "papers" / "znse.txt", std::ios::binary | std::ios::app) << "\nRevised in Y.\n"; }
  REQUIRE(run_cli_in(y, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 0);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
  auto e = run_cli({"export", "--db", db.string(), "--out", (dir / "ex").string()});
  REQUIRE(e.exit_code == 0);
  CHECK(has(e.out, "from 2 documents"));
  // X's copy edited too: now the first content is held nowhere, an old version of both files.
  { std::ofstream(x / "papers" / "znse.txt", std::ios::binary | std::ios::app) << "\nRevised in X.\n"; }
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") >= 1);
}

// A project folder moved (or reached under another absolute path): its old folder's rows are the same
// file seen from a new place, not a second copy, so editing a file there still supersedes the old
// version and carries the curator's edit (review of v17: a row per folder kept for ever broke this).
TEST_CASE_FIXTURE(CuratedInX, "a moved folder: editing a file afterwards still supersedes its old version and carries the edit") {
  const fs::path z = dir / "Z";
  fs::rename(x, z);
  REQUIRE(run_cli_in(z, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_text(db, "SELECT group_concat(abs_path) FROM document_paths") ==
        (z / "papers" / "znse.txt").lexically_normal().string());
  { std::ofstream(z / "papers" / "znse.txt", std::ios::binary | std::ios::app) << "\nRevised.\n"; }
  REQUIRE(run_cli_in(z, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 1);
}

// A file renamed (or a second copy deleted) in a walked folder: the gone path no longer holds the old
// content, so editing the file where it is now supersedes the old version, which leaves the views and
// the export, and carries the curator's edit (review 26: the old version stayed live beside the new
// one, the paper was exported twice and the edit was neither carried nor flagged). A content seen
// nowhere else keeps its path (a deleted paper stays in the collection until `synthdb remove`).
TEST_CASE_FIXTURE(CuratedInX, "a renamed file or a deleted copy: editing the file afterwards supersedes its old version") {
  const fs::path papers = x / "papers";
  SUBCASE("renamed") { fs::rename(papers / "znse.txt", papers / "renamed.txt"); }
  SUBCASE("a second copy deleted") {
    fs::copy_file(papers / "znse.txt", papers / "copy.txt");
    REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
    CHECK(query_int(db, "SELECT count(*) FROM document_paths") == 2);
    fs::remove(papers / "znse.txt");
    fs::rename(papers / "copy.txt", papers / "renamed.txt");
  }
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  CHECK(query_text(db, "SELECT group_concat(path) FROM document_paths") == "papers/renamed.txt");
  const long long failed = query_int(db, "SELECT count(*) FROM synthesis_wide WHERE status = 'failed'");
  CHECK(failed >= 1);
  { std::ofstream(papers / "renamed.txt", std::ios::binary | std::ios::app) << "\nWe thank the facility.\n"; }
  auto r = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE status = 'failed'") == failed);
  const std::string new_key = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1") + key.substr(16);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + new_key + "'") == "failed");
  CHECK(query_int(db, "SELECT count(DISTINCT substr(synthesis_key, 1, 16)) FROM synthesis_wide") == 1);
  // The new version deleted too: its content is held nowhere else, so it stays current.
  fs::remove(papers / "renamed.txt");
  write(papers / "other.txt", "An unrelated note.\n");
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code <= 1);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + new_key + "'") == "failed");
}

// A file put back to an earlier content (an edit undone) makes the stored earlier version current again
// without storing anything (session 27, persona walk finding 1): the edits made on the version it
// replaces follow it, as they follow a new version, and a restore there lifts the earlier delete.
TEST_CASE_FIXTURE(CuratedInX, "a file put back to an earlier content: the edits made on the version it replaced follow it") {
  const fs::path paper = x / "papers" / "znse.txt";
  const std::string original = read_all(paper);
  const std::string other = query_text(db, "SELECT key FROM syntheses WHERE key <> '" + key + "' ORDER BY key LIMIT 1");
  REQUIRE(!other.empty());
  auto del = run_cli({"curate", "--db", db.string(), "delete", other, "--curator", "alice", "--reason", "not ZnSe"});
  REQUIRE(del.exit_code == 0);
  write(paper, original + "\nWe thank the facility.\n");
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  const std::string old16 = key.substr(0, 16);
  const std::string new16 = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1");
  REQUIRE(new16 != old16);
  const std::string key_b = new16 + key.substr(16), other_b = new16 + other.substr(16);
  auto set = run_cli({"curate", "--db", db.string(), "set", key_b, "target", "ZnSe QDs", "--curator", "dave",
                      "--reason", "v2 edit"});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  REQUIRE(run_cli({"curate", "--db", db.string(), "restore", other_b, "--curator", "dave", "--reason", "it is ZnSe"})
              .exit_code == 0);
  // No sleep: since schema v19 sightings within one second are ordered too (document_paths.seen_order).
  write(paper, original);
  auto r = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "2 curator edits carried, 0 flagged"));  // dave's target and restore
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_text(db, "SELECT target FROM synthesis_wide WHERE key = '" + key + "'") == "ZnSe QDs");
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + other + "'") == 0);
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + other + "'") == 1);
  // alice's status edit, first made on this version, is not copied back onto it.
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE target_key = '" + key + "' AND field = 'status'") == 1);
  // Idempotent: the next run carries nothing.
  auto again = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
  CHECK(!has(again.out, "carried"));
}

// Schema v19 (s28-flags, operator): versions at one path are ordered by last_seen, in whole seconds,
// then by the order of their sightings (document_paths.seen_order). Before, a file put back within
// the same second as the version it replaces was seen stayed superseded (ties went to the
// later-stored document) until the next run. Two ways: the runs one after the other, no sleep (mostly
// within one second), and the tie made certain by giving every row a last_seen no run reaches (what
// a run in the same second sees: its time is not later than the rows').
TEST_CASE_FIXTURE(CuratedInX, "a file put back within the same second as the version it replaces is current at once") {
  const fs::path paper = x / "papers" / "znse.txt";
  const std::string original = read_all(paper);
  const std::string old16 = key.substr(0, 16);
  auto ingest = [&] {
    auto r = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
    INFO(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  };
  auto current16 = [&] {
    return query_text(db, "SELECT group_concat(substr(sha256, 1, 16)) FROM documents WHERE id NOT IN "
                          "(SELECT id FROM superseded_documents)");
  };
  write(paper, original + "\nWe thank the facility.\n");
  ingest();
  const std::string new16 = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1");
  REQUIRE(new16 != old16);
  REQUIRE(current16() == new16);
  bool pinned = false;
  SUBCASE("one run after the other") {}
  SUBCASE("the same second, certain") {
    synthdb::db::Database d(db);
    d.exec("UPDATE document_paths SET last_seen = '2999-01-01T00:00:00Z'");
    pinned = true;
    REQUIRE(current16() == new16);
  }
  write(paper, original);
  ingest();
  CHECK(current16() == old16);
  CHECK(query_text(db, "SELECT status FROM synthesis_wide WHERE key = '" + key + "'") == "failed");
  CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE substr(key, 1, 16) = '" + new16 + "'") == 0);
  if (pinned) return;  // a new row's last_seen (now) is before the pinned ones
  // And edited again at once: the new content is current.
  write(paper, original + "\nRevised.\n");
  ingest();
  CHECK(current16() == query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1"));
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 2);
}

// The v19 upgrade numbers the rows stored before by last_seen, then document id, then rowid: a tie
// stored under v18 (two versions seen in one second) is resolved as v18 resolved it, the later-stored
// document current.
TEST_CASE_FIXTURE(CuratedInX, "a v18 database is upgraded to v19 with every sighting numbered and the same current versions") {
  const fs::path paper = x / "papers" / "znse.txt";
  write(paper, read_all(paper) + "\nWe thank the facility.\n");
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  const fs::path old = dir / "v18.db";
  copy_to_old_schema(db, old, 18);
  { synthdb::db::Database d(old, synthdb::db::OpenOptions{.migrate = false}); d.exec("UPDATE document_paths SET last_seen = '2026-01-01T00:00:00Z'"); }
  const std::string current_sql = "SELECT group_concat(sha256) FROM documents WHERE id NOT IN (SELECT id FROM superseded_documents)";
  const std::string current = query_text(old, current_sql);
  REQUIRE(current == query_text(db, "SELECT sha256 FROM documents ORDER BY id DESC LIMIT 1"));
  REQUIRE(run_cli({"stats", "--db", old.string()}).exit_code == 0);
  CHECK(query_int(old, "PRAGMA user_version") >= 19);
  CHECK(query_text(old, current_sql) == current);
  CHECK(query_int(old, "SELECT count(DISTINCT seen_order) FROM document_paths WHERE seen_order IS NOT NULL") ==
        query_int(old, "SELECT count(*) FROM document_paths"));
}

// Review s27 of the change above (ingest carries edits into documents found again): only where this
// run's sightings changed which version is current. An unchanged nightly run must not undo a restore
// made on the current version (D1) nor re-flag (D2); an older edit carried in must not override a newer
// one made on the current version (D3).
TEST_CASE_FIXTURE(CuratedInX, "unchanged runs carry nothing: a restore on the current version stays, flags are not redone") {
  const fs::path paper = x / "papers" / "znse.txt";
  REQUIRE(run_cli({"curate", "--db", db.string(), "delete", key, "--curator", "alice", "--reason", "wrong"}).exit_code == 0);
  write(paper, read_all(paper) + "\nWe thank the facility.\n");
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  const std::string key_b = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1") + key.substr(16);
  REQUIRE(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + key_b + "'") == 1);
  REQUIRE(run_cli({"curate", "--db", db.string(), "restore", key_b, "--curator", "dave", "--reason", "right"}).exit_code == 0);
  for (int run = 0; run < 2; ++run) {
    auto r = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
    INFO(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(!has(r.out, "carried"));
    CHECK(query_int(db, "SELECT count(*) FROM synthesis_tombstones WHERE key = '" + key_b + "'") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM synthesis_wide WHERE key = '" + key_b + "'") == 1);
  }
}

TEST_CASE("a second copy overwritten with the edited version: an older edit of the old content does not override a newer one") {
  TempDir dir;
  const std::string text = read_all(kZnse);
  write(dir / "papers" / "a.txt", text);
  write(dir / "papers" / "b.txt", text);
  const fs::path db = dir / "c.db";
  REQUIRE(run_cli({"ingest", (dir / "papers").string(), "--db", db.string(), "--quiet"}).exit_code == 0);
  const std::string key_a = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
  write(dir / "papers" / "a.txt", text + "\nVersion B.\n");  // b.txt keeps the old content current
  REQUIRE(run_cli({"ingest", (dir / "papers").string(), "--db", db.string(), "--quiet"}).exit_code == 0);
  const std::string key_b = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1") + key_a.substr(16);
  REQUIRE(key_b != key_a);
  auto set = [&](const std::string& k, const std::string& value, const std::string& who) {
    REQUIRE(run_cli({"curate", "--db", db.string(), "set", k, "target", value, "--curator", who, "--reason", "r"}).exit_code == 0);
  };
  set(key_a, "older on A", "alice");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // edits are ordered by `at`, in seconds
  set(key_b, "newer on B", "bob");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write(dir / "papers" / "b.txt", text + "\nVersion B.\n");
  auto r = run_cli({"ingest", (dir / "papers").string(), "--db", db.string()});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_text(db, "SELECT target FROM synthesis_wide WHERE key = '" + key_b + "'") == "newer on B");
  CHECK(has(r.out, "0 curator edits carried, 1 flagged"));
  CHECK(has(query_text(db, "SELECT flag_reason FROM curation WHERE target_key = '" + key_a + "'"), "has a newer edit of target"));
}

// A curated parent_key carried onto a new version of its file (edited in place) names the parent's
// counterpart in the new version, not the superseded record (session 25; before, the carried edit
// kept the old key, and curated_syntheses linked the new child to a record no view or export shows).
TEST_CASE("a carried parent_key edit names the parent in the new version of the file") {
  TempDir dir;
  const fs::path paper = dir / "papers" / "znse.txt";
  write(paper, read_all(kZnse));
  const fs::path db = dir / "pk.db";
  REQUIRE(run_cli({"ingest", (dir / "papers").string(), "--db", db.string()}).exit_code == 0);
  const std::string parent = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
  const std::string child = query_text(db, "SELECT key FROM syntheses WHERE key <> '" + parent + "' ORDER BY key LIMIT 1");
  REQUIRE(!parent.empty());
  REQUIRE(!child.empty());
  auto c = run_cli({"curate", "--db", db.string(), "set", child, "parent_key", parent, "--curator", "alice", "--reason",
                    "same batch"});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  const std::string old16 = parent.substr(0, 16);
  { std::ofstream(paper, std::ios::binary | std::ios::app) << "\nRevised.\n"; }
  REQUIRE(run_cli({"ingest", (dir / "papers").string(), "--db", db.string()}).exit_code == 0);
  const std::string new16 = query_text(db, "SELECT substr(sha256, 1, 16) FROM documents ORDER BY id DESC LIMIT 1");
  REQUIRE(new16 != old16);
  const std::string new_parent = new16 + parent.substr(16), new_child = new16 + child.substr(16);
  CHECK(query_text(db, "SELECT target_key || ' ' || new_value FROM curation WHERE carried_from IS NOT NULL") ==
        new_child + " " + new_parent);
  CHECK(query_text(db, "SELECT parent_key FROM curated_syntheses WHERE key = '" + new_child + "'") == new_parent);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE flagged = 1") == 0);
}

// With the absolute path known, the relative spelling of one run and the absolute spelling of another
// are one file again (s20-fixexp had to keep them apart): an edit in place is a new version of it.
TEST_CASE_FIXTURE(CuratedInX,
                  "a relative stored path and the absolute path of the same file are one file when abs_path is known") {
  { std::ofstream(x / "papers" / "znse.txt", std::ios::binary | std::ios::app) << "\nRevised.\n"; }
  // Run from another folder, naming the folder by its absolute path.
  auto r = run_cli_in(dir.path(), {"ingest", (x / "papers").string(), "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(query_int(db, "SELECT count(*) FROM documents") == 2);
  CHECK(query_int(db, "SELECT count(*) FROM superseded_documents") == 1);
  CHECK(query_int(db, "SELECT count(*) FROM curation WHERE carried_from IS NOT NULL") == 1);
  // The file keeps the spelling it was stored under; no absolute spelling is added.
  CHECK(query_int(db, "SELECT count(DISTINCT path) FROM document_paths") == 1);
  CHECK(query_text(db, "SELECT path FROM documents ORDER BY id DESC LIMIT 1") == "papers/znse.txt");
  CHECK(has(r.out, "1 curator edit carried"));
}

// A failed file in X/ is not retired because Y/ later held a good file under the same relative path.
TEST_CASE("stats does not retire a failed file of one folder because another folder's file has its relative path") {
  TempDir dir;
  const fs::path x = dir / "X", y = dir / "Y";
  write(x / "papers" / "a.txt", std::string("\x00\x01\x02\xff\xfe bad", 9));
  write(y / "papers" / "a.txt", read_all(kZnse));
  const fs::path db = dir / "r.db";
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 1);
  REQUIRE(run_cli_in(y, {"ingest", "papers", "--db", db.string()}).exit_code == 0);
  auto s = run_cli({"stats", "--db", db.string(), "--json"});
  REQUIRE(s.exit_code == 0);
  const auto d = nlohmann::json::parse(s.out)["documents"];
  CHECK(d["failed"] == 1);
  CHECK(d["failed_retired"] == 0);
  // Without abs_path (rows from before v11), as before: its path later held another document.
  { synthdb::db::Database w(db); w.exec("UPDATE document_paths SET abs_path = NULL"); }
  auto s2 = run_cli({"stats", "--db", db.string(), "--json"});
  CHECK(nlohmann::json::parse(s2.out)["documents"]["failed"] == 0);
}

// Nor does `ingest papers` in Y/ retire it as "file no longer present" (its relative path read in Y/).
TEST_CASE("ingest in another folder does not retire a failed file of the first folder as deleted") {
  TempDir dir;
  const fs::path x = dir / "X", y = dir / "Y";
  write(x / "papers" / "bad.txt", std::string("\x00\x01\x02\xff\xfe bad", 9));
  write(y / "papers" / "good.txt", read_all(kZnse));
  const fs::path db = dir / "g.db";
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string()}).exit_code == 1);
  auto r = run_cli_in(y, {"ingest", "papers", "--db", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(!has(r.err, "retired failure"));
  CHECK(query_int(db, "SELECT count(*) FROM documents WHERE retired IS NOT NULL") == 0);
  // Deleted in X/ and ingested in X/: retired, as before.
  fs::remove(x / "papers" / "bad.txt");
  write(x / "papers" / "good.txt", read_all(kZnse));
  auto r2 = run_cli_in(x, {"ingest", "papers", "--db", db.string()});
  INFO(r2.err);
  CHECK(has(r2.err, "retired failure papers/bad.txt: file no longer present"));
}

// Item 2.
TEST_CASE("search: a note when every hit is hidden, and each hit's synthesis keys") {
  TempDir dir;
  write(dir / "p" / "znse.txt", read_all(kZnse));
  const std::string db = (dir / "s.db").string();
  REQUIRE(run_cli({"ingest", (dir / "p").string(), "--db", db, "--quiet"}).exit_code == 0);

  // The experimental paragraph belongs to the base record (and its control variant); the
  // introduction to none.
  const std::string base = query_text(db, "SELECT key FROM syntheses WHERE variant = 0 ORDER BY key LIMIT 1");
  REQUIRE(!base.empty());
  auto hit = run_cli({"search", "--db", db, "--json", "stearate", "selenium", "powder", "degassed"});
  INFO(hit.err);
  REQUIRE(hit.exit_code == 0);
  auto hits = json_lines(hit.out);
  REQUIRE(hits.size() == 1);
  const auto keys = hits[0]["synthesis_keys"].get<std::vector<std::string>>();
  CHECK(std::find(keys.begin(), keys.end(), base) != keys.end());
  CHECK(static_cast<long long>(keys.size()) ==
        query_int(db, "SELECT count(*) FROM syntheses s, json_each(s.paragraphs) j WHERE j.value = " +
                          std::to_string(hits[0]["paragraph"].get<int>())));
  auto text = run_cli({"search", "--db", db, "stearate", "selenium", "powder", "degassed"});
  const std::string first_line = text.out.substr(0, text.out.find('\n'));
  CHECK(has(first_line, keys.size() == 1 ? "  synthesis " + base : "  syntheses "));
  CHECK(first_line.size() > base.size());
  CHECK(first_line.compare(first_line.size() - keys.back().size(), keys.back().size(), keys.back()) == 0);
  auto intro = json_lines(run_cli({"search", "--db", db, "--json", "Cadmium-free", "emitters"}).out);
  REQUIRE(intro.size() == 1);
  CHECK(intro[0]["synthesis_keys"] == nlohmann::json::array());
  CHECK(!has(run_cli({"search", "--db", db, "Cadmium-free", "emitters"}).out, "synthes"));
  // A deleted record is no key to give.
  REQUIRE(run_cli({"curate", "--db", db, "delete", base, "--curator", "alice", "--reason", "t"}).exit_code == 0);
  auto after = json_lines(run_cli({"search", "--db", db, "--json", "stearate", "selenium", "powder", "degassed"}).out);
  REQUIRE(after.size() == 1);
  const auto keys_after = after[0]["synthesis_keys"].get<std::vector<std::string>>();
  CHECK(std::find(keys_after.begin(), keys_after.end(), base) == keys_after.end());

  // Withdrawn: every hit hidden.
  REQUIRE(run_cli({"remove", "--db", db, "--reason", "off-topic", "--curator", "bob", (dir / "p" / "znse.txt").string()})
              .exit_code == 0);
  auto none = run_cli({"search", "--db", db, "zinc"});
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());
  const long long hidden = query_int(db, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'zinc'");
  REQUIRE(hidden > 1);
  CHECK(none.err == "search: " + std::to_string(hidden) +
                        " hits hidden in superseded or withdrawn documents; use --all-versions\n");
  auto none_json = run_cli({"search", "--db", db, "--json", "zinc"});
  CHECK(none_json.exit_code == 0);
  CHECK(none_json.out.empty());
  CHECK(has(none_json.err, "hits hidden in superseded or withdrawn documents; use --all-versions"));
  auto one = run_cli({"search", "--db", db, "Cadmium-free", "emitters"});
  CHECK(one.err == "search: 1 hit hidden in superseded or withdrawn documents; use --all-versions\n");
  // Words in no paragraph: the old message.
  CHECK(run_cli({"search", "--db", db, "xylophone"}).err == "search: no paragraph matches\n");
  // --all-versions shows them, nothing on stderr.
  auto all = run_cli({"search", "--db", db, "--all-versions", "zinc"});
  CHECK(!all.out.empty());
  CHECK(all.err.empty());
}

// in/a.txt (the ZnSe sample) and in/b-copy.txt (the same text and two newlines: a byte-different copy
// with the same DOI and paragraphs), ingested by one run into dir/d.db.
struct TwoCopies {
  TempDir dir;
  const fs::path db = dir / "d.db";

  TwoCopies() {
    const std::string text = read_all(kZnse);
    write(dir / "in" / "a.txt", text);
    write(dir / "in" / "b-copy.txt", text + "\n\n");
    REQUIRE(run_cli({"ingest", (dir / "in").string(), "--db", db.string(), "--jobs", "1"}).exit_code == 0);
  }
};

// Item 3. A byte-different copy of a paper, stored second, carries the curator's edit: export writes
// that copy and leaves out the first. stats' own SQL listed the second as the duplicate of the first.
TEST_CASE_FIXTURE(TwoCopies, "stats lists the duplicate copies export leaves out, with the copy export writes") {
  const std::string sha_a = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/a.txt'");
  const std::string sha_b = query_text(db, "SELECT sha256 FROM documents WHERE path LIKE '%/b-copy.txt'");
  const std::string key_b = query_text(db, "SELECT s.key FROM syntheses s JOIN documents d ON d.id = s.document_id "
                                           "WHERE d.sha256 = '" + sha_b + "' AND s.variant = 0 ORDER BY s.key LIMIT 1");
  REQUIRE(!key_b.empty());
  curate_status(db, key_b);
  auto e = run_cli({"export", "--db", db.string(), "--out", (dir / "ex").string()});
  REQUIRE(e.exit_code == 0);
  std::ifstream in(dir / "ex" / "dataset.json");
  const auto left_out = nlohmann::json::parse(in)["duplicate_documents_left_out"];
  REQUIRE(left_out.size() == 1);
  REQUIRE(left_out[0]["sha256"] == sha_a);

  auto s = run_cli({"stats", "--db", db.string(), "--json"});
  REQUIRE(s.exit_code == 0);
  const auto d = nlohmann::json::parse(s.out)["documents"];
  REQUIRE(d["duplicates"] == 1);
  CHECK(d["duplicate_documents"][0]["sha256"] == sha_a);
  CHECK(d["duplicate_documents"][0]["duplicate_of_sha256"] == sha_b);
  CHECK(fs::path(d["duplicate_documents"][0]["path"].get<std::string>()).filename() == "a.txt");
  CHECK(fs::path(d["duplicate_documents"][0]["duplicate_of"].get<std::string>()).filename() == "b-copy.txt");
  auto t = run_cli({"stats", "--db", db.string()});
  CHECK(has(t.out, "1 ok document repeats another document"));
  CHECK(has(t.out, "a.txt (copy of " + (dir / "in" / "b-copy.txt").string() + ", which export writes)"));
}

TEST_CASE_FIXTURE(TwoCopies, "search leaves out a duplicate copy's paragraphs as export does - --all-versions names them") {
  // Both copies are first seen by the same run: the path decides, a.txt is written, b-copy.txt left out.
  auto paths_of = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"search", "--db", db.string(), "--json", "zinc"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::set<std::string>> states;  // file name → out_of_exports values
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const auto j = nlohmann::json::parse(line);
      const auto& state = j.value("out_of_exports", nlohmann::json());
      states[fs::path(j["path"].get<std::string>()).filename().string()].insert(state.is_null() ? "" : state.get<std::string>());
    }
    return states;
  };
  const auto current = paths_of({});
  CHECK(current.count("a.txt") == 1);
  CHECK(current.count("b-copy.txt") == 0);
  const auto all = paths_of({"--all-versions"});
  REQUIRE(all.count("b-copy.txt") == 1);
  CHECK(all.at("b-copy.txt") == std::set<std::string>{"duplicate"});
  CHECK(all.at("a.txt") == std::set<std::string>{""});
}

// Item 4. Manual records: both precursors with moles, one without, none.
TEST_CASE("syntheses.csv and .jsonl say whether precursor_moles_mol sums every precursor") {
  TempDir dir;
  const fs::path db = dir / "m.db";
  REQUIRE(run_cli({"ingest", kZnse.string(), "--db", db.string(), "--quiet"}).exit_code == 0);
  const fs::path add = dir / "add.jsonl";
  write(add,
        R"({"target":"A1","status":"success","materials":[{"name":"zinc oxide","role":"precursor","moles":0.001},{"name":"selenium","role":"precursor","moles":0.002}]})"
        "\n"
        R"({"target":"A2","status":"success","materials":[{"name":"zinc oxide","role":"precursor","moles":0.001},{"name":"selenium","role":"precursor"}]})"
        "\n"
        R"({"target":"A3","status":"success","materials":[{"name":"octadecene","role":"solvent"}]})"
        "\n");
  auto a = run_cli({"add", "--db", db.string(), "--json", add.string(), "--curator", "alice"});
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  auto e = run_cli({"export", "--db", db.string(), "--out", (dir / "csv").string()});
  REQUIRE(e.exit_code == 0);
  std::istringstream csv(read_all(dir / "csv" / "syntheses.csv"));
  std::string line;
  std::getline(csv, line);
  const auto header = csv_fields(line);
  // Appended in session 21; session 22 appended the six span columns (s22-stats) and `part` (s22-multi).
  REQUIRE(header.size() > 8);
  REQUIRE(header[header.size() - 8] == "precursor_moles_complete");
  CHECK(header[header.size() - 2] == "failure_cue_end");
  CHECK(header.back() == "part");
  size_t target = 0, moles = 0, complete = header.size() - 8;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "target") target = i;
    if (header[i] == "precursor_moles_mol") moles = i;
  }
  std::map<std::string, std::pair<std::string, std::string>> by_target;  // target → (moles, complete)
  bool zero = false, one = false;
  while (std::getline(csv, line)) {
    const auto f = csv_fields(line);
    if (f.size() != header.size()) continue;  // a quoted comma in an extracted record's text
    by_target[f[target]] = {f[moles], f[complete]};
    zero |= f[complete] == "0";
    one |= f[complete] == "1";
    // Hand-added records: no target or failure cue span.
    if (f[target].size() == 2 && f[target][0] == 'A')
      for (size_t i = complete + 1; i + 1 < f.size(); ++i) CHECK(f[i].empty());
  }
  CHECK(by_target["A1"] == std::make_pair(std::string("0.003"), std::string("1")));
  CHECK(by_target["A2"] == std::make_pair(std::string("0.001"), std::string("0")));
  CHECK(by_target["A3"] == std::make_pair(std::string(""), std::string("")));
  CHECK(zero);
  CHECK(one);

  auto j = run_cli({"export", "--db", db.string(), "--out", (dir / "jl").string(), "--format", "jsonl"});
  REQUIRE(j.exit_code == 0);
  int seen = 0;
  for (const auto& r : json_lines(read_all(dir / "jl" / "syntheses.jsonl"))) {
    REQUIRE(r.contains("precursor_moles_complete"));
    REQUIRE(r.contains("part"));
    if (r["target"] == "A1") {
      CHECK(r["part"].is_null());  // a manual record comes from no file
      CHECK(r["precursor_moles_complete"] == 1);
      ++seen;
    } else if (r["target"] == "A2") {
      CHECK(r["precursor_moles_complete"] == 0);
      ++seen;
    } else if (r["target"] == "A3") {
      CHECK(r["precursor_moles_complete"].is_null());
      ++seen;
    }
  }
  CHECK(seen == 3);
  std::ifstream ds(dir / "jl" / "dataset.json");
  const auto cols = nlohmann::json::parse(ds)["files"]["syntheses.jsonl"]["columns"];
  REQUIRE(!cols.empty());
  REQUIRE(cols.size() > 8);
  CHECK(has(cols[cols.size() - 8].dump(), "precursor_moles_complete"));
  CHECK(has(cols[cols.size() - 2].dump(), "failure_cue_end"));
  CHECK(has(cols.back().dump(), "\"part\""));
}

// s29-db: stats' retired failures and ingest's choice of a stored spelling compared last_seen (whole
// seconds) alone. Two sightings in one second are ordered by document_paths.seen_order (schema v19),
// as superseded_documents orders versions. The tie is made certain by giving every row a last_seen
// no run reaches, as above.
TEST_CASE("stats: a failure seen in the same second as the path's other document is current or retired by sighting order") {
  TempDir dir;
  const fs::path in = dir / "in", paper = in / "paper.txt";
  const fs::path db = dir / "d.db";
  auto ingest = [&] { return run_cli({"ingest", in.string(), "--db", db.string(), "--quiet"}).exit_code; };
  auto pin = [&] { synthdb::db::Database(db).exec("UPDATE document_paths SET last_seen = '2999-01-01T00:00:00Z'"); };
  SUBCASE("an ok version, then a broken file: the failure is current") {
    write(paper, read_all(kZnse));
    REQUIRE(ingest() == 0);
    write_unreadable(paper, "one");
    REQUIRE(ingest() == 1);
    pin();
    const auto d = stats_documents(db);
    CHECK(d["failed"] == 1);  // before: 0, the ok document "seen at the same time" retired it
    CHECK(d["failed_retired"] == 0);
  }
  SUBCASE("a broken file replaced by another broken file: the first failure is retired") {
    write_unreadable(paper, "one");
    REQUIRE(ingest() == 1);
    write_unreadable(paper, "two");
    REQUIRE(ingest() == 1);
    pin();
    const auto d = stats_documents(db);
    CHECK(d["failed"] == 1);  // before: 2, neither seen later than the other
    CHECK(d["failed_retired"] == 1);
  }
  SUBCASE("a broken file, then fixed: the failure is retired, as before") {
    write_unreadable(paper, "one");
    REQUIRE(ingest() == 1);
    write(paper, read_all(kZnse));
    REQUIRE(ingest() == 0);
    pin();
    const auto d = stats_documents(db);
    CHECK(d["failed"] == 0);
    CHECK(d["failed_retired"] == 1);
  }
}

TEST_CASE("ingest: of two stored spellings of one file seen in the same second, the later sighting's is used") {
  TempDir dir;
  const fs::path x = dir / "x";
  write_unreadable(x / "papers" / "bad.txt", "one");
  const fs::path db = dir / "d.db";
  REQUIRE(run_cli_in(x, {"ingest", "papers", "--db", db.string(), "--quiet"}).exit_code == 1);
  const std::string abs = query_text(db, "SELECT abs_path FROM document_paths");
  REQUIRE(fs::path(abs).is_absolute());
  // The same file stored under its absolute spelling too, seen in the same second but before the
  // relative one (the smaller spelling, which won such a tie before).
  synthdb::db::Database(db).exec(
      "INSERT INTO document_paths(sha256, path, first_seen, last_seen, abs_path, seen_order) SELECT sha256, abs_path, "
      "first_seen, last_seen, abs_path, 0 FROM document_paths;"
      "UPDATE document_paths SET last_seen = '2999-01-01T00:00:00Z'");
  REQUIRE(query_int(db, "SELECT count(*) FROM document_paths") == 2);
  REQUIRE(abs < "papers/bad.txt");
  // The run names the file by the spelling seen last (before: by the absolute one), in its output and
  // in the stored row and reason.
  auto r = run_cli_in(x, {"ingest", "papers", "--db", db.string(), "--retry-failed"});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out + r.err, "failed papers/bad.txt: "));
  CHECK(query_text(db, "SELECT path FROM documents") == "papers/bad.txt");
  CHECK(query_text(db, "SELECT error FROM documents").starts_with("papers/bad.txt: "));
}
