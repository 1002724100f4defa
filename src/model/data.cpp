#include "showup/data.hpp"

#include <algorithm>

namespace showup {

std::string_view outcome_name(Outcome o) {
    switch (o) {
    case Outcome::attended:
        return "attended";
    case Outcome::skipped:
        return "skipped";
    case Outcome::cancelled:
        return "cancelled";
    }
    return "attended";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
    for (auto o : {Outcome::attended, Outcome::skipped, Outcome::cancelled}) {
        if (outcome_name(o) == text) {
            return o;
        }
    }
    return std::nullopt;
}

std::vector<date::weekday> Schedule::days() const {
    std::vector<date::weekday> out;
    for (unsigned i = 1; i <= 7; ++i) {
        if (on(date::weekday{i % 7})) {
            out.push_back(date::weekday{i % 7});
        }
    }
    return out;
}

std::string Schedule::days_text() const {
    std::string out;
    for (auto wd : days()) {
        out += (out.empty() ? "" : ",") + std::string(weekday_name(wd));
    }
    return out;
}

bool Schedule::occurs_on(LocalDays day) const {
    if (day < from || (until && day > *until) || !on(date::weekday{day})) {
        return false;
    }
    if (every_weeks <= 1) {
        return true;
    }
    // Weeks are counted from the Monday of the week the schedule starts in.
    const auto first_monday = from - (date::weekday{from} - date::Monday);
    const auto weeks = (day - first_monday).count() / 7;
    return weeks % every_weeks == 0;
}

namespace {
template <typename T, typename V> auto* find_by_id(V& items, std::string_view id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const Provider* Data::find_provider(std::string_view id) const {
    return find_by_id<Provider>(providers, id);
}
const Schedule* Data::find_schedule(std::string_view id) const {
    return find_by_id<Schedule>(schedules, id);
}
Session* Data::find_session(std::string_view id) {
    auto* found = find_by_id<Session>(sessions, id);
    if (found == nullptr) {
        require_all_sessions(); // it may be among those not read
    }
    return found;
}
const Session* Data::find_session(std::string_view id) const {
    const auto* found = find_by_id<Session>(sessions, id);
    if (found == nullptr) {
        require_all_sessions();
    }
    return found;
}
void Data::require_all_sessions() const {
    if (sessions_read) {
        throw NotRead();
    }
}
const Absence* Data::find_absence(std::string_view id) const {
    return find_by_id<Absence>(absences, id);
}
Absence* Data::find_absence(std::string_view id) {
    return find_by_id<Absence>(absences, id);
}
Provider* Data::find_provider(std::string_view id) {
    return find_by_id<Provider>(providers, id);
}
Schedule* Data::find_schedule(std::string_view id) {
    return find_by_id<Schedule>(schedules, id);
}
const Budget* Data::budget_of(std::string_view provider) const {
    for (const auto& b : budgets) {
        if (b.provider == provider) {
            return &b;
        }
    }
    return nullptr;
}

std::string occurrence_id(std::string_view schedule_id, LocalDays day) {
    return std::string(schedule_id) + "@" + format_date(day);
}

std::optional<LocalDays> occurrence_day(std::string_view id) {
    const auto at = id.find('@');
    return at == std::string_view::npos ? std::nullopt : parse_iso_date(id.substr(at + 1));
}

} // namespace showup
