#include "app.hpp"

#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "context.hpp"
#include "options.hpp"
#include "showup/errors.hpp"

namespace showup::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& g) {
    app.add_option("-f,--file", g.file,
                   "The data file (default: $SHOWUP_FILE, then "
                   "$XDG_DATA_HOME/showup/showup.json)")
        ->type_name(k_path_value);
    app.add_flag("--json", g.json, "Machine-readable output on stdout");
    add_choice(app, "--color", g.color, {"auto", "always", "never"},
               "Colour: on a terminal unless NO_COLOR is set (auto), always, never");
    app.add_option("--now", g.now, "Pin \"now\" (also SHOWUP_NOW), for scripts and tests")
        ->type_name("DATETIME");
    app.set_version_flag("--version",
                         std::string("showup ") + SHOWUP_VERSION + " (" + SHOWUP_BUILD + ")");
}

// CLI11's messages, made one line and pointed at the help.
std::string parse_message(const CLI::ParseError& e, const CLI::App& app) {
    std::string text = e.what();
    std::replace(text.begin(), text.end(), '\n', ' ');
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    std::string help = "showup --help";
    for (const auto* sub : app.get_subcommands()) {
        help = "showup " + sub->get_name() + " --help";
        for (const auto* inner : sub->get_subcommands()) {
            help = "showup " + sub->get_name() + " " + inner->get_name() + " --help";
        }
    }
    return fmt::format("{}; see '{}'", text, help);
}

} // namespace

int run(int argc, const char* const* argv, std::span<const CommandSetup> commands,
        std::ostream& out, std::ostream& err, bool out_is_terminal) {
    std::ostringstream buffer;
    Context ctx(buffer, err, out_is_terminal);
    CLI::App app{"showup: keep track of therapy sessions and other recurring appointments",
                 "showup"};
    app.fallthrough();
    app.require_subcommand(1);
    app.footer("Run 'showup COMMAND --help' for a command's options and an example.\n"
               "Start with: showup init; showup provider add \"Dr. Okafor\"");
    add_global_options(app, ctx.options);
    for (auto setup : commands) {
        setup(app, ctx);
    }
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp& e) {
            app.exit(e, buffer, err);
        } catch (const CLI::CallForAllHelp& e) {
            app.exit(e, buffer, err);
        } catch (const CLI::CallForVersion& e) {
            app.exit(e, buffer, err);
        }
    } catch (const CLI::ParseError& e) {
        const auto rest = app.remaining();
        if (app.get_subcommands().empty() && !rest.empty() && !rest.front().starts_with("-")) {
            err << fmt::format("showup: \"{}\" is not a showup command; see 'showup --help'\n",
                               rest.front());
            return 2;
        }
        err << "showup: " << parse_message(e, app) << "\n";
        return 2;
    } catch (const UsageError& e) {
        err << "showup: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        err << "showup: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        err << "showup: internal error: " << e.what() << "\n";
        return 1;
    }
    out << buffer.str();
    out.flush();
    return 0;
}

} // namespace showup::cli
