#pragma once
// The rules that change data, in one place: recording and replacing an outcome, moving a
// session, ending and removing schedules, absences, edits and removals. Each is a function
// over `Data` that checks what it must refuse (throwing `Error`, or `UsageError` for a
// request that cannot make sense), changes the data, and returns what it changed and what it
// replaced, so that the command can say so. Sessions are passed as `Occurrence`s of a
// `Timeline` over the same data; they are not used after the call.
#include <optional>
#include <string>
#include <vector>

#include "showup/data.hpp"
#include "showup/timeline.hpp"

namespace showup {

// One session changed: its id, the stored record as it was before (nullopt when nothing was
// recorded about it) and its effective status before.
struct SessionChange {
    std::string id;
    std::optional<Session> before;
    Status status_before = Status::scheduled;
    // Whether the change replaced a recorded outcome or move (for "was skipped: ...").
    bool replaced() const { return before && (before->outcome || !before->rescheduled_to.empty()); }
};

// What `attend`, `skip` and `cancel` say. A field left out is not restated: it keeps its value
// while the outcome stays the same, and is cleared when the outcome changes.
struct OutcomeInput {
    Outcome outcome = Outcome::attended;
    std::optional<int> late_minutes;
    std::optional<bool> no_show;
    std::optional<std::string> reason;
    std::optional<std::string> note; // kept whatever the outcome when left out
    // Of a cancellation: "me" or "provider" (left out: kept, else the provider), and when it
    // was said (left out: kept, else now).
    std::optional<std::string> cancelled_by;
    std::optional<Instant> told;
};

// Records an outcome on `o`, replacing one recorded before. Refuses a moved slot and an
// attended session that has not started. An outcome other than attended takes the agenda
// filed under it back to the open topics (an attended one files them: `file_agenda`).
SessionChange record_outcome(Data& data, const Occurrence& o, const OutcomeInput& in, Instant now);

// Every unlogged session of `sessions` becomes attended, each taking the open agenda added
// before it ended; returns how many.
std::size_t attend_all(Data& data, const std::vector<Occurrence>& sessions, const Zone& zone,
                       Instant now);

// Files the open topics of the agenda added at or before `ended` under the attended session
// `session_id`; returns how many.
std::size_t file_agenda(Data& data, const std::string& session_id, Instant ended);
// Topics filed under `session_id` are open again (its outcome was taken off or changed).
void unfile_agenda(Data& data, const std::string& session_id);

// Refuses a second session of `provider` starting at `start` (one moved away does not count).
void refuse_double_booking(const Timeline& timeline, const std::string& provider,
                           LocalMinutes start);

struct Placed {
    std::string id;
    const Absence* absence = nullptr; // the absence it was placed in, and happens despite
};

// A new schedule's id: the next of next_ids.schedule that no schedule has (a hand edit may have
// set the counter back; so do the ids of the other records showup makes).
std::string new_schedule_id(Data& data);

// A one-off session. One placed inside an absence of its provider happens anyway.
Placed add_session(Data& data, const Timeline& timeline, const std::string& provider,
                   LocalMinutes start, int duration, const std::string& note);

struct Moved {
    Placed to;          // the new slot
    SessionChange from; // the old slot; `from.before` holds an outcome it replaced
};

// Moves `o` to `start`: the old slot becomes `rescheduled`, the new one is a one-off linked to
// it (the agenda filed under the old slot is open again). A time of its own is refused, and so
// is a moved slot and a double booking.
Moved reschedule(Data& data, const Timeline& timeline, const Occurrence& o, LocalMinutes start,
                 const std::string& by, const std::optional<std::string>& reason);

// Takes the recorded outcomes off `sessions` (back to unlogged or scheduled); notes stay. A
// record left with nothing in it is removed. Refuses (changing nothing) when one has no
// outcome or is a moved slot. The sessions must be distinct.
std::vector<SessionChange> unlog(Data& data, const std::vector<Occurrence>& sessions);

// Removes a one-off session. Removing a session that a move created takes the move back (the
// old slot is as it was before the move). Refuses occurrences of a schedule and a one-off that
// was moved on.
SessionChange remove_session(Data& data, const Occurrence& o);

struct EditInput {
    std::optional<std::string> note;
    std::optional<std::string> reason;
    std::optional<int> late_minutes;
    std::optional<int> duration;
    std::optional<std::string> provider; // an id that exists
    std::optional<bool> no_show;
    bool empty() const {
        return !note && !reason && !late_minutes && !duration && !provider && !no_show;
    }
};

// Changes the details of `o` without re-recording its outcome. Each field must fit the
// session: lateness an attended one, `no_show` a skipped one, a reason a missed or moved one.
SessionChange edit_session(Data& data, const Timeline& timeline, const Occurrence& o,
                           const EditInput& in);

// Ends schedule `id` after `on`. Refuses a day before it starts, and one after it ended.
// Returns the ids of its recorded sessions after `on`, which stay (the command names them).
std::vector<std::string> end_schedule(Data& data, const std::string& id, LocalDays on);

struct ScheduleRemoval {
    std::size_t records = 0;    // records of its sessions that went with it
    std::size_t outcomes = 0;   // of which had an outcome
    std::size_t kept_moved = 0; // sessions moved off it, kept as one-offs
};

// Removes schedule `id`. While records of its sessions hold an outcome, words or a move it is
// refused, unless `with_records` (they go too, and the agenda filed under them is open again;
// sessions moved off it stay as one-offs).
ScheduleRemoval remove_schedule(Data& data, const std::string& id, bool with_records);

struct ProviderEdit {
    std::optional<int> duration;
    std::optional<std::optional<int>> notice_minutes; // an inner nullopt clears the policy
    std::optional<std::optional<long long>> fee_cents;
    bool empty() const { return !duration && !notice_minutes && !fee_cents; }
};

// Changes a provider's usual length of session, cancellation notice or fee; returns it as it
// was. A fee or notice changed applies to every session, recorded ones too.
Provider edit_provider(Data& data, const std::string& id, const ProviderEdit& edit);

// Renames provider `id`; returns the old name.
std::string rename_provider(Data& data, const std::string& id, const std::string& name);
// Removes provider `id`; refused while a schedule, session, absence, contact or budget refers
// to it.
void remove_provider(Data& data, const std::string& id);

// The sessions of its provider inside an absence that keep a recorded outcome (an absence
// does not take them out; `unlog` would).
std::vector<Occurrence> recorded_inside(const Timeline& timeline, const Absence& a);

// Adds an absence (its id is handed out here); refuses one that overlaps another absence of
// the same provider. Returns its id.
std::string add_absence(Data& data, Absence a);

struct AbsenceEdit {
    std::optional<LocalDays> from;
    std::optional<LocalDays> to;
    std::optional<std::string> reason;
    std::optional<std::optional<LocalDays>> announced; // an inner nullopt clears it
};

// Changes an absence's dates, reason or the day it was announced; returns it as it was. The
// same overlap rule applies.
Absence edit_absence(Data& data, const std::string& id, const AbsenceEdit& edit);

// A contact with a provider (its id is handed out here); returns its id. A contact is
// recorded once it happened: one after `now` is refused ("thu" is the next Thursday; the
// last one is "last thu"), and so are an unknown kind or provider and minutes out of range.
std::string add_contact(Data& data, Contact c, const Zone& zone, Instant now);
// Removes contact `id`; returns it.
Contact remove_contact(Data& data, const std::string& id);

struct ContactEdit {
    std::optional<LocalMinutes> at;
    std::optional<std::string> kind;
    std::optional<std::optional<int>> minutes; // an inner nullopt clears them
    std::optional<std::string> note;
    std::optional<std::string> provider; // an id that exists
    bool empty() const { return !at && !kind && !minutes && !note && !provider; }
};

// Changes a contact's time, kind, length, note or provider, by the rules of `add_contact`;
// returns it as it was. An edit that changes nothing is refused.
Contact edit_contact(Data& data, const std::string& id, const ContactEdit& edit, const Zone& zone,
                     Instant now);

// A topic for the next session; returns its id ("t3").
std::string add_agenda_item(Data& data, const std::string& text, Instant now);
// Sets an open topic aside without a session; returns it as it was.
AgendaItem agenda_done(Data& data, const std::string& id, Instant now);
// Removes a topic, open or not; returns it.
AgendaItem remove_agenda_item(Data& data, const std::string& id);

// Sets the budget of `b.provider`, replacing the one it had (returned); refuses the same again.
std::optional<Budget> set_budget(Data& data, Budget b);
// Removes the budget of `provider`; returns it.
Budget remove_budget(Data& data, const std::string& provider);

// One event of a calendar as `import_events` takes it (`showup import`), in the file's zone.
struct ImportItem {
    enum class Kind { session, schedule, absence, occurrence };
    Kind kind = Kind::session;
    std::string uid;        // the event's UID; empty when it had none (then matched by its slot)
    bool cancelled = false; // the event is cancelled
    LocalMinutes start{};   // of a session; of an occurrence, where it is now
    int duration = 0;       // of a session or an occurrence
    Schedule schedule;      // a schedule's rule (its id, provider and uid are set on import)
    std::vector<LocalDays> cancelled_days; // a schedule's occurrences that do not happen
    LocalDays from{};                      // an absence's days, both included
    LocalDays to{};
    std::string reason; // an absence's
    LocalDays day{};    // an occurrence: the day of the slot of its schedule it changes
};

enum class ImportAction { added, updated, unchanged, removed, refused };
std::string_view import_action_name(ImportAction a); // "added"

struct ImportResult {
    ImportAction action = ImportAction::unchanged;
    std::string id;     // the record it added or changed ("o12", "s3", "a2"); empty when refused
    std::string detail; // what it changed, or why it was refused
};

// Imports calendar events for `provider`, one at a time in order (occurrences after the rest,
// so that their series is there): an event whose `uid` made a record before updates that
// record; one without a known uid takes a record at its slot (a session starting then, a
// schedule with the same rule, an absence of the same days) and gives it its uid, or else adds
// one. An event that cannot be imported (a double booking, an overlapping absence, a
// conflict with what was recorded) is refused and changes nothing; the others go ahead.
// Import never takes a recorded outcome off, nor replaces one: a conflict is refused, naming
// the command that would do it. A cancelled series ends after its last session that started
// (and goes when none did); a cancelled absence is removed. Results are in the order of
// `items`.
std::vector<ImportResult> import_events(Data& data, const Zone& zone, const std::string& provider,
                                        const std::vector<ImportItem>& items, Instant now);

} // namespace showup
