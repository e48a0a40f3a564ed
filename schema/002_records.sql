-- Schema v2: synthesis records (one row per synthesis with its materials, steps and outcomes), curator
-- edits keyed by stable keys, hand-added records, tombstones, full-text search over paragraphs, and
-- the friendly views synthesis_wide / synthesis_provenance. See schema/README.md.
--
-- Extracted rows (origin 'extracted') are derived data: re-ingesting a document deletes them (via
-- documents ON DELETE CASCADE) and stores the new ones. Rows with origin 'manual' (synthdb add) have
-- no document and are never touched by ingest. Curator edits (curation, synthesis_tombstones) refer
-- to rows by stable keys, never by rowid, and are re-applied on top of whatever ingest stores.

-- One synthesis. key: "<first 16 hex of document sha256>-p<paragraph ordinal>-v<variant>" for
-- extracted records, "manual-..." (or the key given) for hand-added ones. paragraphs: JSON array
-- of the paragraph ordinals the record was built from. *_paragraph/_start/_end: where the target
-- and the failure cue were read (paragraph ordinal, code point span in that paragraph's text).
CREATE TABLE syntheses (
  id                      INTEGER PRIMARY KEY,
  document_id             INTEGER REFERENCES documents(id) ON DELETE CASCADE,  -- NULL for manual
  key                     TEXT NOT NULL UNIQUE,
  parent_key              TEXT,           -- linked record (cores for a shell, base for a variant)
  variant                 INTEGER NOT NULL DEFAULT 0,
  origin                  TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'manual')),
  source                  TEXT,           -- manual records: where it comes from (notebook, DOI)
  target                  TEXT,
  target_formula          TEXT,
  sample_label            TEXT,
  method                  TEXT,
  status                  TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('success', 'failed', 'unknown')),
  failure_cue             TEXT,
  confidence              REAL NOT NULL DEFAULT 0,
  injection_temperature_c REAL,
  injection_time_s        REAL,
  growth_temperature_c    REAL,
  growth_time_s           REAL,
  reaction_temperature_c  REAL,
  reaction_time_s         REAL,
  paragraphs              TEXT NOT NULL DEFAULT '[]',
  first_paragraph         INTEGER,
  target_paragraph        INTEGER,
  target_start            INTEGER,
  target_end              INTEGER,
  failure_paragraph       INTEGER,
  failure_start           INTEGER,
  failure_end             INTEGER,
  created_at              TEXT NOT NULL
);
CREATE INDEX syntheses_document ON syntheses(document_id);
CREATE INDEX syntheses_target ON syntheses(target COLLATE NOCASE);
CREATE INDEX syntheses_target_formula ON syntheses(target_formula);
CREATE INDEX syntheses_method ON syntheses(method);
CREATE INDEX syntheses_status ON syntheses(status);
CREATE INDEX syntheses_reaction_temperature ON syntheses(reaction_temperature_c);
CREATE INDEX syntheses_injection_temperature ON syntheses(injection_temperature_c);
CREATE INDEX syntheses_parent ON syntheses(parent_key) WHERE parent_key IS NOT NULL;
CREATE INDEX documents_year ON documents(year);

-- Precursors, solvents, ligands, reductants, additives of a synthesis. item_key is the stable key
-- curator edits use: "<document sha256>:p<paragraph>:<start>-<end>" of the material mention, or
-- "<synthesis key>#m<ordinal>" when the row has no source span (manual records). entity_id points at
-- the entities row of the mention at store time (both are re-created together on re-ingest).
CREATE TABLE synthesis_materials (
  id               INTEGER PRIMARY KEY,
  synthesis_id     INTEGER NOT NULL REFERENCES syntheses(id) ON DELETE CASCADE,
  ordinal          INTEGER NOT NULL,
  item_key         TEXT NOT NULL,
  entity_id        INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  amount_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  name             TEXT,
  normalized       TEXT,
  formula          TEXT,
  role             TEXT,
  amount_value     REAL,
  amount_unit      TEXT,     -- g | mL | mol | mol/L | ratio | %
  quantity         TEXT,     -- mass | volume | moles | concentration | molar_ratio | fraction
  moles            REAL,     -- mol
  molar_ratio      REAL,     -- moles / moles of the first precursor
  paragraph        INTEGER,  -- ordinal of the paragraph holding the mention
  start            INTEGER,
  end              INTEGER,
  amount_paragraph INTEGER,
  amount_start     INTEGER,
  amount_end       INTEGER
);
CREATE INDEX synthesis_materials_synthesis ON synthesis_materials(synthesis_id, ordinal);
CREATE INDEX synthesis_materials_normalized ON synthesis_materials(normalized, role);
CREATE INDEX synthesis_materials_role ON synthesis_materials(role, normalized);
CREATE INDEX synthesis_materials_item ON synthesis_materials(item_key);
CREATE INDEX synthesis_materials_entity ON synthesis_materials(entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX synthesis_materials_amount_entity ON synthesis_materials(amount_entity_id)
  WHERE amount_entity_id IS NOT NULL;

-- Ordered operations with their conditions (°C, s, °C/min). item_key as for materials, from the
-- operation mention (or the first condition when no operation was named).
CREATE TABLE synthesis_steps (
  id                     INTEGER PRIMARY KEY,
  synthesis_id           INTEGER NOT NULL REFERENCES syntheses(id) ON DELETE CASCADE,
  ordinal                INTEGER NOT NULL,
  item_key               TEXT NOT NULL,
  entity_id              INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  operation              TEXT,
  temperature_c          REAL,
  time_s                 REAL,
  heating_rate_c_per_min REAL,
  atmosphere             TEXT,
  paragraph              INTEGER,
  start                  INTEGER,
  end                    INTEGER,
  temperature_entity_id  INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  temperature_paragraph  INTEGER,   -- where temperature_c was read
  temperature_start      INTEGER,
  temperature_end        INTEGER,
  time_entity_id         INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  time_paragraph         INTEGER,   -- where time_s was read
  time_start             INTEGER,
  time_end               INTEGER
);
CREATE INDEX synthesis_steps_synthesis ON synthesis_steps(synthesis_id, ordinal);
CREATE INDEX synthesis_steps_item ON synthesis_steps(item_key);
CREATE INDEX synthesis_steps_entity ON synthesis_steps(entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX synthesis_steps_temperature_entity ON synthesis_steps(temperature_entity_id)
  WHERE temperature_entity_id IS NOT NULL;
CREATE INDEX synthesis_steps_time_entity ON synthesis_steps(time_entity_id) WHERE time_entity_id IS NOT NULL;

-- Measured properties of the product. Numeric outcomes: value/unit/sd (nm, %, eV, meV); morphology
-- and phase: text_value. confidence 1.0 = stated in the synthesis paragraph; lower = linked from a
-- results paragraph by target name or sample label.
CREATE TABLE outcomes (
  id           INTEGER PRIMARY KEY,
  synthesis_id INTEGER NOT NULL REFERENCES syntheses(id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  item_key     TEXT NOT NULL,
  entity_id    INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  type         TEXT NOT NULL,
  value        REAL,
  unit         TEXT,
  sd           REAL,
  text_value   TEXT,
  dimension    TEXT,
  confidence   REAL NOT NULL DEFAULT 1,
  paragraph    INTEGER,
  start        INTEGER,
  end          INTEGER
);
CREATE INDEX outcomes_synthesis ON outcomes(synthesis_id, ordinal);
CREATE INDEX outcomes_type ON outcomes(type, value);
CREATE INDEX outcomes_item ON outcomes(item_key);
CREATE INDEX outcomes_entity ON outcomes(entity_id) WHERE entity_id IS NOT NULL;

-- Curator edits: one row per change, never rewritten by ingest. The latest row (highest id) for a
-- (target_table, target_key, field) is the value in force. target_key is a synthesis key (table
-- 'syntheses') or an item_key. flagged = 1 when re-extraction no longer produces the row the edit
-- was made on (its source span disappeared); the edit is kept and still shown, never dropped.
CREATE TABLE curation (
  id           INTEGER PRIMARY KEY,
  target_table TEXT NOT NULL CHECK (target_table IN ('syntheses', 'synthesis_materials', 'synthesis_steps',
                                                     'outcomes')),
  target_key   TEXT NOT NULL,
  field        TEXT NOT NULL,   -- a column name, or 'deleted' / 'added' for record-level actions
  old_value    TEXT,
  new_value    TEXT,
  curator      TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  at           TEXT NOT NULL,   -- UTC, ISO 8601
  flagged      INTEGER NOT NULL DEFAULT 0,
  flag_reason  TEXT
);
CREATE INDEX curation_target ON curation(target_table, target_key, field, id);
CREATE INDEX curation_flagged ON curation(flagged) WHERE flagged = 1;

-- The edit in force per (table, key, field).
CREATE VIEW curation_current AS
SELECT c.* FROM curation c
WHERE c.id = (SELECT max(c2.id) FROM curation c2 WHERE c2.target_table = c.target_table
              AND c2.target_key = c.target_key AND c2.field = c.field);

-- Records a curator deleted (by key). Deleted records are hidden from synthesis_wide and exports;
-- `synthdb curate restore` removes the tombstone. Survives re-ingest.
CREATE TABLE synthesis_tombstones (
  key        TEXT PRIMARY KEY,
  curator    TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  deleted_at TEXT NOT NULL
) WITHOUT ROWID;

-- Hand-added records exactly as submitted (JSON), so that they can be audited or rebuilt.
CREATE TABLE manual_records (
  key      TEXT PRIMARY KEY,
  json     TEXT NOT NULL,
  curator  TEXT NOT NULL,
  reason   TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL
) WITHOUT ROWID;

-- One row per synthesis (tombstoned ones left out) with its main parameters as columns; curated
-- values win over extracted ones (COALESCE over the edit in force).
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
  COALESCE((SELECT new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
            AND c.field = 'target' ORDER BY c.id DESC LIMIT 1), s.target) AS target,
  COALESCE((SELECT new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
            AND c.field = 'target_formula' ORDER BY c.id DESC LIMIT 1), s.target_formula) AS target_formula,
  COALESCE((SELECT new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
            AND c.field = 'method' ORDER BY c.id DESC LIMIT 1), s.method) AS method,
  COALESCE((SELECT new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
            AND c.field = 'status' ORDER BY c.id DESC LIMIT 1), s.status) AS status,
  COALESCE((SELECT new_value FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key
            AND c.field = 'failure_cue' ORDER BY c.id DESC LIMIT 1), s.failure_cue) AS failure_cue,
  s.confidence,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'injection_temperature_c' ORDER BY c.id DESC LIMIT 1),
           s.injection_temperature_c) AS injection_temperature_c,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'injection_time_s' ORDER BY c.id DESC LIMIT 1),
           s.injection_time_s) AS injection_time_s,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'growth_temperature_c' ORDER BY c.id DESC LIMIT 1),
           s.growth_temperature_c) AS growth_temperature_c,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'growth_time_s' ORDER BY c.id DESC LIMIT 1),
           s.growth_time_s) AS growth_time_s,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'reaction_temperature_c' ORDER BY c.id DESC LIMIT 1),
           s.reaction_temperature_c) AS reaction_temperature_c,
  COALESCE((SELECT CAST(new_value AS REAL) FROM curation c WHERE c.target_table = 'syntheses'
            AND c.target_key = s.key AND c.field = 'reaction_time_s' ORDER BY c.id DESC LIMIT 1),
           s.reaction_time_s) AS reaction_time_s,
  (SELECT group_concat(COALESCE(m.normalized, m.name), '; ') FROM synthesis_materials m
   WHERE m.synthesis_id = s.id AND m.role = 'precursor') AS precursors,
  (SELECT group_concat(COALESCE(m.normalized, m.name), '; ') FROM synthesis_materials m
   WHERE m.synthesis_id = s.id AND m.role = 'ligand') AS ligands,
  (SELECT group_concat(COALESCE(m.normalized, m.name), '; ') FROM synthesis_materials m
   WHERE m.synthesis_id = s.id AND m.role = 'solvent') AS solvents,
  (SELECT o.value FROM outcomes o WHERE o.synthesis_id = s.id AND o.type = 'size'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS size_nm,
  (SELECT o.value FROM outcomes o WHERE o.synthesis_id = s.id AND o.type = 'pl_peak'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS pl_peak_nm,
  (SELECT o.text_value FROM outcomes o WHERE o.synthesis_id = s.id AND o.type = 'morphology'
   ORDER BY o.confidence DESC, o.ordinal LIMIT 1) AS morphology,
  EXISTS (SELECT 1 FROM curation c WHERE c.target_table = 'syntheses' AND c.target_key = s.key) AS curated
FROM syntheses s
LEFT JOIN documents d ON d.id = s.document_id
WHERE s.key NOT IN (SELECT key FROM synthesis_tombstones);

-- Each stored value with the text it was read from: document, page, paragraph and the exact span
-- (SQLite's substr counts code points, as the offsets do), plus up to 80 characters either side.
CREATE VIEW synthesis_provenance AS
SELECT s.id AS synthesis_id, s.key AS synthesis_key, 'material' AS item, m.item_key, m.role AS field,
       COALESCE(m.normalized, m.name) AS value, NULL AS unit,
       d.sha256 AS document_sha256, d.doi, d.path, p.page, m.paragraph, m.start, m.end,
       substr(p.text, m.start + 1, m.end - m.start) AS evidence,
       substr(p.text, max(m.start - 79, 1), m.end - m.start + 160) AS context
FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.paragraph
UNION ALL
SELECT s.id, s.key, 'amount', m.item_key, m.quantity, CAST(m.amount_value AS TEXT), m.amount_unit,
       d.sha256, d.doi, d.path, p.page, m.amount_paragraph, m.amount_start, m.amount_end,
       substr(p.text, m.amount_start + 1, m.amount_end - m.amount_start),
       substr(p.text, max(m.amount_start - 79, 1), m.amount_end - m.amount_start + 160)
FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = m.amount_paragraph
WHERE m.amount_value IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'operation', st.operation, NULL,
       d.sha256, d.doi, d.path, p.page, st.paragraph, st.start, st.end,
       substr(p.text, st.start + 1, st.end - st.start),
       substr(p.text, max(st.start - 79, 1), st.end - st.start + 160)
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.paragraph
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'temperature_c', CAST(st.temperature_c AS TEXT), 'degC',
       d.sha256, d.doi, d.path, p.page, st.temperature_paragraph, st.temperature_start, st.temperature_end,
       substr(p.text, st.temperature_start + 1, st.temperature_end - st.temperature_start),
       substr(p.text, max(st.temperature_start - 79, 1), st.temperature_end - st.temperature_start + 160)
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.temperature_paragraph
WHERE st.temperature_c IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'step', st.item_key, 'time_s', CAST(st.time_s AS TEXT), 's',
       d.sha256, d.doi, d.path, p.page, st.time_paragraph, st.time_start, st.time_end,
       substr(p.text, st.time_start + 1, st.time_end - st.time_start),
       substr(p.text, max(st.time_start - 79, 1), st.time_end - st.time_start + 160)
FROM synthesis_steps st JOIN syntheses s ON s.id = st.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = st.time_paragraph
WHERE st.time_s IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'outcome', o.item_key, o.type, COALESCE(CAST(o.value AS TEXT), o.text_value), o.unit,
       d.sha256, d.doi, d.path, p.page, o.paragraph, o.start, o.end,
       substr(p.text, o.start + 1, o.end - o.start),
       substr(p.text, max(o.start - 79, 1), o.end - o.start + 160)
FROM outcomes o JOIN syntheses s ON s.id = o.synthesis_id
LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = o.paragraph
UNION ALL
SELECT s.id, s.key, 'target', s.key, 'target', s.target, NULL,
       d.sha256, d.doi, d.path, p.page, s.target_paragraph, s.target_start, s.target_end,
       substr(p.text, s.target_start + 1, s.target_end - s.target_start),
       substr(p.text, max(s.target_start - 79, 1), s.target_end - s.target_start + 160)
FROM syntheses s LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.target_paragraph
WHERE s.target_paragraph IS NOT NULL
UNION ALL
SELECT s.id, s.key, 'failure', s.key, 'failure_cue', s.failure_cue, NULL,
       d.sha256, d.doi, d.path, p.page, s.failure_paragraph, s.failure_start, s.failure_end,
       substr(p.text, s.failure_start + 1, s.failure_end - s.failure_start),
       substr(p.text, max(s.failure_start - 79, 1), s.failure_end - s.failure_start + 160)
FROM syntheses s LEFT JOIN documents d ON d.id = s.document_id
LEFT JOIN paragraphs p ON p.document_id = s.document_id AND p.ordinal = s.failure_paragraph
WHERE s.failure_paragraph IS NOT NULL;

-- Full-text index over paragraph texts and section headings (external content: the text lives
-- once, in paragraphs). Triggers keep it in step with inserts, deletes (also cascaded ones) and
-- text edits. unicode61 folds case and diacritics; "hot-injection" indexes as "hot" "injection".
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
  text, section, content = 'paragraphs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN
  INSERT INTO paragraphs_fts(rowid, text, section) VALUES (new.id, new.text, new.section);
END;
CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, section) VALUES ('delete', old.id, old.text, old.section);
END;
CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF text, section ON paragraphs BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text, section) VALUES ('delete', old.id, old.text, old.section);
  INSERT INTO paragraphs_fts(rowid, text, section) VALUES (new.id, new.text, new.section);
END;
INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');
