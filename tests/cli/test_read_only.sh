#!/usr/bin/env bash
# A data file in a place showup cannot write to (a read-only directory, where not even the
# lock file can be made): reading it works, without a lock; a write is refused with exit 1 and
# leaves the file as it was. As root, the commands run as the user nobody (setpriv), for whom
# the directory is read-only; as anyone else, the directory is made read-only.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00"
PLACE=$SCRATCH/place
mkdir -p "$PLACE"
export SHOWUP_FILE=$PLACE/showup.json
run init --timezone UTC
run provider add "Dr. Okafor" --id okafor
run add "2026-11-20 10:00"
expect_rc 0 "the set-up"
rm -f "$SHOWUP_FILE.lock"

as_reader=()
if [ "$(id -u)" -eq 0 ]; then
  if ! command -v setpriv >/dev/null; then
    skip_missing util-linux "running as another user"
    finish
  fi
  chmod 755 "$SCRATCH" "$PLACE"
  chown nobody "$SHOWUP_FILE"
  as_reader=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
else
  chmod 555 "$PLACE"
  trap 'chmod 755 "$PLACE"; rm -rf "$SCRATCH"' EXIT
fi
# The place really is read-only for the reader.
"${as_reader[@]}" touch "$PLACE/probe" 2>/dev/null && bad "the directory is writable: the test proves nothing" || ok

reader() { "${as_reader[@]}" "$SHOWUP" "$@" >"$OUT" 2>"$ERR"; RC=$?; }
cp "$SHOWUP_FILE" "$SCRATCH/before"
listed=$(ls -A "$PLACE")
reader list --json --from 2026-11-01 --to 2026-11-30
expect_rc 0 "list in a read-only place"
expect_json '[s["start"] for s in d["sessions"]] == ["2026-11-20T10:00:00+00:00"]'
reader provider list
expect_rc 0 "provider list in a read-only place"
expect_out "okafor"
reader add "2026-11-27 10:00"
expect_rc 1 "a write in a read-only place"
[ "$(wc -l <"$ERR")" -eq 1 ] && grep -q '^showup: ' "$ERR" && ok || bad "the refusal is not one 'showup: ' line"
cmp -s "$SHOWUP_FILE" "$SCRATCH/before" && ok || bad "the refused write changed the file"
[ ! -e "$SHOWUP_FILE.lock" ] && ok || bad "a lock file appeared in the read-only place"
[ "$(ls -A "$PLACE")" = "$listed" ] && ok || bad "the refused write left files: $(ls -A "$PLACE")"
finish
