#pragma once
// Options several commands declare alike. Their type names tell shell completion what a value
// is: "a|b|c" lists fixed values, and the names below ask for live ids from the data file.
#include <initializer_list>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace showup::cli {

inline constexpr const char* k_provider_value = "PROVIDER";
inline constexpr const char* k_schedule_value = "SCHEDULE";
inline constexpr const char* k_absence_value = "ABSENCE";
inline constexpr const char* k_contact_value = "CONTACT";
inline constexpr const char* k_topic_value = "TOPIC";
inline constexpr const char* k_session_value = "SESSION";
inline constexpr const char* k_statuses_value = "STATUS[,...]";
inline constexpr const char* k_weekdays_value = "DAYS";
inline constexpr const char* k_path_value = "PATH";
inline constexpr const char* k_zone_value = "ZONE";
// A command path, a word at a time (`help away add`).
inline constexpr const char* k_command_value = "COMMAND";

// What `--status` takes besides the statuses: "late" (attended late) and "missed" (every
// status that makes a gap).
inline constexpr const char* k_status_groups[] = {"late", "missed"};

// A whole number from `min` to `max`, checked on the text as typed, so that a refusal quotes it
// ("\"abc\" is not a whole number from 1 to 52"); the help shows the range as CLI11's Range does.
CLI::Validator whole_number(int min, int max);

// The words of a comma-separated list ("mon,thu"), empty ones included.
std::vector<std::string> split_commas(const std::string& text);

// An option that takes one of `values`; its type name lists them.
CLI::Option* add_choice(CLI::App& cmd, const std::string& name, std::string& target,
                        std::initializer_list<const char*> values, const std::string& help);

// --provider P.
CLI::Option* add_provider_option(CLI::App& cmd, std::string& target,
                                 const std::string& help = "Provider id or name");

// Words of one argument given as several ("tomorrow" "10am"), joined by spaces.
std::string join_words(const std::vector<std::string>& words);

// An option whose value is a moment, a date and the time of day after it unquoted ("--told
// yesterday 17:30"), joined into `target`; a word after those is a usage error.
CLI::Option* add_when_option(CLI::App& cmd, const std::string& name, std::string& target,
                             const std::string& help);

// The SESSION positional of the commands that record something about one session.
CLI::Option* add_session_argument(CLI::App& cmd, std::string& target, bool required);

} // namespace showup::cli
