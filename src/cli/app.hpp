#pragma once
#include <ostream>

namespace showup::cli {

// Runs showup with these arguments; the one place that maps errors to exit codes (usage 2,
// other failures 1). Output goes to `out` only when the command succeeds.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        bool out_is_terminal);

} // namespace showup::cli
