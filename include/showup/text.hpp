#pragma once
// Text from the file or the command line on its way to a terminal: what could drive the
// terminal (C0 and C1 controls, DEL, bidirectional overrides, bytes that are not UTF-8) is
// written as an escape, so that a name or a note can never set a title, clear the screen,
// write the clipboard or pose as another line.
#include <string>
#include <string_view>

namespace showup {

// `text` with every such character escaped (\n, \t, \x1b, \u009b, \u202e).
std::string escape_controls(std::string_view text);
// Whether `text` holds none of them (escape_controls would leave it as it is).
bool is_plain(std::string_view text);

} // namespace showup
