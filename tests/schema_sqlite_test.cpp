// SQLite's schema as a model: read from a database (read_sqlite_catalog) and replayed from a
// migration's SQL (replay_sqlite), on hand-written statements and on real drizzle-kit folders.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>

#include "load/folder_loader.h"
#include "schema/catalog.h"
#include "schema/replay.h"
#include "support/run.h"
#include "support/schema_text.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using schema::Schema;

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Db memory_database(const std::string& sql) {
  sqlite3* raw = nullptr;
  sqlite3_open(":memory:", &raw);
  Db db(raw, sqlite3_close);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  return db;
}

std::string catalog_text(sqlite3* db, const std::string& migrations = "__drizzle_migrations") {
  auto model = schema::read_sqlite_catalog(db, migrations);
  if (auto* e = std::get_if<schema::CatalogError>(&model)) return "error: " + e->message;
  return schema_text(std::get<Schema>(model));
}

SqlFile sql_file(const std::string& text) {
  SqlFile f;
  f.file_name = "0001_test.sql";
  f.file = TextFile("0001_test.sql", text);
  f.flavor = SqlFlavor::Sqlite;
  return f;
}

Schema model_of(const std::string& sql) {
  Db db = memory_database(sql);
  return std::get<Schema>(schema::read_sqlite_catalog(db.get(), "__drizzle_migrations"));
}

std::string effect_text(const schema::StatementEffect& e, const std::string& file) {
  std::string first_line = file.substr(e.statement_begin, file.find('\n', e.statement_begin) - e.statement_begin);
  std::string out = first_line.substr(0, 30);
  for (const auto& c : e.creates) out += " +" + c;
  for (const auto& c : e.already_exist) out += " =" + c;
  if (!e.understood) out += " ?";
  if (!e.refused.empty()) out += " refused: " + e.refused;
  return out;
}

std::string effects_text(const schema::ReplayResult& r, const std::string& file) {
  std::string out;
  for (const auto& e : r.effects) out += effect_text(e, file) + "\n";
  return out;
}

TEST(SchemaSqliteReplay, SaysWhatEachStatementCreatedAndWhatAlreadyExisted) {
  Schema before = model_of("CREATE TABLE customers (id integer PRIMARY KEY, name text);");
  const std::string file =
      "CREATE TABLE IF NOT EXISTS `customers` (`id` integer PRIMARY KEY);--> statement-breakpoint\n"
      "ALTER TABLE `customers` ADD `email` text;--> statement-breakpoint\n"
      "CREATE TABLE `orders` (`id` integer PRIMARY KEY, `customer_id` integer REFERENCES customers(id));"
      "--> statement-breakpoint\n"
      "CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`);--> statement-breakpoint\n"
      "INSERT INTO `orders` (`id`, `customer_id`) VALUES (1, 99);--> statement-breakpoint\n"
      "ALTER TABLE `customers` ADD `name` text;--> statement-breakpoint\n"
      "CREATE TABLE `later` (`id` integer);";
  SqlFile sql = sql_file(file);
  schema::ReplayResult r = schema::replay_sqlite(before, sql);
  // The INSERT breaks a foreign key only because the replay has no rows: it goes on past it. The
  // second ADD of name is refused as migrate() would be, and nothing after it is known.
  EXPECT_EQ(effects_text(r, file),
            "CREATE TABLE IF NOT EXISTS `cu =customers\n"
            "ALTER TABLE `customers` ADD `e +customers.email\n"
            "CREATE TABLE `orders` (`id` in +orders\n"
            "CREATE INDEX `orders_customer_ +orders_customer_idx\n"
            "INSERT INTO `orders` (`id`, `c\n"
            "ALTER TABLE `customers` ADD `n =customers.name refused: duplicate column name: name\n"
            "CREATE TABLE `later` (`id` int ?\n");
  EXPECT_TRUE(r.after.everything_unknown);
}

TEST(SchemaSqliteReplay, RefusesChunksTheDriverRefuses) {
  struct Case {
    std::string file;
    std::size_t refused_at;
    std::string why;
  };
  const std::string blank_after = "CREATE TABLE a (x integer);--> statement-breakpoint";
  for (const Case& c : {Case{"CREATE TABLE a (x integer); CREATE TABLE b (y integer);", 0, "more than one statement"},
                        Case{blank_after + "\n-- nothing here\n", blank_after.size(), "no statement"}}) {
    SqlFile sql = sql_file(c.file);
    schema::ReplayResult r = schema::replay_sqlite(Schema{}, sql);
    auto refused = std::find_if(r.effects.begin(), r.effects.end(), [](const auto& e) { return !e.refused.empty(); });
    ASSERT_NE(refused, r.effects.end()) << c.file;
    EXPECT_EQ(refused->statement_begin, c.refused_at) << c.file;
    EXPECT_NE(refused->refused.find(c.why), std::string::npos) << refused->refused;
    EXPECT_TRUE(r.after.everything_unknown) << c.file;
  }
}

// drizzle-kit rebuilds a SQLite table to change a column: new table, copy, drop, rename.
TEST(SchemaSqliteReplay, FollowsDrizzleKitsTableRebuild) {
  Schema before = model_of(
      "CREATE TABLE posts (id integer PRIMARY KEY NOT NULL, title text);"
      "CREATE TABLE post_tags (post_id integer NOT NULL REFERENCES posts(id), tag text NOT NULL);"
      "CREATE INDEX post_tags_tag_idx ON post_tags (tag);");
  const std::string file =
      "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
      "CREATE TABLE `__new_posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`title` text NOT NULL,\n"
      "\t`views` integer DEFAULT 0 NOT NULL\n);\n--> statement-breakpoint\n"
      "INSERT INTO `__new_posts`(\"id\", \"title\") SELECT \"id\", \"title\" FROM `posts`;--> statement-breakpoint\n"
      "DROP TABLE `posts`;--> statement-breakpoint\n"
      "ALTER TABLE `__new_posts` RENAME TO `posts`;--> statement-breakpoint\n"
      "PRAGMA foreign_keys=ON;";
  SqlFile sql = sql_file(file);
  schema::ReplayResult r = schema::replay_sqlite(before, sql);
  EXPECT_EQ(effects_text(r, file),
            "PRAGMA foreign_keys=OFF;--> st\n"
            "CREATE TABLE `__new_posts` ( +__new_posts\n"
            "INSERT INTO `__new_posts`(\"id\"\n"
            "DROP TABLE `posts`;--> stateme\n"
            "ALTER TABLE `__new_posts` RENA +posts\n"
            "PRAGMA foreign_keys=ON;\n");
  EXPECT_EQ(schema_text(r.after),
            "table post_tags\n"
            "  column post_id integer not null\n"
            "  column tag text not null\n"
            "  foreign key post_tags_post_id_posts_id_fk (post_id) -> posts (id) on delete no action on update no action\n"
            "  index post_tags_tag_idx btree (tag)\n"
            "table posts\n"
            "  column id integer not null\n"
            "  column title text not null\n"
            "  column views integer not null default 0\n"
            "  primary key  (id)\n");
}

TEST(SchemaSqliteReplay, KeepsWhatWasUnknownUnknown) {
  Schema before = model_of("CREATE TABLE a (x integer); CREATE TABLE b (c integer, d text); CREATE INDEX b_d ON b (d);");
  before.tables.at({"", "a"}).unknown = true;
  before.tables.at({"", "b"}).columns[0].unknown = true;
  before.tables.at({"", "b"}).indexes.at("b_d").unknown = true;
  const std::string file = "ALTER TABLE a ADD y integer;--> statement-breakpoint\nCREATE TABLE n (z integer);";
  SqlFile sql = sql_file(file);
  schema::ReplayResult r = schema::replay_sqlite(before, sql);
  EXPECT_EQ(schema_text(r.after),
            "table a unknown\n"
            "  column x integer\n"
            "  column y integer\n"
            "table b\n"
            "  column c integer unknown\n"
            "  column d text\n"
            "  index b_d btree (d) unknown\n"
            "table n\n"
            "  column z integer\n");
}

TEST(SchemaSqliteCatalog, ReadsPragmasAndWhatOnlyTheCreateTextSays) {
  Db db = memory_database(R"SQL(
    CREATE TABLE `__drizzle_migrations` (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);
    CREATE TABLE _cf_KV (key text);
    CREATE TABLE `authors` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `email` TEXT  NOT NULL,
      `age` integer DEFAULT 18 CONSTRAINT "adult" CHECK (`age` >= 18),
      `upper_email` text GENERATED ALWAYS AS (upper("email")) VIRTUAL,
      `created` integer DEFAULT (unixepoch()) NOT NULL,
      CONSTRAINT authors_email_unique_c UNIQUE(`email`), CHECK (length(email) > 3), UNIQUE (`age`, `created`));
    CREATE TABLE [posts] ([id] integer PRIMARY KEY, author integer REFERENCES authors ON DELETE CASCADE,
      "slug" text, score real AS (id * 2) STORED, CONSTRAINT posts_author_fk FOREIGN KEY (slug) REFERENCES authors(email));
    CREATE INDEX posts_lower_slug ON posts (lower(`slug`) COLLATE NOCASE DESC, id) WHERE `slug` IS NOT NULL;
    CREATE UNIQUE INDEX posts_slug_idx ON posts (slug);
    CREATE VIEW `recent` AS select "id" from "posts" where "id" > 10;
  )SQL");
  EXPECT_EQ(catalog_text(db.get()),
            "table authors\n"
            "  column id integer not null\n"
            "  column email text not null\n"
            "  column age integer default 18\n"
            "  column upper_email text generated upper(email)\n"
            "  column created integer not null default unixepoch()\n"
            "  primary key  (id)\n"
            "  unique authors_age_created_unique (age,created)\n"
            "  unique authors_email_unique_c (email)\n"
            "  check adult age >= 18\n"
            "  check authors_check_1 length(email) > 3\n"
            "table posts\n"
            "  column id integer\n"
            "  column author integer\n"
            "  column slug text\n"
            "  column score real generated id * 2\n"
            "  primary key  (id)\n"
            "  foreign key posts_author_authors_id_fk (author) -> authors (id) on delete cascade on update no action\n"
            "  foreign key posts_author_fk (slug) -> authors (email) on delete no action on update no action\n"
            "  index posts_lower_slug btree (lower(slug),id) where slug is not null\n"
            "  unique index posts_slug_idx btree (slug)\n"
            "view recent as select id from posts where id > 10\n");
}

}  // namespace
}  // namespace miglint::test
