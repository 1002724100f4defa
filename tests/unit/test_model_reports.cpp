#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/reports.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_reports_test {

namespace {

// A weekly Tuesday 17:30 schedule from 2026-01-06, with outcomes recorded by date.
struct Story {
    Data data;
    Zone zone = Zone::locate("Europe/Berlin");

    Story() {
        data.timezone = "Europe/Berlin";
        data.providers.push_back({"okafor", "Dr. Okafor", 50});
        Schedule s;
        s.id = "s1";
        s.provider = "okafor";
        s.weekdays = 1U << date::Tuesday.c_encoding();
        s.at = std::chrono::minutes{17 * 60 + 30};
        s.from = day("2026-01-06");
        data.schedules.push_back(s);
    }
    void record(const char* date, Outcome outcome, int late = 0) {
        Session s;
        s.schedule = "s1";
        s.start = LocalMinutes{day(date)} + std::chrono::minutes{17 * 60 + 30};
        s.id = occurrence_id("s1", day(date));
        s.provider = "okafor";
        s.outcome = outcome;
        s.late_minutes = late;
        data.sessions.push_back(s);
    }
    void attend_all(const char* from, const char* to) {
        for (auto d = day(from); d <= day(to); d += date::days{7}) {
            record(format_date(d).c_str(), Outcome::attended);
        }
    }
    void away(const char* from, const char* to) {
        data.absences.push_back({"a" + std::to_string(data.absences.size() + 1), "okafor",
                                 day(from), day(to), "vacation"});
    }
    // The person's own time away: the sessions inside it are excused.
    void me_away(const char* from, const char* to) {
        Absence a;
        a.id = "a" + std::to_string(data.absences.size() + 1);
        a.from = day(from);
        a.to = day(to);
        a.mine = true;
        data.absences.push_back(a);
    }
    // Cancelled by the person an hour before it, inside a notice of 24 hours.
    void cancel_late(const char* date) {
        data.providers[0].notice_minutes = 24 * 60;
        record(date, Outcome::cancelled);
        auto& s = data.sessions.back();
        s.cancelled_by = "me";
        s.told = zone.to_instant(s.start - std::chrono::minutes{60});
    }
    // A one-off session at `when` ("2026-02-19T10:00").
    void one_off(const char* when, Outcome outcome) {
        Session s;
        s.id = "o" + std::to_string(data.sessions.size() + 1);
        s.start = at(when);
        s.provider = "okafor";
        s.outcome = outcome;
        data.sessions.push_back(s);
    }
    Timeline at_now(const char* now) const {
        return Timeline(data, zone, zone.to_instant(at(now)));
    }
};

std::vector<std::string> days_of(const std::vector<Occurrence>& list) {
    std::vector<std::string> out;
    for (const auto& o : list) {
        out.push_back(format_date(day_of(o.start)) + " " + std::string(status_name(o.status)));
    }
    return out;
}

} // namespace

TEST_CASE("streaks: a vacation does not break a streak") {
    Story s;
    s.attend_all("2026-01-06", "2026-02-03"); // 5 sessions
    s.away("2026-02-09", "2026-02-22");       // takes out 10 and 17 Feb
    s.attend_all("2026-02-24", "2026-03-10"); // 3 sessions
    const auto t = s.at_now("2026-03-11T12:00");
    const auto r = streaks(t.between(day("2026-01-01"), t.today()));
    CHECK(r.current.sessions == 8);
    CHECK(r.current.from == day("2026-01-06"));
    CHECK(r.longest.sessions == 8);
    CHECK(r.longest.to == day("2026-03-10"));
}

TEST_CASE("streaks: a skip ends the run; unlogged and cancelled sessions are neutral") {
    Story s;
    s.attend_all("2026-01-06", "2026-01-27"); // 4
    s.record("2026-02-03", Outcome::skipped);
    s.attend_all("2026-02-10", "2026-02-17"); // 2
    s.record("2026-02-24", Outcome::cancelled);
    s.record("2026-03-03", Outcome::attended); // 3 in the run
    // 10 March is unlogged; 17 March starts after now.
    const auto t = s.at_now("2026-03-12T12:00");
    const auto r = streaks(t.between(day("2026-01-01"), day("2026-03-31")));
    CHECK(r.current.sessions == 3);
    CHECK(r.current.from == day("2026-02-10"));
    CHECK(r.longest.sessions == 4);
    CHECK(r.longest.from == day("2026-01-06"));
    CHECK(r.longest.to == day("2026-01-27"));
    SUBCASE("an outcome recorded ahead of time does not count yet") {
        s.record("2026-03-17", Outcome::attended);
        const auto t2 = s.at_now("2026-03-12T12:00");
        CHECK(streaks(t2.between(day("2026-01-01"), day("2026-03-31"))).current.sessions == 3);
    }
    SUBCASE("a skip as the last session leaves no current run") {
        s.record("2026-03-10", Outcome::skipped);
        const auto t2 = s.at_now("2026-03-12T12:00");
        const auto r2 = streaks(t2.between(day("2026-01-01"), day("2026-03-31")));
        CHECK(r2.current.sessions == 0);
        CHECK_FALSE(r2.current.from.has_value());
        CHECK(r2.longest.sessions == 4);
    }
}

TEST_CASE("week streaks: weeks with an attended session in a row, from the first day of the week") {
    Story s;
    s.attend_all("2026-01-06", "2026-02-03"); // 5 Tuesdays
    const auto t = s.at_now("2026-02-05T12:00");
    const auto sessions = t.between(day("2026-01-01"), t.today());
    const auto monday = week_streaks(sessions, date::Monday);
    CHECK(monday.current.weeks == 5);
    CHECK(monday.current.from == day("2026-01-05"));
    CHECK(monday.current.to == day("2026-02-08"));
    CHECK(monday.longest.weeks == 5);
    CHECK(monday.longest.from == day("2026-01-05"));
    const auto sunday = week_streaks(sessions, date::Sunday);
    CHECK(sunday.current.weeks == 5);
    CHECK(sunday.current.from == day("2026-01-04"));
    CHECK(sunday.current.to == day("2026-02-07"));
    SUBCASE("a week that has not had its session yet is neutral") {
        const auto t2 = s.at_now("2026-02-09T12:00"); // Monday; Tuesday's is to come
        CHECK(week_streaks(t2.between(day("2026-01-01"), t2.today()), date::Monday).current.weeks ==
              5);
    }
    SUBCASE("two sessions in one week count once") {
        s.one_off("2026-01-08T10:00", Outcome::attended);
        const auto t2 = s.at_now("2026-02-05T12:00");
        CHECK(week_streaks(t2.between(day("2026-01-01"), t2.today()), date::Monday).current.weeks ==
              5);
    }
    SUBCASE("nothing attended: no runs") {
        const auto none = week_streaks({}, date::Monday);
        CHECK(none.current.weeks == 0);
        CHECK_FALSE(none.current.from.has_value());
        CHECK(none.longest.weeks == 0);
        CHECK_FALSE(none.longest.to.has_value());
    }
}

TEST_CASE("week streaks: the provider's absence, your own and a cancellation are neutral weeks") {
    Story s;
    s.attend_all("2026-01-06", "2026-02-03"); // 5 weeks
    s.away("2026-02-09", "2026-02-22");       // 10 and 17 Feb away
    s.record("2026-02-24", Outcome::attended);
    s.me_away("2026-03-02", "2026-03-08"); // 3 Mar excused
    s.record("2026-03-10", Outcome::cancelled);
    s.record("2026-03-17", Outcome::attended);
    // 24 Mar is unlogged: neutral too.
    const auto t = s.at_now("2026-03-25T12:00");
    const auto sessions = t.between(day("2026-01-01"), t.today());
    REQUIRE(days_of(sessions)[9] == "2026-03-10 cancelled");
    REQUIRE(days_of(sessions)[8] == "2026-03-03 excused");
    const auto r = week_streaks(sessions, date::Monday);
    CHECK(r.current.weeks == 7);
    CHECK(r.current.from == day("2026-01-05"));
    CHECK(r.current.to == day("2026-03-22"));
    CHECK(r.longest.weeks == 7);
}

TEST_CASE("week streaks: a week with a skip or a late cancellation and nothing attended ends the "
          "run") {
    Story s;
    s.attend_all("2026-01-06", "2026-01-20"); // weeks of 5, 12, 19 Jan
    s.record("2026-01-27", Outcome::skipped); // ends the run
    s.attend_all("2026-02-03", "2026-02-10"); // weeks of 2 and 9 Feb
    s.record("2026-02-17", Outcome::skipped);
    s.one_off("2026-02-19T10:00", Outcome::attended); // the same week: it counts
    s.cancel_late("2026-02-24");                      // ends the run
    s.record("2026-03-03", Outcome::attended);
    const auto t = s.at_now("2026-03-05T12:00");
    const auto sessions = t.between(day("2026-01-01"), t.today());
    REQUIRE(days_of(sessions)[8] == "2026-02-24 late-cancel");
    const auto r = week_streaks(sessions, date::Monday);
    CHECK(r.current.weeks == 1);
    CHECK(r.current.from == day("2026-03-02"));
    CHECK(r.current.to == day("2026-03-08"));
    // Two runs of three weeks: the earlier one is the longest.
    CHECK(r.longest.weeks == 3);
    CHECK(r.longest.from == day("2026-01-05"));
    CHECK(r.longest.to == day("2026-01-25"));
    SUBCASE("a skip this week, with nothing attended yet, leaves no current run") {
        s.record("2026-03-10", Outcome::skipped);
        const auto t2 = s.at_now("2026-03-11T12:00");
        const auto r2 = week_streaks(t2.between(day("2026-01-01"), t2.today()), date::Monday);
        CHECK(r2.current.weeks == 0);
        CHECK_FALSE(r2.current.from.has_value());
        CHECK(r2.longest.weeks == 3);
    }
    SUBCASE("an outcome recorded ahead of time does not count yet") {
        s.record("2026-03-10", Outcome::skipped);
        const auto t2 = s.at_now("2026-03-09T12:00");
        CHECK(week_streaks(t2.between(day("2026-01-01"), t2.today() + date::days{7}), date::Monday)
                  .current.weeks == 1);
    }
}

TEST_CASE("gaps: a skip followed by a two-week vacation is one gap listing every missed session") {
    Story s;
    s.attend_all("2026-07-07", "2026-07-14");
    s.record("2026-07-21", Outcome::skipped);
    s.away("2026-07-27", "2026-08-09"); // 28 Jul and 4 Aug
    const auto t = s.at_now("2026-07-26T12:00");
    const auto found = gaps_between(t, t.today(), t.today() + date::days{90}, 14);
    REQUIRE(found.size() == 1);
    CHECK(found[0].from == day("2026-07-14"));
    CHECK(found[0].to == day("2026-08-11"));
    CHECK(found[0].days == 28);
    CHECK(days_of(found[0].missed) ==
          std::vector<std::string>{"2026-07-21 skipped", "2026-07-28 away", "2026-08-04 away"});
}

TEST_CASE("gaps: long stretches without a missed session, and the threshold") {
    Story s;
    s.data.schedules[0].every_weeks = 2; // 6 and 20 Jan, 3 and 17 Feb, 3, 17 and 31 Mar, ...
    const auto t = s.at_now("2026-03-01T12:00");
    // 14 days apart is not longer than 14; the schedule never ends, so no open end either.
    CHECK(gaps_between(t, day("2026-03-01"), day("2026-04-30"), 14).empty());
    const auto found = gaps_between(t, day("2026-03-01"), day("2026-04-30"), 13);
    REQUIRE(found.size() == 6);
    CHECK(found.front().from == day("2026-02-17"));
    CHECK(found.back().to == day("2026-05-12"));
    CHECK(found.back().missed.empty());
}

TEST_CASE("gaps: an open-ended gap after the schedule ends") {
    Story s;
    s.data.schedules[0].until = day("2026-03-31");
    s.attend_all("2026-01-06", "2026-03-24");
    s.record("2026-03-31", Outcome::skipped);
    const auto t = s.at_now("2026-04-15T12:00");
    const auto found = gaps_between(t, t.today(), t.today() + date::days{90}, 14);
    REQUIRE(found.size() == 1);
    CHECK(found[0].from == day("2026-03-24"));
    CHECK_FALSE(found[0].to.has_value());
    CHECK_FALSE(found[0].days.has_value());
    CHECK(days_of(found[0].missed) == std::vector<std::string>{"2026-03-31 skipped"});
}

TEST_CASE("gaps: the pure function on hand-made lists") {
    Story s;
    s.attend_all("2026-01-06", "2026-01-13");
    s.record("2026-01-20", Outcome::cancelled);
    const auto t = s.at_now("2026-01-21T12:00");
    auto list = t.between(day("2026-01-01"), day("2026-02-28"));
    SUBCASE("min-days makes a plain stretch a gap") {
        std::vector<Occurrence> two = {list[0], list[1]}; // 7 days apart
        CHECK(gaps(two, 14).size() == 1);                 // only the open end
        CHECK(gaps(two, 6).size() == 2);
        CHECK(gaps(two, 6)[0].days == 7);
    }
    SUBCASE("a cancellation makes a gap of the stretch around it") {
        const auto found = gaps(list, 14);
        REQUIRE(found.size() >= 1);
        CHECK(found[0].from == day("2026-01-13"));
        CHECK(found[0].to == day("2026-01-27"));
        CHECK(days_of(found[0].missed) == std::vector<std::string>{"2026-01-20 cancelled"});
    }
    SUBCASE("missed sessions before the first held one belong to no gap") {
        std::vector<Occurrence> tail(list.begin() + 2, list.end());
        const auto found = gaps(tail, 14);
        REQUIRE(found.size() == 1); // only the open end after the last one listed
        CHECK(found[0].from == day("2026-02-24"));
        CHECK(found[0].missed.empty());
    }
}

TEST_CASE("summary: counts, rate, lateness, longest streak and gap") {
    Story s;
    s.record("2026-01-06", Outcome::attended);
    s.record("2026-01-13", Outcome::attended, 10);
    s.record("2026-01-20", Outcome::attended);
    s.record("2026-01-27", Outcome::skipped);
    s.record("2026-02-03", Outcome::attended, 5);
    s.away("2026-02-09", "2026-02-15"); // 10 Feb; 17 and 24 Feb are unlogged
    const auto t = s.at_now("2026-02-25T12:00");
    const auto sum = summarise(t.between(day("2026-01-01"), day("2026-02-28")), 14);
    CHECK(sum.counts.of(Status::attended) == 4);
    CHECK(sum.counts.of(Status::skipped) == 1);
    CHECK(sum.counts.of(Status::away) == 1);
    CHECK(sum.counts.of(Status::unlogged) == 2);
    CHECK(sum.counts.of(Status::cancelled) == 0);
    CHECK(sum.counts.late_sessions == 2);
    CHECK(sum.counts.late_minutes == 15);
    CHECK(*sum.counts.attendance_rate() == doctest::Approx(0.8));
    CHECK(sum.longest_streak == 3);
    CHECK(sum.longest_gap_days == 14); // 20 Jan – 3 Feb (a skip) and 3 – 17 Feb (away)
    SUBCASE("nothing to divide: no rate") {
        const auto none = summarise({}, 14);
        CHECK_FALSE(none.counts.attendance_rate().has_value());
        CHECK(none.longest_streak == 0);
        CHECK_FALSE(none.longest_gap_days.has_value());
    }
}

TEST_CASE("summary: a late cancellation counts against the rate; it and a no-show carry the fee") {
    Story s;
    s.data.providers[0].fee_cents = 6000;
    s.attend_all("2026-01-06", "2026-01-13");
    s.cancel_late("2026-01-20");
    s.record("2026-01-27", Outcome::skipped);
    s.data.sessions.back().no_show = true;
    s.record("2026-02-03", Outcome::skipped); // with notice: no fee
    s.record("2026-02-10", Outcome::cancelled);
    s.record("2026-02-17", Outcome::cancelled); // by you, three days ahead: in time
    s.data.sessions.back().cancelled_by = "me";
    s.data.sessions.back().told = s.zone.to_instant(at("2026-02-14T10:00"));
    const auto t = s.at_now("2026-02-18T12:00");
    const auto sum = summarise(t.between(day("2026-01-01"), t.today()), 14);
    CHECK(sum.counts.of(Status::attended) == 2);
    CHECK(sum.counts.of(Status::late_cancel) == 1);
    CHECK(sum.counts.of(Status::skipped) == 2);
    CHECK(sum.counts.of(Status::cancelled) == 2);
    CHECK(*sum.counts.attendance_rate() == doctest::Approx(0.4)); // 2 of 2 + 2 + 1
    CHECK(sum.counts.fee_sessions == 2);
    CHECK(sum.counts.fee_cents == 12000);
}

} // namespace model_reports_test
