#include "sessions_before.hpp"

#include <cstring>
#include <stdexcept>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "json_cursor.hpp"
#include "record_json.hpp"

namespace showup {

namespace {

// A session's members one after another, each string with its length first.
class Bytes {
public:
    Bytes& text(std::string_view s) {
        number(static_cast<std::int64_t>(s.size()));
        m_out.append(s);
        return *this;
    }
    Bytes& number(std::int64_t n) {
        m_out.append(reinterpret_cast<const char*>(&n), sizeof n);
        return *this;
    }
    Bytes& instant(const MaybeInstant& t) {
        return number(t ? (*t).time_since_epoch().count() : 0).number(t ? 1 : 0);
    }
    const std::string& done() const { return m_out; }
    void clear() { m_out.clear(); }

private:
    std::string m_out;
};

// "<schedule>@..." as the line has it: `{"id":"` and the id, unescaped (SessionsBefore's
// constructor saw to that).
constexpr std::size_t k_id_at = 7;

} // namespace

SessionFingerprint fingerprint(const Session& s) {
    // Every member, by name: one added to Session does not compile here until it is added.
    const auto& [id, schedule, start, duration, late_minutes, provider, outcome, no_show, note,
                 reason, rescheduled_from, rescheduled_to, moved_by, cancelled_by, told,
                 overrides_absence, recorded_at, changed_at, uid] = s;
    thread_local Bytes bytes;
    bytes.clear();
    bytes.text(id).text(schedule).number(start.time_since_epoch().count());
    bytes.number(duration).number(late_minutes).text(provider);
    bytes.number(outcome ? static_cast<std::int64_t>(*outcome) + 1 : 0).number(no_show ? 1 : 0);
    bytes.text(note).text(reason).text(rescheduled_from).text(rescheduled_to);
    bytes.text(moved_by).text(cancelled_by).instant(told).text(overrides_absence);
    bytes.instant(recorded_at).instant(changed_at).text(uid);
    const auto& all = bytes.done();
    return XXH3_64bits(all.data(), all.size());
}

SessionsBefore::SessionsBefore(const std::vector<Session>& sessions,
                               const std::vector<std::string_view>& texts, bool copy_all,
                               std::string label)
    : m_size(sessions.size()), m_label(std::move(label)) {
    if (copy_all || texts.size() != sessions.size()) {
        m_copied_all = true;
        m_all = sessions;
        return;
    }
    m_texts = &texts;
    m_prints.resize(sessions.size());
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const auto& s = sessions[i];
        const auto text = texts[i];
        if (text.size() > k_id_at + s.id.size() && text.compare(k_id_at, s.id.size(), s.id) == 0 &&
            text[k_id_at + s.id.size()] == '"') {
            m_prints[i] = fingerprint(s);
        } else {
            m_copies.emplace(i, s);
        }
    }
}

std::string_view SessionsBefore::id(std::size_t i) const {
    if (m_copied_all) {
        return m_all[i].id;
    }
    if (const auto* copy = copy_at(i)) {
        return copy->id;
    }
    const auto text = (*m_texts)[i];
    return text.substr(k_id_at, text.find('"', k_id_at) - k_id_at);
}

bool SessionsBefore::same(std::size_t i, const Session& s) const {
    if (m_copied_all) {
        return m_all[i] == s;
    }
    if (const auto* copy = copy_at(i)) {
        return *copy == s;
    }
    return m_prints[i] == fingerprint(s);
}

std::string SessionsBefore::line(std::size_t i) const {
    if (m_copied_all) {
        return record_line(m_all[i]);
    }
    if (const auto* copy = copy_at(i)) {
        return record_line(*copy);
    }
    // The session as it was read from its line.
    JsonCursor cursor((*m_texts)[i], m_label);
    RecordReader r(cursor, m_label);
    return record_line(read_session(r, Place().member("sessions").element(i)));
}

const Session* SessionsBefore::copy_at(std::size_t i) const {
    if (m_copies.empty()) {
        return nullptr;
    }
    const auto it = m_copies.find(i);
    return it == m_copies.end() ? nullptr : &it->second;
}

const std::vector<Session>& SessionsBefore::all() const {
    if (!m_copied_all) {
        throw std::logic_error("internal: the sessions read were not all copied");
    }
    return m_all;
}

} // namespace showup
