#!/usr/bin/env python3
"""Writes a realistic showup data file (docs/data-format.md) with about N recorded sessions.

Each schedule is three sessions a week for about ten years up to "now" (2026-11-25), with
years of recorded outcomes: mostly attended, some late, skipped, cancelled, moved, with notes,
and a provider's two absences a year. More sessions means more schedules side by side.
"""
import datetime as dt
import json
import random
import sys

NOW = dt.date(2026, 11, 25)
PER_SCHEDULE = 1500


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py SESSIONS OUT.json")
    total, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(total)
    schedules_n = max(1, round(total / PER_SCHEDULE))
    per = total // schedules_n
    providers, schedules, sessions, absences = [], [], [], []
    session_n, absence_n = 1, 1
    for k in range(schedules_n):
        pid = f"p{k + 1}"
        providers.append({"id": pid, "name": f"Dr. Provider {k + 1}", "duration": 50})
        weeks = per // 3 + 1
        start = NOW - dt.timedelta(weeks=weeks)
        start -= dt.timedelta(days=start.weekday())  # a Monday
        sid = f"s{k + 1}"
        schedules.append({"id": sid, "provider": pid, "days": ["mon", "wed", "fri"], "at": "17:30",
                          "every_weeks": 1, "from": start.isoformat(), "until": None, "duration": 50})
        years = range(start.year, NOW.year + 1)
        away = []
        for y in years:
            for month in (3, 8):
                a_from = dt.date(y, month, 10)
                a_to = a_from + dt.timedelta(days=13)
                absences.append({"id": f"a{absence_n}", "provider": pid, "from": a_from.isoformat(),
                                 "to": a_to.isoformat(), "reason": "vacation"})
                absence_n += 1
                away.append((a_from, a_to))
        day, count = start, 0
        while day < NOW and count < per:
            if day.weekday() in (0, 2, 4) and not any(f <= day <= t for f, t in away):
                rec = {"id": f"{sid}@{day.isoformat()}", "schedule": sid, "start": f"{day.isoformat()}T17:30",
                       "duration": 50, "provider": pid}
                r = rng.random()
                if r < 0.02:
                    new_id = f"o{session_n}"
                    session_n += 1
                    moved = day + dt.timedelta(days=1)
                    rec.update({"rescheduled_to": new_id, "moved_by": "provider", "reason": "training day"})
                    sessions.append({"id": new_id, "start": f"{moved.isoformat()}T10:00", "duration": 50,
                                     "provider": pid, "outcome": "attended", "rescheduled_from": rec["id"]})
                    count += 1
                elif r < 0.05:
                    rec.update({"outcome": "skipped", "reason": "exam week"})
                elif r < 0.07:
                    rec.update({"outcome": "cancelled", "reason": "she was ill"})
                else:
                    rec["outcome"] = "attended"
                    if r > 0.95:
                        rec["late_minutes"] = rng.choice([5, 10, 15])
                    if r > 0.9 and r < 0.92:
                        rec["note"] = "talked about work, sleep and the family"
                sessions.append(rec)
                count += 1
            day += dt.timedelta(days=1)
    sessions.sort(key=lambda s: (s["start"], s["id"]))
    line = lambda o: json.dumps(o, separators=(",", ":"), ensure_ascii=False)
    with open(out, "w") as f:
        f.write('{\n  "version": 1,\n  "timezone": "Europe/Berlin",\n')
        f.write(f'  "next_ids": {line({"schedule": len(schedules) + 1, "session": session_n, "absence": absence_n})},\n')
        for key, items in (("providers", providers), ("schedules", schedules), ("sessions", sessions),
                           ("absences", absences), ("history", [])):
            body = ",\n".join("    " + line(i) for i in items)
            f.write(f'  "{key}": [\n{body}\n  ]' if items else f'  "{key}": []')
            f.write("\n" if key == "history" else ",\n")
        f.write("}\n")
    print(f"{out}: {len(sessions)} sessions, {len(schedules)} schedules, {len(absences)} absences")


if __name__ == "__main__":
    main()
