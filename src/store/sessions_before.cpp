#include "sessions_before.hpp"

#include <array>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "json_cursor.hpp"
#include "record_json.hpp"

namespace showup {

SessionFingerprint fingerprint(const Session& s) {
    // Every member, by name: one added to Session does not compile here until it is added.
    const auto& [id, schedule, start, duration, late_minutes, provider, outcome, no_show, note,
                 reason, rescheduled_from, rescheduled_to, moved_by, cancelled_by, told,
                 overrides_absence, recorded_at, changed_at, uid] = s;
    constexpr std::size_t k_texts = 11;
    const std::string_view texts[k_texts] = {id,
                                             schedule,
                                             provider,
                                             note.view(),
                                             reason.view(),
                                             rescheduled_from.view(),
                                             rescheduled_to.view(),
                                             moved_by.view(),
                                             cancelled_by.view(),
                                             overrides_absence.view(),
                                             uid.view()};
    // The other members, and the length of each text, then the texts one after another: in a
    // buffer on the stack (a session's texts are short; a longer one goes to the heap), hashed
    // at once. A session is fingerprinted twice in every change of the whole file.
    struct Fixed {
        std::int64_t start;
        std::int64_t instants[3];
        std::int32_t duration;
        std::int32_t late_minutes;
        std::uint64_t sizes[k_texts];
        std::uint8_t outcome;
        std::uint8_t no_show;
        std::uint8_t instants_set[3];
        std::uint8_t zero[3];
    } fixed{};
    static_assert(std::has_unique_object_representations_v<Fixed>, "no padding: all is hashed");
    fixed.start = start.time_since_epoch().count();
    const MaybeInstant* instants[] = {&told, &recorded_at, &changed_at};
    for (std::size_t i = 0; i < std::size(instants); ++i) {
        fixed.instants[i] = instants[i]->value_or(Instant{}).time_since_epoch().count();
        fixed.instants_set[i] = instants[i]->has_value() ? 1 : 0;
    }
    fixed.duration = duration;
    fixed.late_minutes = late_minutes;
    fixed.outcome = outcome ? static_cast<std::uint8_t>(static_cast<unsigned>(*outcome) + 1) : 0;
    fixed.no_show = no_show ? 1 : 0;
    std::size_t size = sizeof fixed;
    for (std::size_t i = 0; i < std::size(texts); ++i) {
        fixed.sizes[i] = texts[i].size();
        size += texts[i].size();
    }
    std::array<char, 512> stack;
    std::string heap;
    char* out = stack.data();
    if (size > stack.size()) {
        heap.resize(size);
        out = heap.data();
    }
    std::memcpy(out, &fixed, sizeof fixed);
    auto* at = out + sizeof fixed;
    for (const auto text : texts) {
        if (!text.empty()) { // an empty one's data() may be null, which memcpy must not get
            std::memcpy(at, text.data(), text.size());
            at += text.size();
        }
    }
    return XXH3_64bits(out, size);
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
        if (starts_with_id(text, s.id)) {
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
    return line_id((*m_texts)[i]); // (its id unescaped: the constructor saw to that)
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
