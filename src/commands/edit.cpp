#include <algorithm>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace edit_command {

struct Options {
    std::string session;
    std::optional<std::string> note;
    std::optional<std::string> reason;
    std::optional<int> late;
    std::optional<int> duration;
    std::optional<std::string> provider;
    bool no_show = false;
    bool with_notice = false;
};

// "note \"old\" -> \"new\"" for each field that changed.
std::string changes_text(const Session& before, const Session& after, const Data& data) {
    std::vector<std::string> parts;
    auto words = [&](const char* name, const std::string& a, const std::string& b) {
        if (a != b) {
            parts.push_back(fmt::format("{} {} -> {}", name,
                                        a.empty() ? "none" : "\"" + cli::printable(a) + "\"",
                                        b.empty() ? "none" : "\"" + cli::printable(b) + "\""));
        }
    };
    words("note", before.note, after.note);
    words("reason", before.reason, after.reason);
    if (before.late_minutes != after.late_minutes) {
        parts.push_back(fmt::format("late {} -> {} min", before.late_minutes, after.late_minutes));
    }
    if (before.duration != after.duration) {
        parts.push_back(fmt::format("duration {} -> {} min", before.duration, after.duration));
    }
    if (before.provider != after.provider) {
        parts.push_back(fmt::format("provider {} -> {}", with_provider(data, before.provider),
                                    with_provider(data, after.provider)));
    }
    if (before.no_show != after.no_show) {
        parts.push_back(after.no_show ? "now without notice" : "now with notice");
    }
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

void run_edit(const Options& opts, cli::Context& ctx) {
    if (opts.no_show && opts.with_notice) {
        throw UsageError("--no-show and --with-notice say opposite things: give one");
    }
    // The session's days are read; on a file of decades, the others are written back as text.
    const auto days = [&](LocalDays today, const DayOfId& day_of) {
        return cli::session_window(opts.session, today, day_of);
    };
    ctx.write_window(days, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto today = opened.today();
        const auto timeline = opened.timeline();
        const auto o = cli::resolve_session(timeline, opts.session);
        EditInput in;
        in.note = opts.note;
        in.reason = opts.reason;
        in.late_minutes = opts.late;
        in.duration = opts.duration;
        if (opts.provider) {
            in.provider = pick_provider(data, *opts.provider, ctx.habits()).id;
        }
        if (opts.no_show || opts.with_notice) {
            in.no_show = opts.no_show;
        }
        // As it is before the edit: a record made from its slot when nothing was recorded yet.
        Session before;
        if (o.record != nullptr) {
            before = *o.record;
        } else {
            before.duration = o.duration;
            before.provider = *o.provider;
        }
        const auto when = cli::human_date_time(o.start, today);
        const auto change = edit_session(data, timeline, o, in);
        if (!opened.store.commit(fmt::format("edit {}", when), opened.now)) {
            throw Error(fmt::format("{} is like that already; nothing changed", change.id));
        }
        // Its record was read with the window's (the session was found there): when it is not
        // among them now, the edit left nothing to keep, and it went.
        const auto after = std::find_if(data.sessions.begin(), data.sessions.end(),
                                        [&](const Session& s) { return s.id == change.id; });
        Session now_record = after != data.sessions.end() ? *after : Session{};
        if (after == data.sessions.end()) {
            // The plain slot of its schedule (`o` named the record, which is gone: a record goes
            // only when it says what the schedule says).
            now_record.duration = o.schedule != nullptr ? o.schedule->duration : before.duration;
            now_record.provider = o.schedule != nullptr ? o.schedule->provider : before.provider;
        }
        print_session(ctx, opened, change.id,
                      fmt::format("edited {} ({}): {}", when, change.id,
                                  changes_text(before, now_record, data)),
                      &change);
    });
}

} // namespace edit_command

void setup_edit(CLI::App& app, cli::Context& ctx) {
    using namespace edit_command;
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("edit", "Change a session's note, reason, lateness, length or provider");
    cli::add_session_argument(*cmd, opts->session, true);
    cmd->add_option("--note", opts->note, "A new note (\"\" clears it)")->type_name("TEXT");
    cmd->add_option("--reason", opts->reason,
                    "A new reason, for a skipped, cancelled or moved session (\"\" clears it)")
        ->type_name("TEXT");
    cmd->add_option("--late", opts->late, "Minutes late, for an attended session")
        ->check(cli::whole_number(0, 24 * 60))
        ->type_name("MIN");
    cmd->add_option("--duration", opts->duration, "Minutes")
        ->check(cli::whole_number(1, 24 * 60))
        ->type_name("MIN");
    cmd->add_option("--provider", opts->provider, "Another provider (id or name)")
        ->type_name(cli::k_provider_value);
    cmd->add_flag("--no-show", opts->no_show, "A skipped session was without notice");
    cmd->add_flag("--with-notice", opts->with_notice, "A skipped session was with notice");
    cmd->footer("Example: showup edit last --note \"talked about the exam\"");
    cmd->callback([opts, &ctx] { run_edit(*opts, ctx); });
}

} // namespace showup::commands
