#pragma once
// Where a budget of covered sessions stands (`showup budget`): its period, what used it up,
// what is left, and when the sessions still scheduled would use the last one.
#include <optional>

#include "showup/data.hpp"
#include "showup/timeline.hpp"

namespace showup {

struct BudgetStatus {
    LocalDays from;              // the period: per year, 1 January of today's year
    std::optional<LocalDays> to; // 31 December per year; nullopt when open-ended
    int sessions = 0;            // the sessions it covers
    int used = 0;                // sessions in the period that used one up
    int left = 0;                // sessions - used, never below 0
    int over = 0;                // used beyond the budget
    // Started in the period with nothing recorded: each may use one once it is logged.
    int unlogged = 0;
    // Sessions still scheduled in the period, counted up to `left` less the unlogged ones;
    // 0 when attending does not use the budget.
    int planned = 0;
    // With some left: the day of the session that would use the last one at this pace (the
    // sessions not logged yet were attended and the scheduled ones will be, using it where
    // attending does); nullopt when what is left outlasts the period (or nothing would use
    // it). With none left: the day of the session that used the last one.
    std::optional<LocalDays> runs_out;

    bool ended(LocalDays today) const { return to && *to < today; }
};

// Whether session `o` uses up one of `budget`'s sessions: attended, a late cancellation or a
// no-show, as the budget's `uses` says (its provider is not checked here).
bool uses_budget(const Budget& budget, const Occurrence& o);

// Where `budget` stands at the timeline's now. `data` is what the timeline was built from.
BudgetStatus budget_status(const Budget& budget, const Data& data, const Timeline& timeline);

} // namespace showup
