#pragma once
// The whole app run in-process, as from a shell: `showup --file FILE --now NOW ARGS...`.
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

} // namespace showup::test
