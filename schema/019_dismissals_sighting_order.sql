-- Schema v19 (session 28): a curator dismisses a flagged edit (persona walk finding 8); versions of one
-- file are ordered by their sightings, not by whole seconds (below).
--
-- `synthdb curate flagged` lists the edits re-processing or a file edited in place could not place
-- (curation.flagged = 1). A curator redoes such an edit on the new record and then had no way to say
-- "dealt with": the flag stayed in `curate flagged` and in `stats` for ever, and setting flagged = 0
-- by hand did not last, as the next re-processing or carrying checked the edit again and flagged it
-- anew (with a new flag_reason text: it names the run's time or the new version).
--
-- curation_dismissals: one row per dismissal (`synthdb curate dismiss ID`), an audit record like an
-- edit: who (curator), when (at, UTC ISO 8601), why (reason), and the flag_reason it dismissed as it
-- read then. Dismissing sets the edit's flagged to 0 and keeps its flag_reason; nothing else of the
-- edit changes (a dismissed edit that applies keeps applying). The rule later runs follow
-- (db::refresh_flags, db::carry_superseded_edits): an edit with flagged = 0, a flag_reason and a
-- dismissal is "dismissed, target still lost", and stays unflagged whatever new reason text a run
-- writes; when a run finds its target again (the edit applies again, or is carried to a new version)
-- its flag_reason is cleared and the dismissal has done its job, so a later run that loses the target
-- again flags it anew (a new loss, which a curator may dismiss again).
CREATE TABLE curation_dismissals (
  id          INTEGER PRIMARY KEY,
  edit_id     INTEGER NOT NULL REFERENCES curation(id),
  flag_reason TEXT NOT NULL,
  curator     TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL
);
CREATE INDEX curation_dismissals_edit ON curation_dismissals(edit_id, id);

-- Versions of one file in the order they were seen (operator finding), not by whole seconds.
--
-- superseded_documents ordered the versions seen at one path by document_paths.last_seen, stored in
-- whole seconds, ties going to the later-stored document: a file put back to an earlier content
-- within the same second as the version it replaces was seen (an edit undone at once, a script that
-- writes and ingests) left the earlier version superseded, and its edits uncarried, until the next run.
--
-- document_paths.seen_order: a per-database counter of sightings, larger is later. Ingest
-- (db::record_path) sets the row of each sighting to the next number, also when last_seen does not
-- change within a second; a row added any other way (merge, plain SQL) gets the next number from
-- trigger document_paths_seen_order. The views order the versions at one path by last_seen, then
-- seen_order (merged shards keep their hosts' times first). Existing rows are numbered in the order of
-- their last_seen, then the id of their document, then rowid: every tie stored before is resolved as
-- v4's rule resolved it (the later-stored document), so the upgrade changes no current version.
ALTER TABLE document_paths ADD COLUMN seen_order INTEGER;
CREATE TEMP TABLE document_paths_order_v19 (r INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO document_paths_order_v19(r, n)
SELECT p.rowid, row_number() OVER (ORDER BY p.last_seen, (SELECT d.id FROM documents d WHERE d.sha256 = p.sha256), p.rowid)
FROM document_paths p;
UPDATE document_paths SET seen_order = (SELECT n FROM document_paths_order_v19 WHERE r = document_paths.rowid);
DROP TABLE document_paths_order_v19;
CREATE INDEX document_paths_seen_order ON document_paths(seen_order);
CREATE TRIGGER document_paths_seen_order AFTER INSERT ON document_paths WHEN NEW.seen_order IS NULL
BEGIN
  UPDATE document_paths SET seen_order = (SELECT coalesce(max(seen_order), 0) + 1 FROM document_paths)
  WHERE rowid = NEW.rowid;
END;

-- v11's view (v4's rule, v11's abs_path rule, v8's withdrawn documents) with seen_order breaking a
-- tie on last_seen instead of the document id.
DROP VIEW superseded_documents;
CREATE VIEW superseded_documents AS
SELECT d.id, d.sha256 FROM documents d
WHERE EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256)
  AND NOT EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256 AND NOT EXISTS (
    SELECT 1 FROM document_paths q JOIN documents d2 ON d2.sha256 = q.sha256 AND d2.status = 'ok'
    WHERE q.path = p.path AND q.sha256 <> p.sha256
      AND (q.abs_path IS NULL OR p.abs_path IS NULL OR q.abs_path = p.abs_path)
      AND (q.last_seen > p.last_seen OR (q.last_seen = p.last_seen AND q.seen_order > p.seen_order))))
UNION
SELECT id, sha256 FROM withdrawn_documents;
