#include <fmt/format.h>

#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace streak_command {

// The skip that ended the last run: the latest one that has started.
const Occurrence* last_skip(const std::vector<Occurrence>& sessions) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
        if (it->started && it->status == Status::skipped) {
            return &*it;
        }
    }
    return nullptr;
}

void run_streak(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto first = timeline.first_day();
    const auto sessions = first ? timeline.between(*first, today) : std::vector<Occurrence>{};
    const auto result = streaks(sessions);
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
    } else if (result.longest.sessions == 0) {
        ctx.out << "no sessions attended yet\n";
        return;
    } else if (const auto* skip = last_skip(sessions)) {
        ctx.out << fmt::format("no current streak: the run ended on {}, when you skipped\n",
                               cli::human_date(day_of(skip->start), today));
    }
    if (result.longest.from == result.current.from && result.current.sessions > 0) {
        ctx.out << "the longest ever\n";
    } else {
        ctx.out << fmt::format("longest: {}, {} – {}\n",
                               cli::plural(result.longest.sessions, "session", "sessions"),
                               cli::human_date(*result.longest.from, today),
                               cli::human_date(*result.longest.to, today));
    }
}

} // namespace streak_command

void setup_streak(CLI::App& app, cli::Context& ctx) {
    using namespace streak_command;
    auto* cmd =
        app.add_subcommand("streak", "Sessions attended in a row: now, and the longest ever");
    cmd->footer("Example: showup streak --json");
    cmd->callback([&ctx] { run_streak(ctx); });
}

} // namespace showup::commands
