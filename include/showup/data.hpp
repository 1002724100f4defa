#pragma once
// The stored facts: everything the data file holds. Occurrences of schedules are not stored
// unless something was recorded about them (see timeline.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "showup/time.hpp"

namespace showup {

enum class Outcome { attended, skipped, cancelled };

std::string_view outcome_name(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view text);

struct Provider {
    std::string id;
    std::string name;
    int duration = 50; // minutes, the default for new sessions and schedules
    bool operator==(const Provider&) const = default;
};

struct Schedule {
    std::string id;
    std::string provider;
    std::uint8_t weekdays = 0; // bit n: weekday with c_encoding n (0 = Sunday)
    Minutes at{0};             // wall-clock time of day
    int every_weeks = 1;
    LocalDays from{};
    std::optional<LocalDays> until; // inclusive
    int duration = 50;
    bool operator==(const Schedule&) const = default;

    bool on(date::weekday wd) const { return (weekdays >> wd.c_encoding() & 1U) != 0; }
    // Its weekdays, Monday first.
    std::vector<date::weekday> days() const;
    // Whether the schedule has a session on `day` (bounds, weekday and week interval).
    bool occurs_on(LocalDays day) const;
};

// A session something is known about: a one-off, or an occurrence of a schedule that got an
// outcome, a note or a move. An occurrence keeps its original slot as `start`; moving it creates
// a new one-off linked both ways.
struct Session {
    std::string id;       // "o12" for one-offs, "<schedule>@<date>" for occurrences
    std::string schedule; // empty for one-offs
    LocalMinutes start{};
    int duration = 50;
    std::string provider;
    std::optional<Outcome> outcome;
    int late_minutes = 0;
    bool no_show = false;
    std::string note;
    std::string reason;
    std::string rescheduled_from;
    std::string rescheduled_to;
    std::string moved_by; // "me" or "provider", set on the moved slot
    // The absence of its provider it was added or moved into, which already existed: it
    // happens anyway (a phone session during her vacation) rather than being `away`. Another
    // absence over it, later, takes it out as usual.
    std::string overrides_absence;
    std::optional<Instant> recorded_at; // when its outcome was last recorded
    bool operator==(const Session&) const = default;

    // Whether anything about it was recorded beyond its slot: an outcome, words, or a move.
    bool has_record() const {
        return outcome || !note.empty() || !reason.empty() || !rescheduled_to.empty() ||
               !rescheduled_from.empty() || !overrides_absence.empty();
    }
};

// A provider's time away, an inclusive range of dates.
struct Absence {
    std::string id;
    std::string provider;
    LocalDays from{};
    LocalDays to{};
    std::string reason;
    bool operator==(const Absence&) const = default;
};

// Counters for new ids, so an id is never handed out twice (even after `away remove`).
struct NextIds {
    int schedule = 1;
    int session = 1;
    int absence = 1;
    bool operator==(const NextIds&) const = default;
};

struct Data {
    static constexpr int k_version = 1;
    std::string timezone;
    NextIds next_ids;
    std::vector<Provider> providers;
    std::vector<Schedule> schedules;
    std::vector<Session> sessions;
    std::vector<Absence> absences;
    bool operator==(const Data&) const = default;

    const Provider* find_provider(std::string_view id) const;
    const Schedule* find_schedule(std::string_view id) const;
    Session* find_session(std::string_view id);
    const Session* find_session(std::string_view id) const;
    const Absence* find_absence(std::string_view id) const;
    Absence* find_absence(std::string_view id);
    Provider* find_provider(std::string_view id);
    Schedule* find_schedule(std::string_view id);
};

// The id of the occurrence of `schedule_id` on `day`.
std::string occurrence_id(std::string_view schedule_id, LocalDays day);

} // namespace showup
