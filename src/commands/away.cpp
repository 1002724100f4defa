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
};

int days_in(const Absence& a) {
    return static_cast<int>((a.to - a.from).count()) + 1;
}

// Sessions the absence takes out: those of its provider inside it that are `away`.
long sessions_affected(const Timeline& timeline, const Absence& a) {
    const auto list = timeline.between(a.from, a.to);
    return std::count_if(list.begin(), list.end(), [&](const Occurrence& o) {
        return o.status == Status::away && o.absence == &a;
    });
}

nlohmann::ordered_json absence_json(const Timeline& timeline, const Absence& a) {
    return {{"id", a.id},
            {"provider", a.provider},
            {"from", format_date(a.from)},
            {"to", format_date(a.to)},
            {"reason",
             a.reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.reason)},
            {"days", days_in(a)},
            {"sessions_affected", sessions_affected(timeline, a)}};
}

std::string absence_text(const Data& data, const Timeline& timeline, const Absence& a) {
    const auto today = timeline.today();
    const auto* p = data.find_provider(a.provider);
    return fmt::format("{} away {} – {} ({}, {}){}",
                       cli::printable(p != nullptr ? p->name : a.provider),
                       cli::human_date(a.from, today), cli::human_date(a.to, today),
                       cli::plural(days_in(a), "day", "days"),
                       cli::plural(sessions_affected(timeline, a), "session", "sessions"),
                       a.reason.empty() ? "" : fmt::format(" \"{}\"", cli::printable(a.reason)));
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
    return fmt::format("\n{} inside it keep what was recorded: {}; to take the outcomes off: "
                       "showup unlog --from {} --to {}",
                       cli::plural(static_cast<long>(kept.size()), "session", "sessions"), list,
                       format_date(a.from), format_date(a.to));
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
    ctx.out << fmt::format("{} {}: {}{}{}\n", verb, id,
                           absence_text(opened.store.data(), timeline, a), was,
                           recorded_inside_text(timeline, a));
}

void run_add(const AddOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto today = opened->today();
    Absence a;
    a.from = cli::parse_date(opts.from, today);
    a.to = cli::parse_date(opts.to, today);
    a.provider = pick_provider(data, opts.provider).id;
    a.reason = opts.reason;
    const auto id = add_absence(data, a);
    opened->store.commit(
        fmt::format("away add {} {} – {}", id, format_date(a.from), format_date(a.to)),
        opened->now);
    print_absence(ctx, *opened, id, "added", "");
}

void run_edit(const EditOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto today = opened->today();
    std::optional<LocalDays> from;
    std::optional<LocalDays> to;
    if (opts.from) {
        from = cli::parse_date(*opts.from, today);
    }
    if (opts.to) {
        to = cli::parse_date(*opts.to, today);
    }
    const auto before = edit_absence(data, opts.id, from, to, opts.reason);
    opened->store.commit(fmt::format("away edit {}", opts.id), opened->now);
    const auto was = fmt::format(
        " (was {} – {}{})", cli::human_date(before.from, today), cli::human_date(before.to, today),
        before.reason.empty() ? "" : fmt::format(" \"{}\"", cli::printable(before.reason)));
    print_absence(ctx, *opened, opts.id, "changed", was);
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
        ctx.out << fmt::format("{}  {}\n", a->id, absence_text(data, timeline, *a));
    }
}

void run_remove(const RemoveOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    auto it = std::find_if(data.absences.begin(), data.absences.end(),
                           [&](const Absence& a) { return a.id == opts.id; });
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
    ctx.out << fmt::format("removed {}: {}\n", id, text);
}

} // namespace away_command

void setup_away(CLI::App& app, cli::Context& ctx) {
    using namespace away_command;
    auto* cmd = app.add_subcommand("away", "A provider's time away: add, list, edit, remove");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup away add 2026-12-21 2027-01-03 --reason \"winter break\"");

    auto add_opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Add an absence (both days included)");
    add->add_option("FROM", add_opts->from, "First day away")->required();
    add->add_option("TO", add_opts->to, "Last day away")->required();
    cli::add_provider_option(*add, add_opts->provider);
    add->add_option("--reason", add_opts->reason, "Why (vacation, sick leave)")->type_name("TEXT");
    add->footer("Example: showup away add 2026-12-21 2027-01-03 --reason \"winter break\"");
    add->callback([add_opts, &ctx] { run_add(*add_opts, ctx); });

    auto list_opts = std::make_shared<ListOptions>();
    auto* list = cmd->add_subcommand("list", "Current and upcoming absences");
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
    auto* edit = cmd->add_subcommand("edit", "Change an absence's days or reason");
    edit->add_option(cli::k_absence_value, edit_opts->id, "The absence's id (see 'away list')")
        ->required();
    edit->add_option("--from", edit_opts->from, "Its new first day")->type_name("DATE");
    edit->add_option("--to", edit_opts->to, "Its new last day")->type_name("DATE");
    edit->add_option("--reason", edit_opts->reason, "Its new reason (\"\" clears it)")
        ->type_name("TEXT");
    edit->footer("Example: showup away edit a2 --to 2027-01-06");
    edit->callback([edit_opts, &ctx] { run_edit(*edit_opts, ctx); });
}

} // namespace showup::commands
