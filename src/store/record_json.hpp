#pragma once
// One record of the data file to and from JSON, with validation that names the place of
// every problem (`sessions[12].start: "2026-02-30T10:00" is not a valid date-time`).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "json_cursor.hpp"
#include "showup/data.hpp"
#include "showup/invariants.hpp"

namespace showup {

// Where in the file a value is: a chain of names and indexes, built without allocating and
// rendered only when something is wrong there.
// A member's name is a view of the file's text (or of its reader's copy of a key it unescaped),
// which outlives the place.
struct Place {
    const Place* parent = nullptr;
    std::string_view name{}; // a member name, or no data (null) for an array element
    std::size_t index = 0;

    std::string text() const;
    Place member(std::string_view key) const { return Place{this, key, 0}; }
    Place element(std::size_t i) const { return Place{this, std::string_view{}, i}; }
};

// Throws the error for a bad value at `place` of the file `label`.
[[noreturn]] void fail_at(const std::string& label, const Place& place, const std::string& message);

class RecordReader;

// Which required members a record had, to name the first one missing. Sized by its names,
// so that a record with more required members than the set can hold does not compile.
template <std::size_t N> class Required {
    static_assert(N <= 32, "one bit of `m_seen` per required member");

public:
    template <typename... Names>
    explicit Required(Names... names) : m_names{std::string_view(names)...} {}
    // The `i`th name was seen (when the caller already knows which it is).
    void seen(std::size_t i) { m_seen |= std::uint32_t{1} << i; }
    void seen(std::string_view key) {
        for (std::size_t i = 0; i < N; ++i) {
            if (key == m_names[i]) {
                m_seen |= std::uint32_t{1} << i;
                return;
            }
        }
    }
    // Fails naming the first one that was not seen.
    void check(const RecordReader& r, const Place& place) const;

private:
    std::array<std::string_view, N> m_names; // literals, which outlive the reader
    std::uint32_t m_seen = 0;
};
template <typename... Names> Required(Names...) -> Required<sizeof...(Names)>;

// Reads values at the cursor, failing with the file's label and the value's place.
class RecordReader {
public:
    RecordReader(JsonCursor& cursor, std::string label)
        : m_cursor(cursor), m_label(std::move(label)) {}

    JsonCursor& cursor() { return m_cursor; }
    [[noreturn]] void fail(const Place& place, const std::string& message) const;
    // The value at the cursor is of the wrong kind: fail showing it.
    [[noreturn]] void wrong(const Place& place, const std::string& what);

    std::string string(const Place& place); // non-empty
    // A string value without copying it (see JsonCursor::string_view), for one that is parsed.
    std::string_view string_view(const Place& place, const char* what);
    std::string id(const Place& place);              // non-empty, without control characters
    std::string optional_string(const Place& place); // null: ""
    // The same into `out`, which keeps its buffer: a large file's records are read this way.
    void id(const Place& place, std::string& out);
    void optional_string(const Place& place, std::string& out);
    void optional_string(const Place& place, RareText& out);
    int integer(const Place& place, int min, int max);
    std::optional<int> optional_integer(const Place& place, int min, int max); // null: nullopt
    bool optional_bool(const Place& place);                                    // null: false
    LocalDays date(const Place& place);
    std::optional<LocalDays> optional_date(const Place& place);
    LocalMinutes date_time(const Place& place, std::string* written = nullptr);
    std::optional<Instant> optional_instant(const Place& place); // null: nullopt
    NextIds next_ids(const Place& place);

    // Calls `member(key, place)` for each member of the object at the cursor; a `member` that
    // takes a std::string_view key gets it without a copy.
    template <typename F> void object(const Place& place, F member) {
        if (m_cursor.peek() != JsonCursor::Kind::object) {
            wrong(place, "must be an object");
        }
        if constexpr (std::is_invocable_v<F&, std::string_view, const Place&>) {
            m_cursor.members([&](std::string_view key) { member(key, place); });
        } else {
            m_cursor.members([&](const std::string& key) { member(key, place); });
        }
    }
    // Calls `element(place)` for each element of the array at the cursor.
    template <typename F> void array(const Place& place, F element) {
        if (m_cursor.peek() != JsonCursor::Kind::array) {
            wrong(place, "must be an array");
        }
        m_cursor.elements([&](std::size_t i) { element(place.element(i)); });
    }

private:
    // A non-empty string value (see `string`), valid until the next string is read.
    std::string_view non_empty(const Place& place);
    // A string value or null (an empty view), valid until the next string is read.
    std::string_view optional_text(const Place& place);

    JsonCursor& m_cursor;
    std::string m_label;
    std::string m_scratch; // a value of `string_view` that had escapes
};

template <std::size_t N> void Required<N>::check(const RecordReader& r, const Place& place) const {
    for (std::size_t i = 0; i < N; ++i) {
        if ((m_seen & (std::uint32_t{1} << i)) == 0) {
            r.fail(place.member(m_names[i]), "is missing");
        }
    }
}

Provider read_provider(RecordReader& r, const Place& place);
Schedule read_schedule(RecordReader& r, const Place& place);
Session read_session(RecordReader& r, const Place& place);
// The same into `s`, a new record (a session is 208 bytes: a file's hundred thousand are read
// where they stay, not moved there).
void read_session_into(RecordReader& r, const Place& place, Session& s);
// Its two readers, which it tries in turn: one for a record as record_line writes it (at `pos`
// in `text`; where it ends, or npos for any other text, having set some members of `s`), and
// the general one for any text, which judges it.
std::size_t read_written_session(std::string_view text, std::size_t pos, Session& s);
void read_session_members(RecordReader& r, const Place& place, Session& s);
Absence read_absence(RecordReader& r, const Place& place);
Contact read_contact(RecordReader& r, const Place& place);
AgendaItem read_agenda_item(RecordReader& r, const Place& place);
Budget read_budget(RecordReader& r, const Place& place);

// A record's line as record_line writes it starts so, its id next.
inline constexpr std::string_view k_id_start = R"({"id":")";
// Whether `line` starts with the id `id` as json_string writes an id without an escape: the
// session lines a save keeps as they are (parse_document), whose ids a search of the text then
// finds (a sealed file's window, Store::named_outside).
inline bool starts_with_id(std::string_view line, std::string_view id) {
    return line.size() > k_id_start.size() + id.size() && line.starts_with(k_id_start) &&
           line.compare(k_id_start.size(), id.size(), id) == 0 &&
           line[k_id_start.size() + id.size()] == '"';
}
// The id of such a line.
inline std::string_view line_id(std::string_view line) {
    return line.substr(k_id_start.size(), line.find('"', k_id_start.size()) - k_id_start.size());
}

// One record as one line of JSON, with a stable key order and only the keys that are set.
std::string record_line(const Provider& p);
std::string record_line(const Schedule& s);
std::string record_line(const Session& s);
std::string record_line(const Absence& a);
std::string record_line(const Contact& c);
std::string record_line(const AgendaItem& a);
std::string record_line(const Budget& b);
std::string record_line(const NextIds& ids);

// `text` as a JSON string; invalid UTF-8 in user text is replaced rather than refused.
std::string json_string(std::string_view text);

} // namespace showup
