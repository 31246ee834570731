// The SQL files of a folder are parsed on two threads (Folder::analyze_sql_files): many files,
// each with its own syntax error, must each get exactly its own finding, at its own position.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run.h"

namespace miglint::test {
namespace {

TEST(SqlParallel, EachFileKeepsItsOwnSyntaxError) {
  TempDir dir;
  copy_tree(fixtures_dir() / "generated/pg-index/drizzle", dir.path() / "drizzle");
  const std::filesystem::path journal = dir.path() / "drizzle/meta/_journal.json";
  nlohmann::json j = nlohmann::json::parse(read_file(journal));
  const int files = 24;
  for (int i = 0; i < files; ++i) {
    // Migration i: i blank lines, then a statement whose error is at column 10 + i.
    const std::string tag = std::to_string(9000 + i) + "_hand_written";
    std::string sql(static_cast<std::size_t>(i), '\n');
    sql += "SELECT 1," + std::string(static_cast<std::size_t>(i), ' ') + "FROM \"orders\";\n";
    write_file(dir.path() / "drizzle" / (tag + ".sql"), sql);
    j["entries"].push_back({{"idx", j["entries"].size()}, {"version", "7"}, {"when", 1900000000000 + i},
                            {"tag", tag}, {"breakpoints", true}});
  }
  write_file(journal, j.dump(2));
  RunResult r = run_miglint({"drizzle", "--select", "sql-syntax-error", "--format", "gcc"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (int i = 0; i < files; ++i) {
    std::string expected = "drizzle/" + std::to_string(9000 + i) + "_hand_written.sql:" + std::to_string(i + 1) + ":" +
                           std::to_string(10 + i) +
                           ": error[sql-syntax-error] PostgreSQL 15's parser cannot parse this statement: "
                           "syntax error at or near \"FROM\"";
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), files) << r.out;
}

}  // namespace
}  // namespace miglint::test
