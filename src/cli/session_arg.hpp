#pragma once
// SESSION arguments (contract: "SESSION arguments"): an id, a date, a date-time, `last` or
// `next`; and the default, the most recent unlogged session that has started.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "showup/store.hpp"
#include "showup/timeline.hpp"

namespace showup::cli {

// The session `text` names. Throws `UsageError` when the text is none of the forms, and
// `Error` when no session or several match (the message lists them).
Occurrence resolve_session(const Timeline& timeline, std::string_view text);
// The most recent unlogged session that has started; `Error` when there is none.
Occurrence default_session(const Timeline& timeline);
// The days a command about the session `text` names reads first (Context::read_window): the
// day it names and the days before it that a report of it looks at. That day is an
// occurrence's (its id), a one-off's whose id `text` is (`day_of`: an id comes first, even one
// that reads as a date), or else the date's, or the date and time's. For `last`, `next` or none
// (the default session), the days around `today` and before them. nullopt (all of them) when
// none of those is known.
std::optional<std::pair<LocalDays, LocalDays>>
session_window(const std::string& text, LocalDays today, const DayOfId& day_of);
// SESSION... as typed, one string a session: a word, or a date and the time of day after it
// ("2026-11-26 17:30", "next thu 5pm": unquoted, as `add` takes WHEN).
std::vector<std::string> session_words(const std::vector<std::string>& words);
// How many of `words` the first session takes (as session_words groups them).
std::size_t first_session_length(const std::vector<std::string>& words);

} // namespace showup::cli
