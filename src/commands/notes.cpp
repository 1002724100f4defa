#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace notes_command {

using json = nlohmann::ordered_json;

struct Options {
    std::string grep;
    std::string from;
    std::string to;
    std::string provider;
};

// One thing the person wrote, where it stands in time.
struct Entry {
    LocalMinutes at{};
    std::string at_json; // ISO 8601 with the offset
    std::string when;    // for people
    std::string kind;    // note, reason, absence, contact, topic
    std::string id;      // of what it was written about
    std::string what;    // for people: "note of attended session s1@2026-11-24 with Dr. Okafor"
    std::string text;
    std::string session;
    std::string provider;
    std::string status;       // the session's or the topic's
    std::string contact_kind; // call, message, email
};

bool contains_ignoring_case(std::string_view text, std::string_view part) {
    return cli::fold_case(text).find(cli::fold_case(part)) != std::string::npos;
}

struct Window {
    std::optional<LocalDays> from;
    std::optional<LocalDays> to;
    bool holds(LocalDays day) const { return (!from || day >= *from) && (!to || day <= *to); }
    bool overlaps(LocalDays first, LocalDays last) const {
        return (!from || last >= *from) && (!to || first <= *to);
    }
};

json text_or_null(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

// The notes and reasons of recorded sessions.
void add_sessions(std::vector<Entry>& out, const cli::Opened& opened, const Timeline& timeline,
                  const Window& window) {
    const auto& data = opened.store.data();
    const auto today = opened.today();
    for (const auto& s : data.sessions) {
        if ((s.note.empty() && s.reason.empty()) || !window.holds(day_of(s.start))) {
            continue;
        }
        const auto o = timeline.from_record(s);
        const auto status = std::string(status_name(o.status));
        const auto about =
            fmt::format("{} session {} {}", status, s.id, with_provider(data, s.provider));
        Entry e;
        e.at = s.start;
        e.at_json = format_iso_offset(s.start, opened.zone);
        e.when = cli::human_date_time(s.start, today);
        e.id = s.id;
        e.session = s.id;
        e.provider = s.provider;
        e.status = status;
        if (!s.note.empty()) {
            e.kind = "note";
            e.what = "note of " + about;
            e.text = s.note;
            out.push_back(e);
        }
        if (!s.reason.empty()) {
            e.kind = "reason";
            e.what = "reason of " + about;
            if (!s.rescheduled_to.empty()) {
                e.what += fmt::format(" (moved to {})", s.rescheduled_to);
            }
            e.text = s.reason;
            out.push_back(e);
        }
    }
}

// The reasons of absences, the provider's and the person's own, at their first day.
void add_absences(std::vector<Entry>& out, const cli::Opened& opened, const Window& window) {
    const auto& data = opened.store.data();
    const auto today = opened.today();
    for (const auto& a : data.absences) {
        if (a.reason.empty() || !window.overlaps(a.from, a.to)) {
            continue;
        }
        Entry e;
        e.at = LocalMinutes{a.from};
        e.at_json = format_iso_offset(e.at, opened.zone);
        e.when =
            fmt::format("{} – {}", cli::human_date(a.from, today), cli::human_date(a.to, today));
        e.kind = "absence";
        e.id = a.id;
        e.what = a.mine ? fmt::format("reason of your time away {}", a.id)
                        : fmt::format("reason of {}'s absence {}", provider_name(data, a.provider),
                                      a.id);
        e.text = a.reason;
        e.provider = a.provider;
        out.push_back(e);
    }
}

void add_contacts(std::vector<Entry>& out, const cli::Opened& opened, const Window& window) {
    const auto& data = opened.store.data();
    const auto today = opened.today();
    for (const auto* c : contacts_between(data, window.from, window.to)) {
        if (c->note.empty()) {
            continue;
        }
        Entry e;
        e.at = c->at;
        e.at_json = format_iso_offset(c->at, opened.zone);
        e.when = cli::human_date_time(c->at, today);
        e.kind = "contact";
        e.id = c->id;
        e.what = fmt::format("{} {} ({}{})", c->kind, with_provider(data, c->provider), c->id,
                             c->minutes ? fmt::format(", {} min", *c->minutes) : "");
        e.text = c->note;
        e.provider = c->provider;
        e.contact_kind = c->kind;
        out.push_back(e);
    }
}

// Topics of the agenda, at the time they were added.
void add_topics(std::vector<Entry>& out, const cli::Opened& opened, const Window& window) {
    const auto& data = opened.store.data();
    const auto today = opened.today();
    for (const auto& item : data.agenda) {
        const auto at = local_minute(item.added, opened.zone);
        if (!window.holds(day_of(at))) {
            continue;
        }
        Entry e;
        e.at = at;
        e.at_json = format_iso_instant(item.added, opened.zone);
        e.when = cli::human_date_time(at, today);
        e.kind = "topic";
        e.id = item.id;
        e.what =
            fmt::format("topic {}, {}", item.id, agenda_state_text(data, item, opened.zone, today));
        e.text = item.text;
        e.session = item.session;
        if (const auto* s = data.find_session(item.session); s != nullptr) {
            e.provider = s->provider;
        }
        e.status = agenda_status(item);
        out.push_back(e);
    }
}

json entry_json(const Entry& e) {
    return {{"at", e.at_json},
            {"kind", e.kind},
            {"id", e.id},
            {"text", e.text},
            {"session", text_or_null(e.session)},
            {"provider", text_or_null(e.provider)},
            {"status", text_or_null(e.status)},
            {"contact_kind", text_or_null(e.contact_kind)}};
}

// The words in full, each line of them indented under the heading (and on a terminal `width`
// columns wide, wrapped there).
std::string indented(const std::string& text, std::size_t width) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        const auto line = cli::printable(text.substr(start, end - start));
        out += "  " + (width > 0 ? cli::wrap_column(line, 2, width) : line) + "\n";
        if (end == std::string::npos) {
            return out;
        }
        start = end + 1;
    }
}

void run_notes(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto today = opened->today();
    Window window;
    if (!opts.from.empty()) {
        window.from = cli::parse_date(opts.from, today);
    }
    if (!opts.to.empty()) {
        window.to = cli::parse_date(opts.to, today);
    }
    if (window.from && window.to) {
        cli::check_window(*window.from, *window.to);
    }
    const auto provider =
        opts.provider.empty() ? std::string() : pick_provider(data, opts.provider, ctx.habits()).id;
    const auto timeline = opened->timeline();
    std::vector<Entry> entries;
    add_absences(entries, *opened, window);
    add_sessions(entries, *opened, timeline, window);
    add_contacts(entries, *opened, window);
    add_topics(entries, *opened, window);
    std::erase_if(entries, [&](const Entry& e) {
        return (!provider.empty() && e.provider != provider) ||
               (!opts.grep.empty() && !contains_ignoring_case(e.text, opts.grep));
    });
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& x, const Entry& y) { return x.at < y.at; });

    if (ctx.options.json) {
        json list = json::array();
        for (const auto& e : entries) {
            list.push_back(entry_json(e));
        }
        ctx.out << cli::json_text({{"notes", list}});
        return;
    }
    if (entries.empty()) {
        ctx.out << (opts.grep.empty() ? std::string("nothing written there\n")
                                      : fmt::format("nothing written there has \"{}\" in it\n",
                                                    cli::printable(opts.grep)));
        return;
    }
    const cli::Painter paint(ctx.colour());
    bool first = true;
    for (const auto& e : entries) {
        ctx.out << (first ? "" : "\n")
                << cli::wrap(paint.bold(fmt::format("{}  {}", e.when, e.what)), ctx.width()) << "\n"
                << indented(e.text, ctx.width());
        first = false;
    }
}

} // namespace notes_command

void setup_notes(CLI::App& app, cli::Context& ctx) {
    using namespace notes_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("notes", "Every word you wrote, in full and in time order");
    cmd->add_option("--grep", opts->grep, "Only words that hold this text (any case)")
        ->type_name("TEXT");
    cmd->add_option("--from", opts->from, "First day (default: the first there is)")
        ->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day (default: the last there is)")->type_name("DATE");
    cli::add_provider_option(*cmd, opts->provider, "Only what is about this provider");
    cmd->footer("Example: showup notes --grep sleep --from 2026-01-01");
    cmd->callback([opts, &ctx] { run_notes(*opts, ctx); });
}

} // namespace showup::commands
