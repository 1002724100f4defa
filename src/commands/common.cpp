#include "common.hpp"

#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/session_arg.hpp"
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

const Provider& pick_provider(const Data& data, const std::string& given) {
    if (given.empty()) {
        if (data.providers.size() == 1) {
            return data.providers.front();
        }
        if (data.providers.empty()) {
            throw Error("there is no provider yet; add one with: showup provider add NAME");
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

Session new_record(const Occurrence& o) {
    Session s;
    s.id = o.id();
    s.schedule = o.schedule->id;
    s.start = o.start;
    s.duration = o.duration;
    s.provider = *o.provider;
    return s;
}

Session& record_of(Data& data, const Occurrence& o) {
    if (o.record != nullptr) {
        return *data.find_session(o.record->id);
    }
    data.sessions.push_back(new_record(o));
    return data.sessions.back();
}

std::string with_provider(const Data& data, const std::string& provider_id) {
    const auto* p = data.find_provider(provider_id);
    return "with " + cli::printable(p != nullptr ? p->name : provider_id);
}

void print_session(cli::Context& ctx, const cli::Opened& opened, const std::string& id,
                   const std::string& headline) {
    const auto timeline = opened.timeline();
    const auto o = timeline.find(id);
    if (ctx.options.json) {
        ctx.out << cli::json_text(cli::session_json(*o, opened.zone));
        return;
    }
    ctx.out << headline << "\n";
}

void record_outcome(cli::Context& ctx, const OutcomeRequest& req) {
    auto opened = ctx.open(Store::Mode::write);
    auto& data = opened->data();
    const auto timeline = opened->timeline();
    const auto o = req.session.empty() ? cli::default_session(timeline)
                                       : cli::resolve_session(timeline, req.session);
    if (o.status == Status::rescheduled) {
        throw Error(
            fmt::format("{} was moved to {}; record it there", o.id(), o.record->rescheduled_to));
    }
    const auto when = cli::human_date_time(o.start, opened->today());
    const auto before = o.status;
    auto& s = record_of(data, o);
    s.outcome = req.outcome;
    s.late_minutes = req.late_minutes;
    s.no_show = req.no_show;
    s.reason = req.reason;
    if (req.note) {
        s.note = *req.note;
    }
    const auto id = s.id;
    const auto who = with_provider(data, s.provider);
    opened->store.commit(fmt::format("{} {}", req.verb, when), opened->now);

    std::string headline = fmt::format("{}: {} {} ({})", outcome_name(req.outcome), when, who, id);
    if (req.late_minutes > 0) {
        headline += fmt::format(", {} min late", req.late_minutes);
    }
    if (req.no_show) {
        headline += ", without notice";
    }
    if (before != Status::scheduled && before != Status::unlogged &&
        before != parse_status(outcome_name(req.outcome))) {
        headline += fmt::format(" (was {})", status_name(before));
    }
    print_session(ctx, *opened, id, headline);
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

void refuse_double_booking(const Timeline& timeline, const std::string& provider,
                           LocalMinutes start) {
    for (const auto& o : timeline.between(day_of(start), day_of(start))) {
        if (o.start == start && *o.provider == provider && o.status != Status::rescheduled) {
            throw Error(fmt::format("there is a session then already: {} ({})", o.id(),
                                    status_name(o.status)));
        }
    }
}

namespace {
std::string provider_name(const Data& data, const std::string& id) {
    const auto* p = data.find_provider(id);
    return cli::printable(p != nullptr ? p->name : id);
}

// The reason shown for a missed session: its own, else its absence's.
std::string missed_reason(const Occurrence& o) {
    if (o.record != nullptr && !o.record->reason.empty()) {
        return o.record->reason;
    }
    if (o.status == Status::away && o.absence != nullptr) {
        return o.absence->reason;
    }
    return {};
}
} // namespace

std::string describe_missed(const Data& data, const std::vector<Occurrence>& missed,
                            LocalDays today) {
    std::vector<std::string> parts;
    const Absence* last_absence = nullptr;
    for (const auto& o : missed) {
        const auto when = cli::human_date(day_of(o.start), today);
        switch (o.status) {
        case Status::away:
            // One mention per absence, however many sessions it takes out.
            if (o.absence != last_absence) {
                parts.push_back(fmt::format("{} away {} – {}", provider_name(data, *o.provider),
                                            cli::human_date(o.absence->from, today),
                                            cli::human_date(o.absence->to, today)));
                last_absence = o.absence;
            }
            continue;
        case Status::skipped:
            parts.push_back(fmt::format("you skipped {}", when));
            break;
        case Status::cancelled:
            parts.push_back(fmt::format("{} cancelled {}", provider_name(data, *o.provider), when));
            break;
        default:
            continue;
        }
        if (const auto reason = missed_reason(o); !reason.empty()) {
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
        const auto reason = missed_reason(o);
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
