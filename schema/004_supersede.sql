-- Schema v4 (s18-prod1): curation follows a file edited in place, and the views leave out superseded
-- documents exactly as `synthdb export` does.
--
-- curation.carried_from: when a new version of a file (same path, new content) is stored, each edit
-- of the old version whose target is found again in the new one (same paragraph text, same span) is
-- copied to the new version's key; the copy names the edit it came from here. Edits that cannot be
-- carried stay on the old version and are flagged (`synthdb curate flagged`).
ALTER TABLE curation ADD COLUMN carried_from INTEGER;
CREATE INDEX curation_carried_from ON curation(carried_from) WHERE carried_from IS NOT NULL;

-- Documents that are an old version of a file edited in place: every path the document was seen
-- under now holds a newer ok document (ties on last_seen go to the later-stored document). Export
-- leaves their records out, and so do the curated_* views, synthesis_wide and synthesis_provenance.
-- A copy of a file under another path is not superseded (the copy's path still holds it).
CREATE VIEW superseded_documents AS
SELECT d.id, d.sha256 FROM documents d
WHERE EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256)
  AND NOT EXISTS (SELECT 1 FROM document_paths p WHERE p.sha256 = d.sha256 AND NOT EXISTS (
    SELECT 1 FROM document_paths q JOIN documents d2 ON d2.sha256 = q.sha256 AND d2.status = 'ok'
    WHERE q.path = p.path AND q.sha256 <> p.sha256
      AND (q.last_seen > p.last_seen OR (q.last_seen = p.last_seen AND d2.id > d.id))));

-- The views of v3, with records of superseded documents left out (manual records have no document
-- and are always shown).
DROP VIEW IF EXISTS synthesis_wide;
DROP VIEW IF EXISTS synthesis_provenance;
DROP VIEW IF EXISTS curated_syntheses;
DROP VIEW IF EXISTS curated_materials;
DROP VIEW IF EXISTS curated_steps;
DROP VIEW IF EXISTS curated_outcomes;

-- Syntheses with record-level edits applied (tombstoned records left out). curated: the record
-- itself has an edit (synthesis_wide.curated also counts edits of its rows, as the export does).
CREATE VIEW curated_syntheses AS
SELECT
  s.id, s.document_id, s.key,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'parent_key' ORDER BY c.id DESC LIMIT 1), '') ELSE s.parent_key END AS parent_key,
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
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.injection_temperature_c END AS injection_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.injection_time_s END AS injection_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.growth_temperature_c END AS growth_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.growth_time_s END AS growth_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.reaction_temperature_c END AS reaction_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE s.reaction_time_s END AS reaction_time_s,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  s.variant, s.origin, s.source, s.paragraphs, s.first_paragraph, s.target_paragraph, s.target_start, s.target_end,
  s.failure_paragraph, s.failure_start, s.failure_end, s.created_at
FROM syntheses s
WHERE s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));

-- Material rows with edits applied; deleted rows and rows of deleted records left out.
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
  m.paragraph, m.start, m.end, m.amount_paragraph, m.amount_start, m.amount_end
FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id
WHERE m.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));

-- Step rows with edits applied; deleted rows and rows of deleted records left out.
CREATE VIEW curated_steps AS
SELECT
  st.id, st.synthesis_id, st.ordinal, st.item_key, st.entity_id,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1), '') ELSE st.operation END AS operation,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE st.temperature_c END AS temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE st.time_s END AS time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE st.heating_rate_c_per_min END AS heating_rate_c_per_min,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere' ORDER BY c.id DESC LIMIT 1), '') ELSE st.atmosphere END AS atmosphere,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  st.paragraph, st.start, st.end, st.temperature_paragraph, st.temperature_start, st.temperature_end,
  st.time_paragraph, st.time_start, st.time_end
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
WHERE st.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));

-- Outcome rows with edits applied; deleted rows and rows of deleted records left out.
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
  o.confidence, o.paragraph, o.start, o.end
FROM outcomes o JOIN syntheses s ON s.id = o.synthesis_id
WHERE o.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));

-- One row per synthesis (deleted ones left out) with its main parameters as columns, every value
-- as the export writes it: curated values win, deleted rows are gone, a blanked value is NULL.
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
   OR EXISTS (SELECT 1 FROM curated_outcomes o WHERE o.synthesis_id = s.id AND o.curated)) AS curated
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id;

-- Each value in force with the text it was read from: document, page, paragraph and the exact span
-- (SQLite's substr counts code points, as the offsets do), plus up to 80 characters either side.
-- Values are the curated ones (a curated value keeps the span of the extracted one it replaced;
-- curated = 1 marks them); deleted rows and rows of deleted records are left out.
CREATE VIEW synthesis_provenance AS
SELECT s.id AS synthesis_id, s.key AS synthesis_key, 'material' AS item, m.item_key, m.role AS field,
       COALESCE(NULLIF(m.normalized, ''), m.name) AS value, NULL AS unit,
       d.sha256 AS document_sha256, d.doi, d.path, p.page, m.paragraph, m.start, m.end,
       substr(p.text, m.start + 1, m.end - m.start) AS evidence,
       substr(p.text, max(m.start - 79, 1), m.end - m.start + 160) AS context, m.curated
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.paragraph
UNION ALL
SELECT s.id, s.key, 'amount', m.item_key, m.quantity, CAST(m.amount_value AS TEXT), m.amount_unit,
       d.sha256, d.doi, d.path, p.page, m.amount_paragraph, m.amount_start, m.amount_end,
       substr(p.text, m.amount_start + 1, m.amount_end - m.amount_start),
       substr(p.text, max(m.amount_start - 79, 1), m.amount_end - m.amount_start + 160), m.curated
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.amount_paragraph
WHERE m.amount_value IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'operation', st.operation, NULL,
       d.sha256, d.doi, d.path, p.page, st.paragraph, st.start, st.end,
       substr(p.text, st.start + 1, st.end - st.start),
       substr(p.text, max(st.start - 79, 1), st.end - st.start + 160), st.curated
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.paragraph
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'temperature_c', CAST(st.temperature_c AS TEXT), 'degC',
       d.sha256, d.doi, d.path, p.page, st.temperature_paragraph, st.temperature_start, st.temperature_end,
       substr(p.text, st.temperature_start + 1, st.temperature_end - st.temperature_start),
       substr(p.text, max(st.temperature_start - 79, 1), st.temperature_end - st.temperature_start + 160), st.curated
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.temperature_paragraph
WHERE st.temperature_c IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'time_s', CAST(st.time_s AS TEXT), 's',
       d.sha256, d.doi, d.path, p.page, st.time_paragraph, st.time_start, st.time_end,
       substr(p.text, st.time_start + 1, st.time_end - st.time_start),
       substr(p.text, max(st.time_start - 79, 1), st.time_end - st.time_start + 160), st.curated
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.time_paragraph
WHERE st.time_s IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'outcome', o.item_key, o.type, COALESCE(CAST(o.value AS TEXT), o.text_value), o.unit,
       d.sha256, d.doi, d.path, p.page, o.paragraph, o.start, o.end,
       substr(p.text, o.start + 1, o.end - o.start),
       substr(p.text, max(o.start - 79, 1), o.end - o.start + 160), o.curated
FROM curated_outcomes o JOIN syntheses s ON s.id = o.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = o.paragraph
UNION ALL
SELECT s.id, s.key, 'target', s.key, 'target', s.target, NULL,
       d.sha256, d.doi, d.path, p.page, s.target_paragraph, s.target_start, s.target_end,
       substr(p.text, s.target_start + 1, s.target_end - s.target_start),
       substr(p.text, max(s.target_start - 79, 1), s.target_end - s.target_start + 160), EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target')
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.target_paragraph
WHERE s.target_paragraph IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'failure', s.key, 'failure_cue', s.failure_cue, NULL,
       d.sha256, d.doi, d.path, p.page, s.failure_paragraph, s.failure_start, s.failure_end,
       substr(p.text, s.failure_start + 1, s.failure_end - s.failure_start),
       substr(p.text, max(s.failure_start - 79, 1), s.failure_end - s.failure_start + 160), EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'failure_cue')
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.failure_paragraph
WHERE s.failure_paragraph IS NOT NULL;
