#include <doctest/doctest.h>

#include <random>
#include <vector>

#include <date/tz.h>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "showup/time.hpp"

using namespace showup;
using showup::test::at;

namespace model_zone_test {

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

TEST_CASE("zone: a steady stretch reads every time in it as the search does, 1900-2200") {
    std::mt19937_64 rng(7);
    const auto minute_of = [](int year) {
        return date::local_days{date::year{year} / 1 / 1}.time_since_epoch().count() * 24 * 60;
    };
    std::uniform_int_distribution<long long> pick(minute_of(1900), minute_of(2200));
    for (const char* name : k_zones) {
        CAPTURE(name);
        const auto zone = Zone::locate(name);
        int stretches = 0;
        for (int i = 0; i < 400; ++i) {
            const LocalMinutes local{Minutes{pick(rng)}};
            const auto steady = zone.steady_around(local);
            if (!steady) {
                // Near a change: within two days of one, or of the limit of the search.
                const auto t = zone.to_instant(local);
                CHECK((zone.offset_at(t - date::days{3}) != zone.offset_at(t + date::days{3}) ||
                       zone.transitions(t - date::days{3}, t + date::days{3}).size() > 0));
                continue;
            }
            ++stretches;
            REQUIRE(steady->from <= local);
            REQUIRE(local <= steady->to);
            // Its ends, and times between, read as the search reads them.
            std::uniform_int_distribution<long long> within(
                steady->from.time_since_epoch().count() / 60,
                steady->to.time_since_epoch().count() / 60);
            for (int j = 0; j < 20; ++j) {
                auto m = LocalMinutes{Minutes{within(rng)}};
                if (j == 0 || j == 1) {
                    m = date::ceil<Minutes>(j == 0 ? steady->from : steady->to);
                    m = std::min(std::max(m, date::ceil<Minutes>(steady->from)),
                                 date::floor<Minutes>(steady->to));
                }
                CAPTURE(format_local(m));
                REQUIRE(zone.to_instant(m) == Instant{m.time_since_epoch()} - steady->offset);
                REQUIRE(!zone.is_nonexistent(m));
                REQUIRE(!zone.is_repeated(m));
            }
        }
        // Most random times are in one (a zone changes its clocks a few times a year at most).
        CHECK(stretches > 300);
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
    // A sealed file's zone, read without the list: the same zone, and the same refusals.
    const Instant t{date::sys_days{date::year{2026} / 7 / 1}};
    CHECK(Zone::locate_checked("Europe/Berlin").offset_at(t) ==
          Zone::locate("Europe/Berlin").offset_at(t));
    CHECK_THROWS_WITH_AS(Zone::locate_checked("Mars/Base"),
                         doctest::Contains("unknown time zone \"Mars/Base\""), Error);
    CHECK_THROWS_WITH_AS(Zone::locate_checked("posixrules"),
                         doctest::Contains("is not a time zone"), Error);
    CHECK_THROWS_AS(Zone::locate_checked("../../etc/passwd"), Error);
}

TEST_CASE("zone: only the names the tz database lists, zones and links") {
    for (const char* name : {"Europe/Berlin", "US/Eastern", "EST5EDT", "UTC", "Etc/GMT+5",
                             "Asia/Calcutta", "America/Argentina/Buenos_Aires"}) {
        CAPTURE(name);
        CHECK(Zone::exists(name));
        CHECK(Zone::why_refused(name).empty());
    }
    // Files of the folder that are no place's zone.
    for (const char* name : {"localtime", "posixrules", "Factory", "posix/Europe/Berlin",
                             "right/Europe/Berlin", "tzdata.zi", "leapseconds", "iso3166.tab"}) {
        CAPTURE(name);
        CHECK_FALSE(Zone::exists(name));
        CHECK_THROWS_AS(Zone::locate(name), Error);
    }
    CHECK(Zone::why_refused("right/Europe/Berlin") ==
          "it counts leap seconds, which clocks do not (use \"Europe/Berlin\")");
    CHECK(Zone::why_refused("posix/Asia/Tokyo") ==
          "it is a path inside the tz database (use \"Asia/Tokyo\")");
    CHECK_THROWS_WITH_AS(Zone::locate("localtime"),
                         doctest::Contains("\"localtime\" is not a time zone: it is this "
                                           "machine's setting"),
                         Error);
}

TEST_CASE("zone: TZ as a name or a path under the zoneinfo folder, never a rule") {
    CHECK(Zone::name_from_tz("Asia/Tokyo") == "Asia/Tokyo");
    CHECK(Zone::name_from_tz(":Asia/Tokyo") == "Asia/Tokyo");
    CHECK(Zone::name_from_tz("/usr/share/zoneinfo/Asia/Tokyo") == "Asia/Tokyo");
    CHECK(Zone::name_from_tz(":/usr/share/zoneinfo/US/Eastern") == "US/Eastern");
    CHECK(Zone::name_from_tz("/usr/share/zoneinfo/posix/Asia/Tokyo") == "Asia/Tokyo");
    CHECK(Zone::name_from_tz("/usr/share/zoneinfo//Europe/../Asia/Tokyo") == "Asia/Tokyo");
    for (const char* tz : {"EST5EDT,M3.2.0,M11.1.0", "JST-9", "<+09>-9", "/etc/passwd",
                           "/usr/share/zoneinfo/right/Asia/Tokyo", "/usr/share/zoneinfo/zone.tab",
                           "/usr/share/zoneinfo/Factory", "localtime", "", ":"}) {
        CAPTURE(tz);
        CHECK_FALSE(Zone::name_from_tz(tz).has_value());
    }
}

namespace {
// Europe/Berlin's TZif file cut at each byte of [`from`, `to`): each prefix is refused with
// Error, or (if it holds a whole zone) tells the same offsets as the whole file; never a crash,
// never a silently different zone. Returns how many were refused.
std::size_t check_prefixes(const std::string& good, std::size_t from, std::size_t to) {
    const auto whole = Zone::from_tzif("X", good);
    // Instants on both sides of the changes of 1980 and 2026, and in 2100 (the footer's rule).
    std::vector<Instant> probes;
    for (const char* t :
         {"1980-04-06T00:30", "1980-04-06T01:30", "2026-03-29T00:30", "2026-03-29T01:30",
          "2026-10-25T00:30", "2026-10-25T01:30", "2100-07-01T00:00", "2100-12-01T00:00"}) {
        probes.emplace_back(at(t).time_since_epoch()); // read as UTC
    }
    std::size_t refused = 0;
    for (std::size_t n = from; n < to; ++n) {
        CAPTURE(n);
        try {
            const auto z = Zone::from_tzif("X", good.substr(0, n));
            for (const auto t : probes) {
                CHECK(z.offset_at(t) == whole.offset_at(t));
            }
        } catch (const Error&) {
            ++refused;
        }
    }
    return refused;
}
} // namespace

TEST_CASE("zone: damaged TZif data is refused, never crashes") {
    const auto good = test::slurp("/usr/share/zoneinfo/Europe/Berlin");
    REQUIRE(good.size() > 100);
    // Up to the footer (the POSIX rule between the last two newlines).
    const auto footer = good.rfind('\n', good.size() - 2);
    REQUIRE(footer != std::string::npos);
    CHECK(check_prefixes(good, 0, footer) > footer / 2);
    CHECK_THROWS_AS(Zone::from_tzif("X", "not a zone"), Error);
}

// A version 2+ file cut anywhere in its footer would be read as far as it goes (no rule, or
// "CET-1CEST,M3" as a fixed CET), so the zone would be silently wrong after 2037: refused.
TEST_CASE("zone: a TZif file cut inside its footer is refused") {
    const auto good = test::slurp("/usr/share/zoneinfo/Europe/Berlin");
    const auto footer = good.rfind('\n', good.size() - 2);
    REQUIRE(footer != std::string::npos);
    CHECK(check_prefixes(good, footer, good.size()) == good.size() - footer);
}

namespace {
// A TZif file (version 2) with no transitions, one local time type and `footer` as its rule.
std::string tzif_with_rule(const std::string& footer) {
    const auto counts = [](std::string& out) {
        // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        for (int n : {0, 0, 0, 0, 1, 4}) {
            out += std::string{'\0', '\0', '\0', static_cast<char>(n)};
        }
    };
    const auto block = [&](std::string& out) {
        out += "TZif2";
        out += std::string(15, '\0');
        counts(out);
        out += std::string{'\0', '\0', '\x0e', '\x10', '\0', '\0'}; // +01:00, standard, "XST"
        out += std::string("XST\0", 4);
    };
    std::string out;
    block(out);
    block(out);
    return out + "\n" + footer + "\n";
}

Instant utc(const char* text) {
    return Instant{at(text).time_since_epoch()};
}
} // namespace

TEST_CASE("zone: a rule whose change crosses 1 January is read in the years around") {
    // Daylight time starts 72 hours after the last Sunday of December (30 December 2029: at
    // 2 January 2030, 00:00) and ends on the last Sunday of March.
    const auto z = Zone::from_tzif("X", tzif_with_rule("XST-1XDT,M12.5.0/72,M3.5.0/3"));
    CHECK_FALSE(z.dst_at(utc("2030-01-01T12:00"))); // still standard time since March 2029
    CHECK(z.offset_at(utc("2030-01-01T22:59")) == std::chrono::hours{1});
    CHECK(z.dst_at(utc("2030-01-01T23:00")));
    CHECK(z.offset_at(utc("2030-02-01T00:00")) == std::chrono::hours{2});
    CHECK_FALSE(z.dst_at(utc("2030-06-01T00:00")));
    const auto changes = z.transitions(utc("2029-06-01T00:00"), utc("2030-06-01T00:00"));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].at == utc("2030-01-01T23:00"));
    CHECK(changes[1].at == utc("2030-03-31T01:00"));
}

TEST_CASE("zone: daylight time all year (a rule that ends it as it starts again) goes on") {
    const auto z = Zone::from_tzif("X", tzif_with_rule("XST-1XDT,0/0,J365/25"));
    for (const char* t : {"2030-01-01T00:00", "2030-06-01T00:00", "2030-12-31T23:30"}) {
        CAPTURE(t);
        CHECK(z.dst_at(utc(t)));
        CHECK(z.offset_at(utc(t)) == std::chrono::hours{2});
    }
    CHECK(z.transitions(utc("2029-06-01T00:00"), utc("2031-06-01T00:00")).empty());
}

TEST_CASE("zone: a rule that cannot be read is refused, not dropped") {
    CHECK_NOTHROW(Zone::from_tzif("X", tzif_with_rule("XST-1")));
    CHECK_NOTHROW(Zone::from_tzif("X", tzif_with_rule("")));
    for (const char* rule : {"XST-1XDT,M3.5.0", "XST-1XDT,M13.5.0,M10.5.0", "X-1", "<XST-1",
                             "XST-1XDT,M3.5.0/2,M10.5.0/x"}) {
        CAPTURE(rule);
        CHECK_THROWS_WITH_AS(Zone::from_tzif("X", tzif_with_rule(rule)),
                             doctest::Contains("rule for the times after its table cannot be read"),
                             Error);
    }
}

TEST_CASE("zone: skipped times are later by the gap's length, repeated ones the first") {
    SUBCASE("Berlin: an hour") {
        const auto z = Zone::locate("Europe/Berlin");
        CHECK(z.is_nonexistent(at("2027-03-28T02:30")));
        CHECK(z.to_instant(at("2027-03-28T02:30")) == utc("2027-03-28T01:30"));
        CHECK(format_iso_offset(at("2027-03-28T02:30"), z) == "2027-03-28T03:30:00+02:00");
        CHECK(z.to_instant(at("2026-10-25T02:30")) == utc("2026-10-25T00:30"));
        CHECK(z.is_repeated(at("2026-10-25T02:00")));
        CHECK(z.is_repeated(at("2026-10-25T02:59")));
        CHECK_FALSE(z.is_repeated(at("2026-10-25T03:00")));
        CHECK_FALSE(z.is_repeated(at("2026-10-25T01:59")));
        CHECK_FALSE(z.is_repeated(at("2027-03-28T02:30")));
    }
    SUBCASE("Lord Howe: half an hour each way") {
        const auto z = Zone::locate("Australia/Lord_Howe");
        CHECK(z.is_nonexistent(at("2026-10-04T02:15")));
        CHECK_FALSE(z.is_nonexistent(at("2026-10-04T02:30")));
        CHECK(format_iso_offset(at("2026-10-04T02:15"), z) == "2026-10-04T02:45:00+11:00");
        CHECK(format_iso_offset(at("2026-04-05T01:45"), z) == "2026-04-05T01:45:00+11:00");
        CHECK(format_iso_offset(at("2026-04-05T02:00"), z) == "2026-04-05T02:00:00+10:30");
        CHECK(z.is_repeated(at("2026-04-05T01:30")));
        CHECK_FALSE(z.is_repeated(at("2026-04-05T02:00")));
    }
    SUBCASE("Troll: two hours") {
        const auto z = Zone::locate("Antarctica/Troll");
        CHECK(z.is_nonexistent(at("2026-03-29T01:30")));
        CHECK(format_iso_offset(at("2026-03-29T01:30"), z) == "2026-03-29T03:30:00+02:00");
    }
    SUBCASE("Apia: a whole day in 2011") {
        const auto z = Zone::locate("Pacific/Apia");
        CHECK(z.is_nonexistent(at("2011-12-30T10:00")));
        CHECK(format_iso_offset(at("2011-12-30T10:00"), z) == "2011-12-31T10:00:00+14:00");
        CHECK(format_iso_offset(at("2011-12-29T23:00"), z) == "2011-12-29T23:00:00-10:00");
    }
}

TEST_CASE("zone: offsets with seconds keep them") {
    const auto z = Zone::locate("Africa/Monrovia");
    CHECK(z.offset_at(utc("1960-05-01T12:00")) == -std::chrono::seconds{44 * 60 + 30});
    CHECK(format_iso_offset(at("1960-05-01T10:00"), z) == "1960-05-01T10:00:00-00:44:30");
    CHECK(format_iso_instant(z.to_instant(at("1960-05-01T10:00")) + Minutes{50}, z) ==
          "1960-05-01T10:50:00-00:44:30");
    // 7 January 1972: from -00:44:30 to GMT; 00:10 was skipped.
    CHECK(z.is_nonexistent(at("1972-01-07T00:10")));
    CHECK(format_iso_offset(at("1972-01-07T00:10"), z) == "1972-01-07T00:54:30+00:00");
}

} // namespace model_zone_test
