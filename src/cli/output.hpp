#pragma once
// Output for people: readable dates, status colours and marks, tables that fit 80 columns.
// Machine output (--json) is built with nlohmann::ordered_json in the commands.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "habits.hpp"
#include "showup/timeline.hpp"

namespace showup::cli {

// The clock of the times printed for people, for the rest of the run (Context::open sets the
// person's): "16:00", or "4:00 pm" with the 12-hour clock. One setting rather than a parameter
// of every function that prints a time.
void use_clock(Clock clock);
// "16:00" or "4:00 pm", as `use_clock` says.
std::string human_time(Minutes time_of_day);

// "Thu 26 Nov", with the year when it is not `today`'s year ("Tue 2 Jan 2024").
// "February": the month's English name, as the human output is in English.
std::string_view month_name(date::month m);
std::string human_date(LocalDays day, LocalDays today);
// "Thu 26 Nov 10:00" ("Thu 26 Nov 10:00 am" with the 12-hour clock).
std::string human_date_time(LocalMinutes t, LocalDays today);
// "in 3 days", "tomorrow", "today", "2 days ago".
std::string relative_days(int days);
// "3 sessions", "1 session".
std::string plural(long n, std::string_view one, std::string_view many);
// `part` of `whole` as a percentage, whole where that is true to it ("75%"), else with as many
// decimals as it takes not to say 0% or 100% when it is not: 220 of 221 is "99.5%".
std::string percent(long part, long whole);
// `value` (at least 0) rounded to the nearest multiple of 1/`scale`, halves up. By hand rather
// than std::round: that one function would make every run load libm (0.1 ms of start-up).
double rounded(double value, double scale);

// User text shown in a terminal: whatever could drive it escaped (escape_controls, text.hpp).
std::string printable(std::string_view text);

class Painter {
public:
    explicit Painter(bool enabled) : m_enabled(enabled) {}
    bool enabled() const { return m_enabled; }
    std::string status(Status s, std::string_view text) const;
    std::string bold(std::string_view text) const;
    std::string dim(std::string_view text) const;

private:
    bool m_enabled;
};

// A one-character mark per status, distinct without colour: the calendar and the list use it.
std::string_view status_mark(Status s);

// Columns padded to the widest cell. Cells may carry escape codes: give their widths.
// A row of one cell after an empty one (a marker line) does not widen the columns.
// Rendered for a terminal (`max_width` > 0), every line fits and no word is lost: the last
// column wraps under itself, or on indented lines below its row when fewer than
// `k_min_wrap_width` columns are left for it; when the other columns alone do not fit, each
// row is its first cell followed by the others' "header value". Rendered for a pipe
// (`max_width` 0), each row is one line and nothing is cut.
class Table {
public:
    static constexpr std::size_t k_min_wrap_width = 24;
    // The header row (its cells name the columns in the paragraphs of a table too wide).
    void header(std::vector<std::string> cells);
    void row(std::vector<std::string> cells, std::vector<std::size_t> widths = {});
    // On a terminal, the cells of `column` (without escape codes) are cut to `width` columns,
    // ending in "…": for names, where a part is enough to tell which. Piped, nothing is cut.
    void cap(std::size_t column, std::size_t width);
    std::string render(std::size_t max_width = 0) const;

private:
    struct Cell {
        std::string text;
        std::size_t width;
    };
    std::vector<std::vector<Cell>> m_rows;
    bool m_has_header = false;
    std::vector<std::pair<std::size_t, std::size_t>> m_caps; // column, width

    // A row of one cell after an empty one: a line of its own, outside the columns.
    static bool marker(const std::vector<Cell>& row) {
        return row.size() == 2 && row[0].text.empty();
    }
    std::vector<std::vector<Cell>> capped_rows(std::size_t max_width) const;
};

// `text` cut to `width` columns, ending in "…" when cut.
std::string truncate(const std::string& text, std::size_t width);

// `text` broken at spaces into lines of at most `width` columns (a longer word is split
// between characters: no character is lost). A newline in `text` ends a line.
std::vector<std::string> wrap_lines(std::string_view text, std::size_t width);
// A line of text for a terminal `width` columns wide (0: as it is, for a pipe): wrapped, the
// lines after the first indented by `indent` columns. Without a final newline.
std::string wrap(std::string_view text, std::size_t width, std::size_t indent = 2);
// `text` as a column that starts at `column` and ends at `width`: wrapped to the difference, the
// lines after the first starting with `column` spaces. Without a final newline.
std::string wrap_column(std::string_view text, std::size_t column, std::size_t width);

// Display width of UTF-8 text without escape sequences (one column per code point).
std::size_t display_width(std::string_view text);
// `text` in lower case, for comparing without case: every script that has case (Ü and ü,
// Σ and σ), not only ASCII.
std::string fold_case(std::string_view text);

// JSON helpers shared by the commands.
nlohmann::ordered_json session_json(const Occurrence& o, const Zone& zone);
nlohmann::ordered_json date_or_null(const std::optional<LocalDays>& d);
std::string json_text(const nlohmann::ordered_json& j); // pretty, with a final newline

} // namespace showup::cli
