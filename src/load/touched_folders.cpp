#include "load/touched_folders.h"

#include <set>

#include "load/layout.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

std::vector<const FolderLayout*> checked_layouts() {
  std::vector<const FolderLayout*> layouts;
  for (const FolderLayout* layout : folder_layouts()) {
    if (!layout->unsupported_reason()) layouts.push_back(layout);
  }
  return layouts;
}

}  // namespace

std::vector<fs::path> touched_folders(const std::vector<std::string_view>& changed,
                                      const std::vector<std::string_view>& present, const fs::path& root) {
  const std::vector<const FolderLayout*> layouts = checked_layouts();
  std::set<fs::path> candidates;
  for (std::string_view path : changed) {
    for (const FolderLayout* layout : layouts) {
      for (fs::path& folder : layout->folders_changed_by(fs::path(path))) candidates.insert(std::move(folder));
    }
  }
  std::set<fs::path> folders;
  for (const auto* list : {&changed, &present}) {
    for (std::string_view path : *list) {
      for (const FolderLayout* layout : layouts) {
        auto folder = layout->folder_marked_by(fs::path(path));
        if (folder && candidates.count(*folder)) folders.insert(std::move(*folder));
      }
    }
  }
  for (const fs::path& folder : candidates) {
    for (const FolderLayout* layout : layouts) {
      if (!folders.count(folder) && layout->recognises(root / folder)) folders.insert(folder);
    }
  }
  std::vector<fs::path> sorted;
  for (const fs::path& folder : folders) sorted.push_back(folder.empty() ? fs::path(".") : folder);
  return sorted;
}

}  // namespace miglint
