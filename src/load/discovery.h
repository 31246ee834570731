// Turns command-line paths (folders, or any file inside one, even deleted) into
// the migrations folders to check, without duplicates.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "load/dialect.h"

namespace miglint {

struct FolderTarget {
  std::filesystem::path path;
  std::string display_path;  // relative to the working directory, '/' separators
};

struct Discovery {
  std::vector<FolderTarget> folders;
  std::vector<std::string> errors;
  std::optional<Dialect> config_dialect;  // from drizzle.config, when no path was given
};

Discovery discover_folders(const std::vector<std::string>& paths, const std::filesystem::path& cwd);

std::string display_path_of(const std::filesystem::path& path, const std::filesystem::path& cwd);

}  // namespace miglint
