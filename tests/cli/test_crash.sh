#!/usr/bin/env bash
# Crash safety: writers killed with SIGKILL at random instants. After every kill the file loads
# and is, byte for byte, the state before the write or the state after it; a later writer
# removes the temporary file a killed one left behind.
source "$(dirname "$0")/lib.sh" "$1"
KILLS=${SHOWUP_CRASH_KILLS:-300}
export SHOWUP_NOW="2026-11-25 12:00"

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every mon,wed,fri --at 17:30 --from 2016-01-04
run attend --through 2026-11-01 # a file of some size, so that a write takes a while
REF=$SCRATCH/ref
mkdir -p "$REF"

# The writes, in turn; each is deterministic with a pinned now, so its result can be known.
writes=(
  'add "2027-01-%02d 10:00" --note "extra %d"'
  'away add 2027-02-%02d 2027-02-%02d --reason "trip %d"'
  'attend s1@2026-11-02 --late %d'
  'undo'
)
before=0 after=0 stale_seen=0
for ((k = 0; k < KILLS; k++)); do
  day=$((k % 28 + 1))
  template=${writes[k % ${#writes[@]}]}
  cmd=$(printf "$template" "$day" "$day" "$k")
  # What the write would make of the file, on a copy.
  cp "$SHOWUP_FILE" "$REF/showup.json"
  eval "SHOWUP_FILE=\$REF/showup.json \"\$SHOWUP\" $cmd" >/dev/null 2>&1
  cp "$SHOWUP_FILE" "$SCRATCH/before.json"
  # The real one, killed at a random instant within about its run time.
  eval "\"\$SHOWUP\" $cmd" >/dev/null 2>&1 &
  pid=$!
  sleep "0.00$((RANDOM % 9))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if cmp -s "$SHOWUP_FILE" "$SCRATCH/before.json"; then
    before=$((before + 1))
  elif cmp -s "$SHOWUP_FILE" "$REF/showup.json"; then
    after=$((after + 1))
  else
    bad "kill $k ($cmd): the file is neither the state before nor after the write"
    break
  fi
  ls -a "$SCRATCH" | grep -q '\.tmp-' && stale_seen=$((stale_seen + 1))
  "$SHOWUP" list --json >"$OUT" 2>"$ERR" || { bad "kill $k: the file no longer loads"; break; }
done
echo "crash: $KILLS kills, $before left the state before, $after the state after, $stale_seen left a temporary file"
[ $((before + after)) -eq "$KILLS" ] && ok || bad "not every kill was checked"

# A later writer cleans up what killed ones left.
run add "2027-03-01 10:00"
expect_rc 0 "a write after the kills"
ls -a "$SCRATCH" | grep -q '\.tmp-' && bad "a temporary file is left after a clean write" || ok
finish
