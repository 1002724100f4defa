#pragma once
// The stored facts: everything the data file holds. Occurrences of schedules are not stored
// unless something was recorded about them (see timeline.hpp).
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "showup/maybe_instant.hpp"
#include "showup/rare_text.hpp"
#include "showup/time.hpp"

namespace showup {

// One byte, so that a session (of which a file of decades holds a million) packs it with `no_show`.
enum class Outcome : std::uint8_t { attended, skipped, cancelled };

std::string_view outcome_name(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view text);

struct Provider {
    std::string id;
    std::string name;
    int duration = 50; // minutes, the default for new sessions and schedules
    // Its cancellation policy: a cancellation by the person less than this many minutes
    // before a session is a late cancellation (nullopt: no policy).
    std::optional<int> notice_minutes{};
    // What a late cancellation or a no-show costs, in cents (nullopt: nothing said).
    std::optional<long long> fee_cents{};
    // When the record was last changed, UTC, stamped by every saved change (merge: the most
    // recent change wins a conflict). Absent in records written before it was kept.
    std::optional<Instant> changed_at{};
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
    std::optional<Instant> changed_at{}; // last changed, UTC (see Provider)
    // The iCalendar UID of the event it was imported from (`showup import`); empty otherwise.
    std::string uid;
    bool operator==(const Schedule&) const = default;

    bool on(date::weekday wd) const { return (weekdays >> wd.c_encoding() & 1U) != 0; }
    // Its weekdays, Monday first.
    std::vector<date::weekday> days() const;
    // The same as the command line writes them: "mon,thu".
    std::string days_text() const;
    // Whether the schedule has a session on `day` (bounds, weekday and week interval).
    bool occurs_on(LocalDays day) const;
};

// A session something is known about: a one-off, or an occurrence of a schedule that got an
// outcome, a note or a move. An occurrence keeps its original slot as `start`; moving it creates
// a new one-off linked both ways.
// A large file holds a hundred thousand: the words most sessions lack are RareText (8 bytes
// when unset, rare_text.hpp); those every session has are std::string (short ids fit in it);
// its times are MaybeInstant (8 bytes, maybe_instant.hpp).
struct Session {
    std::string id;       // "o12" for one-offs, "<schedule>@<date>" for occurrences
    std::string schedule; // empty for one-offs
    LocalMinutes start{};
    int duration = 50;
    int late_minutes = 0;
    std::string provider;
    std::optional<Outcome> outcome;
    bool no_show = false;
    RareText note;
    RareText reason;
    RareText rescheduled_from;
    RareText rescheduled_to;
    RareText moved_by; // "me" or "provider", set on the moved slot
    // Of a cancelled session: who cancelled ("me"; empty: the provider) and when they said so.
    RareText cancelled_by;
    MaybeInstant told;
    // The absence of its provider it was added or moved into, which already existed: it
    // happens anyway (a phone session during her vacation) rather than being `away`. Another
    // absence over it, later, takes it out as usual.
    RareText overrides_absence;
    MaybeInstant recorded_at; // when its outcome was last recorded
    MaybeInstant changed_at;  // last changed, UTC (see Provider)
    // The iCalendar UID of the event it was imported from, so that importing the event again
    // updates it (one-offs only; an occurrence is found through its schedule's).
    RareText uid;
    bool operator==(const Session&) const = default;

    // Whether anything about it was recorded beyond its slot: an outcome, words, or a move.
    bool has_record() const {
        return outcome || !note.empty() || !reason.empty() || !rescheduled_to.empty() ||
               !rescheduled_from.empty() || !overrides_absence.empty();
    }
};

// Time away, an inclusive range of dates: a provider's (its sessions do not happen), or the
// person's own (`mine`, no provider: their sessions inside it are excused).
struct Absence {
    std::string id;
    std::string provider; // empty when `mine`
    LocalDays from{};
    LocalDays to{};
    std::string reason;
    bool mine = false;
    std::optional<LocalDays> announced{}; // the day it was made known
    std::optional<Instant> changed_at{};  // last changed, UTC (see Provider)
    std::string uid{};                    // of the iCalendar event it was imported from
    bool operator==(const Absence&) const = default;
};

// A call, message or email with a provider between sessions.
struct Contact {
    std::string id; // "c3"
    LocalMinutes at{};
    std::string provider;
    std::string kind = "call"; // "call", "message" or "email"
    std::optional<int> minutes;
    std::string note;
    std::optional<Instant> changed_at{}; // last changed, UTC (see Provider)
    bool operator==(const Contact&) const = default;
};

inline constexpr const char* k_contact_kinds[] = {"call", "message", "email"};

// A topic to bring to the next session. Attending a session files the open ones under it.
struct AgendaItem {
    std::string id; // "a3"
    std::string text;
    Instant added{};
    std::string session;         // the attended session it was filed under; empty while open
    std::optional<Instant> done; // set aside by `agenda done` without a session
    bool open() const { return session.empty() && !done; }
    std::optional<Instant> changed_at{}; // last changed, UTC (see Provider)
    bool operator==(const AgendaItem&) const = default;
};

// Sessions covered by an insurance plan or a health service: a number a calendar year, or for
// a course of treatment from a date (to a date, when it ends).
struct Budget {
    std::string id; // "b2"
    std::string provider;
    int sessions = 0;
    bool per_year = false;
    std::optional<LocalDays> from; // when not per year
    std::optional<LocalDays> to;
    // What uses one up: bits of `k_budget_uses`.
    unsigned uses = 0;
    std::optional<Instant> changed_at{}; // last changed, UTC (see Provider)
    bool operator==(const Budget&) const = default;
};

// What can use up a budget's session: an attended session, a late cancellation, a no-show.
enum BudgetUse : unsigned { uses_attended = 1, uses_late_cancel = 2, uses_no_show = 4 };
inline constexpr std::pair<BudgetUse, const char*> k_budget_uses[] = {
    {uses_attended, "attended"}, {uses_late_cancel, "late-cancel"}, {uses_no_show, "no-show"}};

// Counters for new ids, so an id is never handed out twice (even after `away remove`).
struct NextIds {
    int schedule = 1;
    int session = 1;
    int absence = 1;
    int contact = 1;
    int agenda = 1;
    int budget = 1;
    bool operator==(const NextIds&) const = default;
};

struct Data {
    // 2 added contacts, agenda, budgets, own absences, notice and fees (docs/data-format.md).
    static constexpr int k_version = 2;
    std::string timezone;
    NextIds next_ids;
    std::vector<Provider> providers;
    std::vector<Schedule> schedules;
    std::vector<Session> sessions;
    std::vector<Absence> absences;
    std::vector<Contact> contacts;
    std::vector<AgendaItem> agenda;
    std::vector<Budget> budgets;
    // Set when only the sessions whose slot is on these days (both included), and the ones a
    // move links them to, were read: a command that looks at a window of time on a large file.
    // The timeline then throws `NotRead` when asked about other days.
    std::optional<std::pair<LocalDays, LocalDays>> sessions_read;
    bool operator==(const Data&) const = default;

    // Throws `NotRead` unless every session was read.
    void require_all_sessions() const;

    const Provider* find_provider(std::string_view id) const;
    const Schedule* find_schedule(std::string_view id) const;
    Session* find_session(std::string_view id);
    const Session* find_session(std::string_view id) const;
    const Absence* find_absence(std::string_view id) const;
    Absence* find_absence(std::string_view id);
    Provider* find_provider(std::string_view id);
    Schedule* find_schedule(std::string_view id);
    const Budget* budget_of(std::string_view provider) const;
};

// A question needed sessions that were not read (Data::sessions_read): the command reads the
// whole file and asks again. Not an `Error`: it never reaches the person.
struct NotRead : std::exception {
    const char* what() const noexcept override {
        return "internal: a session outside the days read was needed";
    }
};

// The id of the occurrence of `schedule_id` on `day`.
std::string occurrence_id(std::string_view schedule_id, LocalDays day);
// The day an occurrence's id names (its slot's); nullopt for any other id (a one-off's).
std::optional<LocalDays> occurrence_day(std::string_view id);

} // namespace showup
