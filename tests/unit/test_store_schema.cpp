#include <doctest/doctest.h>

#include <set>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "showup/store.hpp"
#include "showup/timeline.hpp"

using namespace showup;
using showup::test::at;
using showup::test::day;

namespace store_schema_test {

namespace {

Document sample() {
    Document doc;
    auto& d = doc.data;
    d.timezone = "Europe/Berlin";
    d.next_ids = {2, 3, 2};
    d.providers.push_back({"okafor", "Dr. Okafor", 50});
    Schedule s;
    s.id = "s1";
    s.provider = "okafor";
    s.weekdays = 1U << 2 | 1U << 5; // tue, fri
    s.at = std::chrono::minutes{17 * 60 + 30};
    s.every_weeks = 2;
    s.from = day("2024-01-02");
    s.until = day("2027-01-01");
    s.uid = "series-1@practice.example";
    d.schedules.push_back(s);
    Session attended;
    attended.id = "s1@2024-01-02";
    attended.schedule = "s1";
    attended.start = at("2024-01-02T17:30");
    attended.provider = "okafor";
    attended.outcome = Outcome::attended;
    attended.late_minutes = 5;
    attended.note = "talked about \"work\"\nand sleep";
    Session moved = attended;
    moved.id = "s1@2024-01-05";
    moved.start = at("2024-01-05T17:30");
    moved.outcome.reset();
    moved.late_minutes = 0;
    moved.note.clear();
    moved.rescheduled_to = "o1";
    Session one_off;
    one_off.id = "o1";
    one_off.start = at("2024-01-06T09:00");
    one_off.provider = "okafor";
    one_off.rescheduled_from = "s1@2024-01-05";
    one_off.moved_by = "provider";
    one_off.outcome = Outcome::skipped;
    one_off.no_show = true;
    one_off.reason = "flu";
    one_off.uid = "040000008200E00074C5B7101A82E008@practice.example";
    d.sessions = {one_off, attended, moved};
    d.absences.push_back({"a1", "okafor", day("2024-07-27"), day("2024-08-09"), "vacation"});
    d.absences.back().uid = "vacation-2024@practice.example";
    doc.history.push_back({"provider add Dr. Okafor",
                           "2024-01-01T10:00:00Z",
                           NextIds{},
                           {{"providers", "okafor", "", std::nullopt}}});
    return doc;
}

// The sample's text with `from` replaced by `to` (which must occur).
std::string damaged(const std::string& from, const std::string& to) {
    auto text = serialize_document(sample());
    const auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    return text.replace(pos, from.size(), to);
}

} // namespace

TEST_CASE("schema: a document survives a round trip") {
    const auto doc = sample();
    const auto text = serialize_document(doc);
    const auto back = parse_document(text, "f.json");
    CHECK(back.data.timezone == doc.data.timezone);
    CHECK(back.data.next_ids == doc.data.next_ids);
    CHECK(back.data.providers == doc.data.providers);
    CHECK(back.data.schedules == doc.data.schedules);
    CHECK(back.data.absences == doc.data.absences);
    REQUIRE(back.data.sessions.size() == 3);
    SUBCASE("sessions are written in time order") {
        CHECK(back.data.sessions[0] == doc.data.sessions[1]);
        CHECK(back.data.sessions[1] == doc.data.sessions[2]);
        CHECK(back.data.sessions[2] == doc.data.sessions[0]);
    }
    REQUIRE(back.history.size() == 1);
    CHECK(back.history[0].description == "provider add Dr. Okafor");
    CHECK(back.history[0].changes[0].before.empty());
    SUBCASE("writing again gives the same bytes") {
        CHECK(serialize_document(back) == text);
    }
    SUBCASE("one record a line") {
        CHECK(text.find("\n    {\"id\":\"s1@2024-01-02\",\"schedule\":\"s1\"") !=
              std::string::npos);
    }
}

TEST_CASE("schema: a change writes the undo entries it did not read back from the text read") {
    auto doc = sample();
    // Each entry longer than the shortest run kept (a shorter one is copied).
    doc.history.front().description += std::string(5000, '.');
    for (int i = 0; i < 3; ++i) {
        doc.history.push_back(doc.history.front());
        doc.history.back().description = "change " + std::to_string(i) + std::string(5000, '.');
    }
    const auto text = serialize_document(doc);
    const auto within = [&](std::string_view piece) {
        return piece.data() >= text.data() &&
               piece.data() + piece.size() <= text.data() + text.size();
    };
    // The entries written back in place of their own text: the pieces kept of `text`.
    const auto kept_of = [&](const Document& read) {
        std::string kept;
        const auto saved = serialize_pieces(read);
        for (const auto piece : saved.pieces()) {
            if (within(piece)) {
                kept += piece;
            }
        }
        return kept;
    };
    // The text read as a change reads it, from a file showup sealed or one it checks.
    const auto each_read = [&](const auto& check) {
        for (const auto trust : {Trust::check, Trust::sealed}) {
            CAPTURE(trust == Trust::sealed);
            auto read = parse_document(text, "f.json", History::as_text, {}, trust);
            REQUIRE(read.history.size() == 4);
            CHECK(serialize_document(read) == text);
            check(read);
        }
    };
    SUBCASE("one run of entries laid out one after another is one piece") {
        each_read([&](Document& read) {
            const auto run = kept_of(read);
            CHECK(run.find("\"change 2.") != std::string::npos);
            CHECK(text.find("\"history\": [\n    " + run + "\n  ]\n}\n") != std::string::npos);
        });
    }
    SUBCASE("an entry read (as undo reads it) is written anew, between two runs") {
        each_read([&](Document& read) {
            read_entry(read.history[2], "f.json");
            CHECK(read.history[2].description.starts_with("change 1."));
            CHECK(read.history[2].text.empty());
            CHECK(serialize_document(read) == text);
            const auto kept = kept_of(read);
            CHECK(kept.find("\"change 0.") != std::string::npos);
            CHECK(kept.find("\"change 1.") == std::string::npos);
            CHECK(kept.find("\"change 2.") != std::string::npos);
        });
    }
    SUBCASE("after the oldest goes and a new one comes, the rest is still one piece") {
        each_read([&](Document& read) {
            read.history.erase(read.history.begin());
            read.history.push_back(sample().history.front());
            const auto written = serialize_document(read);
            const auto kept = kept_of(read);
            CHECK(kept.starts_with("{\"description\":\"change 0."));
            CHECK(kept.ends_with("}"));
            CHECK(written.find("[\n    " + kept + ",\n    {\"description\":\"provider add") !=
                  std::string::npos);
            CHECK(parse_document(written, "f.json").history.size() == 4);
        });
    }
    SUBCASE("a sealed text's entries are taken as their lines, and read when undone") {
        // What a seal vouches for is not checked again: an entry's flaw is found by undo.
        const auto flawed = [&] {
            auto t = text;
            const auto from = t.find("\"description\":\"change 1.");
            const auto to = t.find('"', from + 16); // the end of the description
            return t.replace(from, to + 1 - from, "\"description\":1");
        }();
        auto read = parse_document(flawed, "f.json", History::as_text, {}, Trust::sealed);
        CHECK(read.history[2].description.empty()); // not read yet
        CHECK(serialize_document(read) == flawed);
        CHECK_THROWS_WITH_AS(read_entry(read.history[2], "f.json"),
                             doctest::Contains("description"), Error);
        CHECK_THROWS_WITH_AS(parse_document(flawed, "f.json", History::as_text, {}, Trust::check),
                             doctest::Contains("description"), Error);
        // A flaw in what it changed is found by undo whether sealed or not (a change checks
        // only the syntax of the changes it writes back).
        const auto flawed_change = [&] {
            auto t = text;
            const std::string from = "\"changes\":[";
            return t.replace(t.find(from, t.find("\"change 1.")), from.size(),
                             "\"changes\":[{\"collection\":1},");
        }();
        for (const auto trust : {Trust::check, Trust::sealed}) {
            auto changed = parse_document(flawed_change, "f.json", History::as_text, {}, trust);
            CHECK(serialize_document(changed) == flawed_change);
            CHECK_THROWS_WITH_AS(read_entry(changed.history[2], "f.json"),
                                 doctest::Contains("collection"), Error);
        }
    }
    SUBCASE("an entry laid over lines by hand is written on one line, its records' too") {
        // The record before a change is kept as it was written; its line breaks (white space
        // between its tokens) would split the entry's line, which a sealed text's reader
        // takes for the whole entry.
        auto edited = text;
        const std::string from = "\"before\":null";
        edited.replace(edited.find(from), from.size(),
                       "\"before\":{\"id\":\"okafor\",\"x\":[{\"k\":1},\n{\"k\":2}],\r\n"
                       "\"name\":\"Old\",\"duration\":50}");
        const auto written = serialize_document(
            parse_document(edited, "f.json", History::as_text, {}, Trust::check));
        CHECK(written.find("[{\"k\":1}, {\"k\":2}],  \"name\":\"Old\"") != std::string::npos);
        CHECK(std::count(written.begin(), written.end(), '\n') ==
              std::count(text.begin(), text.end(), '\n'));
        auto sealed = parse_document(written, "f.json", History::as_text, {}, Trust::sealed);
        REQUIRE(sealed.history.size() == 4);
        read_entry(sealed.history[0], "f.json");
        CHECK(sealed.history[0].changes.at(0).before.find("Old") != std::string::npos);
        CHECK(serialize_document(sealed) == written);
    }
}

TEST_CASE("schema: a change of the whole file writes the session lines it did not change back "
          "from the text read") {
    auto doc = sample();
    doc.history.clear(); // the pieces kept are then only runs of sessions
    doc.data.next_ids.session = 1000;
    for (int i = 0; i < 300; ++i) {
        Session s;
        s.id = "o" + std::to_string(100 + i);
        s.start = at("2025-01-01T09:00") + std::chrono::days{i};
        s.provider = "okafor";
        s.outcome = Outcome::attended;
        doc.data.sessions.push_back(s);
    }
    const auto text = serialize_document(doc);
    const auto kept_of = [&](const Document& read) {
        std::vector<std::string_view> kept;
        const auto saved = serialize_pieces(read, read.session_texts);
        for (const auto piece : saved.pieces()) {
            if (piece.data() >= text.data() && piece.data() < text.data() + text.size()) {
                kept.push_back(piece);
            }
        }
        return kept;
    };
    auto read = parse_document(text, "f.json", History::as_text);
    CHECK(serialize_document(read, read.session_texts) == text);
    SUBCASE("all of them, as one piece") {
        const auto kept = kept_of(read);
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].starts_with("{\"id\":\"s1@2024-01-02\""));
        CHECK(kept[0].ends_with("\"outcome\":\"attended\"}"));
        CHECK(kept[0].find("\"id\":\"o399\"") != std::string_view::npos);
    }
    SUBCASE("one changed in the middle: the lines before it and after it") {
        const auto at_o250 = std::find_if(read.data.sessions.begin(), read.data.sessions.end(),
                                          [](const Session& s) { return s.id == "o250"; });
        REQUIRE(at_o250 != read.data.sessions.end());
        at_o250->note = "changed";
        read.session_texts[static_cast<std::size_t>(at_o250 - read.data.sessions.begin())] = {};
        const auto kept = kept_of(read);
        REQUIRE(kept.size() == 2);
        CHECK(kept[0].find("\"id\":\"o249\"") != std::string_view::npos);
        CHECK(kept[0].find("\"id\":\"o250\"") == std::string_view::npos);
        CHECK(kept[1].starts_with("{\"id\":\"o251\""));
        auto whole = parse_document(text, "f.json");
        for (auto& s : whole.data.sessions) {
            if (s.id == "o250") {
                s.note = "changed";
            }
        }
        CHECK(serialize_document(read, read.session_texts) == serialize_document(whole));
    }
    SUBCASE("many runs: all that is written anew is one string") {
        // Every sixtieth changed: runs of 59 lines, each longer than 4 KiB.
        std::size_t changed = 0;
        for (std::size_t i = 3; i < read.data.sessions.size(); i += 60, ++changed) {
            read.session_texts[i] = {};
        }
        const auto saved = serialize_pieces(read, read.session_texts);
        const auto kept = kept_of(read);
        // (The sample's three lines before the first one changed are too short to be kept.)
        CHECK(kept.size() == changed);
        CHECK(saved.written.size() < text.size() / 4);
        CHECK(serialize_document(read, read.session_texts) == text);
    }
    SUBCASE("lines in the file out of time order are written in order, in runs of the order") {
        // o150 and o151 swapped in the file: a run is of lines next to each other both in the
        // text read and in the text written.
        auto swapped = text;
        const auto line = [&](const char* id) {
            const auto from = swapped.find(std::string("{\"id\":\"") + id + "\"");
            return std::pair{from, swapped.find('}', from) + 1 - from};
        };
        const auto [a, a_size] = line("o150");
        const auto [b, b_size] = line("o151");
        const auto first = swapped.substr(a, a_size);
        const auto second = swapped.substr(b, b_size);
        swapped.replace(b, b_size, first);
        swapped.replace(a, a_size, second);
        REQUIRE(swapped != text);
        auto out_of_order = parse_document(swapped, "f.json", History::as_text);
        CHECK(serialize_document(out_of_order, out_of_order.session_texts) == text);
    }
    SUBCASE("lines not laid out as showup lays them out are not joined into a run") {
        auto spaced = text;
        const auto at = spaced.find(",\n    {\"id\":\"o200\"");
        REQUIRE(at != std::string::npos);
        spaced.replace(at, 6, ",\n\t   "); // as long as showup's ",\n    ", and not it
        auto read_spaced = parse_document(spaced, "f.json", History::as_text);
        CHECK(serialize_document(read_spaced, read_spaced.session_texts) == text);
    }
    SUBCASE("a run shorter than a few pages is copied") {
        // Every tenth changed: runs of nine lines, each far shorter than 4 KiB.
        for (std::size_t i = 0; i < read.data.sessions.size(); i += 10) {
            read.session_texts[i] = {};
        }
        CHECK(kept_of(read).empty());
        CHECK(serialize_document(read, read.session_texts) == text);
    }
}

TEST_CASE("schema: each validation failure names its place") {
    struct Case {
        const char* from;
        const char* to;
        const char* message;
    };
    const Case cases[] = {
        {"\"start\":\"2024-01-02T17:30\"", "\"start\":\"2026-02-30T10:00\"",
         "f.json: sessions[0].start: \"2026-02-30T10:00\" is not a valid date-time"},
        {"\"timezone\": \"Europe/Berlin\"", "\"timezone\": \"Mars/Base\"",
         "f.json: timezone: \"Mars/Base\" is not a time zone"},
        {"\"duration\":50}", "\"duration\":\"long\"}", "f.json: providers[0].duration: \"long\""},
        {"\"days\":[\"tue\",\"fri\"]", "\"days\":[\"tue\",\"fry\"]",
         "f.json: schedules[0].days[1]: \"fry\" is not a weekday"},
        {"\"every_weeks\":2", "\"every_weeks\":0", "schedules[0].every_weeks: 0 must be a whole"},
        {"\"until\":\"2027-01-01\"", "\"until\":\"2020-01-01\"",
         "schedules[0].until: \"2020-01-01\" is before"},
        {"\"provider\":\"okafor\",\"days\"", "\"provider\":\"nobody\",\"days\"",
         "schedules[0].provider: no provider \"nobody\""},
        {"\"rescheduled_to\":\"o1\"", "\"rescheduled_to\":\"o9\"",
         "sessions[1].rescheduled_to: no session \"o9\""},
        {"\"outcome\":\"attended\"", "\"outcome\":\"went\"",
         "sessions[0].outcome: \"went\" is not an outcome"},
        {"\"id\":\"s1@2024-01-02\"", "\"id\":\"s1@2024-01-03\"",
         "sessions[0].id: \"s1@2024-01-03\" does not match"},
        {"\"id\":\"a1\"", "\"id\":7", "f.json: absences[0].id: 7 must be a non-empty string"},
        {"\"from\":\"2024-07-27\"", "\"from\":\"2024-08-27\"",
         "absences[0].to: \"2024-08-09\" is before"},
        {"\"sessions\": [", "\"sessionz\": [", "f.json: sessions: is missing"},
        {"\"next_ids\": {", "\"next_ids\": 3, \"x\": {", "f.json: next_ids: 3 must be an object"},
        {"\"changes\":[{\"collection\":\"providers\"", "\"changes\":[{\"collection\":\"people\"",
         "history[0].changes[0].collection: \"people\" is not a collection"},
        {"{\"id\":\"okafor\",\"name\":\"Dr. Okafor\",\"duration\":50}",
         "{\"id\":\"okafor\",\"name\":\"Dr. "
         "Okafor\",\"duration\":50},{\"id\":\"okafor\",\"name\":\"X\",\"duration\":5}",
         "providers[1].id: \"okafor\" is used twice"},
        {"\"uid\":\"vacation-2024@practice.example\"", "\"uid\":\"a\\u0007b\"",
         "absences[0].uid: must not contain control characters"},
        {"\"id\":\"s1@2024-01-05\",\"schedule\":\"s1\"",
         "\"uid\":\"x\",\"id\":\"s1@2024-01-05\",\"schedule\":\"s1\"",
         "sessions[1].uid: is for one-offs, not an occurrence"},
    };
    for (const auto& c : cases) {
        const std::string replacement = c.to;
        CAPTURE(replacement);
        const auto text = damaged(c.from, c.to);
        CHECK_THROWS_WITH_AS(parse_document(text, "f.json"), doctest::Contains(c.message), Error);
    }
}

TEST_CASE("schema: escaped member names and values read as their text, and name their place") {
    // Keys and values are read in place when they have no escapes: escaped ones are unescaped.
    const auto doc = sample();
    SUBCASE("an escaped key and value mean what they spell") {
        const auto text =
            damaged("\"start\":\"2024-01-02T17:30\"", R"("st\u0061rt":"2024-01-02T17:3\u0030")");
        CHECK(parse_document(text, "f.json").data ==
              parse_document(serialize_document(doc), "f.json").data);
    }
    SUBCASE("an error under an escaped key names the key unescaped") {
        const auto text =
            damaged("\"start\":\"2024-01-02T17:30\"", R"("st\u0061rt":"2026-02-30T10:00")");
        CHECK_THROWS_WITH_AS(
            parse_document(text, "f.json"),
            doctest::Contains(
                "f.json: sessions[0].start: \"2026-02-30T10:00\" is not a valid date-time"),
            Error);
    }
    SUBCASE("a missing member is named when another key was escaped") {
        const auto text = damaged("\"start\":\"2024-01-02T17:30\"", R"("st\u0061rx":"x")");
        CHECK_THROWS_WITH_AS(parse_document(text, "f.json"),
                             doctest::Contains("f.json: sessions[0].start: is missing"), Error);
    }
}

TEST_CASE("schema: an imported event's uid is kept, once a collection") {
    auto doc = sample();
    const auto text = serialize_document(doc);
    CHECK(text.find("\"uid\":\"series-1@practice.example\"") != std::string::npos);
    const auto back = parse_document(text, "f.json");
    CHECK(back.data.find_session("o1")->uid == "040000008200E00074C5B7101A82E008@practice.example");
    CHECK(back.data.absences[0].uid == "vacation-2024@practice.example");
    SUBCASE("a second session with the same uid is refused") {
        doc.data.sessions[1].id = "o2";
        doc.data.sessions[1].schedule.clear();
        doc.data.sessions[1].uid = doc.data.sessions[0].uid;
        CHECK_THROWS_WITH_AS(
            parse_document(serialize_document(doc), "f.json"),
            "f.json: sessions[2].uid: \"040000008200E00074C5B7101A82E008@practice.example\" is "
            "the uid of \"o2\" too",
            Error);
    }
    SUBCASE("the same uid in two collections is allowed") {
        doc.data.absences[0].uid = doc.data.schedules[0].uid;
        CHECK_NOTHROW(parse_document(serialize_document(doc), "f.json"));
    }
}

TEST_CASE("schema: damaged files are refused, never crash") {
    const auto text = serialize_document(sample());
    SUBCASE("every truncation") {
        // Byte by byte, up to the closing brace (what follows it is only white space).
        const auto end = text.rfind('}');
        REQUIRE(end != std::string::npos);
        for (std::size_t n = 0; n <= end; ++n) {
            CAPTURE(n);
            CHECK_THROWS_AS(parse_document(text.substr(0, n), "f.json"), Error);
        }
    }
    SUBCASE("not JSON, or the wrong shape") {
        CHECK_THROWS_WITH_AS(parse_document("\x01\x02garbage", "f.json"),
                             doctest::Contains("f.json: not valid JSON"), Error);
        CHECK_THROWS_WITH_AS(parse_document("[1,2]", "f.json"),
                             doctest::Contains("top level must be an object"), Error);
        CHECK_THROWS_WITH_AS(parse_document("{}", "f.json"),
                             doctest::Contains("version: is missing"), Error);
    }
}

TEST_CASE(
    "schema: what loads writes back to what loads (fuzzing found an undo entry without a time)") {
    const auto text = damaged("\"at\":\"2024-01-01T10:00:00Z\",", "");
    CHECK_THROWS_WITH_AS(parse_document(text, "f.json"),
                         doctest::Contains("history[0].at: is missing"), Error);
    const auto no_before = damaged(",\"before\":null", "");
    CHECK_THROWS_WITH_AS(parse_document(no_before, "f.json"),
                         doctest::Contains("history[0].changes[0].before: is missing"), Error);
}

TEST_CASE("schema: a newer version is refused with a clear message") {
    auto text = serialize_document(sample());
    text.replace(text.find("\"version\": 2"), 12, "\"version\": 3");
    CHECK_THROWS_WITH_AS(parse_document(text, "f.json"),
                         doctest::Contains("version 3 is newer than this showup understands"),
                         Error);
}

TEST_CASE("schema: parts of a file, for completion, are the parts asked for") {
    const auto text = serialize_document(sample());
    SUBCASE("providers alone") {
        Parts parts;
        parts.providers = true;
        const auto d = parse_parts(text, "f.json", parts);
        CHECK(d.timezone == "Europe/Berlin");
        CHECK(d.providers == sample().data.providers);
        CHECK(d.schedules.empty());
        CHECK(d.sessions.empty());
        CHECK(d.absences.empty());
    }
    SUBCASE("the sessions of some days, by their start") {
        Parts parts;
        parts.sessions = {day("2024-01-03"), day("2024-01-06")};
        const auto d = parse_parts(text, "f.json", parts);
        REQUIRE(d.sessions.size() == 2);
        CHECK(d.sessions[0] == sample().data.sessions[2]); // moved, 2024-01-05
        CHECK(d.sessions[1] == sample().data.sessions[0]); // the one-off, 2024-01-06
    }
    SUBCASE("a file laid out by hand is read member by member") {
        const auto hand = R"({"version": 2, "timezone": "UTC", "sessions": [
            {"id": "o1", "start" : "2024-01-06T09:00", "duration": 50, "provider": "p",
             "note": "\"start\":\"1999-01-01T00:00\" \\"}]})";
        Parts parts;
        parts.sessions = {day("2024-01-06"), day("2024-01-06")};
        const auto d = parse_parts(hand, "f.json", parts);
        REQUIRE(d.sessions.size() == 1);
        CHECK(d.sessions[0].note == "\"start\":\"1999-01-01T00:00\" \\");
    }
    SUBCASE("an unclosed value is refused") {
        CHECK_THROWS_AS(parse_parts(R"({"version": 2, "sessions": [{"id": "o1)", "f.json", {}),
                        Error);
    }
}

TEST_CASE("schema: a window of sessions reads those days and the sessions moves link them to") {
    const auto window = [](const char* from, const char* to) {
        return [=](const std::string& zone, const DayOfId&) {
            CHECK(zone == "Europe/Berlin"); // known before the sessions are read
            return std::optional{std::pair{day(from), day(to)}};
        };
    };
    const auto ids = [](const Data& d) {
        std::vector<std::string> out;
        for (const auto& s : d.sessions) {
            out.push_back(s.id);
        }
        return out;
    };
    const auto text = serialize_document(sample());
    const auto all = parse_document(text, "f.json").data;
    SUBCASE("a day without moves") {
        const auto d =
            parse_document(text, "f.json", History::skip, window("2024-01-02", "2024-01-03")).data;
        CHECK(ids(d) == std::vector<std::string>{"s1@2024-01-02"});
        CHECK(d.sessions_read == std::pair{day("2024-01-02"), day("2024-01-03")});
        CHECK(d.sessions[0] == all.find_session("s1@2024-01-02")[0]);
    }
    SUBCASE("a moved session brings the slot it came from") {
        const auto d =
            parse_document(text, "f.json", History::skip, window("2024-01-06", "2024-01-06")).data;
        CHECK(ids(d) == std::vector<std::string>{"o1", "s1@2024-01-05"});
    }
    SUBCASE("laid out by hand, two on a line or all on one, it reads the same") {
        for (const auto& [from, to] : {std::pair{",\n    {", ", {"}, std::pair{"\n", " "}}) {
            auto hand = text;
            for (auto at = hand.find(from); at != std::string::npos; at = hand.find(from, at)) {
                hand.replace(at, std::string(from).size(), to);
            }
            CHECK(ids(parse_document(hand, "f.json", History::skip,
                                     window("2024-01-05", "2024-01-05"))
                          .data) == std::vector<std::string>{"s1@2024-01-05", "o1"});
            CHECK(ids(parse_document(hand, "f.json", History::skip,
                                     window("2024-01-02", "2024-01-02"))
                          .data) == std::vector<std::string>{"s1@2024-01-02"});
        }
    }
    SUBCASE("the timeline refuses questions about days not read") {
        const auto d =
            parse_document(text, "f.json", History::skip, window("2024-01-02", "2024-01-03")).data;
        const auto zone = Zone::locate("UTC");
        const Timeline t(d, zone, Instant{});
        CHECK(t.between(day("2024-01-02"), day("2024-01-03")).size() == 1);
        CHECK_THROWS_AS(t.between(day("2024-01-01"), day("2024-01-03")), NotRead);
        CHECK_THROWS_AS(t.between(day("2024-01-02"), day("2024-01-04")), NotRead);
        CHECK_THROWS_AS(t.first_day(), NotRead);
        CHECK_THROWS_AS(t.horizon(), NotRead);
        CHECK_THROWS_AS(t.find("o1"), NotRead);
        CHECK_THROWS_AS(t.find("s1@2024-01-05"), NotRead);
        CHECK(t.find("s1@2024-01-02"));
        CHECK_THROWS_AS(d.find_session("o1"), NotRead);
    }
    SUBCASE("a damaged session is refused when it is read, as a whole read refuses it") {
        const auto bad = damaged(R"("reason":"flu")", R"("reason":17)");
        std::string whole;
        try {
            parse_document(bad, "f.json");
        } catch (const Error& e) {
            whole = e.what();
        }
        CHECK(whole.find("sessions[2].reason") != std::string::npos);
        CHECK_THROWS_WITH(
            parse_document(bad, "f.json", History::skip, window("2024-01-06", "2024-01-06")),
            whole.c_str());
        // Not read, it is walked for its syntax only: the next save refuses it.
        CHECK(ids(parse_document(bad, "f.json", History::skip, window("2024-01-02", "2024-01-02"))
                      .data) == std::vector<std::string>{"s1@2024-01-02"});
        // A line of its own is skipped unparsed, even broken: the whole read finds it.
        const auto broken = damaged("\"s1@2024-01-02\"", "\"s1@2024-01-02");
        CHECK(
            ids(parse_document(broken, "f.json", History::skip, window("2024-01-06", "2024-01-06"))
                    .data) == std::vector<std::string>{"o1", "s1@2024-01-05"});
        CHECK_THROWS_AS(parse_document(broken, "f.json"), Error);
    }
    SUBCASE("a link to a session that is not there names its place, as a whole read does") {
        const auto bad = damaged(R"("rescheduled_to":"o1")", R"("rescheduled_to":"o9")");
        CHECK_THROWS_WITH(
            parse_document(bad, "f.json", History::skip, window("2024-01-05", "2024-01-05")),
            doctest::Contains("sessions[1].rescheduled_to: no session \"o9\""));
    }
}

TEST_CASE("schema: a sealed window follows moves round by round, to ids with escapes too") {
    // One-offs o1 to o30 on the first days of January, three with odd ids, and two chains of
    // moves: o2 -> o10 -> o20, and o3 -> q"x -> \xc3\xb65 -> back\\s -> o29.
    Document doc;
    auto& d = doc.data;
    d.timezone = "UTC";
    d.next_ids = {1, 100, 1};
    d.providers.push_back({"p", "P", 50});
    const auto add = [&](const std::string& id, int day_of_month) {
        Session s;
        s.id = id;
        s.start = LocalMinutes{date::local_days{date::year{2026} / 1 / day_of_month}} +
                  std::chrono::hours{10};
        s.provider = "p";
        d.sessions.push_back(s);
    };
    for (int i = 1; i <= 30; ++i) {
        add("o" + std::to_string(i), i);
    }
    add("q\"x", 25);
    add("\xc3\xb6"
        "5",
        26);
    add("back\\s", 27);
    const auto move = [&](const std::string& from, const std::string& to) {
        d.find_session(from)->rescheduled_to = to;
        d.find_session(to)->rescheduled_from = from;
    };
    move("o2", "o10");
    move("o10", "o20");
    move("o3", "q\"x");
    move("q\"x", "\xc3\xb6"
                 "5");
    move("\xc3\xb6"
         "5",
         "back\\s");
    move("back\\s", "o29");
    const auto text = serialize_document(doc);
    const auto all = parse_document(text, "f.json").data;
    const auto read = [&](int from, int to, Trust trust) {
        const SessionDays days = [=](const std::string&, const DayOfId&) {
            return std::optional{std::pair{LocalDays{date::year{2026} / 1 / from},
                                           LocalDays{date::year{2026} / 1 / to}}};
        };
        std::set<std::string> ids;
        for (const auto& s :
             parse_document(text, "f.json", History::skip, days, trust).data.sessions) {
            CHECK(s == *all.find_session(s.id));
            ids.insert(s.id);
        }
        return ids;
    };
    for (const auto& days : {std::pair{2, 2}, std::pair{3, 3}, std::pair{20, 20}, std::pair{25, 25},
                             std::pair{10, 26}, std::pair{1, 30}}) {
        // (Not a structured binding: clang 14 refuses one in CAPTURE's lambda.)
        const int from = days.first;
        const int to = days.second;
        CAPTURE(from);
        CAPTURE(to);
        CHECK(read(from, to, Trust::sealed) == read(from, to, Trust::check));
    }
    CHECK(read(2, 2, Trust::sealed) == std::set<std::string>{"o2", "o10", "o20"});
    CHECK(read(3, 3, Trust::sealed) == std::set<std::string>{"o3", "q\"x",
                                                             "\xc3\xb6"
                                                             "5",
                                                             "back\\s", "o29"});
}

} // namespace store_schema_test
