#!/usr/bin/env bash
# The README's "A first week", run as written on each of the seven weekdays: every command
# must succeed whatever day a newcomer tries it.
source "$(dirname "$0")/lib.sh" "$1"
readme=$(dirname "$0")/../../README.md
commands=$(awk '/^## A first week/{f=1; next} f && /^```sh/{g=1; next} g && /^```/{exit} g' "$readme" |
  sed 's/[[:space:]]*#[^"]*$//')
[ "$(grep -c '^showup ' <<<"$commands")" -ge 10 ] && ok || bad "the README's first week was not found"
showup() { "$SHOWUP" "$@"; }
cd "$SCRATCH" || exit 1
for day in 23 24 25 26 27 28 29; do # Mon 23 Nov 2026 to Sun 29 Nov 2026
  export SHOWUP_NOW="2026-11-${day}T19:00"
  export SHOWUP_FILE=$SCRATCH/week-$day.json
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    eval "$line" >"$OUT" 2>"$ERR"
    RC=$?
    expect_rc 0 "on 2026-11-$day: $line"
  done <<<"$commands"
done
finish
