// The Drizzle Kit 1.0 layout: one folder per migration, <YYYYMMDDHHMMSS>_<name>/migration.sql with
// its snapshot.json beside it, and no journal.
#pragma once

#include <optional>
#include <string_view>

#include "load/layout.h"

namespace miglint::drizzle_kit_1 {

const FolderLayout& layout();

// The folderMillis drizzle-orm 1.0's migrator computes from a migration folder's name: its first 14
// characters read as year, month, day, hour, minute and second (each field by its leading digits,
// out-of-range fields carried over as Date.UTC does). Nothing where a field has no digits (NaN).
std::optional<double> folder_millis(std::string_view name);

}  // namespace miglint::drizzle_kit_1
