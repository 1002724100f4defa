#pragma once
#include <span>

#include "cli/app.hpp"

namespace showup::commands {

// Every command, in the order of `showup --help`: what main (and the tests that run the whole
// app) hand to the CLI. Apart from commands.hpp, so that they do not compile CLI11 for it.
std::span<const cli::CommandSetup> all();

} // namespace showup::commands
