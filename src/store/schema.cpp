// The data file's format, version 1 (documented in docs/data-format.md): reading with
// validation that names the offending place, and writing with a stable key order and one
// record a line, so that two versions diff readably.
#include <algorithm>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

#include "record_json.hpp"
#include "showup/errors.hpp"
#include "showup/store.hpp"

namespace showup {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr const char* k_collections[] = {"providers", "schedules", "sessions", "absences"};

NextIds read_next_ids(const RecordReader& r, const json& j, const Place& place) {
    auto obj = r.object(j, place);
    NextIds ids;
    ids.schedule = obj.integer("schedule", 1, 1'000'000'000);
    ids.session = obj.integer("session", 1, 1'000'000'000);
    ids.absence = obj.integer("absence", 1, 1'000'000'000);
    return ids;
}

ordered_json write_next_ids(const NextIds& ids) {
    return ordered_json{{"schedule", ids.schedule}, {"session", ids.session}, {"absence", ids.absence}};
}

template <typename T, typename ReadFn>
std::vector<T> read_collection(const RecordReader& r, const json& top, const char* key,
                               ReadFn read) {
    std::vector<T> out;
    auto it = top.find(key);
    if (it == top.end()) {
        r.fail(Place{key}, "is missing");
    }
    if (!it->is_array()) {
        r.fail(Place{key}, "must be an array");
    }
    out.reserve(it->size());
    std::unordered_set<std::string_view> ids;
    ids.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Place place{key, i};
        out.push_back(read((*it)[i], place));
        if (!ids.insert(out.back().id).second) {
            r.fail(place.field("id"), fmt::format("\"{}\" is used twice", out.back().id));
        }
    }
    return out;
}

// References between records: each must name something that exists.
void check_references(const RecordReader& r, const Data& d) {
    std::unordered_set<std::string_view> providers;
    for (const auto& p : d.providers) {
        providers.insert(p.id);
    }
    std::unordered_set<std::string_view> schedules;
    for (std::size_t i = 0; i < d.schedules.size(); ++i) {
        schedules.insert(d.schedules[i].id);
        if (!providers.contains(d.schedules[i].provider)) {
            r.fail(Place{"schedules", i}.field("provider"),
                   fmt::format("no provider \"{}\"", d.schedules[i].provider));
        }
    }
    std::unordered_set<std::string_view> sessions;
    for (const auto& s : d.sessions) {
        sessions.insert(s.id);
    }
    for (std::size_t i = 0; i < d.sessions.size(); ++i) {
        const auto& s = d.sessions[i];
        const Place place{"sessions", i};
        if (!providers.contains(s.provider)) {
            r.fail(place.field("provider"), fmt::format("no provider \"{}\"", s.provider));
        }
        if (!s.schedule.empty() && !schedules.contains(s.schedule)) {
            r.fail(place.field("schedule"), fmt::format("no schedule \"{}\"", s.schedule));
        }
        if (!s.rescheduled_from.empty() && !sessions.contains(s.rescheduled_from)) {
            r.fail(place.field("rescheduled_from"),
                   fmt::format("no session \"{}\"", s.rescheduled_from));
        }
        if (!s.rescheduled_to.empty() && !sessions.contains(s.rescheduled_to)) {
            r.fail(place.field("rescheduled_to"), fmt::format("no session \"{}\"", s.rescheduled_to));
        }
    }
    for (std::size_t i = 0; i < d.absences.size(); ++i) {
        if (!providers.contains(d.absences[i].provider)) {
            r.fail(Place{"absences", i}.field("provider"),
                   fmt::format("no provider \"{}\"", d.absences[i].provider));
        }
    }
}

std::vector<UndoEntry> read_history(const RecordReader& r, const json& top) {
    std::vector<UndoEntry> history;
    auto it = top.find("history");
    if (it == top.end()) {
        return history;
    }
    if (!it->is_array()) {
        r.fail(Place{"history"}, "must be an array");
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Place place{"history", i};
        auto obj = r.object((*it)[i], place);
        UndoEntry e;
        e.description = obj.string("description");
        e.at = obj.string("at");
        e.next_ids_before = read_next_ids(r, obj.required("next_ids_before"),
                                          place.field("next_ids_before"));
        const auto& changes = obj.required("changes");
        if (!changes.is_array()) {
            r.fail(place.field("changes"), "must be an array");
        }
        for (std::size_t c = 0; c < changes.size(); ++c) {
            const auto cplace = place.field(fmt::format("changes[{}]", c));
            auto cobj = r.object(changes[c], cplace);
            RecordChange change;
            change.collection = cobj.string("collection");
            if (std::find(std::begin(k_collections), std::end(k_collections), change.collection) ==
                std::end(k_collections)) {
                r.fail(cplace.field("collection"),
                       fmt::format("\"{}\" is not a collection", change.collection));
            }
            change.id = cobj.string("id");
            const auto& before = cobj.required("before");
            if (!before.is_null() && !before.is_object()) {
                r.fail(cplace.field("before"), "must be an object or null");
            }
            change.before = before;
            e.changes.push_back(std::move(change));
        }
        history.push_back(std::move(e));
    }
    return history;
}

void append_records(std::string& out, const char* key, const std::vector<std::string>& lines,
                    bool last) {
    out += fmt::format("  \"{}\": [", key);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        out += lines[i];
    }
    out += lines.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

template <typename T> std::vector<std::string> record_lines(const std::vector<T>& items) {
    std::vector<std::string> lines;
    lines.reserve(items.size());
    for (const auto& item : items) {
        lines.push_back(json_line(record_to_json(item)));
    }
    return lines;
}

} // namespace

Document parse_document(std::string_view text, const std::string& label) {
    const RecordReader r{label};
    json top;
    try {
        top = json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(fmt::format("{}: not valid JSON (byte {}); the file was left as it is", label,
                                e.byte));
    }
    if (!top.is_object()) {
        throw Error(fmt::format("{}: the top level must be an object", label));
    }
    auto root = r.object(top, Place{});
    const int version = root.integer("version", 1, 1'000'000);
    if (version > Data::k_version) {
        throw Error(fmt::format("{}: version {} is newer than this showup understands ({}); "
                                "upgrade showup to use this file",
                                label, version, Data::k_version));
    }
    Document doc;
    auto& d = doc.data;
    d.timezone = root.string("timezone");
    if (!Zone::exists(d.timezone)) {
        r.fail(Place{"timezone"}, fmt::format("\"{}\" is not a time zone", d.timezone));
    }
    d.next_ids = read_next_ids(r, root.required("next_ids"), Place{"next_ids"});
    d.providers = read_collection<Provider>(
        r, top, "providers", [&](const json& j, const Place& p) { return read_provider(r, j, p); });
    d.schedules = read_collection<Schedule>(
        r, top, "schedules", [&](const json& j, const Place& p) { return read_schedule(r, j, p); });
    d.sessions = read_collection<Session>(
        r, top, "sessions", [&](const json& j, const Place& p) { return read_session(r, j, p); });
    d.absences = read_collection<Absence>(
        r, top, "absences", [&](const json& j, const Place& p) { return read_absence(r, j, p); });
    check_references(r, d);
    doc.history = read_history(r, top);
    return doc;
}

std::string serialize_document(const Document& doc) {
    const auto& d = doc.data;
    std::string out = "{\n";
    out += fmt::format("  \"version\": {},\n", Data::k_version);
    out += fmt::format("  \"timezone\": {},\n", json_line(d.timezone));
    out += fmt::format("  \"next_ids\": {},\n", json_line(write_next_ids(d.next_ids)));
    append_records(out, "providers", record_lines(d.providers), false);
    append_records(out, "schedules", record_lines(d.schedules), false);
    // Sessions in time order, so the file reads as a diary.
    std::vector<const Session*> sorted;
    sorted.reserve(d.sessions.size());
    for (const auto& s : d.sessions) {
        sorted.push_back(&s);
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const Session* a, const Session* b) {
        return std::tie(a->start, a->id) < std::tie(b->start, b->id);
    });
    std::vector<std::string> session_lines;
    session_lines.reserve(sorted.size());
    for (const auto* s : sorted) {
        session_lines.push_back(json_line(record_to_json(*s)));
    }
    append_records(out, "sessions", session_lines, false);
    append_records(out, "absences", record_lines(d.absences), false);
    std::vector<std::string> history_lines;
    for (const auto& e : doc.history) {
        ordered_json changes = ordered_json::array();
        for (const auto& c : e.changes) {
            changes.push_back({{"collection", c.collection}, {"id", c.id}, {"before", c.before}});
        }
        history_lines.push_back(
            json_line(ordered_json{{"description", e.description},
                                   {"at", e.at},
                                   {"next_ids_before", write_next_ids(e.next_ids_before)},
                                   {"changes", changes}}));
    }
    append_records(out, "history", history_lines, true);
    out += "}\n";
    return out;
}

} // namespace showup
