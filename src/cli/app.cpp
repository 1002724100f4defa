#include "app.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <new>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "context.hpp"
#include "options.hpp"
#include "output.hpp"
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

// The first argument that is neither a global option nor its value.
std::optional<std::string> first_word(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") {
            return std::nullopt;
        }
        if (arg.starts_with("-")) {
            if (arg == "-f" || arg == "--file" || arg == "--color" || arg == "--now") {
                ++i; // its value
            }
            continue;
        }
        return std::string(arg);
    }
    return std::nullopt;
}

bool is_command(CLI::App& app, const std::string& word) {
    const auto all = app.get_subcommands([](const CLI::App*) { return true; });
    return std::any_of(all.begin(), all.end(),
                       [&](const CLI::App* sub) { return sub->check_name(word); });
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
        // The first word that is not an option must name a command: "showup contact add" is
        // about "contact", not about the "add" that follows it.
        if (const auto word = first_word(argc, argv); word && !is_command(app, *word)) {
            err << fmt::format("showup: \"{}\" is not a showup command; see 'showup --help'\n",
                               printable(*word));
            return 2;
        }
        err << "showup: " << printable(parse_message(e, app)) << "\n";
        return 2;
    } catch (const UsageError& e) {
        err << "showup: " << printable(e.what()) << "\n";
        return 2;
    } catch (const Error& e) {
        err << "showup: " << printable(e.what()) << "\n";
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        // As a person would say it: the path and the reason, not the library's wording.
        err << "showup: " << printable(e.path1().string()) << ": " << printable(e.code().message())
            << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        err << "showup: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        err << "showup: internal error: " << printable(e.what()) << "\n";
        return 1;
    }
    errno = 0;
    out << buffer.str();
    out.flush();
    if (!out) {
        // Exports are backups: output that did not arrive is a failure, not a success.
        const int e = errno;
        err << fmt::format("showup: cannot write the output: {}{}\n",
                           e != 0 ? std::strerror(e) : "the stream failed",
                           ctx.saved() ? " (the change itself was saved; 'showup undo' takes it "
                                         "back)"
                                       : "");
        return 1;
    }
    return 0;
}

} // namespace showup::cli
