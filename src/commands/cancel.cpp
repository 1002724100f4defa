#include "cli/options.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

void setup_cancel(CLI::App& app, cli::Context& ctx) {
    auto req = std::make_shared<OutcomeRequest>();
    req->verb = "cancel";
    req->outcome = Outcome::cancelled;
    auto* cmd = app.add_subcommand("cancel", "Record that the provider cancelled a session");
    cli::add_session_argument(*cmd, req->session, false);
    cmd->add_option("--reason", req->reason, "Why (kept from before when left out)")
        ->type_name("TEXT");
    cmd->footer("Example: showup cancel 2026-12-03 --reason \"she is ill\"");
    cmd->callback([req, &ctx] { record_outcome(ctx, *req); });
}

} // namespace showup::commands
