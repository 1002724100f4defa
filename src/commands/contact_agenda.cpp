#include "contact_agenda.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "cli/output.hpp"
#include "common.hpp"

namespace showup::commands {

namespace contact_agenda_helpers {

using json = nlohmann::ordered_json;

// `typed` with `prefix` put before it when it is digits alone ("3" -> "t3").
std::string with_prefix(std::string_view typed, char prefix) {
    const bool digits = !typed.empty() && std::all_of(typed.begin(), typed.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    return digits ? prefix + std::string(typed) : std::string(typed);
}

// In time order; contacts at the same minute in the order they were added.
std::vector<const Contact*> in_time_order(std::vector<const Contact*> list) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Contact* x, const Contact* y) { return x->at < y->at; });
    return list;
}

} // namespace contact_agenda_helpers

nlohmann::ordered_json contact_json(const Contact& c, const Zone& zone) {
    using contact_agenda_helpers::json;
    return {{"id", c.id},
            {"at", format_iso_offset(c.at, zone)},
            {"provider", c.provider},
            {"kind", c.kind},
            {"minutes", c.minutes ? json(*c.minutes) : json(nullptr)},
            {"note", c.note.empty() ? json(nullptr) : json(c.note)}};
}

std::string contact_text(const Data& data, const Contact& c) {
    std::string out = fmt::format("{} {}", c.kind, with_provider(data, c.provider));
    if (c.minutes) {
        out += fmt::format(", {} min", *c.minutes);
    }
    if (!c.note.empty()) {
        out += fmt::format(": \"{}\"", cli::printable(c.note));
    }
    return out;
}

std::string contact_line(const Data& data, const Contact& c, LocalDays today) {
    return fmt::format("{} {}", cli::human_date_time(c.at, today), contact_text(data, c));
}

std::string_view agenda_status(const AgendaItem& item) {
    if (!item.session.empty()) {
        return "filed";
    }
    return item.done ? "done" : "open";
}

nlohmann::ordered_json agenda_json(const AgendaItem& item) {
    using contact_agenda_helpers::json;
    return {{"id", item.id},
            {"text", item.text},
            {"added", format_utc(item.added)},
            {"session", item.session.empty() ? json(nullptr) : json(item.session)},
            {"done", item.done ? json(format_utc(*item.done)) : json(nullptr)},
            {"status", agenda_status(item)}};
}

LocalMinutes local_minute(Instant t, const Zone& zone) {
    return date::floor<Minutes>(zone.to_local(t));
}

std::string agenda_state_text(const Data& data, const AgendaItem& item, const Zone& zone,
                              LocalDays today) {
    if (!item.session.empty()) {
        const auto* s = data.find_session(item.session);
        return s == nullptr ? fmt::format("filed under {}", item.session)
                            : fmt::format("filed under {} ({} {})", item.session,
                                          cli::human_date_time(s->start, today),
                                          with_provider(data, s->provider));
    }
    if (item.done) {
        return fmt::format("done {}",
                           cli::human_date(day_of(local_minute(*item.done, zone)), today));
    }
    return "open";
}

std::string agenda_text(const Data& data, const AgendaItem& item, const Zone& zone,
                        LocalDays today) {
    return fmt::format("{} \"{}\" (added {}, {})", item.id, cli::printable(item.text),
                       cli::human_date(day_of(local_minute(item.added, zone)), today),
                       agenda_state_text(data, item, zone, today));
}

std::string contact_id(std::string_view typed) {
    return contact_agenda_helpers::with_prefix(typed, 'c');
}

std::string topic_id(std::string_view typed) {
    return contact_agenda_helpers::with_prefix(typed, 't');
}

std::vector<const Contact*> contacts_between(const Data& data, std::optional<LocalDays> from,
                                             std::optional<LocalDays> to,
                                             std::string_view provider) {
    std::vector<const Contact*> out;
    for (const auto& c : data.contacts) {
        const auto day = day_of(c.at);
        if ((provider.empty() || c.provider == provider) && (!from || day >= *from) &&
            (!to || day <= *to)) {
            out.push_back(&c);
        }
    }
    return contact_agenda_helpers::in_time_order(std::move(out));
}

std::vector<const Contact*> contacts_in(const Data& data, LocalMinutes from, LocalMinutes to,
                                        std::string_view provider) {
    std::vector<const Contact*> out;
    for (const auto& c : data.contacts) {
        if ((provider.empty() || c.provider == provider) && c.at >= from && c.at < to) {
            out.push_back(&c);
        }
    }
    return contact_agenda_helpers::in_time_order(std::move(out));
}

std::vector<const AgendaItem*> agenda_filed_under(const Data& data, std::string_view session_id) {
    std::vector<const AgendaItem*> out;
    for (const auto& item : data.agenda) {
        if (!session_id.empty() && item.session == session_id) {
            out.push_back(&item);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AgendaItem* x, const AgendaItem* y) { return x->added < y->added; });
    return out;
}

std::vector<const AgendaItem*> open_agenda(const Data& data) {
    std::vector<const AgendaItem*> out;
    for (const auto& item : data.agenda) {
        if (item.open()) {
            out.push_back(&item);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AgendaItem* x, const AgendaItem* y) { return x->added < y->added; });
    return out;
}

} // namespace showup::commands
