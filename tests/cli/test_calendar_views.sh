# calendar --year and --from: the marks against the sessions recorded here, by hand.
source "$(dirname "$0")/lib.sh" "$1"
export SHOWUP_NOW="2026-03-10 12:00"
unset LC_ALL LC_TIME LANG XDG_CONFIG_HOME
export HOME=$SCRATCH/home

run init --timezone Europe/Berlin
run provider add "Dr. Okafor" --id okafor
# 2025: Tue 7 Jan attended, Fri 14 Feb skipped, Tue 3 Jun cancelled at 17:00 and attended at
# 19:00 (the day shows the cancellation, which says more), Tue 30 Dec attended late; and one
# in 2026, outside the year.
run add "2025-01-07 17:00"
run attend 2025-01-07
run add "2025-02-14 17:00"
run skip 2025-02-14
run add "2025-06-03 17:00"
run cancel "2025-06-03 17:00"
run add "2025-06-03 19:00"
run attend "2025-06-03 19:00"
run add "2025-12-30 17:00"
run attend 2025-12-30 --late 5
run add "2026-01-02 17:00"
run attend 2026-01-02

run calendar --year 2025
expect_rc 0 "calendar --year"
# The year above three months across (21 columns each, 4 between): 71 columns, on 80.
# row A B C: a line of three months' rows, each 21 columns wide, 4 apart (trailing blanks cut).
row() { printf '%-21s    %-21s    %s' "$1" "$2" "$3" | sed 's/ *$//'; }
expect_line() { grep -qxF -- "$1" "$OUT" && ok || bad "no line: '$1'"; }
expect_line "$(printf '%37s' 2025)"
expect_line "$(row "       January" "      February" "        March")"
expect_line "$(row "Mo Tu We Th Fr Sa Su" "Mo Tu We Th Fr Sa Su" "Mo Tu We Th Fr Sa Su")"
# January 2025 starts on a Wednesday, February and March on a Saturday.
expect_line "$(row "       1  2  3  4  5" "                1  2" "                1  2")"
expect_line "$(row " 6  7+ 8  9 10 11 12" " 3  4  5  6  7  8  9" " 3  4  5  6  7  8  9")"
expect_line "$(row "13 14 15 16 17 18 19" "10 11 12 13 14x15 16" "10 11 12 13 14 15 16")"
# April starts on a Tuesday, May on a Thursday, June on a Sunday; 3 June shows the
# cancellation.
expect_line "$(row "    1  2  3  4  5  6" "          1  2  3  4" "                   1")"
expect_line "$(row " 7  8  9 10 11 12 13" " 5  6  7  8  9 10 11" " 2  3c 4  5  6  7  8")"
# October starts on a Wednesday, November on a Saturday, December on a Monday.
expect_line "$(row "       1  2  3  4  5" "                1  2" " 1  2  3  4  5  6  7")"
expect_line "$(row "27 28 29 30 31" "24 25 26 27 28 29 30" "29 30+31")"
expect_out "+ attended  x skipped  ! late-cancel  c cancelled  a away"
expect_out "2025: 3 attended, 1 skipped, 1 cancelled"
[ "$(grep -o '[0-9][-+x!cae~?o]' "$OUT" | wc -l)" -eq 4 ] && ok || bad "the year has marks on other days"
awk 'length > 80 { exit 1 }' "$OUT" && ok || bad "a line of the year is wider than 80 columns"

run calendar --year 2025 --json
expect_json '[(s["date"], s["status"]) for s in d["sessions"]] == [("2025-01-07", "attended"),
  ("2025-02-14", "skipped"), ("2025-06-03", "cancelled"), ("2025-06-03", "attended"),
  ("2025-12-30", "attended")]'
expect_json 'd["from"] == "2025-01-01" and d["to"] == "2025-12-31" and list(d) == ["from", "to", "sessions"]'
expect_json 'all(set(s) == {"date", "id", "status"} for s in d["sessions"])'

run calendar --year 2024
expect_out "2024: no sessions"
# 2024 is a leap year: February has its 29th, on a Thursday.
expect_out "26 27 28 29"

# The week from Sunday (the config file): 7 January is in the second week, on a Tuesday.
mkdir -p "$HOME/.config/showup"
echo "week-start = sunday" >"$HOME/.config/showup/config"
run calendar --year 2025
expect_line "$(row "Su Mo Tu We Th Fr Sa" "Su Mo Tu We Th Fr Sa" "Su Mo Tu We Th Fr Sa")"
expect_line "$(row "          1  2  3  4" "                   1" "                   1")"
expect_line "$(row " 5  6  7+ 8  9 10 11" " 2  3  4  5  6  7  8" " 2  3  4  5  6  7  8")"
rm "$HOME/.config/showup/config"

# Fewer months across on a narrower terminal: two on 50 columns, one on 40.
if command -v script >/dev/null; then
  on_terminal() { script -qec "$(printf '%q ' "$SHOWUP" "$@")" /dev/null >"$OUT" 2>"$ERR" </dev/null; }
  COLUMNS=50 on_terminal calendar --year 2025 --color never
  grep -q "January *February" "$OUT" && ok || bad "two months across on 50 columns"
  grep -q "February *March" "$OUT" && bad "three months across on 50 columns" || ok
  tr -d '\r' <"$OUT" | awk 'length > 50 { exit 1 }' && ok || bad "a line wider than 50 columns"
  COLUMNS=40 on_terminal calendar --year 2025 --color never
  grep -q "January *February" "$OUT" && bad "two months across on 40 columns" || ok
  grep -q "December" "$OUT" && ok || bad "the year on 40 columns lacks December"
  on_terminal calendar --year 2026 --color always
  grep -qF $'\e[7m10\e[0m' "$OUT" && ok || bad "today is not shown in the year"
else
  skip_missing bsdutils "the year on a narrower terminal"
fi

# Looking back from a month.
run calendar --from 2025-06-15 --months 1
expect_out "       June 2025"
expect_out "  2   3c  4   5   6   7   8"
expect_no_out "July 2025"
run calendar --from 2025-12-01 --months 2
expect_out " 29  30+ 31"
expect_out "      January 2026"
expect_out "  5   6   7   8   9  10  11"
expect_out "$(printf '%15s   2+  3   4' 1)"
run calendar --from 2025-06-15 --json
expect_json 'd["from"] == "2025-06-01" and d["to"] == "2025-08-31"'
expect_json '[(s["date"], s["status"]) for s in d["sessions"]] == [("2025-06-03", "cancelled"), ("2025-06-03", "attended")]'

# --year is a view of its own; bad years and dates are usage errors.
with_unchanged_file calendar --year 2025 --from 2025-01-01
expect_error 2 "--year"
with_unchanged_file calendar --year 2025 --months 2
expect_error 2 "--year"
with_unchanged_file calendar --year 1800
expect_error 2 "1800"
with_unchanged_file calendar --year twenty
expect_error 2 "twenty"
with_unchanged_file calendar --from 2025-02-30
expect_error 2 "2025-02-30"
finish
