// Reads every snapshot once, checks it as drizzle-kit would and keeps only what
// the rules need (ids, version, dialect, problems with their positions).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "load/model.h"

namespace miglint {

// snapshots: file_name, prefix, relative_path and display_path already set. dialect: the folder's, if known.
void load_snapshots(const std::filesystem::path& root, std::vector<Snapshot>& snapshots, std::optional<Dialect> dialect,
                    const FileOverlay* overlay = nullptr);

}  // namespace miglint
