#include "load/safe_read.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include <fmt/core.h>

#include "load/folder_file_reader.h"
#include "load/regular_file.h"

namespace miglint {

namespace {
constexpr std::size_t kPadding = 64;  // simdjson reads up to SIMDJSON_PADDING bytes past the end
}  // namespace

bool resolves_within(const std::filesystem::path& root, const std::filesystem::path& path) {
  std::error_code ec;
  auto real = std::filesystem::canonical(path, ec);
  if (ec) return false;
  auto r = root.begin();
  auto p = real.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == real.end() || *r != *p) return false;
  }
  return true;
}

namespace {

// Why the file may not be read: it does not exist, or it resolves outside root.
template <typename Within>
std::optional<ReadFailure> refused(const std::filesystem::path& file, Within within) {
  std::error_code ec;
  auto link_status = std::filesystem::symlink_status(file, ec);
  if (ec) return ReadFailure{fmt::format("could not be examined: {}", ec.message())};
  // Checked for every file, not only links: meta/ itself could be a link to elsewhere.
  const bool is_symlink = std::filesystem::is_symlink(link_status);
  if (within(is_symlink)) return std::nullopt;
  return ReadFailure{is_symlink
                         ? "is a symbolic link that leads outside the migrations folder (or nowhere); miglint does not follow it"
                         : "lies outside the migrations folder through a symbolic link; miglint does not follow it"};
}

}  // namespace

std::variant<std::string, ReadFailure> read_file_within(const std::filesystem::path& root,
                                                        const std::filesystem::path& file, const FileOverlay* overlay) {
  if (overlay) {
    if (auto it = overlay->find(file.lexically_normal()); it != overlay->end()) {
      std::string bytes;
      bytes.reserve(it->second.size() + kPadding);
      bytes = it->second;
      return bytes;
    }
  }
  if (auto refusal = refused(file, [&](bool) { return resolves_within(root, file); })) return std::move(*refusal);
  RegularFile opened_file;
  auto opened = opened_file.open(file, kMaxFileBytes);
  if (auto* failure = std::get_if<ReadFailure>(&opened)) return std::move(*failure);
  const std::size_t size = std::get<std::size_t>(opened);
  std::string bytes;
  bytes.reserve(size + kPadding);
  bytes.resize(size);
  auto read = opened_file.read(bytes.data(), size);
  if (auto* failure = std::get_if<ReadFailure>(&read)) return std::move(*failure);
  bytes.resize(std::get<std::size_t>(read));
  return bytes;
}

// A file that is no link lies where its directory resolves to; "." and ".." name directories
// themselves, which the full resolution judges.
bool FolderFileReader::within(const std::filesystem::path& file, bool is_symlink) {
  const std::filesystem::path name = file.filename();
  if (is_symlink || name.empty() || name == "." || name == "..") return resolves_within(root_, file);
  return directory_within(file.parent_path());
}

// The same, one directory up at a time: a directory that is no link lies where its parent resolves
// to, so a folder of many migration directories costs one lstat each, not a resolution each.
bool FolderFileReader::directory_within(const std::filesystem::path& directory) {
  if (directory == root_) return true;
  if (auto known = directory_within_.find(directory); known != directory_within_.end()) return known->second;
  const std::filesystem::path name = directory.filename();
  const std::filesystem::path parent = directory.parent_path();
  std::error_code ec;
  const bool plain = !name.empty() && name != "." && name != ".." && parent != directory &&
                     !std::filesystem::is_symlink(std::filesystem::symlink_status(directory, ec)) && !ec;
  const bool within = plain ? directory_within(parent) : resolves_within(root_, directory);
  directory_within_.emplace(directory, within);
  return within;
}

std::variant<std::string_view, ReadFailure> FolderFileReader::read(const std::filesystem::path& file) {
  if (overlay_) {
    if (auto it = overlay_->find(file.lexically_normal()); it != overlay_->end()) {
      char* buffer = buffer_for(it->second.size());
      std::memcpy(buffer, it->second.data(), it->second.size());
      return std::string_view(buffer, it->second.size());
    }
  }
  if (auto refusal = refused(file, [&](bool is_symlink) { return within(file, is_symlink); })) return std::move(*refusal);
  RegularFile opened_file;
  auto opened = opened_file.open(file, kMaxFileBytes);
  if (auto* failure = std::get_if<ReadFailure>(&opened)) return std::move(*failure);
  const std::size_t size = std::get<std::size_t>(opened);
  char* buffer = buffer_for(size);
  auto read = opened_file.read(buffer, size);
  if (auto* failure = std::get_if<ReadFailure>(&read)) return std::move(*failure);
  return std::string_view(buffer, std::get<std::size_t>(read));
}

// Grown by half again past the need, so that snapshots growing one by one reuse it.
char* FolderFileReader::buffer_for(std::size_t size) {
  Buffer& b = buffers_[reads_++ % 2];
  if (size + kPadding > b.capacity) {
    b.capacity = std::max(size + kPadding, b.capacity + b.capacity / 2);
    b.bytes.reset(new char[b.capacity]);  // uninitialised: the read fills it
  }
  return b.bytes.get();
}

}  // namespace miglint
