#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "cli/when.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace list_command {

struct Options {
    std::string from;
    std::string to;
    std::string status;
    std::string provider;
};

// --status: statuses, "late" (attended late) and "missed" (what makes a gap); empty, all.
struct StatusFilter {
    std::vector<Status> statuses;
    bool late = false;
    bool empty() const { return statuses.empty() && !late; }
    bool matches(const Occurrence& o) const {
        if (empty() || std::find(statuses.begin(), statuses.end(), o.status) != statuses.end()) {
            return true;
        }
        return late && o.status == Status::attended && o.record->late_minutes > 0;
    }
};

StatusFilter parse_statuses(const std::string& text) {
    StatusFilter out;
    if (text.empty()) {
        return out;
    }
    for (const auto& word : cli::split_commas(text)) {
        if (word == "late") {
            out.late = true;
        } else if (word == "missed") {
            for (auto s : k_all_statuses) {
                if (is_missed(s)) {
                    out.statuses.push_back(s);
                }
            }
        } else if (const auto s = parse_status(word)) {
            out.statuses.push_back(*s);
        } else {
            std::string known;
            for (auto st : k_all_statuses) {
                known += fmt::format("{}, ", status_name(st));
            }
            throw UsageError(fmt::format("\"{}\" is not a status ({}late, missed)",
                                         cli::printable(word), known));
        }
    }
    return out;
}

// What else there is to say about a session, in a few words.
std::string details(const Occurrence& o, const Timeline& timeline) {
    std::vector<std::string> parts;
    const auto* r = o.record;
    if (r != nullptr && r->outcome == Outcome::attended && r->late_minutes > 0) {
        parts.push_back(fmt::format("{} min late", r->late_minutes));
    }
    if (r != nullptr && r->outcome == Outcome::skipped && r->no_show) {
        parts.emplace_back("no-show");
    }
    if (r != nullptr && r->cancelled_by == "me" && o.status == Status::cancelled) {
        parts.emplace_back("by you");
    }
    if (o.fee_cents > 0) {
        parts.push_back(fmt::format("fee {}", cli::format_amount(o.fee_cents)));
    }
    if (r != nullptr && !r->rescheduled_to.empty()) {
        const auto to = timeline.find(r->rescheduled_to);
        parts.push_back(fmt::format("moved to {}{}",
                                    to ? cli::human_date_time(to->start, timeline.today())
                                       : r->rescheduled_to.str(),
                                    r->moved_by == "provider" ? " by provider" : ""));
    }
    if (r != nullptr && !r->rescheduled_from.empty()) {
        const auto from = timeline.find(r->rescheduled_from);
        parts.push_back(fmt::format("moved from {}",
                                    from ? cli::human_date(day_of(from->start), timeline.today())
                                         : r->rescheduled_from.str()));
    }
    std::string reason = o.reason();
    if (reason.empty() && o.status == Status::away) {
        reason = "provider away";
    }
    if (reason.empty() && o.status == Status::excused) {
        reason = "you were away";
    }
    if (!reason.empty()) {
        parts.push_back(fmt::format("\"{}\"", cli::printable(reason)));
    }
    if (r != nullptr && !r->note.empty()) {
        parts.push_back(fmt::format("note: {}", cli::printable(r->note)));
    }
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

// A contact's minutes and note, as a session's details.
std::string contact_details(const Contact& c) {
    std::string out = c.minutes ? fmt::format("{} min", *c.minutes) : "";
    if (!c.note.empty()) {
        out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", cli::printable(c.note));
    }
    return out;
}

// The days listed: --from and --to, else four weeks either side of today.
std::pair<LocalDays, LocalDays> listed_days(const Options& opts, LocalDays today) {
    auto to = opts.to.empty() ? today + date::days{28} : cli::parse_date(opts.to, today);
    auto from = opts.from.empty() ? std::min(today, to) - date::days{28}
                                  : cli::parse_date(opts.from, today);
    if (opts.to.empty() && from > to) {
        to = from + date::days{28};
    }
    cli::check_window(from, to);
    return {from, to};
}

void list_in(const Options& opts, cli::Context& ctx, cli::Opened& opened) {
    const auto& data = opened.data();
    const auto timeline = opened.timeline();
    const auto today = opened.today();
    const auto days = listed_days(opts, today);
    const auto from = days.first;
    const auto to = days.second;
    const auto statuses = parse_statuses(opts.status);
    const auto* provider =
        opts.provider.empty() ? nullptr : &pick_provider(data, opts.provider, ctx.habits());
    auto sessions = timeline.between(from, to);
    std::erase_if(sessions, [&](const Occurrence& o) {
        return (provider != nullptr && *o.provider != provider->id) || !statuses.matches(o);
    });

    // Calls and messages between the sessions, unless only some statuses are asked for.
    const auto contacts = statuses.empty()
                              ? contacts_between(data, from, to, provider ? provider->id : "")
                              : std::vector<const Contact*>{};
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& o : sessions) {
            list.push_back(cli::session_json(o, opened.zone));
        }
        nlohmann::ordered_json contact_list = nlohmann::ordered_json::array();
        for (const auto* c : contacts) {
            contact_list.push_back(contact_json(*c, opened.zone));
        }
        ctx.out << cli::json_text({{"sessions", list}, {"contacts", contact_list}});
        return;
    }
    if (sessions.empty() && contacts.empty()) {
        ctx.say(fmt::format("no sessions from {} to {}", cli::human_date(from, today),
                            cli::human_date(to, today)));
        return;
    }
    const cli::Painter paint(ctx.colour());
    // With one provider, who it is is said once, above the table.
    const bool one_provider = data.providers.size() == 1;
    if (one_provider) {
        ctx.out << "sessions " << with_provider(data, data.providers.front().id) << "\n";
    }
    cli::Table table;
    // A row's cells and widths, without the provider's with one provider.
    const auto add_row = [&](std::vector<std::string> cells, std::vector<std::size_t> widths) {
        if (one_provider) {
            cells.erase(cells.begin() + 2);
            if (widths.size() > 2) {
                widths.erase(widths.begin() + 2);
            }
        }
        table.row(std::move(cells), std::move(widths));
    };
    std::vector<std::string> header{"ID", "WHEN", "PROVIDER", "STATUS", "DETAILS"};
    if (one_provider) {
        header.erase(header.begin() + 2);
    }
    table.header(std::move(header));
    if (!one_provider) {
        table.cap(2, 16);
    }
    const auto now_row = [&] {
        const auto now_text = fmt::format(
            "── now: {} ──",
            cli::human_date_time(date::floor<Minutes>(opened.zone.to_local(opened.now)), today));
        table.row({"", paint.bold(now_text)});
    };
    bool marked = from > today || to < today;
    const auto now_local = date::floor<Minutes>(opened.zone.to_local(opened.now));
    auto next_contact = contacts.begin();
    // The contacts before `before` (all that are left when nullopt), each on a line of its own.
    const auto contacts_until = [&](std::optional<LocalMinutes> before) {
        for (; next_contact != contacts.end() && (!before || (*next_contact)->at < *before);
             ++next_contact) {
            const auto& c = **next_contact;
            if (!marked && c.at > now_local) {
                now_row();
                marked = true;
            }
            const auto when = cli::human_date_time(c.at, today);
            add_row({paint.dim(c.id), when, provider_name(data, c.provider), c.kind,
                     contact_details(c)},
                    {c.id.size(), when.size()});
        }
    };
    for (const auto& o : sessions) {
        contacts_until(o.start);
        if (!marked && !o.started) {
            now_row();
            marked = true;
        }
        const auto* p = data.find_provider(*o.provider);
        const auto name = cli::printable(p != nullptr ? p->name : *o.provider);
        const auto status = std::string(status_name(o.status));
        const auto when = cli::human_date_time(o.start, today);
        const auto id = o.id();
        add_row({paint.dim(id), when, name, paint.status(o.status, status), details(o, timeline)},
                {id.size(), when.size(), cli::display_width(name), status.size()});
    }
    contacts_until(std::nullopt);
    if (!marked) {
        now_row();
    }
    ctx.out << table.render(ctx.width());
}

void run_list(const Options& opts, cli::Context& ctx) {
    ctx.read_window([&](LocalDays today, const DayOfId&) { return listed_days(opts, today); },
                    [&](cli::Opened& opened) { list_in(opts, ctx, opened); });
}

} // namespace list_command

void setup_list(CLI::App& app, cli::Context& ctx) {
    using namespace list_command;
    auto opts = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("list", "Sessions with their status (default: 4 weeks back and ahead)");
    cmd->add_option("--from", opts->from, "First day (default: 4 weeks ago)")->type_name("DATE");
    cmd->add_option("--to", opts->to, "Last day (default: 4 weeks ahead)")->type_name("DATE");
    cmd->add_option("--status", opts->status,
                    "Only these statuses (skipped,cancelled), late (attended late) or missed")
        ->type_name(cli::k_statuses_value);
    cli::add_provider_option(*cmd, opts->provider, "Only this provider");
    cmd->footer("Example: showup list --from 2026-01-01 --status skipped,cancelled");
    cmd->callback([opts, &ctx] { run_list(*opts, ctx); });
}

} // namespace showup::commands
