#!/usr/bin/env bash
# Scripted check of the Slurm route on this one machine: starts a private single-node Slurm
# (slurmctld + slurmd from Debian's slurm-wlm, auth/none, own ports and spool under a temp dir),
# submits ingest-array.sbatch as a 2-task array plus merge.sbatch, and checks that the merged
# database holds exactly what a single-machine `synthdb ingest` stores. Needs root (slurmd) and the
# slurm-wlm package. Stops its daemons on exit.
#   scripts/nightly/slurm-check.sh [PAPERS]   (default corpus-samples/)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
papers=$(cd "${1:-$root/corpus-samples}" && pwd)
synthdb=${SYNTHDB:-$root/build/synthdb}
command -v slurmctld >/dev/null || { echo "slurm-check: slurm-wlm is not installed" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "slurm-check: run as root (slurmd needs it)" >&2; exit 2; }
[ -x "$synthdb" ] || { echo "slurm-check: build $synthdb first" >&2; exit 2; }

dir=$(mktemp -d /tmp/synthdb-slurm.XXXXXX)
host=$(hostname -s)
export SLURM_CONF=$dir/slurm.conf
mkdir -p "$dir/state" "$dir/spool" "$dir/out"
cat >"$SLURM_CONF" <<CONF
ClusterName=synthdbcheck
SlurmctldHost=$host
SlurmctldPort=16917
SlurmdPort=16918
AuthType=auth/none
CredType=cred/none
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
cleanup() {
  [ -f "$dir/slurmd.pid" ] && kill "$(cat "$dir/slurmd.pid")" 2>/dev/null || true
  [ -f "$dir/slurmctld.pid" ] && kill "$(cat "$dir/slurmctld.pid")" 2>/dev/null || true
  sleep 1
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT
slurmctld -i
slurmd
for _ in $(seq 60); do
  sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)' && break
  sleep 1
done
sinfo -h -o '%t' | grep -Eq '^(idle|mix|alloc)' || { echo "slurm-check: node did not come up" >&2; cat "$dir"/*.log >&2; exit 3; }

export PAPERS=$papers OUT=$dir/out SYNTHDB=$synthdb
cd "$dir"
jid=$(sbatch --parsable --array=1-2 --cpus-per-task=1 --mem-per-cpu=0 --export=ALL "$root/scripts/nightly/ingest-array.sbatch")
mid=$(sbatch --parsable --dependency=afterok:"$jid" --mem=0 --export=ALL "$root/scripts/nightly/merge.sbatch")
for _ in $(seq 600); do
  squeue -h -j "$jid,$mid" 2>/dev/null | grep -q . || break
  sleep 1
done
[ -f "$OUT/synthdb.db" ] || { echo "slurm-check: merge produced nothing" >&2; cat "$dir"/*.log >&2; exit 3; }

"$synthdb" ingest "$papers" --db "$dir/single.db" --quiet || [ $? -le 1 ]
dump() {
  sqlite3 "$1" "SELECT sha256, status, pages, paragraph_count, pipeline_version FROM documents ORDER BY sha256;
    SELECT d.sha256, p.ordinal, p.kind, p.label, p.text FROM paragraphs p JOIN documents d ON d.id = p.document_id
      ORDER BY 1, 2;
    SELECT d.sha256, p.ordinal, e.ordinal, e.type, e.text, e.value FROM entities e
      JOIN paragraphs p ON p.id = e.paragraph_id JOIN documents d ON d.id = p.document_id ORDER BY 1, 2, 3;" | sha256sum
}
a=$(dump "$OUT/synthdb.db")
b=$(dump "$dir/single.db")
docs=$(sqlite3 "$OUT/synthdb.db" 'SELECT count(*) FROM documents')
if [ "$a" = "$b" ]; then
  echo "slurm-check: OK: 2-task array + merge = single run ($docs documents)"
else
  echo "slurm-check: MISMATCH between merged shards and single run" >&2
  exit 1
fi
