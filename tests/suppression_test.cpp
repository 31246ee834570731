// Suppression comments in migration SQL: what they silence, and what they do not.
#include <gtest/gtest.h>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

class Suppressions : public testing::Test {
 protected:
  void SetUp() override { copy_tree(fixtures_dir() / "generated/pg-index/drizzle", folder()); }
  fs::path folder() const { return dir_.path() / "drizzle"; }
  void seed(const std::string& sql) { write_file(folder() / "0002_seed_data.sql", sql); }
  RunResult lint(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"drizzle", "--format", "gcc", "--fail-on", "info"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_miglint(args, dir_.path());
  }
  TempDir dir_;
};

const std::string kIndexA = "CREATE INDEX CONCURRENTLY \"a\" ON \"customers\" (\"name\");";
const std::string kIndexB = "CREATE INDEX CONCURRENTLY \"b\" ON \"customers\" (\"phone\");";

TEST_F(Suppressions, StatementSuppressionCoversOnlyTheNextStatement) {
  seed("-- miglint-ignore sql-concurrently-in-transaction: built by hand before deploys\n" + kIndexA +
       "--> statement-breakpoint\n" + kIndexB + "\n");
  RunResult r = lint();
  EXPECT_EQ(r.out.find("0002_seed_data.sql:2:1: error[sql-concurrently"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0002_seed_data.sql:3:1: error[sql-concurrently-in-transaction]"), std::string::npos) << r.out;
}

TEST_F(Suppressions, SeveralRulesInOneComment) {
  seed("-- miglint-ignore sql-transaction-control, sql-concurrently-in-transaction: a runner without transactions\n" +
       kIndexA + "\n");
  RunResult r = lint();
  EXPECT_EQ(r.out.find("sql-concurrently"), std::string::npos) << r.out;
  // The other name silenced nothing.
  EXPECT_NE(r.out.find("warning[suppression-unused] miglint-ignore sql-transaction-control suppresses nothing"), std::string::npos)
      << r.out;
}

TEST_F(Suppressions, FileSuppressionCoversTheFileAndItsMigrationsJournalEntry) {
  fs::remove(folder() / "meta/0002_snapshot.json");
  seed("-- miglint-ignore-file sql-concurrently-in-transaction, snapshot-missing: neon-http; snapshot rebuilt next release\n" +
       kIndexA + "--> statement-breakpoint\n" + kIndexB + "\n");
  RunResult r = lint();
  EXPECT_EQ(r.out.find("sql-concurrently"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[snapshot-missing]"), std::string::npos) << "the journal finding about this migration: " << r.out;
  EXPECT_NE(r.out.find("[snapshot-count-mismatch]"), std::string::npos) << "other rules still report: " << r.out;
  EXPECT_EQ(r.out.find("suppression-unused"), std::string::npos) << r.out;
}

TEST_F(Suppressions, CommentsThatAreNotSuppressionsAreIgnored) {
  seed("-- miglint-ignored is not a keyword\n-- we might miglint-ignore this later\nSELECT 1;\n");
  RunResult r = lint();
  EXPECT_EQ(r.out.find("suppression"), std::string::npos) << r.out;
}

TEST_F(Suppressions, JudgedEvenWhenOnlyTheJudgeIsSelectedButNotForIgnoredRules) {
  seed("-- miglint-ignore sql-concurrently-in-transaction: was concurrent once\nCREATE INDEX \"a\" ON \"customers\" (\"name\");\n");
  RunResult only = lint({"--select", "suppression-unused"});
  EXPECT_NE(only.out.find("[suppression-unused]"), std::string::npos) << only.out;
  RunResult ignored = lint({"--ignore", "sql-concurrently-in-transaction"});
  EXPECT_EQ(ignored.out.find("[suppression-unused]"), std::string::npos) << "an ignored rule cannot be judged: " << ignored.out;
  // Findings run only to judge suppressions are never shown.
  seed(kIndexA + "\n-- miglint-ignore sql-syntax-error: nothing\nSELECT 1;\n");
  RunResult judge = lint({"--select", "suppression-unused"});
  EXPECT_EQ(judge.out.find("sql-concurrently"), std::string::npos) << judge.out;
}

TEST_F(Suppressions, DanglingCommentSuppressesNothing) {
  seed(kIndexA + "\n-- miglint-ignore sql-concurrently-in-transaction: too late\n");
  RunResult r = lint();
  EXPECT_NE(r.out.find("is followed by no statement"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error[sql-concurrently-in-transaction]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace miglint::test
