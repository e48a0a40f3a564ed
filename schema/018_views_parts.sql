-- Schema v18 (session 27, persona walk on files holding several papers): synthesis_wide and
-- synthesis_provenance give a record the DOI and title of the paper it was read from. Since v15 a
-- file holding several papers (an issue PDF, two papers joined with pdfunite) is split into parts:
-- documents.doi/title are the file's first paper's, each later part's are in document_parts, and
-- each paragraph names its part. The views read documents.doi/title, so a part-2 record was filed
-- under part 1's paper (its DOI, title, year and journal) while the export gave it its own DOI and
-- title.
--
-- synthesis_papers(synthesis_id, synthesis_key, part, doi, title, year, journal): per record of a
-- document, the part of its file it was read from (paragraphs.part of its first paragraph) and that
-- paper's doi and title: documents.doi/title for part 1 (every one-paper file), the document_parts
-- row for a later part. year and journal are the file's (documents.year/journal) for part 1 and NULL
-- for a later part, whose year and journal are not read (the export leaves them empty too).
CREATE VIEW synthesis_papers AS
SELECT s.id AS synthesis_id, s.key AS synthesis_key, coalesce(x.part, 1) AS part,
       CASE WHEN dp.id IS NULL THEN d.doi ELSE dp.doi END AS doi,
       CASE WHEN dp.id IS NULL THEN d.title ELSE dp.title END AS title,
       CASE WHEN dp.id IS NULL THEN d.year END AS year,
       CASE WHEN dp.id IS NULL THEN d.journal END AS journal
FROM syntheses s JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs x ON x.document_id = s.document_id AND x.ordinal = s.first_paragraph
LEFT JOIN document_parts dp ON dp.document_id = s.document_id AND dp.part = x.part AND x.part > 1;

-- synthesis_wide as in v16 and synthesis_provenance as in v7, with one change: doi and title (and in
-- synthesis_wide year and journal) come from synthesis_papers instead of documents. Every other
-- column and rule is unchanged.
DROP VIEW IF EXISTS synthesis_wide;
DROP VIEW IF EXISTS synthesis_provenance;

CREATE VIEW synthesis_wide AS
SELECT
  s.id AS synthesis_id,
  s.key,
  s.parent_key,
  s.variant,
  s.origin,
  d.sha256 AS document_sha256,
  sp.doi,
  sp.title,
  sp.year,
  sp.journal,
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
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id;

CREATE VIEW synthesis_provenance AS
SELECT s.id AS synthesis_id, s.key AS synthesis_key, 'material' AS item, m.item_key, m.role AS field,
       COALESCE(NULLIF(m.normalized, ''), m.name) AS value, NULL AS unit,
       d.sha256 AS document_sha256, sp.doi, d.path, p.page, m.paragraph, m.start, m.end,
       substr(p.text, m.start + 1, m.end - m.start) AS evidence,
       substr(p.text, max(m.start - 79, 1), m.end - m.start + 160) AS context,
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field IN ('name', 'normalized', 'formula', 'role')) AS curated
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.paragraph
UNION ALL
SELECT s.id, s.key, 'amount', m.item_key, m.quantity, CAST(m.amount_value AS TEXT), m.amount_unit,
       d.sha256, sp.doi, d.path, p.page, m.amount_paragraph, m.amount_start, m.amount_end,
       substr(p.text, m.amount_start + 1, m.amount_end - m.amount_start),
       substr(p.text, max(m.amount_start - 79, 1), m.amount_end - m.amount_start + 160),
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_materials' AND c.target_key = m.item_key AND c.field IN ('amount_value', 'amount_unit', 'quantity', 'moles', 'molar_ratio'))
FROM curated_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.amount_paragraph
WHERE m.amount_value IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'operation', st.operation, NULL,
       d.sha256, sp.doi, d.path, p.page, st.paragraph, st.start, st.end,
       substr(p.text, st.start + 1, st.end - st.start),
       substr(p.text, max(st.start - 79, 1), st.end - st.start + 160),
       EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'operation')
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.paragraph
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'temperature_c', CAST(st.temperature_c AS TEXT), 'degC',
       d.sha256, sp.doi, d.path, p.page, st.temperature_paragraph, st.temperature_start, st.temperature_end,
       substr(p.text, st.temperature_start + 1, st.temperature_end - st.temperature_start),
       substr(p.text, max(st.temperature_start - 79, 1), st.temperature_end - st.temperature_start + 160),
       (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'temperature_c')
        OR st.temperature_c IS NOT (SELECT x.temperature_c FROM synthesis_steps x WHERE x.id = st.id))
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.temperature_paragraph
WHERE st.temperature_c IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'time_s', CAST(st.time_s AS TEXT), 's',
       d.sha256, sp.doi, d.path, p.page, st.time_paragraph, st.time_start, st.time_end,
       substr(p.text, st.time_start + 1, st.time_end - st.time_start),
       substr(p.text, max(st.time_start - 79, 1), st.time_end - st.time_start + 160),
       (EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'synthesis_steps' AND c.target_key = st.item_key AND c.field = 'time_s')
        OR st.time_s IS NOT (SELECT x.time_s FROM synthesis_steps x WHERE x.id = st.id))
FROM curated_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.time_paragraph
WHERE st.time_s IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'outcome', o.item_key, o.type, COALESCE(CAST(o.value AS TEXT), o.text_value), o.unit,
       d.sha256, sp.doi, d.path, p.page, o.paragraph, o.start, o.end,
       substr(p.text, o.start + 1, o.end - o.start),
       substr(p.text, max(o.start - 79, 1), o.end - o.start + 160), o.curated
FROM curated_outcomes o JOIN syntheses s ON s.id = o.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = o.paragraph
UNION ALL
SELECT s.id, s.key, 'target', s.key, 'target', s.target, NULL,
       d.sha256, sp.doi, d.path, p.page, s.target_paragraph, s.target_start, s.target_end,
       substr(p.text, s.target_start + 1, s.target_end - s.target_start),
       substr(p.text, max(s.target_start - 79, 1), s.target_end - s.target_start + 160), EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'target')
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.target_paragraph
WHERE s.target_paragraph IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'failure', s.key, 'failure_cue', s.failure_cue, NULL,
       d.sha256, sp.doi, d.path, p.page, s.failure_paragraph, s.failure_start, s.failure_end,
       substr(p.text, s.failure_start + 1, s.failure_end - s.failure_start),
       substr(p.text, max(s.failure_start - 79, 1), s.failure_end - s.failure_start + 160), EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key AND c.field = 'failure_cue')
FROM curated_syntheses s
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN synthesis_papers sp ON sp.synthesis_id = s.id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.failure_paragraph
WHERE s.failure_paragraph IS NOT NULL;
