#include "commands.hpp"

namespace showup::commands {

namespace {
// The order here is the order of `showup --help`.
constexpr Setup k_commands[] = {
    setup_init,   setup_provider,   setup_schedule, setup_add,    setup_attend,      setup_skip,
    setup_cancel, setup_reschedule, setup_show,     setup_edit,   setup_unlog,       setup_remove,
    setup_away,   setup_contact,    setup_agenda,   setup_notes,  setup_list,        setup_next,
    setup_streak, setup_gaps,       setup_summary,  setup_budget, setup_calendar,    setup_export,
    setup_import, setup_merge,      setup_undo,     setup_help,   setup_completions,
};
} // namespace

std::span<const Setup> all() {
    return k_commands;
}

} // namespace showup::commands
