// The Drizzle Kit 1.0 layout, on folders the real drizzle-kit 1.0.0-rc.5 generated
// (fixtures/generate-v1.sh): loaded like a 0.x folder, so the SQL, safety and suppression rules and
// every output format run on it; the journal's rules do not; its own rules (rules/folder/) report
// what the migrator skips or drizzle-kit refuses; hostile input gives a finding, never a crash, and
// nothing outside the folder is read.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <tuple>
#include <sstream>
#include <variant>

#include "load/folder_loader.h"
#include "load/layout_v1.h"
#include "support/kit1_tools.h"
#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path generated(const std::string& name) { return fixtures_dir() / "generated-v1" / name / "drizzle"; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A generated 1.0 folder copied into a temporary directory as ./drizzle.
class V1Folder : public testing::Test {
 protected:
  void use(const std::string& name) { copy_tree(generated(name), folder()); }
  fs::path folder() const { return dir_.path() / "drizzle"; }
  RunResult lint(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"drizzle"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_miglint(args, dir_.path());
  }
  TempDir dir_;
};

TEST(V1Layout, MigrationsInNameOrderWithTheMigratorsDatesAndTheirFiles) {
  auto loaded = load_folder(generated("pg-linear"), "drizzle", std::nullopt);
  ASSERT_TRUE(std::holds_alternative<Folder>(loaded));
  Folder folder = std::move(std::get<Folder>(loaded));
  EXPECT_EQ(folder.layout, Layout::DrizzleKit1);
  EXPECT_EQ(folder.dialect(), Dialect::PostgreSQL);
  ASSERT_EQ(folder.migrations.size(), 3u);
  const Migration& second = folder.migrations[1];
  EXPECT_EQ(second.name, "20250401100110_alter");
  EXPECT_EQ(second.when, 1743501670000.0);  // Date.UTC(2025, 3, 1, 10, 1, 10)
  ASSERT_NE(second.sql, nullptr);
  EXPECT_EQ(second.sql->relative_path, "20250401100110_alter/migration.sql");
  ASSERT_NE(second.snapshot, nullptr);
  ASSERT_EQ(second.snapshot->prev_ids.size(), 1u);
  EXPECT_EQ(second.snapshot->prev_ids[0].value, folder.migrations[0].snapshot->id->value);
  EXPECT_EQ(second.snapshot->kind->value, "diff");
}

TEST(V1Layout, FolderMillisAsTheMigratorComputesThem) {
  EXPECT_EQ(drizzle_kit_1::folder_millis("20250401100110_alter"), 1743501670000.0);
  EXPECT_EQ(drizzle_kit_1::folder_millis("20251301000000_x"), 1767225600000.0);  // month 13: January 2026
  EXPECT_EQ(drizzle_kit_1::folder_millis("2025-04-01_x"), std::nullopt);  // minutes "_x": NaN
  EXPECT_EQ(drizzle_kit_1::folder_millis("2025-4-01100110"), 1722423611000.0);  // "-4", "-0": Date.UTC(2025, -5, -0, 11, 0, 11)
  EXPECT_EQ(drizzle_kit_1::folder_millis("alter"), std::nullopt);
}

TEST(V1Layout, PathsSelectTheirFolder) {
  const fs::path folder = generated("pg-linear");
  EXPECT_EQ(folder_selected_by(folder / "20250401100110_alter/migration.sql"), folder);
  EXPECT_EQ(folder_selected_by(folder / "20250401100110_alter/snapshot.json"), folder);
  EXPECT_EQ(folder_selected_by(folder / "20250401100110_alter"), folder);
  EXPECT_EQ(folder_selected_by(folder), folder);
  auto placed = drizzle_kit_1::layout().place("/repo/drizzle/20250401100110_alter/migration.sql");
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->folder, "/repo/drizzle");
  EXPECT_EQ(placed->relative, "20250401100110_alter/migration.sql");
}

TEST(V1Generated, RealFoldersOfEveryKindLoadAndPassTheirOwnRules) {
  for (const std::string name : {"pg-linear", "sqlite-linear", "pg-up", "sqlite-up"}) {
    RunResult r = run_miglint({generated(name).string(), "--select", "folder", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    json doc = json::parse(r.out);
    EXPECT_TRUE(doc["findings"].empty()) << name << ": " << r.out;
  }
}

TEST(V1Generated, AllDefaultRulesRunAndFindOnlyWhatTheSqlDoes) {
  // pg-linear's second migration indexes posts, made by the first: the safety rule says so, at the
  // migration's own file, and nothing else is found.
  RunResult r = run_miglint({"drizzle", "--format", "gcc"}, generated("pg-linear").parent_path());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100110_alter/migration.sql:")) << r.out;
  EXPECT_TRUE(contains(r.out, "[create-index-on-existing-table]")) << r.out;
  EXPECT_FALSE(contains(r.out, "error")) << r.out;
}

TEST(V1Generated, BranchesMergedAsGitMergesAreTwoHeadsInTextAndJson) {
  for (const std::string name : {"pg-branches", "sqlite-branches"}) {
    RunResult text = run_miglint({"drizzle", "--select", "folder"}, generated(name).parent_path());
    EXPECT_EQ(text.exit_code, 0) << "a warning only: " << text.out;
    EXPECT_TRUE(contains(text.out, "warning[folder-branches-unmerged] 2 heads (")) << text.out;
    RunResult j = run_miglint({"drizzle", "--select", "folder", "--format", "json"}, generated(name).parent_path());
    json doc = json::parse(j.out);
    ASSERT_EQ(doc["findings"].size(), 1u) << j.out;
    EXPECT_EQ(doc["findings"][0]["rule"], "folder-branches-unmerged");
  }
}

TEST_F(V1Folder, SqlRulesAndSuppressionsRunOnMigrationSql) {
  use("pg-linear");
  const fs::path sql = folder() / "20250401100217_seed_data/migration.sql";
  write_file(sql, read_file(sql) + "--> statement-breakpoint\nCOMMIT;\n");
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100217_seed_data/migration.sql:5:1: error[sql-transaction-control]")) << r.out;
  write_file(sql, read_file(sql).substr(0, read_file(sql).size() - 8) +
                      "-- miglint-ignore sql-transaction-control: tested\nCOMMIT;\n");
  r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(contains(r.out, "sql-transaction-control")) << r.out;
}

// `miglint lsp`: an unsaved migration.sql of a 1.0 folder is linted as the editor holds it.
TEST_F(V1Folder, EditorGetsDiagnosticsForMigrationSql) {
  use("pg-linear");
  auto frame = [](const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; };
  const std::string uri = "file://" + fs::canonical(folder()).string() + "/20250401100217_seed_data/migration.sql";
  std::string input = frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})");
  input += frame(json{{"jsonrpc", "2.0"},
                      {"method", "textDocument/didOpen"},
                      {"params", {{"textDocument", {{"uri", uri}, {"languageId", "sql"}, {"version", 1}, {"text", "COMMIT;\n"}}}}}}
                     .dump());
  input += frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") + frame(R"({"jsonrpc":"2.0","method":"exit"})");
  write_file(dir_.path() / "input", input);
  RunResult r = run_shell("timeout 20 " + sh_quote(MIGLINT_BINARY) + " lsp < input", dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "publishDiagnostics")) << r.out;
  EXPECT_TRUE(contains(r.out, uri)) << r.out;
  EXPECT_TRUE(contains(r.out, R"("code":"sql-transaction-control")")) << r.out;
}

TEST_F(V1Folder, JournalRulesDoNotRunOnIt) {
  use("pg-linear");
  RunResult r = lint({"--select", "journal,chain,snapshot,sql-file-orphan,schema", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(json::parse(r.out)["findings"].empty()) << r.out;
}

// The database side of 1.0 folders is tests/db_v1_test.cpp's; here only that it is reached.
TEST_F(V1Folder, DatabaseChecksConnectToTheDatabase) {
  use("pg-linear");
  RunResult r = lint({"--database-url", "postgres://nobody@127.0.0.1:1/none"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(contains(r.err, "could not connect to PostgreSQL")) << r.err;
}

TEST_F(V1Folder, MetaJournalBesideTheFoldersIsReported) {
  use("pg-up");
  copy_tree(fixtures_dir() / "generated/pg-index/drizzle/meta", folder() / "meta");
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:1:1: error[folder-journal-present]")) << r.out;
  EXPECT_FALSE(contains(r.out, "[folder-migration-skipped]")) << "meta/ is the journal's finding: " << r.out;
}

TEST_F(V1Folder, BadDatesInNamesAreFindings) {
  use("pg-linear");
  fs::rename(folder() / "20250401100217_seed_data", folder() / "20250230100217_seed_data");
  fs::rename(folder() / "20250401100110_alter", folder() / "alter");
  RunResult r = lint({"--select", "folder", "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "20250230100217_seed_data starts with the day 30 of month 02")) << r.out;
  EXPECT_TRUE(contains(r.out, "alter does not start with 14 digits (YYYYMMDDHHMMSS): the migrator reads its date as NaN")) << r.out;
  // "alter" now sorts after its child: the order rule says so too.
  EXPECT_TRUE(contains(r.out, "[folder-parent-sorts-after]")) << r.out;
}

TEST_F(V1Folder, FolderLinkedOutsideIsNotFollowed) {
  use("pg-linear");
  write_file(dir_.path() / "outside/20250401100300_secret/migration.sql", "SECRET SYNTAX ERROR;");
  write_file(dir_.path() / "outside/20250401100300_secret/snapshot.json", "SECRET-NOT-JSON");
  fs::create_directory_symlink(dir_.path() / "outside/20250401100300_secret", folder() / "20250401100300_secret");
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100300_secret:1:1: error[folder-migration-skipped] 20250401100300_secret is a "
                              "symbolic link that leads outside the migrations folder")) << r.out;
  EXPECT_FALSE(contains(r.out, "SECRET")) << r.out;
  EXPECT_FALSE(contains(r.out, "invalid JSON")) << "the outside snapshot was read: " << r.out;
  EXPECT_FALSE(contains(r.out, "sql-syntax-error")) << "the outside SQL was read: " << r.out;
}

TEST_F(V1Folder, FolderLinkedToItselfAndMigrationSqlLinkedOutside) {
  use("pg-linear");
  fs::create_directory_symlink("20250401100400_loop", folder() / "20250401100400_loop");
  write_file(dir_.path() / "outside.sql", "SECRET");
  const fs::path sql = folder() / "20250401100217_seed_data/migration.sql";
  fs::remove(sql);
  fs::create_symlink(dir_.path() / "outside.sql", sql);
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100400_loop:1:1: error[folder-migration-skipped]")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100217_seed_data/migration.sql:1:1: error[folder-migration-skipped] "
                              "20250401100217_seed_data/migration.sql is a symbolic link")) << r.out;
  EXPECT_FALSE(contains(r.out, "SECRET")) << r.out;
}

TEST_F(V1Folder, UnreadableMigrationFolder) {
  use("pg-linear");
  fs::permissions(folder() / "20250401100217_seed_data", fs::perms::none);
  RunResult r;
  if (geteuid() == 0) {
    // root reads anything: run as nobody, with everything readable to all but that folder.
    fs::permissions(dir_.path(), fs::perms::all);
    ASSERT_EQ(run_shell("chmod -R a+rX drizzle && chmod 000 drizzle/20250401100217_seed_data", dir_.path()).exit_code, 0);
    r = run_shell("setpriv --reuid=65534 --regid=65534 --clear-groups " MIGLINT_BINARY " drizzle --format gcc", dir_.path());
  } else {
    r = lint({"--format", "gcc"});
  }
  fs::permissions(folder() / "20250401100217_seed_data", fs::perms::owner_all);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250401100217_seed_data:1:1: error[folder-migration-skipped] 20250401100217_seed_data "
                              "cannot be listed: Permission denied")) << r.out;
}

TEST_F(V1Folder, EmptyMigrationSqlIsAnEmptyStatement) {
  use("sqlite-linear");
  write_file(folder() / "20250402100217_seed_data/migration.sql", "");
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "drizzle/20250402100217_seed_data/migration.sql:1:1: error[sql-empty-statement]")) << r.out;
}

TEST_F(V1Folder, UnknownSnapshotVersionAndDialect) {
  use("pg-linear");
  const fs::path s = folder() / "20250401100217_seed_data/snapshot.json";
  std::string text = read_file(s);
  write_file(s, text.replace(text.find("\"9\""), 3, "\"8x\""));
  RunResult r = lint({"--select", "folder", "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "version \"8x\" is not a version number: drizzle-kit 1.0 refuses the folder")) << r.out;
  write_file(s, R"({"version":"1","dialect":"duckdb","id":"x","prevIds":[]})");
  r = lint({"--select", "folder", "--format", "gcc"});
  EXPECT_TRUE(contains(r.out, "dialect \"duckdb\" is not one drizzle-kit 1.0 writes")) << r.out;
  write_file(s, "{}");
  r = lint({"--select", "folder", "--format", "gcc"});
  EXPECT_TRUE(contains(r.out, "20250401100217_seed_data/snapshot.json has no version: drizzle-kit 1.0 refuses the folder")) << r.out;
}

// Files where directories belong and the reverse, FIFOs, links to nowhere, names that are not UTF-8:
// each a finding in every format, and the JSON and SARIF stay valid.
TEST_F(V1Folder, HostileEntries) {
  use("pg-linear");
  fs::create_directories(folder() / "20250401100300_dir/migration.sql");
  fs::create_directories(folder() / "20250401100400_snapdir/snapshot.json");
  write_file(folder() / "20250401100400_snapdir/migration.sql", "SELECT 1;\n");
  fs::create_directory(folder() / "20250401100500_fifo");
  ASSERT_EQ(mkfifo((folder() / "20250401100500_fifo/migration.sql").c_str(), 0644), 0);
  write_file(folder() / "2025040110\xff" "0600_bad/migration.sql", "SELECT 1;\n");
  fs::create_directory_symlink("nowhere", folder() / "20250401100800_dangling");
  RunResult r = lint({"--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "20250401100300_dir/migration.sql is a directory, not a file; it is not checked")) << r.out;
  EXPECT_TRUE(contains(r.out, "20250401100400_snapdir/snapshot.json is a directory, not a file")) << r.out;
  EXPECT_TRUE(contains(r.out, "20250401100500_fifo/migration.sql is not a regular file")) << r.out;
  EXPECT_TRUE(contains(r.out, "0600_bad does not start with 14 digits")) << r.out;
  EXPECT_TRUE(contains(r.out, "20250401100800_dangling is a symbolic link that leads outside the migrations folder (or nowhere)")) << r.out;
  for (const std::string format : {"json", "sarif"}) {
    RunResult structured = lint({"--format", format});
    EXPECT_EQ(structured.exit_code, 1) << format;
    EXPECT_FALSE(json::parse(structured.out, nullptr, false).is_discarded()) << format << ": " << structured.out;
  }
}

TEST_F(V1Folder, StrayFilesAndEmptyFolders) {
  use("pg-linear");
  write_file(folder() / "README.md", "notes\n");
  write_file(folder() / ".DS_Store", "x");
  fs::create_directory(folder() / "20250401100500_empty");
  RunResult r = lint({"--select", "folder", "--format", "gcc"});
  EXPECT_TRUE(contains(r.out, "drizzle/README.md:1:1: warning[folder-stray-file]")) << r.out;
  EXPECT_FALSE(contains(r.out, ".DS_Store")) << r.out;
  EXPECT_TRUE(contains(r.out, "20250401100500_empty is empty: drizzle-orm 1.0's migrator passes over it")) << r.out;
}

// folder-branches-conflict reads footprints and ddl entries of any shape, and parents naming
// themselves or nothing, without a crash; what it can read still counts.
TEST_F(V1Folder, BranchConflictsInOddSnapshots) {
  use("pg-conflict");
  fs::path dropped;
  for (const auto& entry : fs::directory_iterator(folder())) {
    if (contains(entry.path().string(), "_add_drop-name")) dropped = entry.path() / "snapshot.json";
  }
  json snapshot = json::parse(read_file(dropped));
  snapshot["footprints"] = json::parse(R"([1, "x", {"writes": 5}, {"statementTarget": [3, null], "writes": ["n|col|public.users.name"]},
                                          {"writes": ["no-bars"]}])");
  snapshot["prevIds"].push_back(snapshot["id"]);
  snapshot["prevIds"].push_back("nowhere");
  write_file(dropped, snapshot.dump());
  RunResult r = lint({"--select", "folder-branches-conflict", "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 0) << "the head that names itself is no head: " << r.out << r.err;
  snapshot["prevIds"] = json::array({snapshot["prevIds"][0]});
  write_file(dropped, snapshot.dump());
  r = lint({"--select", "folder-branches-conflict", "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "20250401114552_add_drop-name (an unnamed change) both change column public.users.name")) << r.out;

  fs::remove_all(folder());
  use("sqlite-conflict");
  for (const auto& entry : fs::directory_iterator(folder())) {
    if (contains(entry.path().string(), "_add_drop-isbn")) dropped = entry.path() / "snapshot.json";
  }
  snapshot = json::parse(read_file(dropped));
  snapshot["ddl"] = json::parse(R"([1, null, {"entityType": "columns"}, {"entityType": "tables"}, {"entityType": "indexes", "table": 7}])");
  write_file(dropped, snapshot.dump());
  r = lint({"--select", "folder-branches-conflict", "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "(drop_table) both change table books")) << r.out;
}

// The real drizzle-kit 1.0.0-rc.5 `check` on the same folders: where it fails on conflicting
// (non-commutative) branches, miglint reports folder-branches-conflict for the same heads, and only
// there; where it warns of unmerged branches, miglint does too; where it refuses a history, miglint
// does too. By design miglint also warns of unmerged heads on SQLite and MySQL, where check says nothing of
// them (it compares the schema with the folder, and so says a merge migration is needed, only for
// PostgreSQL). check runs once, on every project, in one node process (its SDK, drizzle-kit/cli:
// tests/tools/kit1_check.cjs), so the comparisons are one test.
class AgainstDrizzleKitCheck : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    for (const std::string name : {"pg-linear", "pg-up", "pg-branches", "pg-columns", "pg-conflict", "pg-index-column",
                                   "pg-enum", "sqlite-linear", "sqlite-up", "sqlite-branches", "sqlite-columns",
                                   "sqlite-index-column", "sqlite-conflict", "mysql-linear", "mysql-branches",
                                   "mysql-columns", "mysql-index-column", "mysql-conflict", "mysql-fks", "mysql-checks"}) {
      copy(name, name);
    }
    add_merge(copy("pg-conflict-merged", "pg-conflict"), "postgres");
    add_merge(copy("sqlite-conflict-merged", "sqlite-conflict"), "sqlite");
    add_merge(copy("mysql-conflict-merged", "mysql-conflict"), "mysql");
    edited_sqlite_branches();
    fs::remove_all(copy("pg-parent-missing", "pg-branches") / "drizzle/20250401100110_alter");
    const fs::path early = copy("pg-child-first", "pg-linear") / "drizzle";
    fs::rename(early / "20250401100217_seed_data", early / "20250401100000_seed_data");

    const fs::path modules = kit1_tools() / "node_modules";
    json list = json::array();
    for (const auto& [name, project] : projects_) {
      list.push_back({project.string(), name.starts_with("pg") ? "postgresql" : name.starts_with("mysql") ? "mysql" : "sqlite"});
    }
    // check also compares the schema (src/schema.ts imports drizzle-orm) with the migrations.
    RunResult r = run_shell("NODE_PATH=" + sh_quote(modules.string()) + " node " +
                                sh_quote((source_dir() / "tests/tools/kit1_check.cjs").string()) + " " +
                                sh_quote(modules.string()) + " " + sh_quote(list.dump()),
                            dir_->path());
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      json result = json::parse(line, nullptr, false);
      if (result.is_object()) verdicts_[fs::path(result["project"].get<std::string>()).filename().string()] = result["result"];
    }
  }
  static void TearDownTestSuite() { dir_.reset(); }

  // A copy of generated-v1/NAME (its drizzle/ and src/), as the project AS.
  static fs::path copy(const std::string& as, const std::string& name) {
    fs::path to = dir_->path() / as;
    copy_tree(generated(name).parent_path(), to);
    projects_[as] = to;
    return to;
  }
  // SQLite's check diffs the snapshots' ddl, so edited copies of sqlite-columns' two heads (each
  // adds a column to books) try its diff on more changes: sqlite-edit-<what>.
  static void edited_sqlite_branches() {
    using Edit = std::function<void(json&)>;
    auto column = [](const std::string& table, const std::string& name, const std::string& field, json value) -> Edit {
      return [=](json& ddl) {
        for (json& e : ddl) {
          if (e["entityType"] == "columns" && e["table"] == table && e["name"] == name) e[field] = value;
        }
      };
    };
    auto add = [](json entity) -> Edit { return [=](json& ddl) { ddl.push_back(entity); }; };
    auto view = [](const std::string& definition) {
      return json{{"name", "v"}, {"definition", definition}, {"isExisting", false}, {"error", nullptr}, {"entityType", "views"}};
    };
    const json title_index = json::parse(R"({"table": "books", "name": "books_title_idx", "columns": [{"value": "title",
        "isExpression": false}], "isUnique": false, "where": null, "origin": "manual", "entityType": "indexes"})");
    const json pages_fk = json::parse(R"({"table": "books", "name": "books_pages_fk", "columns": ["pages"], "tableTo":
        "authors", "columnsTo": ["id"], "onUpdate": "NO ACTION", "onDelete": "NO ACTION", "nameExplicit": false, "entityType": "fks"})");
    const Edit none = [](json&) {};
    const std::vector<std::tuple<std::string, Edit, Edit>> edits = {
        {"notnull", column("books", "title", "notNull", false), none},  // books rebuilt, and a column added to it
        {"views", add(view("select 1")), add(view("select 2"))},        // one view created on both sides
        {"fk", add(pages_fk), none},  // a foreign key on the added column goes with its ADD COLUMN
        {"type", column("authors", "name", "type", "blob"), add(title_index)},  // authors rebuilt, books indexed
    };
    for (const auto& [what, edit_pages, edit_year] : edits) {
      const fs::path drizzle = copy("sqlite-edit-" + what, "sqlite-columns") / "drizzle";
      for (const auto& entry : fs::directory_iterator(drizzle)) {
        const std::string folder = entry.path().filename().string();
        if (!folder.ends_with("_add_pages") && !folder.ends_with("_add_year")) continue;
        json snapshot = json::parse(read_file(entry.path() / "snapshot.json"));
        (folder.ends_with("_add_pages") ? edit_pages : edit_year)(snapshot["ddl"]);
        write_file(entry.path() / "snapshot.json", snapshot.dump(2));
      }
    }
  }
  // Adds a merge migration (by hand: drizzle-kit generate refuses to write one over conflicting
  // branches) whose snapshot names every head of the project's branches as parent.
  static void add_merge(const fs::path& project, const std::string& dialect) {
    json parents = json::array();
    for (const auto& entry : fs::directory_iterator(project / "drizzle")) {
      if (contains(entry.path().filename().string(), "_add_")) {
        parents.push_back(json::parse(read_file(entry.path() / "snapshot.json"))["id"]);
      }
    }
    json merge = {{"id", "11111111-1111-4111-8111-111111111111"}, {"prevIds", parents}};
    if (dialect == "postgres") {
      merge.update({{"version", "9"}, {"dialect", "postgres"}, {"type", "diff"}, {"deltas", json::array()}, {"footprints", json::array()}});
    } else {
      merge.update({{"version", dialect == "mysql" ? "6" : "7"}, {"dialect", dialect}, {"ddl", json::array()}, {"renames", json::array()}});
    }
    write_file(project / "drizzle/20250405120000_merge/snapshot.json", merge.dump(2));
    write_file(project / "drizzle/20250405120000_merge/migration.sql", "SELECT 1;\n");
  }
  // check's result on the project, and miglint's folder rules' JSON there.
  static const json& kit(const std::string& project) { return verdicts_[project]; }
  static json ours(const std::string& project, int* exit_code = nullptr) {
    RunResult r = run_miglint({"drizzle", "--select", "folder", "--format", "json"}, projects_.at(project));
    if (exit_code) *exit_code = r.exit_code;
    return json::parse(r.out, nullptr, false);
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::map<std::string, fs::path> projects_;
  static inline std::map<std::string, json> verdicts_;
};

TEST_F(AgainstDrizzleKitCheck, SameVerdictsOnRealFolders) {
  struct Expected {
    std::string project;
    bool conflicts, check_warns_unmerged, miglint_unmerged;
  };
  const std::vector<Expected> folders = {
      {"pg-linear", false, false, false},       {"pg-up", false, false, false},
      {"pg-branches", false, true, true},       // two new tables
      {"pg-columns", false, true, true},        // two new columns of one table
      {"pg-conflict", true, false, true},       // users.name altered, and dropped
      {"pg-index-column", true, false, true},   // an index on posts.title, and posts.title dropped
      {"pg-enum", true, false, true},           // two values added to one enum
      {"sqlite-linear", false, false, false},   {"sqlite-up", false, false, false},
      {"sqlite-branches", false, false, true},  // two new tables
      {"sqlite-columns", false, false, true},   // two new columns of one table
      {"sqlite-index-column", false, false, true},  // SQLite's check compares an index only with indexes
      {"sqlite-conflict", true, false, true},   // books rebuilt (isbn made an integer), and isbn dropped
      {"sqlite-edit-notnull", true, false, true}, {"sqlite-edit-views", true, false, true},
      {"sqlite-edit-fk", false, false, true},     {"sqlite-edit-type", false, false, true},
      // MySQL's check diffs the snapshots as SQLite's does, with its own list of what conflicts.
      {"mysql-linear", false, false, false},    {"mysql-branches", false, false, true},
      {"mysql-columns", false, false, true},    // two new columns of one table
      {"mysql-index-column", false, false, true},  // an index commutes with dropping its column
      {"mysql-conflict", true, false, true},    // books.isbn altered, and dropped
      {"mysql-fks", true, false, true},         // two foreign keys added to books: compared by table
      {"mysql-checks", true, false, true},      // two checks added to books: compared by table
      // A merge migration settles the branches: check compares them no more, nor does miglint.
      {"pg-conflict-merged", false, false, false}, {"sqlite-conflict-merged", false, false, false},
      {"mysql-conflict-merged", false, false, false},
  };
  for (const Expected& e : folders) {
    const std::string& name = e.project;
    ASSERT_TRUE(verdicts_.count(name)) << name;
    const json& verdict = kit(name);
    const bool kit_conflicts = verdict["status"] == "error" && verdict["error"]["kind"] == "conflicts";
    EXPECT_EQ(kit_conflicts, e.conflicts) << name << "\n" << verdict.dump(1);
    EXPECT_EQ(kit_conflicts || verdict["status"] == "ok", true) << name << "\n" << verdict.dump(1);
    bool kit_unmerged = false;
    for (const json& w : verdict.value("warnings", json::array())) kit_unmerged |= w["kind"] == "merge_needed";
    EXPECT_EQ(kit_unmerged, e.check_warns_unmerged) << name << "\n" << verdict.dump(1);

    int exit_code = -1;
    const json doc = ours(name, &exit_code);
    EXPECT_EQ(exit_code, e.conflicts ? 1 : 0) << name << ": " << doc.dump(1);
    std::vector<std::string> conflicts;
    bool unmerged = false;
    for (const json& f : doc["findings"]) {
      unmerged |= f["rule"] == "folder-branches-unmerged";
      if (f["rule"] == "folder-branches-conflict") conflicts.push_back(f["message"]);
      else EXPECT_EQ(f["rule"], "folder-branches-unmerged") << name << ": " << doc.dump(1);
    }
    EXPECT_EQ(unmerged, e.miglint_unmerged) << name << ": " << doc.dump(1);
    // One finding per conflict check reports, naming the same two branches.
    const json details = kit_conflicts ? verdict["error"]["details"] : json::array();
    EXPECT_EQ(conflicts.size(), details.size()) << name << ": " << doc.dump(1) << "\n" << verdict.dump(1);
    for (const json& d : details) {
      std::vector<std::string> heads;
      for (const json& b : d["branches"]) heads.push_back(fs::path(b["leafPath"].get<std::string>()).filename().string());
      const bool named = std::any_of(conflicts.begin(), conflicts.end(), [&](const std::string& m) {
        return std::all_of(heads.begin(), heads.end(), [&](const std::string& h) { return contains(m, h); });
      });
      EXPECT_TRUE(named) << name << ": no finding names " << d.dump() << "\n" << doc.dump(1);
    }
  }

  // Both refuse a missing parent and a child named before its parent. check calls the snapshot
  // naming a parent no snapshot has "malformed", and a child sorting first "order".
  const json& missing = kit("pg-parent-missing");
  EXPECT_EQ(missing["status"], "error") << missing.dump(1);
  EXPECT_EQ(missing["error"]["kind"], "malformed") << missing.dump(1);
  EXPECT_TRUE(missing["error"].contains("parentId")) << missing.dump(1);
  EXPECT_TRUE(contains(ours("pg-parent-missing").dump(), "\"rule\":\"folder-parent-missing\""));

  const json& early = kit("pg-child-first");
  EXPECT_EQ(early["status"], "error") << early.dump(1);
  EXPECT_EQ(early["error"]["kind"], "order") << early.dump(1);
  EXPECT_TRUE(contains(ours("pg-child-first").dump(), "\"rule\":\"folder-parent-sorts-after\""));
}

}  // namespace
}  // namespace miglint::test
