#include "db/merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/curation.h"
#include "db/edit_anchor.h"
#include "db/database.h"
#include "db/store.h"
#include "extract/core/error.h"

namespace synthdb::db {
namespace {

struct ForeignKey {
  std::string column;
  std::string parent;
  bool owning = false;  // ON DELETE CASCADE: the row belongs to its parent
};

struct TableInfo {
  std::string name;
  std::vector<std::string> columns;  // stored, visible columns
  bool integer_id = false;           // has "id INTEGER PRIMARY KEY"
  std::vector<ForeignKey> fks;
};

// Identifiers below come from sqlite_schema / pragma output of our own migrations, never from user
// input; quoting them keeps odd names (none today) from breaking the SQL.
std::string quote(const std::string& id) {
  std::string q = "\"";
  for (char c : id) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::vector<TableInfo> read_tables(Database& db) {
  std::vector<TableInfo> tables;
  auto st = db.prepare(
      "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
  std::vector<std::string> names;
  while (st.step()) names.push_back(st.column_text(0));
  std::set<std::string> shadow;  // FTS5 shadow tables (paragraphs_fts_data, ...) are internal
  {
    auto v = db.prepare("SELECT name FROM main.sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'");
    while (v.step()) {
      const std::string base = v.column_text(0) + "_";
      for (const auto& n : names)
        if (n.rfind(base, 0) == 0) shadow.insert(n);
    }
  }
  for (const std::string& name : names) {
    if (shadow.count(name)) continue;
    TableInfo t;
    t.name = name;
    auto cols = db.prepare("SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)");
    cols.bind(1, name);
    int pk_count = 0;
    bool id_pk = false;
    while (cols.step()) {
      if (cols.column_int(3) != 0) continue;  // generated or hidden columns are not inserted
      t.columns.push_back(cols.column_text(0));
      if (cols.column_int(2) > 0) {
        ++pk_count;
        std::string type = cols.column_text(1);
        std::transform(type.begin(), type.end(), type.begin(), ::toupper);
        id_pk = cols.column_text(0) == "id" && type == "INTEGER";
      }
    }
    t.integer_id = pk_count == 1 && id_pk;
    auto fk = db.prepare("SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list(?)");
    fk.bind(1, name);
    while (fk.step()) t.fks.push_back({fk.column_text(0), fk.column_text(1), fk.column_text(2) == "CASCADE"});
    tables.push_back(std::move(t));
  }
  return tables;
}

// Tables derived from documents: documents itself and, transitively, every table owned (CASCADE) by
// one of them. Returned parents-first, and a table after every copied table it references.
std::vector<const TableInfo*> derived_tables(const std::vector<TableInfo>& tables) {
  std::map<std::string, const TableInfo*> by_name;
  for (const auto& t : tables) by_name[t.name] = &t;
  std::set<std::string> derived = {"documents"};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& t : tables) {
      if (derived.count(t.name)) continue;
      for (const auto& fk : t.fks)
        if (fk.owning && derived.count(fk.parent)) {
          derived.insert(t.name);
          grew = true;
          break;
        }
    }
  }
  std::vector<const TableInfo*> order;
  std::set<std::string> placed;
  while (order.size() < derived.size()) {
    bool progress = false;
    for (const auto& name : derived) {
      if (placed.count(name) || !by_name.count(name)) continue;
      const TableInfo* t = by_name[name];
      bool ready = true;
      for (const auto& fk : t->fks)
        if (fk.parent != name && derived.count(fk.parent) && !placed.count(fk.parent)) ready = false;
      if (ready) {
        order.push_back(t);
        placed.insert(name);
        progress = true;
      }
    }
    if (!progress) throw DbError("merge: cyclic foreign keys between derived tables");
  }
  return order;
}

}  // namespace

MergeCounts merge_database(Database& out, const std::filesystem::path& shard_path) {
  if (!std::filesystem::exists(shard_path))
    throw DbError(shard_path.string() + ": no such database");
  {
    // Read-only open: checks that it is a database and reads its version without changing it.
    Database shard(shard_path, OpenOptions{.migrate = false, .read_only = true});
    const int sv = shard.schema_version();
    const int ov = out.schema_version();
    if (sv != ov)
      throw DbError("refusing to merge: " + shard_path.string() + " has schema v" + std::to_string(sv) +
                    " but " + out.path().string() + " has v" + std::to_string(ov) +
                    "; open both with the same synthdb version first");
  }
  {
    auto attach = out.prepare("ATTACH DATABASE ? AS shard");
    attach.bind(1, shard_path.string()).run();
  }
  MergeCounts counts;
  try {
    const std::vector<TableInfo> tables = read_tables(out);
    const std::vector<const TableInfo*> order = derived_tables(tables);
    Transaction tx(out);
    out.exec(
        "DROP TABLE IF EXISTS temp.merge_docs;"
        "CREATE TEMP TABLE merge_docs(shard_id INTEGER PRIMARY KEY, sha256 TEXT, replace_id INTEGER);"
        "INSERT INTO temp.merge_docs SELECT s.id, s.sha256, m.id FROM shard.documents s "
        "LEFT JOIN main.documents m ON m.sha256 = s.sha256 "
        "WHERE m.id IS NULL OR (s.ingested_at > m.ingested_at AND NOT (s.status = 'failed' AND m.status = 'ok') "
        // A document OUT's operator withdrew (`synthdb remove`) stays as it is, withdrawn.
        "AND coalesce(substr(m.retired, 1, 11), '') <> 'withdrawn: ')");
    // A shard's newer *failed* attempt never replaces a good document of OUT: OUT keeps its rows and
    // records the attempt in its error column, as ingest does for a failed re-processing.
    out.exec(
        "DROP TABLE IF EXISTS temp.merge_kept;"
        "CREATE TEMP TABLE merge_kept(out_id INTEGER PRIMARY KEY, error TEXT);"
        "INSERT INTO temp.merge_kept SELECT m.id, coalesce(s.error, 're-processing failed') FROM shard.documents s "
        "JOIN main.documents m ON m.sha256 = s.sha256 "
        "WHERE s.status = 'failed' AND m.status = 'ok' AND s.ingested_at > m.ingested_at "
        "AND m.error IS NOT coalesce(s.error, 're-processing failed')");
    counts.kept = static_cast<int>(scalar(out, "SELECT count(*) FROM temp.merge_kept"));
    out.exec("UPDATE main.documents SET error = (SELECT error FROM temp.merge_kept k WHERE k.out_id = id) "
             "WHERE id IN (SELECT out_id FROM temp.merge_kept); DROP TABLE temp.merge_kept");
    counts.replaced = static_cast<int>(scalar(out, "SELECT count(*) FROM temp.merge_docs WHERE replace_id IS NOT NULL"));
    counts.copied = static_cast<int>(scalar(out, "SELECT count(*) FROM temp.merge_docs")) - counts.replaced;
    counts.unchanged = static_cast<int>(scalar(out, "SELECT count(*) FROM shard.documents")) -
                       counts.copied - counts.replaced;
    // Replaced documents go first; the cascade removes all their derived rows (and FTS entries).
    out.exec("DELETE FROM main.documents WHERE id IN "
             "(SELECT replace_id FROM temp.merge_docs WHERE replace_id IS NOT NULL)");

    std::set<std::string> mapped;  // tables with a temp.map_<name>(old, new)
    for (const TableInfo* t : order) {
      const std::string map = "temp." + quote("map_" + t->name);
      const std::string tq = quote(t->name);
      // Which shard rows: documents chosen above; other tables, rows whose owners were copied.
      std::string where;
      if (t->name == "documents") {
        where = "s.id IN (SELECT shard_id FROM temp.merge_docs)";
      } else {
        for (const auto& fk : t->fks) {
          if (!fk.owning || !mapped.count(fk.parent)) continue;
          if (!where.empty()) where += " AND ";
          where += "s." + quote(fk.column) + " IN (SELECT old FROM temp." + quote("map_" + fk.parent) + ")";
        }
        if (where.empty()) continue;  // owned by a table we could not map: nothing to copy safely
      }
      std::string cols, exprs;
      for (const std::string& c : t->columns) {
        if (!cols.empty()) {
          cols += ", ";
          exprs += ", ";
        }
        cols += quote(c);
        const ForeignKey* ref = nullptr;
        for (const auto& fk : t->fks)
          if (fk.column == c && mapped.count(fk.parent)) ref = &fk;
        if (t->integer_id && c == "id")
          exprs += "m.new";
        else if (ref)
          exprs += "(SELECT new FROM temp." + quote("map_" + ref->parent) + " WHERE old = s." + quote(c) + ")";
        else
          exprs += "s." + quote(c);
      }
      if (t->integer_id) {
        const int64_t offset = scalar(out, "SELECT coalesce(max(id), 0) FROM main." + tq);
        out.exec("DROP TABLE IF EXISTS " + map + "; CREATE TEMP TABLE " + quote("map_" + t->name) +
                 "(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)");
        out.exec("INSERT INTO " + map + " SELECT s.id, s.id + " + std::to_string(offset) + " FROM shard." + tq +
                 " s WHERE " + where);
        out.exec("INSERT INTO main." + tq + " (" + cols + ") SELECT " + exprs + " FROM shard." + tq + " s JOIN " +
                 map + " m ON m.old = s.id ORDER BY s.id");
        mapped.insert(t->name);
      } else {
        out.exec("INSERT INTO main." + tq + " (" + cols + ") SELECT " + exprs + " FROM shard." + tq + " s WHERE " +
                 where);
      }
    }
    // One row per file (schema v17): a shard's row joins the row of its folder, fills a row without
    // one, or is added, as ingest's record_path does; the earliest first_seen and latest last_seen win.
    int64_t paths_changed = 0;
    {
      auto rows = out.prepare("SELECT sha256, path, first_seen, last_seen, coalesce(abs_path, '') FROM shard.document_paths");
      while (rows.step())
        paths_changed += merge_path(out, rows.column_text(0), rows.column_text(1), rows.column_text(4),
                                    rows.column_text(2), rows.column_text(3));
    }
    counts.paths = paths_changed;
    // The documents now in OUT (paths merged, so superseded_documents sees the new versions): re-check
    // their edits and carry OUT's edits of the versions they supersede, as store_syntheses does.
    if (mapped.count("documents")) {
      std::vector<std::pair<int64_t, std::string>> stored;
      {
        auto st = out.prepare(
            "SELECT d.id, d.sha256 FROM temp.map_documents m JOIN main.documents d ON d.id = m.new "
            "WHERE d.status = 'ok' ORDER BY d.id");
        while (st.step()) stored.emplace_back(st.column_int(0), st.column_text(1));
      }
      // Only documents with edits need re-checking (keys start with the sha256's first 16 hex
      // digits); without any edit there is nothing to carry. Keeps a nightly merge that replaces
      // every document cheap.
      std::set<std::string> edited;
      {
        auto st = out.prepare("SELECT DISTINCT substr(target_key, 1, 16) FROM main.curation");
        while (st.step()) edited.insert(st.column_text(0));
      }
      if (edited.empty()) stored.clear();
      for (const auto& [id, sha] : stored) {
        if (edited.count(sha.substr(0, 16))) {
          // Edits that re-processing flagged count in `flagged` too (review s21, item 3).
          const std::vector<int64_t> before = flagged_edit_ids(out, sha);
          refresh_flags(out, sha);
          for (int64_t e : flagged_edit_ids(out, sha))
            if (!std::binary_search(before.begin(), before.end(), e)) ++counts.flagged;
        }
        const CarryResult c = carry_superseded_edits(out, id);
        counts.carried += c.carried;
        counts.flagged += c.flagged;
      }
    }
    for (const std::string& name : mapped) out.exec("DROP TABLE " + std::string("temp.") + quote("map_" + name));
    out.exec("DROP TABLE temp.merge_docs");
    tx.commit();
  } catch (...) {
    try {
      out.exec("DETACH DATABASE shard");
    } catch (...) {
    }
    throw;
  }
  out.exec("DETACH DATABASE shard");
  return counts;
}

}  // namespace synthdb::db
