// miglint's view of a database matches what drizzle-orm's real migrate() did and will do.
// Each test puts a fresh database into a state with the real migrator (and psql where a
// user would work by hand), then asserts what miglint reports and what `status` shows.
#include "db_test_support.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Rules = std::vector<std::string>;

const fs::path kClean = "fixtures/generated/pg-index/drizzle";

TEST(DbMigrator, CleanFolderFullyAppliedHasNoFinding) {
  std::string url = create_test_database("mig_clean");
  if (url.empty()) return;
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, url).exit_code, 0);
  // Its one offline finding, a safety warning on 0001's index, is not about the database.
  json report = lint_json(kClean, url, {"--fail-on", "info", "--ignore", "create-index-on-existing-table"});
  EXPECT_EQ(report["findings"].size(), 0u) << report.dump(2);
  RunResult status = run_miglint({"status", kClean.string(), "--database-url", url, "--format", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json rows = json::parse(status.out)["migrations"];
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) EXPECT_EQ(row["state"], "applied") << row.dump();
}

TEST(DbMigrator, PendingMigrationIsWhatMigrateAppliesNext) {
  std::string url = create_test_database("mig_pending");
  if (url.empty()) return;
  TempDir dir;
  copy_tree(source_dir() / kClean, dir.path() / "drizzle");
  drop_last_migration(dir.path() / "drizzle");
  ASSERT_EQ(drizzle_migrate(dir.path() / "drizzle", url).exit_code, 0);
  json before = lint_json(source_dir() / kClean, url, {"--fail-on", "info"});
  EXPECT_EQ(rules_reported(before), (Rules{"db-migration-pending 0002_seed_data"}));
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, url).exit_code, 0);
  EXPECT_EQ(rules_reported(lint_json(source_dir() / kClean, url)), Rules{});
}

TEST(DbMigrator, OlderWhenMergedAfterANewerOneIsSkippedSilently) {
  std::string url = create_test_database("mig_skipped");
  if (url.empty()) return;
  // A branch generated 0004 before main generated 0003; main's 0003 was applied first.
  fs::path merged = rule_case_folder("journal-when-not-increasing", "bad-merge-index-renumbered");
  TempDir dir;
  fs::path main_branch = dir.path() / "main/drizzle";
  copy_tree(merged, main_branch);
  drop_last_migration(main_branch);
  ASSERT_EQ(drizzle_migrate(main_branch, url).exit_code, 0);
  std::string rows_before = drizzle_rows(url).out;

  json before = lint_json(merged, url);
  EXPECT_EQ(rules_reported(before), (Rules{"db-migration-skipped 0004_add_loyalty_points"}));
  RunResult migrate = drizzle_migrate(merged, url);
  EXPECT_EQ(migrate.exit_code, 0) << "the real migrator reports success: " << migrate.err;
  EXPECT_EQ(drizzle_rows(url).out, rows_before) << "and writes nothing";
  json after = lint_json(merged, url);
  EXPECT_EQ(rules_reported(after), (Rules{"db-migration-skipped 0004_add_loyalty_points"}));
  RunResult status = run_miglint({"status", merged.string(), "--database-url", url});
  EXPECT_NE(status.out.find("will-be-skipped"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("silently skips 1"), std::string::npos) << status.out;
}

TEST(DbMigrator, FileEditedAfterMigrateIsReported) {
  std::string url = create_test_database("mig_edited");
  if (url.empty()) return;
  TempDir dir;
  fs::path folder = dir.path() / "drizzle";
  copy_tree(source_dir() / kClean, folder);
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);
  write_file(folder / "0001_add_phone_and_status_idx.sql",
             read_file(folder / "0001_add_phone_and_status_idx.sql") + "\n-- a comment added later\n");
  EXPECT_EQ(rules_reported(lint_json(folder, url)), (Rules{"db-migration-edited 0001_add_phone_and_status_idx"}));
  EXPECT_EQ(drizzle_migrate(folder, url).exit_code, 0) << "migrate never notices";
  RunResult status = run_miglint({"status", folder.string(), "--database-url", url});
  EXPECT_NE(status.out.find("edited"), std::string::npos) << status.out;
}

TEST(DbMigrator, AppliedMigrationDeletedLocallyIsUnknown) {
  std::string url = create_test_database("mig_unknown");
  if (url.empty()) return;
  TempDir dir;
  fs::path folder = dir.path() / "drizzle";
  copy_tree(source_dir() / kClean, folder);
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);
  drop_last_migration(folder);
  EXPECT_EQ(rules_reported(lint_json(folder, url)), (Rules{"db-migration-unknown "}));
  RunResult status = run_miglint({"status", folder.string(), "--database-url", url});
  EXPECT_NE(status.out.find("missing-locally"), std::string::npos) << status.out;
  // The documented way out: forget the row once its changes are dealt with.
  RunResult repair = run_miglint({"repair", folder.string(), "--database-url", url, "--forget-unknown", "--apply"});
  EXPECT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_EQ(rules_reported(lint_json(folder, url)), Rules{});
}

TEST(DbMigrator, EntryWithTheWhenOfAnAppliedOneIsSkippedNotEdited) {
  std::string url = create_test_database("mig_equal_when");
  if (url.empty()) return;
  TempDir dir;
  fs::path folder = dir.path() / "drizzle";
  copy_tree(source_dir() / kClean, folder);
  drop_last_migration(folder);
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);
  // The third migration comes back with the when of the second, as a hand-edited journal might.
  auto journal = json::parse(read_file(source_dir() / kClean / "meta/_journal.json"));
  journal["entries"][2]["when"] = journal["entries"][1]["when"];
  fs::path full = dir.path() / "full";
  copy_tree(source_dir() / kClean, full);
  write_file(full / "meta/_journal.json", journal.dump(2));
  std::string rows_before = drizzle_rows(url).out;
  EXPECT_EQ(drizzle_migrate(full, url).exit_code, 0);
  EXPECT_EQ(drizzle_rows(url).out, rows_before) << "the real migrator skipped it";
  EXPECT_EQ(rules_reported(lint_json(full, url)), (Rules{"db-migration-skipped 0002_seed_data"}));
}

TEST(DbMigrator, WhenRaisedAfterApplyMakesMigrateRunItAgain) {
  std::string url = create_test_database("mig_raised_when");
  if (url.empty()) return;
  TempDir dir;
  fs::path folder = dir.path() / "drizzle";
  copy_tree(source_dir() / kClean, folder);
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);
  auto journal = json::parse(read_file(folder / "meta/_journal.json"));
  journal["entries"][2]["when"] = journal["entries"][2]["when"].get<long long>() + 1000;
  write_file(folder / "meta/_journal.json", journal.dump(2));
  EXPECT_EQ(rules_reported(lint_json(folder, url)),
            (Rules{"db-migration-edited 0002_seed_data", "db-migration-pending 0002_seed_data"}));
  RunResult status = run_miglint({"status", folder.string(), "--database-url", url, "--format", "json"});
  EXPECT_EQ(json::parse(status.out)["migrations"][2]["state"], "pending") << status.out;
  std::size_t rows_before = drizzle_rows(url).out.size();
  drizzle_migrate(folder, url);  // runs 0002 again: it fails, or records it twice
  std::size_t rows_after = drizzle_rows(url).out.size();
  RunResult rerun_check = run_miglint({"status", folder.string(), "--database-url", url, "--format", "json"});
  EXPECT_TRUE(rows_after > rows_before || json::parse(rerun_check.out)["migrations"][2]["state"] == "pending")
      << "the real migrator must have run it again (or failed trying)";
}

// The incident: objects of 0000-0004 created with drizzle-kit push, one migration recorded by
// hand, 0005 applied with psql. check and status see the pending migrations already in the
// database; repair's own plan then leaves a database on which the real migrate() runs with no
// error and no change, and check reports no database finding.
TEST(DbMigrator, IncidentIsRepairedSoMigrateRunsCleanly) {
  std::string url = create_test_database("mig_incident");
  if (url.empty()) return;
  fs::path incident = fixtures_dir() / "examples/incident";
  TempDir dir;
  write_file(dir.path() / "drizzle.config.json",
             json{{"dialect", "postgresql"}, {"schema", (incident / "schema/step4.ts").string()}, {"dbCredentials", {{"url", url}}}}
                 .dump());
  RunResult push = run_shell(drizzle_command() + " kit push --force --config drizzle.config.json", dir.path());
  ASSERT_EQ(push.exit_code, 0) << push.out << push.err;
  ASSERT_EQ(psql_value(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), "4");
  json journal = json::parse(read_file(incident / "drizzle/meta/_journal.json"));
  std::string hash0 = run_shell("sha256sum " + sh_quote((incident / "drizzle/0000_create_users.sql").string())).out.substr(0, 64);
  psql(url, "CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, "
            "created_at bigint); INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('" +
                hash0 + "', " + std::to_string(journal["entries"][0]["when"].get<long long>()) + ")");
  psql(url, read_file(incident / "drizzle/0005_make_sessions_programid_nullable.sql"));

  fs::path folder = incident / "drizzle";
  // check names what the next migrate would meet: 0001-0005 already in the database, and 0005's
  // missing snapshot (offline).
  json report = lint_json(folder, url);
  std::vector<std::string> already = rules_reported(report, "db-pending-already-applied");
  EXPECT_EQ(already, (Rules{"db-pending-already-applied 0001_add_programs", "db-pending-already-applied 0002_add_sessions",
                            "db-pending-already-applied 0003_add_activities",
                            "db-pending-already-applied 0004_indexes_and_timezone",
                            "db-pending-already-applied 0005_make_sessions_programid_nullable"}))
      << report.dump(2);
  EXPECT_EQ(rules_reported(report, "snapshot-missing"), Rules{"snapshot-missing 0005_make_sessions_programid_nullable"});
  EXPECT_EQ(rules_reported(report, "db-schema-drift"), Rules{}) << "push made exactly what 0001-0004 make";
  RunResult status = run_miglint({"status", folder.string(), "--database-url", url, "--format", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json rows = json::parse(status.out)["migrations"];
  EXPECT_EQ(rows[0]["state"], "applied");
  for (std::size_t i = 1; i <= 5; ++i) EXPECT_EQ(rows[i]["state"], "in schema") << rows[i].dump();
  RunResult text_status = run_miglint({"status", folder.string(), "--database-url", url});
  EXPECT_NE(text_status.out.find("The next migrate fails on 0001_add_programs, whose table public.programs already exists"),
            std::string::npos)
      << text_status.out;
  RunResult fails = drizzle_migrate(folder, url);  // the real migrator agrees: objects exist
  EXPECT_NE(fails.exit_code, 0) << "migrate must fail on objects that already exist";

  // repair named nothing proposes recording 0001-0005, and changes nothing until --apply.
  RunResult printed = run_miglint({"repair", folder.string(), "--database-url", url});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("BEGIN;"), std::string::npos);
  EXPECT_NE(printed.err.find("0005_make_sessions_programid_nullable is already in the database: record it as applied"),
            std::string::npos)
      << printed.err;
  EXPECT_EQ(psql_value(url, "SELECT count(*) FROM drizzle.__drizzle_migrations"), "1") << "printing changes nothing";
  RunResult applied = run_miglint({"repair", folder.string(), "--database-url", url, "--apply"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(applied.out.find("recorded 0005_make_sessions_programid_nullable as applied"), std::string::npos);

  std::string rows_before = drizzle_rows(url).out;
  std::string schema_before = psql_value(url, "SELECT string_agg(table_name || '.' || column_name || ':' || is_nullable, ',' "
                                              "ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'public'");
  RunResult migrate = drizzle_migrate(folder, url);
  EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_EQ(drizzle_rows(url).out, rows_before) << "migrate records nothing more";
  EXPECT_EQ(psql_value(url, "SELECT string_agg(table_name || '.' || column_name || ':' || is_nullable, ',' "
                            "ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'public'"),
            schema_before)
      << "and changes no table";
  EXPECT_EQ(rules_reported(lint_json(folder, url, {"--fail-on", "info"})), Rules{});
}

}  // namespace
}  // namespace miglint::test
