// The same table rules on a SQLite file, whose drizzle table has NULL ids and numeric
// created_at; the file is opened read-only and never created.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFolder = "fixtures/generated/sqlite-index/drizzle";

// The table as drizzle-orm's SQLite migrator creates and fills it, for the first n entries.
std::string applied_state(std::size_t n) {
  json journal = json::parse(read_file(source_dir() / kFolder / "meta/_journal.json"));
  std::string sql = "CREATE TABLE `__drizzle_migrations` (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);\n";
  for (std::size_t i = 0; i < n; ++i) {
    std::string tag = journal["entries"][i]["tag"];
    std::string hash = run_shell("sha256sum " + (source_dir() / kFolder / (tag + ".sql")).string()).out.substr(0, 64);
    sql += "INSERT INTO `__drizzle_migrations` (hash, created_at) VALUES ('" + hash + "', " +
           std::to_string(journal["entries"][i]["when"].get<long long>()) + ");\n";
  }
  return sql;
}

TEST(DbSqlite, StatusReadsNullIdsAndNumericCreatedAt) {
  TempDir dir;
  make_sqlite_database(dir.path() / "app.db", applied_state(2));
  for (const std::string prefix : {"sqlite:", "file:"}) {
    RunResult r = run_miglint({"status", kFolder.string(), "--database-url", prefix + (dir.path() / "app.db").string(),
                               "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json rows = json::parse(r.out)["migrations"];
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0]["state"], "applied");
    EXPECT_EQ(rows[1]["state"], "applied");
    EXPECT_EQ(rows[2]["state"], "pending");
  }
}

TEST(DbSqlite, MissingFileIsAnErrorAndIsNotCreated) {
  TempDir dir;
  RunResult r = run_miglint({kFolder.string(), "--database-url", "sqlite:" + (dir.path() / "nope.db").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("could not open the SQLite database"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "nope.db"));
}

TEST(DbSqlite, RepairRecordsWhatTheMigratorWouldHave) {
  TempDir dir;
  fs::path db = dir.path() / "app.db";
  make_sqlite_database(db, applied_state(1) + "CREATE TABLE customers (id integer);");
  std::string url = "sqlite:" + db.string();
  RunResult printed = run_miglint({"repair", kFolder.string(), "--database-url", url, "--mark-applied", "1"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("miglint_guard"), std::string::npos) << printed.out;
  RunResult applied = run_miglint({"repair", kFolder.string(), "--database-url", url, "--mark-applied", "1", "--apply"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  RunResult status = run_miglint({"status", kFolder.string(), "--database-url", url, "--format", "json"});
  json rows = json::parse(status.out)["migrations"];
  EXPECT_EQ(rows[1]["state"], "applied") << status.out;
  EXPECT_EQ(rows[2]["state"], "pending");
  // The same rows a real migrate would have written: hash and created_at of entry 1.
  make_sqlite_database(dir.path() / "expected.db", applied_state(2));
  RunResult ours = run_shell("sqlite3 " + db.string() + " 'SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at'");
  RunResult theirs =
      run_shell("sqlite3 " + (dir.path() / "expected.db").string() + " 'SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at'");
  EXPECT_EQ(ours.out, theirs.out);
}

TEST(DbSqlite, RepairRefusesWhenTheTableChangedMeanwhile) {
  TempDir dir;
  fs::path db = dir.path() / "app.db";
  make_sqlite_database(db, applied_state(1));
  RunResult printed = run_miglint({"repair", kFolder.string(), "--database-url", "sqlite:" + db.string(), "--mark-applied", "2"});
  ASSERT_EQ(printed.exit_code, 0);
  write_file(dir.path() / "repair.sql", printed.out);
  run_shell("sqlite3 " + db.string() + " \"INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('x', 1)\"");
  RunResult run = run_shell("sqlite3 -bail " + db.string() + " < " + (dir.path() / "repair.sql").string());
  EXPECT_NE(run.exit_code, 0) << "the guard must stop a script that no longer fits the table";
  RunResult count = run_shell("sqlite3 " + db.string() + " 'SELECT count(*) FROM __drizzle_migrations'");
  EXPECT_EQ(count.out, "2\n");
}

}  // namespace
}  // namespace miglint::test
