#!/usr/bin/env bash
# The manual: rendered 80 columns wide, no line is wider; and every example of its EXAMPLES
# section, run on the day its heading names, prints what the page shows.
source "$(dirname "$0")/lib.sh" "$1"
PAGE=$(cd "$2" && pwd)/man/showup.1

if command -v man >/dev/null; then
  MANWIDTH=80 MANPAGER=cat MAN_KEEP_FORMATTING= man -l "$PAGE" 2>"$ERR" >"$OUT"
  [ -s "$OUT" ] && ok || bad "man -l renders nothing"
  fits 80 "man showup at MANWIDTH=80"
  # groff's own complaints (a bad request, a line it cannot break) are on stderr.
  [ ! -s "$ERR" ] && ok || bad "man -l warns"
else
  skip_missing man-db "the manual at 80 columns"
fi

# The examples: under each ".SS" heading that names a day and a time ("Tuesday 24 November
# 2026, 18:00"), lines "$ showup ..." of the .nf blocks are commands, run in order with that now
# on a terminal as wide as the section says, and on the data file it names; the lines after
# each, up to the next command, are what it prints.
if ! command -v script >/dev/null; then
  skip_missing bsdutils "the manual's examples on a terminal"
  finish
fi
mkdir -p "$SCRATCH/bin" "$SCRATCH/work"
ln -s "$SHOWUP" "$SCRATCH/bin/showup"
export PATH=$SCRATCH/bin:$PATH
cd "$SCRATCH/work" || exit 1
python3 - "$PAGE" >"$SCRATCH/report" <<'PY'
import datetime, os, re, subprocess, sys

def roman(text):
    """groff's escapes of the page, as a terminal shows them."""
    for escape, char in (("\\-", "-"), ("\\(dq", '"'), ("\\(aq", "'"), ("\\(en", "–"),
                         ("\\(em", "—"), ("\\(ti", "~"), ("\\(lq", "“"), ("\\(rq", "”"),
                         ("\\&", ""), ("\\e", "\\")):
        text = text.replace(escape, char)
    return re.sub(r"\\\[u([0-9A-F]{4})\]", lambda m: chr(int(m.group(1), 16)), text)

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = lines.index(".SH EXAMPLES")
end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
examples = []  # (now, command, expected lines)
now = None
in_block = False
for line in lines[start + 1:end]:
    if line.startswith(".SS "):
        heading = line[4:].strip('"')
        day = datetime.datetime.strptime(heading, "%A %d %B %Y, %H:%M")
        # The heading's weekday must be that date's.
        if heading.split()[0] != day.strftime("%A"):
            print(f"FAIL: {heading}: that day is a {day.strftime('%A')}")
        now = day.strftime("%Y-%m-%dT%H:%M")
    elif line == ".nf":
        in_block = True
    elif line == ".fi":
        in_block = False
    elif in_block and not line.startswith("."):
        text = roman(line)
        if text.startswith("$ "):
            if now is None:
                print(f"FAIL: {text}: no heading says on which day")
                continue
            # A comment after the command is the page's, not the shell's.
            command = re.sub(r"\s+#[^\"']*$", "", text[2:])
            examples.append((now, command, []))
        elif examples:
            examples[-1][2].append(text)

# What the section says of the terminal and the file.
intro = " ".join(lines[start + 1:end])
columns = re.search(r"on a terminal (\d+) columns", intro)
data_file = re.search(r'export SHOWUP_FILE=([^ "]+)', roman(intro))
if not columns or not data_file:
    print("FAIL: the EXAMPLES section does not say how wide the terminal is, or which file")
    sys.exit(0)
env = dict(os.environ, NO_COLOR="1", SHOWUP_FILE=data_file.group(1))
env.pop("COLUMNS", None)

print(f"{len(examples)} examples")
for now, command, expected in examples:
    done = subprocess.run(["script", "-qec", f"stty cols {columns.group(1)} rows 50; {command}",
                           "/dev/null"], env=dict(env, SHOWUP_NOW=now), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL)
    text = done.stdout.replace("\r", "").rstrip("\n")
    got = text.split("\n") if text else []
    got = [g.rstrip() for g in got]
    want = [w.rstrip() for w in expected]
    if got == want:
        print(f"ok: {command}")
    else:
        print(f"FAIL: on {now}: {command}")
        print("  the page shows:\n" + "\n".join("    " + w for w in want))
        print("  showup prints:\n" + "\n".join("    " + g for g in got))
PY
count=$(sed -n 's/^\([0-9]*\) examples$/\1/p' "$SCRATCH/report")
[ "${count:-0}" -ge 15 ] && ok || bad "the EXAMPLES section has ${count:-no} examples"
passed=$((passed + $(grep -c '^ok: ' "$SCRATCH/report")))
failed=$((failed + $(grep -c '^FAIL' "$SCRATCH/report")))
grep -v '^ok: ' "$SCRATCH/report" | grep -v '^[0-9]* examples$'
finish
