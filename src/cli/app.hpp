#pragma once
#include <ostream>
#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace showup::cli {

class Context;

// A subcommand: its name, and its setup, which binds its options on the app (its callback runs
// it). The name lets run() build only the command that is called.
struct CommandSetup {
    std::string_view name;
    void (*setup)(CLI::App&, Context&);
};

// Runs showup with these arguments and `commands` (in the order of `showup --help`); the one
// place that maps errors to exit codes (usage 2, other failures 1). Output goes to `out` only
// when the command succeeds.
int run(int argc, const char* const* argv, std::span<const CommandSetup> commands,
        std::ostream& out, std::ostream& err, bool out_is_terminal);

} // namespace showup::cli
