#pragma once
// The sessions as a command read them, to find what it changed (Store::commit, Store::undo),
// without a copy of each: at 1,000,000 sessions a copy of them all took 216 MB of the 600 a
// change of the whole file peaked at.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "showup/data.hpp"

namespace showup {

// XXH3 (64 bits) of all that a session holds (every member, as `==` compares them): a session
// a command changed is taken as unchanged only if the two fingerprints agree, which two
// different sessions' do with a chance of one in 2^64 (18 billion billion).
using SessionFingerprint = std::uint64_t;
SessionFingerprint fingerprint(const Session& s);

class SessionsBefore {
public:
    SessionsBefore() = default;
    // `sessions` as read. A session whose line `texts` holds (Document::session_texts: one for
    // each session, or none), with its id as it is, is kept as that line and its fingerprint;
    // the others, and all of them with `copy_all` (a window's few), are copied. `texts` must
    // outlive this, unchanged.
    SessionsBefore(const std::vector<Session>& sessions, const std::vector<std::string_view>& texts,
                   bool copy_all, std::string label);

    std::size_t size() const { return m_size; }
    std::string_view id(std::size_t i) const;
    // Whether `s` is the session read at `i`.
    bool same(std::size_t i, const Session& s) const;
    // Its line as record_line writes it.
    std::string line(std::size_t i) const;
    // All of them, when all were copied (`copy_all`); throws otherwise.
    const std::vector<Session>& all() const;

private:
    const Session* copy_at(std::size_t i) const; // of one not kept as its line

    std::size_t m_size = 0;
    std::string m_label; // the file's, should a line not read again
    bool m_copied_all = false;
    std::vector<Session> m_all; // with `copy_all`
    const std::vector<std::string_view>* m_texts = nullptr;
    std::vector<SessionFingerprint> m_prints;          // of those kept as their line
    std::unordered_map<std::size_t, Session> m_copies; // the others, by their place
};

} // namespace showup
