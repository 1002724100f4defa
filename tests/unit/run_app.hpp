#pragma once
// The whole app run in-process, as from a shell: `showup --file FILE --now NOW ARGS...`.
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "commands/all.hpp"

namespace showup::test {

struct AppResult {
    int rc = 0;
    std::string out;
    std::string err;
};

inline AppResult run_app(const std::filesystem::path& file, const std::string& now,
                         std::vector<std::string> args) {
    args.insert(args.begin(), {"showup", "--file", file.string(), "--now", now});
    std::vector<const char*> argv;
    for (const auto& a : args) {
        argv.push_back(a.c_str());
    }
    std::ostringstream out;
    std::ostringstream err;
    AppResult r;
    r.rc = cli::run(static_cast<int>(argv.size()), argv.data(), commands::all(), out, err, false);
    r.out = out.str();
    r.err = err.str();
    return r;
}

// How many rounds a property test runs, of the `full` count it runs in the plain build:
// SHOWUP_PROPERTY_PERCENT of them when set (scripts/test --sanitize sets it, as the sanitized
// build runs each command many times slower), at least one.
inline int property_rounds(int full) {
    const char* text = std::getenv("SHOWUP_PROPERTY_PERCENT");
    const int percent = text != nullptr ? std::atoi(text) : 100;
    const int rounds = full * (percent > 0 && percent <= 100 ? percent : 100) / 100;
    return rounds > 0 ? rounds : 1;
}

} // namespace showup::test
