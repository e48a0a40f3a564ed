#!/usr/bin/env bash
# Throughput of `synthdb extract` (issue 4 target: >= 5 MB/s of paragraph text per core).
# Builds ~4 MB of JSON Lines from the MSP synthesis paragraphs (repeated, ids varied), runs extract
# and prints MB/s (per core: bytes / CPU seconds of the process) of paragraph text (median and fastest run), the ratio to the 5 MB/s target, and the ratio to a
# reference measured in the same run (gzip -1 over the same bytes) so that machine speed can be read.
# Usage: [RUNS=3] bench/extract.sh [build/synthdb] [MB]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/synthdb}"
mb="${2:-4}"
data="${SYNTHDB_MSP_DIR:-$here/../shared/data/msp-synthesis-procedures/data}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 "$here/bench/extract_input.py" "$data" "$tmp/in.jsonl" "$tmp/text.txt" "$mb"
bytes=$(cat "$tmp/in.jsonl.bytes")

# CPU seconds (user+sys) of the process: "per core" throughput, robust to other jobs on the machine.
# Each program runs RUNS times (default 3, alternating) and the median CPU time is reported: on a
# shared machine single runs vary by +-30 %.
runs="${RUNS:-3}"
: > "$tmp/times.ext"
: > "$tmp/times.ref"
for ((k = 0; k < runs; k++)); do
  /usr/bin/time -f "%U %S %e" -o "$tmp/time.ext" "$bin" extract < "$tmp/in.jsonl" > "$tmp/out.jsonl" || true
  /usr/bin/time -f "%U %S %e" -o "$tmp/time.ref" gzip -1 -c "$tmp/text.txt" > /dev/null
  awk '{print $1+$2, $3}' "$tmp/time.ext" >> "$tmp/times.ext"
  awk '{print $1+$2, $3}' "$tmp/time.ref" >> "$tmp/times.ref"
done
median() { sort -n "$1" | awk '{a[NR]=$0} END{print a[int((NR+1)/2)]}'; }
read -r ext_cpu ext_wall < <(median "$tmp/times.ext")
read -r ref_cpu ref_wall < <(median "$tmp/times.ref")
# The fastest run as well: this shared host switches between a fast and a slow state (CPU time of one
# binary on one input differs by up to 1.5x between runs), so the median of a few runs may read either
# state; the fastest run is the one least slowed by other work.
best() { sort -n "$1" | head -n 1 | cut -d' ' -f1; }
ext_best=$(best "$tmp/times.ext")
ref_best=$(best "$tmp/times.ref")
# The allocator matters (~5-7 %): say which one the binary uses (CMake option SYNTHDB_JEMALLOC).
if ldd "$bin" 2>/dev/null | grep jemalloc >/dev/null; then alloc=jemalloc; else alloc="system (glibc malloc)"; fi  # (not grep -q: with pipefail, ldd killed by SIGPIPE read as "no")
[ -n "${LD_PRELOAD:-}" ] && alloc="$alloc, LD_PRELOAD=$LD_PRELOAD"
echo "allocator: $alloc"
echo "runs: $runs (extract CPU s: $(cut -d' ' -f1 "$tmp/times.ext" | tr '\n' ' '))"
lines_in=$(wc -l < "$tmp/in.jsonl")
lines_out=$(wc -l < "$tmp/out.jsonl")
python3 - "$bytes" "$ext_cpu" "$ext_wall" "$ref_cpu" "$lines_in" "$lines_out" "$ext_best" "$ref_best" <<'PY'
import sys
b, ext_cpu, ext_wall, ref_cpu = (float(x) for x in sys.argv[1:5])
lin, lout = int(sys.argv[5]), int(sys.argv[6])
ext_best, ref_best = float(sys.argv[7]), float(sys.argv[8])
ext = b / 1e6 / max(ext_cpu, 1e-3)
ref = b / 1e6 / max(ref_cpu, 1e-3)
print(f"paragraph text: {b/1e6:.2f} MB in {lin} lines ({lout} lines out)")
print(f"extract: {ext:.2f} MB/s per core (CPU {ext_cpu:.2f} s, wall {ext_wall:.2f} s)  ratio to 5 MB/s target: {ext/5:.2f}")
print(f"reference gzip -1: {ref:.2f} MB/s per core  extract/reference: {ext/ref:.3f}")
eb, rb = b / 1e6 / max(ext_best, 1e-3), b / 1e6 / max(ref_best, 1e-3)
print(f"fastest run: extract {eb:.2f} MB/s per core (CPU {ext_best:.2f} s), gzip -1 {rb:.2f} MB/s, ratio to target {eb/5:.2f}")
PY
