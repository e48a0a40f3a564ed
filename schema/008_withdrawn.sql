-- Schema v8 (s20-ops): documents an operator withdrew with `synthdb remove` (a retracted paper, an
-- off-topic file, a good PDF taken out of the collection).
-- A withdrawn document (ok or failed) keeps its row and every derived row (paragraphs, entities, records) and every
-- curator edit; `documents.retired` holds "withdrawn: <reason> (<who>)" and `retired_at` the time,
-- the columns schema v6 added for failed documents whose file is gone. `synthdb remove --undo`
-- clears them. Ingest never re-processes a withdrawn document (also with --force or a new
-- pipeline), so a withdrawn paper still lying in the folder stays withdrawn.
-- The view `withdrawn_documents` lists them; `superseded_documents`, which every curated view and
-- `synthesis_wide` / `synthesis_provenance` use to leave documents out, now also holds them, so
-- their records leave every view exactly as they leave `synthdb export`.
CREATE VIEW withdrawn_documents AS
SELECT d.id, d.sha256, d.path, d.retired AS reason, d.retired_at AS withdrawn_at FROM documents d
WHERE substr(d.retired, 1, 11) = 'withdrawn: ';

DROP VIEW superseded_documents;
CREATE VIEW superseded_documents AS
SELECT d.id, d.sha256 FROM documents d
WHERE EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256)
  AND NOT EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256 AND NOT EXISTS (
    SELECT 1 FROM document_paths q JOIN documents d2 ON d2.sha256 = q.sha256 AND d2.status = 'ok'
    WHERE q.path = p.path AND q.sha256 <> p.sha256
      AND (q.last_seen > p.last_seen OR (q.last_seen = p.last_seen AND d2.id > d.id))))
UNION
SELECT id, sha256 FROM withdrawn_documents;
