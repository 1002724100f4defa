"""Every zone tzdata lists, against Python's zoneinfo, through the real CLI output.

For each zone: sessions whose wall-clock times sit just before, inside, at the edges of and just
after some of the zone's changes of offset (every kind of change it has, and a sample of the
rest), from 1900 to 2200; `showup list --json` must give each one the start and end that
Python's zoneinfo gives: a time that happens twice is the first, one that a change skipped is
read with the offset before the change (fold=0, as RFC 5545 reads it too), the end is the start
plus the duration, and each is printed as the wall-clock time of its instant with the offset in
force then (seconds and all).

Usage: zones_vs_python.py SHOWUP SCRATCH_DIR [TZDIR]
"""

import concurrent.futures
import datetime
import json
import os
import random
import struct
import subprocess
import sys
import zoneinfo

SHOWUP, SCRATCH = sys.argv[1], sys.argv[2]
TZDIR = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/zoneinfo"
UTC = datetime.timezone.utc
FIRST_YEAR, LAST_YEAR = 1900, 2200
# Changes sampled per zone, besides every change of a kind not seen yet in it.
SAMPLE = 6
MINUTE = 60


def names():
    """The zones and links tzdata lists (tzdata.zi), without Factory (no place's time)."""
    out = set()
    with open(os.path.join(TZDIR, "tzdata.zi"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and fields[0] == "Z":
                out.add(fields[1])
            elif fields and fields[0] == "L":
                out.add(fields[2])
    out.discard("Factory")
    return sorted(out)


def table(name):
    """The 64-bit transitions of the zone's TZif file: [(instant, offset before, offset after)]."""
    data = open(os.path.join(TZDIR, name), "rb").read()

    def header(pos):
        counts = struct.unpack(">6l", data[pos + 20 : pos + 44])
        return data[pos + 4 : pos + 5], counts

    version, (isut, isstd, leap, timecnt, typecnt, charcnt) = header(0)
    assert version >= b"2", name
    pos = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    _, (isut, isstd, leap, timecnt, typecnt, charcnt) = header(pos)
    pos += 44
    times = struct.unpack(f">{timecnt}q", data[pos : pos + 8 * timecnt])
    pos += 8 * timecnt
    idx = data[pos : pos + timecnt]
    pos += timecnt
    offsets = [struct.unpack(">lBB", data[pos + 6 * i : pos + 6 * i + 6])[0] for i in range(typecnt)]
    out = []
    before = offsets[0]
    for t, i in zip(times, idx):
        if offsets[i] != before:
            out.append((t, before, offsets[i]))
        before = offsets[i]
    return out


def offset_at(tz, t):
    return int(datetime.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())


def rule_changes(tz, year):
    """Changes of offset in `year` found by bisection (for the years the footer's rule covers)."""
    out = []
    start = int(datetime.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    points = [start + 86400 * 7 * k for k in range(53)]
    for lo, hi in zip(points, points[1:]):
        a, b = offset_at(tz, lo), offset_at(tz, hi)
        if a == b:
            continue
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if offset_at(tz, mid) == a:
                lo = mid
            else:
                hi = mid
        out.append((hi, a, b))
    return out


def in_range(t):
    return datetime.datetime(FIRST_YEAR, 1, 3, tzinfo=UTC).timestamp() <= t <= datetime.datetime(
        LAST_YEAR, 12, 29, tzinfo=UTC
    ).timestamp()


def chosen_changes(name, tz):
    changes = [c for c in table(name) if in_range(c[0])]
    last = changes[-1][0] if changes else -(2**62)
    for year in (2040, 2100, 2199):
        changes += [c for c in rule_changes(tz, year) if c[0] > last]
    rng = random.Random(name)
    picked, kinds = [], set()
    for c in changes:
        # A kind: forward or back, by how much, with or without seconds.
        kind = (c[2] - c[1], c[1] % 60 != 0 or c[2] % 60 != 0)
        if kind not in kinds:
            kinds.add(kind)
            picked.append(c)
    rest = [c for c in changes if c not in picked]
    picked += rng.sample(rest, min(SAMPLE, len(rest)))
    return sorted(picked)


def local_minutes(t):
    """A wall-clock time (seconds, as if UTC) cut to the minute, as a naive datetime."""
    return datetime.datetime.fromtimestamp(t - t % MINUTE, UTC).replace(tzinfo=None)


def probes(change):
    """Wall-clock times and durations around one change."""
    t, before, after = change
    lo, hi = t + min(before, after), t + max(before, after)  # the skipped or repeated times
    out = {
        (lo - 60 * MINUTE, 50),
        (lo - 30 * MINUTE, 120),  # runs across the change
        (lo + MINUTE - 1, 50),  # the first whole minute of the gap or overlap
        ((lo + hi) // 2, 50),
        (hi - 1, 50),  # its last minute
        (hi, 50),
        (hi + MINUTE - 1, 50),
        (hi + 30 * MINUTE, 50),
    }
    return {(local_minutes(w), d) for w, d in out}


def expected(tz, local, duration):
    start = local.replace(tzinfo=tz).astimezone(UTC)  # fold=0
    end = start + datetime.timedelta(minutes=duration)
    return start.astimezone(tz).isoformat(), end.astimezone(tz).isoformat()


def check(name):
    tz = zoneinfo.ZoneInfo(name)
    sessions, want = [], {}
    slots = set()
    for change in chosen_changes(name, tz):
        for local, duration in sorted(probes(change)):
            if not FIRST_YEAR <= local.year <= LAST_YEAR or local in slots:
                continue
            slots.add(local)
            sid = f"o{len(sessions) + 1}"
            sessions.append(
                {"id": sid, "start": local.strftime("%Y-%m-%dT%H:%M"), "duration": duration,
                 "provider": "p"}
            )
            want[sid] = (local, duration) + expected(tz, local, duration)
    if not sessions:
        sessions.append({"id": "o1", "start": "2026-06-01T10:00", "duration": 50, "provider": "p"})
        local = datetime.datetime(2026, 6, 1, 10, 0)
        want["o1"] = (local, 50) + expected(tz, local, 50)
    path = os.path.join(SCRATCH, name.replace("/", "_") + ".json")
    doc = {
        "version": 2, "timezone": name,
        "next_ids": {"schedule": 1, "session": len(sessions) + 1, "absence": 1, "contact": 1,
                     "agenda": 1, "budget": 1},
        "providers": [{"id": "p", "name": "P", "duration": 50}],
        "schedules": [], "sessions": sessions, "absences": [], "contacts": [], "agenda": [],
        "budgets": [], "history": [],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    run = subprocess.run(
        [SHOWUP, "--file", path, "--now", "2000-01-01T00:00:00Z", "list", "--json", "--from",
         f"{FIRST_YEAR}-01-01", "--to", f"{LAST_YEAR}-12-31"],
        capture_output=True, text=True,
    )
    os.unlink(path)
    if run.returncode != 0:
        return [f"{name}: exit {run.returncode}: {run.stderr.strip()}"], 0
    got = {s["id"]: (s["start"], s["end"]) for s in json.loads(run.stdout)["sessions"]}
    problems = []
    for sid, (local, duration, start, end) in want.items():
        if got.get(sid) != (start, end):
            problems.append(
                f"{name}: {local:%Y-%m-%d %H:%M} for {duration} min: showup {got.get(sid)}, "
                f"zoneinfo {(start, end)}"
            )
    return problems, len(want)


def main():
    zones = names()
    assert len(zones) > 500, f"only {len(zones)} zones in {TZDIR}/tzdata.zi"
    problems, count = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for p, n in pool.map(check, zones):
            problems += p
            count += n
    for p in problems[:40]:
        print(p)
    print(f"{len(zones)} zones, {count} sessions, {len(problems)} differences")
    sys.exit(1 if problems else 0)


main()
