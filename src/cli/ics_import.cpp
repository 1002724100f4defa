#include "ics_import.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "showup/invariants.hpp"

namespace showup::cli {

namespace {

using std::chrono::seconds;

PlannedEvent refuse(std::string why) {
    return {std::nullopt, std::move(why)};
}

std::string local_text(LocalMinutes t) {
    return format_local(t).replace(10, 1, " ");
}

// The zone an event's times are written in, for messages.
std::string zone_text(const IcsTime& t, const Zone& zone) {
    switch (t.form) {
    case IcsTime::Form::zoned:
        return t.zone->name();
    case IcsTime::Form::utc:
        return "UTC";
    case IcsTime::Form::date:
    case IcsTime::Form::floating:
        break;
    }
    return zone.name();
}

bool marked_absent(const IcsEvent& e) {
    return std::any_of(e.categories.begin(), e.categories.end(), [](const std::string& c) {
        std::string up = c;
        for (auto& ch : up) {
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        return std::any_of(std::begin(k_absence_categories), std::end(k_absence_categories),
                           [&](const char* k) { return up == k; });
    });
}

// The wall-clock time of the file's zone at `t`, when it is a whole minute that names `t`
// alone; otherwise why not.
std::optional<LocalMinutes> file_local(Instant t, const Zone& zone, std::string& why) {
    const auto local = zone.to_local(t);
    const auto minute = date::floor<Minutes>(local);
    if (local != minute) {
        why = fmt::format("it starts at {}: showup keeps whole minutes",
                          date::format("%F %T", local));
        return std::nullopt;
    }
    if (zone.to_instant(minute) != t) {
        why = fmt::format("it starts at {} in the second of the two hours that {} has when "
                          "clocks go back: showup reads that time as the first",
                          local_text(minute), zone.name());
        return std::nullopt;
    }
    return minute;
}

// The minutes from the start to the end; 0 when the event says no end.
std::optional<long long> length(const IcsEvent& e, Instant start, const Zone& zone,
                                std::string& why) {
    std::optional<Instant> end;
    if (e.end) {
        end = e.end->instant(zone);
    } else if (e.duration) {
        // Days are calendar days of the event's own wall-clock time.
        end = e.start.at(e.start.local + date::days{e.duration->days}).instant(zone) +
              e.duration->seconds;
    }
    if (!end) {
        return 0;
    }
    const auto total = *end - start;
    if (total % Minutes{1} != seconds{0}) {
        why = "it lasts a part of a minute: showup keeps whole minutes";
        return std::nullopt;
    }
    const auto minutes = std::chrono::duration_cast<Minutes>(total).count();
    if (minutes > k_max_minutes) {
        why = fmt::format("it lasts {} h {} min: a session lasts at most 24 hours", minutes / 60,
                          minutes % 60);
        return std::nullopt;
    }
    return minutes;
}

// A weekly schedule of the file's zone with the same sessions as the repeating event `e`, which
// starts at `start` (`first`, in the file's zone); or why there is none.
PlannedEvent weekly(const IcsEvent& e, Instant start, LocalMinutes first, int duration,
                    const Zone& zone) {
    const auto& r = *e.rule;
    const auto refuse_rule = [&](const std::string& why) {
        return refuse(fmt::format("RRULE (line {}) {}: {}", r.line, r.text, why));
    };
    const auto start_day = e.start.day();
    std::vector<date::weekday> days = r.days;
    int every_weeks = 1;
    if (r.freq == "WEEKLY") {
        every_weeks = r.interval;
    } else if (r.freq == "DAILY" && r.interval == 1) {
        if (days.empty()) {
            for (unsigned d = 0; d < 7; ++d) {
                days.emplace_back(d);
            }
        }
    } else if (r.freq == "DAILY" && r.interval % 7 == 0 && days.empty()) {
        every_weeks = r.interval / 7;
    } else {
        return refuse_rule(fmt::format("{} repeats otherwise than weekly: add its sessions one by "
                                       "one (showup add)",
                                       r.freq == "DAILY"
                                           ? "FREQ=DAILY;INTERVAL=" + std::to_string(r.interval)
                                           : "FREQ=" + r.freq));
    }
    if (!r.other.empty()) {
        return refuse_rule(fmt::format("{} is more than showup's schedules say (weekdays, every N "
                                       "weeks, until a date or a count)",
                                       r.other));
    }
    if (e.rdate_line != 0) {
        return refuse(fmt::format("RDATE (line {}): showup does not keep an event's extra dates",
                                  e.rdate_line));
    }
    if (days.empty()) {
        days.push_back(date::weekday{start_day});
    }
    if (every_weeks > 52) {
        return refuse_rule("a schedule repeats at least every 52 weeks");
    }
    // The sessions of the rule in the event's wall-clock time (RFC 5545, 3.3.10), as instants.
    const auto week_of = [&](LocalDays d) { return d - (date::weekday{d} - r.week_start); };
    const auto base = week_of(start_day);
    const auto time_of_day = e.start.local - date::local_seconds{start_day};
    const bool bounded = r.count || r.until;
    const LocalDays horizon =
        std::min(LocalDays{date::year{k_last_year} / date::December / 31},
                 bounded ? LocalDays::max() : start_day + date::days{366 * k_rule_check_years});
    std::vector<Instant> sessions;
    std::vector<date::local_seconds> walls; // the same, as written in the event's zone
    bool stopped = false;
    for (auto d = start_day; d <= horizon && !stopped; d += date::days{1}) {
        const auto weeks = (week_of(d) - base).count() / 7;
        if (weeks % every_weeks != 0 ||
            std::find(days.begin(), days.end(), date::weekday{d}) == days.end()) {
            continue;
        }
        const auto t = e.start.at(date::local_seconds{d} + time_of_day);
        if (r.until &&
            (r.until->is_date() ? d > r.until->day() : t.instant(zone) > r.until->instant(zone))) {
            break;
        }
        sessions.push_back(t.instant(zone));
        walls.push_back(t.local);
        stopped = r.count && sessions.size() == static_cast<std::size_t>(*r.count);
    }
    if (sessions.empty()) {
        return refuse_rule("it ends before DTSTART: no session");
    }
    if (sessions.front() != start) {
        return refuse_rule("DTSTART is not on one of its days");
    }
    Schedule s;
    s.at = first - LocalMinutes{day_of(first)};
    s.from = day_of(first);
    s.every_weeks = every_weeks;
    s.duration = duration;
    for (const auto t : sessions) {
        const auto wd = date::weekday{day_of(date::floor<Minutes>(zone.to_local(t)))};
        s.weekdays = static_cast<std::uint8_t>(s.weekdays | 1U << wd.c_encoding());
    }
    if (bounded) {
        s.until = day_of(date::floor<Minutes>(zone.to_local(sessions.back())));
    }
    // The schedule keeps the file's wall-clock time: it says the same only when the event's
    // sessions keep one time of day there (an event of another zone may not).
    const auto last =
        s.until.value_or(day_of(date::floor<Minutes>(zone.to_local(sessions.back()))));
    std::size_t k = 0;
    for (auto d = s.from; d <= last; d += date::days{1}) {
        if (!s.occurs_on(d)) {
            continue;
        }
        const auto slot = zone.to_instant(LocalMinutes{d} + s.at);
        if (k == sessions.size() || sessions[k] != slot) {
            break;
        }
        ++k;
    }
    if (k != sessions.size()) {
        // The first of its sessions a weekly schedule of the file's zone does not have.
        return refuse_rule(fmt::format(
            "its session of {} {} is at {} in {}, the file's zone, off the weekly time of {} "
            "there that its first session has: showup's schedules keep the file's "
            "wall-clock time (add a schedule for each part)",
            date::format("%F %R", walls[k]), zone_text(e.start, zone),
            local_text(date::floor<Minutes>(zone.to_local(sessions[k]))), zone.name(),
            format_time_of_day(s.at)));
    }
    ImportItem item;
    item.kind = ImportItem::Kind::schedule;
    item.schedule = s;
    for (const auto& x : e.exdates) {
        const auto t = x.instant(zone);
        if (std::binary_search(sessions.begin(), sessions.end(), t)) {
            item.cancelled_days.push_back(day_of(date::floor<Minutes>(zone.to_local(t))));
        }
    }
    return {item, ""};
}

} // namespace

PlannedEvent plan_event(const IcsEvent& e, const Zone& zone, const ImportChoices& choices) {
    // showup's own export names its events "<id>.<provider>@showup": they are in a data file
    // already, and its cancelled events stand for moves and absences too.
    if (e.uid.ends_with("@showup")) {
        return refuse("showup's own export wrote it (its UID ends in @showup): import reads the "
                      "events of other calendars");
    }
    ImportItem item;
    item.uid = e.uid;
    item.cancelled = e.status == "CANCELLED" || e.method == "CANCEL";
    if (e.start.is_date()) {
        if (e.recurrence_id) {
            return refuse("it changes one day of an all-day series, which showup does not keep");
        }
        if (!choices.as_absence && !marked_absent(e)) {
            return refuse("an all-day event: to import all-day events as the provider's time "
                          "away, give --as-absence (or mark them CATEGORIES:ABSENCE)");
        }
        if (e.rule || e.rdate_line != 0) {
            return refuse(fmt::format("a repeating all-day event (line {}): showup keeps time "
                                      "away as one range of days",
                                      e.rule ? e.rule->line : e.rdate_line));
        }
        item.kind = ImportItem::Kind::absence;
        item.from = e.start.day();
        item.to = e.end ? e.end->day() - date::days{1}
                        : item.from + date::days{e.duration ? e.duration->days - 1 : 0};
        item.reason = e.summary;
        return {item, ""};
    }
    if (marked_absent(e)) {
        return refuse("it is marked as time away (CATEGORIES), but has a time of day: showup "
                      "keeps time away in whole days");
    }
    std::string why;
    const auto start = e.start.instant(zone);
    const auto first = file_local(start, zone, why);
    if (!first) {
        return refuse(why);
    }
    const auto minutes = length(e, start, zone, why);
    if (!minutes) {
        return refuse(why);
    }
    const int duration = *minutes == 0 ? choices.default_duration : static_cast<int>(*minutes);
    if (e.recurrence_id) {
        if (e.and_future) {
            return refuse("it changes a session of a series and every one after it "
                          "(RANGE=THISANDFUTURE): showup takes such a change as a new series, "
                          "from the practice's calendar as it is now");
        }
        if (e.uid.empty()) {
            return refuse("it changes one session of a series (RECURRENCE-ID), but has no UID to "
                          "say which series");
        }
        const auto slot = file_local(e.recurrence_id->instant(zone), zone, why);
        if (!slot) {
            return refuse("RECURRENCE-ID: " + why);
        }
        item.kind = ImportItem::Kind::occurrence;
        item.day = day_of(*slot);
        item.start = *first;
        item.duration = duration;
        return {item, ""};
    }
    if (!e.rule) {
        if (e.rdate_line != 0) {
            return refuse(fmt::format(
                "RDATE (line {}): showup does not keep an event's extra dates", e.rdate_line));
        }
        item.kind = ImportItem::Kind::session;
        item.start = *first;
        item.duration = duration;
        return {item, ""};
    }
    auto planned = weekly(e, start, *first, duration, zone);
    if (planned.item) {
        planned.item->uid = item.uid;
        planned.item->cancelled = item.cancelled;
    }
    return planned;
}

} // namespace showup::cli
