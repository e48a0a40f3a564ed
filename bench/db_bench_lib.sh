# Shared set-up of the database benchmarks (bench/export.sh, bench/duplicates.sh); sourced, not run.
# The caller sets NAME (its script name, for messages) and BUILD (a build directory) and may set MAX (the
# schema version to build, default the latest). Defines ROOT, BIN, WORK (a temporary directory, removed on
# exit unless SYNTHDB_BENCH_KEEP=1), DB, LATEST, MAX, and the helpers now, calc, schema_sql and seq_sql.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN="$ROOT/$BUILD/synthdb"
[ -x "$BIN" ] || BIN="$BUILD/synthdb"
[ -x "$BIN" ] || { echo "$NAME: $BIN not found; build first" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "$NAME: sqlite3 CLI missing (scripts/setup installs it)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/synthdb-bench-${NAME%.sh}.XXXXXX")
# SYNTHDB_BENCH_KEEP=1 keeps the generated database and outputs for inspection.
if [ -n "${SYNTHDB_BENCH_KEEP:-}" ]; then echo "keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
DB="$WORK/bench.db"
LATEST=$(ls "$ROOT"/schema/[0-9][0-9][0-9]_*.sql | sort | tail -n 1 | xargs basename | cut -c1-3 | sed 's/^0*//')
MAX=${MAX:-$LATEST}

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

# The schema as the migrations build it, 001..MAX, fast pragmas first and user_version last: the head of
# the SQL a benchmark pipes into sqlite3 before its own generator statements.
schema_sql() {
  echo "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
  for f in $(ls "$ROOT"/schema/[0-9][0-9][0-9]_*.sql | sort); do
    v=$(basename "$f" | cut -c1-3 | sed 's/^0*//')
    [ "$v" -le "$MAX" ] && { cat "$f"; echo; }
  done
  echo "PRAGMA user_version = $MAX;"
}

# Opens the generator's transaction and fills TEMP table seq(i) with 0..COUNT-1, the row source of its
# INSERT ... SELECT statements.
seq_sql() {
  echo "BEGIN;"
  echo "CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY);"
  echo "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < $1) INSERT INTO seq SELECT i FROM c;"
}
