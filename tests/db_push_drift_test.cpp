// db-schema-drift against the real `drizzle-kit push` (tests/tools/drizzle_push.sh, which answers
// push's rename question under a pseudo-terminal): a database migrated by the real drizzle-orm
// migrate(), then changed by push, names exactly what push changed, as users read it.
#include <algorithm>

#include "db_test_support.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Rules = std::vector<std::string>;

// `drizzle-kit push --force` of schema_file onto url; renames as OLD=NEW. Returns push's screen.
RunResult drizzle_push(const fs::path& schema_file, const std::string& url, const std::vector<std::string>& renames = {}) {
  TempDir dir;
  write_file(dir.path() / "drizzle.config.json",
             json{{"dialect", "postgresql"}, {"schema", schema_file.string()}, {"dbCredentials", {{"url", url}}}}.dump());
  fs::path tools = fs::path(MIGLINT_BINARY).parent_path() / "test-tools";
  if (const char* env = std::getenv("MIGLINT_TOOLS_DIR"); env != nullptr && *env != '\0') tools = env;
  std::string command = "MIGLINT_TOOLS_DIR=" + sh_quote(tools.string()) + " bash " +
                        sh_quote((source_dir() / "tests/tools/drizzle_push.sh").string()) + " " +
                        sh_quote((dir.path() / "drizzle.config.json").string());
  for (const std::string& rename : renames) command += " --rename " + sh_quote(rename);
  RunResult push = run_shell(command);
  EXPECT_EQ(push.exit_code, 0) << push.out << push.err;
  EXPECT_NE(push.out.find("Changes applied"), std::string::npos) << push.out << push.err;
  return push;
}

// The database findings, in a fixed order (by rule, then migration).
Rules database_rules(const json& report) {
  Rules rules = rules_reported(report);
  std::sort(rules.begin(), rules.end());
  return rules;
}

json drift_findings(const fs::path& folder, const std::string& url) {
  return lint_json(folder, url, {"--select", "db-schema-drift"})["findings"];
}

json object(const std::string& change, const std::string& kind, const std::string& name, const std::string& field = "",
            const std::string& expected = "", const std::string& actual = "") {
  json o{{"change", change}, {"kind", kind}, {"object", name}};
  if (!field.empty()) o.update({{"field", field}, {"expected", expected}, {"actual", actual}});
  return o;
}

// Five changes pushed at once onto the fully migrated pg-index: each is named once, the rename as
// a rename (push's answer leaves no trace, so a missing and an extra table with the same columns
// are shown as one), and nothing else.
TEST(DbPushDrift, WhatPushChangedIsNamedChangeByChange) {
  std::string url = create_test_database("push_drift_shop");
  if (url.empty()) return;
  const fs::path folder = fixtures_dir() / "generated/pg-index/drizzle";
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);
  ASSERT_EQ(drift_findings(folder, url).size(), 0u) << "migrate() alone leaves no drift";

  RunResult push = drizzle_push(fixtures_dir() / "schemas/pg/pushed.ts", url, {"order_items=order_lines"});
  EXPECT_NE(push.out.find("order_items › order_lines table will be renamed/moved"), std::string::npos) << push.out;
  ASSERT_EQ(psql_value(url, "SELECT to_regclass('public.order_lines') IS NOT NULL AND to_regclass('public.order_items') IS NULL"),
            "t")
      << "push renamed the table (it did not drop and create it)";

  json findings = drift_findings(folder, url);
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database's schema is not what its recorded migrations make, and no migration here explains it: "
            "enum public.order_status: values pending, paid, shipped, cancelled in the recorded migrations, pending, "
            "paid, shipped, cancelled, refunded in the database; column public.customers.nickname is in the database "
            "but not in the recorded migrations; table public.order_items: name order_items in the recorded "
            "migrations, order_lines in the database; and 2 more");
  EXPECT_EQ(findings[0]["objects"],
            json::array({object("changed", "enum", "public.order_status", "values", "pending, paid, shipped, cancelled",
                                "pending, paid, shipped, cancelled, refunded"),
                         object("extra", "column", "public.customers.nickname"),
                         object("changed", "table", "public.order_items", "name", "order_items", "order_lines"),
                         object("missing", "index", "public.orders.orders_status_idx"),
                         object("changed", "column", "public.products.price_cents", "type", "integer", "bigint")}))
      << findings[0]["objects"].dump(2);
  EXPECT_EQ(rules_reported(lint_json(folder, url, {"--fail-on", "info"})), Rules{"db-schema-drift "})
      << "no other database finding";
}

// Columns push renamed in place are named as renames (their index follows them); a column dropped
// and another of the same kind added at the end, which push was told are not a rename, are not.
TEST(DbPushDrift, ColumnsPushRenamedAreNamedAsRenames) {
  std::string url = create_test_database("push_drift_columns");
  if (url.empty()) return;
  const fs::path folder = fixtures_dir() / "generated/pg-index/drizzle";
  ASSERT_EQ(drizzle_migrate(folder, url).exit_code, 0);

  RunResult push = drizzle_push(fixtures_dir() / "schemas/pg/pushed-columns.ts", url,
                                {"email=email_address", "phone=mobile"});
  ASSERT_EQ(psql_value(url, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = "
                            "'public.customers'::regclass AND attnum > 0 AND NOT attisdropped"),
            "id,email_address,created_at,mobile,full_name")
      << "push renamed two columns in place and added full_name at the end\n" << push.out;

  json findings = drift_findings(folder, url);
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database's schema is not what its recorded migrations make, and no migration here explains it: "
            "column public.customers.email: name email in the recorded migrations, email_address in the database; "
            "column public.customers.name is in the recorded migrations but not in the database; column "
            "public.customers.phone: name phone in the recorded migrations, mobile in the database; and 1 more");
  EXPECT_EQ(findings[0]["objects"],
            json::array({object("changed", "column", "public.customers.email", "name", "email", "email_address"),
                         object("missing", "column", "public.customers.name"),
                         object("changed", "column", "public.customers.phone", "name", "phone", "mobile"),
                         object("extra", "column", "public.customers.full_name")}))
      << findings[0]["objects"].dump(2);
}

// push of a type change before the migration that makes it was generated: the pending migration
// explains the difference and the finding says so, on that migration. migrate() then applies it
// cleanly (the type is already right), and nothing is left to report.
TEST(DbPushDrift, PushBeforeTheMigrationIsNamedOnThePendingMigration) {
  std::string url = create_test_database("push_drift_early");
  if (url.empty()) return;
  const fs::path example = fixtures_dir() / "examples/early-push";
  TempDir dir;
  copy_tree(example / "drizzle", dir.path() / "drizzle");
  drop_last_migration(dir.path() / "drizzle");
  ASSERT_EQ(drizzle_migrate(dir.path() / "drizzle", url).exit_code, 0);
  drizzle_push(example / "schema/early.ts", url);

  const fs::path folder = example / "drizzle";
  json report = lint_json(folder, url, {"--fail-on", "info"});
  EXPECT_EQ(database_rules(report), (Rules{"db-migration-pending 0001_change_amount_add_referrer",
                                           "db-schema-drift 0001_change_amount_add_referrer"}))
      << report.dump(2);
  json findings = drift_findings(folder, url);
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database already holds part or all of 0001_change_amount_add_referrer, which is not recorded as "
            "applied: column public.invoices.amount: type integer in the recorded migrations, numeric(12,2) in the "
            "database");
  EXPECT_EQ(findings[0]["objects"],
            json::array({object("changed", "column", "public.invoices.amount", "type", "integer", "numeric(12,2)")}));

  RunResult migrate = drizzle_migrate(folder, url);
  EXPECT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_EQ(rules_reported(lint_json(folder, url, {"--fail-on", "info"})), Rules{});
}

// push of all of the pending migration and more: the next migrate fails on the pending migration
// (db-pending-already-applied says so), and db-schema-drift names only what no migration explains.
TEST(DbPushDrift, PushAfterTheMigrationLeavesOnlyWhatNoMigrationExplains) {
  std::string url = create_test_database("push_drift_late");
  if (url.empty()) return;
  const fs::path example = fixtures_dir() / "examples/early-push";
  TempDir dir;
  copy_tree(example / "drizzle", dir.path() / "drizzle");
  drop_last_migration(dir.path() / "drizzle");
  ASSERT_EQ(drizzle_migrate(dir.path() / "drizzle", url).exit_code, 0);
  drizzle_push(example / "schema/late.ts", url);

  const fs::path folder = example / "drizzle";
  json report = lint_json(folder, url, {"--fail-on", "info"});
  EXPECT_EQ(database_rules(report), (Rules{"db-migration-pending 0001_change_amount_add_referrer",
                                           "db-pending-already-applied 0001_change_amount_add_referrer",
                                           "db-schema-drift "}))
      << report.dump(2);
  json findings = drift_findings(folder, url);
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["message"],
            "the database's schema is not what its recorded migrations make, and no migration here explains it: "
            "column public.accounts.nickname is in the database but not in the recorded migrations");
  EXPECT_EQ(findings[0]["objects"], json::array({object("extra", "column", "public.accounts.nickname")}));
  EXPECT_NE(drizzle_migrate(folder, url).exit_code, 0) << "the real migrate() fails on 0001, as reported";
}

}  // namespace
}  // namespace miglint::test
