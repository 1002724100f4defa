#pragma once
// Text that is rarely set: a session's note, reason, move links and the like.
//
// Why it exists: a large file's hundred thousand sessions are all held and read, and most of
// their words are unset. A std::string costs 32 bytes even when empty; this costs 8 (a pointer,
// null when empty), which keeps `Session` small enough that reading a large file touches far
// fewer fresh pages. It behaves as a value: copies are deep, == compares the text, and an empty
// text holds nothing.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace showup {

class RareText {
public:
    RareText() = default;
    RareText(std::string text) { assign(std::move(text)); }
    RareText(std::string_view text) { assign(text); }
    RareText(const char* text) { assign(text); }
    RareText(const RareText& other) { *this = other; }
    RareText(RareText&&) noexcept = default;
    ~RareText() = default;

    RareText& operator=(const RareText& other) {
        if (this != &other) {
            assign(other.view());
        }
        return *this;
    }
    RareText& operator=(RareText&&) noexcept = default;
    RareText& operator=(std::string text) {
        assign(std::move(text));
        return *this;
    }
    RareText& operator=(std::string_view text) {
        assign(text);
        return *this;
    }
    RareText& operator=(const char* text) {
        assign(text);
        return *this;
    }

    // Keeps its buffer when it has one: a large file's records are read into their members.
    void assign(std::string_view text) {
        if (text.empty()) {
            m_text.reset();
        } else if (m_text) {
            m_text->assign(text);
        } else {
            m_text = std::make_unique<std::string>(text);
        }
    }
    void assign(const char* data, std::size_t size) { assign(std::string_view(data, size)); }
    // Null is no text (`x = {}` chooses this).
    void assign(const char* text) {
        assign(text != nullptr ? std::string_view(text) : std::string_view());
    }
    void assign(std::string&& text) {
        if (text.empty()) {
            m_text.reset();
        } else {
            m_text = std::make_unique<std::string>(std::move(text));
        }
    }
    void clear() { m_text.reset(); }

    bool empty() const { return !m_text; }
    std::size_t size() const { return m_text ? m_text->size() : 0; }
    // The text, or an empty string when there is none.
    const std::string& str() const { return m_text ? *m_text : empty_text(); }
    std::string_view view() const {
        return m_text ? std::string_view(*m_text) : std::string_view();
    }
    operator const std::string&() const { return str(); }
    operator std::string_view() const { return view(); }

    friend bool operator==(const RareText& a, const RareText& b) { return a.view() == b.view(); }
    friend bool operator==(const RareText& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const RareText& a, const std::string& b) { return a.view() == b; }
    friend bool operator==(const RareText& a, const char* b) {
        return a.view() == (b != nullptr ? std::string_view(b) : std::string_view());
    }

private:
    static const std::string& empty_text() {
        static const std::string none;
        return none;
    }

    std::unique_ptr<std::string> m_text; // null when empty, never an empty string
};

// A JSON value of its text (nlohmann::json finds it by its name; the model knows no JSON).
template <typename Json> void to_json(Json& j, const RareText& text) {
    j = text.str();
}

} // namespace showup

template <> struct fmt::formatter<showup::RareText> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const showup::RareText& text, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(text.view(), ctx);
    }
};
