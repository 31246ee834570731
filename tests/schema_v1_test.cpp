// The schema model of Drizzle Kit 1.0 folders: every snapshot drizzle-kit 1.0.0-rc.5 wrote in
// fixtures/generated-v1 (PostgreSQL "base" and "diff" snapshots, SQLite's whole ddl; linear
// folders, branches, a folder `up` made from 0.x) is reconstructed, and each migration's SQL
// replayed on the state generate started from gives that snapshot. Edited SQL, DDL in a custom
// migration and a merge made by the real generate are judged as on 0.x.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "load/folder_loader.h"
#include "schema/history.h"
#include "support/kit1_tools.h"
#include "support/run.h"

namespace miglint::schema {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using miglint::test::fixtures_dir;

Folder load(const fs::path& path) {
  auto loaded = load_folder(path, "drizzle", std::nullopt, LoadScope::EverythingWithSchemas);
  EXPECT_TRUE(std::holds_alternative<Folder>(loaded)) << path;
  return std::move(std::get<Folder>(loaded));
}

std::vector<fs::path> generated_v1_folders() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fixtures_dir() / "generated-v1")) {
    if (fs::is_directory(entry.path() / "drizzle")) out.push_back(entry.path() / "drizzle");
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SchemaV1, EveryGeneratedMigrationReplaysOnItsParentToItsSnapshot) {
  std::size_t compared = 0;
  const std::vector<fs::path> folders = generated_v1_folders();
  ASSERT_EQ(folders.size(), 20u);
  std::size_t modelled = 0;
  for (const fs::path& path : folders) {
    const Folder folder = load(path);
    ASSERT_EQ(folder.layout, Layout::DrizzleKit1) << path;
    const auto history = SchemaHistory::build(folder);
    // MySQL's SQL is not replayed (no model, no schema finding); the other two dialects are.
    if (folder.dialect() == Dialect::MySQL) {
      EXPECT_FALSE(history->modelled()) << path;
      continue;
    }
    ASSERT_TRUE(history->modelled()) << path;
    ++modelled;
    EXPECT_TRUE(history->unmodelled().empty()) << path << ": " << history->unmodelled().front().problem;
    ASSERT_EQ(history->steps().size(), folder.migrations.size()) << path;
    for (const MigrationSchemas& step : history->steps()) {
      const std::string name = path.parent_path().filename().string() + "/" + step.migration->name.value_or("?");
      EXPECT_EQ(step.compared_with, step.migration->snapshot) << name << " was not compared";
      std::string differences;
      for (const Difference& d : step.differences) differences += "\n  " + describe(d);
      EXPECT_TRUE(step.differences.empty()) << name << differences;
      compared += step.compared_with != nullptr;
    }
  }
  EXPECT_EQ(modelled, 13u);
  EXPECT_EQ(compared, 48u);  // every migration of the 13 PostgreSQL and SQLite folders
}

// The model is not empty: a diff snapshot's state is its base with the deltas of its chain.
TEST(SchemaV1, ADiffSnapshotIsItsBaseWithItsChainsDeltas) {
  const Folder folder = load(fixtures_dir() / "generated-v1/pg-enum/drizzle");
  const auto history = SchemaHistory::build(folder);
  // Each enum branch replays ALTER TYPE ... ADD VALUE on the parent's enum: a model that missed
  // the alter delta would differ (the replay adds the value), one that missed the base would lack
  // the enum the ALTER needs.
  ASSERT_EQ(history->steps().size(), 4u);
  for (const MigrationSchemas& step : history->steps()) {
    EXPECT_TRUE(step.differences.empty()) << step.migration->name.value_or("?");
    ASSERT_TRUE(step.effects) << step.migration->name.value_or("?");
  }
  const Folder linear = load(fixtures_dir() / "generated-v1/pg-linear/drizzle");
  const Schema last = SchemaHistory::build(linear)->replay_sql_through(linear.migrations.size());
  ASSERT_NE(last.table({"public", "posts"}), nullptr);
  EXPECT_EQ(last.table({"public", "posts"})->indexes.count("posts_user_idx"), 1u);
}

// A copy of a generated folder, its migration `migration`'s SQL changed as a user would.
json check_edited(const std::string& fixture, const std::string& migration, const std::string& sql_to_append,
                  const std::string& sql_to_remove = {}) {
  miglint::test::TempDir dir;
  miglint::test::copy_tree(fixtures_dir() / "generated-v1" / fixture / "drizzle", dir.path() / "drizzle");
  const fs::path file = dir.path() / "drizzle" / migration / "migration.sql";
  std::string sql = miglint::test::read_file(file);
  if (!sql_to_remove.empty()) {
    const std::size_t at = sql.find(sql_to_remove);
    EXPECT_NE(at, std::string::npos) << sql;
    if (at != std::string::npos) sql.erase(at, sql_to_remove.size());
  }
  miglint::test::write_file(file, sql + sql_to_append);
  miglint::test::RunResult r =
      miglint::test::run_miglint({"drizzle", "--select", "schema-sql-snapshot-mismatch", "--format", "json"}, dir.path());
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  json report = json::parse(r.out, nullptr, false);
  json findings = json::array();
  if (report.is_object()) {
    for (const json& f : report["findings"]) {
      if (f["rule"] == "schema-sql-snapshot-mismatch") findings.push_back(f);
    }
  }
  return findings;
}

TEST(SchemaV1, HandEditedSqlIsReportedAsOn0x) {
  // PostgreSQL: the index generate wrote removed from a diff migration.
  json pg = check_edited("pg-linear", "20250401100110_alter", "", "--> statement-breakpoint\nCREATE INDEX \"posts_user_idx\" ON \"posts\" (\"user_id\");");
  ASSERT_EQ(pg.size(), 1u) << pg.dump(2);
  EXPECT_EQ(pg[0]["message"],
            "the SQL of 20250401100110_alter does not give the schema its snapshot records, and the next drizzle-kit "
            "generate works from the snapshot: index public.posts.posts_user_idx is in 20250401100110_alter/snapshot.json "
            "but not in the SQL")
      << pg.dump(2);
  EXPECT_EQ(pg[0]["severity"], "warning");
  // SQLite: a column added by hand to the first migration.
  json sqlite = check_edited("sqlite-linear", "20250402100003_init", "--> statement-breakpoint\nALTER TABLE `authors` ADD `bio` text;");
  ASSERT_EQ(sqlite.size(), 1u) << sqlite.dump(2);
  EXPECT_EQ(sqlite[0]["message"],
            "the SQL of 20250402100003_init does not give the schema its snapshot records, and the next drizzle-kit "
            "generate works from the snapshot: column authors.bio is in the SQL but not in 20250402100003_init/snapshot.json")
      << sqlite.dump(2);
}

TEST(SchemaV1, DdlInACustomMigrationIsReported) {
  for (const auto& [fixture, migration] : {std::pair<std::string, std::string>{"pg-linear", "20250401100217_seed_data"},
                                           {"pg-up", "20250403090217_seed_data"},
                                           {"sqlite-linear", "20250402100217_seed_data"}}) {
    json found = check_edited(fixture, migration, "\n--> statement-breakpoint\nCREATE TABLE audit_log (id integer);\n");
    ASSERT_EQ(found.size(), 1u) << fixture << found.dump(2);
    const std::string message = found[0]["message"];
    EXPECT_NE(message.find("the SQL of " + migration + " does not give the schema its snapshot records"), std::string::npos)
        << message;
    EXPECT_NE(message.find("audit_log is in the SQL but not in " + migration + "/snapshot.json"), std::string::npos) << message;
  }
}

// The real drizzle-kit 1.0 generate writes a merge of two branches (prevIds naming both heads)
// against the union of their states: miglint replays the merge's SQL on that union.
// The real drizzle-kit 1.0 generate writes a merge of a branches folder for `schema`; its last
// migration, compared, is returned with the folder.
struct GeneratedMerge {
  miglint::test::TempDir dir;
  Folder folder;
  std::unique_ptr<SchemaHistory> history;
};

void generate_merge(GeneratedMerge& out, const std::string& fixture, const std::string& dialect,
                    const std::string& schema, const std::string& expected_sql) {
  const fs::path project = out.dir.path();
  miglint::test::copy_tree(fixtures_dir() / "generated-v1" / fixture / "drizzle", project / "drizzle");
  fs::create_directory_symlink(miglint::test::kit1_tools() / "node_modules", project / "node_modules");
  miglint::test::write_file(project / "schema.ts", schema);
  miglint::test::write_file(project / "drizzle.config.ts",
                            "export default { dialect: \"" + dialect + "\", schema: \"./schema.ts\", out: \"./drizzle\" };\n");
  miglint::test::RunResult generate = miglint::test::run_shell(
      "node node_modules/drizzle-kit/bin.cjs generate --config drizzle.config.ts --name merge", project);
  ASSERT_EQ(generate.exit_code, 0) << generate.out << generate.err;
  out.folder = load(project / "drizzle");
  ASSERT_EQ(out.folder.migrations.size(), 5u);
  const Migration& merge = out.folder.migrations.back();
  ASSERT_TRUE(merge.snapshot && merge.sql);
  ASSERT_EQ(merge.snapshot->prev_ids.size(), 2u) << "generate did not write a merge";
  EXPECT_NE(merge.sql->file.bytes().find(expected_sql), std::string::npos) << merge.sql->file.bytes();
  out.history = SchemaHistory::build(out.folder);
  const MigrationSchemas& step = out.history->steps().back();
  EXPECT_EQ(step.compared_with, merge.snapshot);
  std::string differences;
  for (const Difference& d : step.differences) differences += "\n  " + describe(d);
  EXPECT_TRUE(step.differences.empty()) << differences;
  ASSERT_TRUE(step.effects);
}

TEST(SchemaV1, AMergeIsReplayedOnTheUnionOfItsParents) {
  GeneratedMerge merged;
  std::string schema = miglint::test::read_file(fixtures_dir() / "schemas/v1-pg/branch-coupons.ts");
  schema += "\nexport const tags = pgTable(\"tags\", {\n  id: serial(\"id\").primaryKey(),\n  label: text(\"label\").notNull(),\n"
            "  color: text(\"color\"),\n});\n";
  // Replayed on the union: ALTER TABLE "tags" finds the table of the other branch.
  generate_merge(merged, "pg-branches", "postgresql", schema, "ADD COLUMN \"color\"");
  if (HasFatalFailure()) return;
  const fs::path project = merged.dir.path();
  const Migration& merge = merged.folder.migrations.back();

  // The merge's SQL edited: reported.
  const fs::path sql = project / "drizzle" / *merge.name / "migration.sql";
  miglint::test::write_file(sql, miglint::test::read_file(sql) + "\n--> statement-breakpoint\nDROP TABLE \"coupons\";\n");
  miglint::test::RunResult r =
      miglint::test::run_miglint({"drizzle", "--select", "schema-sql-snapshot-mismatch", "--format", "json"}, project);
  json report = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << r.out << r.err;
  std::vector<std::string> messages;
  for (const json& f : report["findings"]) messages.push_back(f["message"]);
  ASSERT_EQ(messages.size(), 1u) << r.out;
  EXPECT_NE(messages[0].find("table public.coupons is in " + *merge.name + "/snapshot.json but not in the SQL"), std::string::npos)
      << messages[0];
}

// SQLite snapshots hold the whole ddl, not deltas: the other branch's change is what its snapshots
// differ from their parents by. Missing it, the merge's replay lacked books.year (the other
// branch's column), as on opencode's merges.
TEST(SchemaV1, ASqliteMergeIsReplayedOnTheUnionOfItsParents) {
  GeneratedMerge merged;
  std::string schema = miglint::test::read_file(fixtures_dir() / "schemas/v1-sqlite/branch-pages.ts");
  const std::string pages = "  pages: integer(\"pages\"),\n";
  ASSERT_NE(schema.find(pages), std::string::npos);
  schema.replace(schema.find(pages), pages.size(), pages + "  year: integer(\"year\"),\n  subtitle: text(\"subtitle\"),\n");
  generate_merge(merged, "sqlite-columns", "sqlite", schema, "`subtitle`");
}

}  // namespace
}  // namespace miglint::schema
