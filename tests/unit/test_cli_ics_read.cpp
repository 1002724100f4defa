#include <algorithm>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "cli/ics_import.hpp"
#include "cli/ics_read.hpp"
#include "helpers.hpp"
#include "showup/errors.hpp"

using namespace showup;
using namespace showup::cli;
using showup::test::at;
using showup::test::day;

namespace cli_ics_read_test {

namespace {

// A calendar around `body`, its lines joined with CRLF.
std::string calendar(const std::string& body) {
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";
    std::size_t start = 0;
    while (start < body.size()) {
        const auto end = body.find('\n', start);
        text += body.substr(start, end - start) + "\r\n";
        start = end == std::string::npos ? body.size() : end + 1;
    }
    return text + "END:VCALENDAR\r\n";
}

std::string event(const std::string& lines) {
    return "BEGIN:VEVENT\nUID:e1@test\nDTSTAMP:20261101T000000Z\n" + lines + "\nEND:VEVENT";
}

IcsEvent only_event(const std::string& text) {
    const auto events = read_events(text, "invite.ics");
    REQUIRE(events.size() == 1);
    return events.front();
}

Instant utc(const char* text) {
    return *parse_utc(text);
}

const Zone& berlin() {
    static const Zone zone = Zone::locate("Europe/Berlin");
    return zone;
}

// Windows' name for Berlin's zone, as Outlook writes it, with the EU rules since 1996.
const std::string k_outlook_zone = R"(BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE)";

} // namespace

TEST_CASE("ics: content lines are unfolded, and their parts split") {
    SUBCASE("a fold is a line break and one space or tab, removed; a fold may split UTF-8") {
        const auto e = only_event(calendar(event("SUMMARY:Sess\n ion with Dr. \xC3\n \xB6kafor\n"
                                                 "\tand more\nDTSTART:20261124T100000Z")));
        CHECK(e.summary == "Session with Dr. \xC3\xB6kaforand more");
    }
    SUBCASE("lines may end in LF alone") {
        const auto e = only_event("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:"
                                  "20261124T100000Z\nEND:VEVENT\nEND:VCALENDAR\n");
        CHECK(e.uid == "x");
    }
    SUBCASE("parameters: quoted values hold ; : and , and RFC 6868 escapes") {
        const auto cals = parse_ics(calendar("X-THING;A=\"x;y:z\",plain;B=^'q^'^n^^:value;with:"
                                             "colons"),
                                    "f.ics");
        REQUIRE(cals.size() == 1);
        const auto* p = cals[0].property("X-THING");
        REQUIRE(p != nullptr);
        REQUIRE(p->parameters.size() == 2);
        CHECK(p->parameters[0].values == std::vector<std::string>{"x;y:z", "plain"});
        CHECK(*p->parameter("B") == "\"q\"\n^");
        CHECK(p->value == "value;with:colons");
    }
    SUBCASE("names are read in any case") {
        const auto e = only_event(calendar("begin:vevent\nuid:u\ndtstart:20261124T100000Z\n"
                                           "Summary:hi\nend:VEVENT"));
        CHECK(e.summary == "hi");
    }
}

TEST_CASE("ics: TEXT values are unescaped, and a stray backslash is refused") {
    CHECK(ics_unescape(R"(a\, b\; c\\ d\ne\Nf)") == "a, b; c\\ d\ne\nf");
    CHECK_FALSE(ics_unescape(R"(a\tb)"));
    CHECK_FALSE(ics_unescape("ends in \\"));
    const auto e =
        only_event(calendar(event("DTSTART:20261124T100000Z\nCATEGORIES:Work\\, paid,ABSENCE")));
    CHECK(e.categories == std::vector<std::string>{"Work, paid", "ABSENCE"});
    CHECK_THROWS_WITH_AS(
        read_events(calendar(event("SUMMARY:a\\qb\nDTSTART:20261124T100000Z")), "invite.ics"),
        doctest::Contains("invite.ics:7: SUMMARY: a backslash that escapes nothing"), Error);
}

TEST_CASE("ics: times are UTC, floating, or in their TZID's zone") {
    SUBCASE("UTC") {
        const auto e = only_event(calendar(event("DTSTART:20261124T090000Z")));
        CHECK(e.start.form == IcsTime::Form::utc);
        CHECK(e.start.instant(berlin()) == utc("2026-11-24T09:00:00Z"));
    }
    SUBCASE("floating: the file's own zone") {
        const auto e = only_event(calendar(event("DTSTART:20260705T100000")));
        CHECK(e.start.form == IcsTime::Form::floating);
        CHECK(e.start.instant(berlin()) == utc("2026-07-05T08:00:00Z"));
    }
    SUBCASE("a TZID of the tz database, whatever the file's zone") {
        const auto e = only_event(calendar(event("DTSTART;TZID=America/New_York:20261124T100000")));
        CHECK(e.start.form == IcsTime::Form::zoned);
        CHECK(e.start.zone->name() == "America/New_York");
        CHECK(e.start.instant(berlin()) == utc("2026-11-24T15:00:00Z"));
    }
    SUBCASE("the globally unique form names the zone after its prefix") {
        const auto e = only_event(
            calendar(event("DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20260705T100000")));
        CHECK(e.start.instant(berlin()) == utc("2026-07-05T08:00:00Z"));
    }
    SUBCASE("a name of the tz database wins over the file's VTIMEZONE of that name") {
        const auto wrong = "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nBEGIN:STANDARD\nDTSTART:"
                           "19700101T000000\nTZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\n"
                           "END:VTIMEZONE\n";
        const auto e =
            only_event(calendar(wrong + event("DTSTART;TZID=Europe/Berlin:20260705T100000")));
        CHECK(e.start.instant(berlin()) == utc("2026-07-05T08:00:00Z"));
    }
    SUBCASE("a date") {
        const auto e = only_event(calendar(event("DTSTART;VALUE=DATE:20261220")));
        CHECK(e.start.is_date());
        CHECK(e.start.day() == day("2026-12-20"));
    }
}

TEST_CASE("ics: a VTIMEZONE that is not in the tz database is evaluated by its rules") {
    const auto at_berlin = [](const char* local) {
        const auto e = only_event(calendar(k_outlook_zone + "\n" +
                                           event(std::string("DTSTART;TZID=\"W. Europe Standard "
                                                             "Time\":") +
                                                 local)));
        return e.start.instant(berlin());
    };
    // Every hour around both changes of 2026 and 2027, against the tz database.
    for (const char* base : {"20260329", "20261025", "20270328", "20271031"}) {
        for (int h = 0; h < 5; ++h) {
            for (int m : {0, 30}) {
                const auto text = fmt::format("{}T{:02}{:02}00", base, h, m);
                const auto local =
                    LocalMinutes{*parse_iso_date(fmt::format(
                        "{}-{}-{}", std::string(base).substr(0, 4), std::string(base).substr(4, 2),
                        std::string(base).substr(6, 2)))} +
                    Minutes{h * 60 + m};
                CAPTURE(text);
                CHECK(at_berlin(text.c_str()) == berlin().to_instant(local));
            }
        }
    }
    SUBCASE("02:30 on the day clocks go forward is read with the offset before: 01:30 UTC") {
        CHECK(at_berlin("20260329T023000") == utc("2026-03-29T01:30:00Z"));
    }
    SUBCASE("02:30 on the day clocks go back means the first: 00:30 UTC") {
        CHECK(at_berlin("20261025T023000") == utc("2026-10-25T00:30:00Z"));
    }
    SUBCASE("a rule it cannot read is refused, naming its line") {
        auto text = k_outlook_zone;
        text.replace(text.find("BYDAY=-1SU;BYMONTH=10"), 21, "BYDAY=-1SU;BYMONTH=10;BYHOUR=3");
        CHECK_THROWS_WITH_AS(
            read_events(calendar(text + "\n" +
                                 event("DTSTART;TZID=W. Europe Standard Time:20261124T100000")),
                        "invite.ics"),
            doctest::Contains("invite.ics:10: RRULE \"FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYM"),
            Error);
    }
}

TEST_CASE("ics: a VTIMEZONE's rules that ended still set the offset after them") {
    // New York's rules before and since 2007, as calendar servers write them.
    const std::string eastern = R"(BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:DAYLIGHT
DTSTART:19870405T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:19671029T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20070311T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20071104T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE)";
    const auto new_york = Zone::locate("America/New_York");
    for (const char* local :
         {"2005-04-03T01:30", "2005-04-03T03:30", "2005-10-29T12:00", "2005-10-30T03:00",
          "2006-11-01T12:00", "2026-03-07T12:00", "2026-03-08T03:00", "2026-10-31T12:00",
          "2026-11-01T01:30", "2026-11-01T02:30", "2030-07-01T09:00"}) {
        CAPTURE(local);
        auto text = format_local(at(local));
        text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
        text.erase(std::remove(text.begin(), text.end(), ':'), text.end());
        const auto e = only_event(
            calendar(eastern + "\n" + event("DTSTART;TZID=Eastern Standard Time:" + text + "00")));
        CHECK(e.start.instant(berlin()) == new_york.to_instant(at(local)));
    }
    SUBCASE("after its last change, a zone kept on daylight time (+0400) for good") {
        const std::string ended = R"(BEGIN:VTIMEZONE
TZID:Ended
BEGIN:DAYLIGHT
DTSTART:20100328T020000
TZOFFSETFROM:+0300
TZOFFSETTO:+0400
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=6
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20101031T030000
TZOFFSETFROM:+0400
TZOFFSETTO:+0300
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20141026T000000Z
END:STANDARD
END:VTIMEZONE)";
        const auto e =
            only_event(calendar(ended + "\n" + event("DTSTART;TZID=Ended:20260701T120000")));
        CHECK(e.start.instant(berlin()) == utc("2026-07-01T08:00:00Z"));
    }
}

TEST_CASE("ics: malformed input is refused with its line") {
    struct Case {
        std::string text;
        const char* message;
    };
    const Case cases[] = {
        {calendar(event("DTSTART:20261124T100000Z")).substr(0, 103),
         "invite.ics:6: the file ends before END:VEVENT (BEGIN:VEVENT is at line 4)"},
        {calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20261124T100000Z\nEND:VTODO"),
         "invite.ics:7: END:VTODO does not close BEGIN:VEVENT (line 4)"},
        {calendar(event("DTSTART:20261124T100000Z\nSUMMARY no colon")),
         "invite.ics:8: SUMMARY: \":\" and a value are missing"},
        {calendar(event("DTSTART:20261124T100000Z\nDTEND:20261124T090000Z")),
         "invite.ics:8: DTEND: is before DTSTART"},
        {calendar(event("DTSTART:20261124T100000Z\nDTEND:20261124T110000Z\nDURATION:PT1H")),
         "invite.ics:9: DURATION and DTEND together"},
        {calendar(event("DTSTART;TZID=Mars/Olympus:20261124T100000")),
         "invite.ics:7: DTSTART: TZID \"Mars/Olympus\" is not a zone of the tz database, and the "
         "file has no VTIMEZONE for it"},
        {calendar(event("DTSTART:20260230T100000")),
         "invite.ics:7: DTSTART: \"20260230T100000\" is "
         "not a date-time"},
        {calendar(event("DTSTART:20261124T100000Z\nRRULE:FREQ=WEEKLY;COUNT=3;UNTIL=20270101")),
         "invite.ics:8: RRULE: UNTIL and COUNT together"},
        {calendar(event("DTSTART:20261124T100000Z\nRRULE:FREQ=WEEKLY;BYDAY=XX")),
         "invite.ics:8: RRULE: BYDAY=XX is not valid"},
        {calendar(event("DTSTART:20261124T100000Z") + "\n" + event("DTSTART:20261125T100000Z")),
         "invite.ics:9: a second event with UID e1@test (the first is at line 4)"},
        {calendar(event("DTSTART:20261124T100000Z\nSTATUS:MAYBE")),
         "invite.ics:8: STATUS: \"MAYBE\" is not an event's status"},
        {calendar(event("DTSTART:20261124T100000Z\nDTSTART:20261124T100000Z")),
         "invite.ics:8: a second DTSTART in this event (line 7)"},
        {calendar("BEGIN:VEVENT\nUID:x\nEND:VEVENT"), "invite.ics:4: this event has no DTSTART"},
        {calendar(event("DTSTART:20261124T100000Z\nSUMMARY:caf\xE9")),
         "invite.ics:8: the text is not UTF-8"},
        {calendar(event("DTSTART;TZID=Europe/Berlin:20261124T100000Z")),
         "invite.ics:7: DTSTART: a UTC time (Z) has no TZID"},
        {calendar(event("DTSTART;VALUE=DATE:20261124\nDTEND:20261125T000000")),
         "invite.ics:8: DTEND: is a date-time, but DTSTART a date"},
        {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
         "invite.ics:1: this calendar has no VERSION:2.0"},
        {calendar("METHOD:REPLY"), "invite.ics:4: METHOD:REPLY is an answer to an invitation"},
        {" BEGIN:VCALENDAR\r\n", "invite.ics:1: this line starts with a space, but continues no "
                                 "line"},
        {"SUMMARY:x\r\n", "invite.ics:1: SUMMARY outside a calendar"},
        {"", "invite.ics:1: no calendar in this file"},
        {calendar(event("DTSTART:20261124T100000Z\nDURATION:PT")),
         "invite.ics:8: DURATION: \"PT\" is not a length of time"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK_THROWS_WITH_AS(read_events(c.text, "invite.ics"), doctest::Contains(c.message),
                             Error);
    }
}

TEST_CASE("ics: an event becomes a session, a schedule, an absence, or is refused") {
    const ImportChoices choices{false, 45};
    const auto plan = [&](const std::string& lines, ImportChoices with = {false, 45}) {
        return plan_event(only_event(calendar(event(lines))), berlin(), with);
    };
    SUBCASE("a one-off session in the file's zone, its length from DTEND or DURATION") {
        auto p = plan("DTSTART;TZID=America/New_York:20261124T040000\nDURATION:PT1H15M");
        REQUIRE(p.item);
        CHECK(p.item->kind == ImportItem::Kind::session);
        CHECK(p.item->start == at("2026-11-24T10:00"));
        CHECK(p.item->duration == 75);
        CHECK(p.item->uid == "e1@test");
        p = plan("DTSTART:20261124T090000Z\nDTEND:20261124T095000Z");
        CHECK(p.item->duration == 50);
        p = plan("DTSTART:20261124T090000Z", choices);
        CHECK(p.item->duration == 45); // no end: the provider's usual length
    }
    SUBCASE("an event across a clock change lasts its real length") {
        // 01:30 to 03:30 in Berlin on 25 Oct 2026 is three hours.
        const auto p = plan("DTSTART;TZID=Europe/Berlin:20261025T013000\n"
                            "DTEND;TZID=Europe/Berlin:20261025T033000");
        REQUIRE(p.item);
        CHECK(p.item->duration == 180);
    }
    SUBCASE("cancelled, by its status or by METHOD:CANCEL") {
        CHECK(plan("DTSTART:20261124T090000Z\nSTATUS:CANCELLED").item->cancelled);
        auto e = only_event(calendar("METHOD:CANCEL\n" + event("DTSTART:20261124T090000Z")));
        CHECK(plan_event(e, berlin(), choices).item->cancelled);
    }
    SUBCASE("a weekly rule becomes a schedule, its EXDATEs cancelled days") {
        const auto p = plan("DTSTART;TZID=Europe/Berlin:20261124T100000\nDTEND;TZID=Europe/Berlin:"
                            "20261124T105000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6\n"
                            "EXDATE;TZID=Europe/Berlin:20261208T100000,20261209T100000");
        REQUIRE(p.item);
        CHECK(p.item->kind == ImportItem::Kind::schedule);
        const auto& s = p.item->schedule;
        CHECK(s.days() == std::vector<date::weekday>{date::Tuesday, date::Thursday});
        CHECK(s.at == Minutes{600});
        CHECK(s.every_weeks == 2);
        CHECK(s.from == day("2026-11-24"));
        CHECK(s.until == day("2026-12-24")); // the sixth: 24, 26 Nov, 8, 10, 22, 24 Dec
        CHECK(s.duration == 50);
        // 9 December is no session of the rule: nothing to cancel.
        CHECK(p.item->cancelled_days == std::vector<LocalDays>{day("2026-12-08")});
    }
    SUBCASE("a rule in the file's zone keeps its wall-clock time across a clock change") {
        const auto p = plan("DTSTART;TZID=Europe/Berlin:20261020T100000\nRRULE:FREQ=WEEKLY;"
                            "UNTIL=20261110T090000Z");
        REQUIRE(p.item);
        CHECK(p.item->schedule.until == day("2026-11-10"));
    }
    SUBCASE("a rule of another zone whose clocks change on other days is refused") {
        // New York changes on 1 Nov, Berlin on 25 Oct: for a week the sessions are an hour off.
        const auto p = plan("DTSTART;TZID=America/New_York:20261020T040000\nRRULE:FREQ=WEEKLY");
        REQUIRE_FALSE(p.item);
        CHECK(p.refused.find("its session of 2026-10-27 04:00 America/New_York is at 2026-10-27 "
                             "09:00 in Europe/Berlin") != std::string::npos);
    }
    SUBCASE("a rule of UTC is refused too: the file's clocks change") {
        const auto p = plan("DTSTART:20261020T080000Z\nRRULE:FREQ=WEEKLY;COUNT=3");
        REQUIRE_FALSE(p.item);
        CHECK(p.refused.find("RRULE (line 8)") == 0);
    }
    SUBCASE("other rules are refused, naming the line") {
        auto p = plan("DTSTART:20261124T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=1TU");
        CHECK(p.refused == "RRULE (line 8) FREQ=MONTHLY;BYDAY=1TU: FREQ=MONTHLY repeats otherwise "
                           "than weekly: add its sessions one by one (showup add)");
        p = plan("DTSTART:20261124T090000Z\nRRULE:FREQ=WEEKLY;BYMONTH=1,2");
        CHECK(p.refused.find("BYMONTH=1,2 is more than showup's schedules say") !=
              std::string::npos);
        p = plan("DTSTART:20261123T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=TU");
        CHECK(p.refused.find("DTSTART is not on one of its days") != std::string::npos);
    }
    SUBCASE("FREQ=DAILY every 14 days is fortnightly") {
        const auto p = plan("DTSTART;TZID=Europe/Berlin:20261124T100000\nRRULE:FREQ=DAILY;"
                            "INTERVAL=14");
        REQUIRE(p.item);
        CHECK(p.item->schedule.every_weeks == 2);
        CHECK(p.item->schedule.days() == std::vector<date::weekday>{date::Tuesday});
        CHECK_FALSE(p.item->schedule.until);
    }
    SUBCASE("all-day events are absences when asked, or marked") {
        auto p = plan("DTSTART;VALUE=DATE:20261220\nDTEND;VALUE=DATE:20270101\nSUMMARY:Holidays");
        CHECK_FALSE(p.item);
        CHECK(p.refused.find("give --as-absence") != std::string::npos);
        p = plan("DTSTART;VALUE=DATE:20261220\nDTEND;VALUE=DATE:20270101\nSUMMARY:Holidays",
                 {true, 50});
        REQUIRE(p.item);
        CHECK(p.item->kind == ImportItem::Kind::absence);
        CHECK(p.item->from == day("2026-12-20"));
        CHECK(p.item->to == day("2026-12-31"));
        CHECK(p.item->reason == "Holidays");
        p = plan("DTSTART;VALUE=DATE:20261220\nCATEGORIES:vacation");
        REQUIRE(p.item);
        CHECK(p.item->to == day("2026-12-20"));
    }
    SUBCASE("a time in the repeated hour of the file's zone is refused") {
        const auto p = plan("DTSTART:20261025T010000Z"); // 02:00 CET, the second 02:00
        CHECK(p.refused.find("in the second of the two hours") != std::string::npos);
    }
    SUBCASE("an event that changes one session of a series") {
        const auto p = plan("RECURRENCE-ID;TZID=Europe/Berlin:20261201T100000\n"
                            "DTSTART;TZID=Europe/Berlin:20261202T110000\nDURATION:PT50M");
        REQUIRE(p.item);
        CHECK(p.item->kind == ImportItem::Kind::occurrence);
        CHECK(p.item->day == day("2026-12-01"));
        CHECK(p.item->start == at("2026-12-02T11:00"));
    }
    SUBCASE("an event of showup's own export is refused") {
        const auto e = only_event(calendar(
            "BEGIN:VEVENT\nUID:s1-2026-11-24.okafor@showup\nDTSTART:20261124T090000Z\nEND:VEVENT"));
        CHECK(plan_event(e, berlin(), choices).refused.find("showup's own export") == 0);
    }
    SUBCASE("one that changes the sessions after it too is refused") {
        const auto p = plan("RECURRENCE-ID;RANGE=THISANDFUTURE:20261201T090000Z\n"
                            "DTSTART:20261202T100000Z");
        CHECK(p.refused.find("RANGE=THISANDFUTURE") != std::string::npos);
    }
}

} // namespace cli_ics_read_test
