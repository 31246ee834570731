// Drizzle Kit 1.0 folders against a database: miglint's view of drizzle-orm 1.0's migrator (matching
// by name), of its first migrate() on a table drizzle-orm 0.x kept (the upgrade), and status and
// repair on both table shapes. Each verdict is followed by the real drizzle-orm 1.0.0-rc.5 migrate()
// on the same database, and compared. Few node processes: tests/tools/drizzle_v1.cjs runs several
// steps (reset, both migrators, SQL, reading the table) in one.
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "db_test_support.h"
#include "support/kit1_tools.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Rules = std::vector<std::string>;

fs::path up_folder() { return fixtures_dir() / "generated-v1/pg-up/drizzle"; }
// The same three migrations as drizzle-kit 0.31.11 made them, before `drizzle-kit up`.
fs::path up_folder_0x() { return fixtures_dir() / "generated-v1/pg-up/drizzle-0x"; }
fs::path linear_folder() { return fixtures_dir() / "generated-v1/pg-linear/drizzle"; }

const std::string kUpInit = "20250403090003_init", kUpAlter = "20250403090110_alter", kUpSeed = "20250403090217_seed_data";
const std::string kLinearSeed = "20250401100217_seed_data";

// Runs drizzle_v1.cjs with both pinned drizzle-orm versions installed; one parsed line per step.
std::vector<json> drizzle(const std::string& url, const std::vector<std::string>& steps) {
  static const std::string command = [] {
    fs::path tools0 = fs::path(MIGLINT_BINARY).parent_path() / "test-tools";
    if (const char* dir = std::getenv("MIGLINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') tools0 = dir;
    const fs::path tools_src = source_dir() / "tests/tools";
    RunResult zero = run_shell("bash " + sh_quote((tools_src / "install_tools.sh").string()) + " " + sh_quote(tools0.string()));
    EXPECT_EQ(zero.exit_code, 0) << zero.err;
    const std::string tools1 = kit1_tools().string();
    return "MIGLINT_TOOLS_DIR=" + sh_quote(tools0.string()) + " MIGLINT_TOOLS1_DIR=" + sh_quote(tools1) +
           " NODE_PATH=" + sh_quote((tools0 / "node_modules").string()) + " node " +
           sh_quote((tools_src / "drizzle_v1.cjs").string());
  }();
  return run_steps(command + " " + sh_quote(url), steps);
}

json status(const fs::path& folder, const std::string& url) {
  RunResult r = run_miglint({"status", folder.string(), "--database-url", url, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out.empty() ? "{}" : r.out);
}

// "name state[ out-of-order]" for each local migration, in the order status lists them.
std::vector<std::string> states(const json& status_doc) {
  std::vector<std::string> out;
  for (const auto& m : status_doc["migrations"]) {
    out.push_back((m["tag"].is_string() ? m["tag"].get<std::string>() : "-") + " " + m["state"].get<std::string>() +
                  (m.value("out_of_order", false) ? " out-of-order" : ""));
  }
  return out;
}

// The upgrade status predicts, as "id name by" lines.
std::vector<std::string> predicted_names(const json& status_doc) {
  std::vector<std::string> out;
  for (const auto& n : status_doc["upgrade"]["named"]) {
    out.push_back(n["id"].get<std::string>() + " " + n["name"].get<std::string>());
  }
  return out;
}

// The migrations table the real migrator left, as "id name" lines (name "-" when NULL).
std::vector<std::string> names_by_id(const json& rows_step) {
  std::vector<std::string> out;
  for (const auto& row : rows_step["table"]["rows"]) {
    out.push_back(row["id"].get<std::string>() + " " + (row["name"].is_string() ? row["name"].get<std::string>() : "-"));
  }
  return out;
}

std::vector<std::string> columns(const json& rows_step) {
  return rows_step["table"]["columns"].get<std::vector<std::string>>();
}

// rules_reported, in name order (findings come in file order: the folder before its migrations).
Rules sorted_rules(const json& report) {
  Rules rules = rules_reported(report);
  std::sort(rules.begin(), rules.end());
  return rules;
}

// The 0.x folder without journal entry `index` and its SQL file.
void drop_entry(const fs::path& folder, std::size_t index) {
  auto journal = nlohmann::ordered_json::parse(read_file(folder / "meta/_journal.json"));
  const std::string tag = journal["entries"][index]["tag"];
  journal["entries"].erase(index);
  write_file(folder / "meta/_journal.json", journal.dump(2));
  fs::remove(folder / (tag + ".sql"));
}

// The findings of upgrade-first-migrate: "message" each.
std::vector<std::string> first_migrate_findings(const fs::path& folder_0x, const std::string& url) {
  json report = lint_json(folder_0x, url, {"--target", "1.0", "--select", "upgrade-first-migrate"});
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) out.push_back(f["message"].get<std::string>());
  return out;
}

// `miglint --target 1.0 --database-url` on a 0.x folder a database was migrated from by drizzle-orm
// 0.45.4: what the first 1.0 migrate() after `drizzle-kit up` will do. Then the real up (on a copy;
// for the unchanged folder, the fixture it made) and the real 1.0 migrate() do it.
TEST(DbV1Target, FirstOneZeroMigrateAfterUpOnAZeroXDatabaseAsPredicted) {
  std::string url = create_test_database("v1_target");
  if (url.empty()) return;
  TempDir dir;
  // tie: seed_data's `when` moved into alter's second, and alter's SQL edited after it ran (alter's
  // row then matches neither folder of its second); skipped-0x: alter merged after seed_data ran.
  // The unchanged 0.x folder needs no up here: up_folder() is what the real up made of it.
  const fs::path tie = dir.path() / "tie", skipped0 = dir.path() / "skipped-0x";
  copy_tree(up_folder_0x(), tie);
  auto journal = nlohmann::ordered_json::parse(read_file(tie / "meta/_journal.json"));
  journal["entries"][2]["when"] = 1743670870848;  // 09:01:10.848, alter's second
  write_file(tie / "meta/_journal.json", journal.dump(2));
  write_file(tie / "0001_alter.sql", read_file(tie / "0001_alter.sql") + "\n-- edited\n");
  copy_tree(up_folder_0x(), skipped0);
  drop_entry(skipped0, 1);

  auto steps = drizzle(url, {"reset", "migrate0", up_folder_0x().string(), "sql",
                             "insert into drizzle.__drizzle_migrations (hash, created_at) values ('0badc0de', 1700000000000)"});
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  std::vector<std::string> tied = first_migrate_findings(tie, url);
  ASSERT_EQ(tied.size(), 2u);
  EXPECT_NE(tied[0].find("throws on the recorded row (id 2, hash "), std::string::npos) << tied[0];
  EXPECT_NE(tied[0].find("folders of its second (\"20250403090110_alter\", \"20250403090110_seed_data\") all differ "
                         "from its hash"),
            std::string::npos)
      << tied[0];
  EXPECT_NE(tied[1].find("(id 4, hash 0badc0de, created_at 1700000000000 (2023-11-14 22:13:20 UTC)): no folder is "
                         "dated in its second and none has its hash"),
            std::string::npos)
      << tied[1];
  ASSERT_EQ(first_migrate_findings(up_folder_0x(), url).size(), 1u) << "the row naming nothing";

  // The real up and 1.0 migrate(): it throws naming the same rows and changes nothing; without the
  // row naming nothing, the unchanged folder upgrades with every row named and nothing applied.
  steps = drizzle(url, {"up", tie.string(), "migrate1", tie.string(), "rows", "sql",
                        "delete from drizzle.__drizzle_migrations where id = 4"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_FALSE(steps[1]["ok"].get<bool>());
  EXPECT_NE(steps[1]["error"].get<std::string>().find("found 2 migrations (ids: 2, 4)"), std::string::npos)
      << steps[1].dump();
  EXPECT_EQ(columns(steps[2]), (std::vector<std::string>{"id", "hash", "created_at"}));
  EXPECT_EQ(first_migrate_findings(up_folder_0x(), url), std::vector<std::string>{});
  steps = drizzle(url, {"migrate1", up_folder().string(), "rows"});
  ASSERT_EQ(steps.size(), 2u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names_by_id(steps[1]), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpAlter, "3 " + kUpSeed}));

  // A migration 0.x's migrator skips (alter, merged after seed_data ran): predicted applied by 1.0.
  steps = drizzle(url, {"reset", "migrate0", skipped0.string()});
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  std::vector<std::string> skipped = first_migrate_findings(up_folder_0x(), url);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_NE(skipped[0].find("\"0001_alter\" is not recorded and drizzle-orm 0.x's migrator skips it, but after "
                            "drizzle-kit up drizzle-orm 1.0's first migrate() applies it (as \"" + kUpAlter + "\")"),
            std::string::npos)
      << skipped[0];
  steps = drizzle(url, {"migrate1", up_folder().string(), "rows"});
  ASSERT_EQ(steps.size(), 2u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names_by_id(steps[1]), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpSeed, "3 " + kUpAlter}));
}

TEST(DbV1Upgrade, FirstOneZeroMigrateNamesTheRowsOfAZeroXTableAsPredicted) {
  std::string url = create_test_database("v1_upgrade");
  if (url.empty()) return;
  TempDir dir;
  // Folders `drizzle-kit up` could have made and a user then changed: alter renamed to another second
  // (its row is then matched by hash); a second migration in init's second, with init edited (its row
  // then matches neither: migrate throws).
  const fs::path renamed = dir.path() / "renamed", tie = dir.path() / "tie", skipped0 = dir.path() / "skipped-0x";
  copy_tree(up_folder(), renamed);
  fs::rename(renamed / kUpAlter, renamed / "20250403090111_alter");
  copy_tree(up_folder(), tie);
  write_file(tie / "20250403090003_extra/migration.sql", "CREATE TABLE \"extra\" (\"id\" integer);\n");
  write_file(tie / kUpInit / "migration.sql", read_file(tie / kUpInit / "migration.sql") + "\n-- edited\n");
  copy_tree(up_folder_0x(), skipped0);
  drop_entry(skipped0, 1);

  // A database drizzle-orm 0.45.4 migrated from the 0.x folder drizzle-kit 0.31.11 made.
  auto steps = drizzle(url, {"reset", "migrate0", up_folder_0x().string(), "rows"});
  ASSERT_EQ(steps.size(), 3u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  EXPECT_EQ(columns(steps[2]), (std::vector<std::string>{"id", "hash", "created_at"}));

  json plain = status(up_folder(), url);
  EXPECT_EQ(plain["table_shape"], "0.x");
  EXPECT_EQ(plain["upgrade"]["throws"], false);
  EXPECT_EQ(predicted_names(plain), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpAlter, "3 " + kUpSeed}));
  for (const auto& n : plain["upgrade"]["named"]) EXPECT_EQ(n["by"], "second");
  EXPECT_EQ(rules_reported(lint_json(up_folder(), url, {"--fail-on", "info"})), Rules{});

  json by_hash = status(renamed, url);
  EXPECT_EQ(predicted_names(by_hash), (std::vector<std::string>{"1 " + kUpInit, "2 20250403090111_alter", "3 " + kUpSeed}));
  EXPECT_EQ(by_hash["upgrade"]["named"][1]["by"], "hash");

  json tied = status(tie, url);
  EXPECT_EQ(tied["upgrade"]["throws"], true);
  EXPECT_EQ(tied["upgrade"]["unmatched_ids"], json::array({"1"}));
  json tied_report = lint_json(tie, url);
  EXPECT_EQ(rules_reported(tied_report, "db-migration-unknown"), (Rules{"db-migration-unknown "}));
  RunResult tied_text = run_miglint({"status", tie.string(), "--database-url", url});
  EXPECT_NE(tied_text.out.find("1 row matches no local migration (id 1, created_at 1743670803210)"), std::string::npos)
      << tied_text.out;
  EXPECT_NE(tied_text.out.find("The next migrate throws while upgrading the table and applies nothing."), std::string::npos)
      << tied_text.out;

  // The real 1.0 migrate() on the tie throws, naming the same row, and changes nothing; then a row
  // that matches nothing (a migration deleted here) is added.
  steps = drizzle(url, {"migrate1", tie.string(), "rows", "sql",
                        "insert into drizzle.__drizzle_migrations (hash, created_at) values ('0badc0de', 1700000000000)"});
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_FALSE(steps[0]["ok"].get<bool>());
  EXPECT_NE(steps[0]["error"].get<std::string>().find("found 1 migrations (ids: 1)"), std::string::npos) << steps[0].dump();
  EXPECT_EQ(columns(steps[1]), (std::vector<std::string>{"id", "hash", "created_at"}));

  json unknown = status(up_folder(), url);
  EXPECT_EQ(unknown["upgrade"]["unmatched_ids"], json::array({"4"}));
  json unknown_report = lint_json(up_folder(), url);
  ASSERT_EQ(rules_reported(unknown_report), (Rules{"db-migration-unknown "}));
  EXPECT_NE(unknown_report["findings"][0]["message"].get<std::string>().find(
                "id 4, hash 0badc0de, created_at 1700000000000 (2023-11-14 22:13:20 UTC)) matches no local migration"),
            std::string::npos)
      << unknown_report.dump(2);
  EXPECT_NE(unknown_report["findings"][0]["message"].get<std::string>().find("first migrate() throws on it"),
            std::string::npos);

  // Without that row, the folder whose alter moved to another second: the upgrade names by hash.
  steps = drizzle(url, {"migrate1", up_folder().string(), "sql", "delete from drizzle.__drizzle_migrations where id = 4",
                        "migrate1", renamed.string(), "rows"});
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_FALSE(steps[0]["ok"].get<bool>());
  EXPECT_NE(steps[0]["error"].get<std::string>().find("found 1 migrations (ids: 4)"), std::string::npos) << steps[0].dump();
  ASSERT_TRUE(steps[2]["ok"].get<bool>()) << steps[2].dump();
  EXPECT_EQ(names_by_id(steps[3]), predicted_names(by_hash));
  for (const auto& row : steps[3]["table"]["rows"]) EXPECT_EQ(row["applied_at"], false) << "the upgrade sets NULL";

  // A migration 0.x's migrator skipped (alter, merged after seed_data ran): 1.0 applies it.
  steps = drizzle(url, {"reset", "migrate0", skipped0.string()});
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  json skipped = status(up_folder(), url);
  EXPECT_EQ(predicted_names(skipped), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpSeed}));
  EXPECT_EQ(states(skipped), (std::vector<std::string>{kUpInit + " applied", kUpAlter + " pending out-of-order",
                                                       kUpSeed + " applied"}));
  json skipped_report = lint_json(up_folder(), url, {"--fail-on", "info"});
  ASSERT_EQ(rules_reported(skipped_report), (Rules{"db-migration-pending " + kUpAlter}));
  EXPECT_EQ(skipped_report["findings"][0]["severity"], "warning");
  EXPECT_NE(skipped_report["findings"][0]["message"].get<std::string>().find("0.x's migrator skipped it, 1.0's does not"),
            std::string::npos);

  // And the plain upgrade after it, then a clean 0.x database upgraded: exactly as predicted.
  steps = drizzle(url, {"migrate1", up_folder().string(), "rows", "reset", "migrate0", up_folder_0x().string(),
                        "migrate1", up_folder().string(), "rows"});
  ASSERT_EQ(steps.size(), 6u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names_by_id(steps[1]), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpSeed, "3 " + kUpAlter}));
  ASSERT_TRUE(steps[4]["ok"].get<bool>()) << steps[4].dump();
  EXPECT_EQ(names_by_id(steps[5]), predicted_names(plain));
  json after = status(up_folder(), url);
  EXPECT_EQ(after["table_shape"], "1.0");
  EXPECT_EQ(states(after), (std::vector<std::string>{kUpInit + " applied", kUpAlter + " applied", kUpSeed + " applied"}));
}

// drizzle-orm 1.0's own table: pending is every name not recorded, wherever it sorts; an edited
// file is a finding (migrate never notices); a row naming no folder is passed over.
TEST(DbV1ByName, PendingEditedAndUnknownAsTheOneZeroMigratorSeesThem) {
  std::string url = create_test_database("v1_by_name");
  if (url.empty()) return;
  TempDir dir;
  const fs::path before = dir.path() / "before", hotfix = dir.path() / "hotfix", edited = dir.path() / "edited";
  copy_tree(linear_folder(), before);
  fs::remove_all(before / kLinearSeed);
  copy_tree(linear_folder(), hotfix);  // a branch's migration merged with a name that sorts early
  write_file(hotfix / "20250401100100_hotfix/migration.sql", "CREATE TABLE \"hotfix\" (\"id\" integer);\n");
  copy_tree(before, edited);
  const fs::path alter_sql = edited / "20250401100110_alter/migration.sql";
  write_file(alter_sql, read_file(alter_sql) + "\n-- a comment added later\n");

  auto steps = drizzle(url, {"reset", "migrate1", before.string(), "sql",
                             "insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('0badc0de', "
                             "1700000000000, '20231114221320_gone')",
                             "rows"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  EXPECT_EQ(columns(steps[3]), (std::vector<std::string>{"id", "hash", "created_at", "name", "applied_at"}));

  json linear = status(linear_folder(), url);
  EXPECT_EQ(linear["table_shape"], "1.0");
  EXPECT_FALSE(linear.contains("upgrade"));
  EXPECT_EQ(states(linear), (std::vector<std::string>{"20250401100003_init applied", "20250401100110_alter applied",
                                                      kLinearSeed + " pending", "- missing-locally"}));
  json linear_report = lint_json(linear_folder(), url, {"--fail-on", "info"});
  EXPECT_EQ(sorted_rules(linear_report), (Rules{"db-migration-pending " + kLinearSeed, "db-migration-unknown "}));
  for (const auto& f : linear_report["findings"]) {
    if (f["rule"] == "db-migration-unknown") {
      EXPECT_NE(f["message"].get<std::string>().find("name 20231114221320_gone"), std::string::npos) << f.dump();
      EXPECT_NE(f["message"].get<std::string>().find("drizzle-orm 1.0 passes it over"), std::string::npos) << f.dump();
    }
  }
  json hotfix_status = status(hotfix, url);
  EXPECT_EQ(states(hotfix_status),
            (std::vector<std::string>{"20250401100003_init applied", "20250401100100_hotfix pending out-of-order",
                                      "20250401100110_alter applied", kLinearSeed + " pending", "- missing-locally"}));
  EXPECT_EQ(sorted_rules(lint_json(edited, url)),
            (Rules{"db-migration-edited 20250401100110_alter", "db-migration-unknown "}));

  // The real migrate(): the unknown row does not stop it; it applies the two pending ones in name
  // order, the early name included; on the edited folder it applies nothing.
  steps = drizzle(url, {"migrate1", hotfix.string(), "rows", "migrate1", edited.string(), "rows"});
  ASSERT_EQ(steps.size(), 4u);
  ASSERT_TRUE(steps[0]["ok"].get<bool>()) << steps[0].dump();
  EXPECT_EQ(names_by_id(steps[1]), (std::vector<std::string>{"1 20250401100003_init", "2 20250401100110_alter",
                                                             "3 20231114221320_gone", "4 20250401100100_hotfix",
                                                             "5 " + kLinearSeed}));
  ASSERT_TRUE(steps[2]["ok"].get<bool>()) << steps[2].dump();
  EXPECT_EQ(steps[3], steps[1]) << "migrate never notices the edit";
  EXPECT_EQ(rules_reported(lint_json(hotfix, url, {"--fail-on", "info"})), (Rules{"db-migration-unknown "}));
}

// repair --mark-applied writes what drizzle-orm 1.0 writes on its table (name, hash, created_at,
// applied_at), and what 0.x wrote on an old table, which the upgrade then names by its second.
TEST(DbV1Repair, MarkAppliedOnBothTableShapesIsWhatMigrateThenAccepts) {
  std::string url = create_test_database("v1_repair");
  if (url.empty()) return;
  TempDir dir;
  const fs::path before = dir.path() / "before", before0 = dir.path() / "before-0x";
  copy_tree(linear_folder(), before);
  fs::remove_all(before / kLinearSeed);
  copy_tree(up_folder_0x(), before0);
  drop_last_migration(before0);
  const std::string seed_by_hand = "INSERT INTO \"users\" (\"email\") VALUES ('ada@example.com')";

  auto steps = drizzle(url, {"reset", "migrate1", before.string(), "sql", seed_by_hand});
  ASSERT_EQ(steps.size(), 3u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  RunResult script = run_miglint({"repair", linear_folder().string(), "--database-url", url, "--mark-applied", kLinearSeed});
  ASSERT_EQ(script.exit_code, 0) << script.err;
  EXPECT_NE(script.out.find("(\"hash\", \"created_at\", \"name\") VALUES ("), std::string::npos) << script.out;
  RunResult repaired = run_miglint(
      {"repair", linear_folder().string(), "--database-url", url, "--mark-applied", kLinearSeed, "--apply"});
  ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
  EXPECT_EQ(states(status(linear_folder(), url)).back(), kLinearSeed + " applied");

  // Then migrate applies nothing; the row equals the one the real migrator writes on a new database.
  steps = drizzle(url, {"rows", "migrate1", linear_folder().string(), "rows", "reset", "migrate1",
                        linear_folder().string(), "rows", "reset", "migrate0", before0.string(), "sql", seed_by_hand});
  ASSERT_EQ(steps.size(), 9u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  EXPECT_EQ(steps[2], steps[0]) << "migrate applied nothing";
  json written = steps[0]["table"]["rows"].back(), real = steps[5]["table"]["rows"].back();
  for (const char* column : {"hash", "created_at", "name", "applied_at"}) EXPECT_EQ(written[column], real[column]) << column;

  // The 0.x table: repair records 0.x's row; status says how the upgrade will name it.
  ASSERT_TRUE(steps[7]["ok"].get<bool>()) << steps[7].dump();
  json old_shape = status(up_folder(), url);
  EXPECT_EQ(old_shape["table_shape"], "0.x");
  EXPECT_EQ(states(old_shape), (std::vector<std::string>{kUpInit + " applied", kUpAlter + " applied", kUpSeed + " pending"}));
  repaired = run_miglint({"repair", up_folder().string(), "--database-url", url, "--mark-applied", kUpSeed, "--apply"});
  ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
  json predicted = status(up_folder(), url);
  EXPECT_EQ(predicted_names(predicted), (std::vector<std::string>{"1 " + kUpInit, "2 " + kUpAlter, "3 " + kUpSeed}));
  steps = drizzle(url, {"rows", "migrate1", up_folder().string(), "rows"});
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(columns(steps[0]), (std::vector<std::string>{"id", "hash", "created_at"}));
  EXPECT_EQ(steps[0]["table"]["rows"].back()["created_at"], "1743670937000") << "09:02:17, the folder's second";
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  EXPECT_EQ(names_by_id(steps[2]), predicted_names(predicted)) << "named as predicted, nothing applied again";
}

}  // namespace
}  // namespace miglint::test
