#pragma once
// Small helpers the unit tests share: dates written as text, and a scratch directory.
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "showup/time.hpp"

namespace showup::test {

// `base` with each optional flag of `options` added when `chosen()` says so; an empty value is
// a flag without one (random command generators).
inline std::vector<std::string>
with_options(std::vector<std::string> base,
             const std::vector<std::pair<std::string, std::string>>& options,
             const std::function<bool()>& chosen) {
    for (const auto& [name, value] : options) {
        if (chosen()) {
            base.push_back(name);
            if (!value.empty()) {
                base.push_back(value);
            }
        }
    }
    return base;
}

inline LocalDays day(const char* text) {
    return *parse_iso_date(text);
}
inline LocalMinutes at(const char* text) {
    return *parse_iso_local(text);
}

// A fresh directory under /tmp, removed with the object.
class ScratchDir {
public:
    ScratchDir() {
        std::string templ =
            (std::filesystem::temp_directory_path() / "showup-test-XXXXXX").string();
        m_path = ::mkdtemp(templ.data());
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spit(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace showup::test
