#pragma once
// A budget of covered sessions in words: the lines of `showup budget`, and the warning `next`
// shows when few are left.
#include <optional>
#include <string>

#include "showup/budget.hpp"

namespace showup::commands {

// Fewer covered sessions left than this, and `next` says so.
inline constexpr int k_budget_warning_below = 5;

// "in 2026", "from Sun 1 Feb to Thu 30 Apr", "since Sun 1 Feb": the period, after "used".
std::string budget_period_text(const Budget& budget, const BudgetStatus& status, LocalDays today);

// "25 sessions a year", "10 sessions from Sun 1 Feb to Thu 30 Apr": what the budget covers.
std::string budget_definition_text(const Budget& budget, LocalDays today);

// "attended, late-cancel, no-show": what uses a session up.
std::string budget_uses_text(const Budget& budget);

// "Dr. Okafor: 18 of 25 sessions used in 2026, 7 left; at this pace they run out Thu 17 Dec".
std::string budget_line(const Data& data, const Budget& budget, const BudgetStatus& status,
                        LocalDays today);

// For `next`: "3 covered sessions left with Dr. Okafor (budget for 2026)" when `provider` has a
// budget with fewer than k_budget_warning_below sessions left ("no covered sessions left ..."
// when none are), in a period that has not ended; otherwise empty. With `session_day` (the day
// of the session `next` shows), empty too when that day is outside the budget's period (a
// session next year, when the budget is per year). One line, no newline.
std::string budget_warning(const Data& data, const Timeline& timeline, const std::string& provider,
                           std::optional<LocalDays> session_day = std::nullopt);

} // namespace showup::commands
