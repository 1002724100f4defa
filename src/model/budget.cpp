#include "showup/budget.hpp"

#include <algorithm>

#include "showup/invariants.hpp"

namespace showup {

namespace {

// Days of the schedule walked at a time: more than the longest interval of a schedule (52
// weeks), so a stretch this long without a session of the provider past everything recorded
// means none follows.
constexpr date::days k_step{366};

// Where the sessions of `provider` can be: up to `last` (nullopt when one of its schedules never
// ends), and none that the walk could miss after `quiet_after` (its last schedule's start).
struct ProviderSpan {
    std::optional<LocalDays> last;
    LocalDays quiet_after;
};

ProviderSpan provider_span(const Data& data, const std::string& provider, LocalDays today) {
    ProviderSpan span{today, today};
    bool endless = false;
    for (const auto& s : data.schedules) {
        if (s.provider != provider) {
            continue;
        }
        span.quiet_after = std::max(span.quiet_after, s.from);
        if (!s.until) {
            endless = true;
        } else {
            span.last = std::max(*span.last, *s.until);
        }
    }
    data.require_all_sessions();
    for (const auto& s : data.sessions) {
        if (s.provider == provider) {
            span.last = std::max(*span.last, day_of(s.start));
        }
    }
    if (endless) {
        span.last.reset();
    }
    return span;
}

} // namespace

bool uses_budget(const Budget& budget, const Occurrence& o) {
    switch (o.status) {
    case Status::attended:
        return (budget.uses & uses_attended) != 0;
    case Status::late_cancel:
        return (budget.uses & uses_late_cancel) != 0;
    case Status::skipped:
        return (budget.uses & uses_no_show) != 0 && o.record != nullptr && o.record->no_show;
    default:
        return false;
    }
}

BudgetStatus budget_status(const Budget& budget, const Data& data, const Timeline& timeline) {
    const auto today = timeline.today();
    BudgetStatus st;
    st.sessions = budget.sessions;
    if (budget.per_year) {
        const auto year = date::year_month_day{today}.year();
        st.from = LocalDays{year / date::January / 1};
        st.to = LocalDays{year / date::December / 31};
    } else {
        st.from = budget.from.value_or(today);
        st.to = budget.to;
    }
    const auto last_possible = LocalDays{date::year{k_last_year} / date::December / 31};
    const auto end = st.to.value_or(last_possible);

    // What used it up: outcomes recorded in the period (a cancellation or a skip may be
    // recorded ahead of time), so nothing after the last record needs reading.
    const auto recorded_end = std::min(end, std::max(timeline.horizon(), today));
    // At this pace the sessions not logged yet were attended, and those scheduled will be:
    // they use the budget where attending does.
    const bool attending_uses = (budget.uses & uses_attended) != 0;
    int likely_used = 0;
    std::optional<LocalDays> last_covered; // the day of the use that took the last one
    std::optional<LocalDays> likely_last;  // the same, counting the unlogged ones as uses
    for (const auto& o : timeline.between(st.from, recorded_end)) {
        if (*o.provider != budget.provider) {
            continue;
        }
        const bool used = uses_budget(budget, o);
        const bool unlogged = !used && o.status == Status::unlogged;
        if (used && ++st.used == budget.sessions) {
            last_covered = day_of(o.start);
        }
        st.unlogged += unlogged ? 1 : 0;
        if ((used || (unlogged && attending_uses)) && ++likely_used == budget.sessions) {
            likely_last = day_of(o.start);
        }
    }
    st.left = std::max(0, budget.sessions - st.used);
    st.over = std::max(0, st.used - budget.sessions);
    if (st.left == 0) {
        st.runs_out = last_covered;
        return st;
    }
    if (likely_last) { // the sessions not logged yet take what is left
        st.runs_out = likely_last;
        return st;
    }
    const int pending = likely_used - st.used;
    if (!attending_uses) {
        return st;
    }

    // The current pace is the schedule: walk the sessions still expected, from today, until
    // the one that would use the last session left, the end of the period, or the provider's
    // last session.
    const auto span = provider_span(data, budget.provider, today);
    const auto stop = span.last ? std::min(end, *span.last) : end;
    const auto quiet_after = std::max(span.quiet_after, timeline.horizon());
    for (auto first = std::max(today, st.from); first <= stop; first += k_step) {
        const auto last = std::min(stop, first + k_step - date::days{1});
        bool any = false;
        for (const auto& o : timeline.between(first, last)) {
            if (*o.provider != budget.provider) {
                continue;
            }
            any = true;
            if (o.status == Status::scheduled && pending + ++st.planned == st.left) {
                st.runs_out = day_of(o.start);
                return st;
            }
        }
        // Nothing of its provider in a stretch longer than any schedule's interval, after
        // everything recorded and every start: no schedule of it gives another session.
        if (!any && first > quiet_after) {
            break;
        }
    }
    return st;
}

} // namespace showup
