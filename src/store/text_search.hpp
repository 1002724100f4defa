#pragma once
// Searches of a large text at memory speed: a change to a window of days looks through the
// megabytes of sessions it did not read (Store::mentioned_outside), where string_view::find
// stops at every quote and glibc's memmem was slower still (about 7 ms for 12 MB).
#include <cstddef>
#include <string_view>

namespace showup {

// Whether `part` is in `text`.
bool contains(std::string_view text, std::string_view part);

// How many lines `text` holds: its newlines, plus one for the last line when it does not end
// with one (none for an empty text).
std::size_t count_lines(std::string_view text);

} // namespace showup
