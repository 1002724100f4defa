#include <fmt/format.h>

#include "cli/completion.hpp"
#include "cli/context.hpp"
#include "commands.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace completions_command {

struct Options {
    std::string shell;
    std::string list;
};

// Live ids for completion: read-only, and quiet when there is no file yet.
void print_ids(const std::string& kind, const CLI::App& root, cli::Context& ctx) {
    if (kind == "commands") {
        for (const auto& path : cli::command_paths(root)) {
            ctx.out << path << "\n";
        }
        return;
    }
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    if (kind == "providers") {
        for (const auto& p : data.providers) {
            ctx.out << p.id << "\n";
        }
    } else if (kind == "schedules") {
        for (const auto& s : data.schedules) {
            ctx.out << s.id << "\n";
        }
    } else if (kind == "contacts") {
        for (const auto& c : data.contacts) {
            ctx.out << c.id << "\n";
        }
    } else if (kind == "topics") {
        for (const auto& t : data.agenda) {
            ctx.out << t.id << "\n";
        }
    } else {
        for (const auto& a : data.absences) {
            ctx.out << a.id << "\n";
        }
    }
}

void run_completions(const Options& opts, const CLI::App& root, cli::Context& ctx) {
    if (!opts.list.empty()) {
        print_ids(opts.list, root, ctx);
        return;
    }
    if (opts.shell.empty()) {
        throw UsageError("say which shell: showup completions bash|zsh|fish");
    }
    ctx.out << cli::completion_script(root, opts.shell);
}

} // namespace completions_command

void setup_completions(CLI::App& app, cli::Context& ctx) {
    using namespace completions_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("completions", "Print a shell completion script");
    cmd->group(""); // hidden: the shipped files in completions/ are what people install
    cmd->add_option("SHELL", opts->shell, "bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_option("--list", opts->list, "Print ids for completion")
        ->check(CLI::IsMember(
            {"providers", "schedules", "absences", "contacts", "topics", "commands"}));
    cmd->footer(
        "Example: showup completions bash > ~/.local/share/bash-completion/completions/showup");
    cmd->callback([opts, &app, &ctx] { run_completions(*opts, app, ctx); });
}

} // namespace showup::commands
