#include "load/safe_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/core.h>

namespace miglint {

namespace {
constexpr std::size_t kPadding = 64;  // simdjson reads up to SIMDJSON_PADDING bytes past the end

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};
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
  std::error_code ec;
  auto link_status = std::filesystem::symlink_status(file, ec);
  if (ec) return ReadFailure{fmt::format("could not be examined: {}", ec.message())};
  // Checked for every file, not only links: meta/ itself could be a link to elsewhere.
  if (!resolves_within(root, file)) {
    return ReadFailure{std::filesystem::is_symlink(link_status)
                           ? "is a symbolic link that leads outside the migrations folder (or nowhere); miglint does not follow it"
                           : "lies outside the migrations folder through a symbolic link; miglint does not follow it"};
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return ReadFailure{fmt::format("could not be opened: {}", std::strerror(errno))};
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ReadFailure{fmt::format("could not be examined: {}", std::strerror(errno))};
  if (S_ISDIR(st.st_mode)) return ReadFailure{"is a directory, not a file"};
  if (!S_ISREG(st.st_mode)) return ReadFailure{"is not a regular file"};
  auto size = static_cast<std::size_t>(st.st_size);
  if (size > kMaxFileBytes) return ReadFailure{"is larger than 512 MiB; miglint does not read it"};
  std::string bytes;
  bytes.reserve(size + kPadding);
  bytes.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd.get(), bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadFailure{fmt::format("could not be read: {}", std::strerror(errno))};
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

}  // namespace miglint
