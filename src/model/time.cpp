#include "showup/time.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup {

namespace {

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) {
        return false;
    }
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

namespace {
// Writes `value` as `width` digits at `out` (these run on every record of a large file).
void put_digits(char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}
} // namespace

std::string format_date(LocalDays d) {
    const date::year_month_day ymd{d};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {
        return fmt::format("{:04}-{:02}-{:02}", year, static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()));
    }
    std::string out = "0000-00-00";
    put_digits(out.data(), year, 4);
    put_digits(out.data() + 5, static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
    put_digits(out.data() + 8, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
    return out;
}

std::string format_time_of_day(Minutes m) {
    std::string out = "00:00";
    const auto minutes = static_cast<int>(m.count());
    put_digits(out.data(), minutes / 60 % 100, 2);
    put_digits(out.data() + 3, minutes % 60, 2);
    return out;
}

std::string format_local(LocalMinutes t) {
    const auto day = day_of(t);
    return format_date(day) + "T" + format_time_of_day(t - day);
}

std::string format_iso_instant(Instant t, const Zone& zone) {
    const auto offset = zone.offset_at(t);
    const auto local = date::local_seconds{t.time_since_epoch() + offset};
    const auto day = date::floor<date::days>(local);
    const auto secs = (local - day).count();
    // An offset with seconds (local mean time, Monrovia until 1972) keeps them: cut to minutes,
    // the text would name another instant.
    const auto abs = offset.count() < 0 ? -offset.count() : offset.count();
    auto text = fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(day), secs / 3600,
                            secs / 60 % 60, secs % 60, offset.count() < 0 ? '-' : '+', abs / 3600,
                            abs / 60 % 60);
    if (abs % 60 != 0) {
        text += fmt::format(":{:02}", abs % 60);
    }
    return text;
}

std::string format_iso_offset(LocalMinutes t, const Zone& zone) {
    return format_iso_instant(zone.to_instant(t), zone);
}

namespace {

// The value of the `n` digits at `p`, or -1 when one is not a digit (these run on every record
// of a large file).
int digits(const char* p, int n) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const auto d = static_cast<unsigned>(p[i] - '0');
        if (d > 9) {
            return -1;
        }
        v = v * 10 + static_cast<int>(d);
    }
    return v;
}

bool is_leap(int y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

} // namespace

std::optional<LocalDays> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const int y = digits(text.data(), 4);
    const int m = digits(text.data() + 5, 2);
    const int d = digits(text.data() + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) {
        return std::nullopt;
    }
    constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > k_days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0)) {
        return std::nullopt;
    }
    return LocalDays{date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                          date::day{static_cast<unsigned>(d)}}};
}

std::optional<Minutes> parse_hh_mm(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const int h = digits(text.data(), 2);
    const int m = digits(text.data() + 3, 2);
    if (h < 0 || m < 0 || h > 23 || m > 59) {
        return std::nullopt;
    }
    return Minutes{h * 60 + m};
}

namespace {
constexpr std::string_view k_weekday_names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                "thursday", "friday", "saturday"};
}

std::string_view weekday_name(date::weekday wd) {
    return k_weekday_names[wd.c_encoding()].substr(0, 3);
}

std::optional<date::weekday> parse_weekday(std::string_view name) {
    std::string lower(name);
    for (auto& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (unsigned i = 0; i < 7; ++i) {
        const auto full = k_weekday_names[i];
        // Any prefix of three letters or more: "thu", "thur", "thursday".
        if (lower.size() >= 3 && full.substr(0, lower.size()) == lower) {
            return date::weekday{i};
        }
    }
    return std::nullopt;
}

std::optional<LocalMinutes> parse_iso_local(std::string_view text) {
    if (text.size() != 16 || text[10] != 'T') {
        return std::nullopt;
    }
    auto day = parse_iso_date(text.substr(0, 10));
    auto time = parse_hh_mm(text.substr(11));
    if (!day || !time) {
        return std::nullopt;
    }
    return LocalMinutes{*day} + *time;
}

} // namespace showup

namespace showup {

std::string format_utc(Instant t) {
    const auto day = date::floor<date::days>(t);
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t - day).count();
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(LocalDays{day.time_since_epoch()}),
                       secs / 3600, secs / 60 % 60, secs % 60);
}

std::optional<Instant> parse_utc(std::string_view text) {
    if (text.size() != 20 || text[16] != ':' || text[19] != 'Z' ||
        !all_digits(text.substr(17, 2))) {
        return std::nullopt;
    }
    const auto local = parse_iso_local(text.substr(0, 16));
    int sec = 0;
    if (!local || !parse_int(text.substr(17, 2), sec) || sec > 59) {
        return std::nullopt;
    }
    return Instant{local->time_since_epoch()} + std::chrono::seconds{sec};
}

} // namespace showup
