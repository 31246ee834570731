// Drizzle Kit 1.0 folders against a SQLite file: miglint's view of drizzle-orm 1.0's migrator
// (matching by name) and of its first migrate() on a table drizzle-orm 0.x kept (NULL ids), before
// and after `drizzle-kit up`, each compared with the real drizzle-orm 1.0.0-rc.5 migrate() on
// better-sqlite3 (after 0.45.4 for the upgrade). Few node processes: tests/tools/drizzle_v1_sqlite.cjs
// runs several steps (both migrators, up, SQL, reading the table) in one.
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "db_test_support.h"
#include "support/kit1_tools.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Lines = std::vector<std::string>;

fs::path linear_folder() { return fixtures_dir() / "generated-v1/sqlite-linear/drizzle"; }
fs::path up_folder() { return fixtures_dir() / "generated-v1/sqlite-up/drizzle"; }
// The same three migrations as drizzle-kit 0.31.11 made them, before `drizzle-kit up`.
fs::path up_folder_0x() { return fixtures_dir() / "generated-v1/sqlite-up/drizzle-0x"; }

const std::string kInit = "20250402100003_init", kAlter = "20250402100110_alter", kSeed = "20250402100217_seed_data";
const std::string kUpInit = "20250404090003_init", kUpAlter = "20250404090110_alter", kUpSeed = "20250404090217_seed_data";

// Runs drizzle_v1_sqlite.cjs on database with the pinned tools; one parsed line per step.
std::vector<json> drizzle(const fs::path& database, const std::vector<std::string>& steps) {
  static const std::string command = [] {
    fs::path sqlite_tools = source_dir() / "build/test-tools-sqlite";
    if (const char* dir = std::getenv("MIGLINT_SQLITE_TOOLS_DIR"); dir != nullptr && *dir != '\0') sqlite_tools = dir;
    const fs::path tools_src = source_dir() / "tests/tools";
    RunResult zero = run_shell("MIGLINT_SQLITE_TOOLS_DIR=" + sh_quote(sqlite_tools.string()) + " bash " +
                               sh_quote((tools_src / "drizzle_sqlite.sh").string()) + " --install");
    EXPECT_EQ(zero.exit_code, 0) << zero.err;
    const std::string tools1 = kit1_tools().string();
    return "MIGLINT_SQLITE_TOOLS_DIR=" + sh_quote(sqlite_tools.string()) + " MIGLINT_TOOLS1_DIR=" + sh_quote(tools1) +
           " NODE_PATH=" + sh_quote((sqlite_tools / "node_modules").string()) + " node " +
           sh_quote((tools_src / "drizzle_v1_sqlite.cjs").string());
  }();
  return run_steps(command + " " + sh_quote(database.string()), steps);
}

std::string url_of(const fs::path& database) { return "sqlite:" + database.string(); }

json status(const fs::path& folder, const fs::path& database) {
  RunResult r = run_miglint({"status", folder.string(), "--database-url", url_of(database), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out.empty() ? "{}" : r.out);
}

// "name state[ out-of-order]" for each local migration, in the order status lists them.
Lines states(const json& status_doc) {
  Lines out;
  for (const auto& m : status_doc["migrations"]) {
    out.push_back((m["tag"].is_string() ? m["tag"].get<std::string>() : "-") + " " + m["state"].get<std::string>() +
                  (m.value("out_of_order", false) ? " out-of-order" : ""));
  }
  return out;
}

// The names status predicts for the rows of a 0.x table, in row order.
Lines predicted_names(const json& status_doc) {
  Lines out;
  for (const auto& n : status_doc["upgrade"]["named"]) out.push_back(n["name"].get<std::string>());
  return out;
}

// The names the real migrator left in the table, in row order ("-" for NULL).
Lines names(const json& rows_step) {
  Lines out;
  for (const auto& row : rows_step["table"]["rows"]) out.push_back(row["name"].is_string() ? row["name"].get<std::string>() : "-");
  return out;
}

// "rule migration" of each database finding, sorted.
Lines findings(const fs::path& folder, const fs::path& database, const std::vector<std::string>& extra = {}) {
  Lines out = rules_reported(lint_json(folder, url_of(database), extra));
  std::sort(out.begin(), out.end());
  return out;
}

// The messages of upgrade-first-migrate, sorted: NULL ids give the rows no order of their own.
Lines first_migrate_messages(const fs::path& folder_0x, const fs::path& database) {
  json report = lint_json(folder_0x, url_of(database), {"--target", "1.0", "--select", "upgrade-first-migrate"});
  Lines out;
  for (const auto& f : report["findings"]) out.push_back(f["message"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

// drizzle-orm 1.0's own table on SQLite: pending by name wherever it sorts, an edited file by its
// hash (migrate never notices), a row naming no folder passed over.
TEST(SqliteV1Migrator, PendingEditedAndUnknownAsTheOneZeroMigratorSeesThem) {
  TempDir dir;
  const fs::path db = dir.path() / "app.db";
  const fs::path before = dir.path() / "before", hotfix = dir.path() / "hotfix", edited = dir.path() / "edited";
  copy_tree(linear_folder(), before);
  fs::remove_all(before / kSeed);
  copy_tree(linear_folder(), hotfix);  // a branch's migration merged with a name that sorts early
  write_file(hotfix / "20250402100100_hotfix/migration.sql", "CREATE TABLE `hotfix` (`id` integer);\n");
  copy_tree(before, edited);
  write_file(edited / kAlter / "migration.sql", read_file(edited / kAlter / "migration.sql") + "\n-- a comment added later\n");

  auto steps = drizzle(db, {"reset", "migrate1", before.string(), "sql",
                            "insert into __drizzle_migrations (hash, created_at, name) values ('0badc0de', "
                            "1700000000000, '20231114221320_gone')",
                            "rows"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  EXPECT_EQ(steps[3]["table"]["columns"], json::array({"id", "hash", "created_at", "name", "applied_at"}));

  json linear = status(linear_folder(), db);
  EXPECT_EQ(linear["table_shape"], "1.0");
  EXPECT_EQ(states(linear), (Lines{kInit + " applied", kAlter + " applied", kSeed + " pending", "- missing-locally"}));
  EXPECT_EQ(findings(linear_folder(), db, {"--fail-on", "info"}),
            (Lines{"db-migration-pending " + kSeed, "db-migration-unknown "}));
  EXPECT_EQ(states(status(hotfix, db)), (Lines{kInit + " applied", "20250402100100_hotfix pending out-of-order",
                                               kAlter + " applied", kSeed + " pending", "- missing-locally"}));
  EXPECT_EQ(findings(edited, db), (Lines{"db-migration-edited " + kAlter, "db-migration-unknown "}));

  // The real migrate(): it passes over the unknown row, applies the two pending ones in name
  // order, the early name included; on the edited folder it applies nothing.
  steps = drizzle(db, {"migrate1", hotfix.string(), "rows", "migrate1", edited.string(), "rows"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names(steps[1]), (Lines{kInit, kAlter, "20231114221320_gone", "20250402100100_hotfix", kSeed}));
  ASSERT_TRUE(steps[2]["ok"].get<bool>()) << steps[2].dump();
  EXPECT_EQ(steps[3], steps[1]) << "migrate never notices the edit";
  EXPECT_EQ(findings(hotfix, db, {"--fail-on", "info"}), (Lines{"db-migration-unknown "}));
}

// A SQLite file drizzle-orm 0.45.4 migrated (its table's ids are NULL): how the first 1.0 migrate()
// names its rows, predicted from the 1.0 folder (status) and, before up, from the 0.x folder
// (--target 1.0); then the real `drizzle-kit up` and migrate() on copies.
TEST(SqliteV1Migrator, FirstOneZeroMigrateOnAZeroXTableAsPredicted) {
  TempDir dir;
  const fs::path db = dir.path() / "app.db";
  // tie: seed_data's `when` moved into alter's second and alter's SQL edited after it ran; swapped:
  // alter's `when` a second later and seed_data's in alter's old second (up then sorts seed_data first).
  // The unchanged 0.x folder needs no up here: up_folder() is what the real up made of it.
  const fs::path tie = dir.path() / "tie", swapped = dir.path() / "swapped";
  copy_tree(up_folder_0x(), tie);
  auto journal = nlohmann::ordered_json::parse(read_file(tie / "meta/_journal.json"));
  journal["entries"][2]["when"] = 1743757270848;  // 09:01:10.848, alter's second
  write_file(tie / "meta/_journal.json", journal.dump(2));
  write_file(tie / "0001_alter.sql", read_file(tie / "0001_alter.sql") + "\n-- edited\n");
  copy_tree(up_folder_0x(), swapped);
  journal = nlohmann::ordered_json::parse(read_file(swapped / "meta/_journal.json"));
  journal["entries"][1]["when"] = 1743757271348;
  journal["entries"][2]["when"] = 1743757270848;
  write_file(swapped / "meta/_journal.json", journal.dump(2));

  auto steps = drizzle(db, {"reset", "migrate0", up_folder_0x().string(), "sql",
                            "insert into __drizzle_migrations (hash, created_at) values ('0badc0de', 1700000000000)"});
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();

  json unknown = status(up_folder(), db);
  EXPECT_EQ(unknown["table_shape"], "0.x");
  EXPECT_EQ(unknown["upgrade"]["throws"], true);
  EXPECT_EQ(predicted_names(unknown), (Lines{kUpInit, kUpAlter, kUpSeed}));
  EXPECT_EQ(findings(up_folder(), db), (Lines{"db-migration-unknown "}));
  Lines tied = first_migrate_messages(tie, db);
  ASSERT_EQ(tied.size(), 2u);
  EXPECT_NE(tied[1].find("(id NULL, hash d56561dbb03e, created_at 1743757270348 (2025-04-04 09:01:10 UTC)): the folders "
                         "of its second (\"" + kUpAlter + "\", \"20250404090110_seed_data\") all differ from its hash"),
            std::string::npos)
      << tied[1];
  EXPECT_NE(tied[0].find("(id NULL, hash 0badc0de, created_at 1700000000000 (2023-11-14 22:13:20 UTC)): no folder"),
            std::string::npos)
      << tied[0];
  EXPECT_EQ(first_migrate_messages(up_folder_0x(), db).size(), 1u) << "the row naming nothing";

  // The real up and migrate(): it throws on the same two rows and changes nothing; without the row
  // naming nothing, the folder upgrades with each row named as predicted and nothing applied.
  steps = drizzle(db, {"up", tie.string(), "migrate1", tie.string(), "rows", "sql",
                       "delete from __drizzle_migrations where hash = '0badc0de'"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_FALSE(steps[1]["ok"].get<bool>());
  EXPECT_NE(steps[1]["error"].get<std::string>().find(
                "found 2 ([id: null, created_at: 1743757270348], [id: null, created_at: 1700000000000]) migrations"),
            std::string::npos)
      << steps[1].dump();
  EXPECT_EQ(steps[2]["table"]["columns"], json::array({"id", "hash", "created_at"}));
  EXPECT_EQ(first_migrate_messages(up_folder_0x(), db), Lines{});
  json predicted = status(up_folder(), db);
  EXPECT_EQ(predicted["upgrade"]["throws"], false);
  steps = drizzle(db, {"migrate1", up_folder().string(), "rows", "reset", "migrate0", up_folder_0x().string()});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names(steps[1]), predicted_names(predicted));
  ASSERT_TRUE(steps[3]["ok"].get<bool>()) << steps[3].dump();

  // swapped: alter's row has one folder of its second, seed_data's, and is named after it; alter is
  // then applied again (its ALTER TABLE fails), as predicted.
  Lines again = first_migrate_messages(swapped, db);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_NE(again[0].find("\"0001_alter\" is recorded (row id NULL, hash d56561dbb03e, created_at 1743757270348 "
                          "(2025-04-04 09:01:10 UTC)), but after drizzle-kit up drizzle-orm 1.0's first migrate() "
                          "names that row after \"20250404090110_seed_data\" and applies \"20250404090111_alter\" again"),
            std::string::npos)
      << again[0];
  steps = drizzle(db, {"up", swapped.string(), "migrate1", swapped.string(), "rows"});
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_FALSE(steps[1]["ok"].get<bool>());
  EXPECT_NE(steps[1]["error"].get<std::string>().find("ALTER TABLE `books` ADD `isbn`"), std::string::npos)
      << steps[1].dump();
  EXPECT_EQ(names(steps[2]), (Lines{kUpInit, "20250404090110_seed_data", "20250404090110_seed_data"}));
}

}  // namespace
}  // namespace miglint::test
