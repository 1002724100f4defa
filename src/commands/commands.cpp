#include "commands.hpp"

namespace showup::commands {

namespace {
// The order here is the order of `showup --help`.
constexpr Setup k_commands[] = {
    {"init", setup_init},
    {"provider", setup_provider},
    {"schedule", setup_schedule},
    {"add", setup_add},
    {"attend", setup_attend},
    {"skip", setup_skip},
    {"cancel", setup_cancel},
    {"reschedule", setup_reschedule},
    {"show", setup_show},
    {"edit", setup_edit},
    {"unlog", setup_unlog},
    {"remove", setup_remove},
    {"away", setup_away},
    {"contact", setup_contact},
    {"agenda", setup_agenda},
    {"notes", setup_notes},
    {"list", setup_list},
    {"next", setup_next},
    {"streak", setup_streak},
    {"gaps", setup_gaps},
    {"summary", setup_summary},
    {"budget", setup_budget},
    {"calendar", setup_calendar},
    {"export", setup_export},
    {"import", setup_import},
    {"merge", setup_merge},
    {"undo", setup_undo},
    {"help", setup_help},
    {"completions", setup_completions},
};
} // namespace

std::span<const Setup> all() {
    return k_commands;
}

} // namespace showup::commands
