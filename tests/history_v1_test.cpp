// --since REF on Drizzle Kit 1.0 folders (one folder per migration), in real temporary git
// repositories, with migrations made by the real drizzle-kit 1.0.0-rc.5 (fixtures/generated-v1): the
// committed migrations are history, and the history rules judge what a change did to them as
// drizzle-orm 1.0's migrator sees it (by name; the hash recorded, never compared; every name not
// recorded applied, wherever it sorts; DbV1ByName runs that migrator on the same cases).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/git_repo.h"
#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

fs::path branches() { return fixtures_dir() / "generated-v1/pg-branches/drizzle"; }

const std::string kInit = "20250401100003_init", kAlter = "20250401100110_alter", kCoupons = "20250401112031_add_coupons",
                  kTags = "20250401114552_add_tags";

// main as a team has it: init and alter, then add_tags (generated on top of alter), committed.
void commit_main(const Repo& repo) {
  for (const std::string& name : {kInit, kAlter, kTags}) repo.copy_folder(branches() / name, "drizzle/" + name);
  repo.must("git add -A && git commit -q -m 'main'");
}

// Back to the commit, for the next case.
void restore(const Repo& repo) { repo.must("git checkout -q -- . && git clean -fdq"); }

TEST(SinceV1, CommittedMigrationsAreHistoryAndOnlyNewOnesAreJudged) {
  Repo repo;
  commit_main(repo);
  // alter's CREATE INDEX is a safety finding; committed, it is history.
  RunResult plain = repo.sh("miglint check drizzle");
  EXPECT_TRUE(contains(plain.out, "warning[create-index-on-existing-table]")) << plain.out;
  RunResult since = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(since.exit_code, 0) << since.out;
  EXPECT_TRUE(contains(since.out, "No problems found in 1 folder. 3 migrations judged as history.")) << since.out;

  // A new migration after the committed ones: only its statements are judged.
  repo.put("drizzle/20250402090000_posts_index/migration.sql", "CREATE INDEX \"posts_title_idx\" ON \"posts\" (\"title\");\n");
  repo.copy(branches() / kTags / "snapshot.json", "drizzle/20250402090000_posts_index/snapshot.json");
  RunResult added = repo.sh("miglint check drizzle --since HEAD --select safety,history");
  EXPECT_EQ(added.exit_code, 0) << added.out;
  EXPECT_TRUE(contains(added.out, "drizzle/20250402090000_posts_index/migration.sql:1:1: warning[create-index-on-existing-table]"))
      << added.out;
  EXPECT_FALSE(contains(added.out, kAlter)) << added.out;
  EXPECT_TRUE(contains(added.out, "3 migrations judged as history.")) << added.out;
}

TEST(SinceV1, EditedRemovedRenamedAndInsertedAsTheOneZeroMigratorSeesThem) {
  Repo repo;
  commit_main(repo);

  // Edited after it ran: reported from the first changed line; its statements are judged again.
  const std::string alter = "drizzle/" + kAlter + "/migration.sql";
  repo.put(alter, repo.file(alter) + "--> statement-breakpoint\nALTER TABLE \"users\" ADD COLUMN \"bio\" text;");
  RunResult edited = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(edited.exit_code, 1) << edited.out;
  EXPECT_TRUE(contains(edited.out, alter + ":2:1: error[history-migration-edited] " + kAlter +
                                       "/migration.sql was committed at HEAD and its SQL has changed since (from this "
                                       "line on): drizzle-orm 1.0's migrator records a migration's hash but never "
                                       "compares it"))
      << edited.out;
  EXPECT_TRUE(contains(edited.out, "help: Restore the committed text (git checkout HEAD -- " + alter + ")")) << edited.out;
  EXPECT_TRUE(contains(edited.out, "2 migrations judged as history.")) << edited.out;
  restore(repo);

  // Removed (its folder deleted; then only its migration.sql, which the migrator then passes over).
  repo.must("rm -r drizzle/" + kTags);
  RunResult removed = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(removed.exit_code, 1) << removed.out;
  EXPECT_TRUE(contains(removed.out, "drizzle:1:1: error[history-migration-removed] the migration " + kTags +
                                        " (its folder's migration.sql) was committed at HEAD and is gone"))
      << removed.out;
  EXPECT_TRUE(contains(removed.out, "help: Restore it (git checkout HEAD -- drizzle/" + kTags + ")")) << removed.out;
  restore(repo);
  repo.must("rm drizzle/" + kTags + "/migration.sql");
  EXPECT_TRUE(contains(repo.sh("miglint check drizzle --since HEAD --select history").out,
                       "error[history-migration-removed] the migration " + kTags))
      << "a folder without migration.sql is no migration";
  restore(repo);

  // Renamed: 1.0 knows a migration by its folder's name, so it is a new one to every database.
  repo.must("git mv drizzle/" + kTags + " drizzle/20250402080000_add_tags");
  RunResult renamed = repo.sh("miglint check drizzle --since HEAD --select history");
  EXPECT_EQ(renamed.exit_code, 1) << renamed.out;
  EXPECT_TRUE(contains(renamed.out, "drizzle/20250402080000_add_tags/migration.sql:1:1: error[history-migration-removed] "
                                        "the migration " + kTags + " was committed at HEAD and is now named "
                                        "20250402080000_add_tags: drizzle-orm 1.0's migrator knows migrations by name, "
                                        "so databases that applied it as " + kTags + " run it again"))
      << renamed.out;
  EXPECT_TRUE(contains(renamed.out, "(git mv drizzle/20250402080000_add_tags drizzle/" + kTags + ")")) << renamed.out;
  restore(repo);

  // Inserted: a branch's migration (add_coupons, generated by drizzle-kit 1.0 on alter) merged after
  // add_tags was committed sorts before it; 1.0 applies it anyway, out of order.
  repo.copy_folder(branches() / kCoupons, "drizzle/" + kCoupons);
  RunResult inserted = repo.sh("miglint check drizzle --since HEAD --select history");
  EXPECT_EQ(inserted.exit_code, 1) << inserted.out;
  EXPECT_TRUE(contains(inserted.out, "drizzle/" + kCoupons + "/migration.sql:1:1: error[history-migration-inserted] " +
                                         kCoupons + " is new since HEAD and its name sorts before the committed " + kTags +
                                         ": drizzle-orm 1.0's migrate applies it anyway on databases that already ran " +
                                         kTags + ", after it and out of order, while new databases run it before " + kTags))
      << inserted.out;
  // Committed, it is history: the next change is judged against it.
  repo.must("git add -A && git commit -q -m 'merge coupons'");
  RunResult merged = repo.sh("miglint check drizzle --since HEAD --select history");
  EXPECT_EQ(merged.exit_code, 0) << merged.out;
  EXPECT_TRUE(contains(merged.out, "4 migrations judged as history.")) << merged.out;
  RunResult since_main = repo.sh("miglint check drizzle --since HEAD~1 --select history");
  EXPECT_EQ(since_main.exit_code, 1) << since_main.out;
  EXPECT_TRUE(contains(since_main.out, "is new since HEAD~1 and its name sorts before")) << since_main.out;
}

// A folder moved since REF is found there by its migrations' folders (1.0 has no journal).
TEST(SinceV1, MovedFolderIsComparedWithItsOldPath) {
  Repo repo;
  commit_main(repo);
  repo.must("mkdir db && git mv drizzle db/migrations");
  repo.copy_folder(branches() / kCoupons, "db/migrations/" + kCoupons);
  RunResult moved = repo.sh("miglint check db/migrations --since HEAD --select history");
  EXPECT_EQ(moved.exit_code, 1) << moved.out;
  EXPECT_TRUE(contains(moved.out, "db/migrations was drizzle at HEAD; compared with that")) << moved.out;
  EXPECT_TRUE(contains(moved.out, "error[history-migration-inserted] " + kCoupons + " is new since HEAD (where the folder "
                                  "was drizzle) and its name sorts before the committed " + kTags))
      << moved.out;
  EXPECT_TRUE(contains(moved.out, "3 migrations judged as history.")) << moved.out;
}

// The commit of `drizzle-kit up`: REF holds the 0.x folder drizzle-kit 0.31.11 made, the work tree
// what the real drizzle-kit 1.0 up made of it. up moves each SQL file unchanged to a folder named by
// its entry's when: those migrations are history.
TEST(SinceV1, TheUpgradeCommitKeepsTheMigrationsAsHistory) {
  Repo repo;
  repo.copy_folder(fixtures_dir() / "generated-v1/pg-up/drizzle-0x", "drizzle");
  repo.must("git add -A && git commit -q -m '0.x'");
  repo.must("rm -r drizzle");
  repo.copy_folder(fixtures_dir() / "generated-v1/pg-up/drizzle", "drizzle");
  EXPECT_TRUE(contains(repo.sh("miglint check drizzle").out, "warning[create-index-on-existing-table]"));
  RunResult upgraded = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(upgraded.exit_code, 0) << upgraded.out;
  EXPECT_TRUE(contains(upgraded.out, "No problems found in 1 folder. 3 migrations judged as history.")) << upgraded.out;
  // A migration whose SQL up did not carry over unchanged is not.
  const std::string seed = "drizzle/20250403090217_seed_data/migration.sql";
  repo.put(seed, repo.file(seed) + "\nCREATE INDEX \"users_email_idx\" ON \"users\" (\"email\");\n");
  RunResult edited = repo.sh("miglint check drizzle --since HEAD --select safety");
  EXPECT_TRUE(contains(edited.out, seed + ":")) << edited.out;
  EXPECT_TRUE(contains(edited.out, "2 migrations judged as history.")) << edited.out;
}

}  // namespace
}  // namespace miglint::test
