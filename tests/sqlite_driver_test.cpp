// The SQLite driver decides the rebuild findings: read from drizzle.config ("driver", dialect
// "turso") without running it, from --driver and from .miglint.toml; each finding says which
// migrators it applies to.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

const fs::path kFolder = fixtures_dir() / "generated" / "sqlite-rebuild" / "drizzle";
const std::vector<std::string> kRebuildRules = {"--select",
                                                "sqlite-rebuild-deletes-rows,sqlite-rebuild-blocked-by-foreign-key"};

// A project whose drizzle.config is `config` and whose migrations are the sqlite-rebuild folder.
void make_project(const fs::path& dir, const std::string& config_name, const std::string& config) {
  copy_tree(kFolder, dir / "drizzle");
  write_file(dir / config_name, config);
}

RunResult lint(const fs::path& cwd, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = kRebuildRules;
  args.insert(args.end(), extra.begin(), extra.end());
  return run_miglint(args, cwd);
}

TEST(SqliteDriver, UnknownDriverNamesTheMigratorsThatLoseRows) {
  TempDir dir;
  make_project(dir.path(), "drizzle.config.json",
               R"({"dialect": "sqlite", "schema": "./schema.ts", "out": "./drizzle"})");
  RunResult r = lint(dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("drizzle-orm's SQLite migrators, which run all pending migrations in one transaction: those "
                       "for better-sqlite3, D1 and Durable Objects, whose connections enforce foreign keys, and those "
                       "for bun, expo, op-sqlite and sql.js where the application turned them on (they start off); "
                       "not its libsql and Turso migrator, whose migrate() turns foreign keys off itself"),
            std::string::npos)
      << r.out;
}

// libsql's client.migrate() turns foreign keys off around its transaction: nothing to report.
TEST(SqliteDriver, TursoDialectInTheTypeScriptConfigMeansNoRebuildFinding) {
  TempDir dir;
  make_project(dir.path(), "drizzle.config.ts",
               "import { defineConfig } from \"drizzle-kit\";\n"
               "export default defineConfig({\n  dialect: \"turso\",\n  schema: \"./src/schema.ts\",\n  out: "
               "\"./drizzle\",\n  dbCredentials: { url: process.env.TURSO_URL! },\n});\n");
  RunResult r = lint(dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No problems found"), std::string::npos) << r.out;
}

TEST(SqliteDriver, D1HttpDriverInTheConfigNamesD1) {
  TempDir dir;
  make_project(dir.path(), "drizzle.config.ts",
               "export default {\n  dialect: 'sqlite',\n  driver: 'd1-http',\n  out: './drizzle',\n  schema: "
               "'./schema.ts',\n};\n");
  RunResult r = lint(dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("drizzle-orm's D1 migrator, which sends all pending migrations as one batch that D1 runs in "
                       "one transaction, on D1, which always enforces foreign keys"),
            std::string::npos)
      << r.out;
}

TEST(SqliteDriver, CommandLineAndConfigFileChooseTheDriver) {
  TempDir dir;
  make_project(dir.path(), "drizzle.config.json", R"({"dialect": "sqlite", "out": "./drizzle"})");
  RunResult cli = lint(dir.path(), {"--driver", "better-sqlite3"});
  EXPECT_EQ(cli.exit_code, 1) << cli.out << cli.err;
  EXPECT_NE(cli.out.find("drizzle-orm's better-sqlite3 migrator"), std::string::npos) << cli.out;
  write_file(dir.path() / ".miglint.toml", "driver = \"libsql\"\n");
  RunResult toml = lint(dir.path());
  EXPECT_EQ(toml.exit_code, 0) << toml.out << toml.err;
  RunResult bad = lint(dir.path(), {"--driver", "sqlite4"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--driver takes better-sqlite3, libsql, turso, d1, d1-http, durable-sqlite, expo, op-sqlite, "
                         "bun or sql-js, not \"sqlite4\""),
            std::string::npos)
      << bad.err;
}

// drizzle-kit writes libsql's own ALTER COLUMN only for dialect "turso", and only libsql runs it:
// a folder holding one is taken as libsql's, unless a driver is said.
TEST(SqliteDriver, LibsqlAlterColumnInTheFolderMeansLibsql) {
  TempDir dir;
  copy_tree(kFolder, dir.path() / "drizzle");
  const fs::path sql = dir.path() / "drizzle" / "0002_default_label_color.sql";
  write_file(sql, read_file(sql) +
                      "--> statement-breakpoint\nALTER TABLE `notes` ALTER COLUMN \"body\" TO \"body\" text NOT NULL;");
  RunResult inferred = lint(dir.path(), {"drizzle"});
  EXPECT_EQ(inferred.exit_code, 0) << inferred.out << inferred.err;
  RunResult said = lint(dir.path(), {"--driver", "d1", "drizzle"});
  EXPECT_EQ(said.exit_code, 1) << said.out << said.err;
  EXPECT_NE(said.out.find("drizzle-orm's D1 migrator"), std::string::npos) << said.out;
}

// Without the snapshot before 0001, the references come from 0000's SQL replayed, and the finding
// says so.
TEST(SqliteDriver, MissingSnapshotFallsBackToTheReplayAndSaysSo) {
  TempDir dir;
  copy_tree(kFolder, dir.path() / "drizzle");
  fs::remove(dir.path() / "drizzle" / "meta" / "0000_snapshot.json");
  RunResult r = lint(dir.path(), {"drizzle"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("every row of `members` that references `teams` is deleted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("The snapshot before this migration is missing or unreadable: the references were read from "
                       "the SQL of the migrations before it, replayed."),
            std::string::npos)
      << r.out;
}

// The same, with 0000 ending in a virtual table of a module the application loads (SQLite here
// has none): the replay stops there, and the finding says that what it could not follow is not
// judged. The tables made before it still give the reference.
TEST(SqliteDriver, ReplayStoppedBeforeTheMigrationSaysWhatIsNotJudged) {
  TempDir dir;
  copy_tree(kFolder, dir.path() / "drizzle");
  fs::remove(dir.path() / "drizzle" / "meta" / "0000_snapshot.json");
  const fs::path first = dir.path() / "drizzle" / "0000_init.sql";
  write_file(first, read_file(first) + "\n--> statement-breakpoint\nCREATE VIRTUAL TABLE `notes_search` USING "
                                       "made_up_search(`body`);");
  RunResult r = lint(dir.path(), {"drizzle"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("every row of `members` that references `teams` is deleted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the SQL before it could not all be replayed, so references made by statements miglint could "
                       "not follow are not judged."),
            std::string::npos)
      << r.out;
}

// With no transaction around the migrations (migrator = "none"), drizzle-kit's PRAGMA
// foreign_keys=OFF works: 0002's rebuild of labels keeps its rows. 0001 still loses members: drizzle-kit
// writes the rebuild of teams after its `PRAGMA foreign_keys=ON`.
TEST(SqliteDriver, NoTransactionMeansThePragmaWorks) {
  RunResult r = run_miglint({"--migrator", "none", "--format", "gcc", "--select",
                             "sqlite-rebuild-deletes-rows,sqlite-rebuild-blocked-by-foreign-key,sqlite-pragma-in-"
                             "transaction",
                             kFolder.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find("0001_default_team_name_and_note_body.sql:17:1: error[sqlite-rebuild-deletes-rows]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("the file's `PRAGMA foreign_keys=ON` before it turned them back on"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace miglint::test
