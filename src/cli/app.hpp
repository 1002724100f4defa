#pragma once
#include <ostream>
#include <span>

namespace CLI {
class App;
}

namespace showup::cli {

class Context;

// A subcommand's setup: binds its options on the app; its callback runs it.
using CommandSetup = void (*)(CLI::App&, Context&);

// Runs showup with these arguments and `commands` (in the order of `showup --help`); the one
// place that maps errors to exit codes (usage 2, other failures 1). Output goes to `out` only
// when the command succeeds.
int run(int argc, const char* const* argv, std::span<const CommandSetup> commands,
        std::ostream& out, std::ostream& err, bool out_is_terminal);

} // namespace showup::cli
