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
std::string ics_local(LocalMinutes t);

} // namespace showup::cli
