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

// Writes all of `bytes` with `write(data, size, done)` (a write or pwrite call; `done`: the
// bytes written so far), again after an interruption or a short write.
template <typename Write>
void write_fully(std::string_view bytes, const std::filesystem::path& p, Write write) {
    for (std::size_t done = 0; done < bytes.size();) {
        const auto n = write(bytes.data() + done, bytes.size() - done, done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", p);
        }
        done += static_cast<std::size_t>(n);
    }
}

void write_at(int fd, std::string_view bytes, std::size_t at, const std::filesystem::path& p) {
    write_fully(bytes, p, [&](const char* data, std::size_t size, std::size_t done) {
        return ::pwrite(fd, data, size, static_cast<off_t>(at + done));
    });
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

// The bytes of a text in pieces, a piece at a time: they are compared and written where they
// are, not joined first. It finds each place from the last one asked (write_over asks in the
// order of the text, and goes back only to write what it compared), so a text of thousands of
// pieces costs about what one of a few does.
class PieceWalk {
public:
    explicit PieceWalk(Pieces pieces) : m_pieces(pieces) {}

    // Calls `part(bytes)` for the bytes [at, at + n) of the pieces (which have them).
    template <typename Part> void each(std::size_t at, std::size_t n, Part part) {
        while (at < m_start) { // back to a place before the last one asked
            --m_index;
            m_start -= m_pieces[m_index].size();
        }
        while (m_index < m_pieces.size() && at >= m_start + m_pieces[m_index].size()) {
            m_start += m_pieces[m_index].size();
            ++m_index;
        }
        auto start = m_start;
        for (auto i = m_index; n > 0 && i < m_pieces.size(); ++i) {
            const auto piece = m_pieces[i];
            if (at < start + piece.size()) {
                const auto from = at - start;
                const auto take = std::min(n, piece.size() - from);
                part(piece.substr(from, take));
                at += take;
                n -= take;
            }
            start += piece.size();
        }
    }

private:
    Pieces m_pieces;
    std::size_t m_index = 0; // the piece that held the last place asked
    std::size_t m_start = 0; // where that piece starts in the text
};

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
        write_fully(bytes, p, [&](const char* data, std::size_t size, std::size_t) {
            return ::write(fd, data, size);
        });
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
    void write_over(int fd, Pieces bytes, const std::filesystem::path& p) override {
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            fail("stat", p);
        }
        const auto held = static_cast<std::size_t>(st.st_size);
        std::size_t size = 0;
        for (const auto piece : bytes) {
            size += piece.size();
        }
        // A chunk at a time (read into a buffer that stays in the cache, not mapped: a file
        // cut short meanwhile would kill a process that had it mapped): the runs of pages
        // that differ from what the file holds there are written, the others left as they are.
        constexpr std::size_t k_page = 4096;
        constexpr std::size_t k_chunk = 64 * k_page;
        const auto was = std::make_unique_for_overwrite<char[]>(std::min(k_chunk, held));
        PieceWalk walk(bytes);
        for (std::size_t at = 0; at < size; at += k_chunk) {
            const auto chunk = std::min(k_chunk, size - at);
            const auto have =
                at < held ? read_at(fd, was.get(), std::min(chunk, held - at), at) : 0;
            const auto same = [&](std::size_t page) {
                const auto n = std::min(k_page, chunk - page);
                if (page + n > have) {
                    return false;
                }
                bool equal = true;
                const char* held_bytes = was.get() + page;
                walk.each(at + page, n, [&](std::string_view part) {
                    equal = equal && std::memcmp(held_bytes, part.data(), part.size()) == 0;
                    held_bytes += part.size();
                });
                return equal;
            };
            for (std::size_t page = 0; page < chunk;) {
                while (page < chunk && same(page)) {
                    page += k_page;
                }
                if (page >= chunk) {
                    break;
                }
                auto end = page;
                while (end < chunk && !same(end)) {
                    end += k_page;
                }
                end = std::min(end, chunk);
                auto to = at + page;
                walk.each(to, end - page, [&](std::string_view part) {
                    write_at(fd, part, to, p);
                    to += part.size();
                });
                page = end;
            }
        }
        if (held > size && ::ftruncate(fd, static_cast<off_t>(size)) != 0) {
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
// Says whether others could read the file it replaces.
bool keep_owner(int fd, const std::filesystem::path& path) {
    struct stat old {};
    struct stat now {};
    if (::stat(path.c_str(), &old) != 0 || ::fstat(fd, &now) != 0) {
        return false;
    }
    const bool others_could_read = (old.st_mode & 077) != 0;
    if (old.st_uid == now.st_uid && old.st_gid == now.st_gid) {
        return others_could_read;
    }
    if (::fchown(fd, old.st_uid, old.st_gid) != 0) {
        throw Error(fmt::format("{} belongs to another user (uid {}) and showup cannot keep it "
                                "theirs: not changed (run showup as that user)",
                                path.string(), old.st_uid));
    }
    return others_could_read;
}

// Removes the temporary files of showup 0.1.0 (".NAME.tmp-PID-RANDOM"), which a killed one
// left; showup now writes only the spare.
void remove_stale_temporaries(const std::filesystem::path& path) {
    const auto prefix = "." + path.filename().string() + ".tmp-";
    std::error_code ec;
    auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().filename().string().starts_with(prefix)) {
            std::filesystem::remove(entry.path(), ec);
        }
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

std::string save_atomically(FileSystem& fs, const std::filesystem::path& path, Pieces bytes,
                            bool settled) {
    auto dir = path.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    const auto spare = spare_path(path);
    int fd = fs.open_spare(spare);
    // Until the rename that made it the spare is on disk, on disk the spare may still be the
    // data file: the save that made it was cut short before it flushed the directory. Flushed
    // now, or the spare is not written over.
    if (fd >= 0 && !settled) {
        try {
            fs.sync_directory(dir);
        } catch (const Error&) {
            ::close(fd);
            fs.remove(spare);
            fd = -1;
        }
    }
    const bool reused = fd >= 0;
    if (!reused) {
        remove_stale_temporaries(path);
        fd = fs.create_exclusive(spare);
    }
    // A save that fails takes its spare away, written over or new: after a failed flush the
    // kernel may hold pages that the disk did not take, which the next save, comparing with
    // them, would not write again.
    bool others_could_read = false;
    try {
        others_could_read = keep_owner(fd, path);
        if (reused) {
            fs.write_over(fd, bytes, spare);
        } else {
            for (const auto piece : bytes) {
                if (!piece.empty()) {
                    fs.write_all(fd, piece, spare);
                }
            }
        }
        fs.sync(fd, spare);
    } catch (...) {
        ::close(fd);
        fs.remove(spare);
        throw;
    }
    // What is put in place is what was written: the name was not given to another file
    // meanwhile (a sync of the folder, say).
    struct stat written {};
    struct stat named {};
    if (::fstat(fd, &written) != 0 || ::lstat(spare.c_str(), &named) != 0 ||
        written.st_dev != named.st_dev || written.st_ino != named.st_ino) {
        ::close(fd);
        throw Error(fmt::format("{} was replaced by another program while showup wrote it; "
                                "{} is not changed",
                                spare.string(), path.string()));
    }
    bool swapped = false;
    try {
        fs.close(fd, spare);
        swapped = fs.swap(spare, path);
    } catch (...) {
        fs.remove(spare);
        throw;
    }
    // The old file, now the spare, is for no one else to read (it was, when the file was).
    if (swapped && others_could_read) {
        ::chmod(spare.c_str(), 0600);
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
