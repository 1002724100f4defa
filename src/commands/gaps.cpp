#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"
#include "what_if.hpp"

namespace showup::commands {

namespace gaps_command {

struct Options {
    std::string from;
    std::string to;
    int min_days = k_default_gap_days;
    std::vector<std::string> plans; // --if
};

// The gaps as they would be with the plans, each beside the longest stretch over its days as
// things are: one table, a column NOW.
void run_what_if(const Options& opts, const cli::Opened& opened, const std::vector<Gap>& as_is,
                 LocalDays from, LocalDays to, cli::Context& ctx) {
    const auto plans = apply_plans(opts.plans, opened);
    std::vector<Compared> compared;
    for (const auto& g : gaps_between(plans.timeline(opened), from, to, opts.min_days)) {
        compared.push_back(compare(g, opened));
    }
    const auto today = opened.today();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& g : as_is) {
            list.push_back(gap_json(g, opened.zone));
        }
        ctx.out << cli::json_text(
            {{"gaps", list}, {"if", compared_json(plans, compared, opened.zone)}});
        return;
    }
    ctx.out << plans_text(plans) << ":\n";
    if (compared.empty()) {
        ctx.say(fmt::format("no gaps from {} to {}", cli::human_date(from, today),
                            cli::human_date(to, today)));
        return;
    }
    cli::Table table;
    table.header({"FROM", "TO", "DAYS", "NOW", "WHAT"});
    for (const auto& c : compared) {
        const auto& g = c.would_be;
        table.row({cli::human_date(g.from, today),
                   g.to ? cli::human_date(*g.to, today) : "(none yet)",
                   g.days ? std::to_string(*g.days) : "-",
                   c.instead_of_days ? std::to_string(*c.instead_of_days) : "-",
                   describe_missed(plans.data, g.missed, today, plans.planned)});
    }
    ctx.out << table.render(ctx.width());
}

// The days reported: --from (default today) to --to (default 90 days ahead).
std::pair<LocalDays, LocalDays> reported_days(const Options& opts, LocalDays today) {
    const auto from = opts.from.empty() ? today : cli::parse_date(opts.from, today);
    const auto to =
        opts.to.empty() ? std::max(from, today) + date::days{90} : cli::parse_date(opts.to, today);
    cli::check_window(from, to);
    return {from, to};
}

void gaps_in(const Options& opts, cli::Context& ctx, cli::Opened& opened) {
    const auto timeline = opened.timeline();
    const auto today = opened.today();
    const auto reported = reported_days(opts, today);
    const auto from = reported.first;
    const auto to = reported.second;
    const auto found = gaps_between(timeline, from, to, opts.min_days);
    if (!opts.plans.empty()) {
        run_what_if(opts, opened, found, from, to, ctx);
        return;
    }
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& g : found) {
            list.push_back(gap_json(g, opened.zone));
        }
        ctx.out << cli::json_text({{"gaps", list}});
        return;
    }
    if (found.empty()) {
        ctx.say(fmt::format("no gaps from {} to {}", cli::human_date(from, today),
                            cli::human_date(to, today)));
        return;
    }
    const cli::Painter paint(ctx.colour());
    cli::Table table;
    table.header({"FROM", "TO", "DAYS", "WHAT"});
    for (const auto& g : found) {
        const auto days = g.days ? std::to_string(*g.days) : "-";
        const auto what = describe_missed(opened.data(), g.missed, today);
        table.row({cli::human_date(g.from, today),
                   g.to ? cli::human_date(*g.to, today) : "(none yet)", days,
                   what.empty() ? (g.to ? "no session scheduled" : "no session expected after this")
                                : what});
    }
    ctx.out << table.render(ctx.width());
}

void run_gaps(const Options& opts, cli::Context& ctx) {
    if (!opts.plans.empty()) { // the plans change the data: all of it
        gaps_in(opts, ctx, *ctx.open(Store::Mode::read));
        return;
    }
    const auto window = [&](LocalDays today, const DayOfId&) {
        const auto days = reported_days(opts, today);
        const auto from = days.first;
        const auto to = days.second;
        return std::pair{from - k_around_reach, to + k_around_reach};
    };
    ctx.read_window(window, [&](cli::Opened& opened) { gaps_in(opts, ctx, opened); });
}

} // namespace gaps_command

void setup_gaps(CLI::App& app, cli::Context& ctx) {
    using namespace gaps_command;
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("gaps", "Stretches without a session (default: today to 90 days ahead)");
    cmd->add_option("--from", opts->from, "First day (default: today)")->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day (default: 90 days ahead)")->type_name("DATE");
    cmd->add_option("--min-days", opts->min_days,
                    "A stretch longer than this is a gap even with nothing missed")
        ->check(cli::whole_number(1, 3650))
        ->type_name("N");
    add_if_option(*cmd, opts->plans);
    cmd->footer("Example: showup gaps --from 2026-01-01 --to 2026-12-31\n"
                "Example: showup gaps --if skip 2026-11-27 --if away 2027-02-01 2027-02-07");
    cmd->callback([opts, &ctx] { run_gaps(*opts, ctx); });
}

} // namespace showup::commands
