// Finding severities and their names as users write them.
#pragma once

#include <optional>
#include <string_view>

namespace miglint {

enum class Severity { Info = 0, Warning = 1, Error = 2 };

std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view name);

}  // namespace miglint
