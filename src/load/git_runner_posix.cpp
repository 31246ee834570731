#include "load/git_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

extern char** environ;

namespace miglint {

namespace {

struct Pipe {
  int read = -1, write = -1;
  bool open() {
    int fds[2];
    if (pipe(fds) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
};

void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Feeds input and drains both outputs together, so that neither side waits on a full pipe.
void exchange(int& to_child, int& from_out, int& from_err, std::string_view input, GitOutput& result) {
  std::size_t sent = 0;
  if (input.empty()) close_fd(to_child);
  std::array<char, 65536> buffer{};
  while (from_out >= 0 || from_err >= 0) {
    std::array<pollfd, 3> fds{};
    nfds_t n = 0;
    for (int fd : {to_child, from_out, from_err}) {
      if (fd < 0) continue;
      fds[n++] = pollfd{fd, static_cast<short>(fd == to_child ? POLLOUT : POLLIN), 0};
    }
    if (poll(fds.data(), n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      const int fd = fds[i].fd;
      if (fd == to_child) {
        ssize_t w = ::write(fd, input.data() + sent, input.size() - sent);
        if (w > 0) sent += static_cast<std::size_t>(w);
        if (w < 0 || sent == input.size()) close_fd(to_child);
        continue;
      }
      ssize_t r = ::read(fd, buffer.data(), buffer.size());
      if (r > 0) {
        (fd == from_out ? result.out : result.err).append(buffer.data(), static_cast<std::size_t>(r));
      } else if (r == 0 || errno != EINTR) {
        close_fd(fd == from_out ? from_out : from_err);
      }
    }
  }
  close_fd(to_child);
}

}  // namespace

GitOutput run_git(const std::filesystem::path& dir, const std::vector<std::string>& args, std::string_view input) {
  GitOutput result;
  std::vector<std::string> argv = {"git", "-C", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);

  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) return result;
  // The parent's ends must not leak into the child, or it never sees end of input.
  for (int fd : {in.write, out.read, err.read}) fcntl(fd, F_SETFD, FD_CLOEXEC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close_fd(in.read);
  close_fd(out.write);
  close_fd(err.write);
  if (spawned != 0) {
    close_fd(in.write);
    close_fd(out.read);
    close_fd(err.read);
    return result;
  }
  result.started = true;
  // A child that exits before reading all its input must not kill us with SIGPIPE.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  exchange(in.write, out.read, err.read, input, result);
  sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // git not found: posix_spawnp may still succeed and the child exit 127.
  if (result.exit_code == 127 && result.out.empty()) result.started = false;
  return result;
}

}  // namespace miglint
