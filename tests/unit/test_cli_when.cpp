#include <doctest/doctest.h>

#include <date/tz.h>

#include "cli/when.hpp"
#include "helpers.hpp"
#include "showup/errors.hpp"

using namespace showup;
using namespace showup::cli;
using showup::test::at;
using showup::test::day;

namespace cli_when_test {

// 2026-11-25 is a Wednesday.
static const LocalDays k_today = day("2026-11-25");

TEST_CASE("when: dates") {
    CHECK(parse_date("2026-11-26", k_today) == day("2026-11-26"));
    CHECK(parse_date("today", k_today) == k_today);
    CHECK(parse_date("Tomorrow", k_today) == day("2026-11-26"));
    CHECK(parse_date("yesterday", k_today) == day("2026-11-24"));
    SUBCASE("weekday names: the next one, today included") {
        CHECK(parse_date("thu", k_today) == day("2026-11-26"));
        CHECK(parse_date("wed", k_today) == k_today);
        CHECK(parse_date("tue", k_today) == day("2026-12-01"));
        CHECK(parse_date("next wed", k_today) == day("2026-12-02"));
    }
    SUBCASE("last: the previous one, today excluded") {
        CHECK(parse_date("last thu", k_today) == day("2026-11-19"));
        CHECK(parse_date("last wed", k_today) == day("2026-11-18"));
        CHECK(parse_date("last tuesday", k_today) == day("2026-11-24"));
    }
    SUBCASE("relative") {
        CHECK(parse_date("+3d", k_today) == day("2026-11-28"));
        CHECK(parse_date("-2w", k_today) == day("2026-11-11"));
        CHECK(parse_date("+0d", k_today) == k_today);
    }
    SUBCASE("impossible or unknown dates name the text") {
        CHECK_THROWS_WITH_AS(parse_date("2026-02-30", k_today), doctest::Contains("\"2026-02-30\""),
                             UsageError);
        CHECK_THROWS_WITH_AS(parse_date("2026-02-30", k_today),
                             doctest::Contains("February has 28 days in 2026"), UsageError);
        CHECK_THROWS_WITH_AS(parse_date("2024-02-30", k_today),
                             doctest::Contains("February has 29 days in 2024"), UsageError);
        CHECK_THROWS_WITH_AS(parse_date("2026-04-31", k_today),
                             doctest::Contains("April has 30 days in 2026"), UsageError);
        CHECK_THROWS_WITH_AS(parse_date("2026-13-01", k_today),
                             doctest::Contains("there is no month 13"), UsageError);
        CHECK_THROWS_AS(parse_date("someday", k_today), UsageError);
        CHECK_THROWS_AS(parse_date("+3x", k_today), UsageError);
        CHECK_THROWS_AS(parse_date("", k_today), UsageError);
        CHECK_THROWS_AS(parse_date("last", k_today), UsageError);
    }
}

TEST_CASE("when: times") {
    CHECK(parse_time("10:00") == std::chrono::minutes{600});
    CHECK(parse_time("9:05") == std::chrono::minutes{545});
    CHECK(parse_time("10am") == std::chrono::minutes{600});
    CHECK(parse_time("2:30pm") == std::chrono::minutes{14 * 60 + 30});
    CHECK(parse_time("12am") == std::chrono::minutes{0});
    CHECK(parse_time("12pm") == std::chrono::minutes{12 * 60});
    CHECK(parse_time("23:59") == std::chrono::minutes{23 * 60 + 59});
    for (const char* bad : {"25:00", "24:00", "10:60", "10:5", "13pm", "0am", "10", "ten", ""}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_time(bad), UsageError);
    }
}

TEST_CASE("when: dates with times") {
    const auto zone = Zone::locate("Europe/Berlin");
    CHECK_THROWS_WITH_AS(parse_date_time("2026-02-29 10:00", k_today, zone),
                         doctest::Contains("\"2026-02-29 10:00\" is not a date: February has 28"),
                         UsageError);
    CHECK(parse_date_time("2026-11-26 10:00", k_today, zone) == at("2026-11-26T10:00"));
    CHECK(parse_date_time("2026-11-26T10:00", k_today, zone) == at("2026-11-26T10:00"));
    CHECK(parse_date_time("tomorrow 10am", k_today, zone) == at("2026-11-26T10:00"));
    CHECK(parse_date_time("last thu 17:30", k_today, zone) == at("2026-11-19T17:30"));
    CHECK(parse_date_time("2:30pm", k_today, zone) == at("2026-11-25T14:30"));
    CHECK(parse_date_time("thu", k_today, zone, std::chrono::minutes{600}) ==
          at("2026-11-26T10:00"));
    SUBCASE("a missing time without a default is an error") {
        CHECK_THROWS_WITH_AS(parse_date_time("thu", k_today, zone),
                             doctest::Contains("no time of day"), UsageError);
    }
    SUBCASE("bad parts are named") {
        CHECK_THROWS_WITH_AS(parse_date_time("2026-11-26 25:00", k_today, zone),
                             doctest::Contains("\"25:00\""), UsageError);
        CHECK_THROWS_WITH_AS(parse_date_time("2026-02-30 10:00", k_today, zone),
                             doctest::Contains("\"2026-02-30 10:00\""), UsageError);
    }
    SUBCASE("a time skipped by daylight saving is refused") {
        CHECK_THROWS_WITH_AS(parse_date_time("2026-03-29 02:30", k_today, zone),
                             doctest::Contains("does not exist in Europe/Berlin"), UsageError);
        CHECK(parse_date_time("2026-10-25 02:30", k_today, zone) == at("2026-10-25T02:30"));
    }
}

TEST_CASE("when: --now") {
    const auto zone = Zone::locate("America/Chicago");
    const auto expected = date::sys_days{date::year{2026} / 11 / 26} + std::chrono::hours{16};
    CHECK(parse_now("2026-11-26T10:00", zone) == expected);
    CHECK(parse_now("2026-11-26 10:00", zone) == expected);
    CHECK(parse_now("2026-11-26T16:00:00Z", zone) == expected);
    CHECK(parse_now("2026-11-26T10:00:00-06:00", zone) == expected);
    CHECK(parse_now("2026-11-26T17:00:00+01:00", zone) == expected);
    CHECK_THROWS_AS(parse_now("2026-11-26T10:00:00+1", zone), UsageError);
    CHECK_THROWS_AS(parse_now("soon", zone), UsageError);
}

TEST_CASE("when: relative --now values count from today, at noon unless a time is given") {
    const auto zone = Zone::locate("America/Chicago");
    const auto* tz = date::locate_zone("America/Chicago");
    // Today by the system clock in that zone, read twice so that a test at midnight retries.
    const auto today = [&] {
        return date::floor<date::days>(tz->to_local(std::chrono::system_clock::now()));
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto day = today();
        const auto at_local = [&](date::days offset, std::chrono::minutes time) {
            return Instant{std::chrono::floor<std::chrono::seconds>(
                tz->to_sys(day + offset + time, date::choose::earliest))};
        };
        using std::chrono::hours;
        using std::chrono::minutes;
        const std::pair<Instant, Instant> got_wanted[] = {
            {parse_now("+3d", zone), at_local(date::days{3}, hours{12})},
            {parse_now("-2w", zone), at_local(date::days{-14}, hours{12})},
            {parse_now("tomorrow", zone), at_local(date::days{1}, hours{12})},
            {parse_now("yesterday 9:15am", zone), at_local(date::days{-1}, hours{9} + minutes{15})},
            {parse_now("today 18:00", zone), at_local(date::days{0}, hours{18})},
        };
        if (today() != day) {
            continue; // midnight passed while checking
        }
        for (const auto& [got, wanted] : got_wanted) {
            CHECK(got == wanted);
        }
        CHECK_THROWS_AS(parse_now("+3x", zone), UsageError);
        return;
    }
}

} // namespace cli_when_test
