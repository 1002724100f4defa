#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup::commands {

namespace contact_command {

struct AddOptions {
    std::vector<std::string> when;
    std::string kind = "call";
    std::optional<int> minutes;
    std::string note;
    std::string provider;
};

struct ListOptions {
    std::string from;
    std::string to;
    std::string provider;
};

struct EditOptions {
    std::string id;
    std::optional<std::string> at;
    std::string kind;
    std::optional<std::string> minutes;
    std::optional<std::string> note;
    std::string provider;
};

// When a contact was, as typed. A date alone means noon; today before noon, now.
LocalMinutes contact_time(const std::string& text, const cli::Opened& opened) {
    const auto now = local_minute(opened.now, opened.zone);
    if (text.empty()) {
        return now;
    }
    std::optional<LocalDays> day;
    try {
        day = cli::parse_date(text, opened.today());
    } catch (const UsageError&) {
        // Not a date alone: a date and a time, or a time (today).
    }
    if (day) {
        const auto noon = LocalMinutes{*day} + k_noon;
        return *day == opened.today() ? std::min(noon, now) : noon;
    }
    return cli::parse_date_time(text, opened.today(), opened.zone);
}

// "--minutes 15", or "none" to clear them.
std::optional<int> parse_minutes(const std::string& text) {
    if (text == "none") {
        return std::nullopt;
    }
    const bool digits =
        !text.empty() && text.size() <= 5 && std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
    if (!digits || std::stoi(text) > k_max_minutes) {
        throw UsageError(fmt::format("--minutes \"{}\" is not a number of minutes from 0 to {} "
                                     "(or none)",
                                     text, k_max_minutes));
    }
    return std::stoi(text);
}

void print_contact(cli::Context& ctx, const cli::Opened& opened, const Contact& c,
                   const std::string& headline, const Contact* was = nullptr) {
    if (ctx.options.json) {
        auto json = contact_json(c, opened.zone);
        if (was != nullptr) {
            json["was"] = contact_json(*was, opened.zone);
        }
        ctx.out << cli::json_text(json);
        return;
    }
    ctx.say(headline);
}

const Contact& find_contact(const Data& data, const std::string& id) {
    for (const auto& c : data.contacts) {
        if (c.id == id) {
            return c;
        }
    }
    throw Error(fmt::format("no contact \"{}\" (see 'showup contact list')", id));
}

void run_add(const AddOptions& opts, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        Contact c;
        c.at = contact_time(cli::join_words(opts.when), opened);
        c.kind = opts.kind;
        c.minutes = opts.minutes;
        c.note = opts.note;
        c.provider = pick_provider(data, opts.provider, ctx.habits()).id;
        const auto id = add_contact(data, c, opened.zone, opened.now);
        const auto& added = find_contact(data, id);
        const auto line = contact_line(data, added, opened.today());
        opened.store.commit(
            fmt::format("contact add {} {}", id, cli::human_date_time(added.at, opened.today())),
            opened.now);
        print_contact(ctx, opened, added, fmt::format("added {}: {}", id, line));
    });
}

void run_list(const ListOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto today = opened->today();
    std::optional<LocalDays> from;
    std::optional<LocalDays> to;
    if (!opts.from.empty()) {
        from = cli::parse_date(opts.from, today);
    }
    if (!opts.to.empty()) {
        to = cli::parse_date(opts.to, today);
    }
    if (from && to) {
        cli::check_window(*from, *to);
    }
    const auto provider =
        opts.provider.empty() ? std::string() : pick_provider(data, opts.provider, ctx.habits()).id;
    const auto contacts = contacts_between(data, from, to, provider);
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto* c : contacts) {
            list.push_back(contact_json(*c, opened->zone));
        }
        ctx.out << cli::json_text({{"contacts", list}});
        return;
    }
    if (contacts.empty()) {
        ctx.out << (data.contacts.empty()
                        ? "no contacts yet; add one with: showup contact add [WHEN]\n"
                        : "no contacts there\n");
        return;
    }
    cli::Table table;
    table.header({"ID", "WHEN", "PROVIDER", "KIND", "MIN", "NOTE"});
    table.cap(2, 16);
    for (const auto* c : contacts) {
        table.row({c->id, cli::human_date_time(c->at, today), provider_name(data, c->provider),
                   c->kind, c->minutes ? std::to_string(*c->minutes) : "-",
                   cli::printable(c->note)});
    }
    ctx.out << table.render(ctx.width());
}

void run_remove(const std::string& typed, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto removed = remove_contact(data, contact_id(typed));
        opened.store.commit(fmt::format("contact remove {} {}", removed.id,
                                        cli::human_date_time(removed.at, opened.today())),
                            opened.now);
        if (ctx.options.json) {
            ctx.out << cli::json_text({{"removed", removed.id}});
            return;
        }
        ctx.say(
            fmt::format("removed {}: {}", removed.id, contact_line(data, removed, opened.today())));
    });
}

void run_edit(const EditOptions& opts, cli::Context& ctx) {
    ContactEdit edit;
    if (opts.minutes) {
        edit.minutes = parse_minutes(*opts.minutes);
    }
    if (!opts.kind.empty()) {
        edit.kind = opts.kind;
    }
    edit.note = opts.note;
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        if (opts.at) {
            edit.at = contact_time(*opts.at, opened);
        }
        if (!opts.provider.empty()) {
            edit.provider = pick_provider(data, opts.provider, ctx.habits()).id;
        }
        const auto id = contact_id(opts.id);
        const auto before = edit_contact(data, id, edit, opened.zone, opened.now);
        opened.store.commit(fmt::format("contact edit {}", id), opened.now);
        const auto today = opened.today();
        const auto& c = find_contact(data, id);
        print_contact(ctx, opened, c,
                      fmt::format("changed {}: {} (was {})", id, contact_line(data, c, today),
                                  contact_line(data, before, today)),
                      &before);
    });
}

} // namespace contact_command

void setup_contact(CLI::App& app, cli::Context& ctx) {
    using namespace contact_command;
    auto* cmd = app.add_subcommand("contact",
                                   "Calls and messages with a provider: add, list, edit, remove");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup contact add yesterday 18:00 --kind call --minutes 10 --note "
                "\"moved Friday's session\"");

    auto add_opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Record a contact that happened");
    add->add_option("WHEN", add_opts->when,
                    "Date and time (yesterday 18:00, last thu 9am; default: now; a date alone "
                    "means noon)");
    cli::add_choice(*add, "--kind", add_opts->kind, {"call", "message", "email"},
                    "What it was (default: call)");
    add->add_option("--minutes", add_opts->minutes, "How long it took")
        ->check(cli::whole_number(0, k_max_minutes))
        ->type_name("N");
    add->add_option("--note", add_opts->note, "What it was about")->type_name("TEXT");
    cli::add_provider_option(*add, add_opts->provider);
    add->footer("Example: showup contact add yesterday 18:00 --minutes 10 --note \"she moved "
                "Friday's session\"\n"
                "Example: showup contact add --kind email --note \"sent the insurance form\"");
    add->callback([add_opts, &ctx] { run_add(*add_opts, ctx); });

    auto list_opts = std::make_shared<ListOptions>();
    auto* list = cmd->add_subcommand("list", "Contacts in time order (default: all)");
    list->add_option("--from", list_opts->from, "First day")->type_name("DATE");
    list->add_option("--to", list_opts->to, "Last day")->type_name("DATE");
    cli::add_provider_option(*list, list_opts->provider, "Only this provider");
    list->footer("Example: showup contact list --from 2026-11-01 --json");
    list->callback([list_opts, &ctx] { run_list(*list_opts, ctx); });

    auto edit_opts = std::make_shared<EditOptions>();
    auto* edit =
        cmd->add_subcommand("edit", "Change a contact's time, kind, length, note or provider");
    edit->add_option(cli::k_contact_value, edit_opts->id,
                     "The contact's id (c3, or 3; see 'contact list')")
        ->required();
    edit->add_option("--at", edit_opts->at, "When it was (\"yesterday 18:00\")")->type_name("WHEN");
    cli::add_choice(*edit, "--kind", edit_opts->kind, {"call", "message", "email"}, "What it was");
    edit->add_option("--minutes", edit_opts->minutes, "How long it took (none clears it)")
        ->type_name("N");
    edit->add_option("--note", edit_opts->note, "What it was about (\"\" clears it)")
        ->type_name("TEXT");
    cli::add_provider_option(*edit, edit_opts->provider);
    edit->footer("Example: showup contact edit c3 --minutes 20 --note \"about the new dose\"");
    edit->callback([edit_opts, &ctx] { run_edit(*edit_opts, ctx); });

    auto remove_id = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand("remove", "Remove a contact recorded by mistake");
    remove
        ->add_option(cli::k_contact_value, *remove_id,
                     "The contact's id (c3, or 3; see 'contact list')")
        ->required();
    remove->footer("Example: showup contact remove c3");
    remove->callback([remove_id, &ctx] { run_remove(*remove_id, ctx); });
}

} // namespace showup::commands
