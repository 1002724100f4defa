#pragma once
// Every subcommand: setup_<cmd> binds its options on the app, and its callback runs it.
#include <span>

#include <CLI/CLI.hpp>

#include "all.hpp"
#include "cli/app.hpp"

namespace showup::cli {
class Context;
}

namespace showup::commands {

using Setup = cli::CommandSetup;

void setup_init(CLI::App& app, cli::Context& ctx);
void setup_provider(CLI::App& app, cli::Context& ctx);
void setup_schedule(CLI::App& app, cli::Context& ctx);
void setup_add(CLI::App& app, cli::Context& ctx);
void setup_attend(CLI::App& app, cli::Context& ctx);
void setup_skip(CLI::App& app, cli::Context& ctx);
void setup_cancel(CLI::App& app, cli::Context& ctx);
void setup_reschedule(CLI::App& app, cli::Context& ctx);
void setup_away(CLI::App& app, cli::Context& ctx);
void setup_contact(CLI::App& app, cli::Context& ctx);
void setup_agenda(CLI::App& app, cli::Context& ctx);
void setup_notes(CLI::App& app, cli::Context& ctx);
void setup_list(CLI::App& app, cli::Context& ctx);
void setup_next(CLI::App& app, cli::Context& ctx);
void setup_streak(CLI::App& app, cli::Context& ctx);
void setup_gaps(CLI::App& app, cli::Context& ctx);
void setup_summary(CLI::App& app, cli::Context& ctx);
void setup_budget(CLI::App& app, cli::Context& ctx);
void setup_calendar(CLI::App& app, cli::Context& ctx);
void setup_export(CLI::App& app, cli::Context& ctx);
void setup_import(CLI::App& app, cli::Context& ctx);
void setup_merge(CLI::App& app, cli::Context& ctx);
void setup_show(CLI::App& app, cli::Context& ctx);
void setup_edit(CLI::App& app, cli::Context& ctx);
void setup_unlog(CLI::App& app, cli::Context& ctx);
void setup_remove(CLI::App& app, cli::Context& ctx);
void setup_undo(CLI::App& app, cli::Context& ctx);
void setup_completions(CLI::App& app, cli::Context& ctx);
void setup_help(CLI::App& app, cli::Context& ctx);

// Every command, in the order of `showup --help`; main() hands them to cli::run.
} // namespace showup::commands
