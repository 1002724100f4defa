// The whole command line, in-process, on a scratch copy of a realistic file: the input is a
// command line (words separated by newlines). A refused command leaves the file's bytes as
// they were; an accepted one leaves a file that loads; and `undo` of an accepted change writes
// back the very bytes of before, which load.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/app.hpp"
#include "commands/all.hpp"
#include "showup/errors.hpp"
#include "showup/store.hpp"

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The seed file (SHOWUP_FUZZ_SEED, else the shipped example) and a scratch directory.
struct Scratch {
    std::filesystem::path dir;
    std::filesystem::path file;
    std::string seed;
    bool history_full = false; // then undo forgets the oldest change, and is not exact
    Scratch() {
        std::string templ = (std::filesystem::temp_directory_path() / "fuzz-cli-XXXXXX").string();
        dir = ::mkdtemp(templ.data());
        file = dir / "showup.json";
        const char* seed_path = std::getenv("SHOWUP_FUZZ_SEED");
        seed = slurp(seed_path != nullptr ? seed_path : SHOWUP_EXAMPLE_FILE);
        history_full = showup::parse_document(seed, "seed").history.size() >= showup::k_undo_depth;
    }
    void reset() const {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << seed;
        std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);
    }
};

int run(const Scratch& s, std::vector<std::string> words) {
    words.insert(words.begin(), {"showup", "--file", s.file.string(), "--now", "2026-11-25T12:00"});
    std::vector<const char*> argv;
    for (const auto& w : words) {
        argv.push_back(w.c_str());
    }
    std::ostringstream out;
    std::ostringstream err;
    return showup::cli::run(static_cast<int>(argv.size()), argv.data(), showup::commands::all(),
                            out, err, false);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Scratch scratch;
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < size && words.size() <= 16; ++i) {
        if (data[i] == '\n') {
            words.emplace_back();
        } else {
            words.back() += static_cast<char>(data[i]);
        }
    }
    // Commands that write elsewhere or print a whole file add nothing here.
    for (const auto& w : words) {
        if (w == "--file" || w == "-f" || w.starts_with("--file=") || w == "init" ||
            w == "export" || w == "completions") {
            return 0;
        }
    }
    scratch.reset();
    const auto before = slurp(scratch.file);
    const int rc = run(scratch, words);
    const auto after = slurp(scratch.file);
    if (rc != 0) {
        if (after != before) {
            __builtin_trap(); // a refused command changed the file
        }
        return 0;
    }
    try {
        (void)showup::parse_document(after, "after");
    } catch (const showup::Error&) {
        __builtin_trap(); // an accepted command wrote a file that does not load
    }
    if (after != before && !scratch.history_full) {
        if (run(scratch, {"undo"}) != 0 || slurp(scratch.file) != before) {
            __builtin_trap(); // undo is not the exact inverse
        }
    }
    return 0;
}
