#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace unlog_command {

struct Options {
    std::vector<std::string> sessions;
    std::string from;
    std::string to;
};

// The sessions named, or every session with a recorded outcome in the window.
std::vector<Occurrence> chosen(const Options& opts, const Timeline& timeline) {
    std::vector<Occurrence> out;
    if (opts.from.empty() != opts.to.empty()) {
        throw UsageError("--from and --to go together");
    }
    if (!opts.from.empty()) {
        if (!opts.sessions.empty()) {
            throw UsageError("give SESSIONs or --from and --to, not both");
        }
        const auto from = cli::parse_date(opts.from, timeline.today());
        const auto to = cli::parse_date(opts.to, timeline.today());
        cli::check_window(from, to);
        for (const auto& o : timeline.between(from, to)) {
            if (o.record != nullptr && o.record->outcome) {
                out.push_back(o);
            }
        }
        if (out.empty()) {
            throw Error(fmt::format("no session from {} to {} has a recorded outcome",
                                    format_date(from), format_date(to)));
        }
        return out;
    }
    if (opts.sessions.empty()) {
        throw UsageError("name the sessions to unlog, or give --from and --to");
    }
    for (const auto& text : opts.sessions) {
        auto o = cli::resolve_session(timeline, text);
        const auto id = o.id();
        if (std::none_of(out.begin(), out.end(),
                         [&](const Occurrence& x) { return x.id() == id; })) {
            out.push_back(std::move(o));
        }
    }
    return out;
}

// The days of the sessions named (cli::session_window), or --from to --to, with as many days
// before them as a change to one session reads; nullopt (the whole file, which then says what
// is wrong) when they are not known before it is read.
std::optional<std::pair<LocalDays, LocalDays>> unlog_window(const Options& opts, LocalDays today,
                                                            const DayOfId& day_of) {
    if (!opts.from.empty() || !opts.to.empty()) {
        const auto from = cli::parse_date(opts.from, today);
        const auto to = cli::parse_date(opts.to, today);
        if (to < from) {
            return std::nullopt;
        }
        return std::pair{from - k_around_reach, to};
    }
    std::optional<std::pair<LocalDays, LocalDays>> days;
    for (const auto& text : opts.sessions) {
        const auto one = cli::session_window(text, today, day_of);
        if (!one) {
            return std::nullopt;
        }
        days =
            days ? std::pair{std::min(days->first, one->first), std::max(days->second, one->second)}
                 : *one;
    }
    return days;
}

void unlog_in(const Options& opts, cli::Context& ctx, cli::Opened& opened) {
    auto& data = opened.data();
    const auto today = opened.today();
    std::vector<SessionChange> changes;
    std::vector<std::string> whens;
    {
        const auto timeline = opened.timeline();
        const auto list = chosen(opts, timeline);
        for (const auto& o : list) {
            whens.push_back(cli::human_date_time(o.start, today));
        }
        changes = unlog(data, list);
    }
    opened.store.commit(changes.size() == 1
                            ? fmt::format("unlog {}", whens.front())
                            : fmt::format("unlog {} sessions ({} – {})", changes.size(),
                                          whens.front(), whens.back()),
                        opened.now);
    // A session after its schedule's end was there only for its record: with that gone, so is
    // it (its id alone, as print_session gives it).
    const auto timeline = opened.timeline();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& c : changes) {
            const auto o = timeline.find(c.id);
            auto j = o ? cli::session_json(*o, opened.zone) : nlohmann::ordered_json{{"id", c.id}};
            j["replaced"] = cli::session_json(timeline.from_record(*c.before), opened.zone);
            list.push_back(j);
        }
        ctx.out << cli::json_text({{"sessions", list}});
        return;
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto o = timeline.find(changes[i].id);
        ctx.say(fmt::format("unlogged: {} ({}), now {}{}", whens[i], changes[i].id,
                            o ? status_name(o->status)
                              : std::string_view("gone, after its schedule's end"),
                            was_text(changes[i])));
    }
}

// On a file of decades, the sessions outside the days it reads are written back as text.
void run_unlog(const Options& typed, cli::Context& ctx) {
    auto opts = typed;
    opts.sessions = cli::session_words(typed.sessions);
    ctx.write_window(
        [&](LocalDays today, const DayOfId& day_of) { return unlog_window(opts, today, day_of); },
        [&](cli::Opened& opened) { unlog_in(opts, ctx, opened); });
}

} // namespace unlog_command

void setup_unlog(CLI::App& app, cli::Context& ctx) {
    using namespace unlog_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("unlog", "Take recorded outcomes off again; notes stay");
    cmd->add_option(cli::k_session_value, opts->sessions,
                    "Sessions: ids, dates, date-times, 'last' or 'next'");
    cmd->add_option("--from", opts->from, "Every recorded session from this day ...")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "... to this day (both included)")->type_name("DATE");
    cmd->footer("Example: showup unlog 2026-11-23   (or: showup unlog --from 2026-12-01 --to "
                "2026-12-14)");
    cmd->callback([opts, &ctx] { run_unlog(*opts, ctx); });
}

} // namespace showup::commands
