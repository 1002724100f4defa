#include "cli/options.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

void setup_cancel(CLI::App& app, cli::Context& ctx) {
    auto req = std::make_shared<OutcomeRequest>();
    req->verb = "cancel";
    req->outcome = Outcome::cancelled;
    auto* cmd = app.add_subcommand(
        "cancel", "Record that a session was cancelled, by the provider or by you");
    cli::add_session_argument(*cmd, req->session, false);
    cli::add_choice(*cmd, "--by", req->by, {"me", "provider"},
                    "Who cancelled (default: the provider; kept from before when left out)");
    cli::add_when_option(*cmd, "--told", req->told,
                         "When the cancellation was given (default: now); inside the provider's "
                         "notice, yours is a late cancellation");
    cmd->add_option("--reason", req->reason, "Why (kept from before when left out)")
        ->type_name("TEXT");
    cmd->footer("Example: showup cancel 2026-12-03 --reason \"she is ill\"\n"
                "Example: showup cancel fri --by me --told \"yesterday 18:00\" --reason "
                "\"exam\"");
    cmd->callback([req, &ctx] { record_outcome(ctx, *req); });
}

} // namespace showup::commands
