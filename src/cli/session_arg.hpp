#pragma once
// SESSION arguments (contract: "SESSION arguments"): an id, a date, a date-time, `last` or
// `next`; and the default, the most recent unlogged session that has started.
#include <string_view>

#include "showup/timeline.hpp"

namespace showup::cli {

// The session `text` names. Throws `UsageError` when the text is none of the forms, and
// `Error` when no session or several match (the message lists them).
Occurrence resolve_session(const Timeline& timeline, std::string_view text);
// The most recent unlogged session that has started; `Error` when there is none.
Occurrence default_session(const Timeline& timeline);

} // namespace showup::cli
