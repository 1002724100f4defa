#include <iostream>

#include <unistd.h>

#include "cli/app.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return showup::cli::run(argc, argv, std::cout, std::cerr, ::isatty(STDOUT_FILENO) != 0);
}
