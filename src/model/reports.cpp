#include "showup/reports.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace showup {

Streaks streaks(std::span<const Occurrence> sessions) {
    Streaks s;
    for (const auto& o : sessions) {
        if (!o.started) {
            break;
        }
        if (o.status == Status::attended) {
            auto& run = s.current;
            if (run.sessions++ == 0) {
                run.from = day_of(o.start);
            }
            run.to = day_of(o.start);
            if (run.sessions > s.longest.sessions) {
                s.longest = run;
            }
        } else if (breaks_streak(o.status)) {
            s.current = Run{};
        }
    }
    return s;
}

WeekStreaks week_streaks(const std::vector<Occurrence>& sessions, date::weekday first_day) {
    WeekStreaks s;
    std::optional<LocalDays> week; // the first day of the week being walked
    bool attended = false;
    bool broken = false;
    const auto close_week = [&] {
        if (!week) {
            return;
        }
        auto& run = s.current;
        if (attended) {
            if (run.weeks++ == 0) {
                run.from = week;
            }
            run.to = *week + date::days{6};
            if (run.weeks > s.longest.weeks) {
                s.longest = run;
            }
        } else if (broken) {
            run = WeekRun{};
        }
    };
    for (const auto& o : sessions) {
        if (!o.started) {
            break;
        }
        const auto day = day_of(o.start);
        const auto start = day - (date::weekday{day} - first_day);
        if (start != week) {
            close_week();
            week = start;
            attended = broken = false;
        }
        attended = attended || o.status == Status::attended;
        broken = broken || breaks_streak(o.status);
    }
    close_week();
    return s;
}

std::vector<Gap> gaps(const std::vector<Occurrence>& sessions, int min_days) {
    std::vector<Gap> out;
    const Occurrence* previous = nullptr; // the last expected session seen
    std::vector<Occurrence> missed;
    for (const auto& o : sessions) {
        if (is_missed(o.status)) {
            if (previous != nullptr) {
                missed.push_back(o);
            }
            continue;
        }
        if (!is_expected(o.status)) {
            continue;
        }
        if (previous != nullptr) {
            const auto from = day_of(previous->start);
            const auto to = day_of(o.start);
            const auto days = static_cast<int>((to - from).count());
            if (!missed.empty() || days > min_days) {
                out.push_back({from, to, days, std::move(missed)});
            }
        }
        missed.clear();
        previous = &o;
    }
    if (previous != nullptr) {
        // No expected session follows the last one: an open-ended gap.
        out.push_back({day_of(previous->start), std::nullopt, std::nullopt, std::move(missed)});
    }
    return out;
}

namespace {
// Longer than the longest interval of a schedule (52 weeks): a search this far ahead of the
// last recorded fact finds the next session of any schedule that has not ended.
constexpr date::days k_reach{400};
} // namespace

std::vector<Occurrence> sessions_around(const Timeline& timeline, LocalDays from, LocalDays to) {
    const auto expected_before = [&](const std::vector<Occurrence>& list) {
        return std::any_of(list.begin(), list.end(), [&](const Occurrence& o) {
            return is_expected(o.status) && day_of(o.start) < from;
        });
    };
    const auto expected_after = [&](const std::vector<Occurrence>& list) {
        return std::any_of(list.begin(), list.end(), [&](const Occurrence& o) {
            return is_expected(o.status) && day_of(o.start) > to;
        });
    };
    auto first = from - k_around_reach;
    auto last = to + k_around_reach;
    auto list = timeline.between(first, last);
    if (!expected_before(list)) {
        if (auto day = timeline.first_day(); day && *day < first) {
            first = *day;
        }
    }
    if (!expected_after(list)) {
        last = std::max(to, timeline.horizon()) + k_reach;
    }
    if (first != from - k_around_reach || last != to + k_around_reach) {
        list = {}; // freed before the longer list is built: a window over all time is large
        list = timeline.between(first, last);
    }
    // Cut to the last expected session before `from` and the first one after `to`.
    std::size_t begin = 0;
    std::size_t end = list.size();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto day = day_of(list[i].start);
        if (is_expected(list[i].status) && day < from) {
            begin = i;
        }
        if (is_expected(list[i].status) && day > to) {
            end = i + 1;
            break;
        }
    }
    // Cut in place: a window over all time is a list as long as the history.
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(end), list.end());
    list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(begin));
    return list;
}

std::vector<Gap> gaps_between(const Timeline& timeline, LocalDays from, LocalDays to,
                              int min_days) {
    return gaps_overlapping(sessions_around(timeline, from, to), from, to, min_days);
}

std::vector<Gap> gaps_overlapping(const std::vector<Occurrence>& around, LocalDays from,
                                  LocalDays to, int min_days) {
    auto all = gaps(around, min_days);
    std::erase_if(all, [&](const Gap& g) { return g.from > to || (g.to && *g.to < from); });
    return all;
}

long Counts::of(Status s) const {
    auto it = by_status.find(s);
    return it == by_status.end() ? 0 : it->second;
}

std::optional<double> Counts::attendance_rate() const {
    const auto attended = of(Status::attended);
    const auto total = attended + of(Status::skipped) + of(Status::late_cancel);
    if (total == 0) {
        return std::nullopt;
    }
    return static_cast<double>(attended) / static_cast<double>(total);
}

namespace {

// The longest of the days of `gaps(sessions, min_days)`, without building them: a summary of all
// time walks every session, and a gap keeps copies of the sessions missed in it.
std::optional<int> longest_gap_days(std::span<const Occurrence> sessions, int min_days) {
    std::optional<int> longest;
    const Occurrence* previous = nullptr; // the last expected session seen
    bool missed = false;                  // since `previous`
    for (const auto& o : sessions) {
        if (is_missed(o.status)) {
            missed = missed || previous != nullptr;
            continue;
        }
        if (!is_expected(o.status)) {
            continue;
        }
        if (previous != nullptr) {
            const auto days = static_cast<int>((day_of(o.start) - day_of(previous->start)).count());
            if ((missed || days > min_days) && (!longest || days > *longest)) {
                longest = days;
            }
        }
        missed = false;
        previous = &o;
    }
    return longest;
}

} // namespace

Summary summarise(std::span<const Occurrence> sessions, int min_gap_days) {
    Summary s;
    // Counted in an array, then kept in the map for the statuses that occur.
    std::array<long, std::size(k_all_statuses)> by_status{};
    for (const auto& o : sessions) {
        ++by_status[static_cast<std::size_t>(o.status)];
        if (o.fee_cents > 0) {
            ++s.counts.fee_sessions;
            s.counts.fee_cents += o.fee_cents;
        }
        if (o.status == Status::attended && o.record != nullptr && o.record->late_minutes > 0) {
            ++s.counts.late_sessions;
            s.counts.late_minutes += o.record->late_minutes;
        }
    }
    for (const auto status : k_all_statuses) {
        if (const auto n = by_status[static_cast<std::size_t>(status)]; n > 0) {
            s.counts.by_status[status] = n;
        }
    }
    s.longest_streak = streaks(sessions).longest.sessions;
    s.longest_gap_days = longest_gap_days(sessions, min_gap_days);
    return s;
}

} // namespace showup
