// Turns command-line paths (folders, or any file inside one, even deleted) into
// the migrations folders to check, without duplicates.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "load/dialect.h"
#include "load/sqlite_driver.h"

namespace miglint {

struct FolderTarget {
  std::filesystem::path path;
  std::string display_path;  // relative to the working directory, '/' separators
  std::optional<Dialect> config_dialect;  // from a drizzle.config whose "out" is this folder
  SqliteDriver config_driver = SqliteDriver::Unknown;  // its "driver", or libsql for dialect "turso"
};

struct Discovery {
  std::vector<FolderTarget> folders;
  std::vector<std::string> errors;
};

Discovery discover_folders(const std::vector<std::string>& paths, const std::filesystem::path& cwd);

std::string display_path_of(const std::filesystem::path& path, const std::filesystem::path& cwd);

}  // namespace miglint
