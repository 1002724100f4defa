#include "showup/merge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace showup {

namespace {

void add(RecordFields& f, const char* key, std::string value) {
    if (!value.empty()) {
        f.emplace_back(key, std::move(value));
    }
}

void add_changed_at(RecordFields& f, const std::optional<Instant>& at) {
    if (at) {
        f.emplace_back("changed_at", format_utc(*at));
    }
}

} // namespace

RecordFields record_fields(const Provider& p) {
    RecordFields f;
    add(f, "id", p.id);
    add(f, "name", p.name);
    add(f, "duration", std::to_string(p.duration));
    add(f, "notice_minutes", p.notice_minutes ? std::to_string(*p.notice_minutes) : "");
    add(f, "fee_cents", p.fee_cents ? std::to_string(*p.fee_cents) : "");
    add_changed_at(f, p.changed_at);
    return f;
}

RecordFields record_fields(const Schedule& s) {
    RecordFields f;
    add(f, "id", s.id);
    add(f, "provider", s.provider);
    add(f, "days", s.days_text());
    add(f, "at", format_time_of_day(s.at));
    add(f, "every_weeks", std::to_string(s.every_weeks));
    add(f, "from", format_date(s.from));
    add(f, "until", s.until ? format_date(*s.until) : "");
    add(f, "duration", std::to_string(s.duration));
    add_changed_at(f, s.changed_at);
    return f;
}

RecordFields record_fields(const Session& s) {
    RecordFields f;
    add(f, "id", s.id);
    add(f, "schedule", s.schedule);
    add(f, "start", format_local(s.start));
    add(f, "duration", std::to_string(s.duration));
    add(f, "provider", s.provider);
    add(f, "outcome", s.outcome ? std::string(outcome_name(*s.outcome)) : "");
    add(f, "late_minutes", s.late_minutes > 0 ? std::to_string(s.late_minutes) : "");
    add(f, "no_show", s.no_show ? "true" : "");
    add(f, "note", s.note);
    add(f, "reason", s.reason);
    add(f, "rescheduled_from", s.rescheduled_from);
    add(f, "rescheduled_to", s.rescheduled_to);
    add(f, "moved_by", s.moved_by);
    add(f, "overrides_absence", s.overrides_absence);
    add(f, "recorded_at", s.recorded_at ? format_utc(*s.recorded_at) : "");
    add(f, "cancelled_by", s.cancelled_by);
    add(f, "told", s.told ? format_utc(*s.told) : "");
    add_changed_at(f, s.changed_at.as_optional());
    return f;
}

RecordFields record_fields(const Absence& a) {
    RecordFields f;
    add(f, "id", a.id);
    add(f, "mine", a.mine ? "true" : "");
    add(f, "provider", a.provider);
    add(f, "from", format_date(a.from));
    add(f, "to", format_date(a.to));
    add(f, "reason", a.reason);
    add(f, "announced", a.announced ? format_date(*a.announced) : "");
    add_changed_at(f, a.changed_at);
    return f;
}

RecordFields record_fields(const Contact& c) {
    RecordFields f;
    add(f, "id", c.id);
    add(f, "at", format_local(c.at));
    add(f, "provider", c.provider);
    add(f, "kind", c.kind);
    add(f, "minutes", c.minutes ? std::to_string(*c.minutes) : "");
    add(f, "note", c.note);
    add_changed_at(f, c.changed_at);
    return f;
}

RecordFields record_fields(const AgendaItem& a) {
    RecordFields f;
    add(f, "id", a.id);
    add(f, "text", a.text);
    add(f, "added", format_utc(a.added));
    add(f, "session", a.session);
    add(f, "done", a.done ? format_utc(*a.done) : "");
    add_changed_at(f, a.changed_at);
    return f;
}

RecordFields record_fields(const Budget& b) {
    RecordFields f;
    add(f, "id", b.id);
    add(f, "provider", b.provider);
    add(f, "sessions", std::to_string(b.sessions));
    add(f, "per_year", b.per_year ? "true" : "");
    add(f, "from", b.from ? format_date(*b.from) : "");
    add(f, "to", b.to ? format_date(*b.to) : "");
    std::string uses;
    for (const auto& [bit, name] : k_budget_uses) {
        if ((b.uses & bit) != 0) {
            uses += (uses.empty() ? "" : ",") + std::string(name);
        }
    }
    add(f, "uses", uses);
    add_changed_at(f, b.changed_at);
    return f;
}

namespace {

// Whether two records with one id are the same record (changed, perhaps), or two records that
// got the same id on two copies. Ids of providers are names (never renumbered); an
// occurrence's id is its slot.
bool same_identity(const Schedule& a, const Schedule& b) {
    // Ending a schedule changes `until` only.
    return a.provider == b.provider && a.from == b.from && a.at == b.at &&
           a.weekdays == b.weekdays && a.every_weeks == b.every_weeks;
}
bool same_identity(const Session& a, const Session& b) {
    // An occurrence's id is its slot. A one-off's start never changes (a move makes a new
    // session); one at the same time is the same session, added on both copies.
    if (a.schedule.empty() != b.schedule.empty()) {
        return false;
    }
    return a.schedule.empty() ? a.start == b.start : a.id == b.id;
}
bool same_identity(const Absence& a, const Absence& b) {
    // Editing moves its dates, so the same one overlaps itself, mostly.
    return a.mine == b.mine && a.provider == b.provider && a.from <= b.to && b.from <= a.to;
}
bool same_identity(const Contact& a, const Contact& b) {
    return a.at == b.at || (!a.note.empty() && a.note == b.note);
}
bool same_identity(const AgendaItem& a, const AgendaItem& b) {
    return a.added == b.added && a.text == b.text;
}
bool same_identity(const Budget& a, const Budget& b) {
    return a.provider == b.provider;
}

// Whether a record of ours under another id than `b`'s is `b` (an earlier merge gave it a new
// id, or both copies added it): the same identity, and for time away and contacts, which it
// matches loosely, the same days or time.
template <typename T> bool same_record(const T& a, const T& b) {
    return same_identity(a, b);
}
bool same_record(const Absence& a, const Absence& b) {
    return same_identity(a, b) && a.from == b.from && a.to == b.to;
}
bool same_record(const Contact& a, const Contact& b) {
    return a.at == b.at && a.provider == b.provider;
}

// Whether a field says nothing (so that the other copy's value is taken without a conflict).
bool blank(const std::string& s) {
    return s.empty();
}
bool blank(const RareText& s) {
    return s.empty();
}
bool blank(bool b) {
    return !b;
}
bool blank(int n) {
    return n == 0;
}
template <typename T> bool blank(const std::optional<T>& v) {
    return !v;
}
bool blank(const MaybeInstant& v) {
    return !v;
}
template <typename T> bool blank(const T& /*always said: a date, a time, a count*/) {
    return false;
}

// The fields of `fields` named in `names`.
RecordFields only(const RecordFields& fields, const std::vector<std::string>& names) {
    RecordFields out;
    for (const auto& field : fields) {
        if (std::find(names.begin(), names.end(), field.first) != names.end()) {
            out.push_back(field);
        }
    }
    return out;
}

std::string when_text(const std::optional<Instant>& at) {
    return at ? format_utc(*at) : "no time";
}

// Merges into ours a record both copies have, group of fields by group: a field only one copy
// filled is taken from it; fields both filled differently conflict, and the group's more recent
// change wins them (with no time or the same, the one later in text order: the same from
// either side). A group taken `whole` (an outcome and what goes with it, a range of dates)
// comes from the winner entirely when any of its fields conflicts.
class RecordMerge {
public:
    template <typename T>
    RecordMerge(const char* collection, const T& ours, const T& theirs, MergeResult& result)
        : m_collection(collection), m_id(ours.id), m_ours(record_fields(ours)),
          m_theirs(record_fields(theirs)), m_result(result) {}

    template <typename Visit>
    void group(const Visit& visit, std::optional<Instant> ours_time,
               std::optional<Instant> theirs_time, bool whole) {
        std::vector<std::string> differ;
        bool clash = false;
        visit([&](const char* name, const auto& o, const auto& t) {
            if (!(o == t)) {
                differ.emplace_back(name);
                clash = clash || (!blank(o) && !blank(t));
            }
        });
        bool theirs_wins = false;
        if (clash) {
            theirs_wins = conflict(whole ? differ : clashing(visit), ours_time, theirs_time);
        }
        visit([&](const char*, auto& o, const auto& t) {
            const bool take = clash && (whole || (!blank(o) && !blank(t))) ? theirs_wins : blank(o);
            if (!(o == t) && take) {
                o = t;
                m_took_theirs = true;
            }
        });
    }

    // Whether ours took something from theirs without a conflict.
    bool updated() const { return m_took_theirs && !m_conflicted; }

private:
    template <typename Visit> std::vector<std::string> clashing(const Visit& visit) const {
        std::vector<std::string> names;
        visit([&](const char* name, const auto& o, const auto& t) {
            if (!(o == t) && !blank(o) && !blank(t)) {
                names.emplace_back(name);
            }
        });
        return names;
    }

    // Lists the conflict over the fields `names`; returns whether theirs wins it.
    bool conflict(const std::vector<std::string>& names, std::optional<Instant> ours_time,
                  std::optional<Instant> theirs_time) {
        MergeConflict c{m_collection, m_id, only(m_ours, names), only(m_theirs, names), false, {}};
        if (ours_time != theirs_time) {
            c.kept_theirs = theirs_time > ours_time;
            c.why = fmt::format("{} was changed later ({}, the other {})",
                                c.kept_theirs ? "theirs" : "ours",
                                when_text(c.kept_theirs ? theirs_time : ours_time),
                                when_text(c.kept_theirs ? ours_time : theirs_time));
        } else {
            c.kept_theirs = c.theirs > c.ours;
            c.why = fmt::format("both were changed at {}; the later in text order",
                                when_text(ours_time));
        }
        m_conflicted = true;
        m_result.conflicts.push_back(c);
        return c.kept_theirs;
    }

    const char* m_collection;
    std::string m_id;
    RecordFields m_ours;
    RecordFields m_theirs;
    MergeResult& m_result;
    bool m_took_theirs = false;
    bool m_conflicted = false;
};

// The groups of fields of each kind of record; what identifies a record (same_identity) is
// the same on both copies and not merged.
void merge_fields(RecordMerge& m, Provider& o, const Provider& t) {
    m.group(
        [&](auto&& f) {
            f("name", o.name, t.name);
            f("duration", o.duration, t.duration);
            f("notice_minutes", o.notice_minutes, t.notice_minutes);
            f("fee_cents", o.fee_cents, t.fee_cents);
        },
        o.changed_at, t.changed_at, false);
}

void merge_fields(RecordMerge& m, Schedule& o, const Schedule& t) {
    m.group(
        [&](auto&& f) {
            f("until", o.until, t.until);
            f("duration", o.duration, t.duration);
            f("uid", o.uid, t.uid);
        },
        o.changed_at, t.changed_at, false);
}

void merge_fields(RecordMerge& m, Session& o, const Session& t) {
    // An outcome was recorded at `recorded_at` (a later edit of its words aside).
    const auto ours_recorded = (o.recorded_at ? o.recorded_at : o.changed_at).as_optional();
    const auto theirs_recorded = (t.recorded_at ? t.recorded_at : t.changed_at).as_optional();
    const auto ours_outcome = o.outcome;
    m.group(
        [&](auto&& f) {
            f("outcome", o.outcome, t.outcome);
            f("late_minutes", o.late_minutes, t.late_minutes);
            f("no_show", o.no_show, t.no_show);
            f("cancelled_by", o.cancelled_by, t.cancelled_by);
            f("told", o.told, t.told);
        },
        ours_recorded, theirs_recorded, true);
    if (o.outcome == t.outcome && o.outcome == ours_outcome) {
        o.recorded_at = std::max(o.recorded_at, t.recorded_at);
    } else if (o.outcome == t.outcome) {
        o.recorded_at = t.recorded_at;
    }
    m.group(
        [&](auto&& f) {
            f("duration", o.duration, t.duration);
            f("provider", o.provider, t.provider);
            f("note", o.note, t.note);
            f("reason", o.reason, t.reason);
            f("rescheduled_from", o.rescheduled_from, t.rescheduled_from);
            f("rescheduled_to", o.rescheduled_to, t.rescheduled_to);
            f("moved_by", o.moved_by, t.moved_by);
            f("overrides_absence", o.overrides_absence, t.overrides_absence);
            f("uid", o.uid, t.uid);
        },
        o.changed_at.as_optional(), t.changed_at.as_optional(), false);
}

void merge_fields(RecordMerge& m, Absence& o, const Absence& t) {
    m.group(
        [&](auto&& f) {
            f("from", o.from, t.from);
            f("to", o.to, t.to);
        },
        o.changed_at, t.changed_at, true);
    m.group(
        [&](auto&& f) {
            f("reason", o.reason, t.reason);
            f("announced", o.announced, t.announced);
            f("uid", o.uid, t.uid);
        },
        o.changed_at, t.changed_at, false);
}

void merge_fields(RecordMerge& m, Contact& o, const Contact& t) {
    m.group(
        [&](auto&& f) {
            f("at", o.at, t.at);
            f("provider", o.provider, t.provider);
            f("kind", o.kind, t.kind);
            f("minutes", o.minutes, t.minutes);
            f("note", o.note, t.note);
        },
        o.changed_at, t.changed_at, false);
}

void merge_fields(RecordMerge& m, AgendaItem& o, const AgendaItem& t) {
    m.group(
        [&](auto&& f) {
            f("session", o.session, t.session);
            f("done", o.done, t.done);
        },
        o.changed_at, t.changed_at, false);
}

void merge_fields(RecordMerge& m, Budget& o, const Budget& t) {
    m.group(
        [&](auto&& f) {
            f("sessions", o.sessions, t.sessions);
            f("per_year", o.per_year, t.per_year);
            f("from", o.from, t.from);
            f("to", o.to, t.to);
            f("uses", o.uses, t.uses);
        },
        o.changed_at, t.changed_at, true);
}

template <typename T> void insert_record(std::vector<T>& items, T item) {
    items.push_back(std::move(item));
}
// Sessions stay in time order: a new one goes after those that start before or with it.
void insert_record(std::vector<Session>& items, Session item) {
    const auto at = std::find_if(items.begin(), items.end(),
                                 [&](const Session& s) { return s.start > item.start; });
    items.insert(at, std::move(item));
}

template <typename T>
void merge_collection(const char* name, std::vector<T>& out, const std::vector<T>& theirs,
                      MergeResult& result) {
    for (const auto& t : theirs) {
        auto it = std::find_if(out.begin(), out.end(), [&](const T& o) { return o.id == t.id; });
        if (it == out.end()) {
            insert_record(out, t);
            result.added.push_back({name, t.id});
            continue;
        }
        RecordMerge merge(name, *it, t, result);
        merge_fields(merge, *it, t);
        it->changed_at = std::max(it->changed_at, t.changed_at);
        if (merge.updated()) {
            result.updated.push_back({name, t.id});
        }
    }
}

// Gives records of `theirs` the ids they have in ours: the record of ours that is the same
// (`same_identity`) under another id, or a new id from `ids` when ours uses theirs for another
// record. Every id is chosen first against theirs as it came, then all are changed at once,
// with what refers to them.
class Renumbering {
public:
    Renumbering(const Data& ours, Data& theirs, NextIds& ids, MergeResult& result)
        : m_ours(ours), m_theirs(theirs), m_ids(ids), m_result(result) {}

    void run() {
        const auto schedules = moves("schedules", m_ours.schedules, m_theirs.schedules, "s",
                                     m_ids.schedule, [](const Schedule&) { return true; });
        const auto one_offs =
            moves("sessions", m_ours.sessions, m_theirs.sessions, "o", m_ids.session,
                  [](const Session& s) { return s.schedule.empty(); });
        const auto absences = moves("absences", m_ours.absences, m_theirs.absences, "a",
                                    m_ids.absence, [](const Absence&) { return true; });
        const auto any = [](const auto&) { return true; };
        apply(m_theirs.contacts,
              moves("contacts", m_ours.contacts, m_theirs.contacts, "c", m_ids.contact, any));
        apply(m_theirs.agenda,
              moves("agenda", m_ours.agenda, m_theirs.agenda, "t", m_ids.agenda, any));
        apply(m_theirs.budgets,
              moves("budgets", m_ours.budgets, m_theirs.budgets, "b", m_ids.budget, any));
        apply(m_theirs.schedules, schedules);
        apply(m_theirs.absences, absences);

        // An occurrence's id follows its schedule's; what refers to a session follows it.
        auto sessions = one_offs;
        for (auto& s : m_theirs.sessions) {
            if (const auto it = schedules.find(s.schedule); it != schedules.end()) {
                s.schedule = it->second;
                sessions[s.id] = occurrence_id(s.schedule, day_of(s.start));
            }
        }
        for (auto& s : m_theirs.sessions) {
            follow(s.id, sessions);
            follow(s.rescheduled_from, sessions);
            follow(s.rescheduled_to, sessions);
            follow(s.overrides_absence, absences);
        }
        for (auto& a : m_theirs.agenda) {
            follow(a.session, sessions);
        }
    }

private:
    using Moves = std::map<std::string, std::string>;

    // `id`: a std::string, or a session's RareText.
    template <typename Text> static void follow(Text& id, const Moves& moved) {
        if (const auto it = moved.find(id); it != moved.end()) {
            id = it->second;
        }
    }
    template <typename T> static void apply(std::vector<T>& items, const Moves& moved) {
        for (auto& item : items) {
            follow(item.id, moved);
        }
    }

    // The new ids of the records of theirs (those `eligible`) that get one, listed.
    template <typename T, typename Eligible>
    Moves moves(const char* name, const std::vector<T>& ours, const std::vector<T>& theirs,
                const char* prefix, int& next, Eligible eligible) {
        Moves out;
        for (const auto& record : theirs) {
            if (!eligible(record)) {
                continue;
            }
            if (auto to = new_id(ours, theirs, record)) {
                if (to->empty()) {
                    *to = fmt::format("{}{}", prefix, next++);
                }
                m_result.renumbered.push_back({name, record.id, *to});
                out.emplace(record.id, *to);
            }
        }
        return out;
    }

    // The id `record` of theirs gets here: none when it keeps its own; the id of the record of
    // ours that is the same (an earlier merge gave it another id, or both copies added it),
    // when that one is not matched by its own id; else, when ours uses its id for another
    // record, a new one (empty).
    template <typename T>
    std::optional<std::string> new_id(const std::vector<T>& ours, const std::vector<T>& theirs,
                                      const T& record) {
        const auto mine =
            std::find_if(ours.begin(), ours.end(), [&](const T& o) { return o.id == record.id; });
        if (mine != ours.end() && same_identity(*mine, record)) {
            m_claimed.insert(&*mine);
            return std::nullopt;
        }
        for (const auto& o : ours) {
            const auto matched = std::any_of(theirs.begin(), theirs.end(), [&](const T& t) {
                return t.id == o.id && same_identity(o, t);
            });
            if (!matched && !m_claimed.contains(&o) && same_record(o, record)) {
                m_claimed.insert(&o);
                return o.id;
            }
        }
        if (mine == ours.end()) {
            return std::nullopt;
        }
        return std::string();
    }

    const Data& m_ours;
    Data& m_theirs;
    NextIds& m_ids;
    MergeResult& m_result;
    // Records of ours that a record of theirs is matched with already.
    std::set<const void*> m_claimed;
};

} // namespace

MergeResult merge_data(const Data& ours, const Data& theirs_in) {
    MergeResult result;
    result.data = ours;
    auto& ids = result.data.next_ids;
    const auto& other = theirs_in.next_ids;
    ids.schedule = std::max(ids.schedule, other.schedule);
    ids.session = std::max(ids.session, other.session);
    ids.absence = std::max(ids.absence, other.absence);
    ids.contact = std::max(ids.contact, other.contact);
    ids.agenda = std::max(ids.agenda, other.agenda);
    ids.budget = std::max(ids.budget, other.budget);

    Data theirs = theirs_in;
    Renumbering(ours, theirs, ids, result).run();

    auto& d = result.data;
    merge_collection("providers", d.providers, theirs.providers, result);
    merge_collection("schedules", d.schedules, theirs.schedules, result);
    merge_collection("sessions", d.sessions, theirs.sessions, result);
    merge_collection("absences", d.absences, theirs.absences, result);
    merge_collection("contacts", d.contacts, theirs.contacts, result);
    merge_collection("agenda", d.agenda, theirs.agenda, result);
    merge_collection("budgets", d.budgets, theirs.budgets, result);
    return result;
}

} // namespace showup
