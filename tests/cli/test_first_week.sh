#!/usr/bin/env bash
# The README's "A first week", run as written on each of the seven weekdays: every command
# must succeed whatever day a newcomer tries it. Then on a terminal 80 columns wide: no line is
# wider, and nothing is cut (every word it prints piped is there, and no ellipsis).
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

if ! command -v script >/dev/null; then
  skip_missing bsdutils "the first week on a terminal"
  finish
fi
# Each command piped, then, on a new file of the same name, on the terminal.
mkdir -p "$SCRATCH/bin"
ln -s "$SHOWUP" "$SCRATCH/bin/showup"
export PATH=$SCRATCH/bin:$PATH SHOWUP_NOW=2026-11-25T19:00 SHOWUP_FILE=$SCRATCH/showup.json
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  eval "$line" >"$SCRATCH/piped.$n" 2>&1
done <<<"$commands"
rm -f "$SHOWUP_FILE"
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  tty_line 80 "$line"
  fits 80 "on a terminal: $line"
  grep -q '…' "$OUT" && bad "on a terminal, cut: $line" || ok
  # Every word of the piped output is on the terminal, wrapped or not (escape codes aside).
  python3 - "$SCRATCH/piped.$n" "$OUT" <<'PY' && ok || bad "on a terminal, words lost: $line"
import collections, re, sys
words = lambda f: collections.Counter(re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", open(f).read()).split())
lost = words(sys.argv[1]) - words(sys.argv[2])
if lost:
    print("  lost:", " ".join(lost))
sys.exit(1 if lost else 0)
PY
done <<<"$commands"
finish
