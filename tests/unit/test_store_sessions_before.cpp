#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "store/record_json.hpp"
#include "store/sessions_before.hpp"

using namespace showup;

namespace store_sessions_before_test {

Session full_session() {
    Session s;
    s.id = "s1@2026-11-23";
    s.schedule = "s1";
    s.start = test::at("2026-11-23T17:30");
    s.duration = 50;
    s.provider = "okafor";
    s.outcome = Outcome::cancelled;
    s.late_minutes = 5;
    s.note = "a note";
    s.reason = "a reason";
    s.rescheduled_from = "o3";
    s.rescheduled_to = "o4";
    s.moved_by = "me";
    s.cancelled_by = "me";
    s.told = Instant{std::chrono::seconds{1'800'000'000}};
    s.overrides_absence = "a2";
    s.recorded_at = Instant{std::chrono::seconds{1'800'000'060}};
    s.changed_at = Instant{std::chrono::seconds{1'800'000'120}};
    s.uid = "uid-1";
    return s;
}

TEST_CASE("sessions before: a fingerprint tells every member apart") {
    const auto s = full_session();
    CHECK(fingerprint(s) == fingerprint(full_session()));
    // One change to each member (of Session's 19), and an empty one of each text.
    const std::vector<std::function<void(Session&)>> changes = {
        [](Session& x) { x.id = "s1@2026-11-24"; },
        [](Session& x) { x.schedule = "s2"; },
        [](Session& x) { x.schedule.clear(); },
        [](Session& x) { x.start += std::chrono::minutes{1}; },
        [](Session& x) { x.duration = 51; },
        [](Session& x) { x.provider = "okafor2"; },
        [](Session& x) { x.outcome = Outcome::attended; },
        [](Session& x) { x.outcome.reset(); },
        [](Session& x) { x.late_minutes = 0; },
        [](Session& x) { x.no_show = true; },
        [](Session& x) { x.note = "a note."; },
        [](Session& x) { x.note = ""; },
        [](Session& x) { x.reason = "a reasoN"; },
        [](Session& x) { x.rescheduled_from = ""; },
        [](Session& x) { x.rescheduled_to = "o5"; },
        [](Session& x) { x.moved_by = "provider"; },
        [](Session& x) { x.cancelled_by = ""; },
        [](Session& x) { x.told.reset(); },
        [](Session& x) { x.told = Instant{std::chrono::seconds{1'800'000'001}}; },
        [](Session& x) { x.overrides_absence = "a3"; },
        [](Session& x) { x.recorded_at.reset(); },
        [](Session& x) { x.changed_at = Instant{std::chrono::seconds{0}}; },
        [](Session& x) { x.uid = "uid-2"; },
        // A text's end moved to the next: lengths are part of it.
        [](Session& x) {
            x.note = "a not";
            x.reason = "ea reason";
        },
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        CAPTURE(i);
        auto changed = s;
        changes[i](changed);
        REQUIRE_FALSE(changed == s);
        CHECK_FALSE(fingerprint(changed) == fingerprint(s));
    }
}

TEST_CASE("sessions before: kept as lines where the text has them, copied where not") {
    std::vector<Session> sessions(4, full_session());
    sessions[1].id = "o2";
    sessions[1].schedule.clear();
    sessions[2].id = "o\"3"; // its line has it escaped
    sessions[3].id = "o4";
    std::vector<std::string> lines;
    for (const auto& s : sessions) {
        lines.push_back(record_line(s));
    }
    std::vector<std::string_view> texts(lines.begin(), lines.end());
    texts[3] = {}; // a line not laid out as showup writes it
    const SessionsBefore kept(sessions, texts, false, "f.json");
    const SessionsBefore copied(sessions, texts, true, "f.json");
    const SessionsBefore without_texts(sessions, {}, false, "f.json");
    for (const auto* before : {&kept, &copied, &without_texts}) {
        REQUIRE(before->size() == 4);
        for (std::size_t i = 0; i < sessions.size(); ++i) {
            CAPTURE(i);
            CHECK(before->id(i) == sessions[i].id);
            CHECK(before->same(i, sessions[i]));
            CHECK(before->line(i) == record_line(sessions[i]));
            auto changed = sessions[i];
            changed.note = "changed";
            CHECK_FALSE(before->same(i, changed));
            CHECK_FALSE(before->same(i, sessions[(i + 1) % 4]));
        }
    }
    CHECK(copied.all() == sessions);
    CHECK(without_texts.all() == sessions);
    CHECK_THROWS(kept.all());
}

} // namespace store_sessions_before_test
