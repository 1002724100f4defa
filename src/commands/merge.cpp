#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/output.hpp"
#include "commands.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"
#include "showup/merge.hpp"

namespace showup::commands {

namespace merge_command {

struct Options {
    std::string other;
    bool dry_run = false;
};

// The other copy, read and checked like the data file (it is never written).
Document read_other(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw Error(
            fmt::format("{}: {}; give the path of the other copy of the data file", path,
                        std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        throw Error(fmt::format("{}: cannot read it", path));
    }
    return parse_document(text.str(), path, History::skip);
}

nlohmann::ordered_json fields_json(const RecordFields& fields) {
    auto j = nlohmann::ordered_json::object();
    for (const auto& [key, value] : fields) {
        j[key] = value;
    }
    return j;
}

nlohmann::ordered_json records_json(const std::vector<MergeRecord>& records) {
    auto j = nlohmann::ordered_json::array();
    for (const auto& r : records) {
        j.push_back({{"collection", r.collection}, {"id", r.id}});
    }
    return j;
}

std::string fields_text(const RecordFields& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        out += fmt::format("{}{} \"{}\"", out.empty() ? "" : ", ", key, cli::printable(value));
    }
    return out.empty() ? "nothing" : out;
}

std::string ids_text(const std::vector<MergeRecord>& records) {
    std::string out;
    for (const auto& r : records) {
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", r.collection, cli::printable(r.id));
    }
    return out;
}

void print_result(cli::Context& ctx, const MergeResult& m, const std::string& other, bool dry_run,
                  bool changed) {
    if (ctx.options.json) {
        nlohmann::ordered_json j;
        j["added"] = records_json(m.added);
        j["updated"] = records_json(m.updated);
        j["conflicts"] = nlohmann::ordered_json::array();
        for (const auto& c : m.conflicts) {
            j["conflicts"].push_back({{"collection", c.collection},
                                      {"id", c.id},
                                      {"ours", fields_json(c.ours)},
                                      {"theirs", fields_json(c.theirs)},
                                      {"kept", c.kept_theirs ? "theirs" : "ours"},
                                      {"why", c.why}});
        }
        j["renumbered"] = nlohmann::ordered_json::array();
        for (const auto& r : m.renumbered) {
            j["renumbered"].push_back(
                {{"collection", r.collection}, {"from", r.from}, {"to", r.to}});
        }
        j["dry_run"] = dry_run;
        ctx.out << cli::json_text(j);
        return;
    }
    const auto name = cli::printable(other);
    if (!changed) {
        ctx.say(fmt::format("nothing to merge: {} holds nothing this file does not", name));
        return;
    }
    ctx.say(fmt::format("{} {}: {} added, {} updated, {} conflict{}, {} renumbered",
                        dry_run ? "would merge" : "merged", name, m.added.size(), m.updated.size(),
                        m.conflicts.size(), m.conflicts.size() == 1 ? "" : "s",
                        m.renumbered.size()));
    if (!m.added.empty()) {
        ctx.say("  added: " + ids_text(m.added), 4);
    }
    if (!m.updated.empty()) {
        ctx.say("  updated: " + ids_text(m.updated), 4);
    }
    for (const auto& r : m.renumbered) {
        ctx.say(fmt::format("  renumbered: {} {} of {} is {} here (the id was taken)", r.collection,
                            cli::printable(r.from), name, cli::printable(r.to)),
                4);
    }
    for (const auto& c : m.conflicts) {
        ctx.say(fmt::format("  conflict in {} {}: ours had {}; theirs had {}; kept {}: {}",
                            c.collection, cli::printable(c.id), fields_text(c.ours),
                            fields_text(c.theirs), c.kept_theirs ? "theirs" : "ours", c.why),
                4);
    }
    if (dry_run) {
        ctx.out << "dry run: nothing written\n";
    }
}

void run_merge(const Options& opts, cli::Context& ctx) {
    auto opened = ctx.open(opts.dry_run ? Store::Mode::read : Store::Mode::write);
    const auto other = read_other(opts.other);
    const auto& ours = opened->data();
    if (other.data.timezone != ours.timezone) {
        throw Error(fmt::format("{}: its time zone is {}, this file's is {}; only copies of one "
                                "file merge",
                                cli::printable(opts.other), cli::printable(other.data.timezone),
                                cli::printable(ours.timezone)));
    }
    auto merged = merge_data(ours, other.data);
    if (const auto violation = find_violation(merged.data)) {
        std::string conflicts;
        for (const auto& c : merged.conflicts) {
            conflicts += fmt::format("{}{} {}", conflicts.empty() ? "" : ", ", c.collection,
                                     cli::printable(c.id));
        }
        throw Error(fmt::format(
            "{}: merging it would make the file invalid ({}: {}){}; nothing was written: "
            "change one copy so that they agree, then merge again",
            cli::printable(opts.other), violation->place, cli::printable(violation->message),
            conflicts.empty() ? "" : " after the conflicts in " + conflicts));
    }
    const bool changed = !(merged.data == ours);
    if (!opts.dry_run && changed) {
        opened->data() = merged.data;
        // Records taken from the other copy keep the time they were changed there.
        opened->store.commit(fmt::format("merge {}", opts.other), opened->now, Store::Stamp::kept);
    }
    print_result(ctx, merged, opts.other, opts.dry_run, changed);
}

} // namespace merge_command

void setup_merge(CLI::App& app, cli::Context& ctx) {
    using namespace merge_command;
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "merge", "Merge another copy of the data file into this one (one undoable change)");
    cmd->add_option("OTHER", opts->other, "The other copy (another device's, a conflicted copy)")
        ->required()
        ->type_name("FILE");
    cmd->add_flag("--dry-run", opts->dry_run, "Show what would be merged; write nothing");
    cmd->footer("Example: showup merge \"showup (conflicted copy).json\" --dry-run");
    cmd->callback([opts, &ctx] { run_merge(*opts, ctx); });
}

} // namespace showup::commands
