#pragma once
// Amounts and lengths of time as people type them: a provider's cancellation notice ("24h",
// "2d", "90min") and fee ("60", "60.50", "60,50"). Each throws `UsageError` naming the text.
#include <string>
#include <string_view>

namespace showup::cli {

// Minutes: a whole number with a unit, m/min, h or d ("24h"), or several ("1d12h").
int parse_notice(std::string_view text);
// "24h", "2d", "36h", "90min", "1h 30min", for people (read back by parse_notice).
std::string format_notice(int minutes);

// Cents: digits with at most two after a point or a comma ("60", "60.5", "1250,00").
long long parse_amount(std::string_view text);
// "60.00".
std::string format_amount(long long cents);

} // namespace showup::cli
