#pragma once
// "Three weeks off or two?": `next --if ...` and `gaps --if ...` apply plans not yet recorded
// (skip or cancel sessions, time away of your own) to a copy of the data, and set the gaps as
// they would be beside the gaps as they are. Nothing is written.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

// --if skip SESSION..., --if cancel SESSION..., --if away FROM TO; repeatable. The words go to
// `target` as they were typed, to be read by `apply_plans`.
CLI::Option* add_if_option(CLI::App& cmd, std::vector<std::string>& target);

struct WhatIf {
    Data data; // the data with the plans applied
    std::vector<std::string>
        said; // each plan in words: "skip Fri 27 Nov", "away Mon 7 – Fri 11 Dec"
    std::vector<LocalDays> days;      // the days the plans touch, first to last
    std::vector<std::string> planned; // the sessions the plans skip or cancel
    Timeline timeline(const cli::Opened& opened) const {
        return Timeline(data, opened.zone, opened.now);
    }
};

// Reads the plans and applies them to a copy of the opened data. Throws `UsageError` for words
// that are not a plan and `Error` for a plan the data refuses (a session that was moved).
WhatIf apply_plans(const std::vector<std::string>& words, const cli::Opened& opened);

// A gap as it would be, with the longest stretch without a session over the same days as
// they are now.
struct Compared {
    Gap would_be;
    std::optional<int> instead_of_days; // nullopt when it is open-ended now
};

// `would_be` beside the longest stretch without a session over its days as things are.
Compared compare(const Gap& would_be, const cli::Opened& opened);

// The gaps of the plans' world that hold a day a plan touches, each beside the longest
// stretch without a session over its days as things are.
std::vector<Compared> compare_gaps(const WhatIf& plans, const cli::Opened& opened);

// "if you skip Fri 27 Nov and are away Mon 1 Feb – Sun 7 Feb".
std::string plans_text(const WhatIf& plans);
// "if you skip Fri 27 Nov: 24 days without a session (Tue 24 Nov – Fri 18 Dec) instead of 21".
std::string compared_text(const WhatIf& plans, const Compared& c, LocalDays today);
nlohmann::ordered_json compared_json(const WhatIf& plans, const std::vector<Compared>& list,
                                     const Zone& zone);

} // namespace showup::commands
