#include <doctest/doctest.h>

#include <random>
#include <string>

#include "store/text_search.hpp"

using namespace showup;

namespace store_text_search_test {

TEST_CASE("text search: contains finds what string_view::find finds, at every place") {
    // Parts of two to twenty bytes at every place of texts of 0 to 80 bytes (around the
    // sixteen bytes looked at at once, and the end), in a text of few letters, so that the two
    // bytes compared first often agree where the rest does not.
    std::mt19937 rng(20261127);
    std::uniform_int_distribution<int> letter(0, 3);
    int found = 0;
    for (std::size_t size = 0; size <= 80; ++size) {
        std::string text(size, ' ');
        for (auto& c : text) {
            c = "ab\"o"[letter(rng)];
        }
        for (std::size_t length = 1; length <= 20 && length <= size; ++length) {
            for (std::size_t at = 0; at + length <= size; ++at) {
                const auto part = text.substr(at, length);
                CHECK(contains(text, part));
                // One byte changed: found only where the text has it too.
                auto other = part;
                other[length / 2] = other[length / 2] == 'x' ? 'y' : 'x';
                CHECK(contains(text, other) == (text.find(other) != std::string::npos));
                ++found;
            }
        }
    }
    CHECK(found > 10000);
    CHECK(contains("", ""));
    CHECK_FALSE(contains("", "a"));
    CHECK_FALSE(contains("ab", "abc"));
    // A session's id in a line of JSON, with its quotes: not in a longer id, nor in a note that
    // quotes it (its quotes are escaped).
    const std::string line =
        R"({"id":"o55","start":"2026-01-05T10:00","note":"after \"o5\"","rescheduled_from":"o4"})";
    CHECK(contains(line, R"("o4")"));
    CHECK(contains(line, R"("o55")"));
    CHECK_FALSE(contains(line, R"("o5")"));
}

TEST_CASE("text search: count_lines counts the lines, the last with or without its newline") {
    CHECK(count_lines("") == 0);
    CHECK(count_lines("a") == 1);
    CHECK(count_lines("a\n") == 1);
    CHECK(count_lines("a\nb") == 2);
    CHECK(count_lines("\n\n") == 2);
    std::string many;
    for (int i = 0; i < 1000; ++i) {
        many += "    {\"id\":\"o" + std::to_string(i) + "\"},\n";
    }
    CHECK(count_lines(many) == 1000);
    many.pop_back();
    CHECK(count_lines(many) == 1000);
}

} // namespace store_text_search_test
