#pragma once
// Merging two copies of the data file that were changed apart (two devices, a sync tool's
// conflicted copy): records are matched by id, a record on one side only is taken, and the
// same record changed differently on both sides is a conflict won by the most recent change.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "showup/data.hpp"

namespace showup {

// One field of a record as text, for showing what each side had.
using RecordFields = std::vector<std::pair<std::string, std::string>>;

// Fields of a record both sides filled differently: what each had, which won. A record may
// have two (its outcome, and its other fields).
struct MergeConflict {
    std::string collection; // "sessions", "absences", ...
    std::string id;
    RecordFields ours;
    RecordFields theirs;
    bool kept_theirs = false;
    std::string why; // "theirs was changed later (2026-11-26T10:02:00Z)"
};

// A record of theirs whose id ours uses for another record: it got a new one.
struct MergeRenumbered {
    std::string collection;
    std::string from;
    std::string to;
};

struct MergeRecord {
    std::string collection;
    std::string id;
};

struct MergeResult {
    Data data;
    std::vector<MergeRecord> added;   // records only theirs had (ids as in `data`)
    std::vector<MergeRecord> updated; // records of ours that took fields of theirs, no conflict
    std::vector<MergeConflict> conflicts;
    std::vector<MergeRenumbered> renumbered;
    bool changed() const { return !(added.empty() && updated.empty() && conflicts.empty()); }
};

// Merges `theirs` into `ours` (same time zone). The result is not checked for validity:
// the caller checks it with find_violation and refuses an invalid one.
//
// - Records of every collection are matched by id (occurrences: schedule and date). One whose
//   id ours uses for another record (another identity: a one-off at another time, a contact at
//   another time, ...) is renumbered from `next_ids`, and references to it follow.
// - The same record with different contents is merged field by field: a field only one side
//   filled is taken from it; fields both filled differently are a conflict, won by the later
//   change (`changed_at`; a session's outcome and what goes with it by `recorded_at`, as a
//   whole), with no time or the same by the later in text order, so that the result does not
//   depend on the side. A record only one side has is taken (a removal is not merged).
// - `next_ids` is the larger of both.
MergeResult merge_data(const Data& ours, const Data& theirs);

// The fields of a record as text (empty ones left out), in the file's order.
RecordFields record_fields(const Provider& p);
RecordFields record_fields(const Schedule& s);
RecordFields record_fields(const Session& s);
RecordFields record_fields(const Absence& a);
RecordFields record_fields(const Contact& c);
RecordFields record_fields(const AgendaItem& a);
RecordFields record_fields(const Budget& b);

} // namespace showup
