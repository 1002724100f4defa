#include <doctest/doctest.h>

#include <fstream>
#include <random>

#include <fcntl.h>
#include <unistd.h>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "showup/file_system.hpp"

using namespace showup;
using namespace showup::test;

namespace store_file_system_test {

namespace {

// AddressSanitizer writes to pipes of its own (to learn whether memory can be read), which
// count in `wchar` too.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_sanitized = true;
#else
constexpr bool k_sanitized = false;
#endif
#else
constexpr bool k_sanitized = false;
#endif

// The bytes this process has passed to write calls so far (`wchar` in /proc/self/io).
std::size_t bytes_written() {
    std::ifstream io("/proc/self/io");
    std::string key;
    std::size_t value = 0;
    while (io >> key >> value) {
        if (key == "wchar:") {
            return value;
        }
    }
    return 0;
}

} // namespace

TEST_CASE("file system: write_over makes the file hold the bytes, writing only the pages "
          "that differ") {
    ScratchDir dir;
    const auto path = dir.path() / "spare";
    auto& files = posix_file_system();
    std::mt19937 random(7);
    const auto text = [&](std::size_t n) {
        std::string s(n, ' ');
        for (auto& c : s) {
            c = static_cast<char>('a' + random() % 26);
        }
        return s;
    };
    constexpr std::size_t k_page = 4096;
    constexpr std::size_t k_chunk = 64 * k_page;
    // Sizes at the edges of pages and of the chunks it compares at a time.
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, k_page - 1, k_page, k_page + 1,
                                   5 * k_page + 17, k_chunk - 1, k_chunk, k_chunk + k_page + 3}) {
        CAPTURE(size);
        const auto held = text(size);
        spit(path, held);
        // One byte changed near the start, one near the end; the same size.
        auto changed = held;
        if (size > 0) {
            changed[0] = '!';
            changed[size - 1] = '!';
        }
        // Shorter, longer, and the same bytes.
        const auto shorter = held.substr(0, size / 2);
        const auto longer = held + text(k_page + 5);
        const auto shifted = "!" + held; // every page differs
        const std::pair<const std::string*, bool> cases[] = {
            {&changed, false}, {&shorter, false}, {&longer, false}, {&held, false},
            {&shifted, false}, {&changed, true},  {&shorter, true}, {&longer, true},
            {&held, true},     {&shifted, true}};
        for (const auto& one : cases) {
            // (Not a structured binding: clang 14 cannot capture one, as CAPTURE does.)
            const auto* const want = one.first;
            const bool many = one.second;
            CAPTURE(many);
            spit(path, held);
            const UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
            REQUIRE(fd);
            // In pieces that end anywhere, empty ones too: four, or many of up to 5,000 bytes
            // (a page of several pieces).
            const std::string_view all = *want;
            std::vector<std::string_view> pieces;
            if (many) {
                for (std::size_t at = 0; at < all.size();) {
                    const auto n = std::min<std::size_t>(random() % 5001, all.size() - at);
                    pieces.push_back(all.substr(at, n));
                    at += n;
                }
            } else {
                const auto cut = std::min<std::size_t>(random() % (all.size() + 1), all.size());
                const auto cut2 = cut + random() % (all.size() - cut + 1);
                pieces = {all.substr(0, cut), {}, all.substr(cut, cut2 - cut), all.substr(cut2)};
            }
            const auto before = bytes_written();
            files.write_over(fd.get(), pieces, path);
            const auto written = bytes_written() - before;
            CHECK(slurp(path) == *want);
            // What it wrote: the pages that differ, and the bytes past the old end.
            std::size_t differ = 0;
            for (std::size_t page = 0; page < want->size(); page += k_page) {
                const auto n = std::min(k_page, want->size() - page);
                if (page + n > held.size() || held.compare(page, n, *want, page, n) != 0) {
                    differ += n;
                }
            }
            if (k_sanitized) {
                CHECK(written >= differ);
            } else {
                CHECK(written == differ);
            }
        }
    }
}

TEST_CASE("file system: a spare is written over only when it is a file of its own that nobody "
          "has open") {
    ScratchDir dir;
    const auto spare = dir.path() / ".d.json.spare";
    auto& files = posix_file_system();
    CHECK(files.open_spare(spare) == -1); // none there

    spit(spare, "old");
    ::chmod(spare.c_str(), 0644);
    {
        const UniqueFd fd(files.open_spare(spare));
        REQUIRE(fd);
        CHECK((std::filesystem::status(spare).permissions() & std::filesystem::perms::all) ==
              (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    }
    // Open elsewhere: the name goes, the file stays whole for whoever has it.
    {
        std::ifstream reader(spare);
        CHECK(files.open_spare(spare) == -1);
        CHECK_FALSE(std::filesystem::exists(spare));
        CHECK(std::string(std::istreambuf_iterator<char>(reader), {}) == "old");
    }
    // Another name for it (a hard link): the same.
    spit(spare, "old");
    std::filesystem::create_hard_link(spare, dir.path() / "backup");
    CHECK(files.open_spare(spare) == -1);
    CHECK_FALSE(std::filesystem::exists(spare));
    CHECK(slurp(dir.path() / "backup") == "old");
    // Not a file: a FIFO is not opened for long, a symlink not followed.
    REQUIRE(::mkfifo(spare.c_str(), 0600) == 0);
    CHECK(files.open_spare(spare) == -1);
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(spare)));
    std::filesystem::create_symlink(dir.path() / "backup", spare);
    CHECK(files.open_spare(spare) == -1);
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(spare)));
    CHECK(slurp(dir.path() / "backup") == "old");
}

TEST_CASE("file system: swap exchanges two files, and renames where there is nothing to "
          "exchange with") {
    ScratchDir dir;
    const auto a = dir.path() / "a";
    const auto b = dir.path() / "b";
    auto& files = posix_file_system();
    spit(a, "new");
    spit(b, "old");
    CHECK(files.swap(a, b));
    CHECK(slurp(b) == "new");
    CHECK(slurp(a) == "old");
    std::filesystem::remove(b);
    CHECK_FALSE(files.swap(a, b));
    CHECK(slurp(b) == "old");
    CHECK_FALSE(std::filesystem::exists(a));
    CHECK_THROWS_AS(files.swap(a, b), Error);
}

} // namespace store_file_system_test
