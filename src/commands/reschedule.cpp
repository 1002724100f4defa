#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace {

struct Options {
    std::string session;
    std::vector<std::string> to;
    std::string by = "me";
    std::string reason;
};

// The old slot becomes `rescheduled`; the new one is a one-off linked back to it.
void run_reschedule(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto today = opened->today();
    const auto timeline = opened->timeline();
    const auto o = cli::resolve_session(timeline, opts.session);
    if (o.status == Status::rescheduled) {
        throw Error(fmt::format("{} was moved to {} already; reschedule that one", o.id(),
                                o.record->rescheduled_to));
    }
    // A date alone keeps the time of day.
    const auto start =
        cli::parse_date_time(join_words(opts.to), today, opened->zone, o.start - day_of(o.start));
    if (start == o.start) {
        throw UsageError("the new time is the session's own time");
    }
    refuse_double_booking(timeline, *o.provider, start);
    const auto from_when = cli::human_date_time(o.start, today);
    Session moved;
    moved.id = fmt::format("o{}", data.next_ids.session++);
    moved.start = start;
    moved.duration = o.duration;
    moved.provider = *o.provider;
    moved.rescheduled_from = o.id();
    auto& old = record_of(data, o);
    old.rescheduled_to = moved.id;
    old.moved_by = opts.by;
    old.reason = opts.reason;
    old.outcome.reset();
    old.late_minutes = 0;
    old.no_show = false;
    data.sessions.push_back(moved);
    const auto to_when = cli::human_date_time(start, today);
    opened->store.commit(fmt::format("reschedule {} to {}", from_when, to_when), opened->now);
    print_session(ctx, *opened, moved.id,
                  fmt::format("moved {} ({}) to {} ({}){}", from_when, moved.rescheduled_from,
                              to_when, moved.id, opts.by == "provider" ? ", by the provider" : ""));
}

} // namespace

void setup_reschedule(CLI::App& app, cli::Context& ctx) {
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("reschedule", "Move a session; the old slot is kept as moved");
    cli::add_session_argument(*cmd, opts->session, true);
    cmd->add_option("--to", opts->to, "The new date and time (a date alone keeps the time)")
        ->required()
        ->expected(1, 3)
        ->type_name("WHEN");
    cli::add_choice(*cmd, "--by", opts->by, {"me", "provider"}, "Who moved it (default: me)");
    cmd->add_option("--reason", opts->reason, "Why")->type_name("TEXT");
    cmd->footer("Example: showup reschedule next --to \"thu 18:00\" --by provider");
    cmd->callback([opts, &ctx] { run_reschedule(*opts, ctx); });
}

} // namespace showup::commands
