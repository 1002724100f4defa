#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "cli/completion.hpp"
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace completions_command {

struct Options {
    std::string shell;
    std::string list;
    bool describe = false;
};

// Sessions offered are those this many days either side of today, as `list` shows them.
constexpr date::days k_session_window{28};

// One value a shell may offer, and what it is.
struct Item {
    std::string value;
    std::string description;
};

std::vector<Item> provider_items(const Data& d) {
    std::vector<Item> out;
    for (const auto& p : d.providers) {
        out.push_back({p.id, p.name});
    }
    return out;
}

std::vector<Item> schedule_items(const Data& d) {
    std::vector<Item> out;
    for (const auto& s : d.schedules) {
        std::string days;
        for (auto wd : s.days()) {
            days += (days.empty() ? "" : ",") + std::string(weekday_name(wd));
        }
        out.push_back({s.id, fmt::format("{} {}, {}{}", days, cli::human_time(s.at), s.provider,
                                         s.until ? ", until " + format_date(*s.until) : "")});
    }
    return out;
}

std::vector<Item> absence_items(const Data& d) {
    std::vector<Item> out;
    for (const auto& a : d.absences) {
        out.push_back({a.id, fmt::format("{} to {}, {}{}", format_date(a.from), format_date(a.to),
                                         a.mine ? "you" : a.provider,
                                         a.reason.empty() ? "" : ": " + a.reason)});
    }
    return out;
}

std::vector<Item> contact_items(const Data& d) {
    std::vector<Item> out;
    for (const auto& c : d.contacts) {
        out.push_back({c.id, fmt::format("{} {} {}", c.kind, format_local(c.at), c.provider)});
    }
    return out;
}

std::vector<Item> topic_items(const Data& d) {
    std::vector<Item> out;
    for (const auto& t : d.agenda) {
        out.push_back({t.id, t.open() ? t.text : "(done) " + t.text});
    }
    return out;
}

// The sessions near now, nearest first (recent and upcoming before older and later ones),
// then the dates that name one session, and the words a SESSION also takes.
std::vector<Item> session_items(const Data& d, cli::Context& ctx) {
    const auto zone = Zone::locate(d.timezone);
    const Timeline timeline(d, zone, ctx.now(zone));
    const auto today = timeline.today();
    auto near = timeline.between(today - k_session_window, today + k_session_window);
    const auto now = zone.to_local(ctx.now(zone));
    const auto distance = [&](const Occurrence& o) {
        return o.start < now ? now - o.start : o.start - now;
    };
    std::stable_sort(near.begin(), near.end(), [&](const Occurrence& a, const Occurrence& b) {
        return distance(a) < distance(b);
    });
    std::vector<Item> out{{"last", "the most recent session that has started"},
                          {"next", "the next session with nothing recorded"}};
    std::map<LocalDays, std::vector<const Occurrence*>> by_day;
    for (const auto& o : near) {
        out.push_back({o.id(), fmt::format("{}, {}, {}", cli::human_date_time(o.start, today),
                                           *o.provider, status_name(o.status))});
        by_day[date::floor<date::days>(o.start)].push_back(&o);
    }
    // A date names a session when one session is on it, or one that was not moved away.
    for (const auto& o : near) {
        auto& those = by_day[date::floor<date::days>(o.start)];
        std::vector<const Occurrence*> kept;
        std::copy_if(those.begin(), those.end(), std::back_inserter(kept),
                     [](const Occurrence* x) { return x->status != Status::rescheduled; });
        const auto* one = those.size() == 1  ? those.front()
                          : kept.size() == 1 ? kept.front()
                                             : nullptr;
        if (one != nullptr) {
            out.push_back(
                {format_date(date::floor<date::days>(o.start)),
                 fmt::format("{} ({})", one->id(), cli::human_date_time(one->start, today))});
        }
        those.clear(); // each date once
    }
    return out;
}

std::vector<Item> zone_items() {
    std::vector<Item> out;
    for (auto& name : Zone::names()) {
        out.push_back({std::move(name), ""});
    }
    return out;
}

// Live values for completion: read-only, reading only the part of the file they list, and
// quiet when there is no file yet.
std::vector<Item> items(const std::string& kind, const CLI::App& root, cli::Context& ctx) {
    if (kind == "commands") {
        std::vector<Item> out;
        for (const auto& path : cli::command_paths(root)) {
            out.push_back({path, ""});
        }
        return out;
    }
    if (kind == "zones") {
        return zone_items();
    }
    Parts parts;
    parts.providers = kind == "providers" || kind == "sessions";
    parts.schedules = kind == "schedules" || kind == "sessions";
    parts.absences = kind == "absences" || kind == "sessions";
    parts.contacts = kind == "contacts";
    parts.agenda = kind == "topics";
    if (kind == "sessions") {
        // The days of the window in any zone: the file's zone is known only once it is read.
        const auto today = date::floor<date::days>(std::chrono::system_clock::now());
        const auto pinned = ctx.now(Zone::locate("UTC"));
        const auto around = date::floor<date::days>(pinned);
        const date::days margin = k_session_window + date::days{2};
        parts.sessions = {LocalDays{(std::min(today, around) - margin).time_since_epoch()},
                          LocalDays{(std::max(today, around) + margin).time_since_epoch()}};
    }
    const auto data = peek_data(ctx.data_path(), parts);
    if (kind == "providers") {
        return provider_items(data);
    }
    if (kind == "schedules") {
        return schedule_items(data);
    }
    if (kind == "absences") {
        return absence_items(data);
    }
    if (kind == "contacts") {
        return contact_items(data);
    }
    if (kind == "topics") {
        return topic_items(data);
    }
    return session_items(data, ctx);
}

void run_completions(const Options& opts, const CLI::App& root, cli::Context& ctx) {
    if (!opts.list.empty()) {
        for (const auto& item : items(opts.list, root, ctx)) {
            // A description is for the eye: one line, no tab, no control characters.
            auto description = cli::printable(item.description);
            std::replace(description.begin(), description.end(), '\t', ' ');
            ctx.out << cli::printable(item.value)
                    << (opts.describe && !description.empty() ? "\t" + description : "") << "\n";
        }
        return;
    }
    if (opts.shell.empty()) {
        throw UsageError("say which shell: showup completions bash|zsh|fish");
    }
    ctx.out << cli::completion_script(root, opts.shell);
}

} // namespace completions_command

void setup_completions(CLI::App& app, cli::Context& ctx) {
    using namespace completions_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("completions", "Print a shell completion script");
    cmd->group(""); // hidden: the shipped files in completions/ are what people install
    cmd->add_option("SHELL", opts->shell, "bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_option("--list", opts->list, "Print values for completion, one a line")
        ->check(CLI::IsMember({"providers", "schedules", "absences", "contacts", "topics",
                               "sessions", "zones", "commands"}));
    cmd->add_flag("--describe", opts->describe,
                  "With --list: each value, a tab, and what it is (for zsh and fish)");
    cmd->footer(
        "Example: showup completions bash > ~/.local/share/bash-completion/completions/showup");
    cmd->callback([opts, &app, &ctx] { run_completions(*opts, app, ctx); });
}

} // namespace showup::commands
