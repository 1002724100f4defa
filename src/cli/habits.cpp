#include "habits.hpp"

#include <cerrno>
#include <clocale>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <langinfo.h>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup::cli {

namespace {

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// LC_TIME set from the environment for as long as it lives, then put back.
class TimeLocale {
public:
    TimeLocale() {
        const char* current = std::setlocale(LC_TIME, nullptr);
        m_saved = current != nullptr ? current : "C";
        const char* name = std::setlocale(LC_TIME, "");
        const std::string_view locale = name != nullptr ? name : "C";
        m_plain = locale == "C" || locale == "POSIX" || locale.starts_with("C.");
    }
    ~TimeLocale() { std::setlocale(LC_TIME, m_saved.c_str()); }
    TimeLocale(const TimeLocale&) = delete;
    TimeLocale& operator=(const TimeLocale&) = delete;
    // Whether it is C or POSIX, whose habits are nobody's.
    bool plain() const { return m_plain; }

private:
    std::string m_saved;
    bool m_plain = true;
};

} // namespace

Habits locale_habits() {
    Habits habits;
    const TimeLocale locale;
    if (locale.plain()) {
        return habits;
    }
#ifdef __GLIBC__ // _NL_TIME_FIRST_WEEKDAY is an enumerator, not a macro
    // A day that starts a week, as the number YYYYMMDD (19971130, a Sunday, in most locales),
    // and which day of that week, counted from 1, is the first.
    const auto start =
        static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(nl_langinfo(_NL_TIME_WEEK_1STDAY)));
    const int nth = nl_langinfo(_NL_TIME_FIRST_WEEKDAY)[0];
    const date::year_month_day ymd{date::year{static_cast<int>(start / 10000)},
                                   date::month{start / 100 % 100}, date::day{start % 100}};
    if (ymd.ok() && nth >= 1 && nth <= 7) {
        habits.week_start = date::weekday{date::sys_days{ymd}} + date::days{nth - 1};
    }
#endif
    const std::string_view time_format = nl_langinfo(T_FMT);
    if (time_format.find("%p") != std::string_view::npos ||
        time_format.find("%r") != std::string_view::npos ||
        time_format.find("%I") != std::string_view::npos) {
        habits.clock = Clock::h12;
    }
    return habits;
}

Habits parse_config(std::string_view text, const std::string& path, Habits fallback) {
    Habits habits = std::move(fallback);
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        auto line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        line = trimmed(line.substr(0, line.find('#')));
        if (line.empty()) {
            continue;
        }
        const auto where = fmt::format("{}:{}", path, number);
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            throw Error(fmt::format("{}: \"{}\" is not a setting: write key = value", where, line));
        }
        const auto key = trimmed(line.substr(0, equals));
        const auto value = trimmed(line.substr(equals + 1));
        const auto bad_value = [&](std::string_view allowed) {
            return Error(
                fmt::format("{}: {} cannot be \"{}\" (it is {})", where, key, value, allowed));
        };
        // `setting` = the first of the two `values` is `first`, the second `second`.
        const auto either = [&](auto& setting, const char* const(&values)[2], auto first,
                                auto second) {
            if (value != values[0] && value != values[1]) {
                throw bad_value(fmt::format("{} or {}", values[0], values[1]));
            }
            setting = value == values[0] ? first : second;
        };
        if (key == "week-start") {
            either(habits.week_start, {"monday", "sunday"}, date::Monday, date::Sunday);
        } else if (key == "clock") {
            either(habits.clock, {"24h", "12h"}, Clock::h24, Clock::h12);
        } else if (key == "provider") {
            if (value.empty()) {
                throw bad_value("a provider's id");
            }
            habits.provider = std::string(value);
            habits.provider_source = where;
        } else {
            throw Error(fmt::format("{}: unknown setting \"{}\" (there is week-start, clock and "
                                    "provider)",
                                    where, key));
        }
    }
    return habits;
}

std::filesystem::path config_path() {
    // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') {
        return std::filesystem::path(xdg) / "showup" / "config";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return std::filesystem::path(home) / ".config" / "showup" / "config";
    }
    return {};
}

Habits read_habits() {
    auto habits = locale_habits();
    const auto path = config_path();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) {
        return habits;
    }
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(fmt::format("{} is a directory; the config is a file", path.string()));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), path.string(), std::move(habits));
}

} // namespace showup::cli
