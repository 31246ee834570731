// Baselines: adopting miglint on an old folder. Recorded findings are held back, new ones are
// reported, unrelated edits do not invalidate the file, and fixed entries are pointed out.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

class BaselineTest : public testing::Test {
 protected:
  void SetUp() override { copy_tree(corpus_dir() / "lmnr-ai__lmnr/frontend__lib__db__migrations", folder()); }
  fs::path folder() const { return dir_.path() / "drizzle"; }
  RunResult lint(std::vector<std::string> args) {
    args.insert(args.begin(), "drizzle");
    return run_miglint(args, dir_.path());
  }
  TempDir dir_;
};

TEST_F(BaselineTest, OnlyNewFindingsAreReported) {
  RunResult before = lint({"--format", "json"});
  ASSERT_EQ(before.exit_code, 1);
  const std::string count = std::to_string(nlohmann::json::parse(before.out)["findings"].size());
  RunResult written = lint({"--write-baseline", "miglint-baseline.json"});
  EXPECT_EQ(written.exit_code, 0) << written.err;
  EXPECT_NE(written.err.find("wrote " + count + " finding(s)"), std::string::npos) << written.err;

  RunResult clean = lint({"--baseline", "miglint-baseline.json"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_NE(clean.out.find("No problems found in 1 folder (" + count + " more in the baseline)."), std::string::npos)
      << clean.out;

  // A new problem is reported; the old ones stay held back.
  write_file(folder() / "0099_new_orphan.sql", "SELECT 1;");
  RunResult fresh = lint({"--baseline", "miglint-baseline.json", "--format", "gcc"});
  EXPECT_EQ(fresh.exit_code, 1);
  EXPECT_NE(fresh.out.find("drizzle/0099_new_orphan.sql:1:1: error[sql-file-orphan]"), std::string::npos) << fresh.out;
  EXPECT_EQ(fresh.out.find("0037_cute_medusa"), std::string::npos) << fresh.out;
}

TEST_F(BaselineTest, UnrelatedEditsKeepTheBaselineValid) {
  ASSERT_EQ(lint({"--write-baseline", "b.json"}).exit_code, 0);
  // Reformat the journal (every line number moves) and add a clean migration entry's worth of lines.
  std::string journal = read_file(folder() / "meta/_journal.json");
  write_file(folder() / "meta/_journal.json", "\n\n\n" + journal);
  RunResult r = lint({"--baseline", "b.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_F(BaselineTest, FixedEntriesArePointedOut) {
  ASSERT_EQ(lint({"--write-baseline", "b.json"}).exit_code, 0);
  fs::remove(folder() / "0037_cute_medusa.sql");
  RunResult r = lint({"--baseline", "b.json", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0);
  auto doc = nlohmann::json::parse(r.out);
  // Every finding about the deleted file is fixed: the orphan itself, and what its SQL had.
  const auto& unused = doc["baseline"]["unused"];
  ASSERT_FALSE(unused.empty()) << doc.dump(2);
  for (const auto& entry : unused) EXPECT_NE(entry.get<std::string>().find(" drizzle/0037_cute_medusa.sql: "), std::string::npos) << entry;
  EXPECT_TRUE(std::any_of(unused.begin(), unused.end(), [](const auto& e) {
    return e.template get<std::string>().starts_with("sql-file-orphan drizzle/0037_cute_medusa.sql");
  })) << unused.dump(2);
  EXPECT_NE(r.err.find("matches nothing any more"), std::string::npos) << r.err;
}

TEST_F(BaselineTest, BadBaselineIsAnError) {
  write_file(dir_.path() / "b.json", "{\"not\": \"a baseline\"}");
  RunResult r = lint({"--baseline", "b.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a miglint baseline"), std::string::npos) << r.err;
  EXPECT_EQ(lint({"--baseline", "missing.json"}).exit_code, 2);
}

}  // namespace
}  // namespace miglint::test
