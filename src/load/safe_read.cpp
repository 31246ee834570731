#include "load/safe_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fmt/core.h>

#include "load/folder_file_reader.h"

namespace miglint {

namespace {
constexpr std::size_t kPadding = 64;  // simdjson reads up to SIMDJSON_PADDING bytes past the end

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(-1); }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
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

// Opens a regular file no larger than kMaxFileBytes; its size.
std::variant<std::size_t, ReadFailure> open_regular(const std::filesystem::path& file, Fd& fd) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  fd.reset(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return ReadFailure{fmt::format("could not be opened: {}", std::strerror(errno))};
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ReadFailure{fmt::format("could not be examined: {}", std::strerror(errno))};
  if (S_ISDIR(st.st_mode)) return ReadFailure{"is a directory, not a file"};
  if (!S_ISREG(st.st_mode)) return ReadFailure{"is not a regular file"};
  auto size = static_cast<std::size_t>(st.st_size);
  if (size > kMaxFileBytes) return ReadFailure{"is larger than 512 MiB; miglint does not read it"};
  return size;
}

// Up to size bytes into out (fewer if the file shrank while read); how many.
std::variant<std::size_t, ReadFailure> read_up_to(const Fd& fd, char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd.get(), out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadFailure{fmt::format("could not be read: {}", std::strerror(errno))};
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
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
  Fd fd(-1);
  auto opened = open_regular(file, fd);
  if (auto* failure = std::get_if<ReadFailure>(&opened)) return std::move(*failure);
  const std::size_t size = std::get<std::size_t>(opened);
  std::string bytes;
  bytes.reserve(size + kPadding);
  bytes.resize(size);
  auto read = read_up_to(fd, bytes.data(), size);
  if (auto* failure = std::get_if<ReadFailure>(&read)) return std::move(*failure);
  bytes.resize(std::get<std::size_t>(read));
  return bytes;
}

// A file that is no link lies where its directory resolves to; "." and ".." name directories
// themselves, which the full resolution judges.
bool FolderFileReader::within(const std::filesystem::path& file, bool is_symlink) {
  const std::filesystem::path name = file.filename();
  if (is_symlink || name.empty() || name == "." || name == "..") return resolves_within(root_, file);
  const std::filesystem::path directory = file.parent_path();
  auto known = directory_within_.find(directory);
  if (known == directory_within_.end()) known = directory_within_.emplace(directory, resolves_within(root_, directory)).first;
  return known->second;
}

std::variant<std::string_view, ReadFailure> FolderFileReader::read(const std::filesystem::path& file) {
  if (overlay_) {
    if (auto it = overlay_->find(file.lexically_normal()); it != overlay_->end()) {
      reserve(it->second.size());
      std::memcpy(buffer_.get(), it->second.data(), it->second.size());
      return std::string_view(buffer_.get(), it->second.size());
    }
  }
  if (auto refusal = refused(file, [&](bool is_symlink) { return within(file, is_symlink); })) return std::move(*refusal);
  Fd fd(-1);
  auto opened = open_regular(file, fd);
  if (auto* failure = std::get_if<ReadFailure>(&opened)) return std::move(*failure);
  const std::size_t size = std::get<std::size_t>(opened);
  reserve(size);
  auto read = read_up_to(fd, buffer_.get(), size);
  if (auto* failure = std::get_if<ReadFailure>(&read)) return std::move(*failure);
  return std::string_view(buffer_.get(), std::get<std::size_t>(read));
}

// Grown by half again past the need, so that snapshots growing one by one reuse it.
void FolderFileReader::reserve(std::size_t size) {
  if (size + kPadding <= capacity_) return;
  capacity_ = std::max(size + kPadding, capacity_ + capacity_ / 2);
  buffer_.reset(new char[capacity_]);  // uninitialised: the read fills it
}

}  // namespace miglint
