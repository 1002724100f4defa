#pragma once
// Pieces several commands share: choosing the provider, describing a session.
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "showup/data.hpp"
#include "showup/reports.hpp"
#include "showup/timeline.hpp"

namespace showup::commands {

// The provider named by `given` (its id, or its name in any case). Empty `given` means the
// only provider there is; with none or several, an error says what to do.
const Provider& pick_provider(const Data& data, const std::string& given);

// A new record for an occurrence of a schedule that has none yet.
Session new_record(const Occurrence& o);
// The stored record of `o`, created from its slot when nothing was recorded about it yet.
// `o` must come from a timeline of `data`; it is not used after the call (the vector may grow).
Session& record_of(Data& data, const Occurrence& o);

struct OutcomeRequest {
    std::string verb; // "attend", "skip", "cancel": names the change for undo
    Outcome outcome = Outcome::attended;
    std::string session; // SESSION as typed; empty for the default
    int late_minutes = 0;
    bool no_show = false;
    std::string reason;
    std::optional<std::string> note;
};

// Records an outcome on one session, replacing one recorded before, and reports it.
void record_outcome(cli::Context& ctx, const OutcomeRequest& request);

// Prints the session with this id, as it is now, in the form --json or a person wants.
void print_session(cli::Context& ctx, const cli::Opened& opened, const std::string& id,
                   const std::string& headline);

// "with Dr. Okafor", from a provider id.
std::string with_provider(const Data& data, const std::string& provider_id);

// Words of one argument given as several ("tomorrow" "10am"), joined by spaces.
std::string join_words(const std::vector<std::string>& words);

// Refuses a second session of `provider` starting at `start` (one that was moved away aside).
void refuse_double_booking(const Timeline& timeline, const std::string& provider,
                           LocalMinutes start);

// What a gap is made of, for people: "Dr. Okafor away 27 Jul – 9 Aug, you skipped Tue 21 Jul".
std::string describe_missed(const Data& data, const std::vector<Occurrence>& missed,
                            LocalDays today);

// A gap as the contract's JSON shape.
nlohmann::ordered_json gap_json(const Gap& gap, const Zone& zone);

} // namespace showup::commands
