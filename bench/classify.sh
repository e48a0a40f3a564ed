#!/usr/bin/env bash
# Classifier throughput on one core: paragraphs/s, ratio to the 100,000/s target and to a
# tokenise-only reference measured in the same run.
# Usage: bench/classify.sh [BUILD_DIR] [PARAGRAPHS.jsonl] [MODEL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
data="${2:-$root/classify/data/test.jsonl}"
model="${3:-$root/models/synthesis.ftz}"
[ -f "$data" ] || python3 "$root/scripts/build-training-set" >/dev/null
cmake --build "$build" --target synthdb_bench_classify >/dev/null
exec taskset -c 0 "$build/bench/synthdb_bench_classify" "$data" "$model" 3
