// The safety rules' claims, checked on a real PostgreSQL with the real drizzle-orm migrator:
// a rule says "rewrites the table" exactly where PostgreSQL rewrites it, an enum value used in
// the transaction that added it really makes migrate fail, and a table created by an earlier
// pending migration really is new to the run.
#include "db_test_support.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The rules miglint reports offline on a folder, each with its migration.
std::vector<std::string> offline_findings(const fs::path& folder, const std::string& rule) {
  RunResult r = run_miglint({folder.string(), "--format", "json", "--select", rule});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  json report = json::parse(r.out.empty() ? "{}" : r.out);
  std::vector<std::string> out;
  for (const auto& f : report["findings"])
    out.push_back(f["rule"].get<std::string>() + " " + f["migration"].get<std::string>());
  return out;
}

// A copy of a case folder holding only its first migrations (the last one dropped).
fs::path without_last_migration(const TempDir& dir, const fs::path& folder) {
  fs::path copy = dir.path() / "before";
  copy_tree(folder, copy);
  drop_last_migration(copy);
  return copy;
}

struct RewriteCase {
  const char* rule;
  const char* name;
  const char* table;
};

// Applies all but the last migration, then the last one with a separate migrate run, and
// compares the table's file node before and after: a new one means PostgreSQL rewrote it.
void expect_rewrite_exactly_when_reported(const RewriteCase& c, const std::string& database) {
  SCOPED_TRACE(std::string(c.rule) + "/" + c.name);
  std::string url = create_test_database(database);
  if (url.empty()) return;
  TempDir dir;
  const fs::path folder = rule_case_folder(c.rule, c.name);
  ASSERT_EQ(drizzle_migrate(without_last_migration(dir, folder), url).exit_code, 0);
  const std::string node_sql = std::string("SELECT pg_relation_filenode('") + c.table + "')";
  const std::string before = psql_value(url, node_sql);
  RunResult migrate = drizzle_migrate(folder, url);
  ASSERT_EQ(migrate.exit_code, 0) << migrate.out << migrate.err;
  const bool rewritten = psql_value(url, node_sql) != before;
  const bool reported = !offline_findings(folder, c.rule).empty();
  EXPECT_EQ(rewritten, reported) << "PostgreSQL " << (rewritten ? "rewrote " : "did not rewrite ") << c.table
                                 << ", miglint " << (reported ? "reports it" : "reports nothing");
}

TEST(DbSafety, ColumnDefaultsRewriteExactlyWhereReported) {
  const RewriteCase cases[] = {
      {"add-column-volatile-default", "bad-random-uuid-default", "customers"},
      {"add-column-volatile-default", "bad-serial-column", "orders"},
      {"add-column-volatile-default", "good-now-default", "customers"},
  };
  int i = 0;
  for (const RewriteCase& c : cases) expect_rewrite_exactly_when_reported(c, "safety_default_" + std::to_string(i++));
}

TEST(DbSafety, TypeChangesRewriteExactlyWhereReported) {
  const RewriteCase cases[] = {
      {"alter-column-type", "bad-integer-to-bigint", "order_items"},
      {"alter-column-type", "bad-varchar-made-shorter", "customers"},
      {"alter-column-type", "good-varchar-made-longer", "customers"},
      {"alter-column-type", "good-type-modifier-dropped", "customers"},
  };
  int i = 0;
  for (const RewriteCase& c : cases) expect_rewrite_exactly_when_reported(c, "safety_type_" + std::to_string(i++));
}

// With a customer in the database, the last migration fails exactly where the rule reports.
TEST(DbSafety, NotNullColumnsFailExactlyWhereReported) {
  const char* cases[] = {"bad-not-null-no-default",
                         "bad-default-null",
                         "bad-table-created-and-filled",
                         "bad-create-table-if-not-exists-of-existing-table",
                         "good-not-null-with-default",
                         "good-serial-column",
                         "good-table-created-in-same-migration",
                         "good-add-column-if-not-exists-of-existing-column",
                         "good-table-truncated-first",
                         "good-table-emptied-by-delete",
                         "bad-row-put-back-after-truncate"};
  int i = 0;
  for (const char* name : cases) {
    SCOPED_TRACE(name);
    std::string url = create_test_database("safety_not_null_" + std::to_string(i++));
    if (url.empty()) return;
    TempDir dir;
    const fs::path folder = rule_case_folder("add-column-not-null-without-default", name);
    ASSERT_EQ(drizzle_migrate(without_last_migration(dir, folder), url).exit_code, 0);
    psql(url, "INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada')");
    const bool failed = drizzle_migrate(folder, url).exit_code != 0;
    const bool reported = !offline_findings(folder, "add-column-not-null-without-default").empty();
    EXPECT_EQ(failed, reported) << "migrate " << (failed ? "failed" : "succeeded") << ", miglint "
                                << (reported ? "reports it" : "reports nothing");
  }
}

TEST(DbSafety, EnumValueUsedByALaterMigrationFailsMigrateOnANewDatabase) {
  const fs::path folder = rule_case_folder("enum-value-used-in-same-transaction", "bad-later-migration");
  EXPECT_EQ(offline_findings(folder, "enum-value-used-in-same-transaction"),
            std::vector<std::string>{"enum-value-used-in-same-transaction 0002_seed_data"});

  // A new database: migrate runs 0000 to 0002 in one transaction and PostgreSQL refuses 'cancelled'.
  std::string url = create_test_database("safety_enum_new");
  if (url.empty()) return;
  RunResult migrate = drizzle_migrate(folder, url);
  EXPECT_NE(migrate.exit_code, 0);
  EXPECT_NE((migrate.out + migrate.err).find("unsafe use of new value \"cancelled\""), std::string::npos)
      << migrate.out << migrate.err;
  EXPECT_EQ(psql_value(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'"), "0") << "all rolled back";

  // Deployed apart (0001 committed by an earlier run), the same migration works.
  std::string apart = create_test_database("safety_enum_apart");
  if (apart.empty()) return;
  TempDir dir;
  ASSERT_EQ(drizzle_migrate(without_last_migration(dir, folder), apart).exit_code, 0);
  RunResult second = drizzle_migrate(folder, apart);
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
}

TEST(DbSafety, EnumValueUsedInItsOwnMigrationAlwaysFails) {
  const fs::path folder = rule_case_folder("enum-value-used-in-same-transaction", "bad-same-migration");
  EXPECT_EQ(offline_findings(folder, "enum-value-used-in-same-transaction").size(), 1u);
  std::string url = create_test_database("safety_enum_same");
  if (url.empty()) return;
  TempDir dir;
  ASSERT_EQ(drizzle_migrate(without_last_migration(dir, folder), url).exit_code, 0);
  RunResult migrate = drizzle_migrate(folder, url);
  EXPECT_NE(migrate.exit_code, 0);
  EXPECT_NE((migrate.out + migrate.err).find("unsafe use of new value \"refunded\""), std::string::npos)
      << migrate.out << migrate.err;
}

// The rule's near misses: each migrates cleanly on a new database.
TEST(DbSafety, EnumNearMissesMigrateCleanly) {
  const char* cases[] = {"good-value-from-create-type", "good-committed-first", "good-type-recreated"};
  int i = 0;
  for (const char* name : cases) {
    SCOPED_TRACE(name);
    const fs::path folder = rule_case_folder("enum-value-used-in-same-transaction", name);
    EXPECT_TRUE(offline_findings(folder, "enum-value-used-in-same-transaction").empty());
    std::string url = create_test_database("safety_enum_good_" + std::to_string(i++));
    if (url.empty()) return;
    RunResult migrate = drizzle_migrate(folder, url);
    EXPECT_EQ(migrate.exit_code, 0) << migrate.out << migrate.err;
  }
}

// Every case of the enum rule, migrated by the real migrator on a new database (every migration
// in one transaction): migrate fails with "unsafe use of new value" exactly where miglint reports.
// The test server's PostgreSQL (before 17) refuses a value added to a type created in the same
// transaction too, so the warning for that case is a failure here.
TEST(DbSafety, EveryEnumCaseFailsOnANewDatabaseExactlyWhereReported) {
  const std::string rule = "enum-value-used-in-same-transaction";
  int i = 0;
  for (const RuleCase& c : rule_cases()) {
    if (c.rule != rule) continue;
    SCOPED_TRACE(c.name);
    const fs::path folder = rule_case_folder(rule, c.name);
    const bool reported = !offline_findings(folder, rule).empty();
    EXPECT_EQ(reported, c.name.starts_with("bad-"));
    std::string url = create_test_database("safety_enum_case_" + std::to_string(i++));
    if (url.empty()) return;
    RunResult migrate = drizzle_migrate(folder, url);
    const bool refused = (migrate.out + migrate.err).find("unsafe use of new value") != std::string::npos;
    EXPECT_EQ(migrate.exit_code != 0, reported) << migrate.out << migrate.err;
    EXPECT_EQ(refused, reported) << migrate.out << migrate.err;
  }
  EXPECT_GE(i, 12);
}

// The index 0001 adds to orders: new to the run on a database that has nothing yet, a live
// table once 0000 has been applied.
TEST(DbSafety, IndexOnATableOfAnEarlierPendingMigrationIsNotReported) {
  const fs::path folder = fixtures_dir() / "generated" / "pg-index" / "drizzle";
  const std::vector<std::string> select = {"--select", "create-index-on-existing-table"};
  std::string url = create_test_database("safety_pending_new");
  if (url.empty()) return;
  EXPECT_TRUE(rules_reported(lint_json(folder, url, select), "create-index").empty())
      << "nothing applied yet: migrate creates orders and indexes it in one transaction";

  std::string applied = create_test_database("safety_pending_applied");
  if (applied.empty()) return;
  TempDir dir;
  fs::path first = dir.path() / "first";
  copy_tree(folder, first);
  drop_last_migration(first);
  drop_last_migration(first);
  ASSERT_EQ(drizzle_migrate(first, applied).exit_code, 0);
  EXPECT_EQ(rules_reported(lint_json(folder, applied, select), "create-index"),
            std::vector<std::string>{"create-index-on-existing-table 0001_add_phone_and_status_idx"})
      << "0000 applied: orders exists and may be large";
}

}  // namespace
}  // namespace miglint::test
