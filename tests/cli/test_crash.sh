#!/usr/bin/env bash
# Crash safety: writers killed with SIGKILL at random instants. After every kill the file loads
# and is, byte for byte, the state before the write, or the state before plus that write's one
# change (checked here from the JSON, not by asking showup); an undo gives back, byte for byte,
# the state before the change it undoes. After a change, its spare (the file the next save
# writes over) is the state before it; a killed save that had begun to write the spare leaves
# the file as it was, and the next save does not trust what it wrote there.
source "$(dirname "$0")/lib.sh" "$1"
KILLS=${SHOWUP_CRASH_KILLS:-300}
export SHOWUP_NOW="2026-11-25 12:00"

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every mon,wed,fri --at 17:30 --from 2016-01-04
run attend --through 2026-11-01 # a file of some size, so that a write takes a while
expect_rc 0 "the set-up"
STATES=$SCRATCH/states # the states before each change that is still in the file, for undo
mkdir -p "$STATES"
depth=0

# check_change KIND K BEFORE AFTER: AFTER is BEFORE plus the one change that write K (of KIND)
# makes. One python process (a coprocess) answers every check.
cat >"$SCRATCH/check.py" <<'PY'
import datetime, json, sys
def by_id(doc, key):
    return {r["id"]: r for r in doc[key]}
def without(doc, key):
    return {n: v for n, v in doc.items() if n not in (key, "next_ids", "history")}
def check(kind, k, before, after):
    day = k % 28 + 1
    if kind == "add":
        key = "sessions"
        new = [r for i, r in by_id(after, key).items() if i not in by_id(before, key)]
        when = datetime.date(2027, 1, 1) + datetime.timedelta(days=k)
        assert len(new) == 1 and new[0]["start"] == f"{when}T10:00", new
        assert new[0]["note"] == f"extra {k}", new
        assert [r for r in after[key] if r is not new[0]] == before[key]
    elif kind == "away":
        key = "absences"
        new = [r for i, r in by_id(after, key).items() if i not in by_id(before, key)]
        when = datetime.date(2027, 3, 1) + datetime.timedelta(days=k)
        assert len(new) == 1 and new[0]["from"] == new[0]["to"] == f"{when}", new
        assert new[0]["reason"] == f"trip {k}", new
        assert [r for r in after[key] if r is not new[0]] == before[key]
    elif kind == "attend":
        key = "sessions"
        a, b = by_id(after, key), by_id(before, key)
        s = a["s1@2026-11-02"]
        assert s["outcome"] == "attended" and s["late_minutes"] == k, s
        assert {i: r for i, r in a.items() if i != s["id"]} == {i: r for i, r in b.items() if i != s["id"]}
    else:
        raise AssertionError(kind)
    assert without(after, key) == without(before, key)
    assert len(after["history"]) >= 1
for line in sys.stdin:
    kind, k, before, after = line.split()
    try:
        check(kind, int(k), json.load(open(before)), json.load(open(after)))
        print("ok", flush=True)
    except Exception as e:
        print("no", repr(e)[:300].replace("\n", " "), flush=True)
PY
coproc CHECK { python3 "$SCRATCH/check.py"; }
check_change() {
  local answer
  echo "$*" >&"${CHECK[1]}"
  read -r answer <&"${CHECK[0]}"
  [ "$answer" = ok ] || { echo "$answer"; return 1; }
}

# The writes, in turn, each with its own arguments.
# write K: becomes (exec) showup doing write number K, so that a kill of its pid hits showup.
write() {
  local day
  day=$(printf %02d $(($1 % 28 + 1)))
  case $(($1 % 4)) in
  0) exec "$SHOWUP" add "$(date -d "2027-01-01 +$1 days" +%F) 10:00" --note "extra $1" ;;
  1) # A day of its own for each write: absences of one provider may not overlap.
     day=$(date -d "2027-03-01 +$1 days" +%F)
     exec "$SHOWUP" away add "$day" "$day" --reason "trip $1" ;;
  2) exec "$SHOWUP" attend s1@2026-11-02 --late "$1" ;;
  3) exec "$SHOWUP" undo ;;
  esac >/dev/null 2>"$SCRATCH/write.err"
}

# How long a write takes here (the slowest of three, on a copy): the kills land within it.
cp "$SHOWUP_FILE" "$SCRATCH/copy.json"
took=1
for i in 1 2 3; do
  start=$(date +%s%N)
  SHOWUP_FILE=$SCRATCH/copy.json "$SHOWUP" attend s1@2026-11-02 --late "$i" >/dev/null
  t=$((($(date +%s%N) - start) / 1000))
  [ "$t" -gt "$took" ] && took=$t
done
rm "$SCRATCH/copy.json"
window=$took
exec {never}<> <(:)
before=0 after=0 during=0 finished=0 stale_seen=0 undone_exactly=0
declare -A ran=()
SPARE=$SCRATCH/.$(basename "$SHOWUP_FILE").spare
for ((k = 0; k < KILLS; k++)); do
  cp "$SHOWUP_FILE" "$SCRATCH/before.json"
  cp "$SPARE" "$SCRATCH/spare.before"
  kind=$(case $((k % 4)) in 0) echo add ;; 1) echo away ;; 2) echo attend ;; 3) echo undo ;; esac)
  # An undo with nothing of ours left to undo would undo the set-up: add instead.
  [ "$kind" = undo ] && [ "$depth" -eq 0 ] && k_write=$((k - 3)) || k_write=$k
  write "$k_write" &
  pid=$!
  # Microseconds: every other kill anywhere in the write, the others in its last half, where
  # the save is (after start-up and reading the file).
  delay=$(((RANDOM * 32768 + RANDOM) % window))
  [ $((k % 2)) -eq 1 ] && delay=$((window / 2 + delay / 2))
  # read -t on a pipe that stays empty: a sleep without starting a process.
  read -r -t "$((delay / 1000000)).$(printf %06d $((delay % 1000000)))" -u "$never" || true
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  # 137: SIGKILL landed while showup was running; anything else: it had finished.
  # The window follows how long writes take now (the machine's load changes): a little
  # shorter after a kill that came too late, a little longer after one that landed.
  if [ "$status" -eq 137 ]; then during=$((during + 1)); window=$((window * 21 / 20)); else
    window=$((window * 19 / 20 + 100))
    finished=$((finished + 1))
    [ "$status" -eq 0 ] || { bad "write $k ($kind) failed on its own: $(cat "$SCRATCH/write.err")"; break; }
  fi
  [ "$k_write" -ne "$k" ] && kind=add
  if cmp -s "$SHOWUP_FILE" "$SCRATCH/before.json"; then
    before=$((before + 1))
    [ "$status" -eq 137 ] || { bad "write $k ($kind) finished but changed nothing"; break; }
    # Killed between writing over the spare and putting it in place.
    cmp -s "$SPARE" "$SCRATCH/spare.before" || stale_seen=$((stale_seen + 1))
  else
    after=$((after + 1))
    cmp -s "$SPARE" "$SCRATCH/before.json" ||
      { bad "kill $k ($kind): the spare is not the state before the change"; break; }
    ran[$kind]=$((${ran[$kind]:-0} + 1))
    if [ "$kind" = undo ]; then
      depth=$((depth - 1))
      if cmp -s "$SHOWUP_FILE" "$STATES/$depth"; then undone_exactly=$((undone_exactly + 1))
      else
        # With a full history (k_undo_depth changes), the change dropped its oldest entry, which
        # the undo cannot bring back: all but that is the state before the change.
        python3 - "$STATES/$depth" "$SHOWUP_FILE" <<'PY' ||
import json, sys
want, got = (json.load(open(p)) for p in sys.argv[1:3])
hw, hg = want.pop("history"), got.pop("history")
assert got == want and len(hg) < len(hw) and hw[len(hw) - len(hg):] == hg
PY
          { bad "kill $k (undo): the file is neither the state before the undo nor the one before the change it undoes"; break; }
      fi
    else
      check_change "$kind" "$k_write" "$SCRATCH/before.json" "$SHOWUP_FILE" ||
        { bad "kill $k ($kind): the file is neither the state before nor that plus the write"; break; }
      cp "$SCRATCH/before.json" "$STATES/$depth"
      depth=$((depth + 1))
    fi
  fi
  # A state before is one that loaded already; a new one must load.
  if ! cmp -s "$SHOWUP_FILE" "$SCRATCH/before.json"; then
    "$SHOWUP" list --json >"$OUT" 2>"$ERR" || { bad "kill $k: the file no longer loads"; break; }
  fi
done
echo "crash: a write takes about $((took / 1000)) ms; $KILLS kills: $during while showup ran, $finished after it had finished;" \
     "$before left the state before, $after the state after (add ${ran[add]:-0}, away ${ran[away]:-0}," \
     "attend ${ran[attend]:-0}, undo ${ran[undo]:-0}, $undone_exactly of them byte for byte);" \
     "$stale_seen left a spare written in part or whole"
[ $((before + after)) -eq "$KILLS" ] && ok || bad "not every kill was checked"
# The kills prove something only if every kind of write really ran, and many kills hit a
# running showup, some of them in the middle of its save.
for kind in add away attend undo; do
  [ "${ran[$kind]:-0}" -ge 3 ] && ok || bad "only ${ran[$kind]:-0} '$kind' writes got through"
done
[ $((during * 4)) -ge "$KILLS" ] && ok || bad "only $during of $KILLS kills landed while showup ran"
# Between the first write over the spare and the exchange is a small part of a run; the
# sanitized run's 100 kills of a much slower binary may see none.
if [ "$KILLS" -ge 200 ]; then
  [ "$stale_seen" -ge 1 ] && ok || bad "no kill landed between writing the spare and the exchange"
fi

# A later writer writes over what killed ones left, and leaves nothing else.
cp "$SHOWUP_FILE" "$SCRATCH/before.json"
run add "2027-03-01 10:00"
expect_rc 0 "a write after the kills"
cmp -s "$SPARE" "$SCRATCH/before.json" && ok || bad "the spare after a clean write is not the state before it"
ls -a "$SCRATCH" | grep -q '\.tmp-' && bad "a temporary file is left after a clean write" || ok
finish
