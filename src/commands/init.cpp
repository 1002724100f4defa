#include <cstdlib>

#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/errors.hpp"
#include "showup/store.hpp"

namespace showup::commands {

namespace init_command {

struct Options {
    std::string timezone;
};

void run_init(const Options& opts, cli::Context& ctx) {
    // A TZ that names no zone of the tz database (a POSIX rule such as "JST-9", a file outside
    // the zoneinfo folder) is a mistake to point out, not a reason to write a UTC file.
    if (const char* tz = std::getenv("TZ");
        opts.timezone.empty() && tz != nullptr && *tz != '\0' && !Zone::name_from_tz(tz)) {
        throw UsageError(fmt::format("TZ is \"{}\", which is not a time zone of the tz database "
                                     "(a rule or a file outside it); name one: showup init "
                                     "--timezone Europe/Berlin",
                                     tz));
    }
    const auto zone = opts.timezone.empty() ? Zone::system_zone_name() : opts.timezone;
    if (!Zone::exists(zone)) {
        if (const auto why = Zone::why_refused(zone); !why.empty()) {
            throw UsageError(fmt::format("\"{}\" is not a time zone: {}", zone, why));
        }
        throw UsageError(
            fmt::format("unknown time zone \"{}\" (use a name such as Europe/Berlin)", zone));
    }
    const auto path = ctx.data_path();
    Store::create(path, zone);
    if (ctx.options.json) {
        ctx.out << cli::json_text({{"file", path.string()}, {"timezone", zone}});
        return;
    }
    ctx.say(fmt::format("created {} (time zone {})", path.string(), zone));
    ctx.out << "next: showup provider add \"Dr. Okafor\"\n";
}

} // namespace init_command

void setup_init(CLI::App& app, cli::Context& ctx) {
    using namespace init_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("init", "Create the data file (never overwrites one)");
    cmd->add_option("--timezone", opts->timezone,
                    "IANA time zone the sessions are in (default: this machine's)")
        ->type_name(cli::k_zone_value);
    cmd->footer("Example: showup init --timezone Europe/Berlin");
    cmd->callback([opts, &ctx] { run_init(*opts, ctx); });
}

} // namespace showup::commands
