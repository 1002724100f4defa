#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "cli/ics.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/vdir.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"
#include "showup/file_system.hpp"

namespace showup::commands {

namespace export_command {

struct Options {
    std::string format;
    std::string from;
    std::string to;
    std::string dir; // --format vdir
};

// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. A spreadsheet
// runs a cell that starts with = + - or @ (or a tab or carriage return, which some of them skip
// before looking) as a formula, so such a field starts with an apostrophe, which makes it text.
std::string csv_field(const std::string& raw) {
    const auto text =
        !raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos
            ? "'" + raw
            : raw;
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
    // New columns go at the end, so that a script reading columns by position keeps working.
    row({"id", "date", "start", "end", "provider", "status", "late_minutes", "no_show", "reason",
         "note", "schedule", "rescheduled_from", "rescheduled_to", "cancelled_by", "fee"});
    for (const auto& o : sessions) {
        const auto json = cli::session_json(o, opened.zone);
        const auto text = [&](const char* key) {
            const auto& v = json[key];
            return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
        };
        row({o.id(), format_date(day_of(o.start)), text("start"), text("end"), text("provider"),
             text("status"), text("late_minutes"), text("no_show"), text("reason"), text("note"),
             text("schedule"), text("rescheduled_from"), text("rescheduled_to"),
             text("cancelled_by"), text("fee")});
    }
}

// Stable across exports, so that calendar apps update an event rather than add another.
std::string session_uid(const Occurrence& o) {
    auto id = o.id();
    std::replace(id.begin(), id.end(), '@', '-');
    return fmt::format("{}.{}@showup", id, *o.provider);
}

std::string absence_uid(const Absence& a) {
    return fmt::format("absence.{}.{}@showup", a.id, a.provider);
}

// The head of a calendar, up to its first component. No METHOD: this is a calendar to keep,
// not an iTIP message (PUBLISH would require an ORGANIZER in every event, and makes DTSTAMP
// the time of sending).
std::string calendar_head() {
    return cli::ics_line("BEGIN:VCALENDAR") + cli::ics_line("VERSION:2.0") +
           cli::ics_line("PRODID:-//showup//showup " SHOWUP_VERSION "//EN") +
           cli::ics_line("CALSCALE:GREGORIAN");
}

// The VEVENT of one session; `stamp` is its DTSTAMP.
std::string session_event(const cli::Opened& opened, const Occurrence& o,
                          const std::string& stamp) {
    const auto& data = opened.store.data();
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
        description.push_back("Note: " + o.record->note.str());
    }
    std::string joined;
    for (const auto& d : description) {
        joined += (joined.empty() ? "" : "\n") + d;
    }
    const bool off = o.status == Status::cancelled || o.status == Status::late_cancel ||
                     o.status == Status::away || o.status == Status::rescheduled;
    // Inside your own time away, with nothing recorded: it may still happen.
    const bool maybe = o.status == Status::excused;
    std::string out = cli::ics_line("BEGIN:VEVENT");
    out += cli::ics_line("UID:" + session_uid(o));
    out += cli::ics_line("DTSTAMP:" + stamp);
    // Instants, so that a session across a change of the clocks ends `duration` after it
    // starts, and one in a skipped hour is where list shows it.
    out += cli::ics_line("DTSTART" + cli::ics_date_time(o.start_instant(opened.zone), opened.zone));
    out += cli::ics_line("DTEND" + cli::ics_date_time(o.end_instant(opened.zone), opened.zone));
    out += cli::ics_line("SUMMARY:" + cli::ics_escape(fmt::format("Session with {}", name)));
    out += cli::ics_line("DESCRIPTION:" + cli::ics_escape(joined));
    out += cli::ics_line(std::string("STATUS:") + (off     ? "CANCELLED"
                                                   : maybe ? "TENTATIVE"
                                                           : "CONFIRMED"));
    out += cli::ics_line(fmt::format("CATEGORIES:{}", status_name(o.status)));
    return out + cli::ics_line("END:VEVENT");
}

// The VEVENT of one absence, all day from its first day to its last.
std::string absence_event(const Data& data, const Absence& a, const std::string& stamp) {
    const auto* p = data.find_provider(a.provider);
    const auto summary = a.mine ? std::string("Your time away")
                                : fmt::format("{} away", p != nullptr ? p->name : a.provider);
    std::string out = cli::ics_line("BEGIN:VEVENT");
    out += cli::ics_line("UID:" + absence_uid(a));
    out += cli::ics_line("DTSTAMP:" + stamp);
    out += cli::ics_line("DTSTART;VALUE=DATE:" + cli::ics_local(LocalMinutes{a.from}).substr(0, 8));
    out += cli::ics_line("DTEND;VALUE=DATE:" +
                         cli::ics_local(LocalMinutes{a.to + date::days{1}}).substr(0, 8));
    out += cli::ics_line("SUMMARY:" + cli::ics_escape(summary));
    if (!a.reason.empty()) {
        out += cli::ics_line("DESCRIPTION:" + cli::ics_escape(a.reason));
    }
    out += cli::ics_line("TRANSP:TRANSPARENT");
    return out + cli::ics_line("END:VEVENT");
}

bool overlaps(const Absence& a, LocalDays from, LocalDays to) {
    return a.to >= from && a.from <= to;
}

void write_ics(cli::Context& ctx, const cli::Opened& opened,
               const std::vector<Occurrence>& sessions, LocalDays from, LocalDays to) {
    const auto& data = opened.store.data();
    const auto stamp = date::format("%Y%m%dT%H%M%SZ", opened.now);
    std::string out = calendar_head() + cli::ics_line("X-WR-CALNAME:showup");
    out += cli::ics_timezone(opened.zone, from, to);
    for (const auto& o : sessions) {
        out += session_event(opened, o, stamp);
    }
    for (const auto& a : data.absences) {
        if (overlaps(a, from, to)) {
            out += absence_event(data, a, stamp);
        }
    }
    ctx.out << out << cli::ics_line("END:VCALENDAR");
}

// One calendar file per session and per absence in `dir`, the storage of khal and vdirsyncer.
void write_vdir(cli::Context& ctx, const cli::Opened& opened,
                const std::vector<Occurrence>& sessions, LocalDays from, LocalDays to,
                const std::string& dir) {
    const auto& data = opened.store.data();
    const auto stamp = date::format("%Y%m%dT%H%M%SZ", opened.now);
    const auto end = cli::ics_line("END:VCALENDAR");
    std::vector<cli::VdirItem> items;
    for (const auto& o : sessions) {
        // Each file a whole calendar, with the changes of offset around its own session only:
        // the file of a session stays the same while the window moves.
        const auto tz = cli::ics_timezone(opened.zone, day_of(o.start), day_of(o.end(opened.zone)));
        items.push_back(
            {session_uid(o), calendar_head() + tz + session_event(opened, o, stamp) + end});
    }
    for (const auto& a : data.absences) {
        if (overlaps(a, from, to)) {
            items.push_back(
                {absence_uid(a), calendar_head() + absence_event(data, a, stamp) + end});
        }
    }
    const auto changes = cli::write_vdir(posix_file_system(), dir, items, "@showup");
    if (!changes.warning.empty()) {
        ctx.err << "showup: warning: " << cli::printable(changes.warning) << "\n";
    }
    if (ctx.options.json) {
        nlohmann::ordered_json j;
        j["directory"] = dir;
        j["events"] = items.size();
        j["written"] = changes.written.size();
        j["unchanged"] = changes.unchanged.size();
        j["removed"] = changes.removed.size();
        j["files"] = {{"written", changes.written}, {"removed", changes.removed}};
        ctx.out << cli::json_text(j);
        return;
    }
    ctx.say(fmt::format("{}: {} written, {} unchanged, {} removed", cli::printable(dir),
                        changes.written.size(), changes.unchanged.size(), changes.removed.size()));
}

void run_export(const Options& opts, cli::Context& ctx) {
    if (opts.format == "vdir" && opts.dir.empty()) {
        throw UsageError("--format vdir writes to a directory: showup export --format vdir DIR");
    }
    if (opts.format != "vdir" && !opts.dir.empty()) {
        throw UsageError(fmt::format("--format {} writes to standard output; DIR is for --format "
                                     "vdir (showup export --format {} > FILE)",
                                     opts.format, opts.format));
    }
    auto opened = ctx.open(Store::Mode::read);
    if (opts.format == "json") {
        if (!opts.from.empty() || !opts.to.empty()) {
            throw UsageError(
                "--format json exports the whole file; --from and --to are for csv, ics and vdir");
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
    } else if (opts.format == "vdir") {
        write_vdir(ctx, *opened, sessions, from, to, opts.dir);
    } else {
        write_ics(ctx, *opened, sessions, from, to);
    }
}

} // namespace export_command

void setup_export(CLI::App& app, cli::Context& ctx) {
    using namespace export_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "export", "Write the data as JSON, CSV or iCalendar to stdout, or a calendar folder");
    cli::add_choice(*cmd, "--format", opts->format, {"json", "csv", "ics", "vdir"},
                    "json: the whole file; csv, ics: sessions; vdir: an .ics file per session "
                    "and absence in DIR, for khal and vdirsyncer")
        ->required();
    cmd->add_option("DIR", opts->dir,
                    "--format vdir: the folder (created when missing; only showup's own files "
                    "in it are changed)")
        ->type_name(cli::k_path_value);
    cmd->add_option("--from", opts->from,
                    "First day for csv, ics and vdir (default: the first session)")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day for csv, ics and vdir (default: 90 days ahead)")
        ->type_name("DATE");
    cmd->footer("Example: showup export --format ics > therapy.ics\n"
                "Example: showup export --format vdir ~/.calendars/showup   (then: vdirsyncer "
                "sync)");
    cmd->callback([opts, &ctx] { run_export(*opts, ctx); });
}

} // namespace showup::commands
