// Snapshots kept from one load of a folder to the next (the language server lints the same
// folder on every save): only snapshot files that changed on disk are read and validated again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "load/folder_loader.h"
#include "load/model.h"
#include "load/regular_file.h"

namespace miglint {

class SnapshotCache {
 public:
  // Loads a folder as load_folder(..., LoadScope::Everything, overlay) does (EverythingWithSchemas
  // with with_schemas), taking the snapshots whose files are unchanged from the previous load.
  std::variant<Folder, FolderError> load(const std::filesystem::path& path, const std::string& display_path,
                                         std::optional<Dialect> requested_dialect, const FileOverlay* overlay,
                                         bool with_schemas = false);

  // What identifies a snapshot file's contents on disk without reading it. A file whose stamp
  // (inode, size, mtime, ctime) is unchanged is taken as unchanged.
  struct FileStamp {
    FileIdentity identity;
    std::optional<Dialect> dialect;  // snapshots are judged by the folder's dialect
    std::optional<Dialect> schema_as;  // and modelled as this one, if at all
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
  };

 private:
  struct Entry {
    FileStamp stamp;
    Snapshot snapshot;
  };
  std::map<std::string, Entry> by_file_name_;
};

}  // namespace miglint
