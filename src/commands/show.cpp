#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"
#include "showup/reports.hpp"

namespace showup::commands {

namespace show_command {

std::string quoted(const std::string& text) {
    return fmt::format("\"{}\"", cli::printable(text));
}

// The contacts with its provider since the session of theirs before it (a moved slot does
// not count), up to its start: the calls and messages that led to it.
std::vector<const Contact*> contacts_before(const Data& data, const Timeline& timeline,
                                            const Occurrence& o) {
    // Their latest session before it within 400 days, looked for in the last 60 first.
    std::optional<LocalMinutes> since;
    for (const auto reach : {k_around_reach, date::days{400}}) {
        for (const auto& before : timeline.between(day_of(o.start - reach), day_of(o.start))) {
            if (before.start < o.start && *before.provider == *o.provider &&
                before.status != Status::rescheduled) {
                since = before.start;
            }
        }
        if (since) {
            break;
        }
    }
    return contacts_in(data, since.value_or(o.start - date::days{400}), o.start, *o.provider);
}

// The days a session named by its date or an occurrence's id needs, with the reach of
// contacts_before; nullopt (the whole file) for 'last', 'next' and one-offs.
void show_in(const std::string& session, cli::Context& ctx, cli::Opened& opened) {
    const auto& data = opened.data();
    const auto timeline = opened.timeline();
    const auto today = opened.today();
    const auto o = cli::resolve_session(timeline, session);
    const auto contacts = contacts_before(data, timeline, o);
    const auto agenda = agenda_filed_under(data, o.id());
    if (ctx.options.json) {
        auto json = session_detail_json(o, opened.zone);
        json["contacts"] = nlohmann::ordered_json::array();
        for (const auto* c : contacts) {
            json["contacts"].push_back(contact_json(*c, opened.zone));
        }
        json["agenda"] = nlohmann::ordered_json::array();
        for (const auto* item : agenda) {
            json["agenda"].push_back(agenda_json(*item));
        }
        ctx.out << cli::json_text(json);
        return;
    }
    const cli::Painter paint(ctx.colour());
    const auto* r = o.record;
    cli::Table table;
    table.row({"session", o.id()});
    table.row({"when", fmt::format("{} – {} ({} min)", cli::human_date_time(o.start, today),
                                   cli::human_time(o.end(opened.zone) - day_of(o.end(opened.zone))),
                                   o.duration)});
    const auto* provider = data.find_provider(*o.provider);
    table.row({"with", cli::printable(provider != nullptr ? provider->name : *o.provider)});
    std::string status(status_name(o.status));
    if (r != nullptr && r->no_show) {
        status += ", without notice";
    }
    table.row({"status", paint.status(o.status, status)}, {6, cli::display_width(status)});
    if (r != nullptr && r->late_minutes > 0) {
        table.row({"late", fmt::format("{} min", r->late_minutes)});
    }
    if (r != nullptr && r->outcome == Outcome::cancelled) {
        std::string who = r->cancelled_by == "me" ? "you" : "the provider";
        if (r->told) {
            const auto told = date::floor<Minutes>(opened.zone.to_local(*r->told));
            who += ", told " + cli::human_date_time(LocalMinutes{told.time_since_epoch()}, today);
        }
        if (o.status == Status::late_cancel && provider != nullptr) {
            who += fmt::format(" (inside the {} notice asked for)",
                               cli::format_notice(*provider->notice_minutes));
        }
        table.row({"cancelled by", who});
    }
    if (o.fee_cents > 0) {
        table.row({"fee", cli::format_amount(o.fee_cents)});
    }
    if (r != nullptr && !r->reason.empty()) {
        table.row({"reason", quoted(r->reason)});
    }
    if (r != nullptr && !r->note.empty()) {
        table.row({"note", quoted(r->note)});
    }
    if (r != nullptr && !r->rescheduled_from.empty()) {
        const auto from = timeline.find(r->rescheduled_from);
        table.row({"moved from",
                   fmt::format("{}{}", r->rescheduled_from,
                               from ? " (" + cli::human_date_time(from->start, today) + ")" : "")});
    }
    if (r != nullptr && !r->rescheduled_to.empty()) {
        const auto to = timeline.find(r->rescheduled_to);
        table.row({"moved to",
                   fmt::format("{}{}{}", r->rescheduled_to,
                               to ? " (" + cli::human_date_time(to->start, today) + ")" : "",
                               r->moved_by == "provider" ? ", by the provider" : ", by you")});
    }
    if (o.absence != nullptr) {
        const auto& a = *o.absence;
        table.row(
            {"absence", fmt::format("{}, {} – {}{}{}", a.id, cli::human_date(a.from, today),
                                    cli::human_date(a.to, today),
                                    a.reason.empty() ? "" : " " + quoted(a.reason),
                                    o.status == Status::away ? "" : " (it happens all the same)")});
    }
    if (o.own_absence != nullptr) {
        const auto& a = *o.own_absence;
        table.row(
            {"your time away", fmt::format("{}, {} – {}{}{}", a.id, cli::human_date(a.from, today),
                                           cli::human_date(a.to, today),
                                           a.reason.empty() ? "" : " " + quoted(a.reason),
                                           o.status == Status::excused ? " (excused)" : "")});
    }
    if (o.schedule != nullptr) {
        table.row({"schedule", o.schedule->id});
    }
    if (r != nullptr && r->recorded_at) {
        const auto local = date::floor<Minutes>(opened.zone.to_local(*r->recorded_at));
        table.row(
            {"recorded", cli::human_date_time(LocalMinutes{local.time_since_epoch()}, today)});
    }
    for (const auto* c : contacts) {
        table.row({"before it", contact_line(data, *c, today)});
    }
    for (const auto* item : agenda) {
        table.row({"agenda", fmt::format("{} \"{}\"", item->id, cli::printable(item->text))});
    }
    // In full: the words are what the person wants to read back, so nothing is cut (on a
    // terminal, they wrap).
    ctx.out << table.render(ctx.width());
}

void run_show(const std::string& session, cli::Context& ctx) {
    ctx.read_window(
        [&](LocalDays today, const DayOfId& day_of) {
            return cli::session_window(session, today, day_of);
        },
        [&](cli::Opened& opened) { show_in(session, ctx, opened); });
}

} // namespace show_command

void setup_show(CLI::App& app, cli::Context& ctx) {
    using namespace show_command;
    auto session = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("show", "Everything about one session, its words in full");
    cli::add_session_argument(*cmd, *session, true);
    cmd->footer("Example: showup show last   (or: showup show 2026-11-23 --json)");
    cmd->callback([session, &ctx] { run_show(*session, ctx); });
}

} // namespace showup::commands
