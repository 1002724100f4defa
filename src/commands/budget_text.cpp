#include "budget_text.hpp"

#include <fmt/format.h>

#include "cli/output.hpp"
#include "common.hpp"

namespace showup::commands {

namespace budget_text {

std::string year_of(LocalDays day) {
    return std::to_string(static_cast<int>(date::year_month_day{day}.year()));
}

// "for 2026", "for Sun 1 Feb – Thu 30 Apr", "since Sun 1 Feb": the budget's period, in a
// parenthesis after "budget".
std::string period_label(const Budget& budget, const BudgetStatus& status, LocalDays today) {
    if (budget.per_year) {
        return "for " + year_of(status.from);
    }
    if (status.to) {
        return fmt::format("for {} – {}", cli::human_date(status.from, today),
                           cli::human_date(*status.to, today));
    }
    return "since " + cli::human_date(status.from, today);
}

// What follows "N left" when some are: when the schedule uses the last one, or that it does
// not within the period.
std::string pace_text(const Budget& budget, const BudgetStatus& status, LocalDays today) {
    if (status.ended(today)) {
        return fmt::format("; the budget ended {}", cli::human_date(*status.to, today));
    }
    if (status.runs_out) {
        return fmt::format("; at this pace they run out {}",
                           cli::human_date(*status.runs_out, today));
    }
    if (status.planned == 0) {
        return "";
    }
    const auto until = budget.per_year ? " in " + year_of(status.from)
                       : status.to     ? " until " + cli::human_date(*status.to, today)
                                       : std::string();
    return fmt::format(", enough for the {} still scheduled{}",
                       cli::plural(status.planned, "session", "sessions"), until);
}

} // namespace budget_text

std::string budget_period_text(const Budget& budget, const BudgetStatus& status, LocalDays today) {
    if (budget.per_year) {
        return "in " + budget_text::year_of(status.from);
    }
    if (status.to) {
        return fmt::format("from {} to {}", cli::human_date(status.from, today),
                           cli::human_date(*status.to, today));
    }
    return "since " + cli::human_date(status.from, today);
}

std::string budget_definition_text(const Budget& budget, LocalDays today) {
    const auto sessions = cli::plural(budget.sessions, "session", "sessions");
    if (budget.per_year) {
        return sessions + " a year";
    }
    if (budget.to) {
        return fmt::format("{} from {} to {}", sessions, cli::human_date(*budget.from, today),
                           cli::human_date(*budget.to, today));
    }
    return fmt::format("{} from {}", sessions, cli::human_date(*budget.from, today));
}

std::string budget_uses_text(const Budget& budget) {
    std::string out;
    for (const auto& [bit, name] : k_budget_uses) {
        if ((budget.uses & bit) != 0) {
            out += (out.empty() ? "" : ", ") + std::string(name);
        }
    }
    return out;
}

std::string budget_line(const Data& data, const Budget& budget, const BudgetStatus& status,
                        LocalDays today) {
    using namespace budget_text;
    auto line = fmt::format("{}: {} of {} used {}", provider_name(data, budget.provider),
                            status.used, cli::plural(status.sessions, "session", "sessions"),
                            budget_period_text(budget, status, today));
    if (status.left > 0) {
        line += fmt::format(", {} left{}", status.left, pace_text(budget, status, today));
    } else {
        line +=
            status.over > 0 ? fmt::format(", {} more than it covers", status.over) : ", none left";
        if (status.runs_out) {
            line += fmt::format("; the last covered one was {}",
                                cli::human_date(*status.runs_out, today));
        }
    }
    if (status.unlogged > 0) {
        // The pace counts them as attended, where attending uses the budget: say so.
        const bool counted = status.left > 0 && (budget.uses & uses_attended) != 0;
        line += fmt::format(" ({} not logged yet{})",
                            cli::plural(status.unlogged, "session", "sessions"),
                            counted ? ", counted as attended" : "");
    }
    return line;
}

std::string budget_warning(const Data& data, const Timeline& timeline, const std::string& provider,
                           std::optional<LocalDays> session_day) {
    const auto* budget = data.budget_of(provider);
    if (budget == nullptr) {
        return {};
    }
    const auto today = timeline.today();
    const auto status = budget_status(*budget, data, timeline);
    if (status.left >= k_budget_warning_below || status.ended(today)) {
        return {};
    }
    if (session_day && (*session_day < status.from || (status.to && *session_day > *status.to))) {
        return {};
    }
    const auto label = budget_text::period_label(*budget, status, today);
    if (status.left == 0) {
        return fmt::format(
            "no covered sessions left {} (budget {}{})", with_provider(data, provider), label,
            status.over > 0 ? fmt::format(", {} more than it covers", status.over) : "");
    }
    return fmt::format("{} left {} (budget {})",
                       cli::plural(status.left, "covered session", "covered sessions"),
                       with_provider(data, provider), label);
}

} // namespace showup::commands
