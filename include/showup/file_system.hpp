#pragma once
// The few file operations a save needs, behind an interface so tests can make any step fail.
#include <filesystem>
#include <string>
#include <string_view>

namespace showup {

// A file descriptor that is closed when it goes out of scope.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

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
// temporary file is removed and the old file is untouched. Once the new file is in place, a
// failure to flush the directory is not a failed save: it is returned as a warning (empty
// when there is none).
std::string save_atomically(FileSystem& fs, const std::filesystem::path& path,
                            std::string_view bytes);

// The prefix of temporary files for `path`; a writer removes stale ones under its lock.
std::string temporary_prefix(const std::filesystem::path& path);
// The longest file name of a data file: its temporary file's name must fit beside it.
std::size_t longest_data_file_name();

} // namespace showup
