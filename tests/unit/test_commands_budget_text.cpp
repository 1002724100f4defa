#include <doctest/doctest.h>

#include "commands/budget_text.hpp"
#include "helpers.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace commands_budget_text_test {

namespace {

// Dr. Okafor on Tuesdays at 17:30 from 6 Jan 2026, every one attended up to 3 Mar.
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
        s.at = Minutes{17 * 60 + 30};
        s.from = day("2026-01-06");
        data.schedules.push_back(s);
        for (auto d = day("2026-01-06"); d <= day("2026-03-03"); d += date::days{7}) {
            Session r;
            r.schedule = "s1";
            r.id = occurrence_id("s1", d);
            r.start = LocalMinutes{d} + s.at;
            r.provider = "okafor";
            r.outcome = Outcome::attended;
            data.sessions.push_back(r);
        }
    }
    void budget(int sessions, const char* from = nullptr, const char* to = nullptr) {
        Budget b;
        b.id = "b1";
        b.provider = "okafor";
        b.sessions = sessions;
        b.per_year = from == nullptr;
        if (from != nullptr) {
            b.from = day(from);
        }
        if (to != nullptr) {
            b.to = day(to);
        }
        b.uses = uses_attended | uses_late_cancel | uses_no_show;
        data.budgets = {b};
    }
    std::string warning(const char* now = "2026-03-04T12:00",
                        std::optional<LocalDays> session_day = std::nullopt) const {
        const Timeline t(data, zone, zone.to_instant(at(now)));
        return commands::budget_warning(data, t, "okafor", session_day);
    }
    std::string line(const char* now = "2026-03-04T12:00") const {
        const Timeline t(data, zone, zone.to_instant(at(now)));
        return commands::budget_line(data, data.budgets[0], budget_status(data.budgets[0], data, t),
                                     t.today());
    }
};

} // namespace

TEST_CASE("budget text: the warning for next, below five sessions left") {
    Story s;                    // 9 sessions attended in 2026
    CHECK(s.warning().empty()); // no budget
    s.budget(14);
    CHECK(s.warning().empty()); // 5 left
    s.budget(13);
    CHECK(s.warning() == "4 covered sessions left with Dr. Okafor (budget for 2026)");
    s.budget(10);
    CHECK(s.warning() == "1 covered session left with Dr. Okafor (budget for 2026)");
    s.budget(9);
    CHECK(s.warning() == "no covered sessions left with Dr. Okafor (budget for 2026)");
    s.budget(7);
    CHECK(s.warning() ==
          "no covered sessions left with Dr. Okafor (budget for 2026, 2 more than it covers)");
    s.budget(10, "2026-02-01", "2026-03-31");
    CHECK(s.warning().empty()); // 5 of 10 left
    s.budget(6, "2026-02-01");
    CHECK(s.warning() == "1 covered session left with Dr. Okafor (budget since Sun 1 Feb)");
    s.budget(6, "2026-01-01", "2026-01-31");
    CHECK(s.warning().empty()); // its period is over
}

TEST_CASE("budget text: no warning for a session outside the budget's period") {
    Story s;
    s.budget(10); // 1 left in 2026
    CHECK(s.warning("2026-03-04T12:00", day("2026-03-10")) ==
          "1 covered session left with Dr. Okafor (budget for 2026)");
    // 29 Dec 2026 is the last Tuesday of the year; the next session is in 2027, a new budget.
    CHECK(s.warning("2026-12-30T12:00", day("2027-01-05")).empty());
    s.budget(10, "2026-01-01", "2026-03-31");
    CHECK(s.warning("2026-03-04T12:00", day("2026-04-07")).empty());
    CHECK_FALSE(s.warning("2026-03-04T12:00", day("2026-03-31")).empty());
}

TEST_CASE("budget text: the line of 'showup budget'") {
    Story s;
    s.budget(25);
    CHECK(s.line() == "Dr. Okafor: 9 of 25 sessions used in 2026, 16 left; at this pace they run "
                      "out Tue 23 Jun");
    s.budget(60); // 51 left, and 43 Tuesdays from 10 Mar to 29 Dec
    CHECK(s.line() == "Dr. Okafor: 9 of 60 sessions used in 2026, 51 left, enough for the 43 "
                      "sessions still scheduled in 2026");
    s.budget(8);
    CHECK(s.line() == "Dr. Okafor: 9 of 8 sessions used in 2026, 1 more than it covers; the last "
                      "covered one was Tue 24 Feb");
    s.budget(12, "2026-02-01", "2026-02-28");
    CHECK(s.line() == "Dr. Okafor: 4 of 12 sessions used from Sun 1 Feb to Sat 28 Feb, 8 left; "
                      "the budget ended Sat 28 Feb");
    s.budget(12, "2026-02-01");
    CHECK(s.line("2026-03-11T12:00") ==
          "Dr. Okafor: 5 of 12 sessions used since Sun 1 Feb, 7 left; at this pace they run out "
          "Tue 21 Apr (1 session not logged yet, counted as attended)");
}

} // namespace commands_budget_text_test
