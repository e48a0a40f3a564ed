-- Schema v21 (session 29): view duplicate_parts reads the curator edits once (review s28 F6) and
-- compares DOIs case-insensitively.
--
-- v20's duplicate_parts decides which copy of a paper is kept by, first, whether the copy has a live
-- record whose key carries a curator edit other than a delete/restore ("edited"). It tested that with
-- a scan of `curation` per candidate copy (a key's prefix and paragraph number against the copy's
-- sha256 and paragraph range), so the view's cost grew with copies x edits: 6,300 edits made it take
-- 0.76 s and export 1.02 s (review s28 F6). Now the edited (key prefix, paragraph) pairs are read
-- once, in CTE `edits`: "<sha16>-p" with N of a record key "<sha16>-p<N>-..." (and of an item key
-- "<record key>#m<n>"), "<sha256>:p" with N of an item key "<sha256>:p<N>:...", each pair once. A copy
-- is edited when a pair has its sha256's prefix and an N in its paragraph range, the same test as
-- v20's, so every kept copy is the same. Columns and the other rules are v20's (DOIs: below); the
-- views built on it (duplicate_syntheses, duplicate_documents, the curated views) read it by name and
-- are unchanged.
-- DOIs are compared without regard to case (ASCII, SQLite's lower()): DOIs are case-insensitive, and
-- "10.1021/ABC" (as a PDF prints it) and "10.1021/abc" (as a publisher's metadata gives it) are one
-- paper. v20 compared them as stored, so two copies of one paper whose DOIs differ in case were both
-- exported. The view's doi column is still each paper's DOI as stored.
-- SQLite has no ALTER VIEW: the view is dropped and restated.
DROP VIEW duplicate_parts;
CREATE VIEW duplicate_parts AS
WITH papers AS (
  SELECT d.id, 1 AS part, d.doi, lower(d.doi) AS doi_key FROM documents d
  WHERE d.status = 'ok' AND d.doi IS NOT NULL AND d.doi <> '' AND d.paragraph_count > 0
  UNION ALL
  SELECT dp.document_id, dp.part, dp.doi, lower(dp.doi) FROM document_parts dp JOIN documents d ON d.id = dp.document_id
  WHERE d.status = 'ok' AND dp.part > 1 AND dp.doi IS NOT NULL AND dp.doi <> '' AND d.paragraph_count > 0),
spans AS MATERIALIZED (
  SELECT p.id, p.part, p.doi, p.doi_key, d.sha256, d.path,
         (SELECT min(x.ordinal) FROM paragraphs x WHERE x.document_id = p.id AND x.part = p.part) AS lo,
         (SELECT max(x.ordinal) FROM paragraphs x WHERE x.document_id = p.id AND x.part = p.part) AS hi,
         (SELECT count(*) FROM paragraphs x WHERE x.document_id = p.id AND x.part = p.part AND x.kind <> 'other') AS n,
         (SELECT total(length(CAST(x.text AS BLOB))) FROM paragraphs x
          WHERE x.document_id = p.id AND x.part = p.part AND x.kind <> 'other') AS bytes,
         coalesce((SELECT min(coalesce(r.started_at, q.first_seen)) FROM document_paths q LEFT JOIN runs r ON r.id = q.first_run
                   WHERE q.sha256 = d.sha256), d.ingested_at) AS seen,
         (SELECT min(q.first_run) FROM document_paths q WHERE q.sha256 = d.sha256) AS seen_run,
         coalesce((SELECT min(q.path) FROM document_paths q WHERE q.sha256 = d.sha256), d.path) AS seen_path
  FROM papers p JOIN documents d ON d.id = p.id
  WHERE p.doi_key IN (SELECT doi_key FROM papers GROUP BY doi_key HAVING count(*) > 1)
    AND p.id NOT IN (SELECT id FROM superseded_documents)),
edits AS MATERIALIZED (
  SELECT substr(target_key, 1, 18) AS head, CAST(substr(target_key, 19) AS INTEGER) AS n FROM curation
  WHERE field <> 'deleted' AND substr(target_key, 17, 2) = '-p'
  UNION
  SELECT substr(target_key, 1, instr(target_key, ':p') + 1), CAST(substr(target_key, instr(target_key, ':p') + 2) AS INTEGER)
  FROM curation WHERE field <> 'deleted' AND instr(target_key, ':p') > 0),
candidates AS MATERIALIZED (
  SELECT a.*,
         (SELECT group_concat(length(t.text) || ':' || t.text, '') FROM (
            SELECT x.text FROM paragraphs x WHERE x.document_id = a.id AND x.part = a.part AND x.kind <> 'other'
            ORDER BY x.ordinal) t) AS texts,
         EXISTS (SELECT 1 FROM syntheses s LEFT JOIN paragraphs x ON x.document_id = s.document_id AND x.ordinal = s.first_paragraph
                 WHERE s.document_id = a.id AND coalesce(x.part, 1) = a.part
                   AND s.key NOT IN (SELECT key FROM synthesis_tombstones)) AS live,
         (EXISTS (SELECT 1 FROM edits e WHERE e.head = substr(a.sha256, 1, 16) || '-p' AND e.n BETWEEN a.lo AND a.hi)
          OR EXISTS (SELECT 1 FROM edits e WHERE e.head = a.sha256 || ':p' AND e.n BETWEEN a.lo AND a.hi)) AS edited
  FROM spans a
  WHERE a.n > 0 AND EXISTS (SELECT 1 FROM spans b WHERE b.doi_key = a.doi_key AND b.n = a.n AND b.bytes = a.bytes
                            AND NOT (b.id = a.id AND b.part = a.part))),
kept AS (
  SELECT c.id, c.part, c.sha256, c.path, c.doi, c.lo, c.hi,
         first_value(c.id) OVER w AS kept_id, first_value(c.part) OVER w AS kept_part,
         first_value(c.sha256) OVER w AS kept_sha256, first_value(c.path) OVER w AS kept_path,
         first_value(c.lo) OVER w AS kept_lo
  FROM candidates c
  WINDOW w AS (PARTITION BY c.doi_key, c.texts
               ORDER BY (c.live AND c.edited) DESC, c.live DESC, c.part > 1, c.seen, c.seen_run IS NULL, c.seen_run, c.seen_path, c.id, c.part))
SELECT id, part, sha256, path, doi, kept_id AS duplicate_of, kept_part AS duplicate_of_part,
       kept_sha256 AS duplicate_of_sha256, kept_path AS duplicate_of_path,
       lo AS first_paragraph, hi AS last_paragraph, kept_lo AS duplicate_of_first_paragraph
FROM kept
WHERE NOT (kept_id = id AND kept_part = part);
