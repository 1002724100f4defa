#pragma once
// What the sessions add up to (contract: "Streaks", "Gaps", and `summary`). Pure functions of
// sessions in time order, as `Timeline::between` gives them; each is one pass.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "showup/timeline.hpp"

namespace showup {

struct Run {
    int sessions = 0;
    std::optional<LocalDays> from; // the first attended session of the run
    std::optional<LocalDays> to;   // the last
};

struct Streaks {
    Run current; // the run still open at now
    Run longest; // the longest ever (the earliest of equals)
};

// Sessions that started at or before now, in time order: attended adds one, skipped and
// late-cancel end the run, every other status is neutral.
Streaks streaks(std::span<const Occurrence> sessions);

struct WeekRun {
    int weeks = 0;
    std::optional<LocalDays> from; // the first day of its first week
    std::optional<LocalDays> to;   // the last day of its last week
};

struct WeekStreaks {
    WeekRun current;
    WeekRun longest;
};

// The same walk over calendar weeks starting on `first_day`: a week with an attended session
// adds one, a week with a skip or late-cancel and none attended ends the run, a week with
// neither (no session expected: absences, a pause) is neutral.
WeekStreaks week_streaks(const std::vector<Occurrence>& sessions, date::weekday first_day);

// A stretch without a session longer than this many days is a gap (`gaps --min-days`).
inline constexpr int k_default_gap_days = 14;

struct Gap {
    LocalDays from;                 // the date of the held or expected session before it
    std::optional<LocalDays> to;    // of the one after; nullopt when none follows
    std::optional<int> days;        // calendar days from `from` to `to`
    std::vector<Occurrence> missed; // skipped, cancelled or away, in time order
};

// Stretches between consecutive held or expected sessions (attended, unlogged, scheduled) that
// hold a missed session or are longer than `min_days`. After the last expected session, an
// open-ended gap. Missed sessions before the first expected one belong to no gap.
std::vector<Gap> gaps(const std::vector<Occurrence>& sessions, int min_days);

// The sessions a gap report over the days `from` to `to` needs: those days, widened back to the
// last held or expected session before them and ahead to the first one after them (or far
// enough to know there is none).
std::vector<Occurrence> sessions_around(const Timeline& timeline, LocalDays from, LocalDays to);
// How far either side sessions_around looks first; it goes to the first or last day there is
// only when that finds no expected session. A command that reads a window of days reads this
// much more.
inline constexpr date::days k_around_reach{60};

// The gaps of `sessions` that overlap the days `from` to `to`.
std::vector<Gap> gaps_between(const Timeline& timeline, LocalDays from, LocalDays to, int min_days);
// The same from `around`, as sessions_around gives it for those days (a report that has it
// already need not build it again).
std::vector<Gap> gaps_overlapping(const std::vector<Occurrence>& around, LocalDays from,
                                  LocalDays to, int min_days);

struct Counts {
    std::map<Status, long> by_status;
    long late_sessions = 0;
    long late_minutes = 0;
    long fee_sessions = 0; // late cancellations and no-shows that carry a fee
    long long fee_cents = 0;

    long of(Status s) const;
    // attended / (attended + skipped + late-cancel); nullopt when all are zero.
    std::optional<double> attendance_rate() const;
};

struct Summary {
    Counts counts;
    int longest_streak = 0;
    std::optional<int> longest_gap_days; // of the gaps that end inside the sessions given
};

// Counts, streak and gaps over `sessions`.
Summary summarise(std::span<const Occurrence> sessions, int min_gap_days);

} // namespace showup
