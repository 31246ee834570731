// Hostile sizes (from a fuzzing probe): every input finishes in time linear in its size, within
// 10 s of CPU and 1 GB of memory for inputs of a few megabytes, with a finding or exit code 2,
// never a signal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

struct Measured {
  int exit_code = -1;
  double cpu_seconds = 0;
  long peak_megabytes = 0;
  std::string out;  // the first megabyte of the report
  std::uintmax_t out_bytes = 0;
};

// A clean real drizzle-kit folder copied into a temporary directory as ./drizzle, linted under
// /usr/bin/time with its report written to a file.
class Scaling : public testing::Test {
 protected:
  void SetUp() override { copy_tree(fixtures_dir() / "generated/pg-index/drizzle", folder()); }
  fs::path folder() const { return dir_.path() / "drizzle"; }
  fs::path journal() const { return folder() / "meta/_journal.json"; }
  Measured lint() {
    RunResult r = run_shell("/usr/bin/time -f '%U %S %M' -o time.txt timeout 120 " MIGLINT_BINARY
                            " drizzle --format gcc >report.txt",
                            dir_.path());
    Measured m;
    m.exit_code = r.exit_code;
    std::istringstream time(read_file(dir_.path() / "time.txt"));
    std::string line, last;
    while (std::getline(time, line)) last = line;  // after "Command terminated by signal N", if any
    double user = 0, system = 0;
    long kilobytes = 0;
    std::istringstream(last) >> user >> system >> kilobytes;
    m.cpu_seconds = user + system;
    m.peak_megabytes = kilobytes / 1024;
    m.out_bytes = fs::file_size(dir_.path() / "report.txt");
    m.out = read_file(dir_.path() / "report.txt").substr(0, 1u << 20);
    if (r.exit_code != 0 && r.exit_code != 1) ADD_FAILURE() << "exit code " << r.exit_code << "\n" << r.err;
    return m;
  }
  TempDir dir_;
};

TEST_F(Scaling, MinifiedJournalPositionsAreLinear) {
  // Every position was counted from the start of its line: a one-line journal of 40,000 entries
  // took a minute. Tags with two-byte letters check that columns still count code points.
  nlohmann::json j = {{"version", "7"}, {"dialect", "postgresql"}, {"entries", nlohmann::json::array()}};
  for (int i = 0; i < 30000; ++i) {
    j["entries"].push_back({{"idx", i}, {"version", "7"}, {"when", 1740823203210 + i},
                                  {"tag", std::to_string(100000 + i) + "_\xC3\xA9t\xC3\xA9"}, {"breakpoints", true}});
  }
  std::string text = j.dump();
  write_file(journal(), text);
  Measured m = lint();
  EXPECT_EQ(m.exit_code, 1);
  EXPECT_LT(m.cpu_seconds, 10.0);
  // The last entry's tag, counted in code points: every tag before it has two two-byte letters.
  const std::size_t at = text.find("\"129999_");
  std::size_t column = at + 1 - 2 * 29999;
  std::string expected = "drizzle/meta/_journal.json:1:" + std::to_string(column) + ": error[sql-file-missing] entry 29999 ";
  EXPECT_NE(read_file(dir_.path() / "report.txt").find(expected), std::string::npos) << expected;
}

TEST_F(Scaling, ManySuppressionsAreMatchedQuickly) {
  // Every finding was tried against every comment, positions recomputed each time: 20,000 took 25 s.
  std::string sql;
  for (int i = 0; i < 20000; ++i) {
    sql += "-- miglint-ignore drop-table: old\nDROP TABLE t" + std::to_string(i) + ";\n--> statement-breakpoint\n";
  }
  write_file(folder() / "0002_seed_data.sql", sql + "SELECT 1;\n");
  Measured m = lint();
  EXPECT_EQ(m.exit_code, 0) << "every DROP TABLE is silenced\n" << m.out.substr(0, 2000);
  EXPECT_EQ(m.out.find("drop-table"), std::string::npos);
  EXPECT_LT(m.cpu_seconds, 10.0);
}

}  // namespace
}  // namespace miglint::test
