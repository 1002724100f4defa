#pragma once
// The data file: where it is, loading with validation, atomic saving under a lock, and undo.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
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
    // Its line as a file of version `text_version` had it, pointing into the text parsed and
    // written back as it is: a save after a change of thousands of records does not read and
    // write them all again. Its `changes` are then read only when they are needed, and in a
    // sealed file the rest of it too (read_entry).
    std::string_view text{};
    int text_version = 0;
};

// Reads all of an entry kept as text (History::as_text), which then goes.
void read_entry(UndoEntry& entry, const std::string& label);

// The sessions a change to a window of days did not read (Document::outside).
struct SessionsOutside {
    // The records before the window's first and after its last, each a run of whole lines as
    // they are in the file (separators in between included); empty when there are none.
    std::string_view before;
    std::string_view after;
    // data.sessions[0, in_window) were read for the window's days, the rest for a link.
    std::size_t in_window = 0;
};

struct Document {
    int version = Data::k_version; // as read; written so until a change upgrades it
    Data data;
    std::vector<UndoEntry> history; // oldest first
    // The text of each of data.sessions as read (History::as_text, from a file of this
    // version), pointing into the text parsed: a save writes the ones it did not change back
    // as they were, rather than writing each of thousands anew.
    std::vector<std::string_view> session_texts{};
    // A command that changes sessions of a window of days, in a file showup sealed (its lock
    // file says it wrote and checked this text), reads only those (Data::sessions_read) and
    // writes the others back as they are.
    std::optional<SessionsOutside> outside{};
    std::size_t text_size = 0; // of the text read: about what a save writes
    // The text parsed, with History::as_text: what session_texts, outside and each history
    // entry's text point into (the caller keeps it as long as the document).
    std::string_view source{};
};

// Reads the entries kept as the text of another version than the document's (a change
// upgraded it, or the file named its version after its history), which a save then writes
// anew for its version: serialize_pieces writes only those of its own.
void read_other_versions(Document& doc, const std::string& label);

// A session the last change made, made over or removed (last_session_changes).
struct SessionChanged {
    std::string id;
    std::optional<LocalDays> before{}; // the day it started on before it; none for one it made
    bool removed = false;              // not in the file now: undone, it comes back on `before`
    bool operator==(const SessionChanged&) const = default;
};

// The sessions the last change of the undo history of the data file at `path` made, made over
// or removed (none at all for a change to other records alone), read from the end of the file
// alone: showup writes each change on a line of its own, the last just before the file's end.
// nullopt when the change changed nothing, or the file does not end so. Read under the file's
// lock, it is what `undo` then takes back, unless another program changed the file (Store::undo
// checks what it reads).
std::optional<std::vector<SessionChanged>> last_session_changes(const std::filesystem::path& path);

// How many changes `undo` can take back.
inline constexpr std::size_t k_undo_depth = 20;

// The day of the slot of the session with the id given, found in a sealed file without
// reading the others; nullopt when the file has no session with that id. Throws `Error` when
// that cannot be told so (a file not sealed, whose layout is not known): a window that needs it
// is then the whole file.
using DayOfId = std::function<std::optional<LocalDays>(std::string_view id)>;

// Which sessions a command that looks at a window of time needs, decided once the file's time
// zone is known (showup writes it before the sessions): those whose slot is on the days
// returned, and the ones a move links them to. nullopt: all of them. Days whose last is the
// day before their first: none (a change to other records). `day_of` finds the day of a
// session by its id (a one-off's id names none).
using SessionDays = std::function<std::optional<std::pair<LocalDays, LocalDays>>(
    const std::string& timezone, const DayOfId& day_of)>;

// How much of the undo history parse_document reads: none (a command that only reads; it is
// checked for JSON syntax), each entry checked and kept as its text (a command that changes the
// file: it writes them back), or all of it.
enum class History { skip, as_text, read };

// Whether parse_document checks the rules of find_violation: `sealed` when the text is what a
// save of this showup checked and wrote (Store's seal), which a read need not check again.
enum class Trust { check, sealed };

// The file's text, with `label` (usually the path) naming it in error messages. With
// `session_days`, the other sessions are walked for their JSON syntax only
// (Data::sessions_read says which were read): every save, and every command that reads them
// all, still checks them. With both `session_days` and History::as_text (a change to a sealed
// file), the others are kept as text (Document::outside), or all are read when the file is not
// laid out as showup writes it.
Document parse_document(std::string_view text, const std::string& label,
                        History history = History::read, const SessionDays& session_days = {},
                        Trust trust = Trust::check);
// With `session_texts` (one for each of doc.data.sessions; empty views where it changed), the
// sessions are written as those texts say.
std::string serialize_document(const Document& doc,
                               const std::vector<std::string_view>& session_texts = {});
// The same text as a save writes it, in parts: written anew, or kept where they were read
// rather than copied (a window's change keeps the sessions before and after its window; a
// change of the whole file the runs of session lines it did not change; both the undo entries
// they did not read).
struct SavedText {
    // [at, at + size) of `written`.
    struct Written {
        std::size_t at = 0;
        std::size_t size = 0;
    };
    std::string written; // all that is written anew, in one string
    std::vector<std::variant<Written, std::string_view>> parts;
    std::vector<std::string_view> pieces() const;
};
SavedText serialize_pieces(const Document& doc,
                           const std::vector<std::string_view>& session_texts = {});

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

class FileText;
class SessionsBefore;

// A data file opened for one command. Reading takes a shared lock, writing an exclusive one,
// both held until the Store is destroyed.
class Store {
public:
    enum class Mode { read, write };

    // `session_days`: which sessions to read (parse_document); a command that changes the file
    // reads only those when the file is sealed, and must then call save_pending() after
    // commit: a question about other sessions (NotRead) can come after it.
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
    // Returns false (and writes nothing) when nothing changed. A change read as a window of days
    // is saved by save_pending; one that reaches beyond the window throws NotRead.
    bool commit(const std::string& description, Instant at, Stamp stamp = Stamp::now);
    // Saves what commit left for later (a change read as a window of days). Like commit, throws
    // NotRead, saving nothing, for a change that cannot be checked on the window alone.
    void save_pending();
    // Reverts the last change and saves; returns its description. Throws when there is none.
    // Read as a window of days (last_session_changes), it takes back only a change to sessions
    // read for those days (or removed from them), and to other records, that showup made from a
    // text it had checked (the seal's count), and leaves the save to save_pending; else it
    // throws NotRead.
    std::string undo();
    // Whether this store saved a change to the file.
    bool saved() const { return m_saved; }
    // Whether the file was as showup last wrote it (sealed): not checked again.
    bool sealed() const { return m_sealed; }
    // What went wrong without making the command fail (the store prints nothing itself).
    const std::vector<std::string>& warnings() const { return m_warnings; }

private:
    void save(const std::vector<std::string_view>& session_texts = {});
    void refuse_second_change() const;
    void refuse_beyond_window(const std::vector<std::size_t>& kept,
                              const std::vector<RecordChange>& changes) const;
    bool named_outside(std::string_view id) const;
    void place_in_file(std::vector<RecordChange>& changes, int direction) const;
    std::size_t sessions_before_window() const;
    void refuse_undo_beyond_window(const UndoEntry& entry) const;
    std::vector<std::string_view> kept_texts(const std::vector<std::size_t>& kept) const;

    std::filesystem::path m_path;   // as given, for messages
    std::filesystem::path m_target; // the file itself, a symlink followed
    Mode m_mode;
    FileSystem& m_fs;
    UniqueFd m_lock; // held until the store is destroyed
    mutable std::optional<std::size_t> m_sessions_before_window; // (a window's, counted once)
    bool m_saved = false;
    bool m_sealed = false;
    // Of the last changes in the history, how many were made one after another from texts
    // showup checked (the seal says; 0 when not sealed), and how many will be after this save.
    std::size_t m_trusted = 0;
    std::size_t m_trusted_after = 0;
    std::vector<std::string> m_warnings;
    bool m_readable_by_others = false;
    std::unique_ptr<FileText> m_text; // the file as read, for a save (session_texts)
    Document m_doc;
    // As loaded, to find what a command changed: all but the sessions, and those.
    Data m_original;
    std::unique_ptr<SessionsBefore> m_sessions_before;
    std::optional<std::vector<std::string_view>> m_pending; // commit's session texts, unsaved
};

} // namespace showup
