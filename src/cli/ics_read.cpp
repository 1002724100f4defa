#include "ics_read.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup::cli {

namespace {

using std::chrono::seconds;

[[noreturn]] void fail(const std::string& label, std::size_t line, const std::string& message) {
    throw Error(fmt::format("{}:{}: {}", label, line, message));
}

// `text` as it may appear in a message: at most 40 characters.
std::string shown(std::string_view text) {
    return text.size() > 40 ? std::string(text.substr(0, 37)) + "..." : std::string(text);
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
}

bool all_digits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<int> small_number(std::string_view text) {
    int value = 0;
    if (!all_digits(text) || text.size() > 9) {
        return std::nullopt;
    }
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// The length of the UTF-8 sequence at `i`, or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF included).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        return 1;
    }
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2, min = 0x80, cp = c & 0x1FU;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, min = 0x800, cp = c & 0x0FU;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, min = 0x10000, cp = c & 0x07U;
    } else {
        return 0;
    }
    if (i + n > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) {
            return 0;
        }
        cp = cp << 6 | (d & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

// Refuses bytes that are not UTF-8, and control characters other than the tab.
void check_characters(std::string_view line, const std::string& label, std::size_t number) {
    for (std::size_t i = 0; i < line.size();) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            fail(label, number,
                 fmt::format("a control character (0x{:02x}) is not allowed in iCalendar text", c));
        }
        const auto n = utf8_length(line, i);
        if (n == 0) {
            fail(label, number, "the text is not UTF-8");
        }
        i += n;
    }
}

struct ContentLine {
    std::size_t number = 0;
    std::string text;
};

// Physical lines joined where a line starts with a space or a tab (RFC 5545, 3.1).
std::vector<ContentLine> unfold(std::string_view text, const std::string& label) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::vector<ContentLine> lines;
    bool continuable = false;
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find('\n', pos);
        auto physical = text.substr(pos, end == std::string_view::npos ? end : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++number;
        if (physical.ends_with('\r')) {
            physical.remove_suffix(1);
        }
        if (physical.empty()) {
            continuable = false;
            continue;
        }
        if (physical.front() == ' ' || physical.front() == '\t') {
            if (!continuable) {
                fail(label, number, "this line starts with a space, but continues no line");
            }
            lines.back().text.append(physical.substr(1));
            continue;
        }
        lines.push_back({number, std::string(physical)});
        continuable = true;
    }
    for (const auto& l : lines) {
        check_characters(l.text, label, l.number);
    }
    return lines;
}

// RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret in a parameter value.
std::string decode_caret(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '^' && i + 1 < value.size()) {
            const char next = value[i + 1];
            if (next == 'n' || next == 'N' || next == '\'' || next == '^') {
                out += next == '^' ? '^' : next == '\'' ? '"' : '\n';
                ++i;
                continue;
            }
        }
        out += value[i];
    }
    return out;
}

IcsProperty parse_content_line(const ContentLine& line, const std::string& label) {
    const std::string_view text = line.text;
    IcsProperty p;
    p.line = line.number;
    std::size_t i = 0;
    while (i < text.size() && is_name_char(text[i])) {
        ++i;
    }
    if (i == 0) {
        fail(label, line.number,
             fmt::format("\"{}\" is not a content line (NAME:VALUE)", shown(text)));
    }
    p.name = upper(text.substr(0, i));
    while (i < text.size() && text[i] == ';') {
        const auto start = ++i;
        while (i < text.size() && is_name_char(text[i])) {
            ++i;
        }
        if (i == start || i >= text.size() || text[i] != '=') {
            fail(label, line.number,
                 fmt::format("{}: a parameter is NAME=VALUE, after \";\"", p.name));
        }
        IcsParameter param{upper(text.substr(start, i - start)), {}};
        do {
            ++i; // past '=' or ','
            if (i < text.size() && text[i] == '"') {
                const auto close = text.find('"', i + 1);
                if (close == std::string_view::npos) {
                    fail(label, line.number,
                         fmt::format("{}: the quoted value of {} is never closed", p.name,
                                     param.name));
                }
                param.values.push_back(decode_caret(text.substr(i + 1, close - i - 1)));
                i = close + 1;
            } else {
                const auto end = text.find_first_of(";:,\"", i);
                if (end != std::string_view::npos && text[end] == '"') {
                    fail(label, line.number,
                         fmt::format("{}: a double quote inside the value of {}", p.name,
                                     param.name));
                }
                const auto stop = end == std::string_view::npos ? text.size() : end;
                param.values.push_back(decode_caret(text.substr(i, stop - i)));
                i = stop;
            }
        } while (i < text.size() && text[i] == ',');
        p.parameters.push_back(std::move(param));
    }
    if (i >= text.size() || text[i] != ':') {
        fail(label, line.number, fmt::format("{}: \":\" and a value are missing", p.name));
    }
    p.value = text.substr(i + 1);
    return p;
}

} // namespace

const std::string* IcsProperty::parameter(std::string_view wanted) const {
    for (const auto& p : parameters) {
        if (p.name == wanted && !p.values.empty()) {
            return &p.values.front();
        }
    }
    return nullptr;
}

const IcsProperty* IcsComponent::property(std::string_view wanted) const {
    for (const auto& p : properties) {
        if (p.name == wanted) {
            return &p;
        }
    }
    return nullptr;
}

std::vector<IcsComponent> parse_ics(std::string_view text, const std::string& label) {
    const auto lines = unfold(text, label);
    std::vector<IcsComponent> top;
    std::vector<IcsComponent> open;
    for (const auto& line : lines) {
        auto p = parse_content_line(line, label);
        if (p.name == "BEGIN" || p.name == "END") {
            if (!p.parameters.empty() || p.value.empty() ||
                !std::all_of(p.value.begin(), p.value.end(), is_name_char)) {
                fail(label, p.line,
                     fmt::format("{}:{} does not name a component", p.name, shown(p.value)));
            }
        }
        if (p.name == "BEGIN") {
            IcsComponent c;
            c.line = p.line;
            c.name = upper(p.value);
            if (open.empty() && c.name != "VCALENDAR") {
                fail(label, p.line,
                     fmt::format("BEGIN:{} outside a calendar (the file starts with "
                                 "BEGIN:VCALENDAR)",
                                 c.name));
            }
            open.push_back(std::move(c));
        } else if (p.name == "END") {
            const auto name = upper(p.value);
            if (open.empty()) {
                fail(label, p.line, fmt::format("END:{} closes nothing", name));
            }
            if (open.back().name != name) {
                fail(label, p.line,
                     fmt::format("END:{} does not close BEGIN:{} (line {})", name, open.back().name,
                                 open.back().line));
            }
            auto done = std::move(open.back());
            open.pop_back();
            (open.empty() ? top : open.back().components).push_back(std::move(done));
        } else if (open.empty()) {
            fail(label, p.line,
                 fmt::format("{} outside a calendar (the file starts with BEGIN:VCALENDAR)",
                             p.name));
        } else {
            open.back().properties.push_back(std::move(p));
        }
    }
    if (!open.empty()) {
        fail(label, lines.back().number,
             fmt::format("the file ends before END:{} (BEGIN:{} is at line {})", open.back().name,
                         open.back().name, open.back().line));
    }
    if (top.empty()) {
        fail(label, 1, "no calendar in this file (BEGIN:VCALENDAR)");
    }
    return top;
}

std::optional<std::string> ics_unescape(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        if (++i == value.size()) {
            return std::nullopt;
        }
        switch (value[i]) {
        case '\\':
        case ';':
        case ',':
            out += value[i];
            break;
        case 'n':
        case 'N':
            out += '\n';
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

// ---- Time zones -------------------------------------------------------------------------

namespace {

int year_of(date::local_seconds t) {
    return static_cast<int>(date::year_month_day{date::floor<date::days>(t)}.year());
}

// The day of `month` in `year` an observance's rule names, if it has one that year.
std::optional<LocalDays> rule_day(const IcsZone::Observance& o, int year) {
    const date::year y{year};
    const date::month m{o.month};
    if (o.weekday && o.nth != 0) {
        if (o.nth > 0) {
            const date::year_month_weekday ymw{y / m / (*o.weekday)[static_cast<unsigned>(o.nth)]};
            return ymw.ok() ? std::optional<LocalDays>(LocalDays{ymw}) : std::nullopt;
        }
        const LocalDays last{date::year_month_weekday_last{y / m / (*o.weekday)[date::last]}};
        const LocalDays day = last - date::days{7 * (-o.nth - 1)};
        return date::year_month_day{day}.month() == m ? std::optional<LocalDays>(day)
                                                      : std::nullopt;
    }
    for (int md : o.monthdays) {
        const auto last = static_cast<int>(
            static_cast<unsigned>(date::year_month_day_last{y / m / date::last}.day()));
        const int d = md > 0 ? md : last + 1 + md;
        if (d < 1 || d > last) {
            continue;
        }
        const LocalDays day{y / m / date::day{static_cast<unsigned>(d)}};
        if (!o.weekday || date::weekday{day} == *o.weekday) {
            return day;
        }
    }
    return std::nullopt;
}

std::optional<seconds> parse_offset(std::string_view text) {
    if ((text.size() != 5 && text.size() != 7) || (text[0] != '+' && text[0] != '-') ||
        !all_digits(text.substr(1))) {
        return std::nullopt;
    }
    const int h = *small_number(text.substr(1, 2));
    const int m = *small_number(text.substr(3, 2));
    const int s = text.size() == 7 ? *small_number(text.substr(5, 2)) : 0;
    if (m > 59 || s > 59) {
        return std::nullopt;
    }
    const seconds value{h * 3600 + m * 60 + s};
    return text[0] == '-' ? -value : value;
}

std::optional<date::weekday> parse_day_code(std::string_view code) {
    static constexpr std::string_view k_codes[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    for (unsigned i = 0; i < 7; ++i) {
        if (code == k_codes[i]) {
            return date::weekday{i};
        }
    }
    return std::nullopt;
}

// The parts of an RRULE value, checked for form: NAME=VALUE, each name known and once.
std::vector<std::pair<std::string, std::string>> rule_parts(const IcsProperty& p,
                                                            const std::string& label) {
    static constexpr std::string_view k_names[] = {
        "FREQ",     "UNTIL", "COUNT",      "INTERVAL",  "BYSECOND", "BYMINUTE",
        "BYHOUR",   "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
        "BYSETPOS", "WKST",  "RSCALE",     "SKIP"};
    std::vector<std::pair<std::string, std::string>> parts;
    std::size_t start = 0;
    const std::string_view value = p.value;
    while (start <= value.size()) {
        const auto end = std::min(value.find(';', start), value.size());
        const auto part = value.substr(start, end - start);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == part.size()) {
            fail(label, p.line,
                 fmt::format("{}: \"{}\" is not a rule part (NAME=VALUE)", p.name, shown(part)));
        }
        auto name = upper(part.substr(0, eq));
        if (std::find(std::begin(k_names), std::end(k_names), name) == std::end(k_names)) {
            fail(label, p.line,
                 fmt::format("{}: {} is not a rule part of RFC 5545", p.name, shown(name)));
        }
        for (const auto& [seen, v] : parts) {
            if (seen == name) {
                fail(label, p.line, fmt::format("{}: {} is given twice", p.name, name));
            }
        }
        parts.emplace_back(std::move(name), upper(part.substr(eq + 1)));
        start = end + 1;
    }
    if (std::none_of(parts.begin(), parts.end(), [](const auto& x) { return x.first == "FREQ"; })) {
        fail(label, p.line, fmt::format("{}: FREQ is missing", p.name));
    }
    return parts;
}

std::optional<LocalDays> parse_date(std::string_view text) {
    if (text.size() != 8 || !all_digits(text)) {
        return std::nullopt;
    }
    const date::year_month_day ymd{
        date::year{*small_number(text.substr(0, 4))},
        date::month{static_cast<unsigned>(*small_number(text.substr(4, 2)))},
        date::day{static_cast<unsigned>(*small_number(text.substr(6, 2)))}};
    return ymd.ok() ? std::optional<LocalDays>(LocalDays{ymd}) : std::nullopt;
}

// "20261124T100000", with a final "Z" when `utc` is given (set to whether it had one).
std::optional<date::local_seconds> parse_date_time(std::string_view text, bool* utc) {
    if (utc != nullptr && text.ends_with('Z')) {
        *utc = true;
        text.remove_suffix(1);
    }
    if (text.size() != 15 || text[8] != 'T' || !all_digits(text.substr(9))) {
        return std::nullopt;
    }
    const auto day = parse_date(text.substr(0, 8));
    const int h = *small_number(text.substr(9, 2));
    const int m = *small_number(text.substr(11, 2));
    const int s = *small_number(text.substr(13, 2));
    // A leap second (60) is the next minute's first.
    if (!day || h > 23 || m > 59 || s > 60) {
        return std::nullopt;
    }
    return date::local_seconds{*day} + std::chrono::hours{h} + std::chrono::minutes{m} + seconds{s};
}

} // namespace

std::shared_ptr<const IcsZone> IcsZone::from_vtimezone(const IcsComponent& vtimezone,
                                                       const std::string& label) {
    std::shared_ptr<IcsZone> zone(new IcsZone());
    zone->m_name = ics_unescape(vtimezone.property("TZID")->value).value_or("");
    for (const auto& c : vtimezone.components) {
        if (c.name != "STANDARD" && c.name != "DAYLIGHT") {
            continue;
        }
        Observance o;
        const auto need = [&](const char* name) -> const IcsProperty& {
            const auto* p = c.property(name);
            if (p == nullptr) {
                fail(label, c.line,
                     fmt::format("{} of VTIMEZONE {} has no {}", c.name, zone->m_name, name));
            }
            return *p;
        };
        const auto offset = [&](const char* name) {
            const auto& p = need(name);
            const auto v = parse_offset(p.value);
            if (!v) {
                fail(label, p.line,
                     fmt::format("{}: \"{}\" is not an offset (+HHMM)", name, shown(p.value)));
            }
            return *v;
        };
        const auto& dtstart = need("DTSTART");
        const auto start = parse_date_time(dtstart.value, nullptr);
        if (!start || dtstart.parameter("TZID") != nullptr) {
            fail(label, dtstart.line,
                 fmt::format("DTSTART of {} is a local date-time (YYYYMMDDTHHMMSS), not \"{}\"",
                             c.name, shown(dtstart.value)));
        }
        o.first = Onset{*start, offset("TZOFFSETFROM"), offset("TZOFFSETTO")};
        for (const auto& p : c.properties) {
            if (p.name == "RDATE") {
                const auto* type = p.parameter("VALUE");
                std::size_t from = 0;
                while (from <= p.value.size()) {
                    const auto end = std::min(p.value.find(',', from), p.value.size());
                    const auto t = parse_date_time(
                        std::string_view(p.value).substr(from, end - from), nullptr);
                    if (!t || (type != nullptr && *type != "DATE-TIME")) {
                        fail(label, p.line, "RDATE of a VTIMEZONE is a list of local date-times");
                    }
                    o.rdates.push_back(*t);
                    from = end + 1;
                }
            } else if (p.name == "RRULE") {
                if (o.yearly) {
                    fail(label, p.line, fmt::format("a second RRULE in {}", c.name));
                }
                o.yearly = true;
                const auto unreadable = [&](const std::string& what) {
                    fail(label, p.line,
                         fmt::format("RRULE \"{}\" of VTIMEZONE {}: {} (showup reads yearly rules "
                                     "by month and weekday or day of the month)",
                                     shown(p.value), zone->m_name, what));
                };
                for (const auto& [name, value] : rule_parts(p, label)) {
                    if (name == "FREQ") {
                        if (value != "YEARLY") {
                            unreadable("FREQ=" + value);
                        }
                    } else if (name == "BYMONTH") {
                        const auto m = small_number(value);
                        if (!m || *m < 1 || *m > 12) {
                            unreadable("BYMONTH=" + value);
                        }
                        o.month = static_cast<unsigned>(*m);
                    } else if (name == "BYDAY") {
                        auto code = std::string_view(value);
                        const bool minus = code.starts_with('-');
                        if (minus || code.starts_with('+')) {
                            code.remove_prefix(1);
                        }
                        const auto digits = code.find_first_not_of("0123456789");
                        o.weekday = parse_day_code(code.substr(std::min(digits, code.size())));
                        const auto n = digits == 0 ? std::optional<int>(0)
                                                   : small_number(code.substr(0, digits));
                        if (!o.weekday || !n || *n > 5 || (minus && *n == 0)) {
                            unreadable("BYDAY=" + value);
                        }
                        o.nth = minus ? -*n : *n;
                    } else if (name == "BYMONTHDAY") {
                        std::size_t from = 0;
                        while (from <= value.size()) {
                            const auto end = std::min(value.find(',', from), value.size());
                            auto item = std::string_view(value).substr(from, end - from);
                            const bool minus = item.starts_with('-');
                            if (minus) {
                                item.remove_prefix(1);
                            }
                            const auto d = small_number(item);
                            if (!d || *d < 1 || *d > 31) {
                                unreadable("BYMONTHDAY=" + value);
                            }
                            o.monthdays.push_back(minus ? -*d : *d);
                            from = end + 1;
                        }
                    } else if (name == "UNTIL") {
                        bool utc = false;
                        const auto t = parse_date_time(value, &utc);
                        if (!t) {
                            unreadable("UNTIL=" + value);
                        }
                        // Without a Z, the wall-clock time before the change.
                        o.until =
                            Instant{(*t - (utc ? seconds{0} : o.first.from)).time_since_epoch()};
                    } else if (name == "COUNT") {
                        const auto n = small_number(value);
                        if (!n || *n < 1) {
                            unreadable("COUNT=" + value);
                        }
                        o.count = *n;
                    } else if (name != "WKST" && !(name == "INTERVAL" && value == "1")) {
                        unreadable(name + "=" + value);
                    }
                }
                const date::year_month_day first{date::floor<date::days>(o.first.start)};
                if (o.month == 0) {
                    o.month = static_cast<unsigned>(first.month());
                }
                if (o.weekday && o.nth == 0 && o.monthdays.empty()) {
                    unreadable("every such weekday of the month");
                }
                if (!o.weekday && o.monthdays.size() > 1) {
                    unreadable("several days of the month");
                }
                if (!o.weekday && o.monthdays.empty()) {
                    o.monthdays.push_back(static_cast<int>(static_cast<unsigned>(first.day())));
                }
            }
        }
        zone->m_observances.push_back(std::move(o));
    }
    if (zone->m_observances.empty()) {
        fail(label, vtimezone.line,
             fmt::format("VTIMEZONE {} has no STANDARD or DAYLIGHT", zone->m_name));
    }
    return zone;
}

std::vector<std::pair<Instant, IcsZone::Onset>>
IcsZone::onsets_around(date::local_seconds t) const {
    std::vector<std::pair<Instant, Onset>> out;
    const int year = year_of(t);
    for (const auto& o : m_observances) {
        const auto add = [&](date::local_seconds start) {
            out.emplace_back(Instant{(start - o.first.from).time_since_epoch()},
                             Onset{start, o.first.from, o.first.to});
        };
        add(o.first.start);
        for (const auto& r : o.rdates) {
            add(r);
        }
        if (!o.yearly) {
            continue;
        }
        const auto time_of_day = o.first.start - date::floor<date::days>(o.first.start);
        const int first_year = year_of(o.first.start);
        // The years the rule may matter in: around `t`, and, for a rule that ended before,
        // its last year (whose change is still in force). COUNT counts from the first year.
        int from = std::max(first_year, year - 1);
        if (o.count) {
            from = first_year;
        } else if (o.until) {
            const int until_year =
                static_cast<int>(date::year_month_day{date::floor<date::days>(*o.until)}.year());
            from = std::max(first_year, std::min(from, until_year - 1));
        }
        int counted = 0;
        std::optional<date::local_seconds> before; // the last onset before the years around `t`
        for (int y = from; y <= year + 1; ++y) {
            const auto day = rule_day(o, y);
            if (!day || date::local_seconds{*day} + time_of_day < o.first.start) {
                continue;
            }
            const auto start = date::local_seconds{*day} + time_of_day;
            if ((o.count && ++counted > *o.count) ||
                (o.until && Instant{(start - o.first.from).time_since_epoch()} > *o.until)) {
                break;
            }
            if (y >= year - 1) {
                add(start);
            } else {
                before = start;
            }
        }
        if (before) {
            add(*before);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

Instant IcsZone::to_instant(date::local_seconds t) const {
    if (m_zone) {
        const auto minute = date::floor<Minutes>(t);
        return m_zone->to_instant(minute) + (t - minute);
    }
    const auto onsets = onsets_around(t);
    const auto offset_at = [&](Instant u) {
        seconds offset = onsets.front().second.from;
        for (const auto& [at, onset] : onsets) {
            if (at > u) {
                break;
            }
            offset = onset.to;
        }
        return offset;
    };
    std::optional<Instant> first;
    for (const auto& [at, onset] : onsets) {
        for (const auto offset : {onset.from, onset.to}) {
            const Instant u{(t - offset).time_since_epoch()};
            if (offset_at(u) == offset && (!first || u < *first)) {
                first = u;
            }
        }
    }
    if (first) {
        return *first;
    }
    // In the hour skipped when clocks go forward: the offset before the change.
    for (const auto& [at, onset] : onsets) {
        const auto wall = date::local_seconds{at.time_since_epoch()};
        if (onset.to > onset.from && wall + onset.from <= t && t < wall + onset.to) {
            return Instant{(t - onset.from).time_since_epoch()};
        }
    }
    return Instant{(t - offset_at(Instant{t.time_since_epoch()})).time_since_epoch()};
}

Instant IcsTime::instant(const Zone& floating) const {
    switch (form) {
    case Form::utc:
        return Instant{local.time_since_epoch()};
    case Form::zoned:
        return zone->to_instant(local);
    case Form::date:
    case Form::floating:
        break;
    }
    const auto minute = date::floor<Minutes>(local);
    return floating.to_instant(minute) + (local - minute);
}

// ---- Events -----------------------------------------------------------------------------

namespace {

// The instant of `t`, reading a date or a floating time as UTC: enough to compare an end with
// a start written alike.
Instant rough_instant(const IcsTime& t) {
    return t.form == IcsTime::Form::zoned ? t.zone->to_instant(t.local)
                                          : Instant{t.local.time_since_epoch()};
}

// Reads the events of the calendars of one file, resolving each TZID once.
class EventReader {
public:
    EventReader(const std::string& label) : m_label(label) {}

    void calendar(const IcsComponent& cal, std::vector<IcsEvent>& out) {
        const auto* version = cal.property("VERSION");
        if (version == nullptr) {
            fail(m_label, cal.line, "this calendar has no VERSION:2.0 (RFC 5545)");
        }
        if (version->value != "2.0") {
            fail(m_label, version->line,
                 fmt::format("VERSION:{} is not iCalendar 2.0 (RFC 5545){}", shown(version->value),
                             version->value == "1.0" ? ", but vCalendar 1.0" : ""));
        }
        std::string method;
        if (const auto* m = cal.property("METHOD")) {
            method = upper(m->value);
            if (method == "REPLY" || method == "REFRESH" || method == "COUNTER" ||
                method == "DECLINECOUNTER") {
                fail(m_label, m->line,
                     fmt::format("METHOD:{} is an answer to an invitation, not one", method));
            }
        }
        m_vtimezones.clear();
        for (const auto& c : cal.components) {
            if (c.name == "VTIMEZONE") {
                const auto* tzid = c.property("TZID");
                if (tzid == nullptr) {
                    fail(m_label, c.line, "this VTIMEZONE has no TZID");
                }
                if (!m_vtimezones.emplace(tzid->value, &c).second) {
                    fail(m_label, tzid->line,
                         fmt::format("a second VTIMEZONE {}", shown(tzid->value)));
                }
            }
        }
        m_zones.clear();
        for (const auto& c : cal.components) {
            if (c.name == "VEVENT") {
                out.push_back(event(c));
                out.back().method = method;
            }
        }
    }

private:
    [[noreturn]] void fail_at(const IcsProperty& p, const std::string& message) const {
        fail(m_label, p.line, fmt::format("{}: {}", p.name, message));
    }

    std::string text(const IcsProperty& p) const {
        auto t = ics_unescape(p.value);
        if (!t) {
            fail_at(p,
                    "a backslash that escapes nothing (TEXT escapes are \\\\, \\;, \\, and \\n)");
        }
        return *t;
    }

    std::shared_ptr<const IcsZone> zone(const IcsProperty& p, const std::string& tzid) {
        if (auto it = m_zones.find(tzid); it != m_zones.end()) {
            return it->second;
        }
        std::shared_ptr<const IcsZone> found;
        // A name of the tz database; one after a '/' prefix ("/mozilla.org/20070129_1/Europe/
        // Berlin", the globally unique form) is that name.
        for (std::size_t from = 0; !found && from < tzid.size();) {
            const auto name = tzid.substr(from);
            if (Zone::exists(name)) {
                found = std::make_shared<IcsZone>(Zone::locate(name));
            }
            if (!tzid.starts_with('/')) {
                break;
            }
            const auto slash = tzid.find('/', from + 1);
            from = slash == std::string::npos ? tzid.size() : slash + 1;
        }
        if (!found) {
            auto it = m_vtimezones.find(tzid);
            if (it == m_vtimezones.end()) {
                fail_at(p, fmt::format("TZID \"{}\" is not a zone of the tz database, and the file "
                                       "has no VTIMEZONE for it",
                                       shown(tzid)));
            }
            found = IcsZone::from_vtimezone(*it->second, m_label);
        }
        m_zones.emplace(tzid, found);
        return found;
    }

    // The values of a DATE or DATE-TIME property (EXDATE holds a list).
    std::vector<IcsTime> times(const IcsProperty& p) {
        const auto* type = p.parameter("VALUE");
        if (type != nullptr && *type != "DATE" && *type != "DATE-TIME") {
            fail_at(p, fmt::format("VALUE={} is not a date or a date-time", shown(*type)));
        }
        const auto* tzid = p.parameter("TZID");
        std::vector<IcsTime> out;
        std::size_t from = 0;
        const std::string_view value = p.value;
        while (from <= value.size()) {
            const auto end = std::min(value.find(',', from), value.size());
            const auto item = value.substr(from, end - from);
            from = end + 1;
            IcsTime t;
            // A date without VALUE=DATE is read as one too (some writers leave it out).
            if (item.size() == 8 && (type == nullptr || *type == "DATE")) {
                const auto day = parse_date(item);
                if (!day) {
                    fail_at(p, fmt::format("\"{}\" is not a date (YYYYMMDD)", shown(item)));
                }
                if (tzid != nullptr) {
                    fail_at(p, "a date has no time zone (TZID is for date-times)");
                }
                t.form = IcsTime::Form::date;
                t.local = date::local_seconds{*day};
            } else {
                bool utc = false;
                const auto local = parse_date_time(item, &utc);
                if (!local || (type != nullptr && *type == "DATE")) {
                    fail_at(p, fmt::format("\"{}\" is not a {}", shown(item),
                                           type != nullptr && *type == "DATE"
                                               ? "date (YYYYMMDD)"
                                               : "date-time (YYYYMMDDTHHMMSS, Z for UTC)"));
                }
                if (utc && tzid != nullptr) {
                    fail_at(p, "a UTC time (Z) has no TZID");
                }
                t.local = *local;
                t.form = utc               ? IcsTime::Form::utc
                         : tzid != nullptr ? IcsTime::Form::zoned
                                           : IcsTime::Form::floating;
                if (tzid != nullptr) {
                    t.zone = zone(p, *tzid);
                }
            }
            out.push_back(std::move(t));
        }
        return out;
    }

    IcsTime time(const IcsProperty& p) {
        auto list = times(p);
        if (list.size() != 1) {
            fail_at(p, "holds one date or date-time");
        }
        return list.front();
    }

    IcsDuration duration(const IcsProperty& p) const {
        std::string_view v = p.value;
        const auto bad = [&] {
            fail_at(p, fmt::format("\"{}\" is not a length of time (P1D, PT50M, P1W)", shown(v)));
        };
        if (v.starts_with('-')) {
            fail_at(p, "is negative");
        }
        if (v.starts_with('+')) {
            v.remove_prefix(1);
        }
        if (!v.starts_with('P') || v.size() < 3) {
            bad();
        }
        v.remove_prefix(1);
        IcsDuration d;
        // Each designator in its place: W alone, else D, then T with H, M, S in order.
        const auto take = [&](char unit) -> std::optional<int> {
            const auto digits = v.find_first_not_of("0123456789");
            if (digits == 0 || digits == std::string_view::npos || v[digits] != unit) {
                return std::nullopt;
            }
            const auto n = small_number(v.substr(0, digits));
            if (!n) {
                bad();
            }
            v.remove_prefix(digits + 1);
            return n;
        };
        if (const auto w = take('W')) {
            d.days = *w * 7;
            if (!v.empty()) {
                bad();
            }
            return d;
        }
        d.days = take('D').value_or(0);
        if (v.starts_with('T')) {
            v.remove_prefix(1);
            const auto h = take('H');
            const auto m = take('M');
            const auto s = take('S');
            if (!h && !m && !s) {
                bad();
            }
            d.seconds = seconds{h.value_or(0) * 3600LL + m.value_or(0) * 60LL + s.value_or(0)};
        }
        if (!v.empty()) {
            bad();
        }
        return d;
    }

    IcsRule rule(const IcsProperty& p, const IcsTime& start) {
        IcsRule r;
        r.line = p.line;
        r.text = p.value;
        const auto bad = [&](const std::string& name, const std::string& value) {
            fail_at(p, fmt::format("{}={} is not valid", name, shown(value)));
        };
        for (const auto& [name, value] : rule_parts(p, m_label)) {
            if (name == "FREQ") {
                static constexpr std::string_view k_freqs[] = {
                    "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
                if (std::find(std::begin(k_freqs), std::end(k_freqs), value) == std::end(k_freqs)) {
                    bad(name, value);
                }
                r.freq = value;
            } else if (name == "INTERVAL" || name == "COUNT") {
                const auto n = small_number(value);
                if (!n || *n < 1) {
                    bad(name, value);
                }
                if (name == "COUNT") {
                    r.count = *n;
                } else {
                    r.interval = *n;
                }
            } else if (name == "UNTIL") {
                IcsProperty until{p.line, "RRULE UNTIL", {}, value};
                auto t = time(until);
                // A local UNTIL is in the zone of DTSTART.
                if (t.form == IcsTime::Form::floating && start.form == IcsTime::Form::zoned) {
                    t.form = IcsTime::Form::zoned;
                    t.zone = start.zone;
                }
                r.until = t;
            } else if (name == "WKST") {
                const auto wd = parse_day_code(value);
                if (!wd) {
                    bad(name, value);
                }
                r.week_start = *wd;
            } else if (name == "BYDAY") {
                std::size_t from = 0;
                while (from <= value.size()) {
                    const auto end = std::min(value.find(',', from), value.size());
                    const auto item = std::string_view(value).substr(from, end - from);
                    from = end + 1;
                    const auto code = item.size() >= 2 ? item.substr(item.size() - 2) : item;
                    auto nth = item.substr(0, item.size() - code.size());
                    if (nth.starts_with('+') || nth.starts_with('-')) {
                        nth.remove_prefix(1);
                    }
                    const auto n = nth.empty() ? std::optional<int>(0) : small_number(nth);
                    if (!parse_day_code(code) || !n || *n > 53 || (*n == 0 && !nth.empty())) {
                        bad(name, value);
                    }
                    if (*n != 0) {
                        r.other = r.other.empty() ? "BYDAY=" + value : r.other;
                    } else {
                        r.days.push_back(*parse_day_code(code));
                    }
                }
            } else if (r.other.empty()) {
                r.other = name + "=" + value;
            }
        }
        if (r.count && r.until) {
            fail_at(p, "UNTIL and COUNT together (one says when it ends)");
        }
        return r;
    }

    IcsEvent event(const IcsComponent& c) {
        static constexpr std::string_view k_once[] = {
            "UID",     "DTSTART",  "DTEND",         "DURATION", "RRULE", "STATUS",
            "SUMMARY", "SEQUENCE", "RECURRENCE-ID", "DTSTAMP",  "CLASS", "DESCRIPTION"};
        std::map<std::string, std::size_t> seen;
        for (const auto& p : c.properties) {
            if (std::find(std::begin(k_once), std::end(k_once), p.name) != std::end(k_once) &&
                !seen.emplace(p.name, p.line).second) {
                fail(m_label, p.line,
                     fmt::format("a second {} in this event (line {})", p.name, seen[p.name]));
            }
        }
        IcsEvent e;
        e.line = c.line;
        const auto* dtstart = c.property("DTSTART");
        if (dtstart == nullptr) {
            fail(m_label, c.line, "this event has no DTSTART");
        }
        e.start = time(*dtstart);
        const auto same_kind = [&](const IcsProperty& p, const IcsTime& t) {
            if (t.is_date() != e.start.is_date()) {
                fail_at(p,
                        fmt::format("is a {}, but DTSTART a {}", t.is_date() ? "date" : "date-time",
                                    e.start.is_date() ? "date" : "date-time"));
            }
        };
        const IcsProperty* rrule = nullptr;
        for (const auto& p : c.properties) {
            if (p.name == "UID") {
                e.uid = text(p);
                if (e.uid.empty()) {
                    fail_at(p, "is empty");
                }
            } else if (p.name == "SUMMARY") {
                e.summary = text(p);
            } else if (p.name == "CATEGORIES") {
                // A list: commas that are not escaped separate the values.
                std::string item;
                for (std::size_t i = 0; i <= p.value.size(); ++i) {
                    if (i == p.value.size() || p.value[i] == ',') {
                        IcsProperty one{p.line, p.name, {}, item};
                        e.categories.push_back(text(one));
                        item.clear();
                    } else {
                        item += p.value[i];
                        if (p.value[i] == '\\' && i + 1 < p.value.size()) {
                            item += p.value[++i];
                        }
                    }
                }
            } else if (p.name == "STATUS") {
                e.status = upper(p.value);
                if (e.status != "TENTATIVE" && e.status != "CONFIRMED" && e.status != "CANCELLED") {
                    fail_at(p, fmt::format("\"{}\" is not an event's status (TENTATIVE, "
                                           "CONFIRMED, CANCELLED)",
                                           shown(p.value)));
                }
            } else if (p.name == "DTEND") {
                e.end = time(p);
                same_kind(p, *e.end);
            } else if (p.name == "DURATION") {
                e.duration = duration(p);
                if (e.start.is_date() &&
                    (e.duration->seconds.count() != 0 || e.duration->days == 0)) {
                    fail_at(p, "an all-day event lasts whole days (P1D, P2W)");
                }
            } else if (p.name == "RRULE") {
                rrule = &p;
            } else if (p.name == "EXDATE") {
                for (auto& t : times(p)) {
                    same_kind(p, t);
                    e.exdates.push_back(std::move(t));
                }
            } else if (p.name == "RDATE") {
                e.rdate_line = p.line;
            } else if (p.name == "RECURRENCE-ID") {
                e.recurrence_id = time(p);
                const auto* range = p.parameter("RANGE");
                if (range != nullptr && upper(*range) != "THISANDFUTURE") {
                    fail_at(p, fmt::format("RANGE={} is not THISANDFUTURE", shown(*range)));
                }
                e.and_future = range != nullptr;
                same_kind(p, *e.recurrence_id);
            }
        }
        if (e.end && e.duration) {
            fail(m_label, c.property("DURATION")->line,
                 "DURATION and DTEND together (one says when the event ends)");
        }
        if (e.end) {
            const auto start = rough_instant(e.start);
            const auto end = rough_instant(*e.end);
            if (end < start || (e.start.is_date() && end == start)) {
                fail_at(*c.property("DTEND"), "is before DTSTART");
            }
        }
        if (rrule != nullptr) {
            e.rule = rule(*rrule, e.start);
            if (e.rule->until && e.rule->until->is_date() != e.start.is_date() &&
                !e.rule->until->is_date()) {
                fail_at(*rrule, "UNTIL is a date-time, but DTSTART a date");
            }
        }
        return e;
    }

    const std::string& m_label;
    std::map<std::string, const IcsComponent*> m_vtimezones;
    std::map<std::string, std::shared_ptr<const IcsZone>> m_zones;
};

} // namespace

std::vector<IcsEvent> read_events(std::string_view text, const std::string& label) {
    std::vector<IcsEvent> events;
    EventReader reader(label);
    for (const auto& cal : parse_ics(text, label)) {
        reader.calendar(cal, events);
    }
    // One event a UID, but for the events that change one occurrence of its series.
    std::map<std::pair<std::string, std::optional<date::local_seconds>>, std::size_t> seen;
    for (const auto& e : events) {
        if (e.uid.empty()) {
            continue;
        }
        const auto key = std::make_pair(
            e.uid, e.recurrence_id ? std::optional(e.recurrence_id->local) : std::nullopt);
        if (const auto [it, fresh] = seen.emplace(key, e.line); !fresh) {
            fail(label, e.line,
                 fmt::format("a second event with UID {}{} (the first is at line {})", shown(e.uid),
                             e.recurrence_id ? " and this RECURRENCE-ID" : "", it->second));
        }
    }
    return events;
}

} // namespace showup::cli
