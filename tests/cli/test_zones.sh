#!/usr/bin/env bash
# Zones: only names the tz database lists, TZ mapped to one or refused, and every listed zone
# against Python's zoneinfo through the real output (tests/cli/zones_vs_python.py).
source "$(dirname "$0")/lib.sh" "$1"
# Debian's python3 reads the system's tzdata, as showup does.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# Names: zones and links of tzdata.zi; the folder's other files are refused, saying why.
for zone in Europe/Berlin US/Eastern EST5EDT UTC Etc/GMT-14 America/Argentina/Buenos_Aires; do
  run --file "$SCRATCH/ok.json" init --timezone "$zone"
  expect_rc 0 "init --timezone $zone"
  rm -f "$SCRATCH/ok.json"
done
run --file "$SCRATCH/no.json" init --timezone localtime
expect_error 2 '"localtime" is not a time zone: it is this machine'"'"'s setting'
run --file "$SCRATCH/no.json" init --timezone posixrules
expect_error 2 '"posixrules" is not a time zone'
run --file "$SCRATCH/no.json" init --timezone Factory
expect_error 2 '"Factory" is not a time zone'
run --file "$SCRATCH/no.json" init --timezone posix/Europe/Berlin
expect_error 2 '"posix/Europe/Berlin" is not a time zone: it is a path inside the tz database (use "Europe/Berlin")'
run --file "$SCRATCH/no.json" init --timezone right/Europe/Berlin
expect_error 2 '"right/Europe/Berlin" is not a time zone: it counts leap seconds, which clocks do not (use "Europe/Berlin")'
run --file "$SCRATCH/no.json" init --timezone zone1970.tab
expect_error 2 'unknown time zone "zone1970.tab"'
[ ! -e "$SCRATCH/no.json" ] && ok || bad "init with a refused zone made a file"
# A file that names one (written by an earlier showup) is refused where it is read, saying why.
run --file "$SCRATCH/right.json" init --timezone Europe/Berlin
sed -i 's|"Europe/Berlin"|"right/Europe/Berlin"|' "$SCRATCH/right.json"
run --file "$SCRATCH/right.json" list
expect_error 1 'timezone: "right/Europe/Berlin" is not a time zone: it counts leap seconds'

# TZ at init: a zone's name, or a path under the zoneinfo folder, becomes the name; a POSIX
# rule or another file is refused, asking for --timezone (never a silent UTC file).
tz_init() { # TZ EXPECTED-ZONE
  rm -f "$SCRATCH/tz.json"
  TZ=$1 run --file "$SCRATCH/tz.json" init --json
  expect_rc 0 "TZ=$1"
  expect_json "d['timezone'] == '$2'"
}
tz_init Asia/Tokyo Asia/Tokyo
tz_init :Asia/Tokyo Asia/Tokyo
tz_init /usr/share/zoneinfo/Asia/Tokyo Asia/Tokyo
tz_init :/usr/share/zoneinfo/US/Eastern US/Eastern
tz_init /usr/share/zoneinfo/posix/Asia/Tokyo Asia/Tokyo
for tz in 'EST5EDT,M3.2.0,M11.1.0' JST-9 '<+09>-9' /usr/share/zoneinfo/right/Asia/Tokyo \
  /usr/share/zoneinfo/zone.tab /etc/passwd localtime; do
  rm -f "$SCRATCH/tz.json"
  TZ=$tz run --file "$SCRATCH/tz.json" init
  expect_error 2 "TZ is \"$tz\", which is not a time zone of the tz database"
  expect_err "showup init --timezone"
  [ ! -e "$SCRATCH/tz.json" ] && ok || bad "TZ=$tz made a file"
done
# --timezone wins over any TZ.
rm -f "$SCRATCH/tz.json"
TZ=JST-9 run --file "$SCRATCH/tz.json" init --timezone Asia/Tokyo
expect_rc 0 "--timezone with a rule in TZ"

# Every zone, 1900-2200, start and end of sessions around its changes, against zoneinfo.
mkdir "$SCRATCH/zones"
if "$PY" "$(dirname "$0")/zones_vs_python.py" "$SHOWUP" "$SCRATCH/zones" >"$OUT" 2>"$ERR"; then
  ok
  tail -1 "$OUT"
else
  bad "showup and Python's zoneinfo differ"
fi

finish
