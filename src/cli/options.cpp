#include "options.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "session_arg.hpp"
#include "showup/errors.hpp"

namespace showup::cli {

std::string join_words(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) {
        text += (text.empty() ? "" : " ") + w;
    }
    return text;
}

CLI::Validator whole_number(int min, int max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            int value = 0;
            const auto* end = text.data() + text.size();
            const auto [p, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || text[0] == '+' || ec != std::errc{} || p != end || value < min ||
                value > max) {
                return fmt::format("\"{}\" is not a whole number from {} to {}", text, min, max);
            }
            return {};
        },
        fmt::format("INT in [{} - {}]", min, max));
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    for (auto comma = text.find(','); comma != std::string::npos; comma = text.find(',', start)) {
        words.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    words.push_back(text.substr(start));
    return words;
}

CLI::Option* add_choice(CLI::App& cmd, const std::string& name, std::string& target,
                        std::initializer_list<const char*> values, const std::string& help) {
    std::vector<std::string> list(values.begin(), values.end());
    std::string type;
    for (const auto& v : list) {
        type += (type.empty() ? "" : "|") + v;
    }
    // Not CLI::IsMember: its description would repeat the values in the help.
    CLI::Validator one_of(
        [list, type](std::string& value) {
            return std::find(list.begin(), list.end(), value) != list.end()
                       ? std::string()
                       : "\"" + value + "\" is not one of " + type;
        },
        "");
    return cmd.add_option(name, target, help)->check(one_of)->type_name(type);
}

CLI::Option* add_when_option(CLI::App& cmd, const std::string& name, std::string& target,
                             const std::string& help) {
    // A date and the time of day after it, as a SESSION takes them: a word after those is not
    // its, and belongs before it ("cancel mon --told yesterday 17:30").
    return cmd
        .add_option_function<std::vector<std::string>>(
            name,
            [&target, name](const std::vector<std::string>& words) {
                if (const auto n = first_session_length(words); n < words.size()) {
                    throw UsageError(fmt::format(
                        "\"{}\" is not part of {} {}: give the session before {}", words[n], name,
                        join_words({words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n)}),
                        name));
                }
                target = join_words(words);
            },
            help)
        ->expected(1, 3)
        ->type_name("WHEN");
}

CLI::Option* add_provider_option(CLI::App& cmd, std::string& target, const std::string& help) {
    return cmd.add_option("--provider", target, help)->type_name(k_provider_value);
}

CLI::Option* add_session_argument(CLI::App& cmd, std::string& target, bool required) {
    // Its words are one SESSION: a word, or a date and the time of day after it unquoted
    // ("2026-11-26 17:30", "next thu 5pm": session_words), as `add` takes WHEN. Any other word
    // is not expected.
    auto* opt = cmd.add_option_function<std::vector<std::string>>(
        k_session_value,
        [&target](const std::vector<std::string>& words) {
            if (const auto n = first_session_length(words); n < words.size()) {
                // (CLI11 names them from the last)
                throw CLI::ExtrasError(std::vector<std::string>(
                    words.rbegin(), words.rend() - static_cast<std::ptrdiff_t>(n)));
            }
            target = join_words(words);
        },
        required ? "An id from 'list', a date, a date and time, 'last' or 'next'"
                 : "An id from 'list', a date, a date and time, 'last' or 'next' (default: the "
                   "most recent unlogged session)");
    opt->type_name("TEXT");
    return required ? opt->required() : opt;
}

} // namespace showup::cli
