#!/usr/bin/env bash
# budget, and what late cancellations, no-shows and contacts add to streak and summary, against
# hand-computed figures.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-03-11 12:00" # a Wednesday
# Human output that counts weeks follows LC_TIME: the C locale's weeks start on Monday.
export LC_ALL=C.UTF-8

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor --notice 24h --fee 60
# Tuesdays 17:30 from 6 Jan: 6, 13, 20, 27 Jan; 3, 10, 17, 24 Feb; 3, 10, 17, 24, 31 Mar; ...
run schedule add --every tue --at 17:30 --from 2026-01-06
run attend --through 2026-01-20
run cancel 2026-01-27 --by me --told "2026-01-27 09:00" # inside the 24 hours: late, a fee
expect_out "a late cancellation"
run skip 2026-02-03 --no-show # a fee
run skip 2026-02-10 --reason "flu"
run cancel 2026-02-17 --reason "she was ill"
run attend 2026-02-24
run attend 2026-03-03
# 10 Mar is unlogged. Ahead: 24 Mar cancelled two weeks ahead (in time), 14 Apr she is away.
run cancel 2026-03-24 --by me --told "2026-03-10 10:00"
run away add 2026-04-14 2026-04-20 --reason conference

run budget
expect_out "no budgets"
run budget --json
expect_json 'd == {"budgets": []}'

# Per year: 5 attended, 27 Jan and 3 Feb used 7 of 20; 13 left: at this pace 10 Mar (not
# logged yet, counted as attended), then 17, 31 Mar, 7, 21, 28 Apr, 5, 12, 19, 26 May, 2, 9,
# 16 Jun (not 24 Mar, cancelled; not 14 Apr, she is away).
run budget set --sessions 20 --per year
expect_rc 0
expect_out "set budget b1 for Dr. Okafor: 20 sessions a year, used up by attended, late-cancel, no-show"
expect_out "Dr. Okafor: 7 of 20 sessions used in 2026, 13 left; at this pace they run out Tue 16 Jun (1 session not logged yet, counted as attended)"
run budget
expect_out "Dr. Okafor: 7 of 20 sessions used in 2026, 13 left; at this pace they run out Tue 16 Jun (1 session not logged yet, counted as attended)"
run budget show
expect_out "7 of 20 sessions used in 2026, 13 left"
run budget --json
expect_json 'd == {"budgets": [{"id": "b1", "provider": "okafor", "sessions": 20, "per_year": True,
  "from": "2026-01-01", "to": "2026-12-31", "uses": ["attended", "late-cancel", "no-show"],
  "used": 7, "left": 13, "over": 0, "unlogged": 1, "runs_out": "2026-06-16"}]}'
run --json budget
expect_json 'd["budgets"][0]["runs_out"] == "2026-06-16"'

# From a date to a date, attendance and late cancellations only: 24 Feb and 3 Mar used 2 of 9
# (3 Feb was a no-show); 10 Mar and the 5 sessions still scheduled up to 30 Apr leave one over.
run budget set --sessions 9 --from 2026-02-01 --to 2026-04-30 --uses attended,late-cancel
expect_out "changed budget b1 for Dr. Okafor: 9 sessions from Sun 1 Feb to Thu 30 Apr, used up by attended, late-cancel (was 20 sessions a year, used up by attended, late-cancel, no-show)"
expect_out "Dr. Okafor: 2 of 9 sessions used from Sun 1 Feb to Thu 30 Apr, 7 left, enough for the 5 sessions still scheduled until Thu 30 Apr (1 session not logged yet, counted as attended)"
run budget set --sessions 7 --from 2026-02-01 --to 2026-04-30 --uses attended,late-cancel --json
expect_json 'has(d, {"id": "b1", "sessions": 7, "per_year": False, "from": "2026-02-01", "to": "2026-04-30",
  "uses": ["attended", "late-cancel"], "used": 2, "left": 5, "over": 0, "runs_out": "2026-04-21"})'
expect_json 'has(d["replaced"], {"sessions": 9, "left": 7, "runs_out": None})'

# Open-ended: 3 Feb, 24 Feb and 3 Mar used 3 of 10; 10 Mar, and the 6th after it is 5 May.
run budget set --sessions 10 --from 2026-02-01 --json
expect_json 'has(d, {"from": "2026-02-01", "to": None, "used": 3, "left": 7, "runs_out": "2026-05-05"})'
run budget
expect_out "Dr. Okafor: 3 of 10 sessions used since Sun 1 Feb, 7 left; at this pace they run out Tue 5 May"

# Used up, and over: the 7th use was 3 Mar; of a budget of 5, the 5th was 3 Feb.
run budget set --sessions 7 --per year
expect_out "Dr. Okafor: 7 of 7 sessions used in 2026, none left; the last covered one was Tue 3 Mar"
run budget set --sessions 5 --per year --json
expect_json 'has(d, {"used": 7, "left": 0, "over": 2, "runs_out": "2026-02-03"})'
run budget
expect_out "Dr. Okafor: 7 of 5 sessions used in 2026, 2 more than it covers; the last covered one was Tue 3 Feb"

# A new year, a new budget: nothing of 2026 counts; the 20th Tuesday from 5 Jan 2027 is 18 May.
run budget set --sessions 20 --per year
SHOWUP_NOW="2027-01-05 12:00" run budget --json
expect_json 'has(d["budgets"][0], {"from": "2027-01-01", "to": "2027-12-31", "used": 0, "left": 20, "unlogged": 0, "runs_out": "2027-05-18"})'

# Remove, and undo.
run budget remove --json
expect_json 'd == {"removed": "b1", "provider": "okafor"}'
run budget --json
expect_json 'd == {"budgets": []}'
run undo
expect_out "budget remove b1"
run budget --json
expect_json 'd["budgets"][0]["sessions"] == 20'
# X; undo restores the file byte for byte.
cp "$SHOWUP_FILE" "$SCRATCH/kept"
run budget set --sessions 12 --from 2026-01-01 --to 2026-06-30 --uses no-show
run undo
cmp -s "$SHOWUP_FILE" "$SCRATCH/kept" && ok || bad "budget set; undo did not restore the file"
run budget remove
expect_out "removed budget b1 for Dr. Okafor (20 sessions a year)"

# Streak: 27 Jan (cancelled late) ended the first run, 3 Feb and 10 Feb kept it ended; 17 Feb
# (her cancellation) and 10 Mar (unlogged) are neutral. In weeks from Monday: 5, 12, 19 Jan,
# then 23 Feb and 2 Mar.
run streak --json
expect_json 'd == {"current": {"sessions": 2, "since": "2026-02-24"}, "longest": {"sessions": 3, "from": "2026-01-06", "to": "2026-01-20"},
  "weeks": {"current": {"weeks": 2, "since": "2026-02-23"}, "longest": {"weeks": 3, "from": "2026-01-05", "to": "2026-01-25"}}}'
run streak
expect_out "2 sessions in a row since Tue 24 Feb"
expect_out "longest: 3 sessions, Tue 6 Jan – Tue 20 Jan"
expect_out "2 weeks in a row with a session, since Mon 23 Feb"
expect_out "longest: 3 weeks in a row with a session, Mon 5 Jan – Sun 25 Jan"
SHOWUP_NOW="2026-01-30 12:00" run streak
expect_out "no current streak: the run ended on Tue 27 Jan, when you cancelled late"
expect_out "longest: 3 weeks in a row with a session, Mon 5 Jan – Sun 25 Jan"
SHOWUP_NOW="2026-01-21 12:00" run streak
expect_out "3 weeks in a row with a session, since Mon 5 Jan (the longest ever)"

# Summary: the late cancellation counts against the rate (5 of 5 + 2 + 1), and it and the
# no-show carry the fee.
run summary --json
expect_json 'd["counts"] == {"attended": 5, "skipped": 2, "late-cancel": 1, "cancelled": 1, "away": 0, "excused": 0, "rescheduled": 0, "unlogged": 1, "scheduled": 0}'
expect_json 'd["attendance_rate"] == 0.625 and d["fees"] == {"sessions": 2, "total": "120.00"} and d["contacts"] == 0'
run summary
expect_out "attendance: "
expect_out "(5 of 8 you could go to)"
expect_out "fees: 120.00 for 2 sessions (late cancellations and no-shows)"
expect_no_out "contacts"
run summary --by month --json
expect_json '[(r["period"], r["counts"]["late-cancel"], r["fees"]["total"], r["contacts"]) for r in d["rows"]] == [
  ("2026-01", 1, "60.00", 0), ("2026-02", 0, "60.00", 0), ("2026-03", 0, "0.00", 0)]'

# Contacts between sessions (written into the file as `contact add` would): one before the first
# session widens "all time" to it.
python3 - "$SHOWUP_FILE" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["contacts"] = [
    {"id": "c1", "at": "2025-12-15T10:00", "provider": "okafor", "kind": "call"},
    {"id": "c2", "at": "2026-02-12T09:00", "provider": "okafor", "kind": "message"},
    {"id": "c3", "at": "2026-02-13T09:00", "provider": "okafor", "kind": "email"}]
d["next_ids"]["contact"] = 4
json.dump(d, open(sys.argv[1], "w"))
PY
run summary --json
expect_rc 0
expect_json 'd["from"] == "2025-12-15" and d["contacts"] == 3 and d["counts"]["attended"] == 5'
run summary --from 2026-02-01 --json
expect_json 'd["contacts"] == 2 and d["fees"] == {"sessions": 1, "total": "60.00"}'
run summary --by provider --json
expect_json '[(r["provider"], r["contacts"], r["fees"]["sessions"]) for r in d["rows"]] == [("okafor", 3, 2)]'
run summary --by month
expect_out "contacts between sessions: 3"
expect_out "MONTH    ATTENDED  SKIPPED  LATE-CANCEL  CANCELLED  AWAY  MOVED  RATE  LATE  FEES   CONTACTS"
expect_out "2025-12  0         0        0            0          0     0      -     0     0.00   1"
expect_out "2026-02  1         2        0            1          0     0      33%   0     60.00  2"

# Bad input: usage errors exit 2, other failures 1; one line; the file unchanged.
run budget set --sessions 4 --per year
while IFS='|' read -r code text args; do
  [ -n "$code" ] || continue
  # shellcheck disable=SC2086
  with_unchanged_file $args
  expect_error "$code" "$text"
done <<'TABLE'
2|--per excludes --from|budget set --sessions 3 --per year --from 2026-01-01
2|--per excludes --to|budget set --sessions 3 --per year --to 2026-05-01
2|say what the budget covers|budget set --sessions 3
2|--to requires --from|budget set --sessions 3 --to 2026-05-01
2|--sessions is required|budget set --per year
2|--sessions: "0" is not a whole number from 1 to 10000|budget set --sessions 0 --per year
2|"10001" is not a whole number from 1 to 10000|budget set --sessions 10001 --per year
2|"many" is not a whole number from 1 to 10000|budget set --sessions many --per year
2|"+3" is not a whole number from 1 to 10000|budget set --sessions +3 --per year
2|"sometimes" is not one of attended, late-cancel, no-show|budget set --sessions 3 --per year --uses attended,sometimes
2|"" is not one of attended, late-cancel, no-show|budget set --sessions 3 --per year --uses attended,
2|"month" is not one of year|budget set --sessions 3 --per month
2|the budget ends (2026-04-01) before it starts (2026-05-01)|budget set --sessions 3 --from 2026-05-01 --to 2026-04-01
2|"2026-02-30" is not a date|budget set --sessions 3 --from 2026-02-30
2|outside the years 1900 to 2200|budget set --sessions 3 --from 1899-12-31
2|not expected: sometime|budget sometime
2|not expected: extra|budget show extra
1|no provider "nobody"|budget set --provider nobody --sessions 3 --per year
1|no provider "nobody"|budget remove --provider nobody
TABLE
run budget --json
expect_json 'd["budgets"][0]["sessions"] == 4'
run provider add "Dr. Lee" --id lee
with_unchanged_file budget set --sessions 3 --per year
expect_error 2 "there are several providers (okafor, lee); say which with --provider"
with_unchanged_file budget remove --provider lee
expect_error 1 "there is no budget for lee"
run budget set --provider "dr. lee" --sessions 10 --from 2026-03-01
expect_out "set budget b3 for Dr. Lee: 10 sessions from Sun 1 Mar"
run budget
expect_out "Dr. Okafor: 7 of 4 sessions used in 2026, 3 more than it covers"
expect_out "Dr. Lee: 0 of 10 sessions used since Sun 1 Mar, 10 left"
# A provider with a budget is not removed while it has one: the budget goes first.
with_unchanged_file provider remove lee
expect_error 1 "provider lee has a budget; remove it first with 'showup budget remove --provider lee'"
run budget remove --provider lee
run provider remove lee
expect_rc 0
run budget --json
expect_json '[b["provider"] for b in d["budgets"]] == ["okafor"]'

# Without a data file: one line, exit 1.
SHOWUP_FILE=$SCRATCH/none.json run budget
expect_error 1 "none.json"

finish
