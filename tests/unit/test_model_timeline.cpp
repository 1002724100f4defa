#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/timeline.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_timeline_test {

namespace {

Schedule weekly(const char* id, std::initializer_list<date::weekday> days, const char* time,
                const char* from, int every_weeks = 1) {
    Schedule s;
    s.id = id;
    s.provider = "okafor";
    for (auto wd : days) {
        s.weekdays = static_cast<std::uint8_t>(s.weekdays | 1U << wd.c_encoding());
    }
    s.at = *parse_hh_mm(time);
    s.from = day(from);
    s.every_weeks = every_weeks;
    return s;
}

Data base_data(const char* zone = "Europe/Berlin") {
    Data d;
    d.timezone = zone;
    d.providers.push_back({"okafor", "Dr. Okafor", 50});
    d.providers.push_back({"group", "DBT group", 90});
    return d;
}

Instant instant(const Zone& zone, const char* local) {
    return zone.to_instant(at(local));
}

std::vector<std::string> starts(const std::vector<Occurrence>& list) {
    std::vector<std::string> out;
    for (const auto& o : list) {
        out.push_back(format_local(o.start));
    }
    return out;
}

std::vector<std::string> offsets(const std::vector<Occurrence>& list, const Zone& zone) {
    std::vector<std::string> out;
    for (const auto& o : list) {
        out.push_back(format_iso_offset(o.start, zone));
    }
    return out;
}

} // namespace

TEST_CASE("timeline: expansion of schedules") {
    auto d = base_data();
    const auto zone = Zone::locate(d.timezone);
    const auto now = instant(zone, "2026-11-25T12:00");

    SUBCASE("weekly, from its first day") {
        d.schedules.push_back(weekly("s1", {date::Tuesday}, "17:30", "2026-11-04"));
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-11-01"), day("2026-11-30"))) ==
              std::vector<std::string>{"2026-11-10T17:30", "2026-11-17T17:30", "2026-11-24T17:30"});
    }
    SUBCASE("two weekdays") {
        d.schedules.push_back(weekly("s1", {date::Monday, date::Thursday}, "10:00", "2026-11-01"));
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-11-02"), day("2026-11-12"))) ==
              std::vector<std::string>{"2026-11-02T10:00", "2026-11-05T10:00", "2026-11-09T10:00",
                                       "2026-11-12T10:00"});
    }
    SUBCASE("every two weeks, counted from the week it starts in") {
        d.schedules.push_back(
            weekly("s1", {date::Monday, date::Thursday}, "10:00", "2026-11-04", 2));
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-11-01"), day("2026-11-30"))) ==
              std::vector<std::string>{"2026-11-05T10:00", "2026-11-16T10:00", "2026-11-19T10:00",
                                       "2026-11-30T10:00"});
    }
    SUBCASE("an end date, as set by 'schedule end', is the last day") {
        auto s = weekly("s1", {date::Tuesday}, "17:30", "2026-11-01");
        s.until = day("2026-11-17");
        d.schedules.push_back(s);
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-11-01"), day("2026-12-31"))) ==
              std::vector<std::string>{"2026-11-03T17:30", "2026-11-10T17:30", "2026-11-17T17:30"});
        CHECK(t.last_day() == day("2026-11-17"));
    }
    SUBCASE("a window far from the start costs only the window") {
        d.schedules.push_back(weekly("s1", {date::Tuesday}, "17:30", "1990-01-01"));
        const Timeline t(d, zone, now);
        CHECK(t.between(day("2026-11-01"), day("2026-11-30")).size() == 4);
        CHECK(t.first_day() == day("1990-01-01"));
        CHECK_FALSE(t.last_day().has_value());
    }
    SUBCASE("schedules and one-offs of several providers merge in time order") {
        d.schedules.push_back(weekly("s1", {date::Tuesday}, "17:30", "2026-11-01"));
        auto g = weekly("s2", {date::Tuesday}, "09:00", "2026-11-01");
        g.provider = "group";
        d.schedules.push_back(g);
        Session extra;
        extra.id = "o1";
        extra.start = at("2026-11-03T12:00");
        extra.provider = "okafor";
        d.sessions.push_back(extra);
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-11-03"), day("2026-11-03"))) ==
              std::vector<std::string>{"2026-11-03T09:00", "2026-11-03T12:00", "2026-11-03T17:30"});
    }
    SUBCASE("sessions at one time are in the order of their providers, then as listed") {
        // The schedules' occurrences and the records are sorted run by run and merged: the
        // order must be the one a stable sort by start and provider gives.
        d.schedules.push_back(weekly("s1", {date::Tuesday}, "12:00", "2026-11-01"));
        Session group;
        group.id = "o1";
        group.start = at("2026-11-03T12:00");
        group.provider = "group";
        Session okafor = group;
        okafor.id = "o2";
        okafor.provider = "okafor";
        Session later = group;
        later.id = "o3";
        later.start = at("2026-11-03T13:00");
        d.sessions = {group, okafor, later};
        const Timeline t(d, zone, now);
        std::vector<std::string> ids;
        for (const auto& o : t.between(day("2026-11-03"), day("2026-11-03"))) {
            ids.push_back(o.id());
        }
        CHECK(ids == std::vector<std::string>{"s1@2026-11-03", "o2", "o1", "o3"});
    }
    SUBCASE("a slot the clocks skipped starts later, after one that did not move") {
        Session skipped;
        skipped.id = "o1";
        skipped.start = at("2026-03-29T02:30"); // Berlin goes from 02:00 to 03:00
        skipped.provider = "okafor";
        Session after = skipped;
        after.id = "o2";
        after.start = at("2026-03-29T03:15");
        d.sessions = {skipped, after};
        const Timeline t(d, zone, now);
        CHECK(starts(t.between(day("2026-03-29"), day("2026-03-29"))) ==
              std::vector<std::string>{"2026-03-29T03:15", "2026-03-29T03:30"});
    }
}

TEST_CASE("timeline: each row of the effective-status table") {
    auto d = base_data();
    const auto zone = Zone::locate(d.timezone);
    d.schedules.push_back(weekly("s1", {date::Tuesday, date::Friday}, "17:30", "2026-11-01"));
    auto record = [&](const char* start, auto fill) {
        Session s;
        s.schedule = "s1";
        s.start = at(start);
        s.id = occurrence_id("s1", day_of(s.start));
        s.provider = "okafor";
        fill(s);
        d.sessions.push_back(s);
    };
    record("2026-11-03T17:30", [](Session& s) {
        s.outcome = Outcome::attended;
        s.late_minutes = 5;
    });
    record("2026-11-06T17:30", [](Session& s) {
        s.outcome = Outcome::skipped;
        s.no_show = true;
    });
    record("2026-11-10T17:30", [](Session& s) { s.outcome = Outcome::cancelled; });
    record("2026-11-13T17:30", [](Session& s) {
        s.rescheduled_to = "o1";
        s.outcome = Outcome::attended;
    });
    Session moved;
    moved.id = "o1";
    moved.start = at("2026-11-14T10:00");
    moved.provider = "okafor";
    moved.rescheduled_from = "s1@2026-11-13";
    d.sessions.push_back(moved);
    d.absences.push_back({"a1", "okafor", day("2026-11-16"), day("2026-11-22"), "vacation"});
    // An outcome recorded inside an absence beats the absence.
    record("2026-11-20T17:30", [](Session& s) { s.outcome = Outcome::attended; });

    const Timeline t(d, zone, instant(zone, "2026-11-24T17:30"));
    std::vector<std::pair<std::string, Status>> got;
    for (const auto& o : t.between(day("2026-11-01"), day("2026-11-30"))) {
        got.emplace_back(o.id(), o.status);
    }
    CHECK(got == std::vector<std::pair<std::string, Status>>{
                     {"s1@2026-11-03", Status::attended},
                     {"s1@2026-11-06", Status::skipped},
                     {"s1@2026-11-10", Status::cancelled},
                     {"s1@2026-11-13", Status::rescheduled},
                     {"o1", Status::unlogged},
                     {"s1@2026-11-17", Status::away},
                     {"s1@2026-11-20", Status::attended},
                     {"s1@2026-11-24", Status::unlogged}, // starts exactly now
                     {"s1@2026-11-27", Status::scheduled},
                 });
    SUBCASE("find by id, generated or recorded") {
        CHECK(t.find("s1@2026-11-27")->status == Status::scheduled);
        CHECK(t.find("o1")->record->rescheduled_from == "s1@2026-11-13");
        CHECK_FALSE(t.find("s1@2026-11-28").has_value()); // a Saturday
        CHECK_FALSE(t.find("s9@2026-11-27").has_value());
        CHECK_FALSE(t.find("o7").has_value());
    }
    SUBCASE("the absence is found for its provider only") {
        CHECK(t.absence_on("okafor", day("2026-11-16")) != nullptr);
        CHECK(t.absence_on("okafor", day("2026-11-22")) != nullptr);
        CHECK(t.absence_on("okafor", day("2026-11-23")) == nullptr);
        CHECK(t.absence_on("group", day("2026-11-17")) == nullptr);
    }
}

TEST_CASE("timeline: overlapping absences") {
    auto d = base_data();
    d.absences.push_back({"a1", "okafor", day("2026-07-01"), day("2026-08-31"), "summer"});
    d.absences.push_back({"a2", "okafor", day("2026-07-10"), day("2026-07-12"), "conference"});
    d.absences.push_back({"a3", "okafor", day("2026-07-20"), day("2026-07-21"), ""});
    const auto zone = Zone::locate(d.timezone);
    const Timeline t(d, zone, instant(zone, "2026-11-24T17:30"));
    CHECK(t.absence_on("okafor", day("2026-08-15"))->id == "a1");
    CHECK(t.absence_on("okafor", day("2026-07-11")) != nullptr);
    CHECK(t.absence_on("okafor", day("2026-09-01")) == nullptr);
    CHECK(t.absence_on("okafor", day("2026-06-30")) == nullptr);
}

TEST_CASE("timeline: effective_status precedence") {
    Session moved;
    moved.rescheduled_to = "o2";
    moved.outcome = Outcome::skipped;
    Session skipped;
    skipped.outcome = Outcome::skipped;
    const Absence away{"a1", "p", {}, {}, ""};
    CHECK(effective_status(&moved, &away, true) == Status::rescheduled);
    CHECK(effective_status(&skipped, &away, true) == Status::skipped);
    CHECK(effective_status(nullptr, &away, false) == Status::away);
    CHECK(effective_status(nullptr, nullptr, true) == Status::unlogged);
    CHECK(effective_status(nullptr, nullptr, false) == Status::scheduled);
    Session note_only;
    note_only.note = "bring the form";
    CHECK(effective_status(&note_only, nullptr, false) == Status::scheduled);
}

TEST_CASE("timeline: daylight saving keeps the wall-clock time, the offset changes") {
    SUBCASE("Europe/Berlin, spring forward on 29 March 2026") {
        auto d = base_data("Europe/Berlin");
        d.schedules.push_back(weekly("s1", {date::Sunday}, "10:00", "2026-03-01"));
        const auto zone = Zone::locate(d.timezone);
        const Timeline t(d, zone, instant(zone, "2026-01-01T00:00"));
        CHECK(offsets(t.between(day("2026-03-22"), day("2026-04-05")), zone) ==
              std::vector<std::string>{"2026-03-22T10:00:00+01:00", "2026-03-29T10:00:00+02:00",
                                       "2026-04-05T10:00:00+02:00"});
    }
    SUBCASE("Europe/Berlin, fall back on 25 October 2026") {
        auto d = base_data("Europe/Berlin");
        d.schedules.push_back(weekly("s1", {date::Sunday}, "10:00", "2026-03-01"));
        const auto zone = Zone::locate(d.timezone);
        const Timeline t(d, zone, instant(zone, "2026-01-01T00:00"));
        CHECK(offsets(t.between(day("2026-10-18"), day("2026-11-01")), zone) ==
              std::vector<std::string>{"2026-10-18T10:00:00+02:00", "2026-10-25T10:00:00+01:00",
                                       "2026-11-01T10:00:00+01:00"});
    }
    SUBCASE("Australia/Sydney, clocks go back on 5 April and forward on 4 October 2026") {
        auto d = base_data("Australia/Sydney");
        d.schedules.push_back(weekly("s1", {date::Sunday}, "10:00", "2026-03-01"));
        const auto zone = Zone::locate(d.timezone);
        const Timeline t(d, zone, instant(zone, "2026-01-01T00:00"));
        CHECK(offsets(t.between(day("2026-03-29"), day("2026-04-05")), zone) ==
              std::vector<std::string>{"2026-03-29T10:00:00+11:00", "2026-04-05T10:00:00+10:00"});
        CHECK(offsets(t.between(day("2026-09-27"), day("2026-10-04")), zone) ==
              std::vector<std::string>{"2026-09-27T10:00:00+10:00", "2026-10-04T10:00:00+11:00"});
    }
    SUBCASE("a slot in the skipped hour happens later by the gap's length") {
        auto d = base_data("Europe/Berlin");
        d.schedules.push_back(weekly("s1", {date::Sunday}, "02:30", "2026-03-01"));
        const auto zone = Zone::locate(d.timezone);
        // Just after 03:00 CEST on the 29th: the 02:30 slot (read as 03:30) has not started.
        const Timeline t(d, zone, instant(zone, "2026-03-29T03:10"));
        const auto list = t.between(day("2026-03-29"), day("2026-03-29"));
        REQUIRE(list.size() == 1);
        CHECK(list[0].status == Status::scheduled);
        // It starts at 03:30 on the wall clock; its id and a record of it keep the slot.
        CHECK(format_local(list[0].start) == "2026-03-29T03:30");
        CHECK(format_local(list[0].slot) == "2026-03-29T02:30");
        CHECK(list[0].id() == "s1@2026-03-29");
        CHECK(list[0].start_instant(zone) == zone.to_instant(at("2026-03-29T03:30")));
        CHECK(t.find("s1@2026-03-29")->start == list[0].start);
    }
    SUBCASE("Australia/Lord_Howe: a 30-minute gap") {
        auto d = base_data("Australia/Lord_Howe");
        d.schedules.push_back(weekly("s1", {date::Sunday}, "02:10", "2026-09-01"));
        const auto zone = Zone::locate(d.timezone);
        const Timeline t(d, zone, instant(zone, "2026-01-01T00:00"));
        const auto list = t.between(day("2026-10-04"), day("2026-10-04"));
        REQUIRE(list.size() == 1);
        CHECK(format_local(list[0].start) == "2026-10-04T02:40");
        CHECK(format_iso_instant(list[0].end_instant(zone), zone) == "2026-10-04T03:30:00+11:00");
    }
}

TEST_CASE("timeline: a session ends its duration after it starts, across a change") {
    auto d = base_data("Europe/Berlin");
    d.schedules.push_back(weekly("s1", {date::Sunday}, "02:30", "2026-10-01"));
    const auto zone = Zone::locate(d.timezone);
    const Timeline t(d, zone, instant(zone, "2026-01-01T00:00"));
    const auto o = t.between(day("2026-10-25"), day("2026-10-25")).at(0);
    CHECK(o.end_instant(zone) - o.start_instant(zone) == Minutes{50});
    CHECK(format_iso_instant(o.start_instant(zone), zone) == "2026-10-25T02:30:00+02:00");
    CHECK(format_iso_instant(o.end_instant(zone), zone) == "2026-10-25T02:20:00+01:00");
    CHECK(format_local(o.end(zone)) == "2026-10-25T02:20");
}

TEST_CASE("timeline: started is measured in instants, not wall-clock text") {
    auto d = base_data("Europe/Berlin");
    d.schedules.push_back(weekly("s1", {date::Sunday}, "02:30", "2026-10-01"));
    const auto zone = Zone::locate(d.timezone);
    // 25 October: 02:30 happens twice; the session is the first. At 02:45 of the second
    // pass (01:45 UTC) it has started.
    const auto second_pass = date::sys_days{date::year{2026} / 10 / 25} + std::chrono::minutes{105};
    const Timeline t(d, zone, second_pass);
    CHECK(t.between(day("2026-10-25"), day("2026-10-25"))[0].status == Status::unlogged);
}

} // namespace model_timeline_test
