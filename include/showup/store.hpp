#pragma once
// The data file: where it is, loading with validation, atomic saving under a lock, and undo.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "showup/data.hpp"
#include "showup/file_system.hpp"

namespace showup {

// One change to one record, as it was before.
struct RecordChange {
    std::string collection; // "providers", "schedules", "sessions", "absences", "contacts", ...
    std::string id;
    std::string before;               // the record's JSON text; empty when the change created it
    std::optional<std::size_t> index; // where a removed record stood, to put it back there
};

// What `undo` needs to take one command back.
struct UndoEntry {
    std::string description;
    std::string at; // UTC instant of the change, ISO 8601
    NextIds next_ids_before;
    std::vector<RecordChange> changes;
    std::optional<int> version_before{}; // the file's version, when this change upgraded it
};

struct Document {
    int version = Data::k_version; // as read; written so until a change upgrades it
    Data data;
    std::vector<UndoEntry> history; // oldest first
};

// How many changes `undo` can take back.
inline constexpr std::size_t k_undo_depth = 20;

// Which sessions a command that looks at a window of time needs, decided once the file's time
// zone is known (showup writes it before the sessions): those whose slot is on the days
// returned, and the ones a move links them to. nullopt: all of them.
using SessionDays =
    std::function<std::optional<std::pair<LocalDays, LocalDays>>(const std::string& timezone)>;

// The file's text, with `label` (usually the path) naming it in error messages. Without
// `with_history` the undo history is only checked for JSON syntax and left out, which is all
// a command that only reads needs. With `session_days`, the other sessions are walked for
// their JSON syntax only (Data::sessions_read says which were read): every save, and every
// command that reads them all, still checks them.
Document parse_document(std::string_view text, const std::string& label, bool with_history = true,
                        const SessionDays& session_days = {});
std::string serialize_document(const Document& doc);

// The parts of the data file that shell completion lists; what is not asked for is skipped
// unread (only its JSON syntax is walked).
struct Parts {
    bool providers = false;
    bool schedules = false;
    bool absences = false;
    bool contacts = false;
    bool agenda = false;
    // The sessions that start on these days, both included; none when unset.
    std::optional<std::pair<LocalDays, LocalDays>> sessions;
};
// `parts` of the file's text, with its version and time zone, and without the validation of
// parse_document: a listing, never something to save or to report on.
Data parse_parts(std::string_view text, const std::string& label, const Parts& parts);
// `parts` of the data file at `path`, without a lock (saves are atomic renames, so it is a
// whole file): a Tab must not wait for a long command.
Data peek_data(const std::filesystem::path& path, const Parts& parts);
// Throws `Error` naming `label` and the place when `data` breaks a rule of find_violation
// (invariants.hpp): the loader and every save use it.
void check_valid(const Data& data, const std::string& label);

// Where the data file is: `explicit_path`, else $SHOWUP_FILE, else
// $XDG_DATA_HOME/showup/showup.json, else ~/.local/share/showup/showup.json.
std::filesystem::path resolve_data_path(const std::string& explicit_path);

// A data file opened for one command. Reading takes a shared lock, writing an exclusive one,
// both held until the Store is destroyed.
class Store {
public:
    enum class Mode { read, write };

    // `session_days` (reading only): which sessions to read (parse_document).
    Store(std::filesystem::path path, Mode mode, FileSystem& fs = posix_file_system(),
          const SessionDays& session_days = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Creates a new data file; refuses to overwrite one.
    static void create(const std::filesystem::path& path, const std::string& timezone,
                       FileSystem& fs = posix_file_system());

    const std::filesystem::path& path() const { return m_path; }
    Data& data() { return m_doc.data; }
    const Data& data() const { return m_doc.data; }
    const std::vector<UndoEntry>& history() const { return m_doc.history; }
    // Whether group or others may read the file (health data: it should be 0600).
    bool readable_by_others() const { return m_readable_by_others; }

    // Whether commit stamps the records a change created or changed with its time
    // (`changed_at`), or keeps theirs (a merge, which takes records changed elsewhere).
    enum class Stamp { now, kept };
    // Saves the changes made to data() as one undoable change described by `description`.
    // Returns false (and writes nothing) when nothing changed.
    bool commit(const std::string& description, Instant at, Stamp stamp = Stamp::now);
    // Reverts the last change and saves; returns its description. Throws when there is none.
    std::string undo();
    // Whether this store saved a change to the file.
    bool saved() const { return m_saved; }
    // What went wrong without making the command fail (the store prints nothing itself).
    const std::vector<std::string>& warnings() const { return m_warnings; }

private:
    void save();

    std::filesystem::path m_path;   // as given, for messages
    std::filesystem::path m_target; // the file itself, a symlink followed
    Mode m_mode;
    FileSystem& m_fs;
    UniqueFd m_lock; // held until the store is destroyed
    bool m_saved = false;
    std::vector<std::string> m_warnings;
    bool m_readable_by_others = false;
    Document m_doc;
    Data m_original; // as loaded, to find what a command changed
};

} // namespace showup
