#include "vdir.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup::cli {

namespace fs = std::filesystem;

namespace {

// Room for the temporary file's name beside it ("." NAME ".tmp-" PID "-" 8 hex digits) in
// NAME_MAX (255).
constexpr std::size_t k_longest_name = 200;
// A file of ours larger than this is not read back: it is written again.
constexpr std::size_t k_largest_item = 1 << 20;

bool safe_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x80 && std::isalnum(u) != 0) || c == '-' || c == '_' || c == '.' || c == '+' ||
           c == '@';
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return h;
}

// The bytes of `text` up to `n`, not cutting a %XX in two.
std::size_t cut_before(std::string_view text, std::size_t n) {
    for (std::size_t back = 1; back <= 2 && n >= back; ++back) {
        if (text[n - back] == '%') {
            return n - back;
        }
    }
    return n;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return lines;
}

bool is_stamp(std::string_view line) {
    return line.starts_with("DTSTAMP:") || line.starts_with("DTSTAMP;");
}

// The file's bytes, or nothing when it is not a regular file (a symlink is not followed) or is
// too large to be one of ours.
std::optional<std::string> read_item(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    const UniqueFd closer(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::size_t>(st.st_size) > k_largest_item) {
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    for (;;) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return std::nullopt;
        }
        if (n == 0) {
            return text;
        }
        text.append(buf, static_cast<std::size_t>(n));
        if (text.size() > k_largest_item) {
            return std::nullopt;
        }
    }
}

// Creates `dir` and its missing parents with mode 0700, whatever the umask: a calendar of
// sessions is the owner's alone.
void make_private_directories(const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || fs::exists(fs::symlink_status(dir, ec))) {
        return;
    }
    make_private_directories(dir.parent_path());
    if (::mkdir(dir.c_str(), 0700) != 0) {
        if (errno == EEXIST) {
            return;
        }
        throw Error(
            fmt::format("{}: cannot create the directory: {}", dir.string(), std::strerror(errno)));
    }
    ::chmod(dir.c_str(), 0700);
}

void write_item(FileSystem& files, const fs::path& dir, const std::string& name,
                std::string_view text) {
    std::random_device rd;
    const auto tmp = dir / fmt::format(".{}.tmp-{}-{:08x}", name, ::getpid(), rd());
    const int fd = files.create_exclusive(tmp);
    try {
        files.write_all(fd, text, tmp);
        files.sync(fd, tmp);
    } catch (...) {
        ::close(fd);
        files.remove(tmp);
        throw;
    }
    try {
        files.close(fd, tmp);
        files.rename(tmp, dir / name);
    } catch (...) {
        files.remove(tmp);
        throw;
    }
}

} // namespace

std::string vdir_file_name(std::string_view uid) {
    std::string name;
    for (std::size_t i = 0; i < uid.size(); ++i) {
        const char c = uid[i];
        if (safe_byte(c) && !(i == 0 && c == '.')) {
            name += c;
        } else {
            name += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    if (name.empty()) {
        name = "%00";
    }
    if (name.size() > k_longest_name) {
        // The start and the end stay readable (the end is where showup's suffix is); "~" is
        // never in a name that was not cut (it would be %7E).
        const auto head = name.substr(0, cut_before(name, 100));
        auto tail_from = name.size() - 64;
        while (tail_from < name.size() &&
               (name[tail_from - 1] == '%' || name[tail_from - 2] == '%')) {
            ++tail_from;
        }
        name = fmt::format("{}~{:016x}~{}", head, fnv1a(uid), name.substr(tail_from));
    }
    return name + ".ics";
}

bool same_but_stamp(std::string_view a, std::string_view b) {
    const auto x = lines_of(a);
    const auto y = lines_of(b);
    if (x.size() != y.size() || a.size() != b.size()) {
        // The stamp's value has a fixed width (20261126T100000Z): a change in length is a change.
        return false;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] != y[i] && !(is_stamp(x[i]) && is_stamp(y[i]))) {
            return false;
        }
    }
    return true;
}

std::string ics_uid(std::string_view text) {
    std::string line;
    const auto uid_of = [](const std::string& l) -> std::optional<std::string> {
        const auto colon = l.find(':');
        const auto name_end = l.find_first_of(":;");
        if (colon == std::string::npos || name_end != 3) {
            return std::nullopt;
        }
        std::string name = l.substr(0, 3);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (name != "UID") {
            return std::nullopt;
        }
        return l.substr(colon + 1);
    };
    for (const auto& l : lines_of(text)) {
        if (!l.empty() && (l.front() == ' ' || l.front() == '\t')) {
            line.append(l.substr(1)); // a folded line goes on
            continue;
        }
        if (auto uid = uid_of(line)) {
            return *uid;
        }
        line = l;
    }
    return uid_of(line).value_or(std::string());
}

VdirChanges write_vdir(FileSystem& files, const fs::path& dir, const std::vector<VdirItem>& items,
                       std::string_view own_suffix) {
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (fs::exists(status) && !fs::is_directory(status)) {
        throw Error(fmt::format("{} is not a directory: give the directory of the calendar's "
                                "files (showup creates it when it is missing)",
                                dir.string()));
    }
    make_private_directories(dir);
    const UniqueFd lock(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!lock) {
        throw Error(
            fmt::format("{}: cannot open the directory: {}", dir.string(), std::strerror(errno)));
    }
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
        throw Error(fmt::format("{}: another showup is writing this directory; try again when it "
                                "is done",
                                dir.string()));
    }

    const auto own_file = fmt::format("{}.ics", own_suffix);
    const auto own_temporary = own_file + ".tmp-";
    VdirChanges changes;
    std::set<std::string> wanted;
    for (const auto& item : items) {
        const auto name = vdir_file_name(item.uid);
        if (!wanted.insert(name).second) {
            throw Error(fmt::format("two events would be the file {} in {}: nothing is written "
                                    "for them (their UIDs are the same)",
                                    name, dir.string()));
        }
        const auto old = read_item(dir / name);
        if (old && same_but_stamp(*old, item.text)) {
            changes.unchanged.push_back(name);
            continue;
        }
        write_item(files, dir, name, item.text);
        changes.written.push_back(name);
    }

    for (const auto& entry : fs::directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        // A temporary file of a write that was cut short: under the lock, no write is under way.
        if (name.starts_with('.') && name.find(own_temporary) != std::string::npos) {
            fs::remove(entry.path(), ec);
            continue;
        }
        if (!name.ends_with(own_file) || wanted.contains(name) || !entry.is_regular_file(ec) ||
            entry.is_symlink(ec)) {
            continue;
        }
        const auto text = read_item(entry.path());
        if (!text || !ics_uid(*text).ends_with(own_suffix)) {
            continue; // not one showup wrote
        }
        if (!fs::remove(entry.path(), ec) && ec) {
            throw Error(
                fmt::format("{}: cannot remove it: {}", entry.path().string(), ec.message()));
        }
        changes.removed.push_back(name);
    }

    if (!changes.written.empty() || !changes.removed.empty()) {
        try {
            files.sync_directory(dir);
        } catch (const Error& e) {
            changes.warning = fmt::format(
                "the calendar's files are written, but {} (a power cut now could undo it)",
                e.what());
        }
    }
    std::sort(changes.written.begin(), changes.written.end());
    std::sort(changes.unchanged.begin(), changes.unchanged.end());
    std::sort(changes.removed.begin(), changes.removed.end());
    return changes;
}

} // namespace showup::cli
