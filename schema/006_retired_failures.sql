-- Schema v6 (s19-prod): a failed document whose file is gone is no longer a current failure.
-- When `synthdb ingest` walks a folder and a document stored as failed was seen only under paths
-- inside that folder that no longer exist (the corrupt PDF was deleted), ingest sets `retired` to
-- the reason ("file no longer present") and `retired_at` to the time (UTC, ISO 8601). The row stays
-- for audit; `synthdb stats` counts it among the retired failures, not among the current ones.
-- Both columns stay NULL for every other document; they are cleared when the same content is found
-- again (the file came back) and a re-processing replaces the row anyway. (A failed file whose path
-- later holds another document is retired without these columns: stats sees it from
-- document_paths, since s18-prod1.)
ALTER TABLE documents ADD COLUMN retired TEXT;
ALTER TABLE documents ADD COLUMN retired_at TEXT;
