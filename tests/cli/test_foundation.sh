#!/usr/bin/env bash
# init, provider, undo, the error boundary, and concurrent writers.
source "$(dirname "$0")/lib.sh" "$1"

run provider list
expect_error 1 "no data file at $SHOWUP_FILE; create one with 'showup init'"

export SHOWUP_FILE=$SCRATCH/new/dir/showup.json
run init --timezone America/Chicago
expect_rc 0 "init"
expect_out "created $SHOWUP_FILE (time zone America/Chicago)"
[ "$(stat -c %a "$SHOWUP_FILE")" = 600 ] && ok || bad "file mode $(stat -c %a "$SHOWUP_FILE")"
[ "$(stat -c %a "$(dirname "$SHOWUP_FILE")")" = 700 ] && ok || bad "directory mode"
with_unchanged_file init --timezone UTC
expect_error 1 "already exists; init never overwrites a data file"

run init --file "$SCRATCH/other.json" --timezone Mars/Base
expect_error 2 'unknown time zone "Mars/Base"'
[ ! -e "$SCRATCH/other.json" ] && ok || bad "a refused init created a file"

XDG_DATA_HOME=$SCRATCH/xdg SHOWUP_FILE= run init --timezone UTC --json
expect_json 'd["file"].endswith("/xdg/showup/showup.json") and d["timezone"] == "UTC"'

run provider add "Dr. Okafor" --duration 45
expect_rc 0 "provider add"
expect_out "added provider dr-okafor"
run --json provider list
expect_json 'has(d, {"providers": [{"id": "dr-okafor", "name": "Dr. Okafor", "duration": 45}]})'
run provider list --json
expect_json 'd["providers"][0]["id"] == "dr-okafor"'

# Usage errors: exit 2, one line, the file untouched.
with_unchanged_file provider add
expect_error 2 "NAME is required"
with_unchanged_file provider add X --duration 0
expect_error 2 "--duration"
with_unchanged_file provider add X --bogus
expect_error 2 "--bogus"
with_unchanged_file frobnicate
expect_error 2 '"frobnicate" is not a showup command'
with_unchanged_file --color sometimes provider list
expect_error 2 "--color"
with_unchanged_file provider add "Dr. Okafor" --id dr-okafor
expect_error 1 'there is a provider "dr-okafor" already'

run undo
expect_out "undid: provider add Dr. Okafor"
run provider list --json
expect_json 'd["providers"] == []'
run undo
expect_error 1 "nothing to undo"

run --version
expect_out "showup "
run provider add --help
expect_out "Example: showup provider add"

# A damaged file: exit 1, the file named, not a byte changed.
printf '{"version": 1, "timezone": "UTC", "next_ids": ' >"$SHOWUP_FILE"
with_unchanged_file provider add "Dr. B"
expect_error 1 "$SHOWUP_FILE: not valid JSON"
printf '{"version": 7}' >"$SHOWUP_FILE"
with_unchanged_file provider list
expect_error 1 "version 7 is newer than this showup understands"

# 20 writers at once: every change is kept, exactly once.
rm -f "$SHOWUP_FILE"
run init --timezone UTC
for i in $(seq 1 20); do
  "$SHOWUP" provider add "Provider $i" --id "p$i" >/dev/null 2>"$SCRATCH/err.$i" &
done
wait
run provider list --json
expect_json 'sorted(p["id"] for p in d["providers"]) == sorted("p%d" % i for i in range(1, 21))'
only_own_files

# A lock held by someone else: the writer gives up with exit 1 and names the lock.
if command -v flock >/dev/null; then
  (flock 9 && touch "$SCRATCH/locked" && sleep 1.5) 9>>"$SHOWUP_FILE.lock" &
  while [ ! -e "$SCRATCH/locked" ]; do sleep 0.05; done
  SHOWUP_LOCK_TIMEOUT=0.3 with_unchanged_file provider add "Late"
  expect_error 1 "$SHOWUP_FILE.lock: another showup is still changing the file"
  wait
else
  skip_missing util-linux "a lock held by another process"
fi

# A file others can read gets a warning.
chmod 644 "$SHOWUP_FILE"
run provider list
expect_err "chmod 600"
chmod 600 "$SHOWUP_FILE"

finish
