-- Schema v11 (s21-ops): the absolute path beside each stored spelling.
--
-- document_paths.path is the spelling a run was given ("papers/a.pdf"); a relative spelling says
-- nothing about the folder the run started in, so `ingest papers` in X/ and then in Y/ stored two
-- different files under one path, and Y's file was taken for a new version of X's (X's document
-- superseded, its curator edits carried onto Y's paper). abs_path is the path ingest resolved when
-- it saw the file: std::filesystem::absolute against the run's folder, then lexically_normal (no
-- trailing "/", symbolic links not resolved), the same key ingest compares spellings by. NULL =
-- unknown: rows stored before v11 are not backfilled (the folder they came from was never
-- recorded); ingest fills the column the next time it sees that content at that spelling.
-- Two rows are the same file when their paths are equal and their abs_path agree, or either is
-- NULL (the behaviour before v11).
ALTER TABLE document_paths ADD COLUMN abs_path TEXT;

-- v8's view with the abs_path condition: a path holds a newer version only when it is the same file.
DROP VIEW superseded_documents;
CREATE VIEW superseded_documents AS
SELECT d.id, d.sha256 FROM documents d
WHERE EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256)
  AND NOT EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256 AND NOT EXISTS (
    SELECT 1 FROM document_paths q JOIN documents d2 ON d2.sha256 = q.sha256 AND d2.status = 'ok'
    WHERE q.path = p.path AND q.sha256 <> p.sha256
      AND (q.abs_path IS NULL OR p.abs_path IS NULL OR q.abs_path = p.abs_path)
      AND (q.last_seen > p.last_seen OR (q.last_seen = p.last_seen AND d2.id > d.id))))
UNION
SELECT id, sha256 FROM withdrawn_documents;
