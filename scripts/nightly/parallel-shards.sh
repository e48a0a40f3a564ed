#!/usr/bin/env bash
# Sharded ingestion without a cluster: N shards in parallel on one or more machines with GNU parallel
# (or xargs), then one merge. Same databases and result as the Slurm array.
#   scripts/nightly/parallel-shards.sh PAPERS OUTDIR [SHARDS] [JOBS_PER_SHARD]
set -euo pipefail
papers=${1:?usage: parallel-shards.sh PAPERS OUTDIR [SHARDS] [JOBS_PER_SHARD]}
out=${2:?usage: parallel-shards.sh PAPERS OUTDIR [SHARDS] [JOBS_PER_SHARD]}
n=${3:-4}
jobs=${4:-1}
synthdb=${SYNTHDB:-$(cd "$(dirname "$0")/../.." && pwd)/build/synthdb}
mkdir -p "$out/shards" "$out/reports"
run_shard() {  # i
  "$synthdb" ingest "$papers" --db "$out/shards/shard-$1.db" --shard "$1/$n" --jobs "$jobs" \
    --report "$out/reports/shard-$1.json" --quiet || [ $? -le 1 ]
}
export -f run_shard; export synthdb papers out n jobs
if command -v parallel >/dev/null; then
  # GNU parallel; add e.g. -S node1,node2 --workdir . to spread shards over machines sharing $out.
  seq 1 "$n" | parallel --halt soon,fail=1 run_shard {}
else
  seq 1 "$n" | xargs -P "$n" -I{} bash -c 'run_shard {}'
fi
"$synthdb" merge "$out/synthdb.db" "$out"/shards/shard-*.db
