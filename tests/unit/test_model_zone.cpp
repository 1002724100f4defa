#include <doctest/doctest.h>

#include <random>

#include <date/tz.h>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "showup/time.hpp"

using namespace showup;
using showup::test::at;

namespace {
// Zones with every kind of rule: both hemispheres, half hours, negative DST, no DST, a change
// of the rule itself, and a footer with times outside 0-24h.
const char* const k_zones[] = {
    "Europe/Berlin",     "America/Chicago",     "Australia/Sydney", "Asia/Kolkata",
    "America/St_Johns",  "Europe/Dublin",       "Pacific/Auckland", "UTC",
    "America/Nuuk",      "Australia/Lord_Howe", "Asia/Tehran",      "America/Sao_Paulo",
    "Africa/Casablanca", "Pacific/Chatham",     "Europe/Moscow",    "America/Santiago"};
} // namespace

TEST_CASE("zone: agrees with the date library on every zone kind, 1970-2037") {
    std::mt19937_64 rng(42);
    const auto lo = date::sys_days{date::year{1970} / 1 / 1}.time_since_epoch().count() * 86400;
    const auto hi = date::sys_days{date::year{2037} / 12 / 1}.time_since_epoch().count() * 86400;
    std::uniform_int_distribution<long long> pick(lo, hi);
    for (const char* name : k_zones) {
        CAPTURE(name);
        const auto ours = Zone::locate(name);
        const auto* theirs = date::locate_zone(name);
        for (int i = 0; i < 3000; ++i) {
            const Instant t{std::chrono::seconds{pick(rng)}};
            const auto info = theirs->get_info(t);
            REQUIRE(ours.offset_at(t) == info.offset);
            REQUIRE(ours.dst_at(t) == (info.save != std::chrono::minutes{0}));
            // Wall-clock times read back the same way, with the first of two and the offset
            // before a gap.
            const auto local =
                date::floor<Minutes>(date::local_seconds{t.time_since_epoch() + info.offset});
            const auto li = theirs->get_info(date::local_seconds{local});
            REQUIRE(ours.to_instant(local) == Instant{local.time_since_epoch()} - li.first.offset);
            REQUIRE(ours.is_nonexistent(local) == (li.result == date::local_info::nonexistent));
        }
        // Every transition of theirs in 2000-2030 is one of ours.
        const Instant from{date::sys_days{date::year{2000} / 1 / 1}};
        const Instant to{date::sys_days{date::year{2030} / 1 / 1}};
        std::size_t count = 0;
        for (auto info = theirs->get_info(from); info.end < to; info = theirs->get_info(info.end)) {
            if (theirs->get_info(info.end).offset != info.offset) {
                ++count;
            }
        }
        const auto changes = ours.transitions(from, to);
        std::size_t offset_changes = 0;
        for (const auto& c : changes) {
            offset_changes += c.before != c.after ? 1U : 0U;
        }
        CHECK(offset_changes == count);
    }
}

TEST_CASE("zone: the rule past the table keeps daylight saving after 2037") {
    const auto berlin = Zone::locate("Europe/Berlin");
    CHECK(format_iso_offset(at("2046-07-01T10:00"), berlin) == "2046-07-01T10:00:00+02:00");
    CHECK(format_iso_offset(at("2046-01-01T10:00"), berlin) == "2046-01-01T10:00:00+01:00");
    CHECK(berlin.is_nonexistent(at("2046-03-25T02:30"))); // last Sunday of March 2046
    const auto sydney = Zone::locate("Australia/Sydney");
    CHECK(format_iso_offset(at("2050-01-15T10:00"), sydney) == "2050-01-15T10:00:00+11:00");
    CHECK(format_iso_offset(at("2050-07-15T10:00"), sydney) == "2050-07-15T10:00:00+10:00");
    const auto changes = berlin.transitions(berlin.to_instant(at("2045-12-31T00:00")),
                                            berlin.to_instant(at("2046-12-31T00:00")));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].dst);
    CHECK(changes[0].abbrev == "CEST");
    CHECK(changes[1].after == std::chrono::hours{1});
}

TEST_CASE("zone: names") {
    CHECK(Zone::exists("Europe/Berlin"));
    CHECK_FALSE(Zone::exists("Europe/Atlantis"));
    CHECK_FALSE(Zone::exists("../../etc/passwd"));
    CHECK_FALSE(Zone::exists("/etc/passwd"));
    CHECK_FALSE(Zone::exists(""));
    CHECK_FALSE(Zone::exists("zone.tab")); // in the folder, but not a zone
    CHECK_THROWS_WITH_AS(Zone::locate("Mars/Base"),
                         doctest::Contains("unknown time zone \"Mars/Base\""), Error);
}

TEST_CASE("zone: damaged TZif data is refused, never crashes") {
    const auto good = test::slurp("/usr/share/zoneinfo/Europe/Berlin");
    REQUIRE(good.size() > 100);
    for (std::size_t n = 0; n < good.size(); n += 13) {
        CAPTURE(n);
        try {
            const auto z = Zone::from_tzif("X", good.substr(0, n));
            (void)z.offset_at(Instant{std::chrono::seconds{0}});
        } catch (const Error&) {
        }
    }
    CHECK_THROWS_AS(Zone::from_tzif("X", "not a zone"), Error);
}
