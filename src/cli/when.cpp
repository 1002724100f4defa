#include "when.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "output.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup::cli {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string trim(std::string_view text) {
    const auto b = text.find_first_not_of(" \t");
    if (b == std::string_view::npos) {
        return {};
    }
    const auto e = text.find_last_not_of(" \t");
    return std::string(text.substr(b, e - b + 1));
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) {
                out.push_back(std::move(word));
                word.clear();
            }
        } else {
            word += c;
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

// Digits only: from_chars would take a sign ("-1:30", "+-3d").
std::optional<int> short_number(std::string_view text) {
    int v = 0;
    if (text.empty() || text.size() > 4 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
        return std::nullopt;
    }
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size()) {
        return std::nullopt;
    }
    return v;
}

bool looks_like_time(std::string_view w) {
    return w.find(':') != std::string_view::npos ||
           (w.size() > 2 && (w.ends_with("am") || w.ends_with("pm")) && std::isdigit(w[0]));
}

std::optional<LocalDays> try_date(const std::string& text, LocalDays today) {
    if (auto d = parse_iso_date(text)) {
        return d;
    }
    if (text == "today") {
        return today;
    }
    if (text == "tomorrow") {
        return today + date::days{1};
    }
    if (text == "yesterday") {
        return today - date::days{1};
    }
    if (text.size() >= 3 && (text[0] == '+' || text[0] == '-') &&
        (text.back() == 'd' || text.back() == 'w')) {
        auto n = short_number(std::string_view(text).substr(1, text.size() - 2));
        if (!n) {
            return std::nullopt;
        }
        const int days = *n * (text.back() == 'w' ? 7 : 1);
        return text[0] == '+' ? today + date::days{days} : today - date::days{days};
    }
    auto ws = words(text);
    if (ws.size() == 1) {
        if (auto wd = parse_weekday(ws[0])) {
            return today + (*wd - date::weekday{today});
        }
    }
    if (ws.size() == 2 && (ws[0] == "last" || ws[0] == "next")) {
        if (auto wd = parse_weekday(ws[1])) {
            if (ws[0] == "next") {
                return today + date::days{1} + (*wd - date::weekday{today + date::days{1}});
            }
            return today - date::days{1} - (date::weekday{today - date::days{1}} - *wd);
        }
    }
    return std::nullopt;
}

std::optional<Minutes> try_time(const std::string& text) {
    std::string_view t = text;
    int add = -1; // -1: 24-hour clock; 0: am; 12: pm
    if (t.ends_with("am") || t.ends_with("pm")) {
        add = t.ends_with("pm") ? 12 : 0;
        t.remove_suffix(2);
    }
    int minutes = 0;
    const auto colon = t.find(':');
    auto hour = short_number(t.substr(0, colon));
    if (colon != std::string_view::npos) {
        if (t.size() - colon - 1 != 2) {
            return std::nullopt;
        }
        auto m = short_number(t.substr(colon + 1));
        if (!m || *m > 59) {
            return std::nullopt;
        }
        minutes = *m;
    } else if (add < 0) {
        return std::nullopt; // a bare number is not a time
    }
    if (!hour || t.substr(0, colon).size() > 2) {
        return std::nullopt;
    }
    int h = *hour;
    if (add >= 0) {
        if (h < 1 || h > 12) {
            return std::nullopt;
        }
        h = h % 12 + add;
    } else if (h > 23) {
        return std::nullopt;
    }
    return Minutes{h * 60 + minutes};
}

void refuse_out_of_range(LocalDays day, std::string_view text) {
    if (!in_date_range(day)) {
        throw UsageError(fmt::format("\"{}\" is {}, outside the years {} to {} that showup keeps",
                                     text, format_date(day), k_first_year, k_last_year));
    }
}

// What is wrong with a date written as YYYY-MM-DD that is none: "February has 28 days in 2026".
std::optional<std::string> bad_part_of(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') {
        return std::nullopt;
    }
    const auto y = short_number(t.substr(0, 4));
    const auto m = short_number(t.substr(5, 2));
    const auto d = short_number(t.substr(8, 2));
    if (!y || !m || !d) {
        return std::nullopt;
    }
    if (*m < 1 || *m > 12) {
        return fmt::format("there is no month {} (months are 01 to 12)", t.substr(5, 2));
    }
    const date::year_month_day_last last{date::year{*y} / date::month{static_cast<unsigned>(*m)} /
                                         date::last};
    if (*d < 1 || static_cast<unsigned>(*d) > static_cast<unsigned>(last.day())) {
        return fmt::format("{} has {} days in {}", month_name(last.month()),
                           static_cast<unsigned>(last.day()), *y);
    }
    return std::nullopt;
}

// The error for a date that is none, naming the bad part where there is one.
UsageError not_a_date(std::string_view date_text, std::string_view text, const char* what,
                      const char* tries) {
    if (auto why = bad_part_of(date_text)) {
        return UsageError(fmt::format("\"{}\" is not a date: {}", text, *why));
    }
    return UsageError(fmt::format("\"{}\" is not a {} (try {})", text, what, tries));
}

} // namespace

bool is_date(std::string_view text) {
    return try_date(lower(trim(text)), LocalDays{date::year{2026} / 1 / 1}).has_value();
}

bool is_time(std::string_view text) {
    return try_time(lower(trim(text))).has_value();
}

LocalDays parse_date(std::string_view text, LocalDays today) {
    const auto t = lower(trim(text));
    if (auto d = try_date(t, today)) {
        refuse_out_of_range(*d, text);
        return *d;
    }
    throw not_a_date(t, text, "date", "2026-11-26, today, thu, last mon, +3d");
}

Minutes parse_time(std::string_view text) {
    if (auto t = try_time(lower(trim(text)))) {
        return *t;
    }
    throw UsageError(fmt::format("\"{}\" is not a time (try 10:00, 10am, 2:30pm)", text));
}

LocalMinutes parse_date_time(std::string_view text, LocalDays today, const Zone& zone,
                             std::optional<Minutes> default_time,
                             std::optional<LocalDays> default_day) {
    const auto local = parse_local_date_time(text, today, default_time, default_day);
    if (zone.is_nonexistent(local)) {
        throw UsageError(fmt::format("{} {} does not exist in {}: the clocks go forward then",
                                     format_date(day_of(local)),
                                     human_time(local - LocalMinutes{day_of(local)}), zone.name()));
    }
    return local;
}

LocalMinutes parse_local_date_time(std::string_view text, LocalDays today,
                                   std::optional<Minutes> default_time,
                                   std::optional<LocalDays> default_day) {
    auto t = lower(trim(text));
    if (t.size() == 16 && t[10] == 't') {
        t[10] = ' ';
    }
    std::optional<LocalDays> day;
    std::optional<Minutes> time;
    auto ws = words(t);
    if (!ws.empty() && looks_like_time(ws.back())) {
        time = try_time(ws.back());
        if (!time) {
            throw UsageError(fmt::format("\"{}\" is not a valid time in \"{}\" (try 10:00, 10am, "
                                         "2:30pm)",
                                         ws.back(), text));
        }
        ws.pop_back();
    }
    if (!ws.empty()) {
        std::string rest;
        for (const auto& w : ws) {
            rest += (rest.empty() ? "" : " ") + w;
        }
        day = try_date(rest, today);
        if (!day) {
            throw not_a_date(rest, text, "date and time",
                             "\"2026-11-26 10:00\", \"tomorrow 10am\", \"thu 17:30\"");
        }
        refuse_out_of_range(*day, text); // before asking for a time it would not take
    }
    if (!day && !time) {
        throw UsageError("an empty date and time");
    }
    if (!time) {
        if (!default_time) {
            throw UsageError(
                fmt::format("\"{}\" has no time of day (add one: \"{} 10:00\")", text, text));
        }
        time = default_time;
    }
    const auto local = LocalMinutes{day.value_or(default_day.value_or(today))} + *time;
    refuse_out_of_range(day_of(local), text);
    return local;
}

void check_window(LocalDays from, LocalDays to) {
    if (to < from) {
        throw UsageError(
            fmt::format("--to {} is before --from {}", format_date(to), format_date(from)));
    }
}

Instant parse_now(std::string_view text, const Zone& zone) {
    auto t = trim(text);
    // Without seconds but with Z or an offset ("2026-11-25T12:00Z"): as with ":00".
    if (t.size() >= 17 && t[10] == 'T' && t[13] == ':' &&
        (t[16] == 'Z' || t[16] == '+' || t[16] == '-')) {
        t.insert(16, ":00");
    }
    // ISO 8601 with seconds, and Z or an offset: an instant, whatever the zone.
    if (t.size() >= 19 && t[10] == 'T' && t[13] == ':' && t[16] == ':') {
        auto local = parse_iso_local(t.substr(0, 16));
        auto sec = short_number(std::string_view(t).substr(17, 2));
        auto tail = std::string_view(t).substr(19);
        if (local) {
            refuse_out_of_range(day_of(*local), text);
        }
        if (local && sec && *sec < 60) {
            const auto seconds = std::chrono::seconds{*sec};
            if (tail.empty()) {
                return zone.to_instant(*local) + seconds;
            }
            if (tail == "Z") {
                return Instant{local->time_since_epoch()} + seconds;
            }
            if (tail.size() == 6 && (tail[0] == '+' || tail[0] == '-') && tail[3] == ':') {
                auto oh = short_number(tail.substr(1, 2));
                auto om = short_number(tail.substr(4, 2));
                if (oh && om && *oh < 24 && *om < 60) {
                    const auto off = Minutes{*oh * 60 + *om};
                    const auto utc = Instant{local->time_since_epoch()} + seconds;
                    return tail[0] == '+' ? utc - off : utc + off;
                }
            }
        }
        throw UsageError(fmt::format("\"{}\" is not a valid --now (try 2026-11-26T10:00, or "
                                     "2026-11-26T10:00:00Z)",
                                     text));
    }
    const auto today = date::floor<date::days>(
        zone.to_local(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())));
    return zone.to_instant(parse_date_time(t, today, zone, Minutes{12 * 60}));
}

} // namespace showup::cli
