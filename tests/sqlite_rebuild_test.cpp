// The sqlite rebuild rules against what the real migrator does: fixtures/generated/sqlite-rebuild
// (made by the real drizzle-kit 0.31.11) migrated by drizzle-orm 0.45.4 on better-sqlite3 into a
// database holding rows in every table (tests/tools/sqlite_rebuild_rows.cjs). Rows are lost in
// exactly the tables the findings name, the migration they block fails, and nowhere else.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFolder = fixtures_dir() / "generated" / "sqlite-rebuild" / "drizzle";

// A row in every table: two teams with a member each, a project of team 1 and one of no team, a
// label used by project 1, a note.
const char* kRows =
    "INSERT INTO teams VALUES (1, 'core'), (2, 'ops');\n"
    "INSERT INTO members VALUES (1, 1, 'ann'), (2, 2, 'bob');\n"
    "INSERT INTO projects VALUES (1, 1, 'api'), (2, NULL, 'misc');\n"
    "INSERT INTO labels VALUES (1, 'bug', NULL);\n"
    "INSERT INTO label_uses VALUES (1, 1, 1);\n"
    "INSERT INTO notes VALUES (1, 'hello');\n";

// The folder's first `count` migrations, as a folder of their own under `to`.
fs::path first_migrations(std::size_t count, const fs::path& to) {
  copy_tree(kFolder, to);
  json journal = json::parse(read_file(to / "meta/_journal.json"));
  json& entries = journal["entries"];
  while (entries.size() > count) {
    const std::string tag = entries.back()["tag"];
    fs::remove(to / (tag + ".sql"));
    fs::remove(to / "meta" / (tag.substr(0, 4) + "_snapshot.json"));
    entries.erase(entries.size() - 1);
  }
  write_file(to / "meta/_journal.json", journal.dump(2));
  return to;
}

// tests/tools/sqlite_rebuild_rows.cjs on a fresh database: migrate `first`, add kRows (without
// the lines naming a table in `leave_empty`), migrate `second`.
// With `flag` "--libsql": drizzle-orm's libsql migrator on @libsql/client instead
// (tests/tools/libsql_rebuild_rows.cjs, its tools installed from tests/tools/libsql).
json migrate_with_rows(const fs::path& parent, const fs::path& first, const fs::path& second,
                       const std::string& flag = "", const std::string& leave_empty = "") {
  static int runs = 0;
  const fs::path dir = parent / ("run-" + std::to_string(++runs));  // a fresh database each time
  fs::create_directories(dir);
  std::string rows;
  std::string all = kRows;
  for (std::size_t at = 0, end; at < all.size(); at = end + 1) {
    end = all.find('\n', at);
    const std::string line = all.substr(at, end - at + 1);
    if (leave_empty.empty() || line.find("INTO " + leave_empty + " ") == std::string::npos) rows += line;
  }
  write_file(dir / "rows.sql", rows);
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

// The rows kRows puts in, as the database gives them back when nothing touched them.
json untouched_rows(const fs::path& dir) {
  const fs::path first = first_migrations(1, dir / "untouched");
  return migrate_with_rows(dir, first, first)["rows"];
}

// Tables whose rows differ between two dumps.
std::set<std::string> changed_tables(const json& before, const json& after) {
  std::set<std::string> out;
  for (const auto& [table, rows] : before.items()) {
    if (!after.contains(table) || after[table] != rows) out.insert(table);
  }
  return out;
}

struct Findings {
  std::set<std::string> harmed;    // tables the deletes-rows findings say lose or change rows
  std::set<std::string> blocking;  // tables the blocked findings say make migrate fail
  std::vector<std::string> messages;
};

// The rebuild findings miglint reports on `folder`, the tables each names before its "DROP TABLE".
Findings rebuild_findings(const fs::path& folder) {
  RunResult r = run_miglint({"--format", "json", "--select",
                             "sqlite-rebuild-deletes-rows,sqlite-rebuild-blocked-by-foreign-key", folder.string()});
  Findings out;
  const json report = json::parse(r.out);
  const std::regex quoted("`([a-z_]+)`");
  for (const json& f : report["findings"]) {
    const std::string message = f["message"];
    out.messages.push_back(message);
    const std::string consequence = message.substr(0, message.find(": DROP TABLE"));
    const std::string dropped = message.substr(message.find(": DROP TABLE `") + 14);
    std::set<std::string>& into = f["rule"] == "sqlite-rebuild-deletes-rows" ? out.harmed : out.blocking;
    for (std::sregex_iterator m(consequence.begin(), consequence.end(), quoted), end; m != end; ++m) {
      if ((*m)[1] != dropped.substr(0, dropped.find('`'))) into.insert((*m)[1]);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
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
  const Findings findings = rebuild_findings(through_0001);
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

  const Findings findings = rebuild_findings(kFolder);
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
  const Findings findings = rebuild_findings(folder);
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
  const Findings findings = rebuild_findings(folder);
  EXPECT_EQ(findings.harmed, std::set<std::string>{"projects"}) << joined(findings.messages);
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

}  // namespace
}  // namespace miglint::test
