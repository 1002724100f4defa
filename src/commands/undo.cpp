#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/output.hpp"
#include "commands.hpp"

namespace showup::commands {

namespace undo_command {

void run_undo(cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::write);
    const auto description = opened->store.undo();
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"undid", description}});
        return;
    }
    ctx.out << "undid: " << cli::printable(description) << "\n";
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
