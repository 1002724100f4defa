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

std::string new_session_id(Data& data) {
    return fmt::format("o{}", data.next_ids.session++);
}

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
    const auto by = in.cancelled_by.value_or(same ? r->cancelled_by : std::string());
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
    s.reason = in.reason.value_or(same ? s.reason : std::string());
    if (in.outcome != Outcome::attended) {
        s.late_minutes = 0;
    }
    if (in.outcome != Outcome::skipped) {
        s.no_show = false;
    }
    if (in.outcome == Outcome::cancelled) {
        s.cancelled_by = in.cancelled_by.value_or(same ? s.cancelled_by : std::string());
        s.told = in.told ? in.told : same && s.told ? s.told : now;
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
    a.id = fmt::format("a{}", data.next_ids.absence++);
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

Contact* find_contact(Data& data, const std::string& id) {
    auto it = std::find_if(data.contacts.begin(), data.contacts.end(),
                           [&](const Contact& c) { return c.id == id; });
    if (it == data.contacts.end()) {
        throw Error(fmt::format("no contact \"{}\" (see 'showup contact list')", id));
    }
    return &*it;
}
} // namespace

std::string add_contact(Data& data, Contact c, const Zone& zone, Instant now) {
    check_contact(data, c, zone, now);
    c.id = fmt::format("c{}", data.next_ids.contact++);
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
    item.id = fmt::format("t{}", data.next_ids.agenda++);
    item.text = text;
    item.added = now;
    data.agenda.push_back(item);
    return item.id;
}

namespace {
AgendaItem* find_agenda_item(Data& data, const std::string& id) {
    auto it = std::find_if(data.agenda.begin(), data.agenda.end(),
                           [&](const AgendaItem& a) { return a.id == id; });
    if (it == data.agenda.end()) {
        throw Error(fmt::format("no topic \"{}\" (see 'showup agenda list --all')", id));
    }
    return &*it;
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
            if (existing == b) {
                throw Error(fmt::format("the budget for {} is like that already", b.provider));
            }
            before = existing;
            existing = b;
            return before;
        }
    }
    b.id = fmt::format("b{}", data.next_ids.budget++);
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

} // namespace showup
