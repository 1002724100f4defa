// The data file loader on arbitrary bytes: it refuses with `Error` or loads; what it loads
// writes back to text that loads to the same text again, and the model can work on it. A
// reader (without the undo history) loads what a writer loads, to the same data; a writer
// that keeps the text of sessions and undo entries writes what loads to the same data; a read
// of a window of days sees there what the whole file has there, and so does one of what a save
// wrote (a sealed file), bisected by its lines; a change to that window writes it back as it was;
// a sealed file's undo entries, taken as their lines, read as whole entries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "showup/errors.hpp"
#include "showup/reports.hpp"
#include "showup/store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    showup::Document doc;
    try {
        doc = showup::parse_document(text, "fuzz.json");
    } catch (const showup::Error&) {
        return 0;
    }
    try {
        if (!(showup::parse_document(text, "fuzz.json", showup::History::skip).data == doc.data)) {
            __builtin_trap();
        }
    } catch (const showup::Error&) {
        __builtin_trap(); // a writer loaded it, so a reader must
    }
    const auto once = showup::serialize_document(doc);
    const auto twice = showup::serialize_document(showup::parse_document(once, "again.json"));
    if (once != twice) {
        __builtin_trap();
    }
    auto kept = showup::parse_document(text, "fuzz.json", showup::History::as_text);
    try {
        showup::read_other_versions(kept, "fuzz.json"); // as a save does
    } catch (const showup::Error&) {
        return 0; // an entry of another version a save would refuse (its changes are damaged)
    }
    const auto written = showup::serialize_document(kept, kept.session_texts);
    const auto again = showup::parse_document(written, "written.json");
    if (showup::serialize_document(again) != once) { // the same records, in the file's order
        __builtin_trap();
    }
    const auto zone = showup::Zone::locate(doc.data.timezone);
    const showup::Instant now{std::chrono::seconds{1'795'000'000}}; // November 2026
    const showup::Timeline timeline(doc.data, zone, now);
    const auto day = timeline.today();
    const auto sessions = timeline.between(day - date::days{60}, day + date::days{60});
    const auto window = showup::parse_document(
        text, "fuzz.json", showup::History::skip, [&](const std::string&, const showup::DayOfId&) {
            return std::optional{std::pair{day - date::days{60}, day + date::days{60}}};
        });
    const showup::Timeline seen(window.data, zone, now);
    const auto in_window = seen.between(day - date::days{60}, day + date::days{60});
    if (in_window.size() != sessions.size()) {
        __builtin_trap();
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        if (in_window[i].id() != sessions[i].id() || in_window[i].status != sessions[i].status ||
            in_window[i].start != sessions[i].start) {
            __builtin_trap();
        }
    }
    // What a save writes is what a sealed file holds: its window, found by bisecting its lines,
    // is the same, and a change to the window that changes nothing writes the same text back.
    const auto window_days = [&](const std::string&, const showup::DayOfId&) {
        return std::optional{std::pair{day - date::days{60}, day + date::days{60}}};
    };
    const auto sealed = showup::parse_document(once, "sealed.json", showup::History::skip,
                                               window_days, showup::Trust::sealed);
    const auto in_sealed = showup::Timeline(sealed.data, zone, now)
                               .between(day - date::days{60}, day + date::days{60});
    if (in_sealed.size() != sessions.size()) {
        __builtin_trap();
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        if (in_sealed[i].id() != sessions[i].id() || in_sealed[i].status != sessions[i].status) {
            __builtin_trap();
        }
    }
    // What a save writes (from the text kept) read as a sealed file: its undo entries, taken
    // as their lines, are whole entries, and are written back as they were.
    auto resealed = showup::parse_document(written, "sealed.json", showup::History::as_text, {},
                                           showup::Trust::sealed);
    if (resealed.history.size() != doc.history.size() ||
        showup::serialize_document(resealed, resealed.session_texts) != written) {
        __builtin_trap();
    }
    for (auto& e : resealed.history) {
        try {
            showup::read_entry(e, "sealed.json");
        } catch (const showup::Error&) {
            __builtin_trap();
        }
    }
    const auto change = showup::parse_document(once, "sealed.json", showup::History::as_text,
                                               window_days, showup::Trust::sealed);
    if (change.outside && showup::serialize_document(change, change.session_texts) != once) {
        __builtin_trap();
    }
    (void)showup::streaks(sessions);
    (void)showup::gaps(sessions, 14);
    (void)showup::summarise(sessions, 14);
    return 0;
}
