// RareText, a session's rarely set words: 8 bytes when unset, and a value like std::string.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "showup/data.hpp"

using namespace showup;

// What it is for: a session read a hundred thousand times (432 bytes before its eight rare
// words were RareText).
static_assert(sizeof(RareText) == sizeof(void*));
static_assert(sizeof(Session) <= 216);

TEST_CASE("rare text: an empty text holds nothing, and == compares the text") {
    RareText t;
    CHECK(t.empty());
    CHECK(t.size() == 0);
    CHECK(t == "");
    CHECK(t.str().empty());
    t = "talked about work";
    CHECK_FALSE(t.empty());
    CHECK(t.size() == 17);
    CHECK(t == "talked about work");
    CHECK(t == std::string("talked about work"));
    CHECK(t == std::string_view("talked about work"));
    CHECK(t != "talked");
    CHECK(RareText("a") == RareText(std::string("a")));
    CHECK(RareText() == RareText(""));
    t = std::string();
    CHECK(t.empty());
    t.assign("abc", 2);
    CHECK(t == "ab");
    t.clear();
    CHECK(t.empty());
    t = {};
    CHECK(t.empty());
}

TEST_CASE("rare text: copies are deep") {
    RareText a("first");
    RareText b = a;
    b = "second";
    CHECK(a == "first");
    CHECK(b == "second");
    a = b;
    b.clear();
    CHECK(a == "second");
    RareText c = std::move(a);
    CHECK(c == "second");
    Session s;
    s.note = "words";
    auto copy = s;
    CHECK(copy == s);
    copy.note = "other words";
    CHECK_FALSE(copy == s);
    CHECK(s.note == "words");
}

TEST_CASE("rare text: it converts to strings, formats and becomes JSON") {
    const RareText t("me");
    const std::string& s = t;
    const std::string_view v = t;
    CHECK(s == "me");
    CHECK(v == "me");
    CHECK(static_cast<const std::string&>(RareText()).empty());
    CHECK(fmt::format("[{}] [{:>4}]", t, RareText()) == "[me] [    ]");
    CHECK(nlohmann::json(t) == "me");
    CHECK(nlohmann::ordered_json{{"by", t}}.dump() == R"({"by":"me"})");
}
