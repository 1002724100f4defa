#include "context.hpp"

#include <cstdlib>

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "output.hpp"
#include "showup/errors.hpp"
#include "when.hpp"

namespace showup::cli {

// "Now": --now, else SHOWUP_NOW, else the clock; an error in SHOWUP_NOW names the variable.
Instant now_in(const std::string& option, const Zone& zone) {
    if (!option.empty()) {
        return parse_now(option, zone);
    }
    const char* env = std::getenv("SHOWUP_NOW");
    if (env == nullptr || *env == '\0') {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
    try {
        return parse_now(env, zone);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("SHOWUP_NOW: {}", e.what()));
    }
}

Opened::Opened(const std::filesystem::path& path, Store::Mode mode, const std::string& now_option)
    : store(path, mode), zone(Zone::locate(store.data().timezone)), now(now_in(now_option, zone)) {}

namespace {

// Keeps `data` until the process exits, instead of destroying it record by record: a command
// runs once and the process ends, and the operating system takes the memory back at once (for
// a file of 100,000 sessions the destructors cost more than a tenth of a `summary`). Only the
// data is kept: the store is closed as before (its lock released), and the output is flushed
// as before. Kept through a pointer that is never freed, so leak checkers see it as reachable;
// running commands in one process (the tests) frees each run's data when the next one is kept.
void keep_until_exit(Data&& data) {
    static Data* const kept = new Data();
    *kept = std::move(data);
}

} // namespace

Opened::~Opened() {
    if (saved_flag != nullptr && store.saved()) {
        *saved_flag = true;
    }
    if (warnings != nullptr) {
        for (const auto& w : store.warnings()) {
            *warnings << "showup: warning: " << printable(w) << "\n";
        }
    }
    keep_until_exit(std::move(store.data()));
}

const Habits& Context::habits() const {
    if (!m_habits) {
        m_habits = read_habits();
        use_clock(m_habits->clock);
    }
    return *m_habits;
}

std::unique_ptr<Opened> Context::open(Store::Mode mode) const {
    habits();
    auto opened = std::make_unique<Opened>(data_path(), mode, options.now);
    opened->saved_flag = &m_saved;
    opened->warnings = &err;
    if (opened->store.readable_by_others()) {
        err << fmt::format("showup: warning: {} can be read by other users; run: chmod 600 {}\n",
                           opened->store.path().string(), opened->store.path().string());
    }
    return opened;
}

Instant Context::now(const Zone& zone) const {
    return now_in(options.now, zone);
}

bool Context::colour() const {
    if (options.color == "always") {
        return true;
    }
    if (options.color == "never") {
        return false;
    }
    const char* no_color = std::getenv("NO_COLOR");
    // A terminal that says it cannot do much (TERM=dumb: an editor's shell buffer) gets none.
    const char* term = std::getenv("TERM");
    const bool dumb = term != nullptr && std::string_view(term) == "dumb";
    return m_out_is_terminal && !dumb && (no_color == nullptr || *no_color == '\0');
}

std::size_t Context::width() const {
    if (!m_out_is_terminal) {
        return 0;
    }
    if (const char* cols = std::getenv("COLUMNS"); cols != nullptr) {
        const long n = std::strtol(cols, nullptr, 10);
        if (n >= 40 && n <= 1000) {
            return static_cast<std::size_t>(n);
        }
    }
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) {
        return ws.ws_col;
    }
    return 80;
}

void Context::say(std::string_view line, std::size_t indent) const {
    out << wrap(line, width(), indent) << "\n";
}

} // namespace showup::cli
