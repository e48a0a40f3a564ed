#!/usr/bin/env bash
# Export benchmark (issue 5): generates a database with N synthesis records (default 1,000,000; each
# with 3 materials, 3 steps, 2 outcomes, 10 records per document, 1,000 curator edits and 100
# tombstones), then times `synthdb export` (CSV, with a split) and, as the reference measured in
# the same run, sqlite3's own CSV dump of the same four tables. Target: export < 30 s for 1M records.
#
# Usage: bench/export.sh [N] [BUILD_DIR]      (BUILD_DIR defaults to build; needs the sqlite3 CLI)
#        SYNTHDB_BENCH_KEEP=1 keeps the temporary directory.
# Prints the generation time, the export time, the reference time and their ratio.
set -euo pipefail
N=${1:-1000000}
BUILD=${2:-build}
NAME=export.sh
. "$(dirname "$0")/db_bench_lib.sh"

t0=$(now)
{
  schema_sql
  seq_sql "$N"
  cat <<SQL
INSERT INTO documents(id, sha256, path, doi, title, year, journal, status, pipeline_version, ingested_at)
  SELECT i / 10 + 1, printf('%064x', i / 10 + 1), printf('/papers/%d.pdf', i / 10), printf('10.1000/bench.%d', i / 10),
         'Benchmark paper ' || (i / 10), 2000 + (i / 10) % 24, 'J. Bench', 'ok', 'bench-1', '2026-01-01T00:00:00Z'
  FROM seq WHERE i % 10 = 0;
INSERT INTO syntheses(id, document_id, key, variant, origin, target, target_formula, method, status, failure_cue,
                      confidence, injection_temperature_c, growth_temperature_c, growth_time_s,
                      reaction_temperature_c, reaction_time_s, paragraphs, first_paragraph, created_at)
  SELECT i + 1, i / 10 + 1, printf('%016x-p%d-v0', i / 10 + 1, i % 10 + 3), 0, 'extracted',
         CASE i % 4 WHEN 0 THEN 'CdSe' WHEN 1 THEN 'PbS' WHEN 2 THEN 'CsPbBr3' ELSE 'InP, "core"' END,
         CASE i % 4 WHEN 0 THEN 'CdSe' WHEN 1 THEN 'PbS' WHEN 2 THEN 'CsPbBr3' ELSE 'InP' END,
         CASE i % 3 WHEN 0 THEN 'hot-injection' WHEN 1 THEN 'heat-up' ELSE 'solvothermal' END,
         CASE WHEN i % 17 = 0 THEN 'failed' ELSE 'success' END,
         CASE WHEN i % 17 = 0 THEN 'did not yield' END,
         0.5 + (i % 50) / 100.0, 200 + i % 120, 180 + i % 100, 60 + i % 600, 200 + i % 120, 300 + i % 900,
         printf('[%d]', i % 10 + 3), i % 10 + 3, '2026-01-01T00:00:00Z'
  FROM seq;
INSERT INTO synthesis_materials(synthesis_id, ordinal, item_key, name, normalized, formula, role, amount_value,
                                amount_unit, quantity, moles, molar_ratio, paragraph, start, end)
  SELECT i + 1, m, printf('%064x:p%d:%d-%d', i / 10 + 1, i % 10 + 3, m * 20, m * 20 + 5),
         CASE m WHEN 0 THEN 'CdO' WHEN 1 THEN 'oleic acid' ELSE '1-octadecene' END,
         CASE m WHEN 0 THEN 'cadmium oxide' WHEN 1 THEN 'oleic acid' ELSE '1-octadecene' END,
         CASE m WHEN 0 THEN 'CdO' END,
         CASE m WHEN 0 THEN 'precursor' WHEN 1 THEN 'ligand' ELSE 'solvent' END,
         CASE m WHEN 2 THEN 10.0 ELSE 0.0002 * (m + 1) * (1 + i % 7) END,
         CASE m WHEN 2 THEN 'mL' ELSE 'mol' END, CASE m WHEN 2 THEN 'volume' ELSE 'moles' END,
         CASE m WHEN 2 THEN NULL ELSE 0.0002 * (m + 1) * (1 + i % 7) END, CASE m WHEN 2 THEN NULL ELSE m + 1.0 END,
         i % 10 + 3, m * 20, m * 20 + 5
  FROM seq, (SELECT 0 AS m UNION ALL SELECT 1 UNION ALL SELECT 2) ORDER BY i, m;
INSERT INTO synthesis_steps(synthesis_id, ordinal, item_key, operation, temperature_c, time_s, atmosphere,
                            paragraph, start, end)
  SELECT i + 1, k, printf('%064x:p%d:%d-%d', i / 10 + 1, i % 10 + 3, 100 + k * 20, 106 + k * 20),
         CASE k WHEN 0 THEN 'degassing' WHEN 1 THEN 'heating' ELSE 'injection' END,
         CASE k WHEN 0 THEN 120.0 ELSE 200 + i % 120 END, CASE k WHEN 0 THEN 1800.0 WHEN 2 THEN 60 + i % 600 END,
         CASE k WHEN 1 THEN 'N2' END, i % 10 + 3, 100 + k * 20, 106 + k * 20
  FROM seq, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) ORDER BY i, k;
INSERT INTO outcomes(synthesis_id, ordinal, item_key, type, value, unit, sd, text_value, confidence, paragraph,
                     start, end)
  SELECT i + 1, k, printf('%064x:p%d:%d-%d', i / 10 + 1, i % 10 + 3, 200 + k * 20, 206 + k * 20),
         CASE k WHEN 0 THEN 'size' ELSE 'morphology' END, CASE k WHEN 0 THEN 2 + (i % 90) / 10.0 END,
         CASE k WHEN 0 THEN 'nm' END, CASE k WHEN 0 THEN 0.3 END, CASE k WHEN 1 THEN 'sphere' END,
         1.0, i % 10 + 3, 200 + k * 20, 206 + k * 20
  FROM seq, (SELECT 0 AS k UNION ALL SELECT 1) ORDER BY i, k;
INSERT INTO curation(target_table, target_key, field, old_value, new_value, curator, reason, at)
  SELECT 'syntheses', printf('%016x-p%d-v0', i / 10 + 1, i % 10 + 3), 'reaction_temperature_c', NULL, '250',
         'bench', 'benchmark edit', '2026-01-01T00:00:00Z'
  FROM seq WHERE i % ($N / 1000 + 1) = 0;
INSERT INTO synthesis_tombstones(key, curator, reason, deleted_at)
  SELECT printf('%016x-p%d-v0', i / 10 + 1, i % 10 + 3), 'bench', 'benchmark delete', '2026-01-01T00:00:00Z'
  FROM seq WHERE i % ($N / 100 + 1) = 7;
COMMIT;
SQL
} | sqlite3 "$DB" >/dev/null
t1=$(now)
echo "generated $N syntheses in $(calc "$t1 - $t0") s ($(du -h "$DB" | cut -f1))"

# Wall and CPU (user + sys) times: CPU time is the fair figure on a machine shared with other jobs.
TIMEFORMAT='%R %U %S'
{ time "$BIN" export --db "$DB" --out "$WORK/out" --split 0.8,0.1,0.1 --seed 1 > "$WORK/export.log"; } 2> "$WORK/time-export"
cat "$WORK/export.log"
ls -l "$WORK/out" | awk 'NR > 1 { printf "  %-16s %12d bytes\n", $9, $5 }'

# Reference: sqlite3's CSV output of the same four tables (no joins, no curation, no wide columns).
{ time for t in syntheses synthesis_materials synthesis_steps outcomes; do
    sqlite3 -csv -header "$DB" "SELECT * FROM $t ORDER BY id" > "$WORK/ref-$t.csv"
  done; } 2> "$WORK/time-ref"

read -r ew eu es < "$WORK/time-export"
read -r rw ru rs < "$WORK/time-ref"
echo "synthdb export:          wall $ew s, cpu $(calc "$eu + $es") s  (target: < 30 s wall for 1,000,000 records)"
echo "sqlite3 -csv (4 tables): wall $rw s, cpu $(calc "$ru + $rs") s"
echo "ratio export/reference:  wall $(calc "$ew / $rw"), cpu $(calc "($eu + $es) / ($ru + $rs)")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
