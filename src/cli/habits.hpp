#pragma once
// The person's habits: the first day of the week, the clock, the provider meant when there are
// several. Read from the config file ($XDG_CONFIG_HOME/showup/config), else from LC_TIME. Only
// the output for people follows them: --json, CSV and ICS never do.
#include <filesystem>
#include <string>
#include <string_view>

#include "showup/time.hpp"

namespace showup::cli {

enum class Clock { h24, h12 };

struct Habits {
    date::weekday week_start = date::Monday;
    Clock clock = Clock::h24;
    std::string provider;        // provider = ID; empty: none
    std::string provider_source; // "FILE:LINE" of that setting, for an error about it
};

// LC_TIME's habits, read through the C library: glibc's first weekday, and a 12-hour clock when
// the locale's time format has %p, %r or %I. The C and POSIX locales (and a locale that is not
// installed) keep Monday and 24 hours: their Sunday is a default, not anyone's habit.
Habits locale_habits();

// The settings in `text` (a config file's content, read from `path`) over `fallback`: `key =
// value` lines, `#` comments. An unknown key or a bad value is an `Error` naming the file and line.
Habits parse_config(std::string_view text, const std::string& path, Habits fallback);

// $XDG_CONFIG_HOME/showup/config, else ~/.config/showup/config; empty when neither is known.
std::filesystem::path config_path();

// The config file's settings over LC_TIME's (the file may be missing).
Habits read_habits();

} // namespace showup::cli
