#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace undo_command {

// The days of the sessions the last change made, made over or removed (their slots, and their
// days before it), with as many days before them as a change to one of them reads; none for a
// change to other records alone; nullopt (the whole file) for any other change.
std::optional<std::pair<LocalDays, LocalDays>>
days_to_undo(const std::filesystem::path& path, LocalDays today, const DayOfId& day_of) {
    const auto changed = last_session_changes(path);
    if (!changed) {
        return std::nullopt;
    }
    if (changed->empty()) {
        return cli::no_sessions(today, day_of);
    }
    // A one-off's day is found by its line, each a search of the file: a change to many of
    // them is undone on the whole file.
    constexpr int k_one_offs = 16;
    int one_offs = 0;
    std::optional<LocalDays> first;
    std::optional<LocalDays> last;
    const auto take = [&](LocalDays day) {
        first = first ? std::min(*first, day) : day;
        last = last ? std::max(*last, day) : day;
    };
    for (const auto& c : *changed) {
        if (c.before) {
            take(*c.before);
        }
        if (c.removed) { // not in the file: it comes back on its day
            continue;
        }
        auto now = occurrence_day(c.id);
        if (!now && ++one_offs <= k_one_offs) {
            now = day_of(c.id);
        }
        if (!now) {
            return std::nullopt;
        }
        take(*now);
    }
    return std::pair{*first - k_around_reach, *last};
}

void run_undo(cli::Context& ctx) {
    // Read as a window of days where it can be: on a file of decades, undoing a change to a
    // session reads and writes the rest as text, as the change did.
    const auto path = ctx.data_path();
    ctx.write_window(
        [&](LocalDays today, const DayOfId& day_of) { return days_to_undo(path, today, day_of); },
        [&](cli::Opened& opened) {
            const auto description = opened.store.undo();
            if (ctx.options.json) {
                ctx.out << cli::json_text({{"undid", description}});
                return;
            }
            ctx.out << "undid: " << cli::printable(description) << "\n";
        });
}

} // namespace undo_command

void setup_undo(CLI::App& app, cli::Context& ctx) {
    using namespace undo_command;
    auto* cmd = app.add_subcommand(
        "undo", fmt::format("Take back the last change ({} deep)", k_undo_depth));
    cmd->footer("Example: showup undo");
    cmd->callback([&ctx] { run_undo(ctx); });
}

} // namespace showup::commands
