// The VS Code problem matcher in hooks/vscode-tasks.json reads every line of --format gcc.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/run.h"

namespace miglint::test {
namespace {

TEST(ProblemMatcher, MatchesEveryGccLine) {
  auto tasks = nlohmann::json::parse(read_file(source_dir() / "hooks/vscode-tasks.json"));
  const auto& pattern = tasks["tasks"][0]["problemMatcher"]["pattern"];
  std::regex line_regex(pattern["regexp"].get<std::string>());  // ECMAScript, as VS Code's JavaScript
  RunResult r = run_miglint({"fixtures/rules/journal-idx-sequence/bad-merge-not-renumbered/drizzle", "--format", "gcc",
                             "--fail-on", "info"});
  std::istringstream lines(r.out);
  std::string line;
  int matched = 0;
  while (std::getline(lines, line)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, line_regex)) << line;
    EXPECT_TRUE(m[1].str().ends_with(".json")) << m[1];
    EXPECT_GT(std::stoi(m[2].str()), 0);
    EXPECT_FALSE(m[pattern["code"].get<std::size_t>()].str().empty());
    ++matched;
  }
  EXPECT_EQ(matched, 3);
}

}  // namespace
}  // namespace miglint::test
