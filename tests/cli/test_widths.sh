#!/usr/bin/env bash
# Output that fits the terminal: on a real pseudo-terminal 80 columns wide, no line is wider
# (in screen columns: 山田 takes four) and every word of a long reason or note is still there,
# wrapped; piped, nothing is wrapped or cut. Every help fits 80 columns; `help` is --help.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25T12:00"
unset COLUMNS

LONG_NAME="Dr. Maximiliane Oberhuber-Schwarzenberg von und zu Hohenlohe"
REASON="the therapist's long winter vacation in the mountains of Hokkaido with her whole family"
SKIP="exam week, and a long reason about feelings, the weather and everything else in my life"
NOTE="山田先生と話した about the exam week and the family; 家族のことと冬休みのことをたくさん話しました and more"
CALL="she called to move Friday because of a conference in Kyoto that runs late into the evening"

run init --timezone Europe/Berlin
run provider add "$LONG_NAME" --id oberhuber --notice 24h --fee 60
run provider add "山田先生" --id yamada
run schedule add --every mon,tue,wed,thu,fri --at 17:30 --weeks 2 --from 2026-01-05 --until 2027-06-30 --provider oberhuber
run schedule add --every fri --at 9:00 --provider yamada --from 2026-10-01
run skip s2@2026-11-20 --reason "$SKIP"
run attend s2@2026-11-13 --late 5 --note "$NOTE"
run cancel 2026-11-23 --by me --told "2026-11-23 10:00" --reason "$SKIP"
run away add 2026-12-01 2026-12-31 --provider yamada --reason "$REASON"
run away add 2026-11-16 2026-11-17 --me --reason "$SKIP"
run contact add "2026-11-18 10:00" --provider oberhuber --note "$CALL"
[ "$RC" -eq 0 ] && ok || bad "setting up"

if ! command -v script >/dev/null; then
  skip_missing bsdutils "the widths on a terminal"
  finish
fi

# whole TEXT WHAT: every word of TEXT is in $OUT, in order, perhaps wrapped (whitespace aside).
whole() {
  python3 - "$OUT" "$1" <<'PY' && ok || bad "$2: lacks the whole of: $1"
import re, sys
squeeze = lambda s: re.sub(r"\s+", "", re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s))
sys.exit(0 if squeeze(sys.argv[2]) in squeeze(open(sys.argv[1], encoding="utf-8").read()) else 1)
PY
}

# At 80 columns, each command that prints tables or long lines.
on_tty 80 list --from 2026-11-10 --to 2026-12-10
fits 80 "list"
whole "$SKIP" "list"
whole "$NOTE" "list"
whole "$REASON" "list"
whole "$CALL" "list"
on_tty 80 schedule list
fits 80 "schedule list"
whole "every 2 weeks on mon,tue,wed,thu,fri at 17:30" "schedule list"
on_tty 80 away list --all
fits 80 "away list"
whole "$REASON" "away list"
whole "$SKIP" "away list"
on_tty 80 next
fits 80 "next"
whole "$LONG_NAME" "next"
on_tty 80 gaps --from 2026-11-01
fits 80 "gaps"
whole "$SKIP" "gaps"
whole "山田先生 away Tue 1 Dec – Thu 31 Dec" "gaps"
for by in month year provider; do
  on_tty 80 summary --by $by
  fits 80 "summary --by $by"
done
expect_out "oberhuber  attended 0, skipped 0, late-cancel 1" "summary --by provider: a row too wide is a paragraph:"
on_tty 80 provider list
fits 80 "provider list"
whole "$LONG_NAME" "provider list"
on_tty 80 contact list
fits 80 "contact list"
whole "$CALL" "contact list"
on_tty 80 show s2@2026-11-13
fits 80 "show"
whole "$NOTE" "show"
on_tty 80 notes
fits 80 "notes"
whole "$NOTE" "notes"

# Narrower still, and a terminal that does not say its width (80).
on_tty 50 list --from 2026-11-10 --to 2026-12-10
fits 50 "list at 50 columns"
whole "$NOTE" "list at 50 columns"
on_tty 0 gaps --from 2026-11-01
fits 80 "gaps on a terminal of unknown width"
whole "$SKIP" "gaps on a terminal of unknown width"
TTY_COLUMNS=60 on_tty 100 away list --all
fits 60 "away list with COLUMNS=60"

# One provider: no PROVIDER column; a line says who.
many=$SHOWUP_FILE
export SHOWUP_FILE=$SCRATCH/one.json
run init --timezone Europe/Berlin
run provider add "山田先生" --id yamada
run schedule add --every fri --at 9:00 --from 2026-10-01
run skip 2026-11-20 --reason "$SKIP"
on_tty 80 list
fits 80 "list, one provider"
expect_out "sessions with 山田先生" "list, one provider:"
expect_no_out "PROVIDER" "list, one provider:"
whole "$SKIP" "list, one provider"
on_tty 80 schedule list
expect_out "schedules with 山田先生" "schedule list, one provider:"
expect_no_out "PROVIDER" "schedule list, one provider:"
export SHOWUP_FILE=$many

# Piped: one line per row and every word, whatever COLUMNS says; --json is the same anywhere.
COLUMNS=300 run list --from 2026-11-10 --to 2026-12-10
expect_out "$NOTE" "piped list:"
expect_out "$LONG_NAME" "piped list:"
COLUMNS=40 run gaps --from 2026-11-01
expect_out "(\"$SKIP\")" "piped gaps at COLUMNS=40:"
COLUMNS=40 run away list --all
expect_out "\"$REASON\", back Fri 1 Jan 2027" "piped away list:"
COLUMNS=40 run next
[ "$(wc -l <"$OUT")" -eq 1 ] && ok || bad "piped next is one line"
run list --json --from 2026-11-10 --to 2026-12-10
cp "$OUT" "$SCRATCH/piped.json"
on_tty 40 list --json --from 2026-11-10 --to 2026-12-10
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
  "$OUT" "$SCRATCH/piped.json" && ok || bad "list --json differs on a terminal"

# Help: every command's fits 80 columns and says where the global options are; `help` is --help.
run completions --list commands
commands=$(cat "$OUT")
while read -r path; do
  # shellcheck disable=SC2086
  on_tty 200 $path --help
  fits 80 "$path --help"
  expect_out "Global options" "$path --help:"
done <<<"$commands"
on_tty 200 --help
fits 80 "showup --help"
expect_out "help" "showup --help lists help:"
for path in "away add" "list" "summary" "budget set"; do
  # shellcheck disable=SC2086
  run $path --help
  cp "$OUT" "$SCRATCH/help"
  # shellcheck disable=SC2086
  run help $path
  expect_rc 0 "help $path"
  cmp -s "$OUT" "$SCRATCH/help" && ok || bad "'showup help $path' differs from '$path --help'"
done
run help
expect_out "Subcommands:" "help alone:"
run help away nope
expect_error 2 '"away nope" is not a showup command'

finish
