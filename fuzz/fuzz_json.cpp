// Our one-pass JSON reader against nlohmann's: the same texts are JSON for both (within the
// nesting depth ours allows, and without NUL bytes, where nlohmann stops reading), and what
// both accept decodes to the same values: strings with every escape and surrogate pair,
// numbers, members (the last of a repeated name wins in both). And a text a session's line
// reader (for lines as showup writes them) reads, the general one reads the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "showup/errors.hpp"
#include "store/json_cursor.hpp"
#include "store/record_json.hpp"

namespace {

// The value at the cursor, read with ours, as an nlohmann value to compare.
nlohmann::json decode(showup::JsonCursor& cursor) {
    using Kind = showup::JsonCursor::Kind;
    switch (cursor.peek()) {
    case Kind::object: {
        auto object = nlohmann::json::object();
        cursor.members([&](const std::string& key) { object[key] = decode(cursor); });
        return object;
    }
    case Kind::array: {
        auto array = nlohmann::json::array();
        cursor.elements([&](std::size_t) { array.push_back(decode(cursor)); });
        return array;
    }
    case Kind::string:
        return cursor.string();
    case Kind::number: {
        std::string_view written;
        if (const auto whole = cursor.integer(&written)) {
            return *whole;
        }
        // Not a whole number that fits: ours keeps only the text; read it as nlohmann would.
        return std::strtod(std::string(written).c_str(), nullptr);
    }
    case Kind::boolean:
        return cursor.boolean();
    case Kind::null:
        cursor.null();
        return nullptr;
    }
    __builtin_trap();
}

// Where the line reader reads a session, the general reader reads the same, to the same end.
void compare_session_readers(std::string_view text) {
    showup::Session by_line;
    const auto end = showup::read_written_session(text, 0, by_line);
    if (end == std::string_view::npos) {
        return;
    }
    showup::Session general;
    try {
        showup::JsonCursor cursor(text, "fuzz");
        showup::RecordReader r(cursor, "fuzz");
        showup::read_session_members(r, showup::Place(), general);
        if (cursor.position() != end || !(general == by_line)) {
            __builtin_trap();
        }
    } catch (const showup::Error&) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    compare_session_readers(text);
    int depth = 0;
    for (char c : text) {
        depth += c == '[' || c == '{';
    }
    // nlohmann's reader takes a NUL byte for the end of the input; ours refuses it.
    if (depth > 200 || text.find('\0') != std::string_view::npos) {
        return 0;
    }
    bool ours = true;
    nlohmann::json our_value;
    try {
        showup::JsonCursor cursor(text, "fuzz");
        our_value = decode(cursor);
        cursor.finish();
    } catch (const showup::Error&) {
        ours = false;
    }
    bool theirs = true;
    nlohmann::json their_value;
    try {
        their_value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
        theirs = false;
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double (1e999) stops nlohmann before it has read the rest;
        // ours has no doubles and reads on. Nothing to compare.
        return 0;
    }
    if (ours != theirs) {
        __builtin_trap();
    }
    if (ours && our_value != their_value) {
        __builtin_trap();
    }
    return 0;
}
