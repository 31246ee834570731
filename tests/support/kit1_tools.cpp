#include "support/kit1_tools.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "support/run.h"

namespace miglint::test {

namespace fs = std::filesystem;

const fs::path& kit1_tools() {
  static const fs::path installed = [] {
    RunResult r = run_shell("bash " + sh_quote((source_dir() / "tests/tools/npm_install.sh").string()) + " " +
                            sh_quote((fixtures_dir() / "drizzle-kit-1").string()) + " " +
                            sh_quote((source_dir() / "build/test-tools-kit1").string()) +
                            " node_modules/drizzle-kit/bin.cjs node_modules/drizzle-orm/node-postgres/migrator.cjs"
                            " node_modules/drizzle-orm/better-sqlite3/migrator.cjs");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return fs::path(r.out.substr(0, r.out.find('\n')));
  }();
  return installed;
}

std::vector<nlohmann::json> run_steps(const std::string& command, const std::vector<std::string>& steps) {
  std::string line = command;
  for (const std::string& step : steps) line += " " + sh_quote(step);
  RunResult r = run_shell(line);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> out;
  std::istringstream lines(r.out);
  for (std::string text; std::getline(lines, text);) out.push_back(nlohmann::json::parse(text));
  const auto reporting = std::count_if(steps.begin(), steps.end(), [](const std::string& s) {
    return s == "reset" || s == "rows" || s == "migrate0" || s == "migrate1" || s == "sql" || s == "up";
  });
  EXPECT_EQ(out.size(), static_cast<std::size_t>(reporting)) << r.out << r.err;
  return out;
}

}  // namespace miglint::test
