// Reading files of a migrations folder without ever leaving it: symbolic links
// that lead outside, directories, FIFOs and devices are refused, not followed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <variant>

namespace miglint {

inline constexpr std::size_t kMaxFileBytes = 512u * 1024u * 1024u;

// Contents that replace files on disk: an editor's unsaved buffers. Keys are absolute paths
// (as the folder's canonical path plus the file's relative path).
using FileOverlay = std::map<std::filesystem::path, std::string>;

// Either the file's bytes (with spare capacity for simdjson's padding) or why it was not read.
struct ReadFailure {
  std::string reason;  // completes "<file> ..." e.g. "is a directory"
};
std::variant<std::string, ReadFailure> read_file_within(const std::filesystem::path& root,
                                                        const std::filesystem::path& file,
                                                        const FileOverlay* overlay = nullptr);

// True when path, with symbolic links resolved, lies inside root (itself canonical).
bool resolves_within(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace miglint
