#pragma once
// What every command is handed: the global options, the output streams, and a way to open
// the data file with its zone and "now".
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "habits.hpp"
#include "showup/store.hpp"
#include "showup/time.hpp"
#include "showup/timeline.hpp"

namespace showup::cli {

struct GlobalOptions {
    std::string file;
    bool json = false;
    std::string color = "auto";
    std::string now; // --now (SHOWUP_NOW is read where it is used: now_in)
};

// "Now" in `zone`: the --now `option`, else SHOWUP_NOW, else the clock.
Instant now_in(const std::string& option, const Zone& zone);

// For tests: makes Context::read_window read the whole file, to compare what it shows.
void read_whole_files(bool whole);
// How many times a command read as a window ran again on the whole file (NotRead), in this
// process: for the tests, which check that a command needs no second read.
std::size_t window_reruns();

// The days of sessions a command that looks at a window of time needs, from today (and the day
// of a session it names by id: Store's DayOfId); nullopt when it needs them all.
using Window = std::function<std::optional<std::pair<LocalDays, LocalDays>>(LocalDays today,
                                                                            const DayOfId& day_of)>;

// The window of a change to records other than sessions (a provider, a contact, a topic): no
// day (its last is the day before its first), so that on a sealed file no session is read and
// all are written back as they are.
std::optional<std::pair<LocalDays, LocalDays>> no_sessions(LocalDays today, const DayOfId& day_of);

// The data file opened for one command, with its zone and the command's "now".
struct Opened {
    // With `window`, only the sessions on its days are read (Store's SessionDays).
    Opened(const std::filesystem::path& path, Store::Mode mode, const std::string& now_option,
           const Window& window = {});
    ~Opened();
    Opened(const Opened&) = delete;
    Opened& operator=(const Opened&) = delete;

private:
    std::optional<Zone> m_zone; // loaded while the file was read, for the window

public:
    Store store;
    Zone zone;
    Instant now;
    bool* saved_flag = nullptr;       // set when the store saved a change
    std::ostream* warnings = nullptr; // where the store's warnings go

    Data& data() { return store.data(); }
    Timeline timeline() const { return Timeline(store.data(), zone, now); }
    LocalDays today() const { return date::floor<date::days>(zone.to_local(now)); }
};

class Context {
public:
    Context(std::ostream& out_stream, std::ostream& err_stream, bool out_is_terminal)
        : out(out_stream), err(err_stream), m_out_is_terminal(out_is_terminal) {}

    GlobalOptions options;
    std::ostream& out;
    std::ostream& err;

    std::filesystem::path data_path() const { return resolve_data_path(options.file); }
    std::unique_ptr<Opened> open(Store::Mode mode) const;
    // Opens the data file to read only the sessions of `window`, and runs `work`; when `work`
    // needs other sessions (NotRead), runs it again on the whole file. What `work` writes to
    // `out` is held until it has run through, so that nothing is written twice.
    void read_window(const Window& window, const std::function<void(Opened&)>& work) const;
    // The same for a command that changes the file: when the file is sealed, only the window's
    // sessions are read and the others are written back as they are (Store). What `work`
    // prints is said once the change is saved.
    void write_window(const Window& window, const std::function<void(Opened&)>& work) const;
    // "Now" (--now, SHOWUP_NOW, else the clock), read in `zone`, for what reads the file itself.
    Instant now(const Zone& zone) const;
    // Whether a command saved a change to the data file (an output error then says so).
    bool saved() const { return m_saved; }
    // Whether to colour stdout: --color, NO_COLOR, and whether it is a terminal.
    bool colour() const;
    // Columns a table may take: the terminal's width ($COLUMNS, else 80); 0 (no limit) when
    // stdout is not a terminal, so that nothing is cut for a script.
    std::size_t width() const;
    // The person's habits (config file, else LC_TIME), read once; `open` reads them, so that a
    // bad config file is an error before anything is done.
    const Habits& habits() const;
    // A line for people: on a terminal, wrapped to its width (the lines after the first
    // indented by `indent`); piped, as it is. The newline is added.
    void say(std::string_view line, std::size_t indent = 2) const;

private:
    std::unique_ptr<Opened> open(Store::Mode mode, const Window& window, bool warn) const;
    void run_window(Store::Mode mode, const Window& window,
                    const std::function<void(Opened&)>& work) const;

    mutable std::optional<Habits> m_habits;
    bool m_out_is_terminal;
    mutable bool m_saved = false;
};

} // namespace showup::cli
