#pragma once
// iCalendar (RFC 5545) output: text escaping, line folding, and a VTIMEZONE built from the tz
// database's transitions.
#include <string>
#include <string_view>

#include "showup/time.hpp"

namespace showup::cli {

// TEXT value escaping: backslash, semicolon, comma and newlines; tabs are kept, other control
// characters dropped.
std::string ics_escape(std::string_view text);
// One content line, folded at 75 octets (never inside a UTF-8 sequence), ending in CRLF.
std::string ics_line(std::string_view line);
// A VTIMEZONE for `zone` with every change of offset from `from` to `to` (and the one in
// force at `from`), as content lines.
std::string ics_timezone(const Zone& zone, LocalDays from, LocalDays to);
// 20261126T100000
std::string ics_local(date::local_seconds t);
// The value of DTSTART or DTEND for the instant `t`, with its parameter:
// ";TZID=Europe/Berlin:20261126T100000", the wall-clock time in `zone` then; or, for a time
// that happens twice (clocks went back), ":20261025T003000Z" in UTC. RFC 5545 reads a repeated
// time as the first, but readers differ (python3-icalendar with pytz takes the second), and the
// second could not be written with a TZID at all.
std::string ics_date_time(Instant t, const Zone& zone);

} // namespace showup::cli
