#include "cli/options.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

void setup_skip(CLI::App& app, cli::Context& ctx) {
    auto req = std::make_shared<OutcomeRequest>();
    req->verb = "skip";
    req->outcome = Outcome::skipped;
    auto* cmd = app.add_subcommand("skip", "Record that you did not go (ahead of time, too)");
    cli::add_session_argument(*cmd, req->session, false);
    cmd->add_flag("--no-show", req->no_show, "Without telling the provider");
    cmd->add_option("--reason", req->reason, "Why (kept from before when left out)")
        ->type_name("TEXT");
    cmd->footer("Example: showup skip next --reason \"exam week\"");
    cmd->callback([req, &ctx] { record_outcome(ctx, *req); });
}

} // namespace showup::commands
