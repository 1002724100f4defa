#include <span>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace summary_command {

struct Options {
    std::string from;
    std::string to;
    std::string by;
};

nlohmann::ordered_json summary_json(const Summary& s, long contacts) {
    using json = nlohmann::ordered_json;
    json counts;
    for (auto st : k_statuses_in_report_order) {
        counts[std::string(status_name(st))] = s.counts.of(st);
    }
    auto rate = s.counts.attendance_rate();
    // Four decimals, but never 0 or 1 when it is not: 99999 of 100000 is not all.
    if (const auto rounded = rate ? cli::rounded(*rate, 10000) : 0.0;
        rate && ((rounded > 0 && rounded < 1) || rounded == *rate)) {
        rate = rounded;
    }
    return {
        {"counts", counts},
        {"attendance_rate", rate ? json(*rate) : json(nullptr)},
        {"late", {{"sessions", s.counts.late_sessions}, {"minutes", s.counts.late_minutes}}},
        {"longest_streak", s.longest_streak},
        {"longest_gap_days", s.longest_gap_days ? json(*s.longest_gap_days) : json(nullptr)},
        {"fees",
         {{"sessions", s.counts.fee_sessions}, {"total", cli::format_amount(s.counts.fee_cents)}}},
        {"contacts", contacts}};
}

long could_go(const Counts& c) {
    return c.of(Status::attended) + c.of(Status::skipped) + c.of(Status::late_cancel);
}

std::string rate_text(const Counts& c) {
    return could_go(c) > 0 ? cli::percent(c.of(Status::attended), could_go(c)) : "-";
}

// The key a day is grouped under with --by month or year.
std::string period_key(LocalDays day, const std::string& by) {
    const auto text = format_date(day);
    return by == "year" ? text.substr(0, 4) : text.substr(0, 7);
}

// The key a session is grouped under with --by.
std::string group_key(const Occurrence& o, const std::string& by) {
    return by == "provider" ? *o.provider : period_key(day_of(o.start), by);
}

// The window a summary covers: all time, or the days asked for, and the longest streak of all
// time beside the window's.
struct Window {
    std::optional<LocalDays> from;
    LocalDays to;
    bool all_time = true;
    int longest_streak_all_time = 0;
};

void print_text(cli::Context& ctx, const Summary& s, const Window& w, LocalDays today,
                long contacts) {
    const cli::Painter paint(ctx.colour());
    const auto days = w.from ? fmt::format("{} – {}", cli::human_date(*w.from, today),
                                           cli::human_date(w.to, today))
                             : std::string("no sessions yet");
    ctx.out << (w.all_time ? "all time: " : "window: ") << days << "\n";
    cli::Table table;
    for (auto st : k_statuses_in_report_order) {
        const auto name = std::string(status_name(st));
        table.row({paint.status(st, name), std::to_string(s.counts.of(st))}, {name.size()});
    }
    ctx.out << table.render();
    const auto attended = s.counts.of(Status::attended);
    const auto total = could_go(s.counts);
    ctx.say(
        fmt::format("attendance: {}{}", rate_text(s.counts),
                    total > 0 ? fmt::format(" ({} of {} you could go to)", attended, total) : ""));
    ctx.say(fmt::format("late: {}, {} min",
                        cli::plural(s.counts.late_sessions, "session", "sessions"),
                        s.counts.late_minutes));
    if (w.all_time) {
        ctx.say(fmt::format("longest streak: {}",
                            cli::plural(s.longest_streak, "session", "sessions")));
    } else {
        ctx.say(fmt::format("longest streak in this window: {}; all time: {}", s.longest_streak,
                            w.longest_streak_all_time));
    }
    ctx.say(fmt::format("longest gap: {}", s.longest_gap_days
                                               ? cli::plural(*s.longest_gap_days, "day", "days")
                                               : "none"));
    if (s.counts.fee_sessions > 0) {
        ctx.say(fmt::format("fees: {} for {} (late cancellations and no-shows)",
                            cli::format_amount(s.counts.fee_cents),
                            cli::plural(s.counts.fee_sessions, "session", "sessions")));
    }
    if (contacts > 0) {
        ctx.say(fmt::format("contacts between sessions: {}", contacts));
    }
}

// A session's or a contact's row with --by, in the order the rows are printed.
struct Group {
    std::string key;
    std::vector<Occurrence> sessions;
    long contacts = 0;
};

Group& group_of(std::vector<Group>& groups, const std::string& key) {
    // Sessions come in time order, so a month or year is usually the last group.
    if (!groups.empty() && groups.back().key == key) {
        return groups.back();
    }
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.key == key; });
    if (it == groups.end()) {
        groups.push_back({key, {}, 0});
        return groups.back();
    }
    return *it;
}

void run_summary(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto to = opts.to.empty() ? today : cli::parse_date(opts.to, today);
    auto from = opts.from.empty() ? timeline.first_day() : cli::parse_date(opts.from, today);
    if (opts.from.empty()) {
        // All time: a contact before the first session (a first call) is in it too.
        for (const auto* c : contacts_between(data, std::nullopt, to)) {
            if (!from || day_of(c->at) < *from) {
                from = day_of(c->at);
            }
        }
    }
    if (from) {
        cli::check_window(*from, to);
    }
    // The window's sessions, and around them what its gaps need: built once.
    const auto around = from ? sessions_around(timeline, *from, to) : std::vector<Occurrence>{};
    // Those of the window: a run of `around` (all of it but its edges, for all time), or a
    // copy when a move put one of them out of the order of their slots.
    const auto in_window = [&](const Occurrence& o) {
        return day_of(o.slot) >= *from && day_of(o.slot) <= to;
    };
    const auto run = std::find_if(around.begin(), around.end(), in_window);
    const auto run_end = std::find_if_not(run, around.end(), in_window);
    std::vector<Occurrence> copied;
    if (std::any_of(run_end, around.end(), in_window)) {
        std::copy_if(run, around.end(), std::back_inserter(copied), in_window);
    }
    const std::span<const Occurrence> sessions =
        copied.empty() ? std::span<const Occurrence>(run, run_end) : copied;
    const auto contacts = contacts_between(data, from, to);
    auto total = summarise(sessions, k_default_gap_days);
    // The longest gap as `gaps` gives it for the same window: one that ends after it counts.
    if (from) {
        for (const auto& g : gaps_overlapping(around, *from, to, k_default_gap_days)) {
            if (g.days && (!total.longest_gap_days || *g.days > *total.longest_gap_days)) {
                total.longest_gap_days = g.days;
            }
        }
    }

    // Rows in order of their keys: months and years sort as text, providers as listed.
    std::vector<Group> groups;
    if (!opts.by.empty()) {
        if (opts.by == "provider") {
            for (const auto& p : data.providers) {
                groups.push_back({p.id, {}, 0});
            }
        }
        for (const auto& o : sessions) {
            group_of(groups, group_key(o, opts.by)).sessions.push_back(o);
        }
        for (const auto* c : contacts) {
            ++group_of(groups,
                       opts.by == "provider" ? c->provider : period_key(day_of(c->at), opts.by))
                  .contacts;
        }
        if (opts.by != "provider") {
            std::stable_sort(groups.begin(), groups.end(),
                             [](const Group& x, const Group& y) { return x.key < y.key; });
        }
    }
    const auto all_contacts = static_cast<long>(contacts.size());
    // All time when the window holds every session up to now, asked for or not.
    const auto first = timeline.first_day();
    Window window{from, to,
                  (opts.from.empty() || !first || (from && *from <= *first)) && to >= today,
                  total.longest_streak};
    if (!window.all_time && first) {
        window.longest_streak_all_time =
            streaks(timeline.between(*first, std::max(today, *first))).longest.sessions;
    }

    if (ctx.options.json) {
        using json = nlohmann::ordered_json;
        json out{{"from", cli::date_or_null(from)},
                 {"to", format_date(to)},
                 {"all_time", window.all_time}};
        out.update(summary_json(total, all_contacts));
        out["longest_streak_all_time"] = window.longest_streak_all_time;
        json rows = json::array();
        for (const auto& g : groups) {
            json row{{opts.by == "provider" ? "provider" : "period", g.key}};
            row.update(summary_json(summarise(g.sessions, k_default_gap_days), g.contacts));
            rows.push_back(row);
        }
        out["rows"] = rows;
        ctx.out << cli::json_text(out);
        return;
    }
    print_text(ctx, total, window, today, all_contacts);
    if (groups.empty()) {
        return;
    }
    // Columns for what happened in the window: late cancellations, excused sessions, fees and
    // contacts only when there are some.
    const bool late_cancel = total.counts.of(Status::late_cancel) > 0;
    const bool excused = total.counts.of(Status::excused) > 0;
    const bool fees = total.counts.fee_sessions > 0;
    const bool with_contacts = all_contacts > 0;
    ctx.out << "\n";
    cli::Table table;
    std::vector<std::string> header{opts.by == "provider" ? "PROVIDER"
                                    : opts.by == "year"   ? "YEAR"
                                                          : "MONTH",
                                    "ATTENDED", "SKIPPED"};
    const auto add_if = [](std::vector<std::string>& row, bool wanted, std::string cell) {
        if (wanted) {
            row.push_back(std::move(cell));
        }
    };
    add_if(header, late_cancel, "LATE-CANCEL");
    header.insert(header.end(), {"CANCELLED", "AWAY"});
    add_if(header, excused, "EXCUSED");
    header.insert(header.end(), {"MOVED", "RATE", "LATE"});
    add_if(header, fees, "FEES");
    add_if(header, with_contacts, "CONTACTS");
    table.header(header);
    for (const auto& g : groups) {
        const auto s = summarise(g.sessions, k_default_gap_days);
        const auto count = [&](Status st) { return std::to_string(s.counts.of(st)); };
        std::vector<std::string> row{g.key, count(Status::attended), count(Status::skipped)};
        add_if(row, late_cancel, count(Status::late_cancel));
        row.insert(row.end(), {count(Status::cancelled), count(Status::away)});
        add_if(row, excused, count(Status::excused));
        row.insert(row.end(), {count(Status::rescheduled), rate_text(s.counts),
                               std::to_string(s.counts.late_sessions)});
        add_if(row, fees, cli::format_amount(s.counts.fee_cents));
        add_if(row, with_contacts, std::to_string(g.contacts));
        table.row(row);
    }
    ctx.out << table.render(ctx.width());
}

} // namespace summary_command

void setup_summary(CLI::App& app, cli::Context& ctx) {
    using namespace summary_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "summary", "Counts by status, attendance, lateness, fees (default: all time)");
    cmd->add_option("--from", opts->from, "First day (default: the first session)")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day (default: today)")->type_name("DATE");
    cli::add_choice(*cmd, "--by", opts->by, {"month", "year", "provider"},
                    "One row per month, year or provider");
    cmd->footer("Example: showup summary --from 2026-01-01 --by month");
    cmd->callback([opts, &ctx] { run_summary(*opts, ctx); });
}

} // namespace showup::commands
