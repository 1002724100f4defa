#include <doctest/doctest.h>

#include "cli/output.hpp"

using namespace showup;

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
