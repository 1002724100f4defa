#!/usr/bin/env bash
# Two copies of one file changed apart (a laptop and a phone, a sync tool's conflicted copy),
# merged back: changes from both sides, a conflict won by the later change, a one-off renumbered;
# one undoable change; --dry-run writes nothing; a bad other copy changes nothing.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-26 12:00" # a Thursday
OTHER="$SCRATCH/showup (conflicted copy).json"

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every tue,fri --at 10:00 --from 2026-11-03
run attend --through 2026-11-13
cp "$SHOWUP_FILE" "$OTHER"

# This copy: Tue 17 Nov attended, a one-off on Sat 28 Nov, a call.
SHOWUP_NOW="2026-11-26 12:00" run attend 2026-11-17 --note "on time"
SHOWUP_NOW="2026-11-26 12:01" run add "2026-11-28 09:00" --note "extra"
SHOWUP_NOW="2026-11-26 12:02" run contact add "2026-11-25 18:00" --note "about the bill"
# The other copy, later: Tue 17 Nov skipped, Fri 20 Nov attended, a one-off (o1 too) on Sun.
SHOWUP_NOW="2026-11-26 13:00" run --file "$OTHER" skip 2026-11-17 --reason "ill"
SHOWUP_NOW="2026-11-26 13:01" run --file "$OTHER" attend 2026-11-20 --note "good one"
SHOWUP_NOW="2026-11-26 13:02" run --file "$OTHER" add "2026-11-29 09:00" --note "sunday"
expect_rc 0
grep -q '"changed_at":"2026-11-26T11:02:00Z"' "$SHOWUP_FILE" && ok || bad "a change is stamped with its time (UTC)"

with_unchanged_file merge "$OTHER" --dry-run
expect_rc 0
expect_out "would merge"
expect_out "dry run: nothing written"
with_unchanged_file merge "$OTHER" --dry-run --json
expect_json 'd["dry_run"] and len(d["conflicts"]) == 1'

cp "$SHOWUP_FILE" "$SCRATCH/before-merge"
run merge "$OTHER" --json
expect_rc 0
expect_json '{"collection": "sessions", "id": "s1@2026-11-20"} in d["added"]'
expect_json '[(c["collection"], c["id"], c["ours"]["outcome"], c["theirs"]["outcome"], c["kept"]) for c in d["conflicts"]] == [
  ("sessions", "s1@2026-11-17", "attended", "skipped", "theirs")]'
expect_json 'd["renumbered"] == [{"collection": "sessions", "from": "o1", "to": "o2"}]'
expect_json '{"collection": "sessions", "id": "o2"} in d["added"] and d["updated"] == []'
run list --from 2026-11-17 --to 2026-11-29 --json
# The conflict's outcome is the later one; the words of both copies stay (a note, a reason).
expect_json '[(s["id"], s["status"], s["note"], s["reason"]) for s in d["sessions"] if s["note"] or s["reason"]] == [
  ("s1@2026-11-17", "skipped", "on time", "ill"), ("s1@2026-11-20", "attended", "good one", None),
  ("o1", "scheduled", "extra", None), ("o2", "scheduled", "sunday", None)]'
run contact list --json
expect_json '[c["note"] for c in d["contacts"]] == ["about the bill"]'

# Merging again, and merging the file with itself: nothing to do.
with_unchanged_file merge "$OTHER"
expect_rc 0
expect_out "nothing to merge"
cp "$SHOWUP_FILE" "$SCRATCH/self.json"
with_unchanged_file merge "$SCRATCH/self.json"
expect_out "nothing to merge"

# One undoable change, undone byte for byte.
run undo
expect_rc 0
cmp -s "$SHOWUP_FILE" "$SCRATCH/before-merge" && ok || bad "undo restores the file before the merge"

# The text: what was added, the conflict and who won, the renumbering.
run merge "$OTHER"
expect_rc 0
expect_out "merged $OTHER: 2 added, 0 updated, 1 conflict, 1 renumbered"
expect_out "conflict in sessions s1@2026-11-17: ours had outcome \"attended\""
expect_out "kept theirs: theirs was changed later"
expect_out "renumbered: sessions o1 of $OTHER is o2 here"
run undo

# A bad other copy: refused with the store's message, this file unchanged.
printf '{"version": 2, "timezone": "Europe/Berlin", "providers": [' >"$SCRATCH/broken.json"
with_unchanged_file merge "$SCRATCH/broken.json"
expect_error 1 "broken.json"
with_unchanged_file merge "$SCRATCH/missing.json"
expect_error 1 "missing.json: no such file"
sed 's|Europe/Berlin|America/New_York|' "$OTHER" >"$SCRATCH/elsewhere.json"
with_unchanged_file merge "$SCRATCH/elsewhere.json"
expect_error 1 "its time zone is America/New_York, this file's is Europe/Berlin"
with_unchanged_file merge
expect_rc 2

# Two overlapping absences, one from each side: refused naming them, nothing written.
cp "$SHOWUP_FILE" "$OTHER"
run away add 2026-12-01 2026-12-10 --provider okafor
run --file "$OTHER" away add 2026-12-24 2026-12-31 --provider okafor
run --file "$OTHER" away add 2026-12-05 2026-12-20 --provider okafor
with_unchanged_file merge "$OTHER"
expect_error 1 "merging it would make the file invalid (absences"
expect_err "nothing was written"

# Not a showup file, a folder: refused, nothing written.
printf '{"name": "something else"}' >"$SCRATCH/other-app.json"
with_unchanged_file merge "$SCRATCH/other-app.json"
expect_error 1 "other-app.json"
with_unchanged_file merge "$SCRATCH"
expect_error 1 "not a regular file"

# A session removed on one copy and given a note on the other comes back with the note (a
# removal is not merged: nothing written on either copy is lost); so does an absence removed.
cp "$SHOWUP_FILE" "$OTHER"
run add "2026-12-02 09:00" --note "one-off"
cp "$SHOWUP_FILE" "$OTHER"
SHOWUP_NOW="2026-11-26 14:00" run remove 2026-12-02
SHOWUP_NOW="2026-11-26 14:05" run --file "$OTHER" edit 2026-12-02 --note "bring the form"
run merge "$OTHER" --json
expect_rc 0
run show 2026-12-02 --json
expect_json 'd["note"] == "bring the form"'
run undo

# A file of version 1 (an older showup's) merges, both ways; it is upgraded when written, and
# undo brings its bytes back.
# (The fuzz seed, once through showup: its records as showup writes them, still version 1.)
V1="$SCRATCH/v1-original.json"
cp "$(dirname "$0")/../../fuzz/corpus/load/small.json" "$V1"
chmod 600 "$V1"
run --file "$V1" edit o1 --note "x"
run --file "$V1" undo
grep -q '"version": 1' "$V1" && ok || bad "undo keeps the file at version 1"
cp "$V1" "$SCRATCH/v1.json"
cp "$V1" "$SCRATCH/v1-other.json"
SHOWUP_NOW="2026-11-26 15:00" run --file "$SCRATCH/v1-other.json" edit o1 --reason "from the phone"
run --file "$SCRATCH/v1.json" merge "$SCRATCH/v1-other.json" --dry-run
cmp -s "$SCRATCH/v1.json" "$V1" && ok || bad "a dry run writes nothing"
run --file "$SCRATCH/v1.json" merge "$SCRATCH/v1-other.json" --json
expect_rc 0
expect_json 'd["conflicts"] == [] and d["updated"] == [{"collection": "sessions", "id": "o1"}]'
run --file "$SCRATCH/v1.json" show o1 --json
expect_json 'd["reason"] == "from the phone" and d["no_show"] and d["status"] == "skipped"'
grep -q '"version": 2' "$SCRATCH/v1.json" && ok || bad "the merged file is upgraded"
run --file "$SCRATCH/v1.json" undo
cmp -s "$SCRATCH/v1.json" "$V1" && ok || bad "undo restores the version-1 file"
cp "$V1" "$SCRATCH/v1.json"
run --file "$SCRATCH/v1-other.json" merge "$SCRATCH/v1.json"
expect_rc 0
expect_out "nothing to merge"

run merge --help
expect_out 'Example: showup merge "showup (conflicted copy).json" --dry-run'
finish
