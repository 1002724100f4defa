#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

void setup_cancel(CLI::App& app, cli::Context& ctx) {
    auto req = std::make_shared<OutcomeRequest>();
    req->verb = "cancel";
    req->outcome = Outcome::cancelled;
    auto* cmd = app.add_subcommand("cancel", "Record that the provider cancelled a session");
    cmd->add_option("SESSION", req->session,
                    "An id, a date, a date and time, 'last' or 'next' (default: the most recent "
                    "unlogged session)");
    cmd->add_option("--reason", req->reason, "Why")->type_name("TEXT");
    cmd->footer("Example: showup cancel 2026-12-03 --reason \"she is ill\"");
    cmd->callback([req, &ctx] { record_outcome(ctx, *req); });
}

} // namespace showup::commands
