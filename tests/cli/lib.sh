# Helpers for the end-to-end tests: the real binary against a data file in a scratch directory.
# Usage in a test: source lib.sh "$SHOWUP_BINARY"; ...checks...; finish
set -u
SHOWUP=$1
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export SHOWUP_FILE=$SCRATCH/showup.json
export SHOWUP_NOW=${SHOWUP_NOW:-2026-11-25T12:00}
export SHOWUP_LOCK_TIMEOUT=${SHOWUP_LOCK_TIMEOUT:-30}
unset XDG_DATA_HOME NO_COLOR TZ
# Debian's python3, which the test command installs, not the first in PATH: a version
# manager's shim there (pyenv) costs half a second a call, and the checks make hundreds.
python3() { /usr/bin/python3 "$@"; }
passed=0
failed=0
skipped=()
OUT=$SCRATCH/out
ERR=$SCRATCH/err

# run ARGS...: runs showup, keeping stdout in $OUT, stderr in $ERR and the exit code in $RC.
run() {
  "$SHOWUP" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL: $*"
  echo "  stdout: $(head -c 2000 "$OUT")"
  echo "  stderr: $(head -c 2000 "$ERR")"
}

expect_rc() { [ "$RC" -eq "$1" ] && ok || bad "${2:-} exit code $RC, expected $1"; }
expect_out() { grep -qF -- "$1" "$OUT" && ok || bad "${2:-} stdout lacks: $1"; }
expect_no_out() { grep -qF -- "$1" "$OUT" && bad "${2:-} stdout has: $1" || ok; }
expect_err() { grep -qF -- "$1" "$ERR" && ok || bad "${2:-} stderr lacks: $1"; }
expect_empty_out() { [ ! -s "$OUT" ] && ok || bad "${2:-} stdout is not empty"; }
# expect_error RC TEXT: failed with that code, one line on stderr starting "showup: ", no stdout.
expect_error() {
  expect_rc "$1" "$2:"
  [ "$(wc -l <"$ERR")" -eq 1 ] && head -c 8 "$ERR" | grep -q '^showup: ' && ok ||
    bad "$2: stderr is not one 'showup: ' line"
  expect_err "$2"
  expect_empty_out "$2:"
}
# json PYTHON_EXPR: evaluates the expression with `d` bound to stdout parsed as JSON; true passes.
# In the expression, has(value, expected) holds when value has every member of expected with the
# same value (lists element by element): the contract's shapes may gain members, never lose one.
expect_json() {
  python3 -c '
import json, sys
def has(v, e):
    if isinstance(e, dict):
        return isinstance(v, dict) and all(k in v and has(v[k], x) for k, x in e.items())
    if isinstance(e, list):
        return isinstance(v, list) and len(v) == len(e) and all(has(a, b) for a, b in zip(v, e))
    return v == e
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$OUT" "$1" && ok || bad "json: $1"
}
json_value() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$OUT" "$1"
}
# with_unchanged_file ARGS...: runs showup and checks the data file kept every byte.
with_unchanged_file() {
  cp "$SHOWUP_FILE" "$SCRATCH/before"
  run "$@"
  cmp -s "$SHOWUP_FILE" "$SCRATCH/before" && ok || bad "the data file changed: $*"
}
# only_own_files [OTHER...]: the data file's folder holds nothing but the file, its lock file,
# its spare (the file before the last change, which the next one writes over) and OTHER: no
# temporary file was left behind.
only_own_files() {
  local name other left own=()
  name=$(basename "$SHOWUP_FILE")
  for other in "$name" "$name.lock" ".$name.spare" "$@"; do own+=(-e "$other"); done
  left=$(ls -A "$(dirname "$SHOWUP_FILE")" | grep -vxF "${own[@]}")
  [ "$?" -le 1 ] && [ -z "$left" ] && ok || bad "left beside the data file: $left"
}

# A part of a test that cannot run here. The test still runs the rest, and then ends as
# skipped (exit 77, ctest's SKIP_RETURN_CODE) rather than passed, unless something failed.
# skip_here WHAT: the machine does not allow it (no root to mount, say).
skip_here() {
  echo "skipped: $*"
  skipped+=("$*")
}
# skip_missing PACKAGE WHAT: PACKAGE is not installed. scripts/test installs every package the
# tests use, so under CI=true this is a failure, not a skip.
skip_missing() {
  local package=$1
  shift
  if [ "${CI:-}" = true ]; then
    failed=$((failed + 1))
    echo "FAIL: $* needs $package, which the test command installs, and it is missing (CI=true)"
  else
    skip_here "$* ($package is not installed)"
  fi
}

finish() {
  echo "$passed passed, $failed failed, ${#skipped[@]} parts skipped"
  [ "$failed" -eq 0 ] || exit 1
  [ "${#skipped[@]}" -eq 0 ] || exit 77
  exit 0
}

# On a terminal: tty_line COLS LINE runs the shell LINE on a pseudo-terminal COLS wide (needs
# `script`, of bsdutils), and on_tty COLS ARGS... showup itself; the output, without carriage
# returns, is in $OUT. COLUMNS is unset (the terminal says its width) unless TTY_COLUMNS is given.
tty_line() {
  script -qec "stty cols $1 rows 50; exec env -u COLUMNS ${TTY_COLUMNS:+COLUMNS=$TTY_COLUMNS} $2" \
    /dev/null </dev/null | tr -d '\r' >"$OUT"
}
on_tty() {
  local cols=$1
  shift
  printf -v cmd '%q ' "$SHOWUP" "$@"
  tty_line "$cols" "$cmd"
}

# fits COLS WHAT: no line of $OUT is wider than COLS screen columns (escape codes take none;
# 山田 takes four).
fits() {
  python3 - "$OUT" "$1" "$2" <<'PY' && ok || bad "$2: a line is wider than $1 columns"
import re, sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
text = re.sub(r".\x08", "", text)
def width(line):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)
wide = [line for line in text.split("\n") if width(line) > int(sys.argv[2])]
for line in wide:
    print(f"  {sys.argv[3]}: {width(line)} columns: {line}")
sys.exit(1 if wide else 0)
PY
}

# khal_config FILE CALENDAR FOLDER ZONE: a khal configuration in FILE with one calendar of that
# name in FOLDER, dates and times in ISO form, in ZONE, its database beside FILE.
khal_config() {
  cat >"$1" <<EOF
[calendars]
[[$2]]
path = $3
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = $4
default_timezone = $4
[sqlite]
path = $1.db
EOF
}
