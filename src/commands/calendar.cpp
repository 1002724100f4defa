#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/invariants.hpp"

namespace showup::commands {

namespace calendar_command {

struct Options {
    int months = 3;
    std::string from; // --from DATE: from its month; empty: this month
    int year = 0;     // --year YEAR; 0: months
};

// Of several sessions on one day, the one whose mark says most.
int weight(Status s) {
    switch (s) {
    case Status::skipped:
        return 8;
    case Status::late_cancel:
        return 7;
    case Status::cancelled:
        return 6;
    case Status::away:
        return 5;
    case Status::excused:
        return 4;
    case Status::unlogged:
        return 3;
    case Status::attended:
        return 2;
    case Status::scheduled:
        return 1;
    case Status::rescheduled:
        return 0;
    }
    return 0;
}

// The day's mark: of several sessions on one day, the one whose status says most.
std::map<LocalDays, Status> day_marks(const std::vector<Occurrence>& sessions) {
    std::map<LocalDays, Status> marks;
    for (const auto& o : sessions) {
        const auto [it, added] = marks.emplace(day_of(o.start), o.status);
        if (!added && weight(o.status) > weight(it->second)) {
            it->second = o.status;
        }
    }
    return marks;
}

// "Mo Tu We Th Fr Sa Su" from `first`, each name at the right of a cell of `width` columns
// but the last one.
std::string weekday_header(date::weekday first, std::size_t width) {
    static constexpr std::string_view k_names[] = {"Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"};
    std::string line;
    for (unsigned i = 0; i < 7; ++i) {
        line += fmt::format("{:>{}} ", k_names[(first + date::days{i}).c_encoding()], width - 1);
    }
    return line;
}

// The weeks of `ym`, a line each, starting on `week_start`: a cell of `width` columns per
// day (made by `cell`), blanks before the first day and after the last.
std::vector<std::string> week_lines(date::year_month ym, date::weekday week_start,
                                    std::size_t width,
                                    const std::function<std::string(LocalDays)>& cell) {
    std::vector<std::string> lines;
    const auto start = LocalDays{ym / 1};
    const auto end = LocalDays{ym / date::last};
    auto used = static_cast<std::size_t>((date::weekday{start} - week_start).count());
    std::string line(used * width, ' ');
    for (auto d = start; d <= end; d += date::days{1}) {
        line += cell(d);
        if (++used == 7 || d == end) {
            lines.push_back(line + std::string((7 - used) * width, ' '));
            line.clear();
            used = 0;
        }
    }
    return lines;
}

std::string without_trailing_spaces(std::string line) {
    while (!line.empty() && line.back() == ' ') {
        line.pop_back();
    }
    return line;
}

std::string centred(std::string_view text, std::size_t width) {
    return std::string((width - std::min(width, text.size())) / 2, ' ') + std::string(text);
}

// The marks' legend, and `more` after them: five to a line (two lines on 80 columns), fewer
// when `width` is less.
std::string legend(const cli::Painter& paint, std::size_t width, std::string_view more = {}) {
    std::vector<std::pair<std::string, std::size_t>> items; // the text, and its width
    for (auto s : k_statuses_in_report_order) {
        const auto name = status_name(s);
        items.emplace_back(fmt::format("{} {}", paint.status(s, cli::status_mark(s)), name),
                           2 + name.size());
    }
    if (!more.empty()) {
        items.emplace_back(std::string(more), more.size());
    }
    std::string text;
    std::size_t line = 0; // the width of the line so far
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& [item, item_width] = items[i];
        if (line > 0 && (i == 5 || line + 2 + item_width > width)) {
            text += "\n";
            line = 0;
        }
        text += (line == 0 ? "" : "  ") + item;
        line += (line == 0 ? 0 : 2) + item_width;
    }
    return text + "\n";
}

void print_json(LocalDays first, LocalDays last, const std::vector<Occurrence>& sessions,
                cli::Context& ctx) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const auto& o : sessions) {
        days.push_back({{"date", format_date(day_of(o.start))},
                        {"id", o.id()},
                        {"status", status_name(o.status)}});
    }
    ctx.out << cli::json_text(
        {{"from", format_date(first)}, {"to", format_date(last)}, {"sessions", days}});
}

// A day's number, in reverse video when it is today and there is colour.
std::string day_number(LocalDays d, LocalDays today, const cli::Painter& paint) {
    const auto number = fmt::format("{:2}", static_cast<unsigned>(date::year_month_day{d}.day()));
    return d == today && paint.enabled() ? fmt::format("\x1b[7m{}\x1b[0m", number) : number;
}

// Months side by side, as many as fit the terminal (three on 80 columns), and what the year
// added up to.
void print_year(date::year year, const std::vector<Occurrence>& sessions, LocalDays today,
                cli::Context& ctx) {
    constexpr std::size_t k_cell = 3; // "27+"
    constexpr std::size_t k_month = 7 * k_cell;
    constexpr std::size_t k_gap = 4;
    const auto width = ctx.width() == 0 ? std::size_t{80} : ctx.width();
    const auto across = std::clamp<std::size_t>((width + k_gap) / (k_month + k_gap), 1, 3);
    const auto week_start = ctx.habits().week_start;
    const cli::Painter paint(ctx.colour());
    const auto marks = day_marks(sessions);
    const auto cell = [&](LocalDays d) {
        const auto mark = marks.find(d);
        return day_number(d, today, paint) +
               (mark != marks.end() ? paint.status(mark->second, cli::status_mark(mark->second))
                                    : " ");
    };
    const std::string gap(k_gap, ' ');
    ctx.out << centred(fmt::format("{}", static_cast<int>(year)),
                       across * k_month + (across - 1) * k_gap)
            << "\n";
    for (unsigned first = 1; first <= 12; first += static_cast<unsigned>(across)) {
        const auto count = std::min<unsigned>(static_cast<unsigned>(across), 13 - first);
        std::vector<std::vector<std::string>> grids;
        std::string titles;
        std::string header;
        for (unsigned m = first; m < first + count; ++m) {
            const auto name = std::string(cli::month_name(date::month{m}));
            const auto title = centred(name, k_month);
            titles += (m == first ? "" : gap) + title + std::string(k_month - title.size(), ' ');
            header += (m == first ? "" : gap) + weekday_header(week_start, k_cell);
            grids.push_back(week_lines(year / date::month{m}, week_start, k_cell, cell));
        }
        ctx.out << "\n" << without_trailing_spaces(titles) << "\n";
        ctx.out << without_trailing_spaces(header) << "\n";
        std::size_t rows = 0;
        for (const auto& g : grids) {
            rows = std::max(rows, g.size());
        }
        for (std::size_t r = 0; r < rows; ++r) {
            std::string line;
            for (std::size_t g = 0; g < grids.size(); ++g) {
                line += (g == 0 ? "" : gap) +
                        (r < grids[g].size() ? grids[g][r] : std::string(k_month, ' '));
            }
            ctx.out << without_trailing_spaces(line) << "\n";
        }
    }
    ctx.out << "\n" << legend(paint, width);
    // What the year added up to, in the order of the legend.
    std::map<Status, long> counts;
    for (const auto& o : sessions) {
        ++counts[o.status];
    }
    std::string total;
    for (auto s : k_statuses_in_report_order) {
        if (const auto it = counts.find(s); it != counts.end()) {
            total += fmt::format("{}{} {}", total.empty() ? "" : ", ", it->second, status_name(s));
        }
    }
    ctx.out << fmt::format("{}: {}\n", static_cast<int>(year),
                           total.empty() ? "no sessions" : total);
}

// Month grids, one under the other, from `first_month`.
void print_months(date::year_month first_month, int months, const std::vector<Occurrence>& sessions,
                  LocalDays today, cli::Context& ctx) {
    constexpr std::size_t k_cell = 4; // ">27+"
    const auto week_start = ctx.habits().week_start;
    const cli::Painter paint(ctx.colour());
    const auto marks = day_marks(sessions);
    const auto cell = [&](LocalDays d) {
        const auto mark = marks.find(d);
        return (d == today ? ">" : " ") + day_number(d, today, paint) +
               (mark != marks.end() ? paint.status(mark->second, cli::status_mark(mark->second))
                                    : " ");
    };
    for (int m = 0; m < months; ++m) {
        const auto ym = first_month + date::months{m};
        ctx.out << centred(fmt::format("{} {}", cli::month_name(ym.month()),
                                       static_cast<int>(ym.year())),
                           7 * k_cell)
                << "\n"
                << without_trailing_spaces(weekday_header(week_start, k_cell)) << "\n";
        for (const auto& line : week_lines(ym, week_start, k_cell, cell)) {
            ctx.out << without_trailing_spaces(line) << "\n";
        }
        ctx.out << "\n";
    }
    const auto width = ctx.width() == 0 ? std::size_t{80} : ctx.width();
    ctx.out << legend(paint, width, ">DD today");
}

// The days shown: the year of --year, else --months months from that of --from (or today).
std::pair<LocalDays, LocalDays> shown_days(const Options& opts, LocalDays today) {
    if (opts.year != 0) {
        const date::year year{opts.year};
        return {LocalDays{year / date::January / 1}, LocalDays{year / date::December / 31}};
    }
    const date::year_month_day start{opts.from.empty() ? today : cli::parse_date(opts.from, today)};
    const auto first_month = start.year() / start.month();
    return {LocalDays{first_month / 1},
            LocalDays{(first_month + date::months{opts.months - 1}) / date::last}};
}

void run_calendar(const Options& opts, cli::Context& ctx) {
    const auto window = [&](LocalDays today, const DayOfId&) { return shown_days(opts, today); };
    ctx.read_window(window, [&](cli::Opened& opened) {
        const auto today = opened.today();
        const auto days = shown_days(opts, today);
        const auto first = days.first;
        const auto last = days.second;
        const auto sessions = opened.timeline().between(first, last);
        if (ctx.options.json) {
            print_json(first, last, sessions, ctx);
        } else if (opts.year != 0) {
            print_year(date::year{opts.year}, sessions, today, ctx);
        } else {
            const date::year_month_day start{first};
            print_months(start.year() / start.month(), opts.months, sessions, today, ctx);
        }
    });
}

} // namespace calendar_command

void setup_calendar(CLI::App& app, cli::Context& ctx) {
    using namespace calendar_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "calendar", "Month grids with a mark per session (default: 3 months), or a whole year");
    auto* months = cmd->add_option("--months", opts->months, "How many months (default: 3)")
                       ->check(cli::whole_number(1, 36))
                       ->type_name("N");
    auto* from = cmd->add_option("--from", opts->from,
                                 "From the month of this date (default: "
                                 "this month)")
                     ->type_name("DATE");
    cmd->add_option("--year", opts->year, "A whole year: twelve small months")
        ->check(cli::whole_number(k_first_year, k_last_year))
        ->type_name("YEAR")
        ->excludes(months)
        ->excludes(from);
    cmd->footer("Example: showup calendar --year 2025   (what the year looked like)\n"
                "Example: showup calendar --from 2025-09-01 --months 6");
    cmd->callback([opts, &ctx] { run_calendar(*opts, ctx); });
}

} // namespace showup::commands
