// Time zones from TZif data (RFC 8536): the table of transitions, and the POSIX TZ rule of its
// footer for the times after the table ends.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "showup/errors.hpp"
#include "showup/time.hpp"

namespace showup {

using std::chrono::seconds;

namespace detail {

namespace {

struct LocalType {
    seconds offset{0};
    bool dst = false;
    std::string abbrev;
};

// When a POSIX TZ rule changes the clocks: a day of the year and a local time of day.
struct DayRule {
    enum class Kind { julian_no_leap, zero_based, month_week_day } kind = Kind::month_week_day;
    int day = 0; // Jn: 1-365; n: 0-365; M: weekday 0-6 (Sunday 0)
    int month = 0;
    int week = 0; // 1-5, 5 meaning the last
    seconds time{2 * 3600};

    // The local date-time of the change in `year`.
    date::local_seconds in(int year) const {
        using namespace date;
        local_days d;
        switch (kind) {
        case Kind::julian_no_leap: {
            // Day 60 is always 1 March: 29 February is not counted.
            d = local_days{year_month_day{date::year{year} / 1 / 1}} + days{day - 1};
            if (date::year{year}.is_leap() && day >= 60) {
                d += days{1};
            }
            break;
        }
        case Kind::zero_based:
            d = local_days{year_month_day{date::year{year} / 1 / 1}} + days{day};
            break;
        case Kind::month_week_day: {
            const auto first = local_days{date::year{year} / month / 1};
            d = first + (date::weekday{static_cast<unsigned>(day)} - date::weekday{first});
            d += days{7 * (week - 1)};
            const auto last = local_days{date::year{year} / month / date::last};
            while (d > last) {
                d -= days{7};
            }
            break;
        }
        }
        return date::local_seconds{d} + time;
    }
};

struct PosixTz {
    LocalType standard;
    std::optional<LocalType> daylight;
    DayRule start; // into daylight time, in standard time
    DayRule end;   // back to standard time, in daylight time
};

class PosixParser {
public:
    explicit PosixParser(std::string_view text) : m_s(text) {}

    std::optional<PosixTz> parse() {
        PosixTz tz;
        if (!name(tz.standard.abbrev) || !offset(tz.standard.offset)) {
            return std::nullopt;
        }
        tz.standard.offset = -tz.standard.offset; // POSIX counts west as positive
        if (m_i == m_s.size()) {
            return tz;
        }
        LocalType dst;
        dst.dst = true;
        if (!name(dst.abbrev)) {
            return std::nullopt;
        }
        dst.offset = tz.standard.offset + seconds{3600};
        if (m_i < m_s.size() && m_s[m_i] != ',') {
            if (!offset(dst.offset)) {
                return std::nullopt;
            }
            dst.offset = -dst.offset;
        }
        tz.daylight = dst;
        if (!consume(',') || !rule(tz.start) || !consume(',') || !rule(tz.end) ||
            m_i != m_s.size()) {
            return std::nullopt;
        }
        return tz;
    }

private:
    bool consume(char c) {
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool number(int& out, int max_digits = 3) {
        const auto start = m_i;
        out = 0;
        while (m_i < m_s.size() && m_i - start < static_cast<std::size_t>(max_digits) &&
               m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            out = out * 10 + (m_s[m_i++] - '0');
        }
        return m_i > start;
    }
    bool name(std::string& out) {
        const auto start = m_i;
        if (consume('<')) {
            while (m_i < m_s.size() && m_s[m_i] != '>') {
                ++m_i;
            }
            out = std::string(m_s.substr(start + 1, m_i - start - 1));
            return consume('>') && out.size() >= 1;
        }
        while (m_i < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[m_i])) != 0) {
            ++m_i;
        }
        out = std::string(m_s.substr(start, m_i - start));
        return out.size() >= 3;
    }
    // [+-]hh[:mm[:ss]]
    bool offset(seconds& out) {
        int sign = 1;
        if (consume('-')) {
            sign = -1;
        } else {
            consume('+');
        }
        int h = 0;
        int m = 0;
        int sec = 0;
        if (!number(h)) {
            return false;
        }
        if (consume(':') && (!number(m, 2) || (consume(':') && !number(sec, 2)))) {
            return false;
        }
        out = seconds{sign * (h * 3600 + m * 60 + sec)};
        return true;
    }
    bool rule(DayRule& r) {
        if (consume('M')) {
            r.kind = DayRule::Kind::month_week_day;
            if (!number(r.month, 2) || !consume('.') || !number(r.week, 1) || !consume('.') ||
                !number(r.day, 1) || r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 ||
                r.day > 6) {
                return false;
            }
        } else if (consume('J')) {
            r.kind = DayRule::Kind::julian_no_leap;
            if (!number(r.day) || r.day < 1 || r.day > 365) {
                return false;
            }
        } else {
            r.kind = DayRule::Kind::zero_based;
            if (!number(r.day) || r.day > 365) {
                return false;
            }
        }
        if (consume('/')) {
            return offset(r.time);
        }
        return true;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

class Bytes {
public:
    explicit Bytes(std::string_view b) : m_b(b) {}
    bool has(std::size_t n) const { return m_pos + n <= m_b.size(); }
    std::int64_t be(std::size_t n) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            v = v << 8 | static_cast<unsigned char>(m_b[m_pos + i]);
        }
        m_pos += n;
        // Sign-extend 4- and 8-byte values.
        if (n == 4) {
            return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
        }
        return static_cast<std::int64_t>(v);
    }
    std::string_view take(std::size_t n) {
        auto s = m_b.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::size_t pos() const { return m_pos; }

private:
    std::string_view m_b;
    std::size_t m_pos = 0;
};

} // namespace

class ZoneRules {
public:
    static std::shared_ptr<const ZoneRules> parse(const std::string& name, std::string_view bytes);

    const LocalType& at(std::int64_t t) const {
        if (m_times.empty() || t < m_times.front()) {
            if (m_times.empty() && m_footer) {
                return footer_at(t);
            }
            return m_types[m_first_type];
        }
        if (t >= m_times.back() && m_footer) {
            return footer_at(t);
        }
        const auto it = std::upper_bound(m_times.begin(), m_times.end(), t);
        return m_types[m_type_of[static_cast<std::size_t>(it - m_times.begin() - 1)]];
    }

    std::vector<ZoneTransition> transitions(std::int64_t from, std::int64_t to) const {
        std::vector<ZoneTransition> out;
        auto previous = at(from);
        const auto add = [&](std::int64_t t) {
            const auto& next = at(t);
            if (next.offset != previous.offset || next.dst != previous.dst ||
                next.abbrev != previous.abbrev) {
                out.push_back(
                    {Instant{seconds{t}}, previous.offset, next.offset, next.dst, next.abbrev});
                previous = next;
            }
        };
        for_each_change(from, to, add);
        return out;
    }

    // The instant of the wall-clock time `local` (seconds since the epoch, read as if UTC):
    // the first of two, and for one skipped by a change, the instant the clock would have shown
    // it had it not jumped (read with the offset before the change: later by the gap's length).
    struct Reading {
        std::int64_t instant = 0;
        bool nonexistent = false;
        bool repeated = false;
    };
    Reading read_local(std::int64_t local) const {
        // Every offset is less than a day from UTC: the instant is within a day of `local`.
        constexpr std::int64_t k_margin = std::int64_t{2} * 86400;
        struct Period {
            std::int64_t from;
            std::int64_t offset;
        };
        // The offsets in force around `local`, each from the change that began it (a handful
        // at most: no zone changes its clocks more than a few times in four days).
        std::array<Period, 16> periods{};
        std::size_t count = 0;
        periods[count++] = {std::numeric_limits<std::int64_t>::min(),
                            at(local - k_margin).offset.count()};
        for_each_change(local - k_margin, local + k_margin, [&](std::int64_t t) {
            const auto offset = at(t).offset.count();
            if (offset != periods[count - 1].offset && count < periods.size()) {
                periods[count++] = {t, offset};
            }
        });
        const auto end_of = [&](std::size_t i) {
            return i + 1 < count ? periods[i + 1].from : std::numeric_limits<std::int64_t>::max();
        };
        std::optional<Reading> first;
        for (std::size_t i = 0; i < count; ++i) {
            const auto t = local - periods[i].offset;
            if (t >= periods[i].from && t < end_of(i)) {
                if (first) {
                    first->repeated = true;
                    return *first;
                }
                first = Reading{t, false, false};
            }
        }
        if (first) {
            return *first;
        }
        // Skipped: read with the offset before the change whose gap holds it.
        for (std::size_t i = count - 1; i > 0; --i) {
            if (local >= periods[i].from + periods[i - 1].offset) {
                return {local - periods[i - 1].offset, true, false};
            }
        }
        return {local - periods[0].offset, true, false};
    }

    // See Zone::steady_around: {from, to, offset} in seconds.
    std::optional<std::array<std::int64_t, 3>> steady_around(std::int64_t local) const {
        constexpr std::int64_t k_day = 86400;
        constexpr std::int64_t k_reach = 400 * k_day;
        // Offsets differ by less than two days, so a time two days from every change has no
        // reading but the one with the offset of its stretch.
        constexpr std::int64_t k_margin = 2 * k_day;
        const auto t = read_local(local).instant;
        auto before = t - k_reach;
        auto after = t + k_reach;
        for_each_change(t - k_reach, t + k_reach, [&](std::int64_t change) {
            if (change <= t) {
                before = std::max(before, change);
            } else {
                after = std::min(after, change);
            }
        });
        const auto offset = at(t).offset.count();
        const auto from = before + offset + k_margin;
        const auto to = after + offset - k_margin;
        if (local < from || local > to) {
            return std::nullopt;
        }
        return std::array{from, to, offset};
    }

private:
    // Calls `f` with each instant in (`from`, `to`] where the table or the rule may change the
    // local time type, in order (some may change nothing).
    template <typename F> void for_each_change(std::int64_t from, std::int64_t to, F f) const {
        auto it = std::upper_bound(m_times.begin(), m_times.end(), from);
        for (; it != m_times.end() && *it <= to; ++it) {
            f(*it);
        }
        if (!m_footer || !m_footer->daylight || (!m_times.empty() && to < m_times.back())) {
            return;
        }
        const auto after = m_times.empty() ? from : std::max(from, m_times.back());
        std::vector<std::int64_t> changes;
        for (int y = year_of(after) - 1; y <= year_of(to) + 1; ++y) {
            const auto [s, e] = footer_changes(y);
            changes.push_back(s);
            changes.push_back(e);
        }
        std::sort(changes.begin(), changes.end());
        for (auto t : changes) {
            if (t > after && t <= to) {
                f(t);
            }
        }
    }
    static int year_of(std::int64_t t) {
        return static_cast<int>(
            date::year_month_day{date::floor<date::days>(Instant{seconds{t}})}.year());
    }
    // The instants daylight time starts and ends in `year`.
    std::pair<std::int64_t, std::int64_t> footer_changes(int year) const {
        const auto& f = *m_footer;
        const auto start = f.start.in(year).time_since_epoch() - f.standard.offset;
        const auto end = f.end.in(year).time_since_epoch() - f.daylight->offset;
        return {start.count(), end.count()};
    }
    const LocalType& footer_at(std::int64_t t) const {
        const auto& f = *m_footer;
        if (!f.daylight) {
            return f.standard;
        }
        // The last change at or before `t` among those of the years around it, as a rule's time
        // of day may carry a change across 1 January. Where daylight time ends as it starts
        // again (a zone on daylight time all year), it goes on.
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
        bool dst = false;
        const auto y = year_of(t);
        for (int year = y - 1; year <= y + 1; ++year) {
            const auto [start, end] = footer_changes(year);
            if (end <= t && end > last) {
                last = end;
                dst = false;
            }
            if (start <= t && start >= last) {
                last = start;
                dst = true;
            }
        }
        return dst ? *f.daylight : f.standard;
    }

    std::vector<std::int64_t> m_times;
    std::vector<std::uint8_t> m_type_of;
    std::vector<LocalType> m_types;
    std::size_t m_first_type = 0;
    std::optional<PosixTz> m_footer;
};

std::shared_ptr<const ZoneRules> ZoneRules::parse(const std::string& name, std::string_view bytes) {
    const auto bad = [&](const char* why) -> Error {
        return Error(fmt::format("the time zone file of \"{}\" is damaged ({})", name, why));
    };
    Bytes in(bytes);
    struct Header {
        char version;
        std::int64_t isut, isstd, leap, time, type, chars;
    };
    const auto header = [&]() {
        if (!in.has(44) || in.take(4) != "TZif") {
            throw bad("no TZif header");
        }
        Header h{};
        h.version = in.take(1)[0];
        in.take(15);
        h.isut = in.be(4);
        h.isstd = in.be(4);
        h.leap = in.be(4);
        h.time = in.be(4);
        h.type = in.be(4);
        h.chars = in.be(4);
        if (h.isut < 0 || h.isstd < 0 || h.leap < 0 || h.time < 0 || h.type < 1 || h.type > 255 ||
            h.chars < 0 || h.time > 100000 || h.chars > 100000 || h.leap > 100000) {
            throw bad("bad counts");
        }
        return h;
    };
    auto h = header();
    const auto data_size = [](const Header& hh, std::int64_t time_size) {
        return hh.time * time_size + hh.time + hh.type * 6 + hh.chars + hh.leap * (time_size + 4) +
               hh.isstd + hh.isut;
    };
    int time_size = 4;
    if (h.version >= '2') {
        // Skip the 32-bit data; the 64-bit data follows with a header of its own.
        if (!in.has(static_cast<std::size_t>(data_size(h, 4)))) {
            throw bad("truncated");
        }
        in.take(static_cast<std::size_t>(data_size(h, 4)));
        h = header();
        time_size = 8;
    }
    if (!in.has(static_cast<std::size_t>(data_size(h, time_size)))) {
        throw bad("truncated");
    }
    auto rules = std::make_shared<ZoneRules>();
    for (std::int64_t i = 0; i < h.time; ++i) {
        rules->m_times.push_back(in.be(static_cast<std::size_t>(time_size)));
        if (i > 0 && rules->m_times[static_cast<std::size_t>(i)] <=
                         rules->m_times[static_cast<std::size_t>(i - 1)]) {
            throw bad("transitions out of order");
        }
    }
    for (std::int64_t i = 0; i < h.time; ++i) {
        const auto idx = static_cast<std::uint8_t>(in.be(1));
        if (idx >= h.type) {
            throw bad("bad type index");
        }
        rules->m_type_of.push_back(idx);
    }
    std::vector<std::pair<LocalType, std::size_t>> types;
    for (std::int64_t i = 0; i < h.type; ++i) {
        LocalType t;
        t.offset = seconds{in.be(4)};
        t.dst = in.be(1) != 0;
        types.emplace_back(t, static_cast<std::size_t>(in.be(1)));
    }
    const auto chars = in.take(static_cast<std::size_t>(h.chars));
    for (auto& [t, idx] : types) {
        if (idx >= chars.size()) {
            throw bad("bad abbreviation index");
        }
        const auto end = chars.find('\0', idx);
        t.abbrev = std::string(
            chars.substr(idx, end == std::string_view::npos ? std::string_view::npos : end - idx));
        rules->m_types.push_back(t);
    }
    in.take(static_cast<std::size_t>(h.leap * (time_size + 4) + h.isstd + h.isut));
    // A version 2+ file ends in its footer, the POSIX rule between two newlines (empty when
    // there is none). One cut short would be silently wrong after its last transition.
    if (time_size == 8) {
        if (!in.has(1) || in.take(1) != "\n") {
            throw bad("truncated before its footer");
        }
        const auto rest = bytes.substr(in.pos());
        const auto nl = rest.find('\n');
        if (nl == std::string_view::npos) {
            throw bad("truncated inside its footer");
        }
        // A rule that cannot be read would leave the offsets stale after the table.
        if (nl > 0) {
            rules->m_footer = PosixParser(rest.substr(0, nl)).parse();
            if (!rules->m_footer) {
                throw bad("its rule for the times after its table cannot be read");
            }
        }
    }
    return rules;
}

} // namespace detail

Zone Zone::from_tzif(const std::string& name, std::string_view bytes) {
    return Zone(name, detail::ZoneRules::parse(name, bytes));
}

std::chrono::seconds Zone::offset_at(Instant t) const {
    return m_rules->at(t.time_since_epoch().count()).offset;
}

std::string Zone::abbrev_at(Instant t) const {
    return m_rules->at(t.time_since_epoch().count()).abbrev;
}

bool Zone::dst_at(Instant t) const {
    return m_rules->at(t.time_since_epoch().count()).dst;
}

date::local_seconds Zone::to_local(Instant t) const {
    return date::local_seconds{t.time_since_epoch() + offset_at(t)};
}

Instant Zone::to_instant(LocalMinutes local) const {
    return Instant{seconds{m_rules->read_local(local.time_since_epoch().count() * 60).instant}};
}

std::optional<Zone::Steady> Zone::steady_around(LocalMinutes local) const {
    const auto span = m_rules->steady_around(local.time_since_epoch().count() * 60);
    if (!span) {
        return std::nullopt;
    }
    const auto [from, to, offset] = *span;
    return Steady{date::local_seconds{seconds{from}}, date::local_seconds{seconds{to}},
                  seconds{offset}};
}

bool Zone::is_nonexistent(LocalMinutes local) const {
    return m_rules->read_local(local.time_since_epoch().count() * 60).nonexistent;
}

bool Zone::is_repeated(LocalMinutes local) const {
    return m_rules->read_local(local.time_since_epoch().count() * 60).repeated;
}

std::vector<ZoneTransition> Zone::transitions(Instant from, Instant to) const {
    return m_rules->transitions(from.time_since_epoch().count(), to.time_since_epoch().count());
}

} // namespace showup
