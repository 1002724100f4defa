#include <fmt/format.h>

#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace streak_command {

// The session that ended the last run: the latest skip or late cancellation that has started.
const Occurrence* last_break(const std::vector<Occurrence>& sessions) {
    for (auto it = sessions.rbegin(); it != sessions.rend(); ++it) {
        if (it->started && breaks_streak(it->status)) {
            return &*it;
        }
    }
    return nullptr;
}

nlohmann::ordered_json streak_json(const Streaks& result, const WeekStreaks& weeks) {
    return {{"current",
             {{"sessions", result.current.sessions},
              {"since", cli::date_or_null(result.current.from)}}},
            {"longest",
             {{"sessions", result.longest.sessions},
              {"from", cli::date_or_null(result.longest.from)},
              {"to", cli::date_or_null(result.longest.to)}}},
            {"weeks",
             {{"current",
               {{"weeks", weeks.current.weeks}, {"since", cli::date_or_null(weeks.current.from)}}},
              {"longest",
               {{"weeks", weeks.longest.weeks},
                {"from", cli::date_or_null(weeks.longest.from)},
                {"to", cli::date_or_null(weeks.longest.to)}}}}}};
}

// "12 weeks in a row with a session, since Mon 13 May 2024 (the longest ever)", and the
// longest run when it is another.
std::string weeks_text(const WeekStreaks& weeks, LocalDays today) {
    if (weeks.longest.weeks == 0) {
        return {};
    }
    const auto longest = fmt::format(
        "{} in a row with a session, {} – {}", cli::plural(weeks.longest.weeks, "week", "weeks"),
        cli::human_date(*weeks.longest.from, today), cli::human_date(*weeks.longest.to, today));
    if (weeks.current.weeks == 0) {
        return fmt::format("longest: {}", longest);
    }
    const auto current = fmt::format("{} in a row with a session, since {}",
                                     cli::plural(weeks.current.weeks, "week", "weeks"),
                                     cli::human_date(*weeks.current.from, today));
    if (weeks.longest.from == weeks.current.from) {
        return fmt::format("{} (the longest ever)", current);
    }
    return fmt::format("{}\nlongest: {}", current, longest);
}

void run_streak(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto first = timeline.first_day();
    const auto sessions = first ? timeline.between(*first, today) : std::vector<Occurrence>{};
    const auto result = streaks(sessions);
    if (ctx.options.json) {
        ctx.out << cli::json_text(streak_json(result, week_streaks(sessions, date::Monday)));
        return;
    }
    // JSON always counts from Monday (ISO 8601); people's weeks start on their day.
    const auto weeks = week_streaks(sessions, ctx.habits().week_start);
    const cli::Painter paint(ctx.colour());
    if (result.current.sessions > 0) {
        ctx.say(fmt::format(
            "{} since {}",
            paint.status(Status::attended,
                         fmt::format("{} in a row",
                                     cli::plural(result.current.sessions, "session", "sessions"))),
            cli::human_date(*result.current.from, today)));
    } else if (result.longest.sessions == 0) {
        ctx.out << "no sessions attended yet\n";
        return;
    } else if (const auto* end = last_break(sessions)) {
        ctx.say(fmt::format("no current streak: the run ended on {}, when you {}",
                            cli::human_date(day_of(end->start), today),
                            end->status == Status::skipped ? "skipped" : "cancelled late"));
    }
    if (result.longest.from == result.current.from && result.current.sessions > 0) {
        ctx.out << "the longest ever\n";
    } else {
        ctx.say(fmt::format("longest: {}, {} – {}",
                            cli::plural(result.longest.sessions, "session", "sessions"),
                            cli::human_date(*result.longest.from, today),
                            cli::human_date(*result.longest.to, today)));
    }
    if (const auto text = weeks_text(weeks, today); !text.empty()) {
        ctx.say(text);
    }
}

} // namespace streak_command

void setup_streak(CLI::App& app, cli::Context& ctx) {
    using namespace streak_command;
    auto* cmd =
        app.add_subcommand("streak", "Sessions and weeks attended in a row, now and longest");
    cmd->footer("Example: showup streak --json");
    cmd->callback([&ctx] { run_streak(ctx); });
}

} // namespace showup::commands
