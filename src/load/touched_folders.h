// Which migrations folders a commit touches, judged by the layouts from the paths git lists (the
// pre-commit hook asks through `miglint hook-folders`), so the hook holds no layout knowledge.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace miglint {

// The migrations folders of a layout miglint checks that a change touches: `changed` are the
// paths it adds, modifies or deletes, `present` the paths the tree holds after it (git's index),
// both relative to `root`. A folder is one when a path of either list marks it, or a layout
// recognises it on disk under root (a journal not staged yet). Sorted, each once; the root itself
// is ".".
std::vector<std::filesystem::path> touched_folders(const std::vector<std::string_view>& changed,
                                                   const std::vector<std::string_view>& present,
                                                   const std::filesystem::path& root);

}  // namespace miglint
