#include <fmt/format.h>

#include "budget_text.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/reports.hpp"
#include "what_if.hpp"

namespace showup::commands {

namespace next_command {

struct Options {
    std::vector<std::string> plans; // --if
};

void next_in(const Options& opts, cli::Context& ctx, cli::Opened& opened) {
    std::optional<WhatIf> plans;
    std::vector<Compared> compared;
    if (!opts.plans.empty()) {
        plans = apply_plans(opts.plans, opened);
        compared = compare_gaps(*plans, opened);
    }
    const auto timeline = opened.timeline();
    const auto today = opened.today();
    // The sessions up to the next expected one, and the gap it ends, if any.
    const auto around = sessions_around(timeline, today, today);
    const Occurrence* next = nullptr;
    for (const auto& o : around) {
        if (!o.started && is_expected(o.status)) {
            next = &o;
            break;
        }
    }
    std::optional<Gap> gap;
    if (next != nullptr) {
        for (auto& g : gaps(around, k_default_gap_days)) {
            if (g.to == day_of(next->start)) {
                gap = std::move(g);
            }
        }
    }
    const auto in_days =
        next != nullptr ? static_cast<int>((day_of(next->start) - today).count()) : 0;
    if (ctx.options.json) {
        using json = nlohmann::ordered_json;
        json out = {
            {"session", next != nullptr ? cli::session_json(*next, opened.zone) : json(nullptr)},
            {"in_days", next != nullptr ? json(in_days) : json(nullptr)},
            {"gap", gap ? gap_json(*gap, opened.zone) : json(nullptr)}};
        const auto warning = next != nullptr ? budget_warning(opened.data(), timeline,
                                                              *next->provider, day_of(next->start))
                                             : std::string();
        out["budget_warning"] = warning.empty() ? json(nullptr) : json(warning);
        out["agenda"] = nlohmann::ordered_json::array();
        for (const auto* item : open_agenda(opened.data())) {
            out["agenda"].push_back(agenda_json(*item));
        }
        if (plans) {
            out["if"] = compared_json(*plans, compared, opened.zone);
        }
        ctx.out << cli::json_text(out);
        return;
    }
    // On a terminal, each line wraps to its width.
    const auto width = ctx.width();
    if (next == nullptr) {
        ctx.out << "no session coming up\n";
    } else {
        const cli::Painter paint(ctx.colour());
        auto line = fmt::format(
            "next session {} {}, {}", paint.bold(cli::human_date_time(next->start, today)),
            with_provider(opened.data(), *next->provider), cli::relative_days(in_days));
        if (gap) {
            line += fmt::format(": {} without a session since {}",
                                cli::plural(*gap->days, "day", "days"),
                                cli::human_date(gap->from, today));
            if (const auto what = describe_missed(opened.data(), gap->missed, today);
                !what.empty()) {
                line += " — " + what;
            }
        }
        ctx.out << cli::wrap(line, width) << "\n";
    }
    if (next != nullptr) {
        if (const auto warning =
                budget_warning(opened.data(), timeline, *next->provider, day_of(next->start));
            !warning.empty()) {
            ctx.out << cli::wrap(warning, width) << "\n";
        }
    }
    // What to bring up there.
    if (const auto topics = open_agenda(opened.data()); next != nullptr && !topics.empty()) {
        ctx.out << "to bring up:\n";
        for (const auto* item : topics) {
            ctx.out << cli::wrap(fmt::format("  {} {}", item->id, cli::printable(item->text)),
                                 width, item->id.size() + 3)
                    << "\n";
        }
    }
    // As it would be, after it is.
    for (const auto& c : compared) {
        ctx.out << cli::wrap(compared_text(*plans, c, today), width) << "\n";
    }
}

void run_next(const Options& opts, cli::Context& ctx) {
    if (!opts.plans.empty()) { // the plans change the data: all of it
        next_in(opts, ctx, *ctx.open(Store::Mode::read));
        return;
    }
    // The sessions around today, as sessions_around looks first (a file's future is short).
    const auto window = [](LocalDays today, const DayOfId&) {
        return std::pair{today - k_around_reach, today + k_around_reach};
    };
    ctx.read_window(window, [&](cli::Opened& opened) { next_in(opts, ctx, opened); });
}

} // namespace next_command

void setup_next(CLI::App& app, cli::Context& ctx) {
    using namespace next_command;
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("next", "The next session, how far off it is, and the gap before it");
    add_if_option(*cmd, opts->plans);
    cmd->footer(
        "Example: showup next\n"
        "Example: showup next --if skip fri   (three weeks off or two? nothing is written)");
    cmd->callback([opts, &ctx] { run_next(*opts, ctx); });
}

} // namespace showup::commands
