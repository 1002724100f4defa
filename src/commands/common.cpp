#include "common.hpp"

#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace {
bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string provider_ids(const Data& data) {
    std::string ids;
    for (const auto& p : data.providers) {
        ids += (ids.empty() ? "" : ", ") + p.id;
    }
    return ids;
}
} // namespace

const Provider& pick_provider(const Data& data, const std::string& given,
                              const cli::Habits& habits) {
    if (given.empty()) {
        if (data.providers.size() == 1) {
            return data.providers.front();
        }
        if (data.providers.empty()) {
            throw Error("there is no provider yet; add one with: showup provider add NAME");
        }
        if (!habits.provider.empty()) {
            if (const auto* p = data.find_provider(habits.provider)) {
                return *p;
            }
            throw Error(fmt::format("{}: no provider \"{}\" (there is: {}); say which with "
                                    "--provider, or change the config",
                                    habits.provider_source, habits.provider, provider_ids(data)));
        }
        throw UsageError(fmt::format("there are several providers ({}); say which with --provider",
                                     provider_ids(data)));
    }
    for (const auto& p : data.providers) {
        if (p.id == given || same_text(p.name, given)) {
            return p;
        }
    }
    throw Error(fmt::format("no provider \"{}\" (there is: {})", given,
                            data.providers.empty() ? "none" : provider_ids(data)));
}

std::string provider_name(const Data& data, const std::string& id) {
    const auto* p = data.find_provider(id);
    return cli::printable(p != nullptr ? p->name : id);
}

std::string with_provider(const Data& data, const std::string& provider_id) {
    return "with " + provider_name(data, provider_id);
}

std::string record_text(const Session& s) {
    std::string out;
    if (!s.rescheduled_to.empty()) {
        out = fmt::format("moved to {}{}", s.rescheduled_to,
                          s.moved_by == "provider" ? " by the provider" : "");
    } else if (s.outcome) {
        out = outcome_name(*s.outcome);
        if (s.cancelled_by == "me") {
            out += " by you";
        }
    } else {
        return out;
    }
    if (s.late_minutes > 0) {
        out += fmt::format(", {} min late", s.late_minutes);
    }
    if (s.no_show) {
        out += " without notice";
    }
    if (!s.reason.empty()) {
        out += fmt::format(": \"{}\"", cli::printable(s.reason));
    }
    return out;
}

std::string was_text(const SessionChange& change) {
    return change.replaced() ? fmt::format(" (was {})", record_text(*change.before)) : "";
}

std::string inside_absence_text(const Data& data, const Absence* absence, LocalDays today) {
    if (absence == nullptr) {
        return {};
    }
    // On a line of its own, after the headline.
    return fmt::format(
        "\nit falls inside {}'s absence {} ({} – {}{}); it is kept as a session "
        "that happens",
        provider_name(data, absence->provider), absence->id, cli::human_date(absence->from, today),
        cli::human_date(absence->to, today),
        absence->reason.empty() ? "" : fmt::format(", \"{}\"", cli::printable(absence->reason)));
}

namespace {
nlohmann::ordered_json absence_or_null(const Absence* a) {
    using json = nlohmann::ordered_json;
    if (a == nullptr) {
        return nullptr;
    }
    return {{"id", a->id},
            {"provider", a->mine ? json(nullptr) : json(a->provider)},
            {"whose", a->mine ? "me" : "provider"},
            {"from", format_date(a->from)},
            {"to", format_date(a->to)},
            {"reason", a->reason.empty() ? json(nullptr) : json(a->reason)}};
}

} // namespace

nlohmann::ordered_json session_detail_json(const Occurrence& o, const Zone& zone) {
    using json = nlohmann::ordered_json;
    auto j = cli::session_json(o, zone);
    const auto* r = o.record;
    j["duration"] = o.duration;
    j["moved_by"] = r != nullptr && !r->moved_by.empty() ? json(r->moved_by) : json(nullptr);
    j["recorded_at"] =
        r != nullptr && r->recorded_at ? json(format_utc(*r->recorded_at)) : json(nullptr);
    j["absence"] = absence_or_null(o.absence);
    j["own_absence"] = absence_or_null(o.own_absence);
    j["told"] = r != nullptr && r->told ? json(format_utc(*r->told)) : json(nullptr);
    j["overrides_absence"] =
        r != nullptr && o.absence != nullptr && r->overrides_absence == o.absence->id;
    return j;
}

void print_session(cli::Context& ctx, const cli::Opened& opened, const std::string& id,
                   const std::string& headline, const SessionChange* change) {
    const auto timeline = opened.timeline();
    if (ctx.options.json) {
        const auto o = timeline.find(id);
        auto json = o ? session_detail_json(*o, opened.zone) : nlohmann::ordered_json{{"id", id}};
        if (change != nullptr && change->replaced()) {
            json["replaced"] =
                cli::session_json(timeline.from_record(*change->before), opened.zone);
        }
        ctx.out << cli::json_text(json);
        return;
    }
    ctx.say(headline);
}

namespace {

void record_outcome_in(cli::Context& ctx, cli::Opened& opened, const OutcomeRequest& req) {
    auto& data = opened.data();
    const auto today = opened.today();
    const auto timeline = opened.timeline();
    const auto o = req.session.empty() ? cli::default_session(timeline)
                                       : cli::resolve_session(timeline, req.session);
    const auto when = cli::human_date_time(o.start, today);
    OutcomeInput in;
    in.outcome = req.outcome;
    in.late_minutes = req.late_minutes;
    if (req.no_show) {
        in.no_show = true;
    }
    in.reason = req.reason;
    in.note = req.note;
    if (!req.by.empty()) {
        in.cancelled_by = req.by;
    }
    if (!req.told.empty()) {
        in.told =
            opened.zone.to_instant(cli::parse_date_time(req.told, today, opened.zone, k_noon));
    }
    // A session inside the person's own time away was excused, neutral for the streak: a skip
    // or cancellation recorded on it now counts, and the person should know.
    std::string no_longer_excused;
    if (o.status == Status::excused && req.outcome != Outcome::attended && o.own_absence) {
        no_longer_excused = fmt::format(", no longer excused by your time away {} – {}",
                                        cli::human_date(o.own_absence->from, today),
                                        cli::human_date(o.own_absence->to, today));
    }
    const auto change = showup::record_outcome(data, o, in, opened.now);
    std::size_t filed = 0;
    if (req.outcome == Outcome::attended) {
        filed = file_agenda(data, change.id, o.end_instant(opened.zone));
    }
    const auto& s = *data.find_session(change.id);
    std::string headline = fmt::format("{}: {} {} ({})", outcome_name(req.outcome), when,
                                       with_provider(data, s.provider), change.id);
    if (s.cancelled_by == "me") {
        headline += ", by you";
    }
    // What the session is now: a late cancellation, what it costs.
    const auto now_as = opened.timeline().from_record(s);
    if (now_as.status == Status::late_cancel) {
        const auto& p = *data.find_provider(s.provider);
        headline += fmt::format(", a late cancellation (inside the {} notice {} asks for)",
                                cli::format_notice(*p.notice_minutes), p.name);
    }
    if (now_as.fee_cents > 0) {
        headline += fmt::format(", fee {}", cli::format_amount(now_as.fee_cents));
    }
    if (s.late_minutes > 0) {
        headline += fmt::format(", {} min late", s.late_minutes);
    }
    if (s.no_show) {
        headline += ", without notice";
    }
    if (!s.reason.empty()) {
        headline += fmt::format(", \"{}\"", cli::printable(s.reason));
    }
    headline += no_longer_excused;
    if (filed > 0) {
        headline += fmt::format("; {} from the agenda filed under it",
                                cli::plural(static_cast<long>(filed), "topic", "topics"));
    }
    if (!opened.store.commit(fmt::format("{} {}", req.verb, when), opened.now)) {
        headline += " (recorded so already; nothing changed)";
    } else {
        headline += was_text(change);
        if (change.before && !change.before->note.empty() && change.before->note != s.note) {
            headline += fmt::format(" (its note was \"{}\")", cli::printable(change.before->note));
        }
    }
    print_session(ctx, opened, change.id, headline, &change);
}

} // namespace

// A session's days are read first: on a file of decades, the change reads and writes the rest
// of the sessions as text (Context::write_window).
void record_outcome(cli::Context& ctx, const OutcomeRequest& req) {
    ctx.write_window(
        [&](LocalDays today, const DayOfId& day_of) {
            return cli::session_window(req.session, today, day_of);
        },
        [&](cli::Opened& opened) { record_outcome_in(ctx, opened, req); });
}

std::string describe_missed(const Data& data, const std::vector<Occurrence>& missed,
                            LocalDays today, const std::vector<std::string>& planned) {
    std::vector<std::string> parts;
    std::vector<const Absence*> mentioned; // one mention per absence, however many it takes out
    const auto mention = [&](const Absence* a, std::string text) {
        if (std::find(mentioned.begin(), mentioned.end(), a) == mentioned.end()) {
            mentioned.push_back(a);
            parts.push_back(fmt::format("{} {} – {}", text, cli::human_date(a->from, today),
                                        cli::human_date(a->to, today)));
        }
    };
    for (const auto& o : missed) {
        const auto when = cli::human_date(day_of(o.start), today);
        // A plan of `--if` is said as one: "you would skip Fri 27 Nov".
        const bool plan = std::find(planned.begin(), planned.end(), o.id()) != planned.end();
        switch (o.status) {
        case Status::away:
            mention(o.absence, provider_name(data, *o.provider) + " away");
            continue;
        case Status::excused:
            mention(o.own_absence, "your time away");
            continue;
        case Status::skipped:
            parts.push_back(fmt::format("you {} {}", plan ? "would skip" : "skipped", when));
            break;
        case Status::late_cancel:
            parts.push_back(
                fmt::format("you {} {} late{}", plan ? "would cancel" : "cancelled", when,
                            o.fee_cents > 0 ? ", fee " + cli::format_amount(o.fee_cents) : ""));
            break;
        case Status::cancelled:
            parts.push_back(fmt::format("{} {} {}",
                                        o.record != nullptr && o.record->cancelled_by == "me"
                                            ? std::string("you")
                                            : provider_name(data, *o.provider),
                                        plan ? "would cancel" : "cancelled", when));
            break;
        default:
            continue;
        }
        if (const auto& reason = o.reason(); !reason.empty()) {
            parts.back() += fmt::format(" (\"{}\")", cli::printable(reason));
        }
    }
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

nlohmann::ordered_json gap_json(const Gap& gap, const Zone& zone) {
    using json = nlohmann::ordered_json;
    json missed = json::array();
    for (const auto& o : gap.missed) {
        const auto& reason = o.reason();
        missed.push_back({{"start", format_iso_offset(o.start, zone)},
                          {"status", status_name(o.status)},
                          {"reason", reason.empty() ? json(nullptr) : json(reason)},
                          {"id", o.id()},
                          {"provider", *o.provider}});
    }
    return {{"from", format_date(gap.from)},
            {"to", cli::date_or_null(gap.to)},
            {"days", gap.days ? json(*gap.days) : json(nullptr)},
            {"missed", missed}};
}

} // namespace showup::commands
