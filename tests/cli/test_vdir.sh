#!/usr/bin/env bash
# export --format vdir, end to end: the folder itself; then with the real clients, as a person
# would use them: vdirsyncer syncs it to a CalDAV server (Radicale, on this machine), the events
# are read back from the server with python3-icalendar, and khal reads the folder.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-03-20 12:00"
# Debian's python3 has the icalendar package; a python3 earlier on PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
DIR=$SCRATCH/calendars/showup

# Sundays at 10:00 in Berlin across the change to summer time (29 March), a one-off, an absence.
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every sun --at 10:00 --from 2026-03-01 --until 2026-04-26
run add "2026-03-25 18:00" --note "extra, before the exam"
run away add 2026-04-13 2026-04-17 --reason "Easter"
run attend --through 2026-03-15
expect_rc 0 "set-up"
SESSIONS=(s1-2026-03-01 s1-2026-03-08 s1-2026-03-15 s1-2026-03-22 o1 s1-2026-03-29 s1-2026-04-05
  s1-2026-04-12 s1-2026-04-19 s1-2026-04-26)

# files FILE...: the names of the .ics files in $DIR, sorted, one per line.
files() { (cd "$DIR" && ls -1 -- *.ics | LC_ALL=C sort); }
# mtimes: each file's name and modification time, to see what was rewritten.
mtimes() { (cd "$DIR" && stat -c '%n %Y.%y' -- *.ics | LC_ALL=C sort); }

run export --format vdir "$DIR"
expect_rc 0 "first export"
expect_out "$DIR: 11 written, 0 unchanged, 0 removed"
[ "$(stat -c %a "$DIR")" = 700 ] && ok || bad "the folder is not 0700"
[ "$(stat -c %a "$DIR/o1.okafor@showup.ics")" = 600 ] && ok || bad "a file is not 0600"
expected=$( (for s in "${SESSIONS[@]}"; do echo "$s.okafor@showup.ics"; done
  echo "absence.a1.okafor@showup.ics") | LC_ALL=C sort)
[ "$(files)" = "$expected" ] && ok || bad "file names: $(files)"
# Each file is a whole calendar of one event, named by its UID, with the time zone it uses.
if $PY -c 'import icalendar' 2>/dev/null; then
  $PY - "$DIR" <<'PY' && ok || bad "each file is a calendar of one event"
import datetime, os, sys, icalendar
d = sys.argv[1]
for name in os.listdir(d):
    cal = icalendar.Calendar.from_ical(open(os.path.join(d, name), "rb").read())
    events = cal.walk("VEVENT")
    assert len(events) == 1, name
    assert name == str(events[0]["UID"]) + ".ics", name
    assert "METHOD" not in cal
    if name.startswith("absence."):
        assert events[0].decoded("DTSTART") == datetime.date(2026, 4, 13)
        assert events[0].decoded("DTEND") == datetime.date(2026, 4, 18)
    else:
        assert [str(t["TZID"]) for t in cal.walk("VTIMEZONE")] == ["Europe/Berlin"], name
        assert events[0]["DTSTART"].params["TZID"] == "Europe/Berlin", name
PY
else
  skip_missing python3-icalendar "reading each file with a real iCalendar reader"
fi

# Nothing changed: nothing is written, not even for a new DTSTAMP.
mtimes >"$SCRATCH/mtimes"
cp -r "$DIR" "$SCRATCH/folder-before"
sleep 1.1
SHOWUP_NOW="2026-03-20 13:00" run export --format vdir "$DIR" --json
expect_rc 0 "second export"
expect_json 'd == {"directory": "'"$DIR"'", "events": 11, "written": 0, "unchanged": 11, "removed": 0, "files": {"written": [], "removed": []}}'
diff <(mtimes) "$SCRATCH/mtimes" >/dev/null && ok || bad "unchanged files were rewritten"
diff -r "$DIR" "$SCRATCH/folder-before" >/dev/null && ok || bad "unchanged files changed"

# A person's own files in the folder, and one named like showup's that it did not write, stay.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:phone-1\r\nDTSTAMP:20260320T110000Z\r\nDTSTART:20260401T150000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$DIR/phone-1.ics"
sed 's/^UID:.*/UID:not-showups/' "$DIR/o1.okafor@showup.ics" >"$DIR/copy@showup.ics"
echo "remember the umbrella" >"$DIR/notes.txt"
mkdir "$DIR/sub"

# A moved session is rewritten, a new one written, a removed one-off and absence removed.
run reschedule 2026-04-05 --to "2026-04-07 17:00"
run remove o1
run away remove a1
expect_rc 0 "changes"
run export --format vdir "$DIR" --json
expect_rc 0 "export after changes"
expect_json 'd["written"] == 2 and d["removed"] == 2 and d["unchanged"] == 8 and d["events"] == 10'
expect_json 'd["files"] == {"written": ["o2.okafor@showup.ics", "s1-2026-04-05.okafor@showup.ics"], "removed": ["absence.a1.okafor@showup.ics", "o1.okafor@showup.ics"]}'
[ -f "$DIR/phone-1.ics" ] && [ -f "$DIR/copy@showup.ics" ] && [ -f "$DIR/notes.txt" ] &&
  [ -d "$DIR/sub" ] && ok || bad "a file showup did not write was removed"
ls -A "$DIR" | grep -q '\.tmp-' && bad "a temporary file is left" || ok

# Mistakes.
with_unchanged_file export --format vdir
expect_error 2 "--format vdir writes to a directory"
with_unchanged_file export --format ics "$DIR"
expect_error 2 "DIR is for --format vdir"
with_unchanged_file export --format vdir "$DIR/notes.txt"
expect_error 1 "notes.txt is not a directory"
[ "$(cat "$DIR/notes.txt")" = "remember the umbrella" ] && ok || bad "the file in the way changed"

# The real clients, from the beginning: a fresh folder synced to a fresh server.
missing=""
command -v radicale >/dev/null || missing="radicale"
command -v vdirsyncer >/dev/null || missing="$missing vdirsyncer"
$PY -c 'import icalendar' 2>/dev/null || missing="$missing python3-icalendar"
if [ -n "$missing" ]; then
  for p in $missing; do skip_missing "$p" "syncing the folder to a CalDAV server"; done
  finish
fi

# A CalDAV server on this machine, its storage and configuration in the scratch directory;
# stopped when the test ends, however it ends.
RAD=$SCRATCH/radicale
mkdir -p "$RAD"
RADICALE_PID=""
stop_radicale() {
  [ -n "$RADICALE_PID" ] || return 0
  kill "$RADICALE_PID" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$RADICALE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$RADICALE_PID" 2>/dev/null
  wait "$RADICALE_PID" 2>/dev/null
  RADICALE_PID=""
}
trap 'stop_radicale; rm -rf "$SCRATCH"' EXIT
trap 'exit 143' TERM INT HUP
# A port that was free a moment ago; another try if something took it since.
for _ in 1 2 3; do
  PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # No authentication: any user name and password are let in (vdirsyncer still sends one).
  cat >"$RAD/config" <<EOF
[server]
hosts = 127.0.0.1:$PORT
[auth]
type = none
[storage]
filesystem_folder = $RAD/collections
[logging]
level = warning
EOF
  # Its output to a file: a process holding the test's stdout would keep ctest waiting.
  radicale --config "$RAD/config" >"$RAD/log" 2>&1 &
  RADICALE_PID=$!
  $PY - "$PORT" <<'PY' && break
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/.web/", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)
PY
  stop_radicale
done
[ -n "$RADICALE_PID" ] && ok || { bad "radicale did not start: $(cat "$RAD/log")"; finish; }
URL=http://127.0.0.1:$PORT/person/showup/

# vdirsyncer, configured as the README says (its block, with this test's paths, server and a
# password): the folder's parent is the filesystem storage, the folder one collection of it,
# created on the server by discover.
VS=$SCRATCH/vdirsyncer
mkdir -p "$VS"
readme=$(dirname "$0")/../../README.md
awk '/^## Your sessions on your phone/{f=1; next} f && /^```ini/{g=1; next} g && /^```/{exit} g' \
  "$readme" >"$VS/readme-config"
grep -q '^\[pair showup\]' "$VS/readme-config" && ok || bad "the README's vdirsyncer configuration was not found"
sed -e "s|~/.local/share/vdirsyncer/status/|$VS/status/|" -e "s|~/.calendars/|$SCRATCH/calendars2/|" \
  -e "s|https://dav.example.com/|http://127.0.0.1:$PORT/|" -e 's|^username = .*|username = "person"|' \
  -e 's|^password.fetch = .*|password = "anything"|' "$VS/readme-config" >"$VS/config"
export VDIRSYNCER_CONFIG=$VS/config
DIR=$SCRATCH/calendars2/showup
vsync() {
  vdirsyncer sync >"$VS/log" 2>&1 && ok || bad "vdirsyncer sync: $(cat "$VS/log")"
}

# server_events FILE: the events on the server, by a CalDAV REPORT, as JSON in FILE:
# {UID: [DTSTART's TZID, DTSTART in UTC, DTEND in UTC, STATUS, SUMMARY]}.
server_events() {
  $PY - "$URL" "$1" <<'PY'
import base64, datetime, json, sys, urllib.request, xml.etree.ElementTree as ET, icalendar
url, out = sys.argv[1], sys.argv[2]
body = b"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
</C:calendar-query>"""
req = urllib.request.Request(url, data=body, method="REPORT", headers={
    "Depth": "1", "Content-Type": "application/xml; charset=utf-8",
    "Authorization": "Basic " + base64.b64encode(b"person:anything").decode()})
tree = ET.fromstring(urllib.request.urlopen(req, timeout=10).read())
events = {}
utc = lambda v: v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ") \
    if isinstance(v, datetime.datetime) else v.isoformat()
for data in tree.iter("{urn:ietf:params:xml:ns:caldav}calendar-data"):
    for e in icalendar.Calendar.from_ical(data.text).walk("VEVENT"):
        start = e["DTSTART"]
        events[str(e["UID"])] = [start.params.get("TZID"), utc(e.decoded("DTSTART")),
                                 utc(e.decoded("DTEND")), str(e.get("STATUS")), str(e["SUMMARY"])]
json.dump(events, open(out, "w"), indent=1, sort_keys=True)
PY
}
# expect_server PYTHON_EXPR: true with `e` bound to the server's events (server_events).
expect_server() {
  server_events "$SCRATCH/server.json" || { bad "REPORT failed"; return; }
  $PY -c 'import json, sys; e = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$SCRATCH/server.json" "$1" && ok || bad "on the server: $1; there: $(cat "$SCRATCH/server.json")"
}

# The first time: as it was before the changes.
run undo
run undo
run undo
run export --format vdir "$DIR"
expect_rc 0 "export for the server"
expect_out "11 written"
yes | vdirsyncer discover >"$VS/log" 2>&1 && ok || bad "vdirsyncer discover: $(cat "$VS/log")"
vsync
S=.okafor@showup
expect_server 'len(e) == 11'
# 10:00 in Berlin is 09:00 UTC before 29 March and 08:00 UTC from then on; 50 minutes each.
expect_server 'e["s1-2026-03-22'$S'"] == ["Europe/Berlin", "2026-03-22T09:00Z", "2026-03-22T09:50Z", "CONFIRMED", "Session with Dr. Okafor"]'
expect_server 'e["s1-2026-03-29'$S'"][:3] == ["Europe/Berlin", "2026-03-29T08:00Z", "2026-03-29T08:50Z"]'
expect_server 'e["s1-2026-04-05'$S'"][:4] == ["Europe/Berlin", "2026-04-05T08:00Z", "2026-04-05T08:50Z", "CONFIRMED"]'
expect_server 'e["s1-2026-04-12'$S'"][3] == "CONFIRMED" and e["s1-2026-04-19'$S'"][3] == "CONFIRMED"'
expect_server 'e["s1-2026-04-12'$S'"][1] == "2026-04-12T08:00Z"'
expect_server 'e["o1'$S'"][:3] == ["Europe/Berlin", "2026-03-25T17:00Z", "2026-03-25T17:50Z"]'
expect_server 'e["absence.a1'$S'"] == [None, "2026-04-13", "2026-04-18", "None", "Dr. Okafor away"]'

# An event made on the phone arrives in the folder, and an export leaves it there.
$PY - "$URL" <<'PY' && ok || bad "PUT of the phone's event"
import base64, sys, urllib.request
ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\nUID:phone-1\r\n"
       "DTSTAMP:20260320T110000Z\r\nDTSTART:20260401T150000Z\r\nDTEND:20260401T160000Z\r\n"
       "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
req = urllib.request.Request(sys.argv[1] + "phone-1.ics", data=ics, method="PUT", headers={
    "Content-Type": "text/calendar; charset=utf-8",
    "Authorization": "Basic " + base64.b64encode(b"person:anything").decode()})
urllib.request.urlopen(req, timeout=10)
PY
vsync
grep -lq '^UID:phone-1' "$DIR"/*.ics && ok || bad "the phone's event did not reach the folder"

# A move and a removal, exported and synced, arrive on the server.
run reschedule 2026-04-05 --to "2026-04-07 17:00"
run remove o1
run away remove a1
expect_rc 0 "changes again"
run export --format vdir "$DIR"
expect_out "2 written, 8 unchanged, 2 removed"
vsync
expect_server 'len(e) == 11 and "o1'$S'" not in e and "absence.a1'$S'" not in e'
# The moved slot is a cancelled event at its old time; the new one is at 17:00 Berlin (15:00 UTC).
expect_server 'e["s1-2026-04-05'$S'"][1:4] == ["2026-04-05T08:00Z", "2026-04-05T08:50Z", "CANCELLED"]'
expect_server 'e["o2'$S'"][:4] == ["Europe/Berlin", "2026-04-07T15:00Z", "2026-04-07T15:50Z", "CONFIRMED"]'
expect_server 'e["phone-1"][1] == "2026-04-01T15:00Z"'
# Synced again with nothing changed: nothing moves either way.
vsync
grep -qiE 'copying|deleting' "$VS/log" && bad "a second sync still changed something: $(cat "$VS/log")" || ok

# khal reads the folder; in UTC, the times it shows are the instants.
if command -v khal >/dev/null; then
  khal_config "$SCRATCH/khal.conf" showup "$DIR" UTC
  khal -c "$SCRATCH/khal.conf" list --format "{start} {end} {title} {status}" --day-format "" \
    2026-03-01 2026-04-30 >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "khal list"
  expect_out "2026-03-22 09:00 2026-03-22 09:50 Session with Dr. Okafor CONFIRMED"
  expect_out "2026-03-29 08:00 2026-03-29 08:50 Session with Dr. Okafor"
  expect_out "2026-04-05 08:00 2026-04-05 08:50 Session with Dr. Okafor CANCELLED"
  expect_out "2026-04-07 15:00 2026-04-07 15:50 Session with Dr. Okafor CONFIRMED"
  expect_out "2026-04-01 15:00 2026-04-01 16:00 Dentist"
  [ "$(grep -c 'Session with' "$OUT")" -eq 10 ] && ok || bad "khal does not list 10 sessions"
else
  skip_missing khal "reading the folder with khal"
fi

stop_radicale
finish
