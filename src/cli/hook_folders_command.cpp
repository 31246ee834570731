// miglint hook-folders CHANGED PRESENT: plumbing for hooks/pre-commit, which asks here which
// migrations folders a commit touches instead of knowing the layouts itself.
#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "load/touched_folders.h"

namespace miglint {

namespace {

// NUL-terminated as git's -z options write them; without any NUL, one a line.
std::vector<std::string_view> split_paths(std::string_view text) {
  const char separator = text.find('\0') != std::string_view::npos ? '\0' : '\n';
  std::vector<std::string_view> paths;
  while (!text.empty()) {
    std::size_t end = text.find(separator);
    std::string_view path = text.substr(0, end);
    if (!path.empty()) paths.push_back(path);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return paths;
}

// A word any POSIX shell reads back as `text`, whatever bytes it holds.
std::string shell_word(std::string_view text) {
  std::string word = "'";
  for (char c : text) word += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return word + "'";
}

}  // namespace

int run_hook_folders(const std::vector<std::string>& lists) {
  std::vector<std::string> texts;
  for (const std::string& list : lists) {
    std::ifstream in(list, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) {
      fmt::print(stderr, "miglint: cannot read {}\n", list);
      return kExitError;
    }
  }
  std::error_code ec;
  std::vector<std::string> words;
  for (const auto& folder : touched_folders(split_paths(texts[0]), split_paths(texts[1]), std::filesystem::current_path(ec))) {
    words.push_back(shell_word(folder.generic_string()));
  }
  // One line: the hook runs `eval "set -- $words"`, where a line break would end the command.
  if (!words.empty()) fmt::print("{}\n", fmt::join(words, " "));
  return kExitClean;
}

}  // namespace miglint
