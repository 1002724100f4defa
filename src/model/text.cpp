#include "showup/text.hpp"

#include <fmt/format.h>

namespace showup {

namespace {

// The code point at the start of `text` and its length in bytes; length 0 for a byte that
// does not start valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::pair<char32_t, std::size_t> decode(std::string_view text) {
    const auto b0 = static_cast<unsigned char>(text[0]);
    if (b0 < 0x80) {
        return {b0, 1};
    }
    std::size_t n = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        n = 2, cp = b0 & 0x1FU, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 3, cp = b0 & 0x0FU, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 4, cp = b0 & 0x07U, min = 0x10000;
    } else {
        return {0, 0};
    }
    if (text.size() < n) {
        return {0, 0};
    }
    for (std::size_t i = 1; i < n; ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) != 0x80) {
            return {0, 0};
        }
        cp = cp << 6 | (b & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {0, 0};
    }
    return {cp, n};
}

bool drives_terminal(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto [cp, n] = decode(text);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[0]));
            text.remove_prefix(1);
            continue;
        }
        if (!drives_terminal(cp)) {
            out.append(text.substr(0, n));
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp < 0x80) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        }
        text.remove_prefix(n);
    }
    return out;
}

bool is_plain(std::string_view text) {
    while (!text.empty()) {
        const auto [cp, n] = decode(text);
        if (n == 0 || drives_terminal(cp)) {
            return false;
        }
        text.remove_prefix(n);
    }
    return true;
}

} // namespace showup
