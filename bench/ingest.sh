#!/usr/bin/env bash
# Ingestion benchmark: `synthdb ingest` against `pdftotext` on the same PDFs in the same run.
#
#   bench/ingest.sh [DOCS]      (default 200; the README figures use 1000)
#
# The corpus is DOCS distinct PDFs made from corpus-samples/*.pdf (each copy gets a different
# trailing comment, so content hashes differ and nothing is deduplicated). Prints, as ratios against
# the pdftotext reference measured in this same run (target: ingest <= 1.5x pdftotext):
#   - wall time, 1 job and 2 jobs (pdftotext in 1 and 2 parallel processes: xargs -P), and CPU time
#     (user+sys of the whole process tree), which stays meaningful when the machine is shared;
#   - scaling of ingest from 1 to 2 jobs;
#   - peak RSS of one worker (wait4 rusage, from the --report) and of the largest process (time -v);
#   - merge time of two shard databases, per 1000 documents;
#   - database size per 1000 documents.
# Env: SYNTHDB_BIN (default build/synthdb), BENCH_DIR (default a temp dir, removed at the end).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${SYNTHDB_BIN:-$root/build/synthdb}
docs=${1:-200}
[ -x "$bin" ] || { echo "bench: $bin not built (cmake --build build)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "bench: pdftotext missing (scripts/setup)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (scripts/setup installs 'time')" >&2; exit 2; }

work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
rm -f "$work"/*.db* "$work"/*.json

mapfile -t samples < <(ls "$root"/corpus-samples/*.pdf)
[ ${#samples[@]} -gt 0 ] || { echo "bench: no PDFs in corpus-samples/" >&2; exit 2; }
for ((i = 0; i < docs; i++)); do
  src=${samples[i % ${#samples[@]}]}
  out="$work/in/doc-$(printf '%05d' "$i").pdf"
  [ -f "$out" ] || { cat "$src"; printf '\n%% synthdb bench copy %d\n' "$i"; } >"$out"
done
pages=$(for f in "${samples[@]}"; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'; done |
        awk -v n="$docs" -v k=${#samples[@]} '{s+=$1} END {printf "%d", s * n / k}')

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

# Warm the page cache so that neither side pays for the first read.
cat "$work"/in/*.pdf >/dev/null

cpu() { awk -F: '/User time|System time/ {s += $2} END {printf "%.3f", s}' "$1"; }  # user+sys of the tree
t=$(now)
/usr/bin/time -v -o "$work/ref1.time" bash -c 'for f in "$1"/in/*.pdf; do pdftotext -q "$f" /dev/null || true; done' _ "$work"
ref1=$(elapsed "$t" "$(now)")
t=$(now)
/usr/bin/time -v -o "$work/ref2.time" bash -c 'ls "$1"/in/*.pdf | xargs -P 2 -I{} pdftotext -q {} /dev/null || true' _ "$work"
ref2=$(elapsed "$t" "$(now)")

run_ingest() {  # jobs db report timefile
  local t0 t1
  t0=$(now)
  /usr/bin/time -v -o "$4" "$bin" ingest "$work/in" --db "$2" --jobs "$1" --quiet --report "$3" || true
  t1=$(now)
  elapsed "$t0" "$t1"
}
ing1=$(run_ingest 1 "$work/j1.db" "$work/j1.json" "$work/j1.time")
ing2=$(run_ingest 2 "$work/j2.db" "$work/j2.json" "$work/j2.time")
worker_rss=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["peak_worker_rss_mb"], 1))' "$work/j2.json")
tree_rss=$(awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/j2.time")
ok=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["new"], r["failed"])' "$work/j2.json")

# Merge: two shards of the same corpus into an empty database.
"$bin" ingest "$work/in" --db "$work/s1.db" --shard 1/2 --jobs 2 --quiet || true
"$bin" ingest "$work/in" --db "$work/s2.db" --shard 2/2 --jobs 2 --quiet || true
t=$(now); "$bin" merge "$work/m.db" "$work/s1.db" "$work/s2.db" --quiet; merge=$(elapsed "$t" "$(now)")
"$bin" stats --db "$work/m.db" --json >"$work/m.stats.json"
merged_docs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"]["total"])' "$work/m.stats.json")
db_kb=$(( $(stat -c %s "$work/j2.db") / 1024 ))
[ -f "$work/j2.db-wal" ] && db_kb=$(( db_kb + $(stat -c %s "$work/j2.db-wal") / 1024 ))

echo "synthdb ingest benchmark: $docs PDFs (~$pages pages) made from ${#samples[@]} samples; ok/failed: $ok; $(nproc) cores"
printf '%-34s %9s %9s\n' "" "seconds" "ratio"
printf '%-34s %9s %9s\n' "pdftotext, 1 process" "$ref1" "1.00"
printf '%-34s %9s %9s\n' "synthdb ingest --jobs 1" "$ing1" "$(ratio "$ing1" "$ref1")"
printf '%-34s %9s %9s\n' "pdftotext, 2 processes" "$ref2" "1.00"
printf '%-34s %9s %9s\n' "synthdb ingest --jobs 2" "$ing2" "$(ratio "$ing2" "$ref2")"
printf '%-34s %9s %9s\n' "CPU s (user+sys): pdftotext" "$(cpu "$work/ref1.time")" "1.00"
printf '%-34s %9s %9s\n' "CPU s (user+sys): ingest --jobs 1" "$(cpu "$work/j1.time")" \
  "$(ratio "$(cpu "$work/j1.time")" "$(cpu "$work/ref1.time")")"
echo "target: ingest/pdftotext <= 1.5 (ratio columns above; the CPU ratio is the one to trust on a busy machine)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scaling 1 -> 2 jobs: speed-up $(ratio "$ing1" "$ing2")x (pdftotext: $(ratio "$ref1" "$ref2")x)"
echo "throughput --jobs 2: $(awk -v n="$docs" -v s="$ing2" 'BEGIN {printf "%.1f", n / s}') docs/s, $(awk -v n="$pages" -v s="$ing2" 'BEGIN {printf "%.1f", n / s}') pages/s"
echo "peak RSS: one worker ${worker_rss} MB (wait4), largest process ${tree_rss} MB (time -v)"
echo "merge of 2 shards ($merged_docs docs): ${merge} s = $(awk -v s="$merge" -v n="$merged_docs" 'BEGIN {printf "%.2f", s * 1000 / n}') s per 1000 documents"
echo "database size: $(awk -v k="$db_kb" -v n="$docs" 'BEGIN {printf "%.1f", k / 1024 * 1000 / n}') MB per 1000 documents"
