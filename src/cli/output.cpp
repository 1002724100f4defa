#include "output.hpp"

#include "showup/text.hpp"

#include <cctype>
#include <clocale>
#include <cstdint>
#include <cwchar>
#include <cwctype>

#include <locale.h>

#include <fmt/color.h>
#include <fmt/format.h>

namespace showup::cli {

namespace {
constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Unicode's character classes whatever the person's locale: glibc's C.UTF-8 (null when it is
// missing, and then only ASCII is known).
locale_t unicode_locale() {
    static const locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    return locale;
}

// The code point of the UTF-8 sequence at `i`, moving `i` past it; a byte that starts no valid
// sequence is taken alone, as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int length = b < 0x80           ? 1
                       : (b >> 5) == 0x6  ? 2
                       : (b >> 4) == 0xE  ? 3
                       : (b >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > s.size()) {
        ++i;
        return length == 1 ? b : 0xFFFD;
    }
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
        const auto cont = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((cont & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = c << 6 | (cont & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    return c;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | c >> 6);
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | c >> 12);
        out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | c >> 18);
        out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Columns a code point takes on a terminal: 2 for wide (CJK, most emoji), 0 for a combining
// mark, else 1.
std::size_t columns_of(char32_t c) {
    if (c < 0x80) {
        return 1;
    }
    const auto locale = unicode_locale();
    if (locale == locale_t{}) {
        return 1;
    }
    const auto previous = ::uselocale(locale);
    const int w = ::wcwidth(static_cast<wchar_t>(c));
    ::uselocale(previous);
    return w < 0 ? 1 : static_cast<std::size_t>(w);
}

std::string capitalised(std::string_view name) {
    std::string s(name);
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}
} // namespace

std::string_view month_name(date::month m) {
    static constexpr std::string_view k_names[] = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
    return m.ok() ? k_names[static_cast<unsigned>(m) - 1] : "";
}

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

namespace {
Clock g_clock = Clock::h24;
}

void use_clock(Clock clock) {
    g_clock = clock;
}

std::string human_time(Minutes time_of_day) {
    if (g_clock == Clock::h24) {
        return format_time_of_day(time_of_day);
    }
    const auto minutes = time_of_day.count();
    const auto hour = minutes / 60 % 24;
    return fmt::format("{}:{:02} {}", hour % 12 == 0 ? 12 : hour % 12, minutes % 60,
                       hour < 12 ? "am" : "pm");
}

std::string human_date_time(LocalMinutes t, LocalDays today) {
    return human_date(day_of(t), today) + " " + human_time(t - day_of(t));
}

std::string plural(long n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

double rounded(double value, double scale) {
    const auto scaled = value * scale + 0.5;
    return scaled < 0x1p62 ? static_cast<double>(static_cast<std::int64_t>(scaled)) / scale : value;
}

std::string percent(long part, long whole) {
    if (whole <= 0 || part <= 0 || part >= whole) {
        return part <= 0 ? "0%" : "100%";
    }
    const auto exact = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    double scale = 1;
    for (int decimals = 0; decimals < 9; ++decimals, scale *= 10) {
        const auto shown = rounded(exact, scale);
        if (shown > 0 && shown < 100) {
            return fmt::format("{:.{}f}%", shown, decimals);
        }
    }
    return fmt::format("{}%", exact);
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
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\x1b') { // skip an escape sequence up to its final letter
            while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) {
                ++i;
            }
            ++i;
            continue;
        }
        width += columns_of(next_code_point(text, i));
    }
    return width;
}

std::string fold_case(std::string_view text) {
    const auto locale = unicode_locale();
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = next_code_point(text, i);
        if (c < 0x80) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            append_utf8(out,
                        locale == locale_t{}
                            ? c
                            : static_cast<char32_t>(::towlower_l(static_cast<wint_t>(c), locale)));
        }
    }
    return out;
}

void Table::header(std::vector<std::string> cells) {
    row(std::move(cells));
    m_has_header = true;
}

void Table::row(std::vector<std::string> cells, std::vector<std::size_t> widths) {
    std::vector<Cell> r;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto w = i < widths.size() ? widths[i] : display_width(cells[i]);
        r.push_back({std::move(cells[i]), w});
    }
    m_rows.push_back(std::move(r));
}

void Table::cap(std::size_t column, std::size_t width) {
    m_caps.emplace_back(column, width);
}

std::string truncate(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) {
        return text;
    }
    // Whole characters up to one column short of `width`, for the ellipsis.
    std::size_t cols = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        auto next = i;
        const auto w = columns_of(next_code_point(text, next));
        if (cols + w > width - 1) {
            break;
        }
        cols += w;
        i = next;
    }
    return text.substr(0, i) + "…";
}

namespace {
// The longest start of `word` (a whole number of characters, at least one) that fits `width`.
std::size_t fitting_prefix(std::string_view word, std::size_t width) {
    std::size_t cols = 0;
    std::size_t i = 0;
    while (i < word.size()) {
        auto next = i;
        if (word[i] == '\x1b') { // an escape sequence goes whole, taking no column
            while (next < word.size() && !std::isalpha(static_cast<unsigned char>(word[next]))) {
                ++next;
            }
            i = std::min(next + 1, word.size());
            continue;
        }
        const auto w = columns_of(next_code_point(word, next));
        if (cols + w > width && i > 0) {
            break;
        }
        cols += w;
        i = next;
    }
    return i;
}

std::string joined(const std::vector<std::string>& lines, std::size_t indent) {
    std::string out;
    for (const auto& line : lines) {
        out += out.empty() ? line : "\n" + std::string(indent, ' ') + line;
    }
    return out;
}
} // namespace

namespace {
// One line of text (no newline) broken at spaces: the first line at most `first` columns, the
// others `rest`. Spaces at a break are dropped, the others kept (an indent, two before a word).
void wrap_paragraph(std::string_view text, std::size_t first, std::size_t rest,
                    std::vector<std::string>& lines) {
    std::string line;
    std::size_t used = 0;
    bool has_word = false;
    auto width = std::max<std::size_t>(first, 1);
    for (std::size_t i = 0; i < text.size();) {
        const auto spaces_from = i;
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        if (i == text.size()) {
            break;
        }
        const auto spaces = text.substr(spaces_from, i - spaces_from);
        auto word = text.substr(i, std::min(text.find(' ', i), text.size()) - i);
        i += word.size();
        auto w = display_width(word);
        if (used + spaces.size() + w <= width) {
            line += spaces;
            line += word;
            used += spaces.size() + w;
            has_word = true;
            continue;
        }
        if (has_word) {
            lines.push_back(std::move(line));
            line.clear();
            used = 0;
            width = std::max<std::size_t>(rest, 1);
        }
        while (used + w > width) { // a word longer than a line: split, every character kept
            const auto cut = fitting_prefix(word, width - std::min(used, width - 1));
            lines.push_back(line + std::string(word.substr(0, cut)));
            line.clear();
            used = 0;
            width = std::max<std::size_t>(rest, 1);
            word.remove_prefix(cut);
            w = display_width(word);
        }
        line += word;
        used += w;
        has_word = true;
    }
    lines.push_back(std::move(line));
}

// Each line of `text` (split at newlines) wrapped by wrap_paragraph.
std::vector<std::string> wrap_text(std::string_view text, std::size_t first, std::size_t rest) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const auto end = std::min(text.find('\n', start), text.size());
        wrap_paragraph(text.substr(start, end - start), first, rest, lines);
        if (end >= text.size()) {
            return lines;
        }
        start = end + 1;
    }
}
} // namespace

std::vector<std::string> wrap_lines(std::string_view text, std::size_t width) {
    return wrap_text(text, width, width);
}

std::string wrap(std::string_view text, std::size_t width, std::size_t indent) {
    if (width == 0 || (text.find('\n') == std::string_view::npos && display_width(text) <= width)) {
        return std::string(text);
    }
    indent = std::min(indent, width / 2);
    std::string out;
    std::size_t start = 0;
    while (true) { // the lines after the first of each paragraph indented
        const auto end = std::min(text.find('\n', start), text.size());
        std::vector<std::string> lines;
        wrap_paragraph(text.substr(start, end - start), width, width - indent, lines);
        out += joined(lines, indent);
        if (end >= text.size()) {
            return out;
        }
        out += "\n";
        start = end + 1;
    }
}

std::string wrap_column(std::string_view text, std::size_t column, std::size_t width) {
    return joined(wrap_lines(text, width > column ? width - column : 1), column);
}

std::vector<std::vector<Table::Cell>> Table::capped_rows(std::size_t max_width) const {
    auto rows = m_rows;
    if (max_width == 0) {
        return rows;
    }
    for (std::size_t r = m_has_header ? 1 : 0; r < rows.size(); ++r) {
        if (marker(rows[r])) {
            continue;
        }
        for (const auto& [column, width] : m_caps) {
            if (column < rows[r].size() && rows[r][column].width > width) {
                auto& cell = rows[r][column];
                cell.text = truncate(cell.text, width);
                cell.width = display_width(cell.text);
            }
        }
    }
    return rows;
}

std::string Table::render(std::size_t max_width) const {
    const auto rows = capped_rows(max_width);
    std::vector<std::size_t> widths;
    for (const auto& r : rows) {
        if (marker(r)) {
            continue;
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (widths.size() <= i) {
                widths.push_back(0);
            }
            widths[i] = std::max(widths[i], r[i].width);
        }
    }
    // Where the last column starts: the others and two spaces after each.
    std::size_t last_at = 0;
    for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
        last_at += widths[i] + 2;
    }
    const bool fits = max_width == 0 || widths.empty() || last_at + widths.back() <= max_width;
    const bool under = !fits && last_at + k_min_wrap_width <= max_width;
    const bool paragraphs = !fits && m_has_header && last_at > max_width + 2;
    constexpr std::size_t k_indent = 4;
    std::string out;
    const auto add_line = [&](std::string line) {
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    };
    for (std::size_t n = 0; n < rows.size(); ++n) {
        const auto& r = rows[n];
        if (marker(r)) {
            add_line(r[1].text);
            continue;
        }
        if (paragraphs) {
            // The first cell, then each other column's name and value.
            if (n == 0 || r.empty()) {
                continue;
            }
            std::string rest;
            for (std::size_t i = 1; i < r.size() && i < rows[0].size(); ++i) {
                if (!r[i].text.empty()) {
                    rest += fmt::format("{}{} {}", rest.empty() ? "" : ", ",
                                        fold_case(rows[0][i].text), r[i].text);
                }
            }
            add_line(wrap(r[0].text + "  " + rest, max_width, k_indent));
            continue;
        }
        std::string line;
        std::size_t used = 0;
        bool wrapped = false;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const bool last = i + 1 == r.size();
            if (last && !fits && i > 0 && i + 1 == widths.size()) {
                if (under) {
                    add_line(line + wrap_column(r[i].text, used, max_width));
                } else if (used + r[i].width <= max_width) {
                    add_line(line + r[i].text);
                } else {
                    add_line(line);
                    add_line(std::string(k_indent, ' ') +
                             wrap_column(r[i].text, k_indent, max_width));
                }
                wrapped = true;
                break;
            }
            line += r[i].text;
            if (!last) {
                const auto pad = std::max(widths[i], r[i].width) - r[i].width + 2;
                line += std::string(pad, ' ');
                used += r[i].width + pad;
            }
        }
        if (!wrapped) {
            add_line(fits ? line : wrap(line, max_width, k_indent));
        }
    }
    return out;
}

nlohmann::ordered_json date_or_null(const std::optional<LocalDays>& d) {
    return d ? nlohmann::ordered_json(format_date(*d)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json session_json(const Occurrence& o, const Zone& zone) {
    using json = nlohmann::ordered_json;
    const auto* r = o.record;
    // A session's words: none without a record.
    auto text_or_null = [](std::string_view s) { return s.empty() ? json(nullptr) : json(s); };
    const auto words = [&](const RareText Session::*member) {
        return text_or_null(r != nullptr ? std::string_view(r->*member) : std::string_view());
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
    j["note"] = words(&Session::note);
    j["reason"] = text_or_null(o.reason());
    j["rescheduled_from"] = words(&Session::rescheduled_from);
    j["rescheduled_to"] = words(&Session::rescheduled_to);
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
