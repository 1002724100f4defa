#include "showup/merge.hpp"

#include <algorithm>
#include <map>

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
    std::string days;
    for (auto wd : s.days()) {
        days += (days.empty() ? "" : ",") + std::string(weekday_name(wd));
    }
    add(f, "days", days);
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
    add_changed_at(f, s.changed_at);
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
    // A one-off's start never changes (a move makes a new session).
    return !a.schedule.empty() || (b.schedule.empty() && a.start == b.start);
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

// When the record was last changed, as far as it says.
template <typename T> std::optional<Instant> changed_time(const T& r) {
    return r.changed_at;
}
std::optional<Instant> changed_time(const Session& s) {
    return std::max(s.changed_at, s.recorded_at);
}

// What the record says, without when it was changed.
template <typename T> RecordFields content(const T& r) {
    auto f = record_fields(r);
    std::erase_if(f, [](const auto& field) {
        return field.first == "changed_at" || field.first == "recorded_at";
    });
    return f;
}

// Whether `winner` says everything `loser` says.
bool holds(const RecordFields& winner, const RecordFields& loser) {
    return std::all_of(loser.begin(), loser.end(), [&](const auto& field) {
        return std::find(winner.begin(), winner.end(), field) != winner.end();
    });
}

template <typename T> bool same_content(T a, T b) {
    a.changed_at.reset();
    b.changed_at.reset();
    return a == b;
}

// The fields in which `a` and `b` differ, of `a`.
RecordFields differing(const RecordFields& a, const RecordFields& b) {
    RecordFields out;
    for (const auto& field : a) {
        if (std::find(b.begin(), b.end(), field) == b.end() || field.first == "changed_at") {
            out.push_back(field);
        }
    }
    return out;
}

std::string when_text(const std::optional<Instant>& at) {
    return at ? format_utc(*at) : "no time";
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
        if (same_content(*it, t)) {
            it->changed_at = std::max(it->changed_at, t.changed_at);
            continue;
        }
        const auto ours_time = changed_time(*it);
        const auto theirs_time = changed_time(t);
        const auto ours_fields = content(*it);
        const auto theirs_fields = content(t);
        const bool theirs_holds = holds(theirs_fields, ours_fields);
        const bool ours_holds = holds(ours_fields, theirs_fields);
        bool theirs_wins = false;
        std::string why;
        if (ours_time != theirs_time) {
            theirs_wins = theirs_time > ours_time;
            why = fmt::format("{} was changed later ({}, the other {})",
                              theirs_wins ? "theirs" : "ours",
                              when_text(theirs_wins ? theirs_time : ours_time),
                              when_text(theirs_wins ? ours_time : theirs_time));
        } else if (theirs_holds != ours_holds) {
            theirs_wins = theirs_holds;
            why = fmt::format("both were changed at {}; {} says all the other does, and more",
                              when_text(ours_time), theirs_wins ? "theirs" : "ours");
        } else {
            // Nothing to choose by: a fixed order, the same from either side.
            theirs_wins = record_fields(t) > record_fields(*it);
            why = fmt::format("both were changed at {}; the first in text order",
                              when_text(ours_time));
        }
        const bool conflict = theirs_wins ? !theirs_holds : !ours_holds;
        if (conflict) {
            const auto ours_all = record_fields(*it);
            const auto theirs_all = record_fields(t);
            result.conflicts.push_back({name, t.id, differing(ours_all, theirs_all),
                                        differing(theirs_all, ours_all), theirs_wins, why});
        } else if (theirs_wins) {
            result.updated.push_back({name, t.id});
        }
        if (theirs_wins) {
            *it = t;
        }
    }
}

// Gives records of `theirs` whose id ours uses for another record a new one, from `ids`.
class Renumbering {
public:
    Renumbering(const Data& ours, Data& theirs, NextIds& ids, MergeResult& result)
        : m_ours(ours), m_theirs(theirs), m_ids(ids), m_result(result) {}

    void run() {
        for (auto& s : m_theirs.schedules) {
            if (auto to = new_id(m_ours.schedules, m_theirs.schedules, s)) {
                const bool fresh = to->empty();
                rename_schedule(s, fresh ? fmt::format("s{}", m_ids.schedule++) : *to, fresh);
            }
        }
        for (auto& s : m_theirs.sessions) {
            if (!s.schedule.empty()) {
                continue;
            }
            if (auto to = new_id(m_ours.sessions, m_theirs.sessions, s)) {
                const bool fresh = to->empty();
                rename_session(s.id, fresh ? fmt::format("o{}", m_ids.session++) : *to, fresh);
            }
        }
        for (auto& a : m_theirs.absences) {
            if (auto to = new_id(m_ours.absences, m_theirs.absences, a)) {
                if (to->empty()) {
                    *to = fmt::format("a{}", m_ids.absence++);
                    note("absences", a.id, *to);
                }
                for (auto& s : m_theirs.sessions) {
                    if (s.overrides_absence == a.id) {
                        s.overrides_absence = *to;
                    }
                }
                a.id = *to;
            }
        }
        simple("contacts", m_ours.contacts, m_theirs.contacts, "c", m_ids.contact);
        simple("agenda", m_ours.agenda, m_theirs.agenda, "t", m_ids.agenda);
        simple("budgets", m_ours.budgets, m_theirs.budgets, "b", m_ids.budget);
    }

private:
    // The id `record` of theirs gets here: its own, or, when ours uses that id for another
    // record, the id ours has it under (an earlier merge renumbered it), or none yet (empty).
    template <typename T>
    static std::optional<std::string> new_id(const std::vector<T>& ours,
                                             const std::vector<T>& theirs, const T& record) {
        const auto same_id = [&](const T& o) { return o.id == record.id; };
        const auto it = std::find_if(ours.begin(), ours.end(), same_id);
        if (it == ours.end() || same_identity(*it, record)) {
            return std::nullopt;
        }
        for (const auto& o : ours) {
            const auto taken =
                std::any_of(theirs.begin(), theirs.end(), [&](const T& t) { return t.id == o.id; });
            if (!taken && same_identity(o, record)) {
                return o.id;
            }
        }
        return std::string();
    }

    template <typename T>
    void simple(const char* name, const std::vector<T>& ours, std::vector<T>& theirs,
                const char* prefix, int& next) {
        for (auto& r : theirs) {
            if (auto to = new_id(ours, theirs, r)) {
                if (to->empty()) {
                    *to = fmt::format("{}{}", prefix, next++);
                    note(name, r.id, *to);
                }
                r.id = *to; // nothing refers to a contact, topic or budget by id
            }
        }
    }

    void rename_schedule(Schedule& s, const std::string& to, bool listed) {
        for (auto& session : m_theirs.sessions) {
            if (session.schedule == s.id) {
                session.schedule = to;
                rename_session(session.id, occurrence_id(to, day_of(session.start)), false);
            }
        }
        if (listed) {
            note("schedules", s.id, to);
        }
        s.id = to;
    }

    void rename_session(std::string from, const std::string& to, bool listed) {
        for (auto& s : m_theirs.sessions) {
            if (s.id == from) {
                s.id = to;
            }
            if (s.rescheduled_from == from) {
                s.rescheduled_from = to;
            }
            if (s.rescheduled_to == from) {
                s.rescheduled_to = to;
            }
        }
        for (auto& a : m_theirs.agenda) {
            if (a.session == from) {
                a.session = to;
            }
        }
        if (listed) {
            note("sessions", from, to);
        }
    }

    void note(const char* collection, const std::string& from, const std::string& to) {
        m_result.renumbered.push_back({collection, from, to});
    }

    const Data& m_ours;
    Data& m_theirs;
    NextIds& m_ids;
    MergeResult& m_result;
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
