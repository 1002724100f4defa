// Finding a zone's TZif file in the system's tz database (/usr/share/zoneinfo, or $TZDIR), and
// which names of that folder are zones.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "showup/errors.hpp"
#include "showup/time.hpp"

namespace showup {

namespace {

std::filesystem::path zoneinfo_dir() {
    if (const char* dir = std::getenv("TZDIR"); dir != nullptr && *dir == '/') {
        return dir;
    }
    return "/usr/share/zoneinfo";
}

// A name of the database ("Europe/Berlin"), never a path that leaves it.
bool plausible_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' ||
        name.find("..") != std::string::npos) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' ||
               c == '-' || c == '+';
    });
}

// The tz database's own list of its zones and links, tzdata.zi ("Z NAME ..." and "L TARGET
// NAME" lines); nullopt when the folder has none, where any zone file is taken. Read once.
const std::optional<std::string>& tzdata_zi() {
    static std::mutex mutex;
    static std::optional<std::filesystem::path> read_from;
    static std::optional<std::string> text;
    const std::lock_guard lock(mutex);
    if (const auto dir = zoneinfo_dir(); dir != read_from) {
        read_from = dir;
        text.reset();
        // Read in one piece, after a newline (so that every line starts with one): every
        // command reads it, and a stream copied it twice over.
        std::error_code ec;
        const auto size = std::filesystem::file_size(dir / "tzdata.zi", ec);
        if (std::ifstream in(dir / "tzdata.zi", std::ios::binary); in && !ec) {
            std::string bytes(size + 1, '\n');
            in.read(bytes.data() + 1, static_cast<std::streamsize>(size));
            bytes.resize(1 + static_cast<std::size_t>(in.gcount()));
            text = std::move(bytes);
        }
    }
    return text;
}

// Whether tzdata.zi lists `name`, as a zone or as the name of a link (the last field). The
// name is looked for by skipping (Boyer-Moore-Horspool): every command asks this once, and a
// search for "\nZ " stopped at each of the list's 4,000 lines.
bool listed(const std::string& text, const std::string& name) {
    const auto find = [&](const std::string& needle, std::string::const_iterator from) {
        return std::search(from, text.end(),
                           std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    };
    const auto zone = "\nZ " + name + " ";
    if (find(zone, text.begin()) != text.end()) {
        return true;
    }
    const auto needle = " " + name + "\n";
    for (auto at = find(needle, text.begin()); at != text.end(); at = find(needle, at + 1)) {
        const auto pos = static_cast<std::size_t>(at - text.begin());
        if (text.compare(text.rfind('\n', pos) + 1, 2, "L ") == 0) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> read_tzif_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto text = bytes.str();
    if (!text.starts_with("TZif")) {
        return std::nullopt;
    }
    return text;
}

// The last zone file read is kept: a command checks that its file's zone exists and then
// loads it, which would read the same file again.
std::optional<std::string> read_tzif(const std::string& name) {
    if (!plausible_name(name)) {
        return std::nullopt;
    }
    static std::mutex mutex;
    static std::optional<std::filesystem::path> last_path;
    static std::optional<std::string> last_bytes;
    const std::lock_guard lock(mutex);
    const auto path = zoneinfo_dir() / name;
    if (path != last_path) {
        last_bytes = read_tzif_file(path);
        last_path = path;
    }
    return last_bytes;
}

// "posix/Asia/Tokyo" is a copy of "Asia/Tokyo": the name without the folder.
std::string without_posix(const std::string& name) {
    return name.starts_with("posix/") ? name.substr(6) : name;
}

// The zone a file under the zoneinfo folder is, by its path ("/usr/share/zoneinfo/Asia/Tokyo"),
// as written or with its symbolic links followed; nullopt for any other file.
std::optional<std::string> name_of_path(const std::filesystem::path& path) {
    const auto under = [](const std::filesystem::path& p,
                          const std::filesystem::path& dir) -> std::optional<std::string> {
        const auto rel = p.lexically_normal().lexically_relative(dir.lexically_normal());
        if (rel.empty() || *rel.begin() == "..") {
            return std::nullopt;
        }
        auto name = without_posix(rel.generic_string());
        return Zone::exists(name) ? std::optional(name) : std::nullopt;
    };
    if (auto name = under(path, zoneinfo_dir())) {
        return name;
    }
    std::error_code ec;
    const auto real = std::filesystem::canonical(path, ec);
    std::error_code dir_ec;
    const auto dir = std::filesystem::canonical(zoneinfo_dir(), dir_ec);
    if (ec || dir_ec) {
        return std::nullopt;
    }
    return under(real, dir);
}

} // namespace

std::string Zone::why_refused(const std::string& name) {
    const auto instead = [](const std::string& other) {
        return exists(other) ? fmt::format("use \"{}\"", other)
                             : std::string("use a name such as Europe/Berlin");
    };
    if (name == "localtime") {
        return "it is this machine's setting, not a zone (name the zone, such as Europe/Berlin)";
    }
    if (name == "posixrules") {
        return "it is the tz database's default for rules in TZ, not a zone (name the zone, such "
               "as America/New_York)";
    }
    if (name == "Factory") {
        return "it is a placeholder for a machine whose zone is not set (name the zone, such as "
               "Europe/Berlin)";
    }
    if (name.starts_with("posix/")) {
        return fmt::format("it is a path inside the tz database ({})", instead(name.substr(6)));
    }
    if (name.starts_with("right/")) {
        return fmt::format("it counts leap seconds, which clocks do not ({})",
                           instead(name.substr(6)));
    }
    return {};
}

Zone Zone::locate(const std::string& name) {
    const auto bytes = exists(name) ? read_tzif(name) : std::nullopt;
    if (!bytes) {
        if (const auto why = why_refused(name); !why.empty()) {
            throw Error(fmt::format("\"{}\" is not a time zone: {}", name, why));
        }
        throw Error(
            fmt::format("unknown time zone \"{}\" (use a name such as Europe/Berlin)", name));
    }
    return from_tzif(name, *bytes);
}

Zone Zone::locate_checked(const std::string& name) {
    const auto bytes = why_refused(name).empty() ? read_tzif(name) : std::nullopt;
    return bytes ? from_tzif(name, *bytes) : locate(name); // which says what is wrong
}

bool Zone::exists(const std::string& name) {
    if (!why_refused(name).empty()) {
        return false;
    }
    // The last name looked up in the list is kept, as the last file read is (read_tzif).
    static std::mutex mutex;
    static std::optional<std::pair<std::filesystem::path, bool>> last;
    const auto path = zoneinfo_dir() / name;
    {
        const std::lock_guard lock(mutex);
        if (!last || last->first != path) {
            const auto& list = tzdata_zi();
            last = {path, !list || listed(*list, name)};
        }
        if (!last->second) {
            return false;
        }
    }
    return read_tzif(name).has_value();
}

std::vector<std::string> Zone::names() {
    std::vector<std::string> out;
    const auto& list = tzdata_zi();
    if (!list) {
        return out;
    }
    // "Z NAME ..." names a zone, "L TARGET NAME" a link.
    std::istringstream lines(*list);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string kind;
        std::string name;
        words >> kind >> name;
        if (kind == "L") {
            words >> name;
        } else if (kind != "Z") {
            continue;
        }
        if (plausible_name(name) && why_refused(name).empty()) {
            out.push_back(name);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<std::string> Zone::name_from_tz(std::string_view tz) {
    if (tz.starts_with(':')) {
        tz.remove_prefix(1);
    }
    const std::string text(tz);
    if (text.starts_with('/')) {
        return name_of_path(text);
    }
    if (auto name = without_posix(text); exists(name)) {
        return name;
    }
    return std::nullopt;
}

std::string Zone::system_zone_name() {
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        if (auto name = name_from_tz(tz)) {
            return *name;
        }
    }
    std::error_code ec;
    const std::filesystem::path localtime = "/etc/localtime";
    auto target = std::filesystem::read_symlink(localtime, ec);
    if (!ec) {
        if (auto name =
                name_of_path(target.is_absolute() ? target : localtime.parent_path() / target)) {
            return *name;
        }
        // A zoneinfo folder other than ours (TZDIR): the name after it.
        const auto text = target.generic_string();
        if (auto pos = text.find("zoneinfo/"); pos != std::string::npos) {
            if (auto name = without_posix(text.substr(pos + 9)); exists(name)) {
                return name;
            }
        }
    }
    std::ifstream in("/etc/timezone");
    if (std::string name; in >> name && exists(name)) {
        return name;
    }
    return "UTC";
}

} // namespace showup
