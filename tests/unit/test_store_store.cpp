#include <doctest/doctest.h>

#include <fstream>
#include <functional>

#include <sys/stat.h>

#include "helpers.hpp"
#include "showup/errors.hpp"
#include "showup/store.hpp"

using namespace showup;
using showup::test::ScratchDir;
using showup::test::slurp;
using showup::test::spit;

namespace store_store_test {

namespace {

const Instant k_now = date::sys_days{date::year{2026} / 11 / 25};

// A file system that fails at one named step, like a full disk or a failing device, and
// keeps the steps it was asked for. Its step "replace" gives the name of the file it flushed
// to another file, as a program syncing the folder could.
class FailingFileSystem final : public FileSystem {
public:
    explicit FailingFileSystem(std::string step) : m_step(std::move(step)) {}
    std::string steps; // one word each, in order (the writes of one text's pieces: one)
    int create_exclusive(const std::filesystem::path& p) override {
        maybe_fail("create");
        return posix_file_system().create_exclusive(p);
    }
    void write_all(int fd, std::string_view bytes, const std::filesystem::path& p) override {
        if (m_step == "write") { // half the bytes reach the disk first
            posix_file_system().write_all(fd, bytes.substr(0, bytes.size() / 2), p);
        }
        maybe_fail("write");
        posix_file_system().write_all(fd, bytes, p);
    }
    void sync(int fd, const std::filesystem::path& p) override {
        maybe_fail("fsync");
        posix_file_system().sync(fd, p);
        if (m_step == "replace") {
            auto other = p;
            other += ".other";
            spit(other, "another program's");
            std::filesystem::rename(other, p);
        }
    }
    void close(int fd, const std::filesystem::path& p) override {
        maybe_fail("close");
        posix_file_system().close(fd, p);
    }
    void rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        maybe_fail("rename");
        posix_file_system().rename(from, to);
    }
    int open_spare(const std::filesystem::path& p) override {
        const int fd = posix_file_system().open_spare(p);
        steps += fd >= 0 ? "spare " : "no-spare ";
        return fd;
    }
    void write_over(int fd, Pieces bytes, const std::filesystem::path& p) override {
        if (m_step == "write") { // half the new bytes reach the spare first
            std::string all;
            for (const auto piece : bytes) {
                all += piece;
            }
            const std::string_view half[] = {std::string_view(all).substr(0, all.size() / 2)};
            posix_file_system().write_over(fd, half, p);
        }
        maybe_fail("write");
        posix_file_system().write_over(fd, bytes, p);
    }
    bool swap(const std::filesystem::path& from, const std::filesystem::path& to) override {
        maybe_fail("rename");
        return posix_file_system().swap(from, to);
    }
    void sync_directory(const std::filesystem::path& dir) override {
        maybe_fail("dirsync");
        posix_file_system().sync_directory(dir);
    }
    void remove(const std::filesystem::path& p) noexcept override { posix_file_system().remove(p); }

private:
    void maybe_fail(const char* step) {
        if (step != std::string_view("write") || !steps.ends_with("write ")) {
            steps += std::string(step) + " ";
        }
        if (m_step == step) {
            throw Error(std::string("injected failure at ") + step + ": No space left on device");
        }
    }
    std::string m_step;
};

std::size_t files_in(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) {
        ++n;
    }
    return n;
}

// `from`, which must be in `text`, becomes `to` (an edit by hand).
void replace_once(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

// Provider p, and one-offs o1 to oN with it at 10:00 on the first N days of January 2026.
void add_one_offs(Data& data, int n) {
    data.providers.push_back({"p", "P", 50});
    for (int d = 1; d <= n; ++d) {
        Session s;
        s.id = "o" + std::to_string(d);
        s.start = test::at("2026-01-01T10:00") + date::days{d - 1};
        s.provider = "p";
        data.sessions.push_back(s);
    }
}

// A data file at `path` (UTC) with provider p and one-offs o1 to oN, saved by showup (sealed).
void create_with_one_offs(const std::filesystem::path& path, int n) {
    Store::create(path, "UTC");
    Store store(path, Store::Mode::write);
    add_one_offs(store.data(), n);
    store.commit("add", k_now);
}

// Makes `change` on the sealed file at `path` read whole, and again from the same text and
// seal read as the window of `days` (after `check_read` of what it read): the window writes the
// same file and seal. Then undoes it read as that window, which gives back the text it started
// from.
void check_window_change(const std::filesystem::path& path, const SessionDays& days,
                         const std::function<void(Data&)>& change,
                         const std::function<void(const Data&)>& check_read = {}) {
    auto lock = path;
    lock += ".lock";
    const auto before = slurp(path);
    const auto seal = slurp(lock);
    {
        Store whole(path, Store::Mode::write);
        change(whole.data());
        REQUIRE(whole.commit("change", k_now));
    }
    const auto changed_whole = slurp(path);
    const auto seal_whole = slurp(lock);
    spit(path, before);
    spit(lock, seal);
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        if (check_read) {
            check_read(window.data());
        }
        change(window.data());
        REQUIRE(window.commit("change", k_now));
        window.save_pending();
    }
    CHECK(slurp(path) == changed_whole);
    CHECK(slurp(lock) == seal_whole);
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.undo() == "change");
        window.save_pending();
    }
    CHECK(slurp(path) == before);
}

Absence absence(std::string id, std::string provider, LocalDays from, LocalDays to) {
    Absence a;
    a.id = std::move(id);
    a.provider = std::move(provider);
    a.from = from;
    a.to = to;
    return a;
}

} // namespace

TEST_CASE("store: create, change, reload") {
    ScratchDir dir;
    const auto path = dir.path() / "sub" / "showup.json";
    Store::create(path, "Europe/Berlin");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(::stat(path.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK_THROWS_WITH_AS(Store::create(path, "UTC"), doctest::Contains("already exists"), Error);
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"okafor", "Dr. Okafor", 50});
        CHECK(store.commit("provider add Dr. Okafor", k_now));
    }
    {
        Store again(path, Store::Mode::write);
        REQUIRE(again.data().providers.size() == 1);
        CHECK(again.data().providers[0].name == "Dr. Okafor");
        CHECK(again.history().size() == 1);
    }
    // A reader does not need, and does not load, the undo history.
    Store reader(path, Store::Mode::read);
    CHECK(reader.data().providers.size() == 1);
    CHECK(reader.history().empty());
}

TEST_CASE("store: a command that changes nothing writes nothing") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    const auto before = slurp(path);
    Store store(path, Store::Mode::write);
    CHECK_FALSE(store.commit("nothing", k_now));
    CHECK(slurp(path) == before);
}

TEST_CASE("store: undo takes back changes, newest first, twenty deep") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    for (int i = 0; i < 25; ++i) {
        Store store(path, Store::Mode::write);
        if (i == 0) {
            store.data().providers.push_back({"p", "P", 50});
        } else {
            store.data().providers[0].duration = 50 + i;
        }
        const auto first = test::day("2026-01-01") + date::days{3 * i};
        store.data().absences.push_back(
            {"a" + std::to_string(i), "p", first, first + date::days{1}, ""});
        store.commit("change " + std::to_string(i), k_now);
    }
    for (int i = 24; i >= 5; --i) {
        Store store(path, Store::Mode::write);
        CHECK(store.undo() == "change " + std::to_string(i));
    }
    Store store(path, Store::Mode::write);
    CHECK(store.data().providers[0].duration == 54);
    CHECK(store.data().absences.size() == 5);
    CHECK_THROWS_WITH_AS(store.undo(), "nothing to undo", Error);
}

TEST_CASE("store: a save writes the sessions it did not change, and the undo history, as they "
          "were") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    {
        Store store(path, Store::Mode::write);
        add_one_offs(store.data(), 3);
        store.commit("add", k_now);
    }
    // By hand: o1's members in another order (kept as it is), o2 laid out over lines (written
    // anew), and an undo entry with a change that names no collection (checked when undone).
    auto text = slurp(path);
    replace_once(text, R"({"id":"o1","start":"2026-01-01T10:00","duration":50,"provider":"p")",
                 R"({"id":"o1","provider":"p","duration":50,"start":"2026-01-01T10:00")");
    replace_once(text, R"({"id":"o2","start":"2026-01-02T10:00",)",
                 "{\"id\":\"o2\",\n \"start\":\"2026-01-02T10:00\",");
    spit(path, text);
    {
        Store store(path, Store::Mode::write);
        store.data().sessions[2].note = "changed";
        store.commit("note", k_now);
    }
    const auto after = slurp(path);
    CHECK(after.find(R"({"id":"o1","provider":"p","duration":50,"start":"2026-01-01T10:00")") !=
          std::string::npos);
    CHECK(after.find(R"({"id":"o2","start":"2026-01-02T10:00","duration":50,"provider":"p")") !=
          std::string::npos);
    CHECK(after.find(R"("note":"changed")") != std::string::npos);
    CHECK(
        after.find(text.substr(text.find(R"({"description":"add")"))
                       .substr(0, text.substr(text.find(R"({"description":"add")")).find('\n'))) !=
        std::string::npos);
    {
        Store store(path, Store::Mode::write);
        CHECK(store.undo() == "note");
    }
    {
        Store store(path, Store::Mode::write);
        CHECK(store.undo() == "add");
        CHECK(store.data().sessions.empty());
        CHECK(store.data().providers.empty());
    }
    // An entry whose changes are damaged is written back as it is, and refused when undone.
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"q", "Q", 50});
        store.commit("provider", k_now);
    }
    auto damaged = slurp(path);
    const auto collection = damaged.find(R"("collection":"providers")");
    REQUIRE(collection != std::string::npos);
    damaged.replace(collection, std::string_view(R"("collection":"providers")").size(),
                    R"("collection":"people"   )");
    spit(path, damaged);
    {
        Store store(path, Store::Mode::write);
        store.data().providers[0].duration = 60;
        store.commit("duration", k_now);
    }
    CHECK(slurp(path).find(R"("collection":"people"   )") != std::string::npos);
    {
        Store store(path, Store::Mode::write);
        CHECK(store.undo() == "duration");
    }
    const auto before_refused = slurp(path);
    Store store(path, Store::Mode::write);
    CHECK_THROWS_WITH_AS(store.undo(), doctest::Contains("\"people\" is not a collection"), Error);
    CHECK(slurp(path) == before_refused);
}

TEST_CASE("store: undo brings back a removed and a replaced record") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"p", "P", 50});
        store.data().absences.push_back(
            {"a1", "p", test::day("2026-01-01"), test::day("2026-01-02"), "x"});
        store.data().next_ids.absence = 2;
        store.commit("set up", k_now);
    }
    const auto set_up = slurp(path);
    {
        Store store(path, Store::Mode::write);
        store.data().absences.clear();
        store.data().providers[0].name = "Q";
        store.data().next_ids.absence = 7;
        store.commit("remove", k_now);
    }
    Store store(path, Store::Mode::write);
    CHECK(store.undo() == "remove");
    REQUIRE(store.data().absences.size() == 1);
    CHECK(store.data().absences[0].reason == "x");
    CHECK(store.data().providers[0].name == "P");
    CHECK(store.data().next_ids.absence == 2);
    CHECK(slurp(path) == set_up);
}

TEST_CASE("store: a save that fails at any step leaves the old file, and no spare") {
    // The first change after init has no spare and makes one; a later one writes over it.
    for (const bool spare_there : {false, true}) {
        for (const char* step : {"create", "write", "fsync", "close", "rename"}) {
            if (spare_there && std::string_view(step) == "create") {
                continue; // a spare that is there is not created
            }
            CAPTURE(spare_there);
            CAPTURE(step);
            ScratchDir dir;
            const auto path = dir.path() / "showup.json";
            Store::create(path, "UTC");
            if (spare_there) {
                Store store(path, Store::Mode::write);
                store.data().providers.push_back({"q", "Q", 50});
                REQUIRE(store.commit("provider add Q", k_now));
            }
            CHECK(std::filesystem::exists(spare_path(path)) == spare_there);
            const auto before = slurp(path);
            const auto count = files_in(dir.path());
            FailingFileSystem failing(step);
            {
                Store store(path, Store::Mode::write, failing);
                store.data().providers.push_back({"p", "P", 50});
                CHECK_THROWS_WITH_AS(store.commit("provider add P", k_now),
                                     doctest::Contains("No space left on device"), Error);
            }
            CHECK(slurp(path) == before);
            // The spare goes too: it may hold pages the disk did not take.
            CHECK_FALSE(std::filesystem::exists(spare_path(path)));
            CHECK(files_in(dir.path()) == count - (spare_there ? 1 : 0));
            {
                Store store(path, Store::Mode::write);
                store.data().providers.push_back({"p", "P", 50});
                REQUIRE(store.commit("provider add P", k_now));
            }
            CHECK(slurp(spare_path(path)) == before);
            Store store(path, Store::Mode::write);
            REQUIRE(store.undo() == "provider add P");
            CHECK(slurp(path) == before);
        }
    }
}

TEST_CASE("store: a failed flush of the directory after the rename is a warning, not a failure; "
          "the next save flushes it before it writes over the spare") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    auto lock = path;
    lock += ".lock";
    Store::create(path, "UTC");
    // Adds provider `id` through a file system that fails at `step`: the steps it took.
    const auto add = [&](const char* id, const char* step) {
        FailingFileSystem files(step);
        Store store(path, Store::Mode::write, files);
        store.data().providers.push_back({id, id, 50});
        CHECK(store.commit("provider add", k_now));
        const bool flush_fails = std::string_view(step) == "dirsync";
        REQUIRE(store.warnings().size() == (flush_fails ? 1U : 0U));
        if (flush_fails) {
            CHECK(store.warnings()[0].find("the change is saved") != std::string::npos);
        }
        return files.steps;
    };
    CHECK(add("p", "dirsync") == "no-spare create write fsync close rename dirsync ");
    CHECK(slurp(path).find("\"id\":\"p\"") != std::string::npos);
    // Unsealed, so that the next save does not take the rename for flushed.
    CHECK(slurp(lock).empty());
    CHECK(add("q", "") == "spare dirsync write fsync close rename dirsync ");
    // Sealed again: a save of a sealed file writes over the spare at once.
    CHECK_FALSE(slurp(lock).empty());
    CHECK(add("r", "") == "spare write fsync close rename dirsync ");
    // A spare that cannot be made safe (the directory cannot be flushed) is not written over:
    // a new one is made.
    spit(lock, "");
    CHECK(add("s", "dirsync") == "spare dirsync create write fsync close rename dirsync ");
}

TEST_CASE("store: a save seals the file in its lock file; a file changed otherwise is checked "
          "in full") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    auto lock = path;
    lock += ".lock";
    Store::create(path, "UTC");
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"p", "P", 50});
        Session s;
        s.id = "o1";
        s.start = test::at("2026-01-05T10:00");
        s.provider = "p";
        store.data().sessions.push_back(s);
        store.commit("add", k_now);
    }
    const auto text = slurp(path);
    const auto seal = slurp(lock);
    CHECK(seal.starts_with("showup "));
    CHECK(seal.find(" sealed " + std::to_string(text.size()) + " bytes") != std::string::npos);
    CHECK(seal.find('\n') == seal.size() - 1);
    // A seal is written over the one before, and the lock file cut to it.
    spit(lock, seal + seal);
    {
        Store store(path, Store::Mode::write);
        store.data().providers[0].name = "Q";
        store.commit("rename", k_now);
    }
    const auto longer = slurp(path);
    CHECK(slurp(lock).find(" sealed " + std::to_string(longer.size()) + " bytes") !=
          std::string::npos);
    CHECK(slurp(lock).find('\n') == slurp(lock).size() - 1);
    {
        Store store(path, Store::Mode::write);
        REQUIRE(store.undo() == "rename");
    }
    CHECK(slurp(path) == text);
    // The same seal, but for its count: the change undone was made from a text whose seal was
    // not there (as after an edit by hand), so none of those left can be undone as a window.
    CHECK(seal.ends_with("; undo 1\n"));
    CHECK(slurp(lock) == seal.substr(0, seal.size() - 2) + "0\n");
    // An edit by hand that breaks a rule: the seal no longer matches, and the rule is checked.
    auto edited = text;
    edited.replace(edited.find(R"("provider":"p")"), 14, R"("provider":"q")");
    spit(path, edited);
    CHECK_THROWS_WITH_AS(Store(path, Store::Mode::read), doctest::Contains("no provider \"q\""),
                         Error);
    CHECK_THROWS_WITH_AS(Store(path, Store::Mode::write), doctest::Contains("no provider \"q\""),
                         Error);
    CHECK(slurp(path) == edited);
    // A seal that is not showup's is no seal either.
    spit(lock, "x");
    CHECK_THROWS_AS(Store(path, Store::Mode::read), Error);
}

TEST_CASE("store: a change to a window of a sealed file reads its days and writes the rest as "
          "it was") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    auto lock = path;
    lock += ".lock";
    Store::create(path, "UTC");
    const auto day = [](int d) { return LocalDays{date::year{2026} / 1 / d}; };
    {
        Store store(path, Store::Mode::write);
        add_one_offs(store.data(), 20);
        // o3 was moved to day 15 (o15): a link out of the window.
        store.data().sessions[2].rescheduled_to = "o15";
        store.data().sessions[14].rescheduled_from = "o3";
        // A topic filed under o1, outside the window: it stays filed there. One filed under o2.
        store.data().agenda.push_back({"a1", "sleep", k_now, "o1", std::nullopt, std::nullopt});
        store.data().agenda.push_back({"a2", "work", k_now, "o2", std::nullopt, std::nullopt});
        store.data().next_ids.agenda = 3;
        store.commit("add", k_now);
    }
    const SessionDays days = [&](const std::string&, const DayOfId&) {
        return std::optional(std::pair{day(2), day(4)});
    };
    const auto change = [&](Store& store) {
        auto* s = store.data().find_session("o4");
        REQUIRE(s != nullptr);
        s->outcome = Outcome::attended;
        store.commit("attend", k_now);
        store.save_pending();
    };
    const auto before = slurp(path);
    const auto seal = slurp(lock);
    {
        Store whole(path, Store::Mode::write);
        CHECK(whole.data().sessions.size() == 20);
        change(whole);
    }
    const auto written_whole = slurp(path);
    spit(path, before);
    spit(lock, seal);
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        // Days 2 to 4, and o15 for its link.
        CHECK(window.data().sessions.size() == 4);
        CHECK(window.data().find_session("o15") != nullptr);
        change(window);
    }
    CHECK(slurp(path) == written_whole);
    // A new one-off on the window's days whose id no session outside has (looked for in their
    // lines), as the whole file writes it.
    const auto one_off = [](const char* id) {
        return [id](Data& d) {
            Session s;
            s.id = id;
            s.start = test::at("2026-01-03T12:00");
            s.provider = "p";
            d.sessions.push_back(s);
        };
    };
    const auto removal = [](std::vector<std::string> ids) {
        return [ids](Data& d) {
            std::erase_if(d.sessions, [&](const Session& s) {
                return std::find(ids.begin(), ids.end(), s.id) != ids.end();
            });
            // Its topics are unfiled, as the commands that remove a session do.
            for (auto& a : d.agenda) {
                if (std::find(ids.begin(), ids.end(), a.session) != ids.end()) {
                    a.session.clear();
                }
            }
        };
    };
    // So is a session of the window's days removed, when no line outside names it; its undo
    // (at its place in the file) is written as the whole file writes it too.
    const std::vector<std::function<void(Data&)>> written = {
        one_off("o99"), one_off("o1x"), one_off("o\"9"), removal({"o4"}), removal({"o2", "o4"})};
    for (std::size_t i = 0; i < written.size(); ++i) {
        CAPTURE(i);
        spit(path, before);
        spit(lock, seal);
        check_window_change(path, days, written[i]);
    }
    // What reaches beyond the window is refused (NotRead), and nothing is written: a removed
    // session a line outside names (o15 was moved from o3), or one read for a link, or one a
    // topic is still filed under; a new one-off with the id of one outside (o1 and o10: "o1" is
    // looked for with its closing quote, not found in o10's line), a changed link, a session
    // moved out.
    const std::vector<std::function<void(Data&)>> beyond = {
        removal({"o3"}), removal({"o15"}),
        [](Data& d) { std::erase_if(d.sessions, [](const Session& s) { return s.id == "o2"; }); },
        one_off("o1"), one_off("o10"), one_off("o20"),
        [](Data& d) { d.find_session("o15")->note = "changed"; },
        [](Data& d) { d.find_session("o2")->start += date::days{10}; },
        // A provider gone (the sessions outside name it).
        [](Data& d) { d.providers.clear(); },
        // A topic filed anew under a session outside the window: checked on the whole file.
        [](Data& d) { d.agenda[0].session = "o9"; }};
    for (const auto& reach : beyond) {
        spit(path, before);
        spit(lock, seal);
        Store window(path, Store::Mode::write, posix_file_system(), days);
        reach(window.data());
        CHECK_THROWS_AS((window.commit("change", k_now), window.save_pending()), NotRead);
        CHECK(slurp(path) == before);
    }
    // A line outside that names a session of the window (a link made by hand, which o4 does not
    // return, so o20 is not read for it), or that has an escape that could spell an id
    // otherwise (\u): o4 does not go.
    const std::vector<std::pair<std::function<void(Data&)>, std::string>> outside = {
        {[](Data& d) { d.find_session("o20")->rescheduled_from = "o4"; },
         R"("rescheduled_from":"o4")"},
        {[](Data& d) { d.find_session("o20")->note = "bell \x07"; }, R"("bell \u0007")"}};
    for (const auto& edit_spelt : outside) {
        const auto& [edit, spelt] = edit_spelt;
        CAPTURE(edit_spelt.second);
        spit(path, before);
        spit(lock, seal);
        {
            Store whole(path, Store::Mode::write);
            edit(whole.data());
            REQUIRE(whole.commit("edit", k_now));
        }
        const auto edited = slurp(path);
        REQUIRE(edited.find(spelt) != std::string::npos);
        {
            Store window(path, Store::Mode::write, posix_file_system(), days);
            CHECK(window.data().sessions.size() == 4); // days 2 to 4, and o15 for its link
            removal({"o4"})(window.data());
            CHECK_THROWS_AS((window.commit("change", k_now), window.save_pending()), NotRead);
        }
        CHECK(slurp(path) == edited);
    }
    // Unsealed (its lock file gone), the file is read whole.
    spit(path, before);
    std::filesystem::remove(lock);
    Store unsealed(path, Store::Mode::write, posix_file_system(), days);
    CHECK(unsealed.data().sessions.size() == 20);
}

TEST_CASE("store: a change to other records of a sealed file reads no session and writes them "
          "all as they were") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    auto lock = path;
    lock += ".lock";
    create_with_one_offs(path, 20);
    const auto day = [](int d) { return LocalDays{date::year{2026} / 1 / d}; };
    // The last day before the first: no session is read.
    const SessionDays none = [&](const std::string&, const DayOfId&) {
        return std::optional(std::pair{day(5), day(4)});
    };
    const auto before = slurp(path);
    const auto seal = slurp(lock);
    const std::vector<std::function<void(Data&)>> changes = {
        [](Data& d) { d.providers[0].name = "Q"; },
        [&](Data& d) {
            d.providers.push_back({"q", "Dr. Q", 45});
            d.absences.push_back(absence("a1", "q", day(3), day(9)));
            d.next_ids.absence = 2;
            d.agenda.push_back({"t1", "sleep", k_now, "", std::nullopt, std::nullopt});
            d.next_ids.agenda = 2;
        },
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        CAPTURE(i);
        spit(path, before);
        spit(lock, seal);
        check_window_change(path, none, changes[i],
                            [](const Data& read) { CHECK(read.sessions.empty()); });
    }
    // A session asked about, a provider gone, a topic filed under a session not read: the
    // whole file (NotRead), and nothing written.
    const std::vector<std::function<void(Data&)>> beyond = {
        [](Data& d) { d.require_all_sessions(); },
        [](Data& d) { d.providers.clear(); },
        [](Data& d) {
            d.agenda.push_back({"t1", "sleep", k_now, "o3", std::nullopt, std::nullopt});
            d.next_ids.agenda = 2;
        },
    };
    for (std::size_t i = 0; i < beyond.size(); ++i) {
        CAPTURE(i);
        spit(path, before);
        spit(lock, seal);
        Store window(path, Store::Mode::write, posix_file_system(), none);
        CHECK_THROWS_AS(
            (beyond[i](window.data()), window.commit("change", k_now), window.save_pending()),
            NotRead);
        CHECK(slurp(path) == before);
    }
}

TEST_CASE("store: an undo read as a window takes back a change to the sessions of its days, and "
          "nothing else") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    create_with_one_offs(path, 20);
    const auto day = [](int d) { return LocalDays{date::year{2026} / 1 / d}; };
    const SessionDays days = [&](const std::string&, const DayOfId&) {
        return std::optional(std::pair{day(2), day(4)});
    };
    // The change to undo, made on the whole file.
    const auto change = [&](const std::function<void(Data&)>& edit) {
        Store store(path, Store::Mode::write);
        edit(store.data());
        REQUIRE(store.commit("edit", k_now));
    };
    const auto before = slurp(path);
    change([](Data& d) {
        d.find_session("o4")->outcome = Outcome::attended;
        d.find_session("o3")->note = "was late";
    });
    const auto changed = last_session_changes(path);
    REQUIRE(changed);
    CHECK(*changed == std::vector<SessionChanged>{{"o3", day(3)}, {"o4", day(4)}});
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.data().sessions.size() == 3);
        CHECK(window.undo() == "edit");
        window.save_pending();
    }
    CHECK(slurp(path) == before);
    // A session the change made goes.
    change([](Data& d) {
        Session s;
        s.id = "o21";
        s.start = test::at("2026-01-03T15:00");
        s.provider = "p";
        d.sessions.push_back(s);
        d.next_ids.session = 22;
    });
    CHECK(*last_session_changes(path) == std::vector<SessionChanged>{{"o21"}});
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.undo() == "edit");
        window.save_pending();
    }
    CHECK(slurp(path) == before);
    // A change to other records (all read) is taken back, with a session of the days.
    change([&](Data& d) {
        d.providers[0].name = "Q";
        d.find_session("o2")->note = "renamed her";
        d.absences.push_back(absence("a1", "p", day(20), day(22)));
        d.next_ids.absence = 2;
    });
    CHECK(*last_session_changes(path) == std::vector<SessionChanged>{{"o2", day(2)}});
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.undo() == "edit");
        window.save_pending();
    }
    CHECK(slurp(path) == before);
    change([](Data& d) { d.providers[0].name = "Q"; });
    CHECK(last_session_changes(path)->empty());
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.undo() == "edit");
        window.save_pending();
    }
    CHECK(slurp(path) == before);
    // Sessions of the days the change removed come back at their places in the file (the
    // first and the last of the window's, and one after a session it changed).
    const auto remove = [](std::vector<std::string> ids) {
        return [ids](Data& d) {
            std::erase_if(d.sessions, [&](const Session& s) {
                return std::find(ids.begin(), ids.end(), s.id) != ids.end();
            });
        };
    };
    for (const auto& ids : std::vector<std::vector<std::string>>{{"o2"}, {"o4"}, {"o2", "o4"}}) {
        CAPTURE(ids.size());
        change(remove(ids));
        CHECK(last_session_changes(path)->back() ==
              SessionChanged{ids.back(), day(4) - date::days{ids.back() == "o2" ? 2 : 0}, true});
        {
            Store window(path, Store::Mode::write, posix_file_system(), days);
            CHECK(window.undo() == "edit");
            window.save_pending();
        }
        CHECK(slurp(path) == before);
    }
    change([&](Data& d) {
        d.find_session("o2")->note = "before the one that went";
        remove({"o3"})(d);
    });
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.undo() == "edit");
        // Back at its place among the sessions read (the file orders them by their start).
        std::vector<std::string> ids;
        for (const auto& s : window.data().sessions) {
            ids.push_back(s.id);
        }
        CHECK(ids == std::vector<std::string>{"o2", "o3", "o4"});
        window.save_pending();
    }
    CHECK(slurp(path) == before);
    // Anything else is refused (NotRead) and nothing is written: a change to a session not
    // read, one that moved it off the days or onto them (undone, it would leave them), one
    // that removed a session of other days (it comes back at its place, outside the window).
    const std::vector<std::function<void(Data&)>> beyond = {
        [](Data& d) { d.find_session("o5")->note = "x"; },
        [](Data& d) { d.find_session("o3")->start += date::days{10}; },
        [](Data& d) { d.find_session("o10")->start -= date::days{7}; },
        remove({"o5"}),
        remove({"o1"}),
    };
    for (std::size_t i = 0; i < beyond.size(); ++i) {
        CAPTURE(i);
        change(beyond[i]);
        const auto text = slurp(path);
        {
            Store window(path, Store::Mode::write, posix_file_system(), days);
            CHECK_THROWS_AS(window.undo(), NotRead);
        }
        CHECK(slurp(path) == text);
        Store whole(path, Store::Mode::write);
        CHECK(whole.undo() == "edit");
        CHECK(slurp(path) == before);
    }
    // The change of "add" made the provider and every one-off (some outside the window).
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK_THROWS_AS(window.undo(), NotRead);
    }
    CHECK(last_session_changes(path)->size() == 20);
    // Only a change with no edit by hand after it: one made before an edit is undone on the
    // whole file, which the edit may tie to it. The seal counts the changes since the last
    // edit (an undo takes one off).
    auto lock = path;
    lock += ".lock";
    const auto count = [&] { return slurp(lock).substr(slurp(lock).rfind("; undo ")); };
    CHECK(count() == "; undo 1\n");
    change([](Data& d) { d.find_session("o3")->note = "was late"; });
    CHECK(count() == "; undo 2\n");
    auto edited = slurp(path);
    replace_once(edited, "\"timezone\": \"UTC\"", "\"timezone\":  \"UTC\"");
    spit(path, edited);
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK_FALSE(window.sealed());
    }
    change([](Data& d) { d.providers[0].name = "Q"; });
    CHECK(count() == "; undo 1\n");
    {
        Store whole(path, Store::Mode::write);
        CHECK(whole.undo() == "edit");
    }
    CHECK(count() == "; undo 0\n");
    {
        Store window(path, Store::Mode::write, posix_file_system(), days);
        CHECK(window.sealed());
        CHECK_THROWS_AS(window.undo(), NotRead);
    }
}

TEST_CASE("store: a sealed file is laid out as showup writes it, whatever was edited by hand") {
    // A record whose first "start" is not its own (inside another member, or the first of two)
    // and an undo entry laid out over lines are written anew by the next change, not kept as
    // they are: a sealed file's sessions are found by the id and day their lines start with,
    // and its sessions' end by its line breaks.
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    create_with_one_offs(path, 20);
    const auto day = [](int d) { return LocalDays{date::year{2026} / 1 / d}; };
    auto text = slurp(path);
    replace_once(text, R"({"id":"o10",)", R"({"id":"o10","x":{"start":"2020-01-01T00:00"},)");
    replace_once(text, R"({"id":"o12",)", R"({"id":"o12","start":"2019-01-01T00:00",)");
    replace_once(text, R"({"description":"add")",
                 "{\"x\":[\n  ],\n  \"absences\": [],\"description\":\"add\"");
    spit(path, text);
    {
        Store store(path, Store::Mode::write);
        store.data().providers[0].name = "Q";
        store.commit("rename", k_now);
    }
    const auto written = slurp(path);
    CHECK(written.find(R"("x":{"start")") == std::string::npos);
    CHECK(written.find("2019-01-01") == std::string::npos);
    CHECK(written.find(R"({"x":[)") == std::string::npos);
    // Sealed, each window finds its sessions.
    for (int d = 1; d <= 20; ++d) {
        const SessionDays days = [&](const std::string&, const DayOfId&) {
            return std::optional(std::pair{day(d), day(d)});
        };
        Store window(path, Store::Mode::read, posix_file_system(), days);
        REQUIRE(window.data().sessions.size() == 1);
        CHECK(window.data().sessions[0].id == "o" + std::to_string(d));
    }
}

TEST_CASE("store: a damaged file is refused and left as it is") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    spit(path, "{\"version\": 1, \"timezone\": ");
    CHECK_THROWS_WITH_AS(Store(path, Store::Mode::write),
                         doctest::Contains((path.string() + ": not valid JSON").c_str()), Error);
    CHECK(slurp(path) == "{\"version\": 1, \"timezone\": ");
}

TEST_CASE("store: each save keeps the file before it as the spare, and writes the next one "
          "there") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    CHECK_FALSE(std::filesystem::exists(spare_path(path)));
    std::vector<std::string> states{slurp(path)};
    for (int i = 0; i < 4; ++i) {
        Store store(path, Store::Mode::write);
        const auto id = "p" + std::to_string(i);
        store.data().providers.push_back({id, "P " + id, 50});
        REQUIRE(store.commit("provider add", k_now));
        states.push_back(slurp(path));
        CHECK(slurp(spare_path(path)) == states[states.size() - 2]);
        CHECK((std::filesystem::status(spare_path(path)).permissions() &
               std::filesystem::perms::all) ==
              (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    }
    // The file before, readable by others, is not left so as the spare.
    std::filesystem::permissions(
        path, std::filesystem::perms::group_read | std::filesystem::perms::others_read,
        std::filesystem::perm_options::add);
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"w", "W", 50});
        REQUIRE(store.commit("provider add W", k_now));
    }
    CHECK((std::filesystem::status(spare_path(path)).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    {
        Store store(path, Store::Mode::write);
        REQUIRE(store.undo() == "provider add W");
    }
    // A spare that has another name is left as it is (a new one is made), and so is one
    // that is open (a reader of the file it was, a backup tool).
    const auto other = dir.path() / "backup.json";
    std::filesystem::create_hard_link(spare_path(path), other);
    const auto kept = slurp(other);
    {
        Store store(path, Store::Mode::write);
        store.data().providers.push_back({"x", "X", 50});
        REQUIRE(store.commit("provider add X", k_now));
    }
    CHECK(slurp(other) == kept);
    CHECK(slurp(spare_path(path)) == states.back());
    {
        std::ifstream reader(spare_path(path), std::ios::binary);
        REQUIRE(reader);
        {
            Store store(path, Store::Mode::write);
            store.data().providers.push_back({"y", "Y", 50});
            REQUIRE(store.commit("provider add Y", k_now));
        }
        CHECK(std::string(std::istreambuf_iterator<char>(reader), {}) == states.back());
        Store store(path, Store::Mode::write);
        REQUIRE(store.undo() == "provider add Y");
    }
    for (auto it = states.rbegin(); it + 1 != states.rend(); ++it) {
        CHECK(slurp(path) != *it);
        Store store(path, Store::Mode::write);
        REQUIRE_FALSE(store.undo().empty());
        CHECK(slurp(path) == *it);
    }
}

TEST_CASE("store: the spare's name given to another file while it is written: the save fails "
          "and leaves both") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    const auto before = slurp(path);
    FailingFileSystem replacing("replace");
    {
        Store store(path, Store::Mode::write, replacing);
        store.data().providers.push_back({"p", "P", 50});
        CHECK_THROWS_WITH_AS(store.commit("provider add P", k_now),
                             doctest::Contains("was replaced by another program"), Error);
    }
    CHECK(slurp(path) == before);
    CHECK(slurp(spare_path(path)) == "another program's");
}

TEST_CASE("store: the temporary files of showup 0.1.0 are removed by the save that makes a spare") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    Store::create(path, "UTC");
    const auto stale = dir.path() / ".showup.json.tmp-123-deadbeef";
    spit(stale, "half a file");
    Store store(path, Store::Mode::write);
    store.data().providers.push_back({"p", "P", 50});
    REQUIRE(store.commit("provider add P", k_now));
    CHECK_FALSE(std::filesystem::exists(stale));
}

TEST_CASE("store: the data file's location") {
    CHECK(resolve_data_path("/x/y.json") == "/x/y.json");
    ::setenv("SHOWUP_FILE", "/a/b.json", 1);
    CHECK(resolve_data_path("") == "/a/b.json");
    ::unsetenv("SHOWUP_FILE");
    ::setenv("XDG_DATA_HOME", "/xdg", 1);
    CHECK(resolve_data_path("") == "/xdg/showup/showup.json");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/u", 1);
    CHECK(resolve_data_path("") == "/home/u/.local/share/showup/showup.json");
}

TEST_CASE("store: a version 1 file is read as it is, upgraded by its next change, and undo "
          "writes it back byte for byte") {
    ScratchDir dir;
    const auto path = dir.path() / "showup.json";
    const std::string v1 =
        "{\n"
        "  \"version\": 1,\n"
        "  \"timezone\": \"Europe/Berlin\",\n"
        "  \"next_ids\": {\"schedule\":1,\"session\":1,\"absence\":2},\n"
        "  \"providers\": [\n"
        "    {\"id\":\"okafor\",\"name\":\"Dr. Okafor\",\"duration\":50}\n"
        "  ],\n"
        "  \"schedules\": [],\n"
        "  \"sessions\": [],\n"
        "  \"absences\": [\n"
        "    "
        "{\"id\":\"a1\",\"provider\":\"okafor\",\"from\":\"2026-12-01\",\"to\":\"2026-12-14\"}\n"
        "  ],\n"
        "  \"history\": [\n"
        "    {\"description\":\"away add a1\",\"at\":\"2026-11-25T11:00:00Z\","
        "\"next_ids_before\":{\"schedule\":1,\"session\":1,\"absence\":1},\"changes\":"
        "[{\"collection\":\"absences\",\"id\":\"a1\",\"before\":null}]}\n"
        "  ]\n"
        "}\n";
    spit(path, v1);
    {
        Store reader(path, Store::Mode::read);
        CHECK(reader.data().absences.size() == 1);
    }
    CHECK(slurp(path) == v1); // a read changes nothing
    {
        Store store(path, Store::Mode::write);
        store.data().contacts.push_back(
            {"c1", *parse_iso_local("2026-11-26T18:00"), "okafor", "call", 10, "about the exam"});
        store.data().next_ids.contact = 2;
        REQUIRE(store.commit("contact add", k_now));
    }
    const auto v2 = slurp(path);
    CHECK(v2.find("\"version\": 2,") != std::string::npos);
    CHECK(v2.find("\"contacts\": [\n    {\"id\":\"c1\"") != std::string::npos);
    CHECK(v2.find("\"version_before\":1") != std::string::npos);
    {
        Store store(path, Store::Mode::write);
        CHECK(store.data().contacts.size() == 1);
        CHECK(store.undo() == "contact add");
    }
    CHECK(slurp(path) == v1);
    {
        Store store(path, Store::Mode::write); // the older change is still there to undo
        CHECK(store.undo() == "away add a1");
        CHECK(store.data().absences.empty());
    }
}

} // namespace store_store_test
