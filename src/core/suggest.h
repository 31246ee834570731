// "Did you mean": the closest of a few known names to an unknown one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace miglint {

// The closest candidate, or "" when none is close enough to help.
std::string closest_name(const std::vector<std::string_view>& candidates, std::string_view name);

}  // namespace miglint
