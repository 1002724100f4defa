#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

namespace calendar_command {

struct Options {
    int months = 3;
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

void run_calendar(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const date::year_month_day t{today};
    const auto first_month = t.year() / t.month();
    const auto first = LocalDays{first_month / 1};
    const auto last = LocalDays{(first_month + date::months{opts.months - 1}) / date::last};
    const auto sessions = timeline.between(first, last);

    if (ctx.options.json) {
        nlohmann::ordered_json days = nlohmann::ordered_json::array();
        for (const auto& o : sessions) {
            days.push_back({{"date", format_date(day_of(o.start))},
                            {"id", o.id()},
                            {"status", status_name(o.status)}});
        }
        ctx.out << cli::json_text(
            {{"from", format_date(first)}, {"to", format_date(last)}, {"sessions", days}});
        return;
    }
    const cli::Painter paint(ctx.colour());
    std::size_t next = 0;
    for (int m = 0; m < opts.months; ++m) {
        const auto ym = first_month + date::months{m};
        const auto title =
            fmt::format("{} {}", cli::month_name(ym.month()), static_cast<int>(ym.year()));
        ctx.out << std::string((28 - title.size()) / 2, ' ') << title
                << "\n Mo  Tu  We  Th  Fr  Sa  Su\n";
        const auto start = LocalDays{ym / 1};
        const auto end = LocalDays{ym / date::last};
        std::string line(
            static_cast<std::size_t>((date::weekday{start} - date::Monday).count()) * 4, ' ');
        for (auto d = start; d <= end; d += date::days{1}) {
            std::optional<Status> mark;
            for (; next < sessions.size() && day_of(sessions[next].start) == d; ++next) {
                if (!mark || weight(sessions[next].status) > weight(*mark)) {
                    mark = sessions[next].status;
                }
            }
            const auto number =
                fmt::format("{:2}", static_cast<unsigned>(date::year_month_day{d}.day()));
            line += d == today ? ">" : " ";
            line +=
                d == today && paint.enabled() ? fmt::format("\x1b[7m{}\x1b[0m", number) : number;
            line += mark ? paint.status(*mark, cli::status_mark(*mark)) : " ";
            if (date::weekday{d} == date::Sunday || d == end) {
                while (!line.empty() && line.back() == ' ') {
                    line.pop_back();
                }
                ctx.out << line << "\n";
                line.clear();
            }
        }
        ctx.out << "\n";
    }
    // The legend, on two lines so that it fits 80 columns.
    std::string legend;
    int n = 0;
    for (auto s : k_statuses_in_report_order) {
        legend += fmt::format("{}{} {}", n == 0 || n == 5 ? "" : "  ",
                              paint.status(s, cli::status_mark(s)), status_name(s));
        if (++n == 5) {
            legend += "\n";
        }
    }
    ctx.out << legend << "  >DD today\n";
}

} // namespace calendar_command

void setup_calendar(CLI::App& app, cli::Context& ctx) {
    using namespace calendar_command;
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("calendar", "Month grids with a mark per session (default: 3 months)");
    cmd->add_option("--months", opts->months, "How many months, from this one")
        ->check(cli::whole_number(1, 36))
        ->type_name("N");
    cmd->footer("Example: showup calendar --months 6");
    cmd->callback([opts, &ctx] { run_calendar(*opts, ctx); });
}

} // namespace showup::commands
