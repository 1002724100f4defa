#include "showup/file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup {

namespace {

[[noreturn]] void fail(std::string_view what, const std::filesystem::path& p) {
    throw Error(fmt::format("{}: {} failed: {}", p.string(), what, std::strerror(errno)));
}

void write_at(int fd, std::string_view bytes, std::size_t at, const std::filesystem::path& p) {
    while (!bytes.empty()) {
        const auto n = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(at));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", p);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        at += static_cast<std::size_t>(n);
    }
}

// Reads up to `size` bytes at `at` into `into`: how many it could (a read that fails is as
// good as a short one here: what was not read is written).
std::size_t read_at(int fd, char* into, std::size_t size, std::size_t at) {
    std::size_t got = 0;
    while (got < size) {
        const auto n = ::pread(fd, into + got, size - got, static_cast<off_t>(at + got));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    return got;
}

class PosixFileSystem final : public FileSystem {
public:
    int create_exclusive(const std::filesystem::path& p) override {
        const int fd =
            ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            fail("create", p);
        }
        // 0600 whatever the umask: health data is the owner's alone.
        if (::fchmod(fd, 0600) != 0) {
            const int e = errno;
            ::close(fd);
            ::unlink(p.c_str());
            errno = e;
            fail("chmod", p);
        }
        return fd;
    }
    void write_all(int fd, std::string_view bytes, const std::filesystem::path& p) override {
        while (!bytes.empty()) {
            const auto n = ::write(fd, bytes.data(), bytes.size());
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                fail("write", p);
            }
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    void sync(int fd, const std::filesystem::path& p) override {
        if (::fsync(fd) != 0) {
            fail("fsync", p);
        }
    }
    void close(int fd, const std::filesystem::path& p) override {
        if (::close(fd) != 0) {
            fail("close", p);
        }
    }
    void rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (::rename(from.c_str(), to.c_str()) != 0) {
            fail("rename", to);
        }
    }
    int open_spare(const std::filesystem::path& p) override {
        // O_NONBLOCK: something else made at that name (a FIFO) must not hang the save.
        const int fd = ::open(p.c_str(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            if (errno != ENOENT) {
                ::unlink(p.c_str());
            }
            return -1;
        }
        // A write lease is granted only when no other process has the file open (a reader of
        // the data file it was, a backup tool): one that has keeps what it is reading. It is
        // given back at once, before anyone could ask for it to be broken.
        struct stat st {};
        const bool alone = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
                           ::fcntl(fd, F_SETLEASE, F_WRLCK) == 0;
        if (alone && ::fcntl(fd, F_SETLEASE, F_UNLCK) == 0 && ::fchmod(fd, 0600) == 0) {
            return fd;
        }
        ::close(fd);
        ::unlink(p.c_str());
        return -1;
    }
    void write_over(int fd, std::string_view bytes, const std::filesystem::path& p) override {
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            fail("stat", p);
        }
        const auto held = static_cast<std::size_t>(st.st_size);
        // A chunk at a time (read into a buffer that stays in the cache, not mapped: a file
        // cut short meanwhile would kill a process that had it mapped): the runs of pages
        // that differ from what the file holds there are written, the others left as they are.
        constexpr std::size_t k_page = 4096;
        constexpr std::size_t k_chunk = 64 * k_page;
        const auto buffer = std::make_unique_for_overwrite<char[]>(std::min(k_chunk, held));
        for (std::size_t at = 0; at < bytes.size(); at += k_chunk) {
            const auto chunk = bytes.substr(at, k_chunk);
            const auto have =
                at < held ? read_at(fd, buffer.get(), std::min(chunk.size(), held - at), at) : 0;
            const auto same = [&](std::size_t page) {
                const auto n = std::min(k_page, chunk.size() - page);
                return page + n <= have &&
                       std::memcmp(buffer.get() + page, chunk.data() + page, n) == 0;
            };
            for (std::size_t page = 0; page < chunk.size();) {
                while (page < chunk.size() && same(page)) {
                    page += k_page;
                }
                if (page >= chunk.size()) {
                    break;
                }
                auto end = page;
                while (end < chunk.size() && !same(end)) {
                    end += k_page;
                }
                end = std::min(end, chunk.size());
                write_at(fd, chunk.substr(page, end - page), at + page, p);
                page = end;
            }
        }
        if (held > bytes.size() && ::ftruncate(fd, static_cast<off_t>(bytes.size())) != 0) {
            fail("truncate", p);
        }
    }
    bool swap(const std::filesystem::path& from, const std::filesystem::path& to) override {
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) {
            return true;
        }
        // ENOENT: nothing at `to` yet; the others: a file system that cannot exchange.
        if (errno != ENOENT && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
            fail("rename", to);
        }
        rename(from, to);
        return false;
    }
    void sync_directory(const std::filesystem::path& dir) override {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            fail("open directory", dir);
        }
        const int rc = ::fsync(fd);
        ::close(fd);
        if (rc != 0) {
            fail("fsync", dir);
        }
    }
    void remove(const std::filesystem::path& p) noexcept override { ::unlink(p.c_str()); }
};

// The new file gets the owner and group of the file it replaces, so that a write by root
// (or by a member of its group) does not take a person's file away from them.
void keep_owner(int fd, const std::filesystem::path& path) {
    struct stat old {};
    struct stat now {};
    if (::stat(path.c_str(), &old) != 0 || ::fstat(fd, &now) != 0 ||
        (old.st_uid == now.st_uid && old.st_gid == now.st_gid)) {
        return;
    }
    if (::fchown(fd, old.st_uid, old.st_gid) != 0) {
        throw Error(fmt::format("{} belongs to another user (uid {}) and showup cannot keep it "
                                "theirs: not changed (run showup as that user)",
                                path.string(), old.st_uid));
    }
}

} // namespace

void UniqueFd::reset(int fd) {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    m_fd = fd;
}

std::size_t longest_data_file_name() {
    // "." NAME ".spare" must fit NAME_MAX (255).
    return 255 - (1 + 6);
}

FileSystem& posix_file_system() {
    static PosixFileSystem fs;
    return fs;
}

std::filesystem::path spare_path(const std::filesystem::path& path) {
    return path.parent_path() / ("." + path.filename().string() + ".spare");
}

std::string save_atomically(FileSystem& fs, const std::filesystem::path& path,
                            std::string_view bytes) {
    auto dir = path.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    const auto spare = spare_path(path);
    int fd = fs.open_spare(spare);
    const bool reused = fd >= 0;
    if (!reused) {
        fd = fs.create_exclusive(spare);
    }
    // A spare that was there stays when the save fails (the next one writes over it); one
    // made for this save goes.
    const auto drop = [&] {
        if (!reused) {
            fs.remove(spare);
        }
    };
    try {
        keep_owner(fd, path);
        if (reused) {
            fs.write_over(fd, bytes, spare);
        } else {
            fs.write_all(fd, bytes, spare);
        }
        fs.sync(fd, spare);
    } catch (...) {
        ::close(fd);
        drop();
        throw;
    }
    try {
        fs.close(fd, spare);
        fs.swap(spare, path);
    } catch (...) {
        drop();
        throw;
    }
    // The new file is in place: the change is made. A failure to flush the directory means a
    // power cut could still bring the old one back, which is worth saying, not a failure.
    try {
        fs.sync_directory(dir);
    } catch (const Error& e) {
        return fmt::format("the change is saved, but {} (a power cut now could undo it)", e.what());
    }
    return {};
}

} // namespace showup
