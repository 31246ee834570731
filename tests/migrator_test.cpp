// The migrator setting (--migrator, `migrator` in .miglint.toml): the transaction, `when`-order,
// enum and empty-statement rules judge a folder by the runner that applies it. Each family is run
// on a rule case under each value, through the real binary.
#include <gtest/gtest.h>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

bool has(const RunResult& r, const std::string& text) { return r.out.find(text) != std::string::npos; }

// `miglint drizzle --select RULE ARGS...` in the materialised folder of a rule case.
RunResult run_case(const std::string& rule, const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), {"--select", rule});
  return run_rule_case(rule_case(rule, name), args);
}

TEST(Migrator, TransactionControlFollowsTheMigratorsTransactions) {
  const std::string rule = "sql-transaction-control";
  RunResult drizzle = run_case(rule, "bad-begin-commit-pg", {});
  EXPECT_EQ(drizzle.exit_code, 1);
  EXPECT_TRUE(has(drizzle, "COMMIT: drizzle's migrator already runs all pending migrations in one transaction")) << drizzle.out;
  RunResult per_migration = run_case(rule, "bad-begin-commit-pg", {"--migrator", "per-migration"});
  EXPECT_EQ(per_migration.exit_code, 1);
  EXPECT_TRUE(has(per_migration, "COMMIT: the migrator (migrator = \"per-migration\") already runs each migration in a "
                                 "transaction of its own, so this ends or breaks it and the rest of the migration is "
                                 "no longer atomic"))
      << per_migration.out;
  // Without a transaction around it, BEGIN ... COMMIT is how the migration makes itself atomic.
  RunResult none = run_case(rule, "bad-begin-commit-pg", {"--migrator", "none"});
  EXPECT_EQ(none.exit_code, 0) << none.out;
  EXPECT_FALSE(has(none, "[sql-transaction-control]")) << none.out;
}

TEST(Migrator, WithoutATransactionAnUnendedBeginIsReported) {
  TempDir dir;
  copy_tree(rule_case_folder("sql-transaction-control", "bad-begin-commit-pg"), dir.path() / "drizzle");
  const fs::path sql = dir.path() / "drizzle/0002_seed_data.sql";
  std::string text = read_file(sql);
  text.erase(text.rfind("--> statement-breakpoint"));  // the COMMIT goes
  write_file(sql, text);
  RunResult r = run_miglint({"drizzle", "--select", "sql-transaction-control", "--migrator", "none"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r, "drizzle/0002_seed_data.sql:2:1: error[sql-transaction-control] BEGIN opens a transaction this "
                     "migration never ends"))
      << r.out;
}

TEST(Migrator, ConcurrentlyIsRefusedOnlyInsideATransaction) {
  const std::string rule = "sql-concurrently-in-transaction";
  RunResult per_migration = run_case(rule, "bad-create-index-concurrently", {"--migrator", "per-migration"});
  EXPECT_EQ(per_migration.exit_code, 1);
  EXPECT_TRUE(has(per_migration, "CREATE INDEX CONCURRENTLY cannot run inside a transaction, and the migrator "
                                 "(migrator = \"per-migration\") runs each migration in one"))
      << per_migration.out;
  // In a chunk of its own, with no transaction around it, it runs.
  RunResult none = run_case(rule, "bad-create-index-concurrently", {"--migrator", "none"});
  EXPECT_EQ(none.exit_code, 0) << none.out;
}

TEST(Migrator, EnumValuesCommitWhereTheMigratorCommits) {
  const std::string rule = "enum-value-used-in-same-transaction";
  // Used by a later migration: drizzle runs both in one transaction on a new database; a runner
  // with a transaction per migration commits the value first.
  EXPECT_TRUE(has(run_case(rule, "bad-later-migration", {}), "[" + rule + "]"));
  RunResult later = run_case(rule, "bad-later-migration", {"--migrator", "per-migration"});
  EXPECT_EQ(later.exit_code, 0);
  EXPECT_FALSE(has(later, "[" + rule + "]")) << later.out;
  // Used in the same migration, in the next chunk: one transaction unless nothing wraps the chunks.
  RunResult same = run_case(rule, "bad-same-migration", {"--migrator", "per-migration"});
  EXPECT_TRUE(has(same, "error[" + rule + "]")) << same.out;
  RunResult none = run_case(rule, "bad-same-migration", {"--migrator", "none"});
  EXPECT_FALSE(has(none, "[" + rule + "]")) << none.out;
}

TEST(Migrator, WhenOrderMattersOnlyToDrizzlesMigrator) {
  const std::string rule = "journal-when-not-increasing";
  EXPECT_EQ(run_case(rule, "bad-equal-when", {}).exit_code, 1);
  RunResult own = run_case(rule, "bad-equal-when", {"--migrator", "per-migration"});
  EXPECT_EQ(own.exit_code, 0) << own.out;
  EXPECT_FALSE(has(own, "[" + rule + "]")) << own.out;
}

TEST(Migrator, EmptyStatementsAreSkippedByARunnerOfYourOwn) {
  const std::string rule = "sql-empty-statement";
  RunResult drizzle = run_case(rule, "bad-trailing-breakpoint-sqlite", {});
  EXPECT_TRUE(has(drizzle, "error[sql-empty-statement]")) << drizzle.out;
  RunResult none = run_case(rule, "bad-trailing-breakpoint-sqlite", {"--migrator", "none"});
  EXPECT_EQ(none.exit_code, 0) << none.out;
  EXPECT_TRUE(has(none, "warning[sql-empty-statement] a breakpoint at the end leaves an empty last statement; the "
                        "migrator (migrator = \"none\") skips it"))
      << none.out;
}

// The settings file sets it, the command line wins, and a wrong value stops the run.
TEST(Migrator, SetInTheSettingsFileAndOverriddenOnTheCommandLine) {
  TempDir dir;
  copy_tree(rule_case_folder("journal-when-not-increasing", "bad-equal-when"), dir.path() / "drizzle");
  fs::create_directory(dir.path() / ".git");
  write_file(dir.path() / ".miglint.toml", "migrator = \"per-migration\"\n");
  const std::vector<std::string> check = {"drizzle", "--select", "journal-when-not-increasing"};
  RunResult from_file = run_miglint(check, dir.path());
  EXPECT_EQ(from_file.exit_code, 0) << from_file.out << from_file.err;
  std::vector<std::string> overridden = check;
  overridden.insert(overridden.end(), {"--migrator", "drizzle"});
  EXPECT_EQ(run_miglint(overridden, dir.path()).exit_code, 1);

  write_file(dir.path() / ".miglint.toml", "migrator = \"flyway\"\n");
  RunResult bad_file = run_miglint(check, dir.path());
  EXPECT_EQ(bad_file.exit_code, 2);
  EXPECT_NE(bad_file.err.find(".miglint.toml:1:12: \"migrator\" must be drizzle, per-migration or none, not \"flyway\""),
            std::string::npos)
      << bad_file.err;
  RunResult bad_option = run_miglint({"drizzle", "--migrator", "knex"}, dir.path());
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_NE(bad_option.err.find("--migrator takes drizzle, per-migration or none, not \"knex\""), std::string::npos)
      << bad_option.err;
  EXPECT_NE(run_miglint({"--help"}).out.find("--migrator drizzle|per-migration|none"), std::string::npos);
}

}  // namespace
}  // namespace miglint::test
