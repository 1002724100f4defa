// Dates and times as people type them: every input is read or refused with `UsageError`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/when.hpp"
#include "showup/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto zone = showup::Zone::locate("Europe/Berlin");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto today = showup::LocalDays{date::year{2026} / 11 / 25};
    const auto attempt = [](auto f) {
        try {
            f();
        } catch (const showup::UsageError&) {
        }
    };
    attempt([&] { (void)showup::cli::parse_date(text, today); });
    attempt([&] { (void)showup::cli::parse_time(text); });
    attempt(
        [&] { (void)showup::cli::parse_date_time(text, today, zone, std::chrono::minutes{600}); });
    attempt([&] { (void)showup::cli::parse_now(text, zone); });
    return 0;
}
