#pragma once
// A strict, fast JSON reader that walks the text once, for the data file: the records are read
// straight into the model's structures with no document tree in between. Syntax errors name
// the byte; what a value means is for the caller (record_json.cpp) to check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace showup {

// The length of the well-formed UTF-8 sequence that `s` starts with (RFC 3629), or 0.
std::size_t utf8_sequence_length(std::string_view s);

// Appends `text` as a JSON string; bytes that are not UTF-8 become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

class JsonCursor {
public:
    enum class Kind { object, array, string, number, boolean, null };

    JsonCursor(std::string_view text, std::string label)
        : m_text(text), m_label(std::move(label)) {}

    // The kind of the next value (after white space); a syntax error at the end of the text.
    Kind peek();
    // Reads one string value, unescaped.
    std::string string();
    // Reads one number; nullopt (having read it) when it is not a whole number that fits.
    // `text`, when given, receives the number as written.
    std::optional<std::int64_t> integer(std::string_view* text = nullptr);
    bool boolean();
    void null();
    // Skips one value of any kind, checking its syntax; returns its text.
    std::string_view skip();
    // Skips one value checking only that its strings, objects and arrays close, several times
    // faster than `skip`: for a listing, which validates nothing. Returns its text.
    std::string_view pass();
    // Where the cursor is in the text: after `peek`, where the next value starts.
    std::size_t position() const { return m_pos; }
    // Skips one object that is alone on its line, as showup writes records, at the speed of
    // memchr and without checking its syntax; any other value is passed (`pass`). For the
    // records a command that reads a window of time does not look at.
    std::string_view pass_line();

    // Calls `member(key)` for each member of an object; `member` must read the value.
    template <typename F> void members(F member) {
        expect('{');
        if (consume('}')) {
            return;
        }
        do {
            if (peek() != Kind::string) {
                syntax_error("a member name");
            }
            const auto key = string();
            expect(':');
            member(key);
        } while (consume(','));
        expect('}');
    }

    // Calls `element(index)` for each element of an array; `element` must read the value.
    template <typename F> void elements(F element) {
        expect('[');
        if (consume(']')) {
            return;
        }
        std::size_t i = 0;
        do {
            element(i++);
        } while (consume(','));
        expect(']');
    }

    // After the top-level value: only white space may follow.
    void finish();

    [[noreturn]] void syntax_error(std::string_view expected) const;

private:
    void skip_space();
    void expect(char c);
    bool consume(char c);
    void skip_string();
    void skip_number();
    void skip_literal(std::string_view word);
    void skip_nested(int depth);

    std::string_view m_text;
    std::string m_label;
    std::size_t m_pos = 0;
};

} // namespace showup
