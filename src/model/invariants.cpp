#include "showup/invariants.hpp"
#include "showup/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace showup {

namespace {

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += u < 0x20 || u == 0x7f ? '?' : c;
    }
    return out + "\"";
}

std::string at(const char* collection, std::size_t i, const char* member) {
    return std::string(collection) + "[" + std::to_string(i) + "]." + member;
}

// Ids are printed as they are: nothing in them may drive a terminal.
bool is_id(std::string_view s) {
    return !s.empty() && is_plain(s);
}

// Whether `id` is "<schedule>@<day>", compared without building it: every read checks every
// recorded session.
bool is_occurrence_id(std::string_view id, std::string_view schedule, LocalDays day) {
    return id.size() == schedule.size() + 11 && id.starts_with(schedule) &&
           id[schedule.size()] == '@' && parse_iso_date(id.substr(schedule.size() + 1)) == day;
}

// A set of ids (views of the data's strings), sized once for all of them: every read checks
// the ids of every record, and a node-based set spent more time allocating than comparing.
class IdSet {
public:
    explicit IdSet(std::size_t expected) {
        std::size_t slots = 16;
        while (slots < expected * 2) {
            slots *= 2;
        }
        m_slots.assign(slots, 0);
        m_ids.reserve(expected);
    }
    // Fetches the slot of `id` ahead of its `insert`: a large set's slots are not in the cache,
    // and a read inserts a hundred thousand ids one after the other.
    void prefetch(std::string_view id) const {
        __builtin_prefetch(&m_slots[hash(id) & (m_slots.size() - 1)]);
    }
    // False when `id` was already in.
    bool insert(std::string_view id) {
        const auto h = hash(id);
        for (auto i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i] == 0) {
                m_ids.push_back(id);
                m_slots[i] = (h & ~std::uint64_t{0xffffffff}) | m_ids.size();
                return true;
            }
            if (matches(m_slots[i], h, id)) {
                return false;
            }
        }
    }
    bool contains(std::string_view id) const {
        const auto h = hash(id);
        for (auto i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i] == 0) {
                return false;
            }
            if (matches(m_slots[i], h, id)) {
                return true;
            }
        }
    }

private:
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
            h ^= h >> 31;
        }
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * 0x94d049bb133111ebULL;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ULL;
        return h ^ (h >> 32);
    }
    // A slot holds the hash's upper half and the id's number (from 1; 0: empty).
    bool matches(std::uint64_t slot, std::uint64_t h, std::string_view id) const {
        return (slot >> 32) == (h >> 32) && m_ids[(slot & 0xffffffff) - 1] == id;
    }
    std::vector<std::uint64_t> m_slots;
    std::vector<std::string_view> m_ids;
};

// Collects the first violation; later checks are skipped once there is one.
class Checker {
public:
    bool ok() const { return !m_found; }
    std::optional<Violation> result() const { return m_found; }

    void fail(std::string place, std::string message) {
        if (!m_found) {
            m_found = Violation{std::move(place), std::move(message)};
        }
    }
    void id(const char* c, std::size_t i, const char* member, std::string_view value) {
        if (!is_id(value)) {
            fail(at(c, i, member), "must be a non-empty id without control characters");
        }
    }
    void range(const char* c, std::size_t i, const char* member, long value, long min, long max) {
        if (value < min || value > max) {
            fail(at(c, i, member), std::to_string(value) + " is not a whole number from " +
                                       std::to_string(min) + " to " + std::to_string(max));
        }
    }
    void day(const char* c, std::size_t i, const char* member, LocalDays d) {
        if (!in_date_range(d)) {
            fail(at(c, i, member), quoted(format_date(d)) + " is outside the years " +
                                       std::to_string(k_first_year) + " to " +
                                       std::to_string(k_last_year));
        }
    }

private:
    std::optional<Violation> m_found;
};

template <typename T>
IdSet unique_ids(Checker& check, const std::vector<T>& items, const char* collection) {
    IdSet ids(items.size());
    constexpr std::size_t k_ahead = 8;
    for (std::size_t i = 0; i < items.size() && check.ok(); ++i) {
        if (i + k_ahead < items.size()) {
            ids.prefetch(items[i + k_ahead].id);
        }
        check.id(collection, i, "id", items[i].id);
        if (!ids.insert(items[i].id)) {
            check.fail(at(collection, i, "id"), quoted(items[i].id) + " is used twice");
        }
    }
    return ids;
}

// The iCalendar UIDs of a collection's records (`showup import`): one record each, so that
// importing an event again finds the one it made. A record without one has "".
template <typename T>
void unique_uids(Checker& check, const std::vector<T>& items, const char* collection) {
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < items.size() && check.ok(); ++i) {
        const auto& uid = items[i].uid;
        if (uid.empty()) {
            continue;
        }
        if (!is_plain(uid)) {
            check.fail(at(collection, i, "uid"), "must not contain control characters");
        } else if (const auto [it, fresh] = seen.emplace(uid, i); !fresh) {
            check.fail(at(collection, i, "uid"),
                       quoted(uid) + " is the uid of " + quoted(items[it->second].id) + " too");
        }
    }
}

void check_next_ids(Checker& check, const NextIds& ids) {
    const std::pair<const char*, int> counters[] = {
        {"schedule", ids.schedule}, {"session", ids.session}, {"absence", ids.absence},
        {"contact", ids.contact},   {"agenda", ids.agenda},   {"budget", ids.budget}};
    for (const auto& [name, value] : counters) {
        if (value < 1 || value > k_max_id_number) {
            check.fail(std::string("next_ids.") + name, std::to_string(value) +
                                                            " is not a whole number from 1 to " +
                                                            std::to_string(k_max_id_number));
        }
    }
}

void check_schedules(Checker& check, const Data& d, const IdSet& providers) {
    for (std::size_t i = 0; i < d.schedules.size() && check.ok(); ++i) {
        const auto& s = d.schedules[i];
        check.id("schedules", i, "provider", s.provider);
        if (check.ok() && !providers.contains(s.provider)) {
            check.fail(at("schedules", i, "provider"), "no provider " + quoted(s.provider));
        }
        if ((s.weekdays & 0x7f) == 0 || s.weekdays > 0x7f) {
            check.fail(at("schedules", i, "days"), "must name at least one weekday");
        }
        check.range("schedules", i, "at", s.at.count(), 0, 24 * 60 - 1);
        check.range("schedules", i, "every_weeks", s.every_weeks, 1, 52);
        check.range("schedules", i, "duration", s.duration, 1, k_max_minutes);
        check.day("schedules", i, "from", s.from);
        if (s.until) {
            check.day("schedules", i, "until", *s.until);
            if (*s.until < s.from) {
                check.fail(at("schedules", i, "until"),
                           quoted(format_date(*s.until)) + " is before \"from\"");
            }
        }
    }
}

void check_sessions(Checker& check, const Data& d, const IdSet& providers, const IdSet& schedules,
                    const IdSet& sessions) {
    for (std::size_t i = 0; i < d.sessions.size() && check.ok(); ++i) {
        const auto& s = d.sessions[i];
        check.id("sessions", i, "provider", s.provider);
        if (check.ok() && !providers.contains(s.provider)) {
            check.fail(at("sessions", i, "provider"), "no provider " + quoted(s.provider));
        }
        check.day("sessions", i, "start", day_of(s.start));
        check.range("sessions", i, "duration", s.duration, 1, k_max_minutes);
        check.range("sessions", i, "late_minutes", s.late_minutes, 0, k_max_minutes);
        if (!s.schedule.empty()) {
            if (!schedules.contains(s.schedule)) {
                check.fail(at("sessions", i, "schedule"), "no schedule " + quoted(s.schedule));
            } else if (!is_occurrence_id(s.id, s.schedule, day_of(s.start))) {
                // The id of an occurrence is its schedule and the date of its slot.
                check.fail(at("sessions", i, "id"),
                           quoted(s.id) + " does not match its schedule and start (" +
                               quoted(occurrence_id(s.schedule, day_of(s.start))) + ")");
            }
            if (!s.uid.empty()) {
                // An occurrence is found through its schedule's uid.
                check.fail(at("sessions", i, "uid"), "is for one-offs, not an occurrence");
            }
        } else if (s.id.find('@') != std::string::npos) {
            check.fail(at("sessions", i, "id"),
                       quoted(s.id) + " names a schedule but \"schedule\" is missing");
        }
        if (!s.moved_by.empty() && s.moved_by != "me" && s.moved_by != "provider") {
            check.fail(at("sessions", i, "moved_by"),
                       quoted(s.moved_by) + " must be \"me\" or \"provider\"");
        }
        if (!s.cancelled_by.empty() && s.cancelled_by != "me" && s.cancelled_by != "provider") {
            check.fail(at("sessions", i, "cancelled_by"),
                       quoted(s.cancelled_by) + " must be \"me\" or \"provider\"");
        }
        if ((!s.cancelled_by.empty() || s.told) && s.outcome != Outcome::cancelled) {
            check.fail(at("sessions", i, s.told ? "told" : "cancelled_by"),
                       "is only for a cancelled session");
        }
        if (!s.rescheduled_from.empty() && !sessions.contains(s.rescheduled_from)) {
            check.fail(at("sessions", i, "rescheduled_from"),
                       "no session " + quoted(s.rescheduled_from));
        }
        if (!s.rescheduled_to.empty() && !sessions.contains(s.rescheduled_to)) {
            check.fail(at("sessions", i, "rescheduled_to"),
                       "no session " + quoted(s.rescheduled_to));
        }
    }
}

void check_absences(Checker& check, const Data& d, const IdSet& providers) {
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_provider;
    for (std::size_t i = 0; i < d.absences.size() && check.ok(); ++i) {
        const auto& a = d.absences[i];
        if (a.mine) {
            if (!a.provider.empty()) {
                check.fail(at("absences", i, "provider"), "must be left out of your own absence");
            }
        } else {
            check.id("absences", i, "provider", a.provider);
            if (check.ok() && !providers.contains(a.provider)) {
                check.fail(at("absences", i, "provider"), "no provider " + quoted(a.provider));
            }
        }
        if (a.announced) {
            check.day("absences", i, "announced", *a.announced);
        }
        check.day("absences", i, "from", a.from);
        check.day("absences", i, "to", a.to);
        if (a.to < a.from) {
            check.fail(at("absences", i, "to"), quoted(format_date(a.to)) + " is before \"from\"");
        }
        by_provider[a.provider].push_back(i);
    }
    for (auto& [provider, indexes] : by_provider) {
        std::sort(indexes.begin(), indexes.end(), [&](std::size_t x, std::size_t y) {
            return d.absences[x].from < d.absences[y].from;
        });
        for (std::size_t k = 1; k < indexes.size() && check.ok(); ++k) {
            const auto& before = d.absences[indexes[k - 1]];
            const auto& after = d.absences[indexes[k]];
            if (after.from <= before.to) {
                check.fail(at("absences", indexes[k], "from"),
                           "overlaps absence " + quoted(before.id) +
                               (before.mine ? " of your own (" : " of the same provider (") +
                               format_date(before.from) + " to " + format_date(before.to) + ")");
            }
        }
    }
}

void check_contacts(Checker& check, const Data& d, const IdSet& providers) {
    for (std::size_t i = 0; i < d.contacts.size() && check.ok(); ++i) {
        const auto& c = d.contacts[i];
        if (!providers.contains(c.provider)) {
            check.fail(at("contacts", i, "provider"), "no provider " + quoted(c.provider));
        }
        check.day("contacts", i, "at", day_of(c.at));
        if (std::find_if(std::begin(k_contact_kinds), std::end(k_contact_kinds),
                         [&](auto k) { return c.kind == k; }) == std::end(k_contact_kinds)) {
            check.fail(at("contacts", i, "kind"),
                       quoted(c.kind) + " must be \"call\", \"message\" or \"email\"");
        }
        if (c.minutes) {
            check.range("contacts", i, "minutes", *c.minutes, 0, k_max_minutes);
        }
    }
}

void check_agenda(Checker& check, const Data& d, const IdSet& sessions) {
    for (std::size_t i = 0; i < d.agenda.size() && check.ok(); ++i) {
        const auto& a = d.agenda[i];
        if (a.text.empty()) {
            check.fail(at("agenda", i, "text"), "must be a non-empty string");
        }
        if (!a.session.empty() && !sessions.contains(a.session)) {
            check.fail(at("agenda", i, "session"), "no session " + quoted(a.session));
        }
    }
}

void check_budgets(Checker& check, const Data& d, const IdSet& providers) {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < d.budgets.size() && check.ok(); ++i) {
        const auto& b = d.budgets[i];
        if (!providers.contains(b.provider)) {
            check.fail(at("budgets", i, "provider"), "no provider " + quoted(b.provider));
        } else if (!seen.insert(b.provider).second) {
            check.fail(at("budgets", i, "provider"),
                       "a second budget for " + quoted(b.provider) + " (one a provider)");
        }
        check.range("budgets", i, "sessions", b.sessions, 1, k_max_budget_sessions);
        if (b.per_year == b.from.has_value()) {
            check.fail(at("budgets", i, "from"), "must be given unless the budget is per year");
        }
        if (b.from) {
            check.day("budgets", i, "from", *b.from);
        }
        if (b.to) {
            check.day("budgets", i, "to", *b.to);
            if (b.per_year || (b.from && *b.to < *b.from)) {
                check.fail(at("budgets", i, "to"), quoted(format_date(*b.to)) +
                                                       (b.per_year ? " is not for a budget per year"
                                                                   : " is before \"from\""));
            }
        }
        if (b.uses == 0 || b.uses > 7) {
            check.fail(at("budgets", i, "uses"), "must name what uses a session up");
        }
    }
}

} // namespace

bool in_date_range(LocalDays day) {
    const auto y = static_cast<int>(date::year_month_day{day}.year());
    return y >= k_first_year && y <= k_last_year;
}

std::optional<Violation> find_violation(const Data& d) {
    Checker check;
    check_next_ids(check, d.next_ids);
    const auto providers = unique_ids(check, d.providers, "providers");
    for (std::size_t i = 0; i < d.providers.size() && check.ok(); ++i) {
        if (d.providers[i].name.empty()) {
            check.fail(at("providers", i, "name"), "must be a non-empty string");
        }
        check.range("providers", i, "duration", d.providers[i].duration, 1, k_max_minutes);
        if (const auto& n = d.providers[i].notice_minutes) {
            check.range("providers", i, "notice_minutes", *n, 0, k_max_notice_minutes);
        }
        if (const auto& fee = d.providers[i].fee_cents) {
            check.range("providers", i, "fee_cents", static_cast<long>(*fee), 0, k_max_fee_cents);
        }
    }
    const auto schedules = unique_ids(check, d.schedules, "schedules");
    const auto sessions = unique_ids(check, d.sessions, "sessions");
    unique_ids(check, d.absences, "absences");
    unique_ids(check, d.contacts, "contacts");
    unique_ids(check, d.agenda, "agenda");
    unique_ids(check, d.budgets, "budgets");
    unique_uids(check, d.schedules, "schedules");
    unique_uids(check, d.sessions, "sessions");
    unique_uids(check, d.absences, "absences");
    if (check.ok()) {
        check_schedules(check, d, providers);
    }
    if (check.ok()) {
        check_sessions(check, d, providers, schedules, sessions);
    }
    if (check.ok()) {
        check_absences(check, d, providers);
    }
    if (check.ok()) {
        check_contacts(check, d, providers);
    }
    if (check.ok()) {
        check_agenda(check, d, sessions);
    }
    if (check.ok()) {
        check_budgets(check, d, providers);
    }
    return check.result();
}

} // namespace showup
