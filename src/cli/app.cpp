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

constexpr std::string_view k_version_line = "showup " SHOWUP_VERSION " (" SHOWUP_BUILD ")";

// Help that fits 80 columns: descriptions wrap in their column, other lines at spaces. The help
// of a command says where the global options are.
class HelpFormatter final : public CLI::Formatter {
public:
    static constexpr std::size_t k_width = 80;
    explicit HelpFormatter(std::size_t column) { column_width(column); }

    std::string make_option(const CLI::Option* opt, bool positional) const override {
        return two_columns(make_option_name(opt, positional) + make_option_opts(opt),
                           make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        return two_columns(sub->get_display_name(true), sub->get_description());
    }
    std::string make_description(const CLI::App* app) const override {
        return wrapped(CLI::Formatter::make_description(app));
    }
    std::string make_usage(const CLI::App* app, std::string name) const override {
        return wrapped(CLI::Formatter::make_usage(app, std::move(name)));
    }
    std::string make_footer(const CLI::App* app) const override {
        auto footer = CLI::Formatter::make_footer(app);
        if (app->get_parent() != nullptr) {
            footer += "Global options (--file, --json, --color, --now): see 'showup --help'.\n";
        }
        return wrapped(footer);
    }

private:
    std::string two_columns(const std::string& name, const std::string& description) const {
        std::string out = "  " + name;
        const auto column = get_column_width();
        if (!description.empty()) {
            out += out.size() >= column ? "\n" + std::string(column, ' ')
                                        : std::string(column - out.size(), ' ');
            out += wrap_column(description, column, k_width);
        }
        return out + "\n";
    }
    // Each line of `text` wrapped, its continuation indented.
    static std::string wrapped(const std::string& text) {
        std::string out;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = std::min(text.find('\n', start), text.size());
            out += wrap(std::string_view(text).substr(start, end - start), k_width, 4);
            if (end < text.size()) {
                out += "\n";
            }
            start = end + 1;
        }
        return out;
    }
};

void add_global_options(CLI::App& app, GlobalOptions& g) {
    app.add_option("-f,--file", g.file,
                   "The data file (default: $SHOWUP_FILE, else in $XDG_DATA_HOME)")
        ->type_name(k_path_value);
    app.add_flag("--json", g.json, "Machine-readable output on stdout");
    add_choice(app, "--color", g.color, {"auto", "always", "never"},
               "Colour: auto (a terminal, without NO_COLOR), always or never");
    app.add_option("--now", g.now, "Pin \"now\" (also SHOWUP_NOW), for scripts and tests")
        ->type_name("DATETIME");
    app.set_version_flag("-V,-v,--version", std::string(k_version_line));
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

bool is_version_flag(std::string_view arg) {
    return arg == "-V" || arg == "-v" || arg == "--version";
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

// The commands to build for these arguments: CLI11 makes every option of a command when the
// command is added, so only the one that is called is built, unless something lists or names
// them all: `help`, `completions`, `--help`, `showup` alone, or a word that is no command (for
// the suggestion of the closest).
std::span<const CommandSetup> commands_to_build(int argc, const char* const* argv,
                                                std::span<const CommandSetup> commands) {
    const auto word = first_word(argc, argv);
    if (!word) {
        bool version = false;
        for (int i = 1; i < argc; ++i) {
            const std::string_view arg = argv[i];
            if (arg == "-h" || arg == "--help" || arg == "--help-all") {
                return commands;
            }
            version = version || is_version_flag(arg);
        }
        return version ? std::span<const CommandSetup>{} : commands;
    }
    if (*word == "help" || *word == "completions") {
        return commands;
    }
    const auto it = std::find_if(commands.begin(), commands.end(),
                                 [&](const CommandSetup& c) { return c.name == *word; });
    return it == commands.end() ? commands : std::span<const CommandSetup>(&*it, 1);
}

bool is_command(CLI::App& app, const std::string& word) {
    const auto all = app.get_subcommands([](const CLI::App*) { return true; });
    return std::any_of(all.begin(), all.end(),
                       [&](const CLI::App* sub) { return sub->check_name(word); });
}

// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

// The one of `names` closest to `typed`, when it is close enough to be a typo of it.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& names) {
    std::optional<std::string> best;
    std::size_t best_distance =
        std::max<std::size_t>(1, std::min<std::size_t>(2, typed.size() / 3));
    for (const auto& name : names) {
        const auto d = edit_distance(typed, name);
        if (d <= best_distance && (!best || d < best_distance)) {
            best = name;
            best_distance = d;
        }
    }
    return best;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return names;
}

// The command being parsed when parsing stopped: the innermost one that was given.
const CLI::App* innermost(const CLI::App& app) {
    const CLI::App* at = &app;
    for (bool deeper = true; deeper;) {
        deeper = false;
        for (const auto* sub : at->get_subcommands()) {
            at = sub;
            deeper = true;
            break;
        }
    }
    return at;
}

// "did you mean --from?" for an option that is not one of the command's, or "".
std::string option_hint(const CLI::App& app, int argc, const char* const* argv) {
    const auto* cmd = innermost(app);
    std::vector<std::string> names;
    for (const auto* a = cmd; a != nullptr; a = a->get_parent()) {
        for (const auto* opt : a->get_options()) {
            for (const auto& name : opt->get_lnames()) {
                names.push_back("--" + name);
            }
        }
    }
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (!arg.starts_with("--")) {
            continue;
        }
        const auto name = std::string(arg.substr(0, arg.find('=')));
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            continue;
        }
        const auto best = closest(name, names);
        return fmt::format("unknown option {}{}", printable(name),
                           best ? fmt::format(" (did you mean {}?)", *best) : "");
    }
    return {};
}

// The output written in full (exit 0), or a line saying it was not (exit 1).
int deliver(const std::string& text, std::ostream& out, std::ostream& err, bool saved) {
    errno = 0;
    out << text;
    out.flush();
    if (!out) {
        // Exports are backups: output that did not arrive is a failure, not a success.
        const int e = errno;
        err << fmt::format("showup: cannot write the output: {}{}\n",
                           e != 0 ? std::strerror(e) : "the stream failed",
                           saved ? " (the change itself was saved; 'showup undo' takes it back)"
                                 : "");
        return 1;
    }
    return 0;
}

} // namespace

int run(int argc, const char* const* argv, std::span<const CommandSetup> commands,
        std::ostream& out, std::ostream& err, bool out_is_terminal) {
    if (argc == 2 && is_version_flag(argv[1])) {
        // Answered before the parser is built: building it (and CLI11's answer, an exception)
        // would be most of what `--version` costs.
        return deliver(fmt::format("{}\n", k_version_line), out, err, false);
    }
    std::ostringstream buffer;
    Context ctx(buffer, err, out_is_terminal);
    CLI::App app{"showup: keep track of therapy sessions and other recurring appointments",
                 "showup"};
    // The commands get the formatter the app has when they are made; their options' names are
    // longer than the commands', so their column is wider.
    app.formatter(std::make_shared<HelpFormatter>(30));
    app.fallthrough();
    app.require_subcommand(1);
    app.footer("Run 'showup help COMMAND' for a command's options and an example.\n"
               "Start with: showup init; showup provider add \"Dr. Okafor\"");
    add_global_options(app, ctx.options);
    for (const auto& command : commands_to_build(argc, argv, commands)) {
        command.setup(app, ctx);
    }
    // The list of commands in 80 columns: their names are short. (The commands keep the
    // formatter they were made with, whose wider column suits their options.)
    app.formatter(std::make_shared<HelpFormatter>(16));
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
        const auto word = first_word(argc, argv);
        if (!word && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr &&
            app.get_subcommands().empty()) {
            // `showup` alone (perhaps with global options): what there is to do.
            out << app.help();
            return 0;
        }
        // The first word that is not an option must name a command: "showup contact add" is
        // about "contact", not about the "add" that follows it.
        if (word && !is_command(app, *word)) {
            const auto best = closest(*word, command_names(app));
            err << fmt::format("showup: \"{}\" is not a showup command; {}see 'showup --help'\n",
                               printable(*word),
                               best ? fmt::format("did you mean \"{}\"? ", *best) : "");
            return 2;
        }
        if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
            if (const auto hint = option_hint(app, argc, argv); !hint.empty()) {
                std::string path;
                for (const auto* a = innermost(app); a != &app; a = a->get_parent()) {
                    path = a->get_name() + " " + path;
                }
                err << "showup: " << hint << "; see 'showup " << path << "--help'\n";
                return 2;
            }
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
    return deliver(buffer.str(), out, err, ctx.saved());
}

} // namespace showup::cli
