// --target: the Drizzle Kit version a 0.x folder is to move to, whose upgrade rules then judge
// what `drizzle-kit up` and the new migrator will make of it (rules/upgrade).
#pragma once

#include <string_view>

namespace miglint {

inline constexpr std::string_view kKitTargetNames = "1.0";

// Only 1.0 exists; "1" is accepted as the same.
inline bool parse_kit_target(std::string_view name) { return name == "1.0" || name == "1"; }

}  // namespace miglint
