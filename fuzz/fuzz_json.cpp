// Our one-pass JSON reader against nlohmann's: the same texts are JSON for both (within the
// nesting depth ours allows, and without NUL bytes, where nlohmann stops reading).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "showup/errors.hpp"
#include "store/json_cursor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    int depth = 0;
    for (char c : text) {
        depth += c == '[' || c == '{';
    }
    // nlohmann's reader takes a NUL byte for the end of the input; ours refuses it.
    if (depth > 200 || text.find('\0') != std::string_view::npos) {
        return 0;
    }
    bool ours = true;
    try {
        showup::JsonCursor cursor(text, "fuzz");
        cursor.skip();
        cursor.finish();
    } catch (const showup::Error&) {
        ours = false;
    }
    bool theirs = true;
    try {
        (void)nlohmann::json::parse(text);
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
    return 0;
}
