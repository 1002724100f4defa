#pragma once
// The two kinds of failure, caught once at the CLI boundary: a usage error (exit 2) and
// everything else (exit 1). Messages are one line, without the "showup: " prefix.
#include <stdexcept>
#include <string>

namespace showup {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

class UsageError : public Error {
public:
    explicit UsageError(const std::string& what) : Error(what) {}
};

} // namespace showup
