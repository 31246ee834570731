#include "load/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/core.h>

namespace miglint {

RegularFile::~RegularFile() {
  if (handle_ >= 0) ::close(static_cast<int>(handle_));
}

std::variant<std::size_t, ReadFailure> RegularFile::open(const std::filesystem::path& file, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return ReadFailure{fmt::format("could not be opened: {}", std::strerror(errno))};
  handle_ = fd;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return ReadFailure{fmt::format("could not be examined: {}", std::strerror(errno))};
  if (S_ISDIR(st.st_mode)) return ReadFailure{"is a directory, not a file"};
  if (!S_ISREG(st.st_mode)) return ReadFailure{"is not a regular file"};
  auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes) return ReadFailure{"is larger than 512 MiB; miglint does not read it"};
  return size;
}

std::variant<std::size_t, ReadFailure> RegularFile::read(char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(static_cast<int>(handle_), out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadFailure{fmt::format("could not be read: {}", std::strerror(errno))};
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

std::optional<FileIdentity> regular_file_identity(const std::filesystem::path& file) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
#ifdef __APPLE__  // the same nanosecond times under other names
  const timespec& modified = st.st_mtimespec;
  const timespec& changed = st.st_ctimespec;
#else
  const timespec& modified = st.st_mtim;
  const timespec& changed = st.st_ctim;
#endif
  FileIdentity id;
  id.device = static_cast<std::uint64_t>(st.st_dev);
  id.inode = static_cast<std::uint64_t>(st.st_ino);
  id.size = static_cast<std::int64_t>(st.st_size);
  id.mtime_ns = static_cast<std::int64_t>(modified.tv_sec) * 1000000000 + modified.tv_nsec;
  id.ctime_ns = static_cast<std::int64_t>(changed.tv_sec) * 1000000000 + changed.tv_nsec;
  return id;
}

}  // namespace miglint
