// The built-in rules, from the central list in rules.def.
#pragma once

#include <span>

#include "engine/rule_api.h"

namespace miglint {

std::span<const RuleInfo> builtin_rules();
std::span<const RuleGroup> builtin_groups();

}  // namespace miglint
