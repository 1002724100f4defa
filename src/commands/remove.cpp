#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/session_arg.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace showup::commands {

namespace remove_command {

void remove_in(const std::string& session, cli::Context& ctx, cli::Opened& opened) {
    auto& data = opened.data();
    const auto today = opened.today();
    const auto timeline = opened.timeline();
    const auto o = cli::resolve_session(timeline, session);
    const auto when = cli::human_date_time(o.start, today);
    const auto who = with_provider(data, *o.provider);
    const auto change = remove_session(data, o);
    opened.store.commit(fmt::format("remove {} ({})", when, change.id), opened.now);
    const auto& removed = *change.before;
    std::string back;
    if (!removed.rescheduled_from.empty()) {
        const auto slot = opened.timeline().find(removed.rescheduled_from);
        back = fmt::format("; the move is taken back: {} is in its slot again, {}",
                           removed.rescheduled_from,
                           slot ? status_name(slot->status) : std::string_view("gone"));
    }
    if (ctx.options.json) {
        nlohmann::ordered_json j{
            {"removed", cli::session_json(opened.timeline().from_record(removed), opened.zone)}};
        j["restored"] = removed.rescheduled_from.empty()
                            ? nlohmann::ordered_json(nullptr)
                            : nlohmann::ordered_json(removed.rescheduled_from);
        ctx.out << cli::json_text(j);
        return;
    }
    const auto words = record_text(removed);
    ctx.say(fmt::format(
        "removed {}: {} {}{}{}{}", change.id, when, who, words.empty() ? "" : " (" + words + ")",
        removed.note.empty() ? "" : fmt::format(", note \"{}\"", cli::printable(removed.note)),
        back));
}

// The session's days are read first: on a file of decades, the rest are written back as text.
void run_remove(const std::string& session, cli::Context& ctx) {
    ctx.write_window(
        [&](LocalDays today, const DayOfId& day_of) {
            return cli::session_window(session, today, day_of);
        },
        [&](cli::Opened& opened) { remove_in(session, ctx, opened); });
}

} // namespace remove_command

void setup_remove(CLI::App& app, cli::Context& ctx) {
    using namespace remove_command;
    auto session = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("remove", "Delete a one-off session added by mistake");
    cli::add_session_argument(*cmd, *session, true);
    cmd->footer("Example: showup remove o12   (a schedule's session: skip, cancel or "
                "'schedule end')");
    cmd->callback([session, &ctx] { run_remove(*session, ctx); });
}

} // namespace showup::commands
