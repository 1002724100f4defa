#include "showup/store.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>

#include "hash.hpp"
#include "pages.hpp"
#include "record_json.hpp"
#include "sessions_before.hpp"
#include "showup/errors.hpp"
#include "text_search.hpp"

namespace showup {

namespace fs = std::filesystem;

// A file's bytes, in memory of their own, its pages made before it is read into them (see
// pages.hpp): a large file's in a few huge pages rather than thousands of small ones.
class FileText {
public:
    explicit FileText(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {
        m_data = static_cast<char*>(::mmap(nullptr, m_capacity, PROT_READ | PROT_WRITE,
                                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        if (m_data == MAP_FAILED) {
            throw std::bad_alloc();
        }
        make_pages(m_data, m_capacity);
    }
    ~FileText() { ::munmap(m_data, m_capacity); }
    FileText(const FileText&) = delete;
    FileText& operator=(const FileText&) = delete;

    char* end() { return m_data + m_size; }
    std::size_t room() const { return m_capacity - m_size; }
    void grew(std::size_t n) { m_size += n; }
    std::size_t size() const { return m_size; }
    std::string_view view() const { return {m_data, m_size}; }

private:
    char* m_data = nullptr;
    std::size_t m_capacity;
    std::size_t m_size = 0;
};

namespace {

std::chrono::milliseconds lock_timeout() {
    if (const char* text = std::getenv("SHOWUP_LOCK_TIMEOUT"); text != nullptr && *text != '\0') {
        char* end = nullptr;
        const double seconds = std::strtod(text, &end);
        if (end != text && *end == '\0' && seconds >= 0 && seconds < 3600) {
            return std::chrono::milliseconds(static_cast<long>(seconds * 1000));
        }
    }
    return std::chrono::seconds(10);
}

fs::path lock_path(const fs::path& path) {
    return fs::path(path.string() + ".lock");
}

extern "C" void on_lock_alarm(int /*signal*/) {}

// flock that gives up after `timeout`: a blocking flock interrupted by a timer, so that the
// lock is taken the moment it is free. Returns false on time-out.
bool flock_for(int fd, int operation, std::chrono::milliseconds timeout) {
    if (::flock(fd, operation | LOCK_NB) == 0) {
        return true;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
        return false;
    }
    if (timeout.count() <= 0) {
        errno = EWOULDBLOCK;
        return false;
    }
    struct sigaction alarm {};
    struct sigaction old_alarm {};
    alarm.sa_handler = on_lock_alarm;
    sigemptyset(&alarm.sa_mask);
    alarm.sa_flags = 0; // no SA_RESTART: the alarm interrupts flock
    ::sigaction(SIGALRM, &alarm, &old_alarm);
    itimerval timer{};
    itimerval old_timer{};
    timer.it_value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    timer.it_value.tv_usec = static_cast<suseconds_t>(timeout.count() % 1000 * 1000);
    ::setitimer(ITIMER_REAL, &timer, &old_timer);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int rc = 0;
    int error = 0;
    do {
        rc = ::flock(fd, operation);
        error = errno;
    } while (rc != 0 && error == EINTR && std::chrono::steady_clock::now() < deadline);
    const itimerval off{};
    ::setitimer(ITIMER_REAL, &off, nullptr);
    ::sigaction(SIGALRM, &old_alarm, nullptr);
    errno = rc == 0 ? 0 : (error == EINTR ? EWOULDBLOCK : error);
    return rc == 0;
}

// Whether `fd` is still the file at `path` (nobody deleted or replaced the lock file).
bool still_at(int fd, const fs::path& path) {
    struct stat held {};
    struct stat there {};
    return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &there) == 0 &&
           held.st_dev == there.st_dev && held.st_ino == there.st_ino;
}

// Takes the lock on `path`'s lock file, waiting up to the timeout. A reader does not create
// a lock file (there is none beside a file that was never written by showup) and reads
// without one in a place it cannot write: saves are atomic renames, so it sees a whole file.
UniqueFd take_lock(const fs::path& path, bool exclusive) {
    const auto lp = lock_path(path);
    const auto deadline = std::chrono::steady_clock::now() + lock_timeout();
    for (;;) {
        const int flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC | (exclusive ? O_CREAT : 0);
        UniqueFd fd(::open(lp.c_str(), flags, 0600));
        if (!fd) {
            if (!exclusive && (errno == ENOENT || errno == EACCES || errno == EROFS)) {
                return fd;
            }
            throw Error(fmt::format("{}: cannot open the lock file: {}", lp.string(),
                                    std::strerror(errno)));
        }
        if (exclusive) {
            ::fchmod(fd.get(), 0600);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (!flock_for(fd.get(), exclusive ? LOCK_EX : LOCK_SH, left)) {
            if (errno != EWOULDBLOCK) {
                throw Error(fmt::format("{}: cannot lock: {}", lp.string(), std::strerror(errno)));
            }
            throw Error(fmt::format(
                "{}: another showup is still changing the file; wait a moment and try again "
                "(if no showup is running, another program holds the lock: 'fuser {}' names "
                "it; do not delete the lock file while showup runs)",
                lp.string(), lp.string()));
        }
        // The lock file was deleted or replaced while we waited: a lock on the old one keeps
        // nobody out. Take the one that is there now.
        if (still_at(fd.get(), lp)) {
            return fd;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            throw Error(
                fmt::format("{}: the lock file keeps being replaced; try again", lp.string()));
        }
    }
}

// Larger than any real history (a million sessions take about 130 MB): refused unread.
constexpr std::uintmax_t k_largest_file = 512U << 20;

std::unique_ptr<FileText> read_file(const fs::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!fd) {
        if (errno == ENOENT) {
            throw Error(
                fmt::format("no data file at {}; create one with 'showup init'", path.string()));
        }
        throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        throw Error(
            fmt::format("{} is not a regular file; give the path of a data file", path.string()));
    }
    if (static_cast<std::uintmax_t>(st.st_size) > k_largest_file) {
        throw Error(fmt::format("{} is {} MB, larger than showup reads ({} MB): it is not a "
                                "showup data file",
                                path.string(), st.st_size >> 20, k_largest_file >> 20));
    }
    // Room for one byte more than its size, to see that it did not grow while it was read.
    auto text = std::make_unique<FileText>(static_cast<std::size_t>(st.st_size) + 1);
    for (;;) {
        if (text->room() == 0) {
            throw Error(fmt::format("{} changed while it was read; try again", path.string()));
        }
        const auto n = ::read(fd.get(), text->end(), text->room());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
        }
        if (n == 0) {
            break;
        }
        text->grew(static_cast<std::size_t>(n));
    }
    return text;
}

// What a seal says before the hash, for a text of `size` bytes (see seal_of).
std::string seal_head(std::size_t size) {
    return fmt::format("showup {} rules {} sealed {} bytes, hash ", SHOWUP_VERSION, SHOWUP_RULES,
                       size);
}

// The seal: what the lock file says of the data file beside it, written by each save under
// the lock. It names this showup and its rules (SHOWUP_RULES: a fingerprint of the files that
// hold them, so that a build with other rules checks the file again), the text's length and
// its hash. A text that matches it was checked and written by this showup, so a
// read need not check the rules again, and a change to a window of days may write the rest
// back unread. A file changed by anything else (an editor, a sync, a restore) no longer
// matches, and is checked in full as before; so is one whose seal was lost in a crash.
//
// It also says how many of the last changes in the undo history were made one after another
// by this showup from a text it had checked (`undo N`): undoing one of those gives back a
// text showup checked, so an undo read as a window need not look at the other sessions. An
// edit by hand between two changes breaks that chain (the next change starts it again).
std::string seal_of(Pieces text, std::size_t trusted) {
    std::size_t size = 0;
    for (const auto piece : text) {
        size += piece.size();
    }
    return fmt::format("{}{:016x}; undo {}\n", seal_head(size), text_hash(text), trusted);
}

// Seals `text` when `settled` (the save that wrote it ran to its end), else takes the seal
// away. A seal that cannot be written costs the next command a full check, nothing else.
void seal_if(bool settled, int lock_fd, Pieces text, std::size_t trusted) {
    if (lock_fd < 0) {
        return;
    }
    if (!settled) {
        ::ftruncate(lock_fd, 0);
        return;
    }
    // Written over the old one, and cut to its length only when that was longer: emptying the
    // file first would free its block for the write to take a new one. (A seal torn by a crash
    // matches no text.)
    const auto seal = seal_of(text, trusted);
    struct stat st {};
    if (::fstat(lock_fd, &st) == 0 &&
        ::pwrite(lock_fd, seal.data(), seal.size(), 0) == static_cast<ssize_t>(seal.size()) &&
        static_cast<std::size_t>(st.st_size) > seal.size()) {
        ::ftruncate(lock_fd, static_cast<off_t>(seal.size()));
    }
}

// The seal's count of changes that can be undone as a window, when `text` is sealed.
std::optional<std::size_t> read_seal(int lock_fd, std::string_view text) {
    if (lock_fd < 0) {
        return std::nullopt;
    }
    char buffer[128];
    const auto n = ::pread(lock_fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
        return std::nullopt;
    }
    const std::string_view seal(buffer, static_cast<std::size_t>(n));
    // The text is hashed only when the rest of the seal fits it.
    if (!seal.starts_with(seal_head(text.size())) || !seal.ends_with('\n')) {
        return std::nullopt;
    }
    const std::string_view whole[] = {text};
    const auto expected = seal_of(whole, 0); // "...; undo 0\n"
    const auto head = std::string_view(expected).substr(0, expected.size() - 2);
    std::size_t trusted = 0;
    if (!seal.starts_with(head)) {
        return std::nullopt;
    }
    const auto digits = seal.substr(head.size(), seal.size() - head.size() - 1);
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), trusted);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.size() > 3 ||
        (digits.size() > 1 && digits[0] == '0')) {
        return std::nullopt;
    }
    return trusted;
}

// Creates the missing directories of `dir` with mode 0700 (whatever the umask), adding each
// one it made to `made`, outermost first.
void make_private_directories(const fs::path& dir, std::vector<fs::path>& made) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    make_private_directories(dir.parent_path(), made);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(
            fmt::format("{}: cannot create the directory: {}", dir.string(), std::strerror(errno)));
    }
    ::chmod(dir.c_str(), 0700);
    made.push_back(dir);
}

// The records of a collection as read, for diff_collection (as SessionsBefore has sessions).
template <typename T> struct RecordsBefore {
    const std::vector<T>& items;
    std::size_t size() const { return items.size(); }
    std::string_view id(std::size_t i) const { return items[i].id; }
    bool same(std::size_t i, const T& item) const { return items[i] == item; }
    std::string line(std::size_t i) const { return record_line(items[i]); }
};

// Lists what changed from `before` to `after`, and stamps the records it created or changed
// with `stamp` (when given) as their `changed_at`.
template <typename T, typename Before>
void diff_collection(const char* name, const Before& before, std::vector<T>& after,
                     std::vector<RecordChange>& out, std::optional<Instant> stamp,
                     std::vector<std::size_t>* kept = nullptr) {
    // `kept`, when asked for: for each record after, the place of the same record before, or
    // npos when it is new or changed.
    if (kept != nullptr) {
        kept->assign(after.size(), std::string::npos);
    }
    const auto changed = [&](std::size_t was, std::size_t now) {
        auto& item = after[now];
        if (before.same(was, item)) {
            if (kept != nullptr) {
                (*kept)[now] = was;
            }
            return;
        }
        out.push_back({name, item.id, before.line(was), std::nullopt});
        if (stamp) {
            item.changed_at = stamp;
        }
    };
    // A command changes a few records in place and adds some at the end: compare in step
    // while the ids agree, and find records by id only from where they part.
    std::size_t same = 0;
    for (; same < before.size() && same < after.size() && before.id(same) == after[same].id;
         ++same) {
        changed(same, same);
    }
    std::unordered_map<std::string_view, std::size_t> old;
    old.reserve(before.size() - same);
    for (std::size_t i = same; i < before.size(); ++i) {
        old.emplace(before.id(i), i);
    }
    for (std::size_t now = same; now < after.size(); ++now) {
        auto& item = after[now];
        auto it = old.find(item.id);
        if (it == old.end()) {
            out.push_back({name, item.id, {}, std::nullopt});
            if (stamp) {
                item.changed_at = stamp;
            }
            continue;
        }
        changed(it->second, now);
        old.erase(it);
    }
    for (std::size_t i = same; i < before.size(); ++i) { // removed ones, with their old place
        if (old.contains(before.id(i))) {
            out.push_back({name, std::string(before.id(i)), before.line(i), i});
        }
    }
}

template <typename T>
void diff_collection(const char* name, const std::vector<T>& before, std::vector<T>& after,
                     std::vector<RecordChange>& out, std::optional<Instant> stamp) {
    diff_collection(name, RecordsBefore<T>{before}, after, out, stamp);
}

// Takes the changes to one collection back, in one pass over it: records the change created
// go, changed ones get their old value, removed ones come back at their old place.
template <typename T, typename Read>
void revert(std::vector<T>& items, const std::vector<const RecordChange*>& changes, Read read,
            const std::string& label) {
    if (changes.empty()) {
        return;
    }
    auto value_of = [&](const RecordChange& change) {
        JsonCursor cursor(change.before, label);
        RecordReader r(cursor, label);
        const Place place{nullptr, change.collection.c_str(), 0};
        return read(r, place);
    };
    std::unordered_set<std::string_view> created;
    std::unordered_map<std::string_view, const RecordChange*> changed;
    std::vector<std::pair<std::size_t, const RecordChange*>> removed;
    for (const auto* c : changes) {
        if (c->before.empty()) {
            created.insert(c->id);
        } else if (c->index) {
            removed.emplace_back(*c->index, c);
        } else {
            changed.emplace(c->id, c);
        }
    }
    std::vector<T> out;
    out.reserve(items.size() + removed.size());
    for (auto& item : items) {
        if (created.contains(item.id)) {
            continue;
        }
        if (auto it = changed.find(item.id); it != changed.end()) {
            out.push_back(value_of(*it->second));
            changed.erase(it);
            continue;
        }
        out.push_back(std::move(item));
    }
    for (const auto& [id, c] : changed) { // changed, but not there any more
        out.push_back(value_of(*c));
    }
    // Each removed record back at its place, as if put back one at a time in the order of their
    // places (at most at the end; of two at one place, the later change first), but in one
    // pass: inserting them one by one moved the records after each, thousands of times over.
    std::vector<std::size_t> order(removed.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return removed[a].first != removed[b].first ? removed[a].first < removed[b].first : a > b;
    });
    // Where each goes, in that order; then all are put there in one pass from the end, each
    // record of `out` moved once.
    std::vector<std::size_t> place(order.size());
    std::size_t size = 0; // of the records placed so far, the removed ones included
    std::size_t kept = 0; // of `out`, placed so far
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto index = removed[order[k]].first;
        if (index > size) {
            const auto take = std::min(index - size, out.size() - kept);
            size += take;
            kept += take;
        }
        place[k] = size++;
    }
    std::size_t from = out.size(); // one past the last record of `out` not yet moved
    out.resize(out.size() + order.size());
    std::size_t to = out.size(); // one past the last place not yet filled
    for (std::size_t k = order.size(); k-- > 0;) {
        while (to > place[k] + 1) {
            out[--to] = std::move(out[--from]);
        }
        out[--to] = value_of(*removed[order[k]].second);
    }
    items = std::move(out);
}

std::string utc_text(Instant at) {
    return date::format("%FT%TZ", at);
}

// How many sessions `changes` removed.
std::size_t removed_sessions(const std::vector<RecordChange>& changes) {
    return static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(),
                      [](const RecordChange& c) { return c.collection == "sessions" && c.index; }));
}

// Whether each record of `before` is in `after` still, by its id.
template <typename T>
bool all_still_there(const std::vector<T>& before, const std::vector<T>& after) {
    std::unordered_set<std::string_view> ids;
    for (const auto& item : after) {
        ids.insert(item.id);
    }
    return std::all_of(before.begin(), before.end(),
                       [&](const T& item) { return ids.contains(item.id); });
}

} // namespace

fs::path resolve_data_path(const std::string& explicit_path) {
    if (!explicit_path.empty()) {
        return explicit_path;
    }
    if (const char* f = std::getenv("SHOWUP_FILE"); f != nullptr && *f != '\0') {
        return f;
    }
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
        return fs::path(xdg) / "showup" / "showup.json";
    }
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') {
        throw Error("cannot find the data file: HOME is not set; use --file or SHOWUP_FILE");
    }
    return fs::path(home) / ".local" / "share" / "showup" / "showup.json";
}

Data peek_data(const fs::path& path, const Parts& parts) {
    return parse_parts(read_file(path)->view(), path.string(), parts);
}

Store::Store(fs::path path, Mode mode, FileSystem& fs, const SessionDays& session_days)
    : m_path(std::move(path)), m_mode(mode), m_fs(fs) {
    std::error_code ec;
    const auto status = fs::status(m_path, ec); // through a symlink
    if (!fs::exists(status) && fs::is_symlink(fs::symlink_status(m_path, ec))) {
        throw Error(fmt::format("{} is a symlink to {}, which does not exist; restore that "
                                "file, or remove the link and run 'showup init'",
                                m_path.string(), fs::read_symlink(m_path, ec).string()));
    }
    if (!fs::exists(status)) {
        throw Error(
            fmt::format("no data file at {}; create one with 'showup init'", m_path.string()));
    }
    if (!fs::is_regular_file(status)) {
        throw Error(
            fmt::format("{} is not a regular file; give the path of a data file", m_path.string()));
    }
    // A data file that is a symlink (dotfiles, a synced folder) stays one: the lock, the
    // temporary file and the rename are beside its target.
    m_target = fs::canonical(m_path, ec);
    if (ec) {
        m_target = m_path;
    }
    if (mode == Mode::write && m_target.filename().string().size() > longest_data_file_name()) {
        throw Error(fmt::format("the name of {} is too long to save beside it (at most {} "
                                "characters); rename the file",
                                m_path.string(), longest_data_file_name()));
    }
    m_lock = take_lock(m_target, mode == Mode::write);
    {
        struct stat st {};
        const bool known = ::stat(m_target.c_str(), &st) == 0;
        m_readable_by_others = known && (st.st_mode & 077) != 0;
        if (mode == Mode::write && known && (st.st_mode & S_IWUSR) == 0) {
            throw Error(fmt::format("{} is read-only, so showup does not change it (to allow "
                                    "changes: chmod u+w {})",
                                    m_path.string(), m_path.string()));
        }
        auto file = read_file(m_target);
        const auto text = file->view();
        if (text.empty()) {
            throw Error(fmt::format("{} is empty (0 bytes): restore it from a backup, or remove "
                                    "it and run 'showup init'",
                                    m_path.string()));
        }
        // A sealed file is not checked again, its window's sessions are found without looking
        // at the others, and a change to a window writes the others back unread.
        const auto seal = read_seal(m_lock.get(), text);
        m_sealed = seal.has_value();
        m_trusted = seal.value_or(0);
        m_doc = parse_document(text, m_path.string(),
                               mode == Mode::write ? History::as_text : History::skip,
                               mode == Mode::read || m_sealed ? session_days : SessionDays{},
                               m_sealed ? Trust::sealed : Trust::check);
        if (mode == Mode::write) {
            // All but the sessions are copied; those are kept as their lines where the text
            // read has them (a file of decades has a million).
            auto sessions = std::move(m_doc.data.sessions);
            m_original = m_doc.data;
            m_doc.data.sessions = std::move(sessions);
            m_sessions_before =
                std::make_unique<SessionsBefore>(m_doc.data.sessions, m_doc.session_texts,
                                                 m_doc.outside.has_value(), m_path.string());
            m_text = std::move(file); // m_doc.session_texts point into it
        }
    }
}

Store::~Store() = default; // closing the lock file releases the lock

void Store::create(const fs::path& path, const std::string& timezone, FileSystem& fs) {
    std::vector<fs::path> made;
    const bool had_lock = fs::exists(fs::symlink_status(lock_path(path)));
    try {
        make_private_directories(path.parent_path(), made);
        const auto lock = take_lock(path, true);
        if (fs::exists(fs::symlink_status(path))) {
            throw Error(
                fmt::format("{} already exists; init never overwrites a data file", path.string()));
        }
        Document doc;
        doc.data.timezone = timezone;
        const auto whole = serialize_document(doc);
        const std::string_view text[] = {whole};
        seal_if(save_atomically(fs, path, text, false).empty(), lock.get(), text, 0);
    } catch (...) {
        // A failed init leaves nothing behind: not its lock file, not its directories.
        if (!fs::exists(fs::symlink_status(path))) {
            std::error_code ec;
            if (!had_lock) {
                fs::remove(lock_path(path), ec);
            }
            for (auto it = made.rbegin(); it != made.rend(); ++it) {
                fs::remove(*it, ec);
            }
        }
        throw;
    }
}

// A Store makes one change (commit or undo), to a file opened for one: the sessions as read
// (m_sessions_before) go with it.
void Store::refuse_second_change() const {
    if (!m_sessions_before) {
        throw Error(
            "internal: a change to a file not opened for one (read only, or changed already)");
    }
}

bool Store::commit(const std::string& description, Instant at, Stamp stamp) {
    refuse_second_change();
    UndoEntry entry;
    entry.description = description;
    entry.at = utc_text(at);
    entry.next_ids_before = m_original.next_ids;
    auto& d = m_doc.data;
    const auto when = stamp == Stamp::now ? std::optional<Instant>(at) : std::nullopt;
    diff_collection("providers", m_original.providers, d.providers, entry.changes, when);
    diff_collection("schedules", m_original.schedules, d.schedules, entry.changes, when);
    std::vector<std::size_t> kept;
    diff_collection("sessions", *m_sessions_before, d.sessions, entry.changes, when, &kept);
    diff_collection("absences", m_original.absences, d.absences, entry.changes, when);
    diff_collection("contacts", m_original.contacts, d.contacts, entry.changes, when);
    diff_collection("agenda", m_original.agenda, d.agenda, entry.changes, when);
    diff_collection("budgets", m_original.budgets, d.budgets, entry.changes, when);
    if (entry.changes.empty() && m_original.next_ids == d.next_ids) {
        return false;
    }
    // The change that upgrades an older file remembers its version, so that undoing it
    // writes the file back as it was, byte for byte.
    if (m_doc.version != Data::k_version) {
        entry.version_before = m_doc.version;
        m_doc.version = Data::k_version;
    }
    m_doc.history.push_back(std::move(entry));
    // Made from a text showup checked: sealed (the seal's count goes on), or read whole and
    // checked (m_trusted is 0: the count starts again).
    m_trusted_after = m_trusted + 1;
    if (m_doc.history.size() > k_undo_depth) {
        m_doc.history.erase(m_doc.history.begin(),
                            m_doc.history.end() - static_cast<std::ptrdiff_t>(k_undo_depth));
    }
    auto texts = kept_texts(kept);
    if (m_doc.outside) {
        refuse_beyond_window(kept, m_doc.history.back().changes);
        place_in_file(m_doc.history.back().changes, +1);
        m_pending = std::move(texts);
        return true;
    }
    // What the diff needed goes before the save, which needs room of its own: at 1,000,000
    // sessions each of these is 8 to 16 MB.
    m_sessions_before.reset();
    std::vector<std::size_t>().swap(kept);
    std::vector<std::string_view>().swap(m_doc.session_texts);
    save(texts);
    return true;
}

// A change to a window of days writes the sessions outside it back unread, which is right only
// when no rule can tie them to what changed: no provider or schedule went (sessions name them
// by id; what else they say no rule ties to a session), a session that went was read for the
// window's days (not for a link) and is named by no session outside (a move's link to it), a
// new one is on one of the window's days without an iCalendar uid and has an id no session
// outside has (an occurrence's names its day; a one-off's is looked for in their lines), and
// every session stays on the window's days. Otherwise the command runs again on the whole
// file.
void Store::refuse_beyond_window(const std::vector<std::size_t>& kept,
                                 const std::vector<RecordChange>& changes) const {
    const auto& d = m_doc.data;
    const auto& days = *d.sessions_read;
    const auto in_days = [&](const Session& s) {
        const auto day = day_of(s.start);
        return day >= days.first && day <= days.second;
    };
    if (!all_still_there(m_original.providers, d.providers) ||
        !all_still_there(m_original.schedules, d.schedules)) {
        throw NotRead();
    }
    const auto& original = m_sessions_before->all(); // a window's: copied
    std::unordered_map<std::string_view, std::size_t> before;
    for (std::size_t i = 0; i < original.size(); ++i) {
        before.emplace(original[i].id, i);
    }
    std::size_t still = 0;
    for (std::size_t i = 0; i < d.sessions.size(); ++i) {
        const auto& s = d.sessions[i];
        const auto was = before.find(s.id);
        if (was == before.end()) {
            if (!s.uid.empty() || !in_days(s) || (s.schedule.empty() && named_outside(s.id))) {
                throw NotRead();
            }
            continue;
        }
        ++still;
        const auto& old = original[was->second];
        if (was->second >= m_doc.outside->in_window ? kept[i] == std::string::npos
                                                    : !in_days(s) || s.uid != old.uid) {
            throw NotRead();
        }
    }
    // Each looked for in the text outside: a few, as one command removes them. Their text
    // names no id in another way than json_string writes it: it has no escape (\u, \/) that
    // could.
    constexpr std::size_t k_most_removed = 16;
    std::size_t removed = 0;
    const auto outside = {m_doc.outside->before, m_doc.outside->after};
    const auto outside_has = [&](std::string_view part) {
        return std::any_of(outside.begin(), outside.end(),
                           [&](std::string_view text) { return contains(text, part); });
    };
    for (const auto& c : changes) {
        if (c.collection != "sessions" || !c.index) {
            continue;
        }
        if (*c.index >= m_doc.outside->in_window || ++removed > k_most_removed ||
            (removed == 1 && (outside_has("\\u") || outside_has("\\/"))) ||
            outside_has(json_string(c.id))) {
            throw NotRead();
        }
    }
    if (still + removed != original.size()) {
        throw NotRead();
    }
}

// The place of each session `changes` removed, between its place among the window's sessions
// and its place in the whole file (`direction` +1, as the undo history keeps it) or back (-1).
void Store::place_in_file(std::vector<RecordChange>& changes, int direction) const {
    for (auto& c : changes) {
        if (c.collection == "sessions" && c.index) {
            *c.index = direction > 0 ? *c.index + sessions_before_window()
                                     : *c.index - sessions_before_window();
        }
    }
}

// How many sessions the file has before the window's first: one a line (counted once).
std::size_t Store::sessions_before_window() const {
    if (!m_sessions_before_window) {
        m_sessions_before_window = count_lines(m_doc.outside->before);
    }
    return *m_sessions_before_window;
}

// Whether a session outside the window has the id `id`: the lines a save keeps have their id
// first and as json_string writes it (parse_document), and a save writes the others so. (Its
// closing quote ends the id: "o5" is not found in a line of "o55".)
bool Store::named_outside(std::string_view id) const {
    const auto line_start = R"({"id":)" + json_string(id);
    return contains(m_doc.outside->before, line_start) ||
           contains(m_doc.outside->after, line_start);
}

// An undo read as a window of days takes back only changes to sessions read for those days
// (made, or made over), sessions removed from among them (back at their place in the file),
// and changes to the other records (all read), and only a change showup made from a text it
// had checked, with nothing edited by hand since (the seal's count): what it writes is then
// the records as they were before the change, which were valid with the sessions not read,
// unchanged since. Otherwise the undo runs on the whole file.
void Store::refuse_undo_beyond_window(const UndoEntry& entry) const {
    // `m_trusted`: the change was made from a text showup checked, with none edited by hand
    // since (the seal's count).
    if (m_trusted == 0 || entry.version_before || entry.changes.empty()) {
        throw NotRead();
    }
    const auto& sessions = m_doc.data.sessions;
    std::unordered_set<std::string_view> read;
    for (std::size_t i = 0; i < m_doc.outside->in_window; ++i) {
        read.insert(sessions[i].id);
    }
    // A removed one's place is among the window's lines as they are when all removed ones are
    // back (each is put back at its place, in the order of their places: Store::undo).
    const auto removed = removed_sessions(entry.changes);
    const auto first = removed > 0 ? sessions_before_window() : 0;
    for (const auto& c : entry.changes) {
        if (c.collection != "sessions") {
            continue;
        }
        if (c.index ? *c.index < first || *c.index >= first + m_doc.outside->in_window + removed
                    : !read.contains(c.id)) {
            throw NotRead();
        }
    }
}

void Store::save_pending() {
    if (!m_pending) {
        return;
    }
    const auto texts = std::move(*m_pending);
    m_pending.reset();
    // The rules on what was read. A topic filed under a session outside the window, and not
    // changed, names a session that is still there (only those read can go): only the others
    // are checked. Any other rule broken, maybe only for want of the sessions not read, is
    // checked on the whole file.
    std::unordered_set<std::string_view> read;
    for (const auto& session : m_doc.data.sessions) {
        read.insert(session.id);
    }
    const auto& before = m_sessions_before->all(); // a window's: copied
    for (const auto& session : before) {
        read.insert(session.id);
    }
    std::unordered_map<std::string_view, const AgendaItem*> agenda_before;
    for (const auto& a : m_original.agenda) {
        agenda_before.emplace(a.id, &a);
    }
    Data window = m_doc.data;
    std::erase_if(window.agenda, [&](const AgendaItem& a) {
        const auto was = agenda_before.find(a.id);
        return !a.session.empty() && !read.contains(a.session) && was != agenda_before.end() &&
               *was->second == a;
    });
    if (find_violation(window)) {
        throw NotRead();
    }
    save(texts);
}

std::optional<std::vector<SessionChanged>> last_session_changes(const fs::path& path) {
    // Far enough back for the change of a few hundred sessions; a larger one is read whole.
    constexpr std::size_t k_reach = std::size_t{1} << 20;
    constexpr std::string_view k_end = "\n  ]\n}\n"; // of the history, and of the file
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    struct stat st {};
    if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    std::string tail(std::min(size, k_reach), '\0');
    if (::pread(fd.get(), tail.data(), tail.size(), static_cast<off_t>(size - tail.size())) !=
            static_cast<ssize_t>(tail.size()) ||
        !tail.ends_with(k_end)) {
        return std::nullopt;
    }
    const std::string_view rest(tail.data(), tail.size() - k_end.size());
    const auto line_start = rest.rfind('\n');
    if (line_start == std::string_view::npos || !rest.substr(line_start).starts_with("\n    {")) {
        return std::nullopt;
    }
    UndoEntry entry;
    entry.text = rest.substr(line_start + 5);
    std::vector<SessionChanged> sessions;
    try {
        const auto label = path.string() + " (its undo history)";
        read_entry(entry, label);
        if (entry.changes.empty()) {
            return std::nullopt;
        }
        for (const auto& c : entry.changes) {
            if (c.collection != "sessions") {
                continue;
            }
            if (c.before.empty()) { // made by the change: undone, it goes
                sessions.push_back({c.id});
                continue;
            }
            JsonCursor cursor(c.before, label);
            RecordReader r(cursor, label);
            const auto before = read_session(r, Place{nullptr, "sessions", 0});
            sessions.push_back({c.id, day_of(before.start), c.index.has_value()});
        }
    } catch (const Error&) {
        return std::nullopt;
    }
    return sessions;
}

std::string Store::undo() {
    if (m_doc.history.empty()) {
        throw Error("nothing to undo");
    }
    const auto label = m_path.string() + " (its undo history)";
    refuse_second_change();
    read_entry(m_doc.history.back(), label);
    UndoEntry entry = m_doc.history.back();
    if (m_doc.outside) {
        refuse_undo_beyond_window(entry);
        // A removed session's place in the file, as a place among the window's sessions
        // (before those read for a link, which the save writes where they are).
        place_in_file(entry.changes, -1);
        m_doc.outside->in_window += removed_sessions(entry.changes);
    }
    m_trusted_after = m_trusted > 0 ? m_trusted - 1 : 0;
    m_doc.history.pop_back();
    auto& d = m_doc.data;
    std::unordered_map<std::string_view, std::vector<const RecordChange*>> by_collection;
    for (const auto& c : entry.changes) {
        by_collection[c.collection].push_back(&c);
    }
    revert(d.providers, by_collection["providers"], read_provider, label);
    revert(d.schedules, by_collection["schedules"], read_schedule, label);
    revert(d.sessions, by_collection["sessions"], read_session, label);
    revert(d.absences, by_collection["absences"], read_absence, label);
    revert(d.contacts, by_collection["contacts"], read_contact, label);
    revert(d.agenda, by_collection["agenda"], read_agenda_item, label);
    revert(d.budgets, by_collection["budgets"], read_budget, label);
    d.next_ids = entry.next_ids_before;
    m_doc.version = entry.version_before.value_or(Data::k_version);
    // The sessions it did not take back are written as they were read: the file is then what
    // it was, however showup or another program laid out their lines.
    std::vector<RecordChange> taken_back;
    std::vector<std::size_t> kept;
    diff_collection("sessions", *m_sessions_before, d.sessions, taken_back, std::nullopt, &kept);
    if (m_doc.outside) {
        // What it put back stays on the window's days (their lines go between the others).
        const auto& days = *d.sessions_read;
        for (std::size_t i = 0; i < d.sessions.size(); ++i) {
            const auto day = day_of(d.sessions[i].start);
            if (kept[i] == std::string::npos && (day < days.first || day > days.second)) {
                throw NotRead();
            }
        }
        m_pending = kept_texts(kept);
        return entry.description;
    }
    save(m_doc.version == Data::k_version ? kept_texts(kept) : std::vector<std::string_view>{});
    return entry.description;
}

// The text each session had in the file, for those `kept` (diff_collection) says are as read.
std::vector<std::string_view> Store::kept_texts(const std::vector<std::size_t>& kept) const {
    std::vector<std::string_view> texts;
    if (!m_doc.session_texts.empty() || m_doc.outside) {
        texts.resize(kept.size());
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (kept[i] != std::string::npos) {
                texts[i] = m_doc.session_texts[kept[i]];
            }
        }
    }
    return texts;
}

void Store::save(const std::vector<std::string_view>& session_texts) {
    if (m_mode != Mode::write) {
        throw Error("internal: a read-only command tried to save");
    }
    // Never write a file that the loader would refuse: a bug becomes an error, the file stays.
    // (A window's change is checked by save_pending, which knows what was not read.)
    if (!m_doc.outside) {
        check_valid(m_doc.data, m_path.string() + " (not saved)");
    }
    read_other_versions(m_doc, m_path.string() + " (its undo history)");
    const auto saved = serialize_pieces(m_doc, session_texts);
    const auto text = saved.pieces();
    // A sealed file was written by a save that ran to its end. Only such a save seals what it
    // wrote: one whose flush of the directory failed leaves the next save to flush it first.
    auto warning = save_atomically(m_fs, m_target, text, m_sealed);
    seal_if(warning.empty(), m_lock.get(), text, std::min(m_trusted_after, m_doc.history.size()));
    if (!warning.empty()) {
        m_warnings.push_back(std::move(warning));
    }
    m_saved = true;
}

} // namespace showup
