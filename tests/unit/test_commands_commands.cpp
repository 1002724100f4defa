// The list of commands: each one's name is the name of the command its setup builds, since
// cli::run builds only the command a name calls.
#include <sstream>

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include "cli/app.hpp"
#include "cli/context.hpp"
#include "commands/all.hpp"

using namespace showup;

namespace commands_commands_test {

TEST_CASE("commands: each one's name is the command its setup builds") {
    for (const auto& command : commands::all()) {
        std::ostringstream out;
        std::ostringstream err;
        cli::Context ctx(out, err, false);
        CLI::App app;
        command.setup(app, ctx);
        const auto subs = app.get_subcommands([](const CLI::App*) { return true; });
        REQUIRE(subs.size() == 1);
        CHECK(subs.front()->get_name() == command.name);
    }
}

TEST_CASE("commands: --version and a command's own help need no other command") {
    const auto run = [](std::vector<const char*> argv) {
        argv.insert(argv.begin(), "showup");
        std::ostringstream out;
        std::ostringstream err;
        const int rc =
            cli::run(static_cast<int>(argv.size()), argv.data(), commands::all(), out, err, false);
        return std::pair{rc, out.str() + err.str()};
    };
    CHECK(run({"--version"}).second.starts_with("showup "));
    SUBCASE("--version alone, answered before the parser, says what the parser says") {
        CHECK(run({"--version"}) == run({"--color", "never", "--version"}));
        CHECK(run({"-V"}) == run({"--color", "never", "-V"}));
        std::ostream nowhere(nullptr); // every write fails
        std::ostringstream err;
        const char* argv[] = {"showup", "--version"};
        CHECK(cli::run(2, argv, commands::all(), nowhere, err, false) == 1);
        CHECK(err.str().starts_with("showup: cannot write the output"));
    }
    const auto [rc, text] = run({"list", "--help"});
    CHECK(rc == 0);
    CHECK(text.find("--from") != std::string::npos);
    SUBCASE("a typo of a command is still named with the closest") {
        const auto [typo_rc, typo] = run({"lsit"});
        CHECK(typo_rc == 2);
        CHECK(typo.find("did you mean \"list\"") != std::string::npos);
    }
    SUBCASE("showup --help still lists every command (but the hidden `completions`)") {
        const auto [help_rc, help] = run({"--help"});
        CHECK(help_rc == 0);
        for (const auto& command : commands::all()) {
            if (command.name != "completions") {
                CHECK(help.find("  " + std::string(command.name) + " ") != std::string::npos);
            }
        }
    }
}

} // namespace commands_commands_test
