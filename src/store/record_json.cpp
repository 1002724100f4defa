#include "record_json.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup {

using namespace std::string_view_literals;

namespace {

std::string shown(std::string_view raw) {
    return raw.size() > 60 ? std::string(raw.substr(0, 57)) + "..." : std::string(raw);
}

// Built only when a value is wrong: a successful read formats nothing.
std::string whole_number(int min, int max) {
    return fmt::format("must be a whole number from {} to {}", min, max);
}

} // namespace

std::string Place::text() const {
    if (parent == nullptr && name.data() == nullptr) {
        return {}; // the top level
    }
    std::string out = parent != nullptr ? parent->text() : std::string();
    if (name.data() != nullptr) {
        out += (out.empty() ? "" : ".") + std::string(name);
    } else {
        out += fmt::format("[{}]", index);
    }
    return out;
}

void fail_at(const std::string& label, const Place& place, const std::string& message) {
    const auto where = place.text();
    if (where.empty()) {
        throw Error(fmt::format("{}: {}", label, message));
    }
    throw Error(fmt::format("{}: {}: {}", label, where, message));
}

void RecordReader::fail(const Place& place, const std::string& message) const {
    fail_at(m_label, place, message);
}

void RecordReader::wrong(const Place& place, const std::string& what) {
    const auto raw = m_cursor.skip();
    fail(place, fmt::format("{} {}", shown(raw), what));
}

std::string_view RecordReader::non_empty(const Place& place) {
    if (m_cursor.peek() != JsonCursor::Kind::string) {
        wrong(place, "must be a non-empty string");
    }
    const auto s = m_cursor.string_view(m_scratch);
    if (s.empty()) {
        fail(place, "\"\" must be a non-empty string");
    }
    return s;
}

std::string RecordReader::string(const Place& place) {
    return std::string(non_empty(place));
}

std::string_view RecordReader::string_view(const Place& place, const char* what) {
    if (m_cursor.peek() != JsonCursor::Kind::string) {
        wrong(place, what);
    }
    return m_cursor.string_view(m_scratch);
}

std::string RecordReader::id(const Place& place) {
    std::string s;
    id(place, s);
    return s;
}

void RecordReader::id(const Place& place, std::string& out) {
    const auto s = non_empty(place);
    // Ids are printed as they are: nothing in them may drive a terminal.
    if (std::any_of(s.begin(), s.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        fail(place, "must not contain control characters");
    }
    out.assign(s);
}

std::string RecordReader::optional_string(const Place& place) {
    std::string s;
    optional_string(place, s);
    return s;
}

void RecordReader::optional_string(const Place& place, std::string& out) {
    out.assign(optional_text(place));
}

void RecordReader::optional_string(const Place& place, RareText& out) {
    out.assign(optional_text(place));
}

std::string_view RecordReader::optional_text(const Place& place) {
    const auto kind = m_cursor.peek();
    if (kind == JsonCursor::Kind::null) {
        m_cursor.null();
        return {};
    }
    if (kind != JsonCursor::Kind::string) {
        wrong(place, "must be a string");
    }
    return m_cursor.string_view(m_scratch);
}

std::optional<int> RecordReader::optional_integer(const Place& place, int min, int max) {
    const auto kind = m_cursor.peek();
    if (kind == JsonCursor::Kind::null) {
        m_cursor.null();
        return std::nullopt;
    }
    if (kind != JsonCursor::Kind::number) {
        wrong(place, whole_number(min, max));
    }
    std::string_view text;
    const auto v = m_cursor.integer(&text);
    if (!v || *v < min || *v > max) {
        fail(place, fmt::format("{} {}", shown(text), whole_number(min, max)));
    }
    return static_cast<int>(*v);
}

int RecordReader::integer(const Place& place, int min, int max) {
    if (m_cursor.peek() == JsonCursor::Kind::null) {
        wrong(place, whole_number(min, max));
    }
    return *optional_integer(place, min, max);
}

bool RecordReader::optional_bool(const Place& place) {
    const auto kind = m_cursor.peek();
    if (kind == JsonCursor::Kind::null) {
        m_cursor.null();
        return false;
    }
    if (kind != JsonCursor::Kind::boolean) {
        wrong(place, "must be true or false");
    }
    return m_cursor.boolean();
}

std::optional<LocalDays> RecordReader::optional_date(const Place& place) {
    const auto kind = m_cursor.peek();
    if (kind == JsonCursor::Kind::null) {
        m_cursor.null();
        return std::nullopt;
    }
    const auto text = string_view(place, "is not a valid date (YYYY-MM-DD)");
    auto d = parse_iso_date(text);
    if (!d) {
        fail(place, fmt::format("\"{}\" is not a valid date (YYYY-MM-DD)", shown(text)));
    }
    return d;
}

LocalDays RecordReader::date(const Place& place) {
    if (m_cursor.peek() == JsonCursor::Kind::null) {
        wrong(place, "is not a valid date (YYYY-MM-DD)");
    }
    return *optional_date(place);
}

std::optional<Instant> RecordReader::optional_instant(const Place& place) {
    const auto kind = m_cursor.peek();
    if (kind == JsonCursor::Kind::null) {
        m_cursor.null();
        return std::nullopt;
    }
    const auto text = string_view(place, "is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    auto t = parse_utc(text);
    if (!t) {
        fail(place, fmt::format("\"{}\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)", shown(text)));
    }
    return t;
}

LocalMinutes RecordReader::date_time(const Place& place, std::string* written) {
    const auto text = string_view(place, "is not a valid date-time (YYYY-MM-DDTHH:MM)");
    auto t = parse_iso_local(text);
    if (!t) {
        fail(place, fmt::format("\"{}\" is not a valid date-time (YYYY-MM-DDTHH:MM)", shown(text)));
    }
    if (written != nullptr) {
        written->assign(text);
    }
    return *t;
}

NextIds RecordReader::next_ids(const Place& place) {
    NextIds ids;
    Required required{"schedule", "session", "absence"};
    object(place, [&](std::string_view key, const Place& p) {
        required.seen(key);
        // contact, agenda and budget came with version 2: a version 1 file has none.
        int* target = key == "schedule"sv  ? &ids.schedule
                      : key == "session"sv ? &ids.session
                      : key == "absence"sv ? &ids.absence
                      : key == "contact"sv ? &ids.contact
                      : key == "agenda"sv  ? &ids.agenda
                      : key == "budget"sv  ? &ids.budget
                                           : nullptr;
        if (target == nullptr) {
            m_cursor.skip();
            return;
        }
        *target = integer(p.member(key), 1, 1'000'000'000);
    });
    required.check(*this, place);
    return ids;
}

Provider read_provider(RecordReader& r, const Place& place) {
    Provider p;
    Required required{"id", "name", "duration"};
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            p.id = r.id(here);
        } else if (key == "name"sv) {
            p.name = r.string(here);
        } else if (key == "duration"sv) {
            p.duration = r.integer(here, 1, k_max_minutes);
        } else if (key == "notice_minutes"sv) {
            p.notice_minutes = r.optional_integer(here, 0, k_max_notice_minutes);
        } else if (key == "fee_cents"sv) {
            p.fee_cents = r.optional_integer(here, 0, static_cast<int>(k_max_fee_cents));
        } else if (key == "changed_at"sv) {
            p.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return p;
}

Schedule read_schedule(RecordReader& r, const Place& place) {
    Schedule s;
    Required required{"id", "provider", "days", "at", "every_weeks", "from", "duration"};
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            s.id = r.id(here);
        } else if (key == "provider"sv) {
            s.provider = r.id(here);
        } else if (key == "days"sv) {
            r.array(here, [&](const Place& day) {
                std::optional<date::weekday> wd;
                if (r.cursor().peek() != JsonCursor::Kind::string) {
                    r.wrong(day, "is not a weekday (mon, tue, ...)");
                }
                const auto name = r.cursor().string();
                if (name.size() == 3) {
                    wd = parse_weekday(name);
                }
                if (!wd) {
                    r.fail(day,
                           fmt::format("\"{}\" is not a weekday (mon, tue, ...)", shown(name)));
                }
                s.weekdays = static_cast<std::uint8_t>(s.weekdays | 1U << wd->c_encoding());
            });
            if (s.weekdays == 0) {
                r.fail(here, "must name at least one weekday");
            }
        } else if (key == "at"sv) {
            if (r.cursor().peek() != JsonCursor::Kind::string) {
                r.wrong(here, "is not a time of day (HH:MM)");
            }
            const auto text = r.cursor().string();
            const auto tod = parse_hh_mm(text);
            if (!tod) {
                r.fail(here, fmt::format("\"{}\" is not a time of day (HH:MM)", shown(text)));
            }
            s.at = *tod;
        } else if (key == "every_weeks"sv) {
            s.every_weeks = r.integer(here, 1, 52);
        } else if (key == "from"sv) {
            s.from = r.date(here);
        } else if (key == "until"sv) {
            s.until = r.optional_date(here);
        } else if (key == "duration"sv) {
            s.duration = r.integer(here, 1, k_max_minutes);
        } else if (key == "uid"sv) {
            s.uid = r.optional_string(here);
        } else if (key == "changed_at"sv) {
            s.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place); // ranges and the order of dates: find_violation
    return s;
}

namespace {

// The members of a session, found by length first: a large file has a hundred thousand records.
enum class SessionKey {
    id,
    schedule,
    start,
    duration,
    provider,
    outcome,
    late_minutes,
    no_show,
    note,
    reason,
    rescheduled_from,
    rescheduled_to,
    moved_by,
    overrides_absence,
    recorded_at,
    cancelled_by,
    told,
    uid,
    changed_at,
    other
};

// Whether `k` is `name`: a compare of a known length, which the compiler does without calling
// memcmp (a view's == calls it for every member of every record).
template <std::size_t N> bool is(std::string_view k, const char (&name)[N]) {
    return k.size() == N - 1 && std::memcmp(k.data(), name, N - 1) == 0;
}

SessionKey session_key(std::string_view k) {
    using K = SessionKey;
    switch (k.size()) {
    case 2:
        return is(k, "id") ? K::id : K::other;
    case 3:
        return is(k, "uid") ? K::uid : K::other;
    case 4:
        return is(k, "note") ? K::note : is(k, "told") ? K::told : K::other;
    case 5:
        return is(k, "start") ? K::start : K::other;
    case 6:
        return is(k, "reason") ? K::reason : K::other;
    case 7:
        return is(k, "outcome") ? K::outcome : is(k, "no_show") ? K::no_show : K::other;
    case 8:
        return is(k, "schedule")   ? K::schedule
               : is(k, "duration") ? K::duration
               : is(k, "provider") ? K::provider
               : is(k, "moved_by") ? K::moved_by
                                   : K::other;
    case 10:
        return is(k, "changed_at") ? K::changed_at : K::other;
    case 11:
        return is(k, "recorded_at") ? K::recorded_at : K::other;
    case 12:
        return is(k, "late_minutes")   ? K::late_minutes
               : is(k, "cancelled_by") ? K::cancelled_by
                                       : K::other;
    case 14:
        return is(k, "rescheduled_to") ? K::rescheduled_to : K::other;
    case 16:
        return is(k, "rescheduled_from") ? K::rescheduled_from : K::other;
    case 17:
        return is(k, "overrides_absence") ? K::overrides_absence : K::other;
    default:
        return K::other;
    }
}

} // namespace

Session read_session(RecordReader& r, const Place& place) {
    Session s;
    read_session_into(r, place, s);
    return s;
}

// A session's record as record_line writes it, read at `pos` into `s` (a new one) without the
// general reader's bookkeeping: where it ends, or npos for anything else (white space, members
// out of the written order or unknown, an escape, a number that is not plain digits, a value
// the general reader refuses), which the general reader then reads and judges. It sets only
// members the text has, as the general reader does from them.
std::size_t read_written_session(std::string_view text, std::size_t pos, Session& s) {
    using K = SessionKey;
    constexpr auto no = std::string_view::npos;
    const auto size = text.size();
    // A string without escapes, or nullopt.
    const auto string = [&]() -> std::optional<std::string_view> {
        if (pos >= size || text[pos] != '"') {
            return std::nullopt;
        }
        const auto end = JsonCursor::verbatim_end(text, pos + 1);
        if (end >= size || text[end] != '"') {
            return std::nullopt;
        }
        const auto value = text.substr(pos + 1, end - pos - 1);
        pos = end + 1;
        return value;
    };
    const auto assign = [&](RareText& out) {
        const auto value = string();
        if (value) {
            out.assign(value->data(), value->size());
        }
        return value.has_value();
    };
    // As RecordReader::id: not empty, no control characters (`string` lets none below 0x20).
    const auto id = [&](std::string& out) {
        const auto value = string();
        if (!value || value->empty() || value->find('\x7f') != std::string_view::npos) {
            return false;
        }
        out.assign(value->data(), value->size());
        return true;
    };
    // Plain digits without a leading zero, from `min` to k_max_minutes.
    const auto minutes = [&](int min, int& out) {
        const auto start = pos;
        int value = 0;
        while (pos < size && pos - start < 6 && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + (text[pos++] - '0');
        }
        if (pos == start || (text[start] == '0' && pos > start + 1) || value < min ||
            value > k_max_minutes) {
            return false;
        }
        out = value;
        return true;
    };
    // `out`: a std::optional<Instant> or a MaybeInstant.
    const auto instant = [&](auto& out) {
        const auto value = string();
        out = value ? parse_utc(*value) : std::nullopt;
        return out.has_value();
    };
    std::uint32_t required = 0; // id, start, duration, provider
    auto last = K::other;
    for (char open = '{';; open = ',') {
        if (pos + 1 >= size || text[pos] != open || text[pos + 1] != '"') {
            return no;
        }
        const auto* quote =
            static_cast<const char*>(std::memchr(text.data() + pos + 2, '"', size - pos - 2));
        if (quote == nullptr) {
            return no;
        }
        const auto name_end = static_cast<std::size_t>(quote - text.data());
        const auto key = session_key(text.substr(pos + 2, name_end - pos - 2));
        if (key == K::other || (last != K::other && key <= last) || name_end + 1 >= size ||
            text[name_end + 1] != ':') {
            return no;
        }
        last = key;
        pos = name_end + 2;
        bool read = false;
        switch (key) {
        case K::id:
            required |= 1U;
            read = id(s.id);
            break;
        case K::schedule:
            read = id(s.schedule);
            break;
        case K::start: {
            required |= 2U;
            const auto value = string();
            const auto t = value ? parse_iso_local(*value) : std::nullopt;
            if (t) {
                s.start = *t;
            }
            read = t.has_value();
            break;
        }
        case K::duration:
            required |= 4U;
            read = minutes(1, s.duration);
            break;
        case K::provider:
            required |= 8U;
            read = id(s.provider);
            break;
        case K::outcome: {
            const auto value = string();
            s.outcome = value ? parse_outcome(*value) : std::nullopt;
            read = s.outcome.has_value();
            break;
        }
        case K::late_minutes:
            read = minutes(0, s.late_minutes);
            break;
        case K::no_show:
            read = text.substr(pos).starts_with("true");
            if (read) {
                pos += 4;
                s.no_show = true;
            }
            break;
        case K::note:
            read = assign(s.note);
            break;
        case K::reason:
            read = assign(s.reason);
            break;
        case K::rescheduled_from:
            read = assign(s.rescheduled_from);
            break;
        case K::rescheduled_to:
            read = assign(s.rescheduled_to);
            break;
        case K::moved_by:
            read = assign(s.moved_by);
            break;
        case K::overrides_absence:
            read = assign(s.overrides_absence);
            break;
        case K::recorded_at:
            read = instant(s.recorded_at);
            break;
        case K::cancelled_by:
            read = assign(s.cancelled_by);
            break;
        case K::told:
            read = instant(s.told);
            break;
        case K::uid:
            read = assign(s.uid);
            break;
        case K::changed_at:
            read = instant(s.changed_at);
            break;
        case K::other:
            break;
        }
        if (!read) {
            return no;
        }
        if (pos < size && text[pos] == '}') {
            return required == 15U ? pos + 1 : no;
        }
    }
}

void read_session_into(RecordReader& r, const Place& place, Session& s) {
    // Most records are as showup wrote them; the others (or what is wrong in them) are for the
    // general reader, which reads again any member the first one read.
    auto& cursor = r.cursor();
    if (cursor.peek() == JsonCursor::Kind::object) {
        if (const auto end = read_written_session(cursor.text(), cursor.position(), s);
            end != std::string_view::npos) {
            cursor.jump(end);
            return;
        }
    }
    read_session_members(r, place, s);
}

void read_session_members(RecordReader& r, const Place& place, Session& s) {
    using K = SessionKey;
    Required required{"id", "start", "duration", "provider"};
    r.object(place, [&](std::string_view key, const Place& at) {
        const auto here = at.member(key);
        switch (session_key(key)) {
        case K::id:
            required.seen(0);
            r.id(here, s.id);
            break;
        case K::schedule:
            if (r.cursor().peek() == JsonCursor::Kind::null) {
                r.cursor().null();
                s.schedule.clear();
            } else {
                r.id(here, s.schedule);
            }
            break;
        case K::start:
            required.seen(1);
            s.start = r.date_time(here);
            break;
        case K::duration:
            required.seen(2);
            s.duration = r.integer(here, 1, k_max_minutes);
            break;
        case K::provider:
            required.seen(3);
            r.id(here, s.provider);
            break;
        case K::outcome: {
            const auto kind = r.cursor().peek();
            if (kind == JsonCursor::Kind::null) {
                r.cursor().null();
                break;
            }
            const auto text =
                r.string_view(here, "is not an outcome (attended, skipped, cancelled)");
            s.outcome = parse_outcome(text);
            if (!s.outcome) {
                r.fail(here, fmt::format("\"{}\" is not an outcome (attended, skipped, cancelled)",
                                         shown(text)));
            }
            break;
        }
        case K::late_minutes:
            s.late_minutes = r.optional_integer(here, 0, k_max_minutes).value_or(0);
            break;
        case K::no_show:
            s.no_show = r.optional_bool(here);
            break;
        case K::note:
            r.optional_string(here, s.note);
            break;
        case K::reason:
            r.optional_string(here, s.reason);
            break;
        case K::rescheduled_from:
            r.optional_string(here, s.rescheduled_from);
            break;
        case K::rescheduled_to:
            r.optional_string(here, s.rescheduled_to);
            break;
        case K::moved_by:
            r.optional_string(here, s.moved_by);
            break;
        case K::overrides_absence:
            r.optional_string(here, s.overrides_absence);
            break;
        case K::recorded_at:
            s.recorded_at = r.optional_instant(here);
            break;
        case K::cancelled_by:
            r.optional_string(here, s.cancelled_by);
            break;
        case K::told:
            s.told = r.optional_instant(here);
            break;
        case K::uid:
            r.optional_string(here, s.uid);
            break;
        case K::changed_at:
            s.changed_at = r.optional_instant(here);
            break;
        case K::other:
            r.cursor().skip();
            break;
        }
    });
    required.check(r, place); // the id against its slot: find_violation
}

Absence read_absence(RecordReader& r, const Place& place) {
    Absence a;
    Required required{"id", "from", "to"}; // "provider" unless `mine`: find_violation
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            a.id = r.id(here);
        } else if (key == "provider"sv) {
            a.provider = r.optional_string(here);
        } else if (key == "mine"sv) {
            a.mine = r.optional_bool(here);
        } else if (key == "from"sv) {
            a.from = r.date(here);
        } else if (key == "to"sv) {
            a.to = r.date(here);
        } else if (key == "reason"sv) {
            a.reason = r.optional_string(here);
        } else if (key == "announced"sv) {
            a.announced = r.optional_date(here);
        } else if (key == "uid"sv) {
            a.uid = r.optional_string(here);
        } else if (key == "changed_at"sv) {
            a.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return a;
}

Contact read_contact(RecordReader& r, const Place& place) {
    Contact c;
    Required required{"id", "at", "provider", "kind"};
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            c.id = r.id(here);
        } else if (key == "at"sv) {
            c.at = r.date_time(here);
        } else if (key == "provider"sv) {
            c.provider = r.id(here);
        } else if (key == "kind"sv) {
            c.kind = r.string(here);
        } else if (key == "minutes"sv) {
            c.minutes = r.optional_integer(here, 0, k_max_minutes);
        } else if (key == "note"sv) {
            c.note = r.optional_string(here);
        } else if (key == "changed_at"sv) {
            c.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return c;
}

AgendaItem read_agenda_item(RecordReader& r, const Place& place) {
    AgendaItem a;
    Required required{"id", "text", "added"};
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            a.id = r.id(here);
        } else if (key == "text"sv) {
            a.text = r.string(here);
        } else if (key == "added"sv) {
            if (r.cursor().peek() == JsonCursor::Kind::null) {
                r.wrong(here, "is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
            }
            a.added = *r.optional_instant(here);
        } else if (key == "session"sv) {
            a.session = r.optional_string(here);
        } else if (key == "done"sv) {
            a.done = r.optional_instant(here);
        } else if (key == "changed_at"sv) {
            a.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return a;
}

Budget read_budget(RecordReader& r, const Place& place) {
    Budget b;
    Required required{"id", "provider", "sessions", "uses"};
    r.object(place, [&](std::string_view key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key);
        if (key == "id"sv) {
            b.id = r.id(here);
        } else if (key == "provider"sv) {
            b.provider = r.id(here);
        } else if (key == "sessions"sv) {
            b.sessions = r.integer(here, 1, k_max_budget_sessions);
        } else if (key == "per_year"sv) {
            b.per_year = r.optional_bool(here);
        } else if (key == "from"sv) {
            b.from = r.optional_date(here);
        } else if (key == "to"sv) {
            b.to = r.optional_date(here);
        } else if (key == "uses"sv) {
            r.array(here, [&](const Place& use) {
                if (r.cursor().peek() != JsonCursor::Kind::string) {
                    r.wrong(use, "is not attended, late-cancel or no-show");
                }
                const auto name = r.cursor().string();
                const auto* it = std::find_if(std::begin(k_budget_uses), std::end(k_budget_uses),
                                              [&](const auto& u) { return name == u.second; });
                if (it == std::end(k_budget_uses)) {
                    r.fail(use, fmt::format("\"{}\" is not attended, late-cancel or no-show",
                                            shown(name)));
                }
                b.uses |= it->first;
            });
        } else if (key == "changed_at"sv) {
            b.changed_at = r.optional_instant(here);
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return b;
}

namespace {

// One JSON object on one line, members in the order they are added.
class Line {
public:
    Line& text(std::string_view key, std::string_view value) {
        name(key);
        append_json_string(m_out, value);
        return *this;
    }
    Line& number(std::string_view key, long long value) {
        name(key);
        m_out += std::to_string(value);
        return *this;
    }
    Line& raw(std::string_view key, std::string_view json) {
        name(key);
        m_out += json;
        return *this;
    }
    // Only when `value` is not empty: years of history stay small.
    Line& text_if(std::string_view key, std::string_view value) {
        return value.empty() ? *this : text(key, value);
    }
    // Last in every record: when it was last changed, once known.
    Line& changed_at(const std::optional<Instant>& at) {
        return at ? text("changed_at", format_utc(*at)) : *this;
    }
    std::string done() { return m_out + "}"; }

private:
    void name(std::string_view key) {
        m_out += m_out.size() == 1 ? "\"" : ",\"";
        m_out += key;
        m_out += "\":";
    }
    std::string m_out = "{";
};

} // namespace

std::string record_line(const Provider& p) {
    Line line;
    line.text("id", p.id).text("name", p.name).number("duration", p.duration);
    if (p.notice_minutes) {
        line.number("notice_minutes", *p.notice_minutes);
    }
    if (p.fee_cents) {
        line.number("fee_cents", *p.fee_cents);
    }
    return line.changed_at(p.changed_at).done();
}

std::string record_line(const Schedule& s) {
    std::string days = "[";
    for (auto wd : s.days()) {
        days += fmt::format("{}\"{}\"", days.size() == 1 ? "" : ",", weekday_name(wd));
    }
    days += "]";
    return Line()
        .text("id", s.id)
        .text("provider", s.provider)
        .raw("days", days)
        .text("at", format_time_of_day(s.at))
        .number("every_weeks", s.every_weeks)
        .text("from", format_date(s.from))
        .raw("until", s.until ? "\"" + format_date(*s.until) + "\"" : "null")
        .number("duration", s.duration)
        .text_if("uid", s.uid)
        .changed_at(s.changed_at)
        .done();
}

std::string record_line(const Session& s) {
    Line line;
    line.text("id", s.id).text_if("schedule", s.schedule).text("start", format_local(s.start));
    line.number("duration", s.duration).text("provider", s.provider);
    if (s.outcome) {
        line.text("outcome", outcome_name(*s.outcome));
    }
    if (s.late_minutes > 0) {
        line.number("late_minutes", s.late_minutes);
    }
    if (s.no_show) {
        line.raw("no_show", "true");
    }
    line.text_if("note", s.note)
        .text_if("reason", s.reason)
        .text_if("rescheduled_from", s.rescheduled_from)
        .text_if("rescheduled_to", s.rescheduled_to)
        .text_if("moved_by", s.moved_by);
    line.text_if("overrides_absence", s.overrides_absence);
    if (s.recorded_at) {
        line.text("recorded_at", format_utc(*s.recorded_at));
    }
    line.text_if("cancelled_by", s.cancelled_by);
    if (s.told) {
        line.text("told", format_utc(*s.told));
    }
    return line.text_if("uid", s.uid).changed_at(s.changed_at.as_optional()).done();
}

std::string record_line(const Absence& a) {
    Line line;
    line.text("id", a.id);
    if (a.mine) {
        line.raw("mine", "true");
    } else {
        line.text("provider", a.provider);
    }
    line.text("from", format_date(a.from))
        .text("to", format_date(a.to))
        .text_if("reason", a.reason);
    if (a.announced) {
        line.text("announced", format_date(*a.announced));
    }
    return line.text_if("uid", a.uid).changed_at(a.changed_at).done();
}

std::string record_line(const Contact& c) {
    Line line;
    line.text("id", c.id).text("at", format_local(c.at)).text("provider", c.provider);
    line.text("kind", c.kind);
    if (c.minutes) {
        line.number("minutes", *c.minutes);
    }
    return line.text_if("note", c.note).changed_at(c.changed_at).done();
}

std::string record_line(const AgendaItem& a) {
    Line line;
    line.text("id", a.id).text("text", a.text).text("added", format_utc(a.added));
    line.text_if("session", a.session);
    if (a.done) {
        line.text("done", format_utc(*a.done));
    }
    return line.changed_at(a.changed_at).done();
}

std::string record_line(const Budget& b) {
    Line line;
    line.text("id", b.id).text("provider", b.provider).number("sessions", b.sessions);
    if (b.per_year) {
        line.raw("per_year", "true");
    }
    if (b.from) {
        line.text("from", format_date(*b.from));
    }
    if (b.to) {
        line.text("to", format_date(*b.to));
    }
    std::string uses = "[";
    for (const auto& [bit, name] : k_budget_uses) {
        if ((b.uses & bit) != 0) {
            uses += fmt::format("{}\"{}\"", uses.size() == 1 ? "" : ",", name);
        }
    }
    return line.raw("uses", uses + "]").changed_at(b.changed_at).done();
}

std::string record_line(const NextIds& ids) {
    return Line()
        .number("schedule", ids.schedule)
        .number("session", ids.session)
        .number("absence", ids.absence)
        .number("contact", ids.contact)
        .number("agenda", ids.agenda)
        .number("budget", ids.budget)
        .done();
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

} // namespace showup
