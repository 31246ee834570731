// db-schema-drift on a SQLite file after the real `drizzle-kit push` (dialect sqlite, better-sqlite3;
// tests/tools/drizzle_push.sh answers push's rename question). The file is first migrated by the
// real drizzle-orm migrator; what push then changed is named exactly, as users read it. push 0.31
// rebuilds a table (create __new_x, copy, drop, rename) for a type change and after a rename; where
// that rebuild fails half-way, what the file was left with is what is named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFolder = "fixtures/generated/sqlite-index/drizzle";

// The tools of tests/tools/drizzle_sqlite.sh (better-sqlite3 takes minutes to build: one install per
// source tree) and of install_tools.sh (drizzle-kit), as environment assignments for a command.
std::string tools_environment() {
  fs::path sqlite_tools = source_dir() / "build" / "test-tools-sqlite";
  if (const char* dir = std::getenv("MIGLINT_SQLITE_TOOLS_DIR"); dir != nullptr && *dir != '\0') sqlite_tools = dir;
  fs::path tools = fs::path(MIGLINT_BINARY).parent_path() / "test-tools";
  if (const char* dir = std::getenv("MIGLINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') tools = dir;
  return "MIGLINT_SQLITE_TOOLS_DIR=" + sh_quote(sqlite_tools.string()) + " MIGLINT_TOOLS_DIR=" + sh_quote(tools.string());
}

RunResult tool(const std::string& script, const std::string& arguments) {
  return run_shell(tools_environment() + " bash " + sh_quote((source_dir() / "tests/tools" / script).string()) + " " +
                   arguments);
}

// The real migrator's file of sqlite-index, then `drizzle-kit push --force` of schema_file onto it.
struct Pushed {
  TempDir dir;
  RunResult push;
  fs::path database() const { return dir.path() / "app.db"; }
};

void migrate_and_push(Pushed& p, const fs::path& schema_file, const std::string& rename = "") {
  RunResult migrated = tool("drizzle_sqlite.sh", "migrate " + sh_quote(p.database().string()) + " " +
                                                     sh_quote((source_dir() / kFolder).string()));
  ASSERT_EQ(migrated.out, "applied 3\n") << migrated.err;
  write_file(p.dir.path() / "drizzle.config.json",
             json{{"dialect", "sqlite"}, {"schema", schema_file.string()}, {"dbCredentials", {{"url", p.database().string()}}}}
                 .dump());
  p.push = tool("drizzle_push.sh", "--sqlite " + sh_quote((p.dir.path() / "drizzle.config.json").string()) +
                                       (rename.empty() ? "" : " --rename " + sh_quote(rename)));
}

json drift_findings(const fs::path& database) {
  RunResult r = run_miglint({kFolder.string(), "--database-url", "sqlite:" + database.string(), "--select",
                             "db-schema-drift", "--format", "json"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  return json::parse(r.out.empty() ? "{}" : r.out)["findings"];
}

json object(const std::string& change, const std::string& kind, const std::string& name, const std::string& field = "",
            const std::string& expected = "", const std::string& actual = "") {
  json o{{"change", change}, {"kind", kind}, {"object", name}};
  if (!field.empty()) o.update({{"field", field}, {"expected", expected}, {"actual", actual}});
  return o;
}

// A column added, a type changed (push rebuilds tags), an index dropped, a table renamed (push
// renames post_tags, then rebuilds it) and a text enum value added (nothing in the database).
TEST(SchemaSqlitePush, WhatPushChangedIsNamedChangeByChange) {
  Pushed p;
  migrate_and_push(p, fixtures_dir() / "schemas/sqlite/pushed.ts", "post_tags=post_labels");
  ASSERT_EQ(p.push.exit_code, 0) << p.push.out << p.push.err;
  EXPECT_NE(p.push.out.find("ALTER TABLE `post_tags` RENAME TO `post_labels`;"), std::string::npos) << p.push.out;
  EXPECT_NE(p.push.out.find("CREATE TABLE `__new_tags`"), std::string::npos) << p.push.out;
  EXPECT_NE(p.push.out.find("Changes applied"), std::string::npos) << p.push.out;

  json findings = drift_findings(p.database());
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database's schema is not what its recorded migrations make, and no migration here explains it: "
            "column authors.bio is in the database but not in the recorded migrations; table post_tags: name post_tags "
            "in the recorded migrations, post_labels in the database; index posts.posts_author_idx is in the recorded "
            "migrations but not in the database; and 1 more");
  EXPECT_EQ(findings[0]["objects"],
            json::array({object("extra", "column", "authors.bio"),
                         object("changed", "table", "post_tags", "name", "post_tags", "post_labels"),
                         object("missing", "index", "posts.posts_author_idx"),
                         object("changed", "column", "tags.label", "type", "text", "integer")}))
      << findings[0]["objects"].dump(2);
}

// drizzle-kit 0.31.11 rebuilds posts for its type change, creates posts' indexes with the new table
// and then once more, and stops on "index ... already exists": nothing is rolled back, and the file
// holds the rebuilt posts with its indexes. The type change is all there is to name.
TEST(SchemaSqlitePush, PushThatStopsHalfWayIsNamedAsItLeftTheFile) {
  Pushed p;
  migrate_and_push(p, fixtures_dir() / "schemas/sqlite/pushed-created-at-text.ts");
  EXPECT_NE(p.push.exit_code, 0) << p.push.out;
  EXPECT_NE((p.push.out + p.push.err).find("index posts_author_idx already exists"), std::string::npos)
      << p.push.out << p.push.err;

  json findings = drift_findings(p.database());
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database's schema is not what its recorded migrations make, and no migration here explains it: "
            "column posts.created_at: type integer in the recorded migrations, text in the database");
  EXPECT_EQ(findings[0]["objects"],
            json::array({object("changed", "column", "posts.created_at", "type", "integer", "text")}));
}

// The migrated file before any push: the catalog is what the recorded migrations make.
TEST(SchemaSqlitePush, MigratedFileHasNoDrift) {
  Pushed p;
  RunResult migrated = tool("drizzle_sqlite.sh", "migrate " + sh_quote(p.database().string()) + " " +
                                                     sh_quote((source_dir() / kFolder).string()));
  ASSERT_EQ(migrated.out, "applied 3\n") << migrated.err;
  EXPECT_EQ(drift_findings(p.database()), json::array());
}

}  // namespace
}  // namespace miglint::test
