#pragma once
// The few file operations a save needs, behind an interface so tests can make any step fail.
#include <filesystem>
#include <string>
#include <string_view>

namespace showup {

class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Each throws `Error` with the path and the system's reason on failure.
    virtual int create_exclusive(const std::filesystem::path& p) = 0; // O_CREAT|O_EXCL, 0600
    virtual void write_all(int fd, std::string_view bytes, const std::filesystem::path& p) = 0;
    virtual void sync(int fd, const std::filesystem::path& p) = 0;
    virtual void close(int fd, const std::filesystem::path& p) = 0;
    virtual void rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    virtual void sync_directory(const std::filesystem::path& dir) = 0;
    virtual void remove(const std::filesystem::path& p) noexcept = 0;
};

FileSystem& posix_file_system();

// Writes `bytes` to `path` so that a crash at any instant leaves the old file or the new one:
// a temporary file beside it, flushed, renamed over it, the directory flushed. On failure the
// temporary file is removed and the old file is untouched.
void save_atomically(FileSystem& fs, const std::filesystem::path& path, std::string_view bytes);

// The prefix of temporary files for `path`; a writer removes stale ones under its lock.
std::string temporary_prefix(const std::filesystem::path& path);

} // namespace showup
