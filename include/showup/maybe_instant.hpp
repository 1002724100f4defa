#pragma once
// An instant or none in 8 bytes, where std::optional<Instant> takes 16: a session has three
// (`told`, `recorded_at`, `changed_at`), and a large file a hundred thousand sessions (the other
// records are few, and keep std::optional). None is Instant::min(), which no file can hold
// (parse_utc reads four-digit years) and which orders first, as std::nullopt does.
#include <compare>
#include <optional>

#include "showup/time.hpp"

namespace showup {

class MaybeInstant {
public:
    constexpr MaybeInstant() = default;
    constexpr MaybeInstant(std::nullopt_t) {}
    // From an optional (what the readers and the rules hand over). A bare Instant is assigned
    // (`= now`), not converted: comparing one with a std::optional<Instant> then compares the two
    // as optionals, rather than through std::optional's compare with a value.
    constexpr MaybeInstant(const std::optional<Instant>& t) : m_at(t ? *t : k_none) {}
    constexpr MaybeInstant& operator=(Instant t) {
        m_at = t;
        return *this;
    }

    constexpr bool has_value() const { return m_at != k_none; }
    constexpr explicit operator bool() const { return has_value(); }
    constexpr const Instant& operator*() const { return m_at; }
    constexpr Instant value_or(Instant otherwise) const { return has_value() ? m_at : otherwise; }
    constexpr std::optional<Instant> as_optional() const {
        return has_value() ? std::optional<Instant>(m_at) : std::nullopt;
    }
    constexpr void reset() { m_at = k_none; }

    friend constexpr bool operator==(const MaybeInstant&, const MaybeInstant&) = default;
    friend constexpr auto operator<=>(const MaybeInstant&, const MaybeInstant&) = default;

private:
    static constexpr Instant k_none = Instant::min();
    Instant m_at = k_none;
};

} // namespace showup
