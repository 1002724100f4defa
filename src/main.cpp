#include <iostream>

#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/app.hpp"
#include "commands/all.hpp"

// The app is assembled here, above both layers: the CLI runs the commands it is handed.
int main(int argc, char** argv) {
#ifdef __GLIBC__
    // One run of showup reads the file, builds its records and a timeline or two, and exits.
    // Large blocks (the file's text, lists of sessions) from the heap rather than each from a
    // mapping of its own, and freed memory kept rather than given back: a block freed is
    // reused by the next one without the kernel clearing fresh pages for it again.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_TOP_PAD, 4 * 1024 * 1024);
#endif
    std::ios::sync_with_stdio(false);
    return showup::cli::run(argc, argv, showup::commands::all(), std::cout, std::cerr,
                            ::isatty(STDOUT_FILENO) != 0);
}
