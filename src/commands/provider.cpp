#include <cctype>

#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "commands.hpp"
#include "showup/edits.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace provider_command {

struct AddOptions {
    std::string name;
    std::string id;
    int duration = 50;
    std::string notice;
    std::string fee;
};

struct EditOptions {
    std::string id;
    std::optional<int> duration;
    std::optional<std::string> notice;
    std::optional<std::string> fee;
};

// The provider's policy in words: "sessions of 50 min, 24h notice, fee 60.00".
std::string policy_text(const Provider& p) {
    std::string out = fmt::format("sessions of {} min", p.duration);
    if (p.notice_minutes) {
        out += fmt::format(", {} notice", cli::format_notice(*p.notice_minutes));
    }
    if (p.fee_cents) {
        out += fmt::format(", fee {}", cli::format_amount(*p.fee_cents));
    }
    return out;
}

nlohmann::ordered_json provider_json(const Provider& p) {
    using json = nlohmann::ordered_json;
    return {{"id", p.id},
            {"name", p.name},
            {"duration", p.duration},
            {"notice_minutes", p.notice_minutes ? json(*p.notice_minutes) : json(nullptr)},
            {"fee", p.fee_cents ? json(cli::format_amount(*p.fee_cents)) : json(nullptr)}};
}

// "none" (or "") clears a policy; anything else is read by `parse`.
template <typename T, typename Parse>
std::optional<T> optional_value(const std::string& text, Parse parse) {
    if (text.empty() || text == "none") {
        return std::nullopt;
    }
    return parse(text);
}

struct RenameOptions {
    std::string id;
    std::string name;
};

// "Dr. Okafor" -> "dr-okafor".
std::string slug(std::string_view name) {
    std::string out;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80) {
            out += static_cast<char>(std::tolower(u));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out.empty() ? "provider" : out;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 40) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
}

void run_add(const AddOptions& opts, cli::Context& ctx) {
    if (opts.name.find_first_not_of(" \t") == std::string::npos) {
        throw UsageError("a provider needs a name");
    }
    if (!opts.id.empty() && !valid_id(opts.id)) {
        throw UsageError(
            fmt::format("\"{}\" is not a usable id (letters, digits, '-', '_', '.')", opts.id));
    }
    // On a file of decades, the sessions are written back as text (cli::no_sessions).
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        std::string id = opts.id;
        if (id.empty()) {
            id = slug(opts.name);
            for (int n = 2; data.find_provider(id) != nullptr; ++n) {
                id = fmt::format("{}-{}", slug(opts.name), n);
            }
        } else if (data.find_provider(id) != nullptr) {
            throw Error(fmt::format("there is a provider \"{}\" already", id));
        }
        Provider p;
        p.id = id;
        p.name = opts.name;
        p.duration = opts.duration;
        p.notice_minutes = optional_value<int>(opts.notice, cli::parse_notice);
        p.fee_cents = optional_value<long long>(opts.fee, cli::parse_amount);
        data.providers.push_back(p);
        opened.store.commit(fmt::format("provider add {}", opts.name), opened.now);
        if (ctx.options.json) {
            ctx.out << cli::json_text(provider_json(p));
            return;
        }
        ctx.say(fmt::format("added provider {} ({}, {})", id, cli::printable(opts.name),
                            policy_text(p)));
    });
}

void run_edit(const EditOptions& opts, cli::Context& ctx) {
    ProviderEdit edit;
    edit.duration = opts.duration;
    if (opts.notice) {
        edit.notice_minutes = optional_value<int>(*opts.notice, cli::parse_notice);
    }
    if (opts.fee) {
        edit.fee_cents = optional_value<long long>(*opts.fee, cli::parse_amount);
    }
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto before = edit_provider(data, opts.id, edit);
        opened.store.commit(fmt::format("provider edit {}", opts.id), opened.now);
        const auto& p = *data.find_provider(opts.id);
        if (ctx.options.json) {
            auto json = provider_json(p);
            json["was"] = provider_json(before);
            ctx.out << cli::json_text(json);
            return;
        }
        ctx.say(fmt::format("changed provider {}: {} (was {})", opts.id, policy_text(p),
                            policy_text(before)));
    });
}

void run_list(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& p : data.providers) {
            list.push_back(provider_json(p));
        }
        ctx.out << cli::json_text({{"providers", list}});
        return;
    }
    if (data.providers.empty()) {
        ctx.out << "no providers yet; add one with: showup provider add NAME\n";
        return;
    }
    // The name last: it is the one that may need to wrap.
    cli::Table table;
    table.header({"ID", "DURATION", "NOTICE", "FEE", "NAME"});
    for (const auto& p : data.providers) {
        table.row({p.id, fmt::format("{} min", p.duration),
                   p.notice_minutes ? cli::format_notice(*p.notice_minutes) : "-",
                   p.fee_cents ? cli::format_amount(*p.fee_cents) : "-", cli::printable(p.name)});
    }
    ctx.out << table.render(ctx.width());
}

void run_rename(const RenameOptions& opts, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        const auto old = rename_provider(opened.data(), opts.id, opts.name);
        opened.store.commit(
            fmt::format("provider rename {} from {} to {}", opts.id, old, opts.name), opened.now);
        if (ctx.options.json) {
            ctx.out << cli::json_text({{"id", opts.id}, {"name", opts.name}, {"was", old}});
            return;
        }
        ctx.say(fmt::format("renamed provider {}: \"{}\" (was \"{}\")", opts.id,
                            cli::printable(opts.name), cli::printable(old)));
    });
}

void run_remove(const std::string& id, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto* p = data.find_provider(id);
    const auto name = p != nullptr ? p->name : std::string();
    remove_provider(data, id);
    opened->store.commit(fmt::format("provider remove {} ({})", id, name), opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"removed", id}});
        return;
    }
    ctx.say(fmt::format("removed provider {} ({})", id, cli::printable(name)));
}

} // namespace provider_command

void setup_provider(CLI::App& app, cli::Context& ctx) {
    using namespace provider_command;
    auto* cmd =
        app.add_subcommand("provider", "Who you see: add, list, edit, rename and remove providers");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup provider add \"Dr. Okafor\" --id okafor --duration 50");

    auto opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Add a provider (a therapist, a clinic, a group)");
    add->add_option("NAME", opts->name, "Display name")->required();
    add->add_option("--id", opts->id, "Short id used on the command line (default: from the name)");
    add->add_option("--duration", opts->duration, "Usual session length in minutes")
        ->check(cli::whole_number(1, 24 * 60))
        ->type_name("MIN");
    add->add_option("--notice", opts->notice,
                    "How long before a session it must be cancelled (24h, 2d); a later "
                    "cancellation of yours is a late cancellation")
        ->type_name("DUR");
    add->add_option("--fee", opts->fee, "What a late cancellation or a no-show costs (60.00)")
        ->type_name("AMOUNT");
    add->footer("Example: showup provider add \"Dr. Okafor\" --id okafor --duration 50 "
                "--notice 24h --fee 60");
    add->callback([opts, &ctx] { run_add(*opts, ctx); });

    auto edit_opts = std::make_shared<EditOptions>();
    auto* edit = cmd->add_subcommand(
        "edit", "Change a provider's session length, cancellation notice or fee");
    edit->add_option(cli::k_provider_value, edit_opts->id, "The provider's id")->required();
    edit->add_option("--duration", edit_opts->duration, "Usual session length in minutes")
        ->check(cli::whole_number(1, 24 * 60))
        ->type_name("MIN");
    edit->add_option("--notice", edit_opts->notice, "Cancellation notice (24h, 2d; none clears)")
        ->type_name("DUR");
    edit->add_option("--fee", edit_opts->fee,
                     "Fee of a late cancellation or no-show (60.00; none clears)")
        ->type_name("AMOUNT");
    edit->footer("Example: showup provider edit okafor --notice 48h --fee 75");
    edit->callback([edit_opts, &ctx] { run_edit(*edit_opts, ctx); });

    auto* list = cmd->add_subcommand("list", "List the providers");
    list->footer("Example: showup provider list --json");
    list->callback([&ctx] { run_list(ctx); });

    auto rename_opts = std::make_shared<RenameOptions>();
    auto* rename = cmd->add_subcommand("rename", "Change a provider's display name");
    rename->add_option(cli::k_provider_value, rename_opts->id, "The provider's id")->required();
    rename->add_option("NAME", rename_opts->name, "The new name")->required();
    rename->footer("Example: showup provider rename okafor \"Dr. Okafor-Reyes\"");
    rename->callback([rename_opts, &ctx] { run_rename(*rename_opts, ctx); });

    auto remove_id = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand(
        "remove", "Remove a provider added by mistake (refused while anything refers to it)");
    remove->add_option(cli::k_provider_value, *remove_id, "The provider's id")->required();
    remove->footer("Example: showup provider remove dr-okafr");
    remove->callback([remove_id, &ctx] { run_remove(*remove_id, ctx); });
}

} // namespace showup::commands
