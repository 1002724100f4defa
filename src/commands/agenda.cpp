#include <algorithm>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "contact_agenda.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace agenda_command {

const AgendaItem& find_topic(const Data& data, const std::string& id) {
    for (const auto& item : data.agenda) {
        if (item.id == id) {
            return item;
        }
    }
    throw Error(fmt::format("no topic \"{}\" (see 'showup agenda list --all')", id));
}

void print_item(cli::Context& ctx, const AgendaItem& item, const std::string& headline) {
    if (ctx.options.json) {
        ctx.out << cli::json_text(agenda_json(item));
        return;
    }
    ctx.say(headline);
}

void run_add(const std::vector<std::string>& words, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto id = add_agenda_item(data, cli::join_words(words), opened.now);
        opened.store.commit(fmt::format("agenda add {}", id), opened.now);
        const auto open = open_agenda(data).size();
        print_item(ctx, find_topic(data, id),
                   fmt::format("added {}: \"{}\"; the next session you attend takes it ({} open)",
                               id, cli::printable(find_topic(data, id).text),
                               cli::plural(static_cast<long>(open), "topic", "topics")));
    });
}

void run_list(bool all, cli::Context& ctx) {
    auto opened = ctx.open(Store::Mode::read);
    const auto& data = opened->data();
    const auto today = opened->today();
    std::vector<const AgendaItem*> shown;
    for (const auto& item : data.agenda) {
        if (all || item.open()) {
            shown.push_back(&item);
        }
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [](const AgendaItem* x, const AgendaItem* y) { return x->added < y->added; });
    if (ctx.options.json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto* item : shown) {
            list.push_back(agenda_json(*item));
        }
        ctx.out << cli::json_text({{"agenda", list}});
        return;
    }
    if (shown.empty()) {
        ctx.out << (data.agenda.empty()
                        ? "no topics yet; add one with: showup agenda add TEXT\n"
                        : "no open topics (--all shows those filed under a session or done)\n");
        return;
    }
    cli::Table table;
    if (all) {
        table.header({"ID", "ADDED", "STATUS", "TOPIC"});
    } else {
        table.header({"ID", "ADDED", "TOPIC"});
    }
    for (const auto* item : shown) {
        const auto added = cli::human_date(day_of(local_minute(item->added, opened->zone)), today);
        if (all) {
            table.row({item->id, added, agenda_state_text(data, *item, opened->zone, today),
                       cli::printable(item->text)});
        } else {
            table.row({item->id, added, cli::printable(item->text)});
        }
    }
    ctx.out << table.render(ctx.width());
}

void run_done(const std::string& typed, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto id = topic_id(typed);
        agenda_done(data, id, opened.now);
        opened.store.commit(fmt::format("agenda done {}", id), opened.now);
        const auto& item = find_topic(data, id);
        print_item(ctx, item, fmt::format("done {}: \"{}\"", id, cli::printable(item.text)));
    });
}

void run_remove(const std::string& typed, cli::Context& ctx) {
    ctx.write_window(cli::no_sessions, [&](cli::Opened& opened) {
        auto& data = opened.data();
        const auto removed = remove_agenda_item(data, topic_id(typed));
        opened.store.commit(fmt::format("agenda remove {}", removed.id), opened.now);
        if (ctx.options.json) {
            ctx.out << cli::json_text({{"removed", removed.id}});
            return;
        }
        ctx.say(fmt::format("removed {}", agenda_text(data, removed, opened.zone, opened.today())));
    });
}

} // namespace agenda_command

void setup_agenda(CLI::App& app, cli::Context& ctx) {
    using namespace agenda_command;
    auto* cmd =
        app.add_subcommand("agenda", "Topics for your next session: add, list, done, remove");
    cmd->require_subcommand(1);
    cmd->footer("Example: showup agenda add ask about changing the dose");

    auto words = std::make_shared<std::vector<std::string>>();
    auto* add = cmd->add_subcommand("add", "Add a topic for the next session");
    add->add_option("TEXT", *words, "What to bring up (several words are joined)")->required();
    add->footer("Example: showup agenda add the exam and the sleep");
    add->callback([words, &ctx] { run_add(*words, ctx); });

    auto all = std::make_shared<bool>(false);
    auto* list = cmd->add_subcommand("list", "Open topics, in the order they were added");
    list->add_flag("--all", *all, "Those filed under a session or done too, and where they went");
    list->footer("Example: showup agenda list --all");
    list->callback([all, &ctx] { run_list(*all, ctx); });

    auto done_id = std::make_shared<std::string>();
    auto* done =
        cmd->add_subcommand("done", "Set an open topic aside without a session (dealt with)");
    done->add_option(cli::k_topic_value, *done_id, "The topic's id (t3, or 3; see 'agenda list')")
        ->required();
    done->footer("Example: showup agenda done t3");
    done->callback([done_id, &ctx] { run_done(*done_id, ctx); });

    auto remove_id = std::make_shared<std::string>();
    auto* remove = cmd->add_subcommand("remove", "Remove a topic, open or not");
    remove
        ->add_option(cli::k_topic_value, *remove_id,
                     "The topic's id (t3, or 3; see 'agenda list --all')")
        ->required();
    remove->footer("Example: showup agenda remove t3");
    remove->callback([remove_id, &ctx] { run_remove(*remove_id, ctx); });
}

} // namespace showup::commands
