#include "what_if.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/quantity.hpp"
#include "cli/session_arg.hpp"
#include "cli/when.hpp"
#include "common.hpp"
#include "showup/edits.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace {

bool is_verb(const std::string& word) {
    return word == "skip" || word == "cancel" || word == "away";
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

} // namespace

CLI::Option* add_if_option(CLI::App& cmd, std::vector<std::string>& target) {
    return cmd
        .add_option("--if", target,
                    "What if: skip SESSION..., cancel SESSION... (by you, now), or away FROM TO "
                    "(your own); repeatable; writes nothing")
        ->type_name("PLAN")
        ->expected(1, CLI::detail::expected_max_vector_size)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

WhatIf apply_plans(const std::vector<std::string>& words, const cli::Opened& opened) {
    WhatIf w;
    w.data = opened.store.data();
    const auto today = opened.today();
    std::size_t i = 0;
    while (i < words.size()) {
        const auto verb = words[i++];
        if (!is_verb(verb)) {
            throw UsageError(fmt::format(
                "--if: \"{}\" is not a plan: say skip SESSION..., cancel SESSION... or away "
                "FROM TO",
                verb));
        }
        std::vector<std::string> args;
        while (i < words.size() && !is_verb(words[i])) {
            args.push_back(words[i++]);
        }
        if (verb == "away") {
            if (args.size() != 2) {
                throw UsageError("--if away takes two dates: FROM TO");
            }
            Absence a;
            a.mine = true;
            a.from = cli::parse_date(args[0], today);
            a.to = cli::parse_date(args[1], today);
            add_absence(w.data, a);
            w.said.push_back(fmt::format("are away {} – {}", cli::human_date(a.from, today),
                                         cli::human_date(a.to, today)));
            w.days.push_back(a.from);
            w.days.push_back(a.to);
            continue;
        }
        if (args.empty()) {
            throw UsageError(fmt::format("--if {} takes one or more sessions", verb));
        }
        std::vector<std::string> when;
        for (const auto& text : args) {
            // Each against the plans so far: "skip next next" skips two sessions.
            const Timeline timeline(w.data, opened.zone, opened.now);
            const auto o = cli::resolve_session(timeline, text);
            if (std::find(w.planned.begin(), w.planned.end(), o.id()) != w.planned.end()) {
                throw UsageError(fmt::format("--if: {} is in the plans twice", o.id()));
            }
            w.planned.push_back(o.id());
            OutcomeInput in;
            in.outcome = verb == "skip" ? Outcome::skipped : Outcome::cancelled;
            if (verb == "cancel") {
                in.cancelled_by = "me";
            }
            const auto day = day_of(o.start);
            record_outcome(w.data, o, in, opened.now);
            when.push_back(cli::human_date(day, today));
            w.days.push_back(day);
        }
        w.said.push_back(fmt::format("{} {}", verb, joined(when)));
    }
    std::sort(w.days.begin(), w.days.end());
    return w;
}

Compared compare(const Gap& would_be, const cli::Opened& opened) {
    Compared c{would_be, std::nullopt};
    if (!would_be.to) {
        return c;
    }
    for (const auto& now : gaps_between(opened.timeline(), would_be.from, *would_be.to, 0)) {
        const bool inside = now.from >= would_be.from && now.to && *now.to <= *would_be.to;
        if (inside && (!c.instead_of_days || *now.days > *c.instead_of_days)) {
            c.instead_of_days = now.days;
        }
    }
    return c;
}

std::vector<Compared> compare_gaps(const WhatIf& plans, const cli::Opened& opened) {
    std::vector<Compared> out;
    if (plans.days.empty()) {
        return out;
    }
    // Every stretch between held or expected sessions (min_days 0) around the plans' days.
    for (const auto& g :
         gaps_between(plans.timeline(opened), plans.days.front(), plans.days.back(), 0)) {
        const bool touched = std::any_of(plans.days.begin(), plans.days.end(), [&](LocalDays d) {
            return g.from <= d && (!g.to || d <= *g.to);
        });
        if (touched) {
            out.push_back(compare(g, opened));
        }
    }
    return out;
}

std::string plans_text(const WhatIf& plans) {
    return "if you " + joined(plans.said);
}

std::string compared_text(const WhatIf& plans, const Compared& c, LocalDays today) {
    const auto& g = c.would_be;
    const auto label = plans_text(plans);
    if (!g.to) {
        return fmt::format("{}: no session expected after {}", label,
                           cli::human_date(g.from, today));
    }
    auto text = fmt::format("{}: {} without a session ({} – {})", label,
                            cli::plural(*g.days, "day", "days"), cli::human_date(g.from, today),
                            cli::human_date(*g.to, today));
    if (c.instead_of_days) {
        text += *c.instead_of_days == *g.days ? ", the same as now"
                                              : fmt::format(" instead of {}", *c.instead_of_days);
    }
    // What else the plan would mean: a cancellation inside the notice is a late one.
    for (const auto& o : g.missed) {
        if (o.status == Status::late_cancel &&
            std::find(plans.planned.begin(), plans.planned.end(), o.id()) != plans.planned.end()) {
            text += fmt::format("; cancelling {} now is late (inside the notice asked for){}",
                                cli::human_date(day_of(o.start), today),
                                o.fee_cents > 0 ? ", fee " + cli::format_amount(o.fee_cents) : "");
        }
    }
    return text;
}

nlohmann::ordered_json compared_json(const WhatIf& plans, const std::vector<Compared>& list,
                                     const Zone& zone) {
    using json = nlohmann::ordered_json;
    json gaps = json::array();
    for (const auto& c : list) {
        auto j = gap_json(c.would_be, zone);
        j["instead_of_days"] = c.instead_of_days ? json(*c.instead_of_days) : json(nullptr);
        gaps.push_back(std::move(j));
    }
    return {{"plans", plans.said}, {"gaps", gaps}};
}

} // namespace showup::commands
