// iCalendar files as they arrive by mail: every input is read or refused with `Error` naming a
// line, and what is read is planned (a session, a schedule, an absence, or a refusal) without
// any other exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/ics_import.hpp"
#include "cli/ics_read.hpp"
#include "showup/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto zone = showup::Zone::locate("Europe/Berlin");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<showup::cli::IcsEvent> events;
    try {
        events = showup::cli::read_events(text, "fuzz.ics");
    } catch (const showup::Error& e) {
        if (std::string_view(e.what()).rfind("fuzz.ics:", 0) != 0) {
            __builtin_trap(); // a refusal always names the line
        }
        return 0;
    }
    for (const auto& e : events) {
        for (const bool as_absence : {false, true}) {
            const auto planned = showup::cli::plan_event(e, zone, {as_absence, 50});
            if (!planned.item && planned.refused.empty()) {
                __builtin_trap(); // a refusal says why
            }
        }
    }
    return 0;
}
