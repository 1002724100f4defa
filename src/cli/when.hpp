#pragma once
// Dates and times as people type them (contract: "Dates and times (input)"). Every function
// throws `UsageError` naming the text it could not read.
#include <optional>
#include <string_view>

#include "showup/time.hpp"

namespace showup::cli {

// Dates outside the years k_first_year to k_last_year (invariants.hpp) are refused; numbers are
// digits only.
// 2026-11-26, today, tomorrow, yesterday, thu (the next Thursday, today included),
// next thu (after today), last thu (before today), +3d, -2w.
LocalDays parse_date(std::string_view text, LocalDays today);
// 10:00, 9:05, 10am, 2:30pm, 12am (midnight).
Minutes parse_time(std::string_view text);
// Whether `text` reads as a date (on any day: "thu" is one whatever today is), or as a time of
// day, as parse_date and parse_time read them.
bool is_date(std::string_view text);
bool is_time(std::string_view text);
// A date, a time, or both ("2026-11-26 10:00", "2026-11-26T10:00", "tomorrow 10am",
// "last thu 17:30"). Without a time, `default_time` (a usage error when there is none);
// without a date, `default_day` (today when there is none). A time that does not exist on its
// day in `zone` is refused.
LocalMinutes parse_date_time(std::string_view text, LocalDays today, const Zone& zone,
                             std::optional<Minutes> default_time = std::nullopt,
                             std::optional<LocalDays> default_day = std::nullopt);
// The same without a zone, whose only say is whether the time exists (a window's days).
LocalMinutes parse_local_date_time(std::string_view text, LocalDays today,
                                   std::optional<Minutes> default_time = std::nullopt,
                                   std::optional<LocalDays> default_day = std::nullopt);
// Refuses a window whose end (--to) is before its start (--from).
void check_window(LocalDays from, LocalDays to);
// --now / SHOWUP_NOW: a local date-time as above, or ISO 8601 with Z or an offset.
Instant parse_now(std::string_view text, const Zone& zone);

} // namespace showup::cli
