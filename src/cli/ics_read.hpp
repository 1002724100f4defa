#pragma once
// iCalendar (RFC 5545) input, strict: content lines unfolded and split into components,
// properties and parameters; TEXT values unescaped; DATE and DATE-TIME values with their zone
// (UTC, floating, or a TZID: a name of the tz database, else the file's VTIMEZONE); and the
// events of a calendar with their recurrence. Anything malformed is refused with an `Error`
// that names the file and the line: "invite.ics:12: ...".
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "showup/time.hpp"

namespace showup::cli {

struct IcsParameter {
    std::string name;                // upper case
    std::vector<std::string> values; // without quotes, RFC 6868's ^-escapes decoded
};

// One content line, unfolded.
struct IcsProperty {
    std::size_t line = 0; // its first physical line
    std::string name;     // upper case
    std::vector<IcsParameter> parameters;
    std::string value; // as written: TEXT escapes are kept
    // The (first) value of parameter `wanted`, or nullptr.
    const std::string* parameter(std::string_view wanted) const;
};

struct IcsComponent {
    std::size_t line = 0; // of its BEGIN
    std::string name;     // upper case: "VCALENDAR", "VEVENT"
    std::vector<IcsProperty> properties;
    std::vector<IcsComponent> components;
    // The first property called `wanted`, or nullptr.
    const IcsProperty* property(std::string_view wanted) const;
};

// The components of `text` (one VCALENDAR, or several one after the other). `label` names the
// file in errors. Lines end in CRLF or LF; a line that starts with a space or a tab continues
// the one before; empty lines are passed over.
std::vector<IcsComponent> parse_ics(std::string_view text, const std::string& label);

// A TEXT value unescaped (`\\`, `\;`, `\,`, `\n` and `\N`); nullopt on any other backslash.
std::optional<std::string> ics_unescape(std::string_view value);

// How the wall-clock times of one TZID become instants: a zone of the tz database, or the
// STANDARD and DAYLIGHT observances of a VTIMEZONE. A time that happens twice means the first;
// one that does not exist is read with the offset before the change (RFC 5545, 3.3.5).
class IcsZone {
public:
    explicit IcsZone(Zone zone) : m_name(zone.name()), m_zone(std::move(zone)) {}
    // From a VTIMEZONE; throws `Error` naming the line of what it cannot read.
    static std::shared_ptr<const IcsZone> from_vtimezone(const IcsComponent& vtimezone,
                                                         const std::string& label);

    const std::string& name() const { return m_name; }
    // Whether it is the tz database's zone `name`.
    bool is_tz(const std::string& name) const { return m_zone && m_zone->name() == name; }
    Instant to_instant(date::local_seconds t) const;

    // One change of offset: from `start` (wall-clock time before it, in `from`) on, `to`.
    struct Onset {
        date::local_seconds start;
        std::chrono::seconds from;
        std::chrono::seconds to;
    };
    // A STANDARD or DAYLIGHT observance: its first onset, and those its RRULE or RDATEs add.
    struct Observance {
        Onset first;
        // RRULE:FREQ=YEARLY;BYMONTH=M with BYDAY=nDD (the nth, or -nth, weekday of the
        // month) or BYMONTHDAY, or both (that weekday among those days).
        bool yearly = false;
        unsigned month = 0;
        std::optional<date::weekday> weekday;
        int nth = 0; // with `weekday`, 0 when BYMONTHDAY says which
        std::vector<int> monthdays;
        std::optional<Instant> until;
        std::optional<int> count;
        std::vector<date::local_seconds> rdates;
    };

private:
    IcsZone() = default;
    // The changes whose instants may matter around `t`, in order of their instants.
    std::vector<std::pair<Instant, Onset>> onsets_around(date::local_seconds t) const;

    std::string m_name;
    std::optional<Zone> m_zone;
    std::vector<Observance> m_observances;
};

// A DATE or DATE-TIME value.
struct IcsTime {
    enum class Form { date, utc, floating, zoned };
    Form form = Form::floating;
    date::local_seconds local{};         // as written (a date: its midnight; UTC: the UTC time)
    std::shared_ptr<const IcsZone> zone; // when zoned
    bool is_date() const { return form == Form::date; }
    LocalDays day() const { return date::floor<date::days>(local); }
    // The instant it names; a floating time or a date is read in `floating`.
    Instant instant(const Zone& floating) const;
    // The same wall-clock form at another local time (for the occurrences of a rule).
    IcsTime at(date::local_seconds t) const {
        IcsTime copy = *this;
        copy.local = t;
        return copy;
    }
};

// An RRULE, read for what showup can keep; the rest is named in `other`.
struct IcsRule {
    std::size_t line = 0;
    std::string text; // as written, for messages
    std::string freq; // "WEEKLY"
    int interval = 1;
    std::optional<int> count;
    std::optional<IcsTime> until;
    std::vector<date::weekday> days; // BYDAY without ordinals
    date::weekday week_start = date::Monday;
    std::string other; // the first rule part showup has no use for ("BYMONTH=3"), else empty
};

// A DURATION: nominal days (a day is a calendar day, 23 or 25 hours at a clock change) and
// exact seconds.
struct IcsDuration {
    int days = 0;
    std::chrono::seconds seconds{0};
};

struct IcsEvent {
    std::size_t line = 0; // of its BEGIN:VEVENT
    std::string uid;      // empty when it has none
    std::string summary;
    std::vector<std::string> categories;
    std::string status; // TENTATIVE, CONFIRMED, CANCELLED, or empty
    IcsTime start;
    std::optional<IcsTime> end;
    std::optional<IcsDuration> duration;
    std::optional<IcsRule> rule;
    std::vector<IcsTime> exdates;
    std::optional<IcsTime> recurrence_id; // of an event that changes one occurrence of a series
    bool and_future = false;              // RANGE=THISANDFUTURE: the occurrences after it too
    std::size_t rdate_line = 0;           // of an RDATE (showup keeps none), else 0
    std::string method; // its calendar's METHOD, upper case ("REQUEST", "CANCEL"), or empty
};

// The events of `text` in the order of the file. Other components (VTODO, VJOURNAL, VALARM) are
// checked for syntax and left out.
std::vector<IcsEvent> read_events(std::string_view text, const std::string& label);

} // namespace showup::cli
