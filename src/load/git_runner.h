// Runs the git command-line tool, the one way miglint reads a repository's committed state
// (--since). Reading only: miglint never runs a git command that changes anything.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

struct GitOutput {
  bool started = false;  // false: git could not be run at all (not installed)
  int exit_code = -1;
  std::string out;
  std::string err;
  bool ok() const { return started && exit_code == 0; }
};

// git -C dir ARGS..., with input on its standard input. The environment is inherited, so
// GIT_DIR and GIT_WORK_TREE set by a caller (the pre-commit hook) apply.
GitOutput run_git(const std::filesystem::path& dir, const std::vector<std::string>& args, std::string_view input = {});

}  // namespace miglint
