// Merging two copies: rules on small hand-made data, and properties over copies that random
// commands changed apart from one base.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "cli/app.hpp"
#include "commands/all.hpp"
#include "helpers.hpp"
#include "run_app.hpp"
#include "showup/invariants.hpp"
#include "showup/merge.hpp"
#include "showup/store.hpp"

using namespace showup;
using test::at;
using test::day;

namespace model_merge_test {

namespace {

Instant utc(const char* text) {
    return date::sys_days(parse_iso_date(std::string(text).substr(0, 10))->time_since_epoch()) +
           std::chrono::hours(std::stoi(std::string(text).substr(11, 2)));
}

Data base_data() {
    Data d;
    d.timezone = "Europe/Berlin";
    d.providers.push_back({"okafor", "Dr. Okafor", 50});
    Schedule s;
    s.id = "s1";
    s.provider = "okafor";
    s.weekdays = 1U << 4; // Thursday
    s.at = Minutes{10 * 60};
    s.from = day("2026-11-05");
    d.schedules.push_back(s);
    d.next_ids.schedule = 2;
    return d;
}

Session occurrence(const char* date_text, Outcome outcome, const char* changed) {
    Session s;
    s.id = occurrence_id("s1", day(date_text));
    s.schedule = "s1";
    s.start = at((std::string(date_text) + "T10:00").c_str());
    s.provider = "okafor";
    s.outcome = outcome;
    s.recorded_at = utc(changed);
    return s;
}

Session one_off(int number, const char* start, const char* note) {
    Session s;
    s.id = "o" + std::to_string(number);
    s.start = at(start);
    s.provider = "okafor";
    s.note = note;
    return s;
}

} // namespace

TEST_CASE("merge: the most recent change wins a conflict, which is listed") {
    auto ours = base_data();
    auto theirs = base_data();
    ours.sessions.push_back(occurrence("2026-11-26", Outcome::attended, "2026-11-26T12"));
    theirs.sessions.push_back(occurrence("2026-11-26", Outcome::skipped, "2026-11-27T08"));
    const auto m = merge_data(ours, theirs);
    REQUIRE(m.conflicts.size() == 1);
    CHECK(m.conflicts[0].collection == "sessions");
    CHECK(m.conflicts[0].id == "s1@2026-11-26");
    CHECK(m.conflicts[0].kept_theirs);
    CHECK(m.data.sessions.at(0).outcome == Outcome::skipped);
    const auto back = merge_data(theirs, ours);
    REQUIRE(back.conflicts.size() == 1);
    CHECK_FALSE(back.conflicts[0].kept_theirs);
    CHECK(back.data == m.data);
}

TEST_CASE("merge: a change that only adds is taken without a conflict") {
    auto ours = base_data();
    auto theirs = base_data();
    ours.sessions.push_back(occurrence("2026-11-26", Outcome::attended, "2026-11-26T12"));
    theirs.sessions = ours.sessions;
    theirs.sessions[0].note = "talked about work";
    theirs.sessions[0].changed_at = utc("2026-11-26T13");
    const auto m = merge_data(ours, theirs);
    CHECK(m.conflicts.empty());
    REQUIRE(m.updated.size() == 1);
    CHECK(m.data.sessions.at(0).note == "talked about work");
}

TEST_CASE("merge: a one-off whose id the other copy used for another is renumbered") {
    auto ours = base_data();
    auto theirs = base_data();
    ours.sessions.push_back(one_off(1, "2026-11-27T09:00", "ours"));
    ours.next_ids.session = 2;
    theirs.sessions.push_back(one_off(1, "2026-11-28T09:00", "theirs"));
    auto moved = one_off(2, "2026-11-29T09:00", "moved");
    moved.rescheduled_from = "o1";
    theirs.sessions[0].rescheduled_to = "o2";
    theirs.sessions.push_back(moved);
    theirs.next_ids.session = 3;
    const auto m = merge_data(ours, theirs);
    REQUIRE(m.renumbered.size() == 1);
    CHECK(m.renumbered[0].from == "o1");
    CHECK(m.renumbered[0].to == "o3");
    CHECK(m.data.next_ids.session == 4);
    const auto* renamed = m.data.find_session("o3");
    REQUIRE(renamed != nullptr);
    CHECK(renamed->note == "theirs");
    CHECK(renamed->rescheduled_to == "o2");
    CHECK(m.data.find_session("o2")->rescheduled_from == "o3");
    CHECK(m.data.find_session("o1")->note == "ours");
    CHECK_FALSE(find_violation(m.data));
}

TEST_CASE("merge: two absences that overlap make an invalid result, which the caller refuses") {
    auto ours = base_data();
    auto theirs = base_data();
    Absence a;
    a.id = "a1";
    a.provider = "okafor";
    a.from = day("2026-12-01");
    a.to = day("2026-12-10");
    ours.absences.push_back(a);
    a.id = "a2";
    a.from = day("2026-12-05");
    a.to = day("2026-12-20");
    theirs.absences.push_back(a);
    const auto m = merge_data(ours, theirs);
    CHECK(find_violation(m.data));
}

namespace {

using Result = test::AppResult;

Result run_at(const std::filesystem::path& file, const std::string& now,
              std::vector<std::string> args) {
    return test::run_app(file, now, std::move(args));
}

// Data-changing commands, most of them valid (as in test_commands_property.cpp, fewer bad
// arguments: here the changes matter, not the refusals).
class Edits {
public:
    // `creates`: whether it may add records (a copy that only edits makes no ids the other
    // copy could use too, so that no record needs a new one).
    Edits(unsigned seed, bool creates) : m_rng(seed), m_creates(creates) {}

    std::vector<std::string> command() {
        static constexpr int k_edits_only[] = {0, 1, 2, 5, 6, 8, 10, 12, 13};
        const auto which =
            m_creates ? static_cast<int>(pick(14)) : k_edits_only[pick(std::size(k_edits_only))];
        switch (which) {
        case 0:
            return with({"attend", session()}, {{"--late", "5"}, {"--note", text()}});
        case 1:
            return with({"skip", session()}, {{"--reason", text()}, {"--no-show", ""}});
        case 2:
            return with({"cancel", session()}, {{"--reason", text()}, {"--by", "me"}});
        case 3:
            return with({"reschedule", session(), "--to", date() + " 16:00"},
                        {{"--reason", text()}});
        case 4:
            return with({"add", date() + " 08:00", "--provider", provider()}, {{"--note", text()}});
        case 5:
            return {"unlog", session()};
        case 6:
            return with({"edit", session()}, {{"--note", text()}, {"--reason", text()}});
        case 7:
            return with({"away", "add", date(), date(), "--provider", provider()},
                        {{"--reason", text()}});
        case 8:
            return with({"away", "edit", pick(2) == 0 ? "a1" : "a2"}, {{"--reason", text()}});
        case 9:
            return with({"contact", "add", date() + " 18:00", "--provider", provider()},
                        {{"--note", text()}});
        case 10:
            return with({"contact", "edit", pick(2) == 0 ? "c1" : "c2"}, {{"--note", text()}});
        case 11:
            return {"agenda", "add", text().empty() ? "a topic" : text()};
        case 12:
            return {"provider", "rename", provider(), text().empty() ? "Someone" : text()};
        default:
            return {"attend", "--through", date()};
        }
    }

private:
    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng);
    }
    std::vector<std::string> with(std::vector<std::string> base,
                                  std::vector<std::pair<std::string, std::string>> options) {
        return test::with_options(std::move(base), options, [&] { return pick(2) == 0; });
    }
    std::string date() {
        return format_date(LocalDays{date::year{2026} / date::November / 2} +
                           date::days{static_cast<int>(pick(40))});
    }
    std::string session() {
        switch (pick(3)) {
        case 0:
            return "o" + std::to_string(1 + pick(4));
        default:
            return date();
        }
    }
    std::string text() {
        static const char* const texts[] = {"",     "ill",       "traffic", "ünïcode 💬",
                                            "work", "long talk", "family"};
        return texts[pick(std::size(texts))];
    }
    std::string provider() { return pick(2) == 0 ? "okafor" : "group"; }

    std::mt19937 m_rng;
    bool m_creates;
};

// Every record by collection and id, order aside.
std::map<std::pair<std::string, std::string>, RecordFields> by_id(const Data& d) {
    std::map<std::pair<std::string, std::string>, RecordFields> out;
    auto put = [&](const char* name, const auto& items) {
        for (const auto& r : items) {
            out[{name, r.id}] = record_fields(r);
        }
    };
    put("providers", d.providers);
    put("schedules", d.schedules);
    put("sessions", d.sessions);
    put("absences", d.absences);
    put("contacts", d.contacts);
    put("agenda", d.agenda);
    put("budgets", d.budgets);
    return out;
}

std::string field(const RecordFields& fields, const char* key) {
    for (const auto& [k, v] : fields) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

// What a person recorded in a record: lost only by losing a listed conflict over that field.
constexpr const char* k_recorded[] = {
    "name", "outcome", "late_minutes", "no_show", "note", "reason",  "cancelled_by",  "text",
    "kind", "minutes", "announced",    "until",   "done", "session", "rescheduled_to"};

// Checks that every record of `side` is in the merge, at its id there, with every word and
// outcome it has, unless a conflict over that field was listed and lost.
// The id a record of theirs has in the merge (`renumbered`; an occurrence follows its schedule).
std::string id_here(const MergeResult& m, const std::string& collection, const std::string& id) {
    for (const auto& r : m.renumbered) {
        if (r.collection == collection && r.from == id) {
            return r.to;
        }
    }
    const auto at_sign = id.find('@');
    for (const auto& r : m.renumbered) {
        if (collection == "sessions" && r.collection == "schedules" &&
            at_sign != std::string::npos && id.substr(0, at_sign) == r.from) {
            return r.to + id.substr(at_sign);
        }
    }
    return id;
}

void check_nothing_lost(const Data& side, const MergeResult& m, bool is_theirs) {
    const auto merged = by_id(m.data);
    // Fields that name a session, which follow its renumbering.
    const auto here = [&](const char* name, const std::string& value) {
        const bool session =
            std::string_view(name) == "rescheduled_to" || std::string_view(name) == "session";
        return is_theirs && session ? id_here(m, "sessions", value) : value;
    };
    for (const auto& entry : by_id(side)) {
        // Not a structured binding: clang 14 cannot capture one in the lambda below.
        const auto& key = entry.first;
        const auto& fields = entry.second;
        const auto id = is_theirs ? id_here(m, key.first, key.second) : key.second;
        const auto lost_conflict = [&](const char* name) {
            return std::any_of(m.conflicts.begin(), m.conflicts.end(), [&](const MergeConflict& c) {
                return c.collection == key.first && c.id == id && c.kept_theirs == !is_theirs &&
                       !field(is_theirs ? c.theirs : c.ours, name).empty();
            });
        };
        INFO(key.first, " ", key.second, " -> ", id);
        const auto it = merged.find({key.first, id});
        REQUIRE(it != merged.end());
        for (const auto* name : k_recorded) {
            INFO(name);
            const auto value = field(fields, name);
            if (!value.empty() && !lost_conflict(name)) {
                CHECK(field(it->second, name) == here(name, value));
            }
        }
    }
}

// The seed of a run: SHOWUP_SEED when set (to repeat a failure), else a new one each run.
unsigned run_seed() {
    if (const char* text = std::getenv("SHOWUP_SEED")) {
        return static_cast<unsigned>(std::stoul(text));
    }
    return std::random_device{}();
}

} // namespace

TEST_CASE("merge: properties over copies changed apart by random commands") {
    test::ScratchDir dir;
    const auto base_file = dir.path() / "base.json";
    const auto ours_file = dir.path() / "ours.json";
    const auto theirs_file = dir.path() / "theirs.json";
    const std::string start = "2026-11-20T09:00";
    const std::vector<std::vector<std::string>> setup = {
        {"init", "--timezone", "Europe/Berlin"},
        {"provider", "add", "Dr. Okafor", "--id", "okafor"},
        {"provider", "add", "DBT group", "--id", "group", "--duration", "90"},
        {"schedule", "add", "--every", "mon,thu", "--at", "10:00", "--from", "2026-11-02",
         "--provider", "okafor"},
        {"schedule", "add", "--every", "wed", "--at", "18:00", "--from", "2026-11-04", "--provider",
         "group"},
        {"attend", "2026-11-05", "--note", "first"},
        {"add", "2026-11-07 08:00", "--provider", "okafor", "--note", "extra"},
        {"away", "add", "2026-12-20", "2026-12-31", "--provider", "okafor"},
        {"contact", "add", "2026-11-06 18:00", "--provider", "okafor", "--note", "call"},
    };
    for (const auto& args : setup) {
        const auto r = run_at(base_file, start, args);
        REQUIRE_MESSAGE(r.rc == 0, r.err);
    }
    const auto base = test::slurp(base_file);
    int conflicts = 0;
    int renumbered = 0;
    int invalid = 0;
    int symmetric = 0;
    const auto seed = run_seed();
    // 40 rounds, fewer in the sanitized build (test::property_rounds).
    const int rounds = test::property_rounds(40);
    for (unsigned round = 0; round < static_cast<unsigned>(rounds); ++round) {
        test::spit(ours_file, base);
        test::spit(theirs_file, base);
        // Each round from its own seed, so that a failure names one round to repeat.
        const unsigned round_seed = seed + round;
        INFO("seed ", round_seed, " (SHOWUP_SEED=", seed, " repeats the run)");
        Edits ours_edits(round_seed * 2 + 1, round % 2 == 0);
        Edits theirs_edits(round_seed * 2 + 2, true);
        for (int i = 0; i < 12; ++i) {
            // The two devices take turns, a minute apart, so that changes have an order.
            const auto now = [&](int side) {
                return format_local(
                    at("2026-11-25T08:00") +
                    std::chrono::minutes(2 * i + side + 60 * static_cast<int>(round % 3)));
            };
            run_at(ours_file, now(0), ours_edits.command());
            run_at(theirs_file, now(1), theirs_edits.command());
        }
        const auto ours = parse_document(test::slurp(ours_file), "ours").data;
        const auto theirs = parse_document(test::slurp(theirs_file), "theirs").data;

        // A file merged with itself: nothing changes.
        const auto self = merge_data(ours, ours);
        CHECK_FALSE(self.changed());
        CHECK(self.renumbered.empty());
        CHECK(self.data == ours);

        const auto m = merge_data(ours, theirs);
        const auto back = merge_data(theirs, ours);
        conflicts += static_cast<int>(m.conflicts.size());
        renumbered += static_cast<int>(m.renumbered.size());
        CHECK(m.conflicts.size() == back.conflicts.size());
        if (m.renumbered.empty() && back.renumbered.empty()) {
            // With no renumbering, both directions come to the same records (conflicts are
            // won by the same side from either direction), only perhaps in another order.
            CHECK(by_id(m.data) == by_id(back.data));
            CHECK(m.data.next_ids == back.data.next_ids);
            // The same conflicts, seen from the other side, won by the same copy.
            for (const auto& c : m.conflicts) {
                CHECK(std::any_of(back.conflicts.begin(), back.conflicts.end(), [&](const auto& b) {
                    return b.collection == c.collection && b.id == c.id && b.ours == c.theirs &&
                           b.theirs == c.ours && b.kept_theirs != c.kept_theirs;
                }));
            }
            ++symmetric;
        }
        // Merging either copy again changes nothing: the merge holds both.
        CHECK(merge_data(m.data, theirs).data == m.data);
        CHECK(merge_data(m.data, ours).data == m.data);
        check_nothing_lost(ours, m, false);
        check_nothing_lost(theirs, m, true);

        // Valid, or refused by the command naming why, leaving the file as it was.
        const auto violation = find_violation(m.data);
        const auto before = test::slurp(ours_file);
        const auto r = run_at(ours_file, "2026-11-26T12:00", {"merge", theirs_file.string()});
        if (violation) {
            ++invalid;
            CHECK(r.rc == 1);
            CHECK(r.err.find("nothing was written") != std::string::npos);
            CHECK(test::slurp(ours_file) == before);
            continue;
        }
        REQUIRE_MESSAGE(r.rc == 0, r.err);
        const auto after = parse_document(test::slurp(ours_file), "merged");
        CHECK(by_id(after.data) == by_id(m.data));
        if (test::slurp(ours_file) != before) {
            CHECK(run_at(ours_file, "2026-11-26T12:00", {"undo"}).rc == 0);
            // The file as it was; but for the oldest change of a full undo history, which the
            // merge's pushed out (all of the twelve edits went through).
            const auto was = parse_document(before, "before");
            if (was.history.size() < k_undo_depth) {
                CHECK(test::slurp(ours_file) == before);
            } else {
                const auto undone = parse_document(test::slurp(ours_file), "undone");
                CHECK(undone.data == was.data);
                CHECK(undone.history.size() == k_undo_depth - 1);
            }
        }
    }
    MESSAGE("conflicts ", conflicts, ", renumbered ", renumbered, ", invalid ", invalid,
            ", symmetric rounds ", symmetric);
    // The generator must reach conflicts and renumbering, or the test proves little (in 40
    // rounds: more than 5, 5 and 10).
    CHECK(conflicts > 5 * rounds / 40);
    CHECK(renumbered > 5 * rounds / 40);
    CHECK(symmetric > 10 * rounds / 40);
}

} // namespace model_merge_test
