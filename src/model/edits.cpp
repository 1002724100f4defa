#include "showup/edits.hpp"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "showup/errors.hpp"
#include "showup/invariants.hpp"

namespace showup {

namespace {

std::string when(const Occurrence& o) {
    return fmt::format("{} ({})", o.id(), format_local(o.start).replace(10, 1, " "));
}

// The stored record of `o`, created from its slot when nothing was recorded about it yet.
Session& record_of(Data& data, const Occurrence& o) {
    if (o.record != nullptr) {
        return *data.find_session(o.record->id);
    }
    Session s;
    s.id = o.id();
    s.schedule = o.schedule->id;
    s.start = o.slot;
    s.duration = o.duration;
    s.provider = *o.provider;
    data.sessions.push_back(std::move(s));
    return data.sessions.back();
}

SessionChange change_of(const Occurrence& o) {
    SessionChange c;
    c.id = o.id();
    if (o.record != nullptr) {
        c.before = *o.record;
    }
    c.status_before = o.status;
    return c;
}

// An occurrence's record that holds nothing its slot does not say is dropped, so that the
// file keeps only what was recorded.
// Whether `s` is an occurrence's record that says nothing its slot does not.
bool is_empty_record(const Data& data, const Session& s) {
    if (s.schedule.empty() || s.has_record()) {
        return false;
    }
    const auto* schedule = data.find_schedule(s.schedule);
    return schedule != nullptr && schedule->duration == s.duration &&
           schedule->provider == s.provider &&
           LocalMinutes{day_of(s.start)} + schedule->at == s.start;
}

void drop_if_empty(Data& data, const std::string& id) {
    const auto* s = data.find_session(id);
    if (s != nullptr && is_empty_record(data, *s)) {
        std::erase_if(data.sessions, [&](const Session& x) { return x.id == id; });
    }
}

// `then` says what to do instead: "; record it there".
void refuse_moved(const Occurrence& o, std::string_view then) {
    if (o.status == Status::rescheduled) {
        throw Error(fmt::format("{} was moved to {}{}", o.id(), o.record->rescheduled_to, then));
    }
}

// The next id `prefix`N from `counter` that no record of `items` has: a hand edit may have set
// the counter back (the rules check only its range), and every new record would then clash.
// (Of a window of sessions, those read: a one-off outside it with the id makes the change run
// on the whole file, Store::refuse_beyond_window.)
template <typename T>
std::string next_free_id(const char* prefix, int& counter, const std::vector<T>& items) {
    for (;;) {
        auto id = fmt::format("{}{}", prefix, counter++);
        if (std::none_of(items.begin(), items.end(), [&](const T& x) { return x.id == id; })) {
            return id;
        }
    }
}

std::string new_session_id(Data& data) {
    return next_free_id("o", data.next_ids.session, data.sessions);
}

} // namespace

std::string new_schedule_id(Data& data) {
    return next_free_id("s", data.next_ids.schedule, data.schedules);
}

namespace {

void refuse_overlap(const Data& data, const Absence& a) {
    for (const auto& other : data.absences) {
        if (other.id != a.id && other.mine == a.mine && other.provider == a.provider &&
            other.from <= a.to && a.from <= other.to) {
            throw Error(fmt::format("it overlaps absence {} {} ({} to {}{}); "
                                    "change that one with 'showup away edit {}'",
                                    other.id, a.mine ? "of your own" : "of the same provider",
                                    format_date(other.from), format_date(other.to),
                                    other.reason.empty() ? "" : ", \"" + other.reason + "\"",
                                    other.id));
        }
    }
}

void refuse_out_of_range(LocalDays day) {
    if (!in_date_range(day)) {
        throw UsageError(fmt::format("{} is outside the years {} to {}", format_date(day),
                                     k_first_year, k_last_year));
    }
}

// A cancellation's time must be known when the provider's policy depends on it: not in the
// future, and not taken to be now when it is logged after the session started.
void refuse_unknown_notice(const Data& data, const Occurrence& o, const OutcomeInput& in,
                           Instant now) {
    if (in.told && *in.told > now) {
        throw UsageError("--told is still to come: say when the cancellation was given");
    }
    const auto* r = o.record;
    const bool same = r != nullptr && r->outcome == Outcome::cancelled;
    const auto by = in.cancelled_by.value_or(same ? r->cancelled_by.str() : std::string());
    const auto* p = data.find_provider(*o.provider);
    if (!in.told && !(same && r->told) && by == "me" && o.started && p != nullptr &&
        p->notice_minutes) {
        throw UsageError(fmt::format(
            "{} has started: say when you told {} with --told WHEN (they ask for notice)", when(o),
            p->name));
    }
}

} // namespace

SessionChange record_outcome(Data& data, const Occurrence& o, const OutcomeInput& in, Instant now) {
    refuse_moved(o, "; record it there");
    if (in.outcome == Outcome::attended && !o.started) {
        throw Error(fmt::format("{} has not started yet: attend records a session you went to "
                                "(skip and cancel may be recorded ahead of time)",
                                when(o)));
    }
    if (in.outcome == Outcome::cancelled) {
        refuse_unknown_notice(data, o, in, now);
    }
    auto change = change_of(o);
    auto& s = record_of(data, o);
    const bool same = s.outcome == in.outcome;
    s.outcome = in.outcome;
    s.late_minutes = in.late_minutes.value_or(same ? s.late_minutes : 0);
    s.no_show = in.no_show.value_or(same && s.no_show);
    s.reason = in.reason.value_or(same ? s.reason.str() : std::string());
    if (in.outcome != Outcome::attended) {
        s.late_minutes = 0;
    }
    if (in.outcome != Outcome::skipped) {
        s.no_show = false;
    }
    if (in.outcome == Outcome::cancelled) {
        s.cancelled_by = in.cancelled_by.value_or(same ? s.cancelled_by.str() : std::string());
        s.told = in.told ? *in.told : same && s.told ? *s.told : now;
    } else {
        s.cancelled_by.clear();
        s.told.reset();
        unfile_agenda(data, s.id);
    }
    if (in.note) {
        s.note = *in.note;
    }
    // Recording the same again changes nothing, not even the time it was recorded.
    if (!change.before || !(*change.before == s)) {
        s.recorded_at = now;
    }
    return change;
}

std::size_t attend_all(Data& data, const std::vector<Occurrence>& sessions, const Zone& zone,
                       Instant now) {
    std::vector<Session> fresh;
    std::size_t count = 0;
    for (const auto& o : sessions) {
        if (o.status != Status::unlogged) {
            continue;
        }
        ++count;
        file_agenda(data, o.id(), o.end_instant(zone));
        if (o.record != nullptr) {
            auto& s = *data.find_session(o.record->id);
            s.outcome = Outcome::attended;
            s.recorded_at = now;
            continue;
        }
        Session s;
        s.id = o.id();
        s.schedule = o.schedule->id;
        s.start = o.slot;
        s.duration = o.duration;
        s.provider = *o.provider;
        s.outcome = Outcome::attended;
        s.recorded_at = now;
        fresh.push_back(std::move(s));
    }
    // The occurrences point into `data`: new records are added after the last use of them.
    data.sessions.insert(data.sessions.end(), std::make_move_iterator(fresh.begin()),
                         std::make_move_iterator(fresh.end()));
    return count;
}

void refuse_double_booking(const Timeline& timeline, const std::string& provider,
                           LocalMinutes start) {
    for (const auto& o : timeline.between(day_of(start), day_of(start))) {
        if (o.start == start && *o.provider == provider && o.status != Status::rescheduled) {
            throw Error(fmt::format("there is a session then already: {} ({})", o.id(),
                                    status_name(o.status)));
        }
    }
}

Placed add_session(Data& data, const Timeline& timeline, const std::string& provider,
                   LocalMinutes start, int duration, const std::string& note) {
    refuse_out_of_range(day_of(start));
    refuse_double_booking(timeline, provider, start);
    Placed placed;
    placed.absence = timeline.absence_on(provider, day_of(start));
    Session s;
    s.id = new_session_id(data);
    s.start = start;
    s.duration = duration;
    s.provider = provider;
    s.note = note;
    s.overrides_absence = placed.absence != nullptr ? placed.absence->id : "";
    placed.id = s.id;
    data.sessions.push_back(std::move(s));
    return placed;
}

Moved reschedule(Data& data, const Timeline& timeline, const Occurrence& o, LocalMinutes start,
                 const std::string& by, const std::optional<std::string>& reason) {
    refuse_moved(o, " already; reschedule that one");
    refuse_out_of_range(day_of(start));
    if (start == o.start) {
        throw UsageError("the new time is the session's own time");
    }
    refuse_double_booking(timeline, *o.provider, start);
    Moved moved;
    moved.to.absence = timeline.absence_on(*o.provider, day_of(start));
    Session to;
    to.id = new_session_id(data);
    to.start = start;
    to.duration = o.duration;
    to.provider = *o.provider;
    to.rescheduled_from = o.id();
    to.overrides_absence = moved.to.absence != nullptr ? moved.to.absence->id : "";
    moved.to.id = to.id;
    moved.from = change_of(o);
    auto& old = record_of(data, o);
    // A move replaces an outcome recorded on the slot; `from.before` names it. The topics filed
    // under it, when it was attended, are open again.
    unfile_agenda(data, old.id);
    if (old.outcome) {
        old.reason.clear();
    }
    old.outcome.reset();
    old.late_minutes = 0;
    old.no_show = false;
    old.recorded_at.reset();
    old.rescheduled_to = to.id;
    old.moved_by = by;
    if (reason) {
        old.reason = *reason;
    }
    data.sessions.push_back(std::move(to));
    return moved;
}

std::vector<SessionChange> unlog(Data& data, const std::vector<Occurrence>& sessions) {
    // All are checked before any is changed.
    for (const auto& o : sessions) {
        if (o.status == Status::rescheduled) {
            throw Error(fmt::format("{} was moved to {}: to take the move back, remove {}", o.id(),
                                    o.record->rescheduled_to, o.record->rescheduled_to));
        }
        if (o.record == nullptr || !o.record->outcome) {
            throw Error(fmt::format("{} has no recorded outcome to take off ({})", when(o),
                                    status_name(o.status)));
        }
    }
    std::vector<SessionChange> changes;
    std::unordered_set<std::string_view> ids;
    for (const auto& o : sessions) {
        changes.push_back(change_of(o));
    }
    for (const auto& c : changes) {
        ids.insert(c.id);
    }
    // One pass over the records, however many are taken off.
    bool emptied = false;
    for (auto& s : data.sessions) {
        if (!ids.contains(s.id)) {
            continue;
        }
        s.outcome.reset();
        s.late_minutes = 0;
        s.no_show = false;
        s.reason.clear();
        s.recorded_at.reset();
        s.cancelled_by.clear();
        s.told.reset();
        unfile_agenda(data, s.id);
        emptied = emptied || is_empty_record(data, s);
    }
    if (emptied) {
        std::erase_if(data.sessions, [&](const Session& s) {
            return ids.contains(s.id) && is_empty_record(data, s);
        });
    }
    return changes;
}

SessionChange remove_session(Data& data, const Occurrence& o) {
    if (o.schedule != nullptr) {
        throw Error(
            fmt::format("{} is a session of schedule {}: skip or cancel it, or end the schedule "
                        "('showup schedule end {} --on DATE')",
                        when(o), o.schedule->id, o.schedule->id));
    }
    if (!o.record->rescheduled_to.empty()) {
        throw Error(fmt::format("{} was moved to {}; remove that one first", when(o),
                                o.record->rescheduled_to));
    }
    auto change = change_of(o);
    const auto from = o.record->rescheduled_from;
    unfile_agenda(data, change.id);
    std::erase_if(data.sessions, [&](const Session& s) { return s.id == change.id; });
    if (!from.empty()) {
        // The move is taken back: the old slot is as it was before it.
        if (auto* old = data.find_session(from)) {
            old->rescheduled_to.clear();
            old->moved_by.clear();
            old->reason.clear();
            drop_if_empty(data, from);
        }
    }
    return change;
}

SessionChange edit_session(Data& data, const Timeline& timeline, const Occurrence& o,
                           const EditInput& in) {
    if (in.empty()) {
        throw UsageError(
            "nothing to change: give --note, --reason, --late, --duration, --provider, "
            "--no-show or --with-notice");
    }
    const auto recorded = [&](Outcome x) {
        return o.record != nullptr && o.record->outcome.has_value() && *o.record->outcome == x;
    };
    if (in.late_minutes && !recorded(Outcome::attended)) {
        throw Error(fmt::format("{} is {}: lateness goes with an attended session", when(o),
                                status_name(o.status)));
    }
    if (in.no_show && !recorded(Outcome::skipped)) {
        throw Error(fmt::format("{} is {}: --no-show and --with-notice go with a skipped session",
                                when(o), status_name(o.status)));
    }
    const bool moved = o.record != nullptr && !o.record->rescheduled_to.empty();
    if (in.reason && !in.reason->empty() && !recorded(Outcome::skipped) &&
        !recorded(Outcome::cancelled) && !moved) {
        throw Error(fmt::format("{} is {}: a reason goes with a skipped, cancelled or moved "
                                "session (a note goes with any)",
                                when(o), status_name(o.status)));
    }
    if (in.duration && (*in.duration < 1 || *in.duration > k_max_minutes)) {
        throw UsageError(
            fmt::format("--duration {} is not from 1 to {}", *in.duration, k_max_minutes));
    }
    if (in.provider && *in.provider != *o.provider) {
        if (data.find_provider(*in.provider) == nullptr) {
            throw Error(fmt::format("no provider \"{}\"", *in.provider));
        }
        refuse_double_booking(timeline, *in.provider, o.start);
    }
    auto change = change_of(o);
    auto& s = record_of(data, o);
    if (in.note) {
        s.note = *in.note;
    }
    if (in.reason) {
        s.reason = *in.reason;
    }
    if (in.late_minutes) {
        s.late_minutes = *in.late_minutes;
    }
    if (in.no_show) {
        s.no_show = *in.no_show;
    }
    if (in.duration) {
        s.duration = *in.duration;
    }
    if (in.provider) {
        s.provider = *in.provider;
    }
    drop_if_empty(data, change.id);
    return change;
}

std::vector<std::string> end_schedule(Data& data, const std::string& id, LocalDays on) {
    auto* s = data.find_schedule(id);
    if (s == nullptr) {
        throw Error(fmt::format("no schedule \"{}\" (see 'showup schedule list')", id));
    }
    refuse_out_of_range(on);
    if (on < s->from) {
        throw UsageError(fmt::format("schedule {} starts on {}: it cannot end before that", id,
                                     format_date(s->from)));
    }
    if (s->until && on > *s->until) {
        throw Error(fmt::format("schedule {} ended on {} already; ending it later would bring "
                                "back its sessions up to {} (add a new schedule instead)",
                                id, format_date(*s->until), format_date(on)));
    }
    if (s->until && on == *s->until) {
        throw Error(fmt::format("schedule {} ends on {} already", id, format_date(on)));
    }
    s->until = on;
    std::vector<std::pair<LocalMinutes, std::string>> after;
    for (const auto& r : data.sessions) {
        if (r.schedule == id && day_of(r.start) > on) {
            after.emplace_back(r.start, r.id);
        }
    }
    std::sort(after.begin(), after.end());
    std::vector<std::string> ids;
    for (auto& [start, rid] : after) {
        ids.push_back(std::move(rid));
    }
    return ids;
}

ScheduleRemoval remove_schedule(Data& data, const std::string& id, bool with_records) {
    if (data.find_schedule(id) == nullptr) {
        throw Error(fmt::format("no schedule \"{}\" (see 'showup schedule list')", id));
    }
    ScheduleRemoval r;
    std::unordered_set<std::string> moved_to;
    for (const auto& s : data.sessions) {
        if (s.schedule != id) {
            continue;
        }
        ++r.records;
        r.outcomes += s.outcome ? 1U : 0U;
        if (!s.rescheduled_to.empty()) {
            moved_to.insert(s.rescheduled_to);
        }
    }
    if (r.records > 0 && !with_records) {
        throw Error(fmt::format(
            "schedule {} has {} recorded session{} ({} with an outcome); add --with-records to "
            "remove them with it, or end it instead ('showup schedule end {} --on DATE')",
            id, r.records, r.records == 1 ? "" : "s", r.outcomes, id));
    }
    // The topics filed under its sessions are open again.
    for (const auto& s : data.sessions) {
        if (s.schedule == id) {
            unfile_agenda(data, s.id);
        }
    }
    std::erase_if(data.sessions, [&](const Session& s) { return s.schedule == id; });
    for (auto& s : data.sessions) {
        if (moved_to.contains(s.id)) {
            s.rescheduled_from.clear();
            ++r.kept_moved;
        }
    }
    std::erase_if(data.schedules, [&](const Schedule& s) { return s.id == id; });
    return r;
}

std::string rename_provider(Data& data, const std::string& id, const std::string& name) {
    auto* p = data.find_provider(id);
    if (p == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", id));
    }
    if (name.find_first_not_of(" \t") == std::string::npos) {
        throw UsageError("a provider needs a name");
    }
    if (p->name == name) {
        throw Error(fmt::format("provider {} is called \"{}\" already", id, name));
    }
    auto old = p->name;
    p->name = name;
    return old;
}

Provider edit_provider(Data& data, const std::string& id, const ProviderEdit& edit) {
    auto* p = data.find_provider(id);
    if (p == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", id));
    }
    if (edit.empty()) {
        throw UsageError("nothing to change: give --duration, --notice or --fee");
    }
    const Provider before = *p;
    p->duration = edit.duration.value_or(p->duration);
    if (edit.notice_minutes) {
        p->notice_minutes = *edit.notice_minutes;
    }
    if (edit.fee_cents) {
        p->fee_cents = *edit.fee_cents;
    }
    if (*p == before) {
        throw Error(fmt::format("provider {} is like that already", id));
    }
    return before;
}

void remove_provider(Data& data, const std::string& id) {
    if (data.find_provider(id) == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", id));
    }
    data.require_all_sessions(); // a session not read may name it
    const auto schedules = std::count_if(data.schedules.begin(), data.schedules.end(),
                                         [&](const Schedule& s) { return s.provider == id; });
    const auto sessions = std::count_if(data.sessions.begin(), data.sessions.end(),
                                        [&](const Session& s) { return s.provider == id; });
    const auto absences = std::count_if(data.absences.begin(), data.absences.end(),
                                        [&](const Absence& a) { return a.provider == id; });
    const auto contacts = std::count_if(data.contacts.begin(), data.contacts.end(),
                                        [&](const Contact& c) { return c.provider == id; });
    if (schedules + sessions + absences + contacts > 0) {
        throw Error(fmt::format("provider {} is still used by {} schedule(s), {} recorded "
                                "session(s), {} absence(s) and {} contact(s); remove those first",
                                id, schedules, sessions, absences, contacts));
    }
    if (data.budget_of(id) != nullptr) {
        throw Error(fmt::format("provider {} has a budget; remove it first with 'showup budget "
                                "remove --provider {}'",
                                id, id));
    }
    std::erase_if(data.providers, [&](const Provider& p) { return p.id == id; });
}

std::vector<Occurrence> recorded_inside(const Timeline& timeline, const Absence& a) {
    std::vector<Occurrence> out;
    for (const auto& o : timeline.between(a.from, a.to)) {
        if ((a.mine || *o.provider == a.provider) && o.record != nullptr && o.record->outcome) {
            out.push_back(o);
        }
    }
    return out;
}

std::string add_absence(Data& data, Absence a) {
    refuse_out_of_range(a.from);
    refuse_out_of_range(a.to);
    if (a.to < a.from) {
        throw UsageError(fmt::format("the absence ends ({}) before it starts ({})",
                                     format_date(a.to), format_date(a.from)));
    }
    a.id.clear();
    refuse_overlap(data, a);
    a.id = next_free_id("a", data.next_ids.absence, data.absences);
    data.absences.push_back(a);
    return a.id;
}

Absence edit_absence(Data& data, const std::string& id, const AbsenceEdit& edit) {
    auto* a = data.find_absence(id);
    if (a == nullptr) {
        throw Error(fmt::format("no absence \"{}\" (see 'showup away list --all')", id));
    }
    if (!edit.from && !edit.to && !edit.reason && !edit.announced) {
        throw UsageError("nothing to change: give --from, --to, --reason or --announced");
    }
    const Absence before = *a;
    Absence after = before;
    after.from = edit.from.value_or(before.from);
    after.to = edit.to.value_or(before.to);
    after.reason = edit.reason.value_or(before.reason);
    if (edit.announced) {
        if (*edit.announced) {
            refuse_out_of_range(**edit.announced);
        }
        after.announced = *edit.announced;
    }
    refuse_out_of_range(after.from);
    refuse_out_of_range(after.to);
    if (after.to < after.from) {
        throw UsageError(fmt::format("the absence would end ({}) before it starts ({})",
                                     format_date(after.to), format_date(after.from)));
    }
    refuse_overlap(data, after);
    if (after == before) {
        throw Error(fmt::format("absence {} is like that already", id));
    }
    *a = after;
    return before;
}

std::size_t file_agenda(Data& data, const std::string& session_id, Instant ended) {
    std::size_t filed = 0;
    for (auto& item : data.agenda) {
        if (item.open() && item.added <= ended) {
            item.session = session_id;
            ++filed;
        }
    }
    return filed;
}

void unfile_agenda(Data& data, const std::string& session_id) {
    for (auto& item : data.agenda) {
        if (item.session == session_id) {
            item.session.clear();
        }
    }
}

namespace {
// What `add_contact` and `edit_contact` refuse.
void check_contact(const Data& data, const Contact& c, const Zone& zone, Instant now) {
    refuse_out_of_range(day_of(c.at));
    if (std::find_if(std::begin(k_contact_kinds), std::end(k_contact_kinds),
                     [&](const char* k) { return c.kind == k; }) == std::end(k_contact_kinds)) {
        throw UsageError(
            fmt::format("\"{}\" is not a kind of contact (call, message, email)", c.kind));
    }
    if (c.minutes && (*c.minutes < 0 || *c.minutes > k_max_minutes)) {
        throw UsageError(fmt::format("{} minutes is not a length of contact (0 to {})", *c.minutes,
                                     k_max_minutes));
    }
    if (data.find_provider(c.provider) == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", c.provider));
    }
    if (zone.to_instant(c.at) > now) {
        throw Error(fmt::format("{} is still to come: record a contact once it happened (\"thu\" "
                                "is the next Thursday, \"last thu\" the one before)",
                                format_local(c.at).replace(10, 1, " ")));
    }
}

// The record `id` of `items`; refused naming `what` and the command that lists them.
template <typename T>
T* find_or_refuse(std::vector<T>& items, const std::string& id, const char* what,
                  const char* list) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    if (it == items.end()) {
        throw Error(fmt::format("no {} \"{}\" (see 'showup {}')", what, id, list));
    }
    return &*it;
}

Contact* find_contact(Data& data, const std::string& id) {
    return find_or_refuse(data.contacts, id, "contact", "contact list");
}
} // namespace

std::string add_contact(Data& data, Contact c, const Zone& zone, Instant now) {
    check_contact(data, c, zone, now);
    c.id = next_free_id("c", data.next_ids.contact, data.contacts);
    data.contacts.push_back(c);
    return c.id;
}

Contact remove_contact(Data& data, const std::string& id) {
    Contact removed = *find_contact(data, id);
    std::erase_if(data.contacts, [&](const Contact& c) { return c.id == id; });
    return removed;
}

Contact edit_contact(Data& data, const std::string& id, const ContactEdit& edit, const Zone& zone,
                     Instant now) {
    auto* c = find_contact(data, id);
    if (edit.empty()) {
        throw UsageError("say what to change: --at, --kind, --minutes, --note or --provider");
    }
    const Contact before = *c;
    Contact after = before;
    after.at = edit.at.value_or(after.at);
    after.kind = edit.kind.value_or(after.kind);
    if (edit.minutes) {
        after.minutes = *edit.minutes;
    }
    after.note = edit.note.value_or(after.note);
    after.provider = edit.provider.value_or(after.provider);
    check_contact(data, after, zone, now);
    if (after == before) {
        throw Error(fmt::format("contact {} is like that already", id));
    }
    *c = after;
    return before;
}

std::string add_agenda_item(Data& data, const std::string& text, Instant now) {
    if (text.find_first_not_of(" \t\n") == std::string::npos) {
        throw UsageError("the topic is empty: say what to bring up");
    }
    AgendaItem item;
    item.id = next_free_id("t", data.next_ids.agenda, data.agenda);
    item.text = text;
    item.added = now;
    data.agenda.push_back(item);
    return item.id;
}

namespace {
AgendaItem* find_agenda_item(Data& data, const std::string& id) {
    return find_or_refuse(data.agenda, id, "topic", "agenda list --all");
}
} // namespace

AgendaItem agenda_done(Data& data, const std::string& id, Instant now) {
    auto* item = find_agenda_item(data, id);
    if (!item->session.empty()) {
        throw Error(fmt::format("topic {} was filed under session {} already", id, item->session));
    }
    if (item->done) {
        throw Error(fmt::format("topic {} is done already", id));
    }
    const auto before = *item;
    item->done = now;
    return before;
}

AgendaItem remove_agenda_item(Data& data, const std::string& id) {
    const auto removed = *find_agenda_item(data, id);
    std::erase_if(data.agenda, [&](const AgendaItem& a) { return a.id == id; });
    return removed;
}

std::optional<Budget> set_budget(Data& data, Budget b) {
    if (data.find_provider(b.provider) == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", b.provider));
    }
    if (b.from) {
        refuse_out_of_range(*b.from);
    }
    if (b.to) {
        refuse_out_of_range(*b.to);
        if (b.from && *b.to < *b.from) {
            throw UsageError(fmt::format("the budget ends ({}) before it starts ({})",
                                         format_date(*b.to), format_date(*b.from)));
        }
    }
    std::optional<Budget> before;
    for (auto& existing : data.budgets) {
        if (existing.provider == b.provider) {
            b.id = existing.id;
            b.changed_at = existing.changed_at; // when it was set is not what it says
            if (existing == b) {
                throw Error(fmt::format("the budget for {} is like that already", b.provider));
            }
            before = existing;
            existing = b;
            return before;
        }
    }
    b.id = next_free_id("b", data.next_ids.budget, data.budgets);
    data.budgets.push_back(b);
    return before;
}

Budget remove_budget(Data& data, const std::string& provider) {
    const auto* b = data.budget_of(provider);
    if (b == nullptr) {
        throw Error(fmt::format("there is no budget for {}", provider));
    }
    const auto removed = *b;
    std::erase_if(data.budgets, [&](const Budget& x) { return x.provider == provider; });
    return removed;
}

// ---- Import ---------------------------------------------------------------------------

std::string_view import_action_name(ImportAction a) {
    switch (a) {
    case ImportAction::added:
        return "added";
    case ImportAction::updated:
        return "updated";
    case ImportAction::unchanged:
        return "unchanged";
    case ImportAction::removed:
        return "removed";
    case ImportAction::refused:
        return "refused";
    }
    return "refused";
}

namespace {

std::string local_text(LocalMinutes t) {
    return format_local(t).replace(10, 1, " ");
}

// Words joined by "; ".
std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

template <typename T> T* with_uid(std::vector<T>& items, const std::string& uid) {
    if (uid.empty()) {
        return nullptr;
    }
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.uid == uid; });
    return it == items.end() ? nullptr : &*it;
}

// Refuses an event whose uid names a record of another kind, or of another provider.
void refuse_other_record(Data& data, const ImportItem& item, const std::string& provider) {
    const char* kind = item.kind == ImportItem::Kind::session   ? "a session"
                       : item.kind == ImportItem::Kind::absence ? "an absence"
                                                                : "a series";
    if (item.kind != ImportItem::Kind::session) {
        if (const auto* s = with_uid(data.sessions, item.uid)) {
            throw Error(fmt::format("its UID is session {} in the file, and the event is now {}",
                                    s->id, kind));
        }
    }
    if (item.kind != ImportItem::Kind::schedule && item.kind != ImportItem::Kind::occurrence) {
        if (const auto* s = with_uid(data.schedules, item.uid)) {
            throw Error(fmt::format("its UID is schedule {} in the file, and the event is now {}",
                                    s->id, kind));
        }
    }
    if (item.kind != ImportItem::Kind::absence) {
        if (const auto* a = with_uid(data.absences, item.uid)) {
            throw Error(fmt::format("its UID is absence {} in the file, and the event is now {}",
                                    a->id, kind));
        }
    }
    const auto check = [&](const std::string& id, const std::string& owner) {
        if (owner != provider) {
            throw Error(fmt::format("its UID is {} of provider {} in the file (import it with "
                                    "--provider {})",
                                    id, owner, owner));
        }
    };
    if (const auto* s = with_uid(data.sessions, item.uid)) {
        check(s->id, s->provider);
    }
    if (const auto* s = with_uid(data.schedules, item.uid)) {
        check(s->id, s->provider);
    }
    if (const auto* a = with_uid(data.absences, item.uid)) {
        check(a->id, a->provider);
    }
}

OutcomeInput cancellation() {
    OutcomeInput in;
    in.outcome = Outcome::cancelled;
    in.cancelled_by = "provider";
    return in;
}

// Cancels occurrence `id` of a schedule, as the provider; false when it is cancelled already.
// Another recorded outcome or a move is a conflict, refused.
bool cancel_occurrence(Data& data, const Zone& zone, const std::string& id, Instant now) {
    const Timeline timeline(data, zone, now);
    const auto o = timeline.find(id);
    if (!o) {
        throw Error(fmt::format("{} is not a session of its schedule", id));
    }
    if (o->status == Status::rescheduled) {
        throw Error(fmt::format("{} was moved to {} in showup, and the calendar cancels it: "
                                "to cancel the session it was moved to, showup cancel {}",
                                id, o->record->rescheduled_to, o->record->rescheduled_to));
    }
    if (o->record != nullptr && o->record->outcome == Outcome::cancelled) {
        return false;
    }
    if (o->record != nullptr && o->record->outcome) {
        throw Error(fmt::format("{} is recorded {}, and the calendar cancels it: to record the "
                                "cancellation instead, showup cancel {}",
                                id, outcome_name(*o->record->outcome), id));
    }
    record_outcome(data, *o, cancellation(), now);
    return true;
}

// An event that is not cancelled, on a session cancelled in showup: import does not take the
// cancellation off.
void refuse_cancelled(const Session& s) {
    if (s.outcome == Outcome::cancelled) {
        throw Error(fmt::format("{} is cancelled in showup, and the calendar says it happens: to "
                                "take the cancellation off, showup unlog {}",
                                s.id, s.id));
    }
}

ImportResult import_session(Data& data, const Zone& zone, const std::string& provider,
                            const ImportItem& item, Instant now) {
    const Timeline timeline(data, zone, now);
    Session* found = with_uid(data.sessions, item.uid);
    std::vector<std::string> changes;
    if (found == nullptr) {
        // A session of the provider that starts then: the event is about it.
        for (const auto& o : timeline.between(day_of(item.start), day_of(item.start))) {
            if (o.start != item.start || *o.provider != provider ||
                o.status == Status::rescheduled) {
                continue;
            }
            if (o.record != nullptr && !o.record->uid.empty()) {
                throw Error(fmt::format("there is a session then already: {} ({}), from "
                                        "another event",
                                        o.id(), status_name(o.status)));
            }
            const auto id = o.id();
            if (item.cancelled) {
                if (o.record == nullptr || o.record->outcome != Outcome::cancelled) {
                    if (o.schedule != nullptr) {
                        cancel_occurrence(data, zone, id, now);
                    } else if (o.record->outcome) {
                        throw Error(fmt::format("{} is recorded {}, and the calendar cancels it: "
                                                "to record the cancellation instead, showup "
                                                "cancel {}",
                                                id, outcome_name(*o.record->outcome), id));
                    } else {
                        record_outcome(data, o, cancellation(), now);
                    }
                    changes.emplace_back("cancelled");
                }
            } else if (o.record != nullptr) {
                refuse_cancelled(*o.record);
            }
            // A one-off takes the event's uid, so that the next import finds it, and its length.
            if (o.schedule == nullptr) {
                auto& s = *data.find_session(id);
                if (!item.uid.empty()) {
                    s.uid = item.uid;
                    changes.emplace_back("it is this event's session from now on");
                }
                if (s.duration != item.duration) {
                    changes.push_back(fmt::format("{} min (was {})", item.duration, s.duration));
                    s.duration = item.duration;
                }
            }
            if (changes.empty()) {
                return {ImportAction::unchanged, id, "it is there already"};
            }
            return {ImportAction::updated, id,
                    fmt::format("the session at {}: {}", local_text(item.start), joined(changes))};
        }
        // A new one-off.
        const auto placed = add_session(data, timeline, provider, item.start, item.duration, "");
        auto& s = *data.find_session(placed.id);
        s.uid = item.uid;
        std::string detail = fmt::format("{}, {} min", local_text(item.start), item.duration);
        if (item.cancelled) {
            record_outcome(data, Timeline(data, zone, now).from_record(s), cancellation(), now);
            detail += ", cancelled";
        }
        if (placed.absence != nullptr) {
            detail += fmt::format(", inside absence {} (it happens)", placed.absence->id);
        }
        return {ImportAction::added, placed.id, detail};
    }
    // The session this event made before.
    const auto id = found->id;
    const bool moves = found->start != item.start;
    if (!found->rescheduled_to.empty()) {
        // Moved in showup: the calendar may say what it said, not change it.
        if (!moves && found->duration == item.duration && !item.cancelled) {
            return {ImportAction::unchanged, id,
                    fmt::format("moved to {} in showup", found->rescheduled_to)};
        }
        throw Error(fmt::format("{} was moved to {} in showup: the calendar's changes to it are "
                                "not taken (showup show {})",
                                id, found->rescheduled_to, id));
    }
    if (moves && found->outcome) {
        throw Error(fmt::format("{} is recorded {}, and the calendar moves it to {}: to move it, "
                                "showup reschedule {} --to \"{}\"",
                                id, outcome_name(*found->outcome), local_text(item.start), id,
                                local_text(item.start)));
    }
    if (item.cancelled) {
        if (found->outcome && found->outcome != Outcome::cancelled) {
            throw Error(fmt::format("{} is recorded {}, and the calendar cancels it: to record "
                                    "the cancellation instead, showup cancel {}",
                                    id, outcome_name(*found->outcome), id));
        }
    } else {
        refuse_cancelled(*found);
    }
    if (moves) {
        refuse_out_of_range(day_of(item.start));
        refuse_double_booking(timeline, provider, item.start);
        const auto* absence = timeline.absence_on(provider, day_of(item.start));
        changes.push_back(
            fmt::format("moved from {} to {}", local_text(found->start), local_text(item.start)));
        found->start = item.start;
        found->overrides_absence = absence != nullptr ? absence->id : "";
    }
    if (found->duration != item.duration) {
        changes.push_back(fmt::format("{} min (was {})", item.duration, found->duration));
        found->duration = item.duration;
    }
    if (item.cancelled && found->outcome != Outcome::cancelled) {
        record_outcome(data, Timeline(data, zone, now).from_record(*found), cancellation(), now);
        changes.emplace_back("cancelled");
    }
    if (changes.empty()) {
        return {ImportAction::unchanged, id, "as imported before"};
    }
    return {ImportAction::updated, id, joined(changes)};
}

std::string rule_text(const Schedule& s) {
    const auto days = s.days_text();
    auto out = s.every_weeks == 1 ? fmt::format("every {} at {}", days, format_time_of_day(s.at))
                                  : fmt::format("every {} weeks on {} at {}", s.every_weeks, days,
                                                format_time_of_day(s.at));
    out += fmt::format(", {} min, from {}", s.duration, format_date(s.from));
    if (s.until) {
        out += " to " + format_date(*s.until);
    }
    return out;
}

// Cancels the occurrences of schedule `id` on `days`; says how many, and which kept what
// was recorded on them.
std::vector<std::string> cancel_days(Data& data, const Zone& zone, const std::string& id,
                                     const std::vector<LocalDays>& days, Instant now) {
    std::vector<std::string> out;
    std::size_t cancelled = 0;
    for (const auto day : days) {
        const auto* s = data.find_schedule(id);
        if (!s->occurs_on(day)) {
            continue;
        }
        cancelled += cancel_occurrence(data, zone, occurrence_id(id, day), now) ? 1U : 0U;
    }
    if (cancelled > 0) {
        out.push_back(fmt::format("{} session{} cancelled", cancelled, cancelled == 1 ? "" : "s"));
    }
    return out;
}

// A cancelled series: its sessions that started stay, the others go.
ImportResult end_series(Data& data, const Zone& zone, Schedule& s, Instant now) {
    const Timeline timeline(data, zone, now);
    std::optional<LocalDays> last;
    const auto today = timeline.today();
    if (s.from <= today) {
        for (const auto& o :
             timeline.between(s.from, s.until ? std::min(*s.until, today) : today)) {
            if (o.schedule == &s && o.started) {
                last = day_of(o.slot);
            }
        }
    }
    const auto id = s.id;
    if (!last) {
        const bool records = std::any_of(data.sessions.begin(), data.sessions.end(),
                                         [&](const Session& r) { return r.schedule == id; });
        if (records) {
            throw Error(fmt::format("the series is cancelled, and schedule {} has records: to "
                                    "remove it with them, showup schedule remove {} "
                                    "--with-records",
                                    id, id));
        }
        std::erase_if(data.schedules, [&](const Schedule& x) { return x.id == id; });
        return {ImportAction::removed, id, "the series is cancelled before it started"};
    }
    if (s.until && *s.until <= *last) {
        return {ImportAction::unchanged, id, "cancelled, and ended already"};
    }
    end_schedule(data, id, *last);
    return {ImportAction::updated, id,
            fmt::format("the series is cancelled: it ends after {}", format_date(*last))};
}

ImportResult import_schedule(Data& data, const Zone& zone, const std::string& provider,
                             const ImportItem& item, Instant now) {
    const auto& rule = item.schedule;
    const auto same_rule = [&](const Schedule& s) {
        return s.weekdays == rule.weekdays && s.at == rule.at &&
               s.every_weeks == rule.every_weeks && s.from == rule.from && s.until == rule.until &&
               s.duration == rule.duration;
    };
    Schedule* found = with_uid(data.schedules, item.uid);
    bool adopted = false;
    if (found == nullptr) {
        for (auto& s : data.schedules) {
            if (s.provider == provider && s.uid.empty() && same_rule(s)) {
                found = &s;
                adopted = !item.uid.empty();
                break;
            }
        }
    }
    if (found == nullptr) {
        if (item.cancelled) {
            return {ImportAction::unchanged, "", "a cancelled series: nothing to add"};
        }
        refuse_out_of_range(rule.from);
        if (rule.until) {
            refuse_out_of_range(*rule.until);
        }
        Schedule s = rule;
        s.id = new_schedule_id(data);
        s.provider = provider;
        s.uid = item.uid;
        data.schedules.push_back(s);
        auto changes = cancel_days(data, zone, s.id, item.cancelled_days, now);
        changes.insert(changes.begin(), rule_text(s));
        return {ImportAction::added, s.id, joined(changes)};
    }
    if (item.cancelled) {
        return end_series(data, zone, *found, now);
    }
    std::vector<std::string> changes;
    if (adopted) {
        found->uid = item.uid;
        changes.emplace_back("it is this event's schedule from now on");
    }
    if (!same_rule(*found)) {
        refuse_out_of_range(rule.from);
        if (rule.until) {
            refuse_out_of_range(*rule.until);
        }
        changes.push_back(fmt::format("{} (was {})", rule_text(rule), rule_text(*found)));
        found->weekdays = rule.weekdays;
        found->at = rule.at;
        found->every_weeks = rule.every_weeks;
        found->from = rule.from;
        found->until = rule.until;
        found->duration = rule.duration;
    }
    const auto id = found->id;
    for (auto& c : cancel_days(data, zone, id, item.cancelled_days, now)) {
        changes.push_back(std::move(c));
    }
    if (changes.empty()) {
        return {ImportAction::unchanged, id,
                found->uid.empty() ? "it is there already" : "as imported before"};
    }
    return {ImportAction::updated, id, joined(changes)};
}

ImportResult import_absence(Data& data, const std::string& provider, const ImportItem& item) {
    Absence* found = with_uid(data.absences, item.uid);
    bool adopted = false;
    if (found == nullptr) {
        for (auto& a : data.absences) {
            if (!a.mine && a.provider == provider && a.uid.empty() && a.from == item.from &&
                a.to == item.to) {
                found = &a;
                adopted = !item.uid.empty();
                break;
            }
        }
    }
    const auto days = fmt::format("{} to {}", format_date(item.from), format_date(item.to));
    if (found == nullptr) {
        if (item.cancelled) {
            return {ImportAction::unchanged, "", "a cancelled absence: nothing to add"};
        }
        Absence a;
        a.provider = provider;
        a.from = item.from;
        a.to = item.to;
        a.reason = item.reason;
        a.uid = item.uid;
        const auto id = add_absence(data, a);
        return {ImportAction::added, id, days};
    }
    const auto id = found->id;
    if (item.cancelled) {
        std::erase_if(data.absences, [&](const Absence& a) { return a.id == id; });
        return {ImportAction::removed, id, "the absence is cancelled"};
    }
    std::vector<std::string> changes;
    if (adopted) {
        found->uid = item.uid;
        changes.emplace_back("it is this event's absence from now on");
    }
    if (found->from != item.from || found->to != item.to) {
        Absence after = *found;
        after.from = item.from;
        after.to = item.to;
        refuse_out_of_range(after.from);
        refuse_out_of_range(after.to);
        refuse_overlap(data, after);
        changes.push_back(fmt::format("{} (was {} to {})", days, format_date(found->from),
                                      format_date(found->to)));
        *found = after;
    }
    if (found->reason != item.reason) {
        changes.push_back(fmt::format("reason \"{}\"", item.reason));
        found->reason = item.reason;
    }
    if (changes.empty()) {
        return {ImportAction::unchanged, id,
                found->uid.empty() ? "it is there already" : "as imported before"};
    }
    return {ImportAction::updated, id, joined(changes)};
}

// An event that changes one occurrence of a series: cancels or moves it.
ImportResult import_occurrence(Data& data, const Zone& zone, const ImportItem& item, Instant now) {
    const auto* s = with_uid(data.schedules, item.uid);
    if (s == nullptr) {
        throw Error("it changes one session of a series that is not in the file: import the "
                    "series (its event without RECURRENCE-ID) first");
    }
    const auto id = occurrence_id(s->id, item.day);
    if (!s->occurs_on(item.day)) {
        throw Error(fmt::format("schedule {} has no session on {}", s->id, format_date(item.day)));
    }
    if (item.cancelled) {
        return cancel_occurrence(data, zone, id, now)
                   ? ImportResult{ImportAction::updated, id, "cancelled"}
                   : ImportResult{ImportAction::unchanged, id, "cancelled already"};
    }
    const Timeline timeline(data, zone, now);
    const auto o = *timeline.find(id);
    if (o.status != Status::rescheduled) {
        if (o.record != nullptr) {
            refuse_cancelled(*o.record);
        }
        if (item.start == o.start && item.duration == o.duration) {
            return {ImportAction::unchanged, id, "at its usual time"};
        }
        if (o.record != nullptr && o.record->outcome) {
            throw Error(fmt::format("{} is recorded {}, and the calendar moves it to {}: to move "
                                    "it, showup reschedule {} --to \"{}\"",
                                    id, outcome_name(*o.record->outcome), local_text(item.start),
                                    id, local_text(item.start)));
        }
        if (item.start == o.start) {
            auto& r = record_of(data, o);
            r.duration = item.duration;
            return {ImportAction::updated, id, fmt::format("{} min", item.duration)};
        }
        const auto moved = reschedule(data, timeline, o, item.start, "provider", std::nullopt);
        data.find_session(moved.to.id)->duration = item.duration;
        return {ImportAction::updated, id,
                fmt::format("moved to {} ({}), {} min", local_text(item.start), moved.to.id,
                            item.duration)};
    }
    // Moved before: the session it was moved to follows the calendar.
    auto* to = data.find_session(o.record->rescheduled_to);
    if (to->start == item.start && to->duration == item.duration) {
        return {ImportAction::unchanged, id, fmt::format("moved to {} already", to->id)};
    }
    if (to->outcome) {
        throw Error(fmt::format("{} was moved to {}, which is recorded {}: the calendar's change "
                                "is not taken",
                                id, to->id, outcome_name(*to->outcome)));
    }
    std::vector<std::string> changes;
    if (to->start != item.start) {
        refuse_out_of_range(day_of(item.start));
        refuse_double_booking(timeline, *o.provider, item.start);
        const auto* absence = timeline.absence_on(*o.provider, day_of(item.start));
        changes.push_back(fmt::format("{} moved from {} to {}", to->id, local_text(to->start),
                                      local_text(item.start)));
        to->start = item.start;
        to->overrides_absence = absence != nullptr ? absence->id : "";
    }
    if (to->duration != item.duration) {
        changes.push_back(fmt::format("{} min (was {})", item.duration, to->duration));
        to->duration = item.duration;
    }
    return {ImportAction::updated, id, joined(changes)};
}

ImportResult import_one(Data& data, const Zone& zone, const std::string& provider,
                        const ImportItem& item, Instant now) {
    if (!item.uid.empty()) {
        refuse_other_record(data, item, provider);
    }
    switch (item.kind) {
    case ImportItem::Kind::session:
        return import_session(data, zone, provider, item, now);
    case ImportItem::Kind::schedule:
        return import_schedule(data, zone, provider, item, now);
    case ImportItem::Kind::absence:
        return import_absence(data, provider, item);
    case ImportItem::Kind::occurrence:
        return import_occurrence(data, zone, item, now);
    }
    return {};
}

} // namespace

std::vector<ImportResult> import_events(Data& data, const Zone& zone, const std::string& provider,
                                        const std::vector<ImportItem>& items, Instant now) {
    if (data.find_provider(provider) == nullptr) {
        throw Error(fmt::format("no provider \"{}\" (see 'showup provider list')", provider));
    }
    std::vector<std::size_t> order;
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if ((items[i].kind == ImportItem::Kind::occurrence) == (pass == 1)) {
                order.push_back(i);
            }
        }
    }
    std::vector<ImportResult> results(items.size());
    for (const auto i : order) {
        // Each on a copy: one refused leaves nothing behind.
        Data trial = data;
        try {
            results[i] = import_one(trial, zone, provider, items[i], now);
            if (const auto v = find_violation(trial)) {
                throw Error(
                    fmt::format("it would make the file invalid ({}: {})", v->place, v->message));
            }
        } catch (const Error& e) {
            results[i] = {ImportAction::refused, "", e.what()};
            continue;
        }
        data = std::move(trial);
    }
    return results;
}

} // namespace showup
