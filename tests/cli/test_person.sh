#!/usr/bin/env bash
# The person's side, end to end against hand-computed figures: a provider's notice and fee,
# cancellations by the person (late or with notice), their own time away (excused), absences
# announced ahead, "three weeks off or two?" (--if), and a version 1 file upgraded.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-26 12:00" # a Thursday

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor --notice 24h --fee 60
expect_out "added provider okafor (Dr. Okafor, sessions of 50 min, 24h notice, fee 60.00)"
run provider list --json
expect_json 'has(d, {"providers": [{"id": "okafor", "notice_minutes": 1440, "fee": "60.00"}]})'
# Tuesdays and Fridays at 10:00 from Tue 6 Oct: 15 sessions up to Tue 24 Nov.
run schedule add --every tue,fri --at 10:00 --from 2026-10-06

# Her family vacation: she went once (by phone, Fri 16 Oct); Tue 13 Oct is excused.
run away add 2026-10-12 2026-10-18 --me --reason "family vacation" --announced 2026-09-01
expect_out "you were away Mon 12 Oct – Sun 18 Oct (7 days, 2 sessions excused, announced 41 days ahead) \"family vacation\", back Mon 19 Oct"
run attend 2026-10-16 --note "by phone"
run attend --through 2026-11-24
expect_out "attended: 13 sessions"
run list --from 2026-10-12 --to 2026-10-18 --json
expect_json '[s["status"] for s in d["sessions"]] == ["excused", "attended"]'
expect_json 'd["sessions"][0]["reason"] == "family vacation"'
run streak --json
expect_json 'has(d, {"current": {"sessions": 14, "since": "2026-10-06"}})'
run gaps --from 2026-10-01 --to 2026-10-31 --json
expect_json '[(g["from"], g["to"], g["days"], [m["status"] for m in g["missed"]]) for g in d["gaps"]] == [
  ("2026-10-09", "2026-10-16", 7, ["excused"])]'

# Her therapist is away for two weeks from next week, said on 10 Nov.
run away add 2026-11-30 2026-12-13 --reason vacation --announced 2026-11-10
expect_out "Dr. Okafor away Mon 30 Nov – Sun 13 Dec (14 days, 4 sessions off, announced 20 days ahead) \"vacation\", back Mon 14 Dec"
run away list --all --json
expect_json '[(a["id"], a["whose"], a["provider"], a["sessions_affected"], a["notice_days"], a["back"]) for a in d["absences"]] == [
  ("a1", "me", None, 1, 41, "2026-10-19"), ("a2", "provider", "okafor", 4, 20, "2026-12-14")]'

# Three weeks off or two? Fri 27 Nov -> Tue 15 Dec is 18 days; skipping Fri 27 Nov makes it
# Tue 24 Nov -> Tue 15 Dec, 21 days. Nothing is written.
with_unchanged_file next --if skip fri
expect_out "next session Fri 27 Nov 10:00 with Dr. Okafor, tomorrow"
expect_out "if you skip Fri 27 Nov: 21 days without a session (Tue 24 Nov – Tue 15 Dec) instead of 18"
with_unchanged_file next --if skip fri --json
expect_json 'd["session"]["id"] == "s1@2026-11-27" and d["if"]["plans"] == ["skip Fri 27 Nov"]'
expect_json '[(g["from"], g["to"], g["days"], g["instead_of_days"]) for g in d["if"]["gaps"]] == [
  ("2026-11-24", "2026-12-15", 21, 18)]'
# Away herself the week after: Tue 15 and Fri 18 Dec excused; Fri 27 Nov -> Tue 22 Dec, 25 days.
run next --if away 2026-12-14 2026-12-20
expect_out "if you are away Mon 14 Dec – Sun 20 Dec: 25 days without a session (Fri 27 Nov – Tue 22 Dec) instead of 18"
with_unchanged_file gaps --if skip fri --if cancel 2026-12-15 --json
expect_json '[(g["from"], g["to"], g["days"], g["instead_of_days"]) for g in d["if"]["gaps"]] == [
  ("2026-11-24", "2026-12-18", 24, 18)]'
expect_json '[m["status"] for m in d["if"]["gaps"][0]["missed"]] == ["skipped", "away", "away", "away", "away", "cancelled"]'
expect_json '[(g["from"], g["to"], g["days"]) for g in d["gaps"]] == [("2026-11-27", "2026-12-15", 18)]'
run gaps --if skip fri
expect_out "if you skip Fri 27 Nov:"
expect_out "Tue 24 Nov  Tue 15 Dec  21    18"
with_unchanged_file next --if dance fri
expect_error 2 '--if: "dance" is not a plan'
with_unchanged_file next --if away 2026-12-14
expect_error 2 "--if away takes two dates: FROM TO"

# She cancels Friday herself, on Thursday at 11:00: inside the 24 hours Dr. Okafor asks for.
run cancel fri --by me --told "2026-11-26 11:00" --reason "exam tomorrow"
expect_out "cancelled: Fri 27 Nov 10:00 with Dr. Okafor (s1@2026-11-27), by you, a late cancellation (inside the 24h notice Dr. Okafor asks for), fee 60.00, \"exam tomorrow\""
run show fri --json
expect_json 'has(d, {"status": "late-cancel", "cancelled_by": "me", "fee": "60.00", "told": "2026-11-26T10:00:00Z"})'
SHOWUP_NOW="2026-11-28 12:00" run streak --json
expect_json 'has(d, {"current": {"sessions": 0}, "longest": {"sessions": 14, "from": "2026-10-06", "to": "2026-11-24"}})'
SHOWUP_NOW="2026-11-28 12:00" run summary --json
expect_json 'd["counts"]["late-cancel"] == 1 and d["counts"]["attended"] == 14 and d["counts"]["excused"] == 1'
expect_json 'abs(d["attendance_rate"] - 14 / 15) < 1e-4'
# Told on Wednesday morning instead: with notice, neutral for the streak, no fee.
run cancel fri --by me --told "2026-11-25 09:00"
expect_out "(was cancelled by you: \"exam tomorrow\")"
run show fri --json
expect_json 'has(d, {"status": "cancelled", "cancelled_by": "me", "fee": None, "reason": "exam tomorrow"})'
SHOWUP_NOW="2026-11-28 12:00" run streak --json
expect_json 'd["current"]["sessions"] == 14'
run undo
run show fri --json
expect_json 'd["status"] == "late-cancel"'
# The provider cancels: never late, never a fee.
run cancel fri --by provider
run show fri --json
expect_json 'has(d, {"status": "cancelled", "cancelled_by": "provider", "fee": None})'
# A no-show carries the fee too.
run skip 2026-11-24 --no-show
run list --from 2026-11-24 --to 2026-11-24
expect_out "no-show, fee 60.00"

# The provider changes the policy; "none" clears it.
run provider edit okafor --notice 48h --fee 75.5
expect_out "changed provider okafor: sessions of 50 min, 2d notice, fee 75.50 (was sessions of 50 min, 24h notice, fee 60.00)"
run provider edit okafor --fee none
expect_out "fee 75.50)"
run provider list --json
expect_json 'has(d, {"providers": [{"notice_minutes": 2880, "fee": None}]})'

# 17 covered sessions a year: 13 attended and the no-show used, 3 left; next says so.
run budget set --sessions 17 --per year
run next
expect_out "3 covered sessions left with Dr. Okafor (budget for 2026)"
run next --json
expect_json 'd["budget_warning"] == "3 covered sessions left with Dr. Okafor (budget for 2026)"'

# A cancellation's time is known, or asked for: not in the future, and not "now" for a session
# logged after it started (Dr. Okafor asks for notice).
with_unchanged_file cancel fri --by me --told "2026-11-28 10:00"
expect_error 2 "--told is still to come"
with_unchanged_file cancel 2026-11-20 --by me
expect_error 2 "say when you told Dr. Okafor with --told WHEN"
# The same budget again is no change (an undo would take back something else).
with_unchanged_file budget set --sessions 17 --per year
expect_error 1 "like that already"
# A provider with a budget is not removed with it unsaid.
with_unchanged_file provider remove okafor
expect_error 1 "provider okafor is still used by"
# Announced: not on a day still to come; "none" clears it; an absence's id may be its number.
with_unchanged_file away add 2027-01-04 2027-01-08 --me --announced 2026-12-01
expect_error 2 "--announced 2026-12-01 is still to come"
run away edit 2 --announced none
expect_out "(was Mon 30 Nov – Sun 13 Dec \"vacation\", announced Tue 10 Nov)"
run away list --json
expect_json 'd["absences"][0]["announced"] is None and d["absences"][0]["notice_days"] is None'
run undo
# A plan said as one; the same session planned twice is refused; a late one says so.
with_unchanged_file gaps --if skip 2026-12-15
expect_out "you would skip Tue 15 Dec"
with_unchanged_file next --if skip fri --if skip fri
expect_error 2 "--if: s1@2026-11-27 is in the plans twice"
SHOWUP_NOW="2026-12-17 12:00" with_unchanged_file next --if cancel 2026-12-18
expect_out "cancelling Fri 18 Dec now is late (inside the notice asked for)"

# Wrong words change nothing.
with_unchanged_file cancel fri --by someone
expect_error 2 '"someone" is not one of me|provider'
with_unchanged_file provider edit okafor --notice 5y
expect_error 2 '"5y" is not a length of notice'
with_unchanged_file provider edit okafor --fee 60.123
expect_error 2 '"60.123" is not an amount'
with_unchanged_file provider edit okafor
expect_error 2 "nothing to change"
with_unchanged_file away add 2026-10-15 2026-10-20 --me
expect_error 1 "overlaps absence a1 of your own"
with_unchanged_file away add 2026-10-15 2026-10-20 --me --provider okafor
expect_error 2 "leave out --provider"
# Skipping a session her time away excused makes it count: she is told.
run skip 2026-10-13 --reason "overslept"
expect_out "no longer excused by your time away Mon 12 Oct – Sun 18 Oct"
run undo

# A file of version 1 is read as it is and upgraded by its next change; undo writes it back.
cp "$(dirname "$0")/../../examples/showup.json" "$SHOWUP_FILE"
with_unchanged_file list
with_unchanged_file streak --json
cp "$SHOWUP_FILE" "$SCRATCH/v1"
run away add 2027-02-01 2027-02-07 --me --reason exams
grep -q '"version": 2,' "$SHOWUP_FILE" && ok || bad "the change did not upgrade the file"
run undo
cmp -s "$SHOWUP_FILE" "$SCRATCH/v1" && ok || bad "undo did not write the version 1 file back"

finish
