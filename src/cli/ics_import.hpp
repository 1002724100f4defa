#pragma once
// What showup keeps of a calendar event (`showup import`): a one-off session, a weekly
// schedule with the occurrences it leaves out, the provider's time away, or a change to one
// session of a series; or, when it can keep none of these, why.
#include <optional>
#include <string>

#include "ics_read.hpp"
#include "showup/edits.hpp"

namespace showup::cli {

struct ImportChoices {
    bool as_absence = false;   // all-day events are the provider's time away
    int default_duration = 50; // of an event without an end: the provider's usual length
};

// CATEGORIES values (in any case) that mark an all-day event as the provider's time away.
inline constexpr const char* k_absence_categories[] = {"ABSENCE", "AWAY", "VACATION", "HOLIDAY"};

// Past a rule's last bound, or for one without: how far a repeating event is followed to check
// that a weekly schedule of the file's zone says the same.
inline constexpr int k_rule_check_years = 10;

// What one event becomes, in the file's zone `zone`: an item for `import_events`, or why
// showup cannot keep it (`refused`).
struct PlannedEvent {
    std::optional<ImportItem> item;
    std::string refused;
};

PlannedEvent plan_event(const IcsEvent& event, const Zone& zone, const ImportChoices& choices);

} // namespace showup::cli
