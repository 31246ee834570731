// Test support: runs the real miglint binary and captures what a user sees.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs MIGLINT_BINARY with args in cwd (default: the source tree), with NO_COLOR set and a fixed
// environment so output is stable. Extra environment entries are "NAME=value".
RunResult run_miglint(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                      const std::vector<std::string>& extra_env = {});

// Runs any command through /bin/sh -c and captures its output and exit code.
RunResult run_shell(const std::string& command, const std::filesystem::path& cwd = {});

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// Compares actual with the golden file; with MIGLINT_UPDATE_GOLDEN=1 rewrites it instead.
// Returns an empty string when equal, else a readable diff summary.
std::string compare_golden(const std::filesystem::path& golden, const std::string& actual);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Copies a folder tree (used to make a mutated copy of a fixture).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

std::filesystem::path fixtures_dir();
std::filesystem::path corpus_dir();
std::filesystem::path source_dir();

}  // namespace miglint::test
