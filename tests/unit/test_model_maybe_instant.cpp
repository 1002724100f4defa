// MaybeInstant, a session's `told` and `recorded_at`: an optional Instant in 8 bytes.
#include <doctest/doctest.h>

#include "showup/maybe_instant.hpp"

using namespace showup;

static_assert(sizeof(MaybeInstant) == sizeof(Instant));

TEST_CASE("maybe instant: none, a time, and compares as std::optional does") {
    const Instant t{std::chrono::seconds{1700000000}};
    const Instant later = t + std::chrono::seconds{1};
    MaybeInstant m;
    CHECK_FALSE(m);
    CHECK_FALSE(m.has_value());
    CHECK(m.value_or(t) == t);
    CHECK(m.as_optional() == std::nullopt);
    CHECK(m == std::nullopt);
    m = t;
    REQUIRE(m);
    CHECK(*m == t);
    CHECK(m.value_or(later) == t);
    CHECK(m.as_optional() == t);
    // With a std::optional, as two optionals: none equals none, and none is the earliest.
    CHECK(MaybeInstant() == std::optional<Instant>());
    CHECK_FALSE(MaybeInstant() == std::optional<Instant>(t));
    CHECK(m == std::optional<Instant>(t));
    CHECK(m != std::optional<Instant>(later));
    CHECK(MaybeInstant() < m);
    CHECK(m < MaybeInstant(later));
    CHECK(std::max(MaybeInstant(), m) == m);
    m = std::optional<Instant>();
    CHECK_FALSE(m);
    m = t;
    m.reset();
    CHECK(m == MaybeInstant());
}
