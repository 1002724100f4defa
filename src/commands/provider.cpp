#include <cctype>

#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/edits.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace provider_command {

struct AddOptions {
    std::string name;
    std::string id;
    int duration = 50;
};

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
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    std::string id = opts.id;
    if (id.empty()) {
        id = slug(opts.name);
        for (int n = 2; data.find_provider(id) != nullptr; ++n) {
            id = fmt::format("{}-{}", slug(opts.name), n);
        }
    } else if (data.find_provider(id) != nullptr) {
        throw Error(fmt::format("there is a provider \"{}\" already", id));
    }
    data.providers.push_back({id, opts.name, opts.duration});
    opened->store.commit(fmt::format("provider add {}", opts.name), opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"id", id}, {"name", opts.name}, {"duration", opts.duration}});
        return;
    }
    ctx.out << fmt::format("added provider {} ({}, sessions of {} min)\n", id,
                           cli::printable(opts.name), opts.duration);
}

void run_list(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& p : data.providers) {
            list.push_back({{"id", p.id}, {"name", p.name}, {"duration", p.duration}});
        }
        ctx.out << cli::json_text({{"providers", list}});
        return;
    }
    if (data.providers.empty()) {
        ctx.out << "no providers yet; add one with: showup provider add NAME\n";
        return;
    }
    cli::Table table;
    table.row({"ID", "NAME", "DURATION"});
    for (const auto& p : data.providers) {
        table.row({p.id, cli::printable(p.name), fmt::format("{} min", p.duration)});
    }
    ctx.out << table.render();
}

void run_rename(const RenameOptions& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto old = rename_provider(data, opts.id, opts.name);
    opened->store.commit(fmt::format("provider rename {} from {} to {}", opts.id, old, opts.name),
                         opened->now);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"id", opts.id}, {"name", opts.name}, {"was", old}});
        return;
    }
    ctx.out << fmt::format("renamed provider {}: \"{}\" (was \"{}\")\n", opts.id,
                           cli::printable(opts.name), cli::printable(old));
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
    ctx.out << fmt::format("removed provider {} ({})\n", id, cli::printable(name));
}

} // namespace provider_command

void setup_provider(CLI::App& app, cli::Context& ctx) {
    using namespace provider_command;
    auto* cmd =
        app.add_subcommand("provider", "Who you see: add, list, rename and remove providers");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup provider add \"Dr. Okafor\" --id okafor --duration 50");

    auto opts = std::make_shared<AddOptions>();
    auto* add = cmd->add_subcommand("add", "Add a provider (a therapist, a clinic, a group)");
    add->add_option("NAME", opts->name, "Display name")->required();
    add->add_option("--id", opts->id, "Short id used on the command line (default: from the name)");
    add->add_option("--duration", opts->duration, "Usual session length in minutes")
        ->check(CLI::Range(1, 24 * 60))
        ->type_name("MIN");
    add->footer("Example: showup provider add \"Dr. Okafor\" --id okafor --duration 50");
    add->callback([opts, &ctx] { run_add(*opts, ctx); });

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
