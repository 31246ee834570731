// The sqlite rebuild rules against what the real migrator does: fixtures/generated/sqlite-rebuild
// (made by the real drizzle-kit 0.31.11) migrated by drizzle-orm 0.45.4 on better-sqlite3 into a
// database holding rows in every table (tests/tools/sqlite_rebuild_rows.cjs). Rows are lost in
// exactly the tables the findings name, the migration they block fails, and nowhere else.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/run.h"
#include "support/sqlite_rebuild_rows.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path& kFolder = sqlite_rebuild_folder();

fs::path first_migrations(std::size_t count, const fs::path& to) { return first_rebuild_migrations(count, to); }

// tests/tools/sqlite_rebuild_rows.cjs on a fresh database: migrate `first`, add
// sqlite_rebuild_rows() (without the lines naming `leave_empty`), migrate `second`.
// With `flag` "--libsql": drizzle-orm's libsql migrator on @libsql/client instead
// (tests/tools/libsql_rebuild_rows.cjs, its tools installed from tests/tools/libsql).
json migrate_with_rows(const fs::path& parent, const fs::path& first, const fs::path& second,
                       const std::string& flag = "", const std::string& leave_empty = "") {
  static int runs = 0;
  const fs::path dir = parent / ("run-" + std::to_string(++runs));  // a fresh database each time
  fs::create_directories(dir);
  write_file(dir / "rows.sql", sqlite_rebuild_rows(leave_empty));
  fs::path tools = source_dir() / "build" / "test-tools-sqlite";
  if (const char* d = std::getenv("MIGLINT_SQLITE_TOOLS_DIR"); d != nullptr && *d != '\0') tools = d;
  RunResult install = run_shell("MIGLINT_SQLITE_TOOLS_DIR=" + sh_quote(tools.string()) + " bash " +
                                sh_quote((source_dir() / "tests/tools/drizzle_sqlite.sh").string()) + " --install");
  EXPECT_EQ(install.exit_code, 0) << install.err;
  std::string script = "sqlite_rebuild_rows.cjs";
  if (flag == "--libsql") {
    tools = source_dir() / "build" / "test-tools-libsql";
    RunResult libsql =
        run_shell("bash " + sh_quote((source_dir() / "tests/tools/npm_install.sh").string()) + " " +
                  sh_quote((source_dir() / "tests/tools/libsql").string()) + " " + sh_quote(tools.string()) +
                  " node_modules/@libsql/client/package.json node_modules/drizzle-orm/libsql/migrator.cjs");
    EXPECT_EQ(libsql.exit_code, 0) << libsql.err;
    script = "libsql_rebuild_rows.cjs";
  }
  RunResult r =
      run_shell("NODE_PATH=" + sh_quote((tools / "node_modules").string()) + " node " +
                sh_quote((source_dir() / "tests/tools" / script).string()) + " " + sh_quote((dir / "app.db").string()) +
                " " + sh_quote(first.string()) + " " + sh_quote((dir / "rows.sql").string()) + " " +
                sh_quote(second.string()) + " " + (flag == "--libsql" ? "" : flag));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return r.exit_code == 0 ? json::parse(r.out) : json::object();
}

// The rows sqlite_rebuild_rows() puts in, as the database gives them back when nothing touched them.
json untouched_rows(const fs::path& dir) {
  const fs::path first = first_migrations(1, dir / "untouched");
  return migrate_with_rows(dir, first, first)["rows"];
}

// 0001 rebuilds teams (members ON DELETE CASCADE, projects SET NULL) and notes (referenced by
// nothing): migrate succeeds, members' rows are gone, projects lose their team, notes keep theirs.
TEST(SqliteRebuildRealMigrator, RowsAreLostExactlyInTheTablesTheFindingNames) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path through_0001 = first_migrations(2, dir.path() / "through-0001");
  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), through_0001);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(after["rows"]["members"], json::array());
  EXPECT_EQ(after["rows"]["projects"], json::parse(R"([[1, null, "api"], [2, null, "misc"]])"));
  EXPECT_EQ(after["rows"]["notes"], before["notes"]);
  const RebuildFindings findings = rebuild_findings(through_0001);
  EXPECT_EQ(findings.harmed, changed_tables(before, after["rows"])) << joined(findings.messages);
  EXPECT_EQ(findings.harmed, (std::set<std::string>{"members", "projects"}));
  EXPECT_TRUE(findings.blocking.empty()) << joined(findings.messages);
  ASSERT_EQ(findings.messages.size(), 1u);
  EXPECT_TRUE(findings.messages[0].starts_with(
      "every row of `members` that references `teams` is deleted (ON DELETE CASCADE on team_id); team_id of "
      "`projects` is set to NULL in every row that references `teams` (ON DELETE SET NULL): DROP TABLE `teams`, in "
      "drizzle-kit's rebuild of `teams` through `__new_teams`,"))
      << findings.messages[0];
}

// 0002 rebuilds labels, which label_uses references with no action: with a label in use, migrate
// fails and rolls back; with label_uses empty, it succeeds and no row changes.
TEST(SqliteRebuildRealMigrator, NoActionChildBlocksTheMigrationOnlyWhenItHoldsRows) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path through_0001 = first_migrations(2, dir.path() / "through-0001");
  const json blocked = migrate_with_rows(dir.path(), through_0001, kFolder);
  EXPECT_EQ(blocked["second"], "failed: FOREIGN KEY constraint failed");
  EXPECT_EQ(blocked["rows"]["labels"], before["labels"]);
  EXPECT_EQ(blocked["rows"]["label_uses"], before["label_uses"]);

  const json passed = migrate_with_rows(dir.path(), through_0001, kFolder, "", "label_uses");
  EXPECT_EQ(passed["second"], "applied");
  EXPECT_EQ(passed["rows"]["labels"], before["labels"]);

  const RebuildFindings findings = rebuild_findings(kFolder);
  EXPECT_EQ(findings.blocking, (std::set<std::string>{"label_uses"})) << joined(findings.messages);
  EXPECT_EQ(findings.harmed, (std::set<std::string>{"members", "projects"}));
}

// The fix the help gives first: foreign keys off on the connection around migrate(). Nothing is
// lost, and the rebuilt labels keep label_uses' rows valid.
TEST(SqliteRebuildRealMigrator, ForeignKeysOffOnTheConnectionKeepsEveryRow) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const json after =
      migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), kFolder, "--foreign-keys-off");
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(after["foreign_keys"], 1);
  EXPECT_EQ(changed_tables(before, after["rows"]), std::set<std::string>{});
}

// The other fix: the migrator's transaction ended around the rebuild in 0001 (COMMIT; PRAGMA
// foreign_keys=OFF; BEGIN; ... COMMIT; PRAGMA foreign_keys=ON; BEGIN;). Nothing is lost, and
// miglint reports no rebuild finding there.
TEST(SqliteRebuildRealMigrator, CommitWorkaroundKeepsEveryRowAndIsNotReported) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path folder = first_migrations(2, dir.path() / "workaround");
  const fs::path sql = folder / "0001_default_team_name_and_note_body.sql";
  std::string text = read_file(sql);
  const std::string breakpoint = "--> statement-breakpoint\n";
  text = "COMMIT;" + breakpoint + "PRAGMA foreign_keys=OFF;" + breakpoint + "BEGIN;" + breakpoint + text + breakpoint +
         "COMMIT;" + breakpoint + "PRAGMA foreign_keys=ON;" + breakpoint + "BEGIN;";
  write_file(sql, text);
  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), folder);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(changed_tables(before, after["rows"]), std::set<std::string>{});
  const RebuildFindings findings = rebuild_findings(folder);
  EXPECT_TRUE(findings.messages.empty()) << joined(findings.messages);
  // sql-transaction-control names the trade-off, as a warning, once per COMMIT / PRAGMA / BEGIN.
  RunResult r = run_miglint({"--format", "json", "--select", "sql-transaction-control", folder.string()});
  const json control = json::parse(r.out)["findings"];
  ASSERT_EQ(control.size(), 2u) << r.out;
  for (const json& f : control) {
    EXPECT_EQ(f["severity"], "warning");
    EXPECT_NE(f["message"].get<std::string>().find("the migrations before this point in the batch stay committed"),
              std::string::npos);
  }
}

// The fix for drivers that always enforce foreign keys (D1, Durable Objects): members' rows copied
// aside before the rebuild and put back after it. They survive; projects, not restored, still lose
// their team, and the finding now names projects alone.
TEST(SqliteRebuildRealMigrator, RowsCopiedAsideAndRestoredSurviveAndAreNoLongerReported) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path folder = first_migrations(2, dir.path() / "copy-aside");
  const fs::path sql = folder / "0001_default_team_name_and_note_body.sql";
  const std::string breakpoint = "--> statement-breakpoint\n";
  write_file(sql, "CREATE TABLE `members_keep` AS SELECT * FROM `members`;" + breakpoint + read_file(sql) + breakpoint +
                      "INSERT INTO `members` SELECT * FROM `members_keep`;" + breakpoint +
                      "DROP TABLE `members_keep`;");
  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), folder);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(changed_tables(before, after["rows"]), std::set<std::string>{"projects"});
  const RebuildFindings findings = rebuild_findings(folder);
  EXPECT_EQ(findings.harmed, std::set<std::string>{"projects"}) << joined(findings.messages);
}

// The last fix the help gives: no rebuild where ALTER TABLE suffices. 0001 written as a new column
// with its default (ADD) instead of a rebuild of teams that changes name's default: every row of
// every table stays, and miglint reports no rebuild finding.
TEST(SqliteRebuildRealMigrator, AlterInsteadOfARebuildKeepsEveryRowAndIsNotReported) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path folder = first_migrations(2, dir.path() / "alter-instead");
  write_file(folder / "0001_default_team_name_and_note_body.sql",
             "ALTER TABLE `teams` ADD `motto` text DEFAULT 'unnamed' NOT NULL;");
  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), folder);
  EXPECT_EQ(after["second"], "applied");
  // teams changes only by its new column: each row keeps its id and name.
  EXPECT_EQ(changed_tables(before, after["rows"]), std::set<std::string>{"teams"});
  ASSERT_EQ(after["rows"]["teams"].size(), before["teams"].size()) << after.dump();
  for (std::size_t i = 0; i < before["teams"].size(); ++i) {
    json kept = after["rows"]["teams"][i];
    kept.erase(kept.size() - 1);
    EXPECT_EQ(kept, before["teams"][i]);
  }
  const RebuildFindings findings = rebuild_findings(folder);
  EXPECT_TRUE(findings.messages.empty()) << joined(findings.messages);
}

// drizzle-orm's libsql migrator on a local file: the connection enforces foreign keys (libsql's
// default), but client.migrate() turns them off around its transaction, so the same folder keeps
// every row, label_uses' included; with the driver said, miglint reports no rebuild finding.
TEST(SqliteRebuildRealMigrator, LibsqlMigratorKeepsEveryRowAndIsNotReported) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const json after =
      migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), kFolder, "--libsql");
  EXPECT_EQ(after["foreign_keys"], 1);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(changed_tables(before, after["rows"]), std::set<std::string>{});
  RunResult r = run_miglint({"--driver", "libsql", "--select",
                             "sqlite-rebuild-deletes-rows,sqlite-rebuild-blocked-by-foreign-key", kFolder.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// `PRAGMA defer_foreign_keys=ON` before each rebuild and `=OFF` after it (D1's documented way):
// turning it off forgets the violations the DROP counted, so label_uses keeps its row and 0002 is
// applied; members and projects still lose theirs (ON DELETE actions are not deferred). Only the
// deletes-rows finding stays.
TEST(SqliteRebuildRealMigrator, DeferForeignKeysOnThenOffUnblocksNoActionButKeepsNoCascadedRow) {
  TempDir dir;
  const json before = untouched_rows(dir.path());
  const fs::path folder = dir.path() / "defer";
  copy_tree(kFolder, folder);
  for (const std::string prefix : {"0001", "0002"}) {
    wrap_migration(folder, prefix, "PRAGMA defer_foreign_keys=ON;--> statement-breakpoint\n",
                   "PRAGMA defer_foreign_keys=OFF;");
  }
  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), folder);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(changed_tables(before, after["rows"]), (std::set<std::string>{"members", "projects"}));
  const RebuildFindings findings = rebuild_findings(folder);
  EXPECT_EQ(findings.harmed, (std::set<std::string>{"members", "projects"})) << joined(findings.messages);
  EXPECT_TRUE(findings.blocking.empty()) << joined(findings.messages);
}

// karakeep's 0025/0029 in small, the snapshots removed: a hand-written `DEFAULT "team"` (SQLite
// reads a lone name there as the string 'team'), then drizzle-kit's rebuild of members, a child of
// teams. The real migrator applies both with rows, and no row changes but the new column's; the
// replay once recreated teams without its key there and reported "foreign key mismatch".
TEST(SqliteRebuildRealMigrator, NameAsDefaultThenChildRebuildRunsWithoutSnapshots) {
  TempDir dir;
  const fs::path folder = first_migrations(1, dir.path() / "named-default");
  write_file(folder / "0001_team_kind.sql", "ALTER TABLE teams ADD `kind` text NOT NULL DEFAULT \"team\";");
  write_file(folder / "0002_default_member_name.sql",
             "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
             "CREATE TABLE `__new_members` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`team_id` integer NOT NULL,\n"
             "\t`name` text DEFAULT '' NOT NULL,\n\tFOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no "
             "action ON DELETE cascade\n);\n--> statement-breakpoint\n"
             "INSERT INTO `__new_members`(\"id\", \"team_id\", \"name\") SELECT \"id\", \"team_id\", \"name\" FROM "
             "`members`;--> statement-breakpoint\nDROP TABLE `members`;--> statement-breakpoint\n"
             "ALTER TABLE `__new_members` RENAME TO `members`;--> statement-breakpoint\nPRAGMA foreign_keys=ON;");
  json journal = json::parse(read_file(folder / "meta/_journal.json"));
  for (const std::string tag : {"0001_team_kind", "0002_default_member_name"}) {
    const long long when = journal["entries"].back()["when"].get<long long>() + 60000;
    journal["entries"].push_back(
        {{"idx", journal["entries"].size()}, {"version", "6"}, {"when", when}, {"tag", tag}, {"breakpoints", true}});
  }
  write_file(folder / "meta/_journal.json", journal.dump(2));
  fs::remove(folder / "meta/0000_snapshot.json");

  const json after = migrate_with_rows(dir.path(), first_migrations(1, dir.path() / "through-0000"), folder);
  EXPECT_EQ(after["second"], "applied");
  EXPECT_EQ(after["rows"]["teams"], json::parse(R"([[1, "core", "team"], [2, "ops", "team"]])"));
  EXPECT_EQ(after["rows"]["members"], json::parse(R"([[1, 1, "ann"], [2, 2, "bob"]])"));

  RunResult r = run_miglint({folder.string(), "--select", "sqlite"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("No problems found"), std::string::npos) << r.out;
}

// The same `DEFAULT "team"` (which the test above runs through the real migrator), now with the
// snapshot drizzle-kit writes for `.default("team")` ("'team'"): the SQL replayed holds the string,
// as the snapshot says. Read as a name, it was once reported as a mismatch (team against 'team').
TEST(SqliteNameAsDefault, IsTheStringTheSnapshotRecords) {
  TempDir dir;
  const fs::path folder = first_migrations(1, dir.path() / "named-default");
  write_file(folder / "0001_team_kind.sql", "ALTER TABLE teams ADD `kind` text NOT NULL DEFAULT \"team\";");
  json journal = json::parse(read_file(folder / "meta/_journal.json"));
  journal["entries"].push_back({{"idx", 1},
                                {"version", "6"},
                                {"when", journal["entries"][0]["when"].get<long long>() + 60000},
                                {"tag", "0001_team_kind"},
                                {"breakpoints", true}});
  write_file(folder / "meta/_journal.json", journal.dump(2));
  json snapshot = json::parse(read_file(folder / "meta/0000_snapshot.json"));
  snapshot["prevId"] = snapshot["id"];
  snapshot["id"] = "5d0c3f4e-9a57-4f0e-8a53-0d6c1f2b7e11";
  snapshot["tables"]["teams"]["columns"]["kind"] = {{"name", "kind"},           {"type", "text"},
                                                    {"primaryKey", false},      {"notNull", true},
                                                    {"autoincrement", false},   {"default", "'team'"}};
  write_file(folder / "meta/0001_snapshot.json", snapshot.dump(2));

  RunResult r = run_miglint({folder.string(), "--select", "schema-sql-snapshot-mismatch"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No problems found"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace miglint::test
