#include <fmt/format.h>

#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace {

void run_streak(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto first = timeline.first_day();
    const auto result = first ? streaks(timeline.between(*first, today)) : Streaks{};
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"current",
                                    {{"sessions", result.current.sessions},
                                     {"since", cli::date_or_null(result.current.from)}}},
                                   {"longest",
                                    {{"sessions", result.longest.sessions},
                                     {"from", cli::date_or_null(result.longest.from)},
                                     {"to", cli::date_or_null(result.longest.to)}}}});
        return;
    }
    const cli::Painter paint(ctx.colour());
    if (result.current.sessions > 0) {
        ctx.out << fmt::format(
            "{} since {}\n",
            paint.status(Status::attended,
                         fmt::format("{} in a row",
                                     cli::plural(result.current.sessions, "session", "sessions"))),
            cli::human_date(*result.current.from, today));
    } else {
        ctx.out << "no current streak: the last session you went to is behind a skipped one\n";
    }
    if (result.longest.sessions == 0) {
        ctx.out << "no attended sessions yet\n";
    } else if (result.longest.from == result.current.from && result.current.sessions > 0) {
        ctx.out << "the longest ever\n";
    } else {
        ctx.out << fmt::format("longest: {}, {} – {}\n",
                               cli::plural(result.longest.sessions, "session", "sessions"),
                               cli::human_date(*result.longest.from, today),
                               cli::human_date(*result.longest.to, today));
    }
}

} // namespace

void setup_streak(CLI::App& app, cli::Context& ctx) {
    auto* cmd =
        app.add_subcommand("streak", "Sessions attended in a row: now, and the longest ever");
    cmd->footer("Example: showup streak --json");
    cmd->callback([&ctx] { run_streak(ctx); });
}

} // namespace showup::commands
