#include "json_cursor.hpp"

#include <bit>
#include <cstring>
#include <fmt/format.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "showup/errors.hpp"

namespace showup {

namespace {

constexpr int k_max_depth = 256;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

std::size_t utf8_sequence_length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    const auto c = b(0);
    if (c >= 0xC2 && c <= 0xDF) {
        return cont(1) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) {
            return 0;
        }
        if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) {
            return 0; // overlong, or a surrogate
        }
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) {
            return 0;
        }
        if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        // Copy a run of characters that need no escape at once.
        const auto start = i;
        while (i < text.size()) {
            const auto u = static_cast<unsigned char>(text[i]);
            if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\') {
                break;
            }
            ++i;
        }
        out.append(text.substr(start, i - start));
        if (i == text.size()) {
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const auto n = utf8_sequence_length(text.substr(i));
            if (n == 0) {
                out += "\\ufffd";
                ++i;
            } else {
                out.append(text.substr(i, n));
                i += n;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += fmt::format("\\u{:04x}", c);
            } else {
                out += static_cast<char>(c);
            }
        }
        ++i;
    }
    out += '"';
}

void JsonCursor::syntax_error(std::string_view expected) const {
    const auto at = m_pos < m_text.size() ? fmt::format("byte {}", m_pos + 1)
                                          : std::string("the end of the file");
    throw Error(fmt::format("{}: not valid JSON: expected {} at {}; the file was left as it is",
                            m_label, expected, at));
}

void JsonCursor::expected_char(char c) const {
    syntax_error(fmt::format("'{}'", c));
}

// The kinds `peek` does not see at once (it has skipped the white space).
JsonCursor::Kind JsonCursor::peek_other() {
    if (m_pos >= m_text.size()) {
        syntax_error("a value");
    }
    switch (m_text[m_pos]) {
    case 't':
    case 'f':
        return Kind::boolean;
    case 'n':
        return Kind::null;
    default:
        if (m_text[m_pos] == '-' || is_digit(m_text[m_pos])) {
            return Kind::number;
        }
        syntax_error("a value");
    }
}

// Many bytes at a time, since every byte of a file's strings passes here.
std::size_t JsonCursor::plain_run_end(std::string_view text, std::size_t pos) {
#if defined(__SSE2__)
    // Sixteen at a time where the processor can: a signed compare with 0x20 finds both the
    // control characters and the bytes from 0x80.
    const auto quote = _mm_set1_epi8('"');
    const auto backslash = _mm_set1_epi8('\\');
    const auto space = _mm_set1_epi8(0x20);
    while (pos + 16 <= text.size()) {
        const auto v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
        const auto special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmplt_epi8(v, space));
        if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special)); mask != 0) {
            return pos + static_cast<std::size_t>(std::countr_zero(mask));
        }
        pos += 16;
    }
#endif
    // Else eight: a byte is flagged by the usual "has a zero byte" arithmetic, whose lowest flag
    // is exact (a borrow only reaches the bytes after it).
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
        constexpr std::uint64_t k_high = 0x8080808080808080ULL;
        const auto zero_byte = [](std::uint64_t x) { return (x - k_ones) & ~x & k_high; };
        while (pos + 8 <= text.size()) {
            std::uint64_t v = 0;
            std::memcpy(&v, text.data() + pos, 8);
            const auto flags = zero_byte(v ^ (k_ones * '"')) | zero_byte(v ^ (k_ones * '\\')) |
                               ((v - k_ones * 0x20) & ~v & k_high) | (v & k_high);
            if (flags != 0) {
                return pos + static_cast<std::size_t>(std::countr_zero(flags) / 8);
            }
            pos += 8;
        }
    }
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
            break;
        }
        ++pos;
    }
    return pos;
}

std::size_t JsonCursor::verbatim_end(std::string_view text, std::size_t pos) {
    while (pos < text.size()) {
        pos = plain_run_end(text, pos);
        if (pos >= text.size() || static_cast<unsigned char>(text[pos]) < 0x80) {
            break; // the end, a quote, a backslash or a control character
        }
        const auto n = utf8_sequence_length(text.substr(pos));
        if (n == 0) {
            break;
        }
        pos += n;
    }
    return pos;
}

std::string_view JsonCursor::string_view_rest(std::string& scratch) {
    expect('"');
    // Most strings of the file have no escapes: they are checked in place and not copied.
    const auto start = m_pos;
    m_pos = verbatim_end(m_text, m_pos);
    if (m_pos < m_text.size()) {
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"') {
            ++m_pos;
            return m_text.substr(start, m_pos - 1 - start);
        }
        if (c >= 0x80) {
            syntax_error("valid UTF-8");
        }
    }
    scratch.assign(m_text.substr(start, m_pos - start));
    unescape_rest(scratch);
    return scratch;
}

std::string JsonCursor::string() {
    std::string out;
    const auto view = string_view(out);
    if (view.data() != out.data()) {
        out.assign(view);
    }
    return out;
}

void JsonCursor::unescape_rest(std::string& out) {
    for (;;) {
        // Copy a run of plain ASCII at once.
        const auto start = m_pos;
        m_pos = plain_run_end(m_text, m_pos);
        out.append(m_text.substr(start, m_pos - start));
        if (m_pos >= m_text.size()) {
            syntax_error("the end of a string");
        }
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"') {
            ++m_pos;
            return;
        }
        if (c < 0x20) {
            syntax_error("no control character in a string");
        }
        if (c >= 0x80) {
            const auto n = utf8_sequence_length(m_text.substr(m_pos));
            if (n == 0) {
                syntax_error("valid UTF-8");
            }
            out.append(m_text.substr(m_pos, n));
            m_pos += n;
            continue;
        }
        // An escape.
        if (++m_pos >= m_text.size()) {
            syntax_error("an escape");
        }
        const char e = m_text[m_pos++];
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out += e;
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            const auto read4 = [&]() -> std::uint32_t {
                if (m_pos + 4 > m_text.size()) {
                    syntax_error("four hex digits");
                }
                std::uint32_t v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hex_value(m_text[m_pos++]);
                    if (h < 0) {
                        syntax_error("four hex digits");
                    }
                    v = v << 4 | static_cast<std::uint32_t>(h);
                }
                return v;
            };
            auto cp = read4();
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (m_pos + 2 > m_text.size() || m_text[m_pos] != '\\' ||
                    m_text[m_pos + 1] != 'u') {
                    syntax_error("the second half of a surrogate pair");
                }
                m_pos += 2;
                const auto low = read4();
                if (low < 0xDC00 || low > 0xDFFF) {
                    syntax_error("the second half of a surrogate pair");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                syntax_error("a surrogate pair");
            }
            append_utf8(out, cp);
            break;
        }
        default:
            --m_pos;
            syntax_error("a valid escape");
        }
    }
}

void JsonCursor::skip_string() {
    // Checks the syntax the same way; only a string with escapes is copied.
    std::string scratch;
    string_view(scratch);
}

void JsonCursor::skip_number() {
    skip_space();
    const auto fail = [&] { syntax_error("a number"); };
    if (m_pos < m_text.size() && m_text[m_pos] == '-') {
        ++m_pos;
    }
    if (m_pos >= m_text.size() || !is_digit(m_text[m_pos])) {
        fail();
    }
    if (m_text[m_pos] == '0') {
        ++m_pos;
    } else {
        while (m_pos < m_text.size() && is_digit(m_text[m_pos])) {
            ++m_pos;
        }
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= m_text.size() || !is_digit(m_text[m_pos])) {
            fail();
        }
        while (m_pos < m_text.size() && is_digit(m_text[m_pos])) {
            ++m_pos;
        }
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
            ++m_pos;
        }
        if (m_pos >= m_text.size() || !is_digit(m_text[m_pos])) {
            fail();
        }
        while (m_pos < m_text.size() && is_digit(m_text[m_pos])) {
            ++m_pos;
        }
    }
}

std::optional<std::int64_t> JsonCursor::integer(std::string_view* written) {
    skip_space();
    const auto start = m_pos;
    // A positive whole number of up to 15 digits, as the file's numbers are: read in one pass.
    // Any other number is read below.
    if (start < m_text.size() && m_text[start] >= '1' && m_text[start] <= '9') {
        std::int64_t v = 0;
        auto end = start;
        while (end < m_text.size() && end - start < 15 && is_digit(m_text[end])) {
            v = v * 10 + (m_text[end] - '0');
            ++end;
        }
        if (end == m_text.size() || (!is_digit(m_text[end]) && m_text[end] != '.' &&
                                     m_text[end] != 'e' && m_text[end] != 'E')) {
            m_pos = end;
            if (written != nullptr) {
                *written = m_text.substr(start, end - start);
            }
            return v;
        }
    }
    skip_number();
    const auto text = m_text.substr(start, m_pos - start);
    if (written != nullptr) {
        *written = text;
    }
    std::int64_t v = 0;
    bool negative = false;
    std::size_t i = 0;
    if (text[0] == '-') {
        negative = true;
        i = 1;
    }
    if (text.size() - i > 15) {
        return std::nullopt; // far outside any range the file uses
    }
    for (; i < text.size(); ++i) {
        if (!is_digit(text[i])) {
            return std::nullopt; // a fraction or an exponent
        }
        v = v * 10 + (text[i] - '0');
    }
    return negative ? -v : v;
}

void JsonCursor::skip_literal(std::string_view word) {
    skip_space();
    if (m_text.substr(m_pos, word.size()) != word) {
        syntax_error(fmt::format("'{}'", word));
    }
    m_pos += word.size();
}

bool JsonCursor::boolean() {
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == 't') {
        skip_literal("true");
        return true;
    }
    skip_literal("false");
    return false;
}

void JsonCursor::null() {
    skip_literal("null");
}

void JsonCursor::skip_nested(int depth) {
    if (depth > k_max_depth) {
        syntax_error("less deeply nested values");
    }
    switch (peek()) {
    case Kind::object:
        members([&](std::string_view) { skip_nested(depth + 1); });
        break;
    case Kind::array:
        elements([&](std::size_t) { skip_nested(depth + 1); });
        break;
    case Kind::string:
        skip_string();
        break;
    case Kind::number:
        skip_number();
        break;
    case Kind::boolean:
        boolean();
        break;
    case Kind::null:
        null();
        break;
    }
}

std::string_view JsonCursor::skip() {
    skip_space();
    const auto start = m_pos;
    skip_nested(0);
    return m_text.substr(start, m_pos - start);
}

std::string_view JsonCursor::pass() {
    skip_space();
    const auto start = m_pos;
    const char* const begin = m_text.data();
    const char* const end = begin + m_text.size();
    const char* p = begin + m_pos;
    // Every byte of a large file's sessions passes here when a command reads a window of them:
    // a tight loop over the text, strings to their closing quote past escaped characters.
    int depth = 0;
    do {
        if (p >= end) {
            m_pos = m_text.size();
            syntax_error("the end of a value");
        }
        switch (*p++) {
        case '"':
            for (;;) { // to the next quote that no backslash escapes
                const auto* quote = static_cast<const char*>(
                    std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                if (quote == nullptr) {
                    m_pos = m_text.size();
                    syntax_error("the end of a string");
                }
                const auto* escapes = quote;
                while (escapes > p && escapes[-1] == '\\') {
                    --escapes;
                }
                p = quote + 1;
                if ((quote - escapes) % 2 == 0) {
                    break;
                }
            }
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            --depth;
            break;
        default:
            if (depth == 0) { // a number or a literal
                while (p < end &&
                       std::string_view(",]} \t\r\n").find(*p) == std::string_view::npos) {
                    ++p;
                }
            }
            break;
        }
    } while (depth > 0);
    m_pos = static_cast<std::size_t>(p - begin);
    return m_text.substr(start, m_pos - start);
}

std::string_view JsonCursor::pass_line() {
    skip_space();
    const std::string_view rest = m_text.substr(m_pos);
    // The line: an object alone on it ends with '}' (a ',' may follow), and holds no other
    // brace, so it is one object and not two, nor the start of a longer one.
    auto line = rest.substr(0, rest.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == ',')) {
        line.remove_suffix(1);
    }
    if (line.size() < 2 || line.front() != '{' || line.back() != '}' ||
        std::memchr(line.data() + 1, '{', line.size() - 1) != nullptr ||
        std::memchr(line.data(), '}', line.size() - 1) != nullptr) {
        return pass();
    }
    m_pos += line.size();
    return line;
}

void JsonCursor::finish() {
    skip_space();
    if (m_pos != m_text.size()) {
        syntax_error("the end of the file");
    }
}

} // namespace showup
