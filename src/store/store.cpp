#include "showup/store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "record_json.hpp"
#include "showup/errors.hpp"

namespace showup {

namespace fs = std::filesystem;

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

// Takes the lock on `path`'s lock file, waiting up to the timeout; returns the descriptor.
int take_lock(const fs::path& path, bool exclusive) {
    const auto lp = lock_path(path);
    const int fd = ::open(lp.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (!exclusive && (errno == EACCES || errno == EROFS)) {
            return -1; // a read-only place: read without a lock
        }
        throw Error(
            fmt::format("{}: cannot open the lock file: {}", lp.string(), std::strerror(errno)));
    }
    const auto deadline = std::chrono::steady_clock::now() + lock_timeout();
    auto pause = std::chrono::milliseconds(1);
    while (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            ::close(fd);
            throw Error(fmt::format("{}: cannot lock: {}", lp.string(), std::strerror(errno)));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd);
            throw Error(fmt::format("{}: another showup holds the lock; try again (if none is "
                                    "running, something else holds it)",
                                    lp.string()));
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
    return fd;
}

std::string read_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            throw Error(
                fmt::format("no data file at {}; create one with 'showup init'", path.string()));
        }
        throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
    }
    std::string text;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        text.reserve(static_cast<std::size_t>(st.st_size));
    }
    char buf[1 << 16];
    for (;;) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            throw Error(fmt::format("{}: cannot read: {}", path.string(), std::strerror(err)));
        }
        if (n == 0) {
            break;
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

// Creates the missing directories of `dir` with mode 0700.
void make_private_directories(const fs::path& dir) {
    if (dir.empty() || fs::exists(dir)) {
        return;
    }
    make_private_directories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw Error(
            fmt::format("{}: cannot create the directory: {}", dir.string(), std::strerror(errno)));
    }
}

void remove_stale_temporaries(const fs::path& path) {
    const auto prefix = temporary_prefix(path);
    std::error_code ec;
    auto dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().filename().string().starts_with(prefix)) {
            fs::remove(entry.path(), ec);
        }
    }
}

template <typename T>
void diff_collection(const char* name, const std::vector<T>& before, const std::vector<T>& after,
                     std::vector<RecordChange>& out) {
    std::unordered_map<std::string_view, std::size_t> old;
    old.reserve(before.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        old.emplace(before[i].id, i);
    }
    for (const auto& item : after) {
        auto it = old.find(item.id);
        if (it == old.end()) {
            out.push_back({name, item.id, {}, std::nullopt});
            continue;
        }
        if (!(before[it->second] == item)) {
            out.push_back({name, item.id, record_line(before[it->second]), std::nullopt});
        }
        old.erase(it);
    }
    for (std::size_t i = 0; i < before.size(); ++i) { // removed ones, with their old place
        if (old.contains(before[i].id)) {
            out.push_back({name, before[i].id, record_line(before[i]), i});
        }
    }
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
    std::stable_sort(removed.begin(), removed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [index, c] : removed) {
        const auto at = std::min(index, out.size());
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), value_of(*c));
    }
    items = std::move(out);
}

std::string utc_text(Instant at) {
    return date::format("%FT%TZ", at);
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

Store::Store(fs::path path, Mode mode, FileSystem& fs)
    : m_path(std::move(path)), m_mode(mode), m_fs(fs) {
    std::error_code ec;
    const auto status = fs::status(m_path, ec); // through a symlink
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
    m_lock_fd = take_lock(m_target, mode == Mode::write);
    try {
        struct stat st {};
        const bool known = ::stat(m_target.c_str(), &st) == 0;
        m_readable_by_others = known && (st.st_mode & 077) != 0;
        if (mode == Mode::write && known && (st.st_mode & S_IWUSR) == 0) {
            throw Error(fmt::format("{} is read-only, so showup does not change it (to allow "
                                    "changes: chmod u+w {})",
                                    m_path.string(), m_path.string()));
        }
        const auto text = read_file(m_target);
        if (text.empty()) {
            throw Error(fmt::format("{} is empty (0 bytes): restore it from a backup, or remove "
                                    "it and run 'showup init'",
                                    m_path.string()));
        }
        m_doc = parse_document(text, m_path.string(), mode == Mode::write);
        if (mode == Mode::write) {
            remove_stale_temporaries(m_target);
            m_original = m_doc.data;
        }
    } catch (...) {
        if (m_lock_fd >= 0) {
            ::close(m_lock_fd);
        }
        throw;
    }
}

Store::~Store() {
    if (m_lock_fd >= 0) {
        ::close(m_lock_fd); // releases the lock
    }
}

void Store::create(const fs::path& path, const std::string& timezone, FileSystem& fs) {
    make_private_directories(path.parent_path());
    const int lock = take_lock(path, true);
    try {
        if (fs::exists(fs::symlink_status(path))) {
            throw Error(
                fmt::format("{} already exists; init never overwrites a data file", path.string()));
        }
        Document doc;
        doc.data.timezone = timezone;
        save_atomically(fs, path, serialize_document(doc));
    } catch (...) {
        ::close(lock);
        throw;
    }
    ::close(lock);
}

bool Store::commit(const std::string& description, Instant at) {
    UndoEntry entry;
    entry.description = description;
    entry.at = utc_text(at);
    entry.next_ids_before = m_original.next_ids;
    const auto& d = m_doc.data;
    diff_collection("providers", m_original.providers, d.providers, entry.changes);
    diff_collection("schedules", m_original.schedules, d.schedules, entry.changes);
    diff_collection("sessions", m_original.sessions, d.sessions, entry.changes);
    diff_collection("absences", m_original.absences, d.absences, entry.changes);
    if (entry.changes.empty() && m_original.next_ids == d.next_ids) {
        return false;
    }
    m_doc.history.push_back(std::move(entry));
    if (m_doc.history.size() > k_undo_depth) {
        m_doc.history.erase(m_doc.history.begin(),
                            m_doc.history.end() - static_cast<std::ptrdiff_t>(k_undo_depth));
    }
    save();
    return true;
}

std::string Store::undo() {
    if (m_doc.history.empty()) {
        throw Error("nothing to undo");
    }
    const UndoEntry entry = m_doc.history.back();
    m_doc.history.pop_back();
    auto& d = m_doc.data;
    std::unordered_map<std::string_view, std::vector<const RecordChange*>> by_collection;
    for (const auto& c : entry.changes) {
        by_collection[c.collection].push_back(&c);
    }
    const auto label = m_path.string() + " (its undo history)";
    revert(d.providers, by_collection["providers"], read_provider, label);
    revert(d.schedules, by_collection["schedules"], read_schedule, label);
    revert(d.sessions, by_collection["sessions"], read_session, label);
    revert(d.absences, by_collection["absences"], read_absence, label);
    d.next_ids = entry.next_ids_before;
    save();
    return entry.description;
}

void Store::save() {
    if (m_mode != Mode::write) {
        throw Error("internal: a read-only command tried to save");
    }
    // Never write a file that the loader would refuse: a bug becomes an error, the file stays.
    check_valid(m_doc.data, m_path.string() + " (not saved)");
    save_atomically(m_fs, m_target, serialize_document(m_doc));
}

} // namespace showup
