#!/usr/bin/env bash
# iCalendar import, end to end, on files written by real calendar programs: python3-icalendar
# (an invitation, its update and its cancellation), khal (its vdir's event files, read back by
# `khal printics`) and calcurse (`calcurse -x ical`), with hand-computed sessions.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00" # a Wednesday
# Debian's python3 has the icalendar package; a python3 earlier on PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run provider add "DBT group" --id group --duration 90

# --- python3-icalendar: the practice's invitations -----------------------------------------
# invite.py FILE VARIANT writes the practice's calendar: "first" as sent, "moved" with the
# one-off an hour later (SEQUENCE 1), "cancel" as an iTIP cancellation of it.
cat >"$SCRATCH/invite.py" <<'PY'
import sys, datetime
from icalendar import Calendar, Event
path, variant = sys.argv[1], sys.argv[2]
stamp = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.timezone.utc)
def local(*args):
    return datetime.datetime(*args)
def event(uid, summary, start, end=None, duration=None, zone="Europe/Berlin", **more):
    e = Event()
    e.add("uid", uid)
    e.add("dtstamp", stamp)
    e.add("summary", summary)
    e.add("dtstart", start, parameters={"TZID": zone})
    if end:
        e.add("dtend", end, parameters={"TZID": zone})
    if duration:
        e.add("duration", duration)
    for key, value in more.items():
        e.add(key.replace("_", "-"), value)
    return e
cal = Calendar()
cal.add("prodid", "-//Practice//Invitations//EN")
cal.add("version", "2.0")
if variant == "cancel":
    cal.add("method", "CANCEL")
    cal.add_component(event("inv-1@practice.example", "Session", local(2026, 12, 1, 11, 0),
                            duration=datetime.timedelta(minutes=50), sequence=2,
                            status="CANCELLED"))
else:
    cal.add("method", "REQUEST")
    hour = 11 if variant == "moved" else 10
    # A summary with a comma, a semicolon, a newline and more than 75 octets: escaped, folded.
    cal.add_component(event("inv-1@practice.example",
                            "Session with Dr. Okafor, room 2; bring the\nworksheet " + "é" * 40,
                            local(2026, 12, 1, hour, 0), local(2026, 12, 1, hour, 50),
                            sequence=1 if variant == "moved" else 0))
    # Thursdays 17:30 for eight weeks, but not 10 December.
    series = event("series-1@practice.example", "Weekly session", local(2026, 11, 26, 17, 30),
                   duration=datetime.timedelta(minutes=50),
                   rrule={"freq": "weekly", "byday": "th", "count": 8})
    series.add("exdate", local(2026, 12, 10, 17, 30), parameters={"TZID": "Europe/Berlin"})
    cal.add_component(series)
    if variant == "moved":
        # One of the series moved: Thursday 3 December to Friday 18:00.
        one = event("series-1@practice.example", "Weekly session", local(2026, 12, 4, 18, 0),
                    duration=datetime.timedelta(minutes=50), sequence=1)
        one.add("recurrence-id", local(2026, 12, 3, 17, 30), parameters={"TZID": "Europe/Berlin"})
        cal.add_component(one)
    # Called off already.
    cal.add_component(event("inv-2@practice.example", "Session", local(2026, 12, 2, 11, 0),
                            local(2026, 12, 2, 11, 50), status="CANCELLED"))
    # Across the clock change of 28 March 2027: 01:30 to 03:30 on the wall is one hour.
    cal.add_component(event("inv-3@practice.example", "Night session", local(2027, 3, 28, 1, 30),
                            local(2027, 3, 28, 3, 30)))
    # Sundays at 10:00 across that change: 10:00 on the wall each week (09:00, then 08:00 UTC).
    cal.add_component(event("series-2@practice.example", "Sunday group", local(2027, 3, 21, 10, 0),
                            local(2027, 3, 21, 11, 30), rrule={"freq": "weekly", "count": 3}))
    # New York moves its clocks on 14 March, Berlin on 28 March: 10:00 there is 15:00 here.
    cal.add_component(event("inv-4@practice.example", "Video call", local(2027, 3, 20, 10, 0),
                            local(2027, 3, 20, 10, 45), zone="America/New_York"))
    # Her vacation, all day (DTEND is the day after).
    v = Event()
    v.add("uid", "vacation@practice.example")
    v.add("dtstamp", stamp)
    v.add("summary", "Dr. Okafor on vacation")
    v.add("dtstart", datetime.date(2026, 12, 21))
    v.add("dtend", datetime.date(2027, 1, 4))
    v.add("categories", ["VACATION"])
    cal.add_component(v)
    # Monthly: showup keeps weekly schedules only.
    cal.add_component(event("monthly@practice.example", "Review", local(2026, 12, 15, 9, 0),
                            local(2026, 12, 15, 9, 30), rrule={"freq": "monthly", "count": 3}))
open(path, "wb").write(cal.to_ical())
PY

if $PY -c 'import icalendar' 2>/dev/null; then
  $PY "$SCRATCH/invite.py" "$SCRATCH/invite.ics" first
  grep -q '^ ' "$SCRATCH/invite.ics" && ok || bad "python3-icalendar did not fold the long summary"

  # A dry run says what would happen and writes nothing.
  with_unchanged_file import "$SCRATCH/invite.ics" --provider okafor --dry-run
  expect_rc 0 "import --dry-run"
  expect_out "7 added, 1 refused (dry run: nothing written)"
  expect_err "showup: warning: 1 event of $SCRATCH/invite.ics was not imported"
  with_unchanged_file import "$SCRATCH/invite.ics" --provider okafor --dry-run --json
  expect_json 'd["dry_run"] is True and d["written"] is False and d["counts"] == {"added": 7, "updated": 0, "unchanged": 0, "removed": 0, "refused": 1}'

  cp "$SHOWUP_FILE" "$SCRATCH/before-import"
  run import "$SCRATCH/invite.ics" --provider okafor --json
  expect_rc 0 "import"
  expect_json '[(e["uid"], e["action"], e["kind"], e["id"]) for e in d["events"]] == [
    ("inv-1@practice.example", "added", "session", "o1"),
    ("series-1@practice.example", "added", "schedule", "s1"),
    ("inv-2@practice.example", "added", "session", "o2"),
    ("inv-3@practice.example", "added", "session", "o3"),
    ("series-2@practice.example", "added", "schedule", "s2"),
    ("inv-4@practice.example", "added", "session", "o4"),
    ("vacation@practice.example", "added", "absence", "a1"),
    ("monthly@practice.example", "refused", None, None)]'
  expect_json 'd["events"][0]["summary"].startswith("Session with Dr. Okafor, room 2; bring the\nworksheet éé")'
  expect_json 'd["events"][7]["detail"].startswith("RRULE (line ") and "FREQ=MONTHLY repeats otherwise than weekly" in d["events"][7]["detail"]'
  expect_json 'd["events"][1]["detail"] == "every thu at 17:30, 50 min, from 2026-11-26 to 2027-01-14; 1 session cancelled"'
  expect_json 'd["written"] is True and d["provider"] == "okafor"'

  run list --from 2026-11-26 --to 2026-12-17 --json
  expect_json '[(s["id"], s["start"], s["end"], s["status"]) for s in d["sessions"]] == [
    ("s1@2026-11-26", "2026-11-26T17:30:00+01:00", "2026-11-26T18:20:00+01:00", "scheduled"),
    ("o1", "2026-12-01T10:00:00+01:00", "2026-12-01T10:50:00+01:00", "scheduled"),
    ("o2", "2026-12-02T11:00:00+01:00", "2026-12-02T11:50:00+01:00", "cancelled"),
    ("s1@2026-12-03", "2026-12-03T17:30:00+01:00", "2026-12-03T18:20:00+01:00", "scheduled"),
    ("s1@2026-12-10", "2026-12-10T17:30:00+01:00", "2026-12-10T18:20:00+01:00", "cancelled"),
    ("s1@2026-12-17", "2026-12-17T17:30:00+01:00", "2026-12-17T18:20:00+01:00", "scheduled")]'
  # The clock change: one real hour; the Sunday group keeps 10:00; New York's 10:00 is 15:00.
  run list --from 2027-03-20 --to 2027-04-04 --json
  expect_json '[(s["id"], s["start"], s["end"]) for s in d["sessions"]] == [
    ("o4", "2027-03-20T15:00:00+01:00", "2027-03-20T15:45:00+01:00"),
    ("s2@2027-03-21", "2027-03-21T10:00:00+01:00", "2027-03-21T11:30:00+01:00"),
    ("o3", "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"),
    ("s2@2027-03-28", "2027-03-28T10:00:00+02:00", "2027-03-28T11:30:00+02:00"),
    ("s2@2027-04-04", "2027-04-04T10:00:00+02:00", "2027-04-04T11:30:00+02:00")]'
  run away list --json
  expect_json '[(a["id"], a["from"], a["to"], a["reason"]) for a in d["absences"]] == [
    ("a1", "2026-12-21", "2027-01-03", "Dr. Okafor on vacation")]'
  run export --format json
  expect_json '[s.get("uid") for s in d["schedules"]] == ["series-1@practice.example", "series-2@practice.example"]'
  expect_json '{s["id"]: s.get("uid") for s in d["sessions"]}["o1"] == "inv-1@practice.example"'

  # The same invitation again changes nothing, and writes nothing.
  with_unchanged_file import "$SCRATCH/invite.ics" --provider okafor
  expect_out "7 unchanged, 1 refused (nothing to change)"

  # The practice moves the session an hour later: the same session moves, none is added.
  $PY "$SCRATCH/invite.py" "$SCRATCH/moved.ics" moved
  run import "$SCRATCH/moved.ics" --provider okafor
  expect_rc 0 "import the update"
  expect_out "updated    o1"
  expect_out "moved from 2026-12-01 10:00 to 2026-12-01 11:00"
  expect_out "2 updated, 6 unchanged, 1 refused"
  expect_out "updated    s1@2026-12-03"
  run list --from 2026-12-01 --to 2026-12-04 --json
  expect_json '[(s["id"], s["start"], s["status"]) for s in d["sessions"]] == [
    ("o1", "2026-12-01T11:00:00+01:00", "scheduled"), ("o2", "2026-12-02T11:00:00+01:00", "cancelled"),
    ("s1@2026-12-03", "2026-12-03T17:30:00+01:00", "rescheduled"),
    ("o5", "2026-12-04T18:00:00+01:00", "scheduled")]'
  with_unchanged_file import "$SCRATCH/moved.ics" --provider okafor
  expect_out "8 unchanged, 1 refused (nothing to change)"

  # Then it cancels it (METHOD:CANCEL); undo takes exactly that back.
  cp "$SHOWUP_FILE" "$SCRATCH/before-cancel"
  $PY "$SCRATCH/invite.py" "$SCRATCH/cancel.ics" cancel
  run import "$SCRATCH/cancel.ics"
  expect_rc 2 "import without --provider, two providers"
  expect_err "--provider"
  run import "$SCRATCH/cancel.ics" --provider "Dr. Okafor"
  expect_out "updated    o1"
  expect_out "1 updated"
  run list --from 2026-12-01 --to 2026-12-01 --json
  expect_json '[(s["id"], s["status"], s["cancelled_by"]) for s in d["sessions"]] == [("o1", "cancelled", "provider")]'
  run undo
  expect_out "undid: import cancel.ics: 1 updated"
  cmp -s "$SHOWUP_FILE" "$SCRATCH/before-cancel" && ok || bad "undo of the import did not restore the file byte for byte"
  # A session recorded in showup is not moved by an invitation: refused, naming the command.
  run skip o1 --reason "travelling"
  $PY "$SCRATCH/invite.py" "$SCRATCH/first-again.ics" first
  run import "$SCRATCH/first-again.ics" --provider okafor
  expect_out "refused    -               line"
  expect_out "o1 is recorded skipped, and the calendar moves it to 2026-12-01 10:00"
  run undo
  run undo
else
  skip_missing python3-icalendar "invitations written by python3-icalendar"
fi

# --- Malformed input: refused with its line, the data file unchanged -----------------------
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTART:20261201T250000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$SCRATCH/bad.ics"
with_unchanged_file import "$SCRATCH/bad.ics" --provider okafor
expect_error 1 "$SCRATCH/bad.ics:5: DTSTART: \"20261201T250000Z\" is not a date-time"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTART;TZID=Europe/Nowhere:20261201T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$SCRATCH/bad.ics"
with_unchanged_file import "$SCRATCH/bad.ics" --provider okafor
expect_error 1 "bad.ics:5: DTSTART: TZID \"Europe/Nowhere\" is not a zone of the tz database"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTART:20261201T100000Z\r\nEND:VCALENDAR\r\n' >"$SCRATCH/bad.ics"
with_unchanged_file import "$SCRATCH/bad.ics" --provider okafor
expect_error 1 "bad.ics:6: END:VCALENDAR does not close BEGIN:VEVENT (line 3)"
with_unchanged_file import "$SCRATCH/missing.ics" --provider okafor
expect_error 1 "cannot read $SCRATCH/missing.ics"
with_unchanged_file import --provider okafor
expect_error 2 "FILE is required"

# --- khal: the event files of its calendar folder ------------------------------------------
if command -v khal >/dev/null; then
  KHAL=$SCRATCH/khal
  mkdir -p "$KHAL/cal/therapy"
  khal_config "$KHAL/config" therapy "$KHAL/cal/therapy" Europe/Berlin
  k() { HOME=$KHAL XDG_CONFIG_HOME=$KHAL XDG_DATA_HOME=$KHAL khal -c "$KHAL/config" "$@" >/dev/null 2>&1; }
  k new -a therapy 2026-12-08 14:00 14:50 "Group session :: bring notes"
  # Until 26 January: khal writes UNTIL as its midnight, so the last one is on 19 January.
  k new -a therapy -r weekly -u 2027-01-26 2026-12-01 18:00 19:30 "DBT group"
  k new -a therapy 2026-12-24 2026-12-27 "Group closed"
  [ "$(ls "$KHAL/cal/therapy" | wc -l)" -eq 3 ] && ok || bad "khal did not write three event files"
  cat "$KHAL"/cal/therapy/*.ics >"$SCRATCH/khal-all.ics"
  # khal reads back what it wrote, and so does showup.
  for f in "$KHAL"/cal/therapy/*.ics; do
    HOME=$KHAL khal -c "$KHAL/config" printics "$f" >"$SCRATCH/printics" 2>&1
    grep -q "1 events found" "$SCRATCH/printics" && ok || bad "khal printics: $(cat "$SCRATCH/printics")"
  done
  run import "$SCRATCH/khal-all.ics" --provider group --as-absence --json
  expect_rc 0 "import khal's events"
  expect_json 'd["counts"] == {"added": 3, "updated": 0, "unchanged": 0, "removed": 0, "refused": 0}'
  run list --provider group --from 2026-12-01 --to 2026-12-31 --json
  expect_json '[(s["start"], s["end"], s["status"]) for s in d["sessions"]] == [
    ("2026-12-01T18:00:00+01:00", "2026-12-01T19:30:00+01:00", "scheduled"),
    ("2026-12-08T14:00:00+01:00", "2026-12-08T14:50:00+01:00", "scheduled"),
    ("2026-12-08T18:00:00+01:00", "2026-12-08T19:30:00+01:00", "scheduled"),
    ("2026-12-15T18:00:00+01:00", "2026-12-15T19:30:00+01:00", "scheduled"),
    ("2026-12-22T18:00:00+01:00", "2026-12-22T19:30:00+01:00", "scheduled"),
    ("2026-12-29T18:00:00+01:00", "2026-12-29T19:30:00+01:00", "scheduled")]'
  run schedule list --json
  expect_json '[(s["provider"], s["days"], s["at"], s["from"], s["until"]) for s in d["schedules"] if s["provider"] == "group"] == [
    ("group", ["tue"], "18:00", "2026-12-01", "2027-01-19")]'
  run away list --json
  expect_json '[(a["provider"], a["from"], a["to"], a["reason"]) for a in d["absences"] if a["provider"] == "group"] == [
    ("group", "2026-12-24", "2026-12-27", "Group closed")]'
  # Edited in khal's folder (the same UID, an hour later): the same session moves.
  f=$(grep -l "Group session" "$KHAL"/cal/therapy/*.ics)
  sed -i 's/T140000/T150000/; s/T145000/T155000/' "$f"
  run import "$f" --provider group
  expect_out "moved from 2026-12-08 14:00 to 2026-12-08 15:00"
else
  skip_missing khal "event files written by khal"
fi

# --- calcurse: its iCalendar export ---------------------------------------------------------
if command -v calcurse >/dev/null; then
  CC=$SCRATCH/calcurse
  mkdir -p "$CC"
  # Its own format: a one-off, a weekly appointment until 28 Jan without 24 and 31 Dec, an
  # all-day event.
  cat >"$CC/apts" <<'EOF'
12/04/2026 @ 09:00 -> 12/04/2026 @ 09:50 |Extra session
12/03/2026 @ 08:00 -> 12/03/2026 @ 08:50 {1W -> 01/28/2027 !12/24/2026 !12/31/2026} |Morning session
01/15/2027 [1] Practice closed
EOF
  TZ=Europe/Berlin calcurse -D "$CC" -C "$CC" -xical >"$SCRATCH/calcurse.ics" 2>"$SCRATCH/calcurse.err"
  grep -q "RRULE:FREQ=WEEKLY" "$SCRATCH/calcurse.ics" && ok || bad "calcurse wrote no weekly rule: $(cat "$SCRATCH/calcurse.err")"
  # Without UIDs (calcurse's default) events are matched by their slot: the same file twice
  # adds nothing the second time.
  run import "$SCRATCH/calcurse.ics" --provider okafor --as-absence --json
  expect_json 'd["counts"]["added"] == 3 and d["counts"]["refused"] == 0'
  expect_json '[e["uid"] for e in d["events"]] == [None, None, None]'
  with_unchanged_file import "$SCRATCH/calcurse.ics" --provider okafor --as-absence --json
  expect_json 'd["counts"]["unchanged"] == 3 and d["written"] is False'
  run list --from 2026-12-03 --to 2026-12-31 --provider okafor --json
  expect_json '[(s["start"][:16], s["status"]) for s in d["sessions"] if s["start"][11:13] in ("08", "09")] == [
    ("2026-12-03T08:00", "scheduled"), ("2026-12-04T09:00", "scheduled"),
    ("2026-12-10T08:00", "scheduled"), ("2026-12-17T08:00", "scheduled"),
    ("2026-12-24T08:00", "cancelled"), ("2026-12-31T08:00", "cancelled")]'
  run away list --all --json
  expect_json '[(a["from"], a["to"], a["reason"]) for a in d["absences"] if a["from"] == "2027-01-15"] == [
    ("2027-01-15", "2027-01-15", "Practice closed")]'
  # With --export-uid the events have UIDs: they take the records made without them.
  TZ=Europe/Berlin calcurse -D "$CC" -C "$CC" -xical --export-uid >"$SCRATCH/calcurse-uid.ics" 2>/dev/null
  grep -q "^UID:" "$SCRATCH/calcurse-uid.ics" && ok || bad "calcurse --export-uid wrote no UID"
  run import "$SCRATCH/calcurse-uid.ics" --provider okafor --as-absence --json
  expect_json 'd["counts"] == {"added": 0, "updated": 3, "unchanged": 0, "removed": 0, "refused": 0}'
  with_unchanged_file import "$SCRATCH/calcurse-uid.ics" --provider okafor --as-absence
  expect_out "3 unchanged (nothing to change)"
else
  skip_missing calcurse "the iCalendar export of calcurse"
fi

# --- showup's own export: already in a data file, refused event by event -----------------
run export --format ics --from 2026-12-01 --to 2026-12-31
cp "$OUT" "$SCRATCH/own.ics"
with_unchanged_file import "$SCRATCH/own.ics" --provider okafor --json
expect_rc 0 "import of showup's own export"
expect_json 'd["events"] and all(e["action"] == "refused" and "own export" in e["detail"] for e in d["events"])'

finish
