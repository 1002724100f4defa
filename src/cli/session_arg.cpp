#include "session_arg.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "output.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"
#include "when.hpp"

namespace showup::cli {

namespace {

// How far a search for `last`, `next` or the default looks before it looks at everything.
constexpr date::days k_near{400};

std::vector<Occurrence> looking_back(const Timeline& t) {
    auto near = t.between(t.today() - k_near, t.today());
    if (std::any_of(near.begin(), near.end(), [](const Occurrence& o) { return o.started; })) {
        return near;
    }
    const auto first = t.first_day();
    return first ? t.between(*first, t.today()) : near;
}

std::vector<Occurrence> looking_ahead(const Timeline& t) {
    auto near = t.between(t.today(), t.today() + k_near);
    if (std::any_of(near.begin(), near.end(),
                    [](const Occurrence& o) { return o.status == Status::scheduled; })) {
        return near;
    }
    const auto last = t.last_day();
    return last && *last > t.today() + k_near ? t.between(t.today(), *last) : near;
}

// The latest session up to today that `wanted` accepts (one that has started). The days a
// window read has are looked at first: what is found there is what the longer search finds.
template <typename Wanted> std::optional<Occurrence> latest(const Timeline& t, Wanted wanted) {
    const auto last_of = [&](const std::vector<Occurrence>& list) -> std::optional<Occurrence> {
        for (auto it = list.rbegin(); it != list.rend(); ++it) {
            if (wanted(*it)) {
                return *it;
            }
        }
        return std::nullopt;
    };
    if (auto found = last_of(t.between(t.today() - k_around_reach, t.today()))) {
        return found;
    }
    return last_of(looking_back(t));
}

// The same ahead: the first session from today on that `wanted` accepts.
template <typename Wanted> std::optional<Occurrence> earliest(const Timeline& t, Wanted wanted) {
    const auto first_of = [&](const std::vector<Occurrence>& list) -> std::optional<Occurrence> {
        const auto it = std::find_if(list.begin(), list.end(), wanted);
        return it == list.end() ? std::nullopt : std::optional<Occurrence>(*it);
    };
    if (auto found = first_of(t.between(t.today(), t.today() + k_around_reach))) {
        return found;
    }
    return first_of(looking_ahead(t));
}

std::string candidates(const std::vector<Occurrence>& list, LocalDays today) {
    std::string out;
    for (const auto& o : list) {
        out += fmt::format("{}{} ({}, {})", out.empty() ? "" : ", ", o.id(),
                           human_date_time(o.start, today), status_name(o.status));
    }
    return out;
}

// Of the sessions that match, the one meant: a moved slot only when nothing else matches.
Occurrence pick(std::vector<Occurrence> matches, std::string_view text, LocalDays today) {
    if (matches.size() > 1) {
        std::erase_if(matches, [](const Occurrence& o) { return o.status == Status::rescheduled; });
    }
    if (matches.empty()) {
        throw Error(fmt::format("no session on {}", text));
    }
    if (matches.size() > 1) {
        throw Error(fmt::format("several sessions match \"{}\": {}; name one by its id", text,
                                candidates(matches, today)));
    }
    return matches.front();
}

} // namespace

Occurrence resolve_session(const Timeline& t, std::string_view text) {
    if (text == "last") {
        if (auto found = latest(t, [](const Occurrence& o) {
                return o.started && o.status != Status::rescheduled;
            })) {
            return *found;
        }
        throw Error("no session has started yet");
    }
    if (text == "next") {
        // What `showup next` shows: the next session with nothing recorded yet, so that two
        // `skip next` in a row skip two sessions.
        if (auto found =
                earliest(t, [](const Occurrence& o) { return o.status == Status::scheduled; })) {
            return *found;
        }
        throw Error("no session with nothing recorded is coming up");
    }
    // An id first. Text that reads as a date or a date and time is looked for only among the
    // records read: read for a window of days, those hold the one-off whose id it is, if any
    // (session_window), and another is not asked for.
    std::optional<LocalDays> day;
    std::optional<LocalMinutes> when;
    if (text.find('@') == std::string_view::npos) {
        try {
            day = parse_date(text, t.today());
        } catch (const UsageError&) {
            try {
                when = parse_local_date_time(text, t.today());
            } catch (const UsageError&) {
            }
        }
    }
    if (auto found = day || when ? t.find_read(text) : t.find(text)) {
        return *found;
    }
    if (!day && !when) {
        if (text.find('@') != std::string_view::npos || (text.size() > 1 && text[0] == 'o')) {
            throw Error(fmt::format("no session with id \"{}\" (see 'showup list')", text));
        }
        throw UsageError(fmt::format("\"{}\" is not a session: give an id from 'showup list', a "
                                     "date, a date and time, 'last' or 'next'",
                                     text));
    }
    // A date-time names the session starting then; a date the session that day.
    if (when) {
        if (t.zone().is_nonexistent(*when)) { // one the clocks skip
            throw UsageError(fmt::format(
                "\"{}\" does not exist in {}, the clocks go forward then: a session in the "
                "skipped time is shown and named at the time it happens (see 'showup list')",
                text, t.zone().name()));
        }
        day = day_of(*when);
    }
    auto list = t.between(*day, *day);
    if (when) {
        // By the instant: a slot at 02:30 on the day clocks go forward happens at 03:30.
        const auto at = t.zone().to_instant(*when);
        std::erase_if(list, [&](const Occurrence& o) { return o.start_instant(t.zone()) != at; });
        return pick(std::move(list), human_date_time(*when, t.today()), t.today());
    }
    return pick(std::move(list), human_date(*day, t.today()), t.today());
}

Occurrence default_session(const Timeline& t) {
    if (auto found = latest(t, [](const Occurrence& o) { return o.status == Status::unlogged; })) {
        return *found;
    }
    throw Error("no unlogged session has started; name one (an id, a date, 'last' or 'next')");
}

std::optional<std::pair<LocalDays, LocalDays>>
session_window(const std::string& text, LocalDays today, const DayOfId& day_of) {
    if (text.empty() || text == "last" || text == "next") {
        // The session is found within k_around_reach of today, and looked at with as many
        // days before it.
        return std::pair{today - 2 * k_around_reach, today + k_around_reach};
    }
    std::optional<LocalDays> day;
    if (text.find('@') != std::string::npos) {
        day = occurrence_day(text);
    } else if (day = day_of(text); !day) {
        // Not a one-off's id (which comes first, even one that reads as a date: resolve_session):
        // a date, or a date and time ("2026-11-26 17:30", "thu 5pm").
        try {
            day = parse_date(text, today);
        } catch (const UsageError&) {
            try {
                day = showup::day_of(parse_local_date_time(text, today));
            } catch (const UsageError&) {
            }
        }
    }
    if (!day) {
        return std::nullopt;
    }
    return std::pair{*day - k_around_reach, *day};
}

namespace {

// How many of words[from...] name one session: a word; "last" or "next" and the weekday after
// it (a date); then, after a date, a time of day.
std::size_t session_length(const std::vector<std::string>& words, std::size_t from) {
    std::string text = words[from];
    std::size_t n = 1;
    if ((text == "last" || text == "next") && from + n < words.size() &&
        is_date(text + " " + words[from + n])) {
        text += " " + words[from + n++];
    }
    if (from + n < words.size() && is_date(text) && is_time(words[from + n])) {
        ++n;
    }
    return n;
}

} // namespace

std::size_t first_session_length(const std::vector<std::string>& words) {
    return words.empty() ? 0 : session_length(words, 0);
}

std::vector<std::string> session_words(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size();) {
        const auto n = session_length(words, i);
        out.push_back(join_words({words.begin() + static_cast<std::ptrdiff_t>(i),
                                  words.begin() + static_cast<std::ptrdiff_t>(i + n)}));
        i += n;
    }
    return out;
}

} // namespace showup::cli
