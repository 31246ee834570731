#include "load/layout.h"

#include <array>

#include "load/layout_v0.h"
#include "load/layout_v1.h"

namespace miglint {

namespace fs = std::filesystem;

std::span<const FolderLayout* const> folder_layouts() {
  // 1.0 first: a folder holding migration folders is a 1.0 folder even with a meta/_journal.json
  // left beside them (1.0's migrator then throws, which its rules report).
  static const std::array<const FolderLayout*, 2> layouts{&drizzle_kit_1::layout(), &drizzle_kit_0::layout()};
  return layouts;
}

fs::path folder_selected_by(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    bool named_like_migration_file = false;
    for (const FolderLayout* layout : folder_layouts()) named_like_migration_file |= layout->could_be_member(path);
    if (!named_like_migration_file) return path;
  }
  bool is_directory = fs::is_directory(path, ec);
  for (const FolderLayout* layout : folder_layouts()) {
    if (auto folder = layout->folder_enclosing(path, is_directory)) return *folder;
  }
  return is_directory ? path : path.parent_path();
}

}  // namespace miglint
