#!/usr/bin/env bash
# Bad input, table-driven: every command with malformed arguments fails with one "showup: "
# line and exit 2 (usage) or 1, and leaves the file byte-identical; damaged files of many
# shapes are refused, never rewritten, never crash.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00"
run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every tue --at 17:30 --from 2026-01-06
run away add 2026-12-21 2027-01-03
run add "2026-11-26 10:00"

tried=0
# CODE|ARGS (words split on spaces; ~ stands for a space inside a word)
while IFS='|' read -r code args; do
  [ -n "$code" ] || continue
  words=()
  for w in $args; do words+=("${w//\~/ }"); done
  tried=$((tried + 1))
  cp "$SHOWUP_FILE" "$SCRATCH/before"
  "$SHOWUP" "${words[@]}" >"$OUT" 2>"$ERR"
  RC=$?
  cmp -s "$SHOWUP_FILE" "$SCRATCH/before" && ok || bad "the file changed: $args"
  [ "$RC" -eq "$code" ] && ok || bad "exit $RC, expected $code: $args"
  [ "$(wc -l <"$ERR")" -eq 1 ] && head -c 8 "$ERR" | grep -q '^showup: ' && ok || bad "not one 'showup: ' line: $args"
  [ ! -s "$OUT" ] && ok || bad "stdout is not empty: $args"
done <<'TABLE'
2|add 2026-02-30~10:00
2|add 2026-11-26~25:00
2|add 2026-11-26~10:60
2|add
2|add ~
2|add tomorrow~10am --duration 0
2|add tomorrow~10am --duration -5
2|add tomorrow~10am --duration 99999999999999999999
2|add tomorrow~10am --duration ten
2|add 2027-03-28~02:30
1|add tomorrow~10am --provider nobody
2|attend 2026-13-01
2|attend --late -1
2|attend --late 1441
2|attend --through someday
2|attend --through 2026-02-30
1|attend o999
1|attend s9@2026-11-24
1|attend s1@2026-11-25
2|attend ~
2|skip --bogus
2|skip 2026-11-24 extra words
1|cancel s1@2099-13-45
2|reschedule
2|reschedule next
2|reschedule next --to
2|reschedule next --to 2026-02-30
2|reschedule next --to tomorrow --by them
1|reschedule o999 --to tomorrow
2|schedule add
2|schedule add --every --at 10:00
2|schedule add --every funday --at 10:00
2|schedule add --every mon --at 24:00
2|schedule add --every mon --at 10:00 --weeks 0
2|schedule add --every mon --at 10:00 --weeks 53
2|schedule add --every mon --at 10:00 --from 2026-01-10 --until 2026-01-01
2|schedule add --every mon, --at 10:00
1|schedule end s9 --on 2026-12-01
2|schedule end s1
2|schedule end s1 --on never
2|away add 2026-12-10
2|away add 2026-12-10 2026-12-01
2|away add 2026-02-30 2026-03-01
1|away add 2026-12-10 2026-12-11 --provider nobody
1|away remove a99
2|away remove
2|list --from 2026-12-01 --to 2026-11-01
2|list --status happy
2|list --status attended,
2|list --from yesterdayish
1|list --provider nobody
2|gaps --min-days 0
2|gaps --min-days -3
2|gaps --from 2027-01-01 --to 2026-01-01
2|summary --by week
2|summary --from 2027-01-01 --to 2026-01-01
2|calendar --months 0
2|calendar --months 37
2|export --format pdf
2|export --format csv --from 2026-02-30
2|provider add
2|provider add ~
2|provider add X --id bad~id
1|provider add X --id okafor
2|provider add X --duration 0
1|provider remove okafor
2|init --timezone Not/AZone
1|init --timezone UTC
2|--color sometimes list
2|--now 2026-02-30T10:00 list
2|--now yesterday-ish list
2|frobnicate
2|--file
2|list --json --json --bogus
2|completions tcsh
TABLE
echo "bad input: $tried malformed commands tried"

# Damaged files: refused with exit 1 naming the file, never rewritten.
damage() { # NAME: writes the damaged file from the good one with a python expression on `t`
  python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read(); exec(sys.argv[2]); open(sys.argv[3], "w", encoding="utf-8", errors="surrogateescape").write(t)' \
    "$SCRATCH/good.json" "$1" "$SHOWUP_FILE"
}
cp "$SHOWUP_FILE" "$SCRATCH/good.json"
shapes=0
while IFS='|' read -r message change; do
  [ -n "$change" ] || continue
  shapes=$((shapes + 1))
  damage "$change"
  for cmd in "list" "attend" "undo" "away add 2027-01-01 2027-01-02"; do
    with_unchanged_file $cmd
    expect_rc 1 "damaged ($change): $cmd:"
    expect_err "$SHOWUP_FILE"
    expect_err "$message"
  done
done <<'SHAPES'
not valid JSON|t = t[:len(t) // 2]
not valid JSON|t = t[:-3]
is empty (0 bytes)|t = ""
not valid JSON|t = "\x00\x01\x02 random bytes \xff\xfe"
providers[1]: "schedules" must be an object|t = t.replace("]", "", 1)
not valid JSON|t = t.replace('"version": 2,', '"version": 2,,')
the top level must be an object|t = "[" + t + "]"
version 3 is newer|t = t.replace('"version": 2', '"version": 3')
version: is missing|t = t.replace('"version": 2,', '')
timezone: "Mars/Base" is not a time zone|t = t.replace('Europe/Berlin', 'Mars/Base')
providers[0].duration|t = t.replace('"name":"Dr. Okafor","duration":50', '"name":"Dr. Okafor","duration":"fifty"', 1)
providers[0].changed_at|t = t.replace('"changed_at":"2026-', '"changed_at":"2026-13-', 1)
sessions: is missing|t = t.replace('"sessions"', '"sessionz"', 1)
schedules[0].at|t = t.replace('"17:30"', '"25:30"', 1)
no provider "okafor"|t = t.replace('"id":"okafor"', '"id":"someone"')
sessions[0].start|t = t.replace('"2026-11-26T10:00"', '"2026-11-31T10:00"')
absences[0].to|t = t.replace('"to":"2027-01-03"', '"to":"2020-01-03"')
absences[1].id: "a1" is used twice|t = t.replace('"absences": [', '"absences": [{"id":"a1","provider":"okafor","from":"2026-01-01","to":"2026-01-02"},', 1)
not valid JSON|t = t.replace('Dr. Okafor', 'Dr. \udcff Okafor')
SHAPES
echo "damaged files: $shapes shapes, each refused by 4 commands"
finish
