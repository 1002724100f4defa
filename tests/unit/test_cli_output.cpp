#include <doctest/doctest.h>

#include "cli/output.hpp"

using namespace showup;

namespace cli_output_test {

TEST_CASE("output: widths are screen columns, not bytes or code points") {
    CHECK(cli::display_width("Dr. Okafor") == 10);
    CHECK(cli::display_width("山田先生") == 8);           // wide
    CHECK(cli::display_width("Ölçer") == 5);              // two bytes each, one column
    CHECK(cli::display_width("e\xCC\x81") == 1);          // e and a combining acute
    CHECK(cli::display_width("\x1b[1mbold\x1b[0m") == 4); // escape sequences take none
    CHECK(cli::display_width("\xff") == 1);               // not UTF-8: one column, as shown
    CHECK(cli::truncate("山田先生のクリニック", 7) == "山田先…");
    CHECK(cli::display_width(cli::truncate("山田先生のクリニック", 7)) <= 7);
    CHECK(cli::truncate("short", 10) == "short");
}

TEST_CASE("output: case folds in every script that has case") {
    CHECK(cli::fold_case("Über die PRÜFUNG") == "über die prüfung");
    CHECK(cli::fold_case("ΣΟΦΙΑ") == "σοφια");
    CHECK(cli::fold_case("山田") == "山田");
    CHECK(cli::fold_case("bad \xff byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("output: text wraps at spaces in screen columns, and keeps every character") {
    using V = std::vector<std::string>;
    CHECK(cli::wrap_lines("the winter break in the mountains", 12) ==
          V{"the winter", "break in the", "mountains"});
    CHECK(cli::wrap_lines("山田先生 山田先生", 10) == V{"山田先生", "山田先生"});
    // A word longer than the line is split between characters, never cut.
    CHECK(cli::wrap_lines("家族のことと冬休み", 8) == V{"家族のこ", "とと冬休", "み"});
    CHECK(cli::wrap_lines("one\ntwo three", 20) == V{"one", "two three"});
    CHECK(cli::wrap("a1  away (long reason)", 12, 4) == "a1  away\n    (long\n    reason)");
    CHECK(cli::wrap("short", 80) == "short");
    CHECK(cli::wrap(std::string(200, 'x'), 0) == std::string(200, 'x')); // piped: as it is
    CHECK(cli::wrap_column("a b c d", 4, 8) == "a b\n    c d");
}

TEST_CASE("output: a table on a terminal fits it; piped, nothing is cut") {
    cli::Table table;
    table.header({"ID", "WHO", "DETAILS"});
    table.cap(1, 8);
    table.row({"s1", "Dr. Maximiliane", "the winter break in the mountains of Hokkaido"});
    table.row({"", "── now ──"});
    SUBCASE("piped: one line per row, whole") {
        CHECK(table.render() == "ID  WHO              DETAILS\n"
                                "s1  Dr. Maximiliane  the winter break in the mountains of "
                                "Hokkaido\n"
                                "── now ──\n");
    }
    SUBCASE("the last column wraps under itself") {
        CHECK(table.render(40) == "ID  WHO       DETAILS\n"
                                  "s1  Dr. Max…  the winter break in the\n"
                                  "              mountains of Hokkaido\n"
                                  "── now ──\n");
    }
    SUBCASE("with little room, it goes below its row") {
        CHECK(table.render(30) == "ID  WHO       DETAILS\n"
                                  "s1  Dr. Max…\n"
                                  "    the winter break in the\n"
                                  "    mountains of Hokkaido\n"
                                  "── now ──\n");
    }
    SUBCASE("too narrow for the other columns: a paragraph per row") {
        cli::Table wide;
        wide.header({"MONTH", "ATTENDED", "SKIPPED", "LATE-CANCEL"});
        wide.row({"2026-11", "4", "1", "0"});
        CHECK(wide.render(24) == "2026-11  attended 4,\n    skipped 1,\n    late-cancel 0\n");
    }
}

TEST_CASE("output: a percentage says 0% or 100% only when it is") {
    CHECK(cli::percent(3, 4) == "75%");
    CHECK(cli::percent(2, 3) == "67%");
    CHECK(cli::percent(221, 221) == "100%");
    CHECK(cli::percent(0, 221) == "0%");
    CHECK(cli::percent(220, 221) == "99.5%");
    CHECK(cli::percent(1999, 2000) == "99.95%");
    CHECK(cli::percent(1, 221) == "0.5%");
    CHECK(cli::percent(1, 3000) == "0.03%");
    CHECK(cli::percent(199, 200) == "99.5%");
}

} // namespace cli_output_test
