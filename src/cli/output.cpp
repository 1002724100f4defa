#include "output.hpp"

#include "showup/text.hpp"

#include <cctype>

#include <fmt/color.h>
#include <fmt/format.h>

namespace showup::cli {

namespace {
constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string capitalised(std::string_view name) {
    std::string s(name);
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}
} // namespace

std::string human_date(LocalDays day, LocalDays today) {
    const date::year_month_day ymd{day};
    const date::year_month_day now{today};
    auto text = fmt::format("{} {} {}", capitalised(weekday_name(date::weekday{day})),
                            static_cast<unsigned>(ymd.day()),
                            k_months[static_cast<unsigned>(ymd.month()) - 1]);
    if (ymd.year() != now.year()) {
        text += fmt::format(" {}", static_cast<int>(ymd.year()));
    }
    return text;
}

std::string human_date_time(LocalMinutes t, LocalDays today) {
    return human_date(day_of(t), today) + " " + format_time_of_day(t - day_of(t));
}

std::string plural(long n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string relative_days(int days) {
    if (days == 0) {
        return "today";
    }
    if (days == 1) {
        return "tomorrow";
    }
    if (days == -1) {
        return "yesterday";
    }
    return days > 0 ? "in " + plural(days, "day", "days") : plural(-days, "day", "days") + " ago";
}

std::string printable(std::string_view text) {
    return escape_controls(text);
}

std::string Painter::status(Status s, std::string_view text) const {
    if (!m_enabled) {
        return std::string(text);
    }
    fmt::text_style style;
    switch (s) {
    case Status::attended:
        style = fmt::fg(fmt::terminal_color::green);
        break;
    case Status::skipped:
        style = fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
        break;
    case Status::late_cancel:
        style = fmt::fg(fmt::terminal_color::red);
        break;
    case Status::excused:
        style = fmt::emphasis::faint;
        break;
    case Status::cancelled:
        style = fmt::fg(fmt::terminal_color::magenta);
        break;
    case Status::away:
        style = fmt::fg(fmt::terminal_color::blue);
        break;
    case Status::rescheduled:
        style = fmt::fg(fmt::terminal_color::cyan);
        break;
    case Status::unlogged:
        style = fmt::fg(fmt::terminal_color::yellow);
        break;
    case Status::scheduled:
        style = fmt::emphasis::bold;
        break;
    }
    return fmt::format(style, "{}", text);
}

std::string Painter::bold(std::string_view text) const {
    return m_enabled ? fmt::format(fmt::emphasis::bold, "{}", text) : std::string(text);
}

std::string Painter::dim(std::string_view text) const {
    return m_enabled ? fmt::format(fmt::emphasis::faint, "{}", text) : std::string(text);
}

std::string_view status_mark(Status s) {
    switch (s) {
    case Status::attended:
        return "+";
    case Status::skipped:
        return "x";
    case Status::late_cancel:
        return "!";
    case Status::excused:
        return "e";
    case Status::cancelled:
        return "c";
    case Status::away:
        return "a";
    case Status::rescheduled:
        return "~";
    case Status::unlogged:
        return "?";
    case Status::scheduled:
        return "o";
    }
    return "o";
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0x1b) { // skip an escape sequence up to its final letter
            while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) {
                ++i;
            }
            continue;
        }
        if ((c & 0xC0) != 0x80) {
            ++width;
        }
    }
    return width;
}

void Table::row(std::vector<std::string> cells, std::vector<std::size_t> widths) {
    std::vector<Cell> r;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto w = i < widths.size() ? widths[i] : display_width(cells[i]);
        r.push_back({std::move(cells[i]), w});
    }
    m_rows.push_back(std::move(r));
}

std::string truncate(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) {
        return text;
    }
    std::size_t cols = 0;
    std::size_t i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++cols > width - 1) {
            break;
        }
    }
    return text.substr(0, i) + "…";
}

std::string Table::render(std::size_t max_width) const {
    std::vector<std::size_t> widths;
    for (const auto& r : m_rows) {
        if (r.size() == 2 && r[0].text.empty()) {
            continue; // a marker line
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) {
                widths.push_back(0);
            }
            widths[i] = std::max(widths[i], r[i].width);
        }
    }
    std::string out;
    for (const auto& r : m_rows) {
        std::string line;
        std::size_t used = 0;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const bool last = i + 1 == r.size();
            if (last && max_width > 0 && i > 0) {
                line += truncate(r[i].text, used + 10 < max_width ? max_width - used : 10);
                break;
            }
            line += r[i].text;
            if (!last) {
                const auto pad = std::max(widths[i], r[i].width) - r[i].width + 2;
                line += std::string(pad, ' ');
                used += r[i].width + pad;
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    }
    return out;
}

nlohmann::ordered_json date_or_null(const std::optional<LocalDays>& d) {
    return d ? nlohmann::ordered_json(format_date(*d)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json session_json(const Occurrence& o, const Zone& zone) {
    using json = nlohmann::ordered_json;
    const auto* r = o.record;
    auto text_or_null = [](const std::string* s) {
        return s == nullptr || s->empty() ? json(nullptr) : json(*s);
    };
    json j;
    j["id"] = o.id();
    j["start"] = format_iso_instant(o.start_instant(zone), zone);
    j["end"] = format_iso_instant(o.end_instant(zone), zone);
    j["provider"] = *o.provider;
    j["status"] = status_name(o.status);
    j["late_minutes"] =
        r != nullptr && r->outcome == Outcome::attended ? json(r->late_minutes) : json(nullptr);
    j["no_show"] =
        r != nullptr && r->outcome == Outcome::skipped ? json(r->no_show) : json(nullptr);
    j["note"] = text_or_null(r != nullptr ? &r->note : nullptr);
    j["reason"] = text_or_null(&o.reason());
    j["rescheduled_from"] = text_or_null(r != nullptr ? &r->rescheduled_from : nullptr);
    j["rescheduled_to"] = text_or_null(r != nullptr ? &r->rescheduled_to : nullptr);
    j["schedule"] = o.schedule != nullptr ? json(o.schedule->id) : json(nullptr);
    j["cancelled_by"] = r != nullptr && r->outcome == Outcome::cancelled
                            ? json(r->cancelled_by.empty() ? "provider" : r->cancelled_by)
                            : json(nullptr);
    j["fee"] = o.fee_cents > 0 ? json(fmt::format("{}.{:02}", o.fee_cents / 100, o.fee_cents % 100))
                               : json(nullptr);
    return j;
}

std::string json_text(const nlohmann::ordered_json& j) {
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace showup::cli
