#!/usr/bin/env bash
# The story of issue 11, entered as told, with the figures worked out by hand:
#   In two and a half years of sessions twice a week she has never skipped one, though sessions
#   were moved around school and work again and again; she was 30 minutes late once, with the
#   wrong time. She saw her therapist three times during her own family vacation. She called the
#   therapist the day before she skipped. The therapist goes away for two weeks next week, and
#   said: "If you think three weeks off is better than two, go ahead and skip this week's
#   sessions."
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-26 12:00" # Thursday

export LC_ALL=C.UTF-8 # weeks from Monday
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor --notice 24h
# Tuesdays and Fridays at 10:00 since Tue 14 May 2024: 265 slots up to Tue 24 Nov 2026.
run schedule add --every tue,fri --at 10:00 --from 2024-05-14
# Her summer vacation last year took out four sessions (5, 8, 12, 15 Aug 2025).
run away add 2025-08-04 2025-08-17 --reason "summer"
# Moved around school and work, again and again (each within its week).
run reschedule 2024-09-10 --to "2024-09-11 16:00" --reason "school trip"
run reschedule 2025-01-17 --to "2025-01-16 18:00" --reason "exam week"
run reschedule 2025-11-04 --to "2025-11-05 08:00" --reason "work shift"
run reschedule 2026-06-12 --to "15:00" --by provider --reason "her appointment"
expect_rc 0 "the last move:"
# Her own family vacation: she went three times (4, 7, 11 Aug), Fri 14 Aug is excused.
run away add 2026-08-03 2026-08-16 --me --reason "family vacation"
run attend 2026-08-04 --note "by phone from the campsite"
run attend 2026-08-07
run attend 2026-08-11
run attend --through 2026-11-24
expect_out "attended: 257 sessions"
# Thirty minutes late once, with the wrong time.
run attend 2025-10-07 --late 30 --note "I had the wrong time in my calendar"
expect_out "30 min late"

# 265 slots: 4 away, 1 excused, 4 moved to a session of their own each: 260 attended in a row.
run streak
expect_out "260 sessions in a row since Tue 14 May 2024"
# 133 weeks from Mon 13 May 2024 to Mon 23 Nov 2026, two of them wholly her therapist's summer
# vacation (neutral): 131 weeks in a row with a session.
expect_out "131 weeks in a row with a session, since Mon 13 May 2024"
run streak --json
expect_json 'has(d, {"current": {"sessions": 260, "since": "2024-05-14"}, "longest": {"sessions": 260},
  "weeks": {"current": {"weeks": 131, "since": "2024-05-13"}}})'

# The therapist goes away for two weeks next week (she said so on Thu 19 Nov).
run away add 2026-11-30 2026-12-13 --reason "vacation" --announced 2026-11-19
expect_out "Dr. Okafor away Mon 30 Nov – Sun 13 Dec (14 days, 4 sessions off, announced 11 days ahead) \"vacation\", back Mon 14 Dec"

# Three weeks off or two? As it is, Fri 27 Nov to Tue 15 Dec: 18 days. Skipping Fri 27 Nov:
# Tue 24 Nov to Tue 15 Dec, 21 days: three weeks.
with_unchanged_file next --if skip fri
expect_out "next session Fri 27 Nov 10:00 with Dr. Okafor, tomorrow"
expect_out "if you skip Fri 27 Nov: 21 days without a session (Tue 24 Nov – Tue 15 Dec) instead of 18"

# She calls the day before, and takes the three weeks: cancelled by her, with notice.
run contact add "today 09:00" --kind call --minutes 5 --note "I'll take the three weeks"
run agenda add "how the three weeks went"
run cancel fri --by me --told "today 09:00" --reason "three weeks off"
expect_out "cancelled: Fri 27 Nov 10:00 with Dr. Okafor (s1@2026-11-27), by you"
expect_no_out "late cancellation"
run next
expect_out "next session Tue 15 Dec 10:00 with Dr. Okafor, in 19 days: 21 days without a session since Tue 24 Nov — you cancelled Fri 27 Nov (\"three weeks off\"), Dr. Okafor away Mon 30 Nov – Sun 13 Dec"
expect_out "t1 how the three weeks went"
# Neutral for the streak: she has still never skipped one.
SHOWUP_NOW="2026-12-15 12:00" run streak --json
expect_json 'd["current"]["sessions"] == 260'
run show fri --json
expect_json 'has(d, {"status": "cancelled", "cancelled_by": "me", "reason": "three weeks off"})'
expect_json '[(c["kind"], c["note"]) for c in d["contacts"]] == [("call", "I'"'"'ll take the three weeks")]'

# Back on Tue 15 Dec: the topic is filed under that session.
SHOWUP_NOW="2026-12-15 12:00" run attend 2026-12-15
expect_out "1 topic from the agenda filed under it"
SHOWUP_NOW="2026-12-15 12:00" run show 2026-12-15 --json
expect_json '[a["text"] for a in d["agenda"]] == ["how the three weeks went"]'

# What it adds up to, up to today (Thu 26 Nov): 260 attended, 4 away, 1 excused, 4 moved.
run summary --json
expect_json '{k: v for k, v in d["counts"].items() if v} == {"attended": 260, "away": 4, "excused": 1, "rescheduled": 4}'
expect_json 'd["attendance_rate"] == 1 and d["late"] == {"sessions": 1, "minutes": 30}'
# Her own words, read back.
run notes --grep "wrong time"
expect_out "I had the wrong time in my calendar"
run away list --all --json
expect_json '[(a["whose"], a["from"], a["sessions_affected"]) for a in d["absences"]] == [
  ("provider", "2025-08-04", 4), ("me", "2026-08-03", 1), ("provider", "2026-11-30", 4)]'

finish
