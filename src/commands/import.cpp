#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/ics_import.hpp"
#include "cli/ics_read.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "showup/errors.hpp"

namespace showup::commands {

namespace import_command {

struct Options {
    std::string file;
    std::string provider;
    bool dry_run = false;
    bool as_absence = false;
};

// An invitation is a few kilobytes; a whole calendar a few megabytes.
constexpr std::uintmax_t k_max_bytes = 64U << 20U;

std::string read_ics(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(fmt::format("{} is a directory, not an .ics file", path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > k_max_bytes) {
        throw Error(fmt::format("{} is larger than 64 MB: not an invitation or a calendar", path));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// One event of the file and what became of it.
struct Row {
    const cli::IcsEvent* event = nullptr;
    std::optional<ImportItem::Kind> kind;
    ImportResult result;
};

std::string_view kind_name(ImportItem::Kind k) {
    switch (k) {
    case ImportItem::Kind::session:
        return "session";
    case ImportItem::Kind::schedule:
        return "schedule";
    case ImportItem::Kind::absence:
        return "absence";
    case ImportItem::Kind::occurrence:
        return "occurrence";
    }
    return "session";
}

constexpr ImportAction k_actions[] = {ImportAction::added, ImportAction::updated,
                                      ImportAction::unchanged, ImportAction::removed,
                                      ImportAction::refused};

std::size_t count(const std::vector<Row>& rows, ImportAction a) {
    return static_cast<std::size_t>(std::count_if(
        rows.begin(), rows.end(), [&](const Row& r) { return r.result.action == a; }));
}

// "2 added, 1 updated": the actions that happened.
std::string counts_text(const std::vector<Row>& rows) {
    std::string out;
    for (const auto a : k_actions) {
        if (const auto n = count(rows, a); n > 0) {
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, import_action_name(a));
        }
    }
    return out;
}

void print_json(cli::Context& ctx, const Options& opts, const std::string& provider,
                const std::vector<Row>& rows, bool written) {
    using json = nlohmann::ordered_json;
    json events = json::array();
    for (const auto& r : rows) {
        const auto& e = *r.event;
        events.push_back({{"line", e.line},
                          {"uid", e.uid.empty() ? json(nullptr) : json(e.uid)},
                          {"summary", e.summary.empty() ? json(nullptr) : json(e.summary)},
                          {"action", import_action_name(r.result.action)},
                          {"kind", r.kind ? json(kind_name(*r.kind)) : json(nullptr)},
                          {"id", r.result.id.empty() ? json(nullptr) : json(r.result.id)},
                          {"detail", r.result.detail}});
    }
    json counts = json::object();
    for (const auto a : k_actions) {
        counts[std::string(import_action_name(a))] = count(rows, a);
    }
    ctx.out << cli::json_text({{"file", opts.file},
                               {"provider", provider},
                               {"dry_run", opts.dry_run},
                               {"written", written},
                               {"events", events},
                               {"counts", counts}});
}

void print_text(cli::Context& ctx, const Options& opts, const std::vector<Row>& rows,
                bool written) {
    for (const auto& r : rows) {
        const auto& e = *r.event;
        // Its first line, cut to fit a row: the detail says the rest.
        const auto first_line = e.summary.substr(0, e.summary.find('\n'));
        const auto summary = e.summary.empty()
                                 ? std::string("(no summary)")
                                 : "\"" + cli::truncate(cli::printable(first_line), 40) + "\"";
        ctx.out << fmt::format("{:<9}  {:<14}  line {}  {}: {}\n",
                               import_action_name(r.result.action),
                               r.result.id.empty() ? "-" : r.result.id, e.line, summary,
                               cli::printable(r.result.detail));
    }
    const auto counts = counts_text(rows);
    ctx.out << fmt::format("{}{}\n", counts,
                           opts.dry_run ? " (dry run: nothing written)"
                           : written    ? ""
                                        : " (nothing to change)");
}

void run_import(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(opts.dry_run ? Store::Mode::read : Store::Mode::write);
    auto& data = opened->data();
    const auto provider = pick_provider(data, opts.provider, ctx.habits());
    const auto events = cli::read_events(read_ics(opts.file), opts.file);
    if (events.empty()) {
        throw Error(fmt::format("{} has no events (VEVENT)", opts.file));
    }
    const cli::ImportChoices choices{opts.as_absence, provider.duration};
    std::vector<Row> rows(events.size());
    std::vector<ImportItem> items;
    std::vector<std::size_t> item_rows;
    for (std::size_t i = 0; i < events.size(); ++i) {
        rows[i].event = &events[i];
        auto planned = cli::plan_event(events[i], opened->zone, choices);
        if (!planned.item) {
            rows[i].result = {ImportAction::refused, "", planned.refused};
            continue;
        }
        rows[i].kind = planned.item->kind;
        items.push_back(std::move(*planned.item));
        item_rows.push_back(i);
    }
    const auto results = import_events(data, opened->zone, provider.id, items, opened->now);
    for (std::size_t k = 0; k < results.size(); ++k) {
        rows[item_rows[k]].result = results[k];
    }
    bool written = false;
    if (!opts.dry_run) {
        written = opened->store.commit(
            fmt::format("import {}: {}", std::filesystem::path(opts.file).filename().string(),
                        counts_text(rows)),
            opened->now);
    }
    if (ctx.options.json) {
        print_json(ctx, opts, provider.id, rows, written);
    } else {
        print_text(ctx, opts, rows, written);
    }
    if (const auto refused = count(rows, ImportAction::refused); refused > 0) {
        ctx.err << fmt::format("showup: warning: {} of {} {} not imported (see \"refused\")\n",
                               cli::plural(static_cast<long>(refused), "event", "events"),
                               cli::printable(opts.file), refused == 1 ? "was" : "were");
    }
}

} // namespace import_command

void setup_import(CLI::App& app, cli::Context& ctx) {
    using namespace import_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "import", "Read an iCalendar file: its events become sessions, schedules or absences");
    cmd->add_option("FILE", opts->file, "The .ics file (an invitation, or a calendar)")
        ->required()
        ->type_name(cli::k_path_value);
    cli::add_provider_option(*cmd, opts->provider, "Whose events they are (id or name)");
    cmd->add_flag("--dry-run", opts->dry_run, "Say what would happen, and write nothing");
    cmd->add_flag("--as-absence", opts->as_absence, "All-day events are the provider's time away");
    cmd->footer("Example: showup import invite.ics --provider okafor");
    cmd->callback([opts, &ctx] { run_import(*opts, ctx); });
}

} // namespace showup::commands
