#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace away_command {

struct AddOptions {
    std::string from;
    std::string to;
    std::string provider;
    std::string reason;
    bool me = false;
    std::optional<std::string> announced;
};

struct ListOptions {
    bool all = false;
};

struct RemoveOptions {
    std::string id;
};

struct EditOptions {
    std::string id;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> reason;
    std::optional<std::string> announced;
};

// The day an absence was made known: not one still to come.
LocalDays announced_day(const std::string& text, LocalDays today) {
    const auto day = cli::parse_date(text, today);
    if (day > today) {
        throw UsageError(fmt::format("--announced {} is still to come: say the day it was made "
                                     "known",
                                     format_date(day)));
    }
    return day;
}

// An absence's id as typed: "a3" or "3".
std::string absence_id(const std::string& typed) {
    const bool digits =
        !typed.empty() && typed.find_first_not_of("0123456789") == std::string::npos;
    return digits ? "a" + typed : typed;
}

int days_in(const Absence& a) {
    return static_cast<int>((a.to - a.from).count()) + 1;
}

// Sessions the absence takes out: a provider's, those of its provider inside it that are
// `away`; the person's own, those inside it that are `excused`.
long sessions_affected(const Timeline& timeline, const Absence& a) {
    const auto list = timeline.between(a.from, a.to);
    return std::count_if(list.begin(), list.end(), [&](const Occurrence& o) {
        return a.mine ? o.status == Status::excused && o.own_absence == &a
                      : o.status == Status::away && o.absence == &a;
    });
}

// Days of notice: from the day it was announced to its first day.
std::optional<int> notice_days(const Absence& a) {
    if (!a.announced) {
        return std::nullopt;
    }
    return static_cast<int>((a.from - *a.announced).count());
}

nlohmann::ordered_json absence_json(const Timeline& timeline, const Absence& a) {
    using json = nlohmann::ordered_json;
    const auto notice = notice_days(a);
    return {{"id", a.id},
            {"provider", a.mine ? json(nullptr) : json(a.provider)},
            {"whose", a.mine ? "me" : "provider"},
            {"from", format_date(a.from)},
            {"to", format_date(a.to)},
            {"reason", a.reason.empty() ? json(nullptr) : json(a.reason)},
            {"days", days_in(a)},
            {"sessions_affected", sessions_affected(timeline, a)},
            {"announced", a.announced ? json(format_date(*a.announced)) : json(nullptr)},
            {"notice_days", notice ? json(*notice) : json(nullptr)},
            {"back", format_date(a.to + date::days{1})}};
}

std::string absence_text(const Data& data, const Timeline& timeline, const Absence& a) {
    const auto today = timeline.today();
    const auto* p = data.find_provider(a.provider);
    const auto who = !a.mine        ? cli::printable(p != nullptr ? p->name : a.provider)
                     : a.to < today ? std::string("you were")
                                    : std::string("you are");
    std::string notice;
    if (const auto n = notice_days(a)) {
        notice = *n > 0 ? fmt::format(", announced {} ahead", cli::plural(*n, "day", "days"))
                        : fmt::format(", announced {}", cli::human_date(*a.announced, today));
    }
    return fmt::format("{} away {} – {} ({}, {} {}{}){}, back {}", who,
                       cli::human_date(a.from, today), cli::human_date(a.to, today),
                       cli::plural(days_in(a), "day", "days"),
                       cli::plural(sessions_affected(timeline, a), "session", "sessions"),
                       a.mine ? "excused" : "off", notice,
                       a.reason.empty() ? "" : fmt::format(" \"{}\"", cli::printable(a.reason)),
                       cli::human_date(a.to + date::days{1}, today));
}

// The sessions inside `a` that keep a recorded outcome, and how to clear them.
std::string recorded_inside_text(const Timeline& timeline, const Absence& a) {
    const auto kept = recorded_inside(timeline, a);
    if (kept.empty()) {
        return {};
    }
    const auto today = timeline.today();
    std::string list;
    for (const auto& o : kept) {
        list += fmt::format("{}{} {} ({})", list.empty() ? "" : ", ",
                            cli::human_date_time(o.start, today), status_name(o.status), o.id());
    }
    const auto count = cli::plural(static_cast<long>(kept.size()), "session", "sessions");
    if (a.mine) {
        // Sessions she went to during her own time away stay what they were.
        return fmt::format("\n{} inside it keep what was recorded: {}", count, list);
    }
    return fmt::format("\n{} inside it keep what was recorded: {}; to take the outcomes off: "
                       "showup unlog --from {} --to {}",
                       count, list, format_date(a.from), format_date(a.to));
}

void print_absence(cli::Context& ctx, const cli::Opened& opened, const std::string& id,
                   const std::string& verb, const std::string& was) {
    const auto timeline = opened.timeline();
    const auto& a = *opened.store.data().find_absence(id);
    if (ctx.options.json) {
        auto json = absence_json(timeline, a);
        json["recorded_inside"] = nlohmann::ordered_json::array();
        for (const auto& o : recorded_inside(timeline, a)) {
            json["recorded_inside"].push_back(cli::session_json(o, opened.zone));
        }
        ctx.out << cli::json_text(json);
        return;
    }
    ctx.say(fmt::format("{} {}: {}{}{}", verb, id, absence_text(opened.store.data(), timeline, a),
                        was, recorded_inside_text(timeline, a)));
}

void run_add(const AddOptions& opts, cli::Context& ctx) {
    // The sessions of its days are read, to say which it takes out; on a file of decades, the
    // others are written back as text.
    const auto days = [&](LocalDays today, const DayOfId&) {
        return std::optional(
            std::pair{cli::parse_date(opts.from, today), cli::parse_date(opts.to, today)});
    };
    ctx.write_window(days, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto today = opened.today();
        Absence a;
        a.from = cli::parse_date(opts.from, today);
        a.to = cli::parse_date(opts.to, today);
        if (opts.me) {
            if (!opts.provider.empty()) {
                throw UsageError(
                    "--me is your own time away, for every provider: leave out --provider");
            }
            a.mine = true;
        } else {
            a.provider = pick_provider(data, opts.provider, ctx.habits()).id;
        }
        a.reason = opts.reason;
        if (opts.announced) {
            a.announced = announced_day(*opts.announced, today);
        }
        const auto id = add_absence(data, a);
        opened.store.commit(
            fmt::format("away add {} {} – {}", id, format_date(a.from), format_date(a.to)),
            opened.now);
        print_absence(ctx, opened, id, "added", "");
    });
}

void run_edit(const EditOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto today = opened->today();
    AbsenceEdit edit;
    edit.reason = opts.reason;
    if (opts.from) {
        edit.from = cli::parse_date(*opts.from, today);
    }
    if (opts.to) {
        edit.to = cli::parse_date(*opts.to, today);
    }
    if (opts.announced) {
        // "none" (or "") clears it.
        edit.announced = opts.announced->empty() || *opts.announced == "none"
                             ? std::optional<LocalDays>()
                             : std::optional<LocalDays>(announced_day(*opts.announced, today));
    }
    const auto id = absence_id(opts.id);
    const auto before = edit_absence(data, id, edit);
    opened->store.commit(fmt::format("away edit {}", id), opened->now);
    const auto was = fmt::format(
        " (was {} – {}{}{})", cli::human_date(before.from, today),
        cli::human_date(before.to, today),
        before.reason.empty() ? "" : fmt::format(" \"{}\"", cli::printable(before.reason)),
        before.announced ? fmt::format(", announced {}", cli::human_date(*before.announced, today))
                         : "");
    print_absence(ctx, *opened, id, "changed", was);
}

void run_list(const ListOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto timeline = opened->timeline();
    std::vector<const Absence*> shown;
    for (const auto& a : data.absences) {
        if (opts.all || a.to >= timeline.today()) {
            shown.push_back(&a);
        }
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [](const Absence* x, const Absence* y) { return x->from < y->from; });
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto* a : shown) {
            list.push_back(absence_json(timeline, *a));
        }
        ctx.out << cli::json_text({{"absences", list}});
        return;
    }
    if (shown.empty()) {
        ctx.out << (opts.all ? "no absences\n"
                             : "no current or upcoming absences (--all shows past ones)\n");
        return;
    }
    for (const auto* a : shown) {
        ctx.out << cli::wrap(fmt::format("{}  {}", a->id, absence_text(data, timeline, *a)),
                             ctx.width(), a->id.size() + 2)
                << "\n";
    }
}

void run_remove(const RemoveOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto wanted = absence_id(opts.id);
    auto it = std::find_if(data.absences.begin(), data.absences.end(),
                           [&](const Absence& a) { return a.id == wanted; });
    if (it == data.absences.end()) {
        throw Error(fmt::format("no absence \"{}\" (see 'showup away list --all')", opts.id));
    }
    const auto text = absence_text(data, opened->timeline(), *it);
    const auto id = it->id;
    data.absences.erase(it);
    opened->store.commit(fmt::format("away remove {}", id), opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"removed", id}});
        return;
    }
    ctx.say(fmt::format("removed {}: {}", id, text));
}

} // namespace away_command

void setup_away(CLI::App& app, cli::Context& ctx) {
    using namespace away_command;
    auto* cmd =
        app.add_subcommand("away", "Time away, theirs or yours (--me): add, list, edit, remove");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup away add 2026-12-21 2027-01-03 --reason \"winter break\"");

    auto add_opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Add an absence (both days included)");
    add->add_option("FROM", add_opts->from, "First day away")->required();
    add->add_option("TO", add_opts->to, "Last day away")->required();
    cli::add_provider_option(*add, add_opts->provider);
    add->add_flag("--me", add_opts->me,
                  "Your own time away (vacation, exams, illness): its sessions are excused");
    add->add_option("--reason", add_opts->reason, "Why (vacation, sick leave)")->type_name("TEXT");
    add->add_option("--announced", add_opts->announced, "The day it was made known")
        ->type_name("DATE");
    add->footer("Example: showup away add 2026-12-21 2027-01-03 --reason \"winter break\" "
                "--announced 2026-11-30\n"
                "Example: showup away add 2027-02-01 2027-02-14 --me --reason \"exams\"");
    add->callback([add_opts, &ctx] { run_add(*add_opts, ctx); });

    auto list_opts = std::make_shared<ListOptions>();
    auto* list = cmd->add_subcommand("list", "Current and upcoming absences, yours and theirs");
    list->add_flag("--all", list_opts->all, "Past ones too");
    list->footer("Example: showup away list --all");
    list->callback([list_opts, &ctx] { run_list(*list_opts, ctx); });

    auto remove_opts = std::make_shared<RemoveOptions>();
    auto* remove = cmd->add_subcommand("remove", "Remove an absence");
    remove->add_option(cli::k_absence_value, remove_opts->id, "The absence's id (see 'away list')")
        ->required();
    remove->footer("Example: showup away remove a2");
    remove->callback([remove_opts, &ctx] { run_remove(*remove_opts, ctx); });

    auto edit_opts = std::make_shared<EditOptions>();
    auto* edit = cmd->add_subcommand("edit", "Change an absence's days, reason or announcement");
    edit->add_option(cli::k_absence_value, edit_opts->id, "The absence's id (see 'away list')")
        ->required();
    edit->add_option("--from", edit_opts->from, "Its new first day")->type_name("DATE");
    edit->add_option("--to", edit_opts->to, "Its new last day")->type_name("DATE");
    edit->add_option("--reason", edit_opts->reason, "Its new reason (\"\" clears it)")
        ->type_name("TEXT");
    edit->add_option("--announced", edit_opts->announced,
                     "The day it was made known (none clears it)")
        ->type_name("DATE");
    edit->footer("Example: showup away edit a2 --to 2027-01-06");
    edit->callback([edit_opts, &ctx] { run_edit(*edit_opts, ctx); });
}

} // namespace showup::commands
