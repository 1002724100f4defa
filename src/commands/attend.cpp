#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace attend_command {

struct Options {
    std::string session;
    std::optional<int> late;
    std::optional<std::string> note;
    std::string through;
};

// Every unlogged session up to `through` becomes attended: years of history in one go.
void run_through(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto last = cli::parse_date(opts.through, opened->today());
    std::vector<Occurrence> unlogged;
    {
        const auto timeline = opened->timeline();
        const auto first = timeline.first_day();
        if (first) {
            for (const auto& o : timeline.between(*first, last)) {
                if (o.status == Status::unlogged) {
                    unlogged.push_back(o);
                }
            }
        }
    }
    if (unlogged.empty()) {
        throw Error(fmt::format("no unlogged session up to {}", format_date(last)));
    }
    const auto first_start = unlogged.front().start;
    const auto last_start = unlogged.back().start;
    attend_all(data, unlogged, opened->zone, opened->now);
    const auto today = opened->today();
    opened->store.commit(
        fmt::format("attend --through {} ({} sessions)", format_date(last), unlogged.size()),
        opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"attended", unlogged.size()},
                                   {"from", format_iso_offset(first_start, opened->zone)},
                                   {"to", format_iso_offset(last_start, opened->zone)}});
        return;
    }
    ctx.say(fmt::format("attended: {} from {} to {}",
                        cli::plural(static_cast<long>(unlogged.size()), "session", "sessions"),
                        cli::human_date_time(first_start, today),
                        cli::human_date_time(last_start, today)));
}

void run_attend(const Options& opts, cli::Context& ctx) {
    if (!opts.through.empty()) {
        if (!opts.session.empty() || opts.late || opts.note) {
            throw UsageError(
                "--through records many sessions: it takes no SESSION, --late or --note");
        }
        run_through(opts, ctx);
        return;
    }
    OutcomeRequest req;
    req.verb = "attend";
    req.session = opts.session;
    req.late_minutes = opts.late;
    req.note = opts.note;
    record_outcome(ctx, req);
}

} // namespace attend_command

void setup_attend(CLI::App& app, cli::Context& ctx) {
    using namespace attend_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("attend", "Record that a session was attended");
    cli::add_session_argument(*cmd, opts->session, false);
    cmd->add_option("--late", opts->late, "Minutes late")
        ->check(cli::whole_number(0, 24 * 60))
        ->type_name("MIN");
    cmd->add_option("--note", opts->note, "A note about the session")->type_name("TEXT");
    cmd->add_option("--through", opts->through,
                    "Record every unlogged session up to this date as attended")
        ->type_name("DATE");
    cmd->footer("Example: showup attend --late 5   (or: showup attend --through yesterday)");
    cmd->callback([opts, &ctx] { run_attend(*opts, ctx); });
}

} // namespace showup::commands
