#include <doctest/doctest.h>

#include "helpers.hpp"
#include "showup/edits.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace model_edits_test {

namespace {

// Dr. Okafor on Mondays and Fridays at 10:00 from Mon 2 Nov 2026; now is Wed 25 Nov 12:00.
struct World {
    Data data;
    Zone zone = Zone::locate("Europe/Berlin");
    Instant now = zone.to_instant(at("2026-11-25T12:00"));

    World() {
        data.timezone = "Europe/Berlin";
        data.providers.push_back({"okafor", "Dr. Okafor", 50});
        Schedule s;
        s.id = "s1";
        s.provider = "okafor";
        s.weekdays = 1U << 1 | 1U << 5;
        s.at = Minutes{600};
        s.from = day("2026-11-02");
        data.schedules.push_back(s);
        data.next_ids.schedule = 2;
    }
    Occurrence find(const std::string& id) const { return *Timeline(data, zone, now).find(id); }
    Status status(const std::string& id) const { return find(id).status; }
    SessionChange record(const std::string& id, OutcomeInput in) {
        return record_outcome(data, find(id), in, now);
    }
};

OutcomeInput skip(std::optional<std::string> reason = std::nullopt) {
    OutcomeInput in;
    in.outcome = Outcome::skipped;
    in.reason = std::move(reason);
    return in;
}

OutcomeInput attend(std::optional<int> late = std::nullopt) {
    OutcomeInput in;
    in.outcome = Outcome::attended;
    in.late_minutes = late;
    return in;
}

} // namespace

TEST_CASE("edits: re-recording an outcome keeps the words it does not restate") {
    World w;
    SUBCASE("the same outcome keeps the reason, and says what it was") {
        w.record("s1@2026-11-23", skip("too scary right now"));
        const auto change = w.record("s1@2026-11-23", skip());
        CHECK(change.replaced());
        CHECK(change.before->reason == "too scary right now");
        CHECK(w.data.find_session("s1@2026-11-23")->reason == "too scary right now");
    }
    SUBCASE("attend again keeps the lateness") {
        w.record("s1@2026-11-20", attend(30));
        w.record("s1@2026-11-20", attend());
        CHECK(w.data.find_session("s1@2026-11-20")->late_minutes == 30);
    }
    SUBCASE("another outcome drops the old words but hands them back") {
        w.record("s1@2026-11-20", attend(30));
        const auto change = w.record("s1@2026-11-20", skip());
        CHECK(w.data.find_session("s1@2026-11-20")->late_minutes == 0);
        REQUIRE(change.before);
        CHECK(change.before->late_minutes == 30);
        CHECK(change.status_before == Status::attended);
    }
    SUBCASE("the note stays whatever the outcome") {
        auto in = attend();
        in.note = "wrong time";
        w.record("s1@2026-11-20", in);
        w.record("s1@2026-11-20", skip("ill"));
        CHECK(w.data.find_session("s1@2026-11-20")->note == "wrong time");
    }
}

TEST_CASE("edits: attend is refused ahead of time, skip is not") {
    World w;
    CHECK_THROWS_WITH_AS(w.record("s1@2026-11-27", attend()),
                         doctest::Contains("has not started yet"), Error);
    w.record("s1@2026-11-27", skip("exam"));
    CHECK(w.status("s1@2026-11-27") == Status::skipped);
}

TEST_CASE("edits: a move replaces an outcome and names it") {
    World w;
    w.record("s1@2026-11-16", skip("flu"));
    const Timeline t(w.data, w.zone, w.now);
    const auto moved =
        reschedule(w.data, t, w.find("s1@2026-11-16"), at("2026-11-17T10:00"), "me", {});
    CHECK(moved.from.replaced());
    CHECK(moved.from.before->reason == "flu");
    CHECK(w.status("s1@2026-11-16") == Status::rescheduled);
    CHECK(w.status(moved.to.id) == Status::unlogged);
    CHECK(w.data.find_session("s1@2026-11-16")->reason.empty());
}

TEST_CASE("edits: a session placed inside an absence happens") {
    World w;
    Absence a;
    a.provider = "okafor";
    a.from = day("2026-12-07");
    a.to = day("2026-12-20");
    const auto id = add_absence(w.data, a);
    CHECK(w.status("s1@2026-12-07") == Status::away);
    const Timeline t(w.data, w.zone, w.now);
    const auto placed = add_session(w.data, t, "okafor", at("2026-12-09T15:00"), 50, "phone");
    REQUIRE(placed.absence != nullptr);
    CHECK(placed.absence->id == id);
    CHECK(w.status(placed.id) == Status::scheduled);
    SUBCASE("an overlapping absence of the same provider is refused") {
        Absence b = a;
        b.from = day("2026-12-20");
        b.to = day("2026-12-24");
        CHECK_THROWS_WITH_AS(add_absence(w.data, b), doctest::Contains("overlaps absence a1"),
                             Error);
    }
    SUBCASE("an absence added over a one-off takes it out") {
        Absence c;
        c.provider = "okafor";
        c.from = day("2027-01-04");
        c.to = day("2027-01-04");
        const Timeline t2(w.data, w.zone, w.now);
        const auto later = add_session(w.data, t2, "okafor", at("2027-01-04T15:00"), 50, "");
        add_absence(w.data, c);
        CHECK(w.status(later.id) == Status::away);
    }
}

TEST_CASE("edits: a new record's id is the next one no record has") {
    // A hand edit set the counters back: o2, a1 and t1 are taken.
    World w;
    const Timeline t(w.data, w.zone, w.now);
    const auto first = add_session(w.data, t, "okafor", at("2026-12-09T15:00"), 50, "");
    CHECK(first.id == "o1");
    w.data.sessions.back().id = "o2";
    w.data.next_ids.session = 1;
    const auto second = add_session(w.data, t, "okafor", at("2026-12-10T15:00"), 50, "");
    CHECK(second.id == "o1");
    const auto third = add_session(w.data, t, "okafor", at("2026-12-11T15:00"), 50, "");
    CHECK(third.id == "o3");
    CHECK(w.data.next_ids.session == 4);
    Absence a;
    a.provider = "okafor";
    a.from = day("2026-12-07");
    a.to = day("2026-12-08");
    CHECK(add_absence(w.data, a) == "a1");
    w.data.next_ids.absence = 1;
    a.from = day("2026-12-14");
    a.to = day("2026-12-15");
    CHECK(add_absence(w.data, a) == "a2");
    CHECK(add_agenda_item(w.data, "sleep", w.now) == "t1");
    w.data.next_ids.agenda = 1;
    CHECK(add_agenda_item(w.data, "work", w.now) == "t2");
    w.data.next_ids.schedule = 1;
    CHECK(new_schedule_id(w.data) == "s2");
    CHECK_FALSE(find_violation(w.data));
}

TEST_CASE("edits: unlog takes the outcome off and keeps the note") {
    World w;
    auto in = skip("ill");
    in.note = "call her";
    w.record("s1@2026-11-20", in);
    const auto change = unlog(w.data, {w.find("s1@2026-11-20")}).front();
    CHECK(change.before->reason == "ill");
    CHECK(w.status("s1@2026-11-20") == Status::unlogged);
    CHECK(w.data.find_session("s1@2026-11-20")->note == "call her");
    SUBCASE("a record left empty goes") {
        w.record("s1@2026-11-23", skip());
        unlog(w.data, {w.find("s1@2026-11-23")});
        CHECK(w.data.find_session("s1@2026-11-23") == nullptr);
    }
    CHECK_THROWS_WITH_AS(unlog(w.data, {w.find("s1@2026-11-16")}),
                         doctest::Contains("no recorded outcome"), Error);
}

TEST_CASE("edits: removing the session a move made takes the move back") {
    World w;
    const Timeline t(w.data, w.zone, w.now);
    const auto moved =
        reschedule(w.data, t, w.find("s1@2026-12-04"), at("2026-12-03T10:00"), "me", "dentist");
    remove_session(w.data, w.find(moved.to.id));
    CHECK(w.data.find_session(moved.to.id) == nullptr);
    CHECK(w.data.find_session("s1@2026-12-04") == nullptr);
    CHECK(w.status("s1@2026-12-04") == Status::scheduled);
    CHECK_THROWS_WITH_AS(remove_session(w.data, w.find("s1@2026-12-04")),
                         doctest::Contains("is a session of schedule s1"), Error);
}

TEST_CASE("edits: edit changes details that fit the session") {
    World w;
    w.record("s1@2026-11-20", attend(5));
    const Timeline t(w.data, w.zone, w.now);
    EditInput late;
    late.late_minutes = 15;
    edit_session(w.data, t, w.find("s1@2026-11-20"), late);
    CHECK(w.data.find_session("s1@2026-11-20")->late_minutes == 15);
    EditInput no_show;
    no_show.no_show = true;
    CHECK_THROWS_WITH_AS(edit_session(w.data, t, w.find("s1@2026-11-20"), no_show),
                         doctest::Contains("go with a skipped session"), Error);
    CHECK_THROWS_AS(edit_session(w.data, t, w.find("s1@2026-11-20"), EditInput{}), UsageError);
}

TEST_CASE("edits: schedules end once, and go only with their records when asked") {
    World w;
    end_schedule(w.data, "s1", day("2026-12-31"));
    CHECK_THROWS_WITH_AS(end_schedule(w.data, "s1", day("2027-06-30")),
                         doctest::Contains("ended on 2026-12-31 already"), Error);
    end_schedule(w.data, "s1", day("2026-12-18"));
    CHECK(*w.data.schedules[0].until == day("2026-12-18"));
    w.record("s1@2026-11-20", attend());
    CHECK_THROWS_WITH_AS(remove_schedule(w.data, "s1", false), doctest::Contains("--with-records"),
                         Error);
    const auto removed = remove_schedule(w.data, "s1", true);
    CHECK(removed.records == 1);
    CHECK(removed.outcomes == 1);
    CHECK(w.data.schedules.empty());
    CHECK(w.data.sessions.empty());
}

TEST_CASE("edits: a provider in use is not removed") {
    World w;
    CHECK_THROWS_WITH_AS(remove_provider(w.data, "okafor"), doctest::Contains("still used"), Error);
    CHECK(rename_provider(w.data, "okafor", "Dr. Okafor-Reyes") == "Dr. Okafor");
    CHECK(w.data.providers[0].name == "Dr. Okafor-Reyes");
}

TEST_CASE("edits: contacts are recorded once they happened, and edited by the same rules") {
    World w;
    Contact c;
    c.at = at("2026-11-24T18:00");
    c.provider = "okafor";
    c.minutes = 10;
    c.note = "she moved Friday";
    const auto id = add_contact(w.data, c, w.zone, w.now);
    CHECK(id == "c1");
    REQUIRE(w.data.contacts.size() == 1);
    CHECK(w.data.contacts[0].kind == "call");
    CHECK(w.data.next_ids.contact == 2);
    CHECK_FALSE(find_violation(w.data));

    SUBCASE("what add refuses") {
        auto later = c;
        later.at = at("2026-11-25T12:01");
        CHECK_THROWS_WITH_AS(add_contact(w.data, later, w.zone, w.now),
                             doctest::Contains("still to come"), Error);
        auto now = c;
        now.at = at("2026-11-25T12:00");
        CHECK(add_contact(w.data, now, w.zone, w.now) == "c2");
        auto fax = c;
        fax.kind = "fax";
        CHECK_THROWS_WITH_AS(add_contact(w.data, fax, w.zone, w.now),
                             doctest::Contains("\"fax\" is not a kind of contact"), UsageError);
        auto long_call = c;
        long_call.minutes = 24 * 60 + 1;
        CHECK_THROWS_AS(add_contact(w.data, long_call, w.zone, w.now), UsageError);
        auto stranger = c;
        stranger.provider = "nobody";
        CHECK_THROWS_WITH_AS(add_contact(w.data, stranger, w.zone, w.now),
                             doctest::Contains("no provider \"nobody\""), Error);
        CHECK(w.data.contacts.size() == 2);
        CHECK(w.data.next_ids.contact == 3);
    }
    SUBCASE("edit changes what it is told, returns what it was, and refuses the same") {
        ContactEdit edit;
        edit.kind = "message";
        edit.minutes = std::optional<int>{};
        edit.note = "about the dose";
        const auto before = edit_contact(w.data, "c1", edit, w.zone, w.now);
        CHECK(before.kind == "call");
        CHECK(before.minutes == 10);
        CHECK(before.note == "she moved Friday");
        const auto& after = w.data.contacts[0];
        CHECK(after.kind == "message");
        CHECK_FALSE(after.minutes);
        CHECK(after.note == "about the dose");
        CHECK(after.at == at("2026-11-24T18:00"));
        CHECK_THROWS_WITH_AS(edit_contact(w.data, "c1", edit, w.zone, w.now),
                             doctest::Contains("like that already"), Error);
        CHECK_THROWS_AS(edit_contact(w.data, "c1", ContactEdit{}, w.zone, w.now), UsageError);
        ContactEdit later;
        later.at = at("2026-11-26T09:00");
        CHECK_THROWS_WITH_AS(edit_contact(w.data, "c1", later, w.zone, w.now),
                             doctest::Contains("still to come"), Error);
        CHECK_THROWS_WITH_AS(edit_contact(w.data, "c9", edit, w.zone, w.now),
                             doctest::Contains("no contact \"c9\""), Error);
        CHECK(w.data.contacts[0].note == "about the dose");
    }
    SUBCASE("remove returns it; the id is not handed out again") {
        CHECK(remove_contact(w.data, "c1").note == "she moved Friday");
        CHECK(w.data.contacts.empty());
        CHECK_THROWS_AS(remove_contact(w.data, "c1"), Error);
        CHECK(add_contact(w.data, c, w.zone, w.now) == "c2");
    }
}

TEST_CASE("edits: attending files the open agenda; taking it back opens it again") {
    World w;
    const auto t1 = add_agenda_item(w.data, "the exam", w.zone.to_instant(at("2026-11-19T20:00")));
    const auto t2 = add_agenda_item(w.data, "sleep", w.zone.to_instant(at("2026-11-21T09:00")));
    const auto t3 = add_agenda_item(w.data, "set aside", w.zone.to_instant(at("2026-11-21T09:00")));
    CHECK(t1 == "t1");
    agenda_done(w.data, t3, w.now);
    CHECK_THROWS_WITH_AS(agenda_done(w.data, t3, w.now), doctest::Contains("done already"), Error);
    CHECK_THROWS_AS(add_agenda_item(w.data, " \t", w.now), UsageError);

    // Fri 20 Nov 10:00-10:50 takes the exam (added before it ended), not the sleep.
    w.record("s1@2026-11-20", attend());
    CHECK(file_agenda(w.data, "s1@2026-11-20", w.find("s1@2026-11-20").end_instant(w.zone)) == 1);
    CHECK(w.data.agenda[0].session == "s1@2026-11-20");
    CHECK(w.data.agenda[1].open());
    CHECK_THROWS_WITH_AS(agenda_done(w.data, t1, w.now),
                         doctest::Contains("filed under session s1@2026-11-20"), Error);
    CHECK_FALSE(find_violation(w.data));

    SUBCASE("skipping it instead") {
        w.record("s1@2026-11-20", skip("ill"));
        CHECK(w.data.agenda[0].open());
    }
    SUBCASE("unlog") {
        unlog(w.data, {w.find("s1@2026-11-20")});
        CHECK(w.data.agenda[0].open());
        CHECK_FALSE(find_violation(w.data));
    }
    SUBCASE("moving it") {
        const Timeline t(w.data, w.zone, w.now);
        reschedule(w.data, t, w.find("s1@2026-11-20"), at("2026-11-21T10:00"), "me", "bus");
        CHECK(w.data.agenda[0].open());
    }
    SUBCASE("removing its schedule with its records") {
        remove_schedule(w.data, "s1", true);
        CHECK(w.data.agenda[0].open());
        CHECK_FALSE(find_violation(w.data));
    }
    SUBCASE("removing a topic, filed or not") {
        CHECK(remove_agenda_item(w.data, t1).session == "s1@2026-11-20");
        CHECK(w.data.agenda.size() == 2);
        CHECK_THROWS_WITH_AS(remove_agenda_item(w.data, t1), doctest::Contains("no topic"), Error);
    }
}

TEST_CASE("invariants: every rule the loader checks") {
    World w;
    CHECK_FALSE(find_violation(w.data));
    SUBCASE("a time of day") {
        w.data.schedules[0].at = Minutes{-90};
        CHECK(find_violation(w.data)->place == "schedules[0].at");
    }
    SUBCASE("a date out of range") {
        w.data.schedules[0].from = day("2026-11-02") + date::days{400 * 366};
        CHECK(find_violation(w.data)->place == "schedules[0].from");
    }
    SUBCASE("an id counter at its end") {
        w.data.next_ids.session = k_max_id_number + 1;
        CHECK(find_violation(w.data)->place == "next_ids.session");
    }
    SUBCASE("overlapping absences") {
        w.data.absences.push_back({"a1", "okafor", day("2026-12-01"), day("2026-12-10"), ""});
        w.data.absences.push_back({"a2", "okafor", day("2026-12-10"), day("2026-12-12"), ""});
        CHECK(find_violation(w.data)->message.find("overlaps absence \"a1\"") != std::string::npos);
    }
    SUBCASE("an occurrence id that is not its slot") {
        Session s;
        s.id = "s1@2026-11-21";
        s.schedule = "s1";
        s.start = at("2026-11-20T10:00");
        s.provider = "okafor";
        w.data.sessions.push_back(s);
        REQUIRE(find_violation(w.data));
        CHECK(find_violation(w.data)->place == "sessions[0].id");
        w.data.sessions[0].id = "s1@2026-11-20";
        CHECK_FALSE(find_violation(w.data));
        w.data.sessions[0].id = "s1@2026-11-2x";
        CHECK(find_violation(w.data)->place == "sessions[0].id");
    }
    SUBCASE("a duration") {
        w.data.providers[0].duration = 0;
        CHECK(find_violation(w.data)->place == "providers[0].duration");
    }
}

TEST_CASE("edits: a record of a slot that a change of the clocks skipped keeps the slot") {
    World w;
    w.data.schedules[0].at = Minutes{150};  // 02:30
    w.data.schedules[0].weekdays = 1U << 0; // Sundays
    w.data.schedules[0].from = day("2027-03-01");
    const auto o = w.find("s1@2027-03-28");
    CHECK(format_local(o.start) == "2027-03-28T03:30");
    record_outcome(w.data, o, skip(), w.now);
    REQUIRE(w.data.sessions.size() == 1);
    CHECK(format_local(w.data.sessions[0].start) == "2027-03-28T02:30");
    CHECK(w.status("s1@2027-03-28") == Status::skipped);
    CHECK(format_local(w.find("s1@2027-03-28").start) == "2027-03-28T03:30");
    CHECK_FALSE(find_violation(w.data).has_value());
}

namespace {

ImportItem one_off(const char* uid, const char* start, int duration = 50) {
    ImportItem item;
    item.uid = uid;
    item.start = at(start);
    item.duration = duration;
    return item;
}

ImportItem series(const char* uid) {
    ImportItem item;
    item.kind = ImportItem::Kind::schedule;
    item.uid = uid;
    item.schedule.weekdays = 1U << 3; // wed
    item.schedule.at = Minutes{17 * 60};
    item.schedule.from = day("2026-11-04");
    item.schedule.duration = 90;
    return item;
}

ImportResult import_one(World& w, const ImportItem& item) {
    const auto results = import_events(w.data, w.zone, "okafor", {item}, w.now);
    REQUIRE(results.size() == 1);
    return results[0];
}

} // namespace

TEST_CASE("import: an event's UID makes its session, and importing it again updates that one") {
    World w;
    auto r = import_one(w, one_off("inv-1@practice", "2026-12-02T09:00"));
    CHECK(r.action == ImportAction::added);
    REQUIRE(w.data.find_session(r.id) != nullptr);
    CHECK(w.data.find_session(r.id)->uid == "inv-1@practice");
    const auto id = r.id;
    SUBCASE("the same again changes nothing") {
        const auto before = w.data;
        r = import_one(w, one_off("inv-1@practice", "2026-12-02T09:00"));
        CHECK(r.action == ImportAction::unchanged);
        CHECK(w.data == before);
    }
    SUBCASE("a new time moves it, a new length changes it: still one session") {
        r = import_one(w, one_off("inv-1@practice", "2026-12-03T11:00", 60));
        CHECK(r.action == ImportAction::updated);
        CHECK(r.id == id);
        CHECK(r.detail == "moved from 2026-12-02 09:00 to 2026-12-03 11:00; 60 min (was 50)");
        CHECK(w.data.sessions.size() == 1);
        CHECK(w.data.find_session(id)->start == at("2026-12-03T11:00"));
    }
    SUBCASE("cancelled: a cancellation by the provider") {
        auto item = one_off("inv-1@practice", "2026-12-02T09:00");
        item.cancelled = true;
        r = import_one(w, item);
        CHECK(r.action == ImportAction::updated);
        CHECK(w.status(id) == Status::cancelled);
        CHECK(import_one(w, item).action == ImportAction::unchanged);
        SUBCASE("then not cancelled: refused, the cancellation stays") {
            r = import_one(w, one_off("inv-1@practice", "2026-12-02T09:00"));
            CHECK(r.action == ImportAction::refused);
            CHECK(r.detail.find("showup unlog " + id) != std::string::npos);
            CHECK(w.status(id) == Status::cancelled);
        }
    }
    SUBCASE("a move of a session with an outcome is refused, changing nothing") {
        auto skip_in = skip("ill");
        w.record(id, skip_in);
        const auto before = w.data;
        r = import_one(w, one_off("inv-1@practice", "2026-12-04T09:00"));
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find("showup reschedule") != std::string::npos);
        CHECK(w.data == before);
    }
    SUBCASE("moved in showup: the same invitation is unchanged, a change to it refused") {
        reschedule(w.data, Timeline(w.data, w.zone, w.now), w.find(id), at("2026-12-04T09:00"),
                   "me", std::nullopt);
        r = import_one(w, one_off("inv-1@practice", "2026-12-02T09:00"));
        CHECK(r.action == ImportAction::unchanged);
        CHECK(r.detail == "moved to o2 in showup");
        r = import_one(w, one_off("inv-1@practice", "2026-12-02T10:00"));
        CHECK(r.action == ImportAction::refused);
    }
    SUBCASE("another provider's UID is refused") {
        w.data.providers.push_back({"group", "DBT group", 90});
        const auto results = import_events(w.data, w.zone, "group",
                                           {one_off("inv-1@practice", "2026-12-02T09:00")}, w.now);
        CHECK(results[0].action == ImportAction::refused);
        CHECK(results[0].detail.find("--provider okafor") != std::string::npos);
    }
}

TEST_CASE("import: an event without a known UID takes the session at its slot") {
    World w;
    SUBCASE("a one-off there already gets the UID, and the event's length") {
        const auto placed = add_session(w.data, Timeline(w.data, w.zone, w.now), "okafor",
                                        at("2026-12-02T09:00"), 50, "");
        const auto r = import_one(w, one_off("inv-9@practice", "2026-12-02T09:00", 45));
        CHECK(r.action == ImportAction::updated);
        CHECK(r.id == placed.id);
        CHECK(r.detail == "the session at 2026-12-02 09:00: it is this event's session from now "
                          "on; 45 min (was 50)");
        CHECK(w.data.find_session(placed.id)->uid == "inv-9@practice");
        CHECK(w.data.find_session(placed.id)->duration == 45);
    }
    SUBCASE("a cancelled event at a schedule's session cancels that session") {
        auto item = one_off("", "2026-11-27T10:00");
        item.cancelled = true;
        const auto r = import_one(w, item);
        CHECK(r.action == ImportAction::updated);
        CHECK(r.id == "s1@2026-11-27");
        CHECK(w.status("s1@2026-11-27") == Status::cancelled);
        CHECK(w.data.find_session("s1@2026-11-27")->uid.empty());
    }
    SUBCASE("an event at a schedule's session is that session") {
        const auto r = import_one(w, one_off("", "2026-11-27T10:00"));
        CHECK(r.action == ImportAction::unchanged);
        CHECK(w.data.sessions.empty());
    }
    SUBCASE("a session of another event there is a double booking") {
        import_one(w, one_off("a@x", "2026-12-02T09:00"));
        const auto r = import_one(w, one_off("b@x", "2026-12-02T09:00"));
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find("there is a session then already") == 0);
    }
}

TEST_CASE(
    "import: a series is a schedule; its cancelled days and its changes follow the calendar") {
    World w;
    auto item = series("weekly@practice");
    item.cancelled_days = {day("2026-11-18"), day("2026-11-19")}; // a Wednesday, and no session
    auto r = import_one(w, item);
    CHECK_MESSAGE(r.action == ImportAction::added, r.detail);
    const auto id = r.id;
    REQUIRE(w.data.find_schedule(id) != nullptr);
    CHECK(w.data.find_schedule(id)->uid == "weekly@practice");
    CHECK(r.detail == "every wed at 17:00, 90 min, from 2026-11-04; 1 session cancelled");
    CHECK(w.status(id + "@2026-11-18") == Status::cancelled);
    SUBCASE("again: unchanged") {
        CHECK(import_one(w, item).action == ImportAction::unchanged);
    }
    SUBCASE("a new EXDATE cancels one more; an attended session is not cancelled") {
        w.record(id + "@2026-11-11", attend());
        item.cancelled_days.push_back(day("2026-11-11"));
        item.cancelled_days.push_back(day("2026-12-02"));
        r = import_one(w, item);
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find(id + "@2026-11-11 is recorded attended") == 0);
        CHECK(w.status(id + "@2026-12-02") == Status::scheduled);
        item.cancelled_days.pop_back();
        item.cancelled_days.pop_back();
        item.cancelled_days.push_back(day("2026-12-02"));
        CHECK(import_one(w, item).action == ImportAction::updated);
        CHECK(w.status(id + "@2026-12-02") == Status::cancelled);
    }
    SUBCASE("an UNTIL added ends it") {
        item.schedule.until = day("2026-12-16");
        r = import_one(w, item);
        CHECK(r.action == ImportAction::updated);
        CHECK(w.data.find_schedule(id)->until == day("2026-12-16"));
    }
    SUBCASE("cancelled: it ends after its last session that started") {
        item.cancelled = true;
        r = import_one(w, item);
        CHECK(r.action == ImportAction::updated);
        CHECK(w.data.find_schedule(id)->until == day("2026-11-18"));
        CHECK(import_one(w, item).action == ImportAction::unchanged);
    }
    SUBCASE("one session moved, then moved again, then cancelled") {
        ImportItem moved;
        moved.kind = ImportItem::Kind::occurrence;
        moved.uid = "weekly@practice";
        moved.day = day("2026-12-02");
        moved.start = at("2026-12-03T17:00");
        moved.duration = 90;
        r = import_one(w, moved);
        CHECK(r.action == ImportAction::updated);
        CHECK(w.status(id + "@2026-12-02") == Status::rescheduled);
        const std::string to = w.data.find_session(id + "@2026-12-02")->rescheduled_to;
        CHECK(w.data.find_session(to)->start == at("2026-12-03T17:00"));
        CHECK(import_one(w, moved).action == ImportAction::unchanged);
        moved.start = at("2026-12-04T08:00");
        CHECK(import_one(w, moved).action == ImportAction::updated);
        CHECK(w.data.find_session(to)->start == at("2026-12-04T08:00"));
        moved.cancelled = true;
        r = import_one(w, moved);
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find("showup cancel " + to) != std::string::npos);
    }
    SUBCASE("a change to a session of a series not in the file is refused") {
        ImportItem moved;
        moved.kind = ImportItem::Kind::occurrence;
        moved.uid = "other@practice";
        moved.day = day("2026-12-02");
        moved.cancelled = true;
        r = import_one(w, moved);
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find("not in the file") != std::string::npos);
    }
}

TEST_CASE("import: all-day events are absences; the same UID updates, cancelled removes") {
    World w;
    ImportItem item;
    item.kind = ImportItem::Kind::absence;
    item.uid = "vacation@practice";
    item.from = day("2026-12-21");
    item.to = day("2027-01-03");
    item.reason = "Holidays";
    auto r = import_one(w, item);
    CHECK(r.action == ImportAction::added);
    const auto id = r.id;
    CHECK(w.status("s1@2026-12-21") == Status::away);
    item.to = day("2027-01-06");
    r = import_one(w, item);
    CHECK(r.action == ImportAction::updated);
    CHECK(r.detail == "2026-12-21 to 2027-01-06 (was 2026-12-21 to 2027-01-03)");
    SUBCASE("one that overlaps another absence is refused") {
        auto other = item;
        other.uid = "other@practice";
        other.from = day("2027-01-05");
        other.to = day("2027-01-08");
        r = import_one(w, other);
        CHECK(r.action == ImportAction::refused);
        CHECK(r.detail.find("it overlaps absence " + id) == 0);
        CHECK(w.data.absences.size() == 1);
    }
    SUBCASE("cancelled: removed") {
        item.cancelled = true;
        r = import_one(w, item);
        CHECK(r.action == ImportAction::removed);
        CHECK(w.data.absences.empty());
        CHECK(import_one(w, item).action == ImportAction::unchanged);
    }
}

TEST_CASE("import: each event stands alone, and the occurrences come after their series") {
    World w;
    ImportItem moved;
    moved.kind = ImportItem::Kind::occurrence;
    moved.uid = "weekly@practice";
    moved.day = day("2026-12-02");
    moved.cancelled = true;
    auto bad = one_off("bad@x", "2300-01-01T09:00");
    const auto results =
        import_events(w.data, w.zone, "okafor", {moved, bad, series("weekly@practice")}, w.now);
    CHECK(results[0].action == ImportAction::updated);
    CHECK(results[1].action == ImportAction::refused);
    CHECK(results[1].detail == "2300-01-01 is outside the years 1900 to 2200");
    CHECK(results[2].action == ImportAction::added);
    CHECK(find_violation(w.data) == std::nullopt);
}

} // namespace model_edits_test
