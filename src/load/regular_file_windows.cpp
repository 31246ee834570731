#include "load/regular_file.h"

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <fmt/core.h>

namespace miglint {

namespace {

HANDLE as_handle(std::intptr_t h) { return reinterpret_cast<HANDLE>(h); }

std::string last_error() { return fmt::format("Windows error {}", GetLastError()); }

std::int64_t as_int64(LARGE_INTEGER value) { return static_cast<std::int64_t>(value.QuadPart); }

}  // namespace

RegularFile::~RegularFile() {
  if (handle_ != -1) CloseHandle(as_handle(handle_));
}

std::variant<std::size_t, ReadFailure> RegularFile::open(const std::filesystem::path& file, std::size_t max_bytes) {
  // FILE_FLAG_BACKUP_SEMANTICS lets a directory open too, so that it is named as one.
  HANDLE h = CreateFileW(file.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (h == INVALID_HANDLE_VALUE) return ReadFailure{fmt::format("could not be opened: {}", last_error())};
  handle_ = reinterpret_cast<std::intptr_t>(h);
  BY_HANDLE_FILE_INFORMATION info{};
  if (!GetFileInformationByHandle(h, &info)) return ReadFailure{fmt::format("could not be examined: {}", last_error())};
  if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) return ReadFailure{"is a directory, not a file"};
  if (GetFileType(h) != FILE_TYPE_DISK) return ReadFailure{"is not a regular file"};
  const std::uint64_t size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  if (size > max_bytes) return ReadFailure{"is larger than 512 MiB; miglint does not read it"};
  return static_cast<std::size_t>(size);
}

std::variant<std::size_t, ReadFailure> RegularFile::read(char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(size - done, 1u << 30));
    DWORD got = 0;
    if (!ReadFile(as_handle(handle_), out + done, chunk, &got, nullptr)) {
      return ReadFailure{fmt::format("could not be read: {}", last_error())};
    }
    if (got == 0) break;
    done += got;
  }
  return done;
}

std::optional<FileIdentity> regular_file_identity(const std::filesystem::path& file) {
  // FILE_FLAG_OPEN_REPARSE_POINT: a link is looked at, not followed (and then not a regular file).
  HANDLE h = CreateFileW(file.c_str(), FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) return std::nullopt;
  BY_HANDLE_FILE_INFORMATION info{};
  FILE_BASIC_INFO times{};
  const bool ok = GetFileInformationByHandle(h, &info) &&
                  GetFileInformationByHandleEx(h, FileBasicInfo, &times, sizeof times);
  CloseHandle(h);
  if (!ok || (info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT))) return std::nullopt;
  FileIdentity id;
  id.device = info.dwVolumeSerialNumber;
  id.inode = (static_cast<std::uint64_t>(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
  id.size = static_cast<std::int64_t>((static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow);
  id.mtime_ns = as_int64(times.LastWriteTime) * 100;  // 100-nanosecond ticks
  id.ctime_ns = as_int64(times.ChangeTime) * 100;
  return id;
}

}  // namespace miglint
