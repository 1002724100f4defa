// The data file's format, version 2 (documented in docs/data-format.md): reading straight into
// the model with validation that names the offending place, and writing with a stable key
// order and one record a line, so that two versions diff readably.
#include <algorithm>
#include <array>
#include <bitset>
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_set>
#include <variant>

#include <fmt/format.h>

#include "pages.hpp"
#include "record_json.hpp"
#include "showup/errors.hpp"
#include "showup/invariants.hpp"
#include "showup/store.hpp"

namespace showup {

using namespace std::string_view_literals;

// One undo entry as one line in a file of `version` (the records' own lines are in
// record_json.hpp).
std::string undo_entry_line(const UndoEntry& e, int version);

namespace {

constexpr const char* k_collections[] = {"providers", "schedules", "sessions", "absences",
                                         "contacts",  "agenda",    "budgets"};
// The collections every version has; the others came with version 2.
constexpr unsigned k_required_collections = 4;

template <typename T, typename ReadFn>
void read_collection(RecordReader& r, const Place& place, std::vector<T>& out, ReadFn read) {
    r.array(place, [&](const Place& at) { out.push_back(read(r, at)); });
}

} // namespace

void check_valid(const Data& data, const std::string& label) {
    if (const auto v = find_violation(data)) {
        throw Error(fmt::format("{}: {}: {}", label, v->place, v->message));
    }
}

namespace {

// One undo entry; without `with_changes`, its changes are checked for their JSON syntax only
// and not kept (the entry keeps its text instead).
UndoEntry read_undo_entry(RecordReader& r, const Place& place, bool with_changes = true) {
    UndoEntry e;
    // All of it, since all of it is written back.
    Required required{"description", "at", "next_ids_before", "changes"};
    r.object(place, [&](const std::string& key, const Place& at) {
        required.seen(key);
        const auto here = at.member(key.c_str());
        if (key == "description"sv) {
            e.description = r.string(here);
        } else if (key == "at"sv) {
            e.at = r.string(here);
        } else if (key == "next_ids_before"sv) {
            e.next_ids_before = r.next_ids(here);
        } else if (key == "version_before"sv) {
            e.version_before = r.integer(here, 1, Data::k_version);
        } else if (key == "changes"sv && !with_changes) {
            // Checked for its syntax; what it holds is checked when it is undone.
            if (r.cursor().peek() != JsonCursor::Kind::array) {
                r.wrong(here, "must be an array");
            }
            r.cursor().skip();
        } else if (key == "changes"sv) {
            r.array(here, [&](const Place& c) {
                RecordChange change;
                Required change_required{"collection", "id", "before"};
                r.object(c, [&](const std::string& ckey, const Place& cat) {
                    change_required.seen(ckey);
                    const auto chere = cat.member(ckey.c_str());
                    if (ckey == "collection"sv) {
                        change.collection = r.string(chere);
                        if (std::find(std::begin(k_collections), std::end(k_collections),
                                      change.collection) == std::end(k_collections)) {
                            r.fail(chere,
                                   fmt::format("\"{}\" is not a collection", change.collection));
                        }
                    } else if (ckey == "id"sv) {
                        change.id = r.string(chere);
                    } else if (ckey == "index"sv) {
                        change.index = static_cast<std::size_t>(
                            r.integer(chere, 0, std::numeric_limits<int>::max()));
                    } else if (ckey == "before"sv) {
                        const auto kind = r.cursor().peek();
                        if (kind == JsonCursor::Kind::null) {
                            r.cursor().null();
                        } else if (kind == JsonCursor::Kind::object) {
                            // As it was read, on one line: line breaks can only be white space
                            // between its tokens (a string holds none), and showup writes each
                            // entry on a line of its own, which a sealed text's reader relies
                            // on (entry_line).
                            change.before = std::string(r.cursor().skip());
                            std::replace_if(
                                change.before.begin(), change.before.end(),
                                [](char ch) { return ch == '\n' || ch == '\r'; }, ' ');
                        } else {
                            r.wrong(chere, "must be an object or null");
                        }
                    } else {
                        r.cursor().skip();
                    }
                });
                change_required.check(r, c);
                e.changes.push_back(std::move(change));
            });
        } else {
            r.cursor().skip();
        }
    });
    required.check(r, place);
    return e;
}

// Appends `"key": [ ...records, one a line... ]`, written straight into `out`: a file of a
// million sessions should not be held twice over as lines.
template <typename T, typename LineFn>
void append_lines(std::string& out, const char* key, const std::vector<const T*>& items, bool last,
                  LineFn line) {
    out += fmt::format("  \"{}\": [", key);
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        out += line(*items[i]);
    }
    out += items.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

template <typename T>
void append_records(std::string& out, const char* key, const std::vector<const T*>& items,
                    bool last) {
    append_lines(out, key, items, last, [](const T& item) { return record_line(item); });
}

// Version 1 had three counters.
std::string next_ids_line(const NextIds& ids, int version) {
    if (version >= 2) {
        return record_line(ids);
    }
    return fmt::format(R"({{"schedule":{},"session":{},"absence":{}}})", ids.schedule, ids.session,
                       ids.absence);
}

template <typename T> std::vector<const T*> pointers(const std::vector<T>& items) {
    std::vector<const T*> out;
    out.reserve(items.size());
    for (const auto& item : items) {
        out.push_back(&item);
    }
    return out;
}

// The day of a session's slot, from its record's text. showup writes `"start":"YYYY-MM-DD...`,
// read here by hand, since every session of a large file passes by; a record written otherwise,
// or a date that is not one, is read member by member (which names what is wrong).
LocalDays slot_day(std::string_view record, const Place& at, const std::string& label) {
    constexpr std::string_view key = "\"start\":\"";
    // Found by its 't', which is rarer in a record than its quote (memmem costs more to set
    // up than to search 130 bytes).
    std::size_t k = 0;
    for (auto t = record.find('t', 2); t != std::string_view::npos; t = record.find('t', t + 1)) {
        if (record.compare(t - 2, key.size(), key) == 0) {
            k = t - 2;
            break;
        }
    }
    if (k != 0) {
        if (const auto day = parse_iso_date(record.substr(k + key.size(), 10))) {
            return *day;
        }
    }
    JsonCursor cursor(record, label);
    RecordReader r(cursor, label);
    std::optional<LocalDays> day;
    r.object(at, [&](const std::string& name, const Place& in) {
        if (name == "start"sv) {
            day = date::floor<date::days>(r.date_time(in.member("start")));
        } else {
            cursor.pass();
        }
    });
    return day.value_or(LocalDays{});
}

// The id of a session from its record's text (showup writes it first); empty when the record
// is written otherwise, and then read member by member.
std::string session_id(std::string_view record, const Place& at, const std::string& label) {
    if (record.starts_with(k_id_start)) {
        const auto end = record.find_first_of("\"\\", k_id_start.size());
        if (end != std::string_view::npos && record[end] == '"') {
            return std::string(record.substr(k_id_start.size(), end - k_id_start.size()));
        }
    }
    JsonCursor cursor(record, label);
    RecordReader r(cursor, label);
    std::string id;
    r.object(at, [&](const std::string& name, const Place& in) {
        if (name == "id"sv) {
            id = r.string(in.member("id"));
        } else {
            cursor.pass();
        }
    });
    return id;
}

// A session from its record's text, alone (a line of the file), into `out`.
void read_line_session(std::string_view record, const Place& at, const std::string& label,
                       std::vector<Session>& out) {
    JsonCursor cursor(record, label);
    RecordReader r(cursor, label);
    read_session_into(r, at, out.emplace_back());
    cursor.finish();
}

// Where the sessions' array that opens at `open` closes, in a text laid out as showup writes
// it: the line after it is the absences' key, found from the end past the few lines of the
// collections that follow. npos when it is not so.
std::size_t sessions_close(std::string_view text, std::size_t open) {
    constexpr std::string_view k_next = "\n  \"absences\": [";
    if (open >= text.size() || text[open] != '[') {
        return std::string_view::npos;
    }
    for (auto end = text.size(); end > open;) {
        const auto* nl = static_cast<const char*>(::memrchr(text.data() + open, '\n', end - open));
        if (nl == nullptr) {
            break;
        }
        const auto at = static_cast<std::size_t>(nl - text.data());
        if (text.substr(at).starts_with(k_next)) {
            const auto close = at - 2; // "],"
            return close >= open && text[close] == ']' && text[close + 1] == ','
                       ? close
                       : std::string_view::npos;
        }
        end = at;
    }
    return std::string_view::npos;
}

// How a session's line starts in a file laid out as showup writes it: its id first.
constexpr std::string_view k_line_start = "\n    {\"id\":";

// The newline before the line of session `id`, between `from` and `to` in a sealed text, or npos:
// the line starts `    {"id":ID,` (showup writes the id first), looked for by skipping
// (Boyer-Moore-Horspool) rather than line by line, so that a million lines take a memory scan.
std::size_t find_session_line(std::string_view text, std::size_t from, std::size_t to,
                              std::string_view id) {
    std::string needle(k_line_start);
    append_json_string(needle, id);
    needle += ',';
    const auto span = text.substr(0, to);
    const auto at =
        std::search(span.begin() + static_cast<std::ptrdiff_t>(std::min(from, to)), span.end(),
                    std::boyer_moore_horspool_searcher(needle.begin(), needle.end()));
    return at == span.end() ? std::string_view::npos : static_cast<std::size_t>(at - span.begin());
}

// The day of the session `id` in a sealed text whose sessions' array opens at `open`.
std::optional<LocalDays> sealed_day_of(std::string_view text, std::size_t open, std::string_view id,
                                       const std::string& label) {
    const auto close = sessions_close(text, open);
    if (close == std::string_view::npos) {
        throw Error("the day of a session is found only in a file laid out as showup writes it");
    }
    const auto at = find_session_line(text, open, close, id);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto line = text.substr(at + 5, text.find('\n', at + 1) - at - 5);
    return slot_day(line, Place().member("sessions").element(0), label);
}

// The sessions of a sealed text (Trust::sealed) on `days`, found by bisecting their lines:
// showup writes the sessions one a line, in the order of their start, and the members after
// them in a known order, so that the records outside the window need not be looked at. Those
// a move links to are found by the day in their id, or else line by line. With `keep` (a change
// to the window), the text of each session read goes to `texts`, and the text before and after
// the window to `keep`. False, with nothing read, when the text is not laid out so.
bool read_sealed_sessions(std::string_view text, JsonCursor& cursor,
                          const std::pair<LocalDays, LocalDays>& days, std::vector<Session>& out,
                          const std::string& label, SessionsOutside* keep,
                          std::vector<std::string_view>* texts) {
    if (cursor.peek() != JsonCursor::Kind::array) {
        return false;
    }
    const auto open = cursor.position();
    const auto close = sessions_close(text, open);
    if (close == std::string_view::npos) {
        return false;
    }
    if (close == open + 1) { // []
        cursor.jump(close + 1);
        if (keep != nullptr) {
            keep->in_window = 0;
        }
        return true;
    }
    // The newlines in the array: each is followed by "    " and a record, the last by "  ]".
    const auto first_nl = open + 1;
    const auto last_nl = close - 3;
    if (text[first_nl] != '\n' || text.substr(last_nl, 4) != "\n  ]") {
        return false;
    }
    const auto next_nl = [&](std::size_t from) { return text.find('\n', from); };
    const auto record_at = [&](std::size_t nl) {
        auto line = text.substr(nl + 5, next_nl(nl + 1) - nl - 5);
        if (line.ends_with(',')) {
            line.remove_suffix(1);
        }
        return line;
    };
    const Place place = Place().member("sessions");
    // The newline of the first record on or after `day` (last_nl when none).
    const auto lower = [&](LocalDays day) {
        auto lo = first_nl;
        auto hi = last_nl;
        while (lo < hi) {
            auto mid = next_nl(lo + (hi - lo) / 2);
            if (mid >= hi) {
                mid = lo;
            }
            if (slot_day(record_at(mid), place.element(0), label) < day) {
                lo = next_nl(mid + 1);
            } else {
                hi = mid;
            }
        }
        return lo;
    };
    std::unordered_set<std::string> read;
    const auto build = [&](std::size_t nl, std::size_t index) {
        const auto record = record_at(nl);
        read_line_session(record, place.element(index), label, out);
        read.insert(out.back().id);
        if (texts != nullptr) {
            texts->push_back(record);
        }
    };
    const auto from = lower(days.first);
    const auto to = lower(days.second + date::days{1});
    // A sealed text has nothing wrong in it to name by its place: a record's index counts from
    // the first one read.
    std::size_t index = 0;
    for (auto nl = from; nl < to; nl = next_nl(nl + 1)) {
        build(nl, index++);
        // Each line's day was read from its text: the record must say the same (a save keeps
        // only such lines). Should one not, the text is read record by record instead.
        if (const auto day = day_of(out.back().start); day < days.first || day > days.second) {
            out.clear();
            if (texts != nullptr) {
                texts->clear();
            }
            return false;
        }
    }
    if (keep != nullptr) {
        // The last record has no comma after it; the others' is left for the separator.
        const auto before_end = from == last_nl ? last_nl : from - 1;
        keep->before = from == first_nl ? std::string_view{}
                                        : text.substr(first_nl + 5, before_end - (first_nl + 5));
        keep->after = to == last_nl ? std::string_view{} : text.substr(to + 5, last_nl - to - 5);
        keep->in_window = out.size();
    }
    // The sessions a move links the window's to, and those theirs link to, round by round: an
    // occurrence by its day, a one-off by its id, all of a round's one-offs in one pass.
    for (std::size_t done = 0; done < out.size();) {
        std::unordered_set<std::string> one_offs; // their ids as the lines write them
        for (const auto round_end = out.size(); done < round_end; ++done) {
            // Copies: `build` adds to `out`.
            const std::array<std::string, 2> links{out[done].rescheduled_from.str(),
                                                   out[done].rescheduled_to.str()};
            for (const auto& link : links) {
                if (link.empty() || read.contains(link)) {
                    continue;
                }
                const auto day = occurrence_day(link);
                if (!day) {
                    std::string written;
                    append_json_string(written, link);
                    if (written.find('\\') == std::string::npos) {
                        one_offs.insert(std::move(written));
                        continue;
                    }
                }
                // Its line, outside the window (whose sessions are all read): by its day, or
                // (an id with an escape in it) anywhere.
                if (const auto nl =
                        find_session_line(text, day ? lower(*day) : first_nl,
                                          day ? lower(*day + date::days{1}) : last_nl, link);
                    nl != std::string_view::npos && (nl < from || nl >= to)) {
                    build(nl, index++);
                }
            }
        }
        if (one_offs.empty()) {
            continue;
        }
        // Line by line, each line's id (`    {"id":"ID",`) looked up only when one of the ids
        // wanted is as long.
        std::bitset<256> lengths;
        for (const auto& id : one_offs) {
            lengths.set(std::min<std::size_t>(id.size(), 255));
        }
        for (auto nl = first_nl; nl < last_nl && !one_offs.empty(); nl = next_nl(nl + 1)) {
            if ((nl >= from && nl < to) ||
                text.compare(nl, k_line_start.size(), k_line_start) != 0) {
                continue;
            }
            // The id's closing quote, on its line.
            const auto id_at = nl + k_line_start.size();
            const auto line_end = std::min(next_nl(nl + 1), last_nl);
            const auto* id_end = id_at + 1 < line_end
                                     ? static_cast<const char*>(std::memchr(
                                           text.data() + id_at + 1, '"', line_end - id_at - 1))
                                     : nullptr;
            if (id_end == nullptr) {
                continue;
            }
            const auto id =
                text.substr(id_at, static_cast<std::size_t>(id_end + 1 - text.data()) - id_at);
            if (lengths.test(std::min<std::size_t>(id.size(), 255)) &&
                one_offs.erase(std::string(id)) > 0) {
                build(nl, index++);
            }
        }
    }
    cursor.jump(close + 1);
    return true;
}

// Reads the sessions whose slot is on `days` into `out`; the others are walked for their JSON
// syntax only. With `linked`, also the sessions a move links those to, however far away (so
// that a moved session is shown with where it went, and the links check out).
void read_sessions_on(JsonCursor& cursor, RecordReader& r, const Place& place,
                      const std::pair<LocalDays, LocalDays>& days, std::vector<Session>& out,
                      const std::string& label, bool linked) {
    const auto build = [&](std::string_view record, const Place& at) {
        read_line_session(record, at, label, out);
    };
    std::vector<std::pair<std::size_t, std::string_view>> others; // index, text
    r.array(place, [&](const Place& at) {
        const auto record = cursor.pass_line();
        const auto day = slot_day(record, at, label);
        if (day >= days.first && day <= days.second) {
            build(record, at);
        } else if (linked) {
            others.emplace_back(at.index, record);
        }
    });
    std::unordered_set<std::string> read;
    std::unordered_set<std::string> wanted;
    const auto want_links = [&](std::size_t from) {
        for (std::size_t i = from; i < out.size(); ++i) {
            for (const auto* link : {&out[i].rescheduled_from, &out[i].rescheduled_to}) {
                if (!link->empty() && !read.contains(*link)) {
                    wanted.insert(*link);
                }
            }
        }
    };
    if (linked) {
        for (const auto& s : out) {
            read.insert(s.id);
        }
        want_links(0);
    }
    // A chain of moves takes a pass a link; they are short.
    while (!wanted.empty()) {
        const auto from = out.size();
        for (auto& [index, record] : others) {
            if (record.empty()) {
                continue;
            }
            const auto at = place.element(index);
            if (auto id = session_id(record, at, label); wanted.contains(id)) {
                build(record, at);
                read.insert(std::move(id));
                record = {};
            }
        }
        wanted.clear();
        want_links(from); // a link to nothing stays wanted no more: the check names it
    }
}

// Room for the sessions of a file whose sessions start at `from`: a line of showup's takes
// 100 bytes or more, and growing the vector record by record would move a large file's
// sessions many times over. (Room reserved and not used costs no memory: its pages are never
// touched.)
std::size_t sessions_at_most(std::string_view text, std::size_t from) {
    return (text.size() - std::min(from, text.size())) / 96 + 16;
}

// A new session at the end of `sessions`, whose room (reserved for all the text could hold)
// gets its pages a run of sessions at a time as they are read, in one call for each run (see
// pages.hpp): not for more than the file has, whatever follows its sessions.
Session& next_session(std::vector<Session>& sessions) {
    constexpr std::size_t k_run = 2048;
    if (const auto n = sessions.size(); n % k_run == 0) {
        make_pages(sessions.data() + n, std::min(k_run, sessions.capacity() - n) * sizeof(Session));
    }
    return sessions.emplace_back();
}

// The undo entry that starts at `start` of a sealed text, alone on its line as showup writes
// it ("{...}", and a comma when another follows); empty when it is not laid out so.
std::string_view entry_line(std::string_view text, std::size_t start) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
        return {};
    }
    auto line = text.substr(start, end - start);
    if (line.ends_with(',')) {
        line.remove_suffix(1);
    }
    if (line.size() < 2 || line.front() != '{' || line.back() != '}') {
        return {};
    }
    return line;
}

} // namespace

void read_entry(UndoEntry& entry, const std::string& label) {
    if (entry.text.empty()) {
        return;
    }
    JsonCursor cursor(entry.text, label);
    RecordReader r(cursor, label);
    const Place root;
    const auto history = root.member("history"); // points to `root`, which must outlive it
    entry = read_undo_entry(r, history.element(0));
    cursor.finish();
}

void read_other_versions(Document& doc, const std::string& label) {
    for (auto& e : doc.history) {
        if (!e.text.empty() && e.text_version != doc.version) {
            read_entry(e, label);
        }
    }
}

Document parse_document(std::string_view text, const std::string& label, History history,
                        const SessionDays& session_days, Trust trust) {
    // A byte order mark (editors on some systems write one) is read past, and not written back.
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    JsonCursor cursor(text, label);
    RecordReader r(cursor, label);
    Document doc;
    doc.text_size = text.size();
    if (history == History::as_text) {
        doc.source = text;
    }
    auto& d = doc.data;
    std::optional<int> version;
    bool has_timezone = false;
    bool has_next_ids = false;
    unsigned collections = 0;
    bool whole = false; // a window's change in a file not laid out for one: read it all
    const Place root;
    if (cursor.peek() != JsonCursor::Kind::object) {
        cursor.skip();
        throw Error(fmt::format("{}: the top level must be an object", label));
    }
    cursor.members([&](const std::string& key) {
        const auto here = root.member(key.c_str());
        if (key == "version"sv) {
            version = r.integer(here, 1, 1'000'000);
            if (*version > Data::k_version) {
                throw Error(
                    fmt::format("{}: version {} is newer than this showup understands ({}); "
                                "upgrade showup to use this file",
                                label, *version, Data::k_version));
            }
        } else if (key == "timezone"sv) {
            d.timezone = r.string(here);
            has_timezone = true;
        } else if (key == "next_ids"sv) {
            d.next_ids = r.next_ids(here);
            has_next_ids = true;
        } else if (key == "providers"sv) {
            read_collection(r, here, d.providers, read_provider);
            collections |= 1U;
        } else if (key == "schedules"sv) {
            read_collection(r, here, d.schedules, read_schedule);
            collections |= 2U;
        } else if (key == "sessions"sv) {
            if (session_days && has_timezone) {
                d.sessions_read =
                    session_days(d.timezone, [&](std::string_view id) -> std::optional<LocalDays> {
                        // Only a sealed text's layout is known (its syntax too: peek is safe).
                        if (trust != Trust::sealed || cursor.peek() != JsonCursor::Kind::array) {
                            throw Error("the day of a session is found only in a sealed file");
                        }
                        return sealed_day_of(text, cursor.position(), id, label);
                    });
            }
            if (d.sessions_read && history == History::as_text && version != Data::k_version) {
                // A change to a file of an older version writes every record anew.
                whole = true;
                cursor.pass();
            } else if (d.sessions_read) {
                SessionsOutside* keep = nullptr;
                std::vector<std::string_view>* texts = nullptr;
                if (history == History::as_text) {
                    keep = &doc.outside.emplace();
                    texts = &doc.session_texts;
                }
                const bool found =
                    trust == Trust::sealed && read_sealed_sessions(text, cursor, *d.sessions_read,
                                                                   d.sessions, label, keep, texts);
                if (!found && keep != nullptr) {
                    // A change writes the rest back only as it found it by its lines.
                    whole = true;
                    cursor.pass();
                } else if (!found) {
                    read_sessions_on(cursor, r, here, *d.sessions_read, d.sessions, label, true);
                }
            } else if (history == History::as_text && version == Data::k_version) {
                d.sessions.reserve(sessions_at_most(text, cursor.position()));
                doc.session_texts.reserve(d.sessions.capacity());
                r.array(here, [&](const Place& at) {
                    cursor.peek();
                    const auto start = cursor.position();
                    auto& s = next_session(d.sessions);
                    read_session_into(r, at, s);
                    // Only a record laid out as showup writes it is kept as it is: alone on its
                    // line, its id first and as it is (without an escape, which a change to a
                    // window looks for: Store::refuse_beyond_window), and the first "start" in
                    // it its own (not one inside another member, nor the first of two), since a
                    // sealed file's lines are found by their id and day (read_sealed_sessions).
                    // Others are written anew.
                    auto record = text.substr(start, cursor.position() - start);
                    if (!starts_with_id(record, s.id) ||
                        record.find('\n') != std::string_view::npos ||
                        slot_day(record, at, label) != day_of(s.start)) {
                        record = {};
                    }
                    doc.session_texts.push_back(record);
                });
            } else {
                d.sessions.reserve(sessions_at_most(text, cursor.position()));
                r.array(here, [&](const Place& at) {
                    read_session_into(r, at, next_session(d.sessions));
                });
            }
            collections |= 4U;
        } else if (key == "absences"sv) {
            read_collection(r, here, d.absences, read_absence);
            collections |= 8U;
        } else if (key == "contacts"sv) {
            read_collection(r, here, d.contacts, read_contact);
        } else if (key == "agenda"sv) {
            read_collection(r, here, d.agenda, read_agenda_item);
        } else if (key == "budgets"sv) {
            read_collection(r, here, d.budgets, read_budget);
        } else if (key == "history"sv && history == History::read) {
            r.array(here, [&](const Place& at) { doc.history.push_back(read_undo_entry(r, at)); });
        } else if (key == "history"sv && history == History::as_text) {
            r.array(here, [&](const Place& at) {
                cursor.peek();
                const auto start = cursor.position();
                // A sealed text has each entry on a line of its own, as showup writes them:
                // it is taken as it is, and read only when it is undone (read_entry).
                if (const auto line = trust == Trust::sealed ? entry_line(text, start) : ""sv;
                    !line.empty()) {
                    auto& e = doc.history.emplace_back();
                    e.text = line;
                    e.text_version = version.value_or(0);
                    cursor.jump(start + line.size());
                    return;
                }
                auto& e = doc.history.emplace_back(read_undo_entry(r, at, false));
                e.text = text.substr(start, cursor.position() - start);
                // The version its next_ids_before is written for (version 1 had three).
                e.text_version = version.value_or(0);
                // One laid out over lines is written anew: a sealed file has line breaks only
                // where showup writes them (read_sealed_sessions finds the sessions' end so).
                if (e.text.find('\n') != std::string_view::npos) {
                    read_entry(e, label);
                }
            });
        } else {
            cursor.skip();
        }
    });
    cursor.finish();
    if (!version) {
        r.fail(root.member("version"), "is missing");
    }
    doc.version = *version;
    if (!has_timezone) {
        r.fail(root.member("timezone"), "is missing");
    }
    if (trust == Trust::check && !Zone::exists(d.timezone)) {
        const auto why = Zone::why_refused(d.timezone);
        r.fail(root.member("timezone"), fmt::format("\"{}\" is not a time zone{}{}", d.timezone,
                                                    why.empty() ? "" : ": ", why));
    }
    if (!has_next_ids) {
        r.fail(root.member("next_ids"), "is missing");
    }
    for (unsigned i = 0; i < k_required_collections; ++i) {
        if ((collections & (1U << i)) == 0) {
            r.fail(root.member(k_collections[i]), "is missing");
        }
    }
    if (whole || (d.sessions_read && trust == Trust::check && find_violation(d))) {
        // Read whole, so that the error names the record by its place in the file.
        return parse_document(text, label, history, {}, trust);
    }
    if (trust == Trust::check) {
        check_valid(d, label);
    }
    return doc;
}

Data parse_parts(std::string_view text, const std::string& label, const Parts& parts) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    JsonCursor cursor(text, label);
    RecordReader r(cursor, label);
    Data d;
    const Place root;
    if (cursor.peek() != JsonCursor::Kind::object) {
        throw Error(fmt::format("{}: the top level must be an object", label));
    }
    cursor.members([&](const std::string& key) {
        const auto here = root.member(key.c_str());
        if (key == "version"sv) {
            r.integer(here, 1, Data::k_version);
        } else if (key == "timezone"sv) {
            d.timezone = r.string(here);
        } else if (key == "providers"sv && parts.providers) {
            read_collection(r, here, d.providers, read_provider);
        } else if (key == "schedules"sv && parts.schedules) {
            read_collection(r, here, d.schedules, read_schedule);
        } else if (key == "sessions"sv && parts.sessions) {
            read_sessions_on(cursor, r, here, *parts.sessions, d.sessions, label, false);
        } else if (key == "absences"sv && parts.absences) {
            read_collection(r, here, d.absences, read_absence);
        } else if (key == "contacts"sv && parts.contacts) {
            read_collection(r, here, d.contacts, read_contact);
        } else if (key == "agenda"sv && parts.agenda) {
            read_collection(r, here, d.agenda, read_agenda_item);
        } else {
            cursor.pass();
        }
    });
    return d;
}

namespace {

// Room for about `size` bytes of text and some: a large file's text must not be moved, twice
// its size, to grow it. (Pages reserved and not written cost no memory.) The pages of `size`
// are made at once (see pages.hpp).
void make_room(std::string& out, std::size_t size) {
    out.reserve(size + size / 8 + 65536);
    make_pages(out.data(), std::min(out.capacity(), size));
}

// Lines [first, end) of a list (sessions or undo entries, as a save writes them), kept as
// their text and laid out one after another in the text read as showup writes them: written
// back as one piece of that text.
struct LineRun {
    std::size_t first = 0;
    std::size_t end = 0;
    std::string_view text;
};

// A shorter run is copied rather than kept: a file's pieces stay few (a save walks them for
// every page it compares), and a short copy costs nothing.
constexpr std::size_t k_shortest_kept = 4096;

// The runs of `count` lines, `line_at(i)` the text of line i when it is kept as read (a view
// into `source`, or else anything, or empty when it is written anew).
template <typename LineAt>
std::vector<LineRun> line_runs(std::string_view source, std::size_t count, LineAt line_at) {
    constexpr std::string_view k_between = ",\n    ";
    // Where `text` starts in the source; npos when it is not a part of it.
    const auto offset = [&](std::string_view text) {
        const std::less_equal<const char*> at_most;
        if (source.empty() || text.empty() || !at_most(source.data(), text.data()) ||
            !at_most(text.data() + text.size(), source.data() + source.size())) {
            return std::string_view::npos;
        }
        return static_cast<std::size_t>(text.data() - source.data());
    };
    std::vector<LineRun> runs;
    const auto close = [&] {
        if (!runs.empty() && runs.back().text.size() < k_shortest_kept) {
            runs.pop_back();
        }
    };
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view text = line_at(i);
        const auto at = offset(text);
        if (at == std::string_view::npos) {
            continue;
        }
        if (!runs.empty() && runs.back().end == i) {
            auto& run = runs.back();
            const auto run_at = static_cast<std::size_t>(run.text.data() - source.data());
            const auto run_end = run_at + run.text.size();
            if (at == run_end + k_between.size() && source.substr(run_end).starts_with(k_between)) {
                run.text = source.substr(run_at, at + text.size() - run_at);
                run.end = i + 1;
                continue;
            }
        }
        close();
        runs.push_back({i, i + 1, text});
    }
    close();
    return runs;
}

} // namespace

std::vector<std::string_view> SavedText::pieces() const {
    std::vector<std::string_view> views;
    views.reserve(parts.size());
    for (const auto& part : parts) {
        if (const auto* w = std::get_if<Written>(&part)) {
            views.emplace_back(std::string_view(written).substr(w->at, w->size));
        } else {
            views.emplace_back(std::get<std::string_view>(part));
        }
    }
    return views;
}

std::string serialize_document(const Document& doc,
                               const std::vector<std::string_view>& session_texts) {
    auto saved = serialize_pieces(doc, session_texts);
    if (saved.parts.size() == 1 && std::holds_alternative<SavedText::Written>(saved.parts[0])) {
        return std::move(saved.written);
    }
    const auto pieces = saved.pieces();
    std::size_t size = 0;
    for (const auto piece : pieces) {
        size += piece.size();
    }
    std::string out;
    out.reserve(size);
    for (const auto piece : pieces) {
        out += piece;
    }
    return out;
}

SavedText serialize_pieces(const Document& doc,
                           const std::vector<std::string_view>& session_texts) {
    const auto& d = doc.data;
    SavedText saved;
    // Sessions in time order, so the file reads as a diary.
    auto sessions = pointers(d.sessions);
    std::stable_sort(sessions.begin(), sessions.end(), [](const Session* a, const Session* b) {
        return std::tie(a->start, a->id) < std::tie(b->start, b->id);
    });
    const auto text_of = [&](const Session& s) {
        return session_texts[static_cast<std::size_t>(&s - d.sessions.data())];
    };
    // What is kept of the text read (the sessions around a window's change, or the runs of
    // sessions a change of the whole file did not change; undo entries as they were) is not
    // copied: `out` needs room for the rest only.
    const bool session_lines =
        !doc.outside && session_texts.size() == d.sessions.size() && !d.sessions.empty();
    const auto session_runs = session_lines
                                  ? line_runs(doc.source, sessions.size(),
                                              [&](std::size_t i) { return text_of(*sessions[i]); })
                                  : std::vector<LineRun>{};
    for (const auto& e : doc.history) {
        if (!e.text.empty() && e.text_version != doc.version) {
            throw Error("internal: an undo entry kept as text is for another version");
        }
    }
    const auto history_runs = line_runs(doc.source, doc.history.size(),
                                        [&](std::size_t i) { return doc.history[i].text; });
    std::size_t kept_size = 0;
    for (const auto* runs : {&session_runs, &history_runs}) {
        for (const auto& run : *runs) {
            kept_size += run.text.size();
        }
    }
    if (doc.outside) {
        kept_size += doc.outside->before.size() + doc.outside->after.size();
    }
    // About a session's line each, or the size of the file read.
    const auto whole = std::max(doc.outside ? 0 : d.sessions.size() * 128, doc.text_size);
    // All that is written anew goes into one string, however many parts are kept between.
    auto& out = saved.written;
    make_room(out, whole - std::min(whole, kept_size));
    std::size_t mark = 0; // where the part of `out` not yet in `parts` starts
    const auto close = [&] {
        if (out.size() > mark) {
            saved.parts.emplace_back(SavedText::Written{mark, out.size() - mark});
            mark = out.size();
        }
    };
    // A part of the text read, written back where `out` ends.
    const auto keep = [&](std::string_view text) {
        close();
        saved.parts.emplace_back(text);
    };
    // Lines after "[" (sessions or undo entries): the runs kept, the others as `line_of(i)`.
    const auto add_lines = [&](std::size_t count, const std::vector<LineRun>& runs,
                               const auto& line_of) {
        auto run = runs.begin();
        for (std::size_t i = 0; i < count; ++i) {
            out += i == 0 ? "\n    " : ",\n    ";
            if (run != runs.end() && run->first == i) {
                keep(run->text);
                i = run->end - 1;
                ++run;
            } else {
                out += line_of(i);
            }
        }
    };
    out += "{\n";
    out += fmt::format("  \"version\": {},\n", doc.version);
    out += fmt::format("  \"timezone\": {},\n", json_string(d.timezone));
    out += fmt::format("  \"next_ids\": {},\n", next_ids_line(d.next_ids, doc.version));
    append_records(out, "providers", pointers(d.providers), false);
    append_records(out, "schedules", pointers(d.schedules), false);
    if (doc.outside) {
        // A window's change: the window's sessions between the text around them. Those read
        // for a link are in that text (Store::commit saw that they did not change).
        const auto before = doc.outside->before;
        const auto after = doc.outside->after;
        if (session_texts.size() != d.sessions.size()) {
            throw Error("internal: a window's change without the text of its sessions");
        }
        const auto within = [](std::string_view span, std::string_view text) {
            return !span.empty() && text.data() >= span.data() &&
                   text.data() < span.data() + span.size();
        };
        std::erase_if(sessions, [&](const Session* s) {
            const auto& text = session_texts[static_cast<std::size_t>(s - d.sessions.data())];
            return within(before, text) || within(after, text);
        });
        out += "  \"sessions\": [";
        const char* separator = "\n    ";
        if (!before.empty()) {
            out += separator;
            separator = ",\n    ";
            keep(before);
        }
        for (const auto* s : sessions) {
            const auto& text = session_texts[static_cast<std::size_t>(s - d.sessions.data())];
            out += separator;
            separator = ",\n    ";
            out += text.empty() ? record_line(*s) : text;
        }
        if (!after.empty()) {
            out += separator;
            separator = ",\n    ";
            keep(after);
        }
        out += separator[0] == ',' ? "\n  ],\n" : "],\n";
    } else if (session_lines) {
        out += "  \"sessions\": [";
        add_lines(sessions.size(), session_runs, [&](std::size_t i) {
            const auto text = text_of(*sessions[i]);
            return text.empty() ? record_line(*sessions[i]) : std::string(text);
        });
        out += "\n  ],\n";
    } else {
        append_records(out, "sessions", sessions, false);
    }
    append_records(out, "absences", pointers(d.absences), false);
    // A version 1 file (kept so until its first change, or again after undoing that change)
    // has none of version 2's collections.
    if (doc.version >= 2) {
        append_records(out, "contacts", pointers(d.contacts), false);
        append_records(out, "agenda", pointers(d.agenda), false);
        append_records(out, "budgets", pointers(d.budgets), false);
    }
    // The undo history: entries as they were read (in runs), and the others written anew.
    out += "  \"history\": [";
    add_lines(doc.history.size(), history_runs, [&](std::size_t i) {
        const auto& e = doc.history[i];
        return e.text.empty() ? undo_entry_line(e, doc.version) : std::string(e.text);
    });
    out += doc.history.empty() ? "]\n}\n" : "\n  ]\n}\n";
    close();
    return saved;
}

std::string undo_entry_line(const UndoEntry& e, int version) {
    std::string changes;
    for (const auto& c : e.changes) {
        changes += fmt::format("{}{{\"collection\":{},\"id\":{},\"before\":{}{}}}",
                               changes.empty() ? "" : ",", json_string(c.collection),
                               json_string(c.id), c.before.empty() ? "null" : c.before,
                               c.index ? fmt::format(",\"index\":{}", *c.index) : "");
    }
    return fmt::format(
        "{{\"description\":{},\"at\":{},\"next_ids_before\":{},\"changes\":[{}]{}}}",
        json_string(e.description), json_string(e.at), next_ids_line(e.next_ids_before, version),
        changes, e.version_before ? fmt::format(",\"version_before\":{}", *e.version_before) : "");
}

} // namespace showup
