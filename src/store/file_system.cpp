#include "showup/file_system.hpp"

#include <cerrno>
#include <cstring>
#include <random>

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
    // "." NAME ".tmp-" PID (up to 7 digits) "-" 8 hex digits must fit NAME_MAX (255).
    return 255 - (1 + 5 + 7 + 1 + 8);
}

FileSystem& posix_file_system() {
    static PosixFileSystem fs;
    return fs;
}

std::string temporary_prefix(const std::filesystem::path& path) {
    return "." + path.filename().string() + ".tmp-";
}

std::string save_atomically(FileSystem& fs, const std::filesystem::path& path,
                            std::string_view bytes) {
    auto dir = path.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    std::random_device rd;
    const auto tmp = dir / fmt::format("{}{}-{:08x}", temporary_prefix(path), ::getpid(), rd());
    const int fd = fs.create_exclusive(tmp);
    try {
        keep_owner(fd, path);
        fs.write_all(fd, bytes, tmp);
        fs.sync(fd, tmp);
    } catch (...) {
        ::close(fd);
        fs.remove(tmp);
        throw;
    }
    try {
        fs.close(fd, tmp);
        fs.rename(tmp, path);
    } catch (...) {
        fs.remove(tmp);
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
