#pragma once
// The few file operations a save needs, behind an interface so tests can make any step fail.
#include <filesystem>
#include <span>
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

// A text to save, in pieces written one after another: a large part of the file read is
// written back from where it was read, not copied into the new text first.
using Pieces = std::span<const std::string_view>;

class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Each throws `Error` with the path and the system's reason on failure.
    virtual int create_exclusive(const std::filesystem::path& p) = 0; // O_CREAT|O_EXCL, 0600
    virtual void write_all(int fd, std::string_view bytes, const std::filesystem::path& p) = 0;
    virtual void sync(int fd, const std::filesystem::path& p) = 0;
    virtual void close(int fd, const std::filesystem::path& p) = 0;
    virtual void rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    // The spare at `p`, opened for writing over, when nothing else can see what is written
    // there: a regular file with no other name, that no process has open. Otherwise -1, and
    // the name is removed so that a new file can be made there.
    virtual int open_spare(const std::filesystem::path& p) = 0;
    // Makes the file at `fd` hold `bytes`, writing only the pages that differ from what it
    // holds, so that a flush writes only those.
    virtual void write_over(int fd, Pieces bytes, const std::filesystem::path& p) = 0;
    // Puts `from` in place of `to` and, in the same step, what was at `to` at `from`. Where
    // the file system cannot, or nothing was at `to`, renames `from` over `to` and says false.
    virtual bool swap(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    virtual void sync_directory(const std::filesystem::path& dir) = 0;
    virtual void remove(const std::filesystem::path& p) noexcept = 0;
};

FileSystem& posix_file_system();

// Writes `bytes` to `path` so that a crash at any instant leaves the old file or the new one:
// a temporary file beside it (its spare), flushed, renamed over it, the directory flushed.
// The old file is kept as the spare, which the next save writes over where it differs; so a
// save neither allocates nor frees the whole file, and flushes only the pages that changed.
// `settled`: the last save to `path` ran to its end (flushed the directory), so on disk too
// the spare is no longer the data file (else the directory is flushed first). On failure the
// old file is untouched and the spare is removed. Once the new file is in place, a failure
// to flush the directory is not a failed save: it is returned as a warning (empty when there
// is none). The caller holds the data file's lock.
std::string save_atomically(FileSystem& fs, const std::filesystem::path& path, Pieces bytes,
                            bool settled);

// The spare beside the data file `path`: "." NAME ".spare".
std::filesystem::path spare_path(const std::filesystem::path& path);
// The longest file name of a data file: its spare's name must fit beside it.
std::size_t longest_data_file_name();

} // namespace showup
