#pragma once
// Shell completion scripts generated from the CLI11 app itself, so they cannot drift from it.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace showup::cli {

// The script for `shell` (bash, zsh or fish).
std::string completion_script(const CLI::App& root, std::string_view shell);
// Every visible command, as typed: "init", "provider add", ...
std::vector<std::string> command_paths(const CLI::App& root);

} // namespace showup::cli
