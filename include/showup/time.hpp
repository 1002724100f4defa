#pragma once
// Time types of the model. Sessions live in local wall-clock time of the file's zone; only
// comparisons with "now" need instants, and `Zone` does that conversion.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace showup {

using Minutes = std::chrono::minutes;
using LocalMinutes = date::local_time<Minutes>;
using LocalDays = date::local_days;
using Instant = date::sys_seconds;

// One change of a zone's offset from UTC.
struct ZoneTransition {
    Instant at;
    std::chrono::seconds before; // the offset until `at`
    std::chrono::seconds after;  // from `at` on
    bool dst = false;            // whether `after` is daylight-saving time
    std::string abbrev;          // of `after` ("CEST")
};

namespace detail {
class ZoneRules;
}

// A time zone of the tz database, read from its one TZif file (RFC 8536), including the rule
// that continues it past the file's last transition, so it is right in 2040 too.
class Zone {
public:
    // Throws `Error` naming `name` when the tz database does not know it.
    static Zone locate(const std::string& name);
    // The same for a name showup checked when it last wrote the file it comes from (a sealed
    // file): its file is read without reading the list of names (tzdata.zi) again, which is
    // most of what locating a zone costs.
    static Zone locate_checked(const std::string& name);
    // The zone of this machine (`TZ`, then /etc/localtime), UTC when unknown.
    static std::string system_zone_name();
    // Whether `name` is a zone: one the tz database lists (a zone or a link of its tzdata.zi;
    // where it has no such list, any zone file of its folder), never one of `why_refused`.
    static bool exists(const std::string& name);
    // Why `name` is refused although the tz folder may hold a file of that name ("localtime",
    // "posixrules", "Factory", "posix/...", "right/...", which counts leap seconds): "it counts
    // leap seconds, which clocks do not (use \"Europe/Berlin\")"; empty for any other name.
    static std::string why_refused(const std::string& name);
    // Every name `exists` takes that the tz database lists (its zones and links in tzdata.zi),
    // sorted; empty where it has no such list.
    static std::vector<std::string> names();
    // The zone the TZ environment variable names: a zone's name (with or without a leading
    // ':'), or the path of a file under the zoneinfo folder ("/usr/share/zoneinfo/Asia/Tokyo" is
    // "Asia/Tokyo"); nullopt for anything else (a POSIX rule such as "JST-9", a file elsewhere).
    static std::optional<std::string> name_from_tz(std::string_view tz);
    // A zone from the bytes of a TZif file; throws `Error` when they are not one.
    static Zone from_tzif(const std::string& name, std::string_view bytes);

    const std::string& name() const { return m_name; }

    // The instant of a wall-clock time. A time that happens twice means the first; one that
    // does not exist (clocks went forward) is the instant the clock would have shown it had it
    // not jumped: read with the offset before the change, as iCalendar (RFC 5545) and Python's
    // zoneinfo do, it is later by the length of the gap (a 02:30 slot on Berlin's spring day
    // happens at 03:30; on Lord Howe, where the gap is 30 minutes, 02:15 happens at 02:45; in
    // Antarctica/Troll, where it is two hours, 01:30 happens at 03:30).
    Instant to_instant(LocalMinutes local) const;
    // A stretch of wall-clock time with one offset and no change of it within two days of any
    // of its times: each of them happens once, at itself minus `offset`.
    struct Steady {
        date::local_seconds from;
        date::local_seconds to; // inclusive
        std::chrono::seconds offset;
    };
    // The steady stretch around `local` (up to about a year each way), nullopt near a change:
    // ten years of weekly slots are read through one stretch a season, not one search a slot.
    std::optional<Steady> steady_around(LocalMinutes local) const;
    // Whether `local` does not exist on its day (skipped when clocks go forward).
    bool is_nonexistent(LocalMinutes local) const;
    // Whether `local` happens twice (when clocks go back).
    bool is_repeated(LocalMinutes local) const;
    date::local_seconds to_local(Instant t) const;
    // The offset from UTC in force at `t`.
    std::chrono::seconds offset_at(Instant t) const;
    // The abbreviation in force at `t` ("CET"), and whether it is daylight-saving time.
    std::string abbrev_at(Instant t) const;
    bool dst_at(Instant t) const;
    // The changes of offset after `from` up to `to`.
    std::vector<ZoneTransition> transitions(Instant from, Instant to) const;

private:
    Zone(std::string name, std::shared_ptr<const detail::ZoneRules> rules)
        : m_name(std::move(name)), m_rules(std::move(rules)) {}
    std::string m_name;
    std::shared_ptr<const detail::ZoneRules> m_rules;
};

// Text forms shared by the file and the JSON output.
std::string format_date(LocalDays d);      // 2026-11-26
std::string format_local(LocalMinutes t);  // 2026-11-26T10:00
std::string format_time_of_day(Minutes m); // 10:00
// 2026-11-26T10:00:00-06:00: the wall-clock time of the instant and the offset in force then,
// with seconds when the offset has them (-00:44:30); a time that does not exist (clocks went
// forward) is shown as the instant it is read as (see `Zone::to_instant`).
std::string format_iso_offset(LocalMinutes t, const Zone& zone);
std::string format_iso_instant(Instant t, const Zone& zone);
// Strict forms, as written by `format_*`; nullopt when `text` is not one or not a real date.
std::optional<LocalDays> parse_iso_date(std::string_view text);
std::optional<LocalMinutes> parse_iso_local(std::string_view text);
std::optional<Minutes> parse_hh_mm(std::string_view text);
// An instant as UTC, "2026-11-26T10:00:00Z", and back (only that form).
std::string format_utc(Instant t);
std::optional<Instant> parse_utc(std::string_view text);

// Three-letter English weekday names, as the file and the command line use them ("mon").
std::string_view weekday_name(date::weekday wd);
// Accepts "mon", "monday", any case; nullopt otherwise.
std::optional<date::weekday> parse_weekday(std::string_view name);

inline LocalDays day_of(LocalMinutes t) {
    return date::floor<date::days>(t);
}

} // namespace showup
