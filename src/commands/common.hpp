#pragma once
// Pieces several commands share: choosing the provider, describing a session.
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "showup/data.hpp"
#include "showup/edits.hpp"
#include "showup/reports.hpp"
#include "showup/timeline.hpp"

namespace showup::commands {

// The provider named by `given` (its id, or its name in any case). Empty `given` means the
// only provider there is, or with several the one of the config file (`habits`); otherwise an
// error says what to do.
const Provider& pick_provider(const Data& data, const std::string& given,
                              const cli::Habits& habits);

struct OutcomeRequest {
    std::string verb; // "attend", "skip", "cancel": names the change for undo
    Outcome outcome = Outcome::attended;
    std::string session; // SESSION as typed; empty for the default
    std::optional<int> late_minutes;
    bool no_show = false; // --no-show given
    std::optional<std::string> reason;
    std::optional<std::string> note;
    std::string by;   // cancel --by: "me" or "provider"; empty: as before
    std::string told; // cancel --told WHEN, as typed; empty: now
};

// A date without a time, where a moment is asked for (--told), means noon.
inline constexpr Minutes k_noon{12 * 60};

// Records an outcome on one session, replacing one recorded before, and reports it with what
// it replaced.
void record_outcome(cli::Context& ctx, const OutcomeRequest& request);

// A recorded session in words, as `(was ...)` names it: `skipped without notice: "too scary"`,
// `attended, 30 min late`, `moved to o5 by the provider`; empty when nothing was recorded.
std::string record_text(const Session& s);

// The `show` shape: a session as `list` gives it, with its duration, who moved it, when it
// was recorded, the absence it falls in, and whether it happens despite that absence.
nlohmann::ordered_json session_detail_json(const Occurrence& o, const Zone& zone);

// Prints the session with this id, as it is now, in the form --json or a person wants; with
// `change`, what it replaced too ("replaced" in JSON).
void print_session(cli::Context& ctx, const cli::Opened& opened, const std::string& id,
                   const std::string& headline, const SessionChange* change = nullptr);

// " (was skipped: \"too scary\")" when `change` replaced an outcome or a move, else "".
std::string was_text(const SessionChange& change);

// "\nit falls inside ...": the line that says a session was placed inside an absence and
// happens anyway, to add to a headline; empty when it was not.
std::string inside_absence_text(const Data& data, const Absence* absence, LocalDays today);

// "Dr. Okafor", from a provider id (the id when there is no such provider).
std::string provider_name(const Data& data, const std::string& id);
// "with Dr. Okafor", from a provider id.
std::string with_provider(const Data& data, const std::string& provider_id);

// What a gap is made of, for people: "Dr. Okafor away 27 Jul – 9 Aug, you skipped Tue 21 Jul".
// Sessions whose ids are in `planned` (a plan of `--if`) are said as plans: "you would skip".
std::string describe_missed(const Data& data, const std::vector<Occurrence>& missed,
                            LocalDays today, const std::vector<std::string>& planned = {});

// A gap as the contract's JSON shape.
nlohmann::ordered_json gap_json(const Gap& gap, const Zone& zone);

} // namespace showup::commands
