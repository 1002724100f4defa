#pragma once
// Pieces several commands share: choosing the provider, describing a session.
#include <string>

#include "cli/context.hpp"
#include "showup/data.hpp"

namespace showup::commands {

// The provider named by `given` (its id, or its name in any case). Empty `given` means the
// only provider there is; with none or several, an error says what to do.
const Provider& pick_provider(const Data& data, const std::string& given);

} // namespace showup::commands
