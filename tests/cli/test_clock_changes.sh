#!/usr/bin/env bash
# Sessions across changes of the clocks, both ways, in both hemispheres and on Lord Howe Island
# (30 minutes): list, JSON, CSV and ICS agree with Python's zoneinfo and with each other; an ICS
# reader (python3-icalendar, and khal) reads every session back at the same instants, ending
# `duration` after it starts.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-01-01T00:00Z"
# Debian's python3 has zoneinfo on the system's tzdata and the icalendar package.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# 1. The report: a Sunday 02:30 schedule in Berlin from 18 October 2026.
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every sun --at 02:30 --from 2026-10-18
run list --json --from 2026-10-25 --to 2026-10-25
# 02:30 happens twice: the first, CEST; it ends 50 minutes later, at 02:20 CET.
expect_json 'has(d["sessions"], [{"start": "2026-10-25T02:30:00+02:00", "end": "2026-10-25T02:20:00+01:00"}])'
run list --json --from 2027-03-28 --to 2027-03-28
# 02:30 does not exist: it happens as the clock would have shown it, at 03:30 CEST.
expect_json 'has(d["sessions"], [{"id": "s1@2027-03-28", "start": "2027-03-28T03:30:00+02:00", "end": "2027-03-28T04:20:00+02:00"}])'
run list --from 2027-03-28 --to 2027-03-28
expect_out "Sun 28 Mar 2027 03:30"
run export --format csv --from 2027-03-28 --to 2027-03-28
expect_out "s1@2027-03-28,2027-03-28,2027-03-28T03:30:00+02:00,2027-03-28T04:20:00+02:00,"
# Named by the time it is shown at; the time that does not exist is refused.
run skip "2027-03-28 03:30"
expect_rc 0 "skip by the time shown"
expect_out "(s1@2027-03-28)"
with_unchanged_file skip "2027-03-28 02:30"
expect_error 2 '"2027-03-28 02:30" does not exist in Europe/Berlin, the clocks go forward then'
run export --format ics --from 2026-10-18 --to 2027-04-04
cp "$OUT" "$SCRATCH/report.ics"
run list --json --from 2026-10-18 --to 2027-04-04
cp "$OUT" "$SCRATCH/report.json"
if $PY -c 'import icalendar' 2>/dev/null; then
  $PY - "$SCRATCH/report.ics" "$SCRATCH/report.json" <<'PY' && ok || bad "the report's ICS read back"
import datetime, icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
listed = {s["id"]: s for s in json.load(open(sys.argv[2]))["sessions"]}
events = cal.walk("VEVENT")
assert len(events) == len(listed) == 25, (len(events), len(listed))
for e in events:
    sid = str(e["UID"]).split(".")[0].replace("s1-", "s1@")
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    assert end - start == datetime.timedelta(minutes=50), (sid, start, end)
    assert start == datetime.datetime.fromisoformat(listed[sid]["start"]), (sid, start)
    assert end == datetime.datetime.fromisoformat(listed[sid]["end"]), (sid, end)
PY
else
  skip_missing python3-icalendar "reading the export back with a real iCalendar reader"
fi

# khal imports every event and, in UTC, shows the instants: the session across the change ends
# 50 minutes after it starts (with DTEND read as the first 02:20, it ended before it started).
if command -v khal >/dev/null; then
  mkdir "$SCRATCH/khal"
  khal_config "$SCRATCH/khal.conf" showup "$SCRATCH/khal" UTC
  khal -c "$SCRATCH/khal.conf" import --batch -a showup "$SCRATCH/report.ics" >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "khal import"
  [ "$(find "$SCRATCH/khal" -name '*.ics' | wc -l)" -eq 25 ] && ok || bad "khal did not import 25 events"
  khal -c "$SCRATCH/khal.conf" list --format "{start} {end}" --day-format "" 2026-10-18 2027-04-05 \
    >"$OUT" 2>"$ERR"
  expect_out "2026-10-25 00:30 2026-10-25 01:20"
  expect_out "2027-03-28 01:30 2027-03-28 02:20"
  [ "$(grep -c . "$OUT")" -eq 25 ] && ok || bad "khal does not list 25 sessions"
else
  skip_missing khal "importing the export into khal"
fi

# 2. Both changes of 2026 in four zones. Slots before, in, at the edges of and after the
# skipped or repeated times, and a two-hour session across the change.
#   zone, the day clocks go forward, the day they go back, slots as HH:MM/MINUTES
check_zone() {
  local zone=$1 forward=$2 back=$3
  shift 3
  export SHOWUP_FILE=$SCRATCH/${zone//\//_}.json
  run init --timezone "$zone"
  expect_rc 0 "init $zone"
  run provider add "Dr. Okafor" --id okafor
  local slot
  for slot in "$@"; do
    run schedule add --every sun --at "${slot%/*}" --duration "${slot#*/}" --from 2026-01-01
    expect_rc 0 "$zone: schedule at $slot"
  done
  local day
  for day in "$forward" "$back"; do
    run list --json --from "$day" --to "$day"
    cp "$OUT" "$SCRATCH/list.json"
    run export --format csv --from "$day" --to "$day"
    cp "$OUT" "$SCRATCH/list.csv"
    run export --format ics --from "$day" --to "$day"
    cp "$OUT" "$SCRATCH/list.ics"
    $PY - "$zone" "$day" "$SCRATCH" "$@" <<'PY' && ok || bad "$zone on $day"
import csv, datetime, json, sys, zoneinfo
zone, day, scratch, slots = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
tz = zoneinfo.ZoneInfo(zone)
listed = json.load(open(f"{scratch}/list.json"))["sessions"]
assert len(listed) == len(slots), listed
want = {}
for i, slot in enumerate(slots, 1):
    at, minutes = slot.split("/")
    local = datetime.datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=tz)  # fold=0
    start = local.astimezone(datetime.timezone.utc)
    end = start + datetime.timedelta(minutes=int(minutes))
    want[f"s{i}@{day}"] = (start.astimezone(tz).isoformat(), end.astimezone(tz).isoformat())
got = {s["id"]: (s["start"], s["end"]) for s in listed}
assert got == want, (got, want)
rows = {r["id"]: (r["start"], r["end"]) for r in csv.DictReader(open(f"{scratch}/list.csv", newline=""))}
assert rows == want, (rows, want)
try:
    import icalendar
except ImportError:
    sys.exit(0)
cal = icalendar.Calendar.from_ical(open(f"{scratch}/list.ics", "rb").read())
events = cal.walk("VEVENT")
assert len(events) == len(slots)
for e in events:
    sid = str(e["UID"]).split(".")[0].replace("-", "@", 1)
    start, end = want[sid]
    assert e.decoded("DTSTART") == datetime.datetime.fromisoformat(start), (sid, e.decoded("DTSTART"), start)
    assert e.decoded("DTEND") == datetime.datetime.fromisoformat(end), (sid, e.decoded("DTEND"), end)
    # The wall-clock time list shows, in the zone; a time that happens twice, in UTC (readers
    # differ on which of the two a local time means).
    text, local = e["DTSTART"].to_ical().decode(), start[:19].replace("-", "").replace(":", "")
    if e["DTSTART"].params.get("TZID") == zone:
        assert text == local, (sid, text, local)
    else:
        assert text.endswith("Z") and e.decoded("DTSTART").utcoffset() == datetime.timedelta(0), (sid, text)
PY
  done
  $PY -c 'import icalendar' 2>/dev/null || skip_missing python3-icalendar "reading $zone's ICS back"
  export SHOWUP_FILE=$SCRATCH/showup.json
}
# Berlin: 02:00 -> 03:00 on 29 March, 03:00 -> 02:00 on 25 October.
check_zone Europe/Berlin 2026-03-29 2026-10-25 01:30/50 02:00/50 02:30/50 02:59/50 03:00/50 01:30/120 03:30/50
# New York: 02:00 -> 03:00 on 8 March, 02:00 -> 01:00 on 1 November.
check_zone America/New_York 2026-03-08 2026-11-01 00:30/50 01:00/50 01:30/50 02:00/50 02:30/50 01:30/120 03:00/50
# Sydney: 03:00 -> 02:00 on 5 April, 02:00 -> 03:00 on 4 October.
check_zone Australia/Sydney 2026-10-04 2026-04-05 01:30/50 02:00/50 02:30/50 02:59/50 03:00/50 01:30/120 03:30/50
# Lord Howe: 02:00 -> 01:30 on 5 April, 02:00 -> 02:30 on 4 October (half an hour).
check_zone Australia/Lord_Howe 2026-10-04 2026-04-05 01:15/50 01:30/50 01:45/50 02:00/50 02:15/50 02:30/50 01:30/120

# 3. An offset with seconds: Monrovia kept -00:44:30 until 7 January 1972, 00:00, when its
# clocks went forward 44 minutes 30 seconds. Nothing is cut to the minute.
export SHOWUP_FILE=$SCRATCH/monrovia.json SHOWUP_NOW=1971-01-01T00:00Z
run init --timezone Africa/Monrovia
run provider add "Dr. Okafor" --id okafor
run schedule add --every fri --at 00:10 --from 1971-12-31 --until 1972-01-14
run list --json --from 1971-12-31 --to 1972-01-14
expect_json 'has([[s["start"], s["end"]] for s in d["sessions"]], [["1971-12-31T00:10:00-00:44:30", "1971-12-31T01:00:00-00:44:30"], ["1972-01-07T00:54:30+00:00", "1972-01-07T01:44:30+00:00"], ["1972-01-14T00:10:00+00:00", "1972-01-14T01:00:00+00:00"]])'
run export --format ics --from 1971-12-31 --to 1972-01-14
expect_out "TZOFFSETFROM:-004430"
expect_out "DTSTART;TZID=Africa/Monrovia:19720107T005430"
if $PY -c 'import icalendar' 2>/dev/null; then
  $PY - "$OUT" <<'PY' && ok || bad "Monrovia's VTIMEZONE read back"
import datetime, icalendar, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
offsets = [c["TZOFFSETTO"].td for c in cal.walk("VTIMEZONE")[0].subcomponents]
assert offsets == [-datetime.timedelta(minutes=44, seconds=30), datetime.timedelta(0)], offsets
PY
else
  skip_missing python3-icalendar "reading Monrovia's VTIMEZONE back"
fi

finish
