#!/usr/bin/env bash
# Completions, manual, help and install: kept in step with the command line.
source "$(dirname "$0")/lib.sh" "$1"
SOURCE_DIR=$2
BUILD_DIR=$3
BIN_DIR=$(dirname "$SHOWUP")
export PATH=$BIN_DIR:$PATH

# The shipped completion files are what the CLI generates now.
for shell in bash zsh fish; do
  file=$(case $shell in bash) echo showup.bash ;; zsh) echo _showup ;; fish) echo showup.fish ;; esac)
  run completions $shell
  if cmp -s "$OUT" "$SOURCE_DIR/completions/$file"; then ok; else
    bad "completions/$file differs from 'showup completions $shell'; regenerate it with: build/src/showup completions $shell > completions/$file"
  fi
done

run completions --list commands
commands=$(cat "$OUT")
[ "$(echo "$commands" | wc -l)" -ge 20 ] && ok || bad "too few commands listed"

# Every command has help with an example, and an entry of its own in the manual's COMMANDS:
# a tagged paragraph (.TP) whose tag starts with the command's whole path in bold.
python3 - "$SOURCE_DIR/man/showup.1" >"$SCRATCH/man-commands" <<'PY'
import re, shlex, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
section = None
for i, line in enumerate(lines):
    if line.startswith(".SH "):
        section = line[4:].strip('"')
    elif section == "COMMANDS" and line == ".TP" and i + 1 < len(lines):
        tag = lines[i + 1]
        m = re.match(r'\.BR? (.*)', tag)
        if m:
            print(shlex.split(m.group(1).replace("\\", "\\\\"))[0].replace("\\-", "-"))
PY
while read -r path; do
  run $path --help
  expect_out "Example: showup"
  # A group ("away") has no entry of its own; its commands ("away add") have.
  grep -q "^$path " <<<"$commands" && continue
  grep -qxF -- "$path" "$SCRATCH/man-commands" && ok || bad "the manual's COMMANDS has no entry for: $path"
done <<<"$commands"

# The manual renders without a warning.
if command -v groff >/dev/null; then
  warnings=$(groff -ww -z -man "$SOURCE_DIR/man/showup.1" 2>&1)
  [ -z "$warnings" ] && ok || bad "groff warnings: $warnings"
else
  skip_missing groff-base "the manual's rendering"
fi
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "DATES AND TIMES" STATUSES "STREAKS AND GAPS" FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
  grep -q "^\.SH \"\?$section\"\?$" "$SOURCE_DIR/man/showup.1" && ok || bad "man page lacks the section $section"
done

# Live values come from the data file.
run init --timezone UTC
run provider add "Dr. Okafor" --id okafor
run away add 2026-12-01 2026-12-02
run contact add yesterday
run agenda add the exam

# bash, with bash-completion as people have it.
if [ -f /usr/share/bash-completion/bash_completion ]; then
  complete_bash() {
    bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; shift
             COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _showup; printf "%s\n" "${COMPREPLY[@]}"' \
      _ "$SOURCE_DIR/completions/showup.bash" "$@" >"$OUT" 2>"$ERR"
  }
  complete_bash showup ""
  expect_out "attend"
  expect_out "summary"
  complete_bash showup sk
  [ "$(cat "$OUT")" = skip ] && ok || bad "bash: 'showup sk' completes to $(cat "$OUT")"
  complete_bash showup summary --
  expect_out "--by"
  expect_out "--json"
  complete_bash showup summary --by ""
  [ "$(sort "$OUT" | tr '\n' ' ')" = "month provider year " ] && ok || bad "bash: --by values"
  complete_bash showup list --provider ""
  [ "$(cat "$OUT")" = okafor ] && ok || bad "bash: provider ids"
  complete_bash showup away remove ""
  [ "$(cat "$OUT")" = a1 ] && ok || bad "bash: absence ids"
  complete_bash showup contact edit ""
  [ "$(cat "$OUT")" = c1 ] && ok || bad "bash: contact ids"
  complete_bash showup agenda done ""
  [ "$(cat "$OUT")" = t1 ] && ok || bad "bash: topic ids"
  complete_bash showup provider ""
  [ "$(sort "$OUT" | tr '\n' ' ')" = "add edit list remove rename " ] && ok || bad "bash: provider subcommands"
  complete_bash showup list --status attended,sk
  [ "$(cat "$OUT")" = attended,skipped ] && ok || bad "bash: a list of statuses"
else
  skip_missing bash-completion "bash completion"
fi

if command -v zsh >/dev/null; then
  zsh -n "$SOURCE_DIR/completions/_showup" && ok || bad "zsh -n rejects completions/_showup"
else
  skip_missing zsh "zsh completion"
fi

if command -v fish >/dev/null; then
  fish -n "$SOURCE_DIR/completions/showup.fish" && ok || bad "fish -n rejects completions/showup.fish"
  fish -c "source '$SOURCE_DIR/completions/showup.fish'; complete -C 'showup '" >"$OUT" 2>"$ERR"
  expect_out "attend"
  expect_out "calendar"
  fish -c "source '$SOURCE_DIR/completions/showup.fish'; complete -C 'showup away add --provider '" >"$OUT" 2>"$ERR"
  expect_out "okafor"
else
  skip_missing fish "fish completion"
fi

# Install into a temporary prefix, stripped, as the README says.
cmake --install "$BUILD_DIR" --strip --prefix "$SCRATCH/prefix" >/dev/null 2>"$ERR" && ok || bad "cmake --install failed"
for f in bin/showup share/man/man1/showup.1.gz share/bash-completion/completions/showup \
         share/zsh/site-functions/_showup share/fish/vendor_completions.d/showup.fish; do
  [ -f "$SCRATCH/prefix/$f" ] && ok || bad "not installed: $f"
done
"$SCRATCH/prefix/bin/showup" --version >"$OUT" 2>&1
grep -qE '^showup [0-9]+\.[0-9]+\.[0-9]+ \((Release|RelWithDebInfo|Debug|MinSizeRel)' "$OUT" && ok ||
  bad "--version does not say the version and the build: $(cat "$OUT")"
# Stripped: no symbol table left (the unstripped Release binary has one).
if command -v readelf >/dev/null; then
  readelf -S "$SCRATCH/prefix/bin/showup" | grep -q '\.symtab' && bad "the installed binary is not stripped" || ok
fi

finish
