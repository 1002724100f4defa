#include "context.hpp"

#include <cstdlib>
#include <sstream>

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

namespace {

bool g_whole_files = false;
std::size_t g_window_reruns = 0;

// The window's days once the file's zone is known; the zone is kept for the command. A zone
// or a "now" that is wrong reads the whole file, which then says what is wrong; so does a
// window that needs a session's day where the file cannot tell it (DayOfId: not sealed).
SessionDays session_days(const Window& window, const std::string& now_option,
                         std::optional<Zone>& zone) {
    if (!window) {
        return {};
    }
    return [&window, &now_option,
            &zone](const std::string& timezone,
                   const DayOfId& day_of) -> std::optional<std::pair<LocalDays, LocalDays>> {
        try {
            // Without looking the name up in the list of zones: an unsealed file's zone is
            // checked against it when the file is (and a sealed one's was).
            zone = Zone::locate_checked(timezone);
            return window(date::floor<date::days>(zone->to_local(now_in(now_option, *zone))),
                          day_of);
        } catch (const Error&) {
            zone.reset();
            return std::nullopt;
        }
    };
}

} // namespace

std::optional<std::pair<LocalDays, LocalDays>> no_sessions(LocalDays today, const DayOfId&) {
    return std::pair{today, today - date::days{1}};
}

void read_whole_files(bool whole) {
    g_whole_files = whole;
}

std::size_t window_reruns() {
    return g_window_reruns;
}

Opened::Opened(const std::filesystem::path& path, Store::Mode mode, const std::string& now_option,
               const Window& window)
    : store(path, mode, posix_file_system(), session_days(window, now_option, m_zone)),
      zone(m_zone && m_zone->name() == store.data().timezone ? std::move(*m_zone)
           : store.sealed() ? Zone::locate_checked(store.data().timezone)
                            : Zone::locate(store.data().timezone)),
      now(now_in(now_option, zone)) {}

Opened::~Opened() {
    if (saved_flag != nullptr && store.saved()) {
        *saved_flag = true;
    }
    if (warnings != nullptr) {
        for (const auto& w : store.warnings()) {
            *warnings << "showup: warning: " << printable(w) << "\n";
        }
    }
}

const Habits& Context::habits() const {
    if (!m_habits) {
        m_habits = read_habits();
        use_clock(m_habits->clock);
    }
    return *m_habits;
}

std::unique_ptr<Opened> Context::open(Store::Mode mode) const {
    return open(mode, {}, true);
}

std::unique_ptr<Opened> Context::open(Store::Mode mode, const Window& window, bool warn) const {
    habits();
    auto opened = std::make_unique<Opened>(data_path(), mode, options.now, window);
    opened->saved_flag = &m_saved;
    opened->warnings = &err;
    if (warn && opened->store.readable_by_others()) {
        err << fmt::format("showup: warning: {} can be read by other users; run: chmod 600 {}\n",
                           opened->store.path().string(), opened->store.path().string());
    }
    return opened;
}

void Context::read_window(const Window& window, const std::function<void(Opened&)>& work) const {
    run_window(Store::Mode::read, window, work);
}

void Context::write_window(const Window& window, const std::function<void(Opened&)>& work) const {
    run_window(Store::Mode::write, window, work);
}

void Context::run_window(Store::Mode mode, const Window& window,
                         const std::function<void(Opened&)>& work) const {
    std::ostringstream held;
    auto* const out_buffer = out.rdbuf(held.rdbuf());
    const auto release = [&] {
        out.rdbuf(out_buffer);
        out << held.str();
    };
    try {
        auto opened = open(mode, g_whole_files ? Window{} : window, true);
        work(*opened);
        opened->store.save_pending();
    } catch (const NotRead&) {
        // The window's store (and its lock) is gone: the whole file is read afresh.
        ++g_window_reruns;
        out.rdbuf(out_buffer);
        work(*open(mode, {}, false));
        return;
    } catch (...) {
        // What a change printed before it failed is said only if the change was saved.
        if (mode == Store::Mode::write && !saved()) {
            out.rdbuf(out_buffer);
        } else {
            release();
        }
        throw;
    }
    release();
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
