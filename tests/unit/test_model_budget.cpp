#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/budget.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_budget_test {

namespace {

// Dr. Okafor on Tuesdays at 17:30 from 6 Jan 2026 (24 hours' notice), and Dr. Lee on Thursdays,
// whose attended sessions must not touch Dr. Okafor's budget.
//   6, 13, 20 Jan attended; 27 Jan cancelled late; 3 Feb a no-show; 10 Feb skipped with
//   notice; 17 Feb cancelled by her; 24 Feb and 3 Mar attended; 10 Mar unlogged (now is
//   Wed 11 Mar); she is away 14 - 20 Apr (14 Apr).
struct Story {
    Data data;
    Zone zone = Zone::locate("Europe/Berlin");

    Story() {
        data.timezone = "Europe/Berlin";
        data.providers.push_back({"okafor", "Dr. Okafor", 50, 24 * 60, 6000});
        data.providers.push_back({"lee", "Dr. Lee", 50});
        schedule("s1", "okafor", date::Tuesday, "2026-01-06");
        schedule("s2", "lee", date::Thursday, "2026-01-08");
        for (const auto* d :
             {"2026-01-06", "2026-01-13", "2026-01-20", "2026-02-24", "2026-03-03"}) {
            record("s1", "okafor", d, Outcome::attended);
        }
        record("s1", "okafor", "2026-01-27", Outcome::cancelled);
        data.sessions.back().cancelled_by = "me";
        data.sessions.back().told = zone.to_instant(at("2026-01-27T09:00"));
        record("s1", "okafor", "2026-02-03", Outcome::skipped);
        data.sessions.back().no_show = true;
        record("s1", "okafor", "2026-02-10", Outcome::skipped);
        record("s1", "okafor", "2026-02-17", Outcome::cancelled);
        for (const auto* d : {"2026-01-08", "2026-01-15", "2026-01-22"}) {
            record("s2", "lee", d, Outcome::attended);
        }
        data.absences.push_back({"a1", "okafor", day("2026-04-14"), day("2026-04-20"), "away"});
    }
    void schedule(const char* id, const char* provider, date::weekday wd, const char* from) {
        Schedule s;
        s.id = id;
        s.provider = provider;
        s.weekdays = static_cast<std::uint8_t>(1U << wd.c_encoding());
        s.at = Minutes{17 * 60 + 30};
        s.from = day(from);
        data.schedules.push_back(s);
    }
    void record(const char* schedule, const char* provider, const char* date, Outcome outcome) {
        Session s;
        s.schedule = schedule;
        s.start = LocalMinutes{day(date)} + Minutes{17 * 60 + 30};
        s.id = occurrence_id(schedule, day(date));
        s.provider = provider;
        s.outcome = outcome;
        data.sessions.push_back(s);
    }
    BudgetStatus status(const Budget& b, const char* now = "2026-03-11T12:00") const {
        const Timeline t(data, zone, zone.to_instant(at(now)));
        return budget_status(b, data, t);
    }
};

constexpr unsigned k_all_uses = uses_attended | uses_late_cancel | uses_no_show;

Budget per_year(int sessions, unsigned uses = k_all_uses) {
    Budget b;
    b.provider = "okafor";
    b.sessions = sessions;
    b.per_year = true;
    b.uses = uses;
    return b;
}

Budget between(int sessions, const char* from, const char* to, unsigned uses = k_all_uses) {
    Budget b = per_year(sessions, uses);
    b.per_year = false;
    b.from = day(from);
    if (to != nullptr) {
        b.to = day(to);
    }
    return b;
}

} // namespace

TEST_CASE("budget: a year's sessions used by attendance, a late cancellation and a no-show") {
    const Story s;
    const auto st = s.status(per_year(20));
    CHECK(st.from == day("2026-01-01"));
    CHECK(st.to == day("2026-12-31"));
    CHECK(st.sessions == 20);
    CHECK(st.used == 7); // 5 attended, 27 Jan, 3 Feb; not the skip with notice nor 17 Feb
    CHECK(st.left == 13);
    CHECK(st.over == 0);
    CHECK(st.unlogged == 1); // 10 Mar
    // At this pace 10 Mar, not logged yet, was attended, and 12 more Tuesdays from 17 Mar,
    // without 14 Apr (she is away), use the rest: the 12th is 9 Jun.
    CHECK(st.planned == 12);
    CHECK(st.runs_out == day("2026-06-09"));
    CHECK_FALSE(st.ended(day("2026-03-11")));
}

TEST_CASE("budget: what uses a session up is the budget's choice") {
    const Story s;
    SUBCASE("attended only") {
        const auto st = s.status(per_year(20, uses_attended));
        CHECK(st.used == 5);
        CHECK(st.left == 15);
        CHECK(st.runs_out == day("2026-06-23")); // 10 Mar, then the 14th Tuesday from 17 Mar
    }
    SUBCASE("late cancellations only: nothing at this pace uses it") {
        const auto st = s.status(per_year(2, uses_late_cancel));
        CHECK(st.used == 1);
        CHECK(st.unlogged == 1);
        CHECK(st.planned == 0); // the pace is attendance
        CHECK_FALSE(st.runs_out.has_value());
    }
    SUBCASE("attended and no-shows") {
        CHECK(s.status(per_year(20, uses_attended | uses_no_show)).used == 6);
    }
    SUBCASE("late cancellations only") {
        CHECK(s.status(per_year(20, uses_late_cancel)).used == 1);
    }
}

TEST_CASE("budget: used up, and over") {
    const Story s;
    SUBCASE("exactly used up: it ran out with the session that used the last one") {
        const auto st = s.status(per_year(7));
        CHECK(st.used == 7);
        CHECK(st.left == 0);
        CHECK(st.over == 0);
        CHECK(st.runs_out == day("2026-03-03"));
    }
    SUBCASE("one left, which the session not logged yet takes at this pace") {
        const auto st = s.status(per_year(8));
        CHECK(st.left == 1);
        CHECK(st.unlogged == 1);
        CHECK(st.planned == 0);
        CHECK(st.runs_out == day("2026-03-10"));
    }
    SUBCASE("two over: the fifth use took the last one") {
        const auto st = s.status(per_year(5));
        CHECK(st.used == 7);
        CHECK(st.left == 0);
        CHECK(st.over == 2);
        CHECK(st.runs_out == day("2026-02-03"));
    }
}

TEST_CASE("budget: a year's budget that outlasts the year") {
    const Story s;
    const auto st = s.status(per_year(50));
    CHECK(st.left == 43);
    CHECK(st.planned == 41); // 17 Mar to 29 Dec, without 14 Apr
    CHECK_FALSE(st.runs_out.has_value());
    SUBCASE("near the end of the year") {
        const auto late = s.status(per_year(50), "2026-12-20T12:00");
        CHECK(late.used == 7);
        CHECK(late.unlogged == 40); // 10 Mar to 15 Dec, without 14 Apr
        CHECK(late.planned == 2);   // 22 and 29 Dec
        CHECK_FALSE(late.runs_out.has_value());
    }
}

TEST_CASE("budget: a new year starts a new budget") {
    const Story s;
    // Tuesday 5 Jan 2027, before its session: nothing of 2026 counts.
    const auto st = s.status(per_year(20), "2027-01-05T12:00");
    CHECK(st.from == day("2027-01-01"));
    CHECK(st.to == day("2027-12-31"));
    CHECK(st.used == 0);
    CHECK(st.left == 20);
    CHECK(st.unlogged == 0);
    CHECK(st.runs_out == day("2027-05-18")); // the 20th Tuesday from 5 Jan
}

TEST_CASE("budget: from a date to a date") {
    const Story s;
    SUBCASE("runs out inside the period") {
        // 1 Feb - 30 Apr, no-shows not counted: 24 Feb and 3 Mar used; 10 Mar (not logged yet),
        // 17, 24, 31 Mar.
        const auto st =
            s.status(between(4 + 2, "2026-02-01", "2026-04-30", uses_attended | uses_late_cancel));
        CHECK(st.from == day("2026-02-01"));
        CHECK(st.to == day("2026-04-30"));
        CHECK(st.used == 2);
        CHECK(st.left == 4);
        CHECK(st.planned == 3);
        CHECK(st.runs_out == day("2026-03-31"));
    }
    SUBCASE("outlasts the period") {
        const auto st = s.status(between(11, "2026-02-01", "2026-04-30"));
        CHECK(st.used == 3); // 3 Feb, 24 Feb, 3 Mar
        CHECK(st.left == 8);
        CHECK(st.planned == 6); // 17, 24, 31 Mar, 7, 21, 28 Apr, and 10 Mar: 7 of 8
        CHECK_FALSE(st.runs_out.has_value());
    }
    SUBCASE("a period that has not begun") {
        const auto st = s.status(between(3, "2026-06-01", "2026-08-31"));
        CHECK(st.used == 0);
        CHECK(st.left == 3);
        CHECK(st.runs_out == day("2026-06-16"));
    }
    SUBCASE("a period that is over") {
        const auto st = s.status(between(10, "2026-01-01", "2026-01-31"));
        CHECK(st.used == 4); // three attended, 27 Jan cancelled late
        CHECK(st.left == 6);
        CHECK_FALSE(st.runs_out.has_value());
        CHECK(st.ended(day("2026-03-11")));
    }
}

TEST_CASE("budget: open-ended, from a date") {
    Story s;
    SUBCASE("the schedule goes on") {
        const auto st = s.status(between(10, "2026-02-01", nullptr));
        CHECK_FALSE(st.to.has_value());
        CHECK(st.used == 3);
        // 10 Mar, then the 6th of 17, 24, 31 Mar, 7, 21, 28 Apr.
        CHECK(st.runs_out == day("2026-04-28"));
    }
    SUBCASE("the schedule ends first") {
        s.data.schedules[0].until = day("2026-04-30");
        const auto st = s.status(between(11, "2026-02-01", nullptr));
        CHECK(st.planned == 6); // and 10 Mar: 7 of the 8 left
        CHECK_FALSE(st.runs_out.has_value());
    }
    SUBCASE("a schedule that starts long after the last one ends") {
        s.data.schedules[0].until = day("2026-03-31");
        s.schedule("s3", "okafor", date::Tuesday, "2028-01-04");
        const auto st = s.status(between(10, "2026-02-01", nullptr));
        // 10 Mar, then 17, 24, 31 Mar, 4, 11, 18 Jan 2028: the 6th.
        CHECK(st.runs_out == day("2028-01-18"));
    }
    SUBCASE("a provider without sessions") {
        Budget b = between(5, "2026-01-01", nullptr);
        b.provider = "lee";
        s.data.schedules[1].until = day("2026-01-31");
        const auto st = s.status(b);
        CHECK(st.used == 3); // 8, 15, 22 Jan attended; 29 Jan is unlogged
        CHECK(st.unlogged == 1);
        CHECK(st.left == 2);
        CHECK(st.planned == 0);
        CHECK_FALSE(st.runs_out.has_value());
    }
}

} // namespace model_budget_test
