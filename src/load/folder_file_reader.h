// Reads many files of one folder, as read_file_within does, for one thread: each directory is
// resolved once (not every file's whole path), and the bytes go to two buffers reused in turn from
// file to file and never zero-filled first (the snapshots are most of a folder's bytes, read only to
// parse; the loader compares each with the one before, unchanged_tables.h).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string_view>
#include <variant>

#include "load/safe_read.h"

namespace miglint {

class FolderFileReader {
 public:
  FolderFileReader(std::filesystem::path root, const FileOverlay* overlay) : root_(std::move(root)), overlay_(overlay) {}
  // The bytes stay valid until the read after the next one, followed by at least 64 readable bytes
  // (simdjson's padding).
  std::variant<std::string_view, ReadFailure> read(const std::filesystem::path& file);

 private:
  bool within(const std::filesystem::path& file, bool is_symlink);
  bool directory_within(const std::filesystem::path& directory);
  // The buffer of this read, with room for `size` bytes and the padding.
  char* buffer_for(std::size_t size);
  std::filesystem::path root_;
  const FileOverlay* overlay_;
  std::map<std::filesystem::path, bool> directory_within_;
  struct Buffer {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
  };
  Buffer buffers_[2];
  std::size_t reads_ = 0;
};

}  // namespace miglint
