// The person's side: their own time away (excused), cancellations by them with or without
// notice (late-cancel), the provider's fee, and topics filed under an attended session.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/edits.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"
#include "showup/reports.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_person_test {

namespace {

// Dr. Okafor on Tuesdays and Fridays at 10:00 from Tue 3 Nov 2026, asking 24 hours' notice
// and 60.00 for a late cancellation or a no-show; now is Wed 25 Nov 12:00.
struct World {
    Data data;
    Zone zone = Zone::locate("Europe/Berlin");
    Instant now = zone.to_instant(at("2026-11-25T12:00"));

    World() {
        data.timezone = "Europe/Berlin";
        Provider p;
        p.id = "okafor";
        p.name = "Dr. Okafor";
        p.notice_minutes = 24 * 60;
        p.fee_cents = 6000;
        data.providers.push_back(p);
        Schedule s;
        s.id = "s1";
        s.provider = "okafor";
        s.weekdays = 1U << 2 | 1U << 5;
        s.at = Minutes{600};
        s.from = day("2026-11-03");
        data.schedules.push_back(s);
    }
    Timeline timeline() const { return Timeline(data, zone, now); }
    Occurrence find(const std::string& id) const { return *timeline().find(id); }
    Status status(const std::string& id) const { return find(id).status; }
    SessionChange cancel_by_me(const std::string& id, const char* told) {
        OutcomeInput in;
        in.outcome = Outcome::cancelled;
        in.cancelled_by = "me";
        in.told = zone.to_instant(at(told));
        return record_outcome(data, find(id), in, now);
    }
    void record(const std::string& id, Outcome outcome, bool no_show = false) {
        OutcomeInput in;
        in.outcome = outcome;
        in.no_show = no_show;
        record_outcome(data, find(id), in, now);
    }
};

} // namespace

TEST_CASE("person: a cancellation of yours is late only inside the provider's notice") {
    World w;
    w.now = w.zone.to_instant(at("2026-11-26T12:00"));
    // Fri 27 Nov 10:00; 24 hours before is Thu 26 Nov 10:00.
    w.cancel_by_me("s1@2026-11-27", "2026-11-26T09:59");
    CHECK(w.status("s1@2026-11-27") == Status::cancelled);
    CHECK(w.find("s1@2026-11-27").fee_cents == 0);
    w.cancel_by_me("s1@2026-11-27", "2026-11-26T10:01");
    CHECK(w.status("s1@2026-11-27") == Status::late_cancel);
    CHECK(w.find("s1@2026-11-27").fee_cents == 6000);
    SUBCASE("the provider's cancellation is never late") {
        OutcomeInput in;
        in.outcome = Outcome::cancelled;
        in.cancelled_by = "provider";
        record_outcome(w.data, w.find("s1@2026-11-27"), in, w.now);
        CHECK(w.status("s1@2026-11-27") == Status::cancelled);
    }
    SUBCASE("without a policy, no cancellation is late") {
        w.data.providers[0].notice_minutes.reset();
        CHECK(w.status("s1@2026-11-27") == Status::cancelled);
    }
    SUBCASE("a skip keeps neither who cancelled nor when") {
        w.record("s1@2026-11-27", Outcome::skipped);
        const auto* s = w.data.find_session("s1@2026-11-27");
        CHECK(s->cancelled_by.empty());
        CHECK_FALSE(s->told);
        CHECK_FALSE(find_violation(w.data));
    }
}

TEST_CASE("person: late cancellations end a streak and count as missed; fees add up") {
    World w;
    w.record("s1@2026-11-03", Outcome::attended);
    w.record("s1@2026-11-06", Outcome::attended);
    w.cancel_by_me("s1@2026-11-10", "2026-11-10T08:00"); // 2 hours before: late
    w.record("s1@2026-11-13", Outcome::attended);
    w.cancel_by_me("s1@2026-11-17", "2026-11-12T08:00"); // five days before: with notice
    w.record("s1@2026-11-20", Outcome::attended);
    w.record("s1@2026-11-24", Outcome::skipped, true); // a no-show
    const auto list = w.timeline().between(day("2026-11-01"), day("2026-11-25"));
    const auto s = streaks(list);
    CHECK(s.longest.sessions == 2); // 13 and 20 Nov: the cancellation with notice is neutral
    CHECK(s.longest.from == day("2026-11-03"));
    CHECK(s.current.sessions == 0);
    const auto sum = summarise(list, k_default_gap_days);
    CHECK(sum.counts.of(Status::late_cancel) == 1);
    CHECK(sum.counts.of(Status::cancelled) == 1);
    CHECK(sum.counts.fee_sessions == 2);
    CHECK(sum.counts.fee_cents == 12000);
    // 4 attended of 4 + 1 skipped + 1 late-cancel.
    CHECK(*sum.counts.attendance_rate() == doctest::Approx(4.0 / 6.0));
    const auto g = gaps(list, k_default_gap_days);
    REQUIRE(g.size() >= 2);
    CHECK(g[0].from == day("2026-11-06"));
    CHECK(g[0].missed.front().status == Status::late_cancel);
}

TEST_CASE("person: sessions inside your own time away are excused, unless you went") {
    World w;
    Absence mine;
    mine.mine = true;
    mine.from = day("2026-11-09");
    mine.to = day("2026-11-15");
    mine.reason = "family vacation";
    const auto id = add_absence(w.data, mine);
    w.record("s1@2026-11-13", Outcome::attended); // went anyway, by phone
    CHECK(w.status("s1@2026-11-10") == Status::excused);
    CHECK(w.find("s1@2026-11-10").reason() == "family vacation");
    CHECK(w.status("s1@2026-11-13") == Status::attended);
    CHECK(w.status("s1@2026-11-17") == Status::unlogged);
    SUBCASE("the provider's absence beats your own") {
        Absence theirs;
        theirs.provider = "okafor";
        theirs.from = day("2026-11-10");
        theirs.to = day("2026-11-10");
        add_absence(w.data, theirs);
        CHECK(w.status("s1@2026-11-10") == Status::away);
    }
    SUBCASE("your own absences may not overlap each other, and may overlap a provider's") {
        Absence again = mine;
        again.from = day("2026-11-15");
        again.to = day("2026-11-20");
        CHECK_THROWS_WITH_AS(add_absence(w.data, again), doctest::Contains("of your own"), Error);
        Absence theirs;
        theirs.provider = "okafor";
        theirs.from = day("2026-11-12");
        theirs.to = day("2026-11-20");
        CHECK_NOTHROW(add_absence(w.data, theirs));
    }
    SUBCASE("excused is neutral for the streak and missed in a gap") {
        w.record("s1@2026-11-06", Outcome::attended);
        w.record("s1@2026-11-17", Outcome::attended);
        const auto list = w.timeline().between(day("2026-11-06"), day("2026-11-17"));
        CHECK(streaks(list).longest.sessions == 3);
        const auto g = gaps(list, k_default_gap_days);
        REQUIRE(g.size() == 2); // 6 -> 13 Nov (the excused 10th), and the open end
        CHECK(g[0].to == day("2026-11-13"));
        CHECK(g[0].missed.front().status == Status::excused);
    }
    CHECK(w.data.find_absence(id)->provider.empty());
    CHECK_FALSE(find_violation(w.data));
}

TEST_CASE("person: topics are filed under an attended session and come back when it is not") {
    World w;
    const auto early =
        add_agenda_item(w.data, "the exam", w.zone.to_instant(at("2026-11-20T09:00")));
    const auto late = add_agenda_item(w.data, "later topic", w.now);
    w.record("s1@2026-11-20", Outcome::attended);
    CHECK(file_agenda(w.data, "s1@2026-11-20", w.find("s1@2026-11-20").end_instant(w.zone)) == 1);
    CHECK(w.data.agenda[0].session == "s1@2026-11-20");
    CHECK(w.data.agenda[1].open());
    SUBCASE("a skip instead takes them back") {
        w.record("s1@2026-11-20", Outcome::skipped);
        CHECK(w.data.agenda[0].open());
    }
    SUBCASE("unlog takes them back") {
        unlog(w.data, {w.find("s1@2026-11-20")});
        CHECK(w.data.agenda[0].open());
        CHECK_FALSE(find_violation(w.data));
    }
    SUBCASE("done sets one aside; a filed one cannot be") {
        CHECK_THROWS_AS(agenda_done(w.data, early, w.now), Error);
        agenda_done(w.data, late, w.now);
        CHECK_FALSE(w.data.agenda[1].open());
        CHECK_THROWS_AS(agenda_done(w.data, late, w.now), Error);
    }
    CHECK_THROWS_AS(add_agenda_item(w.data, "  ", w.now), UsageError);
}

TEST_CASE("person: the rules of the new records") {
    World w;
    SUBCASE("a contact names a provider and a kind") {
        Contact c;
        c.at = at("2026-11-24T18:00");
        c.provider = "okafor";
        add_contact(w.data, c, w.zone, w.now);
        CHECK_FALSE(find_violation(w.data));
        w.data.contacts[0].kind = "fax";
        CHECK(find_violation(w.data)->place == "contacts[0].kind");
        w.data.contacts[0].kind = "call";
        w.data.contacts[0].provider = "nobody";
        CHECK(find_violation(w.data)->place == "contacts[0].provider");
    }
    SUBCASE("one budget a provider, per year or from a date") {
        Budget b;
        b.provider = "okafor";
        b.sessions = 25;
        b.per_year = true;
        b.uses = uses_attended;
        set_budget(w.data, b);
        b.sessions = 30;
        const auto before = set_budget(w.data, b); // replaces
        REQUIRE(before);
        CHECK(before->sessions == 25);
        CHECK(w.data.budgets.size() == 1);
        CHECK_FALSE(find_violation(w.data));
        w.data.budgets[0].per_year = false;
        CHECK(find_violation(w.data)->place == "budgets[0].from");
    }
    SUBCASE("a cancellation's who and when only on a cancelled session") {
        w.record("s1@2026-11-20", Outcome::attended);
        w.data.sessions[0].cancelled_by = "me";
        CHECK(find_violation(w.data)->place == "sessions[0].cancelled_by");
    }
    SUBCASE("removing a provider takes its budget, and is refused while a contact names it") {
        Contact c;
        c.at = at("2026-11-24T18:00");
        c.provider = "okafor";
        add_contact(w.data, c, w.zone, w.now);
        w.data.schedules.clear();
        CHECK_THROWS_WITH_AS(remove_provider(w.data, "okafor"), doctest::Contains("1 contact"),
                             Error);
    }
}

} // namespace model_person_test
