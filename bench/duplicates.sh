#!/usr/bin/env bash
# Duplicate-copy benchmark (review s28 F6): generates a database of N one-paper documents in pairs of
# copies (every DOI held by two documents with the same paragraph texts, so every paper is a candidate
# copy of view duplicate_parts), 3 records per document and E curator edits of those records, then
# times `SELECT count(*) FROM duplicate_parts` (sqlite3 CLI) and `synthdb export`.
#
# Usage: bench/duplicates.sh [N] [E] [BUILD_DIR] [SCHEMA_MAX]   (defaults 2000 6300 build latest)
#   SCHEMA_MAX builds the database from schema/001..SCHEMA_MAX only (20: the view before v21), for a
#   binary of that schema (an older checkout's build as BUILD_DIR, an absolute path).
#   SYNTHDB_BENCH_KEEP=1 keeps the temporary directory.
# Prints the generation time, then the view's and the export's wall and CPU times.
set -euo pipefail
N=${1:-2000}
E=${2:-6300}
BUILD=${3:-build}
MAX=${4:-}
NAME=duplicates.sh
. "$(dirname "$0")/db_bench_lib.sh"

t0=$(now)
{
  schema_sql
  seq_sql $(( (N > E ? N : E) * 3 ))
  cat <<SQL
-- Documents 2g+1 and 2g+2 are copies of paper g (DOI 10.1000/dup.g), 12 paragraphs each.
INSERT INTO documents(id, sha256, path, doi, title, year, journal, status, pipeline_version, ingested_at,
                      paragraph_count)
  SELECT i + 1, printf('%064x', i + 1), printf('papers/%d.txt', i), printf('10.1000/dup.%d', i / 2),
         'Paper ' || (i / 2), 2020, 'J. Bench', 'ok', 'bench-1', '2026-01-01T00:00:00Z', 12
  FROM seq WHERE i < $N;
INSERT INTO document_paths(sha256, path, first_seen, last_seen)
  SELECT sha256, path, ingested_at, ingested_at FROM documents;
INSERT INTO paragraphs(document_id, ordinal, page, kind, section_type, text, start, end)
  SELECT d.i + 1, k, 1, CASE k WHEN 0 THEN 'title' ELSE 'body' END, 'other',
         printf('Paper %d paragraph %d: the precursor was heated to %d C under nitrogen.', d.i / 2, k, 200 + k),
         k * 100, k * 100 + 60
  FROM seq d, (SELECT i AS k FROM seq WHERE i < 12) WHERE d.i < $N ORDER BY d.i, k;
INSERT INTO syntheses(document_id, key, variant, origin, target, status, confidence, paragraphs, first_paragraph,
                      created_at)
  SELECT i / 3 + 1, printf('%016x-p%d-v0', i / 3 + 1, 3 + i % 3), 0, 'extracted', 'CdSe', 'success', 0.9,
         printf('[%d]', 3 + i % 3), 3 + i % 3, '2026-01-01T00:00:00Z'
  FROM seq WHERE i < $N * 3;
-- Edit j: record j mod 3N (its document's first copy and second copy alike).
INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at)
  SELECT 'syntheses', printf('%016x-p%d-v0', (i % ($N * 3)) / 3 + 1, 3 + i % 3), 'target', 'CdSe', 'CdSe QDs ' || i,
         'bench', 'benchmark edit', '2026-01-01T00:00:00Z'
  FROM seq WHERE i < $E;
COMMIT;
SQL
} | sqlite3 "$DB" >/dev/null
t1=$(now)
echo "generated $N documents ($((N / 2)) DOIs, 2 copies each), $((N * 3)) records, $E edits, schema v$MAX" \
     "in $(calc "$t1 - $t0") s"

TIMEFORMAT='%R %U %S'
{ time sqlite3 "$DB" "SELECT count(*), sum(duplicate_of_path LIKE 'papers/%') FROM duplicate_parts" \
    > "$WORK/view.out"; } 2> "$WORK/time-view"
{ time "$BIN" export --db "$DB" --out "$WORK/out" > "$WORK/export.log"; } 2> "$WORK/time-export"
read -r vw vu vs < "$WORK/time-view"
read -r ew eu es < "$WORK/time-export"
echo "duplicate_parts rows: $(cut -d'|' -f1 "$WORK/view.out")"
echo "SELECT count(*) FROM duplicate_parts: wall $vw s, cpu $(calc "$vu + $vs") s"
echo "synthdb export:                       wall $ew s, cpu $(calc "$eu + $es") s ($(tail -n 1 "$WORK/export.log"))"
echo "syntheses.csv md5: $(md5sum < "$WORK/out/syntheses.csv" | cut -c1-32)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
