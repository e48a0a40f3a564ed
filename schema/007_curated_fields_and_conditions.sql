-- Schema v7 (s20-curate): synthesis_provenance marks the edited value, not every value of an edited
-- row. Its rows are values (a material's name and role, its amount, a step's operation, temperature
-- and time, an outcome, the target, the failure cue); `curated` was the row's flag (any edit of the
-- material or step), so a step whose time a curator set showed its temperature as curated too
-- (review s20). Now `curated` = 1 when that value has an edit: material: name, normalized, formula
-- or role; amount: amount_value, amount_unit, quantity, moles or molar_ratio; step operation:
-- operation; step temperature: temperature_c, or the value followed a curated record condition
-- (second part, below); step time: time_s, likewise; an outcome: any of its fields (the
-- row shows them all); target and failure cue as before. Otherwise the view is v4's.
DROP VIEW IF EXISTS synthesis_provenance;

CREATE VIEW synthesis_provenance AS
SELECT s.id AS synthesis_id, s.key AS synthesis_key, 'material' AS item, m.item_key, m.role AS field,
       COALESCE(NULLIF(m.normalized, ''), m.name) AS value, NULL AS unit,
       d.sha256 AS document_sha256, d.doi, d.path, p.page, m.paragraph, m.start, m.end,
       substr(p.text, m.start + 1, m.end - m.start) AS evidence,
       substr(p.text, max(m.start - 79, 1), m.end - m.start + 160) AS context,
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field IN ('name', 'normalized', 'formula', 'role')) AS curated
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.paragraph
UNION ALL
SELECT s.id, s.key, 'amount', m.item_key, m.quantity, CAST(m.amount_value AS TEXT), m.amount_unit,
       d.sha256, d.doi, d.path, p.page, m.amount_paragraph, m.amount_start, m.amount_end,
       substr(p.text, m.amount_start + 1, m.amount_end - m.amount_start),
       substr(p.text, max(m.amount_start - 79, 1), m.amount_end - m.amount_start + 160),
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field IN ('amount_value', 'amount_unit', 'quantity', 'moles', 'molar_ratio'))
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.amount_paragraph
WHERE m.amount_value IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'operation', st.operation, NULL,
       d.sha256, d.doi, d.path, p.page, st.paragraph, st.start, st.end,
       substr(p.text, st.start + 1, st.end - st.start),
       substr(p.text, max(st.start - 79, 1), st.end - st.start + 160),
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation')
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.paragraph
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'temperature_c', CAST(st.temperature_c AS TEXT), 'degC',
       d.sha256, d.doi, d.path, p.page, st.temperature_paragraph, st.temperature_start, st.temperature_end,
       substr(p.text, st.temperature_start + 1, st.temperature_end - st.temperature_start),
       substr(p.text, max(st.temperature_start - 79, 1), st.temperature_end - st.temperature_start + 160),
       (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
        OR st.temperature_c IS NOT (SELECT x.temperature_c FROM synthesis_steps x WHERE x.id = st.id))
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.temperature_paragraph
WHERE st.temperature_c IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'time_s', CAST(st.time_s AS TEXT), 's',
       d.sha256, d.doi, d.path, p.page, st.time_paragraph, st.time_start, st.time_end,
       substr(p.text, st.time_start + 1, st.time_end - st.time_start),
       substr(p.text, max(st.time_start - 79, 1), st.time_end - st.time_start + 160),
       (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
        OR st.time_s IS NOT (SELECT x.time_s FROM synthesis_steps x WHERE x.id = st.id))
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

-- Schema v7, second part: the views keep a record's conditions and its steps together as the export
-- does (docs/records.md "s20-curate", db/export.cc follow_conditions). In curated_steps a step's
-- temperature_c (time_s) without an edit of its own takes the curated value of the record's
-- condition (reaction, else growth, else injection) whose stored value it held; in
-- curated_syntheses a condition without an edit of its own takes the curated temperature (time) of
-- the record's first step by ordinal that held its stored value. Steps whose operation is
-- degassing, drying, purification or annealing take no part; deleted steps lead nothing. A step
-- whose value followed counts as curated. Otherwise the two views are v4's.
DROP VIEW IF EXISTS curated_steps;
DROP VIEW IF EXISTS curated_syntheses;

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
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.injection_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.injection_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.injection_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.injection_temperature_c END AS injection_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.injection_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.injection_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.injection_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.injection_time_s END AS injection_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.growth_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.growth_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.growth_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.growth_temperature_c END AS growth_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.growth_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.growth_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.growth_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.growth_time_s END AS growth_time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.reaction_temperature_c IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.reaction_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' WHERE st.synthesis_id = s.id AND st.temperature_c = s.reaction_temperature_c AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.reaction_temperature_c END AS reaction_temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN s.reaction_time_s IS NOT NULL AND EXISTS (SELECT 1 FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.reaction_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing'))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM synthesis_steps st JOIN curation c ON c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' WHERE st.synthesis_id = s.id AND st.time_s = s.reaction_time_s AND st.item_key NOT IN (SELECT key FROM synthesis_tombstones) AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') ORDER BY st.ordinal, c.id DESC LIMIT 1) ELSE s.reaction_time_s END AS reaction_time_s,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
          AND c.field NOT IN ('deleted', 'added')) AS curated,
  s.variant, s.origin, s.source, s.paragraphs, s.first_paragraph, s.target_paragraph, s.target_start, s.target_end,
  s.failure_paragraph, s.failure_start, s.failure_end, s.created_at
FROM syntheses s
WHERE s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));

CREATE VIEW curated_steps AS
SELECT
  st.id, st.synthesis_id, st.ordinal, st.item_key, st.entity_id,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1), '') ELSE st.operation END AS operation,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN st.temperature_c IS NOT NULL AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c)))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c)) ORDER BY CASE c.field WHEN 'reaction_temperature_c' THEN 0 WHEN 'growth_temperature_c' THEN 1 ELSE 2 END, c.id DESC LIMIT 1) ELSE st.temperature_c END AS temperature_c,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s' ORDER BY c.id DESC LIMIT 1) AS REAL) END
       WHEN st.time_s IS NOT NULL AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s)))
       THEN (SELECT CASE WHEN trim(c.new_value) = '' THEN NULL ELSE CAST(c.new_value AS REAL) END FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s)) ORDER BY CASE c.field WHEN 'reaction_time_s' THEN 0 WHEN 'growth_time_s' THEN 1 ELSE 2 END, c.id DESC LIMIT 1) ELSE st.time_s END AS time_s,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min')
       THEN CASE WHEN trim((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1)) = '' THEN NULL
                 ELSE CAST((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'heating_rate_c_per_min' ORDER BY c.id DESC LIMIT 1) AS REAL) END ELSE st.heating_rate_c_per_min END AS heating_rate_c_per_min,
  CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere')
       THEN NULLIF((SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'atmosphere' ORDER BY c.id DESC LIMIT 1), '') ELSE st.atmosphere END AS atmosphere,
  (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key
          AND c.field NOT IN ('deleted', 'added'))
   OR (st.temperature_c IS NOT NULL AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_temperature_c' AND s.reaction_temperature_c = st.temperature_c) OR (c.field = 'growth_temperature_c' AND s.growth_temperature_c = st.temperature_c) OR (c.field = 'injection_temperature_c' AND s.injection_temperature_c = st.temperature_c))))
   OR (st.time_s IS NOT NULL AND coalesce(CASE WHEN EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation') THEN (SELECT c.new_value FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation' ORDER BY c.id DESC LIMIT 1) ELSE st.operation END, '') NOT IN ('degassing', 'drying', 'purification', 'annealing') AND EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND ((c.field = 'reaction_time_s' AND s.reaction_time_s = st.time_s) OR (c.field = 'growth_time_s' AND s.growth_time_s = st.time_s) OR (c.field = 'injection_time_s' AND s.injection_time_s = st.time_s))))) AS curated,
  st.paragraph, st.start, st.end, st.temperature_paragraph, st.temperature_start, st.temperature_end,
  st.time_paragraph, st.time_start, st.time_end
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
WHERE st.item_key NOT IN (SELECT key FROM synthesis_tombstones)
  AND s.key NOT IN (SELECT key FROM synthesis_tombstones)
  AND (s.document_id IS NULL OR s.document_id NOT IN (SELECT id FROM superseded_documents));
