#pragma once
// A strict, fast JSON reader that walks the text once, for the data file: the records are read
// straight into the model's structures with no document tree in between. Syntax errors name
// the byte; what a value means is for the caller (record_json.cpp) to check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

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
    Kind peek() {
        skip_space();
        if (m_pos < m_text.size()) {
            switch (m_text[m_pos]) {
            case '{':
                return Kind::object;
            case '[':
                return Kind::array;
            case '"':
                return Kind::string;
            default:
                break;
            }
        }
        return peek_other();
    }
    // Reads one string value, unescaped.
    std::string string();
    // Reads one string value, unescaped, without copying it when it has no escapes: the view is
    // into the text, or into `scratch` when it had to be unescaped (valid until `scratch`
    // changes). The same checks and errors as `string`.
    std::string_view string_view(std::string& scratch) {
        // Most strings of the file start where the cursor is (`peek` went past the white space)
        // and hold only plain characters: they are found here, the others below.
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            const auto end = plain_run_end(m_text, m_pos + 1);
            if (end < m_text.size() && m_text[end] == '"') {
                const auto start = m_pos + 1;
                m_pos = end + 1;
                return m_text.substr(start, end - start);
            }
        }
        return string_view_rest(scratch);
    }
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
    std::string_view text() const { return m_text; }
    // From `pos`, just after a string's opening quote, over the characters that are as they
    // are read: where that run stops, at the closing quote, a backslash, a control character,
    // a byte that is not well-formed UTF-8, or the end of `text`.
    static std::size_t verbatim_end(std::string_view text, std::size_t pos);
    // Moves on to `pos`, past a value the caller read some other way (a sealed file's
    // sessions, found by their lines).
    void jump(std::size_t pos) { m_pos = pos; }
    // Skips one object that is alone on its line, as showup writes records, at the speed of
    // memchr and without checking its syntax; any other value is passed (`pass`). For the
    // records a command that reads a window of time does not look at.
    std::string_view pass_line();

    // Calls `member(key)` for each member of an object; `member` must read the value. A
    // `member` that takes a std::string_view gets the key without a copy, valid during the call.
    template <typename F> void members(F member) {
        expect('{');
        if (consume('}')) {
            return;
        }
        std::string scratch; // an escaped key, unescaped
        do {
            if (peek() != Kind::string) {
                syntax_error("a member name");
            }
            const auto key = string_view(scratch);
            if (m_pos < m_text.size() && m_text[m_pos] == ':') {
                ++m_pos; // as showup writes it: no white space before the colon
            } else {
                expect(':');
            }
            if constexpr (std::is_invocable_v<F&, std::string_view>) {
                member(key);
            } else {
                member(std::string(key));
            }
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
    static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    void skip_space() {
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
            ++m_pos;
        }
    }
    void expect(char c) {
        skip_space();
        if (m_pos >= m_text.size() || m_text[m_pos] != c) {
            expected_char(c);
        }
        ++m_pos;
    }
    bool consume(char c) {
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    Kind peek_other();
    // Where the run of plain characters from `pos` ends: the first quote, backslash, control
    // character or non-ASCII byte, or the end of `text`.
    static std::size_t plain_run_end(std::string_view text, std::size_t pos);
    // `string_view` for a string that is not all plain characters (or not at the cursor).
    std::string_view string_view_rest(std::string& scratch);
    [[noreturn]] void expected_char(char c) const;
    // The rest of a string after `m_pos`, which is not its closing quote, appended to `out`.
    void unescape_rest(std::string& out);
    void skip_string();
    void skip_number();
    void skip_literal(std::string_view word);
    void skip_nested(int depth);

    std::string_view m_text;
    std::string m_label;
    std::size_t m_pos = 0;
};

} // namespace showup
