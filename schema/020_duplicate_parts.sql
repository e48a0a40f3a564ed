-- Schema v20 (s28-dupparts): duplicate copies are decided per paper, not per file. Since v15 a file
-- may hold several papers (an issue PDF: documents.doi/title are its first paper's, document_parts
-- holds the later ones, paragraphs.part names each paragraph's paper). v16's duplicate_documents
-- compared whole files, so a paper stored alone and as part 2 of an issue PDF was exported twice.
--
-- duplicate_parts(id, part, sha256, path, doi, duplicate_of, duplicate_of_part, duplicate_of_sha256,
-- duplicate_of_path, first_paragraph, last_paragraph, duplicate_of_first_paragraph): the papers
-- (document id + part) that export leaves out (without --keep-duplicates), each with the paper
-- written instead; first/last_paragraph: the paper's paragraph ordinals in its file (a record key
-- "<sha16>-p<N>-..." or item key "<sha>:p<N>:..." with N in that range is the paper's). This view IS
-- the rule: db::duplicate_copies() (export, `curate`'s warning, `stats`' duplicate_documents) and
-- search read it; duplicate_documents and the curated views are built on it.
--
-- A paper is part 1 of a document (DOI documents.doi; for a one-paper file, the whole file) or a
-- later part (DOI document_parts.doi). Copies: papers of ok documents, not superseded or withdrawn,
-- with the same DOI and exactly the same texts, in order, of their paragraphs of every kind but
-- 'other' (title, abstract, headings, body, captions, references, footnotes; the paragraph count and
-- byte total are compared first). v16 compared every paragraph at the same ordinal; a part cannot be
-- compared so: it starts at another ordinal, and the lines above a paper's title (a journal's name,
-- volume and pages: kind 'other') are dropped in an issue and kept in a standalone file (the PbS
-- paper: 26 paragraphs alone, 24 as part 2 of corpus-samples' issue). So two files that differ only
-- in such header/footer lines are copies now too; a reworded paragraph (a corrected version) or an
-- SI still differs. Of a group of copies the kept one is the first with a live record (not deleted)
-- whose keys carry a curator edit other than a delete/restore (a key counts for the paper whose
-- paragraph it names), else the first with a live record, else the first, where "first" orders a
-- part 1 (a file of its own, or a file's first paper) before a later part, then by the run that first
-- saw the file (document_paths.first_run, below: that run's started_at, then its id; a row without
-- one, stored before v20 or merged from a shard, counts by its first_seen, as in v16), then path (min
-- document_paths.path, else documents.path), then id: a later part's year and journal are not read
-- (empty in the export), and the kept copy is the same whichever file was ingested first. v16 ordered
-- by first_seen alone, which is the time each document was stored: within one run, copies stored in
-- two different seconds by parallel workers were kept by the order the workers finished, not by path.
--
-- Cost: only DOIs held by two or more papers are read; each candidate's texts are read once (no
-- pairwise comparison): copies are grouped by (doi, texts).
CREATE INDEX IF NOT EXISTS document_parts_doi ON document_parts(doi);

-- document_paths.first_run: the ingest run (runs.id) that added this row, set by db::record_path (an
-- ingest's sighting); NULL for rows stored before v20 and for rows merged from a shard (whose runs
-- are not the host's), and cleared when a merge brings an earlier first_seen. Gone rows folded into
-- a new spelling (a moved folder) give it their first_run with their first_seen.
ALTER TABLE document_paths ADD COLUMN first_run INTEGER;

CREATE VIEW duplicate_parts AS
WITH papers AS (
  SELECT d.id, 1 AS part, d.doi FROM documents d
  WHERE d.status = 'ok' AND d.doi IS NOT NULL AND d.doi <> '' AND d.paragraph_count > 0
  UNION ALL
  SELECT dp.document_id, dp.part, dp.doi FROM document_parts dp JOIN documents d ON d.id = dp.document_id
  WHERE d.status = 'ok' AND dp.part > 1 AND dp.doi IS NOT NULL AND dp.doi <> '' AND d.paragraph_count > 0),
spans AS MATERIALIZED (
  SELECT p.id, p.part, p.doi, d.sha256, d.path,
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
  WHERE p.doi IN (SELECT doi FROM papers GROUP BY doi HAVING count(*) > 1)
    AND p.id NOT IN (SELECT id FROM superseded_documents)),
candidates AS MATERIALIZED (
  SELECT a.*,
         (SELECT group_concat(length(t.text) || ':' || t.text, '') FROM (
            SELECT x.text FROM paragraphs x WHERE x.document_id = a.id AND x.part = a.part AND x.kind <> 'other'
            ORDER BY x.ordinal) t) AS texts,
         EXISTS (SELECT 1 FROM syntheses s LEFT JOIN paragraphs x ON x.document_id = s.document_id AND x.ordinal = s.first_paragraph
                 WHERE s.document_id = a.id AND coalesce(x.part, 1) = a.part
                   AND s.key NOT IN (SELECT key FROM synthesis_tombstones)) AS live,
         EXISTS (SELECT 1 FROM curation c WHERE c.field <> 'deleted'
                 AND ((substr(c.target_key, 1, 18) = substr(a.sha256, 1, 16) || '-p'
                       AND CAST(substr(c.target_key, 19) AS INTEGER) BETWEEN a.lo AND a.hi)
                      OR (substr(c.target_key, 1, length(a.sha256) + 2) = a.sha256 || ':p'
                          AND CAST(substr(c.target_key, length(a.sha256) + 3) AS INTEGER) BETWEEN a.lo AND a.hi))) AS edited
  FROM spans a
  WHERE a.n > 0 AND EXISTS (SELECT 1 FROM spans b WHERE b.doi = a.doi AND b.n = a.n AND b.bytes = a.bytes
                            AND NOT (b.id = a.id AND b.part = a.part))),
kept AS (
  SELECT c.id, c.part, c.sha256, c.path, c.doi, c.lo, c.hi,
         first_value(c.id) OVER w AS kept_id, first_value(c.part) OVER w AS kept_part,
         first_value(c.sha256) OVER w AS kept_sha256, first_value(c.path) OVER w AS kept_path,
         first_value(c.lo) OVER w AS kept_lo
  FROM candidates c
  WINDOW w AS (PARTITION BY c.doi, c.texts
               ORDER BY (c.live AND c.edited) DESC, c.live DESC, c.part > 1, c.seen, c.seen_run IS NULL, c.seen_run, c.seen_path, c.id, c.part))
SELECT id, part, sha256, path, doi, kept_id AS duplicate_of, kept_part AS duplicate_of_part,
       kept_sha256 AS duplicate_of_sha256, kept_path AS duplicate_of_path,
       lo AS first_paragraph, hi AS last_paragraph, kept_lo AS duplicate_of_first_paragraph
FROM kept
WHERE NOT (kept_id = id AND kept_part = part);

-- duplicate_syntheses(synthesis_id, synthesis_key, document_id, part): the records of the papers in
-- duplicate_parts (a record's paper: the part of its first paragraph, as in synthesis_papers). They
-- are what `export --keep-duplicates` adds: SELECT * FROM syntheses WHERE id IN (SELECT synthesis_id
-- FROM duplicate_syntheses). Curator edits of them stay in `curation` and reach no export or view.
CREATE VIEW duplicate_syntheses AS
SELECT sp.synthesis_id, sp.synthesis_key, x.id AS document_id, x.part
FROM duplicate_parts x JOIN syntheses s ON s.document_id = x.id
JOIN synthesis_papers sp ON sp.synthesis_id = s.id AND sp.part = x.part;

-- duplicate_documents as in v16 (same columns): now the documents every paper of which is in
-- duplicate_parts, i.e. files that export leaves out whole; duplicate_of is the copy kept for its
-- first paper. For a one-paper file that is v16's row. A file only some of whose papers are copies
-- (an issue holding a paper stored alone too) is not listed here; duplicate_parts lists that paper.
DROP VIEW IF EXISTS duplicate_documents;
CREATE VIEW duplicate_documents AS
WITH x AS MATERIALIZED (SELECT id, part, sha256, path, duplicate_of, duplicate_of_sha256, duplicate_of_path FROM duplicate_parts),
n AS (SELECT id, count(*) AS papers FROM x GROUP BY id)
SELECT x.id, x.sha256, x.path, x.duplicate_of, x.duplicate_of_sha256, x.duplicate_of_path
FROM x JOIN n ON n.id = x.id
WHERE x.part = 1 AND n.papers = 1 + (SELECT count(*) FROM document_parts dp WHERE dp.document_id = x.id AND dp.part > 1);

-- The curated views as in v16 (016_views_duplicates.sql), with one change: a record of a paper in
-- duplicate_parts (duplicate_syntheses) is left out, as `synthdb export` leaves it out, instead of
-- the records of a document in duplicate_documents. synthesis_wide and synthesis_provenance (v18)
-- read these views by name and are unchanged.
DROP VIEW IF EXISTS curated_syntheses;
DROP VIEW IF EXISTS curated_materials;
DROP VIEW IF EXISTS curated_steps;
DROP VIEW IF EXISTS curated_outcomes;

CREATE VIEW curated_syntheses AS
SELECT
  s.id, s.document_id, s.key,
  CASE WHEN (CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key' ORDER BY c.id DESC LIMIT 1), '') ELSE s.parent_key END) IN (SELECT key FROM synthesis_tombstones) THEN NULL
       ELSE (CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key' ORDER BY c.id DESC LIMIT 1), '') ELSE s.parent_key END) END AS parent_key,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target' ORDER BY c.id DESC LIMIT 1), '') ELSE s.target END AS target,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target_formula')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target_formula' ORDER BY c.id DESC LIMIT 1), '') ELSE s.target_formula END AS target_formula,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'sample_label')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'sample_label' ORDER BY c.id DESC LIMIT 1), '') ELSE s.sample_label END AS sample_label,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'method')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'method' ORDER BY c.id DESC LIMIT 1), '') ELSE s.method END AS method,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'status')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'status' ORDER BY c.id DESC LIMIT 1), '') ELSE s.status END AS status,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'failure_cue')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'failure_cue' ORDER BY c.id DESC LIMIT 1), '') ELSE s.failure_cue END AS failure_cue,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'confidence')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'confidence' ORDER BY c.id DESC LIMIT 1)) = '' THEN 0
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'confidence' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.confidence END AS confidence,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.injection_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.injection_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 1) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.injection_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 1) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 1) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.injection_temperature_c END AS injection_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.injection_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.injection_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 2) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.injection_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 2) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 2) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.injection_time_s END AS injection_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.growth_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.growth_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 4) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.growth_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 4) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 4) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.growth_temperature_c END AS growth_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.growth_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.growth_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 8) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.growth_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 8) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 8) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.growth_time_s END AS growth_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.reaction_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.reaction_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 16) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.reaction_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 16) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 16) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.reaction_temperature_c END AS reaction_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.reaction_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.reaction_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 32) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.reaction_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND ((st.supplies & 32) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')) ORDER BY (st.supplies & 32) = 0, st.ordinal, c.id DESC LIMIT 1) ELSE s.reaction_time_s END AS reaction_time_s,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  s.variant, s.origin, s.source, s.paragraphs, s.first_paragraph, s.target_paragraph, s.target_start, s.target_end,
  s.failure_paragraph, s.failure_start, s.failure_end, s.created_at, s.key AS synthesis_key
FROM syntheses s
WHERE s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents))
  AND s.id NOT IN (SELECT synthesis_id FROM duplicate_syntheses);

CREATE VIEW curated_materials AS
SELECT
  m.id, m.synthesis_id, m.ordinal, m.item_key, m.entity_id, m.amount_entity_id,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'name')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'name' ORDER BY c.id DESC LIMIT 1), '') ELSE m.name END AS name,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'normalized')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'normalized' ORDER BY c.id DESC LIMIT 1), '') ELSE m.normalized END AS normalized,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'formula')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'formula' ORDER BY c.id DESC LIMIT 1), '') ELSE m.formula END AS formula,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'role')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'role' ORDER BY c.id DESC LIMIT 1), '') ELSE m.role END AS role,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'amount_value')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'amount_value' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'amount_value' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE m.amount_value END AS amount_value,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'amount_unit')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'amount_unit' ORDER BY c.id DESC LIMIT 1), '') ELSE m.amount_unit END AS amount_unit,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'quantity')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'quantity' ORDER BY c.id DESC LIMIT 1), '') ELSE m.quantity END AS quantity,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'moles')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'moles' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'moles' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE m.moles END AS moles,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'molar_ratio')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'molar_ratio' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field = 'molar_ratio' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE m.molar_ratio END AS molar_ratio,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  m.paragraph, m.start, m.end, m.amount_paragraph, m.amount_start, m.amount_end, s.key AS synthesis_key
FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id
WHERE m.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents))
  AND s.id NOT IN (SELECT synthesis_id FROM duplicate_syntheses);

CREATE VIEW curated_steps AS
SELECT
  st.id, st.synthesis_id, st.ordinal, st.item_key, st.entity_id,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1), '') ELSE st.operation END AS operation,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN st.temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c AND ((st.supplies & 16) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c AND ((st.supplies & 4) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c AND ((st.supplies & 1) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c AND ((st.supplies & 16) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c AND ((st.supplies & 4) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c AND ((st.supplies & 1) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))) ORDER BY CASE c.field WHEN 'reaction_temperature_c' THEN 0 WHEN 'growth_temperature_c' THEN 1 ELSE 2 END, c.id DESC LIMIT 1) ELSE st.temperature_c END AS temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN st.time_s IS NOT NULL AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s AND ((st.supplies & 32) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s AND ((st.supplies & 8) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s AND ((st.supplies & 2) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s AND ((st.supplies & 32) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s AND ((st.supplies & 8) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s AND ((st.supplies & 2) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing')))) ORDER BY CASE c.field WHEN 'reaction_time_s' THEN 0 WHEN 'growth_time_s' THEN 1 ELSE 2 END, c.id DESC LIMIT 1) ELSE st.time_s END AS time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE st.heating_rate_c_per_min END AS heating_rate_c_per_min,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere' ORDER BY c.id DESC LIMIT 1), '') ELSE st.atmosphere END AS atmosphere,
  (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key
          AND c.field NOT IN ('deleted', 'added'))
   OR (st.temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c AND ((st.supplies & 16) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c AND ((st.supplies & 4) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c AND ((st.supplies & 1) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))))))
   OR (st.time_s IS NOT NULL AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s AND ((st.supplies & 32) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s AND ((st.supplies & 8) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s AND ((st.supplies & 2) <> 0 OR coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))))))) AS curated,
  st.paragraph, st.start, st.end, st.temperature_paragraph, st.temperature_start, st.temperature_end,
  st.time_paragraph, st.time_start, st.time_end, s.key AS synthesis_key
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
WHERE st.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents))
  AND s.id NOT IN (SELECT synthesis_id FROM duplicate_syntheses);

CREATE VIEW curated_outcomes AS
SELECT
  o.id, o.synthesis_id, o.ordinal, o.item_key, o.entity_id,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'type')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'type' ORDER BY c.id DESC LIMIT 1), '') ELSE o.type END AS type,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'value')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'value' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'value' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE o.value END AS value,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'unit')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'unit' ORDER BY c.id DESC LIMIT 1), '') ELSE o.unit END AS unit,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'sd')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'sd' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'sd' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE o.sd END AS sd,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'text_value')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'text_value' ORDER BY c.id DESC LIMIT 1), '') ELSE o.text_value END AS text_value,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'dimension')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key AND c.field = 'dimension' ORDER BY c.id DESC LIMIT 1), '') ELSE o.dimension END AS dimension,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'outcomes' AND c.target_key = o.item_key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  o.confidence, o.paragraph, o.start, o.end, s.key AS synthesis_key
FROM outcomes o JOIN syntheses s ON s.id = o.synthesis_id
WHERE o.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents))
  AND s.id NOT IN (SELECT synthesis_id FROM duplicate_syntheses);
