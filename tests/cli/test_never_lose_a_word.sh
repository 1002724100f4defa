#!/usr/bin/env bash
# "Never lose a word": each defect of that issue, and the commands that correct mistakes.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00" # a Wednesday

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every mon,fri --at 10:00 --from 2026-11-02
expect_rc 0 "schedule add"

# 1. Numbers in dates and times are digits only; nothing typed can make the file unreadable.
for bad in "-1:30" "+1:30" "1:-5" "10:+5"; do
  with_unchanged_file schedule add --every mon --at "$bad"
  expect_error 2 "\"$bad\" is not a time"
done
with_unchanged_file add "2026-11-26 -1:30"
expect_rc 2 "add with a negative hour"
for bad in "+-3d" "--3d" "+ 3d" "-+1w"; do
  with_unchanged_file add "$bad 10:00"
  expect_rc 2 "add $bad"
done
with_unchanged_file --now 9999-12-31T12:00 add "tomorrow 10:00"
expect_error 2 "outside the years 1900 to 2200"
with_unchanged_file --now 0000-01-01T12:00 list
expect_error 2 "outside the years 1900 to 2200"
with_unchanged_file away add 2026-12-01 9999-12-31
expect_error 2 "outside the years 1900 to 2200"
run list
expect_rc 0 "the file still loads"

# 2. Re-recording an outcome keeps the words and names what it replaced.
run skip 2026-11-23 --reason "too scary right now"
expect_out 'skipped: Mon 23 Nov 10:00 with Dr. Okafor (s1@2026-11-23), "too scary right now"'
run skip 2026-11-23 --no-show
expect_out '"too scary right now"' "the reason is kept when the outcome stays"
expect_out "without notice"
run attend 2026-11-23 --json
expect_json 'd["status"] == "attended" and d["replaced"]["status"] == "skipped" and d["replaced"]["reason"] == "too scary right now" and d["replaced"]["no_show"] == True'
run attend 2026-11-20 --late 30 --note "wrong time in my calendar"
run attend 2026-11-20
expect_out "30 min late" "lateness is kept when attend does not restate it"
run skip 2026-11-20
expect_out '(was attended, 30 min late)'
run show 2026-11-20 --json
expect_json 'd["note"] == "wrong time in my calendar" and d["status"] == "skipped"'
run skip 2026-11-16 --reason "flu"
run reschedule 2026-11-16 --to "2026-11-17 10:00"
expect_out '(was skipped: "flu")' "a move names the skip it replaces"
run undo
run undo

# 3. `next` is the next session with nothing recorded; `last` the latest that started.
run skip next --reason "exam"
expect_out "(s1@2026-11-27)"
run skip next
expect_out "(s1@2026-11-30)" "a second skip next is the session after"
run reschedule next --to "thu 18:00" --json
expect_json 'd["rescheduled_from"] == "s1@2026-12-04"'
run show s1@2026-11-27 --json
expect_json 'd["status"] == "skipped" and d["reason"] == "exam"'
run undo
run undo
run undo

# 4. A time alone keeps the session's day.
run reschedule s1@2026-12-04 --to 18:00 --json
expect_json 'd["start"] == "2026-12-04T18:00:00+01:00"'
run undo

# 5. Ending an ended schedule later is refused and says when it ended.
run schedule end s1 --on 2026-12-31
with_unchanged_file schedule end s1 --on 2027-06-30
expect_error 1 "ended on 2026-12-31 already"
run undo

# 6. A session placed inside an absence happens, and the command says so.
run away add 2026-12-07 2026-12-20 --reason vacation
run add "2026-12-09 15:00" --note "phone session"
expect_out "it falls inside Dr. Okafor's absence a1"
run list --json --from 2026-12-09 --to 2026-12-09
expect_json '[s["status"] for s in d["sessions"]] == ["scheduled"]'
run reschedule 2026-12-04 --to "2026-12-10 09:00"
expect_out "it falls inside Dr. Okafor's absence a1"
run show 2026-12-10 --json
expect_json 'd["status"] == "scheduled" and d["absence"]["id"] == "a1"'
run undo
run undo

# 7. An absence over recorded outcomes names them; overlapping absences are refused.
run away add 2026-11-16 2026-11-22
expect_out "inside it keep what was recorded"
expect_out "showup unlog --from 2026-11-16 --to 2026-11-22"
with_unchanged_file away add 2026-12-20 2026-12-24
expect_error 1 "overlaps absence a1"
run undo

# 8. A future session cannot be attended; skip ahead of time can.
with_unchanged_file attend s1@2026-12-04
expect_error 1 "has not started yet"

# 9. Streak wording states facts.
export SHOWUP_FILE=$SCRATCH/fresh.json
run init --timezone Europe/Berlin
run streak
expect_out "no sessions attended yet"
expect_no_out "skipped"
run provider add "Dr. Okafor"
run schedule add --every mon --at 10:00 --from 2026-11-02
run cancel 2026-11-02
run streak
expect_out "no sessions attended yet"
run attend 2026-11-09
run skip 2026-11-16
run streak
expect_out "the run ended on Mon 16 Nov, when you skipped"
export SHOWUP_FILE=$SCRATCH/showup.json

# 10. Undo puts a removed record back at its place.
run away add 2027-02-01 2027-02-05
run away add 2027-03-01 2027-03-05
cp "$SHOWUP_FILE" "$SCRATCH/before-remove"
run away remove a2
run undo
cmp -s "$SHOWUP_FILE" "$SCRATCH/before-remove" && ok || bad "away remove; undo is not byte-identical"

# 11. Failed writes of the output are errors.
if [ -w /dev/full ]; then
  run export --format json >/dev/full
  "$SHOWUP" export --format json >/dev/full 2>"$ERR"
  RC=$?
  expect_rc 1 "export to /dev/full"
  expect_err "showup: cannot write the output"
fi

# 12. A read-only file is refused for writing, an empty one says what to do, a symlink stays.
chmod 400 "$SHOWUP_FILE"
with_unchanged_file add "2027-01-05 10:00"
expect_error 1 "is read-only"
run list
expect_rc 0 "a read-only file can be read"
chmod 600 "$SHOWUP_FILE"
: >"$SCRATCH/empty.json"
run --file "$SCRATCH/empty.json" list
expect_error 1 "is empty (0 bytes)"
mkdir -p "$SCRATCH/real"
cp "$SHOWUP_FILE" "$SCRATCH/real/data.json"
ln -s real/data.json "$SCRATCH/link.json"
run --file "$SCRATCH/link.json" add "2027-01-05 10:00"
expect_rc 0 "add through a symlink"
[ -L "$SCRATCH/link.json" ] && ok || bad "the symlink was replaced by a file"
grep -q '"2027-01-05T10:00"' "$SCRATCH/real/data.json" && ok || bad "the target did not get the change"

# The commands that correct mistakes.
run show 2026-11-20
expect_out "wrong time in my calendar"
expect_out "skipped"
run edit 2026-11-20 --note "I had the wrong time"
expect_out 'note "wrong time in my calendar" -> "I had the wrong time"'
with_unchanged_file edit 2026-11-20 --late 10
expect_error 1 "lateness goes with an attended session"
run edit 2026-11-20 --no-show
expect_out "now without notice"
run unlog 2026-11-20
expect_out "now unlogged (was skipped without notice)"
run show 2026-11-20 --json
expect_json 'd["status"] == "unlogged" and d["note"] == "I had the wrong time"'
run skip 2026-11-27 --reason "exam"
run unlog --from 2026-11-01 --to 2026-11-30 --json
expect_json '[(s["id"], s["status"], s["replaced"]["status"]) for s in d["sessions"]] == [("s1@2026-11-23", "unlogged", "attended"), ("s1@2026-11-27", "scheduled", "skipped")]'
run add "2026-12-02 08:00"
run remove "2026-12-02 08:00"
expect_rc 0 "remove a one-off"
with_unchanged_file remove s1@2026-12-04
expect_error 1 "is a session of schedule s1"
run reschedule s1@2026-12-04 --to "2026-12-03 10:00"
run remove 2026-12-03
expect_out "the move is taken back"
run show s1@2026-12-04 --json
expect_json 'd["status"] == "scheduled" and d["rescheduled_to"] is None'
run provider rename okafor "Dr. Okafor-Reyes"
expect_out 'renamed provider okafor: "Dr. Okafor-Reyes" (was "Dr. Okafor")'
with_unchanged_file provider remove okafor
expect_error 1 "is still used by"
run provider add "Dr. Typo" --id typo
run provider remove typo
expect_out "removed provider typo"
run skip 2026-11-30
with_unchanged_file schedule remove s1
expect_error 1 "add --with-records"
run schedule remove s1 --with-records
expect_out "removed schedule s1"
run undo
run away edit a1 --to 2026-12-22 --reason "long vacation"
expect_out "(was Mon 7 Dec – Sun 20 Dec \"vacation\")"
# Found by trying to break the above.
export SHOWUP_FILE=$SCRATCH/more.json
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every tue,fri --at 17:30 --from 2026-11-03
# A session placed in one absence is taken out by a later, other absence.
run away add 2026-12-21 2027-01-03
run add "2026-12-23 10:00" --json
expect_json 'd["status"] == "scheduled" and d["absence"]["id"] == "a1" and d["overrides_absence"] == True'
run away remove a1
run away add 2026-12-21 2027-01-03 --reason sick
expect_no_out "inside it keep" "a session with nothing recorded is not named as kept"
run list --json --from 2026-12-23 --to 2026-12-23
expect_json '[s["status"] for s in d["sessions"]] == ["away"]'
# Taking a move back says what the slot is now.
run attend 2026-11-13 --late 10
run reschedule 2026-11-13 --to "2026-11-14 10:00"
expect_out '(was attended, 10 min late)'
run remove 2026-11-14
expect_out "s1@2026-11-13 is in its slot again, unlogged"
# An output that fails after a save says the change was saved.
if [ -w /dev/full ]; then
  "$SHOWUP" skip next --reason exam >/dev/full 2>"$ERR"
  RC=$?
  expect_rc 1 "a skip whose output failed"
  expect_err "the change itself was saved; 'showup undo' takes it back"
  run undo
fi
# Daylight saving: a session lasts its duration across the change.
run add "2027-03-28 01:30" --json
expect_json 'd["start"] == "2027-03-28T01:30:00+01:00" and d["end"] == "2027-03-28T03:20:00+02:00"'
run add "2026-10-25 02:30" --json
expect_json 'd["start"] == "2026-10-25T02:30:00+02:00" and d["end"] == "2026-10-25T02:20:00+01:00"'
# --now with Z or an offset and no seconds.
run --now 2026-11-25T11:00Z next
expect_rc 0 "--now with Z and no seconds"
run --now 2026-11-25T12:00+01:00 next
expect_rc 0 "--now with an offset and no seconds"
# A note replaced by recording again is named.
run attend 2026-11-17 --note "bus late"
run attend 2026-11-17 --note "new"
expect_out '(its note was "bus late")'
# Ending a schedule earlier names what was recorded after the new end; unlog takes it off,
# and the session, there only for its record, goes (it once crashed saying so).
run skip 2026-12-04 --reason exam
run schedule end s1 --on 2026-11-30
expect_out "what was recorded after that day stays: s1@2026-12-04 skipped"
run unlog s1@2026-12-04
expect_out "unlogged: Fri 4 Dec 17:30 (s1@2026-12-04), now gone, after its schedule's end (was skipped"
run undo
run --json unlog s1@2026-12-04
expect_json 'd["sessions"][0]["id"] == "s1@2026-12-04" and "status" not in d["sessions"][0] and d["sessions"][0]["replaced"]["status"] == "skipped"'
run undo
run undo
# An edit that leaves an occurrence's record nothing to say drops it, and says only what it
# changed (it once named the provider of the record after it, which took its place).
run provider add "Dr. Second" --id second
run schedule add --every tue --at 08:00 --from 2027-01-05 --until 2027-01-05 --provider okafor
run add "2027-01-06 09:00" --provider second
run edit "2027-01-05 08:00" --note "bring the form"
run edit "2027-01-05 08:00" --note ""
expect_out 'note "bring the form" -> none'
expect_no_out "Dr. Second"
# A date and time unquoted name one session, as `add` takes them; in unlog's list a time goes
# with the date before it.
run --now 2027-01-07T12:00 attend 2027-01-05 08:00
expect_out "attended: Tue 5 Jan 08:00"
run --now 2027-01-07T12:00 attend 2027-01-06 9am --late 5
expect_out "attended: Wed 6 Jan 09:00"
run --now 2027-01-07T12:00 unlog 2027-01-05 08:00 2027-01-06 9am --json
expect_json '[s["replaced"]["status"] for s in d["sessions"]] == ["attended", "attended"]'
# Only a date and a time: another word is not expected (and not taken into the session), and
# --told takes its date and time too.
with_unchanged_file edit "2027-01-05" 08:00 --note hi there
expect_error 2 "not expected: there"
run --now 2027-01-04T12:00 cancel 2027-01-05 08:00 --by me --told yesterday 17:30 --json
expect_json 'd["id"] == "s2@2027-01-05" and d["told"] == "2027-01-03T16:30:00Z"'
with_unchanged_file --now 2027-01-04T12:00 cancel --by me --told yesterday 17:30 2027-01-05
expect_error 2 '"2027-01-05" is not part of --told yesterday 17:30: give the session before --told'
# An id is looked for before a date, also when the file is read as a window of days: a one-off
# whose id (set by hand) reads as a date is the session it names.
run add "2027-01-20 07:00" --note "named by hand" --provider okafor
sed -i 's/"id":"o\([0-9]*\)","start":"2027-01-20T07:00"/"id":"2027-06-01","start":"2027-01-20T07:00"/' "$SHOWUP_FILE"
grep -q '"id":"2027-06-01"' "$SHOWUP_FILE" && ok || bad "the id was not set by hand"
run show 2027-06-01
expect_out "named by hand" "read whole:"
run skip 2027-01-20 --reason "seals the file"
run undo
run show 2027-06-01
expect_out "named by hand" "read as a window:"
# A dangling symlink says so.
ln -s "$SCRATCH/nowhere.json" "$SCRATCH/dangling.json"
run --file "$SCRATCH/dangling.json" list
expect_error 1 "is a symlink to $SCRATCH/nowhere.json, which does not exist"
# An unknown command is named, whatever follows it.
run journal add "2026-11-26 10:00"
expect_error 2 '"journal" is not a showup command'
# Undo of a name with control characters does not reach the terminal raw.
run provider add $'Dr \e]0;PWNED\a\e[31mRed' --id evil
run undo
expect_no_out $'\e'
finish
