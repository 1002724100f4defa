#!/usr/bin/env bash
# Many processes writing at once: every write is kept exactly once; readers running alongside
# never see a half-written file.
source "$(dirname "$0")/lib.sh" "$1"
PROCS=${SHOWUP_CONCURRENT_PROCS:-50}
WRITES=${SHOWUP_CONCURRENT_WRITES:-20}
export SHOWUP_LOCK_TIMEOUT=120

run init --timezone UTC
run provider add "Dr. Okafor" --id okafor

# Readers, until the writers are done.
touch "$SCRATCH/writing"
reader() {
  local n=0 failed=0
  while [ -e "$SCRATCH/writing" ]; do
    "$SHOWUP" away list --all --json >"$SCRATCH/read.$1" 2>/dev/null || failed=$((failed + 1))
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$SCRATCH/read.$1" 2>/dev/null || failed=$((failed + 1))
    n=$((n + 1))
  done
  echo "$n $failed" >"$SCRATCH/reader.$1"
}
for r in 1 2; do reader "$r" & done
readers=$(jobs -p)

writer() {
  for ((i = 0; i < WRITES; i++)); do
    # A day of its own for each write: absences of one provider may not overlap.
    local day
    day=$(date -u -d "2027-01-01 + $(($1 * WRITES + i)) days" +%F)
    "$SHOWUP" away add "$day" "$day" --reason "w$1-$i" >/dev/null 2>>"$SCRATCH/errors" ||
      echo "w$1-$i failed" >>"$SCRATCH/errors"
  done
}
pids=()
for ((p = 0; p < PROCS; p++)); do writer "$p" & pids+=($!); done
wait "${pids[@]}"
rm "$SCRATCH/writing"
wait $readers

[ ! -s "$SCRATCH/errors" ] && ok || bad "writers failed: $(head -3 "$SCRATCH/errors")"
run away list --all --json
python3 - "$OUT" "$PROCS" "$WRITES" <<'PY' && ok || bad "not every write is there exactly once"
import json, sys
d = json.load(open(sys.argv[1]))
procs, writes = int(sys.argv[2]), int(sys.argv[3])
reasons = sorted(a["reason"] for a in d["absences"])
expected = sorted(f"w{p}-{i}" for p in range(procs) for i in range(writes))
assert reasons == expected, (len(reasons), len(expected))
assert len({a["id"] for a in d["absences"]}) == len(reasons)
PY
reads=0 read_failures=0
for r in 1 2; do read -r n f <"$SCRATCH/reader.$r"; reads=$((reads + n)); read_failures=$((read_failures + f)); done
# Zero reads would pass the check below vacuously: each reader must have read while writers ran.
for r in 1 2; do
  read -r n f <"$SCRATCH/reader.$r"
  [ "$n" -ge 3 ] && ok || bad "reader $r read only $n times while the writers ran"
done
[ "$read_failures" -eq 0 ] && ok || bad "$read_failures of $reads reads failed"
echo "concurrency: $PROCS processes x $WRITES writes = $((PROCS * WRITES)) kept; $reads reads alongside, $read_failures failed"
finish
