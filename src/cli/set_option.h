// How each option of the table (core/option_specs.h) lands in the command line's Options.
#pragma once

#include <optional>
#include <string>

#include "cli/options.h"
#include "core/option_specs.h"

namespace miglint {

// Stores the value (a switch gets ""), or says what is wrong with it.
std::optional<std::string> set_option(OptionId option, Options& options, const std::string& value);

}  // namespace miglint
