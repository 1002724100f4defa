#include "cli/quantity.hpp"

#include <fmt/format.h>

#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup::cli {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

int parse_notice(std::string_view text) {
    const auto bad = [&] {
        return UsageError(fmt::format("\"{}\" is not a length of notice (for example 24h, 2d, "
                                      "90min; at most 30d)",
                                      text));
    };
    long long total = 0;
    std::size_t i = 0;
    bool any = false;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        if (i == text.size()) {
            break;
        }
        long long n = 0;
        const auto digits = i;
        while (i < text.size() && is_digit(text[i]) && n <= k_max_notice_minutes) {
            n = n * 10 + (text[i++] - '0');
        }
        if (i == digits || n > k_max_notice_minutes) {
            throw bad();
        }
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        const auto unit_start = i;
        while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') {
            ++i;
        }
        const auto unit = text.substr(unit_start, i - unit_start);
        if (unit == "m" || unit == "min" || unit == "mins" || unit == "minutes") {
            total += n;
        } else if (unit == "h" || unit == "hours" || unit == "hour") {
            total += n * 60;
        } else if (unit == "d" || unit == "days" || unit == "day") {
            total += n * 24 * 60;
        } else {
            throw bad();
        }
        any = true;
        if (total > k_max_notice_minutes) {
            throw bad();
        }
    }
    if (!any) {
        throw bad();
    }
    return static_cast<int>(total);
}

std::string format_notice(int minutes) {
    constexpr int day = 24 * 60;
    // Whole days from two days on ("2d"), else hours ("24h", "36h"), and minutes left over.
    if (minutes >= 2 * day && minutes % day == 0) {
        return fmt::format("{}d", minutes / day);
    }
    if (minutes % 60 == 0) {
        return fmt::format("{}h", minutes / 60);
    }
    return minutes < 60 ? fmt::format("{}min", minutes)
                        : fmt::format("{}h {}min", minutes / 60, minutes % 60);
}

long long parse_amount(std::string_view text) {
    const auto bad = [&] {
        return UsageError(fmt::format(
            "\"{}\" is not an amount (for example 60 or 60.50, without a currency)", text));
    };
    long long whole = 0;
    std::size_t i = 0;
    while (i < text.size() && is_digit(text[i])) {
        whole = whole * 10 + (text[i++] - '0');
        if (whole * 100 > k_max_fee_cents) {
            throw bad();
        }
    }
    if (i == 0) {
        throw bad();
    }
    long long cents = 0;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        const auto first = ++i;
        while (i < text.size() && is_digit(text[i]) && i - first < 2) {
            cents = cents * 10 + (text[i++] - '0');
        }
        if (i == first) {
            throw bad();
        }
        if (i - first == 1) {
            cents *= 10;
        }
    }
    if (i != text.size() || whole * 100 + cents > k_max_fee_cents) {
        throw bad();
    }
    return whole * 100 + cents;
}

std::string format_amount(long long cents) {
    return fmt::format("{}.{:02}", cents / 100, cents % 100);
}

} // namespace showup::cli
