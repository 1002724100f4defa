#include <fmt/format.h>

#include "budget_text.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/budget.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup::commands {

namespace budget_command {

struct SetOptions {
    std::string provider;
    int sessions = 0;
    std::string per;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::optional<std::string> uses;
};

// "attended,no-show" -> its bits of k_budget_uses.
unsigned parse_uses(const std::string& text) {
    unsigned uses = 0;
    for (auto word : cli::split_commas(text)) {
        const auto first = word.find_first_not_of(' ');
        word = first == std::string::npos
                   ? ""
                   : word.substr(first, word.find_last_not_of(' ') - first + 1);
        const auto* it = std::find_if(std::begin(k_budget_uses), std::end(k_budget_uses),
                                      [&](const auto& use) { return word == use.second; });
        if (it == std::end(k_budget_uses)) {
            throw UsageError(
                fmt::format("--uses: \"{}\" is not one of attended, late-cancel, no-show", word));
        }
        uses |= it->first;
    }
    return uses;
}

nlohmann::ordered_json budget_json(const Budget& b, const BudgetStatus& st) {
    using json = nlohmann::ordered_json;
    json uses = json::array();
    for (const auto& [bit, name] : k_budget_uses) {
        if ((b.uses & bit) != 0) {
            uses.push_back(name);
        }
    }
    return {{"id", b.id},
            {"provider", b.provider},
            {"sessions", b.sessions},
            {"per_year", b.per_year},
            {"from", format_date(st.from)},
            {"to", cli::date_or_null(st.to)},
            {"uses", uses},
            {"used", st.used},
            {"left", st.left},
            {"over", st.over},
            {"unlogged", st.unlogged},
            {"runs_out", cli::date_or_null(st.runs_out)}};
}

void run_show(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& b : data.budgets) {
            list.push_back(budget_json(b, budget_status(b, data, timeline)));
        }
        ctx.out << cli::json_text({{"budgets", list}});
        return;
    }
    if (data.budgets.empty()) {
        ctx.out << "no budgets; set one with: showup budget set --sessions N --per year\n";
        return;
    }
    for (const auto& b : data.budgets) {
        ctx.say(budget_line(data, b, budget_status(b, data, timeline), today));
    }
}

void run_set(const SetOptions& opts, cli::Context& ctx) {
    if (opts.per.empty() && !opts.from) {
        throw UsageError("say what the budget covers: --per year, or --from DATE [--to DATE]");
    }
    const auto uses = opts.uses ? parse_uses(*opts.uses)
                                : unsigned{uses_attended | uses_late_cancel | uses_no_show};
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto today = opened->today();
    Budget b;
    b.provider = pick_provider(data, opts.provider, ctx.habits()).id;
    b.sessions = opts.sessions;
    b.per_year = opts.per == "year";
    if (opts.from) {
        b.from = cli::parse_date(*opts.from, today);
    }
    if (opts.to) {
        b.to = cli::parse_date(*opts.to, today);
    }
    b.uses = uses;
    const auto before = set_budget(data, b);
    const auto& now = *data.budget_of(b.provider);
    opened->store.commit(fmt::format("budget set {} for {}: {}", now.id, now.provider,
                                     budget_definition_text(now, today)),
                         opened->now);
    const auto timeline = opened->timeline();
    const auto status = budget_status(now, data, timeline);
    if (ctx.options.json) {
        auto json = budget_json(now, status);
        json["replaced"] =
            before ? budget_json(*before, budget_status(*before, data, timeline)) : nullptr;
        ctx.out << cli::json_text(json);
        return;
    }
    ctx.say(fmt::format("{} budget {} for {}: {}, used up by {}{}", before ? "changed" : "set",
                        now.id, provider_name(data, now.provider),
                        budget_definition_text(now, today), budget_uses_text(now),
                        before ? fmt::format(" (was {}, used up by {})",
                                             budget_definition_text(*before, today),
                                             budget_uses_text(*before))
                               : ""));
    ctx.say(budget_line(data, now, status, today));
}

void run_remove(const std::string& provider, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto today = opened.today();
        const auto id = pick_provider(data, provider, ctx.habits()).id;
        const auto removed = remove_budget(data, id);
        opened.store.commit(fmt::format("budget remove {} for {}", removed.id, id), opened.now);
        if (ctx.options.json) {
            ctx.out << cli::json_text({{"removed", removed.id}, {"provider", id}});
            return;
        }
        ctx.say(fmt::format("removed budget {} for {} ({})", removed.id, provider_name(data, id),
                            budget_definition_text(removed, today)));
    });
}

} // namespace budget_command

void setup_budget(CLI::App& app, cli::Context& ctx) {
    using namespace budget_command;
    auto* cmd = app.add_subcommand("budget", "Covered sessions: used, left, and when they run out");
    cmd->require_subcommand(0, 1);
    cmd->footer("Example: showup budget set --provider okafor --sessions 25 --per year\n"
                "Example: showup budget");
    cmd->callback([cmd, &ctx] {
        if (cmd->get_subcommands().empty()) {
            run_show(ctx);
        }
    });

    auto* show = cmd->add_subcommand("show", "Each budget: used, left, when they run out "
                                             "(the same as 'showup budget')");
    show->footer("Example: showup budget show --json");
    show->callback([&ctx] { run_show(ctx); });

    auto opts = std::make_shared<SetOptions>();
    auto* set = cmd->add_subcommand(
        "set", "Set a provider's budget of covered sessions (replaces the one it has)");
    cli::add_provider_option(*set, opts->provider);
    set->add_option("--sessions", opts->sessions, "How many sessions it covers")
        ->required()
        ->check(cli::whole_number(1, k_max_budget_sessions))
        ->type_name("N");
    auto* per = cli::add_choice(*set, "--per", opts->per, {"year"},
                                "A number each calendar year, from 1 January");
    auto* from =
        set->add_option("--from", opts->from, "The first day it covers")->type_name("DATE");
    auto* to = set->add_option("--to", opts->to, "The last day it covers (default: no end)")
                   ->type_name("DATE");
    per->excludes(from);
    per->excludes(to);
    to->needs(from);
    set->add_option("--uses", opts->uses,
                    "What uses a session up: attended, late-cancel, no-show (default: all three)")
        ->type_name("USE[,...]");
    set->footer("Example: showup budget set --provider okafor --sessions 25 --per year\n"
                "Example: showup budget set --sessions 12 --from 2026-02-01 --to 2026-07-31 "
                "--uses attended,late-cancel");
    set->callback([opts, &ctx] { run_set(*opts, ctx); });

    auto provider = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand("remove", "Remove a provider's budget");
    cli::add_provider_option(*remove, *provider);
    remove->footer("Example: showup budget remove --provider okafor");
    remove->callback([provider, &ctx] { run_remove(*provider, ctx); });
}

} // namespace showup::commands
