#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace add_command {

struct Options {
    std::vector<std::string> when;
    std::optional<int> duration;
    std::string provider;
    std::string note;
};

void run_add(const Options& opts, cli::Context& ctx) {
    // Its day is read (to refuse a double booking), with as many days before it as a change to
    // a session reads; on a file of decades, the other sessions are written back as text.
    const auto days = [&](LocalDays today, const DayOfId&) {
        const auto day = day_of(cli::parse_local_date_time(cli::join_words(opts.when), today));
        return std::optional(std::pair{day - k_around_reach, day});
    };
    ctx.write_window(days, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto today = opened.today();
        const auto start = cli::parse_date_time(cli::join_words(opts.when), today, opened.zone);
        const auto& provider = pick_provider(data, opts.provider, ctx.habits());
        const auto duration = opts.duration.value_or(provider.duration);
        const auto placed =
            add_session(data, opened.timeline(), provider.id, start, duration, opts.note);
        const auto when = cli::human_date_time(start, today);
        opened.store.commit(fmt::format("add {}", when), opened.now);
        print_session(ctx, opened, placed.id,
                      fmt::format("added {}: {} {}, {} min{}", placed.id, when,
                                  with_provider(data, provider.id), duration,
                                  inside_absence_text(data, placed.absence, today)));
    });
}

} // namespace add_command

void setup_add(CLI::App& app, cli::Context& ctx) {
    using namespace add_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("add", "Add a one-off session (an extra one in a hard week)");
    cmd->add_option("WHEN", opts->when,
                    "Date and time (2026-11-26 10:00, tomorrow 10am, thu 17:30)")
        ->required();
    cmd->add_option("--duration", opts->duration, "Minutes (default: the provider's)")
        ->check(cli::whole_number(1, 24 * 60))
        ->type_name("MIN");
    cli::add_provider_option(*cmd, opts->provider);
    cmd->add_option("--note", opts->note, "A note about the session")->type_name("TEXT");
    cmd->footer("Example: showup add thu 10am --note \"extra session before the exam\"");
    cmd->callback([opts, &ctx] { run_add(*opts, ctx); });
}

} // namespace showup::commands
