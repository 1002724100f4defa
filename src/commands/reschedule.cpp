#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace reschedule_command {

struct Options {
    std::string session;
    std::vector<std::string> to;
    std::string by = "me";
    std::optional<std::string> reason;
};

// The days a move reads: those of the session, and the new day when --to names one (a time
// alone keeps the session's day), with all between.
std::optional<std::pair<LocalDays, LocalDays>> move_window(const Options& opts, LocalDays today,
                                                           const DayOfId& day_of) {
    auto days = cli::session_window(opts.session, today, day_of);
    if (!days) {
        return std::nullopt;
    }
    // A date named gives the same day whatever the default day is.
    const auto to = cli::join_words(opts.to);
    const auto named = showup::day_of(cli::parse_local_date_time(to, today, Minutes{0}, today));
    if (named ==
        showup::day_of(cli::parse_local_date_time(to, today, Minutes{0}, today + date::days{1}))) {
        days->first = std::min(days->first, named);
        days->second = std::max(days->second, named);
    }
    return days;
}

// The old slot becomes `rescheduled`; the new one is a one-off linked back to it. On a file of
// decades, the sessions outside the days it reads are written back as text.
void run_reschedule(const Options& opts, cli::Context& ctx) {
    const auto days = [&](LocalDays today, const DayOfId& day_of) {
        return move_window(opts, today, day_of);
    };
    ctx.write_window(days, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto today = opened.today();
        const auto timeline = opened.timeline();
        const auto o = cli::resolve_session(timeline, opts.session);
        // A time alone keeps the session's day; a date alone keeps its time.
        const auto start = cli::parse_date_time(cli::join_words(opts.to), today, opened.zone,
                                                o.start - day_of(o.start), day_of(o.start));
        const auto from_when = cli::human_date_time(o.start, today);
        const auto moved = showup::reschedule(data, timeline, o, start, opts.by, opts.reason);
        const auto to_when = cli::human_date_time(start, today);
        opened.store.commit(fmt::format("reschedule {} to {}", from_when, to_when), opened.now);
        print_session(
            ctx, opened, moved.to.id,
            fmt::format("moved {} ({}) to {} ({}){}{}{}", from_when, moved.from.id, to_when,
                        moved.to.id, opts.by == "provider" ? ", by the provider" : "",
                        was_text(moved.from), inside_absence_text(data, moved.to.absence, today)),
            &moved.from);
    });
}

} // namespace reschedule_command

void setup_reschedule(CLI::App& app, cli::Context& ctx) {
    using namespace reschedule_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("reschedule", "Move a session; the old slot is kept as moved");
    cli::add_session_argument(*cmd, opts->session, true);
    cmd->add_option("--to", opts->to,
                    "The new date and time (a date alone keeps the time, a time alone the day)")
        ->required()
        ->expected(1, 3)
        ->type_name("WHEN");
    cli::add_choice(*cmd, "--by", opts->by, {"me", "provider"}, "Who moved it (default: me)");
    cmd->add_option("--reason", opts->reason, "Why")->type_name("TEXT");
    cmd->footer("Example: showup reschedule next --to \"thu 18:00\" --by provider");
    cmd->callback([opts, &ctx] { run_reschedule(*opts, ctx); });
}

} // namespace showup::commands
