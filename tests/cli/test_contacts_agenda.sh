#!/usr/bin/env bash
# contact, agenda and notes: contacts never count as sessions, attending files the open agenda
# and taking the outcome off opens it again, every change is undone byte for byte, and notes
# gives every word back in time order and in full.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00" # a Wednesday; Berlin is at +01:00 in November

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
# Mondays and Fridays at 10:00 from 2 Nov: 2, 6, 9, 13, 16, 20, 23, 27 Nov; 30 Nov, 4 Dec ...
run schedule add --every mon,fri --at 10:00 --from 2026-11-02
run attend --through 2026-11-20
run edit 2026-11-20 --note "talked about sleep"
run skip 2026-11-23 --reason "too tired"

# restored BEFORE WHAT: the data file is BEFORE byte for byte; or, when BEFORE's undo history
# was full (20 changes), the change forgot its oldest entry and the rest is as it was.
restored() {
  cmp -s "$SHOWUP_FILE" "$1" && { ok; return; }
  python3 - "$1" "$SHOWUP_FILE" <<'PY' && ok || bad "$2 did not restore the file"
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:])
full = len(before["history"]) == 20
before["history"] = before["history"][1:]
sys.exit(0 if full and before == after else 1)
PY
}

# change_undone ARGS...: runs a change that must succeed, then undo, which must give back the
# file as it was; then runs the change again, to keep it.
change_undone() {
  cp "$SHOWUP_FILE" "$SCRATCH/undo-before"
  run "$@"
  expect_rc 0 "$*:"
  cmp -s "$SHOWUP_FILE" "$SCRATCH/undo-before" && bad "$* changed nothing" || ok
  run undo
  expect_rc 0 "undo of $*:"
  restored "$SCRATCH/undo-before" "undo of $*"
  run "$@"
}

# --- Contacts ---------------------------------------------------------------------------------
run streak --json
cp "$OUT" "$SCRATCH/streak-before"
run gaps --from 2026-11-01 --to 2026-12-31 --json
cp "$OUT" "$SCRATCH/gaps-before"
run summary --json
cp "$OUT" "$SCRATCH/summary-before"

change_undone contact add yesterday 18:00 --minutes 10 --note "she moved Friday"
expect_out 'added c1: Tue 24 Nov 18:00 call with Dr. Okafor, 10 min: "she moved Friday"'
run undo
change_undone contact add yesterday 18:00 --minutes 10 --note "she moved Friday" --json
expect_json 'd == {"id": "c1", "at": "2026-11-24T18:00:00+01:00", "provider": "okafor",
  "kind": "call", "minutes": 10, "note": "she moved Friday"}'
# WHEN defaults to now; a date alone means noon, today before noon now.
run contact add --kind email --note "sent the insurance form" --json
expect_json 'd["id"] == "c2" and d["at"] == "2026-11-25T12:00:00+01:00" and d["minutes"] is None'
run contact add 2026-11-20 --kind message --note $'running late\nsorry'
expect_out 'added c3: Fri 20 Nov 12:00 message with Dr. Okafor: "running late\nsorry"'
SHOWUP_NOW="2026-11-25 09:30" run contact add today
expect_out "added c4: Wed 25 Nov 09:30 call with Dr. Okafor"

# In time order, not in the order they were added.
run contact list --json
expect_json '[(c["id"], c["at"], c["kind"]) for c in d["contacts"]] == [
  ("c3", "2026-11-20T12:00:00+01:00", "message"), ("c1", "2026-11-24T18:00:00+01:00", "call"),
  ("c4", "2026-11-25T09:30:00+01:00", "call"), ("c2", "2026-11-25T12:00:00+01:00", "email")]'
expect_json 'has(d["contacts"][3], {"provider": "okafor", "minutes": None, "note": "sent the insurance form"})'
expect_json 'd["contacts"][2]["note"] is None'
run contact list --from 2026-11-24 --to 2026-11-24 --json
expect_json '[c["id"] for c in d["contacts"]] == ["c1"]'
run contact list --from 2026-11-25 --json
expect_json '[c["id"] for c in d["contacts"]] == ["c4", "c2"]'
run contact list
expect_out "ID  WHEN              PROVIDER    KIND     MIN  NOTE"
expect_out "c1  Tue 24 Nov 18:00  Dr. Okafor  call     10   she moved Friday"
expect_out "c4  Wed 25 Nov 09:30  Dr. Okafor  call     -"
expect_out 'c3  Fri 20 Nov 12:00  Dr. Okafor  message  -    running late\nsorry'
run contact list --from 2027-01-01
expect_out "no contacts there"

# Contacts are never sessions: streaks, gaps and summaries are as they were.
run streak --json
cmp -s "$OUT" "$SCRATCH/streak-before" && ok || bad "a contact changed the streak"
expect_json 'd["current"]["sessions"] == 0 and d["longest"]["sessions"] == 6'
run gaps --from 2026-11-01 --to 2026-12-31 --json
cmp -s "$OUT" "$SCRATCH/gaps-before" && ok || bad "a contact changed the gaps"
run summary --json
# ... but for the count of contacts, which summary gives beside the sessions'.
python3 - "$OUT" "$SCRATCH/summary-before" <<'PY' && ok || bad "a contact changed the summary"
import json, sys
def strip(d):
    d.pop("contacts", None)
    for row in d.get("rows", []):
        row.pop("contacts", None)
    return d
after, before = (strip(json.load(open(p))) for p in sys.argv[1:])
sys.exit(0 if after == before else 1)
PY
expect_json 'd["contacts"] >= 1'

change_undone contact edit 1 --minutes 20 --note "about the dose"
expect_out 'changed c1: Tue 24 Nov 18:00 call with Dr. Okafor, 20 min: "about the dose" (was Tue 24 Nov 18:00 call with Dr. Okafor, 10 min: "she moved Friday")'
change_undone contact edit c4 --at "yesterday 9am" --kind message --json
expect_json 'd["at"] == "2026-11-24T09:00:00+01:00" and d["kind"] == "message"'
expect_json 'd["was"]["at"] == "2026-11-25T09:30:00+01:00" and d["was"]["kind"] == "call"'
change_undone contact edit c1 --minutes none
expect_out 'changed c1: Tue 24 Nov 18:00 call with Dr. Okafor: "about the dose"'
change_undone contact remove c4
expect_out "removed c4: Tue 24 Nov 09:00 message with Dr. Okafor"
run contact list --json
expect_json '[c["id"] for c in d["contacts"]] == ["c3", "c1", "c2"]'
# An id is never handed out twice.
run contact add yesterday 8:00 --json
expect_json 'd["id"] == "c5"'
run contact remove 5 --json
expect_json 'd == {"removed": "c5"}'

# Refused, leaving the file as it was: one line, exit 2 for what cannot make sense, else 1.
refused() {
  local code=$1 text=$2
  shift 2
  with_unchanged_file "$@"
  expect_error "$code" "$text"
}
refused 2 '"fax" is not one of call|message|email' contact add yesterday --kind fax
refused 2 '--minutes: "abc" is not a whole number from 0 to' contact add yesterday --minutes abc
refused 2 'outside the years 1900 to 2200' contact add 1899-01-01
refused 2 "--minutes" contact add yesterday --minutes 1441
refused 2 "--minutes" contact add yesterday --minutes -5
refused 1 "2026-11-26 12:00 is still to come" contact add thu
refused 1 "is still to come" contact add tomorrow 9am
refused 2 '"called about the bill" is not a date' contact add "called about the bill"
refused 2 '2026-02-30' contact add 2026-02-30 10:00
refused 1 'no provider "nobody"' contact add yesterday --provider nobody
refused 1 'no contact "c9"' contact remove c9
refused 1 'no contact "c9"' contact edit c9 --note x
refused 2 "say what to change" contact edit c1
refused 2 '--minutes "lots"' contact edit c1 --minutes lots
refused 1 "contact c1 is like that already" contact edit c1 --note "about the dose"
refused 1 "is still to come" contact edit c1 --at "2026-11-30 10:00"
refused 2 "is before --from" contact list --from 2026-12-01 --to 2026-11-01
refused 2 "contact" contact

# --- Agenda -----------------------------------------------------------------------------------
change_undone agenda add ask about the dose
expect_out 'added t1: "ask about the dose"; the next session you attend takes it (1 topic open)'
change_undone agenda add "the exam" --json
expect_json 'd == {"id": "t2", "text": "the exam", "added": "2026-11-25T11:00:00Z", "session": None,
  "done": None, "status": "open"}'
run agenda add "an old worry"
change_undone agenda done 3
expect_out 'done t3: "an old worry"'
run agenda list
expect_out "t1  Wed 25 Nov  ask about the dose"
expect_out "t2  Wed 25 Nov  the exam"
expect_no_out "t3"
run agenda list --json
expect_json '[t["id"] for t in d["agenda"]] == ["t1", "t2"]'
run agenda list --all --json
expect_json 'has(d["agenda"][2], {"id": "t3", "status": "done", "done": "2026-11-25T11:00:00Z", "session": None})'
run agenda list --all
expect_out "t3  Wed 25 Nov  done Wed 25 Nov  an old worry"

# Attending Fri 27 Nov (10:00-10:50) files the open topics added before it ended.
export SHOWUP_NOW="2026-11-27 12:00"
change_undone attend 2026-11-27
expect_out "attended: Fri 27 Nov 10:00 with Dr. Okafor (s1@2026-11-27); 2 topics from the agenda filed under it"
run agenda list --all --json
expect_json '[(t["id"], t["status"], t["session"]) for t in d["agenda"]] == [
  ("t1", "filed", "s1@2026-11-27"), ("t2", "filed", "s1@2026-11-27"), ("t3", "done", None)]'
run agenda list --all
expect_out "t1  Wed 25 Nov  filed under s1@2026-11-27 (Fri 27 Nov 10:00 with Dr. Okafor)  ask about the dose"
run agenda list
expect_out "no open topics (--all shows those filed under a session or done)"
refused 1 "topic t1 was filed under session s1@2026-11-27 already" agenda done t1
refused 1 "topic t3 is done already" agenda done t3
refused 1 'no topic "t9"' agenda done t9
refused 1 'no topic "t9"' agenda remove 9
refused 2 "the topic is empty" agenda add "  "
refused 2 "TEXT is required" agenda add

# A topic added after the session ended waits for the next one.
run agenda add "after Friday"
run agenda list --json
expect_json '[t["id"] for t in d["agenda"]] == ["t4"]'

# Taking the outcome off opens its topics again; undo files them again.
cp "$SHOWUP_FILE" "$SCRATCH/before-unlog"
run unlog s1@2026-11-27
expect_rc 0 "unlog:"
run agenda list --json
expect_json '[t["id"] for t in d["agenda"]] == ["t1", "t2", "t4"]'
run undo
restored "$SCRATCH/before-unlog" "undo of unlog"
run agenda list --all --json
expect_json '[t["status"] for t in d["agenda"]] == ["filed", "filed", "done", "open"]'
# So does a skip recorded in its place.
run skip s1@2026-11-27 --reason "overslept"
run agenda list --json
expect_json '[t["id"] for t in d["agenda"]] == ["t1", "t2", "t4"]'
run undo

change_undone agenda remove t1
expect_out 'removed t1 "ask about the dose" (added Wed 25 Nov, filed under s1@2026-11-27 (Fri 27 Nov 10:00 with Dr. Okafor))'
run agenda list --all --json
expect_json '[t["id"] for t in d["agenda"]] == ["t2", "t3", "t4"]'
run undo # t1 is back, filed

# --- Notes ------------------------------------------------------------------------------------
run away add 2026-12-07 2026-12-20 --reason vacation
run away add 2026-11-30 2026-12-01 --me --reason "exam week"
run provider add "DBT group" --id group
run contact add "2026-11-26 17:00" --provider group --kind email --note "new room: B2"

run notes --json
expect_json '[(n["kind"], n["id"]) for n in d["notes"]] == [
  ("note", "s1@2026-11-20"), ("contact", "c3"), ("reason", "s1@2026-11-23"),
  ("contact", "c1"), ("contact", "c2"), ("topic", "t1"), ("topic", "t2"), ("topic", "t3"),
  ("contact", "c6"), ("topic", "t4"), ("absence", "a2"), ("absence", "a1")]'
expect_json 'd["notes"][0] == {"at": "2026-11-20T10:00:00+01:00", "kind": "note", "id": "s1@2026-11-20",
  "text": "talked about sleep", "session": "s1@2026-11-20", "provider": "okafor", "status": "attended",
  "contact_kind": None}'
expect_json 'has(d["notes"][1], {"at": "2026-11-20T12:00:00+01:00", "text": "running late\nsorry",
  "session": None, "provider": "okafor", "status": None, "contact_kind": "message"})'
expect_json 'has(d["notes"][2], {"text": "too tired", "status": "skipped"})'
expect_json 'has(d["notes"][5], {"at": "2026-11-25T12:00:00+01:00", "text": "ask about the dose",
  "session": "s1@2026-11-27", "provider": "okafor", "status": "filed"})'
expect_json 'has(d["notes"][7], {"status": "done", "session": None, "provider": None})'
expect_json 'has(d["notes"][10], {"at": "2026-11-30T00:00:00+01:00", "text": "exam week", "provider": None})'
expect_json 'has(d["notes"][11], {"at": "2026-12-07T00:00:00+01:00", "text": "vacation", "provider": "okafor"})'
run notes
expect_out "Fri 20 Nov 10:00  note of attended session s1@2026-11-20 with Dr. Okafor"
expect_out "  talked about sleep"
expect_out "Fri 20 Nov 12:00  message with Dr. Okafor (c3)"
expect_out "Mon 23 Nov 10:00  reason of skipped session s1@2026-11-23 with Dr. Okafor"
expect_out "Wed 25 Nov 12:00  topic t1, filed under s1@2026-11-27 (Fri 27 Nov 10:00 with Dr. Okafor)"
expect_out "Wed 25 Nov 12:00  topic t3, done Wed 25 Nov"
expect_out "Fri 27 Nov 12:00  topic t4, open"
expect_out "Mon 30 Nov – Tue 1 Dec  reason of your time away a2"
expect_out "Mon 7 Dec – Sun 20 Dec  reason of Dr. Okafor's absence a1"
# A note of several lines comes back line by line.
grep -qxF "  running late" "$OUT" && grep -qxF "  sorry" "$OUT" && ok || bad "a note of two lines"
# --grep: any case, the text only.
run notes --grep EXAM --json
expect_json '[n["id"] for n in d["notes"]] == ["t2", "a2"]'
run notes --grep "nothing like this"
expect_out 'nothing written there has "nothing like this" in it'
run notes --from 2026-11-24 --to 2026-11-25 --json
expect_json '[n["id"] for n in d["notes"]] == ["c1", "c2", "t1", "t2", "t3"]'
# An absence counts when it overlaps the window.
run notes --from 2026-12-10 --json
expect_json '[n["id"] for n in d["notes"]] == ["a1"]'
run notes --provider group --json
expect_json '[n["id"] for n in d["notes"]] == ["c6"]'
# In full: a long note is never cut, whatever the terminal's width.
long=$(printf 'word%.0s ' $(seq 1 80))
run edit 2026-11-23 --note "$long"
COLUMNS=40 run notes --grep word
expect_out "  $long"
refused 2 "is before --from" notes --from 2026-12-01 --to 2026-11-01
refused 2 "2026-02-30" notes --from 2026-02-30
refused 1 'no provider "nobody"' notes --provider nobody

# With no file, the read commands say so.
SHOWUP_FILE=$SCRATCH/none.json run notes
expect_rc 1 "notes without a file:"

finish
