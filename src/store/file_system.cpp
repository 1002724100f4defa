#include "showup/file_system.hpp"

#include <cerrno>
#include <cstring>
#include <random>

#include <fcntl.h>
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

} // namespace

FileSystem& posix_file_system() {
    static PosixFileSystem fs;
    return fs;
}

std::string temporary_prefix(const std::filesystem::path& path) {
    return "." + path.filename().string() + ".tmp-";
}

void save_atomically(FileSystem& fs, const std::filesystem::path& path, std::string_view bytes) {
    auto dir = path.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    std::random_device rd;
    const auto tmp = dir / fmt::format("{}{}-{:08x}", temporary_prefix(path), ::getpid(), rd());
    const int fd = fs.create_exclusive(tmp);
    try {
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
    // The new file is in place; a failure to flush the directory is still worth reporting.
    fs.sync_directory(dir);
}

} // namespace showup
