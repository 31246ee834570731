// The live PostgreSQL schema as a model (schema/catalog.h), read from databases the real
// drizzle-orm migrate() built from real drizzle-kit folders, and compared with the model of the
// folder's last snapshot.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "db/pg_client.h"
#include "db_test_support.h"
#include "load/folder_loader.h"
#include "schema/catalog.h"
#include "schema/compare.h"
#include "schema/from_snapshot.h"
#include "support/precision_folder.h"
#include "support/schema_text.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using schema::CatalogError;
using schema::QualifiedName;
using schema::Schema;

const QualifiedName kMigrations{"drizzle", "__drizzle_migrations"};

std::variant<Schema, CatalogError> read_catalog(const std::string& url, const QualifiedName& migrations = kMigrations) {
  pg::Connection connection(url);
  pg::ReadOnlyTransaction tx(connection);
  auto model = schema::read_postgres_catalog(connection, migrations);
  tx.commit();
  return model;
}

// The model of the snapshot of the folder's last migration, as the loader finds it.
Schema last_snapshot(const fs::path& folder) {
  auto loaded = load_folder(folder, folder.string(), std::nullopt);
  Folder* f = std::get_if<Folder>(&loaded);
  if (!f || f->migrations.empty() || !f->migrations.back().snapshot) {
    ADD_FAILURE() << "no last snapshot in " << folder;
    return {};
  }
  auto model = schema::schema_from_snapshot(read_file(folder / f->migrations.back().snapshot->relative_path),
                                            Dialect::PostgreSQL);
  if (!model.schema) ADD_FAILURE() << model.problem;
  return model.schema.value_or(Schema{});
}

std::string differences(const Schema& expected, const Schema& actual) {
  std::string out;
  for (const auto& d : schema::compare(expected, actual)) out += schema::describe(d) + "\n";
  return out;
}

// A fresh database migrated by the real drizzle-orm migrate(); "" when that failed.
std::string migrated_database(const std::string& name, const fs::path& folder) {
  std::string url = create_test_database(name);
  if (url.empty()) return "";
  RunResult migrated = drizzle_migrate(folder, url);
  EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
  return migrated.exit_code == 0 ? url : "";
}

Schema model_or_fail(const std::variant<Schema, CatalogError>& read) {
  if (auto* e = std::get_if<CatalogError>(&read)) ADD_FAILURE() << e->message;
  return std::holds_alternative<Schema>(read) ? std::get<Schema>(read) : Schema{};
}

TEST(DbSchemaCatalog, GeneratedFoldersMigratedByDrizzleEqualTheirLastSnapshot) {
  // PostgreSQL 15 (the tests' server) prints pg-everything's views with their columns qualified
  // (users.status) where drizzle-kit's query has them bare: the definitions still agree.
  const std::map<std::string, std::string> expected = {
      {"pg-index", ""}, {"pg-supabase", ""}, {"pg-timestamp", ""}, {"pg-unix", ""}, {"pg-everything", ""}};
  // pg-none is left out: its tags break migrate() (GeneratedFolders.PrefixModeNoneIsReportedForWhatItBreaks).
  for (const auto& [name, differing] : expected) {
    SCOPED_TRACE(name);
    fs::path folder = fixtures_dir() / "generated" / name / "drizzle";
    std::string url = migrated_database("catalog_" + name.substr(3), folder);
    if (url.empty()) return;
    Schema catalog = model_or_fail(read_catalog(url));
    EXPECT_EQ(differences(last_snapshot(folder), catalog), differing) << schema_text(catalog);
  }
}

// What PostgreSQL keeps other than a snapshot spells it (support/precision_folder.h: names over
// 63 bytes, a 'text COLLATE "C"' type, jsonb defaults, index keys with DESC, COLLATE or an
// operator class in their expression, a default operator class): the catalog's model is the
// snapshot's.
TEST(DbSchemaCatalog, SpellingsPostgresqlChangesAgreeWithTheSnapshot) {
  std::string url = create_test_database("catalog_precision");
  if (url.empty()) return;
  psql(url, std::string("CREATE EXTENSION pg_trgm;\n") + kPrecisionSql);
  auto snapshot = schema::schema_from_snapshot(kPrecisionSnapshot, Dialect::PostgreSQL);
  ASSERT_TRUE(snapshot.schema) << snapshot.problem;
  Schema catalog = model_or_fail(read_catalog(url));
  EXPECT_EQ(differences(*snapshot.schema, catalog), "") << schema_text(catalog);
}

// Objects drizzle cannot describe, made by hand beside a migrated folder. Extensions' objects
// (pg_stat_statements' views in public, hstore's and citext's types, cube in its own schema),
// partitions, an inheritance child, a domain and a composite type add nothing; the tables made by
// hand are real differences, and so are the schemas and the index made by hand.
TEST(DbSchemaCatalog, ObjectsDrizzleCannotDescribeAddNoFalseDifference) {
  fs::path folder = fixtures_dir() / "generated/pg-index/drizzle";
  std::string url = migrated_database("catalog_exotic", folder);
  if (url.empty()) return;
  psql(url, R"SQL(
    CREATE EXTENSION pg_trgm; CREATE EXTENSION hstore; CREATE EXTENSION pg_stat_statements; CREATE EXTENSION citext;
    CREATE SCHEMA ext; CREATE EXTENSION cube SCHEMA ext;
    CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
    CREATE TYPE pair AS (a int, b text);
    CREATE SCHEMA audit;
    CREATE TABLE audit.log (id bigserial PRIMARY KEY, at timestamptz DEFAULT now(), data hstore, c ext.cube);
    CREATE TABLE events (id int, at date NOT NULL, tag citext, qty positive_int, p pair, tags citext[])
      PARTITION BY RANGE (at);
    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
    CREATE INDEX events_at_idx ON events (at);
    ALTER TABLE events ADD PRIMARY KEY (id, at);
    CREATE TABLE order_archive () INHERITS (orders);
    CREATE TABLE refs (e_id int, e_at date, FOREIGN KEY (e_id, e_at) REFERENCES events (id, at));
    CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops);
  )SQL");
  Schema catalog = model_or_fail(read_catalog(url));
  EXPECT_EQ(differences(last_snapshot(folder), catalog),
            "schema audit: there, not here\n"
            "schema ext: there, not here\n"
            "index public.customers.customers_name_trgm: there, not here\n"
            "table audit.log: there, not here\n"
            "table public.events: there, not here\n"
            "table public.refs: there, not here\n")
      << schema_text(catalog);
}

TEST(DbSchemaCatalog, AUserWhoMayNotReadACatalogTableGetsTheGrantAndKeepsItsTransaction) {
  std::string url = migrated_database("catalog_denied", fixtures_dir() / "generated/pg-index/drizzle");
  if (url.empty()) return;
  const std::string role = "catalog_denied_reader";
  psql(url, "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN PASSWORD 'catalog-test'; "
            "GRANT USAGE ON SCHEMA drizzle TO " + role + "; GRANT SELECT ON drizzle.__drizzle_migrations TO " + role +
            "; REVOKE SELECT ON pg_catalog.pg_policy FROM PUBLIC");
  std::string as_role = "postgresql://" + role + ":catalog-test@" + url.substr(url.find('@') + 1);
  {
    pg::Connection connection(as_role);
    pg::ReadOnlyTransaction tx(connection);
    auto read = schema::read_postgres_catalog(connection, kMigrations);
    ASSERT_TRUE(std::holds_alternative<CatalogError>(read));
    EXPECT_EQ(std::get<CatalogError>(read).message,
              "could not read the schema from the PostgreSQL catalog: permission denied for table pg_policy. Grant the "
              "user SELECT on pg_catalog.pg_policy (GRANT SELECT ON pg_catalog.pg_policy TO the user; every user may "
              "read it unless it was revoked), or check with a user that may read it");
    // The caller's other checks go on in the same transaction.
    EXPECT_STREQ(connection.exec("SELECT count(*) FROM drizzle.__drizzle_migrations")[0][0].c_str(), "3");
    tx.commit();
  }
  psql(url, "GRANT SELECT ON pg_catalog.pg_policy TO PUBLIC; DROP OWNED BY " + role + "; DROP ROLE " + role);
}

// Statements sent to the server while reading the catalog, counted on the wire (libpq's trace of
// the protocol: a simple Query or an extended-protocol Parse each).
struct CountedRead {
  std::size_t statements = 0;
  std::size_t tables = 0;
};

CountedRead count_catalog_statements(const std::string& url) {
  CountedRead counted;
  pg::Connection connection(url);
  pg::ReadOnlyTransaction tx(connection);
  std::FILE* trace = std::tmpfile();
  connection.trace(trace);
  auto read = schema::read_postgres_catalog(connection, kMigrations);
  connection.trace(nullptr);
  tx.commit();
  counted.tables = model_or_fail(read).tables.size();
  std::rewind(trace);
  char line[4096];
  bool line_start = true;
  while (std::fgets(line, sizeof line, trace)) {
    std::string_view text(line);
    bool sent = line_start && (text.find("\tF\t") != std::string_view::npos || text.starts_with("F\t"));
    if (sent && (text.find("\tQuery\t") != std::string_view::npos || text.find("\tParse\t") != std::string_view::npos)) {
      ++counted.statements;
    }
    line_start = text.ends_with('\n');
  }
  std::fclose(trace);
  return counted;
}

TEST(DbSchemaCatalog, ReadsWithTheSameNumberOfStatementsForFiveOrFiveHundredTables) {
  std::map<int, CountedRead> counts;
  for (int tables : {5, 500}) {
    std::string url = create_test_database("catalog_count_" + std::to_string(tables));
    if (url.empty()) return;
    // Each table: a primary key, a serial, a foreign key, a unique constraint, a check, an index.
    psql(url, "DO $$ BEGIN FOR i IN 1.." + std::to_string(tables) +
                  " LOOP EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, ref int REFERENCES t%s (id), "
                  "v text UNIQUE CHECK (length(v) < 9), s serial)', i, greatest(i - 1, 1)); "
                  "EXECUTE format('CREATE INDEX t%s_v ON t%s (lower(v))', i, i); END LOOP; END $$");
    counts[tables] = count_catalog_statements(url);
    EXPECT_EQ(counts[tables].tables, static_cast<std::size_t>(tables));
  }
  EXPECT_EQ(counts[5].statements, counts[500].statements);
  // SAVEPOINT, SET LOCAL search_path, the seven queries, ROLLBACK TO SAVEPOINT.
  EXPECT_EQ(counts[500].statements, 10u);
}

// A custom migrationsSchema / migrationsTable: that table is left out, and public stays.
TEST(DbSchemaCatalog, LeavesOutACustomMigrationsTable) {
  std::string url = create_test_database("catalog_custom_table");
  if (url.empty()) return;
  fs::path folder = fixtures_dir() / "generated/pg-index/drizzle";
  RunResult migrated = run_shell(drizzle_command() + " migrate " + sh_quote(folder.string()) + " " + sh_quote(url) +
                                 " --schema public --table applied_migrations");
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  Schema catalog = model_or_fail(read_catalog(url, QualifiedName{"public", "applied_migrations"}));
  EXPECT_EQ(differences(last_snapshot(folder), catalog), "") << schema_text(catalog);
}

// Changes made by hand after migrate() (what push or psql do) are what differs, each once.
TEST(DbSchemaCatalog, ChangesMadeByHandAreTheDifferences) {
  fs::path folder = fixtures_dir() / "generated/pg-index/drizzle";
  std::string url = migrated_database("catalog_by_hand", folder);
  if (url.empty()) return;
  psql(url, R"SQL(
    ALTER TABLE customers ADD COLUMN nickname varchar(40);
    ALTER TABLE products ALTER COLUMN price_cents TYPE bigint;
    DROP INDEX orders_status_idx;
    ALTER TYPE order_status ADD VALUE 'refunded';
    ALTER TABLE order_items RENAME TO order_lines;
    ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'paid';
    ALTER TABLE orders DROP CONSTRAINT orders_customer_id_customers_id_fk;
    ALTER TABLE orders ADD CONSTRAINT orders_customer_id_customers_id_fk FOREIGN KEY (customer_id)
      REFERENCES customers (id) ON DELETE SET NULL;
  )SQL");
  EXPECT_EQ(differences(last_snapshot(folder), model_or_fail(read_catalog(url))),
            "enum public.order_status: values pending, paid, shipped, cancelled here, pending, paid, shipped, "
            "cancelled, refunded there\n"
            "column public.customers.nickname: there, not here\n"
            "table public.order_items: here, not there\n"
            "column public.orders.status: default 'pending' here, 'paid' there\n"
            "index public.orders.orders_status_idx: here, not there\n"
            "foreign key public.orders.orders_customer_id_customers_id_fk: on delete cascade here, set null there\n"
            "column public.products.price_cents: type integer here, bigint there\n"
            "table public.order_lines: there, not here\n");
}

// What the model holds, spelled out once, for a reader to check against 0000-0001's SQL.
TEST(DbSchemaCatalog, PgIndexModelHoldsEveryPart) {
  std::string url = migrated_database("catalog_index_parts", fixtures_dir() / "generated/pg-index/drizzle");
  if (url.empty()) return;
  EXPECT_EQ(schema_text(model_or_fail(read_catalog(url))),
            "enum public.order_status (pending,paid,shipped,cancelled)\n"
            "table public.customers\n"
            "  column id uuid not null default gen_random_uuid()\n"
            "  column email text not null\n"
            "  column name text not null\n"
            "  column created_at timestamp with time zone not null default now()\n"
            "  column phone text\n"
            "  primary key customers_pkey (id)\n"
            "  unique index customers_email_idx btree (email)\n"
            "table public.order_items\n"
            "  column order_id uuid not null\n"
            "  column product_id integer not null\n"
            "  column quantity integer not null default 1\n"
            "  primary key order_items_order_id_product_id_pk (order_id,product_id)\n"
            "  foreign key order_items_order_id_orders_id_fk (order_id) -> public.orders (id) on delete no action on "
            "update no action\n"
            "  foreign key order_items_product_id_products_id_fk (product_id) -> public.products (id) on delete no "
            "action on update no action\n"
            "table public.orders\n"
            "  column id uuid not null default gen_random_uuid()\n"
            "  column customer_id uuid not null\n"
            "  column status order_status not null default 'pending'\n"
            "  primary key orders_pkey (id)\n"
            "  foreign key orders_customer_id_customers_id_fk (customer_id) -> public.customers (id) on delete cascade "
            "on update no action\n"
            "  index orders_customer_idx btree (customer_id)\n"
            "  index orders_status_idx btree (status)\n"
            "table public.products\n"
            "  column id integer not null identity always\n"
            "  column sku text not null\n"
            "  column price_cents integer not null\n"
            "  primary key products_pkey (id)\n"
            "  unique products_sku_unique (sku)\n");
}

}  // namespace
}  // namespace miglint::test
