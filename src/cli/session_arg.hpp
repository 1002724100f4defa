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
// day an id or a date names and the days before it that a report of it looks at; for `last`,
// `next` or none (the default session), the days around `today` and before them. nullopt (all of
// them) for a one-off's id that `day_of` does not find.
std::optional<std::pair<LocalDays, LocalDays>>
session_window(const std::string& text, LocalDays today, const DayOfId& day_of);
// SESSION... as typed: a time of day alone goes with the date before it ("2026-11-10 10:00"
// unquoted is one session, as `add` takes a date and time).
std::vector<std::string> session_words(const std::vector<std::string>& words);

} // namespace showup::cli
