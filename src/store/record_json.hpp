#pragma once
// One record of the data file to and from JSON, with validation that names the place of
// every problem (`sessions[12].start: "2026-02-30T10:00" is not a valid date-time`).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "showup/data.hpp"

namespace showup {

// Where in the file a value is; rendered only when something is wrong there.
struct Place {
    std::string path;

    Place() = default;
    explicit Place(std::string p) : path(std::move(p)) {}
    Place(const char* collection, std::size_t index);
    Place field(const std::string& name) const;
};

class RecordReader;

class ObjectReader {
public:
    ObjectReader(const RecordReader& r, const nlohmann::json& j, Place place)
        : m_r(r), m_j(j), m_place(std::move(place)) {}

    const nlohmann::json& required(const char* key) const;
    const nlohmann::json* optional(const char* key) const; // null when absent or JSON null
    std::string string(const char* key) const;               // required, non-empty
    std::string optional_string(const char* key) const;      // "" when absent
    int integer(const char* key, int min, int max) const;
    std::optional<int> optional_integer(const char* key, int min, int max) const;
    bool optional_bool(const char* key) const;
    LocalDays date(const char* key) const;
    std::optional<LocalDays> optional_date(const char* key) const;
    LocalMinutes date_time(const char* key) const;
    Place at(const char* key) const { return m_place.field(key); }

private:
    const RecordReader& m_r;
    const nlohmann::json& m_j;
    Place m_place;
};

class RecordReader {
public:
    explicit RecordReader(std::string label) : m_label(std::move(label)) {}
    [[noreturn]] void fail(const Place& place, const std::string& message) const;
    ObjectReader object(const nlohmann::json& j, const Place& place) const;

private:
    std::string m_label;
};

Provider read_provider(const RecordReader& r, const nlohmann::json& j, const Place& place);
Schedule read_schedule(const RecordReader& r, const nlohmann::json& j, const Place& place);
Session read_session(const RecordReader& r, const nlohmann::json& j, const Place& place);
Absence read_absence(const RecordReader& r, const nlohmann::json& j, const Place& place);

nlohmann::ordered_json record_to_json(const Provider& p);
nlohmann::ordered_json record_to_json(const Schedule& s);
nlohmann::ordered_json record_to_json(const Session& s);
nlohmann::ordered_json record_to_json(const Absence& a);

// One line of JSON; invalid UTF-8 in user text is replaced rather than refused.
std::string json_line(const nlohmann::ordered_json& j);

} // namespace showup
