#!/usr/bin/env bash
# "Hold at the edges": hostile paths, terminals, clocks and sizes.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00"
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every tue,fri --at 17:30 --from 2026-01-06

# 1. Not a regular file: refused before it is opened, no lock file left beside it.
mkfifo "$SCRATCH/fifo"
timeout 10 "$SHOWUP" --file "$SCRATCH/fifo" list >"$OUT" 2>"$ERR"
RC=$?
expect_error 1 "is not a regular file"
timeout 10 "$SHOWUP" --file "$SCRATCH/fifo" add "2026-12-01 10:00" >"$OUT" 2>"$ERR"
RC=$?
expect_error 1 "is not a regular file"
[ ! -e "$SCRATCH/fifo.lock" ] && ok || bad "a lock file was left beside a FIFO"
run --file /dev/zero list
expect_error 1 "is not a regular file"
[ ! -e /dev/zero.lock ] && ok || bad "a lock file was left beside /dev/zero"
# A reader creates no lock file beside a file showup never wrote.
cp "$SHOWUP_FILE" "$SCRATCH/copy.json"
run --file "$SCRATCH/copy.json" list
expect_rc 0 "reading a copy"
[ ! -e "$SCRATCH/copy.json.lock" ] && ok || bad "a reader created a lock file"
# A file larger than showup reads is refused by its size, unread.
truncate -s 600M "$SCRATCH/huge.json"
run --file "$SCRATCH/huge.json" list
expect_error 1 "is 600 MB, larger than showup reads (512 MB)"
rm -f "$SCRATCH/huge.json"

# 2. The lock file deleted under a waiting writer: no change is lost.
flock "$SHOWUP_FILE.lock" sleep 2 &
holder=$!
sleep 0.3
"$SHOWUP" away add 2027-01-01 2027-01-01 --reason first >/dev/null 2>"$SCRATCH/first.err" &
first=$!
sleep 0.3
rm -f "$SHOWUP_FILE.lock"
for i in 2 3 4 5 6 7 8 9; do
  "$SHOWUP" away add "2027-01-0$i" "2027-01-0$i" --reason "w$i" >/dev/null 2>>"$SCRATCH/others.err" &
done
wait $first
wait
run away list --json
expect_json 'sorted(a["reason"] for a in d["absences"]) == sorted(["first"] + ["w%d" % i for i in range(2, 10)])'

# 3. Dates at the ends of time, and an id counter at its end: refused, the file loads.
with_unchanged_file --now 2200-12-31T12:00 add "tomorrow 10:00"
expect_error 2 "outside the years 1900 to 2200"
with_unchanged_file summary --to 9999-12-31
expect_error 2 "outside the years 1900 to 2200"
sed 's/"session":1,/"session":1000000000,/' "$SHOWUP_FILE" >"$SCRATCH/ids.json"
chmod 600 "$SCRATCH/ids.json"
cp "$SCRATCH/ids.json" "$SCRATCH/ids.before"
run --file "$SCRATCH/ids.json" add "2026-12-02 10:00"
expect_error 1 "next_ids.session: 1000000001 is not a whole number from 1 to 1000000000"
cmp -s "$SCRATCH/ids.json" "$SCRATCH/ids.before" && ok || bad "a refused save changed the file"

# 4. Wide windows stay cheap: memory does not grow with an empty window.
run away add 2027-02-01 2200-12-31 --reason "long leave"
run list --from 1900-01-01 --to 2200-12-31
expect_rc 0 "list over the whole range"
run export --format ics
expect_rc 0 "export with an absence to 2200"
run away remove a10
expect_rc 0 "away remove"

# 6 and 7. Nothing from the file or the command line drives the terminal; errors are one line.
run provider add $'Dr \e]0;PWNED\a\e[31mRed\xc2\x9b\xe2\x80\xae' --id evil
expect_no_out $'\e'
expect_out '\x1b]0;PWNED\x07\x1b[31mRed\u009b\u202e'
run undo
expect_no_out $'\e'
run list --from $'2026\nshowup: injected'
expect_error 2 '"2026\nshowup: injected" is not a date'
python3 - "$SHOWUP_FILE" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
t = t.replace('"history": [', '"history": [{"description":"x\\u001b]52;c;aGk=\\u0007","at":"2026-11-25T11:00:00Z","next_ids_before":{"schedule":2,"session":1,"absence":1},"changes":[]},', 1)
open(p, "w", encoding="utf-8").write(t)
PY
run undo
expect_rc 0 "undo of a hostile description"
expect_no_out $'\e'
cp "$SHOWUP_FILE" "$SCRATCH/good.json"
sed 's|"timezone": "Europe/Berlin"|"timezone": "\\u001b]0;OWNED\\u0007\\u001b[2J"|' "$SCRATCH/good.json" >"$SHOWUP_FILE"
grep -q OWNED "$SHOWUP_FILE" && ok || bad "the file was not damaged as planned"
run list
expect_error 1 '"\x1b]0;OWNED\x07\x1b[2J" is not a time zone'
cp "$SCRATCH/good.json" "$SHOWUP_FILE"

# 8. Modes whatever the umask; a failed init leaves nothing behind; a write by root keeps
# the owner.
(umask 777 && "$SHOWUP" --file "$SCRATCH/um/dir/u.json" init --timezone UTC >/dev/null 2>&1)
[ "$(stat -c %a "$SCRATCH/um/dir/u.json")" = 600 ] && ok || bad "init under umask 777 is not 0600"
[ "$(stat -c %a "$SCRATCH/um/dir")" = 700 ] && ok || bad "a directory under umask 777 is not 0700"
long=$(printf 'x%.0s' $(seq 1 253))
run --file "$SCRATCH/gone/deeper/$long" init --timezone UTC
expect_rc 1 "init with a name too long for its lock file"
[ ! -e "$SCRATCH/gone" ] && ok || bad "a failed init left its directories"
run --file "$SCRATCH/copy-$long" add "2026-12-01 10:00"
expect_rc 1 "a name too long for the temporary file"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
  cp "$SHOWUP_FILE" "$SCRATCH/theirs.json"
  chown nobody:nogroup "$SCRATCH/theirs.json"
  run --file "$SCRATCH/theirs.json" add "2026-12-02 11:00"
  expect_rc 0 "root adds to a file of nobody's"
  [ "$(stat -c %U "$SCRATCH/theirs.json")" = nobody ] && ok || bad "root's write took the file from its owner"
fi

# 9. A byte order mark is read past and not written back.
printf '\xef\xbb\xbf' | cat - "$SCRATCH/good.json" >"$SHOWUP_FILE"
run list
expect_rc 0 "a file with a BOM loads"
run add "2026-12-03 10:00"
expect_rc 0 "a file with a BOM is written"
[ "$(head -c 1 "$SHOWUP_FILE")" = "{" ] && ok || bad "the BOM was written back"
# init without --timezone: from TZ, and a TZ that names no zone is refused, not made UTC.
TZ=America/Chicago run --file "$SCRATCH/tz1.json" init
expect_out "(time zone America/Chicago)"
TZ=Bogus/Zone run --file "$SCRATCH/tz2.json" init
expect_error 2 'TZ is "Bogus/Zone", which is not a time zone'
[ ! -e "$SCRATCH/tz2.json" ] && ok || bad "init with a bogus TZ made a file"
# A wrong SHOWUP_NOW is named as such (the person may not know it is set), and --now wins.
SHOWUP_NOW=garbage with_unchanged_file list
expect_error 2 'SHOWUP_NOW: "garbage" is not a date and time'
SHOWUP_NOW=garbage run --now "2026-11-25T12:00Z" list
expect_rc 0 "--now over a wrong SHOWUP_NOW"
finish
