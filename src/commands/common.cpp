#include "common.hpp"

#include <fmt/format.h>

#include "showup/errors.hpp"

namespace showup::commands {

namespace {
bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string provider_ids(const Data& data) {
    std::string ids;
    for (const auto& p : data.providers) {
        ids += (ids.empty() ? "" : ", ") + p.id;
    }
    return ids;
}
} // namespace

const Provider& pick_provider(const Data& data, const std::string& given) {
    if (given.empty()) {
        if (data.providers.size() == 1) {
            return data.providers.front();
        }
        if (data.providers.empty()) {
            throw Error("there is no provider yet; add one with: showup provider add NAME");
        }
        throw UsageError(fmt::format("there are several providers ({}); say which with --provider",
                                     provider_ids(data)));
    }
    for (const auto& p : data.providers) {
        if (p.id == given || same_text(p.name, given)) {
            return p;
        }
    }
    throw Error(fmt::format("no provider \"{}\" (there is: {})", given,
                            data.providers.empty() ? "none" : provider_ids(data)));
}

} // namespace showup::commands
