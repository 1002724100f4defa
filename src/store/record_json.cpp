#include "record_json.hpp"

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {
constexpr int k_max_minutes = 24 * 60;

std::string shown(const json& j) {
    auto text = j.dump(-1, ' ', false, json::error_handler_t::replace);
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}
} // namespace

Place::Place(const char* collection, std::size_t index)
    : path(fmt::format("{}[{}]", collection, index)) {}

Place Place::field(const std::string& name) const {
    return Place(path.empty() ? name : path + "." + name);
}

void RecordReader::fail(const Place& place, const std::string& message) const {
    if (place.path.empty()) {
        throw Error(fmt::format("{}: {}", m_label, message));
    }
    throw Error(fmt::format("{}: {}: {}", m_label, place.path, message));
}

ObjectReader RecordReader::object(const json& j, const Place& place) const {
    if (!j.is_object()) {
        fail(place, "must be an object");
    }
    return ObjectReader(*this, j, place);
}

const json& ObjectReader::required(const char* key) const {
    auto it = m_j.find(key);
    if (it == m_j.end()) {
        m_r.fail(at(key), "is missing");
    }
    return *it;
}

const json* ObjectReader::optional(const char* key) const {
    auto it = m_j.find(key);
    return it == m_j.end() || it->is_null() ? nullptr : &*it;
}

std::string ObjectReader::string(const char* key) const {
    const auto& v = required(key);
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
        m_r.fail(at(key), fmt::format("{} must be a non-empty string", shown(v)));
    }
    return v.get<std::string>();
}

std::string ObjectReader::optional_string(const char* key) const {
    const auto* v = optional(key);
    if (v == nullptr) {
        return {};
    }
    if (!v->is_string()) {
        m_r.fail(at(key), fmt::format("{} must be a string", shown(*v)));
    }
    return v->get<std::string>();
}

int ObjectReader::integer(const char* key, int min, int max) const {
    auto v = optional_integer(key, min, max);
    if (!v) {
        m_r.fail(at(key), "is missing");
    }
    return *v;
}

std::optional<int> ObjectReader::optional_integer(const char* key, int min, int max) const {
    const auto* v = optional(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max) {
        m_r.fail(at(key), fmt::format("{} must be a whole number from {} to {}", shown(*v), min, max));
    }
    return static_cast<int>(v->get<long long>());
}

bool ObjectReader::optional_bool(const char* key) const {
    const auto* v = optional(key);
    if (v == nullptr) {
        return false;
    }
    if (!v->is_boolean()) {
        m_r.fail(at(key), fmt::format("{} must be true or false", shown(*v)));
    }
    return v->get<bool>();
}

std::optional<LocalDays> ObjectReader::optional_date(const char* key) const {
    const auto* v = optional(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    std::optional<LocalDays> d;
    if (v->is_string()) {
        d = parse_iso_date(v->get_ref<const std::string&>());
    }
    if (!d) {
        m_r.fail(at(key), fmt::format("{} is not a valid date (YYYY-MM-DD)", shown(*v)));
    }
    return d;
}

LocalDays ObjectReader::date(const char* key) const {
    required(key);
    auto d = optional_date(key);
    if (!d) {
        m_r.fail(at(key), "is missing");
    }
    return *d;
}

LocalMinutes ObjectReader::date_time(const char* key) const {
    const auto& v = required(key);
    std::optional<LocalMinutes> t;
    if (v.is_string()) {
        t = parse_iso_local(v.get_ref<const std::string&>());
    }
    if (!t) {
        m_r.fail(at(key), fmt::format("{} is not a valid date-time (YYYY-MM-DDTHH:MM)", shown(v)));
    }
    return *t;
}

Provider read_provider(const RecordReader& r, const json& j, const Place& place) {
    auto o = r.object(j, place);
    Provider p;
    p.id = o.string("id");
    p.name = o.string("name");
    p.duration = o.integer("duration", 1, k_max_minutes);
    return p;
}

Schedule read_schedule(const RecordReader& r, const json& j, const Place& place) {
    auto o = r.object(j, place);
    Schedule s;
    s.id = o.string("id");
    s.provider = o.string("provider");
    const auto& days = o.required("days");
    if (!days.is_array() || days.empty()) {
        r.fail(o.at("days"), "must be a non-empty array of weekday names");
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
        std::optional<date::weekday> wd;
        if (days[i].is_string() && days[i].get_ref<const std::string&>().size() == 3) {
            wd = parse_weekday(days[i].get_ref<const std::string&>());
        }
        if (!wd) {
            r.fail(o.at("days").field(fmt::format("[{}]", i)),
                   fmt::format("{} is not a weekday (mon, tue, ...)", shown(days[i])));
        }
        s.weekdays = static_cast<std::uint8_t>(s.weekdays | 1U << wd->c_encoding());
    }
    const auto& at = o.required("at");
    auto tod = at.is_string() ? parse_hh_mm(at.get_ref<const std::string&>()) : std::nullopt;
    if (!tod) {
        r.fail(o.at("at"), fmt::format("{} is not a time of day (HH:MM)", shown(at)));
    }
    s.at = *tod;
    s.every_weeks = o.integer("every_weeks", 1, 52);
    s.from = o.date("from");
    s.until = o.optional_date("until");
    if (s.until && *s.until < s.from) {
        r.fail(o.at("until"), fmt::format("\"{}\" is before \"from\"", format_date(*s.until)));
    }
    s.duration = o.integer("duration", 1, k_max_minutes);
    return s;
}

Session read_session(const RecordReader& r, const json& j, const Place& place) {
    auto o = r.object(j, place);
    Session s;
    s.id = o.string("id");
    s.schedule = o.optional_string("schedule");
    s.start = o.date_time("start");
    if (!s.schedule.empty() && s.id != occurrence_id(s.schedule, day_of(s.start))) {
        r.fail(o.at("id"), fmt::format("\"{}\" does not match its schedule and start (\"{}\")", s.id,
                                       occurrence_id(s.schedule, day_of(s.start))));
    }
    if (s.schedule.empty() && s.id.find('@') != std::string::npos) {
        r.fail(o.at("id"), fmt::format("\"{}\" names a schedule but \"schedule\" is missing", s.id));
    }
    s.duration = o.integer("duration", 1, k_max_minutes);
    s.provider = o.string("provider");
    if (const auto* v = o.optional("outcome")) {
        auto outcome = v->is_string() ? parse_outcome(v->get_ref<const std::string&>()) : std::nullopt;
        if (!outcome) {
            r.fail(o.at("outcome"),
                   fmt::format("{} is not an outcome (attended, skipped, cancelled)", shown(*v)));
        }
        s.outcome = outcome;
    }
    s.late_minutes = o.optional_integer("late_minutes", 0, k_max_minutes).value_or(0);
    s.no_show = o.optional_bool("no_show");
    s.note = o.optional_string("note");
    s.reason = o.optional_string("reason");
    s.rescheduled_from = o.optional_string("rescheduled_from");
    s.rescheduled_to = o.optional_string("rescheduled_to");
    s.moved_by = o.optional_string("moved_by");
    if (!s.moved_by.empty() && s.moved_by != "me" && s.moved_by != "provider") {
        r.fail(o.at("moved_by"), fmt::format("\"{}\" must be \"me\" or \"provider\"", s.moved_by));
    }
    return s;
}

Absence read_absence(const RecordReader& r, const json& j, const Place& place) {
    auto o = r.object(j, place);
    Absence a;
    a.id = o.string("id");
    a.provider = o.string("provider");
    a.from = o.date("from");
    a.to = o.date("to");
    if (a.to < a.from) {
        r.fail(o.at("to"), fmt::format("\"{}\" is before \"from\"", format_date(a.to)));
    }
    a.reason = o.optional_string("reason");
    return a;
}

ordered_json record_to_json(const Provider& p) {
    return {{"id", p.id}, {"name", p.name}, {"duration", p.duration}};
}

ordered_json record_to_json(const Schedule& s) {
    ordered_json days = ordered_json::array();
    for (auto wd : s.days()) {
        days.push_back(std::string(weekday_name(wd)));
    }
    return {{"id", s.id},
            {"provider", s.provider},
            {"days", days},
            {"at", format_time_of_day(s.at)},
            {"every_weeks", s.every_weeks},
            {"from", format_date(s.from)},
            {"until", s.until ? ordered_json(format_date(*s.until)) : ordered_json(nullptr)},
            {"duration", s.duration}};
}

ordered_json record_to_json(const Session& s) {
    ordered_json j{{"id", s.id}};
    if (!s.schedule.empty()) {
        j["schedule"] = s.schedule;
    }
    j["start"] = format_local(s.start);
    j["duration"] = s.duration;
    j["provider"] = s.provider;
    // Only what is set, to keep years of history small.
    if (s.outcome) {
        j["outcome"] = outcome_name(*s.outcome);
    }
    if (s.late_minutes > 0) {
        j["late_minutes"] = s.late_minutes;
    }
    if (s.no_show) {
        j["no_show"] = true;
    }
    const std::pair<const char*, const std::string*> texts[] = {
        {"note", &s.note},
        {"reason", &s.reason},
        {"rescheduled_from", &s.rescheduled_from},
        {"rescheduled_to", &s.rescheduled_to},
        {"moved_by", &s.moved_by}};
    for (const auto& [key, value] : texts) {
        if (!value->empty()) {
            j[key] = *value;
        }
    }
    return j;
}

ordered_json record_to_json(const Absence& a) {
    ordered_json j{{"id", a.id}, {"provider", a.provider}, {"from", format_date(a.from)},
                   {"to", format_date(a.to)}};
    if (!a.reason.empty()) {
        j["reason"] = a.reason;
    }
    return j;
}

std::string json_line(const ordered_json& j) {
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

} // namespace showup
