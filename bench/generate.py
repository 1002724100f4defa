#!/usr/bin/env python3
"""Writes a realistic showup data file (docs/data-format.md) with about N recorded sessions.

Each schedule is three sessions a week for about ten years up to "now" (2026-11-25), with
years of recorded outcomes: mostly attended, some late, skipped, cancelled, moved, with notes,
and a provider's two absences a year. More sessions means more schedules side by side.

--unlogged N leaves the most recent occurrences before "now", about N of them (whole days, at
least the last day of sessions), without a record: nothing logged yet, as after a week away
from the app. The benchmark's write attends one of them; with a big N, one `attend --through`
logs them all (the bulk change). The sessions before that stay as above.

--peers SHOWUP.json TASKS.json TIMEWDB makes the same items for taskwarrior and timewarrior:
one task per stored session (pending, due at its start, annotated with its outcome and note),
as a JSON array for `task import`, and one interval per stored session, tagged with its
provider, written straight into TIMEWDB/data/YYYY-MM.data. Intervals may not overlap in
timewarrior, so a day's intervals are laid end to end from 06:00Z (the day stays the session's;
the length is 50 minutes, shorter when many schedules share a day).
"""
import datetime as dt
import json
import random
import sys

NOW = dt.date(2026, 11, 25)
PER_SCHEDULE = 1500


def peers(src, tasks_out, timew_dir):
    import os
    data = json.load(open(src))
    names = {p["id"]: p["name"] for p in data["providers"]}
    stamp = lambda t: t.strftime("%Y%m%dT%H%M%SZ")
    tasks, days = [], {}
    for i, s in enumerate(data["sessions"]):
        start = dt.datetime.fromisoformat(s["start"])
        words = s.get("outcome") or ("moved to " + s["rescheduled_to"] if "rescheduled_to" in s else "planned")
        for key in ("reason", "note"):
            if key in s:
                words += ": " + s[key]
        tasks.append({"uuid": f"{i:08x}-0000-4000-8000-{i:012x}", "status": "pending",
                      "description": "Session with " + names[s["provider"]], "entry": stamp(start),
                      "due": stamp(start), "annotations": [
                          {"entry": stamp(start + dt.timedelta(minutes=s["duration"])), "description": words}]})
        days.setdefault(start.date(), []).append(s["provider"])
    with open(tasks_out, "w") as f:
        json.dump(tasks, f)
    slot = min(50, 18 * 60 // max(len(v) for v in days.values()))
    months, tags = {}, {}
    for day in sorted(days):
        at = dt.datetime.combine(day, dt.time(6, 0))
        for j, provider in enumerate(days[day]):
            begin = at + dt.timedelta(minutes=slot * j)
            months.setdefault(day.strftime("%Y-%m"), []).append(
                f"inc {stamp(begin)} - {stamp(begin + dt.timedelta(minutes=slot))} # {provider}\n")
            tags[provider] = tags.get(provider, 0) + 1
    os.makedirs(os.path.join(timew_dir, "data"), exist_ok=True)
    open(os.path.join(timew_dir, "timewarrior.cfg"), "w").close()
    for month, lines in months.items():
        with open(os.path.join(timew_dir, "data", month + ".data"), "w") as f:
            f.writelines(lines)
    with open(os.path.join(timew_dir, "data", "tags.data"), "w") as f:
        json.dump({t: {"count": c} for t, c in tags.items()}, f, indent=2)
    print(f"{tasks_out}, {timew_dir}: {len(tasks)} tasks and intervals of {slot} minutes")


def main():
    args = sys.argv[1:]
    if len(args) == 4 and args[0] == "--peers":
        return peers(*args[1:])
    unlogged = 0
    if len(args) == 4 and args[0] == "--unlogged":
        unlogged, args = int(args[1]), args[2:]
    if len(args) != 2:
        sys.exit("usage: generate.py [--unlogged N] SESSIONS OUT.json | --peers SHOWUP.json TASKS.json TIMEWDB")
    total, out = int(args[0]), args[1]
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
    if unlogged > 0:
        # The day of the N-th most recent occurrence: from it on, occurrences have no record
        # (and a one-off made by moving one of them goes with it).
        occurrences = [s for s in sessions if "schedule" in s]
        cut = occurrences[-min(unlogged, len(occurrences))]["start"][:10]
        gone = {s["id"] for s in occurrences if s["start"][:10] >= cut}
        sessions = [s for s in sessions if s["id"] not in gone and s.get("rescheduled_from") not in gone]
    line = lambda o: json.dumps(o, separators=(",", ":"), ensure_ascii=False)
    with open(out, "w") as f:
        # The current version, as every file is after its first change: a version 1 file's first
        # write is its upgrade, which writes every record anew.
        f.write('{\n  "version": 2,\n  "timezone": "Europe/Berlin",\n')
        f.write(f'  "next_ids": {line({"schedule": len(schedules) + 1, "session": session_n, "absence": absence_n, "contact": 1, "agenda": 1, "budget": 1})},\n')
        for key, items in (("providers", providers), ("schedules", schedules), ("sessions", sessions),
                           ("absences", absences), ("contacts", []), ("agenda", []), ("budgets", []),
                           ("history", [])):
            body = ",\n".join("    " + line(i) for i in items)
            f.write(f'  "{key}": [\n{body}\n  ]' if items else f'  "{key}": []')
            f.write("\n" if key == "history" else ",\n")
        f.write("}\n")
    print(f"{out}: {len(sessions)} sessions, {len(schedules)} schedules, {len(absences)} absences, "
          f"{len(gone) if unlogged else 0} unlogged")


if __name__ == "__main__":
    main()
