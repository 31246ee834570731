// A temporary git repository for tests that need real commits (the hooks, --since): every command
// runs in it with miglint on PATH, a private HOME and no system git configuration.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/run.h"

namespace miglint::test {

class Repo {
 public:
  Repo() : root_(dir_.path() / "repo") {
    std::filesystem::create_directories(root_);
    std::filesystem::create_directories(dir_.path() / "home");
    must("git init -q -b main && git config user.email hooks@test.invalid && git config user.name 'Hooks Test' && "
         "git config commit.gpgsign false");
  }
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path temp() const { return dir_.path(); }

  // Runs command (sh) in the repository; stdout and stderr together in .out.
  RunResult sh(const std::string& command) const {
    const std::filesystem::path miglint_dir = std::filesystem::path(MIGLINT_BINARY).parent_path();
    std::string env = "export HOME=" + sh_quote((dir_.path() / "home").string()) +
                      " GIT_CONFIG_NOSYSTEM=1 PATH=" + sh_quote(miglint_dir.string()) + ":\"$PATH\"; ";
    return run_shell(env + "{ " + command + "\n} 2>&1", root_);
  }
  // Runs command and fails the test when it fails.
  RunResult must(const std::string& command) const {
    RunResult r = sh(command);
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out;
    return r;
  }
  void put(const std::string& rel, const std::string& content) const {
    std::filesystem::create_directories((root_ / rel).parent_path());
    write_file(root_ / rel, content);
  }
  void copy(const std::filesystem::path& from, const std::string& rel) const {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::filesystem::copy_file(from, root_ / rel, std::filesystem::copy_options::overwrite_existing);
  }
  void copy_folder(const std::filesystem::path& from, const std::string& rel) const { copy_tree(from, root_ / rel); }
  std::string file(const std::string& rel) const { return read_file(root_ / rel); }
  int commits() const {
    RunResult r = sh("git rev-list --count HEAD 2>/dev/null || echo 0");
    return std::stoi(r.out);
  }

 private:
  TempDir dir_;
  std::filesystem::path root_;
};

}  // namespace miglint::test
