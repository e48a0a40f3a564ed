-- Schema v15 (s22-multi): a file that holds several papers (a journal issue excerpt, a proceedings
-- file, a paper followed by a Supporting Information with its own DOI, two PDFs joined) is split
-- into parts by extract/pdf (docs/pdf.md). documents.doi/title stay those of the file (its first
-- part); each part's DOI and title are here, and each paragraph names its part. Records are grouped
-- within one part only; the export gives a record its part's DOI and title.

-- part: 1-based paper of its file; 1 for every paragraph stored before v15 (they are re-processed
-- with parts when the pdf conversion version changes).
ALTER TABLE paragraphs ADD COLUMN part INTEGER NOT NULL DEFAULT 1;

-- One row per part after the first (part 1 is documents.doi/title): a one-paper file, nearly every
-- file, writes no row here and leaves paragraphs.part at its default. Derived rows: deleted with
-- their document (re-processing writes them again), copied by merge.
CREATE TABLE document_parts (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  part        INTEGER NOT NULL,
  first_page  INTEGER NOT NULL,
  doi         TEXT,
  title       TEXT,
  UNIQUE (document_id, part)
);
