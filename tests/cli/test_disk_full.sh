#!/usr/bin/env bash
# A full disk, for real: a small tmpfs. A save that runs out of space reports it, leaves the
# old file intact and no temporary file. Skips cleanly where mounting is not permitted.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00"
DISK=$SCRATCH/disk
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=256k,mode=0700 tmpfs "$DISK" 2>/dev/null; then
  skip_here "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)"
  finish
fi
trap 'umount "$DISK" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
export SHOWUP_FILE=$DISK/showup.json

run init --timezone UTC
run provider add "Dr. Okafor" --id okafor
run schedule add --every mon,tue,wed,thu,fri --at 10:00 --from 2025-06-01
# Fill the disk, leaving a little room.
dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
rm -f "$DISK/filler"
dd if=/dev/zero of="$DISK/filler" bs=1k count=$(( $(df -k --output=avail "$DISK" | tail -1) - 24 )) 2>/dev/null

with_unchanged_file attend --through 2026-11-01 # about 370 sessions: far more than 24k
expect_error 1 "No space left on device"
only_own_files filler
run list --json --from 2026-10-01 --to 2026-10-31
expect_json 'all(s["status"] == "unlogged" for s in d["sessions"])'

rm -f "$DISK/filler"
run attend --through 2026-11-01
expect_rc 0 "the same write once there is room"
finish
