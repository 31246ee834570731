// Reads every snapshot once, checks it as drizzle-kit would and keeps only what
// the rules need (ids, version, dialect, problems with their positions, and the schema model
// when asked).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "load/model.h"

namespace miglint {

// snapshots: file_name, prefix, relative_path and display_path already set. dialect: the folder's, if known.
// schema_as: also model each snapshot's schema (Snapshot::schema), read as this dialect, while the
// models kept stay within a budget (snapshot_loader.cpp); the schema history models the others.
void load_snapshots(const std::filesystem::path& root, std::vector<Snapshot>& snapshots, std::optional<Dialect> dialect,
                    const FileOverlay* overlay = nullptr, std::optional<Dialect> schema_as = std::nullopt);

}  // namespace miglint
