#include <doctest/doctest.h>

#include <algorithm>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/vdir.hpp"
#include "helpers.hpp"
#include "showup/errors.hpp"

using namespace showup;
using namespace showup::cli;
using showup::test::ScratchDir;
using showup::test::slurp;
using showup::test::spit;

namespace cli_vdir_test {

namespace {

std::string event(const std::string& uid, const std::string& stamp, const std::string& when) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:" + stamp +
           "\r\nDTSTART:" + when + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

std::vector<std::string> names(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("vdir: file names are the UID, made safe for a file system") {
    CHECK(vdir_file_name("s1-2026-03-01.okafor@showup") == "s1-2026-03-01.okafor@showup.ics");
    CHECK(vdir_file_name("a/b c@showup") == "a%2Fb%20c@showup.ics");
    CHECK(vdir_file_name("..@showup") == "%2E.@showup.ics");
    CHECK(vdir_file_name("100%") == "100%25.ics");
    CHECK(vdir_file_name("") == "%00.ics");
    SUBCASE("a long UID: cut in the middle, its end kept, told apart by a hash") {
        const std::string a = std::string(300, 'x') + "@showup";
        const std::string b = std::string(299, 'x') + "y@showup";
        const auto na = vdir_file_name(a);
        const auto nb = vdir_file_name(b);
        CHECK(na.size() <= 210);
        CHECK(na.ends_with("@showup.ics"));
        CHECK(na != nb);
        CHECK(vdir_file_name(std::string(300, '/')).find("%2F~") != std::string::npos);
    }
}

TEST_CASE("vdir: only DTSTAMP may differ for a file to be unchanged") {
    const auto a = event("u@showup", "20260320T110000Z", "20260301T100000");
    CHECK(same_but_stamp(a, event("u@showup", "20270101T000000Z", "20260301T100000")));
    CHECK_FALSE(same_but_stamp(a, event("u@showup", "20260320T110000Z", "20260301T110000")));
    CHECK_FALSE(same_but_stamp(a, a + "X"));
}

TEST_CASE("vdir: the UID of a file, folded or not") {
    CHECK(ics_uid(event("o5.okafor@showup", "x", "y")) == "o5.okafor@showup");
    CHECK(ics_uid("BEGIN:VEVENT\r\nUID:abc\r\n def@showup\r\nEND:VEVENT\r\n") == "abcdef@showup");
    CHECK(ics_uid("BEGIN:VEVENT\nuid;X-A=1:lower@showup\nEND:VEVENT\n") == "lower@showup");
    CHECK(ics_uid("BEGIN:VEVENT\r\nUIDX:no\r\nEND:VEVENT\r\n").empty());
}

TEST_CASE("vdir: writes what changed, removes only its own files of events gone") {
    ScratchDir scratch;
    const auto dir = scratch.path() / "cal" / "sessions";
    auto& files = posix_file_system();
    const std::vector<VdirItem> first = {
        {"a@showup", event("a@showup", "20260320T110000Z", "20260301T100000")},
        {"b@showup", event("b@showup", "20260320T110000Z", "20260308T100000")},
    };
    auto changes = write_vdir(files, dir, first, "@showup");
    CHECK(changes.written == std::vector<std::string>{"a@showup.ics", "b@showup.ics"});
    CHECK(changes.removed.empty());
    struct stat st {};
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(slurp(dir / "a@showup.ics") == first[0].text);

    SUBCASE("the same events a day later: nothing is written") {
        const std::vector<VdirItem> again = {
            {"a@showup", event("a@showup", "20260321T110000Z", "20260301T100000")},
            {"b@showup", event("b@showup", "20260321T110000Z", "20260308T100000")},
        };
        changes = write_vdir(files, dir, again, "@showup");
        CHECK(changes.written.empty());
        CHECK(changes.unchanged.size() == 2);
        CHECK(slurp(dir / "a@showup.ics") == first[0].text); // the old stamp stays
    }
    SUBCASE("one moved, one gone; the person's files and foreign ones stay") {
        spit(dir / "mine.ics", event("phone-1234", "x", "y"));
        spit(dir / "notes.txt", "hello");
        spit(dir / "other@showup.ics", event("someone-elses-uid", "x", "y"));
        spit(dir / ".a@showup.ics.tmp-1-deadbeef", "half");
        std::filesystem::create_symlink(dir / "a@showup.ics", dir / "link@showup.ics");
        const std::vector<VdirItem> next = {
            {"a@showup", event("a@showup", "20260322T110000Z", "20260302T100000")},
        };
        changes = write_vdir(files, dir, next, "@showup");
        CHECK(changes.written == std::vector<std::string>{"a@showup.ics"});
        CHECK(changes.removed == std::vector<std::string>{"b@showup.ics"});
        CHECK(slurp(dir / "a@showup.ics") == next[0].text);
        CHECK(names(dir) == std::vector<std::string>{"a@showup.ics", "link@showup.ics", "mine.ics",
                                                     "notes.txt", "other@showup.ics"});
    }
    SUBCASE("while another writer holds the folder, nothing is written") {
        const UniqueFd other(::open(dir.c_str(), O_RDONLY | O_DIRECTORY));
        REQUIRE(::flock(other.get(), LOCK_EX) == 0);
        const std::vector<VdirItem> next = {
            {"c@showup", event("c@showup", "20260322T110000Z", "20260302T100000")}};
        CHECK_THROWS_WITH(write_vdir(files, dir, next, "@showup"),
                          doctest::Contains("another showup is writing"));
        CHECK_FALSE(std::filesystem::exists(dir / "c@showup.ics"));
    }
    SUBCASE("two events of one file name are refused") {
        const std::vector<VdirItem> twice = {first[0], first[0]};
        CHECK_THROWS_AS(write_vdir(files, dir, twice, "@showup"), Error);
    }
}

TEST_CASE("vdir: a path that is a file is refused, and left as it was") {
    ScratchDir scratch;
    const auto path = scratch.path() / "calendar";
    spit(path, "not a directory");
    CHECK_THROWS_WITH(write_vdir(posix_file_system(), path, {}, "@showup"),
                      doctest::Contains("is not a directory"));
    CHECK(slurp(path) == "not a directory");
}

} // namespace cli_vdir_test
