// A Drizzle Kit folder layout: which files make a migrations folder, where they sit, and how the
// migrator orders them. Each layout keeps all of its path knowledge in its own file
// (layout_v0.cpp, layout_v1.cpp); the loader, discovery, the LSP and the git hook (through
// touched_folders.h) ask the layouts, never paths.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "load/model.h"

namespace miglint {

// Where a file would sit in a migrations folder.
struct Placement {
  std::filesystem::path folder;    // the directory that would be the migrations folder
  std::filesystem::path relative;  // the file's path inside it
};

class FolderLayout {
 public:
  virtual ~FolderLayout() = default;

  // Which layout this is, recorded in the folders it loads.
  virtual Layout id() const = 0;

  // Why miglint cannot check this layout yet, or nothing when it can.
  virtual std::optional<std::string_view> unsupported_reason() const { return std::nullopt; }

  // Judged on disk by the folder's own metadata (not by loose .sql files): is `folder` a
  // migrations folder of this layout?
  virtual bool recognises(const std::filesystem::path& folder) const = 0;

  // --- Which paths belong to a folder (discovery, the LSP) ---
  // Could a path that does not exist (a deleted file, as hooks pass them) have been one of a
  // migrations folder's files? Judged by its name alone.
  virtual bool could_be_member(const std::filesystem::path& path) const = 0;
  // The migrations folder a path lies in when it is inside the layout's metadata directory
  // (is_directory: the path itself is a directory); nothing for any other path.
  virtual std::optional<std::filesystem::path> folder_enclosing(const std::filesystem::path& path,
                                                                bool is_directory) const = 0;
  // Where a file would sit if it were one of a migrations folder's files, judged by its name and
  // place only; nothing when no migrations folder has a file like it.
  virtual std::optional<Placement> place(const std::filesystem::path& file) const = 0;
  // The file that lists the migrations, relative to the folder, when the layout has one. Its
  // presence alone makes a migrations folder.
  virtual std::optional<std::filesystem::path> index_file() const = 0;

  // --- Which folders a commit touches (the git hook: paths as git lists them, nothing on disk) ---
  // The folders whose contents a change to `path` (added, modified or deleted; any name, any
  // depth) changes, should they be migrations folders.
  virtual std::vector<std::filesystem::path> folders_changed_by(const std::filesystem::path& path) const = 0;
  // The folder that `path`, by being there, makes a migrations folder (as recognises() judges on
  // disk), or nothing.
  virtual std::optional<std::filesystem::path> folder_marked_by(const std::filesystem::path& path) const = 0;

  // --- Loading (the loader calls these in this order; none of them throws) ---
  // The layout's files, named but not read; false when the folder holds none of them.
  virtual bool list(Folder& folder) const = 0;
  // Reads the file that lists the migrations, if the layout has one.
  virtual void read_index(Folder& folder) const = 0;
  // The migrations in the order the migrator applies them, pointing into `folder`.
  virtual std::vector<Migration> migrations(const Folder& folder) const = 0;
  // What list() looked for, for the message when a folder holds none of it.
  virtual std::string_view files_looked_for() const = 0;
};

// Every layout miglint knows, the ones it checks first.
std::span<const FolderLayout* const> folder_layouts();

// The migrations folder a command-line path selects: a folder itself, the folder holding a file
// (a file in a layout's metadata directory selects the folder above it), or, for a path that does
// not exist and is not named like a migration file, the path as given (to be reported missing).
std::filesystem::path folder_selected_by(const std::filesystem::path& path);

}  // namespace miglint
