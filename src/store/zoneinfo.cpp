// Finding a zone's TZif file in the system's tz database (/usr/share/zoneinfo, or $TZDIR).
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

std::optional<std::string> read_tzif(const std::string& name) {
    if (!plausible_name(name)) {
        return std::nullopt;
    }
    std::ifstream in(zoneinfo_dir() / name, std::ios::binary);
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

} // namespace

Zone Zone::locate(const std::string& name) {
    const auto bytes = read_tzif(name);
    if (!bytes) {
        throw Error(
            fmt::format("unknown time zone \"{}\" (use a name such as Europe/Berlin)", name));
    }
    return from_tzif(name, *bytes);
}

bool Zone::exists(const std::string& name) {
    return read_tzif(name).has_value();
}

std::string Zone::system_zone_name() {
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        std::string name = tz[0] == ':' ? tz + 1 : tz;
        if (exists(name)) {
            return name;
        }
    }
    std::error_code ec;
    auto target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (auto pos = target.find("zoneinfo/"); !ec && pos != std::string::npos) {
        auto name = target.substr(pos + 9);
        if (exists(name)) {
            return name;
        }
    }
    std::ifstream in("/etc/timezone");
    if (std::string name; in >> name && exists(name)) {
        return name;
    }
    return "UTC";
}

} // namespace showup
