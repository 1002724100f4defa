#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace help_command {

// `showup help away add`: what `showup away add --help` prints.
void run_help(const std::vector<std::string>& words, const CLI::App& root, cli::Context& ctx) {
    const CLI::App* at = &root;
    std::string path = root.get_name();
    std::string typed;
    for (const auto& word : words) {
        typed += (typed.empty() ? "" : " ") + word;
        const auto subs =
            at->get_subcommands([&](const CLI::App* sub) { return sub->check_name(word); });
        if (subs.empty()) {
            throw UsageError(fmt::format("\"{}\" is not a showup command; see 'showup help'",
                                         cli::printable(typed)));
        }
        at = subs.front();
        path += " " + at->get_name();
    }
    ctx.out << at->get_formatter()->make_help(at, path, CLI::AppFormatMode::Normal);
}

} // namespace help_command

void setup_help(CLI::App& app, cli::Context& ctx) {
    using namespace help_command;
    auto words = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand("help", "Help for showup or for a command: its --help");
    cmd->add_option(cli::k_command_value, *words, "A command, and one of its own (away add)");
    cmd->footer("Example: showup help away add");
    cmd->callback([words, &app, &ctx] { run_help(*words, app, ctx); });
}

} // namespace showup::commands
