#pragma once
// What makes data valid, written once: the loader refuses a file that breaks any of these, and
// no save writes one (a bug becomes a clear error and the old file stays).
#include <optional>
#include <string>

#include "showup/data.hpp"

namespace showup {

// The dates showup handles, both ends included: a date outside them is refused where it is
// typed and where it is read.
inline constexpr int k_first_year = 1900;
inline constexpr int k_last_year = 2200;
// The longest a session lasts, and the most minutes late one can be.
inline constexpr int k_max_minutes = 24 * 60;
// The highest id number handed out.
inline constexpr int k_max_id_number = 1'000'000'000;
// The longest cancellation notice a provider may ask for: 30 days.
inline constexpr int k_max_notice_minutes = 30 * 24 * 60;
// The highest fee, in cents (ten million in any currency).
inline constexpr long long k_max_fee_cents = 1'000'000'000;
// The most sessions a budget covers.
inline constexpr int k_max_budget_sessions = 10'000;

bool in_date_range(LocalDays day);

// A broken rule: where (`schedules[0].at`) and what is wrong there.
struct Violation {
    std::string place;
    std::string message;
};

// The first rule `data` breaks, or nullopt when it is valid: value ranges, unique ids, known
// references, occurrence ids that match their slot, no overlapping absences of one provider
// (or of the person's own), one budget a provider.
std::optional<Violation> find_violation(const Data& data);

} // namespace showup
