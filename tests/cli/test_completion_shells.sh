#!/usr/bin/env bash
# Completions in real interactive shells: bash (with bash-completion), zsh (compinit) and fish,
# each in a tmux pane with a home of its own, typing a line and pressing Tab, then reading what
# the screen offers. Live values come from the data file the line names.
source "$(dirname "$0")/lib.sh" "$1"
SOURCE_DIR=$(cd "$2" && pwd)
# The shells run elsewhere: showup by its whole path, and on their PATH.
SHOWUP=$(cd "$(dirname "$SHOWUP")" && pwd)/$(basename "$SHOWUP")
export PATH=$(dirname "$SHOWUP"):$PATH

# What the shells see: a home, configuration and history of their own, and no user's settings.
export HOME=$SCRATCH/home ZDOTDIR=$SCRATCH/home XDG_CONFIG_HOME=$SCRATCH/home/.config \
  XDG_DATA_HOME=$SCRATCH/home/.local/share XDG_CACHE_HOME=$SCRATCH/home/.cache \
  XDG_STATE_HOME=$SCRATCH/home/.local/state INPUTRC=$SCRATCH/home/.inputrc \
  TMUX_TMPDIR=$SCRATCH LANG=C.UTF-8
unset TMUX BASH_ENV ENV PROMPT_COMMAND
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
cd "$SCRATCH" || exit 1

# The default file (SHOWUP_FILE) and another one, told apart by their providers and weekdays.
run init --timezone UTC
run provider add "Dr. Okafor" --id okafor
run provider add "Dr. Oyelaran" --id oyelaran
run schedule add --every mon,thu --at 10:00 --from 2026-11-01 --provider okafor
run away add 2026-12-01 2026-12-02 --provider okafor --reason "winter break"
run --file other.json init --timezone UTC
run --file other.json provider add "Dr. Lindqvist" --id lindqvist
run --file other.json schedule add --every tue --at 09:00 --from 2026-11-01
expect_rc 0 "setting up the files"

if ! command -v tmux >/dev/null; then
  skip_missing tmux "completion in interactive shells"
  finish
fi
socket=showup-test-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null; rm -rf "$SCRATCH"' EXIT
t() { tmux -L "$socket" -f /dev/null "$@"; }
screen() { t capture-pane -p -t "$1" | sed -e 's/[[:space:]]*$//' -e '/^$/d'; }
# wait_for PANE TEXT: until the screen shows TEXT, at most five seconds.
wait_for() {
  local i
  for ((i = 0; i < 250; i++)); do
    screen "$1" | grep -qF -- "$2" && return 0
    sleep 0.02
  done
  return 1
}
# A clean screen with the prompt alone: the line cancelled, then the screen cleared.
clean() {
  local i
  for ((i = 0; i < 250; i++)); do
    ((i % 50 == 0)) && t send-keys -t "$1" C-c
    sleep 0.02
    [ "$(screen "$1" | tail -n 1)" = "READY>" ] && break
  done
  for ((i = 0; i < 250; i++)); do
    ((i % 10 == 0)) && t send-keys -t "$1" C-l
    sleep 0.02
    [ "$(screen "$1")" = "READY>" ] && return 0
  done
  bad "$1: the prompt did not come back: $(screen "$1")"
}
# offers PANE LINE TEXT...: typing LINE and Tab shows every TEXT (keys after a '|' in LINE are
# sent as they are, say "Tab"). The screen is left in $SHOWN for more checks.
offers() {
  local pane=$1 line=$2 text
  shift 2
  clean "$pane"
  t send-keys -t "$pane" -l -- "$line"
  t send-keys -t "$pane" Tab
  for text in "$@"; do
    if wait_for "$pane" "$text"; then ok; else
      failed=$((failed + 1))
      echo "FAIL: $pane: '$line<Tab>' does not offer: $text"
      echo "  screen: $(screen "$pane")"
    fi
  done
  SHOWN=$(screen "$pane")
}
# not_shown PANE TEXT: the last screen lacks TEXT.
not_shown() {
  grep -qF -- "$2" <<<"$SHOWN" && { failed=$((failed + 1)); echo "FAIL: $1 offers $2: $SHOWN"; } || ok
}
start() { # start PANE COMMAND...
  t new-session -d -s "$1" -x 200 -y 50 -- "${@:2}"
  wait_for "$1" "READY>" || bad "$1 did not start: $(screen "$1")"
}

# The checks every shell passes: the file the line names, before or after the command, in every
# form; values after "="; comma lists; sessions near now; zones; absence and schedule ids.
common() {
  local pane=$1
  offers "$pane" "showup -f other.json list --provider " "--provider lindqvist"
  not_shown "$pane" okafor
  offers "$pane" "showup list --file other.json --provider " "--provider lindqvist"
  offers "$pane" "showup --file=other.json list --provider " "--provider lindqvist"
  offers "$pane" "showup list --provider o" okafor oyelaran
  not_shown "$pane" lindqvist
  offers "$pane" "showup list --provider=oy" "--provider=oyelaran"
  offers "$pane" "showup list --status=attended,sk" "--status=attended,skipped"
  offers "$pane" "showup schedule add --every mon,t" "tue" "thu"
  # Now is Wednesday 2026-11-25 noon: Monday's session was, Thursday's comes.
  offers "$pane" "showup attend s" "s1@2026-11-23" "s1@2026-11-26"
  offers "$pane" "showup -f other.json skip s" "s1@2026-11-24" "s1@2026-12-01"
  not_shown "$pane" "s1@2026-11-23"
  offers "$pane" "showup init --timezone Europe/Berl" "Europe/Berlin"
  offers "$pane" "showup away remove " "away remove a1"
  offers "$pane" "showup -f other.json schedule end " "schedule end s1"
  # help: the commands, then a command's own.
  offers "$pane" "showup help " "summary" "calendar" "provider"
  offers "$pane" "showup help aw" "showup help away"
  offers "$pane" "showup help away " "add" "list" "edit" "remove"
  not_shown "$pane" "summary"
  offers "$pane" "showup --json help provider re" "remove" "rename"
}

if [ -f /usr/share/bash-completion/bash_completion ]; then
  printf '%s\n' 'set show-all-if-ambiguous on' 'set completion-query-items 0' \
    'set page-completions off' 'set bell-style none' >"$INPUTRC"
  cat >"$HOME/.bashrc" <<RC
PS1='READY> '
source /usr/share/bash-completion/bash_completion
source '$SOURCE_DIR/completions/showup.bash'
RC
  start bash bash --rcfile "$HOME/.bashrc" --noprofile -i
  common bash
  offers bash "showup attend " "last" "next" "s1@2026-11-26" "2026-11-26"
else
  skip_missing bash-completion "bash completion in an interactive shell"
fi

if command -v zsh >/dev/null; then
  mkdir -p "$HOME/zfunc"
  cp "$SOURCE_DIR/completions/_showup" "$HOME/zfunc/"
  cat >"$ZDOTDIR/.zshrc" <<'RC'
PROMPT='READY> '
RPROMPT=''
fpath=("$HOME/zfunc" $fpath)
autoload -Uz compinit && compinit -u -D
# List the matches with the first Tab, as the other shells are set to, when it also inserts
# what they have in common.
unsetopt LIST_AMBIGUOUS
RC
  start zsh zsh -i
  common zsh
  offers zsh "SHOWUP_FILE=other.json showup list --provider " "--provider lindqvist"
  # Values with what they are.
  offers zsh "showup list --provider o" "Dr. Okafor" "Dr. Oyelaran"
  offers zsh "showup attend " "Thu 26 Nov 10:00, okafor, scheduled" "the next session"
else
  skip_missing zsh "zsh completion in an interactive shell"
fi

if command -v fish >/dev/null; then
  cat >"$SCRATCH/fish-init" <<RC
set -g fish_greeting
set -g fish_autosuggestion_enabled 0
function fish_prompt; echo -n 'READY> '; end
function fish_right_prompt; end
source '$SOURCE_DIR/completions/showup.fish'
RC
  start fish fish --no-config -C "source '$SCRATCH/fish-init'"
  common fish
  offers fish "SHOWUP_FILE=other.json showup list --provider " "--provider lindqvist"
  offers fish "showup list --provider o" "Dr. Okafor" "Dr. Oyelaran"
  offers fish "showup attend " "Thu 26 Nov 10:00, okafor, scheduled"
else
  skip_missing fish "fish completion in an interactive shell"
fi

finish
