-- Schema v16 (s22-views, review s21 findings 5 and 6): the views leave out duplicate copies of a
-- paper as `synthdb export` does, and name each synthesis by the key the CSV files write.
--
-- duplicate_documents(id, sha256, path, duplicate_of, duplicate_of_sha256, duplicate_of_path): the
-- byte-different copies of one paper that export leaves out (without --keep-duplicates), each with
-- the copy written instead (duplicate_of: its documents.id). This view IS the rule: db::duplicate_copies()
-- (export, `curate`'s warning, `stats`' duplicate_documents) reads it, so the views and the export
-- cannot choose differently. Copies: ok documents, not superseded or withdrawn, with paragraphs,
-- the same DOI and exactly the same paragraphs (ordinals and texts; the count and byte total are
-- compared first, so that a DOI shared by many different papers costs little). Of a group of copies
-- the kept one is, ordered by the run that first saw the copy (min document_paths.first_seen, else
-- ingested_at), then by path (min document_paths.path, else documents.path), then id: the first
-- with a live record (not deleted) whose keys carry a curator edit other than a delete/restore,
-- else the first with a live record, else the first.
CREATE VIEW duplicate_documents AS
WITH candidates AS (
  SELECT d.id, d.sha256, d.doi, d.path,
         coalesce((SELECT min(p.first_seen) FROM document_paths p WHERE p.sha256 = d.sha256), d.ingested_at) AS seen,
         coalesce((SELECT min(p.path) FROM document_paths p WHERE p.sha256 = d.sha256), d.path) AS seen_path,
         (SELECT count(*) FROM paragraphs x WHERE x.document_id = d.id) AS n,
         (SELECT total(length(CAST(x.text AS BLOB))) FROM paragraphs x WHERE x.document_id = d.id) AS bytes,
         EXISTS (SELECT 1 FROM syntheses s WHERE s.document_id = d.id
                 AND s.key NOT IN (SELECT key FROM synthesis_tombstones)) AS live,
         EXISTS (SELECT 1 FROM curation c WHERE c.field <> 'deleted'
                 AND (substr(c.target_key, 1, 18) = substr(d.sha256, 1, 16) || '-p'
                      OR substr(c.target_key, 1, length(d.sha256) + 2) = d.sha256 || ':p')) AS edited
  FROM documents d
  WHERE d.status = 'ok' AND d.doi IS NOT NULL AND d.doi <> '' AND d.paragraph_count > 0
    AND d.doi IN (SELECT doi FROM documents WHERE status = 'ok' AND doi IS NOT NULL AND doi <> ''
                  GROUP BY doi HAVING count(*) > 1)
    AND d.id NOT IN (SELECT id FROM superseded_documents)),
copies AS (
  SELECT a.id, b.id AS other FROM candidates a JOIN candidates b ON b.doi = a.doi AND b.n = a.n AND b.bytes = a.bytes
  WHERE NOT EXISTS (SELECT 1 FROM paragraphs pa WHERE pa.document_id = a.id AND NOT EXISTS (
    SELECT 1 FROM paragraphs pb WHERE pb.document_id = b.id AND pb.ordinal = pa.ordinal AND pb.text = pa.text))),
kept AS (
  SELECT a.id, (SELECT b.id FROM copies x JOIN candidates b ON b.id = x.other WHERE x.id = a.id
                ORDER BY (b.live AND b.edited) DESC, b.live DESC, b.seen, b.seen_path, b.id LIMIT 1) AS kept_id
  FROM candidates a)
SELECT a.id, a.sha256, a.path, b.id AS duplicate_of, b.sha256 AS duplicate_of_sha256, b.path AS duplicate_of_path
FROM kept k JOIN candidates a ON a.id = k.id JOIN candidates b ON b.id = k.kept_id
WHERE k.kept_id <> k.id;

-- The curated views and synthesis_wide as in v10 (curated_syntheses, curated_steps) and v4
-- (curated_materials, curated_outcomes, synthesis_wide), with two changes:
-- * records of a duplicate copy (duplicate_documents) are left out, as `synthdb export` leaves them
--   out; synthesis_provenance reads the curated views and so leaves them out too. To see a left-out
--   copy's records: SELECT * FROM syntheses WHERE document_id IN (SELECT id FROM duplicate_documents).
-- * a last column synthesis_key: the record's stable key, the string the CSV files write as
--   synthesis_id (each view's synthesis_id column, where it has one, stays the integer row id).
-- The follow rule in curated_syntheses / curated_steps (a step's temperature/time and its record's
-- conditions follow each other's edits) is written a second time in C++: db/export.cc,
-- follow_conditions(). Change both; tests/app/views_test.cc checks that they agree on corpus-samples.
DROP VIEW IF EXISTS curated_syntheses;
DROP VIEW IF EXISTS curated_materials;
DROP VIEW IF EXISTS curated_steps;
DROP VIEW IF EXISTS curated_outcomes;
DROP VIEW IF EXISTS synthesis_wide;

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
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM duplicate_documents));

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
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM duplicate_documents));

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
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM duplicate_documents));

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
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM duplicate_documents));

CREATE VIEW synthesis_wide AS
SELECT
  s.id AS synthesis_id,
  s.key,
  s.parent_key,
  s.variant,
  s.origin,
  d.sha256 AS document_sha256,
  d.doi,
  d.title,
  d.year,
  d.journal,
  s.target,
  s.target_formula,
  s.method,
  s.status,
  s.failure_cue,
  s.confidence,
  s.injection_temperature_c,
  s.injection_time_s,
  s.growth_temperature_c,
  s.growth_time_s,
  s.reaction_temperature_c,
  s.reaction_time_s,
  (SELECT group_concat(n, '; ') FROM (SELECT COALESCE(NULLIF(m.normalized, ''), m.name) AS n
   FROM curated_materials m WHERE m.synthesis_id = s.id AND m.role = 'precursor' ORDER BY m.ordinal)) AS precursors,
  (SELECT group_concat(n, '; ') FROM (SELECT COALESCE(NULLIF(m.normalized, ''), m.name) AS n
   FROM curated_materials m WHERE m.synthesis_id = s.id AND m.role = 'ligand' ORDER BY m.ordinal)) AS ligands,
  (SELECT group_concat(n, '; ') FROM (SELECT COALESCE(NULLIF(m.normalized, ''), m.name) AS n
   FROM curated_materials m WHERE m.synthesis_id = s.id AND m.role = 'solvent' ORDER BY m.ordinal)) AS solvents,
  (SELECT o.value FROM curated_outcomes o WHERE o.synthesis_id = s.id AND o.type = 'size'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS size_nm,
  (SELECT o.value FROM curated_outcomes o WHERE o.synthesis_id = s.id AND o.type = 'pl_peak'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS pl_peak_nm,
  (SELECT o.text_value FROM curated_outcomes o WHERE o.synthesis_id = s.id AND o.type = 'morphology'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS morphology,
  (s.curated
   OR EXISTS (SELECT 1 FROM curated_materials m WHERE m.synthesis_id = s.id AND m.curated)
   OR EXISTS (SELECT 1 FROM curated_steps st WHERE st.synthesis_id = s.id AND st.curated)
   OR EXISTS (SELECT 1 FROM curated_outcomes o WHERE o.synthesis_id = s.id AND o.curated)) AS curated,
  s.key AS synthesis_key
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id;
