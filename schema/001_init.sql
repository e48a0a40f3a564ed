-- Schema v1: documents, their paragraphs with classifier labels, extracted entities, ingest runs.
-- Everything in these tables is *derived* from the input files and is deleted and re-inserted when a
-- document is re-processed. Curator edits live in their own tables (schema 002+), keyed by stable
-- identifiers (document sha256 + paragraph ordinal + span), never here.

-- One row per distinct file content (sha256). status 'failed' rows carry the reason in `error`.
-- Files that cannot even be read have no content hash: they get sha256 = 'unreadable:' || sha256 of
-- the absolute path, so that the same unreadable path is one row across runs.
CREATE TABLE documents (
  id               INTEGER PRIMARY KEY,
  sha256           TEXT NOT NULL UNIQUE,
  path             TEXT NOT NULL,               -- path it was (last) ingested from
  format           TEXT,                        -- 'pdf' | 'txt' | NULL when unknown
  title            TEXT,
  doi              TEXT,
  year             INTEGER,
  journal          TEXT,
  pages            INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error            TEXT,                        -- one-line reason when failed
  pipeline_version TEXT NOT NULL,               -- synthdb+pdf+model+rules versions that produced the rows
  ingested_at      TEXT NOT NULL,               -- UTC, ISO 8601
  seconds          REAL,                        -- worker wall time for this document
  paragraph_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_doi ON documents(doi) WHERE doi IS NOT NULL;

-- Every path a content hash was seen under (renamed or copied files). Keyed by sha256, not by
-- documents.id, so it survives the document being re-processed.
CREATE TABLE document_paths (
  sha256     TEXT NOT NULL,
  path       TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  PRIMARY KEY (sha256, path)
) WITHOUT ROWID;
CREATE INDEX document_paths_path ON document_paths(path);

-- Paragraphs in reading order. start/end: Unicode code point offsets into the document text
-- (paragraph texts joined by "\n\n"), end exclusive. label/score/...: the classifier's verdict for
-- body paragraphs (NULL for other kinds). extraction_status: 'none' (not extracted), 'ok', or
-- 'failed: <reason>' for a paragraph the rules could not process.
CREATE TABLE paragraphs (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal           INTEGER NOT NULL,
  page              INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  section           TEXT NOT NULL DEFAULT '',
  section_type      TEXT NOT NULL,
  text              TEXT NOT NULL,
  start             INTEGER NOT NULL,
  end               INTEGER NOT NULL,
  label             TEXT,
  score             REAL,
  synthesis_score   REAL,
  method            TEXT,
  model_version     TEXT,
  extraction_status TEXT NOT NULL DEFAULT 'none',
  synthesis_status  TEXT,                       -- success | failed | unknown, from the rules
  UNIQUE (document_id, ordinal)
);
CREATE INDEX paragraphs_label ON paragraphs(label) WHERE label IS NOT NULL;
CREATE INDEX paragraphs_kind ON paragraphs(kind, section_type);

-- Entities of one paragraph. start/end: code point offsets into the paragraph text.
-- material_ordinal: for an amount, the ordinal of the material entity it belongs to (same paragraph).
CREATE TABLE entities (
  id               INTEGER PRIMARY KEY,
  paragraph_id     INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
  ordinal          INTEGER NOT NULL,
  type             TEXT NOT NULL,
  start            INTEGER NOT NULL,
  end              INTEGER NOT NULL,
  text             TEXT NOT NULL,
  value            REAL,
  min              REAL,
  max              REAL,
  sd               REAL,
  unit             TEXT,
  role             TEXT,
  name             TEXT,
  normalized       TEXT,
  formula          TEXT,
  quantity         TEXT,
  dimension        TEXT,
  cue              TEXT,
  material_ordinal INTEGER,
  extra_json       TEXT,
  UNIQUE (paragraph_id, ordinal)
);
CREATE INDEX entities_type ON entities(type);

-- One row per ingest (or merge) run: what was asked, what happened. report_json is the --report body.
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL DEFAULT 'ingest',   -- 'ingest' | 'merge'
  started_at  TEXT NOT NULL,
  finished_at TEXT,                             -- NULL while running or when the run was killed
  host        TEXT,
  pid         INTEGER,
  args        TEXT,
  new         INTEGER NOT NULL DEFAULT 0,
  skipped     INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  report_json TEXT
);
