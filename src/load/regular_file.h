// The operating system's side of reading a migration file: open it only if it is a regular file
// (never wait on a FIFO, never read a directory or a device), read it, and stat it without
// following links. regular_file_posix.cpp and regular_file_windows.cpp implement it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <variant>

#include "load/safe_read.h"

namespace miglint {

class RegularFile {
 public:
  RegularFile() = default;
  ~RegularFile();
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;

  // Opens a regular file no larger than max_bytes; its size.
  std::variant<std::size_t, ReadFailure> open(const std::filesystem::path& file, std::size_t max_bytes);
  // Up to size bytes into out (fewer if the file shrank while read); how many.
  std::variant<std::size_t, ReadFailure> read(char* out, std::size_t size);

 private:
  std::intptr_t handle_ = -1;  // a file descriptor, or a Windows HANDLE
};

// What identifies a regular file's version: where it lives, its size and its times.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

// The file's identity when it is a regular file itself (not a link to one); nothing otherwise.
std::optional<FileIdentity> regular_file_identity(const std::filesystem::path& file);

}  // namespace miglint
