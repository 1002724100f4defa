#include "showup/timeline.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>

namespace showup {

namespace {

// Ordered as (schedule, day), for days before 1970 too, so that a walk over one schedule's days
// walks the sorted keys forward.
std::uint64_t slot_key(std::size_t schedule_index, LocalDays day) {
    const auto biased = static_cast<std::int64_t>(day.time_since_epoch().count()) + (1LL << 31);
    return static_cast<std::uint64_t>(schedule_index) << 32 | static_cast<std::uint32_t>(biased);
}

// Sorts the keys of `slot_key` of `schedules` schedules: by schedule with a counting sort, which
// keeps each schedule's days in the order of the records (in time order, as a file keeps
// them), then the days of a schedule only when they are not already in order.
void sort_slots(std::vector<std::uint64_t>& keys, std::size_t schedules) {
    std::vector<std::size_t> end(schedules + 1, 0); // first where each schedule's keys go
    for (const auto k : keys) {
        ++end[(k >> 32) + 1];
    }
    for (std::size_t i = 1; i <= schedules; ++i) {
        end[i] += end[i - 1];
    }
    std::vector<std::uint64_t> sorted(keys.size());
    for (const auto k : keys) {
        sorted[end[k >> 32]++] = k; // then `end[i]`: where schedule i's keys end
    }
    auto first = sorted.begin();
    for (std::size_t i = 0; i < schedules; ++i) {
        const auto last = sorted.begin() + static_cast<std::ptrdiff_t>(end[i]);
        if (!std::is_sorted(first, last)) {
            std::sort(first, last);
        }
        first = last;
    }
    keys = std::move(sorted);
}

bool by_start(const Occurrence& a, const Occurrence& b) {
    if (a.start != b.start) {
        return a.start < b.start;
    }
    return a.provider_rank < b.provider_rank;
}

// Sorts `[first, last)` by `by_start` as `std::stable_sort` would, in one pass when it is
// already in order of start (records are, and a schedule's occurrences), sorting only the runs
// of one start (sessions of several providers at the same time) by provider.
void sort_run(std::vector<Occurrence>::iterator first, std::vector<Occurrence>::iterator last) {
    const auto earlier = [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; };
    if (!std::is_sorted(first, last, earlier)) {
        std::stable_sort(first, last, by_start); // a slot that a change of the clocks moved
        return;
    }
    // Within one start, by provider and then as listed: the providers' ranks with their places
    // sorted (the place makes it stable), then the occurrences moved once. One buffer for all.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order;
    std::vector<Occurrence> moved;
    for (auto it = first; it != last;) {
        auto end = it + 1;
        while (end != last && end->start == it->start) {
            ++end;
        }
        if (end - it > 1 && !std::is_sorted(it, end, by_start)) {
            order.clear();
            for (auto o = it; o != end; ++o) {
                order.emplace_back(o->provider_rank, static_cast<std::uint32_t>(o - it));
            }
            std::sort(order.begin(), order.end());
            moved.assign(std::make_move_iterator(it), std::make_move_iterator(end));
            for (std::size_t k = 0; k < order.size(); ++k) {
                it[static_cast<std::ptrdiff_t>(k)] = std::move(moved[order[k].second]);
            }
        }
        it = end;
    }
}

// Sorts `out` by `by_start` as `std::stable_sort` would, given where each run of it begins
// (`runs`, the first 0: each schedule's occurrences, then the records): each run is sorted,
// then the two neighbours that are smallest together are merged until one is left, which
// keeps the order of equal elements and moves the large run of records once or twice rather
// than at every level of a sort.
void sort_runs(std::vector<Occurrence>& out, std::vector<std::size_t> runs) {
    const auto at = [&](std::size_t i) { return out.begin() + static_cast<std::ptrdiff_t>(i); };
    runs.push_back(out.size());
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        sort_run(at(runs[i]), at(runs[i + 1]));
    }
    while (runs.size() > 2) {
        std::size_t best = 0;
        for (std::size_t i = 1; i + 2 < runs.size(); ++i) {
            if (runs[i + 2] - runs[i] < runs[best + 2] - runs[best]) {
                best = i;
            }
        }
        std::inplace_merge(at(runs[best]), at(runs[best + 1]), at(runs[best + 2]), by_start);
        runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(best) + 1);
    }
}

} // namespace

std::string_view status_name(Status s) {
    switch (s) {
    case Status::scheduled:
        return "scheduled";
    case Status::unlogged:
        return "unlogged";
    case Status::attended:
        return "attended";
    case Status::skipped:
        return "skipped";
    case Status::late_cancel:
        return "late-cancel";
    case Status::cancelled:
        return "cancelled";
    case Status::away:
        return "away";
    case Status::excused:
        return "excused";
    case Status::rescheduled:
        return "rescheduled";
    }
    return "scheduled";
}

std::optional<Status> parse_status(std::string_view text) {
    for (auto s : k_all_statuses) {
        if (status_name(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

Status effective_status(const Session* record, const Absence* absence, bool started,
                        const Absence* own_absence, bool inside_notice) {
    if (record != nullptr && !record->rescheduled_to.empty()) {
        return Status::rescheduled;
    }
    if (record != nullptr && record->outcome) {
        switch (*record->outcome) {
        case Outcome::attended:
            return Status::attended;
        case Outcome::skipped:
            return Status::skipped;
        case Outcome::cancelled:
            return record->cancelled_by == "me" && inside_notice ? Status::late_cancel
                                                                 : Status::cancelled;
        }
    }
    // A session placed inside an absence on purpose happens.
    if (absence != nullptr && (record == nullptr || record->overrides_absence != absence->id)) {
        return Status::away;
    }
    if (own_absence != nullptr) {
        return Status::excused;
    }
    return started ? Status::unlogged : Status::scheduled;
}

std::string Occurrence::id() const {
    if (record != nullptr) {
        return record->id;
    }
    return occurrence_id(schedule->id, day_of(slot));
}

const std::string& Occurrence::reason() const {
    static const std::string none;
    if (record != nullptr && !record->reason.empty()) {
        return record->reason;
    }
    if (status == Status::away && absence != nullptr) {
        return absence->reason;
    }
    if (status == Status::excused && own_absence != nullptr) {
        return own_absence->reason;
    }
    return none;
}

Timeline::Timeline(const Data& data, const Zone& zone, Instant now)
    : m_data(data), m_zone(zone), m_now(now), m_today(date::floor<date::days>(zone.to_local(now))) {
    for (std::size_t i = 0; i < data.schedules.size(); ++i) {
        m_schedule_index.emplace(data.schedules[i].id, i);
    }
    m_unknown_provider.rank = static_cast<std::uint32_t>(data.providers.size());
    for (std::size_t i = 0; i < data.providers.size(); ++i) {
        auto& info = m_providers[data.providers[i].id];
        info.rank = static_cast<std::uint32_t>(i);
        info.provider = &data.providers[i];
    }
    m_provider_infos.reserve(data.providers.size());
    for (const auto& p : data.providers) {
        m_provider_infos.push_back(&m_providers.at(p.id));
    }
    for (const auto& a : data.absences) {
        if (a.mine) {
            m_own_absences.by_from.push_back(&a);
        } else if (auto it = m_providers.find(a.provider); it != m_providers.end()) {
            it->second.absences.by_from.push_back(&a);
        }
    }
    for (auto& [provider, info] : m_providers) {
        finish_index(info.absences);
    }
    finish_index(m_own_absences);
    m_records_by_start.reserve(data.sessions.size());
    m_recorded_slots.reserve(data.sessions.size());
    // The place of a provider's info by its id; of each schedule's provider, looked up once: an
    // occurrence's record usually names it.
    const auto provider_at = [&](std::string_view id) {
        const auto it = m_providers.find(id);
        return it == m_providers.end() ? k_none : it->second.rank;
    };
    std::vector<std::uint32_t> schedule_provider(data.schedules.size());
    for (std::size_t i = 0; i < data.schedules.size(); ++i) {
        schedule_provider[i] = provider_at(data.schedules[i].provider);
    }
    for (const auto& s : data.sessions) {
        Record record{&s};
        bool provider_known = false;
        if (!s.schedule.empty()) {
            if (auto it = m_schedule_index.find(s.schedule); it != m_schedule_index.end()) {
                m_recorded_slots.push_back(slot_key(it->second, day_of(s.start)));
                record.schedule = static_cast<std::uint32_t>(it->second);
                if (s.provider == data.schedules[it->second].provider) {
                    record.provider = schedule_provider[it->second];
                    provider_known = true;
                }
            }
        }
        if (!provider_known) {
            record.provider = provider_at(s.provider);
        }
        m_records_by_start.push_back(record);
    }
    sort_slots(m_recorded_slots, data.schedules.size());
    // The file keeps records in order of start: then there is nothing to sort.
    const auto earlier = [](const Record& a, const Record& b) {
        return a.session->start < b.session->start;
    };
    if (!std::is_sorted(m_records_by_start.begin(), m_records_by_start.end(), earlier)) {
        std::stable_sort(m_records_by_start.begin(), m_records_by_start.end(), earlier);
    }
}

void Timeline::finish_index(AbsenceIndex& index) {
    if (index.by_from.empty()) {
        return;
    }
    std::stable_sort(index.by_from.begin(), index.by_from.end(),
                     [](const Absence* a, const Absence* b) { return a->from < b->from; });
    LocalDays running = index.by_from.front()->to;
    for (const auto* a : index.by_from) {
        running = std::max(running, a->to);
        index.max_to.push_back(running);
    }
}

const Timeline::ProviderInfo& Timeline::provider_info(std::string_view provider) const {
    auto it = m_providers.find(provider);
    return it == m_providers.end() ? m_unknown_provider : it->second;
}

const Absence* Timeline::absence_on(std::string_view provider, LocalDays day) const {
    return absence_in(provider_info(provider).absences, day);
}

const Absence* Timeline::own_absence_on(LocalDays day) const {
    return absence_in(m_own_absences, day);
}

const Absence* Timeline::absence_in(const AbsenceIndex& idx, LocalDays day) {
    // Absences starting on or before `day`; walk back while one of them may still cover it.
    auto end = std::upper_bound(idx.by_from.begin(), idx.by_from.end(), day,
                                [](LocalDays d, const Absence* a) { return d < a->from; });
    for (auto i = end - idx.by_from.begin(); i > 0; --i) {
        const auto k = static_cast<std::size_t>(i - 1);
        if (idx.max_to[k] < day) {
            break;
        }
        if (idx.by_from[k]->to >= day) {
            return idx.by_from[k];
        }
    }
    return nullptr;
}

Occurrence Timeline::make(LocalMinutes start, int duration, const std::string& provider,
                          const ProviderInfo& info, const Schedule* schedule,
                          const Session* record) const {
    Occurrence o;
    o.slot = start;
    o.duration = duration;
    o.provider = &provider;
    o.schedule = schedule;
    o.record = record;
    o.provider_rank = info.rank;
    o.absence = absence_in(info.absences, day_of(start));
    o.own_absence = absence_in(m_own_absences, day_of(start));
    if (!m_zone_memo.valid || m_zone_memo.slot != start) {
        auto& memo = m_zone_memo;
        const auto in = [&](const std::optional<Zone::Steady>& steady) {
            return steady && start >= steady->from && start <= steady->to;
        };
        if (!in(memo.steady)) {
            memo.steady = m_zone.steady_around(start);
        }
        memo.slot = start;
        memo.valid = true;
        if (in(memo.steady)) {
            memo.at = Instant{start.time_since_epoch()} - memo.steady->offset;
            memo.start = start;
        } else { // near a change of the clocks
            memo.at = m_zone.to_instant(start);
            memo.start = date::floor<Minutes>(m_zone.to_local(memo.at));
        }
    }
    const auto at = m_zone_memo.at;
    o.start = m_zone_memo.start;
    o.started = at <= m_now;
    const auto* policy = info.provider;
    // Told inside the window: later than `notice` before the start (no time said: now).
    const bool inside_notice = record != nullptr && policy != nullptr && policy->notice_minutes &&
                               record->told.value_or(record->recorded_at.value_or(m_now)) >
                                   at - Minutes{*policy->notice_minutes};
    o.status = effective_status(record, o.absence, o.started, o.own_absence, inside_notice);
    if (policy != nullptr && policy->fee_cents &&
        (o.status == Status::late_cancel || (o.status == Status::skipped && record->no_show))) {
        o.fee_cents = *policy->fee_cents;
    }
    return o;
}

Occurrence Timeline::from_record(const Session& record) const {
    const Schedule* schedule = nullptr;
    if (!record.schedule.empty()) {
        if (auto it = m_schedule_index.find(record.schedule); it != m_schedule_index.end()) {
            schedule = &m_data.schedules[it->second];
        }
    }
    return make(record.start, record.duration, record.provider, provider_info(record.provider),
                schedule, &record);
}

Occurrence Timeline::from_record(const Record& record) const {
    const auto& s = *record.session;
    return make(s.start, s.duration, s.provider,
                record.provider != k_none ? *m_provider_infos[record.provider] : m_unknown_provider,
                record.schedule != k_none ? &m_data.schedules[record.schedule] : nullptr, &s);
}

std::vector<Occurrence> Timeline::between(LocalDays from, LocalDays to) const {
    std::vector<Occurrence> out;
    if (to < from) {
        return out;
    }
    if (const auto& read = m_data.sessions_read;
        read && (from < read->first || to > read->second)) {
        throw NotRead();
    }
    const auto lo =
        std::lower_bound(m_records_by_start.begin(), m_records_by_start.end(), LocalMinutes{from},
                         [](const Record& r, LocalMinutes t) { return r.session->start < t; });
    const auto hi =
        std::lower_bound(lo, m_records_by_start.end(), LocalMinutes{to + date::days{1}},
                         [](const Record& r, LocalMinutes t) { return r.session->start < t; });
    // Room for the records and for the slots of the schedules within their own bounds that
    // have none, so a window over all time neither grows the vector again and again nor
    // reserves far more than it needs.
    auto expected = static_cast<std::size_t>(hi - lo);
    for (std::size_t i = 0; i < m_data.schedules.size(); ++i) {
        const auto& s = m_data.schedules[i];
        const auto first = std::max(from, s.from);
        const auto last = s.until ? std::min(to, *s.until) : to;
        if (first <= last) {
            const auto weeks = static_cast<std::size_t>((last - first).count()) /
                                   (7 * static_cast<std::size_t>(s.every_weeks)) +
                               1;
            const auto slots = weeks * s.days().size();
            const auto recorded = static_cast<std::size_t>(
                std::lower_bound(m_recorded_slots.begin(), m_recorded_slots.end(),
                                 slot_key(i, last + date::days{1})) -
                std::lower_bound(m_recorded_slots.begin(), m_recorded_slots.end(),
                                 slot_key(i, first)));
            expected += slots > recorded ? slots - recorded : 0;
        }
    }
    out.reserve(expected + 1);
    std::vector<std::size_t> runs; // where each schedule's occurrences begin, then the records'
    runs.reserve(m_data.schedules.size() + 1);
    for (std::size_t i = 0; i < m_data.schedules.size(); ++i) {
        runs.push_back(out.size());
        const auto& s = m_data.schedules[i];
        const auto first = std::max(from, s.from);
        const auto last = s.until ? std::min(to, *s.until) : to;
        if (first > last) {
            continue;
        }
        const auto& info = provider_info(s.provider);
        // The recorded slots of this schedule, walked forward with the days.
        auto recorded =
            std::lower_bound(m_recorded_slots.begin(), m_recorded_slots.end(), slot_key(i, first));
        // The weekday walked along with the day: only the schedule's weekdays are asked about.
        auto weekday = date::weekday{first};
        for (auto day = first; day <= last; day += date::days{1}, ++weekday) {
            if (!s.on(weekday) || !s.occurs_on(day)) {
                continue;
            }
            const auto key = slot_key(i, day);
            while (recorded != m_recorded_slots.end() && *recorded < key) {
                ++recorded;
            }
            if (recorded == m_recorded_slots.end() || *recorded != key) {
                out.push_back(
                    make(LocalMinutes{day} + s.at, s.duration, s.provider, info, &s, nullptr));
            }
        }
    }
    runs.push_back(out.size());
    for (auto it = lo; it != hi; ++it) {
        out.push_back(from_record(*it));
    }
    sort_runs(out, std::move(runs));
    return out;
}

std::optional<LocalDays> Timeline::first_day() const {
    m_data.require_all_sessions(); // a session may be before or after those read
    std::optional<LocalDays> first;
    for (const auto& s : m_data.schedules) {
        if (!first || s.from < *first) {
            first = s.from;
        }
    }
    if (!m_records_by_start.empty()) {
        const auto d = day_of(m_records_by_start.front().session->start);
        if (!first || d < *first) {
            first = d;
        }
    }
    return first;
}

std::optional<LocalDays> Timeline::last_day() const {
    m_data.require_all_sessions(); // a session may be before or after those read
    std::optional<LocalDays> last;
    for (const auto& s : m_data.schedules) {
        if (!s.until) {
            return std::nullopt;
        }
        if (!last || *s.until > *last) {
            last = s.until;
        }
    }
    if (!m_records_by_start.empty()) {
        const auto d = day_of(m_records_by_start.back().session->start);
        if (!last || d > *last) {
            last = d;
        }
    }
    return last;
}

LocalDays Timeline::horizon() const {
    m_data.require_all_sessions(); // a session may be before or after those read
    auto last = m_today;
    if (!m_records_by_start.empty()) {
        last = std::max(last, day_of(m_records_by_start.back().session->start));
    }
    for (const auto& a : m_data.absences) {
        last = std::max(last, a.to);
    }
    return last;
}

std::optional<Occurrence> Timeline::find_read(std::string_view id) const {
    if (m_records_by_id.empty() && !m_data.sessions.empty()) {
        m_records_by_id.reserve(m_data.sessions.size());
        for (const auto& s : m_data.sessions) {
            m_records_by_id.emplace(s.id, &s);
        }
    }
    if (auto it = m_records_by_id.find(id); it != m_records_by_id.end()) {
        return from_record(*it->second);
    }
    return std::nullopt;
}

std::optional<Occurrence> Timeline::find(std::string_view id) const {
    if (auto found = find_read(id)) {
        return found;
    }
    const auto at = id.find('@');
    if (at == std::string_view::npos) {
        m_data.require_all_sessions(); // a one-off that was not read?
        return std::nullopt;
    }
    const auto* schedule = m_data.find_schedule(id.substr(0, at));
    const auto day = parse_iso_date(id.substr(at + 1));
    if (schedule == nullptr || !day || !schedule->occurs_on(*day)) {
        return std::nullopt;
    }
    if (const auto& read = m_data.sessions_read;
        read && (*day < read->first || *day > read->second)) {
        throw NotRead(); // its record, if it has one, was not read
    }
    return make(LocalMinutes{*day} + schedule->at, schedule->duration, schedule->provider,
                provider_info(schedule->provider), schedule, nullptr);
}

} // namespace showup
