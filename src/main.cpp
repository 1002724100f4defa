#include <iostream>

#include <unistd.h>

#include "cli/app.hpp"
#include "commands/all.hpp"

// The app is assembled here, above both layers: the CLI runs the commands it is handed.
int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return showup::cli::run(argc, argv, showup::commands::all(), std::cout, std::cerr,
                            ::isatty(STDOUT_FILENO) != 0);
}
