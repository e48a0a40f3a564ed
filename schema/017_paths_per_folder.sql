-- Schema v17 (session 25, s22-keys "Fix left"): one document_paths row per file, not per spelling.
--
-- v1 keyed document_paths by (sha256, path): one content at one relative spelling ingested from two
-- folders (`ingest papers` in X/, then in Y/, both holding papers/a.pdf with the same bytes) had
-- one row, whose abs_path named the folder seen last. Editing Y's copy then made v11's
-- superseded_documents take the unchanged content for an old version, although X/papers/a.pdf
-- still held it: it left exports and views and its curator edits were carried onto Y's file, until
-- X was walked again. Now each absolute path has its row: the key is (sha256, path, abs_path), a
-- NULL abs_path (rows stored before v11, or a sighting without a folder) counting as one more value
-- ('' in the unique index). Ingest (db::record_path) fills a NULL abs_path the first time it sees
-- that content at that spelling with a folder, as it did before, and otherwise adds the folder's row.
-- The views' rule ("equal path, and abs_path agree or either is NULL") is unchanged: with a row per
-- folder it now sees X's copy.
--
-- SQLite cannot change a primary key in place: the table is rebuilt. legacy_alter_table keeps the
-- RENAME from checking or rewriting the views that name document_paths (superseded_documents,
-- duplicate_documents): they name the rebuilt table, whose columns are the same.
PRAGMA legacy_alter_table = ON;
CREATE TABLE document_paths_v17 (
  sha256     TEXT NOT NULL,
  path       TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  abs_path   TEXT
);
INSERT INTO document_paths_v17(sha256, path, first_seen, last_seen, abs_path)
SELECT sha256, path, first_seen, last_seen, abs_path FROM document_paths;
DROP TABLE document_paths;
ALTER TABLE document_paths_v17 RENAME TO document_paths;
CREATE UNIQUE INDEX document_paths_key ON document_paths(sha256, path, coalesce(abs_path, ''));
CREATE INDEX document_paths_path ON document_paths(path);
PRAGMA legacy_alter_table = OFF;
