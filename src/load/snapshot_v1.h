// Reads the snapshot.json files of a Drizzle Kit 1.0 folder: the header the history rules compare
// (id, prevIds, version, dialect, PostgreSQL's type) and the checks drizzle-kit 1.0 makes before it
// uses a snapshot (load/snapshot_v1.cpp says which).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "load/model.h"

namespace miglint::drizzle_kit_1 {

// The latest snapshot version drizzle-kit 1.0.0-rc.5 writes for a dialect as it names it in
// snapshots ("postgres", "sqlite", ...); nothing for a dialect it does not know.
std::optional<int> latest_snapshot_version(std::string_view snapshot_dialect);

// snapshots: file_name, prefix, relative_path and display_path already set. Never throws: what
// is wrong is kept in each Snapshot (unreadable, invalid_json, schema_violation).
void load_snapshots(const std::filesystem::path& root, std::vector<Snapshot>& snapshots, const FileOverlay* overlay);

}  // namespace miglint::drizzle_kit_1
