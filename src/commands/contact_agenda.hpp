#pragma once
// Contacts and agenda topics as the commands show them: `contact`, `agenda` and `notes`, and
// beside sessions in `show`, `list` and `next`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "showup/data.hpp"
#include "showup/time.hpp"

namespace showup::commands {

// The `contact list` shape: {"id", "at", "provider", "kind", "minutes", "note"}, `at` in
// ISO 8601 with the offset (as a session's `start`), absent values null.
nlohmann::ordered_json contact_json(const Contact& c, const Zone& zone);
// One line for people: `call with Dr. Okafor, 15 min: "she moved Friday"` (the note in
// full, printable).
std::string contact_text(const Data& data, const Contact& c);
// The same, after its time: `Tue 24 Nov 18:00 call with Dr. Okafor, 15 min: "..."`.
std::string contact_line(const Data& data, const Contact& c, LocalDays today);

// "open", "filed" (under a session it was brought to) or "done" (set aside).
std::string_view agenda_status(const AgendaItem& item);
// The `agenda list` shape: {"id", "text", "added", "session", "done", "status"}, `added` and
// `done` in UTC as `recorded_at` ("2026-11-24T17:00:00Z"), absent values null.
nlohmann::ordered_json agenda_json(const AgendaItem& item);
// What became of a topic: "open", "filed under s1@2026-11-27 (Fri 27 Nov 10:00)", "done Wed
// 25 Nov".
std::string agenda_state_text(const Data& data, const AgendaItem& item, const Zone& zone,
                              LocalDays today);
// One line for people: `t3 "ask about the dose" (added Tue 24 Nov, filed under ...)`.
std::string agenda_text(const Data& data, const AgendaItem& item, const Zone& zone,
                        LocalDays today);

// Ids as typed: a contact "c3" or "3", a topic "t3" or "3".
std::string contact_id(std::string_view typed);
std::string topic_id(std::string_view typed);

// The wall-clock minute of an instant in `zone`.
LocalMinutes local_minute(Instant t, const Zone& zone);

// Contacts (of `provider`, or every one when it is empty) on the days `from` to `to`, both
// included, either end open when nullopt; in time order.
std::vector<const Contact*> contacts_between(const Data& data, std::optional<LocalDays> from,
                                             std::optional<LocalDays> to,
                                             std::string_view provider = {});
// Contacts (of `provider`, or every one) at or after `from` and before `to`: those between
// two sessions; in time order.
std::vector<const Contact*> contacts_in(const Data& data, LocalMinutes from, LocalMinutes to,
                                        std::string_view provider = {});
// Topics filed under session `session_id`, in the order they were added.
std::vector<const AgendaItem*> agenda_filed_under(const Data& data, std::string_view session_id);
// Open topics (what the next session is to bring up), in the order they were added.
std::vector<const AgendaItem*> open_agenda(const Data& data);

} // namespace showup::commands
