#include <doctest/doctest.h>

#include "cli/habits.hpp"
#include "cli/output.hpp"
#include "showup/errors.hpp"

namespace cli_habits_test {

using namespace showup;
using namespace showup::cli;

TEST_CASE("config: each key over the fallback, comments and blank lines ignored") {
    Habits fallback;
    fallback.week_start = date::Sunday;
    fallback.clock = Clock::h12;
    const auto h =
        parse_config("# mine\n\n  clock = 24h  # at work\nprovider=okafor\n", "cfg", fallback);
    CHECK(h.week_start == date::Sunday);
    CHECK(h.clock == Clock::h24);
    CHECK(h.provider == "okafor");
    CHECK(h.provider_source == "cfg:4");
    CHECK(parse_config("week-start = monday\r\n", "cfg", fallback).week_start == date::Monday);
    CHECK(parse_config("", "cfg", fallback).clock == Clock::h12);
}

TEST_CASE("config: a bad line names the file and the line") {
    CHECK_THROWS_WITH_AS(parse_config("\nclock = 25h\n", "/c/config", {}),
                         "/c/config:2: clock cannot be \"25h\" (it is 24h or 12h)", Error);
    CHECK_THROWS_WITH_AS(parse_config("weekstart = monday", "f", {}),
                         "f:1: unknown setting \"weekstart\" (there is week-start, clock and "
                         "provider)",
                         Error);
    CHECK_THROWS_WITH_AS(parse_config("clock", "f", {}),
                         "f:1: \"clock\" is not a setting: write key = value", Error);
    CHECK_THROWS_AS(parse_config("week-start = Monday", "f", {}), Error);
}

TEST_CASE("human_time: the 12-hour clock around midnight and noon") {
    use_clock(Clock::h12);
    CHECK(human_time(Minutes{0}) == "12:00 am");
    CHECK(human_time(Minutes{30}) == "12:30 am");
    CHECK(human_time(Minutes{9 * 60 + 5}) == "9:05 am");
    CHECK(human_time(Minutes{12 * 60}) == "12:00 pm");
    CHECK(human_time(Minutes{16 * 60}) == "4:00 pm");
    CHECK(human_time(Minutes{23 * 60 + 59}) == "11:59 pm");
    use_clock(Clock::h24);
    CHECK(human_time(Minutes{16 * 60}) == "16:00");
}

} // namespace cli_habits_test
