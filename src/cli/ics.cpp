#include "ics.hpp"

#include <fmt/format.h>

namespace showup::cli {

std::string ics_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        case '\t':
            // TEXT allows a tab as it is (TSAFE-CHAR includes WSP).
            out += c;
            break;
        default:
            // Other control characters are not allowed in TEXT.
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
                out += c;
            }
        }
    }
    return out;
}

std::string ics_line(std::string_view line) {
    std::string out;
    std::size_t width = 0; // octets on the current physical line
    for (std::size_t i = 0; i < line.size();) {
        // The length of this UTF-8 sequence, so that it is never split.
        const auto c = static_cast<unsigned char>(line[i]);
        const std::size_t n = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 1;
        if (width + n > 75) {
            out += "\r\n ";
            width = 1;
        }
        out.append(line.substr(i, n));
        width += n;
        i += n;
    }
    return out + "\r\n";
}

std::string ics_local(date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const auto s = (t - day).count();
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       s / 3600, s / 60 % 60, s % 60);
}

std::string ics_date_time(Instant t, const Zone& zone) {
    const auto local = zone.to_local(t);
    const auto minute = date::floor<Minutes>(local);
    if (!zone.is_repeated(minute)) {
        return fmt::format(";TZID={}:{}", zone.name(), ics_local(local));
    }
    return ":" + ics_local(date::local_seconds{t.time_since_epoch()}) + "Z";
}

namespace {
// RFC 5545's UTC-OFFSET: +hhmm, or +hhmmss when the offset has seconds (local mean time).
std::string offset_text(std::chrono::seconds offset) {
    const auto abs = offset.count() < 0 ? -offset.count() : offset.count();
    auto text =
        fmt::format("{}{:02}{:02}", offset.count() < 0 ? '-' : '+', abs / 3600, abs / 60 % 60);
    if (abs % 60 != 0) {
        text += fmt::format("{:02}", abs % 60);
    }
    return text;
}
} // namespace

std::string ics_timezone(const Zone& zone, LocalDays from, LocalDays to) {
    std::string out = ics_line("BEGIN:VTIMEZONE") + ics_line("TZID:" + zone.name());
    const Instant start{date::sys_days{(from - date::days{1}).time_since_epoch()}};
    const Instant stop{date::sys_days{(to + date::days{2}).time_since_epoch()}};
    // The period in force at the start, then every change up to the end.
    const auto component = [&](Instant onset, std::chrono::seconds before,
                               std::chrono::seconds after, bool dst, const std::string& abbrev) {
        const auto kind = dst ? "DAYLIGHT" : "STANDARD";
        out += ics_line(fmt::format("BEGIN:{}", kind));
        out += ics_line("DTSTART:" +
                        ics_local(date::local_seconds{(onset + before).time_since_epoch()}));
        out += ics_line("TZOFFSETFROM:" + offset_text(before));
        out += ics_line("TZOFFSETTO:" + offset_text(after));
        if (!abbrev.empty()) {
            out += ics_line("TZNAME:" + ics_escape(abbrev));
        }
        out += ics_line(fmt::format("END:{}", kind));
    };
    const auto offset = zone.offset_at(start);
    const auto changes = zone.transitions(start, stop);
    component(start, offset, offset, zone.dst_at(start), zone.abbrev_at(start));
    for (const auto& t : changes) {
        component(t.at, t.before, t.after, t.dst, t.abbrev);
    }
    return out + ics_line("END:VTIMEZONE");
}

} // namespace showup::cli
