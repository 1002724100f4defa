#include <algorithm>

#include <fmt/format.h>

#include "cli/ics.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace export_command {

struct Options {
    std::string format;
    std::string from;
    std::string to;
};

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

void write_csv(cli::Context& ctx, const cli::Opened& opened,
               const std::vector<Occurrence>& sessions) {
    const auto row = [&](const std::vector<std::string>& fields) {
        std::string line;
        for (const auto& f : fields) {
            line += (line.empty() ? "" : ",") + csv_field(f);
        }
        ctx.out << line << "\r\n";
    };
    row({"id", "date", "start", "end", "provider", "status", "late_minutes", "no_show", "reason",
         "note"});
    for (const auto& o : sessions) {
        const auto json = cli::session_json(o, opened.zone);
        const auto text = [&](const char* key) {
            const auto& v = json[key];
            return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
        };
        row({o.id(), format_date(day_of(o.start)), text("start"), text("end"), text("provider"),
             text("status"), text("late_minutes"), text("no_show"), text("reason"), text("note")});
    }
}

void write_ics(cli::Context& ctx, const cli::Opened& opened,
               const std::vector<Occurrence>& sessions, LocalDays from, LocalDays to) {
    const auto& data = opened.store.data();
    const auto stamp = date::format("%Y%m%dT%H%M%SZ", opened.now);
    std::string out = cli::ics_line("BEGIN:VCALENDAR") + cli::ics_line("VERSION:2.0") +
                      cli::ics_line("PRODID:-//showup//showup " SHOWUP_VERSION "//EN") +
                      cli::ics_line("CALSCALE:GREGORIAN") + cli::ics_line("METHOD:PUBLISH");
    out += cli::ics_timezone(opened.zone, from, to);
    for (const auto& o : sessions) {
        const auto* p = data.find_provider(*o.provider);
        const auto name = p != nullptr ? p->name : *o.provider;
        std::vector<std::string> description;
        description.push_back(fmt::format("Status: {}", status_name(o.status)));
        if (o.record != nullptr && o.record->late_minutes > 0) {
            description.push_back(fmt::format("{} min late", o.record->late_minutes));
        }
        if (const auto& reason = o.reason(); !reason.empty()) {
            const bool own = o.record != nullptr && !o.record->reason.empty();
            description.push_back((own ? "Reason: " : "Away: ") + reason);
        }
        if (o.record != nullptr && !o.record->note.empty()) {
            description.push_back("Note: " + o.record->note);
        }
        std::string joined;
        for (const auto& d : description) {
            joined += (joined.empty() ? "" : "\n") + d;
        }
        const bool off = o.status == Status::cancelled || o.status == Status::late_cancel ||
                         o.status == Status::away || o.status == Status::rescheduled;
        // Inside your own time away, with nothing recorded: it may still happen.
        const bool maybe = o.status == Status::excused;
        out += cli::ics_line("BEGIN:VEVENT");
        // Stable across exports, so calendar apps update an event rather than add another.
        auto uid = o.id();
        std::replace(uid.begin(), uid.end(), '@', '-');
        out += cli::ics_line(fmt::format("UID:{}.{}@showup", uid, *o.provider));
        out += cli::ics_line("DTSTAMP:" + stamp);
        // Instants, so that a session across a change of the clocks ends `duration` after it
        // starts, and one in a skipped hour is where list shows it.
        out += cli::ics_line("DTSTART" +
                             cli::ics_date_time(o.start_instant(opened.zone), opened.zone));
        out += cli::ics_line("DTEND" + cli::ics_date_time(o.end_instant(opened.zone), opened.zone));
        out += cli::ics_line("SUMMARY:" + cli::ics_escape(fmt::format("Session with {}", name)));
        out += cli::ics_line("DESCRIPTION:" + cli::ics_escape(joined));
        out += cli::ics_line(std::string("STATUS:") + (off     ? "CANCELLED"
                                                       : maybe ? "TENTATIVE"
                                                               : "CONFIRMED"));
        out += cli::ics_line(fmt::format("CATEGORIES:{}", status_name(o.status)));
        out += cli::ics_line("END:VEVENT");
    }
    for (const auto& a : data.absences) {
        if (a.to < from || a.from > to) {
            continue;
        }
        const auto* p = data.find_provider(a.provider);
        out += cli::ics_line("BEGIN:VEVENT");
        out += cli::ics_line(fmt::format("UID:absence.{}.{}@showup", a.id, a.provider));
        out += cli::ics_line("DTSTAMP:" + stamp);
        out += cli::ics_line("DTSTART;VALUE=DATE:" +
                             cli::ics_local(LocalMinutes{a.from}).substr(0, 8));
        out += cli::ics_line("DTEND;VALUE=DATE:" +
                             cli::ics_local(LocalMinutes{a.to + date::days{1}}).substr(0, 8));
        out += cli::ics_line("SUMMARY:" + cli::ics_escape(fmt::format(
                                              "{} away", p != nullptr ? p->name : a.provider)));
        if (!a.reason.empty()) {
            out += cli::ics_line("DESCRIPTION:" + cli::ics_escape(a.reason));
        }
        out += cli::ics_line("TRANSP:TRANSPARENT");
        out += cli::ics_line("END:VEVENT");
    }
    ctx.out << out << cli::ics_line("END:VCALENDAR");
}

void run_export(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    if (opts.format == "json") {
        if (!opts.from.empty() || !opts.to.empty()) {
            throw UsageError(
                "--format json exports the whole file; --from and --to are for csv and ics");
        }
        // The file's own schema, without the undo history.
        ctx.out << serialize_document(Document{Data::k_version, opened->store.data(), {}});
        return;
    }
    const auto timeline = opened->timeline();
    const auto today = opened->today();
    const auto first = timeline.first_day().value_or(today);
    const auto from = opts.from.empty() ? first : cli::parse_date(opts.from, today);
    const auto to = opts.to.empty() ? std::max(timeline.horizon(), today + date::days{90})
                                    : cli::parse_date(opts.to, today);
    cli::check_window(from, to);
    const auto sessions = timeline.between(from, to);
    if (opts.format == "csv") {
        write_csv(ctx, *opened, sessions);
    } else {
        write_ics(ctx, *opened, sessions, from, to);
    }
}

} // namespace export_command

void setup_export(CLI::App& app, cli::Context& ctx) {
    using namespace export_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("export", "Write the data as JSON, CSV or iCalendar to stdout");
    cli::add_choice(*cmd, "--format", opts->format, {"json", "csv", "ics"},
                    "json: the whole file; csv, ics: sessions")
        ->required();
    cmd->add_option("--from", opts->from, "First day for csv and ics (default: the first session)")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day for csv and ics (default: 90 days ahead)")
        ->type_name("DATE");
    cmd->footer("Example: showup export --format ics > therapy.ics");
    cmd->callback([opts, &ctx] { run_export(*opts, ctx); });
}

} // namespace showup::commands
