#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "showup/errors.hpp"
#include "store/json_cursor.hpp"

using namespace showup;

namespace store_json_cursor_test {

namespace {
// One JSON string value, decoded by ours.
std::string decoded(const std::string& json) {
    JsonCursor cursor(json, "t.json");
    auto s = cursor.string();
    cursor.finish();
    return s;
}
} // namespace

TEST_CASE("json cursor: escapes and surrogate pairs decode as nlohmann decodes them") {
    const char* const texts[] = {
        R"("plain")",
        R"("\"quoted\" \\ back\/slash")",
        R"("\b\f\n\r\t")",
        R"("\u0000 nul, \u001f unit separator")",
        R"("\u00e9t\u00E9 \u20ac \uffff")",
        R"("\ud83d\ude00 a face, \uD834\uDD1E a clef")",
        R"("\udbff\udfff the last code point")",
        "\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 as UTF-8\"",
    };
    for (const char* text : texts) {
        CAPTURE(text);
        CHECK(decoded(text) == nlohmann::json::parse(text).get<std::string>());
    }
    // Written out, so that both readers agreeing on a wrong value would not pass.
    CHECK(decoded(R"("\ud83d\ude00")") == "\xf0\x9f\x98\x80");
    CHECK(decoded(R"("\u00e9\u20ac")") == "\xc3\xa9\xe2\x82\xac");
    CHECK(decoded(R"("a\u0000b")") == std::string("a\0b", 3));
}

TEST_CASE("json cursor: broken escapes and lone surrogates are refused, as nlohmann refuses them") {
    const char* const texts[] = {
        R"("\ud83d")",
        R"("\ude00")",
        R"("\ud83d\u0041")",
        R"("\ud83dx")",
        R"("\u12")",
        R"("\u12g4")",
        R"("\x41")",
        R"("\)",
        "\"\xc3\"",
        "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"",
        "\"tab\tinside\"",
    };
    for (const char* text : texts) {
        CAPTURE(text);
        CHECK_THROWS_AS(decoded(text), Error);
        CHECK_FALSE(nlohmann::json::accept(text));
    }
}

} // namespace store_json_cursor_test
