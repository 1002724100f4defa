#pragma once
// Sessions as they happen: occurrences of schedules computed for a window and merged with
// what was recorded, each with its effective status (the contract's table).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "showup/data.hpp"
#include "showup/time.hpp"

namespace showup {

enum class Status {
    scheduled,
    unlogged,
    attended,
    skipped,
    late_cancel,
    cancelled,
    away,
    excused,
    rescheduled
};

inline constexpr Status k_all_statuses[] = {
    Status::scheduled, Status::unlogged, Status::attended, Status::skipped,    Status::late_cancel,
    Status::cancelled, Status::away,     Status::excused,  Status::rescheduled};

// The order reports list them in: what happened first, what is still to come last.
inline constexpr Status k_statuses_in_report_order[] = {
    Status::attended, Status::skipped,     Status::late_cancel, Status::cancelled, Status::away,
    Status::excused,  Status::rescheduled, Status::unlogged,    Status::scheduled};

std::string_view status_name(Status s); // "late-cancel" for Status::late_cancel
std::optional<Status> parse_status(std::string_view text);

// A recorded move beats a recorded outcome, which beats a provider's absence, which beats the
// person's own, which beats the clock. A cancellation by the person is late when it was given
// inside the provider's notice window (`inside_notice`).
Status effective_status(const Session* record, const Absence* absence, bool started,
                        const Absence* own_absence = nullptr, bool inside_notice = false);

// Held or still expected: what gaps are measured between.
inline bool is_expected(Status s) {
    return s == Status::attended || s == Status::unlogged || s == Status::scheduled;
}
// Missed: what makes a stretch between expected sessions a gap.
inline bool is_missed(Status s) {
    return s == Status::skipped || s == Status::late_cancel || s == Status::cancelled ||
           s == Status::away || s == Status::excused;
}
// What ends a streak: the person did not go, without (enough) notice.
inline bool breaks_streak(Status s) {
    return s == Status::skipped || s == Status::late_cancel;
}

struct Occurrence {
    // When it starts on the wall clock, to the minute: `slot`, but for a slot that a change of
    // the clocks skipped, which happens later by the gap's length (see `Zone::to_instant`), as
    // every output shows it.
    LocalMinutes start{};
    // The local time it was set for: the schedule's slot, or the record's start. Its id names
    // the slot's date, and a record of it keeps the slot.
    LocalMinutes slot{};
    const std::string* provider = nullptr;
    const Schedule* schedule = nullptr;   // null for one-offs
    const Session* record = nullptr;      // null when nothing was recorded about it
    const Absence* absence = nullptr;     // the absence of its provider it falls in
    const Absence* own_absence = nullptr; // the person's own time away it falls in
    long long fee_cents = 0; // the provider's fee, when it is a late cancellation or a no-show
    // The small members last, together: a list of all time holds an occurrence a session.
    int duration = 0;
    Status status = Status::scheduled;
    std::uint32_t provider_rank = 0; // the provider's place in the data, to order ties cheaply
    bool started = false;            // started at or before now

    std::string id() const;
    // A session lasts its duration across any clock change: it ends `duration` minutes of
    // real time after it starts.
    Instant start_instant(const Zone& zone) const { return zone.to_instant(slot); }
    Instant end_instant(const Zone& zone) const { return start_instant(zone) + Minutes{duration}; }
    // The wall-clock time it ends.
    LocalMinutes end(const Zone& zone) const {
        return date::floor<Minutes>(zone.to_local(end_instant(zone)));
    }
    // The reason it shows: its own, else (when it is away or excused) its absence's; empty
    // when none.
    const std::string& reason() const;
};

class Timeline {
public:
    // `data` must outlive the timeline and stay unchanged while it is used.
    Timeline(const Data& data, const Zone& zone, Instant now);
    // Its records point into its own tables: moved, not copied.
    Timeline(const Timeline&) = delete;
    Timeline& operator=(const Timeline&) = delete;
    Timeline(Timeline&&) = default;

    const Zone& zone() const { return m_zone; }
    Instant now() const { return m_now; }
    LocalDays today() const { return m_today; }

    // Sessions starting on the days `from` to `to` (both included), in time order.
    std::vector<Occurrence> between(LocalDays from, LocalDays to) const;
    // The first day with a session (or a schedule's start); nullopt when there is none.
    std::optional<LocalDays> first_day() const;
    // The last day with a session when every schedule ends; nullopt when one never ends.
    std::optional<LocalDays> last_day() const;
    // The last day of anything recorded (a session or an absence), or today if later.
    LocalDays horizon() const;
    // The session with this id, generated or recorded.
    std::optional<Occurrence> find(std::string_view id) const;
    // The recorded session with this id among those read; unlike find, it does not ask for the
    // sessions not read (NotRead).
    std::optional<Occurrence> find_read(std::string_view id) const;
    // The absence of `provider` that covers `day`, if any.
    const Absence* absence_on(std::string_view provider, LocalDays day) const;
    // The person's own absence that covers `day`, if any.
    const Absence* own_absence_on(LocalDays day) const;
    // Builds the occurrence for a record (a one-off, or an occurrence with something recorded).
    Occurrence from_record(const Session& record) const;

private:
    struct AbsenceIndex {
        std::vector<const Absence*> by_from; // sorted by `from`
        std::vector<LocalDays> max_to;       // running maximum of `to` over by_from
    };
    struct ProviderInfo {
        std::uint32_t rank = 0;
        AbsenceIndex absences;
        const Provider* provider = nullptr; // its notice and fee
    };
    // A record with its schedule and provider looked up once, for every window it is in; their
    // places rather than pointers, 16 bytes rather than 24 (a file of decades has a million).
    static constexpr std::uint32_t k_none = 0xffffffff;
    struct Record {
        const Session* session = nullptr;
        std::uint32_t schedule = k_none; // in data.schedules; none for a one-off (or unknown)
        std::uint32_t provider = k_none; // in m_provider_infos; none when not in the data
    };
    // The last slot turned into an instant and a wall-clock start: records of one time (several
    // providers' sessions at 17:30) are next to each other.
    struct ZoneMemo {
        LocalMinutes slot{};
        Instant at{};
        LocalMinutes start{};
        bool valid = false;
        std::optional<Zone::Steady> steady; // around the last slot searched for
    };
    static void finish_index(AbsenceIndex& index);
    Occurrence from_record(const Record& record) const;
    const ProviderInfo& provider_info(std::string_view provider) const;
    static const Absence* absence_in(const AbsenceIndex& index, LocalDays day);
    Occurrence make(LocalMinutes start, int duration, const std::string& provider,
                    const ProviderInfo& info, const Schedule* schedule,
                    const Session* record) const;

    const Data& m_data;
    const Zone& m_zone;
    Instant m_now;
    LocalDays m_today;
    std::vector<Record> m_records_by_start;
    std::vector<std::uint64_t> m_recorded_slots; // schedule index and day, sorted
    std::unordered_map<std::string_view, std::size_t> m_schedule_index;
    std::unordered_map<std::string_view, ProviderInfo> m_providers;
    std::vector<const ProviderInfo*> m_provider_infos; // of data.providers, in their order
    ProviderInfo m_unknown_provider;                   // for a provider that is not in the data
    AbsenceIndex m_own_absences;
    mutable ZoneMemo m_zone_memo;
    // Records by id, built the first time `find` needs it.
    mutable std::unordered_map<std::string_view, const Session*> m_records_by_id;
};

} // namespace showup
