#!/usr/bin/env bash
# A realistic story through the real binary: two years of a twice-weekly schedule.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00" # a Wednesday

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every tue,fri --at 17:30 --from 2024-11-26
expect_rc 0 "schedule add"
expect_out "added schedule s1: with Dr. Okafor every tue,fri at 17:30, from Tue 26 Nov 2024"

run attend --through yesterday
expect_out "attended: 209 sessions from Tue 26 Nov 2024 17:30 to Tue 24 Nov 17:30"
run list --json --from 2024-11-01 --to 2026-11-24 --status attended
expect_json 'len(d["sessions"]) == 209'

run attend s1@2026-11-24 --late 10 --note "bus was late"
expect_out "attended: Tue 24 Nov 17:30 with Dr. Okafor (s1@2026-11-24), 10 min late"
run add "thu 10am" --note "extra before the exam"
expect_out "added o1: Thu 26 Nov 10:00 with Dr. Okafor, 50 min"
run add thu 10:00
expect_error 1 "there is a session then already: o1"
run away add 2026-12-07 2026-12-20 --reason vacation
expect_out "added a1: Dr. Okafor away Mon 7 Dec – Sun 20 Dec (14 days, 4 sessions off) \"vacation\", back Mon 21 Dec"
run skip next --reason "exam week"
expect_out "skipped: Thu 26 Nov 10:00 with Dr. Okafor (o1)"
run reschedule 2026-12-04 --to "2026-12-05 10:00" --by provider --reason "training day"
expect_out "moved Fri 4 Dec 17:30 (s1@2026-12-04) to Sat 5 Dec 10:00 (o2), by the provider"
run cancel 2026-12-01 --reason "she is ill"
expect_out "cancelled: Tue 1 Dec 17:30"

run list --json --from 2026-11-24 --to 2026-12-22
expect_json '[(s["id"], s["status"]) for s in d["sessions"]] == [
  ("s1@2026-11-24", "attended"), ("o1", "skipped"), ("s1@2026-11-27", "scheduled"),
  ("s1@2026-12-01", "cancelled"), ("s1@2026-12-04", "rescheduled"), ("o2", "scheduled"),
  ("s1@2026-12-08", "away"), ("s1@2026-12-11", "away"), ("s1@2026-12-15", "away"),
  ("s1@2026-12-18", "away"), ("s1@2026-12-22", "scheduled")]'
expect_json 'has(d["sessions"][0], {"id": "s1@2026-11-24", "start": "2026-11-24T17:30:00+01:00",
  "end": "2026-11-24T18:20:00+01:00", "provider": "okafor", "status": "attended", "late_minutes": 10,
  "no_show": None, "note": "bus was late", "reason": None, "rescheduled_from": None,
  "rescheduled_to": None, "schedule": "s1"})'
expect_json 'd["sessions"][4]["rescheduled_to"] == "o2" and d["sessions"][5]["rescheduled_from"] == "s1@2026-12-04"'
expect_json 'd["sessions"][1]["reason"] == "exam week" and d["sessions"][1]["no_show"] == False'
expect_json 'd["sessions"][6]["reason"] == "vacation"'

# Moving the moved session again keeps the whole chain.
run reschedule o2 --to 2026-12-06
expect_out "to Sun 6 Dec 10:00 (o3)"
run list --json --from 2026-12-04 --to 2026-12-06
expect_json '[(s["id"], s["status"], s["rescheduled_from"], s["rescheduled_to"]) for s in d["sessions"]] == [
  ("s1@2026-12-04", "rescheduled", None, "o2"), ("o2", "rescheduled", "s1@2026-12-04", "o3"),
  ("o3", "scheduled", "o2", None)]'
run reschedule s1@2026-12-04 --to 2026-12-09
expect_error 1 "was moved to o2 already"
run attend 2026-12-04
expect_error 1 "s1@2026-12-04 was moved to o2; record it there"

# Replacing an outcome, and undo bringing the old one back.
run cancel o1
expect_out '(was skipped: "exam week")'
run undo
expect_out "undid: cancel Thu 26 Nov 10:00"
run list --json --from 2026-11-26 --to 2026-11-26
expect_json 'd["sessions"][0]["status"] == "skipped" and d["sessions"][0]["reason"] == "exam week"'

# Absences: list, remove, and what they take out.
run away list --json
expect_json 'has(d, {"absences": [{"id": "a1", "provider": "okafor", "from": "2026-12-07", "to": "2026-12-20",
  "reason": "vacation", "days": 14, "sessions_affected": 4}]})'
run away add 2025-08-01 2025-08-14
run away list --json
expect_json '[a["id"] for a in d["absences"]] == ["a1"]'
run away list --all --json
expect_json '[a["id"] for a in d["absences"]] == ["a2", "a1"] and d["absences"][0]["sessions_affected"] == 0'
run away remove a2
expect_out "removed a2"
run away remove a2
expect_error 1 'no absence "a2"'

# On a terminal the table fits its width, the details wrapped; piped, nothing is cut.
if command -v script >/dev/null; then
  COLUMNS=80 script -qec "'$SHOWUP' list --from 2026-11-20 --to 2026-12-10" /dev/null >"$OUT" 2>"$ERR"
  python3 - "$OUT" <<'PY' && ok || bad "a line of 'list' on an 80-column terminal is wider than 80"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\r", "")
lines = [re.sub(r"\x1b\[[0-9;]*m", "", l) for l in text.split("\n")]
assert max(len(l) for l in lines) <= 80, max(lines, key=len)
assert "note:extrabeforetheexam" in re.sub(r"\s", "", "".join(lines))
PY
else
  skip_missing bsdutils "a table on a terminal"
fi
run list --from 2026-11-20 --to 2026-12-10
expect_out 'moved to Sat 5 Dec 10:00 by provider, "training day"'

# Session arguments and the default session.
run attend
expect_error 1 "no unlogged session has started"
SHOWUP_NOW="2026-11-27 19:00" run attend
expect_out "attended: Fri 27 Nov 17:30 with Dr. Okafor (s1@2026-11-27)"
run undo
run provider add "DBT group" --id group --duration 90
run add 2026-11-27 09:00 --provider group
run skip 2026-11-27
expect_error 1 'several sessions match "Fri 27 Nov": o4 (Fri 27 Nov 09:00, scheduled), s1@2026-11-27'
run skip "2026-11-27 17:30" --no-show
expect_out "skipped: Fri 27 Nov 17:30 with Dr. Okafor (s1@2026-11-27), without notice"
run add tomorrow 11am
expect_error 2 "several providers (okafor, group); say which with --provider"
run list --provider group --json
expect_json '[s["id"] for s in d["sessions"]] == ["o4"]'

# Ending a schedule.
run schedule end s1 --on 2027-01-15
expect_out "schedule s1 ends on Fri 15 Jan 2027"
run list --json --from 2027-01-01 --to 2027-02-28 --provider okafor
expect_json '[s["start"][:10] for s in d["sessions"]] == ["2027-01-01", "2027-01-05", "2027-01-08", "2027-01-12", "2027-01-15"]'
run schedule list --json
expect_json 'd["schedules"][0]["until"] == "2027-01-15" and d["schedules"][0]["days"] == ["tue", "fri"]'

# Refused commands: exit 2 or 1, one line, the file unchanged.
refuse() {
  local code=$1 message=$2
  shift 2
  with_unchanged_file "$@"
  expect_error "$code" "$message"
}
refuse 2 '"2026-02-30" is not a session' skip 2026-02-30
refuse 2 '"25:00" is not a valid time' add "2026-12-01 25:00" --provider okafor
refuse 2 '2027-03-28 02:30 does not exist in Europe/Berlin' add "2027-03-28 02:30" --provider okafor
refuse 2 '"sometimes" is not a status' list --status attended,sometimes
refuse 2 '--to 2026-01-01 is before --from 2026-02-01' list --from 2026-02-01 --to 2026-01-01
refuse 2 'the absence ends (2026-12-01) before it starts (2026-12-10)' away add 2026-12-10 2026-12-01 --provider okafor
refuse 1 'no provider "nobody"' away add 2026-12-10 2026-12-11 --provider nobody
refuse 2 '"fry" in --every "mon,fry" is not a weekday' schedule add --every mon,fry --at 10:00 --provider okafor
refuse 2 '"10" is not a time' schedule add --every mon --at 10 --provider okafor
refuse 2 '--weeks' schedule add --every mon --at 10:00 --weeks 0 --provider okafor
refuse 1 'no schedule "s9"' schedule end s9 --on 2027-01-01
refuse 2 'it cannot end before that' schedule end s1 --on 2020-01-01
refuse 1 'no session with id "o99"' attend o99
refuse 2 '--late' attend o4 --late -5
refuse 2 '--through records many sessions' attend o4 --through today
refuse 2 '--by' reschedule o4 --to tomorrow --by nobody
refuse 2 'the new time is the session' reschedule o4 --to 2026-11-27
refuse 1 'no unlogged session up to 2020-01-01' attend --through 2020-01-01

finish
