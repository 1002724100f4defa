// Random sequences of data-changing commands, run in-process on a scratch file: every command
// either fails leaving the file byte-identical, or succeeds leaving a file that loads; and
// `X; undo` restores the exact bytes.
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/context.hpp"
#include "commands/all.hpp"
#include "helpers.hpp"
#include "run_app.hpp"
#include "showup/store.hpp"

using namespace showup;

namespace commands_property_test {

namespace {

using Result = test::AppResult;

class Runner {
public:
    explicit Runner(std::filesystem::path file) : m_file(std::move(file)) {}

    Result operator()(std::vector<std::string> args) const {
        return test::run_app(m_file, "2026-11-25T12:00", std::move(args));
    }

private:
    std::filesystem::path m_file;
};

// A file in `zone` with Dr. Okafor (with `okafor_options`) on Mondays and Fridays at 10:00
// from 7 September 2026 and a group on Wednesdays at 18:00 from 7 October, logged as attended
// up to 1 November.
void start_two_schedules(const Runner& run, const std::string& zone,
                         const std::vector<std::string>& okafor_options) {
    std::vector<std::string> okafor = {"provider", "add", "Dr. Okafor", "--id", "okafor"};
    okafor.insert(okafor.end(), okafor_options.begin(), okafor_options.end());
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"init", "--timezone", zone},
             okafor,
             {"provider", "add", "DBT group", "--id", "group", "--duration", "90"},
             {"schedule", "add", "--every", "mon,fri", "--at", "10:00", "--from", "2026-09-07",
              "--provider", "okafor"},
             {"schedule", "add", "--every", "wed", "--at", "18:00", "--from", "2026-10-07",
              "--provider", "group"},
             {"attend", "--through", "2026-11-01"}}) {
        REQUIRE(run(args).rc == 0);
    }
}

class Generator {
public:
    explicit Generator(unsigned seed) : m_rng(seed) {}

    std::vector<std::string> command() {
        switch (pick(23)) {
        case 0:
            return with({"attend", session()}, {{"--late", number()}, {"--note", text()}});
        case 1:
            return with({"skip", session()}, {{"--reason", text()}, {"--no-show", ""}});
        case 2:
            return with({"cancel", session()}, {{"--reason", text()},
                                                {"--by", pick(2) == 0 ? "me" : "provider"},
                                                {"--told", when()}});
        case 3:
            return with({"reschedule", session(), "--to", when()},
                        {{"--by", "provider"}, {"--reason", text()}});
        case 4:
            return with({"add", when(), "--provider", provider()},
                        {{"--note", text()}, {"--duration", number()}});
        case 5:
            return pick(2) == 0
                       ? std::vector<std::string>{"unlog", session(), session()}
                       : std::vector<std::string>{"unlog", "--from", date(), "--to", date()};
        case 6:
            return {"remove", session()};
        case 7:
            return with({"edit", session()}, {{"--note", text()},
                                              {"--reason", text()},
                                              {"--late", number()},
                                              {"--duration", number()},
                                              {"--no-show", ""},
                                              {"--with-notice", ""},
                                              {"--provider", pick(2) == 0 ? "okafor" : "group"}});
        case 8:
            return {"schedule", "end", pick(2) == 0 ? "s1" : "s2", "--on", date()};
        case 9:
            return with({"schedule", "remove", pick(2) == 0 ? "s1" : "s2"},
                        {{"--with-records", ""}});
        case 10:
            return {"schedule",   "add",  "--every", pick(2) == 0 ? "mon,thu" : "wed",
                    "--at",       time(), "--from",  date(),
                    "--provider", "group"};
        case 11:
            return pick(2) == 0 ? std::vector<std::string>{"provider", "rename", provider(), text()}
                                : std::vector<std::string>{"provider", "remove", provider()};
        case 12:
            return with(pick(3) == 0
                            ? std::vector<std::string>{"away", "add", date(), date(), "--me"}
                            : std::vector<std::string>{"away", "add", date(), date(), "--provider",
                                                       provider()},
                        {{"--reason", text()}, {"--announced", date()}});
        case 13:
            return with({"away", "edit", absence()},
                        {{"--from", date()}, {"--to", date()}, {"--reason", text()}});
        case 14:
            return {"away", "remove", absence()};
        case 15:
            return with({"provider", "edit", provider()},
                        {{"--notice", pick(2) == 0 ? "24h" : "none"},
                         {"--fee", pick(2) == 0 ? "60.50" : "none"},
                         {"--duration", number()}});
        case 16:
            return with({"contact", "add", when(), "--provider", provider()},
                        {{"--kind", one_of({"call", "message", "email", "fax"})},
                         {"--minutes", number()},
                         {"--note", text()}});
        case 17:
            return pick(2) == 0 ? with({"contact", "edit", contact()}, {{"--at", when()},
                                                                        {"--minutes", number()},
                                                                        {"--note", text()},
                                                                        {"--provider", provider()}})
                                : std::vector<std::string>{"contact", "remove", contact()};
        case 18:
            return {"agenda", "add", text()};
        case 19:
            return {"agenda", pick(2) == 0 ? "done" : "remove", topic()};
        case 20:
            if (pick(4) == 0) {
                return {"budget", "remove", "--provider", provider()};
            }
            return with({"budget", "set", "--provider", provider(), "--sessions", number()},
                        {{"--per", pick(4) == 0 ? "month" : "year"},
                         {"--from", date()},
                         {"--to", date()},
                         {"--uses", one_of({"attended", "no-show,late-cancel", "bogus", ""})}});
        case 21:
            return with({"import", calendar(), "--provider", provider()},
                        {{"--dry-run", ""}, {"--as-absence", ""}});
        default:
            return {"attend", "--through", date()};
        }
    }

private:
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng);
    }

    template <std::size_t N> std::string one_of(const char* const (&items)[N]) {
        return items[pick(N)];
    }
    std::vector<std::string> with(std::vector<std::string> base,
                                  std::vector<std::pair<std::string, std::string>> options) {
        return test::with_options(std::move(base), options, [&] { return pick(3) == 0; });
    }
    std::string date() {
        static const char* const fixed[] = {"today", "yesterday", "tomorrow", "+3d",
                                            "-2w",   "fri",       "last mon", "2026-02-30",
                                            "+-3d",  "1899-12-31"};
        if (pick(4) == 0) {
            return one_of(fixed);
        }
        const auto d = LocalDays{date::year{2026} / date::September / 1} +
                       date::days{static_cast<int>(pick(150))};
        return format_date(d);
    }
    std::string time() {
        static const char* const times[] = {"10:00", "17:30", "8am",  "2:30pm",
                                            "-1:30", "25:00", "10:5", "02:30"};
        return one_of(times);
    }
    std::string when() { return pick(5) == 0 ? time() : date() + " " + time(); }
    std::string session() {
        switch (pick(6)) {
        case 0:
            return pick(2) == 0 ? "next" : "last";
        case 1:
            return "o" + std::to_string(1 + pick(6));
        case 2:
            return "s1@" + date();
        case 3:
            return one_of({"xyz", "o", "s9@2026-11-02", ""});
        default:
            return date();
        }
    }
    std::string number() { return one_of({"0", "5", "30", "-1", "1441", "abc", "50"}); }
    std::string text() {
        return one_of({"", "plain words", "ünïcode 💬", "\x1b[31mred\x1b[0m", "two\nlines",
                       "\"quoted\" \\ back", "tab\there"});
    }
    std::string provider() { return one_of({"okafor", "group", "typo", "Dr. Okafor"}); }
    std::string absence() { return one_of({"a1", "a2", "a3", "a9"}); }
    std::string contact() { return one_of({"c1", "c2", "3", "c9", "x"}); }
    std::string topic() { return one_of({"t1", "t2", "3", "t9", ""}); }
    std::string calendar() {
        return m_calendars.empty() ? "x.ics" : m_calendars[pick(m_calendars.size())];
    }

public:
    // The .ics files `import` is given (some malformed, one missing).
    std::vector<std::string> m_calendars;

private:
    std::mt19937 m_rng;
};

} // namespace

TEST_CASE("commands: random data-changing commands never damage the file, and undo is exact") {
    test::ScratchDir dir;
    const auto file = dir.path() / "showup.json";
    const Runner run(file);
    const std::vector<std::vector<std::string>> setup = {
        {"init", "--timezone", "Europe/Berlin"},
        {"provider", "add", "Dr. Okafor", "--id", "okafor"},
        {"provider", "add", "DBT group", "--id", "group", "--duration", "90"},
        {"provider", "add", "Dr. Typo", "--id", "typo"},
        {"schedule", "add", "--every", "mon,fri", "--at", "10:00", "--from", "2026-09-07",
         "--provider", "okafor"},
        {"schedule", "add", "--every", "wed", "--at", "18:00", "--from", "2026-10-07", "--provider",
         "group"},
        {"attend", "--through", "2026-11-01"},
        {"skip", "2026-11-06", "--reason", "ill"},
        {"attend", "2026-11-09", "--late", "10"},
        {"away", "add", "2026-12-07", "2026-12-20", "--provider", "okafor", "--reason", "vacation"},
        {"add", "2026-11-26 08:00", "--note", "extra", "--provider", "okafor"},
    };
    for (const auto& args : setup) {
        const auto r = run(args);
        REQUIRE_MESSAGE(r.rc == 0, r.err);
    }
    const auto base = test::slurp(file);
    Generator gen(20261126);
    // An invitation, its update, its cancellation, a file that is not iCalendar, none.
    const auto invitation = [](int hour, const char* until, const char* method) {
        return fmt::format(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:{}\r\n"
            "BEGIN:VEVENT\r\nUID:one@t\r\nDTSTART;TZID=Europe/Berlin:20261127T{:02}0000\r\n"
            "DURATION:PT50M\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:series@t\r\nDTSTART;TZID=Europe/Berlin:20261006T170000\r\n"
            "DTEND;TZID=Europe/Berlin:20261006T180000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={}\r\n"
            "EXDATE;TZID=Europe/Berlin:20261110T170000\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:series@t\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261117T170000\r\n"
            "DTSTART;TZID=Europe/Berlin:20261118T170000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:away@t\r\nDTSTART;VALUE=DATE:20261214\r\n"
            "DTEND;VALUE=DATE:20261219\r\nEND:VEVENT\r\n"
            "BEGIN:VEVENT\r\nUID:monthly@t\r\nDTSTART:20261201T090000Z\r\n"
            "RRULE:FREQ=MONTHLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            method, hour, until);
    };
    const std::pair<const char*, std::string> calendars[] = {
        {"invite.ics", invitation(9, "20261222T230000Z", "REQUEST")},
        {"moved.ics", invitation(11, "20261201T230000Z", "REQUEST")},
        {"cancel.ics", invitation(11, "20261201T230000Z", "CANCEL")},
        {"bad.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"}};
    for (const auto& [name, text] : calendars) {
        test::spit(dir.path() / name, text);
        gen.m_calendars.push_back((dir.path() / name).string());
    }
    gen.m_calendars.push_back((dir.path() / "missing.ics").string());
    int succeeded = 0;
    int failed = 0;
    // 1,000 command lines, fewer in the sanitized build (test::property_rounds).
    const int rounds = test::property_rounds(1000);
    for (int i = 0; i < rounds; ++i) {
        const auto before = test::slurp(file);
        const auto args = gen.command();
        std::string shown;
        for (const auto& a : args) {
            shown += " [" + a + "]";
        }
        const auto r = run(args);
        const auto after = test::slurp(file);
        INFO("command:", shown, " rc ", r.rc, " err: ", r.err);
        CHECK((r.rc == 0 || r.rc == 1 || r.rc == 2));
        if (r.rc != 0) {
            ++failed;
            CHECK(after == before);
            CHECK(r.err.rfind("showup: ", 0) == 0);
            CHECK(r.err.find('\n') == r.err.size() - 1);
            continue;
        }
        ++succeeded;
        CHECK_NOTHROW(parse_document(after, "after"));
        if (after == before) {
            continue;
        }
        const auto undo = run({"undo"});
        CHECK(undo.rc == 0);
        CHECK(test::slurp(file) == before);
        // Now and then keep the change, so that the file wanders; start again before the
        // undo history fills up (its oldest entry would then be dropped).
        if (i % 3 == 0) {
            test::spit(file, after);
        }
        if (parse_document(test::slurp(file), "now").history.size() + 2 >= k_undo_depth) {
            test::spit(file, base);
        }
    }
    MESSAGE("succeeded ", succeeded, ", refused ", failed);
    // The generator must reach both sides, or the test proves little: 60 of each in 1,000.
    CHECK(succeeded > 60 * rounds / 1000);
    CHECK(failed > 60 * rounds / 1000);
}

TEST_CASE("commands: a SESSION named by a date, or a date and time, reads a sealed file once") {
    // Each reads its window and no more: none runs again on the whole file (it once did, to
    // look for a one-off with that id outside the window).
    test::ScratchDir dir;
    const auto file = dir.path() / "showup.json";
    const Runner run(file);
    start_two_schedules(run, "Europe/Berlin", {});
    const std::vector<std::vector<std::string>> commands = {
        {"show", "2026-11-20"},
        {"show", "2026-11-20", "10:00"},
        {"show", "fri", "10am"},
        {"attend", "2026-11-23", "--late", "5"},
        {"skip", "2026-11-18", "18:00", "--reason", "ill"},
        {"edit", "2026-11-23", "--note", "on time, nearly"},
        {"unlog", "2026-11-18", "18:00", "2026-11-23"},
        {"add", "2026-11-24", "09:00", "--provider", "okafor"},
        {"remove", "2026-11-24", "09:00"},
        {"reschedule", "2026-11-27", "10:00", "--to", "2026-11-28", "10:00"},
        {"undo"},
        {"attend", "last", "mon"},
        {"attend", "last", "fri", "10am"},
        {"show", "next", "fri", "10am"},
        {"unlog", "last", "mon", "2026-11-20", "10:00"}};
    for (const auto& args : commands) {
        INFO(args[0], " ", args[1]);
        const auto before = cli::window_reruns();
        const auto result = run(args);
        CHECK(result.rc == 0);
        CHECK(result.err == "");
        CHECK(cli::window_reruns() == before);
    }
    // A change that removes more than a few sessions (the records unlog leaves empty) runs on
    // the whole file, as does its undo; the file is then as before.
    const auto text = test::slurp(file);
    const auto before = cli::window_reruns();
    const auto many = run({"unlog", "--from", "2026-09-07", "--to", "2026-11-01"});
    CHECK(many.rc == 0);
    CHECK(cli::window_reruns() == before + 1);
    CHECK(run({"undo"}).rc == 0);
    CHECK(test::slurp(file) == text);
}

TEST_CASE("commands: what a window of sessions shows is what the whole file shows") {
    // The commands that read only the sessions of their window (and those moves link to),
    // on data changed by random commands, at random "now"s near and far from it: each gives
    // what it gives after reading the whole file, its fallback when it needs more.
    test::ScratchDir dir;
    const auto file = dir.path() / "showup.json";
    const Runner run(file);
    start_two_schedules(run, "America/New_York", {});
    Generator gen(20261127);
    std::mt19937 rng(1127);
    const std::vector<std::vector<std::string>> views = {
        {"list"},
        {"list", "--from", "2026-10-01", "--to", "2026-10-31"},
        {"--json", "list", "--from", "2026-11-20", "--to", "2027-01-10"},
        {"next"},
        {"--json", "next"},
        {"gaps"},
        {"--json", "gaps", "--from", "2026-09-01", "--to", "2026-12-31", "--min-days", "3"},
        {"calendar"},
        {"--json", "calendar", "--from", "2026-10-01", "--months", "3"},
        {"calendar", "--year", "2026"},
        {"show", "2026-11-06"},
        {"--json", "show", "s1@2026-10-02"},
        {"show", "s2@2026-10-14"},
        {"show", "2026-09-08"},
        {"show", "last"},
        {"--json", "show", "next"},
        {"show", "o1"},
        {"--json", "show", "o3"}};
    int compared = 0;
    for (int i = 0; i < 60; ++i) {
        run(gen.command());
        if (i % 4 != 0) {
            continue;
        }
        for (int k = 0; k < 2; ++k) {
            const auto day = date::sys_days{date::year{2026} / 6 / 1} +
                             date::days{std::uniform_int_distribution<int>(0, 400)(rng)};
            const auto now = date::format("%FT15:30", day);
            for (const auto& view : views) {
                cli::read_whole_files(true);
                const auto whole = test::run_app(file, now, view);
                cli::read_whole_files(false);
                const auto window = test::run_app(file, now, view);
                INFO("now ", now, ", ", view.size() > 1 ? view[1] : view[0]);
                CHECK(window.rc == whole.rc);
                CHECK(window.out == whole.out);
                CHECK(window.err == whole.err);
                ++compared;
            }
        }
    }
    CHECK(compared == 540);
}

TEST_CASE("commands: a change read as a window writes what a change read whole writes") {
    // attend, skip, cancel, edit, unlog and remove of one session, add and reschedule read only
    // the days around it from a file showup sealed, and write the other sessions back as text;
    // so do a change to other records (which reads no session, an absence's days, or those
    // after a schedule's new end), and undo of a change to sessions and of those. On
    // data changed by random commands, at random "now"s, each says, writes and refuses what it
    // does after reading it all, and so does the undo of it.
    test::ScratchDir dir;
    const auto file = dir.path() / "showup.json";
    auto lock = file;
    lock += ".lock";
    const Runner run(file);
    start_two_schedules(run, "Europe/Berlin", {"--notice", "24h"});
    Generator gen(20261126);
    std::mt19937 rng(1126);
    int compared = 0;
    int undone = 0;
    int changed = 0;
    for (int i = 0; i < 40; ++i) {
        run(gen.command());
        if (i % 4 != 0) {
            continue;
        }
        const auto day = date::sys_days{date::year{2026} / 9 / 1} +
                         date::days{std::uniform_int_distribution<int>(0, 300)(rng)};
        const auto now = date::format("%FT19:30", day);
        const auto near =
            date::format("%F", day - date::days{std::uniform_int_distribution<int>(0, 20)(rng)});
        const auto later =
            date::format("%F", day + date::days{std::uniform_int_distribution<int>(0, 20)(rng)});
        const std::vector<std::vector<std::string>> changes = {
            {"attend"},
            {"attend", "last", "--late", "5", "--note", "on time, nearly"},
            {"skip", "next", "--reason", "exams"},
            {"--json", "cancel", "next"},
            {"cancel", near, "--by", "me", "--told", near + " 08:00"},
            {"skip", "s1@2026-09-11"},
            {"attend", "s2@" + near},
            {"attend", "s1@" + near},
            {"skip", "o1", "--reason", "flu"},
            {"--json", "attend", "o2"},
            {"provider", "add", "Dr. Q", "--notice", "48h"},
            {"--json", "provider", "edit", "okafor", "--fee", "75"},
            {"provider", "rename", "group", "Group B"},
            {"provider", "remove", "group"},
            {"away", "add", near, later, "--provider", "okafor", "--reason", "conference"},
            {"--json", "away", "add", later, near, "--me"},
            {"contact", "add", near, "--provider", "okafor", "--note", "moved Friday"},
            {"contact", "remove", "c1"},
            {"agenda", "add", "sleep"},
            {"agenda", "done", "t1"},
            {"budget", "remove", "--provider", "okafor"},
            {"add", near, "07:00", "--note", "extra"},
            {"--json", "add", later, "10:00", "--provider", "okafor"},
            {"reschedule", "next", "--to", later, "07:30", "--by", "provider"},
            {"reschedule", "last", "--to", "19:00", "--reason", "work"},
            {"edit", "last", "--note", "talked about the exam", "--late", "3"},
            {"--json", "edit", "s1@" + near, "--duration", "40", "--provider", "group"},
            {"unlog", "last"},
            {"unlog", "s1@" + near, "s2@" + near},
            {"--json", "unlog", "--from", near, "--to", later},
            {"remove", "o1"},
            {"remove", "last"},
            {"schedule", "add", "--every", "wed", "--at", "08:00", "--from", near},
            {"schedule", "end", "s2", "--on", later},
            {"--json", "schedule", "end", "s1", "--on", near},
            {"undo"}};
        const auto text = test::slurp(file);
        const auto seal = test::slurp(lock);
        for (const auto& change : changes) {
            cli::read_whole_files(true);
            const auto whole = test::run_app(file, now, change);
            const auto whole_text = test::slurp(file);
            test::spit(file, text);
            test::spit(lock, seal);
            cli::read_whole_files(false);
            const auto window = test::run_app(file, now, change);
            INFO("now ", now, ", ", change[0], " ", change.size() > 1 ? change[1] : "");
            CHECK(window.rc == whole.rc);
            CHECK(window.out == whole.out);
            CHECK(window.err == whole.err);
            CHECK(test::slurp(file) == whole_text);
            changed += whole_text != text ? 1 : 0;
            ++compared;
            // Its undo (or, after "undo", the one before), in every other round: each costs as
            // much as the change, and the CI runs this under sanitizers too.
            if (i % 8 != 0) {
                test::spit(file, text);
                test::spit(lock, seal);
                continue;
            }
            ++undone;
            const auto seal_after = test::slurp(lock);
            cli::read_whole_files(true);
            const auto undo_whole = test::run_app(file, now, {"undo"});
            const auto undone_whole = test::slurp(file);
            test::spit(file, whole_text);
            test::spit(lock, seal_after);
            cli::read_whole_files(false);
            const auto undo_window = test::run_app(file, now, {"undo"});
            CHECK(undo_window.rc == undo_whole.rc);
            CHECK(undo_window.out == undo_whole.out);
            CHECK(undo_window.err == undo_whole.err);
            CHECK(test::slurp(file) == undone_whole);
            test::spit(file, text);
            test::spit(lock, seal);
        }
    }
    CHECK(compared == 360);
    CHECK(undone == 180);
    MESSAGE("changed the file: ", changed);
    CHECK(changed > 20);
}

} // namespace commands_property_test
