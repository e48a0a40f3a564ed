-- Schema v7 (s20-curate): synthesis_provenance marks the edited value, not every value of an edited
-- row. Its rows are values (a material's name and role, its amount, a step's operation, temperature
-- and time, an outcome, the target, the failure cue); `curated` was the row's flag (any edit of the
-- material or step), so a step whose time a curator set showed its temperature as curated too
-- (review s20). Now `curated` = 1 when that value has an edit: material: name, normalized, formula
-- or role; amount: amount_value, amount_unit, quantity, moles or molar_ratio; step operation:
-- operation; step temperature: temperature_c; step time: time_s; an outcome: any of its fields (the
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
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.temperature_paragraph
WHERE st.temperature_c IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'time_s', CAST(st.time_s AS TEXT), 's',
       d.sha256, d.doi, d.path, p.page, st.time_paragraph, st.time_start, st.time_end,
       substr(p.text, st.time_start + 1, st.time_end - st.time_start),
       substr(p.text, max(st.time_start - 79, 1), st.time_end - st.time_start + 160),
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
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
