// Reads many files of one folder, as read_file_within does, for one thread: each directory is
// resolved once (not every file's whole path), and the bytes go to one buffer reused from file to
// file and never zero-filled first (the snapshots are most of a folder's bytes, read only to parse).
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
  // The bytes stay valid until the next read, followed by at least 64 readable bytes (simdjson's padding).
  std::variant<std::string_view, ReadFailure> read(const std::filesystem::path& file);

 private:
  bool within(const std::filesystem::path& file, bool is_symlink);
  bool directory_within(const std::filesystem::path& directory);
  void reserve(std::size_t size);
  std::filesystem::path root_;
  const FileOverlay* overlay_;
  std::map<std::filesystem::path, bool> directory_within_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
};

}  // namespace miglint
