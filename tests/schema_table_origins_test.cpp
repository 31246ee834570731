// TableOrigins: what each statement finds of its table, read from the schema history's replay of
// a real folder (journal and SQL files, loaded as miglint loads them): there before the run, made
// by it, or unknown, and filled since.
#include <gtest/gtest.h>

#include <fmt/core.h>

#include <string>
#include <vector>

#include "load/folder_loader.h"
#include "schema/history.h"
#include "schema/table_origins.h"
#include "support/run.h"

namespace miglint::schema {
namespace {

using Made = TableAtStatement::Made;

// A drizzle-kit 0.x folder of these migrations' SQL (tags 0000_m0, 0001_m1...), without snapshots:
// the history replays each file on the replay of the ones before.
class Origins {
 public:
  explicit Origins(const std::vector<std::string>& sql, std::vector<std::size_t> pending = {}) {
    std::string entries;
    for (std::size_t i = 0; i < sql.size(); ++i) {
      const std::string tag = fmt::format("{:04}_m{}", i, i);
      test::write_file(dir_.path() / (tag + ".sql"), sql[i]);
      entries += fmt::format("{}{{\"idx\":{},\"version\":\"7\",\"when\":{},\"tag\":\"{}\",\"breakpoints\":true}}",
                             i ? "," : "", i, 1700000000000 + i, tag);
    }
    test::write_file(dir_.path() / "meta" / "_journal.json",
                     "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[" + entries + "]}");
    auto loaded = load_folder(dir_.path(), "drizzle", Dialect::PostgreSQL, LoadScope::EverythingAndParsedSql);
    folder_ = std::make_unique<Folder>(std::move(std::get<Folder>(loaded)));
    history_ = SchemaHistory::build(*folder_);
    std::vector<const SqlFile*> in_order, run;
    for (const Migration& m : folder_->migrations) in_order.push_back(m.sql);
    for (std::size_t i : pending) run.push_back(in_order.at(i));
    origins_ = std::make_unique<TableOrigins>(TableOrigins::build(*history_, in_order, run));
  }

  // Migration m's statement that starts with `text`.
  const SqlStatement& statement(std::size_t m, const std::string& text) const {
    const SqlFile& sql = file(m);
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (sql.file.bytes().substr(s.begin).starts_with(text)) return s;
      }
    }
    throw std::runtime_error("no statement " + text);
  }
  const SqlFile& file(std::size_t m) const { return *folder_->migrations.at(m).sql; }
  TableAtStatement at(std::size_t m, const std::string& text, const std::string& table) const {
    return origins_->table(file(m), statement(m, text), table);
  }
  const TableOrigins& origins() const { return *origins_; }

 private:
  test::TempDir dir_;
  std::unique_ptr<Folder> folder_;
  std::unique_ptr<SchemaHistory> history_;
  std::unique_ptr<TableOrigins> origins_;
};

constexpr const char* kCustomers = "CREATE TABLE \"customers\" (\"id\" integer PRIMARY KEY, \"email\" text);";

TEST(TableOrigins, CreateTableIfNotExistsOfAnEarlierMigrationsTableMakesNothing) {
  const Origins o({kCustomers,
                   "CREATE TABLE IF NOT EXISTS \"customers\" (\"id\" integer);\n--> statement-breakpoint\n"
                   "DROP TABLE \"customers\";"});
  EXPECT_EQ(o.at(1, "DROP", "customers").made, Made::BeforeRun);
}

TEST(TableOrigins, TableMadeEarlierInTheFileIsNewAndEmptyUntilRowsGoIn) {
  const Origins o({"CREATE TABLE \"t\" (\"id\" integer);\n--> statement-breakpoint\n"
                   "ALTER TABLE \"t\" ADD COLUMN \"a\" text;\n--> statement-breakpoint\n"
                   "INSERT INTO \"t\" VALUES (1);\n--> statement-breakpoint\n"
                   "ALTER TABLE \"t\" ADD COLUMN \"b\" text;"});
  EXPECT_EQ(o.at(0, "CREATE", "t").made, Made::BeforeRun);
  EXPECT_TRUE(o.at(0, "ALTER TABLE \"t\" ADD COLUMN \"a\"", "t").certainly_empty());
  const TableAtStatement after_insert = o.at(0, "ALTER TABLE \"t\" ADD COLUMN \"b\"", "t");
  EXPECT_TRUE(after_insert.made_this_run());
  EXPECT_TRUE(after_insert.filled);
}

TEST(TableOrigins, TableMadeByCreateTableAsSelectHoldsRows) {
  const Origins o({kCustomers, "CREATE TABLE \"scratch\" AS SELECT * FROM \"customers\";\n--> statement-breakpoint\n"
                               "ALTER TABLE \"scratch\" DROP COLUMN \"email\";"});
  const TableAtStatement scratch = o.at(1, "ALTER", "scratch");
  EXPECT_TRUE(scratch.made_this_run());
  EXPECT_TRUE(scratch.filled);
  EXPECT_TRUE(o.origins().column_made_this_run(o.file(1), o.statement(1, "ALTER"), "scratch", "email"));
}

TEST(TableOrigins, TemporaryTableIsNewToTheRun) {
  const Origins o({kCustomers, "CREATE TEMP TABLE \"fix\" AS SELECT \"id\" FROM \"customers\";\n"
                               "--> statement-breakpoint\nDROP TABLE \"fix\";"});
  EXPECT_TRUE(o.at(1, "DROP", "fix").made_this_run());
}

TEST(TableOrigins, RenameCarriesTheTableAndItsNewColumns) {
  const Origins o({kCustomers,
                   "CREATE TABLE \"a\" (\"id\" integer);\n--> statement-breakpoint\n"
                   "ALTER TABLE \"customers\" ADD COLUMN \"phone\" text;\n--> statement-breakpoint\n"
                   "ALTER TABLE \"a\" RENAME TO \"b\";\n--> statement-breakpoint\n"
                   "ALTER TABLE \"customers\" RENAME TO \"clients\";\n--> statement-breakpoint\n"
                   "ALTER TABLE \"clients\" RENAME COLUMN \"phone\" TO \"mobile\";\n--> statement-breakpoint\n"
                   "SELECT 1;"});
  EXPECT_TRUE(o.at(1, "SELECT", "b").made_this_run());
  EXPECT_EQ(o.at(1, "SELECT", "a").made, Made::BeforeRun);
  EXPECT_EQ(o.at(1, "SELECT", "clients").made, Made::BeforeRun);
  const SqlStatement& last = o.statement(1, "SELECT");
  EXPECT_TRUE(o.origins().column_made_this_run(o.file(1), last, "clients", "mobile"));
  EXPECT_FALSE(o.origins().column_made_this_run(o.file(1), last, "clients", "phone"));
  EXPECT_FALSE(o.origins().column_made_this_run(o.file(1), last, "clients", "email"));
}

TEST(TableOrigins, EarlierPendingMigrationIsPartOfTheRunOnlyWhenADatabaseSaysSo) {
  const std::vector<std::string> sql = {kCustomers, "CREATE INDEX \"c_idx\" ON \"customers\" (\"email\");"};
  EXPECT_EQ(Origins(sql).at(1, "CREATE INDEX", "customers").made, Made::BeforeRun);
  const Origins together(sql, {0, 1});
  EXPECT_TRUE(together.at(1, "CREATE INDEX", "customers").certainly_empty());
  EXPECT_TRUE(together.origins().same_run(together.file(0), together.file(1)));
  EXPECT_FALSE(Origins(sql).origins().same_run(together.file(0), together.file(1)));
}

TEST(TableOrigins, IfNotExistsInASchemaTheModelCannotSeeIsUnknown) {
  const Origins o({"CREATE TABLE IF NOT EXISTS \"auth\".\"users\" (\"id\" uuid);\n--> statement-breakpoint\n"
                   "ALTER TABLE \"auth\".\"users\" ADD COLUMN \"name\" text NOT NULL;"});
  EXPECT_EQ(o.at(0, "ALTER", "auth.users").made, Made::Unknown);
}

TEST(TableOrigins, AfterAStatementTheReplayDoesNotUnderstandOtherTablesAreUnknown) {
  const Origins o({kCustomers, "CREATE TABLE \"t\" (\"id\" integer);\n--> statement-breakpoint\n"
                               "DO $$ BEGIN EXECUTE 'CREATE TABLE x (id int)'; END $$;\n--> statement-breakpoint\n"
                               "ALTER TABLE \"x\" ADD COLUMN \"a\" text;\n--> statement-breakpoint\n"
                               "ALTER TABLE \"t\" ADD COLUMN \"a\" text;"});
  EXPECT_EQ(o.at(1, "ALTER TABLE \"x\"", "x").made, Made::Unknown);
  // The DO block may have put rows anywhere: t is still the run's, no longer surely empty.
  const TableAtStatement t = o.at(1, "ALTER TABLE \"t\"", "t");
  EXPECT_TRUE(t.made_this_run());
  EXPECT_FALSE(t.certainly_empty());
}

TEST(TableOrigins, AddColumnIfNotExistsFindsAnEarlierColumn) {
  const Origins o({kCustomers, "ALTER TABLE \"customers\" ADD COLUMN IF NOT EXISTS \"email\" text NOT NULL;"});
  const SqlStatement& add = o.statement(1, "ALTER");
  EXPECT_TRUE(o.origins().column_already_there(o.file(1), add, "customers", "email"));
  EXPECT_FALSE(o.origins().column_already_there(o.file(1), add, "customers", "phone"));
  EXPECT_FALSE(o.origins().column_made_this_run(o.file(1), add, "customers", "email"));
}

}  // namespace
}  // namespace miglint::schema
