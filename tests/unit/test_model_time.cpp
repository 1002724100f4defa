#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/data.hpp"
#include "showup/errors.hpp"
#include "showup/time.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_time_test {

TEST_CASE("time: strict ISO forms round-trip and reject impossible dates") {
    CHECK(format_date(day("2026-11-26")) == "2026-11-26");
    CHECK(format_local(at("2026-11-26T10:05")) == "2026-11-26T10:05");
    CHECK(parse_iso_date("2024-02-29").has_value());
    CHECK_FALSE(parse_iso_date("2026-02-29").has_value());
    CHECK_FALSE(parse_iso_date("2026-02-30").has_value());
    CHECK_FALSE(parse_iso_date("2026-13-01").has_value());
    CHECK_FALSE(parse_iso_date("2026-1-01").has_value());
    CHECK_FALSE(parse_iso_date("2026-01-01x").has_value());
    CHECK_FALSE(parse_iso_local("2026-11-26T24:00").has_value());
    CHECK_FALSE(parse_iso_local("2026-11-26T10:60").has_value());
    CHECK_FALSE(parse_iso_local("2026-11-26 10:00").has_value());
}

TEST_CASE("time: an occurrence's id names its day, and gives it back") {
    CHECK(occurrence_day(occurrence_id("s1", day("2026-11-23"))) == day("2026-11-23"));
    CHECK(occurrence_day("s12@2024-02-29") == day("2024-02-29"));
    CHECK_FALSE(occurrence_day("o12"));
    CHECK_FALSE(occurrence_day("s1@2026-02-30"));
    CHECK_FALSE(occurrence_day("s1@"));
}

TEST_CASE("time: weekday names") {
    CHECK(weekday_name(date::Thursday) == "thu");
    CHECK(parse_weekday("Thu") == date::Thursday);
    CHECK(parse_weekday("thursday") == date::Thursday);
    CHECK(parse_weekday("thurs") == date::Thursday);
    CHECK_FALSE(parse_weekday("th").has_value());
    CHECK_FALSE(parse_weekday("thursdays").has_value());
}

TEST_CASE("time: zones keep wall-clock time and report the offset") {
    CHECK_THROWS_WITH_AS(Zone::locate("Mars/Olympus"),
                         doctest::Contains("unknown time zone \"Mars/Olympus\""), Error);
    const auto berlin = Zone::locate("Europe/Berlin");
    SUBCASE("winter and summer offsets") {
        CHECK(format_iso_offset(at("2026-01-15T10:00"), berlin) == "2026-01-15T10:00:00+01:00");
        CHECK(format_iso_offset(at("2026-07-15T10:00"), berlin) == "2026-07-15T10:00:00+02:00");
    }
    SUBCASE("a time that does not exist is read with the offset before the change") {
        CHECK(berlin.is_nonexistent(at("2026-03-29T02:30")));
        CHECK_FALSE(berlin.is_nonexistent(at("2026-03-29T03:30")));
        CHECK(berlin.to_instant(at("2026-03-29T02:30")) ==
              berlin.to_instant(at("2026-03-29T03:30")));
    }
    SUBCASE("a time that happens twice means the first") {
        const auto first = berlin.to_instant(at("2026-10-25T02:30"));
        CHECK(first == date::sys_days{date::year{2026} / 10 / 25} + std::chrono::minutes{30});
    }
    SUBCASE("negative offsets") {
        const auto chicago = Zone::locate("America/Chicago");
        CHECK(format_iso_offset(at("2026-11-26T10:00"), chicago) == "2026-11-26T10:00:00-06:00");
    }
}

} // namespace model_time_test
