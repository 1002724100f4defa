#include <cmath>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace summary_command {

struct Options {
    std::string from;
    std::string to;
    std::string by;
};

nlohmann::ordered_json summary_json(const Summary& s) {
    using json = nlohmann::ordered_json;
    json counts;
    for (auto st : k_statuses_in_report_order) {
        counts[std::string(status_name(st))] = s.counts.of(st);
    }
    const auto rate = s.counts.attendance_rate();
    return {{"counts", counts},
            {"attendance_rate", rate ? json(std::round(*rate * 10000) / 10000) : json(nullptr)},
            {"late", {{"sessions", s.counts.late_sessions}, {"minutes", s.counts.late_minutes}}},
            {"longest_streak", s.longest_streak},
            {"longest_gap_days", s.longest_gap_days ? json(*s.longest_gap_days) : json(nullptr)}};
}

std::string rate_text(const Counts& c) {
    const auto rate = c.attendance_rate();
    return rate ? fmt::format("{:.0f}%", *rate * 100) : "-";
}

// The key a session is grouped under with --by.
std::string group_key(const Occurrence& o, const std::string& by) {
    if (by == "provider") {
        return *o.provider;
    }
    const auto text = format_date(day_of(o.start));
    return by == "year" ? text.substr(0, 4) : text.substr(0, 7);
}

void print_text(cli::Context& ctx, const Summary& s, const std::optional<LocalDays>& from,
                LocalDays to, LocalDays today) {
    const cli::Painter paint(ctx.colour());
    ctx.out << (from ? fmt::format("{} – {}\n", cli::human_date(*from, today),
                                   cli::human_date(to, today))
                     : std::string("no sessions yet\n"));
    cli::Table table;
    for (auto st : k_statuses_in_report_order) {
        const auto name = std::string(status_name(st));
        table.row({paint.status(st, name), std::to_string(s.counts.of(st))}, {name.size()});
    }
    ctx.out << table.render();
    const auto attended = s.counts.of(Status::attended);
    const auto total = attended + s.counts.of(Status::skipped);
    ctx.out << fmt::format("attendance: {}{}\n", rate_text(s.counts),
                           total > 0 ? fmt::format(" ({} of {} you could go to)", attended, total)
                                     : "");
    ctx.out << fmt::format("late: {}, {} min\n",
                           cli::plural(s.counts.late_sessions, "session", "sessions"),
                           s.counts.late_minutes);
    ctx.out << fmt::format("longest streak: {}\n",
                           cli::plural(s.longest_streak, "session", "sessions"));
    ctx.out << fmt::format("longest gap: {}\n",
                           s.longest_gap_days ? cli::plural(*s.longest_gap_days, "day", "days")
                                              : "none");
}

void run_summary(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto to = opts.to.empty() ? today : cli::parse_date(opts.to, today);
    const auto from = opts.from.empty() ? timeline.first_day() : cli::parse_date(opts.from, today);
    if (from) {
        cli::check_window(*from, to);
    }
    const auto sessions = from ? timeline.between(*from, to) : std::vector<Occurrence>{};
    const auto total = summarise(sessions, k_default_gap_days);

    // Rows in order of their keys: months and years sort as text, providers as listed.
    std::vector<std::pair<std::string, std::vector<Occurrence>>> groups;
    if (!opts.by.empty()) {
        if (opts.by == "provider") {
            for (const auto& p : opened->data().providers) {
                groups.emplace_back(p.id, std::vector<Occurrence>{});
            }
        }
        for (const auto& o : sessions) {
            const auto key = group_key(o, opts.by);
            // Sessions come in time order, so a month or year is usually the last group.
            auto it = !groups.empty() && groups.back().first == key
                          ? groups.end() - 1
                          : std::find_if(groups.begin(), groups.end(),
                                         [&](const auto& g) { return g.first == key; });
            if (it == groups.end()) {
                groups.emplace_back(key, std::vector<Occurrence>{});
                it = groups.end() - 1;
            }
            it->second.push_back(o);
        }
    }

    if (ctx.options.json) {
        using json = nlohmann::ordered_json;
        json out{{"from", cli::date_or_null(from)}, {"to", format_date(to)}};
        out.update(summary_json(total));
        json rows = json::array();
        for (const auto& [key, list] : groups) {
            json row{{opts.by == "provider" ? "provider" : "period", key}};
            row.update(summary_json(summarise(list, k_default_gap_days)));
            rows.push_back(row);
        }
        out["rows"] = rows;
        ctx.out << cli::json_text(out);
        return;
    }
    print_text(ctx, total, from, to, today);
    if (groups.empty()) {
        return;
    }
    ctx.out << "\n";
    cli::Table table;
    table.row({opts.by == "provider" ? "PROVIDER"
               : opts.by == "year"   ? "YEAR"
                                     : "MONTH",
               "ATTENDED", "SKIPPED", "CANCELLED", "AWAY", "MOVED", "RATE", "LATE"});
    for (const auto& [key, list] : groups) {
        const auto s = summarise(list, k_default_gap_days);
        table.row({key, std::to_string(s.counts.of(Status::attended)),
                   std::to_string(s.counts.of(Status::skipped)),
                   std::to_string(s.counts.of(Status::cancelled)),
                   std::to_string(s.counts.of(Status::away)),
                   std::to_string(s.counts.of(Status::rescheduled)), rate_text(s.counts),
                   std::to_string(s.counts.late_sessions)});
    }
    ctx.out << table.render();
}

} // namespace summary_command

void setup_summary(CLI::App& app, cli::Context& ctx) {
    using namespace summary_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "summary", "Counts by status, attendance rate, lateness (default: all time)");
    cmd->add_option("--from", opts->from, "First day (default: the first session)")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day (default: today)")->type_name("DATE");
    cli::add_choice(*cmd, "--by", opts->by, {"month", "year", "provider"},
                    "One row per month, year or provider");
    cmd->footer("Example: showup summary --from 2026-01-01 --by month");
    cmd->callback([opts, &ctx] { run_summary(*opts, ctx); });
}

} // namespace showup::commands
