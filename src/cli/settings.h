// The command line merged with .miglint.toml: options given on the command line win.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "cli/options.h"
#include "load/config_file.h"

namespace miglint {

struct Settings {
  Options options;
  std::optional<ConfigFile> config;
};

// The error says which file, key and line are wrong.
std::variant<Settings, std::string> load_settings(Options o);

}  // namespace miglint
