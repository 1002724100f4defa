#include <doctest/doctest.h>

#include <iterator>
#include <random>
#include <string_view>
#include <utility>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "store/json_cursor.hpp"
#include "store/record_json.hpp"

using namespace showup;
using showup::test::at;

namespace store_record_json_test {

namespace {

// A session with a random choice of its members set, some of them to values a careless hand
// or another program might write: non-ASCII, quotes, line breaks, DEL, the longest minutes.
Session random_session(std::mt19937& rng) {
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const auto maybe = [&] { return pick(4) == 0; };
    const char* const words[] = {"exam week",
                                 "",
                                 "K\xc3\xb6ln, \xe2\x82\xac 20",
                                 "said \"no\"",
                                 "line\nbreak",
                                 "tab\there",
                                 "back\\slash",
                                 "\xf0\x9f\x98\x80"};
    const auto word = [&] { return std::string(words[pick(8)]); };
    Session s;
    s.schedule = maybe() ? "" : "s" + std::to_string(1 + pick(3));
    s.start = at("2024-03-30T17:30") + Minutes{pick(4) * 24 * 60 + pick(3) * 61};
    s.id = s.schedule.empty() ? "o" + std::to_string(pick(50)) : s.schedule + "@2024-03-30";
    if (pick(10) == 0) {
        s.id += "\x7f";
    }
    s.duration = pick(5) == 0 ? k_max_minutes : 1 + pick(120);
    s.provider = pick(8) == 0 ? "Dr. \xc3\x96zt\xc3\xbcrk" : "p1";
    if (maybe()) {
        s.outcome = static_cast<Outcome>(pick(3));
    }
    s.late_minutes = maybe() ? pick(k_max_minutes + 1) : 0;
    s.no_show = maybe();
    for (auto* text : {&s.note, &s.reason, &s.rescheduled_from, &s.rescheduled_to, &s.moved_by,
                       &s.cancelled_by, &s.overrides_absence, &s.uid}) {
        if (maybe()) {
            *text = word();
        }
    }
    const auto instant = [&] { return Instant{std::chrono::seconds{1700000000 + pick(100000)}}; };
    for (auto* when : {&s.recorded_at, &s.told}) {
        if (maybe()) {
            *when = instant();
        }
    }
    if (maybe()) {
        s.changed_at = instant();
    }
    return s;
}

// What a hand or another program does to a line: white space, another order, other spellings
// of the same values, values out of range, members the writer does not write, broken text.
std::string damaged(std::string line, std::mt19937& rng) {
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    // Other spellings and values: a leading zero, a sign, out of range, false, an unknown
    // outcome, an escape, an hour that is none, null.
    constexpr std::pair<std::string_view, std::string_view> k_replaced[] = {
        {R"("duration":)", R"("duration":0)"},
        {R"("duration":)", R"("duration":-)"},
        {R"("late_minutes":)", R"("late_minutes":1)"},
        {R"("no_show":true)", R"("no_show":false)"},
        {R"("outcome":")", R"("outcome":"x)"},
        {R"("id":")", R"("id":"\u0041)"},
        {"T17:30", "T24:30"},
        {R"("start":")", R"("start":null,"x":")"},
    };
    const auto kind = pick(8 + std::size(k_replaced));
    if (kind >= 8) {
        const auto [from, to] = k_replaced[kind - 8];
        if (const auto at = line.find(from); at != std::string::npos) {
            line.replace(at, from.size(), to);
        }
        return line;
    }
    switch (kind) {
    case 0:
        line.insert(pick(line.size() + 1), " ");
        break;
    case 1:
        line.erase(pick(line.size()), 1);
        break;
    case 2:
        line.insert(pick(line.size() + 1), 1, static_cast<char>(pick(256)));
        break;
    case 3:
        line[pick(line.size())] = static_cast<char>(pick(256));
        break;
    case 4: // the same member twice
        line.insert(line.size() - 1, R"(,"note":"again")");
        break;
    case 5: // a member showup does not write
        line.insert(line.size() - 1, R"(,"colour":"red")");
        break;
    case 6: // out of the written order
        line.insert(1, R"("provider":"p9",)");
        break;
    default:
        line.insert(line.size() - 1, R"(,"schedule":null)");
        break;
    }
    return line;
}

} // namespace

TEST_CASE("record json: a session's line read as written reads as the general reader reads it") {
    std::mt19937 rng(20261126);
    int fast = 0;
    int general_only = 0;
    for (int i = 0; i < 4000; ++i) {
        const auto original = random_session(rng);
        const auto written = record_line(original);
        const auto line = i % 2 == 0 ? written : damaged(written, rng);
        CAPTURE(line);
        Session by_line;
        const auto end = read_written_session(line, 0, by_line);
        Session general;
        std::optional<std::size_t> general_end;
        try {
            JsonCursor cursor(line, "t.json");
            RecordReader r(cursor, "t.json");
            read_session_members(r, Place(), general);
            general_end = cursor.position();
        } catch (const Error&) {
        }
        if (end != std::string_view::npos) {
            ++fast;
            // Whatever it reads, the general reader reads the same from the same bytes.
            REQUIRE(general_end.has_value());
            CHECK(end == *general_end);
            CHECK(by_line == general);
        } else if (general_end) {
            ++general_only;
        }
        if (i % 2 == 0) {
            // showup's own lines are read as written, but for those with an escape, and an id
            // with DEL in it (which the general reader refuses, naming it).
            const bool plain = written.find('\\') == std::string::npos &&
                               original.id.find('\x7f') == std::string::npos;
            CHECK((end != std::string_view::npos) == plain);
            if (end != std::string_view::npos) {
                CHECK(by_line == original);
            }
        }
    }
    // Both kinds of lines came up, so both readers were compared.
    CHECK(fast > 500);
    CHECK(general_only > 100);
}

} // namespace store_record_json_test
