// Lists the top level of a Drizzle Kit 1.0 folder (load/layout_v1.cpp), entry by entry, without
// following a symbolic link out of the folder.
#pragma once

#include "load/model.h"

namespace miglint::drizzle_kit_1 {

inline constexpr std::string_view kMigrationSql = "migration.sql";
inline constexpr std::string_view kSnapshotJson = "snapshot.json";

// Fills folder.entries (sorted by name), and from them folder.sql_files and folder.snapshots (named
// "<entry>/migration.sql" and "<entry>/snapshot.json"). A meta/_journal.json beside them marks
// folder.journal present. False when no entry holds migration.sql or snapshot.json: then nothing
// is kept.
bool list_entries(Folder& folder);

}  // namespace miglint::drizzle_kit_1
