#!/usr/bin/env bash
# Exports, read back with real readers: Python's csv module and python3-icalendar.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-03-20 12:00"
# Debian's python3 has the icalendar package; a python3 earlier on PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

run init --timezone Europe/Berlin
run provider add "Dr. Okafor, PhD" --id okafor
run schedule add --every sun --at 10:00 --from 2026-03-01 --until 2026-04-12
run attend --through 2026-03-15
run attend 2026-03-08 --late 5 --note 'said "no", then; yes
on two lines'
run away add 2026-04-04 2026-04-10 --reason "Easter, family"
run skip 2026-03-29 --reason "a long reason that will need folding because it is far longer than seventy-five octets, ünïcödé too"

run export --format csv
expect_rc 0 "export csv"
$PY - "$OUT" <<'PY' && ok || bad "csv read back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["date"] for r in rows] == ["2026-03-01", "2026-03-08", "2026-03-15", "2026-03-22", "2026-03-29", "2026-04-05", "2026-04-12"], rows
assert rows[1]["note"] == 'said "no", then; yes\non two lines' and rows[1]["late_minutes"] == "5", rows[1]
assert rows[4]["status"] == "skipped" and rows[4]["no_show"] == "false"
assert rows[3]["start"] == "2026-03-22T10:00:00+01:00" and rows[4]["start"] == "2026-03-29T10:00:00+02:00"
assert list(rows[0].keys()) == ["id", "date", "start", "end", "provider", "status", "late_minutes", "no_show", "reason", "note", "schedule", "rescheduled_from", "rescheduled_to", "cancelled_by", "fee"]
assert all(r["schedule"] == "s1" for r in rows), rows
PY

run export --format ics
expect_rc 0 "export ics"
cp "$OUT" "$SCRATCH/first.ics"
awk 'length($0) > 76 { exit 1 }' "$OUT" && ok || bad "an ics line is longer than 75 octets"
grep -q $'\r$' "$OUT" && ok || bad "ics lines do not end in CRLF"
if $PY -c 'import icalendar' 2>/dev/null; then
  $PY - "$OUT" <<'PY' && ok || bad "ics read back"
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [e for e in cal.walk("VEVENT")]
sessions = [e for e in events if not str(e["UID"]).startswith("absence.")]
assert len(sessions) == 7, len(sessions)
utc = [e.decoded("DTSTART").astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M") for e in sessions]
# 10:00 in Berlin: 09:00 UTC before 29 March, 08:00 UTC after.
assert utc == ["2026-03-01 09:00", "2026-03-08 09:00", "2026-03-15 09:00", "2026-03-22 09:00",
               "2026-03-29 08:00", "2026-04-05 08:00", "2026-04-12 08:00"], utc
assert str(sessions[0]["SUMMARY"]) == "Session with Dr. Okafor, PhD"
assert "ünïcödé" in str(sessions[4]["DESCRIPTION"]), sessions[4]["DESCRIPTION"]
assert 'said "no", then; yes\non two lines' in str(sessions[1]["DESCRIPTION"])
assert str(sessions[5]["STATUS"]) == "CANCELLED" and str(sessions[0]["STATUS"]) == "CONFIRMED"
absences = [e for e in events if str(e["UID"]).startswith("absence.")]
assert len(absences) == 1 and absences[0].decoded("DTSTART") == datetime.date(2026, 4, 4)
assert absences[0].decoded("DTEND") == datetime.date(2026, 4, 11)
assert len(cal.walk("VTIMEZONE")) == 1
PY
else
  skip_missing python3-icalendar "reading the export back with a real iCalendar reader"
fi
# UIDs stay the same across exports, so calendars update rather than duplicate.
SHOWUP_NOW="2026-03-21 12:00" run export --format ics
diff <(grep ^UID "$SCRATCH/first.ics") <(grep ^UID "$OUT") >/dev/null && ok || bad "UIDs changed between exports"

run export --format json
expect_rc 0 "export json"
cp "$OUT" "$SCRATCH/copy.json"
expect_json '"history" in d and d["history"] == [] and len(d["sessions"]) == 4 and d["timezone"] == "Europe/Berlin"'
run --file "$SCRATCH/copy.json" list --from 2026-03-01 --to 2026-04-12 --json
expect_json 'len(d["sessions"]) == 7'

# A calendar to keep, not an iTIP message: no METHOD (PUBLISH would need an ORGANIZER in each
# event), and a name for calendar apps.
grep -q '^METHOD' "$SCRATCH/first.ics" && bad "the ics has a METHOD" || ok
grep -q $'^X-WR-CALNAME:showup\r$' "$SCRATCH/first.ics" && ok || bad "the ics has no X-WR-CALNAME"

# libical's own checks (through its GObject binding): the restrictions RFC 5546 puts on a
# calendar of its METHOD (PUBLISH would need an ORGANIZER), and what its parser flags.
libical_check() {
  $PY - "$1" <<'PY'
import sys, gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
comp = ICalGLib.Parser.parse_string(open(sys.argv[1]).read())
ok = ICalGLib.restriction_check(comp)
errors = []
def walk(c):
    p = c.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while p is not None:
        errors.append(p.as_ical_string().strip())
        p = c.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    k = c.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while k is not None:
        walk(k)
        k = c.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
walk(comp)
if not ok or errors:
    sys.exit(f"libical: {errors}")
PY
}
if $PY -c 'import gi; gi.require_version("ICalGLib", "3.0")' 2>/dev/null; then
  libical_check "$SCRATCH/first.ics" && ok || bad "libical's checks of the ics"
else
  skip_missing gir1.2-ical-3.0 "libical's checks of the ics"
fi

# What a spreadsheet would run, the columns list --json has, and a tab in a note.
export SHOWUP_FILE=$SCRATCH/five.json
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor --notice 48h --fee 60
run schedule add --every tue --at 18:00 --from 2026-03-03 --until 2026-03-31
run attend 2026-03-03 --note '=HYPERLINK("http://example.com","x")'
run attend 2026-03-10 --note $'first\tsecond'
run reschedule 2026-03-17 --to "2026-03-19 18:00"
SHOWUP_NOW="2026-03-23 21:00" run cancel 2026-03-24 --by me --told "2026-03-23 20:00" --reason "@home, sick"
run cancel 2026-03-31 --by provider --reason "-ill"
expect_rc 0 "set-up of the csv guard"
run away add 2026-04-06 2026-04-08 --me --reason "exams"
expect_rc 0 "own time away"
run export --format csv
expect_rc 0 "export csv with formulas"
cp "$OUT" "$SCRATCH/five.csv"
$PY - "$OUT" <<'PY' && ok || bad "csv guards and new columns"
import csv, sys
text = open(sys.argv[1], newline="").read()
rows = list(csv.DictReader(text.splitlines(keepends=True)))
by = {r["date"]: r for r in rows}
# A leading apostrophe makes a spreadsheet take the cell as text; the rest is kept as written.
assert by["2026-03-03"]["note"] == "'=HYPERLINK(\"http://example.com\",\"x\")", by["2026-03-03"]
assert by["2026-03-24"]["reason"] == "'@home, sick" and by["2026-03-31"]["reason"] == "'-ill"
assert by["2026-03-10"]["note"] == "first\tsecond"
assert by["2026-03-17"]["status"] == "rescheduled" and by["2026-03-17"]["rescheduled_to"] == "o1"
assert by["2026-03-19"]["rescheduled_from"] == "s1@2026-03-17" and by["2026-03-19"]["schedule"] == ""
assert by["2026-03-24"]["status"] == "late-cancel" and by["2026-03-24"]["cancelled_by"] == "me"
assert by["2026-03-24"]["fee"] == "60.00" and by["2026-03-31"]["cancelled_by"] == "provider"
assert by["2026-03-31"]["fee"] == "" and by["2026-03-03"]["cancelled_by"] == ""
# Dates, times and ids are never guarded: none starts with one of = + - @.
assert all(not r[k].startswith("'") for r in rows for k in ("id", "date", "start", "end")), rows
PY
run list --json --from 2026-03-01 --to 2026-03-31
$PY - "$OUT" "$SCRATCH/five.csv" <<'PY' && ok || bad "csv columns are list --json's"
import csv, json, sys
sessions = json.load(open(sys.argv[1]))["sessions"]
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
assert len(rows) == len(sessions) == 6, (rows, sessions)
def cell(v):
    return "" if v is None else json.dumps(v) if isinstance(v, bool) else str(v)
# Each member of list --json is a column with the same value (guarded ones: after the apostrophe).
for r, s in zip(rows, sessions):
    for key, value in s.items():
        got = r[key]
        assert (got[1:] if got.startswith("'") else got) == cell(value), (key, got, value)
PY
run export --format ics
expect_rc 0 "export ics with a tab"
if $PY -c 'import icalendar' 2>/dev/null; then
  $PY - "$OUT" <<'PY' && ok || bad "a tab in a note survives ics"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
notes = [str(e["DESCRIPTION"]) for e in cal.walk("VEVENT")]
assert any("Note: first\tsecond" in n for n in notes), notes
assert any('Note: =HYPERLINK("http://example.com","x")' in n for n in notes), notes
assert "METHOD" not in cal and str(cal["X-WR-CALNAME"]) == "showup"
away = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("absence.")]
assert [str(e["SUMMARY"]) for e in away] == ["Your time away"], away
PY
else
  skip_missing python3-icalendar "reading a tab back from the ics"
fi
if $PY -c 'import gi; gi.require_version("ICalGLib", "3.0")' 2>/dev/null; then
  libical_check "$OUT" && ok || bad "libical's checks of the ics with a tab and formulas"
fi
export SHOWUP_FILE=$SCRATCH/showup.json

with_unchanged_file export --format xml
expect_error 2 '"xml" is not one of json|csv|ics'
with_unchanged_file export
expect_error 2 "--format is required"
with_unchanged_file export --format json --from 2026-01-01
expect_error 2 "--format json exports the whole file"

finish
