# The person's habits: the first day of the week and the clock from LC_TIME (real de_DE and
# en_US locales, generated here), the config file over them, its errors, and the default
# provider. --json, CSV and ICS never change.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-11-25 12:00" # a Wednesday
unset LC_ALL LC_TIME LANG LANGUAGE XDG_CONFIG_HOME
export HOME=$SCRATCH/home
CONFIG=$SCRATCH/config/showup/config
mkdir -p "$HOME" "$(dirname "$CONFIG")"

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
run schedule add --every fri --at 16:00 --from 2026-11-06
run attend --through 2026-11-20

# Locales of our own, in a folder of the test's (LOCPATH), so that none need be installed.
export LOCPATH=$SCRATCH/locales
mkdir -p "$LOCPATH"
have_locales=true
for name in de_DE en_US; do
  if ! command -v localedef >/dev/null ||
    ! localedef -i "$name" -f UTF-8 "$LOCPATH/$name.UTF-8" >/dev/null 2>&1 &&
    [ ! -d "$LOCPATH/$name.UTF-8" ]; then
    have_locales=false
  fi
done

# The C locale: Monday and 24 hours, as always.
LC_TIME=C.UTF-8 run next
expect_out "Fri 27 Nov 16:00"
LC_TIME=C.UTF-8 run calendar --months 1
expect_out " Mo  Tu  We  Th  Fr  Sa  Su"
expect_out "  2   3   4   5   6+  7   8"
LC_TIME=POSIX run streak
cp "$OUT" "$SCRATCH/streak.C"
expect_out "3 weeks in a row with a session, since Mon 2 Nov"
for what in "list --json" "calendar --json" "streak --json" "next --json" "show last --json" \
  "export --format csv" "export --format ics" "export --format json"; do
  LC_TIME=C run $what
  cp "$OUT" "$SCRATCH/$(echo "$what" | tr ' ' _).C"
done
machine_output_unchanged() { # WHY
  for what in "list --json" "calendar --json" "streak --json" "next --json" "show last --json" \
    "export --format csv" "export --format ics" "export --format json"; do
    run $what
    cmp -s "$OUT" "$SCRATCH/$(echo "$what" | tr ' ' _).C" && ok || bad "$1 changed $what"
  done
}

if $have_locales; then
  # en_US: Sunday and "4:00 pm".
  export LC_TIME=en_US.UTF-8
  run next
  expect_out "Fri 27 Nov 4:00 pm"
  run show 2026-11-27
  expect_out "Fri 27 Nov 4:00 pm – 4:50 pm"
  run schedule list
  expect_out "every fri at 4:00 pm"
  run calendar --months 1
  expect_out " Su  Mo  Tu  We  Th  Fr  Sa"
  expect_out "  1   2   3   4   5   6+  7"
  expect_out " 22  23  24 >25  26  27o 28"
  # Weeks from Sunday: the run starts on Sunday 1 November.
  run streak
  expect_out "3 weeks in a row with a session, since Sun 1 Nov"
  machine_output_unchanged "en_US"
  # LC_ALL and LANG count as the C library says (LC_ALL over LC_TIME over LANG).
  LC_TIME=C LC_ALL=en_US.UTF-8 run next
  expect_out "4:00 pm"
  LC_TIME= LANG=en_US.UTF-8 run next
  expect_out "4:00 pm"
  # de_DE: Monday and 24 hours.
  export LC_TIME=de_DE.UTF-8
  run next
  expect_out "Fri 27 Nov 16:00"
  run calendar --months 1
  expect_out " Mo  Tu  We  Th  Fr  Sa  Su"
  machine_output_unchanged "de_DE"
  # A locale that is not there is the C locale's habits.
  LC_TIME=xx_XX.UTF-8 run next
  expect_out "Fri 27 Nov 16:00"
else
  skip_missing locales "de_DE and en_US locales (localedef)"
  export LC_TIME=C
fi

# The config file, over the locale: each key alone leaves the others to it.
export XDG_CONFIG_HOME=$SCRATCH/config
printf '# my habits\n\nweek-start = sunday   # as at home\nclock=12h\n' >"$CONFIG"
run next
expect_out "Fri 27 Nov 4:00 pm"
run calendar --months 1
expect_out " Su  Mo  Tu  We  Th  Fr  Sa"
run streak
expect_out "since Sun 1 Nov"
machine_output_unchanged "the config file"
printf 'clock = 24h\n' >"$CONFIG"
if $have_locales; then
  LC_TIME=en_US.UTF-8 run calendar --months 1
  expect_out " Su  Mo  Tu  We  Th  Fr  Sa"
  LC_TIME=en_US.UTF-8 run next
  expect_out "Fri 27 Nov 16:00"
fi
# Midnight and noon on the 12-hour clock.
printf 'clock = 12h\n' >"$CONFIG"
run add "2026-12-01 00:30"
expect_out "Tue 1 Dec 12:30 am"
run add "2026-12-02 12:00"
expect_out "Wed 2 Dec 12:00 pm"
run undo
run undo
# Without XDG_CONFIG_HOME, ~/.config/showup/config.
unset XDG_CONFIG_HOME
mkdir -p "$HOME/.config/showup"
echo "clock = 12h" >"$HOME/.config/showup/config"
LC_TIME=C run next
expect_out "4:00 pm"
rm "$HOME/.config/showup/config"
export XDG_CONFIG_HOME=$SCRATCH/config

# A bad line is an error naming the file and line, and nothing is done.
bad_config() { # CONTENT MESSAGE
  printf '%s' "$1" >"$CONFIG"
  with_unchanged_file attend 2026-11-27 --now "2026-11-28 12:00"
  expect_error 1 "$2"
}
bad_config $'clock = 12h\ncolour = always\n' "$CONFIG:2: unknown setting \"colour\""
bad_config $'# a comment\nclock = 13h\n' "$CONFIG:2: clock cannot be \"13h\" (it is 24h or 12h)"
bad_config $'week-start = saturday\n' "$CONFIG:1: week-start cannot be \"saturday\" (it is monday or sunday)"
bad_config $'week-start\n' "$CONFIG:1: \"week-start\" is not a setting: write key = value"
bad_config $'provider =\n' "$CONFIG:1: provider cannot be \"\""
bad_config $'clock = \e[31m12h\n' "cannot be"
grep -q $'\e' "$ERR" && bad "the error printed an escape code" || ok
printf 'clock = 24h\n' >"$CONFIG"
rm -f "$CONFIG" && mkdir "$CONFIG"
with_unchanged_file next
expect_error 1 "$CONFIG is a directory"
rmdir "$CONFIG"

# The default provider, where there are several and none is named.
run provider add "Dr. Lind" --id lind
with_unchanged_file add "2026-12-01 10:00"
expect_error 2 "several providers (okafor, lind)"
printf 'provider = lind\n' >"$CONFIG"
run add "2026-12-01 10:00" --json
expect_rc 0 "add with the config's provider"
run list --json --from 2026-12-01 --to 2026-12-01
expect_json '[s["provider"] for s in d["sessions"]] == ["lind"]'
# --provider still says which.
run add "2026-12-02 10:00" --provider okafor
run list --json --from 2026-12-02 --to 2026-12-02
expect_json '[s["provider"] for s in d["sessions"]] == ["okafor"]'
# A filter without --provider is still every provider's.
run list --json --from 2026-12-01 --to 2026-12-02
expect_json 'len(d["sessions"]) == 2'
printf '\nprovider = nobody\n' >"$CONFIG"
with_unchanged_file add "2026-12-03 10:00"
expect_error 1 "$CONFIG:2: no provider \"nobody\" (there is: okafor, lind)"
finish
