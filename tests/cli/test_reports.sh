#!/usr/bin/env bash
# streak, next, gaps, summary and calendar against hand-computed figures.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-07-26 12:00" # a Sunday

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
# Tuesdays 17:30 from 2 June: 2, 9, 16, 23, 30 Jun; 7, 14, 21, 28 Jul; 4, 11 Aug ...
run schedule add --every tue --at 17:30 --from 2026-06-02
run attend --through 2026-07-14
run attend 2026-06-09 --late 5
run cancel 2026-06-23 --reason "she was ill"
run skip 2026-07-21 --reason "exam"
run away add 2026-07-27 2026-08-09 --reason vacation

# Weeks from Monday: 1, 8, 15 Jun, (22 Jun: her cancellation, neutral), 29 Jun, 6 and 13 Jul;
# the week of 20 Jul has only the skip.
run streak --json
expect_json 'd == {"current": {"sessions": 0, "since": None}, "longest": {"sessions": 6, "from": "2026-06-02", "to": "2026-07-14"},
  "weeks": {"current": {"weeks": 0, "since": None}, "longest": {"weeks": 6, "from": "2026-06-01", "to": "2026-07-19"}}}'
LC_ALL=C.UTF-8 run streak
expect_out "no current streak"
expect_out "longest: 6 sessions, Tue 2 Jun – Tue 14 Jul"
expect_out "longest: 6 weeks in a row with a session, Mon 1 Jun – Sun 19 Jul"
SHOWUP_NOW="2026-07-08 12:00" LC_ALL=C.UTF-8 run streak
expect_out "5 sessions in a row since Tue 2 Jun"
expect_out "5 weeks in a row with a session, since Mon 1 Jun (the longest ever)"
SHOWUP_NOW="2026-07-08 12:00" LC_ALL=C.UTF-8 run streak --json
expect_json 'd["weeks"] == {"current": {"weeks": 5, "since": "2026-06-01"}, "longest": {"weeks": 5, "from": "2026-06-01", "to": "2026-07-12"}}'

run next
expect_out 'next session Tue 11 Aug 17:30 with Dr. Okafor, in 16 days: 28 days without a session since Tue 14 Jul — you skipped Tue 21 Jul ("exam"), Dr. Okafor away Mon 27 Jul – Sun 9 Aug'
run next --json
expect_json 'd["session"]["id"] == "s1@2026-08-11" and d["in_days"] == 16'
expect_json 'd["gap"]["from"] == "2026-07-14" and d["gap"]["to"] == "2026-08-11" and d["gap"]["days"] == 28'
expect_json '[(m["start"], m["status"], m["reason"]) for m in d["gap"]["missed"]] == [
  ("2026-07-21T17:30:00+02:00", "skipped", "exam"), ("2026-07-28T17:30:00+02:00", "away", "vacation"),
  ("2026-08-04T17:30:00+02:00", "away", "vacation")]'
SHOWUP_NOW="2026-07-01 12:00" run next --json
expect_json 'd["session"]["id"] == "s1@2026-07-07" and d["in_days"] == 6 and d["gap"] is None'

run gaps --json
expect_json 'len(d["gaps"]) == 1 and d["gaps"][0]["from"] == "2026-07-14" and len(d["gaps"][0]["missed"]) == 3'
run gaps --from 2026-06-01 --to 2026-08-31 --json
expect_json '[(g["from"], g["to"], g["days"], [m["status"] for m in g["missed"]]) for g in d["gaps"]] == [
  ("2026-06-16", "2026-06-30", 14, ["cancelled"]), ("2026-07-14", "2026-08-11", 28, ["skipped", "away", "away"])]'
run gaps --from 2026-06-01 --to 2026-08-31 --min-days 6 --json
expect_json 'len(d["gaps"]) == 9 and all(g["days"] == 7 for g in d["gaps"] if not g["missed"])'
run gaps --from 2026-06-01 --to 2026-08-31
expect_out "Tue 16 Jun  Tue 30 Jun  14    Dr. Okafor cancelled Tue 23 Jun (\"she was ill\")"

run summary --json
expect_json 'd["from"] == "2026-06-02" and d["to"] == "2026-07-26"'
expect_json 'd["fees"] == {"sessions": 0, "total": "0.00"} and d["contacts"] == 0'
expect_json 'd["counts"] == {"attended": 6, "skipped": 1, "late-cancel": 0, "cancelled": 1, "away": 0, "excused": 0, "rescheduled": 0, "unlogged": 0, "scheduled": 0}'
expect_json 'd["attendance_rate"] == 0.8571 and d["late"] == {"sessions": 1, "minutes": 5}'
# The longest gap agrees with `gaps` over the same window: Tue 14 Jul to Tue 11 Aug (the skip
# of 21 Jul, then her vacation) has begun, though it ends after today.
expect_json 'd["longest_streak"] == 6 and d["longest_gap_days"] == 28 and d["rows"] == []'
run gaps --from 2026-06-02 --to 2026-07-26 --json
expect_json 'max(g["days"] for g in d["gaps"] if g["days"]) == 28'
run summary --to 2026-08-31 --json
expect_json 'd["counts"]["away"] == 2 and d["counts"]["scheduled"] == 3 and d["longest_gap_days"] == 28'
run summary --by month --json
expect_json '[(r["period"], r["counts"]["attended"], r["counts"]["cancelled"], r["counts"]["skipped"]) for r in d["rows"]] == [
  ("2026-06", 4, 1, 0), ("2026-07", 2, 0, 1)]'
run summary --by year --json
expect_json '[r["period"] for r in d["rows"]] == ["2026"] and d["rows"][0]["counts"]["attended"] == 6'
run summary --by provider --json
expect_json '[r["provider"] for r in d["rows"]] == ["okafor"] and d["rows"][0]["attendance_rate"] == 0.8571'
run summary --by month
expect_out "attendance: 86% (6 of 7 you could go to)"
expect_no_out "fees:"
expect_out "MONTH    ATTENDED  SKIPPED  CANCELLED  AWAY  MOVED  RATE  LATE"
expect_out "2026-07  2         1        0          0     0      67%   0"

run calendar --months 2
expect_out "       July 2026"
expect_out "  6   7+  8   9  10  11  12"
expect_out " 20  21x 22  23  24  25 >26"
expect_out " 27  28a 29  30  31"
expect_out "      August 2026"
expect_out "+ attended  x skipped  ! late-cancel  c cancelled  a away"
run calendar --months 2 --json
expect_json 'd == {"from": "2026-07-01", "to": "2026-08-31", "sessions": [
  {"date": "2026-07-%02d" % day, "id": "s1@2026-07-%02d" % day, "status": status}
  for day, status in [(7, "attended"), (14, "attended"), (21, "skipped"), (28, "away")]] + [
  {"date": "2026-08-%02d" % day, "id": "s1@2026-08-%02d" % day, "status": status}
  for day, status in [(4, "away"), (11, "scheduled"), (18, "scheduled"), (25, "scheduled")]]}'
run calendar --color always
grep -q $'\e\[' "$OUT" && ok || bad "calendar --color always has no colour"
# --color auto on a terminal (a pty, through script): coloured, unless NO_COLOR is set.
if command -v script >/dev/null; then
  on_terminal() { script -qec "$(printf '%q ' "$SHOWUP" "$@")" /dev/null >"$OUT" 2>"$ERR" </dev/null; }
  on_terminal calendar --color auto
  grep -q $'\e\[' "$OUT" && ok || bad "calendar --color auto on a terminal has no colour"
  NO_COLOR=1 on_terminal calendar --color auto
  grep -q " 2026" "$OUT" && ok || bad "calendar on a terminal printed no calendar"
  grep -q $'\e\[' "$OUT" && bad "NO_COLOR still coloured on a terminal" || ok
  NO_COLOR= on_terminal calendar --color auto
  grep -q $'\e\[' "$OUT" && ok || bad "an empty NO_COLOR turned colour off"
else
  skip_missing bsdutils "colour on a terminal"
fi

# An open-ended gap once the schedule ends.
run schedule end s1 --on 2026-08-11
run gaps --json
expect_json '[(g["from"], g["to"], g["days"]) for g in d["gaps"]] == [("2026-07-14", "2026-08-11", 28), ("2026-08-11", None, None)]'
run gaps
expect_out "(none yet)"
SHOWUP_NOW="2026-09-01 12:00" run next --json
expect_json 'has(d, {"session": None, "in_days": None, "gap": None})'

# Empty data: reports still answer.
export SHOWUP_FILE=$SCRATCH/empty.json
run init --timezone UTC
run summary --json
expect_json 'd["from"] is None and d["attendance_rate"] is None and d["longest_gap_days"] is None'
run streak --json
expect_json 'd["current"]["sessions"] == 0 and d["longest"]["from"] is None'
expect_json 'd["weeks"] == {"current": {"weeks": 0, "since": None}, "longest": {"weeks": 0, "from": None, "to": None}}'
run budget --json
expect_json 'd == {"budgets": []}'
run gaps --json
expect_json 'd == {"gaps": []}'
run next
expect_out "no session coming up"

# summary says its window; a window short of all time has both longest streaks; a rate is never
# rounded up to 100% (or down to 0%) unless it is. 221 daily sessions, the 95th skipped.
export SHOWUP_FILE=$SCRATCH/daily.json SHOWUP_NOW=2026-08-20T12:00
run init --timezone UTC
run provider add "Dr. Okafor" --id okafor
run schedule add --every mon,tue,wed,thu,fri,sat,sun --at 10:00 --from 2026-01-01 --until 2026-08-09
run attend --through 2026-08-09
run skip 2026-04-05
expect_rc 0 "setting up 221 daily sessions"
run summary
expect_out "all time: Thu 1 Jan – Thu 20 Aug" "summary, all time:"
expect_out "attendance: 99.5% (220 of 221 you could go to)" "summary, all time:"
expect_out "longest streak: 126 sessions" "summary, all time:"
expect_no_out "100%" "summary, all time:"
run summary --from 2026-01-01 --to 2026-04-10
expect_out "window: Thu 1 Jan – Fri 10 Apr" "summary, a window:"
expect_out "attendance: 99% (99 of 100 you could go to)" "summary, a window:"
expect_out "longest streak in this window: 94; all time: 126" "summary, a window:"
run summary --from 2026-01-01 --to 2026-04-10 --json
expect_json 'has(d, {"all_time": False, "longest_streak": 94, "longest_streak_all_time": 126, "attendance_rate": 0.99})'
run summary --from 2025-06-01 --json
expect_json 'has(d, {"all_time": True, "longest_streak": 126, "longest_streak_all_time": 126, "attendance_rate": 0.9955})'
run summary --by month
expect_out "2026-04  29        1" "summary --by month:"
expect_out "97%   0" "summary --by month, April's 29 of 30:"
run skip 2026-04-06
run summary --from 2026-04-05 --to 2026-04-06
expect_out "attendance: 0% (0 of 2 you could go to)" "summary, none attended:"
run attend 2026-04-06
run summary --from 2026-04-06 --to 2026-04-06
expect_out "attendance: 100% (1 of 1 you could go to)" "summary, all attended:"

finish
