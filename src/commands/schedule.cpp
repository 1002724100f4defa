#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup::commands {

namespace schedule_command {

struct AddOptions {
    std::string every;
    std::string at;
    int weeks = 1;
    std::string from;
    std::string until;
    std::optional<int> duration;
    std::string provider;
};

struct EndOptions {
    std::string id;
    std::string on;
};

struct RemoveOptions {
    std::string id;
    bool with_records = false;
};

std::uint8_t parse_days(const std::string& text) {
    std::uint8_t days = 0;
    for (const auto& word : cli::split_commas(text)) {
        const auto wd = parse_weekday(word);
        if (!wd) {
            throw UsageError(fmt::format(
                "\"{}\" in --every \"{}\" is not a weekday (mon, tue, ...)", word, text));
        }
        days = static_cast<std::uint8_t>(days | 1U << wd->c_encoding());
    }
    return days;
}

// "every tue,fri at 17:30" or "every 2 weeks on mon at 10:00".
std::string rule_text(const Schedule& s) {
    if (s.every_weeks == 1) {
        return fmt::format("every {} at {}", s.days_text(), cli::human_time(s.at));
    }
    return fmt::format("every {} weeks on {} at {}", s.every_weeks, s.days_text(),
                       cli::human_time(s.at));
}

nlohmann::ordered_json schedule_json(const Schedule& s) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (auto wd : s.days()) {
        days.push_back(std::string(weekday_name(wd)));
    }
    return {{"id", s.id},
            {"provider", s.provider},
            {"days", days},
            {"at", format_time_of_day(s.at)},
            {"every_weeks", s.every_weeks},
            {"from", format_date(s.from)},
            {"until", cli::date_or_null(s.until)},
            {"duration", s.duration}};
}

void add_schedule(const AddOptions& opts, cli::Opened& opened, cli::Context& ctx) {
    auto& data = opened.data();
    const auto today = opened.today();
    Schedule s;
    s.weekdays = parse_days(opts.every);
    s.at = cli::parse_time(opts.at);
    s.every_weeks = opts.weeks;
    s.from = opts.from.empty() ? today : cli::parse_date(opts.from, today);
    if (!opts.until.empty()) {
        s.until = cli::parse_date(opts.until, today);
        if (*s.until < s.from) {
            throw UsageError(fmt::format("--until {} is before --from {}", format_date(*s.until),
                                         format_date(s.from)));
        }
    }
    const auto& provider = pick_provider(data, opts.provider, ctx.habits());
    s.provider = provider.id;
    s.duration = opts.duration.value_or(provider.duration);
    s.id = new_schedule_id(data);
    data.schedules.push_back(s);
    opened.store.commit(fmt::format("schedule add {} {}", s.id, rule_text(s)), opened.now);
    if (ctx.options.json) {
        ctx.out << cli::json_text(schedule_json(s));
        return;
    }
    ctx.say(fmt::format("added schedule {}: {} {}, from {}{}", s.id,
                        with_provider(data, s.provider), rule_text(s),
                        cli::human_date(s.from, today),
                        s.until ? " to " + cli::human_date(*s.until, today) : std::string()));
}

void run_add(const AddOptions& opts, cli::Context& ctx) {
    // A new schedule ties no session to it (its id is new, and a session of a schedule names
    // it), so on a file of decades the sessions are written back as text (cli::no_sessions).
    ctx.write_window(cli::no_sessions,
                     [&](cli::Opened& opened) { add_schedule(opts, opened, ctx); });
}

void run_list(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& s : data.schedules) {
            list.push_back(schedule_json(s));
        }
        ctx.out << cli::json_text({{"schedules", list}});
        return;
    }
    if (data.schedules.empty()) {
        ctx.out << "no schedules yet; add one with: showup schedule add --every tue --at 17:30\n";
        return;
    }
    const auto today = opened->today();
    // With one provider, who it is is said once, above the table; the rule, the longest, last.
    const bool one_provider = data.providers.size() == 1;
    if (one_provider) {
        ctx.out << "schedules " << with_provider(data, data.providers.front().id) << "\n";
    }
    const auto without_provider = [&](std::vector<std::string> cells) {
        if (one_provider) {
            cells.erase(cells.begin() + 1);
        }
        return cells;
    };
    cli::Table table;
    table.header(without_provider({"ID", "PROVIDER", "FROM", "UNTIL", "LENGTH", "WHEN"}));
    table.cap(1, 16);
    for (const auto& s : data.schedules) {
        table.row(without_provider({s.id, s.provider, cli::human_date(s.from, today),
                                    s.until ? cli::human_date(*s.until, today) : "-",
                                    fmt::format("{} min", s.duration), rule_text(s)}));
    }
    ctx.out << table.render(ctx.width());
}

void end_in(const EndOptions& opts, cli::Context& ctx, cli::Opened& opened) {
    auto& data = opened.data();
    const auto today = opened.today();
    const auto on = cli::parse_date(opts.on, today);
    const auto after = end_schedule(data, opts.id, on);
    opened.store.commit(fmt::format("schedule end {} on {}", opts.id, format_date(on)), opened.now);
    if (ctx.options.json) {
        auto json = schedule_json(*data.find_schedule(opts.id));
        json["recorded_after"] = after;
        ctx.out << cli::json_text(json);
        return;
    }
    ctx.say(fmt::format("schedule {} ends on {}: its last session is on or before that day",
                        opts.id, cli::human_date(on, today)));
    if (!after.empty()) {
        const auto timeline = opened.timeline();
        std::string list;
        for (const auto& id : after) {
            const auto o = timeline.find(id);
            list += fmt::format("{}{} {}", list.empty() ? "" : ", ", id,
                                o ? status_name(o->status) : std::string_view());
        }
        ctx.out << fmt::format("what was recorded after that day stays: {} (to take it off: "
                               "showup unlog, or remove the sessions they were moved to)\n",
                               list);
    }
}

// The sessions after its new last day are read (what was recorded there stays, and is named);
// on a file of decades, the others are written back as text.
void run_end(const EndOptions& opts, cli::Context& ctx) {
    const auto days = [&](LocalDays today, const DayOfId&) {
        return std::optional(std::pair{cli::parse_date(opts.on, today) + date::days{1},
                                       LocalDays{date::year{k_last_year} / 12 / 31}});
    };
    ctx.write_window(days, [&](cli::Opened& opened) { end_in(opts, ctx, opened); });
}

void run_remove(const RemoveOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto* schedule = data.find_schedule(opts.id);
    const auto rule = schedule != nullptr ? rule_text(*schedule) : std::string();
    const auto removed = remove_schedule(data, opts.id, opts.with_records);
    opened->store.commit(fmt::format("schedule remove {} ({})", opts.id, rule), opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"removed", opts.id},
                                   {"records", removed.records},
                                   {"outcomes", removed.outcomes},
                                   {"kept_moved", removed.kept_moved}});
        return;
    }
    ctx.out << fmt::format("removed schedule {} ({})", opts.id, rule);
    if (removed.records > 0) {
        ctx.out << fmt::format(" and {} of its sessions ({} with an outcome)",
                               cli::plural(static_cast<long>(removed.records), "record", "records"),
                               removed.outcomes);
    }
    if (removed.kept_moved > 0) {
        ctx.out << fmt::format(
            "; {} moved off it stay as one-offs",
            cli::plural(static_cast<long>(removed.kept_moved), "session", "sessions"));
    }
    ctx.out << "\n";
}

} // namespace schedule_command

void setup_schedule(CLI::App& app, cli::Context& ctx) {
    using namespace schedule_command;
    auto* cmd = app.add_subcommand("schedule", "Recurring sessions: add, list, end, remove");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup schedule add --every tue,fri --at 17:30");

    auto add_opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Add a recurring schedule; prints its id");
    add->add_option("--every", add_opts->every, "Weekdays, comma-separated (mon,thu)")
        ->required()
        ->type_name(cli::k_weekdays_value);
    add->add_option("--at", add_opts->at, "Time of day (17:30, 5:30pm)")
        ->required()
        ->type_name("TIME");
    add->add_option("--weeks", add_opts->weeks, "Every N weeks (2: fortnightly)")
        ->check(cli::whole_number(1, 52))
        ->type_name("N");
    add->add_option("--from", add_opts->from, "First day (default: today)")->type_name("DATE");
    add->add_option("--until", add_opts->until, "Last day (default: open-ended)")
        ->type_name("DATE");
    add->add_option("--duration", add_opts->duration, "Minutes (default: the provider's)")
        ->check(cli::whole_number(1, 24 * 60))
        ->type_name("MIN");
    cli::add_provider_option(*add, add_opts->provider);
    add->footer("Example: showup schedule add --every tue,fri --at 17:30 --from 2024-01-02");
    add->callback([add_opts, &ctx] { run_add(*add_opts, ctx); });

    auto* list = cmd->add_subcommand("list", "List the schedules");
    list->footer("Example: showup schedule list");
    list->callback([&ctx] { run_list(ctx); });

    auto end_opts = std::make_shared<EndOptions>();
    auto* end = cmd->add_subcommand("end", "Stop a schedule after a date");
    end->add_option(cli::k_schedule_value, end_opts->id, "The schedule's id (see 'schedule list')")
        ->required();
    end->add_option("--on", end_opts->on, "Its last day")->required()->type_name("DATE");
    end->footer("Example: showup schedule end s1 --on 2026-12-31");
    end->callback([end_opts, &ctx] { run_end(*end_opts, ctx); });

    auto remove_opts = std::make_shared<RemoveOptions>();
    auto* remove = cmd->add_subcommand(
        "remove", "Remove a schedule made by mistake (to stop one, use 'schedule end')");
    remove
        ->add_option(cli::k_schedule_value, remove_opts->id,
                     "The schedule's id (see 'schedule list')")
        ->required();
    remove->add_flag("--with-records", remove_opts->with_records,
                     "Remove what was recorded about its sessions too (says how many)");
    remove->footer("Example: showup schedule remove s2");
    remove->callback([remove_opts, &ctx] { run_remove(*remove_opts, ctx); });
}

} // namespace showup::commands
