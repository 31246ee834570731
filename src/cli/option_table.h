// Every command-line option, once: its names, its value, its line in --help, the .miglint.toml key
// that may set it too, and how its value lands in Options. The usage text, the parser and the
// merge with the settings file all read this table, so an option is written in one place.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cli/options.h"

namespace miglint {

struct OptionSpec {
  std::string_view name;        // "--select"
  std::string_view alias;       // "-o", or empty
  std::string_view value;       // shown in --help, e.g. "RULE|GROUP,..."; empty for a flag
  std::string_view help;        // its --help text; '\n' continues it on the next line
  std::string_view config_key;  // the .miglint.toml key that sets it when the command line does not
  // Stores the value (a flag gets ""), or says what is wrong with it.
  std::optional<std::string> (*set)(Options& options, const std::string& value);
  bool takes_value() const { return !value.empty(); }
};

std::span<const OptionSpec> option_table();

// The option of that name or alias, or nothing.
const OptionSpec* find_option(std::string_view name);

// The options part of --help, from the table.
std::string options_usage();

}  // namespace miglint
